// bufstream: one producer streams integers through a channel of capacity
// 128 to one consumer. Measures the buffered fast path (no parking while
// the buffer is neither full nor empty) and the batching it allows.
package main

import "fmt"

const count = 10000000

func main() {
	ch := make(chan int, 128)
	go func() {
		for i := 0; i < count; i++ {
			ch <- i
		}
		close(ch)
	}()
	sum := 0
	n := 0
	for v := range ch {
		sum += v & 1023
		n++
	}
	fmt.Println("bufstream", n, sum)
}
