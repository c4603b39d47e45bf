package main

import (
	"fmt"
	"os/foo"

	"example.com/imports/cmd/prog"
	"example.com/imports/empty"
	"example.com/imports/nope"
	"example.org/elsewhere"
)

func main() { fmt.Println(foo.X, nope.Y, prog.Z, empty.E, elsewhere.W) }
