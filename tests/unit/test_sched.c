/* test_sched.c — the M:N scheduler (runtime/sched.c) driven without the
 * language: goroutines are small C state machines (a TF with a step
 * function and a pc) run by the test runner given to sched_init.
 *
 * One scenario per test: the scheduler is global state and Check forks
 * every test (CK_FORK).
 */
#include <gc.h>

#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/lock.h"
#include "runtime/sched.h"
#include "tests/unit/rt_harness.h"
#include "runtime/timer.h"



/* Parks g forever (nobody will ready it), with a reason for the dump. */
static RunResult park_forever(G *g, const char *reason)
{
    g->waitreason = reason;
    g->unlockf = NULL;
    return RUN_PARK;
}

/* ---- spawn and exit ----------------------------------------------------- */

#define NSPAWN 10000
static _Atomic int ran;
static _Atomic uint64_t idsum;
static uint64_t main_id;
static bool current_ok = true;

static RunResult tiny(G *g, TF *f)
{
    if (sched_current() != g)
        current_ok = false;
    atomic_fetch_add(&ran, 1);
    atomic_fetch_add(&idsum, g->id);
    return RUN_EXIT;
}

static int spawn_live;
static RunResult spawn_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        main_id = g->id;
        for (int i = 0; i < NSPAWN; i++)
            spawn(tiny, i);
        spawn_live = sched_numgoroutine();
        while (atomic_load(&ran) < NSPAWN) {
            YIELD(1)
        }
    }
    return RUN_EXIT;
}

START_TEST(test_spawn_exit)
{
    ck_assert_ptr_null(sched_current());
    run_main(2, spawn_main);
    ck_assert_int_eq(main_id, 1);
    ck_assert_int_eq(ran, NSPAWN);
    ck_assert_int_le(spawn_live, NSPAWN + 1);
    ck_assert_int_ge(spawn_live, 1);
    /* ids 2..NSPAWN+1, each once */
    ck_assert_int_eq(idsum, (uint64_t)(NSPAWN + 1) * (NSPAWN + 2) / 2 - 1);
    ck_assert(current_ok);
    ck_assert_int_eq(sched_numgoroutine(), 0);
    ck_assert_ptr_null(sched_current());
}
END_TEST

/* Dead Gs are reused: waves of goroutines do not allocate new G structs. */
#define WAVE 50
static G *wave1[WAVE];
static int reused;
static RunResult reuse_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (int i = 0; i < WAVE; i++)
            wave1[i] = spawn(tiny, i);
        while (atomic_load(&ran) < WAVE) {
            YIELD(1)
        }
        for (int i = 0; i < WAVE; i++) {
            G *x = spawn(tiny, i);
            for (int k = 0; k < WAVE; k++)
                if (wave1[k] == x)
                    reused++;
        }
        while (atomic_load(&ran) < 2 * WAVE) {
            YIELD(2)
        }
    }
    return RUN_EXIT;
}

START_TEST(test_g_reuse)
{
    run_main(1, reuse_main);
    ck_assert_int_eq(reused, WAVE);
}
END_TEST

/* ---- order: runnext, as Go's GOMAXPROCS=1 prints 2 0 1 ------------------------- */

static int order[3], norder, order_after_yield;
static RunResult recorder(G *g, TF *f)
{
    order[norder++] = f->id;
    return RUN_EXIT;
}

static RunResult order_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (int i = 0; i < 3; i++)
            spawn(recorder, i);
        while (norder < 3) {
            YIELD(1)
        }
    }
    return RUN_EXIT;
}

START_TEST(test_runnext_order)
{
    run_main(1, order_main);
    ck_assert_int_eq(norder, 3);
    ck_assert_int_eq(order[0], 2);
    ck_assert_int_eq(order[1], 0);
    ck_assert_int_eq(order[2], 1);
}
END_TEST

/* ---- GOMAXPROCS --------------------------------------------------------------- */

START_TEST(test_gomaxprocs_env)
{
    setenv("GOMAXPROCS", "3", 1);
    sched_init(0, t_runner);
    ck_assert_int_eq(sched_gomaxprocs(0), 3);
    ck_assert_int_eq(sched_gomaxprocs(5), 3);
    ck_assert_int_eq(sched_gomaxprocs(-1), 5);
    ck_assert_int_ge(sched_numcpu(), 1);
}
END_TEST

START_TEST(test_gomaxprocs_env_invalid)
{
    setenv("GOMAXPROCS", "x1", 1);
    sched_init(0, t_runner);
    ck_assert_int_eq(sched_gomaxprocs(0), sched_numcpu());
}
END_TEST

static _Atomic int64_t work_done;
static RunResult worker(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (f->i = 0; f->i < 100; f->i++) {
            atomic_fetch_add(&work_done, 1);
            YIELD(1)
        }
    }
    return RUN_EXIT;
}

static int procs_seen[3];
static RunResult procs_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        procs_seen[0] = sched_gomaxprocs(4);
        for (int i = 0; i < 40; i++)
            spawn(worker, i);
        while (atomic_load(&work_done) < 1000) {
            YIELD(1)
        }
        procs_seen[1] = sched_gomaxprocs(1);
        while (atomic_load(&work_done) < 2000) {
            YIELD(2)
        }
        procs_seen[2] = sched_gomaxprocs(3);
        while (atomic_load(&work_done) < 4000) {
            YIELD(3)
        }
    }
    return RUN_EXIT;
}

START_TEST(test_gomaxprocs_runtime)
{
    run_main(2, procs_main);
    ck_assert_int_eq(procs_seen[0], 2);
    ck_assert_int_eq(procs_seen[1], 4);
    ck_assert_int_eq(procs_seen[2], 1);
    ck_assert_int_eq(work_done, 4000);
    ck_assert_int_eq(sched_gomaxprocs(0), 3);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

/* Shrinking GOMAXPROCS keeps Go's order: goroutines made before a Gosched
 * run before the caller, whichever P it was on. */
static RunResult shrink_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        sched_gomaxprocs(1);
        for (int i = 0; i < 3; i++)
            spawn(recorder, i);
        YIELD(1)
        order_after_yield = norder;
        while (norder < 3) {
            YIELD(2)
        }
    }
    return RUN_EXIT;
}

START_TEST(test_gomaxprocs_shrink_order)
{
    for (int k = 0; k < 20; k++) {
        /* main may land on either P: run the scenario a few times */
        pid_t pid = fork();
        if (pid == 0) {
            run_main(2, shrink_main);
            _exit(order_after_yield == 3 && order[0] == 2 && order[1] == 0 && order[2] == 1 ? 0 : 1);
        }
        int status;
        waitpid(pid, &status, 0);
        ck_assert(WIFEXITED(status));
        ck_assert_int_eq(WEXITSTATUS(status), 0);
    }
}
END_TEST

/* ---- pre-emption ---------------------------------------------------------------- */

static _Atomic bool stop_spin;
static _Atomic int preempted;
/* A goroutine that never blocks: it yields only when the monitor asks, as
 * the VM does at its budget checks. */
static RunResult spinner(G *g, TF *f)
{
    for (;;) {
        if (atomic_load(&stop_spin))
            return RUN_EXIT;
        if (atomic_load(&g->preempt)) {
            atomic_fetch_add(&preempted, 1);
            return RUN_YIELD;
        }
    }
}

static RunResult preempt_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        spawn(spinner, 1);
        spawn(spinner, 2);
        /* On one P, main runs again only if the spinners are pre-empted. */
        YIELD(1)
        YIELD(2)
        atomic_store(&stop_spin, true);
    }
    return RUN_EXIT;
}

START_TEST(test_preemption)
{
    run_main(1, preempt_main);
    ck_assert_int_ge(preempted, 1);
}
END_TEST

/* ---- blocking calls hand the P off --------------------------------------------------- */

static _Atomic int64_t counter;
static _Atomic bool blocker_done;
static int64_t count_during_block;
static RunResult counter_g(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        while (!atomic_load(&blocker_done)) {
            atomic_fetch_add(&counter, 1);
            YIELD(1)
        }
    }
    return RUN_EXIT;
}

static RunResult blocking_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        spawn(counter_g, 1);
        YIELD(1)
        {
            int64_t before = atomic_load(&counter);
            sched_enter_blocking();
            usleep(200000); /* a blocking system call */
            count_during_block = atomic_load(&counter) - before;
            sched_exit_blocking();
        }
        ck_assert(sched_current() == g);
        atomic_store(&blocker_done, true);
        /* Alone and blocking: not a deadlock. */
        sched_enter_blocking();
        usleep(50000);
        sched_exit_blocking();
    }
    return RUN_EXIT;
}

START_TEST(test_blocking_handoff)
{
    run_main(1, blocking_main);
    ck_assert_int_gt(count_during_block, 10);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

/* ---- deadlock --------------------------------------------------------------------- */

static RunResult parker(G *g, TF *f)
{
    return park_forever(g, "chan receive");
}

static int dead_count_at_hook;
static void counting_hook(void)
{
    dead_count_at_hook = sched_numgoroutine();
    atomic_fetch_add(&deadlocks, 1);
}

static RunResult deadlock_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (int i = 0; i < 10; i++)
            spawn(parker, i);
        YIELD(1)
        return park_forever(g, "chan receive");
    }
    return RUN_EXIT;
}

START_TEST(test_deadlock_hook)
{
    sched_init(2, t_runner);
    sched_set_deadlock_hook(counting_hook);
    sched_run_main(spawn(deadlock_main, 0));
    ck_assert_int_eq(deadlocks, 1);
    ck_assert_int_eq(dead_count_at_hook, 11);
    ck_assert(sched_deadlocked());
}
END_TEST

/* The default hook prints Go's message and exits with status 2. */
START_TEST(test_deadlock_default)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        sched_init(2, t_runner);
        sched_run_main(spawn(deadlock_main, 0));
        _exit(0); /* not reached */
    }
    close(fds[1]);
    char buf[4096];
    size_t len = 0;
    ssize_t r;
    while ((r = read(fds[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)r;
    buf[len] = '\0';
    int status;
    waitpid(pid, &status, 0);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 2);
    const char *want = "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine ";
    ck_assert_msg(strncmp(buf, want, strlen(want)) == 0, "got: %s", buf);
    /* main first, then the others */
    ck_assert_msg(strncmp(buf + strlen(want) - strlen("goroutine "), "goroutine 1 [chan receive]:", 27) == 0,
                  "got: %s", buf);
    ck_assert_ptr_nonnull(strstr(buf, "goroutine 2 [chan receive]:"));
}
END_TEST

/* A host keep-alive holds off the verdict; dropping it lets it through. */
static void *dropper(void *arg)
{
    usleep(100000);
    sched_keepalive(-1);
    /* Nothing will wake the scheduler: a host only drops its claim here,
     * so a later scheduling event must notice. Make one. */
    sched_ready((G *)arg);
    return NULL;
}

static bool woke_once;
static RunResult keepalive_main(G *g, TF *f)
{
    if (!woke_once && g->resumed) {
        woke_once = true;
        g->resumed = false;
        return park_forever(g, "chan receive");
    }
    pthread_t th;
    ck_assert_int_eq(pthread_create(&th, NULL, dropper, g), 0);
    pthread_detach(th);
    return park_forever(g, "chan receive");
}

START_TEST(test_keepalive)
{
    sched_keepalive(1);
    run_main(2, keepalive_main);
    ck_assert(woke_once);
    ck_assert_int_eq(deadlocks, 1);
}
END_TEST

/* ---- foreach -------------------------------------------------------------------- */

static int seen_waiting, seen_total;
static void visit(G *g, void *arg)
{
    seen_total++;
    if (atomic_load(&g->status) == G_WAITING)
        seen_waiting++;
}

static RunResult foreach_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (int i = 0; i < 5; i++)
            spawn(parker, i);
        /* Wait (boundedly) for the parkers to have run and parked. */
        for (f->i = 0; f->i < 1000000; f->i++) {
            seen_waiting = seen_total = 0;
            sched_foreach_g(visit, NULL);
            if (seen_waiting == 5)
                break;
            YIELD(1)
        }
    }
    return RUN_EXIT;
}

START_TEST(test_foreach_g)
{
    run_main(2, foreach_main);
    ck_assert_int_eq(seen_total, 6);
    ck_assert_int_eq(seen_waiting, 5);
}
END_TEST

/* ---- two programs in a row ------------------------------------------------------ */

static _Atomic int leftover_ran;
static RunResult leftover(G *g, TF *f)
{
    atomic_fetch_add(&leftover_ran, 1);
    return RUN_EXIT;
}

static void noop_timer(void *arg, int64_t now)
{
}

static RunResult first_main(G *g, TF *f)
{
    /* Leaves behind: a parked G, runnable Gs, and a pending ticker. */
    spawn(parker, 1);
    for (int i = 0; i < 100; i++)
        spawn(leftover, i);
    timer_start(timer_new(noop_timer, NULL), timer_nanotime() + 1000000, 1000000);
    return RUN_EXIT;
}

static int second_numg;
static RunResult second_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        second_numg = sched_numgoroutine();
        for (f->i = 0; f->i < 10; f->i++) {
            YIELD(1)
        }
        return park_forever(g, "chan receive"); /* deadlock: no timers left */
    }
    return RUN_EXIT;
}

START_TEST(test_second_run)
{
    run_main(1, first_main);
    ck_assert_int_eq(deadlocks, 0);
    int ran_after_first = atomic_load(&leftover_ran);
    sched_run_main(spawn(second_main, 0));
    ck_assert_int_eq(second_numg, 1);
    ck_assert_int_eq(atomic_load(&leftover_ran), ran_after_first);
    ck_assert_int_eq(deadlocks, 1);
}
END_TEST

/* The runtime's mutex (lock.h) excludes: four threads add to a plain
 * counter under it, often enough that they contend, spin and sleep. */
static Lock lk;
static int64_t lk_count;
static void *lock_adder(void *arg)
{
    (void)arg;
    for (int i = 0; i < 200000; i++) {
        lock_acquire(&lk);
        int64_t v = lk_count;
        if ((i & 1023) == 0)
            usleep(1); /* sometimes hold it across a sleep: others wait */
        lk_count = v + 1;
        lock_release(&lk);
    }
    return NULL;
}

START_TEST(test_lock_excludes)
{
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, lock_adder, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    ck_assert_int_eq(lk_count, 800000);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sched");
    TCase *tc;
    ADD(test_spawn_exit);
    ADD(test_g_reuse);
    ADD(test_runnext_order);
    ADD(test_gomaxprocs_env);
    ADD(test_gomaxprocs_env_invalid);
    ADD(test_gomaxprocs_runtime);
    ADD(test_gomaxprocs_shrink_order);
    ADD(test_preemption);
    ADD(test_blocking_handoff);
    ADD(test_deadlock_hook);
    ADD(test_deadlock_default);
    ADD(test_keepalive);
    ADD(test_foreach_g);
    ADD(test_second_run);
    ADD(test_lock_excludes);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
