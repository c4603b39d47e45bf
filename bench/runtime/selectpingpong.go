// selectpingpong: the ping-pong of pingpong.go, but every receive is a
// 2-case select (the message channel or a quit channel), so each hand-off
// goes through the select path: lock both channels, enqueue on both, and
// dequeue from the loser when woken.
package main

import "fmt"

const rounds = 1000000

func main() {
	ping := make(chan int)
	pong := make(chan int)
	quit := make(chan bool)
	done := make(chan int)
	go func() {
		n := 0
		for {
			select {
			case v := <-ping:
				pong <- v + 1
				n++
			case <-quit:
				done <- n
				return
			}
		}
	}()
	sum := 0
	v := 0
	for i := 0; i < rounds; i++ {
		ping <- v
		select {
		case v = <-pong:
		case <-quit:
			panic("unreachable")
		}
		sum += v % 7
	}
	close(quit)
	n := <-done
	fmt.Println("selectpingpong", n, v, sum)
}
