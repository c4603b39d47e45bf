/* test_fmt.c — fmt's engine (stdlib/fmtcore.c), strconv's number text and
 * quoting (stdlib/numconv.c) and the Unicode classes (stdlib/unicode.c),
 * driven directly with hand-built type descriptors.
 * Every expected string is what Go 1.22 prints for the same call (checked
 * with `go run`).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "runtime/map.h"
#include "stdlib/fmtcore.h"
#include "stdlib/stdlib.h"

/* A stand-in for runtime/type.c's type_string, used only when the real one
 * is not linked in (weak: the real definition wins). */
__attribute__((weak)) char *type_string(const Type *t, bool qualify, char *buf, size_t cap)
{
    char e[200], k[200];
    if (t->name) {
        snprintf(buf, cap, "%s%s%s", qualify && t->pkg ? t->pkg : "", qualify && t->pkg ? "." : "",
                 t->name);
        return buf;
    }
    switch (t->kind) {
    case KIND_SLICE:
        snprintf(buf, cap, "[]%s", type_string(t->elem, qualify, e, sizeof e));
        break;
    case KIND_ARRAY:
        snprintf(buf, cap, "[%lld]%s", (long long)t->len,
                 type_string(t->elem, qualify, e, sizeof e));
        break;
    case KIND_POINTER:
        snprintf(buf, cap, "*%s", type_string(t->elem, qualify, e, sizeof e));
        break;
    case KIND_MAP:
        snprintf(buf, cap, "map[%s]%s", type_string(t->key, qualify, k, sizeof k),
                 type_string(t->elem, qualify, e, sizeof e));
        break;
    case KIND_INTERFACE:
        snprintf(buf, cap, "interface {}");
        break;
    default:
        snprintf(buf, cap, "struct {...}");
        break;
    }
    return buf;
}

/* ---- hand-built types ---- */

static Type *basic(TypeKind k, const char *name, uint32_t size)
{
    Type *t = calloc(1, sizeof *t);
    t->kind = k;
    t->name = name;
    t->size = t->align = size;
    t->underlying = t;
    t->comparable = true;
    t->iface_direct = k != KIND_STRING && k != KIND_COMPLEX128 && k != KIND_COMPLEX64;
    if (k == KIND_STRING)
        t->align = 8, t->has_pointers = true;
    return t;
}

static Type *composite(TypeKind k, Type *elem, uint32_t size)
{
    Type *t = calloc(1, sizeof *t);
    t->kind = k;
    t->elem = elem;
    t->size = size;
    t->align = 8;
    t->underlying = t;
    t->has_pointers = true;
    t->iface_direct = k == KIND_POINTER || k == KIND_MAP;
    t->comparable = k != KIND_SLICE && k != KIND_MAP;
    return t;
}

static Type *tint, *tint8, *tu8, *tu64, *ti64, *ti32, *tf64, *tf32, *tbool, *tstr, *tc128, *tc64,
    *tany, *terror, *tints, *tbytes, *tstrs, *tanys, *tbool2, *tmapsi, *tmapib, *tT, *tPT, *tMyInt,
    *tS, *tP, *tPP, *tEStr, *tPEStr, *tEN, *tX;

static Type *struct_of(const char *name, int n, const char **names, Type **types, bool exported)
{
    Type *t = calloc(1, sizeof *t);
    t->kind = KIND_STRUCT;
    t->name = name;
    t->pkg = name ? "main" : NULL;
    t->nfields = n;
    t->fields = calloc((size_t)n, sizeof(Field));
    uint32_t off = 0;
    for (int i = 0; i < n; i++) {
        uint32_t a = types[i]->align ? types[i]->align : 1;
        off = (off + a - 1) / a * a;
        t->fields[i] = (Field){names[i], types[i], off, false, exported};
        off += types[i]->size;
    }
    t->size = (off + 7) / 8 * 8;
    t->align = 8;
    t->underlying = t;
    t->has_pointers = true;
    t->comparable = true;
    return t;
}

static Method dummy_method;

static void setup_types(void)
{
    tint = basic(KIND_INT, "int", 8);
    tint8 = basic(KIND_INT8, "int8", 1);
    tu8 = basic(KIND_UINT8, "uint8", 1);
    tu64 = basic(KIND_UINT64, "uint64", 8);
    ti64 = basic(KIND_INT64, "int64", 8);
    ti32 = basic(KIND_INT32, "int32", 4);
    tf64 = basic(KIND_FLOAT64, "float64", 8);
    tf32 = basic(KIND_FLOAT32, "float32", 4);
    tbool = basic(KIND_BOOL, "bool", 1);
    tstr = basic(KIND_STRING, "string", 16);
    tc128 = basic(KIND_COMPLEX128, "complex128", 16);
    tc64 = basic(KIND_COMPLEX64, "complex64", 8);
    tany = composite(KIND_INTERFACE, NULL, 16);
    tany->iface_direct = false;
    terror = composite(KIND_INTERFACE, NULL, 16);
    terror->name = "error";
    tints = composite(KIND_SLICE, tint, 24);
    tbytes = composite(KIND_SLICE, tu8, 24);
    tstrs = composite(KIND_SLICE, tstr, 24);
    tanys = composite(KIND_SLICE, tany, 24);
    tbool2 = composite(KIND_ARRAY, tbool, 2);
    tbool2->len = 2;
    tbool2->comparable = true;
    tmapsi = composite(KIND_MAP, tint, 8);
    tmapsi->key = tstr;
    tmapib = composite(KIND_MAP, tbool, 8);
    tmapib->key = tint;
    const char *ab[] = {"A", "B"};
    Type *ab_t[] = {tint, tstr};
    tT = struct_of("T", 2, ab, ab_t, true);
    tPT = composite(KIND_POINTER, tT, 8);
    tMyInt = basic(KIND_INT, "MyInt", 8);
    tMyInt->pkg = "main";
    tS = struct_of("S", 0, NULL, NULL, true);
    tS->nmethods = 1;
    tS->methods = &dummy_method;
    const char *x[] = {"x"};
    Type *x_t[] = {tint};
    tP = struct_of("P", 1, x, x_t, false);
    tP->nptrmethods = 1;
    tP->ptrmethods = &dummy_method;
    tPP = composite(KIND_POINTER, tP, 8);
    const char *s[] = {"s"};
    Type *s_t[] = {tstr};
    tEStr = struct_of("errorString", 1, s, s_t, false);
    tEStr->pkg = "errors";
    tEStr->nptrmethods = 1;
    tEStr->ptrmethods = &dummy_method;
    tPEStr = composite(KIND_POINTER, tEStr, 8);
    const char *en[] = {"E", "N"};
    Type *en_t[] = {terror, tany};
    tEN = struct_of(NULL, 2, en, en_t, true);
    const char *xx[] = {"X"};
    Type *xx_t[] = {tstrs};
    tX = struct_of(NULL, 1, xx, xx_t, true);
}

/* The method hook: S.String, (*P).String panics, (*errorString).Error. */
static bool test_method(void *arg, const Iface *v, const char *name, String *out, bool *panicked)
{
    (void)arg;
    if (v->type == tS && strcmp(name, "String") == 0) {
        *out = string_from_cstr("S!");
        return true;
    }
    if (v->type == tPP && strcmp(name, "String") == 0) {
        *panicked = true;
        *out = string_from_cstr("boom");
        return true;
    }
    if (v->type == tPEStr && strcmp(name, "Error") == 0) {
        *out = *(String *)v->word.p;
        return true;
    }
    return false;
}

/* ---- argument builders ---- */

static Iface I(Type *t, const void *v)
{
    return iface_box(t, v);
}
static Iface Iint(int64_t v)
{
    return I(tint, &v);
}
static Iface If64(double v)
{
    return I(tf64, &v);
}
static Iface If32(float v)
{
    return I(tf32, &v);
}
static Iface Istr(const char *s)
{
    String x = string_from_cstr(s);
    return I(tstr, &x);
}
static Iface Irune(int32_t r)
{
    return I(ti32, &r);
}
static Iface Ibool(bool b)
{
    return I(tbool, &b);
}
static Iface Inil(void)
{
    return (Iface){NULL, {0}};
}
static Iface Ibytes(const char *s)
{
    Slice x = {(void *)string_from_cstr(s).ptr, (int64_t)strlen(s), (int64_t)strlen(s)};
    return I(tbytes, &x);
}
static Iface Iints(int n, const int64_t *v)
{
    int64_t *p = heap_alloc_atomic(8 * (size_t)n);
    memcpy(p, v, 8 * (size_t)n);
    Slice x = {p, n, n};
    return I(tints, &x);
}

static char *run_printf(const char *format, int n, const Iface *args)
{
    StrBuf b = {0};
    sbuf_init(&b);
    fmtcore_printf(&b, string_from_cstr(format), args, n, test_method, NULL, NULL, NULL);
    return string_cstr(sbuf_string(&b));
}

#define PF(expect, format, ...)                                                                    \
    do {                                                                                           \
        Iface a_[] = {__VA_ARGS__};                                                                \
        char *got_ = run_printf(format, (int)(sizeof a_ / sizeof a_[0]), a_);                      \
        ck_assert_str_eq(got_, expect);                                                            \
    } while (0)

START_TEST(test_integers)
{
    PF("42|   42|42   |-0042|+42| 42|ff|FF|0xff|10|010|0o10|101|0b101",
       "%d|%5d|%-5d|%05d|%+d|% d|%x|%X|%#x|%o|%#o|%O|%b|%#b", Iint(42), Iint(42), Iint(42),
       Iint(-42), Iint(42), Iint(42), Iint(255), Iint(255), Iint(255), Iint(8), Iint(8), Iint(8),
       Iint(5), Iint(5));
    PF("007|    -007||A|'x'|U+1F600|U+0041 'A'", "%.3d|%8.3d|%.0d|%c|%q|%U|%#U", Iint(7), Iint(-7),
       Iint(0), Irune('A'), Irune('x'), Iint(0x1F600), Irune('A'));
    int8_t i8 = -5;
    uint8_t u8 = 200;
    uint64_t u64 = UINT64_MAX;
    int64_t i64 = INT64_MIN;
    PF("-5 200 18446744073709551615 -9223372036854775808", "%v %v %v %v", I(tint8, &i8),
       I(tu8, &u8), I(tu64, &u64), I(ti64, &i64));
    PF("-ff|68C3A96C6C6F|-10", "%x|%X|%o", Iint(-255), Istr("héllo"), Iint(-8));
    PF("-00003.142|42        |+0042| 0042|+1.235e+04|0x1.cp+01",
       "%010.3f|%-010d|%+05d|% 05d|%+.3e|%x", If64(-3.14159), Iint(42), Iint(42), Iint(42),
       If64(12345.678), If64(3.5));
}
END_TEST

START_TEST(test_floats)
{
    PF("3.14|1e+06|1e-05|100000|1e+21|+Inf|NaN", "%v|%v|%v|%v|%v|%v|%v", If64(3.14), If64(1e6),
       If64(1e-5), If64(100000.0), If64(1e21), If64(INFINITY), If64(NAN));
    PF("3.141590|3.14|   3.142|2.50    "
       "|1.234568e+03|1.234568E+03|1.2345e-05|1E+100|1.23e+03|-003.142|+2.0",
       "%f|%.2f|%8.3f|%-8.2f|%e|%E|%g|%G|%.3g|%08.3f|%+.1f", If64(3.14159), If64(3.14159),
       If64(3.14159), If64(2.5), If64(1234.5678), If64(1234.5678), If64(0.000012345), If64(1e100),
       If64(1234.5678), If64(-3.14159), If64(2.0));
    PF("0.1|3.4e+38|0.10000000149011612", "%v|%v|%v", If32(0.1f), If32(3.4e38f),
       If64((double)0.1f));
    PF("1|3.1|    0.6667|1.00000|0x0ff", "%v|%.2v|%10.4v|%#g|%#.3x", If64(1.0), If64(3.14159),
       If64(2.0 / 3), If64(1.0), Iint(255));
    PF("-0|1.235e+05|1e-07|1.23456789e+08|0.33333334", "%v|%.3e|%g|%g|%g", If64(-0.0),
       If64(123456.789), If64(1e-7), If64(123456789.0), If32(1.0f / 3));
    PF("0.1|0|2|2|0.2", "%.1f|%.0f|%.0f|%.0f|%.1f", If64(0.05), If64(0.5), If64(1.5), If64(2.5),
       If64(0.25));
    double c1[2] = {1, 2}, c2[2] = {-1.5, -0.5};
    float c3[2] = {0, 1};
    PF("(1+2i)|(-1.5-0.5i)|(0+1i)", "%v|%v|%v", I(tc128, c1), I(tc128, c2), I(tc64, c3));
}
END_TEST

START_TEST(test_strings)
{
    String nul = string_from_bytes("h\xc3\xa9llo\0", 7);
    PF("hi|\"hi\\n\"|6869|6869|68 69|0x6869|        hi|hi        |he|    h|",
       "%s|%q|%x|%X|% x|%#x|%10s|%-10s|%.2s|%5.1s|", Istr("hi"), Istr("hi\n"), Istr("hi"),
       Istr("hi"), Istr("hi"), Istr("hi"), Istr("hi"), Istr("hi"), Istr("hello"), Istr("hello"));
    PF("\"héllo\\x00\"|\"h\\u00e9llo\"|\"back`q\"|'é'", "%q|%+q|%#q|%q", I(tstr, &nul),
       Istr("héllo"), Istr("back`q"), Irune(0xE9));
    PF("000000ab|ab      |    \"ab\"", "%08s|%-08s|%8q", Istr("ab"), Istr("ab"), Istr("ab"));
    PF("[97 98]|[97 98]|ab|6162|[]uint8", "%v|%d|%s|%x|%T", Ibytes("ab"), Ibytes("ab"),
       Ibytes("ab"), Ibytes("ab"), Ibytes("ab"));
    PF("true|false| true|%!d(bool=true)", "%t|%v|%5t|%d", Ibool(true), Ibool(false), Ibool(true),
       Ibool(true));
}
END_TEST

START_TEST(test_composites)
{
    struct {
        int64_t a;
        String b;
    } t = {1, string_from_cstr("x")};
    PF("{1 x}|{A:1 B:x}|main.T{A:1, B:\"x\"}|main.T", "%v|%+v|%#v|%T", I(tT, &t), I(tT, &t),
       I(tT, &t), I(tT, &t));
    void *pt = &t;
    int64_t v12[] = {1, 2};
    PF("&{1 x}|&{A:1 B:x}|[]int{1, 2}", "%v|%+v|%#v", I(tPT, &pt), I(tPT, &pt), Iints(2, v12));
    Map *nilmap = NULL;
    Slice nilslice = {0};
    Map *m = map_make(tmapsi, 0);
    String kb = string_from_cstr("b"), ka = string_from_cstr("a"), kz = string_from_cstr("z");
    *(int64_t *)map_assign(m, &kb, NULL) = 2;
    *(int64_t *)map_assign(m, &ka, NULL) = 1;
    Map *m2 = map_make(tmapsi, 0);
    *(int64_t *)map_assign(m2, &kz, NULL) = 0;
    PF("map[]|[]|map[a:1 b:2]|[]int(nil)|map[string]int{\"z\":0}", "%v|%v|%v|%#v|%#v",
       I(tmapsi, &nilmap), I(tints, &nilslice), I(tmapsi, &m), I(tints, &nilslice), I(tmapsi, &m2));
    Iface anys[] = {Iint(1), Istr("a"), Inil(), If64(2.5)};
    Slice as = {anys, 4, 4};
    bool b2[2] = {true, false};
    PF("[1 a <nil> 2.5]|[true false]", "%v|%v", I(tanys, &as), I(tbool2, b2));
    String estr = string_from_cstr("e");
    void *ep = &estr;
    struct {
        Iface e, n;
    } en = {I(tPEStr, &ep), Inil()};
    String ab[] = {string_from_cstr("a"), string_from_cstr("b")};
    Slice xs = {ab, 2, 2};
    PF("{e <nil>}|{X:[a b]}", "%v|%+v", I(tEN, &en), I(tX, &xs));
    PF("[    1     2]|ab    |00042|[a b]", "%5v|%-6v|%05v|%x", Iints(2, v12), Istr("ab"), Iint(42),
       Iints(2, (int64_t[]){10, 11}));
    String s1 = string_from_cstr("s");
    int64_t three = 3;
    Slice sa = {ab, 1, 1};
    Map *mb = map_make(tmapib, 0);
    int64_t one = 1;
    *(bool *)map_assign(mb, &one, NULL) = true;
    PF("1|\"s\"|3|[]string{\"a\"}|map[int]bool{1:true}", "%#v|%#v|%#v|%#v|%#v", If64(1.0),
       I(tstr, &s1), I(tMyInt, &three), I(tstrs, &sa), I(tmapib, &mb));
}
END_TEST

START_TEST(test_methods)
{
    int64_t five = 5;
    char sv = 0;
    PF("S!|S!|5|5", "%v|%s|%d|%v", I(tS, &sv), I(tS, &sv), I(tMyInt, &five), I(tMyInt, &five));
    int64_t pv = 0;
    void *pp = &pv, *np = NULL;
    PF("%!v(PANIC=String method: boom)|<nil>", "%v|%s", I(tPP, &pp), I(tPP, &np));
    String oops = string_from_cstr("oops");
    void *op = &oops;
    PF("oops", "%s", I(tPEStr, &op));
    PF("%!w(*errors.errorString=&{oops})", "%w", I(tPEStr, &op));
    /* Errorf accepts %w and reports which operand it wrapped */
    StrBuf b = {0};
    int wrapped[4], nw = 4;
    Iface args[] = {Iint(1), I(tPEStr, &op)};
    fmtcore_printf(&b, string_from_cstr("%d: %w"), args, 2, test_method, NULL, wrapped, &nw);
    ck_assert_str_eq(string_cstr(sbuf_string(&b)), "1: oops");
    ck_assert_int_eq(nw, 1);
    ck_assert_int_eq(wrapped[0], 1);
}
END_TEST

START_TEST(test_arg_errors)
{
    PF("%!d(string=hi)|%!s(int=5)", "%d|%s", Istr("hi"), Iint(5));
    PF("1 %!d(MISSING)", "%d %d", Iint(1));
    PF("1%!(EXTRA int=2, string=x)", "%d", Iint(1), Iint(2), Istr("x"));
    PF("<nil>|%!d(<nil>)|<nil>|%!s(<nil>)", "%v|%d|%T|%s", Inil(), Inil(), Inil(), Inil());
    PF("    1|1    |3.14", "%*d|%-*d|%.*f", Iint(5), Iint(1), Iint(5), Iint(1), Iint(2),
       If64(3.14159));
    PF(" 12.00%|2 %!d(float64=12)| 12.00", "%6.2f%%|%[2]d %[1]d|%[3]*.[2]*[1]f", If64(12.0),
       Iint(2), Iint(6));
    PF("%!!(int=1)|%!z(MISSING)|%!(NOVERB)", "%!|%z|%", Iint(1));
}
END_TEST

START_TEST(test_print_println)
{
    StrBuf b = {0};
    Iface a[] = {Istr("a"), Iint(1), Iint(2), Istr("b"), Istr("c"), If64(3.5), Inil(), Irune('x')};
    fmtcore_print(&b, a, 8, test_method, NULL);
    ck_assert_str_eq(string_cstr(sbuf_string(&b)), "a1 2bc3.5 <nil> 120");
    StrBuf c = {0};
    fmtcore_println(&c, a, 4, test_method, NULL);
    ck_assert_str_eq(string_cstr(sbuf_string(&c)), "a 1 2 b\n");
}
END_TEST

static char *ffmt(double v, int fmt, int prec, int bits)
{
    StrBuf b = {0};
    sbuf_init(&b);
    numconv_format_float(&b, v, fmt, prec, bits);
    return string_cstr(sbuf_string(&b));
}

START_TEST(test_numconv)
{
    ck_assert_str_eq(ffmt(0.1 + 0.2, 'g', -1, 64), "0.30000000000000004");
    ck_assert_str_eq(ffmt(1e23, 'g', -1, 64), "1e+23");
    ck_assert_str_eq(ffmt(123.456, 'e', -1, 64), "1.23456e+02");
    ck_assert_str_eq(ffmt(123.456, 'f', -1, 64), "123.456");
    ck_assert_str_eq(ffmt(1.0, 'b', -1, 64), "4503599627370496p-52");
    ck_assert_str_eq(ffmt(-INFINITY, 'g', -1, 64), "-Inf");
    ck_assert_str_eq(ffmt(5e-324, 'g', -1, 64), "5e-324");
    ck_assert_str_eq(ffmt(1e300, 'f', 0, 64),
                     "1000000000000000052504760255204420248704468581108159154915854115511802"
                     "4579889081957863713750804478640437044438328838781769425232353604305756"
                     "4479218478670698284838720092657580373783023379478809005936895323497079"
                     "9945081119038967640880074652742780142494579258788820056842838115669472"
                     "196386865459400540160");
    int64_t v;
    ck_assert_int_eq(numconv_parse_int((const uint8_t *)"-42", 3, 10, 0, &v), NUM_OK);
    ck_assert_int_eq(v, -42);
    ck_assert_int_eq(numconv_parse_int((const uint8_t *)"0x1_F", 5, 0, 0, &v), NUM_OK);
    ck_assert_int_eq(v, 31);
    ck_assert_int_eq(numconv_parse_int((const uint8_t *)"1_0", 3, 10, 0, &v), NUM_SYNTAX);
    ck_assert_int_eq(numconv_parse_int((const uint8_t *)"128", 3, 10, 8, &v), NUM_RANGE);
    ck_assert_int_eq(v, 127);
    ck_assert_int_eq(numconv_parse_int((const uint8_t *)"99999999999999999999", 20, 10, 64, &v),
                     NUM_RANGE);
    ck_assert_int_eq(v, INT64_MAX);
    ck_assert_int_eq(numconv_parse_int((const uint8_t *)"", 0, 10, 0, &v), NUM_SYNTAX);
    double d;
    ck_assert_int_eq(numconv_parse_float((const uint8_t *)"1e400", 5, 64, &d), NUM_RANGE);
    ck_assert(isinf(d));
    ck_assert_int_eq(numconv_parse_float((const uint8_t *)"-Infinity", 9, 64, &d), NUM_OK);
    ck_assert(isinf(d) && d < 0);
    ck_assert_int_eq(numconv_parse_float((const uint8_t *)"0x1p-2", 6, 64, &d), NUM_OK);
    ck_assert(d == 0.25);
    ck_assert_int_eq(numconv_parse_float((const uint8_t *)" 1", 2, 64, &d), NUM_SYNTAX);
    ck_assert_int_eq(numconv_parse_float((const uint8_t *)"1e", 2, 64, &d), NUM_SYNTAX);
    ck_assert_int_eq(numconv_parse_float((const uint8_t *)".5", 2, 64, &d), NUM_OK);
    ck_assert(d == 0.5);
}
END_TEST

static char *quote(const char *s, int64_t n, bool ascii)
{
    StrBuf b = {0};
    sbuf_init(&b);
    numconv_quote(&b, (const uint8_t *)s, n, '"', ascii);
    return string_cstr(sbuf_string(&b));
}

START_TEST(test_quote_unicode)
{
    /* strconv.Quote / QuoteToASCII / QuoteRune, as Go prints them */
    ck_assert_str_eq(quote("a\"b\\c\n\t\x01\x7f", 9, false), "\"a\\\"b\\\\c\\n\\t\\x01\\x7f\"");
    ck_assert_str_eq(quote("h\xc3\xa9\xe2\x98\xba", 6, false), "\"h\xc3\xa9\xe2\x98\xba\"");
    ck_assert_str_eq(quote("h\xc3\xa9\xe2\x98\xba", 6, true), "\"h\\u00e9\\u263a\"");
    ck_assert_str_eq(quote("\xf0\x9f\x98\x80", 4, true), "\"\\U0001f600\"");
    ck_assert_str_eq(quote("\xff\xfe", 2, false), "\"\\xff\\xfe\"");  /* invalid bytes */
    ck_assert_str_eq(quote("\xe2\x80\xa8", 3, false), "\"\\u2028\""); /* not printable */
    StrBuf b = {0};
    sbuf_init(&b);
    numconv_quote_rune(&b, '\'', false);
    numconv_quote_rune(&b, 0x263A, true);
    numconv_quote_rune(&b, 0xD800, false); /* invalid rune: U+FFFD */
    ck_assert_str_eq(string_cstr(sbuf_string(&b)), "'\\'''\\u263a''\xef\xbf\xbd'");
    ck_assert(numconv_can_backquote((const uint8_t *)"a\tb", 3));
    ck_assert(!numconv_can_backquote((const uint8_t *)"a`b", 3));
    ck_assert(!numconv_can_backquote((const uint8_t *)"a\nb", 3));
    ck_assert(numconv_is_print(' ') && !numconv_is_print(0xA0) && numconv_is_print(0xE9));
    /* case mapping and classes (unicode.c) */
    ck_assert_int_eq(unicode_to_upper('a'), 'A');
    ck_assert_int_eq(unicode_to_upper(0xE9), 0xC9);
    ck_assert_int_eq(unicode_to_upper(0x3C9), 0x3A9); /* omega */
    ck_assert_int_eq(unicode_to_lower(0x416), 0x436); /* Cyrillic Zhe */
    ck_assert_int_eq(unicode_to_upper(0xDF), 0xDF);   /* sharp s has no simple upper */
    ck_assert(unicode_is_lower(0xDF) && !unicode_is_upper(0xDF));
    ck_assert(unicode_is_space(0x3000) && !unicode_is_space(0x200B));
    ck_assert(unicode_is_letter(0x4E2D) && !unicode_is_letter('1'));
    ck_assert(unicode_is_digit(0x664) && !unicode_is_digit('a'));
    ck_assert(unicode_is_punct('!') && !unicode_is_punct('+'));
}
END_TEST

/* Every native of every package is declared in that package's Go source
 * (as a bodyless func or method), and the registry finds packages by path
 * and by bare name. */
START_TEST(test_registry)
{
    static const char *const paths[] = {"fmt",
                                        "strconv",
                                        "errors",
                                        "os",
                                        "io",
                                        "time",
                                        "sync",
                                        "sync/atomic",
                                        "runtime",
                                        "strings",
                                        "unicode",
                                        "unicode/utf8",
                                        "math",
                                        "context",
                                        "sort",
                                        "bufio",
                                        "bytes",
                                        "math/rand",
                                        "math/bits",
                                        "log",
                                        "container/heap",
                                        "container/list",
                                        "hash",
                                        "encoding/hex",
                                        "encoding/base64",
                                        "crypto/sha256",
                                        "crypto/sha1",
                                        "crypto/md5",
                                        "crypto/sha512",
                                        "hash/fnv",
                                        "hash/crc32",
                                        "io/fs",
                                        "path",
                                        "path/filepath",
                                        "text/tabwriter",
                                        "encoding/binary",
                                        "net/url",
                                        "net",
                                        "container/ring",
                                        "unicode/utf16",
                                        "log/slog",
                                        "encoding/csv",
                                        "syscall"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        const StdPackage *p = stdlib_find(paths[i]);
        ck_assert_msg(p != NULL, "package %s", paths[i]);
        const char *slash = strrchr(paths[i], '/');
        const char *name = slash ? slash + 1 : paths[i];
        ck_assert_ptr_eq(stdlib_find_by_name(name), p);
        char pkgline[64];
        snprintf(pkgline, sizeof pkgline, "package %s\n", name);
        ck_assert_msg(strncmp(p->source, pkgline, strlen(pkgline)) == 0, "%s source", paths[i]);
        for (const StdNative *n = p->natives; n->name; n++) {
            char pat[128];
            const char *dot = strchr(n->name, '.');
            if (dot) {
                const char *type = n->name[0] == '*' ? n->name + 1 : n->name;
                snprintf(pat, sizeof pat, "%.*s) %s(", (int)(dot - type), type, dot + 1);
            } else {
                snprintf(pat, sizeof pat, "\nfunc %s(", n->name);
            }
            const char *at = strstr(p->source, pat);
            ck_assert_msg(at != NULL, "%s: native %s not declared", paths[i], n->name);
            /* bodyless: the declaration's line has no '{' */
            const char *eol = strchr(at + 1, '\n');
            ck_assert_msg(memchr(at + 1, '{', (size_t)(eol - at - 1)) == NULL, "%s: %s has a body",
                          paths[i], n->name);
            ck_assert_ptr_eq(stdlib_native(paths[i], n->name), n);
        }
    }
    ck_assert_ptr_null(stdlib_find("nosuch"));
    ck_assert_ptr_null(stdlib_native("fmt", "NoSuch"));
}
END_TEST

/* Calls a native directly: natives only use the context to panic. */
static void call(const char *pkg, const char *name, Slot *args, Slot *res)
{
    NativeCtx ctx = {0};
    const StdNative *nat = stdlib_native(pkg, name);
    ck_assert_ptr_nonnull(nat);
    NativeFn fn = nat->fn;
    ck_assert_int_eq(fn(&ctx, args, res), NATIVE_OK);
}

static void put_str(Slot *s, const char *c)
{
    String x = string_from_cstr(c);
    memcpy(s, &x, sizeof x);
}

static char *get_str(const Slot *s)
{
    String x;
    memcpy(&x, s, sizeof x);
    return string_cstr(x);
}

START_TEST(test_strings_natives)
{
    Slot a[8], r[4];
    put_str(a, "a,b,,c");
    put_str(a + 2, ",");
    call("strings", "Split", a, r);
    Slice sl;
    memcpy(&sl, r, sizeof sl);
    ck_assert_int_eq(sl.len, 4);
    ck_assert_str_eq(string_cstr(((String *)sl.ptr)[2]), "");
    ck_assert_str_eq(string_cstr(((String *)sl.ptr)[3]), "c");
    memcpy(a, &sl, sizeof sl);
    put_str(a + 3, "+");
    call("strings", "Join", a, r);
    ck_assert_str_eq(get_str(r), "a+b++c");
    put_str(a, "  héllo wörld \t");
    call("strings", "Fields", a, r);
    memcpy(&sl, r, sizeof sl);
    ck_assert_int_eq(sl.len, 2);
    ck_assert_str_eq(string_cstr(((String *)sl.ptr)[1]), "wörld");
    call("strings", "TrimSpace", a, r);
    ck_assert_str_eq(get_str(r), "héllo wörld");
    call("strings", "ToUpper", a, r);
    ck_assert_str_eq(get_str(r), "  HÉLLO WÖRLD \t");
    put_str(a, "aaaa");
    put_str(a + 2, "a");
    put_str(a + 4, "b");
    a[6].i = 2;
    call("strings", "Replace", a, r);
    ck_assert_str_eq(get_str(r), "bbaa");
    put_str(a, "abc");
    put_str(a + 2, "");
    put_str(a + 4, "-");
    a[6].i = -1;
    call("strings", "Replace", a, r); /* empty old: around every rune */
    ck_assert_str_eq(get_str(r), "-a-b-c-");
    put_str(a, "cheese");
    put_str(a + 2, "e");
    call("strings", "Count", a, r);
    ck_assert_int_eq(r[0].i, 3);
    call("strings", "LastIndex", a, r);
    ck_assert_int_eq(r[0].i, 5);
    put_str(a, "Go");
    put_str(a + 2, "GO");
    call("strings", "EqualFold", a, r);
    ck_assert(r[0].u);
    put_str(a, "xxhixx");
    put_str(a + 2, "x");
    call("strings", "Trim", a, r);
    ck_assert_str_eq(get_str(r), "hi");
    /* strconv through its natives: codes become Go's *NumError in Go */
    put_str(a, "-0x1F");
    a[2].i = 0;
    a[3].i = 64;
    call("strconv", "parseInt", a, r);
    ck_assert_int_eq(r[0].i, -31);
    ck_assert_int_eq(r[1].i, NUM_OK);
    a[0].f = 0.1;
    a[1].u = 'g';
    a[2].i = -1;
    a[3].i = 32;
    call("strconv", "FormatFloat", a, r);
    ck_assert_str_eq(get_str(r), "0.1");
    /* time.Duration's String */
    a[0].i = 90 * 1000000000LL + 5000000;
    call("time", "Duration.String", a, r);
    ck_assert_str_eq(get_str(r), "1m30.005s");
    a[0].i = 1500;
    call("time", "Duration.String", a, r);
    ck_assert_str_eq(get_str(r), "1.5\xc2\xb5s");
    a[0].i = -1;
    call("time", "Duration.String", a, r);
    ck_assert_str_eq(get_str(r), "-1ns");
    put_str(a, "1h15m30.5s");
    call("time", "parseDuration", a, r);
    ck_assert_int_eq(r[0].i, 4530500000000LL);
    put_str(a, "5");
    call("time", "parseDuration", a, r);
    ck_assert_str_eq(get_str(r + 1), "time: missing unit in duration \"5\"");
}
END_TEST

int main(void)
{
    heap_init();
    setup_types();
    Suite *s = suite_create("fmt");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_integers);
    tcase_add_test(tc, test_floats);
    tcase_add_test(tc, test_strings);
    tcase_add_test(tc, test_composites);
    tcase_add_test(tc, test_methods);
    tcase_add_test(tc, test_arg_errors);
    tcase_add_test(tc, test_print_println);
    tcase_add_test(tc, test_numconv);
    tcase_add_test(tc, test_quote_unicode);
    tcase_add_test(tc, test_registry);
    tcase_add_test(tc, test_strings_natives);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
