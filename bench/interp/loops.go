// loops: two nested counting loops, 10^8 iterations of integer multiply,
// add and modulo. Measures the dispatch loop itself: loop compare and
// branch, arithmetic with constant operands, no calls, no allocation.
package main

import "fmt"

const n = 10000

func main() {
	s := 0
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			s += (i*j + j) % 7
		}
	}
	fmt.Println("loops", n*n, s)
}
