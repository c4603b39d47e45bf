package store

import (
	"cmp"
	"fmt"

	"example.com/app/internal/logx"
)

// Version is computed from an unexported helper in another file.
var Version = version(1, 2)

var count int

func version(a, b int) string { return fmt.Sprintf("v%d.%d", a, b) }

func (s *Store) Len() int { return count }

// Max is generic: instantiated by the importer.
func Max[T cmp.Ordered](xs []T) T {
	m := xs[0]
	for _, x := range xs[1:] {
		m = max(m, x)
	}
	return m
}

func init() { logx.Log("store init (util.go)") }
