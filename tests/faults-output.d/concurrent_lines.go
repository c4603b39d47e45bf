package main

// Eight goroutines print long lines at once: each Println is one write, so
// no line is ever cut by another's.
import (
	"fmt"
	"strings"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			body := strings.Repeat(string(rune('a'+g)), 300)
			for i := 0; i < 500; i++ {
				fmt.Println(g, body, i)
			}
		}(g)
	}
	wg.Wait()
}
