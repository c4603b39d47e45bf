// Package alpha is imported after zeta but initialised before it.
package alpha

import "fmt"

var Name = "alpha"

func init() { fmt.Println("alpha init") }
