/* test_parser.c — the parser (lang/parser.y) through parse_file and
 * ast_dump: every construct of design.md §1's language, the composite
 * literal rule of if/for/switch headers, scripts, syntax errors with Go's
 * positions and wording (taken from `go build` on the same input), the
 * conformance programs, and random/truncated inputs that must never crash.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gc.h>

#include "lang/ast.h"

static Diags diags;

/* The dump of a node, without the trailing newline. */
static char *dump_node(const Node *n)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    ast_dump(n, f);
    fclose(f);
    if (size && buf[size - 1] == '\n')
        buf[size - 1] = 0;
    char *r = GC_MALLOC_ATOMIC(size + 1);
    memcpy(r, buf, size + 1);
    free(buf);
    return r;
}

static Node *parse(const char *src)
{
    memset(&diags, 0, sizeof diags);
    Node *f = parse_file("t.go", src, (int64_t)strlen(src), &diags);
    ck_assert_ptr_nonnull(f);
    return f;
}

/* The diagnostics as "line:col: msg" joined by '|'. */
static char *errs(void)
{
    static char out[4096];
    size_t n = 0;
    out[0] = 0;
    for (int i = 0; i < diags.len && n < sizeof out - 1; i++)
        n += snprintf(out + n, sizeof out - n, "%s%d:%d: %s", i ? "|" : "",
                      diags.items[i].pos.line, diags.items[i].pos.col,
                      diags.items[i].msg);
    return out;
}

static char *whole(const char *src)
{
    Node *f = parse(src);
    ck_assert_msg(diags.len == 0, "%s: %s", src, errs());
    return dump_node(f);
}

/* The statements of `func main() { src }`, dumped one after another. */
static char *body(const char *src)
{
    char *full = GC_MALLOC_ATOMIC(strlen(src) + 64);
    sprintf(full, "package main\nfunc main() {\n%s\n}\n", src);
    Node *f = parse(full);
    ck_assert_msg(diags.len == 0, "%s: %s", src, errs());
    ck_assert_int_eq(f->u.file.decls.len, 1);
    Node *b = f->u.file.decls.items[0]->u.funcdecl.body;
    char *s = dump_node(b);
    /* drop "(BLOCKSTMT " and the final ")" */
    size_t n = strlen(s);
    if (n > 12) {
        s[n - 1] = 0;
        return s + 11;
    }
    return "";
}

/* The dump of an expression, parsed as `_ = src` in a function body. */
static char *expr(const char *src)
{
    char *full = GC_MALLOC_ATOMIC(strlen(src) + 64);
    sprintf(full, "package main\nfunc main() {\n_ = %s\n}\n", src);
    Node *f = parse(full);
    ck_assert_msg(diags.len == 0, "%s: %s", src, errs());
    Node *a = f->u.file.decls.items[0]->u.funcdecl.body->u.blockstmt.list.items[0];
    return dump_node(a->u.assignstmt.rhs.items[0]);
}

/* The errors of a whole file. */
static char *errors_of(const char *src)
{
    parse(src);
    return errs();
}

#define EXPR(src, want) ck_assert_str_eq(expr(src), want)
#define BODY(src, want) ck_assert_str_eq(body(src), want)

START_TEST(test_hello)
{
    ck_assert_str_eq(
        whole("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n"),
        "(FILE (IDENT main) ((GENDECL import (IMPORTSPEC nil (BASICLIT STRING \"\\\"fmt\\\"\"))) "
        "(FUNCDECL nil (IDENT main) (FUNCTYPE () ()) (BLOCKSTMT (EXPRSTMT (CALL (SELECTOR "
        "(IDENT fmt) (IDENT Println)) (BASICLIT STRING \"\\\"hi\\\"\")))))) ())");
}
END_TEST

START_TEST(test_literals)
{
    EXPR("42", "(BASICLIT INT \"42\")");
    EXPR("0x1F", "(BASICLIT INT \"0x1F\")");
    EXPR("1.5e3", "(BASICLIT FLOAT \"1.5e3\")");
    EXPR("2i", "(BASICLIT IMAG \"2i\")");
    EXPR("'a'", "(BASICLIT CHAR \"'a'\")");
    EXPR("`raw`", "(BASICLIT STRING \"`raw`\")");
    /* decoded values ride along */
    Node *f = parse("package p\nvar s, r = \"a\\tb\", '\\n'\n");
    Node *spec = f->u.file.decls.items[0]->u.gendecl.specs.items[0];
    Node *s = spec->u.valuespec.values.items[0];
    Node *r = spec->u.valuespec.values.items[1];
    ck_assert_int_eq(s->u.basiclit.sval.len, 3);
    ck_assert(memcmp(s->u.basiclit.sval.ptr, "a\tb", 3) == 0);
    ck_assert_int_eq(s->u.basiclit.len, 6);
    ck_assert_int_eq(r->u.basiclit.rune, '\n');
}
END_TEST

START_TEST(test_precedence)
{
    EXPR("a + b * c", "(BINARY + (IDENT a) (BINARY * (IDENT b) (IDENT c)))");
    EXPR("a * b + c", "(BINARY + (BINARY * (IDENT a) (IDENT b)) (IDENT c))");
    EXPR("a || b && c == d",
         "(BINARY || (IDENT a) (BINARY && (IDENT b) (BINARY == (IDENT c) (IDENT d))))");
    EXPR("a - b - c", "(BINARY - (BINARY - (IDENT a) (IDENT b)) (IDENT c))");
    EXPR("1 << 3 &^ 2 | x",
         "(BINARY | (BINARY &^ (BINARY << (BASICLIT INT \"1\") (BASICLIT INT \"3\")) "
         "(BASICLIT INT \"2\")) (IDENT x))");
    EXPR("a < b == c > d",
         "(BINARY > (BINARY == (BINARY < (IDENT a) (IDENT b)) (IDENT c)) (IDENT d))");
    EXPR("x % y ^ z", "(BINARY ^ (BINARY % (IDENT x) (IDENT y)) (IDENT z))");
    EXPR("(a + b) * c", "(BINARY * (PAREN (BINARY + (IDENT a) (IDENT b))) (IDENT c))");
}
END_TEST

START_TEST(test_unary)
{
    EXPR("-x.y", "(UNARY - (SELECTOR (IDENT x) (IDENT y)))");
    EXPR("!ok", "(UNARY ! (IDENT ok))");
    EXPR("^x", "(UNARY ^ (IDENT x))");
    EXPR("+x", "(UNARY + (IDENT x))");
    EXPR("*p.x", "(STAR (SELECTOR (IDENT p) (IDENT x)))");
    EXPR("&T{1}", "(UNARY & (COMPOSITELIT (IDENT T) (BASICLIT INT \"1\")))");
    EXPR("<-ch", "(UNARY <- (IDENT ch))");
    EXPR("<-<-ch", "(UNARY <- (UNARY <- (IDENT ch)))");
    EXPR("- -x", "(UNARY - (UNARY - (IDENT x)))");
}
END_TEST

START_TEST(test_primary)
{
    EXPR("f(a, b...)", "(CALL (IDENT f) (IDENT a) (IDENT b) ...)");
    EXPR("f(a, b,)", "(CALL (IDENT f) (IDENT a) (IDENT b))");
    EXPR("f()()", "(CALL (CALL (IDENT f)))");
    EXPR("a[i]", "(INDEX (IDENT a) (IDENT i))");
    EXPR("s[1:2]", "(SLICEEXPR (IDENT s) (BASICLIT INT \"1\") (BASICLIT INT \"2\") nil)");
    EXPR("s[:]", "(SLICEEXPR (IDENT s) nil nil nil)");
    EXPR("s[1:]", "(SLICEEXPR (IDENT s) (BASICLIT INT \"1\") nil nil)");
    EXPR("s[:2:3]",
         "(SLICEEXPR slice3 (IDENT s) nil (BASICLIT INT \"2\") (BASICLIT INT \"3\"))");
    EXPR("x.(T)", "(TYPEASSERT (IDENT x) (IDENT T))");
    EXPR("x.(*pkg.T)", "(TYPEASSERT (IDENT x) (STAR (SELECTOR (IDENT pkg) (IDENT T))))");
    EXPR("a.b.c", "(SELECTOR (SELECTOR (IDENT a) (IDENT b)) (IDENT c))");
    EXPR("(*T).M", "(SELECTOR (PAREN (STAR (IDENT T))) (IDENT M))");
    EXPR("T.M", "(SELECTOR (IDENT T) (IDENT M))");
}
END_TEST

START_TEST(test_types_as_expressions)
{
    EXPR("[]byte(s)", "(CALL (ARRAYTYPE nil (IDENT byte)) (IDENT s))");
    EXPR("make(chan<- int, 1)",
         "(CALL (IDENT make) (CHANTYPE chan<- (IDENT int)) (BASICLIT INT \"1\"))");
    EXPR("make(map[string][]int)",
         "(CALL (IDENT make) (MAPTYPE (IDENT string) (ARRAYTYPE nil (IDENT int))))");
    EXPR("new(struct{ a int })",
         "(CALL (IDENT new) (STRUCTTYPE (FIELD ((IDENT a)) (IDENT int))))");
    EXPR("interface{}(x)", "(CALL (INTERFACETYPE) (IDENT x))");
    EXPR("(<-chan int)(c)", "(CALL (PAREN (CHANTYPE <-chan (IDENT int))) (IDENT c))");
    EXPR("(<-chan chan<- int)(nil)",
         "(CALL (PAREN (CHANTYPE <-chan (CHANTYPE chan<- (IDENT int)))) (IDENT nil))");
    EXPR("(func())(f)", "(CALL (PAREN (FUNCTYPE () ())) (IDENT f))");
}
END_TEST

START_TEST(test_composite_literals)
{
    EXPR("[]int{1, 2}",
         "(COMPOSITELIT (ARRAYTYPE nil (IDENT int)) (BASICLIT INT \"1\") (BASICLIT INT \"2\"))");
    EXPR("[...]string{\"a\"}",
         "(COMPOSITELIT (ARRAYTYPE (ELLIPSIS nil) (IDENT string)) (BASICLIT STRING \"\\\"a\\\"\"))");
    EXPR("[3]int{}", "(COMPOSITELIT (ARRAYTYPE (BASICLIT INT \"3\") (IDENT int)))");
    EXPR("map[string]int{\"a\": 1,}",
         "(COMPOSITELIT (MAPTYPE (IDENT string) (IDENT int)) (KEYVALUE (BASICLIT STRING "
         "\"\\\"a\\\"\") (BASICLIT INT \"1\")))");
    EXPR("[][]int{{1}, {}}",
         "(COMPOSITELIT (ARRAYTYPE nil (ARRAYTYPE nil (IDENT int))) (COMPOSITELIT nil "
         "(BASICLIT INT \"1\")) (COMPOSITELIT nil))");
    EXPR("map[P]string{{1, 2}: \"x\"}",
         "(COMPOSITELIT (MAPTYPE (IDENT P) (IDENT string)) (KEYVALUE (COMPOSITELIT nil "
         "(BASICLIT INT \"1\") (BASICLIT INT \"2\")) (BASICLIT STRING \"\\\"x\\\"\")))");
    EXPR("pkg.T{X: 1}",
         "(COMPOSITELIT (SELECTOR (IDENT pkg) (IDENT T)) (KEYVALUE (IDENT X) (BASICLIT INT \"1\")))");
    EXPR("struct{}{}", "(COMPOSITELIT (STRUCTTYPE))");
    EXPR("[]func(){}", "(COMPOSITELIT (ARRAYTYPE nil (FUNCTYPE () ())))");
    EXPR("T{\n1,\n2,\n}", "(COMPOSITELIT (IDENT T) (BASICLIT INT \"1\") (BASICLIT INT \"2\"))");
}
END_TEST

START_TEST(test_funclit)
{
    EXPR("func(x int) int { return x }",
         "(FUNCLIT (FUNCTYPE ((FIELD ((IDENT x)) (IDENT int))) ((FIELD () (IDENT int)))) "
         "(BLOCKSTMT (RETURNSTMT (IDENT x))))");
    EXPR("func() {}()", "(CALL (FUNCLIT (FUNCTYPE () ()) (BLOCKSTMT)))");
    /* a func type followed by '(' takes it as its results, as in Go */
    EXPR("func()(int)", "(FUNCTYPE () ((FIELD () (IDENT int))))");
}
END_TEST

START_TEST(test_simple_statements)
{
    BODY("x := 1", "(ASSIGNSTMT := ((IDENT x)) ((BASICLIT INT \"1\")))");
    BODY("a, b = b, a", "(ASSIGNSTMT = ((IDENT a) (IDENT b)) ((IDENT b) (IDENT a)))");
    BODY("x += 1; y <<= 2; z &^= 3",
         "(ASSIGNSTMT += ((IDENT x)) ((BASICLIT INT \"1\"))) (ASSIGNSTMT <<= ((IDENT y)) "
         "((BASICLIT INT \"2\"))) (ASSIGNSTMT &^= ((IDENT z)) ((BASICLIT INT \"3\")))");
    BODY("x++\ny--", "(INCDECSTMT ++ (IDENT x)) (INCDECSTMT -- (IDENT y))");
    BODY("ch <- v", "(SENDSTMT (IDENT ch) (IDENT v))");
    BODY("f()", "(EXPRSTMT (CALL (IDENT f)))");
    BODY("*p = 1", "(ASSIGNSTMT = ((STAR (IDENT p))) ((BASICLIT INT \"1\")))");
    BODY("v, ok := m[k]",
         "(ASSIGNSTMT := ((IDENT v) (IDENT ok)) ((INDEX (IDENT m) (IDENT k))))");
    BODY(";;", "");
}
END_TEST

START_TEST(test_decl_statements)
{
    BODY("var x int",
         "(DECLSTMT (GENDECL var (VALUESPEC ((IDENT x)) (IDENT int) ())))");
    BODY("var a, b = 1, \"s\"",
         "(DECLSTMT (GENDECL var (VALUESPEC ((IDENT a) (IDENT b)) nil ((BASICLIT INT \"1\") "
         "(BASICLIT STRING \"\\\"s\\\"\")))))");
    BODY("var (\n\tx int = 1\n\ty []string\n)",
         "(DECLSTMT (GENDECL var (VALUESPEC ((IDENT x)) (IDENT int) ((BASICLIT INT \"1\"))) "
         "(VALUESPEC ((IDENT y)) (ARRAYTYPE nil (IDENT string)) ())))");
    BODY("const c = 3", "(DECLSTMT (GENDECL const (VALUESPEC ((IDENT c)) nil ((BASICLIT INT \"3\")))))");
    BODY("type T struct{}", "(DECLSTMT (GENDECL type (TYPESPEC (IDENT T) (STRUCTTYPE))))");
}
END_TEST

START_TEST(test_if)
{
    BODY("if x {\n}", "(IFSTMT nil (IDENT x) (BLOCKSTMT) nil)");
    BODY("if x := f(); x > 0 {\n} else if y {\n} else {\n\tg()\n}",
         "(IFSTMT (ASSIGNSTMT := ((IDENT x)) ((CALL (IDENT f)))) (BINARY > (IDENT x) "
         "(BASICLIT INT \"0\")) (BLOCKSTMT) (IFSTMT nil (IDENT y) (BLOCKSTMT) (BLOCKSTMT "
         "(EXPRSTMT (CALL (IDENT g))))))");
    /* the composite-literal rule of headers */
    BODY("if x == (T{}) {\n}",
         "(IFSTMT nil (BINARY == (IDENT x) (PAREN (COMPOSITELIT (IDENT T)))) (BLOCKSTMT) nil)");
    BODY("if f(T{1}) {\n}",
         "(IFSTMT nil (CALL (IDENT f) (COMPOSITELIT (IDENT T) (BASICLIT INT \"1\"))) (BLOCKSTMT) nil)");
    BODY("if len([]int{1}) > 0 {\n}",
         "(IFSTMT nil (BINARY > (CALL (IDENT len) (COMPOSITELIT (ARRAYTYPE nil (IDENT int)) "
         "(BASICLIT INT \"1\"))) (BASICLIT INT \"0\")) (BLOCKSTMT) nil)");
    BODY("if v := (T{}); v.ok {\n}",
         "(IFSTMT (ASSIGNSTMT := ((IDENT v)) ((PAREN (COMPOSITELIT (IDENT T))))) (SELECTOR "
         "(IDENT v) (IDENT ok)) (BLOCKSTMT) nil)");
    BODY("if func() bool { return true }() {\n}",
         "(IFSTMT nil (CALL (FUNCLIT (FUNCTYPE () ((FIELD () (IDENT bool)))) (BLOCKSTMT "
         "(RETURNSTMT (IDENT true))))) (BLOCKSTMT) nil)");
}
END_TEST

/* Braces inside headers that are not the body: function literal bodies,
 * struct/interface/map types, literals of those types. */
START_TEST(test_header_braces)
{
    const char *src =
        "package main\nfunc main() {\n"
        "\tif func() bool { return T{} == x }() {\n\t}\n"
        "\tif v := struct{ a int }{1}; v.a > 0 {\n\t}\n"
        "\tif m := map[string]int{}; len(m) == 0 {\n\t}\n"
        "\tif _, ok := interface{}(x).(T); ok {\n\t}\n"
        "\tfor range func() []int { return nil }() {\n\t}\n"
        "\tswitch y := (struct{ b int }{2}); y.b {\n\tcase func() int { return 2 }():\n\t}\n"
        "}\n";
    Node *f = parse(src);
    ck_assert_msg(diags.len == 0, "%s", errs());
    NodeList *l = &f->u.file.decls.items[0]->u.funcdecl.body->u.blockstmt.list;
    ck_assert_int_eq(l->len, 6);
    ck_assert_int_eq(l->items[0]->kind, AST_IFSTMT);
    ck_assert_int_eq(l->items[4]->kind, AST_RANGESTMT);
    ck_assert_int_eq(l->items[5]->kind, AST_SWITCHSTMT);
    ck_assert_str_eq(dump_node(l->items[1]->u.ifstmt.init),
                     "(ASSIGNSTMT := ((IDENT v)) ((COMPOSITELIT (STRUCTTYPE (FIELD ((IDENT a)) "
                     "(IDENT int))) (BASICLIT INT \"1\"))))");
    ck_assert_int_eq(l->items[0]->u.ifstmt.body->u.blockstmt.list.len, 0);
}
END_TEST

START_TEST(test_for)
{
    BODY("for {\n}", "(FORSTMT nil nil nil (BLOCKSTMT))");
    BODY("for x < 3 {\n}",
         "(FORSTMT nil (BINARY < (IDENT x) (BASICLIT INT \"3\")) nil (BLOCKSTMT))");
    BODY("for i := 0; i < n; i++ {\n}",
         "(FORSTMT (ASSIGNSTMT := ((IDENT i)) ((BASICLIT INT \"0\"))) (BINARY < (IDENT i) "
         "(IDENT n)) (INCDECSTMT ++ (IDENT i)) (BLOCKSTMT))");
    BODY("for ;; {\n}", "(FORSTMT nil nil nil (BLOCKSTMT))");
    BODY("for k, v := range m {\n}",
         "(RANGESTMT := (IDENT k) (IDENT v) (IDENT m) (BLOCKSTMT))");
    BODY("for k = range m {\n}", "(RANGESTMT = (IDENT k) nil (IDENT m) (BLOCKSTMT))");
    BODY("for range 10 {\n}", "(RANGESTMT - nil nil (BASICLIT INT \"10\") (BLOCKSTMT))");
    BODY("for _, v := range []int{1, 2} {\n}",
         "(RANGESTMT := (IDENT _) (IDENT v) (COMPOSITELIT (ARRAYTYPE nil (IDENT int)) "
         "(BASICLIT INT \"1\") (BASICLIT INT \"2\")) (BLOCKSTMT))");
    BODY("for _, p := range []P{{1}, {2}} {\n}",
         "(RANGESTMT := (IDENT _) (IDENT p) (COMPOSITELIT (ARRAYTYPE nil (IDENT P)) "
         "(COMPOSITELIT nil (BASICLIT INT \"1\")) (COMPOSITELIT nil (BASICLIT INT \"2\"))) (BLOCKSTMT))");
    BODY("for k := range map[string]int{\"a\": 1} {\n}",
         "(RANGESTMT := (IDENT k) nil (COMPOSITELIT (MAPTYPE (IDENT string) (IDENT int)) "
         "(KEYVALUE (BASICLIT STRING \"\\\"a\\\"\") (BASICLIT INT \"1\"))) (BLOCKSTMT))");
}
END_TEST

START_TEST(test_switch)
{
    BODY("switch {\ncase x > 1:\n\tf()\n\tfallthrough\ndefault:\n}",
         "(SWITCHSTMT nil nil (BLOCKSTMT (CASECLAUSE ((BINARY > (IDENT x) (BASICLIT INT \"1\"))) "
         "(EXPRSTMT (CALL (IDENT f))) (BRANCHSTMT fallthrough)) (CASECLAUSE ())))");
    BODY("switch x := f(); x {\ncase 1, 2:\n}",
         "(SWITCHSTMT (ASSIGNSTMT := ((IDENT x)) ((CALL (IDENT f)))) (IDENT x) (BLOCKSTMT "
         "(CASECLAUSE ((BASICLIT INT \"1\") (BASICLIT INT \"2\")))))");
    BODY("switch v := x.(type) {\ncase int, *T, []int, nil:\n}",
         "(TYPESWITCHSTMT nil (ASSIGNSTMT := ((IDENT v)) ((TYPEASSERT (IDENT x) nil))) "
         "(BLOCKSTMT (CASECLAUSE ((IDENT int) (STAR (IDENT T)) (ARRAYTYPE nil (IDENT int)) "
         "(IDENT nil)))))");
    BODY("switch x.(type) {\ncase map[string]int, func() error, chan int:\n}",
         "(TYPESWITCHSTMT nil (EXPRSTMT (TYPEASSERT (IDENT x) nil)) (BLOCKSTMT (CASECLAUSE "
         "((MAPTYPE (IDENT string) (IDENT int)) (FUNCTYPE () ((FIELD () (IDENT error)))) "
         "(CHANTYPE chan (IDENT int))))))");
    BODY("switch y := 1; v := x.(type) {\n}",
         "(TYPESWITCHSTMT (ASSIGNSTMT := ((IDENT y)) ((BASICLIT INT \"1\"))) (ASSIGNSTMT := "
         "((IDENT v)) ((TYPEASSERT (IDENT x) nil))) (BLOCKSTMT))");
    BODY("switch s := (T{}); s {\n}",
         "(SWITCHSTMT (ASSIGNSTMT := ((IDENT s)) ((PAREN (COMPOSITELIT (IDENT T))))) (IDENT s) (BLOCKSTMT))");
}
END_TEST

START_TEST(test_select)
{
    BODY("select {\ncase v := <-c:\ncase v, ok = <-c:\ncase c <- 1:\ncase <-c:\n\tf()\ndefault:\n}",
         "(SELECTSTMT (BLOCKSTMT (COMMCLAUSE (ASSIGNSTMT := ((IDENT v)) ((UNARY <- (IDENT c))))) "
         "(COMMCLAUSE (ASSIGNSTMT = ((IDENT v) (IDENT ok)) ((UNARY <- (IDENT c))))) "
         "(COMMCLAUSE (SENDSTMT (IDENT c) (BASICLIT INT \"1\"))) (COMMCLAUSE (EXPRSTMT (UNARY <- "
         "(IDENT c))) (EXPRSTMT (CALL (IDENT f)))) (COMMCLAUSE nil)))");
    BODY("select {}", "(SELECTSTMT (BLOCKSTMT))");
}
END_TEST

START_TEST(test_control)
{
    BODY("go f(x)", "(GOSTMT (CALL (IDENT f) (IDENT x)))");
    BODY("defer func() {}()", "(DEFERSTMT (CALL (FUNCLIT (FUNCTYPE () ()) (BLOCKSTMT))))");
    BODY("return", "(RETURNSTMT)");
    BODY("return 1, err", "(RETURNSTMT (BASICLIT INT \"1\") (IDENT err))");
    BODY("L:\n\tfor {\n\t\tbreak L\n\t\tcontinue L\n\t}",
         "(LABELEDSTMT (IDENT L) (FORSTMT nil nil nil (BLOCKSTMT (BRANCHSTMT break (IDENT L)) "
         "(BRANCHSTMT continue (IDENT L)))))");
    BODY("goto L\nL:", "(BRANCHSTMT goto (IDENT L)) (LABELEDSTMT (IDENT L) (EMPTYSTMT))");
    BODY("{\n\tx := 1\n}", "(BLOCKSTMT (ASSIGNSTMT := ((IDENT x)) ((BASICLIT INT \"1\"))))");
    BODY("break; continue", "(BRANCHSTMT break) (BRANCHSTMT continue)");
}
END_TEST

START_TEST(test_declarations)
{
    ck_assert_str_eq(
        whole("package p\nimport (\n\t\"fmt\"\n\tm \"math\"\n\t. \"strings\"\n\t_ \"os\"\n)\n"),
        "(FILE (IDENT p) ((GENDECL import (IMPORTSPEC nil (BASICLIT STRING \"\\\"fmt\\\"\")) "
        "(IMPORTSPEC (IDENT m) (BASICLIT STRING \"\\\"math\\\"\")) (IMPORTSPEC (IDENT .) "
        "(BASICLIT STRING \"\\\"strings\\\"\")) (IMPORTSPEC (IDENT _) (BASICLIT STRING "
        "\"\\\"os\\\"\")))) ())");
    ck_assert_str_eq(
        whole("package p\nconst (\n\ta = iota\n\tb\n\tc, d = 1, 2\n\te, f\n)\n"),
        "(FILE (IDENT p) ((GENDECL const (VALUESPEC ((IDENT a)) nil ((IDENT iota))) "
        "(VALUESPEC ((IDENT b)) nil ((IDENT iota)) iota=1 implicit) (VALUESPEC ((IDENT c) "
        "(IDENT d)) nil ((BASICLIT INT \"1\") (BASICLIT INT \"2\")) iota=2) (VALUESPEC "
        "((IDENT e) (IDENT f)) nil ((BASICLIT INT \"1\") (BASICLIT INT \"2\")) iota=3 implicit))) ())");
    ck_assert_str_eq(
        whole("package p\nconst (\n\tA int = iota * 10\n\tB\n)\n"),
        "(FILE (IDENT p) ((GENDECL const (VALUESPEC ((IDENT A)) (IDENT int) ((BINARY * "
        "(IDENT iota) (BASICLIT INT \"10\")))) (VALUESPEC ((IDENT B)) (IDENT int) ((BINARY * "
        "(IDENT iota) (BASICLIT INT \"10\"))) iota=1 implicit))) ())");
    ck_assert_str_eq(whole("package p\ntype A = map[string]int\n"),
                     "(FILE (IDENT p) ((GENDECL type (TYPESPEC (IDENT A) = (MAPTYPE "
                     "(IDENT string) (IDENT int))))) ())");
    ck_assert_str_eq(
        whole("package p\ntype S struct {\n\tX, Y int `json:\"x\"`\n\t*E\n\tio.Reader\n\tf func()\n}\n"),
        "(FILE (IDENT p) ((GENDECL type (TYPESPEC (IDENT S) (STRUCTTYPE (FIELD ((IDENT X) "
        "(IDENT Y)) (IDENT int) (BASICLIT STRING \"`json:\\\"x\\\"`\")) (FIELD () (STAR (IDENT "
        "E))) (FIELD () (SELECTOR (IDENT io) (IDENT Reader))) (FIELD ((IDENT f)) (FUNCTYPE () "
        "())))))) ())");
    ck_assert_str_eq(
        whole("package p\ntype I interface {\n\tM(x int) (int, error)\n\tfmt.Stringer\n\tE\n}\n"),
        "(FILE (IDENT p) ((GENDECL type (TYPESPEC (IDENT I) (INTERFACETYPE (FIELD ((IDENT M)) "
        "(FUNCTYPE ((FIELD ((IDENT x)) (IDENT int))) ((FIELD () (IDENT int)) (FIELD () (IDENT "
        "error))))) (FIELD () (SELECTOR (IDENT fmt) (IDENT Stringer))) (FIELD () (IDENT E)))))) ())");
    ck_assert_str_eq(
        whole("package p\ntype (\n\tA int\n\tB []A\n)\n"),
        "(FILE (IDENT p) ((GENDECL type (TYPESPEC (IDENT A) (IDENT int)) (TYPESPEC (IDENT B) "
        "(ARRAYTYPE nil (IDENT A))))) ())");
}
END_TEST

START_TEST(test_functions)
{
    ck_assert_str_eq(
        whole("package p\nfunc (p *T) M(a, b int, c ...string) (n int, err error) {}\n"),
        "(FILE (IDENT p) ((FUNCDECL (FIELD ((IDENT p)) (STAR (IDENT T))) (IDENT M) (FUNCTYPE "
        "((FIELD ((IDENT a) (IDENT b)) (IDENT int)) (FIELD ((IDENT c)) (ELLIPSIS (IDENT "
        "string)))) ((FIELD ((IDENT n)) (IDENT int)) (FIELD ((IDENT err)) (IDENT error)))) "
        "(BLOCKSTMT))) ())");
    ck_assert_str_eq(whole("package p\nfunc F(int, string) (bool, error)\n"),
                     "(FILE (IDENT p) ((FUNCDECL nil (IDENT F) (FUNCTYPE ((FIELD () (IDENT "
                     "int)) (FIELD () (IDENT string))) ((FIELD () (IDENT bool)) (FIELD () "
                     "(IDENT error)))) nil)) ())");
    ck_assert_str_eq(whole("package p\nfunc (T) M() *T { return nil }\n"),
                     "(FILE (IDENT p) ((FUNCDECL (FIELD () (IDENT T)) (IDENT M) (FUNCTYPE () "
                     "((FIELD () (STAR (IDENT T))))) (BLOCKSTMT (RETURNSTMT (IDENT nil))))) ())");
    ck_assert_str_eq(whole("package p\nfunc f(p.T, []int, ...int)\n"),
                     "(FILE (IDENT p) ((FUNCDECL nil (IDENT f) (FUNCTYPE ((FIELD () (SELECTOR "
                     "(IDENT p) (IDENT T))) (FIELD () (ARRAYTYPE nil (IDENT int))) (FIELD () "
                     "(ELLIPSIS (IDENT int)))) ()) nil)) ())");
}
END_TEST

START_TEST(test_channel_types)
{
    ck_assert_str_eq(
        whole("package p\nvar a chan<- chan int\nvar b <-chan <-chan int\nvar c chan (<-chan int)\n"
              "var d chan<- <-chan int\n"),
        "(FILE (IDENT p) ((GENDECL var (VALUESPEC ((IDENT a)) (CHANTYPE chan<- (CHANTYPE chan "
        "(IDENT int))) ())) (GENDECL var (VALUESPEC ((IDENT b)) (CHANTYPE <-chan (CHANTYPE "
        "<-chan (IDENT int))) ())) (GENDECL var (VALUESPEC ((IDENT c)) (CHANTYPE chan (PAREN "
        "(CHANTYPE <-chan (IDENT int)))) ())) (GENDECL var (VALUESPEC ((IDENT d)) (CHANTYPE "
        "chan<- (CHANTYPE <-chan (IDENT int))) ()))) ())");
    ck_assert_str_eq(whole("package p\nfunc w(jobs <-chan int, out chan<- int)\n"),
                     "(FILE (IDENT p) ((FUNCDECL nil (IDENT w) (FUNCTYPE ((FIELD ((IDENT "
                     "jobs)) (CHANTYPE <-chan (IDENT int))) (FIELD ((IDENT out)) (CHANTYPE "
                     "chan<- (IDENT int)))) ()) nil)) ())");
}
END_TEST

START_TEST(test_scripts)
{
    Node *f = parse("import \"fmt\"\nx := 1\nfunc f() int { return x }\nvar y = f()\n"
                    "type T int\nconst c = 2\nfmt.Println(x, y)\n");
    ck_assert_msg(diags.len == 0, "%s", errs());
    ck_assert_ptr_null(f->u.file.package);
    ck_assert_str_eq(
        dump_node(f),
        "(FILE nil ((GENDECL import (IMPORTSPEC nil (BASICLIT STRING \"\\\"fmt\\\"\"))) "
        "(FUNCDECL nil (IDENT f) (FUNCTYPE () ((FIELD () (IDENT int)))) (BLOCKSTMT (RETURNSTMT "
        "(IDENT x)))) (GENDECL type (TYPESPEC (IDENT T) (IDENT int)))) ((ASSIGNSTMT := ((IDENT "
        "x)) ((BASICLIT INT \"1\"))) (DECLSTMT (GENDECL var (VALUESPEC ((IDENT y)) nil ((CALL "
        "(IDENT f)))))) (DECLSTMT (GENDECL const (VALUESPEC ((IDENT c)) nil ((BASICLIT INT "
        "\"2\"))))) (EXPRSTMT (CALL (SELECTOR (IDENT fmt) (IDENT Println)) (IDENT x) (IDENT "
        "y)))))");
    /* Control statements at the top of a script. */
    f = parse("for i := 0; i < 3; i++ {\n\tprintln(i)\n}\nif true {\n}\ngo func() {}()\n");
    ck_assert_msg(diags.len == 0, "%s", errs());
    ck_assert_int_eq(f->u.file.stmts.len, 3);
    ck_assert_int_eq(f->u.file.stmts.items[0]->kind, AST_FORSTMT);
    ck_assert_int_eq(f->u.file.stmts.items[2]->kind, AST_GOSTMT);
    /* An empty file is an empty script. */
    f = parse("");
    ck_assert_int_eq(diags.len, 0);
    ck_assert_str_eq(dump_node(f), "(FILE nil () ())");
}
END_TEST

START_TEST(test_positions)
{
    Node *f = parse("package p\nfunc f() {\n\tx := a + b\n\tif y {\n\t}\n}\n");
    Node *fn = f->u.file.decls.items[0];
    ck_assert_int_eq(fn->pos.line, 2);
    ck_assert_int_eq(fn->pos.col, 1);
    Node *as = fn->u.funcdecl.body->u.blockstmt.list.items[0];
    ck_assert_int_eq(as->pos.line, 3);
    ck_assert_int_eq(as->pos.col, 2);
    Node *bin = as->u.assignstmt.rhs.items[0];
    ck_assert_int_eq(bin->pos.col, 7); /* start position, as go/ast's Pos() */
    ck_assert_int_eq(bin->u.binary.y->pos.col, 11);
    Node *ifs = fn->u.funcdecl.body->u.blockstmt.list.items[1];
    ck_assert_int_eq(ifs->pos.line, 4);
    ck_assert_int_eq(ifs->u.ifstmt.body->u.blockstmt.rbrace.line, 5);
    ck_assert_int_eq(fn->u.funcdecl.body->u.blockstmt.rbrace.line, 6);
    f = parse("package p\nvar v = f(1,\n\t2)\n");
    Node *call = f->u.file.decls.items[0]->u.gendecl.specs.items[0]->u.valuespec.values.items[0];
    ck_assert_int_eq(call->u.call.rparen.line, 3);
    ck_assert_int_eq(call->u.call.rparen.col, 3);
}
END_TEST

/* Each expected error below is what `go build` (Go 1.22) prints. */
START_TEST(test_syntax_errors)
{
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tx := foo(1, 2\n}\n"),
                     "3:15: syntax error: unexpected newline in argument list; possibly "
                     "missing comma or )");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\ty := 3 4\n}\n"),
                     "3:9: syntax error: unexpected literal 4 at end of statement");
    ck_assert_str_eq(errors_of("package main\nx := 1\nfunc main() {}\n"),
                     "2:1: syntax error: non-declaration statement outside function body");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tvar a = )\n}\n"),
                     "3:10: syntax error: unexpected ), expected expression");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\treturn 1 +\n}\n"),
                     "4:1: syntax error: unexpected }, expected expression");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tx.y z\n}\n"),
                     "3:6: syntax error: unexpected z at end of statement");
    ck_assert_str_eq(errors_of("package main\nfunc g(a int b) {}\n"),
                     "2:14: syntax error: unexpected b in parameter list; possibly missing "
                     "comma or )");
    ck_assert_str_eq(errors_of("package main\nfunc h() { if x { } else for {} }\n"),
                     "2:26: syntax error: else must be followed by if or statement block");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tz := []int{1, 2\n\t}\n}\n"),
                     "3:17: syntax error: unexpected newline in composite literal; possibly "
                     "missing comma or }");
    ck_assert_str_eq(errors_of("package main\nfunc f\n"),
                     "2:7: syntax error: unexpected newline, expected (");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tif x == T{} {\n\t}\n}\n"),
                     "3:14: syntax error: unexpected { at end of statement");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n}\n"),
                     "5:1: syntax error: unexpected EOF, expected }");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tx := 1 + }\n"),
                     "3:11: syntax error: unexpected }, expected expression");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tgo f\n}\n"),
                     "3:5: expression in go must be function call");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tif x := 1 {\n\t}\n}\n"),
                     "3:7: syntax error: cannot use x := 1 as value");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tif x = 1 {\n\t}\n}\n"),
                     "3:7: syntax error: cannot use assignment x = 1 as value");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tfor a, b := 1, 2 {\n\t}\n}\n"),
                     "3:11: syntax error: cannot use a, b := 1, 2 as value");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tswitch c <- 1 {\n\t}\n}\n"),
                     "3:11: syntax error: cannot use c <- 1 as value");
    ck_assert_str_eq(errors_of("package main\nfunc main()\n{\n}\n"),
                     "3:1: syntax error: unexpected semicolon or newline before {");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\ta[1 2]\n}\n"),
                     "3:6: syntax error: unexpected literal 2, expected comma, : or ]");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tfor x := range y; {\n\t}\n}\n"),
                     "3:18: syntax error: unexpected semicolon, expected { after for clause");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tx := 1 +\n"),
                     "4:1: syntax error: unexpected EOF, expected expression");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tvar x = `abc\n"),
                     "3:10: string not terminated");
    ck_assert_str_eq(errors_of("package main\nimport \"fmt\"\nfunc main() {\n\tfmt.Println(\"a\" \"b\")\n}\n"),
                     "4:18: syntax error: unexpected literal \"b\" in argument list; possibly "
                     "missing comma or )");
    /* more contexts, each checked against go build */
#define IN_MAIN(body) "package main\n\nimport \"fmt\"\n\nfunc main() {\n" body "\n}\n"
    ck_assert_str_eq(errors_of(IN_MAIN("\tif (x {\n\t}")),
                     "7:3: syntax error: unexpected newline, expected )");
    ck_assert_str_eq(errors_of(IN_MAIN("\tvar }")), "6:6: syntax error: unexpected }, expected name");
    ck_assert_str_eq(errors_of(IN_MAIN("\ttype T struct { a int, b int }")),
                     "6:23: syntax error: unexpected comma in struct type; possibly missing "
                     "semicolon or newline or }");
    ck_assert_str_eq(errors_of(IN_MAIN("\tcase 1:")), "6:2: syntax error: unexpected case, expected }");
    ck_assert_str_eq(errors_of(IN_MAIN("\telse {\n\t}")),
                     "6:2: syntax error: unexpected else, expected }");
    ck_assert_str_eq(errors_of(IN_MAIN("\tswitch x {\n\tcase 1\n\t}")),
                     "7:8: syntax error: unexpected newline, expected :");
    ck_assert_str_eq(errors_of(IN_MAIN("\ta := []int{1, 2, 3}[1:2:]")),
                     "6:26: final index required in 3-index slice");
    ck_assert_str_eq(errors_of(IN_MAIN("\t_ = x.(")), "7:1: syntax error: unexpected }, expected type");
    ck_assert_str_eq(errors_of(IN_MAIN("\tvar a [3 int")),
                     "6:11: syntax error: unexpected int, expected ]");
    ck_assert_str_eq(errors_of(IN_MAIN("\tif x := 1; {\n\t}")),
                     "6:11: syntax error: missing condition in if statement");
    ck_assert_str_eq(errors_of(IN_MAIN("\timport \"os\"")),
                     "6:2: syntax error: unexpected import, expected }");
    ck_assert_str_eq(errors_of(IN_MAIN("\tm := map[string]int{\"a\": 1 \"b\": 2}")),
                     "6:29: syntax error: unexpected literal \"b\" in composite literal; "
                     "possibly missing comma or }");
    ck_assert_str_eq(errors_of(IN_MAIN("\tx++ + 1")),
                     "6:6: syntax error: unexpected + at end of statement");
#undef IN_MAIN
    ck_assert_str_eq(errors_of("package main\nfunc main() {}\n}\n"),
                     "3:1: syntax error: non-declaration statement outside function body");
    ck_assert_str_eq(errors_of("package main\nimport fmt\n"), "2:11: missing import path");
    ck_assert_str_eq(errors_of("package main\ntype T\n"),
                     "2:7: syntax error: unexpected newline in type declaration");
    ck_assert_str_eq(errors_of("package main\nvar x\n"),
                     "2:6: syntax error: unexpected newline, expected type");
    ck_assert_str_eq(errors_of("package main\nfunc main() { for i := 0; i < 3 {} }\n"),
                     "2:33: syntax error: unexpected {, expected semicolon or newline");
    ck_assert_str_eq(errors_of("package main\nfunc main() { fmt.Println('a' }\n"),
                     "2:31: syntax error: unexpected } in argument list; possibly missing "
                     "comma or )");
    ck_assert_str_eq(errors_of("package main\nfunc main() { return, }\n"),
                     "2:21: syntax error: unexpected comma, expected expression");
    ck_assert_str_eq(errors_of("package main\ntype I interface {\n\tM(\n}\n"),
                     "4:1: syntax error: unexpected }, expected )");
    ck_assert_str_eq(errors_of("package"), "1:8: syntax error: unexpected EOF, expected name");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tif x\n\t{\n\t}\n}\n"),
                     "3:6: syntax error: unexpected newline, expected { after if clause");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tfor x\n\t{\n\t}\n}\n"),
                     "4:2: syntax error: unexpected {, expected for loop condition");
    ck_assert_str_eq(errors_of("package main\nfunc main() {\n\tswitch x\n\t{\n\t}\n}\n"), "");
}
END_TEST

/* Type parameters, unions, ~T and instantiations, as go/ast shapes them
 * (a union is a BinaryExpr |, ~T a UnaryExpr ~, G[A, B] an index with
 * several indices). */
START_TEST(test_generics)
{
    char *got = whole("package p\nfunc F[K comparable, V any](m map[K]V) {}\n");
    ck_assert_msg(strstr(got, "(IDENT F) ((FIELD ((IDENT K)) (IDENT comparable)) (FIELD ((IDENT V)) "
                              "(IDENT any)))") != NULL,
                  "%s", got);
    got = whole("package p\ntype N interface{ ~int | ~float64 | string }\n");
    ck_assert_msg(strstr(got, "(BINARY | (BINARY | (UNARY ~ (IDENT int)) (UNARY ~ (IDENT "
                              "float64))) (IDENT string))") != NULL,
                  "%s", got);
    got = whole("package p\ntype P[K, V any] struct{ k K }\n");
    ck_assert_msg(strstr(got, "(TYPESPEC (IDENT P) ((FIELD ((IDENT K) (IDENT V)) (IDENT any)))") !=
                      NULL,
                  "%s", got);
    /* an array type, not a type parameter list */
    got = whole("package p\ntype A [N]int\n");
    ck_assert_msg(strstr(got, "(TYPESPEC (IDENT A) (ARRAYTYPE (IDENT N) (IDENT int)))") != NULL,
                  "%s", got);
    ck_assert_str_eq(expr("Map[int, string](xs, f)"),
                     "(CALL (INDEX (IDENT Map) (IDENT int) (IDENT string)) (IDENT xs) (IDENT f))");
    ck_assert_str_eq(expr("Stack[int]{}"), "(COMPOSITELIT (INDEX (IDENT Stack) (IDENT int)))");
    got = whole("package p\ntype S struct {\n\tBox[int]\n\ta [N]int\n}\n");
    ck_assert_msg(strstr(got, "(FIELD () (INDEX (IDENT Box) (IDENT int)))") != NULL, "%s", got);
    ck_assert_msg(strstr(got, "(FIELD ((IDENT a)) (ARRAYTYPE (IDENT N) (IDENT int)))") != NULL,
                  "%s", got);
    got = whole("package p\nfunc (s *Stack[T]) Push(v T) {}\nvar c chan Box[int]\n");
    ck_assert_msg(strstr(got, "(STAR (INDEX (IDENT Stack) (IDENT T)))") != NULL, "%s", got);
    ck_assert_msg(strstr(got, "(CHANTYPE chan (INDEX (IDENT Box) (IDENT int)))") != NULL, "%s",
                  got);
}
END_TEST

/* Errors of csp's own (Go has no such limits) and of recovery. */
START_TEST(test_own_errors)
{
    /* generics parse (the checker instantiates them) */
    ck_assert_str_eq(errors_of("package p\nfunc F[T any](x T) {}\n"), "");
    ck_assert_str_eq(errors_of("package p\ntype L[T any] struct{ v T }\n"), "");
    ck_assert_str_eq(errors_of("package p\ntype P[K comparable, V any] map[K]V\n"
                               "type Q[T, U any] struct{}\ntype R[T interface{ M() }] int\n"),
                     "");
    ck_assert_str_eq(errors_of("package p\nvar p atomic.Pointer[int]\n"), "");
    ck_assert_str_eq(errors_of("package p\ntype A [N]int\ntype B [N * 2]int\n"), "");
    ck_assert_str_eq(errors_of("package p\nfunc F[T](x T) {}\n"),
                     "2:8: syntax error: missing type constraint");
    ck_assert_str_eq(errors_of("package p\nvar x int\nimport \"fmt\"\n"),
                     "3:1: syntax error: imports must appear before other declarations");
    ck_assert_str_eq(errors_of("package p\ntype I interface{ ~int | string }\n"), "");
    ck_assert_str_eq(errors_of("package p\nfunc f(a int, []int)\n"),
                     "2:15: syntax error: mixed named and unnamed parameters");
    ck_assert_str_eq(errors_of("package p\nfunc f() {\n\ta.b := 1\n}\n"),
                     "3:2: non-name a.b on left side of :=");
    ck_assert_str_eq(errors_of("package p\nfunc f() {\n\t_ = s[1::3]\n}\n"),
                     "3:10: middle index required in 3-index slice");
    ck_assert_str_eq(errors_of("package p\nfunc f() {\n\tselect {\n\tcase x > 1:\n\t}\n}\n"),
                     "4:7: select case must be send or receive (possibly with assignment)");
    ck_assert_str_eq(errors_of("package p\nfunc f() {\n\tfor i := 0; i < 3; j := 1 {\n\t}\n}\n"),
                     "3:21: syntax error: cannot declare in post statement of for loop");
    ck_assert_str_eq(errors_of("package p\nfunc f() {\n\tgo (f(1))\n}\n"),
                     "3:5: expression in go must not be parenthesized");
    ck_assert_str_eq(errors_of("package p\nfunc f() {\n\tfor a, b, c := range x {\n\t}\n}\n"),
                     "3:12: range clause permits at most two iteration variables");
    /* One error per broken statement, then recovery. */
    parse("package p\nfunc f() {\n\tx := )\n\ty := 1\n\tz := ]\n}\n");
    ck_assert_int_eq(diags.len, 2);
    ck_assert_int_eq(diags.items[1].pos.line, 5);
    /* Absurd nesting is an error, not a crash. */
    size_t deep = 30000;
    char *d = GC_MALLOC_ATOMIC(2 * deep + 32);
    strcpy(d, "package p\nvar x = ");
    size_t k = strlen(d);
    for (size_t i = 0; i < deep; i++)
        d[k++] = '(';
    d[k++] = '1';
    for (size_t i = 0; i < deep; i++)
        d[k++] = ')';
    d[k] = 0;
    parse(d);
    ck_assert_int_ge(diags.len, 1);
    ck_assert_str_eq(diags.items[0].msg, "syntax error: nesting too deep");
    /* At most 10 errors. */
    char big[4096] = "package p\nfunc f() {\n";
    for (int i = 0; i < 30; i++)
        strcat(big, "\tx := )\n");
    strcat(big, "}\n");
    parse(big);
    ck_assert_int_eq(diags.len, 11);
    ck_assert_str_eq(diags.items[10].msg, "too many errors");
    ck_assert_int_eq(diags.items[10].pos.line, diags.items[9].pos.line);
}
END_TEST

static char *read_file(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = GC_MALLOC_ATOMIC(n + 1);
    if (fread(buf, 1, n, f) != (size_t)n)
        n = 0;
    buf[n] = 0;
    fclose(f);
    *len = n;
    return buf;
}

/* Every shared conformance program parses without errors. */
static int conformance_files(const char *dir, char paths[][512], int max)
{
    int n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < max) {
        if (e->d_name[0] == '.')
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t l = strlen(path);
        if (l > 4 && !strcmp(path + l - 4, ".csp"))
            snprintf(paths[n++], 512, "%s", path);
        else if (!strchr(e->d_name, '.'))
            n += conformance_files(path, paths + n, max - n);
    }
    closedir(d);
    return n;
}

static char conf_paths[512][512];

START_TEST(test_conformance)
{
    int n = conformance_files("/work/shared/conformance", conf_paths, 512);
    ck_assert_int_gt(n, 10);
    for (int i = 0; i < n; i++) {
        long len;
        char *src = read_file(conf_paths[i], &len);
        ck_assert_ptr_nonnull(src);
        memset(&diags, 0, sizeof diags);
        Node *f = parse_file(conf_paths[i], src, len, &diags);
        ck_assert_ptr_nonnull(f);
        ck_assert_msg(diags.len == 0, "%s: %d:%d: %s", conf_paths[i],
                      diags.len ? diags.items[0].pos.line : 0,
                      diags.len ? diags.items[0].pos.col : 0,
                      diags.len ? diags.items[0].msg : "");
    }
}
END_TEST

static unsigned seed = 12345;

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

/* Random bytes, random tokens, truncations and mutations of real programs:
 * the parser returns a FILE and never crashes or hangs. */
START_TEST(test_fuzz)
{
    static const char *toks[] = {
        "package", "main", "func", "(", ")", "{", "}", "[", "]", "if", "for", "switch",
        "select", "case", "default", ":", ";", "\n", "x", "1", "\"s\"", "'c'", ",", ".",
        ":=", "=", "<-", "chan", "map", "struct", "interface", "range", "go", "defer",
        "return", "+", "*", "&", "...", "type", "var", "const", "import", "else", "`r`",
        "/*", "*/", "//", "T", "{}", "0x", "1e", "break", "L:", "goto",
    };
#define RND() rnd(&seed)
    char buf[2048];
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = 0;
        int mode = iter % 3;
        int len = 1 + (int)(RND() % 120);
        for (int i = 0; i < len && n < sizeof buf - 32; i++) {
            if (mode == 0) {
                buf[n++] = (char)(RND() % 256);
            } else {
                const char *t = toks[RND() % (sizeof toks / sizeof toks[0])];
                n += snprintf(buf + n, sizeof buf - n, "%s ", t);
            }
        }
        buf[n] = 0;
        Diags d = {0};
        Node *f = parse_file("fuzz.go", buf, (int64_t)n, &d);
        ck_assert_ptr_nonnull(f);
        ck_assert_int_le(d.len, 11);
    }
    /* Truncations and single-byte mutations of a conformance program. */
    int nf = conformance_files("/work/shared/conformance", conf_paths, 512);
    ck_assert_int_gt(nf, 0);
    long len;
    char *src = read_file(conf_paths[0], &len);
    ck_assert_ptr_nonnull(src);
    for (long cut = 0; cut <= len; cut++) {
        Diags d = {0};
        ck_assert_ptr_nonnull(parse_file("cut.go", src, cut, &d));
    }
    char *m = GC_MALLOC_ATOMIC(len + 1);
    for (int iter = 0; iter < 2000; iter++) {
        memcpy(m, src, len + 1);
        m[RND() % len] = "{}()[];,.:=\n\"'`x0"[RND() % 18];
        Diags d = {0};
        ck_assert_ptr_nonnull(parse_file("mut.go", m, len, &d));
    }
}
END_TEST

/* The parser is reentrant: files parsed on several threads at once give
 * the same trees as parsed alone. */
static const char *thread_src =
    "package main\nimport \"fmt\"\nfunc main() {\n\tfor i := range []int{1, 2} {\n"
    "\t\tif x := (T{}); x.ok {\n\t\t\tfmt.Println(i)\n\t\t}\n\t}\n\tx := 1 +\n}\n";

static void *parse_many(void *arg)
{
    const char *want = arg;
    for (int i = 0; i < 300; i++) {
        Diags d = {0};
        Node *f = parse_file("t.go", thread_src, (int64_t)strlen(thread_src), &d);
        char *buf = NULL;
        size_t size = 0;
        FILE *mf = open_memstream(&buf, &size);
        ast_dump(f, mf);
        fprintf(mf, "%d:%d: %s", d.len ? d.items[0].pos.line : 0,
                d.len ? d.items[0].pos.col : 0, d.len ? d.items[0].msg : "");
        fclose(mf);
        bool same = strcmp(buf, want) == 0;
        free(buf);
        if (!same)
            return (void *)1;
    }
    return NULL;
}

START_TEST(test_threads)
{
    Diags d = {0};
    Node *f = parse_file("t.go", thread_src, (int64_t)strlen(thread_src), &d);
    ck_assert_int_eq(d.len, 1);
    char *buf = NULL;
    size_t size = 0;
    FILE *mf = open_memstream(&buf, &size);
    ast_dump(f, mf);
    fprintf(mf, "%d:%d: %s", d.items[0].pos.line, d.items[0].pos.col, d.items[0].msg);
    fclose(mf);
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&th[i], NULL, parse_many, buf), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(th[i], &r);
        ck_assert_ptr_null(r);
    }
    free(buf);
}
END_TEST

int main(void)
{
    GC_INIT();
    Suite *s = suite_create("parser");
    TCase *tc = tcase_create("parser");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_hello);
    tcase_add_test(tc, test_generics);
    tcase_add_test(tc, test_literals);
    tcase_add_test(tc, test_precedence);
    tcase_add_test(tc, test_unary);
    tcase_add_test(tc, test_primary);
    tcase_add_test(tc, test_types_as_expressions);
    tcase_add_test(tc, test_composite_literals);
    tcase_add_test(tc, test_funclit);
    tcase_add_test(tc, test_simple_statements);
    tcase_add_test(tc, test_decl_statements);
    tcase_add_test(tc, test_if);
    tcase_add_test(tc, test_header_braces);
    tcase_add_test(tc, test_for);
    tcase_add_test(tc, test_switch);
    tcase_add_test(tc, test_select);
    tcase_add_test(tc, test_control);
    tcase_add_test(tc, test_declarations);
    tcase_add_test(tc, test_functions);
    tcase_add_test(tc, test_channel_types);
    tcase_add_test(tc, test_scripts);
    tcase_add_test(tc, test_positions);
    tcase_add_test(tc, test_syntax_errors);
    tcase_add_test(tc, test_own_errors);
    tcase_add_test(tc, test_conformance);
    tcase_add_test(tc, test_fuzz);
    tcase_add_test(tc, test_threads);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
