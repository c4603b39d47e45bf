/* type.h — run-time type descriptors, shared by the checker, the compiler,
 * the VM and the standard library.
 *
 * A Type describes one Go type. The checker builds them (lang/types.c) and
 * interns every type literal, so two identical types are the same pointer:
 * identity is `a == b` everywhere, in the checker and at run time (interface
 * comparison, type assertions, type switches, map keys of interface type).
 *
 * Memory layout follows Go on amd64: sizes and alignments are Go's
 * (bool 1, int8 1, int16 2, int32 4, int/int64/uint/uintptr 8, float32 4,
 * float64 8, complex64 8 (two float32, aligned 4), complex128 16, string 16, slice 24, interface 16, pointer/map/chan/func 8,
 * arrays n*elem, structs with Go's padding). A register holding a value of
 * type T spans slots(T) = (size+7)/8 consecutive 8-byte slots and holds the
 * same bytes as memory would (so a value moves between registers and memory
 * with memcpy). Scalars narrower than 8 bytes are kept sign- or zero-extended
 * to 64 bits in a register, so 64-bit instructions work on them directly;
 * float32 lives in the low 4 bytes of its slot as a C float.
 *
 * This header must never depend on the front end: the runtime sees types
 * only as data.
 */
#ifndef CSP_TYPE_H
#define CSP_TYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Every kind of type, once. UNTYPED_* and TUPLE exist only in the checker
 * (constants before they get a type; the results of a multi-value call). */
#define TYPE_KINDS(X)                                                         \
    X(INVALID, "invalid type")                                                \
    X(BOOL, "bool")                                                           \
    X(INT, "int")                                                             \
    X(INT8, "int8")                                                           \
    X(INT16, "int16")                                                         \
    X(INT32, "int32")                                                         \
    X(INT64, "int64")                                                         \
    X(UINT, "uint")                                                           \
    X(UINT8, "uint8")                                                         \
    X(UINT16, "uint16")                                                       \
    X(UINT32, "uint32")                                                       \
    X(UINT64, "uint64")                                                       \
    X(UINTPTR, "uintptr")                                                     \
    X(FLOAT32, "float32")                                                     \
    X(FLOAT64, "float64")                                                     \
    X(COMPLEX64, "complex64")                                                 \
    X(COMPLEX128, "complex128")                                               \
    X(STRING, "string")                                                       \
    X(UNSAFEPTR, "unsafe.Pointer")                                            \
    X(ARRAY, "array")                                                         \
    X(SLICE, "slice")                                                         \
    X(STRUCT, "struct")                                                       \
    X(POINTER, "pointer")                                                     \
    X(FUNC, "func")                                                           \
    X(INTERFACE, "interface")                                                 \
    X(MAP, "map")                                                             \
    X(CHAN, "chan")                                                           \
    X(UNTYPED_BOOL, "untyped bool")                                           \
    X(UNTYPED_INT, "untyped int")                                             \
    X(UNTYPED_RUNE, "untyped rune")                                           \
    X(UNTYPED_FLOAT, "untyped float")                                         \
    X(UNTYPED_COMPLEX, "untyped complex")                                     \
    X(UNTYPED_STRING, "untyped string")                                       \
    X(UNTYPED_NIL, "untyped nil")                                             \
    X(TUPLE, "tuple")

typedef enum {
#define X(k, s) KIND_##k,
    TYPE_KINDS(X)
#undef X
        KIND__COUNT
} TypeKind;

/* Channel directions; a bidirectional channel is SEND|RECV. */
typedef enum { CHAN_SEND = 1, CHAN_RECV = 2, CHAN_BOTH = 3 } ChanDir;

typedef struct Type Type;
typedef struct Func Func; /* a compiled function, see runtime/vm.h */

/* A struct field. `embedded` marks an anonymous field (its name is the
 * type's name). `offset` is the byte offset in Go's layout. `tag` is the
 * decoded tag string (NULL without one): part of the type's identity, and
 * what encoding/json reads at run time. */
typedef struct Field {
    const char *name;
    Type *type;
    uint64_t offset;
    bool embedded;
    bool exported;
    const char *tag; /* last: positional initialisers stay valid */
} Field;

/* A method. On an interface type: the method's signature (`sig` is a FUNC
 * type without receiver), methods sorted by name. On a defined (named)
 * type: a declared method, with `ptrrecv` saying whether the receiver is
 * *T, and `fn` the compiled function (receiver first parameter) that the
 * compiler fills in. Promoted methods of embedded fields are listed too
 * (the compiler generates wrappers for them), so the method set of a type is
 * a lookup by name in this table. */
typedef struct Method {
    const char *name;
    Type *sig;
    bool ptrrecv;
    bool promoted;
    Func *fn;
} Method;

struct Type {
    TypeKind kind;  /* kind of the underlying type (a defined type
                       `type T []int` has kind SLICE) */
    uint64_t size;  /* bytes, Go's layout: 64-bit, as an array may be
                       larger than 4 GiB (at most TYPE_MAX_SIZE) */
    uint32_t align; /* bytes */

    const char *name; /* defined or predeclared type's name ("int",
                         "WaitGroup"); NULL for type literals */
    const char *pkg;  /* package of a defined type ("main", "sync"),
                         NULL for predeclared types and literals */
    Type *underlying; /* the type itself for literals and predeclared */

    Type *elem;      /* ARRAY, SLICE, POINTER, CHAN: element; MAP: value */
    Type *key;       /* MAP: key */
    int64_t len;     /* ARRAY: length */
    ChanDir dir;     /* CHAN */

    int nfields; /* STRUCT */
    Field *fields;

    int nparams; /* FUNC: parameters (a variadic last one is a slice) */
    Type **params;
    int nresults; /* FUNC results; TUPLE members */
    Type **results;
    bool variadic;

    int nmethods; /* INTERFACE: its method set (sorted by name);
                     defined types: methods of T (value receivers);
                     see also ptrmethods */
    Method *methods;
    Type *ptrto; /* cached *T, interned by the checker */
    int nptrmethods; /* defined types: method set of *T (all methods) */
    Method *ptrmethods;

    bool comparable; /* == defined (no slices, maps, funcs inside) */
    bool has_pointers; /* false: memory of this type is never scanned by the
                          collector (allocate it atomic) */
    bool iface_direct; /* in an interface, the data word holds the value
                          itself (bool, numbers, pointer, map, chan, func,
                          unsafe.Pointer); otherwise it points to a boxed
                          copy */
    uint32_t id;       /* unique, dense: index into per-type run-time tables */
    void *rt;          /* run-time cache (hash/equal helpers, itabs) */
};

/* The largest size of a type, as Go's on amd64 (cmd/compile's MaxWidth,
 * 1<<50): the checker rejects larger arrays ("larger than address space")
 * and structs ("too large"), so size arithmetic on any checked type never
 * overflows 64 bits. */
#define TYPE_MAX_SIZE ((uint64_t)1 << 50)

/* Number of 8-byte register slots a value of type t occupies. */
static inline uint64_t type_slots(const Type *t) { return (t->size + 7) / 8; }

static inline bool kind_is_integer(TypeKind k)
{
    return k >= KIND_INT && k <= KIND_UINTPTR;
}
static inline bool kind_is_unsigned(TypeKind k)
{
    return k >= KIND_UINT && k <= KIND_UINTPTR;
}
static inline bool kind_is_float(TypeKind k)
{
    return k == KIND_FLOAT32 || k == KIND_FLOAT64;
}
static inline bool kind_is_complex(TypeKind k)
{
    return k == KIND_COMPLEX64 || k == KIND_COMPLEX128;
}
static inline bool kind_is_untyped(TypeKind k)
{
    return k >= KIND_UNTYPED_BOOL && k <= KIND_UNTYPED_NIL;
}

/* The name of a kind, for messages ("int", "untyped float"). */
const char *type_kind_name(TypeKind k);

/* Writes Go's spelling of a type into buf ("[]int", "map[string]main.T",
 * "chan<- int", "func(int) (string, error)"), as %T and error messages print
 * it. `qualify` prefixes defined types with their package ("main.T"), as
 * fmt's %T does; without it they print bare, as compile errors do.
 * Returns buf. */
char *type_string(const Type *t, bool qualify, char *buf, size_t cap);
/* As type_string without `qualify`, but qualifying defined types of
 * packages other than `pkg` ("sync.WaitGroup" seen from "main"), as Go's
 * compile errors do. */
char *type_string_rel(const Type *t, const char *pkg, char *buf, size_t cap);

/* Predeclared types, built once (lang/types.c owns them; the runtime reads
 * them). Indexed by kind for the basic kinds; `type_byte` and `type_rune`
 * are the aliases uint8 and int32 themselves. */
extern Type *type_basic[KIND__COUNT];
extern Type *type_error; /* the predeclared interface `error` */
extern Type *type_any;   /* interface{} */

/* Looks a method up by name in the method set of t (for a pointer to a
 * defined type: the *T set). NULL when absent. */
const Method *type_method(const Type *t, const char *name);

#endif
