/* utf8.c — package unicode/utf8 over the runtime's decoder (value.h), so
 * `range` over a string and utf8.DecodeRuneInString always agree.
 * Must never decode differently from runtime/string.c.
 */
#include <stdio.h>

#include "native.h"

/* The package's Go source, stdlib/go/utf8.go, as utf8_source. */
#include "stdlib/utf8_go.h"

static int64_t utf8_count(const uint8_t *p, int64_t n)
{
    int64_t c = 0;
    for (int64_t i = 0; i < n; c++) {
        int w = 1;
        if (p[i] >= 0x80)
            utf8_decode(p + i, n - i, &w);
        i += w;
    }
    return c;
}

static bool utf8_valid(const uint8_t *p, int64_t n)
{
    for (int64_t i = 0; i < n;) {
        int w = 1;
        if (p[i] >= 0x80 && utf8_decode(p + i, n - i, &w) == 0xFFFD && w == 1)
            return false;
        i += w;
    }
    return true;
}

/* The last rune: step back over at most three continuation bytes. */
static int32_t utf8_decode_last(const uint8_t *p, int64_t n, int *width)
{
    *width = 0;
    if (n == 0)
        return 0xFFFD;
    if (p[n - 1] < 0x80) {
        *width = 1;
        return p[n - 1];
    }
    int64_t start = n - 1, lim = n - 4 < 0 ? 0 : n - 4;
    while (start > lim && (p[start] & 0xC0) == 0x80)
        start--;
    int w;
    int32_t r = utf8_decode(p + start, n - start, &w);
    if (start + w != n) {
        *width = 1;
        return 0xFFFD;
    }
    *width = w;
    return r;
}

/* RuneCountInString(s string) int */
static NativeStatus utf8_rune_count_string(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    res[0].i = utf8_count(s.ptr, s.len);
    return NATIVE_OK;
}

/* RuneCount(p []byte) int */
static NativeStatus utf8_rune_count(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice p = nat_slice(args);
    res[0].i = utf8_count(p.ptr, p.len);
    return NATIVE_OK;
}

static NativeStatus utf8_decode_first(const uint8_t *p, int64_t n, Slot *res)
{
    int w = 0;
    int32_t r = n > 0 ? utf8_decode(p, n, &w) : 0xFFFD;
    res[0].i = r;
    res[1].i = w;
    return NATIVE_OK;
}

/* DecodeRuneInString(s string) (rune, int) */
static NativeStatus utf8_decode_rune_string(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    return utf8_decode_first(s.ptr, s.len, res);
}

/* DecodeRune(p []byte) (rune, int) */
static NativeStatus utf8_decode_rune(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice p = nat_slice(args);
    return utf8_decode_first(p.ptr, p.len, res);
}

/* DecodeLastRuneInString(s string) (rune, int) */
static NativeStatus utf8_decode_last_string(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    int w;
    int32_t r = utf8_decode_last(s.ptr, s.len, &w);
    res[0].i = r;
    res[1].i = w;
    return NATIVE_OK;
}

/* DecodeLastRune(p []byte) (rune, int) */
static NativeStatus utf8_decode_last_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice p = nat_slice(args);
    int w;
    int32_t r = utf8_decode_last(p.ptr, p.len, &w);
    res[0].i = r;
    res[1].i = w;
    return NATIVE_OK;
}

/* ValidString(s string) bool */
static NativeStatus utf8_valid_string(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    res[0].u = utf8_valid(s.ptr, s.len);
    return NATIVE_OK;
}

/* Valid(p []byte) bool */
static NativeStatus utf8_valid_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice p = nat_slice(args);
    res[0].u = utf8_valid(p.ptr, p.len);
    return NATIVE_OK;
}

/* EncodeRune(p []byte, r rune) int */
static NativeStatus utf8_encode_rune(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice p = nat_slice(args);
    int32_t r = (int32_t)args[3].i;
    uint8_t buf[4];
    int n = utf8_encode(r, buf);
    if (p.len < n) {
        char msg[80];
        snprintf(msg, sizeof msg, "index out of range [%d] with length %lld", (int)p.len,
                 (long long)p.len);
        return native_panic_error(ctx, msg);
    }
    memcpy(p.ptr, buf, (size_t)n);
    res[0].i = n;
    return NATIVE_OK;
}

/* AppendRune(p []byte, r rune) []byte: append's growth rule (double, or
 * what is needed). */
static NativeStatus utf8_append_rune(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice p = nat_slice(args);
    int32_t r = (int32_t)args[3].i;
    uint8_t buf[4];
    int n = utf8_encode(r, buf);
    if (p.len + n > p.cap) {
        int64_t cap = p.cap * 2 > p.len + n ? p.cap * 2 : p.len + n;
        if (cap < 8)
            cap = 8;
        uint8_t *np = heap_alloc_atomic((size_t)cap);
        if (p.len)
            memcpy(np, p.ptr, (size_t)p.len);
        p.ptr = np;
        p.cap = cap;
    }
    memcpy((uint8_t *)p.ptr + p.len, buf, (size_t)n);
    p.len += n;
    nat_set_slice(res, p);
    return NATIVE_OK;
}

static const StdNative utf8_natives[] = {
    {"AppendRune", utf8_append_rune},
    {"RuneCountInString", utf8_rune_count_string},
    {"RuneCount", utf8_rune_count},
    {"DecodeRuneInString", utf8_decode_rune_string},
    {"DecodeRune", utf8_decode_rune},
    {"DecodeLastRuneInString", utf8_decode_last_string},
    {"DecodeLastRune", utf8_decode_last_bytes},
    {"ValidString", utf8_valid_string},
    {"Valid", utf8_valid_bytes},
    {"EncodeRune", utf8_encode_rune},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_utf8 = {"unicode/utf8", utf8_source, utf8_natives};
