package main

import (
	"fmt"

	"example.com/unused/lib"
)

func main() { fmt.Println(1) }
