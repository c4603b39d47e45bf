# quicksort: 10^6 integers from a Park-Miller generator, sorted by the same
# quicksort as quicksort.go; same output.
N = 1000000


def quicksort(a, lo, hi):
    while lo < hi:
        p = a[(lo + hi) // 2]
        i, j = lo, hi
        while i <= j:
            while a[i] < p:
                i += 1
            while a[j] > p:
                j -= 1
            if i <= j:
                a[i], a[j] = a[j], a[i]
                i += 1
                j -= 1
        if j - lo < hi - i:
            quicksort(a, lo, j)
            lo = i
        else:
            quicksort(a, i, hi)
            hi = j


def main():
    a = [0] * N
    x = 1
    for i in range(N):
        x = x * 48271 % 2147483647
        a[i] = x
    quicksort(a, 0, N - 1)
    s = 0
    for i in range(N):
        if i > 0 and a[i - 1] > a[i]:
            raise SystemExit("not sorted")
        s = (s * 31 + a[i]) % 1000000007
    print("quicksort", N, a[0], a[N // 2], a[N - 1], s)


main()
