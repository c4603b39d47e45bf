/* sync.h — the parking primitives under package sync (runtime/sync.c):
 * WaitGroup, Mutex, RWMutex, Cond's wait list. A goroutine that waits parks (it
 * never spins a thread); the same rules as chan.h apply: a function that
 * returns true has parked the G (the caller returns RUN_PARK at once) and
 * is called again with g->resumed set when the G runs again.
 *
 * The structs are the memory of the Go types sync.WaitGroup etc.: the
 * stdlib declares those types with the same size, so a zero Go value is a
 * ready-to-use primitive, as in Go.
 */
#ifndef CSP_SYNC_H
#define CSP_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "sched.h"

/* A queue of parked goroutines guarded by a small spin lock. */
typedef struct WaitQ {
    _Atomic uint32_t lock;
    G *head, *tail;
} WaitQ;

typedef struct SyncWaitGroup {
    _Atomic int64_t count;
    WaitQ waiters;
} SyncWaitGroup; /* 32 bytes */

typedef struct SyncMutex {
    _Atomic int32_t state; /* bit 0 locked, bit 1 waiters queued (sync.c) */
    int32_t pad;
    WaitQ waiters;
} SyncMutex; /* 32 bytes */

/* A reader/writer lock with Go's writer preference: once a writer waits,
 * new readers wait too (so readers cannot starve it), and a writer's
 * Unlock lets the readers that queued meanwhile in before the next writer.
 * Every field is guarded by q.lock; q queues the waiting writers. */
typedef struct SyncRWMutex {
    WaitQ writers;         /* its lock guards every field */
    G *rhead, *rtail;      /* waiting readers, linked by schedlink */
    int32_t readers;       /* readers inside */
    int32_t wwaiting;      /* writers queued */
    int32_t writer;        /* 1: a writer is inside */
    int32_t pad;
} SyncRWMutex; /* 56 bytes */

/* The wait list under sync.Cond (Go's notifyList): a waiter takes a
 * ticket while it still holds the Cond's lock, releases the lock, then
 * waits for its ticket; Signal notifies the oldest unnotified ticket, even
 * when its waiter has not parked yet (it then does not park at all), and
 * Broadcast all of them. Guarded by waiters.lock. */
typedef struct SyncNotifyList {
    WaitQ waiters;   /* parked waiters, each with g->ticket */
    _Atomic uint32_t wait;   /* the next ticket to hand out */
    _Atomic uint32_t notify; /* tickets below this one are notified;
                                both atomic for Signal's lock-free check */
} SyncNotifyList; /* 32 bytes */

uint32_t sync_notify_add(SyncNotifyList *l);
bool sync_notify_wait(SyncNotifyList *l, uint32_t ticket, G *g);
void sync_notify_one(SyncNotifyList *l);
void sync_notify_all(SyncNotifyList *l);

/* Adds delta; returns NULL, or Go's panic message
 * ("sync: negative WaitGroup counter"). Reaching zero wakes all waiters. */
const char *sync_wg_add(SyncWaitGroup *wg, int64_t delta);
bool sync_wg_wait(SyncWaitGroup *wg, G *g);

bool sync_mutex_lock(SyncMutex *m, G *g);
bool sync_mutex_trylock(SyncMutex *m);
/* Returns NULL or "sync: unlock of unlocked mutex" (a fatal error in Go). */
const char *sync_mutex_unlock(SyncMutex *m);

bool sync_rw_rlock(SyncRWMutex *rw, G *g);
bool sync_rw_tryrlock(SyncRWMutex *rw);
/* Returns NULL or Go's fatal error text ("sync: RUnlock of unlocked
 * RWMutex"). */
const char *sync_rw_runlock(SyncRWMutex *rw);
bool sync_rw_lock(SyncRWMutex *rw, G *g);
bool sync_rw_trylock(SyncRWMutex *rw);
/* Returns NULL or "sync: Unlock of unlocked RWMutex". */
const char *sync_rw_unlock(SyncRWMutex *rw);

#endif
