-- textpipe: counts the words of the generated file read from standard
-- input, sequentially (Lua has no threads); same output as textpipe.go.

local counts = {}
local lines = 0
for line in io.lines() do
  lines = lines + 1
  for w in line:gmatch("%S+") do
    counts[w] = (counts[w] or 0) + 1
  end
end

local words, distinct, weighted = 0, 0, 0
local top, topCount = "", 0
for w, c in pairs(counts) do
  words = words + c
  distinct = distinct + 1
  weighted = weighted + #w * c
  if c > topCount or (c == topCount and w < top) then
    top, topCount = w, c
  end
end
print(string.format("textpipe %d %d %d %d %s %d", lines, words, distinct, weighted, top, topCount))
