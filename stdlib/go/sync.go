package sync

import "sync/atomic"

// A Locker represents an object that can be locked and unlocked.
type Locker interface {
	Lock()
	Unlock()
}

// A Mutex is a mutual exclusion lock. The zero value is an unlocked mutex.
// Its memory is the runtime's SyncMutex (runtime/sync.h).
type Mutex struct {
	state [4]uint64
}

// Lock locks m, parking the goroutine until the lock is available.
func (m *Mutex) Lock()

// Unlock unlocks m; a fatal error if m is not locked.
func (m *Mutex) Unlock()

// TryLock tries to lock m and reports whether it succeeded.
func (m *Mutex) TryLock() bool

// A WaitGroup waits for a collection of goroutines to finish. Its memory
// is the runtime's SyncWaitGroup.
type WaitGroup struct {
	state [4]uint64
}

// Add adds delta, which may be negative, to the WaitGroup counter.
func (wg *WaitGroup) Add(delta int)

// Done decrements the WaitGroup counter by one.
func (wg *WaitGroup) Done() { wg.Add(-1) }

// Wait blocks until the WaitGroup counter is zero.
func (wg *WaitGroup) Wait()

func fatal(msg string)

// A RWMutex is a reader/writer mutual exclusion lock: any number of
// readers or a single writer. A writer waiting in Lock keeps new readers
// out, as in Go. Its memory is the runtime's SyncRWMutex.
type RWMutex struct {
	state [7]uint64
}

// RLock locks rw for reading.
func (rw *RWMutex) RLock()

// TryRLock tries to lock rw for reading and reports whether it succeeded.
func (rw *RWMutex) TryRLock() bool

// RUnlock undoes a single RLock call; a fatal error if rw is not
// read-locked.
func (rw *RWMutex) RUnlock()

// Lock locks rw for writing.
func (rw *RWMutex) Lock()

// TryLock tries to lock rw for writing and reports whether it succeeded.
func (rw *RWMutex) TryLock() bool

// Unlock unlocks rw for writing; a fatal error if rw is not write-locked.
func (rw *RWMutex) Unlock()

type rlocker RWMutex

func (r *rlocker) Lock()   { (*RWMutex)(r).RLock() }
func (r *rlocker) Unlock() { (*RWMutex)(r).RUnlock() }

// RLocker returns a Locker interface that implements Lock and Unlock by
// calling rw.RLock and rw.RUnlock.
func (rw *RWMutex) RLocker() Locker { return (*rlocker)(rw) }

// Once is an object that will perform exactly one action.
type Once struct {
	m Mutex
	// done is read without the lock, so it is atomic (as in Go): the
	// Store in finish comes after f and the fast path's Load sees it only
	// with everything f wrote (the natives are sequentially consistent).
	// A plain bool here was a data race (TSan, conformance 08_once_atomic).
	done atomic.Uint32
}

// Do calls the function f if and only if Do is being called for the first
// time for this instance of Once.
func (o *Once) Do(f func()) {
	if o.done.Load() != 0 {
		return
	}
	o.m.Lock()
	defer o.m.Unlock()
	if o.done.Load() == 0 {
		defer o.finish()
		f()
	}
}

func (o *Once) finish() { o.done.Store(1) }

// OnceFunc returns a function that invokes f only once.
func OnceFunc(f func()) func() {
	var once Once
	return func() { once.Do(f) }
}

// OnceValue returns a function that calls f once and returns its result
// on every call; if f panicked, every call panics with the same value.
func OnceValue[T any](f func() T) func() T {
	var once Once
	var result T
	var failed bool
	var pv any
	return func() T {
		once.Do(func() {
			ok := false
			defer func() {
				if !ok {
					failed, pv = true, recover()
				}
			}()
			result = f()
			ok = true
		})
		if failed {
			panic(pv)
		}
		return result
	}
}

// OnceValues is OnceValue for a function of two results.
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	var once Once
	var r1 T1
	var r2 T2
	var failed bool
	var pv any
	return func() (T1, T2) {
		once.Do(func() {
			ok := false
			defer func() {
				if !ok {
					failed, pv = true, recover()
				}
			}()
			r1, r2 = f()
			ok = true
		})
		if failed {
			panic(pv)
		}
		return r1, r2
	}
}

// Cond implements a condition variable, a rendezvous point for goroutines
// waiting for or announcing the occurrence of an event. Its waiters queue
// on the runtime's notify list (SyncNotifyList), as in Go.
type Cond struct {
	L      Locker
	notify [4]uint64
}

// NewCond returns a new Cond with Locker l.
func NewCond(l Locker) *Cond {
	return &Cond{L: l}
}

func notifyListAdd(l *[4]uint64) uint32
func notifyListWait(l *[4]uint64, t uint32)
func notifyListNotifyOne(l *[4]uint64)
func notifyListNotifyAll(l *[4]uint64)

// Wait atomically unlocks c.L and suspends execution of the calling
// goroutine; after later resuming, Wait locks c.L before returning.
func (c *Cond) Wait() {
	t := notifyListAdd(&c.notify)
	c.L.Unlock()
	notifyListWait(&c.notify, t)
	c.L.Lock()
}

// Signal wakes one goroutine waiting on c, if there is any.
func (c *Cond) Signal() { notifyListNotifyOne(&c.notify) }

// Broadcast wakes all goroutines waiting on c.
func (c *Cond) Broadcast() { notifyListNotifyAll(&c.notify) }

// Map is like a Go map[any]any but is safe for concurrent use by multiple
// goroutines.
type Map struct {
	mu Mutex
	m  map[any]any
}

// Load returns the value stored in the map for a key, or nil if no value
// is present.
func (m *Map) Load(key any) (value any, ok bool) {
	m.mu.Lock()
	value, ok = m.m[key]
	m.mu.Unlock()
	return
}

// Store sets the value for a key.
func (m *Map) Store(key, value any) {
	m.mu.Lock()
	if m.m == nil {
		m.m = make(map[any]any)
	}
	m.m[key] = value
	m.mu.Unlock()
}

// LoadOrStore returns the existing value for the key if present.
// Otherwise, it stores and returns the given value.
func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.m[key]; ok {
		return v, true
	}
	if m.m == nil {
		m.m = make(map[any]any)
	}
	m.m[key] = value
	return value, false
}

// LoadAndDelete deletes the value for a key, returning the previous value
// if any.
func (m *Map) LoadAndDelete(key any) (value any, loaded bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	value, loaded = m.m[key]
	delete(m.m, key)
	return
}

// Delete deletes the value for a key.
func (m *Map) Delete(key any) {
	m.mu.Lock()
	delete(m.m, key)
	m.mu.Unlock()
}

// Swap swaps the value for a key and returns the previous value if any.
func (m *Map) Swap(key, value any) (previous any, loaded bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = make(map[any]any)
	}
	previous, loaded = m.m[key]
	m.m[key] = value
	return
}

// CompareAndSwap swaps the old and new values for key if the value stored
// in the map is equal to old.
func (m *Map) CompareAndSwap(key, old, new any) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.m[key]; ok && v == old {
		m.m[key] = new
		return true
	}
	return false
}

// Range calls f sequentially for each key and value present in the map.
// If f returns false, range stops the iteration.
func (m *Map) Range(f func(key, value any) bool) {
	m.mu.Lock()
	keys := make([]any, 0, len(m.m))
	vals := make([]any, 0, len(m.m))
	for k, v := range m.m {
		keys = append(keys, k)
		vals = append(vals, v)
	}
	m.mu.Unlock()
	for i := range keys {
		if !f(keys[i], vals[i]) {
			break
		}
	}
}

// A Pool is a set of temporary objects that may be individually saved and
// retrieved.
type Pool struct {
	mu    Mutex
	items []any
	New   func() any
}

// Get selects an arbitrary item from the Pool, removes it from the Pool,
// and returns it to the caller; if the pool is empty it returns New().
func (p *Pool) Get() any {
	p.mu.Lock()
	if n := len(p.items); n > 0 {
		x := p.items[n-1]
		p.items = p.items[:n-1]
		p.mu.Unlock()
		return x
	}
	p.mu.Unlock()
	if p.New != nil {
		return p.New()
	}
	return nil
}

// Put adds x to the pool.
func (p *Pool) Put(x any) {
	if x == nil {
		return
	}
	p.mu.Lock()
	p.items = append(p.items, x)
	p.mu.Unlock()
}
