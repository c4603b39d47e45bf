// fasta: the Benchmarks Game's fasta at n = 250,000 — 2.5 MB of DNA
// sequence written through a bufio.Writer: one repeated, two drawn from a
// linear congruential generator against cumulative probabilities. Measures
// []byte writes, small function calls and float compares.
package main

import (
	"bufio"
	"os"
)

const n = 250000
const width = 60

const (
	im = 139968
	ia = 3877
	ic = 29573
)

var last = 42

func random(max float64) float64 {
	last = (last*ia + ic) % im
	return max * float64(last) / im
}

type acid struct {
	prob float64
	sym  byte
}

const alu = "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG" +
	"GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA" +
	"CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT" +
	"ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA" +
	"GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG" +
	"AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC" +
	"AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"

func repeatFasta(out *bufio.Writer, s string, count int) {
	pos := 0
	s2 := []byte(s + s[:width])
	for count > 0 {
		line := width
		if count < line {
			line = count
		}
		out.Write(s2[pos : pos+line])
		out.WriteByte('\n')
		pos += line
		if pos >= len(s) {
			pos -= len(s)
		}
		count -= line
	}
}

func randomFasta(out *bufio.Writer, genes []acid, count int) {
	buf := make([]byte, width+1)
	cum := 0.0
	for i := range genes {
		cum += genes[i].prob
		genes[i].prob = cum
	}
	for count > 0 {
		line := width
		if count < line {
			line = count
		}
		for pos := 0; pos < line; pos++ {
			r := random(1.0)
			i := 0
			for genes[i].prob < r {
				i++
			}
			buf[pos] = genes[i].sym
		}
		buf[line] = '\n'
		out.Write(buf[:line+1])
		count -= line
	}
}

func main() {
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	iub := []acid{
		{0.27, 'a'}, {0.12, 'c'}, {0.12, 'g'}, {0.27, 't'},
		{0.02, 'B'}, {0.02, 'D'}, {0.02, 'H'}, {0.02, 'K'},
		{0.02, 'M'}, {0.02, 'N'}, {0.02, 'R'}, {0.02, 'S'},
		{0.02, 'V'}, {0.02, 'W'}, {0.02, 'Y'},
	}
	homosapiens := []acid{
		{0.3029549426680, 'a'},
		{0.1979883004921, 'c'},
		{0.1975473066391, 'g'},
		{0.3015094502008, 't'},
	}
	out.WriteString(">ONE Homo sapiens alu\n")
	repeatFasta(out, alu, 2*n)
	out.WriteString(">TWO IUB ambiguity codes\n")
	randomFasta(out, iub, 3*n)
	out.WriteString(">THREE Homo sapiens frequency\n")
	randomFasta(out, homosapiens, 5*n)
}
