/* sched.h — goroutines and the M:N scheduler (runtime/sched.c).
 *
 * Go's GMP design: GOMAXPROCS processors (P), each with a local run queue
 * and a `runnext` slot, a global queue, OS threads (M) that run goroutines
 * (G) of the P they hold, idle threads parked until there is work, work
 * stealing between Ps.
 *
 * The scheduler knows nothing of bytecode. A goroutine is a G plus an opaque
 * `fiber` owned by whoever runs it (the VM). To run a G, a thread calls the
 * runner installed with sched_init(); the runner executes the G until it
 * finishes, yields, or parks, and says which by its return value. Nothing is
 * ever run on a per-goroutine C stack: fibers are stackless.
 *
 * Parking (Go's gopark): code that must wait (a channel operation, a sleep,
 * a lock) records the G on some wait queue while holding that queue's lock,
 * sets g->unlockf/g->unlockarg, and returns RUN_PARK from the runner with
 * the lock still held. The scheduler marks the G waiting and only then calls
 * unlockf(unlockarg), so a waker on another thread that takes the lock can
 * never see a G that is still running. The waker calls sched_ready(g).
 *
 * A parked G resumes by re-executing the operation that parked it with
 * g->resumed set; the operation then completes from what the waker left in
 * the G (or in the wait record), never blocking again for the same wake-up.
 */
#ifndef CSP_SCHED_H
#define CSP_SCHED_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct G G;
typedef struct P P;
typedef struct Sudog Sudog; /* a G waiting on a channel (chan.h) */

/* What a runner returns. */
typedef enum {
    RUN_EXIT,  /* the goroutine finished; the G may be reused */
    RUN_YIELD, /* still runnable: pre-empted or Gosched; queue it again */
    RUN_PARK,  /* waiting: see g->unlockf; someone will sched_ready() it */
} RunResult;

typedef enum {
    G_IDLE,
    G_RUNNABLE,
    G_RUNNING,
    G_WAITING,
    G_DEAD,
} GStatus;

struct G {
    uint64_t id;           /* goroutine number as Go prints it; main is 1 */
    _Atomic int status;    /* GStatus */
    void *fiber;           /* the runner's state for this goroutine */
    G *schedlink;          /* run-queue and free-list link */

    /* Parking. */
    void (*unlockf)(void *); /* called by the scheduler after parking */
    void *unlockarg;
    const char *waitreason; /* "chan receive", "sleep", "select", ...,
                               for the deadlock dump */
    bool resumed;           /* set by sched_ready() when a parked G is
                               made runnable: the parking operation
                               re-executes and completes, and clears it
                               (the chan *_resume functions, timer_sleep
                               and sync_* do) */

    /* Channel waiting (chan.c): the wait records of the current operation,
     * and the one that completed it. */
    Sudog *waiting;
    Sudog *param;
    _Atomic uint32_t selectdone;

    /* chan.c: wait records this G used before, linked by waitlink, reused
     * by its next blocking operation so that blocking allocates nothing in
     * the steady state. Only the G itself touches it, and it survives the
     * G's reuse by a later goroutine (sched_go leaves it). */
    Sudog *sudogcache;

    /* The runner state of the goroutine that last used this G, kept when
     * it exited so that the next spawn can reuse it (sched_take_dead_fiber):
     * spawning then allocates nothing in the steady state. */
    void *deadfiber;

    /* sync.c: set by a Mutex Unlock that handed the lock to this waiter
     * (else a woken waiter competes for it again), and when the G first
     * queued for the lock, for the starvation hand-off. */
    bool handoff;
    int64_t syncwait;
    uint32_t ticket; /* sync.c: a Cond waiter's notify-list ticket */

    /* Timers (timer.c): a sleeping G's timer. */
    void *sleeptimer;

    int64_t preempt_budget; /* decremented by the VM at backward jumps and
                               calls; the VM yields when it runs out */
    _Atomic bool preempt;   /* set by the monitor: yield at the next check */
    bool is_main;           /* the program ends when main's G exits */

    /* Added by the scheduler (sched.c). */
    struct SchedHost *host; /* non-NULL: the stand-in G of a host thread
                               (sched_host_g); it is never scheduled, and
                               "parking" it blocks the thread */
    int64_t waitwhen;       /* timer.c: the absolute deadline of a sleep */
    _Atomic uint32_t gen;   /* the run (sched_run_main) it belongs to: Gs
                               left over from an earlier run never run */
};

/* Runs g until it exits, yields or parks. Installed by sched_init(). */
typedef RunResult (*SchedRunner)(G *g);

/* Called when the runtime detects that every goroutine is blocked forever.
 * Prints Go's "fatal error: all goroutines are asleep - deadlock!" and exits
 * the process with status 2 by default. */
typedef void (*SchedDeadlockHook)(void);

/* Initialises the scheduler with `procs` processors (0: the GOMAXPROCS
 * environment variable if set, else the number of CPUs). */
void sched_init(int procs, SchedRunner runner);

/* Makes a new goroutine running `fiber` and puts it on the current P's run
 * queue (or the global queue when called from outside the scheduler).
 * Returns its G. */
G *sched_go(void *fiber);

/* Runs the scheduler on the calling thread (plus GOMAXPROCS-1 others) until
 * the G `main` exits. Returns when it has. */
void sched_run_main(G *main);

/* The runner state (fiber) of an exited goroutine whose G the next
 * sched_go on this thread will reuse, handed over for reuse (it is no
 * longer referenced by the scheduler), or NULL. Only on a scheduler thread
 * holding a P; the caller resets it. */
void *sched_take_dead_fiber(void);

/* Makes a parked G runnable again (from any thread, including timers and
 * host threads). It goes to the waker's P's `runnext` slot when called from
 * a scheduler thread, so a woken goroutine runs next on the same thread. */
void sched_ready(G *g);

/* Readies every G of a chain linked through schedlink, in order, as
 * repeated sched_ready calls would, taking the global queue's lock at most
 * once for all of them (a close or broadcast waking many goroutines). */
void sched_ready_list(G *list);

/* The G running on the calling thread, or NULL on a thread outside the
 * scheduler. */
G *sched_current(void);

/* Whether goroutines may ever have run on two threads at once (GOMAXPROCS
 * has been above 1): until then a data structure is never used by two
 * threads at the same time. */
bool sched_ever_parallel(void);

/* GOMAXPROCS: returns the previous value; n <= 0 only reads it. */
int sched_gomaxprocs(int n);
int sched_numcpu(void);
/* GOMAXPROCS from the environment (a positive integer, capped), else 0. */
int sched_env_procs(void);
/* Live goroutines (not yet exited), as runtime.NumGoroutine. */
int sched_numgoroutine(void);

/* A blocking system call or foreign call is about to run on this thread:
 * the P is handed to another thread meanwhile (Go's entersyscall). */
void sched_enter_blocking(void);
void sched_exit_blocking(void);

/* Replaces the deadlock hook. */
void sched_set_deadlock_hook(SchedDeadlockHook hook);

/* Calls fn(g, arg) for every live G (for tracebacks and the deadlock dump). */
void sched_foreach_g(void (*fn)(G *g, void *arg), void *arg);

/* Keeps the program from being reported as deadlocked while delta's
 * running sum is positive: a host that will later send to a channel a
 * goroutine waits on calls sched_keepalive(1) first and
 * sched_keepalive(-1) when done. */
void sched_keepalive(int delta);

/* Stops the scheduler: sched_run_main() returns as soon as its thread
 * is between goroutines, and no thread picks up new work. Called when
 * main exits, and after a deadlock hook that returns. Goroutines of the
 * finished run are abandoned: a later sched_run_main (a second program in
 * the same process) never runs them, and its timers are cleared. */
void sched_stop(void);

/* Ends the calling goroutine from anywhere inside the runner: the runner's
 * C frames are discarded (longjmp back to the thread's scheduling loop) and
 * the G is dead, its state abandoned. For a run that ends abruptly inside
 * native code (os.Exit, a fatal error in an embedded program); the caller
 * stops the scheduler first when the whole run ends. Only possible when
 * sched_can_abort_g() says so: on a scheduler thread, running a goroutine,
 * outside a blocking call. */
bool sched_can_abort_g(void);
_Noreturn void sched_abort_g(void);

/* A deadline for the next run (monotonic ns, 0: none), set before
 * sched_run_main: when it passes while the run goes on, the monitor calls
 * `expired` (on its own thread, no lock held), which normally stops the
 * scheduler. The monitor keeps watching while every P is idle (goroutines
 * asleep on timers) only when a deadline is set. */
void sched_set_deadline(int64_t when, void (*expired)(void));
/* Whether the current run is over (sched_stop ran): a nested call from
 * native code, which cannot yield, checks it at its pre-emption points and
 * abandons its goroutine. */
bool sched_stopping(void);

/* Whether sched_run_main() ended because of a deadlock (the hook
 * returned). For tests and embedders that install a non-exiting hook. */
bool sched_deadlocked(void);

/* Host threads (outside the scheduler) that block in a channel, sync or
 * timer operation use a per-thread stand-in G: the operation records it in
 * wait queues as it would a goroutine, then calls sched_host_park(g)
 * instead of returning RUN_PARK; sched_ready() on it wakes the thread.
 * sched_host_park calls g->unlockf first, as the scheduler would, and
 * returns with g->resumed set. The thread is registered with the
 * collector if it was not. */
G *sched_host_g(void);
void sched_host_park(G *g);

/* Registers the calling thread with the collector if it is not (until the
 * thread exits): a host thread must be before it touches collected memory
 * or runs the scheduler. */
void sched_register_thread(void);

/* timer.c tells the scheduler that the earliest timer deadline may have
 * moved earlier to `when` (monotonic ns), so an idle thread can sleep less. */
void sched_timers_changed(int64_t when);

/* The default pre-emption budget, in VM checks (backward jumps and calls). */
#define SCHED_PREEMPT_BUDGET 20000

#endif
