package main

// Prints a line every 300 ms, then sleeps: each line must reach a pipe or
// file when printed, not when the program ends.
import (
	"fmt"
	"time"
)

func main() {
	for i := 0; i < 4; i++ {
		fmt.Println("tick", i)
		time.Sleep(300 * time.Millisecond)
	}
	time.Sleep(5 * time.Second)
}
