/* vm_priv.h — the VM's private structures, shared by runtime/vm*.c only:
 * fibers, frames, deferred calls and panics.
 *
 * Nothing outside runtime/vm*.c may include this header: the rest of the
 * tree sees the VM through vm.h.
 */
#ifndef CSP_VM_PRIV_H
#define CSP_VM_PRIV_H

#include <stdio.h>

#include "vm.h"

/* A deferred call: the function value and a copy of its argument slots,
 * taken when the defer statement ran. */
typedef struct Defer {
    struct Defer *next;
    Closure *cl;
    uint32_t nargs;
    Slot args[];
} Defer;

/* A panic in flight. `link` is the panic it interrupted (a panic raised
 * while a deferred call ran during another panic). */
typedef struct Panic {
    struct Panic *link;
    Iface value;
    bool recovered;
    bool aborted;       /* a deferred call it was running was cut short by a
                           newer panic */
    bool runtime_error; /* value is a runtime.Error made by the VM */
    bool goexit;        /* runtime.Goexit: unwinds like a panic, is never
                           recovered, and ends the goroutine quietly */
    char *trace;        /* the goroutine's stack where it was raised */
} Panic;

/* Frame states: how the frame is leaving. */
enum { FS_RUN = 0, FS_RETURNING, FS_PANICKING };

/* One call frame. Registers are fiber->regs[base .. base+fn->nregs).
 * (Fields ordered to keep the frame at 48 bytes.) */
typedef struct Frame {
    Func *fn;
    Closure *cl;
    uint32_t pc;   /* saved: next instruction (or the blocking one) */
    uint32_t base;
    uint32_t call_pc; /* the call instruction being executed (re-run when a
                         native parks) */
    uint8_t state;
    bool is_defer; /* running a deferred call: its results are dropped */
    bool ret_slow; /* RET must take the general path: set for the bottom
                      frame, a deferred call and a frame that ran a defer
                      statement, so that the fast path tests one byte */
    Defer *defers;
    /* fn->code + pc as saved by the call instructions (a calling frame
     * only): RET's fast path resumes the caller with one load instead of
     * two dependent ones (fn, then fn->code) */
    const uint32_t *ret_ip;
} Frame;

/* A goroutine's execution state (G.fiber). */
struct Fiber {
    VM *vm;
    G *g;
    Slot *regs;
    uint32_t nregs;
    Frame *frames;
    int nframes, capframes;
    Panic *panic;   /* innermost panic in flight, NULL when none */
    bool nested;    /* a fiber running a call from native code */
    /* a finished nested fiber kept for this fiber's next call from native
     * code (sort.Slice's less, a String method): reused, not reallocated */
    struct Fiber *spare;
    /* For a nested fiber: the fiber whose native made the call (its frames
     * continue this one's traceback), and the goroutine stack bytes the
     * enclosing levels hold (their registers, frames and the C stack their
     * natives use), counted against Go's 1 GB limit with this fiber's own */
    struct Fiber *outer;
    uint64_t stack_outer;
    /* the C stack pointer where this fiber's run began (0: not known): a
     * nested call measures the C stack its caller's natives used from it */
    uintptr_t csp;
    /* where the `go` statement that started it stood, for the "created by"
     * line of a traceback (go_fn NULL for main and host-started fibers) */
    const Func *go_fn;
    uint32_t go_pc;
    uint64_t go_parent;
};

/* Where one of a VM's standard streams goes (runtime/vm_out.c). */
typedef struct VMStream {
    int fd;         /* the process's descriptor (1 or 2), written with
                       write(2); -1 for a host's FILE */
    FILE *file;     /* the host's FILE (or stdout/stderr when fd >= 0) */
    bool may_block; /* a pipe or socket: a write may wait for the reader,
                       so it hands the processor off when it would */
} VMStream;

/* Sets s up for the host's FILE f (NULL: the process's stream `which`,
 * 1 or 2; stdout or stderr themselves are written by descriptor). */
void vm_stream_init(VMStream *s, FILE *f, int which);

struct VM {
    VMProgram *prog;
    /* The host's sinks (or stdout/stderr): only for stdio reports, each
     * followed by fflush; everything else writes through vm_write. */
    FILE *out, *err;
    VMStream stdout_s, stderr_s; /* what vm_write writes to */
    int gomaxprocs;
    int argc;
    const char *const *argv;
    bool exit_process;
    _Atomic int exit_code;
    int64_t time_limit_ns;  /* VMOptions.time_limit_ns */
    _Atomic bool expired;   /* the run's time limit was reached */
    VMReturnHook main_done; /* see vm_run_func */
    void *main_done_arg;
    /* main called runtime.Goexit: its goroutine is gone, as Go's _Gdead
     * main is, so a deadlock report leaves it out */
    _Atomic bool main_goexited;
};

/* What vm_execute returns besides the RunResults. */
enum { VM_DONE = 0, VM_YIELD = 1, VM_PARK = 2, VM_FATAL = 3, VM_GOEXIT = 4 };

/* Runs f until its bottom frame returns (VM_DONE), it yields or parks, or
 * a panic goes unrecovered past its bottom frame (VM_FATAL; f->panic is
 * set). */
int vm_execute(Fiber *f);

/* A new fiber for a call of cl with `nargs` argument slots copied from
 * args. */
Fiber *vm_fiber_new(VM *vm, Closure *cl, const Slot *args, uint32_t nargs);
/* The same, reusing `reuse` (a fiber whose run has ended and that nothing
 * else refers to) when it is not too big; NULL allocates. */
Fiber *vm_fiber_new_reusing(VM *vm, Fiber *reuse, Closure *cl, const Slot *args, uint32_t nargs);

/* Makes sure the register stack holds `need` slots; may move it (the old
 * one is freed at once: nothing may keep a pointer into it). */
void vm_regs_ensure(Fiber *f, uint32_t need);

/* Go's goroutine stack limit (runtime.maxstacksize), in bytes. */
#define VM_MAX_STACK 1000000000ull

/* The goroutine stack bytes f holds itself: its register slots and frame
 * records, as Go counts a goroutine's frames (locals, arguments, return
 * addresses) against its limit. */
static inline uint64_t vm_fiber_stack_bytes(const Fiber *f)
{
    return (uint64_t)f->nregs * sizeof(Slot) + (uint64_t)f->capframes * sizeof(Frame);
}

/* Dies as Go does when a goroutine's stack would pass VM_MAX_STACK:
 * "runtime: goroutine stack exceeds 1000000000-byte limit", "fatal error:
 * stack overflow", the goroutine's traceback (the middle elided), exit 2. */
_Noreturn void vm_stack_overflow(Fiber *f);

/* Starts a panic with value v on f (recording the traceback). */
void vm_panic_start(Fiber *f, Iface v, bool runtime_error);
/* Starts a run-time error panic ("runtime error: ..." is added when msg
 * does not start with it and `prefix` is set). */
void vm_panic_msg(Fiber *f, const char *msg, bool prefix);

/* Dies as Go's runtime throw does: "fatal error: msg", the goroutine's
 * traceback, exit status 2; no deferred call runs, nothing can recover. */
_Noreturn void vm_fatal(Fiber *f, const char *msg);
/* vm_fatal for the goroutine running on this thread (heap_set_fatal's
 * and map_set_fatal_hook's: out of memory, map races); returns when
 * none runs here. */
void vm_fatal_here(const char *msg);

/* The text of panic value v as a panic message shows it (fmt's report of
 * a panicking String method uses it). */
String vm_panic_value_text(Fiber *f, const Iface *v);

/* Signal dumps (signal.h's hooks), with write(2) only: every goroutine,
 * main first and then by id, each with its state or wait reason (SIGQUIT);
 * or the calling thread's goroutine with `status` (a fault). */
void vm_dump_all_goroutines(int fd);
void vm_dump_current_goroutine(int fd, const char *status);

/* Prints an unrecovered panic in Go's form to the VM's error stream. */
void vm_print_fatal(Fiber *f);

/* Prints a value as the print/println builtins do, to a report's FILE
 * (vm_print_value) or, for the builtins themselves, to the VM's standard
 * error as one write (vm_print_builtin). */
void vm_print_value(FILE *out, const Type *t, const Slot *v);
void vm_print_builtin(VM *vm, const Type *t, const Slot *v);

/* Go's append growth: the new capacity for a slice of old capacity oldcap
 * needing newlen elements of elemsize bytes. */
int64_t vm_grow_cap(int64_t oldcap, int64_t newlen, int64_t elemsize);

/* The value panic(nil) panics with: a *runtime.PanicNilError. */
Iface vm_panic_nil_value(void);

/* The type of the values of run-time errors (runtime.Error). */
Type *vm_runtime_error_type(void);

#endif
