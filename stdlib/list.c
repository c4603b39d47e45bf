/* list.c — package container/list: a doubly linked list (List, Element), as Go's.
 *
 * Pure Go: no natives. Must never grow natives that duplicate what plain Go
 * expresses.
 */
#include "native.h"

/* The package's Go source, stdlib/go/list.go, as list_source. */
#include "stdlib/list_go.h"

static const StdNative list_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_list = {"container/list", list_source, list_natives};
