// The directory is greet, the package hello: importers use its name.
package hello

import "example.com/app/internal/logx"

func Greet(who string) string { return "hello, " + who }

func init() { logx.Log("hello init") }
