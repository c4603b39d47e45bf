/* check_print.c — expressions as Go's messages spell them: the source
 * form of an expression (go/types' ExprString: "x + 1", "T{…}",
 * "func(x int) {…}") and an operand's description ("x (variable of type
 * int)", "300 (untyped int constant)", "c (constant 256 of type uint8)").
 *
 * It only reads the annotated tree; it never reports anything itself.
 */
#include <gc.h>
#include <stdio.h>
#include <string.h>

#include "check_impl.h"

/* ---- printing expressions as Go does (go/types ExprString) ---- */

typedef struct SB {
    char *p;
    size_t len, cap;
} SB;

static void sb_put(SB *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        size_t nc = (b->len + n + 1) * 2;
        char *np = GC_MALLOC_ATOMIC(nc);
        if (b->len)
            memcpy(np, b->p, b->len);
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void sb_expr(SB *b, const Node *n);

static void sb_list(SB *b, const NodeList *l)
{
    for (int i = 0; i < l->len; i++) {
        if (i)
            sb_put(b, ", ");
        sb_expr(b, l->items[i]);
    }
}

static void sb_fields(SB *b, const NodeList *l, const char *sep)
{
    for (int i = 0; i < l->len; i++) {
        Node *f = l->items[i];
        if (i)
            sb_put(b, sep);
        for (int k = 0; k < f->u.field.names.len; k++) {
            if (k)
                sb_put(b, ", ");
            sb_put(b, f->u.field.names.items[k]->u.ident.name);
        }
        if (f->u.field.names.len)
            sb_put(b, " ");
        sb_expr(b, f->u.field.type);
    }
}

static void sb_sig(SB *b, const Node *ft)
{
    sb_put(b, "(");
    sb_fields(b, &ft->u.functype.params, ", ");
    sb_put(b, ")");
    const NodeList *r = &ft->u.functype.results;
    if (r->len == 1 && r->items[0]->u.field.names.len == 0) {
        sb_put(b, " ");
        sb_expr(b, r->items[0]->u.field.type);
    } else if (r->len) {
        sb_put(b, " (");
        sb_fields(b, r, ", ");
        sb_put(b, ")");
    }
}

static void sb_expr(SB *b, const Node *n)
{
    if (!n)
        return;
    switch (n->kind) {
    case AST_IDENT:
        sb_put(b, n->u.ident.name);
        break;
    case AST_BASICLIT: {
        char *t = GC_MALLOC_ATOMIC((size_t)n->u.basiclit.len + 1);
        memcpy(t, n->u.basiclit.value, (size_t)n->u.basiclit.len);
        t[n->u.basiclit.len] = 0;
        sb_put(b, t);
        break;
    }
    case AST_COMPOSITELIT:
        sb_expr(b, n->u.compositelit.type);
        sb_put(b, n->u.compositelit.elts.len ? "{…}" : "{}");
        break;
    case AST_FUNCLIT:
        sb_put(b, "func");
        sb_sig(b, n->u.funclit.type);
        sb_put(b, " {…}");
        break;
    case AST_PAREN:
        sb_put(b, "(");
        sb_expr(b, n->u.paren.x);
        sb_put(b, ")");
        break;
    case AST_SELECTOR:
        sb_expr(b, n->u.selector.x);
        sb_put(b, ".");
        sb_expr(b, n->u.selector.sel);
        break;
    case AST_INDEX:
        sb_expr(b, n->u.index.x);
        sb_put(b, "[");
        sb_expr(b, n->u.index.index);
        for (int i = 1; i < n->u.index.indices.len; i++) {
            sb_put(b, ", ");
            sb_expr(b, n->u.index.indices.items[i]);
        }
        sb_put(b, "]");
        break;
    case AST_SLICEEXPR:
        sb_expr(b, n->u.sliceexpr.x);
        sb_put(b, "[");
        sb_expr(b, n->u.sliceexpr.low);
        sb_put(b, ":");
        sb_expr(b, n->u.sliceexpr.high);
        if (n->u.sliceexpr.slice3) {
            sb_put(b, ":");
            sb_expr(b, n->u.sliceexpr.max);
        }
        sb_put(b, "]");
        break;
    case AST_TYPEASSERT:
        sb_expr(b, n->u.typeassert.x);
        sb_put(b, ".(");
        if (n->u.typeassert.type)
            sb_expr(b, n->u.typeassert.type);
        else
            sb_put(b, "type");
        sb_put(b, ")");
        break;
    case AST_CALL:
        sb_expr(b, n->u.call.fun);
        sb_put(b, "(");
        sb_list(b, &n->u.call.args);
        if (n->u.call.has_ellipsis)
            sb_put(b, "...");
        sb_put(b, ")");
        break;
    case AST_STAR:
        sb_put(b, "*");
        sb_expr(b, n->u.star.x);
        break;
    case AST_UNARY:
        sb_put(b, token_string(n->u.unary.op));
        sb_expr(b, n->u.unary.x);
        break;
    case AST_BINARY:
        sb_expr(b, n->u.binary.x);
        sb_put(b, " ");
        sb_put(b, token_string(n->u.binary.op));
        sb_put(b, " ");
        sb_expr(b, n->u.binary.y);
        break;
    case AST_KEYVALUE:
        sb_expr(b, n->u.keyvalue.key);
        sb_put(b, ": ");
        sb_expr(b, n->u.keyvalue.value);
        break;
    case AST_ARRAYTYPE:
        sb_put(b, "[");
        if (n->u.arraytype.len && n->u.arraytype.len->kind == AST_ELLIPSIS)
            sb_put(b, "...");
        else
            sb_expr(b, n->u.arraytype.len);
        sb_put(b, "]");
        sb_expr(b, n->u.arraytype.elt);
        break;
    case AST_STRUCTTYPE:
        sb_put(b, "struct{");
        sb_fields(b, &n->u.structtype.fields, "; ");
        sb_put(b, "}");
        break;
    case AST_FUNCTYPE:
        sb_put(b, "func");
        sb_sig(b, n);
        break;
    case AST_INTERFACETYPE:
        sb_put(b, n->u.interfacetype.methods.len ? "interface{…}" : "interface{}");
        break;
    case AST_MAPTYPE:
        sb_put(b, "map[");
        sb_expr(b, n->u.maptype.key);
        sb_put(b, "]");
        sb_expr(b, n->u.maptype.value);
        break;
    case AST_CHANTYPE:
        sb_put(b, n->u.chantype.dir == CHAN_RECV   ? "<-chan "
                  : n->u.chantype.dir == CHAN_SEND ? "chan<- "
                                                   : "chan ");
        sb_expr(b, n->u.chantype.value);
        break;
    case AST_ELLIPSIS:
        sb_put(b, "...");
        sb_expr(b, n->u.ellipsis.elt);
        break;
    default:
        sb_put(b, "?");
        break;
    }
}

const char *expr_str(const Node *n)
{
    SB b = {0};
    sb_put(&b, "");
    sb_expr(&b, n);
    return b.p;
}

const char *operand_str(Checker *c, const Node *n)
{
    (void)c;
    const char *e = expr_str(n);
    const Type *t = n->type;
    if (t && t->kind == KIND_UNTYPED_NIL)
        return "nil";
    const char *mode;
    switch (n->mode) {
    case MODE_INVALID:
        return check_fmt("%s (invalid operand)", e);
    case MODE_NOVALUE:
        return check_fmt("%s (no value)", e);
    case MODE_BUILTIN:
        return check_fmt("%s (built-in)", e);
    case MODE_TYPE:
        return check_fmt("%s (type)", e);
    case MODE_CONST:
        mode = "constant";
        break;
    case MODE_VARIABLE:
        mode = "variable";
        break;
    case MODE_MAPINDEX:
        mode = "map index expression";
        break;
    case MODE_COMMAOK:
        mode = "comma, ok expression";
        break;
    default: {
        /* a receive or type assertion used for one value is still a
         * "comma, ok expression" to Go */
        const Node *u = n;
        while (u->kind == AST_PAREN)
            u = u->u.paren.x;
        bool commaok = (u->kind == AST_UNARY && u->u.unary.op == TOK_ARROW) ||
                       (u->kind == AST_TYPEASSERT && u->u.typeassert.type);
        mode = commaok ? "comma, ok expression" : "value";
        break;
    }
    }
    const char *val = "";
    if (n->mode == MODE_CONST && n->cv) {
        const char *s = cv_str(n->cv);
        if (strcmp(s, e) != 0)
            val = check_fmt(" %s", s);
    }
    if (t && kind_is_untyped(t->kind))
        return check_fmt("%s (%s %s%s)", e, tstr(t), mode, val);
    const char *cons = gen_placeholder_constraint(c, t);
    if (cons)
        return check_fmt("%s (%s%s of type %s constrained by %s)", e, mode, val, tstr(t), cons);
    return check_fmt("%s (%s%s of type %s)", e, mode, val, tstr(t));
}
