/* slog.c — package log/slog: structured logging in Go (stdlib/go/slog.go).
 *
 * Pure Go: no natives. Must never grow natives for what plain Go
 * expresses at the speed programs need.
 */
#include "native.h"

/* The package's Go source, stdlib/go/slog.go, as slog_source. */
#include "stdlib/slog_go.h"

static const StdNative slog_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_slog = {"log/slog", slog_source, slog_natives};
