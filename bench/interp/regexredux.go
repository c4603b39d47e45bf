// regexredux: the benchmarks-game regex-redux program. Reads a FASTA file
// (bench/run generates it)
// from standard input, strips headers and newlines with one regexp,
// counts the matches of nine DNA variant patterns, then applies five
// substitutions in turn. Measures package regexp: alternations and
// classes scanned over megabytes, ReplaceAll with and without matches.
package main

import (
	"fmt"
	"io"
	"os"
	"regexp"
)

var variants = []string{
	"agggtaaa|tttaccct",
	"[cgt]gggtaaa|tttaccc[acg]",
	"a[act]ggtaaa|tttacc[agt]t",
	"ag[act]gtaaa|tttac[agt]ct",
	"agg[act]taaa|ttta[agt]cct",
	"aggg[acg]aaa|ttt[cgt]ccct",
	"agggt[cgt]aa|tt[acg]accct",
	"agggta[cgt]a|t[acg]taccct",
	"agggtaa[cgt]|[acg]ttaccct",
}

var substs = []struct{ pat, repl string }{
	{"tHa[Nt]", "<4>"},
	{"aND|caN|Ha[DS]|WaS", "<3>"},
	{"a[NSt]|BY", "<2>"},
	{"<[^>]*>", "|"},
	{"\\|[^|][^|]*\\|", "-"},
}

func main() {
	b, _ := io.ReadAll(os.Stdin)
	ilen := len(b)
	b = regexp.MustCompile("(>[^\n]*)?\n").ReplaceAllLiteral(b, nil)
	clen := len(b)
	for _, v := range variants {
		fmt.Println(v, len(regexp.MustCompile(v).FindAllIndex(b, -1)))
	}
	for _, s := range substs {
		b = regexp.MustCompile(s.pat).ReplaceAll(b, []byte(s.repl))
	}
	fmt.Printf("\n%d\n%d\n%d\n", ilen, clen, len(b))
}
