/* log.c — package log: Logger, the standard logger on standard error, Print/Printf/Println, Fatal*
 * (exit status 1) and Panic*, with Go's date and time prefixes (LstdFlags).
 *
 * Pure Go: no natives. Must never grow natives that duplicate what plain Go
 * expresses.
 */
#include "native.h"

/* The package's Go source, stdlib/go/log.go, as log_source. */
#include "stdlib/log_go.h"

static const StdNative log_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_log = {"log", log_source, log_natives};
