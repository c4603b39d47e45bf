/* runtime.c — package runtime: GOMAXPROCS, NumCPU, NumGoroutine, Gosched,
 * Goexit, GC, ReadMemStats, and the runtime.Error interface that run-time panics
 * satisfy.
 *
 * Thin natives over the scheduler (runtime/sched.h) and the collector.
 * Must never reach into scheduler internals beyond sched.h.
 */
#include <gc.h>

#include "native.h"

/* The package's Go source, stdlib/go/runtime.go, as runtime_source. */
#include "stdlib/runtime_go.h"

/* GOMAXPROCS(n int) int */
static NativeStatus runtime_gomaxprocs(NativeCtx *ctx, Slot *args, Slot *res)
{
    int64_t n = args[0].i;
    res[0].i = sched_gomaxprocs(n > 0 ? (int)(n > 1024 ? 1024 : n) : 0);
    return NATIVE_OK;
}

/* NumCPU() int */
static NativeStatus runtime_numcpu(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].i = sched_numcpu();
    return NATIVE_OK;
}

/* NumGoroutine() int */
static NativeStatus runtime_numgoroutine(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].i = sched_numgoroutine();
    return NATIVE_OK;
}

/* Gosched() */
static NativeStatus runtime_gosched(NativeCtx *ctx, Slot *args, Slot *res)
{
    return NATIVE_YIELD;
}

/* Goexit() */
static NativeStatus runtime_goexit(NativeCtx *ctx, Slot *args, Slot *res)
{
    return native_goexit(ctx);
}

/* GC() */
static NativeStatus runtime_gc(NativeCtx *ctx, Slot *args, Slot *res)
{
    GC_gcollect();
    return NATIVE_OK;
}

/* readMemStats() (alloc, total, sys uint64, numgc int) */
static NativeStatus runtime_read_mem_stats(NativeCtx *ctx, Slot *args, Slot *res)
{
    size_t heap = GC_get_heap_size(), free = GC_get_free_bytes();
    res[0].u = heap - free;
    res[1].u = GC_get_total_bytes();
    res[2].u = heap;
    res[3].i = (int64_t)GC_get_gc_no();
    return NATIVE_OK;
}

static const StdNative runtime_natives[] = {
    {"GOMAXPROCS", runtime_gomaxprocs},
    {"NumCPU", runtime_numcpu},
    {"NumGoroutine", runtime_numgoroutine},
    {"Gosched", runtime_gosched},
    {"Goexit", runtime_goexit},
    {"GC", runtime_gc},
    {"readMemStats", runtime_read_mem_stats},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_runtime = {"runtime", runtime_source, runtime_natives};
