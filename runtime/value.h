/* value.h — how Go values are laid out in registers and memory, and the
 * heap they live in.
 *
 * Registers are untagged 8-byte slots (Slot). The checker knows every type,
 * so nothing at run time asks what a slot holds: a string is two slots, a
 * slice three, an interface two, a struct or array as many as its size
 * needs, laid out exactly as in memory (runtime/type.h).
 *
 * Memory is the Boehm-Demers-Weiser collector's (threads enabled). Memory
 * that can hold pointers is scanned conservatively; memory of pointer-free
 * types (string bytes, []int, []float64) is allocated atomic and never
 * scanned. Every thread that runs script code is registered with the
 * collector (GC_pthread_create via gc.h with GC_THREADS).
 */
#ifndef CSP_VALUE_H
#define CSP_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "type.h"

/* One register slot. */
typedef union Slot {
    int64_t i;
    uint64_t u;
    double f;
    float f32;
    void *p;
} Slot;

/* A Go string: immutable bytes (not NUL-terminated) and a length. */
typedef struct String {
    const uint8_t *ptr;
    int64_t len;
} String;

/* A Go slice. */
typedef struct Slice {
    void *ptr;
    int64_t len;
    int64_t cap;
} Slice;

/* A Go interface value. `type` is the dynamic type (NULL for a nil
 * interface). When type->iface_direct the value itself is in `word`
 * (its first type->size bytes, as in memory); otherwise `word.p` points to
 * an immutable boxed copy of the value. */
typedef struct Iface {
    Type *type;
    Slot word;
} Iface;

_Static_assert(sizeof(String) == 16, "string is two slots");
_Static_assert(sizeof(Slice) == 24, "slice is three slots");
_Static_assert(sizeof(Iface) == 16, "interface is two slots");

/* Reads a scalar of `size` bytes (1, 2, 4 or 8) from memory or a register,
 * zero- or sign-extended to 64 bits. Little-endian: a narrow value is the
 * low bytes of its slot. The one place this decoding lives (hashing,
 * equality and fmt all use it). */
static inline uint64_t value_load_uint(const void *v, uint32_t size)
{
    switch (size) {
    case 1: return *(const uint8_t *)v;
    case 2: { uint16_t x; memcpy(&x, v, 2); return x; }
    case 4: { uint32_t x; memcpy(&x, v, 4); return x; }
    default: { uint64_t x; memcpy(&x, v, 8); return x; }
    }
}
static inline int64_t value_load_int(const void *v, uint32_t size)
{
    switch (size) {
    case 1: return *(const int8_t *)v;
    case 2: { int16_t x; memcpy(&x, v, 2); return x; }
    case 4: { int32_t x; memcpy(&x, v, 4); return x; }
    default: { int64_t x; memcpy(&x, v, 8); return x; }
    }
}

/* Allocation (runtime/heap.c). Memory comes back zeroed. None of these
 * returns NULL: a request the collector cannot satisfy (or one larger than
 * Go's 1<<48-byte limit, or whose size overflows) ends the program with Go's
 * "fatal error: runtime: out of memory" (heap_out_of_memory). */
void heap_init(void);
void *heap_alloc(size_t size);        /* may hold pointers */
void *heap_alloc_atomic(size_t size); /* never holds pointers */
/* Atomic memory NOT cleared: only for callers that overwrite all n bytes at
 * once (string bytes). */
void *heap_alloc_bytes(size_t size);
/* n elements of elemsize bytes, scanned when `pointers`; the product is
 * checked (an overflow is out of memory, not a small block). */
void *heap_alloc_n(size_t n, size_t elemsize, bool pointers);
/* The C heap, checked as above: for the few buffers the collector must not
 * own (scratch space freed by hand, arrays handed to C libraries).
 * heap_crealloc resizes p to n elements of elemsize bytes. */
void *heap_cmalloc(size_t size);
void *heap_crealloc(void *p, size_t n, size_t elemsize);
void *heap_ccalloc(size_t n, size_t elemsize);
/* Reports "fatal error: runtime: out of memory" through the hook set by
 * heap_set_fatal (the VM: a goroutine traceback, flushed output, exit 2 or
 * the end of an embedded run); with no hook, or no goroutine running on
 * this thread, prints the line and exits the process with status 2. */
_Noreturn void heap_out_of_memory(void);
/* The VM's fatal-error reporter: must not return when it can report (a
 * goroutine runs on this thread); returns otherwise. */
typedef void (*HeapFatalFn)(const char *msg);
void heap_set_fatal(HeapFatalFn fn);
/* Hands back a block the caller knows nothing else references (a buffer
 * just replaced by a bigger copy); p may be NULL or a non-heap pointer. */
void heap_free(void *p);
/* Size of the heap block holding address p (anywhere inside it), or 0 when
 * p is not in the collected heap. */
size_t heap_block_size(const void *p);
/* Go's append growth (defined in runtime/vm.c): the new capacity for a
 * slice of capacity oldcap that must hold newlen elements of elemsize bytes,
 * or -1 when that many bytes exceed Go's maxAlloc (append then panics
 * "growslice: len out of range"). Natives that append (strings.Builder)
 * use it so cap() matches append's. */
int64_t vm_grow_cap(int64_t oldcap, int64_t newlen, int64_t elemsize);
/* Allocates one value of type t, scanned or atomic as t requires. */
void *heap_new(const Type *t);
/* Allocates an array of n elements of type t (zeroed). */
void *heap_new_array(const Type *t, int64_t n);

/* Strings (runtime/string.c). */
String string_from_cstr(const char *s);
String string_from_bytes(const void *p, int64_t n); /* copies */
String string_concat(String a, String b);
int string_compare(String a, String b); /* <0, 0, >0 bytewise */
static inline bool string_eq(String a, String b)
{
    /* len 0 first: an empty string may have a NULL ptr, and memcmp(NULL, ..,
     * 0) is undefined behaviour even though it reads nothing. */
    return a.len == b.len &&
           (a.len == 0 || a.ptr == b.ptr || memcmp(a.ptr, b.ptr, (size_t)a.len) == 0);
}
/* A NUL-terminated copy (for C APIs and messages). */
char *string_cstr(String s);

/* Decodes one UTF-8 rune at s[i]; stores its width in *width. Invalid bytes
 * decode as U+FFFD with width 1, as Go's range does. */
int32_t utf8_decode(const uint8_t *s, int64_t n, int *width);
/* Encodes r into buf (at least 4 bytes); returns the byte count. Invalid
 * runes encode as U+FFFD. */
int utf8_encode(int32_t r, uint8_t *buf);

/* Value operations driven by type descriptors (runtime/typeops.c): used by
 * map keys, ==, interface comparison and fmt. */
bool value_equal(const Type *t, const void *a, const void *b);
uint64_t value_hash(const Type *t, const void *v, uint64_t seed);
/* Boxes the value at v (of type t) into an interface. */
Iface iface_box(Type *t, const void *v);
/* Pointer to the value held by an interface (into `word` when direct). */
static inline const void *iface_data(const Iface *x)
{
    return x->type && x->type->iface_direct ? (const void *)&x->word : x->word.p;
}
/* Interface equality as Go's ==: same dynamic type and equal values. Sets
 * *uncomparable (for Go's "comparing uncomparable type" panic) when the
 * dynamic types are equal but not comparable. */
bool iface_equal(const Iface *a, const Iface *b, bool *uncomparable);
/* value_equal that also reports Go's run-time comparison panic: when an
 * interface inside the values (at any depth: a struct field, an array
 * element, the value itself) holds equal dynamic types that are not
 * comparable, stores that type in *uncomparable (else NULL) and returns
 * false; the caller panics "runtime error: comparing uncomparable type T".
 * Use it for == on structs, arrays and interfaces that contain interfaces. */
bool value_equal_checked(const Type *t, const void *a, const void *b, const Type **uncomparable);
/* The uncomparable dynamic type hidden in a key of type t (an interface,
 * or a struct/array holding one, whose dynamic value is a slice, map or
 * func), or NULL when v can be hashed: for Go's "hash of unhashable type T"
 * panic. */
const Type *value_unhashable(const Type *t, const void *v);

/* The hash function under value_hash, for callers with raw data (map fast
 * paths): n bytes, one 64-bit word, and a fresh random value (NaN keys,
 * per-map seeds). */
uint64_t hash_bytes(const void *data, size_t n, uint64_t seed);
uint64_t hash_u64(uint64_t x, uint64_t seed);
uint64_t hash_random(void);

#endif
