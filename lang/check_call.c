/* check_call.c — calls: function and method calls (argument counts,
 * variadic calls, multi-value arguments), conversions T(x) (constant and
 * not), and every builtin of ast.h's BUILTINS with Go's rules.
 *
 * It sets CALL's `kind` and `builtin` annotations and the call's result
 * type (a TUPLE for several results, MODE_NOVALUE for none).
 */
#include <gc.h>
#include <stdio.h>
#include <string.h>

#include "check_impl.h"

/* "(int, string)" of the arguments, untyped numbers as "number". */
static const char *have_str(Node **args, int n)
{
    char buf[512];
    size_t len = 0;
    buf[len++] = '(';
    buf[len] = 0;
    for (int i = 0; i < n; i++) {
        const Type *t = args[i]->type;
        const char *s;
        if (t && t->kind == KIND_TUPLE) {
            for (int j = 0; j < t->nresults; j++) {
                s = tstr(t->results[j]);
                len +=
                    (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", (i || j) ? ", " : "", s);
                if (len >= sizeof buf)
                    len = sizeof buf - 1;
            }
            continue;
        }
        s = summary_type(t);
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? ", " : "", s);
        if (len >= sizeof buf)
            len = sizeof buf - 1;
    }
    snprintf(buf + len, sizeof buf - len, ")");
    return check_fmt("%s", buf);
}

static const char *want_str(const Type *sig)
{
    char buf[512];
    size_t len = 0;
    buf[len++] = '(';
    buf[len] = 0;
    for (int i = 0; i < sig->nparams; i++) {
        const char *s = (sig->variadic && i == sig->nparams - 1)
                            ? check_fmt("...%s", tstr(sig->params[i]->elem))
                            : tstr(sig->params[i]);
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? ", " : "", s);
        if (len >= sizeof buf)
            len = sizeof buf - 1;
    }
    snprintf(buf + len, sizeof buf - len, ")");
    return check_fmt("%s", buf);
}

/* Arguments: each checked once; a lone multi-value call spreads. Returns
 * the argument types in *types (flattened) and their count. */
/* The type of parameter i of sig for argument i (NULL: none). */
static Type *param_type(Node *call, Type *sig, int i)
{
    if (!sig)
        return NULL;
    int np = sig->nparams;
    if (sig->variadic && i >= np - 1)
        return call->u.call.has_ellipsis ? sig->params[np - 1] : sig->params[np - 1]->elem;
    return i < np ? sig->params[i] : NULL;
}

static int check_args(Checker *c, Node *call, Type ***types, Type *sig)
{
    NodeList *args = &call->u.call.args;
    if (args->len == 1) {
        Node *a = args->items[0];
        if (gen_is_uninstantiated(c, a))
            check_expr(c, a, param_type(call, sig, 0)); /* f(G): G's type args from f's */
        else
            check_multi(c, a);
        if (a->type && a->type->kind == KIND_TUPLE && a->mode != MODE_NOVALUE) {
            *types = a->type->results;
            return a->type->nresults;
        }
        if (a->mode == MODE_NOVALUE) {
            check_error(c, a->pos, "%s (no value) used as value", expr_str(a));
            a->mode = MODE_INVALID;
            a->type = t_invalid;
        } else if (a->mode == MODE_COMMAOK) {
            a->mode = MODE_VALUE;
        }
        Type **ts = GC_MALLOC(sizeof(Type *));
        ts[0] = a->type;
        *types = ts;
        return 1;
    }
    Type **ts = GC_MALLOC(sizeof(Type *) * (size_t)(args->len + 1));
    for (int i = 0; i < args->len; i++) {
        check_expr(c, args->items[i], param_type(call, sig, i));
        ts[i] = args->items[i]->type;
    }
    *types = ts;
    return args->len;
}

/* A call of sig; ats/na: the arguments' types when already checked (a
 * generic callee needs them first, to infer its type arguments), else
 * NULL. */
static void check_func_call(Checker *c, Node *n, Type *sig, Type **ats, int na)
{
    Node *fun = n->u.call.fun;
    NodeList *args = &n->u.call.args;
    if (!ats)
        na = check_args(c, n, &ats, sig);
    bool spread = args->len == 1 && na != 1;
    /* the callee's text only for messages: printing it at every call would
     * make a chain f()()()... quadratic */
#define fname expr_str(fun)
    int np = sig->nparams;
    bool bad = false;
    for (int i = 0; i < args->len; i++)
        if (args->items[i]->mode == MODE_INVALID)
            bad = true;
    if (n->u.call.has_ellipsis) {
        if (!sig->variadic) {
            check_error(c, n->pos, "cannot use ... in call to non-variadic %s", fname);
            bad = true;
        } else if (na != np) {
            check_error(c, n->pos, "%s arguments in call to %s\n\thave %s\n\twant %s",
                        na < np ? "not enough" : "too many", fname,
                        have_str(args->items, args->len), want_str(sig));
            bad = true;
        }
    } else if (sig->variadic ? na < np - 1 : na != np) {
        if (!bad) {
            bool few = na < np;
            Pos at = spread ? args->items[0]->pos
                     : few  ? (args->len ? args->items[args->len - 1]->pos : n->pos)
                            : args->items[np]->pos;
            check_error(c, at, "%s arguments in call to %s\n\thave %s\n\twant %s",
                        few ? "not enough" : "too many", fname, have_str(args->items, args->len),
                        want_str(sig));
        }
        bad = true;
    }
    if (!bad && args->len > 0) {
        const char *ctx = check_fmt("argument to %s", fname);
        if (spread) {
            for (int i = 0; i < na; i++) {
                Type *pt =
                    (sig->variadic && i >= np - 1) ? sig->params[np - 1]->elem : sig->params[i];
                if (!type_assignable(ats[i], pt)) {
                    check_error(c, args->items[0]->pos,
                                "cannot use %s (value of type %s) as %s value in %s",
                                expr_str(args->items[0]), tstr(ats[i]), tstr(pt), ctx);
                    break;
                }
            }
        } else {
            for (int i = 0; i < args->len; i++) {
                Type *pt;
                if (sig->variadic && i >= np - 1)
                    pt = n->u.call.has_ellipsis ? sig->params[np - 1] : sig->params[np - 1]->elem;
                else
                    pt = sig->params[i];
                check_assign_to(c, args->items[i], pt, ctx);
            }
        }
    }
#undef fname
    if (sig->nresults == 0) {
        n->mode = MODE_NOVALUE;
        n->type = type_tuple(NULL, 0);
    } else if (sig->nresults == 1) {
        n->mode = MODE_VALUE;
        n->type = sig->results[0];
    } else {
        n->mode = MODE_VALUE;
        n->type = type_tuple(sig->results, sig->nresults);
    }
}

void check_call(Checker *c, Node *n)
{
    Node *fun = n->u.call.fun;
    Node *gf = unparen(fun);
    Symbol *g = gen_ref(c, gf->kind == AST_INDEX ? gf->u.index.x : gf);
    if (g && g->kind == SYM_FUNC) {
        /* a generic function: arguments first, then inference; arguments
         * that are generic functions themselves wait for the parameter
         * types */
        NodeList *args = &n->u.call.args;
        bool *later = GC_MALLOC((size_t)args->len + 1);
        bool any_later = false;
        for (int i = 0; i < args->len; i++) {
            Node *a = unparen(args->items[i]);
            Symbol *ag = gen_ref(c, a->kind == AST_INDEX ? a->u.index.x : a);
            int given = a->kind != AST_INDEX        ? 0
                        : a->u.index.indices.len ? a->u.index.indices.len
                                                 : 1;
            if (ag && ag->kind == SYM_FUNC && given < gen_nparams(ag))
                later[i] = any_later = true;
        }
        Type **ats;
        int na;
        if (!any_later) {
            na = check_args(c, n, &ats, NULL);
        } else {
            na = args->len;
            ats = GC_MALLOC(sizeof(Type *) * (size_t)(na + 1));
            for (int i = 0; i < na; i++)
                if (!later[i]) {
                    check_expr(c, args->items[i], NULL);
                    ats[i] = args->items[i]->type;
                }
        }
        Type *sig = gen_call(c, n, g, ats, na);
        if (!sig) {
            set_invalid(n);
            return;
        }
        if (any_later) {
            int np = sig->nparams;
            for (int i = 0; i < na; i++) {
                if (!later[i])
                    continue;
                Type *pt = i < np - 1 || !sig->variadic ? (i < np ? sig->params[i] : NULL)
                           : n->u.call.has_ellipsis ? sig->params[np - 1]
                                                    : sig->params[np - 1]->elem;
                if (!gen_func_arg(c, args->items[i], pt)) {
                    set_invalid(n);
                    return;
                }
                ats[i] = args->items[i]->type;
            }
        }
        n->u.call.kind = CALL_FUNC;
        check_func_call(c, n, sig, ats, na);
        return;
    }
    check_expr_or_type(c, fun);
    if (fun->mode == MODE_INVALID) {
        for (int i = 0; i < n->u.call.args.len; i++)
            check_multi(c, n->u.call.args.items[i]);
        set_invalid(n);
        return;
    }
    if (fun->mode == MODE_TYPE) {
        n->u.call.kind = CALL_CONVERSION;
        check_conversion(c, n, fun->type);
        return;
    }
    if (fun->mode == MODE_BUILTIN) {
        n->u.call.kind = CALL_BUILTIN;
        Node *id = fun; /* (len)(s) is len(s) */
        while (id->kind == AST_PAREN)
            id = id->u.paren.x;
        Builtin b =
            id->kind == AST_IDENT && id->u.ident.sym ? id->u.ident.sym->builtin : BUILTIN_NONE;
        n->u.call.builtin = b;
        check_builtin(c, n, b);
        return;
    }
    if (fun->mode == MODE_PACKAGE) {
        check_error(c, fun->pos, "use of package %s without selector", expr_str(fun));
        set_invalid(n);
        return;
    }
    if (fun->type && fun->type->kind == KIND_TUPLE) {
        check_error(c, fun->pos, "multiple-value %s (value of type %s) in single-value context",
                    expr_str(fun), tstr(fun->type));
        set_invalid(n);
        return;
    }
    Type *sig = under(fun->type);
    if (sig->kind != KIND_FUNC) {
        check_error(c, n->pos, "invalid operation: cannot call non-function %s",
                    operand_str(c, fun));
        for (int i = 0; i < n->u.call.args.len; i++)
            check_multi(c, n->u.call.args.items[i]);
        set_invalid(n);
        return;
    }
    Node *f = fun;
    while (f->kind == AST_PAREN)
        f = f->u.paren.x;
    n->u.call.kind = CALL_FUNC;
    if (f->kind == AST_SELECTOR) {
        if (f->u.selector.kind == SEL_METHOD)
            n->u.call.kind = CALL_METHOD;
        else if (f->u.selector.kind == SEL_IFACEMETHOD)
            n->u.call.kind = CALL_IFACE;
    }
    check_func_call(c, n, sig, NULL, 0);
}

/* ---- conversions ---- */

static bool const_type(const Type *t)
{
    TypeKind k = under(t)->kind;
    return k == KIND_BOOL || k == KIND_STRING || kind_is_integer(k) || kind_is_float(k) ||
           kind_is_complex(k);
}

void check_conversion(Checker *c, Node *n, Type *t)
{
    NodeList *args = &n->u.call.args;
    if (args->len != 1 || n->u.call.has_ellipsis) {
        for (int i = 0; i < args->len; i++)
            check_expr(c, args->items[i], NULL);
        if (args->len == 0)
            check_error(c, n->pos, "missing argument in conversion to %s", tstr(t));
        else if (args->len > 1)
            check_error(c, args->items[args->len - 1]->pos,
                        "too many arguments in conversion to %s", tstr(t));
        else
            check_error(c, n->pos, "invalid use of ... in conversion to %s", tstr(t));
        set_invalid(n);
        return;
    }
    Node *x = args->items[0];
    check_expr(c, x, NULL);
    if (x->mode == MODE_INVALID || is_invalid(t)) {
        set_invalid(n);
        return;
    }
    Type *tu = under(t);
    if (x->mode == MODE_CONST && const_type(t)) {
        ConstVal *cv = NULL;
        if (tu->kind == KIND_STRING && is_integer_t(x->type)) {
            /* string(rune constant) */
            __int128 r;
            cv_to_int(x->cv, &r);
            uint8_t buf[4];
            int k = utf8_encode((r < 0 || r > 0x10FFFF) ? 0xFFFD : (int32_t)r, buf);
            uint8_t *p = GC_MALLOC_ATOMIC(4);
            memcpy(p, buf, (size_t)k);
            cv = cv_string((String){p, k});
            if (is_untyped(x->type))
                check_default(c, x);
        } else if (type_convertible(x->type, t)) {
            cv = cv_convert(x->cv, t, NULL);
            if (!cv) {
                /* Go names the type as written (byte, not uint8) */
                Node *fun = n->u.call.fun;
                const char *tn = fun->kind == AST_IDENT ? fun->u.ident.name : tstr(t);
                /* types2: only integer to integer gets the concise
                 * overflow message (go.dev/issue/63563) */
                if (is_integer_t(x->type) && kind_is_integer(tu->kind))
                    check_error(c, x->pos, "constant %s overflows %s", cv_str(x->cv), tn);
                else
                    check_error(c, x->pos, "cannot convert %s to type %s", operand_str(c, x), tn);
                set_invalid(n);
                return;
            }
            if (is_untyped(x->type)) {
                Type *xt = t;
                x->type = xt;
                ConstVal *xc = cv_convert(x->cv, xt, NULL);
                if (xc)
                    x->cv = xc;
            }
        } else {
            check_error(c, x->pos, "cannot convert %s to type %s", operand_str(c, x), tstr(t));
            set_invalid(n);
            return;
        }
        n->mode = MODE_CONST;
        n->cv = cv;
        n->type = t;
        return;
    }
    if (!type_convertible(x->type, t)) {
        check_error(c, x->pos, "cannot convert %s to type %s", operand_str(c, x), tstr(t));
        set_invalid(n);
        return;
    }
    if (is_untyped(x->type)) {
        if (x->type->kind == KIND_UNTYPED_NIL)
            x->type = t;
        else if (tu->kind == KIND_INTERFACE || (tu->kind == KIND_STRING && is_integer_t(x->type)) ||
                 tu->kind == KIND_SLICE)
            check_default(c, x);
        else
            check_representable(c, x, t, "conversion");
    }
    n->mode = MODE_VALUE;
    n->type = t;
}

/* ---- builtins ---- */

/* A builtin taking exactly `want` arguments: on any other count, checks
 * the arguments anyway (when they are expressions, so their own errors
 * and uses are still reported), reports Go's count error, marks the call
 * invalid and returns false. */
static bool builtin_nargs(Checker *c, Node *n, int want, bool check_args)
{
    NodeList *args = &n->u.call.args;
    int have = args->len;
    if (have == want)
        return true;
    if (check_args)
        for (int i = 0; i < have; i++)
            check_expr(c, args->items[i], NULL);
    check_error(c, n->pos, "invalid operation: %s arguments for %s (expected %d, found %d)",
                have < want ? "not enough" : "too many", expr_str(n), want, have);
    set_invalid(n);
    return false;
}
/* Whether len/cap of x is a constant (Go: no calls or receives). */
static bool has_call_or_recv(Node *n)
{
    if (!n)
        return false;
    switch (n->kind) {
    case AST_CALL:
        return n->u.call.kind != CALL_CONVERSION ||
               has_call_or_recv(n->u.call.args.len ? n->u.call.args.items[0] : NULL);
    case AST_UNARY:
        return n->u.unary.op == TOK_ARROW || has_call_or_recv(n->u.unary.x);
    case AST_PAREN:
        return has_call_or_recv(n->u.paren.x);
    case AST_SELECTOR:
        return has_call_or_recv(n->u.selector.x);
    case AST_INDEX:
        return has_call_or_recv(n->u.index.x) || has_call_or_recv(n->u.index.index);
    case AST_STAR:
        return has_call_or_recv(n->u.star.x);
    case AST_BINARY:
        return has_call_or_recv(n->u.binary.x) || has_call_or_recv(n->u.binary.y);
    case AST_COMPOSITELIT:
        /* len([3]int{}) is constant; len([3]int{f()}) is not */
        for (int i = 0; i < n->u.compositelit.elts.len; i++)
            if (has_call_or_recv(n->u.compositelit.elts.items[i]))
                return true;
        return false;
    case AST_KEYVALUE:
        return has_call_or_recv(n->u.keyvalue.key) || has_call_or_recv(n->u.keyvalue.value);
    default:
        return false;
    }
}

static void result(Node *n, Type *t, ExprMode m)
{
    n->type = t;
    n->mode = m;
}

static void novalue(Node *n)
{
    result(n, type_tuple(NULL, 0), MODE_NOVALUE);
}

/* Converts an untyped size/index argument of make to int; checks it. */
static bool size_arg(Checker *c, Node *a, const char *what)
{
    check_expr(c, a, NULL);
    if (a->mode == MODE_INVALID)
        return false;
    if (a->mode == MODE_CONST && is_untyped(a->type)) {
        __int128 v;
        if (!cv_to_int(a->cv, &v) || !is_numeric(a->type)) {
            check_error(c, a->pos, "%s (%s) must be integer", expr_str(a), operand_str(c, a));
            return false;
        }
        if (v < 0) {
            check_error(c, a->pos,
                        "invalid argument: index %s (constant of type int) must not be negative",
                        expr_str(a));
            return false;
        }
        check_representable(c, a, type_basic[KIND_INT], what);
        return true;
    }
    if (!is_integer_t(a->type)) {
        check_error(c, a->pos, "cannot convert %s to type int", operand_str(c, a));
        return false;
    }
    if (is_untyped(a->type))
        check_default(c, a);
    if (a->mode == MODE_CONST) {
        __int128 v;
        cv_to_int(a->cv, &v);
        if (v < 0) {
            check_error(c, a->pos, "invalid argument: index %s must not be negative",
                        operand_str(c, a));
            return false;
        }
    }
    return true;
}

void check_builtin(Checker *c, Node *n, Builtin b)
{
    NodeList *args = &n->u.call.args;
    int na = args->len;
    const char *name = expr_str(n->u.call.fun);
    if (n->u.call.has_ellipsis && b != BUILTIN_APPEND) {
        check_error(c, n->pos, "invalid operation: invalid use of ... with built-in %s", name);
        for (int i = 0; i < na; i++)
            check_expr(c, args->items[i], NULL);
        set_invalid(n);
        return;
    }
    switch (b) {
    case BUILTIN_APPEND: {
        if (na == 0) {
            check_error(c, n->pos,
                        "invalid operation: not enough arguments for %s (expected 1, found 0)",
                        expr_str(n));
            set_invalid(n);
            return;
        }
        Node *s = args->items[0];
        check_expr(c, s, NULL);
        if (s->mode == MODE_INVALID) {
            for (int i = 1; i < na; i++)
                check_expr(c, args->items[i], NULL);
            set_invalid(n);
            return;
        }
        if (s->type->kind == KIND_UNTYPED_NIL) {
            check_error(c, s->pos, "first argument to append must be a slice; have untyped nil");
            set_invalid(n);
            return;
        }
        Type *st = s->type, *su = under(st);
        if (su->kind != KIND_SLICE) {
            check_error(c, s->pos, "first argument to append must be a slice; have %s",
                        operand_str(c, s));
            for (int i = 1; i < na; i++)
                check_expr(c, args->items[i], NULL);
            set_invalid(n);
            return;
        }
        if (n->u.call.has_ellipsis) {
            if (na != 2) {
                check_error(c, n->pos, "can only use ... with final argument in list");
                set_invalid(n);
                return;
            }
            Node *t = args->items[1];
            check_expr(c, t, NULL);
            if (t->mode == MODE_INVALID) {
                set_invalid(n);
                return;
            }
            bool ok = false;
            if (under(su->elem)->kind == KIND_UINT8 &&
                (under(t->type)->kind == KIND_STRING || t->type->kind == KIND_UNTYPED_STRING)) {
                if (is_untyped(t->type))
                    check_default(c, t);
                ok = true;
            } else if (t->type->kind == KIND_UNTYPED_NIL) {
                t->type = st;
                ok = true;
            } else {
                ok = type_assignable(t->type, type_slice(su->elem)) ||
                     (under(t->type)->kind == KIND_SLICE && under(t->type)->elem == su->elem);
            }
            if (!ok)
                check_error(c, t->pos, "cannot use %s as []%s value in argument to append",
                            operand_str(c, t), tstr(su->elem));
        } else {
            for (int i = 1; i < na; i++) {
                Node *a = args->items[i];
                check_expr(c, a, su->elem);
                check_assign_to(c, a, su->elem, "argument to append");
            }
        }
        result(n, st, MODE_VALUE);
        return;
    }
    case BUILTIN_CAP:
    case BUILTIN_LEN: {
        if (!builtin_nargs(c, n, 1, true))
            return;
        Node *x = args->items[0];
        check_expr(c, x, NULL);
        if (x->mode == MODE_INVALID) {
            set_invalid(n);
            return;
        }
        Type *u = under(x->type);
        if (u->kind == KIND_POINTER && under(u->elem)->kind == KIND_ARRAY)
            u = under(u->elem);
        bool ok;
        switch (u->kind) {
        case KIND_STRING:
        case KIND_UNTYPED_STRING:
            ok = b == BUILTIN_LEN;
            break;
        case KIND_ARRAY:
        case KIND_SLICE:
        case KIND_CHAN:
            ok = true;
            break;
        case KIND_MAP:
            ok = b == BUILTIN_LEN;
            break;
        default:
            ok = false;
            break;
        }
        if (!ok) {
            check_error(c, x->pos, "invalid argument: %s for %s", operand_str(c, x), name);
            set_invalid(n);
            return;
        }
        result(n, type_basic[KIND_INT], MODE_VALUE);
        if (x->mode == MODE_CONST && x->cv && x->cv->kind == CONST_STRING) {
            n->mode = MODE_CONST;
            n->cv = cv_int(x->cv->s.len);
            if (is_untyped(x->type))
                check_default(c, x);
        } else if (u->kind == KIND_ARRAY && !has_call_or_recv(x)) {
            n->mode = MODE_CONST;
            n->cv = cv_int(u->len);
        } else if (is_untyped(x->type)) {
            check_default(c, x);
        }
        return;
    }
    case BUILTIN_CLEAR: {
        if (!builtin_nargs(c, n, 1, true))
            return;
        Node *x = args->items[0];
        check_expr(c, x, NULL);
        if (x->mode != MODE_INVALID) {
            TypeKind k = under(x->type)->kind;
            if (k != KIND_MAP && k != KIND_SLICE)
                check_error(c, x->pos,
                            "invalid argument: cannot clear %s: argument must be (or constrained "
                            "by) map or slice",
                            operand_str(c, x));
        }
        novalue(n);
        return;
    }
    case BUILTIN_CLOSE: {
        if (!builtin_nargs(c, n, 1, true))
            return;
        Node *x = args->items[0];
        check_expr(c, x, NULL);
        if (x->mode != MODE_INVALID) {
            Type *u = under(x->type);
            if (u->kind != KIND_CHAN)
                check_error(c, x->pos, "invalid operation: cannot close non-channel %s",
                            operand_str(c, x));
            else if (u->dir == CHAN_RECV)
                check_error(c, x->pos, "invalid operation: cannot close receive-only channel %s",
                            operand_str(c, x));
        }
        novalue(n);
        return;
    }
    case BUILTIN_COMPLEX: {
        if (!builtin_nargs(c, n, 2, true))
            return;
        Node *x = args->items[0], *y = args->items[1];
        check_expr(c, x, NULL);
        check_expr(c, y, NULL);
        if (x->mode == MODE_INVALID || y->mode == MODE_INVALID) {
            set_invalid(n);
            return;
        }
        /* untyped operands take the other's type, or become untyped
         * floats together (types2's builtin complex) */
        if (is_untyped(x->type) && !is_untyped(y->type))
            check_convert_untyped(c, x, y->type);
        else if (is_untyped(y->type) && !is_untyped(x->type))
            check_convert_untyped(c, y, x->type);
        else if (is_untyped(x->type) && is_untyped(y->type) && is_numeric(x->type) &&
                 is_numeric(y->type)) {
            check_convert_untyped(c, x, type_basic[KIND_UNTYPED_FLOAT]);
            check_convert_untyped(c, y, type_basic[KIND_UNTYPED_FLOAT]);
        }
        if (x->mode == MODE_INVALID || y->mode == MODE_INVALID || is_invalid(x->type) ||
            is_invalid(y->type)) {
            set_invalid(n);
            return;
        }
        if (x->type != y->type) {
            check_error(c, x->pos, "invalid operation: %s (mismatched types %s and %s)",
                        expr_str(n), tstr(x->type), tstr(y->type));
            set_invalid(n);
            return;
        }
        TypeKind k = under(x->type)->kind;
        Type *rt = k == KIND_FLOAT32         ? type_basic[KIND_COMPLEX64]
                   : k == KIND_FLOAT64       ? type_basic[KIND_COMPLEX128]
                   : k == KIND_UNTYPED_FLOAT ? type_basic[KIND_UNTYPED_COMPLEX]
                                             : NULL;
        if (!rt) {
            check_error(c, x->pos,
                        "invalid argument: arguments have type %s, expected floating-point",
                        tstr(x->type));
            set_invalid(n);
            return;
        }
        if (x->mode == MODE_CONST && y->mode == MODE_CONST) {
            long double re = x->cv->kind == CONST_INT ? (long double)x->cv->i : x->cv->f;
            long double im = y->cv->kind == CONST_INT ? (long double)y->cv->i : y->cv->f;
            result(n, rt, MODE_CONST);
            n->cv = cv_complex(re, im);
        } else {
            result(n, rt, MODE_VALUE);
        }
        return;
    }
    case BUILTIN_REAL:
    case BUILTIN_IMAG: {
        if (!builtin_nargs(c, n, 1, true))
            return;
        Node *x = args->items[0];
        check_expr(c, x, NULL);
        if (x->mode == MODE_INVALID) {
            set_invalid(n);
            return;
        }
        /* an untyped numeric constant counts as an untyped complex one */
        if (x->mode == MODE_CONST && is_untyped(x->type) && is_numeric(x->type))
            check_convert_untyped(c, x, type_basic[KIND_UNTYPED_COMPLEX]);
        TypeKind k = under(x->type)->kind;
        Type *rt = k == KIND_COMPLEX64         ? type_basic[KIND_FLOAT32]
                   : k == KIND_COMPLEX128      ? type_basic[KIND_FLOAT64]
                   : k == KIND_UNTYPED_COMPLEX ? type_basic[KIND_UNTYPED_FLOAT]
                                               : NULL;
        if (!rt) {
            check_error(c, x->pos, "invalid argument: argument has type %s, expected complex type",
                        tstr(x->type));
            set_invalid(n);
            return;
        }
        if (x->mode == MODE_CONST) {
            const ConstVal *v = x->cv;
            long double part = b == BUILTIN_REAL ? (v->kind == CONST_INT ? (long double)v->i : v->f)
                                                 : (v->kind == CONST_COMPLEX ? v->im : 0);
            result(n, rt, MODE_CONST);
            n->cv = cv_float(part);
        } else {
            result(n, rt, MODE_VALUE);
        }
        return;
    }
    case BUILTIN_COPY: {
        if (!builtin_nargs(c, n, 2, true))
            return;
        Node *d = args->items[0], *s = args->items[1];
        check_expr(c, d, NULL);
        check_expr(c, s, NULL);
        result(n, type_basic[KIND_INT], MODE_VALUE);
        if (d->mode == MODE_INVALID || s->mode == MODE_INVALID)
            return;
        Type *du = under(d->type), *su = under(s->type);
        if (du->kind != KIND_SLICE) {
            check_error(c, d->pos,
                        "invalid argument: copy expects slice arguments; found %s and %s",
                        operand_str(c, d), operand_str(c, s));
            return;
        }
        if ((su->kind == KIND_STRING || su->kind == KIND_UNTYPED_STRING) &&
            under(du->elem)->kind == KIND_UINT8) {
            if (is_untyped(s->type))
                check_default(c, s);
            return;
        }
        if (su->kind != KIND_SLICE) {
            /* Go reports either operand's fault at the first argument */
            check_error(c, d->pos,
                        "invalid argument: copy expects slice arguments; found %s and %s",
                        operand_str(c, d), operand_str(c, s));
            return;
        }
        if (du->elem != su->elem)
            check_error(c, d->pos,
                        "invalid argument: arguments to copy %s and %s have different element "
                        "types %s and %s",
                        operand_str(c, d), operand_str(c, s), tstr(du->elem), tstr(su->elem));
        return;
    }
    case BUILTIN_DELETE: {
        if (!builtin_nargs(c, n, 2, true))
            return;
        Node *m = args->items[0], *k = args->items[1];
        check_expr(c, m, NULL);
        check_expr(c, k, NULL);
        novalue(n);
        if (m->mode == MODE_INVALID || k->mode == MODE_INVALID)
            return;
        if (under(m->type)->kind != KIND_MAP) {
            check_error(c, m->pos, "invalid argument: %s is not a map", operand_str(c, m));
            return;
        }
        check_assign_to(c, k, under(m->type)->key, "argument to delete");
        return;
    }
    case BUILTIN_MAKE: {
        if (na == 0) {
            check_error(c, n->pos,
                        "invalid operation: not enough arguments for %s (expected 1, found 0)",
                        expr_str(n));
            set_invalid(n);
            return;
        }
        Type *t = check_type(c, args->items[0]);
        if (is_invalid(t)) {
            for (int i = 1; i < na; i++)
                check_expr(c, args->items[i], NULL);
            set_invalid(n);
            return;
        }
        TypeKind k = under(t)->kind;
        int min = 1, max = 2;
        if (k == KIND_SLICE)
            min = 2, max = 3;
        else if (k != KIND_MAP && k != KIND_CHAN) {
            check_error(c, args->items[0]->pos,
                        "invalid argument: cannot make %s; type must be slice, map, or channel",
                        expr_str(args->items[0]));
            for (int i = 1; i < na; i++)
                check_expr(c, args->items[i], NULL);
            set_invalid(n);
            return;
        }
        if (na < min || na > max) {
            for (int i = 1; i < na; i++)
                check_expr(c, args->items[i], NULL);
            check_error(c, n->pos, "invalid operation: %s expects %d or %d arguments; found %d",
                        expr_str(n), min, max, na);
            set_invalid(n);
            return;
        }
        bool ok = true;
        for (int i = 1; i < na; i++)
            ok = size_arg(c, args->items[i], "argument to make") && ok;
        if (ok && na == 3 && args->items[1]->mode == MODE_CONST &&
            args->items[2]->mode == MODE_CONST) {
            __int128 l, cp;
            cv_to_int(args->items[1]->cv, &l);
            cv_to_int(args->items[2]->cv, &cp);
            if (l > cp)
                check_error(c, args->items[1]->pos,
                            "invalid argument: length and capacity swapped");
        }
        result(n, t, MODE_VALUE);
        return;
    }
    case BUILTIN_MAX:
    case BUILTIN_MIN: {
        if (na == 0) {
            check_error(c, n->pos,
                        "invalid operation: not enough arguments for %s (expected 1, found 0)",
                        expr_str(n));
            set_invalid(n);
            return;
        }
        for (int i = 0; i < na; i++)
            check_expr(c, args->items[i], NULL);
        for (int i = 0; i < na; i++)
            if (args->items[i]->mode == MODE_INVALID) {
                set_invalid(n);
                return;
            }
        /* the common type: the first typed operand's, else untyped */
        Type *t = NULL;
        for (int i = 0; i < na; i++)
            if (!is_untyped(args->items[i]->type)) {
                t = args->items[i]->type;
                break;
            }
        if (!t) {
            t = args->items[0]->type;
            for (int i = 1; i < na; i++)
                if (args->items[i]->type->kind > t->kind)
                    t = args->items[i]->type;
        }
        TypeKind k = under(t)->kind;
        if (!(kind_is_integer(k) || kind_is_float(k) || k == KIND_STRING || k == KIND_UNTYPED_INT ||
              k == KIND_UNTYPED_FLOAT || k == KIND_UNTYPED_RUNE || k == KIND_UNTYPED_STRING)) {
            check_error(c, args->items[0]->pos, "invalid argument: %s cannot be ordered",
                        operand_str(c, args->items[0]));
            set_invalid(n);
            return;
        }
        bool allconst = true;
        for (int i = 0; i < na; i++) {
            Node *a = args->items[i];
            if (is_untyped(a->type) && !is_untyped(t)) {
                if (!check_assign_to(c, a, t, check_fmt("argument to %s", name))) {
                    set_invalid(n);
                    return;
                }
            } else if (is_untyped(a->type)) {
                a->type = t;
            } else if (a->type != t) {
                check_error(
                    c, a->pos,
                    "invalid argument: mismatched types %s (previous argument) and %s (type of %s)",
                    tstr(t), tstr(a->type), expr_str(a));
                set_invalid(n);
                return;
            }
            if (a->mode != MODE_CONST)
                allconst = false;
        }
        result(n, t, MODE_VALUE);
        if (allconst) {
            ConstVal *best = args->items[0]->cv;
            for (int i = 1; i < na; i++) {
                ConstVal *v = args->items[i]->cv;
                if (b == BUILTIN_MAX ? cv_compare(TOK_GTR, v, best) : cv_compare(TOK_LSS, v, best))
                    best = v;
            }
            n->mode = MODE_CONST;
            n->cv = best;
        }
        return;
    }
    case BUILTIN_NEW: {
        if (!builtin_nargs(c, n, 1, false))
            return;
        Type *t = check_type(c, args->items[0]);
        if (is_invalid(t)) {
            set_invalid(n);
            return;
        }
        result(n, type_pointer(t), MODE_VALUE);
        return;
    }
    case BUILTIN_PANIC: {
        if (!builtin_nargs(c, n, 1, true))
            return;
        Node *x = args->items[0];
        check_expr(c, x, NULL);
        if (x->mode != MODE_INVALID)
            check_assign_to(c, x, type_any, "argument to panic");
        novalue(n);
        return;
    }
    case BUILTIN_PRINT:
    case BUILTIN_PRINTLN:
        for (int i = 0; i < na; i++) {
            Node *x = args->items[i];
            /* println(f()) prints every result of f */
            if (na == 1)
                check_multi(c, x);
            else
                check_expr(c, x, NULL);
            if (x->mode == MODE_INVALID || x->type->kind == KIND_TUPLE)
                continue;
            if (x->type->kind == KIND_UNTYPED_NIL) {
                check_error(c, x->pos, "use of untyped nil in argument to %s", name);
                continue;
            }
            check_default_ctx(c, x, check_fmt("argument to %s", name));
            /* the compiler's back end has no print for aggregates (Go
             * reports it at the call's parenthesis, as "print") */
            TypeKind k = x->type ? under(x->type)->kind : KIND_INVALID;
            if (k == KIND_STRUCT || k == KIND_ARRAY)
                check_error(c, n->u.call.lparen.line ? n->u.call.lparen : n->pos,
                            "illegal types for operand: print\n\t%s", tstr(x->type));
        }
        novalue(n);
        return;
    case BUILTIN_RECOVER:
        if (!builtin_nargs(c, n, 0, true))
            return;
        result(n, type_any, MODE_VALUE);
        return;
    default:
        set_invalid(n);
        return;
    }
}
