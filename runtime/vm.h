/* vm.h — compiled code and the virtual machine that runs it
 * (runtime/vm.c, runtime/opcodes.h).
 *
 * The compiler (lang/compile.c) turns a checked program into a VMProgram:
 * Funcs of register bytecode, a table of globals, constants and types. The
 * VM runs a goroutine as a Fiber: a growable register stack and a stack of
 * call frames in the heap, never on the C stack, so a goroutine can stop
 * at any instruction (to park on a channel, to be pre-empted) by returning
 * to the scheduler, and resume there later.
 *
 * Natives (C functions behind bodyless declarations in stdlib sources, or
 * registered by a host) use the calling convention below. They see the
 * runtime's values and this interface only.
 */
#ifndef CSP_VM_H
#define CSP_VM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sched.h"
#include "type.h"
#include "value.h"

typedef struct VM VM;
typedef struct Fiber Fiber;
typedef struct NativeCtx NativeCtx;

/* What a native returns. */
typedef enum {
    NATIVE_OK,    /* results written */
    NATIVE_PARK,  /* the G parked (chan.h/sync.h/timer.h rules): the VM
                     returns RUN_PARK and calls the native again, with the
                     same arguments and g->resumed set, when the G resumes */
    NATIVE_PANIC, /* a panic was raised with native_panic*() */
    NATIVE_YIELD, /* Gosched: the VM yields, then continues after the call */
} NativeStatus;

/* A native function. `args` points to the argument slots, laid out as the
 * Go signature's parameters one after another (each taking type_slots()
 * slots; a variadic parameter is a slice). `res` points to where the
 * results go, laid out the same way. args and res may overlap: read every
 * argument before writing a result. */
typedef NativeStatus (*NativeFn)(NativeCtx *ctx, Slot *args, Slot *res);

/* The context of a native call. */
struct NativeCtx {
    VM *vm;
    G *g;          /* the calling goroutine */
    Fiber *fiber;
    const Type *fntype; /* the native's Go signature (FUNC type) */
    const void *data;   /* the native's own datum (Func.native_data) */
};

/* Raising panics from natives. `native_panic_error` makes a runtime.Error
 * whose Error() is msg (for Go's run-time panics, printed as
 * "panic: runtime error: ..." when msg does not already say so), and
 * native_panic_value panics with an arbitrary interface value. Both return
 * NATIVE_PANIC for `return native_panic...(...)`. */
NativeStatus native_panic_error(NativeCtx *ctx, const char *msg);
NativeStatus native_panic_value(NativeCtx *ctx, Iface v);
/* A panic whose value is a plain string message, as Go's
 * panic("sync: negative WaitGroup counter") in library code. */
NativeStatus native_panic_string(NativeCtx *ctx, const char *msg);

/* An error value whose Error() is msg (Go's runtime.plainError: no
 * "runtime error: " prefix), for natives that return errors. */
Iface vm_plain_error(const char *msg, size_t len);

/* Ends the calling goroutine as runtime.Goexit does: its deferred calls
 * run (recover() returns nil in them), then it exits. Returns NATIVE_PANIC
 * for `return native_goexit(ctx);`. */
NativeStatus native_goexit(NativeCtx *ctx);

/* Calls a script function value (a closure or method value) from a native,
 * synchronously, on the same goroutine: args/res as for natives, laid out
 * by fntype. Returns false if the callee panicked (the panic then
 * propagates when the native returns NATIVE_PANIC). The callee must not
 * block; if it tries to, it panics with "not supported yet: blocking
 * inside a call from native code". */
bool vm_call_value(NativeCtx *ctx, void *fn, const Type *fntype, Slot *args, Slot *res);

/* Calls method `name` of the dynamic value held in v (e.g. String() or
 * Error() for fmt), if v's type has it with signature func() string.
 * Returns false when there is no such method. When the method panics, the
 * panic is recovered, *panicked is set and *out receives the panic value as
 * fmt's %v would print it (fmt shows "%!v(PANIC=String method: <out>)");
 * fmt needs this text, so please fill it in. */
bool vm_call_string_method(NativeCtx *ctx, const Iface *v, const char *name,
                           String *out, bool *panicked);

/* Whether dynamic type t has every method of interface type iface, with
 * the same signatures (as x.(I) decides; errors.As uses it too, so the
 * runtime's own error type satisfies runtime.Error there as well). */
bool vm_implements(const Type *t, const Type *iface);

/* Standard output and error (runtime/vm_out.c), unbuffered as Go's
 * os.Stdout and os.Stderr: writes all n bytes to stream `which` (1 or 2)
 * of vm (NULL: the process's) at once, as one write(2) unless the kernel
 * takes it in parts, or to the host's FILE (CspOptions.out/err), flushed.
 * Returns n, or minus the errno of a failed write. Every writer of the
 * standard streams (fmt, os, print, panics, fatal errors) goes through
 * it, so that their order is the program's. */
int64_t vm_write(VM *vm, int which, const void *p, size_t n);
/* printf to stream `which`, formatted in memory and written at once. */
void vm_writef(VM *vm, int which, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Starts a new goroutine calling fn (a func value of type fntype) with
 * args, as `go fn(args...)`. For natives such as time.AfterFunc. */
void vm_go(VM *vm, void *fn, const Type *fntype, Slot *args);

/* The program's command-line arguments (os.Args). */
int vm_argc(VM *vm);
const char *const *vm_argv(VM *vm);

/* Ends the process as os.Exit(code) does (deferred calls do not run). */
_Noreturn void vm_exit(VM *vm, int code);

/* ---- Compiled code (filled by lang/compile.c, run by runtime/vm*.c) ---- */

typedef struct Closure Closure;

/* One line-table entry: code from `pc` on belongs to source line `line`. */
typedef struct LineInfo {
    uint32_t pc;
    int32_t line;
} LineInfo;

/* One compiled function. Its frame is `nregs` slots: the parameters first
 * (receiver first for methods), each taking type_slots() slots, then
 * locals and temporaries. Results are kept in R[resreg..resreg+nresults)
 * until RET copies them to R[0..] where the caller finds them. */
struct Func {
    const char *name; /* "main.worker", "main.(*T).M", "main.main.func1" */
    const char *file; /* absolute source path, for tracebacks */
    uint32_t *code;
    uint32_t ncode;
    Slot *consts;
    uint32_t nconsts;
    uint32_t nregs;
    uint32_t nparams;  /* parameter slots */
    uint32_t nresults; /* result slots */
    uint32_t resreg;
    LineInfo *lines;
    uint32_t nlines;
    uint32_t nrescells; /* named results living in heap cells (captured by
                           deferred closures): RET loads them into the
                           result registers after the deferred calls */
    uint32_t *rescells; /* triples: cell register, result slot, width */
    NativeFn native;  /* non-NULL: implemented in C */
    const void *native_data; /* passed to it as NativeCtx.data */
    const Type *type; /* its FUNC type (receiver not included) */
    Closure *closure; /* the capture-less closure used as its value */
    Func *trampoline; /* natives: a bytecode function calling it (deferred
                         calls of natives run in a frame, so they may park) */
};

/* A function value. A plain function is a Closure without captures (one
 * per Func, made once). A closure literal holds cell pointers in caps. A
 * method value (x.M) holds the receiver's slots in caps with `nbound` set:
 * calling it inserts them before the arguments. */
struct Closure {
    Func *fn;
    uint32_t nbound; /* method value: receiver slots held in caps */
    uint32_t ncaps;
    Slot caps[];
};

/* A whole compiled program. */
typedef struct VMProgram {
    Func *entry;      /* runs init, then main (or a script's statements) */
    Func *init;       /* package variable initialisers and init()s */
    int nfuncs;
    Func **funcs;     /* every function, for the disassembler */
    int nglobals;
    const Type **global_types;
    void **globals;   /* one cell per package-level variable */
} VMProgram;

/* How the host runs a program. */
typedef struct VMOptions {
    int gomaxprocs;
    FILE *out, *err;
    int argc;
    const char *const *argv;
    bool exit_process; /* vm_exit ends the process (else only the run) */
    int64_t time_limit_ns; /* a run's wall-clock budget; 0: none */
} VMOptions;

/* Creates a VM for program p. */
VM *vm_new(VMProgram *p, const VMOptions *opts);
/* Runs package initialisation and main on the scheduler. Returns the exit
 * status Go would have (0; 2 after an unrecovered panic, printed). */
int vm_run(VM *vm);
/* Called when the main goroutine's function has returned, on its thread and
 * still as that goroutine (so it may call vm_call_string_method), with its
 * result slots. */
typedef void (*VMReturnHook)(NativeCtx *ctx, Slot *results, void *arg);

/* Runs fn (no receiver) with nargs argument slots as the main goroutine of
 * a run of its own, as vm_run runs the entry: goroutines it leaves behind
 * are abandoned when it returns. Returns the exit status (0; 2 after an
 * unrecovered panic or a deadlock, reported; an os.Exit code). `done`
 * (may be NULL) sees the results when fn returns normally. */
int vm_run_func(VM *vm, Func *fn, const Slot *args, uint32_t nargs, VMReturnHook done, void *arg);
/* The closure value of a Func (made once). */
Closure *vm_func_closure(Func *fn);

#endif
