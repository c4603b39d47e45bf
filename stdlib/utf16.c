/* utf16.c — package unicode/utf16: UTF-16 encoding and decoding in Go (stdlib/go/utf16.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/utf16.go, as utf16_source. */
#include "stdlib/utf16_go.h"

static const StdNative utf16_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_utf16 = {"unicode/utf16", utf16_source, utf16_natives};
