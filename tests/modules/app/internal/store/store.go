// Package store is an internal package of two files.
package store

import (
	"errors"
	"sort"

	"example.com/app/internal/logx"
)

// ErrMissing is returned for an absent key.
var ErrMissing = errors.New("store: missing key")

// Store maps names to numbers.
type Store struct{ m map[string]int }

// New returns an empty store.
func New() *Store { return &Store{m: map[string]int{}} }

func (s *Store) Put(k string, v int) { s.m[k] = v; count++ }

func (s *Store) Get(k string) (int, error) {
	v, ok := s.m[k]
	if !ok {
		return 0, ErrMissing
	}
	return v, nil
}

func (s *Store) Keys() []string {
	ks := make([]string, 0, len(s.m))
	for k := range s.m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func init() { logx.Log("store init (store.go), version " + Version) }
