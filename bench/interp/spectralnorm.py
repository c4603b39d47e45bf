# spectralnorm: power method on A(i,j) = 1/((i+j)(i+j+1)/2 + i + 1),
# n = 500; same output as spectralnorm.go.
import math

N = 500


def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def times(v, u):
    for i in range(len(v)):
        a = 0.0
        for j in range(len(u)):
            a += eval_a(i, j) * u[j]
        v[i] = a


def times_transp(v, u):
    for i in range(len(v)):
        a = 0.0
        for j in range(len(u)):
            a += eval_a(j, i) * u[j]
        v[i] = a


def a_times_transp(v, u):
    x = [0.0] * len(u)
    times(x, u)
    times_transp(v, x)


def main():
    u = [1.0] * N
    v = [0.0] * N
    for _ in range(10):
        a_times_transp(v, u)
        a_times_transp(u, v)
    vbv, vv = 0.0, 0.0
    for i in range(N):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    print("spectralnorm %d %.9f" % (N, math.sqrt(vbv / vv)))


main()
