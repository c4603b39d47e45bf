/* fmtcore.h — the formatting engine behind fmt and strconv, in pure C:
 * growable byte buffers, Go's float and integer text forms, quoting, and
 * fmt's Print/Printf machinery driven by type descriptors.
 *
 * Nothing here calls into the VM: the one thing fmt needs from it (calling
 * Error()/String() methods) comes in as a callback, so tests can drive the
 * engine with hand-built Type descriptors (tests/unit/test_fmt.c).
 */
#ifndef CSP_FMTCORE_H
#define CSP_FMTCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../runtime/value.h"

/* A growable byte buffer; starts in its inline storage and moves to the
 * collected heap when it outgrows it. Zero-initialise, then use. */
typedef struct StrBuf {
    char *p;
    size_t len, cap;
    char inl[256];
} StrBuf;

void sbuf_init(StrBuf *b);
void sbuf_put(StrBuf *b, const void *p, size_t n);
void sbuf_putc(StrBuf *b, char c);
void sbuf_puts(StrBuf *b, const char *s);
void sbuf_put_rune(StrBuf *b, int32_t r);
/* A Go string copy of the contents. */
String sbuf_string(const StrBuf *b);

/* ---- numbers and quoting (stdlib/numconv.c) ---- */

/* strconv.FormatFloat(v, fmt, prec, bitsize) appended to b: fmt is one of
 * 'e' 'E' 'f' 'g' 'G' 'x' 'X' 'b'; prec -1 means the shortest text that
 * reads back as the same float64 (or float32 when bitsize is 32). */
void numconv_format_float(StrBuf *b, double v, int fmt, int prec, int bitsize);
/* strconv.FormatInt/FormatUint (base 2..36, lower-case digits). */
void numconv_format_int(StrBuf *b, int64_t v, int base);
void numconv_format_uint(StrBuf *b, uint64_t v, int base);
/* The same digits written backwards ending just before `end` (at least
 * NUMCONV_MAXDIGITS bytes of room); return how many bytes were written.
 * For callers that build the string directly, without a StrBuf. */
#define NUMCONV_MAXDIGITS 72 /* 64 binary digits and a sign, rounded up */
int numconv_utoa(char *end, uint64_t v, int base);
int numconv_itoa(char *end, int64_t v, int base);
/* The decimal text of 0..99 as static bytes (Go's small-int strings need
 * no allocation), or NULL for any other value; stores the length. */
const char *numconv_small(int64_t v, int *len);
/* strconv.Quote / QuoteToASCII / QuoteToGraphic-less variants: quote is
 * '"' or '\''; ascii escapes every non-ASCII rune. */
void numconv_quote(StrBuf *b, const uint8_t *s, int64_t n, char quote, bool ascii);
void numconv_quote_rune(StrBuf *b, int32_t r, bool ascii);
bool numconv_unquote(StrBuf *b, const uint8_t *s, int64_t n);
bool numconv_can_backquote(const uint8_t *s, int64_t n);
/* unicode.IsPrint / strconv.IsPrint (an approximation of Go's tables:
 * controls, unassigned-looking and format characters are not printable). */
bool numconv_is_print(int32_t r);

/* Parse errors, as strconv reports them. */
typedef enum { NUM_OK, NUM_SYNTAX, NUM_RANGE, NUM_BASE, NUM_BITSIZE } NumErr;
/* strconv.ParseInt/ParseUint: on NUM_RANGE *out is clamped as Go does. */
NumErr numconv_parse_int(const uint8_t *s, int64_t n, int base, int bits, int64_t *out);
NumErr numconv_parse_uint(const uint8_t *s, int64_t n, int base, int bits, uint64_t *out);
/* strconv.ParseFloat: decimal and hex forms, underscores only where Go
 * allows them, "inf"/"infinity"/"nan" in any case with optional sign. */
NumErr numconv_parse_float(const uint8_t *s, int64_t n, int bits, double *out);

/* ---- fmt's engine (stdlib/fmtcore.c) ---- */

/* Calls method `name` (Error or String, func() string) on the value in v.
 * Returns false when v's type has no such method. On a panic inside the
 * method, sets *panicked and leaves the panic value's text in *out. */
typedef bool (*FmtMethodFn)(void *arg, const Iface *v, const char *name, String *out,
                            bool *panicked);

/* Print-family operations over interface arguments, appended to out. */
void fmtcore_print(StrBuf *out, const Iface *args, int64_t n, FmtMethodFn m, void *marg);
void fmtcore_println(StrBuf *out, const Iface *args, int64_t n, FmtMethodFn m, void *marg);
/* Printf. When wrapped is not NULL (Errorf), %w is accepted for error
 * operands and the index of each %w operand is stored there (at most
 * *nwrapped on entry; the count on return). */
void fmtcore_printf(StrBuf *out, String format, const Iface *args, int64_t n, FmtMethodFn m,
                    void *marg, int *wrapped, int *nwrapped);

/* ---- Unicode character classes and case (stdlib/unicode.c) ----
 * Go's unicode package semantics for the scripts programs commonly use
 * (Latin, Greek, Cyrillic, general punctuation); other letters are
 * classified by the C library's wide-character tables. */
bool unicode_is_space(int32_t r);
bool unicode_is_letter(int32_t r);
bool unicode_is_digit(int32_t r);
bool unicode_is_upper(int32_t r);
bool unicode_is_lower(int32_t r);
bool unicode_is_punct(int32_t r);
int32_t unicode_to_upper(int32_t r);
int32_t unicode_to_lower(int32_t r);
#endif
