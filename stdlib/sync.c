/* sync.c — package sync: Mutex and WaitGroup are the runtime's parking
 * primitives (runtime/sync.h) behind Go types of the same size, so a zero
 * value is ready to use; RWMutex, Once, Cond, Map and Pool are Go built on
 * them (and on channels, for Cond).
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

/* The package's Go source, stdlib/go/sync.go, as sync_source. */
#include "stdlib/sync_go.h"

/* Go's unrecoverable "fatal error: ..." (a throw, not a panic). */
static _Noreturn void sync_fatal(NativeCtx *ctx, const char *msg)
{
    FILE *out = vm_stdout(ctx->vm), *err = vm_stderr(ctx->vm);
    fflush(out);
    fprintf(err, "fatal error: %s\n", msg);
    fflush(err);
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
    {"fatal", sync_fatal_native},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_sync = {"sync", sync_source, sync_natives};
