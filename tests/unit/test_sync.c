/* test_sync.c — WaitGroup, Mutex and RWMutex (runtime/sync.c) with parked
 * goroutines and host threads. Goroutines are C state machines run by the
 * test runner (see test_chan.c). One scenario per test (CK_FORK).
 */
#include <gc.h>

#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "runtime/sched.h"
#include "tests/unit/rt_harness.h"
#include "runtime/sync.h"
#include "runtime/timer.h"


#define PARKING(n, call)                                                      \
    f->pc = n;                                                                \
    /* fallthrough */                                                         \
    case n:                                                                   \
        if (call)                                                             \
            return RUN_PARK;

/* ---- WaitGroup --------------------------------------------------------------- */

static SyncWaitGroup wg; /* zero value ready to use, as in Go */
static _Atomic int wg_work;
static int wg_work_at_wait;

static RunResult wg_worker(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (f->i = 0; f->i < 1 + f->id % 5; f->i++) {
            YIELD(1)
        }
        atomic_fetch_add(&wg_work, 1);
        ck_assert_ptr_null(sync_wg_add(&wg, -1));
    }
    return RUN_EXIT;
}

static RunResult wg_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ck_assert(!sync_wg_wait(&wg, g)); /* zero: returns at once */
        ck_assert_ptr_null(sync_wg_add(&wg, 1000));
        for (int i = 0; i < 1000; i++)
            spawn(wg_worker, i);
        PARKING(1, sync_wg_wait(&wg, g))
        wg_work_at_wait = wg_work;
        ck_assert_str_eq(sync_wg_add(&wg, -1), "sync: negative WaitGroup counter");
        ck_assert_int_eq(atomic_load(&wg.count), 0);
    }
    return RUN_EXIT;
}

START_TEST(test_waitgroup)
{
    run_main(2, wg_main);
    ck_assert_int_eq(wg_work_at_wait, 1000);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

/* Several goroutines waiting on one WaitGroup are all released. */
static _Atomic int released;
static RunResult wg_waiter(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        PARKING(1, sync_wg_wait(&wg, g))
        atomic_fetch_add(&released, 1);
    }
    return RUN_EXIT;
}

static RunResult wg_many_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        sync_wg_add(&wg, 1);
        for (int i = 0; i < 50; i++)
            spawn(wg_waiter, i);
        for (f->i = 0; f->i < 50; f->i++) {
            YIELD(1)
        }
        ck_assert_int_eq(released, 0);
        sync_wg_add(&wg, -1);
        while (atomic_load(&released) < 50) {
            YIELD(2)
        }
    }
    return RUN_EXIT;
}

START_TEST(test_waitgroup_many_waiters)
{
    run_main(2, wg_many_main);
    ck_assert_int_eq(released, 50);
}
END_TEST

/* Waiting on a WaitGroup nobody will finish is a deadlock. */
static RunResult wg_stuck_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        sync_wg_add(&wg, 1);
        PARKING(1, sync_wg_wait(&wg, g))
    }
    ck_abort_msg("must not be released");
    return RUN_EXIT;
}

START_TEST(test_waitgroup_deadlock)
{
    run_main(2, wg_stuck_main);
    ck_assert_int_eq(deadlocks, 1);
}
END_TEST

/* ---- Mutex --------------------------------------------------------------------- */

static SyncMutex mu;
static int64_t guarded; /* plain: only touched under mu */
static _Atomic int inside, max_inside;
#define NLOCKERS 8
#define NINCR 20000

static RunResult locker(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (f->i = 0; f->i < NINCR; f->i++) {
            PARKING(1, sync_mutex_lock(&mu, g))
            {
                int in = atomic_fetch_add(&inside, 1) + 1;
                if (in > atomic_load(&max_inside))
                    atomic_store(&max_inside, in);
                guarded++;
            }
            if (f->i % 64 == 0) {
                /* Hold the lock across a reschedule to force contention. */
                YIELD(2)
            }
            atomic_fetch_sub(&inside, 1);
            ck_assert_ptr_null(sync_mutex_unlock(&mu));
        }
        ck_assert_ptr_null(sync_wg_add(&wg, -1));
    }
    return RUN_EXIT;
}

static RunResult mutex_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ck_assert(sync_mutex_trylock(&mu));
        ck_assert(!sync_mutex_trylock(&mu));
        ck_assert_ptr_null(sync_mutex_unlock(&mu));
        ck_assert_str_eq(sync_mutex_unlock(&mu), "sync: unlock of unlocked mutex");
        sync_wg_add(&wg, NLOCKERS);
        for (int i = 0; i < NLOCKERS; i++)
            spawn(locker, i);
        PARKING(1, sync_wg_wait(&wg, g))
    }
    return RUN_EXIT;
}

START_TEST(test_mutex_contention)
{
    run_main(2, mutex_main);
    ck_assert_int_eq(guarded, (int64_t)NLOCKERS * NINCR);
    ck_assert_int_eq(max_inside, 1);
    ck_assert_int_eq(atomic_load(&mu.state), 0);
}
END_TEST

/* ---- RWMutex --------------------------------------------------------------------- */

static SyncRWMutex rw;
static _Atomic int rw_readers_inside, rw_writers_inside, rw_bad;

static RunResult rw_reader(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (f->i = 0; f->i < NINCR; f->i++) {
            PARKING(1, sync_rw_rlock(&rw, g))
            atomic_fetch_add(&rw_readers_inside, 1);
            if (atomic_load(&rw_writers_inside) != 0)
                atomic_fetch_add(&rw_bad, 1);
            YIELD(2)
            atomic_fetch_sub(&rw_readers_inside, 1);
            ck_assert_ptr_null(sync_rw_runlock(&rw));
        }
        sync_wg_add(&wg, -1);
    }
    return RUN_EXIT;
}

static RunResult rw_writer(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (f->i = 0; f->i < NINCR / 4; f->i++) {
            PARKING(1, sync_rw_lock(&rw, g))
            if (atomic_fetch_add(&rw_writers_inside, 1) != 0 ||
                atomic_load(&rw_readers_inside) != 0)
                atomic_fetch_add(&rw_bad, 1);
            guarded++;
            YIELD(2)
            atomic_fetch_sub(&rw_writers_inside, 1);
            ck_assert_ptr_null(sync_rw_unlock(&rw));
        }
        sync_wg_add(&wg, -1);
    }
    return RUN_EXIT;
}

/* A writer that queues behind a reader: once it waits, TryRLock fails. */
static RunResult rw_pref_writer(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        PARKING(1, sync_rw_lock(&rw, g))
        guarded = 42;
        ck_assert_ptr_null(sync_rw_unlock(&rw));
        sync_wg_add(&wg, -1);
    }
    return RUN_EXIT;
}

static RunResult rw_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ck_assert_str_eq(sync_rw_runlock(&rw), "sync: RUnlock of unlocked RWMutex");
        ck_assert_str_eq(sync_rw_unlock(&rw), "sync: Unlock of unlocked RWMutex");
        ck_assert(!sync_rw_rlock(&rw, g)); /* free: in at once */
        ck_assert(!sync_rw_trylock(&rw));
        sync_wg_add(&wg, 1);
        spawn(rw_pref_writer, 0);
        /* Until the writer queues, TryRLock gets in (and we leave again);
         * once it waits, readers must wait too: TryRLock fails. */
        while (sync_rw_tryrlock(&rw)) {
            ck_assert_ptr_null(sync_rw_runlock(&rw));
            YIELD(1)
        }
        ck_assert(!sync_rw_trylock(&rw));
        ck_assert_ptr_null(sync_rw_runlock(&rw));
        PARKING(2, sync_wg_wait(&wg, g))
        ck_assert_int_eq(guarded, 42);
        guarded = 0;
        sync_wg_add(&wg, 8 + 2);
        for (int i = 0; i < 8; i++)
            spawn(rw_reader, i);
        for (int i = 0; i < 2; i++)
            spawn(rw_writer, i);
        PARKING(3, sync_wg_wait(&wg, g))
    }
    return RUN_EXIT;
}

START_TEST(test_rwmutex)
{
    run_main(2, rw_main);
    ck_assert_int_eq(guarded, 2 * (NINCR / 4));
    ck_assert_int_eq(rw_bad, 0);
    ck_assert_int_eq(rw.readers, 0);
    ck_assert_int_eq(rw.writer, 0);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

/* ---- Cond's notify list ---------------------------------------------------------- */

static SyncNotifyList nl;
static _Atomic int nl_woken;

static RunResult nl_waiter(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        f->i = sync_notify_add(&nl);
        PARKING(1, sync_notify_wait(&nl, (uint32_t)f->i, g))
        atomic_fetch_add(&nl_woken, 1);
        sync_wg_add(&wg, -1);
    }
    return RUN_EXIT;
}

static int nl_queued(void)
{
    int n = 0;
    for (G *w = nl.waiters.head; w; w = w->schedlink)
        n++;
    return n;
}

static RunResult nl_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        /* Signalled between taking a ticket and waiting: no park at all. */
        f->i = sync_notify_add(&nl);
        sync_notify_one(&nl);
        ck_assert(!sync_notify_wait(&nl, (uint32_t)f->i, g));
        sync_notify_one(&nl); /* nobody waits: nothing happens */
        ck_assert_uint_eq(nl.wait, nl.notify);
        /* 6 waiters park; one Signal wakes exactly one (the oldest ticket),
         * Broadcast the other 5. One thread: the queue is ours to read. */
        sync_wg_add(&wg, 6);
        for (int i = 0; i < 6; i++)
            spawn(nl_waiter, i);
        while (nl_queued() < 6) {
            YIELD(1)
        }
        sync_notify_one(&nl);
        ck_assert_int_eq(nl_queued(), 5);
        while (atomic_load(&nl_woken) < 1) {
            YIELD(2)
        }
        for (f->id = 0; f->id < 10; f->id++) {
            YIELD(3)
        }
        ck_assert_int_eq(atomic_load(&nl_woken), 1);
        sync_notify_all(&nl);
        ck_assert_int_eq(nl_queued(), 0);
        PARKING(4, sync_wg_wait(&wg, g))
        ck_assert_int_eq(atomic_load(&nl_woken), 6);
    }
    return RUN_EXIT;
}

START_TEST(test_notify_list)
{
    run_main(1, nl_main);
    ck_assert_int_eq(nl_woken, 6);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

/* ---- host threads --------------------------------------------------------------- */

static void *host_locker(void *arg)
{
    for (int i = 0; i < NINCR; i++) {
        ck_assert(!sync_mutex_lock(&mu, NULL));
        guarded++;
        ck_assert_ptr_null(sync_mutex_unlock(&mu));
    }
    sync_wg_add(&wg, -1);
    return NULL;
}

static void *host_waiter(void *arg)
{
    ck_assert(!sync_wg_wait(&wg, NULL)); /* blocks the thread until zero */
    atomic_fetch_add(&released, 1);
    return NULL;
}

static RunResult host_mix_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (int i = 0; i < 4; i++)
            spawn(locker, i);
        PARKING(1, sync_wg_wait(&wg, g))
        sched_keepalive(-1);
    }
    return RUN_EXIT;
}

START_TEST(test_host_threads)
{
    pthread_t th[3];
    sync_wg_add(&wg, 4 + 2);
    sched_keepalive(1);
    ck_assert_int_eq(pthread_create(&th[0], NULL, host_locker, NULL), 0);
    ck_assert_int_eq(pthread_create(&th[1], NULL, host_locker, NULL), 0);
    ck_assert_int_eq(pthread_create(&th[2], NULL, host_waiter, NULL), 0);
    run_main(2, host_mix_main);
    for (int i = 0; i < 3; i++)
        pthread_join(th[i], NULL);
    ck_assert_int_eq(guarded, 6LL * NINCR);
    ck_assert_int_eq(released, 1);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sync");
    TCase *tc;
    ADD(test_waitgroup);
    ADD(test_waitgroup_many_waiters);
    ADD(test_waitgroup_deadlock);
    ADD(test_mutex_contention);
    ADD(test_host_threads);
    ADD(test_rwmutex);
    ADD(test_notify_list);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
