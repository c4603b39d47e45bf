-- mandelbrot: 600x600, 50 iterations; same output as mandelbrot.go (a
-- binary PBM). Bits are packed with arithmetic (no bit operators in the
-- common subset of Lua 5.4 and LuaJIT).
local size, maxIter = 600, 50
local out = {}
for y = 0, size - 1 do
  local ci = 2.0 * y / size - 1.0
  local row = {}
  local bits = 0
  for x = 0, size - 1 do
    local cr = 2.0 * x / size - 1.5
    local zr, zi, tr, ti = 0.0, 0.0, 0.0, 0.0
    local i = 0
    while i < maxIter and tr + ti <= 4.0 do
      zi = 2.0 * zr * zi + ci
      zr = tr - ti + cr
      tr = zr * zr
      ti = zi * zi
      i = i + 1
    end
    bits = bits * 2
    if tr + ti <= 4.0 then bits = bits + 1 end
    if x % 8 == 7 then
      row[#row + 1] = string.char(bits)
      bits = 0
    end
  end
  if size % 8 ~= 0 then
    for k = size % 8, 7 do bits = bits * 2 end
    row[#row + 1] = string.char(bits)
  end
  out[#out + 1] = table.concat(row)
end
io.write(string.format("P4\n%d %d\n", size, size))
io.write(table.concat(out))
