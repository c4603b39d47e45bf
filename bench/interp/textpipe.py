# textpipe: counts the words of the generated file read from standard
# input, sequentially; same output as textpipe.go.
import sys


def main():
    counts = {}
    lines = 0
    for line in sys.stdin:
        lines += 1
        for w in line.split():
            counts[w] = counts.get(w, 0) + 1
    words = weighted = 0
    top, top_count = "", 0
    for w, c in counts.items():
        words += c
        weighted += len(w) * c
        if c > top_count or (c == top_count and w < top):
            top, top_count = w, c
    print("textpipe", lines, words, len(counts), weighted, top, top_count)


main()
