/* strings.c — package strings: searching, splitting, joining, case
 * mapping and trimming as natives (they are the hot paths of real
 * programs), Builder's writers and String (hot and copy-free), the rest
 * of Builder, Reader, Replacer and the func-taking helpers in Go.
 *
 * Results share the argument's bytes wherever Go's would (substrings,
 * split pieces), and allocate atomically otherwise. Must never mutate an
 * argument string.
 */
#include "fmtcore.h"
#include "native.h"

/* The package's Go source, stdlib/go/strings.go, as strings_source. */
#include "stdlib/strings_go.h"

static int64_t str_index(String s, String sub)
{
    if (sub.len == 0)
        return 0;
    if (sub.len > s.len)
        return -1;
    if (sub.len == 1) {
        /* One-byte separators (" ", "\n", ",") are the common case:
         * memchr is several times cheaper than memmem's setup. */
        const uint8_t *p = memchr(s.ptr, sub.ptr[0], (size_t)s.len);
        return p ? p - s.ptr : -1;
    }
    const uint8_t *p = memmem(s.ptr, (size_t)s.len, sub.ptr, (size_t)sub.len);
    return p ? p - s.ptr : -1;
}

static int64_t str_last_index(String s, String sub)
{
    if (sub.len == 0)
        return s.len;
    for (int64_t i = s.len - sub.len; i >= 0; i--)
        if (s.ptr[i] == sub.ptr[0] && memcmp(s.ptr + i, sub.ptr, (size_t)sub.len) == 0)
            return i;
    return -1;
}

static int64_t str_count(String s, String sub)
{
    if (sub.len == 0) {
        int64_t c = 0;
        for (int64_t i = 0; i < s.len; c++) {
            int w = 1;
            if (s.ptr[i] >= 0x80)
                utf8_decode(s.ptr + i, s.len - i, &w);
            i += w;
        }
        return c + 1;
    }
    int64_t n = 0;
    if (sub.len == 1) {
        const uint8_t *p = s.ptr, *end = s.ptr + s.len;
        while (p < end && (p = memchr(p, sub.ptr[0], (size_t)(end - p))) != NULL) {
            n++;
            p++;
        }
        return n;
    }
    for (;;) {
        int64_t i = str_index(s, sub);
        if (i < 0)
            return n;
        n++;
        s.ptr += i + sub.len;
        s.len -= i + sub.len;
    }
}

static inline String str_sub(String s, int64_t i, int64_t j)
{
    return (String){s.ptr + i, j - i};
}

/* Index(s, substr string) int */
static NativeStatus strings_index(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].i = str_index(nat_str(args), nat_str(args + 2));
    return NATIVE_OK;
}

/* LastIndex(s, substr string) int */
static NativeStatus strings_last_index(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].i = str_last_index(nat_str(args), nat_str(args + 2));
    return NATIVE_OK;
}

/* IndexByte(s string, c byte) int */
static NativeStatus strings_index_byte(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    const uint8_t *p = s.len ? memchr(s.ptr, (int)(args[2].u & 0xFF), (size_t)s.len) : NULL;
    res[0].i = p ? p - s.ptr : -1;
    return NATIVE_OK;
}

/* LastIndexByte(s string, c byte) int */
static NativeStatus strings_last_index_byte(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    uint8_t c = (uint8_t)args[2].u;
    int64_t i = s.len - 1;
    while (i >= 0 && s.ptr[i] != c)
        i--;
    res[0].i = i;
    return NATIVE_OK;
}

/* IndexRune(s string, r rune) int */
static NativeStatus strings_index_rune(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    int32_t r = (int32_t)args[2].i;
    int64_t found = -1;
    for (int64_t i = 0; i < s.len;) {
        int w = 1;
        int32_t c = s.ptr[i] < 0x80 ? s.ptr[i] : utf8_decode(s.ptr + i, s.len - i, &w);
        if (c == r) {
            found = i;
            break;
        }
        i += w;
    }
    res[0].i = found;
    return NATIVE_OK;
}

static bool rune_in(String set, int32_t r)
{
    for (int64_t i = 0; i < set.len;) {
        int w = 1;
        int32_t c = set.ptr[i] < 0x80 ? set.ptr[i] : utf8_decode(set.ptr + i, set.len - i, &w);
        if (c == r)
            return true;
        i += w;
    }
    return false;
}

/* IndexAny(s, chars string) int */
static NativeStatus strings_index_any(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args), chars = nat_str(args + 2);
    int64_t found = -1;
    for (int64_t i = 0; i < s.len && chars.len;) {
        int w = 1;
        int32_t c = s.ptr[i] < 0x80 ? s.ptr[i] : utf8_decode(s.ptr + i, s.len - i, &w);
        if (rune_in(chars, c)) {
            found = i;
            break;
        }
        i += w;
    }
    res[0].i = found;
    return NATIVE_OK;
}

/* LastIndexAny(s, chars string) int */
static NativeStatus strings_last_index_any(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args), chars = nat_str(args + 2);
    int64_t found = -1;
    for (int64_t i = 0; i < s.len && chars.len;) {
        int w = 1;
        int32_t c = s.ptr[i] < 0x80 ? s.ptr[i] : utf8_decode(s.ptr + i, s.len - i, &w);
        if (rune_in(chars, c))
            found = i;
        i += w;
    }
    res[0].i = found;
    return NATIVE_OK;
}

/* Count(s, substr string) int */
static NativeStatus strings_count(NativeCtx *ctx, Slot *args, Slot *res)
{
    res[0].i = str_count(nat_str(args), nat_str(args + 2));
    return NATIVE_OK;
}

/* Go's genSplit: sepSave bytes of the separator stay with each piece. */
static Slice str_split(String s, String sep, int64_t sep_save, int64_t n)
{
    if (n == 0)
        return (Slice){0};
    if (sep.len == 0) {
        /* explode into UTF-8 sequences */
        int64_t runes = str_count(s, sep) - 1;
        if (n < 0 || n > runes)
            n = runes;
        String *a = heap_alloc(sizeof(String) * (size_t)(n ? n : 1));
        int64_t i = 0, k = 0;
        for (; k < n - 1 && i < s.len; k++) {
            int w = 1;
            if (s.ptr[i] >= 0x80)
                utf8_decode(s.ptr + i, s.len - i, &w);
            a[k] = str_sub(s, i, i + w);
            i += w;
        }
        if (n > 0)
            a[k++] = str_sub(s, i, s.len);
        return (Slice){a, k, n};
    }
    if (n < 0)
        n = str_count(s, sep) + 1;
    if (n > s.len + 1)
        n = s.len + 1;
    String *a = heap_alloc(sizeof(String) * (size_t)n);
    int64_t k = 0;
    while (k < n - 1) {
        int64_t m = str_index(s, sep);
        if (m < 0)
            break;
        a[k++] = str_sub(s, 0, m + sep_save);
        s = str_sub(s, m + sep.len, s.len);
    }
    a[k++] = s;
    return (Slice){a, k, n};
}

/* Split(s, sep string) []string */
static NativeStatus strings_split(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args), sep = nat_str(args + 2);
    nat_set_slice(res, str_split(s, sep, 0, -1));
    return NATIVE_OK;
}

/* SplitN(s, sep string, n int) []string */
static NativeStatus strings_split_n(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args), sep = nat_str(args + 2);
    int64_t n = args[4].i;
    nat_set_slice(res, str_split(s, sep, 0, n));
    return NATIVE_OK;
}

/* SplitAfter(s, sep string) []string */
static NativeStatus strings_split_after(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args), sep = nat_str(args + 2);
    nat_set_slice(res, str_split(s, sep, sep.len, -1));
    return NATIVE_OK;
}

/* SplitAfterN(s, sep string, n int) []string */
static NativeStatus strings_split_after_n(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args), sep = nat_str(args + 2);
    int64_t n = args[4].i;
    nat_set_slice(res, str_split(s, sep, sep.len, n));
    return NATIVE_OK;
}

/* Join(elems []string, sep string) string */
static NativeStatus strings_join(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice e = nat_slice(args);
    String sep = nat_str(args + 3);
    const String *el = e.ptr;
    if (e.len == 0) {
        nat_set_str(res, (String){0});
        return NATIVE_OK;
    }
    if (e.len == 1) {
        nat_set_str(res, el[0]);
        return NATIVE_OK;
    }
    int64_t total = sep.len * (e.len - 1);
    for (int64_t i = 0; i < e.len; i++)
        total += el[i].len;
    uint8_t *p = heap_alloc_atomic((size_t)total), *q = p;
    for (int64_t i = 0; i < e.len; i++) {
        if (i > 0 && sep.len) {
            memcpy(q, sep.ptr, (size_t)sep.len);
            q += sep.len;
        }
        if (el[i].len) {
            memcpy(q, el[i].ptr, (size_t)el[i].len);
            q += el[i].len;
        }
    }
    nat_set_str(res, (String){p, total});
    return NATIVE_OK;
}

/* Go's asciiSpace: the ASCII bytes unicode.IsSpace accepts. */
static const bool str_ascii_space[128] = {
    ['\t'] = true, ['\n'] = true, ['\v'] = true, ['\f'] = true, ['\r'] = true, [' '] = true,
};

/* The fields of s (runs of non-space runes) into out, or only counted when
 * out is NULL; returns the count. Pure-ASCII text takes a byte loop. */
static int64_t str_fields(String s, String *out)
{
    int64_t n = 0, start = -1;
    bool ascii = true;
    for (int64_t i = 0; i < s.len && ascii; i++)
        ascii = s.ptr[i] < 0x80;
    if (ascii) {
        for (int64_t i = 0; i < s.len; i++) {
            bool space = str_ascii_space[s.ptr[i]];
            if (space && start >= 0) {
                if (out)
                    out[n] = str_sub(s, start, i);
                n++;
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
    } else {
        for (int64_t i = 0; i < s.len;) {
            int w = 1;
            int32_t r = s.ptr[i] < 0x80 ? s.ptr[i] : utf8_decode(s.ptr + i, s.len - i, &w);
            bool space = unicode_is_space(r);
            if (space && start >= 0) {
                if (out)
                    out[n] = str_sub(s, start, i);
                n++;
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
            i += w;
        }
    }
    if (start >= 0) {
        if (out)
            out[n] = str_sub(s, start, s.len);
        n++;
    }
    return n;
}

/* Fields(s string) []string: counted first so the result is allocated once
 * at its exact size (Go's cap is the field count too). */
static NativeStatus strings_fields(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    int64_t n = str_fields(s, NULL);
    /* n == 0 gives the shared zero-size block: non-nil, as Go's []string{}. */
    String *a = heap_alloc(sizeof(String) * (size_t)n);
    str_fields(s, a);
    nat_set_slice(res, (Slice){a, n, n});
    return NATIVE_OK;
}

/* Repeat(s string, count int) string: Go 1.22's checks in Go's order
 * (count 0 and 1 first, so Repeat(s, 1) never panics). The result is
 * built by doubling: log2(count) copies, not count. */
static NativeStatus strings_repeat(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    int64_t count = args[2].i;
    if (count == 0 || count == 1) {
        nat_set_str(res, count ? s : (String){NULL, 0});
        return NATIVE_OK;
    }
    if (count < 0)
        return native_panic_string(ctx, "strings: negative Repeat count");
    if (s.len >= INT64_MAX / count)
        return native_panic_string(ctx, "strings: Repeat output length overflow");
    int64_t total = s.len * count;
    if (total == 0) {
        nat_set_str(res, (String){NULL, 0});
        return NATIVE_OK;
    }
    uint8_t *p = heap_alloc_bytes((size_t)total); /* every byte written below */
    memcpy(p, s.ptr, (size_t)s.len);
    for (int64_t done = s.len; done < total;) {
        int64_t n = done < total - done ? done : total - done;
        memcpy(p + done, p, (size_t)n);
        done += n;
    }
    nat_set_str(res, (String){p, total});
    return NATIVE_OK;
}

/* Replace(s, old, new string, n int) string */
static NativeStatus strings_replace(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args), old = nat_str(args + 2), nw = nat_str(args + 4);
    int64_t n = args[6].i;
    if (string_eq(old, nw) || n == 0) {
        nat_set_str(res, s);
        return NATIVE_OK;
    }
    int64_t m = str_count(s, old);
    if (m == 0) {
        nat_set_str(res, s);
        return NATIVE_OK;
    }
    if (n < 0 || m < n)
        n = m;
    StrBuf b = {0};
    sbuf_init(&b);
    int64_t start = 0;
    for (int64_t i = 0; i < n; i++) {
        int64_t j = start;
        if (old.len == 0) {
            if (i > 0) {
                int w = 1;
                if (start < s.len && s.ptr[start] >= 0x80)
                    utf8_decode(s.ptr + start, s.len - start, &w);
                j += w;
            }
        } else {
            j += str_index(str_sub(s, start, s.len), old);
        }
        sbuf_put(&b, s.ptr + start, (size_t)(j - start));
        sbuf_put(&b, nw.ptr, (size_t)nw.len);
        start = j + old.len;
    }
    sbuf_put(&b, s.ptr + start, (size_t)(s.len - start));
    nat_set_str(res, sbuf_string(&b));
    return NATIVE_OK;
}

/* Maps every rune of s (invalid bytes become U+FFFD, as strings.Map). */
static String str_map(String s, int32_t (*f)(int32_t))
{
    bool change = false;
    for (int64_t i = 0; i < s.len && !change;) {
        int w = 1;
        int32_t r = s.ptr[i] < 0x80 ? s.ptr[i] : utf8_decode(s.ptr + i, s.len - i, &w);
        change = f(r) != r || (r == 0xFFFD && w == 1);
        i += w;
    }
    if (!change)
        return s;
    StrBuf b = {0};
    sbuf_init(&b);
    for (int64_t i = 0; i < s.len;) {
        int w = 1;
        int32_t r = s.ptr[i] < 0x80 ? s.ptr[i] : utf8_decode(s.ptr + i, s.len - i, &w);
        sbuf_put_rune(&b, f(r));
        i += w;
    }
    return sbuf_string(&b);
}

/* ToUpper(s string) string */
static NativeStatus strings_to_upper(NativeCtx *ctx, Slot *args, Slot *res)
{
    nat_set_str(res, str_map(nat_str(args), unicode_to_upper));
    return NATIVE_OK;
}

/* ToLower(s string) string */
static NativeStatus strings_to_lower(NativeCtx *ctx, Slot *args, Slot *res)
{
    nat_set_str(res, str_map(nat_str(args), unicode_to_lower));
    return NATIVE_OK;
}

/* Title(s string) string: upper-cases the first letter of each word. */
static NativeStatus strings_title(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args);
    StrBuf b = {0};
    sbuf_init(&b);
    int32_t prev = ' ';
    for (int64_t i = 0; i < s.len;) {
        int w = 1;
        int32_t r = s.ptr[i] < 0x80 ? s.ptr[i] : utf8_decode(s.ptr + i, s.len - i, &w);
        bool sep = !(unicode_is_letter(prev) || unicode_is_digit(prev) || prev == '_');
        sbuf_put_rune(&b, sep ? unicode_to_upper(r) : r);
        prev = r;
        i += w;
    }
    nat_set_str(res, sbuf_string(&b));
    return NATIVE_OK;
}

/* Trims runes for which keep() is false from the chosen ends. */
static String str_trim(String s, String cut, bool space, bool left, bool right)
{
    int64_t i = 0, j = s.len;
    if (left) {
        while (i < j) {
            int w = 1;
            int32_t r = s.ptr[i] < 0x80 ? s.ptr[i] : utf8_decode(s.ptr + i, j - i, &w);
            if (!(space ? unicode_is_space(r) : rune_in(cut, r)))
                break;
            i += w;
        }
    }
    if (right) {
        while (j > i) {
            int64_t k = j - 1;
            while (k > i && (s.ptr[k] & 0xC0) == 0x80 && j - k < 4)
                k--;
            int w = 1;
            int32_t r = s.ptr[k] < 0x80 ? s.ptr[k] : utf8_decode(s.ptr + k, j - k, &w);
            if (k + w != j) {
                k = j - 1; /* invalid tail byte */
                r = 0xFFFD;
            }
            if (!(space ? unicode_is_space(r) : rune_in(cut, r)))
                break;
            j = k;
        }
    }
    return str_sub(s, i, j);
}

/* TrimSpace(s string) string */
static NativeStatus strings_trim_space(NativeCtx *ctx, Slot *args, Slot *res)
{
    nat_set_str(res, str_trim(nat_str(args), (String){0}, true, true, true));
    return NATIVE_OK;
}

/* Trim(s, cutset string) string */
static NativeStatus strings_trim(NativeCtx *ctx, Slot *args, Slot *res)
{
    nat_set_str(res, str_trim(nat_str(args), nat_str(args + 2), false, true, true));
    return NATIVE_OK;
}

/* TrimLeft(s, cutset string) string */
static NativeStatus strings_trim_left(NativeCtx *ctx, Slot *args, Slot *res)
{
    nat_set_str(res, str_trim(nat_str(args), nat_str(args + 2), false, true, false));
    return NATIVE_OK;
}

/* TrimRight(s, cutset string) string */
static NativeStatus strings_trim_right(NativeCtx *ctx, Slot *args, Slot *res)
{
    nat_set_str(res, str_trim(nat_str(args), nat_str(args + 2), false, false, true));
    return NATIVE_OK;
}

/* EqualFold(s, t string) bool: equal under simple case folding. */
static NativeStatus strings_equal_fold(NativeCtx *ctx, Slot *args, Slot *res)
{
    String s = nat_str(args), t = nat_str(args + 2);
    int64_t i = 0, j = 0;
    bool eq = true;
    while (eq && i < s.len && j < t.len) {
        int w1 = 1, w2 = 1;
        int32_t a = s.ptr[i] < 0x80 ? s.ptr[i] : utf8_decode(s.ptr + i, s.len - i, &w1);
        int32_t b = t.ptr[j] < 0x80 ? t.ptr[j] : utf8_decode(t.ptr + j, t.len - j, &w2);
        eq = a == b ||
             unicode_to_lower(unicode_to_upper(a)) == unicode_to_lower(unicode_to_upper(b));
        i += w1, j += w2;
    }
    res[0].u = eq && i == s.len && j == t.len;
    return NATIVE_OK;
}

/* ---- Builder: its buf is append-only bytes nobody else can reach ---- */

/* Appends n bytes at p to a Builder's buf, growing exactly as append would
 * (vm_grow_cap, so Cap() is Go's); the new array is not cleared since only
 * its first len bytes are ever read and those are copied in. */
static inline void builder_append(Slice *buf, const void *p, int64_t n)
{
    if (n == 0)
        return;
    Slice b = *buf;
    if (b.len + n > b.cap) {
        int64_t nc = vm_grow_cap(b.cap, b.len + n, 1);
        if (nc < 0) /* beyond Go's maxAlloc: no machine holds it */
            heap_out_of_memory();
        uint8_t *q = heap_alloc_bytes((size_t)nc);
        if (b.len)
            memcpy(q, b.ptr, (size_t)b.len);
        b.ptr = q;
        b.cap = nc;
    }
    memcpy((uint8_t *)b.ptr + b.len, p, (size_t)n);
    b.len += n;
    *buf = b;
}

/* The Builder's writers are natives: they are the hot calls of every
 * text-building loop, and a native costs one call instead of a bytecode
 * frame. args[0] is the *Builder, whose only field is buf. */

/* (*Builder).WriteString(s string) (int, error) */
static NativeStatus builder_write_string(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice *buf = args[0].p;
    String t = nat_str(args + 1);
    if (buf == NULL)
        return native_panic_error(ctx, "invalid memory address or nil pointer dereference");
    builder_append(buf, t.ptr, t.len);
    res[0].i = t.len;
    nat_set_nil(res + 1);
    return NATIVE_OK;
}

/* (*Builder).Write(p []byte) (int, error) */
static NativeStatus builder_write(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice *buf = args[0].p;
    Slice t = nat_slice(args + 1);
    if (buf == NULL)
        return native_panic_error(ctx, "invalid memory address or nil pointer dereference");
    builder_append(buf, t.ptr, t.len);
    res[0].i = t.len;
    nat_set_nil(res + 1);
    return NATIVE_OK;
}

/* (*Builder).WriteByte(c byte) error */
static NativeStatus builder_write_byte(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice *buf = args[0].p;
    uint8_t c = (uint8_t)args[1].u;
    if (buf == NULL)
        return native_panic_error(ctx, "invalid memory address or nil pointer dereference");
    builder_append(buf, &c, 1);
    nat_set_nil(res);
    return NATIVE_OK;
}

/* (*Builder).String() string: the accumulated bytes without a copy, as in
 * Go. Safe because a Builder only ever appends past len (or moves to a new
 * array): the bytes a returned string covers are never written again. */
static NativeStatus builder_string(NativeCtx *ctx, Slot *args, Slot *res)
{
    Slice *buf = args[0].p;
    if (buf == NULL)
        return native_panic_error(ctx, "invalid memory address or nil pointer dereference");
    nat_set_str(res, buf->len ? (String){buf->ptr, buf->len} : (String){0});
    return NATIVE_OK;
}

static const StdNative strings_natives[] = {
    {"*Builder.WriteString", builder_write_string},
    {"*Builder.Write", builder_write},
    {"*Builder.WriteByte", builder_write_byte},
    {"*Builder.String", builder_string},
    {"Index", strings_index},
    {"LastIndex", strings_last_index},
    {"IndexByte", strings_index_byte},
    {"LastIndexByte", strings_last_index_byte},
    {"IndexRune", strings_index_rune},
    {"IndexAny", strings_index_any},
    {"LastIndexAny", strings_last_index_any},
    {"Count", strings_count},
    {"Split", strings_split},
    {"SplitN", strings_split_n},
    {"SplitAfter", strings_split_after},
    {"SplitAfterN", strings_split_after_n},
    {"Join", strings_join},
    {"Fields", strings_fields},
    {"Repeat", strings_repeat},
    {"Replace", strings_replace},
    {"ToUpper", strings_to_upper},
    {"ToLower", strings_to_lower},
    {"Title", strings_title},
    {"TrimSpace", strings_trim_space},
    {"Trim", strings_trim},
    {"TrimLeft", strings_trim_left},
    {"TrimRight", strings_trim_right},
    {"EqualFold", strings_equal_fold},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_strings = {"strings", strings_source, strings_natives};
