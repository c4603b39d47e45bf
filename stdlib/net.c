/* net.c — package net: SplitHostPort and JoinHostPort in Go (stdlib/go/net.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/net.go, as net_source. */
#include "stdlib/net_go.h"

static const StdNative net_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_net = {"net", net_source, net_natives};
