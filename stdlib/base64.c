/* base64.c — package encoding/base64: RFC 4648 base64 encodings and streams in Go (stdlib/go/base64.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/base64.go, as base64_source. */
#include "stdlib/base64_go.h"

static const StdNative base64_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_base64 = {"encoding/base64", base64_source, base64_natives};
