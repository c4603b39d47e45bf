/* ast.h — the syntax tree, from the parser to the checker to the compiler.
 *
 * It mirrors Go's go/ast package: one node kind per go/ast node type, with
 * the same children under the same names (lowercased), so that anyone who
 * knows go/ast knows this tree. The parser (lang/parser.y) builds it; the
 * checker (lang/check.c) annotates it in place (the fields marked "checker"
 * below); the compiler (lang/compile.c) reads the annotated tree.
 *
 * Nodes are allocated from the collector (ast_new) and never freed
 * explicitly. Lists are NodeList: a counted array.
 *
 * The front end never touches threads or the runtime's scheduler.
 */
#ifndef CSP_AST_H
#define CSP_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "../runtime/type.h"
#include "../runtime/value.h"

/* Every node kind, once. */
#define AST_KINDS(X)                                                          \
    /* expressions */                                                         \
    X(BAD)            /* a placeholder after a syntax error */                \
    X(IDENT)          /* name */                                              \
    X(BASICLIT)       /* INT, FLOAT, IMAG, CHAR, STRING literal */            \
    X(COMPOSITELIT)   /* type{elts} (type may be NULL when elided) */         \
    X(FUNCLIT)        /* func(params) results { body } */                     \
    X(PAREN)          /* (x) */                                               \
    X(SELECTOR)       /* x.sel */                                             \
    X(INDEX)          /* x[index], or an instantiation x[T1, T2...] */     \
    X(SLICEEXPR)      /* x[low:high:max] */                                   \
    X(TYPEASSERT)     /* x.(type); type NULL for x.(type) in a switch */      \
    X(CALL)           /* fun(args) or fun(args...) */                         \
    X(STAR)           /* *x: dereference or pointer type */                   \
    X(UNARY)          /* op x: + - ! ^ & <- */                                \
    X(BINARY)         /* x op y */                                            \
    X(KEYVALUE)       /* key: value in composite literals */                  \
    /* types */                                                               \
    X(ARRAYTYPE)      /* [len]elt; len NULL: slice; len ELLIPSIS: [...]T */   \
    X(STRUCTTYPE)     /* struct { fields } */                                 \
    X(FUNCTYPE)       /* func(params) results */                              \
    X(INTERFACETYPE)  /* interface { methods and embedded } */                \
    X(MAPTYPE)        /* map[key]value */                                     \
    X(CHANTYPE)       /* chan T, chan<- T, <-chan T */                        \
    X(ELLIPSIS)       /* ...T in a parameter list, or [...] */                \
    X(FIELD)          /* names type, in params/results/struct/interface */    \
    /* statements */                                                          \
    X(DECLSTMT)       /* a GENDECL inside a function */                       \
    X(EMPTYSTMT)                                                              \
    X(LABELEDSTMT)    /* label: stmt */                                       \
    X(EXPRSTMT)                                                               \
    X(SENDSTMT)       /* chan <- value */                                     \
    X(INCDECSTMT)     /* x++ x-- */                                           \
    X(ASSIGNSTMT)     /* lhs op rhs, op one of = := += -= ... */              \
    X(GOSTMT)                                                                 \
    X(DEFERSTMT)                                                              \
    X(RETURNSTMT)                                                             \
    X(BRANCHSTMT)     /* break continue goto fallthrough [label] */           \
    X(BLOCKSTMT)                                                              \
    X(IFSTMT)                                                                 \
    X(CASECLAUSE)     /* case list: body (list empty: default) */             \
    X(SWITCHSTMT)                                                             \
    X(TYPESWITCHSTMT)                                                         \
    X(COMMCLAUSE)     /* case comm: body (comm NULL: default) */              \
    X(SELECTSTMT)                                                             \
    X(FORSTMT)                                                                \
    X(RANGESTMT)                                                              \
    /* declarations */                                                        \
    X(IMPORTSPEC)     /* [name] "path" */                                     \
    X(VALUESPEC)      /* names [type] [= values] (const and var) */           \
    X(TYPESPEC)       /* name [=] type */                                     \
    X(GENDECL)        /* import/const/type/var ( specs ) */                   \
    X(FUNCDECL)       /* func (recv) name(params) results { body } */         \
    X(FILE)                                                                   \
    X(REGVAL)         /* compiler only: a value already in registers */

typedef enum {
#define X(k) AST_##k,
    AST_KINDS(X)
#undef X
        AST__COUNT
} AstKind;

/* Operator and keyword tokens the tree records (binary/unary operators,
 * assignment operators, branch keywords, literal kinds, decl keywords). */
#define TOKENS(X)                                                             \
    X(ILLEGAL, "ILLEGAL")                                                     \
    X(INT, "INT") X(FLOAT, "FLOAT") X(IMAG, "IMAG") X(CHAR, "CHAR")           \
    X(STRING, "STRING")                                                       \
    X(ADD, "+") X(SUB, "-") X(MUL, "*") X(QUO, "/") X(REM, "%")               \
    X(AND, "&") X(OR, "|") X(XOR, "^") X(SHL, "<<") X(SHR, ">>")              \
    X(AND_NOT, "&^")                                                          \
    X(ADD_ASSIGN, "+=") X(SUB_ASSIGN, "-=") X(MUL_ASSIGN, "*=")               \
    X(QUO_ASSIGN, "/=") X(REM_ASSIGN, "%=") X(AND_ASSIGN, "&=")               \
    X(OR_ASSIGN, "|=") X(XOR_ASSIGN, "^=") X(SHL_ASSIGN, "<<=")               \
    X(SHR_ASSIGN, ">>=") X(AND_NOT_ASSIGN, "&^=")                             \
    X(LAND, "&&") X(LOR, "||") X(ARROW, "<-") X(INC, "++") X(DEC, "--")       \
    X(EQL, "==") X(LSS, "<") X(GTR, ">") X(ASSIGN, "=") X(NOT, "!")           \
    X(NEQ, "!=") X(LEQ, "<=") X(GEQ, ">=") X(DEFINE, ":=")                    \
    X(TILDE, "~")                                                             \
    X(BREAK, "break") X(CONTINUE, "continue") X(GOTO, "goto")                 \
    X(FALLTHROUGH, "fallthrough")                                             \
    X(IMPORT, "import") X(CONST, "const") X(TYPE, "type") X(VAR, "var")

typedef enum {
#define X(t, s) TOK_##t,
    TOKENS(X)
#undef X
        TOK__COUNT
} Token;

/* The text of a token ("+", "break"). */
const char *token_string(Token t);

/* A source position. Lines and columns count from 1; columns in bytes, as
 * Go's compiler reports them. */
typedef struct Pos {
    int line;
    int col;
} Pos;

typedef struct Node Node;

/* A `//csp:...` comment (csp's directives, as Go's `//go:` ones): the
 * line it is on and its text after "//csp:". */
typedef struct Directive {
    int line;
    const char *text;
} Directive;
typedef struct Symbol Symbol;   /* lang/check.h */
typedef struct ConstVal ConstVal; /* lang/check.h */
typedef struct Scope Scope;     /* lang/check.h */

typedef struct NodeList {
    int len, cap;
    Node **items;
} NodeList;

void nodelist_push(NodeList *l, Node *n);

/* What an expression denotes, set by the checker (go/types' operand mode). */
typedef enum {
    MODE_INVALID,
    MODE_NOVALUE,  /* a call without results */
    MODE_BUILTIN,  /* a builtin function name (len, append, ...) */
    MODE_TYPE,     /* the expression is a type */
    MODE_CONST,    /* a constant: see Node.cv */
    MODE_VARIABLE, /* addressable */
    MODE_MAPINDEX, /* m[k]: assignable, not addressable, comma-ok */
    MODE_VALUE,    /* any other value */
    MODE_COMMAOK,  /* v, ok forms: receive, type assertion */
    MODE_PACKAGE,  /* an imported package name */
} ExprMode;

/* The builtins, once. */
#define BUILTINS(X)                                                           \
    X(APPEND, "append") X(CAP, "cap") X(CLEAR, "clear") X(CLOSE, "close")     \
    X(COMPLEX, "complex") X(COPY, "copy") X(DELETE, "delete")                 \
    X(IMAG, "imag") X(LEN, "len") X(MAKE, "make") X(MAX, "max")               \
    X(MIN, "min") X(NEW, "new") X(PANIC, "panic") X(PRINT, "print")           \
    X(PRINTLN, "println") X(REAL, "real") X(RECOVER, "recover")

typedef enum {
    BUILTIN_NONE,
#define X(b, s) BUILTIN_##b,
    BUILTINS(X)
#undef X
        BUILTIN__COUNT
} Builtin;

/* How a SELECTOR resolved (checker). */
typedef enum {
    SEL_NONE,
    SEL_PACKAGE,  /* pkg.Name: see Node.u.selector.sym */
    SEL_FIELD,    /* x.f, possibly through embedded fields and pointers:
                     see path */
    SEL_METHOD,   /* x.m as a method value or the callee of a method call */
    SEL_IFACEMETHOD, /* x.m with x an interface */
    SEL_METHODEXPR,  /* T.m: a function whose first parameter is the
                        receiver */
} SelectorKind;

/* How a CALL resolved (checker). */
typedef enum {
    CALL_NONE,
    CALL_FUNC,       /* an ordinary call of a function value or name */
    CALL_METHOD,     /* fun is a SEL_METHOD selector: static dispatch */
    CALL_IFACE,      /* fun is a SEL_IFACEMETHOD selector: dynamic */
    CALL_CONVERSION, /* T(x) */
    CALL_BUILTIN,    /* see Node.u.call.builtin */
} CallKind;

struct Node {
    AstKind kind;
    Pos pos; /* where the node starts, as go/ast's Pos() (a binary
                expression at its left operand, a call at its function);
                see also call.rparen and blockstmt.rbrace */

    /* checker: every expression (and type expression) */
    Type *type;    /* its type (after untyped constants are converted to
                      their final type); a TUPLE for multi-value calls */
    ExprMode mode;
    ConstVal *cv;  /* MODE_CONST: the exact value, already converted to
                      `type` when typed */

    union {
        struct { /* IDENT */
            const char *name;
            Symbol *sym; /* checker: what it refers to (NULL for `_`) */
        } ident;
        struct { /* BASICLIT */
            Token kind;        /* TOK_INT, TOK_FLOAT, TOK_IMAG, TOK_CHAR,
                                  TOK_STRING */
            const char *value; /* the literal's source text, as written */
            int64_t len;       /* its length */
            String sval;       /* STRING: the decoded bytes (escapes
                                  resolved, raw strings without CRs) */
            int32_t rune;      /* CHAR: the decoded rune */
        } basiclit;
        struct { /* COMPOSITELIT */
            Node *type;  /* NULL when elided inside another literal */
            NodeList elts;
            Pos rbrace;  /* parser: the closing brace ("too few values");
                            {0,0} unknown */
        } compositelit;
        struct { /* FUNCLIT */
            Node *type; /* FUNCTYPE */
            Node *body; /* BLOCKSTMT */
            void *info; /* checker/compiler: closure data (captures) */
        } funclit;
        struct { /* PAREN */
            Node *x;
        } paren;
        struct { /* SELECTOR */
            Node *x;
            Node *sel; /* IDENT */
            SelectorKind kind; /* checker */
            Symbol *sym;       /* checker: SEL_PACKAGE member */
            int npath;         /* checker: SEL_FIELD: field indices from x's
                                  struct through embedded fields to the
                                  field; SEL_METHOD: the embedded path to
                                  the receiver */
            int *path;
            bool *path_deref;  /* checker: path_deref[i]: dereference a
                                  pointer before selecting path[i] (the
                                  first one: x itself is a pointer) */
            const Method *method; /* checker: SEL_METHOD/SEL_METHODEXPR:
                                     the method; SEL_IFACEMETHOD: the
                                     interface's method entry */
            int method_index;  /* checker: SEL_IFACEMETHOD: index in the
                                  interface's sorted method table */
            bool recv_addr;    /* checker: SEL_METHOD: take &x for a
                                  pointer receiver */
            bool recv_deref;   /* checker: SEL_METHOD: *x for a value
                                  receiver called through a pointer */
        } selector;
        struct { /* INDEX */
            Node *x;
            Node *index;      /* the (first) index */
            NodeList indices; /* an instantiation with several type
                                 arguments: all of them; else empty */
        } index;
        struct { /* SLICEEXPR */
            Node *x;
            Node *low, *high, *max; /* any may be NULL */
            bool slice3;
        } sliceexpr;
        struct { /* TYPEASSERT */
            Node *x;
            Node *type; /* NULL: x.(type) */
        } typeassert;
        struct { /* CALL */
            Node *fun;
            NodeList args;
            bool has_ellipsis; /* f(s...) */
            Pos rparen;        /* parser (optional, added by h3): the
                                  closing parenthesis, where Go reports
                                  "not enough arguments"; {0,0} unknown */
            Pos lparen;        /* parser: the opening parenthesis, the line
                                  Go's tracebacks give for the call */
            CallKind kind;     /* checker */
            Builtin builtin;   /* checker */
        } call;
        struct { /* STAR */
            Node *x;
        } star;
        struct { /* UNARY */
            Token op; /* ADD SUB NOT XOR AND ARROW */
            Node *x;
        } unary;
        struct { /* BINARY */
            Token op;
            Node *x, *y;
        } binary;
        struct { /* KEYVALUE */
            Node *key, *value;
        } keyvalue;

        struct { /* ARRAYTYPE */
            Node *len; /* NULL: slice type; ELLIPSIS node: [...]T */
            Node *elt;
        } arraytype;
        struct { /* STRUCTTYPE */
            NodeList fields; /* FIELD */
        } structtype;
        struct { /* FUNCTYPE */
            NodeList params;  /* FIELD */
            NodeList results; /* FIELD */
        } functype;
        struct { /* INTERFACETYPE */
            NodeList methods; /* FIELD: a method (one name, FUNCTYPE) or an
                                 embedded interface / type union (no names) */
        } interfacetype;
        struct { /* MAPTYPE */
            Node *key, *value;
        } maptype;
        struct { /* CHANTYPE */
            ChanDir dir;
            Node *value;
        } chantype;
        struct { /* ELLIPSIS */
            Node *elt; /* NULL in [...]T */
        } ellipsis;
        struct { /* FIELD */
            NodeList names; /* IDENT; empty for anonymous/embedded */
            Node *type;
            Node *tag;      /* BASICLIT or NULL */
        } field;

        struct { /* DECLSTMT */
            Node *decl; /* GENDECL */
        } declstmt;
        struct { /* LABELEDSTMT */
            Node *label; /* IDENT */
            Node *stmt;
        } labeledstmt;
        struct { /* REGVAL: the compiler's stand-in for an argument it
                    evaluated earlier (the thunk of `defer delete(m, k)`
                    receives m and k as parameters); `type` is set */
            int reg;
        } regval;
        struct { /* EXPRSTMT */
            Node *x;
        } exprstmt;
        struct { /* SENDSTMT */
            Node *chan, *value;
        } sendstmt;
        struct { /* INCDECSTMT */
            Node *x;
            Token tok; /* INC DEC */
        } incdecstmt;
        struct { /* ASSIGNSTMT */
            NodeList lhs;
            Token tok; /* ASSIGN, DEFINE, ADD_ASSIGN, ... */
            NodeList rhs;
            bool *is_new; /* checker, DEFINE: which lhs names are new */
            Pos tokpos;   /* parser: the operator, where Go places the
                             statement (goto "jumps over declaration") */
        } assignstmt;
        struct { /* GOSTMT, DEFERSTMT */
            Node *call; /* CALL */
        } gostmt;
        struct { /* RETURNSTMT */
            NodeList results;
        } returnstmt;
        struct { /* BRANCHSTMT */
            Token tok; /* BREAK CONTINUE GOTO FALLTHROUGH */
            Node *label; /* IDENT or NULL */
            Node *target; /* checker: the statement broken out of or
                             continued (FOR/RANGE/SWITCH/TYPESWITCH/SELECT) */
        } branchstmt;
        struct { /* BLOCKSTMT */
            NodeList list;
            Scope *scope; /* checker */
            Pos rbrace;   /* parser (optional, added by h3): the closing
                             brace, where Go reports "missing return";
                             {0,0} unknown */
        } blockstmt;
        struct { /* IFSTMT */
            Node *init; /* may be NULL */
            Node *cond;
            Node *body; /* BLOCKSTMT */
            Node *els;  /* IFSTMT, BLOCKSTMT or NULL */
        } ifstmt;
        struct { /* CASECLAUSE */
            NodeList list; /* expressions or types; empty: default */
            NodeList body;
            Symbol *implicit; /* checker, type switch: the clause's own
                                 `v` in `switch v := x.(type)` */
        } caseclause;
        struct { /* SWITCHSTMT */
            Node *init; /* may be NULL */
            Node *tag;  /* may be NULL */
            Node *body; /* BLOCKSTMT of CASECLAUSE */
        } switchstmt;
        struct { /* TYPESWITCHSTMT */
            Node *init;   /* may be NULL */
            Node *assign; /* EXPRSTMT of x.(type), or ASSIGNSTMT v := x.(type) */
            Node *body;   /* BLOCKSTMT of CASECLAUSE */
        } typeswitchstmt;
        struct { /* COMMCLAUSE */
            Node *comm; /* SENDSTMT, EXPRSTMT of <-c, ASSIGNSTMT of
                           v[, ok] = / := <-c, or NULL for default */
            NodeList body;
        } commclause;
        struct { /* SELECTSTMT */
            Node *body; /* BLOCKSTMT of COMMCLAUSE */
        } selectstmt;
        struct { /* FORSTMT */
            Node *init, *cond, *post; /* each may be NULL */
            Node *body;
        } forstmt;
        struct { /* RANGESTMT */
            Node *key, *value; /* may be NULL */
            Token tok;         /* ASSIGN, DEFINE, or ILLEGAL without vars */
            Node *x;
            Node *body;
        } rangestmt;

        struct { /* IMPORTSPEC */
            Node *name; /* IDENT or NULL; `.` and `_` as names */
            Node *path; /* BASICLIT string */
        } importspec;
        struct { /* VALUESPEC */
            NodeList names; /* IDENT */
            Node *type;     /* may be NULL */
            NodeList values;
            int iota;       /* its index in a const group */
            bool implicit;  /* const spec repeating the previous one's
                               type and values (parser copies them) */
        } valuespec;
        struct { /* TYPESPEC */
            Node *name; /* IDENT */
            Node *type;
            bool alias; /* type A = B */
            NodeList tparams; /* type parameters: FIELDs (names, constraint) */
        } typespec;
        struct { /* GENDECL */
            Token tok; /* IMPORT CONST TYPE VAR */
            NodeList specs;
        } gendecl;
        struct { /* FUNCDECL */
            Node *recv; /* FIELD or NULL */
            Node *name; /* IDENT */
            Node *type; /* FUNCTYPE */
            Node *body; /* BLOCKSTMT, or NULL for a native (bodyless)
                           declaration */
            NodeList tparams; /* type parameters: FIELDs (names, constraint) */
            Symbol *sym;      /* checker (NULL for a generic function or a
                                 method of a generic type: only their
                                 instances are compiled) */
        } funcdecl;
        struct { /* FILE */
            Node *package; /* IDENT, or NULL for a script (no package
                              clause): then `stmts` holds its top-level
                              statements in order, and `decls` its
                              declarations (imports, funcs, types) */
            NodeList decls;
            NodeList stmts;
            const char *filename;
            Directive *directives; /* its `//csp:` comments, in order */
            int ndirectives;
        } file;
    } u;
};

/* Allocates a zeroed node. */
Node *ast_new(AstKind kind, Pos pos);

/* A deep copy of a subtree as the parser built it: every checker field
 * cleared, so the copy can be checked anew (each instance of a generic
 * function or type is checked from its own copy). */
Node *ast_clone(const Node *n);

/* Calls fn on every node of a subtree (preorder). */
void ast_walk(const Node *n, void (*fn)(const Node *, void *), void *ctx);

/* The kind's name ("CALL"), for dumps and tests. */
const char *ast_kind_name(AstKind k);

/* Prints the tree in an S-expression form, for tests and `csp parse`:
 * (CALL (SELECTOR (IDENT fmt) (IDENT Println)) (BASICLIT STRING "\"hi\"")) */
void ast_dump(const Node *n, void *file /* FILE* */);

/* The same with every node's position after its kind: (CALL@3:2 ...).
 * (Added by h1, for checking positions against go/ast.) */
void ast_dump_positions(const Node *n, void *file /* FILE* */);

/* Parse errors: every error has a position and a message in Go's wording
 * ("syntax error: unexpected newline, expected comma or )"). */
typedef struct Diag {
    const char *filename;
    Pos pos;
    char *msg;
} Diag;

typedef struct Diags {
    int len, cap;
    Diag *items;
} Diags;

void diags_add(Diags *d, const char *filename, Pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Parses a whole source file. Returns the FILE node (never NULL) and adds
 * any syntax errors to diags (the tree is then partial). The lexer and
 * parser are reentrant: several files may be parsed on several threads. */
Node *parse_file(const char *filename, const char *src, int64_t len, Diags *diags);

#endif
