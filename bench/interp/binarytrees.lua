-- binarytrees: allocation and the collector, depth up to 16; same output
-- as binarytrees.go. A node is a two-slot array table {left, right}.
local minDepth = 4
local maxDepth = 16

local function bottomUp(depth)
  if depth <= 0 then return {} end
  depth = depth - 1
  return { bottomUp(depth), bottomUp(depth) }
end

local function check(node)
  if node[1] == nil then return 1 end
  return 1 + check(node[1]) + check(node[2])
end

local stretch = maxDepth + 1
print(string.format("stretch tree of depth %d\t check: %d", stretch, check(bottomUp(stretch))))

local longLived = bottomUp(maxDepth)
for d = minDepth, maxDepth, 2 do
  local iterations = 1
  for _ = 1, maxDepth - d + minDepth do iterations = iterations * 2 end
  local sum = 0
  for _ = 1, iterations do
    sum = sum + check(bottomUp(d))
  end
  print(string.format("%d\t trees of depth %d\t check: %d", iterations, d, sum))
end
print(string.format("long lived tree of depth %d\t check: %d", maxDepth, check(longLived)))
