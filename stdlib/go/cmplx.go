// Package cmplx provides basic constants and mathematical functions for
// complex numbers, with the results (special values included) of Go's
// math/cmplx. Pure Go over package math.
package cmplx

import "math"

// Abs returns the absolute value (also called the modulus) of x.
func Abs(x complex128) float64 { return math.Hypot(real(x), imag(x)) }

// Phase returns the phase (also called the argument) of x, in [-Pi, Pi].
func Phase(x complex128) float64 { return math.Atan2(imag(x), real(x)) }

// Polar returns the absolute value r and phase θ of x, such that
// x = r * e**θi.
func Polar(x complex128) (r, θ float64) { return Abs(x), Phase(x) }

// Rect returns the complex number x with polar coordinates r, θ.
func Rect(r, θ float64) complex128 {
	s, c := math.Sin(θ), math.Cos(θ)
	return complex(r*c, r*s)
}

// Conj returns the complex conjugate of x.
func Conj(x complex128) complex128 { return complex(real(x), -imag(x)) }

// Inf returns a complex infinity, complex(+Inf, +Inf).
func Inf() complex128 {
	inf := math.Inf(1)
	return complex(inf, inf)
}

// NaN returns a complex "not-a-number" value.
func NaN() complex128 {
	nan := math.NaN()
	return complex(nan, nan)
}

// IsInf reports whether either real(x) or imag(x) is an infinity.
func IsInf(x complex128) bool {
	return math.IsInf(real(x), 0) || math.IsInf(imag(x), 0)
}

// IsNaN reports whether either real(x) or imag(x) is NaN and neither is
// an infinity.
func IsNaN(x complex128) bool {
	if IsInf(x) {
		return false
	}
	return math.IsNaN(real(x)) || math.IsNaN(imag(x))
}

// notFinite reports whether f is an infinity or NaN.
func notFinite(f float64) bool { return math.IsInf(f, 0) || math.IsNaN(f) }

// Sqrt returns the square root of x, the root whose real part is not
// negative (and whose imaginary part has the sign of imag(x)).
func Sqrt(x complex128) complex128 {
	a, b := real(x), imag(x)
	if b == 0 {
		// on the real axis: keep the sign of a zero imaginary part
		switch {
		case a == 0:
			return complex(0, b)
		case a < 0:
			return complex(0, math.Copysign(math.Sqrt(-a), b))
		}
		return complex(math.Sqrt(a), b)
	}
	if math.IsInf(b, 0) {
		return complex(math.Inf(1), b)
	}
	if a == 0 {
		r := math.Sqrt(0.5 * math.Abs(b))
		if b < 0 {
			return complex(r, -r)
		}
		return complex(r, r)
	}
	// Half-angle formulas on a scaled copy of x, so that |x| neither
	// overflows nor loses its low bits: large values by 1/4 (undone by
	// 2), the others by 2**54 (undone by 2**-27).
	scale := 2.0
	if math.Abs(a) > 4 || math.Abs(b) > 4 {
		a *= 0.25
		b *= 0.25
	} else {
		a *= 1 << 54
		b *= 1 << 54
		scale = 1.0 / (1 << 27)
	}
	m := math.Hypot(a, b)
	var re, im float64
	if a > 0 {
		re = math.Sqrt(0.5*m + 0.5*a)
		im = scale * math.Abs((0.5*b)/re)
		re *= scale
	} else {
		im = math.Sqrt(0.5*m - 0.5*a)
		re = scale * math.Abs((0.5*b)/im)
		im *= scale
	}
	if b < 0 {
		im = -im
	}
	return complex(re, im)
}

// Exp returns e**x, the base-e exponential of x.
func Exp(x complex128) complex128 {
	re, im := real(x), imag(x)
	if math.IsInf(re, 0) {
		if re > 0 && im == 0 {
			return x
		}
		if notFinite(im) {
			if re < 0 {
				return complex(0, math.Copysign(0, im))
			}
			return complex(math.Inf(1), math.NaN())
		}
	} else if math.IsNaN(re) && im == 0 {
		return complex(math.NaN(), im)
	}
	r := math.Exp(re)
	s, c := math.Sin(im), math.Cos(im)
	return complex(r*c, r*s)
}

// Log returns the natural logarithm of x.
func Log(x complex128) complex128 {
	return complex(math.Log(Abs(x)), Phase(x))
}

// Log10 returns the decimal logarithm of x.
func Log10(x complex128) complex128 {
	z := Log(x)
	return complex(math.Log10E*real(z), math.Log10E*imag(z))
}

// Pow returns x**y, the base-x exponential of y. Pow(0, y) is 1 for
// real(y) == 0, Inf for real(y) < 0 (complex(Inf, 0) when y is real),
// and 0 for real(y) > 0.
func Pow(x, y complex128) complex128 {
	if x == 0 {
		if IsNaN(y) {
			return NaN()
		}
		switch r, i := real(y), imag(y); {
		case r == 0:
			return 1
		case r < 0:
			if i == 0 {
				return complex(math.Inf(1), 0)
			}
			return Inf()
		case r > 0:
			return 0
		}
		// a NaN real part with an infinite imaginary one: Go's Pow
		// reaches its unreachable panic here
		panic("not reached")
	}
	modulus := Abs(x)
	if modulus == 0 {
		return complex(0, 0)
	}
	r := math.Pow(modulus, real(y))
	arg := Phase(x)
	theta := real(y) * arg
	if imag(y) != 0 {
		r *= math.Exp(-imag(y) * arg)
		theta += imag(y) * math.Log(modulus)
	}
	s, c := math.Sin(theta), math.Cos(theta)
	return complex(r*c, r*s)
}

// sinhcosh returns sinh(x) and cosh(x), from one exponential when |x|
// is large enough for that to be accurate.
func sinhcosh(x float64) (sh, ch float64) {
	if math.Abs(x) <= 0.5 {
		return math.Sinh(x), math.Cosh(x)
	}
	e := math.Exp(x)
	ei := 0.5 / e
	e *= 0.5
	return e - ei, e + ei
}

// Sin returns the sine of x.
func Sin(x complex128) complex128 {
	re, im := real(x), imag(x)
	switch {
	case im == 0 && notFinite(re):
		return complex(math.NaN(), im)
	case math.IsInf(im, 0):
		if re == 0 {
			return x
		}
		if notFinite(re) {
			return complex(math.NaN(), im)
		}
	case re == 0 && math.IsNaN(im):
		return x
	}
	s, c := math.Sin(re), math.Cos(re)
	sh, ch := sinhcosh(im)
	return complex(s*ch, c*sh)
}

// Cos returns the cosine of x.
func Cos(x complex128) complex128 {
	re, im := real(x), imag(x)
	switch {
	case im == 0 && notFinite(re):
		return complex(math.NaN(), -im*math.Copysign(0, re))
	case math.IsInf(im, 0):
		if re == 0 {
			return complex(math.Inf(1), -re*math.Copysign(0, im))
		}
		if notFinite(re) {
			return complex(math.Inf(1), math.NaN())
		}
	case re == 0 && math.IsNaN(im):
		return complex(math.NaN(), 0)
	}
	s, c := math.Sin(re), math.Cos(re)
	sh, ch := sinhcosh(im)
	return complex(c*ch, -s*sh)
}

// Sinh returns the hyperbolic sine of x.
func Sinh(x complex128) complex128 {
	re, im := real(x), imag(x)
	switch {
	case re == 0 && notFinite(im):
		return complex(re, math.NaN())
	case math.IsInf(re, 0):
		if im == 0 {
			return x
		}
		if notFinite(im) {
			return complex(re, math.NaN())
		}
	case im == 0 && math.IsNaN(re):
		return complex(math.NaN(), im)
	}
	s, c := math.Sin(im), math.Cos(im)
	sh, ch := sinhcosh(re)
	return complex(c*sh, s*ch)
}

// Cosh returns the hyperbolic cosine of x.
func Cosh(x complex128) complex128 {
	re, im := real(x), imag(x)
	switch {
	case re == 0 && notFinite(im):
		return complex(math.NaN(), re*math.Copysign(0, im))
	case math.IsInf(re, 0):
		if im == 0 {
			return complex(math.Inf(1), im*math.Copysign(0, re))
		}
		if notFinite(im) {
			return complex(math.Inf(1), math.NaN())
		}
	case im == 0 && math.IsNaN(re):
		return complex(math.NaN(), im)
	}
	s, c := math.Sin(im), math.Cos(im)
	sh, ch := sinhcosh(re)
	return complex(c*ch, s*sh)
}

// reducePi returns x minus the nearest multiple of Pi, with Pi split in
// three parts so that the subtraction loses nothing for moderate x.
func reducePi(x float64) float64 {
	const (
		pi1 = 3.14159265160560607910e0
		pi2 = 1.98418714791870343106e-9
		pi3 = 1.14423774522196636802e-17
	)
	t := x / math.Pi
	if t >= 0 {
		t += 0.5
	} else {
		t -= 0.5
	}
	t = float64(int64(t))
	return ((x - t*pi1) - t*pi2) - t*pi3
}

// tanSeries evaluates cosh(2y) - cos(2x) for z = x+iy near a zero of
// it, by its Taylor series in the reduced 2x and 2y.
func tanSeries(z complex128) float64 {
	const eps = 1.0 / (1 << 53)
	x := reducePi(math.Abs(2 * real(z)))
	y := math.Abs(2 * imag(z))
	x, y = x*x, y*y
	xn, yn, fact, n, sum := 1.0, 1.0, 1.0, 0.0, 0.0
	for {
		// the terms of 2k = 2, 6, 10 ... add, those of 4, 8 ... subtract x
		for _, sign := range [2]float64{1, -1} {
			n++
			fact *= n
			n++
			fact *= n
			xn *= x
			yn *= y
			t := (yn + sign*xn) / fact
			sum += t
			if sign < 0 && math.Abs(t/sum) <= eps {
				return sum
			}
		}
	}
}

// Tan returns the tangent of x.
func Tan(x complex128) complex128 {
	re, im := real(x), imag(x)
	switch {
	case math.IsInf(im, 0):
		if notFinite(re) {
			return complex(math.Copysign(0, re), math.Copysign(1, im))
		}
		return complex(math.Copysign(0, math.Sin(2*re)), math.Copysign(1, im))
	case re == 0 && math.IsNaN(im):
		return x
	}
	d := math.Cos(2*re) + math.Cosh(2*im)
	if math.Abs(d) < 0.25 {
		d = tanSeries(x)
	}
	if d == 0 {
		return Inf()
	}
	return complex(math.Sin(2*re)/d, math.Sinh(2*im)/d)
}

// Tanh returns the hyperbolic tangent of x.
func Tanh(x complex128) complex128 {
	re, im := real(x), imag(x)
	switch {
	case math.IsInf(re, 0):
		if notFinite(im) {
			return complex(math.Copysign(1, re), math.Copysign(0, im))
		}
		return complex(math.Copysign(1, re), math.Copysign(0, math.Sin(2*im)))
	case im == 0 && math.IsNaN(re):
		return x
	}
	d := math.Cosh(2*re) + math.Cos(2*im)
	if d == 0 {
		return Inf()
	}
	return complex(math.Sinh(2*re)/d, math.Sin(2*im)/d)
}
