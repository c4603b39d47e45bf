/* typeops.c — equality, hashing and boxing of values by type descriptor
 * (value.h): what Go's == means for every comparable kind, the hash that map
 * keys use, and interface boxing.
 *
 * Owns: the per-process hash seed and the hash function (a wyhash-style
 * multiply-fold, written for csp). Must never allocate except in iface_box,
 * and never look at syntax: types are data here.
 */
#include <math.h>
#include <stdatomic.h>
#include <sys/random.h>
#include <time.h>

#include "value.h"

/* Mixing constants (odd, high-entropy 64-bit values). */
#define HASH_P0 0xa0761d6478bd642full
#define HASH_P1 0xe7037ed1a0b428dbull
#define HASH_P2 0x8ebc6af09c88c6e3ull
#define HASH_P3 0x589965cc75374cc3ull

/* 64x64 -> 128 multiply, folded: the core of the mixer. */
static inline uint64_t hash_mum(uint64_t a, uint64_t b)
{
    __uint128_t r = (__uint128_t)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t hash_read32(const uint8_t *p)
{
    uint32_t x;
    memcpy(&x, p, 4);
    return x;
}

static inline uint64_t hash_read64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* Hashes n bytes. Sixteen bytes per round; the tail is read as two
 * overlapping 8- or 4-byte words, or as three bytes, so no byte is read out
 * of bounds. */
uint64_t hash_bytes(const void *data, size_t n, uint64_t seed)
{
    const uint8_t *p = data;
    uint64_t h = seed ^ HASH_P0;
    size_t i = n;
    while (i > 16) {
        h = hash_mum(hash_read64(p) ^ HASH_P1 ^ h, hash_read64(p + 8) ^ h);
        p += 16;
        i -= 16;
    }
    uint64_t a = 0, b = 0;
    if (i >= 8) {
        a = hash_read64(p);
        b = hash_read64(p + i - 8);
    } else if (i >= 4) {
        /* Two overlapping 4-byte reads cover every byte (the length is
         * mixed in below), without a byte loop: short keys dominate maps. */
        a = hash_read32(p);
        b = hash_read32(p + i - 4);
    } else if (i > 0) {
        a = ((uint64_t)p[0] << 16) | ((uint64_t)p[i >> 1] << 8) | p[i - 1];
    }
    return hash_mum(HASH_P2 ^ n, hash_mum(a ^ HASH_P1 ^ h, b ^ HASH_P3 ^ h));
}

/* Hashes one 64-bit word (integer and pointer keys: the map's fast path). */
uint64_t hash_u64(uint64_t x, uint64_t seed)
{
    return hash_mum(x ^ seed ^ HASH_P0, HASH_P1 ^ (x >> 32) ^ seed);
}

/* The per-process seed: fresh every run, so iteration-order accidents and
 * hash flooding cannot be reproduced from outside. */
static uint64_t hash_process_seed(void)
{
    static _Atomic uint64_t seed;
    uint64_t s = atomic_load_explicit(&seed, memory_order_relaxed);
    if (s != 0)
        return s;
    if (getrandom(&s, sizeof s, GRND_NONBLOCK) != (ssize_t)sizeof s) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        s = (uint64_t)ts.tv_nsec * HASH_P2 ^ (uint64_t)(uintptr_t)&ts;
    }
    s |= 1;
    atomic_store_explicit(&seed, s, memory_order_relaxed);
    return s;
}

uint64_t hash_random(void)
{
    static _Atomic uint64_t counter;
    uint64_t c = atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
    return hash_mum(c ^ HASH_P3, hash_process_seed() ^ HASH_P1);
}

static bool blank_field(const Field *f)
{
    return f->name && f->name[0] == '_' && f->name[1] == 0;
}

/* Equality with a flag for interfaces holding uncomparable values. */
static bool typeops_equal(const Type *t, const void *a, const void *b, const Type **unc)
{
    switch (t->kind) {
    case KIND_BOOL:
    case KIND_INT:
    case KIND_INT8:
    case KIND_INT16:
    case KIND_INT32:
    case KIND_INT64:
    case KIND_UINT:
    case KIND_UINT8:
    case KIND_UINT16:
    case KIND_UINT32:
    case KIND_UINT64:
    case KIND_UINTPTR:
    case KIND_UNSAFEPTR:
    case KIND_POINTER:
    case KIND_CHAN:
    case KIND_MAP:
    case KIND_FUNC:
        return value_load_uint(a, t->size) == value_load_uint(b, t->size);
    case KIND_FLOAT32: {
        float x, y;
        memcpy(&x, a, 4), memcpy(&y, b, 4);
        return x == y; /* +0 == -0, NaN != NaN */
    }
    case KIND_FLOAT64: {
        double x, y;
        memcpy(&x, a, 8), memcpy(&y, b, 8);
        return x == y;
    }
    case KIND_COMPLEX64: {
        float x[2], y[2];
        memcpy(x, a, 8), memcpy(y, b, 8);
        return x[0] == y[0] && x[1] == y[1];
    }
    case KIND_COMPLEX128: {
        double x[2], y[2];
        memcpy(x, a, 16), memcpy(y, b, 16);
        return x[0] == y[0] && x[1] == y[1];
    }
    case KIND_STRING:
        return string_eq(*(const String *)a, *(const String *)b);
    case KIND_INTERFACE: {
        const Iface *x = a, *y = b;
        if (x->type != y->type)
            return false;
        if (x->type == NULL)
            return true;
        if (!x->type->comparable) {
            if (*unc == NULL)
                *unc = x->type;
            return false;
        }
        return typeops_equal(x->type, iface_data(x), iface_data(y), unc);
    }
    case KIND_ARRAY: {
        const Type *e = t->elem;
        for (int64_t i = 0; i < t->len; i++)
            if (!typeops_equal(e, (const uint8_t *)a + i * e->size,
                               (const uint8_t *)b + i * e->size, unc))
                return false;
        return true;
    }
    case KIND_STRUCT:
        for (int i = 0; i < t->nfields; i++) {
            const Field *f = &t->fields[i];
            if (blank_field(f))
                continue;
            if (!typeops_equal(f->type, (const uint8_t *)a + f->offset,
                               (const uint8_t *)b + f->offset, unc))
                return false;
        }
        return true;
    default:
        return false;
    }
}

bool value_equal(const Type *t, const void *a, const void *b)
{
    const Type *unc = NULL;
    return typeops_equal(t, a, b, &unc);
}

bool value_equal_checked(const Type *t, const void *a, const void *b, const Type **uncomparable)
{
    const Type *unc = NULL;
    bool eq = typeops_equal(t, a, b, &unc);
    if (uncomparable)
        *uncomparable = unc;
    return eq && unc == NULL;
}

bool iface_equal(const Iface *a, const Iface *b, bool *uncomparable)
{
    static const Type any_iface = {.kind = KIND_INTERFACE, .size = 16, .align = 8};
    const Type *unc = NULL;
    bool eq = typeops_equal(&any_iface, a, b, &unc);
    if (uncomparable)
        *uncomparable = unc != NULL;
    return eq && unc == NULL;
}

static uint64_t hash_float(double x, uint64_t seed)
{
    if (x == 0)
        return hash_u64(0, seed); /* +0 and -0 are equal keys */
    if (x != x)
        return hash_random(); /* NaN != NaN: every NaN key is distinct */
    uint64_t bits;
    memcpy(&bits, &x, 8);
    return hash_u64(bits, seed);
}

uint64_t value_hash(const Type *t, const void *v, uint64_t seed)
{
    switch (t->kind) {
    case KIND_BOOL:
    case KIND_INT:
    case KIND_INT8:
    case KIND_INT16:
    case KIND_INT32:
    case KIND_INT64:
    case KIND_UINT:
    case KIND_UINT8:
    case KIND_UINT16:
    case KIND_UINT32:
    case KIND_UINT64:
    case KIND_UINTPTR:
    case KIND_UNSAFEPTR:
    case KIND_POINTER:
    case KIND_CHAN:
    case KIND_MAP:
    case KIND_FUNC:
        return hash_u64(value_load_uint(v, t->size), seed);
    case KIND_FLOAT32: {
        float x;
        memcpy(&x, v, 4);
        return hash_float(x, seed);
    }
    case KIND_FLOAT64: {
        double x;
        memcpy(&x, v, 8);
        return hash_float(x, seed);
    }
    case KIND_COMPLEX64: {
        float x[2];
        memcpy(x, v, 8);
        return hash_float(x[1], hash_float(x[0], seed));
    }
    case KIND_COMPLEX128: {
        double x[2];
        memcpy(x, v, 16);
        return hash_float(x[1], hash_float(x[0], seed));
    }
    case KIND_STRING: {
        const String *s = v;
        return hash_bytes(s->ptr, (size_t)s->len, seed);
    }
    case KIND_INTERFACE: {
        const Iface *x = v;
        if (x->type == NULL)
            return hash_u64(0, seed ^ HASH_P3);
        /* Types are interned: the descriptor's address identifies it. */
        uint64_t h = hash_u64((uint64_t)(uintptr_t)x->type, seed);
        if (!x->type->comparable)
            return h; /* the map reports it as unhashable first */
        return value_hash(x->type, iface_data(x), h);
    }
    case KIND_ARRAY: {
        const Type *e = t->elem;
        uint64_t h = seed;
        for (int64_t i = 0; i < t->len; i++)
            h = value_hash(e, (const uint8_t *)v + i * e->size, h);
        return h;
    }
    case KIND_STRUCT: {
        uint64_t h = seed;
        for (int i = 0; i < t->nfields; i++) {
            const Field *f = &t->fields[i];
            if (!blank_field(f))
                h = value_hash(f->type, (const uint8_t *)v + f->offset, h);
        }
        return h;
    }
    default:
        return seed;
    }
}

const Type *value_unhashable(const Type *t, const void *v)
{
    switch (t->kind) {
    case KIND_INTERFACE: {
        const Iface *x = v;
        if (x->type == NULL)
            return NULL;
        if (!x->type->comparable)
            return x->type;
        return value_unhashable(x->type, iface_data(x));
    }
    case KIND_ARRAY:
        for (int64_t i = 0; i < t->len; i++) {
            const Type *u = value_unhashable(t->elem, (const uint8_t *)v + i * t->elem->size);
            if (u)
                return u;
        }
        return NULL;
    case KIND_STRUCT:
        for (int i = 0; i < t->nfields; i++) {
            const Type *u =
                value_unhashable(t->fields[i].type, (const uint8_t *)v + t->fields[i].offset);
            if (u)
                return u;
        }
        return NULL;
    default:
        return t->comparable ? NULL : t;
    }
}

Iface iface_box(Type *t, const void *v)
{
    Iface x = {t, {0}};
    if (t == NULL)
        return x;
    if (t->iface_direct) {
        memcpy(&x.word, v, t->size);
    } else {
        void *p = heap_new(t);
        memcpy(p, v, t->size);
        x.word.p = p;
    }
    return x;
}
