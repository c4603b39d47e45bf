# textpipe: the same pipeline as textpipe.go, with the same data
# structures: lines read from standard input are handed over in batches of
# 256 to 4 workers, each counting words into its own dict, and the 4 dicts
# are merged at the end. The workers are generators resumed in turn
# (threads would only take turns on the GIL); the output is textpipe.go's.
import sys

WORKERS = 4
BATCH = 256


def worker():
    counts = {}
    batch = yield
    while batch is not None:
        for line in batch:
            for w in line.split():
                counts[w] = counts.get(w, 0) + 1
        batch = yield
    yield counts


def main():
    workers = [worker() for _ in range(WORKERS)]
    for w in workers:
        next(w)
    k = 0
    lines = 0
    batch = []
    for line in sys.stdin:
        lines += 1
        batch.append(line)
        if len(batch) == BATCH:
            workers[k].send(batch)
            k = (k + 1) % WORKERS
            batch = []
    if batch:
        workers[k].send(batch)

    total = {}
    for w in workers:
        for word, c in w.send(None).items():
            total[word] = total.get(word, 0) + c
    words = weighted = 0
    top, top_count = "", 0
    for w, c in total.items():
        words += c
        weighted += len(w) * c
        if c > top_count or (c == top_count and w < top):
            top, top_count = w, c
    print("textpipe", lines, words, len(total), weighted, top, top_count)


main()
