/* check_assign.c — declarations inside blocks (const, var, local types)
 * and assignments: `=`, `:=` (at least one new variable; is_new), op-assign,
 * multi-value right-hand sides and comma-ok forms, with Go's "assignment
 * mismatch" messages. An assignment to x is not a use of x (Go's "declared
 * and not used"); x++ and x += y are.
 *
 * At the top level of a script, the variables declared here are globals.
 */
#include <gc.h>
#include <stdio.h>
#include <string.h>

#include "check_impl.h"

/* ---- declarations in blocks ---- */

/* Checks a const or var spec; declares its names (locally, unless the
 * spec is package-level: `global`, whose symbols exist already). */
void check_valuespec(Checker *c, Node *spec, bool is_const, bool global)
{
    NodeList *names = &spec->u.valuespec.names;
    NodeList *values = &spec->u.valuespec.values;
    Type *t = spec->u.valuespec.type ? check_type(c, spec->u.valuespec.type) : NULL;
    int64_t saved_iota = c->iota;
    if (is_const)
        c->iota = spec->u.valuespec.iota;
    Symbol **syms = GC_MALLOC(sizeof(Symbol *) * (size_t)(names->len + 1));
    bool top = !global && check_script_top(c);
    for (int i = 0; i < names->len; i++) {
        Node *id = names->items[i];
        if (global) {
            syms[i] = id->u.ident.sym;
        } else {
            syms[i] = is_const ? symbol_new(SYM_CONST, id->u.ident.name, id->pos)
                               : check_new_local(c, id, NULL, spec);
            syms[i]->decl = spec;
            syms[i]->pkg = c->pkg;
            if (is_const)
                syms[i]->used = true;
            if (top)
                syms[i]->global = !is_const;
            id->u.ident.sym = syms[i];
        }
    }
    const char *ctx = is_const ? "constant declaration" : "variable declaration";
    if (is_const) {
        if (values->len == 0 && !spec->u.valuespec.implicit)
            check_error(c, spec->pos, "missing init expr for const declaration");
        for (int i = 0; i < names->len; i++) {
            Symbol *s = syms[i];
            if (!s)
                continue;
            if (i >= values->len) {
                if (values->len)
                    check_error(c, names->items[i]->pos, "missing init expr for const declaration");
                s->type = t_invalid;
                s->cv = cv_int(0);
                continue;
            }
            Node *v = values->items[i];
            check_expr(c, v, NULL);
            if (v->mode != MODE_CONST) {
                if (v->mode != MODE_INVALID)
                    check_error(c, v->pos, "%s is not constant", operand_str(c, v));
                s->type = t_invalid;
                s->cv = cv_int(0);
                continue;
            }
            if (t) {
                if (!is_invalid(t) &&
                    !(under(t)->kind == KIND_BOOL || under(t)->kind == KIND_STRING ||
                      kind_is_integer(under(t)->kind) || kind_is_float(under(t)->kind) ||
                      kind_is_complex(under(t)->kind))) {
                    check_error(c, spec->u.valuespec.type->pos, "invalid constant type %s",
                                tstr(t));
                    s->type = t_invalid;
                    s->cv = cv_int(0);
                    continue;
                }
                if (!check_assign_to(c, v, t, ctx)) {
                    s->type = t_invalid;
                    s->cv = cv_int(0);
                    continue;
                }
            }
            s->type = v->type;
            s->cv = v->cv;
        }
        if (values->len > names->len)
            check_error(c, values->items[names->len]->pos, "extra init expr");
        c->iota = saved_iota;
        if (!global)
            for (int i = 0; i < names->len; i++)
                check_declare(c, c->scope, syms[i]);
        return;
    }
    c->iota = saved_iota;
    /* var */
    if (values->len == 0) {
        for (int i = 0; i < names->len; i++)
            syms[i]->type = t ? t : t_invalid;
    } else if (values->len == names->len) {
        for (int i = 0; i < names->len; i++) {
            Node *v = values->items[i];
            if (names->len == 1 && v->kind == AST_CALL) {
                check_multi(c, v);
                if (v->type && v->type->kind == KIND_TUPLE && v->mode != MODE_NOVALUE) {
                    check_error(c, v->pos,
                                "assignment mismatch: 1 variable but %s returns %d values",
                                expr_str(v->u.call.fun), v->type->nresults);
                    v->mode = MODE_INVALID;
                    v->type = t_invalid;
                } else if (v->mode == MODE_NOVALUE) {
                    check_error(c, v->pos, "%s (no value) used as value", expr_str(v));
                    v->mode = MODE_INVALID;
                    v->type = t_invalid;
                } else if (v->mode == MODE_COMMAOK) {
                    v->mode = MODE_VALUE;
                }
            } else {
                check_expr(c, v, t);
            }
            if (v->mode == MODE_INVALID) {
                syms[i]->type = t ? t : t_invalid;
                continue;
            }
            if (t) {
                check_assign_to(c, v, t, ctx);
                syms[i]->type = t;
            } else {
                if (v->mode != MODE_INVALID && is_untyped(v->type)) {
                    if (v->type->kind == KIND_UNTYPED_NIL) {
                        check_error(c, v->pos, "use of untyped nil in %s", ctx);
                        v->type = t_invalid;
                    } else {
                        check_default_ctx(c, v, ctx);
                    }
                }
                syms[i]->type = v->mode == MODE_INVALID ? t_invalid : v->type;
            }
        }
    } else if (values->len == 1) {
        Node *v = values->items[0];
        check_multi(c, v);
        int nv = 1;
        Type **vts = NULL;
        if (v->type && v->type->kind == KIND_TUPLE) {
            nv = v->type->nresults;
            vts = v->type->results;
        } else if (v->mode == MODE_COMMAOK || v->mode == MODE_MAPINDEX) {
            if (names->len == 2) {
                nv = 2;
                vts = GC_MALLOC(sizeof(Type *) * 2);
                vts[0] = v->type;
                vts[1] = type_basic[KIND_BOOL];
                v->mode = MODE_COMMAOK;
            }
        }
        if (nv != names->len) {
            if (v->mode != MODE_INVALID) {
                if (v->kind == AST_CALL)
                    check_error(c, v->pos,
                                "assignment mismatch: %d variables but %s returns %d value%s",
                                names->len, expr_str(v->u.call.fun), nv, nv == 1 ? "" : "s");
                else
                    check_error(c, v->pos, "assignment mismatch: %d variables but %d value%s",
                                names->len, nv, nv == 1 ? "" : "s");
            }
            for (int i = 0; i < names->len; i++)
                syms[i]->type = t ? t : t_invalid;
        } else {
            for (int i = 0; i < names->len; i++) {
                Type *vt = vts[i];
                if (t) {
                    if (!type_assignable(vt, t) && !is_invalid(vt))
                        check_error(c, v->pos, "cannot use %s value as %s value in assignment",
                                    tstr(vt), tstr(t));
                    syms[i]->type = t;
                } else {
                    syms[i]->type = vt;
                }
            }
        }
    } else {
        for (int i = 0; i < values->len; i++)
            check_multi(c, values->items[i]);
        check_error(c, values->items[0]->pos, "assignment mismatch: %d variable%s but %d value%s",
                    names->len, names->len == 1 ? "" : "s", values->len,
                    values->len == 1 ? "" : "s");
        for (int i = 0; i < names->len; i++)
            syms[i]->type = t ? t : t_invalid;
    }
    for (int i = 0; i < names->len; i++) {
        names->items[i]->type = syms[i]->type;
        names->items[i]->mode = MODE_VARIABLE;
    }
    if (!global)
        for (int i = 0; i < names->len; i++)
            check_declare(c, c->scope, syms[i]);
}

static void check_local_typespec(Checker *c, Node *spec)
{
    Node *nm = spec->u.typespec.name;
    Symbol *s = symbol_new(SYM_TYPE, nm->u.ident.name, nm->pos);
    s->pkg = c->pkg;
    s->decl = spec;
    s->used = true;
    nm->u.ident.sym = s;
    if (spec->u.typespec.tparams.len) {
        /* a local generic type: instantiated where used, in this scope */
        gen_collect_type(c, s, spec);
        check_declare(c, c->scope, s);
        return;
    }
    if (spec->u.typespec.alias) {
        s->type = check_type(c, spec->u.typespec.type);
        check_declare(c, c->scope, s);
        return;
    }
    s->type = type_named(s->name, c->pkg->path, NULL);
    check_declare(c, c->scope, s);
    Type *u = check_type_direct(c, spec->u.typespec.type, true);
    if (!u->underlying)
        u = t_invalid;
    type_set_underlying(s->type, u);
    if (u->kind == KIND_INTERFACE) {
        s->type->nmethods = u->nmethods;
        s->type->methods = u->methods;
    }
    check_promote_methods(c, s->type);
}

void check_declstmt(Checker *c, Node *s)
{
    Node *d = s->u.declstmt.decl;
    for (int i = 0; i < d->u.gendecl.specs.len; i++) {
        Node *spec = d->u.gendecl.specs.items[i];
        switch (d->u.gendecl.tok) {
        case TOK_CONST:
            check_valuespec(c, spec, true, false);
            break;
        case TOK_VAR:
            check_valuespec(c, spec, false, false);
            break;
        case TOK_TYPE:
            check_local_typespec(c, spec);
            break;
        case TOK_IMPORT:
            check_error(c, spec->pos,
                        "syntax error: imports must appear before other declarations");
            break;
        default:
            break;
        }
    }
}

/* ---- assignments ---- */

/* Checks an assignment target; its variable is not "used" by it. */
static bool check_lhs(Checker *c, Node *l)
{
    return check_lhs_use(c, l, false);
}

/* use: x++ and x op= y read x, so they count as a use; x = y does not. */
bool check_lhs_use(Checker *c, Node *l, bool use)
{
    if (is_blank(l)) {
        l->type = NULL;
        l->mode = MODE_VARIABLE;
        return true;
    }
    Node *id = unparen(l);
    Symbol *s = NULL;
    bool was_used = false;
    if (id->kind == AST_IDENT) {
        s = scope_lookup(c->scope, id->u.ident.name);
        if (s && s->kind == SYM_VAR)
            was_used = s->used;
    }
    check_expr(c, l, NULL);
    if (s && s->kind == SYM_VAR && !s->global && !use)
        s->used = was_used;
    if (l->mode == MODE_INVALID)
        return false;
    if (l->mode == MODE_VARIABLE || l->mode == MODE_MAPINDEX)
        return true;
    Node *u = unparen(l);
    if (u->kind == AST_SELECTOR && u->u.selector.kind == SEL_FIELD &&
        unparen(u->u.selector.x)->mode == MODE_MAPINDEX) {
        check_error(c, l->pos, "cannot assign to struct field %s in map", expr_str(l));
        return false;
    }
    if (l->mode == MODE_CONST ||
        (u->kind == AST_IDENT && u->u.ident.sym && u->u.ident.sym->kind != SYM_VAR))
        check_error(c, l->pos,
                    "cannot assign to %s (neither addressable nor a map index expression)",
                    expr_str(l));
    else if (under(unparen(u->kind == AST_INDEX ? u->u.index.x : u)->type)->kind == KIND_STRING &&
             u->kind == AST_INDEX)
        check_error(c, l->pos,
                    "cannot assign to %s (neither addressable nor a map index expression)",
                    expr_str(l));
    else
        check_error(c, l->pos,
                    "cannot assign to %s (neither addressable nor a map index expression)",
                    expr_str(l));
    return false;
}

/* The value types of a right-hand side list for nl targets: the values
 * themselves, a multi-value call, or a comma-ok form. NULL on mismatch
 * (reported). */
static Type **rhs_types(Checker *c, NodeList *lhs, NodeList *rhs, Type **hints, bool *spread)
{
    int nl = lhs->len;
    *spread = false;
    if (rhs->len == 1 && nl == 1) {
        /* x := f() with f returning several values: Go's mismatch message */
        Node *v = rhs->items[0];
        if (hints && hints[0] && gen_is_uninstantiated(c, v))
            check_expr(c, v, hints[0]); /* f = G: G's type args from f's type */
        else
            check_multi(c, v);
        if (v->type && v->type->kind == KIND_TUPLE && v->mode != MODE_NOVALUE &&
            v->kind == AST_CALL) {
            check_error(c, v->pos, "assignment mismatch: 1 variable but %s returns %d values",
                        expr_str(v->u.call.fun), v->type->nresults);
            v->mode = MODE_INVALID;
            v->type = t_invalid;
            return NULL;
        }
        if (v->mode == MODE_NOVALUE) {
            check_error(c, v->pos, "%s (no value) used as value", expr_str(v));
            v->mode = MODE_INVALID;
            v->type = t_invalid;
            return NULL;
        }
        if (v->mode == MODE_COMMAOK)
            v->mode = MODE_VALUE;
        if (v->mode == MODE_TYPE || v->mode == MODE_BUILTIN || v->mode == MODE_PACKAGE) {
            check_expr(c, v, NULL); /* reports */
            return NULL;
        }
        Type **ts = GC_MALLOC(sizeof(Type *));
        ts[0] = v->type;
        return ts;
    }
    if (rhs->len == nl) {
        Type **ts = GC_MALLOC(sizeof(Type *) * (size_t)(nl + 1));
        for (int i = 0; i < nl; i++) {
            check_expr(c, rhs->items[i], hints ? hints[i] : NULL);
            ts[i] = rhs->items[i]->type;
        }
        return ts;
    }
    if (rhs->len == 1) {
        Node *v = rhs->items[0];
        check_multi(c, v);
        if (v->mode == MODE_INVALID)
            return NULL;
        if (v->type && v->type->kind == KIND_TUPLE && v->mode != MODE_NOVALUE) {
            if (v->type->nresults == nl) {
                *spread = true;
                return v->type->results;
            }
            check_error(c, v->pos, "assignment mismatch: %d variable%s but %s returns %d value%s",
                        nl, nl == 1 ? "" : "s", expr_str(v->u.call.fun), v->type->nresults,
                        v->type->nresults == 1 ? "" : "s");
            return NULL;
        }
        if ((v->mode == MODE_COMMAOK || v->mode == MODE_MAPINDEX) && nl == 2) {
            Type **ts = GC_MALLOC(sizeof(Type *) * 2);
            ts[0] = v->type;
            ts[1] = type_basic[KIND_UNTYPED_BOOL];
            v->mode = MODE_COMMAOK;
            *spread = true;
            return ts;
        }
        if (v->kind == AST_CALL && v->mode != MODE_NOVALUE)
            check_error(c, v->pos, "assignment mismatch: %d variables but %s returns 1 value", nl,
                        expr_str(v->u.call.fun));
        else if (v->mode == MODE_NOVALUE)
            check_error(c, v->pos, "%s (no value) used as value", expr_str(v));
        else
            check_error(c, v->pos, "assignment mismatch: %d variables but 1 value", nl);
        return NULL;
    }
    for (int i = 0; i < rhs->len; i++)
        check_multi(c, rhs->items[i]);
    check_error(c, rhs->items[0]->pos, "assignment mismatch: %d variable%s but %d value%s", nl,
                nl == 1 ? "" : "s", rhs->len, rhs->len == 1 ? "" : "s");
    return NULL;
}

/* Go reports := errors at the operator, which the tree does not record:
 * with gofmt spacing it is one column after the last name. */
static Pos define_pos(NodeList *lhs)
{
    Node *last = lhs->items[lhs->len - 1];
    Pos p = last->pos;
    if (last->kind == AST_IDENT)
        p.col += (int)strlen(last->u.ident.name) + 1;
    return p;
}

static void check_define(Checker *c, Node *s)
{
    NodeList *lhs = &s->u.assignstmt.lhs, *rhs = &s->u.assignstmt.rhs;
    int nl = lhs->len;
    bool *is_new = GC_MALLOC((size_t)nl + 1);
    s->u.assignstmt.is_new = is_new;
    Symbol **old = GC_MALLOC(sizeof(Symbol *) * (size_t)(nl + 1));
    bool any_new = false, bad = false;
    for (int i = 0; i < nl; i++) {
        Node *l = lhs->items[i];
        if (l->kind != AST_IDENT) {
            check_error(c, l->pos, "non-name %s on left side of :=", expr_str(l));
            bad = true;
            continue;
        }
        if (is_blank(l))
            continue;
        for (int j = 0; j < i; j++)
            if (lhs->items[j]->kind == AST_IDENT &&
                strcmp(lhs->items[j]->u.ident.name, l->u.ident.name) == 0) {
                check_error(c, l->pos, "%s repeated on left side of :=", l->u.ident.name);
                bad = true;
            }
        Symbol *o = scope_lookup_local(c->scope, l->u.ident.name);
        if (o && o->kind == SYM_VAR) {
            old[i] = o;
        } else if (o) {
            old[i] = o; /* a non-variable: reported below */
        } else {
            is_new[i] = true;
            any_new = true;
        }
    }
    Type **hints = GC_MALLOC(sizeof(Type *) * (size_t)(nl + 1));
    for (int i = 0; i < nl; i++)
        if (old[i] && old[i]->kind == SYM_VAR)
            hints[i] = old[i]->type;
    bool spread;
    Type **ts = bad ? NULL : rhs_types(c, lhs, rhs, hints, &spread);
    if (bad)
        for (int i = 0; i < rhs->len; i++)
            check_multi(c, rhs->items[i]);
    if (!any_new && !bad)
        check_error(c, define_pos(lhs), "no new variables on left side of :=");
    for (int i = 0; i < nl; i++) {
        Node *l = lhs->items[i];
        if (l->kind != AST_IDENT)
            continue;
        Type *vt = ts ? ts[i] : t_invalid;
        Node *v = (ts && !spread) ? rhs->items[i] : NULL;
        if (is_blank(l)) {
            if (v && v->mode != MODE_INVALID) {
                if (v->type && v->type->kind == KIND_UNTYPED_NIL) {
                    check_error(c, v->pos, "use of untyped nil in assignment");
                } else {
                    check_default(c, v);
                }
            }
            l->type = NULL;
            continue;
        }
        if (is_new[i]) {
            Type *t = vt;
            if (v && v->mode != MODE_INVALID) {
                if (v->type && v->type->kind == KIND_UNTYPED_NIL) {
                    check_error(c, v->pos, "use of untyped nil in assignment");
                    v->type = t_invalid;
                } else if (is_untyped(v->type)) {
                    check_default(c, v);
                }
                t = v->type;
            } else if (v && v->mode == MODE_INVALID) {
                t = t_invalid;
            } else if (t && is_untyped(t)) {
                t = type_default(t);
            }
            if (t && t->kind == KIND_TUPLE)
                t = t_invalid;
            if (v && (v->mode == MODE_NOVALUE || v->mode == MODE_TYPE))
                t = t_invalid;
            check_new_local(c, l, t ? t : t_invalid, s);
        } else if (old[i]) {
            Symbol *o = old[i];
            l->u.ident.sym = o;
            l->type = o->type;
            l->mode = MODE_VARIABLE;
            if (o->kind != SYM_VAR) {
                check_error(c, l->pos, "cannot assign to %s", l->u.ident.name);
                continue;
            }
            if (c->fn && o->funclit != c->fn->funclit && !o->global)
                o->captured = true;
            if (v)
                check_assign_to(c, v, o->type, "assignment");
            else if (ts && !type_assignable(vt, o->type) && !is_invalid(vt))
                check_error(c, rhs->items[0]->pos, "cannot use %s value as %s value in assignment",
                            tstr(vt), tstr(o->type));
        }
    }
    for (int i = 0; i < nl; i++)
        if (is_new[i])
            check_declare(c, c->scope, lhs->items[i]->u.ident.sym);
}

static bool is_shift(Token t)
{
    return t == TOK_SHL_ASSIGN || t == TOK_SHR_ASSIGN;
}

/* The binary operator of an op-assignment. */
static Token op_of(Token t)
{
    switch (t) {
    case TOK_ADD_ASSIGN:
        return TOK_ADD;
    case TOK_SUB_ASSIGN:
        return TOK_SUB;
    case TOK_MUL_ASSIGN:
        return TOK_MUL;
    case TOK_QUO_ASSIGN:
        return TOK_QUO;
    case TOK_REM_ASSIGN:
        return TOK_REM;
    case TOK_AND_ASSIGN:
        return TOK_AND;
    case TOK_OR_ASSIGN:
        return TOK_OR;
    case TOK_XOR_ASSIGN:
        return TOK_XOR;
    case TOK_SHL_ASSIGN:
        return TOK_SHL;
    case TOK_SHR_ASSIGN:
        return TOK_SHR;
    case TOK_AND_NOT_ASSIGN:
        return TOK_AND_NOT;
    default:
        return TOK_ILLEGAL;
    }
}

static void check_opassign(Checker *c, Node *s)
{
    NodeList *lhs = &s->u.assignstmt.lhs, *rhs = &s->u.assignstmt.rhs;
    if (lhs->len != 1 || rhs->len != 1) {
        check_error(c, s->pos, "assignment operation %s requires single-valued expressions",
                    token_string(s->u.assignstmt.tok));
        return;
    }
    Node *l = lhs->items[0], *r = rhs->items[0];
    bool okl = check_lhs_use(c, l, true);
    check_expr(c, r, NULL);
    if (!okl || r->mode == MODE_INVALID || is_invalid(l->type))
        return;
    Token op = op_of(s->u.assignstmt.tok);
    Type *t = l->type;
    TypeKind k = under(t)->kind;
    if (is_shift(s->u.assignstmt.tok)) {
        if (!kind_is_integer(k)) {
            check_error(c, l->pos, "invalid operation: shifted operand %s must be integer",
                        operand_str(c, l));
            return;
        }
        if (r->mode == MODE_CONST) {
            __int128 v;
            if (!cv_to_int(r->cv, &v) || v < 0) {
                check_error(c, r->pos, "invalid operation: invalid shift count %s",
                            operand_str(c, r));
                return;
            }
            if (is_untyped(r->type))
                check_representable(c, r, type_basic[KIND_UINT], "assignment");
        } else if (!kind_is_integer(under(r->type)->kind)) {
            check_error(c, r->pos, "invalid operation: shift count %s must be integer",
                        operand_str(c, r));
        }
        return;
    }
    if (is_untyped(r->type)) {
        check_representable(c, r, t, "assignment");
        if (is_invalid(r->type))
            return;
    } else if (r->type != t) {
        check_error(c, l->pos, "invalid operation: %s %s %s (mismatched types %s and %s)",
                    expr_str(l), token_string(s->u.assignstmt.tok), expr_str(r), tstr(t),
                    tstr(r->type));
        return;
    }
    bool ok;
    bool num = kind_is_integer(k) || kind_is_float(k) || kind_is_complex(k);
    switch (op) {
    case TOK_ADD:
        ok = num || k == KIND_STRING;
        break;
    case TOK_SUB:
    case TOK_MUL:
    case TOK_QUO:
        ok = num;
        break;
    default:
        ok = kind_is_integer(k);
        break;
    }
    if (!ok) {
        check_error(c, l->pos, "invalid operation: operator %s not defined on %s", token_string(op),
                    operand_str(c, l));
        return;
    }
    if ((op == TOK_QUO || op == TOK_REM) && r->mode == MODE_CONST && kind_is_integer(k)) {
        __int128 v;
        if (cv_to_int(r->cv, &v) && v == 0)
            check_error(c, r->pos, "invalid operation: division by zero");
    }
}

void check_assign(Checker *c, Node *s)
{
    Token tok = s->u.assignstmt.tok;
    if (tok == TOK_DEFINE) {
        check_define(c, s);
        return;
    }
    if (tok != TOK_ASSIGN) {
        check_opassign(c, s);
        return;
    }
    NodeList *lhs = &s->u.assignstmt.lhs, *rhs = &s->u.assignstmt.rhs;
    int nl = lhs->len;
    bool *ok = GC_MALLOC((size_t)nl + 1);
    Type **hints = GC_MALLOC(sizeof(Type *) * (size_t)(nl + 1));
    for (int i = 0; i < nl; i++) {
        ok[i] = check_lhs(c, lhs->items[i]);
        hints[i] = ok[i] ? lhs->items[i]->type : NULL;
    }
    bool spread;
    Type **ts = rhs_types(c, lhs, rhs, hints, &spread);
    if (!ts)
        return;
    for (int i = 0; i < nl; i++) {
        Node *l = lhs->items[i];
        if (!ok[i])
            continue;
        if (is_blank(l)) {
            if (!spread) {
                Node *v = rhs->items[i];
                if (v->mode == MODE_INVALID)
                    continue;
                if (v->type && v->type->kind == KIND_UNTYPED_NIL)
                    check_error(c, v->pos, "use of untyped nil in assignment");
                else
                    check_default(c, v);
            }
            continue;
        }
        if (!spread) {
            check_assign_to(c, rhs->items[i], l->type, "assignment");
        } else if (!is_invalid(ts[i]) && !type_assignable(ts[i], l->type)) {
            check_error(c, rhs->items[0]->pos, "cannot use %s value as %s value in assignment",
                        tstr(ts[i]), tstr(l->type));
        }
    }
}
