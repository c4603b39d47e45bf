/* bytes.c — package bytes: Buffer and the common slice functions,
 * written in Go (the searching ones delegate to package strings).
 *
 * No natives: everything here is ordinary Go compiled like user code.
 */
#include "native.h"

/* The package's Go source, stdlib/go/bytes.go, as bytes_source. */
#include "stdlib/bytes_go.h"

static const StdNative bytes_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_bytes = {"bytes", bytes_source, bytes_natives};
