// spawnseq: 1,000 sequential exec.Command("true").Run(). Measures the
// cost of starting a child (posix_spawn in csp, fork/exec in Go), waiting
// for it, and the pipes and goroutines a Cmd sets up around it.
package main

import (
	"fmt"
	"os/exec"
)

const runs = 1000

func main() {
	ok := 0
	for i := 0; i < runs; i++ {
		if err := exec.Command("true").Run(); err == nil {
			ok++
		}
	}
	fmt.Println("spawnseq", runs, ok)
}
