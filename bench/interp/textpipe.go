// textpipe: reads a generated text file from standard input (bench/run
// makes it and redirects it) line by line with bufio.Scanner, hands batches of
// lines over a channel to 4 goroutines that count words with
// strings.Fields into their own maps, then merges the maps. Measures
// buffered reading, string splitting, map updates and the hand-off of work.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

const workers = 4
const batchSize = 256

func count(batches <-chan []string, results chan<- map[string]int) {
	counts := make(map[string]int)
	for batch := range batches {
		for _, line := range batch {
			for _, w := range strings.Fields(line) {
				counts[w]++
			}
		}
	}
	results <- counts
}

func main() {
	batches := make(chan []string, workers)
	results := make(chan map[string]int)
	for w := 0; w < workers; w++ {
		go count(batches, results)
	}

	lines := 0
	batch := make([]string, 0, batchSize)
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		batch = append(batch, sc.Text())
		lines++
		if len(batch) == batchSize {
			batches <- batch
			batch = make([]string, 0, batchSize)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if len(batch) > 0 {
		batches <- batch
	}
	close(batches)

	total := make(map[string]int)
	for w := 0; w < workers; w++ {
		for word, c := range <-results {
			total[word] += c
		}
	}

	words, weighted := 0, 0
	top, topCount := "", 0
	for word, c := range total {
		words += c
		weighted += len(word) * c
		if c > topCount || (c == topCount && word < top) {
			top, topCount = word, c
		}
	}
	fmt.Println("textpipe", lines, words, len(total), weighted, top, topCount)
}
