# pidigits: the spigot algorithm for 3,000 digits of pi on Python's own
# big integers; same output as pidigits.go.
import sys

N = 3000


def main():
    out = []
    numer, accum, denom = 1, 0, 1
    k = 0
    line = ""
    for i in range(1, N + 1):
        d = -1
        while d < 0:
            k += 1
            y2 = k * 2 + 1
            accum = (accum + (numer << 1)) * y2
            numer *= k
            denom *= y2
            if numer > accum:
                continue
            q, r = divmod((numer << 1) + numer + accum, denom)
            if r + numer >= denom:
                continue
            d = q
        line += chr(d + 48)
        if len(line) == 10:
            out.append("%s\t:%d\n" % (line, i))
            line = ""
        accum = (accum - denom * d) * 10
        numer *= 10
    if line:
        out.append("%-10s\t:%d\n" % (line, N))
    sys.stdout.write("".join(out))


main()
