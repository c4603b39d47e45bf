/* signal.c — package os/signal (stdlib/go/signal.go): the natives that
 * hand channels and signal numbers to the runtime's signal layer.
 *
 * Must never hold state or touch a signal disposition itself: all of that
 * is runtime/signal.c's, which serialises it under its own lock.
 */
#include <stdint.h>

#include "native.h"
#include "runtime/signal.h"

/* The package's Go source, stdlib/go/signal.go, as signal_source. */
#include "stdlib/signal_go.h"

/* notify(c chan<- os.Signal, nums []int, vals []os.Signal) */
static NativeStatus signal_notify(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)res;
    Slice nums = nat_slice(args + 1), vals = nat_slice(args + 4);
    int n = (int)(nums.len < vals.len ? nums.len : vals.len);
    int sigs[SIG_NSIG];
    Iface v[SIG_NSIG];
    const int64_t *np = nums.ptr;
    const Iface *vp = vals.ptr;
    int k = 0;
    /* Numbers the runtime would skip anyway are dropped here, so that
     * the arrays stay within one entry per signal. */
    for (int i = 0; i < n && k < SIG_NSIG; i++)
        if (np[i] > 0 && np[i] < SIG_NSIG) {
            sigs[k] = (int)np[i];
            v[k++] = vp[i];
        }
    sig_notify(args[0].p, sigs, k, v);
    return NATIVE_OK;
}

/* stop(c chan<- os.Signal) */
static NativeStatus signal_stop(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)res;
    sig_stop(args[0].p);
    return NATIVE_OK;
}

/* cancel(sig int, ignore bool) */
static NativeStatus signal_cancel(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)res;
    sig_cancel((int)args[0].i, args[1].u & 1);
    return NATIVE_OK;
}

/* ignored(sig int) bool */
static NativeStatus signal_ignored(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    res[0].i = sig_ignored((int)args[0].i);
    return NATIVE_OK;
}

static const StdNative signal_natives[] = {
    {"notify", signal_notify},   {"stop", signal_stop}, {"cancel", signal_cancel},
    {"ignored", signal_ignored}, {NULL, NULL},
};

const StdPackage stdlib_pkg_signal = {"os/signal", signal_source, signal_natives};
