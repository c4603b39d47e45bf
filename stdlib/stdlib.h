/* stdlib.h — the standard packages: their Go declarations and natives.
 *
 * A standard package is Go source (a string in its stdlib/<pkg>.c file)
 * plus a table of natives. In the source, a function declared without a
 * body (`func Println(a ...any) (n int, err error)`) is native: the
 * compiler binds it to the entry of the same name ("Println", or for a
 * method "WaitGroup.Add" / "(*WaitGroup).Add" written as "*WaitGroup.Add")
 * in the package's table. Everything else in the source is ordinary Go,
 * compiled like a user's code, so most of a package can be written in Go
 * and only what needs the runtime is in C.
 *
 * Packages see only the runtime's value and native interfaces
 * (runtime/value.h, runtime/vm.h and the primitive headers), never the
 * front end.
 */
#ifndef CSP_STDLIB_H
#define CSP_STDLIB_H

#include "../runtime/vm.h"

/* One native: its name in the package and its C function. The checker
 * verifies that every bodyless declaration has an entry. */
typedef struct StdNative {
    const char *name;
    NativeFn fn;
    const void *data; /* NativeCtx.data for fn (host natives' records) */
} StdNative;

typedef struct StdPackage {
    const char *path;   /* import path: "fmt", "sync/atomic" */
    const char *source; /* Go source, starting with `package name` */
    const StdNative *natives; /* terminated by {NULL, NULL} */
} StdPackage;

/* The package with that import path, or NULL. */
const StdPackage *stdlib_find(const char *path);

/* Whether a script (a file without a package clause) may use the package
 * by its name without importing it (design.md §1 extension): every
 * standard package can be. Returns the package for a bare name such as
 * "fmt" or "atomic" (last path element), or NULL. */
const StdPackage *stdlib_find_by_name(const char *name);

/* Looks a native up: package path and entry name. NULL when absent. */
const StdNative *stdlib_native(const char *path, const char *name);

#endif
