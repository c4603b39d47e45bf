/* test_lexer.c — the lexer (lang/lexer.re) through lang/lex.h: tokens,
 * positions, semicolon insertion, every literal form and escape, Go's
 * lexical error messages, and the T_LBODY / T_FUNCDECL decisions. */
#include <check.h>
#include <gc.h>
#include <stdio.h>
#include <string.h>

#include "lang/lex.h"
#include "lang/parser.h"

/* The spelling of a token code in the test strings below. */
static const char *code_name(int c)
{
    static char one[2];
    switch (c) {
    case 0: return "EOF";
    case T_IDENT: return "IDENT";
    case T_INT: return "INT";
    case T_FLOAT: return "FLOAT";
    case T_IMAG: return "IMAG";
    case T_CHAR: return "CHAR";
    case T_STRING: return "STRING";
    case T_BREAK: return "break";
    case T_CASE: return "case";
    case T_CHAN: return "chan";
    case T_CONST: return "const";
    case T_CONTINUE: return "continue";
    case T_DEFAULT: return "default";
    case T_DEFER: return "defer";
    case T_ELSE: return "else";
    case T_FALLTHROUGH: return "fallthrough";
    case T_FOR: return "for";
    case T_FUNC: return "func";
    case T_FUNCDECL: return "FUNCDECL";
    case T_GO: return "go";
    case T_GOTO: return "goto";
    case T_IF: return "if";
    case T_IMPORT: return "import";
    case T_INTERFACE: return "interface";
    case T_MAP: return "map";
    case T_PACKAGE: return "package";
    case T_RANGE: return "range";
    case T_RETURN: return "return";
    case T_SELECT: return "select";
    case T_STRUCT: return "struct";
    case T_SWITCH: return "switch";
    case T_TYPE: return "type";
    case T_VAR: return "var";
    case T_ASSIGN_OP: return "OP=";
    case T_SHL: return "<<";
    case T_SHR: return ">>";
    case T_ANDNOT: return "&^";
    case T_LAND: return "&&";
    case T_LOR: return "||";
    case T_ARROW: return "<-";
    case T_INC: return "++";
    case T_DEC: return "--";
    case T_EQL: return "==";
    case T_NEQ: return "!=";
    case T_LEQ: return "<=";
    case T_GEQ: return ">=";
    case T_DEFINE: return ":=";
    case T_ELLIPSIS: return "...";
    case T_LBODY: return "LBODY";
    default:
        one[0] = (char)c;
        one[1] = 0;
        return one;
    }
}

static Diags diags;

/* Lexes src; returns the tokens as "CODE" or "CODE(text)" for names and
 * literals, ";" tokens as ";" (explicit) or "NL" (inserted) or "EOFSEMI". */
static char *lex_str(const char *src)
{
    static char out[4096];
    Lexer lx;
    LexTok t;
    size_t n = 0;
    memset(&diags, 0, sizeof diags);
    lex_init(&lx, "t.go", src, (int64_t)strlen(src), &diags);
    out[0] = 0;
    for (int guard = 0; guard < 500; guard++) {
        int c = lex_next(&lx, &t);
        char one[256];
        if (c == T_IDENT || c == T_INT || c == T_FLOAT || c == T_IMAG ||
            c == T_CHAR || c == T_STRING)
            snprintf(one, sizeof one, "%s(%.*s)", code_name(c), t.len, t.lit);
        else if (c == ';')
            snprintf(one, sizeof one, "%s",
                     !strcmp(t.lit, "newline") ? "NL"
                     : !strcmp(t.lit, "EOF")   ? "EOFSEMI"
                                               : ";");
        else if (c == T_ASSIGN_OP)
            snprintf(one, sizeof one, "%s", token_string(t.op));
        else
            snprintf(one, sizeof one, "%s", code_name(c));
        n += snprintf(out + n, sizeof out - n, "%s%s", n ? " " : "", one);
        if (c == 0 || n >= sizeof out - 64)
            break;
    }
    return out;
}

/* The first token of src, with its data. */
static int first(const char *src, LexTok *t)
{
    static Lexer lx;
    memset(&diags, 0, sizeof diags);
    lex_init(&lx, "t.go", src, (int64_t)strlen(src), &diags);
    return lex_next(&lx, t);
}

/* The diagnostics as "line:col: msg" lines joined by '|'. */
static char *errs(void)
{
    static char out[2048];
    size_t n = 0;
    out[0] = 0;
    for (int i = 0; i < diags.len; i++)
        n += snprintf(out + n, sizeof out - n, "%s%d:%d: %s", i ? "|" : "",
                      diags.items[i].pos.line, diags.items[i].pos.col,
                      diags.items[i].msg);
    return out;
}

START_TEST(test_basic_tokens)
{
    ck_assert_str_eq(lex_str("x := y + 1"), "IDENT(x) := IDENT(y) + INT(1) EOFSEMI EOF");
    ck_assert_str_eq(lex_str("a<-b <= c << d <<= e &^ f &^= g"),
                     "IDENT(a) <- IDENT(b) <= IDENT(c) << IDENT(d) <<= IDENT(e) &^ "
                     "IDENT(f) &^= IDENT(g) EOFSEMI EOF");
    ck_assert_str_eq(lex_str("+= -= *= /= %= &= |= ^= >>="),
                     "+= -= *= /= %= &= |= ^= >>= EOF");
    ck_assert_str_eq(lex_str("&& || == != >= ... . : ~ !"),
                     "&& || == != >= ... . : ~ ! EOF");
    ck_assert_str_eq(lex_str("break case chan const continue default defer else"),
                     "break case chan const continue default defer else EOF");
    ck_assert_str_eq(lex_str("package p; import \"x\"; var v; type T int"),
                     "package IDENT(p) ; import STRING(\"x\") ; var IDENT(v) ; type "
                     "IDENT(T) IDENT(int) EOFSEMI EOF");
    ck_assert_str_eq(lex_str("go goto interface map range select struct"),
                     "go goto interface map range select struct EOF");
    ck_assert_int_eq(diags.len, 0);
}
END_TEST

START_TEST(test_positions)
{
    Lexer lx;
    LexTok t;
    memset(&diags, 0, sizeof diags);
    const char *src = "ab := 1\n\tc\n";
    lex_init(&lx, "t.go", src, (int64_t)strlen(src), &diags);
    ck_assert_int_eq(lex_next(&lx, &t), T_IDENT);
    ck_assert_int_eq(t.pos.line, 1);
    ck_assert_int_eq(t.pos.col, 1);
    ck_assert_int_eq(lex_next(&lx, &t), T_DEFINE);
    ck_assert_int_eq(t.pos.col, 4);
    ck_assert_int_eq(lex_next(&lx, &t), T_INT);
    ck_assert_int_eq(t.pos.col, 7);
    ck_assert_int_eq(lex_next(&lx, &t), ';'); /* at the newline itself */
    ck_assert_int_eq(t.pos.line, 1);
    ck_assert_int_eq(t.pos.col, 8);
    ck_assert_int_eq(lex_next(&lx, &t), T_IDENT);
    ck_assert_int_eq(t.pos.line, 2);
    ck_assert_int_eq(t.pos.col, 2); /* columns count bytes: a tab is one */
    /* Columns are bytes, not runes. */
    memset(&diags, 0, sizeof diags);
    const char *u = "π := 变量";
    lex_init(&lx, "t.go", u, (int64_t)strlen(u), &diags);
    lex_next(&lx, &t);
    lex_next(&lx, &t);
    ck_assert_int_eq(t.pos.col, 4);
    lex_next(&lx, &t);
    ck_assert_int_eq(t.pos.col, 7);
}
END_TEST

START_TEST(test_semicolons)
{
    /* After names, literals, the four keywords, ++ -- ) ] } */
    ck_assert_str_eq(lex_str("a\n1\n1.5\n'x'\n\"s\"\n`r`\n2i\n"),
                     "IDENT(a) NL INT(1) NL FLOAT(1.5) NL CHAR('x') NL STRING(\"s\") NL "
                     "STRING(`r`) NL IMAG(2i) NL EOF");
    ck_assert_str_eq(lex_str("break\ncontinue\nfallthrough\nreturn\n"),
                     "break NL continue NL fallthrough NL return NL EOF");
    ck_assert_str_eq(lex_str("x++\ny--\nf()\na[1]\n}\n"),
                     "IDENT(x) ++ NL IDENT(y) -- NL IDENT(f) ( ) NL IDENT(a) [ INT(1) ] "
                     "NL } NL EOF");
    /* Not after operators, keywords like func/if, or opening brackets. */
    ck_assert_str_eq(lex_str("a +\nb\n"), "IDENT(a) + IDENT(b) NL EOF");
    ck_assert_str_eq(lex_str("if\nfunc\n(\n{\n,\n"), "if func ( { , EOF");
    /* A line comment keeps the newline; a block comment with a newline acts
     * as one; one without does not. */
    ck_assert_str_eq(lex_str("a // c\nb"), "IDENT(a) NL IDENT(b) EOFSEMI EOF");
    ck_assert_str_eq(lex_str("a /* x\n y */ b"), "IDENT(a) NL IDENT(b) EOFSEMI EOF");
    ck_assert_str_eq(lex_str("a /* x */ b"), "IDENT(a) IDENT(b) EOFSEMI EOF");
    ck_assert_str_eq(lex_str("a /* x */\nb"), "IDENT(a) NL IDENT(b) EOFSEMI EOF");
    /* Blank lines and CRLF line ends. */
    ck_assert_str_eq(lex_str("a\r\n\r\n\nb\r\n"), "IDENT(a) NL IDENT(b) NL EOF");
    ck_assert_str_eq(lex_str(""), "EOF");
    ck_assert_str_eq(lex_str("// only a comment"), "EOF");
}
END_TEST

START_TEST(test_numbers)
{
    static const struct {
        const char *src;
        int code;
    } ok[] = {
        {"0", T_INT}, {"42", T_INT}, {"1_000_000", T_INT}, {"0x1F", T_INT},
        {"0X_ff", T_INT}, {"0o17", T_INT}, {"0O17", T_INT}, {"0777", T_INT},
        {"0b1011", T_INT}, {"0B_1", T_INT}, {"0_7", T_INT},
        {"1.5", T_FLOAT}, {"1.", T_FLOAT}, {".5", T_FLOAT}, {"1e10", T_FLOAT},
        {"1E-3", T_FLOAT}, {"6.67e+11", T_FLOAT}, {"0x1p-2", T_FLOAT},
        {"0x1.8p1", T_FLOAT}, {"0X.8P0", T_FLOAT}, {"0789.5", T_FLOAT},
        {"1_0.2_5", T_FLOAT}, {"2i", T_IMAG}, {"1.5i", T_IMAG},
        {"0x10i", T_IMAG}, {"0789i", T_IMAG}, {"1e3i", T_IMAG},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        LexTok t;
        int c = first(ok[i].src, &t);
        ck_assert_msg(c == ok[i].code, "%s: code %d", ok[i].src, c);
        ck_assert_int_eq(t.len, (int)strlen(ok[i].src));
        ck_assert_msg(diags.len == 0, "%s: %s", ok[i].src, errs());
    }
}
END_TEST

START_TEST(test_number_errors)
{
    static const struct {
        const char *src, *err;
    } bad[] = {
        {"0x", "1:3: hexadecimal literal has no digits"},
        {"0b", "1:3: binary literal has no digits"},
        {"0b102", "1:5: invalid digit '2' in binary literal"},
        {"0o8", "1:3: invalid digit '8' in octal literal"},
        {"0789", "1:3: invalid digit '8' in octal literal"},
        {"0x1.8", "1:6: hexadecimal mantissa requires a 'p' exponent"},
        {"1e", "1:3: exponent has no digits"},
        {"1e+", "1:4: exponent has no digits"},
        {"0x1e3p", "1:7: exponent has no digits"},
        {"1p3", "1:2: 'p' exponent requires hexadecimal mantissa"},
        {"0b1.0", "1:4: invalid radix point in binary literal"},
        {"0o1e2", "1:4: 'e' exponent requires decimal mantissa"},
        {"1__0", "1:3: '_' must separate successive digits"},
        {"1_", "1:2: '_' must separate successive digits"},
        {"0x_1_", "1:5: '_' must separate successive digits"},
        {"1_.5", "1:2: '_' must separate successive digits"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        LexTok t;
        first(bad[i].src, &t);
        ck_assert_msg(!strcmp(errs(), bad[i].err), "%s: got '%s' want '%s'",
                      bad[i].src, errs(), bad[i].err);
    }
}
END_TEST

static void check_string(const char *src, const char *want, int64_t wantlen)
{
    LexTok t;
    int c = first(src, &t);
    ck_assert_int_eq(c, T_STRING);
    ck_assert_msg(diags.len == 0, "%s: %s", src, errs());
    ck_assert_int_eq(t.sval.len, wantlen);
    ck_assert_msg(memcmp(t.sval.ptr, want, (size_t)wantlen) == 0, "%s", src);
}

START_TEST(test_strings)
{
    check_string("\"hello\"", "hello", 5);
    check_string("\"\"", "", 0);
    check_string("\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"", "\a\b\f\n\r\t\v\\\"", 9);
    check_string("\"\\101\\x41\\u0041\\U00000041\"", "AAAA", 4);
    check_string("\"\\xff\\377\"", "\xff\xff", 2); /* bytes, not runes */
    check_string("\"\\u00e9\\u4e16\"", "\xc3\xa9\xe4\xb8\x96", 5);
    check_string("\"\\U0001F600\"", "\xf0\x9f\x98\x80", 4);
    check_string("\"日本\"", "日本", 6);
    check_string("`raw\\n`", "raw\\n", 5);
    check_string("`a\r\nb\r`", "a\nb", 3); /* carriage returns dropped */
    check_string("`multi\nline`", "multi\nline", 10);
    /* The literal's text is kept as written. */
    LexTok t;
    first("\"a\\tb\"", &t);
    ck_assert_int_eq(t.len, 6);
    ck_assert(strncmp(t.lit, "\"a\\tb\"", 6) == 0);
}
END_TEST

START_TEST(test_runes)
{
    static const struct {
        const char *src;
        int32_t rune;
    } ok[] = {
        {"'a'", 'a'}, {"'\\n'", '\n'}, {"'\\''", '\''}, {"'\\\\'", '\\'},
        {"'\\x7f'", 0x7f}, {"'\\377'", 0xff}, {"'\\u12e4'", 0x12e4},
        {"'\\U00101234'", 0x101234}, {"'π'", 0x3c0}, {"'变'", 0x53d8},
        {"'\\a'", 7}, {"'\\v'", 11}, {"'\"'", '"'},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        LexTok t;
        int c = first(ok[i].src, &t);
        ck_assert_int_eq(c, T_CHAR);
        ck_assert_msg(t.rune == ok[i].rune, "%s: %d", ok[i].src, t.rune);
        ck_assert_msg(diags.len == 0, "%s: %s", ok[i].src, errs());
    }
}
END_TEST

START_TEST(test_literal_errors)
{
    static const struct {
        const char *src, *err;
    } bad[] = {
        {"'ab'", "1:1: more than one character in rune literal"},
        {"''", "1:2: empty rune literal or unescaped '"},
        {"'a", "1:1: rune literal not terminated"},
        {"'\n'", "1:2: newline in rune literal|2:1: rune literal not terminated"},
        {"\"abc\n\"", "1:5: newline in string|2:1: string not terminated"},
        {"\"abc", "1:1: string not terminated"},
        {"`abc\ndef", "1:1: string not terminated"},
        {"\"\\q\"", "1:3: unknown escape"},
        {"'\\q'", "1:3: unknown escape"},
        {"\"\\'\"", "1:3: unknown escape"},
        {"'\\\"'", "1:3: unknown escape"},
        {"\"\\x4g\"", "1:5: invalid character 'g' in hexadecimal escape"},
        {"\"\\400\"", "1:6: octal escape value 256 > 255"},
        {"'\\U00110000'", "1:12: escape is invalid Unicode code point U+110000"},
        {"\"\\ud800\"", "1:8: escape is invalid Unicode code point U+D800"},
        {"/* open", "1:1: comment not terminated"},
        {"a @ b", "1:3: invalid character U+0040 '@'"},
        {"x := #", "1:6: invalid character U+0023 '#'"},
        {"٣x", "1:1: identifier cannot begin with digit U+0663 '٣'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        lex_str(bad[i].src);
        ck_assert_msg(!strcmp(errs(), bad[i].err), "%s: got '%s' want '%s'",
                      bad[i].src, errs(), bad[i].err);
    }
}
END_TEST

START_TEST(test_unicode_idents)
{
    ck_assert_str_eq(lex_str("变量 := 1"), "IDENT(变量) := INT(1) EOFSEMI EOF");
    ck_assert_str_eq(lex_str("π*r2"), "IDENT(π) * IDENT(r2) EOFSEMI EOF");
    ck_assert_str_eq(lex_str("_x9 Ωmega ü٣"), "IDENT(_x9) IDENT(Ωmega) IDENT(ü٣) EOFSEMI EOF");
    ck_assert_int_eq(diags.len, 0);
    /* A byte order mark at the start is skipped. */
    ck_assert_str_eq(lex_str("\xEF\xBB\xBFx"), "IDENT(x) EOFSEMI EOF");
    /* So is a "#!" first line (csp's extension), keeping line numbers. */
    ck_assert_str_eq(lex_str("#!/usr/bin/env csp\nx"), "IDENT(x) EOFSEMI EOF");
    {
        Lexer lx;
        LexTok t;
        lex_init(&lx, "t.go", "#!x\ny", 5, &diags);
        ck_assert_int_eq(lex_next(&lx, &t), T_IDENT);
        ck_assert_int_eq(t.pos.line, 2);
    }
    lex_str("a \xff b");
    ck_assert_str_eq(errs(), "1:3: invalid UTF-8 encoding");
}
END_TEST

START_TEST(test_header_braces)
{
    /* A '{' at the header's own nesting level is T_LBODY ... */
    ck_assert_str_eq(lex_str("if x {"), "if IDENT(x) LBODY EOF");
    ck_assert_str_eq(lex_str("if x == T{} {"),
                     "if IDENT(x) == IDENT(T) LBODY } LBODY EOF");
    /* ... but not inside brackets of the header, nor in the body. */
    ck_assert_str_eq(lex_str("for _, v := range f(T{}) {"),
                     "for IDENT(_) , IDENT(v) := range IDENT(f) ( IDENT(T) { } ) LBODY EOF");
    ck_assert_str_eq(lex_str("switch { case 1: x := T{} }"),
                     "switch LBODY case INT(1) : IDENT(x) := IDENT(T) { } } EOFSEMI EOF");
    ck_assert_str_eq(lex_str("select {"), "select { EOF");
    ck_assert_str_eq(lex_str("{ x := T{} }"), "{ IDENT(x) := IDENT(T) { } } EOFSEMI EOF");
}
END_TEST

START_TEST(test_funcdecl)
{
    /* `func` starting a top-level statement is a declaration. */
    ck_assert_str_eq(lex_str("func f() {}"), "FUNCDECL IDENT(f) ( ) { } EOFSEMI EOF");
    ck_assert_str_eq(lex_str("x\nfunc f() { g := func() {} }"),
                     "IDENT(x) NL FUNCDECL IDENT(f) ( ) { IDENT(g) := func ( ) { } } "
                     "EOFSEMI EOF");
    ck_assert_str_eq(lex_str("go func() {}()"), "go func ( ) { } ( ) EOFSEMI EOF");
}
END_TEST

START_TEST(test_robust)
{
    /* Every prefix of a tricky input lexes to EOF without crashing. */
    const char *src = "package p\nfunc f() { x := \"a\\u12\" + 'b' + 0x1p + `r\n"
                      "/* c */ 1_000.5e-3i &^= <-ch }\n";
    size_t n = strlen(src);
    for (size_t i = 0; i <= n; i++) {
        char *s = GC_MALLOC_ATOMIC(i + 1);
        memcpy(s, src, i);
        s[i] = 0;
        Lexer lx;
        LexTok t;
        Diags d = {0};
        lex_init(&lx, "t.go", s, (int64_t)i, &d);
        int guard = 0;
        while (lex_next(&lx, &t) != 0 && guard < 1000)
            guard++;
        ck_assert_int_lt(guard, 1000);
    }
    /* A NUL byte inside the text is an error, not the end. */
    Lexer lx;
    LexTok t;
    Diags d = {0};
    lex_init(&lx, "t.go", "a\0b", 3, &d);
    ck_assert_int_eq(lex_next(&lx, &t), T_IDENT);
    ck_assert_int_eq(lex_next(&lx, &t), T_IDENT);
    ck_assert_int_eq(d.len, 1);
    ck_assert_str_eq(d.items[0].msg, "invalid NUL character");
}
END_TEST

int main(void)
{
    GC_INIT();
    Suite *s = suite_create("lexer");
    TCase *tc = tcase_create("lexer");
    tcase_add_test(tc, test_basic_tokens);
    tcase_add_test(tc, test_positions);
    tcase_add_test(tc, test_semicolons);
    tcase_add_test(tc, test_numbers);
    tcase_add_test(tc, test_number_errors);
    tcase_add_test(tc, test_strings);
    tcase_add_test(tc, test_runes);
    tcase_add_test(tc, test_literal_errors);
    tcase_add_test(tc, test_unicode_idents);
    tcase_add_test(tc, test_header_braces);
    tcase_add_test(tc, test_funcdecl);
    tcase_add_test(tc, test_robust);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
