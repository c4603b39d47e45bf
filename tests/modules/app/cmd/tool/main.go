// A second command of the module: internal packages of the module are
// open to it.
package main

import (
	"fmt"

	"example.com/app/internal/store"
)

func main() {
	s := store.New()
	s.Put("k", 7)
	v, err := s.Get("k")
	fmt.Println(v, err, store.Version)
}
