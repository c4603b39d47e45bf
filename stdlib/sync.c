/* sync.c — package sync: Mutex, RWMutex and WaitGroup are the runtime's
 * parking primitives (runtime/sync.h) behind Go types of the same size, so
 * a zero value is ready to use, and so is the wait list inside Cond; Once,
 * Cond, Map and Pool are Go built on them.
 *
 * Blocking natives return NATIVE_PARK when the primitive parked the
 * goroutine; the VM calls them again with g->resumed set. Must never spin
 * or block a thread.
 */
#include <stdio.h>

#include "../runtime/sync.h"
#include "native.h"

_Static_assert(sizeof(SyncMutex) == 32, "sync.Mutex is [4]uint64");
_Static_assert(sizeof(SyncWaitGroup) == 32, "sync.WaitGroup is [4]uint64");
_Static_assert(sizeof(SyncRWMutex) == 56, "sync.RWMutex is [7]uint64");
_Static_assert(sizeof(SyncNotifyList) == 32, "Cond.notify is [4]uint64");

/* The package's Go source, stdlib/go/sync.go, as sync_source. */
#include "stdlib/sync_go.h"

/* Go's unrecoverable "fatal error: ..." (a throw, not a panic). */
static _Noreturn void sync_fatal(NativeCtx *ctx, const char *msg)
{
    vm_writef(ctx->vm, 2, "fatal error: %s\n", msg);
    vm_exit(ctx->vm, 2);
}

/* (*Mutex).Lock() */
static NativeStatus sync_mutex_lock_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    return sync_mutex_lock(args[0].p, ctx->g) ? NATIVE_PARK : NATIVE_OK;
}

/* (*Mutex).Unlock() */
static NativeStatus sync_mutex_unlock_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    const char *msg = sync_mutex_unlock(args[0].p);
    if (msg)
        sync_fatal(ctx, msg);
    return NATIVE_OK;
}

/* (*Mutex).TryLock() bool */
static NativeStatus sync_mutex_trylock_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].u = sync_mutex_trylock(args[0].p);
    return NATIVE_OK;
}

/* (*WaitGroup).Add(delta int) */
static NativeStatus sync_wg_add_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    const char *msg = sync_wg_add(args[0].p, args[1].i);
    if (msg)
        return native_panic_string(ctx, msg);
    return NATIVE_OK;
}

/* (*WaitGroup).Wait() */
static NativeStatus sync_wg_wait_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    return sync_wg_wait(args[0].p, ctx->g) ? NATIVE_PARK : NATIVE_OK;
}

/* (*RWMutex).RLock() */
static NativeStatus sync_rw_rlock_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    return sync_rw_rlock(args[0].p, ctx->g) ? NATIVE_PARK : NATIVE_OK;
}

/* (*RWMutex).TryRLock() bool */
static NativeStatus sync_rw_tryrlock_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].u = sync_rw_tryrlock(args[0].p);
    return NATIVE_OK;
}

/* (*RWMutex).RUnlock() */
static NativeStatus sync_rw_runlock_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    const char *msg = sync_rw_runlock(args[0].p);
    if (msg)
        sync_fatal(ctx, msg);
    return NATIVE_OK;
}

/* (*RWMutex).Lock() */
static NativeStatus sync_rw_lock_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    return sync_rw_lock(args[0].p, ctx->g) ? NATIVE_PARK : NATIVE_OK;
}

/* (*RWMutex).TryLock() bool */
static NativeStatus sync_rw_trylock_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].u = sync_rw_trylock(args[0].p);
    return NATIVE_OK;
}

/* (*RWMutex).Unlock() */
static NativeStatus sync_rw_unlock_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    const char *msg = sync_rw_unlock(args[0].p);
    if (msg)
        sync_fatal(ctx, msg);
    return NATIVE_OK;
}

/* notifyListAdd(l *[4]uint64) uint32 */
static NativeStatus sync_notify_add_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].u = sync_notify_add(args[0].p);
    return NATIVE_OK;
}

/* notifyListWait(l *[4]uint64, t uint32) */
static NativeStatus sync_notify_wait_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    return sync_notify_wait(args[0].p, (uint32_t)args[1].u, ctx->g) ? NATIVE_PARK : NATIVE_OK;
}

/* notifyListNotifyOne(l *[4]uint64) */
static NativeStatus sync_notify_one_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    sync_notify_one(args[0].p);
    return NATIVE_OK;
}

/* notifyListNotifyAll(l *[4]uint64) */
static NativeStatus sync_notify_all_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    sync_notify_all(args[0].p);
    return NATIVE_OK;
}

/* fatal(msg string) */
static NativeStatus sync_fatal_native(NativeCtx *ctx, Slot *args, Slot *res)
{
    sync_fatal(ctx, string_cstr(nat_str(args)));
}

static const StdNative sync_natives[] = {
    {"*Mutex.Lock", sync_mutex_lock_native},
    {"*Mutex.Unlock", sync_mutex_unlock_native},
    {"*Mutex.TryLock", sync_mutex_trylock_native},
    {"*WaitGroup.Add", sync_wg_add_native},
    {"*WaitGroup.Wait", sync_wg_wait_native},
    {"*RWMutex.RLock", sync_rw_rlock_native},
    {"*RWMutex.TryRLock", sync_rw_tryrlock_native},
    {"*RWMutex.RUnlock", sync_rw_runlock_native},
    {"*RWMutex.Lock", sync_rw_lock_native},
    {"*RWMutex.TryLock", sync_rw_trylock_native},
    {"*RWMutex.Unlock", sync_rw_unlock_native},
    {"notifyListAdd", sync_notify_add_native},
    {"notifyListWait", sync_notify_wait_native},
    {"notifyListNotifyOne", sync_notify_one_native},
    {"notifyListNotifyAll", sync_notify_all_native},
    {"fatal", sync_fatal_native},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_sync = {"sync", sync_source, sync_natives};
