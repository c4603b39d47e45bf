/* atomic.c — package sync/atomic: atomic loads, stores, adds, swaps and
 * compare-and-swaps on int32/int64/uint32/uint64/uintptr, the typed
 * wrappers (Int64, Bool, ...) in Go over them, and Value.
 *
 * Every operation is sequentially consistent, as Go's are. Value holds an
 * interface (two words), which no single instruction updates, so its
 * operations take one of a few striped locks chosen by address. Must never
 * block for longer than copying two words.
 */
#include <pthread.h>

#include "native.h"

/* The package's Go source, stdlib/go/atomic.go, as atomic_source. */
#include "stdlib/atomic_go.h"

#define SC __ATOMIC_SEQ_CST

/* One X per width: name suffix, C type, and how a register holds it
 * (narrow values are kept sign/zero-extended in a 64-bit slot). */
#define ATOMIC_TYPES(X)                                                                            \
    X(Int32, int32_t, i)                                                                           \
    X(Int64, int64_t, i)                                                                           \
    X(Uint32, uint32_t, u)                                                                         \
    X(Uint64, uint64_t, u)                                                                         \
    X(Uintptr, uint64_t, u)

#define X(N, T, F)                                                                                 \
    static NativeStatus atomic_add_##N(NativeCtx *ctx, Slot *args, Slot *res)                      \
    {                                                                                              \
        T *p = args[0].p;                                                                          \
        T d = (T)args[1].F;                                                                        \
        if (p == NULL)                                                                             \
            return native_panic_error(ctx, "invalid memory address or nil pointer dereference");   \
        res[0].F = __atomic_add_fetch(p, d, SC);                                                   \
        return NATIVE_OK;                                                                          \
    }                                                                                              \
    static NativeStatus atomic_load_##N(NativeCtx *ctx, Slot *args, Slot *res)                     \
    {                                                                                              \
        T *p = args[0].p;                                                                          \
        if (p == NULL)                                                                             \
            return native_panic_error(ctx, "invalid memory address or nil pointer dereference");   \
        res[0].F = __atomic_load_n(p, SC);                                                         \
        return NATIVE_OK;                                                                          \
    }                                                                                              \
    static NativeStatus atomic_store_##N(NativeCtx *ctx, Slot *args, Slot *res)                    \
    {                                                                                              \
        T *p = args[0].p;                                                                          \
        T v = (T)args[1].F;                                                                        \
        if (p == NULL)                                                                             \
            return native_panic_error(ctx, "invalid memory address or nil pointer dereference");   \
        __atomic_store_n(p, v, SC);                                                                \
        return NATIVE_OK;                                                                          \
    }                                                                                              \
    static NativeStatus atomic_swap_##N(NativeCtx *ctx, Slot *args, Slot *res)                     \
    {                                                                                              \
        T *p = args[0].p;                                                                          \
        T v = (T)args[1].F;                                                                        \
        if (p == NULL)                                                                             \
            return native_panic_error(ctx, "invalid memory address or nil pointer dereference");   \
        res[0].F = __atomic_exchange_n(p, v, SC);                                                  \
        return NATIVE_OK;                                                                          \
    }                                                                                              \
    static NativeStatus atomic_cas_##N(NativeCtx *ctx, Slot *args, Slot *res)                      \
    {                                                                                              \
        T *p = args[0].p;                                                                          \
        T old = (T)args[1].F, nw = (T)args[2].F;                                                   \
        if (p == NULL)                                                                             \
            return native_panic_error(ctx, "invalid memory address or nil pointer dereference");   \
        res[0].u = __atomic_compare_exchange_n(p, &old, nw, false, SC, SC);                        \
        return NATIVE_OK;                                                                          \
    }
ATOMIC_TYPES(X)
#undef X

/* Value's striped locks. */
static pthread_mutex_t atomic_value_locks[16] = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER,
};

static pthread_mutex_t *atomic_value_lock(const void *p)
{
    return &atomic_value_locks[((uintptr_t)p >> 4) & 15];
}

/* (*Value).Load() any */
static NativeStatus atomic_value_load(NativeCtx *ctx, Slot *args, Slot *res)
{
    Iface *v = args[0].p;
    pthread_mutex_lock(atomic_value_lock(v));
    Iface x = *v;
    pthread_mutex_unlock(atomic_value_lock(v));
    nat_set_iface(res, x);
    return NATIVE_OK;
}

/* Go's checks: no nil, and always the same dynamic type. */
static NativeStatus atomic_value_check(NativeCtx *ctx, const Iface *cur, const Iface *nw,
                                       const char *op)
{
    if (nw->type == NULL) {
        if (op[0] == 'S' && op[1] == 't')
            return native_panic_string(ctx, "sync/atomic: store of nil value into Value");
        return native_panic_string(ctx, "sync/atomic: swap of nil value into Value");
    }
    if (cur->type && cur->type != nw->type) {
        if (op[0] == 'S' && op[1] == 't')
            return native_panic_string(
                ctx, "sync/atomic: store of inconsistently typed value into Value");
        if (op[0] == 'S')
            return native_panic_string(
                ctx, "sync/atomic: swap of inconsistently typed value into Value");
        return native_panic_string(
            ctx, "sync/atomic: compare and swap of inconsistently typed values into Value");
    }
    return NATIVE_OK;
}

/* (*Value).Store(val any) */
static NativeStatus atomic_value_store(NativeCtx *ctx, Slot *args, Slot *res)
{
    Iface *v = args[0].p, x = nat_iface(args + 1);
    pthread_mutex_lock(atomic_value_lock(v));
    NativeStatus st = atomic_value_check(ctx, v, &x, "Store");
    if (st == NATIVE_OK)
        *v = x;
    pthread_mutex_unlock(atomic_value_lock(v));
    return st;
}

/* (*Value).Swap(new any) (old any) */
static NativeStatus atomic_value_swap(NativeCtx *ctx, Slot *args, Slot *res)
{
    Iface *v = args[0].p, x = nat_iface(args + 1);
    pthread_mutex_lock(atomic_value_lock(v));
    NativeStatus st = atomic_value_check(ctx, v, &x, "Swap");
    Iface old = *v;
    if (st == NATIVE_OK)
        *v = x;
    pthread_mutex_unlock(atomic_value_lock(v));
    if (st == NATIVE_OK)
        nat_set_iface(res, old);
    return st;
}

/* (*Value).CompareAndSwap(old, new any) (swapped bool) */
static NativeStatus atomic_value_cas(NativeCtx *ctx, Slot *args, Slot *res)
{
    Iface *v = args[0].p, old = nat_iface(args + 1), x = nat_iface(args + 3);
    pthread_mutex_lock(atomic_value_lock(v));
    NativeStatus st = atomic_value_check(ctx, v, &x, "CompareAndSwap");
    bool swapped = false;
    if (st == NATIVE_OK) {
        bool unc = false;
        if (iface_equal(v, &old, &unc) || (v->type == NULL && old.type == NULL)) {
            *v = x;
            swapped = true;
        }
    }
    pthread_mutex_unlock(atomic_value_lock(v));
    if (st == NATIVE_OK)
        res[0].u = swapped;
    return st;
}

static const StdNative atomic_natives[] = {
#define X(N, T, F)                                                                                 \
    {"Add" #N, atomic_add_##N}, {"Load" #N, atomic_load_##N}, {"Store" #N, atomic_store_##N},      \
        {"Swap" #N, atomic_swap_##N}, {"CompareAndSwap" #N, atomic_cas_##N},
    ATOMIC_TYPES(X)
#undef X
        {"*Value.Load", atomic_value_load},
    {"*Value.Store", atomic_value_store},
    {"*Value.Swap", atomic_value_swap},
    {"*Value.CompareAndSwap", atomic_value_cas},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_atomic = {"sync/atomic", atomic_source, atomic_natives};
