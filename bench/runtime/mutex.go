// mutex: 8 goroutines each increment a shared counter under one
// sync.Mutex; a WaitGroup waits for them. Measures lock hand-off under
// contention (a waiter must park, not spin a thread). The checksum only
// uses values that do not depend on the order the workers got the lock.
package main

import (
	"fmt"
	"sync"
)

const workers = 8
const perWorker = 2500000

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	sum := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				mu.Lock()
				counter++
				sum += counter % 7
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("mutex", counter, sum)
}
