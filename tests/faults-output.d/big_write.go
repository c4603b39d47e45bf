package main

// One 4 MB Write to standard output: it goes out whole however the kernel
// takes it (partial writes to a pipe), and Write reports every byte.
import (
	"fmt"
	"os"
	"strings"
)

func main() {
	s := strings.Repeat("0123456789abcdef", 1<<18)
	n, err := os.Stdout.Write([]byte(s))
	fmt.Fprintln(os.Stderr, n, err)
	n, err = fmt.Print(s)
	fmt.Fprintln(os.Stderr, n, err)
}
