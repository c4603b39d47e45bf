/* big.c — package math/big: the arithmetic of big.Int in C.
 *
 * An Int is Go's layout, struct { neg bool; abs nat }, where nat is a
 * []Word of 64-bit limbs, least significant first, normalised (no zero
 * limb on top; zero is the empty nat). Everything that loops over limbs is
 * here: add, subtract, schoolbook multiplication with Karatsuba above
 * BIG_KARATSUBA limbs, Knuth's algorithm D for division, shifts, bitwise
 * operations, conversion to and from text. What is built from those
 * (GCD, ModInverse, ProbablyPrime, Sqrt, Exp's sign rules, formatting) is
 * Go in stdlib/go/big.go.
 *
 * Methods follow Go: the receiver z receives the result and is returned,
 * and z may be the same Int as any operand. A result is computed where it
 * cannot overwrite an operand still to be read (into a per-thread scratch
 * area otherwise) and then stored in z's limbs, which are reused while
 * their capacity suffices, so a loop such as pidigits' allocates only when
 * its numbers outgrow their buffers.
 *
 * Must never keep a pointer to the scratch area in an Int, nor yield or
 * block in the middle of an operation (the scratch area is per thread).
 */
#include <stdlib.h>
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

#include "native.h"

/* The package's Go source, stdlib/go/big.go, as big_source. */
#include "stdlib/big_go.h"

typedef uint64_t Limb;
typedef unsigned __int128 Dlimb;

/* Go's Int, as laid out in memory (runtime/type.h: Go's amd64 layout). */
typedef struct BigInt {
    bool neg;
    Slice abs; /* of Limb */
} BigInt;

/* Operand size (in limbs of the shorter factor) from which Karatsuba
 * beats the schoolbook loop; measured around 30-50 on x86-64. */
#define BIG_KARATSUBA 40

static const char big_nil_msg[] = "invalid memory address or nil pointer dereference";

/* ---- the per-thread scratch area ---- */

/* Scratch memory for intermediate results: malloc'd, grown by doubling,
 * never freed (one per thread that ever did big arithmetic). Handed out
 * as a stack: big_scratch_mark/big_scratch_release bracket one
 * operation. */
static __thread Limb *big_scr;
static __thread size_t big_scr_cap, big_scr_top;

/* Chunks are allocated one by one with malloc when the stack is full so
 * that a pointer handed out earlier stays valid. */
typedef struct ScrChunk {
    struct ScrChunk *next;
    Limb data[];
} ScrChunk;
static __thread ScrChunk *big_scr_extra;

static Limb *big_tmp(size_t n)
{
    if (big_scr == NULL) {
        big_scr_cap = 1 << 14;
        big_scr = heap_crealloc(NULL, big_scr_cap, sizeof(Limb));
    }
    if (big_scr_top + n <= big_scr_cap) {
        Limb *p = big_scr + big_scr_top;
        big_scr_top += n;
        return p;
    }
    ScrChunk *c = heap_cmalloc(sizeof(ScrChunk) + n * sizeof(Limb));
    c->next = big_scr_extra;
    big_scr_extra = c;
    return c->data;
}

static size_t big_scratch_mark(void)
{
    return big_scr_top;
}

/* Releases everything taken since the mark; when overflow chunks were
 * needed the stack is regrown so that the next operation fits in it. */
static void big_scratch_release(size_t mark)
{
    big_scr_top = mark;
    if (mark == 0 && big_scr_extra != NULL) {
        while (big_scr_extra) {
            ScrChunk *c = big_scr_extra;
            big_scr_extra = c->next;
            free(c);
        }
        free(big_scr);
        big_scr_cap *= 4;
        big_scr = heap_crealloc(NULL, big_scr_cap, sizeof(Limb));
    }
}

/* ---- natural numbers: arrays of limbs ---- */

static inline size_t n_norm(const Limb *a, size_t n)
{
    while (n > 0 && a[n - 1] == 0)
        n--;
    return n;
}

static int n_cmp(const Limb *a, size_t an, const Limb *b, size_t bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    for (size_t i = an; i-- > 0;)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* z = a + b over n limbs plus carry in; returns the carry out. z may be a
 * or b (each limb is read before the same limb is written). */
#if defined(__x86_64__)
/* The carry chain as adc/sbb instructions (the compiler does not find
 * them in the portable form), four limbs per iteration. */
static Limb n_add_n(Limb *z, const Limb *a, const Limb *b, size_t n, Limb c)
{
    unsigned char cf = (unsigned char)c;
    unsigned long long *zz = (unsigned long long *)z;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        cf = _addcarry_u64(cf, a[i], b[i], zz + i);
        cf = _addcarry_u64(cf, a[i + 1], b[i + 1], zz + i + 1);
        cf = _addcarry_u64(cf, a[i + 2], b[i + 2], zz + i + 2);
        cf = _addcarry_u64(cf, a[i + 3], b[i + 3], zz + i + 3);
    }
    for (; i < n; i++)
        cf = _addcarry_u64(cf, a[i], b[i], zz + i);
    return cf;
}

static Limb n_sub_n(Limb *z, const Limb *a, const Limb *b, size_t n, Limb borrow)
{
    unsigned char cf = (unsigned char)borrow;
    unsigned long long *zz = (unsigned long long *)z;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        cf = _subborrow_u64(cf, a[i], b[i], zz + i);
        cf = _subborrow_u64(cf, a[i + 1], b[i + 1], zz + i + 1);
        cf = _subborrow_u64(cf, a[i + 2], b[i + 2], zz + i + 2);
        cf = _subborrow_u64(cf, a[i + 3], b[i + 3], zz + i + 3);
    }
    for (; i < n; i++)
        cf = _subborrow_u64(cf, a[i], b[i], zz + i);
    return cf;
}
#else
static Limb n_add_n(Limb *z, const Limb *a, const Limb *b, size_t n, Limb c)
{
    for (size_t i = 0; i < n; i++) {
        Dlimb s = (Dlimb)a[i] + b[i] + c;
        z[i] = (Limb)s;
        c = (Limb)(s >> 64);
    }
    return c;
}

static Limb n_sub_n(Limb *z, const Limb *a, const Limb *b, size_t n, Limb borrow)
{
    for (size_t i = 0; i < n; i++) {
        Limb x = a[i], y = b[i];
        Limb d = x - y - borrow;
        borrow = (x < y) | ((x == y) & borrow);
        z[i] = d;
    }
    return borrow;
}
#endif

/* z[0..n) = a[0..n) + c; returns the carry. */
static Limb n_add_1(Limb *z, const Limb *a, size_t n, Limb c)
{
    size_t i = 0;
    for (; i < n && c; i++) {
        Limb s = a[i] + c;
        c = s < c;
        z[i] = s;
    }
    /* the carry died out: the rest is a copy (nothing when in place) */
    if (z != a && i < n)
        memmove(z + i, a + i, (n - i) * sizeof(Limb));
    return c;
}

static Limb n_sub_1(Limb *z, const Limb *a, size_t n, Limb b)
{
    size_t i = 0;
    for (; i < n && b; i++) {
        Limb x = a[i];
        z[i] = x - b;
        b = x < b;
    }
    if (z != a && i < n)
        memmove(z + i, a + i, (n - i) * sizeof(Limb));
    return b;
}

/* z = a + b, an >= bn; z has room for an + 1 limbs; returns the length. */
static size_t n_add(Limb *z, const Limb *a, size_t an, const Limb *b, size_t bn)
{
    Limb c = n_add_n(z, a, b, bn, 0);
    c = n_add_1(z + bn, a + bn, an - bn, c);
    z[an] = c;
    return an + (c != 0);
}

/* z = a - b, a >= b; returns the normalised length. */
static size_t n_sub(Limb *z, const Limb *a, size_t an, const Limb *b, size_t bn)
{
    Limb br = n_sub_n(z, a, b, bn, 0);
    n_sub_1(z + bn, a + bn, an - bn, br);
    return n_norm(z, an);
}

/* z = a * w + c over n limbs; returns the carry limb. z may be a. */
static Limb n_mul_1(Limb *z, const Limb *a, size_t n, Limb w, Limb c)
{
    size_t i = 0;
    /* two limbs per iteration: the products are independent, only the
     * carry chains them */
    for (; i + 2 <= n; i += 2) {
        Dlimb p0 = (Dlimb)a[i] * w, p1 = (Dlimb)a[i + 1] * w;
        p0 += c;
        z[i] = (Limb)p0;
        p1 += (Limb)(p0 >> 64);
        z[i + 1] = (Limb)p1;
        c = (Limb)(p1 >> 64);
    }
    for (; i < n; i++) {
        Dlimb p = (Dlimb)a[i] * w + c;
        z[i] = (Limb)p;
        c = (Limb)(p >> 64);
    }
    return c;
}

/* z += a * w over n limbs; returns the carry limb. */
static Limb n_addmul_1(Limb *z, const Limb *a, size_t n, Limb w)
{
    Limb c = 0;
    for (size_t i = 0; i < n; i++) {
        Dlimb p = (Dlimb)a[i] * w + z[i] + c;
        z[i] = (Limb)p;
        c = (Limb)(p >> 64);
    }
    return c;
}

/* z -= a * w over n limbs; returns the borrow limb. */
static Limb n_submul_1(Limb *z, const Limb *a, size_t n, Limb w)
{
    Limb c = 0;
    for (size_t i = 0; i < n; i++) {
        Dlimb p = (Dlimb)a[i] * w + c;
        Limb lo = (Limb)p;
        c = (Limb)(p >> 64);
        Limb x = z[i];
        z[i] = x - lo;
        c += x < lo;
    }
    return c;
}

/* z[0..an+bn) = a * b, schoolbook; z must not overlap a or b. */
static void n_mul_basecase(Limb *z, const Limb *a, size_t an, const Limb *b, size_t bn)
{
    z[an] = n_mul_1(z, a, an, b[0], 0);
    for (size_t j = 1; j < bn; j++)
        z[an + j] = n_addmul_1(z + j, a, an, b[j]);
}

static void n_mul(Limb *z, const Limb *a, size_t an, const Limb *b, size_t bn);

/* z[0..2n) = a * b, both n limbs, by Karatsuba's subtractive form:
 * with a = a1·B^m + a0 and b likewise, a·b = z2·B^2m + (z0 + z2 - (a1-a0)(b1-b0))·B^m + z0.
 * The middle term is never negative, so it is assembled from absolute
 * differences and a sign. z must not overlap a or b. */
static void n_kmul(Limb *z, const Limb *a, const Limb *b, size_t n)
{
    if (n < BIG_KARATSUBA) {
        n_mul_basecase(z, a, n, b, n);
        return;
    }
    size_t m = n / 2, h = n - m; /* low halves m limbs, high halves h >= m */
    size_t mark = big_scratch_mark();
    const Limb *a0 = a, *a1 = a + m, *b0 = b, *b1 = b + m;
    /* z0 = a0*b0 in z[0..2m), z2 = a1*b1 in z[2m..2n). */
    n_kmul(z, a0, b0, m);
    n_kmul(z + 2 * m, a1, b1, h);
    /* da = |a1 - a0|, db = |b1 - b0| over h limbs (a0, b0 padded). */
    Limb *da = big_tmp(h), *db = big_tmp(h), *t = big_tmp(2 * h + 1);
    int sa = 1, sb = 1;
    Limb *a0p = big_tmp(h), *b0p = big_tmp(h);
    memcpy(a0p, a0, m * sizeof(Limb));
    memcpy(b0p, b0, m * sizeof(Limb));
    if (h > m)
        a0p[m] = 0, b0p[m] = 0;
    if (n_cmp(a1, h, a0p, h) >= 0) {
        n_sub_n(da, a1, a0p, h, 0);
    } else {
        n_sub_n(da, a0p, a1, h, 0);
        sa = -1;
    }
    if (n_cmp(b1, h, b0p, h) >= 0) {
        n_sub_n(db, b1, b0p, h, 0);
    } else {
        n_sub_n(db, b0p, b1, h, 0);
        sb = -1;
    }
    n_kmul(t, da, db, h); /* t[0..2h) */
    /* mid = z0 + z2 (2h + 1 limbs) then -/+ t. */
    Limb *mid = big_tmp(2 * h + 1);
    memcpy(mid, z, 2 * m * sizeof(Limb));
    memset(mid + 2 * m, 0, (2 * h + 1 - 2 * m) * sizeof(Limb));
    Limb c = n_add_n(mid, mid, z + 2 * m, 2 * h, 0);
    mid[2 * h] = c;
    t[2 * h] = 0;
    if (sa * sb > 0)
        n_sub_n(mid, mid, t, 2 * h + 1, 0);
    else
        n_add_n(mid, mid, t, 2 * h + 1, 0);
    /* z += mid · B^m; mid has at most 2h+1 limbs and z has 2n = 2m+2h. */
    size_t ml = n_norm(mid, 2 * h + 1);
    if (ml > 0) {
        Limb cc = n_add_n(z + m, z + m, mid, ml, 0);
        if (cc)
            n_add_1(z + m + ml, z + m + ml, 2 * n - m - ml, cc);
    }
    big_scratch_release(mark);
}

/* z[0..an+bn) = a * b for any sizes; z must not overlap a or b. */
static void n_mul(Limb *z, const Limb *a, size_t an, const Limb *b, size_t bn)
{
    if (an < bn) {
        const Limb *t = a;
        a = b, b = t;
        size_t tn = an;
        an = bn, bn = tn;
    }
    if (bn == 0) {
        memset(z, 0, an * sizeof(Limb));
        return;
    }
    if (bn < BIG_KARATSUBA) {
        n_mul_basecase(z, a, an, b, bn);
        return;
    }
    size_t mark = big_scratch_mark();
    if (an == bn) {
        n_kmul(z, a, b, an);
    } else if (an < 2 * bn) {
        /* Close sizes: pad b to a's length (the padding costs less than
         * it saves by staying in one Karatsuba recursion). */
        Limb *bp = big_tmp(an), *zz = big_tmp(2 * an);
        memcpy(bp, b, bn * sizeof(Limb));
        memset(bp + bn, 0, (an - bn) * sizeof(Limb));
        n_kmul(zz, a, bp, an);
        memcpy(z, zz, (an + bn) * sizeof(Limb));
    } else {
        /* Unbalanced: a in bn-limb pieces, each piece times b. */
        Limb *t = big_tmp(2 * bn);
        memset(z, 0, (an + bn) * sizeof(Limb));
        for (size_t i = 0; i < an; i += bn) {
            size_t k = an - i < bn ? an - i : bn;
            n_mul(t, a + i, k, b, bn);
            Limb c = n_add_n(z + i, z + i, t, k + bn, 0);
            if (c)
                n_add_1(z + i + k + bn, z + i + k + bn, an + bn - i - k - bn, c);
        }
    }
    big_scratch_release(mark);
}

/* q = a / w, returns a % w; q may be a. */
static Limb n_divmod_1(Limb *q, const Limb *a, size_t n, Limb w)
{
    Limb r = 0;
    for (size_t i = n; i-- > 0;) {
        Dlimb x = ((Dlimb)r << 64) | a[i];
        q[i] = (Limb)(x / w);
        r = (Limb)(x % w);
    }
    return r;
}

/* z = a << s for 0 <= s < 64 over n limbs; returns the bits shifted out.
 * Written from the top, so z >= a (in place, or shifted up) works. */
static Limb n_shl(Limb *z, const Limb *a, size_t n, unsigned s)
{
    if (n == 0)
        return 0;
    if (s == 0) {
        memmove(z, a, n * sizeof(Limb));
        return 0;
    }
    Limb out = a[n - 1] >> (64 - s);
    for (size_t i = n - 1; i > 0; i--)
        z[i] = (a[i] << s) | (a[i - 1] >> (64 - s));
    z[0] = a[0] << s;
    return out;
}

/* z = a >> s for 0 <= s < 64 over n limbs; written from the bottom, so
 * z <= a works. */
static void n_shr(Limb *z, const Limb *a, size_t n, unsigned s)
{
    if (n == 0)
        return;
    if (s == 0) {
        memmove(z, a, n * sizeof(Limb));
        return;
    }
    for (size_t i = 0; i + 1 < n; i++)
        z[i] = (a[i] >> s) | (a[i + 1] << (64 - s));
    z[n - 1] = a[n - 1] >> s;
}

/* Knuth's algorithm D (TAOCP 4.3.1): q = u / v, r = u % v, with
 * un >= vn >= 2 and v normalised. q gets un - vn + 1 limbs, r vn limbs
 * (neither normalised). u is not modified. */
static void n_divmod(Limb *q, Limb *r, const Limb *u, size_t un, const Limb *v, size_t vn)
{
    size_t mark = big_scratch_mark();
    unsigned s = (unsigned)__builtin_clzll(v[vn - 1]);
    Limb *vv = big_tmp(vn), *uu = big_tmp(un + 1);
    n_shl(vv, v, vn, s);
    uu[un] = n_shl(uu, u, un, s);
    Limb v1 = vv[vn - 1], v2 = vv[vn - 2];
    for (size_t j = un - vn + 1; j-- > 0;) {
        /* Estimate q̂ from the top two limbs of the window, corrected with
         * the next limb so that it is at most one too large. */
        Limb u0 = uu[j + vn], u1 = uu[j + vn - 1], u2 = uu[j + vn - 2];
        Limb qhat, rhat;
        bool rover = false;
        if (u0 >= v1) {
            qhat = ~(Limb)0;
            /* rhat = u0·B + u1 - qhat·v1 = u1 + v1 when u0 == v1 */
            Dlimb rr = ((Dlimb)u0 << 64 | u1) - (Dlimb)qhat * v1;
            rover = (rr >> 64) != 0;
            rhat = (Limb)rr;
        } else {
            Dlimb num = (Dlimb)u0 << 64 | u1;
            qhat = (Limb)(num / v1);
            rhat = (Limb)(num % v1);
        }
        while (!rover && (Dlimb)qhat * v2 > ((Dlimb)rhat << 64 | u2)) {
            qhat--;
            Limb nr = rhat + v1;
            rover = nr < rhat;
            rhat = nr;
        }
        Limb borrow = n_submul_1(uu + j, vv, vn, qhat);
        Limb top = uu[j + vn];
        uu[j + vn] = top - borrow;
        if (top < borrow) {
            /* q̂ was one too large: add v back. */
            qhat--;
            Limb c = n_add_n(uu + j, uu + j, vv, vn, 0);
            uu[j + vn] += c;
        }
        q[j] = qhat;
    }
    n_shr(r, uu, vn, s);
    big_scratch_release(mark);
}

/* ---- Ints ---- */

static inline Limb *bi_d(const BigInt *x)
{
    return x->abs.ptr;
}
static inline size_t bi_n(const BigInt *x)
{
    return (size_t)x->abs.len;
}

/* Makes room for n limbs in z (keeping none of its value) and returns
 * them. A new buffer gets a quarter more than asked: numbers in a loop
 * tend to grow a little at a time. */
static Limb *bi_room(BigInt *z, size_t n)
{
    if ((size_t)z->abs.cap < n) {
        size_t c = n + n / 4 + 4;
        z->abs.ptr = heap_alloc_atomic(c * sizeof(Limb));
        z->abs.cap = (int64_t)c;
    }
    return z->abs.ptr;
}

/* Stores n limbs from p (may be z's own limbs) in z and normalises. */
static void bi_store(BigInt *z, const Limb *p, size_t n, bool neg)
{
    n = n_norm(p, n);
    if (p != z->abs.ptr && n) { /* n == 0: p may be NULL, nothing to copy */
        Limb *d = bi_room(z, n);
        memmove(d, p, n * sizeof(Limb));
    }
    z->abs.len = (int64_t)n;
    z->neg = n > 0 && neg;
}

static void bi_set_u64(BigInt *z, uint64_t v, bool neg)
{
    if (v == 0) {
        z->abs.len = 0;
        z->neg = false;
        return;
    }
    Limb *d = bi_room(z, 1);
    d[0] = v;
    z->abs.len = 1;
    z->neg = neg;
}

static void bi_set(BigInt *z, const BigInt *x)
{
    if (z != x)
        bi_store(z, bi_d(x), bi_n(x), x->neg);
}

/* z = |x| + |y| with sign neg (z may be x or y). */
static void bi_add_abs(BigInt *z, const BigInt *x, const BigInt *y, bool neg)
{
    if (bi_n(x) < bi_n(y)) {
        const BigInt *t = x;
        x = y, y = t;
    }
    size_t an = bi_n(x), bn = bi_n(y);
    Limb *a = bi_d(x), *b = bi_d(y);
    size_t mark = big_scratch_mark();
    Limb *d;
    if ((size_t)z->abs.cap >= an + 1 && (z->abs.ptr == a || z->abs.ptr == b || (z != x && z != y)))
        d = z->abs.ptr; /* same base or disjoint: safe in place */
    else
        d = big_tmp(an + 1);
    size_t n = n_add(d, a, an, b, bn);
    bi_store(z, d, n, neg);
    big_scratch_release(mark);
}

/* z = |x| - |y| with |x| >= |y|, sign neg. */
static void bi_sub_abs(BigInt *z, const BigInt *x, const BigInt *y, bool neg)
{
    size_t an = bi_n(x), bn = bi_n(y);
    Limb *a = bi_d(x), *b = bi_d(y);
    size_t mark = big_scratch_mark();
    Limb *d;
    if ((size_t)z->abs.cap >= an && (z->abs.ptr == a || z->abs.ptr == b || (z != x && z != y)))
        d = z->abs.ptr;
    else
        d = big_tmp(an ? an : 1);
    size_t n = n_sub(d, a, an, b, bn);
    bi_store(z, d, n, neg);
    big_scratch_release(mark);
}

/* z = x + y, or x - y when sub. */
static void bi_addsub(BigInt *z, const BigInt *x, const BigInt *y, bool sub)
{
    bool yneg = y->neg != sub;
    if (x->neg == yneg) {
        bi_add_abs(z, x, y, x->neg);
        return;
    }
    int c = n_cmp(bi_d(x), bi_n(x), bi_d(y), bi_n(y));
    if (c >= 0)
        bi_sub_abs(z, x, y, x->neg);
    else
        bi_sub_abs(z, y, x, yneg);
}

static void bi_mul(BigInt *z, const BigInt *x, const BigInt *y)
{
    size_t an = bi_n(x), bn = bi_n(y);
    bool neg = x->neg != y->neg;
    if (an == 0 || bn == 0) {
        bi_set_u64(z, 0, false);
        return;
    }
    Limb *a = bi_d(x), *b = bi_d(y);
    if (bn == 1 || an == 1) {
        /* One limb: in place even when z is an operand. */
        if (an == 1) {
            Limb *t = a;
            a = b, b = t;
            size_t tn = an;
            an = bn, bn = tn;
        }
        Limb w = b[0];
        size_t mark = big_scratch_mark();
        Limb *d;
        if ((size_t)z->abs.cap >= an + 1 && (z->abs.ptr == a || (z != x && z != y)))
            d = z->abs.ptr;
        else
            d = big_tmp(an + 1);
        d[an] = n_mul_1(d, a, an, w, 0);
        bi_store(z, d, an + 1, neg);
        big_scratch_release(mark);
        return;
    }
    size_t mark = big_scratch_mark();
    Limb *d;
    if ((size_t)z->abs.cap >= an + bn && z != x && z != y)
        d = z->abs.ptr;
    else
        d = big_tmp(an + bn);
    n_mul(d, a, an, b, bn);
    bi_store(z, d, an + bn, neg);
    big_scratch_release(mark);
}

/* Truncated division: q = x / y, r = x % y (either may be NULL; q and r
 * may be any of the operands). Returns false on division by zero. */
static bool bi_quorem(BigInt *q, BigInt *r, const BigInt *x, const BigInt *y)
{
    size_t un = bi_n(x), vn = bi_n(y);
    if (vn == 0)
        return false;
    bool qneg = x->neg != y->neg, rneg = x->neg;
    size_t mark = big_scratch_mark();
    if (n_cmp(bi_d(x), un, bi_d(y), vn) < 0) {
        /* |x| < |y|: q = 0, r = x. */
        if (r)
            bi_set(r, x);
        if (q && q != r)
            bi_set_u64(q, 0, false);
        big_scratch_release(mark);
        return true;
    }
    Limb *qd = big_tmp(un - vn + 1), *rd = big_tmp(vn);
    if (vn == 1) {
        rd[0] = n_divmod_1(qd, bi_d(x), un, bi_d(y)[0]);
    } else {
        n_divmod(qd, rd, bi_d(x), un, bi_d(y), vn);
    }
    if (q)
        bi_store(q, qd, un - vn + 1, qneg);
    if (r && r != q)
        bi_store(r, rd, vn, rneg);
    big_scratch_release(mark);
    return true;
}

/* Euclidean division (Go's DivMod): m = x mod |y| in [0, |y|), and
 * x = q·y + m. */
static bool bi_divmod(BigInt *q, BigInt *m, const BigInt *x, const BigInt *y)
{
    /* y may be q or m: keep a copy of its value. */
    size_t mark = big_scratch_mark();
    BigInt yc = *y;
    if (y == q || y == m) {
        Limb *t = big_tmp(bi_n(y) ? bi_n(y) : 1);
        memcpy(t, bi_d(y), bi_n(y) * sizeof(Limb));
        yc.abs.ptr = t;
        yc.abs.cap = yc.abs.len;
    }
    BigInt mm = {0}, *mp = m ? m : &mm;
    if (!bi_quorem(q, mp, x, &yc)) {
        big_scratch_release(mark);
        return false;
    }
    if (mp->neg) {
        if (yc.neg) {
            if (q) {
                BigInt one = {false, {&(Limb){1}, 1, 1}};
                bi_addsub(q, q, &one, false);
            }
            bi_addsub(mp, mp, &yc, true);
        } else {
            if (q) {
                BigInt one = {false, {&(Limb){1}, 1, 1}};
                bi_addsub(q, q, &one, true);
            }
            bi_addsub(mp, mp, &yc, false);
        }
    }
    big_scratch_release(mark);
    return true;
}

static void bi_lsh(BigInt *z, const BigInt *x, uint64_t s)
{
    size_t n = bi_n(x);
    if (n == 0) {
        bi_set_u64(z, 0, false);
        return;
    }
    size_t w = (size_t)(s / 64), nn = n + w + 1;
    size_t mark = big_scratch_mark();
    Limb *d = (size_t)z->abs.cap >= nn ? bi_room(z, nn) : big_tmp(nn);
    /* Written from the top, so z == x (same base, d >= a) is safe. */
    d[n + w] = n_shl(d + w, bi_d(x), n, (unsigned)(s % 64));
    memset(d, 0, w * sizeof(Limb));
    bi_store(z, d, nn, x->neg);
    big_scratch_release(mark);
}

/* Go's Rsh is an arithmetic shift: a negative x rounds toward -inf. */
static void bi_rsh(BigInt *z, const BigInt *x, uint64_t s)
{
    size_t n = bi_n(x), w = (size_t)(s / 64);
    if (w >= n) {
        bi_set_u64(z, x->neg ? 1 : 0, x->neg);
        return;
    }
    bool lost = false;
    if (x->neg) {
        for (size_t i = 0; i < w && !lost; i++)
            lost = bi_d(x)[i] != 0;
        if (!lost && s % 64)
            lost = (bi_d(x)[w] & (((Limb)1 << (s % 64)) - 1)) != 0;
    }
    size_t nn = n - w;
    size_t mark = big_scratch_mark();
    Limb *d = big_tmp(nn + 1);
    n_shr(d, bi_d(x) + w, nn, (unsigned)(s % 64));
    d[nn] = 0;
    if (lost)
        n_add_1(d, d, nn + 1, 1);
    bi_store(z, d, nn + 1, x->neg);
    big_scratch_release(mark);
}

/* ---- text ---- */

static int digit_val(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 36;
    return 99;
}

/* Go's SetString: optional sign, then digits in base (2..62; 0 means a
 * prefix chooses: 0x 0o 0b 0, and underscores may separate digits). For
 * base <= 36 letters of either case are the same digit. */
static bool bi_set_string(BigInt *z, String s, int base)
{
    const uint8_t *p = s.ptr, *end = s.ptr + s.len;
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    bool under = false;
    if (base == 0) {
        base = 10;
        under = true;
        if (p < end && *p == '0') {
            if (p + 1 < end && (p[1] == 'x' || p[1] == 'X'))
                base = 16, p += 2;
            else if (p + 1 < end && (p[1] == 'o' || p[1] == 'O'))
                base = 8, p += 2;
            else if (p + 1 < end && (p[1] == 'b' || p[1] == 'B'))
                base = 2, p += 2;
            else if (p + 1 < end)
                base = 8, p += 1; /* the '0' itself is a valid digit */
        }
    }
    if (base < 2 || base > 62)
        return false;
    /* Digits accumulate in a limb (chunk) until one more would overflow
     * it, then z = z·base^k + chunk. */
    size_t cap = (size_t)(end - p) / 8 + 2, n = 0;
    size_t mark = big_scratch_mark();
    Limb *d = big_tmp(cap);
    Limb chunk = 0, mult = 1;
    Limb lim = ~(Limb)0 / (Limb)base;
    int ndig = 0;
    bool prev_under = false;
    for (; p < end; p++) {
        if (*p == '_' && under) {
            if (prev_under || ndig == 0) {
                big_scratch_release(mark);
                return false;
            }
            prev_under = true;
            continue;
        }
        int v = digit_val(*p);
        if (base <= 36 && v >= 36)
            v -= 26;
        if (v >= base) {
            big_scratch_release(mark);
            return false;
        }
        prev_under = false;
        chunk = chunk * (Limb)base + (Limb)v;
        mult *= (Limb)base;
        ndig++;
        if (mult > lim) {
            Limb c = n_mul_1(d, d, n, mult, chunk);
            if (c)
                d[n++] = c;
            chunk = 0, mult = 1;
        }
    }
    if (ndig == 0 || prev_under) {
        big_scratch_release(mark);
        return false;
    }
    if (mult > 1) {
        Limb c = n_mul_1(d, d, n, mult, chunk);
        if (c)
            d[n++] = c;
    }
    bi_store(z, d, n, neg);
    big_scratch_release(mark);
    return true;
}

static const char big_digits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* The digits of |x| in base (2..62), most significant first, without sign;
 * "0" for zero. Power-of-two bases read the bits directly; others divide
 * by the largest power of the base that fits in a limb. */
static String bi_text(const BigInt *x, int base, bool upper)
{
    size_t n = bi_n(x);
    if (n == 0)
        return string_from_bytes("0", 1);
    const char *digs = big_digits;
    char updigs[37];
    if (upper && base <= 36) {
        for (int i = 0; i < 36; i++)
            updigs[i] = (char)(i < 10 ? '0' + i : 'A' + i - 10);
        updigs[36] = 0;
        digs = updigs;
    }
    size_t mark = big_scratch_mark();
    size_t maxd = n * 64 + 1;
    char *out = (char *)big_tmp(maxd / 8 + 1);
    size_t k = maxd; /* digits are written backwards from out[maxd] */
    if ((base & (base - 1)) == 0) {
        unsigned bits = (unsigned)__builtin_ctz((unsigned)base);
        uint64_t total = (uint64_t)(n - 1) * 64 + (64 - (unsigned)__builtin_clzll(bi_d(x)[n - 1]));
        for (uint64_t pos = 0; pos < total; pos += bits) {
            size_t li = (size_t)(pos / 64);
            unsigned off = (unsigned)(pos % 64);
            Limb v = bi_d(x)[li] >> off;
            if (off + bits > 64 && li + 1 < n)
                v |= bi_d(x)[li + 1] << (64 - off);
            out[--k] = digs[v & ((Limb)base - 1)];
        }
    } else {
        Limb big = base;
        int per = 1;
        while (big <= ~(Limb)0 / (Limb)base)
            big *= (Limb)base, per++;
        Limb *t = big_tmp(n);
        memcpy(t, bi_d(x), n * sizeof(Limb));
        size_t tn = n;
        while (tn > 0) {
            Limb r = n_divmod_1(t, t, tn, big);
            tn = n_norm(t, tn);
            for (int i = 0; i < per && (tn > 0 || r > 0); i++) {
                out[--k] = digs[r % (Limb)base];
                r /= (Limb)base;
            }
        }
    }
    String s = string_from_bytes(out + k, (int64_t)(maxd - k));
    big_scratch_release(mark);
    return s;
}

/* ---- natives ---- */

#define BIG_ARG(i) ((BigInt *)args[i].p)
#define BIG_CHECK(...)                                                                             \
    do {                                                                                           \
        const void *ptrs_[] = {__VA_ARGS__};                                                       \
        for (size_t k_ = 0; k_ < sizeof ptrs_ / sizeof ptrs_[0]; k_++)                             \
            if (ptrs_[k_] == NULL)                                                                 \
                return native_panic_error(ctx, big_nil_msg);                                       \
    } while (0)

static NativeStatus nat_set_int64(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *z = BIG_ARG(0);
    int64_t v = args[1].i;
    BIG_CHECK(z);
    bi_set_u64(z, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0);
    res[0].p = z;
    return NATIVE_OK;
}

static NativeStatus nat_set_uint64(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *z = BIG_ARG(0);
    BIG_CHECK(z);
    bi_set_u64(z, args[1].u, false);
    res[0].p = z;
    return NATIVE_OK;
}

static NativeStatus nat_set(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *z = BIG_ARG(0), *x = BIG_ARG(1);
    BIG_CHECK(z, x);
    bi_set(z, x);
    res[0].p = z;
    return NATIVE_OK;
}

static NativeStatus nat_add(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *z = BIG_ARG(0), *x = BIG_ARG(1), *y = BIG_ARG(2);
    BIG_CHECK(z, x, y);
    bi_addsub(z, x, y, false);
    res[0].p = z;
    return NATIVE_OK;
}

static NativeStatus nat_sub(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *z = BIG_ARG(0), *x = BIG_ARG(1), *y = BIG_ARG(2);
    BIG_CHECK(z, x, y);
    bi_addsub(z, x, y, true);
    res[0].p = z;
    return NATIVE_OK;
}

static NativeStatus nat_mul(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *z = BIG_ARG(0), *x = BIG_ARG(1), *y = BIG_ARG(2);
    BIG_CHECK(z, x, y);
    bi_mul(z, x, y);
    res[0].p = z;
    return NATIVE_OK;
}

static const char big_divzero[] = "division by zero";

/* quo(z, x, y, r *Int, euclid bool): the one division entry of big.go:
 * Quo/Rem/QuoRem (truncated) and Div/Mod/DivMod (Euclidean); z or r may
 * be nil when that result is not wanted. */
static NativeStatus nat_divide(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *z = BIG_ARG(0), *x = BIG_ARG(1), *y = BIG_ARG(2), *r = BIG_ARG(3);
    bool euclid = args[4].u & 1;
    (void)res;
    BIG_CHECK(x, y);
    bool ok = euclid ? bi_divmod(z, r, x, y) : bi_quorem(z, r, x, y);
    if (!ok)
        return native_panic_string(ctx, big_divzero);
    return NATIVE_OK;
}

static NativeStatus nat_cmp(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *x = BIG_ARG(0), *y = BIG_ARG(1);
    BIG_CHECK(x, y);
    int c;
    if (x->neg != y->neg)
        c = x->neg ? -1 : 1;
    else {
        c = n_cmp(bi_d(x), bi_n(x), bi_d(y), bi_n(y));
        if (x->neg)
            c = -c;
    }
    res[0].i = c;
    return NATIVE_OK;
}

static NativeStatus nat_cmp_abs(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *x = BIG_ARG(0), *y = BIG_ARG(1);
    BIG_CHECK(x, y);
    res[0].i = n_cmp(bi_d(x), bi_n(x), bi_d(y), bi_n(y));
    return NATIVE_OK;
}

static NativeStatus nat_lsh(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *z = BIG_ARG(0), *x = BIG_ARG(1);
    BIG_CHECK(z, x);
    bi_lsh(z, x, args[2].u);
    res[0].p = z;
    return NATIVE_OK;
}

static NativeStatus nat_rsh(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *z = BIG_ARG(0), *x = BIG_ARG(1);
    BIG_CHECK(z, x);
    bi_rsh(z, x, args[2].u);
    res[0].p = z;
    return NATIVE_OK;
}

static NativeStatus nat_int64(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *x = BIG_ARG(0);
    BIG_CHECK(x);
    uint64_t v = bi_n(x) ? bi_d(x)[0] : 0;
    res[0].u = x->neg ? -v : v;
    return NATIVE_OK;
}

static NativeStatus nat_bit_len(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *x = BIG_ARG(0);
    BIG_CHECK(x);
    size_t n = bi_n(x);
    res[0].i = n ? (int64_t)((n - 1) * 64 + (64 - (size_t)__builtin_clzll(bi_d(x)[n - 1]))) : 0;
    return NATIVE_OK;
}

/* text(x *Int, base int, upper bool) string: digits of |x|. */
static NativeStatus nat_text(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *x = BIG_ARG(0);
    int64_t base = args[1].i;
    bool upper = args[2].u & 1;
    BIG_CHECK(x);
    if (base < 2 || base > 62)
        return native_panic_string(ctx, "invalid base");
    nat_set_str(res, bi_text(x, (int)base, upper));
    return NATIVE_OK;
}

/* setString(z *Int, s string, base int) bool */
static NativeStatus nat_set_string(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *z = BIG_ARG(0);
    String s = nat_str(args + 1);
    int64_t base = args[3].i;
    BIG_CHECK(z);
    res[0].u = bi_set_string(z, s, (int)base);
    return NATIVE_OK;
}

/* bitwise(z, x, y *Int, op int): z = |x| op |y| for op 0 and, 1 or,
 * 2 xor, 3 and-not; big.go reduces signed operands to these. */
static NativeStatus nat_bitwise(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *z = BIG_ARG(0), *x = BIG_ARG(1), *y = BIG_ARG(2);
    int op = (int)args[3].i;
    (void)res;
    BIG_CHECK(z, x, y);
    size_t an = bi_n(x), bn = bi_n(y), n = an > bn ? an : bn;
    size_t mark = big_scratch_mark();
    Limb *d = big_tmp(n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        Limb a = i < an ? bi_d(x)[i] : 0, b = i < bn ? bi_d(y)[i] : 0;
        d[i] = op == 0 ? a & b : op == 1 ? a | b : op == 2 ? a ^ b : a & ~b;
    }
    bi_store(z, d, n, false);
    big_scratch_release(mark);
    return NATIVE_OK;
}

/* bit(x *Int, i int) uint: bit i of |x|. */
static NativeStatus nat_bit(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *x = BIG_ARG(0);
    uint64_t i = args[1].u;
    BIG_CHECK(x);
    size_t li = (size_t)(i / 64);
    res[0].u = li < bi_n(x) ? (bi_d(x)[li] >> (i % 64)) & 1 : 0;
    return NATIVE_OK;
}

/* setBit(z, x *Int, i int, b uint): |z| = |x| with bit i set to b. */
static NativeStatus nat_set_bit(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *z = BIG_ARG(0), *x = BIG_ARG(1);
    uint64_t i = args[2].u, b = args[3].u;
    (void)res;
    BIG_CHECK(z, x);
    size_t li = (size_t)(i / 64), n = bi_n(x);
    size_t nn = li + 1 > n ? li + 1 : n;
    size_t mark = big_scratch_mark();
    Limb *d = big_tmp(nn);
    memcpy(d, bi_d(x), n * sizeof(Limb));
    memset(d + n, 0, (nn - n) * sizeof(Limb));
    if (b)
        d[li] |= (Limb)1 << (i % 64);
    else
        d[li] &= ~((Limb)1 << (i % 64));
    bi_store(z, d, nn, x->neg);
    big_scratch_release(mark);
    return NATIVE_OK;
}

static NativeStatus nat_trailing_zero_bits(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *x = BIG_ARG(0);
    BIG_CHECK(x);
    uint64_t t = 0;
    for (size_t i = 0; i < bi_n(x); i++) {
        if (bi_d(x)[i]) {
            t += (uint64_t)__builtin_ctzll(bi_d(x)[i]);
            break;
        }
        t += 64;
    }
    res[0].u = bi_n(x) ? t : 0;
    return NATIVE_OK;
}

/* modMul(z, x, y, m *Int): z = x·y mod |m| truncated (sign of x·y), one
 * call instead of two for Exp's inner loop. */
static NativeStatus nat_mod_mul(NativeCtx *ctx, Slot *args, Slot *res)
{
    BigInt *z = BIG_ARG(0), *x = BIG_ARG(1), *y = BIG_ARG(2), *m = BIG_ARG(3);
    (void)res;
    BIG_CHECK(z, x, y, m);
    if (bi_n(m) == 0)
        return native_panic_string(ctx, big_divzero);
    BigInt mc = *m;
    size_t mark = big_scratch_mark();
    if (m == z) {
        Limb *t = big_tmp(bi_n(m));
        memcpy(t, bi_d(m), bi_n(m) * sizeof(Limb));
        mc.abs.ptr = t;
    }
    bi_mul(z, x, y);
    bi_quorem(NULL, z, z, &mc);
    big_scratch_release(mark);
    return NATIVE_OK;
}

static const StdNative big_natives[] = {
    {"*Int.SetInt64", nat_set_int64},
    {"*Int.SetUint64", nat_set_uint64},
    {"*Int.Set", nat_set},
    {"*Int.Add", nat_add},
    {"*Int.Sub", nat_sub},
    {"*Int.Mul", nat_mul},
    {"*Int.Cmp", nat_cmp},
    {"*Int.CmpAbs", nat_cmp_abs},
    {"*Int.Lsh", nat_lsh},
    {"*Int.Rsh", nat_rsh},
    {"*Int.BitLen", nat_bit_len},
    {"*Int.TrailingZeroBits", nat_trailing_zero_bits},
    {"lowWord", nat_int64},
    {"divide", nat_divide},
    {"text", nat_text},
    {"setString", nat_set_string},
    {"bitwise", nat_bitwise},
    {"bit", nat_bit},
    {"setBit", nat_set_bit},
    {"modMul", nat_mod_mul},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_big = {"math/big", big_source, big_natives};
