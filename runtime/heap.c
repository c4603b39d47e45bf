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
#include <stdatomic.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sched.h"
#include "value.h"

/* Out of memory. Boehm calls heap_oom_fn when it cannot satisfy a request
 * (after collecting and failing to grow the heap): it never returns, so
 * no GC_MALLOC anywhere hands back NULL. The report itself belongs to the
 * VM (it knows the running goroutine, its output streams and how to end a
 * run), which registers it with heap_set_fatal. */
static _Atomic(HeapFatalFn) heap_fatal_fn;

/* Set while this thread reports an out-of-memory: an allocation that fails
 * again during the report ends the process without one. */
static __thread bool heap_in_oom;

void heap_set_fatal(HeapFatalFn fn)
{
    atomic_store(&heap_fatal_fn, fn);
}

_Noreturn void heap_out_of_memory(void)
{
    static const char msg[] = "fatal error: runtime: out of memory\n";
    if (!heap_in_oom) {
        heap_in_oom = true;
        HeapFatalFn fn = atomic_load(&heap_fatal_fn);
        if (fn)
            fn("runtime: out of memory"); /* returns when no goroutine runs here */
    }
    fflush(stdout);
    if (write(2, msg, sizeof msg - 1) < 0) {
        /* nothing more to do: the exit status still says it */
    }
    _exit(2);
}

static void *GC_CALLBACK heap_oom_fn(size_t bytes)
{
    (void)bytes;
    heap_out_of_memory();
}

/* Boehm's warnings ("GC Warning: Failed to expand heap", "Repeated
 * allocation of very large block") are advice for C programmers; Go prints
 * nothing of the kind, and a failure that matters reaches heap_oom_fn. */
static void GC_CALLBACK heap_warn_proc(char *msg, GC_word arg)
{
    (void)msg;
    (void)arg;
}

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
    GC_set_warn_proc(heap_warn_proc);
    GC_set_oom_fn(heap_oom_fn);
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

/* Clears n bytes at p. A large block is cleared by giving its whole pages
 * back to the kernel (MADV_DONTNEED: the next touch maps a zero page), so
 * a big array costs memory only where the program writes, as in Go, whose
 * fresh spans need no zeroing: `var a [1<<29]int` must not touch 4 GiB. */
static void heap_zero(void *p, size_t n)
{
    enum { BIG = 1 << 20 };
    if (n < BIG) {
        memset(p, 0, n);
        return;
    }
    uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t a = ((uintptr_t)p + pg - 1) & ~(pg - 1);
    uintptr_t b = ((uintptr_t)p + n) & ~(pg - 1);
    if (madvise((void *)a, b - a, MADV_DONTNEED) != 0) {
        memset(p, 0, n);
        return;
    }
    memset(p, 0, a - (uintptr_t)p);
    memset((void *)b, 0, (uintptr_t)p + n - b);
}

/* Go's maxAlloc on amd64 (1<<48): no single object is larger. Requests
 * above it fail at once instead of asking the collector to grow the heap
 * by an absurd amount. */
#define HEAP_MAX_ALLOC ((size_t)1 << 48)

void heap_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, heap_init_once);
}

void *heap_alloc(size_t size)
{
    if (size == 0)
        return heap_zerobase;
    if (size > HEAP_MAX_ALLOC)
        heap_out_of_memory();
    /* GC_MALLOC returns cleared memory (or does not return: heap_oom_fn). */
    return GC_MALLOC(size);
}

void *heap_alloc_atomic(size_t size)
{
    if (size == 0)
        return heap_zerobase;
    if (size > HEAP_MAX_ALLOC)
        heap_out_of_memory();
    void *p = GC_MALLOC_ATOMIC(size);
    /* Atomic memory is not cleared by the collector; Go values start zero. */
    heap_zero(p, size);
    return p;
}

void *heap_alloc_bytes(size_t size)
{
    if (size == 0)
        return heap_zerobase;
    if (size > HEAP_MAX_ALLOC)
        heap_out_of_memory();
    return GC_MALLOC_ATOMIC(size);
}

void *heap_alloc_n(size_t n, size_t elemsize, bool pointers)
{
    size_t size;
    if (__builtin_mul_overflow(n, elemsize, &size))
        heap_out_of_memory();
    return pointers ? heap_alloc(size) : heap_alloc_atomic(size);
}

void *heap_cmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        heap_out_of_memory();
    return p;
}

void *heap_crealloc(void *p, size_t n, size_t elemsize)
{
    size_t size;
    if (__builtin_mul_overflow(n, elemsize, &size))
        heap_out_of_memory();
    void *q = realloc(p, size ? size : 1);
    if (!q)
        heap_out_of_memory();
    return q;
}

void *heap_ccalloc(size_t n, size_t elemsize)
{
    void *p = calloc(n ? n : 1, elemsize ? elemsize : 1);
    if (!p)
        heap_out_of_memory();
    return p;
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
    return heap_alloc_n((size_t)n, t->size, t->has_pointers);
}
