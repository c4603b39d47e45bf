/* math.c — package math: constants in Go, functions as natives over the
 * C library (which agrees with Go on special values for all but a few
 * corner cases handled here: Max/Min with NaN and signed zeros, Round).
 * Must never raise floating-point exceptions into the program.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "native.h"

/* The package's Go source, stdlib/go/math.go, as math_source. */
#include "stdlib/math_go.h"

/* One X per function of one float64: Go name, C expression of x. */
/* Cube root as Go computes it (FreeBSD's s_cbrt: a 5-bit estimate, a
 * rational step to 23 bits, one Newton step to 53), so that perfect cubes
 * come out exact; glibc's cbrt(27) is 3.0000000000000004. */
static double math_cbrt(double x)
{
    const uint64_t b1 = 715094163, b2 = 696219795;
    const double c = 5.42857142857142815906e-01, d = -7.05306122448979611050e-01,
                 e = 1.41428571428571436819e+00, f = 1.60714285714285720630e+00,
                 g = 3.57142857142857150787e-01, smallest_normal = 2.22507385850720138309e-308;
    if (x == 0 || isnan(x) || isinf(x))
        return x;
    bool sign = x < 0;
    if (sign)
        x = -x;
    uint64_t bits;
    double t;
    memcpy(&bits, &x, sizeof bits);
    bits = bits / 3 + (b1 << 32);
    memcpy(&t, &bits, sizeof t);
    if (x < smallest_normal) {
        t = (double)(1ULL << 54);
        t *= x;
        memcpy(&bits, &t, sizeof bits);
        bits = bits / 3 + (b2 << 32);
        memcpy(&t, &bits, sizeof t);
    }
    double r = t * t / x;
    double s = c + r * t;
    t *= g + f / (s + e + d / s);
    memcpy(&bits, &t, sizeof bits);
    bits = (bits & (0xFFFFFFFFCULL << 28)) + (1ULL << 30);
    memcpy(&t, &bits, sizeof t);
    s = t * t;
    r = x / s;
    double w = t + t;
    r = (r - t) / (w + r);
    t = t + t * r;
    return sign ? -t : t;
}

static bool math_is_odd_int(double x)
{
    if (fabs(x) >= 9007199254740992.0) /* 2^53: every such float is even */
        return false;
    double xi;
    double xf = modf(x, &xi);
    return xf == 0 && ((int64_t)xi & 1) == 1;
}

/* x**y as Go computes it: the integer part of y by repeated squaring of
 * frexp's mantissa (so Pow(1.1, 10) rounds as Go's does, not as glibc's
 * correctly rounded pow), the fraction by exp(yf*log(x)), and Go's
 * special cases. */
static double math_pow(double x, double y)
{
    if (y == 0 || x == 1)
        return 1;
    if (y == 1)
        return x;
    if (isnan(x) || isnan(y))
        return NAN;
    if (x == 0) {
        if (y < 0)
            return signbit(x) && math_is_odd_int(y) ? -INFINITY : INFINITY;
        return signbit(x) && math_is_odd_int(y) ? x : 0;
    }
    if (isinf(y)) {
        if (x == -1)
            return 1;
        return (fabs(x) < 1) == (y > 0) ? 0 : INFINITY;
    }
    if (isinf(x)) {
        if (x < 0)
            return math_pow(1 / x, -y); /* Pow(-0, -y) */
        return y < 0 ? 0 : INFINITY;
    }
    if (y == 0.5)
        return sqrt(x);
    if (y == -0.5)
        return 1 / sqrt(x);
    double yi, yf = modf(fabs(y), &yi);
    if (yf != 0 && x < 0)
        return NAN;
    if (yi >= 9223372036854775808.0) {
        /* a huge even integer: overflow or underflow except for -1 */
        if (x == -1)
            return 1;
        return (fabs(x) < 1) == (y > 0) ? 0 : INFINITY;
    }
    double a1 = 1.0;
    int64_t ae = 0;
    if (yf != 0) {
        if (yf > 0.5) {
            yf--;
            yi++;
        }
        a1 = exp(yf * log(x));
    }
    int xe32;
    double x1 = frexp(x, &xe32);
    int64_t xe = xe32;
    for (int64_t i = (int64_t)yi; i != 0; i >>= 1) {
        if (xe < -(1 << 12) || (1 << 12) < xe) {
            /* catastrophic overflow: let ldexp handle it */
            ae += xe;
            break;
        }
        if ((i & 1) == 1) {
            a1 *= x1;
            ae += xe;
        }
        x1 *= x1;
        xe *= 2; /* not <<= : xe may be negative */
        if (x1 < .5) {
            x1 += x1;
            xe--;
        }
    }
    if (y < 0) {
        a1 = 1 / a1;
        ae = -ae;
    }
    if (ae > 100000)
        ae = 100000;
    if (ae < -100000)
        ae = -100000;
    return ldexp(a1, (int)ae);
}

#define MATH_FUNCS1(X)                                                                             \
    X(Sqrt, sqrt(x))                                                                               \
    X(Abs, fabs(x))                                                                                \
    X(Floor, floor(x))                                                                             \
    X(Ceil, ceil(x))                                                                               \
    X(Trunc, trunc(x))                                                                             \
    X(Round, round(x))                                                                             \
    X(RoundToEven, nearbyint(x))                                                                   \
    X(Log, log(x))                                                                                 \
    X(Log2, log2(x))                                                                               \
    X(Log10, log10(x))                                                                             \
    X(Log1p, log1p(x))                                                                             \
    X(Exp, exp(x))                                                                                 \
    X(Exp2, exp2(x))                                                                               \
    X(Expm1, expm1(x))                                                                             \
    X(Sin, sin(x))                                                                                 \
    X(Cos, cos(x))                                                                                 \
    X(Tan, tan(x))                                                                                 \
    X(Asin, asin(x))                                                                               \
    X(Acos, acos(x))                                                                               \
    X(Atan, atan(x))                                                                               \
    X(Sinh, sinh(x))                                                                               \
    X(Cosh, cosh(x))                                                                               \
    X(Tanh, tanh(x))                                                                               \
    X(Asinh, asinh(x))                                                                             \
    X(Acosh, acosh(x))                                                                             \
    X(Atanh, atanh(x))                                                                             \
    X(Cbrt, math_cbrt(x))                                                                               \
    X(Gamma, tgamma(x))                                                                            \
    X(Erf, erf(x))                                                                                 \
    X(Erfc, erfc(x))

/* One X per function of two float64s. */
#define MATH_FUNCS2(X)                                                                             \
    X(Pow, math_pow(x, y))                                                                              \
    X(Atan2, atan2(x, y))                                                                          \
    X(Hypot, math_hypot(x, y))                                                                     \
    X(Mod, fmod(x, y))                                                                             \
    X(Max, math_max(x, y))                                                                         \
    X(Min, math_min(x, y))                                                                         \
    X(Dim, math_dim(x, y))                                                                         \
    X(Copysign, copysign(x, y))                                                                    \
    X(Remainder, remainder(x, y))                                                                  \
    X(Nextafter, nextafter(x, y))

/* Go's Hypot is p*sqrt(1+(q/p)**2), p the larger magnitude, not the C
 * library's correctly rounded one: the two differ in the last bit about
 * a third of the time (and math/cmplx's Abs, Sqrt, Polar with them). */
static double math_hypot(double p, double q)
{
    p = fabs(p), q = fabs(q);
    if (isinf(p) || isinf(q))
        return INFINITY;
    if (isnan(p) || isnan(q))
        return NAN;
    if (p < q) {
        double t = p;
        p = q, q = t;
    }
    if (p == 0)
        return 0;
    q = q / p;
    return p * sqrt(1 + q * q);
}

/* Go's Max: +Inf wins, then NaN, then +0 over -0. */
static double math_max(double x, double y)
{
    if (isinf(x) && x > 0)
        return x;
    if (isinf(y) && y > 0)
        return y;
    if (isnan(x) || isnan(y))
        return NAN;
    if (x == 0 && y == 0)
        return signbit(x) ? y : x;
    return x > y ? x : y;
}

/* Go's Min: -Inf wins, then NaN, then -0 over +0. */
static double math_min(double x, double y)
{
    if (isinf(x) && x < 0)
        return x;
    if (isinf(y) && y < 0)
        return y;
    if (isnan(x) || isnan(y))
        return NAN;
    if (x == 0 && y == 0)
        return signbit(x) ? x : y;
    return x < y ? x : y;
}

static double math_dim(double x, double y)
{
    double v = x - y;
    return v <= 0 ? 0 : v;
}

#define X(name, expr)                                                                              \
    static NativeStatus math_##name(NativeCtx *ctx, Slot *args, Slot *res)                         \
    {                                                                                              \
        double x = args[0].f;                                                                      \
        res[0].f = expr;                                                                           \
        return NATIVE_OK;                                                                          \
    }
MATH_FUNCS1(X)
#undef X

#define X(name, expr)                                                                              \
    static NativeStatus math_##name(NativeCtx *ctx, Slot *args, Slot *res)                         \
    {                                                                                              \
        double x = args[0].f, y = args[1].f;                                                       \
        res[0].f = expr;                                                                           \
        return NATIVE_OK;                                                                          \
    }
MATH_FUNCS2(X)
#undef X

/* Inf(sign int) float64 */
static NativeStatus math_inf(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].f = args[0].i >= 0 ? INFINITY : -INFINITY;
    return NATIVE_OK;
}

/* NaN() float64 */
static NativeStatus math_nan(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].f = NAN;
    return NATIVE_OK;
}

/* Bit conversions: the slot already holds the bits. */
static NativeStatus math_bits64(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].u = args[0].u;
    return NATIVE_OK;
}

static NativeStatus math_bits32(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].u = args[0].u & 0xFFFFFFFFu; /* float32 lives in the low 4 bytes */
    return NATIVE_OK;
}

/* Modf(f float64) (int float64, frac float64) */
static NativeStatus math_modf(NativeCtx *ctx, Slot *args, Slot *res)
{
    double ip, f = args[0].f;
    double fr = modf(f, &ip);
    res[0].f = ip;
    res[1].f = fr;
    return NATIVE_OK;
}

/* exactPow10(n int) float64: 10**n correctly rounded, by strtod of the
 * literal (what Go's table of powers holds). */
static NativeStatus math_exact_pow10(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    char buf[32];
    snprintf(buf, sizeof buf, "1e%lld", (long long)args[0].i);
    res[0].f = strtod(buf, NULL);
    return NATIVE_OK;
}

/* Frexp(f float64) (frac float64, exp int) */
static NativeStatus math_frexp(NativeCtx *ctx, Slot *args, Slot *res)
{
    int e = 0;
    double fr = frexp(args[0].f, &e);
    res[0].f = fr;
    res[1].i = e;
    return NATIVE_OK;
}

/* Ldexp(frac float64, exp int) float64 */
static NativeStatus math_ldexp(NativeCtx *ctx, Slot *args, Slot *res)
{
    double fr = args[0].f;
    int64_t e = args[1].i;
    res[0].f = ldexp(fr, e > 100000 ? 100000 : e < -100000 ? -100000 : (int)e);
    return NATIVE_OK;
}

/* FMA(x, y, z float64) float64 */
static NativeStatus math_fma(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].f = fma(args[0].f, args[1].f, args[2].f);
    return NATIVE_OK;
}

static const StdNative math_natives[] = {
#define X(name, expr) {#name, math_##name},
    MATH_FUNCS1(X) MATH_FUNCS2(X)
#undef X
        {"Inf", math_inf},
    {"NaN", math_nan},
    {"Float64bits", math_bits64},
    {"Float64frombits", math_bits64},
    {"Float32bits", math_bits32},
    {"Float32frombits", math_bits32},
    {"Modf", math_modf},
    {"Frexp", math_frexp},
    {"exactPow10", math_exact_pow10},
    {"Ldexp", math_ldexp},
    {"FMA", math_fma},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_math = {"math", math_source, math_natives};
