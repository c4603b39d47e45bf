package main

import (
	"fmt"

	"example.com/cycle/a"
)

func main() { fmt.Println(a.A()) }
