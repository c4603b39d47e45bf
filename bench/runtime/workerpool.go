// workerpool: 8 workers take jobs from a buffered channel, do a little work
// (the Collatz step count of the job's number), and send results on a
// second buffered channel; a WaitGroup closes the results when all are done.
package main

import (
	"fmt"
	"sync"
)

const jobs = 3000000
const workers = 8

func collatz(n int) int {
	steps := 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	return steps
}

func main() {
	in := make(chan int, 100)
	out := make(chan int, 100)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range in {
				out <- collatz(n%1000 + 1)
			}
		}()
	}
	go func() {
		for i := 0; i < jobs; i++ {
			in <- i
		}
		close(in)
	}()
	go func() {
		wg.Wait()
		close(out)
	}()
	n, sum := 0, 0
	for s := range out {
		n++
		sum += s
	}
	fmt.Println("workerpool", n, sum)
}
