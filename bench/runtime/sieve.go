// sieve: the daisy-chain prime sieve of the Go tour. A generator feeds a
// chain of filter goroutines, one per prime found so far; every number
// crosses an unbuffered channel per filter it passes, so the chain grows to
// thousands of goroutines each doing a short hand-off.
package main

import "fmt"

const primes = 2500

func generate(ch chan<- int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

func filter(in <-chan int, out chan<- int, prime int) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

func main() {
	ch := make(chan int)
	go generate(ch)
	sum := 0
	last := 0
	for i := 0; i < primes; i++ {
		p := <-ch
		sum += p
		last = p
		next := make(chan int)
		go filter(ch, next, p)
		ch = next
	}
	fmt.Println("sieve", primes, last, sum)
}
