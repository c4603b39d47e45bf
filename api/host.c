/* host.c — the host side of include/csp.h: host packages (Go functions
 * implemented in C by the embedding program) and channels shared between
 * host threads and goroutines.
 *
 * A host package is a StdPackage made at run time: its Go source as the
 * host wrote it, and one native per bodyless function, all bound to
 * host_call with the host's function as the native's datum. host_call
 * lays the Go arguments out for the csp_arg_* accessors, runs the host
 * function and turns what it set into results or a panic.
 *
 * Owns: the translation between Go values in argument slots and C values.
 * Must never hold a Go value where the collector cannot see it: a CspChan
 * handle lives in uncollectable memory (the host keeps it in its own), and
 * strings handed to the host are copies.
 */
#include <gc.h>
#include <stdlib.h>
#include <string.h>

#include "api_priv.h"

#include "../runtime/chan.h"
#include "../runtime/sched.h"
#include "../runtime/type.h"
#include "../runtime/value.h"

/* One host function, the datum of its native. */
typedef struct HostFunc {
    CspFunc fn;
    void *userdata;
    bool blocking;
} HostFunc;

struct CspCall {
    NativeCtx *ctx;
    const Type *ft;    /* the Go signature */
    Slot *args;        /* a copy of the argument slots (results overwrite) */
    Slot *res;         /* the result slots */
    const char *panic; /* set by csp_panic or a misuse */
};

struct CspChan {
    Chan *c;
    const Type *elem; /* NULL: an element kind the host cannot move */
};

/* The thread runs a host function marked blocking: it holds no processor,
 * so it may wait on a channel like a host thread. */
static __thread bool host_in_blocking_call;

/* ---- registration ------------------------------------------------------- */

static bool host_pkg_taken(CspVM *vm, const char *path)
{
    if (stdlib_find(path))
        return true;
    for (int i = 0; i < vm->npkgs; i++)
        if (!strcmp(vm->pkgs[i]->path, path))
            return true;
    return false;
}

static NativeStatus host_call(NativeCtx *ctx, Slot *args, Slot *res);

CspStatus csp_register_package(CspVM *vm, const char *path, const char *source,
                               const CspNative *natives)
{
    sched_register_thread();
    if (!vm || !path || !*path || !source || host_pkg_taken(vm, path))
        return CSP_ERR_USAGE;
    if (api_in_run(vm, "csp_register_package"))
        return CSP_ERR_USAGE;
    int n = 0;
    while (natives && natives[n].name)
        if (!natives[n++].fn)
            return CSP_ERR_USAGE;
    /* Uncollectable: the records are reachable only from this malloc'd
     * handle until a load copies pointers to them into its Funcs. */
    StdNative *tab = GC_MALLOC_UNCOLLECTABLE((size_t)(n + 1) * sizeof *tab);
    for (int i = 0; i < n; i++) {
        HostFunc *h = GC_MALLOC_UNCOLLECTABLE(sizeof *h);
        *h = (HostFunc){natives[i].fn, natives[i].userdata, natives[i].blocking};
        tab[i] = (StdNative){GC_STRDUP(natives[i].name), host_call, h};
    }
    StdPackage *p = GC_MALLOC_UNCOLLECTABLE(sizeof *p);
    *p = (StdPackage){GC_STRDUP(path), GC_STRDUP(source), tab};
    StdPackage **all = heap_crealloc(vm->pkgs, (size_t)(vm->npkgs + 1), sizeof *all);
    if (!all)
        return CSP_ERR_USAGE;
    vm->pkgs = all;
    vm->pkgs[vm->npkgs++] = p;
    return CSP_OK;
}

static void host_free_strs(CspVM *vm)
{
    for (int i = 0; i < vm->nstrs; i++)
        free(vm->strs[i]);
    free(vm->strs);
    vm->strs = NULL;
    vm->nstrs = 0;
}

void api_host_free(CspVM *vm)
{
    /* The package records stay: a program loaded from them may still be
     * referenced by the host's other handles, and they are small. */
    host_free_strs(vm);
    free(vm->pkgs);
    vm->pkgs = NULL;
    vm->npkgs = 0;
}

/* ---- a call ------------------------------------------------------------- */

static uint32_t host_slots(Type *const *ts, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++)
        s += type_slots(ts[i]);
    return s;
}

static NativeStatus host_call(NativeCtx *ctx, Slot *args, Slot *res)
{
    const HostFunc *h = ctx->data;
    const Type *ft = ctx->fntype;
    uint32_t na = host_slots(ft->params, ft->nparams);
    uint32_t nr = host_slots(ft->results, ft->nresults);
    /* Arguments and results share slots: keep the arguments aside, and
     * start the results at their zero values. */
    Slot small[16];
    Slot *copy = na <= 16 ? small : GC_MALLOC(na * sizeof(Slot));
    memcpy(copy, args, na * sizeof(Slot));
    memset(res, 0, nr * sizeof(Slot));
    CspCall call = {ctx, ft, copy, res, NULL};
    if (h->blocking) {
        sched_enter_blocking();
        host_in_blocking_call = true;
        h->fn(&call, h->userdata);
        host_in_blocking_call = false;
        sched_exit_blocking();
    } else {
        h->fn(&call, h->userdata);
    }
    if (call.panic)
        return native_panic_string(ctx, call.panic);
    return NATIVE_OK;
}

static void host_misuse(CspCall *call, const char *what, int i, const char *why)
{
    if (call->panic)
        return;
    char buf[160];
    snprintf(buf, sizeof buf, "csp: %s(%d): %s", what, i, why);
    call->panic = GC_STRDUP(buf);
}

/* The slots of parameter (or result) i, if it exists. */
static Slot *host_slot(CspCall *call, bool result, int i, const Type **t, const char *what)
{
    int n = result ? call->ft->nresults : call->ft->nparams;
    Type *const *ts = result ? call->ft->results : call->ft->params;
    if (i < 0 || i >= n) {
        host_misuse(call, what, i, result ? "no such result" : "no such argument");
        return NULL;
    }
    *t = ts[i];
    return (result ? call->res : call->args) + host_slots(ts, i);
}

static const char *host_kind(const Type *t)
{
    return type_kind_name(t->kind);
}

static Slot *host_typed(CspCall *call, bool result, int i, const char *what,
                        bool (*ok)(const Type *), const Type **tp)
{
    const Type *t;
    Slot *s = host_slot(call, result, i, &t, what);
    if (!s)
        return NULL;
    if (!ok(t)) {
        char buf[96];
        snprintf(buf, sizeof buf, "%s is %s", result ? "result" : "argument", host_kind(t));
        host_misuse(call, what, i, buf);
        return NULL;
    }
    *tp = t;
    return s;
}

static bool is_int(const Type *t)
{
    return kind_is_integer(t->kind);
}
static bool is_float(const Type *t)
{
    return t->kind == KIND_FLOAT32 || t->kind == KIND_FLOAT64;
}
static bool is_bool(const Type *t)
{
    return t->kind == KIND_BOOL;
}
static bool is_chan(const Type *t)
{
    return t->kind == KIND_CHAN;
}
static bool is_error(const Type *t)
{
    return t->kind == KIND_INTERFACE && t->name && !t->pkg && !strcmp(t->name, "error");
}
static bool is_bytes(const Type *t)
{
    return t->kind == KIND_SLICE && t->elem->kind == KIND_UINT8;
}
static bool is_text(const Type *t)
{
    return t->kind == KIND_STRING || is_bytes(t);
}

/* An integer slot's value as the type's own width says (registers may
 * hold the narrower types unnormalised above their width). */
static int64_t host_get_int(const Type *t, const Slot *s)
{
    switch (t->kind) {
    case KIND_INT8:
        return (int8_t)s->i;
    case KIND_INT16:
        return (int16_t)s->i;
    case KIND_INT32:
        return (int32_t)s->i;
    case KIND_UINT8:
        return (uint8_t)s->u;
    case KIND_UINT16:
        return (uint16_t)s->u;
    case KIND_UINT32:
        return (uint32_t)s->u;
    default:
        return s->i;
    }
}

static void host_set_int(const Type *t, Slot *s, uint64_t v)
{
    switch (t->kind) {
    case KIND_INT8:
        s->i = (int8_t)v;
        break;
    case KIND_INT16:
        s->i = (int16_t)v;
        break;
    case KIND_INT32:
        s->i = (int32_t)v;
        break;
    case KIND_UINT8:
        s->u = (uint8_t)v;
        break;
    case KIND_UINT16:
        s->u = (uint16_t)v;
        break;
    case KIND_UINT32:
        s->u = (uint32_t)v;
        break;
    default:
        s->u = v;
        break;
    }
}

int csp_argc(const CspCall *call)
{
    return call->ft->nparams;
}

int64_t csp_arg_int(CspCall *call, int i)
{
    const Type *t;
    Slot *s = host_typed(call, false, i, "csp_arg_int", is_int, &t);
    return s ? host_get_int(t, s) : 0;
}

uint64_t csp_arg_uint(CspCall *call, int i)
{
    const Type *t;
    Slot *s = host_typed(call, false, i, "csp_arg_uint", is_int, &t);
    return s ? (uint64_t)host_get_int(t, s) : 0;
}

double csp_arg_float(CspCall *call, int i)
{
    const Type *t;
    Slot *s = host_typed(call, false, i, "csp_arg_float", is_float, &t);
    if (!s)
        return 0;
    return t->kind == KIND_FLOAT32 ? (double)s->f32 : s->f;
}

bool csp_arg_bool(CspCall *call, int i)
{
    const Type *t;
    Slot *s = host_typed(call, false, i, "csp_arg_bool", is_bool, &t);
    return s && (s->u & 1);
}

const char *csp_arg_string(CspCall *call, int i, size_t *len)
{
    const Type *t;
    Slot *s = host_typed(call, false, i, "csp_arg_string", is_text, &t);
    if (len)
        *len = 0;
    if (!s)
        return NULL;
    const void *p;
    int64_t n;
    if (t->kind == KIND_STRING) {
        String x;
        memcpy(&x, s, sizeof x);
        p = x.ptr, n = x.len;
    } else {
        Slice x;
        memcpy(&x, s, sizeof x);
        p = x.ptr, n = x.len;
    }
    char *c = GC_MALLOC_ATOMIC((size_t)n + 1);
    if (n)
        memcpy(c, p, (size_t)n);
    c[n] = '\0';
    if (len)
        *len = (size_t)n;
    return c;
}

static bool host_elem_ok(const Type *t)
{
    return t->kind == KIND_BOOL || kind_is_integer(t->kind) || is_float(t) ||
           t->kind == KIND_STRING;
}

static CspChan *host_handle(Chan *c, const Type *elem)
{
    CspChan *h = GC_MALLOC_UNCOLLECTABLE(sizeof *h);
    h->c = c;
    h->elem = elem && host_elem_ok(elem) ? elem : NULL;
    sched_keepalive(1);
    return h;
}

CspChan *csp_arg_chan(CspCall *call, int i)
{
    const Type *t;
    Slot *s = host_typed(call, false, i, "csp_arg_chan", is_chan, &t);
    if (!s || !s->p)
        return NULL;
    return host_handle(s->p, t->elem);
}

void csp_ret_int(CspCall *call, int i, int64_t v)
{
    const Type *t;
    Slot *s = host_typed(call, true, i, "csp_ret_int", is_int, &t);
    if (s)
        host_set_int(t, s, (uint64_t)v);
}

void csp_ret_uint(CspCall *call, int i, uint64_t v)
{
    const Type *t;
    Slot *s = host_typed(call, true, i, "csp_ret_uint", is_int, &t);
    if (s)
        host_set_int(t, s, v);
}

void csp_ret_float(CspCall *call, int i, double v)
{
    const Type *t;
    Slot *s = host_typed(call, true, i, "csp_ret_float", is_float, &t);
    if (!s)
        return;
    if (t->kind == KIND_FLOAT32) {
        s->u = 0;
        s->f32 = (float)v;
    } else {
        s->f = v;
    }
}

void csp_ret_bool(CspCall *call, int i, bool v)
{
    const Type *t;
    Slot *s = host_typed(call, true, i, "csp_ret_bool", is_bool, &t);
    if (s)
        s->u = v;
}

void csp_ret_string(CspCall *call, int i, const char *str, size_t len)
{
    const Type *t;
    Slot *s = host_typed(call, true, i, "csp_ret_string", is_text, &t);
    if (!s)
        return;
    uint8_t *b = NULL;
    if (len) {
        b = GC_MALLOC_ATOMIC(len);
        memcpy(b, str, len);
    }
    if (t->kind == KIND_STRING) {
        String x = {b, (int64_t)len};
        memcpy(s, &x, sizeof x);
    } else {
        Slice x = {b, (int64_t)len, (int64_t)len};
        memcpy(s, &x, sizeof x);
    }
}

void csp_ret_error(CspCall *call, int i, const char *msg)
{
    const Type *t;
    Slot *s = host_typed(call, true, i, "csp_ret_error", is_error, &t);
    if (!s)
        return;
    Iface v = {0};
    if (msg)
        v = vm_plain_error(msg, strlen(msg));
    memcpy(s, &v, sizeof v);
}

void csp_ret_chan(CspCall *call, int i, CspChan *ch)
{
    const Type *t;
    Slot *s = host_typed(call, true, i, "csp_ret_chan", is_chan, &t);
    if (!s)
        return;
    if (ch && ch->elem && ch->elem->kind != t->elem->kind) {
        host_misuse(call, "csp_ret_chan", i, "element types differ");
        return;
    }
    s->p = ch ? ch->c : NULL;
}

void csp_panic(CspCall *call, const char *msg)
{
    if (!call->panic)
        call->panic = GC_STRDUP(msg ? msg : "");
}

/* Whether a host function may have a parameter (or result) of type t. */
static bool host_type_ok(const Type *t, bool result)
{
    return t->kind == KIND_BOOL || is_int(t) || is_float(t) || is_text(t) || is_chan(t) ||
           (result && is_error(t));
}

bool api_host_validate(CspVM *vm, VMProgram *p)
{
    bool ok = true;
    for (int i = 0; i < p->nfuncs; i++) {
        Func *fn = p->funcs[i];
        if (fn->native != host_call)
            continue;
        const Type *ft = fn->type;
        for (int k = 0; k < ft->nparams + ft->nresults; k++) {
            bool result = k >= ft->nparams;
            const Type *t = result ? ft->results[k - ft->nparams] : ft->params[k];
            if (host_type_ok(t, result))
                continue;
            char buf[128];
            api_error(vm, NULL, 0, 0, "not supported yet: %s of type %s in host function %s",
                      result ? "result" : "parameter", type_string(t, true, buf, sizeof buf),
                      fn->name);
            ok = false;
        }
    }
    return ok;
}

/* ---- channels ----------------------------------------------------------- */

static const Type *host_basic(const char *name)
{
    for (int k = KIND_BOOL; k <= KIND_STRING; k++) {
        if (k == KIND_COMPLEX64 || k == KIND_COMPLEX128)
            continue;
        if (!strcmp(type_kind_name((TypeKind)k), name))
            return type_basic[k];
    }
    if (!strcmp(name, "byte"))
        return type_basic[KIND_UINT8];
    if (!strcmp(name, "rune"))
        return type_basic[KIND_INT32];
    return NULL;
}

CspChan *csp_chan_make(CspVM *vm, const char *elemtype, int64_t cap)
{
    sched_register_thread();
    (void)vm;
    const Type *t = elemtype ? host_basic(elemtype) : NULL;
    if (!t || cap < 0)
        return NULL;
    Chan *c = chan_make(t->size, cap, t->has_pointers);
    return c ? host_handle(c, t) : NULL;
}

CspChan *csp_chan_dup(CspChan *ch)
{
    sched_register_thread();
    return ch ? host_handle(ch->c, ch->elem) : NULL;
}

void csp_chan_release(CspChan *ch)
{
    sched_register_thread();
    if (!ch)
        return;
    sched_keepalive(-1);
    GC_FREE(ch);
}

/* Whether this thread may wait on a channel: a host thread, or a
 * scheduler thread inside a blocking host function (it holds no P). */
static bool host_may_block(void)
{
    return sched_current() == NULL || host_in_blocking_call;
}

static CspStatus host_send(CspChan *ch, bool (*ok)(const Type *), const void *elem)
{
    if (!ch || !ch->elem || !ok(ch->elem) || !host_may_block())
        return CSP_ERR_USAGE;
    return chan_send(ch->c, elem, NULL, true) == CHAN_OK ? CSP_OK : CSP_ERR_CLOSED;
}

static CspStatus host_recv(CspChan *ch, bool (*ok)(const Type *), void *elem)
{
    if (!ch || !ch->elem || !ok(ch->elem) || !host_may_block())
        return CSP_ERR_USAGE;
    bool got = false;
    chan_recv(ch->c, elem, &got, NULL, true);
    return got ? CSP_OK : CSP_ERR_CLOSED;
}

CspStatus csp_chan_send_int(CspChan *ch, int64_t v)
{
    if (!ch || !ch->elem || !is_int(ch->elem))
        return CSP_ERR_USAGE;
    Slot s = {0};
    host_set_int(ch->elem, &s, (uint64_t)v);
    return host_send(ch, is_int, &s); /* little-endian: the low bytes first */
}

CspStatus csp_chan_send_float(CspChan *ch, double v)
{
    if (!ch || !ch->elem || !is_float(ch->elem))
        return CSP_ERR_USAGE;
    Slot s = {0};
    if (ch->elem->kind == KIND_FLOAT32)
        s.f32 = (float)v;
    else
        s.f = v;
    return host_send(ch, is_float, &s);
}

CspStatus csp_chan_send_bool(CspChan *ch, bool v)
{
    uint8_t b = v;
    return host_send(ch, is_bool, &b);
}

CspStatus csp_chan_send_string(CspChan *ch, const char *str, size_t len)
{
    sched_register_thread();
    uint8_t *b = NULL;
    if (len) {
        b = GC_MALLOC_ATOMIC(len);
        memcpy(b, str, len);
    }
    String s = {b, (int64_t)len};
    return host_send(ch, is_text, &s);
}

CspStatus csp_chan_recv_int(CspChan *ch, int64_t *v)
{
    Slot s = {0};
    CspStatus st = host_recv(ch, is_int, &s);
    if (st == CSP_OK && v)
        *v = host_get_int(ch->elem, &s);
    return st;
}

CspStatus csp_chan_recv_float(CspChan *ch, double *v)
{
    Slot s = {0};
    CspStatus st = host_recv(ch, is_float, &s);
    if (st == CSP_OK && v)
        *v = ch->elem->kind == KIND_FLOAT32 ? (double)s.f32 : s.f;
    return st;
}

CspStatus csp_chan_recv_bool(CspChan *ch, bool *v)
{
    uint8_t b = 0;
    CspStatus st = host_recv(ch, is_bool, &b);
    if (st == CSP_OK && v)
        *v = b != 0;
    return st;
}

CspStatus csp_chan_recv_string(CspChan *ch, char **out, size_t *len)
{
    String s = {0};
    CspStatus st = host_recv(ch, is_text, &s);
    if (st != CSP_OK)
        return st;
    char *c = heap_cmalloc((size_t)s.len + 1);
    if (!c)
        return CSP_ERR_USAGE;
    if (s.len)
        memcpy(c, s.ptr, (size_t)s.len);
    c[s.len] = '\0';
    if (out)
        *out = c;
    else
        free(c);
    if (len)
        *len = (size_t)s.len;
    return CSP_OK;
}

CspStatus csp_chan_close(CspChan *ch)
{
    if (!ch)
        return CSP_ERR_USAGE;
    return chan_close(ch->c) ? CSP_ERR_CLOSED : CSP_OK;
}

/* ---- calls into the script ------------------------------------------------ */

/* The package-level function main.<name>, if the program has one. */
static Func *host_find_func(VMProgram *p, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < p->nfuncs; i++) {
        const char *fn = p->funcs[i]->name;
        if (fn && !strncmp(fn, "main.", 5) && !strncmp(fn + 5, name, n) && fn[5 + n] == '\0' &&
            p->funcs[i] != p->entry && p->funcs[i] != p->init && p->funcs[i]->type)
            return p->funcs[i];
    }
    return NULL;
}

/* Stores one argument into its parameter's slots; false if it does not
 * fit the parameter's type. */
static bool host_put_arg(const Type *t, const CspValue *v, Slot *s)
{
    switch (v->kind) {
    case CSP_BOOL:
        if (!is_bool(t))
            return false;
        s->u = v->u.b;
        return true;
    case CSP_INT:
        if (!is_int(t))
            return false;
        host_set_int(t, s, (uint64_t)v->u.i);
        return true;
    case CSP_FLOAT:
        if (!is_float(t))
            return false;
        if (t->kind == KIND_FLOAT32) {
            s->u = 0;
            s->f32 = (float)v->u.f;
        } else {
            s->f = v->u.f;
        }
        return true;
    case CSP_STRING: {
        if (!is_text(t))
            return false;
        size_t len = v->u.str.len;
        uint8_t *b = NULL;
        if (len) {
            b = GC_MALLOC_ATOMIC(len);
            memcpy(b, v->u.str.ptr, len);
        }
        if (t->kind == KIND_STRING) {
            String x = {b, (int64_t)len};
            memcpy(s, &x, sizeof x);
        } else {
            Slice x = {b, (int64_t)len, (int64_t)len};
            memcpy(s, &x, sizeof x);
        }
        return true;
    }
    case CSP_CHAN:
        if (!is_chan(t) || (v->u.chan && v->u.chan->elem && v->u.chan->elem->kind != t->elem->kind))
            return false;
        s->p = v->u.chan ? v->u.chan->c : NULL;
        return true;
    default:
        return false;
    }
}

typedef struct HostResults {
    CspVM *vm;
    const Type *ft;
    CspValue *out;
    int n;
    bool returned;
} HostResults;

static const char *host_keep(CspVM *vm, const void *p, size_t len)
{
    char *c = heap_cmalloc(len + 1);
    char **all = heap_crealloc(vm->strs, (size_t)(vm->nstrs + 1), sizeof *all);
    if (!c || !all) {
        free(c);
        if (all)
            vm->strs = all;
        return "";
    }
    if (len)
        memcpy(c, p, len);
    c[len] = '\0';
    vm->strs = all;
    vm->strs[vm->nstrs++] = c;
    return c;
}

/* The results, converted on the called goroutine itself (an error's
 * Error method is script code). */
static void host_take_results(NativeCtx *ctx, Slot *res, void *arg)
{
    HostResults *hr = arg;
    hr->returned = true;
    Slot *s = res;
    for (int i = 0; i < hr->ft->nresults; i++) {
        const Type *t = hr->ft->results[i];
        if (i < hr->n) {
            CspValue *v = &hr->out[i];
            memset(v, 0, sizeof *v);
            if (is_bool(t)) {
                v->kind = CSP_BOOL, v->u.b = s->u & 1;
            } else if (is_int(t)) {
                v->kind = CSP_INT, v->u.i = host_get_int(t, s);
            } else if (is_float(t)) {
                v->kind = CSP_FLOAT, v->u.f = t->kind == KIND_FLOAT32 ? (double)s->f32 : s->f;
            } else if (is_text(t)) {
                const void *p;
                int64_t n;
                if (t->kind == KIND_STRING) {
                    String x;
                    memcpy(&x, s, sizeof x);
                    p = x.ptr, n = x.len;
                } else {
                    Slice x;
                    memcpy(&x, s, sizeof x);
                    p = x.ptr, n = x.len;
                }
                v->kind = CSP_STRING;
                v->u.str.ptr = host_keep(hr->vm, p, (size_t)n);
                v->u.str.len = (size_t)n;
            } else if (is_chan(t)) {
                v->kind = CSP_CHAN;
                v->u.chan = s->p ? host_handle(s->p, t->elem) : NULL;
            } else if (is_error(t)) {
                Iface e;
                memcpy(&e, s, sizeof e);
                v->kind = CSP_ERROR;
                if (e.type) {
                    String msg = {0};
                    bool panicked = false;
                    vm_call_string_method(ctx, &e, "Error", &msg, &panicked);
                    v->u.str.ptr = host_keep(hr->vm, msg.ptr, (size_t)msg.len);
                    v->u.str.len = (size_t)msg.len;
                }
            }
        }
        s += type_slots(t);
    }
}

CspStatus csp_call(CspVM *vm, const char *name, const CspValue *args, int nargs, CspValue *results,
                   int nresults)
{
    sched_register_thread();
    api_clear_errors(vm);
    host_free_strs(vm);
    if (!vm->prog) {
        api_error(vm, NULL, 0, 0, "csp_call: no program loaded");
        return CSP_ERR_USAGE;
    }
    if (sched_current()) {
        api_error(vm, NULL, 0, 0, "csp_call: called from inside a run");
        return CSP_ERR_USAGE;
    }
    Func *fn = name ? host_find_func(vm->prog, name) : NULL;
    if (!fn) {
        api_error(vm, NULL, 0, 0, "csp_call: no function main.%s", name ? name : "(null)");
        return CSP_ERR_USAGE;
    }
    const Type *ft = fn->type;
    if (nargs != ft->nparams || ft->variadic) {
        api_error(vm, NULL, 0, 0, "csp_call: main.%s takes %d arguments%s, not %d", name,
                  ft->nparams, ft->variadic ? " (variadic: not supported yet)" : "", nargs);
        return CSP_ERR_USAGE;
    }
    for (int i = 0; i < ft->nresults; i++) {
        if (!host_type_ok(ft->results[i], true)) {
            char buf[128];
            api_error(vm, NULL, 0, 0, "not supported yet: result of type %s in csp_call",
                      type_string(ft->results[i], true, buf, sizeof buf));
            return CSP_ERR_USAGE;
        }
    }
    uint32_t na = host_slots(ft->params, ft->nparams);
    Slot *slots = GC_MALLOC((na ? na : 1) * sizeof(Slot));
    Slot *s = slots;
    for (int i = 0; i < nargs; i++) {
        if (!host_put_arg(ft->params[i], &args[i], s)) {
            char buf[128];
            api_error(vm, NULL, 0, 0, "csp_call: argument %d does not fit parameter of type %s", i,
                      type_string(ft->params[i], true, buf, sizeof buf));
            return CSP_ERR_USAGE;
        }
        s += type_slots(ft->params[i]);
    }
    if (!api_run_begin(vm, "csp_call"))
        return CSP_ERR_USAGE;
    VMOptions o = api_vm_options(vm);
    VM *m = vm_new(vm->prog, &o);
    if (!vm->inited) {
        vm->inited = true;
        if (vm_run_func(m, vm->prog->init, NULL, 0, NULL, NULL) != 0) {
            api_run_end(vm);
            return CSP_ERR_RUNTIME;
        }
    }
    HostResults hr = {vm, ft, results, nresults, false};
    int code = vm_run_func(m, fn, slots, na, host_take_results, &hr);
    api_run_end(vm);
    return code == 0 && hr.returned ? CSP_OK : CSP_ERR_RUNTIME;
}
