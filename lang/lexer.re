/* lexer.re — Go's lexical grammar (https://go.dev/ref/spec#Lexical_elements),
 * compiled by re2c into lexer.c.
 *
 * Owns: tokens and their positions, semicolon insertion, literal decoding
 * (numbers are checked, strings and runes are decoded) and Go's lexical
 * error messages. See lex.h for the two pieces of state kept for the
 * parser (header frames for T_LBODY, top-level T_FUNCDECL).
 *
 * Extension (beyond Go): a "#!" first line is skipped (see lex_init).
 *
 * Must never: allocate tree nodes, keep global state (it is reentrant), or
 * stop on bad input (every error is reported and scanning goes on).
 *
 * re2c matches the fixed tokens, identifiers (Unicode letters and digits
 * from re2c's own category tables) and comments; numbers, strings and runes
 * are scanned by hand in C because Go's error messages for them depend on
 * where exactly a literal goes wrong.
 */
#include <gc.h>
#include <stdio.h>
#include <string.h>

#include "lang/lex.h"
#include "lang/parser.h"

/*!include:re2c "unicode_categories.re" */

static Pos pos_at(const Lexer *lx, const unsigned char *p)
{
    return (Pos){lx->line, (int)(p - lx->bol) + 1};
}

static void lex_error(Lexer *lx, const unsigned char *p, const char *msg)
{
    Pos pos = pos_at(lx, p);
    if (p < lx->bol) /* before the current line: only the token's start */
        pos = (Pos){lx->tok_line, (int)(p - lx->tok_bol) + 1};
    lex_report(lx->diags, lx->filename, pos, msg);
}

bool lex_too_many(const Diags *d)
{
    return d->len >= LEX_MAX_ERRORS;
}

bool lex_report(Diags *d, const char *filename, Pos pos, const char *msg)
{
    if (lex_too_many(d))
        return false;
    bool syntax = strncmp(msg, "syntax error", 12) == 0;
    /* gc keeps one syntax error per line, and equal others once a line */
    for (int i = d->len - 1; i >= 0; i--) {
        const Diag *o = &d->items[i];
        bool osyntax = strncmp(o->msg, "syntax error", 12) == 0;
        if (osyntax != syntax)
            continue;
        bool samefile = o->filename == filename ||
                        (o->filename && filename && !strcmp(o->filename, filename));
        if (samefile && o->pos.line == pos.line && (syntax || !strcmp(o->msg, msg)))
            return true;
        break;
    }
    diags_add(d, filename, pos, "%s", msg);
    if (lex_too_many(d)) {
        diags_add(d, filename, pos, "too many errors");
        return false;
    }
    return true;
}

/* Records the `//csp:` comment just scanned (lx->tok .. lx->cur). */
static void lex_directive(Lexer *lx)
{
    if (lx->ndirs == lx->capdirs) {
        int cap = lx->capdirs ? 2 * lx->capdirs : 4;
        Directive *d = GC_MALLOC((size_t)cap * sizeof *d);
        if (lx->ndirs)
            memcpy(d, lx->dirs, (size_t)lx->ndirs * sizeof *d);
        lx->dirs = d;
        lx->capdirs = cap;
    }
    size_t n = (size_t)(lx->cur - lx->tok - 6);
    char *t = GC_MALLOC_ATOMIC(n + 1);
    memcpy(t, lx->tok + 6, n);
    t[n] = '\0';
    lx->dirs[lx->ndirs++] = (Directive){lx->line, t};
}

void lex_init(Lexer *lx, const char *filename, const char *src, int64_t len,
              Diags *diags)
{
    memset(lx, 0, sizeof *lx);
    /* re2c's end-of-input check wants a NUL sentinel after the text. */
    unsigned char *buf = GC_MALLOC_ATOMIC(len + 1);
    if (len)
        memcpy(buf, src, len);
    buf[len] = 0;
    lx->filename = filename;
    lx->diags = diags;
    lx->src = lx->cur = lx->bol = buf;
    lx->lim = buf + len;
    lx->line = 1;
    lx->stmt_start = true;
    /* A byte order mark is allowed as the very first character. */
    if (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
        lx->cur += 3, lx->bol += 3;
    /* Extension: a first line starting with "#!" is ignored, so a script
     * can be run directly (`#!/usr/bin/env -S csp run`). Go never has one.
     * The newline stays, so line numbers are unchanged. */
    if (lx->lim - lx->cur >= 2 && lx->cur[0] == '#' && lx->cur[1] == '!')
        while (lx->cur < lx->lim && *lx->cur != '\n')
            lx->cur++;
}

/* ---- frames (see lex.h) ---------------------------------------------- */

static void frame_push(Lexer *lx, char f)
{
    if (lx->nframes == lx->capframes) {
        int cap = lx->capframes ? lx->capframes * 2 : 32;
        char *nf = GC_MALLOC_ATOMIC(cap);
        if (lx->nframes)
            memcpy(nf, lx->frames, lx->nframes);
        lx->frames = nf;
        lx->capframes = cap;
    }
    lx->frames[lx->nframes++] = f;
}

static char frame_top(const Lexer *lx)
{
    return lx->nframes ? lx->frames[lx->nframes - 1] : 0;
}

/* A closing bracket: drop header frames left open (only after a syntax
 * error) and the matching opener; never pop past a '{' for ')' or ']' so
 * a stray closer cannot unbalance the enclosing body. */
static void frame_close(Lexer *lx, char open)
{
    while (lx->nframes && lex_is_header(frame_top(lx)))
        lx->nframes--;
    if (open == '{') {
        while (lx->nframes && frame_top(lx) != '{')
            lx->nframes--;
        if (lx->nframes)
            lx->nframes--;
    } else if (frame_top(lx) == open) {
        lx->nframes--;
    }
}

void lex_body_opened(Lexer *lx)
{
    /* The body's '{' frame sits on the header frame: remove the latter. */
    if (lx->nframes >= 2 && lx->frames[lx->nframes - 1] == '{' &&
        lex_is_header(lx->frames[lx->nframes - 2])) {
        lx->frames[lx->nframes - 2] = '{';
        lx->nframes--;
    }
}

/* ---- UTF-8 ------------------------------------------------------------ */

/* Decodes one UTF-8 sequence at p (before lim); returns the rune, or -1 for
 * an invalid encoding, and its length in *n (at least 1). */
static int32_t lex_utf8_decode(const unsigned char *p, const unsigned char *lim,
                              int *n)
{
    unsigned c = p[0];
    int len;
    int32_t r;
    *n = 1;
    if (c < 0x80)
        return c;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, r = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, r = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, r = c & 0x07;
    else
        return -1;
    if (lim - p < len)
        return -1;
    for (int i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return -1;
        r = (r << 6) | (p[i] & 0x3F);
    }
    if ((len == 3 && r < 0x800) || (len == 4 && (r < 0x10000 || r > 0x10FFFF)) ||
        (r >= 0xD800 && r <= 0xDFFF))
        return -1;
    *n = len;
    return r;
}

static int lex_utf8_encode(int32_t r, unsigned char *out)
{
    if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
        r = 0xFFFD;
    if (r < 0x80) {
        out[0] = (unsigned char)r;
        return 1;
    }
    if (r < 0x800) {
        out[0] = 0xC0 | (r >> 6);
        out[1] = 0x80 | (r & 0x3F);
        return 2;
    }
    if (r < 0x10000) {
        out[0] = 0xE0 | (r >> 12);
        out[1] = 0x80 | ((r >> 6) & 0x3F);
        out[2] = 0x80 | (r & 0x3F);
        return 3;
    }
    out[0] = 0xF0 | (r >> 18);
    out[1] = 0x80 | ((r >> 12) & 0x3F);
    out[2] = 0x80 | ((r >> 6) & 0x3F);
    out[3] = 0x80 | (r & 0x3F);
    return 4;
}

/* "U+0040 '@'", as Go's %#U prints a rune. */
static void fmt_rune(char *buf, size_t size, int32_t r)
{
    /* Go prints the character only when it is printable. */
    if (r >= 0x20 && !(r >= 0x7f && r < 0xa0) && !(r >= 0xD800 && r < 0xE000) &&
        r <= 0x10FFFF) {
        unsigned char u[5] = {0};
        u[lex_utf8_encode(r, u)] = 0;
        snprintf(buf, size, "U+%04X '%s'", r, u);
    } else {
        snprintf(buf, size, "U+%04X", r);
    }
}

/* ---- numbers ------------------------------------------------------------ */

static bool is_dec(int c) { return c >= '0' && c <= '9'; }
static bool is_hex(int c)
{
    return is_dec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static int lower(int c) { return c | 0x20; }

static const char *base_name(int base)
{
    switch (base) {
    case 2: return "binary";
    case 8: return "octal";
    case 10: return "decimal";
    default: return "hexadecimal";
    }
}

/* Scans digits of `base` (hex digits are consumed whatever the base so the
 * error names the bad digit). Records the first digit not valid in base in
 * *invalid and sets bit 1 of the result for a digit, bit 2 for a '_'. */
static int scan_digits(Lexer *lx, int base, const unsigned char **invalid)
{
    int seen = 0;
    if (base <= 10) {
        int max = '0' + base;
        while (is_dec(*lx->cur) || *lx->cur == '_') {
            int c = *lx->cur;
            if (c == '_')
                seen |= 2;
            else {
                seen |= 1;
                if (c >= max && !*invalid)
                    *invalid = lx->cur;
            }
            lx->cur++;
        }
    } else {
        while (is_hex(*lx->cur) || *lx->cur == '_') {
            seen |= *lx->cur == '_' ? 2 : 1;
            lx->cur++;
        }
    }
    return seen;
}

/* The offset of the first misplaced '_' in a number literal, or -1: a '_'
 * must stand between two digits (a base prefix counts as a digit). */
static int bad_separator(const unsigned char *s, int n)
{
    int prefix = ' ';
    char prev, cls = '.'; /* '0' digit, '_' separator, '.' anything else */
    int i = 0;
    if (n >= 2 && s[0] == '0') {
        prefix = lower(s[1]);
        if (prefix == 'x' || prefix == 'o' || prefix == 'b')
            cls = '0', i = 2;
    }
    for (; i < n; i++) {
        prev = cls;
        int c = s[i];
        if (c == '_') {
            if (prev != '0')
                return i;
            cls = '_';
        } else if (is_dec(c) || (prefix == 'x' && is_hex(c))) {
            cls = '0';
        } else {
            if (prev == '_')
                return i - 1;
            cls = '.';
        }
    }
    return cls == '_' ? n - 1 : -1;
}

/* Scans a number starting at lx->tok (cursor already there); returns
 * T_INT, T_FLOAT or T_IMAG, reporting Go's errors. */
static int scan_number(Lexer *lx)
{
    char msg[128];
    const unsigned char *start = lx->tok;
    const unsigned char *invalid = NULL;
    int base = 10, prefix = 0, digsep = 0, tok = T_INT;
    bool err = false;
    lx->cur = start;

    if (*lx->cur != '.') {
        if (*lx->cur == '0') {
            lx->cur++;
            switch (lower(*lx->cur)) {
            case 'x': lx->cur++, base = 16, prefix = 'x'; break;
            case 'o': lx->cur++, base = 8, prefix = 'o'; break;
            case 'b': lx->cur++, base = 2, prefix = 'b'; break;
            default: base = 8, prefix = '0', digsep = 1; /* the leading 0 */
            }
        }
        digsep |= scan_digits(lx, base, &invalid);
        if (*lx->cur == '.' && prefix != 'o' && prefix != 'b') {
            /* fall through to the fraction below */
        } else if (*lx->cur == '.') {
            snprintf(msg, sizeof msg, "invalid radix point in %s literal",
                     base_name(base));
            lex_error(lx, lx->cur, msg);
            err = true;
        }
    }
    if (*lx->cur == '.') {
        tok = T_FLOAT;
        if (prefix == 'o' || prefix == 'b') {
            if (!err) {
                snprintf(msg, sizeof msg, "invalid radix point in %s literal",
                         base_name(base));
                lex_error(lx, lx->cur, msg);
                err = true;
            }
        }
        lx->cur++;
        digsep |= scan_digits(lx, base == 16 ? 16 : 10, &invalid);
    }
    if (!(digsep & 1) && !err) {
        snprintf(msg, sizeof msg, "%s literal has no digits", base_name(base));
        lex_error(lx, lx->cur, msg);
        err = true;
    }
    int e = lower(*lx->cur);
    if (e == 'e' || e == 'p') {
        if (!err) {
            if (e == 'e' && prefix != 0 && prefix != '0') {
                snprintf(msg, sizeof msg, "'%c' exponent requires decimal mantissa",
                         *lx->cur);
                lex_error(lx, lx->cur, msg);
                err = true;
            } else if (e == 'p' && prefix != 'x') {
                snprintf(msg, sizeof msg,
                         "'%c' exponent requires hexadecimal mantissa", *lx->cur);
                lex_error(lx, lx->cur, msg);
                err = true;
            }
        }
        lx->cur++;
        tok = T_FLOAT;
        if (*lx->cur == '+' || *lx->cur == '-')
            lx->cur++;
        const unsigned char *dummy = NULL;
        int ds = scan_digits(lx, 10, &dummy);
        digsep |= ds;
        if (!(ds & 1) && !err) {
            lex_error(lx, lx->cur, "exponent has no digits");
            err = true;
        }
    } else if (prefix == 'x' && tok == T_FLOAT && !err) {
        lex_error(lx, lx->cur, "hexadecimal mantissa requires a 'p' exponent");
        err = true;
    }
    if (*lx->cur == 'i') {
        tok = T_IMAG;
        lx->cur++;
    }
    int n = (int)(lx->cur - start);
    if (!err) {
        if (tok == T_INT && invalid) {
            /* 0789 is a bad octal integer but 0789.0 and 0789i are fine. */
            snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal",
                     *invalid, base_name(base));
            lex_error(lx, invalid, msg);
        } else if (tok != T_INT && invalid && prefix != '0') {
            snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal",
                     *invalid, base_name(base));
            lex_error(lx, invalid, msg);
        } else if (digsep & 2) {
            int i = bad_separator(start, n);
            if (i >= 0)
                lex_error(lx, start + i, "'_' must separate successive digits");
        }
    }
    return tok;
}

/* ---- strings and runes --------------------------------------------------- */

/* A growable byte buffer for decoded literals. */
typedef struct Buf {
    unsigned char *p;
    int64_t len, cap;
} Buf;

static void buf_put(Buf *b, const unsigned char *s, int n)
{
    if (b->len + n > b->cap) {
        int64_t cap = b->cap ? b->cap * 2 : 32;
        while (cap < b->len + n)
            cap *= 2;
        unsigned char *np = GC_MALLOC_ATOMIC(cap);
        if (b->len)
            memcpy(np, b->p, b->len);
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

/* Scans one escape after the backslash at lx->cur[-1]; quote is the
 * literal's delimiter. Appends the decoded bytes (a byte for \x and octal,
 * UTF-8 for the others). Returns the rune value, or -1 after an error. */
static int32_t scan_escape(Lexer *lx, int quote, Buf *out, bool *is_byte)
{
    char msg[96];
    int c = *lx->cur;
    int n = 0, base = 0;
    uint32_t max = 0;
    *is_byte = false;
    switch (c) {
    case 'a': lx->cur++; c = 7; goto simple;
    case 'b': lx->cur++; c = 8; goto simple;
    case 'f': lx->cur++; c = 12; goto simple;
    case 'n': lx->cur++; c = 10; goto simple;
    case 'r': lx->cur++; c = 13; goto simple;
    case 't': lx->cur++; c = 9; goto simple;
    case 'v': lx->cur++; c = 11; goto simple;
    case '\\': lx->cur++; goto simple;
    case '0': case '1': case '2': case '3':
    case '4': case '5': case '6': case '7':
        n = 3, base = 8, max = 255;
        break;
    case 'x': lx->cur++, n = 2, base = 16, max = 255; break;
    case 'u': lx->cur++, n = 4, base = 16, max = 0x10FFFF; break;
    case 'U': lx->cur++, n = 8, base = 16, max = 0x10FFFF; break;
    default:
        if (c == quote) {
            lx->cur++;
            goto simple;
        }
        if (lx->cur >= lx->lim) /* "not terminated" is reported later */
            return -1;
        lex_error(lx, lx->cur, "unknown escape");
        return -1;
    }
    uint32_t x = 0;
    for (int i = 0; i < n; i++) {
        int d = *lx->cur, v;
        if (lx->cur >= lx->lim)
            return -1;
        if (is_dec(d))
            v = d - '0';
        else if (lower(d) >= 'a' && lower(d) <= 'f')
            v = lower(d) - 'a' + 10;
        else
            v = base; /* not a digit */
        if (v >= base) {
            char shown[16];
            if (d == '\n')
                snprintf(shown, sizeof shown, "'\\n'");
            else if (d >= 0x20 && d < 0x7f)
                snprintf(shown, sizeof shown, "'%c'", d);
            else
                snprintf(shown, sizeof shown, "'\\x%02x'", d);
            snprintf(msg, sizeof msg, "invalid character %s in %s escape", shown,
                     base_name(base));
            lex_error(lx, lx->cur, msg);
            return -1;
        }
        x = x * base + v;
        lx->cur++;
    }
    if (x > max && base == 8) {
        snprintf(msg, sizeof msg, "octal escape value %u > 255", x);
        lex_error(lx, lx->cur, msg);
        return -1;
    }
    if (x > max || (x >= 0xD800 && x < 0xE000)) {
        char r[32];
        fmt_rune(r, sizeof r, (int32_t)x);
        snprintf(msg, sizeof msg, "escape is invalid Unicode code point %s", r);
        lex_error(lx, lx->cur, msg);
        return -1;
    }
    if (max == 255) {
        unsigned char b = (unsigned char)x;
        buf_put(out, &b, 1);
        *is_byte = true;
        return (int32_t)x;
    }
    {
        unsigned char u[4];
        buf_put(out, u, lex_utf8_encode((int32_t)x, u));
        return (int32_t)x;
    }
simple: {
    unsigned char b = (unsigned char)c;
    buf_put(out, &b, 1);
    return c;
}
}

/* An interpreted string; lx->cur is just after the opening quote. */
static void scan_string(Lexer *lx, LexTok *t)
{
    Buf b = {0};
    for (;;) {
        if (lx->cur >= lx->lim) {
            lex_error(lx, lx->tok, "string not terminated");
            break;
        }
        unsigned c = *lx->cur;
        if (c == '"') {
            lx->cur++;
            break;
        }
        if (c == '\n') {
            lex_error(lx, lx->cur, "newline in string");
            break;
        }
        if (c == '\\') {
            lx->cur++;
            bool is_byte;
            scan_escape(lx, '"', &b, &is_byte);
            continue;
        }
        int n;
        if (lex_utf8_decode(lx->cur, lx->lim, &n) < 0 || c == 0) {
            lex_error(lx, lx->cur, c == 0 ? "invalid NUL character"
                                          : "invalid UTF-8 encoding");
        }
        buf_put(&b, lx->cur, n);
        lx->cur += n;
    }
    t->sval = (String){b.p ? b.p : (const uint8_t *)"", b.len};
}

/* A raw string; lx->cur is after the opening back quote. Carriage returns
 * are dropped from the value, as the spec says. */
static void scan_raw_string(Lexer *lx, LexTok *t)
{
    Buf b = {0};
    for (;;) {
        if (lx->cur >= lx->lim) {
            lex_error(lx, lx->tok, "string not terminated");
            break;
        }
        unsigned c = *lx->cur;
        if (c == '`') {
            lx->cur++;
            break;
        }
        if (c == '\n') {
            unsigned char nl = '\n';
            buf_put(&b, &nl, 1);
            lx->cur++;
            lx->line++;
            lx->bol = lx->cur;
            continue;
        }
        int n;
        if (lex_utf8_decode(lx->cur, lx->lim, &n) < 0 || c == 0)
            lex_error(lx, lx->cur, c == 0 ? "invalid NUL character"
                                          : "invalid UTF-8 encoding");
        if (c != '\r')
            buf_put(&b, lx->cur, n);
        lx->cur += n;
    }
    t->sval = (String){b.p ? b.p : (const uint8_t *)"", b.len};
}

/* A rune literal; lx->cur is after the opening quote. */
static void scan_rune(Lexer *lx, LexTok *t)
{
    Buf b = {0};
    int n = 0;
    int32_t r = 0;
    bool ok = true;
    for (;;) {
        if (lx->cur >= lx->lim) {
            if (ok)
                lex_error(lx, lx->tok, "rune literal not terminated");
            break;
        }
        unsigned c = *lx->cur;
        if (c == '\'') {
            if (ok) {
                if (n == 0)
                    lex_error(lx, lx->cur, "empty rune literal or unescaped '");
                else if (n != 1)
                    lex_error(lx, lx->tok, "more than one character in rune literal");
            }
            lx->cur++;
            break;
        }
        if (c == '\n') {
            if (ok)
                lex_error(lx, lx->cur, "newline in rune literal");
            break;
        }
        n++;
        if (c == '\\') {
            lx->cur++;
            bool is_byte;
            int32_t v = scan_escape(lx, '\'', &b, &is_byte);
            if (v < 0)
                ok = false;
            else if (n == 1)
                r = v;
            continue;
        }
        int len;
        int32_t v = lex_utf8_decode(lx->cur, lx->lim, &len);
        if (v < 0) {
            if (ok)
                lex_error(lx, lx->cur, "invalid UTF-8 encoding");
            ok = false;
            v = 0xFFFD;
        }
        if (n == 1)
            r = v;
        lx->cur += len;
    }
    t->rune = r;
}

/* ---- the scanner ------------------------------------------------------- */

/* Keeps an operator's Token in the token data. */
#define OP(code, t) (tk->op = TOK_##t, (code))

/* Scans one raw token (no semicolon insertion); returns its code, 0 at the
 * end of input, or -1 for a newline (or a comment containing one). */
static int scan(Lexer *lx, LexTok *tk)
{
again:
    lx->tok = lx->cur;
    lx->tok_line = lx->line;
    lx->tok_bol = lx->bol;
    tk->pos = pos_at(lx, lx->tok);
    /*!re2c
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYCURSOR = "lx->cur";
    re2c:define:YYMARKER = "lx->mrk";
    re2c:define:YYLIMIT = "lx->lim";
    re2c:yyfill:enable = 0;
    re2c:eof = 0;

    id = (L | "_") (L | "_" | Nd)*;

    $ { return 0; }
    [ \t\r]+ { goto again; }
    "\n" { lx->line++; lx->bol = lx->cur; return -1; }
    "//" [^\n\x00]* {
        if (lx->cur - lx->tok > 6 && !memcmp(lx->tok, "//csp:", 6))
            lex_directive(lx);
        goto again;
    }
    "/*" { goto block_comment; }

    "break"       { return T_BREAK; }
    "case"        { return T_CASE; }
    "chan"        { return T_CHAN; }
    "const"       { return T_CONST; }
    "continue"    { return T_CONTINUE; }
    "default"     { return T_DEFAULT; }
    "defer"       { return T_DEFER; }
    "else"        { return T_ELSE; }
    "fallthrough" { return T_FALLTHROUGH; }
    "for"         { return T_FOR; }
    "func"        { return T_FUNC; }
    "go"          { return T_GO; }
    "goto"        { return T_GOTO; }
    "if"          { return T_IF; }
    "import"      { return T_IMPORT; }
    "interface"   { return T_INTERFACE; }
    "map"         { return T_MAP; }
    "package"     { return T_PACKAGE; }
    "range"       { return T_RANGE; }
    "return"      { return T_RETURN; }
    "select"      { return T_SELECT; }
    "struct"      { return T_STRUCT; }
    "switch"      { return T_SWITCH; }
    "type"        { return T_TYPE; }
    "var"         { return T_VAR; }

    id { return T_IDENT; }
    (Nd \ [0-9]) (L | "_" | Nd)* {
        int n;
        char msg[80], r[32];
        fmt_rune(r, sizeof r, lex_utf8_decode(lx->tok, lx->lim, &n));
        snprintf(msg, sizeof msg, "identifier cannot begin with digit %s", r);
        lex_error(lx, lx->tok, msg);
        return T_IDENT;
    }

    [0-9] | "." [0-9] { return scan_number(lx); }
    "\"" { scan_string(lx, tk); return T_STRING; }
    "`"  { scan_raw_string(lx, tk); return T_STRING; }
    "'"  { scan_rune(lx, tk); return T_CHAR; }

    "+"   { return OP('+', ADD); }
    "-"   { return OP('-', SUB); }
    "*"   { return OP('*', MUL); }
    "/"   { return OP('/', QUO); }
    "%"   { return OP('%', REM); }
    "&"   { return OP('&', AND); }
    "|"   { return OP('|', OR); }
    "^"   { return OP('^', XOR); }
    "<<"  { return OP(T_SHL, SHL); }
    ">>"  { return OP(T_SHR, SHR); }
    "&^"  { return OP(T_ANDNOT, AND_NOT); }
    "+="  { return OP(T_ASSIGN_OP, ADD_ASSIGN); }
    "-="  { return OP(T_ASSIGN_OP, SUB_ASSIGN); }
    "*="  { return OP(T_ASSIGN_OP, MUL_ASSIGN); }
    "/="  { return OP(T_ASSIGN_OP, QUO_ASSIGN); }
    "%="  { return OP(T_ASSIGN_OP, REM_ASSIGN); }
    "&="  { return OP(T_ASSIGN_OP, AND_ASSIGN); }
    "|="  { return OP(T_ASSIGN_OP, OR_ASSIGN); }
    "^="  { return OP(T_ASSIGN_OP, XOR_ASSIGN); }
    "<<=" { return OP(T_ASSIGN_OP, SHL_ASSIGN); }
    ">>=" { return OP(T_ASSIGN_OP, SHR_ASSIGN); }
    "&^=" { return OP(T_ASSIGN_OP, AND_NOT_ASSIGN); }
    "&&"  { return OP(T_LAND, LAND); }
    "||"  { return OP(T_LOR, LOR); }
    "<-"  { return OP(T_ARROW, ARROW); }
    "++"  { return OP(T_INC, INC); }
    "--"  { return OP(T_DEC, DEC); }
    "=="  { return OP(T_EQL, EQL); }
    "<"   { return OP('<', LSS); }
    ">"   { return OP('>', GTR); }
    "="   { return OP('=', ASSIGN); }
    "!"   { return OP('!', NOT); }
    "~"   { return OP('~', TILDE); }
    "!="  { return OP(T_NEQ, NEQ); }
    "<="  { return OP(T_LEQ, LEQ); }
    ">="  { return OP(T_GEQ, GEQ); }
    ":="  { return OP(T_DEFINE, DEFINE); }
    "..." { return T_ELLIPSIS; }
    "(" { return '('; }
    ")" { return ')'; }
    "[" { return '['; }
    "]" { return ']'; }
    "{" { return '{'; }
    "}" { return '}'; }
    "," { return ','; }
    ";" { return ';'; }
    "." { return '.'; }
    ":" { return ':'; }

    * {
        /* Not a token: report the character (decoded) and skip it. */
        int n;
        char msg[64], r[32];
        int32_t rv = lex_utf8_decode(lx->tok, lx->lim, &n);
        lx->cur = lx->tok + n;
        if (rv < 0)
            lex_error(lx, lx->tok, "invalid UTF-8 encoding");
        else if (rv == 0)
            lex_error(lx, lx->tok, "invalid NUL character");
        else if (rv == 0xFEFF)
            lex_error(lx, lx->tok, "invalid BOM in the middle of the file");
        else {
            fmt_rune(r, sizeof r, rv);
            snprintf(msg, sizeof msg, "invalid character %s", r);
            lex_error(lx, lx->tok, msg);
        }
        goto again;
    }
    */

block_comment: {
    /* A block comment with a newline in it acts as a newline. */
    bool newline = false;
    for (;;) {
        if (lx->cur >= lx->lim) {
            lex_error(lx, lx->tok, "comment not terminated");
            return 0;
        }
        if (lx->cur[0] == '*' && lx->cur[1] == '/') {
            lx->cur += 2;
            break;
        }
        if (*lx->cur == '\n') {
            newline = true;
            lx->line++;
            lx->bol = lx->cur + 1;
        }
        lx->cur++;
    }
    if (newline)
        return -1;
    goto again;
}
}

/* Tokens after which a newline ends the statement (Go spec: Semicolons). */
static bool ends_statement(int code)
{
    switch (code) {
    case T_IDENT: case T_INT: case T_FLOAT: case T_IMAG: case T_CHAR:
    case T_STRING: case T_BREAK: case T_CONTINUE: case T_FALLTHROUGH:
    case T_RETURN: case T_INC: case T_DEC: case ')': case ']': case '}':
        return true;
    default:
        return false;
    }
}

int lex_next(Lexer *lx, LexTok *tk)
{
    int code;
    memset(tk, 0, sizeof *tk);
    lx->nframes_before = lx->nframes;
    for (;;) {
        code = scan(lx, tk);
        if (code == -1) {
            if (lx->nlsemi) {
                /* The newline's own position, as Go reports it. */
                tk->lit = "newline";
                tk->len = 7;
                code = ';';
                break;
            }
            continue;
        }
        if (code == 0) {
            if (lx->nlsemi) {
                tk->lit = "EOF";
                tk->len = 3;
                code = ';';
                break;
            }
            tk->lit = "EOF";
            tk->len = 3;
            break;
        }
        tk->lit = (const char *)lx->tok;
        tk->len = (int)(lx->cur - lx->tok);
        if (code == ';') {
            tk->lit = "semicolon";
            tk->len = 9;
        }
        break;
    }
    lx->nlsemi = ends_statement(code);

    /* Frames: header keywords, brackets, and the T_LBODY decision. */
    switch (code) {
    case T_IF: frame_push(lx, 'i'); break;
    case T_FOR: frame_push(lx, 'f'); break;
    case T_SWITCH: frame_push(lx, 's'); break;
    case '(': frame_push(lx, '('); break;
    case '[': frame_push(lx, '['); break;
    case '{':
        if (lex_is_header(frame_top(lx)))
            code = T_LBODY;
        frame_push(lx, '{');
        break;
    case ')': frame_close(lx, '('); break;
    case ']': frame_close(lx, '['); break;
    case '}': frame_close(lx, '{'); break;
    case T_FUNC:
        if (lx->stmt_start && lx->nframes == 0)
            code = T_FUNCDECL;
        break;
    default: break;
    }
    lx->stmt_start = code == ';';
    lx->last = code;
    lx->lasttok = *tk;
    return code;
}
