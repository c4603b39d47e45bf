package main

// Every kind of writer of the two standard streams, alternating: under
// 2>&1 they must appear in program order.
import (
	"bufio"
	"fmt"
	"log"
	"os"
)

func main() {
	log.SetFlags(0)
	fmt.Println("out 1")
	fmt.Fprintln(os.Stderr, "err 2")
	fmt.Printf("out %d\n", 3)
	println("err", 4)
	os.Stdout.WriteString("out 5\n")
	log.Print("err 6")
	w := bufio.NewWriter(os.Stdout)
	w.WriteString("out 7\n")
	w.Flush()
	print("err 8\n")
	fmt.Print("out 9\n")
	var m map[string]int
	m["x"] = 10 // panics: its report is last
}
