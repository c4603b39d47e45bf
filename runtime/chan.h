/* chan.h — channels and select (runtime/chan.c), Go's algorithm.
 *
 * One lock per channel, a ring buffer of `cap` elements of `elemsize` bytes,
 * queues of waiting senders and receivers. A sender that finds a waiting
 * receiver copies the value straight into the receiver's destination and
 * readies it (and vice versa), so a woken goroutine never contends for the
 * channel again. close() wakes every waiter. select locks its channels in
 * address order, polls the cases in a random order, and if none is ready and
 * there is no default, enqueues on all of them and parks; the first peer to
 * complete one case wins (g->selectdone) and the woken G dequeues itself
 * from the others when it resumes.
 *
 * Operations take the calling G (NULL for a host thread, which then blocks
 * on a condition variable instead of parking) and a `block` flag. When they
 * return CHAN_PARKED, the caller must return RUN_PARK to the scheduler at
 * once (the channel lock is still held and is released by g->unlockf), and
 * on resumption (g->resumed) call the matching *_resume function to complete.
 *
 * Destinations (`elem` of a receive) must stay valid while the G is parked:
 * they point into the fiber's registers, which do not move while parked.
 */
#ifndef CSP_CHAN_H
#define CSP_CHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sched.h"

typedef struct Chan Chan;

typedef enum {
    CHAN_OK,         /* done */
    CHAN_WOULDBLOCK, /* !block and not ready */
    CHAN_PARKED,     /* the G is parked; see above */
    CHAN_CLOSED,     /* send on a closed channel: the caller panics with
                        "send on closed channel" */
} ChanStatus;

/* A waiting goroutine on one channel (Go's sudog). */
struct Sudog {
    G *g;
    Chan *c;
    void *elem;       /* send: source; receive: destination (may be NULL) */
    Sudog *next, *prev; /* in the channel's wait queue */
    Sudog *waitlink;  /* g->waiting list (select: one per case) */
    int caseidx;      /* select: which case this is */
    bool isselect;
    bool success;     /* receive: got a value (false: closed);
                         send: delivered (false: channel closed) */
};

/* Makes a channel of `cap` elements of `elemsize` bytes. `elem_has_ptrs`
 * chooses a scanned or atomic buffer. */
Chan *chan_make(size_t elemsize, int64_t cap, bool elem_has_ptrs);

/* Send *elem. */
ChanStatus chan_send(Chan *c, const void *elem, G *g, bool block);
/* After a G parked in chan_send resumes: CHAN_OK, or CHAN_CLOSED if the
 * channel was closed while it waited. */
ChanStatus chan_send_resume(G *g);

/* Receive into *elem (NULL: discard). *ok = false when the channel is
 * closed and drained (elem then holds the zero value). */
ChanStatus chan_recv(Chan *c, void *elem, bool *ok, G *g, bool block);
/* After a G parked in chan_recv resumes: sets *ok. */
void chan_recv_resume(G *g, bool *ok);

/* Close. Returns NULL on success, else Go's panic message
 * ("close of nil channel", "close of closed channel"). */
const char *chan_close(Chan *c);

int64_t chan_len(Chan *c); /* nil channel: 0 */
int64_t chan_cap(Chan *c);

/* One case of a select. A nil `c` never fires. */
typedef struct SelectCase {
    Chan *c;
    bool is_send;
    void *elem; /* send: source; receive: destination (may be NULL) */
} SelectCase;

/* Selects among n cases. Returns the chosen case index and sets *recvok for
 * a receive; returns -1 when `block` is false and no case is ready
 * (the default case); returns -2 with the G parked (CHAN_PARKED rules).
 * A chosen send on a closed channel returns -3 - index (the caller
 * panics). With n == 0 and block, parks forever (select {}). */
int chan_select(SelectCase *cases, int n, bool block, G *g, bool *recvok);
/* After a G parked in chan_select resumes: the chosen index (or -3 - index
 * for a send on a channel closed meanwhile), dequeuing from the others. */
int chan_select_resume(SelectCase *cases, int n, G *g, bool *recvok);

#endif
