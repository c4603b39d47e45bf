/* cstack.h — C stack room for calls from native code back into the VM.
 *
 * A native that calls a script function (fmt calling a String method,
 * sort.Slice's less, a json Marshaler) re-enters the VM on the C stack, so
 * a recursion through such calls uses C stack per level; the thread's own
 * stack (8 MB) would run out long before Go's 1 GB goroutine limit.
 * cstack_call runs such a call on a fresh C stack segment when the current
 * stack runs low, so depth is bounded by memory and the VM's accounting
 * (vm_run.c counts the C bytes of each level against the goroutine's 1 GB).
 *
 * Owns the segments (mmap'd, with a guard page, a few cached per thread)
 * and telling the collector and AddressSanitizer about stack switches. It
 * must never know about fibers or goroutines: it runs a C function.
 */
#ifndef CSP_CSTACK_H
#define CSP_CSTACK_H

#include <stddef.h>
#include <stdint.h>

/* C stack a nested call may use before the next check: cstack_call
 * switches to a new segment when less than this remains. */
#define CSTACK_RESERVE ((size_t)256 << 10)

/* The size of a segment (its guard page included). */
#define CSTACK_SEGMENT ((size_t)2 << 20)

/* The current C stack pointer, near enough to measure stack use. */
static inline uintptr_t cstack_sp(void)
{
    return (uintptr_t)__builtin_frame_address(0);
}

/* The lowest address the current C stack of this thread may use
 * (UINTPTR_MAX until cstack_call_slow has learnt it). Read by the inline
 * check of cstack_call; written only by cstack.c. */
extern __thread uintptr_t cstack_lo;

/* cstack_call when the room check fails (or the thread is new to it). */
void cstack_call_slow(void (*fn)(void *), void *arg);

/* Runs fn(arg) with at least CSTACK_RESERVE bytes of C stack: on the
 * current stack when that much is left (inline: a compare and a call),
 * else on a segment of its own, released when fn returns. fn must return
 * normally (no longjmp out of it except through cstack_abandon). The
 * calling thread must be registered with the collector. */
static inline void cstack_call(void (*fn)(void *), void *arg)
{
    uintptr_t sp = cstack_sp();
    if (sp > cstack_lo && sp - cstack_lo >= CSTACK_RESERVE) {
        fn(arg);
        return;
    }
    cstack_call_slow(fn, arg);
}

/* Whether this thread runs on a segment now. */
int cstack_on_segment(void);

/* Leaves every segment of this thread for good and runs fn on the thread's
 * own stack (below the point where the first segment was entered): for a
 * fatal error that longjmps to the scheduler from a nested call. fn must
 * not return. When the thread is on its own stack, just calls fn. */
_Noreturn void cstack_abandon(void (*fn)(void));

#endif
