/* rand.c — package math/rand: Rand over a Source, the global functions
 * (Intn, Float64, Perm, Shuffle, ...) on a locked generator seeded
 * randomly at start-up (as Go 1.20+ does), and NewSource for seeded,
 * reproducible sequences. The generator is splitmix64, so seeded
 * sequences differ from Go's; no program can rely on Go's values.
 */
#include <math.h>

#include "native.h"

/* The package's Go source, stdlib/go/rand.go, as rand_source. */
#include "stdlib/rand_go.h"

/* randomSeed() int64 */
static NativeStatus rand_random_seed(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].u = hash_random();
    return NATIVE_OK;
}

/* ln(x float64) float64 */
static NativeStatus rand_ln(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].f = log(args[0].f);
    return NATIVE_OK;
}

static const StdNative rand_natives[] = {
    {"randomSeed", rand_random_seed},
    {"ln", rand_ln},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_rand = {"math/rand", rand_source, rand_natives};
