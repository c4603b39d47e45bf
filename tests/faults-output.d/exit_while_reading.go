// main returns while another goroutine is blocked reading standard input:
// the program ends at once, as Go's does (the read does not hold it).
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	go func() {
		b := make([]byte, 10)
		os.Stdin.Read(b)
	}()
	time.Sleep(100 * time.Millisecond)
	fmt.Println("main done")
}
