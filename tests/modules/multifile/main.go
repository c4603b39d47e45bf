// A program of two files: package-level declarations are shared, variables
// initialise in dependency order across files, and each file's init runs
// in the order the files were given.
package main

import (
	"fmt"
	"os"
)

var total = add(base, 1) // base is declared in util.go

func init() { fmt.Println("init main.go", total, counter) }

func main() {
	fmt.Println("args:", len(os.Args)-1, os.Args[1:])
	fmt.Println(greet("csp"), counter)
	var s Shape = Square{3}
	fmt.Println(s.Area(), describe(s))
}
