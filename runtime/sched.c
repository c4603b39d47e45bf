/* sched.c — goroutines scheduled M:N over OS threads (Go's GMP design).
 *
 * Owns: Ps (processors with a local run queue and a `runnext` slot), Ms (OS
 * threads), the global run queue, idle-thread parking, work stealing, the
 * blocking-call hand-off, the pre-emption monitor (sysmon), G allocation
 * and reuse, deadlock detection, and the stand-in Gs of host threads.
 *
 * Never: runs bytecode (the runner installed by sched_init does), knows what
 * a fiber is, or blocks a thread while holding a P except inside a runner.
 *
 * Locks and orders. `sched.lock` guards the global queue, the idle P and M
 * lists and the counters that deadlock detection reads; it may be taken
 * while holding a channel lock (sched_ready from a waker) and it takes an
 * M's note mutex and the timer lock (timer_pending) inside it, never the
 * other way round. Local run queues are lock-free rings: the owner pushes at
 * the tail, the owner and thieves take from the head with a CAS (Go's
 * runqput/runqget/runqgrab).
 *
 * The invariant deadlock detection rests on: every wake-up of a G comes
 * either from a thread holding a P (the G goes to that P's queue, so the P
 * is busy) or from a thread without one (the G goes to the global queue
 * under sched.lock), or from a thread inside sched_enter_blocking (counted),
 * or from a timer (counted by timer_pending) or a host (sched_keepalive),
 * or from the poller (counted by netpoll_waiters until the G is queued).
 * So when no P is held, the global queue is empty and none of those
 * counters is set, nothing can ever run again.
 *
 * The poller (netpoll.c) is polled without blocking by findrunnable before
 * it steals and by sysmon when nobody has for 10 ms; a thread that gives
 * up its P while goroutines wait on descriptors blocks in it instead of
 * sleeping (one at a time), until an event, the next timer, or a break
 * (a timer moved earlier, sched_stop). It is on no idle list meanwhile:
 * wakep starts another thread if work comes from elsewhere, as in Go.
 */
#include <gc.h>

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "netpoll.h"
#include "sched.h"
#include "signal.h"
#include "timer.h"

#define RUNQ_SIZE 256        /* local run queue ring (a power of two) */
#define MAX_PROCS 1024       /* upper bound on GOMAXPROCS */
#define GFREE_LOCAL_MAX 64   /* dead Gs cached per P before spilling */
#define GLOBAL_TICK 61       /* check the global queue every 61 ticks */
#define PREEMPT_NS 10000000  /* a G running longer than 10ms is pre-empted */
#define SYSMON_NS 10000000   /* monitor period */
#define STEAL_ROUNDS 4
#define SPIN_NS 200000       /* a spinner keeps its P this long before parking */

/* ---- ThreadSanitizer builds: letting the collector stop every thread -- */

#if defined(__SANITIZE_THREAD__)
#define SCHED_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SCHED_TSAN 1
#endif
#endif

#ifdef SCHED_TSAN
/* The collector stops the world by signalling every registered thread and
 * waiting until each handler acknowledges. TSan defers an asynchronous
 * signal to the thread's next exit from an intercepted call, unless the
 * thread is inside one TSan marks as blocking (cond waits, sleeps, reads).
 * pthread_mutex_lock is neither: glibc retries its futex wait after the
 * signal, so a thread waiting for a mutex never runs the handler. When the
 * holder is the collecting thread (libgc takes its allocation lock with
 * pthread_mutex_lock while a collection runs) or a thread it has already
 * stopped (any of our own locks), the world never stops and libgc aborts
 * with "Signals delivery fails constantly". So in TSan builds this
 * definition replaces libc's for the whole process (the executable comes
 * first in symbol lookup, libgc's calls included): it waits in 1 ms slices
 * through pthread_mutex_timedlock, whose interceptor returns between
 * slices, which is where TSan runs the deferred handler. The mutex is
 * still a mutex to TSan (both calls are intercepted), modelled as a
 * try-lock: lock-order inversions through a contended wait go unreported.
 * Never compiled into other builds. */
int pthread_mutex_lock(pthread_mutex_t *mu)
{
    int r = pthread_mutex_trylock(mu);
    while (r == EBUSY || r == ETIMEDOUT) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts); /* timedlock's clock */
        ts.tv_nsec += 1000000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        r = pthread_mutex_timedlock(mu, &ts);
    }
    return r;
}

/* The collector's suspend handler runs, when TSan deferred it, inside
 * TSan's ProcessPendingSignals, which blocks every signal, saves the
 * thread's mask in one per-thread slot and restores it afterwards. The
 * handler waits in sigsuspend for the restart signal, which TSan defers
 * too; leaving sigsuspend runs ProcessPendingSignals again, nested, and
 * that overwrites the saved slot with the block-everything mask. The
 * thread then runs on with every signal blocked, never acknowledges the
 * next stop, and libgc aborts. So the handler is wrapped: before libgc's
 * runs, the mask becomes the process's own (csp never changes a thread's
 * mask, so every thread has the one main had at start) plus the restart
 * signal (which libgc needs blocked until its sigsuspend). The nested
 * call then saves and restores that, and the thread leaves with it. */
static struct sigaction sched_gc_suspend;
static sigset_t sched_handler_mask;

static void sched_suspend_wrapper(int sig, siginfo_t *si, void *uc)
{
    pthread_sigmask(SIG_SETMASK, &sched_handler_mask, NULL);
    if (sched_gc_suspend.sa_flags & SA_SIGINFO)
        sched_gc_suspend.sa_sigaction(sig, si, uc);
    else
        sched_gc_suspend.sa_handler(sig);
}

static void sched_tsan_init(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    pthread_sigmask(SIG_BLOCK, NULL, &sched_handler_mask);
    sigaddset(&sched_handler_mask, GC_get_thr_restart_signal());
    struct sigaction sa;
    if (sigaction(GC_get_suspend_signal(), NULL, &sched_gc_suspend) != 0)
        return;
    sa = sched_gc_suspend;
    sa.sa_flags |= SA_SIGINFO;
    sa.sa_sigaction = sched_suspend_wrapper;
    sigaction(GC_get_suspend_signal(), &sa, NULL);
}
#else
static void sched_tsan_init(void) {}
#endif

/* ---- notes: one-shot wake-ups of a sleeping thread -------------------- */

/* A thread sleeps on its note until another sets it (Go's note). A
 * condition variable on CLOCK_MONOTONIC, so timed sleeps follow timers. */
typedef struct Note {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool set;
} Note;

static void note_init(Note *n)
{
    pthread_condattr_t a;
    pthread_condattr_init(&a);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    pthread_mutex_init(&n->mu, NULL);
    pthread_cond_init(&n->cv, &a);
    pthread_condattr_destroy(&a);
    n->set = false;
}

static void note_wakeup(Note *n)
{
    pthread_mutex_lock(&n->mu);
    n->set = true;
    pthread_cond_signal(&n->cv);
    pthread_mutex_unlock(&n->mu);
}

/* Sleeps until woken (returns true, consuming the wake-up) or until the
 * monotonic time `deadline` (-1: none) passes (returns false). */
static bool note_sleep(Note *n, int64_t deadline)
{
    pthread_mutex_lock(&n->mu);
    while (!n->set) {
        if (deadline < 0) {
            pthread_cond_wait(&n->cv, &n->mu);
            continue;
        }
        struct timespec ts = {.tv_sec = deadline / 1000000000,
                              .tv_nsec = deadline % 1000000000};
        if (pthread_cond_timedwait(&n->cv, &n->mu, &ts) == ETIMEDOUT && !n->set) {
            pthread_mutex_unlock(&n->mu);
            return false;
        }
    }
    n->set = false;
    pthread_mutex_unlock(&n->mu);
    return true;
}

/* ---- P, M and the global state ------------------------------------- */

typedef enum { P_IDLE, P_RUNNING, P_DEAD } PStatus;

struct P {
    int id;
    PStatus status;       /* under sched.lock */
    P *link;              /* idle list */
    _Atomic uint32_t runqhead, runqtail;
    _Atomic(G *) runq[RUNQ_SIZE];
    _Atomic(G *) runnext;
    _Atomic uint32_t schedtick; /* read by sysmon */
    _Atomic(G *) curg;          /* read by sysmon and thieves */
    _Atomic uint32_t nswitch;   /* Gs started on this P (owner writes) */
    G *gfree;                   /* dead Gs for reuse (owner only) */
    int ngfree;
    uint32_t sysmon_tick;       /* sysmon-private: last tick seen ... */
    int64_t sysmon_when;        /* ... and when it was first seen */
};

typedef struct M {
    Note park;
    P *p;          /* the P held, NULL when idle or in a blocking call */
    P *nextp;      /* handed over by whoever wakes this M */
    P *oldp;       /* the P released by sched_enter_blocking */
    G *curg;
    bool spinning; /* looking for work while holding a P */
    int64_t spin_since; /* when a spinner first found nothing (0: not yet) */
    bool idle;     /* on the idle M list */
    bool is_main;  /* the thread of sched_run_main */
    bool blocking; /* between enter_blocking and exit_blocking */
    bool abort_armed;   /* abort_jb is valid: inside schedule() */
    sigjmp_buf abort_jb; /* where sched_abort_g returns to */
    uint64_t rand;
    struct M *link;    /* idle or exit-wait list */
    struct M *alllink; /* every M, for the collector */
} M;

static struct {
    pthread_mutex_t lock;
    bool inited;
    /* Atomic: a later run's sched_init and set_deadlock_hook store them
     * while threads of the run before may still be reading them (on their
     * way back to sleep). Relaxed loads: plain moves on x86. */
    _Atomic(SchedRunner) runner;
    _Atomic(SchedDeadlockHook) deadlock_hook;

    _Atomic int nprocs;        /* GOMAXPROCS; written under lock */
    P *allp[MAX_PROCS];
    _Atomic int nallp;         /* allp[0..nallp) exist; grows only */
    P *pidle;                  /* idle Ps */
    _Atomic int npidle;
    int npbusy;                /* Ps held by some M */
    M *midle;                  /* idle Ms */
    M *exitwait;               /* Ms in exit_blocking waiting for a P */
    _Atomic int nexitwait;
    M *allm;
    M *timer_sleeper;          /* the idle M sleeping until a timer is due */
    int64_t sleeper_when;
    _Atomic int nmspinning;

    G *runqhead, *runqtail;    /* global run queue */
    _Atomic int runqsize;
    /* The global dead-G cache has its own lock, as in Go: Ps spill and
     * refill it in batches whenever goroutines come and go by the
     * thousand, and doing that under sched.lock made every spawn or exit
     * burst contend with the run queues. Taken after sched.lock when both
     * are held (p_drain). */
    pthread_mutex_t gfreelock;
    G *gfree;
    _Atomic int ngfree;

    int nblocking;             /* Ms inside enter/exit_blocking */
    _Atomic int keepalive;
    _Atomic bool done;         /* main exited (or deadlock reported) */
    bool deadlocked;
    _Atomic bool started;
    bool sysmon_started;
    bool sysmonwait;
    pthread_cond_t sysmon_cv;
    _Atomic int64_t deadline;  /* sched_set_deadline: 0, or monotonic ns */
    void (*expired)(void);     /* its hook (set before the run starts) */

    pthread_mutex_t allglock;
    /* Every G ever made (dead ones are reused), oldest first. An array,
     * not a list through the Gs: the collector's parallel markers split a
     * large array between them, where a million-long chain is marked one
     * dependent load at a time by one marker. */
    G **allgs;
    size_t nallgs, allgcap;
    _Atomic uint64_t goid;
    _Atomic int ngoroutines;   /* of the current run */
    _Atomic uint32_t gen;      /* the current run; bumped by sched_stop */
    bool ran;                  /* a run has ended: the next one cleans up */
} sched;

static __thread M *cur_m;
static __thread G *cur_g;

/* Set, before any second P runs, once GOMAXPROCS has been above 1. */
static _Atomic bool sched_parallel;

static void sched_default_deadlock(void);

/* A per-thread fast PRNG (wyrand) for victim order. */
static uint64_t sched_rand(M *m)
{
    m->rand += 0xa0761d6478bd642fULL;
    __uint128_t t = (__uint128_t)m->rand * (m->rand ^ 0xe7037ed1a0b428dbULL);
    return (uint64_t)(t >> 64) ^ (uint64_t)t;
}

static int64_t now_ns(void)
{
    return timer_nanotime();
}

/* ---- initialisation ----------------------------------------------- */

int sched_env_procs(void)
{
    const char *env = getenv("GOMAXPROCS");
    if (!env || !*env)
        return 0;
    char *end;
    long v = strtol(env, &end, 10);
    return *end == '\0' && v > 0 ? (int)(v < MAX_PROCS ? v : MAX_PROCS) : 0;
}

int sched_numcpu(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static P *p_new(int id)
{
    P *p = GC_MALLOC(sizeof(P));
    p->id = id;
    p->status = P_DEAD;
    return p;
}

/* Puts p on the idle list, or hands it straight to an M waiting in
 * exit_blocking, or retires it when it is beyond GOMAXPROCS. Under lock.
 * The caller has emptied its run queue or is handing it over. */
static void pidleput(P *p);

void sched_init(int procs, SchedRunner runner)
{
    GC_INIT();
    GC_allow_register_threads();
    sched_tsan_init();
    if (!sched.inited) {
        pthread_mutex_init(&sched.lock, NULL);
        pthread_mutex_init(&sched.allglock, NULL);
        pthread_mutex_init(&sched.gfreelock, NULL);
        pthread_condattr_t a;
        pthread_condattr_init(&a);
        pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
        pthread_cond_init(&sched.sysmon_cv, &a);
        pthread_condattr_destroy(&a);
        sched.inited = true;
        atomic_store(&sched.goid, 1);
        atomic_store(&sched.deadlock_hook, sched_default_deadlock);
    }
    atomic_store(&sched.runner, runner);
    if (procs <= 0) {
        procs = sched_env_procs();
        if (procs == 0)
            procs = sched_numcpu();
    }
    if (procs > MAX_PROCS)
        procs = MAX_PROCS;
    pthread_mutex_lock(&sched.lock);
    if (procs > 1)
        atomic_store(&sched_parallel, true);
    atomic_store(&sched.nprocs, procs);
    while (sched.nallp < procs) {
        sched.allp[sched.nallp] = p_new(sched.nallp);
        atomic_fetch_add(&sched.nallp, 1);
    }
    /* Ps are listed in id order so the main thread gets P0. */
    for (int i = procs - 1; i >= 0; i--)
        if (sched.allp[i]->status == P_DEAD)
            pidleput(sched.allp[i]);
    pthread_mutex_unlock(&sched.lock);
}

void sched_set_deadlock_hook(SchedDeadlockHook hook)
{
    atomic_store(&sched.deadlock_hook, hook ? hook : sched_default_deadlock);
}

void sched_keepalive(int delta)
{
    atomic_fetch_add(&sched.keepalive, delta);
}

bool sched_deadlocked(void)
{
    pthread_mutex_lock(&sched.lock);
    bool d = sched.deadlocked;
    pthread_mutex_unlock(&sched.lock);
    return d;
}

/* ---- local run queues (lock-free; Go's runqput/runqget/runqgrab) ----- */

static bool runq_empty(P *p)
{
    uint32_t h = atomic_load(&p->runqhead);
    uint32_t t = atomic_load(&p->runqtail);
    return h == t && atomic_load(&p->runnext) == NULL;
}

static void globrunq_putbatch(G *head, G *tail, int n); /* under lock */

/* The local queue is full: move half of it and g to the global queue. */
static bool runq_putslow(P *p, G *g, uint32_t h, uint32_t t)
{
    G *batch[RUNQ_SIZE / 2 + 1];
    uint32_t n = (t - h) / 2;
    for (uint32_t i = 0; i < n; i++)
        batch[i] = atomic_load_explicit(&p->runq[(h + i) % RUNQ_SIZE], memory_order_relaxed);
    if (!atomic_compare_exchange_strong_explicit(&p->runqhead, &h, h + n, memory_order_release,
                                                 memory_order_relaxed))
        return false;
    batch[n] = g;
    for (uint32_t i = 0; i < n; i++)
        batch[i]->schedlink = batch[i + 1];
    g->schedlink = NULL;
    pthread_mutex_lock(&sched.lock);
    globrunq_putbatch(batch[0], g, (int)n + 1);
    pthread_mutex_unlock(&sched.lock);
    return true;
}

/* Owner only. next: into runnext (its previous occupant goes to the tail). */
static void runq_put(P *p, G *g, bool next)
{
    if (next) {
        G *old = atomic_exchange(&p->runnext, g);
        if (!old)
            return;
        g = old;
    }
    for (;;) {
        uint32_t h = atomic_load_explicit(&p->runqhead, memory_order_acquire);
        uint32_t t = atomic_load_explicit(&p->runqtail, memory_order_relaxed);
        if (t - h < RUNQ_SIZE) {
            atomic_store_explicit(&p->runq[t % RUNQ_SIZE], g, memory_order_relaxed);
            atomic_store_explicit(&p->runqtail, t + 1, memory_order_release);
            return;
        }
        if (runq_putslow(p, g, h, t))
            return;
    }
}

/* Owner only. *inherit: the G came from runnext and shares the time slice
 * of the one that readied it (so a ping-pong pair is still pre-empted). */
static G *runq_get(P *p, bool *inherit)
{
    G *next = atomic_load(&p->runnext);
    if (next && atomic_compare_exchange_strong(&p->runnext, &next, NULL)) {
        *inherit = true;
        return next;
    }
    *inherit = false;
    for (;;) {
        uint32_t h = atomic_load_explicit(&p->runqhead, memory_order_acquire);
        uint32_t t = atomic_load_explicit(&p->runqtail, memory_order_relaxed);
        if (t == h)
            return NULL;
        G *g = atomic_load_explicit(&p->runq[h % RUNQ_SIZE], memory_order_relaxed);
        if (atomic_compare_exchange_strong_explicit(&p->runqhead, &h, h + 1, memory_order_release,
                                                    memory_order_relaxed))
            return g;
    }
}

/* A thief takes half of p's queue into batch; with steal_next it may take
 * runnext, after giving a running owner a moment to schedule it itself.
 * If the owner started any G during that moment it is cycling through
 * its own hand-offs (a ping-pong pair readying each other through
 * runnext) and the thief leaves it alone: taking the G would only move
 * the pair to another thread and its caches with it. */
static uint32_t runq_grab(P *p, G **batch, bool steal_next)
{
    for (;;) {
        uint32_t h = atomic_load_explicit(&p->runqhead, memory_order_acquire);
        uint32_t t = atomic_load_explicit(&p->runqtail, memory_order_acquire);
        uint32_t n = t - h;
        n = n - n / 2;
        if (n == 0) {
            if (!steal_next)
                return 0;
            G *next = atomic_load(&p->runnext);
            if (!next)
                return 0;
            if (atomic_load(&p->curg) != NULL) {
                uint32_t sw = atomic_load_explicit(&p->nswitch, memory_order_relaxed);
                usleep(3);
                if (atomic_load_explicit(&p->nswitch, memory_order_relaxed) != sw)
                    return 0;
            }
            if (!atomic_compare_exchange_strong(&p->runnext, &next, NULL))
                continue;
            batch[0] = next;
            return 1;
        }
        if (n > RUNQ_SIZE / 2)
            continue; /* read h and t at different moments: retry */
        for (uint32_t i = 0; i < n; i++)
            batch[i] = atomic_load_explicit(&p->runq[(h + i) % RUNQ_SIZE], memory_order_relaxed);
        if (atomic_compare_exchange_strong_explicit(&p->runqhead, &h, h + n, memory_order_release,
                                                    memory_order_relaxed))
            return n;
    }
}

static G *runq_steal(P *p, P *victim, bool steal_next)
{
    G *batch[RUNQ_SIZE / 2];
    uint32_t n = runq_grab(victim, batch, steal_next);
    if (n == 0)
        return NULL;
    for (uint32_t i = 0; i + 1 < n; i++)
        runq_put(p, batch[i], false);
    return batch[n - 1];
}

/* ---- global run queue (under sched.lock) ---------------------------- */

static void globrunq_put(G *g)
{
    g->schedlink = NULL;
    if (sched.runqtail)
        sched.runqtail->schedlink = g;
    else
        sched.runqhead = g;
    sched.runqtail = g;
    atomic_fetch_add(&sched.runqsize, 1);
}

static void globrunq_putbatch(G *head, G *tail, int n)
{
    tail->schedlink = NULL;
    if (sched.runqtail)
        sched.runqtail->schedlink = head;
    else
        sched.runqhead = head;
    sched.runqtail = tail;
    atomic_fetch_add(&sched.runqsize, n);
}

/* Takes a fair share of the global queue: returns one G and moves the rest
 * of the share to p's local queue. max > 0 limits the share. */
static G *globrunq_get(P *p, int max)
{
    int size = atomic_load(&sched.runqsize);
    if (size == 0)
        return NULL;
    int n = size / atomic_load(&sched.nprocs) + 1;
    if (n > size)
        n = size;
    if (max > 0 && n > max)
        n = max;
    if (n > RUNQ_SIZE / 2)
        n = RUNQ_SIZE / 2;
    atomic_fetch_sub(&sched.runqsize, n);
    G *g = sched.runqhead;
    sched.runqhead = g->schedlink;
    for (int i = 1; i < n; i++) {
        G *x = sched.runqhead;
        sched.runqhead = x->schedlink;
        runq_put(p, x, false);
    }
    if (!sched.runqhead)
        sched.runqtail = NULL;
    g->schedlink = NULL;
    return g;
}

/* ---- idle Ps and Ms (under sched.lock) ------------------------------ */

static void sysmon_wake_locked(void)
{
    if (sched.sysmonwait) {
        sched.sysmonwait = false;
        pthread_cond_signal(&sched.sysmon_cv);
    }
}

static P *pidleget(void)
{
    P *p = sched.pidle;
    if (!p)
        return NULL;
    sched.pidle = p->link;
    p->link = NULL;
    p->status = P_RUNNING;
    atomic_fetch_sub(&sched.npidle, 1);
    sched.npbusy++;
    sysmon_wake_locked();
    return p;
}

/* Moves a retiring P's queued and cached Gs to the global lists. */
static void p_drain(P *p)
{
    bool inherit;
    G *g;
    while ((g = runq_get(p, &inherit)) != NULL)
        globrunq_put(g);
    pthread_mutex_lock(&sched.gfreelock);
    while (p->gfree) {
        G *x = p->gfree;
        p->gfree = x->schedlink;
        x->deadfiber = NULL;
        x->schedlink = sched.gfree;
        sched.gfree = x;
        sched.ngfree++;
    }
    pthread_mutex_unlock(&sched.gfreelock);
    p->ngfree = 0;
}

static void pidleput(P *p)
{
    if (p->status == P_RUNNING)
        sched.npbusy--;
    if (p->id >= atomic_load(&sched.nprocs)) {
        p_drain(p);
        p->status = P_DEAD;
        return;
    }
    M *w = sched.exitwait;
    if (w) {
        /* An M back from a blocking call needs a P to continue its G. */
        sched.exitwait = w->link;
        atomic_fetch_sub(&sched.nexitwait, 1);
        p->status = P_RUNNING;
        sched.npbusy++;
        w->nextp = p;
        note_wakeup(&w->park);
        return;
    }
    p->status = P_IDLE;
    p->link = sched.pidle;
    sched.pidle = p;
    atomic_fetch_add(&sched.npidle, 1);
}

/* Removes a specific idle P from the idle list. */
static bool pidle_take(P *p)
{
    for (P **pp = &sched.pidle; *pp; pp = &(*pp)->link) {
        if (*pp == p) {
            *pp = p->link;
            p->link = NULL;
            p->status = P_RUNNING;
            atomic_fetch_sub(&sched.npidle, 1);
            sched.npbusy++;
            sysmon_wake_locked();
            return true;
        }
    }
    return false;
}

static void mput(M *m)
{
    m->link = sched.midle;
    sched.midle = m;
    m->idle = true;
}

static void mremove(M *m)
{
    for (M **pp = &sched.midle; *pp; pp = &(*pp)->link) {
        if (*pp == m) {
            *pp = m->link;
            break;
        }
    }
    m->idle = false;
    m->link = NULL;
    if (sched.timer_sleeper == m)
        sched.timer_sleeper = NULL;
}

/* An idle M, preferring one that is not the timer sleeper (so timers keep
 * their watcher while there are other idle threads). */
static M *mget(void)
{
    M *m = sched.midle;
    if (m && m == sched.timer_sleeper && m->link)
        m = m->link;
    if (m)
        mremove(m);
    return m;
}

static void *m_main(void *arg);

static M *m_alloc(void)
{
    M *m = GC_MALLOC(sizeof(M));
    note_init(&m->park);
    m->rand = (uint64_t)(uintptr_t)m ^ (uint64_t)now_ns();
    pthread_mutex_lock(&sched.allglock);
    m->alllink = sched.allm;
    sched.allm = m;
    pthread_mutex_unlock(&sched.allglock);
    return m;
}

/* Runs p (NULL: any idle P) on an idle or new M. Without sched.lock. */
static void startm(P *p, bool spinning)
{
    pthread_mutex_lock(&sched.lock);
    if (!p) {
        p = pidleget();
        if (!p) {
            pthread_mutex_unlock(&sched.lock);
            if (spinning)
                atomic_fetch_sub(&sched.nmspinning, 1);
            return;
        }
    }
    M *m = mget();
    if (m) {
        m->spinning = spinning;
        m->nextp = p;
        pthread_mutex_unlock(&sched.lock);
        note_wakeup(&m->park);
        return;
    }
    pthread_mutex_unlock(&sched.lock);
    m = m_alloc();
    m->spinning = spinning;
    m->nextp = p;
    pthread_t th;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&th, &attr, m_main, m) != 0) {
        fprintf(stderr, "fatal error: newosproc: cannot create thread\n");
        exit(2);
    }
    pthread_attr_destroy(&attr);
}

/* New work exists: start a spinning M if a P is idle and none spins. */
static void wakep(void)
{
    if (atomic_load(&sched.npidle) == 0 || atomic_load(&sched.done) ||
        !atomic_load(&sched.started))
        return;
    int zero = 0;
    if (atomic_load(&sched.nmspinning) != 0 ||
        !atomic_compare_exchange_strong(&sched.nmspinning, &zero, 1))
        return;
    startm(NULL, true);
}

static void acquirep(M *m, P *p)
{
    m->p = p;
}

/* Parks the calling M until someone hands it a P or the scheduler stops.
 * When timers are pending and no other idle M watches them, this M sleeps
 * only until the earliest deadline and then looks for a P to run them. */
static void stopm(M *m)
{
    pthread_mutex_lock(&sched.lock);
    if (atomic_load(&sched.done) && m->is_main) {
        /* sched_stop ran before we got here and did not see us idle. */
        pthread_mutex_unlock(&sched.lock);
        return;
    }
    m->nextp = NULL;
    mput(m);
    int64_t deadline = -1;
    if (!sched.timer_sleeper && !atomic_load(&sched.done)) {
        int64_t w = timer_next();
        if (w >= 0) {
            sched.timer_sleeper = m;
            sched.sleeper_when = w;
            deadline = w;
        }
    }
    pthread_mutex_unlock(&sched.lock);
    for (;;) {
        if (note_sleep(&m->park, deadline))
            break;
        pthread_mutex_lock(&sched.lock);
        if (!m->idle) {
            /* Taken off the list by a waker that is about to set the note. */
            pthread_mutex_unlock(&sched.lock);
            deadline = -1;
            continue;
        }
        P *p = pidleget();
        if (p) {
            mremove(m);
            m->nextp = p;
            pthread_mutex_unlock(&sched.lock);
            break;
        }
        /* Every P is busy; their Ms run the timers between goroutines. */
        if (sched.timer_sleeper == m)
            sched.timer_sleeper = NULL;
        pthread_mutex_unlock(&sched.lock);
        deadline = -1;
    }
    if (m->nextp) {
        acquirep(m, m->nextp);
        m->nextp = NULL;
    }
}

void sched_timers_changed(int64_t when)
{
    if (!atomic_load(&sched.started))
        return;
    pthread_mutex_lock(&sched.lock);
    M *w = NULL;
    if (sched.timer_sleeper) {
        if (when < sched.sleeper_when) {
            w = sched.timer_sleeper;
            mremove(w); /* it re-registers with the new deadline */
            w->nextp = NULL;
        }
    } else if (sched.midle && sched.pidle) {
        /* Nobody watches the timers: an idle M becomes the watcher. */
        w = sched.midle;
        mremove(w);
        w->nextp = NULL;
    }
    pthread_mutex_unlock(&sched.lock);
    if (w)
        note_wakeup(&w->park);
    netpoll_break_before(when);
}

/* ---- Gs -------------------------------------------------------------- */

static G *gfget(P *p)
{
    if (!p->gfree && atomic_load(&sched.ngfree) > 0) {
        pthread_mutex_lock(&sched.gfreelock);
        while (sched.gfree && p->ngfree < GFREE_LOCAL_MAX / 2) {
            G *g = sched.gfree;
            sched.gfree = g->schedlink;
            sched.ngfree--;
            g->schedlink = p->gfree;
            p->gfree = g;
            p->ngfree++;
        }
        pthread_mutex_unlock(&sched.gfreelock);
    }
    G *g = p->gfree;
    if (g) {
        p->gfree = g->schedlink;
        p->ngfree--;
    }
    return g;
}

static void gfput(P *p, G *g)
{
    g->schedlink = p->gfree;
    p->gfree = g;
    if (++p->ngfree <= GFREE_LOCAL_MAX)
        return;
    pthread_mutex_lock(&sched.gfreelock);
    while (p->ngfree > GFREE_LOCAL_MAX / 2) {
        G *x = p->gfree;
        p->gfree = x->schedlink;
        p->ngfree--;
        x->deadfiber = NULL; /* only a P's own few keep one: no hoarding */
        x->schedlink = sched.gfree;
        sched.gfree = x;
        sched.ngfree++;
    }
    pthread_mutex_unlock(&sched.gfreelock);
}

/* Appends g to allgs. A full array is replaced by a copy twice its size;
 * the old one stays intact for a sched_foreach_g already walking it. */
static void allg_add(G *g)
{
    pthread_mutex_lock(&sched.allglock);
    if (sched.nallgs == sched.allgcap) {
        size_t cap = sched.allgcap ? 2 * sched.allgcap : 256;
        G **a = GC_MALLOC(cap * sizeof(G *));
        if (sched.nallgs) memcpy(a, sched.allgs, sched.nallgs * sizeof(G *));
        sched.allgs = a;
        sched.allgcap = cap;
    }
    sched.allgs[sched.nallgs++] = g;
    pthread_mutex_unlock(&sched.allglock);
}

G *sched_go(void *fiber)
{
    M *m = cur_m;
    P *p = m ? m->p : NULL;
    G *g = NULL;
    if (p) {
        g = gfget(p); /* refills from the global cache when that has any */
    } else if (atomic_load(&sched.ngfree) > 0) {
        pthread_mutex_lock(&sched.gfreelock);
        if (sched.gfree) {
            g = sched.gfree;
            sched.gfree = g->schedlink;
            sched.ngfree--;
        }
        pthread_mutex_unlock(&sched.gfreelock);
    }
    if (!g) {
        g = GC_MALLOC(sizeof(G));
        allg_add(g);
    }
    /* Field by field: the cached wait records, dead fiber and sleep timer
     * survive reuse. */
    g->id = atomic_fetch_add(&sched.goid, 1);
    g->fiber = fiber;
    g->schedlink = NULL;
    g->unlockf = NULL;
    g->unlockarg = NULL;
    g->waitreason = NULL;
    g->resumed = false;
    g->waiting = NULL;
    g->param = NULL;
    atomic_store(&g->selectdone, 0);
    g->preempt_budget = SCHED_PREEMPT_BUDGET;
    atomic_store(&g->preempt, false);
    g->is_main = false;
    g->host = NULL;
    g->waitwhen = 0;
    atomic_store(&g->gen, atomic_load(&sched.gen));
    atomic_fetch_add(&sched.ngoroutines, 1);
    atomic_store(&g->status, G_RUNNABLE);
    if (p) {
        runq_put(p, g, true);
    } else {
        pthread_mutex_lock(&sched.lock);
        globrunq_put(g);
        pthread_mutex_unlock(&sched.lock);
    }
    wakep();
    return g;
}

void *sched_take_dead_fiber(void)
{
    M *m = cur_m;
    P *p = m ? m->p : NULL;
    G *g = p ? p->gfree : NULL; /* the G the next gfget returns */
    if (!g)
        return NULL;
    void *f = g->deadfiber;
    g->deadfiber = NULL;
    return f;
}

G *sched_current(void)
{
    return cur_g;
}

int sched_numgoroutine(void)
{
    return atomic_load(&sched.ngoroutines);
}

void sched_foreach_g(void (*fn)(G *g, void *arg), void *arg)
{
    pthread_mutex_lock(&sched.allglock);
    G **all = sched.allgs;
    size_t n = sched.nallgs;
    pthread_mutex_unlock(&sched.allglock);
    /* Entries below n never change, and a growing array leaves this one
     * intact. Newest first, as the dump has always listed them. */
    for (size_t i = n; i-- > 0;) {
        G *g = all[i];
        int s = atomic_load(&g->status);
        if (s != G_DEAD && s != G_IDLE && atomic_load(&g->gen) == atomic_load(&sched.gen))
            fn(g, arg);
    }
}

/* ---- host threads ----------------------------------------------------- */

struct SchedHost {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool woken;
};

/* Uncollectable: a thread-local pointer is not a root of the collector. */
static __thread G *host_g;

/* A host thread that sched_host_g registered with the collector must leave
 * it when it exits: the collector would otherwise keep signalling a thread
 * that no longer exists at every collection, and give up ("Signals
 * delivery fails constantly"). A key's destructor runs on the exiting
 * thread itself, as GC_unregister_my_thread requires. */
static pthread_key_t host_key;
static pthread_once_t host_key_once = PTHREAD_ONCE_INIT;

static void host_thread_exit(void *arg)
{
    (void)arg;
    host_g = NULL;
    GC_unregister_my_thread();
}

static void host_key_init(void)
{
    pthread_key_create(&host_key, host_thread_exit);
}

void sched_register_thread(void)
{
    if (GC_thread_is_registered())
        return;
    struct GC_stack_base sb;
    if (GC_get_stack_base(&sb) == GC_SUCCESS && GC_register_my_thread(&sb) == GC_SUCCESS) {
        pthread_once(&host_key_once, host_key_init);
        pthread_setspecific(host_key, (void *)1);
    }
}

G *sched_host_g(void)
{
    if (host_g)
        return host_g;
    sched_register_thread();
    G *g = GC_MALLOC_UNCOLLECTABLE(sizeof(G));
    struct SchedHost *h = GC_MALLOC_UNCOLLECTABLE(sizeof(struct SchedHost));
    pthread_mutex_init(&h->mu, NULL);
    pthread_cond_init(&h->cv, NULL);
    g->host = h;
    g->id = 0;
    atomic_store(&g->status, G_RUNNING);
    host_g = g;
    /* a host thread runs script code beside the Ps */
    atomic_store(&sched_parallel, true);
    return g;
}

void sched_host_park(G *g)
{
    struct SchedHost *h = g->host;
    void (*f)(void *) = g->unlockf;
    void *a = g->unlockarg;
    g->unlockf = NULL;
    atomic_store(&g->status, G_WAITING);
    if (f)
        f(a);
    pthread_mutex_lock(&h->mu);
    while (!h->woken)
        pthread_cond_wait(&h->cv, &h->mu);
    h->woken = false;
    pthread_mutex_unlock(&h->mu);
    atomic_store(&g->status, G_RUNNING);
    g->resumed = true;
}

/* ---- making Gs runnable ---------------------------------------------- */

/* The parked g becomes runnable (its parking operation will complete). */
static void g_make_runnable(G *g)
{
    g->resumed = true;
    int waiting = G_WAITING;
    if (!atomic_compare_exchange_strong(&g->status, &waiting, G_RUNNABLE)) {
        /* Readying a G that is not parked would queue it twice. */
        fprintf(stderr, "fatal error: sched_ready of goroutine %llu in status %d\n",
                (unsigned long long)g->id, waiting);
        abort();
    }
}

void sched_ready(G *g)
{
    if (g->host) {
        struct SchedHost *h = g->host;
        pthread_mutex_lock(&h->mu);
        h->woken = true;
        pthread_cond_signal(&h->cv);
        pthread_mutex_unlock(&h->mu);
        return;
    }
    g_make_runnable(g);
    M *m = cur_m;
    if (m && m->p) {
        runq_put(m->p, g, true);
    } else {
        pthread_mutex_lock(&sched.lock);
        globrunq_put(g);
        pthread_mutex_unlock(&sched.lock);
    }
    wakep();
}

/* Readies a chain of parked Gs (linked through schedlink) in chain order,
 * as that many sched_ready calls would, but with one global-queue lock for
 * all that overflow the local queue instead of one per half queue: a close
 * waking a million receivers would otherwise fight every idle thread
 * pulling from the global queue for sched.lock thousands of times. */
void sched_ready_list(G *list)
{
    M *m = cur_m;
    P *p = m ? m->p : NULL;
    G *ovhead = NULL, *ovtail = NULL;
    int nov = 0;
    while (list) {
        G *g = list;
        list = g->schedlink;
        g->schedlink = NULL;
        if (g->host || !p) {
            sched_ready(g);
            continue;
        }
        g_make_runnable(g);
        /* runq_put(p, g, true) without its spill: the G displaced from
         * runnext goes to the local tail while there is room, else to the
         * overflow chain (FIFO order is kept either way). */
        G *old = atomic_exchange(&p->runnext, g);
        if (!old)
            continue;
        uint32_t h = atomic_load_explicit(&p->runqhead, memory_order_acquire);
        uint32_t t = atomic_load_explicit(&p->runqtail, memory_order_relaxed);
        if (!ovhead && t - h < RUNQ_SIZE) {
            atomic_store_explicit(&p->runq[t % RUNQ_SIZE], old, memory_order_relaxed);
            atomic_store_explicit(&p->runqtail, t + 1, memory_order_release);
            continue;
        }
        old->schedlink = NULL;
        if (ovtail)
            ovtail->schedlink = old;
        else
            ovhead = old;
        ovtail = old;
        nov++;
    }
    if (ovhead) {
        pthread_mutex_lock(&sched.lock);
        globrunq_putbatch(ovhead, ovtail, nov);
        pthread_mutex_unlock(&sched.lock);
    }
    if (p)
        wakep();
}

/* ---- stopping and deadlock --------------------------------------------- */

static void sched_dump_g(G *g, void *arg)
{
    bool want_main = arg != NULL;
    if (g->is_main != want_main)
        return;
    fprintf(stderr, "\ngoroutine %llu [%s]:\n", (unsigned long long)g->id,
            g->waitreason ? g->waitreason : "running");
}

static void sched_default_deadlock(void)
{
    fputs("fatal error: all goroutines are asleep - deadlock!\n", stderr);
    /* main first, as Go prints it */
    sched_foreach_g(sched_dump_g, "main");
    sched_foreach_g(sched_dump_g, NULL);
    fflush(stderr);
    exit(2);
}

void sched_set_deadline(int64_t when, void (*expired)(void))
{
    pthread_mutex_lock(&sched.lock);
    sched.expired = expired;
    atomic_store(&sched.deadline, when > 0 ? when : 0);
    pthread_mutex_unlock(&sched.lock);
}

bool sched_stopping(void)
{
    return atomic_load(&sched.done);
}

void sched_stop(void)
{
    pthread_mutex_lock(&sched.lock);
    if (atomic_load(&sched.done)) {
        pthread_mutex_unlock(&sched.lock);
        return;
    }
    atomic_store(&sched.done, true);
    atomic_fetch_add(&sched.gen, 1);
    atomic_store(&sched.ngoroutines, 0);
    sched.ran = true;
    M *list = NULL;
    while (sched.midle) {
        M *m = sched.midle;
        mremove(m);
        m->nextp = NULL;
        m->link = list;
        list = m;
    }
    sysmon_wake_locked();
    pthread_mutex_unlock(&sched.lock);
    while (list) {
        M *m = list;
        list = m->link;
        m->link = NULL;
        note_wakeup(&m->park);
    }
    netpoll_break(); /* a thread blocked in the poller is on no idle list */
}

/* Whether nothing can ever run again. Under sched.lock, after a P went
 * idle. See the invariant at the top of the file. */
static bool deadlock_locked(void)
{
    return sched.npbusy == 0 && atomic_load(&sched.runqsize) == 0 && sched.nblocking == 0 &&
           atomic_load(&sched.nexitwait) == 0 && atomic_load(&sched.keepalive) <= 0 &&
           atomic_load(&sched.started) && !atomic_load(&sched.done) && !timer_pending() &&
           netpoll_waiters() == 0;
}

/* ---- the poller's goroutines -------------------------------------------- */

/* Makes the n Gs netpoll returned runnable on the global queue (Go's
 * injectglist), and only then stops counting them as poll waiters, under
 * sched.lock so that deadlock detection sees them somewhere. */
static void netpoll_inject(G *list, int n)
{
    if (!list)
        return;
    G *tail = list;
    for (G *g = list; g; g = g->schedlink) {
        g_make_runnable(g);
        tail = g;
    }
    pthread_mutex_lock(&sched.lock);
    globrunq_putbatch(list, tail, n);
    netpoll_done(n);
    pthread_mutex_unlock(&sched.lock);
    wakep();
}

/* The first of the Gs netpoll returned, runnable, for the caller (which
 * holds a P) to run now; the rest go to the global queue. */
static G *netpoll_take(G *list, int n)
{
    G *g = list;
    netpoll_inject(g->schedlink, n - 1);
    g->schedlink = NULL;
    g_make_runnable(g);
    netpoll_done(1);
    return g;
}

/* ---- the scheduling loop ---------------------------------------------- */

static void m_stop_spinning(M *m)
{
    m->spin_since = 0;
    if (m->spinning) {
        m->spinning = false;
        /* The last spinner to find work wakes another, so that a burst of
         * new goroutines spreads over the idle Ps (Go's resetspinning). */
        if (atomic_fetch_sub(&sched.nmspinning, 1) == 1)
            wakep();
    }
}

static void m_release_p(M *m)
{
    P *p = m->p;
    m->p = NULL;
    pthread_mutex_lock(&sched.lock);
    pidleput(p);
    pthread_mutex_unlock(&sched.lock);
}

/* Finds a runnable G for m's P: timers, the global queue now and then, the
 * local queue, the global queue, stealing. Returns NULL when m gave up its
 * P and slept (the caller loops). *inherit as for runq_get. */
static G *findrunnable(M *m, bool *inherit)
{
    P *p = m->p;
    *inherit = false;
    if (timer_next() >= 0) {
        int64_t now = now_ns();
        if (timer_next() <= now)
            timer_run_due(now);
    }
    G *g;
    if (atomic_load(&p->schedtick) % GLOBAL_TICK == 0 && atomic_load(&sched.runqsize) > 0) {
        pthread_mutex_lock(&sched.lock);
        g = globrunq_get(p, 1);
        pthread_mutex_unlock(&sched.lock);
        if (g)
            return g;
    }
    if ((g = runq_get(p, inherit)) != NULL)
        return g;
    if (atomic_load(&sched.runqsize) > 0) {
        pthread_mutex_lock(&sched.lock);
        g = globrunq_get(p, 0);
        pthread_mutex_unlock(&sched.lock);
        if (g)
            return g;
    }

    /* Goroutines wait on descriptors: poll without blocking, unless a
     * thread blocks in the poller already (it will see the events). */
    if (netpoll_waiters() > 0 && netpoll_lastpoll() != 0) {
        int n;
        G *list = netpoll(0, &n);
        if (list)
            return netpoll_take(list, n);
    }

    /* Steal, unless enough Ms spin already (at most half the busy Ps). */
    int nprocs = atomic_load(&sched.nprocs);
    if (nprocs > 1 &&
        (m->spinning || 2 * atomic_load(&sched.nmspinning) < nprocs - atomic_load(&sched.npidle))) {
        if (!m->spinning) {
            m->spinning = true;
            atomic_fetch_add(&sched.nmspinning, 1);
        }
        for (int round = 0; round < STEAL_ROUNDS; round++) {
            int n = atomic_load(&sched.nprocs);
            if (n > sched.nallp)
                n = sched.nallp;
            if (n <= 1)
                break;
            /* A random start and a stride coprime with n visit every P once
             * in an order that differs between thieves. */
            int start = (int)(sched_rand(m) % (uint64_t)n);
            int stride = 1 + (int)(sched_rand(m) % (uint64_t)n);
            for (;;) {
                int a = stride, b = n;
                while (b) {
                    int t = a % b;
                    a = b;
                    b = t;
                }
                if (a == 1)
                    break;
                stride++;
            }
            for (int i = 0, k = start; i < n; i++, k = (k + stride) % n) {
                P *v = sched.allp[k];
                if (v == p)
                    continue;
                if ((g = runq_steal(p, v, round == STEAL_ROUNDS - 1)) != NULL)
                    return g;
            }
        }
    }

    /* Nothing to do. A spinner polls a little longer before it gives up
     * the P: a parked M costs whoever next readies a G a futex wake-up,
     * and with a producer and a consumer handing over work every few
     * microseconds, parking at once turns every hand-off into one. While
     * it spins, wakep wakes nobody (nmspinning > 0). */
    if (m->spinning) {
        int64_t now = now_ns();
        if (m->spin_since == 0)
            m->spin_since = now;
        if (now - m->spin_since < SPIN_NS && !atomic_load(&sched.done)) {
            usleep(3);
            return NULL;
        }
        m->spin_since = 0;
    }

    /* Give up the P. */
    pthread_mutex_lock(&sched.lock);
    if (atomic_load(&sched.runqsize) > 0) {
        g = globrunq_get(p, 0);
        pthread_mutex_unlock(&sched.lock);
        return g;
    }
    if (!runq_empty(p)) {
        /* A thief's leftovers or a timer callback's wake-up landed here. */
        pthread_mutex_unlock(&sched.lock);
        return runq_get(p, inherit);
    }
    m->p = NULL;
    pidleput(p);
    bool dead = deadlock_locked();
    if (dead)
        sched.deadlocked = true;
    pthread_mutex_unlock(&sched.lock);
    if (dead) {
        atomic_load(&sched.deadlock_hook)();
        sched_stop(); /* the hook returned: end sched_run_main */
        return NULL;
    }

    /* A spinner that stops must look once more at every queue: work added
     * while it was spinning did not wake anyone (Go's findrunnable). */
    if (m->spinning) {
        m->spinning = false;
        atomic_fetch_sub(&sched.nmspinning, 1);
        int n = atomic_load(&sched.nprocs);
        /* A foreign thread's sched_ready (global queue) saw us spinning and
         * woke nobody: seq_cst on nmspinning and runqsize, Dekker style. */
        bool global = atomic_load(&sched.runqsize) > 0;
        for (int i = 0; i < n && i < sched.nallp; i++) {
            if (global || !runq_empty(sched.allp[i])) {
                pthread_mutex_lock(&sched.lock);
                P *np = pidleget();
                pthread_mutex_unlock(&sched.lock);
                if (np) {
                    acquirep(m, np);
                    m->spinning = true;
                    atomic_fetch_add(&sched.nmspinning, 1);
                    return NULL;
                }
                break;
            }
        }
    }

    /* Goroutines wait on descriptors and no thread blocks in the poller:
     * this one does, until an event, the next timer or a break, instead
     * of sleeping; then it takes a P to run what became ready (or the
     * timers), else queues it globally for the busy Ps. */
    if (netpoll_waiters() > 0 && netpoll_claim()) {
        int64_t delay = -1, w = timer_next();
        if (w >= 0 || atomic_load(&sched.done)) {
            delay = w - now_ns();
            if (delay < 1 || atomic_load(&sched.done))
                delay = 1; /* netpoll_claim raced with sched_stop */
        }
        int n;
        G *list = netpoll(delay, &n);
        pthread_mutex_lock(&sched.lock);
        P *np = pidleget();
        pthread_mutex_unlock(&sched.lock);
        if (np) {
            acquirep(m, np);
            return list ? netpoll_take(list, n) : NULL;
        }
        netpoll_inject(list, n);
    }
    stopm(m);
    return NULL;
}

/* Runs g on m until it exits, yields or parks. */
static void execute(M *m, G *g, bool inherit)
{
    P *p = m->p;
    if (atomic_load(&g->gen) != atomic_load(&sched.gen)) {
        /* Left over from a finished run: drop it. It is not reused, since
         * a stale timer or waker may still hold it. */
        atomic_store(&g->status, G_DEAD);
        g->fiber = NULL;
        return;
    }
    if (!inherit)
        atomic_fetch_add(&p->schedtick, 1);
    atomic_store_explicit(&p->nswitch, atomic_load_explicit(&p->nswitch, memory_order_relaxed) + 1,
                          memory_order_relaxed);
    atomic_store(&g->status, G_RUNNING);
    atomic_store(&g->preempt, false);
    m->curg = g;
    cur_g = g;
    atomic_store(&p->curg, g);

    RunResult r = atomic_load_explicit(&sched.runner, memory_order_relaxed)(g);

    p = m->p; /* a blocking call may have moved the G to another P */
    atomic_store(&p->curg, NULL);
    cur_g = NULL;
    m->curg = NULL;
    switch (r) {
    case RUN_EXIT:
        atomic_store(&g->status, G_DEAD);
        if (atomic_load(&g->gen) == atomic_load(&sched.gen))
            atomic_fetch_sub(&sched.ngoroutines, 1);
        g->deadfiber = g->is_main ? NULL : g->fiber;
        g->fiber = NULL;
        g->waiting = NULL;
        g->param = NULL;
        if (g->is_main) {
            sched_stop();
        } else {
            gfput(p, g);
        }
        break;
    case RUN_YIELD: {
        atomic_store(&g->status, G_RUNNABLE);
        if (atomic_load(&g->preempt)) {
            /* Pre-empted: break a runnext chain (two goroutines readying
             * each other inherit one time slice) so the rest of the local
             * queue gets its turn. */
            G *next = atomic_exchange(&p->runnext, NULL);
            if (next)
                runq_put(p, next, false);
        }
        if (p->id >= atomic_load(&sched.nprocs)) {
            /* The P retires next (GOMAXPROCS shrank) and its queue goes to
             * the global one: behind its own Gs, as if it went there now. */
            runq_put(p, g, false);
        } else {
            /* As Go's Gosched and pre-emption: to the global queue, behind
             * everything already waiting (and runnext runs first). */
            pthread_mutex_lock(&sched.lock);
            globrunq_put(g);
            pthread_mutex_unlock(&sched.lock);
        }
        if (atomic_load(&sched.nexitwait) > 0) {
            /* An M back from a blocking call waits for a P: give it ours
             * with its queue, so its goroutine cannot starve. */
            pthread_mutex_lock(&sched.lock);
            M *w = sched.exitwait;
            if (w) {
                sched.exitwait = w->link;
                atomic_fetch_sub(&sched.nexitwait, 1);
                w->nextp = p;
                m->p = NULL;
            }
            pthread_mutex_unlock(&sched.lock);
            if (w)
                note_wakeup(&w->park);
        }
        break;
    }
    case RUN_PARK: {
        void (*f)(void *) = g->unlockf;
        void *a = g->unlockarg;
        g->unlockf = NULL;
        /* WAITING before unlock: a waker that takes the lock after us
         * always sees a parked G (sched.h). g may run elsewhere after f. */
        atomic_store(&g->status, G_WAITING);
        if (f)
            f(a);
        break;
    }
    }
}

/* The goroutine m was running ended by sched_abort_g: as RUN_EXIT, but
 * its state is abandoned rather than reused (its runner never returned). */
static void abandon_curg(M *m)
{
    G *g = m->curg;
    if (m->p)
        atomic_store(&m->p->curg, NULL);
    cur_g = NULL;
    m->curg = NULL;
    atomic_store(&g->status, G_DEAD);
    if (atomic_load(&g->gen) == atomic_load(&sched.gen))
        atomic_fetch_sub(&sched.ngoroutines, 1);
    g->fiber = NULL;
    g->deadfiber = NULL;
    g->waiting = NULL;
    g->param = NULL;
    if (g->is_main)
        sched_stop();
}

bool sched_can_abort_g(void)
{
    M *m = cur_m;
    return m && m->abort_armed && m->curg && !m->blocking && !m->curg->host;
}

_Noreturn void sched_abort_g(void)
{
    siglongjmp(cur_m->abort_jb, 1);
}

static void schedule(M *m)
{
    /* m is not modified after this point, so it survives the longjmp. */
    if (sigsetjmp(m->abort_jb, 0))
        abandon_curg(m);
    m->abort_armed = true;
    for (;;) {
        if (atomic_load(&sched.done)) {
            if (m->p) {
                m_stop_spinning(m);
                m_release_p(m);
            }
            if (m->is_main) {
                m->abort_armed = false;
                return;
            }
            stopm(m);
            continue;
        }
        if (!m->p) {
            pthread_mutex_lock(&sched.lock);
            P *p = pidleget();
            pthread_mutex_unlock(&sched.lock);
            if (!p) {
                stopm(m);
                continue;
            }
            acquirep(m, p);
        }
        if (m->p->id >= atomic_load(&sched.nprocs)) {
            /* GOMAXPROCS shrank: this P retires (its Gs go global). */
            m_stop_spinning(m);
            m_release_p(m);
            continue;
        }
        bool inherit;
        G *g = findrunnable(m, &inherit);
        if (!g)
            continue;
        m_stop_spinning(m);
        execute(m, g, inherit);
    }
}

static void *m_main(void *arg)
{
    M *m = arg;
    cur_m = m;
    sig_thread_init(); /* a fault in C code on this thread is reported */
    if (m->nextp) {
        acquirep(m, m->nextp);
        m->nextp = NULL;
    }
    schedule(m);
    return NULL;
}

/* ---- the monitor -------------------------------------------------------- */

/* Every SYSMON_NS: flags goroutines that have run for more than PREEMPT_NS
 * without a scheduling tick. Sleeps on a condition while every P is idle. */
static void *sysmon_main(void *arg)
{
    struct timespec ts = {.tv_sec = 0, .tv_nsec = SYSMON_NS};
    for (;;) {
        nanosleep(&ts, NULL);
        pthread_mutex_lock(&sched.lock);
        while (atomic_load(&sched.done) ||
               (sched.npbusy == 0 && atomic_load(&sched.deadline) == 0)) {
            sched.sysmonwait = true;
            pthread_cond_wait(&sched.sysmon_cv, &sched.lock);
        }
        int n = atomic_load(&sched.nprocs);
        if (n > sched.nallp)
            n = sched.nallp;
        int64_t deadline = atomic_load(&sched.deadline);
        void (*expired)(void) = sched.expired;
        pthread_mutex_unlock(&sched.lock);
        int64_t now = now_ns();
        if (deadline && now >= deadline && expired) {
            /* once per run: the hook stops it, or the run ended anyway */
            atomic_store(&sched.deadline, 0);
            expired();
            continue;
        }
        for (int i = 0; i < n; i++) {
            P *p = sched.allp[i];
            G *g = atomic_load(&p->curg);
            uint32_t tick = atomic_load(&p->schedtick);
            if (g && tick == p->sysmon_tick) {
                if (now - p->sysmon_when >= PREEMPT_NS)
                    atomic_store(&g->preempt, true);
            } else {
                p->sysmon_tick = tick;
                p->sysmon_when = now;
            }
        }
        /* Nobody polled for 10 ms while every thread runs goroutines. */
        int64_t lp = netpoll_lastpoll();
        if (netpoll_waiters() > 0 && lp != 0 && now - lp >= SYSMON_NS) {
            int nr;
            G *list = netpoll(0, &nr);
            netpoll_inject(list, nr);
        }
    }
    return NULL;
}

void sched_run_main(G *main)
{
    main->is_main = true;
    M *m = m_alloc();
    m->is_main = true;
    cur_m = m;
    pthread_mutex_lock(&sched.lock);
    bool again = sched.ran;
    pthread_mutex_unlock(&sched.lock);
    if (again)
        timer_clear_all(); /* the last run's tickers must not keep us alive */
    pthread_mutex_lock(&sched.lock);
    atomic_store(&sched.done, false);
    sched.deadlocked = false;
    atomic_store(&sched.started, true);
    P *p = pidleget();
    bool start_sysmon = !sched.sysmon_started;
    sched.sysmon_started = true;
    pthread_mutex_unlock(&sched.lock);
    if (start_sysmon) {
        pthread_t th;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&th, &attr, sysmon_main, NULL) != 0) {
            fprintf(stderr, "fatal error: cannot create the monitor thread\n");
            exit(2);
        }
        pthread_attr_destroy(&attr);
    }
    if (p)
        acquirep(m, p);
    /* Goroutines made before the start wait in the global queue. */
    wakep();
    schedule(m);
    cur_m = NULL;
}

/* ---- blocking calls ------------------------------------------------------ */

void sched_enter_blocking(void)
{
    M *m = cur_m;
    if (!m || !m->p || m->blocking)
        return;
    P *p = m->p;
    atomic_store(&p->curg, NULL);
    m->blocking = true;
    m->oldp = p;
    m->p = NULL;
    pthread_mutex_lock(&sched.lock);
    sched.nblocking++;
    /* Hand the P to another M if it has something to do; else idle it. */
    bool work = !runq_empty(p) || atomic_load(&sched.runqsize) > 0 ||
                (timer_next() >= 0 && !sched.timer_sleeper);
    if (!work)
        pidleput(p);
    pthread_mutex_unlock(&sched.lock);
    if (work)
        startm(p, false);
}

void sched_exit_blocking(void)
{
    M *m = cur_m;
    if (!m || !m->blocking)
        return;
    m->blocking = false;
    pthread_mutex_lock(&sched.lock);
    sched.nblocking--;
    P *p = NULL;
    if (m->oldp && m->oldp->status == P_IDLE && m->oldp->id < atomic_load(&sched.nprocs) &&
        pidle_take(m->oldp))
        p = m->oldp;
    else
        p = pidleget();
    m->oldp = NULL;
    if (p) {
        pthread_mutex_unlock(&sched.lock);
        acquirep(m, p);
    } else {
        m->nextp = NULL;
        m->link = sched.exitwait;
        sched.exitwait = m;
        atomic_fetch_add(&sched.nexitwait, 1);
        pthread_mutex_unlock(&sched.lock);
        /* Only pidleput and execute's hand-off wake an exit waiter, and
         * both set nextp first. */
        note_sleep(&m->park, -1);
        acquirep(m, m->nextp);
        m->nextp = NULL;
    }
    atomic_store(&m->p->curg, m->curg);
}

/* ---- GOMAXPROCS ------------------------------------------------------------ */


bool sched_ever_parallel(void)
{
    return atomic_load_explicit(&sched_parallel, memory_order_relaxed);
}

int sched_gomaxprocs(int n)
{
    if (!sched.inited)
        return 0;
    pthread_mutex_lock(&sched.lock);
    int old = atomic_load(&sched.nprocs);
    if (n <= 0 || n == old) {
        pthread_mutex_unlock(&sched.lock);
        return old;
    }
    if (n > MAX_PROCS)
        n = MAX_PROCS;
    if (n > 1)
        atomic_store(&sched_parallel, true);
    while (sched.nallp < n) {
        sched.allp[sched.nallp] = p_new(sched.nallp);
        atomic_fetch_add(&sched.nallp, 1);
    }
    atomic_store(&sched.nprocs, n);
    if (n > old) {
        for (int i = old; i < n; i++)
            if (sched.allp[i]->status == P_DEAD)
                pidleput(sched.allp[i]);
    } else {
        /* Idle Ps beyond n retire now; busy ones when their M next
         * schedules (schedule() checks the P's id). */
        for (P **pp = &sched.pidle; *pp;) {
            P *p = *pp;
            if (p->id >= n) {
                *pp = p->link;
                p->link = NULL;
                p->status = P_DEAD;
                atomic_fetch_sub(&sched.npidle, 1);
            } else {
                pp = &p->link;
            }
        }
    }
    pthread_mutex_unlock(&sched.lock);
    if (n > old)
        wakep();
    return old;
}
