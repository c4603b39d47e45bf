/* chan.c — channels and select, Go's algorithm (chan.go, select.go).
 *
 * Owns: the channel object (a lock, a ring buffer, queues of waiting
 * senders and receivers), direct hand-off between goroutines, close, and
 * select's lock-all / poll / enqueue-on-all / dequeue-on-wake protocol.
 *
 * Never: copies a value twice on a hand-off (a sender writes straight into
 * the parked receiver's destination and vice versa), readies a G while
 * holding a channel lock it does not need (wake-ups happen after unlock),
 * or lets a parked G be woken twice for one wait (select's g->selectdone).
 *
 * Wait records (Sudogs) are fresh per blocking operation and never reused,
 * so their `c` and `waitlink` fields never change once queued; only the
 * owning G (under the channel locks) and wakers (under the channel lock)
 * touch the rest.
 */
#include <gc.h>

#include <string.h>

#include "chan.h"
#include "lock.h"
#include "sched.h"
#include "value.h"

/* A FIFO of waiting goroutines (doubly linked, for select's removal). */
typedef struct WaitList {
    Sudog *first, *last;
} WaitList;

struct Chan {
    Lock lock; /* lock.h: zeroed is free */
    size_t elemsize;
    uint64_t cap;
    uint64_t qcount;       /* values in the buffer */
    uint64_t sendx, recvx; /* ring indices, below `ring` */
    uint64_t ring;         /* slots allocated in buf: cap, or fewer for a big
                              buffer, which grows as it fills (chan_ring_grow) */
    uint8_t *buf;
    bool closed;
    bool ptrs; /* elements hold pointers: buf is scanned */
    WaitList recvq, sendq;
};

/* A buffer up to this size is allocated whole by make; a bigger one starts
 * at this size and doubles as it fills. Go reserves all of make(chan T,
 * 1<<31) at once and untouched pages cost nothing there; here the
 * collector would clear and scan a block of pointers whole, so a buffer
 * only grows to what the program really queues. */
#define CHAN_EAGER_BYTES ((uint64_t)1 << 20)

Chan *chan_make(size_t elemsize, int64_t cap, bool elem_has_ptrs)
{
    if (cap < 0 || (elemsize && (uint64_t)cap > (uint64_t)INT64_MAX / elemsize))
        return NULL; /* the caller panics: "makechan: size out of range" */
    Chan *c = heap_alloc(sizeof(Chan));
    c->elemsize = elemsize;
    c->cap = (uint64_t)cap;
    c->ptrs = elem_has_ptrs;
    uint64_t bytes = elemsize * (uint64_t)cap;
    c->ring = bytes <= CHAN_EAGER_BYTES ? c->cap : CHAN_EAGER_BYTES / elemsize;
    if (c->ring == 0 && c->cap)
        c->ring = 1; /* elements over CHAN_EAGER_BYTES: one at a time */
    if (bytes)
        c->buf = heap_alloc_n(c->ring, elemsize, elem_has_ptrs);
    return c;
}

/* The ring is full but the channel is not (qcount == ring < cap): double
 * it (at most to cap), the queued values moved to its start in order.
 * Under c's lock. Returns true (there is room now), for chan_has_room. */
static bool __attribute__((noinline)) chan_ring_grow(Chan *c)
{
    uint64_t n = c->ring * 2 < c->cap ? c->ring * 2 : c->cap;
    size_t es = c->elemsize;
    uint8_t *nb = heap_alloc_n(n, es, c->ptrs);
    uint64_t first = c->ring - c->recvx < c->qcount ? c->ring - c->recvx : c->qcount;
    memcpy(nb, c->buf + c->recvx * es, first * es);
    memcpy(nb + first * es, c->buf, (c->qcount - first) * es);
    heap_free(c->buf); /* nothing else points into the old ring */
    c->buf = nb;
    c->ring = n;
    c->recvx = 0;
    c->sendx = c->qcount;
    return true;
}

/* Whether the buffer takes one more value, growing the ring when it is
 * full below cap. The common case costs what `qcount < cap` did; an
 * unbuffered channel (ring == cap == 0) never calls anything. */
static inline bool chan_has_room(Chan *c)
{
    return c->qcount < c->ring || (c->ring < c->cap && chan_ring_grow(c));
}

/* ---- wait queues (under the channel lock) ------------------------------ */

static void wl_enqueue(WaitList *q, Sudog *sg)
{
    sg->next = NULL;
    sg->prev = q->last;
    if (q->last)
        q->last->next = sg;
    else
        q->first = sg;
    q->last = sg;
}

/* Pops the first waiter that can still be woken: a select waiter that
 * another channel already woke (it lost the selectdone race) is dropped. */
static Sudog *wl_dequeue(WaitList *q)
{
    for (;;) {
        Sudog *sg = q->first;
        if (!sg)
            return NULL;
        q->first = sg->next;
        if (q->first)
            q->first->prev = NULL;
        else
            q->last = NULL;
        sg->next = sg->prev = NULL;
        if (sg->isselect) {
            uint32_t zero = 0;
            if (!atomic_compare_exchange_strong(&sg->g->selectdone, &zero, 1))
                continue;
        }
        return sg;
    }
}

/* Removes sg if it is still queued (a waker may have dequeued it). */
static void wl_remove(WaitList *q, Sudog *sg)
{
    if (!sg->prev && q->first != sg)
        return;
    if (sg->prev)
        sg->prev->next = sg->next;
    else
        q->first = sg->next;
    if (sg->next)
        sg->next->prev = sg->prev;
    else
        q->last = sg->prev;
    sg->next = sg->prev = NULL;
}

/* A wait record for g, from g's own cache when it has one (see
 * G.sudogcache): only g touches its cache, so no lock is needed. */
static Sudog *sudog_new(G *g, Chan *c, void *elem)
{
    Sudog *sg = g->sudogcache;
    if (sg) {
        g->sudogcache = sg->waitlink;
        sg->waitlink = NULL;
        sg->next = sg->prev = NULL;
        sg->caseidx = 0;
        sg->isselect = false;
        sg->success = false;
    } else {
        sg = GC_MALLOC(sizeof(Sudog));
    }
    sg->g = g;
    sg->c = c;
    sg->elem = elem;
    return sg;
}

/* Gives g's finished wait records (the g->waiting list) back to its cache.
 * Called by g itself once it has resumed and every record is out of every
 * queue: a waker touches a record only under its channel's lock or before
 * it readies g, never after. The channel and element pointers are dropped
 * so that the cache keeps nothing alive. */
static void sudog_release(G *g, Sudog *list)
{
    while (list) {
        Sudog *next = list->waitlink;
        list->c = NULL;
        list->elem = NULL;
        list->waitlink = g->sudogcache;
        g->sudogcache = list;
        list = next;
    }
}

static inline uint8_t *chan_slot(Chan *c, uint64_t i)
{
    return c->buf + i * c->elemsize;
}

static inline void elem_copy(void *dst, const void *src, size_t n)
{
    if (dst && n)
        memcpy(dst, src, n);
}

static inline void elem_zero(void *dst, size_t n)
{
    if (dst && n)
        memset(dst, 0, n);
}

static void chan_unlockf(void *arg)
{
    lock_release(&((Chan *)arg)->lock);
}

/* A nil channel (or select with no live case) waits forever. */
static ChanStatus chan_park_forever(G *g, const char *reason)
{
    bool host = g == NULL;
    if (host)
        g = sched_host_g();
    g->waiting = NULL;
    g->waitreason = reason;
    g->unlockf = NULL;
    g->unlockarg = NULL;
    if (host)
        for (;;)
            sched_host_park(g); /* nobody ever wakes it */
    return CHAN_PARKED;
}

/* A hand-off to a parked receiver: the value goes straight to its
 * destination. Under c's lock; the caller readies sg->g after unlocking. */
static void chan_send_direct(Chan *c, Sudog *sg, const void *elem)
{
    elem_copy(sg->elem, elem, c->elemsize);
    sg->success = true;
    sg->g->param = sg;
}

/* Receiving from a parked sender: an unbuffered channel copies straight
 * from it; a full buffered one takes the head of the buffer and puts the
 * sender's value at the tail (FIFO order is kept). Under c's lock. */
static void chan_recv_direct(Chan *c, Sudog *sg, void *elem)
{
    if (c->cap == 0) {
        elem_copy(elem, sg->elem, c->elemsize);
    } else {
        uint8_t *slot = chan_slot(c, c->recvx);
        elem_copy(elem, slot, c->elemsize);
        elem_copy(slot, sg->elem, c->elemsize);
        /* a sender waits only on a full buffer: ring == cap here */
        if (++c->recvx == c->ring)
            c->recvx = 0;
        c->sendx = c->recvx;
    }
    sg->success = true;
    sg->g->param = sg;
}

static void chan_buf_put(Chan *c, const void *elem)
{
    elem_copy(chan_slot(c, c->sendx), elem, c->elemsize);
    if (++c->sendx == c->ring)
        c->sendx = 0;
    c->qcount++;
}

static void chan_buf_get(Chan *c, void *elem)
{
    uint8_t *slot = chan_slot(c, c->recvx);
    elem_copy(elem, slot, c->elemsize);
    elem_zero(slot, c->elemsize); /* let the collector drop the value */
    if (++c->recvx == c->ring)
        c->recvx = 0;
    c->qcount--;
}

/* ---- send, receive, close ---------------------------------------------- */

ChanStatus chan_send(Chan *c, const void *elem, G *g, bool block)
{
    if (g && g->resumed && g->waiting)
        return chan_send_resume(g);
    if (!c) {
        if (!block)
            return CHAN_WOULDBLOCK;
        return chan_park_forever(g, "chan send (nil chan)");
    }
    bool host = g == NULL;
    if (host && block)
        g = sched_host_g();
    lock_acquire(&c->lock);
    if (c->closed) {
        lock_release(&c->lock);
        return CHAN_CLOSED;
    }
    Sudog *sg = wl_dequeue(&c->recvq);
    if (sg) {
        chan_send_direct(c, sg, elem);
        lock_release(&c->lock);
        sched_ready(sg->g);
        return CHAN_OK;
    }
    if (chan_has_room(c)) {
        chan_buf_put(c, elem);
        lock_release(&c->lock);
        return CHAN_OK;
    }
    if (!block) {
        lock_release(&c->lock);
        return CHAN_WOULDBLOCK;
    }
    sg = sudog_new(g, c, (void *)elem);
    g->waiting = sg;
    g->param = NULL;
    wl_enqueue(&c->sendq, sg);
    g->waitreason = "chan send";
    g->unlockf = chan_unlockf;
    g->unlockarg = c;
    if (host) {
        sched_host_park(g);
        return chan_send_resume(g);
    }
    return CHAN_PARKED;
}

ChanStatus chan_send_resume(G *g)
{
    Sudog *sg = g->waiting;
    g->resumed = false;
    g->waiting = NULL;
    g->param = NULL;
    bool ok = !sg || sg->success;
    sudog_release(g, sg);
    return ok ? CHAN_OK : CHAN_CLOSED;
}

ChanStatus chan_recv(Chan *c, void *elem, bool *ok, G *g, bool block)
{
    if (g && g->resumed && g->waiting) {
        chan_recv_resume(g, ok);
        return CHAN_OK;
    }
    if (!c) {
        if (!block)
            return CHAN_WOULDBLOCK;
        return chan_park_forever(g, "chan receive (nil chan)");
    }
    bool host = g == NULL;
    if (host && block)
        g = sched_host_g();
    lock_acquire(&c->lock);
    if (c->closed && c->qcount == 0) {
        lock_release(&c->lock);
        elem_zero(elem, c->elemsize);
        if (ok)
            *ok = false;
        return CHAN_OK;
    }
    Sudog *sg = wl_dequeue(&c->sendq);
    if (sg) {
        chan_recv_direct(c, sg, elem);
        lock_release(&c->lock);
        sched_ready(sg->g);
        if (ok)
            *ok = true;
        return CHAN_OK;
    }
    if (c->qcount > 0) {
        chan_buf_get(c, elem);
        lock_release(&c->lock);
        if (ok)
            *ok = true;
        return CHAN_OK;
    }
    if (!block) {
        lock_release(&c->lock);
        return CHAN_WOULDBLOCK;
    }
    sg = sudog_new(g, c, elem);
    g->waiting = sg;
    g->param = NULL;
    wl_enqueue(&c->recvq, sg);
    g->waitreason = "chan receive";
    g->unlockf = chan_unlockf;
    g->unlockarg = c;
    if (host) {
        sched_host_park(g);
        chan_recv_resume(g, ok);
    }
    return host ? CHAN_OK : CHAN_PARKED;
}

void chan_recv_resume(G *g, bool *ok)
{
    Sudog *sg = g->waiting;
    g->resumed = false;
    g->waiting = NULL;
    g->param = NULL;
    if (ok)
        *ok = sg && sg->success;
    sudog_release(g, sg);
}

const char *chan_close(Chan *c)
{
    if (!c)
        return "close of nil channel";
    lock_acquire(&c->lock);
    if (c->closed) {
        lock_release(&c->lock);
        return "close of closed channel";
    }
    c->closed = true;
    /* Collect every waiter through `next` (free once dequeued), wake them
     * after unlocking. */
    Sudog *list = NULL, *sg;
    while ((sg = wl_dequeue(&c->recvq)) != NULL) {
        elem_zero(sg->elem, c->elemsize);
        sg->success = false;
        sg->g->param = sg;
        sg->next = list;
        list = sg;
    }
    while ((sg = wl_dequeue(&c->sendq)) != NULL) {
        sg->success = false;
        sg->g->param = sg;
        sg->next = list;
        list = sg;
    }
    lock_release(&c->lock);
    /* Readied as the list runs, last waiter first, as Go's closechan
     * pops its gList: the first waiter ends in runnext and runs first. */
    G *gs = NULL, **tail = &gs;
    while (list) {
        sg = list;
        list = sg->next;
        sg->next = NULL;
        sg->g->schedlink = NULL;
        *tail = sg->g;
        tail = &sg->g->schedlink;
    }
    sched_ready_list(gs);
    return NULL;
}

int64_t chan_len(Chan *c)
{
    if (!c)
        return 0;
    lock_acquire(&c->lock);
    int64_t n = (int64_t)c->qcount;
    lock_release(&c->lock);
    return n;
}

int64_t chan_cap(Chan *c)
{
    return c ? (int64_t)c->cap : 0;
}

/* ---- select ------------------------------------------------------------------ */

/* A per-thread wyrand state for the poll order (not a collector root: it
 * holds no pointers). */
static __thread uint64_t sel_rand_state;

static uint32_t sel_rand(void)
{
    if (!sel_rand_state)
        sel_rand_state = (uint64_t)(uintptr_t)&sel_rand_state ^ 0x9e3779b97f4a7c15ULL;
    sel_rand_state += 0xa0761d6478bd642fULL;
    __uint128_t t = (__uint128_t)sel_rand_state * (sel_rand_state ^ 0xe7037ed1a0b428dbULL);
    return (uint32_t)((uint64_t)(t >> 64) ^ (uint64_t)t);
}

/* Locks the distinct channels of lockorder (sorted by address). */
static void sel_lock(SelectCase *cases, const int *lockorder, int n)
{
    Chan *last = NULL;
    for (int k = 0; k < n; k++) {
        Chan *c = cases[lockorder[k]].c;
        if (c != last)
            lock_acquire(&c->lock);
        last = c;
    }
}

static void sel_unlock(SelectCase *cases, const int *lockorder, int n)
{
    Chan *last = NULL;
    for (int k = n - 1; k >= 0; k--) {
        Chan *c = cases[lockorder[k]].c;
        if (c != last)
            lock_release(&c->lock);
        last = c;
    }
}

/* The unlockf of a parked select. The wait records are in lock order; a
 * channel is unlocked only after passing its last record, because once it
 * is unlocked a waker may wake the G, whose resume path then relocks
 * (and waits for the channels still held here). */
static void sel_unlockf(void *arg)
{
    G *g = arg;
    Chan *last = NULL;
    for (Sudog *sg = g->waiting; sg;) {
        Sudog *next = sg->waitlink;
        Chan *c = sg->c;
        if (last && c != last)
            lock_release(&last->lock);
        last = c;
        sg = next;
    }
    if (last)
        lock_release(&last->lock);
}

int chan_select(SelectCase *cases, int n, bool block, G *g, bool *recvok)
{
    if (g && g->resumed && g->waiting)
        return chan_select_resume(cases, n, g, recvok);
    int stackbuf[2 * 32];
    int *poll = n <= 32 ? stackbuf : GC_MALLOC_ATOMIC(sizeof(int) * 2 * (size_t)n);
    int *lock = poll + (n <= 32 ? 32 : n);

    /* Poll order: a random permutation of the live cases. */
    int np = 0;
    for (int i = 0; i < n; i++) {
        if (!cases[i].c)
            continue;
        int j = (int)(sel_rand() % (uint32_t)(np + 1));
        poll[np] = poll[j];
        poll[j] = i;
        np++;
    }
    /* Go compiles a one-case select without default to the plain
     * operation: say so in the wait reason, as its tracebacks do. */
    bool single = n == 1 && block;
    if (np == 0) {
        if (!block)
            return -1;
        /* Go: `select {}` is "select (no cases)"; cases that are all nil
         * channels park in selectgo itself, as "select". */
        chan_park_forever(g, n == 0                 ? "select (no cases)"
                             : !single              ? "select"
                             : cases[0].is_send     ? "chan send (nil chan)"
                                                    : "chan receive (nil chan)");
        return -2;
    }
    /* Lock order: by channel address (insertion sort; selects are small),
     * duplicates adjacent so they are locked once. */
    for (int k = 0; k < np; k++) {
        int i = poll[k], m = k;
        while (m > 0 && (uintptr_t)cases[lock[m - 1]].c > (uintptr_t)cases[i].c) {
            lock[m] = lock[m - 1];
            m--;
        }
        lock[m] = i;
    }
    sel_lock(cases, lock, np);

    /* Pass 1: is some case ready? */
    for (int k = 0; k < np; k++) {
        int i = poll[k];
        Chan *c = cases[i].c;
        Sudog *sg;
        if (cases[i].is_send) {
            if (c->closed) {
                sel_unlock(cases, lock, np);
                return -3 - i;
            }
            if ((sg = wl_dequeue(&c->recvq)) != NULL) {
                chan_send_direct(c, sg, cases[i].elem);
                sel_unlock(cases, lock, np);
                sched_ready(sg->g);
                return i;
            }
            if (chan_has_room(c)) {
                chan_buf_put(c, cases[i].elem);
                sel_unlock(cases, lock, np);
                return i;
            }
        } else {
            if ((sg = wl_dequeue(&c->sendq)) != NULL) {
                chan_recv_direct(c, sg, cases[i].elem);
                sel_unlock(cases, lock, np);
                sched_ready(sg->g);
                if (recvok)
                    *recvok = true;
                return i;
            }
            if (c->qcount > 0) {
                chan_buf_get(c, cases[i].elem);
                sel_unlock(cases, lock, np);
                if (recvok)
                    *recvok = true;
                return i;
            }
            if (c->closed) {
                sel_unlock(cases, lock, np);
                elem_zero(cases[i].elem, c->elemsize);
                if (recvok)
                    *recvok = false;
                return i;
            }
        }
    }
    if (!block) {
        sel_unlock(cases, lock, np);
        return -1;
    }

    /* Pass 2: wait on every case, in lock order. */
    bool host = g == NULL;
    if (host)
        g = sched_host_g();
    atomic_store(&g->selectdone, 0);
    g->param = NULL;
    Sudog **tail = &g->waiting;
    for (int k = 0; k < np; k++) {
        int i = lock[k];
        Chan *c = cases[i].c;
        Sudog *sg = sudog_new(g, c, cases[i].elem);
        sg->isselect = true;
        sg->caseidx = i;
        *tail = sg;
        tail = &sg->waitlink;
        wl_enqueue(cases[i].is_send ? &c->sendq : &c->recvq, sg);
    }
    *tail = NULL;
    g->waitreason = !single ? "select" : cases[0].is_send ? "chan send" : "chan receive";
    g->unlockf = sel_unlockf;
    g->unlockarg = g;
    if (host) {
        sched_host_park(g);
        return chan_select_resume(cases, n, g, recvok);
    }
    return -2;
}

int chan_select_resume(SelectCase *cases, int n, G *g, bool *recvok)
{
    g->resumed = false;
    Sudog *win = g->param;
    /* Relock (the records are in lock order) and leave the other queues. */
    Chan *last = NULL;
    for (Sudog *sg = g->waiting; sg; sg = sg->waitlink) {
        if (sg->c != last)
            lock_acquire(&sg->c->lock);
        last = sg->c;
    }
    for (Sudog *sg = g->waiting; sg; sg = sg->waitlink) {
        if (sg == win)
            continue;
        wl_remove(cases[sg->caseidx].is_send ? &sg->c->sendq : &sg->c->recvq, sg);
    }
    sel_unlockf(g);
    Sudog *all = g->waiting;
    g->waiting = NULL;
    g->param = NULL;
    if (!win)
        return -1; /* cannot happen: a select is only woken by a winner */
    int i = win->caseidx;
    bool success = win->success;
    sudog_release(g, all);
    if (cases[i].is_send)
        return success ? i : -3 - i;
    if (recvok)
        *recvok = success;
    return i;
}
