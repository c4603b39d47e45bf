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

/* unquote(s string) (string, bool) */
static NativeStatus strconv_unquote(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    String s = nat_str(args);
    StrBuf b = {0};
    sbuf_init(&b);
    bool ok = numconv_unquote(&b, s.ptr, s.len);
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
