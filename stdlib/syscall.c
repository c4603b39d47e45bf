/* syscall.c — package syscall: Errno (stdlib/go/syscall.go) and its
 * text.
 *
 * Must never hold state: the natives map an error number to Go's
 * wording, and pass Kill and Getpid straight to the system.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "native.h"

/* The package's Go source, stdlib/go/syscall.go, as syscall_source. */
#include "stdlib/syscall_go.h"

/* errText(e int) string: strerror's text, starting lower-case as Go's
 * table does. */
static NativeStatus syscall_err_text(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    char *s = string_cstr(string_from_cstr(strerror((int)args[0].i)));
    s[0] = (char)tolower((unsigned char)s[0]);
    nat_set_str(res, string_from_cstr(s));
    return NATIVE_OK;
}

/* kill(pid, sig int) int: kill(2); 0 or the error number. */
static NativeStatus syscall_kill(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    res[0].i = kill((pid_t)args[0].i, (int)args[1].i) == 0 ? 0 : errno;
    return NATIVE_OK;
}

/* Getpid() int */
static NativeStatus syscall_getpid(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)args;
    res[0].i = getpid();
    return NATIVE_OK;
}

static const StdNative syscall_natives[] = {
    {"errText", syscall_err_text},
    {"kill", syscall_kill},
    {"Getpid", syscall_getpid},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_syscall = {"syscall", syscall_source, syscall_natives};
