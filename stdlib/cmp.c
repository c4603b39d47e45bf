/* cmp.c — package cmp: generic functions in Go (stdlib/go/cmp.go), Go 1.22's API
 * without iterators.
 *
 * Pure Go: no natives. Each instantiation a program makes is checked and
 * compiled like the program's own generic code; must never grow natives for
 * what plain Go expresses.
 */
#include "native.h"

/* The package's Go source, stdlib/go/cmp.go, as cmp_source. */
#include "stdlib/cmp_go.h"

static const StdNative cmp_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_cmp = {"cmp", cmp_source, cmp_natives};
