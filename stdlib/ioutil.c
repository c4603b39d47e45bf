/* ioutil.c — package io/ioutil: the deprecated helpers that older Go
 * programs (the Benchmarks Game's among them) still import, each a
 * forwarder to its io or os replacement, as in Go since 1.16.
 *
 * No natives: must never hold behaviour of its own.
 */
#include "native.h"

/* The package's Go source, stdlib/go/ioutil.go, as ioutil_source. */
#include "stdlib/ioutil_go.h"

static const StdNative ioutil_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_ioutil = {"io/ioutil", ioutil_source, ioutil_natives};
