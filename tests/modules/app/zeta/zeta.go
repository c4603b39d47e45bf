// Package zeta: see alpha.
package zeta

import "fmt"

var Name = "zeta"

func init() { fmt.Println("zeta init") }
