-- strings: text building, splitting, number formatting and parsing, and a
-- word count in a table; same output as strings.go.
local lines = 200000

local parts = {}
local np = 0
local x = 1
for i = 0, lines - 1 do
  for _ = 1, 6 do
    x = x * 48271 % 2147483647
    np = np + 1
    parts[np] = "w" .. tostring(x % 3000) .. " "
  end
  np = np + 1
  parts[np] = tostring(i * 7) .. "\n"
end
local text = table.concat(parts)

local counts = {}
local total = 0
for line in text:gmatch("[^\n]+") do
  local fields = {}
  local nf = 0
  for w in line:gmatch("[^ ]+") do
    nf = nf + 1
    fields[nf] = w
  end
  for k = 1, nf - 1 do
    local w = fields[k]
    counts[w] = (counts[w] or 0) + 1
  end
  total = total + tonumber(fields[nf])
end

local distinct, weighted, most = 0, 0, 0
for w, c in pairs(counts) do
  distinct = distinct + 1
  weighted = weighted + #w * c
  if c > most then most = c end
end
print(string.format("strings %d %d %d %d %d", #text, distinct, total, weighted, most))
