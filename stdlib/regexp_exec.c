/* regexp_exec.c — package regexp's programs and matchers: a syntax tree
 * (regexp.h) compiled into Go's instruction program (Alt, Capture,
 * EmptyWidth, Rune, Match) and three ways to run it, chosen per search:
 *
 *   - a lazy DFA over the Pike VM's thread sets, for programs without
 *     empty-width tests: where the first match ends, or that none does;
 *   - Go's bit-state backtracker for small inputs (no capture copying);
 *   - the Pike VM otherwise: all threads in lock step, one rune at a time.
 *
 * All of them take time linear in the input whatever the pattern (no
 * exponential blow-up on (a*)*b), and the two that report submatches
 * follow Go's thread priorities exactly, which is why the program mirrors
 * Go's instruction for instruction: submatches of nullable loops ((a*)*,
 * (a|)+) depend on the order threads are added.
 *
 * A program is immutable once built and shared by every goroutine using
 * the Regexp, except its DFA cache (under a try-lock); per-search scratch
 * is per OS thread, which is safe because a search never yields. Must
 * never call back into script code or keep a pointer into the text.
 */
#include <stdlib.h>

#include "fmtcore.h"
#include "regexp.h"

typedef struct ReFrag {
    uint32_t i;
    uint32_t out; /* patch list: inst<<1 | (1 for arg), chained through it */
    bool nullable;
} ReFrag;

typedef struct ReComp {
    ReInst *inst;
    uint32_t n, cap;
} ReComp;

static uint32_t c_inst(ReComp *c, int op)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        ReInst *ni = heap_alloc((size_t)c->cap * sizeof *ni);
        if (c->n)
            memcpy(ni, c->inst, (size_t)c->n * sizeof *ni);
        c->inst = ni;
    }
    memset(&c->inst[c->n], 0, sizeof c->inst[0]);
    c->inst[c->n].op = (uint8_t)op;
    return c->n++;
}

static void patch(ReComp *c, uint32_t l, uint32_t to)
{
    while (l) {
        ReInst *i = &c->inst[l >> 1];
        if (l & 1) {
            l = i->arg;
            i->arg = to;
        } else {
            l = i->out;
            i->out = to;
        }
    }
}

static uint32_t append_list(ReComp *c, uint32_t l1, uint32_t l2)
{
    if (!l1)
        return l2;
    if (!l2)
        return l1;
    uint32_t last = l1;
    for (;;) {
        ReInst *i = &c->inst[last >> 1];
        uint32_t next = last & 1 ? i->arg : i->out;
        if (!next)
            break;
        last = next;
    }
    ReInst *i = &c->inst[last >> 1];
    if (last & 1)
        i->arg = l2;
    else
        i->out = l2;
    return l1;
}

static ReFrag f_rune(ReComp *c, const int32_t *r, int nr)
{
    uint32_t k = c_inst(c, I_RUNE);
    ReInst *i = &c->inst[k];
    i->r = r;
    i->nr = nr;
    for (int j = 0; j < nr; j++)
        for (int32_t x = r[2 * j]; x <= r[2 * j + 1] && x < 128; x++)
            i->ascii[x >> 6] |= 1ull << (x & 63);
    return (ReFrag){k, k << 1, false};
}

static ReFrag f_simple(ReComp *c, int op, uint32_t arg, bool nullable)
{
    uint32_t k = c_inst(c, op);
    c->inst[k].arg = arg;
    return (ReFrag){k, k << 1, nullable};
}

static ReFrag f_cat(ReComp *c, ReFrag a, ReFrag b)
{
    if (a.i == 0 || b.i == 0)
        return (ReFrag){0, 0, false};
    patch(c, a.out, b.i);
    return (ReFrag){a.i, b.out, a.nullable && b.nullable};
}

static ReFrag f_alt(ReComp *c, ReFrag a, ReFrag b)
{
    if (a.i == 0)
        return b;
    if (b.i == 0)
        return a;
    uint32_t k = c_inst(c, I_ALT);
    c->inst[k].out = a.i;
    c->inst[k].arg = b.i;
    return (ReFrag){k, append_list(c, a.out, b.out), a.nullable || b.nullable};
}

static ReFrag f_quest(ReComp *c, ReFrag a, bool nongreedy)
{
    uint32_t k = c_inst(c, I_ALT);
    uint32_t l;
    if (nongreedy) {
        c->inst[k].arg = a.i;
        l = k << 1;
    } else {
        c->inst[k].out = a.i;
        l = k << 1 | 1;
    }
    return (ReFrag){k, append_list(c, l, a.out), true};
}

/* a+ (and a* when a cannot match empty): a then a loop back. */
static ReFrag f_loop(ReComp *c, ReFrag a, bool nongreedy)
{
    uint32_t k = c_inst(c, I_ALT);
    uint32_t l;
    if (nongreedy) {
        c->inst[k].arg = a.i;
        l = k << 1;
    } else {
        c->inst[k].out = a.i;
        l = k << 1 | 1;
    }
    patch(c, a.out, k);
    return (ReFrag){a.i, l, a.nullable};
}

static ReFrag f_star(ReComp *c, ReFrag a, bool nongreedy)
{
    /* A nullable body is compiled as (a+)? so that thread priority is
     * right (golang.org/issue/46123); otherwise a loop at the front. */
    if (a.nullable)
        return f_quest(c, f_loop(c, a, nongreedy), nongreedy);
    uint32_t k = c_inst(c, I_ALT);
    uint32_t l;
    if (nongreedy) {
        c->inst[k].arg = a.i;
        l = k << 1;
    } else {
        c->inst[k].out = a.i;
        l = k << 1 | 1;
    }
    patch(c, a.out, k);
    return (ReFrag){k, l, true};
}

static const int32_t re_any_notnl[] = {0, '\n' - 1, '\n' + 1, RE_MAX_RUNE};
static const int32_t re_any[] = {0, RE_MAX_RUNE};

static ReFrag compile_node(ReComp *c, const ReNode *re)
{
    switch (re->op) {
    case RN_NOMATCH:
        return (ReFrag){0, 0, false};
    case RN_EMPTY:
        return f_simple(c, I_NOP, 0, true);
    case RN_LIT: {
        int32_t *r = heap_alloc_atomic(2 * sizeof *r);
        r[0] = r[1] = re->rune;
        return f_rune(c, r, 1);
    }
    case RN_CLASS:
        return f_rune(c, re->cls.r, re->cls.n / 2);
    case RN_ANYNOTNL:
        return f_rune(c, re_any_notnl, 2);
    case RN_ANY:
        return f_rune(c, re_any, 1);
    case RN_BOL:
        return f_simple(c, I_EMPTY, E_BOL, true);
    case RN_EOL:
        return f_simple(c, I_EMPTY, E_EOL, true);
    case RN_BOT:
        return f_simple(c, I_EMPTY, E_BOT, true);
    case RN_EOT:
        return f_simple(c, I_EMPTY, E_EOT, true);
    case RN_WORDB:
        return f_simple(c, I_EMPTY, E_WORDB, true);
    case RN_NWORDB:
        return f_simple(c, I_EMPTY, E_NWORDB, true);
    case RN_CAP: {
        ReFrag open = f_simple(c, I_CAP, 2 * (uint32_t)re->cap, true);
        ReFrag body = compile_node(c, re->sub[0]);
        ReFrag close = f_simple(c, I_CAP, 2 * (uint32_t)re->cap + 1, true);
        return f_cat(c, f_cat(c, open, body), close);
    }
    case RN_STAR:
        return f_star(c, compile_node(c, re->sub[0]), re->flags & RF_NONGREEDY);
    case RN_PLUS:
        return f_loop(c, compile_node(c, re->sub[0]), re->flags & RF_NONGREEDY);
    case RN_QUEST:
        return f_quest(c, compile_node(c, re->sub[0]), re->flags & RF_NONGREEDY);
    case RN_CAT: {
        if (re->nsub == 0)
            return f_simple(c, I_NOP, 0, true);
        ReFrag f = compile_node(c, re->sub[0]);
        for (int i = 1; i < re->nsub; i++)
            f = f_cat(c, f, compile_node(c, re->sub[i]));
        return f;
    }
    case RN_ALT: {
        ReFrag f = {0, 0, false};
        for (int i = 0; i < re->nsub; i++)
            f = f_alt(c, f, compile_node(c, re->sub[i]));
        return f;
    }
    }
    return (ReFrag){0, 0, false};
}

static uint32_t skip_nop(const ReProg *p, uint32_t pc)
{
    while (p->inst[pc].op == I_NOP || p->inst[pc].op == I_CAP)
        pc = p->inst[pc].out;
    return pc;
}

/* Bytes in the longest match (the longest path from the start to the
 * match), or -1 when a loop makes it unbounded. Iterative depth-first
 * search: programs can be long (x{1000}). */
static int64_t prog_maxlen(const ReProg *p)
{
    int64_t *len = heap_cmalloc((size_t)p->ninst * sizeof *len);
    uint8_t *color = heap_ccalloc(p->ninst, 1); /* 0 new, 1 on the path, 2 done */
    uint32_t *stack = heap_cmalloc(((size_t)p->ninst * 2 + 2) * sizeof *stack);
    int64_t sp = 0, result = 0;
    stack[sp++] = p->start;
    while (sp > 0) {
        uint32_t pc = stack[sp - 1];
        const ReInst *i = &p->inst[pc];
        uint32_t succ[2];
        int ns = 0;
        if (i->op == I_ALT)
            succ[ns++] = i->out, succ[ns++] = i->arg;
        else if (i->op != I_MATCH && i->op != I_FAIL)
            succ[ns++] = i->out;
        if (color[pc] == 0) {
            color[pc] = 1;
            for (int k = 0; k < ns; k++) {
                if (color[succ[k]] == 1) { /* a loop */
                    result = -1;
                    goto out;
                }
                if (color[succ[k]] == 0)
                    stack[sp++] = succ[k];
            }
            continue;
        }
        sp--;
        if (color[pc] == 2)
            continue;
        int64_t best = 0;
        for (int k = 0; k < ns; k++)
            if (len[succ[k]] > best)
                best = len[succ[k]];
        if (i->op == I_RUNE && i->nr > 0) {
            int32_t hi = i->r[2 * i->nr - 1];
            best += hi < 0x80 ? 1 : hi < 0x800 ? 2 : hi < 0x10000 ? 3 : 4;
        }
        len[pc] = best;
        color[pc] = 2;
    }
    result = len[p->start];
out:
    free(len);
    free(color);
    free(stack);
    return result;
}

static bool is_lit_inst(const ReInst *i)
{
    return i->op == I_RUNE && i->nr == 1 && i->r[0] == i->r[1] && i->r[0] != 0xFFFD;
}

/* Whether Go would run the program with its one-pass engine, which also
 * changes what LiteralPrefix reports: anchored at both ends (\A first,
 * only \z before the match). Go further requires no ambiguous
 * alternation; this accepts the programs with no alternation at all,
 * which are one-pass trivially. */
static bool is_one_pass(const ReProg *p)
{
    const ReInst *st = &p->inst[p->start];
    if (st->op != I_EMPTY || !(st->arg & E_BOT))
        return false;
    for (uint32_t k = 0; k < p->ninst; k++) {
        const ReInst *i = &p->inst[k];
        if (i->op == I_ALT)
            return false;
        if (i->op != I_MATCH && i->op != I_FAIL && p->inst[i->out].op == I_MATCH &&
            !(i->op == I_EMPTY && (i->arg & E_EOT)))
            return false;
    }
    return true;
}

/* The literal prefix (Go's Prog.Prefix, or onePassPrefix) and the start
 * conditions. */
static void prog_analyse(ReProg *p)
{
    StrBuf b;
    sbuf_init(&b);
    if (is_one_pass(p)) {
        uint32_t pc = p->inst[p->start].out;
        while (p->inst[pc].op == I_NOP)
            pc = p->inst[pc].out;
        if (is_lit_inst(&p->inst[pc])) {
            while (is_lit_inst(&p->inst[pc])) {
                sbuf_put_rune(&b, p->inst[pc].r[0]);
                pc = p->inst[pc].out;
            }
            const ReInst *i = &p->inst[pc];
            p->complete = i->op == I_EMPTY && (i->arg & E_EOT) && p->inst[i->out].op == I_MATCH;
        } else {
            p->complete = p->inst[pc].op == I_MATCH;
        }
    } else {
        uint32_t pc = skip_nop(p, p->start);
        while (is_lit_inst(&p->inst[pc])) {
            sbuf_put_rune(&b, p->inst[pc].r[0]);
            pc = skip_nop(p, p->inst[pc].out);
        }
        p->complete = p->inst[pc].op == I_MATCH;
    }
    p->prefix = string_from_bytes(b.p, (int64_t)b.len);

    uint32_t cond = 0;
    for (uint32_t pc = p->start;; pc = p->inst[pc].out) {
        const ReInst *i = &p->inst[pc];
        if (i->op == I_EMPTY)
            cond |= i->arg;
        else if (i->op == I_FAIL) {
            cond = ~0u;
            break;
        } else if (i->op != I_CAP && i->op != I_NOP)
            break;
    }
    p->startcond = cond;

    /* The start set: every byte that can begin a match, when a match must
     * consume a rune first (no empty-width test or match reachable). */
    /* every edge may push once: at most 2 per instruction */
    uint32_t *stack = heap_cmalloc(((size_t)p->ninst * 2 + 2) * sizeof *stack);
    uint8_t *seen = heap_ccalloc(p->ninst, 1);
    int sp = 0;
    bool ok = true;
    stack[sp++] = p->start;
    while (sp && ok) {
        uint32_t k = stack[--sp];
        if (seen[k])
            continue;
        seen[k] = 1;
        const ReInst *i = &p->inst[k];
        switch (i->op) {
        case I_FAIL:
            break;
        case I_ALT:
            stack[sp++] = i->arg;
            stack[sp++] = i->out;
            break;
        case I_CAP:
        case I_NOP:
            stack[sp++] = i->out;
            break;
        case I_EMPTY:
        case I_MATCH:
            ok = false;
            break;
        case I_RUNE:
            for (int j = 0; j < i->nr; j++) {
                int32_t lo = i->r[2 * j], hi = i->r[2 * j + 1];
                for (int32_t x = lo; x <= hi && x < 128; x++)
                    p->startset[x >> 6] |= 1ull << (x & 63);
                if (hi >= 128) /* any multi-byte rune, or an invalid byte */
                    p->startset[2] = p->startset[3] = ~0ull;
            }
            break;
        }
    }
    free(stack);
    free(seen);
    p->has_startset = ok;

    for (uint32_t k = 0; k < p->ninst; k++)
        if (p->inst[k].op == I_EMPTY)
            p->has_empty = true;
    p->dfa_ok = true;
    p->maxlen = prog_maxlen(p);
    pthread_mutex_init(&p->dfa_lock, NULL);
}

/* ---- The Pike VM ---- */

typedef struct ReQueue {
    uint32_t *sparse;
    uint32_t *dense; /* pc | leaf bit 31 */
    int64_t *caps;   /* ncap per dense entry (leaves only) */
    uint32_t n;
} ReQueue;

typedef struct ReAddFrame {
    uint32_t pc; /* UINT32_MAX: restore cap[slot] = val */
    int32_t slot;
    int64_t val;
} ReAddFrame;

typedef struct ReMachine {
    const ReProg *prog;
    ReQueue q[2];
    int64_t *matchcap;
    ReAddFrame *stack;
    uint32_t ninst_cap;
    int ncap_cap;
    bool matched;
    int ncap;
    bool longest;
} ReMachine;

/* Per OS thread scratch: a match never yields, so one machine per thread
 * is never used by two matches at once. Allocated with malloc (it holds
 * no pointers into the collected heap). */
static __thread ReMachine re_tls;

static ReMachine *machine_get(const ReProg *p, int ncap)
{
    ReMachine *m = &re_tls;
    if (m->ninst_cap < p->ninst || m->ncap_cap < ncap) {
        uint32_t ni = p->ninst > m->ninst_cap ? p->ninst : m->ninst_cap;
        int nc = ncap > m->ncap_cap ? ncap : m->ncap_cap;
        for (int k = 0; k < 2; k++) {
            free(m->q[k].sparse);
            free(m->q[k].dense);
            free(m->q[k].caps);
            m->q[k].sparse = heap_ccalloc(ni, sizeof(uint32_t));
            m->q[k].dense = heap_ccalloc(ni, sizeof(uint32_t));
            m->q[k].caps = heap_crealloc(NULL, (size_t)ni * (size_t)(nc ? nc : 1), sizeof(int64_t));
        }
        free(m->matchcap);
        free(m->stack);
        m->matchcap = heap_cmalloc((size_t)(nc ? nc : 1) * sizeof(int64_t));
        /* each instruction is entered once per add: at most 2 frames each
         * (its pc and a capture restore) plus the ALT's pushed branch */
        m->stack = heap_crealloc(NULL, (size_t)ni * 3, sizeof *m->stack);
        m->ninst_cap = ni;
        m->ncap_cap = nc;
    }
    m->prog = p;
    m->ncap = ncap;
    m->q[0].n = m->q[1].n = 0;
    return m;
}

static inline bool is_word(int32_t r)
{
    return (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || r == '_';
}

/* Go's EmptyOpContext: the conditions holding between runes r1 and r2
 * (-1: the edge of the text). */
static inline uint32_t empty_ctx(int32_t r1, int32_t r2)
{
    uint32_t op = E_NWORDB;
    if (r1 < 0)
        op |= E_BOT | E_BOL;
    else if (r1 == '\n')
        op |= E_BOL;
    if (r2 < 0)
        op |= E_EOT | E_EOL;
    else if (r2 == '\n')
        op |= E_EOL;
    if (is_word(r1) != is_word(r2))
        op ^= E_WORDB | E_NWORDB;
    return op;
}

static inline bool rune_match(const ReInst *i, int32_t c)
{
    if (c < 128)
        return c >= 0 && ((i->ascii[c >> 6] >> (c & 63)) & 1);
    int lo = 0, hi = i->nr;
    while (lo < hi) {
        int m = (lo + hi) / 2;
        if (c < i->r[2 * m])
            hi = m;
        else if (c > i->r[2 * m + 1])
            lo = m + 1;
        else
            return true;
    }
    return false;
}

/* Adds the thread at pc (and everything it reaches without consuming a
 * rune) to q, in priority order. cap is the thread's capture array,
 * modified while following Capture instructions and restored after. */
static void m_add(ReMachine *m, ReQueue *q, uint32_t pc, int64_t pos, int64_t *cap, uint32_t ctx)
{
    const ReInst *insts = m->prog->inst;
    ReAddFrame *st = m->stack;
    int sp = 0;
    st[sp++] = (ReAddFrame){pc, 0, 0};
    while (sp) {
        ReAddFrame f = st[--sp];
        if (f.pc == UINT32_MAX) {
            cap[f.slot] = f.val;
            continue;
        }
        pc = f.pc;
        for (;;) {
            uint32_t j = q->sparse[pc];
            if (j < q->n && (q->dense[j] & 0x7FFFFFFF) == pc)
                break;
            j = q->n++;
            q->sparse[pc] = j;
            q->dense[j] = pc;
            const ReInst *i = &insts[pc];
            switch (i->op) {
            case I_FAIL:
                goto done;
            case I_ALT:
                st[sp++] = (ReAddFrame){i->arg, 0, 0};
                pc = i->out;
                continue;
            case I_EMPTY:
                if (i->arg & ~ctx)
                    goto done;
                pc = i->out;
                continue;
            case I_NOP:
                pc = i->out;
                continue;
            case I_CAP:
                if ((int)i->arg < m->ncap) {
                    st[sp++] = (ReAddFrame){UINT32_MAX, (int32_t)i->arg, cap[i->arg]};
                    cap[i->arg] = pos;
                }
                pc = i->out;
                continue;
            default: /* MATCH, RUNE: a thread waits here */
                q->dense[j] |= 0x80000000u;
                if (m->ncap)
                    for (int k = 0, nc = m->ncap; k < nc; k++) /* short: no memcpy call */
                        q->caps[(size_t)j * nc + k] = cap[k];
                goto done;
            }
        }
    done:;
    }
}

/* Advances every thread of runq over rune c at pos into nextq. */
static void m_step(ReMachine *m, ReQueue *runq, ReQueue *nextq, int64_t pos, int64_t nextpos,
                   int32_t c, uint32_t nextctx)
{
    const ReInst *insts = m->prog->inst;
    int ncap = m->ncap;
    for (uint32_t j = 0; j < runq->n; j++) {
        uint32_t d = runq->dense[j];
        if (!(d & 0x80000000u))
            continue;
        int64_t *tcap = runq->caps + (size_t)j * ncap;
        if (m->longest && m->matched && ncap > 0 && m->matchcap[0] < tcap[0])
            continue;
        const ReInst *i = &insts[d & 0x7FFFFFFF];
        if (i->op == I_MATCH) {
            if (ncap > 0 && (!m->longest || !m->matched || m->matchcap[1] < pos)) {
                tcap[1] = pos;
                memcpy(m->matchcap, tcap, (size_t)ncap * sizeof *tcap);
            }
            m->matched = true;
            if (!m->longest)
                break; /* leftmost-first: lower-priority threads die */
            continue;
        }
        if (rune_match(i, c))
            m_add(m, nextq, i->out, nextpos, tcap, nextctx);
    }
    runq->n = 0;
}

/* The rune ending just before pos (Go's input.context). */
static int32_t rune_before(const uint8_t *s, int64_t pos)
{
    if (pos <= 0)
        return -1;
    if (s[pos - 1] < 0x80)
        return s[pos - 1];
    int64_t start = pos - 1;
    while (start > 0 && start > pos - 4 && (s[start] & 0xC0) == 0x80)
        start--;
    int w;
    int32_t r = utf8_decode(s + start, pos - start, &w);
    return start + w == pos ? r : 0xFFFD;
}

/* Runs the Pike VM on s from pos: see reprog_exec. */
static bool pike_exec(const ReProg *p, const uint8_t *s, int64_t n, int64_t pos, int ncap,
                      bool longest, int64_t *cap)
{
    if (p->startcond == ~0u)
        return false;
    if ((p->startcond & E_BOT) && pos != 0)
        return false;
    ReMachine *m = machine_get(p, ncap);
    m->matched = false;
    m->longest = longest;
    for (int k = 0; k < ncap; k++)
        m->matchcap[k] = -1;
    ReQueue *runq = &m->q[0], *nextq = &m->q[1];
    int w, w1 = 0;
    int32_t r = re_rune_at(s, n, pos, &w), r1 = -1;
    if (r >= 0)
        r1 = re_rune_at(s, n, pos + w, &w1);
    /* the empty-width context costs a word test per rune: only when used */
    bool need_ctx = p->has_empty;
    uint32_t ctx = need_ctx ? empty_ctx(rune_before(s, pos), r) : 0;
    for (;;) {
        if (runq->n == 0) {
            if ((p->startcond & E_BOT) && pos != 0)
                break;
            if (m->matched)
                break;
            int64_t np = pos;
            if (p->prefix.len > 0 && !(p->startcond & E_BOT)) {
                const uint8_t *f =
                    np + p->prefix.len <= n
                        ? memmem(s + np, (size_t)(n - np), p->prefix.ptr, (size_t)p->prefix.len)
                        : NULL;
                if (f == NULL)
                    break;
                np = f - s;
            } else if (p->has_startset) {
                while (np < n && !((p->startset[s[np] >> 6] >> (s[np] & 63)) & 1))
                    np++;
                if (np >= n)
                    break;
            }
            if (np != pos) {
                pos = np;
                r = re_rune_at(s, n, pos, &w);
                r1 = r >= 0 ? re_rune_at(s, n, pos + w, &w1) : -1;
                ctx = need_ctx ? empty_ctx(rune_before(s, pos), r) : 0;
            }
        }
        if (!m->matched) {
            if (ncap > 0)
                m->matchcap[0] = pos;
            m_add(m, runq, p->start, pos, m->matchcap, ctx);
        }
        if (need_ctx)
            ctx = empty_ctx(r, r1);
        m_step(m, runq, nextq, pos, pos + w, r, ctx);
        if (w == 0)
            break;
        if (ncap == 0 && m->matched)
            break;
        pos += w;
        r = r1, w = w1;
        if (r >= 0)
            r1 = re_rune_at(s, n, pos + w, &w1);
        else
            r1 = -1;
        ReQueue *t = runq;
        runq = nextq;
        nextq = t;
    }
    nextq->n = 0;
    runq->n = 0;
    if (m->matched && ncap > 0)
        memcpy(cap, m->matchcap, (size_t)ncap * sizeof *cap);
    return m->matched;
}

/* ---- The bit-state backtracker (small inputs) ----
 *
 * Go runs small inputs through a backtracker that never visits the same
 * (instruction, position) twice, so it stays linear while copying no
 * capture arrays: on short lines with many groups it is several times
 * faster than the Pike VM. Same priorities, same answers (Go uses it for
 * exactly these inputs). */

enum { BT_MAX_BITS = 256 * 1024, BT_MAX_PROG = 500 };

typedef struct ReJob {
    uint32_t pc;
    bool arg;    /* ALT: the second branch is next; CAP: restore */
    int64_t pos; /* CAP restore: the old value */
} ReJob;

typedef struct ReBacktrack {
    uint64_t *visited;
    size_t nvisited; /* words */
    ReJob *jobs;
    size_t njobs, capjobs;
    int64_t lo, hi; /* positions the visited bits cover */
    int64_t cap[64], matchcap[64];
} ReBacktrack;

static __thread ReBacktrack re_bt;

/* Whether the backtracker takes this input (Go's rule). */
static bool bt_fits(const ReProg *p, int64_t n, int ncap)
{
    return p->ninst <= BT_MAX_PROG && (int64_t)p->ninst * (n + 1) <= BT_MAX_BITS && ncap <= 64;
}

static inline void bt_push(ReBacktrack *b, uint32_t pc, int64_t pos, bool arg)
{
    if (b->njobs == b->capjobs) {
        b->capjobs = b->capjobs ? 2 * b->capjobs : 256;
        b->jobs = heap_crealloc(b->jobs, b->capjobs, sizeof *b->jobs);
    }
    b->jobs[b->njobs++] = (ReJob){pc, arg, pos};
}

/* Searches for a match starting exactly at pos. */
static bool bt_try(const ReProg *p, ReBacktrack *b, const uint8_t *s, int64_t n, int64_t pos,
                   int ncap, bool longest)
{
    b->njobs = 0;
    /* As Go's push: the first job is marked visited too, so a loop that
     * comes back to the start at the same position stops there. */
    if (p->inst[p->start].op == I_FAIL || pos > b->hi)
        return false;
    size_t k0 = (size_t)p->start * (size_t)(b->hi - b->lo + 1) + (size_t)(pos - b->lo);
    if (b->visited[k0 >> 6] & (1ull << (k0 & 63)))
        return longest && ncap > 1 && b->matchcap[1] >= 0;
    b->visited[k0 >> 6] |= 1ull << (k0 & 63);
    bt_push(b, p->start, pos, false);
    while (b->njobs) {
        ReJob j = b->jobs[--b->njobs];
        uint32_t pc = j.pc;
        pos = j.pos;
        bool arg = j.arg;
        goto skip;
    check : {
        if (pos > b->hi) /* beyond the window (see bt_exec) */
            continue;
        size_t k = (size_t)pc * (size_t)(b->hi - b->lo + 1) + (size_t)(pos - b->lo);
        uint64_t bit = 1ull << (k & 63);
        if (b->visited[k >> 6] & bit)
            continue;
        b->visited[k >> 6] |= bit;
    }
    skip:;
        const ReInst *i = &p->inst[pc];
        switch (i->op) {
        case I_FAIL:
            continue;
        case I_ALT:
            if (arg) { /* finished the first branch: try the second */
                arg = false;
                pc = i->arg;
                goto check;
            }
            bt_push(b, pc, pos, true);
            pc = i->out;
            goto check;
        case I_RUNE: {
            int w;
            int32_t c = re_rune_at(s, n, pos, &w);
            if (!rune_match(i, c))
                continue;
            pos += w;
            pc = i->out;
            goto check;
        }
        case I_CAP:
            if (arg) { /* finished what follows: restore the old value */
                b->cap[i->arg] = pos;
                continue;
            }
            if ((int)i->arg < ncap) {
                bt_push(b, pc, b->cap[i->arg], true);
                b->cap[i->arg] = pos;
            }
            pc = i->out;
            goto check;
        case I_EMPTY: {
            int w;
            uint32_t ctx = empty_ctx(rune_before(s, pos), re_rune_at(s, n, pos, &w));
            if (i->arg & ~ctx)
                continue;
            pc = i->out;
            goto check;
        }
        case I_NOP:
            pc = i->out;
            goto check;
        case I_MATCH:
            if (ncap == 0)
                return true;
            if (ncap > 1)
                b->cap[1] = pos;
            if (b->matchcap[1] == -1 || (longest && pos > 0 && pos > b->matchcap[1]))
                memcpy(b->matchcap, b->cap, (size_t)ncap * sizeof *b->cap);
            if (!longest || pos == n)
                return true;
            continue; /* longest: a longer match may follow */
        }
    }
    return longest && ncap > 1 && b->matchcap[1] >= 0;
}

/* Go's backtrack(): the leftmost match at or after pos. No match reaches
 * past hi (n, or less when the DFA bounded it), so the visited bits cover
 * positions pos..hi only: clearing them costs the window, not the text. */
static bool bt_exec(const ReProg *p, const uint8_t *s, int64_t n, int64_t pos, int64_t hi,
                    int ncap, bool longest, int64_t *cap)
{
    ReBacktrack *b = &re_bt;
    b->lo = pos;
    b->hi = hi;
    size_t words = ((size_t)p->ninst * (size_t)(hi - pos + 1) + 63) / 64;
    if (words > b->nvisited) {
        free(b->visited);
        b->nvisited = words < 64 ? 64 : words;
        b->visited = heap_crealloc(NULL, b->nvisited, sizeof *b->visited);
    }
    memset(b->visited, 0, words * sizeof *b->visited);
    for (int k = 0; k < ncap; k++)
        b->cap[k] = b->matchcap[k] = -1;
    bool found = false;
    if (p->startcond & E_BOT) {
        if (ncap > 0)
            b->cap[0] = pos;
        found = bt_try(p, b, s, n, pos, ncap, longest);
    } else {
        /* every start position, without clearing visited: what failed
         * from an earlier start fails again, so the whole is linear */
        for (int w = -1; pos <= hi && w != 0; pos += w) {
            if (p->prefix.len > 0) {
                const uint8_t *f =
                    pos + p->prefix.len <= n
                        ? memmem(s + pos, (size_t)(n - pos), p->prefix.ptr, (size_t)p->prefix.len)
                        : NULL;
                if (f == NULL)
                    return false;
                pos = f - s;
            }
            if (ncap > 0)
                b->cap[0] = pos;
            if (bt_try(p, b, s, n, pos, ncap, longest)) {
                found = true;
                break;
            }
            re_rune_at(s, n, pos, &w);
        }
    }
    if (found && ncap > 0)
        memcpy(cap, b->matchcap, (size_t)ncap * sizeof *cap);
    return found;
}

/* ---- The lazy DFA: where does the earliest match end? ----
 *
 * A search first runs a DFA whose states are the sets of instructions the
 * Pike VM's threads would be about to run (with a new thread started at
 * every position, as an unanchored search does), built on demand and
 * cached per program. It answers in a table lookup per byte where the
 * first match ends, or that there is none: MatchString needs no more, and
 * the matchers then run only over the stretch a match can start in (the
 * earliest end minus the longest match), which gives the same answer
 * since no match starts earlier.
 *
 * Empty-width tests (^ $ \b ...) depend on the runes on both sides of a
 * position, so a state also records what the previous rune was (a word
 * character, a newline, none) and its threads are followed through the
 * tests only once the next rune is read: a transition says whether a
 * match ended just before that rune. */

enum { DFA_MAX_STATES = 4096 };

/* What a state knows of the rune before it. */
enum { DF_WORD = 1, DF_NL = 2, DF_BOT = 4 };

typedef struct ReDState {
    uint32_t off, n; /* instructions to run next: dfa->pcs[off..off+n), sorted */
    uint8_t flags;   /* DF_*: the rune before */
    bool is_start;   /* only the new search thread: nothing alive */
    /* (n == 0: nothing alive and no new thread, as after \A: dead) */
    int32_t next[128]; /* per ASCII byte: next state << 1 | (a match ended
                          before the byte); -1: not built */
} ReDState;

typedef struct ReDfa {
    ReDState *st;
    uint32_t nst, capst;
    uint32_t *pcs;
    uint32_t npcs, cappcs;
    int32_t *hash; /* open addressing over states, -1 empty */
    uint32_t hcap;
    uint32_t *mark, *mark2; /* per instruction: generation last added */
    uint32_t gen;
    uint32_t *buf, nbuf;   /* the next set being built */
    uint32_t *leaf, nleaf; /* the threads after the empty-width tests */
    uint32_t *stack;
    int32_t start[8]; /* the start state for each DF_* flags, -1: not built */
} ReDfa;

static ReDfa *dfa_new(const ReProg *p)
{
    ReDfa *d = heap_alloc(sizeof *d);
    d->capst = 64;
    d->st = heap_alloc_atomic(d->capst * sizeof *d->st);
    d->cappcs = 1024;
    d->pcs = heap_alloc_atomic(d->cappcs * sizeof *d->pcs);
    d->hcap = 256;
    d->hash = heap_alloc_atomic(d->hcap * sizeof *d->hash);
    memset(d->hash, 0xFF, d->hcap * sizeof *d->hash);
    d->mark = heap_alloc_atomic(p->ninst * sizeof *d->mark);
    memset(d->mark, 0, p->ninst * sizeof *d->mark);
    d->mark2 = heap_alloc_atomic(p->ninst * sizeof *d->mark2);
    memset(d->mark2, 0, p->ninst * sizeof *d->mark2);
    d->buf = heap_alloc_atomic(p->ninst * sizeof *d->buf);
    d->leaf = heap_alloc_atomic(p->ninst * sizeof *d->leaf);
    d->stack = heap_alloc_atomic((2 * p->ninst + 2) * sizeof *d->stack);
    memset(d->start, 0xFF, sizeof d->start);
    return d;
}

/* Adds to d->leaf every RUNE and MATCH instruction reachable from pc
 * without consuming input, through the empty-width tests ctx allows. */
static void dfa_follow(ReDfa *d, const ReProg *p, uint32_t pc, uint32_t ctx)
{
    uint32_t sp = 0;
    d->stack[sp++] = pc;
    while (sp) {
        pc = d->stack[--sp];
        if (d->mark[pc] == d->gen)
            continue;
        d->mark[pc] = d->gen;
        const ReInst *i = &p->inst[pc];
        switch (i->op) {
        case I_ALT:
            d->stack[sp++] = i->arg;
            d->stack[sp++] = i->out;
            break;
        case I_CAP:
        case I_NOP:
            d->stack[sp++] = i->out;
            break;
        case I_EMPTY:
            if (!(i->arg & ~ctx))
                d->stack[sp++] = i->out;
            break;
        case I_RUNE:
        case I_MATCH:
            d->leaf[d->nleaf++] = pc;
            break;
        default:
            break;
        }
    }
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static uint32_t dfa_hash(const uint32_t *v, uint32_t n, uint8_t flags)
{
    uint32_t h = 2166136261u ^ flags;
    for (uint32_t k = 0; k < n; k++)
        h = (h ^ v[k]) * 16777619u;
    return h;
}

/* The state for the set in d->buf (sorted here) after a rune with the
 * given flags, made if new. -1 when the state budget is spent. */
static int32_t dfa_intern(ReDfa *d, const ReProg *p, uint8_t flags)
{
    qsort(d->buf, d->nbuf, sizeof *d->buf, cmp_u32);
    uint32_t h = dfa_hash(d->buf, d->nbuf, flags);
    uint32_t k = h & (d->hcap - 1);
    for (; d->hash[k] >= 0; k = (k + 1) & (d->hcap - 1)) {
        const ReDState *s = &d->st[d->hash[k]];
        if (s->n == d->nbuf && s->flags == flags &&
            memcmp(d->pcs + s->off, d->buf, d->nbuf * sizeof *d->buf) == 0)
            return d->hash[k];
    }
    if (d->nst >= DFA_MAX_STATES)
        return -1;
    if (d->nst == d->capst) {
        ReDState *ns = heap_alloc_atomic(2 * d->capst * sizeof *ns);
        memcpy(ns, d->st, d->nst * sizeof *ns);
        d->st = ns;
        d->capst *= 2;
    }
    if (d->npcs + d->nbuf > d->cappcs) {
        uint32_t nc = d->cappcs * 2;
        while (nc < d->npcs + d->nbuf)
            nc *= 2;
        uint32_t *np = heap_alloc_atomic(nc * sizeof *np);
        memcpy(np, d->pcs, d->npcs * sizeof *np);
        d->pcs = np;
        d->cappcs = nc;
    }
    int32_t id = (int32_t)d->nst++;
    ReDState *s = &d->st[id];
    s->off = d->npcs;
    s->n = d->nbuf;
    s->flags = flags;
    s->is_start = d->nbuf == 1 && d->buf[0] == p->start;
    memcpy(d->pcs + d->npcs, d->buf, d->nbuf * sizeof *d->buf);
    d->npcs += d->nbuf;
    memset(s->next, 0xFF, sizeof s->next);
    d->hash[k] = id;
    if (2 * d->nst > d->hcap) { /* keep the table at most half full */
        uint32_t nh = d->hcap * 2;
        int32_t *hash = heap_alloc_atomic(nh * sizeof *hash);
        memset(hash, 0xFF, nh * sizeof *hash);
        for (uint32_t j = 0; j < d->nst; j++) {
            const ReDState *t = &d->st[j];
            uint32_t x = dfa_hash(d->pcs + t->off, t->n, t->flags) & (nh - 1);
            while (hash[x] >= 0)
                x = (x + 1) & (nh - 1);
            hash[x] = (int32_t)j;
        }
        d->hash = hash;
        d->hcap = nh;
    }
    return id;
}

static uint8_t dfa_flags(int32_t r)
{
    return r < 0 ? DF_BOT : (is_word(r) ? DF_WORD : 0) | (r == '\n' ? DF_NL : 0);
}

/* The start state after a rune with these flags (the search's own start:
 * only its thread). -1 when out of budget. */
static int32_t dfa_start(ReDfa *d, const ReProg *p, uint8_t flags)
{
    if (d->start[flags] < 0) {
        d->nbuf = 0;
        d->buf[d->nbuf++] = p->start;
        d->start[flags] = dfa_intern(d, p, flags);
    }
    return d->start[flags];
}

/* Reads rune c (-1: the end of the text) in state `from`: the next state
 * << 1 | whether a match ended before c. The next state is 0 at the end;
 * -1 when out of budget. */
static int32_t dfa_step(ReDfa *d, const ReProg *p, int32_t from, int32_t c)
{
    const ReDState *s = &d->st[from];
    /* the empty-width context between the rune before and c */
    int32_t before = s->flags & DF_BOT ? -1 : s->flags & DF_WORD ? 'a' : s->flags & DF_NL ? '\n' : ' ';
    uint32_t ctx = empty_ctx(before, c);
    d->gen++;
    d->nleaf = 0;
    for (uint32_t j = 0; j < s->n; j++)
        dfa_follow(d, p, d->pcs[s->off + j], ctx);
    bool matched = false;
    d->nbuf = 0;
    for (uint32_t j = 0; j < d->nleaf; j++) {
        const ReInst *i = &p->inst[d->leaf[j]];
        if (i->op == I_MATCH)
            matched = true;
        else if (c >= 0 && rune_match(i, c) && d->mark2[i->out] != d->gen) {
            d->mark2[i->out] = d->gen;
            d->buf[d->nbuf++] = i->out;
        }
    }
    if (c < 0)
        return matched;
    /* a new search thread after c, unless matches must start at \A */
    if (d->mark2[p->start] != d->gen && !(p->startcond & E_BOT))
        d->buf[d->nbuf++] = p->start;
    int32_t id = dfa_intern(d, p, dfa_flags(c));
    return id < 0 ? -1 : id << 1 | matched;
}

/* Where the earliest-ending match starting at or after pos ends; -1 when
 * there is no match, -2 when the DFA ran out of states (the caller falls
 * back to the other matchers; after a few such runs the program stops
 * trying). */
static int64_t dfa_search(ReProg *p, const uint8_t *s, int64_t n, int64_t pos)
{
    ReDfa *d = p->dfa;
    if (d == NULL)
        d = p->dfa = dfa_new(p);
    int32_t cur = dfa_start(d, p, dfa_flags(rune_before(s, pos)));
    if (cur < 0)
        goto full;
    int64_t i = pos;
    while (i < n) {
        if (d->st[cur].is_start && (p->prefix.len > 0 || p->has_startset)) {
            /* No thread alive: matches start only at the literal prefix
             * or at a start byte (neither exists when an empty-width test
             * comes first), so jump to the next one. */
            int64_t j = i;
            if (p->prefix.len > 0) {
                const uint8_t *f =
                    j + p->prefix.len <= n
                        ? memmem(s + j, (size_t)(n - j), p->prefix.ptr, (size_t)p->prefix.len)
                        : NULL;
                if (f == NULL)
                    return -1;
                j = f - s;
            } else {
                while (j < n && !((p->startset[s[j] >> 6] >> (s[j] & 63)) & 1))
                    j++;
                if (j >= n)
                    return -1;
            }
            if (j != i) {
                i = j;
                cur = dfa_start(d, p, dfa_flags(rune_before(s, i)));
                if (cur < 0)
                    goto full;
            }
        }
        uint8_t b = s[i];
        int32_t t;
        int w = 1;
        if (b < 0x80) {
            t = d->st[cur].next[b];
            if (t < 0) {
                t = dfa_step(d, p, cur, b);
                if (t < 0)
                    goto full;
                d->st[cur].next[b] = t;
            }
        } else {
            int32_t c = utf8_decode(s + i, n - i, &w);
            t = dfa_step(d, p, cur, c);
            if (t < 0)
                goto full;
        }
        if (t & 1)
            return i; /* a match ended before this rune */
        cur = t >> 1;
        i += w;
        if (d->st[cur].n == 0) /* no thread left, none to come (\A) */
            return -1;
    }
    return dfa_step(d, p, cur, -1) ? n : -1;
full:
    /* Drop the states (the next search starts afresh) and give up here. */
    p->dfa = NULL;
    if (++p->dfa_resets >= 3) /* read unlocked by reprog_exec: atomic */
        __atomic_store_n(&p->dfa_ok, false, __ATOMIC_RELAXED);
    return -2;
}

/* The compiled program is shared: only the DFA cache changes, under its
 * lock (a search that finds it taken just runs without the DFA). */
bool reprog_exec(const ReProg *cp, const uint8_t *s, int64_t n, int64_t pos, int ncap, bool longest,
                 int64_t *cap)
{
    ReProg *p = (ReProg *)cp;
    if (p->startcond == ~0u || ((p->startcond & E_BOT) && pos != 0))
        return false;
    int64_t from = pos, hi = n;
    bool bounded = false; /* the DFA confined the match to from..hi */
    /* The DFA pays when it alone answers (no submatches wanted) or the
     * text is long; on a short line the backtracker is done as soon. */
    bool use_dfa = ncap == 0 || n - pos > 256;
    if (use_dfa && __atomic_load_n(&p->dfa_ok, __ATOMIC_RELAXED) &&
        pthread_mutex_trylock(&p->dfa_lock) == 0) {
        int64_t e = p->dfa_ok ? dfa_search(p, s, n, pos) : -2;
        pthread_mutex_unlock(&p->dfa_lock);
        if (e == -1)
            return false;
        if (e >= 0) {
            if (ncap == 0)
                return true;
            if (p->maxlen >= 0) { /* the match starts in e-maxlen..e */
                if (e - p->maxlen > pos) {
                    from = e - p->maxlen;
                    while (from > pos && (s[from] & 0xC0) == 0x80)
                        from--;
                }
                if (e + p->maxlen < n)
                    hi = e + p->maxlen;
                bounded = true;
            }
        }
    }
    /* Go's rule (the whole text fits the backtracker), or a window the DFA
     * bounded: not the tail of a long text, where FindAll would clear
     * the visited bits of the rest of the text for every match. */
    if (bt_fits(p, bounded ? hi - from : n, ncap))
        return bt_exec(p, s, n, from, hi, ncap, longest, cap);
    return pike_exec(p, s, n, from, ncap, longest, cap);
}

/* ---- Building a program ---- */

ReProg *reprog_new(const ReNode *tree, int nsub)
{
    ReComp c = {0};
    c_inst(&c, I_FAIL); /* instruction 0: fail (and the end of patch lists) */
    ReFrag f = compile_node(&c, tree);
    uint32_t match = c_inst(&c, I_MATCH);
    if (f.i != 0) /* else it matches nothing: start at the fail instruction */
        patch(&c, f.out, match);
    ReProg *prog = heap_alloc(sizeof *prog);
    prog->inst = c.inst;
    prog->ninst = c.n;
    prog->start = f.i;
    prog->ncap = 2 * (nsub + 1);
    prog_analyse(prog);
    return prog;
}
