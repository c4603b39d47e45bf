# loops: two nested counting loops, 10^8 iterations; same output as loops.go.
n = 10000


def main():
    s = 0
    for i in range(n):
        for j in range(n):
            s += (i * j + j) % 7
    print("loops", n * n, s)


main()
