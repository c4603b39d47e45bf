/* check.h — the type checker (lang/check*.c) and type construction
 * (lang/types.c).
 *
 * The checker resolves every name, computes every type, folds constants
 * with exact arithmetic, and annotates the tree in place (the "checker"
 * fields of ast.h), so the compiler never has to ask a question the checker
 * could have answered. Errors use Go's wording and positions
 * (file:line:col), like `go vet`/`go build` print them.
 *
 * Packages: the program's own files form package main (or a script, see
 * design.md §1). An import is satisfied by the Importer the checker is
 * given (lang/importer.h), which returns the package's Go source files
 * (a standard package, a host's, or a directory of the program's module):
 * the checker parses and checks them like any other package. In a native
 * package's sources a function declared without a body is a native
 * (implemented in C and bound through the importer when compiling).
 *
 * Generics (lang/check_generic.c) are monomorphized here: the compiler
 * only ever sees instances, which are ordinary FUNCDECLs (appended to
 * their file's decls) and defined types named as Go prints them
 * ("Stack[int]"); generic declarations themselves have funcdecl.sym NULL
 * and no type.
 */
#ifndef CSP_CHECK_H
#define CSP_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "../runtime/type.h"
#include "../runtime/value.h"
#include "ast.h"

/* An exact constant. Integers are 128-bit (Go requires at least 256 bits
 * for untyped integer constants; values beyond 128 bits are reported as
 * "constant overflow" rather than silently wrapped). Floats are long
 * double. Runes are integers. A complex constant is `f` + `im`i. */
typedef enum { CONST_BOOL, CONST_INT, CONST_FLOAT, CONST_COMPLEX, CONST_STRING } ConstKind;

struct ConstVal {
    ConstKind kind;
    bool b;
    __int128 i;
    long double f;
    long double im; /* COMPLEX: the imaginary part (f is the real one) */
    String s;
    /* STRING made by folding +: the buffer s sits at the start of, so a
     * left-deep chain "a" + "b" + ... appends in place (amortised) instead
     * of copying every prefix (a 100,000-term chain was quadratic) */
    struct ConstBuf *buf;
};

typedef enum {
    SYM_BAD,
    SYM_PKG,     /* an imported package name */
    SYM_CONST,
    SYM_TYPE,
    SYM_VAR,     /* package-level or local variable, parameter, result */
    SYM_FUNC,    /* package-level function (or method: see recv) */
    SYM_BUILTIN, /* len, append, ... */
    SYM_NIL,
    SYM_LABEL,
} SymKind;

typedef struct Package Package;

struct Symbol {
    SymKind kind;
    const char *name;
    Pos pos;
    Type *type;         /* CONST/VAR/FUNC: its type; TYPE: the type */
    ConstVal *cv;       /* CONST */
    Builtin builtin;    /* BUILTIN */
    Package *pkg;       /* the package it belongs to; PKG: the imported one */
    Node *decl;         /* the declaring node (FUNCDECL, VALUESPEC,
                           TYPESPEC, FIELD, ASSIGNSTMT, RANGESTMT, ...) */

    bool global;        /* VAR: package-level */
    bool param;         /* VAR: a parameter or named result */
    bool captured;      /* VAR: referenced by a closure (FUNCLIT) other than
                           the function declaring it: the compiler puts it
                           in a heap cell shared by reference */
    bool addrtaken;     /* VAR: &x appears (or a method with pointer
                           receiver is called on it): heap cell too */
    bool used;          /* for "declared and not used" */
    bool native;        /* FUNC: declared without a body */
    const char *foreign; /* FUNC: a foreign C function, "LIB [SYMBOL]" from
                            the `//csp:foreign` comment above it */
    Node *funclit;      /* VAR: the FUNCLIT (or NULL for a FUNCDECL) whose
                           frame owns it; lets the compiler tell captures */
    Node *owner;        /* VAR: the FUNCDECL or FUNCLIT declaring it */

    int index;          /* compiler's use: register, global or cell index */
    void *compiled;     /* compiler's use (e.g. the Func of a FUNC) */

    /* added by the checker (h3): */
    Type *recv;         /* FUNC: a method's receiver type (T or *T), else
                           NULL; its `type` is the signature without the
                           receiver */
    void *check_info;   /* checker's private per-object data (lazy
                           resolution state, init dependencies) */
    struct GenInfo *generic; /* FUNC/TYPE: a generic declaration (its type
                                parameters and instances, check_generic.c);
                                it has no type of its own: each
                                instantiation is a separate FUNC or
                                defined type */
};

/* A scope: names declared in a block, chained to its parent. */
struct Scope {
    Scope *parent;
    int len, cap;
    Symbol **syms;
    Node *func; /* the FUNCDECL or FUNCLIT this scope belongs to, NULL at
                   package and universe level */
    /* A hash index of syms by name, once the scope is big enough to need
     * one (a package of 100,000 declarations must not be searched end to
     * end at every lookup): open addressing, tabcap a power of two. */
    Symbol **tab;
    int tabcap;
};

/* A checked package. */
struct Package {
    const char *path; /* "main", "fmt", "sync/atomic" */
    const char *name; /* "main", "fmt", "atomic" */
    Scope *scope;     /* package-level declarations */
    NodeList files;   /* FILE nodes */
    NodeList inits;   /* package-level VALUESPECs (var) in initialisation
                         order, as Go computes it (dependencies first) */
    NodeList funcs;   /* every FUNCDECL with a body, methods included */
    NodeList funclits; /* every FUNCLIT, in source order */
    bool is_script;   /* a file without a package clause */
    bool native;      /* a standard or host package (importer.h) */
    struct Package **imports; /* the packages its files import */
    int nimports;
};

/* A whole checked program: its packages in dependency order (imports
 * before importers; main last). */
typedef struct Program {
    int npkgs;
    Package **pkgs;
    Package *main;
    Symbol *main_func; /* main.main, or NULL for a script */
    const struct Importer *importer; /* binds the natives (compile.c) */
} Program;

/* Checks the given files as the main package (or script) and every
 * package they import, transitively, found by imp (lang/importer.h).
 * The files must agree on their package clause (Go's "found packages ...
 * in dir" otherwise; dir names their directory in that message, NULL for
 * "."). Packages are ordered for initialisation as Go 1.21+ does. Errors go
 * to diags (at most 10, then "too many errors", as Go does). Returns NULL
 * when there were errors. */
struct Importer;
Program *check_program_imp(Node **files, int nfiles, const char *dir,
                           const struct Importer *imp, Diags *diags);
/* Runs fn(arg) to completion on a helper thread with a deep C stack
 * (LANG_DEEP_STACK bytes, reserved, committed only as used), or on the
 * calling thread when no such thread can be made. The checker, compiler
 * and printers recurse once per level of an expression, and a left-deep
 * chain of 100,000 terms (1 + 1 + ... + 1) is ordinary Go that gc compiles
 * on its growable stacks; the expression depth limits (check_expr.c) are
 * sized for this stack. */
void lang_deep_call(void (*fn)(void *), void *arg);
/* The stack of lang_deep_call's helper on this thread, 0 elsewhere (the
 * depth limits depend on it). */
extern __thread size_t lang_deep_stack_bytes;

/* check_program_imp with the standard packages only (importer_std). */
Program *check_program(Node **files, int nfiles, Diags *diags);

/* Notes for the compiler (how the annotations read):
 * - Implicit conversions to interfaces are NOT in the tree: a node keeps
 *   its own (concrete) type, and wherever a value is assigned, passed,
 *   returned, sent, stored in a composite literal or map index, or
 *   compared with an interface, the compiler compares the node's type with
 *   the target's and converts when the target is an interface and the
 *   node's type is not. Untyped constants get their final type (the
 *   target's, or their default type when the target is an interface);
 *   untyped nil gets the target's type.
 * - Script files: top-level `var`/`:=` variables are globals (global set,
 *   owner NULL); variables declared inside top-level blocks of a script
 *   (for/if/switch bodies) are locals of the script body, with owner the
 *   FILE node and funclit NULL. Package.inits is empty for a script: its
 *   statements (file.stmts) initialise its globals in order.
 * - Method symbols (FUNC with recv != NULL) are not in the package scope;
 *   they are in Package.funcs (their FUNCDECL's funcdecl.sym).
 * - The diag "too many errors" has filename NULL and pos {0,0}.
 * - A COMPOSITELIT whose type is a pointer *T is an elided &T{...} inside
 *   another literal ([]*T{{...}}): allocate the T and yield its address.
 * - SEL_IFACEMETHOD through an embedded interface field of a struct
 *   (x.M with struct{ io.Reader }): path/path_deref lead to the interface
 *   field, then method_index indexes that interface's method table.
 * - Method.promoted entries of a struct type may come from an embedded
 *   interface: check_method_path's *recv_type is then that interface.
 * - Unused variables are reported as Go 1.22 prints them:
 *   "x declared and not used". */

/* ---- Types (lang/types.c): construction and interning ----
 * Every constructor returns the one Type for that structure. */
void types_init(void);
Type *type_pointer(Type *elem);
Type *type_slice(Type *elem);
Type *type_array(Type *elem, int64_t len);
Type *type_map(Type *key, Type *elem);
Type *type_chan(Type *elem, ChanDir dir);
Type *type_func(Type **params, int nparams, Type **results, int nresults,
                bool variadic);
Type *type_struct(Field *fields, int nfields); /* computes offsets */
Type *type_interface(Method *methods, int nmethods); /* sorts methods */
Type *type_tuple(Type **types, int n);
/* A copy of an interface type that is not interned: identical only to
 * itself (constraint interfaces, whose type sets the checker keeps aside). */
Type *type_interface_distinct(const Type *iface);
/* A new defined type (never interned): `type name underlying` in pkg.
 * The underlying type may be set later with type_set_underlying (for
 * recursive types). */
Type *type_named(const char *name, const char *pkg, Type *underlying);
void type_set_underlying(Type *named, Type *underlying);
/* Adds a method to a defined type's method sets. */
void type_add_method(Type *named, const char *name, Type *sig, bool ptrrecv);

/* Completes the layout of array types created while their element (a
 * defined type) was still being resolved; the checker calls it once a
 * package's type declarations are resolved. */
void types_complete(void);

/* Adds a method promoted from an embedded field to a defined type's method
 * sets (Method.promoted set; declared methods win). in_value_set: T's own
 * set has it too (not only *T's). The checker calls it for every defined
 * struct type with embedded fields. */
void types_add_promoted(Type *named, const char *name, Type *sig, bool ptrrecv,
                        bool in_value_set);

/* The embedding path from a value of type t to the receiver declaring
 * method `name` (for the compiler's promoted-method wrappers): fills
 * path[i] (field index at each level) and deref[i] (dereference a pointer
 * before selecting path[i]), at most `max` entries; returns the path's
 * length (0: t declares it itself), or -1 when t has no such method.
 * *recv_type gets the type that declares the method (a defined type). */
int check_method_path(const Type *t, const char *name, int *path, bool *deref,
                      int max, Type **recv_type);

/* Identity, assignability (Go spec), convertibility. */
bool type_identical(const Type *a, const Type *b);
bool type_assignable(const Type *v, const Type *t);
bool type_convertible(const Type *v, const Type *t);
/* Whether t implements interface iface; on failure *missing names the
 * first missing method (for Go's message). */
bool type_implements(const Type *t, const Type *iface, const char **missing,
                     bool *wrong_recv);
/* The default type of an untyped constant kind (int, rune→int32, ...). */
Type *type_default(Type *t);

#endif
