// strings: builds a 200,000-line text with strings.Builder and
// strconv.Itoa, splits it into lines and words with strings.Split, counts
// the words in a map[string]int and parses the number that ends each line
// with strconv.Atoi. Measures string building, slicing, hashing and maps.
package main

import (
	"fmt"
	"strconv"
	"strings"
)

const lines = 200000

func main() {
	var b strings.Builder
	x := 1
	for i := 0; i < lines; i++ {
		for k := 0; k < 6; k++ {
			x = x * 48271 % 2147483647
			b.WriteString("w")
			b.WriteString(strconv.Itoa(x % 3000))
			b.WriteString(" ")
		}
		b.WriteString(strconv.Itoa(i * 7))
		b.WriteString("\n")
	}
	text := b.String()

	counts := make(map[string]int)
	total := 0
	for _, line := range strings.Split(text, "\n") {
		if line == "" {
			continue
		}
		fields := strings.Split(line, " ")
		last := len(fields) - 1
		for _, w := range fields[:last] {
			counts[w]++
		}
		n, err := strconv.Atoi(fields[last])
		if err != nil {
			panic(err)
		}
		total += n
	}

	weighted, most := 0, 0
	for w, c := range counts {
		weighted += len(w) * c
		if c > most {
			most = c
		}
	}
	fmt.Println("strings", len(text), len(counts), total, weighted, most)
}
