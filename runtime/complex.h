/* complex.h — complex arithmetic with Go's exact results, for the VM's
 * complex instructions and the standard library.
 *
 * Go defines complex multiplication as the textbook formula computed in
 * float64 (complex64 operands are widened, then the parts narrowed), and
 * division by its runtime's complex128div (Smith's algorithm with C99's
 * corrections for infinities and zeros). These functions are that
 * definition, once. They never allocate and never touch the scheduler.
 */
#ifndef CSP_COMPLEX_H
#define CSP_COMPLEX_H

/* (a+bi) * (c+di), Go's formula: no fused multiply-add. */
void cplx_mul(double a, double b, double c, double d, double *re, double *im);
/* (a+bi) / (c+di) as Go's runtime.complex128div. */
void cplx_div(double a, double b, double c, double d, double *re, double *im);

#endif
