// quicksort: sorts a slice of 10^6 ints from a Park-Miller generator with
// a hand-written quicksort (middle pivot, Hoare partition), checks the
// order and prints a rolling checksum. Measures slice indexing and bounds
// checks, compare-and-branch, swaps and recursion.
package main

import "fmt"

const n = 1000000

func quicksort(a []int, lo, hi int) {
	for lo < hi {
		p := a[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		// Recurse into the smaller part and loop on the larger one, so the
		// depth stays logarithmic whatever the data.
		if j-lo < hi-i {
			quicksort(a, lo, j)
			lo = i
		} else {
			quicksort(a, i, hi)
			hi = j
		}
	}
}

func main() {
	a := make([]int, n)
	x := 1
	for i := range a {
		x = x * 48271 % 2147483647
		a[i] = x
	}
	quicksort(a, 0, n-1)
	sum := 0
	for i := 0; i < n; i++ {
		if i > 0 && a[i-1] > a[i] {
			panic("not sorted")
		}
		sum = (sum*31 + a[i]) % 1000000007
	}
	fmt.Println("quicksort", n, a[0], a[n/2], a[n-1], sum)
}
