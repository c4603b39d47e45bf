/* vm_run.c — starting a program, the scheduler's runner, and the services
 * natives use to reach the VM (calls back into script code, output,
 * goroutines, arguments, exit).
 *
 * Owns the glue between the VM and the scheduler: a goroutine is a Fiber
 * run by vm_runner. It must never interpret instructions itself (vm.c).
 */
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cstack.h"
#include "map.h"
#include "signal.h"
#include "timer.h"
#include "vm_priv.h"

/* The VM whose program runs (the deadlock hook takes no argument). */
static VM *vm_current;
static Fiber *vm_main_fiber;

VM *vm_new(VMProgram *p, const VMOptions *opts)
{
    heap_set_fatal(vm_fatal_here); /* the same reporter for every VM */
    VM *vm = GC_MALLOC(sizeof(VM));
    vm->prog = p;
    vm->out = opts && opts->out ? opts->out : stdout;
    vm->err = opts && opts->err ? opts->err : stderr;
    vm_stream_init(&vm->stdout_s, vm->out, 1);
    vm_stream_init(&vm->stderr_s, vm->err, 2);
    vm->gomaxprocs = opts ? opts->gomaxprocs : 0;
    vm->argc = opts ? opts->argc : 0;
    vm->argv = opts ? opts->argv : NULL;
    vm->exit_process = opts ? opts->exit_process : false;
    vm->time_limit_ns = opts ? opts->time_limit_ns : 0;
    return vm;
}

/* Runs one goroutine until it exits, yields or parks. */
static RunResult vm_runner(G *g)
{
    Fiber *f = g->fiber;
    f->g = g;
    g->preempt_budget = SCHED_PREEMPT_BUDGET;
    atomic_store(&g->preempt, false);
    f->csp = cstack_sp(); /* where nested calls measure C stack use from */
    switch (vm_execute(f)) {
    case VM_DONE:
        if (g->is_main && f->vm->main_done) {
            NativeCtx ctx = {f->vm, g, f, NULL, NULL};
            f->vm->main_done(&ctx, f->regs, f->vm->main_done_arg);
        }
        /* A program that owns the process ends when main returns, from
         * this thread, as Go's runtime.main calls exit: the host thread may
         * be an M held in a blocking call (a goroutine reading a pipe), so
         * returning to it could wait forever. */
        if (g->is_main && f->vm->exit_process)
            vm_exit(f->vm, atomic_load(&f->vm->exit_code));
        return RUN_EXIT;
    case VM_YIELD: return RUN_YIELD;
    case VM_PARK: return RUN_PARK;
    case VM_GOEXIT:
        if (!g->is_main) return RUN_EXIT;
        /* main called Goexit: the others run on; main never returns, so
         * the program ends when they are all blocked or gone */
        g->waitreason = "Goexit";
        g->unlockf = NULL;
        atomic_store(&f->vm->main_goexited, true);
        return RUN_PARK;
    default:
        vm_print_fatal(f);
        if (g->is_main) {
            atomic_store(&f->vm->exit_code, 2);
            return RUN_EXIT;
        }
        vm_exit(f->vm, 2);
    }
}

/* The source line of pc in fn (the line table is sorted by pc). */
static int vm_run_line_of(const Func *fn, uint32_t pc)
{
    int line = 0;
    for (uint32_t k = 0; k < fn->nlines; k++) {
        if (fn->lines[k].pc > pc) break;
        line = fn->lines[k].line;
    }
    return line;
}

/* One goroutine of the deadlock dump, as Go prints it: header, frames
 * innermost first (a caller's pc is past its call, so pc-1 is in it; the
 * innermost one is at the blocking instruction), then where it was started. */
static void vm_dump_goroutine(FILE *o, G *g)
{
    Fiber *f = g->fiber;
    fprintf(o, "\ngoroutine %llu [%s]:\n", (unsigned long long)g->id,
            g->waitreason ? g->waitreason : "waiting");
    if (!f) return;
    for (int i = f->nframes - 1; i >= 0; i--) {
        Frame *fr = &f->frames[i];
        uint32_t pc = fr->pc;
        if (i != f->nframes - 1 && pc > 0) pc--;
        if (fr->fn->name && !strncmp(fr->fn->name, "runtime.", 8)) continue;
        fprintf(o, "%s(%s)\n\t%s:%d\n", fr->fn->name ? fr->fn->name : "?",
                fr->fn->nparams ? "..." : "", fr->fn->file ? fr->fn->file : "?",
                vm_run_line_of(fr->fn, pc));
    }
    if (f->go_fn)
        fprintf(o, "created by %s in goroutine %llu\n\t%s:%d\n",
                f->go_fn->name ? f->go_fn->name : "?", (unsigned long long)f->go_parent,
                f->go_fn->file ? f->go_fn->file : "?", vm_run_line_of(f->go_fn, f->go_pc));
}

typedef struct {
    G **gs;
    size_t n, cap;
} GList;

static void vm_collect_g(G *g, void *arg)
{
    GList *l = arg;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->gs = heap_crealloc(l->gs, l->cap, sizeof(G *));
    }
    l->gs[l->n++] = g;
}

static int vm_cmp_goid(const void *a, const void *b)
{
    uint64_t x = (*(G *const *)a)->id, y = (*(G *const *)b)->id;
    return x < y ? -1 : x > y;
}

/* Go's report when every goroutine is blocked for good: every goroutine,
 * main first and then in the order they were started, with what it waits
 * on and where (Go prints them all because the error is the runtime's).
 * A main that called Goexit is dead, not blocked: it is left out, and when
 * no other goroutine is left Go's checkdead says so, with no traceback. */
static void vm_deadlock(void)
{
    VM *vm = vm_current;
    bool main_gone = atomic_load(&vm->main_goexited);
    fflush(vm->out);
    GList l = {0};
    sched_foreach_g(vm_collect_g, &l); /* every thread is idle: stable */
    qsort(l.gs, l.n, sizeof(G *), vm_cmp_goid);
    size_t others = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!l.gs[i]->is_main && !l.gs[i]->host) others++;
    if (main_gone && others == 0)
        fprintf(vm->err, "fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
    else
        fprintf(vm->err, "fatal error: all goroutines are asleep - deadlock!\n");
    for (size_t i = 0; i < l.n; i++)
        if (l.gs[i]->is_main && !main_gone) vm_dump_goroutine(vm->err, l.gs[i]);
    for (size_t i = 0; i < l.n; i++)
        if (!l.gs[i]->is_main && !l.gs[i]->host) vm_dump_goroutine(vm->err, l.gs[i]);
    free(l.gs);
    fflush(vm->err);
    atomic_store(&vm->exit_code, 2);
}

/* Before a signal death: what the program wrote must not be lost. */
static void vm_sig_flush(void)
{
    VM *vm = vm_current;
    if (vm) {
        fflush(vm->out);
        fflush(vm->err);
    }
}

/* The same from a fault handler: a stream whose lock is held (by the
 * faulting thread itself, perhaps) is skipped rather than waited for. */
static void vm_sig_flush_nowait(void)
{
    VM *vm = vm_current;
    FILE *fs[2] = {vm ? vm->out : NULL, vm ? vm->err : NULL};
    for (int i = 0; i < 2; i++)
        if (fs[i] && ftrylockfile(fs[i]) == 0) {
            fflush_unlocked(fs[i]);
            funlockfile(fs[i]);
        }
}

static const SigHooks vm_sig_hooks = {vm_sig_flush, vm_sig_flush_nowait, vm_dump_all_goroutines,
                                      vm_dump_current_goroutine};

/* The monitor's hook when the run's time limit passes (on its thread):
 * the run ends with status 2 unless it already ended; the message is
 * written by vm_run_func on the host's thread, which owns the streams. */
static void vm_expired(void)
{
    VM *vm = vm_current;
    int zero = 0;
    if (sched_stopping() || !atomic_compare_exchange_strong(&vm->exit_code, &zero, 2))
        return;
    atomic_store(&vm->expired, true);
    sched_stop();
}

int vm_run_func(VM *vm, Func *fn, const Slot *args, uint32_t nargs, VMReturnHook done, void *arg)
{
    vm_current = vm;
    sig_set_hooks(&vm_sig_hooks);
    /* A program that owns the process gets Go's signal dispositions. */
    if (vm->exit_process) sig_take_over();
    atomic_store(&vm->exit_code, 0);
    atomic_store(&vm->main_goexited, false);
    vm->main_done = done;
    vm->main_done_arg = arg;
    sched_init(vm->gomaxprocs, vm_runner);
    sched_set_deadlock_hook(vm_deadlock);
    map_set_fatal_hook(vm_fatal_here); /* a race on a map, as out of memory */
    atomic_store(&vm->expired, false);
    sched_set_deadline(vm->time_limit_ns ? timer_nanotime() + vm->time_limit_ns : 0, vm_expired);
    Fiber *f = vm_fiber_new(vm, vm_func_closure(fn), args, nargs);
    vm_main_fiber = f;
    G *g = sched_go(f);
    f->g = g;
    sched_run_main(g);
    sched_set_deadline(0, NULL);
    fflush(vm->out);
    if (atomic_load(&vm->expired))
        fprintf(vm->err, "fatal error: time limit exceeded\n");
    fflush(vm->err);
    vm->main_done = NULL;
    return atomic_load(&vm->exit_code);
}

int vm_run(VM *vm)
{
    return vm_run_func(vm, vm->prog->entry, NULL, 0, NULL, NULL);
}

int vm_argc(VM *vm) { return vm->argc; }
const char *const *vm_argv(VM *vm) { return vm->argv; }

_Noreturn void vm_exit(VM *vm, int code)
{
    if (vm) {
        fflush(vm->out);
        fflush(vm->err);
    }
    fflush(stdout);
    fflush(stderr);
    if (vm && !vm->exit_process && sched_can_abort_g()) {
        /* Embedded: end the run, not the host. The first status set wins
         * (a racing main that returns normally leaves it alone). */
        int zero = 0;
        atomic_compare_exchange_strong(&vm->exit_code, &zero, code);
        sched_stop();
        /* from a nested call on a C stack segment, the longjmp to the
         * scheduler must first leave the segments (cstack.h) */
        cstack_abandon(sched_abort_g);
    }
    /* _exit, not exit: this runs on whichever thread panicked or called
     * os.Exit while other Ms keep running, and one of them may reach exit()
     * too (main returning): two concurrent exit() calls are undefined, and
     * under TSan the slower atexit path let main's exit(0) win over a
     * goroutine's fatal panic (exit status 2). Go's os.Exit runs no exit
     * handlers either. The streams are flushed above. */
    _exit(code);
}

/* Argument or result slots of a FUNC type. */
static uint32_t vm_sig_slots(const Type *ft, bool results)
{
    uint32_t n = 0;
    if (!ft) return 0;
    int cnt = results ? ft->nresults : ft->nparams;
    Type **ts = results ? ft->results : ft->params;
    for (int i = 0; i < cnt; i++) n += type_slots(ts[i]);
    return n;
}

void vm_go(VM *vm, void *fn, const Type *fntype, Slot *args)
{
    Fiber *f = vm_fiber_new(vm, fn, args, vm_sig_slots(fntype, false));
    sched_go(f);
}

/* The caller's spare nested fiber, taken (a call made inside this one
 * finds none and allocates its own). */
static Fiber *vm_take_spare(Fiber *outer)
{
    if (!outer) return NULL;
    Fiber *s = outer->spare;
    outer->spare = NULL;
    return s;
}

/* A nested fiber that returned normally: its results have been copied
 * out and nothing refers to it, so the caller's next call reuses it. */
static void vm_keep_spare(Fiber *outer, Fiber *nf)
{
    if (outer && !outer->spare) outer->spare = nf;
}

/* A nested run, as cstack_call passes it. */
typedef struct {
    Fiber *nf;
    int r; /* vm_execute's result */
} VmNested;

static void vm_nested_body(void *p)
{
    VmNested *n = p;
    n->nf->csp = cstack_sp();
    n->r = vm_execute(n->nf);
}

/* Runs a nested fiber to completion for a native's callback. Its stack
 * counts what the enclosing levels hold (Go runs such a callback on the
 * same goroutine stack as its caller), and it runs on a C stack with room
 * for it, so that recursion through natives is as deep as Go's. */
static bool vm_run_nested(NativeCtx *ctx, Fiber *nf, Slot *res, uint32_t nres)
{
    nf->g = ctx->g ? ctx->g : sched_current();
    nf->nested = true;
    Fiber *outer = ctx->fiber;
    if (outer) {
        /* the C stack the caller's run used (vm_execute and the natives
         * between it and here): a fiber runs on one stack throughout */
        uintptr_t sp = cstack_sp();
        uint64_t cbytes = outer->csp > sp && outer->csp - sp < ((uint64_t)1 << 32) ? outer->csp - sp : 0;
        nf->outer = outer;
        nf->stack_outer = outer->stack_outer + vm_fiber_stack_bytes(outer) + cbytes;
        if (nf->stack_outer + vm_fiber_stack_bytes(nf) > VM_MAX_STACK) vm_stack_overflow(nf);
    }
    VmNested n = {nf, 0};
    cstack_call(vm_nested_body, &n);
    int r = n.r;
    if (r == VM_DONE) {
        if (nres) memcpy(res, nf->regs, nres * sizeof(Slot));
        return true;
    }
    if (r == VM_FATAL) {
        if (outer) {
            Panic *p = nf->panic, *t = p;
            while (t && t->link) t = t->link;
            if (t) t->link = outer->panic;
            outer->panic = p;
        }
        return false;
    }
    /* The callee blocked: a callback from native code cannot park. */
    if (nf->g && nf->g->unlockf) nf->g->unlockf(nf->g->unlockarg);
    if (outer) vm_panic_msg(outer, "not supported yet: blocking inside a call from native code", false);
    return false;
}

bool vm_call_value(NativeCtx *ctx, void *fn, const Type *fntype, Slot *args, Slot *res)
{
    Closure *cl = fn;
    if (!cl) {
        if (ctx->fiber) vm_panic_msg(ctx->fiber, "invalid memory address or nil pointer dereference", true);
        return false;
    }
    Fiber *outer = ctx->fiber;
    Fiber *nf = vm_fiber_new_reusing(ctx->vm, vm_take_spare(outer), cl, args,
                                     vm_sig_slots(fntype, false));
    bool ok = vm_run_nested(ctx, nf, res, vm_sig_slots(fntype, true));
    if (ok) vm_keep_spare(outer, nf);
    return ok;
}

bool vm_call_string_method(NativeCtx *ctx, const Iface *v, const char *name, String *out,
                           bool *panicked)
{
    *panicked = false;
    if (!v || !v->type) return false;
    const Method *m = type_method(v->type, name);
    if (!m || !m->fn || !m->sig || m->sig->nparams != 0 || m->sig->nresults != 1 ||
        m->sig->results[0]->kind != KIND_STRING)
        return false;
    const Type *d = v->type, *rt = d;
    const void *src;
    if (d->kind == KIND_POINTER && !d->name && !m->ptrrecv && d->elem && d->elem->name) {
        rt = d->elem;
        src = v->word.p;
        if (!src) return false;
    } else {
        src = iface_data(v);
    }
    uint32_t rs = type_slots(rt);
    Slot *args = GC_MALLOC((rs + 2) * sizeof(Slot));
    if (rt->iface_direct && rt->kind >= KIND_INT8 && rt->kind <= KIND_INT32) {
        int64_t x = 0;
        memcpy(&x, src, rt->size);
        if (rt->kind == KIND_INT8) x = (int8_t)x;
        if (rt->kind == KIND_INT16) x = (int16_t)x;
        if (rt->kind == KIND_INT32) x = (int32_t)x;
        args[0].i = x;
    } else {
        memcpy(args, src, rt->size);
    }
    Fiber *nf = vm_fiber_new_reusing(ctx->vm, vm_take_spare(ctx->fiber), vm_func_closure(m->fn),
                                     args, rs);
    Slot res[2];
    Panic *before = ctx->fiber ? ctx->fiber->panic : NULL;
    if (!vm_run_nested(ctx, nf, res, 2)) {
        *panicked = true;
        if (nf->panic) {
            /* fmt recovers it (Go's catchPanic): report its text and take
             * it off the caller's chain, where vm_run_nested linked it */
            *out = vm_panic_value_text(nf, &nf->panic->value);
            if (ctx->fiber) ctx->fiber->panic = before;
        }
        return true;
    }
    memcpy(out, res, sizeof(String));
    vm_keep_spare(ctx->fiber, nf);
    return true;
}
