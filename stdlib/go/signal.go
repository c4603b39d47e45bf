package signal

// Package os/signal: incoming signals delivered on channels, as Go's.
// The runtime side (runtime/signal.c) owns the handler, the per-signal
// channel sets and the delivery thread; this file turns os.Signal values
// into numbers and back. Signals that are not a syscall.Signal are
// skipped, as Go's signum does.

import (
	"context"
	"os"
	"syscall"
	"time"
)

// numSig is one past the highest signal number the runtime handles.
const numSig = 65

// notify registers c for the signals nums, received as vals[i].
func notify(c chan<- os.Signal, nums []int, vals []os.Signal)

// stop unregisters c; returns once no delivery can still reach it.
func stop(c chan<- os.Signal)

// cancel unregisters sig from every channel and restores its default
// action (ignore false) or ignores it (ignore true).
func cancel(sig int, ignore bool)

// ignored reports whether sig is ignored.
func ignored(sig int) bool

// signum is s's number, or -1 for a signal of another kind.
func signum(s os.Signal) int {
	if ss, ok := s.(syscall.Signal); ok {
		n := int(ss)
		if n < 0 || n >= numSig {
			return -1
		}
		return n
	}
	return -1
}

// Notify causes package signal to relay incoming signals to c. If no
// signals are provided, all incoming signals will be relayed to c.
// Otherwise, just the provided signals will.
func Notify(c chan<- os.Signal, sig ...os.Signal) {
	if c == nil {
		panic("os/signal: Notify using nil channel")
	}
	var nums []int
	var vals []os.Signal
	if len(sig) == 0 {
		for n := 1; n < numSig; n++ {
			nums = append(nums, n)
			vals = append(vals, syscall.Signal(n))
		}
	} else {
		for _, s := range sig {
			if n := signum(s); n > 0 {
				nums = append(nums, n)
				vals = append(vals, s)
			}
		}
	}
	notify(c, nums, vals)
}

// Stop causes package signal to stop relaying incoming signals to c.
// When Stop returns, it is guaranteed that c will receive no more
// signals.
func Stop(c chan<- os.Signal) {
	stop(c)
}

// cancelAll applies cancel to each of sigs (every signal when none).
func cancelAll(sigs []os.Signal, ignore bool) {
	if len(sigs) == 0 {
		for n := 1; n < numSig; n++ {
			cancel(n, ignore)
		}
		return
	}
	for _, s := range sigs {
		if n := signum(s); n > 0 {
			cancel(n, ignore)
		}
	}
}

// Ignore causes the provided signals to be ignored (all signals when
// none are given).
func Ignore(sig ...os.Signal) {
	cancelAll(sig, true)
}

// Ignored reports whether sig is currently ignored.
func Ignored(sig os.Signal) bool {
	n := signum(sig)
	return n > 0 && ignored(n)
}

// Reset undoes the effect of any prior calls to Notify for the provided
// signals (all signals when none are given).
func Reset(sig ...os.Signal) {
	cancelAll(sig, false)
}

// signalCtx is NotifyContext's context: cancelled by the first of its
// signals, or by its stop function. Its methods forward to the
// cancellable context explicitly (csp does not yet promote the methods of
// an embedded interface).
type signalCtx struct {
	ctx     context.Context
	cancel  context.CancelFunc
	signals []os.Signal
	ch      chan os.Signal
}

func (c *signalCtx) Deadline() (deadline time.Time, ok bool) { return c.ctx.Deadline() }
func (c *signalCtx) Done() <-chan struct{}                   { return c.ctx.Done() }
func (c *signalCtx) Err() error                              { return c.ctx.Err() }
func (c *signalCtx) Value(key any) any                       { return c.ctx.Value(key) }

func (c *signalCtx) stop() {
	c.cancel()
	Stop(c.ch)
}

// NotifyContext returns a copy of the parent context that is marked done
// (its Done channel is closed) when one of the listed signals arrives,
// when the returned stop function is called, or when the parent
// context's Done channel is closed, whichever happens first.
func NotifyContext(parent context.Context, signals ...os.Signal) (ctx context.Context, stop context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	c := &signalCtx{
		ctx:     ctx,
		cancel:  cancel,
		signals: signals,
	}
	c.ch = make(chan os.Signal, 1)
	Notify(c.ch, c.signals...)
	if ctx.Err() == nil {
		go func() {
			select {
			case <-c.ch:
				c.cancel()
			case <-c.Done():
			}
		}()
	}
	return c, c.stop
}
