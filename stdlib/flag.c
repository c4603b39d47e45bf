/* flag.c — package flag: command-line flag parsing (FlagSet, the
 * CommandLine set over os.Args, Bool/Int/String/Float64/Duration/... and
 * their Var forms), with Go's syntax (-f, --f, -f=v, -f v, --), messages
 * and usage text.
 *
 * Pure Go: no natives. Must never read the process arguments except
 * through os.Args.
 */
#include "native.h"

/* The package's Go source, stdlib/go/flag.go, as flag_source. */
#include "stdlib/flag_go.h"

static const StdNative flag_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_flag = {"flag", flag_source, flag_natives};
