/* syscall.c — package syscall: Errno (stdlib/go/syscall.go) and its
 * text.
 *
 * Must never hold state: the one native maps an error number to Go's
 * wording.
 */
#include <ctype.h>
#include <string.h>

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

static const StdNative syscall_natives[] = {
    {"errText", syscall_err_text},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_syscall = {"syscall", syscall_source, syscall_natives};
