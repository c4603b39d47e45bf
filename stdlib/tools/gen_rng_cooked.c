/* gen_rng_cooked.c — computes rand_cooked, the table stdlib/rand.c mixes
 * into every seeded state of math/rand's generator (not built; run by hand:
 * cc -O2 -o gen gen_rng_cooked.c && ./gen 7800000000000 20 10).
 *
 * The generator is x[k] = x[k-273] + x[k-607] mod 2^64, started from the
 * Park-Miller seeding of seed 1 (words built with shifts 20 and 10); the
 * table is its state after 7.8e12 steps. Rather than stepping that many
 * times, the recurrence is jumped ahead: x[n] is the inner product of the
 * initial words with the coefficients of z^n mod (z^607 - z^334 - 1),
 * computed by square-and-multiply. Prints the 607 words in vec order.
 * Must never be linked into csp: its output is pasted into rand.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define L 607
#define TAP 273
static int SH1 = 40, SH2 = 20;
typedef uint64_t poly[L];
/* r = a*b mod P, P = z^607 - z^334 - 1 */
static void mulmod(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    static uint64_t t[2 * L];
    memset(t, 0, sizeof t);
    for (int i = 0; i < L; i++) {
        if (!a[i]) continue;
        for (int j = 0; j < L; j++)
            t[i + j] += a[i] * b[j];
    }
    for (int k = 2 * L - 2; k >= L; k--) {
        uint64_t c = t[k];
        if (!c) continue;
        t[k] = 0;
        t[k - L + (L - TAP)] += c; /* z^k = z^(k-607) * (z^334 + 1) */
        t[k - L] += c;
    }
    memcpy(r, t, L * sizeof(uint64_t));
}
static int32_t seedrand(int32_t x)
{
    const int32_t A = 48271, Q = 44488, R = 3399;
    int32_t hi = x / Q, lo = x % Q;
    x = A * lo - R * hi;
    if (x < 0) x += 2147483647;
    return x;
}
int main(int argc, char **argv)
{
    uint64_t N = argc > 1 ? strtoull(argv[1], 0, 10) : 7800000000000ULL;
    if (argc > 3) SH1 = atoi(argv[2]), SH2 = atoi(argv[3]);
    uint64_t vec[L];
    int32_t x = 1;
    for (int i = -20; i < L; i++) {
        x = seedrand(x);
        if (i >= 0) {
            int64_t u = (int64_t)x << SH1;
            x = seedrand(x);
            u ^= (int64_t)x << SH2;
            x = seedrand(x);
            u ^= (int64_t)x;
            vec[i] = (uint64_t)u;
        }
    }
    /* initial terms: x_j for j in [-606,0] is vec[(334 - j) mod 607]; basis z^i <-> x_{i-606} */
    uint64_t init[L];
    for (int i = 0; i < L; i++) {
        int j = i - 606;
        init[i] = vec[(((334 - j) % L) + L) % L];
    }
    /* R = z^(N) mod P, then x_n coefficient vector for n: z^(n+606) */
    static poly res, base;
    memset(res, 0, sizeof res); res[0] = 1;
    memset(base, 0, sizeof base); base[1] = 1;
    uint64_t e = N; /* computing x_{N-606}: exponent (N-606)+606 = N */
    while (e) {
        if (e & 1) mulmod(res, res, base);
        mulmod(base, base, base);
        e >>= 1;
    }
    uint64_t out[L];
    for (uint64_t j = N - 606; j <= N; j++) {
        uint64_t s = 0;
        for (int i = 0; i < L; i++) s += res[i] * init[i];
        /* x_j sits at feed index (334 - j) mod 607 */
        out[(((334 - (int64_t)(j % L)) % L) + L) % L] = s;
        /* res *= z */
        uint64_t top = res[L - 1];
        memmove(res + 1, res, (L - 1) * sizeof(uint64_t));
        res[0] = top;
        res[L - TAP] += top;
    }
    for (int i = 0; i < L; i++) printf("%lld\n", (long long)out[i]);
    return 0;
}
