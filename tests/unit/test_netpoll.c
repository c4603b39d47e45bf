/* test_netpoll.c — the poller (runtime/netpoll.c) under the scheduler:
 * goroutines park on empty pipes and run again when data arrives, at
 * GOMAXPROCS 1 and 2, many at once; goroutines parked on the poller are
 * not a deadlock, and deadlock detection still fires once none is.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "rt_harness.h"
#include "runtime/netpoll.h"

#define MS 1000000LL
#define NPIPES 64

static int rfd[NPIPES], wfd[NPIPES];
static _Atomic int nread, nparked;
static int nreaders;

/* Reads one byte from rfd[f->id], parking on the poller while empty; the
 * wait re-executes on resume (as the VM re-executes pollWait). */
static RunResult reader(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
    case 1:
        if (g->resumed)
            ck_assert_int_eq(netpoll_wait(g, rfd[f->id], NETPOLL_READ), NETPOLL_READY);
        for (;;) {
            char c;
            ssize_t r = read(rfd[f->id], &c, 1);
            if (r == 1) {
                ck_assert_int_eq(c, 'a' + f->id % 26);
                atomic_fetch_add(&nread, 1);
                return RUN_EXIT;
            }
            ck_assert(r < 0 && errno == EAGAIN);
            NetpollStatus st = netpoll_wait(g, rfd[f->id], NETPOLL_READ);
            if (st == NETPOLL_PARKED) {
                atomic_fetch_add(&nparked, 1);
                f->pc = 1;
                return RUN_PARK;
            }
            ck_assert_int_eq(st, NETPOLL_READY);
        }
    }
    return RUN_EXIT;
}

#define SLEEP(n, ns)                                                                               \
    if (timer_sleep(g, ns)) {                                                                      \
        f->pc = n;                                                                                 \
        return RUN_PARK;                                                                           \
    }                                                                                              \
    __attribute__((fallthrough));                                                                  \
    case n:                                                                                        \
        timer_sleep(g, ns);

/* Starts nreaders readers, lets them park, then writes to each pipe and
 * waits until every reader has its byte. */
static RunResult writer_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (int i = 0; i < nreaders; i++) {
            int p[2];
            ck_assert_int_eq(pipe2(p, O_CLOEXEC | O_NONBLOCK), 0);
            rfd[i] = p[0], wfd[i] = p[1];
            ck_assert_int_eq(netpoll_open(rfd[i]), 0);
            spawn(reader, i);
        }
        SLEEP(1, 30 * MS)
        ck_assert_int_eq(atomic_load(&nparked), nreaders);
        ck_assert_int_eq(netpoll_waiters(), nreaders);
        for (int i = 0; i < nreaders; i++) {
            char c = (char)('a' + i % 26);
            ck_assert_int_eq(write(wfd[i], &c, 1), 1);
        }
        while (atomic_load(&nread) < nreaders) {
            SLEEP(2, 1 * MS)
        }
        ck_assert_int_eq(netpoll_waiters(), 0);
        for (int i = 0; i < nreaders; i++) {
            netpoll_close(rfd[i]);
            close(rfd[i]);
            close(wfd[i]);
        }
    }
    return RUN_EXIT;
}

START_TEST(test_one_reader_p1)
{
    nreaders = 1;
    run_main(1, writer_main);
    ck_assert_int_eq(nread, 1);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

START_TEST(test_one_reader_p2)
{
    nreaders = 1;
    run_main(2, writer_main);
    ck_assert_int_eq(nread, 1);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

START_TEST(test_many_readers_p1)
{
    nreaders = NPIPES;
    run_main(1, writer_main);
    ck_assert_int_eq(nread, NPIPES);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

START_TEST(test_many_readers_p2)
{
    nreaders = NPIPES;
    run_main(2, writer_main);
    ck_assert_int_eq(nread, NPIPES);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

/* The main goroutine waits on a pipe that a child process fills after
 * 100 ms: every thread idles meanwhile, which is not a deadlock, since
 * the waiter is on the poller (an idle thread blocks in epoll). */
static RunResult main_waits_on_pipe(G *g, TF *f)
{
    (void)g;
    f->id = 0;
    if (f->pc == 0) {
        int p[2];
        ck_assert_int_eq(pipe2(p, O_CLOEXEC | O_NONBLOCK), 0);
        rfd[0] = p[0], wfd[0] = p[1];
        ck_assert_int_eq(netpoll_open(rfd[0]), 0);
        if (fork() == 0) {
            usleep(100000);
            char c = 'a';
            if (write(wfd[0], &c, 1) != 1)
                _exit(1);
            _exit(0);
        }
        close(wfd[0]);
    }
    return reader(g, f);
}

START_TEST(test_poll_wait_is_not_deadlock)
{
    nreaders = 1;
    run_main(1, main_waits_on_pipe);
    ck_assert_int_eq(nread, 1);
    ck_assert_int_eq(deadlocks, 0);
    ck_assert_int_eq(netpoll_waiters(), 0);
}
END_TEST

/* After poller traffic, a goroutine that parks with no one to wake it
 * (and nothing on the poller) is still reported as a deadlock. */
static RunResult park_forever(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        nreaders = 4;
        f->pc = 1;
        spawn(writer_main, 0);
        /* fall through */
    case 1:
        if (atomic_load(&nread) < 4) {
            SLEEP(2, 1 * MS)
            f->pc = 1;
            return RUN_YIELD;
        }
        g->waitreason = "chan receive (nil chan)";
        g->unlockf = NULL;
        f->pc = 3;
        return RUN_PARK;
    }
    return RUN_EXIT;
}

START_TEST(test_deadlock_still_detected)
{
    run_main(2, park_forever);
    ck_assert_int_eq(nread, 4);
    ck_assert_int_eq(deadlocks, 1);
    ck_assert_int_eq(netpoll_waiters(), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("netpoll");
    TCase *tc;
    ADD(test_one_reader_p1);
    ADD(test_one_reader_p2);
    ADD(test_many_readers_p1);
    ADD(test_many_readers_p2);
    ADD(test_poll_wait_is_not_deadlock);
    ADD(test_deadlock_still_detected);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
