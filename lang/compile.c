/* compile.c — the bytecode compiler: functions, variables, statements and
 * instruction emission. Expressions, calls and builtins are in
 * compile_expr.c.
 *
 * Registers are allocated as a stack: a function's parameters first, then
 * its result registers, then locals in declaration order (released at the
 * end of their block) and temporaries above them (released at the end of
 * each statement). A variable captured by a closure or whose address is
 * taken (and every array variable, so that dynamic indexing is a memory
 * access) lives in a heap cell whose pointer is in its register.
 *
 * Statements are in compile_stmt.c, expressions in compile_expr.c, calls
 * and builtins in compile_call.c. The compiler never runs code and never
 * touches the scheduler.
 */
#include <gc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/foreign.h"
#include "../runtime/map.h"
#include "compile_priv.h"
#include "importer.h"

static const char *const op_formats[] = {
#define X(n, f, d) f,
    OPCODES(X)
#undef X
};

/* ---- emission ---- */

void emit_error(FnState *fs, Node *n, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    Compiler *c = fs->c;
    if (c->failed) {
        /* report each distinct message once */
        for (int i = 0; i < c->diags->len; i++)
            if (!strcmp(c->diags->items[i].msg, buf)) return;
    }
    c->failed = true;
    diags_add(c->diags, c->srcname ? c->srcname : c->file, n ? n->pos : (Pos){0, 0}, "%s", buf);
}

void compile_grow(void **p, int *cap, int need, size_t elem)
{
    if (need <= *cap) return;
    int n = *cap ? *cap * 2 : 16;
    while (n < need) n *= 2;
    void *q = GC_MALLOC((size_t)n * elem);
    if (*p) memcpy(q, *p, (size_t)*cap * elem);
    *p = q;
    *cap = n;
}

int emit(FnState *fs, Opcode op, ...)
{
    int n = (int)strlen(op_formats[op]);
    compile_grow((void **)&fs->code, &fs->capcode, fs->ncode + n + 1, sizeof(uint32_t));
    int pc = fs->ncode;
    fs->code[fs->ncode++] = (uint32_t)op;
    va_list ap;
    va_start(ap, op);
    for (int i = 0; i < n; i++) fs->code[fs->ncode++] = (uint32_t)va_arg(ap, int);
    va_end(ap);
    if (op == OP_MOVN && fs->code[pc + 3] == 1) {
        /* a one-slot move: MOV's handler has no length to test */
        fs->code[pc] = OP_MOV;
        fs->ncode--;
    }
    if (fs->code[pc] == OP_MOV && pc >= 3 && fs->last_pc == pc - 3 && fs->code[pc - 3] == OP_MOV &&
        fs->here_pc != pc && !(fs->nlines && fs->lines[fs->nlines - 1].pc == (uint32_t)pc)) {
        /* a move right after a move (argument set-up, multiple
         * assignment): one MOV2, unless the second could be a jump target
         * or starts a line; nothing keeps the pc of a MOV */
        fs->code[pc - 3] = OP_MOV2;
        fs->code[pc] = fs->code[pc + 1];
        fs->code[pc + 1] = fs->code[pc + 2];
        fs->ncode = pc + 2;
        pc -= 3;
    }
    fs->last_pc = pc;
    return pc;
}

int emit_call(FnState *fs, int at, Func *fn, int nargs)
{
    uint64_t p = (uint64_t)(uintptr_t)fn;
    return emit(fs, OP_CALL, at, emit_const_ptr(fs, fn), nargs, (int)(uint32_t)p,
                (int)(uint32_t)(p >> 32));
}

int emit_here(FnState *fs)
{
    fs->here_pc = fs->ncode;
    return fs->ncode;
}

int emit_oplen(uint32_t op) { return 1 + (int)strlen(op_formats[op]); }

int emit_jump_operand(uint32_t op)
{
    const char *f = op_formats[op], *j = strchr(f, 'j');
    return j ? (int)(j - f) : -1;
}

void emit_patch_jump(FnState *fs, int pc, int target)
{
    const char *f = op_formats[fs->code[pc]];
    const char *j = strchr(f, 'j');
    if (j) fs->code[pc + 1 + (j - f)] = (uint32_t)target;
}

void emit_patch(FnState *fs, int pc, int operand, int target)
{
    fs->code[pc + 1 + operand] = (uint32_t)target;
}

/* Consts up to this many are searched linearly, then through ctab. */
#define CONST_LINEAR 32

static inline uint64_t const_hash(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdu;
    x ^= x >> 33;
    return x;
}

static void const_tab_put(int *tab, int cap, const Slot *consts, int k)
{
    uint64_t i = const_hash(consts[k].u) & (uint64_t)(cap - 1);
    while (tab[i]) i = (i + 1) & (uint64_t)(cap - 1);
    tab[i] = k + 1;
}

int emit_const(FnState *fs, Slot v)
{
    if (fs->ctab) {
        uint64_t m = (uint64_t)fs->ctabcap - 1;
        for (uint64_t i = const_hash(v.u) & m; fs->ctab[i]; i = (i + 1) & m)
            if (fs->consts[fs->ctab[i] - 1].u == v.u) return fs->ctab[i] - 1;
    } else {
        for (int i = 0; i < fs->nconsts; i++)
            if (fs->consts[i].u == v.u) return i;
    }
    compile_grow((void **)&fs->consts, &fs->capconsts, fs->nconsts + 1, sizeof(Slot));
    int k = fs->nconsts++;
    fs->consts[k] = v;
    if (fs->nconsts <= CONST_LINEAR) return k;
    if (!fs->ctab || 2 * fs->nconsts > fs->ctabcap) {
        int cap = fs->ctabcap ? fs->ctabcap * 2 : 128;
        while (2 * fs->nconsts > cap) cap *= 2;
        fs->ctab = GC_MALLOC_ATOMIC((size_t)cap * sizeof(int));
        memset(fs->ctab, 0, (size_t)cap * sizeof(int));
        fs->ctabcap = cap;
        for (int j = 0; j < fs->nconsts; j++) const_tab_put(fs->ctab, cap, fs->consts, j);
    } else {
        const_tab_put(fs->ctab, fs->ctabcap, fs->consts, k);
    }
    return k;
}

int emit_const_ptr(FnState *fs, const void *p)
{
    Slot s;
    s.p = (void *)p;
    return emit_const(fs, s);
}

/* A pair of constants at consecutive indices (never shared). */
static int emit_const2(FnState *fs, Slot a, Slot b)
{
    compile_grow((void **)&fs->consts, &fs->capconsts, fs->nconsts + 2, sizeof(Slot));
    fs->consts[fs->nconsts] = a;
    fs->consts[fs->nconsts + 1] = b;
    fs->nconsts += 2;
    return fs->nconsts - 2;
}

int emit_const_pair(FnState *fs, const void *a, const void *b)
{
    Slot x, y;
    x.p = (void *)a;
    y.p = (void *)b;
    return emit_const2(fs, x, y);
}

void emit_line(FnState *fs, Node *n)
{
    if (n) {
        fs->at = n;
        emit_line_at(fs, n->pos.line);
    }
}

int emit_imm(FnState *fs, uint64_t v)
{
    if (v <= INT32_MAX) return (int)v;
    emit_error(fs, fs->at ? fs->at : fs->node, "not supported yet: a size or offset of %llu bytes or elements in one instruction",
               (unsigned long long)v);
    return 0;
}

void emit_load_int(FnState *fs, int dst, int64_t v)
{
    if (v >= INT32_MIN && v <= INT32_MAX) emit(fs, OP_LOADI, dst, (int)v);
    else emit(fs, OP_LOADK, dst, emit_const(fs, (Slot){.i = v}));
}

void emit_idxaddr_array(FnState *fs, int p, int base, int i, Type *et, int64_t len)
{
    int es = emit_imm(fs, et->size);
    if (len <= INT32_MAX) {
        emit(fs, OP_IDXADDRA, p, base, i, es, (int)len);
        return;
    }
    /* a slice header {base, len, len} over the array */
    int sl = reg_alloc(fs, 3);
    emit(fs, OP_MOV, sl, base);
    int k = emit_const(fs, (Slot){.i = len});
    emit(fs, OP_LOADK, sl + 1, k);
    emit(fs, OP_LOADK, sl + 2, k);
    emit(fs, OP_IDXADDR, p, sl, i, es);
}

void emit_line_at(FnState *fs, int line)
{
    if (line <= 0 || line == fs->lastline) return;
    fs->lastline = line;
    compile_grow((void **)&fs->lines, &fs->caplines, fs->nlines + 1, sizeof(LineInfo));
    if (fs->nlines && fs->lines[fs->nlines - 1].pc == (uint32_t)fs->ncode) {
        fs->lines[fs->nlines - 1].line = line;
        return;
    }
    fs->lines[fs->nlines++] = (LineInfo){(uint32_t)fs->ncode, line};
}

int reg_alloc(FnState *fs, int n)
{
    if (n > COMPILE_MAX_FRAME_SLOTS - fs->nreg) {
        /* Go: "stack frame too large (>1GB)"; csp keeps such a value in
         * registers only as a temporary (variables of big types live in
         * heap cells), so it is the same limit */
        if (!fs->c->failed)
            emit_error(fs, fs->at ? fs->at : fs->node, "stack frame too large (>1GB)");
        fs->c->failed = true;
        n = 1;
    }
    int r = fs->nreg;
    fs->nreg += n;
    if (fs->nreg > fs->maxreg) fs->maxreg = fs->nreg;
    return r;
}

int slots(const Type *t)
{
    if (!t) return 0;
    uint64_t n = type_slots(t);
    /* beyond a frame's limit: reg_alloc reports it */
    return n > (uint64_t)COMPILE_MAX_FRAME_SLOTS ? COMPILE_MAX_FRAME_SLOTS + 1 : (int)n;
}

int reg_width(const Type *t)
{
    switch (t->kind) {
    case KIND_INT8: return -1;
    case KIND_INT16: return -2;
    case KIND_INT32: return -4;
    default: return t->size > INT32_MAX ? INT32_MAX : (int)t->size; /* emit_imm reports it */
    }
}

Type *ctype(Type *t)
{
    if (t && kind_is_untyped(t->kind)) {
        if (t->kind == KIND_UNTYPED_NIL) return t;
        return type_default(t);
    }
    return t;
}

/* ---- variables ---- */

static int global_marker;

/* Whether values of t hold an array (indexed dynamically only in memory). */
static bool type_has_array(const Type *t, int depth)
{
    if (!t || depth > 8) return false;
    const Type *u = t->underlying ? t->underlying : t;
    if (u->kind == KIND_ARRAY) return true;
    if (u->kind == KIND_STRUCT)
        for (int i = 0; i < u->nfields; i++)
            if (type_has_array(u->fields[i].type, depth + 1)) return true;
    return false;
}

bool var_in_cell(const Symbol *s)
{
    return s->captured || s->addrtaken || type_has_array(s->type, 0);
}

int global_index(Compiler *c, Symbol *s)
{
    if (s->compiled == &global_marker) return s->index;
    VMProgram *vp = c->vp;
    if (vp->nglobals == c->capglobals) {
        int n = c->capglobals ? c->capglobals * 2 : 64;
        void **g = GC_MALLOC((size_t)n * sizeof(void *));
        const Type **t = GC_MALLOC((size_t)n * sizeof(Type *));
        if (vp->globals) {
            memcpy(g, vp->globals, (size_t)vp->nglobals * sizeof(void *));
            memcpy(t, vp->global_types, (size_t)vp->nglobals * sizeof(Type *));
        }
        vp->globals = g;
        vp->global_types = t;
        c->capglobals = n;
    }
    vp->globals[vp->nglobals] = heap_new(s->type);
    vp->global_types[vp->nglobals] = s->type;
    s->compiled = &global_marker;
    s->index = vp->nglobals++;
    return s->index;
}

int capture_index(FnState *fs, Symbol *s)
{
    for (int i = 0; i < fs->ncaps; i++)
        if (fs->caps[i] == s) return i;
    compile_grow((void **)&fs->caps, &fs->capcaps, fs->ncaps + 1, sizeof(Symbol *));
    fs->caps[fs->ncaps] = s;
    return fs->ncaps++;
}

/* Whether s is declared in the function being compiled by fs. */
static bool var_is_local(FnState *fs, Symbol *s) { return s->compiled == fs; }

Loc var_loc(FnState *fs, Symbol *s)
{
    Loc l = {LOC_REG, 0, 0, s->type, true};
    if (s->global || (!s->compiled && !s->owner && !s->param && !s->funclit)) {
        int r = reg_alloc(fs, 1);
        emit(fs, OP_GLOBAL, r, global_index(fs->c, s));
        l.kind = LOC_MEM;
        l.reg = r;
        l.whole = false;
        return l;
    }
    if (var_is_local(fs, s)) {
        l.reg = s->index;
        if (var_in_cell(s)) {
            l.kind = LOC_MEM;
            l.whole = false;
        }
        return l;
    }
    /* a variable of an enclosing function: captured by reference */
    if (!var_in_cell(s)) {
        emit_error(fs, s->decl, "not supported yet: capture of variable %s (not marked captured)",
                   s->name);
    }
    int r = reg_alloc(fs, 1);
    emit(fs, OP_GETUP, r, capture_index(fs, s));
    l.kind = LOC_MEM;
    l.reg = r;
    l.whole = false;
    return l;
}

int var_declare(FnState *fs, Symbol *s) { return var_declare_init(fs, s, true); }

int var_declare_init(FnState *fs, Symbol *s, bool zero)
{
    /* locals live below the statement's temporaries */
    int r;
    if (var_in_cell(s)) {
        r = reg_alloc(fs, 1);
        emit(fs, OP_NEW, r, emit_const_ptr(fs, s->type));
    } else {
        r = reg_alloc(fs, slots(s->type));
        if (zero && slots(s->type)) emit(fs, OP_ZERO, r, slots(s->type));
    }
    if (fs->nreg > fs->nlocal) fs->nlocal = fs->nreg;
    s->compiled = fs;
    s->index = r;
    return r;
}

/* ---- functions ---- */

static void vp_add_func(Compiler *c, Func *fn)
{
    VMProgram *vp = c->vp;
    if (vp->nfuncs == c->capfuncs) {
        int n = c->capfuncs ? c->capfuncs * 2 : 64;
        Func **f = GC_MALLOC((size_t)n * sizeof(Func *));
        if (vp->funcs) memcpy(f, vp->funcs, (size_t)vp->nfuncs * sizeof(Func *));
        vp->funcs = f;
        c->capfuncs = n;
    }
    vp->funcs[vp->nfuncs++] = fn;
}

static uint32_t sig_slots(const Type *sig, bool results)
{
    uint32_t n = 0;
    int cnt = results ? sig->nresults : sig->nparams;
    Type **ts = results ? sig->results : sig->params;
    for (int i = 0; i < cnt; i++) n += type_slots(ts[i]);
    return n;
}

/* The named type a receiver type belongs to (T for T and *T). */
static Type *recv_named(Type *recv)
{
    if (recv && recv->kind == KIND_POINTER && !recv->name) return recv->elem;
    return recv;
}

static char *cstr_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *cstr_printf(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *r = GC_MALLOC_ATOMIC(strlen(buf) + 1);
    strcpy(r, buf);
    return r;
}

/* Sets Method.fn of the declared method `name` in a named type's tables. */
static void bind_method(Type *named, const char *name, Func *fn)
{
    for (int i = 0; i < named->nmethods; i++)
        if (!strcmp(named->methods[i].name, name) && !named->methods[i].promoted)
            named->methods[i].fn = fn;
    for (int i = 0; i < named->nptrmethods; i++)
        if (!strcmp(named->ptrmethods[i].name, name) && !named->ptrmethods[i].promoted)
            named->ptrmethods[i].fn = fn;
}

Func *compile_func_for_sym(Compiler *c, Symbol *sym)
{
    if (sym->compiled) return sym->compiled;
    Func *fn = GC_MALLOC(sizeof(Func));
    Package *pkg = sym->pkg;
    const char *pname = pkg ? pkg->path : "main";
    Type *recv = sym->recv;
    if (recv) {
        Type *named = recv_named(recv);
        bool ptr = named != recv;
        fn->name = ptr ? cstr_printf("%s.(*%s).%s", pname, named->name, sym->name)
                       : cstr_printf("%s.%s.%s", pname, named->name, sym->name);
    } else {
        fn->name = cstr_printf("%s.%s", pname, sym->name);
    }
    fn->type = sym->type;
    fn->nparams = sig_slots(sym->type, false) + (recv ? type_slots(recv) : 0);
    fn->nresults = sig_slots(sym->type, true);
    fn->nregs = fn->nparams > fn->nresults ? fn->nparams : fn->nresults;
    sym->compiled = fn;
    vp_add_func(c, fn);
    return fn;
}

/* Initialises a new FnState for fn. */
static FnState *fs_new(Compiler *c, FnState *parent, Func *fn, Node *node, Type *sig)
{
    FnState *fs = GC_MALLOC(sizeof(FnState));
    fs->c = c;
    fs->parent = parent;
    fs->fn = fn;
    fs->node = node;
    fs->sig = sig;
    fs->fallthrough_jump = -1;
    return fs;
}

/* Declares the parameters (already in registers) of a function. */
static void declare_params(FnState *fs, NodeList *fields, int *reg)
{
    for (int i = 0; i < fields->len; i++) {
        Node *f = fields->items[i];
        Type *t = f->u.field.type ? f->u.field.type->type : NULL;
        if (f->u.field.names.len == 0) {
            *reg += slots(t);
            continue;
        }
        for (int j = 0; j < f->u.field.names.len; j++) {
            Node *id = f->u.field.names.items[j];
            Symbol *s = id->u.ident.sym;
            int n = s ? slots(s->type) : slots(t);
            if (s) {
                s->compiled = fs;
                s->index = *reg;
            }
            *reg += n;
        }
    }
}

/* Moves parameters that must live in cells into fresh cells. */
static void cell_params(FnState *fs, NodeList *fields)
{
    for (int i = 0; i < fields->len; i++) {
        Node *f = fields->items[i];
        for (int j = 0; j < f->u.field.names.len; j++) {
            Symbol *s = f->u.field.names.items[j]->u.ident.sym;
            if (!s || !var_in_cell(s)) continue;
            int src = s->index;
            int r = reg_alloc(fs, 1);
            emit(fs, OP_NEW, r, emit_const_ptr(fs, s->type));
            emit(fs, OP_STORE, r, 0, src, reg_width(s->type));
            s->index = r;
        }
    }
}

/* Finishes fs into its Func. */
static void fs_finish(FnState *fs)
{
    Func *fn = fs->fn;
    /* falling off the end returns at the closing brace: the line Go's
     * tracebacks give a frame running its deferred calls there */
    Node *body = !fs->node                          ? NULL
                 : fs->node->kind == AST_FUNCDECL ? fs->node->u.funcdecl.body
                 : fs->node->kind == AST_FUNCLIT  ? fs->node->u.funclit.body
                                                  : NULL;
    if (body && body->u.blockstmt.rbrace.line > 0) emit_line_at(fs, body->u.blockstmt.rbrace.line);
    emit(fs, OP_RET);
    fn->code = fs->code;
    fn->ncode = (uint32_t)fs->ncode;
    fn->consts = fs->consts;
    fn->nconsts = (uint32_t)fs->nconsts;
    fn->lines = fs->lines;
    fn->nlines = (uint32_t)fs->nlines;
    uint32_t need = (uint32_t)fs->maxreg;
    if (need < fn->nparams) need = fn->nparams;
    if (need < fn->nresults) need = fn->nresults;
    fn->nregs = need;
    fn->resreg = (uint32_t)fs->resreg;
    fn->file = fs->c->file;
    if (fs->nrescells) {
        fn->rescells = fs->rescells;
        fn->nrescells = (uint32_t)fs->nrescells;
    }
}

/* Compiles a function body with the given signature node (FUNCTYPE) and
 * optional receiver field into fn. */
static void compile_body(FnState *fs, Node *recv, Node *ftype, Node *body)
{
    int reg = 0;
    if (recv) {
        NodeList one = {1, 1, &recv};
        declare_params(fs, &one, &reg);
    }
    declare_params(fs, &ftype->u.functype.params, &reg);
    fs->nreg = fs->nlocal = fs->maxreg = reg;
    /* results */
    int nres = (int)sig_slots(fs->sig, true);
    fs->resreg = reg_alloc(fs, nres);
    fs->nlocal = fs->nreg;
    if (recv) {
        NodeList one = {1, 1, &recv};
        cell_params(fs, &one);
    }
    cell_params(fs, &ftype->u.functype.params);
    int off = 0;
    NodeList *rl = &ftype->u.functype.results;
    for (int i = 0; i < rl->len; i++) {
        Node *f = rl->items[i];
        Type *t = f->u.field.type->type;
        if (f->u.field.names.len == 0) {
            off += slots(t);
            continue;
        }
        for (int j = 0; j < f->u.field.names.len; j++) {
            Symbol *s = f->u.field.names.items[j]->u.ident.sym;
            if (s) {
                s->compiled = fs;
                if (var_in_cell(s)) {
                    int r = reg_alloc(fs, 1);
                    emit(fs, OP_NEW, r, emit_const_ptr(fs, s->type));
                    s->index = r;
                    uint32_t *rc = GC_MALLOC_ATOMIC((size_t)(fs->nrescells + 1) * 3 * sizeof(uint32_t));
                    if (fs->nrescells) memcpy(rc, fs->rescells, (size_t)fs->nrescells * 3 * sizeof(uint32_t));
                    rc[fs->nrescells * 3] = (uint32_t)r;
                    rc[fs->nrescells * 3 + 1] = (uint32_t)off;
                    rc[fs->nrescells * 3 + 2] = (uint32_t)reg_width(s->type);
                    fs->rescells = rc;
                    fs->nrescells++;
                } else {
                    s->index = fs->resreg + off;
                }
            }
            off += slots(t);
        }
    }
    fs->nlocal = fs->nreg;
    /* Frames are not cleared on entry: results start at zero only where
     * that can be seen (named results; a recovered panic returns them) */
    bool named = false;
    for (int i = 0; i < rl->len; i++)
        if (rl->items[i]->u.field.names.len) named = true;
    if (nres && (named || stmts_have_defer(&body->u.blockstmt.list)))
        emit(fs, OP_ZERO, fs->resreg, nres);
    compile_block(fs, &body->u.blockstmt.list);
    fs_finish(fs);
}

Func *compile_funclit(FnState *parent, Node *lit, int *ncaps, Symbol ***caps)
{
    Compiler *c = parent->c;
    Func *fn = GC_MALLOC(sizeof(Func));
    int n = ++parent->nfunclits;
    bool parent_is_lit = parent->node && parent->node->kind == AST_FUNCLIT;
    fn->name = parent_is_lit ? cstr_printf("%s.%d", parent->fn->name, n)
                             : cstr_printf("%s.func%d", parent->fn->name, n);
    Type *sig = lit->type;
    fn->type = sig;
    fn->nparams = sig_slots(sig, false);
    fn->nresults = sig_slots(sig, true);
    vp_add_func(c, fn);
    FnState *fs = fs_new(c, parent, fn, lit, sig);
    compile_body(fs, NULL, lit->u.funclit.type, lit->u.funclit.body);
    *ncaps = fs->ncaps;
    *caps = fs->caps;
    return fn;
}

/* ---- program ---- */

static char *abs_path(const char *f)
{
    if (!f) return "?";
    if (f[0] == '/') return (char *)f;
    char *r = realpath(f, NULL);
    if (!r) return (char *)f;
    char *g = GC_MALLOC_ATOMIC(strlen(r) + 1);
    strcpy(g, r);
    free(r);
    return g;
}

/* Generates a wrapper for a promoted method: receiver of `named` (or
 * *named when ptr), walks the embedding path and calls the real method. */
static Func *promoted_wrapper(Compiler *c, Type *named, Method *m, bool ptr)
{
    int path[16];
    bool deref[16];
    Type *rtype = NULL;
    int np = check_method_path(ptr && named->ptrto ? named->ptrto : named, m->name, path, deref,
                               16, &rtype);
    if (np <= 0) return NULL;
    /* the type at the end of the path, and the method it really has */
    Type *t = named;
    for (int i = 0; i < np; i++) {
        if (t->underlying->kind == KIND_POINTER) t = t->underlying->elem;
        if (t->underlying->kind != KIND_STRUCT || path[i] >= t->underlying->nfields) return NULL;
        t = t->underlying->fields[path[i]].type;
    }
    bool via_iface = t->underlying->kind == KIND_INTERFACE;
    Type *rt = t->kind == KIND_POINTER && !t->name ? t->elem : t;
    const Method *real = NULL;
    if (!via_iface) {
        real = type_method(rt, m->name);
        if (!real || real->promoted || !real->fn) {
            real = NULL;
            for (int i = 0; i < rt->nptrmethods; i++)
                if (!strcmp(rt->ptrmethods[i].name, m->name) && !rt->ptrmethods[i].promoted)
                    real = &rt->ptrmethods[i];
        }
        if (!real || !real->fn) return NULL;
    }
    Func *fn = GC_MALLOC(sizeof(Func));
    fn->name = ptr ? cstr_printf("%s.(*%s).%s", named->pkg ? named->pkg : "main", named->name, m->name)
                   : cstr_printf("%s.%s.%s", named->pkg ? named->pkg : "main", named->name, m->name);
    Type *sig = m->sig;
    fn->type = sig;
    int rs = ptr ? 1 : slots(named);
    fn->nparams = (uint32_t)rs + sig_slots(sig, false);
    fn->nresults = sig_slots(sig, true);
    vp_add_func(c, fn);
    FnState *fs = fs_new(c, NULL, fn, NULL, sig);
    fs->nreg = fs->nlocal = fs->maxreg = (int)fn->nparams;
    fs->resreg = 0;
    /* walk the path: the place starts at the receiver */
    Loc l = {ptr ? LOC_MEM : LOC_REG, 0, 0, named, !ptr};
    t = named;
    for (int i = 0; i < np; i++) {
        if (t->underlying->kind == KIND_POINTER) {
            int p = reg_alloc(fs, 1);
            loc_read(fs, &l, p);
            t = t->underlying->elem;
            l = (Loc){LOC_MEM, p, 0, t, false};
        }
        Field *fl = &t->underlying->fields[path[i]];
        l.off += emit_imm(fs, fl->offset);
        l.type = fl->type;
        l.whole = false;
        t = fl->type;
    }
    int nargs = (int)sig_slots(sig, false);
    if (via_iface) {
        int x = reg_alloc(fs, 2);
        loc_read(fs, &l, x);
        int at = reg_alloc(fs, 1 + nargs + (int)fn->nresults + 1);
        if (nargs) emit(fs, OP_MOVN, at + 1, rs, nargs);
        emit(fs, OP_CALLI, at, x, emit_const_pair(fs, m->name, GC_MALLOC(sizeof(void *))), 1 + nargs);
        if (fn->nresults) emit(fs, OP_MOVN, 0, at, (int)fn->nresults);
        fs_finish(fs);
        return fn;
    }
    int callee_rs = real->ptrrecv ? 1 : slots(rt);
    int at = reg_alloc(fs, callee_rs + nargs + (int)fn->nresults + 1);
    if (real->ptrrecv) {
        if (t->kind == KIND_POINTER) loc_read(fs, &l, at);
        else {
            int a = loc_addr(fs, &l, NULL);
            emit(fs, OP_MOV, at, a);
        }
    } else {
        if (t->kind == KIND_POINTER) {
            int p = reg_alloc(fs, 1);
            loc_read(fs, &l, p);
            emit(fs, OP_LOAD, at, p, 0, reg_width(rt));
        } else {
            loc_read(fs, &l, at);
        }
    }
    if (nargs) emit(fs, OP_MOVN, at + callee_rs, rs, nargs);
    emit_call(fs, at, real->fn, callee_rs + nargs);
    if (fn->nresults) emit(fs, OP_MOVN, 0, at, (int)fn->nresults);
    fs_finish(fs);
    return fn;
}

Func *compile_method_thunk(Compiler *c, Type *rt, const char *name, const Method *m)
{
    Type *sig = NULL;
    if (rt->underlying->kind == KIND_INTERFACE) {
        const Method *im = type_method(rt, name);
        if (im) sig = im->sig;
    } else if (m) {
        sig = m->sig;
    }
    if (!sig) sig = type_func(NULL, 0, NULL, 0, false);
    Func *fn = GC_MALLOC(sizeof(Func));
    char tn[256];
    type_string(rt, true, tn, sizeof tn);
    fn->name = cstr_printf("%s.%s-fm", tn, name);
    fn->type = sig;
    int rs = slots(rt);
    int nargs = (int)sig_slots(sig, false);
    fn->nparams = (uint32_t)(rs + nargs);
    fn->nresults = sig_slots(sig, true);
    vp_add_func(c, fn);
    FnState *fs = fs_new(c, NULL, fn, NULL, sig);
    fs->nreg = fs->nlocal = fs->maxreg = (int)fn->nparams;
    fs->resreg = 0;
    if (rt->underlying->kind == KIND_INTERFACE) {
        int at = reg_alloc(fs, 1 + nargs + (int)fn->nresults + 1);
        if (nargs) emit(fs, OP_MOVN, at + 1, rs, nargs);
        emit(fs, OP_CALLI, at, 0, emit_const_pair(fs, name, GC_MALLOC(sizeof(void *))), 1 + nargs);
        if (fn->nresults) emit(fs, OP_MOVN, 0, at, (int)fn->nresults);
    } else {
        Type *et = rt->underlying->elem;
        int vs = slots(et);
        int at = reg_alloc(fs, vs + nargs + (int)fn->nresults + 1);
        emit(fs, OP_LOAD, at, 0, 0, reg_width(et));
        if (nargs) emit(fs, OP_MOVN, at + vs, rs, nargs);
        emit_call(fs, at, m->fn, vs + nargs);
        if (fn->nresults) emit(fs, OP_MOVN, 0, at, (int)fn->nresults);
    }
    fs_finish(fs);
    return fn;
}

Func *compile_call_thunk(FnState *parent, Node *call, int nparams, bool is_go)
{
    Compiler *c = parent->c;
    Func *fn = GC_MALLOC(sizeof(Func));
    /* Go names these main.f.deferwrap1 / gowrap1; tracebacks show them */
    const char *outer = parent->fn && parent->fn->name ? parent->fn->name : "main";
    fn->name = cstr_printf("%s.%s%d", outer, is_go ? "gowrap" : "deferwrap", ++parent->nwraps);
    Type *sig = type_func(NULL, 0, NULL, 0, false);
    fn->type = sig;
    fn->nparams = (uint32_t)nparams;
    vp_add_func(c, fn);
    FnState *fs = fs_new(c, NULL, fn, NULL, sig);
    fs->nreg = fs->nlocal = fs->maxreg = nparams;
    fs->wrapper = true;
    emit_line(fs, call);
    compile_call_to(fs, call, -1);
    fs_finish(fs);
    return fn;
}

void compile_bind_promoted(Compiler *c, Type *named)
{
    if (!named) return;
    for (int i = 0; i < named->nmethods; i++) {
        Method *m = &named->methods[i];
        if (m->promoted && !m->fn) m->fn = promoted_wrapper(c, named, m, false);
    }
    for (int i = 0; i < named->nptrmethods; i++) {
        Method *m = &named->ptrmethods[i];
        /* the VM passes *T for a pointer-receiver entry, and T (loaded
         * through the pointer) for a value-receiver one */
        if (m->promoted && !m->fn) m->fn = promoted_wrapper(c, named, m, m->ptrrecv);
    }
}

static VMProgram *compile_program_here(Program *prog, Diags *diags);

typedef struct {
    Program *prog;
    Diags *diags;
    VMProgram *vp;
} CompileCall;

static void compile_program_deep(void *p)
{
    CompileCall *cc = p;
    cc->vp = compile_program_here(cc->prog, cc->diags);
}

/* On a deep stack, as the checker (lang_deep_call): code generation
 * recurses once per level of an expression too. */
VMProgram *compile_program(Program *prog, Diags *diags)
{
    CompileCall cc = {prog, diags, NULL};
    lang_deep_call(compile_program_deep, &cc);
    return cc.vp;
}

static VMProgram *compile_program_here(Program *prog, Diags *diags)
{
    Compiler *c = GC_MALLOC(sizeof(Compiler));
    c->prog = prog;
    c->diags = diags;
    c->vp = GC_MALLOC(sizeof(VMProgram));
    /* pass 1: a Func for every declared function, methods bound */
    for (int p = 0; p < prog->npkgs; p++) {
        Package *pkg = prog->pkgs[p];
        for (int fi = 0; fi < pkg->files.len; fi++) {
            Node *file = pkg->files.items[fi];
            for (int d = 0; d < file->u.file.decls.len; d++) {
                Node *decl = file->u.file.decls.items[d];
                if (decl->kind != AST_FUNCDECL) continue;
                Symbol *sym = decl->u.funcdecl.sym;
                if (!sym) continue;
                if (!sym->pkg) sym->pkg = pkg;
                Func *fn = compile_func_for_sym(c, sym);
                if (!decl->u.funcdecl.body) {
                    const char *name = sym->name;
                    if (sym->recv) {
                        Type *named = recv_named(sym->recv);
                        name = named != sym->recv ? cstr_printf("*%s.%s", named->name, sym->name)
                                                  : cstr_printf("%s.%s", named->name, sym->name);
                    }
                    NativeFn nfn = NULL;
                    const void *ndata = NULL;
                    const Importer *imp = prog->importer ? prog->importer : importer_std();
                    if (!sym->foreign && pkg->native && imp->native)
                        imp->native(imp->ctx, pkg->path, name, &nfn, &ndata);
                    fn->native = nfn;
                    fn->native_data = ndata;
                    fn->file = "<native>";
                    if (sym->foreign) {
                        char err[512];
                        fn->native = foreign_bind(sym->foreign, sym->name, sym->type, &fn->native_data,
                                                  err, sizeof err);
                        if (!fn->native) {
                            c->file = file->u.file.filename;
                            diags_add(diags, c->file, decl->u.funcdecl.name->pos, "%s", err);
                            c->failed = true;
                        }
                    } else if (!fn->native) {
                        c->file = file->u.file.filename;
                        diags_add(diags, c->file, decl->pos, "not supported yet: native %s.%s",
                                  pkg->path, name);
                        c->failed = true;
                    }
                }
                if (sym->recv) bind_method(recv_named(sym->recv), sym->name, fn);
            }
        }
    }
    /* pass 2: bodies */
    for (int p = 0; p < prog->npkgs; p++) {
        Package *pkg = prog->pkgs[p];
        c->pkg = pkg;
        for (int fi = 0; fi < pkg->files.len; fi++) {
            Node *file = pkg->files.items[fi];
            c->file = abs_path(file->u.file.filename);
            c->srcname = file->u.file.filename;
            for (int d = 0; d < file->u.file.decls.len; d++) {
                Node *decl = file->u.file.decls.items[d];
                if (decl->kind != AST_FUNCDECL || !decl->u.funcdecl.body) continue;
                Symbol *sym = decl->u.funcdecl.sym;
                if (!sym) continue;
                Func *fn = sym->compiled;
                FnState *fs = fs_new(c, NULL, fn, decl, sym->type);
                compile_body(fs, decl->u.funcdecl.recv, decl->u.funcdecl.type, decl->u.funcdecl.body);
            }
        }
    }
    /* promoted-method wrappers for every package-level named type (local
     * types get theirs when their declaration is compiled) */
    for (int p = 0; p < prog->npkgs; p++) {
        Package *pkg = prog->pkgs[p];
        Scope *sc = pkg->scope;
        for (int i = 0; sc && i < sc->len; i++) {
            Symbol *s = sc->syms[i];
            if (s->kind == SYM_TYPE && s->type && s->type->name && s->type->pkg) compile_bind_promoted(c, s->type);
        }
    }
    /* main.init: every package's variable initialisers and init()s, in
     * dependency order (as Go's traceback names it; the host may run it
     * alone before calling functions, see vm_run_func) */
    Func *initfn = GC_MALLOC(sizeof(Func));
    initfn->name = "main.init";
    vp_add_func(c, initfn);
    FnState *fs = fs_new(c, NULL, initfn, NULL, type_func(NULL, 0, NULL, 0, false));
    fs->nreg = fs->nlocal = fs->maxreg = 0;
    for (int p = 0; p < prog->npkgs; p++) {
        Package *pkg = prog->pkgs[p];
        c->pkg = pkg;
        if (pkg->files.len) {
            c->file = abs_path(pkg->files.items[0]->u.file.filename);
            c->srcname = pkg->files.items[0]->u.file.filename;
        }
        fs->node = pkg->files.len ? pkg->files.items[0] : NULL;
        for (int i = 0; i < pkg->inits.len; i++) {
            Node *spec = pkg->inits.items[i];
            emit_line(fs, spec);
            compile_valuespec(fs, spec, true);
            fs->nreg = fs->nlocal;
        }
        for (int fi = 0; fi < pkg->files.len; fi++) {
            Node *file = pkg->files.items[fi];
            for (int d = 0; d < file->u.file.decls.len; d++) {
                Node *decl = file->u.file.decls.items[d];
                if (decl->kind != AST_FUNCDECL || decl->u.funcdecl.recv || !decl->u.funcdecl.sym) continue;
                if (strcmp(decl->u.funcdecl.name->u.ident.name, "init")) continue;
                Func *ifn = decl->u.funcdecl.sym->compiled;
                int r = reg_alloc(fs, 1);
                emit_call(fs, r, ifn, 0);
                fs->nreg = fs->nlocal;
            }
        }
    }
    fs->node = NULL;
    fs_finish(fs);
    c->vp->init = initfn;

    /* the entry: main.init, then main (or the script's statements) */
    Func *entry = GC_MALLOC(sizeof(Func));
    entry->name = "main.main";
    vp_add_func(c, entry);
    fs = fs_new(c, NULL, entry, NULL, type_func(NULL, 0, NULL, 0, false));
    fs->nreg = fs->nlocal = fs->maxreg = 0;
    emit_call(fs, reg_alloc(fs, 1), initfn, 0);
    fs->nreg = fs->nlocal;
    for (int p = 0; p < prog->npkgs; p++) {
        Package *pkg = prog->pkgs[p];
        c->pkg = pkg;
        if (pkg->is_script) {
            for (int fi = 0; fi < pkg->files.len; fi++) {
                Node *file = pkg->files.items[fi];
                c->file = abs_path(file->u.file.filename);
                c->srcname = file->u.file.filename;
                fs->node = file;
                compile_block(fs, &file->u.file.stmts);
            }
        }
    }
    if (prog->main_func) {
        Func *mfn = compile_func_for_sym(c, prog->main_func);
        int r = reg_alloc(fs, 1);
        emit_call(fs, r, mfn, 0);
        entry->name = "runtime.main";
    }
    fs->node = NULL;
    fs_finish(fs);
    c->vp->entry = entry;
    if (c->failed) return NULL;
    return c->vp;
}
