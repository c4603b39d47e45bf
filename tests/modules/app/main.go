// A module's packages: store (two files) and greet (package hello) both
// import logx, which is loaded and initialised once; alpha and zeta
// initialise in import-path order whatever the order of the imports.
package main

import (
	"fmt"
	"os"

	"example.com/app/greet"
	"example.com/app/internal/logx"
	"example.com/app/internal/store"
	"example.com/app/zeta"
	"example.com/app/alpha"
)

func init() { logx.Log("main init") }

func main() {
	s := store.New()
	s.Put("b", 2)
	s.Put("a", 1)
	fmt.Println(s.Keys(), s.Len())
	fmt.Printf("%T %v\n", s, store.Version)
	fmt.Println(hello.Greet("modules"), alpha.Name, zeta.Name)
	fmt.Println(store.Max([]int{3, 9, 2}), store.Max([]string{"x", "y"}))
	var e error = store.ErrMissing
	if _, err := s.Get("zz"); err == e {
		fmt.Println("error:", err)
	}
	fmt.Println("logged:", logx.Count, "args:", os.Args[1:])
}
