/* rt_harness.h — drives the runtime without the language, for the Check
 * tests of the scheduler, channels, timers and sync primitives.
 *
 * A test goroutine is a TF: a step function plus a program counter and a
 * few registers. The runner given to sched_init calls the step function,
 * which returns RUN_EXIT/RUN_YIELD/RUN_PARK exactly as the VM does; a
 * blocking operation is written so that on resumption the step function
 * jumps back to the same `case` and the same call completes (the VM's
 * re-execution rule, sched.h). sched_init is process-global, so each
 * scenario runs in its own forked Check test.
 */
#ifndef CSP_TEST_RT_HARNESS_H
#define CSP_TEST_RT_HARNESS_H

#include <gc.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "runtime/sched.h"
#include "runtime/timer.h"

typedef struct TF TF;
typedef RunResult (*StepFn)(G *g, TF *f);

/* One test goroutine: registers for whatever its scenario needs. */
struct TF {
    StepFn step;
    int pc;
    int id;
    int64_t i, n, v, acc, count, t0;
    bool ok;
    int64_t pair[2];
};

static RunResult t_runner(G *g)
{
    TF *f = g->fiber;
    return f->step(g, f);
}

/* Starts a test goroutine running `step`. */
static G *spawn(StepFn step, int id)
{
    TF *f = GC_MALLOC(sizeof(TF));
    f->step = step;
    f->id = id;
    return sched_go(f);
}

/* How many times the deadlock hook fired (the default one would exit),
 * and when it last did (monotonic ns). */
static _Atomic int deadlocks;
static int64_t deadlock_at;
static void test_hook(void)
{
    deadlock_at = timer_nanotime();
    atomic_fetch_add(&deadlocks, 1);
}

/* Runs `step` as main on `procs` threads until it exits. */
static void run_main(int procs, StepFn step)
{
    sched_init(procs, t_runner);
    sched_set_deadlock_hook(test_hook);
    sched_run_main(spawn(step, 0));
}

/* Inside a step function's `switch (f->pc)`: yield, resume at case n. */
#define YIELD(n)                                                              \
    f->pc = n;                                                                \
    return RUN_YIELD;                                                         \
    case n:;

/* One test case per test, each with its own time limit. */
#define ADD(t) tc = tcase_create(#t), tcase_set_timeout(tc, 60), tcase_add_test(tc, t), suite_add_tcase(s, tc)

#endif
