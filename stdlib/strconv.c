/* strconv.c — package strconv: conversions to and from text.
 *
 * The numeric and quoting work is numconv.c's (shared with fmt); this file
 * is the package's Go source and the natives that adapt numconv to Go
 * values. Errors are built in Go (*NumError) from the natives' codes, so
 * their texts match Go's exactly.
 */
#include "fmtcore.h"
#include "native.h"

/* The package's Go source, stdlib/go/strconv.go, as strconv_source. */
#include "stdlib/strconv_go.h"

/* parseInt(s string, base int, bitSize int) (int64, int) */
static NativeStatus strconv_parse_int(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    int64_t base = args[2].i, bits = args[3].i, v;
    NumErr e;
    if (bits < 0 || bits > 64)
        e = NUM_BITSIZE, v = 0;
    else if (base != 0 && (base < 2 || base > 36))
        e = NUM_BASE, v = 0;
    else
        e = numconv_parse_int(s.ptr, s.len, (int)base, (int)bits, &v);
    res[0].i = v;
    res[1].i = e;
    return NATIVE_OK;
}

/* parseUint(s string, base int, bitSize int) (uint64, int) */
static NativeStatus strconv_parse_uint(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    int64_t base = args[2].i, bits = args[3].i;
    uint64_t v = 0;
    NumErr e;
    if (bits < 0 || bits > 64)
        e = NUM_BITSIZE;
    else if (base != 0 && (base < 2 || base > 36))
        e = NUM_BASE;
    else
        e = numconv_parse_uint(s.ptr, s.len, (int)base, (int)bits, &v);
    res[0].u = v;
    res[1].i = e;
    return NATIVE_OK;
}

/* parseFloat(s string, bitSize int) (float64, int) */
static NativeStatus strconv_parse_float(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    int bits = (int)args[2].i;
    double v;
    NumErr e = numconv_parse_float(s.ptr, s.len, bits == 32 ? 32 : 64, &v);
    res[0].f = v;
    res[1].i = e;
    return NATIVE_OK;
}

static String strconv_done(StrBuf *b)
{
    return sbuf_string(b);
}

/* A base-`base` integer as a Go string, built straight from a stack buffer:
 * Itoa/FormatInt are hot in text-building loops, so no StrBuf. Decimal
 * 0..99 share static bytes (strings are immutable), as Go's do. */
static String strconv_int_string(int64_t v, bool is_signed, int base)
{
    int n;
    if (base == 10 && (!is_signed || v >= 0)) {
        const char *small = numconv_small(v, &n);
        if (small)
            return (String){(const uint8_t *)small, n};
    }
    char t[NUMCONV_MAXDIGITS];
    n = is_signed ? numconv_itoa(t + sizeof t, v, base)
                  : numconv_utoa(t + sizeof t, (uint64_t)v, base);
    return string_from_bytes(t + sizeof t - n, n);
}

/* FormatInt(i int64, base int) string */
static NativeStatus strconv_format_int(NativeCtx *ctx, Slot *args, Slot *res)
{
    int64_t v = args[0].i, base = args[1].i;
    if (base < 2 || base > 36)
        return native_panic_string(ctx, "strconv: illegal AppendInt/FormatInt base");
    nat_set_str(res, strconv_int_string(v, true, (int)base));
    return NATIVE_OK;
}

/* Itoa(i int) string: FormatInt(i, 10) without the Go-level call. */
static NativeStatus strconv_itoa(NativeCtx *ctx, Slot *args, Slot *res)
{
    nat_set_str(res, strconv_int_string(args[0].i, true, 10));
    return NATIVE_OK;
}

/* FormatUint(i uint64, base int) string */
static NativeStatus strconv_format_uint(NativeCtx *ctx, Slot *args, Slot *res)
{
    uint64_t v = args[0].u;
    int64_t base = args[1].i;
    if (base < 2 || base > 36)
        return native_panic_string(ctx, "strconv: illegal AppendInt/FormatInt base");
    nat_set_str(res, strconv_int_string((int64_t)v, false, (int)base));
    return NATIVE_OK;
}

/* FormatFloat(f float64, fmt byte, prec, bitSize int) string */
static NativeStatus strconv_format_float(NativeCtx *ctx, Slot *args, Slot *res)
{
    double f = args[0].f;
    int fmt = (int)(args[1].u & 0xFF), prec = (int)args[2].i, bits = (int)args[3].i;
    StrBuf b = {0};
    sbuf_init(&b);
    numconv_format_float(&b, f, fmt, prec < 0 ? -1 : prec, bits == 32 ? 32 : 64);
    nat_set_str(res, strconv_done(&b));
    return NATIVE_OK;
}

static NativeStatus strconv_quote_impl(Slot *args, Slot *res, bool ascii)
{
    String s = nat_str(args);
    StrBuf b = {0};
    sbuf_init(&b);
    numconv_quote(&b, s.ptr, s.len, '"', ascii);
    nat_set_str(res, strconv_done(&b));
    return NATIVE_OK;
}

/* Quote(s string) string */
static NativeStatus strconv_quote(NativeCtx *ctx, Slot *args, Slot *res)
{
    return strconv_quote_impl(args, res, false);
}

/* QuoteToASCII(s string) string */
static NativeStatus strconv_quote_ascii(NativeCtx *ctx, Slot *args, Slot *res)
{
    return strconv_quote_impl(args, res, true);
}

static NativeStatus strconv_quote_rune_impl(Slot *args, Slot *res, bool ascii)
{
    int32_t r = (int32_t)args[0].i;
    StrBuf b = {0};
    sbuf_init(&b);
    numconv_quote_rune(&b, r, ascii);
    nat_set_str(res, strconv_done(&b));
    return NATIVE_OK;
}

/* QuoteRune(r rune) string */
static NativeStatus strconv_quote_rune(NativeCtx *ctx, Slot *args, Slot *res)
{
    return strconv_quote_rune_impl(args, res, false);
}

/* QuoteRuneToASCII(r rune) string */
static NativeStatus strconv_quote_rune_ascii(NativeCtx *ctx, Slot *args, Slot *res)
{
    return strconv_quote_rune_impl(args, res, true);
}

/* CanBackquote(s string) bool */
static NativeStatus strconv_can_backquote(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    res[0].u = numconv_can_backquote(s.ptr, s.len);
    return NATIVE_OK;
}

/* IsPrint(r rune) bool */
static NativeStatus strconv_is_print(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].u = numconv_is_print((int32_t)args[0].i);
    return NATIVE_OK;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* One escape or character of a quoted literal at s[*i]; false on bad syntax. */
static bool unquote_char(const uint8_t *s, int64_t n, int64_t *i, char quote, StrBuf *b)
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
            int h = hexval(s[*i + k]);
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

/* unquote(s string) (string, bool) */
static NativeStatus strconv_unquote(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    bool ok = false;
    StrBuf b = {0};
    sbuf_init(&b);
    if (s.len >= 2 && s.ptr[0] == s.ptr[s.len - 1]) {
        char q = (char)s.ptr[0];
        const uint8_t *p = s.ptr + 1;
        int64_t n = s.len - 2;
        if (q == '`') {
            ok = memchr(p, '`', (size_t)n) == NULL;
            for (int64_t i = 0; ok && i < n; i++)
                if (p[i] != '\r')
                    sbuf_putc(&b, (char)p[i]);
        } else if (q == '"' || q == '\'') {
            ok = memchr(p, '\n', (size_t)n) == NULL;
            int64_t i = 0, count = 0;
            while (ok && i < n) {
                ok = unquote_char(p, n, &i, q, &b);
                count++;
            }
            if (q == '\'' && count != 1)
                ok = false;
        }
    }
    nat_set_str(res, ok ? strconv_done(&b) : (String){0});
    res[2].u = ok;
    return NATIVE_OK;
}

static const StdNative strconv_natives[] = {
    {"parseInt", strconv_parse_int},
    {"parseUint", strconv_parse_uint},
    {"parseFloat", strconv_parse_float},
    {"FormatInt", strconv_format_int},
    {"Itoa", strconv_itoa},
    {"FormatUint", strconv_format_uint},
    {"FormatFloat", strconv_format_float},
    {"Quote", strconv_quote},
    {"QuoteToASCII", strconv_quote_ascii},
    {"QuoteRune", strconv_quote_rune},
    {"QuoteRuneToASCII", strconv_quote_rune_ascii},
    {"CanBackquote", strconv_can_backquote},
    {"IsPrint", strconv_is_print},
    {"unquote", strconv_unquote},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_strconv = {"strconv", strconv_source, strconv_natives};
