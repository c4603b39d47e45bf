/* test_string.c — runtime/string.c and runtime/typeops.c through value.h:
 * UTF-8 decoding with Go's rules (invalid, truncated, overlong, surrogate
 * and out-of-range sequences decode as U+FFFD of width 1), encoding,
 * concatenation, comparison, and value equality/hashing by type.
 */
#include <check.h>
#include <math.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/value.h"

static void dec(const char *s, int n, int32_t want, int wantw)
{
    int w = -1;
    int32_t r = utf8_decode((const uint8_t *)s, n, &w);
    ck_assert_msg(r == want && w == wantw, "decode %d bytes: got U+%04X/%d want U+%04X/%d", n,
                  (unsigned)r, w, (unsigned)want, wantw);
}

START_TEST(test_utf8_decode_valid)
{
    dec("A", 1, 'A', 1);
    dec("\x00", 1, 0, 1);
    dec("\xc3\xa9", 2, 0xE9, 2);
    dec("\xe2\x82\xac", 3, 0x20AC, 3);
    dec("\xf0\x9f\x98\x80", 4, 0x1F600, 4);
    dec("\xf4\x8f\xbf\xbf", 4, 0x10FFFF, 4);
    dec("\xef\xbf\xbd", 3, 0xFFFD, 3); /* a real U+FFFD is width 3 */
    dec("\x7f", 1, 0x7F, 1);
    dec("\xc2\x80", 2, 0x80, 2);
}
END_TEST

START_TEST(test_utf8_decode_invalid)
{
    dec("\x80", 1, 0xFFFD, 1);             /* lone continuation */
    dec("\xc0\x80", 2, 0xFFFD, 1);         /* overlong NUL */
    dec("\xc1\xbf", 2, 0xFFFD, 1);         /* overlong */
    dec("\xe0\x80\xaf", 3, 0xFFFD, 1);     /* overlong 3-byte */
    dec("\xf0\x80\x80\xaf", 4, 0xFFFD, 1); /* overlong 4-byte */
    dec("\xed\xa0\x80", 3, 0xFFFD, 1);     /* surrogate D800 */
    dec("\xed\xbf\xbf", 3, 0xFFFD, 1);     /* surrogate DFFF */
    dec("\xf4\x90\x80\x80", 4, 0xFFFD, 1); /* > U+10FFFF */
    dec("\xf5\x80\x80\x80", 4, 0xFFFD, 1);
    dec("\xff", 1, 0xFFFD, 1);
    dec("\xe2\x82", 2, 0xFFFD, 1);     /* truncated */
    dec("\xe2\x28\xa1", 3, 0xFFFD, 1); /* bad continuation */
    dec("\xf0\x9f\x98", 3, 0xFFFD, 1);
    int w = 7;
    ck_assert_int_eq(utf8_decode((const uint8_t *)"", 0, &w), 0xFFFD);
}
END_TEST

START_TEST(test_utf8_encode)
{
    uint8_t b[4];
    ck_assert_int_eq(utf8_encode('x', b), 1);
    ck_assert_int_eq(b[0], 'x');
    ck_assert_int_eq(utf8_encode(0xE9, b), 2);
    ck_assert(b[0] == 0xC3 && b[1] == 0xA9);
    ck_assert_int_eq(utf8_encode(0x20AC, b), 3);
    ck_assert(b[0] == 0xE2 && b[1] == 0x82 && b[2] == 0xAC);
    ck_assert_int_eq(utf8_encode(0x1F600, b), 4);
    ck_assert(b[0] == 0xF0 && b[3] == 0x80);
    /* invalid runes encode as U+FFFD */
    ck_assert_int_eq(utf8_encode(0xD800, b), 3);
    ck_assert(b[0] == 0xEF && b[1] == 0xBF && b[2] == 0xBD);
    ck_assert_int_eq(utf8_encode(0x110000, b), 3);
    ck_assert_int_eq(utf8_encode(-1, b), 3);
    ck_assert(b[0] == 0xEF);
    /* round trip over the whole range */
    for (int32_t r = 0; r <= 0x10FFFF; r += 7) {
        int n = utf8_encode(r, b), w;
        int32_t back = utf8_decode(b, n, &w);
        if (r >= 0xD800 && r <= 0xDFFF)
            ck_assert_int_eq(back, 0xFFFD);
        else
            ck_assert(back == r && w == n);
    }
}
END_TEST

START_TEST(test_concat_compare)
{
    String a = string_from_cstr("hello, "), b = string_from_cstr("world");
    String c = string_concat(a, b);
    ck_assert_int_eq(c.len, 12);
    ck_assert_str_eq(string_cstr(c), "hello, world");
    String empty = {NULL, 0};
    ck_assert(string_concat(empty, b).ptr == b.ptr); /* shares */
    ck_assert(string_concat(a, empty).ptr == a.ptr);
    ck_assert_int_eq(string_concat(empty, empty).len, 0);
    ck_assert_int_lt(string_compare(string_from_cstr("abc"), string_from_cstr("abd")), 0);
    ck_assert_int_gt(string_compare(string_from_cstr("b"), string_from_cstr("abc")), 0);
    ck_assert_int_lt(string_compare(string_from_cstr("ab"), string_from_cstr("abc")), 0);
    ck_assert_int_eq(string_compare(empty, string_from_cstr("")), 0);
    /* bytewise: a byte >= 0x80 sorts after ASCII */
    ck_assert_int_gt(string_compare(string_from_cstr("\xc3\xa9"), string_from_cstr("z")), 0);
    ck_assert(string_eq(string_from_bytes("a\0b", 3), string_from_bytes("a\0b", 3)));
    ck_assert(!string_eq(string_from_bytes("a\0b", 3), string_from_bytes("a\0c", 3)));
    ck_assert_int_eq(string_from_bytes("x", 0).len, 0);
    ck_assert_str_eq(string_cstr(empty), "");
}
END_TEST

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

START_TEST(test_equal_hash)
{
    Type *tstr = mk(KIND_STRING, 16, false), *tf = mk(KIND_FLOAT64, 8, true);
    Type *ti8 = mk(KIND_INT8, 1, true), *tany = mk(KIND_INTERFACE, 16, false);
    Type *tsl = mk(KIND_SLICE, 24, false);
    tsl->comparable = false;
    String x = string_from_cstr("same"), y = string_from_cstr("same");
    ck_assert(x.ptr != y.ptr);
    ck_assert(value_equal(tstr, &x, &y));
    ck_assert_uint_eq(value_hash(tstr, &x, 9), value_hash(tstr, &y, 9));
    ck_assert_uint_ne(value_hash(tstr, &x, 9), value_hash(tstr, &x, 10));
    double pz = 0.0, nz = -0.0, nan = NAN;
    ck_assert(value_equal(tf, &pz, &nz));
    ck_assert_uint_eq(value_hash(tf, &pz, 1), value_hash(tf, &nz, 1));
    ck_assert(!value_equal(tf, &nan, &nan));
    int8_t m1 = -1, m2 = -1;
    ck_assert(value_equal(ti8, &m1, &m2));
    /* interfaces: dynamic type and value */
    Iface a = iface_box(tstr, &x), b = iface_box(tstr, &y), n = {NULL, {0}};
    Iface c = iface_box(ti8, &m1);
    bool unc = false;
    ck_assert(iface_equal(&a, &b, &unc) && !unc);
    ck_assert(!iface_equal(&a, &c, &unc) && !unc);
    ck_assert(!iface_equal(&a, &n, &unc));
    ck_assert(iface_equal(&n, &n, &unc));
    ck_assert(value_equal(tany, &a, &b));
    Slice s = {0};
    Iface d = iface_box(tsl, &s), e = iface_box(tsl, &s);
    ck_assert(!iface_equal(&d, &e, &unc));
    ck_assert(unc); /* Go panics: comparing uncomparable type []T */
    /* a struct whose interface field holds a slice: Go panics on == */
    Type *ts = mk(KIND_STRUCT, 16, false);
    ts->nfields = 1;
    ts->fields = calloc(1, sizeof(Field));
    ts->fields[0] = (Field){"V", tany, 0, false, true};
    const Type *bad = NULL;
    ck_assert(!value_equal_checked(ts, &d, &e, &bad));
    ck_assert_ptr_eq(bad, tsl);
    ck_assert(value_equal_checked(ts, &a, &b, &bad));
    ck_assert_ptr_null(bad);
    /* boxing: direct types live in the word, others are copied */
    ck_assert_int_eq(c.word.i & 0xFF, 0xFF);
    ck_assert(a.word.p != &x);
    ck_assert(string_eq(*(String *)iface_data(&a), x));
}
END_TEST

/* heap_alloc_n: zeroed memory, large blocks too (cleared by giving pages
 * back), and the shared zero-size block. */
START_TEST(test_heap_alloc_n)
{
    ck_assert_ptr_nonnull(heap_alloc_n(0, 8, false));
    size_t n = (size_t)1 << 18; /* 2 MiB of int64: the large-block path */
    for (int round = 0; round < 3; round++) {
        int64_t *a = heap_alloc_n(n, 8, false);
        ck_assert_int_eq(a[0] | a[1] | a[n / 2] | a[n - 1], 0);
        a[0] = a[n / 2] = a[n - 1] = -1; /* dirty it for the next round's reuse */
        int64_t *p = heap_alloc_n(n + 3, 8, true);
        ck_assert_int_eq(p[0] | p[n + 2], 0);
    }
}
END_TEST

/* A request whose size overflows, or exceeds Go's maxAlloc, is Go's fatal
 * error (status 2), never a small block. Run in a child: it exits. */
static int exit_status_of(void (*fn)(void))
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 2);
        fn();
        _exit(0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}
static void alloc_overflow(void)
{
    heap_alloc_n(SIZE_MAX / 2, 4, false);
}
static void alloc_too_big(void)
{
    heap_alloc(((size_t)1 << 48) + 1);
}
static void crealloc_overflow(void)
{
    heap_crealloc(NULL, SIZE_MAX / 8, 16);
}

START_TEST(test_heap_out_of_memory)
{
    ck_assert_int_eq(exit_status_of(alloc_overflow), 2);
    ck_assert_int_eq(exit_status_of(alloc_too_big), 2);
    ck_assert_int_eq(exit_status_of(crealloc_overflow), 2);
    int *p = heap_crealloc(NULL, 4, sizeof(int));
    p[3] = 7;
    p = heap_crealloc(p, 1000, sizeof(int));
    ck_assert_int_eq(p[3], 7);
    free(p);
}
END_TEST

/* vm_grow_cap: Go's growth, and -1 (growslice's panic) past maxAlloc. */
START_TEST(test_grow_cap_limits)
{
    ck_assert_int_eq(vm_grow_cap(0, 1, 8), 1);
    ck_assert_int_eq(vm_grow_cap(4, 5, 8), 8);
    ck_assert_int_eq(vm_grow_cap(0, 5, 0), 5);
    ck_assert_int_eq(vm_grow_cap((int64_t)1 << 40, ((int64_t)1 << 40) + 1, 1024), -1);
    ck_assert_int_eq(vm_grow_cap(INT64_MAX / 2, INT64_MAX / 2 + 1, 8), -1);
    ck_assert_int_eq(vm_grow_cap(INT64_MAX - 1, INT64_MAX, 0), INT64_MAX);
}
END_TEST

int main(void)
{
    heap_init();
    Suite *s = suite_create("string");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_utf8_decode_valid);
    tcase_add_test(tc, test_utf8_decode_invalid);
    tcase_add_test(tc, test_utf8_encode);
    tcase_add_test(tc, test_concat_compare);
    tcase_add_test(tc, test_equal_hash);
    tcase_add_test(tc, test_heap_alloc_n);
    tcase_add_test(tc, test_heap_out_of_memory);
    tcase_add_test(tc, test_grow_cap_limits);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
