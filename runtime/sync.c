/* sync.c — WaitGroup, Mutex, RWMutex and Cond's wait list under package sync, as parking primitives.
 *
 * Owns: the wait queues of parked goroutines (WaitQ: a spin lock held only
 * for a few instructions, or across a park until the scheduler calls the
 * unlockf) and the hand-off rules of each primitive.
 *
 * Never: spins a thread waiting for a primitive (waiters park; the WaitQ
 * spin lock yields the CPU after a few tries), or wakes a G while holding
 * a WaitQ lock that its resume path could need.
 */
#include <gc.h>

#include <stdatomic.h>
#include <time.h>

#include "sched.h"
#include "sync.h"

extern int sched_yield(void); /* <sched.h> is shadowed by runtime/sched.h */

_Static_assert(sizeof(SyncWaitGroup) == 32, "sync.WaitGroup is 32 bytes");
_Static_assert(sizeof(SyncMutex) == 32, "sync.Mutex is 32 bytes");
_Static_assert(sizeof(SyncRWMutex) == 56, "sync.RWMutex is 56 bytes");
_Static_assert(sizeof(SyncNotifyList) == 32, "a Cond's notify list is 32 bytes");

/* ---- wait queues ----------------------------------------------------------- */

static void wq_lock(WaitQ *q)
{
    for (int i = 0;; i++) {
        uint32_t zero = 0;
        if (atomic_compare_exchange_weak_explicit(&q->lock, &zero, 1, memory_order_acquire,
                                                  memory_order_relaxed))
            return;
        if (i >= 50)
            sched_yield();
    }
}

static void wq_unlock(WaitQ *q)
{
    atomic_store_explicit(&q->lock, 0, memory_order_release);
}

static void wq_unlockf(void *arg)
{
    wq_unlock(arg);
}

/* Parked Gs are on no run queue, so schedlink links the wait queue. */
static void wq_push(WaitQ *q, G *g)
{
    g->schedlink = NULL;
    if (q->tail)
        q->tail->schedlink = g;
    else
        q->head = g;
    q->tail = g;
}

static G *wq_pop(WaitQ *q)
{
    G *g = q->head;
    if (g) {
        q->head = g->schedlink;
        if (!q->head)
            q->tail = NULL;
        g->schedlink = NULL;
    }
    return g;
}

/* Parks g (still holding q's lock) with the scheduler's protocol, or
 * blocks a host thread. Returns true when the caller must return RUN_PARK. */
static bool wq_park(WaitQ *q, G *g, bool host, const char *reason)
{
    wq_push(q, g);
    g->waitreason = reason;
    g->unlockf = wq_unlockf;
    g->unlockarg = q;
    if (host) {
        sched_host_park(g);
        g->resumed = false;
        return false;
    }
    return true;
}

/* ---- WaitGroup --------------------------------------------------------------- */

const char *sync_wg_add(SyncWaitGroup *wg, int64_t delta)
{
    int64_t v = atomic_fetch_add(&wg->count, delta) + delta;
    if (v < 0) {
        atomic_fetch_sub(&wg->count, delta);
        return "sync: negative WaitGroup counter";
    }
    if (v > 0 || delta == 0)
        return NULL;
    /* Zero: wake every waiter. A waiter checks the count under the queue
     * lock, so it either saw zero or is already queued here. */
    wq_lock(&wg->waiters);
    G *list = wg->waiters.head;
    wg->waiters.head = wg->waiters.tail = NULL;
    wq_unlock(&wg->waiters);
    while (list) {
        G *g = list;
        list = g->schedlink;
        g->schedlink = NULL;
        sched_ready(g);
    }
    return NULL;
}

bool sync_wg_wait(SyncWaitGroup *wg, G *g)
{
    if (g && g->resumed) {
        g->resumed = false;
        return false;
    }
    if (atomic_load(&wg->count) == 0)
        return false;
    bool host = g == NULL;
    if (host)
        g = sched_host_g();
    wq_lock(&wg->waiters);
    if (atomic_load(&wg->count) == 0) {
        wq_unlock(&wg->waiters);
        return false;
    }
    /* Go 1.22 reports a goroutine in Wait as "semacquire". */
    return wq_park(&wg->waiters, g, host, "semacquire");
}

/* ---- Mutex --------------------------------------------------------------------
 * Go's design: state bit 0 is "locked", bit 1 "goroutines queued". Unlock
 * normally frees the mutex and wakes the first waiter, which then competes
 * with running goroutines for it (barging: a goroutine preempted inside its
 * critical section does not turn every later Lock into a park and a
 * context switch, a lock convoy). A woken waiter that loses goes back to
 * the front of the queue; once the first waiter has waited more than 1 ms,
 * Unlock hands the mutex straight to it (the state stays locked, so nobody
 * can barge), as Go's starvation mode does. */

#define MUTEX_LOCKED 1
#define MUTEX_QUEUED 2
#define MUTEX_STARVE_NS 1000000

static int64_t sync_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void wq_push_front(WaitQ *q, G *g)
{
    g->schedlink = q->head;
    q->head = g;
    if (!q->tail)
        q->tail = g;
}

/* Go's active spinning (sync_runtime_canSpin): with more than one P, the
 * holder is likely running on another thread and about to unlock, so a
 * few short busy-wait rounds are far cheaper than parking, which costs two
 * scheduler round trips and usually a futex wake of an idle thread. The
 * rounds are bounded (4 x 30 pauses, as Go's) so a long critical section
 * still parks the waiter instead of burning a thread. Never spins while
 * waiters are queued: they are owed the lock first. */
#if defined(__x86_64__) || defined(__i386__)
#define cpu_relax() __builtin_ia32_pause()
#elif defined(__aarch64__)
#define cpu_relax() __asm__ __volatile__("yield")
#else
#define cpu_relax() ((void)0)
#endif

static bool mutex_spin(SyncMutex *m)
{
    if (sched_gomaxprocs(0) < 2)
        return false;
    for (int round = 0; round < 4; round++) {
        for (int i = 0; i < 30; i++)
            cpu_relax();
        int32_t s = atomic_load_explicit(&m->state, memory_order_relaxed);
        if (s & MUTEX_QUEUED)
            return false;
        if (!(s & MUTEX_LOCKED) &&
            atomic_compare_exchange_strong(&m->state, &s, s | MUTEX_LOCKED))
            return true;
    }
    return false;
}

bool sync_mutex_lock(SyncMutex *m, G *g)
{
    bool retry = false;
    if (g && g->resumed) {
        g->resumed = false;
        if (g->handoff) {
            g->handoff = false; /* Unlock handed us the mutex */
            return false;
        }
        retry = true; /* woken to compete again */
    } else {
        int32_t zero = 0;
        if (atomic_compare_exchange_strong(&m->state, &zero, MUTEX_LOCKED))
            return false;
        if (g && mutex_spin(m))
            return false;
    }
    bool host = g == NULL;
    if (host)
        g = sched_host_g();
    for (;;) {
        wq_lock(&m->waiters);
        for (;;) {
            int32_t s = atomic_load(&m->state);
            if (!(s & MUTEX_LOCKED)) {
                if (atomic_compare_exchange_strong(&m->state, &s, s | MUTEX_LOCKED)) {
                    wq_unlock(&m->waiters);
                    return false;
                }
                continue;
            }
            if (!(s & MUTEX_QUEUED) &&
                !atomic_compare_exchange_strong(&m->state, &s, s | MUTEX_QUEUED))
                continue;
            break;
        }
        /* Locked, and marked queued: Unlock takes its slow path (under the
         * queue lock, which we hold until parked). */
        if (retry) {
            wq_push_front(&m->waiters, g);
        } else {
            g->syncwait = sync_now_ns();
            wq_push(&m->waiters, g);
        }
        g->handoff = false;
        g->waitreason = "sync.Mutex.Lock";
        g->unlockf = wq_unlockf;
        g->unlockarg = &m->waiters;
        if (!host)
            return true;
        sched_host_park(g);
        g->resumed = false;
        if (g->handoff) {
            g->handoff = false;
            return false;
        }
        retry = true;
    }
}

bool sync_mutex_trylock(SyncMutex *m)
{
    int32_t s = atomic_load(&m->state);
    while (!(s & MUTEX_LOCKED))
        if (atomic_compare_exchange_weak(&m->state, &s, s | MUTEX_LOCKED))
            return true;
    return false;
}

const char *sync_mutex_unlock(SyncMutex *m)
{
    int32_t s = MUTEX_LOCKED;
    if (atomic_compare_exchange_strong(&m->state, &s, 0))
        return NULL;
    if (!(s & MUTEX_LOCKED))
        return "sync: unlock of unlocked mutex";
    /* Queued waiters: the state is locked|queued and only this owner
     * changes it until the queue lock is released (a Lock that finds it
     * locked waits for the queue lock; TryLock fails), so plain stores
     * are safe here. */
    wq_lock(&m->waiters);
    G *g = wq_pop(&m->waiters);
    int32_t queued = m->waiters.head ? MUTEX_QUEUED : 0;
    bool handoff = g && sync_now_ns() - g->syncwait > MUTEX_STARVE_NS;
    if (g)
        g->handoff = handoff;
    atomic_store(&m->state, (handoff ? MUTEX_LOCKED : 0) | queued);
    wq_unlock(&m->waiters);
    if (g)
        sched_ready(g);
    return NULL;
}

/* ---- RWMutex -------------------------------------------------------------------
 * Hand-off, as Mutex: whoever releases the lock admits the next owners
 * itself (counting them in) before readying them, so a woken goroutine
 * returns from its re-executed RLock/Lock already inside. Go's wait
 * reasons: "sync.RWMutex.RLock" and "sync.RWMutex.Lock". */

bool sync_rw_rlock(SyncRWMutex *rw, G *g)
{
    if (g && g->resumed) {
        g->resumed = false; /* the releaser counted us in */
        return false;
    }
    bool host = g == NULL;
    if (host)
        g = sched_host_g();
    wq_lock(&rw->writers);
    if (!rw->writer && rw->wwaiting == 0) {
        rw->readers++;
        wq_unlock(&rw->writers);
        return false;
    }
    g->schedlink = NULL;
    if (rw->rtail)
        rw->rtail->schedlink = g;
    else
        rw->rhead = g;
    rw->rtail = g;
    g->waitreason = "sync.RWMutex.RLock";
    g->unlockf = wq_unlockf;
    g->unlockarg = &rw->writers;
    if (host) {
        sched_host_park(g);
        g->resumed = false;
        return false;
    }
    return true;
}

bool sync_rw_tryrlock(SyncRWMutex *rw)
{
    wq_lock(&rw->writers);
    bool ok = !rw->writer && rw->wwaiting == 0;
    if (ok)
        rw->readers++;
    wq_unlock(&rw->writers);
    return ok;
}

const char *sync_rw_runlock(SyncRWMutex *rw)
{
    wq_lock(&rw->writers);
    if (rw->readers <= 0) {
        wq_unlock(&rw->writers);
        return "sync: RUnlock of unlocked RWMutex";
    }
    G *w = NULL;
    if (--rw->readers == 0 && rw->wwaiting > 0) {
        w = wq_pop(&rw->writers);
        rw->wwaiting--;
        rw->writer = 1;
    }
    wq_unlock(&rw->writers);
    if (w)
        sched_ready(w);
    return NULL;
}

bool sync_rw_lock(SyncRWMutex *rw, G *g)
{
    if (g && g->resumed) {
        g->resumed = false; /* the releaser made us the writer */
        return false;
    }
    bool host = g == NULL;
    if (host)
        g = sched_host_g();
    wq_lock(&rw->writers);
    if (!rw->writer && rw->readers == 0) {
        rw->writer = 1;
        wq_unlock(&rw->writers);
        return false;
    }
    rw->wwaiting++;
    return wq_park(&rw->writers, g, host, "sync.RWMutex.Lock");
}

bool sync_rw_trylock(SyncRWMutex *rw)
{
    wq_lock(&rw->writers);
    bool ok = !rw->writer && rw->readers == 0;
    if (ok)
        rw->writer = 1;
    wq_unlock(&rw->writers);
    return ok;
}

const char *sync_rw_unlock(SyncRWMutex *rw)
{
    wq_lock(&rw->writers);
    if (!rw->writer) {
        wq_unlock(&rw->writers);
        return "sync: Unlock of unlocked RWMutex";
    }
    rw->writer = 0;
    /* The readers that waited for this writer go first; else the next
     * writer. */
    G *list = rw->rhead, *w = NULL;
    rw->rhead = rw->rtail = NULL;
    for (G *r = list; r; r = r->schedlink)
        rw->readers++;
    if (!list && rw->wwaiting > 0) {
        w = wq_pop(&rw->writers);
        rw->wwaiting--;
        rw->writer = 1;
    }
    wq_unlock(&rw->writers);
    while (list) {
        G *r = list;
        list = r->schedlink;
        r->schedlink = NULL;
        sched_ready(r);
    }
    if (w)
        sched_ready(w);
    return NULL;
}

/* ---- Cond's notify list ---------------------------------------------------------
 * Tickets wrap around at 2^32; "t is notified" is the signed distance test
 * Go uses, so the wrap is harmless. */

static bool ticket_less(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) < 0;
}

uint32_t sync_notify_add(SyncNotifyList *l)
{
    wq_lock(&l->waiters);
    uint32_t t = l->wait++;
    wq_unlock(&l->waiters);
    return t;
}

bool sync_notify_wait(SyncNotifyList *l, uint32_t ticket, G *g)
{
    if (g && g->resumed) {
        g->resumed = false; /* notified */
        return false;
    }
    bool host = g == NULL;
    if (host)
        g = sched_host_g();
    wq_lock(&l->waiters);
    if (ticket_less(ticket, l->notify)) {
        wq_unlock(&l->waiters);
        return false; /* signalled between Add and Wait */
    }
    g->ticket = ticket;
    return wq_park(&l->waiters, g, host, "sync.Cond.Wait");
}

void sync_notify_one(SyncNotifyList *l)
{
    /* Fast path, as Go: nothing to notify since the last notification. */
    if (atomic_load(&l->wait) == atomic_load(&l->notify))
        return;
    wq_lock(&l->waiters);
    if (l->wait == l->notify) {
        wq_unlock(&l->waiters);
        return;
    }
    uint32_t t = l->notify++;
    /* The ticket's waiter, if it has parked yet (else it will see its
     * ticket notified and not park). */
    G *prev = NULL, *g = l->waiters.head;
    for (; g; prev = g, g = g->schedlink) {
        if (g->ticket == t) {
            if (prev)
                prev->schedlink = g->schedlink;
            else
                l->waiters.head = g->schedlink;
            if (l->waiters.tail == g)
                l->waiters.tail = prev;
            g->schedlink = NULL;
            break;
        }
    }
    wq_unlock(&l->waiters);
    if (g)
        sched_ready(g);
}

void sync_notify_all(SyncNotifyList *l)
{
    if (atomic_load(&l->wait) == atomic_load(&l->notify))
        return;
    wq_lock(&l->waiters);
    l->notify = l->wait;
    G *list = l->waiters.head;
    l->waiters.head = l->waiters.tail = NULL;
    wq_unlock(&l->waiters);
    while (list) {
        G *g = list;
        list = g->schedlink;
        g->schedlink = NULL;
        sched_ready(g);
    }
}
