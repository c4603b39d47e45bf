// threadring: 503 goroutines linked in a ring by unbuffered channels pass a
// token around; each hop decrements it, and the goroutine that sees zero
// reports its number (the Computer Language Benchmarks Game's thread-ring).
package main

import "fmt"

const ringSize = 503
const hops = 2000000

func member(id int, in <-chan int, out chan<- int, result chan<- int) {
	for {
		t := <-in
		if t == 0 {
			result <- id
			return
		}
		out <- t - 1
	}
}

func main() {
	result := make(chan int)
	first := make(chan int)
	in := first
	for id := 1; id <= ringSize; id++ {
		out := first
		if id < ringSize {
			out = make(chan int)
		}
		go member(id, in, out, result)
		in = out
	}
	first <- hops
	fmt.Println("threadring", ringSize, hops, <-result)
}
