/* io.c — package io: the Reader/Writer interfaces, EOF, WriteString,
 * ReadAll, Discard. Pure Go: no natives.
 */
#include "native.h"

/* The package's Go source, stdlib/go/io.go, as io_source. */
#include "stdlib/io_go.h"

static const StdNative io_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_io = {"io", io_source, io_natives};
