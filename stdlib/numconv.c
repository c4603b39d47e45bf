/* numconv.c — Go's text forms of numbers and strings (fmtcore.h): float
 * formatting with strconv's rules (shortest round-trip digits, %e/%f/%g
 * choices), integer formatting and parsing with strconv's errors, and
 * quoting with Go's escapes.
 *
 * Float digits come from the C library (correctly rounded in glibc); the
 * shortest form is found by asking for 1, 2, ... 17 significant digits until
 * the text reads back as the same value. The layout of the digits (where
 * the exponent goes, how many zeros) is Go's, done here.
 *
 * Owns: number and quoting text. Must never call into the VM.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmtcore.h"

/* Decimal digits of a non-negative float: value = 0.d[0]d[1]... x 10^dp,
 * without trailing zeros; zero is nd == 0. */
typedef struct Dec {
    char d[800];
    int nd, dp;
} Dec;

/* Reads C's "%.Ne" output ("d.ddde+XX") into d. */
static void dec_from_e(Dec *d, const char *s)
{
    d->nd = 0;
    while (*s && *s != 'e') {
        if (*s >= '0' && *s <= '9' && d->nd < (int)sizeof d->d)
            d->d[d->nd++] = *s;
        s++;
    }
    int exp = *s == 'e' ? atoi(s + 1) : 0;
    while (d->nd > 0 && d->d[d->nd - 1] == '0')
        d->nd--;
    d->dp = d->nd == 0 ? 0 : exp + 1;
}

/* Adds one unit in the last digit of C's "%.Ne" text s (v > 0), carrying
 * into the exponent when the digits were all nines. */
static bool dec_next_up(char *s)
{
    char *e = strchr(s, 'e');
    if (!e)
        return false;
    char *q = e - 1;
    for (; q >= s; q--) {
        if (*q == '.')
            continue;
        if (*q != '9') {
            (*q)++;
            return true;
        }
        *q = '0';
    }
    /* 9.99e+XX became 0.00e+XX: it is 1.00e+(XX+1) */
    int exp = atoi(e + 1);
    s[0] = '1';
    snprintf(e, 16, "e%+03d", exp + 1);
    return true;
}

/* Shortest digits that read back as v (as float32 when bits == 32). */
static void dec_shortest(Dec *d, double v, int bits)
{
    char tmp[64];
    if (v == 0) {
        d->nd = d->dp = 0;
        return;
    }
    for (int p = 1; p <= 17; p++) {
        snprintf(tmp, sizeof tmp, "%.*e", p - 1, v);
        double back = bits == 32 ? (double)strtof(tmp, NULL) : strtod(tmp, NULL);
        double want = bits == 32 ? (double)(float)v : v;
        if (back == want)
            break;
        /* At a power of two the gap below v is half the gap above, so the
         * nearest p digits can fall out below while the next p-digit
         * number up still reads back as v (Go prints 2**-24 as
         * 5.960464477539063e-08, 16 digits): try that one. */
        if (back < want && dec_next_up(tmp) &&
            (bits == 32 ? (double)strtof(tmp, NULL) : strtod(tmp, NULL)) == want)
            break;
    }
    dec_from_e(d, tmp);
}

/* v rounded to `digits` significant digits. */
static void dec_rounded(Dec *d, double v, int digits)
{
    char tmp[900];
    if (digits > 780)
        digits = 780;
    if (digits < 1)
        digits = 1;
    snprintf(tmp, sizeof tmp, "%.*e", digits - 1, v);
    dec_from_e(d, tmp);
}

static void fmt_e(StrBuf *b, bool neg, const Dec *d, int prec, char fmtc)
{
    if (neg)
        sbuf_putc(b, '-');
    sbuf_putc(b, d->nd == 0 ? '0' : d->d[0]);
    if (prec > 0) {
        sbuf_putc(b, '.');
        int i = 1, m = d->nd < prec + 1 ? d->nd : prec + 1;
        if (i < m) {
            sbuf_put(b, d->d + i, (size_t)(m - i));
            i = m;
        }
        for (; i <= prec; i++)
            sbuf_putc(b, '0');
    }
    sbuf_putc(b, fmtc);
    int exp = d->nd == 0 ? 0 : d->dp - 1;
    sbuf_putc(b, exp < 0 ? '-' : '+');
    if (exp < 0)
        exp = -exp;
    char t[16];
    snprintf(t, sizeof t, "%02d", exp);
    sbuf_puts(b, t);
}

static void fmt_f(StrBuf *b, bool neg, const Dec *d, int prec)
{
    if (neg)
        sbuf_putc(b, '-');
    if (d->dp > 0) {
        int m = d->nd < d->dp ? d->nd : d->dp;
        sbuf_put(b, d->d, (size_t)m);
        for (; m < d->dp; m++)
            sbuf_putc(b, '0');
    } else {
        sbuf_putc(b, '0');
    }
    if (prec > 0) {
        sbuf_putc(b, '.');
        for (int i = 1; i <= prec; i++) {
            int j = d->dp + i - 1;
            sbuf_putc(b, j >= 0 && j < d->nd ? d->d[j] : '0');
        }
    }
}

/* %b: mantissa "p" binary exponent, as strconv's 'b'. */
static void fmt_b(StrBuf *b, double v, int bits)
{
    uint64_t mant;
    int exp;
    bool neg;
    if (bits == 32) {
        float f = (float)v;
        uint32_t u;
        memcpy(&u, &f, 4);
        neg = u >> 31;
        exp = (int)((u >> 23) & 0xFF);
        mant = u & ((1u << 23) - 1);
        if (exp == 0)
            exp++;
        else
            mant |= 1u << 23;
        exp += -127 - 23;
    } else {
        uint64_t u;
        memcpy(&u, &v, 8);
        neg = u >> 63;
        exp = (int)((u >> 52) & 0x7FF);
        mant = u & ((1ull << 52) - 1);
        if (exp == 0)
            exp++;
        else
            mant |= 1ull << 52;
        exp += -1023 - 52;
    }
    char t[64];
    snprintf(t, sizeof t, "%s%llup%+d", neg ? "-" : "", (unsigned long long)mant, exp);
    sbuf_puts(b, t);
}

/* %x: C's hex float with Go's two-digit exponent. */
static void fmt_x(StrBuf *b, double v, int prec, bool upper)
{
    char t[128];
    if (prec < 0)
        snprintf(t, sizeof t, upper ? "%A" : "%a", v);
    else
        snprintf(t, sizeof t, upper ? "%.*A" : "%.*a", prec, v);
    char *p = strchr(t, upper ? 'P' : 'p');
    if (p && p[2] && !p[3]) {
        /* p+1 -> p+01 */
        p[4] = 0;
        p[3] = p[2];
        p[2] = '0';
    }
    sbuf_puts(b, t);
}

void numconv_format_float(StrBuf *b, double v, int fmt, int prec, int bitsize)
{
    if (bitsize == 32)
        v = (float)v;
    if (isnan(v)) {
        sbuf_puts(b, "NaN");
        return;
    }
    if (isinf(v)) {
        sbuf_puts(b, v < 0 ? "-Inf" : "+Inf");
        return;
    }
    bool neg = signbit(v);
    double a = fabs(v);
    switch (fmt) {
    case 'b':
        fmt_b(b, v, bitsize);
        return;
    case 'x':
    case 'X':
        fmt_x(b, v, prec, fmt == 'X');
        return;
    case 'f':
        if (prec >= 0) {
            /* C's %f is exact (every digit of the binary value, correctly
             * rounded), as Go's is: at most 309 integer digits plus prec. */
            size_t cap = (size_t)prec + 320;
            char small[512], *tmp = cap <= sizeof small ? small : heap_alloc_atomic(cap);
            int n = snprintf(tmp, cap, "%.*f", prec, a);
            if (neg)
                sbuf_putc(b, '-');
            sbuf_put(b, tmp, (size_t)n);
            return;
        }
        break;
    default:
        break;
    }
    Dec d;
    bool shortest = prec < 0;
    if (shortest) {
        dec_shortest(&d, a, bitsize);
        switch (fmt) {
        case 'e':
        case 'E':
            prec = d.nd > 1 ? d.nd - 1 : 0;
            break;
        case 'f':
            prec = d.nd - d.dp > 0 ? d.nd - d.dp : 0;
            break;
        default:
            prec = d.nd;
            break;
        }
    } else if (fmt == 'e' || fmt == 'E') {
        dec_rounded(&d, a, prec + 1);
    } else {
        if (prec == 0)
            prec = 1;
        dec_rounded(&d, a, prec);
    }
    switch (fmt) {
    case 'e':
    case 'E':
        fmt_e(b, neg, &d, prec, (char)fmt);
        return;
    case 'f':
        fmt_f(b, neg, &d, prec);
        return;
    case 'g':
    case 'G': {
        int eprec = prec;
        if (eprec > d.nd && d.nd >= d.dp)
            eprec = d.nd;
        if (shortest)
            eprec = 6;
        int exp = d.dp - 1;
        if (d.nd == 0)
            exp = 0; /* zero formats as "0" */
        if (exp < -4 || exp >= eprec) {
            if (prec > d.nd)
                prec = d.nd;
            fmt_e(b, neg, &d, prec - 1 < 0 ? 0 : prec - 1, fmt == 'g' ? 'e' : 'E');
            return;
        }
        if (prec > d.dp)
            prec = d.nd;
        fmt_f(b, neg, &d, prec - d.dp > 0 ? prec - d.dp : 0);
        return;
    }
    default:
        /* strconv writes %<fmt> for an unknown format byte */
        sbuf_putc(b, '%');
        sbuf_putc(b, (char)fmt);
        return;
    }
}

static const char numconv_digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* "00" "01" .. "99": two decimal digits per division, as the hot integer
 * formatting paths (Itoa, %d) spend most of their time dividing. */
static const char numconv_pairs[] = "00010203040506070809"
                                    "10111213141516171819"
                                    "20212223242526272829"
                                    "30313233343536373839"
                                    "40414243444546474849"
                                    "50515253545556575859"
                                    "60616263646566676869"
                                    "70717273747576777879"
                                    "80818283848586878889"
                                    "90919293949596979899";

int numconv_utoa(char *end, uint64_t v, int base)
{
    char *p = end;
    if (base == 10) {
        while (v >= 100) {
            unsigned r = (unsigned)(v % 100);
            v /= 100;
            p -= 2;
            memcpy(p, numconv_pairs + 2 * r, 2);
        }
        if (v >= 10) {
            p -= 2;
            memcpy(p, numconv_pairs + 2 * v, 2);
        } else {
            *--p = (char)('0' + v);
        }
        return (int)(end - p);
    }
    if (base < 2 || base > 36)
        base = 10;
    do {
        *--p = numconv_digits[v % (uint64_t)base];
        v /= (uint64_t)base;
    } while (v);
    return (int)(end - p);
}

int numconv_itoa(char *end, int64_t v, int base)
{
    if (v >= 0)
        return numconv_utoa(end, (uint64_t)v, base);
    int n = numconv_utoa(end, -(uint64_t)v, base);
    end[-n - 1] = '-';
    return n + 1;
}

const char *numconv_small(int64_t v, int *len)
{
    if (v < 0 || v >= 100)
        return NULL;
    *len = v < 10 ? 1 : 2;
    return numconv_pairs + 2 * v + (v < 10);
}

void numconv_format_uint(StrBuf *b, uint64_t v, int base)
{
    char t[NUMCONV_MAXDIGITS];
    int n = numconv_utoa(t + sizeof t, v, base);
    sbuf_put(b, t + sizeof t - n, (size_t)n);
}

void numconv_format_int(StrBuf *b, int64_t v, int base)
{
    char t[NUMCONV_MAXDIGITS];
    int n = numconv_itoa(t + sizeof t, v, base);
    sbuf_put(b, t + sizeof t - n, (size_t)n);
}

bool numconv_is_print(int32_t r)
{
    if (r < 0x20 || (r >= 0x7F && r < 0xA0) || r == 0xAD)
        return false;
    if (r < 0x100)
        return r != 0xA0;
    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF) || (r >= 0xE000 && r <= 0xF8FF))
        return false;
    if (r >= 0xF0000)
        return false; /* private use planes */
    if ((r >= 0x2000 && r <= 0x200F) || (r >= 0x2028 && r <= 0x202F) ||
        (r >= 0x205F && r <= 0x206F) || r == 0x1680 || r == 0x3000 || r == 0xFEFF)
        return false; /* spaces other than U+0020 and format characters */
    if ((r & 0xFFFE) == 0xFFFE || (r >= 0xFFF0 && r <= 0xFFFB) || (r >= 0xFDD0 && r <= 0xFDEF))
        return false; /* noncharacters and specials */
    if (r >= 0xE0000 && r <= 0xE0FFF)
        return false; /* tags and variation selectors supplement */
    return true;
}

static void put_hex(StrBuf *b, uint32_t v, int n)
{
    for (int i = n - 1; i >= 0; i--)
        sbuf_putc(b, "0123456789abcdef"[(v >> (4 * i)) & 0xF]);
}

static void quote_escaped_rune(StrBuf *b, int32_t r, char quote, bool ascii)
{
    if (r == quote || r == '\\') {
        sbuf_putc(b, '\\');
        sbuf_putc(b, (char)r);
        return;
    }
    if (ascii) {
        if (r < 0x80 && numconv_is_print(r)) {
            sbuf_putc(b, (char)r);
            return;
        }
    } else if (numconv_is_print(r)) {
        sbuf_put_rune(b, r);
        return;
    }
    switch (r) {
    case '\a':
        sbuf_puts(b, "\\a");
        return;
    case '\b':
        sbuf_puts(b, "\\b");
        return;
    case '\f':
        sbuf_puts(b, "\\f");
        return;
    case '\n':
        sbuf_puts(b, "\\n");
        return;
    case '\r':
        sbuf_puts(b, "\\r");
        return;
    case '\t':
        sbuf_puts(b, "\\t");
        return;
    case '\v':
        sbuf_puts(b, "\\v");
        return;
    default:
        break;
    }
    if (r < ' ' || r == 0x7F) {
        sbuf_puts(b, "\\x");
        put_hex(b, (uint32_t)r, 2);
        return;
    }
    if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
        r = 0xFFFD;
    if (r < 0x10000) {
        sbuf_puts(b, "\\u");
        put_hex(b, (uint32_t)r, 4);
    } else {
        sbuf_puts(b, "\\U");
        put_hex(b, (uint32_t)r, 8);
    }
}

void numconv_quote(StrBuf *b, const uint8_t *s, int64_t n, char quote, bool ascii)
{
    sbuf_putc(b, quote);
    for (int64_t i = 0; i < n;) {
        int w;
        int32_t r = s[i] < 0x80 ? (w = 1, s[i]) : utf8_decode(s + i, n - i, &w);
        if (w == 1 && r == 0xFFFD) {
            sbuf_puts(b, "\\x");
            put_hex(b, s[i], 2);
            i++;
            continue;
        }
        quote_escaped_rune(b, r, quote, ascii);
        i += w;
    }
    sbuf_putc(b, quote);
}

void numconv_quote_rune(StrBuf *b, int32_t r, bool ascii)
{
    if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
        r = 0xFFFD;
    sbuf_putc(b, '\'');
    quote_escaped_rune(b, r, '\'', ascii);
    sbuf_putc(b, '\'');
}

bool numconv_can_backquote(const uint8_t *s, int64_t n)
{
    for (int64_t i = 0; i < n;) {
        int w;
        int32_t r = utf8_decode(s + i, n - i, &w);
        i += w;
        if (w > 1) {
            if (r == 0xFEFF)
                return false;
            continue;
        }
        if (r == 0xFFFD)
            return false;
        if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F)
            return false;
    }
    return true;
}

static inline int lower(int c)
{
    return c | 0x20;
}

/* Go's rule: underscores only between digits (or after a base prefix). */
static bool underscore_ok(const uint8_t *s, int64_t n)
{
    int saw = '^';
    int64_t i = 0;
    if (n >= 1 && (s[0] == '-' || s[0] == '+'))
        s++, n--;
    bool hex = false;
    if (n >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
        i = 2;
        saw = '0';
        hex = lower(s[1]) == 'x';
    }
    for (; i < n; i++) {
        if ((s[i] >= '0' && s[i] <= '9') || (hex && lower(s[i]) >= 'a' && lower(s[i]) <= 'f')) {
            saw = '0';
            continue;
        }
        if (s[i] == '_') {
            if (saw != '0')
                return false;
            saw = '_';
            continue;
        }
        if (saw == '_')
            return false;
        saw = '!';
    }
    return saw != '_';
}

NumErr numconv_parse_uint(const uint8_t *s, int64_t n, int base, int bits, uint64_t *out)
{
    *out = 0;
    if (n == 0)
        return NUM_SYNTAX;
    const uint8_t *s0 = s;
    int64_t n0 = n;
    bool base0 = base == 0;
    if (base == 0) {
        base = 10;
        if (s[0] == '0') {
            if (n >= 3 && lower(s[1]) == 'b')
                base = 2, s += 2, n -= 2;
            else if (n >= 3 && lower(s[1]) == 'o')
                base = 8, s += 2, n -= 2;
            else if (n >= 3 && lower(s[1]) == 'x')
                base = 16, s += 2, n -= 2;
            else
                base = 8, s += 1, n -= 1;
        }
    } else if (base < 2 || base > 36) {
        return NUM_BASE;
    }
    if (bits == 0)
        bits = 64;
    else if (bits < 0 || bits > 64)
        return NUM_BITSIZE;
    uint64_t cutoff = UINT64_MAX / (uint64_t)base + 1;
    uint64_t maxv = bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
    bool underscores = false;
    uint64_t v = 0;
    for (int64_t i = 0; i < n; i++) {
        int c = s[i], d;
        if (c == '_' && base0) {
            underscores = true;
            continue;
        } else if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (lower(c) >= 'a' && lower(c) <= 'z') {
            d = lower(c) - 'a' + 10;
        } else {
            return NUM_SYNTAX;
        }
        if (d >= base)
            return NUM_SYNTAX;
        if (v >= cutoff) {
            *out = maxv;
            return NUM_RANGE;
        }
        v *= (uint64_t)base;
        uint64_t v1 = v + (uint64_t)d;
        if (v1 < v || v1 > maxv) {
            *out = maxv;
            return NUM_RANGE;
        }
        v = v1;
    }
    if (underscores && !underscore_ok(s0, n0))
        return NUM_SYNTAX;
    *out = v;
    return NUM_OK;
}

NumErr numconv_parse_int(const uint8_t *s, int64_t n, int base, int bits, int64_t *out)
{
    *out = 0;
    if (n == 0)
        return NUM_SYNTAX;
    bool neg = false;
    if (s[0] == '+')
        s++, n--;
    else if (s[0] == '-')
        neg = true, s++, n--;
    uint64_t u;
    NumErr e = numconv_parse_uint(s, n, base, bits, &u);
    if (e != NUM_OK && e != NUM_RANGE)
        return e;
    if (bits == 0)
        bits = 64;
    uint64_t cutoff = (uint64_t)1 << (bits - 1);
    if (!neg && u >= cutoff) {
        *out = (int64_t)(cutoff - 1);
        return NUM_RANGE;
    }
    if (neg && u > cutoff) {
        *out = -(int64_t)(cutoff - 1) - 1;
        return NUM_RANGE;
    }
    *out = neg ? (int64_t)(0 - u) : (int64_t)u;
    return NUM_OK;
}

/* Case-insensitive match of the whole (sign-stripped) text. */
static bool word_is(const uint8_t *s, int64_t n, const char *w)
{
    if ((int64_t)strlen(w) != n)
        return false;
    for (int64_t i = 0; i < n; i++)
        if (lower(s[i]) != w[i])
            return false;
    return true;
}

/* Go's float syntax: [sign] (digits [. digits] | . digits) [e [sign] digits]
 * or 0x hex-mantissa p [sign] digits; underscores checked separately. */
static bool float_syntax_ok(const uint8_t *s, int64_t n)
{
    int64_t i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    bool hex = false;
    if (i + 1 < n && s[i] == '0' && lower(s[i + 1]) == 'x')
        hex = true, i += 2;
    int digits = 0;
    bool dot = false;
    for (; i < n; i++) {
        int c = s[i];
        if (c == '_')
            continue;
        if (c == '.') {
            if (dot)
                return false;
            dot = true;
            continue;
        }
        if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
            digits++;
            continue;
        }
        break;
    }
    if (digits == 0)
        return false;
    if (i < n && lower(s[i]) == (hex ? 'p' : 'e')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        int ed = 0;
        for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
            ed += s[i] != '_';
        if (ed == 0)
            return false;
    } else if (hex) {
        return false; /* hex mantissa requires a p exponent */
    }
    return i == n;
}

NumErr numconv_parse_float(const uint8_t *s, int64_t n, int bits, double *out)
{
    *out = 0;
    if (n == 0)
        return NUM_SYNTAX;
    const uint8_t *t = s;
    int64_t tn = n;
    bool neg = false;
    if (t[0] == '+' || t[0] == '-')
        neg = t[0] == '-', t++, tn--;
    if (word_is(t, tn, "inf") || word_is(t, tn, "infinity")) {
        *out = neg ? -INFINITY : INFINITY;
        return NUM_OK;
    }
    if (word_is(t, tn, "nan") && t == s) {
        *out = NAN;
        return NUM_OK;
    }
    if (!float_syntax_ok(s, n))
        return NUM_SYNTAX;
    bool has_us = memchr(s, '_', (size_t)n) != NULL;
    if (has_us && !underscore_ok(s, n))
        return NUM_SYNTAX;
    char *buf = heap_alloc_atomic((size_t)n + 1), *p = buf;
    for (int64_t i = 0; i < n; i++)
        if (s[i] != '_')
            *p++ = (char)s[i];
    *p = 0;
    double v;
    if (bits == 32)
        v = strtof(buf, NULL);
    else
        v = strtod(buf, NULL);
    *out = v;
    if (isinf(v))
        return NUM_RANGE;
    return NUM_OK;
}

static int numconv_hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* One escape or character of a quoted literal at s[*i]; false on bad syntax. */
static bool numconv_unquote_char(const uint8_t *s, int64_t n, int64_t *i, char quote, StrBuf *b)
{
    uint8_t c = s[*i];
    if (c == quote && (quote == '\'' || quote == '"'))
        return false;
    if (c != '\\') {
        int w;
        int32_t r = utf8_decode(s + *i, n - *i, &w);
        (void)r;
        sbuf_put(b, s + *i, (size_t)w);
        *i += w;
        return true;
    }
    if (*i + 1 >= n)
        return false;
    c = s[*i + 1];
    *i += 2;
    switch (c) {
    case 'a':
        sbuf_putc(b, '\a');
        return true;
    case 'b':
        sbuf_putc(b, '\b');
        return true;
    case 'f':
        sbuf_putc(b, '\f');
        return true;
    case 'n':
        sbuf_putc(b, '\n');
        return true;
    case 'r':
        sbuf_putc(b, '\r');
        return true;
    case 't':
        sbuf_putc(b, '\t');
        return true;
    case 'v':
        sbuf_putc(b, '\v');
        return true;
    case '\\':
        sbuf_putc(b, '\\');
        return true;
    case '\'':
    case '"':
        if (c != quote)
            return false;
        sbuf_putc(b, (char)c);
        return true;
    case 'x':
    case 'u':
    case 'U': {
        int len = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        if (*i + len > n)
            return false;
        int32_t v = 0;
        for (int k = 0; k < len; k++) {
            int h = numconv_hexval(s[*i + k]);
            if (h < 0)
                return false;
            v = v * 16 + h;
        }
        *i += len;
        if (c == 'x') {
            sbuf_putc(b, (char)v);
            return true;
        }
        if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            return false;
        sbuf_put_rune(b, v);
        return true;
    }
    default:
        if (c >= '0' && c <= '7') {
            if (*i + 2 > n)
                return false;
            int v = c - '0';
            for (int k = 0; k < 2; k++) {
                int d = s[*i + k] - '0';
                if (d < 0 || d > 7)
                    return false;
                v = v * 8 + d;
            }
            *i += 2;
            if (v > 255)
                return false;
            sbuf_putc(b, (char)v);
            return true;
        }
        return false;
    }
}

/* Go's strconv.Unquote: appends the value of the quoted literal s (double-
 * or single-quoted with escapes, or back-quoted) to b; false on bad
 * syntax. Shared by strconv.Unquote and fmt's %q scanning. */
bool numconv_unquote(StrBuf *b, const uint8_t *sp, int64_t slen)
{
    bool ok = false;
    if (slen >= 2 && sp[0] == sp[slen - 1]) {
        char q = (char)sp[0];
        const uint8_t *p = sp + 1;
        int64_t n = slen - 2;
        if (q == '`') {
            ok = memchr(p, '`', (size_t)n) == NULL;
            for (int64_t i = 0; ok && i < n; i++)
                if (p[i] != '\r')
                    sbuf_putc(b, (char)p[i]);
        } else if (q == '"' || q == '\'') {
            ok = memchr(p, '\n', (size_t)n) == NULL;
            int64_t i = 0, count = 0;
            while (ok && i < n) {
                ok = numconv_unquote_char(p, n, &i, q, b);
                count++;
            }
            if (q == '\'' && count != 1)
                ok = false;
        }
    }
    return ok;
}

