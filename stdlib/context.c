/* context.c — package context: Background/TODO, WithCancel(Cause),
 * WithDeadline, WithTimeout, WithValue, WithoutCancel, AfterFunc, Cause,
 * with Go's error texts ("context canceled", "context deadline exceeded").
 *
 * Pure Go over sync.Mutex, channels and time.AfterFunc: a canceled
 * context closes its Done channel, and cancellation propagates to
 * children registered with their parent. No natives.
 */
#include "native.h"

/* The package's Go source, stdlib/go/context.go, as context_source. */
#include "stdlib/context_go.h"

static const StdNative context_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_context = {"context", context_source, context_natives};
