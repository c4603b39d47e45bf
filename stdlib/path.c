/* path.c — package path: slash-separated path manipulation and Match in Go (stdlib/go/path.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/path.go, as path_source. */
#include "stdlib/path_go.h"

static const StdNative path_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_path = {"path", path_source, path_natives};
