/* regexp.c — package regexp's natives: compiling a pattern (the syntax
 * tree of regexp_syntax.c turned into a program by regexp_exec.c) and the
 * searches behind go/regexp.go's API, done here in bulk so that FindAll,
 * ReplaceAll and Split cross into C once, not once per match: Go's rules
 * for successive matches (an empty match right after a match is skipped,
 * replacement never doubles) live in re_all and re_replace_scan. The Go
 * half holds the API, $-expansion and result slicing.
 *
 * Must never keep a pointer into a subject string or byte slice beyond
 * the call (results are fresh []int or strings).
 */
#include "fmtcore.h"
#include "regexp.h"

/* The package's Go source, stdlib/go/regexp.go, as regexp_source. */
#include "stdlib/regexp_go.h"

/* compile(expr string, posix bool) (prog *byte, numSubexp int,
 *     names []string, prefix string, complete bool, err string) */
static NativeStatus regexp_native_compile(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    String src = nat_str(args);
    bool posix = args[2].i != 0;
    ReSyntax syn = resyn_parse(src, posix);
    if (syn.tree == NULL) {
        StrBuf b;
        sbuf_init(&b);
        sbuf_puts(&b, "error parsing regexp: ");
        sbuf_puts(&b, syn.err_code);
        sbuf_puts(&b, ": `");
        sbuf_put(&b, syn.err_expr, (size_t)syn.err_len);
        sbuf_putc(&b, '`');
        String msg = string_from_bytes(b.p, (int64_t)b.len);
        memset(res, 0, 10 * sizeof *res);
        nat_set_str(res + 8, msg);
        return NATIVE_OK;
    }
    ReProg *prog = reprog_new(resyn_simplify(syn.tree), syn.nsub);
    int nsub = syn.nsub;
    String *names = heap_alloc((size_t)(nsub + 1) * sizeof *names);
    for (int i = 0; i <= nsub; i++)
        names[i] = (String){NULL, 0};
    resyn_names(syn.tree, names);
    res[0].p = prog;
    res[1].i = nsub;
    nat_set_slice(res + 2, (Slice){names, nsub + 1, nsub + 1});
    nat_set_str(res + 5, prog->prefix);
    res[7].i = prog->complete;
    nat_set_str(res + 8, (String){NULL, 0});
    return NATIVE_OK;
}

/* Room for ncap positions: buf (64) when it fits, else the heap (a
 * pattern may have thousands of groups; the stack is not for that). */
static int64_t *cap_buf(int64_t *buf, int ncap)
{
    return ncap <= 64 ? buf : heap_alloc_atomic((size_t)ncap * sizeof(int64_t));
}

/* Input of the exec natives: a string, or a []byte (one more slot). */
static String arg_input(Slot *args, bool bytes)
{
    if (bytes) {
        Slice b = nat_slice(args);
        return (String){b.ptr, b.len};
    }
    return nat_str(args);
}

static Slice int_slice(const int64_t *v, int64_t n)
{
    int64_t *a = heap_alloc_atomic((size_t)(n ? n : 1) * sizeof *a);
    memcpy(a, v, (size_t)n * sizeof *a);
    return (Slice){a, n, n};
}

/* match(prog *byte, s string) bool, and matchBytes with b []byte. */
static NativeStatus re_match_common(Slot *args, Slot *res, bool bytes)
{
    const ReProg *p = args[0].p;
    String s = arg_input(args + 1, bytes);
    res[0].i = reprog_exec(p, s.ptr, s.len, 0, 0, false, NULL);
    return NATIVE_OK;
}
static NativeStatus regexp_native_match(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_match_common(args, res, false);
}
static NativeStatus regexp_native_match_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_match_common(args, res, true);
}

/* exec(prog *byte, s string, pos, ncap int, longest bool) []int: the
 * submatch positions of the first match at or after pos, nil if none. */
static NativeStatus re_exec_common(Slot *args, Slot *res, bool bytes)
{
    const ReProg *p = args[0].p;
    String s = arg_input(args + 1, bytes);
    Slot *a = args + (bytes ? 4 : 3);
    int64_t pos = a[0].i;
    int ncap = (int)a[1].i;
    bool longest = a[2].i != 0;
    if (ncap > p->ncap)
        ncap = p->ncap;
    int64_t capbuf[64], *cap = cap_buf(capbuf, ncap);
    if (!reprog_exec(p, s.ptr, s.len, pos, ncap, longest, cap)) {
        nat_set_slice(res, (Slice){NULL, 0, 0});
        return NATIVE_OK;
    }
    nat_set_slice(res, int_slice(cap, ncap));
    return NATIVE_OK;
}
static NativeStatus regexp_native_exec(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_exec_common(args, res, false);
}
static NativeStatus regexp_native_exec_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_exec_common(args, res, true);
}

typedef struct IntBuf {
    int64_t *v;
    int64_t n, cap;
} IntBuf;

static void ib_put(IntBuf *b, const int64_t *v, int n)
{
    if (b->n + n > b->cap) {
        int64_t nc = b->cap ? 2 * b->cap : 64;
        while (nc < b->n + n)
            nc *= 2;
        int64_t *nv = heap_alloc_atomic((size_t)nc * sizeof *nv);
        if (b->n)
            memcpy(nv, b->v, (size_t)b->n * sizeof *nv);
        b->v = nv;
        b->cap = nc;
    }
    memcpy(b->v + b->n, v, (size_t)n * sizeof *v);
    b->n += n;
}

/* Go's allMatches: successive matches, each ncap positions, an empty
 * match right after a previous match skipped. */
static void re_all(const ReProg *p, String s, int64_t limit, int ncap, bool longest, IntBuf *out)
{
    int64_t capbuf[64], *cap = cap_buf(capbuf, ncap);
    int64_t prev_end = -1, count = 0;
    for (int64_t pos = 0; count < limit && pos <= s.len;) {
        if (!reprog_exec(p, s.ptr, s.len, pos, ncap, longest, cap))
            break;
        bool accept = true;
        if (cap[1] == pos) {
            if (cap[0] == prev_end)
                accept = false;
            int w;
            re_rune_at(s.ptr, s.len, pos, &w);
            pos = w > 0 ? pos + w : s.len + 1;
        } else {
            pos = cap[1];
        }
        prev_end = cap[1];
        if (accept) {
            ib_put(out, cap, ncap);
            count++;
        }
    }
}

/* execAll(prog *byte, s string, n, ncap int, longest bool) []int: all
 * matches (n < 0: no limit), flattened, ncap ints each. */
static NativeStatus re_exec_all_common(Slot *args, Slot *res, bool bytes)
{
    const ReProg *p = args[0].p;
    String s = arg_input(args + 1, bytes);
    Slot *a = args + (bytes ? 4 : 3);
    int64_t limit = a[0].i < 0 ? INT64_MAX : a[0].i;
    int ncap = (int)a[1].i;
    bool longest = a[2].i != 0;
    if (ncap > p->ncap)
        ncap = p->ncap;
    if (ncap < 2)
        ncap = 2;
    IntBuf out = {0};
    re_all(p, s, limit, ncap, longest, &out);
    nat_set_slice(res, (Slice){out.v, out.n, out.cap});
    return NATIVE_OK;
}
static NativeStatus regexp_native_exec_all(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_exec_all_common(args, res, false);
}
static NativeStatus regexp_native_exec_all_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_exec_all_common(args, res, true);
}

/* The strings of flat match positions (pairs; -1: unmatched group, "").
 * They share s's bytes, as Go's substrings do. */
static Slice pos_strings(String s, const int64_t *v, int64_t n)
{
    int64_t k = n / 2;
    String *out = heap_alloc((size_t)(k ? k : 1) * sizeof *out);
    for (int64_t i = 0; i < k; i++)
        out[i] = v[2 * i] >= 0 ? (String){s.ptr + v[2 * i], v[2 * i + 1] - v[2 * i]}
                               : (String){NULL, 0};
    return (Slice){out, k, k};
}

/* submatchStrings(prog *byte, s string, longest bool) []string: the
 * leftmost match and its groups as FindStringSubmatch returns them. */
static NativeStatus regexp_native_submatch_strings(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    const ReProg *p = args[0].p;
    String s = nat_str(args + 1);
    int64_t capbuf[64], *cap = cap_buf(capbuf, p->ncap);
    if (!reprog_exec(p, s.ptr, s.len, 0, p->ncap, args[3].i != 0, cap)) {
        nat_set_slice(res, (Slice){NULL, 0, 0});
        return NATIVE_OK;
    }
    nat_set_slice(res, pos_strings(s, cap, p->ncap));
    return NATIVE_OK;
}

/* allStrings(prog *byte, s string, n, ncap int, longest bool) []string:
 * the matches (ncap 2) or matches and groups, flattened, as strings. */
static NativeStatus regexp_native_all_strings(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    const ReProg *p = args[0].p;
    String s = nat_str(args + 1);
    int64_t limit = args[3].i < 0 ? INT64_MAX : args[3].i;
    int ncap = (int)args[4].i;
    if (ncap > p->ncap)
        ncap = p->ncap;
    if (ncap < 2)
        ncap = 2;
    IntBuf out = {0};
    re_all(p, s, limit, ncap, args[5].i != 0, &out);
    nat_set_slice(res, out.n ? pos_strings(s, out.v, out.n) : (Slice){NULL, 0, 0});
    return NATIVE_OK;
}

/* Go's replaceAll scan: the matches that get a replacement (an empty
 * match right after a previous match gets none; dropping it changes
 * nothing else), ncap ints each. */
static void re_replace_scan(const ReProg *p, String s, int ncap, bool longest, IntBuf *out)
{
    int64_t capbuf[64], *cap = cap_buf(capbuf, ncap);
    int64_t last_end = 0, search = 0;
    while (search <= s.len) {
        if (!reprog_exec(p, s.ptr, s.len, search, ncap, longest, cap))
            break;
        if (cap[1] > last_end || cap[0] == 0)
            ib_put(out, cap, ncap);
        last_end = cap[1];
        int w;
        re_rune_at(s.ptr, s.len, search, &w);
        if (search + w > cap[1])
            search += w;
        else if (search + 1 > cap[1])
            search++;
        else
            search = cap[1];
    }
}

/* replaceMatches(prog *byte, s string, ncap int, longest bool) []int */
static NativeStatus re_replace_matches_common(Slot *args, Slot *res, bool bytes)
{
    const ReProg *p = args[0].p;
    String s = arg_input(args + 1, bytes);
    Slot *a = args + (bytes ? 4 : 3);
    int ncap = (int)a[0].i;
    bool longest = a[1].i != 0;
    if (ncap > p->ncap)
        ncap = p->ncap;
    if (ncap < 2)
        ncap = 2;
    IntBuf out = {0};
    re_replace_scan(p, s, ncap, longest, &out);
    nat_set_slice(res, (Slice){out.v, out.n, out.cap});
    return NATIVE_OK;
}
static NativeStatus regexp_native_replace_matches(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_replace_matches_common(args, res, false);
}
static NativeStatus regexp_native_replace_matches_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    return re_replace_matches_common(args, res, true);
}

/* Every match of p in s replaced by repl as is; the length in *total.
 * NULL when nothing matched. */
static uint8_t *replace_literal(const ReProg *p, String s, String repl, bool longest,
                                int64_t *total)
{
    IntBuf m = {0};
    re_replace_scan(p, s, 2, longest, &m);
    if (m.n == 0)
        return NULL;
    *total = s.len;
    for (int64_t k = 0; k < m.n; k += 2)
        *total += repl.len - (m.v[k + 1] - m.v[k]);
    uint8_t *buf = heap_alloc_bytes((size_t)(*total ? *total : 1));
    int64_t o = 0, last = 0;
    /* (empty strings and nil slices may have no pointer: copy only bytes) */
    for (int64_t k = 0; k < m.n; k += 2) {
        if (m.v[k] > last)
            memcpy(buf + o, s.ptr + last, (size_t)(m.v[k] - last));
        o += m.v[k] - last;
        if (repl.len)
            memcpy(buf + o, repl.ptr, (size_t)repl.len);
        o += repl.len;
        last = m.v[k + 1];
    }
    if (s.len > last)
        memcpy(buf + o, s.ptr + last, (size_t)(s.len - last));
    return buf;
}

/* replaceLiteral(prog *byte, s, repl string, longest bool) string
 * (ReplaceAllLiteralString, and ReplaceAllString when repl has no '$') */
static NativeStatus regexp_native_replace_literal(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    String s = nat_str(args + 1);
    int64_t total = 0;
    uint8_t *buf = replace_literal(args[0].p, s, nat_str(args + 3), args[5].i != 0, &total);
    nat_set_str(res, buf ? (String){buf, total} : s);
    return NATIVE_OK;
}

/* replaceLiteralBytes(prog *byte, b, repl []byte, longest bool) []byte: a
 * new slice as Go's (nil when it would be empty), even without a match. */
static NativeStatus regexp_native_replace_literal_bytes(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    Slice b = nat_slice(args + 1), r = nat_slice(args + 4);
    String s = {b.ptr, b.len};
    int64_t total = 0;
    uint8_t *buf =
        replace_literal(args[0].p, s, (String){r.ptr, r.len}, args[7].i != 0, &total);
    if (buf == NULL && s.len > 0) {
        buf = heap_alloc_bytes((size_t)s.len);
        memcpy(buf, s.ptr, (size_t)s.len);
        total = s.len;
    }
    nat_set_slice(res, total ? (Slice){buf, total, total} : (Slice){NULL, 0, 0});
    return NATIVE_OK;
}

static const StdNative regexp_natives[] = {
    {"compile", regexp_native_compile},
    {"match", regexp_native_match},
    {"matchBytes", regexp_native_match_bytes},
    {"exec", regexp_native_exec},
    {"execBytes", regexp_native_exec_bytes},
    {"execAll", regexp_native_exec_all},
    {"execAllBytes", regexp_native_exec_all_bytes},
    {"replaceMatches", regexp_native_replace_matches},
    {"replaceMatchesBytes", regexp_native_replace_matches_bytes},
    {"submatchStrings", regexp_native_submatch_strings},
    {"allStrings", regexp_native_all_strings},
    {"replaceLiteral", regexp_native_replace_literal},
    {"replaceLiteralBytes", regexp_native_replace_literal_bytes},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_regexp = {"regexp", regexp_source, regexp_natives};
