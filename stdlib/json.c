/* json.c — package encoding/json's engine: the scanner (Go's syntax errors,
 * word for word), the encoder and decoder that walk values by their
 * run-time Type (struct fields with their tags, maps, slices, pointers,
 * interfaces), Go's float and string forms, base64 for []byte, Indent and
 * Compact, and calls of MarshalJSON/UnmarshalJSON/MarshalText methods.
 *
 * The Go side (stdlib/go/json.go) builds the error values from the kind and
 * texts reported here. Must never keep state between calls beyond the
 * cache of struct field lists (immutable once built, as Go's fieldCache):
 * everything else lives in the per-call Enc/Dec records.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "fmtcore.h"
#include "native.h"
#include "runtime/map.h"

/* The package's Go source, stdlib/go/json.go, as json_source. */
#include "stdlib/json_go.h"

/* Error kinds, as json.go's errNone.. constants. */
typedef enum {
    JE_NONE,
    JE_SYNTAX,
    JE_UNMARSHAL_TYPE,
    JE_INVALID_UNMARSHAL,
    JE_UNSUPPORTED_TYPE,
    JE_UNSUPPORTED_VALUE,
    JE_MARSHALER,
    JE_OTHER,
} JsonErr;

#define JSON_MAX_DEPTH 10000 /* Go's scanner limit on nesting */

/* Helpers with big locals (messages, StrBufs) are kept out of line: the
 * encoder and decoder recurse once per nesting level, up to
 * JSON_MAX_DEPTH, on a goroutine thread's C stack, so their own frames
 * must stay small. */
#define JS_NOINLINE __attribute__((noinline))

/* ---------------- scanner ---------------- */

typedef struct Scan {
    const uint8_t *s;
    int64_t n;
    int depth;
    JsonErr err; /* JE_SYNTAX once failed */
    bool eof;    /* failed at end of input */
    int64_t off;
    char msg[160];
} Scan;

static bool js_ws(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int64_t js_skip_ws(const Scan *sc, int64_t p)
{
    while (p < sc->n && js_ws(sc->s[p]))
        p++;
    return p;
}

/* Go's quoteChar: the offending byte as the message shows it. */
static void js_quote_char(char *out, size_t cap, uint8_t c)
{
    if (c == '\'') {
        snprintf(out, cap, "'\\''");
        return;
    }
    if (c == '"') {
        snprintf(out, cap, "'\"'");
        return;
    }
    StrBuf b = {0};
    sbuf_init(&b);
    uint8_t u[4];
    int w = utf8_encode(c, u);
    numconv_quote(&b, u, w, '"', false);
    snprintf(out, cap, "'%.*s'", (int)b.len - 2, b.p + 1);
}

static int64_t js_fail(Scan *sc, int64_t p, const char *context)
{
    if (sc->err)
        return -1;
    sc->err = JE_SYNTAX;
    if (p >= sc->n && context[0]) {
        /* Go ends input by feeding the scanner a space: inside a literal,
         * number or escape that is the error (still an end of input for a
         * stream waiting for more) */
        sc->eof = true;
        sc->off = sc->n;
        snprintf(sc->msg, sizeof sc->msg, "invalid character ' ' %s", context);
        return -1;
    }
    if (p >= sc->n) {
        sc->eof = true;
        sc->off = sc->n;
        snprintf(sc->msg, sizeof sc->msg, "unexpected end of JSON input");
        return -1;
    }
    char q[32];
    js_quote_char(q, sizeof q, sc->s[p]);
    snprintf(sc->msg, sizeof sc->msg, "invalid character %s %s", q, context);
    sc->off = p + 1;
    return -1;
}

static bool js_hex(uint8_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static bool js_digit(uint8_t c)
{
    return c >= '0' && c <= '9';
}

/* Each scanner returns the position after what it scanned, or -1. */
static int64_t js_scan_string(Scan *sc, int64_t p)
{
    p++; /* the opening quote */
    for (;;) {
        if (p >= sc->n)
            return js_fail(sc, p, "");
        uint8_t c = sc->s[p];
        if (c == '"')
            return p + 1;
        if (c < 0x20)
            return js_fail(sc, p, "in string literal");
        if (c == '\\') {
            p++;
            if (p >= sc->n)
                return js_fail(sc, p, "in string escape code");
            c = sc->s[p];
            if (c == 'u') {
                for (int k = 1; k <= 4; k++) {
                    if (p + k >= sc->n || !js_hex(sc->s[p + k]))
                        return js_fail(sc, p + k, "in \\u hexadecimal character escape");
                }
                p += 4;
            } else if (!strchr("bfnrt\\/\"", c) || c == 0) {
                return js_fail(sc, p, "in string escape code");
            }
        }
        p++;
    }
}

static int64_t js_scan_number(Scan *sc, int64_t p)
{
    if (sc->s[p] == '-') {
        p++;
        if (p >= sc->n || !js_digit(sc->s[p]))
            return js_fail(sc, p, "in numeric literal");
    }
    if (sc->s[p] == '0')
        p++;
    else
        while (p < sc->n && js_digit(sc->s[p]))
            p++;
    if (p < sc->n && sc->s[p] == '.') {
        p++;
        if (p >= sc->n || !js_digit(sc->s[p]))
            return js_fail(sc, p, "after decimal point in numeric literal");
        while (p < sc->n && js_digit(sc->s[p]))
            p++;
    }
    if (p < sc->n && (sc->s[p] == 'e' || sc->s[p] == 'E')) {
        p++;
        if (p < sc->n && (sc->s[p] == '+' || sc->s[p] == '-'))
            p++;
        if (p >= sc->n || !js_digit(sc->s[p]))
            return js_fail(sc, p, "in exponent of numeric literal");
        while (p < sc->n && js_digit(sc->s[p]))
            p++;
    }
    return p;
}

static int64_t js_scan_literal(Scan *sc, int64_t p, const char *word)
{
    for (size_t k = 1; word[k]; k++) {
        if (p + (int64_t)k >= sc->n || sc->s[p + (int64_t)k] != (uint8_t)word[k]) {
            char ctx[64];
            snprintf(ctx, sizeof ctx, "in literal %s (expecting '%c')", word, word[k]);
            return js_fail(sc, p + (int64_t)k, ctx);
        }
    }
    return p + (int64_t)strlen(word);
}

static int64_t js_scan_value(Scan *sc, int64_t p);

static int64_t js_scan_object(Scan *sc, int64_t p)
{
    p = js_skip_ws(sc, p + 1);
    if (p < sc->n && sc->s[p] == '}')
        return p + 1;
    for (;;) {
        if (p >= sc->n)
            return js_fail(sc, p, "");
        if (sc->s[p] != '"')
            return js_fail(sc, p, "looking for beginning of object key string");
        p = js_scan_string(sc, p);
        if (p < 0)
            return -1;
        p = js_skip_ws(sc, p);
        if (p >= sc->n)
            return js_fail(sc, p, "");
        if (sc->s[p] != ':')
            return js_fail(sc, p, "after object key");
        p = js_scan_value(sc, js_skip_ws(sc, p + 1));
        if (p < 0)
            return -1;
        p = js_skip_ws(sc, p);
        if (p < sc->n && sc->s[p] == ',') {
            p = js_skip_ws(sc, p + 1);
            continue;
        }
        if (p < sc->n && sc->s[p] == '}')
            return p + 1;
        return js_fail(sc, p, p < sc->n ? "after object key:value pair" : "");
    }
}

static int64_t js_scan_array(Scan *sc, int64_t p)
{
    p = js_skip_ws(sc, p + 1);
    if (p < sc->n && sc->s[p] == ']')
        return p + 1;
    for (;;) {
        p = js_scan_value(sc, p);
        if (p < 0)
            return -1;
        p = js_skip_ws(sc, p);
        if (p < sc->n && sc->s[p] == ',') {
            p = js_skip_ws(sc, p + 1);
            continue;
        }
        if (p < sc->n && sc->s[p] == ']')
            return p + 1;
        return js_fail(sc, p, p < sc->n ? "after array element" : "");
    }
}

/* One value starting exactly at p (whitespace already skipped). */
static int64_t js_scan_value(Scan *sc, int64_t p)
{
    if (p >= sc->n)
        return js_fail(sc, p, "");
    uint8_t c = sc->s[p];
    if (c == '{' || c == '[') {
        if (++sc->depth > JSON_MAX_DEPTH)
            return js_fail(sc, p, "exceeded max depth");
        int64_t r = c == '{' ? js_scan_object(sc, p) : js_scan_array(sc, p);
        sc->depth--;
        return r;
    }
    if (c == '"')
        return js_scan_string(sc, p);
    if (c == '-' || js_digit(c))
        return js_scan_number(sc, p);
    if (c == 't')
        return js_scan_literal(sc, p, "true");
    if (c == 'f')
        return js_scan_literal(sc, p, "false");
    if (c == 'n')
        return js_scan_literal(sc, p, "null");
    return js_fail(sc, p, "looking for beginning of value");
}

/* Go's checkValid: one value and only whitespace around it. */
static bool js_check(Scan *sc, const uint8_t *s, int64_t n)
{
    *sc = (Scan){.s = s, .n = n};
    int64_t p = js_scan_value(sc, js_skip_ws(sc, 0));
    if (p < 0)
        return false;
    p = js_skip_ws(sc, p);
    if (p < n) {
        js_fail(sc, p, "after top-level value");
        return false;
    }
    return true;
}

/* ---------------- output helpers ---------------- */

static const char js_hexdig[] = "0123456789abcdef";

/* Go's appendString: quotes, escapes, invalid UTF-8 as \ufffd, U+2028 and
 * U+2029 escaped, and <, >, & too when escapeHTML. */
static JS_NOINLINE void js_put_string(StrBuf *b, const uint8_t *s, int64_t n, bool html)
{
    sbuf_putc(b, '"');
    int64_t start = 0, i = 0;
    while (i < n) {
        uint8_t c = s[i];
        if (c < 0x80) {
            bool safe =
                c >= 0x20 && c != '"' && c != '\\' && (!html || (c != '<' && c != '>' && c != '&'));
            if (safe) {
                i++;
                continue;
            }
            sbuf_put(b, s + start, (size_t)(i - start));
            switch (c) {
            case '\\':
                sbuf_puts(b, "\\\\");
                break;
            case '"':
                sbuf_puts(b, "\\\"");
                break;
            case '\b':
                sbuf_puts(b, "\\b");
                break;
            case '\f':
                sbuf_puts(b, "\\f");
                break;
            case '\n':
                sbuf_puts(b, "\\n");
                break;
            case '\r':
                sbuf_puts(b, "\\r");
                break;
            case '\t':
                sbuf_puts(b, "\\t");
                break;
            default:
                sbuf_puts(b, "\\u00");
                sbuf_putc(b, js_hexdig[c >> 4]);
                sbuf_putc(b, js_hexdig[c & 15]);
            }
            start = ++i;
            continue;
        }
        int w;
        int32_t r = utf8_decode(s + i, n - i, &w);
        if (r == 0xFFFD && w == 1) {
            sbuf_put(b, s + start, (size_t)(i - start));
            sbuf_puts(b, "\\ufffd");
            start = i += w;
            continue;
        }
        if (r == 0x2028 || r == 0x2029) {
            sbuf_put(b, s + start, (size_t)(i - start));
            sbuf_puts(b, r == 0x2028 ? "\\u2028" : "\\u2029");
            start = i += w;
            continue;
        }
        i += w;
    }
    sbuf_put(b, s + start, (size_t)(n - start));
    sbuf_putc(b, '"');
}

static const char js_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void js_put_base64(StrBuf *b, const uint8_t *s, int64_t n)
{
    sbuf_putc(b, '"');
    int64_t i = 0;
    for (; i + 2 < n; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
        char q[4] = {js_b64[v >> 18], js_b64[(v >> 12) & 63], js_b64[(v >> 6) & 63],
                     js_b64[v & 63]};
        sbuf_put(b, q, 4);
    }
    if (i < n) {
        uint32_t v = (uint32_t)s[i] << 16 | (i + 1 < n ? (uint32_t)s[i + 1] << 8 : 0);
        char q[4] = {js_b64[v >> 18], js_b64[(v >> 12) & 63],
                     i + 1 < n ? js_b64[(v >> 6) & 63] : '=', '='};
        sbuf_put(b, q, 4);
    }
    sbuf_putc(b, '"');
}

/* Go's floatEncoder: 'f' unless the magnitude calls for 'e', and e-09
 * shortened to e-9. */
static JS_NOINLINE void js_put_float(StrBuf *b, double f, int bits)
{
    double a = fabs(f);
    int fmt = 'f';
    if (a != 0) {
        if (bits == 64 ? (a < 1e-6 || a >= 1e21) : ((float)a < 1e-6f || (float)a >= 1e21f))
            fmt = 'e';
    }
    size_t at = b->len;
    numconv_format_float(b, f, fmt, -1, bits);
    size_t n = b->len - at;
    char *t = b->p + at;
    if (fmt == 'e' && n >= 4 && t[n - 4] == 'e' && t[n - 3] == '-' && t[n - 2] == '0') {
        t[n - 2] = t[n - 1];
        b->len--;
    }
}

/* Go's Indent over valid compact-or-not JSON src (scanned already). */
static void js_indent_value(StrBuf *out, const uint8_t *s, int64_t n, String prefix, String ind)
{
    int depth = 0;
    bool need = false; /* a newline is pending before the next value */
    for (int64_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        if (js_ws(c))
            continue;
        if (need && c != ']' && c != '}') {
            need = false;
            sbuf_putc(out, '\n');
            sbuf_put(out, prefix.ptr, (size_t)prefix.len);
            for (int k = 0; k < depth; k++)
                sbuf_put(out, ind.ptr, (size_t)ind.len);
        }
        if (c == '"') {
            int64_t j = i + 1;
            while (s[j] != '"')
                j += s[j] == '\\' ? 2 : 1;
            sbuf_put(out, s + i, (size_t)(j + 1 - i));
            i = j;
            continue;
        }
        switch (c) {
        case '{':
        case '[':
            need = true;
            depth++;
            sbuf_putc(out, (char)c);
            break;
        case ',':
            sbuf_putc(out, ',');
            sbuf_putc(out, '\n');
            sbuf_put(out, prefix.ptr, (size_t)prefix.len);
            for (int k = 0; k < depth; k++)
                sbuf_put(out, ind.ptr, (size_t)ind.len);
            break;
        case ':':
            sbuf_puts(out, ": ");
            break;
        case '}':
        case ']':
            depth--;
            if (need) {
                need = false; /* empty: "{}" stays together */
            } else {
                sbuf_putc(out, '\n');
                sbuf_put(out, prefix.ptr, (size_t)prefix.len);
                for (int k = 0; k < depth; k++)
                    sbuf_put(out, ind.ptr, (size_t)ind.len);
            }
            sbuf_putc(out, (char)c);
            break;
        default:
            sbuf_putc(out, (char)c);
        }
    }
}

/* Go's Indent: the value indented, whitespace after it kept as it is. */
static void js_indent(StrBuf *out, const uint8_t *s, int64_t n, String prefix, String ind)
{
    /* Go keeps the whitespace after the value (and drops what is before) */
    int64_t tail = n;
    while (tail > 0 && js_ws(s[tail - 1]))
        tail--;
    js_indent_value(out, s, tail, prefix, ind);
    sbuf_put(out, s + tail, (size_t)(n - tail));
}

/* Go's compact (used on MarshalJSON results): drops whitespace, and
 * escapes <, >, &, U+2028 and U+2029 inside strings when html. */
static void js_compact(StrBuf *out, const uint8_t *s, int64_t n, bool html)
{
    for (int64_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        if (js_ws(c))
            continue;
        if (c != '"') {
            sbuf_putc(out, (char)c);
            continue;
        }
        int64_t j = i + 1;
        sbuf_putc(out, '"');
        while (s[j] != '"') {
            if (s[j] == '\\') {
                sbuf_put(out, s + j, 2);
                j += 2;
                continue;
            }
            if (html && (s[j] == '<' || s[j] == '>' || s[j] == '&')) {
                sbuf_puts(out, "\\u00");
                sbuf_putc(out, js_hexdig[s[j] >> 4]);
                sbuf_putc(out, js_hexdig[s[j] & 15]);
                j++;
                continue;
            }
            if (html && j + 2 < n && s[j] == 0xE2 && s[j + 1] == 0x80 &&
                (s[j + 2] & 0xFE) == 0xA8) {
                sbuf_puts(out, s[j + 2] == 0xA8 ? "\\u2028" : "\\u2029");
                j += 3;
                continue;
            }
            sbuf_putc(out, (char)s[j++]);
        }
        sbuf_putc(out, '"');
        i = j;
    }
}

/* ---------------- struct fields ---------------- */

/* One JSON-visible field of a struct: its key and the path of field
 * indexes through embedded structs. */
#define JS_MAXPATH 8
typedef struct JField {
    const char *name;
    size_t namelen;
    bool tagged, omitempty, quoted;
    int depth;
    int npath;
    uint16_t path[JS_MAXPATH];
    const Type *type;
} JField;

typedef struct JFields {
    JField *f;
    int n, cap;
} JFields;

/* reflect.StructTag.Lookup(key) for a tag string; the value (unquoted
 * with the simple escapes Go tags use) into out. */
static bool js_tag_lookup(const char *tag, const char *key, char *out, size_t cap)
{
    if (!tag)
        return false;
    const char *t = tag;
    while (*t) {
        while (*t == ' ')
            t++;
        const char *nm = t;
        while (*t > ' ' && *t != ':' && *t != '"' && *t != 0x7f)
            t++;
        if (t == nm || t[0] != ':' || t[1] != '"')
            return false;
        size_t nl = (size_t)(t - nm);
        t += 2;
        size_t o = 0;
        while (*t && *t != '"') {
            char c = *t;
            if (c == '\\' && t[1]) {
                t++;
                c = *t;
            }
            if (o + 1 < cap)
                out[o++] = c;
            t++;
        }
        if (!*t)
            return false;
        t++;
        out[o] = 0;
        if (nl == strlen(key) && memcmp(nm, key, nl) == 0)
            return true;
    }
    return false;
}

static const Type *js_deptr(const Type *t)
{
    return t->kind == KIND_POINTER && !t->name ? t->elem : t;
}

static int js_path_cmp(const JField *a, const JField *b)
{
    for (int i = 0; i < a->npath && i < b->npath; i++)
        if (a->path[i] != b->path[i])
            return a->path[i] < b->path[i] ? -1 : 1;
    return a->npath - b->npath;
}

static int js_field_order(const void *x, const void *y)
{
    const JField *a = x, *b = y;
    size_t m = a->namelen < b->namelen ? a->namelen : b->namelen;
    int c = memcmp(a->name, b->name, m);
    if (c)
        return c;
    if (a->namelen != b->namelen)
        return a->namelen < b->namelen ? -1 : 1;
    if (a->depth != b->depth)
        return a->depth - b->depth;
    if (a->tagged != b->tagged)
        return a->tagged ? -1 : 1;
    return js_path_cmp(a, b);
}

static int js_index_order(const void *x, const void *y)
{
    return js_path_cmp(x, y);
}

static void js_fields_add(JFields *fs, JField f)
{
    if (fs->n == fs->cap) {
        fs->cap = fs->cap ? fs->cap * 2 : 8;
        JField *nf = heap_alloc((size_t)fs->cap * sizeof(JField));
        if (fs->n)
            memcpy(nf, fs->f, (size_t)fs->n * sizeof(JField));
        fs->f = nf;
    }
    fs->f[fs->n++] = f;
}

/* Go's typeFields: breadth-first through embedded structs; for each key
 * the dominant field (shallowest, then tagged) wins, ties drop the key. */
static JFields js_fields(const Type *st)
{
    JFields all = {0};
    typedef struct {
        const Type *t;
        int npath;
        uint16_t path[JS_MAXPATH];
    } Lvl;
    Lvl cur[64], next[64];
    int ncur = 1, nnext = 0;
    cur[0] = (Lvl){.t = st};
    const Type *seen[256];
    int nseen = 0;
    for (int depth = 0; ncur > 0 && depth < JS_MAXPATH; depth++) {
        nnext = 0;
        for (int k = 0; k < ncur; k++) {
            const Type *t = cur[k].t;
            bool dup = false;
            for (int j = 0; j < nseen; j++)
                dup |= seen[j] == t;
            if (dup)
                continue;
            if (nseen < 256)
                seen[nseen++] = t;
            for (int i = 0; i < t->nfields; i++) {
                const Field *f = &t->fields[i];
                const Type *ft = js_deptr(f->type);
                if (f->embedded) {
                    if (!f->exported && ft->kind != KIND_STRUCT)
                        continue;
                } else if (!f->exported) {
                    continue;
                }
                char tag[256];
                bool has = js_tag_lookup(f->tag, "json", tag, sizeof tag);
                if (has && strcmp(tag, "-") == 0)
                    continue;
                char *opts = has ? strchr(tag, ',') : NULL;
                if (opts)
                    *opts++ = 0;
                const char *tname = has ? tag : "";
                JField jf = {.depth = depth, .npath = cur[k].npath + 1, .type = f->type};
                memcpy(jf.path, cur[k].path, sizeof jf.path);
                jf.path[cur[k].npath] = (uint16_t)i;
                if (*tname || !f->embedded || ft->kind != KIND_STRUCT) {
                    if (f->embedded && !f->exported && !*tname)
                        continue;
                    const char *nm = *tname ? tname : f->name;
                    size_t nl = strlen(nm);
                    char *copy = heap_alloc_atomic(nl + 1);
                    memcpy(copy, nm, nl + 1);
                    jf.name = copy;
                    jf.namelen = nl;
                    jf.tagged = *tname != 0;
                    for (char *o = opts; o && *o;) {
                        char *e = strchr(o, ',');
                        size_t ol = e ? (size_t)(e - o) : strlen(o);
                        if (ol == 9 && memcmp(o, "omitempty", 9) == 0)
                            jf.omitempty = true;
                        if (ol == 6 && memcmp(o, "string", 6) == 0) {
                            TypeKind fk = f->type->kind;
                            jf.quoted = fk == KIND_BOOL || kind_is_integer(fk) ||
                                        kind_is_float(fk) || fk == KIND_STRING;
                        }
                        o = e ? e + 1 : NULL;
                    }
                    js_fields_add(&all, jf);
                } else if (nnext < 64 && jf.npath < JS_MAXPATH) {
                    next[nnext] = (Lvl){.t = ft, .npath = jf.npath};
                    memcpy(next[nnext].path, jf.path, sizeof jf.path);
                    nnext++;
                }
            }
        }
        memcpy(cur, next, sizeof(Lvl) * (size_t)nnext);
        ncur = nnext;
    }
    if (all.n > 1)
        qsort(all.f, (size_t)all.n, sizeof(JField), js_field_order);
    JFields out = {0};
    for (int i = 0; i < all.n;) {
        int j = i + 1;
        while (j < all.n && all.f[j].namelen == all.f[i].namelen &&
               memcmp(all.f[j].name, all.f[i].name, all.f[i].namelen) == 0)
            j++;
        bool tie = j - i > 1 && all.f[i + 1].depth == all.f[i].depth &&
                   all.f[i + 1].tagged == all.f[i].tagged;
        if (!tie)
            js_fields_add(&out, all.f[i]);
        i = j;
    }
    if (out.n > 1)
        qsort(out.f, (size_t)out.n, sizeof(JField), js_index_order);
    return out;
}

/* The field lists of struct types seen so far, by Type (an open-addressed
 * table, grown at half full; entries are never removed, as types live as
 * long as the program). The table lives in the collected heap, rooted by
 * the static pointer. */
typedef struct JCacheEnt {
    const Type *t;
    JFields fs;
} JCacheEnt;
static pthread_mutex_t js_cache_mu = PTHREAD_MUTEX_INITIALIZER;
static JCacheEnt *js_cache;
static size_t js_cache_cap, js_cache_len;

static JCacheEnt *js_cache_slot(JCacheEnt *tab, size_t cap, const Type *t)
{
    size_t i = ((uintptr_t)t >> 4) * 0x9E3779B97F4A7C15u & (cap - 1);
    while (tab[i].t && tab[i].t != t)
        i = (i + 1) & (cap - 1);
    return &tab[i];
}

static JS_NOINLINE JFields js_fields_cached(const Type *st)
{
    pthread_mutex_lock(&js_cache_mu);
    if (js_cache_cap) {
        JCacheEnt *e = js_cache_slot(js_cache, js_cache_cap, st);
        if (e->t) {
            JFields fs = e->fs;
            pthread_mutex_unlock(&js_cache_mu);
            return fs;
        }
    }
    pthread_mutex_unlock(&js_cache_mu);
    JFields fs = js_fields(st); /* outside the lock: it allocates */
    pthread_mutex_lock(&js_cache_mu);
    if (2 * (js_cache_len + 1) > js_cache_cap) {
        size_t nc = js_cache_cap ? js_cache_cap * 2 : 64;
        JCacheEnt *nt = heap_alloc(nc * sizeof(JCacheEnt));
        for (size_t i = 0; i < js_cache_cap; i++)
            if (js_cache[i].t)
                *js_cache_slot(nt, nc, js_cache[i].t) = js_cache[i];
        js_cache = nt;
        js_cache_cap = nc;
    }
    JCacheEnt *e = js_cache_slot(js_cache, js_cache_cap, st);
    if (!e->t) {
        *e = (JCacheEnt){st, fs};
        js_cache_len++;
    }
    pthread_mutex_unlock(&js_cache_mu);
    return fs;
}

/* The address of field f inside the struct at base; NULL when an embedded
 * pointer on the way is nil and `alloc` is false (else it is allocated). */
static void *js_field_addr(const Type *st, void *base, const JField *f, bool alloc)
{
    const Type *t = st;
    char *p = base;
    for (int i = 0; i < f->npath; i++) {
        const Field *fd = &t->fields[f->path[i]];
        p += fd->offset;
        if (i + 1 < f->npath) {
            t = fd->type;
            if (t->kind == KIND_POINTER) {
                void **pp = (void **)p;
                if (!*pp) {
                    if (!alloc)
                        return NULL;
                    *pp = heap_new(t->elem);
                }
                p = *pp;
                t = t->elem;
            }
        }
    }
    return p;
}

/* ---------------- method calls ---------------- */

static const Method *js_find(const Method *ms, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(ms[i].name, name) == 0)
            return &ms[i];
    return NULL;
}

/* Calls method m with receiver (of type rt, its bytes at recv) and the
 * argument slots, as a method value would. False if it panicked. */
static bool js_call(NativeCtx *ctx, const Method *m, const Type *rt, const void *recv, Slot *args,
                    Slot *res)
{
    uint32_t rs = type_slots(rt);
    Closure *cl = heap_alloc(sizeof(Closure) + (rs ? rs : 1) * sizeof(Slot));
    cl->fn = m->fn;
    cl->nbound = rs;
    cl->ncaps = rs;
    if (rt->size < 8 && kind_is_integer(rt->kind) && !kind_is_unsigned(rt->kind))
        cl->caps[0].i = value_load_int(recv, rt->size);
    else
        memcpy(cl->caps, recv, rt->size);
    return vm_call_value(ctx, cl, m->sig, args, res);
}

/* err.Error() of a non-nil error value. */
static String js_error_text(NativeCtx *ctx, Iface e)
{
    String out = {0};
    bool panicked = false;
    if (!vm_call_string_method(ctx, &e, "Error", &out, &panicked))
        out = nat_cstr("<error>");
    return out;
}

/* json.Number: a string type written as the number it holds. */
static bool js_is_number_type(const Type *t)
{
    return t->kind == KIND_STRING && t->name && t->pkg && strcmp(t->name, "Number") == 0 &&
           (strcmp(t->pkg, "encoding/json") == 0 || strcmp(t->pkg, "json") == 0);
}

static bool js_is_number_text(String s)
{
    if (s.len == 0 || !(s.ptr[0] == '-' || js_digit(s.ptr[0])))
        return false;
    Scan sc = {.s = s.ptr, .n = s.len};
    return js_scan_number(&sc, 0) == s.len;
}

/* ---------------- encoder ---------------- */

#define JSON_CYCLE_CHECK_AFTER 1000 /* Go's startDetectingCyclesAfter */

typedef struct Enc {
    NativeCtx *ctx;
    StrBuf b;
    bool html;
    /* Go's cycle detection: past this many nested pointers or maps, the
     * ones on the current path are remembered and a repeat is an error */
    bool keymode; /* encoding a map key: MarshalText only */
    Iface merr;   /* a Marshal method's own error (MarshalerError.Err) */
    int level;
    const void **seen;
    int nseen, capseen;
    JsonErr err;
    bool panicked;
    String msg, detail;
} Enc;

static JS_NOINLINE void enc_fail(Enc *e, JsonErr k, const char *msg, const char *detail)
{
    if (e->err)
        return;
    e->err = k;
    e->msg = nat_cstr(msg);
    e->detail = nat_cstr(detail ? detail : "");
}

static void enc_value(Enc *e, const Type *t, const void *p, bool addr);

/* Enters a pointer or map q of type t; false (error set) on a cycle. */
static bool enc_enter(Enc *e, const Type *t, const void *q)
{
    if (++e->level <= JSON_CYCLE_CHECK_AFTER)
        return true;
    for (int i = 0; i < e->nseen; i++)
        if (e->seen[i] == q) {
            char tn[200], msg[300];
            type_string(t, true, tn, sizeof tn);
            snprintf(msg, sizeof msg, "json: unsupported value: encountered a cycle via %s", tn);
            enc_fail(e, JE_UNSUPPORTED_VALUE, msg, msg + strlen("json: unsupported value: "));
            return false;
        }
    if (e->nseen == e->capseen) {
        e->capseen = e->capseen ? e->capseen * 2 : 64;
        const void **ns = heap_alloc(sizeof(void *) * (size_t)e->capseen);
        if (e->nseen)
            memcpy(ns, e->seen, sizeof(void *) * (size_t)e->nseen);
        e->seen = ns;
    }
    e->seen[e->nseen++] = q;
    return true;
}

static void enc_leave(Enc *e)
{
    if (e->level-- > JSON_CYCLE_CHECK_AFTER && e->nseen)
        e->nseen--;
}

static bool js_is_empty(const Type *t, const void *p)
{
    switch (t->kind) {
    case KIND_BOOL:
        return *(const uint8_t *)p == 0;
    case KIND_STRING:
        return ((const String *)p)->len == 0;
    case KIND_SLICE:
        return ((const Slice *)p)->len == 0;
    case KIND_MAP:
        return map_len(*(Map *const *)p) == 0;
    case KIND_ARRAY:
        return t->len == 0;
    case KIND_POINTER:
    case KIND_INTERFACE:
    case KIND_FUNC:
    case KIND_CHAN:
        return *(void *const *)p == NULL;
    case KIND_FLOAT32:
        return *(const float *)p == 0;
    case KIND_FLOAT64:
        return *(const double *)p == 0;
    default:
        if (kind_is_integer(t->kind))
            return value_load_uint(p, t->size) == 0;
        return false;
    }
}

/* MarshalJSON / MarshalText, when t (or *t, addressable) has them.
 * Returns true when the value was handled. */
static JS_NOINLINE bool enc_marshaler(Enc *e, const Type *t, const void *p, bool addr)
{
    if (!t->name && t->kind != KIND_POINTER)
        return false;
    static const char *names[2] = {"MarshalJSON", "MarshalText"};
    for (int k = e->keymode ? 1 : 0; k < 2; k++) {
        const Method *m = t->kind == KIND_POINTER && !t->name && t->elem->name
                              ? js_find(t->elem->ptrmethods, t->elem->nptrmethods, names[k])
                              : js_find(t->methods, t->nmethods, names[k]);
        const Type *rt = t;
        const void *recv = p;
        void *ptr = NULL;
        if (!m && addr && t->name && t->kind != KIND_INTERFACE) {
            m = js_find(t->ptrmethods, t->nptrmethods, names[k]);
            if (m) {
                ptr = (void *)p;
                recv = &ptr;
                rt = NULL; /* set below: *t */
            }
        }
        /* at *T a value-receiver method is left to the pointer case,
         * which dereferences (a nil *T writes null either way) */
        if (t->kind == KIND_POINTER && !t->name && m && !m->ptrrecv)
            return false;
        if (!m || !m->fn || m->sig->nparams != 0 || m->sig->nresults != 2 ||
            m->sig->results[0]->kind != KIND_SLICE)
            continue;
        if (t->kind == KIND_POINTER && *(void *const *)p == NULL) {
            sbuf_puts(&e->b, "null");
            return true;
        }
        Slot res[5];
        Type rtp = {0};
        if (!rt) {
            rtp.kind = KIND_POINTER;
            rtp.size = 8;
            rt = &rtp;
        }
        if (!js_call(e->ctx, m, rt, recv, NULL, res)) {
            e->panicked = true;
            e->err = JE_OTHER;
            return true;
        }
        Slice out = nat_slice(res);
        Iface err = nat_iface(res + 3);
        char tn[200], msg[512];
        type_string(t, true, tn, sizeof tn);
        if (err.type) {
            String et = js_error_text(e->ctx, err);
            snprintf(msg, sizeof msg, "json: error calling %s for type %s: %.*s", names[k], tn,
                     (int)et.len, (const char *)et.ptr);
            enc_fail(e, JE_MARSHALER, msg, NULL);
            e->merr = err;
            return true;
        }
        if (k == 1) {
            js_put_string(&e->b, out.ptr, out.len, e->html);
            return true;
        }
        Scan sc;
        if (!js_check(&sc, out.ptr, out.len)) {
            snprintf(msg, sizeof msg, "json: error calling MarshalJSON for type %s: %s", tn,
                     sc.msg);
            enc_fail(e, JE_MARSHALER, msg, sc.msg);
            return true;
        }
        js_compact(&e->b, out.ptr, out.len, e->html);
        return true;
    }
    return false;
}

static JS_NOINLINE void enc_unsupported(Enc *e, const Type *t)
{
    char tn[200], msg[260];
    type_string(t, true, tn, sizeof tn);
    snprintf(msg, sizeof msg, "json: unsupported type: %s", tn);
    enc_fail(e, JE_UNSUPPORTED_TYPE, msg, NULL);
}

typedef struct JKey {
    String s;
    const void *val;
} JKey;

static int js_key_order(const void *x, const void *y)
{
    return string_compare(((const JKey *)x)->s, ((const JKey *)y)->s);
}

/* A ",string" string field: its JSON text, quoted again. */
static JS_NOINLINE void enc_quoted_string(Enc *e, const void *fp)
{
    StrBuf inner = {0};
    sbuf_init(&inner);
    const String *s = fp;
    js_put_string(&inner, s->ptr, s->len, false);
    js_put_string(&e->b, (const uint8_t *)inner.p, (int64_t)inner.len, e->html);
}

static JS_NOINLINE void enc_struct(Enc *e, const Type *t, const void *p, bool addr)
{
    JFields fs = js_fields_cached(t);
    sbuf_putc(&e->b, '{');
    bool first = true;
    for (int i = 0; i < fs.n && !e->err; i++) {
        const JField *f = &fs.f[i];
        const void *fp = js_field_addr(t, (void *)p, f, false);
        if (!fp || (f->omitempty && js_is_empty(f->type, fp)))
            continue;
        if (!first)
            sbuf_putc(&e->b, ',');
        first = false;
        js_put_string(&e->b, (const uint8_t *)f->name, (int64_t)f->namelen, e->html);
        sbuf_putc(&e->b, ':');
        if (f->quoted) {
            if (f->type->kind == KIND_STRING) {
                enc_quoted_string(e, fp);
            } else {
                sbuf_putc(&e->b, '"');
                enc_value(e, f->type, fp, addr);
                sbuf_putc(&e->b, '"');
            }
        } else {
            enc_value(e, f->type, fp, addr);
        }
    }
    sbuf_putc(&e->b, '}');
}

/* The keys of map m as their JSON strings, with their values; NULL
 * (error set) when a MarshalText key fails. */
static JS_NOINLINE void enc_key_error(Enc *e, const Type *mt, const Enc *sub)
{
    if (sub->panicked || sub->err != JE_MARSHALER) {
        e->err = sub->err, e->msg = sub->msg, e->detail = sub->detail;
        e->panicked = sub->panicked;
        return;
    }
    /* Go: fmt.Errorf("json: encoding error for type %q: %q", ...) */
    char tn[200];
    type_string(mt, true, tn, sizeof tn);
    String et = js_error_text(e->ctx, sub->merr);
    StrBuf m = {0};
    sbuf_init(&m);
    sbuf_puts(&m, "json: encoding error for type ");
    numconv_quote(&m, (const uint8_t *)tn, (int64_t)strlen(tn), '"', false);
    sbuf_puts(&m, ": ");
    numconv_quote(&m, et.ptr, et.len, '"', false);
    e->err = JE_OTHER;
    e->msg = sbuf_string(&m);
}

static JS_NOINLINE JKey *enc_map_keys(Enc *e, const Type *mt, bool textkey, Map *m, int64_t *nk)
{
    const Type *kt = mt->key;
    int64_t n = map_len(m), k = 0;
    JKey *keys = heap_alloc(sizeof(JKey) * (size_t)(n ? n : 1));
    MapIter it;
    map_iter_init(m, &it);
    void *kp, *vp;
    while (k < n && map_iter_next(&it, &kp, &vp)) {
        StrBuf kb = {0};
        sbuf_init(&kb);
        if (kt->kind == KIND_STRING && !textkey) {
            String s = *(String *)kp;
            keys[k].s = s;
        } else if (kind_is_integer(kt->kind) && !textkey) {
            if (kind_is_unsigned(kt->kind))
                numconv_format_uint(&kb, value_load_uint(kp, kt->size), 10);
            else
                numconv_format_int(&kb, value_load_int(kp, kt->size), 10);
            keys[k].s = sbuf_string(&kb);
        } else {
            /* MarshalText key: encode it as a string, then unquote */
            Enc sub = {.ctx = e->ctx, .html = false, .keymode = true};
            sbuf_init(&sub.b);
            enc_marshaler(&sub, kt, kp, false);
            if (sub.err) {
                enc_key_error(e, mt, &sub);
                return NULL;
            }
            keys[k].s = string_from_bytes(sub.b.p + 1, (int64_t)sub.b.len - 2);
        }
        keys[k].val = vp;
        k++;
    }
    *nk = k;
    return keys;
}

static JS_NOINLINE void enc_map(Enc *e, const Type *t, const void *p)
{
    const Type *kt = t->key;
    /* Go's resolveKeyName: string kinds as they are, then MarshalText,
     * then integers */
    bool textkey = kt->kind != KIND_STRING && kt->name &&
                   js_find(kt->methods, kt->nmethods, "MarshalText") != NULL;
    if (kt->kind != KIND_STRING && !kind_is_integer(kt->kind) && !textkey) {
        enc_unsupported(e, t);
        return;
    }
    Map *m = *(Map *const *)p;
    if (!m) {
        sbuf_puts(&e->b, "null");
        return;
    }
    int64_t k = 0;
    JKey *keys = enc_map_keys(e, t, textkey, m, &k);
    if (!keys)
        return;
    qsort(keys, (size_t)k, sizeof(JKey), js_key_order);
    sbuf_putc(&e->b, '{');
    for (int64_t i = 0; i < k && !e->err; i++) {
        if (i)
            sbuf_putc(&e->b, ',');
        js_put_string(&e->b, keys[i].s.ptr, keys[i].s.len, e->html);
        sbuf_putc(&e->b, ':');
        enc_value(e, t->elem, keys[i].val, false);
    }
    sbuf_putc(&e->b, '}');
}

/* A string, or a json.Number as its literal. */
static JS_NOINLINE void enc_string(Enc *e, const Type *t, const void *p)
{
    const String *s = p;
    if (js_is_number_type(t)) {
        if (s->len == 0) {
            sbuf_putc(&e->b, '0');
        } else if (!js_is_number_text(*s)) {
            char msg[300];
            StrBuf q = {0};
            sbuf_init(&q);
            numconv_quote(&q, s->ptr, s->len, '"', false);
            snprintf(msg, sizeof msg, "json: invalid number literal %.*s", (int)q.len, q.p);
            enc_fail(e, JE_OTHER, msg, NULL);
        } else {
            sbuf_put(&e->b, s->ptr, (size_t)s->len);
        }
        return;
    }
    js_put_string(&e->b, s->ptr, s->len, e->html);
    return;
}

/* A float as Go writes it; NaN and infinities are errors. */
static JS_NOINLINE void enc_float(Enc *e, const Type *t, const void *p)
{
    double f = t->kind == KIND_FLOAT32 ? (double)*(const float *)p : *(const double *)p;
    int bits = t->kind == KIND_FLOAT32 ? 32 : 64;
    if (isnan(f) || isinf(f)) {
        StrBuf sb = {0};
        sbuf_init(&sb);
        numconv_format_float(&sb, f, 'g', -1, bits);
        char *txt = string_cstr(sbuf_string(&sb));
        char msg[80];
        snprintf(msg, sizeof msg, "json: unsupported value: %s", txt);
        enc_fail(e, JE_UNSUPPORTED_VALUE, msg, txt);
    }
    js_put_float(&e->b, f, bits);
}

static void enc_value(Enc *e, const Type *t, const void *p, bool addr)
{
    if (e->err)
        return;
    if (enc_marshaler(e, t, p, addr))
        return;
    switch (t->kind) {
    case KIND_BOOL:
        sbuf_puts(&e->b, *(const uint8_t *)p ? "true" : "false");
        return;
    case KIND_STRING:
        enc_string(e, t, p);
        return;
    case KIND_FLOAT32:
    case KIND_FLOAT64:
        enc_float(e, t, p);
        return;
    case KIND_POINTER: {
        void *q = *(void *const *)p;
        if (!q) {
            sbuf_puts(&e->b, "null");
            return;
        }
        if (enc_enter(e, t, q))
            enc_value(e, t->elem, q, true);
        enc_leave(e);
        return;
    }
    case KIND_INTERFACE: {
        const Iface *x = p;
        if (!x->type) {
            sbuf_puts(&e->b, "null");
            return;
        }
        enc_value(e, x->type, iface_data(x), false);
        return;
    }
    case KIND_SLICE: {
        const Slice *s = p;
        if (!s->ptr && s->len == 0) {
            sbuf_puts(&e->b, "null");
            return;
        }
        const Type *et = t->elem;
        if (et->kind == KIND_UINT8 && !js_find(et->ptrmethods, et->nptrmethods, "MarshalJSON") &&
            !js_find(et->ptrmethods, et->nptrmethods, "MarshalText")) {
            js_put_base64(&e->b, s->ptr, s->len);
            return;
        }
        sbuf_putc(&e->b, '[');
        for (int64_t i = 0; i < s->len && !e->err; i++) {
            if (i)
                sbuf_putc(&e->b, ',');
            enc_value(e, et, (const char *)s->ptr + i * et->size, true);
        }
        sbuf_putc(&e->b, ']');
        return;
    }
    case KIND_ARRAY:
        sbuf_putc(&e->b, '[');
        for (int64_t i = 0; i < t->len && !e->err; i++) {
            if (i)
                sbuf_putc(&e->b, ',');
            enc_value(e, t->elem, (const char *)p + i * t->elem->size, addr);
        }
        sbuf_putc(&e->b, ']');
        return;
    case KIND_MAP:
        if (enc_enter(e, t, *(void *const *)p))
            enc_map(e, t, p);
        enc_leave(e);
        return;
    case KIND_STRUCT:
        enc_struct(e, t, p, addr);
        return;
    default:
        if (kind_is_integer(t->kind)) {
            if (kind_is_unsigned(t->kind))
                numconv_format_uint(&e->b, value_load_uint(p, t->size), 10);
            else
                numconv_format_int(&e->b, value_load_int(p, t->size), 10);
            return;
        }
        enc_unsupported(e, t);
    }
}

/* marshal(v any, escapeHTML bool, doIndent bool, prefix, indent string)
 *   (b []byte, kind int, msg string, detail string, err error) */
static NativeStatus json_marshal(NativeCtx *ctx, Slot *args, Slot *res)
{
    Iface v = nat_iface(args);
    bool html = args[2].u & 1, doind = args[3].u & 1;
    String prefix = nat_str(args + 4), ind = nat_str(args + 6);
    Enc e = {.ctx = ctx, .html = html};
    sbuf_init(&e.b);
    if (!v.type)
        sbuf_puts(&e.b, "null");
    else
        enc_value(&e, v.type, iface_data(&v), false);
    if (e.panicked)
        return NATIVE_PANIC;
    Slice out = {0};
    if (!e.err) {
        StrBuf ib = {0};
        const StrBuf *src = &e.b;
        if (doind) {
            sbuf_init(&ib);
            js_indent(&ib, (const uint8_t *)e.b.p, (int64_t)e.b.len, prefix, ind);
            src = &ib;
        }
        String s = sbuf_string(src);
        out = (Slice){(void *)s.ptr, s.len, s.len};
    }
    nat_set_slice(res, out);
    res[3].i = e.err;
    nat_set_str(res + 4, e.msg);
    nat_set_str(res + 6, e.detail);
    nat_set_iface(res + 8, e.merr);
    return NATIVE_OK;
}

/* ---------------- decoder ---------------- */

typedef struct Dec {
    NativeCtx *ctx;
    const uint8_t *s;
    int64_t n, p;
    bool use_number, strict, panicked;
    const Type *map_any, *slice_any, *number;
    /* the first type error (Go's saveError), reported at the end */
    JsonErr err;
    Iface uerr; /* an Unmarshal method's own error, returned as is */
    bool abort; /* an error Go returns at once (not saved): stop where we are */
    String msg, a, b;
    int64_t off;
    /* error context: the innermost struct and the field path */
    const Type *ctx_struct;
    char path[256];
} Dec;

static void dec_skip_ws(Dec *d)
{
    while (d->p < d->n && js_ws(d->s[d->p]))
        d->p++;
}

/* Skips one (valid) value. */
static JS_NOINLINE void dec_skip(Dec *d)
{
    Scan sc = {.s = d->s, .n = d->n};
    d->p = js_scan_value(&sc, d->p);
}

static const char *dec_what(uint8_t c)
{
    return c == '{'               ? "object"
           : c == '['             ? "array"
           : c == '"'             ? "string"
           : c == 't' || c == 'f' ? "bool"
           : c == 'n'             ? "null"
                                  : "number";
}

/* Records Go's UnmarshalTypeError (the first one wins) for JSON `what`. */
static JS_NOINLINE void dec_type_error(Dec *d, const char *what, const Type *t)
{
    if (d->err)
        return;
    char tn[200], msg[1200];
    type_string(t, true, tn, sizeof tn);
    if (d->ctx_struct) {
        char sn[200];
        snprintf(sn, sizeof sn, "%s", d->ctx_struct->name ? d->ctx_struct->name : "");
        snprintf(msg, sizeof msg, "json: cannot unmarshal %s into Go struct field %s.%s of type %s",
                 what, sn, d->path, tn);
        /* Struct and Field for the Go side, split at the newline */
        char sf[600];
        snprintf(sf, sizeof sf, "%s\n%s", sn, d->path);
        d->b = nat_cstr(sf);
    } else {
        snprintf(msg, sizeof msg, "json: cannot unmarshal %s into Go value of type %s", what, tn);
    }
    d->err = JE_UNMARSHAL_TYPE;
    d->msg = nat_cstr(msg);
    d->a = nat_cstr(what);
    d->off = d->p;
}

/* An error that ends decoding at once, replacing a saved type error (Go
 * returns it from d.value; containers are left as they were). */
static JS_NOINLINE void dec_abort(Dec *d, String msg, Iface uerr)
{
    if (d->abort)
        return;
    d->abort = true;
    d->err = JE_OTHER;
    d->msg = msg;
    d->uerr = uerr;
}

static JS_NOINLINE void dec_fail(Dec *d, JsonErr k, const char *msg)
{
    if (d->err)
        return;
    d->err = k;
    d->msg = nat_cstr(msg);
}

static int js_unhex(uint8_t c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* The string literal at d->p, unescaped (Go's unquote: bad surrogates
 * become U+FFFD, invalid UTF-8 bytes too). */
static JS_NOINLINE String dec_string(Dec *d)
{
    int64_t i = d->p + 1, start = i;
    bool plain = true;
    while (d->s[i] != '"') {
        if (d->s[i] == '\\' || d->s[i] >= 0x80)
            plain = false;
        i += d->s[i] == '\\' ? 2 : 1;
    }
    d->p = i + 1;
    if (plain)
        return string_from_bytes(d->s + start, i - start);
    StrBuf b = {0};
    sbuf_init(&b);
    for (int64_t j = start; j < i;) {
        uint8_t c = d->s[j];
        if (c == '\\') {
            uint8_t x = d->s[j + 1];
            j += 2;
            switch (x) {
            case 'b':
                sbuf_putc(&b, '\b');
                break;
            case 'f':
                sbuf_putc(&b, '\f');
                break;
            case 'n':
                sbuf_putc(&b, '\n');
                break;
            case 'r':
                sbuf_putc(&b, '\r');
                break;
            case 't':
                sbuf_putc(&b, '\t');
                break;
            case 'u': {
                int32_t r = 0;
                for (int k = 0; k < 4; k++)
                    r = r * 16 + js_unhex(d->s[j + k]);
                j += 4;
                if (r >= 0xD800 && r < 0xDC00) {
                    int32_t r2 = -1;
                    if (j + 6 <= i && d->s[j] == '\\' && d->s[j + 1] == 'u') {
                        r2 = 0;
                        for (int k = 0; k < 4; k++)
                            r2 = js_hex(d->s[j + 2 + k]) ? r2 * 16 + js_unhex(d->s[j + 2 + k]) : -1;
                    }
                    if (r2 >= 0xDC00 && r2 < 0xE000) {
                        r = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
                        j += 6;
                    } else {
                        r = 0xFFFD;
                    }
                } else if (r >= 0xDC00 && r < 0xE000) {
                    r = 0xFFFD;
                }
                sbuf_put_rune(&b, r);
                break;
            }
            default:
                sbuf_putc(&b, (char)x);
            }
            continue;
        }
        if (c < 0x80) {
            sbuf_putc(&b, (char)c);
            j++;
            continue;
        }
        int w;
        int32_t r = utf8_decode(d->s + j, i - j, &w);
        if (r == 0xFFFD && w == 1)
            sbuf_puts(&b, "\xEF\xBF\xBD");
        else
            sbuf_put(&b, d->s + j, (size_t)w);
        j += w;
    }
    return sbuf_string(&b);
}

/* The number literal at d->p (its text). */
static JS_NOINLINE String dec_number_text(Dec *d)
{
    Scan sc = {.s = d->s, .n = d->n};
    int64_t e = js_scan_number(&sc, d->p);
    String s = {d->s + d->p, e - d->p};
    d->p = e;
    return s;
}

static JS_NOINLINE bool js_base64(String s, Slice *out, int64_t *bad)
{
    uint8_t *o = heap_alloc_atomic((size_t)(s.len * 3 / 4 + 3));
    int64_t n = 0, k = 0, pad = 0;
    uint32_t acc = 0;
    for (int64_t i = 0; i < s.len; i++) {
        uint8_t c = s.ptr[i];
        if (c == '\r' || c == '\n')
            continue;
        const char *q = c ? strchr(js_b64, c) : NULL;
        if (c == '=' && k >= 2) {
            pad++;
            k++;
            if (k == 4) {
                if (i + 1 != s.len) {
                    *bad = i + 1;
                    return false;
                }
                break;
            }
            continue;
        }
        if (!q || pad) {
            *bad = i;
            return false;
        }
        acc = acc << 6 | (uint32_t)(q - js_b64);
        if (++k == 4) {
            o[n++] = (uint8_t)(acc >> 16), o[n++] = (uint8_t)(acc >> 8), o[n++] = (uint8_t)acc;
            k = 0, acc = 0;
        }
    }
    if (k == 4 && pad) {
        acc <<= 6 * (uint32_t)pad;
        o[n++] = (uint8_t)(acc >> 16);
        if (pad == 1)
            o[n++] = (uint8_t)(acc >> 8);
    } else if (k != 0) {
        *bad = s.len - (k == 1 ? 1 : 0);
        return false;
    }
    *out = (Slice){o, n, n};
    return true;
}

static void dec_value(Dec *d, const Type *t, void *dst);

/* UnmarshalJSON through *T, when T has it; true when called. */
static JS_NOINLINE bool dec_unmarshaler(Dec *d, const Type *t, void *dst)
{
    if (!t->name || t->kind == KIND_INTERFACE)
        return false;
    const Method *m = js_find(t->ptrmethods, t->nptrmethods, "UnmarshalJSON");
    bool text = false;
    if (!m || !m->fn || m->sig->nparams != 1 || m->sig->nresults != 1) {
        m = js_find(t->ptrmethods, t->nptrmethods, "UnmarshalText");
        if (!m || !m->fn || m->sig->nparams != 1 || m->sig->nresults != 1)
            return false;
        text = true;
    }
    uint8_t c = d->s[d->p];
    Slice arg;
    if (text && c != '"') {
        /* UnmarshalText takes strings only; null leaves the value be */
        if (c != 'n')
            dec_type_error(d, dec_what(c), t);
        dec_skip(d);
        return true;
    }
    if (text) {
        String s = dec_string(d);
        arg = (Slice){(void *)s.ptr, s.len, s.len};
    } else {
        int64_t start = d->p;
        dec_skip(d);
        int64_t len = d->p - start;
        uint8_t *copy = heap_alloc_atomic((size_t)(len ? len : 1));
        memcpy(copy, d->s + start, (size_t)len);
        arg = (Slice){copy, len, len};
    }
    Slot args[3], res[2];
    nat_set_slice(args, arg);
    Type pt = {.kind = KIND_POINTER, .size = 8, .align = 8};
    void *recv = dst;
    /* a value receiver gets the value itself (a map, say), not &value */
    bool byval = !m->ptrrecv;
    if (!js_call(d->ctx, m, byval ? t : &pt, byval ? dst : (void *)&recv, args, res)) {
        d->panicked = true;
        return true;
    }
    Iface err = nat_iface(res);
    if (err.type) /* returned to the caller as it is (Go does not wrap it) */
        dec_abort(d, (String){0}, err);
    return true;
}

static void dec_any(Dec *d, Iface *out);

/* An object key into an integer map key (kbuf); false (error recorded)
 * when it is not a number of the key's type. */
static JS_NOINLINE bool dec_int_key(Dec *d, const Type *kt, String key, uint64_t *kbuf)
{
    int64_t iv = 0;
    uint64_t uv = 0;
    NumErr ne = kind_is_unsigned(kt->kind)
                    ? numconv_parse_uint(key.ptr, key.len, 10, (int)kt->size * 8, &uv)
                    : numconv_parse_int(key.ptr, key.len, 10, (int)kt->size * 8, &iv);
    if (ne != NUM_OK) {
        char *ks = string_cstr(key);
        char what[300];
        snprintf(what, sizeof what, "number %s", ks);
        dec_type_error(d, what, kt);
        return false;
    }
    if (kind_is_unsigned(kt->kind))
        iv = (int64_t)uv;
    memcpy(kbuf, &iv, kt->size);
    return true;
}

static JS_NOINLINE void dec_object_into_map(Dec *d, const Type *t, void *dst)
{
    const Type *kt = t->key;
    if (kt->kind != KIND_STRING && !kind_is_integer(kt->kind)) {
        dec_type_error(d, "object", t);
        dec_skip(d);
        return;
    }
    Map **mp = dst;
    if (!*mp)
        *mp = map_make(t, 0);
    d->p++;
    dec_skip_ws(d);
    if (d->s[d->p] == '}') {
        d->p++;
        return;
    }
    void *val = heap_alloc(t->elem->size ? t->elem->size : 1);
    for (;;) {
        dec_skip_ws(d);
        String key = dec_string(d);
        dec_skip_ws(d);
        d->p++; /* ':' */
        dec_skip_ws(d);
        memset(val, 0, t->elem->size);
        dec_value(d, t->elem, val);
        if (d->panicked || d->abort)
            return;
        uint64_t kbuf[2] = {0, 0};
        bool ok = true;
        if (kt->kind == KIND_STRING) {
            memcpy(kbuf, &key, sizeof key);
        } else {
            ok = dec_int_key(d, kt, key, kbuf);
        }
        if (ok) {
            bool unh = false;
            void *slot = map_assign(*mp, kbuf, &unh);
            memcpy(slot, val, t->elem->size);
        }
        dec_skip_ws(d);
        if (d->s[d->p++] == '}')
            return;
    }
}

/* bytes.EqualFold, as Go matches keys to field names: rune by rune,
 * equal after case mapping (ASCII fast, other letters through Unicode). */
static bool js_fold_eq(const char *a, size_t an, String k)
{
    const uint8_t *x = (const uint8_t *)a, *y = k.ptr;
    int64_t i = 0, j = 0, xn = (int64_t)an;
    while (i < xn && j < k.len) {
        int32_t r1, r2;
        int w1 = 1, w2 = 1;
        r1 = x[i] < 0x80 ? x[i] : utf8_decode(x + i, xn - i, &w1);
        r2 = y[j] < 0x80 ? y[j] : utf8_decode(y + j, k.len - j, &w2);
        if (r1 != r2 &&
            unicode_to_lower(unicode_to_upper(r1)) != unicode_to_lower(unicode_to_upper(r2)))
            return false;
        i += w1, j += w2;
    }
    return i == xn && j == k.len;
}

/* A ",string" field given something other than a string or null. */
static JS_NOINLINE void dec_unquoted_value(Dec *d, const Type *ft)
{
    char tn[200], msg[300];
    type_string(ft, true, tn, sizeof tn);
    snprintf(msg, sizeof msg,
             "json: invalid use of ,string struct tag, trying to unmarshal unquoted value into %s",
             tn);
    dec_fail(d, JE_OTHER, msg);
    dec_skip(d);
}

/* A ",string" field: the value is inside a JSON string. */
static JS_NOINLINE void dec_quoted_field(Dec *d, const JField *f, void *fp)
{
    /* ,string: the value is inside a JSON string */
    String inner = dec_string(d);
    Dec sub = *d;
    sub.s = inner.ptr, sub.n = inner.len, sub.p = 0;
    Scan sc;
    if (f->type->kind == KIND_STRING
            ? inner.len && inner.ptr[0] == '"' && js_check(&sc, inner.ptr, inner.len)
            : js_check(&sc, inner.ptr, inner.len)) {
        dec_value(&sub, f->type, fp);
        if (sub.abort || (!d->err && sub.err))
            d->err = sub.err, d->msg = sub.msg, d->a = sub.a, d->b = sub.b, d->uerr = sub.uerr,
            d->abort = sub.abort;
    } else if (!d->err) {
        char tn[200];
        type_string(f->type, true, tn, sizeof tn);
        StrBuf m = {0};
        sbuf_init(&m);
        sbuf_puts(&m, "json: invalid use of ,string struct tag, trying to unmarshal ");
        numconv_quote(&m, inner.ptr, inner.len, '"', false);
        sbuf_puts(&m, " into ");
        sbuf_puts(&m, tn);
        d->err = JE_OTHER;
        d->msg = sbuf_string(&m);
    }
}

/* DisallowUnknownFields: a key matching no field. */
static JS_NOINLINE void dec_unknown_field(Dec *d, String key)
{
    StrBuf m = {0};
    sbuf_init(&m);
    sbuf_puts(&m, "json: unknown field ");
    numconv_quote(&m, key.ptr, key.len, '"', false);
    if (!d->err) {
        d->err = JE_OTHER;
        d->msg = sbuf_string(&m);
    }
}

static JS_NOINLINE void dec_object_into_struct(Dec *d, const Type *t, void *dst)
{
    JFields fs = js_fields_cached(t);
    d->p++;
    dec_skip_ws(d);
    if (d->s[d->p] == '}') {
        d->p++;
        return;
    }
    for (;;) {
        dec_skip_ws(d);
        String key = dec_string(d);
        dec_skip_ws(d);
        d->p++;
        dec_skip_ws(d);
        const JField *f = NULL;
        for (int i = 0; i < fs.n && !f; i++)
            if ((int64_t)fs.f[i].namelen == key.len &&
                memcmp(fs.f[i].name, key.ptr, (size_t)key.len) == 0)
                f = &fs.f[i];
        for (int i = 0; i < fs.n && !f; i++)
            if (js_fold_eq(fs.f[i].name, fs.f[i].namelen, key))
                f = &fs.f[i];
        if (f) {
            const Type *save_st = d->ctx_struct;
            size_t plen = strlen(d->path);
            if (save_st && plen + 1 < sizeof d->path)
                strcat(d->path, ".");
            if (strlen(d->path) + f->namelen < sizeof d->path)
                strncat(d->path, f->name, f->namelen);
            d->ctx_struct = t;
            void *fp = js_field_addr(t, dst, f, true);
            if (f->quoted && d->s[d->p] == '"') {
                dec_quoted_field(d, f, fp);
            } else if (f->quoted && d->s[d->p] != 'n') {
                dec_unquoted_value(d, f->type);
            } else {
                dec_value(d, f->type, fp);
            }
            d->ctx_struct = save_st;
            d->path[plen] = 0;
            if (d->panicked || d->abort)
                return;
        } else {
            if (d->strict && !d->err)
                dec_unknown_field(d, key);
            dec_skip(d);
        }
        dec_skip_ws(d);
        if (d->s[d->p++] == '}')
            return;
    }
}

static void dec_array(Dec *d, const Type *t, void *dst)
{
    const Type *et = t->elem;
    size_t es = et->size;
    bool isslice = t->kind == KIND_SLICE;
    Slice s = isslice ? *(Slice *)dst : (Slice){dst, t->len, t->len};
    int64_t oldlen = s.len;
    int64_t i = 0;
    d->p++;
    dec_skip_ws(d);
    if (d->s[d->p] == ']') {
        d->p++;
    } else {
        for (;;) {
            dec_skip_ws(d);
            if (isslice && i >= s.cap) {
                int64_t nc = vm_grow_cap(s.cap, i + 1, (int64_t)es);
                if (nc < 0)
                    heap_out_of_memory();
                void *np = heap_new_array(et, nc);
                if (i)
                    memcpy(np, s.ptr, (size_t)i * es);
                s.ptr = np, s.cap = nc;
            }
            if (i < s.cap) {
                void *ep = (char *)s.ptr + (size_t)i * es;
                if (isslice && i >= oldlen)
                    memset(ep, 0, es);
                if (isslice && i >= s.len) {
                    /* the header grows as elements come, as Go's SetLen:
                     * an error that stops decoding leaves it so */
                    s.len = i + 1;
                    *(Slice *)dst = s;
                }
                dec_value(d, et, ep);
            } else {
                dec_skip(d);
            }
            if (d->panicked || d->abort)
                return;
            i++;
            dec_skip_ws(d);
            if (d->s[d->p++] == ']')
                break;
        }
    }
    if (isslice) {
        if (i == 0 && !s.ptr)
            s.ptr = heap_new_array(et, 0);
        s.len = i;
        *(Slice *)dst = s;
    } else if (i < t->len) {
        memset((char *)dst + (size_t)i * es, 0, (size_t)(t->len - i) * es);
    }
}

/* A number into an integer or float of type t. */
/* "number <text>" into t: Go's UnmarshalTypeError for a number that does
 * not fit (built only when it happens). */
static JS_NOINLINE void dec_number_error(Dec *d, const Type *t, String num)
{
    char *txt = string_cstr(num);
    char what[300];
    snprintf(what, sizeof what, "number %s", txt);
    dec_type_error(d, what, t);
}

static void dec_number_into(Dec *d, const Type *t, void *dst, String num)
{
    NumErr ne;
    if (kind_is_integer(t->kind)) {
        int bits = (int)t->size * 8;
        uint64_t u = 0;
        int64_t v = 0;
        ne = kind_is_unsigned(t->kind) ? numconv_parse_uint(num.ptr, num.len, 10, bits, &u)
                                       : numconv_parse_int(num.ptr, num.len, 10, bits, &v);
        if (ne != NUM_OK) {
            dec_number_error(d, t, num);
            return;
        }
        if (kind_is_unsigned(t->kind))
            v = (int64_t)u;
        memcpy(dst, &v, t->size); /* little-endian: the low bytes */
        return;
    }
    double f;
    if (numconv_parse_float(num.ptr, num.len, (int)t->size * 8, &f) != NUM_OK) {
        dec_number_error(d, t, num);
        return;
    }
    if (t->kind == KIND_FLOAT32) {
        float g = (float)f;
        memcpy(dst, &g, 4);
    } else {
        memcpy(dst, &f, 8);
    }
}

/* A string literal into t: strings, []byte (base64), json.Number. */
static JS_NOINLINE void dec_string_into(Dec *d, const Type *t, void *dst)
{
    int64_t start = d->p;
    String s = dec_string(d);
    if (js_is_number_type(t) && !js_is_number_text(s)) {
        /* Go quotes the literal as it appears in the input, quotes and all */
        StrBuf m = {0};
        sbuf_init(&m);
        sbuf_puts(&m, "json: invalid number literal, trying to unmarshal ");
        numconv_quote(&m, d->s + start, d->p - start, '"', false);
        sbuf_puts(&m, " into Number");
        dec_abort(d, sbuf_string(&m), (Iface){0});
    } else if (t->kind == KIND_STRING)
        memcpy(dst, &s, sizeof s);
    else if (t->kind == KIND_SLICE && t->elem->kind == KIND_UINT8) {
        Slice b;
        int64_t bad = 0;
        if (js_base64(s, &b, &bad))
            memcpy(dst, &b, sizeof b);
        else {
            char msg[80];
            snprintf(msg, sizeof msg, "illegal base64 data at input byte %lld", (long long)bad);
            dec_fail(d, JE_OTHER, msg);
        }
    } else
        dec_type_error(d, "string", t);
    return;
}

static void dec_value(Dec *d, const Type *t, void *dst)
{
    if (d->panicked || d->abort)
        return;
    uint8_t c = d->s[d->p];
    if (t->kind == KIND_POINTER) {
        void **pp = dst;
        if (c == 'n') {
            d->p += 4;
            *pp = NULL;
            return;
        }
        if (!*pp)
            *pp = heap_new(t->elem);
        dec_value(d, t->elem, *pp);
        return;
    }
    /* a named type's own UnmarshalJSON sees null too */
    if (dec_unmarshaler(d, t, dst))
        return;
    if (c == 'n') {
        /* null: clears interfaces, maps and slices only */
        d->p += 4;
        if (t->kind == KIND_MAP || t->kind == KIND_SLICE || t->kind == KIND_INTERFACE)
            memset(dst, 0, t->size);
        return;
    }
    if (t->kind == KIND_INTERFACE) {
        Iface *x = dst;
        if (x->type && x->type->kind == KIND_POINTER && x->word.p) {
            dec_value(d, x->type, &x->word.p);
            return;
        }
        if (t->nmethods) {
            dec_type_error(d, dec_what(c), t);
            dec_skip(d);
            return;
        }
        dec_any(d, x);
        return;
    }
    switch (c) {
    case '{':
        if (t->kind == KIND_MAP)
            dec_object_into_map(d, t, dst);
        else if (t->kind == KIND_STRUCT)
            dec_object_into_struct(d, t, dst);
        else {
            dec_type_error(d, "object", t);
            dec_skip(d);
        }
        return;
    case '[':
        if (t->kind == KIND_SLICE || t->kind == KIND_ARRAY)
            dec_array(d, t, dst);
        else {
            dec_type_error(d, "array", t);
            dec_skip(d);
        }
        return;
    case '"':
        dec_string_into(d, t, dst);
        return;
    case 't':
    case 'f':
        d->p += c == 't' ? 4 : 5;
        if (t->kind == KIND_BOOL)
            *(uint8_t *)dst = c == 't';
        else
            dec_type_error(d, "bool", t);
        return;
    default: {
        String num = dec_number_text(d);
        if (kind_is_integer(t->kind) || kind_is_float(t->kind))
            dec_number_into(d, t, dst, num);
        else if (js_is_number_type(t)) {
            String s = string_from_bytes(num.ptr, num.len);
            memcpy(dst, &s, sizeof s);
        } else
            dec_type_error(d, "number", t);
        return;
    }
    }
}

/* A number into an empty interface: float64, or json.Number. */
static JS_NOINLINE void dec_any_number(Dec *d, Iface *out)
{
    String num = dec_number_text(d);
    if (d->use_number) {
        String s = string_from_bytes(num.ptr, num.len);
        *out = iface_box((Type *)d->number, &s);
        return;
    }
    double f;
    if (numconv_parse_float(num.ptr, num.len, 64, &f) != NUM_OK) {
        char *txt = string_cstr(num);
        char what[300];
        snprintf(what, sizeof what, "number %s", txt);
        dec_type_error(d, what, type_basic[KIND_FLOAT64]);
        *out = (Iface){0};
        return;
    }
    *out = iface_box(type_basic[KIND_FLOAT64], &f);
    return;
}

/* A value into an empty interface: Go's generic forms. */
static void dec_any(Dec *d, Iface *out)
{
    uint8_t c = d->s[d->p];
    switch (c) {
    case '{': {
        Map *m = NULL;
        dec_object_into_map(d, d->map_any, &m);
        *out = (Iface){(Type *)d->map_any, {.p = m}};
        return;
    }
    case '[': {
        Slice s = {0};
        dec_array(d, d->slice_any, &s);
        *out = iface_box((Type *)d->slice_any, &s);
        return;
    }
    case '"': {
        String s = dec_string(d);
        *out = iface_box(type_basic[KIND_STRING], &s);
        return;
    }
    case 't':
    case 'f': {
        d->p += c == 't' ? 4 : 5;
        bool b = c == 't';
        *out = iface_box(type_basic[KIND_BOOL], &b);
        return;
    }
    case 'n':
        d->p += 4;
        *out = (Iface){0};
        return;
    default:
        dec_any_number(d, out);
        return;
    }
}

/* unmarshal(data []byte, v any, useNumber, strict bool, mt, st, nt any)
 *   (kind int, msg string, a string, b string, off int, err error) */
static NativeStatus json_unmarshal(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice data = nat_slice(args);
    Iface v = nat_iface(args + 3);
    Dec d = {.ctx = ctx,
             .s = data.ptr,
             .n = data.len,
             .use_number = args[5].u & 1,
             .strict = args[6].u & 1,
             .map_any = nat_iface(args + 7).type,
             .slice_any = nat_iface(args + 9).type,
             .number = nat_iface(args + 11).type};
    Scan sc;
    if (!js_check(&sc, data.ptr, data.len)) {
        d.err = JE_SYNTAX;
        d.msg = nat_cstr(sc.msg);
        d.off = sc.off;
    } else if (!v.type || v.type->kind != KIND_POINTER || !v.word.p) {
        char tn[200], msg[260];
        if (!v.type)
            snprintf(msg, sizeof msg, "json: Unmarshal(nil)");
        else if (v.type->kind != KIND_POINTER)
            snprintf(msg, sizeof msg, "json: Unmarshal(non-pointer %s)",
                     type_string(v.type, true, tn, sizeof tn));
        else
            snprintf(msg, sizeof msg, "json: Unmarshal(nil %s)",
                     type_string(v.type, true, tn, sizeof tn));
        dec_fail(&d, JE_INVALID_UNMARSHAL, msg);
    } else {
        dec_skip_ws(&d);
        dec_value(&d, v.type->elem, v.word.p);
        if (d.panicked)
            return NATIVE_PANIC;
    }
    res[0].i = d.err;
    nat_set_str(res + 1, d.msg);
    nat_set_str(res + 3, d.a);
    nat_set_str(res + 5, d.b);
    res[7].i = d.off;
    nat_set_iface(res + 8, d.uerr);
    return NATIVE_OK;
}

/* valid(data []byte) bool */
static NativeStatus json_valid(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    Slice data = nat_slice(args);
    Scan sc;
    res[0].u = js_check(&sc, data.ptr, data.len);
    return NATIVE_OK;
}

static void js_set_bytes(Slot *res, const StrBuf *b)
{
    String s = sbuf_string(b);
    nat_set_slice(res, (Slice){(void *)s.ptr, s.len, s.len});
}

/* indentBytes(src []byte, prefix, indent string) ([]byte, int, string, int) */
static NativeStatus json_indent_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    Slice src = nat_slice(args);
    String prefix = nat_str(args + 3), ind = nat_str(args + 5);
    Scan sc;
    StrBuf b = {0};
    sbuf_init(&b);
    bool ok = js_check(&sc, src.ptr, src.len);
    if (ok)
        js_indent(&b, src.ptr, src.len, prefix, ind);
    js_set_bytes(res, &b);
    res[3].i = ok ? JE_NONE : JE_SYNTAX;
    nat_set_str(res + 4, ok ? (String){0} : nat_cstr(sc.msg));
    res[6].i = ok ? 0 : sc.off;
    return NATIVE_OK;
}

/* compactBytes(src []byte, escapeHTML bool) ([]byte, int, string, int) */
static NativeStatus json_compact_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    Slice src = nat_slice(args);
    bool html = args[3].u & 1;
    Scan sc;
    StrBuf b = {0};
    sbuf_init(&b);
    bool ok = js_check(&sc, src.ptr, src.len);
    if (ok)
        js_compact(&b, src.ptr, src.len, html);
    js_set_bytes(res, &b);
    res[3].i = ok ? JE_NONE : JE_SYNTAX;
    nat_set_str(res + 4, ok ? (String){0} : nat_cstr(sc.msg));
    res[6].i = ok ? 0 : sc.off;
    return NATIVE_OK;
}

/* valueEnd(buf []byte, eof bool) (n int, kind int, msg string, off int):
 * the length of the first whole value in buf (with the whitespace before
 * it), 0 when more input is needed (or, at eof, when only whitespace is
 * left). A number at the end is complete only at eof. */
static NativeStatus json_value_end(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    Slice buf = nat_slice(args);
    bool eof = args[3].u & 1;
    Scan sc = {.s = buf.ptr, .n = buf.len};
    int64_t p = js_skip_ws(&sc, 0), n = 0;
    JsonErr k = JE_NONE;
    String msg = {0};
    if (p < buf.len) {
        int64_t e = js_scan_value(&sc, p);
        if (e >= 0 && (e < buf.len || eof || !(js_digit(((const uint8_t *)buf.ptr)[e - 1]))))
            n = e;
        else if (e < 0 && !sc.eof) {
            k = JE_SYNTAX;
            msg = nat_cstr(sc.msg);
        } else if (e < 0 && eof) {
            k = JE_OTHER;
            msg = nat_cstr("unexpected EOF");
        }
    }
    res[0].i = n;
    res[1].i = k;
    nat_set_str(res + 2, msg);
    res[4].i = sc.off;
    return NATIVE_OK;
}

static const StdNative json_natives[] = {
    {"marshal", json_marshal},
    {"unmarshal", json_unmarshal},
    {"valid", json_valid},
    {"indentBytes", json_indent_bytes},
    {"compactBytes", json_compact_bytes},
    {"valueEnd", json_value_end},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_json = {"encoding/json", json_source, json_natives};
