/* timer.c — the timer heap behind Sleep, After, Tick, Timer, Ticker and
 * AfterFunc.
 *
 * Owns: one min-heap of armed timers ordered by deadline, under one lock,
 * plus an atomic copy of the earliest deadline that the scheduler reads on
 * every round without locking. Scheduler threads run due timers
 * (timer_run_due); callbacks run outside the heap lock, so they may call
 * sched_ready or re-arm timers.
 *
 * Never: calls into the scheduler while holding the heap lock (the
 * scheduler takes this lock inside sched.lock, through timer_pending and
 * timer_next, which are lock-free anyway), or blocks in a callback.
 */
#include <gc.h>

#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include "sched.h"
#include "timer.h"

struct Timer {
    int64_t when;   /* absolute monotonic deadline */
    int64_t period; /* > 0: re-armed every period ns after firing */
    void (*fn)(void *arg, int64_t now);
    void *arg;
    int idx;        /* position in the heap, -1 when not armed */
};

static struct {
    pthread_mutex_t lock;
    Timer **heap;               /* GC memory: keeps armed timers alive */
    int n, cap;
    _Atomic int64_t next;       /* heap[0]->when, or -1 */
    _Atomic int count;          /* n, readable without the lock */
} timers = {.lock = PTHREAD_MUTEX_INITIALIZER, .next = -1};

int64_t timer_nanotime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t timer_walltime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- the heap (under timers.lock) -------------------------------------- */

static void heap_set(int i, Timer *t)
{
    timers.heap[i] = t;
    t->idx = i;
}

static void heap_up(int i)
{
    Timer *t = timers.heap[i];
    while (i > 0) {
        int parent = (i - 1) / 2;
        if (timers.heap[parent]->when <= t->when)
            break;
        heap_set(i, timers.heap[parent]);
        i = parent;
    }
    heap_set(i, t);
}

static void heap_down(int i)
{
    Timer *t = timers.heap[i];
    for (;;) {
        int c = 2 * i + 1;
        if (c >= timers.n)
            break;
        if (c + 1 < timers.n && timers.heap[c + 1]->when < timers.heap[c]->when)
            c++;
        if (t->when <= timers.heap[c]->when)
            break;
        heap_set(i, timers.heap[c]);
        i = c;
    }
    heap_set(i, t);
}

static void heap_push(Timer *t)
{
    if (timers.n == timers.cap) {
        int ncap = timers.cap ? timers.cap * 2 : 64;
        Timer **nh = GC_MALLOC(sizeof(Timer *) * (size_t)ncap);
        for (int i = 0; i < timers.n; i++)
            nh[i] = timers.heap[i];
        timers.heap = nh;
        timers.cap = ncap;
    }
    heap_set(timers.n++, t);
    heap_up(t->idx);
}

static void heap_remove(Timer *t)
{
    int i = t->idx;
    int last = --timers.n;
    t->idx = -1;
    if (i != last) {
        heap_set(i, timers.heap[last]);
        heap_down(i);
        heap_up(timers.heap[i]->idx);
    }
    timers.heap[last] = NULL;
}

/* Publishes the earliest deadline and the count for lock-free readers. */
static void heap_publish(void)
{
    atomic_store(&timers.next, timers.n ? timers.heap[0]->when : -1);
    atomic_store(&timers.count, timers.n);
}

/* ---- timers ---------------------------------------------------------------- */

Timer *timer_new(void (*fn)(void *arg, int64_t now), void *arg)
{
    Timer *t = GC_MALLOC(sizeof(Timer));
    t->fn = fn;
    t->arg = arg;
    t->idx = -1;
    return t;
}

bool timer_start(Timer *t, int64_t when, int64_t period)
{
    pthread_mutex_lock(&timers.lock);
    bool was = t->idx >= 0;
    if (was)
        heap_remove(t);
    t->when = when;
    t->period = period > 0 ? period : 0;
    heap_push(t);
    bool earliest = timers.heap[0] == t;
    heap_publish();
    pthread_mutex_unlock(&timers.lock);
    if (earliest)
        sched_timers_changed(when);
    return was;
}

bool timer_stop(Timer *t)
{
    pthread_mutex_lock(&timers.lock);
    bool was = t->idx >= 0;
    if (was) {
        heap_remove(t);
        heap_publish();
    }
    pthread_mutex_unlock(&timers.lock);
    return was;
}

int64_t timer_run_due(int64_t now)
{
    pthread_mutex_lock(&timers.lock);
    while (timers.n > 0 && timers.heap[0]->when <= now) {
        Timer *t = timers.heap[0];
        if (t->period > 0) {
            /* Skip the periods already missed, as Go's tickers drop ticks. */
            t->when += t->period * ((now - t->when) / t->period + 1);
            heap_down(0);
        } else {
            heap_remove(t);
        }
        heap_publish();
        void (*fn)(void *, int64_t) = t->fn;
        void *arg = t->arg;
        pthread_mutex_unlock(&timers.lock);
        fn(arg, now);
        pthread_mutex_lock(&timers.lock);
    }
    int64_t next = timers.n ? timers.heap[0]->when : -1;
    pthread_mutex_unlock(&timers.lock);
    return next;
}

bool timer_pending(void)
{
    return atomic_load(&timers.count) > 0;
}

int64_t timer_next(void)
{
    return atomic_load(&timers.next);
}

void timer_clear_all(void)
{
    pthread_mutex_lock(&timers.lock);
    while (timers.n > 0)
        heap_remove(timers.heap[timers.n - 1]);
    heap_publish();
    pthread_mutex_unlock(&timers.lock);
}

/* ---- Sleep ------------------------------------------------------------------ */

static void timer_sleep_fire(void *arg, int64_t now)
{
    sched_ready(arg);
}

/* The unlockf of a sleep: the timer is armed only once the G is marked
 * waiting, so it can never fire for a G that is still running. */
static void timer_sleep_arm(void *arg)
{
    G *g = arg;
    timer_start(g->sleeptimer, g->waitwhen, 0);
}

bool timer_sleep(G *g, int64_t ns)
{
    if (g && g->resumed) {
        g->resumed = false;
        return false;
    }
    if (ns <= 0)
        return false;
    if (!g) {
        /* A host thread simply sleeps. */
        struct timespec ts = {.tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000};
        while (nanosleep(&ts, &ts) != 0) {
        }
        return false;
    }
    if (!g->sleeptimer)
        g->sleeptimer = timer_new(timer_sleep_fire, g);
    int64_t now = timer_nanotime();
    g->waitwhen = ns > INT64_MAX - now ? INT64_MAX : now + ns;
    g->waitreason = "sleep";
    g->unlockf = timer_sleep_arm;
    g->unlockarg = g;
    return true;
}
