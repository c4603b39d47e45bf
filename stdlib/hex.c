/* hex.c — package encoding/hex: hexadecimal encoding, decoding and dumps in Go (stdlib/go/hex.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/hex.go, as hex_source. */
#include "stdlib/hex_go.h"

static const StdNative hex_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_hex = {"encoding/hex", hex_source, hex_natives};
