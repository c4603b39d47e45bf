/* test_timer.c — the timer heap (runtime/timer.c) and its integration with
 * the scheduler: sleeping goroutines, one-shot and periodic timers, stop
 * and reset, and deadlock detection in the presence of pending timers.
 * Goroutines are C state machines run by the test runner (see
 * test_chan.c). One scenario per test (CK_FORK).
 */
#include <gc.h>

#include <check.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "runtime/sched.h"
#include "tests/unit/rt_harness.h"
#include "runtime/timer.h"

#define MS 1000000LL


#define SLEEP(n, ns)                                                          \
    f->pc = n;                                                                \
    /* fallthrough */                                                         \
    case n:                                                                   \
        if (timer_sleep(g, (ns)))                                             \
            return RUN_PARK;

/* ---- sleep ordering --------------------------------------------------------- */

/* Sleeper i wakes at T0 + (10-i)*20ms: deadlines from a common start, so
 * a loaded machine that starts some goroutines late does not reorder them. */
static int woke[10];
static _Atomic int nwoke;
static int64_t slept[10];
static int64_t T0;
static RunResult sleeper(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        SLEEP(1, T0 + (10 - f->id) * 20 * MS - timer_nanotime())
        slept[f->id] = timer_nanotime() - T0;
        woke[atomic_fetch_add(&nwoke, 1)] = f->id;
    }
    return RUN_EXIT;
}

static RunResult sleep_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ck_assert(!timer_sleep(g, 0));
        ck_assert(!timer_sleep(g, -5));
        T0 = timer_nanotime();
        for (int i = 0; i < 10; i++)
            spawn(sleeper, i);
        while (atomic_load(&nwoke) < 10) {
            SLEEP(1, 1 * MS)
        }
    }
    return RUN_EXIT;
}

START_TEST(test_sleep_order)
{
    run_main(2, sleep_main);
    /* Every sleep lasts at least its time; wake-ups follow the deadlines,
     * except that timers that fire in one batch on a late thread wake in
     * runnext (LIFO) order, as in Go: allow inversions within 40ms. */
    int inorder = 0;
    for (int i = 0; i < 10; i++) {
        ck_assert_int_ge(slept[i], (10 - i) * 20 * MS);
        inorder += woke[i] == 9 - i;
        for (int j = i + 1; j < 10; j++)
            ck_assert_int_le((10 - woke[i]) * 20, (10 - woke[j]) * 20 + 40);
    }
    ck_assert_int_ge(inorder, 4);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

/* ---- many sleepers --------------------------------------------------------------- */

#define NSLEEP 2000
static _Atomic int many_woke;
static RunResult short_sleeper(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        SLEEP(1, (1 + f->id % 20) * MS)
        atomic_fetch_add(&many_woke, 1);
    }
    return RUN_EXIT;
}

static RunResult many_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        f->t0 = timer_nanotime();
        for (int i = 0; i < NSLEEP; i++)
            spawn(short_sleeper, i);
        while (atomic_load(&many_woke) < NSLEEP) {
            SLEEP(1, 2 * MS)
        }
        ck_assert_int_lt(timer_nanotime() - f->t0, 2000 * MS);
    }
    return RUN_EXIT;
}

START_TEST(test_many_sleepers)
{
    run_main(2, many_main);
    ck_assert_int_eq(many_woke, NSLEEP);
}
END_TEST

/* ---- timers: fire, stop, reset, periodic ----------------------------------------------- */

static _Atomic int fired;
static _Atomic int64_t fired_at;
static void on_fire(void *arg, int64_t now)
{
    atomic_fetch_add(&fired, 1);
    atomic_store(&fired_at, now);
}

static bool stop_results[6];
static int fired_after[3];
static RunResult stop_main(G *g, TF *f)
{
    static Timer *t;
    switch (f->pc) {
    case 0:
        t = timer_new(on_fire, NULL);
        ck_assert(!timer_stop(t));                                  /* never armed */
        stop_results[0] = timer_start(t, timer_nanotime() + 30 * MS, 0); /* false */
        stop_results[1] = timer_stop(t);                            /* true */
        SLEEP(1, 60 * MS)
        fired_after[0] = fired; /* 0: stopped in time */
        stop_results[2] = timer_start(t, timer_nanotime() + 200 * MS, 0); /* false */
        stop_results[3] = timer_start(t, timer_nanotime() + 10 * MS, 0);  /* reset: true */
        f->t0 = timer_nanotime();
        SLEEP(2, 60 * MS)
        fired_after[1] = fired; /* 1: the reset deadline fired */
        stop_results[4] = timer_stop(t); /* false: already fired */
        SLEEP(3, 200 * MS)
        fired_after[2] = fired; /* still 1: the first deadline was replaced */
        stop_results[5] = timer_pending();
    }
    return RUN_EXIT;
}

START_TEST(test_stop_reset)
{
    run_main(2, stop_main);
    ck_assert(!stop_results[0]);
    ck_assert(stop_results[1]);
    ck_assert(!stop_results[2]);
    ck_assert(stop_results[3]);
    ck_assert(!stop_results[4]);
    ck_assert(!stop_results[5]);
    ck_assert_int_eq(fired_after[0], 0);
    ck_assert_int_eq(fired_after[1], 1);
    ck_assert_int_eq(fired_after[2], 1);
}
END_TEST

static int ticks_seen, ticks_after_stop;
static RunResult ticker_main(G *g, TF *f)
{
    static Timer *t;
    switch (f->pc) {
    case 0:
        t = timer_new(on_fire, NULL);
        timer_start(t, timer_nanotime() + 10 * MS, 10 * MS);
        SLEEP(1, 105 * MS)
        ck_assert(timer_stop(t)); /* a ticker stays armed */
        ticks_seen = fired;
        SLEEP(2, 50 * MS)
        ticks_after_stop = fired;
    }
    return RUN_EXIT;
}

START_TEST(test_periodic)
{
    run_main(2, ticker_main);
    ck_assert_int_ge(ticks_seen, 4); /* missed ticks are dropped under load */
    ck_assert_int_le(ticks_seen, 11);
    ck_assert_int_eq(ticks_after_stop, ticks_seen);
}
END_TEST

/* A callback may start a goroutine (time.AfterFunc). */
static _Atomic bool afterfunc_ran;
static RunResult afterfunc_body(G *g, TF *f)
{
    atomic_store(&afterfunc_ran, true);
    return RUN_EXIT;
}
static void start_g(void *arg, int64_t now)
{
    spawn(afterfunc_body, 1);
}

static RunResult afterfunc_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        timer_start(timer_new(start_g, NULL), timer_nanotime() + 5 * MS, 0);
        while (!atomic_load(&afterfunc_ran)) {
            SLEEP(1, 1 * MS)
        }
    }
    return RUN_EXIT;
}

START_TEST(test_afterfunc)
{
    run_main(2, afterfunc_main);
    ck_assert(afterfunc_ran);
}
END_TEST

/* ---- deadlock detection and timers --------------------------------------------------- */

static RunResult parker(G *g, TF *f)
{
    g->waitreason = "chan receive";
    g->unlockf = NULL;
    return RUN_PARK;
}

/* main sleeps while another goroutine is blocked forever: not a deadlock. */
static RunResult sleep_alone_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        spawn(parker, 1);
        SLEEP(1, 50 * MS)
    }
    return RUN_EXIT;
}

START_TEST(test_no_deadlock_while_sleeping)
{
    run_main(2, sleep_alone_main);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

/* Everyone blocked, one timer pending: the verdict waits for the timer. */
static int64_t started_at;
static RunResult pending_main(G *g, TF *f)
{
    started_at = timer_nanotime();
    timer_start(timer_new(on_fire, NULL), started_at + 80 * MS, 0);
    return parker(g, f);
}

START_TEST(test_deadlock_after_timer)
{
    run_main(2, pending_main);
    ck_assert_int_eq(deadlocks, 1);
    ck_assert_int_eq(fired, 1);
    ck_assert_int_ge(deadlock_at - started_at, 80 * MS);
}
END_TEST

/* ---- clocks and host threads ------------------------------------------------------------ */

START_TEST(test_clocks_and_host_sleep)
{
    ck_assert_int_gt(timer_walltime(), 1600000000LL * 1000000000LL);
    int64_t t0 = timer_nanotime();
    ck_assert(!timer_sleep(NULL, 20 * MS)); /* a host thread just sleeps */
    int64_t dt = timer_nanotime() - t0;
    ck_assert_int_ge(dt, 20 * MS);
    ck_assert_int_eq(timer_next(), -1);
    ck_assert(!timer_pending());
    ck_assert_int_eq(timer_run_due(timer_nanotime()), -1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("timer");
    TCase *tc;
    ADD(test_sleep_order);
    ADD(test_many_sleepers);
    ADD(test_stop_reset);
    ADD(test_periodic);
    ADD(test_afterfunc);
    ADD(test_no_deadlock_while_sleeping);
    ADD(test_deadlock_after_timer);
    ADD(test_clocks_and_host_sleep);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
