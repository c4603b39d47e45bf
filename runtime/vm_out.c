/* vm_out.c — a VM's standard output and error, unbuffered as Go's
 * os.Stdout and os.Stderr are (design.md §9).
 *
 * Every writer goes through vm_write: fmt's Print functions, os.File
 * writes on descriptors 1 and 2 (and so bufio, log and Fprint*), the
 * print/println builtins, panic reports and fatal errors. Each call is one
 * write(2) of the whole text (looping only when the kernel takes part of
 * it or a signal interrupts it), so lines reach a pipe at once, stdout and
 * stderr keep program order under 2>&1, nothing is lost when a signal
 * kills the process, and a failed write returns its errno to the program.
 *
 * Owns the choice between the process's descriptors and a host's FILE
 * (CspOptions.out/err), which is written and flushed at once so that it
 * behaves as unbuffered too. Must never buffer: when vm_write returns, the
 * bytes are the kernel's (or the host FILE has been flushed).
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "signal.h"
#include "vm_priv.h"

/* One write at a time per process descriptor, as Go's poll.FD write lock:
 * a large write the kernel takes in parts stays whole, never interleaved
 * with another goroutine's. Index 1 and 2. */
static pthread_mutex_t vm_out_locks[3] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                                          PTHREAD_MUTEX_INITIALIZER};

void vm_stream_init(VMStream *s, FILE *f, int which)
{
    FILE *proc = which == 1 ? stdout : stderr;
    if (!f)
        f = proc;
    s->file = f;
    /* The process's own stream is written by descriptor: stdio's buffer
     * would hold text back from pipes and lose it on a signal. */
    s->fd = f == proc ? which : -1;
    struct stat st;
    s->may_block =
        s->fd >= 0 && (fstat(s->fd, &st) != 0 ||
                       !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode) || S_ISCHR(st.st_mode)));
    /* A terminal or /dev/null (character devices) takes writes at once;
     * pipes and sockets wait for their reader. */
}

/* Whether a write of n bytes to fd can go without waiting: the reader has
 * left room (POLLOUT means at least PIPE_BUF bytes free on a pipe). */
static bool vm_out_ready(int fd, size_t n)
{
    struct pollfd p = {.fd = fd, .events = POLLOUT};
    return n <= PIPE_BUF && poll(&p, 1, 0) == 1 && (p.revents & POLLOUT);
}

/* Writes all n bytes to the process's descriptor. */
static int64_t vm_out_fd(const VMStream *s, const char *p, size_t n)
{
    int fd = s->fd;
    /* Text a host (or a report written with stdio) left in the process's
     * FILE goes first, so the descriptor sees it in the order written. */
    if (__fpending(stdout))
        fflush(stdout);
    if (fd == 2 && __fpending(stderr))
        fflush(stderr);

    /* A write that may wait (a busy lock, a full pipe) hands the processor
     * to another thread first, as Go's entersyscall does. */
    bool blocking = false;
    pthread_mutex_t *mu = &vm_out_locks[fd];
    if (pthread_mutex_trylock(mu) != 0) {
        sched_enter_blocking();
        blocking = true;
        pthread_mutex_lock(mu);
    }
    if (!blocking && s->may_block && !vm_out_ready(fd, n)) {
        sched_enter_blocking();
        blocking = true;
    }
    size_t done = 0;
    int err = 0;
    while (done < n) {
        ssize_t w = write(fd, p + done, n - done);
        if (w >= 0) {
            done += (size_t)w;
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            /* a descriptor the parent made non-blocking: wait for room */
            if (!blocking) {
                sched_enter_blocking();
                blocking = true;
            }
            struct pollfd pf = {.fd = fd, .events = POLLOUT};
            while (poll(&pf, 1, -1) < 0 && errno == EINTR)
                ;
            continue;
        }
        err = errno;
        break;
    }
    pthread_mutex_unlock(mu);
    if (blocking)
        sched_exit_blocking();
    /* Go's epipecheck: a broken standard output or error ends the process
     * by SIGPIPE (signal.h), whoever wrote (fmt, os, print, a report). */
    if (err == EPIPE)
        sig_on_epipe(fd);
    return err ? -err : (int64_t)n;
}

/* Writes all n bytes to a host's FILE and flushes it. */
static int64_t vm_out_file(FILE *f, const char *p, size_t n)
{
    flockfile(f);
    errno = 0;
    size_t w = fwrite(p, 1, n, f);
    bool ok = w == n && fflush(f) == 0;
    int err = errno ? errno : EIO;
    if (!ok)
        clearerr(f);
    funlockfile(f);
    return ok ? (int64_t)n : -err;
}

int64_t vm_write(VM *vm, int which, const void *p, size_t n)
{
    VMStream def;
    const VMStream *s;
    if (vm) {
        s = which == 1 ? &vm->stdout_s : &vm->stderr_s;
    } else {
        /* no VM (a report from outside a run): the process's stream */
        def = (VMStream){.fd = which, .file = which == 1 ? stdout : stderr, .may_block = false};
        s = &def;
    }
    if (n == 0)
        return 0;
    return s->fd >= 0 ? vm_out_fd(s, p, n) : vm_out_file(s->file, p, n);
}

void vm_writef(VM *vm, int which, const char *fmt, ...)
{
    char small[512], *buf = small;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof small) {
        buf = malloc((size_t)n + 1);
        if (!buf)
            return;
        va_start(ap, fmt);
        vsnprintf(buf, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    vm_write(vm, which, buf, (size_t)n);
    if (buf != small)
        free(buf);
}
