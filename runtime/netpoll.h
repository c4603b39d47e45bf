/* netpoll.h — the network poller (runtime/netpoll.c): goroutines that wait
 * for a descriptor to become readable or writable park on it, and the
 * scheduler polls epoll for the ones that are ready (Go's netpoll.go and
 * netpoll_epoll.go).
 *
 * A descriptor is registered once (edge-triggered, for reading and
 * writing) and must be non-blocking. An operation that fails with EAGAIN
 * calls netpoll_wait and, if it parked, retries when the goroutine
 * resumes; a wait never completes the I/O itself. One poller per process
 * (the scheduler is process-wide).
 */
#ifndef CSP_NETPOLL_H
#define CSP_NETPOLL_H

#include <stdbool.h>
#include <stdint.h>

#include "sched.h"

/* The two directions a goroutine can wait for. */
typedef enum { NETPOLL_READ = 'r', NETPOLL_WRITE = 'w' } NetpollMode;

/* What netpoll_wait did. */
typedef enum {
    NETPOLL_READY,  /* readiness was already signalled: retry the I/O now */
    NETPOLL_PARKED, /* g is parking: return RUN_PARK / NATIVE_PARK (the
                       descriptor's lock is released by g->unlockf) */
    NETPOLL_CLOSED, /* the descriptor was closed by netpoll_close */
} NetpollStatus;

/* Registers fd (already non-blocking) with the poller. Returns 0, or the
 * errno of epoll_ctl (EPERM for regular files and directories, which
 * epoll cannot watch: the caller then keeps blocking I/O). */
int netpoll_open(int fd);

/* Whether fd is registered (and not closed since). */
bool netpoll_registered(int fd);

/* Deregisters fd before its owner closes it: goroutines parked on it are
 * woken (their wait answers NETPOLL_CLOSED when they retry through it). */
void netpoll_close(int fd);

/* Called after an operation on registered fd failed with EAGAIN. If fd
 * became ready since the last wait, consumes that and answers
 * NETPOLL_READY. Else records g as a waiter, sets g->unlockf and answers
 * NETPOLL_PARKED; the poller readies g when an edge arrives. On resume
 * (g->resumed set) it answers at once: NETPOLL_READY, or NETPOLL_CLOSED
 * if fd was closed meanwhile, and clears g->resumed. A NULL or host g
 * (a thread outside the scheduler) waits in poll(2) on its own thread. */
NetpollStatus netpoll_wait(G *g, int fd, NetpollMode mode);

/* ---- the scheduler's side (sched.c) ---- */

/* Goroutines parked on the poller: while positive, the program is not
 * deadlocked and an idle thread blocks in netpoll instead of sleeping.
 * One relaxed load. */
int netpoll_waiters(void);

/* Polls: delay_ns < 0 blocks until an event (or netpoll_break), 0 does not
 * block, > 0 waits at most that long. Returns the goroutines made ready
 * (still G_WAITING: the caller readies them, then calls netpoll_done)
 * linked through schedlink, and their count in *n. A non-blocking poll
 * returns nothing while another thread blocks in one (it will see the
 * events). */
G *netpoll(int64_t delay_ns, int *n);

/* The caller made n goroutines returned by netpoll runnable (under
 * sched.lock, so deadlock detection never sees them nowhere). */
void netpoll_done(int n);

/* Makes the caller the one thread that may block in netpoll (delay != 0):
 * true if no other thread blocks in it now. The claim ends when that
 * netpoll returns. */
bool netpoll_claim(void);

/* Interrupts a netpoll blocked in epoll_wait (scheduler stop). Cheap when
 * nobody blocks, and coalesced: one eventfd write per blocking poll. */
void netpoll_break(void);

/* A timer now fires at monotonic time `when`: interrupts a blocking poll
 * that would sleep past it (Go's wakeNetPoller). */
void netpoll_break_before(int64_t when);

/* Monotonic time of the last poll's end (0 while a thread blocks in it):
 * sysmon polls when no one has for 10 ms (Go's sched.lastpoll). */
int64_t netpoll_lastpoll(void);

#endif
