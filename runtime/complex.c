/* complex.c — Go's complex multiplication and division (see complex.h).
 *
 * Owns only arithmetic on doubles; the VM decides where values live.
 */
#include "complex.h"

#include <math.h>

/* Each product is rounded on its own, as Go on amd64 computes them: the
 * empty asm hides the value from a compiler allowed to contract
 * (-ffp-contract) x*y+z into one fused rounding (as vm_rounded). */
static inline double rounded(double x)
{
#if defined(__x86_64__) || defined(__i386__)
    __asm__("" : "+x"(x));
#elif defined(__aarch64__)
    __asm__("" : "+w"(x));
#else
    volatile double v = x;
    x = v;
#endif
    return x;
}

void cplx_mul(double a, double b, double c, double d, double *re, double *im)
{
    *re = rounded(a * c) - rounded(b * d);
    *im = rounded(a * d) + rounded(b * c);
}

/* A signed 1 for an infinity, a signed 0 otherwise (sign of f). */
static double inf_to_one(double f)
{
    return copysign(isinf(f) ? 1.0 : 0.0, f);
}

void cplx_div(double a, double b, double c, double d, double *re, double *im)
{
    double e, f;
    /* Smith's algorithm: scale by the larger part of the divisor, so
     * that no intermediate overflows needlessly */
    if (fabs(c) >= fabs(d)) {
        double ratio = d / c;
        double denom = c + rounded(ratio * d);
        e = (a + rounded(b * ratio)) / denom;
        f = (b - rounded(a * ratio)) / denom;
    } else {
        double ratio = c / d;
        double denom = d + rounded(ratio * c);
        e = (rounded(a * ratio) + b) / denom;
        f = (rounded(b * ratio) - a) / denom;
    }
    if (isnan(e) && isnan(f)) {
        /* C99 Annex G.5.1: recover infinities and zeros where the
         * quotient has a meaningful one */
        if (c == 0 && d == 0 && (!isnan(a) || !isnan(b))) {
            e = copysign(INFINITY, c) * a;
            f = copysign(INFINITY, c) * b;
        } else if ((isinf(a) || isinf(b)) && isfinite(c) && isfinite(d)) {
            a = inf_to_one(a);
            b = inf_to_one(b);
            e = INFINITY * (rounded(a * c) + rounded(b * d));
            f = INFINITY * (rounded(b * c) - rounded(a * d));
        } else if ((isinf(c) || isinf(d)) && isfinite(a) && isfinite(b)) {
            c = inf_to_one(c);
            d = inf_to_one(d);
            e = 0 * (rounded(a * c) + rounded(b * d));
            f = 0 * (rounded(b * c) - rounded(a * d));
        }
    }
    *re = e;
    *im = f;
}
