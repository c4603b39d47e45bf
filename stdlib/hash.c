/* hash.c — package hash: the Hash, Hash32 and Hash64 interfaces in Go (stdlib/go/hash.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/hash.go, as hash_source. */
#include "stdlib/hash_go.h"

static const StdNative hash_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_hash = {"hash", hash_source, hash_natives};
