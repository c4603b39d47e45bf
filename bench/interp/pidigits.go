// pidigits: the Benchmarks Game's pidigits at n = 3,000 — the spigot
// algorithm for the digits of pi on math/big Ints that grow to thousands
// of words: Mul by a word, Add, Lsh, QuoRem. (No Lua peer: Lua has no
// big integers.)
package main

import (
	"bufio"
	"fmt"
	"math/big"
	"os"
)

const n = 3000

var (
	tmp1  = big.NewInt(0)
	tmp2  = big.NewInt(0)
	tmp3  = big.NewInt(0)
	y2    = big.NewInt(0)
	bigk  = big.NewInt(0)
	numer = big.NewInt(1)
	accum = big.NewInt(0)
	denom = big.NewInt(1)
	ten   = big.NewInt(10)
)

func extractDigit() int64 {
	if numer.Cmp(accum) > 0 {
		return -1
	}
	// (numer*3 + accum) / denom, and whether numer*4 + accum gives the same
	tmp1.Lsh(numer, 1).Add(tmp1, numer).Add(tmp1, accum)
	tmp1.QuoRem(tmp1, denom, tmp2)
	tmp2.Add(tmp2, numer)
	if tmp2.Cmp(denom) >= 0 {
		return -1
	}
	return tmp1.Int64()
}

func nextTerm(k int64) {
	y2.SetInt64(k*2 + 1)
	bigk.SetInt64(k)
	tmp1.Lsh(numer, 1)
	accum.Add(accum, tmp1)
	accum.Mul(accum, y2)
	numer.Mul(numer, bigk)
	denom.Mul(denom, y2)
}

func eliminateDigit(d int64) {
	tmp3.SetInt64(d)
	accum.Sub(accum, tmp3.Mul(denom, tmp3))
	accum.Mul(accum, ten)
	numer.Mul(numer, ten)
}

func main() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	line := make([]byte, 0, 10)
	k := int64(0)
	for i := 1; i <= n; i++ {
		d := int64(-1)
		for d < 0 {
			k++
			nextTerm(k)
			d = extractDigit()
		}
		line = append(line, byte(d)+'0')
		if len(line) == 10 {
			fmt.Fprintf(w, "%s\t:%d\n", line, i)
			line = line[:0]
		}
		eliminateDigit(d)
	}
	if len(line) > 0 {
		fmt.Fprintf(w, "%-10s\t:%d\n", line, n)
	}
}
