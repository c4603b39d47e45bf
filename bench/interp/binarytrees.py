# binarytrees: allocation and the collector, depth up to 16; same output
# as binarytrees.go. A node is a tuple (left, right); a leaf is (None, None).
MIN_DEPTH = 4
MAX_DEPTH = 16


def bottom_up(depth):
    if depth <= 0:
        return (None, None)
    depth -= 1
    return (bottom_up(depth), bottom_up(depth))


def check(node):
    left, right = node
    if left is None:
        return 1
    return 1 + check(left) + check(right)


def main():
    stretch = MAX_DEPTH + 1
    print("stretch tree of depth %d\t check: %d" % (stretch, check(bottom_up(stretch))))
    long_lived = bottom_up(MAX_DEPTH)
    for d in range(MIN_DEPTH, MAX_DEPTH + 1, 2):
        iterations = 1 << (MAX_DEPTH - d + MIN_DEPTH)
        total = 0
        for _ in range(iterations):
            total += check(bottom_up(d))
        print("%d\t trees of depth %d\t check: %d" % (iterations, d, total))
    print("long lived tree of depth %d\t check: %d" % (MAX_DEPTH, check(long_lived)))


main()
