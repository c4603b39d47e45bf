/* vm_panic.c — panic values, run-time errors, tracebacks, and printing
 * values as the print builtins and Go's panic report do.
 *
 * Owns the runtime.Error type the VM uses for run-time errors, the
 * `panic: ...` report of an unrecovered panic (Go's printpanics), and
 * the natives' panic services (native_panic_*). It must never unwind
 * frames itself: that is vm.c's dispatch loop.
 */
#include <gc.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#include "vm_priv.h"

/* ---- runtime.Error: the type of run-time error values ---- */

/* Error() of a run-time error: its receiver is the message string. */
static NativeStatus vm_rterror_Error(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slot a = args[0], b = args[1];
    res[0] = a;
    res[1] = b;
    return NATIVE_OK;
}

static Type vm_string_type = {.kind = KIND_STRING, .size = 16, .align = 8, .name = "string",
                              .underlying = &vm_string_type, .comparable = true,
                              .has_pointers = true};
static Type *vm_error_results[1] = {&vm_string_type};
static Type vm_error_sig = {.kind = KIND_FUNC, .size = 8, .align = 8,
                            .underlying = &vm_error_sig, .nresults = 1,
                            .results = vm_error_results, .has_pointers = true,
                            .iface_direct = true};
static Func vm_error_fn = {.name = "runtime.(*errorString).Error", .nparams = 2, .nresults = 2,
                           .nregs = 2, .native = vm_rterror_Error, .type = &vm_error_sig};
/* RuntimeError() marks runtime.Error values; it does nothing. */
static NativeStatus vm_rterror_RuntimeError(NativeCtx *ctx, Slot *args, Slot *res)
{
    return NATIVE_OK;
}
static Type vm_marker_sig = {.kind = KIND_FUNC, .size = 8, .align = 8,
                             .underlying = &vm_marker_sig, .has_pointers = true,
                             .iface_direct = true};
static Func vm_marker_fn = {.name = "runtime.(*errorString).RuntimeError", .nparams = 2,
                            .nregs = 2, .native = vm_rterror_RuntimeError, .type = &vm_marker_sig};
/* sorted by name, as method tables are */
static Method vm_error_methods[2] = {
    {.name = "Error", .sig = &vm_error_sig, .ptrrecv = false, .fn = &vm_error_fn},
    {.name = "RuntimeError", .sig = &vm_marker_sig, .ptrrecv = false, .fn = &vm_marker_fn}};
static Type vm_rterror_type = {.kind = KIND_STRING, .size = 16, .align = 8,
                               .name = "errorString", .pkg = "runtime",
                               .underlying = &vm_string_type, .nmethods = 2,
                               .methods = vm_error_methods, .nptrmethods = 2,
                               .ptrmethods = vm_error_methods, .comparable = true,
                               .has_pointers = true, .id = 0xFFFFFFF0u};

Type *vm_runtime_error_type(void) { return &vm_rterror_type; }

/* Go's other run-time error types, told apart by %T: runtime.boundsError
 * (index, slice and slice-to-array conversion errors) and
 * runtime.plainError (nil map write, channel misuse: no "runtime error: "
 * prefix). Both hold their message as errorString does. */
static Type vm_bounds_type = {.kind = KIND_STRING, .size = 16, .align = 8,
                              .name = "boundsError", .pkg = "runtime",
                              .underlying = &vm_string_type, .nmethods = 2,
                              .methods = vm_error_methods, .nptrmethods = 2,
                              .ptrmethods = vm_error_methods, .comparable = true,
                              .has_pointers = true, .id = 0xFFFFFFF1u};
static Type vm_plain_type = {.kind = KIND_STRING, .size = 16, .align = 8,
                             .name = "plainError", .pkg = "runtime",
                             .underlying = &vm_string_type, .nmethods = 2,
                             .methods = vm_error_methods, .nptrmethods = 2,
                             .ptrmethods = vm_error_methods, .comparable = true,
                             .has_pointers = true, .id = 0xFFFFFFF2u};

/* *runtime.TypeAssertionError, the value of a failed x.(T): a pointer to
 * its message. */
static NativeStatus vm_tae_Error(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    String s = *(const String *)args[0].p;
    memcpy(res, &s, sizeof s);
    return NATIVE_OK;
}
static Func vm_tae_error_fn = {.name = "runtime.(*TypeAssertionError).Error", .nparams = 1,
                               .nresults = 2, .nregs = 2, .native = vm_tae_Error,
                               .type = &vm_error_sig};
static Func vm_tae_marker_fn = {.name = "runtime.(*TypeAssertionError).RuntimeError",
                                .nparams = 1, .nregs = 1, .native = vm_rterror_RuntimeError,
                                .type = &vm_marker_sig};
static Method vm_tae_methods[2] = {
    {.name = "Error", .sig = &vm_error_sig, .ptrrecv = true, .fn = &vm_tae_error_fn},
    {.name = "RuntimeError", .sig = &vm_marker_sig, .ptrrecv = true, .fn = &vm_tae_marker_fn}};
static Type vm_tae_type = {.kind = KIND_STRUCT, .size = 16, .align = 8,
                           .name = "TypeAssertionError", .pkg = "runtime",
                           .underlying = &vm_tae_type, .nptrmethods = 2,
                           .ptrmethods = vm_tae_methods, .has_pointers = true};
static Type vm_tae_ptr = {.kind = KIND_POINTER, .size = 8, .align = 8, .underlying = &vm_tae_ptr,
                          .elem = &vm_tae_type, .comparable = true, .has_pointers = true,
                          .iface_direct = true};

/* *runtime.PanicNilError, the value of panic(nil) since Go 1.21. */
static NativeStatus vm_pne_Error(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = string_from_cstr("panic called with nil argument");
    memcpy(res, &s, sizeof s);
    return NATIVE_OK;
}
static Func vm_pne_error_fn = {.name = "runtime.(*PanicNilError).Error", .nparams = 1,
                               .nresults = 2, .nregs = 2, .native = vm_pne_Error,
                               .type = &vm_error_sig};
static Func vm_pne_marker_fn = {.name = "runtime.(*PanicNilError).RuntimeError", .nparams = 1,
                                .nregs = 1, .native = vm_rterror_RuntimeError,
                                .type = &vm_marker_sig};
static Method vm_pne_methods[2] = {
    {.name = "Error", .sig = &vm_error_sig, .ptrrecv = true, .fn = &vm_pne_error_fn},
    {.name = "RuntimeError", .sig = &vm_marker_sig, .ptrrecv = true, .fn = &vm_pne_marker_fn}};
static Type vm_pne_type = {.kind = KIND_STRUCT, .size = 0, .align = 1, .name = "PanicNilError",
                           .pkg = "runtime", .underlying = &vm_pne_type, .nptrmethods = 2,
                           .ptrmethods = vm_pne_methods, .comparable = true};
static Type vm_pne_ptr = {.kind = KIND_POINTER, .size = 8, .align = 8, .underlying = &vm_pne_ptr,
                          .elem = &vm_pne_type, .comparable = true, .has_pointers = true,
                          .iface_direct = true};

Iface vm_panic_nil_value(void)
{
    Iface v;
    v.type = &vm_pne_ptr;
    v.word.p = GC_MALLOC(1);
    return v;
}

/* ---- tracebacks ---- */

/* The source line of pc in fn. */
static int vm_line_of(const Func *fn, uint32_t pc)
{
    int line = 0;
    for (uint32_t i = 0; i < fn->nlines; i++) {
        if (fn->lines[i].pc > pc) break;
        line = fn->lines[i].line;
    }
    return line;
}

/* Go's traceback of the fiber's frames, innermost first. A caller's pc is
 * past its call instruction (so pc-1 is in the call); the innermost
 * frame's is exact when the VM raised the panic, and past a call when a
 * native did (`top_exact`). */
/* Writes f's frames to m, innermost first, as Go's traceback. */
static void vm_traceback_write(FILE *m, Fiber *f, bool top_exact)
{
    for (int i = f->nframes - 1; i >= 0; i--) {
        Frame *fr = &f->frames[i];
        uint32_t pc = fr->pc;
        if ((i != f->nframes - 1 || !top_exact) && pc > 0) pc--;
        if (fr->fn->name && !strncmp(fr->fn->name, "runtime.", 8)) continue;
        fprintf(m, "%s(%s)\n\t%s:%d\n", fr->fn->name ? fr->fn->name : "?",
                fr->fn->nparams ? "..." : "", fr->fn->file ? fr->fn->file : "?",
                vm_line_of(fr->fn, pc));
    }
}

static char *vm_traceback(Fiber *f, bool top_exact)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) heap_out_of_memory();
    vm_traceback_write(m, f, top_exact);
    fclose(m);
    if (!buf) heap_out_of_memory();
    char *r = GC_MALLOC_ATOMIC(len + 1);
    memcpy(r, buf, len + 1);
    free(buf);
    return r;
}

static void vm_panic_begin(Fiber *f, Iface v, bool runtime_error, bool from_native)
{
    Panic *p = GC_MALLOC(sizeof(Panic));
    p->value = v;
    p->runtime_error = runtime_error;
    p->link = f->panic;
    p->trace = vm_traceback(f, !from_native);
    f->panic = p;
}

void vm_panic_start(Fiber *f, Iface v, bool runtime_error)
{
    vm_panic_begin(f, v, runtime_error, false);
}

/* A run-time error value: a runtime.Error holding msg, with Go's
 * "runtime error: " prefix when `prefix` is set and msg lacks it. */
static Iface vm_error_value(const char *msg, bool prefix)
{
    const char *pre = "runtime error: ";
    String s;
    if (prefix && strncmp(msg, pre, strlen(pre)) != 0) {
        size_t n = strlen(pre) + strlen(msg);
        char *b = GC_MALLOC_ATOMIC(n + 1);
        strcpy(b, pre);
        strcat(b, msg);
        s = (String){(const uint8_t *)b, (int64_t)n};
    } else {
        s = string_from_cstr(msg);
    }
    if (!strncmp(msg, "interface conversion: ", 22)) {
        Iface v;
        String *box = GC_MALLOC(sizeof *box);
        *box = s;
        v.type = &vm_tae_ptr;
        v.word.p = box;
        return v;
    }
    const char *m = msg + (strncmp(msg, pre, strlen(pre)) ? 0 : strlen(pre));
    Type *t = &vm_rterror_type;
    if (!strncmp(m, "index out of range", 18) || !strncmp(m, "slice bounds out of range", 25) ||
        !strncmp(m, "cannot convert slice with length", 32))
        t = &vm_bounds_type;
    else if (!prefix)
        t = &vm_plain_type;
    return iface_box(t, &s);
}

void vm_panic_msg(Fiber *f, const char *msg, bool prefix)
{
    vm_panic_begin(f, vm_error_value(msg, prefix), true, false);
}

Iface vm_plain_error(const char *msg, size_t len)
{
    char *b = GC_MALLOC_ATOMIC(len + 1);
    memcpy(b, msg, len);
    b[len] = '\0';
    String s = {(const uint8_t *)b, (int64_t)len};
    return iface_box(&vm_plain_type, &s);
}

NativeStatus native_panic_error(NativeCtx *ctx, const char *msg)
{
    vm_panic_begin(ctx->fiber, vm_error_value(msg, true), true, true);
    return NATIVE_PANIC;
}

NativeStatus native_panic_value(NativeCtx *ctx, Iface v)
{
    vm_panic_begin(ctx->fiber, v, false, true);
    return NATIVE_PANIC;
}

NativeStatus native_goexit(NativeCtx *ctx)
{
    Iface none = {0};
    vm_panic_begin(ctx->fiber, none, false, true);
    ctx->fiber->panic->goexit = true;
    return NATIVE_PANIC;
}

NativeStatus native_panic_string(NativeCtx *ctx, const char *msg)
{
    String s = string_from_cstr(msg);
    vm_panic_begin(ctx->fiber, iface_box(type_basic[KIND_STRING], &s), false, true);
    return NATIVE_PANIC;
}

/* ---- printing values (print/println and panic reports) ---- */

/* Room for print's text of any non-string value: a complex's two floats
 * of 14 bytes and "(", "i)", or an interface's two pointers. */
#define VM_PRINT_MAX 64

/* Go's runtime printfloat: +d.dddddde+ddd, into o; returns its length. */
static size_t vm_format_float(char *o, double v)
{
    if (v != v) {
        memcpy(o, "NaN", 3);
        return 3;
    }
    if (v + v == v && v != 0) {
        memcpy(o, v > 0 ? "+Inf" : "-Inf", 4);
        return 4;
    }
    enum { N = 7 };
    char *buf = o;
    int e = 0;
    buf[0] = '+';
    if (v == 0) {
        if (signbit(v)) buf[0] = '-';
    } else {
        if (v < 0) {
            v = -v;
            buf[0] = '-';
        }
        while (v >= 10) {
            e++;
            v /= 10;
        }
        while (v < 1) {
            e--;
            v *= 10;
        }
        double h = 5.0;
        for (int i = 0; i < N; i++) h /= 10;
        v += h;
        if (v >= 10) {
            e++;
            v /= 10;
        }
    }
    for (int i = 0; i < N; i++) {
        int s = (int)v;
        buf[i + 2] = (char)(s + '0');
        v -= s;
        v *= 10;
    }
    buf[1] = buf[2];
    buf[2] = '.';
    buf[N + 2] = 'e';
    buf[N + 3] = '+';
    if (e < 0) {
        e = -e;
        buf[N + 3] = '-';
    }
    buf[N + 4] = (char)(e / 100 + '0');
    buf[N + 5] = (char)((e / 10) % 10 + '0');
    buf[N + 6] = (char)(e % 10 + '0');
    return N + 7;
}

/* print's text of v (type t): a string's own bytes, or the text written
 * into buf (VM_PRINT_MAX bytes). Stores its length in *len. */
static const char *vm_format_value(const Type *t, const Slot *v, char *buf, size_t *len)
{
    int n = 0;
    switch (t->kind) {
    case KIND_BOOL: n = snprintf(buf, VM_PRINT_MAX, "%s", v->u & 1 ? "true" : "false"); break;
    case KIND_INT: case KIND_INT8: case KIND_INT16: case KIND_INT32: case KIND_INT64:
        n = snprintf(buf, VM_PRINT_MAX, "%lld", (long long)v->i);
        break;
    case KIND_UINT: case KIND_UINT8: case KIND_UINT16: case KIND_UINT32: case KIND_UINT64:
    case KIND_UINTPTR:
        n = snprintf(buf, VM_PRINT_MAX, "%llu", (unsigned long long)v->u);
        break;
    case KIND_FLOAT64: n = (int)vm_format_float(buf, v->f); break;
    case KIND_FLOAT32: n = (int)vm_format_float(buf, (double)v->f32); break;
    case KIND_COMPLEX64:
    case KIND_COMPLEX128: {
        /* Go's printcomplex: both parts signed, "(+1.000000e+000+2.000000e+000i)" */
        double re = v[0].f, im = t->kind == KIND_COMPLEX128 ? v[1].f : 0;
        if (t->kind == KIND_COMPLEX64) {
            float p[2];
            memcpy(p, v, sizeof p);
            re = p[0], im = p[1];
        }
        buf[n++] = '(';
        n += (int)vm_format_float(buf + n, re);
        n += (int)vm_format_float(buf + n, im);
        buf[n++] = 'i';
        buf[n++] = ')';
        break;
    }
    case KIND_STRING: {
        const String *s = (const String *)v;
        *len = (size_t)s->len;
        return (const char *)s->ptr;
    }
    /* pointers as Go's runtime prints them: 0x0 for nil (C's %p says
     * "(nil)") */
    case KIND_INTERFACE:
        n = snprintf(buf, VM_PRINT_MAX, "(0x%" PRIxPTR ",0x%" PRIxPTR ")", (uintptr_t)v[0].p,
                     (uintptr_t)v[1].p);
        break;
    case KIND_SLICE:
        n = snprintf(buf, VM_PRINT_MAX, "[%lld/%lld]0x%" PRIxPTR, (long long)v[1].i,
                     (long long)v[2].i, (uintptr_t)v[0].p);
        break;
    default: n = snprintf(buf, VM_PRINT_MAX, "0x%" PRIxPTR, (uintptr_t)v->p); break;
    }
    *len = n < 0 ? 0 : (size_t)n;
    return buf;
}

void vm_print_value(FILE *o, const Type *t, const Slot *v)
{
    char buf[VM_PRINT_MAX];
    size_t n;
    const char *s = vm_format_value(t, v, buf, &n);
    fwrite(s, 1, n, o);
}

void vm_print_builtin(VM *vm, const Type *t, const Slot *v)
{
    char buf[VM_PRINT_MAX];
    size_t n;
    const char *s = vm_format_value(t, v, buf, &n);
    vm_write(vm, 2, s, n);
}

/* Calls Error() or String() of v for the panic report. */
static bool vm_panic_method(Fiber *f, const Iface *v, const char *name, String *out)
{
    NativeCtx ctx = {f->vm, f->g, f, NULL};
    bool panicked = false;
    Panic *saved = f->panic;
    bool ok = vm_call_string_method(&ctx, v, name, out, &panicked);
    f->panic = saved;
    return ok && !panicked;
}

/* Go's printpanicval. */
static void vm_print_panic_value(FILE *o, Fiber *f, const Iface *v)
{
    String s;
    if (!v->type) {
        fputs("nil", o);
        return;
    }
    if (vm_panic_method(f, v, "Error", &s) || vm_panic_method(f, v, "String", &s)) {
        fwrite(s.ptr, 1, (size_t)s.len, o);
        return;
    }
    const Type *t = v->type;
    Slot data[2] = {{0}, {0}};
    if (t->kind <= KIND_STRING) {
        memcpy(data, iface_data(v), t->size > 16 ? 16 : t->size);
        if (t->kind == KIND_INT8) data[0].i = (int8_t)data[0].i;
        if (t->kind == KIND_INT16) data[0].i = (int16_t)data[0].i;
        if (t->kind == KIND_INT32) data[0].i = (int32_t)data[0].i;
        if (!t->pkg) {
            vm_print_value(o, t, data);
        } else {
            char buf[256];
            type_string(t, true, buf, sizeof buf);
            if (t->kind == KIND_STRING) {
                fprintf(o, "%s(\"", buf);
                vm_print_value(o, t, data);
                fputs("\")", o);
            } else {
                fprintf(o, "%s(", buf);
                vm_print_value(o, t, data);
                fputs(")", o);
            }
        }
        return;
    }
    char buf[256];
    type_string(t, true, buf, sizeof buf);
    fprintf(o, "(%s) %p", buf, iface_data(v));
}

/* Go's printpanics: the chain oldest first. */
static void vm_print_panics(FILE *o, Fiber *f, Panic *p)
{
    if (p->link) {
        vm_print_panics(o, f, p->link);
        if (!p->link->goexit) fputc('\t', o);
    }
    if (p->goexit) return;
    fputs("panic: ", o);
    vm_print_panic_value(o, f, &p->value);
    if (p->recovered) fputs(" [recovered]", o);
    fputc('\n', o);
}

_Noreturn void vm_fatal(Fiber *f, const char *msg)
{
    fflush(f->vm->out);
    /* Written straight to the stream, allocating nothing from the
     * collector: this also reports running out of memory. */
    fprintf(f->vm->err, "fatal error: %s\n\ngoroutine %llu [running]:\n", msg,
            f->g ? (unsigned long long)f->g->id : 1ull);
    vm_traceback_write(f->vm->err, f, true);
    if (f->go_fn)
        fprintf(f->vm->err, "created by %s in goroutine %llu\n\t%s:%d\n",
                f->go_fn->name ? f->go_fn->name : "?", (unsigned long long)f->go_parent,
                f->go_fn->file ? f->go_fn->file : "?", vm_line_of(f->go_fn, f->go_pc));
    fflush(f->vm->err);
    vm_exit(f->vm, 2);
}

void vm_fatal_here(const char *msg)
{
    G *g = sched_current();
    Fiber *f = g ? g->fiber : NULL;
    if (f) vm_fatal(f, msg);
}

/* Whether frame fr shows in a traceback (the runtime's own do not). */
static bool vm_frame_shown(const Frame *fr)
{
    return !fr->fn->name || strncmp(fr->fn->name, "runtime.", 8) != 0;
}

_Noreturn void vm_stack_overflow(Fiber *f)
{
    FILE *o = f->vm->err;
    fflush(f->vm->out);
    fprintf(o, "runtime: goroutine stack exceeds %llu-byte limit\n"
               "fatal error: stack overflow\n\ngoroutine %llu [running]:\n",
            (unsigned long long)VM_MAX_STACK, f->g ? (unsigned long long)f->g->id : 1ull);
    /* The frames of f and of the fibers whose natives called into it, as
     * one stack; like Go, only the innermost and outermost 50 are shown. */
    long total = 0, k = 0;
    Fiber *root = f;
    for (Fiber *x = f; x; x = x->outer) {
        root = x;
        for (int i = 0; i < x->nframes; i++) total += vm_frame_shown(&x->frames[i]);
    }
    for (Fiber *x = f; x; x = x->outer)
        for (int i = x->nframes - 1; i >= 0; i--) {
            Frame *fr = &x->frames[i];
            if (!vm_frame_shown(fr)) continue;
            k++;
            if (k == 51 && total > 100) fprintf(o, "...%ld frames elided...\n", total - 100);
            if (k > 50 && k <= total - 50) continue;
            uint32_t pc = fr->pc > 0 ? fr->pc - 1 : 0; /* every pc is past a call */
            fprintf(o, "%s(%s)\n\t%s:%d\n", fr->fn->name ? fr->fn->name : "?",
                    fr->fn->nparams ? "..." : "", fr->fn->file ? fr->fn->file : "?",
                    vm_line_of(fr->fn, pc));
        }
    if (root->go_fn)
        fprintf(o, "created by %s in goroutine %llu\n\t%s:%d\n",
                root->go_fn->name ? root->go_fn->name : "?", (unsigned long long)root->go_parent,
                root->go_fn->file ? root->go_fn->file : "?", vm_line_of(root->go_fn, root->go_pc));
    fflush(o);
    vm_exit(f->vm, 2);
}

String vm_panic_value_text(Fiber *f, const Iface *v)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    vm_print_panic_value(m, f, v);
    fclose(m);
    String r = string_from_bytes(buf, (int64_t)len);
    free(buf);
    return r;
}

void vm_print_fatal(Fiber *f)
{
    Panic *p = f->panic;
    if (!p) return;
    /* The report is made in memory, then written at once: the values'
     * Error and String methods run first (as Go's preprintpanics), so
     * what they print comes before it, never inside it. */
    char *buf = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&buf, &len);
    bool mem = o != NULL;
    if (!mem) o = f->vm->err; /* no memory left: piece by piece, then */
    vm_print_panics(o, f, p);
    fprintf(o, "\ngoroutine %llu [running]:\n%s", f->g ? (unsigned long long)f->g->id : 1ull,
            p->trace ? p->trace : "");
    if (f->go_fn)
        fprintf(o, "created by %s in goroutine %llu\n\t%s:%d\n",
                f->go_fn->name ? f->go_fn->name : "?", (unsigned long long)f->go_parent,
                f->go_fn->file ? f->go_fn->file : "?", vm_line_of(f->go_fn, f->go_pc));
    if (!mem) {
        fflush(o);
        return;
    }
    fclose(o);
    vm_write(f->vm, 2, buf, len);
    free(buf);
}

/* ---- goroutine dumps for signals (signal.h's hooks) ---- */

/* Output to a descriptor through a small buffer on the stack: no stdio, no
 * allocation, so a fault handler may use it. */
typedef struct {
    int fd;
    size_t n;
    char buf[512];
} VmFdOut;

static void vm_fdo_flush(VmFdOut *o)
{
    size_t off = 0;
    while (off < o->n) {
        ssize_t w = write(o->fd, o->buf + off, o->n - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        off += (size_t)w;
    }
    o->n = 0;
}

static void vm_fdo_puts(VmFdOut *o, const char *s)
{
    for (; *s; s++) {
        if (o->n == sizeof o->buf) vm_fdo_flush(o);
        o->buf[o->n++] = *s;
    }
}

static void vm_fdo_uint(VmFdOut *o, uint64_t v)
{
    char b[24];
    int i = sizeof b;
    b[--i] = '\0';
    do {
        b[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    vm_fdo_puts(o, b + i);
}

/* One goroutine as the deadlock dump prints it: header with `status`,
 * frames innermost first (the innermost one at its exact pc when
 * `top_exact`, past a call otherwise), then where it was started. With
 * `stack` false (a goroutine running on another thread, whose frames are
 * changing under us) the frames are left out, in Go's words. The fiber is
 * read without a lock, so every index is checked against what is there. */
static void vm_dump_g_fd(VmFdOut *o, G *g, const char *status, bool stack, bool top_exact)
{
    Fiber *f = g->fiber;
    vm_fdo_puts(o, "\ngoroutine ");
    vm_fdo_uint(o, g->id);
    vm_fdo_puts(o, " [");
    vm_fdo_puts(o, status);
    vm_fdo_puts(o, "]:\n");
    if (!f) return;
    if (!stack) {
        vm_fdo_puts(o, "\tgoroutine running on other thread; stack unavailable\n");
    } else {
        Frame *frames = f->frames;
        int n = f->nframes;
        if (n > f->capframes) n = f->capframes;
        for (int i = n - 1; frames && i >= 0; i--) {
            Frame *fr = &frames[i];
            const Func *fn = fr->fn;
            if (!fn) continue;
            uint32_t pc = fr->pc;
            if ((i != n - 1 || !top_exact) && pc > 0) pc--;
            if (fn->name && !strncmp(fn->name, "runtime.", 8)) continue;
            vm_fdo_puts(o, fn->name ? fn->name : "?");
            vm_fdo_puts(o, fn->nparams ? "(...)\n\t" : "()\n\t");
            vm_fdo_puts(o, fn->file ? fn->file : "?");
            vm_fdo_puts(o, ":");
            vm_fdo_uint(o, (uint64_t)vm_line_of(fn, pc));
            vm_fdo_puts(o, "\n");
        }
    }
    if (f->go_fn) {
        vm_fdo_puts(o, "created by ");
        vm_fdo_puts(o, f->go_fn->name ? f->go_fn->name : "?");
        vm_fdo_puts(o, " in goroutine ");
        vm_fdo_uint(o, f->go_parent);
        vm_fdo_puts(o, "\n\t");
        vm_fdo_puts(o, f->go_fn->file ? f->go_fn->file : "?");
        vm_fdo_puts(o, ":");
        vm_fdo_uint(o, (uint64_t)vm_line_of(f->go_fn, f->go_pc));
        vm_fdo_puts(o, "\n");
    }
}

void vm_dump_current_goroutine(int fd, const char *status)
{
    G *g = sched_current();
    if (!g || !g->fiber) return;
    VmFdOut o = {.fd = fd};
    vm_dump_g_fd(&o, g, status, true, false);
    vm_fdo_flush(&o);
}

typedef struct {
    G **gs;
    size_t n, cap;
} VmGList;

static void vm_dump_collect(G *g, void *arg)
{
    VmGList *l = arg;
    if (g->host) return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        G **a = realloc(l->gs, cap * sizeof(G *));
        if (!a) return;
        l->gs = a, l->cap = cap;
    }
    l->gs[l->n++] = g;
}

static int vm_dump_cmp(const void *a, const void *b)
{
    const G *x = *(G *const *)a, *y = *(G *const *)b;
    if (x->is_main != y->is_main) return x->is_main ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

void vm_dump_all_goroutines(int fd)
{
    VmGList l = {0};
    sched_foreach_g(vm_dump_collect, &l);
    qsort(l.gs, l.n, sizeof(G *), vm_dump_cmp); /* main first, then by id */
    VmFdOut o = {.fd = fd};
    for (size_t i = 0; i < l.n; i++) {
        G *g = l.gs[i];
        int s = atomic_load(&g->status);
        if (s == G_RUNNING)
            vm_dump_g_fd(&o, g, "running", false, true);
        else if (s == G_RUNNABLE)
            vm_dump_g_fd(&o, g, "runnable", true, false);
        else
            vm_dump_g_fd(&o, g, g->waitreason ? g->waitreason : "waiting", true, true);
    }
    vm_fdo_flush(&o);
    free(l.gs);
}
