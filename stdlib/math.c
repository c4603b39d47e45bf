/* math.c — package math: constants in Go, functions as natives over the
 * C library (which agrees with Go on special values for all but a few
 * corner cases handled here: Max/Min with NaN and signed zeros, Round).
 * Must never raise floating-point exceptions into the program.
 */
#include <math.h>

#include "native.h"

/* The package's Go source, stdlib/go/math.go, as math_source. */
#include "stdlib/math_go.h"

/* One X per function of one float64: Go name, C expression of x. */
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
    X(Cbrt, cbrt(x))                                                                               \
    X(Gamma, tgamma(x))                                                                            \
    X(Erf, erf(x))                                                                                 \
    X(Erfc, erfc(x))

/* One X per function of two float64s. */
#define MATH_FUNCS2(X)                                                                             \
    X(Pow, pow(x, y))                                                                              \
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
    {"Ldexp", math_ldexp},
    {"FMA", math_fma},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_math = {"math", math_source, math_natives};
