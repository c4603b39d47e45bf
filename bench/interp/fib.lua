-- fib: naive recursive Fibonacci, fib(32); same output as fib.go.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

print(string.format("fib %d %d", 32, fib(32)))
