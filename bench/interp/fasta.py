# fasta: fasta at n = 250,000; same output as fasta.go. Lines go into a
# bytearray written once per line to a buffered stdout.
import sys

N = 250000
WIDTH = 60
IM, IA, IC = 139968, 3877, 29573
last = 42


def random(mx):
    global last
    last = (last * IA + IC) % IM
    return mx * float(last) / IM


ALU = (b"GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG"
       b"GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA"
       b"CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT"
       b"ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA"
       b"GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG"
       b"AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC"
       b"AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA")


def repeat_fasta(out, s, count):
    pos = 0
    s2 = s + s[:WIDTH]
    while count > 0:
        line = min(WIDTH, count)
        out.write(s2[pos:pos + line])
        out.write(b"\n")
        pos += line
        if pos >= len(s):
            pos -= len(s)
        count -= line


def random_fasta(out, genes, count):
    cum = 0.0
    for g in genes:
        cum += g[0]
        g[0] = cum
    buf = bytearray(WIDTH + 1)
    while count > 0:
        line = min(WIDTH, count)
        for pos in range(line):
            r = random(1.0)
            i = 0
            while genes[i][0] < r:
                i += 1
            buf[pos] = genes[i][1]
        buf[line] = 10
        out.write(buf[:line + 1])
        count -= line


def main():
    out = sys.stdout.buffer
    iub = [[p, ord(c)] for p, c in (
        (0.27, "a"), (0.12, "c"), (0.12, "g"), (0.27, "t"),
        (0.02, "B"), (0.02, "D"), (0.02, "H"), (0.02, "K"),
        (0.02, "M"), (0.02, "N"), (0.02, "R"), (0.02, "S"),
        (0.02, "V"), (0.02, "W"), (0.02, "Y"))]
    homosapiens = [[0.3029549426680, ord("a")], [0.1979883004921, ord("c")],
                   [0.1975473066391, ord("g")], [0.3015094502008, ord("t")]]
    out.write(b">ONE Homo sapiens alu\n")
    repeat_fasta(out, ALU, 2 * N)
    out.write(b">TWO IUB ambiguity codes\n")
    random_fasta(out, iub, 3 * N)
    out.write(b">THREE Homo sapiens frequency\n")
    random_fasta(out, homosapiens, 5 * N)
    out.flush()


main()
