/* check_expr.c — expressions: names, selectors, index and slice
 * expressions, type assertions, unary and binary operators, and the
 * implicit conversion of untyped operands to their final type.
 *
 * Literals are in check_lit.c; calls, builtins and conversions in
 * check_call.c; Go's spelling of expressions in check_print.c. Nothing
 * here rewrites the tree: it only fills the checker's annotations.
 */
#include <gc.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check_impl.h"

/* ---- untyped operands ---- */

static bool is_comparison(Token op)
{
    return op == TOK_EQL || op == TOK_NEQ || op == TOK_LSS || op == TOK_LEQ || op == TOK_GTR ||
           op == TOK_GEQ;
}

/* Sets the final type of an untyped expression tree (types2's
 * updateExprType): operands of arithmetic follow the result; comparison
 * operands were typed on their own; the left operand of a shift follows. */
static void update_untyped(Node *n, Type *t)
{
    if (!n || !is_untyped(n->type))
        return;
    switch (n->kind) {
    case AST_PAREN:
        update_untyped(n->u.paren.x, t);
        break;
    case AST_UNARY:
        update_untyped(n->u.unary.x, t);
        break;
    case AST_BINARY:
        if (is_comparison(n->u.binary.op))
            break;
        if (n->u.binary.op == TOK_SHL || n->u.binary.op == TOK_SHR) {
            update_untyped(n->u.binary.x, t);
        } else {
            update_untyped(n->u.binary.x, t);
            update_untyped(n->u.binary.y, t);
        }
        break;
    default:
        break;
    }
    n->type = t;
    if (n->mode == MODE_CONST && n->cv && !kind_is_untyped(t->kind) && t->kind != KIND_INTERFACE) {
        ConstVal *cv = cv_convert(n->cv, t, NULL);
        if (cv)
            n->cv = cv;
    }
}

/* The first non-constant shift whose type an untyped n decides (what
 * update_untyped would give a type), or NULL. */
static Node *untyped_shift_in(Node *n)
{
    if (!n || !is_untyped(n->type) || n->mode == MODE_CONST)
        return NULL;
    switch (n->kind) {
    case AST_PAREN:
        return untyped_shift_in(n->u.paren.x);
    case AST_UNARY:
        return untyped_shift_in(n->u.unary.x);
    case AST_BINARY:
        if (is_comparison(n->u.binary.op))
            return NULL;
        if (n->u.binary.op == TOK_SHL || n->u.binary.op == TOK_SHR)
            return n;
        {
            Node *r = untyped_shift_in(n->u.binary.x);
            return r ? r : untyped_shift_in(n->u.binary.y);
        }
    default:
        return NULL;
    }
}

/* Converts an untyped n to t. context NULL: an operand of a binary
 * operation (other message forms). Returns false on error (reported). */
static bool convert_untyped(Checker *c, Node *n, Type *t, const char *context)
{
    if (!is_untyped(n->type) || is_invalid(t) || is_invalid(n->type))
        return true;
    Type *tu = under(t);
    if (is_untyped(t)) {
        /* both untyped: the "larger" kind wins for numbers */
        if (is_numeric(n->type) && is_numeric(t)) {
            if (t->kind > n->type->kind)
                update_untyped(n, t);
            return true;
        }
        if (n->type->kind == t->kind)
            return true;
        return false;
    }
    if (tu->kind == KIND_INTERFACE && gen_placeholder_constraint(c, t)) {
        /* a type parameter (generic check) is no interface: no constant
         * or nil converts to it */
        if (context)
            check_error(c, n->pos, "cannot use %s as %s value in %s",
                        n->type->kind == KIND_UNTYPED_NIL ? "nil" : operand_str(c, n), tstr(t),
                        context);
        else
            check_error(c, n->pos, "cannot convert %s to type %s",
                        n->type->kind == KIND_UNTYPED_NIL ? "nil" : operand_str(c, n), tstr(t));
        n->type = t_invalid;
        return false;
    }
    if (tu->kind == KIND_INTERFACE) {
        if (n->type->kind == KIND_UNTYPED_NIL) {
            update_untyped(n, t);
            return true;
        }
        Type *d = type_default(n->type);
        Node *sh = untyped_shift_in(n);
        if (sh && !is_integer_t(d)) {
            check_error(c, sh->u.binary.x->pos,
                        "invalid operation: shifted operand %s (type %s) must be integer",
                        expr_str(sh->u.binary.x), tstr(d));
            n->type = t_invalid;
            return false;
        }
        if (n->mode == MODE_CONST && !cv_convert(n->cv, d, NULL)) {
            check_error(c, n->pos, "cannot use %s as %s value in %s (overflows)", operand_str(c, n),
                        tstr(d), context ? context : "expression");
            n->type = t_invalid;
            return false;
        }
        update_untyped(n, d);
        return true;
    }
    bool ok;
    switch (n->type->kind) {
    case KIND_UNTYPED_NIL:
        ok = tu->kind == KIND_POINTER || tu->kind == KIND_FUNC || tu->kind == KIND_SLICE ||
             tu->kind == KIND_MAP || tu->kind == KIND_CHAN || tu->kind == KIND_UNSAFEPTR;
        if (!ok) {
            if (context)
                check_error(c, n->pos, "cannot use nil as %s value in %s", tstr(t), context);
            else
                check_error(c, n->pos, "invalid operation: mismatched types untyped nil and %s",
                            tstr(t));
            return false;
        }
        break;
    case KIND_UNTYPED_BOOL:
        ok = tu->kind == KIND_BOOL;
        break;
    case KIND_UNTYPED_STRING:
        ok = tu->kind == KIND_STRING;
        break;
    default:
        ok = is_numeric(tu) && !is_untyped(tu);
        break;
    }
    if (!ok) {
        if (context)
            check_error(c, n->pos, "cannot use %s as %s value in %s", operand_str(c, n), tstr(t),
                        context);
        return false;
    }
    if (n->mode == MODE_CONST && n->cv) {
        bool trunc = false;
        ConstVal *cv = cv_convert(n->cv, t, &trunc);
        if (!cv) {
            if (context)
                check_error(c, n->pos, "cannot use %s as %s value in %s (%s)", operand_str(c, n),
                            tstr(t), context, trunc ? "truncated" : "overflows");
            else if (trunc)
                check_error(c, n->pos, "%s truncated to %s", operand_str(c, n), tstr(t));
            else
                check_error(c, n->pos, "%s overflows %s", operand_str(c, n), tstr(t));
            n->type = t_invalid;
            return false;
        }
    }
    /* a non-constant shift of an untyped constant must end up integer,
     * also inside a larger untyped expression (1<<s + 1.5) */
    Node *sh = untyped_shift_in(n);
    if (sh && !is_integer_t(tu)) {
        check_error(c, sh->u.binary.x->pos,
                    "invalid operation: shifted operand %s (type %s) must be integer",
                    expr_str(sh->u.binary.x), tstr(t));
        return false;
    }
    update_untyped(n, t);
    return true;
}

void check_convert_untyped(Checker *c, Node *n, Type *t)
{
    convert_untyped(c, n, t, "assignment");
}

void check_default(Checker *c, Node *n)
{
    check_default_ctx(c, n, "assignment");
}

void check_default_ctx(Checker *c, Node *n, const char *context)
{
    if (!is_untyped(n->type))
        return;
    if (n->type->kind == KIND_UNTYPED_NIL)
        return;
    Type *d = type_default(n->type);
    if (n->mode == MODE_CONST && n->cv && !cv_convert(n->cv, d, NULL)) {
        check_error(c, n->pos, "cannot use %s as %s value in %s (overflows)", operand_str(c, n),
                    tstr(d), context);
        n->type = t_invalid;
        return;
    }
    convert_untyped(c, n, d, context);
}

void check_representable(Checker *c, Node *n, Type *t, const char *context)
{
    convert_untyped(c, n, t, context);
}

static const char *why_not_implements(Checker *c, Type *v, Type *t)
{
    (void)c;
    const char *missing;
    bool wrong;
    if (under(t)->kind != KIND_INTERFACE) {
        if (under(v)->kind == KIND_INTERFACE && type_implements(t, under(v), NULL, NULL))
            return ": need type assertion";
        return "";
    }
    if (type_implements(v, under(t), &missing, &wrong))
        return "";
    if (!missing)
        return "";
    if (wrong)
        return check_fmt(": %s does not implement %s (method %s has pointer receiver)", tstr(v),
                         tstr(t), missing);
    const Method *m = type_method(v, missing);
    const Method *want = type_method(t, missing);
    if (m && want && m->sig && want->sig) {
        /* signatures without their "func" keyword: M(int) */
        const char *h = tstr(m->sig), *w = tstr(want->sig);
        return check_fmt(": %s does not implement %s (wrong type for method %s)\n\t\thave %s%s\n"
                         "\t\twant %s%s",
                         tstr(v), tstr(t), missing, missing, h + (strncmp(h, "func", 4) ? 0 : 4),
                         missing, w + (strncmp(w, "func", 4) ? 0 : 4));
    }
    if (m)
        return check_fmt(": %s does not implement %s (wrong type for method %s)", tstr(v), tstr(t),
                         missing);
    return check_fmt(": %s does not implement %s (missing method %s)", tstr(v), tstr(t), missing);
}

bool check_assign_to(Checker *c, Node *n, Type *t, const char *context)
{
    if (n->mode == MODE_INVALID || is_invalid(n->type) || is_invalid(t))
        return false;
    if (n->mode == MODE_TYPE) {
        check_error(c, n->pos, "%s (type) is not an expression", expr_str(n));
        return false;
    }
    if (n->mode == MODE_NOVALUE) {
        check_error(c, n->pos, "%s (no value) used as value", expr_str(n));
        return false;
    }
    if (n->mode == MODE_BUILTIN) {
        check_error(c, n->pos, "%s (built-in) must be called", expr_str(n));
        return false;
    }
    if (n->type->kind == KIND_TUPLE) {
        check_error(c, n->pos, "multiple-value %s (value of type %s) in single-value context",
                    expr_str(n), tstr(n->type));
        return false;
    }
    if (is_untyped(n->type))
        return convert_untyped(c, n, t, context);
    if (type_assignable(n->type, t))
        return true;
    check_error(c, n->pos, "cannot use %s as %s value in %s%s", operand_str(c, n), tstr(t), context,
                why_not_implements(c, n->type, t));
    return false;
}

/* ---- single-valued expressions ---- */

/* Checks n as a single value (not a type, not a tuple, not a builtin). */
static bool single_value(Checker *c, Node *n)
{
    if (n->mode == MODE_INVALID)
        return false;
    if (n->mode == MODE_TYPE) {
        check_error(c, n->pos, "%s (type) is not an expression", expr_str(n));
        set_invalid(n);
        return false;
    }
    if (n->mode == MODE_NOVALUE) {
        check_error(c, n->pos, "%s (no value) used as value", expr_str(n));
        set_invalid(n);
        return false;
    }
    if (n->mode == MODE_BUILTIN) {
        check_error(c, n->pos, "%s (built-in) must be called", expr_str(n));
        set_invalid(n);
        return false;
    }
    if (n->mode == MODE_PACKAGE) {
        check_error(c, n->pos, "use of package %s without selector", expr_str(n));
        set_invalid(n);
        return false;
    }
    if (n->type && n->type->kind == KIND_TUPLE) {
        check_error(c, n->pos, "multiple-value %s (value of type %s) in single-value context",
                    expr_str(n), tstr(n->type));
        set_invalid(n);
        return false;
    }
    if (n->mode == MODE_COMMAOK)
        n->mode = MODE_VALUE;
    return true;
}

static void check_expr_inner(Checker *c, Node *n, Type *hint);

void check_multi(Checker *c, Node *n)
{
    check_expr_inner(c, n, NULL);
    if (n->mode == MODE_TYPE) {
        check_error(c, n->pos, "%s (type) is not an expression", expr_str(n));
        set_invalid(n);
    } else if (n->mode == MODE_BUILTIN) {
        check_error(c, n->pos, "%s (built-in) must be called", expr_str(n));
        set_invalid(n);
    } else if (n->mode == MODE_PACKAGE) {
        check_error(c, n->pos, "use of package %s without selector", expr_str(n));
        set_invalid(n);
    }
}

void check_expr(Checker *c, Node *n, Type *hint)
{
    /* a generic function used as a value of a known function type takes
     * its type arguments from that type (Go 1.21) */
    if (hint && under(hint)->kind == KIND_FUNC && gen_is_uninstantiated(c, n)) {
        gen_func_arg(c, n, hint);
        return;
    }
    check_expr_inner(c, n, hint);
    single_value(c, n);
}

void check_expr_or_type(Checker *c, Node *n)
{
    check_expr_inner(c, n, NULL);
}

/* ---- identifiers ---- */

static void mark_capture(Checker *c, Symbol *s)
{
    if (s->kind != SYM_VAR || s->global || !c->fn)
        return;
    if (c->fn->funclit != s->funclit)
        s->captured = true;
}

static void check_ident(Checker *c, Node *n)
{
    const char *name = n->u.ident.name;
    if (strcmp(name, "_") == 0) {
        check_error(c, n->pos, "cannot use _ as value or type");
        set_invalid(n);
        return;
    }
    Symbol *s = scope_lookup(c->scope, name);
    if (!s) {
        check_error(c, n->pos, "undefined: %s", name);
        set_invalid(n);
        return;
    }
    n->u.ident.sym = s;
    switch (s->kind) {
    case SYM_PKG:
        /* `fmt` alone is an error, and not a use of the import */
        n->mode = MODE_PACKAGE;
        n->type = t_invalid;
        return;
    case SYM_CONST:
        check_use_obj(c, s);
        if (strcmp(name, "iota") == 0 && !s->cv && !s->pkg) {
            if (c->iota < 0) {
                check_error(c, n->pos, "cannot use iota outside constant declaration");
                set_invalid(n);
                return;
            }
            n->mode = MODE_CONST;
            n->type = type_basic[KIND_UNTYPED_INT];
            n->cv = cv_int(c->iota);
            return;
        }
        n->mode = MODE_CONST;
        n->type = s->type ? s->type : t_invalid;
        n->cv = s->cv ? s->cv : cv_int(0);
        if (is_invalid(n->type))
            n->mode = MODE_INVALID;
        return;
    case SYM_TYPE: {
        Type *t = check_type_direct(c, n, true);
        n->mode = is_invalid(t) ? MODE_INVALID : MODE_TYPE;
        n->type = t;
        return;
    }
    case SYM_VAR:
        check_use_obj(c, s);
        mark_capture(c, s);
        n->mode = MODE_VARIABLE;
        n->type = s->type ? s->type : t_invalid;
        if (is_invalid(n->type))
            n->mode = MODE_INVALID;
        return;
    case SYM_FUNC:
        if (s->generic) {
            check_error(c, n->pos, "cannot use generic function %s without instantiation", name);
            set_invalid(n);
            return;
        }
        check_use_obj(c, s);
        n->mode = MODE_VALUE;
        n->type = s->type ? s->type : t_invalid;
        return;
    case SYM_BUILTIN:
        n->mode = MODE_BUILTIN;
        n->type = t_invalid;
        return;
    case SYM_NIL:
        n->mode = MODE_VALUE;
        n->type = type_basic[KIND_UNTYPED_NIL];
        return;
    default:
        set_invalid(n);
        return;
    }
}

/* ---- selectors ---- */

static bool addressable(Node *n)
{
    return n->mode == MODE_VARIABLE;
}

static void mark_addrtaken(Node *n)
{
    while (n->kind == AST_PAREN)
        n = n->u.paren.x;
    if (n->kind == AST_IDENT && n->u.ident.sym && n->u.ident.sym->kind == SYM_VAR)
        n->u.ident.sym->addrtaken = true;
    else if (n->kind == AST_SELECTOR && n->u.selector.kind == SEL_FIELD &&
             !(n->u.selector.npath && n->u.selector.path_deref[0]))
        mark_addrtaken(n->u.selector.x);
    else if (n->kind == AST_INDEX && under(n->u.index.x->type)->kind == KIND_ARRAY)
        mark_addrtaken(n->u.index.x);
    else if (n->kind == AST_COMPOSITELIT)
        return;
}

static void fill_path(Node *n, Lookup *lk)
{
    n->u.selector.npath = lk->npath;
    n->u.selector.path = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)(lk->npath + 1));
    n->u.selector.path_deref = GC_MALLOC_ATOMIC((size_t)lk->npath + 1);
    for (int i = 0; i < lk->npath; i++) {
        n->u.selector.path[i] = lk->path[i];
        n->u.selector.path_deref[i] = lk->deref[i];
    }
}

/* The type reached by following the embedding path from t. */
static Type *path_type(Type *t, Lookup *lk)
{
    for (int i = 0; i < lk->npath; i++) {
        Type *u = under(t);
        if (u->kind == KIND_POINTER)
            u = under(u->elem);
        t = u->fields[lk->path[i]].type;
    }
    return t;
}

/* A field or method of t (or *t) spelled like name but for case, for
 * Go's "has no field or method X, but does have x"; another package's
 * unexported names are not offered. */
static const char *case_folded_member(Checker *c, Type *t, const char *name)
{
    Type *u = under(t);
    Type *named = t;
    if (u->kind == KIND_POINTER) {
        named = u->elem;
        u = under(u->elem);
    }
    bool foreign = named->pkg && c->pkg && strcmp(named->pkg, c->pkg->path) != 0;
    const char *alt = NULL;
    if (u->kind == KIND_STRUCT)
        for (int i = 0; i < u->nfields && !alt; i++)
            if (u->fields[i].name && strcasecmp(u->fields[i].name, name) == 0)
                alt = u->fields[i].name;
    const Method *ms[2] = {named->methods, named->ptrmethods};
    int ns[2] = {named->nmethods, named->nptrmethods};
    for (int k = 0; k < 2 && !alt; k++)
        for (int i = 0; i < ns[k] && !alt; i++)
            if (strcasecmp(ms[k][i].name, name) == 0)
                alt = ms[k][i].name;
    if (alt && foreign && !(alt[0] >= 'A' && alt[0] <= 'Z'))
        return NULL;
    return alt;
}

void check_selector(Checker *c, Node *n)
{
    Node *x = n->u.selector.x;
    const char *name = n->u.selector.sel->u.ident.name;
    /* package member */
    if (x->kind == AST_IDENT) {
        Symbol *ps = check_lookup_pkg(c, x->u.ident.name, x->pos);
        if (ps) {
            ps->used = true;
            x->u.ident.sym = ps;
            x->mode = MODE_PACKAGE;
            x->type = t_invalid;
            Symbol *m = scope_lookup_local(ps->pkg->scope, name);
            bool exported = name[0] >= 'A' && name[0] <= 'Z';
            if (m && !exported && !ps->pkg->native) {
                /* Go's words when the name is in the package's export data
                 * (csp sees a module package's whole source; a standard
                 * package's private names are csp's own, not Go's) */
                check_error(c, n->u.selector.sel->pos, "%s not exported by package %s", name,
                            ps->pkg->name);
                set_invalid(n);
                return;
            }
            if (!m || !exported) {
                check_error(c, n->u.selector.sel->pos, "undefined: %s.%s", x->u.ident.name, name);
                set_invalid(n);
                return;
            }
            n->u.selector.kind = SEL_PACKAGE;
            n->u.selector.sym = m;
            n->u.selector.sel->u.ident.sym = m;
            check_resolve_obj(c, m);
            m->used = true;
            if (m->generic) {
                check_error(c, n->pos, "cannot use generic %s %s without instantiation",
                            m->kind == SYM_FUNC ? "function" : "type",
                            m->kind == SYM_FUNC ? expr_str(n) : gen_decl_str(m));
                set_invalid(n);
                return;
            }
            switch (m->kind) {
            case SYM_CONST:
                n->mode = MODE_CONST;
                n->cv = m->cv;
                n->type = m->type;
                break;
            case SYM_TYPE:
                n->mode = MODE_TYPE;
                n->type = m->type;
                break;
            case SYM_VAR:
                n->mode = MODE_VARIABLE;
                n->type = m->type;
                break;
            case SYM_FUNC:
                n->mode = MODE_VALUE;
                n->type = m->type;
                break;
            default:
                set_invalid(n);
                return;
            }
            if (!n->type)
                set_invalid(n);
            return;
        }
    }
    check_expr_or_type(c, x);
    if (x->mode == MODE_INVALID) {
        set_invalid(n);
        return;
    }
    if (x->mode == MODE_TYPE) {
        /* method expression T.m / (*T).m */
        Type *T = x->type;
        Lookup lk;
        check_lookup(T, name, &lk);
        if (lk.kind != 2) {
            check_error(c, n->u.selector.sel->pos, "%s.%s undefined (type %s has no method %s)",
                        expr_str(x), name, tstr(T), name);
            set_invalid(n);
            return;
        }
        const Method *m = type_method(T, name);
        if (!m && under(T)->kind != KIND_INTERFACE) {
            check_error(c, n->u.selector.sel->pos,
                        "invalid method expression %s.%s (needs pointer receiver (*%s).%s)",
                        expr_str(x), name, tstr(T), name);
            set_invalid(n);
            return;
        }
        if (!m)
            m = lk.method;
        fill_path(n, &lk);
        n->u.selector.kind = SEL_METHODEXPR;
        n->u.selector.method = m;
        Type *sig = m->sig;
        Type **ps = GC_MALLOC(sizeof(Type *) * (size_t)(sig->nparams + 1));
        ps[0] = T;
        for (int i = 0; i < sig->nparams; i++)
            ps[i + 1] = sig->params[i];
        n->type = type_func(ps, sig->nparams + 1, sig->results, sig->nresults, sig->variadic);
        n->mode = MODE_VALUE;
        return;
    }
    if (!single_value(c, x)) {
        set_invalid(n);
        return;
    }
    Type *T = x->type;
    if (under(T)->kind == KIND_INTERFACE && !(T->kind == KIND_POINTER)) {
        const Method *m = type_method(under(T), name);
        if (!m)
            goto undefined;
        n->u.selector.kind = SEL_IFACEMETHOD;
        n->u.selector.method = m;
        n->u.selector.method_index = (int)(m - under(T)->methods);
        n->type = m->sig;
        n->mode = MODE_VALUE;
        return;
    }
    Lookup lk;
    check_lookup(T, name, &lk);
    if (lk.kind == 3) {
        check_error(c, n->u.selector.sel->pos, "ambiguous selector %s", expr_str(n));
        set_invalid(n);
        return;
    }
    if (lk.kind == 0)
        goto undefined;
    if (!(name[0] >= 'A' && name[0] <= 'Z')) {
        /* an unexported name is visible only in its own package */
        const char *owner = NULL;
        if (lk.kind == 2) {
            owner = lk.recv->pkg;
        } else {
            Lookup up = lk;
            up.npath--;
            Type *pt = path_type(T, &up);
            if (pt->kind == KIND_POINTER && !pt->name)
                pt = pt->elem;
            owner = pt->pkg;
        }
        if (owner && strcmp(owner, c->pkg->path) != 0)
            goto undefined;
    }
    fill_path(n, &lk);
    if (lk.kind == 1) {
        n->u.selector.kind = SEL_FIELD;
        n->type = lk.field->type;
        /* x.f is addressable when x is, or when a pointer is followed */
        bool via_ptr = false;
        for (int i = 0; i < lk.npath; i++)
            if (lk.deref[i])
                via_ptr = true;
        n->mode = (via_ptr || x->mode == MODE_VARIABLE) ? MODE_VARIABLE : MODE_VALUE;
        return;
    }
    /* a method */
    const Method *m = lk.method;
    Type *rt = path_type(T, &lk); /* the receiver expression's type */
    n->u.selector.method = m;
    if (lk.recv->kind == KIND_INTERFACE) {
        /* a method of an embedded interface field */
        n->u.selector.kind = SEL_IFACEMETHOD;
        n->u.selector.method_index = (int)(m - under(lk.recv)->methods);
        n->type = m->sig;
        n->mode = MODE_VALUE;
        return;
    }
    n->u.selector.kind = SEL_METHOD;
    bool rt_ptr = under(rt)->kind == KIND_POINTER;
    if (m->ptrrecv && !rt_ptr) {
        bool through_ptr = false;
        for (int i = 0; i < lk.npath; i++)
            if (lk.deref[i])
                through_ptr = true;
        if (!through_ptr && !addressable(x)) {
            check_error(c, n->u.selector.sel->pos, "cannot call pointer method %s on %s", name,
                        tstr(rt));
            set_invalid(n);
            return;
        }
        n->u.selector.recv_addr = true;
        if (!through_ptr)
            mark_addrtaken(x);
    } else if (!m->ptrrecv && rt_ptr) {
        n->u.selector.recv_deref = true;
    }
    n->type = m->sig;
    n->mode = MODE_VALUE;
    return;
undefined:
    if (under(T)->kind == KIND_POINTER && under(under(T)->elem)->kind == KIND_POINTER) {
        check_error(c, n->u.selector.sel->pos,
                    "%s.%s undefined (type %s has no field or method %s)", expr_str(x), name,
                    tstr(T), name);
    } else if (under(T)->kind == KIND_POINTER && under(under(T)->elem)->kind == KIND_INTERFACE) {
        check_error(c, n->u.selector.sel->pos,
                    "%s.%s undefined (type %s is pointer to interface, not interface)", expr_str(x),
                    name, tstr(T));
    } else {
        const char *alt = case_folded_member(c, T, name);
        check_error(c, n->u.selector.sel->pos,
                    "%s.%s undefined (type %s has no field or method %s%s%s)", expr_str(x), name,
                    tstr(T), name, alt ? ", but does have " : "", alt ? alt : "");
    }
    set_invalid(n);
}

/* ---- index, slice ---- */

/* Checks an index operand: integer, non-negative constant below max. */
static void check_index_value(Checker *c, Node *ix, int64_t max, const char *what)
{
    check_expr(c, ix, NULL);
    if (ix->mode == MODE_INVALID)
        return;
    if (ix->mode == MODE_CONST && is_untyped(ix->type)) {
        __int128 v;
        if (!is_numeric(ix->type)) {
            check_error(c, ix->pos, "cannot convert %s to type int", operand_str(c, ix));
            return;
        }
        if (!cv_to_int(ix->cv, &v)) {
            check_error(c, ix->pos, "%s truncated to int", operand_str(c, ix));
            return;
        }
        convert_untyped(c, ix, type_basic[KIND_INT], "index");
    }
    if (!is_integer_t(ix->type)) {
        check_error(c, ix->pos, "invalid argument: %s %s must be integer", what,
                    operand_str(c, ix));
        return;
    }
    if (ix->mode == MODE_CONST) {
        __int128 v;
        cv_to_int(ix->cv, &v);
        if (v < 0) {
            check_error(c, ix->pos, "invalid argument: %s %s must not be negative", what,
                        operand_str(c, ix));
        } else if (max >= 0 && v >= max) {
            check_error(c, ix->pos, "invalid argument: %s %s out of bounds [0:%lld]", what,
                        expr_str(ix), (long long)max);
        }
    }
}

static void check_index(Checker *c, Node *n)
{
    Node *x = n->u.index.x;
    Symbol *g = gen_ref(c, x);
    if (g && g->kind == SYM_FUNC) {
        gen_func_value(c, n, g); /* F[int] */
        return;
    }
    if (g || n->u.index.indices.len) {
        /* G[int]: a type (check_type reports what is not one) */
        Type *t = check_type(c, n);
        n->mode = is_invalid(t) ? MODE_INVALID : MODE_TYPE;
        n->type = t;
        return;
    }
    check_expr_or_type(c, x);
    if (x->mode == MODE_TYPE) {
        check_error(c, n->pos, "invalid operation: %s (%s is not a generic type)", expr_str(n),
                    expr_str(x));
        set_invalid(n);
        return;
    }
    if (!single_value(c, x)) {
        check_expr(c, n->u.index.index, NULL);
        set_invalid(n);
        return;
    }
    Type *u = under(x->type);
    switch (u->kind) {
    case KIND_STRING:
    case KIND_UNTYPED_STRING: {
        int64_t max = x->mode == MODE_CONST ? x->cv->s.len : -1;
        check_index_value(c, n->u.index.index, max, "index");
        n->type = type_basic[KIND_UINT8];
        n->mode = MODE_VALUE;
        if (x->mode == MODE_CONST && n->u.index.index->mode == MODE_CONST) {
            __int128 v;
            if (cv_to_int(n->u.index.index->cv, &v) && v >= 0 && v < x->cv->s.len) {
                /* Go: a constant string indexed by a constant is a byte
                 * value, not a constant */
            }
        }
        if (is_untyped(x->type))
            convert_untyped(c, x, type_basic[KIND_STRING], "index");
        return;
    }
    case KIND_ARRAY:
        check_index_value(c, n->u.index.index, u->len, "index");
        n->type = u->elem;
        n->mode = x->mode == MODE_VARIABLE ? MODE_VARIABLE : MODE_VALUE;
        return;
    case KIND_POINTER:
        if (under(u->elem)->kind == KIND_ARRAY) {
            check_index_value(c, n->u.index.index, under(u->elem)->len, "index");
            n->type = under(u->elem)->elem;
            n->mode = MODE_VARIABLE;
            return;
        }
        break;
    case KIND_SLICE:
        check_index_value(c, n->u.index.index, -1, "index");
        n->type = u->elem;
        n->mode = MODE_VARIABLE;
        return;
    case KIND_MAP: {
        Node *k = n->u.index.index;
        check_expr(c, k, NULL);
        check_assign_to(c, k, u->key, "map index");
        n->type = u->elem;
        n->mode = MODE_MAPINDEX;
        return;
    }
    default:
        break;
    }
    check_error(c, x->pos, "invalid operation: cannot index %s", operand_str(c, x));
    check_expr(c, n->u.index.index, NULL);
    set_invalid(n);
}

static void check_slice(Checker *c, Node *n)
{
    Node *x = n->u.sliceexpr.x;
    check_expr(c, x, NULL);
    if (x->mode == MODE_INVALID) {
        set_invalid(n);
        return;
    }
    Type *u = under(x->type);
    int64_t max = -1;
    Type *res = NULL;
    switch (u->kind) {
    case KIND_STRING:
    case KIND_UNTYPED_STRING:
        if (n->u.sliceexpr.slice3) {
            check_error(c, n->u.sliceexpr.max ? n->u.sliceexpr.max->pos : n->pos,
                        "invalid operation: 3-index slice of string");
            set_invalid(n);
            return;
        }
        if (x->mode == MODE_CONST)
            max = x->cv->s.len + 1;
        if (is_untyped(x->type))
            convert_untyped(c, x, type_basic[KIND_STRING], "slice");
        res = x->type->kind == KIND_UNTYPED_STRING ? type_basic[KIND_STRING] : x->type;
        break;
    case KIND_ARRAY:
        if (x->mode != MODE_VARIABLE) {
            check_error(c, n->pos, "invalid operation: %s (slice of unaddressable value)",
                        expr_str(n));
            set_invalid(n);
            return;
        }
        mark_addrtaken(x);
        max = u->len + 1;
        res = type_slice(u->elem);
        break;
    case KIND_POINTER:
        if (under(u->elem)->kind == KIND_ARRAY) {
            max = under(u->elem)->len + 1;
            res = type_slice(under(u->elem)->elem);
        }
        break;
    case KIND_SLICE:
        res = x->type;
        break;
    default:
        break;
    }
    if (!res) {
        check_error(c, x->pos, "invalid operation: cannot slice %s", operand_str(c, x));
        set_invalid(n);
        return;
    }
    Node *ix[3] = {n->u.sliceexpr.low, n->u.sliceexpr.high, n->u.sliceexpr.max};
    for (int i = 0; i < 3; i++)
        if (ix[i])
            check_index_value(c, ix[i], max, "index");
    /* constant indices must be ordered */
    __int128 prev = -1;
    for (int i = 0; i < 3; i++) {
        __int128 v;
        if (ix[i] && ix[i]->mode == MODE_CONST && cv_to_int(ix[i]->cv, &v)) {
            if (v < prev) {
                check_error(c, ix[i]->pos, "invalid slice indices: %lld < %lld", (long long)v,
                            (long long)prev);
                break;
            }
            prev = v;
        }
    }
    n->type = res;
    n->mode = MODE_VALUE;
}

static void check_typeassert(Checker *c, Node *n)
{
    Node *x = n->u.typeassert.x;
    check_expr(c, x, NULL);
    if (!n->u.typeassert.type) {
        check_error(c, n->pos, "invalid syntax tree: use of .(type) outside type switch");
        set_invalid(n);
        return;
    }
    Type *t = check_type(c, n->u.typeassert.type);
    if (x->mode == MODE_INVALID || is_invalid(t)) {
        set_invalid(n);
        return;
    }
    if (under(x->type)->kind != KIND_INTERFACE) {
        check_error(c, x->pos, "invalid operation: %s is not an interface", operand_str(c, x));
        set_invalid(n);
        return;
    }
    if (under(t)->kind != KIND_INTERFACE && !c->in_instance) {
        /* (in a generic instance, x.(T) is possible for other T) */
        const char *missing;
        bool wrong;
        if (!type_implements(t, under(x->type), &missing, &wrong)) {
            /* the reason as in an assignment: why_not_implements's text
             * without its leading ": " */
            const char *why = why_not_implements(c, t, x->type);
            check_error(c, n->pos, "impossible type assertion: %s\n\t%s", expr_str(n),
                        why[0] ? why + 2
                               : check_fmt("%s does not implement %s (missing method %s)", tstr(t),
                                           tstr(x->type), missing ? missing : "?"));
            set_invalid(n);
            return;
        }
    }
    n->type = t;
    n->mode = MODE_COMMAOK;
}

/* ---- unary and binary operators ---- */

static void check_unary(Checker *c, Node *n, Type *hint)
{
    Node *x = n->u.unary.x;
    Token op = n->u.unary.op;
    if (op == TOK_AND) {
        Node *inner = x;
        while (inner->kind == AST_PAREN)
            inner = inner->u.paren.x;
        if (inner->kind == AST_COMPOSITELIT) {
            Type *h = hint && under(hint)->kind == KIND_POINTER ? under(hint)->elem : NULL;
            check_expr(c, x, h);
            if (x->mode == MODE_INVALID) {
                set_invalid(n);
                return;
            }
            n->type = type_pointer(x->type);
            n->mode = MODE_VALUE;
            return;
        }
        check_expr(c, x, NULL);
        if (x->mode == MODE_INVALID) {
            set_invalid(n);
            return;
        }
        if (x->mode != MODE_VARIABLE) {
            check_error(c, x->pos, "invalid operation: cannot take address of %s",
                        operand_str(c, x));
            set_invalid(n);
            return;
        }
        mark_addrtaken(x);
        n->type = type_pointer(x->type);
        n->mode = MODE_VALUE;
        return;
    }
    if (op == TOK_ARROW) {
        check_expr(c, x, NULL);
        if (x->mode == MODE_INVALID) {
            set_invalid(n);
            return;
        }
        Type *u = under(x->type);
        if (u->kind != KIND_CHAN) {
            check_error(c, x->pos, "invalid operation: cannot receive from non-channel %s",
                        operand_str(c, x));
            set_invalid(n);
            return;
        }
        if (!(u->dir & CHAN_RECV)) {
            check_error(c, x->pos, "invalid operation: cannot receive from send-only channel %s",
                        operand_str(c, x));
            set_invalid(n);
            return;
        }
        n->type = u->elem;
        n->mode = MODE_COMMAOK;
        return;
    }
    check_expr(c, x, NULL);
    if (x->mode == MODE_INVALID) {
        set_invalid(n);
        return;
    }
    Type *t = x->type;
    bool ok;
    switch (op) {
    case TOK_ADD:
    case TOK_SUB:
        ok = is_numeric(t);
        break;
    case TOK_XOR:
        ok = is_integer_t(t);
        break;
    case TOK_NOT:
        ok = is_bool_t(t);
        break;
    default:
        ok = false;
        break;
    }
    if (!ok) {
        check_error(c, x->pos, "invalid operation: operator %s not defined on %s", token_string(op),
                    operand_str(c, x));
        set_invalid(n);
        return;
    }
    n->type = t;
    n->mode = MODE_VALUE;
    if (x->mode == MODE_CONST) {
        const char *err;
        ConstVal *cv;
        if (op == TOK_XOR && is_untyped(t) && !is_integer_t(t)) {
            __int128 v;
            cv_to_int(x->cv, &v);
            cv = cv_int(~v);
            err = NULL;
        } else {
            cv = cv_unary(op, x->cv, is_untyped(t) ? NULL : t, &err);
        }
        if (!cv) {
            check_error(c, n->pos, "%s", err ? err : "invalid constant operation");
            set_invalid(n);
            return;
        }
        if (!is_untyped(t)) {
            ConstVal *cc = cv_convert(cv, t, NULL);
            if (!cc) {
                check_error(c, n->pos, "%s (constant %s of type %s) overflows %s", expr_str(n),
                            cv_str(cv), tstr(t), tstr(t));
                set_invalid(n);
                return;
            }
            cv = cc;
        }
        n->cv = cv;
        n->mode = MODE_CONST;
    }
}

static bool ordered(const Type *t)
{
    TypeKind k = under(t)->kind;
    return kind_is_integer(k) || kind_is_float(k) || k == KIND_STRING || k == KIND_UNTYPED_INT ||
           k == KIND_UNTYPED_RUNE || k == KIND_UNTYPED_FLOAT || k == KIND_UNTYPED_STRING;
}

/* Whether values of t may be compared with == (and why not). */
static bool comparable_type(const Type *t)
{
    if (!t)
        return false;
    Type *u = under(t);
    if (u->kind == KIND_UNTYPED_NIL)
        return true;
    return u->comparable || kind_is_untyped(u->kind);
}

static void check_shift(Checker *c, Node *n)
{
    Node *x = n->u.binary.x, *y = n->u.binary.y;
    Token op = n->u.binary.op;
    /* the count */
    if (y->mode == MODE_CONST) {
        __int128 v;
        if (is_numeric(y->type) && is_untyped(y->type) && !cv_to_int(y->cv, &v)) {
            check_error(c, y->pos, "%s truncated to uint", operand_str(c, y));
            set_invalid(n);
            return;
        }
        if (!cv_to_int(y->cv, &v) || !is_numeric(y->type)) {
            check_error(c, y->pos, "invalid operation: shift count %s must be integer",
                        operand_str(c, y));
            set_invalid(n);
            return;
        }
        if (v < 0) {
            check_error(c, y->pos, "invalid operation: negative shift count %s", operand_str(c, y));
            set_invalid(n);
            return;
        }
        if (is_untyped(y->type))
            convert_untyped(c, y, type_basic[KIND_UINT], NULL);
    } else {
        if (!is_integer_t(y->type)) {
            check_error(c, y->pos, "invalid operation: shift count %s must be integer",
                        operand_str(c, y));
            set_invalid(n);
            return;
        }
        if (is_untyped(y->type))
            convert_untyped(c, y, type_basic[KIND_UINT], NULL);
    }
    /* the operand */
    if (x->mode == MODE_CONST && is_untyped(x->type)) {
        __int128 v;
        if (!cv_to_int(x->cv, &v) || !is_numeric(x->type)) {
            check_error(c, x->pos, "invalid operation: shifted operand %s must be integer",
                        operand_str(c, x));
            set_invalid(n);
            return;
        }
        if (y->mode == MODE_CONST) {
            __int128 s;
            cv_to_int(y->cv, &s);
            const char *err;
            ConstVal *xi = cv_int(v);
            ConstVal *r = cv_shift(op, xi, (uint64_t)(s > 100000 ? 100000 : s), &err);
            if (!r) {
                check_error(c, n->pos, "invalid shift: %s", err);
                set_invalid(n);
                return;
            }
            n->cv = r;
            n->mode = MODE_CONST;
            n->type = x->type->kind == KIND_UNTYPED_FLOAT ? type_basic[KIND_UNTYPED_INT] : x->type;
            return;
        }
        /* non-constant shift: the type comes from the context, and must
         * be an integer one then (1.0 << s is a float64 by default) */
        n->type = x->type;
        n->mode = MODE_VALUE;
        return;
    }
    if (!is_integer_t(x->type)) {
        check_error(c, x->pos, "invalid operation: shifted operand %s must be integer",
                    operand_str(c, x));
        set_invalid(n);
        return;
    }
    n->type = x->type;
    n->mode = MODE_VALUE;
    if (x->mode == MODE_CONST && y->mode == MODE_CONST) {
        __int128 s;
        cv_to_int(y->cv, &s);
        const char *err;
        ConstVal *r = cv_shift(op, x->cv, (uint64_t)(s > 100000 ? 100000 : s), &err);
        ConstVal *cc = r ? cv_convert(r, x->type, NULL) : NULL;
        if (!cc) {
            if (r && !is_untyped(x->type))
                check_error(c, n->pos, "%s (constant %s of type %s) overflows %s", expr_str(n),
                            cv_str(r), tstr(x->type), tstr(x->type));
            else
                check_error(c, n->pos, "constant %s overflows %s", r ? cv_str(r) : "shift",
                            tstr(x->type));
            set_invalid(n);
            return;
        }
        n->cv = cc;
        n->mode = MODE_CONST;
    }
}

/* Whether an implicit conversion between the operands' types may apply
 * (types2's mayConvert): only when one is untyped and both are of the
 * same class (boolean, string, numeric), or one is an interface. */
static bool may_convert(const Type *x, const Type *y)
{
    if (!is_untyped(x) && !is_untyped(y))
        return false;
    if (under(x)->kind == KIND_INTERFACE || under(y)->kind == KIND_INTERFACE)
        return true;
    TypeKind xk = under(x)->kind, yk = under(y)->kind;
    bool xb = xk < KIND_ARRAY || kind_is_untyped(xk), yb = yk < KIND_ARRAY || kind_is_untyped(yk);
    if (xb != yb)
        return false;
    if (is_bool_t(x) != is_bool_t(y))
        return false;
    if (is_string_t(x) != is_string_t(y))
        return false;
    if (xk == KIND_UNTYPED_NIL || yk == KIND_UNTYPED_NIL) {
        TypeKind o = xk == KIND_UNTYPED_NIL ? yk : xk;
        return o == KIND_POINTER || o == KIND_SLICE || o == KIND_MAP || o == KIND_FUNC ||
               o == KIND_CHAN || o == KIND_INTERFACE || o == KIND_UNSAFEPTR ||
               o == KIND_UNTYPED_NIL;
    }
    if (xk == KIND_POINTER || yk == KIND_POINTER)
        return false;
    return true;
}

/* Go's kindString: composite types by kind, others by name. */
static const char *kind_string(const Type *t)
{
    switch (under(t)->kind) {
    case KIND_ARRAY:
        return "array";
    case KIND_SLICE:
        return "slice";
    case KIND_STRUCT:
        return "struct";
    case KIND_POINTER:
        return "pointer";
    case KIND_FUNC:
        return "func";
    case KIND_INTERFACE:
        return "interface";
    case KIND_MAP:
        return "map";
    case KIND_CHAN:
        return "chan";
    default:
        return tstr(t);
    }
}

/* Why values of t cannot be compared (types2's incomparableCause). */
static const char *incomparable_cause(const Type *t)
{
    Type *u = under(t);
    switch (u->kind) {
    case KIND_SLICE:
    case KIND_FUNC:
    case KIND_MAP:
        return check_fmt("%s can only be compared to nil", kind_string(t));
    case KIND_STRUCT:
        for (int i = 0; i < u->nfields; i++)
            if (!u->fields[i].type->comparable)
                return check_fmt("struct containing %s cannot be compared",
                                 tstr(u->fields[i].type));
        break;
    default:
        break;
    }
    return check_fmt("%s cannot be compared", tstr(t));
}

static void check_binary(Checker *c, Node *n)
{
    Node *x = n->u.binary.x, *y = n->u.binary.y;
    Token op = n->u.binary.op;
    check_expr(c, x, NULL);
    check_expr(c, y, NULL);
    if (x->mode == MODE_INVALID || y->mode == MODE_INVALID) {
        set_invalid(n);
        return;
    }
    if (op == TOK_SHL || op == TOK_SHR) {
        check_shift(c, n);
        return;
    }
    /* match untyped operands to each other (types2's matchTypes) */
    bool xnil = is_nil(x), ynil = is_nil(y);
    if (may_convert(x->type, y->type)) {
        if (!convert_untyped(c, x, y->type, NULL) || is_invalid(x->type) ||
            !convert_untyped(c, y, x->type, NULL) || is_invalid(y->type)) {
            set_invalid(n);
            return;
        }
    }
    if (is_comparison(op)) {
        const char *why = NULL;
        Node *errop = x;
        if (!type_assignable(x->type, y->type) && !type_assignable(y->type, x->type)) {
            /* Go reports a mismatch at the second operand */
            check_error(c, y->pos, "invalid operation: %s (mismatched types %s and %s)",
                        expr_str(n), tstr(x->type), tstr(y->type));
            set_invalid(n);
            return;
        }
        if (op == TOK_EQL || op == TOK_NEQ) {
            if (xnil && ynil) {
                errop = y; /* as Go */
                why = check_fmt("operator %s not defined on untyped nil", token_string(op));
            } else if (xnil || ynil) {
                /* assignability already checked: the other side has nil */
            } else if (!comparable_type(x->type)) {
                why = incomparable_cause(x->type);
            } else if (!comparable_type(y->type)) {
                errop = y;
                why = incomparable_cause(y->type);
            }
        } else if (!ordered(x->type)) {
            why =
                check_fmt("operator %s not defined on %s", token_string(op), kind_string(x->type));
        } else if (!ordered(y->type)) {
            errop = y;
            why =
                check_fmt("operator %s not defined on %s", token_string(op), kind_string(y->type));
        }
        if (why) {
            check_error(c, errop->pos, "invalid operation: %s (%s)", expr_str(n), why);
            set_invalid(n);
            return;
        }
        /* nil compared with a typed operand takes its type */
        if (xnil && !ynil)
            x->type = y->type;
        if (ynil && !xnil)
            y->type = x->type;
        if (x->mode == MODE_CONST && y->mode == MODE_CONST) {
            n->cv = cv_bool(cv_compare(op, x->cv, y->cv));
            n->mode = MODE_CONST;
        } else {
            n->mode = MODE_VALUE;
        }
        /* operands that are still untyped get their default type */
        if (is_untyped(x->type) && !is_nil(x))
            check_default(c, x);
        if (is_untyped(y->type) && !is_nil(y))
            check_default(c, y);
        n->type = type_basic[KIND_UNTYPED_BOOL];
        return;
    }
    if (x->type != y->type) {
        check_error(c, x->pos, "invalid operation: %s (mismatched types %s and %s)", expr_str(n),
                    tstr(x->type), tstr(y->type));
        set_invalid(n);
        return;
    }
    Type *t = x->type;
    bool ok;
    switch (op) {
    case TOK_ADD:
        ok = is_numeric(t) || is_string_t(t);
        break;
    case TOK_SUB:
    case TOK_MUL:
    case TOK_QUO:
        ok = is_numeric(t);
        break;
    case TOK_REM:
    case TOK_AND:
    case TOK_OR:
    case TOK_XOR:
    case TOK_AND_NOT:
        ok = is_integer_t(t);
        break;
    case TOK_LAND:
    case TOK_LOR:
        ok = is_bool_t(t);
        break;
    default:
        ok = false;
        break;
    }
    if (!ok) {
        check_error(c, x->pos, "invalid operation: operator %s not defined on %s", token_string(op),
                    operand_str(c, x));
        set_invalid(n);
        return;
    }
    if ((op == TOK_QUO || op == TOK_REM) && y->mode == MODE_CONST && is_numeric(y->type)) {
        bool zero = cv_is_zero(y->cv);
        if (zero && (x->mode == MODE_CONST || is_integer_t(x->type))) {
            check_error(c, y->pos, "invalid operation: division by zero");
            set_invalid(n);
            return;
        }
    }
    n->type = t;
    n->mode = MODE_VALUE;
    if (x->mode == MODE_CONST && y->mode == MODE_CONST) {
        const char *err;
        bool integer = is_integer_t(t);
        if (t->kind == KIND_UNTYPED_INT || t->kind == KIND_UNTYPED_RUNE)
            integer = true;
        /* untyped int / untyped int is integer division */
        ConstVal *xv = x->cv, *yv = y->cv;
        if (integer) {
            __int128 a, b;
            if (cv_to_int(xv, &a) && cv_to_int(yv, &b)) {
                xv = cv_int(a);
                yv = cv_int(b);
            }
        }
        ConstVal *r = cv_binary(op, xv, yv, integer, &err);
        if (!r) {
            check_error(c, n->pos, "%s",
                        !err ? "invalid constant operation"
                        : !strncmp(err, "not supported yet", 17)
                            ? err
                            : check_fmt("invalid operation: %s", err));
            set_invalid(n);
            return;
        }
        if (!is_untyped(t)) {
            ConstVal *cc = cv_convert(r, t, NULL);
            if (!cc) {
                check_error(c, n->pos, "%s (constant %s of type %s) overflows %s", expr_str(n),
                            cv_str(r), tstr(t), tstr(t));
                set_invalid(n);
                return;
            }
            r = cc;
        }
        n->cv = r;
        n->mode = MODE_CONST;
    }
}

/* ---- dispatch ---- */

/* The deepest expression the checker descends into. The grammar already
 * stops bracket nesting at Bison's 10000 levels ("nesting too deep"), but a
 * left-deep chain (1+1+...+1, a.b.c..., f()()...) costs the parser nothing
 * and the checker, the compiler and the printers one C stack frame per
 * level. Those passes run on a 1 GiB stack (lang_deep_call), where a chain
 * of 2,500,000 terms was measured to fit: chains up to a million levels
 * compile (gc compiles a 100,000-term sum), deeper ones get a compile
 * error instead of a crash. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define CHECK_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || defined(CHECK_SANITIZED)
/* Sanitizers make each level's frames several times larger, so those
 * builds stop sooner. */
enum { CHECK_MAX_EXPR_DEPTH = 2000 };
#else
enum { CHECK_MAX_EXPR_DEPTH = 1000000 };
#endif
/* Off the deep stack (no thread could be made for it), the old limit,
 * which fits the 8 MB of a main thread; on a smaller deep stack (address
 * space limited), a level per KiB of it. */
enum { CHECK_MAX_EXPR_DEPTH_SHALLOW = CHECK_MAX_EXPR_DEPTH < 10000 ? CHECK_MAX_EXPR_DEPTH : 10000 };

static int check_max_expr_depth(void)
{
    if (lang_deep_stack_bytes == 0)
        return CHECK_MAX_EXPR_DEPTH_SHALLOW;
    size_t levels = lang_deep_stack_bytes / 1024;
    return levels < (size_t)CHECK_MAX_EXPR_DEPTH ? (int)levels : CHECK_MAX_EXPR_DEPTH;
}
static __thread int expr_depth;

static void check_expr_kind(Checker *c, Node *n, Type *hint);

static void check_expr_inner(Checker *c, Node *n, Type *hint)
{
    if (expr_depth >= check_max_expr_depth()) {
        n->cv = NULL;
        check_error(c, n->pos, "expression nesting too deep");
        set_invalid(n);
        return;
    }
    expr_depth++;
    check_expr_kind(c, n, hint);
    expr_depth--;
}

static void check_expr_kind(Checker *c, Node *n, Type *hint)
{
    n->cv = NULL;
    switch (n->kind) {
    case AST_BAD:
        set_invalid(n);
        return;
    case AST_IDENT:
        check_ident(c, n);
        return;
    case AST_BASICLIT:
        check_basiclit(c, n);
        return;
    case AST_COMPOSITELIT:
        check_compositelit(c, n, hint);
        return;
    case AST_FUNCLIT:
        check_funclit(c, n);
        return;
    case AST_PAREN:
        check_expr_inner(c, n->u.paren.x, hint);
        n->type = n->u.paren.x->type;
        n->mode = n->u.paren.x->mode;
        n->cv = n->u.paren.x->cv;
        return;
    case AST_SELECTOR:
        check_selector(c, n);
        return;
    case AST_INDEX:
        check_index(c, n);
        return;
    case AST_SLICEEXPR:
        check_slice(c, n);
        return;
    case AST_TYPEASSERT:
        check_typeassert(c, n);
        return;
    case AST_CALL:
        check_call(c, n);
        return;
    case AST_STAR: {
        Node *x = n->u.star.x;
        check_expr_or_type(c, x);
        if (x->mode == MODE_INVALID) {
            set_invalid(n);
            return;
        }
        if (x->mode == MODE_TYPE) {
            n->type = type_pointer(x->type);
            n->mode = MODE_TYPE;
            return;
        }
        if (!single_value(c, x)) {
            set_invalid(n);
            return;
        }
        if (is_nil(x)) {
            check_error(c, x->pos, "invalid operation: cannot indirect nil");
            set_invalid(n);
            return;
        }
        if (under(x->type)->kind != KIND_POINTER) {
            check_error(c, x->pos, "invalid operation: cannot indirect %s", operand_str(c, x));
            set_invalid(n);
            return;
        }
        n->type = under(x->type)->elem;
        n->mode = MODE_VARIABLE;
        return;
    }
    case AST_UNARY:
        check_unary(c, n, hint);
        return;
    case AST_BINARY:
        check_binary(c, n);
        return;
    case AST_KEYVALUE:
        check_error(c, n->pos, "unexpected key:value expression");
        set_invalid(n);
        return;
    case AST_ARRAYTYPE:
    case AST_STRUCTTYPE:
    case AST_FUNCTYPE:
    case AST_INTERFACETYPE:
    case AST_MAPTYPE:
    case AST_CHANTYPE:
        check_type(c, n);
        if (is_invalid(n->type))
            set_invalid(n);
        return;
    case AST_ELLIPSIS:
        check_error(c, n->pos, "invalid use of ...");
        set_invalid(n);
        return;
    default:
        check_error(c, n->pos, "unexpected %s in expression", ast_kind_name(n->kind));
        set_invalid(n);
        return;
    }
}
