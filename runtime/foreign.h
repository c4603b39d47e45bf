/* foreign.h — C functions of shared libraries called from csp code
 * (runtime/foreign.c), through libffi.
 *
 * A script declares one with a Go signature and no body, under a
 * `//csp:foreign LIB [SYMBOL]` comment; the compiler binds it here.
 */
#ifndef CSP_FOREIGN_H
#define CSP_FOREIGN_H

#include <stddef.h>

#include "vm.h"

/* Binds the foreign function `name` with Go signature ft (no receiver), as
 * described by spec, the directive's "LIB [SYMBOL]": LIB is a shared
 * library for dlopen ("-" for what the process has loaded already: libc,
 * libm), SYMBOL defaults to name. Returns the native to call with
 * NativeCtx.data = *data, or NULL with a message in err (library or symbol
 * missing, a type C cannot take: only booleans, integers, floats, strings
 * and, as parameters, []byte travel; at most one result). Every call
 * hands the thread's P over while the C function runs. */
NativeFn foreign_bind(const char *spec, const char *name, const Type *ft, const void **data,
                      char *err, size_t errcap);

#endif
