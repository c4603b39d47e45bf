/* ring.c — package container/ring: circular lists in Go (stdlib/go/ring.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/ring.go, as ring_source. */
#include "stdlib/ring_go.h"

static const StdNative ring_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_ring = {"container/ring", ring_source, ring_natives};
