/* check_impl.h — the checker's private interface, shared by its files:
 * check.c (packages, scopes, declarations, init order), check_type.c
 * (type expressions, method sets, embedding lookup), check_expr.c
 * (expressions and untyped conversions), check_lit.c (literals),
 * check_call.c (calls, builtins, conversions), check_stmt.c (statements),
 * check_assign.c (block declarations, assignments), check_print.c
 * (expressions in messages) and const.c (exact constant arithmetic).
 *
 * Nothing outside the checker includes it.
 */
#ifndef CSP_CHECK_IMPL_H
#define CSP_CHECK_IMPL_H

#include <setjmp.h>
#include <string.h>

#include "check.h"
#include "importer.h"

/* How deep imports may nest (main imports a, which imports b, ...). */
#define CHECK_MAX_IMPORT_DEPTH 256

/* Per-object data of package-level objects, for lazy resolution and the
 * initialisation order. */
typedef struct ObjInfo {
    int state;          /* 0 unresolved, 1 resolving, 2 done */
    Scope *scope;       /* the file scope its declaration is checked in */
    const char *file;   /* its file's name, for diags */
    Node *spec;         /* VALUESPEC / TYPESPEC / FUNCDECL */
    int index;          /* VALUESPEC: which name */
    int ndeps, capdeps; /* package-level vars and funcs it refers to */
    Symbol **deps;
    /* deps as a hash set once there are many (main of a program naming
     * 100,000 functions), so adding one is not a scan: a power of two */
    Symbol **dset;
    int dsetcap;
    /* scratch of compute_inits: a var's spec number, a visit mark */
    int ord;
    unsigned mark;
} ObjInfo;

static inline ObjInfo *info_of(Symbol *s)
{
    return s->check_info;
}

/* While a type declaration is resolved (check_type.c, check.c): how deep,
 * and which one (for "invalid recursive type"). */
extern __thread int check_in_typedecl;
extern __thread Symbol *check_cur_typedecl;

/* The innermost function being checked. */
typedef struct FuncCtx {
    Node *node;    /* FUNCDECL or FUNCLIT (FILE for a script body) */
    Node *funclit; /* the innermost FUNCLIT, or NULL */
    Type *sig;
    struct FuncCtx *outer;
} FuncCtx;

/* A statement break/continue may target. */
typedef struct Target {
    Node *stmt;
    const char *label; /* or NULL */
    bool loop;         /* FOR/RANGE: continue allowed */
    struct Target *up;
} Target;

typedef struct GenState GenState; /* check_generic.c */

typedef struct Checker {
    Diags *diags;
    int nerrors;
    jmp_buf bail; /* after 10 errors */
    Program *prog;
    Package *pkg;
    const char *file; /* current file name */
    Scope *universe;
    Scope *scope; /* current scope */
    FuncCtx *fn;
    Target *targets;
    int64_t iota;     /* current iota, -1 outside const decls */
    Symbol *decl_sym; /* the package-level object being resolved, for
                         dependencies */
    bool is_std;      /* checking a standard package */
    const Importer *imp; /* where imported packages come from */
    Package **loading;   /* the packages being checked, main first: an
                            import of one of them is a cycle */
    int nloading;
    bool import_failed;  /* an import of the package being checked (or
                            of one it imports) failed: stop before types,
                            as the go command does */
    Node *file_node;  /* the FILE being collected (generic declarations
                         remember it: their instances join its decls) */
    GenState *gen;    /* generics: instances, pending bodies */
    int in_constraint; /* > 0: where constraint interfaces may be used */
    bool in_instance;  /* checking an instance's body with real type
                          arguments: cases distinct in the generic code
                          (case int, case T) may coincide */
} Checker;

/* diags */
void check_error(Checker *c, Pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
char *check_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *tstr(const Type *t);                    /* type for messages */
const char *expr_str(const Node *n);                /* Go's ExprString */
const char *operand_str(Checker *c, const Node *n); /* "x (variable of type int)" */

/* scopes */
Scope *scope_new(Scope *parent, Node *func);
Symbol *scope_lookup_local(Scope *s, const char *name);
Symbol *scope_lookup(Scope *s, const char *name);
Symbol *symbol_new(SymKind kind, const char *name, Pos pos);
/* Declares sym in the current scope; reports redeclaration. */
void check_declare(Checker *c, Scope *s, Symbol *sym);
void check_use_obj(Checker *c, Symbol *sym); /* resolve + record dep */
/* The package named `name` here (an import, or for a script a standard
 * package used by name), or NULL. */
Symbol *check_lookup_pkg(Checker *c, const char *name, Pos pos);
void check_resolve_obj(Checker *c, Symbol *sym);

/* types */
Type *check_type(Checker *c, Node *n); /* a type expression */
Type *check_type_direct(Checker *c, Node *n, bool direct);
/* The FUNC type of a FUNCTYPE node (receiver excluded: methods add theirs
 * in check.c); recv and recvtype are reserved and may be NULL. */
Type *check_signature(Checker *c, Node *functype, Node *recv, Type **recvtype);
bool is_invalid(const Type *t);
Type *under(const Type *t);
extern Type *t_invalid;

/* small predicates on (possibly untyped) types */
static inline bool is_untyped(const Type *t)
{
    return t && kind_is_untyped(t->kind);
}
static inline bool is_numeric(const Type *t)
{
    TypeKind k = under(t)->kind;
    return kind_is_integer(k) || kind_is_float(k) || kind_is_complex(k) ||
           k == KIND_UNTYPED_INT || k == KIND_UNTYPED_RUNE || k == KIND_UNTYPED_FLOAT ||
           k == KIND_UNTYPED_COMPLEX;
}
static inline bool is_complex_t(const Type *t)
{
    TypeKind k = under(t)->kind;
    return kind_is_complex(k) || k == KIND_UNTYPED_COMPLEX;
}
/* A type as Go lists it in "have (...)": untyped numbers are "number",
 * other untyped kinds lose the qualifier ("string", "nil"). */
static inline const char *summary_type(const Type *t)
{
    if (!t || t->kind == KIND_INVALID)
        return "unknown type";
    if (is_untyped(t))
        return is_numeric(t) ? "number" : type_kind_name(t->kind) + strlen("untyped ");
    return tstr(t);
}
static inline bool is_integer_t(const Type *t)
{
    TypeKind k = under(t)->kind;
    return kind_is_integer(k) || k == KIND_UNTYPED_INT || k == KIND_UNTYPED_RUNE;
}
static inline bool is_string_t(const Type *t)
{
    TypeKind k = under(t)->kind;
    return k == KIND_STRING || k == KIND_UNTYPED_STRING;
}
static inline bool is_bool_t(const Type *t)
{
    TypeKind k = under(t)->kind;
    return k == KIND_BOOL || k == KIND_UNTYPED_BOOL;
}
static inline bool is_nil(const Node *n)
{
    return n->type && n->type->kind == KIND_UNTYPED_NIL;
}
/* Marks an expression as erroneous (errors about it are not repeated). */
static inline void set_invalid(Node *n)
{
    n->mode = MODE_INVALID;
    n->type = t_invalid;
}

/* expressions */
void check_expr(Checker *c, Node *n, Type *hint); /* hint: for elided
                                                     composite literals */
void check_expr_or_type(Checker *c, Node *n);
void check_multi(Checker *c, Node *n); /* allows a tuple result */
/* Assignability of n to t, converting untyped operands; context like
 * "assignment", "argument to f", "return statement". */
bool check_assign_to(Checker *c, Node *n, Type *t, const char *context);
void check_convert_untyped(Checker *c, Node *n, Type *t);
void check_default(Checker *c, Node *n); /* untyped → default type */
void check_default_ctx(Checker *c, Node *n, const char *context);
void check_call(Checker *c, Node *n);
void check_conversion(Checker *c, Node *n, Type *t);
void check_builtin(Checker *c, Node *n, Builtin b);
void check_selector(Checker *c, Node *n);
void check_funclit(Checker *c, Node *n);
void check_basiclit(Checker *c, Node *n);
void check_compositelit(Checker *c, Node *n, Type *hint);
bool check_comparable_types(Checker *c, Node *x, Node *y, Node *op);
void check_representable(Checker *c, Node *n, Type *t, const char *context);

/* Field/method lookup through embedded fields (check.c). */
typedef struct Lookup {
    int kind; /* 0 none, 1 field, 2 method, 3 ambiguous */
    int npath;
    int path[16];
    bool deref[16];
    Field *field;
    const Method *method;
    Type *recv;    /* the type declaring the method (named or interface) */
    bool indirect; /* a pointer was followed along the embedding path */
} Lookup;
void check_lookup(Type *T, const char *name, Lookup *out);
/* Adds the methods promoted through a defined struct type's embedded
 * fields to its method sets (package-level and local types). */
void check_promote_methods(Checker *c, Type *T);

/* statements */
static inline bool is_blank(const Node *n)
{
    return n->kind == AST_IDENT && strcmp(n->u.ident.name, "_") == 0;
}
static inline Node *unparen(Node *n)
{
    while (n && n->kind == AST_PAREN)
        n = n->u.paren.x;
    return n;
}
/* Whether the current scope is a script's top level (its variables are
 * globals). */
bool check_script_top(Checker *c);
/* A new local variable (a global at a script's top level) for id. */
Symbol *check_new_local(Checker *c, Node *id, Type *t, Node *decl);
/* Checks an assignment target; `use`: x++ and x op= y read x. */
bool check_lhs_use(Checker *c, Node *l, bool use);
void check_declstmt(Checker *c, Node *s);
void check_assign(Checker *c, Node *s); /* =, :=, op= */
void check_func_body(Checker *c, Node *fn, Node *body, Type *sig, Scope *scope);
void check_stmt_list(Checker *c, NodeList *l);
/* A script's top-level statements, checked as its body (labels scoped to it). */
void check_script_stmts(Checker *c, NodeList *list);
void check_stmt(Checker *c, Node *s);
void check_valuespec(Checker *c, Node *spec, bool is_const, bool global);
void check_unused(Checker *c, Scope *s);
bool check_terminating(Node *s, const char *label);

/* Checks a function declaration's body in its own scope (check.c); also
 * used for the instances of generic functions and methods. */
void check_funcdecl_body(Checker *c, Node *fd, Scope *fscope, const char *file);
/* The package qualifying types in messages; returns the previous one. */
const char *check_swap_msg_pkg(const char *pkg);

/* ---- generics (check_generic.c) ----
 * Monomorphization: a generic function or type is never checked as such;
 * each distinct instantiation (same declaration, identical type
 * arguments) is a copy of its declaration (ast_clone) checked with the
 * type parameters bound to the type arguments, once. Instances of
 * functions and methods are ordinary FUNCDECLs appended to their file's
 * decls when checking ends, so the compiler needs nothing new. */

/* A type set term: T or ~T. */
typedef struct TypeTerm {
    Type *type;
    bool tilde;
} TypeTerm;
/* What a constraint interface adds to its methods: `restricted` says the
 * terms list the only permitted types; `comparable` that == is needed. */
typedef struct TypeSet {
    bool restricted;
    bool comparable;
    int nterms;
    TypeTerm *terms;
} TypeSet;
/* The type set of a constraint interface, NULL for an ordinary one. */
const TypeSet *typeset_of(const Type *iface);
/* A new (not interned) interface type with iface's methods and type set
 * ts: constraint interfaces with the same methods but different unions
 * must stay distinct types. */
Type *typeset_iface(Type *iface, TypeSet *ts);
/* The type set of an interface element (a union, ~T, T, or an embedded
 * interface): NULL when the element allows every type. */
TypeSet *check_union(Checker *c, Node *elem, Type **embedded);
TypeSet *typeset_intersect(TypeSet *a, TypeSet *b);

/* Records a generic declaration while collecting (FUNCDECL or TYPESPEC
 * with type parameters, or a method whose receiver has them). */
void gen_collect_func(Checker *c, Symbol *s, Node *fd);
void gen_collect_type(Checker *c, Symbol *s, Node *spec);
void gen_collect_method(Checker *c, Node *fd);
/* After collecting a package: attaches methods to their generic types. */
void gen_attach_methods(Checker *c);
/* The generic function or type expression x names (an identifier or
 * pkg.Name), or NULL; no error is reported. */
Symbol *gen_ref(Checker *c, Node *x);
/* Message text for a generic declaration: "Stack[T any]". */
const char *gen_decl_str(Symbol *g);
/* INDEX n: an instantiated type G[A, B] (check_type's INDEX case). */
Type *gen_instantiate_type(Checker *c, Node *n, Symbol *g, bool direct);
/* INDEX n: an explicitly instantiated function F[A] used as a value. */
void gen_func_value(Checker *c, Node *n, Symbol *g);
/* A call of generic function g (fun is the callee expression, possibly
 * an INDEX with explicit type arguments): infers the rest from the
 * already checked arguments (types ats[0..na)), instantiates, and points
 * the callee at the instance. Returns the instance's signature or NULL
 * after an error. */
Type *gen_call(Checker *c, Node *call, Symbol *g, Type **ats, int na);
/* Checks the package's own generic declarations once with placeholder
 * type arguments (where their constraints allow it). */
void gen_check_generic(Checker *c);
/* For a type parameter's placeholder (see gen_check_generic): its
 * constraint as Go's messages print it ("T constrained by Number"); NULL
 * for any other type. */
const char *gen_placeholder_constraint(Checker *c, const Type *t);
/* An argument naming a generic function (possibly partially
 * instantiated) passed for a parameter of function type pt: infers its
 * type arguments from pt and points it at the instance. false after an
 * error (reported). */
bool gen_func_arg(Checker *c, Node *arg, Type *pt);
/* Whether n names a generic function without all its type arguments. */
bool gen_is_uninstantiated(Checker *c, Node *n);
/* The number of type parameters of generic declaration g. */
int gen_nparams(Symbol *g);
/* Checks the bodies of pending instances (until no new ones appear). */
void gen_drain(Checker *c);
/* When checking ends: instances join their files' decls. */
void gen_finish(Checker *c);
/* Generic declarations never instantiated still use their imports. */
void gen_mark_imports(Checker *c, Scope *fscope, Node *file);

/* constants (const.c) */
ConstVal *cv_int(__int128 i);
ConstVal *cv_float(long double f);
ConstVal *cv_complex(long double re, long double im);
/* An imaginary literal's value ("2i", "1.5e3i", "0x1p2i"); false if bad. */
bool cv_parse_imag(const char *text, int64_t len, ConstVal *out);
/* Whether a numeric constant is zero (both parts, for a complex one). */
bool cv_is_zero(const ConstVal *cv);
ConstVal *cv_bool(bool b);
ConstVal *cv_string(String s);
/* Decodes an INT/FLOAT literal's text; false when malformed. */
bool cv_parse_number(const char *text, int64_t len, bool is_float, ConstVal *out);
/* Exact arithmetic; integer ops when both are ints and !float_div. Sets
 * *err to a message ("division by zero", "constant overflow"). */
ConstVal *cv_binary(Token op, const ConstVal *a, const ConstVal *b, bool integer, const char **err);
bool cv_compare(Token op, const ConstVal *a, const ConstVal *b);
ConstVal *cv_unary(Token op, const ConstVal *a, const Type *t, const char **err);
ConstVal *cv_shift(Token op, const ConstVal *a, uint64_t s, const char **err);
/* Converts cv to type t (basic): returns NULL when not representable;
 * *truncated set when a float lost its fraction. */
ConstVal *cv_convert(const ConstVal *cv, const Type *t, bool *truncated);
bool cv_to_int(const ConstVal *cv, __int128 *out); /* exact integral value */
const char *cv_str(const ConstVal *cv);            /* Go's spelling in messages */

#endif
