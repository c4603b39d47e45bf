/* lock.c — the contended paths of the runtime's mutex (lock.h): a short
 * spin, then a futex sleep. The uncontended paths are inline in lock.h.
 *
 * Must never be called with the collector's allocation lock held by the
 * caller's own thread (nothing here allocates, so it is not).
 */
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lock.h"

#ifndef LOCK_PTHREAD
/* Spins this many rounds (each a pause) before sleeping: about the
 * length of a channel operation, so a holder running on another CPU is
 * usually done by then. */
#define LOCK_SPIN 100

void lock_acquire_slow(Lock *l)
{
    for (int i = 0; i < LOCK_SPIN; i++) {
        uint32_t free = 0;
        if (atomic_load_explicit(&l->state, memory_order_relaxed) == 0 &&
            atomic_compare_exchange_weak_explicit(&l->state, &free, 1, memory_order_acquire,
                                                  memory_order_relaxed))
            return;
        __builtin_ia32_pause();
    }
    /* Sleep. Taking it as 2 ("held, sleepers") is conservative: the
     * release after ours then wakes someone who may not exist, which
     * costs a system call but never loses a wake-up. */
    while (atomic_exchange_explicit(&l->state, 2, memory_order_acquire) != 0)
        syscall(SYS_futex, &l->state, FUTEX_WAIT_PRIVATE, 2, NULL, NULL, 0);
}

void lock_wake(Lock *l)
{
    syscall(SYS_futex, &l->state, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}
#endif
