/* signal.c — process signals: the one handler, delivery to os/signal
 * channels, Go's default dispositions and the report of a fault
 * (signal.h says what each does).
 *
 * Owns: every sigaction csp makes, the table of which channel wants which
 * signal, the delivery thread, and the alternate signal stacks of
 * scheduler threads. Must never: touch the collector's stop-the-world
 * signals, do anything but atomic stores, sem_post and write(2) inside the
 * asynchronous handler, or block a signal in a thread it did not make.
 *
 * Go's model, followed closely (runtime/signal_unix.go, os/signal): a
 * signal a channel wants is queued and delivered (handler → mask →
 * delivery loop → non-blocking sends); one nobody wants takes the action
 * of Go's signal table (die by the signal, throw with a goroutine dump, or
 * nothing). The disposition in force before a handler was installed is
 * remembered (Go's fwdSig) so that Reset can give it back when Go would
 * not have installed one by default (SIGHUP and SIGINT inherited as
 * ignored, an embedded VM's host).
 *
 * Locks: sig.mu guards the channel table, the reference counts and the
 * sigaction calls; the delivery thread holds it while sending (each send
 * takes that channel's lock, which may take sched.lock: mu → chan → sched,
 * never the other way round). The handler takes no lock.
 */
#include <gc.h>

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "sched.h"
#include "signal.h"

/* Go's signal table flags, for the signals csp handles. */
enum {
    F_NOTIFY = 1, /* os/signal may ask for it (a handler is installed) */
    F_KILL = 2,   /* unwanted: the process dies by it */
    F_THROW = 4,  /* unwanted: goroutine dump, exit 2 */
    F_FAULT = 8,  /* synchronous fault: reported on the faulting thread */
    F_START = 16, /* handled from the start (else only once Notify asks) */
};

/* Go's names ("SIGQUIT: quit") and flags of Linux's signals 1..31. Signals
 * whose default action tools rely on stay untouched until asked for:
 * SIGCHLD (child reaping), SIGPROF (profilers), SIGABRT (abort() must
 * still core-dump), SIGTRAP (debuggers), and the job-control signals. */
static const struct {
    unsigned flags;
    const char *name;
} sig_table[32] = {
    [SIGHUP] = {F_NOTIFY | F_KILL | F_START, "SIGHUP: terminal line hangup"},
    [SIGINT] = {F_NOTIFY | F_KILL | F_START, "SIGINT: interrupt"},
    [SIGQUIT] = {F_NOTIFY | F_THROW | F_START, "SIGQUIT: quit"},
    [SIGILL] = {F_FAULT, "SIGILL: illegal instruction"},
    [SIGTRAP] = {F_NOTIFY, "SIGTRAP: trace trap"},
    [SIGABRT] = {F_NOTIFY, "SIGABRT: abort"},
    [SIGBUS] = {F_FAULT, "SIGBUS: bus error"},
    [SIGFPE] = {F_FAULT, "SIGFPE: floating-point exception"},
    [SIGKILL] = {0, "SIGKILL: kill"},
    [SIGUSR1] = {F_NOTIFY | F_START, "SIGUSR1: user-defined signal 1"},
    [SIGSEGV] = {F_FAULT, "SIGSEGV: segmentation violation"},
    [SIGUSR2] = {F_NOTIFY | F_START, "SIGUSR2: user-defined signal 2"},
    [SIGPIPE] = {F_NOTIFY | F_START, "SIGPIPE: write to broken pipe"},
    [SIGALRM] = {F_NOTIFY | F_START, "SIGALRM: alarm clock"},
    [SIGTERM] = {F_NOTIFY | F_KILL | F_START, "SIGTERM: termination"},
    [SIGSTKFLT] = {F_NOTIFY | F_THROW | F_START, "SIGSTKFLT: stack fault"},
    [SIGCHLD] = {F_NOTIFY, "SIGCHLD: child status has changed"},
    [SIGCONT] = {F_NOTIFY, "SIGCONT: continue"},
    [SIGSTOP] = {0, "SIGSTOP: stop, unblockable"},
    [SIGTSTP] = {F_NOTIFY, "SIGTSTP: keyboard stop"},
    [SIGTTIN] = {F_NOTIFY, "SIGTTIN: background read from tty"},
    [SIGTTOU] = {F_NOTIFY, "SIGTTOU: background write to tty"},
    [SIGURG] = {F_NOTIFY | F_START, "SIGURG: urgent condition on socket"},
    [SIGXCPU] = {F_NOTIFY | F_START, "SIGXCPU: cpu limit exceeded"},
    [SIGXFSZ] = {F_NOTIFY | F_START, "SIGXFSZ: file size limit exceeded"},
    [SIGVTALRM] = {F_NOTIFY | F_START, "SIGVTALRM: virtual alarm clock"},
    [SIGPROF] = {F_NOTIFY, "SIGPROF: profiling alarm clock"},
    [SIGWINCH] = {F_NOTIFY | F_START, "SIGWINCH: window size change"},
    [SIGIO] = {F_NOTIFY | F_START, "SIGIO: i/o now possible"},
    [SIGPWR] = {F_NOTIFY | F_START, "SIGPWR: power failure restart"},
    [SIGSYS] = {F_NOTIFY | F_THROW | F_START, "SIGSYS: bad system call"},
};

#define SIG_BIT(n) (1ull << ((n)-1))

/* A channel registered by Notify and the signals it wants. */
typedef struct SigHandler {
    struct SigHandler *next;
    Chan *c;
    uint64_t mask;
    bool stopping; /* Stop removed it; deliveries already under way may
                      still reach it until Stop returns */
} SigHandler;

static struct {
    pthread_mutex_t mu;
    bool started;                   /* state initialised, delivery thread running */
    bool taken;                     /* sig_take_over: Go's dispositions are in force */
    bool kept;                      /* sched_keepalive taken for os/signal */
    SigHandler *handlers;           /* collected memory, reachable from here */
    int ref[SIG_NSIG];              /* channels wanting each signal */
    bool handling[SIG_NSIG];        /* our handler is installed */
    struct sigaction fwd[SIG_NSIG]; /* the disposition before ours */
    Iface vals[SIG_NSIG];           /* what a channel receives */
    SigHooks hooks;

    /* Shared with the handler: lock-free. */
    _Atomic uint64_t wanted;         /* some channel wants it */
    _Atomic uint64_t ignored;        /* Ignore()d, or inherited as ignored */
    _Atomic uint64_t pending;        /* queued for delivery to channels */
    _Atomic uint64_t die;            /* unwanted, with a default action to take */
    _Atomic int delivering;          /* handlers between reading wanted and
                                        posting (Go's sig.delivering) */
    _Atomic uint64_t posts, handled; /* wake-ups posted and consumed */
    _Atomic uintptr_t die_pc;
    _Atomic int die_code;
    _Atomic int crashing;
    sem_t sem;
} sig = {.mu = PTHREAD_MUTEX_INITIALIZER};

/* The handlers that were in place for the faults before ours (a
 * sanitizer's): a fault that is not ours to report goes to them. */
static struct sigaction sig_fault_old[SIG_NSIG];

/* The foreign function the calling thread is inside, if any. */
static __thread const char *sig_foreign;

static unsigned sig_flags(int n)
{
    if (n < 32)
        return sig_table[n].flags;
    if (n >= SIGRTMIN && n < SIG_NSIG)
        return F_NOTIFY | F_START; /* Go ignores real-time signals */
    return 0;                      /* 32, 33: the C library's own */
}

/* The collector's stop-the-world signals: never ours. */
static bool sig_reserved(int n)
{
    return n == GC_get_suspend_signal() || n == GC_get_thr_restart_signal();
}

/* ---- async-signal-safe output ----------------------------------------- */

static void sig_puts(int fd, const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w, n -= (size_t)w;
    }
}

static void sig_putnum(int fd, uint64_t v, bool hex)
{
    char b[24];
    int i = sizeof b;
    b[--i] = '\0';
    do {
        b[--i] = "0123456789abcdef"[v % (hex ? 16 : 10)];
        v /= hex ? 16 : 10;
    } while (v);
    if (hex) {
        b[--i] = 'x';
        b[--i] = '0';
    }
    sig_puts(fd, b + i);
}

/* The interrupted program counter. */
static uintptr_t sig_pc(void *uc)
{
#if defined(__x86_64__)
    return uc ? (uintptr_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP] : 0;
#elif defined(__aarch64__)
    return uc ? (uintptr_t)((ucontext_t *)uc)->uc_mcontext.pc : 0;
#else
    (void)uc;
    return 0;
#endif
}

/* ---- the handler ------------------------------------------------------ */

/* Queues n for the channels that want it (Go's sigsend); false when none
 * does. Async-signal-safe. */
static bool sig_send(int n)
{
    atomic_fetch_add(&sig.delivering, 1);
    if (!(atomic_load(&sig.wanted) & SIG_BIT(n))) {
        atomic_fetch_sub(&sig.delivering, 1);
        return false;
    }
    atomic_fetch_or(&sig.pending, SIG_BIT(n));
    atomic_fetch_add(&sig.posts, 1);
    sem_post(&sig.sem);
    atomic_fetch_sub(&sig.delivering, 1);
    return true;
}

static _Noreturn void sig_fault(int n, siginfo_t *si, void *uc);

static void sig_handler(int n, siginfo_t *si, void *uc)
{
    int saved = errno;
    unsigned flags = sig_flags(n);
    bool user = si && si->si_code <= 0; /* kill, tgkill, sigqueue */
    if ((flags & F_FAULT) && !user) {
        const struct sigaction *old = &sig_fault_old[n];
        if (!sig_foreign && (old->sa_flags & SA_SIGINFO ||
                             (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN))) {
            /* Not ours: hand it back (a sanitizer reports it). The
             * faulting instruction runs again under the old handler. */
            sigaction(n, old, NULL);
            errno = saved;
            return;
        }
        sig_fault(n, si, uc);
    }
    if (sig_send(n))
        goto out;
    if (user && (atomic_load(&sig.ignored) & SIG_BIT(n)))
        goto out;
    if (flags & (F_KILL | F_THROW | F_FAULT)) {
        atomic_store(&sig.die_pc, sig_pc(uc));
        atomic_store(&sig.die_code, si ? si->si_code : 0);
        atomic_fetch_or(&sig.die, SIG_BIT(n));
        sem_post(&sig.sem);
    }
out:
    errno = saved;
}

static void sig_install(int n)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = sig_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(n, &sa, NULL);
}

/* ---- faults ----------------------------------------------------------- */

/* A fault on this thread: Go's report, exit 2. Only the first faulting
 * thread reports; any other waits for the exit. */
static _Noreturn void sig_fault(int n, siginfo_t *si, void *uc)
{
    if (atomic_exchange(&sig.crashing, 1))
        for (;;)
            pause();
    const char *fname = sig_foreign;
    if (sig.hooks.flush_nowait)
        sig.hooks.flush_nowait();
    if (fname) {
        sig_puts(2, "fatal error: unexpected signal during foreign call to ");
        sig_puts(2, fname);
        sig_puts(2, "\n");
    } else {
        sig_puts(2, "fatal error: unexpected signal during runtime execution\n");
    }
    /* [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x...] */
    sig_puts(2, "[signal ");
    sig_puts(2, sig_table[n].name);
    sig_puts(2, " code=");
    sig_putnum(2, (uint64_t)(uint32_t)(si ? si->si_code : 0), true);
    sig_puts(2, " addr=");
    sig_putnum(2, (uint64_t)(uintptr_t)(si ? si->si_addr : 0), true);
    sig_puts(2, " pc=");
    sig_putnum(2, sig_pc(uc), true);
    sig_puts(2, "]\n");
    if (sig.hooks.dump_current)
        sig.hooks.dump_current(2, fname ? "syscall" : "running");
    _exit(2);
}

/* ---- default actions (delivery thread) -------------------------------- */

/* Ends the process by signal n as Go's dieFromSignal does: the parent
 * sees the signal, not an exit status. */
static _Noreturn void sig_die(int n)
{
    if (sig.hooks.flush)
        sig.hooks.flush();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(n, &sa, NULL);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, n);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    raise(n);
    for (int i = 0; i < 3; i++)
        sched_yield();
    kill(getpid(), n);
    struct timespec ts = {0, 100000000};
    nanosleep(&ts, NULL);
    _exit(2);
}

/* SIGQUIT and the other throwing signals: Go's crash report. */
static _Noreturn void sig_throw(int n)
{
    if (sig.hooks.flush)
        sig.hooks.flush();
    sig_puts(2, n < 32 ? sig_table[n].name : "signal");
    sig_puts(2, "\nPC=");
    sig_putnum(2, atomic_load(&sig.die_pc), true);
    sig_puts(2, " m=0 sigcode=");
    int code = atomic_load(&sig.die_code);
    if (code < 0) {
        sig_puts(2, "-");
        code = -code;
    }
    sig_putnum(2, (uint64_t)code, false);
    if (n == SIGSEGV || n == SIGBUS)
        sig_puts(2, " addr=0x0");
    sig_puts(2, "\n");
    if (sig.hooks.dump_all)
        sig.hooks.dump_all(2);
    _exit(2);
}

/* Sends n to every channel that wants it, without blocking. */
static void sig_deliver_one(int n)
{
    for (SigHandler *h = sig.handlers; h; h = h->next)
        if (h->mask & SIG_BIT(n))
            (void)chan_send(h->c, &sig.vals[n], NULL, false);
}

static void *sig_loop(void *arg)
{
    (void)arg;
    /* Asynchronous signals go to other threads: this one may be busy
     * delivering. Faults and the collector's signals stay open. */
    sigset_t s;
    sigfillset(&s);
    sigdelset(&s, SIGSEGV);
    sigdelset(&s, SIGBUS);
    sigdelset(&s, SIGFPE);
    sigdelset(&s, SIGILL);
    sigdelset(&s, GC_get_suspend_signal());
    sigdelset(&s, GC_get_thr_restart_signal());
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    for (;;) {
        while (sem_wait(&sig.sem) != 0)
            ;
        uint64_t die = atomic_exchange(&sig.die, 0);
        uint64_t pend = atomic_exchange(&sig.pending, 0);
        if (pend) {
            pthread_mutex_lock(&sig.mu);
            for (int n = 1; n < SIG_NSIG; n++)
                if (pend & SIG_BIT(n))
                    sig_deliver_one(n);
            pthread_mutex_unlock(&sig.mu);
        }
        atomic_fetch_add(&sig.handled, 1);
        for (int n = 1; die && n < SIG_NSIG; n++) {
            if (!(die & SIG_BIT(n)))
                continue;
            if (sig_flags(n) & F_KILL)
                sig_die(n);
            sig_throw(n);
        }
    }
    return NULL;
}

/* Initialises the state and starts the delivery thread. Under sig.mu. */
static void sig_start_locked(void)
{
    if (sig.started)
        return;
    sig.started = true;
    sem_init(&sig.sem, 0, 0);
    pthread_t th;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* gc.h makes this GC_pthread_create: the thread is registered. */
    if (pthread_create(&th, &attr, sig_loop, NULL) != 0) {
        sig_puts(2, "fatal error: cannot create the signal thread\n");
        _exit(2);
    }
    pthread_attr_destroy(&attr);
}

/* ---- set-up ------------------------------------------------------------ */

void sig_set_hooks(const SigHooks *h)
{
    pthread_mutex_lock(&sig.mu);
    sig.hooks = *h;
    pthread_mutex_unlock(&sig.mu);
}

/* Whether Go would have n handled without any Notify (so Reset keeps our
 * handler rather than restoring the one before it). Under sig.mu. */
static bool sig_by_default(int n)
{
    if (!sig.taken || !(sig_flags(n) & F_START) || sig_reserved(n))
        return false;
    if ((n == SIGHUP || n == SIGINT) && !(sig.fwd[n].sa_flags & SA_SIGINFO) &&
        sig.fwd[n].sa_handler == SIG_IGN)
        return false;
    return true;
}

void sig_take_over(void)
{
    pthread_mutex_lock(&sig.mu);
    if (sig.taken) {
        pthread_mutex_unlock(&sig.mu);
        return;
    }
    sig.taken = true;
    sig_start_locked();
    for (int n = 1; n < SIG_NSIG; n++) {
        unsigned f = sig_flags(n);
        if (sig_reserved(n))
            continue;
        if (f & F_FAULT) {
            sigaction(n, NULL, &sig_fault_old[n]);
            sig_install(n);
            continue;
        }
        if (!(f & F_START) || sig.handling[n])
            continue;
        sigaction(n, NULL, &sig.fwd[n]);
        if (!sig_by_default(n)) {
            /* SIGHUP/SIGINT ignored by whoever started us (nohup): they
             * stay ignored, and Ignored says so. */
            atomic_fetch_or(&sig.ignored, SIG_BIT(n));
            continue;
        }
        sig_install(n);
        sig.handling[n] = true;
    }
    /* Threads inherit this thread's mask: the collector's signals and the
     * faults must reach every one of them. */
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGSEGV);
    sigaddset(&s, SIGBUS);
    sigaddset(&s, SIGFPE);
    sigaddset(&s, SIGILL);
    sigaddset(&s, GC_get_suspend_signal());
    sigaddset(&s, GC_get_thr_restart_signal());
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    pthread_mutex_unlock(&sig.mu);
    sig_thread_init();
}

void sig_thread_init(void)
{
    static __thread bool done;
    if (done)
        return;
    done = true;
    stack_t cur;
    if (sigaltstack(NULL, &cur) == 0 && !(cur.ss_flags & SS_DISABLE))
        return; /* one is there already (a sanitizer's) */
    size_t size = 64 * 1024;
    void *p = malloc(size);
    if (!p)
        return;
    stack_t ss = {.ss_sp = p, .ss_size = size, .ss_flags = 0};
    if (sigaltstack(&ss, NULL) != 0) {
        free(p);
        return;
    }
    /* The collector must know: a thread stopped while on its alternate
     * stack is scanned from there. */
    pthread_attr_t attr;
    void *base;
    size_t stsize;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        if (pthread_attr_getstack(&attr, &base, &stsize) == 0)
            GC_register_altstack(base, stsize, p, size);
        pthread_attr_destroy(&attr);
    }
}

/* ---- os/signal --------------------------------------------------------- */

/* Go's signal_enable. Under sig.mu. */
static void sig_enable(int n)
{
    atomic_fetch_or(&sig.wanted, SIG_BIT(n));
    atomic_fetch_and(&sig.ignored, ~SIG_BIT(n));
    if (!(sig_flags(n) & F_NOTIFY) || sig.handling[n])
        return;
    sigaction(n, NULL, &sig.fwd[n]);
    sig_install(n);
    sig.handling[n] = true;
}

/* Go's signal_disable: the default action again. Under sig.mu. */
static void sig_disable(int n)
{
    atomic_fetch_and(&sig.wanted, ~SIG_BIT(n));
    if ((sig_flags(n) & F_NOTIFY) && sig.handling[n] && !sig_by_default(n)) {
        sigaction(n, &sig.fwd[n], NULL);
        sig.handling[n] = false;
    }
}

/* Go's signal_ignore. Under sig.mu. */
static void sig_ignore(int n)
{
    atomic_fetch_and(&sig.wanted, ~SIG_BIT(n));
    atomic_fetch_or(&sig.ignored, SIG_BIT(n));
    if (!(sig_flags(n) & F_NOTIFY))
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sigemptyset(&sa.sa_mask);
    sigaction(n, &sa, NULL);
    sig.handling[n] = false;
}

static bool sig_valid(int n)
{
    return n > 0 && n < SIG_NSIG && !sig_reserved(n);
}

void sig_notify(Chan *c, const int *sigs, int n, const Iface *vals)
{
    pthread_mutex_lock(&sig.mu);
    sig_start_locked();
    SigHandler *h = sig.handlers;
    while (h && (h->c != c || h->stopping))
        h = h->next;
    if (!h) {
        h = GC_MALLOC(sizeof *h);
        h->c = c;
        h->next = sig.handlers;
        sig.handlers = h;
    }
    for (int i = 0; i < n; i++) {
        int s = sigs[i];
        if (!sig_valid(s))
            continue;
        sig.vals[s] = vals[i];
        if (h->mask & SIG_BIT(s))
            continue;
        h->mask |= SIG_BIT(s);
        if (sig.ref[s]++ == 0)
            sig_enable(s);
    }
    /* Go's signal loop, once started, keeps the program from ever being
     * reported as deadlocked: a signal may still come. */
    if (!sig.kept) {
        sig.kept = true;
        sched_keepalive(1);
    }
    pthread_mutex_unlock(&sig.mu);
}

/* Unlinks h. Under sig.mu. */
static void sig_unlink(SigHandler *h)
{
    for (SigHandler **pp = &sig.handlers; *pp; pp = &(*pp)->next)
        if (*pp == h) {
            *pp = h->next;
            return;
        }
}

void sig_stop(Chan *c)
{
    pthread_mutex_lock(&sig.mu);
    SigHandler *h = sig.handlers;
    while (h && (h->c != c || h->stopping))
        h = h->next;
    if (!h) {
        pthread_mutex_unlock(&sig.mu);
        return;
    }
    h->stopping = true;
    for (int n = 1; n < SIG_NSIG; n++)
        if ((h->mask & SIG_BIT(n)) && --sig.ref[n] == 0)
            sig_disable(n);
    pthread_mutex_unlock(&sig.mu);
    /* As Go's Stop: a signal whose handler saw c still wanted must reach
     * it (or the program would neither receive it nor take the default
     * action), so wait until every delivery begun so far is done. */
    if (sig.started) {
        sched_enter_blocking();
        while (atomic_load(&sig.delivering) != 0)
            sched_yield();
        uint64_t target = atomic_load(&sig.posts);
        while (atomic_load(&sig.handled) < target) {
            struct timespec ts = {0, 50000};
            nanosleep(&ts, NULL);
        }
        sched_exit_blocking();
    }
    pthread_mutex_lock(&sig.mu);
    sig_unlink(h);
    pthread_mutex_unlock(&sig.mu);
}

void sig_cancel(int n, bool ignore)
{
    if (!sig_valid(n))
        return;
    pthread_mutex_lock(&sig.mu);
    for (SigHandler *h = sig.handlers, *next; h; h = next) {
        next = h->next;
        if (h->stopping || !(h->mask & SIG_BIT(n)))
            continue;
        sig.ref[n]--;
        h->mask &= ~SIG_BIT(n);
        if (!h->mask)
            sig_unlink(h);
    }
    if (ignore)
        sig_ignore(n);
    else
        sig_disable(n);
    pthread_mutex_unlock(&sig.mu);
}

bool sig_ignored(int n)
{
    return n > 0 && n < SIG_NSIG && (atomic_load(&sig.ignored) & SIG_BIT(n));
}

/* ---- broken pipes and foreign calls ------------------------------------ */

void sig_on_epipe(int fd)
{
    if ((fd != 1 && fd != 2) || !sig.taken)
        return;
    if (sig_ignored(SIGPIPE) || sig_send(SIGPIPE))
        return;
    sig_die(SIGPIPE);
}

void sig_foreign_enter(const char *name)
{
    sig_foreign = name;
}

void sig_foreign_exit(void)
{
    sig_foreign = NULL;
}
