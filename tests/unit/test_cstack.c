/* test_cstack.c — C stack segments (runtime/cstack.c): a recursion far
 * deeper than the thread's stack through cstack_call, objects referred to
 * only from the stacks it left surviving collections, and segments reused.
 */
#include <gc.h>

#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "runtime/cstack.h"

#define MAGIC 0x5eed5eed5eed5eedull

typedef struct {
    int depth;
    int max_depth;  /* deepest level reached */
    int on_segment; /* levels that ran on a segment */
    int finalized;  /* its live levels' objects collected by mistake */
} Walk;

static void level(void *p);

static void GC_CALLBACK count_finalized(void *obj, void *data)
{
    (void)obj;
    __atomic_fetch_add(&((Walk *)data)->finalized, 1, __ATOMIC_RELAXED);
}

/* One level: a frame of about 4 KB, a heap object known only to this
 * frame, then the next level through cstack_call. */
static void level(void *p)
{
    Walk *w = p;
    volatile char pad[4000];
    pad[0] = (char)w->depth;
    uint64_t *obj = GC_MALLOC(64);
    obj[0] = MAGIC;
    obj[1] = (uint64_t)w->depth;
    GC_REGISTER_FINALIZER_NO_ORDER(obj, count_finalized, w, NULL, NULL);
    uint64_t *volatile keep = obj;
    obj = NULL;
    if (cstack_on_segment())
        w->on_segment++;
    if (w->depth > w->max_depth)
        w->max_depth = w->depth;
    if (w->depth % 5000 == 0) {
        /* churn: collected objects would be reused and overwritten */
        /* (another thread switching stacks holds collections off for a
         * moment: then try again) */
        GC_word before = GC_get_gc_no();
        for (int i = 0; i < 1000 && GC_get_gc_no() == before; i++)
            GC_gcollect();
        ck_assert_msg(GC_get_gc_no() > before, "no collection (disabled: %d)", GC_is_disabled());
        GC_invoke_finalizers();
        ck_assert_int_eq(__atomic_load_n(&w->finalized, __ATOMIC_RELAXED), 0);
        for (int i = 0; i < 20000; i++)
            memset(GC_MALLOC(64), 0xAB, 64);
    }
    if (w->depth > 0) {
        w->depth--;
        cstack_call(level, w);
        w->depth++;
    }
    ck_assert_uint_eq(keep[0], MAGIC);
    ck_assert_uint_eq(keep[1], (uint64_t)w->depth);
    ck_assert_int_eq(pad[0], (char)w->depth);
}

START_TEST(deep_recursion_through_segments)
{
    for (int round = 0; round < 2; round++) { /* the second reuses segments */
        static Walk ws[2];                    /* static: dead levels' finalizers count here */
        Walk *wp = &ws[round], w0 = {.depth = 30000};
        *wp = w0;
        cstack_call(level, wp);
        Walk w = *wp; /* 30000 levels of 4 KB: 120 MB, not 8 */
        ck_assert_int_eq(w.depth, 30000);
        ck_assert_int_eq(w.max_depth, 30000);
        ck_assert_int_gt(w.on_segment, 20000);
        ck_assert(!cstack_on_segment());
    }
}
END_TEST

static void *thread_walk(void *arg)
{
    Walk *w = arg;
    cstack_call(level, w);
    return NULL;
}

START_TEST(threads_have_their_own_segments)
{
    pthread_t t[2];
    static Walk w[2];
    w[0] = w[1] = (Walk){.depth = 15000};
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(GC_pthread_create(&t[i], NULL, thread_walk, &w[i]), 0);
    for (int i = 0; i < 2; i++)
        GC_pthread_join(t[i], NULL);
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(w[i].max_depth, 15000);
        ck_assert_int_gt(w[i].on_segment, 5000);
    }
}
END_TEST

static void shallow(void *p)
{
    *(int *)p = cstack_on_segment();
}

START_TEST(shallow_call_stays_in_place)
{
    int on = -1;
    cstack_call(shallow, &on);
    ck_assert_int_eq(on, 0);
}
END_TEST

int main(void)
{
    GC_INIT();
    GC_allow_register_threads();
    Suite *s = suite_create("cstack");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, shallow_call_stays_in_place);
    tcase_add_test(tc, deep_recursion_through_segments);
    tcase_add_test(tc, threads_have_their_own_segments);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}
