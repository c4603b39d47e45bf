// mandelbrot: the Benchmarks Game's mandelbrot at 600×600 — the escape
// loop of 50 iterations per pixel in float64, pixels packed 8 to a byte,
// written as a binary PBM image. One goroutine per band of rows, as the
// Go entries do.
package main

import (
	"bufio"
	"fmt"
	"os"
	"sync"
)

const size = 600
const maxIter = 50
const bands = 8

func main() {
	bytesPerRow := (size + 7) / 8
	rows := make([]byte, bytesPerRow*size)
	var wg sync.WaitGroup
	per := (size + bands - 1) / bands
	for y0 := 0; y0 < size; y0 += per {
		y1 := y0 + per
		if y1 > size {
			y1 = size
		}
		wg.Add(1)
		go func(y0, y1 int) {
			defer wg.Done()
			for y := y0; y < y1; y++ {
				ci := 2.0*float64(y)/size - 1.0
				row := rows[y*bytesPerRow : (y+1)*bytesPerRow]
				bits := 0
				for x := 0; x < size; x++ {
					cr := 2.0*float64(x)/size - 1.5
					zr, zi, tr, ti := 0.0, 0.0, 0.0, 0.0
					i := 0
					for ; i < maxIter && tr+ti <= 4.0; i++ {
						zi = 2.0*zr*zi + ci
						zr = tr - ti + cr
						tr = zr * zr
						ti = zi * zi
					}
					bits = bits * 2
					if tr+ti <= 4.0 {
						bits++
					}
					if x%8 == 7 {
						row[x/8] = byte(bits)
						bits = 0
					}
				}
				if size%8 != 0 {
					for k := size % 8; k < 8; k++ {
						bits = bits * 2
					}
					row[size/8] = byte(bits)
				}
			}
		}(y0, y1)
	}
	wg.Wait()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	fmt.Fprintf(out, "P4\n%d %d\n", size, size)
	out.Write(rows)
}
