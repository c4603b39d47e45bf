/* vm.c — the bytecode dispatch loop: runs a fiber's frames until they
 * return, the goroutine parks or yields, or a panic escapes.
 *
 * Owns instruction semantics (runtime/opcodes.h), call/return, deferred
 * calls and panic unwinding. Panic values, printing, tracebacks and the
 * services natives call live in vm_panic.c; program start in vm_run.c.
 * This file must never parse or look at syntax: it sees Funcs only.
 *
 * Invariant of the loop: `R` points at the running frame's registers and
 * `ip` at the current instruction; any operation that may move the
 * register stack (a call, vm_regs_ensure) is followed by RELOAD().
 */
#include <gc.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "complex.h"
#include "csp_config.h"
#include "map.h"
#include "opcodes.h"
#include "vm_priv.h"

/* ---- memory access by width code (see opcodes.h) ---- */

static inline void vm_load(Slot *dst, const void *src, int32_t w)
{
    switch (w) {
    case -1: dst->i = *(const int8_t *)src; return;
    case -2: dst->i = *(const int16_t *)src; return;
    case -4: dst->i = *(const int32_t *)src; return;
    case 1: dst->u = *(const uint8_t *)src; return;
    case 2: dst->u = *(const uint16_t *)src; return;
    case 4: dst->u = *(const uint32_t *)src; return;
    case 8: memcpy(dst, src, 8); return;
    case 0: return;
    default:
        if (w & 7) dst[w / 8].u = 0;
        memmove(dst, src, (size_t)w);
    }
}

static inline void vm_store(void *dst, const Slot *src, int32_t w)
{
    if (w < 0) w = -w;
    switch (w) {
    case 1: *(uint8_t *)dst = (uint8_t)src->u; return;
    case 2: *(uint16_t *)dst = (uint16_t)src->u; return;
    case 4: *(uint32_t *)dst = (uint32_t)src->u; return;
    case 8: memcpy(dst, src, 8); return;
    case 0: return;
    default: memmove(dst, src, (size_t)w);
    }
}

/* The width code of a value of type t in memory. */
static int32_t vm_width(const Type *t)
{
    switch (t->kind) {
    case KIND_INT8: return -1;
    case KIND_INT16: return -2;
    case KIND_INT32: return -4;
    default: return (int32_t)t->size;
    }
}

/* Loads a value of type t from memory into registers. */
static inline void vm_load_typed(Slot *dst, const void *src, const Type *t)
{
    vm_load(dst, src, vm_width(t));
}

/* Narrows a 64-bit integer to the integer kind k, as Go's wrap-around. */
static inline int64_t vm_norm(int64_t v, int k)
{
    switch (k) {
    case KIND_INT8: return (int8_t)v;
    case KIND_INT16: return (int16_t)v;
    case KIND_INT32: return (int32_t)v;
    case KIND_UINT8: case KIND_BOOL: return (uint8_t)v;
    case KIND_UINT16: return (uint16_t)v;
    case KIND_UINT32: return (uint32_t)v;
    default: return v;
    }
}

/* ---- fibers ---- */

/* A goroutine stack array of n bytes (registers or frames: both hold
 * pointers the collector must see). A big one is only ever referred to by
 * its start (Fiber.regs/frames), so the collector need not treat pointers
 * into its middle pages as keeping it: that spares it from blacklisting. */
static void *vm_stack_alloc(size_t n)
{
    return n >= ((size_t)1 << 20) ? GC_MALLOC_IGNORE_OFF_PAGE(n) : GC_MALLOC(n);
}

/* Grows f's stack to `bytes` in all, or dies of Go's stack overflow when
 * that passes the limit (with what the enclosing levels hold). */
static void vm_stack_check(Fiber *f, uint64_t bytes)
{
    if (f->stack_outer + bytes > VM_MAX_STACK) vm_stack_overflow(f);
}

void vm_regs_ensure(Fiber *f, uint32_t need)
{
    if (need <= f->nregs) return;
    uint64_t n = f->nregs ? f->nregs * 2ull : 32; /* small: a parked goroutine costs little (grows by doubling) */
    while (n < need) n *= 2;
    vm_stack_check(f, vm_fiber_stack_bytes(f) + (n - f->nregs) * sizeof(Slot));
    Slot *r = vm_stack_alloc((size_t)n * sizeof(Slot));
    if (f->regs) {
        memcpy(r, f->regs, (size_t)f->nregs * sizeof(Slot));
        /* Freed now, not when the collector finds it dead: a deep recursion
         * would otherwise keep every smaller copy (half the new size in
         * all) and the collector would scan them. Nothing else points into
         * it: the loop reloads R after any call that may grow the stack. */
        if (f->nregs >= 4096) GC_FREE(f->regs);
    }
    f->regs = r;
    f->nregs = (uint32_t)n;
}

/* Pushes a frame for fn with registers from `base`; the arguments are
 * already there. */
static inline Frame *vm_push(Fiber *f, Func *fn, Closure *cl, uint32_t base)
{
    if (base + fn->nregs + 8 > f->nregs) vm_regs_ensure(f, base + fn->nregs + 8);
    if (f->nframes == f->capframes) {
        int n = f->capframes ? f->capframes * 2 : 2;
        vm_stack_check(f, vm_fiber_stack_bytes(f) + (uint64_t)(n - f->capframes) * sizeof(Frame));
        Frame *fr = vm_stack_alloc((size_t)n * sizeof(Frame));
        if (f->frames) {
            memcpy(fr, f->frames, (size_t)f->nframes * sizeof(Frame));
            if (f->capframes >= 1024) GC_FREE(f->frames); /* as the registers' */
        }
        f->frames = fr;
        f->capframes = n;
    }
    Frame *fr = &f->frames[f->nframes++];
    fr->fn = fn;
    fr->cl = cl;
    fr->pc = 0;
    fr->base = base;
    fr->defers = NULL;
    fr->state = FS_RUN;
    fr->is_defer = false;
    fr->ret_slow = f->nframes == 1;
    /* The rest of the frame is not cleared: the compiler writes every
     * register before reading it (and zeroes results that need it). */
    return fr;
}

/* Inserts a method value's bound receiver before the nargs argument slots
 * at regs[base..]. */
static void vm_bind_args(Fiber *f, Closure *cl, uint32_t base, uint32_t nargs)
{
    vm_regs_ensure(f, base + nargs + cl->nbound + 8);
    Slot *r = f->regs + base;
    memmove(r + cl->nbound, r, nargs * sizeof(Slot));
    memcpy(r, cl->caps, cl->nbound * sizeof(Slot));
}

/* A fiber for a new run: f (an exited goroutine's from sched_take_dead_fiber,
 * or a finished nested call's) reset with its register stack and frames
 * kept when they are small, so that spawning and calls from native code
 * allocate nothing in the steady state; else a new one. */
static Fiber *vm_fiber_recycle(VM *vm, Fiber *f)
{
    if (!f || f->vm != vm || f->nregs > 256 || f->capframes > 16) return GC_MALLOC(sizeof(Fiber));
    Slot *regs = f->regs;
    uint32_t nregs = f->nregs;
    Frame *frames = f->frames;
    int capframes = f->capframes;
    memset(f, 0, sizeof *f);
    memset(regs, 0, (size_t)nregs * sizeof(Slot)); /* as fresh as GC_MALLOC's */
    memset(frames, 0, (size_t)capframes * sizeof(Frame));
    f->regs = regs;
    f->nregs = nregs;
    f->frames = frames;
    f->capframes = capframes;
    return f;
}

Fiber *vm_fiber_new(VM *vm, Closure *cl, const Slot *args, uint32_t nargs)
{
    return vm_fiber_new_reusing(vm, sched_take_dead_fiber(), cl, args, nargs);
}

Fiber *vm_fiber_new_reusing(VM *vm, Fiber *reuse, Closure *cl, const Slot *args, uint32_t nargs)
{
    Fiber *f = vm_fiber_recycle(vm, reuse);
    f->vm = vm;
    Func *fn = cl->fn;
    uint32_t need = fn->nregs + nargs + cl->nbound + 16;
    vm_regs_ensure(f, need);
    if (nargs) memcpy(f->regs, args, nargs * sizeof(Slot));
    if (cl->nbound) vm_bind_args(f, cl, 0, nargs);
    vm_push(f, fn, cl, 0);
    return f;
}

Closure *vm_func_closure(Func *fn)
{
    /* Made on first use, possibly by two threads at once (fmt calling
     * Error methods from several goroutines): the first to publish wins. */
    Closure *c = __atomic_load_n(&fn->closure, __ATOMIC_ACQUIRE);
    if (c) return c;
    Closure *n = GC_MALLOC(sizeof(Closure));
    n->fn = fn;
    if (__atomic_compare_exchange_n(&fn->closure, &c, n, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return n;
    return c;
}

static inline NativeStatus vm_call_native(Fiber *f, Func *fn, Slot *args)
{
    NativeCtx ctx = {f->vm, f->g, f, fn->type, fn->native_data};
    return fn->native(&ctx, args, args);
}

/* A bytecode function that calls native fn with its own parameters: a
 * deferred native runs in a frame of its own, so it may park (defer
 * wg.Wait()) like any call. Made once per native (a benign race). */
static Func *vm_trampoline(Func *fn)
{
    if (fn->trampoline) return fn->trampoline;
    Func *t = GC_MALLOC(sizeof(Func));
    uint32_t *code = GC_MALLOC_ATOMIC(7 * sizeof(uint32_t));
    code[0] = OP_CALL;
    code[1] = 0;
    code[2] = 0;
    code[3] = fn->nparams;
    code[4] = (uint32_t)(uintptr_t)fn;
    code[5] = (uint32_t)((uint64_t)(uintptr_t)fn >> 32);
    code[6] = OP_RET;
    Slot *k = GC_MALLOC(sizeof(Slot));
    k[0].p = fn;
    t->name = "runtime.deferwrap";
    t->code = code;
    t->ncode = 7;
    t->consts = k;
    t->nconsts = 1;
    t->nparams = fn->nparams;
    t->nregs = (fn->nparams > fn->nresults ? fn->nparams : fn->nresults) + 1;
    t->type = fn->type;
    fn->trampoline = t;
    return t;
}

/* The stand-in for a deferred nil function value: Go evaluates `defer f()`
 * with f == nil without complaint and panics only when the call is due, so
 * DEFER records this closure, which dereferences its nil argument. */
static Closure *vm_nil_defer_closure(void)
{
    static uint32_t code[] = {OP_NILCHK, 0, OP_RET};
    static Func fn = {.name = "runtime.deferwrap.nil", .code = code, .ncode = 3,
                      .nparams = 1, .nregs = 2};
    static Closure cl = {.fn = &fn};
    return &cl;
}

/* Starts a deferred call d of the top frame: pushes a frame for it (a
 * trampoline frame for a native) above the deferring frame's registers. */
static void vm_run_defer(Fiber *f, Defer *d)
{
    Frame *fr = &f->frames[f->nframes - 1];
    uint32_t base = fr->base + fr->fn->nregs;
    vm_regs_ensure(f, base + d->nargs + d->cl->nbound + 8);
    memcpy(f->regs + base, d->args, d->nargs * sizeof(Slot));
    if (d->cl->nbound) vm_bind_args(f, d->cl, base, d->nargs);
    Func *fn = d->cl->fn;
    if (fn->native) fn = vm_trampoline(fn);
    Frame *nf = vm_push(f, fn, d->cl, base);
    nf->is_defer = true;
    nf->ret_slow = true;
}

/* Unwinds for the panic in f->panic: runs the next deferred call of the
 * innermost frame that has one, popping frames without. Returns true when
 * execution continues (a deferred frame was pushed), false when the panic
 * left the bottom frame. */
static bool vm_unwind(Fiber *f)
{
    for (;;) {
        if (f->nframes == 0) return false;
        Frame *fr = &f->frames[f->nframes - 1];
        if (fr->defers) {
            Defer *d = fr->defers;
            fr->defers = d->next;
            fr->state = FS_PANICKING;
            vm_run_defer(f, d);
            return true;
        }
        if (fr->is_defer && f->panic && f->panic->link) f->panic->link->aborted = true;
        f->nframes--;
    }
}

/* Messages of run-time errors. */
static void vm_panic_index(Fiber *f, int64_t i, int64_t n)
{
    char buf[128];
    /* Go leaves the length out when the index itself is negative. */
    if (i < 0)
        snprintf(buf, sizeof buf, "index out of range [%lld]", (long long)i);
    else
        snprintf(buf, sizeof buf, "index out of range [%lld] with length %lld", (long long)i,
                 (long long)n);
    vm_panic_msg(f, buf, true);
}

static const char *vm_type_name(const Type *t, char *buf, size_t cap)
{
    if (!t) return "nil";
    return type_string(t, true, buf, cap);
}

/* The interface-conversion panic of a failed x.(T). */
static void vm_panic_assert(Fiber *f, const Iface *x, const Type *target, const Type *src)
{
    char a[256], b[256], c[256], msg[900];
    const char *sname = src ? vm_type_name(src, c, sizeof c) : "interface {}";
    if (target->kind == KIND_INTERFACE && x->type) {
        const char *missing = "?";
        for (int i = 0; i < target->nmethods; i++)
            if (!type_method(x->type, target->methods[i].name)) {
                missing = target->methods[i].name;
                break;
            }
        snprintf(msg, sizeof msg, "interface conversion: %s is not %s: missing method %s",
                 vm_type_name(x->type, a, sizeof a), vm_type_name(target, b, sizeof b), missing);
    } else if (!x->type) {
        snprintf(msg, sizeof msg, "interface conversion: %s is nil, not %s", sname,
                 vm_type_name(target, b, sizeof b));
    } else {
        snprintf(msg, sizeof msg, "interface conversion: %s is %s, not %s", sname,
                 vm_type_name(x->type, a, sizeof a), vm_type_name(target, b, sizeof b));
    }
    vm_panic_msg(f, msg, false);
    f->panic->runtime_error = true;
}

/* Whether two method signatures are the same (types are interned, so
 * their parameter and result types compare by pointer). */
static bool vm_sig_same(const Type *a, const Type *b)
{
    if (a == b) return true;
    if (!a || !b || a->nparams != b->nparams || a->nresults != b->nresults ||
        a->variadic != b->variadic)
        return false;
    for (int i = 0; i < a->nparams; i++)
        if (a->params[i] != b->params[i]) return false;
    for (int i = 0; i < a->nresults; i++)
        if (a->results[i] != b->results[i] &&
            !(a->results[i]->kind == KIND_STRING && b->results[i]->kind == KIND_STRING &&
              !a->results[i]->pkg && !b->results[i]->pkg))
            return false;
    return true;
}

bool vm_implements(const Type *t, const Type *iface)
{
    if (!t) return false;
    for (int i = 0; i < iface->nmethods; i++) {
        const Method *m = type_method(t, iface->methods[i].name);
        if (!m || !vm_sig_same(m->sig, iface->methods[i].sig)) return false;
    }
    return true;
}

/* Go's maxAlloc on amd64: make and append panic rather than ask for more
 * in one object (heap.c's limit too). */
#define VM_MAX_ALLOC ((int64_t)1 << 48)

/* Go's size classes up to 32 KiB, for append's capacity rounding. */
static const uint32_t vm_size_classes[] = {
    8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,   160,
    176,   192,   208,   224,   240,   256,   288,   320,   352,   384,   416,   448,
    480,   512,   576,   640,   704,   768,   896,   1024,  1152,  1280,  1408,  1536,
    1792,  2048,  2304,  2688,  3072,  3200,  3456,  4096,  4864,  5376,  6144,  6528,
    6784,  6912,  8192,  9472,  9728,  10240, 10880, 12288, 13568, 14336, 16384, 18432,
    19072, 20480, 21760, 24576, 27264, 28672, 32768};

static int64_t vm_roundupsize(int64_t size)
{
    if (size <= 32768) {
        for (size_t i = 0; i < sizeof vm_size_classes / sizeof *vm_size_classes; i++)
            if ((int64_t)vm_size_classes[i] >= size) return vm_size_classes[i];
    }
    return (size + 8191) & ~(int64_t)8191;
}

int64_t vm_grow_cap(int64_t oldcap, int64_t newlen, int64_t es)
{
    int64_t newcap = oldcap, dbl;
    if (__builtin_mul_overflow(oldcap, 2, &dbl) || newlen > dbl) newcap = newlen;
    else if (oldcap < 256) newcap = dbl;
    else {
        /* as Go's growslice: 1.25x plus a constant; on overflow, newlen */
        while (0 < newcap && newcap < newlen) newcap += (newcap + 3 * 256) >> 2;
        if (newcap <= 0) newcap = newlen;
    }
    if (es == 0) return newcap;
    int64_t bytes;
    if (__builtin_mul_overflow(newcap, es, &bytes) || bytes > VM_MAX_ALLOC) return -1;
    return vm_roundupsize(bytes) / es;
}

/* x as a rounded float64 that the C compiler cannot contract with the
 * operation that follows into a fused multiply-add (with -ffp-contract=fast
 * and an FMA-capable target it otherwise may): Go on amd64 rounds the
 * product of x*y + z before adding. */
static inline double vm_rounded(double x)
{
#if defined(__x86_64__) || defined(__i386__)
    __asm__("" : "+x"(x));
#elif defined(__aarch64__)
    __asm__("" : "+w"(x));
#else
    volatile double v = x;
    x = v;
#endif
    return x;
}

/* Go's min of two floats: a NaN operand wins, and -0 is below +0. */
static inline double vm_fmin(double x, double y)
{
    if (x != x || y != y) return x != x ? x : y;
    if (x == y) return signbit(x) ? x : y;
    return x < y ? x : y;
}

/* ---- conversions ---- */

static int64_t vm_f2i(double d)
{
    if (d != d || d >= 9223372036854775808.0 || d < -9223372036854775808.0) return INT64_MIN;
    return (int64_t)d;
}

/* Go on amd64 converts to the small integer types through a 32-bit
 * CVTTSD2SL, whose out-of-range (and NaN) result is MinInt32, and then
 * truncates: int8(1e30) == 0 but int32(1e30) == -2147483648. */
static int32_t vm_f2i32(double d)
{
    if (d != d || d >= 2147483648.0 || d <= -2147483649.0) return INT32_MIN;
    return (int32_t)d;
}

static uint64_t vm_f2u(double d)
{
    if (d != d) return 0x8000000000000000ull;
    if (d < 9223372036854775808.0) return (uint64_t)vm_f2i(d);
    if (d >= 18446744073709551616.0) return 0x8000000000000000ull;
    return (uint64_t)d;
}

static String vm_runes_to_string(const int32_t *r, int64_t n)
{
    uint8_t *buf = GC_MALLOC_ATOMIC((size_t)n * 4 + 1);
    int64_t len = 0;
    for (int64_t i = 0; i < n; i++) len += utf8_encode(r[i], buf + len);
    return (String){buf, len};
}

/* A complex64 in a slot: float32 real part in the low half. */
static inline void c64_get(const Slot *s, double *re, double *im)
{
    float p[2];
    memcpy(p, s, sizeof p);
    *re = p[0], *im = p[1];
}
static inline void c64_put(Slot *s, double re, double im)
{
    float p[2] = {(float)re, (float)im};
    memcpy(s, p, sizeof p);
}

/* CPLX64: reads every operand before writing R[A]. */
static void vm_cplx64(Slot *a, const Slot *b, const Slot *c, int code)
{
    double x, y, u = 0, v = 0, re, im;
    if (code == C64_FROM128) {
        c64_put(a, b[0].f, b[1].f);
        return;
    }
    if (code == C64_MAKE) {
        float p[2] = {b->f32, c->f32};
        memcpy(a, p, sizeof p);
        return;
    }
    c64_get(b, &x, &y);
    if (code <= C64_DIV || code == C64_EQ || code == C64_NE) c64_get(c, &u, &v);
    switch (code) {
    case C64_ADD: c64_put(a, (float)x + (float)u, (float)y + (float)v); return;
    case C64_SUB: c64_put(a, (float)x - (float)u, (float)y - (float)v); return;
    case C64_MUL: cplx_mul(x, y, u, v, &re, &im); c64_put(a, re, im); return;
    case C64_DIV: cplx_div(x, y, u, v, &re, &im); c64_put(a, re, im); return;
    case C64_NEG: c64_put(a, -x, -y); return;
    case C64_EQ: a->u = x == u && y == v; return;
    case C64_NE: a->u = x != u || y != v; return;
    case C64_REAL: { float r = (float)x; a->u = 0; a->f32 = r; return; }
    case C64_IMAG: { float r = (float)y; a->u = 0; a->f32 = r; return; }
    case C64_TO128: a[0].f = x, a[1].f = y; return;
    default: return;
    }
}

static void vm_convert(Slot *dst, const Slot *src, int code)
{
    switch (code) {
    case CVT_I2F: dst->f = (double)src->i; break;
    case CVT_U2F: dst->f = (double)src->u; break;
    case CVT_F2I: dst->i = vm_f2i(src->f); break;
    case CVT_F2U: dst->u = vm_f2u(src->f); break;
    case CVT_I2F32: { float x = (float)src->i; dst->u = 0; dst->f32 = x; break; }
    case CVT_U2F32: { float x = (float)src->u; dst->u = 0; dst->f32 = x; break; }
    case CVT_F322I: dst->i = vm_f2i((double)src->f32); break;
    case CVT_F322U: dst->u = vm_f2u((double)src->f32); break;
    case CVT_F2I32: dst->i = vm_f2i32(src->f); break;
    case CVT_F322I32: dst->i = vm_f2i32((double)src->f32); break;
    case CVT_F2F32: { float x = (float)src->f; dst->u = 0; dst->f32 = x; break; }
    case CVT_F322F: dst->f = (double)src->f32; break;
    case CVT_RUNE2S: {
        int64_t r = src->i;
        if (r < 0 || r > 0x10FFFF) r = 0xFFFD;
        uint8_t *buf = GC_MALLOC_ATOMIC(4);
        int n = utf8_encode((int32_t)r, buf);
        String s = {buf, n};
        memcpy(dst, &s, sizeof s);
        break;
    }
    case CVT_BYTES2S: {
        Slice s;
        memcpy(&s, src, sizeof s);
        String r = string_from_bytes(s.ptr, s.len);
        memcpy(dst, &r, sizeof r);
        break;
    }
    case CVT_BYTES2STMP: {
        /* No copy: the compiler emits this only for a map key that is
         * looked up at once (MAPGET, MAPREF with E=1), never stored. */
        Slice s;
        memcpy(&s, src, sizeof s);
        String r = {s.ptr, s.len};
        memcpy(dst, &r, sizeof r);
        break;
    }
    case CVT_S2BYTES: {
        String s;
        memcpy(&s, src, sizeof s);
        int64_t cap = s.len ? vm_roundupsize(s.len) : 0;
        Slice r = {GC_MALLOC_ATOMIC(cap ? (size_t)cap : 1), s.len, cap};
        if (s.len) memcpy(r.ptr, s.ptr, (size_t)s.len);
        memcpy(dst, &r, sizeof r);
        break;
    }
    case CVT_RUNES2S: {
        Slice s;
        memcpy(&s, src, sizeof s);
        String r = vm_runes_to_string(s.ptr, s.len);
        memcpy(dst, &r, sizeof r);
        break;
    }
    case CVT_S2RUNES: {
        String s;
        memcpy(&s, src, sizeof s);
        int64_t n = 0;
        for (int64_t i = 0; i < s.len; n++) {
            int w;
            utf8_decode(s.ptr + i, s.len - i, &w);
            i += w;
        }
        int64_t cap = n ? vm_roundupsize(n * 4) / 4 : 0;
        int32_t *p = GC_MALLOC_ATOMIC(cap ? (size_t)cap * 4 : 1);
        int64_t k = 0;
        for (int64_t i = 0; i < s.len; k++) {
            int w;
            p[k] = utf8_decode(s.ptr + i, s.len - i, &w);
            i += w;
        }
        Slice r = {p, n, cap};
        memcpy(dst, &r, sizeof r);
        break;
    }
    }
}

/* Prepares the receiver of method m of the dynamic value x at r[0..],
 * moving `nargs` argument slots that follow a one-slot placeholder.
 * Returns the number of receiver slots, or -1 for a nil pointer. */
static int vm_place_receiver(Fiber *f, uint32_t at, const Iface *x, const Method *m,
                             uint32_t nargs)
{
    const Type *d = x->type, *rt = d;
    const void *src;
    if (d->kind == KIND_POINTER && !d->name && !m->ptrrecv && d->elem && d->elem->name) {
        rt = d->elem;
        src = x->word.p;
        if (!src) return -1;
    } else {
        src = iface_data(x);
    }
    uint32_t rs = type_slots(rt);
    vm_regs_ensure(f, at + rs + nargs + 8);
    Slot *r = f->regs + at;
    memmove(r + rs, r + 1, nargs * sizeof(Slot));
    if (rs) {
        r[rs - 1].u = 0;
        vm_load_typed(r, src, rt);
    }
    return (int)rs;
}

/* Makes a closure binding nslots receiver slots to fn (a method value). */
static Closure *vm_bind(Func *fn, const Slot *recv, uint32_t nslots)
{
    Closure *c = GC_MALLOC(sizeof(Closure) + nslots * sizeof(Slot));
    c->fn = fn;
    c->nbound = nslots;
    c->ncaps = nslots;
    memcpy(c->caps, recv, nslots * sizeof(Slot));
    return c;
}

/* One inline-cache entry of an interface call site (immutable once
 * published; the site's constant slot is swapped atomically). */
typedef struct VMCacheEntry {
    const Type *type;
    const Method *m;
} VMCacheEntry;

/* ---- the dispatch loop ---- */

#if CSP_COMPUTED_GOTO
#define VM_DISPATCH() goto *vm_labels[*ip]
#define VM_CASE(n) L_##n:
#else
#define VM_DISPATCH() goto vm_dispatch
#define VM_CASE(n) case OP_##n:
#endif

#define A ((int32_t)ip[1])
#define B ((int32_t)ip[2])
#define C ((int32_t)ip[3])
#define D ((int32_t)ip[4])
#define E ((int32_t)ip[5])
#define F ((int32_t)ip[6])
#define G_ ((int32_t)ip[7])
#define NEXT(n)                                                               \
    do {                                                                      \
        ip += (n) + 1;                                                        \
        VM_DISPATCH();                                                        \
    } while (0)
#define RELOAD()                                                              \
    do {                                                                      \
        fr = &f->frames[f->nframes - 1];                                      \
        fn = fr->fn;                                                          \
        K = fn->consts;                                                       \
        R = f->regs + fr->base;                                               \
        ip = fn->code + fr->pc;                                               \
    } while (0)
#define SAVE() (fr->pc = (uint32_t)(ip - fn->code))
#define THROW(msg)                                                            \
    do {                                                                      \
        SAVE();                                                               \
        vm_panic_msg(f, msg, true);                                           \
        goto do_unwind;                                                       \
    } while (0)
#define NILDEREF() THROW("invalid memory address or nil pointer dereference")
/* Pre-emption: a budget in a C local, counted down at backward jumps and
 * calls; when it runs out, the monitor's request (g->preempt) or the
 * spent budget makes the goroutine yield. A nested call from native code
 * never yields; if the run has ended meanwhile (os.Exit elsewhere, the
 * host's time limit) it abandons its goroutine, or it would spin on. */
#define BUDGET(target)                                                        \
    do {                                                                      \
        if (--budget <= 0) {                                                  \
            if (!f->nested) {                                                 \
                fr->pc = (uint32_t)(target);                                  \
                return VM_YIELD;                                              \
            }                                                                 \
            if (sched_stopping() && sched_can_abort_g())                      \
                sched_abort_g();                                              \
            budget = SCHED_PREEMPT_BUDGET;                                    \
        }                                                                     \
    } while (0)

int vm_execute(Fiber *f)
{
#if CSP_COMPUTED_GOTO
    static void *vm_labels[] = {
#define X(n, fm, d) &&L_##n,
        OPCODES(X)
#undef X
    };
#endif
    G *g = f->g;
    /* a pending pre-emption request shortens the budget to one check */
    int64_t budget = g && atomic_load_explicit(&g->preempt, memory_order_relaxed)
                         ? 1
                         : (g && g->preempt_budget > 0 ? g->preempt_budget : SCHED_PREEMPT_BUDGET);
    Frame *fr;
    Func *fn;
    Slot *K, *R;
    const uint32_t *ip;
    Func *callee;
    Closure *ccl;
    uint32_t cat;
    const Type *badkey = NULL;
    /* package-level variables: fixed for the program's life, so GLOBAL
     * reads one array instead of following f->vm->prog each time */
    void **const globals = f->vm->prog->globals;

    fr = &f->frames[f->nframes - 1];
    if (fr->fn->native && fr->pc == 0) {
        /* a goroutine started on a native (go fmt.Println(...)) */
        NativeStatus st = vm_call_native(f, fr->fn, f->regs + fr->base);
        if (st == NATIVE_PARK) return VM_PARK;
        if (st == NATIVE_YIELD) return VM_YIELD;
        if (st == NATIVE_PANIC) {
            f->nframes = 0;
            return VM_FATAL;
        }
        f->nframes--;
        return VM_DONE;
    }
    RELOAD();
    VM_DISPATCH();

#if !CSP_COMPUTED_GOTO
vm_dispatch:
    switch (*ip) {
#endif

    VM_CASE(NOP) NEXT(0);
    VM_CASE(MOV) R[A] = R[B]; NEXT(2);
    VM_CASE(MOV2) {
        R[A] = R[B];
        R[C] = R[D];
        NEXT(4);
    }
    VM_CASE(MOVN) {
        if (C == 1) R[A] = R[B];
        else if (C == 2) {
            Slot x = R[B], y = R[B + 1];
            R[A] = x;
            R[A + 1] = y;
        } else memmove(&R[A], &R[B], (size_t)C * sizeof(Slot));
        NEXT(3);
    }
    VM_CASE(LOADK) R[A] = K[B]; NEXT(2);
    VM_CASE(LOADKN) memcpy(&R[A], &K[B], (size_t)C * sizeof(Slot)); NEXT(3);
    VM_CASE(LOADI) R[A].i = B; NEXT(2);
    VM_CASE(ZERO) memset(&R[A], 0, (size_t)B * sizeof(Slot)); NEXT(2);
    VM_CASE(GLOBAL) R[A].p = globals[B]; NEXT(2);
    VM_CASE(GETUP) R[A] = fr->cl->caps[B]; NEXT(2);
    VM_CASE(NEW) R[A].p = heap_new(K[B].p); NEXT(2);
    VM_CASE(CLOSURE) {
        uint32_t n = (uint32_t)D;
        Closure *c = GC_MALLOC(sizeof(Closure) + n * sizeof(Slot));
        c->fn = K[B].p;
        c->ncaps = n;
        memcpy(c->caps, &R[C], n * sizeof(Slot));
        R[A].p = c;
        NEXT(4);
    }

    VM_CASE(LOAD) {
        char *p = R[B].p;
        if (!p) NILDEREF();
        vm_load(&R[A], p + C, D);
        NEXT(4);
    }
    VM_CASE(STORE) {
        char *p = R[A].p;
        if (!p) NILDEREF();
        vm_store(p + B, &R[C], D);
        NEXT(4);
    }
    VM_CASE(RLOAD) {
        Slot tmp[1];
        if (D == 8 || (D < 8 && D > -8)) {
            vm_load(tmp, (char *)&R[B] + C, D);
            R[A] = tmp[0];
        } else {
            vm_load(&R[A], (char *)&R[B] + C, D);
        }
        NEXT(4);
    }
    VM_CASE(RSTORE) vm_store((char *)&R[A] + B, &R[C], D); NEXT(4);
    VM_CASE(ADDR) {
        char *p = R[B].p;
        if (!p) NILDEREF();
        R[A].p = p + C;
        NEXT(3);
    }
    VM_CASE(NILCHK) if (!R[A].p) NILDEREF(); NEXT(1);
    VM_CASE(LOAD64) {
        char *p = R[B].p;
        if (!p) NILDEREF();
        memcpy(&R[A], p + C, 8);
        NEXT(3);
    }
    VM_CASE(STORE64) {
        char *p = R[A].p;
        if (!p) NILDEREF();
        memcpy(p + B, &R[C], 8);
        NEXT(3);
    }
    VM_CASE(SLOAD64) {
        Slice *s = (Slice *)&R[B];
        int64_t i = R[C].i;
        if ((uint64_t)i >= (uint64_t)s->len) {
            SAVE();
            vm_panic_index(f, i, s->len);
            goto do_unwind;
        }
        R[A] = ((Slot *)s->ptr)[i];
        NEXT(3);
    }
    VM_CASE(SSTORE64) {
        Slice *s = (Slice *)&R[A];
        int64_t i = R[B].i;
        if ((uint64_t)i >= (uint64_t)s->len) {
            SAVE();
            vm_panic_index(f, i, s->len);
            goto do_unwind;
        }
        ((Slot *)s->ptr)[i] = R[C];
        NEXT(3);
    }
    VM_CASE(SLOAD8) {
        Slice *s = (Slice *)&R[B];
        int64_t i = R[C].i;
        if ((uint64_t)i >= (uint64_t)s->len) {
            SAVE();
            vm_panic_index(f, i, s->len);
            goto do_unwind;
        }
        R[A].u = ((const uint8_t *)s->ptr)[i];
        NEXT(3);
    }
    VM_CASE(SSTORE8) {
        Slice *s = (Slice *)&R[A];
        int64_t i = R[B].i;
        if ((uint64_t)i >= (uint64_t)s->len) {
            SAVE();
            vm_panic_index(f, i, s->len);
            goto do_unwind;
        }
        ((uint8_t *)s->ptr)[i] = (uint8_t)R[C].u;
        NEXT(3);
    }

    VM_CASE(ADD) R[A].u = R[B].u + R[C].u; NEXT(3);
    VM_CASE(SUB) R[A].u = R[B].u - R[C].u; NEXT(3);
    VM_CASE(MUL) R[A].u = R[B].u * R[C].u; NEXT(3);
    VM_CASE(DIV) {
        int64_t y = R[C].i, x = R[B].i;
        if (y == 0) THROW("integer divide by zero");
        R[A].i = y == -1 ? (int64_t)(0 - (uint64_t)x) : x / y;
        NEXT(3);
    }
    VM_CASE(DIVU) {
        uint64_t y = R[C].u;
        if (y == 0) THROW("integer divide by zero");
        R[A].u = R[B].u / y;
        NEXT(3);
    }
    VM_CASE(REM) {
        int64_t y = R[C].i, x = R[B].i;
        if (y == 0) THROW("integer divide by zero");
        R[A].i = y == -1 ? 0 : x % y;
        NEXT(3);
    }
    VM_CASE(REMU) {
        uint64_t y = R[C].u;
        if (y == 0) THROW("integer divide by zero");
        R[A].u = R[B].u % y;
        NEXT(3);
    }
    VM_CASE(AND) R[A].u = R[B].u & R[C].u; NEXT(3);
    VM_CASE(OR) R[A].u = R[B].u | R[C].u; NEXT(3);
    VM_CASE(XOR) R[A].u = R[B].u ^ R[C].u; NEXT(3);
    VM_CASE(ANDNOT) R[A].u = R[B].u & ~R[C].u; NEXT(3);
    VM_CASE(SHL) {
        uint64_t s = R[C].u;
        R[A].u = s >= 64 ? 0 : R[B].u << s;
        NEXT(3);
    }
    VM_CASE(SHR) {
        uint64_t s = R[C].u;
        R[A].i = R[B].i >> (s >= 64 ? 63 : s);
        NEXT(3);
    }
    VM_CASE(SHRU) {
        uint64_t s = R[C].u;
        R[A].u = s >= 64 ? 0 : R[B].u >> s;
        NEXT(3);
    }
    VM_CASE(ADDI) R[A].u = R[B].u + (uint64_t)(int64_t)C; NEXT(3);
    VM_CASE(MULI) R[A].u = R[B].u * (uint64_t)(int64_t)C; NEXT(3);
    VM_CASE(DIVI) {
        int64_t x = R[B].i;
        R[A].i = C == -1 ? (int64_t)(0 - (uint64_t)x) : x / C;
        NEXT(3);
    }
    VM_CASE(REMI) R[A].i = C == -1 ? 0 : R[B].i % C; NEXT(3);
    /* by a power of two: shifts instead of a divide, whose latency sits
     * on the dependency chain of index arithmetic such as (lo+hi)/2; the
     * bias 2^C-1 added to a negative dividend makes the shift truncate */
    VM_CASE(DIVPI) {
        int64_t x = R[B].i;
        uint64_t bias = (uint64_t)(x >> 63) >> (64 - C);
        R[A].i = (int64_t)((uint64_t)x + bias) >> C;
        NEXT(3);
    }
    VM_CASE(REMPI) {
        int64_t x = R[B].i;
        uint64_t bias = (uint64_t)(x >> 63) >> (64 - C);
        R[A].u = (uint64_t)x - (((uint64_t)x + bias) & ~((1ull << C) - 1));
        NEXT(3);
    }
    VM_CASE(DIVUI) R[A].u = R[B].u / (uint64_t)(uint32_t)C; NEXT(3);
    VM_CASE(REMUI) R[A].u = R[B].u % (uint64_t)(uint32_t)C; NEXT(3);
    VM_CASE(ANDI) R[A].u = R[B].u & (uint64_t)(int64_t)C; NEXT(3);
    VM_CASE(ORI) R[A].u = R[B].u | (uint64_t)(int64_t)C; NEXT(3);
    VM_CASE(XORI) R[A].u = R[B].u ^ (uint64_t)(int64_t)C; NEXT(3);
    VM_CASE(SHLI) R[A].u = C >= 64 ? 0 : R[B].u << C; NEXT(3);
    VM_CASE(SHRI) R[A].i = R[B].i >> (C >= 64 ? 63 : C); NEXT(3);
    VM_CASE(SHRUI) R[A].u = C >= 64 ? 0 : R[B].u >> C; NEXT(3);
    VM_CASE(MADD) R[A].u = R[B].u * R[C].u + R[D].u; NEXT(4);
    VM_CASE(MSUB) R[A].u = R[D].u - R[B].u * R[C].u; NEXT(4);
    VM_CASE(NEG) R[A].u = 0 - R[B].u; NEXT(2);
    VM_CASE(BNOT) R[A].u = ~R[B].u; NEXT(2);
    VM_CASE(NOT) R[A].u = !R[B].u; NEXT(2);
    VM_CASE(NORM) R[A].i = vm_norm(R[B].i, C); NEXT(3);
    VM_CASE(CHKSHIFT) if (R[A].i < 0) THROW("negative shift amount"); NEXT(1);

    VM_CASE(ADDF) R[A].f = R[B].f + R[C].f; NEXT(3);
    VM_CASE(SUBF) R[A].f = R[B].f - R[C].f; NEXT(3);
    VM_CASE(MULF) R[A].f = R[B].f * R[C].f; NEXT(3);
    VM_CASE(DIVF) R[A].f = R[B].f / R[C].f; NEXT(3);
    VM_CASE(MADDF) {
        double p = vm_rounded(R[B].f * R[C].f);
        R[A].f = p + R[D].f;
        NEXT(4);
    }
    VM_CASE(MSUBF) {
        double p = vm_rounded(R[B].f * R[C].f);
        R[A].f = R[D].f - p;
        NEXT(4);
    }
    VM_CASE(ADDFK) R[A].f = R[B].f + K[C].f; NEXT(3);
    VM_CASE(SUBFK) R[A].f = R[B].f - K[C].f; NEXT(3);
    VM_CASE(MULFK) R[A].f = R[B].f * K[C].f; NEXT(3);
    VM_CASE(DIVFK) R[A].f = R[B].f / K[C].f; NEXT(3);
    VM_CASE(SUBKF) R[A].f = K[C].f - R[B].f; NEXT(3);
    VM_CASE(DIVKF) R[A].f = K[C].f / R[B].f; NEXT(3);
    VM_CASE(I2F) R[A].f = (double)R[B].i; NEXT(2);
    VM_CASE(NEGF) R[A].f = -R[B].f; NEXT(2);
    VM_CASE(ADDC) {
        double re = R[B].f + R[C].f, im = R[B + 1].f + R[C + 1].f;
        R[A].f = re, R[A + 1].f = im;
        NEXT(3);
    }
    VM_CASE(SUBC) {
        double re = R[B].f - R[C].f, im = R[B + 1].f - R[C + 1].f;
        R[A].f = re, R[A + 1].f = im;
        NEXT(3);
    }
    VM_CASE(MULC) {
        double a = R[B].f, b = R[B + 1].f, c = R[C].f, d = R[C + 1].f;
        double re = vm_rounded(a * c) - vm_rounded(b * d);
        double im = vm_rounded(a * d) + vm_rounded(b * c);
        R[A].f = re, R[A + 1].f = im;
        NEXT(3);
    }
    VM_CASE(MADDC) {
        double a = R[B].f, b = R[B + 1].f, c = R[C].f, d = R[C + 1].f;
        double re = vm_rounded(vm_rounded(a * c) - vm_rounded(b * d)) + R[D].f;
        double im = vm_rounded(vm_rounded(a * d) + vm_rounded(b * c)) + R[D + 1].f;
        R[A].f = re, R[A + 1].f = im;
        NEXT(4);
    }
    VM_CASE(MSUBC) {
        double a = R[B].f, b = R[B + 1].f, c = R[C].f, d = R[C + 1].f;
        double re = R[D].f - vm_rounded(vm_rounded(a * c) - vm_rounded(b * d));
        double im = R[D + 1].f - vm_rounded(vm_rounded(a * d) + vm_rounded(b * c));
        R[A].f = re, R[A + 1].f = im;
        NEXT(4);
    }
    VM_CASE(DIVC) {
        double re, im;
        cplx_div(R[B].f, R[B + 1].f, R[C].f, R[C + 1].f, &re, &im);
        R[A].f = re, R[A + 1].f = im;
        NEXT(3);
    }
    VM_CASE(NEGC) {
        double re = -R[B].f, im = -R[B + 1].f;
        R[A].f = re, R[A + 1].f = im;
        NEXT(2);
    }
    VM_CASE(MKC) {
        double re = R[B].f, im = R[C].f;
        R[A].f = re, R[A + 1].f = im;
        NEXT(3);
    }
    VM_CASE(EQC) R[A].u = R[B].f == R[C].f && R[B + 1].f == R[C + 1].f; NEXT(3);
    VM_CASE(NEC) R[A].u = R[B].f != R[C].f || R[B + 1].f != R[C + 1].f; NEXT(3);
    VM_CASE(CPLX64) vm_cplx64(&R[A], &R[B], &R[C], (int)D); NEXT(4);
#define F32OP(expr)                                                           \
    do {                                                                      \
        float x_ = (expr);                                                    \
        R[A].u = 0;                                                           \
        R[A].f32 = x_;                                                        \
    } while (0)
    VM_CASE(ADDF32) F32OP(R[B].f32 + R[C].f32); NEXT(3);
    VM_CASE(SUBF32) F32OP(R[B].f32 - R[C].f32); NEXT(3);
    VM_CASE(MULF32) F32OP(R[B].f32 * R[C].f32); NEXT(3);
    VM_CASE(DIVF32) F32OP(R[B].f32 / R[C].f32); NEXT(3);
    VM_CASE(NEGF32) F32OP(-R[B].f32); NEXT(2);

    VM_CASE(FMATH) {
        double x = R[B].f;
        switch (C) {
        case FMATH_SQRT: x = sqrt(x); break;
        case FMATH_ABS: x = fabs(x); break;
        case FMATH_FLOOR: x = floor(x); break;
        case FMATH_CEIL: x = ceil(x); break;
        case FMATH_TRUNC: x = trunc(x); break;
        }
        R[A].f = x;
        NEXT(3);
    }
    VM_CASE(MINF) R[A].f = vm_fmin(R[B].f, R[C].f); NEXT(3);
    VM_CASE(MAXF) R[A].f = -vm_fmin(-R[B].f, -R[C].f); NEXT(3);
    VM_CASE(MINF32) F32OP((float)vm_fmin(R[B].f32, R[C].f32)); NEXT(3);
    VM_CASE(MAXF32) F32OP((float)-vm_fmin(-(double)R[B].f32, -(double)R[C].f32)); NEXT(3);

    VM_CASE(EQ) R[A].u = R[B].u == R[C].u; NEXT(3);
    VM_CASE(NE) R[A].u = R[B].u != R[C].u; NEXT(3);
    VM_CASE(LT) R[A].u = R[B].i < R[C].i; NEXT(3);
    VM_CASE(LE) R[A].u = R[B].i <= R[C].i; NEXT(3);
    VM_CASE(LTU) R[A].u = R[B].u < R[C].u; NEXT(3);
    VM_CASE(LEU) R[A].u = R[B].u <= R[C].u; NEXT(3);
    VM_CASE(EQF) R[A].u = R[B].f == R[C].f; NEXT(3);
    VM_CASE(NEF) R[A].u = R[B].f != R[C].f; NEXT(3);
    VM_CASE(LTF) R[A].u = R[B].f < R[C].f; NEXT(3);
    VM_CASE(LEF) R[A].u = R[B].f <= R[C].f; NEXT(3);
    VM_CASE(EQF32) R[A].u = R[B].f32 == R[C].f32; NEXT(3);
    VM_CASE(NEF32) R[A].u = R[B].f32 != R[C].f32; NEXT(3);
    VM_CASE(LTF32) R[A].u = R[B].f32 < R[C].f32; NEXT(3);
    VM_CASE(LEF32) R[A].u = R[B].f32 <= R[C].f32; NEXT(3);
    VM_CASE(EQS) R[A].u = string_eq(*(String *)&R[B], *(String *)&R[C]); NEXT(3);
    VM_CASE(NES) R[A].u = !string_eq(*(String *)&R[B], *(String *)&R[C]); NEXT(3);
    VM_CASE(LTS) R[A].u = string_compare(*(String *)&R[B], *(String *)&R[C]) < 0; NEXT(3);
    VM_CASE(LES) R[A].u = string_compare(*(String *)&R[B], *(String *)&R[C]) <= 0; NEXT(3);
    VM_CASE(EQV) {
        const Type *t = K[D].p;
        /* Go panics when equal dynamic types hidden in interface fields
         * are uncomparable */
        const Type *bad = value_unhashable(t, &R[B]);
        if (bad && bad == value_unhashable(t, &R[C])) {
            char buf[256], msg[300];
            snprintf(msg, sizeof msg, "comparing uncomparable type %s",
                     vm_type_name(bad, buf, sizeof buf));
            THROW(msg);
        }
        R[A].u = value_equal(t, &R[B], &R[C]);
        NEXT(4);
    }
    VM_CASE(EQI) {
        bool unc = false;
        Iface x = *(Iface *)&R[B], y = *(Iface *)&R[C];
        bool eq = iface_equal(&x, &y, &unc);
        if (unc) {
            char buf[256], msg[300];
            snprintf(msg, sizeof msg, "comparing uncomparable type %s",
                     vm_type_name(x.type, buf, sizeof buf));
            THROW(msg);
        }
        R[A].u = eq;
        NEXT(3);
    }
    VM_CASE(CVT) {
        if (C == CVT_BYTES2STMP) {
            /* the bytes of a map key: a pointer and a length, no call */
            Slot p = R[B], n = R[B + 1];
            R[A] = p, R[A + 1] = n;
            NEXT(3);
        }
        Slot tmp[3];
        vm_convert(tmp, &R[B], C);
        int n = C >= CVT_RUNE2S ? (C == CVT_S2BYTES || C == CVT_S2RUNES ? 3 : 2) : 1;
        memcpy(&R[A], tmp, (size_t)n * sizeof(Slot));
        NEXT(3);
    }

    VM_CASE(JMP) {
        uint32_t t = (uint32_t)A;
        if (fn->code + t <= ip) BUDGET(t);
        ip = fn->code + t;
        VM_DISPATCH();
    }
    VM_CASE(JT) {
        if (R[A].u) {
            uint32_t t = (uint32_t)B;
            if (fn->code + t <= ip) BUDGET(t);
            ip = fn->code + t;
            VM_DISPATCH();
        }
        NEXT(2);
    }
    VM_CASE(JF) {
        if (!R[A].u) {
            uint32_t t = (uint32_t)B;
            if (fn->code + t <= ip) BUDGET(t);
            ip = fn->code + t;
            VM_DISPATCH();
        }
        NEXT(2);
    }

#define CJUMP(cond)                                                           \
    do {                                                                      \
        if (cond) {                                                           \
            uint32_t t_ = (uint32_t)C;                                        \
            if (fn->code + t_ <= ip) BUDGET(t_);                              \
            ip = fn->code + t_;                                               \
            VM_DISPATCH();                                                    \
        }                                                                     \
        NEXT(3);                                                              \
    } while (0)
    VM_CASE(JLT) CJUMP(R[A].i < R[B].i);
    VM_CASE(JLE) CJUMP(R[A].i <= R[B].i);
    VM_CASE(JLTU) CJUMP(R[A].u < R[B].u);
    VM_CASE(JLEU) CJUMP(R[A].u <= R[B].u);
    VM_CASE(JEQ) CJUMP(R[A].u == R[B].u);
    VM_CASE(JNE) CJUMP(R[A].u != R[B].u);
    VM_CASE(JLTF) CJUMP(R[A].f < R[B].f);
    VM_CASE(JLEF) CJUMP(R[A].f <= R[B].f);
    VM_CASE(JNLTF) CJUMP(!(R[A].f < R[B].f));
    VM_CASE(JNLEF) CJUMP(!(R[A].f <= R[B].f));
    VM_CASE(JLTI) CJUMP(R[A].i < B);
    VM_CASE(JLEI) CJUMP(R[A].i <= B);
    VM_CASE(JGTI) CJUMP(R[A].i > B);
    VM_CASE(JGEI) CJUMP(R[A].i >= B);
    VM_CASE(JEQI) CJUMP(R[A].i == B);
    VM_CASE(JNEI) CJUMP(R[A].i != B);

    /* R[A] += B, then a backward conditional jump (pre-emption point) */
#define INCJUMP(cond)                                                         \
    do {                                                                      \
        R[A].u += (uint64_t)(int64_t)B;                                       \
        if (cond) {                                                           \
            uint32_t t_ = (uint32_t)D;                                        \
            BUDGET(t_);                                                       \
            ip = fn->code + t_;                                               \
            VM_DISPATCH();                                                    \
        }                                                                     \
        NEXT(4);                                                              \
    } while (0)
    VM_CASE(INCJLTI) INCJUMP(R[A].i < C);
    VM_CASE(INCJLEI) INCJUMP(R[A].i <= C);
    VM_CASE(INCJGTI) INCJUMP(R[A].i > C);
    VM_CASE(INCJGEI) INCJUMP(R[A].i >= C);
    VM_CASE(INCJLT) INCJUMP(R[A].i < R[C].i);
    VM_CASE(INCJLE) INCJUMP(R[A].i <= R[C].i);

    VM_CASE(CALL) {
        BUDGET(ip - fn->code);
        callee = (Func *)(uintptr_t)((uint64_t)ip[4] | (uint64_t)ip[5] << 32); /* K[B] */
        cat = (uint32_t)A;
        if (!callee->native) {
            /* Fast path of a direct call to bytecode (the hot case: no
             * closure, no native): push the frame in place and enter the
             * callee without reloading state from memory. call_pc only
             * matters to natives that park, so it is not stored here. */
            uint32_t base = fr->base + cat;
            if (__builtin_expect(base + callee->nregs + 8 <= f->nregs &&
                                     f->nframes < f->capframes, 1)) {
                fr->ret_ip = ip + 6;
                fr->pc = (uint32_t)(ip - fn->code) + 6;
                fr = &f->frames[f->nframes++];
                fr->fn = callee;
                fr->cl = NULL;
                fr->pc = 0;
                fr->base = base;
                fr->defers = NULL;
                fr->state = FS_RUN;
                fr->is_defer = false;
                fr->ret_slow = false; /* not the bottom frame */
                fn = callee;
                K = fn->consts;
                R += cat;
                ip = fn->code;
                VM_DISPATCH();
            }
        }
        ccl = NULL;
        fr->call_pc = (uint32_t)(ip - fn->code);
        ip += 6;
        goto do_call;
    }
    VM_CASE(CALLC) {
        BUDGET(ip - fn->code);
        ccl = R[B].p;
        if (!ccl) NILDEREF();
        cat = (uint32_t)A;
        fr->call_pc = (uint32_t)(ip - fn->code);
        callee = ccl->fn;
        if (ccl->nbound && !(g->resumed && callee->native)) {
            vm_bind_args(f, ccl, fr->base + cat, (uint32_t)C);
            R = f->regs + fr->base;
        }
        ip += 4;
        goto do_call;
    }
    VM_CASE(CALLI) {
        BUDGET(ip - fn->code);
        Iface x = *(Iface *)&R[B];
        const char *name = K[C].p;
        cat = (uint32_t)A;
        if (!x.type) NILDEREF();
        /* inline cache: the last (type, method) seen at this call site */
        _Atomic(VMCacheEntry *) *cell = K[C + 1].p;
        VMCacheEntry *ce = atomic_load_explicit(cell,
                                                memory_order_acquire);
        const Method *m;
        if (ce && ce->type == x.type) {
            m = ce->m;
        } else {
            m = type_method(x.type, name);
            if (m) {
                VMCacheEntry *ne = GC_MALLOC(sizeof(VMCacheEntry));
                ne->type = x.type;
                ne->m = m;
                atomic_store_explicit(cell, ne, memory_order_release);
            }
        }
        if (!m || !m->fn) {
            char msg[300];
            snprintf(msg, sizeof msg, "not supported yet: method %s of %s", name,
                     x.type->name ? x.type->name : "value");
            THROW(msg);
        }
        callee = m->fn;
        ccl = NULL;
        fr->call_pc = (uint32_t)(ip - fn->code);
        if (!(g->resumed && callee->native)) {
            int rs = vm_place_receiver(f, fr->base + cat, &x, m, (uint32_t)D - 1);
            R = f->regs + fr->base;
            if (rs < 0) NILDEREF();
        }
        ip += 5;
        goto do_call;
    }
    VM_CASE(RET) {
        /* the common case: no deferred calls, not a deferred call itself */
        if (!fr->ret_slow && !fn->nrescells) {
            uint32_t rr = fn->resreg, n = fn->nresults;
            if (n == 1) /* the usual single result, without a loop */
                R[0] = R[rr];
            else if (rr)
                for (uint32_t i = 0; i < n; i++) R[i] = R[rr + i];
            /* the caller's frame is the one below: no reload through f */
            f->nframes--;
            fr--;
            fn = fr->fn;
            K = fn->consts;
            R = f->regs + fr->base;
            ip = fr->ret_ip;
            VM_DISPATCH();
        }
        /* the deferred calls see this frame at its return (Go's
         * traceback line of deferreturn): pc just past the RET */
        fr->pc = (uint32_t)(ip - fn->code) + 1;
        goto do_return;
    }
    VM_CASE(RET1) {
        /* RET of a single one-slot result held in R[A]: in the common case
         * it goes straight to R[0]; otherwise to the result register, and
         * the general return path runs */
        if (!fr->ret_slow) { /* (no result cells: RET1 has no named result) */
            R[0] = R[A];
            f->nframes--;
            fr--;
            fn = fr->fn;
            K = fn->consts;
            R = f->regs + fr->base;
            ip = fr->ret_ip;
            VM_DISPATCH();
        }
        R[fn->resreg] = R[A];
        /* the deferred calls see this frame at its return (Go's
         * traceback line of deferreturn): pc just past the RET */
        fr->pc = (uint32_t)(ip - fn->code) + 1;
        goto do_return;
    }
    VM_CASE(GO) {
        Closure *cl = R[B].p;
        Fiber *nf;
        if (cl) {
            nf = vm_fiber_new(f->vm, cl, &R[A], (uint32_t)C);
        } else if (C == 0) {
            /* Go hands a nil func value straight to newproc, which throws */
            SAVE();
            vm_fatal(f, "go of nil func value");
        } else {
            /* with arguments Go starts a wrapper, whose call of nil panics
             * in the new goroutine */
            Slot nil = {0};
            nf = vm_fiber_new(f->vm, vm_nil_defer_closure(), &nil, 1);
        }
        nf->go_fn = fn;
        nf->go_pc = (uint32_t)(ip - fn->code);
        nf->go_parent = f->g ? f->g->id : 1;
        sched_go(nf);
        NEXT(3);
    }
    VM_CASE(DEFER) {
        Closure *cl = R[B].p;
        uint32_t n = (uint32_t)C;
        Defer *d = GC_MALLOC(sizeof(Defer) + (n ? n : 1) * sizeof(Slot));
        d->cl = cl;
        d->nargs = n;
        memcpy(d->args, &R[A], n * sizeof(Slot));
        if (!cl) {
            /* nil panics when the deferred call runs, not here */
            d->cl = vm_nil_defer_closure();
            d->nargs = 1;
            d->args[0].p = NULL;
        }
        d->next = fr->defers;
        fr->defers = d;
        fr->ret_slow = true;
        NEXT(3);
    }
    VM_CASE(PANIC) {
        Iface v = *(Iface *)&R[A];
        SAVE();
        if (!v.type) {
            /* Go 1.21+: panic(nil) panics with a *runtime.PanicNilError */
            vm_panic_start(f, vm_panic_nil_value(), true);
        } else {
            vm_panic_start(f, v, false);
        }
        goto do_unwind;
    }
    VM_CASE(RECOVER) {
        Iface v = {0};
        if (fr->is_defer && f->nframes >= 2 && f->frames[f->nframes - 2].state == FS_PANICKING &&
            f->panic && !f->panic->recovered && !f->panic->goexit) {
            v = f->panic->value;
            f->panic->recovered = true;
        }
        *(Iface *)&R[A] = v;
        NEXT(1);
    }
    VM_CASE(METHVAL) {
        Func *m = K[C].p;
        uint32_t rs = m->nparams;
        {
            /* receiver slots: the parameters beyond the signature's */
            const Type *t = m->type;
            for (int i = 0; t && i < t->nparams; i++) rs -= type_slots(t->params[i]);
        }
        R[A].p = vm_bind(m, &R[B], rs);
        NEXT(3);
    }
    VM_CASE(IMETHVAL) {
        Iface x = *(Iface *)&R[B];
        if (!x.type) NILDEREF();
        const Method *m = type_method(x.type, K[C].p);
        if (!m || !m->fn) THROW("not supported yet: method value of this type");
        uint32_t tmp = fr->base + fn->nregs;
        int rs = vm_place_receiver(f, tmp, &x, m, 0);
        R = f->regs + fr->base;
        if (rs < 0) NILDEREF();
        R[A].p = vm_bind(m->fn, f->regs + tmp, (uint32_t)rs);
        NEXT(3);
    }

    VM_CASE(MKCHAN) {
        const Type *et = K[B].p;
        int64_t n = R[C].i, mem;
        /* Go's makechan: the buffer's bytes must fit below maxAlloc */
        if (n < 0 || __builtin_mul_overflow(n, (int64_t)et->size, &mem) || mem > VM_MAX_ALLOC - 96) {
            SAVE();
            vm_panic_msg(f, "makechan: size out of range", false);
            goto do_unwind;
        }
        R[A].p = chan_make(et->size, n, et->has_pointers);
        NEXT(3);
    }
    VM_CASE(SEND) {
        ChanStatus st;
        if (g->resumed) st = chan_send_resume(g);
        else {
            Chan *c = R[A].p;
            st = chan_send(c, &R[B], g, true);
        }
        if (st == CHAN_PARKED) {
            SAVE();
            return VM_PARK;
        }
        if (st == CHAN_CLOSED) {
            SAVE();
            vm_panic_msg(f, "send on closed channel", false);
            f->panic->runtime_error = true;
            goto do_unwind;
        }
        NEXT(2);
    }
    VM_CASE(RECV) {
        bool ok = false;
        if (g->resumed) chan_recv_resume(g, &ok);
        else {
            Chan *c = R[B].p;
            ChanStatus st = chan_recv(c, A >= 0 ? &R[A] : NULL, &ok, g, true);
            if (st == CHAN_PARKED) {
                SAVE();
                return VM_PARK;
            }
        }
        if (C >= 0) R[C].u = ok;
        NEXT(3);
    }
    VM_CASE(CLOSE) {
        const char *msg = chan_close(R[A].p);
        if (msg) {
            SAVE();
            vm_panic_msg(f, msg, false);
            f->panic->runtime_error = true;
            goto do_unwind;
        }
        NEXT(1);
    }
    VM_CASE(CHANLEN) R[A].i = chan_len(R[B].p); NEXT(2);
    VM_CASE(CHANCAP) R[A].i = chan_cap(R[B].p); NEXT(2);
    VM_CASE(SCASE) {
        SelectCase *sc = (SelectCase *)&R[A];
        Chan *c = R[B].p;
        sc->c = c;
        sc->is_send = D != 0;
        sc->elem = C >= 0 ? (void *)&R[C] : NULL;
        NEXT(4);
    }
    VM_CASE(SELECT) {
        bool ok = false;
        int idx;
        SelectCase *cases = (SelectCase *)&R[A];
        if (g->resumed) idx = chan_select_resume(cases, B, g, &ok);
        else idx = chan_select(cases, B, E != 0, g, &ok);
        if (idx == -2) {
            SAVE();
            return VM_PARK;
        }
        if (idx <= -3) {
            SAVE();
            vm_panic_msg(f, "send on closed channel", false);
            f->panic->runtime_error = true;
            goto do_unwind;
        }
        R[C].i = idx;
        if (D >= 0) R[D].u = ok;
        NEXT(5);
    }

    VM_CASE(IDXADDR) {
        Slice *s = (Slice *)&R[B];
        int64_t i = R[C].i;
        if ((uint64_t)i >= (uint64_t)s->len) {
            SAVE();
            vm_panic_index(f, i, s->len);
            goto do_unwind;
        }
        R[A].p = (char *)s->ptr + i * D;
        NEXT(4);
    }
    VM_CASE(IDXADDRA) {
        char *p = R[B].p;
        int64_t i = R[C].i;
        if ((uint64_t)i >= (uint64_t)E) {
            SAVE();
            vm_panic_index(f, i, E);
            goto do_unwind;
        }
        if (!p) NILDEREF();
        R[A].p = p + i * D;
        NEXT(5);
    }
    VM_CASE(IDXLOADA) {
        char *p = R[B].p;
        int64_t i = R[C].i;
        if ((uint64_t)i >= (uint64_t)E) {
            SAVE();
            vm_panic_index(f, i, E);
            goto do_unwind;
        }
        if (!p) NILDEREF();
        int32_t w = (int32_t)D;
        vm_load(&R[A], p + i * (w < 0 ? -w : w), w);
        NEXT(5);
    }
    VM_CASE(SIDX) {
        String *s = (String *)&R[B];
        int64_t i = R[C].i;
        if ((uint64_t)i >= (uint64_t)s->len) {
            SAVE();
            vm_panic_index(f, i, s->len);
            goto do_unwind;
        }
        R[A].u = s->ptr[i];
        NEXT(3);
    }
    VM_CASE(SLICE) {
        int mode = G_;
        int64_t es = F;
        Slice s;
        if (mode == SLICE_STRING) {
            String st = *(String *)&R[B];
            s.ptr = (void *)st.ptr;
            s.len = s.cap = st.len;
        } else {
            s = *(Slice *)&R[B];
            if (mode == SLICE_ARRAY && !s.ptr) NILDEREF();
        }
        int64_t lo = C >= 0 ? R[C].i : 0;
        int64_t hi = D >= 0 ? R[D].i : s.len;
        int64_t mx = E >= 0 ? R[E].i : s.cap;
        char msg[160];
        const char *what = mode == SLICE_SLICE ? "capacity" : "length";
        if (E >= 0) {
            if ((uint64_t)mx > (uint64_t)s.cap) {
                /* Go omits the limit when the offending bound is negative */
                if (mx < 0)
                    snprintf(msg, sizeof msg, "slice bounds out of range [::%lld]", (long long)mx);
                else
                    snprintf(msg, sizeof msg, "slice bounds out of range [::%lld] with %s %lld",
                             (long long)mx, what, (long long)s.cap);
                THROW(msg);
            }
            if ((uint64_t)hi > (uint64_t)mx) {
                if (hi < 0)
                    snprintf(msg, sizeof msg, "slice bounds out of range [:%lld:]", (long long)hi);
                else
                    snprintf(msg, sizeof msg, "slice bounds out of range [:%lld:%lld]",
                             (long long)hi, (long long)mx);
                THROW(msg);
            }
            if ((uint64_t)lo > (uint64_t)hi) {
                if (lo < 0)
                    snprintf(msg, sizeof msg, "slice bounds out of range [%lld::]", (long long)lo);
                else
                    snprintf(msg, sizeof msg, "slice bounds out of range [%lld:%lld:]",
                             (long long)lo, (long long)hi);
                THROW(msg);
            }
        } else {
            int64_t lim = mode == SLICE_STRING ? s.len : s.cap;
            if ((uint64_t)hi > (uint64_t)lim) {
                if (hi < 0)
                    snprintf(msg, sizeof msg, "slice bounds out of range [:%lld]", (long long)hi);
                else
                    snprintf(msg, sizeof msg, "slice bounds out of range [:%lld] with %s %lld",
                             (long long)hi, what, (long long)lim);
                THROW(msg);
            }
            if ((uint64_t)lo > (uint64_t)hi) {
                if (lo < 0)
                    snprintf(msg, sizeof msg, "slice bounds out of range [%lld:]", (long long)lo);
                else
                    snprintf(msg, sizeof msg, "slice bounds out of range [%lld:%lld]",
                             (long long)lo, (long long)hi);
                THROW(msg);
            }
        }
        if (mode == SLICE_STRING) {
            String r = {(const uint8_t *)s.ptr + lo, hi - lo};
            *(String *)&R[A] = r;
        } else {
            Slice r = {(char *)s.ptr + (mx - lo > 0 ? lo * es : 0), hi - lo, mx - lo};
            if (mx - lo == 0 && s.ptr) r.ptr = (char *)s.ptr + lo * es;
            *(Slice *)&R[A] = r;
        }
        NEXT(7);
    }
    VM_CASE(MKSLICE) {
        const Type *et = K[B].p;
        int64_t len = R[C].i, cap = R[D].i;
        /* Go's makeslice: the size of cap elements first; when it is bad,
         * blame len if len alone is bad. An allocation within the limit
         * that the machine cannot hold is out of memory (heap.c). */
        uint64_t es = et->size, most = es ? (uint64_t)VM_MAX_ALLOC / es : INT64_MAX;
        if (cap < len || (uint64_t)cap > most) { /* a negative cap is huge */
            if ((uint64_t)len > most) THROW("makeslice: len out of range");
            THROW("makeslice: cap out of range");
        }
        Slice s = {heap_new_array(et, cap ? cap : 0), len, cap};
        *(Slice *)&R[A] = s;
        NEXT(4);
    }
    VM_CASE(APPEND) {
        const Type *et = K[D].p;
        size_t es = et->size;
        Slice s = *(Slice *)&R[B];
        /* unsigned: len == cap == MaxInt64 (zero-size elements) must grow
         * and fail, not wrap */
        if ((uint64_t)s.len + 1 > (uint64_t)s.cap) {
            int64_t nc = s.len == INT64_MAX ? -1 : vm_grow_cap(s.cap, s.len + 1, (int64_t)es);
            if (nc < 0) THROW("growslice: len out of range");
            void *p = heap_new_array(et, nc);
            if (s.len) memcpy(p, s.ptr, (size_t)s.len * es);
            s.ptr = p;
            s.cap = nc;
        }
        memcpy((char *)s.ptr + (size_t)s.len * es, &R[C], es);
        s.len++;
        *(Slice *)&R[A] = s;
        NEXT(4);
    }
    VM_CASE(APPENDS) {
        const Type *et = K[D].p;
        size_t es = et->size;
        Slice s = *(Slice *)&R[B];
        Slice t = *(Slice *)&R[C]; /* a string's ptr and len read the same */
        if (t.len) {
            if ((uint64_t)s.len + (uint64_t)t.len > (uint64_t)s.cap) {
                int64_t nl, nc = -1;
                if (!__builtin_add_overflow(s.len, t.len, &nl)) nc = vm_grow_cap(s.cap, nl, (int64_t)es);
                if (nc < 0) THROW("growslice: len out of range");
                void *p = heap_new_array(et, nc);
                if (s.len) memcpy(p, s.ptr, (size_t)s.len * es);
                s.ptr = p;
                s.cap = nc;
            }
            memmove((char *)s.ptr + (size_t)s.len * es, t.ptr, (size_t)t.len * es);
            s.len += t.len;
        }
        *(Slice *)&R[A] = s;
        NEXT(4);
    }
    VM_CASE(COPY) {
        Slice d = *(Slice *)&R[B], s = *(Slice *)&R[C];
        int64_t n = d.len < s.len ? d.len : s.len;
        if (n > 0) memmove(d.ptr, s.ptr, (size_t)(n * D));
        R[A].i = n;
        NEXT(4);
    }
    VM_CASE(CONCAT) {
        String r = string_concat(*(String *)&R[B], *(String *)&R[C]);
        *(String *)&R[A] = r;
        NEXT(3);
    }
    VM_CASE(DECODE) {
        String s = *(String *)&R[C];
        int64_t i = R[D].i;
        int w = 1;
        int32_t r = utf8_decode(s.ptr + i, s.len - i, &w);
        R[A].i = r;
        R[B].i = w;
        NEXT(4);
    }
    VM_CASE(SL2ARR) {
        Slice s = *(Slice *)&R[B];
        if (s.len < C) {
            char msg[160];
            snprintf(msg, sizeof msg,
                     "cannot convert slice with length %lld to array or pointer to array with length %d",
                     (long long)s.len, C);
            THROW(msg);
        }
        R[A].p = s.ptr;
        NEXT(3);
    }
    VM_CASE(CLEARSL) {
        Slice s = *(Slice *)&R[A];
        const Type *et = K[B].p;
        if (s.len) memset(s.ptr, 0, (size_t)s.len * et->size);
        NEXT(2);
    }

    VM_CASE(MKMAP) R[A].p = map_make(K[B].p, R[C].i); NEXT(3);
    VM_CASE(MAPGET) {
        const Type *mt = K[D].p;
        bool unh = false;
        SAVE(); /* a detected race reports this line */
        void *v = map_access(R[B].p, &R[C], &unh);
        if (unh) {
            badkey = value_unhashable(mt->key, &R[C]);
            goto unhashable;
        }
        if (v) vm_load_typed(&R[A], v, mt->elem);
        else memset(&R[A], 0, type_slots(mt->elem) * sizeof(Slot));
        if (E >= 0) R[E].u = v != NULL;
        NEXT(5);
    }
    VM_CASE(MAPSET) {
        const Type *mt = K[D].p;
        Map *m = R[A].p;
        if (!m) goto nil_map_write;
        bool unh = false;
        SAVE();
        void *v = map_assign(m, &R[B], &unh);
        if (unh) {
            badkey = value_unhashable(mt->key, &R[B]);
            goto unhashable;
        }
        vm_store(v, &R[C], (int32_t)mt->elem->size);
        NEXT(4);
    }
    VM_CASE(MAPREF) {
        const Type *mt = K[D].p;
        Map *m = R[B].p;
        if (!m) goto nil_map_write;
        bool unh = false;
        SAVE();
        void *v = E ? map_assign_borrowed(m, &R[C], &unh) : map_assign(m, &R[C], &unh);
        if (unh) {
            badkey = value_unhashable(mt->key, &R[C]);
            goto unhashable;
        }
        R[A].p = v;
        NEXT(5);
    }
    VM_CASE(MAPDEL) {
        SAVE();
        if (R[A].p) map_delete(R[A].p, &R[B]);
        NEXT(3);
    }
    VM_CASE(MAPLEN) R[A].i = map_len(R[B].p); NEXT(2);
    VM_CASE(MAPCLEAR) SAVE(); if (R[A].p) map_clear(R[A].p); NEXT(1);
    VM_CASE(MAPITER) SAVE(); map_iter_init(R[B].p, (MapIter *)&R[A]); NEXT(2);
    VM_CASE(MAPNEXT) {
        void *kp, *vp;
        const Type *mt = K[D].p;
        SAVE();
        if (!map_iter_next((MapIter *)&R[A], &kp, &vp)) {
            ip = fn->code + E;
            VM_DISPATCH();
        }
        if (B >= 0) vm_load_typed(&R[B], kp, mt->key);
        if (C >= 0) vm_load_typed(&R[C], vp, mt->elem);
        NEXT(5);
    }

    VM_CASE(MKIFACE) {
        Type *t = K[C].p;
        Iface x;
        if (t->iface_direct) {
            x.type = t;
            x.word.u = 0;
            memcpy(&x.word, &R[B], t->size);
        } else {
            x = iface_box(t, &R[B]);
        }
        *(Iface *)&R[A] = x;
        NEXT(3);
    }
    VM_CASE(ASSERT) {
        Iface x = *(Iface *)&R[B];
        const Type *t = K[C].p, *src = K[C + 1].p;
        bool ok;
        if (t->kind == KIND_INTERFACE) {
            ok = vm_implements(x.type, t);
            if (ok) *(Iface *)&R[A] = x;
        } else {
            ok = x.type == t;
            if (ok) {
                if (t->size) R[A + type_slots(t) - 1].u = 0;
                vm_load_typed(&R[A], iface_data(&x), t);
            }
        }
        if (!ok) {
            if (D < 0) {
                SAVE();
                vm_panic_assert(f, &x, t, src);
                goto do_unwind;
            }
            memset(&R[A], 0, type_slots(t) * sizeof(Slot));
        }
        if (D >= 0) R[D].u = ok;
        NEXT(4);
    }
    VM_CASE(TYPEIS) {
        Iface x = *(Iface *)&R[B];
        const Type *t = K[C].p;
        R[A].u = t->kind == KIND_INTERFACE ? vm_implements(x.type, t) : x.type == t;
        NEXT(3);
    }
    VM_CASE(PRINT) vm_print_builtin(f->vm, K[B].p, &R[A]); NEXT(2);
    VM_CASE(PRINTSP) vm_write(f->vm, 2, " ", 1); NEXT(0);
    VM_CASE(PRINTNL) vm_write(f->vm, 2, "\n", 1); NEXT(0);

#if !CSP_COMPUTED_GOTO
    default: abort();
    }
#endif

nil_map_write:
    SAVE();
    vm_panic_msg(f, "assignment to entry in nil map", false);
    f->panic->runtime_error = true;
    goto do_unwind;

unhashable: {
    char buf[256], msg[300];
    snprintf(msg, sizeof msg, "hash of unhashable type %s",
             vm_type_name(badkey, buf, sizeof buf));
    THROW(msg);
}

do_return:
    /* The running frame returns: run its deferred calls, then copy its
     * results down to where the caller finds them and pop it. */
    for (;;) {
        fr = &f->frames[f->nframes - 1];
        if (fr->defers) {
            Defer *d = fr->defers;
            fr->defers = d->next;
            if (fr->state == FS_RUN) fr->state = FS_RETURNING;
            vm_run_defer(f, d);
            RELOAD();
            VM_DISPATCH();
        }
        fn = fr->fn;
        bool was_defer = fr->is_defer;
        for (uint32_t i = 0; i < fn->nrescells; i++) {
            Slot *r = f->regs + fr->base;
            const uint32_t *rc = fn->rescells + 3 * i;
            vm_load(&r[fn->resreg + rc[1]], r[rc[0]].p, (int32_t)rc[2]);
        }
        if (!was_defer && fn->resreg) {
            /* results move down to R[0..]; resreg > 0 so copying upward
             * in order never overwrites a slot before it is read */
            Slot *r = f->regs + fr->base;
            for (uint32_t i = 0; i < fn->nresults; i++) r[i] = r[fn->resreg + i];
        }
        f->nframes--;
        if (f->nframes == 0) return VM_DONE;
        fr = &f->frames[f->nframes - 1];
        if (was_defer) {
            if (fr->state == FS_PANICKING) {
                if (f->panic && f->panic->recovered) {
                    Panic *q = f->panic->link;
                    while (q && q->aborted) q = q->link;
                    f->panic = q;
                    fr->state = FS_RETURNING;
                    continue;
                }
                goto do_unwind_continue;
            }
            continue; /* FS_RETURNING: next deferred call */
        }
        RELOAD();
        VM_DISPATCH();
    }

do_unwind:
do_unwind_continue:
    if (vm_unwind(f)) {
        RELOAD();
        VM_DISPATCH();
    }
    if (f->panic && f->panic->goexit && !f->panic->link) return f->nested ? VM_FATAL : VM_GOEXIT;
    return VM_FATAL;

do_call:
    /* callee/ccl/cat set; ip is past the call instruction */
    SAVE();
    if (callee->native) {
        NativeStatus st = vm_call_native(f, callee, f->regs + fr->base + cat);
        if (st == NATIVE_OK) {
            g->resumed = false;
            RELOAD();
            VM_DISPATCH();
        }
        if (st == NATIVE_PANIC) goto do_unwind;
        if (st == NATIVE_YIELD) return VM_YIELD;
        /* parked: the call instruction re-executes when the G resumes */
        fr->pc = fr->call_pc;
        return VM_PARK;
    }
    fr->ret_ip = ip;
    vm_push(f, callee, ccl, fr->base + cat);
    RELOAD();
    VM_DISPATCH();
}
