package main

// Counts the lines of standard input; a closed standard input reads as
// empty, without an error (Go opens it on /dev/null at start).
import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	sc := bufio.NewScanner(os.Stdin)
	n := 0
	for sc.Scan() {
		n++
	}
	_, err := fmt.Println("lines", n, sc.Err())
	fmt.Fprintln(os.Stderr, "println error:", err)
}
