/* foreign.c — calling C functions of shared libraries (foreign.h).
 *
 * A foreign function is bound once, when the program is compiled: the
 * library is opened, the symbol found and a libffi call interface
 * prepared from the Go signature. Each call then converts the Go argument
 * slots to C values, hands the thread's P to another thread for the
 * duration (a C function may block, as a system call may), and converts
 * the result back.
 *
 * Owns: the Go-to-C value mapping for foreign calls. Must never keep a C
 * pointer into Go memory past the call: strings are passed as
 * NUL-terminated copies, and a []byte's bytes only for the call.
 */
#include <dlfcn.h>
#include <gc.h>
#include <stdio.h>
#include <string.h>

#include "csp_config.h"
#include "foreign.h"
#include "sched.h"
#include "signal.h"

#if CSP_HAVE_FFI
#include <ffi.h>

typedef struct Foreign {
    void (*fn)(void);
    ffi_cif cif;
    ffi_type **atypes;
    const Type *ft;
    const char *name; /* the script's name for it, for a fault's report */
} Foreign;

/* The C type a Go type travels as, or NULL if it cannot. */
static ffi_type *foreign_ctype(const Type *t, bool result)
{
    switch (t->kind) {
    case KIND_BOOL:
        return &ffi_type_uint8;
    case KIND_INT8:
        return &ffi_type_sint8;
    case KIND_INT16:
        return &ffi_type_sint16;
    case KIND_INT32:
        return &ffi_type_sint32;
    case KIND_INT:
    case KIND_INT64:
        return &ffi_type_sint64;
    case KIND_UINT8:
        return &ffi_type_uint8;
    case KIND_UINT16:
        return &ffi_type_uint16;
    case KIND_UINT32:
        return &ffi_type_uint32;
    case KIND_UINT:
    case KIND_UINT64:
    case KIND_UINTPTR:
        return &ffi_type_uint64;
    case KIND_FLOAT32:
        return &ffi_type_float;
    case KIND_FLOAT64:
        return &ffi_type_double;
    case KIND_STRING:
        return &ffi_type_pointer;
    case KIND_SLICE:
        return !result && t->elem->kind == KIND_UINT8 ? &ffi_type_pointer : NULL;
    default:
        return NULL;
    }
}

/* One argument slot as the C value libffi reads (at least 8 bytes). */
typedef union {
    int64_t i;
    uint64_t u;
    double f;
    float f32;
    int32_t i32;
    uint32_t u32;
    int16_t i16;
    uint16_t u16;
    int8_t i8;
    uint8_t u8;
    void *p;
} CVal;

static void foreign_arg(const Type *t, const Slot *s, CVal *v)
{
    v->u = 0;
    switch (t->kind) {
    case KIND_BOOL:
        v->u8 = s->u & 1;
        break;
    case KIND_INT8:
        v->i8 = (int8_t)s->i;
        break;
    case KIND_INT16:
        v->i16 = (int16_t)s->i;
        break;
    case KIND_INT32:
        v->i32 = (int32_t)s->i;
        break;
    case KIND_UINT8:
        v->u8 = (uint8_t)s->u;
        break;
    case KIND_UINT16:
        v->u16 = (uint16_t)s->u;
        break;
    case KIND_UINT32:
        v->u32 = (uint32_t)s->u;
        break;
    case KIND_FLOAT32:
        v->f32 = s->f32;
        break;
    case KIND_FLOAT64:
        v->f = s->f;
        break;
    case KIND_STRING: {
        String x;
        memcpy(&x, s, sizeof x);
        char *c = GC_MALLOC_ATOMIC((size_t)x.len + 1);
        if (x.len)
            memcpy(c, x.ptr, (size_t)x.len);
        c[x.len] = '\0';
        v->p = c;
        break;
    }
    case KIND_SLICE: {
        Slice x;
        memcpy(&x, s, sizeof x);
        v->p = x.len ? x.ptr : NULL;
        break;
    }
    default:
        v->i = s->i;
        break;
    }
}

static void foreign_result(const Type *t, const CVal *v, Slot *s)
{
    switch (t->kind) {
    case KIND_BOOL:
        s->u = v->u8 != 0;
        break;
    /* libffi widens integer results narrower than a word to ffi_arg */
    case KIND_INT8:
        s->i = (int8_t)v->i;
        break;
    case KIND_INT16:
        s->i = (int16_t)v->i;
        break;
    case KIND_INT32:
        s->i = (int32_t)v->i;
        break;
    case KIND_UINT8:
        s->u = (uint8_t)v->u;
        break;
    case KIND_UINT16:
        s->u = (uint16_t)v->u;
        break;
    case KIND_UINT32:
        s->u = (uint32_t)v->u;
        break;
    case KIND_FLOAT32:
        s->u = 0, s->f32 = v->f32;
        break;
    case KIND_FLOAT64:
        s->f = v->f;
        break;
    case KIND_STRING: {
        const char *c = v->p;
        size_t n = c ? strlen(c) : 0;
        uint8_t *b = NULL;
        if (n) {
            b = GC_MALLOC_ATOMIC(n);
            memcpy(b, c, n);
        }
        String x = {b, (int64_t)n};
        memcpy(s, &x, sizeof x);
        break;
    }
    default:
        s->i = v->i;
        break;
    }
}

static NativeStatus foreign_call(NativeCtx *ctx, Slot *args, Slot *res)
{
    const Foreign *f = ctx->data;
    const Type *ft = f->ft;
    int n = ft->nparams;
    CVal vals[n ? n : 1];
    void *ptrs[n ? n : 1];
    const Slot *s = args;
    for (int i = 0; i < n; i++) {
        foreign_arg(ft->params[i], s, &vals[i]);
        ptrs[i] = &vals[i];
        s += type_slots(ft->params[i]);
    }
    CVal out = {0};
    sched_enter_blocking();
    /* a fault inside is reported as Go reports one in C code, naming it */
    sig_foreign_enter(f->name);
    ffi_call((ffi_cif *)&f->cif, f->fn, &out, ptrs);
    sig_foreign_exit();
    sched_exit_blocking();
    if (ft->nresults)
        foreign_result(ft->results[0], &out, res);
    /* the strings' copies stay reachable from vals until here */
    __asm__ volatile("" : : "r"(vals) : "memory");
    return NATIVE_OK;
}

NativeFn foreign_bind(const char *spec, const char *name, const Type *ft, const void **data,
                      char *err, size_t errcap)
{
    char lib[256], sym[256];
    int k = sscanf(spec, "%255s %255s", lib, sym);
    if (k < 1) {
        snprintf(err, errcap, "//csp:foreign wants a library: //csp:foreign LIB [SYMBOL]");
        return NULL;
    }
    if (k < 2)
        snprintf(sym, sizeof sym, "%s", name);
    if (ft->variadic || ft->nresults > 1) {
        snprintf(err, errcap, "not supported yet: foreign function %s with %s", name,
                 ft->variadic ? "variadic parameters" : "several results");
        return NULL;
    }
    Foreign *f = GC_MALLOC_UNCOLLECTABLE(sizeof *f);
    f->ft = ft;
    size_t nlen = strlen(name);
    char *fname = GC_MALLOC_ATOMIC_UNCOLLECTABLE(nlen + 1);
    memcpy(fname, name, nlen + 1);
    f->name = fname;
    f->atypes = GC_MALLOC_UNCOLLECTABLE((size_t)(ft->nparams + 1) * sizeof(ffi_type *));
    char tbuf[128];
    for (int i = 0; i < ft->nparams; i++) {
        f->atypes[i] = foreign_ctype(ft->params[i], false);
        if (!f->atypes[i]) {
            snprintf(err, errcap, "not supported yet: parameter of type %s in foreign function %s",
                     type_string(ft->params[i], true, tbuf, sizeof tbuf), name);
            return NULL;
        }
    }
    ffi_type *rt = &ffi_type_void;
    if (ft->nresults && !(rt = foreign_ctype(ft->results[0], true))) {
        snprintf(err, errcap, "not supported yet: result of type %s in foreign function %s",
                 type_string(ft->results[0], true, tbuf, sizeof tbuf), name);
        return NULL;
    }
    /* "-" names the program itself and the libraries already loaded
     * (libc, libm through the interpreter): dlopen(NULL). */
    void *h = dlopen(strcmp(lib, "-") ? lib : NULL, RTLD_NOW | RTLD_GLOBAL);
    if (!h) {
        snprintf(err, errcap, "foreign function %s: %s", name, dlerror());
        return NULL;
    }
    dlerror();
    void *p = dlsym(h, sym);
    const char *e = dlerror();
    if (e || !p) {
        snprintf(err, errcap, "foreign function %s: %s", name, e ? e : "symbol is NULL");
        return NULL;
    }
    f->fn = (void (*)(void))p;
    if (ffi_prep_cif(&f->cif, FFI_DEFAULT_ABI, (unsigned)ft->nparams, rt, f->atypes) != FFI_OK) {
        snprintf(err, errcap, "foreign function %s: libffi cannot call this signature", name);
        return NULL;
    }
    *data = f;
    return foreign_call;
}

#else

NativeFn foreign_bind(const char *spec, const char *name, const Type *ft, const void **data,
                      char *err, size_t errcap)
{
    (void)spec, (void)ft, (void)data;
    snprintf(err, errcap, "not supported yet: foreign function %s (csp was built without libffi)",
             name);
    return NULL;
}

#endif
