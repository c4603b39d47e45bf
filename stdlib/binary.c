/* binary.c — package encoding/binary: byte orders, varints and
 * Read/Write of fixed-size numbers in Go (stdlib/go/binary.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/binary.go, as binary_source. */
#include "stdlib/binary_go.h"

static const StdNative binary_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_binary = {"encoding/binary", binary_source, binary_natives};
