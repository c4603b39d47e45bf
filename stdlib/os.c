/* os.c — package os: Args, Exit, Getenv/LookupEnv/Setenv, the standard
 * streams as *File, ReadFile/WriteFile.
 *
 * Standard output and error go through vm_stdout/vm_stderr (the host may
 * redirect them), each Write one fwrite so concurrent writers never
 * interleave inside a write. Reads may block the thread, so they run
 * between sched_enter_blocking/sched_exit_blocking. Must never write to a
 * descriptor the VM redirected by bypassing its FILE.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "native.h"

/* The package's Go source, stdlib/go/os.go, as os_source. */
#include "stdlib/os_go.h"

/* runtimeArgs() []string */
static NativeStatus os_args(NativeCtx *ctx, Slot *args, Slot *res)
{
    int n = vm_argc(ctx->vm);
    const char *const *v = vm_argv(ctx->vm);
    String *a = heap_alloc(sizeof(String) * (size_t)(n > 0 ? n : 1));
    for (int i = 0; i < n; i++)
        a[i] = string_from_cstr(v[i]);
    nat_set_slice(res, (Slice){a, n, n});
    return NATIVE_OK;
}

/* Whether a read or write on fd may wait on another party (a pipe, a
 * terminal, a socket): only then is the processor handed off. A regular
 * file or block device answers at disk speed, and since csp hands off
 * eagerly (Go does it lazily, after 20 us), handing off around each of its
 * reads would cost a thread wake-up per call: 3 futex calls per 4 KB read
 * of a file on standard input. */
static bool os_fd_may_block(int fd)
{
    struct stat st;
    return fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode));
}

/* Writes n bytes to fd (1 and 2 through the VM's streams). */
static int64_t os_write_bytes(NativeCtx *ctx, int64_t fd, const void *p, int64_t n)
{
    if (fd == 1 || fd == 2) {
        FILE *f = fd == 1 ? vm_stdout(ctx->vm) : vm_stderr(ctx->vm);
        /* Go's streams are unbuffered: keep stdout's text ahead of what
         * goes to stderr, so a shared terminal or file sees Go's order. */
        if (fd == 2)
            fflush(vm_stdout(ctx->vm));
        if (n > 0 && fwrite(p, 1, (size_t)n, f) != (size_t)n)
            return -1;
        if (fd == 2)
            fflush(f);
        return n;
    }
    int64_t done = 0;
    bool may_block = os_fd_may_block((int)fd);
    if (may_block)
        sched_enter_blocking();
    while (done < n) {
        ssize_t w = write((int)fd, (const char *)p + done, (size_t)(n - done));
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            done = -1;
            break;
        }
        done += w;
    }
    if (may_block)
        sched_exit_blocking();
    return done;
}

/* write(fd int, b []byte) int */
static NativeStatus os_write(NativeCtx *ctx, Slot *args, Slot *res)
{
    int64_t fd = args[0].i;
    Slice b = nat_slice(args + 1);
    res[0].i = os_write_bytes(ctx, fd, b.ptr, b.len);
    return NATIVE_OK;
}

/* writeString(fd int, s string) int */
static NativeStatus os_write_string(NativeCtx *ctx, Slot *args, Slot *res)
{
    int64_t fd = args[0].i;
    String s = nat_str(args + 1);
    res[0].i = os_write_bytes(ctx, fd, s.ptr, s.len);
    return NATIVE_OK;
}

/* read(fd int, b []byte) int */
static NativeStatus os_read(NativeCtx *ctx, Slot *args, Slot *res)
{
    int64_t fd = args[0].i;
    Slice b = nat_slice(args + 1);
    /* Go's stdout is unbuffered: a prompt must be visible before we wait. */
    fflush(vm_stdout(ctx->vm));
    ssize_t r;
    bool may_block = os_fd_may_block((int)fd);
    if (may_block)
        sched_enter_blocking();
    do
        r = read((int)fd, b.ptr, (size_t)b.len);
    while (r < 0 && errno == EINTR);
    if (may_block)
        sched_exit_blocking();
    res[0].i = r;
    return NATIVE_OK;
}

/* closeFd(fd int) int */
static NativeStatus os_close(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].i = close((int)args[0].i);
    return NATIVE_OK;
}

/* Exit(code int) */
static NativeStatus os_exit(NativeCtx *ctx, Slot *args, Slot *res)
{
    vm_exit(ctx->vm, (int)args[0].i);
}

/* LookupEnv(key string) (string, bool) */
static NativeStatus os_lookup_env(NativeCtx *ctx, Slot *args, Slot *res)
{
    char *k = string_cstr(nat_str(args));
    const char *v = getenv(k);
    nat_set_str(res, v ? string_from_cstr(v) : (String){0});
    res[2].u = v != NULL;
    return NATIVE_OK;
}

/* setenv(key, value string) bool */
static NativeStatus os_setenv(NativeCtx *ctx, Slot *args, Slot *res)
{
    char *k = string_cstr(nat_str(args)), *v = string_cstr(nat_str(args + 2));
    res[0].u = k[0] != 0 && setenv(k, v, 1) == 0;
    return NATIVE_OK;
}

/* hostname() string */
static NativeStatus os_hostname(NativeCtx *ctx, Slot *args, Slot *res)
{
    char h[256] = {0};
    gethostname(h, sizeof h - 1);
    nat_set_str(res, string_from_cstr(h));
    return NATIVE_OK;
}

/* Getpid() int */
static NativeStatus os_getpid(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].i = getpid();
    return NATIVE_OK;
}

/* Go's error texts are strerror's, starting lower-case. */
static String os_errno_text(int e)
{
    char *s = string_cstr(string_from_cstr(strerror(e)));
    s[0] = (char)tolower((unsigned char)s[0]);
    return string_from_cstr(s);
}

/* readFile(name string) ([]byte, string, int) */
static NativeStatus os_read_file(NativeCtx *ctx, Slot *args, Slot *res)
{
    char *name = string_cstr(nat_str(args));
    sched_enter_blocking();
    int fd = open(name, O_RDONLY | O_CLOEXEC);
    int err = errno;
    uint8_t *buf = NULL;
    int64_t len = 0, cap = 0;
    if (fd >= 0) {
        for (;;) {
            if (len == cap) {
                int64_t ncap = cap ? cap * 2 : 4096;
                uint8_t *nb = heap_alloc_atomic((size_t)ncap);
                if (len)
                    memcpy(nb, buf, (size_t)len);
                buf = nb, cap = ncap;
            }
            ssize_t r = read(fd, buf + len, (size_t)(cap - len));
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0) {
                err = r < 0 ? errno : 0;
                break;
            }
            len += r;
        }
        close(fd);
    }
    sched_exit_blocking();
    if (fd < 0 || err) {
        nat_set_slice(res, (Slice){0});
        nat_set_str(res + 3, os_errno_text(err));
        res[5].i = fd >= 0 ? 3 : err == ENOENT ? 1 : 2;
    } else {
        nat_set_slice(res, (Slice){buf ? buf : heap_alloc_atomic(0), len, cap});
        nat_set_str(res + 3, (String){0});
        res[5].i = 0;
    }
    return NATIVE_OK;
}

/* writeFile(name string, data []byte, perm int) string */
static NativeStatus os_write_file(NativeCtx *ctx, Slot *args, Slot *res)
{
    char *name = string_cstr(nat_str(args));
    Slice d = nat_slice(args + 2);
    int perm = (int)args[5].i;
    sched_enter_blocking();
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, perm);
    int err = fd < 0 ? errno : 0;
    for (int64_t done = 0; fd >= 0 && done < d.len;) {
        ssize_t w = write(fd, (const char *)d.ptr + done, (size_t)(d.len - done));
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            err = errno;
            break;
        }
        done += w;
    }
    if (fd >= 0)
        close(fd);
    sched_exit_blocking();
    nat_set_str(res, err ? os_errno_text(err) : (String){0});
    return NATIVE_OK;
}

/* openFile(name string, flag int, perm int) (int, string, bool) */
static NativeStatus os_open_file(NativeCtx *ctx, Slot *args, Slot *res)
{
    char *name = string_cstr(nat_str(args));
    int flag = (int)args[2].i, perm = (int)args[3].i;
    sched_enter_blocking();
    int fd = open(name, flag | O_CLOEXEC, perm);
    int err = errno;
    sched_exit_blocking();
    res[0].i = fd;
    nat_set_str(res + 1, fd < 0 ? os_errno_text(err) : (String){0});
    res[3].u = fd < 0 && err == ENOENT;
    return NATIVE_OK;
}

/* removeFile(name string) string */
static NativeStatus os_remove_file(NativeCtx *ctx, Slot *args, Slot *res)
{
    char *name = string_cstr(nat_str(args));
    int r = remove(name);
    nat_set_str(res, r < 0 ? os_errno_text(errno) : (String){0});
    return NATIVE_OK;
}

/* pipe() (r int, w int, msg string) */
static NativeStatus os_pipe(NativeCtx *ctx, Slot *args, Slot *res)
{
    int fds[2];
    int r = pipe2(fds, O_CLOEXEC);
    int err = errno;
    res[0].i = r < 0 ? -1 : fds[0];
    res[1].i = r < 0 ? -1 : fds[1];
    nat_set_str(res + 2, r < 0 ? os_errno_text(err) : (String){0});
    return NATIVE_OK;
}

static const StdNative os_natives[] = {
    {"pipe", os_pipe},
    {"openFile", os_open_file},
    {"removeFile", os_remove_file},
    {"runtimeArgs", os_args},
    {"write", os_write},
    {"writeString", os_write_string},
    {"read", os_read},
    {"closeFd", os_close},
    {"Exit", os_exit},
    {"LookupEnv", os_lookup_env},
    {"setenv", os_setenv},
    {"hostname", os_hostname},
    {"Getpid", os_getpid},
    {"readFile", os_read_file},
    {"writeFile", os_write_file},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_os = {"os", os_source, os_natives};
