/* compile_call.c — calls (static, closure, method, interface), argument
 * passing (variadic packing, tuple spreading), go and defer, conversions
 * T(x), and the builtins.
 *
 * Calling convention (runtime/vm.h): the arguments go to a region at the
 * top of the caller's registers, one parameter after another; the callee's
 * results come back at the start of the same region. Nothing here decides
 * where a value lives: compile_expr.c does.
 */
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile_priv.h"

/* ---- calls ---- */

/* One argument value: a node or a register. */
typedef struct ArgVal {
    Node *n;
    int reg;
    Type *type;
} ArgVal;

/* Expands the arguments of a call (a single tuple call spreads). */
static int call_args(FnState *fs, Node *call, ArgVal **out)
{
    NodeList *args = &call->u.call.args;
    if (args->len == 1 && args->items[0]->type && args->items[0]->type->kind == KIND_TUPLE) {
        Node *inner = unparen(args->items[0]);
        Type *tt = inner->type;
        int base = compile_call(fs, inner);
        ArgVal *a = GC_MALLOC(sizeof(ArgVal) * (size_t)(tt->nresults + 1));
        int off = 0;
        for (int i = 0; i < tt->nresults; i++) {
            a[i] = (ArgVal){NULL, base + off, tt->results[i]};
            off += slots(tt->results[i]);
        }
        *out = a;
        return tt->nresults;
    }
    ArgVal *a = GC_MALLOC(sizeof(ArgVal) * (size_t)(args->len + 1));
    for (int i = 0; i < args->len; i++) a[i] = (ArgVal){args->items[i], -1, NULL};
    *out = a;
    return args->len;
}

static void arg_into(FnState *fs, ArgVal *a, Type *t, int dst)
{
    int save = fs->nreg;
    if (a->n) {
        if (a->n->kind == AST_COMPOSITELIT && !a->n->type) a->n->type = t;
        expr_as(fs, a->n, t, dst);
    } else {
        convert_value(fs, a->type, t, a->reg, dst);
    }
    fs->nreg = save > fs->nreg ? save : fs->nreg;
}

/* Places the arguments for signature sig at region `at` (after `skip`
 * receiver slots). Returns the argument slot count. */
static int place_args(FnState *fs, Node *call, Type *sig, int at)
{
    ArgVal *av;
    int n = call_args(fs, call, &av);
    int off = 0;
    int np = sig->nparams;
    bool spread = call->u.call.has_ellipsis;
    for (int i = 0; i < np; i++) {
        Type *pt = sig->params[i];
        if (sig->variadic && i == np - 1 && !spread) {
            /* pack the rest into a new slice */
            int cnt = n - i;
            Type *et = pt->underlying->elem;
            if (cnt <= 0) {
                emit(fs, OP_ZERO, at + off, 3);
            } else {
                int save = fs->nreg;
                int len = reg_alloc(fs, 1);
                emit(fs, OP_LOADI, len, cnt);
                int s = reg_alloc(fs, 3);
                emit(fs, OP_MKSLICE, s, emit_const_ptr(fs, et), len, len);
                for (int j = 0; j < cnt; j++) {
                    int v = reg_alloc(fs, slots(et) ? slots(et) : 1);
                    arg_into(fs, &av[i + j], et, v);
                    emit(fs, OP_STORE, s, emit_imm(fs, (uint64_t)j * et->size), v, emit_imm(fs, et->size));
                }
                emit(fs, OP_MOVN, at + off, s, 3);
                fs->nreg = save;
            }
            off += 3;
            break;
        }
        if (i < n) {
            /* nested calls use regions above this one: evaluate in place */
            arg_into(fs, &av[i], pt, at + off);
        }
        off += slots(pt);
    }
    return off;
}

static int sig_results_slots(Type *sig)
{
    int n = 0;
    for (int i = 0; i < sig->nresults; i++) n += slots(sig->results[i]);
    return n;
}

static int sig_param_slots(Type *sig)
{
    int n = 0;
    for (int i = 0; i < sig->nparams; i++) n += slots(sig->params[i]);
    return n;
}

static int compile_builtin(FnState *fs, Node *call, int dst);
static int compile_conversion(FnState *fs, Node *call, int dst);

/* The static Func a call's callee denotes, or NULL for a value call. */
static Func *static_callee(FnState *fs, Node *fun)
{
    fun = unparen(fun);
    Symbol *s = NULL;
    if (fun->kind == AST_IDENT) s = fun->u.ident.sym;
    else if (fun->kind == AST_SELECTOR && fun->u.selector.kind == SEL_PACKAGE) s = fun->u.selector.sym;
    if (s && s->kind == SYM_FUNC) return compile_func_for_sym(fs->c, s);
    return NULL;
}

/* The FMATH code of a native of package math that FMATH computes, or -1. */
static int fmath_code(const Func *fn)
{
    static const char *const names[] = {
#define X(n, g) "math." g,
        FMATH_CODES(X)
#undef X
    };
    if (!fn->native || !fn->name || strncmp(fn->name, "math.", 5)) return -1;
    for (int i = 0; i < FMATH__COUNT; i++)
        if (!strcmp(fn->name, names[i])) return i;
    return -1;
}

/* A call of a pure math function of one float64 (fn, its static callee)
 * as one FMATH into dst (-1: a new register): returns the result's
 * register, or -1 when the call is not one. */
static int compile_fmath(FnState *fs, Node *call, Func *fn, int dst)
{
    int fm = fn ? fmath_code(fn) : -1;
    if (fm < 0 || call->u.call.args.len != 1 || call->u.call.has_ellipsis) return -1;
    int x = expr_as_reg(fs, call->u.call.args.items[0], type_basic[KIND_FLOAT64]);
    if (dst < 0) dst = reg_alloc(fs, 1);
    emit(fs, OP_FMATH, dst, x, fm);
    return dst;
}

/* The signature of a call's callee. */
static Type *callee_sig(Node *fun)
{
    Type *t = fun->type;
    if (t && t->underlying) t = t->underlying;
    return t;
}

/* The call instruction itself belongs to the line of its '(' (where Go's
 * tracebacks place a call: the last line of `func() { ... }()`), even when
 * its arguments spread over later lines. */
static void call_line(FnState *fs, Node *call)
{
    emit_line_at(fs, call->u.call.lparen.line > 0 ? call->u.call.lparen.line : call->pos.line);
}

int compile_call(FnState *fs, Node *call)
{
    call = unparen(call);
    if (call->kind != AST_CALL) {
        emit_error(fs, call, "not supported yet: multi-value expression %s", ast_kind_name(call->kind));
        return reg_alloc(fs, 1);
    }
    switch (call->u.call.kind) {
    case CALL_BUILTIN: return compile_builtin(fs, call, -1);
    case CALL_CONVERSION: return compile_conversion(fs, call, -1);
    default: break;
    }
    emit_line(fs, call);
    Node *fun = unparen(call->u.call.fun);
    Type *sig = callee_sig(fun);
    if (!sig || sig->kind != KIND_FUNC) {
        emit_error(fs, call, "not supported yet: this call");
        return reg_alloc(fs, 1);
    }
    int nres = sig_results_slots(sig);
    int nparams = sig_param_slots(sig);
    if (call->u.call.kind == CALL_METHOD) {
        int r;
        const Method *m = method_receiver(fs, fun, &r);
        if (!m) return reg_alloc(fs, 1);
        int rs = (int)m->fn->nparams - nparams;
        int size = rs + nparams > nres ? rs + nparams : nres;
        int at = reg_alloc(fs, size ? size : 1);
        if (rs) emit(fs, OP_MOVN, at, r, rs);
        place_args(fs, call, sig, at + rs);
        call_line(fs, call);
        emit_call(fs, at, m->fn, rs + nparams);
        fs->nreg = at + (nres ? nres : 1);
        if (fs->nreg > fs->maxreg) fs->maxreg = fs->nreg;
        return at;
    }
    if (call->u.call.kind == CALL_IFACE) {
        int x = reg_alloc(fs, 2);
        expr_to(fs, fun->u.selector.x, x);
        int size = 1 + nparams > nres ? 1 + nparams : nres;
        int at = reg_alloc(fs, size);
        place_args(fs, call, sig, at + 1);
        call_line(fs, call);
        /* K[C] is the method name, K[C+1] the call site's own inline-cache
         * cell (a unique pointer, so constant sharing never merges it) */
        emit(fs, OP_CALLI, at, x, emit_const_pair(fs, fun->u.selector.sel->u.ident.name, GC_MALLOC(sizeof(void *))),
             1 + nparams);
        return at;
    }
    Func *fn = static_callee(fs, fun);
    int fr = compile_fmath(fs, call, fn, -1);
    if (fr >= 0) return fr;
    int clo = -1;
    if (!fn) clo = expr(fs, fun);
    int size = nparams > nres ? nparams : nres;
    int at = reg_alloc(fs, size ? size : 1);
    place_args(fs, call, sig, at);
    call_line(fs, call);
    if (fn) emit_call(fs, at, fn, nparams);
    else emit(fs, OP_CALLC, at, clo, nparams);
    return at;
}

void compile_go_defer(FnState *fs, Node *call, bool is_go)
{
    call = unparen(call);
    Opcode op = is_go ? OP_GO : OP_DEFER;
    Node *fun = unparen(call->u.call.fun);
    if (call->u.call.kind == CALL_BUILTIN || call->u.call.kind == CALL_CONVERSION) {
        /* Any builtin (or conversion, which the checker only lets through
         * when it could run) is deferred as a thunk: its non-constant
         * arguments are evaluated here, as Go requires, and become the
         * thunk's parameters; the thunk compiles the same call with those
         * parameters (REGVAL nodes) in place of the argument expressions,
         * so every builtin works the way it does in a plain call. */
        NodeList *args = &call->u.call.args;
        int n = args->len;
        Node *copy = ast_new(AST_CALL, call->pos);
        *copy = *call;
        if (n == 1 && args->items[0]->type && args->items[0]->type->kind == KIND_TUPLE) {
            /* defer println(f()): f runs now, and its results (left
             * side by side by the call) are the thunk's parameters, one
             * argument each */
            Type *tt = args->items[0]->type;
            int base = compile_call(fs, unparen(args->items[0]));
            copy->u.call.args.items = GC_MALLOC(sizeof(Node *) * (size_t)(tt->nresults + 1));
            copy->u.call.args.len = copy->u.call.args.cap = tt->nresults;
            int off = 0;
            for (int i = 0; i < tt->nresults; i++) {
                Node *rv = ast_new(AST_REGVAL, args->items[0]->pos);
                rv->type = tt->results[i];
                rv->mode = MODE_VALUE;
                rv->u.regval.reg = off;
                copy->u.call.args.items[i] = rv;
                off += slots(tt->results[i]);
            }
            Func *fn = compile_call_thunk(fs, copy, off, is_go);
            int clo = reg_alloc(fs, 1);
            emit(fs, OP_LOADK, clo, emit_const_ptr(fs, vm_func_closure(fn)));
            emit(fs, op, base, clo, off);
            return;
        }
        copy->u.call.args.items = GC_MALLOC(sizeof(Node *) * (size_t)(n + 1));
        copy->u.call.args.len = copy->u.call.args.cap = n;
        int total = 0;
        for (int i = 0; i < n; i++) {
            Node *a = args->items[i];
            Type *at = ctype(a->type);
            bool keep = (a->mode == MODE_CONST && a->cv) || is_nil(a) || a->mode == MODE_TYPE ||
                        !at || at->kind == KIND_TUPLE;
            copy->u.call.args.items[i] = a;
            if (keep) continue;
            Node *rv = ast_new(AST_REGVAL, a->pos);
            rv->type = at;
            rv->mode = MODE_VALUE;
            rv->u.regval.reg = total;
            copy->u.call.args.items[i] = rv;
            total += slots(at);
        }
        int at = reg_alloc(fs, total ? total : 1);
        for (int i = 0; i < n; i++) {
            Node *rv = copy->u.call.args.items[i];
            if (rv->kind == AST_REGVAL) expr_to(fs, args->items[i], at + rv->u.regval.reg);
        }
        Func *fn = compile_call_thunk(fs, copy, total, is_go);
        int clo = reg_alloc(fs, 1);
        emit(fs, OP_LOADK, clo, emit_const_ptr(fs, vm_func_closure(fn)));
        emit(fs, op, at, clo, total);
        return;
    }
    Type *sig = callee_sig(fun);
    int nparams = sig_param_slots(sig);
    if (call->u.call.kind == CALL_METHOD) {
        int r;
        const Method *m = method_receiver(fs, fun, &r);
        if (!m) return;
        int rs = (int)m->fn->nparams - nparams;
        int at = reg_alloc(fs, rs + nparams + 1);
        if (rs) emit(fs, OP_MOVN, at, r, rs);
        place_args(fs, call, sig, at + rs);
        int clo = reg_alloc(fs, 1);
        emit(fs, OP_LOADK, clo, emit_const_ptr(fs, vm_func_closure(m->fn)));
        emit(fs, op, at, clo, rs + nparams);
        return;
    }
    int clo = reg_alloc(fs, 1);
    if (call->u.call.kind == CALL_IFACE) {
        int x = expr(fs, fun->u.selector.x);
        emit(fs, OP_IMETHVAL, clo, x, emit_const_ptr(fs, fun->u.selector.sel->u.ident.name));
    } else {
        Func *fn = static_callee(fs, fun);
        if (fn) emit(fs, OP_LOADK, clo, emit_const_ptr(fs, vm_func_closure(fn)));
        else expr_to(fs, fun, clo);
    }
    int at = reg_alloc(fs, nparams + 1);
    place_args(fs, call, sig, at);
    emit(fs, op, at, clo, nparams);
}

/* ---- conversions T(x) ---- */

int compile_call_to(FnState *fs, Node *call, int dst)
{
    call = unparen(call);
    if (call->kind == AST_CALL && call->u.call.kind == CALL_BUILTIN)
        return compile_builtin(fs, call, dst);
    if (call->kind == AST_CALL && call->u.call.kind == CALL_CONVERSION)
        return compile_conversion(fs, call, dst);
    if (call->kind == AST_CALL && dst >= 0 && call->u.call.kind != CALL_METHOD &&
        call->u.call.kind != CALL_IFACE) {
        int r = compile_fmath(fs, call, static_callee(fs, call->u.call.fun), dst);
        if (r >= 0) return r;
    }
    return compile_call(fs, call);
}

static int compile_conversion(FnState *fs, Node *call, int dst)
{
    Type *to = call->type;
    Node *x = call->u.call.args.items[0];
    if (dst < 0) dst = reg_alloc(fs, slots(to) ? slots(to) : 1);
    if (call->mode == MODE_CONST && call->cv) {
        emit_load_const(fs, call, to, dst);
        return dst;
    }
    if (is_nil(x)) {
        emit_zero(fs, dst, to);
        return dst;
    }
    Type *from = ctype(x->type);
    if (x->mode == MODE_CONST && x->cv) {
        /* constant converted to a non-constant type (e.g. string(rune), []byte("x")) */
        int r = reg_alloc(fs, slots(from) ? slots(from) : 1);
        emit_load_const(fs, x, from, r);
        convert_value(fs, from, to, r, dst);
        Type *tu = to->underlying;
        if (tu->kind == KIND_SLICE && x->cv->kind == CONST_STRING) {
            /* Go allocates []byte("lit") and []rune("lit") exactly, so
             * cap == len (a run-time string gets a rounded-up capacity) */
            int64_t n = x->cv->s.len;
            if (tu->elem->underlying->kind == KIND_INT32) {
                n = 0;
                for (int64_t i = 0; i < x->cv->s.len; n++) {
                    int w;
                    utf8_decode(x->cv->s.ptr + i, x->cv->s.len - i, &w);
                    i += w;
                }
            }
            if (n <= INT32_MAX) emit(fs, OP_LOADI, dst + 2, (int)n);
        }
        return dst;
    }
    int r = expr(fs, x);
    convert_value(fs, from, to, r, dst);
    return dst;
}

/* ---- builtins ---- */

static int compile_builtin(FnState *fs, Node *call, int dst)
{
    NodeList *args = &call->u.call.args;
    Builtin b = call->u.call.builtin;
    Type *t = ctype(call->type);
    if (dst < 0) dst = reg_alloc(fs, t && t->kind != KIND_TUPLE && slots(t) ? slots(t) : 1);
    if (call->mode == MODE_CONST && call->cv) {
        emit_load_const(fs, call, t, dst);
        return dst;
    }
    Node *a0 = args->len > 0 ? args->items[0] : NULL;
    Type *t0 = a0 ? ctype(a0->type) : NULL;
    Type *u0 = t0 && t0->underlying ? t0->underlying : t0;
    switch (b) {
    case BUILTIN_LEN:
    case BUILTIN_CAP: {
        if (u0->kind == KIND_POINTER) u0 = u0->elem->underlying;
        switch (u0->kind) {
        case KIND_STRING:
        case KIND_SLICE: {
            int r = expr(fs, a0);
            emit(fs, OP_MOV, dst, r + (b == BUILTIN_LEN ? 1 : 2));
            return dst;
        }
        case KIND_ARRAY:
            if (a0->type->underlying->kind == KIND_POINTER) expr(fs, a0);
            emit_load_int(fs, dst, u0->len);
            return dst;
        case KIND_MAP: emit(fs, OP_MAPLEN, dst, expr(fs, a0)); return dst;
        case KIND_CHAN: emit(fs, b == BUILTIN_LEN ? OP_CHANLEN : OP_CHANCAP, dst, expr(fs, a0)); return dst;
        default: break;
        }
        break;
    }
    case BUILTIN_APPEND: {
        Type *st = t;
        Type *et = st->underlying->elem;
        int s = reg_alloc(fs, 3);
        if (is_nil(a0)) emit(fs, OP_ZERO, s, 3);
        else expr_to(fs, a0, s);
        int cur = s;
        if (call->u.call.has_ellipsis && args->len == 2) {
            int o = expr(fs, args->items[1]);
            emit(fs, OP_APPENDS, dst, cur, o, emit_const_ptr(fs, et));
            return dst;
        }
        if (args->len == 1) {
            emit(fs, OP_MOVN, dst, s, 3);
            return dst;
        }
        if (args->len == 2) {
            int v = reg_alloc(fs, slots(et) ? slots(et) : 1);
            Node *vn = args->items[1];
            if (vn->kind == AST_COMPOSITELIT && !vn->type) vn->type = et;
            expr_as(fs, vn, et, v);
            emit(fs, OP_APPEND, dst, cur, v, emit_const_ptr(fs, et));
            return dst;
        }
        /* several elements: gather them into a slice, append once */
        int cnt = args->len - 1;
        int len = reg_alloc(fs, 1);
        emit(fs, OP_LOADI, len, cnt);
        int tmp = reg_alloc(fs, 3);
        emit(fs, OP_MKSLICE, tmp, emit_const_ptr(fs, et), len, len);
        for (int j = 0; j < cnt; j++) {
            int v = reg_alloc(fs, slots(et) ? slots(et) : 1);
            expr_as(fs, args->items[j + 1], et, v);
            emit(fs, OP_STORE, tmp, emit_imm(fs, (uint64_t)j * et->size), v, emit_imm(fs, et->size));
        }
        emit(fs, OP_APPENDS, dst, cur, tmp, emit_const_ptr(fs, et));
        return dst;
    }
    case BUILTIN_COPY: {
        int d = expr(fs, a0);
        int s = expr(fs, args->items[1]);
        emit(fs, OP_COPY, dst, d, s, emit_imm(fs, u0->elem->size));
        return dst;
    }
    case BUILTIN_DELETE: {
        int m = expr(fs, a0);
        int k = expr_as_reg(fs, args->items[1], u0->key);
        emit(fs, OP_MAPDEL, m, k, emit_const_ptr(fs, u0));
        return dst;
    }
    case BUILTIN_MAKE: {
        Type *mt = a0->type;
        Type *mu = mt->underlying;
        int n1 = -1, n2 = -1;
        if (args->len > 1) n1 = expr_as_reg(fs, args->items[1], type_basic[KIND_INT]);
        if (args->len > 2) n2 = expr_as_reg(fs, args->items[2], type_basic[KIND_INT]);
        if (n1 < 0) {
            n1 = reg_alloc(fs, 1);
            emit(fs, OP_LOADI, n1, 0);
        }
        switch (mu->kind) {
        case KIND_SLICE:
            emit(fs, OP_MKSLICE, dst, emit_const_ptr(fs, mu->elem), n1, n2 >= 0 ? n2 : n1);
            return dst;
        case KIND_MAP: emit(fs, OP_MKMAP, dst, emit_const_ptr(fs, mu), n1); return dst;
        case KIND_CHAN: emit(fs, OP_MKCHAN, dst, emit_const_ptr(fs, mu->elem), n1); return dst;
        default: break;
        }
        break;
    }
    case BUILTIN_NEW: emit(fs, OP_NEW, dst, emit_const_ptr(fs, a0->type)); return dst;
    case BUILTIN_CLOSE: emit(fs, OP_CLOSE, expr(fs, a0)); return dst;
    case BUILTIN_PANIC: {
        int v = reg_alloc(fs, 2);
        expr_as(fs, a0, type_any, v);
        emit(fs, OP_PANIC, v);
        return dst;
    }
    case BUILTIN_RECOVER: {
        int v = reg_alloc(fs, 2);
        if (fs->wrapper) emit(fs, OP_ZERO, v, 2);
        else emit(fs, OP_RECOVER, v);
        return v;
    }
    case BUILTIN_PRINT:
    case BUILTIN_PRINTLN:
        if (args->len == 1 && a0->type && a0->type->kind == KIND_TUPLE) {
            /* println(f()): each result where the call left them */
            Type *tt = a0->type;
            int base = compile_call(fs, unparen(a0));
            for (int i = 0, off = 0; i < tt->nresults; i++) {
                if (i && b == BUILTIN_PRINTLN) emit(fs, OP_PRINTSP);
                emit(fs, OP_PRINT, base + off, emit_const_ptr(fs, tt->results[i]));
                off += slots(tt->results[i]);
            }
            if (b == BUILTIN_PRINTLN) emit(fs, OP_PRINTNL);
            return dst;
        }
        for (int i = 0; i < args->len; i++) {
            if (i && b == BUILTIN_PRINTLN) emit(fs, OP_PRINTSP);
            Node *a = args->items[i];
            Type *at = ctype(a->type);
            if (!at || at->kind == KIND_UNTYPED_NIL) at = type_basic[KIND_UNSAFEPTR];
            int r = reg_alloc(fs, slots(at) ? slots(at) : 1);
            expr_as(fs, a, at, r);
            emit(fs, OP_PRINT, r, emit_const_ptr(fs, at));
        }
        if (b == BUILTIN_PRINTLN) emit(fs, OP_PRINTNL);
        return dst;
    case BUILTIN_MIN:
    case BUILTIN_MAX: {
        Type *rt = t;
        int acc = reg_alloc(fs, slots(rt));
        expr_as(fs, a0, rt, acc);
        Type *u = rt->underlying;
        if (kind_is_float(u->kind)) {
            bool f32 = u->kind == KIND_FLOAT32;
            Opcode o = b == BUILTIN_MIN ? (f32 ? OP_MINF32 : OP_MINF) : (f32 ? OP_MAXF32 : OP_MAXF);
            for (int i = 1; i < args->len; i++) {
                int v = expr_as_reg(fs, args->items[i], rt);
                emit(fs, o, acc, acc, v);
            }
            emit(fs, OP_MOV, dst, acc);
            return dst;
        }
        for (int i = 1; i < args->len; i++) {
            int v = expr_as_reg(fs, args->items[i], rt);
            int c = reg_alloc(fs, 1);
            Opcode o;
            if (u->kind == KIND_STRING) o = OP_LTS;
            else if (u->kind == KIND_FLOAT64) o = OP_LTF;
            else if (u->kind == KIND_FLOAT32) o = OP_LTF32;
            else if (kind_is_unsigned(u->kind)) o = OP_LTU;
            else o = OP_LT;
            if (b == BUILTIN_MIN) emit(fs, o, c, v, acc);
            else emit(fs, o, c, acc, v);
            int j = emit(fs, OP_JF, c, 0);
            emit(fs, OP_MOVN, acc, v, slots(rt));
            emit_patch(fs, j, 1, emit_here(fs));
        }
        emit(fs, OP_MOVN, dst, acc, slots(rt));
        return dst;
    }
    case BUILTIN_COMPLEX: {
        int x = expr_as_reg(fs, a0, ctype(a0->type));
        int y = expr_as_reg(fs, args->items[1], ctype(args->items[1]->type));
        if (t->underlying->kind == KIND_COMPLEX64) emit(fs, OP_CPLX64, dst, x, y, C64_MAKE);
        else emit(fs, OP_MKC, dst, x, y);
        return dst;
    }
    case BUILTIN_REAL:
    case BUILTIN_IMAG: {
        int x = expr(fs, a0);
        if (u0->kind == KIND_COMPLEX64)
            emit(fs, OP_CPLX64, dst, x, x, b == BUILTIN_REAL ? C64_REAL : C64_IMAG);
        else
            emit(fs, OP_MOV, dst, x + (b == BUILTIN_IMAG));
        return dst;
    }
    case BUILTIN_CLEAR: {
        int r = expr(fs, a0);
        if (u0->kind == KIND_MAP) emit(fs, OP_MAPCLEAR, r);
        else emit(fs, OP_CLEARSL, r, emit_const_ptr(fs, u0->elem));
        return dst;
    }
    default: break;
    }
    emit_error(fs, call, "not supported yet: builtin %s", call->u.call.fun->kind == AST_IDENT ? call->u.call.fun->u.ident.name : "call");
    return dst;
}
