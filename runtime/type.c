/* type.c — the predeclared type descriptors and the run-time questions
 * every layer asks of a Type: its kind's name, its Go spelling, a method
 * lookup by name.
 *
 * The predeclared types are static data, so the runtime, the stdlib and
 * their unit tests can use type_basic[] without the front end. Type
 * construction and interning (composite types, defined types) belong to
 * lang/types.c; this file must never build or intern types.
 */
#include <stdio.h>
#include <string.h>

#include "type.h"

const char *type_kind_name(TypeKind k)
{
    static const char *const names[] = {
#define X(k, s) s,
        TYPE_KINDS(X)
#undef X
    };
    if ((unsigned)k >= KIND__COUNT)
        return "?";
    return names[k];
}

/* One predeclared basic type: size, alignment, and the run-time flags. */
#define BASIC(k, nm, sz, cmp, ptrs, direct)                                                        \
    [KIND_##k] = {.kind = KIND_##k,                                                                \
                  .size = sz,                                                                      \
                  .align = sz ? sz : 1,                                                            \
                  .name = nm,                                                                      \
                  .underlying = &basic_types[KIND_##k],                                            \
                  .comparable = cmp,                                                               \
                  .has_pointers = ptrs,                                                            \
                  .iface_direct = direct,                                                          \
                  .id = KIND_##k}

static Type basic_types[KIND__COUNT] = {
    BASIC(INVALID, "invalid type", 0, false, false, false),
    BASIC(BOOL, "bool", 1, true, false, true),
    BASIC(INT, "int", 8, true, false, true),
    BASIC(INT8, "int8", 1, true, false, true),
    BASIC(INT16, "int16", 2, true, false, true),
    BASIC(INT32, "int32", 4, true, false, true),
    BASIC(INT64, "int64", 8, true, false, true),
    BASIC(UINT, "uint", 8, true, false, true),
    BASIC(UINT8, "uint8", 1, true, false, true),
    BASIC(UINT16, "uint16", 2, true, false, true),
    BASIC(UINT32, "uint32", 4, true, false, true),
    BASIC(UINT64, "uint64", 8, true, false, true),
    BASIC(UINTPTR, "uintptr", 8, true, false, true),
    BASIC(FLOAT32, "float32", 4, true, false, true),
    BASIC(FLOAT64, "float64", 8, true, false, true),
    /* complex numbers: real then imaginary part, each aligned as its
     * float (Go's layout); boxed in interfaces, like Go */
    [KIND_COMPLEX64] = {.kind = KIND_COMPLEX64,
                        .size = 8,
                        .align = 4,
                        .name = "complex64",
                        .underlying = &basic_types[KIND_COMPLEX64],
                        .comparable = true,
                        .id = KIND_COMPLEX64},
    [KIND_COMPLEX128] = {.kind = KIND_COMPLEX128,
                         .size = 16,
                         .align = 8,
                         .name = "complex128",
                         .underlying = &basic_types[KIND_COMPLEX128],
                         .comparable = true,
                         .id = KIND_COMPLEX128},
    [KIND_STRING] = {.kind = KIND_STRING,
                     .size = 16,
                     .align = 8,
                     .name = "string",
                     .underlying = &basic_types[KIND_STRING],
                     .comparable = true,
                     .has_pointers = true,
                     .iface_direct = false,
                     .id = KIND_STRING},
    BASIC(UNSAFEPTR, "unsafe.Pointer", 8, true, true, true),
    /* untyped kinds: checker only; laid out as their default types */
    BASIC(UNTYPED_BOOL, "untyped bool", 1, true, false, true),
    BASIC(UNTYPED_INT, "untyped int", 8, true, false, true),
    BASIC(UNTYPED_RUNE, "untyped rune", 4, true, false, true),
    BASIC(UNTYPED_FLOAT, "untyped float", 8, true, false, true),
    [KIND_UNTYPED_COMPLEX] = {.kind = KIND_UNTYPED_COMPLEX,
                              .size = 16,
                              .align = 8,
                              .name = "untyped complex",
                              .underlying = &basic_types[KIND_UNTYPED_COMPLEX],
                              .comparable = true,
                              .id = KIND_UNTYPED_COMPLEX},
    [KIND_UNTYPED_STRING] = {.kind = KIND_UNTYPED_STRING,
                             .size = 16,
                             .align = 8,
                             .name = "untyped string",
                             .underlying = &basic_types[KIND_UNTYPED_STRING],
                             .comparable = true,
                             .has_pointers = true,
                             .id = KIND_UNTYPED_STRING},
    BASIC(UNTYPED_NIL, "untyped nil", 8, true, true, true),
};
#undef BASIC

/* Non-basic kinds have no predeclared descriptor: their slots stay NULL. */
Type *type_basic[KIND__COUNT] = {
#define X(k, s) [KIND_##k] = NULL,
    TYPE_KINDS(X)
#undef X
};

/* type_basic is filled from basic_types before main runs, so that a
 * runtime-only program (a unit test, a host) never has to call an init. */
__attribute__((constructor)) static void type_basic_init(void)
{
    for (int k = 0; k < KIND__COUNT; k++) {
        if (k >= KIND_ARRAY && k <= KIND_CHAN)
            continue;
        if (k == KIND_TUPLE)
            continue;
        type_basic[k] = &basic_types[k];
    }
}

/* error: interface { Error() string } */
static Type *error_results[1] = {&basic_types[KIND_STRING]};
static Type error_sig = {.kind = KIND_FUNC,
                         .size = 8,
                         .align = 8,
                         .underlying = &error_sig,
                         .nresults = 1,
                         .results = error_results,
                         .comparable = false,
                         .has_pointers = true,
                         .iface_direct = true,
                         .id = KIND__COUNT + 1};
static Method error_methods[1] = {{.name = "Error", .sig = &error_sig}};
static Type error_iface = {.kind = KIND_INTERFACE,
                           .size = 16,
                           .align = 8,
                           .underlying = &error_iface,
                           .nmethods = 1,
                           .methods = error_methods,
                           .comparable = true,
                           .has_pointers = true,
                           .id = KIND__COUNT + 2};
static Type error_named = {.kind = KIND_INTERFACE,
                           .size = 16,
                           .align = 8,
                           .name = "error",
                           .underlying = &error_iface,
                           .nmethods = 1,
                           .methods = error_methods,
                           .comparable = true,
                           .has_pointers = true,
                           .id = KIND__COUNT + 3};
static Type any_iface = {.kind = KIND_INTERFACE,
                         .size = 16,
                         .align = 8,
                         .underlying = &any_iface,
                         .comparable = true,
                         .has_pointers = true,
                         .id = KIND__COUNT + 4};

Type *type_error = &error_named;
Type *type_any = &any_iface;

/* ---- spelling ---- */

typedef struct Buf {
    char *p;
    size_t len, cap;
} Buf;

static void put(Buf *b, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n && b->len + 1 < b->cap; i++)
        b->p[b->len++] = s[i];
    if (b->cap)
        b->p[b->len] = 0;
}

static void put_type(Buf *b, const Type *t, bool q, const char *rel, int depth);

static void put_tuple(Buf *b, Type **ts, int n, bool variadic, bool q, const char *rel, int depth)
{
    put(b, "(");
    for (int i = 0; i < n; i++) {
        if (i)
            put(b, ", ");
        if (variadic && i == n - 1 && ts[i]->kind == KIND_SLICE) {
            put(b, "...");
            put_type(b, ts[i]->elem, q, rel, depth);
        } else {
            put_type(b, ts[i], q, rel, depth);
        }
    }
    put(b, ")");
}

static void put_sig(Buf *b, const Type *t, bool q, const char *rel, int depth)
{
    put_tuple(b, t->params, t->nparams, t->variadic, q, rel, depth);
    if (t->nresults == 1) {
        put(b, " ");
        put_type(b, t->results[0], q, rel, depth);
    } else if (t->nresults > 1) {
        put(b, " ");
        put_tuple(b, t->results, t->nresults, false, q, rel, depth);
    }
}

static void put_type(Buf *b, const Type *t, bool q, const char *rel, int depth)
{
    char num[32];
    if (!t) {
        put(b, "<nil>");
        return;
    }
    if (depth > 20) { /* a recursive literal can only recur through names */
        put(b, "...");
        return;
    }
    depth++;
    if (t->name) {
        /* qualified by the package's name (last path element) */
        if (t->pkg && (q || (rel && strcmp(rel, t->pkg) != 0))) {
            const char *slash = strrchr(t->pkg, '/');
            put(b, slash ? slash + 1 : t->pkg);
            put(b, ".");
        }
        put(b, t->name);
        return;
    }
    switch (t->kind) {
    case KIND_ARRAY:
        snprintf(num, sizeof num, "[%lld]", (long long)t->len);
        put(b, num);
        put_type(b, t->elem, q, rel, depth);
        break;
    case KIND_SLICE:
        put(b, "[]");
        put_type(b, t->elem, q, rel, depth);
        break;
    case KIND_POINTER:
        put(b, "*");
        put_type(b, t->elem, q, rel, depth);
        break;
    case KIND_MAP:
        put(b, "map[");
        put_type(b, t->key, q, rel, depth);
        put(b, "]");
        put_type(b, t->elem, q, rel, depth);
        break;
    case KIND_CHAN:
        if (t->dir == CHAN_RECV)
            put(b, "<-chan ");
        else if (t->dir == CHAN_SEND)
            put(b, "chan<- ");
        else
            put(b, "chan ");
        /* chan (<-chan int) needs parentheses to keep its meaning */
        if (t->dir == CHAN_BOTH && t->elem && !t->elem->name && t->elem->kind == KIND_CHAN &&
            t->elem->dir == CHAN_RECV) {
            put(b, "(");
            put_type(b, t->elem, q, rel, depth);
            put(b, ")");
        } else {
            put_type(b, t->elem, q, rel, depth);
        }
        break;
    case KIND_FUNC:
        put(b, "func");
        put_sig(b, t, q, rel, depth);
        break;
    case KIND_TUPLE:
        put_tuple(b, t->results, t->nresults, false, q, rel, depth);
        break;
    case KIND_STRUCT:
        /* reflect (qualified, %T) spells "struct { A int; B string }",
         * the compiler "struct{A int; B string}" */
        put(b, q ? "struct {" : "struct{");
        for (int i = 0; i < t->nfields; i++) {
            put(b, i ? "; " : (q ? " " : ""));
            if (!t->fields[i].embedded) {
                put(b, t->fields[i].name);
                put(b, " ");
            }
            put_type(b, t->fields[i].type, q, rel, depth);
            if (t->fields[i].tag) {
                /* the tag, quoted as strconv.Quote does for tags */
                put(b, " \"");
                for (const char *c = t->fields[i].tag; *c; c++) {
                    char one[3] = {*c, 0, 0};
                    if (*c == '"' || *c == '\\')
                        one[0] = '\\', one[1] = *c;
                    else if (*c == '\n' || *c == '\t')
                        one[0] = '\\', one[1] = *c == '\n' ? 'n' : 't';
                    put(b, one);
                }
                put(b, "\"");
            }
        }
        put(b, q && t->nfields ? " }" : "}");
        break;
    case KIND_INTERFACE:
        if (t->nmethods == 0) {
            /* interface{} and any are one type; compile errors say "any"
             * as Go's do for the alias, %T (reflect) says "interface {}" */
            put(b, q ? "interface {}" : "any");
            break;
        }
        put(b, q ? "interface { " : "interface{");
        for (int i = 0; i < t->nmethods; i++) {
            if (i)
                put(b, "; ");
            put(b, t->methods[i].name);
            put_sig(b, t->methods[i].sig, q, rel, depth);
        }
        put(b, q ? " }" : "}");
        break;
    default:
        put(b, type_kind_name(t->kind));
        break;
    }
}

char *type_string(const Type *t, bool qualify, char *buf, size_t cap)
{
    Buf b = {buf, 0, cap};
    if (cap)
        buf[0] = 0;
    put_type(&b, t, qualify, NULL, 0);
    return buf;
}

char *type_string_rel(const Type *t, const char *pkg, char *buf, size_t cap)
{
    Buf b = {buf, 0, cap};
    if (cap)
        buf[0] = 0;
    put_type(&b, t, false, pkg, 0);
    return buf;
}

/* Method tables are sorted by name, so lookups are binary searches. */
static const Method *find_method(const Method *ms, int n, const char *name)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(ms[mid].name, name);
        if (c == 0)
            return &ms[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

const Method *type_method(const Type *t, const char *name)
{
    if (!t)
        return NULL;
    if (t->kind == KIND_INTERFACE)
        return find_method(t->methods, t->nmethods, name);
    if (t->kind == KIND_POINTER && !t->name && t->elem && t->elem->name)
        return find_method(t->elem->ptrmethods, t->elem->nptrmethods, name);
    return find_method(t->methods, t->nmethods, name);
}
