/* ast.c — syntax tree helpers: allocation, lists, names, diagnostics and the
 * S-expression dump used by the parser's tests and `csp parse`.
 *
 * Owns nothing but the tree's own bookkeeping. It must never interpret the
 * tree (no type or scope knowledge): that is the checker's job.
 */
#include <gc.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ast.h"

static const char *const kind_names[] = {
#define X(k) #k,
    AST_KINDS(X)
#undef X
};

static const char *const token_strings[] = {
#define X(t, s) s,
    TOKENS(X)
#undef X
};

const char *ast_kind_name(AstKind k)
{
    if ((unsigned)k >= AST__COUNT)
        return "?";
    return kind_names[k];
}

const char *token_string(Token t)
{
    if ((unsigned)t >= TOK__COUNT)
        return "?";
    return token_strings[t];
}

Node *ast_new(AstKind kind, Pos pos)
{
    Node *n = GC_MALLOC(sizeof(Node));
    n->kind = kind;
    n->pos = pos;
    return n;
}

/* ---- deep copy ---- */

static NodeList clone_list(NodeList l)
{
    NodeList out = {0};
    for (int i = 0; i < l.len; i++)
        nodelist_push(&out, ast_clone(l.items[i]));
    return out;
}

#define C(f) (m->f = ast_clone(n->f))
#define CL(f) (m->f = clone_list(n->f))

/* ast_walk rides on the copy: it visits every node exactly once. */
static __thread void (*walk_fn)(const Node *, void *);
static __thread void *walk_ctx;

void ast_walk(const Node *n, void (*fn)(const Node *, void *), void *ctx)
{
    walk_fn = fn;
    walk_ctx = ctx;
    ast_clone(n);
    walk_fn = NULL;
    walk_ctx = NULL;
}

Node *ast_clone(const Node *n)
{
    if (!n)
        return NULL;
    if (walk_fn)
        walk_fn(n, walk_ctx);
    Node *m = GC_MALLOC(sizeof(Node));
    /* the parser's fields come along; the checker's are cleared below */
    *m = *n;
    m->type = NULL;
    m->mode = MODE_INVALID;
    m->cv = NULL;
    switch (n->kind) {
    case AST_BAD:
    case AST_EMPTYSTMT:
    case AST_BASICLIT:
    case AST_REGVAL:
    case AST__COUNT:
        break;
    case AST_IDENT: m->u.ident.sym = NULL; break;
    case AST_COMPOSITELIT: C(u.compositelit.type); CL(u.compositelit.elts); break;
    case AST_FUNCLIT:
        C(u.funclit.type);
        C(u.funclit.body);
        m->u.funclit.info = NULL;
        break;
    case AST_PAREN: C(u.paren.x); break;
    case AST_SELECTOR: {
        Node *x = ast_clone(n->u.selector.x), *sel = ast_clone(n->u.selector.sel);
        memset(&m->u.selector, 0, sizeof m->u.selector);
        m->u.selector.x = x;
        m->u.selector.sel = sel;
        break;
    }
    case AST_INDEX:
        C(u.index.x);
        CL(u.index.indices);
        m->u.index.index = m->u.index.indices.len ? m->u.index.indices.items[0]
                                                  : ast_clone(n->u.index.index);
        break;
    case AST_SLICEEXPR:
        C(u.sliceexpr.x); C(u.sliceexpr.low); C(u.sliceexpr.high); C(u.sliceexpr.max);
        break;
    case AST_TYPEASSERT: C(u.typeassert.x); C(u.typeassert.type); break;
    case AST_CALL:
        C(u.call.fun);
        CL(u.call.args);
        m->u.call.kind = CALL_NONE;
        m->u.call.builtin = BUILTIN_NONE;
        break;
    case AST_STAR: C(u.star.x); break;
    case AST_UNARY: C(u.unary.x); break;
    case AST_BINARY: C(u.binary.x); C(u.binary.y); break;
    case AST_KEYVALUE: C(u.keyvalue.key); C(u.keyvalue.value); break;
    case AST_ARRAYTYPE: C(u.arraytype.len); C(u.arraytype.elt); break;
    case AST_STRUCTTYPE: CL(u.structtype.fields); break;
    case AST_FUNCTYPE: CL(u.functype.params); CL(u.functype.results); break;
    case AST_INTERFACETYPE: CL(u.interfacetype.methods); break;
    case AST_MAPTYPE: C(u.maptype.key); C(u.maptype.value); break;
    case AST_CHANTYPE: C(u.chantype.value); break;
    case AST_ELLIPSIS: C(u.ellipsis.elt); break;
    case AST_FIELD: CL(u.field.names); C(u.field.type); C(u.field.tag); break;
    case AST_DECLSTMT: C(u.declstmt.decl); break;
    case AST_LABELEDSTMT: C(u.labeledstmt.label); C(u.labeledstmt.stmt); break;
    case AST_EXPRSTMT: C(u.exprstmt.x); break;
    case AST_SENDSTMT: C(u.sendstmt.chan); C(u.sendstmt.value); break;
    case AST_INCDECSTMT: C(u.incdecstmt.x); break;
    case AST_ASSIGNSTMT:
        CL(u.assignstmt.lhs);
        CL(u.assignstmt.rhs);
        m->u.assignstmt.is_new = NULL;
        break;
    case AST_GOSTMT:
    case AST_DEFERSTMT: C(u.gostmt.call); break;
    case AST_RETURNSTMT: CL(u.returnstmt.results); break;
    case AST_BRANCHSTMT: C(u.branchstmt.label); m->u.branchstmt.target = NULL; break;
    case AST_BLOCKSTMT: CL(u.blockstmt.list); m->u.blockstmt.scope = NULL; break;
    case AST_IFSTMT: C(u.ifstmt.init); C(u.ifstmt.cond); C(u.ifstmt.body); C(u.ifstmt.els); break;
    case AST_CASECLAUSE:
        CL(u.caseclause.list);
        CL(u.caseclause.body);
        m->u.caseclause.implicit = NULL;
        break;
    case AST_SWITCHSTMT: C(u.switchstmt.init); C(u.switchstmt.tag); C(u.switchstmt.body); break;
    case AST_TYPESWITCHSTMT:
        C(u.typeswitchstmt.init); C(u.typeswitchstmt.assign); C(u.typeswitchstmt.body);
        break;
    case AST_COMMCLAUSE: C(u.commclause.comm); CL(u.commclause.body); break;
    case AST_SELECTSTMT: C(u.selectstmt.body); break;
    case AST_FORSTMT: C(u.forstmt.init); C(u.forstmt.cond); C(u.forstmt.post); C(u.forstmt.body); break;
    case AST_RANGESTMT:
        C(u.rangestmt.key); C(u.rangestmt.value); C(u.rangestmt.x); C(u.rangestmt.body);
        break;
    case AST_IMPORTSPEC: C(u.importspec.name); C(u.importspec.path); break;
    case AST_VALUESPEC: CL(u.valuespec.names); C(u.valuespec.type); CL(u.valuespec.values); break;
    case AST_TYPESPEC: C(u.typespec.name); C(u.typespec.type); CL(u.typespec.tparams); break;
    case AST_GENDECL: CL(u.gendecl.specs); break;
    case AST_FUNCDECL:
        C(u.funcdecl.recv); C(u.funcdecl.name); C(u.funcdecl.type); C(u.funcdecl.body);
        CL(u.funcdecl.tparams);
        m->u.funcdecl.sym = NULL;
        break;
    case AST_FILE: CL(u.file.decls); CL(u.file.stmts); C(u.file.package); break;
    }
    return m;
}

#undef C
#undef CL

void nodelist_push(NodeList *l, Node *n)
{
    if (l->len == l->cap) {
        /* Doubling keeps appends amortised O(1); most lists are short. */
        int cap = l->cap ? l->cap * 2 : 4;
        Node **items = GC_MALLOC(sizeof(Node *) * cap);
        if (l->len)
            memcpy(items, l->items, sizeof(Node *) * l->len);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->len++] = n;
}

void diags_add(Diags *d, const char *filename, Pos pos, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (d->len == d->cap) {
        int cap = d->cap ? d->cap * 2 : 8;
        Diag *items = GC_MALLOC(sizeof(Diag) * cap);
        if (d->len)
            memcpy(items, d->items, sizeof(Diag) * d->len);
        d->items = items;
        d->cap = cap;
    }
    size_t n = strlen(buf);
    char *msg = GC_MALLOC_ATOMIC(n + 1);
    memcpy(msg, buf, n + 1);
    d->items[d->len++] = (Diag){filename, pos, msg};
}

/* ---- dump ---------------------------------------------------------------
 * One line per tree, `(KIND attrs children...)`; a missing optional child
 * prints as `nil`, a list as `(...)`. The format is part of the parser's
 * tests: change it only together with them. */

static void dump(const Node *n, FILE *f);

/* Set while ast_dump_positions runs (per thread: dumps may run anywhere). */
static __thread bool dump_pos;

static void dump_list(const NodeList *l, FILE *f)
{
    fputc('(', f);
    for (int i = 0; i < l->len; i++) {
        if (i)
            fputc(' ', f);
        dump(l->items[i], f);
    }
    fputc(')', f);
}

/* Children of a list printed inline after the node's other fields. */
static void dump_items(const NodeList *l, FILE *f)
{
    for (int i = 0; i < l->len; i++) {
        fputc(' ', f);
        dump(l->items[i], f);
    }
}

static void dump_quoted(const char *s, int64_t len, FILE *f)
{
    fputc('"', f);
    for (int64_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c < 0x20 || c == 0x7f)
            fprintf(f, "\\x%02x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static const char *chan_dir_string(ChanDir d)
{
    switch (d) {
    case CHAN_SEND: return "chan<-";
    case CHAN_RECV: return "<-chan";
    default: return "chan";
    }
}

#define SP() fputc(' ', f)
#define KID(x) (SP(), dump((x), f))

static void dump(const Node *n, FILE *f)
{
    if (!n) {
        fputs("nil", f);
        return;
    }
    fprintf(f, "(%s", ast_kind_name(n->kind));
    if (dump_pos)
        fprintf(f, "@%d:%d", n->pos.line, n->pos.col);
    switch (n->kind) {
    case AST_BAD:
    case AST_EMPTYSTMT:
        break;
    case AST_REGVAL: fprintf(f, " R%d", n->u.regval.reg); break;
    case AST_IDENT:
        fprintf(f, " %s", n->u.ident.name);
        break;
    case AST_BASICLIT:
        fprintf(f, " %s ", token_string(n->u.basiclit.kind));
        dump_quoted(n->u.basiclit.value, n->u.basiclit.len, f);
        break;
    case AST_COMPOSITELIT:
        KID(n->u.compositelit.type);
        dump_items(&n->u.compositelit.elts, f);
        break;
    case AST_FUNCLIT:
        KID(n->u.funclit.type);
        KID(n->u.funclit.body);
        break;
    case AST_PAREN: KID(n->u.paren.x); break;
    case AST_SELECTOR:
        KID(n->u.selector.x);
        KID(n->u.selector.sel);
        break;
    case AST_INDEX:
        KID(n->u.index.x);
        KID(n->u.index.index);
        for (int i = 1; i < n->u.index.indices.len; i++)
            KID(n->u.index.indices.items[i]);
        break;
    case AST_SLICEEXPR:
        if (n->u.sliceexpr.slice3)
            fputs(" slice3", f);
        KID(n->u.sliceexpr.x);
        KID(n->u.sliceexpr.low);
        KID(n->u.sliceexpr.high);
        KID(n->u.sliceexpr.max);
        break;
    case AST_TYPEASSERT:
        KID(n->u.typeassert.x);
        KID(n->u.typeassert.type);
        break;
    case AST_CALL:
        KID(n->u.call.fun);
        dump_items(&n->u.call.args, f);
        if (n->u.call.has_ellipsis)
            fputs(" ...", f);
        break;
    case AST_STAR: KID(n->u.star.x); break;
    case AST_UNARY:
        fprintf(f, " %s", token_string(n->u.unary.op));
        KID(n->u.unary.x);
        break;
    case AST_BINARY:
        fprintf(f, " %s", token_string(n->u.binary.op));
        KID(n->u.binary.x);
        KID(n->u.binary.y);
        break;
    case AST_KEYVALUE:
        KID(n->u.keyvalue.key);
        KID(n->u.keyvalue.value);
        break;
    case AST_ARRAYTYPE:
        KID(n->u.arraytype.len);
        KID(n->u.arraytype.elt);
        break;
    case AST_STRUCTTYPE: dump_items(&n->u.structtype.fields, f); break;
    case AST_FUNCTYPE:
        SP();
        dump_list(&n->u.functype.params, f);
        SP();
        dump_list(&n->u.functype.results, f);
        break;
    case AST_INTERFACETYPE: dump_items(&n->u.interfacetype.methods, f); break;
    case AST_MAPTYPE:
        KID(n->u.maptype.key);
        KID(n->u.maptype.value);
        break;
    case AST_CHANTYPE:
        fprintf(f, " %s", chan_dir_string(n->u.chantype.dir));
        KID(n->u.chantype.value);
        break;
    case AST_ELLIPSIS: KID(n->u.ellipsis.elt); break;
    case AST_FIELD:
        SP();
        dump_list(&n->u.field.names, f);
        KID(n->u.field.type);
        if (n->u.field.tag)
            KID(n->u.field.tag);
        break;
    case AST_DECLSTMT: KID(n->u.declstmt.decl); break;
    case AST_LABELEDSTMT:
        KID(n->u.labeledstmt.label);
        KID(n->u.labeledstmt.stmt);
        break;
    case AST_EXPRSTMT: KID(n->u.exprstmt.x); break;
    case AST_SENDSTMT:
        KID(n->u.sendstmt.chan);
        KID(n->u.sendstmt.value);
        break;
    case AST_INCDECSTMT:
        fprintf(f, " %s", token_string(n->u.incdecstmt.tok));
        KID(n->u.incdecstmt.x);
        break;
    case AST_ASSIGNSTMT:
        fprintf(f, " %s ", token_string(n->u.assignstmt.tok));
        dump_list(&n->u.assignstmt.lhs, f);
        SP();
        dump_list(&n->u.assignstmt.rhs, f);
        break;
    case AST_GOSTMT:
    case AST_DEFERSTMT: KID(n->u.gostmt.call); break;
    case AST_RETURNSTMT: dump_items(&n->u.returnstmt.results, f); break;
    case AST_BRANCHSTMT:
        fprintf(f, " %s", token_string(n->u.branchstmt.tok));
        if (n->u.branchstmt.label)
            KID(n->u.branchstmt.label);
        break;
    case AST_BLOCKSTMT: dump_items(&n->u.blockstmt.list, f); break;
    case AST_IFSTMT:
        KID(n->u.ifstmt.init);
        KID(n->u.ifstmt.cond);
        KID(n->u.ifstmt.body);
        KID(n->u.ifstmt.els);
        break;
    case AST_CASECLAUSE:
        SP();
        dump_list(&n->u.caseclause.list, f);
        dump_items(&n->u.caseclause.body, f);
        break;
    case AST_SWITCHSTMT:
        KID(n->u.switchstmt.init);
        KID(n->u.switchstmt.tag);
        KID(n->u.switchstmt.body);
        break;
    case AST_TYPESWITCHSTMT:
        KID(n->u.typeswitchstmt.init);
        KID(n->u.typeswitchstmt.assign);
        KID(n->u.typeswitchstmt.body);
        break;
    case AST_COMMCLAUSE:
        KID(n->u.commclause.comm);
        dump_items(&n->u.commclause.body, f);
        break;
    case AST_SELECTSTMT: KID(n->u.selectstmt.body); break;
    case AST_FORSTMT:
        KID(n->u.forstmt.init);
        KID(n->u.forstmt.cond);
        KID(n->u.forstmt.post);
        KID(n->u.forstmt.body);
        break;
    case AST_RANGESTMT:
        fprintf(f, " %s", n->u.rangestmt.tok == TOK_ILLEGAL
                              ? "-"
                              : token_string(n->u.rangestmt.tok));
        KID(n->u.rangestmt.key);
        KID(n->u.rangestmt.value);
        KID(n->u.rangestmt.x);
        KID(n->u.rangestmt.body);
        break;
    case AST_IMPORTSPEC:
        KID(n->u.importspec.name);
        KID(n->u.importspec.path);
        break;
    case AST_VALUESPEC:
        SP();
        dump_list(&n->u.valuespec.names, f);
        KID(n->u.valuespec.type);
        SP();
        dump_list(&n->u.valuespec.values, f);
        if (n->u.valuespec.iota)
            fprintf(f, " iota=%d", n->u.valuespec.iota);
        if (n->u.valuespec.implicit)
            fputs(" implicit", f);
        break;
    case AST_TYPESPEC:
        KID(n->u.typespec.name);
        if (n->u.typespec.tparams.len) {
            SP();
            dump_list(&n->u.typespec.tparams, f);
        }
        if (n->u.typespec.alias)
            fputs(" =", f);
        KID(n->u.typespec.type);
        break;
    case AST_GENDECL:
        fprintf(f, " %s", token_string(n->u.gendecl.tok));
        dump_items(&n->u.gendecl.specs, f);
        break;
    case AST_FUNCDECL:
        KID(n->u.funcdecl.recv);
        KID(n->u.funcdecl.name);
        if (n->u.funcdecl.tparams.len) {
            SP();
            dump_list(&n->u.funcdecl.tparams, f);
        }
        KID(n->u.funcdecl.type);
        KID(n->u.funcdecl.body);
        break;
    case AST_FILE:
        KID(n->u.file.package);
        SP();
        dump_list(&n->u.file.decls, f);
        SP();
        dump_list(&n->u.file.stmts, f);
        break;
    case AST__COUNT:
        break;
    }
    fputc(')', f);
}

void ast_dump(const Node *n, void *file)
{
    FILE *f = file;
    dump(n, f);
    fputc('\n', f);
}

void ast_dump_positions(const Node *n, void *file)
{
    dump_pos = true;
    ast_dump(n, file);
    dump_pos = false;
}
