/* fmt.c — package fmt: the Print/Printf/Sprint families, Errorf, Fprint*
 * (through io.Writer), Sscan and Scan/Scanln.
 *
 * The formatting itself is fmtcore.c's; the natives here move operands in
 * and text out. Output to standard output is a single vm_write (one
 * write(2), unbuffered as Go's os.Stdout), so lines printed by concurrent
 * goroutines never interleave.
 * Must never format anything itself: one engine, one behaviour.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fmtcore.h"
#include "native.h"

/* The package's Go source, stdlib/go/fmt.go, as fmt_source. */
#include "stdlib/fmt_go.h"

/* The engine's method hook: Error()/String() through the VM. */
static bool fmt_call_method(void *arg, const Iface *v, const char *name, String *out,
                            bool *panicked)
{
    return vm_call_string_method((NativeCtx *)arg, v, name, out, panicked);
}

/* Writes Print's text to standard output as one write (vm_write): n and
 * a nil error, or 0 and an error worded as os.Stdout's *PathError is
 * ("write /dev/stdout: no space left on device"). */
static void fmt_emit(NativeCtx *ctx, const StrBuf *b, Slot *res)
{
    int64_t w = vm_write(ctx->vm, 1, b->p, b->len);
    if (w >= 0) {
        res[0].i = w;
        nat_set_nil(res + 1);
        return;
    }
    char msg[160];
    int n = snprintf(msg, sizeof msg, "write /dev/stdout: %s", strerror((int)-w));
    /* strerror's text starts upper-case; Go's table lower-case */
    msg[19] = (char)tolower((unsigned char)msg[19]);
    res[0].i = 0;
    Iface e = vm_plain_error(msg, (size_t)(n < (int)sizeof msg ? n : (int)sizeof msg - 1));
    memcpy(res + 1, &e, sizeof e);
}

/* Println(a ...any) (n int, err error) */
static NativeStatus fmt_println(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice a = nat_slice(args);
    StrBuf b = {0};
    sbuf_init(&b);
    fmtcore_println(&b, a.ptr, a.len, fmt_call_method, ctx);
    fmt_emit(ctx, &b, res);
    return NATIVE_OK;
}

/* Print(a ...any) (n int, err error) */
static NativeStatus fmt_print(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice a = nat_slice(args);
    StrBuf b = {0};
    sbuf_init(&b);
    fmtcore_print(&b, a.ptr, a.len, fmt_call_method, ctx);
    fmt_emit(ctx, &b, res);
    return NATIVE_OK;
}

/* Printf(format string, a ...any) (n int, err error) */
static NativeStatus fmt_printf(NativeCtx *ctx, Slot *args, Slot *res)
{
    String format = nat_str(args);
    Slice a = nat_slice(args + 2);
    StrBuf b = {0};
    sbuf_init(&b);
    fmtcore_printf(&b, format, a.ptr, a.len, fmt_call_method, ctx, NULL, NULL);
    fmt_emit(ctx, &b, res);
    return NATIVE_OK;
}

/* Sprintf(format string, a ...any) string */
static NativeStatus fmt_sprintf(NativeCtx *ctx, Slot *args, Slot *res)
{
    String format = nat_str(args);
    Slice a = nat_slice(args + 2);
    StrBuf b = {0};
    sbuf_init(&b);
    fmtcore_printf(&b, format, a.ptr, a.len, fmt_call_method, ctx, NULL, NULL);
    nat_set_str(res, sbuf_string(&b));
    return NATIVE_OK;
}

/* Sprint(a ...any) string */
static NativeStatus fmt_sprint(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice a = nat_slice(args);
    StrBuf b = {0};
    sbuf_init(&b);
    fmtcore_print(&b, a.ptr, a.len, fmt_call_method, ctx);
    nat_set_str(res, sbuf_string(&b));
    return NATIVE_OK;
}

/* Sprintln(a ...any) string */
static NativeStatus fmt_sprintln(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice a = nat_slice(args);
    StrBuf b = {0};
    sbuf_init(&b);
    fmtcore_println(&b, a.ptr, a.len, fmt_call_method, ctx);
    nat_set_str(res, sbuf_string(&b));
    return NATIVE_OK;
}

/* errorf(format string, a []any) (string, []int) */
static NativeStatus fmt_errorf(NativeCtx *ctx, Slot *args, Slot *res)
{
    String format = nat_str(args);
    Slice a = nat_slice(args + 2);
    StrBuf b = {0};
    sbuf_init(&b);
    int wrapped[64], nw = 64;
    fmtcore_printf(&b, format, a.ptr, a.len, fmt_call_method, ctx, wrapped, &nw);
    /* Go sorts the %w operand indexes (Errorf dedups adjacent ones). */
    for (int i = 1; i < nw; i++)
        for (int j = i; j > 0 && wrapped[j - 1] > wrapped[j]; j--) {
            int t = wrapped[j];
            wrapped[j] = wrapped[j - 1];
            wrapped[j - 1] = t;
        }
    int64_t *idx = heap_alloc_atomic(sizeof(int64_t) * (size_t)(nw ? nw : 1));
    for (int i = 0; i < nw; i++)
        idx[i] = wrapped[i];
    nat_set_str(res, sbuf_string(&b));
    nat_set_slice(res + 2, (Slice){idx, nw, nw});
    return NATIVE_OK;
}

/* readLine() (string, bool): one line of standard input without its
 * newline; false at end of input. Reads byte by byte so that nothing past
 * the line is consumed from the shared descriptor. */
static NativeStatus fmt_read_line(NativeCtx *ctx, Slot *args, Slot *res)
{
    StrBuf b = {0};
    sbuf_init(&b);
    bool ok = false;
    sched_enter_blocking();
    for (;;) {
        char c;
        ssize_t r = read(0, &c, 1);
        if (r <= 0)
            break;
        if (c == '\n') {
            ok = true;
            break;
        }
        sbuf_putc(&b, c);
    }
    sched_exit_blocking();
    if (b.len && b.p[b.len - 1] == '\r')
        b.len--;
    nat_set_str(res, sbuf_string(&b));
    res[2].u = ok;
    return NATIVE_OK;
}

/* The element type behind a scan operand, or NULL if it is not a
 * non-nil pointer. */
static const Type *fmt_scan_target(Iface p)
{
    if (p.type == NULL || p.type->kind != KIND_POINTER || p.word.p == NULL)
        return NULL;
    return p.type->elem;
}

/* scanClass(ptr any) int */
static NativeStatus fmt_scan_class(NativeCtx *ctx, Slot *args, Slot *res)
{
    const Type *t = fmt_scan_target(nat_iface(args));
    int c = 5;
    if (t == NULL)
        c = 5;
    else if (kind_is_integer(t->kind))
        c = kind_is_unsigned(t->kind) ? 1 : 0;
    else if (kind_is_float(t->kind))
        c = 2;
    else if (t->kind == KIND_STRING || (t->kind == KIND_SLICE && t->elem->kind == KIND_UINT8))
        c = 3;
    else if (t->kind == KIND_BOOL)
        c = 4;
    res[0].i = c;
    return NATIVE_OK;
}

static String fmt_msgf(const char *prefix, String word, const char *suffix)
{
    StrBuf b = {0};
    sbuf_init(&b);
    sbuf_puts(&b, prefix);
    sbuf_put(&b, word.ptr, (size_t)word.len);
    sbuf_puts(&b, suffix);
    return sbuf_string(&b);
}

/* Go's floatToken over w from *i: the text a float may be spelled with
 * (NaN, a signed Inf, digits with a base prefix, point and exponent),
 * accepted greedily character by character as Go's scanner does. */
static bool scan_accept(String w, int64_t *i, const char *set)
{
    if (*i < w.len && strchr(set, w.ptr[*i]) && w.ptr[*i]) {
        (*i)++;
        return true;
    }
    return false;
}

static String scan_float_token(String w, int64_t *i)
{
    int64_t start = *i;
    if (scan_accept(w, i, "nN") && scan_accept(w, i, "aA") && scan_accept(w, i, "nN"))
        return (String){w.ptr + start, *i - start};
    scan_accept(w, i, "+-");
    if (scan_accept(w, i, "iI") && scan_accept(w, i, "nN") && scan_accept(w, i, "fF"))
        return (String){w.ptr + start, *i - start};
    const char *digits = "0123456789_", *exp = "eEpP";
    if (scan_accept(w, i, "0") && scan_accept(w, i, "xX")) {
        digits = "0123456789aAbBcCdDeEfF_";
        exp = "pP";
    }
    while (scan_accept(w, i, digits))
        ;
    if (scan_accept(w, i, "."))
        while (scan_accept(w, i, digits))
            ;
    if (scan_accept(w, i, exp)) {
        scan_accept(w, i, "+-");
        while (scan_accept(w, i, "0123456789_"))
            ;
    }
    return (String){w.ptr + start, *i - start};
}

/* A complex number word, "(1+2i)" or "1+2i", into re and im (Go's
 * complexTokens then convertFloat on each part, half the bit size). */
static String scan_complex(String w, int bits, double *re, double *im)
{
    int64_t i = 0;
    bool parens = scan_accept(w, &i, "(");
    String rs = scan_float_token(w, &i);
    int64_t sign = i;
    if (!scan_accept(w, &i, "+-"))
        return string_from_cstr("syntax error scanning complex number");
    String is = scan_float_token(w, &i);
    is = (String){w.ptr + sign, is.len + 1}; /* the sign belongs to it */
    if (!scan_accept(w, &i, "i") || (parens && !scan_accept(w, &i, ")")))
        return string_from_cstr("syntax error scanning complex number");
    String parts[2] = {rs, is};
    double *out[2] = {re, im};
    for (int k = 0; k < 2; k++) {
        NumErr e = numconv_parse_float(parts[k].ptr, parts[k].len, bits, out[k]);
        if (e != NUM_OK) {
            StrBuf b = {0};
            sbuf_init(&b);
            sbuf_puts(&b, "strconv.ParseFloat: parsing ");
            numconv_quote(&b, parts[k].ptr, parts[k].len, '"', false);
            sbuf_puts(&b, e == NUM_SYNTAX ? ": invalid syntax" : ": value out of range");
            return sbuf_string(&b);
        }
    }
    return (String){0};
}

/* storeWord(word string, ptr any, verb byte) string: parses word into *ptr
 * by the pointer's element kind and the verb; returns Go's error text or
 * "". */
static NativeStatus fmt_store_word(NativeCtx *ctx, Slot *args, Slot *res)
{
    String w = nat_str(args);
    Iface p = nat_iface(args + 2);
    int verb = (int)(args[4].u & 0xFF);
    const Type *t = fmt_scan_target(p);
    String err = {0};
    if (t == NULL) {
        char tn[200], msg[260];
        type_string(p.type ? p.type : type_any, true, tn, sizeof tn);
        snprintf(msg, sizeof msg, "can't scan type: %s", p.type ? tn : "<nil>");
        err = string_from_cstr(msg);
    } else if (kind_is_integer(t->kind)) {
        void *dst = p.word.p;
        if (verb == 'c') {
            int wd;
            int64_t r = w.len ? utf8_decode(w.ptr, w.len, &wd) : 0;
            memcpy(dst, &r, t->size);
        } else {
            int base = verb == 'x' || verb == 'X' ? 16
                       : verb == 'o'              ? 8
                       : verb == 'b'              ? 2
                       : verb == 'v'              ? 0
                                                  : 10;
            bool neg = w.len > 0 && w.ptr[0] == '-';
            int64_t v = 0;
            uint64_t u = 0;
            NumErr e;
            if (w.len == 0 || (kind_is_unsigned(t->kind) && (neg || w.ptr[0] == '+')))
                e = NUM_SYNTAX;
            else if (kind_is_unsigned(t->kind))
                e = numconv_parse_uint(w.ptr, w.len, base, 64, &u);
            else
                e = numconv_parse_int(w.ptr, w.len, base, 64, &v);
            if (kind_is_unsigned(t->kind))
                v = (int64_t)u;
            int bits = (int)t->size * 8;
            bool fits = bits == 64 ||
                        (kind_is_unsigned(t->kind)
                             ? u < ((uint64_t)1 << bits)
                             : v >= -((int64_t)1 << (bits - 1)) && v < ((int64_t)1 << (bits - 1)));
            if (e == NUM_SYNTAX)
                err = string_from_cstr("expected integer");
            else if (e == NUM_RANGE)
                err = fmt_msgf(kind_is_unsigned(t->kind) ? "strconv.ParseUint: parsing \""
                                                         : "strconv.ParseInt: parsing \"",
                               w, "\": value out of range");
            else if (!fits)
                err = fmt_msgf(kind_is_unsigned(t->kind) ? "unsigned integer overflow on token "
                                                         : "integer overflow on token ",
                               w, "");
            else
                memcpy(dst, &v, t->size); /* little-endian: the low bytes */
        }
    } else if (kind_is_float(t->kind)) {
        double d;
        NumErr e = numconv_parse_float(w.ptr, w.len, (int)t->size * 8, &d);
        if (e != NUM_OK) {
            /* Go's convertFloat reports ParseFloat's error, range too */
            StrBuf b = {0};
            sbuf_init(&b);
            sbuf_puts(&b, "strconv.ParseFloat: parsing ");
            numconv_quote(&b, w.ptr, w.len, '"', false);
            sbuf_puts(&b, e == NUM_SYNTAX ? ": invalid syntax" : ": value out of range");
            err = sbuf_string(&b);
        } else if (t->kind == KIND_FLOAT32) {
            float f = (float)d;
            memcpy(p.word.p, &f, 4);
        } else {
            memcpy(p.word.p, &d, 8);
        }
    } else if (kind_is_complex(t->kind)) {
        double re, im;
        err = scan_complex(w, (int)t->size * 4, &re, &im);
        if (!err.len && t->kind == KIND_COMPLEX64) {
            float f[2] = {(float)re, (float)im};
            memcpy(p.word.p, f, sizeof f);
        } else if (!err.len) {
            double d[2] = {re, im};
            memcpy(p.word.p, d, sizeof d);
        }
    } else if (t->kind == KIND_STRING) {
        String s = string_from_bytes(w.ptr, w.len);
        memcpy(p.word.p, &s, sizeof s);
    } else if (t->kind == KIND_SLICE && t->elem->kind == KIND_UINT8) {
        Slice s = {(void *)string_from_bytes(w.ptr, w.len).ptr, w.len, w.len};
        memcpy(p.word.p, &s, sizeof s);
    } else if (t->kind == KIND_BOOL) {
        /* Go's scanBool: 0/1, or t/f optionally spelling true/false;
         * anything else reads as false. */
        const uint8_t *q = w.ptr;
        int64_t n = w.len;
        bool v = false, bad = false;
        if (n > 0) {
            int c = q[0] | 0x20;
            const char *rest = c == 't' ? "rue" : c == 'f' ? "alse" : NULL;
            v = q[0] == '1' || c == 't';
            if (rest && n > 1) {
                size_t k = 0;
                while (rest[k] && (int64_t)k + 1 < n && (q[k + 1] | 0x20) == rest[k])
                    k++;
                bad = k != strlen(rest) || (int64_t)k + 1 != n;
            }
        }
        if (bad)
            err = string_from_cstr("syntax error scanning boolean");
        else
            *(uint8_t *)p.word.p = v;
    } else {
        char tn[200], msg[260];
        type_string(p.type, true, tn, sizeof tn);
        snprintf(msg, sizeof msg, "can't scan type: %s", tn);
        err = string_from_cstr(msg);
    }
    nat_set_str(res, err);
    return NATIVE_OK;
}

/* unquote(s string) (string, bool) */
static NativeStatus fmt_unquote(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    String s = nat_str(args);
    StrBuf b = {0};
    sbuf_init(&b);
    bool ok = numconv_unquote(&b, s.ptr, s.len);
    nat_set_str(res, ok ? sbuf_string(&b) : (String){0});
    res[2].u = ok;
    return NATIVE_OK;
}

static const StdNative fmt_natives[] = {
    {"unquote", fmt_unquote},
    {"Println", fmt_println},
    {"Print", fmt_print},
    {"Printf", fmt_printf},
    {"Sprintf", fmt_sprintf},
    {"Sprint", fmt_sprint},
    {"Sprintln", fmt_sprintln},
    {"errorf", fmt_errorf},
    {"readLine", fmt_read_line},
    {"storeWord", fmt_store_word},
    {"scanClass", fmt_scan_class},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_fmt = {"fmt", fmt_source, fmt_natives};
