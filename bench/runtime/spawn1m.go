// spawn1m: a million goroutines are started and all block receiving from
// one channel; closing it releases them, each stores its result in its own
// slot of a slice and signals a WaitGroup. Measures spawn cost, the memory
// of a parked goroutine (peak RSS: Go needs about 2.7 KB each) and a mass
// wake-up. Go itself takes a few seconds here, mostly faulting in stacks.
package main

import (
	"fmt"
	"sync"
)

const count = 1000000

func main() {
	start := make(chan struct{})
	results := make([]int, count)
	var wg sync.WaitGroup
	wg.Add(count)
	for i := 0; i < count; i++ {
		go func(i int) {
			<-start
			results[i] = i % 1000
			wg.Done()
		}(i)
	}
	close(start)
	wg.Wait()
	sum := 0
	for _, v := range results {
		sum += v
	}
	fmt.Println("spawn1m", count, sum)
}
