/* url.c — package net/url: URL parsing, query values and escaping in Go (stdlib/go/url.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/url.go, as url_source. */
#include "stdlib/url_go.h"

static const StdNative url_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_url = {"net/url", url_source, url_natives};
