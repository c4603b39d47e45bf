package big

import (
	"math"
	"math/rand"
)

// A Word represents a single digit of a multi-precision unsigned integer.
type Word uint

const (
	// MaxBase is the largest number base accepted for string conversions.
	MaxBase = 10 + ('z' - 'a' + 1) + ('Z' - 'A' + 1)
)

// An Int represents a signed multi-precision integer. The zero value for
// an Int represents the value 0. Its layout (sign, then little-endian
// 64-bit limbs without zero limbs on top) is shared with stdlib/big.c.
type Int struct {
	neg bool
	abs []Word
}

// lowWord is |x|'s low 64 bits with x's sign applied (Int64's wrap).
func lowWord(x *Int) int64

// divide sets q = x/y and r = x%y, truncated, or the Euclidean quotient and
// modulus when euclid; q or r may be nil. It panics on a zero y.
func divide(q, x, y, r *Int, euclid bool)

// text returns the digits of |x| in base, upper-case letters if upper.
func text(x *Int, base int, upper bool) string

func setString(z *Int, s string, base int) bool

// bitwise sets |z| = |x| op |y| (0 and, 1 or, 2 xor, 3 and-not), z >= 0.
func bitwise(z, x, y *Int, op int)

func bit(x *Int, i int) uint
func setBit(z, x *Int, i int, b uint)

// modMul sets z = x*y rem m.
func modMul(z, x, y, m *Int)

// NewInt allocates and returns a new Int set to x.
func NewInt(x int64) *Int { return new(Int).SetInt64(x) }

func (z *Int) SetInt64(x int64) *Int
func (z *Int) SetUint64(x uint64) *Int
func (z *Int) Set(x *Int) *Int
func (z *Int) Add(x, y *Int) *Int
func (z *Int) Sub(x, y *Int) *Int
func (z *Int) Mul(x, y *Int) *Int
func (x *Int) Cmp(y *Int) int
func (x *Int) CmpAbs(y *Int) int
func (z *Int) Lsh(x *Int, n uint) *Int
func (z *Int) Rsh(x *Int, n uint) *Int
func (x *Int) BitLen() int
func (x *Int) TrailingZeroBits() uint

// Quo sets z to the quotient x/y for y != 0 and returns z (truncated).
func (z *Int) Quo(x, y *Int) *Int {
	divide(z, x, y, nil, false)
	return z
}

// Rem sets z to the remainder x%y for y != 0 and returns z (sign of x).
func (z *Int) Rem(x, y *Int) *Int {
	divide(nil, x, y, z, false)
	return z
}

// QuoRem sets z to x/y and r to x%y (truncated) and returns (z, r).
func (z *Int) QuoRem(x, y, r *Int) (*Int, *Int) {
	divide(z, x, y, r, false)
	return z, r
}

// Div sets z to the Euclidean quotient x/y and returns z.
func (z *Int) Div(x, y *Int) *Int {
	divide(z, x, y, nil, true)
	return z
}

// Mod sets z to the Euclidean modulus x mod y (0 <= z < |y|) and returns z.
func (z *Int) Mod(x, y *Int) *Int {
	divide(nil, x, y, z, true)
	return z
}

// DivMod sets z to x div y and m to x mod y (Euclidean) and returns (z, m).
func (z *Int) DivMod(x, y, m *Int) (*Int, *Int) {
	divide(z, x, y, m, true)
	return z, m
}

// Neg sets z to -x and returns z.
func (z *Int) Neg(x *Int) *Int {
	z.Set(x)
	z.neg = len(z.abs) > 0 && !z.neg
	return z
}

// Abs sets z to |x| and returns z.
func (z *Int) Abs(x *Int) *Int {
	z.Set(x)
	z.neg = false
	return z
}

// Sign returns -1, 0 or +1 as x is negative, zero or positive.
func (x *Int) Sign() int {
	if len(x.abs) == 0 {
		return 0
	}
	if x.neg {
		return -1
	}
	return 1
}

// Int64 returns the int64 representation of x (undefined if it does not
// fit: the low 64 bits, as Go's).
func (x *Int) Int64() int64 { return lowWord(x) }

// Uint64 returns the uint64 representation of x (the low 64 bits).
func (x *Int) Uint64() uint64 {
	if len(x.abs) == 0 {
		return 0
	}
	return uint64(x.abs[0])
}

// IsInt64 reports whether x can be represented as an int64.
func (x *Int) IsInt64() bool {
	if len(x.abs) <= 1 {
		w := int64(lowWord(x))
		return w >= 0 && !x.neg || w < 0 && x.neg || len(x.abs) == 0
	}
	return false
}

// IsUint64 reports whether x can be represented as a uint64.
func (x *Int) IsUint64() bool { return !x.neg && len(x.abs) <= 1 }

// Bits returns the little-endian Word slice of |x|, shared with x.
func (x *Int) Bits() []Word { return x.abs }

// SetBits sets z's magnitude to abs (normalised) and returns z.
func (z *Int) SetBits(abs []Word) *Int {
	n := len(abs)
	for n > 0 && abs[n-1] == 0 {
		n--
	}
	z.abs = abs[:n]
	z.neg = false
	return z
}

// SetString sets z to the value of s in the given base (0: the prefix
// decides) and returns z and true, or nil and false when s is invalid.
func (z *Int) SetString(s string, base int) (*Int, bool) {
	if base != 0 && (base < 2 || base > MaxBase) {
		return nil, false
	}
	if !setString(z, s, base) {
		return nil, false
	}
	return z, true
}

// Text returns the string representation of x in the given base (2..62).
func (x *Int) Text(base int) string {
	if x == nil {
		return "<nil>"
	}
	if x.neg {
		return "-" + text(x, base, false)
	}
	return text(x, base, false)
}

// Append appends the string representation of x in base to buf.
func (x *Int) Append(buf []byte, base int) []byte {
	return append(buf, x.Text(base)...)
}

// String returns the decimal representation of x ("<nil>" for nil).
func (x *Int) String() string { return x.Text(10) }

// Bit returns the value of bit i of x (two's complement for negatives).
func (x *Int) Bit(i int) uint {
	if i < 0 {
		panic("negative bit index")
	}
	if x.neg {
		t := new(Int).Sub(new(Int).Abs(x), intOne)
		return bit(t, i) ^ 1
	}
	return bit(x, i)
}

// SetBit sets z to x with bit i set to b (0 or 1), in two's complement.
func (z *Int) SetBit(x *Int, i int, b uint) *Int {
	if i < 0 {
		panic("negative bit index")
	}
	if x.neg {
		// -x = ^(|x|-1): work on |x|-1 with the bit inverted.
		t := new(Int).Sub(new(Int).Abs(x), intOne)
		setBit(t, t, i, b^1)
		z.Add(t, intOne)
		z.neg = len(z.abs) > 0
		return z
	}
	setBit(z, x, i, b)
	return z
}

var intOne = NewInt(1)

// twos returns |x|-1 for a negative x (whose two's complement is its bitwise
// complement) and x itself otherwise.
func twos(x *Int) *Int {
	if x.neg {
		return new(Int).Sub(new(Int).Abs(x), intOne)
	}
	return x
}

// finish turns a non-negative t, which holds ^r when neg, into z = r.
func finish(z, t *Int, neg bool) *Int {
	if neg {
		z.Add(t, intOne)
		z.neg = len(z.abs) > 0
		return z
	}
	return z.Set(t)
}

// And sets z = x & y (two's complement semantics) and returns z.
func (z *Int) And(x, y *Int) *Int {
	a, b := twos(x), twos(y)
	t := new(Int)
	switch {
	case !x.neg && !y.neg:
		bitwise(t, a, b, 0)
		return finish(z, t, false)
	case x.neg && y.neg: // ^a & ^b = ^(a|b)
		bitwise(t, a, b, 1)
		return finish(z, t, true)
	case x.neg: // ^a & b = b &^ a
		bitwise(t, b, a, 3)
		return finish(z, t, false)
	default: // a & ^b
		bitwise(t, a, b, 3)
		return finish(z, t, false)
	}
}

// Or sets z = x | y and returns z.
func (z *Int) Or(x, y *Int) *Int {
	a, b := twos(x), twos(y)
	t := new(Int)
	switch {
	case !x.neg && !y.neg:
		bitwise(t, a, b, 1)
		return finish(z, t, false)
	case x.neg && y.neg: // ^a | ^b = ^(a&b)
		bitwise(t, a, b, 0)
		return finish(z, t, true)
	case x.neg: // ^a | b = ^(a &^ b)
		bitwise(t, a, b, 3)
		return finish(z, t, true)
	default: // a | ^b = ^(b &^ a)
		bitwise(t, b, a, 3)
		return finish(z, t, true)
	}
}

// Xor sets z = x ^ y and returns z.
func (z *Int) Xor(x, y *Int) *Int {
	a, b := twos(x), twos(y)
	t := new(Int)
	bitwise(t, a, b, 2)
	return finish(z, t, x.neg != y.neg)
}

// AndNot sets z = x &^ y and returns z.
func (z *Int) AndNot(x, y *Int) *Int {
	return z.And(x, new(Int).Not(y))
}

// Not sets z = ^x = -x-1 and returns z.
func (z *Int) Not(x *Int) *Int {
	if x.neg {
		z.Abs(x)
		return z.Sub(z, intOne)
	}
	z.Add(x, intOne)
	z.neg = true
	return z
}

// Exp sets z = x**y mod |m| (m nil or 0: z = x**y) and returns z. y <= 0
// gives 1, unless m is non-zero and y < 0, where the inverse of x modulo m
// is raised to -y (nil is returned when it does not exist).
func (z *Int) Exp(x, y, m *Int) *Int {
	mod := m != nil && len(m.abs) > 0
	xx := new(Int).Set(x)
	if y.neg {
		if !mod {
			return z.SetInt64(1)
		}
		inv := new(Int).ModInverse(xx, m)
		if inv == nil {
			return nil
		}
		xx = inv
	}
	mm := new(Int)
	if mod {
		mm.Abs(m)
		if xx.neg || xx.CmpAbs(mm) >= 0 {
			xx.Mod(xx, mm)
		}
	}
	r := NewInt(1)
	n := y.BitLen()
	for i := n - 1; i >= 0; i-- {
		if mod {
			modMul(r, r, r, mm)
		} else {
			r.Mul(r, r)
		}
		if bit(y, i) == 1 {
			if mod {
				modMul(r, r, xx, mm)
			} else {
				r.Mul(r, xx)
			}
		}
	}
	if mod && r.neg {
		r.Add(r, mm)
	}
	if mod && mm.Cmp(intOne) == 0 {
		r.SetInt64(0)
	}
	return z.Set(r)
}

// GCD sets z to the greatest common divisor of a and b and returns z; if
// x or y is not nil, it sets them so that z = a*x + b*y.
func (z *Int) GCD(x, y, a, b *Int) *Int {
	if len(a.abs) == 0 || len(b.abs) == 0 {
		la, lb := len(a.abs), len(b.abs)
		neg := a.neg
		if la == 0 {
			z.Set(b)
		} else {
			z.Set(a)
		}
		z.neg = false
		if x != nil {
			if la == 0 {
				x.SetInt64(0)
			} else {
				x.SetInt64(1)
				x.neg = neg
			}
		}
		if y != nil {
			if lb == 0 {
				y.SetInt64(0)
			} else {
				y.SetInt64(1)
				y.neg = b.neg
			}
		}
		return z
	}
	// Extended Euclid on |a|, |b|, signs applied to the cofactors.
	A := new(Int).Abs(a)
	B := new(Int).Abs(b)
	ua, ub := NewInt(1), NewInt(0)
	q, r, t := new(Int), new(Int), new(Int)
	for len(B.abs) > 0 {
		q.QuoRem(A, B, r)
		A, B, r = B, r, A
		t.Mul(q, ub)
		t.Sub(ua, t)
		ua, ub, t = ub, t, ua
	}
	if x != nil {
		x.Set(ua)
		if a.neg {
			x.neg = !x.neg && len(x.abs) > 0
		}
	}
	if y != nil {
		// y = (z - a*x) / b, x the signed cofactor.
		xs := new(Int).Set(ua)
		if a.neg {
			xs.Neg(xs)
		}
		t.Mul(a, xs)
		t.Sub(A, t)
		y.Quo(t, b)
	}
	return z.Set(A)
}

// ModInverse sets z to the inverse of g modulo n and returns z, or nil
// when g and n are not relatively prime.
func (z *Int) ModInverse(g, n *Int) *Int {
	nn := new(Int).Abs(n)
	gg := new(Int).Set(g)
	if gg.neg {
		gg.Mod(gg, nn)
	}
	d, x := new(Int), new(Int)
	d.GCD(x, nil, gg, nn)
	if d.Cmp(intOne) != 0 {
		return nil
	}
	if x.neg {
		z.Add(x, nn)
	} else {
		z.Set(x)
	}
	return z
}

var smallPrimes = []int64{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53}

// ProbablyPrime reports whether x is probably prime: Miller-Rabin with
// the first 13 primes as bases (which decides every x < 3.3e24 exactly)
// plus n pseudo-random bases. n must not be negative.
func (x *Int) ProbablyPrime(n int) bool {
	if n < 0 {
		panic("negative n for ProbablyPrime")
	}
	if x.neg || len(x.abs) == 0 {
		return false
	}
	if len(x.abs) == 1 && x.abs[0] < 64 {
		return (uint64(1)<<x.abs[0])&0x28208a20a08a28ac != 0
	}
	if x.abs[0]&1 == 0 {
		return false
	}
	t := new(Int)
	for _, p := range smallPrimes {
		if t.Rem(x, NewInt(p)).Sign() == 0 {
			return false
		}
	}
	xm1 := new(Int).Sub(x, intOne)
	k := xm1.TrailingZeroBits()
	q := new(Int).Rsh(xm1, k)
	rnd := rand.New(rand.NewSource(int64(x.abs[0])))
	bases := len(smallPrimes) - 3 + n
	a := new(Int)
	for i := 0; i < bases; i++ {
		if i < len(smallPrimes)-3 {
			a.SetInt64(smallPrimes[i])
		} else {
			// A random base in [2, x-2].
			a.SetUint64(rnd.Uint64())
			a.Mod(a, new(Int).Sub(x, NewInt(3)))
			a.Add(a, NewInt(2))
		}
		y := new(Int).Exp(a, q, x)
		if y.Cmp(intOne) == 0 || y.Cmp(xm1) == 0 {
			continue
		}
		composite := true
		for j := uint(1); j < k; j++ {
			modMul(y, y, y, x)
			if y.Cmp(xm1) == 0 {
				composite = false
				break
			}
			if y.Cmp(intOne) == 0 {
				break
			}
		}
		if composite {
			return false
		}
	}
	return true
}

// Sqrt sets z to the largest integer whose square is at most x and returns
// z. It panics if x is negative.
func (z *Int) Sqrt(x *Int) *Int {
	if x.neg {
		panic("square root of negative number")
	}
	if len(x.abs) == 0 {
		return z.SetInt64(0)
	}
	// Newton's iteration from a power of two above the root.
	r := new(Int).Lsh(intOne, uint(x.BitLen()/2+1))
	t := new(Int)
	for {
		t.Quo(x, r)
		t.Add(t, r)
		t.Rsh(t, 1)
		if t.Cmp(r) >= 0 {
			return z.Set(r)
		}
		r.Set(t)
	}
}

// MulRange sets z to the product of all integers in [a, b] and returns z.
func (z *Int) MulRange(a, b int64) *Int {
	if a > b {
		return z.SetInt64(1)
	}
	if a <= 0 && b >= 0 {
		return z.SetInt64(0)
	}
	r := NewInt(1)
	t := new(Int)
	for i := a; i <= b; i++ {
		r.Mul(r, t.SetInt64(i))
	}
	return z.Set(r)
}

// Binomial sets z to the binomial coefficient C(n, k) and returns z.
func (z *Int) Binomial(n, k int64) *Int {
	if k > n {
		return z.SetInt64(0)
	}
	if k > n-k {
		k = n - k
	}
	var a, b Int
	a.MulRange(n-k+1, n)
	b.MulRange(1, k)
	return z.Quo(&a, &b)
}

// Accuracy describes the rounding error of the most recent operation
// that produced a float64: whether it is below, exactly at or above the
// exact value.
type Accuracy int8

// The possible Accuracy values.
const (
	Below Accuracy = -1
	Exact Accuracy = 0
	Above Accuracy = +1
)

func (a Accuracy) String() string {
	switch a {
	case Below:
		return "Below"
	case Exact:
		return "Exact"
	case Above:
		return "Above"
	}
	return "Accuracy(" + text(NewInt(int64(a)), 10, false) + ")"
}

// Float64 returns the float64 value nearest x (rounding half to even), and
// an indication of any rounding: ±Inf when x is too large.
func (x *Int) Float64() (float64, Accuracy) {
	n := x.BitLen()
	if n == 0 {
		return 0.0, Exact
	}
	// The top 64 bits with a sticky bit for anything below them: the
	// conversion of 64 bits to 53 then rounds exactly as the whole would.
	mag := new(Int).Abs(x)
	shift := 0
	if n > 64 {
		shift = n - 64
		sticky := mag.TrailingZeroBits() < uint(shift)
		mag.Rsh(mag, uint(shift))
		if sticky {
			mag.abs[0] |= 1
		}
	}
	f := math.Ldexp(float64(uint64(mag.abs[0])), shift)
	acc := Exact
	if math.IsInf(f, 0) {
		acc = Above
	} else {
		// Compare f with |x| exactly: f = frac * 2^exp with 53-bit frac.
		frac, exp := math.Frexp(f)
		back := new(Int).SetUint64(uint64(frac * (1 << 53)))
		if exp >= 53 {
			back.Lsh(back, uint(exp-53))
		} else {
			back.Rsh(back, uint(53-exp))
		}
		acc = Accuracy(back.CmpAbs(x))
	}
	if x.neg {
		return -f, -acc
	}
	return f, acc
}

// FillBytes sets buf to |x| as a zero-extended big-endian byte slice.
func (x *Int) FillBytes(buf []byte) []byte {
	for i := range buf {
		buf[i] = 0
	}
	i := len(buf)
	for _, w := range x.abs {
		for k := 0; k < 8; k++ {
			if i == 0 {
				if w != 0 {
					panic("math/big: buffer too small to fit value")
				}
				break
			}
			i--
			buf[i] = byte(w)
			w >>= 8
		}
	}
	return buf
}

// Bytes returns |x| as a big-endian byte slice.
func (x *Int) Bytes() []byte {
	buf := make([]byte, len(x.abs)*8)
	x.FillBytes(buf)
	i := 0
	for i < len(buf) && buf[i] == 0 {
		i++
	}
	return buf[i:]
}

// SetBytes interprets buf as a big-endian unsigned integer and returns z.
func (z *Int) SetBytes(buf []byte) *Int {
	ws := make([]Word, (len(buf)+7)/8)
	for i := 0; i < len(buf); i++ {
		b := buf[len(buf)-1-i]
		ws[i/8] |= Word(b) << (8 * uint(i%8))
	}
	return z.SetBits(ws)
}

// cspBase2, cspBase8, cspBase10 and cspBase16 give fmt the signed digits
// of x ("<nil>" for nil): csp's printer lays them out for %d %b %o %O %x
// %X %v %s with Go's flags, as big.Int's Format method does in Go
// (stdlib/fmtcore.c, handle_digits).
func (x *Int) cspBase2() string  { return x.cspBase(2) }
func (x *Int) cspBase8() string  { return x.cspBase(8) }
func (x *Int) cspBase10() string { return x.cspBase(10) }
func (x *Int) cspBase16() string { return x.cspBase(16) }

func (x *Int) cspBase(base int) string {
	if x == nil {
		return "<nil>"
	}
	return x.Text(base)
}
