/* sort.c — package sort: Sort/Stable over sort.Interface in Go (insertion
 * sort on small blocks, then in-place merges by rotation: stable, so equal
 * elements keep their order), and natives for Ints/Strings/Float64s and
 * for Slice, which sorts a permutation with the script's less function and
 * then moves the elements once.
 *
 * less is called through vm_call_value while the slice is untouched, so a
 * less that reads x[i], x[j] sees the original elements at those indices;
 * the permutation is applied at the end. Must never call less after the
 * elements have started moving.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "native.h"

/* The package's Go source, stdlib/go/sort.go, as sort_source. */
#include "stdlib/sort_go.h"

static int sort_cmp_int(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int sort_cmp_string(const void *a, const void *b)
{
    return string_compare(*(const String *)a, *(const String *)b);
}

static int sort_cmp_float(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    if (isnan(x))
        return isnan(y) ? 0 : -1;
    if (isnan(y))
        return 1;
    return x < y ? -1 : x > y;
}

/* Ints(x []int) */
static NativeStatus sort_ints(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice s = nat_slice(args);
    if (s.len > 1)
        qsort(s.ptr, (size_t)s.len, 8, sort_cmp_int);
    return NATIVE_OK;
}

/* Strings(x []string) */
static NativeStatus sort_strings(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice s = nat_slice(args);
    if (s.len > 1)
        qsort(s.ptr, (size_t)s.len, sizeof(String), sort_cmp_string);
    return NATIVE_OK;
}

/* Float64s(x []float64) */
static NativeStatus sort_float64s(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice s = nat_slice(args);
    if (s.len > 1)
        qsort(s.ptr, (size_t)s.len, 8, sort_cmp_float);
    return NATIVE_OK;
}

/* The slice inside an `any` argument, or a panic as Go's reflect gives. */
static bool sort_slice_arg(NativeCtx *ctx, Iface x, Slice *s, const Type **elem)
{
    if (x.type == NULL || x.type->kind != KIND_SLICE)
        return false;
    memcpy(s, x.word.p, sizeof *s);
    *elem = x.type->elem;
    return true;
}

/* sliceLen(x any) int */
static NativeStatus sort_slice_len(NativeCtx *ctx, Slot *args, Slot *res)
{
    Iface x = nat_iface(args);
    Slice s;
    const Type *e;
    if (!sort_slice_arg(ctx, x, &s, &e)) {
        /* reflect's ValueError names the kind, as Go's panic does */
        char msg[120];
        snprintf(msg, sizeof msg, "reflect: call of Swapper on %s Value",
                 x.type ? type_kind_name(x.type->kind) : "zero");
        return native_panic_string(ctx, msg);
    }
    res[0].i = s.len;
    return NATIVE_OK;
}

typedef struct SortLess {
    NativeCtx *ctx;
    void *fn;
    const Type *fntype;
    bool panicked;
} SortLess;

static bool sort_less(SortLess *l, int64_t i, int64_t j)
{
    if (l->panicked)
        return false;
    Slot a[2] = {{.i = i}, {.i = j}}, r[1] = {{0}};
    if (!vm_call_value(l->ctx, l->fn, l->fntype, a, r)) {
        l->panicked = true;
        return false;
    }
    return (r[0].u & 1) != 0;
}

/* Stable merge sort of the permutation p[0..n) (tmp has room for n). */
static void sort_perm(SortLess *l, int64_t *p, int64_t *tmp, int64_t n)
{
    if (n < 2 || l->panicked)
        return;
    if (n <= 12) {
        for (int64_t i = 1; i < n; i++)
            for (int64_t j = i; j > 0 && sort_less(l, p[j], p[j - 1]); j--) {
                int64_t t = p[j];
                p[j] = p[j - 1];
                p[j - 1] = t;
            }
        return;
    }
    int64_t h = n / 2;
    sort_perm(l, p, tmp, h);
    sort_perm(l, p + h, tmp, n - h);
    if (!sort_less(l, p[h], p[h - 1]))
        return; /* already in order */
    memcpy(tmp, p, (size_t)h * sizeof *p);
    int64_t i = 0, j = h, k = 0;
    while (i < h && j < n) {
        if (sort_less(l, p[j], tmp[i]))
            p[k++] = p[j++];
        else
            p[k++] = tmp[i++];
    }
    while (i < h)
        p[k++] = tmp[i++];
}

/* Slice(x any, less func(i, j int) bool) */
static NativeStatus sort_slice(NativeCtx *ctx, Slot *args, Slot *res)
{
    Iface x = nat_iface(args);
    void *fn = args[2].p;
    Slice s;
    const Type *e;
    if (!sort_slice_arg(ctx, x, &s, &e))
        return sort_slice_len(ctx, args, res);
    if (s.len < 2)
        return NATIVE_OK;
    SortLess l = {ctx, fn, ctx->fntype->params[1], false};
    int64_t *p = heap_alloc_atomic(sizeof(int64_t) * (size_t)s.len);
    int64_t *tmp = heap_alloc_atomic(sizeof(int64_t) * (size_t)s.len);
    for (int64_t i = 0; i < s.len; i++)
        p[i] = i;
    sort_perm(&l, p, tmp, s.len);
    if (l.panicked)
        return NATIVE_PANIC;
    size_t es = e->size;
    uint8_t *copy =
        e->has_pointers ? heap_alloc(es * (size_t)s.len) : heap_alloc_atomic(es * (size_t)s.len);
    memcpy(copy, s.ptr, es * (size_t)s.len);
    for (int64_t i = 0; i < s.len; i++)
        memcpy((uint8_t *)s.ptr + (size_t)i * es, copy + (size_t)p[i] * es, es);
    return NATIVE_OK;
}

static const StdNative sort_natives[] = {
    {"Ints", sort_ints},          {"Strings", sort_strings}, {"Float64s", sort_float64s},
    {"sliceLen", sort_slice_len}, {"Slice", sort_slice},     {NULL, NULL},
};

const StdPackage stdlib_pkg_sort = {"sort", sort_source, sort_natives};
