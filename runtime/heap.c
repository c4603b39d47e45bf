/* heap.c — the garbage-collected heap (value.h): a thin layer over the
 * Boehm-Demers-Weiser collector.
 *
 * Owns: collector start-up and the choice between scanned and atomic
 * memory. Must never keep its own free lists: the collector owns every
 * byte. heap_free exists only for blocks whose owner has just replaced
 * them by a copy and handed out no pointer into them (a map's old index);
 * everything else is left to the collector.
 */
#include <gc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "sched.h"
#include "value.h"

/* Zero-size allocations (struct{}, [0]int, empty slices) all share one
 * address, as Go's zerobase: they can hold nothing, so sharing is safe. */
static uint64_t heap_zerobase[2];

/* Starts the collector: once per process, whichever thread comes first
 * (two host threads may make their first csp_new at once). */
static void heap_init_once(void)
{
    /* GOMAXPROCS bounds how many threads run csp code at once, and in Go
     * the collector's mark workers run on those same Ps. Boehm would start
     * one marker per CPU whatever GOMAXPROCS says, so GOMAXPROCS=1 would
     * still mark on every core: give it GOMAXPROCS markers instead (an
     * explicit GC_MARKERS still wins). */
    int procs = sched_env_procs();
    if (procs > 0 && !getenv("GC_MARKERS"))
        GC_set_markers_count((unsigned)(procs < 64 ? procs : 64));
    GC_INIT();
    /* GOGC as in Go: "off" turns the collector off; n lets the heap grow
     * to about (1 + n/100) times the live data before a collection. Boehm
     * allocates 2*live/divisor between collections, so the divisor is
     * 200/n (at least 1). Unset, Boehm's default (3, about GOGC=67). */
    const char *gogc = getenv("GOGC");
    if (gogc && !strcmp(gogc, "off")) {
        GC_disable();
    } else if (gogc && *gogc) {
        char *end;
        long n = strtol(gogc, &end, 10);
        if (*end == '\0' && n > 0)
            GC_set_free_space_divisor((GC_word)(n >= 200 ? 1 : (200 + n / 2) / n));
    }
    /* Threads not created through GC_pthread_create (host threads calling
     * into the API) may register themselves later. */
    GC_allow_register_threads();
}

void heap_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, heap_init_once);
}

void *heap_alloc(size_t size)
{
    if (size == 0)
        return heap_zerobase;
    /* GC_MALLOC returns cleared memory. */
    return GC_MALLOC(size);
}

void *heap_alloc_atomic(size_t size)
{
    if (size == 0)
        return heap_zerobase;
    /* Atomic memory is not cleared by the collector; Go values start zero. */
    void *p = GC_MALLOC_ATOMIC(size);
    memset(p, 0, size);
    return p;
}

void *heap_alloc_bytes(size_t size)
{
    if (size == 0)
        return heap_zerobase;
    return GC_MALLOC_ATOMIC(size);
}

void heap_free(void *p)
{
    /* Only blocks of the collected heap: zerobase and static data are not. */
    if (p != NULL && p != (void *)heap_zerobase && GC_base(p) == p)
        GC_FREE(p);
}

size_t heap_block_size(const void *p)
{
    void *base = p ? GC_base((void *)p) : NULL;
    return base ? GC_size(base) : 0;
}

void *heap_new(const Type *t)
{
    return t->has_pointers ? heap_alloc(t->size) : heap_alloc_atomic(t->size);
}

void *heap_new_array(const Type *t, int64_t n)
{
    if (n <= 0)
        return heap_zerobase;
    size_t size = (size_t)t->size * (size_t)n;
    return t->has_pointers ? heap_alloc(size) : heap_alloc_atomic(size);
}
