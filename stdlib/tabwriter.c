/* tabwriter.c — package text/tabwriter: elastic tabstops in Go
 * (stdlib/go/tabwriter.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/tabwriter.go, as tabwriter_source. */
#include "stdlib/tabwriter_go.h"

static const StdNative tabwriter_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_tabwriter = {"text/tabwriter", tabwriter_source, tabwriter_natives};
