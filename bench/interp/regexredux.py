# regexredux: the benchmarks-game regex-redux program with Python's re
# (the same work as regexredux.go).
import re
import sys

variants = [
    "agggtaaa|tttaccct",
    "[cgt]gggtaaa|tttaccc[acg]",
    "a[act]ggtaaa|tttacc[agt]t",
    "ag[act]gtaaa|tttac[agt]ct",
    "agg[act]taaa|ttta[agt]cct",
    "aggg[acg]aaa|ttt[cgt]ccct",
    "agggt[cgt]aa|tt[acg]accct",
    "agggta[cgt]a|t[acg]taccct",
    "agggtaa[cgt]|[acg]ttaccct",
]
substs = [
    ("tHa[Nt]", "<4>"),
    ("aND|caN|Ha[DS]|WaS", "<3>"),
    ("a[NSt]|BY", "<2>"),
    ("<[^>]*>", "|"),
    ("\\|[^|][^|]*\\|", "-"),
]
b = sys.stdin.buffer.read()
ilen = len(b)
b = re.sub(b"(>[^\n]*)?\n", b"", b)
clen = len(b)
for v in variants:
    print(v, len(re.findall(v.encode(), b)))
for p, r in substs:
    b = re.sub(p.encode(), r.encode(), b)
print()
print(ilen)
print(clen)
print(len(b))
