package main

// Output written before a fatal error is all there, before its report.
import (
	"fmt"
	"sync"
)

func main() {
	for i := 0; i < 3; i++ {
		fmt.Println("before", i)
	}
	var mu sync.Mutex
	mu.Unlock()
}
