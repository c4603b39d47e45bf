# mandelbrot: 600x600, 50 iterations; same output as mandelbrot.go (a
# binary PBM), rows packed into a bytearray.
import sys

SIZE, MAX_ITER = 600, 50


def main():
    size = SIZE
    per_row = (size + 7) // 8
    rows = bytearray(per_row * size)
    for y in range(size):
        ci = 2.0 * y / size - 1.0
        bits = 0
        base = y * per_row
        for x in range(size):
            cr = 2.0 * x / size - 1.5
            zr = zi = tr = ti = 0.0
            i = 0
            while i < MAX_ITER and tr + ti <= 4.0:
                zi = 2.0 * zr * zi + ci
                zr = tr - ti + cr
                tr = zr * zr
                ti = zi * zi
                i += 1
            bits = bits * 2
            if tr + ti <= 4.0:
                bits += 1
            if x % 8 == 7:
                rows[base + x // 8] = bits
                bits = 0
        if size % 8 != 0:
            for _ in range(size % 8, 8):
                bits = bits * 2
            rows[base + size // 8] = bits
    out = sys.stdout.buffer
    out.write(b"P4\n%d %d\n" % (size, size))
    out.write(rows)
    out.flush()


main()
