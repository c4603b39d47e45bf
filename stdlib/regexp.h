/* regexp.h — the parts of package regexp's engine that its three files
 * share: regexp_syntax.c (pattern text -> syntax tree, with Go's errors),
 * regexp_exec.c (tree -> Go's instruction program, and the matchers that
 * run it) and regexp.c (the natives behind go/regexp.go).
 *
 * Internal to stdlib/regexp*.c. Must never be included elsewhere: the rest
 * of csp sees the package only through its Go declarations.
 */
#ifndef CSP_STDLIB_REGEXP_H
#define CSP_STDLIB_REGEXP_H

#include <pthread.h>

#include "native.h"

#define RE_MAX_RUNE 0x10FFFF

/* ---- The syntax tree (regexp_syntax.c) ---- */

/* A rune class: sorted, merged ranges as pairs lo, hi. */
typedef struct ReClass {
    int32_t *r;
    int n; /* ints used (2 per range) */
    int cap;
} ReClass;

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

/* What parsing a pattern gives: the tree, or Go's error (code and the
 * piece of the pattern it quotes). */
typedef struct ReSyntax {
    ReNode *tree; /* NULL on error */
    int nsub;     /* capturing groups */
    const char *err_code;
    const uint8_t *err_expr;
    int64_t err_len;
} ReSyntax;

/* Parses a pattern: Perl syntax as regexp.Compile, or POSIX ERE as
 * CompilePOSIX, enforcing Go's limits. */
ReSyntax resyn_parse(String src, bool posix);

/* Go's Regexp.Simplify: repetition counts expanded into copies, x** into
 * x*. Returns a new tree sharing unchanged parts. */
ReNode *resyn_simplify(ReNode *re);

/* Fills names[i] (1..nsub) with group i's name, leaving unnamed ones. */
void resyn_names(const ReNode *re, String *names);

/* ---- The program (regexp_exec.c) ---- */

/* Instructions (Go's syntax.InstOp; Go's Rune1, RuneAny... are all I_RUNE). */
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
    uint32_t arg;      /* ALT: second branch; CAP: slot; EMPTY: conditions */
    const int32_t *r;  /* RUNE: ranges */
    int32_t nr;        /* RUNE: number of ranges */
    uint64_t ascii[2]; /* RUNE: which ASCII runes match */
} ReInst;

typedef struct ReProg {
    ReInst *inst;
    uint32_t ninst, start;
    int ncap;             /* capture slots: 2 * (subexpressions + 1) */
    uint32_t startcond;   /* conditions every match must meet at its start */
    String prefix;        /* literal every match starts with */
    bool complete;        /* prefix is the whole match */
    bool has_startset;    /* startset valid: no empty-width path at the start */
    uint64_t startset[4]; /* bytes that can begin a match */
    int64_t maxlen;       /* bytes in the longest match; -1: unbounded */
    bool has_empty;       /* some instruction tests an empty-width condition */
    bool dfa_ok;          /* the DFA has not given up on this program:
                             the DFA can search; atomic, cleared once */
    int dfa_resets;       /* times the DFA outgrew its budget */
    struct ReDfa *dfa;    /* its states, built lazily under dfa_lock */
    pthread_mutex_t dfa_lock;
} ReProg;

/* Compiles a simplified tree with nsub groups into a program, as Go's
 * syntax.Compile does, and analyses it (prefix, start set, DFA use). */
ReProg *reprog_new(const ReNode *tree, int nsub);

/* Runs the program on s[0..n) from pos (the text before pos still counts
 * for ^ and \b). With ncap > 0 fills cap[0..ncap) with the leftmost match's
 * submatch positions (-1: unset). Returns whether there is a match. Safe
 * to call from many threads on one program. */
bool reprog_exec(const ReProg *p, const uint8_t *s, int64_t n, int64_t pos, int ncap, bool longest,
                 int64_t *cap);

/* The rune at s[pos] and its width (Go's input.step): -1 and 0 at the
 * end, U+FFFD and 1 for an invalid byte. */
static inline int32_t re_rune_at(const uint8_t *s, int64_t n, int64_t pos, int *w)
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

#endif
