/* netpoll.c — the epoll network poller (Go's netpoll.go, netpoll_epoll.go).
 *
 * Owns: the process's epoll instance, the eventfd that interrupts a
 * blocking poll, and one poll descriptor (PollDesc, Go's pollDesc) per
 * descriptor number: the Gs waiting to read and to write, and a "ready"
 * flag per direction for an edge that arrived while nobody waited.
 *
 * Never: performs the I/O (callers read and write, and wait here only after
 * EAGAIN), readies a G itself except on close (the scheduler readies what
 * netpoll returns), or blocks a thread that holds a P (sched.c calls the
 * blocking poll only after giving its P up).
 *
 * Invariants (compare netpoll.go's header):
 * - Descriptors are registered once, edge-triggered, for both directions
 *   (EPOLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLET), so epoll reports each change of
 *   readiness exactly once. A G parks only after its own read or write
 *   returned EAGAIN, and under pd->lock it either consumes a pending ready
 *   flag (and retries) or queues itself; the poller, under the same lock,
 *   either takes the queued Gs or sets the flag. So an edge is never lost
 *   between EAGAIN and parking. A spurious ready (an edge already consumed
 *   by the I/O that preceded the wait) costs one more EAGAIN.
 * - A waiter is queued while its M still holds a P, and netpoll_waiters()
 *   counts it until the scheduler has put it on a run queue (netpoll_done,
 *   under sched.lock): so "every P idle, no runnable G, no poll waiter" is
 *   still proof of deadlock, and while waiters exist some idle thread is
 *   (or is about to be) blocked in netpoll, or sysmon polls every 10 ms.
 * - At most one thread blocks in epoll_wait at a time (netpoll_claim sets
 *   lastpoll to 0 for its duration); non-blocking polls skip while it does.
 *   netpoll_break writes the eventfd only when a blocking poll is in
 *   progress, once per poll.
 * - Poll descriptors live in a table indexed by descriptor number and are
 *   never freed (a closed number is reused by the next open), so the poller
 *   never touches freed memory. Each registration bumps pd->seq, which the
 *   epoll event carries, so a late event of a closed registration is
 *   dropped.
 * - Deadlines (the network's SetDeadline) are not implemented yet; they
 *   will be timers that ready the waiters with a timeout, as in Go.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "lock.h"
#include "netpoll.h"
#include "timer.h"

#define PD_CHUNK_BITS 10             /* descriptors per table chunk: 1024 */
#define PD_CHUNKS 2048               /* so up to 2M descriptor numbers */
#define NETPOLL_EVENTS 128           /* events taken per epoll_wait */
#define NETPOLL_BREAK_TAG UINT64_MAX /* epoll data of the eventfd */

/* The wait state of one descriptor number. */
typedef struct PollDesc {
    Lock lock;
    uint32_t seq;        /* bumped at each registration (stale-event filter) */
    bool open;           /* registered with epoll */
    bool closing;        /* netpoll_close ran since the last registration */
    bool rready, wready; /* an edge arrived that no waiter consumed */
    G *rg, *wg;          /* waiting readers and writers, linked by schedlink */
    int nr, nw;
} PollDesc;

static pthread_once_t netpoll_once = PTHREAD_ONCE_INIT;
static int epfd = -1;
static int breakfd = -1;
static _Atomic(PollDesc *) pd_table[PD_CHUNKS];
static _Atomic int nwaiters;
static _Atomic int64_t lastpoll = 1; /* nonzero: nobody blocks in netpoll */
static _Atomic int64_t polluntil;    /* the blocking poll's deadline */
static _Atomic bool breakpending;

static void netpoll_init(void)
{
    epfd = epoll_create1(EPOLL_CLOEXEC);
    breakfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epfd < 0 || breakfd < 0) {
        fprintf(stderr, "fatal error: runtime: netpollinit failed (errno %d)\n", errno);
        exit(2);
    }
    /* Level-triggered: a break stays visible until the poller drains it. */
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = NETPOLL_BREAK_TAG};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, breakfd, &ev) != 0) {
        fprintf(stderr, "fatal error: runtime: netpollinit failed (errno %d)\n", errno);
        exit(2);
    }
}

/* The PollDesc of fd, creating its table chunk on first use (NULL when fd
 * is out of the table's range). */
static PollDesc *pd_get(int fd)
{
    if (fd < 0 || (fd >> PD_CHUNK_BITS) >= PD_CHUNKS)
        return NULL;
    _Atomic(PollDesc *) *slot = &pd_table[fd >> PD_CHUNK_BITS];
    PollDesc *chunk = atomic_load_explicit(slot, memory_order_acquire);
    if (!chunk) {
        /* Plain malloc: the Gs it points to are reachable from allgs. */
        PollDesc *fresh = calloc((size_t)1 << PD_CHUNK_BITS, sizeof(PollDesc));
        if (!fresh) {
            fprintf(stderr, "fatal error: runtime: out of memory\n");
            exit(2);
        }
        if (atomic_compare_exchange_strong(slot, &chunk, fresh))
            chunk = fresh;
        else
            free(fresh); /* another thread won; chunk holds its table */
    }
    return &chunk[fd & ((1 << PD_CHUNK_BITS) - 1)];
}

int netpoll_open(int fd)
{
    pthread_once(&netpoll_once, netpoll_init);
    PollDesc *pd = pd_get(fd);
    if (!pd)
        return EMFILE;
    lock_acquire(&pd->lock);
    pd->seq++;
    pd->open = true;
    pd->closing = false;
    pd->rready = pd->wready = false;
    uint32_t seq = pd->seq;
    lock_release(&pd->lock);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET,
                             .data.u64 = (uint64_t)(uint32_t)fd | (uint64_t)seq << 32};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
        int e = errno;
        lock_acquire(&pd->lock);
        pd->open = false;
        lock_release(&pd->lock);
        return e;
    }
    return 0;
}

bool netpoll_registered(int fd)
{
    if (fd < 0 || (fd >> PD_CHUNK_BITS) >= PD_CHUNKS ||
        !atomic_load_explicit(&pd_table[fd >> PD_CHUNK_BITS], memory_order_acquire))
        return false;
    PollDesc *pd = pd_get(fd);
    lock_acquire(&pd->lock);
    bool r = pd->open;
    lock_release(&pd->lock);
    return r;
}

void netpoll_close(int fd)
{
    if (!netpoll_registered(fd))
        return;
    PollDesc *pd = pd_get(fd);
    lock_acquire(&pd->lock);
    if (!pd->open) {
        lock_release(&pd->lock);
        return;
    }
    pd->open = false;
    pd->closing = true;
    epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
    /* Join the two chains; the waiters retry and see the close. */
    G *list = pd->rg;
    G **tail = &list;
    while (*tail)
        tail = &(*tail)->schedlink;
    *tail = pd->wg;
    int n = pd->nr + pd->nw;
    pd->rg = pd->wg = NULL;
    pd->nr = pd->nw = 0;
    lock_release(&pd->lock);
    if (list) {
        sched_ready_list(list);
        atomic_fetch_sub(&nwaiters, n);
    }
}

/* g->unlockf of a parked waiter: the poller may take it from now on. */
static void pd_unlock(void *arg)
{
    lock_release(&((PollDesc *)arg)->lock);
}

NetpollStatus netpoll_wait(G *g, int fd, NetpollMode mode)
{
    PollDesc *pd = pd_get(fd);
    if (!pd)
        return NETPOLL_CLOSED;
    if (!g || g->host) {
        /* A thread of its own: it may block. */
        struct pollfd p = {.fd = fd, .events = mode == NETPOLL_READ ? POLLIN : POLLOUT};
        while (poll(&p, 1, -1) < 0 && errno == EINTR) {
        }
        return NETPOLL_READY;
    }
    if (g->resumed) {
        g->resumed = false;
        lock_acquire(&pd->lock);
        bool closed = pd->closing && !pd->open;
        lock_release(&pd->lock);
        return closed ? NETPOLL_CLOSED : NETPOLL_READY;
    }
    lock_acquire(&pd->lock);
    if (!pd->open) {
        lock_release(&pd->lock);
        return NETPOLL_CLOSED;
    }
    bool *ready = mode == NETPOLL_READ ? &pd->rready : &pd->wready;
    if (*ready) {
        *ready = false;
        lock_release(&pd->lock);
        return NETPOLL_READY;
    }
    if (mode == NETPOLL_READ) {
        g->schedlink = pd->rg;
        pd->rg = g;
        pd->nr++;
    } else {
        g->schedlink = pd->wg;
        pd->wg = g;
        pd->nw++;
    }
    atomic_fetch_add(&nwaiters, 1);
    g->waitreason = "IO wait";
    g->unlockf = pd_unlock;
    g->unlockarg = pd;
    return NETPOLL_PARKED; /* pd->lock is released by the scheduler */
}

int netpoll_waiters(void)
{
    return atomic_load_explicit(&nwaiters, memory_order_relaxed);
}

void netpoll_done(int n)
{
    atomic_fetch_sub(&nwaiters, n);
}

bool netpoll_claim(void)
{
    int64_t v = atomic_load(&lastpoll);
    return v != 0 && epfd >= 0 && atomic_compare_exchange_strong(&lastpoll, &v, 0);
}

int64_t netpoll_lastpoll(void)
{
    return atomic_load_explicit(&lastpoll, memory_order_relaxed);
}

void netpoll_break(void)
{
    if (atomic_load(&lastpoll) != 0 || epfd < 0)
        return;
    bool f = false;
    if (!atomic_compare_exchange_strong(&breakpending, &f, true))
        return;
    uint64_t one = 1;
    while (write(breakfd, &one, sizeof one) < 0 && errno == EINTR) {
    }
}

void netpoll_break_before(int64_t when)
{
    /* polluntil is 0 between netpoll_claim and epoll_wait: the poller may
     * have read the timers before this one was added. */
    int64_t until = atomic_load(&polluntil);
    if (atomic_load(&lastpoll) == 0 && (until == 0 || when < until))
        netpoll_break();
}

/* Appends pd's waiters of one direction to *list, or records the edge. */
static void pd_take(G **list, int *n, G **q, int *nq, bool *ready)
{
    if (!*q) {
        *ready = true;
        return;
    }
    G *tail = *q;
    while (tail->schedlink)
        tail = tail->schedlink;
    tail->schedlink = *list;
    *list = *q;
    *n += *nq;
    *q = NULL;
    *nq = 0;
}

G *netpoll(int64_t delay_ns, int *n)
{
    *n = 0;
    if (epfd < 0)
        return NULL;
    int64_t was = 0;
    if (delay_ns == 0) {
        /* A non-blocking poll: skip while a blocking one runs. */
        was = atomic_load(&lastpoll);
        if (was == 0)
            return NULL;
    }
    int timeout;
    if (delay_ns < 0) {
        timeout = -1;
        atomic_store(&polluntil, INT64_MAX);
    } else if (delay_ns == 0) {
        timeout = 0;
    } else {
        int64_t ms = (delay_ns + 999999) / 1000000;
        timeout = ms > 1000000000 ? 1000000000 : (int)ms;
        atomic_store(&polluntil, timer_nanotime() + delay_ns);
    }
    struct epoll_event evs[NETPOLL_EVENTS];
    int r = epoll_wait(epfd, evs, NETPOLL_EVENTS, timeout);
    G *list = NULL;
    for (int i = 0; i < r; i++) {
        uint64_t d = evs[i].data.u64;
        if (d == NETPOLL_BREAK_TAG) {
            uint64_t v;
            while (read(breakfd, &v, sizeof v) < 0 && errno == EINTR) {
            }
            atomic_store(&breakpending, false);
            continue;
        }
        PollDesc *pd = pd_get((int)(uint32_t)d);
        uint32_t ev = evs[i].events;
        lock_acquire(&pd->lock);
        if (pd->open && pd->seq == (uint32_t)(d >> 32)) {
            if (ev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
                pd_take(&list, n, &pd->rg, &pd->nr, &pd->rready);
            if (ev & (EPOLLOUT | EPOLLHUP | EPOLLERR))
                pd_take(&list, n, &pd->wg, &pd->nw, &pd->wready);
        }
        lock_release(&pd->lock);
    }
    if (delay_ns != 0) {
        atomic_store(&polluntil, 0);
        atomic_store(&lastpoll, timer_nanotime());
    } else {
        int64_t now = timer_nanotime();
        atomic_compare_exchange_strong(&lastpoll, &was, now);
    }
    return list;
}
