/* crc32.c — package hash/crc32: table-driven CRC-32 in Go (stdlib/go/crc32.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/crc32.go, as crc32_source. */
#include "stdlib/crc32_go.h"

static const StdNative crc32_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_crc32 = {"hash/crc32", crc32_source, crc32_natives};
