/* signal.h — process signals (runtime/signal.c): one process-wide handler,
 * delivery to os/signal channels, Go's default dispositions, and the fatal
 * report of a fault.
 *
 * The handler only records: a signal some channel wants sets a bit of an
 * atomic pending mask and wakes the delivery thread (a semaphore post, which
 * is async-signal-safe); the delivery thread, a collector-registered thread
 * outside the scheduler, sends it to every channel registered for it with a
 * non-blocking send, as Go's os/signal does (a full buffer drops it). A
 * signal nobody wants takes Go's default action, also from the delivery
 * thread (flushing first): SIGHUP, SIGINT and SIGTERM end the process by the
 * signal; SIGQUIT prints every goroutine and exits 2; the others Go ignores
 * (SIGUSR1, SIGALRM, SIGWINCH, SIGPIPE from the kernel, ...) are ignored.
 * Faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL) are reported on the faulting
 * thread itself, Go-style, with exit status 2.
 *
 * The collector's stop-the-world signals (GC_get_suspend_signal and
 * GC_get_thr_restart_signal, SIGPWR and SIGXCPU on Linux) are never
 * touched, and never blocked in threads csp makes. Pre-emption uses no
 * signal (an instruction budget), so nothing else is shared.
 */
#ifndef CSP_SIGNAL_H
#define CSP_SIGNAL_H

#include <stdbool.h>

#include "chan.h"
#include "value.h"

/* Signal numbers 1 .. SIG_NSIG-1 exist (Linux: 64). */
#define SIG_NSIG 65

/* What the signal module asks of the VM. Every hook may be NULL. */
typedef struct SigHooks {
    /* Writes out whatever the program's standard output and error hold
     * (called on the delivery thread before a signal death). */
    void (*flush)(void);
    /* The same from a fault handler: must not wait for a lock another
     * thread may hold forever (skip the flush rather than block). */
    void (*flush_nowait)(void);
    /* Prints every goroutine, Go's dump format, to fd (delivery thread). */
    void (*dump_all)(int fd);
    /* Prints the calling thread's goroutine with status `status` to fd,
     * using only async-signal-safe calls (a fault handler). */
    void (*dump_current)(int fd, const char *status);
} SigHooks;

/* Installs the hooks (a program about to run). */
void sig_set_hooks(const SigHooks *h);

/* Takes over the process's signals as a Go program does: installs the
 * handler for the signals Go handles from the start, and for faults
 * (chaining to a handler already there, such as a sanitizer's), starts the
 * delivery thread, and gives the calling thread an alternate signal stack.
 * Only for a program that owns the process (the command line); an embedded
 * VM leaves the host's dispositions alone until a script calls Notify.
 * Idempotent. */
void sig_take_over(void);

/* Gives the calling thread an alternate signal stack (so that a fault from
 * a C stack overflow can still be reported), registered with the
 * collector. Scheduler threads call it when they start. Idempotent. */
void sig_thread_init(void);

/* os/signal. Numbers outside 1..SIG_NSIG-1 are skipped. */

/* signal.Notify(c, ...): c receives each of the n signals sigs[i] as the
 * value vals[i] (a syscall.Signal boxed as os.Signal). */
void sig_notify(Chan *c, const int *sigs, int n, const Iface *vals);
/* signal.Stop(c): no more signals to c; returns once a delivery that had
 * already started can no longer reach c. */
void sig_stop(Chan *c);
/* signal.Reset (ignore == false) or signal.Ignore (true) of one signal:
 * unregisters it from every channel; Reset restores the default action,
 * Ignore sets SIG_IGN. */
void sig_cancel(int sig, bool ignore);
/* signal.Ignored: whether sig is ignored (by Ignore, or inherited). */
bool sig_ignored(int sig);

/* A write to fd failed with EPIPE. For standard output and error this is
 * Go's `raise SIGPIPE`: unless a channel wants SIGPIPE (it is then
 * delivered) or it is ignored, the process ends quietly by SIGPIPE. Other
 * descriptors just see the error. The writers of fd 1 and 2 call it. */
void sig_on_epipe(int fd);

/* Foreign calls: the calling thread is inside the C function `name` (NULL:
 * no longer). A fault meanwhile is reported as Go reports one in cgo code. */
void sig_foreign_enter(const char *name);
void sig_foreign_exit(void);

#endif
