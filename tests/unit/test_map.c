/* test_map.c — runtime/map.c through map.h: insertion, lookup, deletion,
 * growth, iteration (random start, deletion and insertion while
 * iterating), and keys of int, string, float, struct and interface types
 * (including Go's unhashable-key report), and that readers racing a
 * writer (a data race the flag check missed) never fault.
 */
#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "runtime/map.h"
#include "runtime/sched.h"
#include "runtime/value.h"

static Type *mk(TypeKind k, uint32_t size, bool direct)
{
    Type *t = calloc(1, sizeof *t);
    t->kind = k;
    t->size = t->align = size;
    t->underlying = t;
    t->comparable = true;
    t->iface_direct = direct;
    return t;
}

static Type *tint, *tstr, *tf64, *tslice, *tany, *tkey, *tint32, *tint64;

static Type *map_of(Type *k, Type *v)
{
    Type *t = mk(KIND_MAP, 8, true);
    t->key = k;
    t->elem = v;
    t->comparable = false;
    return t;
}

static void setup(void)
{
    tint = mk(KIND_INT, 8, true);
    tint32 = mk(KIND_INT32, 4, true);
    tint64 = mk(KIND_INT64, 8, true);
    tstr = mk(KIND_STRING, 16, false);
    tstr->align = 8;
    tstr->has_pointers = true;
    tf64 = mk(KIND_FLOAT64, 8, true);
    tslice = mk(KIND_SLICE, 24, false);
    tslice->comparable = false;
    tany = mk(KIND_INTERFACE, 16, false);
    /* struct { a int32; b string } : 4 bytes of padding after a */
    tkey = mk(KIND_STRUCT, 24, false);
    tkey->align = 8;
    tkey->nfields = 2;
    tkey->fields = calloc(2, sizeof(Field));
    tkey->fields[0] = (Field){"a", tint32, 0, false, false};
    tkey->fields[1] = (Field){"b", tstr, 8, false, false};
}

START_TEST(test_int_keys_growth_delete)
{
    Map *m = map_make(map_of(tint, tint), 0);
    const int64_t N = 100000;
    for (int64_t i = 0; i < N; i++)
        *(int64_t *)map_assign(m, &i, NULL) = i * 3;
    ck_assert_int_eq(map_len(m), N);
    for (int64_t i = 0; i < N; i++) {
        int64_t *v = map_access(m, &i, NULL);
        ck_assert_ptr_nonnull(v);
        ck_assert_int_eq(*v, i * 3);
    }
    int64_t missing = N + 5;
    ck_assert_ptr_null(map_access(m, &missing, NULL));
    for (int64_t i = 1; i < N; i += 2)
        map_delete(m, &i);
    ck_assert_int_eq(map_len(m), N / 2);
    for (int64_t i = 0; i < N; i++)
        ck_assert((map_access(m, &i, NULL) != NULL) == (i % 2 == 0));
    /* re-insert after deletes reuses space and stays correct */
    for (int64_t i = 1; i < N; i += 2)
        *(int64_t *)map_assign(m, &i, NULL) = -i;
    ck_assert_int_eq(map_len(m), N);
    int64_t k = 77;
    ck_assert_int_eq(*(int64_t *)map_access(m, &k, NULL), -77);
    /* assigning an existing key does not grow the map */
    *(int64_t *)map_assign(m, &k, NULL) = 1;
    ck_assert_int_eq(map_len(m), N);
    map_clear(m);
    ck_assert_int_eq(map_len(m), 0);
    ck_assert_ptr_null(map_access(m, &k, NULL));
}
END_TEST

START_TEST(test_string_keys)
{
    Map *m = map_make(map_of(tstr, tint), 4);
    char buf[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(buf, sizeof buf, "key-%d", i);
        String s = string_from_cstr(buf);
        *(int64_t *)map_assign(m, &s, NULL) = i;
    }
    ck_assert_int_eq(map_len(m), 5000);
    /* lookups with separately allocated equal strings */
    for (int i = 0; i < 5000; i += 7) {
        snprintf(buf, sizeof buf, "key-%d", i);
        String s = string_from_cstr(buf);
        int64_t *v = map_access(m, &s, NULL);
        ck_assert_ptr_nonnull(v);
        ck_assert_int_eq(*v, i);
    }
    String empty = {NULL, 0};
    ck_assert_ptr_null(map_access(m, &empty, NULL));
    *(int64_t *)map_assign(m, &empty, NULL) = 42;
    ck_assert_int_eq(*(int64_t *)map_access(m, &empty, NULL), 42);
}
END_TEST

/* A borrowed key (string(b) of a []byte) is copied when inserted, and
 * used as is when found: the caller's buffer may change afterwards. */
START_TEST(test_borrowed_string_keys)
{
    Map *m = map_make(map_of(tstr, tint), 0);
    char buf[8] = "GGTA";
    String k = {(const uint8_t *)buf, 4};
    *(int64_t *)map_assign_borrowed(m, &k, NULL) += 1;
    *(int64_t *)map_assign_borrowed(m, &k, NULL) += 1; /* found: no insert */
    ck_assert_int_eq(map_len(m), 1);
    memcpy(buf, "CCCC", 4); /* the caller reuses its buffer */
    *(int64_t *)map_assign_borrowed(m, &k, NULL) += 5;
    ck_assert_int_eq(map_len(m), 2);
    String g = string_from_cstr("GGTA"), c = string_from_cstr("CCCC");
    ck_assert_int_eq(*(int64_t *)map_access(m, &g, NULL), 2);
    ck_assert_int_eq(*(int64_t *)map_access(m, &c, NULL), 5);
    memcpy(buf, "XXXX", 4);
    ck_assert_int_eq(*(int64_t *)map_access(m, &g, NULL), 2);
    ck_assert_ptr_null(map_access(m, &k, NULL));
}
END_TEST

START_TEST(test_float_keys)
{
    Map *m = map_make(map_of(tf64, tint), 0);
    double pz = 0.0, nz = -0.0, nan = NAN;
    *(int64_t *)map_assign(m, &pz, NULL) = 1;
    *(int64_t *)map_assign(m, &nz, NULL) = 2; /* +0 == -0: same key */
    ck_assert_int_eq(map_len(m), 1);
    ck_assert_int_eq(*(int64_t *)map_access(m, &pz, NULL), 2);
    map_assign(m, &nan, NULL);
    map_assign(m, &nan, NULL); /* NaN != NaN: two entries, never found */
    ck_assert_int_eq(map_len(m), 3);
    ck_assert_ptr_null(map_access(m, &nan, NULL));
}
END_TEST

START_TEST(test_struct_keys)
{
    Map *m = map_make(map_of(tkey, tint), 0);
    struct K {
        int32_t a;
        int32_t pad;
        String b;
    } k1, k2;
    memset(&k1, 0, sizeof k1);
    memset(&k2, 0xAB, sizeof k2); /* different padding bytes */
    k1.a = k2.a = 7;
    k1.b = string_from_cstr("x");
    k2.b = string_from_cstr("x");
    *(int64_t *)map_assign(m, &k1, NULL) = 10;
    int64_t *v = map_access(m, &k2, NULL);
    ck_assert_ptr_nonnull(v); /* padding is ignored */
    ck_assert_int_eq(*v, 10);
    k2.a = 8;
    ck_assert_ptr_null(map_access(m, &k2, NULL));
}
END_TEST

START_TEST(test_interface_keys)
{
    Map *m = map_make(map_of(tany, tint), 0);
    int64_t one = 1;
    int32_t one32 = 1;
    Iface a = iface_box(tint, &one), b = iface_box(tint32, &one32);
    String s = string_from_cstr("one");
    Iface c = iface_box(tstr, &s), nil = {NULL, {0}};
    *(int64_t *)map_assign(m, &a, NULL) = 1;
    *(int64_t *)map_assign(m, &b, NULL) = 2; /* int(1) and int32(1) differ */
    *(int64_t *)map_assign(m, &c, NULL) = 3;
    *(int64_t *)map_assign(m, &nil, NULL) = 4;
    ck_assert_int_eq(map_len(m), 4);
    Iface a2 = iface_box(tint, &one);
    ck_assert_int_eq(*(int64_t *)map_access(m, &a2, NULL), 1);
    String s2 = string_from_cstr("one");
    Iface c2 = iface_box(tstr, &s2);
    ck_assert_int_eq(*(int64_t *)map_access(m, &c2, NULL), 3);
    ck_assert_int_eq(*(int64_t *)map_access(m, &nil, NULL), 4);
    /* a slice inside an interface key is unhashable */
    Slice sl = {0};
    Iface bad = iface_box(tslice, &sl);
    bool unhashable = false;
    ck_assert_ptr_null(map_assign(m, &bad, &unhashable));
    ck_assert(unhashable);
    unhashable = false;
    map_access(m, &bad, &unhashable);
    ck_assert(unhashable);
    ck_assert(value_unhashable(tany, &bad) == tslice);
    /* even an empty (or nil) map reports it, as Go does */
    Map *e = map_make(map_of(tany, tint), 0);
    unhashable = false;
    map_access(e, &bad, &unhashable);
    ck_assert(unhashable);
    ck_assert_int_eq(map_len(m), 4);
}
END_TEST

START_TEST(test_iteration)
{
    Map *m = map_make(map_of(tint, tint), 0);
    enum { N = 1000 };
    for (int64_t i = 0; i < N; i++)
        *(int64_t *)map_assign(m, &i, NULL) = i + 1;
    static int seen[N];
    memset(seen, 0, sizeof seen);
    MapIter it;
    void *k, *v;
    map_iter_init(m, &it);
    int count = 0;
    while (map_iter_next(&it, &k, &v)) {
        int64_t key = *(int64_t *)k;
        ck_assert_int_eq(*(int64_t *)v, key + 1);
        seen[key]++;
        count++;
    }
    ck_assert_int_eq(count, N);
    for (int i = 0; i < N; i++)
        ck_assert_int_eq(seen[i], 1);
    /* random starting point: the first key is not always the same */
    int64_t first = -1;
    bool differs = false;
    for (int t = 0; t < 50 && !differs; t++) {
        map_iter_init(m, &it);
        ck_assert(map_iter_next(&it, &k, &v));
        if (first >= 0 && *(int64_t *)k != first)
            differs = true;
        first = *(int64_t *)k;
    }
    ck_assert(differs);
    /* nil map: no iterations */
    map_iter_init(NULL, &it);
    ck_assert(!map_iter_next(&it, &k, &v));
}
END_TEST

START_TEST(test_delete_during_iteration)
{
    Map *m = map_make(map_of(tint, tint), 0);
    enum { N = 500 };
    for (int64_t i = 0; i < N; i++)
        *(int64_t *)map_assign(m, &i, NULL) = i;
    /* delete everything else on the first step: only one entry is seen */
    MapIter it;
    void *k, *v;
    map_iter_init(m, &it);
    ck_assert(map_iter_next(&it, &k, &v));
    int64_t keep = *(int64_t *)k;
    for (int64_t i = 0; i < N; i++)
        if (i != keep)
            map_delete(m, &i);
    ck_assert(!map_iter_next(&it, &k, &v));
    ck_assert_int_eq(map_len(m), 1);
}
END_TEST

START_TEST(test_grow_during_iteration)
{
    Map *m = map_make(map_of(tint, tint), 0);
    enum { N = 64 };
    for (int64_t i = 0; i < N; i++)
        *(int64_t *)map_assign(m, &i, NULL) = i;
    static int seen[N];
    memset(seen, 0, sizeof seen);
    MapIter it;
    void *k, *v;
    map_iter_init(m, &it);
    int64_t next = 1000;
    int steps = 0;
    while (map_iter_next(&it, &k, &v)) {
        int64_t key = *(int64_t *)k;
        if (key < N)
            seen[key]++;
        /* force several rebuilds while iterating, and delete a later key */
        for (int j = 0; j < 50; j++, next++)
            *(int64_t *)map_assign(m, &next, NULL) = next;
        steps++;
    }
    for (int i = 0; i < N; i++)
        ck_assert_int_eq(seen[i], 1); /* every original key exactly once */
    ck_assert_int_eq(map_len(m), N + steps * 50);
}
END_TEST

START_TEST(test_delete_after_growth_during_iteration)
{
    Map *m = map_make(map_of(tint, tint), 0);
    for (int64_t i = 0; i < 8; i++)
        *(int64_t *)map_assign(m, &i, NULL) = i;
    MapIter it;
    void *k, *v;
    map_iter_init(m, &it);
    ck_assert(map_iter_next(&it, &k, &v));
    int64_t firstkey = *(int64_t *)k;
    /* grow (the entry array moves), then delete every other original key */
    for (int64_t i = 100; i < 300; i++)
        *(int64_t *)map_assign(m, &i, NULL) = i;
    for (int64_t i = 0; i < 8; i++)
        if (i != firstkey)
            map_delete(m, &i);
    /* update a value after the move: the iterator must see live values */
    int n = 0;
    while (map_iter_next(&it, &k, &v)) {
        int64_t key = *(int64_t *)k;
        ck_assert(key >= 100); /* deleted originals never appear */
        ck_assert_int_eq(*(int64_t *)v, key);
        n++;
    }
    ck_assert_int_le(n, 200);
}
END_TEST

START_TEST(test_nil_map)
{
    ck_assert_ptr_null(map_access(NULL, &(int64_t){1}, NULL));
    ck_assert_int_eq(map_len(NULL), 0);
    map_delete(NULL, &(int64_t){1}); /* no-op, as Go */
    map_clear(NULL);
}
END_TEST

/* ---- racing readers ---------------------------------------------------- */

/* Reader threads count a detected race and read on, as an undetected race
 * would: what the check misses must never fault. */
static __thread bool race_reader_thread;
static atomic_long races_detected, race_reads;
static atomic_bool race_stop;
static Map *race_m, *race_sm;
static String race_keys[4096];

static void race_hook(const char *msg)
{
    (void)msg;
    if (race_reader_thread) {
        atomic_fetch_add(&races_detected, 1);
        return;
    }
    abort(); /* the writer never overlaps another writer here */
}

static void *race_reader(void *arg)
{
    (void)arg;
    sched_host_g(); /* registered with the collector, marks the run parallel */
    race_reader_thread = true;
    uint64_t r = 12345;
    while (!atomic_load(&race_stop)) {
        r = r * 6364136223846793005u + 1442695040888963407u;
        int64_t k = (int64_t)((r >> 33) % 5000);
        int64_t *v = map_access(race_m, &k, NULL);
        if (v) {
            int64_t x = *v;
            /* a value may still be zero (being written) but never another */
            if (x != 0 && x != k * 7 + 1)
                abort();
        }
        String *sk = &race_keys[(r >> 20) % 4096];
        int64_t *sv = map_access(race_sm, sk, NULL);
        if (sv && *sv != 0 && race_keys[*sv - 1].ptr != sk->ptr)
            abort();
        if ((r & 63) == 0) {
            MapIter it;
            void *ik, *iv;
            map_iter_init(race_m, &it);
            for (int n = 0; n < 100 && map_iter_next(&it, &ik, &iv); n++) {
                int64_t x = *(int64_t *)iv, key = *(int64_t *)ik;
                if (x != 0 && key != 0 && x != key * 7 + 1)
                    abort();
            }
        }
        atomic_fetch_add(&race_reads, 1);
    }
    return NULL;
}

START_TEST(test_racing_readers_never_fault)
{
    map_set_fatal_hook(race_hook);
    sched_host_g();
    for (int i = 0; i < 4096; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "key-%d", i);
        race_keys[i] = string_from_cstr(buf);
    }
    race_m = map_make(map_of(tint, tint), 0);
    race_sm = map_make(map_of(tstr, tint), 0);
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&th[i], NULL, race_reader, NULL);
    /* the writer: grow from empty (rebuilds, added chunks), delete (tombstones,
     * compaction), clear, again and again */
    for (int round = 0; round < 60; round++) {
        for (int64_t i = 0; i < 5000; i++)
            *(int64_t *)map_assign(race_m, &i, NULL) = i * 7 + 1;
        for (int64_t i = 0; i < 4096; i++)
            *(int64_t *)map_assign(race_sm, &race_keys[i], NULL) = i + 1;
        for (int64_t i = round % 3; i < 5000; i += 2)
            map_delete(race_m, &i);
        for (int64_t i = round % 2; i < 4096; i += 3)
            map_delete(race_sm, &race_keys[i]);
        if (round % 4 == 3) {
            map_clear(race_m);
            map_clear(race_sm);
        }
    }
    atomic_store(&race_stop, true);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    if (getenv("RACE_STATS"))
        fprintf(stderr, "reads %ld detected %ld\n", atomic_load(&race_reads),
                atomic_load(&races_detected));
    ck_assert(sched_ever_parallel());
    ck_assert_int_gt(atomic_load(&race_reads), 0);
}
END_TEST

int main(void)
{
    heap_init();
    setup();
    Suite *s = suite_create("map");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_int_keys_growth_delete);
    tcase_add_test(tc, test_string_keys);
    tcase_add_test(tc, test_borrowed_string_keys);
    tcase_add_test(tc, test_float_keys);
    tcase_add_test(tc, test_struct_keys);
    tcase_add_test(tc, test_interface_keys);
    tcase_add_test(tc, test_iteration);
    tcase_add_test(tc, test_delete_during_iteration);
    tcase_add_test(tc, test_grow_during_iteration);
    tcase_add_test(tc, test_delete_after_growth_during_iteration);
    tcase_add_test(tc, test_nil_map);
    tcase_add_test(tc, test_racing_readers_never_fault);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
