/* regexp_syntax.c — package regexp's parser: Go's RE2 syntax (or POSIX
 * ERE for CompilePOSIX) into a syntax tree (regexp.h), with Go's exact
 * error texts and limits, and Go's simplification of that tree.
 *
 * Mirrors Go's regexp/syntax where it shows: which text an error quotes,
 * how (?i) folds runes and classes (unicode.SimpleFold orbits), how
 * alternations sharing a literal prefix are factored (LiteralPrefix sees
 * it), how x{n,m} is expanded (submatches of the copies depend on it).
 * Must never run a match or allocate outside the collected heap.
 */
#include <stdlib.h>

#include "regexp.h"
#include "regexp_tables.h"

#define RE_MIN_FOLD 0x41
#define RE_MAX_FOLD 0x1E943

/* ---- Rune classes ---- */

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
    bool perl;      /* Perl syntax (Compile), not POSIX ERE (CompilePOSIX): lazy
                       and \d-style escapes, (?flags), \pN, [^a] matching \n */
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
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
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
    case 'a':
        *out = '\a';
        *rest = t;
        return true;
    case 'f':
        *out = '\f';
        *rest = t;
        return true;
    case 'n':
        *out = '\n';
        *rest = t;
        return true;
    case 'r':
        *out = '\r';
        *rest = t;
        return true;
    case 't':
        *out = '\t';
        *rest = t;
        return true;
    case 'v':
        *out = '\v';
        *rest = t;
        return true;
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
    case 'd':
        g = re_perl_d, n = 2;
        break;
    case 's':
        g = re_perl_s, n = 6;
        break;
    case 'w':
        g = re_perl_w, n = 8;
        break;
    default:
        return false;
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
        case 'i':
            flags |= RF_FOLD;
            saw = true;
            continue;
        case 'm':
            flags &= ~RF_ONELINE;
            saw = true;
            continue;
        case 's':
            flags |= RF_DOTNL;
            saw = true;
            continue;
        case 'U':
            flags |= RF_NONGREEDY;
            saw = true;
            continue;
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
                case 'A':
                    op = RN_BOT;
                    break;
                case 'b':
                    op = RN_WORDB;
                    break;
                case 'B':
                    op = RN_NWORDB;
                    break;
                case 'z':
                    op = RN_EOT;
                    break;
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

/* ---- The interface (regexp.h) ---- */

ReSyntax resyn_parse(String src, bool posix)
{
    ReParser p;
    memset(&p, 0, sizeof p);
    p.perl = !posix;
    ReSyntax r = {re_parse(&p, src), p.ncap, NULL, NULL, 0};
    if (r.tree == NULL) {
        r.err_code = p.err.code;
        r.err_expr = (const uint8_t *)p.err.expr;
        r.err_len = p.err.len;
    }
    return r;
}

ReNode *resyn_simplify(ReNode *re)
{
    return simplify(re);
}

void resyn_names(const ReNode *re, String *names)
{
    if (re->op == RN_CAP)
        names[re->cap] = re->name;
    for (int i = 0; i < re->nsub; i++)
        resyn_names(re->sub[i], names);
}
