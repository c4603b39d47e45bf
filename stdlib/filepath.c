/* filepath.c — package path/filepath: host paths, Rel, Abs, Glob, Walk and WalkDir in Go (stdlib/go/filepath.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/filepath.go, as filepath_source. */
#include "stdlib/filepath_go.h"

static const StdNative filepath_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_filepath = {"path/filepath", filepath_source, filepath_natives};
