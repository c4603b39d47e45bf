/* fnv.c — package hash/fnv: the FNV-1 and FNV-1a hashes in Go (stdlib/go/fnv.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/fnv.go, as fnv_source. */
#include "stdlib/fnv_go.h"

static const StdNative fnv_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_fnv = {"hash/fnv", fnv_source, fnv_natives};
