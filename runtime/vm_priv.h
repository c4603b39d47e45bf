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
    /* where the `go` statement that started it stood, for the "created by"
     * line of a traceback (go_fn NULL for main and host-started fibers) */
    const Func *go_fn;
    uint32_t go_pc;
    uint64_t go_parent;
};

struct VM {
    VMProgram *prog;
    FILE *out, *err;
    int gomaxprocs;
    int argc;
    const char *const *argv;
    bool exit_process;
    _Atomic int exit_code;
    VMReturnHook main_done; /* see vm_run_func */
    void *main_done_arg;
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

/* Makes sure the register stack holds `need` slots; may move it. */
void vm_regs_ensure(Fiber *f, uint32_t need);

/* Starts a panic with value v on f (recording the traceback). */
void vm_panic_start(Fiber *f, Iface v, bool runtime_error);
/* Starts a run-time error panic ("runtime error: ..." is added when msg
 * does not start with it and `prefix` is set). */
void vm_panic_msg(Fiber *f, const char *msg, bool prefix);

/* Dies as Go's runtime throw does: "fatal error: msg", the goroutine's
 * traceback, exit status 2; no deferred call runs, nothing can recover. */
_Noreturn void vm_fatal(Fiber *f, const char *msg);

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

/* Prints a value as the print/println builtins do. */
void vm_print_value(FILE *out, const Type *t, const Slot *v);

/* Go's append growth: the new capacity for a slice of old capacity oldcap
 * needing newlen elements of elemsize bytes. */
int64_t vm_grow_cap(int64_t oldcap, int64_t newlen, int64_t elemsize);

/* The value panic(nil) panics with: a *runtime.PanicNilError. */
Iface vm_panic_nil_value(void);

/* The type of the values of run-time errors (runtime.Error). */
Type *vm_runtime_error_type(void);

#endif
