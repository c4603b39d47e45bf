/* test_chan.c — channels and select (runtime/chan.c) driven without the
 * language: each goroutine is a small C state machine (a TF with a step
 * function and a pc) run by the test runner given to sched_init. A step
 * function re-enters at its saved pc; a parked operation is simply called
 * again on resume (g->resumed), as the VM does.
 *
 * One scenario per test: the scheduler is global state and Check forks
 * every test (CK_FORK).
 */
#include <gc.h>

#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/chan.h"
#include "runtime/sched.h"
#include "tests/unit/rt_harness.h"
#include "runtime/timer.h"

/* ---- the test fiber --------------------------------------------------- */


/* Re-entrant blocking operations: on resume the step function comes back
 * to `case n` and the same call completes (as the VM re-executes). */
#define SEND(n, ch, valp)                                                     \
    f->pc = n;                                                                \
    /* fallthrough */                                                         \
    case n:                                                                   \
        if (chan_send((ch), (valp), g, true) == CHAN_PARKED)                  \
            return RUN_PARK;
#define RECV(n, ch, dstp, okp)                                                \
    f->pc = n;                                                                \
    /* fallthrough */                                                         \
    case n:                                                                   \
        if (chan_recv((ch), (dstp), (okp), g, true) == CHAN_PARKED)           \
            return RUN_PARK;
/* Gives the CPU back now and then, as the VM's budget check does. */

static Chan *ca, *cb, *cdone;
static int64_t N;
static int mode; /* 0 buffered, 1 unbuffered, 2 select */

/* ---- ping-pong -------------------------------------------------------- */

static RunResult pong(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (;;) {
            RECV(1, ca, &f->v, &f->ok)
            if (!f->ok)
                return RUN_EXIT;
            f->v++;
            SEND(2, cb, &f->v)
        }
    }
    return RUN_EXIT;
}

static int64_t ping_errors, ping_count;
static RunResult ping_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ca = chan_make(8, mode == 0 ? 4 : 0, false);
        cb = chan_make(8, mode == 0 ? 4 : 0, false);
        spawn(pong, 1);
        for (f->i = 0; f->i < N; f->i++) {
            f->v = f->i;
            SEND(1, ca, &f->v)
            RECV(2, cb, &f->v, &f->ok)
            if (!f->ok || f->v != f->i + 1)
                ping_errors++;
            ping_count++;
        }
        ck_assert_ptr_null(chan_close(ca));
    }
    return RUN_EXIT;
}

START_TEST(test_pingpong_unbuffered)
{
    N = 100000;
    mode = 1;
    run_main(2, ping_main);
    ck_assert_int_eq(ping_count, N);
    ck_assert_int_eq(ping_errors, 0);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

START_TEST(test_pingpong_buffered)
{
    N = 100000;
    mode = 0;
    run_main(2, ping_main);
    ck_assert_int_eq(ping_count, N);
    ck_assert_int_eq(ping_errors, 0);
}
END_TEST

/* ---- blocking allocates nothing in the steady state ----------------------
 * A G reuses its wait records (G.sudogcache): after a warm-up, 10^5 more
 * round trips through parking sends, receives and 2-case selects must not
 * allocate from the collector at all. One thread, so nothing else runs. */

static size_t alloc_before, alloc_after;
static RunResult sel_pong(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (;;) {
            f->pc = 1;
            /* fallthrough */
        case 1: {
            SelectCase cs[2] = {{.c = ca, .is_send = false, .elem = &f->v},
                                {.c = cdone, .is_send = false, .elem = NULL}};
            int r = chan_select(cs, 2, true, g, &f->ok);
            if (r == -2)
                return RUN_PARK;
            if (r == 1)
                return RUN_EXIT;
        }
            f->v++;
            SEND(2, cb, &f->v)
        }
    }
    return RUN_EXIT;
}

static RunResult noalloc_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ca = chan_make(8, 0, false);
        cb = chan_make(8, 0, false);
        cdone = chan_make(0, 0, false);
        spawn(sel_pong, 1);
        for (f->i = 0; f->i < 1000 + 100000; f->i++) {
            if (f->i == 1000)
                alloc_before = GC_get_total_bytes();
            f->v = f->i;
            SEND(1, ca, &f->v)
            RECV(2, cb, &f->v, &f->ok)
            if (!f->ok || f->v != f->i + 1)
                ping_errors++;
            ping_count++;
        }
        alloc_after = GC_get_total_bytes();
        ck_assert_ptr_null(chan_close(cdone));
    }
    return RUN_EXIT;
}

START_TEST(test_block_allocates_nothing)
{
    run_main(1, noalloc_main);
    ck_assert_int_eq(ping_count, 101000);
    ck_assert_int_eq(ping_errors, 0);
    ck_assert_uint_eq(alloc_after - alloc_before, 0);
}
END_TEST

/* ---- select over 8 channels closed concurrently ---------------------------
 * 8 senders each send a different number of values on their own channel
 * (unbuffered or cap 4) and close it, while main selects over all 8, nilling
 * each closed case; 200 rounds on 2 threads. A lost wake-up hangs (the
 * deadlock hook fires), a double delivery breaks the count or the sum. */

#define K8 8
#define SEL8_ROUNDS 200
static Chan *c8[K8], *live8[K8];
static int sel8_round;
static int64_t sel8_bad;

static int64_t sel8_n(int round, int k)
{
    return (round * 7 + k * 13) % 50;
}

static RunResult sel8_sender(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        f->n = sel8_n(sel8_round, f->id);
        for (f->i = 0; f->i < f->n; f->i++) {
            f->v = f->id * 1000 + f->i;
            SEND(1, c8[f->id], &f->v)
        }
        ck_assert_ptr_null(chan_close(c8[f->id]));
    }
    return RUN_EXIT;
}

static RunResult sel8_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (sel8_round = 0; sel8_round < SEL8_ROUNDS; sel8_round++) {
            for (int k = 0; k < K8; k++)
                live8[k] = c8[k] = chan_make(8, k % 2 ? 4 : 0, false);
            for (int k = 0; k < K8; k++)
                spawn(sel8_sender, k);
            f->count = f->acc = f->n = 0;
            while (f->n < K8) {
                f->pc = 1;
                /* fallthrough */
            case 1: {
                SelectCase cs[K8];
                for (int k = 0; k < K8; k++)
                    cs[k] = (SelectCase){.c = live8[k], .is_send = false, .elem = &f->v};
                int r = chan_select(cs, K8, true, g, &f->ok);
                if (r == -2)
                    return RUN_PARK;
                if (r < 0 || r >= K8) {
                    sel8_bad++;
                    return RUN_EXIT;
                }
                if (!f->ok) {
                    f->n++;
                    live8[r] = NULL;
                } else {
                    if (f->v / 1000 != r)
                        sel8_bad++; /* a value from another case's channel */
                    f->count++;
                    f->acc += f->v;
                }
            }
            }
            int64_t want_count = 0, want_sum = 0;
            for (int k = 0; k < K8; k++) {
                int64_t n = sel8_n(sel8_round, k);
                want_count += n;
                want_sum += k * 1000 * n + n * (n - 1) / 2;
            }
            if (f->count != want_count || f->acc != want_sum)
                sel8_bad++;
        }
    }
    return RUN_EXIT;
}

START_TEST(test_select8_concurrent_close)
{
    run_main(2, sel8_main);
    ck_assert_int_eq(sel8_round, SEL8_ROUNDS);
    ck_assert_int_eq(sel8_bad, 0);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

/* ---- 4 producers, 4 consumers, 10^6 messages ---------------------------- */

#define NPROD 4
#define NCONS 4
/* CHAN_STRESS (tests/meson.build's chan-stress): issue 3's loads, 10^7
 * messages and 10^6 blocked goroutines; the unit suite runs a tenth. */
#ifdef CHAN_STRESS
#define PER_PROD 2500000
#else
#define PER_PROD 250000
#endif

static Chan *cpdone;
static _Atomic int select_errors;

static RunResult producer(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (f->i = 1; f->i <= PER_PROD; f->i++) {
            f->v = f->i;
            if (mode == 2) {
                f->pc = 1;
                /* fallthrough */
            case 1: {
                SelectCase cs[2] = {{.c = NULL, .is_send = true, .elem = &f->v},
                                    {.c = ca, .is_send = true, .elem = &f->v}};
                int r = chan_select(cs, 2, true, g, NULL);
                if (r == -2)
                    return RUN_PARK;
                if (r != 1)
                    atomic_fetch_add(&select_errors, 1); /* (ck_assert per
                                          message would dominate the time) */
            }
            } else {
                SEND(2, ca, &f->v)
            }
            if ((f->i & 1023) == 0 || atomic_load(&g->preempt)) {
                YIELD(3)
            }
        }
        f->v = 1;
        SEND(4, cpdone, &f->v)
    }
    return RUN_EXIT;
}

static RunResult consumer(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (;;) {
            if (mode == 2) {
                f->pc = 1;
                /* fallthrough */
            case 1: {
                SelectCase cs[2] = {{.c = ca, .is_send = false, .elem = &f->v},
                                    {.c = NULL, .is_send = false, .elem = NULL}};
                int r = chan_select(cs, 2, true, g, &f->ok);
                if (r == -2)
                    return RUN_PARK;
                if (r != 0)
                    atomic_fetch_add(&select_errors, 1);
            }
            } else {
                RECV(2, ca, &f->v, &f->ok)
            }
            if (!f->ok)
                break;
            f->acc += f->v;
            f->count++;
            if ((f->count & 1023) == 0 || atomic_load(&g->preempt)) {
                YIELD(3)
            }
        }
        f->pair[0] = f->acc;
        f->pair[1] = f->count;
        SEND(4, cdone, f->pair)
    }
    return RUN_EXIT;
}

static int64_t mpmc_sum, mpmc_count;
static RunResult mpmc_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ca = chan_make(8, mode == 0 ? 128 : 0, false);
        cpdone = chan_make(8, NPROD, false);
        cdone = chan_make(16, NCONS, false);
        for (int i = 0; i < NPROD; i++)
            spawn(producer, i);
        for (int i = 0; i < NCONS; i++)
            spawn(consumer, i);
        for (f->i = 0; f->i < NPROD; f->i++) {
            RECV(1, cpdone, &f->v, &f->ok)
        }
        ck_assert_ptr_null(chan_close(ca));
        for (f->i = 0; f->i < NCONS; f->i++) {
            RECV(2, cdone, f->pair, &f->ok)
            ck_assert(f->ok);
            mpmc_sum += f->pair[0];
            mpmc_count += f->pair[1];
        }
    }
    return RUN_EXIT;
}

static void check_mpmc(void)
{
    int64_t per = (int64_t)PER_PROD * (PER_PROD + 1) / 2;
    ck_assert_int_eq(mpmc_count, (int64_t)NPROD * PER_PROD);
    ck_assert_int_eq(mpmc_sum, NPROD * per);
    ck_assert_int_eq(select_errors, 0);
    ck_assert_int_eq(deadlocks, 0);
}

START_TEST(test_mpmc_buffered)
{
    mode = 0;
    run_main(2, mpmc_main);
    check_mpmc();
}
END_TEST

START_TEST(test_mpmc_unbuffered)
{
    mode = 1;
    run_main(2, mpmc_main);
    check_mpmc();
}
END_TEST

START_TEST(test_mpmc_select)
{
    mode = 2;
    run_main(2, mpmc_main);
    check_mpmc();
}
END_TEST

/* ---- FIFO order -------------------------------------------------------------- */

static RunResult fifo_producer(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (f->i = 0; f->i < 20000; f->i++) {
            f->v = f->i;
            SEND(1, ca, &f->v)
        }
        ck_assert_ptr_null(chan_close(ca));
    }
    return RUN_EXIT;
}

static int64_t fifo_errors, fifo_count;
static RunResult fifo_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ca = chan_make(8, 7, false);
        spawn(fifo_producer, 1);
        for (f->i = 0;; f->i++) {
            RECV(1, ca, &f->v, &f->ok)
            if (!f->ok)
                break;
            if (f->v != f->i)
                fifo_errors++;
            fifo_count++;
        }
    }
    return RUN_EXIT;
}

START_TEST(test_fifo_buffered)
{
    run_main(2, fifo_main);
    ck_assert_int_eq(fifo_count, 20000);
    ck_assert_int_eq(fifo_errors, 0);
}
END_TEST

/* A buffer far larger than what is queued (make(chan *T, 1<<31)) grows
 * as it fills: order is kept across growth and wrap-around, and cap() is
 * still the declared one. */
static int64_t big_sum, big_errors;
static RunResult bigbuf_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ca = chan_make(8, (int64_t)1 << 31, true);
        f->n = 0; /* next value expected out */
        for (f->i = 0; f->i < 300000; f->i++) {
            f->v = f->i;
            SEND(1, ca, &f->v)
            if (f->i % 3 == 0) {
                RECV(2, ca, &f->acc, &f->ok)
                if (f->acc != f->n++) big_errors++;
            }
        }
        if (chan_cap(ca) != (int64_t)1 << 31) big_errors++;
        while (chan_len(ca) > 0) {
            RECV(3, ca, &f->acc, &f->ok)
            if (f->acc != f->n++) big_errors++;
            big_sum += f->acc;
        }
    }
    return RUN_EXIT;
}

START_TEST(test_big_buffer_grows)
{
    run_main(1, bigbuf_main);
    ck_assert_int_eq(big_errors, 0);
    ck_assert_int_eq(big_sum, 39999900000); /* 100000..299999 */
}
END_TEST

/* Blocked senders are served in the order they blocked. */
static G *senders[10];
static RunResult order_sender(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        f->v = f->id;
        SEND(1, ca, &f->v)
    }
    return RUN_EXIT;
}

static int64_t order_got[10];
static RunResult order_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ca = chan_make(8, 0, false);
        for (f->i = 0; f->i < 10; f->i++) {
            senders[f->i] = spawn(order_sender, (int)f->i);
            while (atomic_load(&senders[f->i]->status) != G_WAITING ||
                   senders[f->i]->waiting == NULL) {
                YIELD(1)
            }
        }
        for (f->i = 0; f->i < 10; f->i++) {
            RECV(2, ca, &order_got[f->i], &f->ok)
        }
    }
    return RUN_EXIT;
}

START_TEST(test_fifo_senders)
{
    run_main(2, order_main);
    for (int i = 0; i < 10; i++)
        ck_assert_int_eq(order_got[i], i);
}
END_TEST

/* ---- close ------------------------------------------------------------------- */

static _Atomic int close_bad, close_woken;
static RunResult close_receiver(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        f->v = 42;
        f->ok = true;
        RECV(1, ca, &f->v, &f->ok)
        if (f->ok || f->v != 0)
            atomic_fetch_add(&close_bad, 1);
        atomic_fetch_add(&close_woken, 1);
        f->v = 1;
        SEND(2, cdone, &f->v)
    }
    return RUN_EXIT;
}

static void count_waiting(G *g, void *arg)
{
    if (atomic_load(&g->status) == G_WAITING)
        ++*(int *)arg;
}

/* close_n receivers wait; one close wakes them all. 2000 is more than a
 * local run queue holds, so the wake-up also overflows to the global
 * queue while the other thread pulls from it. */
static int close_n;
static RunResult close_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ca = chan_make(8, 0, false);
        cdone = chan_make(8, 100, false);
        for (int i = 0; i < close_n; i++)
            spawn(close_receiver, i);
        for (;;) {
            int n = 0;
            sched_foreach_g(count_waiting, &n);
            if (n == close_n)
                break;
            YIELD(1)
        }
        ck_assert_int_eq(close_woken, 0);
        ck_assert_ptr_null(chan_close(ca));
        ck_assert_str_eq(chan_close(ca), "close of closed channel");
        for (f->i = 0; f->i < close_n; f->i++) {
            RECV(2, cdone, &f->v, &f->ok)
        }
    }
    return RUN_EXIT;
}

static void check_close(int procs, int n)
{
    close_n = n;
    atomic_store(&close_woken, 0);
    atomic_store(&close_bad, 0);
    run_main(procs, close_main);
    ck_assert_int_eq(close_woken, n);
    ck_assert_int_eq(close_bad, 0);
}

START_TEST(test_close_wakes_receivers)
{
    check_close(2, 100);
    check_close(2, 2000);
    check_close(1, 2000);
}
END_TEST

static ChanStatus blocked_send_status = CHAN_OK;
static RunResult closed_sender(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        f->v = 7;
        f->pc = 1;
        /* fallthrough */
    case 1: {
        ChanStatus s = chan_send(ca, &f->v, g, true);
        if (s == CHAN_PARKED)
            return RUN_PARK;
        blocked_send_status = s;
    }
        f->v = 1;
        SEND(2, cdone, &f->v)
    }
    return RUN_EXIT;
}

static RunResult closed_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ck_assert_str_eq(chan_close(NULL), "close of nil channel");
        ca = chan_make(8, 0, false);
        cdone = chan_make(8, 1, false);
        senders[0] = spawn(closed_sender, 0);
        while (atomic_load(&senders[0]->status) != G_WAITING) {
            YIELD(1)
        }
        ck_assert_ptr_null(chan_close(ca));
        RECV(2, cdone, &f->v, &f->ok)
        /* A send on a closed channel fails at once; a receive drains. */
        f->v = 1;
        ck_assert_int_eq(chan_send(ca, &f->v, g, true), CHAN_CLOSED);
        ck_assert_int_eq(chan_send(ca, &f->v, g, false), CHAN_CLOSED);
        {
            Chan *c = chan_make(8, 2, false);
            int64_t x = 5, y = 0;
            bool ok = false;
            ck_assert_int_eq(chan_send(c, &x, g, false), CHAN_OK);
            ck_assert_ptr_null(chan_close(c));
            ck_assert_int_eq(chan_len(c), 1);
            ck_assert_int_eq(chan_recv(c, &y, &ok, g, true), CHAN_OK);
            ck_assert(ok);
            ck_assert_int_eq(y, 5);
            ck_assert_int_eq(chan_recv(c, &y, &ok, g, false), CHAN_OK);
            ck_assert(!ok);
            ck_assert_int_eq(y, 0);
            ck_assert_int_eq(chan_cap(c), 2);
        }
    }
    return RUN_EXIT;
}

START_TEST(test_send_closed)
{
    run_main(2, closed_main);
    ck_assert_int_eq(blocked_send_status, CHAN_CLOSED);
}
END_TEST

/* ---- select ------------------------------------------------------------------- */

#define K 4
static int64_t fair_hits[K];
static RunResult fair_main(G *g, TF *f)
{
    Chan *cs[K];
    SelectCase sc[K];
    int64_t v = 1, dst;
    for (int k = 0; k < K; k++) {
        cs[k] = chan_make(8, 1, false);
        ck_assert_int_eq(chan_send(cs[k], &v, g, false), CHAN_OK);
    }
    for (int i = 0; i < 40000; i++) {
        for (int k = 0; k < K; k++)
            sc[k] = (SelectCase){.c = cs[k], .is_send = false, .elem = &dst};
        bool ok;
        int r = chan_select(sc, K, false, g, &ok);
        ck_assert(r >= 0 && r < K);
        ck_assert(ok);
        fair_hits[r]++;
        ck_assert_int_eq(chan_send(cs[r], &v, g, false), CHAN_OK);
    }
    return RUN_EXIT;
}

START_TEST(test_select_fairness)
{
    run_main(1, fair_main);
    for (int k = 0; k < K; k++)
        ck_assert_int_ge(fair_hits[k], 40000 / (2 * K));
}
END_TEST

static int nil_sel_result = -100;
static bool nil_sel_ok;
static RunResult nil_sel_waiter(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        f->pc = 1;
        /* fallthrough */
    case 1: {
        SelectCase sc[3] = {{.c = NULL, .is_send = false, .elem = &f->v},
                            {.c = cb, .is_send = false, .elem = &f->v},
                            {.c = NULL, .is_send = true, .elem = &f->v}};
        int r = chan_select(sc, 3, true, g, &nil_sel_ok);
        if (r == -2)
            return RUN_PARK;
        nil_sel_result = r * 100 + (int)f->v;
    }
        SEND(2, cdone, &f->v)
    }
    return RUN_EXIT;
}

static RunResult nil_sel_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0: {
        int64_t v = 9, dst = 0;
        bool ok;
        Chan *c = chan_make(8, 1, false);
        chan_send(c, &v, g, false);
        SelectCase sc[3] = {{.c = NULL, .is_send = false, .elem = &dst},
                            {.c = c, .is_send = false, .elem = &dst},
                            {.c = NULL, .is_send = true, .elem = &v}};
        ck_assert_int_eq(chan_select(sc, 3, true, g, &ok), 1);
        ck_assert_int_eq(dst, 9);
        /* Only nil channels, with a default: the default. */
        SelectCase nils[2] = {{.c = NULL, .is_send = false}, {.c = NULL, .is_send = true, .elem = &v}};
        ck_assert_int_eq(chan_select(nils, 2, false, g, &ok), -1);
        /* Empty and not ready, with a default. */
        ck_assert_int_eq(chan_select(sc, 3, false, g, &ok), -1);
        /* Nil channels alone never fire; operations on them would block. */
        ck_assert_int_eq(chan_send(NULL, &v, g, false), CHAN_WOULDBLOCK);
        ck_assert_int_eq(chan_recv(NULL, &dst, &ok, g, false), CHAN_WOULDBLOCK);
        ck_assert_int_eq(chan_len(NULL), 0);
        ck_assert_int_eq(chan_cap(NULL), 0);
        /* A select on a closed channel's send case reports it. */
        Chan *closed = chan_make(8, 1, false);
        chan_close(closed);
        SelectCase sendc[2] = {{.c = NULL, .is_send = true, .elem = &v},
                               {.c = closed, .is_send = true, .elem = &v}};
        ck_assert_int_eq(chan_select(sendc, 2, true, g, &ok), -3 - 1);
        cb = chan_make(8, 0, false);
        cdone = chan_make(8, 1, false);
        spawn(nil_sel_waiter, 1);
    }
        /* The waiter parks on its select; a send on the live case wakes it. */
        f->v = 77;
        SEND(1, cb, &f->v)
        RECV(2, cdone, &f->v, &f->ok)
    }
    return RUN_EXIT;
}

START_TEST(test_select_nil)
{
    run_main(2, nil_sel_main);
    ck_assert_int_eq(nil_sel_result, 177);
    ck_assert(nil_sel_ok);
}
END_TEST

/* A select blocked on several channels is woken exactly once and leaves the
 * other queues: afterwards the other channel still works normally. */
static RunResult multi_sel(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (f->i = 0; f->i < 2000; f->i++) {
            f->pc = 1;
            /* fallthrough */
        case 1: {
            SelectCase sc[3] = {{.c = ca, .is_send = false, .elem = &f->v},
                                {.c = cb, .is_send = false, .elem = &f->v},
                                {.c = ca, .is_send = false, .elem = &f->v}};
            int r = chan_select(sc, 3, true, g, &f->ok);
            if (r == -2)
                return RUN_PARK;
            ck_assert(f->ok);
            f->acc += f->v;
        }
        }
        f->v = f->acc;
        SEND(2, cdone, &f->v)
    }
    return RUN_EXIT;
}

static RunResult multi_sender(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (f->i = 0; f->i < 1000; f->i++) {
            f->v = 1;
            SEND(1, f->id ? cb : ca, &f->v)
        }
    }
    return RUN_EXIT;
}

static int64_t multi_total;
static RunResult multi_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ca = chan_make(8, 0, false);
        cb = chan_make(8, 0, false);
        cdone = chan_make(8, 1, false);
        spawn(multi_sel, 0);
        spawn(multi_sender, 0);
        spawn(multi_sender, 1);
        RECV(1, cdone, &multi_total, &f->ok)
        /* Nothing is left queued on either channel. */
        ck_assert_int_eq(chan_send(ca, &f->v, g, false), CHAN_WOULDBLOCK);
        ck_assert_int_eq(chan_send(cb, &f->v, g, false), CHAN_WOULDBLOCK);
    }
    return RUN_EXIT;
}

START_TEST(test_select_multi)
{
    run_main(2, multi_main);
    ck_assert_int_eq(multi_total, 2000);
}
END_TEST

/* select {} parks forever without being a deadlock while others run. */
static RunResult forever(G *g, TF *f)
{
    int r = chan_select(NULL, 0, true, g, NULL);
    ck_assert_int_eq(r, -2);
    return RUN_PARK;
}

static int forever_numg;
static RunResult forever_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        spawn(forever, 1);
        spawn(forever, 2);
        for (f->i = 0; f->i < 100; f->i++) {
            YIELD(1)
        }
        forever_numg = sched_numgoroutine();
        /* Carry on as a ping-pong main. */
        mode = 0;
        N = 1000;
        f->pc = 0;
        f->step = ping_main;
        return RUN_YIELD;
    }
    return RUN_EXIT;
}

START_TEST(test_select_forever_others_alive)
{
    run_main(2, forever_main);
    ck_assert_int_eq(forever_numg, 3);
    ck_assert_int_eq(deadlocks, 0);
    ck_assert(!sched_deadlocked());
}
END_TEST

/* Only parked goroutines left: the deadlock hook fires once. */
static RunResult deadlock_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        spawn(forever, 1);
        ca = chan_make(8, 0, false);
        RECV(1, ca, &f->v, &f->ok)
    }
    ck_abort_msg("main must never be woken");
    return RUN_EXIT;
}

START_TEST(test_deadlock_detected)
{
    run_main(2, deadlock_main);
    ck_assert_int_eq(deadlocks, 1);
    ck_assert(sched_deadlocked());
}
END_TEST

/* ---- zero-size elements ------------------------------------------------------- */

static RunResult zs_peer(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (f->i = 0; f->i < 1000; f->i++) {
            RECV(1, ca, NULL, &f->ok)
            SEND(2, cb, NULL)
        }
    }
    return RUN_EXIT;
}

static int64_t zs_rounds;
static RunResult zs_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ca = chan_make(0, 0, false);
        cb = chan_make(0, 3, false);
        spawn(zs_peer, 1);
        for (f->i = 0; f->i < 1000; f->i++) {
            SEND(1, ca, &f->v)
            RECV(2, cb, &f->v, &f->ok)
            ck_assert(f->ok);
            zs_rounds++;
        }
        {
            char dummy;
            for (int i = 0; i < 3; i++)
                ck_assert_int_eq(chan_send(cb, &dummy, g, false), CHAN_OK);
            ck_assert_int_eq(chan_send(cb, &dummy, g, false), CHAN_WOULDBLOCK);
            ck_assert_int_eq(chan_len(cb), 3);
        }
    }
    return RUN_EXIT;
}

START_TEST(test_zero_size)
{
    run_main(2, zs_main);
    ck_assert_int_eq(zs_rounds, 1000);
}
END_TEST

/* ---- host threads ---------------------------------------------------------------- */

static int64_t host_errors;
static void *host_thread(void *arg)
{
    for (int64_t i = 0; i < 1000; i++) {
        ck_assert_int_eq(chan_send(ca, &i, NULL, true), CHAN_OK);
        int64_t r = 0;
        bool ok = false;
        if (i % 2) {
            ck_assert_int_eq(chan_recv(cb, &r, &ok, NULL, true), CHAN_OK);
        } else {
            SelectCase sc[2] = {{.c = NULL}, {.c = cb, .is_send = false, .elem = &r}};
            ck_assert_int_eq(chan_select(sc, 2, true, NULL, &ok), 1);
        }
        if (!ok || r != 2 * i)
            host_errors++;
    }
    int64_t one = 1;
    chan_send(cdone, &one, NULL, true);
    return NULL;
}

static int64_t host_rounds;
static RunResult host_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        for (f->i = 0; f->i < 1000; f->i++) {
            RECV(1, ca, &f->v, &f->ok)
            f->v *= 2;
            SEND(2, cb, &f->v)
            host_rounds++;
        }
        RECV(3, cdone, &f->v, &f->ok)
        sched_keepalive(-1);
    }
    return RUN_EXIT;
}

START_TEST(test_host_thread)
{
    ca = chan_make(8, 0, false);
    cb = chan_make(8, 0, false);
    cdone = chan_make(8, 0, false);
    sched_keepalive(1); /* the host will talk to main */
    pthread_t th;
    ck_assert_int_eq(pthread_create(&th, NULL, host_thread, NULL), 0);
    run_main(2, host_main);
    pthread_join(th, NULL);
    ck_assert_int_eq(host_rounds, 1000);
    ck_assert_int_eq(host_errors, 0);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

/* ---- 100,000 goroutines blocked, then released ---------------------------------------- */

#ifdef CHAN_STRESS
#define MANY 1000000
#else
#define MANY 100000
#endif
static _Atomic int64_t many_sum, many_started, many_done;
static RunResult many_worker(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        atomic_fetch_add(&many_started, 1);
        RECV(1, ca, &f->v, &f->ok)
        ck_assert(f->ok);
        atomic_fetch_add(&many_sum, f->v);
        atomic_fetch_add(&many_done, 1);
    }
    return RUN_EXIT;
}

static int many_peak;
static RunResult many_main(G *g, TF *f)
{
    switch (f->pc) {
    case 0:
        ca = chan_make(8, 0, false);
        for (int i = 0; i < MANY; i++)
            spawn(many_worker, i);
        while (atomic_load(&many_started) < MANY) {
            YIELD(1)
        }
        many_peak = sched_numgoroutine();
        for (f->i = 1; f->i <= MANY; f->i++) {
            f->v = f->i;
            SEND(2, ca, &f->v)
        }
        while (atomic_load(&many_done) < MANY) {
            YIELD(3)
        }
    }
    return RUN_EXIT;
}

START_TEST(test_many_blocked)
{
    run_main(2, many_main);
    ck_assert_int_eq(many_peak, MANY + 1);
    ck_assert_int_eq(many_sum, (int64_t)MANY * (MANY + 1) / 2);
    ck_assert_int_eq(deadlocks, 0);
}
END_TEST

/* ---- the suite ------------------------------------------------------------------------------ */

int main(void)
{
    Suite *s = suite_create("chan");
    TCase *tc;
    ADD(test_pingpong_unbuffered);
    ADD(test_pingpong_buffered);
    ADD(test_block_allocates_nothing);
    ADD(test_select8_concurrent_close);
    ADD(test_mpmc_buffered);
    ADD(test_mpmc_unbuffered);
    ADD(test_mpmc_select);
    ADD(test_fifo_buffered);
    ADD(test_big_buffer_grows);
    ADD(test_fifo_senders);
    ADD(test_close_wakes_receivers);
    ADD(test_send_closed);
    ADD(test_select_fairness);
    ADD(test_select_nil);
    ADD(test_select_multi);
    ADD(test_select_forever_others_alive);
    ADD(test_deadlock_detected);
    ADD(test_zero_size);
    ADD(test_host_thread);
    ADD(test_many_blocked);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
