/* map.c — Go maps (map.h): an insertion-ordered entry array indexed by an
 * open-addressing hash table.
 *
 * Layout. Entries live in a dense array (Entries), each `[hash][key][value]`
 * with the key and value at 8-byte-aligned offsets; a stored hash of 0 marks
 * a deleted entry (live hashes have their low bit forced on). The index is
 * a power-of-two table of uint32 entry numbers (0 empty, IDX_TOMB deleted,
 * else entry+1) probed linearly; it is at least 1.5 times the entry
 * capacity, so probes stay short. The entry array is chunked: a small map
 * has one chunk that grows by half (copied), a map past one full chunk
 * (MAP_CHUNK_BYTES) adds chunks, so entries never move to grow and no
 * allocation is bigger than a chunk or the index.
 *
 * Iteration and growth. Growing or compacting makes a new Entries
 * directory; an old one is never rewritten, only its entries may be deleted
 * (hash zeroed) or updated in place, where chunks are shared. An iterator
 * remembers the directory it started on; while that is still the live one,
 * it reads entries in place (deleted ones are marked); once the map has
 * moved on, each remembered entry is looked up in the live map, so deleted
 * keys are skipped and updated values are seen — Go's guarantees without
 * registering iterators anywhere.
 *
 * Memory: a rebuild frees the old index, and the old chunks too unless an
 * iteration started on them (and only while goroutines have never run in
 * parallel, see below); new string keys cut from a larger block are
 * copied (map_unpin_key), so a long-lived map holds only its keys' bytes.
 *
 * Fast paths: keys of integer, pointer or channel kinds compare as raw bits
 * and hash as one word; strings hash their bytes; everything else goes
 * through value_hash/value_equal.
 *
 * The last entry found or inserted is remembered (`hint`): `m[k]++` and
 * `m[k] = append(m[k], v)` read and then write the same key, and the second
 * lookup then costs one comparison instead of a hash and a probe. The hint
 * is only a guess, verified on use (equal raw key bits or string bytes in a
 * live entry), so it needs no invalidation, and it is a
 * single word, so concurrent readers (allowed by Go) cannot tear it.
 *
 * Races. As Go's maps, these are not safe for concurrent use, and a race
 * is detected as Go's hashWriting flag does: a writer holds `writing` for
 * the length of its operation (taken with an atomic swap, so overlapping
 * writers are always caught: "concurrent map writes"); reads and iteration
 * steps check it with a plain load ("concurrent map read and map write",
 * "concurrent map iteration and map write") and then die through the hook
 * the VM registers (Go's fatal error with the goroutine's traceback). At
 * GOMAXPROCS=1 no map operation is ever interrupted, so the checks never
 * fire falsely. A read the check missed may still run beside a writer: it
 * must never fault, only see a stale or missing value. So readers load the
 * index (which carries its own mask) and the entry array once, bounds-check
 * entry numbers, take an entry as live only once its hash is stored (after
 * its key), and old blocks are never freed once threads have run in
 * parallel (the collector takes them when no reader holds them).
 *
 * Owns: map memory and iteration order. Must never panic itself: it reports
 * unhashable keys to the caller (the VM raises the Go panic).
 */
#include "map.h"

#include <stdio.h>
#include <stdlib.h>

#include "sched.h"
#include "value.h"

/* Loads and stores of words a racing reader may see (see Races above). */
#define LOAD_ACQ(x) __atomic_load_n(&(x), __ATOMIC_ACQUIRE)
#define LOAD_RLX(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define STORE_REL(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELEASE)

#define IDX_EMPTY 0u
#define IDX_TOMB 0xFFFFFFFFu

typedef enum { KEY_BITS, KEY_STRING, KEY_GENERIC } KeyClass;

/* The entry array, in chunks: entry i is at chunk[i >> cshift], slot
 * i & (2^cshift - 1). A small map has one chunk of `cap` entries; once a
 * map reaches a full chunk (MAP_CHUNK_BYTES) it grows by adding chunks, so
 * a big map never needs one huge contiguous block nor copies its entries to
 * grow. */
typedef struct Entries {
    int64_t used; /* entries appended (live or deleted) */
    int64_t cap;  /* entries the chunks hold */
    /* An iteration has started on this array or on one sharing its chunks:
     * they may still be read after the map moves on, so they are left to
     * the collector. */
    int64_t iterated;
    int64_t nchunks;
    uint8_t *chunk[];
} Entries;

/* Bytes of a full chunk: big enough that the per-chunk cost vanishes,
 * small enough to fit in the free holes of a fragmented heap. */
#define MAP_CHUNK_BYTES 32768

/* The index: a power-of-two table of entry numbers with its mask beside
 * it, so a reader racing a rebuild never pairs one table with another's
 * size. */
typedef struct Index {
    uint64_t mask;
    uint32_t slot[];
} Index;

struct Map {
    const Type *type, *kt, *vt;
    uint64_t ksize, vsize, voff, esize; /* voff: value offset in an entry;
                                           64-bit, as types are (a 4 GiB
                                           value must not wrap) */
    uint32_t cshift;                    /* log2 of entries per full chunk */
    KeyClass kclass;
    bool key_has_iface; /* keys may hide an unhashable dynamic type */
    bool scanned;       /* entries may hold pointers */
    int64_t count;
    Entries *ents;
    Index *index;
    int64_t ifill; /* index slots not empty (live + tombstones) */
    uint64_t seed;
    uint32_t hint;    /* entry number + 1 of the last key found, 0 none */
    uint8_t writing;  /* a layout change is under way (Go's hashWriting) */
    uint8_t updating; /* an assignment is looking its key up */
};

static inline uint64_t align8(uint64_t n)
{
    return (n + 7) & ~(uint64_t)7;
}

static bool type_has_iface(const Type *t)
{
    switch (t->kind) {
    case KIND_INTERFACE:
        return true;
    case KIND_ARRAY:
        return type_has_iface(t->elem);
    case KIND_STRUCT:
        for (int i = 0; i < t->nfields; i++)
            if (type_has_iface(t->fields[i].type))
                return true;
        return false;
    default:
        return false;
    }
}

static KeyClass key_class(const Type *k)
{
    switch (k->kind) {
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
        return KEY_BITS;
    case KIND_STRING:
        return KEY_STRING;
    default:
        return KEY_GENERIC;
    }
}

static inline uint64_t key_bits(const void *k, uint32_t size)
{
    uint64_t x = 0;
    if (size == 8) /* the common case, without a call to memcpy */
        memcpy(&x, k, 8);
    else
        memcpy(&x, k, size);
    return x;
}

/* Hash of a key, never 0 (0 marks deleted entries). */
static inline uint64_t map_hash(const Map *m, const void *key)
{
    uint64_t h;
    switch (m->kclass) {
    case KEY_BITS:
        h = hash_u64(key_bits(key, m->ksize), m->seed);
        break;
    case KEY_STRING: {
        const String *s = key;
        h = hash_bytes(s->ptr, (size_t)s->len, m->seed);
        break;
    }
    default:
        h = value_hash(m->kt, key, m->seed);
        break;
    }
    return h | 1;
}

static inline bool map_keyeq(const Map *m, const void *a, const void *b)
{
    switch (m->kclass) {
    case KEY_BITS:
        return key_bits(a, m->ksize) == key_bits(b, m->ksize);
    case KEY_STRING:
        return string_eq(*(const String *)a, *(const String *)b);
    default:
        return value_equal(m->kt, a, b);
    }
}

static inline uint8_t *entry_at(const Map *m, const Entries *e, int64_t i)
{
    uint64_t mask = ((uint64_t)1 << m->cshift) - 1;
    return e->chunk[(uint64_t)i >> m->cshift] + (size_t)((uint64_t)i & mask) * m->esize;
}
static inline uint64_t entry_hash(const uint8_t *e)
{
    return *(const uint64_t *)e;
}
/* The hash as a racing reader must read it: before the key. */
static inline uint64_t entry_hash_acq(const uint8_t *e)
{
    return __atomic_load_n((const uint64_t *)e, __ATOMIC_ACQUIRE);
}
static inline void *entry_key(uint8_t *e)
{
    return e + 8;
}
static inline void *entry_val(const Map *m, uint8_t *e)
{
    return e + m->voff;
}

/* Entry numbers are uint32 in the index (IDX_TOMB excluded). */
#define MAP_MAXCAP ((int64_t)1 << 31)

/* Index slots for an entry array of `cap`: a power of two at least 1.5
 * times cap, so linear probes run at a load of at most two thirds. */
static uint64_t map_index_size(int64_t cap)
{
    uint64_t need = (uint64_t)cap + (uint64_t)cap / 2, n = 16;
    while (n < need)
        n <<= 1;
    return n;
}

/* A fresh, empty index for an entry array of `cap`. */
static Index *map_new_index(int64_t cap)
{
    uint64_t isize = map_index_size(cap);
    Index *ix = heap_alloc_atomic(sizeof(Index) + isize * sizeof(uint32_t));
    ix->mask = isize - 1;
    return ix;
}

/* May an old index or entry array be freed at once? Only while no second
 * thread has ever run goroutines: then no reader can be inside this map
 * (a goroutine is switched only between instructions). Once threads run
 * in parallel, a racing reader may still hold the old block, and it is
 * left to the collector. */
static inline bool map_may_free(void)
{
    return !sched_ever_parallel();
}

/* The entry the hint names when it holds this key, else NULL. Only
 * bit-comparable and string keys, whose comparison is cheaper than a hash
 * (a different length rejects a string at once). */
static inline __attribute__((always_inline)) uint8_t *map_hint_entry(const Map *m, const void *key)
{
    uint32_t h = __atomic_load_n(&m->hint, __ATOMIC_RELAXED);
    const Entries *ents = LOAD_ACQ(m->ents);
    /* used <= cap always: writers never overlap (see map_take) */
    if (h == 0 || ents == NULL || (int64_t)h > LOAD_RLX(ents->used))
        return NULL;
    uint8_t *e = entry_at(m, ents, h - 1);
    if (entry_hash_acq(e) == 0)
        return NULL; /* deleted since, or still being written */
    switch (m->kclass) {
    case KEY_BITS:
        return key_bits(entry_key(e), m->ksize) == key_bits(key, m->ksize) ? e : NULL;
    case KEY_STRING:
        return string_eq(*(const String *)entry_key(e), *(const String *)key) ? e : NULL;
    default:
        return NULL;
    }
}

static inline void map_set_hint(Map *m, int64_t n)
{
    __atomic_store_n(&m->hint, (uint32_t)(n + 1), __ATOMIC_RELAXED);
}

/* A fresh entry array for `cap` entries (rounded up to whole chunks past
 * the first), empty. */
static Entries *map_new_entries(const Map *m, int64_t cap)
{
    int64_t full = (int64_t)1 << m->cshift;
    int64_t nchunks = cap <= full ? 1 : (cap + full - 1) / full;
    if (nchunks > 1)
        cap = nchunks * full;
    Entries *e = heap_alloc(sizeof(Entries) + (size_t)nchunks * sizeof(uint8_t *));
    size_t csize = (size_t)(nchunks > 1 ? full : cap) * m->esize;
    for (int64_t c = 0; c < nchunks; c++)
        e->chunk[c] = m->scanned ? heap_alloc(csize) : heap_alloc_atomic(csize);
    e->cap = cap;
    e->nchunks = nchunks;
    return e;
}

/* Frees the chunks of an entry array nobody can read any more. */
static void map_free_entries(Entries *e)
{
    if (e == NULL || e->iterated || !map_may_free())
        return;
    for (int64_t c = 0; c < e->nchunks; c++)
        heap_free(e->chunk[c]);
    heap_free(e);
}

/* A string key that is a small slice of a bigger block (a word cut out of a
 * line by strings.Fields) would keep the whole block alive as long as the
 * map: the key gets bytes of its own instead. Strings are immutable, so
 * the copy is invisible; it costs one block lookup per new key only. */
static void map_unpin_key(String *k)
{
    if (k->len == 0)
        return;
    size_t block = heap_block_size(k->ptr);
    if (block > 2 * (size_t)k->len + 32)
        *k = string_from_bytes(k->ptr, k->len);
}

Map *map_make(const Type *maptype, int64_t hint)
{
    Map *m = heap_alloc(sizeof(Map));
    m->type = maptype;
    m->kt = maptype->key;
    m->vt = maptype->elem;
    m->ksize = m->kt->size;
    m->vsize = m->vt->size;
    m->voff = 8 + align8(m->ksize);
    m->esize = m->voff + align8(m->vsize);
    m->kclass = key_class(m->kt);
    m->key_has_iface = type_has_iface(m->kt);
    m->scanned = m->kt->has_pointers || m->vt->has_pointers;
    m->seed = hash_random();
    m->cshift = 3;
    while (((uint64_t)2 << m->cshift) * m->esize <= MAP_CHUNK_BYTES)
        m->cshift++;
    /* Go's makemap ignores a hint whose memory would exceed maxAlloc */
    uint64_t hbytes;
    if (hint > 0 && (__builtin_mul_overflow((uint64_t)hint, (uint64_t)m->esize, &hbytes) ||
                     hbytes > ((uint64_t)1 << 48)))
        hint = 0;
    if (hint > 0) {
        /* Exactly the hint: the entry array need not be a power of two. */
        int64_t cap = hint < 8 ? 8 : hint > MAP_MAXCAP ? MAP_MAXCAP : hint;
        Entries *e = map_new_entries(m, cap);
        m->ents = e;
        m->index = map_new_index(e->cap);
    }
    return m;
}

/* The entry holding key, or NULL. Readers may race one writer (Go
 * programs with a data race the flag check missed): the index is read
 * once with its own mask, then the entry array (published before the
 * index, so never older than it), each entry number is bounds-checked
 * against that array, and an entry counts only once its hash is stored
 * (after its key). A stale index or array gives a wrong answer, never a
 * wild read; an index no writer touches any more is frozen and has empty
 * slots, so the probe ends. */
static inline __attribute__((always_inline)) uint8_t *map_lookup(Map *m, const void *key,
                                                                 uint64_t h)
{
    const Index *ix = LOAD_ACQ(m->index);
    const Entries *ents = LOAD_ACQ(m->ents);
    if (ix == NULL || ents == NULL)
        return NULL;
    uint64_t mask = ix->mask, i = (h >> 7) & mask;
    uint64_t cap = (uint64_t)ents->cap;
    for (;;) {
        uint32_t x = LOAD_RLX(ix->slot[i]);
        if (x == IDX_EMPTY)
            return NULL;
        /* x - 1 < cap, unsigned: excludes IDX_TOMB too */
        if ((uint64_t)x - 1 < cap) {
            uint8_t *e = entry_at(m, ents, x - 1);
            if (entry_hash_acq(e) == h && map_keyeq(m, entry_key(e), key)) {
                map_set_hint(m, (int64_t)x - 1);
                return e;
            }
        }
        i = (i + 1) & mask;
    }
}

/* Index slot holding the entry for key, or -1 (writers only: they hold
 * the map, see map_write_begin). */
static int64_t map_find(const Map *m, const void *key, uint64_t h)
{
    const Index *ix = m->index;
    if (ix == NULL)
        return -1;
    uint64_t i = (h >> 7) & ix->mask;
    for (;;) {
        uint32_t x = ix->slot[i];
        if (x == IDX_EMPTY)
            return -1;
        if (x != IDX_TOMB) {
            uint8_t *e = entry_at(m, m->ents, x - 1);
            if (entry_hash(e) == h && map_keyeq(m, entry_key(e), key))
                return (int64_t)i;
        }
        i = (i + 1) & ix->mask;
    }
}

/* A fresh index of map_index_size(cap) slots over the current entries
 * (from their stored hashes), built before it is published. The old
 * index is freed when no reader can hold it (map_may_free): iterators
 * look entries up in the live index. */
static void map_reindex(Map *m, int64_t cap)
{
    Index *ix = map_new_index(cap), *old = m->index;
    uint64_t mask = ix->mask;
    int64_t fill = 0;
    for (int64_t j = 0; j < m->ents->used; j++) {
        uint64_t h = entry_hash(entry_at(m, m->ents, j));
        if (h == 0)
            continue;
        uint64_t i = (h >> 7) & mask;
        while (ix->slot[i] != IDX_EMPTY)
            i = (i + 1) & mask;
        ix->slot[i] = (uint32_t)(j + 1);
        fill++;
    }
    STORE_REL(m->index, ix);
    m->ifill = fill;
    if (map_may_free())
        heap_free(old);
}

/* Moves the live entries into a fresh array of `cap` entries and rebuilds
 * the index. The old array is left untouched for running iterators (and
 * racing readers), and freed when none can read it (only the map points
 * at it: map_access/map_assign hand out pointers into the live array,
 * used at once by the caller). */
static void map_rebuild(Map *m, int64_t cap)
{
    Entries *ne = map_new_entries(m, cap), *oe = m->ents;
    int64_t n = 0;
    for (int64_t j = 0; oe && j < oe->used; j++) {
        uint8_t *src = entry_at(m, oe, j);
        if (entry_hash(src) == 0)
            continue;
        memcpy(entry_at(m, ne, n), src, m->esize);
        n++;
    }
    ne->used = n;
    STORE_REL(m->ents, ne);
    map_free_entries(oe);
    map_reindex(m, ne->cap);
}

/* Adds one full chunk to a map already made of full chunks: no entry moves.
 * The new directory shares the chunks (and so their `iterated` mark); the
 * old one stays valid for iterators that started on it. */
static void map_add_chunk(Map *m)
{
    Entries *oe = m->ents;
    int64_t full = (int64_t)1 << m->cshift;
    Entries *ne = heap_alloc(sizeof(Entries) + (size_t)(oe->nchunks + 1) * sizeof(uint8_t *));
    memcpy(ne->chunk, oe->chunk, (size_t)oe->nchunks * sizeof(uint8_t *));
    size_t csize = (size_t)full * m->esize;
    ne->chunk[oe->nchunks] = m->scanned ? heap_alloc(csize) : heap_alloc_atomic(csize);
    ne->nchunks = oe->nchunks + 1;
    ne->cap = oe->cap + full;
    ne->used = oe->used;
    ne->iterated = oe->iterated;
    STORE_REL(m->ents, ne);
    if (!oe->iterated && map_may_free())
        heap_free(oe);
    if (map_index_size(ne->cap) > m->index->mask + 1)
        map_reindex(m, ne->cap);
}

/* Go's fatal error for a detected race (never returns). */
static MapFatalHook map_fatal_hook;

void map_set_fatal_hook(MapFatalHook hook)
{
    map_fatal_hook = hook;
}

static _Noreturn __attribute__((noinline, cold)) void map_fatal(const char *msg)
{
    if (map_fatal_hook)
        map_fatal_hook(msg);
    fprintf(stderr, "fatal error: %s\n", msg);
    exit(2);
}

/* A reader's detection: a hook that returns lets the read go on as an
 * undetected race would (tests use it to show such reads cannot fault). */
static __attribute__((noinline, cold)) void map_read_race(const char *msg)
{
    if (map_fatal_hook) {
        map_fatal_hook(msg);
        return;
    }
    map_fatal(msg);
}

/* Writers announce themselves as Go's hashWriting flag does, and readers
 * and iteration steps check with plain loads. Two flags: `writing` is
 * held by a writer that changes the map's layout (inserts, deletes,
 * clears) and is taken with an atomic swap, so two such writers are never
 * inside at once, even when the check would race (they could otherwise
 * grow the entry array under each other); `updating` is set with plain
 * stores by an assignment while it looks its key up, which changes
 * nothing but the hint, so it needs no more than Go's check (the common
 * m[k] = v and m[k]++ on an existing key stay free of locked
 * instructions). An assignment that then inserts takes `writing` too. */
static inline void map_take(Map *m)
{
    if (__atomic_exchange_n(&m->writing, 1, __ATOMIC_ACQUIRE))
        map_fatal("concurrent map writes");
}

static inline void map_write_begin(Map *m)
{
    map_take(m);
    if (__builtin_expect(LOAD_RLX(m->updating) != 0, 0))
        map_fatal("concurrent map writes");
}

static inline void map_write_end(Map *m)
{
    __atomic_store_n(&m->writing, 0, __ATOMIC_RELEASE);
}

static inline void map_update_begin(Map *m)
{
    if (__builtin_expect((LOAD_RLX(m->writing) | LOAD_RLX(m->updating)) != 0, 0))
        map_fatal("concurrent map writes");
    __atomic_store_n(&m->updating, 1, __ATOMIC_RELAXED);
}

static inline void map_update_end(Map *m)
{
    if (__builtin_expect(LOAD_RLX(m->updating) == 0, 0))
        map_fatal("concurrent map writes");
    __atomic_store_n(&m->updating, 0, __ATOMIC_RELAXED);
}

static inline void map_read_check(const Map *m)
{
    if (__builtin_expect((LOAD_RLX(m->writing) | LOAD_RLX(m->updating)) != 0, 0))
        map_read_race("concurrent map read and map write");
}

void *map_access(Map *m, const void *key, bool *unhashable)
{
    if (unhashable)
        *unhashable = false;
    if (m == NULL || m->count == 0) {
        /* Go checks hashability even when the map is empty or nil. */
        if (m && m->key_has_iface && unhashable && value_unhashable(m->kt, key))
            *unhashable = true;
        return NULL;
    }
    map_read_check(m);
    if (m->key_has_iface && value_unhashable(m->kt, key)) {
        if (unhashable)
            *unhashable = true;
        return NULL;
    }
    uint8_t *e = map_hint_entry(m, key);
    if (e)
        return entry_val(m, e);
    uint64_t h = map_hash(m, key);
    e = map_lookup(m, key, h);
    return e ? entry_val(m, e) : NULL;
}

static void *map_assign_key(Map *m, const void *key, bool *unhashable, bool borrowed);

void *map_assign(Map *m, const void *key, bool *unhashable)
{
    return map_assign_key(m, key, unhashable, false);
}

void *map_assign_borrowed(Map *m, const void *key, bool *unhashable)
{
    return map_assign_key(m, key, unhashable, true);
}

/* Appends a new entry for key (hash h) and indexes it. */
static void *map_insert(Map *m, const void *key, uint64_t h, bool borrowed)
{
    Entries *e = m->ents;
    if (e == NULL || e->used == e->cap) {
        /* Full: compact in place-size when at least a quarter is deleted,
         * else grow by half (not double: a big map then wastes at most a
         * third of its array, and the index still has room, see
         * map_index_size). */
        int64_t full = (int64_t)1 << m->cshift;
        if (e == NULL)
            map_rebuild(m, 8);
        else if (m->count < e->cap - e->cap / 4)
            map_rebuild(m, e->cap);
        else if (e->nchunks > 1 || e->cap == full)
            map_add_chunk(m);
        else
            map_rebuild(m, e->cap + e->cap / 2 > full ? full : e->cap + e->cap / 2);
        e = m->ents;
    } else if ((uint64_t)(m->ifill + 1) * 4 > (m->index->mask + 1) * 3) {
        map_reindex(m, e->cap); /* too many tombstones in the index */
    }
    int64_t n = e->used;
    uint8_t *ent = entry_at(m, e, n);
    memcpy(entry_key(ent), key, m->ksize);
    if (m->kclass == KEY_STRING) {
        String *k = entry_key(ent);
        if (borrowed && k->len > 0)
            *k = string_from_bytes(k->ptr, k->len);
        else
            map_unpin_key(k);
    }
    /* the hash last: a racing reader takes the entry as live only once
     * its key is complete */
    STORE_REL(*(uint64_t *)ent, h);
    STORE_REL(e->used, n + 1);
    Index *ix = m->index;
    uint64_t j = (h >> 7) & ix->mask;
    while (ix->slot[j] != IDX_EMPTY && ix->slot[j] != IDX_TOMB)
        j = (j + 1) & ix->mask;
    if (ix->slot[j] == IDX_EMPTY)
        m->ifill++;
    STORE_REL(ix->slot[j], (uint32_t)(n + 1));
    m->count++;
    map_set_hint(m, n);
    return entry_val(m, ent);
}

static void *map_assign_key(Map *m, const void *key, bool *unhashable, bool borrowed)
{
    if (unhashable)
        *unhashable = false;
    if (m->key_has_iface && value_unhashable(m->kt, key)) {
        if (unhashable)
            *unhashable = true;
        return NULL;
    }
    map_update_begin(m);
    uint8_t *e = map_hint_entry(m, key);
    if (e == NULL) {
        uint64_t h = map_hash(m, key);
        e = map_lookup(m, key, h);
        if (e == NULL) {
            /* A new key: take the map, and look again, since a writer
             * racing the lookup may have inserted it meanwhile. */
            map_take(m);
            int64_t i = map_find(m, key, h);
            void *v;
            if (i >= 0)
                v = entry_val(m, entry_at(m, m->ents, (int64_t)m->index->slot[i] - 1));
            else
                v = map_insert(m, key, h, borrowed);
            map_write_end(m);
            map_update_end(m);
            return v;
        }
    }
    map_update_end(m);
    return entry_val(m, e);
}

void map_delete(Map *m, const void *key)
{
    if (m == NULL || m->count == 0)
        return;
    if (m->key_has_iface && value_unhashable(m->kt, key))
        return;
    map_write_begin(m);
    uint64_t h = map_hash(m, key);
    int64_t i = map_find(m, key, h);
    if (i >= 0) {
        uint8_t *ent = entry_at(m, m->ents, (int64_t)m->index->slot[i] - 1);
        STORE_REL(m->index->slot[i], IDX_TOMB);
        STORE_REL(*(uint64_t *)ent, (uint64_t)0);
        /* Clear the entry so the collector can reclaim what it referenced.
         * A key that is not plain bits stays while readers may race: one
         * that passed the hash check may still be comparing it, and a
         * half-cleared string or interface would send it astray (the key
         * goes at the next rebuild). */
        if (m->kclass == KEY_BITS || map_may_free())
            memset(entry_key(ent), 0, m->voff - 8);
        memset(entry_val(m, ent), 0, m->esize - m->voff);
        m->count--;
    }
    map_write_end(m);
}

int64_t map_len(const Map *m)
{
    return m ? m->count : 0;
}

void map_clear(Map *m)
{
    if (m == NULL || m->count == 0)
        return;
    map_write_begin(m);
    /* A fresh array: running iterators then find nothing live. */
    STORE_REL(m->index, (Index *)NULL);
    STORE_REL(m->ents, (Entries *)NULL);
    m->ifill = 0;
    m->count = 0;
    map_write_end(m);
}

/* MapIter fields: m; start packs the snapshot length (high 32 bits) and the
 * random first entry (low 32); pos counts entries visited; sub is the
 * Entries array the iteration started on. */
void map_iter_init(Map *m, MapIter *it)
{
    it->m = m;
    it->pos = 0;
    it->start = 0;
    it->sub = 0;
    if (m == NULL || m->count == 0)
        return;
    map_read_check(m);
    Entries *ents = LOAD_ACQ(m->ents);
    if (ents == NULL)
        return;
    int64_t n = LOAD_ACQ(ents->used);
    if (n == 0)
        return;
    int64_t first = (int64_t)(hash_random() % (uint64_t)n);
    it->start = (n << 32) | first;
    it->sub = (int64_t)(uintptr_t)ents;
    ents->iterated = 1;
}

bool map_iter_next(MapIter *it, void **key, void **val)
{
    Map *m = it->m;
    if (m == NULL || it->sub == 0)
        return false;
    if (__builtin_expect(LOAD_RLX(m->writing) != 0, 0))
        map_read_race("concurrent map iteration and map write");
    Entries *snap = (Entries *)(uintptr_t)it->sub;
    int64_t n = it->start >> 32, first = it->start & 0xFFFFFFFF;
    while (it->pos < n) {
        int64_t j = first + it->pos++;
        if (j >= n)
            j -= n;
        uint8_t *e = entry_at(m, snap, j);
        uint64_t h = entry_hash_acq(e);
        if (h == 0)
            continue;
        if (snap != LOAD_ACQ(m->ents)) {
            /* The map has been rebuilt since: report the live entry. */
            e = map_lookup(m, entry_key(e), h);
            if (e == NULL)
                continue;
        }
        *key = entry_key(e);
        *val = entry_val(m, e);
        return true;
    }
    return false;
}
