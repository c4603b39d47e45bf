// pingpong: two goroutines bounce a counter over a pair of unbuffered
// channels. Measures the cost of a synchronous hand-off (park one, wake the
// other), the case Go's runnext slot is built for.
package main

import "fmt"

const rounds = 1000000

func main() {
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	sum := 0
	v := 0
	for i := 0; i < rounds; i++ {
		ping <- v
		v = <-pong
		sum += v % 7
	}
	close(ping)
	<-pong
	fmt.Println("pingpong", rounds, v, sum)
}
