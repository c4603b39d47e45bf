/* exec.c — package os/exec (stdlib/go/exec.go): Cmd, Command,
 * CommandContext, LookPath, as Go 1.22.
 *
 * The package is Go source over os.StartProcess and os.Process (stdlib/os.c
 * owns spawning, waiting and the polled pipes); its one native asks the
 * kernel whether a file is executable. Must never hold state.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "native.h"

/* The package's Go source, stdlib/go/exec.go, as exec_source. */
#include "stdlib/exec_go.h"

/* eaccess(path string) int: 0 if the effective user may execute path,
 * else the errno (faccessat with AT_EACCESS, as Go's unix.Eaccess). */
static NativeStatus exec_eaccess(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    res[0].i = faccessat(AT_FDCWD, string_cstr(nat_str(args)), X_OK, AT_EACCESS) < 0 ? errno : 0;
    return NATIVE_OK;
}

static const StdNative exec_natives[] = {
    {"eaccess", exec_eaccess},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_exec = {"os/exec", exec_source, exec_natives};
