/* compile_stmt.c — statements: assignments (with Go's two-phase order),
 * declarations, return, branches, and the control flow of if, for, range,
 * switch, type switch and select.
 *
 * Control flow is forward jumps patched when their target is known;
 * break/continue targets are the Loop records of compile_priv.h. It never
 * evaluates an expression itself: compile_expr.c does.
 */
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/map.h"
#include "compile_priv.h"


static void compile_stmt(FnState *fs, Node *s);

void compile_block(FnState *fs, NodeList *stmts)
{
    int save_local = fs->nlocal, save_reg = fs->nreg;
    for (int i = 0; i < stmts->len; i++) compile_stmt(fs, stmts->items[i]);
    fs->nlocal = save_local;
    fs->nreg = save_reg;
}

static void loop_add(int **arr, int *n, int *cap, int pc)
{
    compile_grow((void **)arr, cap, *n + 1, sizeof(int));
    (*arr)[(*n)++] = pc;
}

static Loop *loop_push(FnState *fs, Node *node, bool is_loop)
{
    Loop *l = GC_MALLOC(sizeof(Loop));
    l->prev = fs->loops;
    l->node = node;
    l->is_loop = is_loop;
    fs->loops = l;
    return l;
}

static void loop_pop(FnState *fs, Loop *l, int cont_target, int break_target)
{
    for (int i = 0; i < l->nbreaks; i++) emit_patch(fs, l->breaks[i], 0, break_target);
    for (int i = 0; i < l->nconts; i++) emit_patch(fs, l->conts[i], 0, cont_target);
    fs->loops = l->prev;
}

/* Assigns the value in src (of type srctype) to the expression lhs. */
void store_to_lhs(FnState *fs, Node *lhs, int src, Type *srctype)
{
    lhs = unparen(lhs);
    if (lhs->kind == AST_IDENT && !strcmp(lhs->u.ident.name, "_")) return;
    Type *lt = lhs->type;
    int v = src;
    if (lt && srctype && lt->kind == KIND_INTERFACE && srctype->kind != KIND_INTERFACE) {
        v = reg_alloc(fs, 2);
        convert_value(fs, srctype, lt, src, v);
    }
    if (lhs->kind == AST_INDEX && lhs->u.index.x->type &&
        lhs->u.index.x->type->underlying->kind == KIND_MAP) {
        Type *mt = lhs->u.index.x->type->underlying;
        int m = expr(fs, lhs->u.index.x);
        int k = expr_as_reg(fs, lhs->u.index.index, mt->key);
        emit(fs, OP_MAPSET, m, k, v, emit_const_ptr(fs, mt));
        return;
    }
    Loc l;
    if (!loc_of(fs, lhs, &l)) {
        emit_error(fs, lhs, "not supported yet: assignment to this expression");
        return;
    }
    loc_write(fs, &l, v);
}

/* A prepared left-hand side: its place computed, not yet written. */
typedef struct LVal {
    enum { LV_BLANK, LV_LOC, LV_MAP, LV_SLICE } kind;
    Loc loc;
    int m, k; /* map or slice registers, key or index register */
    Type *mt, *type;
} LVal;

/* Whether lhs is s[i] of a slice whose elements one fused store writes:
 * 8 bytes (SSTORE64) or a 1-byte integer or bool (SSTORE8). */
static bool lval_fused_slice(Node *lhs)
{
    lhs = unparen(lhs);
    if (lhs->kind != AST_INDEX || !lhs->u.index.x->type ||
        lhs->u.index.x->type->underlying->kind != KIND_SLICE || !lhs->type)
        return false;
    Type *et = lhs->type;
    return (et->size == 8 && et->kind != KIND_INTERFACE) ||
           (et->size == 1 && (kind_is_integer(et->kind) || et->kind == KIND_BOOL));
}

static void lval_prepare(FnState *fs, Node *lhs, LVal *lv)
{
    lhs = unparen(lhs);
    lv->type = lhs->type;
    if (lhs->kind == AST_IDENT && !strcmp(lhs->u.ident.name, "_")) {
        lv->kind = LV_BLANK;
        return;
    }
    if (lhs->kind == AST_INDEX && lhs->u.index.x->type &&
        lhs->u.index.x->type->underlying->kind == KIND_MAP) {
        Type *mt = lhs->u.index.x->type->underlying;
        lv->kind = LV_MAP;
        lv->mt = mt;
        lv->m = expr(fs, lhs->u.index.x);
        lv->k = expr_as_reg(fs, lhs->u.index.index, mt->key);
        return;
    }
    lv->kind = LV_LOC;
    bool save_copy = fs->loc_copy;
    fs->loc_copy = true;
    bool ok = loc_of(fs, lhs, &lv->loc);
    fs->loc_copy = save_copy;
    if (!ok) {
        emit_error(fs, lhs, "not supported yet: assignment to this expression");
        lv->kind = LV_BLANK;
    }
}

static void lval_store(FnState *fs, LVal *lv, int src, Type *srctype)
{
    if (lv->kind == LV_BLANK) return;
    int v = src;
    Type *lt = lv->type;
    if (lt && srctype && lt->kind == KIND_INTERFACE && srctype->kind != KIND_INTERFACE) {
        v = reg_alloc(fs, 2);
        convert_value(fs, srctype, lt, src, v);
    }
    if (lv->kind == LV_MAP) emit(fs, OP_MAPSET, lv->m, lv->k, v, emit_const_ptr(fs, lv->mt));
    else if (lv->kind == LV_SLICE) emit(fs, lt->size == 8 ? OP_SSTORE64 : OP_SSTORE8, lv->m, lv->k, v);
    else loc_write(fs, &lv->loc, v);
}

/* Declares (when new) or finds the variable named by ident for a := . */
static void define_or_assign(FnState *fs, Node *id, bool is_new, int src, Type *srctype)
{
    if (id->kind == AST_IDENT && !strcmp(id->u.ident.name, "_")) return;
    Symbol *s = id->u.ident.sym;
    if (is_new && s) {
        if (s->global) {
            store_to_lhs(fs, id, src, srctype);
            return;
        }
        /* the store below writes the whole value */
        var_declare_init(fs, s, false);
    }
    store_to_lhs(fs, id, src, srctype);
}

/* Evaluates the right-hand sides of an assignment into temporaries
 * converted to the left-hand types; handles tuple calls and comma-ok. */
static int eval_rhs(FnState *fs, NodeList *lhs, NodeList *rhs, int *regs, Type **types)
{
    if (rhs->len == 1 && lhs->len > 1) {
        Node *r = unparen(rhs->items[0]);
        if (r->type && r->type->kind == KIND_TUPLE) {
            int base = compile_call(fs, r);
            int off = 0;
            for (int i = 0; i < r->type->nresults; i++) {
                regs[i] = base + off;
                types[i] = r->type->results[i];
                off += slots(r->type->results[i]);
            }
            return r->type->nresults;
        }
        /* comma-ok forms */
        Node *vnode = r;
        Type *valtype = vnode->type;
        if (valtype && valtype->kind == KIND_TUPLE) valtype = valtype->results[0];
        int ok = reg_alloc(fs, 1);
        int v = -1;
        if (r->kind == AST_INDEX) {
            Type *mt = r->u.index.x->type->underlying;
            valtype = mt->elem;
            v = reg_alloc(fs, slots(valtype));
            int m = expr(fs, r->u.index.x);
            bool borrowed;
            int k = map_key_reg(fs, r->u.index.index, mt->key, &borrowed);
            emit(fs, OP_MAPGET, v, m, k, emit_const_ptr(fs, mt), ok);
        } else if (r->kind == AST_UNARY && r->u.unary.op == TOK_ARROW) {
            Type *ct = r->u.unary.x->type->underlying;
            valtype = ct->elem;
            v = reg_alloc(fs, slots(valtype));
            int ch = expr(fs, r->u.unary.x);
            emit(fs, OP_RECV, v, ch, ok);
            emit_norm_mem(fs, v, valtype);
        } else if (r->kind == AST_TYPEASSERT) {
            valtype = r->u.typeassert.type->type;
            v = reg_alloc(fs, slots(valtype));
            int x = expr(fs, r->u.typeassert.x);
            int k = emit_const_pair(fs, valtype, r->u.typeassert.x->type);
            emit(fs, OP_ASSERT, v, x, k, ok);
        } else {
            emit_error(fs, r, "not supported yet: this multi-value assignment");
            return 0;
        }
        regs[0] = v;
        types[0] = valtype;
        regs[1] = ok;
        types[1] = type_basic[KIND_BOOL];
        return 2;
    }
    for (int i = 0; i < rhs->len; i++) {
        Node *r = rhs->items[i];
        Type *lt = i < lhs->len ? lhs->items[i]->type : NULL;
        Node *l = i < lhs->len ? unparen(lhs->items[i]) : NULL;
        bool blank = l && l->kind == AST_IDENT && !strcmp(l->u.ident.name, "_");
        Type *t = (lt && !blank) ? lt : ctype(r->type);
        if (l && l->kind == AST_IDENT && l->u.ident.sym && l->u.ident.sym->type && !blank)
            t = l->u.ident.sym->type;
        if (!t || t->kind == KIND_UNTYPED_NIL) t = type_any;
        regs[i] = reg_alloc(fs, slots(t));
        expr_as(fs, r, t, regs[i]);
        types[i] = t;
    }
    return rhs->len;
}

static Token op_of_assign(Token t)
{
    switch (t) {
    case TOK_ADD_ASSIGN: return TOK_ADD;
    case TOK_SUB_ASSIGN: return TOK_SUB;
    case TOK_MUL_ASSIGN: return TOK_MUL;
    case TOK_QUO_ASSIGN: return TOK_QUO;
    case TOK_REM_ASSIGN: return TOK_REM;
    case TOK_AND_ASSIGN: return TOK_AND;
    case TOK_OR_ASSIGN: return TOK_OR;
    case TOK_XOR_ASSIGN: return TOK_XOR;
    case TOK_SHL_ASSIGN: return TOK_SHL;
    case TOK_SHR_ASSIGN: return TOK_SHR;
    case TOK_AND_NOT_ASSIGN: return TOK_AND_NOT;
    default: return TOK_ILLEGAL;
    }
}

/* v op= y in a register, or v op= mb*mc when mb >= 0 (a multiply-add). */
static void opassign_emit(FnState *fs, Token op, Type *t, int v, int y, Type *yt, Node *lhs,
                          int mb, int mc)
{
    if (mb >= 0) emit_muladd(fs, op, ctype(t), v, mb, mc, v);
    else emit_binop(fs, op, t, v, v, y, yt, lhs);
}

/* The right side of x op= rhs (rhs NULL: the constant imm of x++ / x--),
 * evaluated after the place's own operands as Go orders them: its value in
 * *y of type *yt, or, for x += y*z and x -= y*z, the factors in *mb, *mc
 * for one multiply-add (*mb >= 0). */
static void opassign_rhs(FnState *fs, Token op, Type *t, Node *rhs, int imm, int *y, Type **yt,
                         int *mb, int *mc)
{
    *mb = *mc = -1;
    if (rhs && (op == TOK_ADD || op == TOK_SUB) && mul_fusable(rhs, ctype(t))) {
        *yt = ctype(t);
        mul_operands(fs, rhs, *yt, mb, mc);
        *y = -1;
    } else if (rhs) {
        *yt = ctype(rhs->type);
        if (op == TOK_SHL || op == TOK_SHR) *y = expr(fs, rhs);
        else {
            *yt = t;
            *y = expr_as_reg(fs, rhs, t);
        }
    } else {
        *yt = t;
        *y = reg_alloc(fs, slots(t));
        TypeKind tk = t->underlying->kind;
        if (kind_is_complex(tk)) {
            /* x++ on a complex: adds imm + 0i */
            Slot re, im;
            re.u = im.u = 0;
            if (tk == KIND_COMPLEX64) {
                float p[2] = {(float)imm, 0};
                memcpy(&re, p, sizeof p);
            } else {
                re.f = imm;
            }
            emit(fs, OP_LOADK, *y, emit_const(fs, re));
            if (tk == KIND_COMPLEX128) emit(fs, OP_LOADK, *y + 1, emit_const(fs, im));
        } else if (kind_is_float(t->kind)) {
            Slot k;
            if (t->kind == KIND_FLOAT32) {
                k.u = 0;
                k.f32 = (float)imm;
            } else {
                k.f = imm;
            }
            emit(fs, OP_LOADK, *y, emit_const(fs, k));
        } else {
            emit(fs, OP_LOADI, *y, imm);
        }
    }
}

/* Whether m[k] op= y may insert k before computing, as MAPREF does. Go
 * (1.22) checks an integer divisor for zero before it inserts the key, so
 * a recovered m[k] /= 0 leaves a missing key missing, but it inserts
 * before a negative shift count panics; every other operator cannot
 * panic. */
static bool opassign_in_place(Token op, Type *t)
{
    switch (op) {
    case TOK_ADD:
    case TOK_SUB:
    case TOK_MUL:
    case TOK_OR:
    case TOK_AND:
    case TOK_XOR:
    case TOK_AND_NOT:
    case TOK_SHL:
    case TOK_SHR:
        return true;
    case TOK_QUO:
        return t && !kind_is_integer(t->underlying->kind);
    default:
        return false;
    }
}

/* x op= y (and x++ / x--): read the place once, compute, write back. */
static void compile_opassign(FnState *fs, Node *lhs, Token op, Node *rhs, int imm)
{
    lhs = unparen(lhs);
    Type *t = lhs->type;
    int y;
    /* x++, x--, x += c on an integer register variable: one ADDI */
    if ((op == TOK_ADD || op == TOK_SUB) && t && kind_is_integer(t->underlying->kind) &&
        lhs->kind == AST_IDENT) {
        int64_t c = imm;
        bool isconst = !rhs;
        if (rhs && rhs->mode == MODE_CONST && rhs->cv && rhs->cv->kind == CONST_INT &&
            rhs->cv->i > -1000000 && rhs->cv->i < 1000000) {
            c = (int64_t)rhs->cv->i;
            isconst = true;
        }
        Symbol *s = lhs->u.ident.sym;
        if (isconst && s && s->kind == SYM_VAR && s->compiled == fs && !var_in_cell(s) && !s->global) {
            emit(fs, OP_ADDI, s->index, s->index, (int)(op == TOK_ADD ? c : -c));
            if (t->underlying->size < 8) emit(fs, OP_NORM, s->index, s->index, t->underlying->kind);
            return;
        }
    }
    Type *yt;
    int mb, mc;
    if (lhs->kind == AST_INDEX && lhs->u.index.x->type->underlying->kind == KIND_MAP) {
        Type *mt = lhs->u.index.x->type->underlying;
        int m = expr(fs, lhs->u.index.x);
        bool inplace = opassign_in_place(op, t), borrowed = false;
        /* A key string(b) borrows b's bytes, read at MAPREF after the
         * right side, as Go (which runs calls first) reads them; MAPSET
         * below stores its key, so it may not borrow one. */
        int k = inplace ? map_key_reg(fs, lhs->u.index.index, mt->key, &borrowed)
                        : expr_as_reg(fs, lhs->u.index.index, mt->key);
        opassign_rhs(fs, op, t, rhs, imm, &y, &yt, &mb, &mc);
        int v = reg_alloc(fs, slots(t));
        if (inplace) {
            /* One lookup: the value's slot, inserted zero if absent, then
             * updated in place. Nothing runs between MAPREF and the store
             * that could grow the map. */
            int p = reg_alloc(fs, 1);
            emit(fs, OP_MAPREF, p, m, k, emit_const_ptr(fs, mt), borrowed ? 1 : 0);
            Loc l = {LOC_MEM, p, 0, t, false};
            loc_read(fs, &l, v);
            opassign_emit(fs, op, t, v, y, yt, lhs, mb, mc);
            loc_write(fs, &l, v);
            return;
        }

        emit(fs, OP_MAPGET, v, m, k, emit_const_ptr(fs, mt), -1);
        opassign_emit(fs, op, t, v, y, yt, lhs, mb, mc);
        emit(fs, OP_MAPSET, m, k, v, emit_const_ptr(fs, mt));
        return;
    }
    Loc l;
    if (!loc_of(fs, lhs, &l)) {
        emit_error(fs, lhs, "not supported yet: assignment to this expression");
        return;
    }
    opassign_rhs(fs, op, t, rhs, imm, &y, &yt, &mb, &mc);
    if (l.kind == LOC_REG && l.whole) {
        opassign_emit(fs, op, t, l.reg, y, yt, lhs, mb, mc);
        return;
    }
    int v = reg_alloc(fs, slots(t));
    loc_read(fs, &l, v);
    opassign_emit(fs, op, t, v, y, yt, lhs, mb, mc);
    loc_write(fs, &l, v);
}

/* Whether e is arithmetic on names and constants that cannot panic (no
 * calls, indexing, division or shifts). */
static bool arith_no_panic(Node *e)
{
    if (e->mode == MODE_CONST) return true;
    switch (e->kind) {
    case AST_IDENT: return true;
    case AST_PAREN: return arith_no_panic(unparen(e));
    case AST_UNARY:
        return (e->u.unary.op == TOK_SUB || e->u.unary.op == TOK_ADD || e->u.unary.op == TOK_XOR ||
                e->u.unary.op == TOK_NOT) &&
               arith_no_panic(e->u.unary.x);
    case AST_BINARY:
        switch (e->u.binary.op) {
        case TOK_ADD: case TOK_SUB: case TOK_MUL: case TOK_OR: case TOK_AND: case TOK_XOR:
        case TOK_AND_NOT: case TOK_EQL: case TOK_NEQ: case TOK_LSS: case TOK_LEQ: case TOK_GTR:
        case TOK_GEQ:
            return arith_no_panic(e->u.binary.x) && arith_no_panic(e->u.binary.y);
        default: return false;
        }
    default: return false;
    }
}

/* Whether e (accepted by arith_no_panic) reads variable s. */
static bool mentions(Node *e, Symbol *s)
{
    if (e->mode == MODE_CONST) return false;
    switch (e->kind) {
    case AST_IDENT: return e->u.ident.sym == s;
    case AST_PAREN: return mentions(unparen(e), s);
    case AST_UNARY: return mentions(e->u.unary.x, s);
    case AST_BINARY: return mentions(e->u.binary.x, s) || mentions(e->u.binary.y, s);
    default: return true;
    }
}

/* Whether a, b = x, y may assign each value as soon as it is computed:
 * every target a one-slot register variable of this function, and every
 * value after the first unable to panic and not reading a target already
 * assigned. Then no one can tell the assignments were not simultaneous
 * (not even a recovering defer, which could only see variables in cells). */
static bool tuple_direct(FnState *fs, NodeList *lhs, NodeList *rhs)
{
    int n = lhs->len;
    if (n < 2 || rhs->len != n) return false;
    for (int i = 0; i < n; i++) {
        Node *l = unparen(lhs->items[i]);
        if (l->kind != AST_IDENT || !strcmp(l->u.ident.name, "_")) return false;
        Symbol *s = l->u.ident.sym;
        if (!s || s->kind != SYM_VAR || s->global || s->compiled != fs || var_in_cell(s) || !s->type)
            return false;
        TypeKind k = s->type->underlying->kind;
        if (!(kind_is_integer(k) || k == KIND_FLOAT64 || k == KIND_BOOL)) return false;
        Node *r = rhs->items[i];
        if (!r->type || r->type->kind == KIND_TUPLE) return false;
        if (i > 0 && !arith_no_panic(r)) return false;
        for (int j = 0; j < i; j++)
            if (mentions(r, unparen(lhs->items[j])->u.ident.sym)) return false;
        for (int j = 0; j < i; j++)
            if (unparen(lhs->items[j])->u.ident.sym == s) return false; /* i, i = ... */
    }
    return true;
}

static void compile_assign(FnState *fs, Node *s)
{
    NodeList *lhs = &s->u.assignstmt.lhs, *rhs = &s->u.assignstmt.rhs;
    Token tok = s->u.assignstmt.tok;
    if (tok != TOK_ASSIGN && tok != TOK_DEFINE) {
        compile_opassign(fs, lhs->items[0], op_of_assign(tok), rhs->items[0], 0);
        return;
    }
    if (tok == TOK_DEFINE) {
        /* new variables get their registers before any temporary */
        int n = lhs->len;
        int regs[n > 0 ? n : 1];
        Type *types[n > 0 ? n : 1];
        /* fast path: single new register variable */
        if (n == 1 && rhs->len == 1 && s->u.assignstmt.is_new && s->u.assignstmt.is_new[0]) {
            Node *id = lhs->items[0];
            Symbol *sym = id->u.ident.sym;
            if (sym && !sym->global && !var_in_cell(sym)) {
                int r = var_declare_init(fs, sym, false);
                fs->nreg = fs->nlocal;
                expr_as(fs, rhs->items[0], sym->type, r);
                return;
            }
        }
        /* declare the new ones first (uninitialised values are zeroed) */
        for (int i = 0; i < n; i++) {
            Node *id = lhs->items[i];
            bool isnew = s->u.assignstmt.is_new ? s->u.assignstmt.is_new[i] : true;
            Symbol *sym = id->kind == AST_IDENT ? id->u.ident.sym : NULL;
            if (isnew && sym && !sym->global && strcmp(id->u.ident.name, "_")) {
                var_declare(fs, sym);
            }
        }
        fs->nreg = fs->nlocal;
        int cnt = eval_rhs(fs, lhs, rhs, regs, types);
        for (int i = 0; i < cnt && i < n; i++) store_to_lhs(fs, lhs->items[i], regs[i], types[i]);
        return;
    }
    int n = lhs->len;
    if (n == 1 && rhs->len == 1) {
        Node *l = unparen(lhs->items[0]);
        Node *r = rhs->items[0];
        if (l->kind == AST_IDENT && !strcmp(l->u.ident.name, "_")) {
            int t = reg_alloc(fs, slots(ctype(r->type)) + 2);
            if (r->type && r->type->kind != KIND_TUPLE && r->type->kind != KIND_UNTYPED_NIL)
                expr_to(fs, r, t);
            else if (r->kind == AST_CALL)
                compile_call(fs, r);
            return;
        }
        Loc loc;
        if (l->kind == AST_IDENT && loc_of(fs, l, &loc) && loc.kind == LOC_REG && loc.whole) {
            Node *ur = unparen(r);
            if (ur->kind == AST_COMPOSITELIT) {
                int t = reg_alloc(fs, slots(l->type));
                expr_as(fs, r, l->type, t);
                emit(fs, OP_MOVN, loc.reg, t, slots(l->type));
            } else {
                expr_as(fs, r, l->type, loc.reg);
            }
            return;
        }
    }
    if (n == 1 && rhs->len == 1) {
        Node *l0 = unparen(lhs->items[0]);
        Type *lt0 = l0->type;
        Node *r0 = rhs->items[0];
        if (lt0 && r0->type && r0->type->kind != KIND_TUPLE) {
            /* slice element of 8 bytes: one fused store */
            if (l0->kind == AST_INDEX && l0->u.index.x->type->underlying->kind == KIND_SLICE &&
                lt0->size == 8 && lt0->kind != KIND_INTERFACE) {
                int sl = expr(fs, l0->u.index.x);
                int i = expr_as_reg(fs, l0->u.index.index, type_basic[KIND_INT]);
                int v = expr_as_reg(fs, r0, lt0);
                emit(fs, OP_SSTORE64, sl, i, v);
                return;
            }
            /* and of 1 byte ([]byte, []int8, []bool): the low byte */
            if (l0->kind == AST_INDEX && l0->u.index.x->type->underlying->kind == KIND_SLICE &&
                lt0->size == 1 && (kind_is_integer(lt0->kind) || lt0->kind == KIND_BOOL)) {
                int sl = expr(fs, l0->u.index.x);
                int i = expr_as_reg(fs, l0->u.index.index, type_basic[KIND_INT]);
                int v = expr_as_reg(fs, r0, lt0);
                emit(fs, OP_SSTORE8, sl, i, v);
                return;
            }
            LVal lv1;
            lval_prepare(fs, lhs->items[0], &lv1);
            int v = unparen(r0)->kind == AST_COMPOSITELIT ? -1 : expr_as_reg(fs, r0, lt0);
            if (v < 0) {
                v = reg_alloc(fs, slots(lt0) ? slots(lt0) : 1);
                expr_as(fs, r0, lt0, v);
            }
            lval_store(fs, &lv1, v, lt0->kind == KIND_INTERFACE ? lt0 : ctype(r0->type));
            return;
        }
    }
    if (tuple_direct(fs, lhs, rhs)) {
        /* i, j = i+1, j-1: each value straight into its variable */
        for (int i = 0; i < n; i++) {
            Node *l = unparen(lhs->items[i]);
            expr_as(fs, rhs->items[i], l->type, l->u.ident.sym->index);
            fs->nreg = fs->nlocal;
        }
        return;
    }
    /* Go's two phases: the operands of index expressions and pointer
     * indirections on the left, then the right-hand sides, are evaluated;
     * then the assignments happen left to right. */
    int regs[n > 0 ? n : 1];
    Type *types[n > 0 ? n : 1];
    LVal lv[n > 0 ? n : 1];
    /* a[i], a[j] = a[j], a[i]: when every target is such a slice element,
     * no store can change a slice or index register another target reads
     * (no variable is assigned), so each keeps its operands in registers
     * and stores with one bounds-checked instruction, in the assignment
     * phase as Go checks it */
    bool fused = n > 1;
    for (int i = 0; i < n && fused; i++) fused = lval_fused_slice(lhs->items[i]);
    for (int i = 0; i < n; i++) {
        if (fused) {
            Node *l = unparen(lhs->items[i]);
            lv[i].kind = LV_SLICE;
            lv[i].type = l->type;
            lv[i].m = expr(fs, l->u.index.x);
            lv[i].k = expr_as_reg(fs, l->u.index.index, type_basic[KIND_INT]);
        } else {
            lval_prepare(fs, lhs->items[i], &lv[i]);
        }
    }
    int cnt = eval_rhs(fs, lhs, rhs, regs, types);
    for (int i = 0; i < cnt && i < n; i++) lval_store(fs, &lv[i], regs[i], types[i]);
}

void compile_valuespec(FnState *fs, Node *spec, bool global)
{
    NodeList *names = &spec->u.valuespec.names, *values = &spec->u.valuespec.values;
    if (!global) {
        for (int i = 0; i < names->len; i++) {
            Symbol *sym = names->items[i]->u.ident.sym;
            if (sym && strcmp(sym->name, "_")) var_declare(fs, sym);
        }
        fs->nreg = fs->nlocal;
    }
    if (values->len == 0) return;
    int n = names->len;
    int regs[n];
    Type *types[n];
    int cnt = eval_rhs(fs, names, values, regs, types);
    for (int i = 0; i < cnt && i < n; i++) store_to_lhs(fs, names->items[i], regs[i], types[i]);
}

static void compile_decl(FnState *fs, Node *decl)
{
    if (decl->u.gendecl.tok == TOK_TYPE) {
        /* a local type embedding others needs its promoted-method wrappers */
        for (int i = 0; i < decl->u.gendecl.specs.len; i++) {
            Node *spec = decl->u.gendecl.specs.items[i];
            Symbol *s = spec->u.typespec.name ? spec->u.typespec.name->u.ident.sym : NULL;
            if (s && s->kind == SYM_TYPE && s->type && s->type->name && !spec->u.typespec.alias)
                compile_bind_promoted(fs->c, s->type);
        }
        return;
    }
    if (decl->u.gendecl.tok != TOK_VAR) return; /* const: nothing to run */
    for (int i = 0; i < decl->u.gendecl.specs.len; i++) {
        compile_valuespec(fs, decl->u.gendecl.specs.items[i], false);
        fs->nreg = fs->nlocal;
    }
}

static void compile_return(FnState *fs, Node *s)
{
    NodeList *res = &s->u.returnstmt.results;
    Type *sig = fs->sig;
    bool named_results = false;
    {
        Node *ft0 = fs->node && fs->node->kind == AST_FUNCDECL ? fs->node->u.funcdecl.type
                    : fs->node && fs->node->kind == AST_FUNCLIT ? fs->node->u.funclit.type
                                                                : NULL;
        NodeList *rl0 = ft0 ? &ft0->u.functype.results : NULL;
        for (int i = 0; rl0 && i < rl0->len; i++)
            if (rl0->items[i]->u.field.names.len) named_results = true;
    }
    if (res->len == 1 && !named_results && sig->nresults == 1 && slots(sig->results[0]) == 1 &&
        !(sig->results[0]->kind == KIND_INTERFACE)) {
        /* one unnamed one-slot result: returned from wherever it is */
        int save = fs->nreg;
        int r = expr_as_reg(fs, res->items[0], sig->results[0]);
        emit(fs, OP_RET1, r);
        fs->nreg = save;
        return;
    }
    if (res->len > 0 && !named_results && !(res->len == 1 && sig->nresults > 1)) {
        /* unnamed results: no variable aliases the result registers */
        int off = 0;
        for (int i = 0; i < res->len && i < sig->nresults; i++) {
            Type *t = sig->results[i];
            expr_as(fs, res->items[i], t, fs->resreg + off);
            off += slots(t);
        }
    } else if (res->len > 0) {
        /* evaluate all, then store (return b, a must not clobber) */
        int regs[sig->nresults + 1];
        Type *types[sig->nresults + 1];
        if (res->len == 1 && sig->nresults > 1) {
            Node *r = res->items[0];
            int base = compile_call(fs, r);
            int off = 0;
            for (int i = 0; i < sig->nresults; i++) {
                regs[i] = base + off;
                types[i] = r->type->results[i];
                off += slots(types[i]);
            }
        } else {
            for (int i = 0; i < res->len && i < sig->nresults; i++) {
                Type *t = sig->results[i];
                regs[i] = reg_alloc(fs, slots(t));
                expr_as(fs, res->items[i], t, regs[i]);
                types[i] = t;
            }
        }
        /* named results in cells are written through their cells; the
         * others go to the result registers */
        int off = 0;
        Node *ft = fs->node && fs->node->kind == AST_FUNCDECL ? fs->node->u.funcdecl.type
                   : fs->node && fs->node->kind == AST_FUNCLIT ? fs->node->u.funclit.type
                                                                : NULL;
        int idx = 0;
        Symbol *named[sig->nresults + 1];
        memset(named, 0, sizeof named);
        if (ft) {
            NodeList *rl = &ft->u.functype.results;
            for (int i = 0; i < rl->len; i++) {
                Node *f = rl->items[i];
                if (f->u.field.names.len == 0) {
                    idx++;
                    continue;
                }
                for (int j = 0; j < f->u.field.names.len; j++)
                    named[idx++] = f->u.field.names.items[j]->u.ident.sym;
            }
        }
        for (int i = 0; i < sig->nresults; i++) {
            Type *t = sig->results[i];
            int v = regs[i];
            if (types[i] != t && t->kind == KIND_INTERFACE && types[i]->kind != KIND_INTERFACE) {
                int c = reg_alloc(fs, 2);
                convert_value(fs, types[i], t, v, c);
                v = c;
            }
            Symbol *ns = named[i];
            if (ns && var_in_cell(ns) && ns->compiled == fs) {
                emit(fs, OP_STORE, ns->index, 0, v, reg_width(t));
            } else if (slots(t)) {
                emit(fs, OP_MOVN, fs->resreg + off, v, slots(t));
            }
            off += slots(t);
        }
    }
    emit(fs, OP_RET);
}

static Loop *find_target(FnState *fs, Node *s, bool cont)
{
    Node *target = s->u.branchstmt.target;
    for (Loop *l = fs->loops; l; l = l->prev) {
        if (target) {
            if (l->node == target) return l;
        } else if (!cont || l->is_loop) {
            return l;
        }
    }
    return NULL;
}

static void compile_branch(FnState *fs, Node *s)
{
    Token tok = s->u.branchstmt.tok;
    if (tok == TOK_BREAK || tok == TOK_CONTINUE) {
        Loop *l = find_target(fs, s, tok == TOK_CONTINUE);
        if (!l) {
            emit_error(fs, s, "not supported yet: this %s", token_string(tok));
            return;
        }
        int pc = emit(fs, OP_JMP, 0);
        if (tok == TOK_BREAK) loop_add(&l->breaks, &l->nbreaks, &l->capbreaks, pc);
        else loop_add(&l->conts, &l->nconts, &l->capconts, pc);
        return;
    }
    if (tok == TOK_FALLTHROUGH) {
        fs->fallthrough_jump = emit(fs, OP_JMP, 0);
        return;
    }
    /* goto: the checker resolved the target (a LABELEDSTMT of this
     * function). Nothing is unwound: blocks own no run-time state, and a
     * declaration jumped back over runs again, making a fresh variable. */
    Node *target = s->u.branchstmt.target;
    for (int i = 0; i < fs->nlabels; i++)
        if (fs->labels[i].stmt == target) {
            emit(fs, OP_JMP, fs->labels[i].pc);
            return;
        }
    compile_grow((void **)&fs->gotos, &fs->capgotos, fs->ngotos + 1, sizeof *fs->gotos);
    fs->gotos[fs->ngotos++] = (struct GotoLabel){target, emit(fs, OP_JMP, 0)};
}

/* A label: where gotos land. Forward ones waiting for it are patched. */
static void compile_label(FnState *fs, Node *s)
{
    int pc = emit_here(fs);
    compile_grow((void **)&fs->labels, &fs->caplabels, fs->nlabels + 1, sizeof *fs->labels);
    fs->labels[fs->nlabels++] = (struct GotoLabel){s, pc};
    int k = 0;
    for (int i = 0; i < fs->ngotos; i++) {
        if (fs->gotos[i].stmt == s) emit_patch_jump(fs, fs->gotos[i].pc, pc);
        else fs->gotos[k++] = fs->gotos[i];
    }
    fs->ngotos = k;
}

static void compile_if(FnState *fs, Node *s)
{
    int save_local = fs->nlocal, save_reg = fs->nreg;
    if (s->u.ifstmt.init) compile_stmt(fs, s->u.ifstmt.init);
    int jf = -1;
    cond_jump(fs, s->u.ifstmt.cond, false, &jf);
    fs->nreg = fs->nlocal;
    compile_block(fs, &s->u.ifstmt.body->u.blockstmt.list);
    if (s->u.ifstmt.els) {
        int jend = emit(fs, OP_JMP, 0);
        cond_patch(fs, jf, emit_here(fs));
        Node *e = s->u.ifstmt.els;
        if (e->kind == AST_BLOCKSTMT) compile_block(fs, &e->u.blockstmt.list);
        else compile_stmt(fs, e);
        emit_patch(fs, jend, 0, emit_here(fs));
    } else {
        cond_patch(fs, jf, emit_here(fs));
    }
    fs->nlocal = save_local;
    fs->nreg = save_reg;
}

/* The loop variables of a for statement's init that closures capture:
 * Go 1.22 gives each iteration a fresh copy. */
static void fresh_loop_cells(FnState *fs, Node *init)
{
    if (!init || init->kind != AST_ASSIGNSTMT || init->u.assignstmt.tok != TOK_DEFINE) return;
    NodeList *l = &init->u.assignstmt.lhs;
    for (int i = 0; i < l->len; i++) {
        Node *id = l->items[i];
        Symbol *s = id->kind == AST_IDENT ? id->u.ident.sym : NULL;
        if (!s || s->global || !var_in_cell(s) || s->compiled != fs) continue;
        int t = reg_alloc(fs, slots(s->type));
        int c = reg_alloc(fs, 1);
        emit(fs, OP_LOAD, t, s->index, 0, reg_width(s->type));
        emit(fs, OP_NEW, c, emit_const_ptr(fs, s->type));
        emit(fs, OP_STORE, c, 0, t, reg_width(s->type));
        emit(fs, OP_MOV, s->index, c);
    }
}

/* Whether the loop condition e is small and plain enough to compile twice
 * (names, constants, selectors, indexing, operators and calls, no function
 * literals): the loop entry then tests it directly instead of jumping to
 * the bottom test, which leaves the bottom test free to fuse with the
 * post statement (loop_fuse). Each test still evaluates it once. */
static bool loop_cond_simple(Node *e, int depth)
{
    if (!e || depth > 6) return false;
    if (e->mode == MODE_CONST) return true;
    switch (e->kind) {
    case AST_IDENT: return true;
    case AST_PAREN: return loop_cond_simple(unparen(e), depth + 1);
    case AST_SELECTOR: return loop_cond_simple(e->u.selector.x, depth + 1);
    case AST_INDEX:
        return loop_cond_simple(e->u.index.x, depth + 1) &&
               loop_cond_simple(e->u.index.index, depth + 1);
    case AST_UNARY: return loop_cond_simple(e->u.unary.x, depth + 1);
    case AST_BINARY:
        return loop_cond_simple(e->u.binary.x, depth + 1) &&
               loop_cond_simple(e->u.binary.y, depth + 1);
    case AST_CALL:
        if (e->u.call.args.len > 2 || e->u.call.has_ellipsis) return false;
        for (int i = 0; i < e->u.call.args.len; i++)
            if (!loop_cond_simple(e->u.call.args.items[i], depth + 1)) return false;
        return e->u.call.fun->kind == AST_IDENT;
    default: return false;
    }
}

/* Fuses `ADDI r r k` at pc `inc` with the bottom test at `jt` (the next
 * instruction and the last one emitted; nothing jumps to it) into one
 * INCJ* instruction when the test is a signed compare of r.  Returns the
 * fused instruction's pc, or jt when the pair does not fuse. */
static int loop_fuse(FnState *fs, int inc, int jt)
{
    if (inc < 0 || inc + 4 != jt || fs->code[inc] != OP_ADDI) return jt;
    uint32_t r = fs->code[inc + 1], k = fs->code[inc + 3];
    if (fs->code[inc + 2] != r || fs->code[jt + 1] != r) return jt;
    Opcode o;
    switch (fs->code[jt]) {
    case OP_JLTI: o = OP_INCJLTI; break;
    case OP_JLEI: o = OP_INCJLEI; break;
    case OP_JGTI: o = OP_INCJGTI; break;
    case OP_JGEI: o = OP_INCJGEI; break;
    case OP_JLT: o = OP_INCJLT; break;
    case OP_JLE: o = OP_INCJLE; break;
    default: return jt;
    }
    /* the compared operand (immediate or register): JLT's second register
     * must not be r itself, or the increment would change both sides */
    uint32_t y = fs->code[jt + 2];
    if ((o == OP_INCJLT || o == OP_INCJLE) && y == r) return jt;
    fs->ncode = inc;
    while (fs->nlines && fs->lines[fs->nlines - 1].pc >= (uint32_t)inc + 1) fs->nlines--;
    fs->lastline = 0;
    return emit(fs, o, (int)r, (int)k, (int)y, 0);
}

static void compile_for(FnState *fs, Node *s)
{
    /* rotated: the condition is tested at the bottom, so an iteration
     * costs one conditional jump and no unconditional one */
    int save_local = fs->nlocal, save_reg = fs->nreg;
    if (s->u.forstmt.init) compile_stmt(fs, s->u.forstmt.init);
    fs->nreg = fs->nlocal;
    Node *cond = s->u.forstmt.cond;
    bool entry_test = cond && loop_cond_simple(cond, 0);
    int jtest = -1, jexit = -1;
    if (entry_test) {
        cond_jump(fs, cond, false, &jexit);
        fs->nreg = fs->nlocal;
    } else if (cond) {
        jtest = emit(fs, OP_JMP, 0);
    }
    int top = emit_here(fs);
    Loop *l = loop_push(fs, s, true);
    compile_block(fs, &s->u.forstmt.body->u.blockstmt.list);
    int cont = emit_here(fs);
    fresh_loop_cells(fs, s->u.forstmt.init);
    fs->nreg = fs->nlocal;
    int post_pc = emit_here(fs);
    if (s->u.forstmt.post) compile_stmt(fs, s->u.forstmt.post);
    fs->nreg = fs->nlocal;
    if (cond) {
        if (jtest >= 0) emit_patch(fs, jtest, 0, emit_here(fs));
        fs->lastline = 0;
        emit_line(fs, cond);
        int jt = -1;
        cond_jump(fs, cond, true, &jt);
        /* with an entry test nothing jumps to the bottom test, so the post
         * statement's increment may fuse with it */
        if (entry_test && post_pc == cont) {
            /* the post statement's last instruction, found by walking its
             * instructions (an operand word could look like an opcode) */
            int last = -1;
            for (int pc = post_pc; pc < jt; pc += emit_oplen(fs->code[pc])) last = pc;
            jt = loop_fuse(fs, last, jt);
        }
        cond_patch(fs, jt, top);
        fs->nreg = fs->nlocal;
    } else {
        emit(fs, OP_JMP, top);
    }
    int end = emit_here(fs);
    if (jexit >= 0) cond_patch(fs, jexit, end);
    loop_pop(fs, l, cont, end);
    fs->nlocal = save_local;
    fs->nreg = save_reg;
}

/* Whether a function body runs a defer statement (outside closures). */
bool stmts_have_defer(NodeList *l);
static bool stmt_has_defer(Node *s)
{
    if (!s) return false;
    switch (s->kind) {
    case AST_DEFERSTMT: return true;
    case AST_BLOCKSTMT: return stmts_have_defer(&s->u.blockstmt.list);
    case AST_LABELEDSTMT: return stmt_has_defer(s->u.labeledstmt.stmt);
    case AST_IFSTMT:
        return stmt_has_defer(s->u.ifstmt.body) || stmt_has_defer(s->u.ifstmt.els);
    case AST_FORSTMT: return stmt_has_defer(s->u.forstmt.body);
    case AST_RANGESTMT: return stmt_has_defer(s->u.rangestmt.body);
    case AST_SWITCHSTMT: return stmt_has_defer(s->u.switchstmt.body);
    case AST_TYPESWITCHSTMT: return stmt_has_defer(s->u.typeswitchstmt.body);
    case AST_SELECTSTMT: return stmt_has_defer(s->u.selectstmt.body);
    case AST_CASECLAUSE: return stmts_have_defer(&s->u.caseclause.body);
    case AST_COMMCLAUSE: return stmts_have_defer(&s->u.commclause.body);
    default: return false;
    }
}

bool stmts_have_defer(NodeList *l)
{
    for (int i = 0; i < l->len; i++)
        if (stmt_has_defer(l->items[i])) return true;
    return false;
}

/* Whether statement s (or one inside it) assigns to variable v. */
static bool stmts_assign(NodeList *l, Symbol *v);
static bool lhs_is(Node *e, Symbol *v)
{
    e = unparen(e);
    return e && e->kind == AST_IDENT && e->u.ident.sym == v;
}

static bool stmt_assigns(Node *s, Symbol *v)
{
    if (!s) return false;
    switch (s->kind) {
    case AST_ASSIGNSTMT:
        for (int i = 0; i < s->u.assignstmt.lhs.len; i++)
            if (lhs_is(s->u.assignstmt.lhs.items[i], v)) return true;
        return false;
    case AST_INCDECSTMT: return lhs_is(s->u.incdecstmt.x, v);
    case AST_BLOCKSTMT: return stmts_assign(&s->u.blockstmt.list, v);
    case AST_LABELEDSTMT: return stmt_assigns(s->u.labeledstmt.stmt, v);
    case AST_IFSTMT:
        return stmt_assigns(s->u.ifstmt.init, v) || stmt_assigns(s->u.ifstmt.body, v) ||
               stmt_assigns(s->u.ifstmt.els, v);
    case AST_FORSTMT:
        return stmt_assigns(s->u.forstmt.init, v) || stmt_assigns(s->u.forstmt.post, v) ||
               stmt_assigns(s->u.forstmt.body, v);
    case AST_RANGESTMT:
        return (s->u.rangestmt.tok == TOK_ASSIGN &&
                (lhs_is(s->u.rangestmt.key, v) || lhs_is(s->u.rangestmt.value, v))) ||
               stmt_assigns(s->u.rangestmt.body, v);
    case AST_SWITCHSTMT:
        return stmt_assigns(s->u.switchstmt.init, v) || stmt_assigns(s->u.switchstmt.body, v);
    case AST_TYPESWITCHSTMT:
        return stmt_assigns(s->u.typeswitchstmt.init, v) || stmt_assigns(s->u.typeswitchstmt.body, v);
    case AST_SELECTSTMT: return stmt_assigns(s->u.selectstmt.body, v);
    case AST_CASECLAUSE: return stmts_assign(&s->u.caseclause.body, v);
    case AST_COMMCLAUSE:
        return stmt_assigns(s->u.commclause.comm, v) || stmts_assign(&s->u.commclause.body, v);
    default: return false;
    }
}

static bool stmts_assign(NodeList *l, Symbol *v)
{
    for (int i = 0; i < l->len; i++)
        if (stmt_assigns(l->items[i], v)) return true;
    return false;
}

/* For `for k := range ...`: when the body never assigns k (and k lives in
 * a register), k can be the loop counter itself instead of a copy. */
static bool range_key_is_counter(FnState *fs, Node *s, Node *key, int ctr)
{
    if (!key || s->u.rangestmt.tok != TOK_DEFINE || key->kind != AST_IDENT) return false;
    Symbol *v = key->u.ident.sym;
    if (!v || var_in_cell(v) || v->global || slots(v->type) != 1) return false;
    if (stmt_assigns(s->u.rangestmt.body, v)) return false;
    v->compiled = fs;
    v->index = ctr;
    return true;
}

/* Assigns (or declares, for :=) a range variable from src. */
static void range_assign(FnState *fs, Node *s, Node *var, int src, Type *t)
{
    if (!var) return;
    if (s->u.rangestmt.tok == TOK_DEFINE) define_or_assign(fs, var, true, src, t);
    else store_to_lhs(fs, var, src, t);
}

static void compile_range(FnState *fs, Node *s)
{
    int save_local = fs->nlocal, save_reg = fs->nreg;
    Node *x = s->u.rangestmt.x;
    Node *key = s->u.rangestmt.key, *val = s->u.rangestmt.value;
    if (key && key->kind == AST_IDENT && !strcmp(key->u.ident.name, "_")) key = NULL;
    if (val && val->kind == AST_IDENT && !strcmp(val->u.ident.name, "_")) val = NULL;
    Type *xt = x->type ? x->type->underlying : NULL;
    if (!xt) {
        emit_error(fs, s, "not supported yet: range over this expression");
        return;
    }
    Loop *l;
    int top, cont, end, jf;
    if (kind_is_integer(xt->kind) || xt->kind == KIND_UNTYPED_INT) {
        Type *it = ctype(x->type);
        if (key && key->type) it = key->type;
        int hi = reg_alloc(fs, 1);
        expr_as(fs, x, it, hi);
        int ctr = reg_alloc(fs, 1);
        emit(fs, OP_LOADI, ctr, 0);
        fs->nlocal = fs->nreg;
        /* rotated: the test is at the bottom, with a copy at the entry */
        bool uns = kind_is_unsigned(it->kind);
        int jexit = emit(fs, uns ? OP_JLEU : OP_JLE, hi, ctr, 0);
        top = emit_here(fs);
        if (!range_key_is_counter(fs, s, key, ctr)) range_assign(fs, s, key, ctr, it);
        fs->nreg = fs->nlocal;
        l = loop_push(fs, s, true);
        compile_block(fs, &s->u.rangestmt.body->u.blockstmt.list);
        cont = emit_here(fs);
        if (uns) {
            emit(fs, OP_ADDI, ctr, ctr, 1);
            emit(fs, OP_JLTU, ctr, hi, top);
        } else {
            emit(fs, OP_INCJLT, ctr, 1, hi, top);
        }
        end = emit_here(fs);
        emit_patch_jump(fs, jexit, end);
        loop_pop(fs, l, cont, end);
        fs->nlocal = save_local;
        fs->nreg = save_reg;
        return;
    } else if (xt->kind == KIND_SLICE || xt->kind == KIND_ARRAY ||
               (xt->kind == KIND_POINTER && xt->elem->underlying->kind == KIND_ARRAY)) {
        Type *et;
        int sl = reg_alloc(fs, 3); /* ptr, len, cap */
        if (xt->kind == KIND_SLICE) {
            et = xt->elem;
            expr_to(fs, x, sl);
        } else if (xt->kind == KIND_ARRAY) {
            et = xt->elem;
            emit_load_int(fs, sl + 1, xt->len);
            if (val) {
                /* range over an array value works on a copy */
                int v = expr(fs, x);
                emit(fs, OP_NEW, sl, emit_const_ptr(fs, xt));
                emit(fs, OP_STORE, sl, 0, v, emit_imm(fs, xt->size));
            }
        } else {
            Type *at = xt->elem->underlying;
            et = at->elem;
            expr_to(fs, x, sl);
            emit_load_int(fs, sl + 1, at->len);
        }
        int ctr = reg_alloc(fs, 1);
        emit(fs, OP_LOADI, ctr, 0);
        fs->nlocal = fs->nreg;
        int jexit = emit(fs, OP_JLE, sl + 1, ctr, 0);
        top = emit_here(fs);
        if (val) {
            int v = reg_alloc(fs, slots(et) ? slots(et) : 1);
            if (xt->kind == KIND_SLICE && reg_width(et) == 8) {
                emit(fs, OP_SLOAD64, v, sl, ctr);
            } else if (xt->kind == KIND_SLICE && reg_width(et) == 1) {
                emit(fs, OP_SLOAD8, v, sl, ctr);
            } else {
                int p = reg_alloc(fs, 1);
                if (xt->kind == KIND_SLICE) emit(fs, OP_IDXADDR, p, sl, ctr, emit_imm(fs, et->size));
                else emit_idxaddr_array(fs, p, sl, ctr, et, xt->kind == KIND_ARRAY ? xt->len : xt->elem->underlying->len);
                emit(fs, OP_LOAD, v, p, 0, reg_width(et));
            }
            if (!range_key_is_counter(fs, s, key, ctr))
                range_assign(fs, s, key, ctr, type_basic[KIND_INT]);
            range_assign(fs, s, val, v, et);
        } else if (!range_key_is_counter(fs, s, key, ctr)) {
            range_assign(fs, s, key, ctr, type_basic[KIND_INT]);
        }
        fs->nreg = fs->nlocal;
        l = loop_push(fs, s, true);
        compile_block(fs, &s->u.rangestmt.body->u.blockstmt.list);
        cont = emit_here(fs);
        emit(fs, OP_INCJLT, ctr, 1, sl + 1, top);
        end = emit_here(fs);
        emit_patch_jump(fs, jexit, end);
        loop_pop(fs, l, cont, end);
        fs->nlocal = save_local;
        fs->nreg = save_reg;
        return;
    } else if (xt->kind == KIND_STRING) {
        int str = reg_alloc(fs, 2);
        expr_to(fs, x, str);
        int ctr = reg_alloc(fs, 1), next = reg_alloc(fs, 1), r = reg_alloc(fs, 1), w = reg_alloc(fs, 1);
        emit(fs, OP_LOADI, next, 0);
        fs->nlocal = fs->nreg;
        top = emit_here(fs);
        emit(fs, OP_MOV, ctr, next);
        int cmp = reg_alloc(fs, 1);
        emit(fs, OP_LT, cmp, ctr, str + 1);
        jf = emit(fs, OP_JF, cmp, 0);
        emit(fs, OP_DECODE, r, w, str, ctr);
        emit(fs, OP_ADD, next, ctr, w);
        fs->nreg = fs->nlocal;
        range_assign(fs, s, key, ctr, type_basic[KIND_INT]);
        range_assign(fs, s, val, r, type_basic[KIND_INT32]);
        fs->nreg = fs->nlocal;
        l = loop_push(fs, s, true);
        compile_block(fs, &s->u.rangestmt.body->u.blockstmt.list);
        cont = emit_here(fs);
        emit(fs, OP_JMP, top);
    } else if (xt->kind == KIND_MAP) {
        int m = expr(fs, x);
        int it = reg_alloc(fs, MAP_ITER_SLOTS);
        emit(fs, OP_MAPITER, it, m);
        int k = reg_alloc(fs, slots(xt->key));
        int v = reg_alloc(fs, slots(xt->elem));
        fs->nlocal = fs->nreg;
        top = emit_here(fs);
        jf = emit(fs, OP_MAPNEXT, it, key ? k : -1, val ? v : -1, emit_const_ptr(fs, xt), 0);
        range_assign(fs, s, key, k, xt->key);
        range_assign(fs, s, val, v, xt->elem);
        fs->nreg = fs->nlocal;
        l = loop_push(fs, s, true);
        compile_block(fs, &s->u.rangestmt.body->u.blockstmt.list);
        cont = emit_here(fs);
        emit(fs, OP_JMP, top);
        end = emit_here(fs);
        emit_patch(fs, jf, 4, end);
        loop_pop(fs, l, cont, end);
        fs->nlocal = save_local;
        fs->nreg = save_reg;
        return;
    } else if (xt->kind == KIND_CHAN) {
        int ch = reg_alloc(fs, 1);
        expr_to(fs, x, ch);
        int v = reg_alloc(fs, slots(xt->elem));
        int ok = reg_alloc(fs, 1);
        fs->nlocal = fs->nreg;
        top = emit_here(fs);
        emit(fs, OP_RECV, v, ch, ok);
        jf = emit(fs, OP_JF, ok, 0);
        emit_norm_mem(fs, v, xt->elem);
        range_assign(fs, s, key, v, xt->elem);
        fs->nreg = fs->nlocal;
        l = loop_push(fs, s, true);
        compile_block(fs, &s->u.rangestmt.body->u.blockstmt.list);
        cont = emit_here(fs);
        emit(fs, OP_JMP, top);
    } else {
        emit_error(fs, s, "not supported yet: range over %s", type_kind_name(xt->kind));
        return;
    }
    end = emit_here(fs);
    emit_patch(fs, jf, 1, end);
    loop_pop(fs, l, cont, end);
    fs->nlocal = save_local;
    fs->nreg = save_reg;
}


static void compile_switch(FnState *fs, Node *s)
{
    int save_local = fs->nlocal, save_reg = fs->nreg;
    if (s->u.switchstmt.init) compile_stmt(fs, s->u.switchstmt.init);
    fs->nreg = fs->nlocal;
    Node *tag = s->u.switchstmt.tag;
    int t = -1;
    Type *tt = NULL;
    if (tag) {
        tt = ctype(tag->type);
        t = reg_alloc(fs, slots(tt));
        expr_to(fs, tag, t);
        fs->nlocal = fs->nreg;
    }
    NodeList *clauses = &s->u.switchstmt.body->u.blockstmt.list;
    int n = clauses->len;
    int *body_jumps[n > 0 ? n : 1];
    int nbj[n > 0 ? n : 1];
    int deflt = -1;
    for (int i = 0; i < n; i++) {
        Node *cc = clauses->items[i];
        NodeList *list = &cc->u.caseclause.list;
        body_jumps[i] = GC_MALLOC(sizeof(int) * (size_t)(list->len + 1));
        nbj[i] = 0;
        if (list->len == 0) deflt = i;
        for (int j = 0; j < list->len; j++) {
            fs->nreg = fs->nlocal;
            int pc;
            if (tag) {
                int c = reg_alloc(fs, 1);
                emit_compare_eq(fs, c, t, tt, list->items[j]);
                pc = emit(fs, OP_JT, c, 0);
                body_jumps[i][nbj[i]++] = pc;
            } else {
                pc = -1;
                cond_jump(fs, list->items[j], true, &pc);
                body_jumps[i][nbj[i]++] = pc;
            }
        }
    }
    fs->nreg = fs->nlocal;
    int jdefault = emit(fs, OP_JMP, 0);
    Loop *l = loop_push(fs, s, false);
    int *ends = GC_MALLOC(sizeof(int) * (size_t)(n + 1));
    int pending_ft = -1;
    int starts[n > 0 ? n : 1];
    for (int i = 0; i < n; i++) {
        Node *cc = clauses->items[i];
        starts[i] = emit_here(fs);
        if (pending_ft >= 0) emit_patch(fs, pending_ft, 0, starts[i]);
        pending_ft = -1;
        for (int j = 0; j < nbj[i]; j++) {
            int pc = body_jumps[i][j];
            cond_patch(fs, pc, starts[i]); /* a tagless case may be a chain */
        }
        fs->fallthrough_jump = -1;
        compile_block(fs, &cc->u.caseclause.body);
        if (fs->fallthrough_jump >= 0) {
            pending_ft = fs->fallthrough_jump;
            fs->fallthrough_jump = -1;
            ends[i] = -1;
        } else {
            ends[i] = emit(fs, OP_JMP, 0);
        }
    }
    int end = emit_here(fs);
    if (pending_ft >= 0) emit_patch(fs, pending_ft, 0, end);
    emit_patch(fs, jdefault, 0, deflt >= 0 ? starts[deflt] : end);
    for (int i = 0; i < n; i++)
        if (ends[i] >= 0) emit_patch(fs, ends[i], 0, end);
    loop_pop(fs, l, 0, end);
    fs->nlocal = save_local;
    fs->nreg = save_reg;
}

static void compile_typeswitch(FnState *fs, Node *s)
{
    int save_local = fs->nlocal, save_reg = fs->nreg;
    if (s->u.typeswitchstmt.init) compile_stmt(fs, s->u.typeswitchstmt.init);
    fs->nreg = fs->nlocal;
    Node *as = s->u.typeswitchstmt.assign;
    Node *ta = as->kind == AST_EXPRSTMT ? as->u.exprstmt.x : as->u.assignstmt.rhs.items[0];
    ta = unparen(ta);
    Node *xe = ta->u.typeassert.x;
    Type *xt = xe->type;
    int x = reg_alloc(fs, 2);
    expr_to(fs, xe, x);
    fs->nlocal = fs->nreg;
    NodeList *clauses = &s->u.typeswitchstmt.body->u.blockstmt.list;
    int n = clauses->len;
    int *jumps[n > 0 ? n : 1];
    int nj[n > 0 ? n : 1];
    int deflt = -1;
    for (int i = 0; i < n; i++) {
        Node *cc = clauses->items[i];
        NodeList *list = &cc->u.caseclause.list;
        jumps[i] = GC_MALLOC(sizeof(int) * (size_t)(list->len + 1));
        nj[i] = 0;
        if (list->len == 0) deflt = i;
        for (int j = 0; j < list->len; j++) {
            fs->nreg = fs->nlocal;
            Node *te = list->items[j];
            int c = reg_alloc(fs, 1);
            if (is_nil(te)) {
                emit(fs, OP_NOT, c, x);
            } else {
                emit(fs, OP_TYPEIS, c, x, emit_const_ptr(fs, te->type));
            }
            jumps[i][nj[i]++] = emit(fs, OP_JT, c, 0);
        }
    }
    fs->nreg = fs->nlocal;
    int jdefault = emit(fs, OP_JMP, 0);
    Loop *l = loop_push(fs, s, false);
    int ends[n > 0 ? n : 1];
    int starts[n > 0 ? n : 1];
    for (int i = 0; i < n; i++) {
        Node *cc = clauses->items[i];
        starts[i] = emit_here(fs);
        for (int j = 0; j < nj[i]; j++) emit_patch(fs, jumps[i][j], 1, starts[i]);
        int sl = fs->nlocal, sr = fs->nreg;
        Symbol *v = cc->u.caseclause.implicit;
        if (v) {
            int r = var_declare(fs, v);
            fs->nreg = fs->nlocal;
            NodeList *list = &cc->u.caseclause.list;
            Type *vt = v->type;
            int tmp = reg_alloc(fs, slots(vt));
            if (list->len == 1 && !is_nil(list->items[0]) && vt->kind != KIND_INTERFACE) {
                emit(fs, OP_ASSERT, tmp, x, emit_const_pair(fs, vt, xt), -1);
            } else if (vt->kind == KIND_INTERFACE) {
                emit(fs, OP_MOVN, tmp, x, 2);
            } else {
                emit(fs, OP_ASSERT, tmp, x, emit_const_pair(fs, vt, xt), -1);
            }
            if (var_in_cell(v)) emit(fs, OP_STORE, r, 0, tmp, reg_width(vt));
            else emit(fs, OP_MOVN, r, tmp, slots(vt));
            fs->nreg = fs->nlocal;
        }
        compile_block(fs, &cc->u.caseclause.body);
        fs->nlocal = sl;
        fs->nreg = sr;
        ends[i] = emit(fs, OP_JMP, 0);
    }
    int end = emit_here(fs);
    emit_patch(fs, jdefault, 0, deflt >= 0 ? starts[deflt] : end);
    for (int i = 0; i < n; i++) emit_patch(fs, ends[i], 0, end);
    loop_pop(fs, l, 0, end);
    fs->nlocal = save_local;
    fs->nreg = save_reg;
}

static void compile_select(FnState *fs, Node *s)
{
    int save_local = fs->nlocal, save_reg = fs->nreg;
    NodeList *clauses = &s->u.selectstmt.body->u.blockstmt.list;
    int n = clauses->len;
    int ncases = 0, deflt = -1;
    for (int i = 0; i < n; i++) {
        if (clauses->items[i]->u.commclause.comm) ncases++;
        else deflt = i;
    }
    int cases = reg_alloc(fs, 3 * ncases);
    int caseidx[n > 0 ? n : 1];
    int dst[n > 0 ? n : 1];
    Node *recvx[n > 0 ? n : 1];
    int k = 0;
    for (int i = 0; i < n; i++) {
        Node *comm = clauses->items[i]->u.commclause.comm;
        caseidx[i] = -1;
        dst[i] = -1;
        recvx[i] = NULL;
        if (!comm) continue;
        caseidx[i] = k;
        if (comm->kind == AST_SENDSTMT) {
            Type *ct = comm->u.sendstmt.chan->type->underlying;
            int ch = reg_alloc(fs, 1);
            expr_to(fs, comm->u.sendstmt.chan, ch);
            int v = reg_alloc(fs, slots(ct->elem) ? slots(ct->elem) : 1);
            expr_as(fs, comm->u.sendstmt.value, ct->elem, v);
            emit(fs, OP_SCASE, cases + 3 * k, ch, v, 1);
        } else {
            Node *rx;
            if (comm->kind == AST_EXPRSTMT) rx = comm->u.exprstmt.x;
            else rx = comm->u.assignstmt.rhs.items[0];
            rx = unparen(rx);
            recvx[i] = rx;
            Type *ct = rx->u.unary.x->type->underlying;
            int ch = reg_alloc(fs, 1);
            expr_to(fs, rx->u.unary.x, ch);
            int v = reg_alloc(fs, slots(ct->elem) ? slots(ct->elem) : 1);
            dst[i] = v;
            emit(fs, OP_SCASE, cases + 3 * k, ch, v, 0);
        }
        k++;
    }
    int idx = reg_alloc(fs, 1), ok = reg_alloc(fs, 1);
    emit(fs, OP_SELECT, cases, ncases, idx, ok, deflt < 0 ? 1 : 0);
    fs->nlocal = fs->nreg;
    Loop *l = loop_push(fs, s, false);
    int ends[n > 0 ? n : 1];
    int tmp = reg_alloc(fs, 1), c = reg_alloc(fs, 1);
    fs->nlocal = fs->nreg;
    for (int i = 0; i < n; i++) {
        Node *cl = clauses->items[i];
        emit(fs, OP_LOADI, tmp, caseidx[i]);
        emit(fs, OP_EQ, c, idx, tmp);
        int jf = emit(fs, OP_JF, c, 0);
        int sl = fs->nlocal, sr = fs->nreg;
        Node *comm = cl->u.commclause.comm;
        if (comm && comm->kind == AST_ASSIGNSTMT) {
            NodeList *lhs = &comm->u.assignstmt.lhs;
            Type *et = recvx[i]->u.unary.x->type->underlying->elem;
            emit_norm_mem(fs, dst[i], et);
            bool define = comm->u.assignstmt.tok == TOK_DEFINE;
            for (int j = 0; j < lhs->len; j++) {
                int src = j == 0 ? dst[i] : ok;
                Type *t = j == 0 ? et : type_basic[KIND_BOOL];
                if (define) define_or_assign(fs, lhs->items[j], true, src, t);
                else store_to_lhs(fs, lhs->items[j], src, t);
                fs->nreg = fs->nlocal;
            }
        }
        compile_block(fs, &cl->u.commclause.body);
        fs->nlocal = sl;
        fs->nreg = sr;
        ends[i] = emit(fs, OP_JMP, 0);
        emit_patch(fs, jf, 1, emit_here(fs));
    }
    int end = emit_here(fs);
    for (int i = 0; i < n; i++) emit_patch(fs, ends[i], 0, end);
    loop_pop(fs, l, 0, end);
    fs->nlocal = save_local;
    fs->nreg = save_reg;
}

static void compile_stmt(FnState *fs, Node *s)
{
    if (!s) return;
    emit_line(fs, s);
    fs->nreg = fs->nlocal;
    switch (s->kind) {
    case AST_EMPTYSTMT: break;
    case AST_BLOCKSTMT: compile_block(fs, &s->u.blockstmt.list); break;
    case AST_EXPRSTMT: {
        Node *x = unparen(s->u.exprstmt.x);
        if (x->kind == AST_CALL) compile_call(fs, x);
        else if (x->kind == AST_UNARY && x->u.unary.op == TOK_ARROW) {
            int ch = expr(fs, x->u.unary.x);
            emit(fs, OP_RECV, -1, ch, -1);
        } else {
            expr(fs, x);
        }
        break;
    }
    case AST_DECLSTMT: compile_decl(fs, s->u.declstmt.decl); break;
    case AST_ASSIGNSTMT: compile_assign(fs, s); break;
    case AST_INCDECSTMT:
        compile_opassign(fs, s->u.incdecstmt.x, s->u.incdecstmt.tok == TOK_INC ? TOK_ADD : TOK_SUB,
                         NULL, 1);
        break;
    case AST_SENDSTMT: {
        Type *ct = s->u.sendstmt.chan->type->underlying;
        int ch = expr(fs, s->u.sendstmt.chan);
        int v = reg_alloc(fs, slots(ct->elem) ? slots(ct->elem) : 1);
        expr_as(fs, s->u.sendstmt.value, ct->elem, v);
        emit(fs, OP_SEND, ch, v);
        break;
    }
    case AST_GOSTMT: compile_go_defer(fs, s->u.gostmt.call, true); break;
    case AST_DEFERSTMT: compile_go_defer(fs, s->u.gostmt.call, false); break;
    case AST_RETURNSTMT: compile_return(fs, s); break;
    case AST_BRANCHSTMT: compile_branch(fs, s); break;
    case AST_IFSTMT: compile_if(fs, s); break;
    case AST_FORSTMT: compile_for(fs, s); break;
    case AST_RANGESTMT: compile_range(fs, s); break;
    case AST_SWITCHSTMT: compile_switch(fs, s); break;
    case AST_TYPESWITCHSTMT: compile_typeswitch(fs, s); break;
    case AST_SELECTSTMT: compile_select(fs, s); break;
    case AST_LABELEDSTMT:
        compile_label(fs, s);
        compile_stmt(fs, s->u.labeledstmt.stmt);
        break;
    default: emit_error(fs, s, "not supported yet: %s statement", ast_kind_name(s->kind)); break;
    }
    fs->nreg = fs->nlocal;
}

