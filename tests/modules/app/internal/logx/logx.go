// Package logx counts and prints what it logs; imported by three packages
// and initialised once.
package logx

import "fmt"

var Count int

func Log(msg string) {
	Count++
	fmt.Println("log:", msg)
}

func init() { fmt.Println("logx init") }
