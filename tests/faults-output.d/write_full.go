package main

// Prints until a write fails (standard output on /dev/full), then reports
// the error as Go's *PathError words it and exits 3.
import (
	"fmt"
	"os"
)

func main() {
	for i := 0; ; i++ {
		if _, err := fmt.Println("line", i); err != nil {
			fmt.Fprintln(os.Stderr, "stopped:", err)
			os.Exit(3)
		}
	}
}
