# logparse: the same work as logparse.go with Python's re.
import re
import sys

pat = re.compile(r"^(?P<ts>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\s+(?P<level>[A-Z]+)\s+\[(?P<svc>\w+)\]\s+(?P<method>GET|POST|PUT|DELETE)\s+(?P<path>/\S*)\s+(?P<status>\d{3})\s+(?P<ms>\d+)ms$", re.ASCII)
counts = {}
total_ms = 0
bad = 0
for line in sys.stdin:
    m = pat.match(line.rstrip("\n"))
    if m is None:
        bad += 1
        continue
    k = m.group("level") + " " + m.group("svc")
    counts[k] = counts.get(k, 0) + 1
    k = "status " + m.group("status")[0] + "xx"
    counts[k] = counts.get(k, 0) + 1
    total_ms += int(m.group("ms"))
for k in sorted(counts):
    print(k, counts[k])
print("total ms", total_ms, "unparsed", bad)
