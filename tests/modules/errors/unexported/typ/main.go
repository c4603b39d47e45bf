package main

import (
	"fmt"

	"example.com/unexp/lib"
)

func main() {
	var h lib.hidden = lib.T{}.M()
	fmt.Println(h)
}
