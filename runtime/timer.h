/* timer.h — the timer heap (runtime/timer.c): Sleep, After, Tick, timers,
 * tickers, AfterFunc. Idle scheduler threads sleep until the earliest
 * deadline; a pending timer means the program is not deadlocked.
 */
#ifndef CSP_TIMER_H
#define CSP_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "sched.h"

typedef struct Timer Timer;

/* Monotonic nanoseconds (CLOCK_MONOTONIC) and wall-clock nanoseconds since
 * the Unix epoch (CLOCK_REALTIME). */
int64_t timer_nanotime(void);
int64_t timer_walltime(void);

/* Parks g for ns nanoseconds (returns true: the caller returns RUN_PARK;
 * re-executed on resume with g->resumed set, then returns false). ns <= 0
 * returns false at once. */
bool timer_sleep(G *g, int64_t ns);

/* A timer calling fn(arg, now) on a scheduler thread when it fires, every
 * `period` ns after the first firing if period > 0. fn must not block. */
Timer *timer_new(void (*fn)(void *arg, int64_t now), void *arg);
/* (Re)arms t to fire at the absolute monotonic time `when`. Returns whether
 * it was active before (as Go's Reset). */
bool timer_start(Timer *t, int64_t when, int64_t period);
/* Disarms t; returns whether it was active (as Go's Stop). */
bool timer_stop(Timer *t);

/* Runs the timers due on the calling scheduler thread; returns the next
 * deadline or -1 when none is pending. Used by sched.c. */
int64_t timer_run_due(int64_t now);
/* Whether any timer is pending (deadlock detection). */
bool timer_pending(void);
/* The earliest deadline, or -1 when none is pending: one atomic load, so
 * the scheduler can look at it on every scheduling round. */
int64_t timer_next(void);

/* Disarms every timer (a new program starts in the same process). */
void timer_clear_all(void);

#endif
