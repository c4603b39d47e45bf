// logparse: reads a generated web-server log from standard input (bench/run
// makes it) line by line and parses every line with one regexp of eight
// named submatches, tallying requests per level and service, status
// classes and total latency; lines that do not parse are counted.
// Measures package regexp's submatch extraction on short anchored lines.
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
)

func main() {
	re := regexp.MustCompile(`^(?P<ts>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\s+(?P<level>[A-Z]+)\s+\[(?P<svc>\w+)\]\s+(?P<method>GET|POST|PUT|DELETE)\s+(?P<path>/\S*)\s+(?P<status>\d{3})\s+(?P<ms>\d+)ms$`)
	level, svc, status := re.SubexpIndex("level"), re.SubexpIndex("svc"), re.SubexpIndex("status")
	msIdx := re.SubexpIndex("ms")
	counts := map[string]int{}
	totalMs, bad := 0, 0
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		m := re.FindStringSubmatch(sc.Text())
		if m == nil {
			bad++
			continue
		}
		counts[m[level]+" "+m[svc]]++
		counts["status "+m[status][:1]+"xx"]++
		ms, _ := strconv.Atoi(m[msIdx])
		totalMs += ms
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(k, counts[k])
	}
	fmt.Println("total ms", totalMs, "unparsed", bad)
}
