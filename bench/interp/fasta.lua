-- fasta: fasta at n = 250,000; same output as fasta.go. Lines are built
-- in a table of one-character strings and written with table.concat
-- (Lua's nearest to a reused []byte buffer).
local n = 250000
local width = 60
local IM, IA, IC = 139968, 3877, 29573
local last = 42

local function random(max)
  last = (last * IA + IC) % IM
  return max * last / IM
end

local alu = "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG" ..
  "GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA" ..
  "CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT" ..
  "ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA" ..
  "GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG" ..
  "AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC" ..
  "AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"

local out = {}
local function write(s) out[#out + 1] = s end

local function repeatFasta(s, count)
  local pos = 0
  local s2 = s .. string.sub(s, 1, width)
  while count > 0 do
    local line = width
    if count < line then line = count end
    write(string.sub(s2, pos + 1, pos + line))
    write("\n")
    pos = pos + line
    if pos >= #s then pos = pos - #s end
    count = count - line
  end
end

local function randomFasta(genes, count)
  local cum = 0.0
  for i = 1, #genes do
    cum = cum + genes[i][1]
    genes[i][1] = cum
  end
  local buf = {}
  while count > 0 do
    local line = width
    if count < line then line = count end
    for pos = 1, line do
      local r = random(1.0)
      local i = 1
      while genes[i][1] < r do i = i + 1 end
      buf[pos] = genes[i][2]
    end
    for pos = line + 1, #buf do buf[pos] = nil end
    write(table.concat(buf))
    write("\n")
    count = count - line
  end
end

local iub = {
  {0.27, "a"}, {0.12, "c"}, {0.12, "g"}, {0.27, "t"},
  {0.02, "B"}, {0.02, "D"}, {0.02, "H"}, {0.02, "K"},
  {0.02, "M"}, {0.02, "N"}, {0.02, "R"}, {0.02, "S"},
  {0.02, "V"}, {0.02, "W"}, {0.02, "Y"},
}
local homosapiens = {
  {0.3029549426680, "a"},
  {0.1979883004921, "c"},
  {0.1975473066391, "g"},
  {0.3015094502008, "t"},
}
write(">ONE Homo sapiens alu\n")
repeatFasta(alu, 2 * n)
write(">TWO IUB ambiguity codes\n")
randomFasta(iub, 3 * n)
write(">THREE Homo sapiens frequency\n")
randomFasta(homosapiens, 5 * n)
io.write(table.concat(out))
