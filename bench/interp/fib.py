# fib: naive recursive Fibonacci, fib(32); same output as fib.go.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print("fib", 32, fib(32))
