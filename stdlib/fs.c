/* fs.c — package io/fs: FileMode, FileInfo, DirEntry, PathError and the Err* sentinels in Go (stdlib/go/fs.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/fs.go, as fs_source. */
#include "stdlib/fs_go.h"

static const StdNative fs_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_fs = {"io/fs", fs_source, fs_natives};
