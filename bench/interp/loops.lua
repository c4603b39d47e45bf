-- loops: two nested counting loops, 10^8 iterations; same output as loops.go.
local n = 10000
local s = 0
for i = 0, n - 1 do
  for j = 0, n - 1 do
    s = s + (i * j + j) % 7
  end
end
print(string.format("loops %d %d", n * n, s))
