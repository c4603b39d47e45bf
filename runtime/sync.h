/* sync.h — the parking primitives under package sync (runtime/sync.c):
 * WaitGroup, Mutex, RWMutex, Once, Cond. A goroutine that waits parks (it
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
    _Atomic int32_t state; /* 0 unlocked, 1 locked */
    int32_t pad;
    WaitQ waiters;
} SyncMutex; /* 32 bytes */

/* Adds delta; returns NULL, or Go's panic message
 * ("sync: negative WaitGroup counter"). Reaching zero wakes all waiters. */
const char *sync_wg_add(SyncWaitGroup *wg, int64_t delta);
bool sync_wg_wait(SyncWaitGroup *wg, G *g);

bool sync_mutex_lock(SyncMutex *m, G *g);
bool sync_mutex_trylock(SyncMutex *m);
/* Returns NULL or "sync: unlock of unlocked mutex" (a fatal error in Go). */
const char *sync_mutex_unlock(SyncMutex *m);

#endif
