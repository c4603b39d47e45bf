-- quicksort: 10^6 integers from a Park-Miller generator, sorted by the
-- same quicksort as quicksort.go; same output. The array is 1-based; the
-- sorted result, hence the checksum, does not depend on that.
local n = 1000000
local floor = math.floor

local function quicksort(a, lo, hi)
  while lo < hi do
    local p = a[floor((lo + hi) / 2)]
    local i, j = lo, hi
    while i <= j do
      while a[i] < p do i = i + 1 end
      while a[j] > p do j = j - 1 end
      if i <= j then
        a[i], a[j] = a[j], a[i]
        i = i + 1
        j = j - 1
      end
    end
    if j - lo < hi - i then
      quicksort(a, lo, j)
      lo = i
    else
      quicksort(a, i, hi)
      hi = j
    end
  end
end

local a = {}
local x = 1
for i = 1, n do
  x = x * 48271 % 2147483647
  a[i] = x
end
quicksort(a, 1, n)
local sum = 0
for i = 1, n do
  if i > 1 and a[i - 1] > a[i] then error("not sorted") end
  sum = (sum * 31 + a[i]) % 1000000007
end
print(string.format("quicksort %d %d %d %d %d", n, a[1], a[n / 2 + 1], a[n], sum))
