/* sync.c — WaitGroup and Mutex under package sync, as parking primitives.
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

#include "sched.h"
#include "sync.h"

extern int sched_yield(void); /* <sched.h> is shadowed by runtime/sched.h */

_Static_assert(sizeof(SyncWaitGroup) == 32, "sync.WaitGroup is 32 bytes");
_Static_assert(sizeof(SyncMutex) == 32, "sync.Mutex is 32 bytes");

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
 * state: 0 unlocked; 1 locked; 2 locked with waiters. Waiters queue in FIFO
 * order and Unlock hands the lock straight to the first (the state stays
 * locked), so no waiter is overtaken once queued. A woken waiter returns
 * from its re-executed Lock owning the mutex. */

bool sync_mutex_lock(SyncMutex *m, G *g)
{
    if (g && g->resumed) {
        g->resumed = false; /* Unlock handed us the mutex */
        return false;
    }
    int32_t zero = 0;
    if (atomic_compare_exchange_strong(&m->state, &zero, 1))
        return false;
    bool host = g == NULL;
    if (host)
        g = sched_host_g();
    wq_lock(&m->waiters);
    for (;;) {
        int32_t s = atomic_load(&m->state);
        if (s == 0) {
            if (atomic_compare_exchange_strong(&m->state, &s, 1)) {
                wq_unlock(&m->waiters);
                return false;
            }
            continue;
        }
        if (s == 1 && !atomic_compare_exchange_strong(&m->state, &s, 2))
            continue;
        break;
    }
    return wq_park(&m->waiters, g, host, "sync.Mutex.Lock");
}

bool sync_mutex_trylock(SyncMutex *m)
{
    int32_t zero = 0;
    return atomic_compare_exchange_strong(&m->state, &zero, 1);
}

const char *sync_mutex_unlock(SyncMutex *m)
{
    int32_t one = 1;
    if (atomic_compare_exchange_strong(&m->state, &one, 0))
        return NULL;
    if (one == 0)
        return "sync: unlock of unlocked mutex";
    /* State 2: a waiter is queued (it set 2 under the queue lock and stays
     * queued until woken). Hand it the lock. */
    wq_lock(&m->waiters);
    G *g = wq_pop(&m->waiters);
    if (!m->waiters.head)
        atomic_store(&m->state, 1);
    wq_unlock(&m->waiters);
    if (g)
        sched_ready(g);
    else
        atomic_store(&m->state, 0);
    return NULL;
}
