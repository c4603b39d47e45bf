-- spectralnorm: power method on A(i,j) = 1/((i+j)(i+j+1)/2 + i + 1),
-- n = 500; same output as spectralnorm.go. Arrays are 1-based here, so
-- evalA takes 1-based indices and computes the same (exact) denominator.
local n = 500

local function evalA(i, j)
  local ij = i + j - 1
  return 1.0 / (ij * (ij - 1) * 0.5 + i)
end

local function times(v, u)
  for i = 1, n do
    local a = 0.0
    for j = 1, n do
      a = a + evalA(i, j) * u[j]
    end
    v[i] = a
  end
end

local function timesTransp(v, u)
  for i = 1, n do
    local a = 0.0
    for j = 1, n do
      a = a + evalA(j, i) * u[j]
    end
    v[i] = a
  end
end

local function aTimesTransp(v, u)
  local x = {}
  for i = 1, n do x[i] = 0.0 end
  times(x, u)
  timesTransp(v, x)
end

local u, v = {}, {}
for i = 1, n do
  u[i] = 1.0
  v[i] = 0.0
end
for _ = 1, 10 do
  aTimesTransp(v, u)
  aTimesTransp(u, v)
end
local vBv, vv = 0.0, 0.0
for i = 1, n do
  vBv = vBv + u[i] * v[i]
  vv = vv + v[i] * v[i]
end
print(string.format("spectralnorm %d %.9f", n, math.sqrt(vBv / vv)))
