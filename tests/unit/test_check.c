/* test_check.c — the type checker, end to end: source text through
 * parse_file and check_program, asserting either the exact first error
 * (position and Go's message, taken from `go build` on the same file) or
 * success plus chosen annotations (types, constant values, selector paths,
 * captured/addrtaken flags, init order, script globals), and the type
 * constructors of lang/types.c and runtime/type.c.
 *
 * The standard packages are a tiny fake (stdlib_find below), so this test
 * depends on the front end and the runtime's type descriptors only.
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include <gc.h> /* before pthread.h: threads are registered with the collector */
#include <pthread.h>

#include "lang/check.h"
#include "stdlib/stdlib.h"

/* ---- a fake standard library ---- */

static const StdPackage fake_pkgs[] = {
    {"fmt",
     "package fmt\n\n"
     "func Println(a ...any) (n int, err error)\n"
     "func Printf(format string, a ...any) (n int, err error)\n"
     "func Sprintf(format string, a ...any) string\n"
     "func Sprint(a ...any) string\n"
     "func Errorf(format string, a ...any) error\n",
     NULL},
    {"os", "package os\n\nvar Args []string\n\nfunc Exit(code int)\n", NULL},
    {"sync",
     "package sync\n\n"
     "type WaitGroup struct {\n\tn int\n}\n\n"
     "func (wg *WaitGroup) Add(d int)\n"
     "func (wg *WaitGroup) Done() { wg.Add(-1) }\n"
     "func (wg *WaitGroup) Wait()\n\n"
     "type Mutex struct {\n\ts int\n}\n\n"
     "func (m *Mutex) Lock()\n"
     "func (m *Mutex) Unlock()\n",
     NULL},
    {"errors",
     "package errors\n\n"
     "type errorString struct {\n\ts string\n}\n\n"
     "func (e *errorString) Error() string { return e.s }\n\n"
     "func New(text string) error { return &errorString{text} }\n",
     NULL},
    {"strings", "package strings\n\nfunc Repeat(s string, count int) string\n", NULL},
    {"time",
     "package time\n\n"
     "type Duration int64\n\n"
     "const (\n\tNanosecond Duration = 1\n\tMicrosecond = 1000 * Nanosecond\n"
     "\tMillisecond = 1000 * Microsecond\n\tSecond = 1000 * Millisecond\n)\n\n"
     "func Sleep(d Duration)\n",
     NULL},
    {"sync/atomic", "package atomic\n\nfunc AddInt64(addr *int64, delta int64) (new int64)\n",
     NULL},
};

const StdPackage *stdlib_find(const char *path)
{
    for (size_t i = 0; i < sizeof fake_pkgs / sizeof fake_pkgs[0]; i++)
        if (strcmp(fake_pkgs[i].path, path) == 0)
            return &fake_pkgs[i];
    return NULL;
}

const StdPackage *stdlib_find_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof fake_pkgs / sizeof fake_pkgs[0]; i++) {
        const char *p = fake_pkgs[i].path, *slash = strrchr(p, '/');
        if (strcmp(slash ? slash + 1 : p, name) == 0)
            return &fake_pkgs[i];
    }
    return NULL;
}

/* The checker never binds natives (the standard importer would, for the
 * compiler): none here. */
const StdNative *stdlib_native(const char *path, const char *name)
{
    (void)path, (void)name;
    return NULL;
}

/* ---- helpers ---- */

static Node *last_file;

/* Parses and checks src as ./x.go; returns the program (NULL on errors)
 * and the first diagnostic as "line:col: message" in *first. */
static Program *run(const char *src, Diags *d, char *first, size_t cap)
{
    memset(d, 0, sizeof *d);
    Node *f = parse_file("./x.go", src, (int64_t)strlen(src), d);
    last_file = f;
    Program *p = NULL;
    if (d->len == 0)
        p = check_program(&f, 1, d);
    first[0] = 0;
    if (d->len) {
        /* the first line of the first message, as Go prints it */
        char msg[512];
        snprintf(msg, sizeof msg, "%s", d->items[0].msg);
        if (d->items[0].filename)
            snprintf(first, cap, "%d:%d: %s", d->items[0].pos.line, d->items[0].pos.col, msg);
        else
            snprintf(first, cap, "%s", msg);
    }
    return p;
}

static Program *ok(const char *src)
{
    Diags d;
    char first[600];
    Program *p = run(src, &d, first, sizeof first);
    ck_assert_msg(p != NULL, "unexpected error: %s\nin:\n%s", first, src);
    return p;
}

static const char *err(const char *src)
{
    static char first[600];
    Diags d;
    run(src, &d, first, sizeof first);
    return first;
}

/* Only the first line of a multi-line message is compared. */
static void ck_first_line(const char *got, const char *want, const char *name)
{
    size_t n = strcspn(got, "\n");
    ck_assert_msg(strlen(want) == n && strncmp(got, want, n) == 0, "%s:\n got: %.*s\nwant: %s",
                  name, (int)n, got, want);
}

/* ---- walking the tree to find nodes ---- */

typedef bool (*Pred)(Node *n, const void *arg);

static Node *walk(Node *n, Pred p, const void *arg, int *skip);

static Node *walk_list(NodeList *l, Pred p, const void *arg, int *skip)
{
    for (int i = 0; i < l->len; i++) {
        Node *r = walk(l->items[i], p, arg, skip);
        if (r)
            return r;
    }
    return NULL;
}

#define W(x)                                                                                       \
    do {                                                                                           \
        Node *r_ = walk((x), p, arg, skip);                                                        \
        if (r_)                                                                                    \
            return r_;                                                                             \
    } while (0)
#define WL(l)                                                                                      \
    do {                                                                                           \
        Node *r_ = walk_list(&(l), p, arg, skip);                                                  \
        if (r_)                                                                                    \
            return r_;                                                                             \
    } while (0)

static Node *walk(Node *n, Pred p, const void *arg, int *skip)
{
    if (!n)
        return NULL;
    if (p(n, arg)) {
        if (*skip == 0)
            return n;
        (*skip)--;
    }
    switch (n->kind) {
    case AST_COMPOSITELIT:
        W(n->u.compositelit.type);
        WL(n->u.compositelit.elts);
        break;
    case AST_FUNCLIT:
        W(n->u.funclit.type);
        W(n->u.funclit.body);
        break;
    case AST_PAREN:
        W(n->u.paren.x);
        break;
    case AST_SELECTOR:
        W(n->u.selector.x);
        W(n->u.selector.sel);
        break;
    case AST_INDEX:
        W(n->u.index.x);
        W(n->u.index.index);
        break;
    case AST_SLICEEXPR:
        W(n->u.sliceexpr.x);
        W(n->u.sliceexpr.low);
        W(n->u.sliceexpr.high);
        W(n->u.sliceexpr.max);
        break;
    case AST_TYPEASSERT:
        W(n->u.typeassert.x);
        W(n->u.typeassert.type);
        break;
    case AST_CALL:
        W(n->u.call.fun);
        WL(n->u.call.args);
        break;
    case AST_STAR:
        W(n->u.star.x);
        break;
    case AST_UNARY:
        W(n->u.unary.x);
        break;
    case AST_BINARY:
        W(n->u.binary.x);
        W(n->u.binary.y);
        break;
    case AST_KEYVALUE:
        W(n->u.keyvalue.key);
        W(n->u.keyvalue.value);
        break;
    case AST_ARRAYTYPE:
        W(n->u.arraytype.len);
        W(n->u.arraytype.elt);
        break;
    case AST_STRUCTTYPE:
        WL(n->u.structtype.fields);
        break;
    case AST_FUNCTYPE:
        WL(n->u.functype.params);
        WL(n->u.functype.results);
        break;
    case AST_INTERFACETYPE:
        WL(n->u.interfacetype.methods);
        break;
    case AST_MAPTYPE:
        W(n->u.maptype.key);
        W(n->u.maptype.value);
        break;
    case AST_CHANTYPE:
        W(n->u.chantype.value);
        break;
    case AST_ELLIPSIS:
        W(n->u.ellipsis.elt);
        break;
    case AST_FIELD:
        WL(n->u.field.names);
        W(n->u.field.type);
        break;
    case AST_DECLSTMT:
        W(n->u.declstmt.decl);
        break;
    case AST_LABELEDSTMT:
        W(n->u.labeledstmt.label);
        W(n->u.labeledstmt.stmt);
        break;
    case AST_EXPRSTMT:
        W(n->u.exprstmt.x);
        break;
    case AST_SENDSTMT:
        W(n->u.sendstmt.chan);
        W(n->u.sendstmt.value);
        break;
    case AST_INCDECSTMT:
        W(n->u.incdecstmt.x);
        break;
    case AST_ASSIGNSTMT:
        WL(n->u.assignstmt.lhs);
        WL(n->u.assignstmt.rhs);
        break;
    case AST_GOSTMT:
    case AST_DEFERSTMT:
        W(n->u.gostmt.call);
        break;
    case AST_RETURNSTMT:
        WL(n->u.returnstmt.results);
        break;
    case AST_BRANCHSTMT:
        W(n->u.branchstmt.label);
        break;
    case AST_BLOCKSTMT:
        WL(n->u.blockstmt.list);
        break;
    case AST_IFSTMT:
        W(n->u.ifstmt.init);
        W(n->u.ifstmt.cond);
        W(n->u.ifstmt.body);
        W(n->u.ifstmt.els);
        break;
    case AST_CASECLAUSE:
        WL(n->u.caseclause.list);
        WL(n->u.caseclause.body);
        break;
    case AST_SWITCHSTMT:
        W(n->u.switchstmt.init);
        W(n->u.switchstmt.tag);
        W(n->u.switchstmt.body);
        break;
    case AST_TYPESWITCHSTMT:
        W(n->u.typeswitchstmt.init);
        W(n->u.typeswitchstmt.assign);
        W(n->u.typeswitchstmt.body);
        break;
    case AST_COMMCLAUSE:
        W(n->u.commclause.comm);
        WL(n->u.commclause.body);
        break;
    case AST_SELECTSTMT:
        W(n->u.selectstmt.body);
        break;
    case AST_FORSTMT:
        W(n->u.forstmt.init);
        W(n->u.forstmt.cond);
        W(n->u.forstmt.post);
        W(n->u.forstmt.body);
        break;
    case AST_RANGESTMT:
        W(n->u.rangestmt.key);
        W(n->u.rangestmt.value);
        W(n->u.rangestmt.x);
        W(n->u.rangestmt.body);
        break;
    case AST_VALUESPEC:
        WL(n->u.valuespec.names);
        W(n->u.valuespec.type);
        WL(n->u.valuespec.values);
        break;
    case AST_TYPESPEC:
        W(n->u.typespec.name);
        W(n->u.typespec.type);
        break;
    case AST_GENDECL:
        WL(n->u.gendecl.specs);
        break;
    case AST_FUNCDECL:
        W(n->u.funcdecl.recv);
        W(n->u.funcdecl.name);
        W(n->u.funcdecl.type);
        W(n->u.funcdecl.body);
        break;
    case AST_FILE:
        WL(n->u.file.decls);
        WL(n->u.file.stmts);
        break;
    default:
        break;
    }
    return NULL;
}

static bool is_ident(Node *n, const void *name)
{
    return n->kind == AST_IDENT && strcmp(n->u.ident.name, name) == 0;
}

static bool has_kind(Node *n, const void *k)
{
    return n->kind == *(const AstKind *)k;
}

/* The nth (from 0) identifier `name` in the last file. */
static Node *ident(const char *name, int nth)
{
    int skip = nth;
    Node *n = walk(last_file, is_ident, name, &skip);
    ck_assert_msg(n != NULL, "identifier %s #%d not found", name, nth);
    return n;
}

/* The nth node of a kind in the last file. */
static Node *nth_kind(AstKind k, int nth)
{
    int skip = nth;
    Node *n = walk(last_file, has_kind, &k, &skip);
    ck_assert_msg(n != NULL, "%s #%d not found", ast_kind_name(k), nth);
    return n;
}

static const char *ts(const Type *t)
{
    static char buf[8][256];
    static int i;
    i = (i + 1) % 8;
    return type_string(t, false, buf[i], sizeof buf[i]);
}

/* ---- error messages, checked against go build ---- */

typedef struct ErrCase {
    const char *name, *src, *want;
} ErrCase;

static const ErrCase err_cases[] = {
    /* generics: positions and wording as go build reports them */
    {"generic_not_comparable",
     "package main\n\nfunc Eq[T comparable](a, b T) bool { return a == b }\n\n"
     "func main() { _ = Eq([]int{1}, []int{2}) }\n",
     "5:21: []int does not satisfy comparable"},
    {"generic_union_missing",
     "package main\n\nfunc F[T ~int | ~float64](x T) T { return x }\n\n"
     "func main() { _ = F(\"s\") }\n",
     "5:20: string does not satisfy ~int | ~float64 (string missing in ~int | ~float64)"},
    {"generic_without_instantiation",
     "package main\n\nfunc Id[T any](x T) T { return x }\n\nfunc main() { f := Id; _ = f }\n",
     "5:20: cannot use generic function Id without instantiation"},
    {"generic_type_arg_count",
     "package main\n\ntype P[K comparable, V any] struct{}\n\nfunc main() { var p P[int]; _ = p }\n",
     "5:21: not enough type arguments for type P: have 1, want 2"},
    {"generic_body_any_plus",
     "package main\n\nfunc F[T any](x T) T { return x + 1 }\n\nfunc main() {}\n",
     "3:35: cannot convert 1 (untyped int constant) to type T"},
    {"generic_missing_method",
     "package main\n\ntype S interface{ String() string }\n\nfunc F[T S](x T) string { return x.Str() }\n\n"
     "func main() {}\n",
     "5:36: x.Str undefined (type T has no field or method Str)"},
    {"missing_return",
     "package main\n\nfunc f() int {\n\tif true {\n\t\treturn 1\n\t}\n}\n\nfunc main() { f() }\n",
     "7:1: missing return"},
    {"missing_return_break",
     "package main\n\nfunc f() int {\n\tfor {\n\t\tbreak\n\t}\n}\n\nfunc main() { f() }\n",
     "7:1: missing return"},
    {"terminating_ok_then_unused",
     "package main\n\nfunc f(x int) int {\n\tswitch {\n\tcase x > 0:\n\t\treturn "
     "1\n\tdefault:\n\t\tpanic(\"no\")\n\t}\n}\n\nfunc main() {\n\ty := f(1)\n}\n",
     "13:2: y declared and not used"},
    {"overflow_int8",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar x int8 = 300\n"
     "\t_ = x\n"
     "}\n"
     "",
     "4:15: cannot use 300 (untyped int constant) as int8 value in variable declaration "
     "(overflows)"},
    {"overflow_byte_conv",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := byte(256)\n"
     "\t_ = x\n"
     "}\n"
     "",
     "4:12: constant 256 overflows byte"},
    {"divzero",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\t_ = x / 0\n"
     "}\n"
     "",
     "5:10: invalid operation: division by zero"},
    {"divzero_const",
     "package main\n"
     "\n"
     "const c = 1 / 0\n"
     "\n"
     "func main() {}\n"
     "",
     "3:15: invalid operation: division by zero"},
    {"op_bool",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := true\n"
     "\t_ = x + x\n"
     "}\n"
     "",
     "5:6: invalid operation: operator + not defined on x (variable of type bool)"},
    {"mismatch",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\ty := \"a\"\n"
     "\t_ = x + y\n"
     "}\n"
     "",
     "6:6: invalid operation: x + y (mismatched types int and string)"},
    {"assign_str",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tvar s string\n"
     "\ts = x\n"
     "\t_ = s\n"
     "}\n"
     "",
     "6:6: cannot use x (variable of type int) as string value in assignment"},
    {"unused_var",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "}\n"
     "",
     "4:2: x declared and not used"},
    {"unused_import",
     "package main\n"
     "\n"
     "import \"os\"\n"
     "\n"
     "func main() {}\n"
     "",
     "3:8: \"os\" imported and not used"},
    {"no_new_vars",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tx := 2\n"
     "\t_ = x\n"
     "}\n"
     "",
     "5:4: no new variables on left side of :="},
    {"assign_mismatch",
     "package main\n"
     "\n"
     "func f() int { return 1 }\n"
     "\n"
     "func main() {\n"
     "\ta, b := f()\n"
     "\t_, _ = a, b\n"
     "}\n"
     "",
     "6:10: assignment mismatch: 2 variables but f returns 1 value"},
    {"assign_mismatch2",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ta, b := 1\n"
     "\t_, _ = a, b\n"
     "}\n"
     "",
     "4:10: assignment mismatch: 2 variables but 1 value"},
    {"not_enough_args",
     "package main\n"
     "\n"
     "func f(a, b int) {}\n"
     "\n"
     "func main() {\n"
     "\tf(1)\n"
     "}\n"
     "",
     "6:4: not enough arguments in call to f"},
    {"too_many_args",
     "package main\n"
     "\n"
     "func f(a int) {}\n"
     "\n"
     "func main() {\n"
     "\tf(1, 2)\n"
     "}\n"
     "",
     "6:7: too many arguments in call to f"},
    {"undefined",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = y\n"
     "}\n"
     "",
     "4:6: undefined: y"},
    {"break_outside",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tbreak\n"
     "}\n"
     "",
     "4:2: break is not in a loop, switch, or select"},
    {"continue_label",
     "package main\n"
     "\n"
     "func main() {\n"
     "L:\n"
     "\tswitch {\n"
     "\tcase true:\n"
     "\t\tfor {\n"
     "\t\t\tcontinue L\n"
     "\t\t}\n"
     "\t}\n"
     "}\n"
     "",
     "8:13: invalid continue label L"},
    {"send_recvonly",
     "package main\n"
     "\n"
     "func f(out <-chan int) {\n"
     "\tout <- 1\n"
     "}\n"
     "\n"
     "func main() {}\n"
     "",
     "4:2: invalid operation: cannot send to receive-only channel out (variable of type <-chan "
     "int)"},
    {"recv_sendonly",
     "package main\n"
     "\n"
     "func f(in chan<- int) {\n"
     "\t<-in\n"
     "}\n"
     "\n"
     "func main() {}\n"
     "",
     "4:4: invalid operation: cannot receive from send-only channel in (variable of type chan<- "
     "int)"},
    {"close_recvonly",
     "package main\n"
     "\n"
     "func f(ch <-chan int) {\n"
     "\tclose(ch)\n"
     "}\n"
     "\n"
     "func main() {}\n"
     "",
     "4:8: invalid operation: cannot close receive-only channel ch (variable of type <-chan int)"},
    {"go_not_call",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tgo x\n"
     "}\n"
     "",
     "5:5: expression in go must be function call"},
    {"defer_not_call",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tdefer 1\n"
     "}\n"
     "",
     "4:8: expression in defer must be function call"},
    {"recursive_type",
     "package main\n"
     "\n"
     "type T struct {\n"
     "\tt T\n"
     "}\n"
     "\n"
     "func main() {}\n"
     "",
     "3:6: invalid recursive type: T refers to itself"},
    {"init_cycle",
     "package main\n"
     "\n"
     "var a = b\n"
     "var b = a\n"
     "\n"
     "func main() {}\n"
     "",
     "3:5: initialization cycle for a"},
    {"dup_case",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tswitch x {\n"
     "\tcase 1:\n"
     "\tcase 1:\n"
     "\t}\n"
     "}\n"
     "",
     "7:7: duplicate case 1 (constant of type int) in expression switch"},
    {"missing_key",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = map[string]int{1}\n"
     "}\n"
     "",
     "4:21: missing key in map literal"},
    {"dup_key",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = map[string]int{\"a\": 1, \"a\": 2}\n"
     "}\n"
     "",
     "4:29: duplicate key \"a\" in map literal"},
    {"return_count",
     "package main\n"
     "\n"
     "func f() (int, int) {\n"
     "\treturn 1\n"
     "}\n"
     "\n"
     "func main() { f() }\n"
     "",
     "4:9: not enough return values"},
    {"return_too_many",
     "package main\n"
     "\n"
     "func f() {\n"
     "\treturn 1\n"
     "}\n"
     "\n"
     "func main() { f() }\n"
     "",
     "4:9: too many return values"},
    {"not_a_type",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar x int\n"
     "\tvar y x\n"
     "\t_ = y\n"
     "}\n"
     "",
     "5:8: x (variable of type int) is not a type"},
    {"call_nonfunc",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tx()\n"
     "}\n"
     "",
     "5:2: invalid operation: cannot call non-function x (variable of type int)"},
    {"field_undefined",
     "package main\n"
     "\n"
     "type T struct{ a int }\n"
     "\n"
     "func main() {\n"
     "\tvar t T\n"
     "\t_ = t.b\n"
     "}\n"
     "",
     "7:8: t.b undefined (type T has no field or method b)"},
    {"iface_missing",
     "package main\n"
     "\n"
     "type I interface{ M() }\n"
     "type T struct{}\n"
     "\n"
     "func main() {\n"
     "\tvar i I = T{}\n"
     "\t_ = i\n"
     "}\n"
     "",
     "7:12: cannot use T{} (value of type T) as I value in variable declaration: T does not "
     "implement I (missing method M)"},
    {"iface_ptr_recv",
     "package main\n"
     "\n"
     "type I interface{ M() }\n"
     "type T struct{}\n"
     "\n"
     "func (t *T) M() {}\n"
     "\n"
     "func main() {\n"
     "\tvar i I = T{}\n"
     "\t_ = i\n"
     "}\n"
     "",
     "9:12: cannot use T{} (value of type T) as I value in variable declaration: T does not "
     "implement I (method M has pointer receiver)"},
    {"unused_expr",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tx + 1\n"
     "}\n"
     "",
     "5:2: x + 1 (value of type int) is not used"},
    {"len_unused",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ts := []int{}\n"
     "\tlen(s)\n"
     "}\n"
     "",
     "5:2: len(s) (value of type int) is not used"},
    {"fallthrough_final",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tswitch x {\n"
     "\tcase 1:\n"
     "\t\tfallthrough\n"
     "\t}\n"
     "}\n"
     "",
     "7:3: cannot fallthrough final case in switch"},
    {"fallthrough_typeswitch",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar x any\n"
     "\tswitch x.(type) {\n"
     "\tcase int:\n"
     "\t\tfallthrough\n"
     "\tdefault:\n"
     "\t}\n"
     "}\n"
     "",
     "7:3: cannot fallthrough in type switch"},
    {"nonbool_cond",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tif 1 {\n"
     "\t}\n"
     "}\n"
     "",
     "4:5: non-boolean condition in if statement"},
    {"range_int_two",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tfor i, j := range 10 {\n"
     "\t\t_, _ = i, j\n"
     "\t}\n"
     "}\n"
     "",
     "4:9: range over 10 (untyped int constant) permits only one iteration variable"},
    {"range_chan_two",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tch := make(chan int)\n"
     "\tfor a, b := range ch {\n"
     "\t\t_, _ = a, b\n"
     "\t}\n"
     "}\n"
     "",
     "5:9: range over ch (variable of type chan int) permits only one iteration variable"},
    {"make_args",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = make([]int)\n"
     "}\n"
     "",
     "4:6: invalid operation: make([]int) expects 2 or 3 arguments; found 1"},
    {"typeswitch_unused",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar x any\n"
     "\tswitch v := x.(type) {\n"
     "\tcase int:\n"
     "\t}\n"
     "}\n"
     "",
     "5:9: v declared and not used"},
    {"label_unused",
     "package main\n"
     "\n"
     "func main() {\n"
     "L:\n"
     "\tfor {\n"
     "\t}\n"
     "}\n"
     "",
     "4:1: label L defined and not used"},
    {"redeclared",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar x int\n"
     "\tvar x string\n"
     "\t_ = x\n"
     "}\n"
     "",
     "5:6: x redeclared in this block"},
    {"untyped_nil",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := nil\n"
     "\t_ = x\n"
     "}\n"
     "",
     "4:7: use of untyped nil in assignment"},
    {"assign_const",
     "package main\n"
     "\n"
     "const c = 1\n"
     "\n"
     "func main() {\n"
     "\tc = 2\n"
     "}\n"
     "",
     "6:2: cannot assign to c (neither addressable nor a map index expression)"},
    {"string_index_assign",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ts := \"abc\"\n"
     "\ts[0] = 'x'\n"
     "}\n"
     "",
     "5:2: cannot assign to s[0] (neither addressable nor a map index expression)"},
    {"unexported",
     "package main\n"
     "\n"
     "import \"fmt\"\n"
     "\n"
     "func main() {\n"
     "\tfmt.println(1)\n"
     "}\n"
     "",
     "6:6: undefined: fmt.println"},
    {"truncated",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar x int = 1.5\n"
     "\t_ = x\n"
     "}\n"
     "",
     "4:14: cannot use 1.5 (untyped float constant) as int value in variable declaration "
     "(truncated)"},
    {"shift_neg",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1 << -1\n"
     "\t_ = x\n"
     "}\n"
     "",
     "4:12: invalid operation: negative shift count -1 (untyped int constant)"},
    {"append_untyped_nil",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = append(nil, 1)\n"
     "}\n"
     "",
     "4:13: first argument to append must be a slice; have untyped nil"},
    {"cmp_slice",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ta := []int{}\n"
     "\tb := []int{}\n"
     "\t_ = a == b\n"
     "}\n"
     "",
     "6:6: invalid operation: a == b (slice can only be compared to nil)"},
    {"cmp_func_nil_ok_then_mismatch",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar p *int\n"
     "\t_ = p == 1\n"
     "}\n"
     "",
     "5:11: invalid operation: p == 1 (mismatched types *int and untyped int)"},
    {"deref_nonptr",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\t_ = *x\n"
     "}\n"
     "",
     "5:7: invalid operation: cannot indirect x (variable of type int)"},
    {"addr_of_const",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = &1\n"
     "}\n"
     "",
     "4:7: invalid operation: cannot take address of 1 (untyped int constant)"},
    {"struct_unknown_field",
     "package main\n"
     "\n"
     "type P struct{ X int }\n"
     "\n"
     "func main() {\n"
     "\t_ = P{Y: 1}\n"
     "}\n"
     "",
     "6:8: unknown field Y in struct literal of type P"},
    {"array_oob",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar a [3]int\n"
     "\t_ = a[5]\n"
     "}\n"
     "",
     "5:8: invalid argument: index 5 out of bounds [0:3]"},
    {"array_lit_oob",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = [2]int{1, 2, 3}\n"
     "}\n"
     "",
     "4:19: index 2 is out of bounds (>= 2)"},
    {"const_overflow_add",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tconst c int8 = 100\n"
     "\t_ = c * 2\n"
     "}\n"
     "",
     "5:6: c * 2 (constant 200 of type int8) overflows int8"},
    {"method_dup",
     "package main\n"
     "\n"
     "type T int\n"
     "\n"
     "func (T) M() {}\n"
     "func (T) M() {}\n"
     "\n"
     "func main() {}\n"
     "",
     "6:10: method T.M already declared at ./x.go:5:10"},
    {"use_builtin_value",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tf := len\n"
     "\t_ = f\n"
     "}\n"
     "",
     "4:7: len (built-in) must be called"},
    {"void_used",
     "package main\n"
     "\n"
     "func f() {}\n"
     "\n"
     "func main() {\n"
     "\tx := f()\n"
     "\t_ = x\n"
     "}\n"
     "",
     "6:7: f() (no value) used as value"},
    {"multi_in_single",
     "package main\n"
     "\n"
     "func f() (int, int) { return 1, 2 }\n"
     "\n"
     "func main() {\n"
     "\tx := f() + 1\n"
     "\t_ = x\n"
     "}\n"
     "",
     "6:7: multiple-value f() (value of type (int, int)) in single-value context"},
    {"type_assert_nonif",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\t_ = x.(int)\n"
     "}\n"
     "",
     "5:6: invalid operation: x (variable of type int) is not an interface"},
    {"impossible_assert",
     "package main\n"
     "\n"
     "type I interface{ M() }\n"
     "\n"
     "func main() {\n"
     "\tvar i I\n"
     "\t_ = i.(int)\n"
     "}\n"
     "",
     "7:6: impossible type assertion: i.(int)"},
    {"delete_nonmap",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ts := []int{}\n"
     "\tdelete(s, 1)\n"
     "}\n"
     "",
     "5:9: invalid argument: s (variable of type []int) is not a map"},
    {"cannot_convert",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ts := \"a\"\n"
     "\t_ = int(s)\n"
     "}\n"
     "",
     "5:10: cannot convert s (variable of type string) to type int"},
    {"return_missing_values",
     "package main\n"
     "\n"
     "func f() int {\n"
     "\treturn\n"
     "}\n"
     "\n"
     "func main() { f() }\n"
     "",
     "4:2: not enough return values"},
    {"inc_string",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ts := \"a\"\n"
     "\ts++\n"
     "}\n"
     "",
     "5:2: invalid operation: s++ (non-numeric type string)"},
    {"var_mismatch_count",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar a, b int = 1\n"
     "\t_, _ = a, b\n"
     "}\n"
     "",
     "4:17: assignment mismatch: 2 variables but 1 value"},
    {"too_many_errors",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = a1\n"
     "\t_ = a2\n"
     "\t_ = a3\n"
     "\t_ = a4\n"
     "\t_ = a5\n"
     "\t_ = a6\n"
     "\t_ = a7\n"
     "\t_ = a8\n"
     "\t_ = a9\n"
     "\t_ = a10\n"
     "\t_ = a11\n"
     "\t_ = a12\n"
     "}\n"
     "",
     "4:6: undefined: a1"},
    {"imported_as",
     "package main\n"
     "\n"
     "import f \"fmt\"\n"
     "\n"
     "func main() {}\n"
     "",
     "3:8: \"fmt\" imported as f and not used"},
    {"ptr_method_on_value_lit",
     "package main\n"
     "\n"
     "type T struct{}\n"
     "\n"
     "func (t *T) M() {}\n"
     "\n"
     "func main() {\n"
     "\tT{}.M()\n"
     "}\n"
     "",
     "8:6: cannot call pointer method M on T"},
    {"int_overflow_lit",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1 << 64\n"
     "\t_ = x\n"
     "}\n"
     "",
     "4:7: cannot use 1 << 64 (untyped int constant 18446744073709551616) as int value in "
     "assignment (overflows)"},
    {"neg_uint",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar u uint = -1\n"
     "\t_ = u\n"
     "}\n"
     "",
     "4:15: cannot use -1 (untyped int constant) as uint value in variable declaration "
     "(overflows)"},
    {"string_plus_int",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = \"a\" + 1\n"
     "}\n"
     "",
     "4:6: invalid operation: \"a\" + 1 (mismatched types untyped string and untyped int)"},
    {"println_nil",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tprintln(nil)\n"
     "}\n"
     "",
     "4:10: use of untyped nil in argument to println"},
    {"cap_map",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tm := map[int]int{}\n"
     "\t_ = cap(m)\n"
     "}\n"
     "",
     "5:10: invalid argument: m (variable of type map[int]int) for cap"},
    {"copy_mismatch",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ta := []int{}\n"
     "\tb := []string{}\n"
     "\tcopy(a, b)\n"
     "}\n"
     "",
     "6:7: invalid argument: arguments to copy a (variable of type []int) and b (variable of type "
     "[]string) have different element types int and string"},
    {"range_func",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tf := func() {}\n"
     "\tfor range f {\n"
     "\t}\n"
     "}\n"
     "",
     "5:12: cannot range over f (variable of type func())"},
    {"map_key_slice",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar m map[[]int]int\n"
     "\t_ = m\n"
     "}\n"
     "",
     "4:12: invalid map key type []int"},
    {"call_method_missing",
     "package main\n"
     "\n"
     "type T struct{}\n"
     "\n"
     "func main() {\n"
     "\tvar t T\n"
     "\tt.Foo()\n"
     "}\n"
     "",
     "7:4: t.Foo undefined (type T has no field or method Foo)"},
    {"continue_in_switch",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tswitch {\n"
     "\tdefault:\n"
     "\t\tcontinue\n"
     "\t}\n"
     "}\n"
     "",
     "6:3: continue is not in a loop"},
    {"init_with_args",
     "package main\n"
     "\n"
     "func init(x int) {}\n"
     "\n"
     "func main() {}\n"
     "",
     "3:6: func init must have no arguments and no return values"},
    {"dup_default",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tswitch {\n"
     "\tdefault:\n"
     "\tdefault:\n"
     "\t}\n"
     "}\n"
     "",
     "6:2: multiple defaults (first at ./x.go:5:2)"},
    {"dup_field",
     "package main\n"
     "\n"
     "type T struct {\n"
     "\ta int\n"
     "\ta string\n"
     "}\n"
     "\n"
     "func main() {}\n"
     "",
     "5:2: a redeclared"},
    {"bad_receiver",
     "package main\n"
     "\n"
     "func (x int) M() {}\n"
     "\n"
     "func main() {}\n"
     "",
     "3:7: cannot define new methods on non-local type int"},
    {"unused_in_closure",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tf := func() {\n"
     "\t\ty := 2\n"
     "\t}\n"
     "\tf()\n"
     "}\n"
     "",
     "5:3: y declared and not used"},
    {"float_mod",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1.5\n"
     "\t_ = x % 2\n"
     "}\n"
     "",
     "5:6: invalid operation: operator % not defined on x (variable of type float64)"},
    {"shift_float",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1.5\n"
     "\t_ = x << 2\n"
     "}\n"
     "",
     "5:6: invalid operation: shifted operand x (variable of type float64) must be integer"},
    {"min_mismatch",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar a int\n"
     "\tvar b float64\n"
     "\t_ = min(a, b)\n"
     "}\n"
     "",
     "6:13: invalid argument: mismatched types int (previous argument) and float64 (type of b)"},
    {"var_unused_assign",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tx = 2\n"
     "}\n"
     "",
     "4:2: x declared and not used"},
    {"shadow_unused",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\t{\n"
     "\t\tx := 2\n"
     "\t\t_ = x\n"
     "\t}\n"
     "}\n"
     "",
     "4:2: x declared and not used"},
    {"call_too_many_multi",
     "package main\n"
     "\n"
     "func f() (int, int) { return 1, 2 }\n"
     "func g(a int) {}\n"
     "\n"
     "func main() {\n"
     "\tg(f())\n"
     "}\n"
     "",
     "7:4: too many arguments in call to g"},
    {"nil_deref",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = *nil\n"
     "}\n"
     "",
     "4:7: invalid operation: cannot indirect nil"},
    {"append_nonslice",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\t_ = append(x, 1)\n"
     "}\n"
     "",
     "5:13: first argument to append must be a slice; have x (variable of type int)"},
    {"map_wrong_key",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tm := map[string]int{}\n"
     "\t_ = m[1]\n"
     "}\n"
     "",
     "5:8: cannot use 1 (untyped int constant) as string value in map index"},
    {"slice_string_idx",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ts := []int{}\n"
     "\t_ = s[\"a\"]\n"
     "}\n"
     "",
     "5:8: cannot convert \"a\" (untyped string constant) to type int"},
    {"neg_index",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ts := []int{1}\n"
     "\t_ = s[-1]\n"
     "}\n"
     "",
     "5:8: invalid argument: index -1 (constant of type int) must not be negative"},
    {"struct_mixed",
     "package main\n"
     "\n"
     "type P struct{ X, Y int }\n"
     "\n"
     "func main() {\n"
     "\t_ = P{X: 1, 2}\n"
     "}\n"
     "",
     "6:14: mixture of field:value and value elements in struct literal"},
    {"dup_struct_field",
     "package main\n"
     "\n"
     "type P struct{ X, Y int }\n"
     "\n"
     "func main() {\n"
     "\t_ = P{X: 1, X: 2}\n"
     "}\n"
     "",
     "6:15: duplicate field name X in struct literal"},
    {"array_dup_index",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = []int{0: 1, 0: 2}\n"
     "}\n"
     "",
     "4:19: duplicate index 0 in array or slice literal"},
    {"bad_conversion_struct",
     "package main\n"
     "\n"
     "type A struct{ x int }\n"
     "type B struct{ y int }\n"
     "\n"
     "func main() {\n"
     "\t_ = B(A{})\n"
     "}\n"
     "",
     "7:8: cannot convert A{} (value of type A) to type B"},
    {"float_to_string",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tf := 1.5\n"
     "\t_ = string(f)\n"
     "}\n"
     "",
     "5:13: cannot convert f (variable of type float64) to type string"},
    {"chan_elem_mismatch",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tch := make(chan int)\n"
     "\tch <- \"a\"\n"
     "}\n"
     "",
     "5:8: cannot use \"a\" (untyped string constant) as int value in send"},
    {"send_nonchan",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tx <- 1\n"
     "}\n"
     "",
     "5:2: invalid operation: cannot send to non-channel x (variable of type int)"},
    {"range_nonrange",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1.5\n"
     "\tfor range x {\n"
     "\t}\n"
     "}\n"
     "",
     "5:12: cannot range over x (variable of type float64)"},
    {"defer_conversion",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tdefer int(1)\n"
     "}\n"
     "",
     "4:8: defer requires function call, not conversion int(1) (constant 1 of type int)"},
    {"return_in_void_multi",
     "package main\n"
     "\n"
     "func f() {\n"
     "\treturn 1, 2\n"
     "}\n"
     "\n"
     "func main() { f() }\n"
     "",
     "4:9: too many return values"},
    {"return_wrong_type",
     "package main\n"
     "\n"
     "func f() int {\n"
     "\treturn \"a\"\n"
     "}\n"
     "\n"
     "func main() { f() }\n"
     "",
     "4:9: cannot use \"a\" (untyped string constant) as int value in return statement"},
    {"assign_to_func_result",
     "package main\n"
     "\n"
     "func f() int { return 1 }\n"
     "\n"
     "func main() {\n"
     "\tf() = 2\n"
     "}\n"
     "",
     "6:2: cannot assign to f() (neither addressable nor a map index expression)"},
    {"unary_minus_string",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ts := \"a\"\n"
     "\t_ = -s\n"
     "}\n"
     "",
     "5:7: invalid operation: operator - not defined on s (variable of type string)"},
    {"not_int",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\t_ = !x\n"
     "}\n"
     "",
     "5:7: invalid operation: operator ! not defined on x (variable of type int)"},
    {"and_mismatch",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\t_ = x && true\n"
     "}\n"
     "",
     "5:6: invalid operation: x && true (mismatched types int and untyped bool)"},
    {"compare_struct_with_slice",
     "package main\n"
     "\n"
     "type S struct{ a []int }\n"
     "\n"
     "func main() {\n"
     "\tx, y := S{}, S{}\n"
     "\t_ = x == y\n"
     "}\n"
     "",
     "7:6: invalid operation: x == y (struct containing []int cannot be compared)"},
    {"const_not_constant",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tconst c = x\n"
     "\t_ = c\n"
     "}\n"
     "",
     "5:12: x (variable of type int) is not constant"},
    {"iota_outside",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := iota\n"
     "\t_ = x\n"
     "}\n"
     "",
     "4:7: cannot use iota outside constant declaration"},
    {"len_int",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = len(1)\n"
     "}\n"
     "",
     "4:10: invalid argument: 1 (untyped int constant) for len"},
    {"new_value",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\t_ = new(x)\n"
     "}\n"
     "",
     "5:10: x (variable of type int) is not a type"},
    {"make_int",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = make(int)\n"
     "}\n"
     "",
     "4:11: invalid argument: cannot make int; type must be slice, map, or channel"},
    {"copy_args",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = copy([]int{})\n"
     "}\n"
     "",
     "4:6: invalid operation: not enough arguments for copy([]int{}) (expected 2, found 1)"},
    {"close_nonchan",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tclose(x)\n"
     "}\n"
     "",
     "5:8: invalid operation: cannot close non-channel x (variable of type int)"},
    {"delete_args",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tm := map[int]int{}\n"
     "\tdelete(m)\n"
     "}\n"
     "",
     "5:2: invalid operation: not enough arguments for delete(m) (expected 2, found 1)"},
    {"method_on_ptr_ptr",
     "package main\n"
     "\n"
     "type T struct{}\n"
     "\n"
     "func (t **T) M() {}\n"
     "\n"
     "func main() {}\n"
     "",
     "5:7: invalid receiver type **T"},
    {"iface_method_call_wrong",
     "package main\n"
     "\n"
     "type I interface{ M(int) }\n"
     "\n"
     "func main() {\n"
     "\tvar i I\n"
     "\ti.M(\"a\")\n"
     "}\n"
     "",
     "7:6: cannot use \"a\" (untyped string constant) as int value in argument to i.M"},
    {"unknown_method_iface",
     "package main\n"
     "\n"
     "type I interface{ M() }\n"
     "\n"
     "func main() {\n"
     "\tvar i I\n"
     "\ti.N()\n"
     "}\n"
     "",
     "7:4: i.N undefined (type I has no field or method N)"},
    {"assign_iface_to_concrete",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar a any = 1\n"
     "\tvar x int = a\n"
     "\t_ = x\n"
     "}\n"
     "",
     "5:14: cannot use a (variable of type any) as int value in variable declaration: need type "
     "assertion"},
    {"untyped_float_to_int_var",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tx = 2.5\n"
     "}\n"
     "",
     "4:2: x declared and not used"},
    {"string_minus",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = \"a\" - \"b\"\n"
     "}\n"
     "",
     "4:6: invalid operation: operator - not defined on \"a\" (untyped string constant)"},
    {"type_as_value",
     "package main\n"
     "\n"
     "type T int\n"
     "\n"
     "func main() {\n"
     "\t_ = T\n"
     "}\n"
     "",
     "6:6: T (type) is not an expression"},
    {"pkg_as_value",
     "package main\n"
     "\n"
     "import \"fmt\"\n"
     "\n"
     "func main() {\n"
     "\t_ = fmt\n"
     "}\n"
     "",
     "3:8: \"fmt\" imported and not used"},
    {"label_dup",
     "package main\n"
     "\n"
     "func main() {\n"
     "L:\n"
     "\tfor {\n"
     "\t\tbreak L\n"
     "\t}\n"
     "L:\n"
     "\tfor {\n"
     "\t\tbreak L\n"
     "\t}\n"
     "}\n"
     "",
     "8:1: label L already defined at ./x.go:4:1"},
    {"break_label_undefined",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tfor {\n"
     "\t\tbreak X\n"
     "\t}\n"
     "}\n"
     "",
     "5:9: break label not defined: X"},
    {"ellipsis_nonvariadic",
     "package main\n"
     "\n"
     "func f(a ...int) {}\n"
     "func g(a []int) {}\n"
     "\n"
     "func main() {\n"
     "\ts := []int{}\n"
     "\tg(s...)\n"
     "}\n"
     "",
     "8:2: cannot use ... in call to non-variadic g"},
    {"variadic_wrong_elem",
     "package main\n"
     "\n"
     "func f(a ...int) {}\n"
     "\n"
     "func main() {\n"
     "\tf(1, \"a\")\n"
     "}\n"
     "",
     "6:7: cannot use \"a\" (untyped string constant) as int value in argument to f"},
    {"init_cycle_func",
     "package main\n"
     "\n"
     "var x = f()\n"
     "\n"
     "func f() int { return x }\n"
     "\n"
     "func main() {}\n"
     "",
     "3:5: initialization cycle for x"},
    {"typeswitch_nonif",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tswitch x.(type) {\n"
     "\t}\n"
     "}\n"
     "",
     "5:9: x (variable of type int) is not an interface"},
    {"impossible_typeswitch",
     "package main\n"
     "\n"
     "type I interface{ M() }\n"
     "\n"
     "func main() {\n"
     "\tvar i I\n"
     "\tswitch i.(type) {\n"
     "\tcase int:\n"
     "\t}\n"
     "}\n"
     "",
     "8:7: impossible type switch case: int"},
    {"dup_typeswitch",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar x any\n"
     "\tswitch x.(type) {\n"
     "\tcase int:\n"
     "\tcase int:\n"
     "\t}\n"
     "}\n"
     "",
     "7:7: duplicate case int in type switch"},
    {"switch_mismatch",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tswitch x {\n"
     "\tcase \"a\":\n"
     "\t}\n"
     "}\n"
     "",
     "6:7: cannot convert \"a\" (untyped string constant) to type int"},
    {"div_zero_float_const",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = 1.0 / 0\n"
     "}\n"
     "",
     "4:12: invalid operation: division by zero"},
    {"shift_count_float",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\t_ = x << 1.5\n"
     "}\n"
     "",
     "5:11: 1.5 (untyped float constant) truncated to uint"},
    {"mod_float_const",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = 1.5 % 2\n"
     "}\n"
     "",
     "4:6: invalid operation: operator % not defined on 1.5 (untyped float constant)"},
    {"bitand_float",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1.5\n"
     "\t_ = x & 1\n"
     "}\n"
     "",
     "5:6: invalid operation: operator & not defined on x (variable of type float64)"},
    {"compare_mismatched_named",
     "package main\n"
     "\n"
     "type A int\n"
     "type B int\n"
     "\n"
     "func main() {\n"
     "\tvar a A\n"
     "\tvar b B\n"
     "\t_ = a == b\n"
     "}\n"
     "",
     "9:11: invalid operation: a == b (mismatched types A and B)"},
    {"func_compare",
     "package main\n"
     "\n"
     "func f() {}\n"
     "\n"
     "func main() {\n"
     "\t_ = f == f\n"
     "}\n"
     "",
     "6:6: invalid operation: f == f (func can only be compared to nil)"},
    {"map_compare",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tm := map[int]int{}\n"
     "\t_ = m == m\n"
     "}\n"
     "",
     "5:6: invalid operation: m == m (map can only be compared to nil)"},
    {"struct_unexported_other_pkg",
     "package main\n"
     "\n"
     "import \"sync\"\n"
     "\n"
     "func main() {\n"
     "\tvar wg sync.WaitGroup\n"
     "\t_ = wg.n\n"
     "}\n"
     "",
     "7:9: wg.n undefined (type sync.WaitGroup has no field or method n)"},
    {"go_builtin",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tgo len(\"a\")\n"
     "}\n"
     "",
     "4:5: go discards result of len(\"a\") (constant 1 of type int)"},
    {"too_many_struct_values",
     "package main\n"
     "\n"
     "type P struct{ X int }\n"
     "\n"
     "func main() {\n"
     "\t_ = P{1, 2}\n"
     "}\n"
     "",
     "6:11: too many values in struct literal of type P"},
    {"invalid_recv_op",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\t_ = <-x\n"
     "}\n"
     "",
     "5:8: invalid operation: cannot receive from non-channel x (variable of type int)"},
    {"const_typed_overflow_decl",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tconst c uint8 = 256\n"
     "}\n"
     "",
     "4:18: cannot use 256 (untyped int constant) as uint8 value in constant declaration "
     "(overflows)"},
    {"float32_overflow",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar f float32 = 1e40\n"
     "\t_ = f\n"
     "}\n"
     "",
     "4:18: cannot use 1e40 (untyped float constant 1e+40) as float32 value in variable "
     "declaration (overflows)"},
    {"string_index_const_oob",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tconst s = \"ab\"\n"
     "\t_ = s[5]\n"
     "}\n"
     "",
     "5:8: invalid argument: index 5 out of bounds [0:2]"},
    {"slice_idx_order",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ts := []int{1, 2, 3}\n"
     "\t_ = s[2:1]\n"
     "}\n"
     "",
     "5:10: invalid slice indices: 1 < 2"},
    {"3index_string",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ts := \"abc\"\n"
     "\t_ = s[0:1:2]\n"
     "}\n"
     "",
     "5:12: invalid operation: 3-index slice of string"},
    {"missing_return_switch",
     "package main\n"
     "\n"
     "func f(x int) int {\n"
     "\tswitch x {\n"
     "\tcase 1:\n"
     "\t\treturn 1\n"
     "\t}\n"
     "}\n"
     "\n"
     "func main() { f(1) }\n"
     "",
     "8:1: missing return"},
    {"missing_return_select",
     "package main\n"
     "\n"
     "func f(c chan int) int {\n"
     "\tselect {\n"
     "\tcase <-c:\n"
     "\t\treturn 1\n"
     "\tdefault:\n"
     "\t}\n"
     "}\n"
     "\n"
     "func main() {}\n"
     "",
     "9:1: missing return"},
    {"nonname_define",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar s []int\n"
     "\ts[0] := 1\n"
     "}\n"
     "",
     "5:2: non-name s[0] on left side of :="},
    {"assign_count",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar a, b int\n"
     "\ta, b = 1\n"
     "\t_, _ = a, b\n"
     "}\n"
     "",
     "5:9: assignment mismatch: 2 variables but 1 value"},
    {"assign_count3",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar a, b int\n"
     "\ta, b = 1, 2, 3\n"
     "\t_, _ = a, b\n"
     "}\n"
     "",
     "5:9: assignment mismatch: 2 variables but 3 values"},
    {"unused_label_continue",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tfor {\n"
     "\t\tcontinue L\n"
     "\t}\n"
     "}\n"
     "",
     "5:12: continue label not defined: L"},
    {"method_value_ptr_on_nonaddr",
     "package main\n"
     "\n"
     "type T struct{}\n"
     "\n"
     "func (t *T) M() {}\n"
     "\n"
     "func get() T { return T{} }\n"
     "\n"
     "func main() {\n"
     "\tget().M()\n"
     "}\n"
     "",
     "10:8: cannot call pointer method M on T"},
    {"field_of_nonstruct",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\t_ = x.y\n"
     "}\n"
     "",
     "5:8: x.y undefined (type int has no field or method y)"},
    {"ptr_to_iface_method",
     "package main\n"
     "\n"
     "type I interface{ M() }\n"
     "\n"
     "func main() {\n"
     "\tvar p *I\n"
     "\tp.M()\n"
     "}\n"
     "",
     "7:4: p.M undefined (type *I is pointer to interface, not interface)"},
    {"embedded_ptr_iface",
     "package main\n"
     "\n"
     "type I interface{ M() }\n"
     "type S struct{ *I }\n"
     "\n"
     "func main() {}\n"
     "",
     "4:16: embedded field type cannot be a pointer to an interface"},
    {"struct_cmp_ok_then_err",
     "package main\n"
     "\n"
     "type P struct{ x int }\n"
     "\n"
     "func main() {\n"
     "\t_ = P{} < P{}\n"
     "}\n"
     "",
     "6:6: invalid operation: P{} < P{} (operator < not defined on struct)"},
    {"bool_ordered",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = true < false\n"
     "}\n"
     "",
     "4:6: invalid operation: true < false (operator < not defined on untyped bool)"},
    {"string_mul",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = \"a\" * 2\n"
     "}\n"
     "",
     "4:6: invalid operation: \"a\" * 2 (mismatched types untyped string and untyped int)"},
    {"min_bool",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = min(true, false)\n"
     "}\n"
     "",
     "4:10: invalid argument: true (untyped bool constant) cannot be ordered"},
    {"clear_int",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tclear(x)\n"
     "}\n"
     "",
     "5:8: invalid argument: cannot clear x (variable of type int): argument must be (or "
     "constrained by) map or slice"},
    {"panic_args",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tpanic()\n"
     "}\n"
     "",
     "4:2: invalid operation: not enough arguments for panic() (expected 1, found 0)"},
    {"recover_args",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = recover(1)\n"
     "}\n"
     "",
     "4:6: invalid operation: too many arguments for recover(1) (expected 0, found 1)"},
    {"cap_string",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = cap(\"abc\")\n"
     "}\n"
     "",
     "4:10: invalid argument: \"abc\" (untyped string constant) for cap"},
    {"var_no_type_no_value",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar x = nil\n"
     "\t_ = x\n"
     "}\n"
     "",
     "4:10: use of untyped nil in variable declaration"},
    {"return_count_named",
     "package main\n"
     "\n"
     "func f() (x int) {\n"
     "\treturn 1, 2\n"
     "}\n"
     "\n"
     "func main() { f() }\n"
     "",
     "4:12: too many return values"},
    {"receiver_undefined_type",
     "package main\n"
     "\n"
     "func (x *U) M() {}\n"
     "\n"
     "func main() {}\n"
     "",
     "3:10: undefined: U"},
    {"redeclare_param",
     "package main\n"
     "\n"
     "func f(a int) {\n"
     "\ta := 2\n"
     "\t_ = a\n"
     "}\n"
     "\n"
     "func main() {}\n"
     "",
     "4:4: no new variables on left side of :="},
    {"func_as_bool",
     "package main\n"
     "\n"
     "func f() bool { return true }\n"
     "\n"
     "func main() {\n"
     "\tif f {\n"
     "\t}\n"
     "}\n"
     "",
     "6:5: non-boolean condition in if statement"},
    {"incdec_on_map_struct",
     "package main\n"
     "\n"
     "type P struct{ X int }\n"
     "\n"
     "func main() {\n"
     "\tm := map[int]P{}\n"
     "\tm[1].X++\n"
     "}\n"
     "",
     "7:2: cannot assign to struct field m[1].X in map"},
    {"unaddressable_addr",
     "package main\n"
     "\n"
     "func f() int { return 1 }\n"
     "\n"
     "func main() {\n"
     "\t_ = &f()\n"
     "}\n"
     "",
     "6:7: invalid operation: cannot take address of f() (value of type int)"},
    {"invalid_op_on_ptr",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar p *int\n"
     "\t_ = p + 1\n"
     "}\n"
     "",
     "5:6: invalid operation: p + 1 (mismatched types *int and untyped int)"},
    {"dur_string",
     "package main\n"
     "\n"
     "import (\n"
     "\t\"time\"\n"
     ")\n"
     "\n"
     "func main() {\n"
     "\tvar d time.Duration = \"x\"\n"
     "\t_ = d\n"
     "}\n"
     "",
     "8:24: cannot use \"x\" (untyped string constant) as time.Duration value in variable "
     "declaration"},
    {"wg_add_string",
     "package main\n"
     "\n"
     "import (\n"
     "\t\"sync\"\n"
     ")\n"
     "\n"
     "func main() {\n"
     "\tvar wg sync.WaitGroup\n"
     "\twg.Add(\"x\")\n"
     "}\n"
     "",
     "9:9: cannot use \"x\" (untyped string constant) as int value in argument to wg.Add"},
    {"sleep_int_var",
     "package main\n"
     "\n"
     "import (\n"
     "\t\"time\"\n"
     ")\n"
     "\n"
     "func main() {\n"
     "\tn := 5\n"
     "\ttime.Sleep(n)\n"
     "}\n"
     "",
     "9:13: cannot use n (variable of type int) as time.Duration value in argument to time.Sleep"},
    {"println_multi_ok_then_unused",
     "package main\n"
     "\n"
     "import (\n"
     "\t\"fmt\"\n"
     ")\n"
     "\n"
     "func main() {\n"
     "\tx, err := fmt.Println(1)\n"
     "\t_ = err\n"
     "}\n"
     "",
     "8:2: x declared and not used"},
    {"errors_new_int",
     "package main\n"
     "\n"
     "import (\n"
     "\t\"errors\"\n"
     ")\n"
     "\n"
     "func main() {\n"
     "\t_ = errors.New(1)\n"
     "}\n"
     "",
     "8:17: cannot use 1 (untyped int constant) as string value in argument to errors.New"},
    {"mutex_copy_value_call",
     "package main\n"
     "\n"
     "import (\n"
     "\t\"sync\"\n"
     ")\n"
     "\n"
     "func main() {\n"
     "\tvar mu sync.Mutex\n"
     "\tmu.Lock(1)\n"
     "}\n"
     "",
     "9:10: too many arguments in call to mu.Lock"},
    {"undefined_method_pkg_type",
     "package main\n"
     "\n"
     "import (\n"
     "\t\"sync\"\n"
     ")\n"
     "\n"
     "func main() {\n"
     "\tvar wg sync.WaitGroup\n"
     "\twg.Foo()\n"
     "}\n"
     "",
     "9:5: wg.Foo undefined (type sync.WaitGroup has no field or method Foo)"},
    {"chan_of_dur",
     "package main\n"
     "\n"
     "import (\n"
     "\t\"time\"\n"
     ")\n"
     "\n"
     "func main() {\n"
     "\tch := make(chan time.Duration)\n"
     "\tch <- \"a\"\n"
     "}\n"
     "",
     "9:8: cannot use \"a\" (untyped string constant) as time.Duration value in send"},
    {"strings_unused",
     "package main\n"
     "\n"
     "import (\n"
     "\t\"strings\"\n"
     "\t\"fmt\"\n"
     ")\n"
     "\n"
     "func main() {\n"
     "\tfmt.Println(1)\n"
     "}\n"
     "",
     "4:2: \"strings\" imported and not used"},
    {"os_exit_string",
     "package main\n"
     "\n"
     "import (\n"
     "\t\"os\"\n"
     ")\n"
     "\n"
     "func main() {\n"
     "\tos.Exit(\"1\")\n"
     "}\n"
     "",
     "8:10: cannot use \"1\" (untyped string constant) as int value in argument to os.Exit"},
    {"goroutine_return_value_unused",
     "package main\n"
     "\n"
     "func f() int { return 1 }\n"
     "\n"
     "func main() {\n"
     "\tgo f()\n"
     "\tx := 1\n"
     "}\n"
     "",
     "7:2: x declared and not used"},
    {"select_send_type",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tch := make(chan int)\n"
     "\tselect {\n"
     "\tcase ch <- \"a\":\n"
     "\t}\n"
     "}\n"
     "",
     "6:13: cannot use \"a\" (untyped string constant) as int value in send"},
    {"select_recv_assign_type",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tch := make(chan int)\n"
     "\tvar s string\n"
     "\tselect {\n"
     "\tcase s = <-ch:\n"
     "\t}\n"
     "\t_ = s\n"
     "}\n"
     "",
     "7:11: cannot use <-ch (comma, ok expression of type int) as string value in assignment"},
    {"range_assign_type",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar s string\n"
     "\tfor s = range []int{1} {\n"
     "\t}\n"
     "\t_ = s\n"
     "}\n"
     "",
     "5:6: cannot use s (value of type int) as string value in assignment"},
    {"closure_wrong_return",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tf := func() int { return \"a\" }\n"
     "\t_ = f\n"
     "}\n"
     "",
     "4:27: cannot use \"a\" (untyped string constant) as int value in return statement"},
    {"method_sig_mismatch_iface",
     "package main\n"
     "\n"
     "type I interface{ M(int) }\n"
     "type T struct{}\n"
     "\n"
     "func (T) M(string) {}\n"
     "\n"
     "func main() {\n"
     "\tvar i I = T{}\n"
     "\t_ = i\n"
     "}\n"
     "",
     "9:12: cannot use T{} (value of type T) as I value in variable declaration: T does not "
     "implement I (wrong type for method M)"},
    {"nil_map_literal_type",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar m map[string]int = map[int]string{}\n"
     "\t_ = m\n"
     "}\n"
     "",
     "4:25: cannot use map[int]string{} (value of type map[int]string) as map[string]int value in "
     "variable declaration"},
    {"chan_dir_assign",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar r <-chan int\n"
     "\tvar s chan int = r\n"
     "\t_ = s\n"
     "}\n"
     "",
     "5:19: cannot use r (variable of type <-chan int) as chan int value in variable declaration"},
    {"array_size_mismatch",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar a [3]int = [4]int{}\n"
     "\t_ = a\n"
     "}\n"
     "",
     "4:17: cannot use [4]int{} (value of type [4]int) as [3]int value in variable declaration"},
    {"struct_ptr_to_value",
     "package main\n"
     "\n"
     "type T struct{}\n"
     "\n"
     "func main() {\n"
     "\tvar t T = &T{}\n"
     "\t_ = t\n"
     "}\n"
     "",
     "6:12: cannot use &T{} (value of type *T) as T value in variable declaration"},
    {"int_to_float_var",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tvar f float64 = x\n"
     "\t_ = f\n"
     "}\n"
     "",
     "5:18: cannot use x (variable of type int) as float64 value in variable declaration"},
    {"const_mod_zero",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 5\n"
     "\t_ = x % 0\n"
     "}\n"
     "",
     "5:10: invalid operation: division by zero"},
    {"typed_const_float_to_int",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tconst f float64 = 1.5\n"
     "\tvar i int = f\n"
     "\t_ = i\n"
     "}\n"
     "",
     "5:14: cannot use f (constant 1.5 of type float64) as int value in variable declaration"},
    {"bool_conv_int",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = int(true)\n"
     "}\n"
     "",
     "4:10: cannot convert true (untyped bool constant) to type int"},
    {"string_conv_float",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = float64(\"1\")\n"
     "}\n"
     "",
     "4:14: cannot convert \"1\" (untyped string constant) to type float64"},
    {"defer_nonfunc_call",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tx := 1\n"
     "\tdefer x()\n"
     "}\n"
     "",
     "5:8: invalid operation: cannot call non-function x (variable of type int)"},
    {"wrong_recv_count",
     "package main\n"
     "\n"
     "func f() (int, int) { return 1, 2 }\n"
     "\n"
     "func main() {\n"
     "\ta, b, c := f()\n"
     "\t_, _, _ = a, b, c\n"
     "}\n"
     "",
     "6:13: assignment mismatch: 3 variables but f returns 2 values"},
    {"map_index_ok_three",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tm := map[int]int{}\n"
     "\ta, b, c := m[1]\n"
     "\t_, _, _ = a, b, c\n"
     "}\n"
     "",
     "5:13: assignment mismatch: 3 variables but 1 value"},
    {"type_assert_ok_three",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tvar x any\n"
     "\ta, b, c := x.(int)\n"
     "\t_, _, _ = a, b, c\n"
     "}\n"
     "",
     "5:13: assignment mismatch: 3 variables but 1 value"},
    {"embedded_field_conflict",
     "package main\n"
     "\n"
     "type A struct{ X int }\n"
     "type B struct{ X int }\n"
     "type C struct {\n"
     "\tA\n"
     "\tB\n"
     "}\n"
     "\n"
     "func main() {\n"
     "\tvar c C\n"
     "\t_ = c.X\n"
     "}\n"
     "",
     "12:8: ambiguous selector c.X"},
    {"unused_var_in_if",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tif x := 1; true {\n"
     "\t}\n"
     "}\n"
     "",
     "4:5: x declared and not used"},
    {"unused_var_in_for_range",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tfor i, v := range []int{1} {\n"
     "\t\t_ = i\n"
     "\t}\n"
     "}\n"
     "",
     "4:9: v declared and not used"},
    {"shadowed_err_unused",
     "package main\n"
     "\n"
     "func f() error { return nil }\n"
     "\n"
     "func main() {\n"
     "\terr := f()\n"
     "\tif err != nil {\n"
     "\t\terr := f()\n"
     "\t}\n"
     "}\n"
     "",
     "8:3: err declared and not used"},
    {"return_in_main",
     "package main\n"
     "\n"
     "func main() {\n"
     "\treturn 1\n"
     "}\n"
     "",
     "4:9: too many return values"},
    {"missing_func_body_call",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tf()\n"
     "}\n"
     "",
     "4:2: undefined: f"},
    {"struct_field_ptr_nil",
     "package main\n"
     "\n"
     "type T struct{ p *int }\n"
     "\n"
     "func main() {\n"
     "\tt := T{p: 1}\n"
     "\t_ = t\n"
     "}\n"
     "",
     "6:12: cannot use 1 (untyped int constant) as *int value in struct literal"},
    {"slice_of_map",
     "package main\n"
     "\n"
     "func main() {\n"
     "\tm := map[int]int{}\n"
     "\t_ = m[1:]\n"
     "}\n"
     "",
     "5:6: invalid operation: cannot slice m (variable of type map[int]int)"},
    {"len_ptr_slice",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ts := &[]int{}\n"
     "\t_ = len(s)\n"
     "}\n"
     "",
     "5:10: invalid argument: s (variable of type *[]int) for len"},
    {"new_two_args",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = new(int, 1)\n"
     "}\n"
     "",
     "4:6: invalid operation: too many arguments for new(int, 1) (expected 1, found 2)"},
    {"make_map_three",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = make(map[int]int, 1, 2)\n"
     "}\n"
     "",
     "4:6: invalid operation: make(map[int]int, 1, 2) expects 1 or 2 arguments; found 3"},
    {"make_neg_len",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = make([]int, -1)\n"
     "}\n"
     "",
     "4:18: invalid argument: index -1 (constant of type int) must not be negative"},
    {"make_len_cap_swapped",
     "package main\n"
     "\n"
     "func main() {\n"
     "\t_ = make([]int, 5, 2)\n"
     "}\n"
     "",
     "4:18: invalid argument: length and capacity swapped"},
    {"append_wrong_elem",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ts := []int{}\n"
     "\ts = append(s, \"a\")\n"
     "}\n"
     "",
     "5:16: cannot use \"a\" (untyped string constant) as int value in argument to append"},
    {"append_result_unused",
     "package main\n"
     "\n"
     "func main() {\n"
     "\ts := []int{}\n"
     "\tappend(s, 1)\n"
     "}\n"
     "",
     "5:2: append(s, 1) (value of type []int) is not used"},
    {"send_on_recv_param_go",
     "package main\n"
     "\n"
     "func worker(jobs <-chan int, results chan<- int) {\n"
     "\tfor j := range results {\n"
     "\t\t_ = j\n"
     "\t}\n"
     "}\n"
     "\n"
     "func main() {}\n"
     "",
     "4:17: cannot range over results (variable of type chan<- int): receive from send-only "
     "channel"},
};

START_TEST(test_go_errors)
{
    const ErrCase *ec = &err_cases[_i];
    ck_first_line(err(ec->src), ec->want, ec->name);
}
END_TEST

/* Errors Go does not have: constructs csp refuses, scripts. */
START_TEST(test_not_supported)
{
    ck_first_line(err("package main\n\nfunc F[T any](n int) {\n\tif n > 0 {\n\t\tF[[]T](n - 1)\n\t}\n}\n\n"
                      "func main() { F[int](3) }\n"),
                  "5:5: not supported yet: instantiation nested more than 64 deep",
                  "endless instantiation");
    ck_first_line(err("package main\n\nimport \"nosuch\"\n\nfunc main() {}\n"),
                  "3:8: package nosuch is not in std", "unknown package");
    ck_first_line(err("package main\n\nfunc f() {}\n"),
                  "function main is undeclared in the main package", "no main");
    ck_first_line(
        err("package main\n\nfunc f() int {\n\tfor {\n\t\tbreak\n\t}\n}\n\nfunc main() { f() }\n"),
        err("package main\n\nfunc f() int {\n\tfor {\n\t\tbreak\n\t}\n}\n\nfunc main() { f() }\n"),
        "same");
    const char *mr =
        err("package main\n\nfunc f() int {\n\tfor {\n\t\tbreak\n\t}\n}\n\nfunc main() { f() }\n");
    ck_assert_msg(strstr(mr, "missing return") != NULL, "missing return: %s", mr);
}
END_TEST

START_TEST(test_too_many_errors)
{
    Diags d;
    char first[600];
    run("package main\n\nfunc main() {\n\t_ = a1\n\t_ = a2\n\t_ = a3\n\t_ = a4\n\t_ = a5\n"
        "\t_ = a6\n\t_ = a7\n\t_ = a8\n\t_ = a9\n\t_ = a10\n\t_ = a11\n\t_ = a12\n}\n",
        &d, first, sizeof first);
    ck_assert_int_eq(d.len, 11);
    ck_assert_str_eq(d.items[10].msg, "too many errors");
    ck_assert_str_eq(d.items[9].msg, "undefined: a10");
}
END_TEST

/* ---- annotations of valid programs ---- */

START_TEST(test_untyped_final_types)
{
    ok("package main\n\nimport \"fmt\"\n\ntype MyBool bool\n\nfunc main() {\n"
       "\tvar f float64 = 1\n\tx := 'a'\n\tfmt.Println(2)\n\tvar b MyBool = x < 3\n"
       "\tvar g float32 = 1 << 3\n\tvar s uint = 2\n\tvar h int64 = 1 << s\n"
       "\t_, _, _, _ = f, b, g, h\n}\n");
    Node *one = nth_kind(AST_BASICLIT, 0);
    ck_assert_str_eq(ts(one->type), "float64");
    ck_assert_int_eq(one->mode, MODE_CONST);
    ck_assert_int_eq(one->cv->kind, CONST_FLOAT);
    ck_assert_str_eq(ts(ident("x", 0)->type), "int32");
    ck_assert_str_eq(ts(nth_kind(AST_BASICLIT, 2)->type), "int"); /* Println(2) */
    Node *cmp = nth_kind(AST_BINARY, 0);
    ck_assert_str_eq(ts(cmp->type), "MyBool");
    ck_assert_str_eq(ts(cmp->u.binary.y->type), "int32");
    Node *sh = nth_kind(AST_BINARY, 1); /* 1 << 3 */
    ck_assert_int_eq(sh->mode, MODE_CONST);
    ck_assert_str_eq(ts(sh->type), "float32");
    Node *sh2 = nth_kind(AST_BINARY, 2); /* 1 << s */
    ck_assert_int_eq(sh2->mode, MODE_VALUE);
    ck_assert_str_eq(ts(sh2->type), "int64");
    ck_assert_str_eq(ts(sh2->u.binary.x->type), "int64");
}
END_TEST

START_TEST(test_constants)
{
    ok("package main\n\nconst (\n\tA = iota\n\tB\n\tC\n)\n\nconst (\n\t_ = 1 << (10 * "
       "iota)\n\tKB\n\tMB\n)\n\n"
       "const big = 1 << 100\nconst small = big >> 98\nconst n = len(\"hello\")\nconst h = 0x1p-2\n"
       "const u = 1_000 + 0b101 + 0o17 + 017\nconst q = 7 / 2\nconst fq = 7 / 2.0\nconst s = "
       "\"ab\" + \"c\"\n"
       "const r = 'a' + 1\nconst t int8 = -128\nconst m = ^uint8(1)\n\nvar arr [4]int\n\nconst al "
       "= len(arr)\n\n"
       "func main() {}\n");
    Package *p = NULL;
    (void)p;
    ck_assert(ident("C", 0)->u.ident.sym->cv->i == 2);
    ck_assert(ident("MB", 0)->u.ident.sym->cv->i == 1 << 20);
    ck_assert(ident("small", 0)->u.ident.sym->cv->i == 4);
    ck_assert(ident("n", 0)->u.ident.sym->cv->i == 5);
    ck_assert(ident("h", 0)->u.ident.sym->cv->f == 0.25L);
    ck_assert(ident("u", 0)->u.ident.sym->cv->i == 1000 + 5 + 15 + 15);
    ck_assert(ident("q", 0)->u.ident.sym->cv->i == 3);
    ck_assert(ident("fq", 0)->u.ident.sym->cv->f == 3.5L);
    Symbol *s = ident("s", 0)->u.ident.sym;
    ck_assert_int_eq(s->cv->s.len, 3);
    ck_assert(memcmp(s->cv->s.ptr, "abc", 3) == 0);
    ck_assert_str_eq(ts(ident("r", 0)->u.ident.sym->type), "untyped rune");
    ck_assert(ident("r", 0)->u.ident.sym->cv->i == 'b');
    ck_assert(ident("t", 0)->u.ident.sym->cv->i == -128);
    ck_assert(ident("m", 0)->u.ident.sym->cv->i == 254);
    ck_assert(ident("al", 0)->u.ident.sym->cv->i == 4);
    ck_assert_str_eq(ts(ident("al", 0)->u.ident.sym->type), "int");
}
END_TEST

START_TEST(test_closures)
{
    ok("package main\n\nfunc main() {\n\tx := 0\n\ty := 1\n\tf := func() int {\n\t\tx++\n\t\tz := "
       "2\n"
       "\t\tg := func() int { return z }\n\t\treturn g()\n\t}\n\tp := &y\n\t_, _ = f, p\n}\n");
    Symbol *x = ident("x", 0)->u.ident.sym, *y = ident("y", 0)->u.ident.sym;
    Symbol *z = ident("z", 0)->u.ident.sym, *g = ident("g", 0)->u.ident.sym;
    ck_assert(x->captured);
    ck_assert(!x->addrtaken);
    ck_assert(!y->captured);
    ck_assert(y->addrtaken);
    ck_assert(z->captured);
    ck_assert(!g->captured);
    Node *f1 = nth_kind(AST_FUNCLIT, 0);
    ck_assert_ptr_eq(z->funclit, f1);
    ck_assert_ptr_eq(z->owner, f1);
    ck_assert_ptr_null(x->funclit);
    ck_assert_int_eq(x->owner->kind, AST_FUNCDECL);
}
END_TEST

START_TEST(test_init_order)
{
    Program *p = ok("package main\n\nvar a = b + 1\nvar b = f()\n\nfunc f() int { return c }\n\n"
                    "var c = 3\nvar d = 4\n\nfunc main() {}\n");
    Package *m = p->main;
    ck_assert_int_eq(m->inits.len, 4);
    const char *want[] = {"c", "b", "a", "d"};
    for (int i = 0; i < 4; i++)
        ck_assert_str_eq(m->inits.items[i]->u.valuespec.names.items[0]->u.ident.name, want[i]);
    ck_assert_ptr_nonnull(p->main_func);
    ck_assert_str_eq(p->main_func->name, "main");
    ck_assert_int_eq(m->funcs.len, 2);
    /* the Go spec's own example */
    p = ok("package main\n\nvar (\n\ta = c + b\n\tb = f()\n\tc = f()\n\td = 3\n)\n\n"
           "func f() int {\n\td++\n\treturn d\n}\n\nfunc main() {}\n");
    const char *spec[] = {"d", "b", "c", "a"};
    ck_assert_int_eq(p->main->inits.len, 4);
    for (int i = 0; i < 4; i++)
        ck_assert_str_eq(p->main->inits.items[i]->u.valuespec.names.items[0]->u.ident.name,
                         spec[i]);
    /* a multi-name spec initialises once */
    p = ok("package main\n\nvar x, y = two()\nvar z = x\n\nfunc two() (int, int) { return 1, 2 "
           "}\n\nfunc main() {}\n");
    ck_assert_int_eq(p->main->inits.len, 2);
}
END_TEST

START_TEST(test_selectors)
{
    ok("package main\n\ntype I interface{ M() int }\n\ntype A struct{ X int }\n\nfunc (a *A) M() "
       "int { return a.X }\n\n"
       "type B struct {\n\tY int\n\t*A\n}\n\ntype C struct{ B }\n\n"
       "func main() {\n\tvar c C\n\t_ = c.X\n\tvar i I = c\n\t_ = i.M()\n\t_ = c.M()\n\tf := "
       "(*A).M\n\t_ = f\n}\n");
    Node *cx = nth_kind(AST_SELECTOR, 0); /* a.X in M */
    ck_assert_int_eq(cx->u.selector.kind, SEL_FIELD);
    ck_assert_int_eq(cx->u.selector.npath, 1);
    ck_assert(cx->u.selector.path_deref[0]);
    Node *sx = nth_kind(AST_SELECTOR, 1); /* c.X */
    ck_assert_int_eq(sx->u.selector.kind, SEL_FIELD);
    ck_assert_int_eq(sx->u.selector.npath, 3);
    ck_assert_int_eq(sx->u.selector.path[0], 0);
    ck_assert_int_eq(sx->u.selector.path[1], 1);
    ck_assert_int_eq(sx->u.selector.path[2], 0);
    ck_assert(!sx->u.selector.path_deref[0]);
    ck_assert(!sx->u.selector.path_deref[1]);
    ck_assert(sx->u.selector.path_deref[2]);
    ck_assert_int_eq(sx->mode, MODE_VARIABLE);
    Node *im = nth_kind(AST_SELECTOR, 2); /* i.M */
    ck_assert_int_eq(im->u.selector.kind, SEL_IFACEMETHOD);
    ck_assert_int_eq(im->u.selector.method_index, 0);
    Node *call = nth_kind(AST_CALL, 0);
    ck_assert_int_eq(call->u.call.kind, CALL_IFACE);
    Node *cm = nth_kind(AST_SELECTOR, 3); /* c.M */
    ck_assert_int_eq(cm->u.selector.kind, SEL_METHOD);
    ck_assert_int_eq(cm->u.selector.npath, 2);
    ck_assert(!cm->u.selector.recv_addr); /* the embedded *A is already a pointer */
    ck_assert_int_eq(nth_kind(AST_CALL, 1)->u.call.kind, CALL_METHOD);
    Node *me = nth_kind(AST_SELECTOR, 4);
    ck_assert_int_eq(me->u.selector.kind, SEL_METHODEXPR);
    ck_assert_str_eq(ts(me->type), "func(*A) int");
    /* promoted methods: C's method set has M through B's *A */
    Type *C = ident("C", 0)->u.ident.sym->type;
    const Method *m = type_method(C, "M");
    ck_assert_ptr_nonnull(m);
    ck_assert(m->promoted);
    int path[8];
    bool deref[8];
    Type *recv = NULL;
    ck_assert_int_eq(check_method_path(C, "M", path, deref, 8, &recv), 2);
    ck_assert_int_eq(path[0], 0);
    ck_assert_int_eq(path[1], 1);
    ck_assert_str_eq(recv->name, "A");
}
END_TEST

START_TEST(test_method_recv)
{
    ok("package main\n\ntype T struct{ n int }\n\nfunc (t *T) Inc() { t.n++ }\nfunc (t T) Get() "
       "int { return t.n }\n\n"
       "func main() {\n\tvar t T\n\tt.Inc()\n\tp := &T{}\n\t_ = p.Get()\n}\n");
    Node *inc = nth_kind(AST_SELECTOR, 2); /* t.Inc (after t.n, t.n) */
    ck_assert_str_eq(inc->u.selector.sel->u.ident.name, "Inc");
    ck_assert(inc->u.selector.recv_addr);
    ck_assert(!inc->u.selector.recv_deref);
    ck_assert(ident("t", 4)->u.ident.sym->addrtaken);
    Node *get = nth_kind(AST_SELECTOR, 3);
    ck_assert_str_eq(get->u.selector.sel->u.ident.name, "Get");
    ck_assert(get->u.selector.recv_deref);
    Node *fd = nth_kind(AST_FUNCDECL, 0);
    ck_assert_ptr_nonnull(fd->u.funcdecl.sym->recv);
    ck_assert_str_eq(ts(fd->u.funcdecl.sym->recv), "*T");
}
END_TEST

START_TEST(test_composite_literals)
{
    ok("package main\n\ntype P struct{ X, Y int }\n\nfunc main() {\n\ta := []P{{1, 2}, {X: 3}}\n"
       "\tb := []*P{{1, 2}}\n\tc := [...]int{1, 2, 5: 3}\n\td := map[string]P{\"k\": {1, 2}}\n"
       "\te := [][]int{{1}, {2, 3}}\n\t_, _, _, _, _ = a, b, c, d, e\n}\n");
    ck_assert_str_eq(ts(ident("a", 0)->type), "[]P");
    ck_assert_str_eq(ts(nth_kind(AST_COMPOSITELIT, 1)->type), "P");
    ck_assert_str_eq(ts(nth_kind(AST_COMPOSITELIT, 4)->type), "*P"); /* elided &P */
    ck_assert_str_eq(ts(ident("c", 0)->type), "[6]int");
    ck_assert_str_eq(ts(ident("d", 0)->type), "map[string]P");
    ck_assert_str_eq(ts(ident("e", 0)->type), "[][]int");
}
END_TEST

START_TEST(test_statements)
{
    ok("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tm := map[string]int{}\n\tv, ok := "
       "m[\"a\"]\n"
       "\tvar x any = 1\n\tswitch y := x.(type) {\n\tcase int:\n\t\t_ = y + 1\n\tcase string, "
       "bool:\n\t\t_ = y\n\t}\n"
       "L:\n\tfor i := range 3 {\n\t\tfor _, r := range \"héllo\" {\n\t\t\tif r == 'l' "
       "{\n\t\t\t\tcontinue L\n\t\t\t}\n"
       "\t\t\tbreak\n\t\t}\n\t\t_ = i\n\t}\n\tch := make(chan int, 1)\n\tselect {\n\tcase ch <- "
       "1:\n\tcase w, ok2 := <-ch:\n"
       "\t\t_, _ = w, ok2\n\tdefault:\n\t}\n\tfmt.Println(v, ok)\n}\n");
    Node *ix = nth_kind(AST_INDEX, 0);
    ck_assert_int_eq(ix->mode, MODE_COMMAOK);
    ck_assert_str_eq(ts(ident("ok", 0)->type), "bool");
    Node *cc1 = nth_kind(AST_CASECLAUSE, 0), *cc2 = nth_kind(AST_CASECLAUSE, 1);
    ck_assert_str_eq(ts(cc1->u.caseclause.implicit->type), "int");
    ck_assert_str_eq(ts(cc2->u.caseclause.implicit->type), "any");
    ck_assert_str_eq(ts(ident("i", 0)->type), "int");
    ck_assert_str_eq(ts(ident("r", 0)->type), "int32");
    Node *cont = nth_kind(AST_BRANCHSTMT, 0), *brk = nth_kind(AST_BRANCHSTMT, 1);
    ck_assert_ptr_eq(cont->u.branchstmt.target, nth_kind(AST_RANGESTMT, 0));
    ck_assert_ptr_eq(brk->u.branchstmt.target, nth_kind(AST_RANGESTMT, 1));
    ck_assert_str_eq(ts(ident("w", 0)->type), "int");
    Node *as = nth_kind(AST_ASSIGNSTMT, 1); /* v, ok := m["a"] */
    ck_assert(as->u.assignstmt.is_new[0] && as->u.assignstmt.is_new[1]);
}
END_TEST

START_TEST(test_calls_and_builtins)
{
    ok("package main\n\nfunc two() (int, string) { return 1, \"a\" }\nfunc take(n int, s string) "
       "{}\n"
       "func vari(xs ...int) int { return len(xs) }\n\nfunc new() int { return 7 }\n\n"
       "func main() {\n\ttake(two())\n\ts := []int{1}\n\ts = append(s, 2, 3)\n\t_ = "
       "vari(s...)\n\t_ = vari()\n"
       "\tb := []byte(\"hi\")\n\tb = append(b, \"yo\"...)\n\tn := copy(b, \"x\")\n\t_ = new() + "
       "n\n\tvar a [5]int\n"
       "\tconst l = len(a)\n\t_ = min(1, 2.5)\n\t_ = max(l, 3)\n\tf := float64(3)\n\t_ = "
       "string(rune(65)) + string(b)\n"
       "\tclear(s)\n\t_ = f\n}\n");
    Node *c0 = nth_kind(AST_CALL, 0); /* two() in the body of main? first CALL is len(xs) */
    ck_assert_int_eq(c0->u.call.kind, CALL_BUILTIN);
    ck_assert_int_eq(c0->u.call.builtin, BUILTIN_LEN);
    Node *tk = nth_kind(AST_CALL, 1);
    ck_assert_int_eq(tk->u.call.kind, CALL_FUNC);
    ck_assert_int_eq(tk->u.call.args.items[0]->type->kind, KIND_TUPLE);
    Node *ap = nth_kind(AST_CALL, 3);
    ck_assert_int_eq(ap->u.call.builtin, BUILTIN_APPEND);
    ck_assert_str_eq(ts(ap->type), "[]int");
    ck_assert_int_eq(ident("new", 1)->u.ident.sym->kind, SYM_FUNC);
    ck_assert(ident("l", 0)->u.ident.sym->cv->i == 5);
    Node *conv = nth_kind(AST_CALL, 6); /* []byte("hi") */
    ck_assert_int_eq(conv->u.call.kind, CALL_CONVERSION);
    ck_assert_str_eq(ts(conv->type), "[]uint8");
    ck_assert_str_eq(ts(ident("f", 0)->type), "float64");
}
END_TEST

START_TEST(test_script)
{
    Diags d;
    char first[600];
    Program *p = run("count := 0\nvar wg sync.WaitGroup\n\nfunc bump() { count++ }\n\n"
                     "for i := 0; i < 3; i++ {\n\tbump()\n}\nfmt.Println(count, time.Second)\n",
                     &d, first, sizeof first);
    ck_assert_msg(p != NULL, "script: %s", first);
    ck_assert(p->main->is_script);
    ck_assert_ptr_null(p->main_func);
    Symbol *count = ident("count", 0)->u.ident.sym;
    ck_assert(count->global);
    ck_assert_ptr_eq(ident("count", 1)->u.ident.sym, count);
    Symbol *i = ident("i", 0)->u.ident.sym;
    ck_assert(!i->global);
    ck_assert_str_eq(ts(ident("wg", 0)->type), "WaitGroup");
    ck_assert_int_eq(p->npkgs, 4); /* sync, fmt, time, main */
    /* an undefined name in a script is still an error */
    ck_first_line(err("x := 1\nfmt.Println(y)\n"), "2:13: undefined: y", "script undefined");
    /* a script's labels are its own: checking a labelled script twice on
     * one thread must not meet the first one's label (they once stayed in a
     * thread-local list, found by tests/fuzz), and an unused one is an error
     * as in a function body */
    const char *labelled = "first:\nfor i := 0; i < 2; i++ {\n\tbreak first\n}\n";
    ok(labelled);
    ok(labelled);
    ck_first_line(err("first:\nfor {\n}\n"), "1:1: label first defined and not used",
                  "script unused label");
    /* a left-deep chain of 100,000 terms is ordinary Go (gc compiles it):
     * it checks, on the checker's deep stack; a chain beyond the limit (a
     * million levels) is a compile error, not a C stack overflow: see
     * tests/large-programs. Sanitizer builds, whose frames are several
     * times larger, stop at 2,000 levels (check_expr.c): there the chain
     * stays under that limit. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define TEST_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || defined(TEST_SANITIZED)
    enum { TERMS = 1500 };
#else
    enum { TERMS = 100000 };
#endif
    char *chain = GC_MALLOC_ATOMIC(16 + 2 * TERMS + 16);
    strcpy(chain, "x := 1");
    for (int k = 0; k < TERMS; k++)
        strcat(chain + 4 + 2 * k, "+1");
    strcat(chain, "\nx++\n");
    ok(chain);
}
END_TEST

START_TEST(test_imports)
{
    Program *p = ok("package main\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n\t\"sync\"\n)\n\n"
                    "func main() {\n\tvar mu sync.Mutex\n\tmu.Lock()\n\terr := errors.New(\"x\")\n"
                    "\tfmt.Println(err.Error())\n\tmu.Unlock()\n}\n");
    ck_assert_int_eq(p->npkgs, 4);
    ck_assert_str_eq(p->pkgs[p->npkgs - 1]->path, "main");
    Node *sel = nth_kind(AST_SELECTOR, 0); /* sync.Mutex */
    ck_assert_int_eq(sel->u.selector.kind, SEL_PACKAGE);
    Node *lock = nth_kind(AST_SELECTOR, 1);
    ck_assert_int_eq(lock->u.selector.kind, SEL_METHOD);
    ck_assert(lock->u.selector.recv_addr);
    /* natives in the standard package */
    for (int i = 0; i < p->npkgs; i++)
        if (strcmp(p->pkgs[i]->path, "sync") == 0) {
            Symbol *wg = NULL;
            Scope *s = p->pkgs[i]->scope;
            for (int j = 0; j < s->len; j++)
                if (strcmp(s->syms[j]->name, "WaitGroup") == 0)
                    wg = s->syms[j];
            ck_assert_ptr_nonnull(wg);
            ck_assert_ptr_nonnull(type_method(type_pointer(wg->type), "Wait"));
            ck_assert_ptr_null(type_method(wg->type, "Wait"));
        }
}
END_TEST

/* ---- types ---- */

START_TEST(test_type_construction)
{
    types_init();
    Type *i = type_basic[KIND_INT];
    ck_assert_ptr_eq(type_slice(i), type_slice(i));
    ck_assert_ptr_eq(type_map(type_basic[KIND_STRING], i), type_map(type_basic[KIND_STRING], i));
    ck_assert_ptr_ne(type_chan(i, CHAN_SEND), type_chan(i, CHAN_BOTH));
    char buf[128];
    ck_assert_str_eq(type_string(type_chan(i, CHAN_SEND), false, buf, sizeof buf), "chan<- int");
    ck_assert_str_eq(
        type_string(type_chan(type_chan(i, CHAN_RECV), CHAN_BOTH), false, buf, sizeof buf),
        "chan (<-chan int)");
    Type *res[2] = {type_basic[KIND_STRING], type_error};
    Type *par[1] = {i};
    Type *fn = type_func(par, 1, res, 2, false);
    ck_assert_ptr_eq(fn, type_func(par, 1, res, 2, false));
    ck_assert_str_eq(type_string(fn, false, buf, sizeof buf), "func(int) (string, error)");
    Type *sl[1] = {type_slice(type_any)};
    ck_assert_str_eq(type_string(type_func(sl, 1, NULL, 0, true), false, buf, sizeof buf),
                     "func(...any)");
    Field fs[3] = {{.name = "a", .type = type_basic[KIND_INT8]},
                   {.name = "b", .type = type_basic[KIND_INT64]},
                   {.name = "c", .type = type_basic[KIND_INT16]}};
    Type *st = type_struct(fs, 3);
    ck_assert_int_eq(st->size, 24);
    ck_assert_int_eq(st->align, 8);
    ck_assert_int_eq(st->fields[1].offset, 8);
    ck_assert_int_eq(st->fields[2].offset, 16);
    ck_assert_str_eq(type_string(st, false, buf, sizeof buf), "struct{a int8; b int64; c int16}");
    ck_assert_str_eq(type_string(st, true, buf, sizeof buf), "struct { a int8; b int64; c int16 }");
    Type *T = type_named("T", "main", st);
    ck_assert_str_eq(type_string(type_pointer(T), true, buf, sizeof buf), "*main.T");
    ck_assert_ptr_eq(type_pointer(T), type_pointer(T));
    ck_assert_int_eq(type_array(type_basic[KIND_INT32], 5)->size, 20);
    ck_assert_str_eq(type_kind_name(KIND_UNTYPED_FLOAT), "untyped float");
    ck_assert_ptr_nonnull(type_method(type_error, "Error"));
    ck_assert(type_assignable(type_basic[KIND_UNTYPED_NIL], type_slice(i)));
    ck_assert(!type_assignable(type_basic[KIND_STRING], i));
    ck_assert(type_convertible(type_basic[KIND_STRING], type_slice(type_basic[KIND_UINT8])));
    ck_assert(type_convertible(type_basic[KIND_FLOAT64], i));
    ck_assert(!type_convertible(type_basic[KIND_STRING], type_basic[KIND_FLOAT64]));
    ck_assert_ptr_eq(type_default(type_basic[KIND_UNTYPED_RUNE]), type_basic[KIND_INT32]);
}
END_TEST

START_TEST(test_recursive_types)
{
    ok("package main\n\ntype A struct {\n\tp *[2]B\n\tq []A\n\tm map[string]*A\n}\n\n"
       "type B struct {\n\tx, y int64\n\tnext *B\n}\n\ntype L struct{ next *L }\n\n"
       "type I interface{ Self() I }\n\nfunc main() {\n\tvar a A\n\t_ = a\n}\n");
    Type *A = ident("A", 0)->u.ident.sym->type;
    ck_assert_int_eq(A->size, 8 + 24 + 8);
    Type *arr = A->fields[0].type->elem;
    ck_assert_int_eq(arr->kind, KIND_ARRAY);
    ck_assert_int_eq(arr->size, 2 * 24);
    ck_assert_str_eq(ts(A->fields[2].type), "map[string]*A");
    ck_assert_str_eq(
        err("package main\n\ntype A struct{ b B }\ntype B struct{ a A }\n\nfunc main() {}\n"),
        "3:6: invalid recursive type A");
}
END_TEST

/* Several programs checked at once on several threads (two VMs in one
 * process): the shared universe and type tables must hold. */
static void *check_in_thread(void *arg)
{
    (void)arg;
    const char *src =
        "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\n"
        "type P struct{ X, Y int }\n\nfunc (p *P) Sum() int { return p.X + p.Y }\n\n"
        "func main() {\n\tvar wg sync.WaitGroup\n\tps := []*P{{1, 2}, {3, 4}}\n"
        "\tm := map[string][]chan<- *P{}\n\tfor _, p := range ps {\n\t\twg.Add(1)\n"
        "\t\tgo func() { defer wg.Done(); fmt.Println(p.Sum(), len(m)) }()\n\t}\n\twg.Wait()\n}\n";
    intptr_t okc = 0;
    for (int i = 0; i < 20; i++) {
        Diags d = {0};
        Node *f = parse_file("./t.go", src, (int64_t)strlen(src), &d);
        if (d.len == 0 && check_program(&f, 1, &d) != NULL)
            okc++;
    }
    return (void *)okc;
}

START_TEST(test_threads)
{
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&th[i], NULL, check_in_thread, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(th[i], &r);
        ck_assert_int_eq((int)(intptr_t)r, 20);
    }
    /* the interned types are the same pointers for every program */
    Type *a = type_slice(type_pointer(type_basic[KIND_INT]));
    ck_assert_ptr_eq(a, type_slice(type_pointer(type_basic[KIND_INT])));
}
END_TEST

START_TEST(test_local_types_and_method_exprs)
{
    ok("package main\n\ntype T struct{ n int }\n\nfunc (t *T) Inc()    { t.n++ }\nfunc (t T) Get() "
       "int { return t.n }\n\n"
       "type I interface{ Get() int }\n\ntype A struct{ X int }\ntype B struct{ X int }\n\n"
       "func main() {\n\ttype E struct {\n\t\t*T\n\t\tA\n\t}\n\te := E{T: &T{3}}\n\tvar ii I = e\n"
       "\tinc := (*T).Inc\n\tget := T.Get\n\tiget := I.Get\n\tinc(e.T)\n\ta := A{1}\n\tb := B(a)\n"
       "\tpb := (*B)(&a)\n\tvar anon struct{ X int } = a\n\t_, _, _, _, _ = ii, get, iget, b, "
       "pb\n\t_ = anon\n}\n");
    Type *E = ident("E", 0)->u.ident.sym->type;
    const Method *m = type_method(E, "Get");
    ck_assert_ptr_nonnull(m);
    ck_assert(m->promoted);
    ck_assert_ptr_nonnull(type_method(E, "Inc")); /* through the embedded *T */
    ck_assert_str_eq(ts(ident("inc", 0)->type), "func(*T)");
    ck_assert_str_eq(ts(ident("iget", 0)->type), "func(I) int");
    Node *me = nth_kind(AST_SELECTOR, 0); /* (*T).Inc after the E literal's fields */
    for (int i = 0; me->u.selector.kind != SEL_METHODEXPR && i < 6; i++)
        me = nth_kind(AST_SELECTOR, i);
    ck_assert_int_eq(me->u.selector.kind, SEL_METHODEXPR);
}
END_TEST

static Suite *check_suite(void)
{
    Suite *s = suite_create("check");
    TCase *tc = tcase_create("check");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_go_errors, 0, (int)(sizeof err_cases / sizeof err_cases[0]));
    tcase_add_test(tc, test_not_supported);
    tcase_add_test(tc, test_too_many_errors);
    tcase_add_test(tc, test_untyped_final_types);
    tcase_add_test(tc, test_constants);
    tcase_add_test(tc, test_closures);
    tcase_add_test(tc, test_init_order);
    tcase_add_test(tc, test_selectors);
    tcase_add_test(tc, test_method_recv);
    tcase_add_test(tc, test_composite_literals);
    tcase_add_test(tc, test_statements);
    tcase_add_test(tc, test_calls_and_builtins);
    tcase_add_test(tc, test_script);
    tcase_add_test(tc, test_imports);
    tcase_add_test(tc, test_type_construction);
    tcase_add_test(tc, test_recursive_types);
    tcase_add_test(tc, test_threads);
    tcase_add_test(tc, test_local_types_and_method_exprs);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(check_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
