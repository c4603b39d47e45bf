/* fmtcore.c — fmt's printing engine (fmtcore.h), following the structure
 * of Go's fmt/print.go and fmt/format.go so that every verb, flag and
 * argument error prints as Go prints it: printArg (interface operands),
 * printValue (values reached through type descriptors), handleMethods
 * (Error/String), and the padding/number primitives.
 *
 * Owns: the text of fmt's output. Must never write to a stream or call the
 * VM directly (methods go through the FmtMethodFn callback), so it runs the
 * same under unit tests and inside natives.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../runtime/map.h"
#include "fmtcore.h"

/* ---- buffers ---- */

void sbuf_init(StrBuf *b)
{
    b->p = b->inl;
    b->len = 0;
    b->cap = sizeof b->inl;
}

static void sbuf_grow(StrBuf *b, size_t need)
{
    if (b->p == NULL)
        sbuf_init(b);
    if (b->len + need <= b->cap)
        return;
    size_t cap = b->cap * 2;
    while (cap < b->len + need)
        cap *= 2;
    char *p = heap_alloc_atomic(cap);
    memcpy(p, b->p, b->len);
    b->p = p;
    b->cap = cap;
}

void sbuf_put(StrBuf *b, const void *p, size_t n)
{
    sbuf_grow(b, n);
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
}

void sbuf_putc(StrBuf *b, char c)
{
    sbuf_grow(b, 1);
    b->p[b->len++] = c;
}

void sbuf_puts(StrBuf *b, const char *s)
{
    sbuf_put(b, s, strlen(s));
}

void sbuf_put_rune(StrBuf *b, int32_t r)
{
    uint8_t t[4];
    sbuf_put(b, t, (size_t)utf8_encode(r, t));
}

String sbuf_string(const StrBuf *b)
{
    return string_from_bytes(b->len ? b->p : "", (int64_t)b->len);
}

/* ---- the printer state (Go's pp + fmt) ---- */

typedef struct Flags {
    bool plus, minus, sharp, space, zero, plusV, sharpV;
    bool widp, precp;
    int wid, prec;
} Flags;

typedef struct Printer {
    StrBuf *buf;
    Flags f;
    FmtMethodFn method;
    void *marg;
    bool erroring;  /* printing a bad-verb operand: no methods */
    bool panicking; /* printing a method's panic value */
    bool wrap_errs; /* Errorf: %w allowed */
    /* The operand being printed, for %!verb(type=value). */
    const Type *cur_t;
    const void *cur_p;
} Printer;

static const char ldigits[] = "0123456789abcdefx";
static const char udigits[] = "0123456789ABCDEFX";

static void print_value(Printer *p, const Type *t, const void *v, int verb, int depth, bool ro);
static void print_arg(Printer *p, const Iface *arg, int verb);

static void type_name(const Type *t, char *buf, size_t cap)
{
    if (t == NULL) {
        snprintf(buf, cap, "<nil>");
        return;
    }
    type_string(t, true, buf, cap);
}

static int64_t rune_count(const uint8_t *s, int64_t n)
{
    int64_t c = 0;
    for (int64_t i = 0; i < n; c++) {
        int w = 1;
        if (s[i] >= 0x80)
            utf8_decode(s + i, n - i, &w);
        i += w;
    }
    return c;
}

static void write_padding(Printer *p, int64_t n)
{
    if (n <= 0)
        return;
    char c = p->f.zero ? '0' : ' ';
    sbuf_grow(p->buf, (size_t)n);
    memset(p->buf->p + p->buf->len, c, (size_t)n);
    p->buf->len += (size_t)n;
}

/* Appends s padded to the width (counted in runes). */
static void pad(Printer *p, const void *s, int64_t n)
{
    if (!p->f.widp || p->f.wid == 0) {
        sbuf_put(p->buf, s, (size_t)n);
        return;
    }
    int64_t width = p->f.wid - rune_count(s, n);
    if (!p->f.minus) {
        write_padding(p, width);
        sbuf_put(p->buf, s, (size_t)n);
    } else {
        sbuf_put(p->buf, s, (size_t)n);
        write_padding(p, width);
    }
}

static void pad_str(Printer *p, const char *s)
{
    pad(p, s, (int64_t)strlen(s));
}

/* fmt.fmtInteger: base conversion with precision, zero padding, sign and
 * the # prefixes. */
static void fmt_integer(Printer *p, uint64_t u, int base, bool is_signed, int verb,
                        const char *digits)
{
    bool negative = is_signed && (int64_t)u < 0;
    if (negative)
        u = -u;
    int64_t need = 68;
    if (p->f.widp || p->f.precp)
        need += 3 + (int64_t)p->f.wid + (int64_t)p->f.prec;
    char small[128];
    char *buf = need <= (int64_t)sizeof small ? small : heap_alloc_atomic((size_t)need);
    int64_t prec = 0;
    if (p->f.precp) {
        prec = p->f.prec;
        if (prec == 0 && u == 0) {
            bool oz = p->f.zero;
            p->f.zero = false;
            write_padding(p, p->f.wid);
            p->f.zero = oz;
            return;
        }
    } else if (p->f.zero && p->f.widp) {
        prec = p->f.wid;
        if (negative || p->f.plus || p->f.space)
            prec--; /* leave room for the sign */
    }
    int64_t i = need;
    switch (base) {
    case 10:
        while (u >= 10) {
            buf[--i] = (char)('0' + u % 10);
            u /= 10;
        }
        break;
    case 16:
        while (u >= 16) {
            buf[--i] = digits[u & 0xF];
            u >>= 4;
        }
        break;
    case 8:
        while (u >= 8) {
            buf[--i] = (char)('0' + (u & 7));
            u >>= 3;
        }
        break;
    case 2:
        while (u >= 2) {
            buf[--i] = (char)('0' + (u & 1));
            u >>= 1;
        }
        break;
    }
    buf[--i] = digits[u];
    while (i > 0 && prec > need - i)
        buf[--i] = '0';
    if (p->f.sharp) {
        switch (base) {
        case 2:
            buf[--i] = 'b';
            buf[--i] = '0';
            break;
        case 8:
            if (buf[i] != '0')
                buf[--i] = '0';
            break;
        case 16:
            buf[--i] = digits[16];
            buf[--i] = '0';
            break;
        }
    }
    if (verb == 'O') {
        buf[--i] = 'o';
        buf[--i] = '0';
    }
    if (negative)
        buf[--i] = '-';
    else if (p->f.plus)
        buf[--i] = '+';
    else if (p->f.space)
        buf[--i] = ' ';
    bool oz = p->f.zero;
    p->f.zero = false;
    pad(p, buf + i, need - i);
    p->f.zero = oz;
}

static void fmt_0x64(Printer *p, uint64_t v, bool leading0x)
{
    bool sharp = p->f.sharp;
    p->f.sharp = leading0x;
    fmt_integer(p, v, 16, false, 'v', ldigits);
    p->f.sharp = sharp;
}

static void bad_verb(Printer *p, int verb)
{
    p->erroring = true;
    sbuf_puts(p->buf, "%!");
    sbuf_put_rune(p->buf, verb);
    sbuf_putc(p->buf, '(');
    if (p->cur_t) {
        char tn[256];
        type_name(p->cur_t, tn, sizeof tn);
        sbuf_puts(p->buf, tn);
        sbuf_putc(p->buf, '=');
        const Type *t = p->cur_t;
        print_value(p, t, p->cur_p, 'v', 0, true);
    } else {
        sbuf_puts(p->buf, "<nil>");
    }
    sbuf_putc(p->buf, ')');
    p->erroring = false;
}

static void fmt_c(Printer *p, uint64_t c)
{
    int32_t r = c > 0x10FFFF ? 0xFFFD : (int32_t)c;
    uint8_t t[4];
    pad(p, t, utf8_encode(r, t));
}

static void fmt_qc(Printer *p, uint64_t c)
{
    int32_t r = c > 0x10FFFF ? 0xFFFD : (int32_t)c;
    StrBuf t = {0};
    sbuf_init(&t);
    numconv_quote_rune(&t, r, p->f.plus);
    pad(p, t.p, (int64_t)t.len);
}

static void fmt_unicode(Printer *p, uint64_t u)
{
    int prec = 4;
    if (p->f.precp && p->f.prec > 4)
        prec = p->f.prec;
    StrBuf t = {0};
    sbuf_init(&t);
    sbuf_puts(&t, "U+");
    char hex[32];
    int n = snprintf(hex, sizeof hex, "%llX", (unsigned long long)u);
    for (int i = n; i < prec; i++)
        sbuf_putc(&t, '0');
    sbuf_put(&t, hex, (size_t)n);
    if (p->f.sharp && u <= 0x10FFFF && numconv_is_print((int32_t)u)) {
        sbuf_puts(&t, " '");
        sbuf_put_rune(&t, (int32_t)u);
        sbuf_putc(&t, '\'');
    }
    bool oz = p->f.zero;
    p->f.zero = false;
    pad(p, t.p, (int64_t)t.len);
    p->f.zero = oz;
}

static void pp_integer(Printer *p, uint64_t v, bool is_signed, int verb)
{
    switch (verb) {
    case 'v':
        if (p->f.sharpV && !is_signed)
            fmt_0x64(p, v, true);
        else
            fmt_integer(p, v, 10, is_signed, verb, ldigits);
        break;
    case 'd':
        fmt_integer(p, v, 10, is_signed, verb, ldigits);
        break;
    case 'b':
        fmt_integer(p, v, 2, is_signed, verb, ldigits);
        break;
    case 'o':
    case 'O':
        fmt_integer(p, v, 8, is_signed, verb, ldigits);
        break;
    case 'x':
        fmt_integer(p, v, 16, is_signed, verb, ldigits);
        break;
    case 'X':
        fmt_integer(p, v, 16, is_signed, verb, udigits);
        break;
    case 'c':
        fmt_c(p, v);
        break;
    case 'q':
        fmt_qc(p, v);
        break;
    case 'U':
        fmt_unicode(p, v);
        break;
    default:
        bad_verb(p, verb);
        break;
    }
}

/* fmt.fmtFloat: strconv's text, then sign, # and zero-padding rules. */
static void fmt_float(Printer *p, double v, int size, int verb, int prec)
{
    if (p->f.precp)
        prec = p->f.prec;
    StrBuf nb = {0};
    sbuf_init(&nb);
    sbuf_putc(&nb, '+');
    numconv_format_float(&nb, v, verb, prec, size);
    char *num = nb.p;
    int64_t len = (int64_t)nb.len;
    if (num[1] == '-' || num[1] == '+') {
        num++;
        len--;
    }
    if (p->f.space && num[0] == '+' && !p->f.plus)
        num[0] = ' ';
    if (num[1] == 'I' || num[1] == 'N') {
        bool oz = p->f.zero;
        p->f.zero = false;
        if (num[1] == 'N' && !p->f.space && !p->f.plus) {
            num++;
            len--;
        }
        pad(p, num, len);
        p->f.zero = oz;
        return;
    }
    if (p->f.sharp && verb != 'b') {
        int digits = 0;
        if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') {
            digits = prec;
            if (digits == -1)
                digits = 6;
        }
        char tail[16];
        int tlen = 0;
        bool has_dot = false, saw_nonzero = false;
        for (int64_t i = 1; i < len; i++) {
            char c = num[i];
            if (c == '.') {
                has_dot = true;
            } else if (c == 'p' || c == 'P' ||
                       ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
                tlen = (int)(len - i);
                if (tlen > (int)sizeof tail)
                    tlen = sizeof tail;
                memcpy(tail, num + i, (size_t)tlen);
                len = i;
                break;
            } else {
                if (c != '0')
                    saw_nonzero = true;
                if (saw_nonzero)
                    digits--;
            }
        }
        StrBuf o = {0};
        sbuf_init(&o);
        sbuf_put(&o, num, (size_t)len);
        if (!has_dot) {
            if (len == 2 && num[1] == '0')
                digits--;
            sbuf_putc(&o, '.');
        }
        for (; digits > 0; digits--)
            sbuf_putc(&o, '0');
        sbuf_put(&o, tail, (size_t)tlen);
        num = o.p == o.inl ? memcpy(heap_alloc_atomic(o.len), o.p, o.len) : o.p;
        len = (int64_t)o.len;
    }
    if (p->f.plus || num[0] != '+') {
        if (p->f.zero && p->f.widp && p->f.wid > len) {
            sbuf_putc(p->buf, num[0]);
            write_padding(p, p->f.wid - len);
            sbuf_put(p->buf, num + 1, (size_t)(len - 1));
            return;
        }
        pad(p, num, len);
        return;
    }
    pad(p, num + 1, len - 1);
}

static void pp_float(Printer *p, double v, int size, int verb)
{
    switch (verb) {
    case 'v':
        fmt_float(p, v, size, 'g', -1);
        break;
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X':
        fmt_float(p, v, size, verb, -1);
        break;
    case 'f':
    case 'e':
    case 'E':
        fmt_float(p, v, size, verb, 6);
        break;
    case 'F':
        fmt_float(p, v, size, 'f', 6);
        break;
    default:
        bad_verb(p, verb);
        break;
    }
}

static void pp_complex(Printer *p, double re, double im, int size, int verb)
{
    switch (verb) {
    case 'v':
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X':
    case 'f':
    case 'F':
    case 'e':
    case 'E': {
        bool oplus = p->f.plus;
        sbuf_putc(p->buf, '(');
        pp_float(p, re, size / 2, verb);
        p->f.plus = true;
        pp_float(p, im, size / 2, verb);
        sbuf_puts(p->buf, "i)");
        p->f.plus = oplus;
        break;
    }
    default:
        bad_verb(p, verb);
        break;
    }
}

/* Truncates to the precision, counted in runes. */
static int64_t truncate_len(Printer *p, const uint8_t *s, int64_t n)
{
    if (!p->f.precp)
        return n;
    int64_t i = 0;
    for (int r = 0; i < n; r++) {
        if (r == p->f.prec)
            return i;
        int w = 1;
        if (s[i] >= 0x80)
            utf8_decode(s + i, n - i, &w);
        i += w;
    }
    return n;
}

static void fmt_s(Printer *p, const uint8_t *s, int64_t n)
{
    pad(p, s, truncate_len(p, s, n));
}

static void fmt_sbx(Printer *p, const uint8_t *s, int64_t n, const char *digits)
{
    int64_t length = n;
    if (p->f.precp && p->f.prec < length)
        length = p->f.prec;
    int64_t width = 2 * length;
    if (width > 0) {
        if (p->f.space) {
            if (p->f.sharp)
                width *= 2;
            width += length - 1;
        } else if (p->f.sharp) {
            width += 2;
        }
    } else {
        if (p->f.widp)
            write_padding(p, p->f.wid);
        return;
    }
    if (p->f.widp && p->f.wid > width && !p->f.minus)
        write_padding(p, p->f.wid - width);
    StrBuf *b = p->buf;
    if (p->f.sharp) {
        sbuf_putc(b, '0');
        sbuf_putc(b, digits[16]);
    }
    for (int64_t i = 0; i < length; i++) {
        if (p->f.space && i > 0) {
            sbuf_putc(b, ' ');
            if (p->f.sharp) {
                sbuf_putc(b, '0');
                sbuf_putc(b, digits[16]);
            }
        }
        sbuf_putc(b, digits[s[i] >> 4]);
        sbuf_putc(b, digits[s[i] & 0xF]);
    }
    if (p->f.widp && p->f.wid > width && p->f.minus)
        write_padding(p, p->f.wid - width);
}

static void fmt_q(Printer *p, const uint8_t *s, int64_t n)
{
    n = truncate_len(p, s, n);
    StrBuf t = {0};
    sbuf_init(&t);
    if (p->f.sharp && numconv_can_backquote(s, n)) {
        sbuf_putc(&t, '`');
        sbuf_put(&t, s, (size_t)n);
        sbuf_putc(&t, '`');
    } else {
        numconv_quote(&t, s, n, '"', p->f.plus);
    }
    pad(p, t.p, (int64_t)t.len);
}

static void pp_string(Printer *p, String s, int verb)
{
    switch (verb) {
    case 'v':
        if (p->f.sharpV)
            fmt_q(p, s.ptr, s.len);
        else
            fmt_s(p, s.ptr, s.len);
        break;
    case 's':
        fmt_s(p, s.ptr, s.len);
        break;
    case 'x':
        fmt_sbx(p, s.ptr, s.len, ldigits);
        break;
    case 'X':
        fmt_sbx(p, s.ptr, s.len, udigits);
        break;
    case 'q':
        fmt_q(p, s.ptr, s.len);
        break;
    default:
        bad_verb(p, verb);
        break;
    }
}

static void pp_bool(Printer *p, bool v, int verb)
{
    if (verb == 't' || verb == 'v')
        pad_str(p, v ? "true" : "false");
    else
        bad_verb(p, verb);
}

/* []byte (or a byte array) with %v %d %s %q %x %X. Returns false when the
 * verb is not one of those (the caller prints it element by element). */
static bool pp_bytes(Printer *p, const Type *t, const uint8_t *b, int64_t n, bool isnil, int verb,
                     bool top)
{
    char tn[256];
    switch (verb) {
    case 'v':
    case 'd':
        if (p->f.sharpV) {
            /* Go names a top-level []byte operand "[]byte" (its printArg
             * case) but one reached by reflection "[]uint8" */
            if (top)
                snprintf(tn, sizeof tn, "[]byte");
            else
                type_name(t, tn, sizeof tn);
            sbuf_puts(p->buf, tn);
            if (isnil) {
                sbuf_puts(p->buf, "(nil)");
                return true;
            }
            sbuf_putc(p->buf, '{');
            for (int64_t i = 0; i < n; i++) {
                if (i > 0)
                    sbuf_puts(p->buf, ", ");
                fmt_0x64(p, b[i], true);
            }
            sbuf_putc(p->buf, '}');
        } else {
            sbuf_putc(p->buf, '[');
            for (int64_t i = 0; i < n; i++) {
                if (i > 0)
                    sbuf_putc(p->buf, ' ');
                fmt_integer(p, b[i], 10, false, verb, ldigits);
            }
            sbuf_putc(p->buf, ']');
        }
        return true;
    case 's':
        fmt_s(p, b, n);
        return true;
    case 'x':
        fmt_sbx(p, b, n, ldigits);
        return true;
    case 'X':
        fmt_sbx(p, b, n, udigits);
        return true;
    case 'q':
        fmt_q(p, b, n);
        return true;
    default:
        return false;
    }
}

static void fmt_pointer(Printer *p, const Type *t, uint64_t u, int verb)
{
    char tn[256];
    switch (verb) {
    case 'v':
        if (p->f.sharpV) {
            sbuf_putc(p->buf, '(');
            type_name(t, tn, sizeof tn);
            sbuf_puts(p->buf, tn);
            sbuf_puts(p->buf, ")(");
            if (u == 0)
                sbuf_puts(p->buf, "nil");
            else
                fmt_0x64(p, u, true);
            sbuf_putc(p->buf, ')');
        } else if (u == 0) {
            pad_str(p, "<nil>");
        } else {
            fmt_0x64(p, u, !p->f.sharp);
        }
        break;
    case 'p':
        fmt_0x64(p, u, !p->f.sharp);
        break;
    case 'b':
    case 'o':
    case 'd':
    case 'x':
    case 'X':
        pp_integer(p, u, false, verb);
        break;
    default:
        bad_verb(p, verb);
        break;
    }
}

/* The address %p and friends print for a pointer-shaped value. */
static bool pointer_word(const Type *t, const void *v, uint64_t *u)
{
    switch (t->kind) {
    case KIND_POINTER:
    case KIND_CHAN:
    case KIND_FUNC:
    case KIND_MAP:
    case KIND_UNSAFEPTR:
        *u = (uint64_t)(uintptr_t) * (void *const *)v;
        return true;
    case KIND_SLICE:
        *u = (uint64_t)(uintptr_t)((const Slice *)v)->ptr;
        return true;
    default:
        return false;
    }
}

/* Whether values of type t may have Error/String methods worth a call. */
static bool has_methods(const Type *t)
{
    if (t->kind == KIND_POINTER && t->elem && t->elem->name)
        return t->elem->nptrmethods > 0 || t->elem->nmethods > 0;
    return t->name != NULL && t->nmethods > 0;
}

static void put_repeat(StrBuf *b, char c, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        sbuf_putc(b, c);
}

/* Big numbers of the standard packages (math/big's *Int) are Go
 * fmt.Formatters; csp's printer reaches them through digit methods the
 * package defines instead, cspBase2/8/10/16() string: the signed digits
 * of the value in that base ("-ff"), "<nil>" for a nil pointer. This lays
 * them out as big.Int.Format does: [pad][sign][prefix][zeros][digits][pad].
 * Returns false when the operand has no such methods. */
static bool handle_digits(Printer *p, const Iface *arg, int verb)
{
    int base = 10;
    switch (verb) {
    case 'b':
        base = 2;
        break;
    case 'o':
    case 'O':
        base = 8;
        break;
    case 'x':
    case 'X':
        base = 16;
        break;
    default:
        break;
    }
    char name[16];
    snprintf(name, sizeof name, "cspBase%d", base);
    String out = {NULL, 0};
    bool panicked = false;
    if (!p->method(p->marg, arg, name, &out, &panicked) || panicked)
        return false;
    const char *d = (const char *)out.ptr;
    int64_t n = out.len;
    if (n == 5 && memcmp(d, "<nil>", 5) == 0) {
        sbuf_put(p->buf, d, 5);
        return true;
    }
    if (!strchr("bdoOsvxX", verb) || verb == 0) {
        /* big.Int's own message for other verbs */
        const Type *t = arg->type->kind == KIND_POINTER ? arg->type->elem : arg->type;
        const char *pkg = t->pkg ? strrchr(t->pkg, '/') : NULL;
        pkg = pkg ? pkg + 1 : t->pkg ? t->pkg : "";
        sbuf_puts(p->buf, "%!");
        sbuf_put_rune(p->buf, verb);
        sbuf_putc(p->buf, '(');
        sbuf_puts(p->buf, pkg);
        sbuf_putc(p->buf, '.');
        sbuf_puts(p->buf, t->name ? t->name : "?");
        sbuf_putc(p->buf, '=');
        if (base != 10)
            p->method(p->marg, arg, "cspBase10", &out, &panicked);
        sbuf_put(p->buf, out.ptr, (size_t)out.len);
        sbuf_putc(p->buf, ')');
        return true;
    }
    const char *sign = "";
    if (n > 0 && d[0] == '-')
        sign = "-", d++, n--;
    else if (p->f.plus || p->f.plusV)
        sign = "+";
    else if (p->f.space)
        sign = " ";
    const char *prefix = "";
    if (p->f.sharp || p->f.sharpV) {
        switch (verb) {
        case 'b':
            prefix = "0b";
            break;
        case 'o':
            prefix = "0";
            break;
        case 'x':
            prefix = "0x";
            break;
        case 'X':
            prefix = "0X";
            break;
        default:
            break;
        }
    }
    if (verb == 'O')
        prefix = "0o";
    int64_t left = 0, zeros = 0, right = 0;
    if (p->f.precp) {
        if (n < p->f.prec)
            zeros = p->f.prec - n;
        else if (n == 1 && d[0] == '0' && p->f.prec == 0)
            return true; /* zero with precision 0 prints nothing */
    }
    int64_t length = (int64_t)strlen(sign) + (int64_t)strlen(prefix) + zeros + n;
    if (p->f.widp && length < p->f.wid) {
        int64_t w = p->f.wid - length;
        if (p->f.minus)
            right = w;
        else if (p->f.zero && !p->f.precp)
            zeros = w;
        else
            left = w;
    }
    put_repeat(p->buf, ' ', left);
    sbuf_puts(p->buf, sign);
    sbuf_puts(p->buf, prefix);
    put_repeat(p->buf, '0', zeros);
    for (int64_t i = 0; i < n; i++)
        sbuf_putc(p->buf,
                  verb == 'X' && d[i] >= 'a' && d[i] <= 'z' ? (char)(d[i] - 'a' + 'A') : d[i]);
    put_repeat(p->buf, ' ', right);
    return true;
}

/* Go's handleMethods: GoString() for %#v, else Error() then String() for
 * %v %s %x %X %q (fmt.Formatter is not supported). Returns true when the
 * method printed the operand. */
static bool handle_methods(Printer *p, const Iface *arg, int verb)
{
    if (p->erroring || p->method == NULL)
        return false;
    if (verb == 'w') {
        /* Only Errorf with an error operand reaches here validly. */
        String tmp;
        bool pk = false;
        if (!p->wrap_errs || !p->method(p->marg, arg, "Error", &tmp, &pk)) {
            bad_verb(p, verb);
            return true;
        }
        verb = 'v';
        if (!pk) {
            pp_string(p, tmp, verb);
            return true;
        }
    }
    /* A Formatter comes before GoStringer, Error and String, as in Go. */
    if (handle_digits(p, arg, verb))
        return true;
    if (p->f.sharpV) {
        /* GoStringer: its text is printed as is, unpadded. */
        String out = {NULL, 0};
        bool panicked = false;
        if (!p->method(p->marg, arg, "GoString", &out, &panicked))
            return false;
        if (panicked) {
            sbuf_puts(p->buf, "%!v(PANIC=GoString method: ");
            sbuf_put(p->buf, out.ptr, (size_t)out.len);
            sbuf_putc(p->buf, ')');
        } else {
            sbuf_put(p->buf, out.ptr, (size_t)out.len);
        }
        return true;
    }
    switch (verb) {
    case 'v':
    case 's':
    case 'x':
    case 'X':
    case 'q':
        break;
    default:
        return false;
    }
    static const char *const names[2] = {"Error", "String"};
    for (int k = 0; k < 2; k++) {
        String out = {NULL, 0};
        bool panicked = false;
        /* A nil *T whose T has the method by value: the call would
         * dereference nil and panic, and Go's catchPanic prints <nil>. */
        const Type *t = arg->type;
        if (t->kind == KIND_POINTER && arg->word.p == NULL && t->elem) {
            bool byvalue = false;
            for (int i = 0; i < t->elem->nmethods; i++)
                if (strcmp(t->elem->methods[i].name, names[k]) == 0)
                    byvalue = !t->elem->methods[i].ptrrecv;
            if (byvalue) {
                sbuf_puts(p->buf, "<nil>");
                return true;
            }
        }
        if (!p->method(p->marg, arg, names[k], &out, &panicked))
            continue;
        if (!panicked) {
            pp_string(p, out, verb);
            return true;
        }
        /* Go's catchPanic: a nil pointer receiver prints <nil>. */
        if (arg->type->kind == KIND_POINTER && arg->word.p == NULL) {
            sbuf_puts(p->buf, "<nil>");
            return true;
        }
        Flags old = p->f;
        memset(&p->f, 0, sizeof p->f);
        sbuf_puts(p->buf, "%!");
        sbuf_put_rune(p->buf, verb);
        sbuf_puts(p->buf, "(PANIC=");
        sbuf_puts(p->buf, names[k]);
        sbuf_puts(p->buf, " method: ");
        sbuf_put(p->buf, out.ptr, (size_t)out.len);
        sbuf_putc(p->buf, ')');
        p->f = old;
        return true;
    }
    return false;
}

/* Entries of a map, for sorting by key. */
typedef struct KV {
    void *k, *v;
} KV;

/* internal/fmtsort's order. */
static int key_compare(const Type *t, const void *a, const void *b)
{
    switch (t->kind) {
    case KIND_BOOL:
    case KIND_INT:
    case KIND_INT8:
    case KIND_INT16:
    case KIND_INT32:
    case KIND_INT64: {
        int64_t x = t->kind == KIND_BOOL ? (int64_t)value_load_uint(a, 1) : value_load_int(a, t->size);
        int64_t y = t->kind == KIND_BOOL ? (int64_t)value_load_uint(b, 1) : value_load_int(b, t->size);
        return x < y ? -1 : x > y;
    }
    case KIND_UINT:
    case KIND_UINT8:
    case KIND_UINT16:
    case KIND_UINT32:
    case KIND_UINT64:
    case KIND_UINTPTR:
    case KIND_POINTER:
    case KIND_CHAN:
    case KIND_UNSAFEPTR: {
        uint64_t x = value_load_uint(a, t->size), y = value_load_uint(b, t->size);
        return x < y ? -1 : x > y;
    }
    case KIND_STRING:
        return string_compare(*(const String *)a, *(const String *)b);
    case KIND_FLOAT32:
    case KIND_FLOAT64: {
        double x = t->kind == KIND_FLOAT32 ? *(const float *)a : *(const double *)a;
        double y = t->kind == KIND_FLOAT32 ? *(const float *)b : *(const double *)b;
        if (x < y)
            return -1;
        if (x > y)
            return 1;
        if (isnan(x) && !isnan(y))
            return -1;
        if (!isnan(x) && isnan(y))
            return 1;
        return 0;
    }
    case KIND_COMPLEX64:
    case KIND_COMPLEX128: {
        static const Type f32 = {.kind = KIND_FLOAT32, .size = 4};
        static const Type f64 = {.kind = KIND_FLOAT64, .size = 8};
        const Type *ft = t->kind == KIND_COMPLEX64 ? &f32 : &f64;
        int c = key_compare(ft, a, b);
        if (c)
            return c;
        return key_compare(ft, (const char *)a + t->size / 2, (const char *)b + t->size / 2);
    }
    case KIND_ARRAY:
        for (int64_t i = 0; i < t->len; i++) {
            int c = key_compare(t->elem, (const char *)a + i * t->elem->size,
                                (const char *)b + i * t->elem->size);
            if (c)
                return c;
        }
        return 0;
    case KIND_STRUCT:
        for (int i = 0; i < t->nfields; i++) {
            int c = key_compare(t->fields[i].type, (const char *)a + t->fields[i].offset,
                                (const char *)b + t->fields[i].offset);
            if (c)
                return c;
        }
        return 0;
    case KIND_INTERFACE: {
        const Iface *x = a, *y = b;
        if (x->type == NULL || y->type == NULL)
            return x->type == NULL ? (y->type == NULL ? 0 : -1) : 1;
        if (x->type != y->type)
            return (uintptr_t)x->type < (uintptr_t)y->type ? -1 : 1;
        return key_compare(x->type, iface_data(x), iface_data(y));
    }
    default:
        return 0;
    }
}

static int kv_compare(const void *a, const void *b, void *t)
{
    return key_compare(t, ((const KV *)a)->k, ((const KV *)b)->k);
}

/* Go's printValue: by kind, through the type descriptor. `ro` marks
 * values reached through unexported fields, whose methods fmt cannot call. */
static void print_value(Printer *p, const Type *t, const void *v, int verb, int depth, bool ro)
{
    char tn[256];
    if (depth > 0 && !ro && t->kind != KIND_INTERFACE && has_methods(t)) {
        Iface x = iface_box((Type *)t, v);
        p->cur_t = t;
        p->cur_p = v;
        if (handle_methods(p, &x, verb))
            return;
    }
    p->cur_t = t;
    p->cur_p = v;
    switch (t->kind) {
    case KIND_BOOL:
        pp_bool(p, *(const uint8_t *)v != 0, verb);
        return;
    case KIND_INT:
    case KIND_INT8:
    case KIND_INT16:
    case KIND_INT32:
    case KIND_INT64:
        pp_integer(p, (uint64_t)value_load_int(v, t->size), true, verb);
        return;
    case KIND_UINT:
    case KIND_UINT8:
    case KIND_UINT16:
    case KIND_UINT32:
    case KIND_UINT64:
    case KIND_UINTPTR:
        pp_integer(p, value_load_uint(v, t->size), false, verb);
        return;
    case KIND_FLOAT32:
        pp_float(p, *(const float *)v, 32, verb);
        return;
    case KIND_FLOAT64:
        pp_float(p, *(const double *)v, 64, verb);
        return;
    case KIND_COMPLEX64:
        pp_complex(p, ((const float *)v)[0], ((const float *)v)[1], 64, verb);
        return;
    case KIND_COMPLEX128:
        pp_complex(p, ((const double *)v)[0], ((const double *)v)[1], 128, verb);
        return;
    case KIND_STRING:
        pp_string(p, *(const String *)v, verb);
        return;
    case KIND_MAP: {
        Map *m = *(Map *const *)v;
        if (p->f.sharpV) {
            type_name(t, tn, sizeof tn);
            sbuf_puts(p->buf, tn);
            if (m == NULL) {
                sbuf_puts(p->buf, "(nil)");
                return;
            }
            sbuf_putc(p->buf, '{');
        } else {
            sbuf_puts(p->buf, "map[");
        }
        int64_t n = map_len(m), k = 0;
        KV *kv = n ? heap_alloc(sizeof(KV) * (size_t)n) : NULL;
        MapIter it;
        map_iter_init(m, &it);
        void *key, *val;
        while (k < n && map_iter_next(&it, &key, &val))
            kv[k++] = (KV){key, val};
        if (k > 1)
            qsort_r(kv, (size_t)k, sizeof(KV), kv_compare, (void *)t->key);
        for (int64_t i = 0; i < k; i++) {
            if (i > 0)
                sbuf_puts(p->buf, p->f.sharpV ? ", " : " ");
            print_value(p, t->key, kv[i].k, verb, depth + 1, ro);
            sbuf_putc(p->buf, ':');
            print_value(p, t->elem, kv[i].v, verb, depth + 1, ro);
        }
        sbuf_putc(p->buf, p->f.sharpV ? '}' : ']');
        return;
    }
    case KIND_STRUCT:
        if (p->f.sharpV) {
            type_name(t, tn, sizeof tn);
            sbuf_puts(p->buf, tn);
        }
        sbuf_putc(p->buf, '{');
        for (int i = 0; i < t->nfields; i++) {
            const Field *f = &t->fields[i];
            if (i > 0)
                sbuf_puts(p->buf, p->f.sharpV ? ", " : " ");
            if ((p->f.plusV || p->f.sharpV) && f->name && f->name[0]) {
                sbuf_puts(p->buf, f->name);
                sbuf_putc(p->buf, ':');
            }
            const void *fv = (const char *)v + f->offset;
            bool fro = ro || !f->exported;
            /* getField: a non-nil interface field prints its dynamic value. */
            if (f->type->kind == KIND_INTERFACE && ((const Iface *)fv)->type) {
                const Iface *x = fv;
                print_value(p, x->type, iface_data(x), verb, depth + 1, fro);
            } else {
                print_value(p, f->type, fv, verb, depth + 1, fro);
            }
        }
        sbuf_putc(p->buf, '}');
        return;
    case KIND_INTERFACE: {
        const Iface *x = v;
        if (x->type == NULL) {
            if (p->f.sharpV) {
                type_name(t, tn, sizeof tn);
                sbuf_puts(p->buf, tn);
                sbuf_puts(p->buf, "(nil)");
            } else {
                sbuf_puts(p->buf, "<nil>");
            }
        } else {
            print_value(p, x->type, iface_data(x), verb, depth + 1, ro);
        }
        return;
    }
    case KIND_ARRAY:
    case KIND_SLICE: {
        const uint8_t *data;
        int64_t n;
        bool isnil = false;
        if (t->kind == KIND_SLICE) {
            const Slice *s = v;
            data = s->ptr;
            n = s->len;
            isnil = s->ptr == NULL;
        } else {
            data = v;
            n = t->len;
        }
        if ((verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') &&
            t->elem->kind == KIND_UINT8) {
            pp_bytes(p, t, data, n, isnil, verb, false);
            return;
        }
        const Type *e = t->elem;
        if (p->f.sharpV) {
            type_name(t, tn, sizeof tn);
            sbuf_puts(p->buf, tn);
            if (t->kind == KIND_SLICE && isnil) {
                sbuf_puts(p->buf, "(nil)");
                return;
            }
            sbuf_putc(p->buf, '{');
            for (int64_t i = 0; i < n; i++) {
                if (i > 0)
                    sbuf_puts(p->buf, ", ");
                print_value(p, e, data + i * e->size, verb, depth + 1, ro);
            }
            sbuf_putc(p->buf, '}');
        } else {
            sbuf_putc(p->buf, '[');
            for (int64_t i = 0; i < n; i++) {
                if (i > 0)
                    sbuf_putc(p->buf, ' ');
                print_value(p, e, data + i * e->size, verb, depth + 1, ro);
            }
            sbuf_putc(p->buf, ']');
        }
        return;
    }
    case KIND_POINTER: {
        void *ptr = *(void *const *)v;
        if (depth == 0 && ptr != NULL) {
            switch (t->elem->kind) {
            case KIND_ARRAY:
            case KIND_SLICE:
            case KIND_STRUCT:
            case KIND_MAP:
                sbuf_putc(p->buf, '&');
                print_value(p, t->elem, ptr, verb, depth + 1, ro);
                return;
            default:
                break;
            }
        }
        fmt_pointer(p, t, (uint64_t)(uintptr_t)ptr, verb);
        return;
    }
    case KIND_CHAN:
    case KIND_FUNC:
    case KIND_UNSAFEPTR:
        fmt_pointer(p, t, (uint64_t)(uintptr_t) * (void *const *)v, verb);
        return;
    default:
        if (depth == 0)
            sbuf_puts(p->buf, "<invalid reflect.Value>");
        else if (verb == 'v')
            sbuf_puts(p->buf, "<nil>");
        else
            bad_verb(p, verb);
        return;
    }
}

/* Predeclared types print without consulting methods (Go's type switch in
 * printArg); []byte (unnamed) takes the byte path. */
static bool is_predeclared(const Type *t)
{
    return t->name != NULL && t->pkg == NULL;
}

static void print_arg(Printer *p, const Iface *arg, int verb)
{
    p->cur_t = arg->type;
    p->cur_p = arg->type ? iface_data(arg) : NULL;
    if (arg->type == NULL) {
        if (verb == 'T' || verb == 'v')
            pad_str(p, "<nil>");
        else
            bad_verb(p, verb);
        return;
    }
    const Type *t = arg->type;
    const void *v = iface_data(arg);
    if (verb == 'T') {
        char tn[256];
        type_name(t, tn, sizeof tn);
        fmt_s(p, (const uint8_t *)tn, (int64_t)strlen(tn));
        return;
    }
    if (verb == 'p') {
        uint64_t u;
        if (pointer_word(t, v, &u))
            fmt_pointer(p, t, u, 'p');
        else
            bad_verb(p, 'p');
        return;
    }
    if (t->name == NULL && t->kind == KIND_SLICE && t->elem->kind == KIND_UINT8 &&
        is_predeclared(t->elem)) {
        const Slice *s = v;
        if (!pp_bytes(p, t, s->ptr, s->len, s->ptr == NULL, verb, true))
            print_value(p, t, v, verb, 0, false);
        return;
    }
    if (is_predeclared(t) && t->kind != KIND_INTERFACE) {
        print_value(p, t, v, verb, 0, false);
        return;
    }
    if (has_methods(t) && handle_methods(p, arg, verb))
        return;
    if (verb == 'w') {
        bad_verb(p, verb);
        return;
    }
    print_value(p, t, v, verb, 0, false);
}

static void printer_init(Printer *p, StrBuf *out, FmtMethodFn m, void *marg)
{
    memset(p, 0, sizeof *p);
    if (out->p == NULL)
        sbuf_init(out);
    p->buf = out;
    p->method = m;
    p->marg = marg;
}

void fmtcore_print(StrBuf *out, const Iface *args, int64_t n, FmtMethodFn m, void *marg)
{
    Printer p;
    printer_init(&p, out, m, marg);
    bool prev_string = false;
    for (int64_t i = 0; i < n; i++) {
        bool is_string = args[i].type && args[i].type->kind == KIND_STRING;
        if (i > 0 && !is_string && !prev_string)
            sbuf_putc(out, ' ');
        memset(&p.f, 0, sizeof p.f);
        print_arg(&p, &args[i], 'v');
        prev_string = is_string;
    }
}

void fmtcore_println(StrBuf *out, const Iface *args, int64_t n, FmtMethodFn m, void *marg)
{
    Printer p;
    printer_init(&p, out, m, marg);
    for (int64_t i = 0; i < n; i++) {
        if (i > 0)
            sbuf_putc(out, ' ');
        memset(&p.f, 0, sizeof p.f);
        print_arg(&p, &args[i], 'v');
    }
    sbuf_putc(out, '\n');
}

/* parsenum: a decimal number at s[*i], up to 1e6 (Go's tooLarge). */
static bool parse_num(const uint8_t *s, int64_t end, int64_t *i, int *num)
{
    bool ok = false;
    int n = 0;
    while (*i < end && s[*i] >= '0' && s[*i] <= '9') {
        if (n > 1000000 || n < -1000000)
            return false; /* absurd; Go reports it as bad width */
        n = n * 10 + (s[*i] - '0');
        ok = true;
        (*i)++;
    }
    *num = n;
    return ok;
}

/* argNumber: an explicit [n] index at fmt[*i]. As Go: a malformed index
 * skips the text through its ']' (or just the '[' when there is none) and
 * marks the verb bad; a well-formed but out-of-range one marks it bad yet
 * still counts as an index (after_index). */
static void arg_number(const uint8_t *fmt, int64_t end, int64_t *i, int64_t *argnum, int64_t nargs,
                       bool *after_index, bool *good, bool *reordered)
{
    *after_index = false;
    if (*i >= end || fmt[*i] != '[')
        return;
    *reordered = true;
    int64_t start = *i;
    *i = start + 1; /* no closing bracket: skip the '[' alone */
    bool ok = false;
    int idx = 0;
    if (end - start >= 3) {
        for (int64_t j = start + 1; j < end; j++) {
            if (fmt[j] == ']') {
                int64_t k = start + 1;
                ok = parse_num(fmt, j, &k, &idx) && k == j;
                *i = j + 1;
                break;
            }
        }
    }
    idx--; /* arguments are numbered from 1 */
    if (ok && idx >= 0 && idx < nargs) {
        *argnum = idx;
        *after_index = true;
        return;
    }
    *good = false;
    *after_index = ok;
}

/* intFromArg: a * width or precision operand. */
static bool int_from_arg(const Iface *args, int64_t nargs, int64_t *argnum, int *num)
{
    *num = 0;
    if (*argnum >= nargs)
        return false;
    const Iface *a = &args[*argnum];
    bool ok = false;
    if (a->type && kind_is_integer(a->type->kind)) {
        const void *v = iface_data(a);
        if (kind_is_unsigned(a->type->kind)) {
            uint64_t u = value_load_uint(v, a->type->size);
            if (u <= 1000000) {
                *num = (int)u;
                ok = true;
            }
        } else {
            int64_t x = value_load_int(v, a->type->size);
            if (x >= -1000000 && x <= 1000000) {
                *num = (int)x;
                ok = true;
            }
        }
    }
    (*argnum)++;
    return ok;
}

void fmtcore_printf(StrBuf *out, String format, const Iface *args, int64_t nargs, FmtMethodFn m,
                    void *marg, int *wrapped, int *nwrapped)
{
    Printer p;
    printer_init(&p, out, m, marg);
    p.wrap_errs = wrapped != NULL;
    int maxw = nwrapped ? *nwrapped : 0, nw = 0;
    const uint8_t *fmt = format.ptr;
    int64_t end = format.len, argnum = 0;
    bool after_index = false, reordered = false;
    for (int64_t i = 0; i < end;) {
        bool good = true;
        int64_t last = i;
        while (i < end && fmt[i] != '%')
            i++;
        if (i > last)
            sbuf_put(out, fmt + last, (size_t)(i - last));
        if (i >= end)
            break;
        i++; /* skip % */
        memset(&p.f, 0, sizeof p.f);
        for (; i < end; i++) {
            uint8_t c = fmt[i];
            if (c == '#')
                p.f.sharp = true;
            else if (c == '0')
                p.f.zero = !p.f.minus;
            else if (c == '+')
                p.f.plus = true;
            else if (c == '-') {
                p.f.minus = true;
                p.f.zero = false;
            } else if (c == ' ')
                p.f.space = true;
            else
                break;
        }
        arg_number(fmt, end, &i, &argnum, nargs, &after_index, &good, &reordered);
        if (i < end && fmt[i] == '*') {
            i++;
            p.f.widp = int_from_arg(args, nargs, &argnum, &p.f.wid);
            if (!p.f.widp)
                sbuf_puts(out, "%!(BADWIDTH)");
            if (p.f.wid < 0) {
                p.f.wid = -p.f.wid;
                p.f.minus = true;
                p.f.zero = false;
            }
            after_index = false;
        } else {
            p.f.widp = parse_num(fmt, end, &i, &p.f.wid);
            if (after_index && p.f.widp)
                good = false;
        }
        if (i + 1 < end && fmt[i] == '.') {
            i++;
            if (after_index)
                good = false;
            arg_number(fmt, end, &i, &argnum, nargs, &after_index, &good, &reordered);
            if (i < end && fmt[i] == '*') {
                i++;
                p.f.precp = int_from_arg(args, nargs, &argnum, &p.f.prec);
                if (p.f.prec < 0) {
                    p.f.prec = 0;
                    p.f.precp = false;
                }
                if (!p.f.precp)
                    sbuf_puts(out, "%!(BADPREC)");
                after_index = false;
            } else {
                p.f.precp = parse_num(fmt, end, &i, &p.f.prec);
                if (!p.f.precp) {
                    p.f.prec = 0;
                    p.f.precp = true;
                }
            }
        }
        if (!after_index)
            arg_number(fmt, end, &i, &argnum, nargs, &after_index, &good, &reordered);
        if (i >= end) {
            sbuf_puts(out, "%!(NOVERB)");
            break;
        }
        int w = 1;
        int verb = fmt[i];
        if (verb >= 0x80)
            verb = utf8_decode(fmt + i, end - i, &w);
        i += w;
        if (verb == '%') {
            sbuf_putc(out, '%');
        } else if (!good) {
            sbuf_puts(out, "%!");
            sbuf_put_rune(out, verb);
            sbuf_puts(out, "(BADINDEX)");
        } else if (argnum >= nargs) {
            sbuf_puts(out, "%!");
            sbuf_put_rune(out, verb);
            sbuf_puts(out, "(MISSING)");
        } else {
            if (verb == 'w' && wrapped && nw < maxw)
                wrapped[nw++] = (int)argnum;
            if (verb == 'v' || verb == 'w') {
                p.f.sharpV = p.f.sharp;
                p.f.sharp = false;
                p.f.plusV = p.f.plus;
                p.f.plus = false;
            }
            print_arg(&p, &args[argnum], verb);
            argnum++;
        }
    }
    if (!reordered && argnum < nargs) {
        memset(&p.f, 0, sizeof p.f);
        sbuf_puts(out, "%!(EXTRA ");
        for (int64_t k = argnum; k < nargs; k++) {
            if (k > argnum)
                sbuf_puts(out, ", ");
            if (args[k].type == NULL) {
                sbuf_puts(out, "<nil>");
            } else {
                char tn[256];
                type_name(args[k].type, tn, sizeof tn);
                sbuf_puts(out, tn);
                sbuf_putc(out, '=');
                print_arg(&p, &args[k], 'v');
            }
        }
        sbuf_putc(out, ')');
    }
    if (nwrapped)
        *nwrapped = nw;
}
