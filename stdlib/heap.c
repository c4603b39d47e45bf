/* heap.c — package container/heap: heap operations (Init, Push, Pop, Remove, Fix) over any type
 * implementing heap.Interface.
 *
 * Pure Go: no natives. Must never grow natives that duplicate what plain Go
 * expresses.
 */
#include "native.h"

/* The package's Go source, stdlib/go/heap.go, as heap_source. */
#include "stdlib/heap_go.h"

static const StdNative heap_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_heap = {"container/heap", heap_source, heap_natives};
