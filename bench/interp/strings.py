# strings: text building, splitting, number formatting and parsing, and a
# word count in a dict; same output as strings.go.
LINES = 200000


def main():
    parts = []
    x = 1
    for i in range(LINES):
        for _ in range(6):
            x = x * 48271 % 2147483647
            parts.append("w")
            parts.append(str(x % 3000))
            parts.append(" ")
        parts.append(str(i * 7))
        parts.append("\n")
    text = "".join(parts)

    counts = {}
    total = 0
    for line in text.split("\n"):
        if line == "":
            continue
        fields = line.split(" ")
        last = len(fields) - 1
        for w in fields[:last]:
            counts[w] = counts.get(w, 0) + 1
        total += int(fields[last])

    weighted, most = 0, 0
    for w, c in counts.items():
        weighted += len(w) * c
        if c > most:
            most = c
    print("strings", len(text), len(counts), total, weighted, most)


main()
