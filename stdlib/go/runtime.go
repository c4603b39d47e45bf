package runtime

// GOOS is the running program's operating system target.
const GOOS = "linux"

// GOARCH is the running program's architecture target.
const GOARCH = "amd64"

// Compiler is the name of the compiler toolchain that built the program.
const Compiler = "csp"

// The Error interface identifies a run time error.
type Error interface {
	error
	RuntimeError()
}

// GOMAXPROCS sets the maximum number of CPUs that can be executing
// simultaneously and returns the previous setting. If n < 1, it does not
// change the current setting.
func GOMAXPROCS(n int) int

// NumCPU returns the number of logical CPUs usable by the current process.
func NumCPU() int

// NumGoroutine returns the number of goroutines that currently exist.
func NumGoroutine() int

// Gosched yields the processor, allowing other goroutines to run.
func Gosched()

// Goexit terminates the goroutine that calls it, after running its
// deferred calls. No other goroutine is affected.
func Goexit()

// GC runs a garbage collection.
func GC()

// Version returns the Go tree's version string.
func Version() string { return "go1.22" }

// MemStats records statistics about the memory allocator (a subset).
type MemStats struct {
	Alloc      uint64
	TotalAlloc uint64
	Sys        uint64
	HeapAlloc  uint64
	HeapSys    uint64
	NumGC      uint32
}

func readMemStats() (alloc, total, sys uint64, numgc int)

// ReadMemStats populates m with memory allocator statistics.
func ReadMemStats(m *MemStats) {
	alloc, total, sys, n := readMemStats()
	m.Alloc = alloc
	m.TotalAlloc = total
	m.Sys = sys
	m.HeapAlloc = alloc
	m.HeapSys = sys
	m.NumGC = uint32(n)
}

// KeepAlive marks its argument as currently reachable.
func KeepAlive(x any) {}
