/* slices.c — package slices: generic functions in Go (stdlib/go/slices.go), Go 1.22's API
 * without iterators.
 *
 * Pure Go: no natives. Each instantiation a program makes is checked and
 * compiled like the program's own generic code; must never grow natives for
 * what plain Go expresses.
 */
#include "native.h"

/* The package's Go source, stdlib/go/slices.go, as slices_source. */
#include "stdlib/slices_go.h"

static const StdNative slices_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_slices = {"slices", slices_source, slices_natives};
