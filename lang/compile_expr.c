/* compile_expr.c — expressions: places (Loc), operators, conversions,
 * composite literals, closures, calls, go/defer and builtins.
 *
 * Every expression is compiled into registers: expr() returns where its
 * value is (possibly a variable's own registers, which callers must not
 * write), expr_to() puts it into a given place, expr_as() also converts
 * it to an interface target. Nothing here emits control flow beyond the
 * expression itself. Calls, go/defer, conversions and builtins are in
 * compile_call.c.
 */
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile_priv.h"


Node *unparen(Node *e)
{
    while (e && e->kind == AST_PAREN) e = e->u.paren.x;
    return e;
}

bool is_nil(Node *e)
{
    e = unparen(e);
    if (!e) return false;
    if (e->type && e->type->kind == KIND_UNTYPED_NIL) return true;
    return e->kind == AST_IDENT && e->u.ident.sym && e->u.ident.sym->kind == SYM_NIL;
}

void emit_norm_mem(FnState *fs, int reg, Type *t)
{
    /* a channel copies only the element's bytes: extend narrow scalars */
    Type *u = t ? t->underlying : NULL;
    if (u && (kind_is_integer(u->kind) || u->kind == KIND_BOOL) && u->size < 8)
        emit(fs, OP_NORM, reg, reg, u->kind);
}

void emit_zero(FnState *fs, int dst, Type *t)
{
    int n = slots(t);
    if (n) emit(fs, OP_ZERO, dst, n);
}

/* ---- constants ---- */

/* The real value of a numeric constant (a complex one's real part). */
static long double const_real(const ConstVal *cv)
{
    return cv->kind == CONST_INT ? (long double)cv->i : cv->f;
}

int float64_const(FnState *fs, Node *e)
{
    ConstVal *cv = e->cv;
    long double d = const_real(cv);
    if (d == 0) d = 0; /* exact constants have no negative zero */
    Slot k;
    k.f = (double)d;
    return emit_const(fs, k);
}

void emit_load_const(FnState *fs, Node *e, Type *t, int dst)
{
    ConstVal *cv = e->cv;
    t = ctype(t);
    if (!t || t->kind == KIND_UNTYPED_NIL) return;
    Type *u = t->underlying ? t->underlying : t;
    Slot k;
    k.u = 0;
    switch (u->kind) {
    case KIND_BOOL:
        emit(fs, OP_LOADI, dst, cv->b ? 1 : 0);
        return;
    case KIND_STRING: {
        String s = cv->kind == CONST_STRING ? cv->s : (String){NULL, 0};
        Slot a, b;
        a.p = (void *)s.ptr;
        b.i = s.len;
        int ki = emit_const(fs, a);
        int kj = emit_const(fs, b);
        emit(fs, OP_LOADK, dst, ki);
        emit(fs, OP_LOADK, dst + 1, kj);
        return;
    }
    case KIND_FLOAT32: {
        long double d = const_real(cv);
        if (d == 0) d = 0; /* exact constants have no negative zero */
        k.f32 = (float)d;
        emit(fs, OP_LOADK, dst, emit_const(fs, k));
        return;
    }
    case KIND_FLOAT64: emit(fs, OP_LOADK, dst, float64_const(fs, e)); return;
    case KIND_COMPLEX64:
    case KIND_COMPLEX128: {
        /* exact constants have no negative zero (the + 0 below) */
        long double re = const_real(cv) + 0, im = (cv->kind == CONST_COMPLEX ? cv->im : 0) + 0;
        if (u->kind == KIND_COMPLEX64) {
            float p[2] = {(float)re, (float)im};
            memcpy(&k, p, sizeof p);
            emit(fs, OP_LOADK, dst, emit_const(fs, k));
            return;
        }
        Slot ki;
        k.f = (double)re;
        ki.f = (double)im;
        emit(fs, OP_LOADK, dst, emit_const(fs, k));
        emit(fs, OP_LOADK, dst + 1, emit_const(fs, ki));
        return;
    }
    case KIND_INTERFACE: {
        /* a constant converted to an interface: its default type */
        Type *dt = e->type && e->type->kind != KIND_INTERFACE ? ctype(e->type) : NULL;
        if (!dt) {
            switch (cv->kind) {
            case CONST_BOOL: dt = type_basic[KIND_BOOL]; break;
            case CONST_INT: dt = type_basic[KIND_INT]; break;
            case CONST_FLOAT: dt = type_basic[KIND_FLOAT64]; break;
            case CONST_COMPLEX: dt = type_basic[KIND_COMPLEX128]; break;
            case CONST_STRING: dt = type_basic[KIND_STRING]; break;
            }
        }
        int tmp = reg_alloc(fs, slots(dt));
        emit_load_const(fs, e, dt, tmp);
        convert_value(fs, dt, t, tmp, dst);
        return;
    }
    default:
        if (kind_is_integer(u->kind)) {
            __int128 v = cv->kind == CONST_INT ? cv->i : cv->kind == CONST_FLOAT || cv->kind == CONST_COMPLEX ? (__int128)cv->f : 0;
            int64_t x = (int64_t)(uint64_t)v;
            if (x >= INT32_MIN && x <= INT32_MAX) {
                emit(fs, OP_LOADI, dst, (int)x);
            } else {
                k.i = x;
                emit(fs, OP_LOADK, dst, emit_const(fs, k));
            }
            return;
        }
        emit_error(fs, e, "not supported yet: constant of type %s", type_kind_name(u->kind));
    }
}

/* ---- places ---- */

void loc_read(FnState *fs, const Loc *l, int dst)
{
    int n = slots(l->type);
    if (l->kind == LOC_MEM) {
        if (reg_width(l->type) == 8) emit(fs, OP_LOAD64, dst, l->reg, l->off);
        else emit(fs, OP_LOAD, dst, l->reg, l->off, reg_width(l->type));
    } else if (l->whole || (l->off % 8 == 0 && l->type->size % 8 == 0)) {
        if (n && dst != l->reg + l->off / 8) emit(fs, OP_MOVN, dst, l->reg + l->off / 8, n);
    } else {
        emit(fs, OP_RLOAD, dst, l->reg, l->off, reg_width(l->type));
    }
}

void loc_write(FnState *fs, const Loc *l, int src)
{
    int n = slots(l->type);
    if (l->kind == LOC_MEM) {
        if (l->type->size == 8) emit(fs, OP_STORE64, l->reg, l->off, src);
        else emit(fs, OP_STORE, l->reg, l->off, src, emit_imm(fs, l->type->size));
    } else if (l->whole || (l->off % 8 == 0 && l->type->size % 8 == 0)) {
        if (n && src != l->reg + l->off / 8) emit(fs, OP_MOVN, l->reg + l->off / 8, src, n);
    } else {
        emit(fs, OP_RSTORE, l->reg, l->off, src, emit_imm(fs, l->type->size));
    }
}

int loc_addr(FnState *fs, const Loc *l, Node *at)
{
    if (l->kind != LOC_MEM) {
        emit_error(fs, at, "not supported yet: address of a register value");
        return reg_alloc(fs, 1);
    }
    int r = reg_alloc(fs, 1);
    emit(fs, OP_ADDR, r, l->reg, l->off);
    return r;
}

/* The register holding the pointer at place l: the variable's own
 * register when the pointer lives in one (no move; a tuple assignment
 * asks for a copy, see FnState.loc_copy), else a temporary. */
static int loc_ptr(FnState *fs, const Loc *l)
{
    if (!fs->loc_copy && l->kind == LOC_REG && l->off % 8 == 0) return l->reg + l->off / 8;
    int p = reg_alloc(fs, 1);
    loc_read(fs, l, p);
    return p;
}

/* Walks a selector's embedding path from loc l (type t). */
static void walk_path(FnState *fs, Loc *l, Node *sel, int npath)
{
    Type *t = l->type;
    for (int i = 0; i < npath; i++) {
        if (sel->u.selector.path_deref && sel->u.selector.path_deref[i]) {
            int p = loc_ptr(fs, l);
            t = t->underlying->elem;
            *l = (Loc){LOC_MEM, p, 0, t, false};
        } else if (t->underlying->kind == KIND_POINTER) {
            int p = loc_ptr(fs, l);
            t = t->underlying->elem;
            *l = (Loc){LOC_MEM, p, 0, t, false};
        }
        Field *f = &t->underlying->fields[sel->u.selector.path[i]];
        l->off += emit_imm(fs, f->offset);
        l->type = f->type;
        l->whole = false;
        t = f->type;
    }
}

/* The place of a value that is not addressable: evaluate into registers. */
Loc temp_loc(FnState *fs, Node *e)
{
    Type *t = ctype(e->type);
    int r = reg_alloc(fs, slots(t));
    expr_to(fs, e, r);
    return (Loc){LOC_REG, r, 0, t, true};
}

static bool const_index(Node *e, int64_t *out)
{
    if (e->mode == MODE_CONST && e->cv && e->cv->kind == CONST_INT) {
        *out = (int64_t)e->cv->i;
        return true;
    }
    return false;
}

bool loc_of(FnState *fs, Node *e, Loc *out)
{
    e = unparen(e);
    switch (e->kind) {
    case AST_IDENT: {
        Symbol *s = e->u.ident.sym;
        if (!s || s->kind != SYM_VAR) return false;
        *out = var_loc(fs, s);
        return true;
    }
    case AST_STAR: {
        int p = reg_alloc(fs, 1);
        expr_to(fs, e->u.star.x, p);
        *out = (Loc){LOC_MEM, p, 0, e->type, false};
        return true;
    }
    case AST_SELECTOR: {
        if (e->u.selector.kind == SEL_PACKAGE) {
            Symbol *s = e->u.selector.sym;
            if (!s || s->kind != SYM_VAR) return false;
            *out = var_loc(fs, s);
            return true;
        }
        if (e->u.selector.kind != SEL_FIELD) return false;
        Loc l;
        Node *x = e->u.selector.x;
        if (!loc_of(fs, x, &l)) l = temp_loc(fs, x);
        walk_path(fs, &l, e, e->u.selector.npath);
        *out = l;
        return true;
    }
    case AST_INDEX: {
        Node *x = e->u.index.x;
        Type *xt = x->type->underlying;
        Type *et = e->type;
        if (xt->kind == KIND_SLICE) {
            int s = expr(fs, x);
            int i = expr_as_reg(fs, e->u.index.index, type_basic[KIND_INT]);
            int p = reg_alloc(fs, 1);
            emit(fs, OP_IDXADDR, p, s, i, emit_imm(fs, et->size));
            *out = (Loc){LOC_MEM, p, 0, et, false};
            return true;
        }
        if (xt->kind == KIND_POINTER) {
            Type *at = xt->elem->underlying;
            int p0 = expr(fs, x);
            int i = expr_as_reg(fs, e->u.index.index, type_basic[KIND_INT]);
            int p = reg_alloc(fs, 1);
            emit_idxaddr_array(fs, p, p0, i, et, at->len);
            *out = (Loc){LOC_MEM, p, 0, et, false};
            return true;
        }
        if (xt->kind == KIND_ARRAY) {
            Loc l;
            if (!loc_of(fs, x, &l)) l = temp_loc(fs, x);
            int64_t ci;
            if (const_index(e->u.index.index, &ci) && ci >= 0 && ci < xt->len) {
                l.off += emit_imm(fs, (uint64_t)l.off + (uint64_t)ci * et->size) - l.off;
                l.type = et;
                l.whole = false;
                *out = l;
                return true;
            }
            int base;
            if (l.kind == LOC_MEM) {
                base = l.reg;
                if (l.off) {
                    base = reg_alloc(fs, 1);
                    emit(fs, OP_ADDR, base, l.reg, l.off);
                }
            } else {
                /* an array value in registers: index a heap copy */
                base = reg_alloc(fs, 1);
                int v = reg_alloc(fs, slots(xt));
                loc_read(fs, &l, v);
                emit(fs, OP_NEW, base, emit_const_ptr(fs, xt));
                emit(fs, OP_STORE, base, 0, v, emit_imm(fs, xt->size));
            }
            int i = expr_as_reg(fs, e->u.index.index, type_basic[KIND_INT]);
            int p = reg_alloc(fs, 1);
            emit_idxaddr_array(fs, p, base, i, et, xt->len);
            *out = (Loc){LOC_MEM, p, 0, et, false};
            return true;
        }
        return false;
    }
    case AST_COMPOSITELIT: {
        /* &T{...}: the literal lives in a new heap object */
        Type *t = e->type;
        int v = reg_alloc(fs, slots(t));
        expr_to(fs, e, v);
        int p = reg_alloc(fs, 1);
        emit(fs, OP_NEW, p, emit_const_ptr(fs, t));
        emit(fs, OP_STORE, p, 0, v, emit_imm(fs, t->size));
        *out = (Loc){LOC_MEM, p, 0, t, false};
        return true;
    }
    default: return false;
    }
}

/* ---- conversions ---- */

void convert_value(FnState *fs, Type *from, Type *to, int src, int dst)
{
    from = ctype(from);
    if (!from || from->kind == KIND_UNTYPED_NIL) {
        emit_zero(fs, dst, to);
        return;
    }
    Type *fu = from->underlying, *tu = to->underlying;
    if (tu->kind == KIND_INTERFACE) {
        if (fu->kind == KIND_INTERFACE) {
            if (dst != src) emit(fs, OP_MOVN, dst, src, 2);
        } else {
            emit(fs, OP_MKIFACE, dst, src, emit_const_ptr(fs, from));
        }
        return;
    }
    if (kind_is_integer(tu->kind)) {
        if (kind_is_integer(fu->kind)) {
            if (tu->size < 8) emit(fs, OP_NORM, dst, src, tu->kind);
            else if (dst != src) emit(fs, OP_MOV, dst, src);
            return;
        }
        if (kind_is_float(fu->kind)) {
            bool f32 = fu->kind == KIND_FLOAT32;
            /* as Go on amd64: int8..int32, uint8 and uint16 through a
             * 32-bit conversion, uint32 through int64, uint64 its own way */
            int code = tu->kind == KIND_UINT32 || tu->kind == KIND_UINT ||
                               tu->kind == KIND_UINT64 || tu->kind == KIND_UINTPTR
                           ? (tu->kind == KIND_UINT32 ? (f32 ? CVT_F322I : CVT_F2I)
                                                      : (f32 ? CVT_F322U : CVT_F2U))
                       : tu->size <= 4 ? (f32 ? CVT_F322I32 : CVT_F2I32)
                                       : (f32 ? CVT_F322I : CVT_F2I);
            emit(fs, OP_CVT, dst, src, code);
            if (tu->size < 8) emit(fs, OP_NORM, dst, dst, tu->kind);
            return;
        }
    }
    if (kind_is_float(tu->kind)) {
        bool t32 = tu->kind == KIND_FLOAT32;
        if (kind_is_integer(fu->kind)) {
            int code = kind_is_unsigned(fu->kind) ? (t32 ? CVT_U2F32 : CVT_U2F) : (t32 ? CVT_I2F32 : CVT_I2F);
            if (code == CVT_I2F) emit(fs, OP_I2F, dst, src); /* the common one: its own opcode */
            else emit(fs, OP_CVT, dst, src, code);
            return;
        }
        if (kind_is_float(fu->kind)) {
            if (fu->kind == tu->kind) {
                if (dst != src) emit(fs, OP_MOV, dst, src);
            } else {
                emit(fs, OP_CVT, dst, src, t32 ? CVT_F2F32 : CVT_F322F);
            }
            return;
        }
    }
    if (kind_is_complex(tu->kind) && kind_is_complex(fu->kind) && tu->kind != fu->kind) {
        emit(fs, OP_CPLX64, dst, src, src, tu->kind == KIND_COMPLEX64 ? C64_FROM128 : C64_TO128);
        return;
    }
    if (tu->kind == KIND_STRING) {
        if (kind_is_integer(fu->kind)) {
            emit(fs, OP_CVT, dst, src, CVT_RUNE2S);
            return;
        }
        if (fu->kind == KIND_SLICE) {
            emit(fs, OP_CVT, dst, src, fu->elem->underlying->kind == KIND_INT32 ? CVT_RUNES2S : CVT_BYTES2S);
            return;
        }
    }
    if (fu->kind == KIND_SLICE && (tu->kind == KIND_ARRAY ||
                                   (tu->kind == KIND_POINTER && tu->elem->underlying->kind == KIND_ARRAY))) {
        Type *at = tu->kind == KIND_ARRAY ? tu : tu->elem->underlying;
        int p = tu->kind == KIND_ARRAY ? reg_alloc(fs, 1) : dst;
        emit(fs, OP_SL2ARR, p, src, emit_imm(fs, (uint64_t)at->len));
        if (tu->kind == KIND_ARRAY) {
            if (at->size == 0) return;
            int v = reg_alloc(fs, slots(at));
            emit(fs, OP_LOAD, v, p, 0, emit_imm(fs, at->size));
            emit(fs, OP_MOVN, dst, v, slots(at));
        }
        return;
    }
    if (tu->kind == KIND_SLICE && fu->kind == KIND_STRING) {
        emit(fs, OP_CVT, dst, src, tu->elem->underlying->kind == KIND_INT32 ? CVT_S2RUNES : CVT_S2BYTES);
        return;
    }
    int n = slots(to);
    if (n && dst != src) emit(fs, OP_MOVN, dst, src, n);
}

/* ---- expressions ---- */

int expr(FnState *fs, Node *e)
{
    Node *u = unparen(e);
    if (u->kind == AST_IDENT && u->mode != MODE_CONST) {
        Symbol *s = u->u.ident.sym;
        if (s && s->kind == SYM_VAR && s->compiled == fs && !var_in_cell(s) && !s->global)
            return s->index;
    }
    if (u->kind == AST_REGVAL) return u->u.regval.reg;
    Type *t = ctype(e->type);
    if (t && t->kind == KIND_TUPLE) return compile_call(fs, u);
    /* len/cap of a slice or string in registers: read its header slot */
    if (u->kind == AST_CALL && u->mode != MODE_CONST && u->u.call.kind == CALL_BUILTIN &&
        (u->u.call.builtin == BUILTIN_LEN || u->u.call.builtin == BUILTIN_CAP) &&
        u->u.call.args.len == 1) {
        Node *a = unparen(u->u.call.args.items[0]);
        Type *at = a->type ? a->type->underlying : NULL;
        if (a->kind == AST_IDENT && at &&
            (at->kind == KIND_SLICE || (at->kind == KIND_STRING && u->u.call.builtin == BUILTIN_LEN))) {
            Symbol *s = a->u.ident.sym;
            if (s && s->kind == SYM_VAR && s->compiled == fs && !var_in_cell(s) && !s->global)
                return s->index + (u->u.call.builtin == BUILTIN_LEN ? 1 : 2);
        }
    }
    /* real/imag of a complex128: its slot 0 or 1, wherever it lives */
    if (u->kind == AST_CALL && u->mode != MODE_CONST && u->u.call.kind == CALL_BUILTIN &&
        (u->u.call.builtin == BUILTIN_REAL || u->u.call.builtin == BUILTIN_IMAG) &&
        u->u.call.args.len == 1) {
        Node *a = u->u.call.args.items[0];
        Type *at = ctype(a->type);
        if (at && at->underlying->kind == KIND_COMPLEX128)
            return expr(fs, a) + (u->u.call.builtin == BUILTIN_IMAG);
    }
    /* a call's results stay where the call left them */
    if (u->kind == AST_CALL && u->mode != MODE_CONST && u->u.call.kind != CALL_BUILTIN &&
        u->u.call.kind != CALL_CONVERSION)
        return compile_call(fs, u);
    int r = reg_alloc(fs, t ? (slots(t) ? slots(t) : 1) : 1);
    expr_to(fs, e, r);
    return r;
}

int expr_as_reg(FnState *fs, Node *e, Type *t)
{
    Type *et = ctype(e->type);
    if (et == t || !t || (t->kind != KIND_INTERFACE && e->mode != MODE_CONST && !is_nil(e)))
        return expr(fs, e);
    int r = reg_alloc(fs, slots(t) ? slots(t) : 1);
    expr_as(fs, e, t, r);
    return r;
}

void expr_as(FnState *fs, Node *e, Type *t, int dst)
{
    if (!t) {
        expr_to(fs, e, dst);
        return;
    }
    if (is_nil(e)) {
        emit_zero(fs, dst, t);
        return;
    }
    Type *et = ctype(e->type);
    if (t->kind == KIND_INTERFACE && et && et->kind != KIND_INTERFACE && et->kind != KIND_TUPLE) {
        int tmp = reg_alloc(fs, slots(et) ? slots(et) : 1);
        if (e->mode == MODE_CONST) emit_load_const(fs, e, et, tmp);
        else expr_to(fs, e, tmp);
        convert_value(fs, et, t, tmp, dst);
        return;
    }
    if (e->mode == MODE_CONST && e->cv) {
        emit_load_const(fs, e, t->kind == KIND_INTERFACE ? et : t, dst);
        return;
    }
    expr_to(fs, e, dst);
}

static void compile_complit(FnState *fs, Node *e, Type *t, int dst);
static void compile_funclit_value(FnState *fs, Node *e, int dst);
static void compile_selector(FnState *fs, Node *e, int dst);
static void compile_index(FnState *fs, Node *e, int dst);
static void compile_slice(FnState *fs, Node *e, int dst);
static void compile_unary(FnState *fs, Node *e, int dst);
static void compile_binary(FnState *fs, Node *e, int dst);

void expr_to(FnState *fs, Node *e, int dst)
{
    Type *t = ctype(e->type);
    if (e->mode == MODE_CONST && e->cv) {
        emit_load_const(fs, e, t, dst);
        return;
    }
    if (is_nil(e)) {
        emit_zero(fs, dst, t);
        return;
    }
    e = unparen(e);
    switch (e->kind) {
    case AST_IDENT: {
        Symbol *s = e->u.ident.sym;
        if (!s) break;
        if (s->kind == SYM_FUNC) {
            Func *fn = compile_func_for_sym(fs->c, s);
            emit(fs, OP_LOADK, dst, emit_const_ptr(fs, vm_func_closure(fn)));
            return;
        }
        if (s->kind == SYM_VAR) {
            Loc l = var_loc(fs, s);
            loc_read(fs, &l, dst);
            return;
        }
        break;
    }
    case AST_COMPOSITELIT: {
        int n = slots(t);
        /* build in a temporary when dst may be read by the elements */
        int tmp = reg_alloc(fs, n ? n : 1);
        compile_complit(fs, e, t, tmp);
        if (n) emit(fs, OP_MOVN, dst, tmp, n);
        return;
    }
    case AST_FUNCLIT: compile_funclit_value(fs, e, dst); return;
    case AST_SELECTOR: compile_selector(fs, e, dst); return;
    case AST_INDEX: compile_index(fs, e, dst); return;
    case AST_SLICEEXPR: compile_slice(fs, e, dst); return;
    case AST_STAR: {
        int p = expr(fs, e->u.star.x);
        emit(fs, OP_LOAD, dst, p, 0, reg_width(t));
        return;
    }
    case AST_TYPEASSERT: {
        int x = expr(fs, e->u.typeassert.x);
        Type *at = e->u.typeassert.type->type;
        emit(fs, OP_ASSERT, dst, x, emit_const_pair(fs, at, e->u.typeassert.x->type), -1);
        return;
    }
    case AST_CALL: {
        int r = compile_call_to(fs, e, t && t->kind != KIND_TUPLE ? dst : -1);
        int n = slots(t);
        if (t && t->kind == KIND_TUPLE) n = slots(t->results[0]);
        if (n && r != dst && r >= 0) emit(fs, OP_MOVN, dst, r, n);
        return;
    }
    case AST_UNARY: compile_unary(fs, e, dst); return;
    case AST_BINARY: compile_binary(fs, e, dst); return;
    case AST_REGVAL:
        if (slots(t) && dst != e->u.regval.reg) emit(fs, OP_MOVN, dst, e->u.regval.reg, slots(t));
        return;
    default: break;
    }
    emit_error(fs, e, "not supported yet: expression %s", ast_kind_name(e->kind));
}

/* ---- composite literals ---- */

static int field_index(Type *st, const char *name)
{
    for (int i = 0; i < st->nfields; i++)
        if (!strcmp(st->fields[i].name, name)) return i;
    return -1;
}

static void compile_complit(FnState *fs, Node *e, Type *t, int dst)
{
    Type *u = t->underlying;
    NodeList *elts = &e->u.compositelit.elts;
    if (u->kind == KIND_POINTER) {
        /* an elided &T{...} inside another literal */
        Type *et = u->elem;
        int v = reg_alloc(fs, slots(et) ? slots(et) : 1);
        Node tmp = *e;
        tmp.type = et;
        compile_complit(fs, &tmp, et, v);
        emit(fs, OP_NEW, dst, emit_const_ptr(fs, et));
        emit(fs, OP_STORE, dst, 0, v, emit_imm(fs, et->size));
        return;
    }
    switch (u->kind) {
    case KIND_STRUCT: {
        emit_zero(fs, dst, t);
        for (int i = 0; i < elts->len; i++) {
            Node *el = elts->items[i];
            int fi = i;
            Node *val = el;
            if (el->kind == AST_KEYVALUE) {
                fi = field_index(u, el->u.keyvalue.key->u.ident.name);
                val = el->u.keyvalue.value;
            }
            if (fi < 0) continue;
            Field *f = &u->fields[fi];
            int save = fs->nreg;
            int v = reg_alloc(fs, slots(f->type) ? slots(f->type) : 1);
            if (val->kind == AST_COMPOSITELIT && !val->type) val->type = f->type;
            expr_as(fs, val, f->type, v);
            Loc l = {LOC_REG, dst, emit_imm(fs, f->offset), f->type, false};
            loc_write(fs, &l, v);
            fs->nreg = save;
        }
        return;
    }
    case KIND_ARRAY:
    case KIND_SLICE: {
        Type *et = u->elem;
        int64_t idx = 0, maxn = 0;
        int64_t *idxs = GC_MALLOC_ATOMIC(sizeof(int64_t) * (size_t)(elts->len + 1));
        for (int i = 0; i < elts->len; i++) {
            Node *el = elts->items[i];
            if (el->kind == AST_KEYVALUE) {
                int64_t k = 0;
                if (el->u.keyvalue.key->cv) k = (int64_t)el->u.keyvalue.key->cv->i;
                idx = k;
            }
            idxs[i] = idx++;
            if (idx > maxn) maxn = idx;
        }
        int base;
        if (u->kind == KIND_ARRAY) {
            emit_zero(fs, dst, t);
        } else {
            int n = reg_alloc(fs, 1);
            emit(fs, OP_LOADI, n, (int)maxn);
            emit(fs, OP_MKSLICE, dst, emit_const_ptr(fs, et), n, n);
        }
        base = dst;
        for (int i = 0; i < elts->len; i++) {
            Node *el = elts->items[i];
            Node *val = el->kind == AST_KEYVALUE ? el->u.keyvalue.value : el;
            int save = fs->nreg;
            int v = reg_alloc(fs, slots(et) ? slots(et) : 1);
            if (val->kind == AST_COMPOSITELIT && !val->type) val->type = et;
            expr_as(fs, val, et, v);
            if (u->kind == KIND_ARRAY) {
                Loc l = {LOC_REG, base, emit_imm(fs, (uint64_t)idxs[i] * et->size), et, false};
                loc_write(fs, &l, v);
            } else {
                emit(fs, OP_STORE, base, emit_imm(fs, (uint64_t)idxs[i] * et->size), v, emit_imm(fs, et->size));
            }
            fs->nreg = save;
        }
        return;
    }
    case KIND_MAP: {
        int n = reg_alloc(fs, 1);
        emit(fs, OP_LOADI, n, elts->len);
        emit(fs, OP_MKMAP, dst, emit_const_ptr(fs, u), n);
        for (int i = 0; i < elts->len; i++) {
            Node *el = elts->items[i];
            if (el->kind != AST_KEYVALUE) continue;
            int save = fs->nreg;
            Node *kn = el->u.keyvalue.key, *vn = el->u.keyvalue.value;
            if (kn->kind == AST_COMPOSITELIT && !kn->type) kn->type = u->key;
            if (vn->kind == AST_COMPOSITELIT && !vn->type) vn->type = u->elem;
            int k = reg_alloc(fs, slots(u->key) ? slots(u->key) : 1);
            expr_as(fs, kn, u->key, k);
            int v = reg_alloc(fs, slots(u->elem) ? slots(u->elem) : 1);
            expr_as(fs, vn, u->elem, v);
            emit(fs, OP_MAPSET, dst, k, v, emit_const_ptr(fs, u));
            fs->nreg = save;
        }
        return;
    }
    default: emit_error(fs, e, "not supported yet: composite literal of %s", type_kind_name(u->kind));
    }
}

/* ---- closures ---- */

static void compile_funclit_value(FnState *fs, Node *e, int dst)
{
    int ncaps;
    Symbol **caps;
    Func *fn = compile_funclit(fs, e, &ncaps, &caps);
    if (ncaps == 0) {
        emit(fs, OP_LOADK, dst, emit_const_ptr(fs, vm_func_closure(fn)));
        return;
    }
    int base = reg_alloc(fs, ncaps);
    for (int i = 0; i < ncaps; i++) {
        Symbol *s = caps[i];
        if (s->compiled == fs) {
            emit(fs, OP_MOV, base + i, s->index);
        } else {
            emit(fs, OP_GETUP, base + i, capture_index(fs, s));
        }
    }
    emit(fs, OP_CLOSURE, dst, emit_const_ptr(fs, fn), base, ncaps);
}

/* ---- selectors ---- */

/* The Func of the method a SEL_METHOD selector calls, and the receiver
 * place after walking the embedding path. */
static const Method *method_of(Type *recvt, const char *name)
{
    Type *named = recvt;
    if (named->kind == KIND_POINTER && !named->name) named = named->elem;
    const Method *m = type_method(named, name);
    if (!m || m->promoted) {
        Type *pt = named->ptrto;
        const Method *pm = pt ? type_method(pt, name) : NULL;
        if (pm && !pm->promoted) m = pm;
        else {
            for (int i = 0; i < named->nptrmethods; i++)
                if (!strcmp(named->ptrmethods[i].name, name) && !named->ptrmethods[i].promoted)
                    m = &named->ptrmethods[i];
        }
    }
    return m;
}

/* Puts the receiver of method call/value `sel` into dst (slots of the
 * method's receiver). Returns the method, or NULL. */
const Method *method_receiver(FnState *fs, Node *sel, int *dst_out)
{
    Node *x = sel->u.selector.x;
    Loc l;
    bool addressable = loc_of(fs, x, &l);
    if (!addressable) l = temp_loc(fs, x);
    walk_path(fs, &l, sel, sel->u.selector.npath);
    Type *t = l.type;
    const Method *m = method_of(t, sel->u.selector.sel->u.ident.name);
    if (!m || !m->fn) {
        emit_error(fs, sel, "not supported yet: method %s", sel->u.selector.sel->u.ident.name);
        return NULL;
    }
    bool tptr = t->kind == KIND_POINTER && !t->name;
    Type *named = tptr ? t->elem : t;
    int dst;
    if (m->ptrrecv) {
        dst = reg_alloc(fs, 1);
        if (tptr) loc_read(fs, &l, dst);
        else if (l.kind == LOC_MEM) emit(fs, OP_ADDR, dst, l.reg, l.off);
        else {
            /* not addressable (a value in registers): use a heap copy */
            int v = reg_alloc(fs, slots(named));
            loc_read(fs, &l, v);
            emit(fs, OP_NEW, dst, emit_const_ptr(fs, named));
            emit(fs, OP_STORE, dst, 0, v, emit_imm(fs, named->size));
        }
    } else {
        dst = reg_alloc(fs, slots(named) ? slots(named) : 1);
        if (tptr) {
            int p = reg_alloc(fs, 1);
            loc_read(fs, &l, p);
            emit(fs, OP_LOAD, dst, p, 0, reg_width(named));
        } else {
            loc_read(fs, &l, dst);
        }
    }
    *dst_out = dst;
    return m;
}

static void compile_selector(FnState *fs, Node *e, int dst)
{
    switch (e->u.selector.kind) {
    case SEL_PACKAGE: {
        Symbol *s = e->u.selector.sym;
        if (s && s->kind == SYM_FUNC) {
            Func *fn = compile_func_for_sym(fs->c, s);
            emit(fs, OP_LOADK, dst, emit_const_ptr(fs, vm_func_closure(fn)));
            return;
        }
        if (s && s->kind == SYM_VAR) {
            Loc l = var_loc(fs, s);
            loc_read(fs, &l, dst);
            return;
        }
        break;
    }
    case SEL_FIELD: {
        Loc l;
        loc_of(fs, e, &l);
        loc_read(fs, &l, dst);
        return;
    }
    case SEL_METHOD: {
        int r;
        const Method *m = method_receiver(fs, e, &r);
        if (!m) return;
        emit(fs, OP_METHVAL, dst, r, emit_const_ptr(fs, m->fn));
        return;
    }
    case SEL_IFACEMETHOD: {
        int x = expr(fs, e->u.selector.x);
        emit(fs, OP_IMETHVAL, dst, x, emit_const_ptr(fs, e->u.selector.sel->u.ident.name));
        return;
    }
    case SEL_METHODEXPR: {
        /* the method set entry of T or *T (a promoted one is a wrapper
         * taking T or *T itself) */
        Type *rt = e->u.selector.x->type;
        const char *name = e->u.selector.sel->u.ident.name;
        if (rt->underlying->kind == KIND_INTERFACE) {
            /* I.M: a function taking the interface value first */
            Func *th = compile_method_thunk(fs->c, rt, name, NULL);
            emit(fs, OP_LOADK, dst, emit_const_ptr(fs, vm_func_closure(th)));
            return;
        }
        const Method *m = type_method(rt, name);
        if (!m || !m->fn) m = method_of(rt, name);
        bool rptr = rt->kind == KIND_POINTER && !rt->name;
        if (m && m->fn && rptr && !m->ptrrecv) {
            /* (*T).M of a value method: dereference, then call */
            Func *th = compile_method_thunk(fs->c, rt, name, m);
            emit(fs, OP_LOADK, dst, emit_const_ptr(fs, vm_func_closure(th)));
            return;
        }
        if (!m || !m->fn || m->ptrrecv != rptr) {
            emit_error(fs, e, "not supported yet: this method expression");
            return;
        }
        emit(fs, OP_LOADK, dst, emit_const_ptr(fs, vm_func_closure(m->fn)));
        return;
    }
    default: break;
    }
    emit_error(fs, e, "not supported yet: this selector");
}

/* The []byte operand of a conversion string(b), or NULL. */
static Node *bytes_to_string_arg(Node *e)
{
    Node *k = unparen(e);
    if (k->kind != AST_CALL || k->u.call.kind != CALL_CONVERSION || (k->mode == MODE_CONST && k->cv) ||
        !k->type || k->type->underlying->kind != KIND_STRING || k->u.call.args.len != 1)
        return NULL;
    Node *x = k->u.call.args.items[0];
    Type *xt = ctype(x->type);
    if (!xt || xt->underlying->kind != KIND_SLICE ||
        xt->underlying->elem->underlying->kind != KIND_UINT8 || is_nil(x))
        return NULL;
    return x;
}

/* string(b) as a string sharing b's bytes (CVT BYTES2STMP), in a new
 * register pair: only for a value used at once and never kept. */
static int bytes_borrowed(FnState *fs, Node *x)
{
    int b = expr(fs, x);
    int r = reg_alloc(fs, 2);
    emit(fs, OP_CVT, r, b, CVT_BYTES2STMP);
    return r;
}

int map_key_reg(FnState *fs, Node *key, Type *kt, bool *borrowed)
{
    Node *x = kt->underlying->kind == KIND_STRING ? bytes_to_string_arg(key) : NULL;
    *borrowed = x != NULL;
    return x ? bytes_borrowed(fs, x) : expr_as_reg(fs, key, kt);
}

static void compile_index(FnState *fs, Node *e, int dst)
{
    Node *x = e->u.index.x;
    Type *xt = x->type->underlying;
    if (xt->kind == KIND_MAP) {
        int m = expr(fs, x);
        bool borrowed;
        int k = map_key_reg(fs, e->u.index.index, xt->key, &borrowed);
        emit(fs, OP_MAPGET, dst, m, k, emit_const_ptr(fs, xt), -1);
        return;
    }
    if (xt->kind == KIND_STRING) {
        int s = expr(fs, x);
        int i = expr_as_reg(fs, e->u.index.index, type_basic[KIND_INT]);
        emit(fs, OP_SIDX, dst, s, i);
        return;
    }
    if (xt->kind == KIND_SLICE && e->type->size == 8 && reg_width(e->type) == 8) {
        int sl = expr(fs, x);
        int i = expr_as_reg(fs, e->u.index.index, type_basic[KIND_INT]);
        emit(fs, OP_SLOAD64, dst, sl, i);
        return;
    }
    /* an array element of a scalar type (a lookup table such as
     * comp[c]): the IDXADDRA + LOAD pair in one instruction, with the
     * same checks in the same order */
    int aw = reg_width(e->type);
    bool scalar = (aw == 1 || aw == -1 || aw == 2 || aw == -2 || aw == 4 || aw == -4 || aw == 8) &&
                  e->type->kind != KIND_ARRAY && e->type->kind != KIND_STRUCT;
    if (scalar && xt->kind == KIND_POINTER && xt->elem->underlying->kind == KIND_ARRAY &&
        xt->elem->underlying->len <= INT32_MAX) {
        int p0 = expr(fs, x);
        int i = expr_as_reg(fs, e->u.index.index, type_basic[KIND_INT]);
        emit(fs, OP_IDXLOADA, dst, p0, i, aw, emit_imm(fs, (uint64_t)xt->elem->underlying->len));
        return;
    }
    int64_t ci;
    Node *ux = unparen(x);
    /* only for a named array or a field of a named value, whose place
     * costs no code when it turns out to live in registers (the general
     * path below then finds it again) */
    bool named = ux->kind == AST_IDENT ||
                 (ux->kind == AST_SELECTOR && unparen(ux->u.selector.x)->kind == AST_IDENT);
    if (scalar && named && xt->kind == KIND_ARRAY && xt->len <= INT32_MAX &&
        !const_index(e->u.index.index, &ci)) {
        Loc l;
        if (loc_of(fs, x, &l) && l.kind == LOC_MEM) {
            int base = l.reg;
            if (l.off) {
                base = reg_alloc(fs, 1);
                emit(fs, OP_ADDR, base, l.reg, l.off);
            }
            int i = expr_as_reg(fs, e->u.index.index, type_basic[KIND_INT]);
            emit(fs, OP_IDXLOADA, dst, base, i, aw, emit_imm(fs, (uint64_t)xt->len));
            return;
        }
    }
    if (xt->kind == KIND_SLICE && reg_width(e->type) == 1) {
        /* []byte (and []bool) elements: one fused, zero-extending load */
        int sl = expr(fs, x);
        int i = expr_as_reg(fs, e->u.index.index, type_basic[KIND_INT]);
        emit(fs, OP_SLOAD8, dst, sl, i);
        return;
    }
    Loc l;
    if (!loc_of(fs, e, &l)) {
        emit_error(fs, e, "not supported yet: this index expression");
        return;
    }
    loc_read(fs, &l, dst);
}

static void compile_slice(FnState *fs, Node *e, int dst)
{
    Node *x = e->u.sliceexpr.x;
    Type *xt = x->type->underlying;
    int src, mode = SLICE_SLICE;
    int64_t es = 1;
    if (xt->kind == KIND_STRING) {
        src = expr(fs, x);
        mode = SLICE_STRING;
    } else if (xt->kind == KIND_SLICE) {
        src = expr(fs, x);
        es = xt->elem->size;
    } else {
        Type *at;
        src = reg_alloc(fs, 3);
        if (xt->kind == KIND_POINTER) {
            at = xt->elem->underlying;
            expr_to(fs, x, src);
            mode = SLICE_ARRAY;
        } else {
            at = xt;
            Loc l;
            if (!loc_of(fs, x, &l) || l.kind != LOC_MEM) {
                emit_error(fs, e, "not supported yet: slicing an unaddressable array");
                return;
            }
            emit(fs, OP_ADDR, src, l.reg, l.off);
            mode = SLICE_ARRAY; /* bounds messages say "with length" */
        }
        emit_load_int(fs, src + 1, at->len);
        emit_load_int(fs, src + 2, at->len);
        es = at->elem->size;
    }
    int lo = -1, hi = -1, mx = -1;
    if (e->u.sliceexpr.low) lo = expr_as_reg(fs, e->u.sliceexpr.low, type_basic[KIND_INT]);
    if (e->u.sliceexpr.high) hi = expr_as_reg(fs, e->u.sliceexpr.high, type_basic[KIND_INT]);
    if (e->u.sliceexpr.max) mx = expr_as_reg(fs, e->u.sliceexpr.max, type_basic[KIND_INT]);
    emit(fs, OP_SLICE, dst, src, lo, hi, mx, (int)es, mode);
}

/* ---- operators ---- */

/* Multiply-add: whether e is a product x*y of type t that MADD/MSUB
 * (integers) or MADDF/MSUBF (float64) can take. An integer product with a
 * constant factor stays a MULI (an immediate is cheaper than loading the
 * constant for the fused form). */
bool mul_fusable(Node *e, Type *t)
{
    e = unparen(e);
    if (!e || !t || e->kind != AST_BINARY || e->u.binary.op != TOK_MUL || e->mode == MODE_CONST ||
        ctype(e->type) != t)
        return false;
    TypeKind k = t->underlying->kind;
    if (kind_is_integer(k))
        return e->u.binary.x->mode != MODE_CONST && e->u.binary.y->mode != MODE_CONST;
    return k == KIND_FLOAT64 || k == KIND_COMPLEX128;
}

/* Evaluates the factors of a product mul_fusable accepted into registers. */
void mul_operands(FnState *fs, Node *e, Type *t, int *b, int *c)
{
    e = unparen(e);
    *b = expr_as_reg(fs, e->u.binary.x, t);
    *c = expr_as_reg(fs, e->u.binary.y, t);
}

/* dst := z + b*c (op TOK_ADD) or z - b*c (TOK_SUB) of type t, for the
 * operands expr_mul_operands gave. */
void emit_muladd(FnState *fs, Token op, Type *t, int dst, int b, int c, int z)
{
    Type *u = t->underlying;
    if (u->kind == KIND_FLOAT64) {
        emit(fs, op == TOK_ADD ? OP_MADDF : OP_MSUBF, dst, b, c, z);
        return;
    }
    if (u->kind == KIND_COMPLEX128) {
        emit(fs, op == TOK_ADD ? OP_MADDC : OP_MSUBC, dst, b, c, z);
        return;
    }
    emit(fs, op == TOK_ADD ? OP_MADD : OP_MSUB, dst, b, c, z);
    if (u->size < 8) emit(fs, OP_NORM, dst, dst, u->kind);
}

void emit_binop(FnState *fs, Token op, Type *t, int dst, int x, int y, Type *ytype, Node *at)
{
    Type *u = t->underlying;
    TypeKind k = u->kind;
    if (k == KIND_STRING) {
        if (op == TOK_ADD) {
            emit(fs, OP_CONCAT, dst, x, y);
            return;
        }
    } else if (k == KIND_FLOAT64) {
        Opcode o = op == TOK_ADD ? OP_ADDF : op == TOK_SUB ? OP_SUBF : op == TOK_MUL ? OP_MULF : OP_DIVF;
        emit(fs, o, dst, x, y);
        return;
    } else if (k == KIND_FLOAT32) {
        Opcode o = op == TOK_ADD ? OP_ADDF32 : op == TOK_SUB ? OP_SUBF32 : op == TOK_MUL ? OP_MULF32 : OP_DIVF32;
        emit(fs, o, dst, x, y);
        return;
    } else if (k == KIND_COMPLEX128) {
        Opcode o = op == TOK_ADD ? OP_ADDC : op == TOK_SUB ? OP_SUBC : op == TOK_MUL ? OP_MULC : OP_DIVC;
        emit(fs, o, dst, x, y);
        return;
    } else if (k == KIND_COMPLEX64) {
        int code = op == TOK_ADD ? C64_ADD : op == TOK_SUB ? C64_SUB : op == TOK_MUL ? C64_MUL : C64_DIV;
        emit(fs, OP_CPLX64, dst, x, y, code);
        return;
    } else if (kind_is_integer(k)) {
        bool uns = kind_is_unsigned(k);
        Opcode o;
        bool norm = u->size < 8;
        switch (op) {
        case TOK_ADD: o = OP_ADD; break;
        case TOK_SUB: o = OP_SUB; break;
        case TOK_MUL: o = OP_MUL; break;
        case TOK_QUO: o = uns ? OP_DIVU : OP_DIV; break;
        case TOK_REM: o = uns ? OP_REMU : OP_REM; break;
        case TOK_AND: o = OP_AND; norm = false; break;
        case TOK_OR: o = OP_OR; norm = false; break;
        case TOK_XOR: o = OP_XOR; break;
        case TOK_AND_NOT: o = OP_ANDNOT; break;
        case TOK_SHL:
        case TOK_SHR:
            if (ytype && !kind_is_unsigned(ytype->underlying->kind) && ytype->kind != KIND_UNTYPED_INT)
                emit(fs, OP_CHKSHIFT, y);
            o = op == TOK_SHL ? OP_SHL : uns ? OP_SHRU : OP_SHR;
            if (op == TOK_SHR) norm = false;
            break;
        default: o = OP_NOP; break;
        }
        if (o == OP_NOP) {
            emit_error(fs, at, "not supported yet: operator %s", token_string(op));
            return;
        }
        if (uns && (o == OP_SHL || o == OP_SHRU) && u->size < 8) {
            /* the value is zero-extended already; shifting right keeps it so */
        }
        emit(fs, o, dst, x, y);
        if (norm) emit(fs, OP_NORM, dst, dst, k);
        return;
    }
    emit_error(fs, at, "not supported yet: operator %s on %s", token_string(op), type_kind_name(k));
}

/* Compares x (type xt, in registers) with y (another operand), into dst,
 * for == (neg false) or != (neg true). */
static void emit_eq(FnState *fs, int dst, int x, Type *xt, int y, Type *yt, bool neg, Node *at)
{
    Type *u = xt->underlying;
    switch (u->kind) {
    case KIND_STRING: emit(fs, neg ? OP_NES : OP_EQS, dst, x, y); return;
    case KIND_FLOAT64: emit(fs, neg ? OP_NEF : OP_EQF, dst, x, y); return;
    case KIND_FLOAT32: emit(fs, neg ? OP_NEF32 : OP_EQF32, dst, x, y); return;
    case KIND_INTERFACE:
        emit(fs, OP_EQI, dst, x, y);
        if (neg) emit(fs, OP_NOT, dst, dst);
        return;
    case KIND_STRUCT:
    case KIND_ARRAY:
        emit(fs, OP_EQV, dst, x, y, emit_const_ptr(fs, xt));
        if (neg) emit(fs, OP_NOT, dst, dst);
        return;
    case KIND_COMPLEX64: emit(fs, OP_CPLX64, dst, x, y, neg ? C64_NE : C64_EQ); return;
    case KIND_COMPLEX128: emit(fs, neg ? OP_NEC : OP_EQC, dst, x, y); return;
    default: emit(fs, neg ? OP_NE : OP_EQ, dst, x, y); return;
    }
}

/* Evaluates both operands of a comparison at a common type. */
static Type *cmp_operands(FnState *fs, Node *a, Node *b, int *x, int *y)
{
    Type *at = ctype(a->type), *bt = ctype(b->type);
    if (is_nil(a)) {
        Type *t = bt;
        *y = expr(fs, b);
        *x = reg_alloc(fs, slots(t));
        emit_zero(fs, *x, t);
        return t;
    }
    if (is_nil(b)) {
        Type *t = at;
        *x = expr(fs, a);
        *y = reg_alloc(fs, slots(t));
        emit_zero(fs, *y, t);
        return t;
    }
    Type *t = at;
    if (at->kind == KIND_INTERFACE && bt->kind != KIND_INTERFACE) t = at;
    else if (bt->kind == KIND_INTERFACE && at->kind != KIND_INTERFACE) t = bt;
    else if (a->mode == MODE_CONST && b->mode != MODE_CONST) t = bt;
    /* string(b) compared with a string needs no copy of b, as in Go: the
     * bytes are read when compared, so a call on the other side that
     * changes b is seen, which is also Go's order (it runs calls first) */
    Node *ab = NULL, *bb = NULL;
    if (t->underlying->kind == KIND_STRING && at->underlying->kind == KIND_STRING &&
        bt->underlying->kind == KIND_STRING) {
        ab = bytes_to_string_arg(a);
        bb = bytes_to_string_arg(b);
    }
    *x = ab ? bytes_borrowed(fs, ab) : expr_as_reg(fs, a, t);
    *y = bb ? bytes_borrowed(fs, bb) : expr_as_reg(fs, b, t);
    return t;
}

void emit_compare_eq(FnState *fs, int dst, int x, Type *xt, Node *y)
{
    Type *yt = ctype(y->type);
    if (is_nil(y)) {
        int z = reg_alloc(fs, slots(xt));
        emit_zero(fs, z, xt);
        emit_eq(fs, dst, x, xt, z, xt, false, y);
        return;
    }
    if (xt->kind == KIND_INTERFACE || yt->kind != KIND_INTERFACE) {
        int r = expr_as_reg(fs, y, xt);
        emit_eq(fs, dst, x, xt, r, xt, false, y);
        return;
    }
    /* concrete tag, interface case */
    int xi = reg_alloc(fs, 2);
    convert_value(fs, xt, yt, x, xi);
    int r = expr(fs, y);
    emit_eq(fs, dst, xi, yt, r, yt, false, y);
}

static void compile_compare(FnState *fs, Node *e, int dst)
{
    Token op = e->u.binary.op;
    int x, y;
    Type *t = cmp_operands(fs, e->u.binary.x, e->u.binary.y, &x, &y);
    if (op == TOK_EQL || op == TOK_NEQ) {
        emit_eq(fs, dst, x, t, y, t, op == TOK_NEQ, e);
        return;
    }
    Type *u = t->underlying;
    bool swap = op == TOK_GTR || op == TOK_GEQ;
    bool le = op == TOK_LEQ || op == TOK_GEQ;
    int a = swap ? y : x, b = swap ? x : y;
    Opcode o;
    if (u->kind == KIND_STRING) o = le ? OP_LES : OP_LTS;
    else if (u->kind == KIND_FLOAT64) o = le ? OP_LEF : OP_LTF;
    else if (u->kind == KIND_FLOAT32) o = le ? OP_LEF32 : OP_LTF32;
    else if (kind_is_unsigned(u->kind)) o = le ? OP_LEU : OP_LTU;
    else o = le ? OP_LE : OP_LT;
    emit(fs, o, dst, a, b);
}

static void compile_binary(FnState *fs, Node *e, int dst)
{
    Token op = e->u.binary.op;
    if (op == TOK_LAND || op == TOK_LOR) {
        /* in a temporary: dst may be a variable the right side reads */
        int t = reg_alloc(fs, 1);
        expr_to(fs, e->u.binary.x, t);
        int j = emit(fs, op == TOK_LAND ? OP_JF : OP_JT, t, 0);
        expr_to(fs, e->u.binary.y, t);
        emit_patch(fs, j, 1, emit_here(fs));
        emit(fs, OP_MOV, dst, t);
        return;
    }
    if (op == TOK_EQL || op == TOK_NEQ || op == TOK_LSS || op == TOK_LEQ || op == TOK_GTR ||
        op == TOK_GEQ) {
        compile_compare(fs, e, dst);
        return;
    }
    Type *t = ctype(e->type);
    int x, y;
    Type *yt;
    if (op == TOK_SHL || op == TOK_SHR) {
        x = expr_as_reg(fs, e->u.binary.x, t);
        Node *yn = e->u.binary.y;
        yt = ctype(yn->type);
        if (kind_is_integer(t->underlying->kind) && yn->mode == MODE_CONST && yn->cv &&
            yn->cv->kind == CONST_INT && yn->cv->i >= 0 && yn->cv->i <= 1000) {
            /* constant shift count: immediate form */
            bool uns = kind_is_unsigned(t->underlying->kind);
            Opcode o = op == TOK_SHL ? OP_SHLI : uns ? OP_SHRUI : OP_SHRI;
            emit(fs, o, dst, x, (int)yn->cv->i);
            if (op == TOK_SHL && t->underlying->size < 8) emit(fs, OP_NORM, dst, dst, t->underlying->kind);
            return;
        }
        if (yn->mode == MODE_CONST && yt && kind_is_untyped(yn->type->kind)) yt = type_basic[KIND_UINT];
        y = reg_alloc(fs, 1);
        expr_as(fs, yn, yt, y);
    } else {
        Node *yn = e->u.binary.y;
        /* x + c, x - c on integers: one ADDI */
        if ((op == TOK_ADD || op == TOK_SUB) && kind_is_integer(t->underlying->kind) &&
            yn->mode == MODE_CONST && yn->cv && yn->cv->kind == CONST_INT &&
            yn->cv->i > -1000000 && yn->cv->i < 1000000) {
            x = expr_as_reg(fs, e->u.binary.x, t);
            int64_t c = (int64_t)yn->cv->i;
            emit(fs, OP_ADDI, dst, x, (int)(op == TOK_ADD ? c : -c));
            if (t->underlying->size < 8) emit(fs, OP_NORM, dst, dst, t->underlying->kind);
            return;
        }
        /* x + y*z, x - y*z, y*z + x: one multiply-add, the operands
         * evaluated in source order */
        if (op == TOK_ADD || op == TOK_SUB) {
            Node *xn = e->u.binary.x;
            int b, c, z;
            if (mul_fusable(yn, t)) {
                z = expr_as_reg(fs, xn, t);
                mul_operands(fs, yn, t, &b, &c);
                emit_muladd(fs, op, t, dst, b, c, z);
                return;
            }
            if (op == TOK_ADD && mul_fusable(xn, t)) {
                mul_operands(fs, xn, t, &b, &c);
                z = expr_as_reg(fs, yn, t);
                emit_muladd(fs, op, t, dst, b, c, z);
                return;
            }
        }
        /* float64 x op c, c op x: the constant straight from the table */
        if (t->underlying->kind == KIND_FLOAT64 &&
            (op == TOK_ADD || op == TOK_SUB || op == TOK_MUL || op == TOK_QUO)) {
            Node *xn = e->u.binary.x;
            bool yc = yn->mode == MODE_CONST && yn->cv, xc = xn->mode == MODE_CONST && xn->cv;
            if (yc != xc) {
                /* x + c == c + x and x * c == c * x exactly (a constant is
                 * never NaN) */
                static const Opcode reg_k[] = {OP_ADDFK, OP_SUBFK, OP_MULFK, OP_DIVFK};
                static const Opcode k_reg[] = {OP_ADDFK, OP_SUBKF, OP_MULFK, OP_DIVKF};
                int i = op == TOK_ADD ? 0 : op == TOK_SUB ? 1 : op == TOK_MUL ? 2 : 3;
                x = expr_as_reg(fs, yc ? xn : yn, t);
                emit(fs, yc ? reg_k[i] : k_reg[i], dst, x, float64_const(fs, yc ? yn : xn));
                return;
            }
        }
        /* x op c with a small integer constant: immediate forms */
        if (kind_is_integer(t->underlying->kind) && yn->mode == MODE_CONST && yn->cv &&
            yn->cv->kind == CONST_INT && yn->cv->i >= INT32_MIN && yn->cv->i <= INT32_MAX &&
            yn->cv->i != 0) {
            bool uns = kind_is_unsigned(t->underlying->kind);
            int64_t c = (int64_t)yn->cv->i;
            Opcode o = OP_NOP;
            bool norm = t->underlying->size < 8;
            if ((op == TOK_QUO || op == TOK_REM) && c > 1 && (c & (c - 1)) == 0) {
                /* by a power of two: shifts and masks, no divide (the
                 * result is in range: no NORM) */
                int k = __builtin_ctzll((unsigned long long)c);
                x = expr_as_reg(fs, e->u.binary.x, t);
                if (uns && op == TOK_QUO) emit(fs, OP_SHRUI, dst, x, k);
                else if (uns) emit(fs, OP_ANDI, dst, x, (int)(c - 1));
                else emit(fs, op == TOK_QUO ? OP_DIVPI : OP_REMPI, dst, x, k);
                return;
            }
            switch (op) {
            case TOK_MUL: o = OP_MULI; break;
            case TOK_QUO: o = uns ? (c > 0 ? OP_DIVUI : OP_NOP) : OP_DIVI; break;
            case TOK_REM: o = uns ? (c > 0 ? OP_REMUI : OP_NOP) : OP_REMI; break;
            case TOK_AND: o = OP_ANDI; norm = false; break;
            case TOK_OR: o = OP_ORI; norm = false; break;
            case TOK_XOR: o = OP_XORI; break;
            default: break;
            }
            /* unsigned operands above int32 range do not fit the immediate */
            if (o != OP_NOP && !(uns && (c < 0 || (o != OP_DIVUI && o != OP_REMUI && c > INT32_MAX)))) {
                x = expr_as_reg(fs, e->u.binary.x, t);
                emit(fs, o, dst, x, (int)c);
                if (norm) emit(fs, OP_NORM, dst, dst, t->underlying->kind);
                return;
            }
        }
        x = expr_as_reg(fs, e->u.binary.x, t);
        y = expr_as_reg(fs, e->u.binary.y, t);
        yt = t;
    }
    emit_binop(fs, op, t, dst, x, y, yt, e);
}

static void compile_unary(FnState *fs, Node *e, int dst)
{
    Token op = e->u.unary.op;
    Node *x = e->u.unary.x;
    Type *t = ctype(e->type);
    switch (op) {
    case TOK_ADD: expr_to(fs, x, dst); return;
    case TOK_SUB: {
        int r = expr_as_reg(fs, x, t);
        Type *u = t->underlying;
        if (u->kind == KIND_FLOAT64) emit(fs, OP_NEGF, dst, r);
        else if (u->kind == KIND_FLOAT32) emit(fs, OP_NEGF32, dst, r);
        else if (u->kind == KIND_COMPLEX128) emit(fs, OP_NEGC, dst, r);
        else if (u->kind == KIND_COMPLEX64) emit(fs, OP_CPLX64, dst, r, r, C64_NEG);
        else {
            emit(fs, OP_NEG, dst, r);
            if (u->size < 8) emit(fs, OP_NORM, dst, dst, u->kind);
        }
        return;
    }
    case TOK_XOR: {
        int r = expr_as_reg(fs, x, t);
        emit(fs, OP_BNOT, dst, r);
        if (t->underlying->size < 8) emit(fs, OP_NORM, dst, dst, t->underlying->kind);
        return;
    }
    case TOK_NOT: {
        int r = expr(fs, x);
        emit(fs, OP_NOT, dst, r);
        return;
    }
    case TOK_ARROW: {
        int ch = expr(fs, x);
        emit(fs, OP_RECV, dst, ch, -1);
        emit_norm_mem(fs, dst, t);
        return;
    }
    case TOK_AND: {
        Node *ux = unparen(x);
        if (ux->kind == AST_COMPOSITELIT && ux->type) {
            /* &T{...}: the new object is the result (never nil, so no
             * ADDR and its nil check); &T{} needs no store, as NEW zeroes */
            Type *lt = ux->type;
            int v = -1;
            if (ux->u.compositelit.elts.len) {
                v = reg_alloc(fs, slots(lt));
                expr_to(fs, ux, v);
            }
            emit(fs, OP_NEW, dst, emit_const_ptr(fs, lt));
            if (v >= 0) emit(fs, OP_STORE, dst, 0, v, emit_imm(fs, lt->size));
            return;
        }
        Loc l;
        if (!loc_of(fs, ux, &l)) {
            emit_error(fs, e, "not supported yet: taking this address");
            return;
        }
        if (l.kind != LOC_MEM) {
            emit_error(fs, e, "not supported yet: address of a register variable");
            return;
        }
        emit(fs, OP_ADDR, dst, l.reg, l.off);
        return;
    }
    default: emit_error(fs, e, "not supported yet: unary %s", token_string(op));
    }
}

static int jump_operand(FnState *fs, int pc)
{
    return emit_jump_operand(fs->code[pc]);
}

/* Joins two chains of unpatched jumps (an unpatched target holds the
 * previous jump's pc + 1, 0 ending the chain): the first jump of chain b
 * is linked to the last of chain a. Returns the joined chain. */
static int cond_chain(FnState *fs, int a, int b)
{
    if (a < 0) return b;
    if (b < 0) return a;
    int first = b;
    for (;;) {
        uint32_t t = fs->code[first + 1 + jump_operand(fs, first)];
        if (t == 0) break;
        first = (int)t - 1;
    }
    fs->code[first + 1 + jump_operand(fs, first)] = (uint32_t)a + 1;
    return b;
}

void cond_patch(FnState *fs, int patch, int target)
{
    while (patch >= 0) {
        uint32_t *t = &fs->code[patch + 1 + jump_operand(fs, patch)];
        int prev = (int)*t - 1;
        *t = (uint32_t)target;
        patch = prev;
    }
}

void cond_jump(FnState *fs, Node *e, bool when, int *patch)
{
    Node *u = unparen(e);
    if (u->kind == AST_UNARY && u->u.unary.op == TOK_NOT) {
        cond_jump(fs, u->u.unary.x, !when, patch);
        return;
    }
    /* a && b, a || b: jumps straight to where the whole condition goes,
     * without materialising the boolean (Go's short-circuit order) */
    if (u->kind == AST_BINARY && u->mode != MODE_CONST &&
        (u->u.binary.op == TOK_LAND || u->u.binary.op == TOK_LOR)) {
        /* jumping when true of a || b (or when false of a && b): either
         * operand alone decides, both jump to the target */
        bool either = (u->u.binary.op == TOK_LOR) == when;
        int a = -1, b = -1;
        if (either) {
            cond_jump(fs, u->u.binary.x, when, &a);
            cond_jump(fs, u->u.binary.y, when, &b);
            *patch = cond_chain(fs, a, b);
            return;
        }
        /* otherwise a decides only the opposite way: past the test */
        cond_jump(fs, u->u.binary.x, !when, &a);
        cond_jump(fs, u->u.binary.y, when, &b);
        cond_patch(fs, a, emit_here(fs));
        *patch = b;
        return;
    }
    int save = fs->nreg;
    /* integer comparisons: one fused compare-and-jump */
    if (u->kind == AST_BINARY && u->mode != MODE_CONST) {
        Token op = u->u.binary.op;
        Node *a = u->u.binary.x, *b = u->u.binary.y;
        Type *at = ctype(a->type), *bt = ctype(b->type);
        bool cmp = op == TOK_EQL || op == TOK_NEQ || op == TOK_LSS || op == TOK_LEQ ||
                   op == TOK_GTR || op == TOK_GEQ;
        if (cmp && at && bt && !is_nil(a) && !is_nil(b) && kind_is_integer(at->underlying->kind) &&
            kind_is_integer(bt->underlying->kind)) {
            Type *t = a->mode == MODE_CONST ? bt : at;
            bool uns = kind_is_unsigned(t->underlying->kind);
            /* the condition under which we jump */
            Token jop = op;
            if (!when) {
                switch (op) {
                case TOK_EQL: jop = TOK_NEQ; break;
                case TOK_NEQ: jop = TOK_EQL; break;
                case TOK_LSS: jop = TOK_GEQ; break;
                case TOK_LEQ: jop = TOK_GTR; break;
                case TOK_GTR: jop = TOK_LEQ; break;
                default: jop = TOK_LSS; break;
                }
            }
            int x = expr_as_reg(fs, a, t);
            /* against a constant: the immediate forms compare signed, which
             * is also right for an unsigned operand when its registers are
             * zero-extended below 2^63 (uint8/16/32) or the test is == / !=,
             * as long as the constant is not negative */
            bool imm_ok = !uns || ((jop == TOK_EQL || jop == TOK_NEQ || t->underlying->size < 8) &&
                                   b->mode == MODE_CONST && b->cv && b->cv->kind == CONST_INT &&
                                   b->cv->i >= 0);
            if (imm_ok && b->mode == MODE_CONST && b->cv && b->cv->kind == CONST_INT &&
                b->cv->i >= INT32_MIN && b->cv->i <= INT32_MAX) {
                int k = (int)b->cv->i;
                Opcode o = jop == TOK_EQL ? OP_JEQI : jop == TOK_NEQ ? OP_JNEI : jop == TOK_LSS ? OP_JLTI
                         : jop == TOK_LEQ ? OP_JLEI : jop == TOK_GTR ? OP_JGTI : OP_JGEI;
                *patch = emit(fs, o, x, k, 0);
                fs->nreg = save;
                return;
            }
            int y = expr_as_reg(fs, b, t);
            Opcode o;
            int p = x, q = y;
            switch (jop) {
            case TOK_EQL: o = OP_JEQ; break;
            case TOK_NEQ: o = OP_JNE; break;
            case TOK_LSS: o = uns ? OP_JLTU : OP_JLT; break;
            case TOK_LEQ: o = uns ? OP_JLEU : OP_JLE; break;
            case TOK_GTR: o = uns ? OP_JLTU : OP_JLT; p = y; q = x; break;
            default: o = uns ? OP_JLEU : OP_JLE; p = y; q = x; break;
            }
            *patch = emit(fs, o, p, q, 0);
            fs->nreg = save;
            return;
        }
    }
    /* float64 orderings: one compare-and-jump too; a false condition
     * jumps on !(p < q), never on q <= p, so that NaN compares false */
    if (u->kind == AST_BINARY && u->mode != MODE_CONST) {
        Token op = u->u.binary.op;
        Node *a = u->u.binary.x, *b = u->u.binary.y;
        Type *at = ctype(a->type), *bt = ctype(b->type);
        if ((op == TOK_LSS || op == TOK_LEQ || op == TOK_GTR || op == TOK_GEQ) && at && bt &&
            at->underlying->kind == KIND_FLOAT64 && bt->underlying->kind == KIND_FLOAT64) {
            Type *t = a->mode == MODE_CONST ? bt : at;
            int x = expr_as_reg(fs, a, t);
            int y = expr_as_reg(fs, b, t);
            bool swap = op == TOK_GTR || op == TOK_GEQ; /* a > b is b < a */
            bool le = op == TOK_LEQ || op == TOK_GEQ;
            Opcode o = when ? (le ? OP_JLEF : OP_JLTF) : (le ? OP_JNLEF : OP_JNLTF);
            *patch = emit(fs, o, swap ? y : x, swap ? x : y, 0);
            fs->nreg = save;
            return;
        }
    }
    /* x == nil, x != nil on a pointer, map, chan, func or slice: its
     * first slot against zero, as emit_eq compares it, in one jump; on an
     * interface (err != nil) the first slot is the dynamic type, nil only
     * for a nil interface */
    if (u->kind == AST_BINARY && (u->u.binary.op == TOK_EQL || u->u.binary.op == TOK_NEQ) &&
        is_nil(u->u.binary.x) != is_nil(u->u.binary.y)) {
        Node *v = is_nil(u->u.binary.y) ? u->u.binary.x : u->u.binary.y;
        Type *vt = ctype(v->type);
        int k = vt ? vt->underlying->kind : KIND_INTERFACE;
        if (k == KIND_POINTER || k == KIND_MAP || k == KIND_CHAN || k == KIND_FUNC || k == KIND_SLICE ||
            k == KIND_INTERFACE) {
            int x = expr(fs, v);
            bool jeq = (u->u.binary.op == TOK_EQL) == when;
            *patch = emit(fs, jeq ? OP_JEQI : OP_JNEI, x, 0, 0);
            fs->nreg = save;
            return;
        }
    }
    int r = expr(fs, e);
    *patch = emit(fs, when ? OP_JT : OP_JF, r, 0);
    fs->nreg = save;
}

