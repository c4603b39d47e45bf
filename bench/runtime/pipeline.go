// pipeline: three stages joined by unbuffered channels (generate, square,
// keep those not divisible by 3) feeding main, which sums what arrives.
// Every item costs three hand-offs between four goroutines.
package main

import "fmt"

const count = 1000000

func generate(out chan<- int) {
	for i := 1; i <= count; i++ {
		out <- i
	}
	close(out)
}

func square(in <-chan int, out chan<- int) {
	for v := range in {
		out <- (v * v) % 1000003
	}
	close(out)
}

func keep(in <-chan int, out chan<- int) {
	for v := range in {
		if v%3 != 0 {
			out <- v
		}
	}
	close(out)
}

func main() {
	a := make(chan int)
	b := make(chan int)
	c := make(chan int)
	go generate(a)
	go square(a, b)
	go keep(b, c)
	n, sum := 0, 0
	for v := range c {
		n++
		sum += v
	}
	fmt.Println("pipeline", n, sum)
}
