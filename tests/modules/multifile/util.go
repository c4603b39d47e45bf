package main

import "fmt"

var base = 41
var counter int

// Shape is satisfied by Square, declared in this file and used in main.go.
type Shape interface{ Area() int }

type Square struct{ n int }

func (s Square) Area() int { return s.n * s.n }

func add(a, b int) int {
	counter++
	return a + b
}

func greet(n string) string { return "hello, " + n }

func describe(s Shape) string { return fmt.Sprintf("%T %v", s, s) }

func init() { fmt.Println("init util.go", base) }
