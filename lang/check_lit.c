/* check_lit.c — literals: basic literals decoded to exact constants,
 * composite literals of every kind (structs keyed and positional, arrays
 * with keys and [...], slices, maps; nested literals with elided types and
 * elided &T), and function literals (their own scope and body).
 *
 * Element values are checked for assignability to the element type; the
 * tree is never rewritten.
 */
#include <gc.h>
#include <stdio.h>
#include <string.h>

#include "check_impl.h"

/* ---- literals ---- */

void check_basiclit(Checker *c, Node *n)
{
    n->mode = MODE_CONST;
    switch (n->u.basiclit.kind) {
    case TOK_INT:
    case TOK_FLOAT: {
        ConstVal *cv = GC_MALLOC(sizeof *cv);
        if (!cv_parse_number(n->u.basiclit.value, n->u.basiclit.len,
                             n->u.basiclit.kind == TOK_FLOAT, cv)) {
            check_error(c, n->pos, "invalid number literal %s", expr_str(n));
            set_invalid(n);
            return;
        }
        n->cv = cv;
        n->type =
            type_basic[n->u.basiclit.kind == TOK_INT && cv->kind == CONST_INT ? KIND_UNTYPED_INT
                                                                              : KIND_UNTYPED_FLOAT];
        if (n->u.basiclit.kind == TOK_INT && cv->kind != CONST_INT) {
            /* integer literals beyond 128 bits */
            check_error(c, n->pos, "integer constant overflow: %s", expr_str(n));
            set_invalid(n);
        }
        return;
    }
    case TOK_IMAG: {
        ConstVal *cv = GC_MALLOC(sizeof *cv);
        if (!cv_parse_imag(n->u.basiclit.value, n->u.basiclit.len, cv)) {
            check_error(c, n->pos, "invalid number literal %s", expr_str(n));
            set_invalid(n);
            return;
        }
        n->cv = cv;
        n->type = type_basic[KIND_UNTYPED_COMPLEX];
        return;
    }
    case TOK_CHAR:
        n->cv = cv_int(n->u.basiclit.rune);
        n->type = type_basic[KIND_UNTYPED_RUNE];
        return;
    case TOK_STRING:
        n->cv = cv_string(n->u.basiclit.sval);
        n->type = type_basic[KIND_UNTYPED_STRING];
        return;
    default:
        set_invalid(n);
        return;
    }
}

/* The key of an array/slice literal element: a constant index. */
static int64_t const_index(Checker *c, Node *k, int64_t max)
{
    check_expr(c, k, NULL);
    if (k->mode == MODE_INVALID)
        return -1;
    __int128 v;
    if (k->mode != MODE_CONST || !is_integer_t(k->type) || !cv_to_int(k->cv, &v)) {
        if (k->mode == MODE_CONST && cv_to_int(k->cv, &v) && is_numeric(k->type)) {
            /* an untyped float constant with an integral value is fine */
        } else {
            check_error(c, k->pos, "index %s must be integer constant", expr_str(k));
            return -1;
        }
    }
    if (is_untyped(k->type))
        check_representable(c, k, type_basic[KIND_INT], "index");
    if (v < 0) {
        check_error(c, k->pos, "index %s must be non-negative integer constant", expr_str(k));
        return -1;
    }
    if (max >= 0 && v >= max) {
        check_error(c, k->pos, "index %s out of bounds [0:%lld]", expr_str(k), (long long)max);
        return -1;
    }
    return (int64_t)v;
}

static void check_elem(Checker *c, Node *e, Type *et, const char *ctx)
{
    if (e->kind == AST_COMPOSITELIT && !e->u.compositelit.type) {
        check_expr(c, e, et);
        return;
    }
    if (e->kind == AST_UNARY && e->u.unary.op == TOK_AND &&
        e->u.unary.x->kind == AST_COMPOSITELIT && !e->u.unary.x->u.compositelit.type &&
        under(et)->kind == KIND_POINTER) {
        check_expr(c, e, et);
        return;
    }
    check_expr(c, e, NULL);
    check_assign_to(c, e, et, ctx);
}

/* Go reports some key:value errors at the colon, which the tree does not
 * record: it follows a name or literal key directly in gofmt'ed code. */
static Pos kv_colon(const Node *kv)
{
    const Node *k = kv->u.keyvalue.key;
    Pos p = kv->pos;
    if (k->kind == AST_IDENT) {
        p = k->pos;
        p.col += (int)strlen(k->u.ident.name);
    } else if (k->kind == AST_BASICLIT) {
        p = k->pos;
        p.col += (int)k->u.basiclit.len;
    }
    return p;
}

static bool const_keys_equal(Node *a, Node *b)
{
    if (a->mode != MODE_CONST || b->mode != MODE_CONST || !a->cv || !b->cv)
        return false;
    if (a->cv->kind != b->cv->kind) {
        if ((a->cv->kind == CONST_INT || a->cv->kind == CONST_FLOAT) &&
            (b->cv->kind == CONST_INT || b->cv->kind == CONST_FLOAT))
            return cv_compare(TOK_EQL, a->cv, b->cv);
        return false;
    }
    return cv_compare(TOK_EQL, a->cv, b->cv);
}

void check_compositelit(Checker *c, Node *n, Type *hint)
{
    Type *t;
    Node *tn = n->u.compositelit.type;
    if (tn) {
        if (tn->kind == AST_ARRAYTYPE && tn->u.arraytype.len &&
            tn->u.arraytype.len->kind == AST_ELLIPSIS) {
            Type *elt = check_type(c, tn->u.arraytype.elt);
            t = NULL; /* computed after the elements */
            int64_t maxi = 0, idx = 0;
            for (int i = 0; i < n->u.compositelit.elts.len; i++) {
                Node *e = n->u.compositelit.elts.items[i];
                if (e->kind == AST_KEYVALUE) {
                    int64_t k = const_index(c, e->u.keyvalue.key, -1);
                    if (k >= 0)
                        idx = k;
                    if (!is_invalid(elt))
                        check_elem(c, e->u.keyvalue.value, elt, "array or slice literal");
                    e->type = elt;
                } else if (!is_invalid(elt)) {
                    check_elem(c, e, elt, "array or slice literal");
                }
                idx++;
                if (idx > maxi)
                    maxi = idx;
            }
            if (is_invalid(elt)) {
                set_invalid(n);
                return;
            }
            t = type_array(elt, maxi);
            tn->type = t;
            tn->mode = MODE_TYPE;
            n->type = t;
            n->mode = MODE_VALUE;
            return;
        }
        t = check_type(c, tn);
    } else {
        t = hint;
        if (!t) {
            check_error(c, n->pos, "invalid composite literal type: missing type");
            set_invalid(n);
            return;
        }
    }
    if (is_invalid(t)) {
        set_invalid(n);
        return;
    }
    Type *base = t;
    /* an elided &T: the hint is *T */
    if (!tn && under(t)->kind == KIND_POINTER)
        base = under(t)->elem;
    Type *u = under(base);
    NodeList *elts = &n->u.compositelit.elts;
    switch (u->kind) {
    case KIND_STRUCT: {
        if (elts->len == 0)
            break;
        bool keyed = elts->items[0]->kind == AST_KEYVALUE;
        bool *seen = GC_MALLOC((size_t)u->nfields + 1);
        for (int i = 0; i < elts->len; i++) {
            Node *e = elts->items[i];
            if ((e->kind == AST_KEYVALUE) != keyed) {
                check_error(c, e->pos,
                            "mixture of field:value and value elements in struct literal");
                break;
            }
            if (keyed) {
                Node *k = e->u.keyvalue.key;
                if (k->kind != AST_IDENT) {
                    check_error(c, k->pos, "invalid field name %s in struct literal", expr_str(k));
                    continue;
                }
                int fi = -1;
                for (int j = 0; j < u->nfields; j++)
                    if (strcmp(u->fields[j].name, k->u.ident.name) == 0)
                        fi = j;
                if (fi < 0) {
                    check_error(c, k->pos, "unknown field %s in struct literal of type %s",
                                k->u.ident.name, tstr(base));
                    check_expr(c, e->u.keyvalue.value, NULL);
                    continue;
                }
                if (seen[fi]) {
                    check_error(c, kv_colon(e), "duplicate field name %s in struct literal",
                                k->u.ident.name);
                    continue;
                }
                seen[fi] = true;
                k->type = u->fields[fi].type;
                k->mode = MODE_VARIABLE;
                e->type = u->fields[fi].type;
                check_elem(c, e->u.keyvalue.value, u->fields[fi].type, "struct literal");
            } else {
                if (i >= u->nfields) {
                    check_error(c, e->pos, "too many values in struct literal of type %s",
                                tstr(base));
                    break;
                }
                check_elem(c, e, u->fields[i].type, "struct literal");
            }
        }
        if (!keyed && elts->len < u->nfields && elts->len > 0)
            check_error(c, n->u.compositelit.rbrace.line ? n->u.compositelit.rbrace : n->pos,
                        "too few values in struct literal of type %s",
                        /* Go names an elided literal's type by its structure */
                        tstr(n->u.compositelit.type ? base : under(base)));
        break;
    }
    case KIND_ARRAY:
    case KIND_SLICE: {
        int64_t idx = 0;
        int64_t max = u->kind == KIND_ARRAY ? u->len : -1;
        int64_t *used = GC_MALLOC_ATOMIC(sizeof(int64_t) * (size_t)(elts->len + 1));
        int nused = 0;
        for (int i = 0; i < elts->len; i++) {
            Node *e = elts->items[i];
            Node *v = e;
            if (e->kind == AST_KEYVALUE) {
                int64_t k = const_index(c, e->u.keyvalue.key, max);
                if (k >= 0)
                    idx = k;
                v = e->u.keyvalue.value;
                e->type = u->elem;
            } else if (max >= 0 && idx >= max) {
                check_error(c, e->pos, "index %lld is out of bounds (>= %lld)", (long long)idx,
                            (long long)max);
            }
            for (int j = 0; j < nused; j++)
                if (used[j] == idx) {
                    check_error(c, e->kind == AST_KEYVALUE ? kv_colon(e) : e->pos,
                                "duplicate index %lld in array or slice literal", (long long)idx);
                    break;
                }
            used[nused++] = idx;
            check_elem(c, v, u->elem, "array or slice literal");
            idx++;
        }
        break;
    }
    case KIND_MAP: {
        for (int i = 0; i < elts->len; i++) {
            Node *e = elts->items[i];
            if (e->kind != AST_KEYVALUE) {
                check_error(c, e->pos, "missing key in map literal");
                check_expr(c, e, NULL);
                continue;
            }
            check_elem(c, e->u.keyvalue.key, u->key, "map literal");
            e->type = u->elem;
            for (int j = 0; j < i; j++) {
                Node *o = elts->items[j];
                if (o->kind == AST_KEYVALUE &&
                    const_keys_equal(o->u.keyvalue.key, e->u.keyvalue.key)) {
                    check_error(c, e->u.keyvalue.key->pos, "duplicate key %s in map literal",
                                expr_str(e->u.keyvalue.key));
                    break;
                }
            }
            check_elem(c, e->u.keyvalue.value, u->elem, "map literal");
        }
        break;
    }
    default:
        check_error(c, n->pos, "invalid composite literal type %s", tstr(base));
        set_invalid(n);
        return;
    }
    n->type = base;
    n->mode = MODE_VALUE;
    if (!tn && base != t) {
        /* an elided &T{...} (element type *T): the literal's type is the
         * pointer *T, which tells the compiler to allocate it */
        n->type = t;
    }
}

/* ---- function literals ---- */

void check_funclit(Checker *c, Node *n)
{
    Type *sig = check_signature(c, n->u.funclit.type, NULL, NULL);
    n->type = sig;
    n->mode = MODE_VALUE;
    nodelist_push(&c->pkg->funclits, n);
    Scope *sc = scope_new(c->scope, n);
    Target *saved_targets = c->targets;
    c->targets = NULL;
    check_func_body(c, n, n->u.funclit.body, sig, sc);
    c->targets = saved_targets;
}
