/* lock.h — the runtime's mutex for short critical sections (a channel's
 * lock), in the manner of Go's lock_futex.go.
 *
 * A channel operation holds its channel's lock for a few dozen
 * instructions, and a select for one per case, so the lock's own cost is
 * a large part of a hand-off: pthread_mutex_lock and _unlock took 16% of
 * the instructions of a select ping-pong. This one is a word: taking a
 * free lock is one compare-and-swap inlined at the call, releasing it one
 * exchange. A contended lock spins briefly (the holder will be done in
 * well under a microsecond, unless it was descheduled), then sleeps on a
 * futex; the word says whether anyone sleeps, so an uncontended release
 * makes no system call.
 *
 * States: 0 free, 1 held, 2 held and a thread may be sleeping on it.
 * Zeroed memory is a free lock, so collected objects need no init call.
 *
 * ThreadSanitizer does not understand futexes: in TSan builds the lock is
 * a pthread mutex (which sched.c makes collector-friendly), so TSan still
 * checks everything the lock protects.
 */
#ifndef CSP_LOCK_H
#define CSP_LOCK_H

#include <stdatomic.h>
#include <stdint.h>

#if defined(__SANITIZE_THREAD__)
#define LOCK_PTHREAD 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LOCK_PTHREAD 1
#endif
#endif

#ifdef LOCK_PTHREAD
#include <pthread.h>

/* Zeroed memory is PTHREAD_MUTEX_INITIALIZER in glibc, as the futex
 * version's free state. */
typedef struct Lock {
    pthread_mutex_t mu;
} Lock;

static inline void lock_acquire(Lock *l)
{
    pthread_mutex_lock(&l->mu);
}

static inline void lock_release(Lock *l)
{
    pthread_mutex_unlock(&l->mu);
}

#else

typedef struct Lock {
    _Atomic uint32_t state;
} Lock;

/* The contended paths (runtime/sched.c). */
void lock_acquire_slow(Lock *l);
void lock_wake(Lock *l);

/* Takes l, waiting as long as another thread holds it. */
static inline void lock_acquire(Lock *l)
{
    uint32_t free = 0;
    if (__builtin_expect(atomic_compare_exchange_weak_explicit(
                             &l->state, &free, 1, memory_order_acquire, memory_order_relaxed),
                         1))
        return;
    lock_acquire_slow(l);
}

/* Releases l, waking one sleeper if there may be one. */
static inline void lock_release(Lock *l)
{
    if (__builtin_expect(atomic_exchange_explicit(&l->state, 0, memory_order_release) == 2, 0))
        lock_wake(l);
}

#endif

#endif
