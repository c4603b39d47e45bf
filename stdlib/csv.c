/* csv.c — package encoding/csv: RFC 4180 reading and writing in Go
 * (stdlib/go/csv.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/csv.go, as csv_source. */
#include "stdlib/csv_go.h"

static const StdNative csv_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_csv = {"encoding/csv", csv_source, csv_natives};
