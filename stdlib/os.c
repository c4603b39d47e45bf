/* os.c — package os: the natives under stdlib/go/os.go: Args, Exit, the
 * environment, the standard streams and files (read/write/seek/stat), and
 * the file-system calls (stat, mkdir, remove, rename, readdir, ...).
 *
 * Every call that can fail returns its errno (or minus it, beside a
 * count): the Go side owns the error values and texts' wrapping.
 * Standard output and error go through vm_write (unbuffered, as Go's; the
 * host may redirect them), each Write one write(2) so concurrent writers
 * never interleave inside a write. Reads may block the thread, so they run
 * between sched_enter_blocking/sched_exit_blocking, except on descriptors
 * registered with the poller (pipes, terminals, sockets csp opened), whose
 * goroutines park on EAGAIN (netpoll.h). Children are spawned with
 * posix_spawn, never fork, and waited for through a pidfd on the poller.
 * Every descriptor it opens is close-on-exec. Must never write to
 * descriptor 1 or 2 by bypassing vm_write.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../runtime/netpoll.h"
#include "native.h"

extern char **environ;

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

/* Writes n bytes to fd (1 and 2 through the VM's standard streams);
 * returns the count or minus the errno. */
static int64_t os_write_bytes(NativeCtx *ctx, int64_t fd, const void *p, int64_t n)
{
    if (fd == 1 || fd == 2)
        return vm_write(ctx->vm, (int)fd, p, (size_t)n);
    int64_t done = 0;
    bool may_block = os_fd_may_block((int)fd);
    if (may_block)
        sched_enter_blocking();
    while (done < n) {
        ssize_t w = write((int)fd, (const char *)p + done, (size_t)(n - done));
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            done = -errno;
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

/* read(fd int, b []byte) int: the count, 0 at end of file, or -errno. */
static NativeStatus os_read(NativeCtx *ctx, Slot *args, Slot *res)
{
    int64_t fd = args[0].i;
    Slice b = nat_slice(args + 1);
    ssize_t r;
    bool may_block = os_fd_may_block((int)fd);
    if (may_block)
        sched_enter_blocking();
    do
        r = read((int)fd, b.ptr, (size_t)b.len);
    while (r < 0 && errno == EINTR);
    int err = errno;
    if (may_block)
        sched_exit_blocking();
    res[0].i = r < 0 ? -err : r;
    return NATIVE_OK;
}

/* pread(fd int, b []byte, off int64) int: the count or -errno. */
static NativeStatus os_pread(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    Slice b = nat_slice(args + 1);
    ssize_t r;
    do
        r = pread((int)args[0].i, b.ptr, (size_t)b.len, (off_t)args[4].i);
    while (r < 0 && errno == EINTR);
    res[0].i = r < 0 ? -errno : r;
    return NATIVE_OK;
}

/* pwrite(fd int, b []byte, off int64) int: the count or -errno. */
static NativeStatus os_pwrite(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    Slice b = nat_slice(args + 1);
    ssize_t r;
    do
        r = pwrite((int)args[0].i, b.ptr, (size_t)b.len, (off_t)args[4].i);
    while (r < 0 && errno == EINTR);
    res[0].i = r < 0 ? -errno : r;
    return NATIVE_OK;
}

/* seek(fd int, offset int64, whence int) (int64, int) */
static NativeStatus os_seek(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    off_t r = lseek((int)args[0].i, (off_t)args[1].i, (int)args[2].i);
    res[0].i = r < 0 ? 0 : r;
    res[1].i = r < 0 ? errno : 0;
    return NATIVE_OK;
}

/* fsync(fd int) int */
static NativeStatus os_fsync(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    res[0].i = fsync((int)args[0].i) < 0 ? errno : 0;
    return NATIVE_OK;
}

/* closeFd(fd int) int: 0 or the errno. */
static NativeStatus os_close(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    res[0].i = close((int)args[0].i) < 0 ? errno : 0;
    return NATIVE_OK;
}

/* Exit(code int) */
static NativeStatus os_exit(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)res;
    vm_exit(ctx->vm, (int)args[0].i);
}

/* LookupEnv(key string) (string, bool) */
static NativeStatus os_lookup_env(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    char *k = string_cstr(nat_str(args));
    const char *v = getenv(k);
    nat_set_str(res, v ? string_from_cstr(v) : (String){0});
    res[2].u = v != NULL;
    return NATIVE_OK;
}

/* setenv(key, value string) bool */
static NativeStatus os_setenv(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    char *k = string_cstr(nat_str(args)), *v = string_cstr(nat_str(args + 2));
    res[0].u = k[0] != 0 && strchr(k, '=') == NULL && setenv(k, v, 1) == 0;
    return NATIVE_OK;
}

/* unsetenv(key string) */
static NativeStatus os_unsetenv(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)res;
    char *k = string_cstr(nat_str(args));
    if (k[0] != 0 && strchr(k, '=') == NULL)
        unsetenv(k);
    return NATIVE_OK;
}

/* Environ() []string */
static NativeStatus os_environ(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)args;
    int64_t n = 0;
    while (environ[n])
        n++;
    String *a = heap_alloc(sizeof(String) * (size_t)(n > 0 ? n : 1));
    for (int64_t i = 0; i < n; i++)
        a[i] = string_from_cstr(environ[i]);
    nat_set_slice(res, (Slice){a, n, n});
    return NATIVE_OK;
}

/* hostname() string */
static NativeStatus os_hostname(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)args;
    char h[256] = {0};
    gethostname(h, sizeof h - 1);
    nat_set_str(res, string_from_cstr(h));
    return NATIVE_OK;
}

/* Getpid, Getppid, Getuid, Getgid() int */
#define OS_ID_NATIVE(name, call)                                                                   \
    static NativeStatus name(NativeCtx *ctx, Slot *args, Slot *res)                                \
    {                                                                                              \
        (void)ctx, (void)args;                                                                     \
        res[0].i = call();                                                                         \
        return NATIVE_OK;                                                                          \
    }
OS_ID_NATIVE(os_getpid, getpid)
OS_ID_NATIVE(os_getppid, getppid)
OS_ID_NATIVE(os_getuid, getuid)
OS_ID_NATIVE(os_getgid, getgid)
#undef OS_ID_NATIVE

/* readFile(name string) ([]byte, int, bool): the bytes, or an errno and
 * whether the read (rather than the open) failed. */
static NativeStatus os_read_file(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    char *name = string_cstr(nat_str(args));
    sched_enter_blocking();
    int fd = open(name, O_RDONLY | O_CLOEXEC);
    int err = fd < 0 ? errno : 0;
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
    if (err) {
        nat_set_slice(res, (Slice){0});
        res[3].i = err;
        res[4].u = fd >= 0;
    } else {
        nat_set_slice(res, (Slice){buf ? buf : heap_alloc_atomic(0), len, cap});
        res[3].i = 0;
        res[4].u = 0;
    }
    return NATIVE_OK;
}

/* writeFile(name string, data []byte, perm int) int: 0 or the errno. */
static NativeStatus os_write_file(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
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
    res[0].i = err;
    return NATIVE_OK;
}

/* openFile(name string, flag int, perm int) int: a descriptor or -errno. */
static NativeStatus os_open_file(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    char *name = string_cstr(nat_str(args));
    int flag = (int)args[2].i, perm = (int)args[3].i;
    sched_enter_blocking();
    int fd = open(name, flag | O_CLOEXEC, perm);
    int err = errno;
    sched_exit_blocking();
    res[0].i = fd < 0 ? -err : fd;
    return NATIVE_OK;
}

/* removeFile(name string) int: unlink, else rmdir; of two failures the
 * real one is rmdir's unless it says the name is not a directory (Go's
 * rule, since unlink(dir) fails differently across systems). */
static NativeStatus os_remove_file(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    char *name = string_cstr(nat_str(args));
    int e = 0;
    if (unlink(name) < 0) {
        int e1 = errno;
        if (rmdir(name) < 0)
            e = errno != ENOTDIR ? errno : e1;
    }
    res[0].i = e;
    return NATIVE_OK;
}

/* pipe() (r int, w int, e int) */
static NativeStatus os_pipe(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)args;
    int fds[2];
    int r = pipe2(fds, O_CLOEXEC);
    res[0].i = r < 0 ? -1 : fds[0];
    res[1].i = r < 0 ? -1 : fds[1];
    res[2].i = r < 0 ? errno : 0;
    return NATIVE_OK;
}

/* Go's FileMode for a kernel st_mode: permission bits plus Go's own type
 * and setuid/setgid/sticky bits (io/fs numbers them from bit 31 down). */
static uint32_t os_go_mode(mode_t m)
{
    uint32_t g = m & 0777;
    switch (m & S_IFMT) {
    case S_IFBLK:
        g |= 1u << 26; /* ModeDevice */
        break;
    case S_IFCHR:
        g |= 1u << 26 | 1u << 21; /* ModeDevice | ModeCharDevice */
        break;
    case S_IFDIR:
        g |= 1u << 31;
        break;
    case S_IFIFO:
        g |= 1u << 25;
        break;
    case S_IFLNK:
        g |= 1u << 27;
        break;
    case S_IFSOCK:
        g |= 1u << 24;
        break;
    }
    if (m & S_ISUID)
        g |= 1u << 23;
    if (m & S_ISGID)
        g |= 1u << 22;
    if (m & S_ISVTX)
        g |= 1u << 20;
    return g;
}

static void os_stat_result(Slot *res, int r, const struct stat *st)
{
    if (r < 0) {
        res[0].i = 0, res[1].u = 0, res[2].i = 0, res[3].i = errno;
        return;
    }
    res[0].i = st->st_size;
    res[1].u = os_go_mode(st->st_mode);
    res[2].i = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    res[3].i = 0;
}

/* stat(name string, follow bool) (size int64, mode uint32, mtime int64, e int) */
static NativeStatus os_stat(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    char *name = string_cstr(nat_str(args));
    struct stat st;
    int r = args[2].u ? stat(name, &st) : lstat(name, &st);
    os_stat_result(res, r, &st);
    return NATIVE_OK;
}

/* fstat(fd int) (size int64, mode uint32, mtime int64, e int) */
static NativeStatus os_fstat(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    struct stat st;
    int r = fstat((int)args[0].i, &st);
    os_stat_result(res, r, &st);
    return NATIVE_OK;
}

/* Natives of one or two path arguments returning 0 or the errno. */
static NativeStatus os_mkdir(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    res[0].i = mkdir(string_cstr(nat_str(args)), (mode_t)args[2].i) < 0 ? errno : 0;
    return NATIVE_OK;
}

static NativeStatus os_chmod(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    res[0].i = chmod(string_cstr(nat_str(args)), (mode_t)args[2].i) < 0 ? errno : 0;
    return NATIVE_OK;
}

static NativeStatus os_truncate(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    res[0].i = truncate(string_cstr(nat_str(args)), (off_t)args[2].i) < 0 ? errno : 0;
    return NATIVE_OK;
}

static NativeStatus os_chdir(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    res[0].i = chdir(string_cstr(nat_str(args))) < 0 ? errno : 0;
    return NATIVE_OK;
}

static NativeStatus os_rename(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    res[0].i = rename(string_cstr(nat_str(args)), string_cstr(nat_str(args + 2))) < 0 ? errno : 0;
    return NATIVE_OK;
}

static NativeStatus os_symlink(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    res[0].i = symlink(string_cstr(nat_str(args)), string_cstr(nat_str(args + 2))) < 0 ? errno : 0;
    return NATIVE_OK;
}

static NativeStatus os_link(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    res[0].i = link(string_cstr(nat_str(args)), string_cstr(nat_str(args + 2))) < 0 ? errno : 0;
    return NATIVE_OK;
}

/* readlink(name string) (string, int) */
static NativeStatus os_readlink(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    char buf[4096];
    ssize_t n = readlink(string_cstr(nat_str(args)), buf, sizeof buf - 1);
    nat_set_str(res, n < 0 ? (String){0} : string_from_bytes(buf, (size_t)n));
    res[2].i = n < 0 ? errno : 0;
    return NATIVE_OK;
}

/* getwd() (string, int) */
static NativeStatus os_getwd(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)args;
    char buf[4096];
    const char *d = getcwd(buf, sizeof buf);
    nat_set_str(res, d ? string_from_cstr(d) : (String){0});
    res[2].i = d ? 0 : errno;
    return NATIVE_OK;
}

/* readDirNames(name string) ([]string, int) */
static NativeStatus os_read_dir_names(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    sched_enter_blocking();
    DIR *d = opendir(string_cstr(nat_str(args)));
    int err = d ? 0 : errno;
    String *a = NULL;
    int64_t n = 0, cap = 0;
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            if (n == cap) {
                int64_t ncap = cap ? cap * 2 : 16;
                String *na = heap_alloc(sizeof(String) * (size_t)ncap);
                if (n)
                    memcpy(na, a, sizeof(String) * (size_t)n);
                a = na, cap = ncap;
            }
            a[n++] = string_from_cstr(e->d_name);
        }
        closedir(d);
    }
    sched_exit_blocking();
    nat_set_slice(res, (Slice){a, n, cap});
    res[3].i = err;
    return NATIVE_OK;
}

/* tempRand() uint32: the random part of a temporary file's name. */
static NativeStatus os_temp_rand(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)args;
    uint32_t v;
    if (getrandom(&v, sizeof v, 0) != (ssize_t)sizeof v)
        v = (uint32_t)random();
    res[0].u = v;
    return NATIVE_OK;
}

/* ---- descriptors on the poller (pipes, terminals, sockets) ------------- */

/* How a File came to be (Go's newFileKind): only descriptors csp opened or
 * made are switched to non-blocking mode; one handed in (NewFile, the
 * standard streams) is polled only if it is non-blocking already, so the
 * parent shell's terminal or pipe never changes mode under it. */
enum { OS_KIND_NEWFILE = 0, OS_KIND_OPENFILE = 1, OS_KIND_PIPE = 2 };

/* pollOpen(fd int, kind int) bool: whether fd now goes through the poller
 * (non-blocking and registered). Regular files and directories never do:
 * epoll cannot watch them, and they keep the blocking hand-off. */
static NativeStatus os_poll_open(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    int fd = (int)args[0].i, kind = (int)args[1].i;
    res[0].u = 0;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0)
        return NATIVE_OK;
    bool nonblock = (fl & O_NONBLOCK) != 0;
    if (kind == OS_KIND_NEWFILE && !nonblock)
        return NATIVE_OK;
    struct stat st;
    if (fstat(fd, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
        return NATIVE_OK;
    if (!nonblock && fcntl(fd, F_SETFL, fl | O_NONBLOCK) != 0)
        return NATIVE_OK;
    if (netpoll_open(fd) != 0) {
        if (!nonblock)
            fcntl(fd, F_SETFL, fl);
        return NATIVE_OK;
    }
    res[0].u = 1;
    return NATIVE_OK;
}

/* pollClose(fd int): before close, wakes goroutines parked on fd. */
static NativeStatus os_poll_close(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)res;
    netpoll_close((int)args[0].i);
    return NATIVE_OK;
}

/* setBlocking(fd int): off the poller and back to blocking mode (Go's Fd(),
 * and a descriptor handed to a child, which expects blocking I/O). */
static NativeStatus os_set_blocking(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx, (void)res;
    int fd = (int)args[0].i;
    netpoll_close(fd);
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0 && (fl & O_NONBLOCK))
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return NATIVE_OK;
}

/* pollWait(fd int, mode int) int: after EAGAIN, parks the goroutine until
 * fd is ready for mode ('r' or 'w'); 0 to retry, 1 if fd was closed. */
static NativeStatus os_poll_wait(NativeCtx *ctx, Slot *args, Slot *res)
{
    int fd = (int)args[0].i;
    NetpollMode mode = args[1].i == 'w' ? NETPOLL_WRITE : NETPOLL_READ;
    NetpollStatus st = netpoll_wait(ctx->g, fd, mode);
    if (st == NETPOLL_PARKED)
        return NATIVE_PARK;
    res[0].i = st == NETPOLL_CLOSED;
    return NATIVE_OK;
}

/* readNB(fd int, b []byte) int: one read of a non-blocking descriptor:
 * the count, 0 at end of file, or -errno (-EAGAIN: wait and retry). */
static NativeStatus os_read_nb(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    Slice b = nat_slice(args + 1);
    ssize_t r;
    do
        r = read((int)args[0].i, b.ptr, (size_t)b.len);
    while (r < 0 && errno == EINTR);
    res[0].i = r < 0 ? -errno : r;
    return NATIVE_OK;
}

/* writeNB(fd int, b []byte) int: one write to a non-blocking descriptor:
 * the count or -errno. */
static NativeStatus os_write_nb(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    Slice b = nat_slice(args + 1);
    ssize_t r;
    do
        r = write((int)args[0].i, b.ptr, (size_t)b.len);
    while (r < 0 && errno == EINTR);
    res[0].i = r < 0 ? -errno : r;
    return NATIVE_OK;
}

/* ---- processes ----------------------------------------------------------- */

/* A NULL-terminated C array of a []string's strings (collected memory:
 * the spawning thread's frame keeps it alive). */
static char **os_cstrings(Slice s)
{
    char **v = heap_alloc(sizeof(char *) * (size_t)(s.len + 1));
    const String *a = s.ptr;
    for (int64_t i = 0; i < s.len; i++)
        v[i] = string_cstr(a[i]);
    v[s.len] = NULL;
    return v;
}

/* startProcess(path string, argv []string, envv []string, dir string,
 * fds []int) (pid int, pidfd int, e int): spawns path with posix_spawn
 * (glibc clones with CLONE_VM|CLONE_VFORK: the heap is never copied, and
 * exec errors come back as the result). The child's descriptor i is
 * fds[i] (-1: closed); every other descriptor csp opened is close-on-exec.
 * The child starts with an empty signal mask. pidfd (-1 if the kernel has
 * no pidfd_open) is registered with the poller: it becomes readable when
 * the child exits. */
static NativeStatus os_start_process(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    char *path = string_cstr(nat_str(args));
    char **argv = os_cstrings(nat_slice(args + 2));
    char **envv = os_cstrings(nat_slice(args + 5));
    String dir = nat_str(args + 8);
    Slice fdv = nat_slice(args + 10);
    const int64_t *fds = fdv.ptr;
    int nfd = (int)fdv.len;

    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);

    /* A source below nfd could be overwritten by an earlier dup2 (child
     * fd 0 from parent fd 1 while child fd 1 comes from parent fd 0): such
     * sources are first copied above every target (Go does the same). */
    int *src = heap_alloc_atomic(sizeof(int) * (size_t)(nfd > 0 ? nfd : 1));
    int *tmp = heap_alloc_atomic(sizeof(int) * (size_t)(nfd > 0 ? nfd : 1));
    int e = 0;
    for (int i = 0; i < nfd; i++) {
        src[i] = (int)fds[i];
        tmp[i] = -1;
        if (src[i] >= 0 && src[i] != i && src[i] < nfd) {
            tmp[i] = fcntl(src[i], F_DUPFD_CLOEXEC, nfd);
            if (tmp[i] < 0) {
                e = errno;
                break;
            }
            src[i] = tmp[i];
        }
    }
    for (int i = 0; i < nfd && !e; i++) {
        if (src[i] < 0)
            posix_spawn_file_actions_addclose(&fa, i);
        else
            /* dup2 onto itself clears close-on-exec (glibc >= 2.29). */
            posix_spawn_file_actions_adddup2(&fa, src[i], i);
    }
    if (!e && dir.len > 0)
        posix_spawn_file_actions_addchdir_np(&fa, string_cstr(dir));
    pid_t pid = -1;
    if (!e)
        e = posix_spawn(&pid, path, &fa, &attr, argv, envv);
    for (int i = 0; i < nfd; i++)
        if (tmp[i] >= 0)
            close(tmp[i]);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    int pidfd = -1;
    if (!e) {
        pidfd = (int)syscall(SYS_pidfd_open, pid, 0); /* close-on-exec */
        if (pidfd >= 0 && netpoll_open(pidfd) != 0) {
            close(pidfd);
            pidfd = -1;
        }
    }
    res[0].i = e ? -1 : pid;
    res[1].i = pidfd;
    res[2].i = e;
    return NATIVE_OK;
}

/* wait4NB(pid int) (done bool, status int, utime int64, stime int64, e int):
 * reaps pid if it has exited (never blocks: the caller waits on the pidfd
 * or, without one, sleeps between tries). */
static NativeStatus os_wait4_nb(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    pid_t r;
    do
        r = wait4((pid_t)args[0].i, &status, WNOHANG, &ru);
    while (r < 0 && errno == EINTR);
    res[0].u = r > 0;
    res[1].i = status;
    res[2].i = (int64_t)ru.ru_utime.tv_sec * 1000000000 + ru.ru_utime.tv_usec * 1000;
    res[3].i = (int64_t)ru.ru_stime.tv_sec * 1000000000 + ru.ru_stime.tv_usec * 1000;
    res[4].i = r < 0 ? errno : 0;
    return NATIVE_OK;
}

/* kill(pid int, sig int) int: 0 or the errno. */
static NativeStatus os_kill(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    res[0].i = kill((pid_t)args[0].i, (int)args[1].i) < 0 ? errno : 0;
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
    {"pread", os_pread},
    {"pwrite", os_pwrite},
    {"seek", os_seek},
    {"fsync", os_fsync},
    {"closeFd", os_close},
    {"Exit", os_exit},
    {"LookupEnv", os_lookup_env},
    {"setenv", os_setenv},
    {"unsetenv", os_unsetenv},
    {"Environ", os_environ},
    {"hostname", os_hostname},
    {"Getpid", os_getpid},
    {"Getppid", os_getppid},
    {"Getuid", os_getuid},
    {"Getgid", os_getgid},
    {"readFile", os_read_file},
    {"writeFile", os_write_file},
    {"stat", os_stat},
    {"fstat", os_fstat},
    {"mkdir", os_mkdir},
    {"chmod", os_chmod},
    {"truncate", os_truncate},
    {"chdir", os_chdir},
    {"rename", os_rename},
    {"symlink", os_symlink},
    {"link", os_link},
    {"readlink", os_readlink},
    {"getwd", os_getwd},
    {"readDirNames", os_read_dir_names},
    {"tempRand", os_temp_rand},
    /* the poller and processes */
    {"pollOpen", os_poll_open},
    {"pollClose", os_poll_close},
    {"pollWait", os_poll_wait},
    {"setBlocking", os_set_blocking},
    {"readNB", os_read_nb},
    {"writeNB", os_write_nb},
    {"startProcess", os_start_process},
    {"wait4NB", os_wait4_nb},
    {"kill", os_kill},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_os = {"os", os_source, os_natives};
