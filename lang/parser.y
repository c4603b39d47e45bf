/* parser.y — Go's grammar (design.md §1's language) to the tree of ast.h.
 *
 * Owns: the grammar, building nodes exactly as go/ast would for the same
 * source, the few checks go/parser makes while parsing (parameter grouping,
 * what may stand in a select case, go/defer need calls ...), and syntax
 * errors in the wording `go build` prints. Must never resolve names or look
 * at types (the checker does that), and never stop at the first error: up
 * to 10 are reported, each statement recovering on its own.
 *
 * Node positions are start positions (go/ast's Pos()): where gc's type
 * checker reports most errors.
 *
 * Techniques worth knowing before editing:
 *  - Composite literals in `if`/`for`/`switch` headers: the lexer returns the
 *    header's `{` as T_LBODY (see lex.h). Statement bodies of those three
 *    take T_LBODY; a composite literal of a literal type ([]T, [N]T, map,
 *    struct) and a function literal take either brace (lbrace); a composite
 *    literal after a bare type name takes only '{'. So `if x == T{} {` parses
 *    as Go does (T{} is not a literal there) and `for range []int{1} {`
 *    works.
 *  - Types as expressions: a type that is not a plain name ([]int, map..,
 *    chan T, func.., struct.., interface..) is an operand, so conversions
 *    and make/new arguments need no special case; `*T` is the unary STAR
 *    and `<-chan T` is rewritten from `<-` applied to a channel type, as
 *    go/parser does.
 *  - Parameter lists are parsed as a list of "maybe name, maybe type"
 *    entries and grouped afterwards (params_group), as gc does.
 *  - Scripts: a file without a package clause puts top-level statements in
 *    file.stmts; `func` starting a top-level statement is always a function
 *    declaration (the lexer returns T_FUNCDECL).
 *  - Generics: type parameter lists are parsed as "name [constraint]"
 *    entries grouped afterwards (tparams_group), like parameters. In a type
 *    declaration `type A[N` starts an array type unless what follows N can
 *    only begin a constraint (a name, `interface`, `~`, `,`), the way
 *    go/parser decides. Unions are BINARY `|` nodes, `~T` a UNARY TILDE;
 *    an instantiation with several type arguments is an INDEX whose
 *    `indices` lists them all.
 */
%define api.pure full
%define parse.error custom
%define parse.lac full
%define api.location.type {Pos}
%locations
%param {Parser *p}

%code top {
/* Past YYINITDEPTH (200) levels Bison moves its stacks, the value stack of
 * Node pointers included, from yyparse's frame (which the collector scans)
 * to YYMALLOC'd memory: plain malloc is invisible to the collector, so the
 * nodes only held there were collected mid-parse (a struct nested 400 deep
 * crashed the checker). Uncollectable memory is scanned and never
 * reclaimed until Bison frees it. */
#include <gc.h>
#define YYMALLOC GC_MALLOC_UNCOLLECTABLE
#define YYFREE GC_FREE
}

%code requires {
#include "lang/ast.h"
#include "lang/lex.h"
typedef struct Parser Parser;
}

%code provides {
/* The parser's state: one per file being parsed. */
struct Parser {
    Lexer lx;
    Diags *diags;
    const char *filename;
    Node *file;
    int nerrors;
    int prev, cur; /* the last two token codes read */
    Node *opnode;  /* the last simple statement with an operator, and */
    Pos oppos;     /* that operator's position (gc reports it there) */
};
}

%code {
#include <gc.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                           \
    do {                                                                      \
        if (N)                                                                \
            (Cur) = YYRHSLOC(Rhs, 1);                                         \
        else                                                                  \
            (Cur) = YYRHSLOC(Rhs, 0);                                         \
    } while (0)

static int yylex(YYSTYPE *val, Pos *loc, Parser *p);
static void yyerror(Pos *loc, Parser *p, const char *msg);

static void perr(Parser *p, Pos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static Node *cond_of(Parser *p, Node *s);

static char *gc_strndup(const char *s, size_t n)
{
    char *r = GC_MALLOC_ATOMIC(n + 1);
    memcpy(r, s, n);
    r[n] = 0;
    return r;
}

static Node *mk_ident(LexTok t)
{
    Node *n = ast_new(AST_IDENT, t.pos);
    n->u.ident.name = gc_strndup(t.lit, t.len);
    return n;
}

static Node *mk_lit(Token kind, LexTok t)
{
    Node *n = ast_new(AST_BASICLIT, t.pos);
    n->u.basiclit.kind = kind;
    n->u.basiclit.value = gc_strndup(t.lit, t.len);
    n->u.basiclit.len = t.len;
    n->u.basiclit.sval = t.sval;
    n->u.basiclit.rune = t.rune;
    return n;
}

static Node *mk_binary(Token op, Node *x, Node *y)
{
    Node *n = ast_new(AST_BINARY, x->pos);
    n->u.binary.op = op;
    n->u.binary.x = x;
    n->u.binary.y = y;
    return n;
}

static Node *mk_unary(Pos pos, Token op, Node *x)
{
    Node *n = ast_new(AST_UNARY, pos);
    n->u.unary.op = op;
    n->u.unary.x = x;
    return n;
}

static Node *mk_field(NodeList names, Node *type, Node *tag, Pos pos)
{
    Node *n = ast_new(AST_FIELD, pos);
    n->u.field.names = names;
    n->u.field.type = type;
    n->u.field.tag = tag;
    return n;
}

static NodeList list1(Node *n)
{
    NodeList l = {0};
    if (n)
        nodelist_push(&l, n);
    return l;
}

static NodeList list_add(NodeList l, Node *n)
{
    if (n)
        nodelist_push(&l, n);
    return l;
}

static Node *mk_chantype(Pos pos, ChanDir dir, Node *value)
{
    Node *n = ast_new(AST_CHANTYPE, pos);
    n->u.chantype.dir = dir;
    n->u.chantype.value = value;
    return n;
}

static Node *mk_block(Pos pos, NodeList list)
{
    Node *n = ast_new(AST_BLOCKSTMT, pos);
    n->u.blockstmt.list = list;
    return n;
}

static Node *mk_exprstmt(Node *x)
{
    Node *n = ast_new(AST_EXPRSTMT, x->pos);
    n->u.exprstmt.x = x;
    return n;
}

/* `<-` applied to x: a receive, or (x a channel type) a receive-only
 * channel type, re-associating `<-chan chan<- T` the way go/parser does. */
static Node *mk_arrow(Parser *p, Pos pos, Node *x)
{
    if (x->kind != AST_CHANTYPE)
        return mk_unary(pos, TOK_ARROW, x);
    Node *t = x;
    ChanDir dir = CHAN_SEND;
    while (t && t->kind == AST_CHANTYPE && dir == CHAN_SEND) {
        if (t->u.chantype.dir == CHAN_RECV) {
            perr(p, t->pos, "syntax error: unexpected <-, expected chan");
            break;
        }
        dir = t->u.chantype.dir;
        t->u.chantype.dir = CHAN_RECV;
        t = t->u.chantype.value;
    }
    if (dir == CHAN_SEND)
        perr(p, pos, "syntax error: unexpected <-, expected channel type");
    x->pos = pos;
    return x;
}

/* Groups a raw parameter list the way Go reads it: entries are FIELDs with
 * at most one name. If any entry has a name, plain-identifier entries
 * before a named one are further names of that one's type
 * (`a, b int`); otherwise every entry is a type. */
static NodeList params_group(Parser *p, NodeList raw)
{
    bool named = false;
    for (int i = 0; i < raw.len; i++)
        if (raw.items[i]->u.field.names.len)
            named = true;
    if (!named)
        return raw;
    NodeList out = {0};
    NodeList pending = {0};
    for (int i = 0; i < raw.len; i++) {
        Node *f = raw.items[i];
        if (f->u.field.names.len == 0) {
            Node *t = f->u.field.type;
            if (t->kind != AST_IDENT) {
                perr(p, t->pos, "syntax error: mixed named and unnamed parameters");
                return out;
            }
            nodelist_push(&pending, t);
            continue;
        }
        if (pending.len) {
            NodeList names = pending;
            nodelist_push(&names, f->u.field.names.items[0]);
            f->u.field.names = names;
            f->pos = names.items[0]->pos;
            pending = (NodeList){0};
        }
        nodelist_push(&out, f);
    }
    if (pending.len)
        perr(p, pending.items[pending.len - 1]->pos,
             "syntax error: mixed named and unnamed parameters");
    return out;
}

/* Fills in a const group: iota per spec, and a spec without type and
 * values repeats the previous spec's (copied, marked implicit). */
static void const_group(Node *decl)
{
    Node *prev = NULL;
    for (int i = 0; i < decl->u.gendecl.specs.len; i++) {
        Node *s = decl->u.gendecl.specs.items[i];
        if (s->kind != AST_VALUESPEC)
            continue;
        s->u.valuespec.iota = i;
        if (!s->u.valuespec.type && s->u.valuespec.values.len == 0) {
            if (prev) {
                s->u.valuespec.type = prev->u.valuespec.type;
                s->u.valuespec.values = prev->u.valuespec.values;
                s->u.valuespec.implicit = true;
            }
        } else {
            prev = s;
        }
    }
}

static Node *mk_gendecl(Pos pos, Token tok, NodeList specs)
{
    Node *d = ast_new(AST_GENDECL, pos);
    d->u.gendecl.tok = tok;
    d->u.gendecl.specs = specs;
    if (tok == TOK_CONST)
        const_group(d);
    return d;
}

/* A select case's communication must be a send, a receive or an
 * assignment of a receive. */
static bool is_recv(Node *x)
{
    while (x && x->kind == AST_PAREN)
        x = x->u.paren.x;
    return x && x->kind == AST_UNARY && x->u.unary.op == TOK_ARROW;
}

static void check_comm(Parser *p, Node *s)
{
    if (!s)
        return;
    bool ok = s->kind == AST_SENDSTMT ||
              (s->kind == AST_EXPRSTMT && is_recv(s->u.exprstmt.x)) ||
              (s->kind == AST_ASSIGNSTMT &&
               (s->u.assignstmt.tok == TOK_ASSIGN ||
                s->u.assignstmt.tok == TOK_DEFINE) &&
               s->u.assignstmt.lhs.len <= 2 && s->u.assignstmt.rhs.len == 1 &&
               is_recv(s->u.assignstmt.rhs.items[0]));
    if (!ok)
        perr(p, s->pos, "select case must be send or receive (possibly with assignment)");
}

/* `x.(type)`, the guard of a type switch. */
static bool is_type_guard(Node *x)
{
    return x && x->kind == AST_TYPEASSERT && x->u.typeassert.type == NULL;
}

/* Builds a switch from its header's statements: a type switch when the
 * tag is `x.(type)` or `v := x.(type)`. */
static Node *mk_switch(Parser *p, Pos pos, Node *init, Node *tag, Node *body)
{
    if (tag && ((tag->kind == AST_EXPRSTMT && is_type_guard(tag->u.exprstmt.x)) ||
                (tag->kind == AST_ASSIGNSTMT && tag->u.assignstmt.tok == TOK_DEFINE &&
                 tag->u.assignstmt.lhs.len == 1 && tag->u.assignstmt.rhs.len == 1 &&
                 is_type_guard(tag->u.assignstmt.rhs.items[0])))) {
        Node *n = ast_new(AST_TYPESWITCHSTMT, pos);
        n->u.typeswitchstmt.init = init;
        n->u.typeswitchstmt.assign = tag;
        n->u.typeswitchstmt.body = body;
        return n;
    }
    Node *n = ast_new(AST_SWITCHSTMT, pos);
    n->u.switchstmt.init = init;
    if (tag) {
        n->u.switchstmt.tag = cond_of(p, tag);
    }
    n->u.switchstmt.body = body;
    return n;
}

/* ---- printing statements back, for "cannot use ... as value" ---- */

typedef struct StrBuf {
    char buf[256];
    size_t len;
} StrBuf;

static void sb_put(StrBuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n >= sizeof b->buf - 4)
        n = sizeof b->buf - 4 - b->len;
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = 0;
}

static void sb_expr(StrBuf *b, const Node *x);

static void sb_list(StrBuf *b, const NodeList *l)
{
    for (int i = 0; i < l->len; i++) {
        if (i)
            sb_put(b, ", ");
        sb_expr(b, l->items[i]);
    }
}

/* Prints an expression roughly as gc's syntax.String would. */
static void sb_expr(StrBuf *b, const Node *x)
{
    if (!x)
        return;
    switch (x->kind) {
    case AST_IDENT: sb_put(b, x->u.ident.name); break;
    case AST_BASICLIT: sb_put(b, x->u.basiclit.value); break;
    case AST_SELECTOR:
        sb_expr(b, x->u.selector.x);
        sb_put(b, ".");
        sb_expr(b, x->u.selector.sel);
        break;
    case AST_CALL:
        sb_expr(b, x->u.call.fun);
        sb_put(b, "(");
        sb_list(b, &x->u.call.args);
        sb_put(b, x->u.call.has_ellipsis ? "...)" : ")");
        break;
    case AST_INDEX:
        sb_expr(b, x->u.index.x);
        sb_put(b, "[");
        sb_expr(b, x->u.index.index);
        sb_put(b, "]");
        break;
    case AST_PAREN:
        sb_put(b, "(");
        sb_expr(b, x->u.paren.x);
        sb_put(b, ")");
        break;
    case AST_STAR:
        sb_put(b, "*");
        sb_expr(b, x->u.star.x);
        break;
    case AST_UNARY:
        sb_put(b, token_string(x->u.unary.op));
        sb_expr(b, x->u.unary.x);
        break;
    case AST_BINARY:
        sb_expr(b, x->u.binary.x);
        sb_put(b, " ");
        sb_put(b, token_string(x->u.binary.op));
        sb_put(b, " ");
        sb_expr(b, x->u.binary.y);
        break;
    case AST_COMPOSITELIT:
        sb_expr(b, x->u.compositelit.type);
        sb_put(b, "{…}");
        break;
    case AST_FUNCLIT: sb_put(b, "func(…) {…}"); break;
    default: sb_put(b, "…"); break;
    }
}

/* gc's emphasize: parenthesise a side of `=` unless it is a simple name,
 * literal, selector, call or index. */
static void sb_emph(StrBuf *b, const NodeList *l)
{
    bool simple = l->len == 1;
    if (simple) {
        AstKind k = l->items[0]->kind;
        simple = k == AST_IDENT || k == AST_BASICLIT || k == AST_SELECTOR ||
                 k == AST_CALL || k == AST_INDEX || k == AST_PAREN;
    }
    if (!simple)
        sb_put(b, "(");
    sb_list(b, l);
    if (!simple)
        sb_put(b, ")");
}

/* The condition of an if/for/switch header must be an expression. */
static Node *cond_of(Parser *p, Node *s)
{
    if (!s)
        return NULL;
    if (s->kind == AST_EXPRSTMT)
        return s->u.exprstmt.x;
    StrBuf b = {0};
    switch (s->kind) {
    case AST_ASSIGNSTMT:
        if (s->u.assignstmt.tok == TOK_ASSIGN) {
            sb_put(&b, "assignment ");
            sb_emph(&b, &s->u.assignstmt.lhs);
            sb_put(&b, " = ");
            sb_emph(&b, &s->u.assignstmt.rhs);
        } else {
            sb_list(&b, &s->u.assignstmt.lhs);
            sb_put(&b, " ");
            sb_put(&b, token_string(s->u.assignstmt.tok));
            sb_put(&b, " ");
            sb_list(&b, &s->u.assignstmt.rhs);
        }
        break;
    case AST_INCDECSTMT:
        sb_expr(&b, s->u.incdecstmt.x);
        sb_put(&b, token_string(s->u.incdecstmt.tok));
        break;
    case AST_SENDSTMT:
        sb_expr(&b, s->u.sendstmt.chan);
        sb_put(&b, " <- ");
        sb_expr(&b, s->u.sendstmt.value);
        break;
    default: sb_put(&b, "statement"); break;
    }
    Pos pos = s == p->opnode ? p->oppos : s->pos;
    perr(p, pos, "syntax error: cannot use %s as value", b.buf);
    return ast_new(AST_BAD, s->pos);
}

/* go/defer need a call. */
static Node *call_of(Parser *p, Node *x, const char *what)
{
    Node *y = x;
    while (y && y->kind == AST_PAREN)
        y = y->u.paren.x;
    if (y != x && y && y->kind == AST_CALL) {
        perr(p, x->pos, "expression in %s must not be parenthesized", what);
        return y;
    }
    if (y && y->kind == AST_CALL)
        return y;
    perr(p, x->pos, "expression in %s must be function call", what);
    return x;
}

/* Where a top-level item goes (see the header comment). */
static void top_add(Parser *p, Node *n)
{
    if (!n)
        return;
    Node *f = p->file;
    bool script = f->u.file.package == NULL;
    if (n->kind == AST_FUNCDECL) {
        nodelist_push(&f->u.file.decls, n);
        return;
    }
    if (n->kind == AST_DECLSTMT) {
        Node *d = n->u.declstmt.decl;
        if (!script && d->u.gendecl.tok == TOK_IMPORT)
            for (int i = 0; i < f->u.file.decls.len; i++) {
                Node *o = f->u.file.decls.items[i];
                if (o->kind != AST_GENDECL || o->u.gendecl.tok != TOK_IMPORT) {
                    perr(p, n->pos, "syntax error: imports must appear before other declarations");
                    break;
                }
            }
        if (!script || d->u.gendecl.tok == TOK_IMPORT || d->u.gendecl.tok == TOK_TYPE)
            nodelist_push(&f->u.file.decls, d);
        else
            nodelist_push(&f->u.file.stmts, n);
        return;
    }
    if (!script && n->kind == AST_BLOCKSTMT && f->u.file.decls.len) {
        Node *last = f->u.file.decls.items[f->u.file.decls.len - 1];
        if (last->kind == AST_FUNCDECL && !last->u.funcdecl.body) {
            perr(p, n->pos, "syntax error: unexpected semicolon or newline before {");
            last->u.funcdecl.body = n;
            return;
        }
    }
    if (!script) {
        perr(p, n->pos, "syntax error: non-declaration statement outside function body");
        return;
    }
    nodelist_push(&f->u.file.stmts, n);
}

/* Groups raw type parameter entries (a name with or without its
 * constraint) as go/parser does: names without a constraint share the next
 * one's (`[K, V any]`). */
static NodeList tparams_group(Parser *p, NodeList raw)
{
    NodeList out = {0};
    NodeList names = {0};
    for (int i = 0; i < raw.len; i++) {
        Node *e = raw.items[i];
        nodelist_push(&names, e->u.field.names.items[0]);
        if (e->u.field.type) {
            nodelist_push(&out, mk_field(names, e->u.field.type, NULL, names.items[0]->pos));
            names = (NodeList){0};
        }
    }
    if (names.len) {
        perr(p, names.items[names.len - 1]->pos, "syntax error: missing type constraint");
        nodelist_push(&out, mk_field(names, mk_ident((LexTok){.lit = "any", .len = 3,
                                                               .pos = names.items[0]->pos}),
                                     NULL, names.items[0]->pos));
    }
    return out;
}

/* The single name before an embedded G[T] in a struct. */
static Node *embedded_name(Parser *p, NodeList names)
{
    if (names.len != 1)
        perr(p, names.items[1]->pos, "syntax error: unexpected comma, expected type");
    return names.items[0];
}

static Node *mk_index(Node *x, NodeList idx)
{
    Node *n = ast_new(AST_INDEX, x->pos);
    n->u.index.x = x;
    n->u.index.index = idx.len ? idx.items[0] : NULL;
    if (idx.len > 1)
        n->u.index.indices = idx;
    return n;
}
}

%union {
    LexTok tk;
    bool flag;
    Node *node;
    NodeList list;
    struct {
        NodeList list;
        bool ellipsis;
    } args;
}

%token <tk> T_IDENT "name" T_INT "int literal" T_FLOAT "float literal"
%token <tk> T_IMAG "imaginary literal" T_CHAR "rune literal"
%token <tk> T_STRING "string literal"
%token <tk> T_BREAK "break" T_CASE "case" T_CHAN "chan" T_CONST "const"
%token <tk> T_CONTINUE "continue" T_DEFAULT "default" T_DEFER "defer"
%token <tk> T_ELSE "else" T_FALLTHROUGH "fallthrough" T_FOR "for"
%token <tk> T_FUNC "func" T_FUNCDECL "func " T_GO "go" T_GOTO "goto"
%token <tk> T_IF "if" T_IMPORT "import" T_INTERFACE "interface" T_MAP "map"
%token <tk> T_PACKAGE "package" T_RANGE "range" T_RETURN "return"
%token <tk> T_SELECT "select" T_STRUCT "struct" T_SWITCH "switch"
%token <tk> T_TYPE "type" T_VAR "var"
%token <tk> T_ASSIGN_OP "op=" T_SHL "<<" T_SHR ">>" T_ANDNOT "&^"
%token <tk> T_LAND "&&" T_LOR "||" T_ARROW "<-" T_INC "++" T_DEC "--"
%token <tk> T_EQL "==" T_NEQ "!=" T_LEQ "<=" T_GEQ ">=" T_DEFINE ":="
%token <tk> T_ELLIPSIS "..." T_LBODY "{ "
%token <tk> '+' '-' '*' '/' '%' '&' '|' '^' '<' '>' '=' '!' '~'
%token <tk> '(' ')' '[' ']' '{' '}' ',' ';' '.' ':'

%left T_LOR
%left T_LAND
%left T_EQL T_NEQ '<' T_LEQ '>' T_GEQ
%left '+' '-' '|' '^'
%left '*' '/' '%' T_SHL T_SHR '&' T_ANDNOT

%type <node> package_clause top_item stmt simple_stmt osimple_stmt
%type <node> decl_stmt import_spec var_spec const_spec type_spec
%type <node> import_item var_item const_item type_item
%type <node> labeled_stmt go_stmt return_stmt branch_stmt block
%type <node> if_stmt else_opt for_stmt range_clause switch_stmt select_stmt
%type <node> case_clause comm_clause body switch_body select_body switch_open
%type <node> expr unary_expr primary_expr pexpr type_operand operand expr_opt
%type <node> type type_np typename lit_type type_lit non_lit_type_lit
%type <node> chan_elem array_type struct_type interface_type map_type chan_type
%type <node> func_type signature funclit field_decl iface_elem
%type <node> param elem element tag_opt func_decl fbody
%type <node> composite elided
%type <list> top_list stmt_list expr_list ident_list
%type <list> import_specs var_specs const_specs type_specs
%type <list> case_list comm_list params param_list result
%type <list> field_list iface_list elems elem_list generic_args tparam_list tparams
%type <node> tparam constraint cterm constraint0 cterm0 iface_union iface_term
%type <args> args arg_list
%type <flag> oassign




/* The shift/reduce conflicts, all resolved by shifting as Go does:
 * a literal type or func type before T_LBODY in a header opens a literal
 * (2); `chan p.T` is a qualified element type (1); after a func type's
 * parameters, '(' '*' '[' and '<-' begin its result type (5, one of them
 * on the error-recovery rule of params); `[]T[` and `chan T[` instantiate T,
 * as go/parser reads them (2); `(a [` in a parameter list names a parameter
 * `a` of an array or slice type (1). The other 5 are on the `error` token
 * only (recovery in a switch/select body vs in a clause's statement: the
 * statement wins), so valid programs never meet them. */
%expect 16

%start file

%%

file:
    package_clause ';' top_list
  | top_list
  ;

package_clause:
    T_PACKAGE T_IDENT {
        p->file->u.file.package = mk_ident($2);
        p->file->pos = @1; /* go/ast: a file starts at its package clause */
        $$ = NULL;
    }
  ;

top_list:
    top_item                  { top_add(p, $1); $$ = (NodeList){0}; }
  | top_list ';' top_item     { top_add(p, $3); $$ = $1; }
  ;

top_item:
    func_decl       { $$ = $1; }
  | stmt            { $$ = $1; }
  | T_IMPORT import_spec {
        Node *d = mk_gendecl(@1, TOK_IMPORT, list1($2));
        $$ = ast_new(AST_DECLSTMT, @1); $$->u.declstmt.decl = d;
    }
  | T_IMPORT '(' import_specs ')' {
        Node *d = mk_gendecl(@1, TOK_IMPORT, $3);
        $$ = ast_new(AST_DECLSTMT, @1); $$->u.declstmt.decl = d;
    }
  ;

import_specs:
    import_item                    { $$ = list1($1); }
  | import_specs ';' import_item   { $$ = list_add($1, $3); }
  ;

import_spec:
    T_STRING              { $$ = ast_new(AST_IMPORTSPEC, @1);
                            $$->u.importspec.path = mk_lit(TOK_STRING, $1); }
  | T_IDENT T_STRING      { $$ = ast_new(AST_IMPORTSPEC, @1);
                            $$->u.importspec.name = mk_ident($1);
                            $$->u.importspec.path = mk_lit(TOK_STRING, $2); }
  | '.' T_STRING          { $$ = ast_new(AST_IMPORTSPEC, @1);
                            $$->u.importspec.name = mk_ident($1);
                            $$->u.importspec.path = mk_lit(TOK_STRING, $2); }
  ;

import_item:
    %empty     { $$ = NULL; }
  | import_spec    { $$ = $1; }
  | error      { $$ = NULL; }
  ;

/* ---- functions ---------------------------------------------------------- */

func_decl:
    T_FUNCDECL T_IDENT signature fbody {
        $$ = ast_new(AST_FUNCDECL, @1);
        $$->u.funcdecl.name = mk_ident($2);
        $$->u.funcdecl.type = $3;
        $3->pos = @1; /* go/ast: a declared func's type starts at `func` */
        $$->u.funcdecl.body = $4;
    }
  | T_FUNCDECL T_IDENT '[' tparams ']' signature fbody {
        $$ = ast_new(AST_FUNCDECL, @1);
        $$->u.funcdecl.name = mk_ident($2);
        $$->u.funcdecl.type = $6;
        $6->pos = @1;
        $$->u.funcdecl.body = $7;
        $$->u.funcdecl.tparams = $4;
    }
  | T_FUNCDECL params T_IDENT signature fbody {
        $$ = ast_new(AST_FUNCDECL, @1);
        if ($2.len != 1 || $2.items[0]->u.field.names.len > 1)
            perr(p, @2, "method has multiple receivers");
        if ($2.len == 0)
            perr(p, @2, "method has no receiver");
        $$->u.funcdecl.recv = $2.len ? $2.items[0] : NULL;
        $$->u.funcdecl.name = mk_ident($3);
        $$->u.funcdecl.type = $4;
        $4->pos = @1;
        $$->u.funcdecl.body = $5;
    }
  ;

fbody:
    %empty  { $$ = NULL; }
  | block   { $$ = $1; }
  ;

signature:
    params result {
        $$ = ast_new(AST_FUNCTYPE, @1);
        $$->u.functype.params = $1;
        $$->u.functype.results = $2;
    }
  ;

result:
    %empty    { $$ = (NodeList){0}; }
  | params    { $$ = $1; }
  | type_np   { $$ = list1(mk_field((NodeList){0}, $1, NULL, @1)); }
  ;

params:
    '(' ')'                      { $$ = (NodeList){0}; }
  | '(' error ')'                { $$ = (NodeList){0}; }
  | '(' param_list ocomma ')'    { $$ = params_group(p, $2); }
  ;

param_list:
    param                   { $$ = list1($1); }
  | param_list ',' param    { $$ = list_add($1, $3); }
  ;

param:
    type                 { $$ = mk_field((NodeList){0}, $1, NULL, @1); }
  | T_IDENT type         { $$ = mk_field(list1(mk_ident($1)), $2, NULL, @1); }
  | T_IDENT T_ELLIPSIS type {
        Node *e = ast_new(AST_ELLIPSIS, @2); e->u.ellipsis.elt = $3;
        $$ = mk_field(list1(mk_ident($1)), e, NULL, @1);
    }
  | T_ELLIPSIS type {
        Node *e = ast_new(AST_ELLIPSIS, @1); e->u.ellipsis.elt = $2;
        $$ = mk_field((NodeList){0}, e, NULL, @1);
    }
  ;

ocomma: %empty | ',' ;

/* ---- types -------------------------------------------------------------- */

type:
    type_np            { $$ = $1; }
  | '(' type ')'       { $$ = ast_new(AST_PAREN, @1); $$->u.paren.x = $2; }
  ;

type_np:
    typename          { $$ = $1; }
  | typename '[' generic_args ']' { $$ = mk_index($1, $3); }
  | type_lit          { $$ = $1; }
  | lit_type          { $$ = $1; }
  ;

typename:
    T_IDENT                  { $$ = mk_ident($1); }
  | T_IDENT '.' T_IDENT      { $$ = ast_new(AST_SELECTOR, @1);
                               $$->u.selector.x = mk_ident($1);
                               $$->u.selector.sel = mk_ident($3); }
  ;

generic_args:
    type                    { $$ = list1($1); }
  | generic_args ',' type   { $$ = list_add($1, $3); }
  ;

/* Type parameters: `[P C, Q, R D]`, grouped by tparams_group. */
tparams:
    tparam_list ocomma      { $$ = tparams_group(p, $1); }
  ;

tparam_list:
    tparam                  { $$ = list1($1); }
  | tparam_list ',' tparam  { $$ = list_add($1, $3); }
  ;

tparam:
    T_IDENT             { $$ = mk_field(list1(mk_ident($1)), NULL, NULL, @1); }
  | T_IDENT constraint  { $$ = mk_field(list1(mk_ident($1)), $2, NULL, @1); }
  ;

constraint:
    cterm                  { $$ = $1; }
  | constraint '|' cterm   { $$ = mk_binary(TOK_OR, $1, $3); }
  ;

cterm:
    type        { $$ = $1; }
  | '~' type    { $$ = mk_unary(@1, TOK_TILDE, $2); }
  ;

/* The first constraint after `type A[P`: only what cannot continue an
 * array length. */
constraint0:
    cterm0                  { $$ = $1; }
  | constraint0 '|' cterm   { $$ = mk_binary(TOK_OR, $1, $3); }
  ;

cterm0:
    typename                      { $$ = $1; }
  | typename '[' generic_args ']' { $$ = mk_index($1, $3); }
  | interface_type                { $$ = $1; }
  | '~' type                      { $$ = mk_unary(@1, TOK_TILDE, $2); }
  ;

/* Types that may open a composite literal. */
lit_type:
    array_type    { $$ = $1; }
  | struct_type   { $$ = $1; }
  | map_type      { $$ = $1; }
  ;

/* Other type literals (in type context). */
type_lit:
    '*' type        { $$ = ast_new(AST_STAR, @1); $$->u.star.x = $2; }
  | non_lit_type_lit { $$ = $1; }
  | T_ARROW T_CHAN type { $$ = mk_chantype(@1, CHAN_RECV, $3); }
  ;

/* A channel's element type cannot start with `<-`: `chan <-chan T` reads
 * as `chan<- (chan T)` (the spec's leftmost-chan rule). */
chan_elem:
    typename          { $$ = $1; }
  | typename '[' generic_args ']' { $$ = mk_index($1, $3); }
  | lit_type          { $$ = $1; }
  | '*' type          { $$ = ast_new(AST_STAR, @1); $$->u.star.x = $2; }
  | non_lit_type_lit  { $$ = $1; }
  | '(' type ')'      { $$ = ast_new(AST_PAREN, @1); $$->u.paren.x = $2; }
  ;

/* Type literals that are also operands as they stand. */
non_lit_type_lit:
    func_type       { $$ = $1; }
  | interface_type  { $$ = $1; }
  | chan_type       { $$ = $1; }
  ;

array_type:
    '[' expr ']' type {
        $$ = ast_new(AST_ARRAYTYPE, @1);
        $$->u.arraytype.len = $2; $$->u.arraytype.elt = $4;
    }
  | '[' T_ELLIPSIS ']' type {
        $$ = ast_new(AST_ARRAYTYPE, @1);
        $$->u.arraytype.len = ast_new(AST_ELLIPSIS, @2);
        $$->u.arraytype.elt = $4;
    }
  | '[' ']' type {
        $$ = ast_new(AST_ARRAYTYPE, @1); $$->u.arraytype.elt = $3;
    }
  ;

map_type:
    T_MAP '[' type ']' type {
        $$ = ast_new(AST_MAPTYPE, @1);
        $$->u.maptype.key = $3; $$->u.maptype.value = $5;
    }
  ;

chan_type:
    T_CHAN chan_elem     { $$ = mk_chantype(@1, CHAN_BOTH, $2); }
  | T_CHAN T_ARROW type  { $$ = mk_chantype(@1, CHAN_SEND, $3); }
  ;

func_type:
    T_FUNC signature     { $$ = $2; $$->pos = @1; }
  ;

lbrace: '{' | T_LBODY ;

struct_type:
    T_STRUCT lbrace field_list '}' {
        $$ = ast_new(AST_STRUCTTYPE, @1); $$->u.structtype.fields = $3;
    }
  ;

field_list:
    field_decl                  { $$ = list1($1); }
  | field_list ';' field_decl   { $$ = list_add($1, $3); }
  ;

field_decl:
    %empty                   { $$ = NULL; }
  | ident_list type tag_opt  { $$ = mk_field($1, $2, $3, @1); }
  | typename tag_opt         { $$ = mk_field((NodeList){0}, $1, $2, @1); }
  | '*' typename tag_opt {
        Node *s = ast_new(AST_STAR, @1); s->u.star.x = $2;
        $$ = mk_field((NodeList){0}, s, $3, @1);
    }
  | ident_list '[' expr ']' tag_opt {
        /* an embedded instantiation G[T] (`a [N]T` is a field: the type
         * after ']' decides, as in go/parser) */
        $$ = mk_field((NodeList){0}, mk_index(embedded_name(p, $1), list1($3)), $5, @1);
    }
  | ident_list '[' expr ',' expr_list ocomma ']' tag_opt {
        NodeList l = list1($3);
        for (int i = 0; i < $5.len; i++)
            nodelist_push(&l, $5.items[i]);
        $$ = mk_field((NodeList){0}, mk_index(embedded_name(p, $1), l), $8, @1);
    }
  | T_IDENT '.' T_IDENT '[' generic_args ']' tag_opt {
        Node *q = ast_new(AST_SELECTOR, @1);
        q->u.selector.x = mk_ident($1);
        q->u.selector.sel = mk_ident($3);
        $$ = mk_field((NodeList){0}, mk_index(q, $5), $7, @1);
    }
  | '*' typename '[' generic_args ']' tag_opt {
        Node *s = ast_new(AST_STAR, @1); s->u.star.x = mk_index($2, $4);
        $$ = mk_field((NodeList){0}, s, $6, @1);
    }
  | error                    { $$ = NULL; }
  ;

tag_opt:
    %empty      { $$ = NULL; }
  | T_STRING    { $$ = mk_lit(TOK_STRING, $1); }
  ;

ident_list:
    T_IDENT                  { $$ = list1(mk_ident($1)); }
  | ident_list ',' T_IDENT   { $$ = list_add($1, mk_ident($3)); }
  ;

interface_type:
    T_INTERFACE lbrace iface_list '}' {
        $$ = ast_new(AST_INTERFACETYPE, @1); $$->u.interfacetype.methods = $3;
    }
  ;

iface_list:
    iface_elem                  { $$ = list1($1); }
  | iface_list ';' iface_elem   { $$ = list_add($1, $3); }
  ;

/* An embedded interface, or a union of type terms. */
iface_union:
    iface_term                    { $$ = $1; }
  | iface_union '|' iface_term    { $$ = mk_binary(TOK_OR, $1, $3); }
  ;

iface_term:
    typename                      { $$ = $1; }
  | typename '[' generic_args ']' { $$ = mk_index($1, $3); }
  | '~' type                      { $$ = mk_unary(@1, TOK_TILDE, $2); }
  | lit_type                      { $$ = $1; }
  | '*' type                      { $$ = ast_new(AST_STAR, @1); $$->u.star.x = $2; }
  | func_type                     { $$ = $1; }
  | chan_type                     { $$ = $1; }
  ;

iface_elem:
    %empty                { $$ = NULL; }
  | T_IDENT signature     { $$ = mk_field(list1(mk_ident($1)), $2, NULL, @1); }
  | iface_union           { $$ = mk_field((NodeList){0}, $1, NULL, @1); }
  | error                 { $$ = NULL; }
  ;

/* ---- declarations ---------------------------------------------------- */

decl_stmt:
    T_VAR var_spec               { $$ = mk_gendecl(@1, TOK_VAR, list1($2)); }
  | T_VAR '(' var_specs ')'      { $$ = mk_gendecl(@1, TOK_VAR, $3); }
  | T_CONST const_spec           { $$ = mk_gendecl(@1, TOK_CONST, list1($2)); }
  | T_CONST '(' const_specs ')'  { $$ = mk_gendecl(@1, TOK_CONST, $3); }
  | T_TYPE type_spec             { $$ = mk_gendecl(@1, TOK_TYPE, list1($2)); }
  | T_TYPE '(' type_specs ')'    { $$ = mk_gendecl(@1, TOK_TYPE, $3); }
  ;

var_specs:
    var_item                 { $$ = list1($1); }
  | var_specs ';' var_item   { $$ = list_add($1, $3); }
  ;

var_spec:
    ident_list type {
        $$ = ast_new(AST_VALUESPEC, @1);
        $$->u.valuespec.names = $1; $$->u.valuespec.type = $2;
    }
  | ident_list type '=' expr_list {
        $$ = ast_new(AST_VALUESPEC, @1);
        $$->u.valuespec.names = $1; $$->u.valuespec.type = $2;
        $$->u.valuespec.values = $4;
    }
  | ident_list '=' expr_list {
        $$ = ast_new(AST_VALUESPEC, @1);
        $$->u.valuespec.names = $1; $$->u.valuespec.values = $3;
    }
  ;

var_item:
    %empty     { $$ = NULL; }
  | var_spec    { $$ = $1; }
  | error      { $$ = NULL; }
  ;

const_specs:
    const_item                   { $$ = list1($1); }
  | const_specs ';' const_item   { $$ = list_add($1, $3); }
  ;

const_spec:
    ident_list {
        $$ = ast_new(AST_VALUESPEC, @1); $$->u.valuespec.names = $1;
    }
  | ident_list type {
        $$ = ast_new(AST_VALUESPEC, @1);
        $$->u.valuespec.names = $1; $$->u.valuespec.type = $2;
    }
  | ident_list type '=' expr_list {
        $$ = ast_new(AST_VALUESPEC, @1);
        $$->u.valuespec.names = $1; $$->u.valuespec.type = $2;
        $$->u.valuespec.values = $4;
    }
  | ident_list '=' expr_list {
        $$ = ast_new(AST_VALUESPEC, @1);
        $$->u.valuespec.names = $1; $$->u.valuespec.values = $3;
    }
  ;

const_item:
    %empty     { $$ = NULL; }
  | const_spec    { $$ = $1; }
  | error      { $$ = NULL; }
  ;

type_specs:
    type_item                  { $$ = list1($1); }
  | type_specs ';' type_item   { $$ = list_add($1, $3); }
  ;

type_spec:
    T_IDENT type {
        $$ = ast_new(AST_TYPESPEC, @1);
        $$->u.typespec.name = mk_ident($1); $$->u.typespec.type = $2;
    }
  | T_IDENT '=' type {
        $$ = ast_new(AST_TYPESPEC, @1);
        $$->u.typespec.name = mk_ident($1); $$->u.typespec.type = $3;
        $$->u.typespec.alias = true;
    }
  | T_IDENT '[' T_IDENT constraint0 ']' oassign type {
        $$ = ast_new(AST_TYPESPEC, @1);
        $$->u.typespec.name = mk_ident($1); $$->u.typespec.type = $7;
        $$->u.typespec.alias = $6;
        $$->u.typespec.tparams =
            tparams_group(p, list1(mk_field(list1(mk_ident($3)), $4, NULL, @3)));
    }
  | T_IDENT '[' T_IDENT constraint0 ',' tparams ']' oassign type {
        $$ = ast_new(AST_TYPESPEC, @1);
        $$->u.typespec.name = mk_ident($1); $$->u.typespec.type = $9;
        $$->u.typespec.alias = $8;
        NodeList l = list1(mk_field(list1(mk_ident($3)), $4, NULL, @3));
        for (int i = 0; i < $6.len; i++)
            nodelist_push(&l, $6.items[i]);
        $$->u.typespec.tparams = l;
    }
  | T_IDENT '[' T_IDENT ',' tparam_list ocomma ']' oassign type {
        $$ = ast_new(AST_TYPESPEC, @1);
        $$->u.typespec.name = mk_ident($1); $$->u.typespec.type = $9;
        $$->u.typespec.alias = $8;
        NodeList l = list1(mk_field(list1(mk_ident($3)), NULL, NULL, @3));
        for (int i = 0; i < $5.len; i++)
            nodelist_push(&l, $5.items[i]);
        $$->u.typespec.tparams = tparams_group(p, l);
    }
  ;

/* `type A[T any] = ...`: parsed so the checker can refuse it as Go does. */
oassign:
    %empty  { $$ = false; }
  | '='     { $$ = true; }
  ;

type_item:
    %empty     { $$ = NULL; }
  | type_spec    { $$ = $1; }
  | error      { $$ = NULL; }
  ;

/* ---- statements --------------------------------------------------------- */

block:
    '{' stmt_list '}'   { $$ = mk_block(@1, $2); $$->u.blockstmt.rbrace = @3; }
  ;

/* The body of if/for: its T_LBODY ends the header (see lex.h). */
body:
    T_LBODY { lex_body_opened(&p->lx); } stmt_list '}' {
        $$ = mk_block(@1, $3); $$->u.blockstmt.rbrace = @4;
    }
  ;

stmt_list:
    stmt                   { $$ = list1($1); }
  | stmt_list ';' stmt     { $$ = list_add($1, $3); }
  ;

stmt:
    %empty           { $$ = NULL; }
  | simple_stmt      { $$ = $1; }
  | decl_stmt        { $$ = ast_new(AST_DECLSTMT, @1); $$->u.declstmt.decl = $1; }
  | labeled_stmt     { $$ = $1; }
  | go_stmt          { $$ = $1; }
  | return_stmt      { $$ = $1; }
  | branch_stmt      { $$ = $1; }
  | block            { $$ = $1; }
  | if_stmt          { $$ = $1; }
  | switch_stmt      { $$ = $1; }
  | select_stmt      { $$ = $1; }
  | for_stmt         { $$ = $1; }
  | error            { $$ = NULL; }
  ;

simple_stmt:
    expr             { $$ = mk_exprstmt($1); }
  | expr T_INC {
        $$ = ast_new(AST_INCDECSTMT, @1);
        $$->u.incdecstmt.x = $1; $$->u.incdecstmt.tok = TOK_INC;
        p->opnode = $$; p->oppos = @2;
    }
  | expr T_DEC {
        $$ = ast_new(AST_INCDECSTMT, @1);
        $$->u.incdecstmt.x = $1; $$->u.incdecstmt.tok = TOK_DEC;
        p->opnode = $$; p->oppos = @2;
    }
  | expr T_ARROW expr {
        $$ = ast_new(AST_SENDSTMT, @1);
        $$->u.sendstmt.chan = $1; $$->u.sendstmt.value = $3;
        p->opnode = $$; p->oppos = @2;
    }
  | expr T_ASSIGN_OP expr {
        $$ = ast_new(AST_ASSIGNSTMT, @1);
        $$->u.assignstmt.lhs = list1($1); $$->u.assignstmt.tok = $2.op;
        $$->u.assignstmt.rhs = list1($3);
        p->opnode = $$; p->oppos = @2;
    }
  | expr_list '=' expr_list {
        $$ = ast_new(AST_ASSIGNSTMT, @1);
        $$->u.assignstmt.lhs = $1; $$->u.assignstmt.tok = TOK_ASSIGN;
        $$->u.assignstmt.rhs = $3;
        p->opnode = $$; p->oppos = @2;
    }
  | expr_list T_DEFINE expr_list {
        $$ = ast_new(AST_ASSIGNSTMT, @1);
        for (int i = 0; i < $1.len; i++)
            if ($1.items[i]->kind != AST_IDENT) {
                StrBuf b = {0};
                sb_expr(&b, $1.items[i]);
                perr(p, $1.items[i]->pos, "non-name %s on left side of :=", b.buf);
                break;
            }
        $$->u.assignstmt.lhs = $1; $$->u.assignstmt.tok = TOK_DEFINE;
        $$->u.assignstmt.rhs = $3; $$->u.assignstmt.tokpos = @2;
        p->opnode = $$; p->oppos = @2;
    }
  ;

osimple_stmt:
    %empty         { $$ = NULL; }
  | simple_stmt    { $$ = $1; }
  ;

labeled_stmt:
    T_IDENT ':' stmt {
        $$ = ast_new(AST_LABELEDSTMT, @1);
        $$->u.labeledstmt.label = mk_ident($1);
        $$->u.labeledstmt.stmt = $3 ? $3 : ast_new(AST_EMPTYSTMT, @2);
    }
  ;

go_stmt:
    T_GO expr {
        $$ = ast_new(AST_GOSTMT, @1); $$->u.gostmt.call = call_of(p, $2, "go");
    }
  | T_DEFER expr {
        $$ = ast_new(AST_DEFERSTMT, @1); $$->u.gostmt.call = call_of(p, $2, "defer");
    }
  ;

return_stmt:
    T_RETURN             { $$ = ast_new(AST_RETURNSTMT, @1); }
  | T_RETURN expr_list   { $$ = ast_new(AST_RETURNSTMT, @1);
                           $$->u.returnstmt.results = $2; }
  ;

branch_stmt:
    T_BREAK            { $$ = ast_new(AST_BRANCHSTMT, @1); $$->u.branchstmt.tok = TOK_BREAK; }
  | T_BREAK T_IDENT    { $$ = ast_new(AST_BRANCHSTMT, @1); $$->u.branchstmt.tok = TOK_BREAK;
                         $$->u.branchstmt.label = mk_ident($2); }
  | T_CONTINUE         { $$ = ast_new(AST_BRANCHSTMT, @1); $$->u.branchstmt.tok = TOK_CONTINUE; }
  | T_CONTINUE T_IDENT { $$ = ast_new(AST_BRANCHSTMT, @1); $$->u.branchstmt.tok = TOK_CONTINUE;
                         $$->u.branchstmt.label = mk_ident($2); }
  | T_GOTO T_IDENT     { $$ = ast_new(AST_BRANCHSTMT, @1); $$->u.branchstmt.tok = TOK_GOTO;
                         $$->u.branchstmt.label = mk_ident($2); }
  | T_FALLTHROUGH      { $$ = ast_new(AST_BRANCHSTMT, @1); $$->u.branchstmt.tok = TOK_FALLTHROUGH; }
  ;

if_stmt:
    T_IF osimple_stmt body else_opt {
        $$ = ast_new(AST_IFSTMT, @1);
        if (!$2)
            perr(p, @3, "syntax error: missing condition in if statement");
        $$->u.ifstmt.cond = cond_of(p, $2);
        $$->u.ifstmt.body = $3; $$->u.ifstmt.els = $4;
    }
  | T_IF osimple_stmt ';' osimple_stmt body else_opt {
        $$ = ast_new(AST_IFSTMT, @1);
        if (!$4 && !strcmp($3.lit, "newline"))
            perr(p, @3, "syntax error: unexpected newline, expected { after if clause");
        else if (!$4)
            perr(p, @3, "syntax error: missing condition in if statement");
        $$->u.ifstmt.init = $2;
        $$->u.ifstmt.cond = cond_of(p, $4);
        $$->u.ifstmt.body = $5; $$->u.ifstmt.els = $6;
    }
  ;

else_opt:
    %empty            { $$ = NULL; }
  | T_ELSE if_stmt    { $$ = $2; }
  | T_ELSE block      { $$ = $2; }
  ;

for_stmt:
    T_FOR osimple_stmt body {
        $$ = ast_new(AST_FORSTMT, @1);
        $$->u.forstmt.cond = cond_of(p, $2);
        $$->u.forstmt.body = $3;
    }
  | T_FOR osimple_stmt ';' osimple_stmt ';' osimple_stmt body {
        $$ = ast_new(AST_FORSTMT, @1);
        $$->u.forstmt.init = $2;
        $$->u.forstmt.cond = cond_of(p, $4);
        if ($6 && $6->kind == AST_ASSIGNSTMT && $6->u.assignstmt.tok == TOK_DEFINE)
            perr(p, $6->pos, "syntax error: cannot declare in post statement of for loop");
        $$->u.forstmt.post = $6;
        $$->u.forstmt.body = $7;
    }
  | T_FOR range_clause body { $$ = $2; $$->pos = @1; $$->u.rangestmt.body = $3; }
  ;

range_clause:
    expr_list '=' T_RANGE expr {
        $$ = ast_new(AST_RANGESTMT, @1);
        $$->u.rangestmt.tok = TOK_ASSIGN;
        $$->u.rangestmt.key = $1.items[0];
        $$->u.rangestmt.value = $1.len > 1 ? $1.items[1] : NULL;
        if ($1.len > 2)
            perr(p, $1.items[2]->pos, "range clause permits at most two iteration variables");
        $$->u.rangestmt.x = $4;
    }
  | expr_list T_DEFINE T_RANGE expr {
        $$ = ast_new(AST_RANGESTMT, @1);
        $$->u.rangestmt.tok = TOK_DEFINE;
        $$->u.rangestmt.key = $1.items[0];
        $$->u.rangestmt.value = $1.len > 1 ? $1.items[1] : NULL;
        if ($1.len > 2)
            perr(p, $1.items[2]->pos, "range clause permits at most two iteration variables");
        $$->u.rangestmt.x = $4;
    }
  | T_RANGE expr {
        $$ = ast_new(AST_RANGESTMT, @1);
        $$->u.rangestmt.tok = TOK_ILLEGAL;
        $$->u.rangestmt.x = $2;
    }
  ;

switch_stmt:
    T_SWITCH osimple_stmt switch_body { $$ = mk_switch(p, @1, NULL, $2, $3); }
  | T_SWITCH osimple_stmt ';' osimple_stmt switch_body {
        $$ = mk_switch(p, @1, $2, $4, $5);
    }
  ;

switch_body:
    switch_open case_list '}'         { $$ = mk_block(@1, $2); }
  | switch_open case_list error '}'   { $$ = mk_block(@1, $2); }
  ;

switch_open:
    T_LBODY { lex_body_opened(&p->lx); }
  ;

case_list:
    %empty                  { $$ = (NodeList){0}; }
  | case_list case_clause   { $$ = list_add($1, $2); }
  ;

case_clause:
    T_CASE expr_list ':' stmt_list {
        $$ = ast_new(AST_CASECLAUSE, @1);
        $$->u.caseclause.list = $2; $$->u.caseclause.body = $4;
    }
  | T_DEFAULT ':' stmt_list {
        $$ = ast_new(AST_CASECLAUSE, @1); $$->u.caseclause.body = $3;
    }
  ;

select_stmt:
    T_SELECT select_body { $$ = ast_new(AST_SELECTSTMT, @1); $$->u.selectstmt.body = $2; }
  ;

select_body:
    '{' comm_list '}'         { $$ = mk_block(@1, $2); }
  | '{' comm_list error '}'   { $$ = mk_block(@1, $2); }
  ;

comm_list:
    %empty                  { $$ = (NodeList){0}; }
  | comm_list comm_clause   { $$ = list_add($1, $2); }
  ;

comm_clause:
    T_CASE simple_stmt ':' stmt_list {
        check_comm(p, $2);
        $$ = ast_new(AST_COMMCLAUSE, @1);
        $$->u.commclause.comm = $2; $$->u.commclause.body = $4;
    }
  | T_DEFAULT ':' stmt_list {
        $$ = ast_new(AST_COMMCLAUSE, @1); $$->u.commclause.body = $3;
    }
  ;

/* ---- expressions ------------------------------------------------------ */

expr_list:
    expr                 { $$ = list1($1); }
  | expr_list ',' expr   { $$ = list_add($1, $3); }
  ;

expr_opt:
    %empty   { $$ = NULL; }
  | expr     { $$ = $1; }
  ;

expr:
    unary_expr               { $$ = $1; }
  | expr T_LOR expr          { $$ = mk_binary(TOK_LOR, $1, $3); }
  | expr T_LAND expr         { $$ = mk_binary(TOK_LAND, $1, $3); }
  | expr T_EQL expr          { $$ = mk_binary(TOK_EQL, $1, $3); }
  | expr T_NEQ expr          { $$ = mk_binary(TOK_NEQ, $1, $3); }
  | expr '<' expr            { $$ = mk_binary(TOK_LSS, $1, $3); }
  | expr T_LEQ expr          { $$ = mk_binary(TOK_LEQ, $1, $3); }
  | expr '>' expr            { $$ = mk_binary(TOK_GTR, $1, $3); }
  | expr T_GEQ expr          { $$ = mk_binary(TOK_GEQ, $1, $3); }
  | expr '+' expr            { $$ = mk_binary(TOK_ADD, $1, $3); }
  | expr '-' expr            { $$ = mk_binary(TOK_SUB, $1, $3); }
  | expr '|' expr            { $$ = mk_binary(TOK_OR, $1, $3); }
  | expr '^' expr            { $$ = mk_binary(TOK_XOR, $1, $3); }
  | expr '*' expr            { $$ = mk_binary(TOK_MUL, $1, $3); }
  | expr '/' expr            { $$ = mk_binary(TOK_QUO, $1, $3); }
  | expr '%' expr            { $$ = mk_binary(TOK_REM, $1, $3); }
  | expr T_SHL expr          { $$ = mk_binary(TOK_SHL, $1, $3); }
  | expr T_SHR expr          { $$ = mk_binary(TOK_SHR, $1, $3); }
  | expr '&' expr            { $$ = mk_binary(TOK_AND, $1, $3); }
  | expr T_ANDNOT expr       { $$ = mk_binary(TOK_AND_NOT, $1, $3); }
  ;

unary_expr:
    primary_expr        { $$ = $1; }
  | '+' unary_expr      { $$ = mk_unary(@1, TOK_ADD, $2); }
  | '-' unary_expr      { $$ = mk_unary(@1, TOK_SUB, $2); }
  | '!' unary_expr      { $$ = mk_unary(@1, TOK_NOT, $2); }
  | '^' unary_expr      { $$ = mk_unary(@1, TOK_XOR, $2); }
  | '&' unary_expr      { $$ = mk_unary(@1, TOK_AND, $2); }
  | '*' unary_expr      { $$ = ast_new(AST_STAR, @1); $$->u.star.x = $2; }
  | T_ARROW unary_expr  { $$ = mk_arrow(p, @1, $2); }
  ;

/* Only a pexpr (a name, a selector, an index ...) may be followed by the
 * '{' of a composite literal: literal types have their own rule and no
 * other operand can name a type. */
primary_expr:
    pexpr          { $$ = $1; }
  | type_operand   { $$ = $1; }
  ;

pexpr:
    operand    { $$ = $1; }
  | primary_expr '.' T_IDENT {
        $$ = ast_new(AST_SELECTOR, $1->pos);
        $$->u.selector.x = $1; $$->u.selector.sel = mk_ident($3);
    }
  | primary_expr '.' '(' type ')' {
        $$ = ast_new(AST_TYPEASSERT, $1->pos);
        $$->u.typeassert.x = $1; $$->u.typeassert.type = $4;
    }
  | primary_expr '.' '(' T_TYPE ')' {
        $$ = ast_new(AST_TYPEASSERT, $1->pos); $$->u.typeassert.x = $1;
    }
  | primary_expr '[' expr ']' {
        $$ = ast_new(AST_INDEX, $1->pos);
        $$->u.index.x = $1; $$->u.index.index = $3;
    }
  | primary_expr '[' expr ',' expr_list ocomma ']' {
        /* An instantiation with several type arguments. */
        NodeList l = list1($3);
        for (int i = 0; i < $5.len; i++)
            nodelist_push(&l, $5.items[i]);
        $$ = mk_index($1, l);
    }
  | primary_expr '[' expr_opt ':' expr_opt ']' {
        $$ = ast_new(AST_SLICEEXPR, $1->pos);
        $$->u.sliceexpr.x = $1; $$->u.sliceexpr.low = $3; $$->u.sliceexpr.high = $5;
    }
  | primary_expr '[' expr_opt ':' expr_opt ':' expr_opt ']' {
        $$ = ast_new(AST_SLICEEXPR, $1->pos);
        $$->u.sliceexpr.x = $1; $$->u.sliceexpr.low = $3;
        $$->u.sliceexpr.high = $5; $$->u.sliceexpr.max = $7;
        $$->u.sliceexpr.slice3 = true;
        if (!$5)
            perr(p, @6, "middle index required in 3-index slice");
        if (!$7)
            perr(p, @8, "final index required in 3-index slice");
    }
  | primary_expr '(' error ')' {
        $$ = ast_new(AST_CALL, $1->pos); $$->u.call.fun = $1;
    }
  | pexpr '{' error '}' {
        $$ = ast_new(AST_COMPOSITELIT, $1->pos); $$->u.compositelit.type = $1;
    }
  | primary_expr '(' args ')' {
        $$ = ast_new(AST_CALL, $1->pos);
        $$->u.call.fun = $1; $$->u.call.args = $3.list;
        $$->u.call.has_ellipsis = $3.ellipsis;
        $$->u.call.lparen = @2;
        $$->u.call.rparen = @4;
    }
  | pexpr '{' elems '}' {
        /* A composite literal after a (qualified) type name. */
        Node *t = $1;
        if (t->kind != AST_IDENT && !(t->kind == AST_SELECTOR &&
                                      t->u.selector.x->kind == AST_IDENT) &&
            t->kind != AST_INDEX)
            perr(p, @2, "syntax error: unexpected { at end of statement");
        $$ = ast_new(AST_COMPOSITELIT, $1->pos);
        $$->u.compositelit.type = $1; $$->u.compositelit.elts = $3;
        $$->u.compositelit.rbrace = @4;
    }
  ;

args:
    %empty                       { $$.list = (NodeList){0}; $$.ellipsis = false; }
  | arg_list ocomma              { $$ = $1; }
  | arg_list T_ELLIPSIS ocomma   { $$ = $1; $$.ellipsis = true; }
  ;

arg_list:
    expr                 { $$.list = list1($1); $$.ellipsis = false; }
  | arg_list ',' expr    { $$ = $1; nodelist_push(&$$.list, $3); }
  ;

operand:
    T_INT        { $$ = mk_lit(TOK_INT, $1); }
  | T_FLOAT      { $$ = mk_lit(TOK_FLOAT, $1); }
  | T_IMAG       { $$ = mk_lit(TOK_IMAG, $1); }
  | T_CHAR       { $$ = mk_lit(TOK_CHAR, $1); }
  | T_STRING     { $$ = mk_lit(TOK_STRING, $1); }
  | T_IDENT      { $$ = mk_ident($1); }
  | '(' expr ')' { $$ = ast_new(AST_PAREN, @1); $$->u.paren.x = $2; }
  ;

type_operand:
    funclit      { $$ = $1; }
  | composite    { $$ = $1; }
  | lit_type     { $$ = $1; }
  | non_lit_type_lit { $$ = $1; }
  ;

funclit:
    func_type lbrace stmt_list '}' {
        $$ = ast_new(AST_FUNCLIT, $1->pos);
        $$->u.funclit.type = $1;
        $$->u.funclit.body = mk_block(@2, $3);
        $$->u.funclit.body->u.blockstmt.rbrace = @4;
    }
  ;

composite:
    lit_type lbrace elems '}' {
        $$ = ast_new(AST_COMPOSITELIT, $1->pos);
        $$->u.compositelit.type = $1; $$->u.compositelit.elts = $3;
        $$->u.compositelit.rbrace = @4;
    }
  | lit_type lbrace error '}' {
        /* Recover at the literal's closing brace, as gc does. */
        $$ = ast_new(AST_COMPOSITELIT, $1->pos); $$->u.compositelit.type = $1;
    }
  ;

elems:
    %empty              { $$ = (NodeList){0}; }
  | elem_list ocomma    { $$ = $1; }
  ;

elem_list:
    element                 { $$ = list1($1); }
  | elem_list ',' element   { $$ = list_add($1, $3); }
  ;

element:
    elem            { $$ = $1; }
  | elem ':' elem   {
        $$ = ast_new(AST_KEYVALUE, $1->pos);
        $$->u.keyvalue.key = $1; $$->u.keyvalue.value = $3;
    }
  ;

elem:
    expr     { $$ = $1; }
  | elided   { $$ = $1; }
  ;

elided:
    '{' elems '}' {
        $$ = ast_new(AST_COMPOSITELIT, @1); $$->u.compositelit.elts = $2;
        $$->u.compositelit.rbrace = @3;
    }
  ;

%%

static void perr(Parser *p, Pos pos, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    p->nerrors++;
    lex_report(p->diags, p->filename, pos, buf);
}

static int yylex(YYSTYPE *val, Pos *loc, Parser *p)
{
    if (lex_too_many(p->diags))
        return 0; /* enough: end the input so the parser stops */
    int c = lex_next(&p->lx, &val->tk);
    p->prev = p->cur;
    p->cur = c;
    *loc = val->tk.pos;
    return c;
}

/* Bison's own messages: only "memory exhausted" (its stack limit,
 * YYMAXDEPTH) reaches here, as syntax errors go through
 * yyreport_syntax_error. */
static void yyerror(Pos *loc, Parser *p, const char *msg)
{
    if (!strcmp(msg, "memory exhausted"))
        perr(p, *loc, "syntax error: nesting too deep");
    else
        perr(p, *loc, "syntax error: %s", msg);
}

/* ---- syntax errors in Go's words ----------------------------------------
 * Bison reports the lookahead and (with LAC, exactly) the tokens it could
 * have taken; gc words its messages by context. The context is recovered
 * from what was expected and from the innermost open bracket. */

/* How Go names the token just read ("newline", "name x" ...). */
static void describe_lookahead(Parser *p, int code, char *buf, size_t size)
{
    const LexTok *t = &p->lx.lasttok;
    int n = t->len > 60 ? 60 : t->len;
    switch (code) {
    case 0: snprintf(buf, size, "EOF"); break;
    case ';': snprintf(buf, size, "%s", t->lit); break;
    case ',': snprintf(buf, size, "comma"); break;
    case T_LBODY: snprintf(buf, size, "{"); break;
    case T_FUNCDECL: snprintf(buf, size, "func"); break;
    case T_INT: case T_FLOAT: case T_IMAG: case T_CHAR: case T_STRING:
        snprintf(buf, size, "literal %.*s", n, t->lit);
        break;
    default: snprintf(buf, size, "%.*s", n, t->lit); break;
    }
}

/* How Go names an expected token. */
static const char *expected_name(yysymbol_kind_t s)
{
    if (s == YYTRANSLATE(','))
        return "comma";
    if (s == YYTRANSLATE(';'))
        return "semicolon or newline";
    switch (s) {
    case YYSYMBOL_T_IDENT: return "name";
    case YYSYMBOL_T_LBODY: return "{";
    case YYSYMBOL_T_FUNCDECL: return "func";
    default: {
        const char *n = yysymbol_name(s);
        /* Bison quotes character tokens: '(' */
        if (n[0] == '\'' && n[1] && n[2] == '\'') {
            static const char chars[] = "+-*/%&|^<>=!~()[]{},;.:";
            static const char *const names[] = {
                "+", "-", "*", "/", "%", "&", "|", "^", "<", ">", "=", "!",
                "~", "(", ")", "[", "]", "{", "}", ",", ";", ".", ":",
            };
            const char *c = strchr(chars, n[1]);
            if (c)
                return names[c - chars];
        }
        return n;
    }
    }
}

static bool has(const yysymbol_kind_t *exp, int n, yysymbol_kind_t s)
{
    for (int i = 0; i < n; i++)
        if (exp[i] == s)
            return true;
    return false;
}

static int yyreport_syntax_error(const yypcontext_t *ctx, Parser *p)
{
    enum { MAXEXP = 128 };
    yysymbol_kind_t exp[MAXEXP];
    yysymbol_kind_t la = yypcontext_token(ctx);
    Pos pos = *yypcontext_location(ctx);
    int n = yypcontext_expected_tokens(ctx, exp, MAXEXP);
    if (n < 0)
        n = 0;
    char tok[128];
    describe_lookahead(p, la == YYSYMBOL_YYEOF ? 0 : p->lx.last, tok, sizeof tok);
    /* The innermost open bracket where the lookahead was met, and the
     * header frame if it is the innermost frame of all. */
    char frame = 0, header = 0;
    int top = p->lx.nframes_before - 1;
    if (top >= 0 && lex_is_header(p->lx.frames[top]))
        header = p->lx.frames[top];
    for (int i = top; i >= 0 && !frame; i--)
        if (!lex_is_header(p->lx.frames[i]))
            frame = p->lx.frames[i];
    /* At the end of input after an error, say nothing more (as gc). */
    if (la == YYSYMBOL_YYEOF && p->diags->len)
        return 0;
    bool expr_ok = has(exp, n, YYSYMBOL_T_INT);
    bool binop = has(exp, n, YYTRANSLATE('+')); /* '+': an expression could go on */

    if (p->prev == T_ELSE)
        perr(p, pos, "syntax error: else must be followed by if or statement block");
    else if ((la == YYSYMBOL_YYEOF || (la == YYTRANSLATE(';') &&
                                        !strcmp(p->lx.lasttok.lit, "EOF"))) &&
             !(expr_ok && !has(exp, n, YYSYMBOL_T_IF)) && frame)
        perr(p, pos, "syntax error: unexpected EOF, expected %s",
             frame == '(' ? ")" : frame == '[' ? "]" : "}");
    else if (header && has(exp, n, YYSYMBOL_T_LBODY) && la == YYTRANSLATE(';'))
        perr(p, pos, "syntax error: unexpected %s, expected { after %s clause", tok,
             header == 'i' ? "if" : header == 'f' ? "for" : "switch");
    else if (frame == '[' && has(exp, n, YYTRANSLATE(':')) && has(exp, n, YYTRANSLATE(']')))
        perr(p, pos, "syntax error: unexpected %s, expected comma, : or ]", tok);
    else if (p->prev == T_RETURN && expr_ok)
        perr(p, pos, "syntax error: unexpected %s, expected expression", tok);
    else if (n == 1 && exp[0] == YYSYMBOL_T_STRING)
        perr(p, pos, "missing import path");
    else if (header == 'f' && la == YYSYMBOL_T_LBODY && has(exp, n, YYTRANSLATE(';')))
        perr(p, pos, p->prev == ';' ? "syntax error: unexpected %s, expected for loop condition"
                                    : "syntax error: unexpected %s, expected semicolon or newline",
             tok);
    else if (frame == 0 && p->file->u.file.package && la != YYTRANSLATE(';') &&
             (p->prev == ';' || p->prev == 0))
        perr(p, pos, "syntax error: non-declaration statement outside function body");
    else if (has(exp, n, YYTRANSLATE('=')) && has(exp, n, YYSYMBOL_T_MAP) && !expr_ok)
        perr(p, pos, has(exp, n, YYTRANSLATE(','))
                         ? "syntax error: unexpected %s, expected type"
                         : "syntax error: unexpected %s in type declaration", tok);
    else if (has(exp, n, YYTRANSLATE(';')) && has(exp, n, YYTRANSLATE('}')) &&
             has(exp, n, YYSYMBOL_T_STRING) && !expr_ok)
        perr(p, pos, "syntax error: unexpected %s in struct type; possibly missing "
             "semicolon or newline or }", tok);
    else if ((p->prev == ';' || p->prev == '{' || p->prev == T_LBODY) && frame == '{' &&
             has(exp, n, YYTRANSLATE('}')) && la != YYTRANSLATE(';'))
        perr(p, pos, "syntax error: unexpected %s, expected }", tok);
    else if (has(exp, n, YYTRANSLATE(';')) && la != YYTRANSLATE(';') && frame == 0 &&
             p->file->u.file.package)
        perr(p, pos, "syntax error: unexpected %s after top level declaration", tok);
    else if (has(exp, n, YYTRANSLATE(';')) && la != YYTRANSLATE(';'))
        perr(p, pos, "syntax error: unexpected %s at end of statement", tok);
    else if (frame == '(' && has(exp, n, YYTRANSLATE(',')) && has(exp, n, YYTRANSLATE(')')))
        perr(p, pos, "syntax error: unexpected %s in %s list; possibly missing comma or )",
             tok, binop ? "argument" : "parameter");
    else if (frame == '{' && has(exp, n, YYTRANSLATE(',')) && has(exp, n, YYTRANSLATE('}')))
        perr(p, pos, "syntax error: unexpected %s in composite literal; possibly missing comma or }",
             tok);
    else if (frame == '(' && has(exp, n, YYTRANSLATE(')')) && !has(exp, n, YYTRANSLATE(',')) &&
             !expr_ok)
        perr(p, pos, "syntax error: unexpected %s, expected )", tok);
    else if (frame == '[' && has(exp, n, YYTRANSLATE(']')) && !expr_ok)
        perr(p, pos, "syntax error: unexpected %s, expected ]", tok);
    else if (has(exp, n, YYSYMBOL_T_TYPE) && has(exp, n, YYSYMBOL_T_MAP) && !expr_ok)
        perr(p, pos, "syntax error: unexpected %s, expected type", tok);
    else if (has(exp, n, YYTRANSLATE(':')) && !has(exp, n, YYTRANSLATE(';')) && !expr_ok)
        perr(p, pos, "syntax error: unexpected %s, expected :", tok);
    else if (expr_ok && !has(exp, n, YYSYMBOL_T_IF))
        perr(p, pos, "syntax error: unexpected %s, expected expression", tok);
    else if (n >= 1 && n <= 3) {
        /* gc expects a name after var/const/type (a group is its own case) */
        if (p->prev == T_VAR || p->prev == T_CONST || p->prev == T_TYPE) {
            int j = 0;
            for (int i = 0; i < n; i++)
                if (exp[i] != YYTRANSLATE('('))
                    exp[j++] = exp[i];
            n = j;
        }
        /* `func f[` is generics, which gc would not mention here. */
        if (has(exp, n, YYTRANSLATE('(')) && has(exp, n, YYTRANSLATE('['))) {
            int j = 0;
            for (int i = 0; i < n; i++)
                if (exp[i] != YYTRANSLATE('['))
                    exp[j++] = exp[i];
            n = j;
        }
        char list[256] = "";
        for (int i = 0; i < n; i++) {
            if (i)
                strcat(list, i == n - 1 ? " or " : ", ");
            strncat(list, expected_name(exp[i]), 60);
        }
        perr(p, pos, "syntax error: unexpected %s, expected %s", tok, list);
    } else
        perr(p, pos, "syntax error: unexpected %s", tok);
    return 0;
}

/* Orders this file's errors by position, as gc prints them (the lexer
 * may report a literal's error after the parser reported a later one).
 * Insertion sort: stable, and error lists are short. The final "too many
 * errors" stays last. */
static void diags_sort(Diags *d, int first)
{
    int end = d->len;
    if (end > first && !strcmp(d->items[end - 1].msg, "too many errors"))
        end--;
    for (int i = first + 1; i < end; i++) {
        Diag x = d->items[i];
        int j = i - 1;
        while (j >= first && (d->items[j].pos.line > x.pos.line ||
                              (d->items[j].pos.line == x.pos.line &&
                               d->items[j].pos.col > x.pos.col))) {
            d->items[j + 1] = d->items[j];
            j--;
        }
        d->items[j + 1] = x;
    }
}

Node *parse_file(const char *filename, const char *src, int64_t len, Diags *diags)
{
    Parser *p = GC_MALLOC(sizeof(Parser));
    p->diags = diags;
    p->filename = filename;
    p->file = ast_new(AST_FILE, (Pos){1, 1});
    p->file->u.file.filename = filename;
    lex_init(&p->lx, filename, src ? src : "", src && len > 0 ? len : 0, diags);
    int first = diags->len;
    yyparse(p);
    diags_sort(diags, first);
    p->file->u.file.directives = p->lx.dirs;
    p->file->u.file.ndirectives = p->lx.ndirs;
    return p->file;
}
