/* cmplx.c — package math/cmplx: complex functions in Go
 * (stdlib/go/cmplx.go) over package math, with Go's special values.
 *
 * Pure Go: no natives. Must never compute a part differently from Go's
 * formula (the order of operations decides the last bit).
 */
#include "native.h"

/* The package's Go source, stdlib/go/cmplx.go, as cmplx_source. */
#include "stdlib/cmplx_go.h"

static const StdNative cmplx_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_cmplx = {"math/cmplx", cmplx_source, cmplx_natives};
