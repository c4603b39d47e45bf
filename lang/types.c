/* types.c — type construction and interning, and the type relations of the
 * Go spec (identity, assignability, convertibility, implementation).
 *
 * Every type literal is interned: constructing the same structure twice
 * yields the same pointer, so identity is pointer equality everywhere.
 * Defined types (type_named) are never interned: each declaration is a
 * new type. Sizes and alignments follow Go on amd64 (runtime/type.h).
 *
 * Interning is guarded by one mutex: several VMs may check programs on
 * several threads. This file never reads the syntax tree.
 */
#include <gc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static pthread_mutex_t types_lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t next_id = KIND__COUNT + 16;

/* The intern table: open hashing on a structural hash. */
#define TABLE_BITS 12
static Type **table;
static size_t table_cap, table_len;

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    while (s && *s)
        h = (h ^ (uint8_t)*s++) * 1099511628211ULL;
    return h;
}

static uint64_t type_hash(const Type *t)
{
    uint64_t h = mix(0, (uint64_t)t->kind);
    h = mix(h, (uint64_t)(uintptr_t)t->elem);
    h = mix(h, (uint64_t)(uintptr_t)t->key);
    h = mix(h, (uint64_t)t->len);
    h = mix(h, (uint64_t)t->dir);
    h = mix(h, (uint64_t)t->variadic);
    for (int i = 0; i < t->nparams; i++)
        h = mix(h, (uint64_t)(uintptr_t)t->params[i]);
    h = mix(h, 77);
    for (int i = 0; i < t->nresults; i++)
        h = mix(h, (uint64_t)(uintptr_t)t->results[i]);
    for (int i = 0; i < t->nfields; i++) {
        h = mix(h, hash_str(t->fields[i].name));
        h = mix(h, (uint64_t)(uintptr_t)t->fields[i].type);
        h = mix(h, t->fields[i].embedded);
        if (t->fields[i].tag)
            h = mix(h, hash_str(t->fields[i].tag));
    }
    for (int i = 0; i < t->nmethods; i++) {
        h = mix(h, hash_str(t->methods[i].name));
        h = mix(h, (uint64_t)(uintptr_t)t->methods[i].sig);
    }
    return h;
}

static bool streq(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Structural equality of two literal types whose components are interned. */
static bool same_structure(const Type *a, const Type *b)
{
    if (a->kind != b->kind || a->elem != b->elem || a->key != b->key || a->len != b->len ||
        a->dir != b->dir || a->variadic != b->variadic || a->nparams != b->nparams ||
        a->nresults != b->nresults || a->nfields != b->nfields || a->nmethods != b->nmethods)
        return false;
    for (int i = 0; i < a->nparams; i++)
        if (a->params[i] != b->params[i])
            return false;
    for (int i = 0; i < a->nresults; i++)
        if (a->results[i] != b->results[i])
            return false;
    for (int i = 0; i < a->nfields; i++)
        if (!streq(a->fields[i].name, b->fields[i].name) ||
            a->fields[i].type != b->fields[i].type ||
            a->fields[i].embedded != b->fields[i].embedded ||
            !streq(a->fields[i].tag ? a->fields[i].tag : "",
                   b->fields[i].tag ? b->fields[i].tag : ""))
            return false;
    for (int i = 0; i < a->nmethods; i++)
        if (!streq(a->methods[i].name, b->methods[i].name) ||
            a->methods[i].sig != b->methods[i].sig)
            return false;
    return true;
}

static void table_insert(Type *t)
{
    size_t mask = table_cap - 1;
    size_t i = type_hash(t) & mask;
    while (table[i])
        i = (i + 1) & mask;
    table[i] = t;
    table_len++;
}

static void table_grow(void)
{
    Type **old = table;
    size_t oldcap = table_cap;
    table_cap = oldcap ? oldcap * 2 : (1u << TABLE_BITS);
    table = GC_MALLOC_UNCOLLECTABLE(table_cap * sizeof *table);
    memset(table, 0, table_cap * sizeof *table);
    table_len = 0;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i])
            table_insert(old[i]);
    if (old)
        GC_FREE(old);
}

static void layout_struct(Type *t);

/* A permanent copy of n elements of size sz (the prototype's arrays live
 * on the caller's stack). */
static void *copy_array(const void *p, int n, size_t sz)
{
    if (!p || n == 0)
        return NULL;
    void *c = GC_MALLOC_UNCOLLECTABLE((size_t)n * sz);
    memcpy(c, p, (size_t)n * sz);
    return c;
}

/* Returns the interned copy of the literal described by proto; allocates a
 * permanent copy (arrays included, struct layout computed) when it is new,
 * all under types_lock, so no other thread ever sees a half-built type. */
static Type *intern(const Type *proto)
{
    if (table_len * 2 >= table_cap)
        table_grow();
    size_t mask = table_cap - 1;
    size_t i = type_hash(proto) & mask;
    while (table[i]) {
        if (same_structure(table[i], proto))
            return table[i];
        i = (i + 1) & mask;
    }
    /* uncollectable: the table is the only root of types that may be
     * referenced from run-time data the collector cannot see */
    Type *t = GC_MALLOC_UNCOLLECTABLE(sizeof *t);
    *t = *proto;
    t->underlying = t;
    t->id = next_id++;
    t->params = copy_array(proto->params, proto->nparams, sizeof(Type *));
    t->results = copy_array(proto->results, proto->nresults, sizeof(Type *));
    t->fields = copy_array(proto->fields, proto->nfields, sizeof(Field));
    if (t->kind == KIND_STRUCT)
        layout_struct(t);
    table[i] = t;
    table_len++;
    return t;
}

void types_init(void)
{
    pthread_mutex_lock(&types_lock);
    if (!table) {
        table_grow();
        /* the predeclared error's method signature func() string */
        table_insert(type_error->methods[0].sig);
        table_insert(type_any);
        table_insert(type_error->underlying);
    }
    pthread_mutex_unlock(&types_lock);
}

static Type *intern_locked(const Type *proto)
{
    types_init();
    pthread_mutex_lock(&types_lock);
    Type *t = intern(proto);
    pthread_mutex_unlock(&types_lock);
    return t;
}

Type *type_pointer(Type *elem)
{
    /* *T is cached in T (shared by every program: atomics, not races) */
    Type *t = __atomic_load_n(&elem->ptrto, __ATOMIC_ACQUIRE);
    if (t)
        return t;
    Type proto = {.kind = KIND_POINTER,
                  .size = 8,
                  .align = 8,
                  .elem = elem,
                  .comparable = true,
                  .has_pointers = true,
                  .iface_direct = true};
    types_init();
    pthread_mutex_lock(&types_lock);
    t = intern(&proto);
    __atomic_store_n(&elem->ptrto, t, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&types_lock);
    return t;
}

Type *type_slice(Type *elem)
{
    Type proto = {.kind = KIND_SLICE, .size = 24, .align = 8, .elem = elem, .has_pointers = true};
    return intern_locked(&proto);
}

/* Arrays whose element is a defined type still being resolved (reached
 * through a pointer: type T struct{ p *[2]U }): their layout is completed
 * by types_complete once the element is known. */
static Type **incomplete;
static int nincomplete, capincomplete;

/* Size arithmetic saturates at TYPE_MAX_SIZE: a legal type is smaller
 * (Go's limit), so a type of that size is one the checker rejects as too
 * large, and no product or sum of sizes can wrap around on the way. */
static uint64_t size_mul(uint64_t a, uint64_t b)
{
    uint64_t r;
    if (__builtin_mul_overflow(a, b, &r) || r > TYPE_MAX_SIZE)
        return TYPE_MAX_SIZE;
    return r;
}

static uint64_t size_add(uint64_t a, uint64_t b)
{
    uint64_t r = a + b;
    return a >= TYPE_MAX_SIZE || b >= TYPE_MAX_SIZE || r > TYPE_MAX_SIZE ? TYPE_MAX_SIZE : r;
}

static void layout_array(Type *t)
{
    Type *elem = t->elem;
    t->size = t->len < 0 ? 0 : size_mul(elem->size, (uint64_t)t->len);
    t->align = elem->align ? elem->align : 1;
    t->comparable = elem->comparable;
    t->has_pointers = t->len > 0 && elem->has_pointers;
}

Type *type_array(Type *elem, int64_t len)
{
    Type proto = {.kind = KIND_ARRAY, .elem = elem, .len = len};
    layout_array(&proto);
    /* Go stores a one-element array of a direct type directly too; keeping
     * arrays boxed is simpler and invisible to programs */
    Type *t = intern_locked(&proto);
    if (!elem->underlying || (elem->kind == KIND_ARRAY && elem->size == 0 && elem->len)) {
        pthread_mutex_lock(&types_lock);
        if (nincomplete == capincomplete) {
            capincomplete = capincomplete ? capincomplete * 2 : 16;
            Type **n = GC_MALLOC_UNCOLLECTABLE((size_t)capincomplete * sizeof *n);
            if (nincomplete)
                memcpy(n, incomplete, (size_t)nincomplete * sizeof *n);
            incomplete = n;
        }
        incomplete[nincomplete++] = t;
        pthread_mutex_unlock(&types_lock);
    }
    return t;
}

void types_complete(void)
{
    pthread_mutex_lock(&types_lock);
    int keep = 0;
    for (int i = 0; i < nincomplete; i++) {
        Type *t = incomplete[i];
        if (t->elem->underlying)
            layout_array(t);
        else
            incomplete[keep++] = t;
    }
    nincomplete = keep;
    pthread_mutex_unlock(&types_lock);
}

Type *type_map(Type *key, Type *elem)
{
    Type proto = {.kind = KIND_MAP,
                  .size = 8,
                  .align = 8,
                  .key = key,
                  .elem = elem,
                  .has_pointers = true,
                  .iface_direct = true};
    return intern_locked(&proto);
}

Type *type_chan(Type *elem, ChanDir dir)
{
    Type proto = {.kind = KIND_CHAN,
                  .size = 8,
                  .align = 8,
                  .elem = elem,
                  .dir = dir,
                  .comparable = true,
                  .has_pointers = true,
                  .iface_direct = true};
    return intern_locked(&proto);
}

Type *type_func(Type **params, int nparams, Type **results, int nresults, bool variadic)
{
    Type proto = {.kind = KIND_FUNC,
                  .size = 8,
                  .align = 8,
                  .nparams = nparams,
                  .params = params,
                  .nresults = nresults,
                  .results = results,
                  .variadic = variadic,
                  .has_pointers = true,
                  .iface_direct = true};
    return intern_locked(&proto);
}

Type *type_tuple(Type **types, int n)
{
    Type proto = {.kind = KIND_TUPLE, .nresults = n, .results = types};
    uint64_t off = 0;
    uint32_t align = 1;
    for (int i = 0; i < n; i++) {
        uint32_t a = types[i]->align ? types[i]->align : 1;
        off = size_add(size_add(off, a - 1) / a * a, types[i]->size);
        if (a > align)
            align = a;
    }
    proto.size = off;
    proto.align = align;
    return intern_locked(&proto);
}

/* Lays out fields with Go's padding; fills size/align/flags of proto. */
static void layout_struct(Type *t)
{
    uint64_t off = 0;
    uint32_t align = 1;
    bool cmp = true, ptrs = false;
    for (int i = 0; i < t->nfields; i++) {
        Field *f = &t->fields[i];
        uint32_t a = f->type->align ? f->type->align : 1;
        off = size_add(off, a - 1) / a * a;
        f->offset = off;
        off = size_add(off, f->type->size);
        if (a > align)
            align = a;
        if (!f->type->comparable)
            cmp = false;
        if (f->type->has_pointers)
            ptrs = true;
    }
    /* Go pads a struct ending in a zero-size field so &last stays inside */
    if (t->nfields && t->fields[t->nfields - 1].type->size == 0 && off > 0)
        off = size_add(off, 1);
    off = size_add(off, align - 1) / align * align;
    t->size = off;
    t->align = align;
    t->comparable = cmp;
    t->has_pointers = ptrs;
}

Type *type_struct(Field *fields, int nfields)
{
    Type proto = {.kind = KIND_STRUCT, .nfields = nfields, .fields = fields};
    return intern_locked(&proto);
}

static int method_cmp(const void *a, const void *b)
{
    return strcmp(((const Method *)a)->name, ((const Method *)b)->name);
}

Type *type_interface(Method *methods, int nmethods)
{
    Method *sorted = NULL;
    if (nmethods) {
        sorted = GC_MALLOC_UNCOLLECTABLE((size_t)nmethods * sizeof(Method));
        memcpy(sorted, methods, (size_t)nmethods * sizeof(Method));
        qsort(sorted, (size_t)nmethods, sizeof(Method), method_cmp);
    }
    Type proto = {.kind = KIND_INTERFACE,
                  .size = 16,
                  .align = 8,
                  .nmethods = nmethods,
                  .methods = sorted,
                  .comparable = true,
                  .has_pointers = true};
    return intern_locked(&proto);
}

Type *type_interface_distinct(const Type *iface)
{
    Type *t = GC_MALLOC_UNCOLLECTABLE(sizeof *t);
    *t = *iface;
    t->underlying = t;
    t->rt = NULL;
    t->ptrto = NULL;
    pthread_mutex_lock(&types_lock);
    t->id = next_id++;
    pthread_mutex_unlock(&types_lock);
    return t;
}

Type *type_named(const char *name, const char *pkg, Type *underlying)
{
    Type *t = GC_MALLOC_UNCOLLECTABLE(sizeof *t);
    memset(t, 0, sizeof *t);
    t->name = name;
    t->pkg = pkg;
    pthread_mutex_lock(&types_lock);
    t->id = next_id++;
    pthread_mutex_unlock(&types_lock);
    if (underlying)
        type_set_underlying(t, underlying);
    return t;
}

void type_set_underlying(Type *t, Type *u)
{
    u = u->underlying ? u->underlying : u;
    t->underlying = u;
    t->kind = u->kind;
    t->size = u->size;
    t->align = u->align;
    t->elem = u->elem;
    t->key = u->key;
    t->len = u->len;
    t->dir = u->dir;
    t->nfields = u->nfields;
    t->fields = u->fields;
    t->nparams = u->nparams;
    t->params = u->params;
    t->nresults = u->nresults;
    t->results = u->results;
    t->variadic = u->variadic;
    if (u->kind == KIND_INTERFACE) {
        t->nmethods = u->nmethods;
        t->methods = u->methods;
    }
    t->comparable = u->comparable;
    t->has_pointers = u->has_pointers;
    t->iface_direct = u->iface_direct;
}

/* Inserts m into a sorted method table (replacing a same-named entry). */
static void method_insert(Method **tab, int *n, Method m)
{
    for (int i = 0; i < *n; i++)
        if (strcmp((*tab)[i].name, m.name) == 0) {
            (*tab)[i] = m;
            return;
        }
    Method *nt = GC_MALLOC_UNCOLLECTABLE((size_t)(*n + 1) * sizeof(Method));
    int j = 0;
    bool placed = false;
    for (int i = 0; i < *n; i++) {
        if (!placed && strcmp(m.name, (*tab)[i].name) < 0) {
            nt[j++] = m;
            placed = true;
        }
        nt[j++] = (*tab)[i];
    }
    if (!placed)
        nt[j++] = m;
    *tab = nt;
    *n = j;
}

void type_add_method(Type *named, const char *name, Type *sig, bool ptrrecv)
{
    Method m = {.name = name, .sig = sig, .ptrrecv = ptrrecv};
    method_insert(&named->ptrmethods, &named->nptrmethods, m);
    if (!ptrrecv)
        method_insert(&named->methods, &named->nmethods, m);
}

/* Adds a promoted method (from an embedded field) to a defined type's
 * method sets; `in_value_set` says whether T (not only *T) has it. Declared
 * methods win over promoted ones. */
void types_add_promoted(Type *named, const char *name, Type *sig, bool ptrrecv, bool in_value_set)
{
    Method m = {.name = name, .sig = sig, .ptrrecv = ptrrecv, .promoted = true};
    bool have = false;
    for (int i = 0; i < named->nptrmethods; i++)
        if (strcmp(named->ptrmethods[i].name, name) == 0)
            have = true;
    if (!have)
        method_insert(&named->ptrmethods, &named->nptrmethods, m);
    if (in_value_set) {
        have = false;
        for (int i = 0; i < named->nmethods; i++)
            if (strcmp(named->methods[i].name, name) == 0)
                have = true;
        if (!have)
            method_insert(&named->methods, &named->nmethods, m);
    }
}

/* ---- relations ---- */

bool type_identical(const Type *a, const Type *b)
{
    return a == b;
}

static bool is_named(const Type *t)
{
    return t->name != NULL;
}

bool type_implements(const Type *t, const Type *iface, const char **missing, bool *wrong_recv)
{
    if (missing)
        *missing = NULL;
    if (wrong_recv)
        *wrong_recv = false;
    for (int i = 0; i < iface->nmethods; i++) {
        const Method *im = &iface->methods[i];
        const Method *m = type_method(t, im->name);
        if (!m || m->sig != im->sig) {
            if (missing)
                *missing = im->name;
            if (!m && wrong_recv && t->kind != KIND_INTERFACE && t->name) {
                /* present in the *T method set only */
                for (int j = 0; j < t->nptrmethods; j++)
                    if (strcmp(t->ptrmethods[j].name, im->name) == 0 &&
                        t->ptrmethods[j].sig == im->sig)
                        *wrong_recv = true;
            }
            return false;
        }
    }
    return true;
}

static bool untyped_fits(TypeKind uk, const Type *t)
{
    TypeKind k = t->underlying ? t->underlying->kind : t->kind;
    if (k == KIND_INTERFACE)
        return uk != KIND_UNTYPED_NIL || true;
    switch (uk) {
    case KIND_UNTYPED_BOOL:
        return k == KIND_BOOL;
    case KIND_UNTYPED_INT:
    case KIND_UNTYPED_RUNE:
    case KIND_UNTYPED_FLOAT:
    case KIND_UNTYPED_COMPLEX: /* representability is checked on the value */
        return kind_is_integer(k) || kind_is_float(k) || kind_is_complex(k);
    case KIND_UNTYPED_STRING:
        return k == KIND_STRING;
    case KIND_UNTYPED_NIL:
        return k == KIND_POINTER || k == KIND_FUNC || k == KIND_SLICE || k == KIND_MAP ||
               k == KIND_CHAN || k == KIND_UNSAFEPTR;
    default:
        return false;
    }
}

bool type_assignable(const Type *v, const Type *t)
{
    if (v == t)
        return true;
    if (!v || !t)
        return false;
    if (v->kind == KIND_INVALID || t->kind == KIND_INVALID)
        return true;
    if (kind_is_untyped(v->kind))
        return untyped_fits(v->kind, t);
    const Type *vu = v->underlying, *tu = t->underlying;
    if (vu == tu && (!is_named(v) || !is_named(t)) && vu->kind != KIND_INTERFACE)
        return true;
    if (vu == tu && (!is_named(v) || !is_named(t)))
        return true;
    if (tu->kind == KIND_INTERFACE)
        return type_implements(v, tu, NULL, NULL);
    if (vu->kind == KIND_CHAN && tu->kind == KIND_CHAN && vu->dir == CHAN_BOTH &&
        vu->elem == tu->elem && (!is_named(v) || !is_named(t)))
        return true;
    return false;
}

/* Go's identity ignoring struct tags (conversion rules): tags are part
 * of a struct type's identity, but a conversion may change them. */
static bool identical_ignore_tags(const Type *a, const Type *b)
{
    if (a == b)
        return true;
    if (!a || !b || a->kind != b->kind || a->name || b->name)
        return false;
    switch (a->kind) {
    case KIND_STRUCT:
        if (a->nfields != b->nfields)
            return false;
        for (int i = 0; i < a->nfields; i++)
            if (!streq(a->fields[i].name, b->fields[i].name) ||
                a->fields[i].embedded != b->fields[i].embedded ||
                !identical_ignore_tags(a->fields[i].type, b->fields[i].type))
                return false;
        return true;
    case KIND_POINTER:
    case KIND_SLICE:
        return identical_ignore_tags(a->elem, b->elem);
    case KIND_ARRAY:
        return a->len == b->len && identical_ignore_tags(a->elem, b->elem);
    case KIND_MAP:
        return identical_ignore_tags(a->key, b->key) && identical_ignore_tags(a->elem, b->elem);
    default:
        return false;
    }
}

bool type_convertible(const Type *v, const Type *t)
{
    if (type_assignable(v, t))
        return true;
    const Type *vu = v->underlying, *tu = t->underlying;
    if (kind_is_untyped(v->kind)) {
        TypeKind k = tu->kind;
        switch (v->kind) {
        case KIND_UNTYPED_INT:
        case KIND_UNTYPED_RUNE:
            return kind_is_integer(k) || kind_is_float(k) || kind_is_complex(k) || k == KIND_STRING;
        case KIND_UNTYPED_FLOAT:
        case KIND_UNTYPED_COMPLEX:
            return kind_is_integer(k) || kind_is_float(k) || kind_is_complex(k);
        case KIND_UNTYPED_STRING:
            return k == KIND_STRING ||
                   (k == KIND_SLICE && (tu->elem->underlying->kind == KIND_UINT8 ||
                                        tu->elem->underlying->kind == KIND_INT32));
        case KIND_UNTYPED_BOOL:
            return k == KIND_BOOL;
        default:
            return false;
        }
    }
    if (vu == tu || identical_ignore_tags(vu, tu))
        return true;
    if (vu->kind == KIND_POINTER && tu->kind == KIND_POINTER && !is_named(v) && !is_named(t) &&
        identical_ignore_tags(vu->elem->underlying, tu->elem->underlying))
        return true;
    bool vnum = kind_is_integer(vu->kind) || kind_is_float(vu->kind);
    bool tnum = kind_is_integer(tu->kind) || kind_is_float(tu->kind);
    if (vnum && tnum)
        return true;
    if (kind_is_complex(vu->kind) && kind_is_complex(tu->kind))
        return true;
    if (tu->kind == KIND_STRING) {
        if (kind_is_integer(vu->kind))
            return true;
        if (vu->kind == KIND_SLICE &&
            (vu->elem->underlying->kind == KIND_UINT8 || vu->elem->underlying->kind == KIND_INT32))
            return true;
    }
    if (vu->kind == KIND_STRING && tu->kind == KIND_SLICE &&
        (tu->elem->underlying->kind == KIND_UINT8 || tu->elem->underlying->kind == KIND_INT32))
        return true;
    if (vu->kind == KIND_SLICE && tu->kind == KIND_ARRAY && vu->elem == tu->elem)
        return true;
    if (vu->kind == KIND_SLICE && tu->kind == KIND_POINTER &&
        tu->elem->underlying->kind == KIND_ARRAY && tu->elem->underlying->elem == vu->elem)
        return true;
    return false;
}

Type *type_default(Type *t)
{
    switch (t->kind) {
    case KIND_UNTYPED_BOOL:
        return type_basic[KIND_BOOL];
    case KIND_UNTYPED_INT:
        return type_basic[KIND_INT];
    case KIND_UNTYPED_RUNE:
        return type_basic[KIND_INT32];
    case KIND_UNTYPED_FLOAT:
        return type_basic[KIND_FLOAT64];
    case KIND_UNTYPED_COMPLEX:
        return type_basic[KIND_COMPLEX128];
    case KIND_UNTYPED_STRING:
        return type_basic[KIND_STRING];
    default:
        return t;
    }
}
