/* regexp.c — package regexp's engine: Go's RE2 syntax parsed into a tree
 * (with Go's exact error texts), simplified as Go's regexp/syntax does
 * (x{n,m} into copies, x** into x*), compiled into Go's instruction
 * program (Alt, Capture, EmptyWidth, Rune, Match, ...) and run by a Pike
 * VM: every thread advances in lock step over the input, one rune at a
 * time, so a match costs time linear in the input whatever the pattern
 * (no exponential blow-up on (a*)*b), and thread priority gives Perl's
 * leftmost-first submatches exactly as Go's (Longest() gives
 * leftmost-longest). The Go half (go/regexp.go) holds the API, the $1
 * expansion and the result slicing.
 *
 * Why the program mirrors Go's instruction for instruction: submatch
 * positions of nullable loops ((a*)*, (a|)+) depend on the order threads
 * are added, so the same compilation gives the same answers as Go.
 *
 * Speed-ups, all general: a literal prefix is found with memmem, and when
 * no thread is alive the scan skips to the next byte that can start a
 * match (the start set).
 *
 * A compiled ReProg is immutable and shared by every goroutine using the
 * Regexp; the per-match scratch (thread queues, capture arrays) is
 * per OS thread, which is safe because a match never yields. Must never
 * call back into script code or keep a pointer into the subject string.
 */
#include <pthread.h>
#include <stdlib.h>

#include "fmtcore.h"
#include "native.h"
#include "regexp_tables.h"

/* The package's Go source, stdlib/go/regexp.go, as regexp_source. */
#include "stdlib/regexp_go.h"

#define RE_MAX_RUNE 0x10FFFF
#define RE_MIN_FOLD 0x41
#define RE_MAX_FOLD 0x1E943

/* ---- Rune classes: sorted, merged ranges as pairs lo, hi ---- */

typedef struct ReClass {
    int32_t *r;
    int n; /* ints used (2 per range) */
    int cap;
} ReClass;

static void cls_push(ReClass *c, int32_t lo, int32_t hi)
{
    if (c->n + 2 > c->cap) {
        c->cap = c->cap ? 2 * c->cap : 16;
        int32_t *nr = heap_alloc_atomic((size_t)c->cap * sizeof *nr);
        if (c->n)
            memcpy(nr, c->r, (size_t)c->n * sizeof *nr);
        c->r = nr;
    }
    c->r[c->n++] = lo;
    c->r[c->n++] = hi;
}

/* Appends [lo, hi], coalescing with the last range when they touch (the
 * common case when building in order keeps classes small). */
static void cls_add(ReClass *c, int32_t lo, int32_t hi)
{
    if (c->n >= 2) {
        int32_t *l = &c->r[c->n - 2];
        if (lo <= l[1] + 1 && hi >= l[0] - 1) {
            if (lo < l[0])
                l[0] = lo;
            if (hi > l[1])
                l[1] = hi;
            return;
        }
    }
    cls_push(c, lo, hi);
}

static int cls_cmp(const void *a, const void *b)
{
    const int32_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] > y[1] ? -1 : x[1] < y[1];
}

/* Sorts and merges the ranges. */
static void cls_clean(ReClass *c)
{
    if (c->n <= 2)
        return;
    qsort(c->r, (size_t)c->n / 2, 2 * sizeof(int32_t), cls_cmp);
    int w = 2;
    for (int i = 2; i < c->n; i += 2) {
        if (c->r[i] <= c->r[w - 1] + 1) {
            if (c->r[i + 1] > c->r[w - 1])
                c->r[w - 1] = c->r[i + 1];
        } else {
            c->r[w++] = c->r[i];
            c->r[w++] = c->r[i + 1];
        }
    }
    c->n = w;
}

/* Appends the complement of the clean class src to dst. */
static void cls_add_negated(ReClass *dst, const int32_t *src, int n)
{
    int32_t next = 0;
    for (int i = 0; i < n; i += 2) {
        if (src[i] > next)
            cls_add(dst, next, src[i] - 1);
        next = src[i + 1] + 1;
    }
    if (next <= RE_MAX_RUNE)
        cls_add(dst, next, RE_MAX_RUNE);
}

/* unicode.SimpleFold: the next rune of r's case-folding orbit, or r. */
static int32_t re_simple_fold(int32_t r)
{
    int lo = 0, hi = (int)(sizeof re_fold_next / sizeof re_fold_next[0]) / 2;
    while (lo < hi) {
        int m = (lo + hi) / 2;
        if (re_fold_next[2 * m] == r)
            return re_fold_next[2 * m + 1];
        if (re_fold_next[2 * m] < r)
            lo = m + 1;
        else
            hi = m;
    }
    return r;
}

/* Appends [lo, hi] and everything that folds to a rune in it. Only runes
 * with an orbit can add anything, so the fold table is walked, not the
 * range. */
static void cls_add_folded(ReClass *c, int32_t lo, int32_t hi)
{
    cls_add(c, lo, hi);
    if (hi < RE_MIN_FOLD || lo > RE_MAX_FOLD)
        return;
    int n = (int)(sizeof re_fold_next / sizeof re_fold_next[0]) / 2;
    int i = 0, j = n;
    while (i < j) { /* first entry >= lo */
        int m = (i + j) / 2;
        if (re_fold_next[2 * m] < lo)
            i = m + 1;
        else
            j = m;
    }
    for (; i < n && re_fold_next[2 * i] <= hi; i++)
        for (int32_t f = re_fold_next[2 * i + 1]; f < lo || f > hi; f = re_simple_fold(f))
            cls_push(c, f, f);
}

/* A class given as clean ranges, added plain or folded, negated or not. */
static void cls_add_group(ReClass *c, const int32_t *r, int n, bool fold, bool negate)
{
    ReClass tmp = {0};
    for (int i = 0; i < n; i += 2) {
        if (fold)
            cls_add_folded(&tmp, r[i], r[i + 1]);
        else
            cls_push(&tmp, r[i], r[i + 1]);
    }
    cls_clean(&tmp);
    if (negate)
        cls_add_negated(c, tmp.r, tmp.n);
    else
        for (int i = 0; i < tmp.n; i += 2)
            cls_push(c, tmp.r[i], tmp.r[i + 1]);
}

/* ---- The syntax tree ---- */

enum {
    RN_NOMATCH,
    RN_EMPTY,
    RN_LIT, /* one rune (fold: the whole orbit) */
    RN_CLASS,
    RN_ANYNOTNL,
    RN_ANY,
    RN_BOL,
    RN_EOL,
    RN_BOT,
    RN_EOT,
    RN_WORDB,
    RN_NWORDB,
    RN_CAP,
    RN_STAR,
    RN_PLUS,
    RN_QUEST,
    RN_REPEAT,
    RN_CAT,
    RN_ALT,
    RN_LPAREN, /* pseudo: on the parse stack only */
    RN_VBAR,   /* pseudo */
};

/* Parse flags (Go's syntax.Flags that Compile can change). */
enum { RF_FOLD = 1, RF_DOTNL = 2, RF_ONELINE = 4, RF_NONGREEDY = 8 };

typedef struct ReNode ReNode;
struct ReNode {
    int op;
    int flags;
    int min, max; /* RN_REPEAT; max -1: no limit */
    int cap;      /* RN_CAP, RN_LPAREN (0: non-capturing) */
    String name;  /* capture name */
    int32_t rune; /* RN_LIT */
    ReClass cls;  /* RN_CLASS */
    ReNode **sub;
    int nsub;
    int height; /* of the tree under it, as Go counts (a literal string: 1) */
};

typedef struct ReErr {
    const char *code;
    const char *expr;
    int64_t len;
} ReErr;

typedef struct ReParser {
    String whole;
    int flags;
    int ncap;
    ReNode **stack;
    int nstack, capstack;
    ReErr err;
    int64_t nrunes; /* runes in literals and classes (Go's numRunes) */
    bool perl; /* Perl syntax (Compile), not POSIX ERE (CompilePOSIX): lazy
                  and \d-style escapes, (?flags), \pN, [^a] matching \n */
    /* capture names, by index (1-based) */
    String *names;
    int capnames;
} ReParser;

static ReNode *node_new(int op, int flags)
{
    ReNode *n = heap_alloc(sizeof *n);
    n->op = op;
    n->flags = flags;
    n->height = 1;
    return n;
}

static void node_add_sub(ReNode *n, ReNode *s)
{
    if ((n->nsub & (n->nsub - 1)) == 0) { /* 0, 1, 2, 4, ...: grow */
        ReNode **ns = heap_alloc((size_t)(n->nsub ? 2 * n->nsub : 1) * sizeof *ns);
        if (n->nsub)
            memcpy(ns, n->sub, (size_t)n->nsub * sizeof *ns);
        n->sub = ns;
    }
    n->sub[n->nsub++] = s;
    if (s->height + 1 > n->height)
        n->height = s->height + 1;
}

static bool re_fail(ReParser *p, const char *code, const uint8_t *expr, int64_t len)
{
    p->err = (ReErr){code, (const char *)expr, len};
    return false;
}

/* Go's limits on a pattern: its tree at most 1000 deep, at most 32M runes
 * in its literals and classes (each \pL is 1292), at most 3.3M
 * instructions once compiled. */
enum { RE_MAX_HEIGHT = 1000, RE_MAX_RUNES = 128 << 20 >> 2, RE_MAX_SIZE = (128 << 20) / 40 };

static void check_height(ReParser *p, const ReNode *n)
{
    if (n->height > RE_MAX_HEIGHT && !p->err.code)
        re_fail(p, "expression nests too deeply", p->whole.ptr, p->whole.len);
}

static void push(ReParser *p, ReNode *n)
{
    check_height(p, n);
    if (p->nrunes > RE_MAX_RUNES && !p->err.code)
        re_fail(p, "expression too large", p->whole.ptr, p->whole.len);
    if (p->nstack == p->capstack) {
        p->capstack = p->capstack ? 2 * p->capstack : 16;
        ReNode **ns = heap_alloc((size_t)p->capstack * sizeof *ns);
        if (p->nstack)
            memcpy(ns, p->stack, (size_t)p->nstack * sizeof *ns);
        p->stack = ns;
    }
    p->stack[p->nstack++] = n;
}

/* A literal rune under the current flags: folded into its orbit's class
 * under (?i) (a rune without orbit stays a plain literal, as in Go). */
static void push_literal(ReParser *p, int32_t r)
{
    p->nrunes++;
    if ((p->flags & RF_FOLD) && re_simple_fold(r) != r) {
        ReNode *n = node_new(RN_CLASS, p->flags);
        cls_add(&n->cls, r, r);
        for (int32_t f = re_simple_fold(r); f != r; f = re_simple_fold(f))
            cls_push(&n->cls, f, f);
        cls_clean(&n->cls);
        push(p, n);
        return;
    }
    ReNode *n = node_new(RN_LIT, p->flags & ~RF_FOLD);
    n->rune = r;
    push(p, n);
}

/* A class with one rune is a literal (Go does this too, which is what
 * LiteralPrefix sees). */
static void push_class(ReParser *p, ReNode *n)
{
    p->nrunes += n->cls.n;
    if (n->cls.n == 2 && n->cls.r[0] == n->cls.r[1]) {
        n->op = RN_LIT;
        n->rune = n->cls.r[0];
    }
    push(p, n);
}

/* Decodes the next rune of the pattern; Go rejects invalid UTF-8. */
static bool next_rune(ReParser *p, const uint8_t *s, const uint8_t *end, int32_t *r, int *w)
{
    if (s >= end)
        return false;
    if (*s < 0x80) {
        *r = *s;
        *w = 1;
        return true;
    }
    *r = utf8_decode(s, end - s, w);
    if (*r == 0xFFFD && *w == 1)
        return re_fail(p, "invalid UTF-8", s, end - s);
    return true;
}

static bool check_utf8(ReParser *p, const uint8_t *s, const uint8_t *end)
{
    int32_t r;
    int w;
    while (s < end) {
        if (!next_rune(p, s, end, &r, &w))
            return false;
        s += w;
    }
    return true;
}

static bool is_alnum(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int unhex(int32_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Collapses the stack above the last pseudo-node into one concatenation. */
static void p_concat(ReParser *p)
{
    int i = p->nstack;
    while (i > 0 && p->stack[i - 1]->op < RN_LPAREN)
        i--;
    int n = p->nstack - i;
    if (n == 1)
        return;
    ReNode *c = node_new(n == 0 ? RN_EMPTY : RN_CAT, p->flags);
    bool all_lits = true;
    for (int k = i; k < p->nstack; k++) {
        ReNode *x = p->stack[k];
        if (x->op == RN_CAT) /* (?:ab)c: one concatenation, as in Go */
            for (int j = 0; j < x->nsub; j++)
                node_add_sub(c, x->sub[j]);
        else
            node_add_sub(c, x);
    }
    for (int j = 0; j < c->nsub; j++)
        all_lits = all_lits && c->sub[j]->op == RN_LIT;
    if (n > 0 && all_lits) /* Go's literal string: one node */
        c->height = 1;
    p->nstack = i;
    push(p, c);
}

/* The number of leading literal runes of branch re (Go's leadingString). */
static int leading_lits(const ReNode *re)
{
    if (re->op == RN_LIT)
        return 1;
    int n = 0;
    if (re->op == RN_CAT)
        while (n < re->nsub && re->sub[n]->op == RN_LIT)
            n++;
    return n;
}

static int32_t lit_at(const ReNode *re, int i)
{
    return re->op == RN_LIT ? re->rune : re->sub[i]->rune;
}

/* re without its first n literal runes. */
static ReNode *remove_leading(ReNode *re, int n)
{
    if (re->op == RN_LIT || re->nsub == n)
        return node_new(RN_EMPTY, re->flags);
    if (re->nsub == n + 1)
        return re->sub[n];
    ReNode *c = node_new(RN_CAT, re->flags);
    for (int i = n; i < re->nsub; i++)
        node_add_sub(c, re->sub[i]);
    return c;
}

/* The alternation of subs, with runs of branches that share a literal
 * prefix factored as Go's parser does (abc|abd is ab(?:c|d)): the
 * matches are the same, and the prefix becomes LiteralPrefix and a
 * memmem scan. */
static ReNode *factor_alt(ReNode **subs, int n, int flags)
{
    if (n == 1)
        return subs[0];
    ReNode *alt = node_new(RN_ALT, flags);
    int start = 0, len = 0;
    for (int i = 0; i <= n; i++) {
        if (i < n) {
            int l = leading_lits(subs[i]);
            if (i > start) {
                int same = 0;
                while (same < len && same < l && lit_at(subs[start], same) == lit_at(subs[i], same))
                    same++;
                if (same > 0) {
                    len = same;
                    continue;
                }
            }
            if (i == start) {
                len = l;
                continue;
            }
        }
        /* subs[start:i] share len leading runes */
        if (i - start == 1 || len == 0) {
            for (int k = start; k < i; k++) /* a run of empty branches is one */
                if (subs[k]->op != RN_EMPTY || alt->nsub == 0 ||
                    alt->sub[alt->nsub - 1]->op != RN_EMPTY)
                    node_add_sub(alt, subs[k]);
        } else {
            ReNode *cat = node_new(RN_CAT, flags);
            for (int k = 0; k < len; k++) {
                ReNode *lit = node_new(RN_LIT, flags & ~RF_FOLD);
                lit->rune = lit_at(subs[start], k);
                node_add_sub(cat, lit);
            }
            ReNode **rest = heap_alloc((size_t)(i - start) * sizeof *rest);
            for (int k = start; k < i; k++)
                rest[k - start] = remove_leading(subs[k], len);
            node_add_sub(cat, factor_alt(rest, i - start, flags));
            node_add_sub(alt, cat);
        }
        start = i;
        len = i < n ? leading_lits(subs[i]) : 0;
    }
    return alt->nsub == 1 ? alt->sub[0] : alt;
}

/* Collapses "x | y | z" above the last left paren into an alternation. */
static void p_alternate(ReParser *p)
{
    int i = p->nstack;
    while (i > 0 && p->stack[i - 1]->op != RN_LPAREN)
        i--;
    int n = 0;
    for (int k = i; k < p->nstack; k++)
        n += p->stack[k]->op != RN_VBAR;
    if (n == 1) {
        ReNode *only = p->stack[p->nstack - 1];
        p->nstack = i;
        push(p, only);
        return;
    }
    ReNode **subs = heap_alloc((size_t)(n ? n : 1) * sizeof *subs);
    int m = 0;
    for (int k = i; k < p->nstack; k++)
        if (p->stack[k]->op != RN_VBAR)
            subs[m++] = p->stack[k];
    p->nstack = i;
    push(p, n == 0 ? node_new(RN_NOMATCH, p->flags) : factor_alt(subs, n, p->flags));
}

/* Whether repetition counts nested in re multiply to at most 1000 (Go's
 * repeatIsValid). */
static bool repeat_valid(const ReNode *re, int n)
{
    if (re->op == RN_REPEAT) {
        int m = re->max;
        if (m == 0)
            return true;
        if (m < 0)
            m = re->min;
        if (m > n)
            return false;
        if (m > 0)
            n /= m;
    }
    for (int i = 0; i < re->nsub; i++)
        if (!repeat_valid(re->sub[i], n))
            return false;
    return true;
}

/* Applies a repetition operator to the top of the stack. before: the
 * operator's text onwards; *after: just past it (past a lazy '?'). */
static bool p_repeat(ReParser *p, int op, int min, int max, const uint8_t *before,
                     const uint8_t **after, const uint8_t *end, const uint8_t *last_repeat)
{
    int flags = p->flags;
    if (p->perl) {
        if (*after < end && **after == '?') {
            (*after)++;
            flags ^= RF_NONGREEDY;
        }
        /* Perl forbids stacked repetitions: a** is an error, a++ unsupported */
        if (last_repeat)
            return re_fail(p, "invalid nested repetition operator", last_repeat,
                           *after - last_repeat);
    }
    if (p->nstack == 0 || p->stack[p->nstack - 1]->op >= RN_LPAREN)
        return re_fail(p, "missing argument to repetition operator", before, *after - before);
    ReNode *re = node_new(op, flags);
    re->min = min;
    re->max = max;
    node_add_sub(re, p->stack[p->nstack - 1]);
    p->stack[p->nstack - 1] = re;
    check_height(p, re);
    if (p->err.code)
        return false;
    if (op == RN_REPEAT && (min >= 2 || max >= 2) && !repeat_valid(re, 1000))
        return re_fail(p, "invalid repeat count", before, *after - before);
    return true;
}

/* Decimal without leading zeros; -1 when too big. */
static bool parse_int(const uint8_t **s, const uint8_t *end, int *n)
{
    const uint8_t *t = *s;
    if (t >= end || *t < '0' || *t > '9')
        return false;
    if (end - t >= 2 && t[0] == '0' && t[1] >= '0' && t[1] <= '9')
        return false;
    *n = 0;
    for (; t < end && *t >= '0' && *t <= '9'; t++)
        if (*n >= 0)
            *n = *n >= 100000000 ? -1 : *n * 10 + (*t - '0');
    *s = t;
    return true;
}

/* {n}, {n,} or {n,m} at s; false when not of that form (then { is a
 * literal). */
static bool parse_repeat(const uint8_t *s, const uint8_t *end, int *min, int *max,
                         const uint8_t **rest)
{
    if (s >= end || *s != '{')
        return false;
    s++;
    if (!parse_int(&s, end, min) || s >= end)
        return false;
    if (*s != ',') {
        *max = *min;
    } else {
        s++;
        if (s >= end)
            return false;
        if (*s == '}')
            *max = -1;
        else if (!parse_int(&s, end, max))
            return false;
        else if (*max < 0)
            *min = -1;
    }
    if (s >= end || *s != '}')
        return false;
    *rest = s + 1;
    return true;
}

/* An escape sequence at s (s[0] == '\\') standing for one rune. */
static bool parse_escape(ReParser *p, const uint8_t *s, const uint8_t *end, int32_t *out,
                         const uint8_t **rest)
{
    const uint8_t *t = s + 1;
    if (t >= end)
        return re_fail(p, "trailing backslash at end of expression", s, 0);
    int32_t c;
    int w;
    if (!next_rune(p, t, end, &c, &w))
        return false;
    t += w;
    switch (c) {
    case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        /* a lone \1 is a backreference, unsupported */
        if (t >= end || *t < '0' || *t > '7')
            break;
        /* fall through */
    case '0': {
        int32_t r = c - '0';
        for (int i = 1; i < 3 && t < end && *t >= '0' && *t <= '7'; i++)
            r = r * 8 + (*t++ - '0');
        *out = r;
        *rest = t;
        return true;
    }
    case 'x': {
        if (t >= end)
            break;
        if (!next_rune(p, t, end, &c, &w))
            return false;
        t += w;
        if (c == '{') {
            int nhex = 0;
            int32_t r = 0;
            for (;;) {
                if (t >= end)
                    goto bad;
                if (!next_rune(p, t, end, &c, &w))
                    return false;
                t += w;
                if (c == '}')
                    break;
                int v = unhex(c);
                if (v < 0)
                    goto bad;
                r = r * 16 + v;
                if (r > RE_MAX_RUNE)
                    goto bad;
                nhex++;
            }
            if (nhex == 0)
                goto bad;
            *out = r;
            *rest = t;
            return true;
        }
        int x = unhex(c);
        if (t >= end) /* Go's nextRune on "" fails with no text consumed */
            goto bad;
        if (!next_rune(p, t, end, &c, &w))
            return false;
        t += w;
        int y = unhex(c);
        if (x < 0 || y < 0)
            break;
        *out = x * 16 + y;
        *rest = t;
        return true;
    }
    case 'a': *out = '\a'; *rest = t; return true;
    case 'f': *out = '\f'; *rest = t; return true;
    case 'n': *out = '\n'; *rest = t; return true;
    case 'r': *out = '\r'; *rest = t; return true;
    case 't': *out = '\t'; *rest = t; return true;
    case 'v': *out = '\v'; *rest = t; return true;
    default:
        if (c < 0x80 && !is_alnum(c)) {
            *out = c;
            *rest = t;
            return true;
        }
    }
bad:
    return re_fail(p, "invalid escape sequence", s, t - s);
}

static const int32_t re_perl_d[] = {'0', '9'};
static const int32_t re_perl_s[] = {'\t', '\n', '\f', '\r', ' ', ' '};
static const int32_t re_perl_w[] = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};

/* \d \s \w \D \S \W at s: appends to c and returns true. */
static bool parse_perl_class(ReParser *p, const uint8_t **s, const uint8_t *end, ReClass *c)
{
    const uint8_t *t = *s;
    if (!p->perl || end - t < 2 || t[0] != '\\')
        return false;
    const int32_t *g;
    int n;
    switch (t[1] | 0x20) {
    case 'd': g = re_perl_d, n = 2; break;
    case 's': g = re_perl_s, n = 6; break;
    case 'w': g = re_perl_w, n = 8; break;
    default: return false;
    }
    cls_add_group(c, g, n, p->flags & RF_FOLD, t[1] < 'a');
    *s = t + 2;
    return true;
}

typedef struct RePosix {
    const char *name;
    int32_t r[8];
    int n;
} RePosix;

static const RePosix re_posix[] = {
    {"alnum", {'0', '9', 'A', 'Z', 'a', 'z'}, 6},
    {"alpha", {'A', 'Z', 'a', 'z'}, 4},
    {"ascii", {0, 0x7F}, 2},
    {"blank", {'\t', '\t', ' ', ' '}, 4},
    {"cntrl", {0, 0x1F, 0x7F, 0x7F}, 4},
    {"digit", {'0', '9'}, 2},
    {"graph", {'!', '~'}, 2},
    {"lower", {'a', 'z'}, 2},
    {"print", {' ', '~'}, 2},
    {"punct", {'!', '/', ':', '@', '[', '`', '{', '~'}, 8},
    {"space", {'\t', '\r', ' ', ' '}, 4},
    {"upper", {'A', 'Z'}, 2},
    {"word", {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}, 8},
    {"xdigit", {'0', '9', 'A', 'F', 'a', 'f'}, 6},
};

/* [:alpha:] or [:^alpha:] at s. Returns 1 when parsed, 0 when not of that
 * form, -1 on error. */
static int parse_named_class(ReParser *p, const uint8_t **s, const uint8_t *end, ReClass *c)
{
    const uint8_t *t = *s;
    if (end - t < 2 || t[0] != '[' || t[1] != ':')
        return 0;
    const uint8_t *close = memmem(t + 2, (size_t)(end - t - 2), ":]", 2);
    if (close == NULL)
        return 0;
    const uint8_t *name = t + 2;
    bool neg = name < close && *name == '^';
    if (neg)
        name++;
    for (size_t i = 0; i < sizeof re_posix / sizeof re_posix[0]; i++) {
        size_t len = strlen(re_posix[i].name);
        if ((size_t)(close - name) == len && memcmp(name, re_posix[i].name, len) == 0) {
            cls_add_group(c, re_posix[i].r, re_posix[i].n, p->flags & RF_FOLD, neg);
            *s = close + 2;
            return 1;
        }
    }
    re_fail(p, "invalid character class range", t, close + 2 - t);
    return -1;
}

static const ReUniTable *uni_table(const uint8_t *name, int64_t len)
{
    for (size_t i = 0; i < sizeof re_uni_tables / sizeof re_uni_tables[0]; i++)
        if ((int64_t)strlen(re_uni_tables[i].name) == len &&
            memcmp(re_uni_tables[i].name, name, (size_t)len) == 0)
            return &re_uni_tables[i];
    return NULL;
}

/* \pL, \p{Greek}, \P{^Lu} at s. Returns 1 parsed, 0 not one, -1 error. */
static int parse_unicode_class(ReParser *p, const uint8_t **s, const uint8_t *end, ReClass *c)
{
    const uint8_t *t = *s;
    if (!p->perl || end - t < 2 || t[0] != '\\' || (t[1] != 'p' && t[1] != 'P'))
        return 0;
    bool neg = t[1] == 'P';
    const uint8_t *u = t + 2, *name, *nend, *rest;
    int32_t r;
    int w;
    if (u >= end) { /* an empty name, never a table */
        re_fail(p, "invalid character class range", t, 2);
        return -1;
    }
    if (!next_rune(p, u, end, &r, &w))
        return -1;
    if (r != '{') {
        name = u, nend = u + w, rest = u + w;
    } else {
        const uint8_t *close = memchr(t, '}', (size_t)(end - t));
        if (close == NULL) {
            if (!check_utf8(p, t, end))
                return -1;
            re_fail(p, "invalid character class range", t, end - t);
            return -1;
        }
        name = t + 3, nend = close, rest = close + 1;
        if (!check_utf8(p, name, nend))
            return -1;
    }
    const uint8_t *seq = t;
    int64_t seqlen = rest - t;
    if (name < nend && *name == '^') {
        neg = !neg;
        name++;
    }
    static const int32_t any[] = {0, RE_MAX_RUNE};
    const int32_t *rs;
    int n;
    if (nend - name == 3 && memcmp(name, "Any", 3) == 0) {
        rs = any, n = 2;
    } else {
        const ReUniTable *tab = uni_table(name, nend - name);
        if (tab == NULL) {
            re_fail(p, "invalid character class range", seq, seqlen);
            return -1;
        }
        rs = tab->r, n = 2 * tab->n;
    }
    cls_add_group(c, rs, n, p->flags & RF_FOLD, neg);
    *s = rest;
    return 1;
}

/* A bracketed class at s (s[0] == '['). */
static bool parse_class(ReParser *p, const uint8_t **sp, const uint8_t *end)
{
    const uint8_t *s = *sp, *t = s + 1;
    ReNode *re = node_new(RN_CLASS, p->flags);
    ReClass *c = &re->cls;
    bool neg = false;
    if (t < end && *t == '^') {
        neg = true;
        t++;
        /* POSIX: a negated class does not match newline */
        if (!p->perl)
            cls_add(c, '\n', '\n');
    }
    bool first = true;
    while (t >= end || *t != ']' || first) {
        /* POSIX: - is literal only first or last */
        if (!p->perl && !first && t < end && *t == '-' && (end - t == 1 || t[1] != ']')) {
            int32_t r;
            int w = 0;
            if (end - t > 1)
                r = utf8_decode(t + 1, end - t - 1, &w);
            (void)r;
            return re_fail(p, "invalid character class range", t, 1 + w);
        }
        first = false;
        if (end - t > 2 && t[0] == '[' && t[1] == ':') {
            int k = parse_named_class(p, &t, end, c);
            if (k < 0)
                return false;
            if (k > 0)
                continue;
        }
        int k = parse_unicode_class(p, &t, end, c);
        if (k < 0)
            return false;
        if (k > 0)
            continue;
        if (parse_perl_class(p, &t, end, c))
            continue;
        const uint8_t *rng = t;
        int32_t lo, hi;
        int w;
        if (t >= end)
            return re_fail(p, "missing closing ]", s, end - s);
        if (*t == '\\') {
            if (!parse_escape(p, t, end, &lo, &t))
                return false;
        } else {
            if (!next_rune(p, t, end, &lo, &w))
                return false;
            t += w;
        }
        hi = lo;
        if (end - t >= 2 && t[0] == '-' && t[1] != ']') {
            t++;
            if (t >= end)
                return re_fail(p, "missing closing ]", s, end - s);
            if (*t == '\\') {
                if (!parse_escape(p, t, end, &hi, &t))
                    return false;
            } else {
                if (!next_rune(p, t, end, &hi, &w))
                    return false;
                t += w;
            }
            if (hi < lo)
                return re_fail(p, "invalid character class range", rng, t - rng);
        }
        if (p->flags & RF_FOLD)
            cls_add_folded(c, lo, hi);
        else
            cls_add(c, lo, hi);
    }
    t++;
    cls_clean(c);
    if (neg) {
        ReClass nc = {0};
        cls_add_negated(&nc, c->r, c->n);
        *c = nc;
    }
    push_class(p, re);
    *sp = t;
    return true;
}

static bool valid_capture_name(const uint8_t *s, int64_t n)
{
    if (n == 0)
        return false;
    for (int64_t i = 0; i < n; i++)
        if (s[i] != '_' && !is_alnum(s[i]))
            return false;
    return true;
}

static void open_paren(ReParser *p, String name)
{
    ReNode *lp = node_new(RN_LPAREN, p->flags);
    lp->cap = ++p->ncap;
    lp->name = name;
    push(p, lp);
}

/* (?flags), (?flags:, (?P<name>, (?<name> at s. */
static bool parse_perl_flags(ReParser *p, const uint8_t **sp, const uint8_t *end)
{
    const uint8_t *s = *sp, *t = s;
    /* (?P<name> (Python's form) and, since Go 1.22, (?<name> */
    bool with_p = end - t > 4 && t[2] == 'P' && t[3] == '<';
    if (with_p || (end - t > 3 && t[2] == '<')) {
        const uint8_t *close = memchr(t, '>', (size_t)(end - t));
        if (close == NULL) {
            if (!check_utf8(p, t, end))
                return false;
            return re_fail(p, "invalid named capture", s, end - s);
        }
        const uint8_t *name = t + (with_p ? 4 : 3);
        if (!check_utf8(p, name, close))
            return false;
        if (!valid_capture_name(name, close - name))
            return re_fail(p, "invalid named capture", t, close + 1 - t);
        open_paren(p, (String){name, close - name});
        *sp = close + 1;
        return true;
    }
    t += 2;
    int flags = p->flags, sign = 1;
    bool saw = false;
    while (t < end) {
        int32_t c;
        int w;
        if (!next_rune(p, t, end, &c, &w))
            return false;
        t += w;
        switch (c) {
        case 'i': flags |= RF_FOLD; saw = true; continue;
        case 'm': flags &= ~RF_ONELINE; saw = true; continue;
        case 's': flags |= RF_DOTNL; saw = true; continue;
        case 'U': flags |= RF_NONGREEDY; saw = true; continue;
        case '-':
            if (sign < 0)
                break;
            sign = -1;
            flags = ~flags;
            saw = false;
            continue;
        case ':':
        case ')':
            if (sign < 0) {
                if (!saw)
                    break;
                flags = ~flags;
            }
            if (c == ':') {
                ReNode *lp = node_new(RN_LPAREN, p->flags);
                push(p, lp);
            }
            p->flags = flags;
            *sp = t;
            return true;
        }
        break;
    }
    return re_fail(p, "invalid or unsupported Perl syntax", s, t - s);
}

static bool parse_right_paren(ReParser *p)
{
    p_concat(p);
    p_alternate(p);
    int n = p->nstack;
    if (n < 2 || p->stack[n - 2]->op != RN_LPAREN)
        return re_fail(p, "unexpected )", p->whole.ptr, p->whole.len);
    ReNode *body = p->stack[n - 1], *lp = p->stack[n - 2];
    p->nstack -= 2;
    p->flags = lp->flags;
    if (lp->cap == 0) {
        push(p, body);
    } else {
        lp->op = RN_CAP;
        node_add_sub(lp, body);
        push(p, lp);
    }
    return true;
}

/* The compiled size Go's parser estimates for re (calcSize). */
static int64_t calc_size(const ReNode *re)
{
    int64_t size = 0, sub = re->nsub ? calc_size(re->sub[0]) : 0;
    switch (re->op) {
    case RN_CAP:
    case RN_STAR:
        size = 2 + sub;
        break;
    case RN_PLUS:
    case RN_QUEST:
        size = 1 + sub;
        break;
    case RN_CAT:
    case RN_ALT:
        for (int i = 0; i < re->nsub; i++)
            size += calc_size(re->sub[i]);
        if (re->op == RN_ALT && re->nsub > 1)
            size += re->nsub - 1;
        break;
    case RN_REPEAT:
        if (re->max == -1)
            size = re->min == 0 ? 2 + sub : 1 + re->min * sub;
        else
            size = re->max * sub + (re->max - re->min);
        break;
    }
    return size < 1 ? 1 : size;
}

/* Parses the whole pattern into p->stack[0]. */
static ReNode *re_parse(ReParser *p, String src)
{
    const uint8_t *t = src.ptr, *end = src.ptr + src.len;
    const uint8_t *last_repeat = NULL;
    p->whole = src;
    /* Perl: ^ and $ match at the text's edges; POSIX: at lines */
    p->flags = p->perl ? RF_ONELINE : 0;
    while (t < end) {
        const uint8_t *repeat = NULL;
        int32_t c;
        int w;
        switch (*t) {
        default:
            if (!next_rune(p, t, end, &c, &w))
                return NULL;
            t += w;
            push_literal(p, c);
            break;
        case '(':
            if (p->perl && end - t >= 2 && t[1] == '?') {
                if (!parse_perl_flags(p, &t, end))
                    return NULL;
                break;
            }
            open_paren(p, (String){NULL, 0});
            t++;
            break;
        case '|':
            p_concat(p);
            push(p, node_new(RN_VBAR, p->flags));
            t++;
            break;
        case ')':
            if (!parse_right_paren(p))
                return NULL;
            t++;
            break;
        case '^':
            push(p, node_new(p->flags & RF_ONELINE ? RN_BOT : RN_BOL, p->flags));
            t++;
            break;
        case '$':
            push(p, node_new(p->flags & RF_ONELINE ? RN_EOT : RN_EOL, p->flags));
            t++;
            break;
        case '.':
            push(p, node_new(p->flags & RF_DOTNL ? RN_ANY : RN_ANYNOTNL, p->flags));
            t++;
            break;
        case '[':
            if (!parse_class(p, &t, end))
                return NULL;
            break;
        case '*':
        case '+':
        case '?': {
            const uint8_t *before = t, *after = t + 1;
            int op = *t == '*' ? RN_STAR : *t == '+' ? RN_PLUS : RN_QUEST;
            if (!p_repeat(p, op, 0, 0, before, &after, end, last_repeat))
                return NULL;
            repeat = before;
            t = after;
            break;
        }
        case '{': {
            const uint8_t *before = t, *after;
            int min, max;
            if (!parse_repeat(t, end, &min, &max, &after)) {
                push_literal(p, '{');
                t++;
                break;
            }
            if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max))
                return re_fail(p, "invalid repeat count", before, after - before), NULL;
            if (!p_repeat(p, RN_REPEAT, min, max, before, &after, end, last_repeat))
                return NULL;
            repeat = before;
            t = after;
            break;
        }
        case '\\': {
            if (p->perl && end - t >= 2) {
                int op = -1;
                switch (t[1]) {
                case 'A': op = RN_BOT; break;
                case 'b': op = RN_WORDB; break;
                case 'B': op = RN_NWORDB; break;
                case 'z': op = RN_EOT; break;
                case 'C':
                    return re_fail(p, "invalid escape sequence", t, 2), NULL;
                case 'Q': {
                    const uint8_t *lit = t + 2;
                    const uint8_t *q = memmem(lit, (size_t)(end - lit), "\\E", 2);
                    const uint8_t *lend = q ? q : end;
                    while (lit < lend) {
                        if (!next_rune(p, lit, lend, &c, &w))
                            return NULL;
                        push_literal(p, c);
                        lit += w;
                    }
                    t = q ? q + 2 : end;
                    goto next;
                }
                }
                if (op >= 0) {
                    push(p, node_new(op, p->flags));
                    t += 2;
                    break;
                }
            }
            ReNode *re = node_new(RN_CLASS, p->flags);
            int k = parse_unicode_class(p, &t, end, &re->cls);
            if (k < 0)
                return NULL;
            if (k > 0 || parse_perl_class(p, &t, end, &re->cls)) {
                cls_clean(&re->cls);
                push_class(p, re);
                break;
            }
            if (!parse_escape(p, t, end, &c, &t))
                return NULL;
            push_literal(p, c);
            break;
        }
        }
    next:
        if (p->err.code) /* a limit passed */
            return NULL;
        last_repeat = repeat;
    }
    p_concat(p);
    p_alternate(p);
    if (p->err.code)
        return NULL;
    if (p->nstack != 1)
        return re_fail(p, "missing closing )", src.ptr, src.len), NULL;
    if (calc_size(p->stack[0]) > RE_MAX_SIZE)
        return re_fail(p, "expression too large", src.ptr, src.len), NULL;
    return p->stack[0];
}

/* ---- Simplification (Go's Regexp.Simplify) ---- */

static ReNode *simplify(ReNode *re);

static ReNode *simplify1(int op, int flags, ReNode *sub)
{
    if (sub->op == RN_EMPTY)
        return sub;
    if (op == sub->op && (flags & RF_NONGREEDY) == (sub->flags & RF_NONGREEDY))
        return sub;
    ReNode *n = node_new(op, flags);
    node_add_sub(n, sub);
    return n;
}

static ReNode *simplify(ReNode *re)
{
    switch (re->op) {
    case RN_CAP:
    case RN_CAT:
    case RN_ALT: {
        ReNode *n = node_new(re->op, re->flags);
        n->cap = re->cap;
        n->name = re->name;
        for (int i = 0; i < re->nsub; i++)
            node_add_sub(n, simplify(re->sub[i]));
        return n;
    }
    case RN_STAR:
    case RN_PLUS:
    case RN_QUEST:
        return simplify1(re->op, re->flags, simplify(re->sub[0]));
    case RN_REPEAT: {
        if (re->min == 0 && re->max == 0)
            return node_new(RN_EMPTY, 0);
        ReNode *sub = simplify(re->sub[0]);
        if (re->max == -1) {
            if (re->min == 0)
                return simplify1(RN_STAR, re->flags, sub);
            if (re->min == 1)
                return simplify1(RN_PLUS, re->flags, sub);
            ReNode *n = node_new(RN_CAT, 0);
            for (int i = 0; i < re->min - 1; i++)
                node_add_sub(n, sub);
            node_add_sub(n, simplify1(RN_PLUS, re->flags, sub));
            return n;
        }
        if (re->min == 1 && re->max == 1)
            return sub;
        ReNode *prefix = NULL;
        if (re->min > 0) {
            prefix = node_new(RN_CAT, 0);
            for (int i = 0; i < re->min; i++)
                node_add_sub(prefix, sub);
        }
        if (re->max > re->min) {
            ReNode *suffix = simplify1(RN_QUEST, re->flags, sub);
            for (int i = re->min + 1; i < re->max; i++) {
                ReNode *c = node_new(RN_CAT, 0);
                node_add_sub(c, sub);
                node_add_sub(c, suffix);
                suffix = simplify1(RN_QUEST, re->flags, c);
            }
            if (prefix == NULL)
                return suffix;
            node_add_sub(prefix, suffix);
        }
        return prefix ? prefix : node_new(RN_NOMATCH, 0);
    }
    default:
        return re;
    }
}

/* ---- The program ---- */

enum { I_FAIL, I_ALT, I_CAP, I_EMPTY, I_NOP, I_MATCH, I_RUNE };

/* Empty-width conditions (Go's syntax.EmptyOp). */
enum {
    E_BOL = 1,
    E_EOL = 2,
    E_BOT = 4,
    E_EOT = 8,
    E_WORDB = 16,
    E_NWORDB = 32,
};

typedef struct ReInst {
    uint8_t op;
    uint32_t out;
    uint32_t arg;     /* ALT: second branch; CAP: slot; EMPTY: conditions */
    const int32_t *r; /* RUNE: ranges */
    int32_t nr;       /* RUNE: number of ranges */
    uint64_t ascii[2]; /* RUNE: which ASCII runes match */
} ReInst;

typedef struct ReProg {
    ReInst *inst;
    uint32_t ninst, start;
    int ncap;          /* capture slots: 2 * (subexpressions + 1) */
    uint32_t startcond; /* conditions every match must meet at its start */
    String prefix;     /* literal every match starts with */
    bool complete;     /* prefix is the whole match */
    bool has_startset; /* startset valid: no empty-width path at the start */
    uint64_t startset[4]; /* bytes that can begin a match */
    int64_t maxlen;    /* bytes in the longest match; -1: unbounded */
    bool has_empty;    /* some instruction tests an empty-width condition */
    bool dfa_ok;       /* no empty-width test (and the DFA has not given up):
                          the DFA can search; atomic, cleared once */
    int dfa_resets;    /* times the DFA outgrew its budget */
    struct ReDfa *dfa; /* its states, built lazily under dfa_lock */
    pthread_mutex_t dfa_lock;
} ReProg;

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
    int64_t *len = malloc((size_t)p->ninst * sizeof *len);
    uint8_t *color = calloc(p->ninst, 1); /* 0 new, 1 on the path, 2 done */
    uint32_t *stack = malloc((size_t)p->ninst * 2 * sizeof *stack);
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
            p->complete =
                i->op == I_EMPTY && (i->arg & E_EOT) && p->inst[i->out].op == I_MATCH;
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
    uint32_t *stack = malloc((size_t)p->ninst * sizeof *stack);
    uint8_t *seen = calloc(p->ninst, 1);
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
    p->dfa_ok = !p->has_empty;
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
            m->q[k].sparse = calloc(ni, sizeof(uint32_t));
            m->q[k].dense = calloc(ni, sizeof(uint32_t));
            m->q[k].caps = malloc((size_t)ni * (size_t)(nc ? nc : 1) * sizeof(int64_t));
        }
        free(m->matchcap);
        free(m->stack);
        m->matchcap = malloc((size_t)(nc ? nc : 1) * sizeof(int64_t));
        /* each instruction is entered once per add: at most 2 frames each
         * (its pc and a capture restore) plus the ALT's pushed branch */
        m->stack = malloc((size_t)ni * 3 * sizeof *m->stack);
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
    return (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') ||
           r == '_';
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

static inline int32_t rune_at(const uint8_t *s, int64_t n, int64_t pos, int *w)
{
    if (pos >= n) {
        *w = 0;
        return -1;
    }
    if (s[pos] < 0x80) {
        *w = 1;
        return s[pos];
    }
    return utf8_decode(s + pos, n - pos, w);
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

/* Runs the Pike VM on s from pos: see re_exec. */
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
    int32_t r = rune_at(s, n, pos, &w), r1 = -1;
    if (r >= 0)
        r1 = rune_at(s, n, pos + w, &w1);
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
                const uint8_t *f = np + p->prefix.len <= n
                                       ? memmem(s + np, (size_t)(n - np), p->prefix.ptr,
                                                (size_t)p->prefix.len)
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
                r = rune_at(s, n, pos, &w);
                r1 = r >= 0 ? rune_at(s, n, pos + w, &w1) : -1;
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
            r1 = rune_at(s, n, pos + w, &w1);
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
        b->jobs = realloc(b->jobs, b->capjobs * sizeof *b->jobs);
    }
    b->jobs[b->njobs++] = (ReJob){pc, arg, pos};
}

/* Searches for a match starting exactly at pos. */
static bool bt_try(const ReProg *p, ReBacktrack *b, const uint8_t *s, int64_t n, int64_t pos,
                   int ncap, bool longest)
{
    b->njobs = 0;
    bt_push(b, p->start, pos, false);
    while (b->njobs) {
        ReJob j = b->jobs[--b->njobs];
        uint32_t pc = j.pc;
        pos = j.pos;
        bool arg = j.arg;
        goto skip;
    check:
        {
            size_t k = (size_t)pc * (size_t)(n + 1) + (size_t)pos;
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
            int32_t c = rune_at(s, n, pos, &w);
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
            uint32_t ctx = empty_ctx(rune_before(s, pos), rune_at(s, n, pos, &w));
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

/* Go's backtrack(): the leftmost match at or after pos. */
static bool bt_exec(const ReProg *p, const uint8_t *s, int64_t n, int64_t pos, int ncap,
                    bool longest, int64_t *cap)
{
    ReBacktrack *b = &re_bt;
    size_t words = ((size_t)p->ninst * (size_t)(n + 1) + 63) / 64;
    if (words > b->nvisited) {
        free(b->visited);
        b->nvisited = words < 64 ? 64 : words;
        b->visited = malloc(b->nvisited * sizeof *b->visited);
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
        for (int w = -1; pos <= n && w != 0; pos += w) {
            if (p->prefix.len > 0) {
                const uint8_t *f = pos + p->prefix.len <= n
                                       ? memmem(s + pos, (size_t)(n - pos), p->prefix.ptr,
                                                (size_t)p->prefix.len)
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
            rune_at(s, n, pos, &w);
        }
    }
    if (found && ncap > 0)
        memcpy(cap, b->matchcap, (size_t)ncap * sizeof *cap);
    return found;
}

/* ---- The lazy DFA: where does the earliest match end? ----
 *
 * For programs without empty-width tests, a search first runs a DFA
 * whose states are the sets of instructions the Pike VM's threads would
 * occupy (with a new thread started at every position, as an unanchored
 * search does), built on demand and cached per program. It answers in a
 * table lookup per byte where the first match ends, or that there is
 * none: MatchString needs no more, and the Pike VM then runs only over
 * the stretch a match can start in (the earliest end minus the longest
 * match), which gives the same answer since no match starts earlier. */

enum { DFA_MAX_STATES = 4096 };

typedef struct ReDState {
    uint32_t off, n; /* its instructions: dfa->pcs[off..off+n), sorted */
    bool match;      /* a match ends here */
    int32_t next[128]; /* the state after each ASCII byte; -1: not built */
} ReDState;

typedef struct ReDfa {
    ReDState *st;
    uint32_t nst, capst;
    uint32_t *pcs;
    uint32_t npcs, cappcs;
    int32_t *hash; /* open addressing over states, -1 empty */
    uint32_t hcap;
    uint32_t *mark; /* per instruction: generation last added */
    uint32_t gen;
    uint32_t *buf, nbuf; /* the set being built */
    uint32_t *stack;
    int32_t start;
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
    d->buf = heap_alloc_atomic(p->ninst * sizeof *d->buf);
    d->stack = heap_alloc_atomic(2 * p->ninst * sizeof *d->stack);
    d->start = -1;
    return d;
}

/* Adds to d->buf every RUNE and MATCH instruction reachable from pc
 * without consuming input. */
static void dfa_follow(ReDfa *d, const ReProg *p, uint32_t pc)
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
        case I_RUNE:
        case I_MATCH:
            d->buf[d->nbuf++] = pc;
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

static uint32_t dfa_hash(const uint32_t *v, uint32_t n)
{
    uint32_t h = 2166136261u;
    for (uint32_t k = 0; k < n; k++)
        h = (h ^ v[k]) * 16777619u;
    return h;
}

/* The state for the set in d->buf (sorted here), made if new. -1 when
 * the state budget is spent. */
static int32_t dfa_intern(ReDfa *d, const ReProg *p)
{
    qsort(d->buf, d->nbuf, sizeof *d->buf, cmp_u32);
    uint32_t h = dfa_hash(d->buf, d->nbuf);
    uint32_t k = h & (d->hcap - 1);
    for (; d->hash[k] >= 0; k = (k + 1) & (d->hcap - 1)) {
        const ReDState *s = &d->st[d->hash[k]];
        if (s->n == d->nbuf && memcmp(d->pcs + s->off, d->buf, d->nbuf * sizeof *d->buf) == 0)
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
    s->match = false;
    memcpy(d->pcs + d->npcs, d->buf, d->nbuf * sizeof *d->buf);
    d->npcs += d->nbuf;
    for (uint32_t j = 0; j < d->nbuf; j++)
        if (p->inst[d->buf[j]].op == I_MATCH)
            s->match = true;
    memset(s->next, 0xFF, sizeof s->next);
    d->hash[k] = id;
    if (2 * d->nst > d->hcap) { /* keep the table at most half full */
        uint32_t nh = d->hcap * 2;
        int32_t *hash = heap_alloc_atomic(nh * sizeof *hash);
        memset(hash, 0xFF, nh * sizeof *hash);
        for (uint32_t j = 0; j < d->nst; j++) {
            const ReDState *t = &d->st[j];
            uint32_t x = dfa_hash(d->pcs + t->off, t->n) & (nh - 1);
            while (hash[x] >= 0)
                x = (x + 1) & (nh - 1);
            hash[x] = (int32_t)j;
        }
        d->hash = hash;
        d->hcap = nh;
    }
    return id;
}

/* The state after state `from` reads rune c (and a new search thread
 * starts), -1 when out of budget. */
static int32_t dfa_step(ReDfa *d, const ReProg *p, int32_t from, int32_t c)
{
    d->gen++;
    d->nbuf = 0;
    const ReDState *s = &d->st[from];
    for (uint32_t j = 0; j < s->n; j++) {
        const ReInst *i = &p->inst[d->pcs[s->off + j]];
        if (i->op == I_RUNE && rune_match(i, c))
            dfa_follow(d, p, i->out);
    }
    dfa_follow(d, p, p->start);
    return dfa_intern(d, p);
}

/* Where the earliest-ending match starting at or after pos ends; -1 when
 * there is no match, -2 when the DFA ran out of states (the caller falls
 * back to the Pike VM; after a few such runs the program stops trying). */
static int64_t dfa_search(ReProg *p, const uint8_t *s, int64_t n, int64_t pos)
{
    ReDfa *d = p->dfa;
    if (d == NULL)
        d = p->dfa = dfa_new(p);
    if (d->start < 0) {
        d->gen++;
        d->nbuf = 0;
        dfa_follow(d, p, p->start);
        d->start = dfa_intern(d, p);
    }
    int32_t cur = d->start;
    if (d->st[cur].match)
        return pos;
    int64_t i = pos;
    while (i < n) {
        if (cur == d->start) {
            /* No thread alive: matches start only at the literal prefix
             * or at a start byte, so jump to the next one. */
            if (p->prefix.len > 0) {
                const uint8_t *f = i + p->prefix.len <= n
                                       ? memmem(s + i, (size_t)(n - i), p->prefix.ptr,
                                                (size_t)p->prefix.len)
                                       : NULL;
                if (f == NULL)
                    return -1;
                i = f - s;
            } else if (p->has_startset) {
                while (i < n && !((p->startset[s[i] >> 6] >> (s[i] & 63)) & 1))
                    i++;
                if (i >= n)
                    return -1;
            }
        }
        uint8_t b = s[i];
        int32_t nx;
        if (b < 0x80) {
            nx = d->st[cur].next[b];
            if (nx < 0) {
                nx = dfa_step(d, p, cur, b);
                if (nx < 0)
                    goto full;
                d->st[cur].next[b] = nx;
            }
            i++;
        } else {
            int w;
            int32_t c = utf8_decode(s + i, n - i, &w);
            nx = dfa_step(d, p, cur, c);
            if (nx < 0)
                goto full;
            i += w;
        }
        cur = nx;
        if (d->st[cur].match)
            return i;
    }
    return -1;
full:
    /* Drop the states (the next search starts afresh) and give up here. */
    p->dfa = NULL;
    if (++p->dfa_resets >= 3) /* read unlocked by re_exec: atomic */
        __atomic_store_n(&p->dfa_ok, false, __ATOMIC_RELAXED);
    return -2;
}

/* Runs the program on s from pos. With ncap > 0 fills cap[0..ncap) with
 * the match's submatch positions (-1: unset). Returns whether it matched.
 * The compiled program is shared: only the DFA cache changes, under its
 * lock (a search that finds it taken just runs without the DFA). */
static bool re_exec(const ReProg *cp, const uint8_t *s, int64_t n, int64_t pos, int ncap,
                    bool longest, int64_t *cap)
{
    ReProg *p = (ReProg *)cp;
    if (p->startcond == ~0u || ((p->startcond & E_BOT) && pos != 0))
        return false;
    int64_t from = pos;
    if (__atomic_load_n(&p->dfa_ok, __ATOMIC_RELAXED) &&
        pthread_mutex_trylock(&p->dfa_lock) == 0) {
        int64_t e = p->dfa_ok ? dfa_search(p, s, n, pos) : -2;
        pthread_mutex_unlock(&p->dfa_lock);
        if (e == -1)
            return false;
        if (e >= 0) {
            if (ncap == 0)
                return true;
            if (p->maxlen >= 0 && e - p->maxlen > pos) {
                from = e - p->maxlen;
                while (from > pos && (s[from] & 0xC0) == 0x80)
                    from--;
            }
        }
    }
    if (bt_fits(p, n, ncap))
        return bt_exec(p, s, n, from, ncap, longest, cap);
    return pike_exec(p, s, n, from, ncap, longest, cap);
}

/* ---- Compiling a pattern ---- */

static ReProg *re_compile(String src, bool posix, ReParser *p)
{
    memset(p, 0, sizeof *p);
    p->perl = !posix;
    ReNode *tree = re_parse(p, src);
    if (tree == NULL)
        return NULL;
    ReComp c = {0};
    c_inst(&c, I_FAIL); /* instruction 0: fail (and the end of patch lists) */
    ReFrag f = compile_node(&c, simplify(tree));
    uint32_t match = c_inst(&c, I_MATCH);
    if (f.i == 0) { /* matches nothing: start at the fail instruction */
        f.i = 0;
    } else {
        patch(&c, f.out, match);
    }
    ReProg *prog = heap_alloc(sizeof *prog);
    prog->inst = c.inst;
    prog->ninst = c.n;
    prog->start = f.i;
    prog->ncap = 2 * (p->ncap + 1);
    prog_analyse(prog);
    return prog;
}

/* Fills names[i] with capture i's name ("" when unnamed). */
static void collect_names(const ReNode *re, String *names)
{
    if (re->op == RN_CAP)
        names[re->cap] = re->name;
    for (int i = 0; i < re->nsub; i++)
        collect_names(re->sub[i], names);
}

/* compile(expr string, posix bool) (prog *byte, numSubexp int,
 *     names []string, prefix string, complete bool, err string) */
static NativeStatus regexp_native_compile(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    String src = nat_str(args);
    bool posix = args[2].i != 0;
    ReParser p;
    ReProg *prog = re_compile(src, posix, &p);
    if (prog == NULL) {
        StrBuf b;
        sbuf_init(&b);
        sbuf_puts(&b, "error parsing regexp: ");
        sbuf_puts(&b, p.err.code);
        sbuf_puts(&b, ": `");
        sbuf_put(&b, p.err.expr, (size_t)p.err.len);
        sbuf_putc(&b, '`');
        String msg = string_from_bytes(b.p, (int64_t)b.len);
        memset(res, 0, 10 * sizeof *res);
        nat_set_str(res + 8, msg);
        return NATIVE_OK;
    }
    int nsub = p.ncap;
    String *names = heap_alloc((size_t)(nsub + 1) * sizeof *names);
    for (int i = 0; i <= nsub; i++)
        names[i] = (String){NULL, 0};
    if (p.nstack == 1)
        collect_names(p.stack[0], names);
    res[0].p = prog;
    res[1].i = nsub;
    nat_set_slice(res + 2, (Slice){names, nsub + 1, nsub + 1});
    nat_set_str(res + 5, prog->prefix);
    res[7].i = prog->complete;
    nat_set_str(res + 8, (String){NULL, 0});
    return NATIVE_OK;
}

/* Input of the exec natives: a string, or a []byte (one more slot). */
static String arg_input(Slot *args, bool bytes)
{
    if (bytes) {
        Slice b = nat_slice(args);
        return (String){b.ptr, b.len};
    }
    return nat_str(args);
}

static Slice int_slice(const int64_t *v, int64_t n)
{
    int64_t *a = heap_alloc_atomic((size_t)(n ? n : 1) * sizeof *a);
    memcpy(a, v, (size_t)n * sizeof *a);
    return (Slice){a, n, n};
}

/* match(prog *byte, s string) bool, and matchBytes with b []byte. */
static NativeStatus re_match_common(Slot *args, Slot *res, bool bytes)
{
    const ReProg *p = args[0].p;
    String s = arg_input(args + 1, bytes);
    res[0].i = re_exec(p, s.ptr, s.len, 0, 0, false, NULL);
    return NATIVE_OK;
}
static NativeStatus regexp_native_match(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_match_common(args, res, false);
}
static NativeStatus regexp_native_match_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_match_common(args, res, true);
}

/* exec(prog *byte, s string, pos, ncap int, longest bool) []int: the
 * submatch positions of the first match at or after pos, nil if none. */
static NativeStatus re_exec_common(Slot *args, Slot *res, bool bytes)
{
    const ReProg *p = args[0].p;
    String s = arg_input(args + 1, bytes);
    Slot *a = args + (bytes ? 4 : 3);
    int64_t pos = a[0].i;
    int ncap = (int)a[1].i;
    bool longest = a[2].i != 0;
    if (ncap > p->ncap)
        ncap = p->ncap;
    int64_t cap[ncap > 0 ? ncap : 1];
    if (!re_exec(p, s.ptr, s.len, pos, ncap, longest, cap)) {
        nat_set_slice(res, (Slice){NULL, 0, 0});
        return NATIVE_OK;
    }
    nat_set_slice(res, int_slice(cap, ncap));
    return NATIVE_OK;
}
static NativeStatus regexp_native_exec(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_exec_common(args, res, false);
}
static NativeStatus regexp_native_exec_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_exec_common(args, res, true);
}

typedef struct IntBuf {
    int64_t *v;
    int64_t n, cap;
} IntBuf;

static void ib_put(IntBuf *b, const int64_t *v, int n)
{
    if (b->n + n > b->cap) {
        int64_t nc = b->cap ? 2 * b->cap : 64;
        while (nc < b->n + n)
            nc *= 2;
        int64_t *nv = heap_alloc_atomic((size_t)nc * sizeof *nv);
        if (b->n)
            memcpy(nv, b->v, (size_t)b->n * sizeof *nv);
        b->v = nv;
        b->cap = nc;
    }
    memcpy(b->v + b->n, v, (size_t)n * sizeof *v);
    b->n += n;
}

/* Go's allMatches: successive matches, each ncap positions, an empty
 * match right after a previous match skipped. */
static void re_all(const ReProg *p, String s, int64_t limit, int ncap, bool longest, IntBuf *out)
{
    int64_t cap[ncap];
    int64_t prev_end = -1, count = 0;
    for (int64_t pos = 0; count < limit && pos <= s.len;) {
        if (!re_exec(p, s.ptr, s.len, pos, ncap, longest, cap))
            break;
        bool accept = true;
        if (cap[1] == pos) {
            if (cap[0] == prev_end)
                accept = false;
            int w;
            rune_at(s.ptr, s.len, pos, &w);
            pos = w > 0 ? pos + w : s.len + 1;
        } else {
            pos = cap[1];
        }
        prev_end = cap[1];
        if (accept) {
            ib_put(out, cap, ncap);
            count++;
        }
    }
}

/* execAll(prog *byte, s string, n, ncap int, longest bool) []int: all
 * matches (n < 0: no limit), flattened, ncap ints each. */
static NativeStatus re_exec_all_common(Slot *args, Slot *res, bool bytes)
{
    const ReProg *p = args[0].p;
    String s = arg_input(args + 1, bytes);
    Slot *a = args + (bytes ? 4 : 3);
    int64_t limit = a[0].i < 0 ? INT64_MAX : a[0].i;
    int ncap = (int)a[1].i;
    bool longest = a[2].i != 0;
    if (ncap > p->ncap)
        ncap = p->ncap;
    if (ncap < 2)
        ncap = 2;
    IntBuf out = {0};
    re_all(p, s, limit, ncap, longest, &out);
    nat_set_slice(res, (Slice){out.v, out.n, out.cap});
    return NATIVE_OK;
}
static NativeStatus regexp_native_exec_all(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_exec_all_common(args, res, false);
}
static NativeStatus regexp_native_exec_all_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_exec_all_common(args, res, true);
}

/* Go's replaceAll scan: the matches that get a replacement (an empty
 * match right after a previous match gets none; dropping it changes
 * nothing else), ncap ints each. */
static void re_replace_scan(const ReProg *p, String s, int ncap, bool longest, IntBuf *out)
{
    int64_t cap[ncap];
    int64_t last_end = 0, search = 0;
    while (search <= s.len) {
        if (!re_exec(p, s.ptr, s.len, search, ncap, longest, cap))
            break;
        if (cap[1] > last_end || cap[0] == 0)
            ib_put(out, cap, ncap);
        last_end = cap[1];
        int w;
        rune_at(s.ptr, s.len, search, &w);
        if (search + w > cap[1])
            search += w;
        else if (search + 1 > cap[1])
            search++;
        else
            search = cap[1];
    }
}

/* replaceMatches(prog *byte, s string, ncap int, longest bool) []int */
static NativeStatus re_replace_matches_common(Slot *args, Slot *res, bool bytes)
{
    const ReProg *p = args[0].p;
    String s = arg_input(args + 1, bytes);
    Slot *a = args + (bytes ? 4 : 3);
    int ncap = (int)a[0].i;
    bool longest = a[1].i != 0;
    if (ncap > p->ncap)
        ncap = p->ncap;
    if (ncap < 2)
        ncap = 2;
    IntBuf out = {0};
    re_replace_scan(p, s, ncap, longest, &out);
    nat_set_slice(res, (Slice){out.v, out.n, out.cap});
    return NATIVE_OK;
}
static NativeStatus regexp_native_replace_matches(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_replace_matches_common(args, res, false);
}
static NativeStatus regexp_native_replace_matches_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_replace_matches_common(args, res, true);
}

/* replaceLiteral(prog *byte, s, repl string, longest bool) string: every
 * match replaced by repl as is (ReplaceAllLiteralString, and
 * ReplaceAllString when repl has no '$'). */
static NativeStatus regexp_native_replace_literal(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    const ReProg *p = args[0].p;
    String s = nat_str(args + 1), repl = nat_str(args + 3);
    bool longest = args[5].i != 0;
    IntBuf m = {0};
    re_replace_scan(p, s, 2, longest, &m);
    if (m.n == 0) {
        nat_set_str(res, s);
        return NATIVE_OK;
    }
    int64_t total = s.len;
    for (int64_t k = 0; k < m.n; k += 2)
        total += repl.len - (m.v[k + 1] - m.v[k]);
    uint8_t *buf = heap_alloc_bytes((size_t)(total ? total : 1));
    int64_t o = 0, last = 0;
    for (int64_t k = 0; k < m.n; k += 2) {
        memcpy(buf + o, s.ptr + last, (size_t)(m.v[k] - last));
        o += m.v[k] - last;
        memcpy(buf + o, repl.ptr, (size_t)repl.len);
        o += repl.len;
        last = m.v[k + 1];
    }
    memcpy(buf + o, s.ptr + last, (size_t)(s.len - last));
    nat_set_str(res, (String){buf, total});
    return NATIVE_OK;
}

static const StdNative regexp_natives[] = {
    {"compile", regexp_native_compile},
    {"match", regexp_native_match},
    {"matchBytes", regexp_native_match_bytes},
    {"exec", regexp_native_exec},
    {"execBytes", regexp_native_exec_bytes},
    {"execAll", regexp_native_exec_all},
    {"execAllBytes", regexp_native_exec_all_bytes},
    {"replaceMatches", regexp_native_replace_matches},
    {"replaceMatchesBytes", regexp_native_replace_matches_bytes},
    {"replaceLiteral", regexp_native_replace_literal},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_regexp = {"regexp", regexp_source, regexp_natives};
