/* test_vm.c — the compiler and the VM, end to end: small programs are
 * parsed, checked, compiled and run, and their standard output, standard
 * error and exit status are compared with what `go run` gives.
 *
 * Each program runs in its own forked Check process (the scheduler is
 * process-wide).
 */
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "lang/check.h"
#include "lang/compile.h"

typedef struct Run {
    int status;      /* exit status, or -1: did not compile */
    char *out, *err; /* captured streams */
    char *diag;      /* first compile error */
} Run;

static char *slurp(FILE *f)
{
    fflush(f);
    long n = ftell(f);
    rewind(f);
    char *b = GC_MALLOC_ATOMIC((size_t)n + 1);
    size_t got = fread(b, 1, (size_t)n, f);
    b[got] = 0;
    return b;
}

/* Compiles and runs src as file "t.go". */
static Run run(const char *src)
{
    Run r = {0};
    Diags d = {0};
    Node *file = parse_file("t.go", src, (int64_t)strlen(src), &d);
    Program *p = d.len ? NULL : check_program(&file, 1, &d);
    VMProgram *vp = p ? compile_program(p, &d) : NULL;
    if (!vp) {
        r.status = -1;
        r.diag = d.len ? d.items[0].msg : "?";
        return r;
    }
    FILE *out = tmpfile(), *err = tmpfile();
    VMOptions o = {.gomaxprocs = 2, .out = out, .err = err, .exit_process = true};
    VM *vm = vm_new(vp, &o);
    r.status = vm_run(vm);
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

#define EXPECT_RUN(src, want_out, want_status)                                \
    do {                                                                      \
        Run r_ = run(src);                                                    \
        ck_assert_msg(r_.status != -1, "compile error: %s", r_.diag);         \
        ck_assert_str_eq(r_.out, want_out);                                   \
        ck_assert_int_eq(r_.status, want_status);                             \
    } while (0)

START_TEST(test_arith_and_calls)
{
    EXPECT_RUN("package main\n"
               "import \"fmt\"\n"
               "func fib(n int) int { if n < 2 { return n }; return fib(n-1) + fib(n-2) }\n"
               "func main() {\n"
               "  fmt.Println(fib(20), 7/2, -7/2, -7%3, 1<<10, 0xff&^0x0f)\n"
               "  var i8 int8 = 127; i8++\n"
               "  var u8 uint8; u8--\n"
               "  var u32 uint32 = 1 << 31\n"
               "  big := 70000\n"
               "  fmt.Println(i8, u8, u32*2, int32(u32), -5>>1, uint16(big))\n"
               "  f := 2.5; fmt.Println(f*2, int(f), float32(0.1), 7.0/2)\n"
               "}\n",
               "6765 3 -3 -1 1024 240\n-128 255 0 -2147483648 -3 4464\n5 2 0.1 3.5\n", 0);
}
END_TEST

START_TEST(test_strings_and_slices)
{
    EXPECT_RUN("package main\n"
               "import \"fmt\"\n"
               "func main() {\n"
               "  s := \"héllo\"\n"
               "  fmt.Println(len(s), s[1], s[:1]+\"!\", s > \"a\")\n"
               "  for i, r := range s { fmt.Print(i, string(r), \" \") }\n"
               "  fmt.Println()\n"
               "  var xs []int\n"
               "  for i := 0; i < 5; i++ { xs = append(xs, i*i) }\n"
               "  fmt.Println(xs, len(xs), cap(xs), xs[1:3], cap(xs[1:3:4]))\n"
               "  b := []byte(\"abc\"); b[0] = 'X'; b = append(b, \"yz\"...)\n"
               "  fmt.Println(string(b), copy(b, \"12\"), string(b))\n"
               "  a := [3]int{1, 2, 3}; c := a; c[0] = 9\n"
               "  fmt.Println(a, c, a == [3]int{1, 2, 3})\n"
               "}\n",
               "6 195 h! true\n0h 1é 3l 4l 5o \n[0 1 4 9 16] 5 8 [1 4] 3\nXbcyz 2 12cyz\n"
               "[1 2 3] [9 2 3] true\n",
               0);
}
END_TEST

START_TEST(test_maps)
{
    EXPECT_RUN("package main\n"
               "import \"fmt\"\n"
               "type K struct{ a, b int }\n"
               "func main() {\n"
               "  m := map[string]int{\"x\": 1}\n"
               "  m[\"y\"] += 5; m[\"x\"]++\n"
               "  v, ok := m[\"z\"]\n"
               "  fmt.Println(len(m), m[\"x\"], m[\"y\"], v, ok)\n"
               "  delete(m, \"x\"); fmt.Println(len(m))\n"
               "  sum := 0\n"
               "  for k, v := range map[int]int{1: 10, 2: 20, 3: 30} { sum += k * v }\n"
               "  km := map[K]string{{1, 2}: \"p\"}\n"
               "  var im = map[interface{}]int{1: 1, \"a\": 2}\n"
               "  fmt.Println(sum, km[K{1, 2}], im[\"a\"], im[1])\n"
               "}\n",
               "2 2 5 0 false\n1\n140 p 2 1\n", 0);
}
END_TEST

START_TEST(test_structs_methods_interfaces)
{
    EXPECT_RUN("package main\n"
               "import \"fmt\"\n"
               "type P struct{ X, Y int }\n"
               "func (p P) Sum() int { return p.X + p.Y }\n"
               "func (p *P) Move(d int) { p.X += d }\n"
               "type Summer interface{ Sum() int }\n"
               "type Named struct { P; Name string }\n"
               "type S string\n"
               "func (s S) String() string { return \"S<\" + string(s) + \">\" }\n"
               "func main() {\n"
               "  p := P{1, 2}; p.Move(10)\n"
               "  q := &p; q.Move(1)\n"
               "  var s Summer = p\n"
               "  var s2 Summer = q\n"
               "  n := Named{P{3, 4}, \"n\"}\n"
               "  var s3 Summer = n\n"
               "  f := p.Sum\n"
               "  g := (*P).Move\n"
               "  g(&p, 100)\n"
               "  fmt.Println(p, s.Sum(), s2.Sum(), s3.Sum(), n.X, f(), p.X)\n"
               "  fmt.Println(S(\"hi\"), fmt.Sprint(S(\"x\")))\n"
               "  var e interface{} = p\n"
               "  _, isS := e.(Summer)\n"
               "  _, isStr := e.(fmt.Stringer)\n"
               "  fmt.Println(isS, isStr)\n"
               "}\n",
               "{112 2} 14 114 7 3 14 112\nS<hi> S<x>\ntrue false\n", 0);
}
END_TEST

START_TEST(test_closures_and_loopvars)
{
    EXPECT_RUN("package main\n"
               "import \"fmt\"\n"
               "func counter() func() int { c := 0; return func() int { c++; return c } }\n"
               "func main() {\n"
               "  c := counter(); c(); c()\n"
               "  var fs []func() int\n"
               "  for i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }\n"
               "  for _, v := range []int{7, 8} { fs = append(fs, func() int { return v }) }\n"
               "  for _, f := range fs { fmt.Print(f(), \" \") }\n"
               "  x := 1\n"
               "  add := func(n int) { x += n }\n"
               "  add(5)\n"
               "  fmt.Println(c(), x)\n"
               "}\n",
               "0 1 2 7 8 3 6\n", 0);
}
END_TEST

START_TEST(test_control_flow)
{
    EXPECT_RUN("package main\n"
               "import \"fmt\"\n"
               "func main() {\n"
               "outer:\n"
               "  for i := 0; i < 3; i++ {\n"
               "    for j := 0; j < 3; j++ {\n"
               "      if j == 2 { continue outer }\n"
               "      if i == 2 { break outer }\n"
               "      fmt.Print(i, j, \";\")\n"
               "    }\n"
               "  }\n"
               "  switch x := 2; x {\n"
               "  case 1: fmt.Print(\"one\")\n"
               "  case 2: fmt.Print(\"two\"); fallthrough\n"
               "  case 3: fmt.Print(\"three\")\n"
               "  default: fmt.Print(\"other\")\n"
               "  }\n"
               "  var v interface{} = 2.5\n"
               "  switch t := v.(type) {\n"
               "  case int, string: fmt.Print(\"int/string\")\n"
               "  case float64: fmt.Print(\" float \", t*2)\n"
               "  }\n"
               "  for i := range 3 { fmt.Print(i) }\n"
               "  fmt.Println(min(3, 1, 2), max(1.5, 2.5))\n"
               "}\n",
               "0 0;0 1;1 0;1 1;twothree float 50121 2.5\n", 0);
}
END_TEST

START_TEST(test_multi_results_and_variadic)
{
    EXPECT_RUN("package main\n"
               "import \"fmt\"\n"
               "func divmod(a, b int) (q, r int) { q = a / b; r = a % b; return }\n"
               "func sum(xs ...int) int { t := 0; for _, x := range xs { t += x }; return t }\n"
               "func swap(a, b string) (string, string) { return b, a }\n"
               "func main() {\n"
               "  q, r := divmod(17, 5)\n"
               "  a, b := swap(\"x\", \"y\")\n"
               "  a, b = b, a\n"
               "  fmt.Println(q, r, a, b, sum(), sum(1, 2, 3), sum([]int{4, 5}...))\n"
               "  fmt.Println(divmod(9, 4))\n"
               "  s := []int{0, 0, 0}; i := 0\n"
               "  i, s[i] = 1, 9\n"
               "  fmt.Println(i, s)\n"
               "}\n",
               "3 2 x y 0 6 9\n2 1\n1 [9 0 0]\n", 0);
}
END_TEST

START_TEST(test_defer_recover)
{
    EXPECT_RUN("package main\n"
               "import \"fmt\"\n"
               "func safe(a, b int) (res int, err error) {\n"
               "  defer func() {\n"
               "    if r := recover(); r != nil { err = fmt.Errorf(\"caught: %v\", r) }\n"
               "  }()\n"
               "  return a / b, nil\n"
               "}\n"
               "func named() (x int) { defer func() { x *= 2 }(); x = 5; return x + 1 }\n"
               "func order() { for i := 0; i < 3; i++ { defer fmt.Print(i) } }\n"
               "func main() {\n"
               "  fmt.Println(safe(7, 2))\n"
               "  fmt.Println(safe(1, 0))\n"
               "  fmt.Println(named())\n"
               "  order(); fmt.Println()\n"
               "  func() {\n"
               "    defer func() { fmt.Println(recover()) }()\n"
               "    var m map[string]int\n"
               "    m[\"a\"] = 1\n"
               "  }()\n"
               "  func() {\n"
               "    defer func() { fmt.Println(recover()) }()\n"
               "    var x interface{} = \"s\"\n"
               "    _ = x.(int)\n"
               "  }()\n"
               "  func() {\n"
               "    defer func() { r := recover(); err, ok := r.(error); fmt.Println(ok, err) }()\n"
               "    s := []int{1}\n"
               "    i := 5\n"
               "    _ = s[i]\n"
               "  }()\n"
               "  fmt.Println(recover())\n"
               "}\n",
               "3 <nil>\n0 caught: runtime error: integer divide by zero\n12\n210\n"
               "assignment to entry in nil map\n"
               "interface conversion: interface {} is string, not int\n"
               "true runtime error: index out of range [5] with length 1\n<nil>\n",
               0);
}
END_TEST

START_TEST(test_unrecovered_panic)
{
    Run r = run("package main\n"
                "import \"fmt\"\n"
                "func f(n int) { panic(fmt.Sprintf(\"bad %d\", n)) }\n"
                "func main() {\n"
                "  fmt.Println(\"before\")\n"
                "  defer fmt.Println(\"deferred runs\")\n"
                "  f(3)\n"
                "}\n");
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.out, "before\ndeferred runs\n");
    ck_assert_msg(strncmp(r.err, "panic: bad 3\n\ngoroutine 1 [running]:\nmain.f(...)\n", 47) == 0,
                  "stderr: %s", r.err);
    ck_assert_msg(strstr(r.err, "t.go:3") != NULL, "stderr: %s", r.err);
}
END_TEST

/* A deferred call panicking after the body finished: the function's frame
 * is at its closing brace (line 7 here), as in Go's traceback. */
START_TEST(test_deferred_panic_frame_line)
{
    Run r = run("package main\n"
                "func main() {\n"
                "  var c chan int\n"
                "  defer func() {\n"
                "    close(c) }()\n"
                "  println(\"x\")\n"
                "}\n");
    ck_assert_int_eq(r.status, 2);
    const char *m = strstr(r.err, "main.main()\n");
    ck_assert_msg(m != NULL && strstr(m, "t.go:7") != NULL, "stderr: %s", r.err);
}
END_TEST

START_TEST(test_runtime_error_exit)
{
    Run r = run("package main\n"
                "func main() {\n"
                "  var p *struct{ x int }\n"
                "  println(\"x\")\n"
                "  p.x = 1\n"
                "}\n");
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "x\npanic: runtime error: invalid memory address or nil pointer "
                                "dereference\n") == r.err,
                  "stderr: %s", r.err);
}
END_TEST

START_TEST(test_goroutines_channels)
{
    EXPECT_RUN("package main\n"
               "import (\"fmt\"; \"sync\")\n"
               "func main() {\n"
               "  ch := make(chan int)\n"
               "  go func() { for i := 0; i < 5; i++ { ch <- i }; close(ch) }()\n"
               "  s := 0\n"
               "  for v := range ch { s += v }\n"
               "  var wg sync.WaitGroup\n"
               "  var mu sync.Mutex\n"
               "  n := 0\n"
               "  for i := 0; i < 100; i++ {\n"
               "    wg.Add(1)\n"
               "    go func() { defer wg.Done(); mu.Lock(); n += i; mu.Unlock() }()\n"
               "  }\n"
               "  wg.Wait()\n"
               "  b := make(chan string, 2)\n"
               "  b <- \"a\"; b <- \"b\"; close(b)\n"
               "  x, ok1 := <-b; y, _ := <-b; z, ok3 := <-b\n"
               "  fmt.Println(s, n, x, ok1, y, z == \"\", ok3, len(b), cap(b))\n"
               "}\n",
               "10 4950 a true b true false 0 2\n", 0);
}
END_TEST

START_TEST(test_select)
{
    EXPECT_RUN("package main\n"
               "import \"fmt\"\n"
               "func main() {\n"
               "  ch := make(chan int, 1)\n"
               "  for i := 0; i < 6; i++ {\n"
               "    select {\n"
               "    case ch <- i:\n"
               "    case x := <-ch: fmt.Print(x, \" \")\n"
               "    }\n"
               "  }\n"
               "  var nilch chan int\n"
               "  select {\n"
               "  case <-nilch: fmt.Print(\"no\")\n"
               "  default: fmt.Print(\"default\")\n"
               "  }\n"
               "  done := make(chan bool)\n"
               "  res := make(chan int)\n"
               "  go func() { res <- 42; close(done) }()\n"
               "  v, ok := 0, false\n"
               "  select { case v, ok = <-res: }\n"
               "  <-done\n"
               "  fmt.Println(\"\", v, ok)\n"
               "}\n",
               "0 2 4 default 42 true\n", 0);
}
END_TEST

START_TEST(test_send_on_closed)
{
    Run r = run("package main\n"
                "func main() { ch := make(chan int, 1); close(ch); ch <- 1 }\n");
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strncmp(r.err, "panic: send on closed channel\n", 30) == 0, "stderr: %s", r.err);
}
END_TEST

START_TEST(test_deadlock)
{
    Run r = run("package main\n"
                "func main() { ch := make(chan int); <-ch }\n");
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strncmp(r.err, "fatal error: all goroutines are asleep - deadlock!\n", 51) == 0,
                  "stderr: %s", r.err);
}
END_TEST

START_TEST(test_script_body)
{
    EXPECT_RUN("x := 3\n"
               "func sq(n int) int { return n * n }\n"
               "for i := 0; i < x; i++ { fmt.Print(sq(i), \" \") }\n"
               "fmt.Println(x)\n",
               "0 1 4 3\n", 0);
}
END_TEST

START_TEST(test_print_builtin)
{
    Run r = run("package main\n"
                "func main() { println(1, true, \"s\", 2.5, -1.0e10); print(\"a\", 3, \"\\n\") }\n");
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, "1 true s +2.500000e+000 -1.000000e+010\na3\n");
}
END_TEST

START_TEST(test_unsupported_is_compile_error)
{
    Run r = run("package main\n"
                "import . \"fmt\"\n"
                "func main() {\n"
                "  Println(1)\n"
                "}\n");
    ck_assert_int_eq(r.status, -1);
    ck_assert_msg(strstr(r.diag, "not supported yet") != NULL,
                  "diag: %s", r.diag);
}
END_TEST

START_TEST(test_disasm)
{
    Diags d = {0};
    const char *src = "package main\nfunc add(a, b int) int { return a + b }\nfunc main() { _ = add(1, 2) }\n";
    Node *file = parse_file("t.go", src, (int64_t)strlen(src), &d);
    Program *p = check_program(&file, 1, &d);
    ck_assert_ptr_nonnull(p);
    VMProgram *vp = compile_program(p, &d);
    ck_assert_ptr_nonnull(vp);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    disasm_program(vp, m);
    fclose(m);
    ck_assert_msg(strstr(buf, "func main.add") != NULL, "%s", buf);
    ck_assert_msg(strstr(buf, "ADD") != NULL, "%s", buf);
    ck_assert_msg(strstr(buf, "CALL") != NULL, "%s", buf);
    free(buf);
}
END_TEST

START_TEST(test_preemption)
{
    /* a goroutine spinning forever must not starve main */
    EXPECT_RUN("package main\n"
               "import (\"fmt\"; \"runtime\")\n"
               "func main() {\n"
               "  runtime.GOMAXPROCS(1)\n"
               "  go func() { for { } }()\n"
               "  x := 0\n"
               "  for i := 0; i < 100000; i++ { x += i }\n"
               "  runtime.Gosched()\n"
               "  fmt.Println(x)\n"
               "}\n",
               "4999950000\n", 0);
}
END_TEST


START_TEST(test_embedding_and_method_values)
{
    EXPECT_RUN("package main\n"
               "import (\"fmt\"; \"sort\")\n"
               "type L []int\n"
               "func (l L) Len() int { return len(l) }\n"
               "func (l L) Less(i, j int) bool { return l[i] < l[j] }\n"
               "func (l L) Swap(i, j int) { l[i], l[j] = l[j], l[i] }\n"
               "type Rev struct{ sort.Interface }\n"
               "func (r Rev) Less(i, j int) bool { return r.Interface.Less(j, i) }\n"
               "type In struct{ v int }\n"
               "func (i *In) Set(v int) { i.v = v }\n"
               "func (i In) Get() int { return i.v }\n"
               "type Out struct { In; name string }\n"
               "type GS interface { Set(int); Get() int }\n"
               "func main() {\n"
               "  l := L{3, 1, 2}\n"
               "  sort.Sort(Rev{l})\n"
               "  o := &Out{name: \"o\"}\n"
               "  var gs GS = o\n"
               "  gs.Set(7)\n"
               "  set := o.Set\n"
               "  set(8)\n"
               "  get := gs.Get\n"
               "  fmt.Println(l, gs.Get(), o.v, get(), In.Get(In{5}))\n"
               "}\n",
               "[3 2 1] 8 8 8 5\n", 0);
}
END_TEST

START_TEST(test_goroutine_panic_exits)
{
    /* an unrecovered panic in any goroutine ends the process with 2 */
    run("package main\n"
        "import \"time\"\n"
        "func main() {\n"
        "  go func() { var m map[int]int; m[1] = 1 }()\n"
        "  time.Sleep(2 * time.Second)\n"
        "}\n");
}
END_TEST

START_TEST(test_stack_overflow_exits)
{
    run("package main\n"
        "func f(n int) int { return f(n+1) + 1 }\n"
        "func main() { println(f(0)) }\n");
}
END_TEST

START_TEST(test_method_exprs_and_minmax)
{
    EXPECT_RUN("package main\n"
               "import \"fmt\"\n"
               "type Shape interface{ Area(k int) int }\n"
               "type Sq struct{ s int }\n"
               "func (q Sq) Area(k int) int { return q.s * q.s * k }\n"
               "func main() {\n"
               "  f := Shape.Area; g := (*Sq).Area; h := Sq.Area\n"
               "  q := Sq{3}\n"
               "  zero := 0.0; nan := zero / zero\n"
               "  fmt.Println(f(q, 2), g(&q, 3), h(q, 1), min(nan, 1), max(1, nan), min(-zero, zero))\n"
               "}\n",
               "18 27 9 NaN NaN -0\n", 0);
}
END_TEST

START_TEST(test_deferred_native_parks)
{
    EXPECT_RUN("package main\n"
               "import (\"fmt\"; \"sync\"; \"time\")\n"
               "func waiter(wg *sync.WaitGroup, out chan<- string) {\n"
               "  defer func() { out <- \"done\" }()\n"
               "  defer wg.Wait()\n"
               "}\n"
               "func main() {\n"
               "  var wg sync.WaitGroup\n"
               "  wg.Add(1)\n"
               "  out := make(chan string)\n"
               "  go waiter(&wg, out)\n"
               "  time.Sleep(20 * time.Millisecond)\n"
               "  wg.Done()\n"
               "  fmt.Println(<-out)\n"
               "}\n",
               "done\n", 0);
}
END_TEST

START_TEST(test_narrow_values_through_channels)
{
    EXPECT_RUN("package main\n"
               "import \"fmt\"\n"
               "func main() {\n"
               "  c := make(chan int8, 2); c <- -5; c <- 100\n"
               "  b := make(chan bool, 1); b <- false\n"
               "  x := <-c\n"
               "  var y int8\n"
               "  select { case y = <-c: }\n"
               "  v, ok := <-b\n"
               "  fmt.Println(x, y, x < 0, v, !v, ok)\n"
               "}\n",
               "-5 100 true false true true\n", 0);
}
END_TEST

static Suite *vm_suite(void)
{
    Suite *s = suite_create("vm");
    TCase *tc = tcase_create("programs");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_arith_and_calls);
    tcase_add_test(tc, test_strings_and_slices);
    tcase_add_test(tc, test_maps);
    tcase_add_test(tc, test_structs_methods_interfaces);
    tcase_add_test(tc, test_closures_and_loopvars);
    tcase_add_test(tc, test_control_flow);
    tcase_add_test(tc, test_multi_results_and_variadic);
    tcase_add_test(tc, test_defer_recover);
    tcase_add_test(tc, test_unrecovered_panic);
    tcase_add_test(tc, test_deferred_panic_frame_line);
    tcase_add_test(tc, test_runtime_error_exit);
    tcase_add_test(tc, test_goroutines_channels);
    tcase_add_test(tc, test_select);
    tcase_add_test(tc, test_send_on_closed);
    tcase_add_test(tc, test_deadlock);
    tcase_add_test(tc, test_script_body);
    tcase_add_test(tc, test_print_builtin);
    tcase_add_test(tc, test_unsupported_is_compile_error);
    tcase_add_test(tc, test_disasm);
    tcase_add_test(tc, test_preemption);
    tcase_add_test(tc, test_embedding_and_method_values);
    tcase_add_test(tc, test_method_exprs_and_minmax);
    tcase_add_test(tc, test_deferred_native_parks);
    tcase_add_test(tc, test_narrow_values_through_channels);
    tcase_add_exit_test(tc, test_goroutine_panic_exits, 2);
    tcase_add_exit_test(tc, test_stack_overflow_exits, 2);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    GC_INIT();
    SRunner *sr = srunner_create(vm_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
