/* string.c — Go strings and UTF-8 (value.h).
 *
 * Owns: building, joining and comparing immutable byte strings, and the
 * UTF-8 decoder/encoder with Go's rules (an invalid or truncated sequence,
 * an overlong form or a surrogate decodes as U+FFFD of width 1). Must never
 * mutate the bytes of an existing String: strings share memory freely.
 */
#include <string.h>

#include "value.h"

String string_from_cstr(const char *s)
{
    return string_from_bytes(s, (int64_t)strlen(s));
}

String string_from_bytes(const void *p, int64_t n)
{
    if (n <= 0)
        return (String){NULL, 0};
    /* Every byte is written at once: no need for cleared memory. */
    uint8_t *b = heap_alloc_bytes((size_t)n);
    memcpy(b, p, (size_t)n);
    return (String){b, n};
}

String string_concat(String a, String b)
{
    /* Concatenating with an empty string shares the other operand. */
    if (a.len == 0)
        return b;
    if (b.len == 0)
        return a;
    uint8_t *p = heap_alloc_bytes((size_t)(a.len + b.len));
    memcpy(p, a.ptr, (size_t)a.len);
    memcpy(p + a.len, b.ptr, (size_t)b.len);
    return (String){p, a.len + b.len};
}

int string_compare(String a, String b)
{
    int64_t n = a.len < b.len ? a.len : b.len;
    int c = n > 0 ? memcmp(a.ptr, b.ptr, (size_t)n) : 0;
    if (c != 0)
        return c;
    return a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

char *string_cstr(String s)
{
    char *p = heap_alloc_bytes((size_t)s.len + 1);
    if (s.len > 0)
        memcpy(p, s.ptr, (size_t)s.len);
    p[s.len] = 0;
    return p;
}

int32_t utf8_decode(const uint8_t *s, int64_t n, int *width)
{
    *width = 1;
    if (n <= 0)
        return 0xFFFD;
    uint8_t c = s[0];
    if (c < 0x80)
        return c;
    /* Lead byte: how many continuation bytes, and the smallest rune that
     * length may encode (anything below is an overlong form). */
    int need;
    int32_t r, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, r = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, r = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, r = c & 0x07, min = 0x10000;
    } else {
        return 0xFFFD; /* continuation byte, C0/C1, F5..FF */
    }
    if (n < need + 1)
        return 0xFFFD;
    for (int i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0xFFFD;
        r = (r << 6) | (s[i] & 0x3F);
    }
    if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
        return 0xFFFD;
    *width = need + 1;
    return r;
}

int utf8_encode(int32_t r, uint8_t *buf)
{
    uint32_t u = (uint32_t)r;
    if (u < 0x80) {
        buf[0] = (uint8_t)u;
        return 1;
    }
    if (u < 0x800) {
        buf[0] = (uint8_t)(0xC0 | (u >> 6));
        buf[1] = (uint8_t)(0x80 | (u & 0x3F));
        return 2;
    }
    if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF))
        u = 0xFFFD; /* negative runes land here too, as in Go */
    if (u < 0x10000) {
        buf[0] = (uint8_t)(0xE0 | (u >> 12));
        buf[1] = (uint8_t)(0x80 | ((u >> 6) & 0x3F));
        buf[2] = (uint8_t)(0x80 | (u & 0x3F));
        return 3;
    }
    buf[0] = (uint8_t)(0xF0 | (u >> 18));
    buf[1] = (uint8_t)(0x80 | ((u >> 12) & 0x3F));
    buf[2] = (uint8_t)(0x80 | ((u >> 6) & 0x3F));
    buf[3] = (uint8_t)(0x80 | (u & 0x3F));
    return 4;
}
