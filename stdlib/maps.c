/* maps.c — package maps: generic functions in Go (stdlib/go/maps.go), Go 1.22's API
 * without iterators.
 *
 * Pure Go: no natives. Each instantiation a program makes is checked and
 * compiled like the program's own generic code; must never grow natives for
 * what plain Go expresses.
 */
#include "native.h"

/* The package's Go source, stdlib/go/maps.go, as maps_source. */
#include "stdlib/maps_go.h"

static const StdNative maps_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_maps = {"maps", maps_source, maps_natives};
