// fanin: four producers each send on their own unbuffered channel; main
// merges them with a 4-case select, setting a channel to nil once it is
// closed, until all four are done.
package main

import "fmt"

const perProducer = 500000
const producers = 4

func produce(id int, out chan<- int) {
	for i := 0; i < perProducer; i++ {
		out <- id*perProducer + i
	}
	close(out)
}

func main() {
	var chans [producers]chan int
	for i := range chans {
		chans[i] = make(chan int)
		go produce(i, chans[i])
	}
	a, b, c, d := chans[0], chans[1], chans[2], chans[3]
	open := producers
	n, sum := 0, 0
	for open > 0 {
		var v int
		var ok bool
		select {
		case v, ok = <-a:
			if !ok {
				a = nil
			}
		case v, ok = <-b:
			if !ok {
				b = nil
			}
		case v, ok = <-c:
			if !ok {
				c = nil
			}
		case v, ok = <-d:
			if !ok {
				d = nil
			}
		}
		if !ok {
			open--
			continue
		}
		n++
		sum += v % 1000
	}
	fmt.Println("fanin", n, sum)
}
