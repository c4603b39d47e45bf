-- textpipe: the same pipeline as textpipe.go, with the same data
-- structures: lines read from standard input are handed over in batches
-- of 256 to 4 workers, each counting words into its own table, and the 4
-- tables are merged at the end. Lua has no threads, so the workers are
-- coroutines resumed in turn; the output is textpipe.go's.

local WORKERS, BATCH = 4, 256

local function worker()
  local counts = {}
  local batch = coroutine.yield()
  while batch do
    for i = 1, #batch do
      for w in batch[i]:gmatch("%S+") do
        counts[w] = (counts[w] or 0) + 1
      end
    end
    batch = coroutine.yield()
  end
  return counts
end

local workers = {}
for i = 1, WORKERS do
  workers[i] = coroutine.create(worker)
  assert(coroutine.resume(workers[i]))
end

local next_worker = 0
local function hand(batch)
  next_worker = next_worker % WORKERS + 1
  assert(coroutine.resume(workers[next_worker], batch))
end

local lines = 0
local batch = {}
for line in io.lines() do
  lines = lines + 1
  batch[#batch + 1] = line
  if #batch == BATCH then
    hand(batch)
    batch = {}
  end
end
if #batch > 0 then
  hand(batch)
end

local total = {}
for i = 1, WORKERS do
  local ok, counts = coroutine.resume(workers[i], nil)
  assert(ok)
  for w, c in pairs(counts) do
    total[w] = (total[w] or 0) + c
  end
end

local words, distinct, weighted = 0, 0, 0
local top, topCount = "", 0
for w, c in pairs(total) do
  words = words + c
  distinct = distinct + 1
  weighted = weighted + #w * c
  if c > topCount or (c == topCount and w < top) then
    top, topCount = w, c
  end
end
print(string.format("textpipe %d %d %d %d %s %d", lines, words, distinct, weighted, top, topCount))
