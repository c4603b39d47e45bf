/* const.c — exact constant values: literal decoding, arithmetic,
 * comparison, shifts, and conversion to a type with Go's representability
 * rules.
 *
 * Integers are __int128, floats long double (check.h). An integer result
 * outside 128 bits is an error ("constant overflow") rather than a wrapped
 * value. This file knows types only as basic kinds and never reports
 * diagnostics itself: it returns error strings for the checker to place.
 */
#include <gc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_impl.h"

static ConstVal *cv_new(ConstKind k)
{
    ConstVal *v = GC_MALLOC(sizeof *v);
    v->kind = k;
    return v;
}

ConstVal *cv_int(__int128 i)
{
    ConstVal *v = cv_new(CONST_INT);
    v->i = i;
    v->f = (long double)i;
    return v;
}

ConstVal *cv_float(long double f)
{
    ConstVal *v = cv_new(CONST_FLOAT);
    v->f = f;
    return v;
}

ConstVal *cv_complex(long double re, long double im)
{
    ConstVal *v = cv_new(CONST_COMPLEX);
    v->f = re;
    v->im = im;
    return v;
}

bool cv_is_zero(const ConstVal *cv)
{
    switch (cv->kind) {
    case CONST_INT:
        return cv->i == 0;
    case CONST_FLOAT:
        return cv->f == 0;
    case CONST_COMPLEX:
        return cv->f == 0 && cv->im == 0;
    default:
        return false;
    }
}

ConstVal *cv_bool(bool b)
{
    ConstVal *v = cv_new(CONST_BOOL);
    v->b = b;
    return v;
}

/* The growing buffer of a chain of string additions (ConstVal.buf). */
typedef struct ConstBuf {
    uint8_t *data;
    int64_t len, cap;
} ConstBuf;

ConstVal *cv_string(String s)
{
    ConstVal *v = cv_new(CONST_STRING);
    v->s = s;
    return v;
}

static int digit_val(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return 99;
}

bool cv_parse_number(const char *text, int64_t len, bool is_float, ConstVal *out)
{
    /* copy without '_' separators */
    char *s = GC_MALLOC_ATOMIC((size_t)len + 1);
    int64_t n = 0;
    for (int64_t i = 0; i < len; i++)
        if (text[i] != '_')
            s[n++] = text[i];
    s[n] = 0;
    if (!is_float) {
        int base = 10;
        const char *p = s;
        if (n > 1 && s[0] == '0') {
            if (s[1] == 'x' || s[1] == 'X')
                base = 16, p += 2;
            else if (s[1] == 'b' || s[1] == 'B')
                base = 2, p += 2;
            else if (s[1] == 'o' || s[1] == 'O')
                base = 8, p += 2;
            else
                base = 8, p += 1;
        }
        if (!*p)
            return false;
        unsigned __int128 v = 0;
        bool overflow = false;
        for (; *p; p++) {
            int d = digit_val(*p);
            if (d >= base)
                return false;
            unsigned __int128 nv = v * (unsigned)base + (unsigned)d;
            if ((nv - (unsigned)d) / (unsigned)base != v)
                overflow = true;
            v = nv;
        }
        out->kind = CONST_INT;
        if (overflow || v > (((unsigned __int128)1 << 127) - 1)) {
            /* beyond 128 bits: keep it as a float so a float context
             * still works; an integer context reports the overflow */
            out->kind = CONST_FLOAT;
            out->f = strtold(s, NULL);
            return true;
        }
        out->i = (__int128)v;
        out->f = (long double)out->i;
        return true;
    }
    out->kind = CONST_FLOAT;
    out->f = strtold(s, NULL); /* handles decimal and hex (p exponent) */
    /* an integral float literal stays a float constant; kind decides */
    return true;
}

bool cv_parse_imag(const char *text, int64_t len, ConstVal *out)
{
    if (len < 2 || text[len - 1] != 'i')
        return false;
    len--;
    /* "0123i" is decimal, for backward compatibility (Go spec); other
     * integer forms keep their base; anything else is a float */
    bool digits = true;
    for (int64_t i = 0; i < len; i++)
        if (!((text[i] >= '0' && text[i] <= '9') || text[i] == '_'))
            digits = false;
    bool prefixed = len > 1 && text[0] == '0' && strchr("xXbBoO", text[1]);
    bool is_float = digits || !prefixed;
    if (prefixed && (text[1] == 'x' || text[1] == 'X'))
        for (int64_t i = 2; i < len; i++)
            if (text[i] == '.' || text[i] == 'p' || text[i] == 'P')
                is_float = true;
    ConstVal v;
    if (!cv_parse_number(text, len, is_float, &v))
        return false;
    out->kind = CONST_COMPLEX;
    out->f = 0;
    out->im = v.kind == CONST_INT ? (long double)v.i : v.f;
    return true;
}

static bool fits128(long double f)
{
    return f >= -1.7014118346046923173e38L && f < 1.7014118346046923173e38L;
}

bool cv_to_int(const ConstVal *cv, __int128 *out)
{
    if (cv->kind == CONST_INT) {
        *out = cv->i;
        return true;
    }
    if (cv->kind == CONST_FLOAT) {
        if (!fits128(cv->f) || floorl(cv->f) != cv->f)
            return false;
        *out = (__int128)cv->f;
        return true;
    }
    return false;
}

static long double as_float(const ConstVal *v)
{
    return v->kind == CONST_INT ? (long double)v->i : v->f;
}

/* Complex constant arithmetic; b's parts are c + di. */
static ConstVal *complex_binary(Token op, const ConstVal *x, const ConstVal *y, const char **err)
{
    long double a = as_float(x), b = x->kind == CONST_COMPLEX ? x->im : 0;
    long double c = as_float(y), d = y->kind == CONST_COMPLEX ? y->im : 0;
    long double re, im;
    switch (op) {
    case TOK_ADD:
        re = a + c, im = b + d;
        break;
    case TOK_SUB:
        re = a - c, im = b - d;
        break;
    case TOK_MUL:
        re = a * c - b * d, im = b * c + a * d;
        break;
    case TOK_QUO: {
        long double s = c * c + d * d;
        if (s == 0) {
            *err = "division by zero";
            return NULL;
        }
        re = (a * c + b * d) / s, im = (b * c - a * d) / s;
        break;
    }
    default:
        return NULL;
    }
    if (isinf(re) || isnan(re) || isinf(im) || isnan(im)) {
        *err = "constant overflow";
        return NULL;
    }
    return cv_complex(re, im);
}

ConstVal *cv_binary(Token op, const ConstVal *a, const ConstVal *b, bool integer, const char **err)
{
    *err = NULL;
    if (a->kind == CONST_STRING && op == TOK_ADD) {
        int64_t n = a->s.len + b->s.len;
        ConstBuf *cb = a->buf;
        if (!cb || cb->data != a->s.ptr || cb->len != a->s.len) {
            /* a is not the whole of a buffer still growing: a new one */
            cb = GC_MALLOC(sizeof *cb);
            cb->len = 0;
        }
        if (n + 1 > cb->cap || cb->len != a->s.len) {
            int64_t cap = cb->cap * 2 > n + 1 ? cb->cap * 2 : n + 1;
            uint8_t *p = GC_MALLOC_ATOMIC((size_t)cap);
            if (a->s.len)
                memcpy(p, a->s.ptr, (size_t)a->s.len);
            /* the old bytes stay for the strings that point at them */
            cb->data = p;
            cb->cap = cap;
        }
        if (b->s.len)
            memcpy(cb->data + a->s.len, b->s.ptr, (size_t)b->s.len);
        cb->data[n] = 0;
        cb->len = n;
        ConstVal *r = cv_string((String){cb->data, n});
        r->buf = cb;
        return r;
    }
    if (a->kind == CONST_BOOL) {
        if (op == TOK_LAND)
            return cv_bool(a->b && b->b);
        if (op == TOK_LOR)
            return cv_bool(a->b || b->b);
        return NULL;
    }
    if (a->kind == CONST_INT && b->kind == CONST_INT && integer) {
        __int128 x = a->i, y = b->i, r = 0;
        switch (op) {
        case TOK_ADD:
            if (__builtin_add_overflow(x, y, &r))
                goto wide;
            break;
        case TOK_SUB:
            if (__builtin_sub_overflow(x, y, &r))
                goto wide;
            break;
        case TOK_MUL:
            if (__builtin_mul_overflow(x, y, &r))
                goto wide;
            break;
        case TOK_QUO:
            if (y == 0)
                goto divzero;
            r = x / y;
            break;
        case TOK_REM:
            if (y == 0)
                goto divzero;
            r = x % y;
            break;
        case TOK_AND:
            r = x & y;
            break;
        case TOK_OR:
            r = x | y;
            break;
        case TOK_XOR:
            r = x ^ y;
            break;
        case TOK_AND_NOT:
            r = x & ~y;
            break;
        default:
            return NULL;
        }
        return cv_int(r);
    }
    if (a->kind == CONST_COMPLEX || b->kind == CONST_COMPLEX)
        return complex_binary(op, a, b, err);
    long double x = as_float(a), y = as_float(b), r;
    switch (op) {
    case TOK_ADD:
        r = x + y;
        break;
    case TOK_SUB:
        r = x - y;
        break;
    case TOK_MUL:
        r = x * y;
        break;
    case TOK_QUO:
        if (y == 0)
            goto divzero;
        r = x / y;
        break;
    default:
        return NULL;
    }
    if (isinf(r) || isnan(r))
        goto overflow;
    return cv_float(r);
divzero:
    *err = "division by zero";
    return NULL;
overflow:
    *err = "constant overflow";
    return NULL;
wide:
    /* Go keeps at least 256 bits (gc: 512); ours are 128, so this is a
     * limit of csp, not an error of the program */
    *err = "not supported yet: integer constant wider than 128 bits";
    return NULL;
}

static int cmp3(const ConstVal *a, const ConstVal *b)
{
    if (a->kind == CONST_STRING) {
        int64_t n = a->s.len < b->s.len ? a->s.len : b->s.len;
        int c = n ? memcmp(a->s.ptr, b->s.ptr, (size_t)n) : 0;
        if (c)
            return c;
        return a->s.len < b->s.len ? -1 : a->s.len > b->s.len;
    }
    if (a->kind == CONST_BOOL)
        return a->b == b->b ? 0 : 1;
    if (a->kind == CONST_INT && b->kind == CONST_INT)
        return a->i < b->i ? -1 : a->i > b->i;
    if (a->kind == CONST_COMPLEX || b->kind == CONST_COMPLEX) {
        /* only == and != reach here: any difference is "unequal" */
        long double ai = a->kind == CONST_COMPLEX ? a->im : 0,
                    bi = b->kind == CONST_COMPLEX ? b->im : 0;
        return as_float(a) == as_float(b) && ai == bi ? 0 : 1;
    }
    long double x = as_float(a), y = as_float(b);
    return x < y ? -1 : x > y;
}

bool cv_compare(Token op, const ConstVal *a, const ConstVal *b)
{
    int c = cmp3(a, b);
    switch (op) {
    case TOK_EQL:
        return c == 0;
    case TOK_NEQ:
        return c != 0;
    case TOK_LSS:
        return c < 0;
    case TOK_LEQ:
        return c <= 0;
    case TOK_GTR:
        return c > 0;
    case TOK_GEQ:
        return c >= 0;
    default:
        return false;
    }
}

ConstVal *cv_unary(Token op, const ConstVal *a, const Type *t, const char **err)
{
    *err = NULL;
    switch (op) {
    case TOK_ADD:
        return (ConstVal *)a;
    case TOK_SUB:
        if (a->kind == CONST_INT) {
            if (a->i == -a->i && a->i != 0) {
                *err = "constant overflow";
                return NULL;
            }
            return cv_int(-a->i);
        }
        if (a->kind == CONST_COMPLEX)
            return cv_complex(-a->f, -a->im);
        return cv_float(-a->f);
    case TOK_NOT:
        return cv_bool(!a->b);
    case TOK_XOR: {
        __int128 v = ~a->i;
        /* ^x of an unsigned typed constant flips only its bits */
        if (t && kind_is_unsigned(t->underlying->kind)) {
            int bits = (int)t->underlying->size * 8;
            __int128 mask = bits >= 128 ? (__int128)-1 : (((__int128)1 << bits) - 1);
            v &= mask;
        }
        return cv_int(v);
    }
    default:
        return NULL;
    }
}

ConstVal *cv_shift(Token op, const ConstVal *a, uint64_t s, const char **err)
{
    *err = NULL;
    __int128 x = a->i;
    if (op == TOK_SHR) {
        if (s >= 127)
            return cv_int(x < 0 ? -1 : 0);
        return cv_int(x >> s);
    }
    if (x == 0)
        return cv_int(0);
    if (s >= 127)
        goto overflow;
    __int128 r = x * ((__int128)1 << s);
    if (r / ((__int128)1 << s) != x || (r < 0) != (x < 0))
        goto overflow;
    return cv_int(r);
overflow:
    *err = s < 512 ? "not supported yet: integer constant wider than 128 bits"
                   : "constant shift overflow";
    return NULL;
}

ConstVal *cv_convert(const ConstVal *cv, const Type *t, bool *truncated)
{
    if (truncated)
        *truncated = false;
    TypeKind k = t->underlying ? t->underlying->kind : t->kind;
    if (kind_is_complex(k) || k == KIND_UNTYPED_COMPLEX) {
        if (cv->kind != CONST_INT && cv->kind != CONST_FLOAT && cv->kind != CONST_COMPLEX)
            return NULL;
        long double re = as_float(cv), im = cv->kind == CONST_COMPLEX ? cv->im : 0;
        if (k == KIND_COMPLEX64) {
            const long double max = 3.40282346638528859811704183484516925440e+38L;
            if (fabsl(re) > max || fabsl(im) > max)
                return NULL;
            re = (float)re, im = (float)im;
        } else if (k == KIND_COMPLEX128) {
            const long double max = 1.797693134862315708145274237317043567981e+308L;
            if (fabsl(re) > max || fabsl(im) > max)
                return NULL;
            re = (double)re, im = (double)im;
        }
        return cv_complex(re, im);
    }
    if (cv->kind == CONST_COMPLEX) {
        /* a complex constant is representable as a real number only
         * when its imaginary part is zero; Go calls the failure
         * "truncated" for an integer type, "overflows" for a float one */
        if (cv->im != 0) {
            if (truncated &&
                (kind_is_integer(k) || k == KIND_UNTYPED_INT || k == KIND_UNTYPED_RUNE))
                *truncated = true;
            return NULL;
        }
        ConstVal re = *cv;
        re.kind = CONST_FLOAT;
        re.im = 0;
        return cv_convert(&re, t, truncated);
    }
    switch (k) {
    case KIND_BOOL:
    case KIND_UNTYPED_BOOL:
        return cv->kind == CONST_BOOL ? (ConstVal *)cv : NULL;
    case KIND_STRING:
    case KIND_UNTYPED_STRING:
        return cv->kind == CONST_STRING ? (ConstVal *)cv : NULL;
    case KIND_FLOAT32:
    case KIND_FLOAT64:
    case KIND_UNTYPED_FLOAT: {
        if (cv->kind != CONST_INT && cv->kind != CONST_FLOAT)
            return NULL;
        long double f = as_float(cv);
        if (k == KIND_FLOAT32) {
            if (fabsl(f) > 3.40282346638528859811704183484516925440e+38L)
                return NULL;
            f = (float)f;
        } else if (k == KIND_FLOAT64) {
            if (fabsl(f) > 1.797693134862315708145274237317043567981e+308L)
                return NULL;
            f = (double)f;
        }
        return cv_float(f);
    }
    default:
        break;
    }
    if (kind_is_integer(k) || k == KIND_UNTYPED_INT || k == KIND_UNTYPED_RUNE) {
        __int128 v;
        if (cv->kind == CONST_FLOAT) {
            if (!cv_to_int(cv, &v)) {
                if (truncated && fits128(cv->f))
                    *truncated = true;
                return NULL;
            }
        } else if (cv->kind == CONST_INT) {
            v = cv->i;
        } else {
            return NULL;
        }
        if (kind_is_integer(k)) {
            int bits = (int)t->underlying->size * 8;
            __int128 lo, hi;
            if (kind_is_unsigned(k)) {
                lo = 0;
                hi = (((__int128)1) << bits) - 1;
            } else {
                lo = -(((__int128)1) << (bits - 1));
                hi = (((__int128)1) << (bits - 1)) - 1;
            }
            if (v < lo || v > hi)
                return NULL;
        }
        return cv_int(v);
    }
    return NULL;
}

static void put_i128(char *buf, size_t cap, __int128 v)
{
    char tmp[64];
    int n = 0;
    bool neg = v < 0;
    unsigned __int128 u = neg ? -(unsigned __int128)v : (unsigned __int128)v;
    do {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    size_t j = 0;
    if (neg && j + 1 < cap)
        buf[j++] = '-';
    while (n && j + 1 < cap)
        buf[j++] = tmp[--n];
    buf[j] = 0;
}

const char *cv_str(const ConstVal *cv)
{
    char *buf = GC_MALLOC_ATOMIC(80);
    switch (cv->kind) {
    case CONST_BOOL:
        return cv->b ? "true" : "false";
    case CONST_INT:
        put_i128(buf, 80, cv->i);
        return buf;
    case CONST_FLOAT: {
        /* Go prints floats with up to 6 significant digits in messages */
        if (cv->f == floorl(cv->f) && fabsl(cv->f) < 1e21L) {
            snprintf(buf, 80, "%.0Lf", cv->f);
            return buf;
        }
        snprintf(buf, 80, "%.6Lg", cv->f);
        return buf;
    }
    case CONST_COMPLEX: {
        /* Go's form: (1 + 2i) */
        ConstVal re = {.kind = CONST_FLOAT, .f = cv->f},
                 im = {.kind = CONST_FLOAT, .f = fabsl(cv->im)};
        snprintf(buf, 80, "(%s %c %si)", cv_str(&re),
                 cv->im < 0 || (cv->im == 0 && signbit(cv->im)) ? '-' : '+', cv_str(&im));
        return buf;
    }
    case CONST_STRING: {
        int64_t n = cv->s.len;
        char *s = GC_MALLOC_ATOMIC((size_t)n * 4 + 3);
        size_t j = 0;
        s[j++] = '"';
        for (int64_t i = 0; i < n; i++) {
            uint8_t ch = cv->s.ptr[i];
            if (ch == '"' || ch == '\\') {
                s[j++] = '\\';
                s[j++] = (char)ch;
            } else if (ch == '\n') {
                s[j++] = '\\';
                s[j++] = 'n';
            } else if (ch == '\t') {
                s[j++] = '\\';
                s[j++] = 't';
            } else {
                s[j++] = (char)ch;
            }
        }
        s[j++] = '"';
        s[j] = 0;
        return s;
    }
    }
    return "?";
}
