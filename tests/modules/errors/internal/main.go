package main

import (
	"fmt"

	"example.com/bad/sub"
)

func main() { fmt.Println(sub.S()) }
