/* compile_priv.h — the compiler's private state, shared by
 * lang/compile.c (functions, statements, emission) and
 * lang/compile_expr.c (expressions, calls, builtins).
 *
 * Only lang/compile*.c include it.
 */
#ifndef CSP_COMPILE_PRIV_H
#define CSP_COMPILE_PRIV_H

#include "../runtime/opcodes.h"
#include "compile.h"

typedef struct Compiler Compiler;
typedef struct FnState FnState;

/* A break/continue target being compiled. */
typedef struct Loop {
    struct Loop *prev;
    Node *node;        /* FOR/RANGE/SWITCH/TYPESWITCH/SELECT statement */
    bool is_loop;      /* continue applies */
    int *breaks, nbreaks, capbreaks; /* jumps to patch to the end */
    int *conts, nconts, capconts;    /* jumps to patch to the continue point */
} Loop;

/* One function being compiled. */
struct FnState {
    FnState *parent;
    Compiler *c;
    Func *fn;
    Node *node;        /* FUNCDECL, FUNCLIT, or FILE (a script's body) */
    Type *sig;
    uint32_t *code;
    int ncode, capcode;
    Slot *consts;
    int nconsts, capconsts;
    /* A hash index of consts (numbers + 1, 0 empty) once there are many,
     * so a function naming 100,000 functions and constants does not scan
     * its table at each; ctabcap a power of two. */
    int *ctab;
    int ctabcap;
    LineInfo *lines;
    int nlines, caplines;
    int lastline;
    int last_pc; /* the last instruction emitted (for emit's MOV pairing) */
    int here_pc; /* the last position emit_here gave out: a possible jump
                    target, so no instruction may merge across it */
    int nreg, nlocal, maxreg;
    Symbol **caps;     /* captured variables (cell pointers in the closure) */
    int ncaps, capcaps;
    Loop *loops;
    int resreg;        /* first result register */
    int nfunclits;     /* for naming closures */
    int nwraps;        /* for naming go/defer thunks of builtins */
    uint32_t *rescells;
    int nrescells;
    int fallthrough_jump; /* pending fallthrough jump to patch, or -1 */
    struct GotoLabel { Node *stmt; int pc; } *labels; /* labels compiled so far */
    int nlabels, caplabels;
    struct GotoLabel *gotos; /* forward gotos: stmt their target, pc the jump */
    int ngotos, capgotos;
    bool wrapper;      /* a go/defer thunk: a recover() in it is not called
                          directly by the deferred function, so it
                          recovers nothing (as Go's deferwrap) */
    Node *at;          /* the statement or expression last given to
                          emit_line: where a size error is reported */
    bool loc_copy;     /* loc_of copies pointers out of variables: set while
                          preparing a tuple assignment, whose later targets
                          may reassign the pointer before the store */
};

struct Compiler {
    Program *prog;
    Diags *diags;
    Package *pkg;
    const char *file;  /* current file, absolute (tracebacks, as Go's) */
    const char *srcname; /* current file as given (compile errors) */
    VMProgram *vp;
    int capfuncs;
    int capglobals;
    bool failed;
};

/* A place holding a value: registers (with a byte offset inside them) or
 * memory at R[reg].p + off. `whole`: the registers are the variable
 * itself (written with MOVN), not a field inside a larger value. */
typedef enum { LOC_REG, LOC_MEM } LocKind;
typedef struct Loc {
    LocKind kind;
    int reg;
    int off;
    Type *type;
    bool whole;
} Loc;

/* ---- compile.c ---- */
void compile_grow(void **p, int *cap, int need, size_t elem); /* grow an array */
int emit_const_pair(FnState *fs, const void *a, const void *b); /* K[i], K[i+1] */
void compile_bind_promoted(Compiler *c, Type *named); /* promoted-method wrappers */
/* A function for a method expression whose receiver needs adapting:
 * I.M (rt an interface: dynamic call) or (*T).M of a value method m. */
Func *compile_method_thunk(Compiler *c, Type *rt, const char *name, const Method *m);

/* ---- compile_stmt.c ---- */
void compile_valuespec(FnState *fs, Node *spec, bool global);
bool stmts_have_defer(NodeList *l); /* a defer statement outside closures */
void emit_error(FnState *fs, Node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int emit(FnState *fs, Opcode op, ...); /* returns the instruction's pc */
int emit_here(FnState *fs);
int emit_call(FnState *fs, int at, Func *fn, int nargs); /* CALL of fn, at R[at] */
int emit_oplen(uint32_t op); /* words of an instruction, opcode included */
void emit_patch(FnState *fs, int pc, int operand, int target); /* set an operand */
void emit_patch_jump(FnState *fs, int pc, int target); /* set a jump's target */
int emit_jump_operand(uint32_t op); /* operand index of op's target, or -1 */
int emit_const(FnState *fs, Slot v);
int emit_const_ptr(FnState *fs, const void *p);
int reg_alloc(FnState *fs, int nslots);
/* Instruction operands are 32-bit: a size, length or offset that does not
 * fit is reported ("not supported yet") instead of wrapping. Returns v, or
 * 0 after the report. */
int emit_imm(FnState *fs, uint64_t v);
/* R[p] := &base[i] for an array of len elements of type et at R[base].p,
 * with the bounds check: IDXADDRA, or a slice-style IDXADDR when len is
 * too long for an operand. */
void emit_idxaddr_array(FnState *fs, int p, int base, int i, Type *et, int64_t len);
/* R[dst].i := v: LOADI, or a constant when v does not fit an operand. */
void emit_load_int(FnState *fs, int dst, int64_t v);
/* Go's limit on a frame, in register slots (1 GB). */
#define COMPILE_MAX_FRAME_SLOTS ((int)((1 << 30) / 8))
int reg_width(const Type *t); /* width code of t in memory */
int slots(const Type *t);
Type *ctype(Type *t); /* the final type (untyped constants defaulted) */
void emit_line(FnState *fs, Node *n);
void emit_line_at(FnState *fs, int line); /* code from here on is `line`'s */
Func *compile_func_for_sym(Compiler *c, Symbol *sym);
Func *compile_funclit(FnState *fs, Node *lit, int *ncaps, Symbol ***caps);
void compile_block(FnState *fs, NodeList *stmts);
/* The function that `go`/`defer` runs for a builtin call or conversion:
 * `call` with its evaluated arguments as REGVAL nodes naming the first
 * `nparams` slots (its parameters). */
Func *compile_call_thunk(FnState *parent, Node *call, int nparams, bool is_go);

/* Variables. */
bool var_in_cell(const Symbol *s);
Loc var_loc(FnState *fs, Symbol *s);
int var_declare(FnState *fs, Symbol *s); /* allocates, zeroes; returns reg */
/* The same; zero=false when a full value is stored right away. */
int var_declare_init(FnState *fs, Symbol *s, bool zero);
int capture_index(FnState *fs, Symbol *s);
int global_index(Compiler *c, Symbol *s);

/* ---- compile_expr.c and compile_call.c ---- */
int expr(FnState *fs, Node *e);                  /* value in returned regs */
void expr_to(FnState *fs, Node *e, int dst);     /* value into dst */
void expr_as(FnState *fs, Node *e, Type *t, int dst); /* converted to t */
int expr_as_reg(FnState *fs, Node *e, Type *t);
/* The key of m[key] for a lookup, in a register. string(b) of a []byte b
 * is not copied (as Go's lookups do not): the key then borrows b's bytes,
 * *borrowed says so, and it must only be looked up at once (MAPGET) or
 * inserted by MAPREF with its borrowed flag. */
int map_key_reg(FnState *fs, Node *key, Type *kt, bool *borrowed);
bool mul_fusable(Node *e, Type *t); /* e is x*y that a multiply-add takes */
void mul_operands(FnState *fs, Node *e, Type *t, int *b, int *c); /* its x, y */
void emit_muladd(FnState *fs, Token op, Type *t, int dst, int b, int c, int z); /* z +- b*c */
void convert_value(FnState *fs, Type *from, Type *to, int src, int dst);
bool loc_of(FnState *fs, Node *e, Loc *out);      /* addressable places */
void loc_read(FnState *fs, const Loc *l, int dst);
void loc_write(FnState *fs, const Loc *l, int src);
int loc_addr(FnState *fs, const Loc *l, Node *at);  /* register holding &place */
int compile_call(FnState *fs, Node *call);       /* results at returned reg */
/* Like compile_call, but builtins and conversions write dst directly
 * (other calls still return their region). */
int compile_call_to(FnState *fs, Node *call, int dst);
void compile_go_defer(FnState *fs, Node *call, bool is_go);
/* Jumps if e == when. A condition built with && and || becomes several
 * jumps to the same target, chained through their target operands:
 * *patch is the last one, and cond_patch sets the target of them all. */
void cond_jump(FnState *fs, Node *e, bool when, int *patch);
void cond_patch(FnState *fs, int patch, int target);
void emit_zero(FnState *fs, int dst, Type *t);
/* Sign/zero-extends a narrow scalar copied into reg as raw bytes. */
void emit_norm_mem(FnState *fs, int reg, Type *t);
void emit_load_const(FnState *fs, Node *e, Type *t, int dst);
int float64_const(FnState *fs, Node *e); /* K index of float64 constant e */
bool is_nil(Node *e);
Node *unparen(Node *e);
void store_to_lhs(FnState *fs, Node *lhs, int src, Type *srctype);
void emit_binop(FnState *fs, Token op, Type *t, int dst, int x, int y, Type *ytype, Node *at);
void emit_compare_eq(FnState *fs, int dst, int x, Type *xt, Node *y); /* dst := x == y */
Loc temp_loc(FnState *fs, Node *e); /* a non-addressable value's registers */
/* Puts the receiver of method call/value `sel` in registers (*dst_out). */
const Method *method_receiver(FnState *fs, Node *sel, int *dst_out);

#endif
