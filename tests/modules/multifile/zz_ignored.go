//go:build ignore

// Left out of `run .` by its build constraint (it would not compile).
package other

var base = "not an int"
