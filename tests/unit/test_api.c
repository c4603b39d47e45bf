/* test_api.c — the embedding interface (include/csp.h) as a host sees it:
 * a run that ends abruptly (os.Exit, a fatal error, a panic outside main)
 * returns its status from csp_run and leaves the host running, and the
 * next program runs normally afterwards; host packages (Go functions in C)
 * and channels shared between host threads and goroutines. Uses csp.h
 * alone.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <csp.h>

typedef struct {
    int status;
    char *out, *err;
} Run;

/* Called on a new CspVM before loading (host packages). */
static void (*run_setup)(CspVM *vm);
/* CspOptions.time_limit_ms of the runs below (0: none). */
static int64_t run_limit_ms;

/* Loads src as a program and runs it with its streams captured. */
static Run run(const char *src)
{
    Run r = {0};
    size_t on = 0, en = 0;
    FILE *out = open_memstream(&r.out, &on), *err = open_memstream(&r.err, &en);
    CspOptions o = {.out = out, .err = err, .time_limit_ms = run_limit_ms};
    CspVM *vm = csp_new(&o);
    ck_assert_ptr_nonnull(vm);
    if (run_setup)
        run_setup(vm);
    CspStatus st = csp_load_string(vm, "prog.go", src, strlen(src));
    ck_assert_msg(st == CSP_OK, "load: %s", csp_error(vm) ? csp_error(vm)->message : "?");
    r.status = csp_run(vm);
    csp_free(vm);
    fclose(out);
    fclose(err);
    return r;
}

static void run_free(Run *r)
{
    free(r->out);
    free(r->err);
}

START_TEST(exit_in_main)
{
    Run r = run("package main\n\nimport (\"fmt\"; \"os\")\n\n"
                "func main() {\n\tfmt.Println(\"before\")\n"
                "\tdefer fmt.Println(\"deferred\")\n\tos.Exit(3)\n}\n");
    ck_assert_int_eq(r.status, 3);
    ck_assert_str_eq(r.out, "before\n"); /* os.Exit runs no deferred calls */
    run_free(&r);
}
END_TEST

START_TEST(exit_in_goroutine)
{
    /* main blocks forever; a goroutine exits the program with status 4
     * while another spins: the run still ends. */
    Run r = run("package main\n\nimport \"os\"\n\n"
                "func main() {\n\tgo func() { for {} }()\n"
                "\tgo func() { os.Exit(4) }()\n\tselect {}\n}\n");
    ck_assert_int_eq(r.status, 4);
    run_free(&r);
}
END_TEST

START_TEST(panic_in_goroutine)
{
    Run r = run("package main\n\nimport \"time\"\n\n"
                "func main() {\n\tgo func() { panic(\"boom\") }()\n"
                "\ttime.Sleep(time.Hour)\n}\n");
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "panic: boom\n\ngoroutine "));
    run_free(&r);
}
END_TEST

START_TEST(fatal_error_in_goroutine)
{
    Run r = run("package main\n\nimport \"sync\"\n\n"
                "func main() {\n\tvar mu sync.Mutex\n\tdone := make(chan bool)\n"
                "\tgo func() { mu.Unlock(); done <- true }()\n\t<-done\n}\n");
    ck_assert_int_eq(r.status, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "fatal error: sync: unlock of unlocked mutex"));
    run_free(&r);
}
END_TEST

START_TEST(runs_again_after_abort)
{
    /* After runs that ended abruptly, goroutines and timers still work. */
    Run a = run("package main\n\nimport \"os\"\n\nfunc main() {\n"
                "\tgo func() { os.Exit(5) }()\n\tselect {}\n}\n");
    ck_assert_int_eq(a.status, 5);
    run_free(&a);
    Run b = run("package main\n\nimport (\"fmt\"; \"time\")\n\nfunc main() {\n"
                "\tc := make(chan int)\n"
                "\tfor i := 0; i < 100; i++ {\n\t\tgo func() { c <- i }()\n\t}\n"
                "\ts := 0\n\tfor i := 0; i < 100; i++ {\n\t\ts += <-c\n\t}\n"
                "\t<-time.After(time.Millisecond)\n\tfmt.Println(s)\n}\n");
    ck_assert_int_eq(b.status, 0);
    ck_assert_str_eq(b.out, "4950\n");
    run_free(&b);
}
END_TEST

START_TEST(time_limit)
{
    /* A spinning main, a spin inside a callback from native code (which
     * cannot yield), and every goroutine asleep: each run ends soon after
     * its 200 ms with status 2 and the message; output before it is kept;
     * without a limit the next run is unaffected. */
    static const char *const progs[] = {
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"before\")\n"
        "\tgo func() { for {} }()\n\tfor {}\n}\n",
        "package main\n\nimport (\"fmt\"; \"sort\")\n\nfunc main() {\n"
        "\tfmt.Println(\"before\")\n\tx := []int{3, 2, 1}\n"
        "\tsort.Slice(x, func(i, j int) bool { for {} })\n}\n",
        "package main\n\nimport (\"fmt\"; \"time\")\n\nfunc main() {\n"
        "\tfmt.Println(\"before\")\n\ttime.Sleep(time.Hour)\n}\n",
    };
    for (size_t i = 0; i < sizeof progs / sizeof *progs; i++) {
        run_limit_ms = 200;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        Run r = run(progs[i]);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        run_limit_ms = 0;
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
        ck_assert_int_eq(r.status, 2);
        ck_assert_str_eq(r.out, "before\n");
        ck_assert_str_eq(r.err, "fatal error: time limit exceeded\n");
        ck_assert_msg(secs >= 0.2 && secs < 5, "program %zu took %.2f s", i, secs);
        run_free(&r);
    }
    Run b = run("package main\n\nimport (\"fmt\"; \"time\")\n\nfunc main() {\n"
                "\ttime.Sleep(300 * time.Millisecond)\n\tfmt.Println(\"done\")\n}\n");
    ck_assert_int_eq(b.status, 0);
    ck_assert_str_eq(b.out, "done\n");
    run_free(&b);
}
END_TEST


/* ---- host packages ------------------------------------------------------------ */

static void h_add(CspCall *c, void *ud)
{
    ck_assert_int_eq(csp_argc(c), 2);
    csp_ret_int(c, 0, csp_arg_int(c, 0) + csp_arg_int(c, 1) + *(int *)ud);
}

static void h_greet(CspCall *c, void *ud)
{
    (void)ud;
    size_t n;
    const char *who = csp_arg_string(c, 0, &n);
    char buf[64];
    int k = snprintf(buf, sizeof buf, "hello, %s (%zu)", who, n);
    csp_ret_string(c, 0, buf, (size_t)k);
}

/* (float64, error): an error for a negative argument. */
static void h_sqrt(CspCall *c, void *ud)
{
    (void)ud;
    double x = csp_arg_float(c, 0);
    if (x < 0) {
        csp_ret_error(c, 1, "negative argument");
        return;
    }
    double r = x;
    for (int i = 0; i < 40; i++)
        r = (r + x / r) / 2;
    csp_ret_float(c, 0, x == 0 ? 0 : r);
}

static void h_fail(CspCall *c, void *ud)
{
    (void)ud;
    csp_panic(c, "host says no");
}

/* Reads an argument with the wrong accessor: the script panics. */
static void h_misuse(CspCall *c, void *ud)
{
    (void)ud;
    ck_assert_int_eq(csp_arg_int(c, 0), 0);
}

static void h_bytes(CspCall *c, void *ud)
{
    (void)ud;
    size_t n;
    const char *b = csp_arg_string(c, 0, &n);
    char up[32];
    for (size_t i = 0; i < n && i < sizeof up; i++)
        up[i] = (char)(b[i] >= 'a' && b[i] <= 'z' ? b[i] - 32 : b[i]);
    csp_ret_string(c, 0, up, n < sizeof up ? n : sizeof up);
    csp_ret_bool(c, 1, n > 3);
    csp_ret_int(c, 2, -1); /* int8 */
    csp_ret_uint(c, 3, 300); /* uint8: wraps to 44 */
}

static int h_offset = 1000;
static const CspNative calc_natives[] = {
    {"Add", h_add, &h_offset, false},
    {"Greet", h_greet, NULL, false},
    {"Sqrt", h_sqrt, NULL, true},
    {"Fail", h_fail, NULL, false},
    {"Misuse", h_misuse, NULL, false},
    {"Upper", h_bytes, NULL, false},
    {NULL, NULL, NULL, false},
};
static const char calc_src[] =
    "package calc\n"
    "\n"
    "// Pi is ordinary Go beside the host's functions.\n"
    "const Pi = 3.14\n"
    "func Add(a, b int) int\n"
    "func Greet(who string) string\n"
    "func Sqrt(x float64) (float64, error)\n"
    "func Fail()\n"
    "func Misuse(s string)\n"
    "func Upper(b []byte) ([]byte, bool, int8, uint8)\n"
    "func Twice(a int) int { return Add(a, a) }\n";

static void setup_calc(CspVM *vm)
{
    ck_assert_int_eq(csp_register_package(vm, "example.com/calc", calc_src, calc_natives), CSP_OK);
    /* a path can be registered once, and never over a standard package */
    ck_assert_int_eq(csp_register_package(vm, "example.com/calc", calc_src, calc_natives),
                     CSP_ERR_USAGE);
    ck_assert_int_eq(csp_register_package(vm, "fmt", "package fmt\n", NULL), CSP_ERR_USAGE);
}

START_TEST(host_package)
{
    run_setup = setup_calc;
    Run r = run("package main\n\nimport (\"errors\"; \"fmt\"; \"example.com/calc\")\n\n"
                "func main() {\n"
                "\tfmt.Println(calc.Add(2, 3), calc.Twice(4), calc.Pi)\n"
                "\tfmt.Println(calc.Greet(\"gopher\"))\n"
                "\tv, err := calc.Sqrt(16)\n\tfmt.Println(v, err)\n"
                "\t_, err = calc.Sqrt(-1)\n\tfmt.Println(err, err != nil, errors.Unwrap(err) == nil)\n"
                "\tb, long, i8, u8 := calc.Upper([]byte(\"abcd\"))\n"
                "\tfmt.Println(string(b), long, i8, u8)\n"
                "\tfunc() {\n\t\tdefer func() { fmt.Println(\"recovered:\", recover()) }()\n"
                "\t\tcalc.Fail()\n\t}()\n"
                "\tdone := make(chan int)\n"
                "\tfor i := 0; i < 8; i++ {\n\t\tgo func() { done <- calc.Add(i, 0) }()\n\t}\n"
                "\ts := 0\n\tfor i := 0; i < 8; i++ {\n\t\ts += <-done\n\t}\n"
                "\tfmt.Println(s)\n"
                "\tcalc.Misuse(\"x\")\n"
                "}\n");
    run_setup = NULL;
    ck_assert_str_eq(r.out, "1005 1008 3.14\n"
                            "hello, gopher (6)\n"
                            "4 <nil>\n"
                            "negative argument true true\n"
                            "ABCD true -1 44\n"
                            "recovered: host says no\n"
                            "8028\n");
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "panic: csp: csp_arg_int(0): argument is string") != NULL, "%s",
                  r.err);
    run_free(&r);
}
END_TEST

static void h_map(CspCall *c, void *ud)
{
    (void)c, (void)ud;
}

START_TEST(host_package_bad_types)
{
    /* A map parameter cannot cross to C: the load fails with a message. */
    static const CspNative nat[] = {{"Keys", h_map, NULL, false}, {NULL, NULL, NULL, false}};
    CspVM *vm = csp_new(NULL);
    ck_assert_int_eq(csp_register_package(vm, "m", "package m\nfunc Keys(m map[string]int) int\n",
                                          nat),
                     CSP_OK);
    const char *src = "package main\n\nimport \"m\"\n\nfunc main() { m.Keys(nil) }\n";
    ck_assert_int_eq(csp_load_string(vm, "prog.go", src, strlen(src)), CSP_ERR_COMPILE);
    ck_assert_str_eq(csp_error(vm)->message,
                     "not supported yet: parameter of type map[string]int in host function m.Keys");
    /* A bodyless function without a native does not load either. */
    const char *src2 = "package main\n\nimport \"n\"\n\nfunc main() { n.F() }\n";
    ck_assert_int_eq(csp_register_package(vm, "n", "package n\nfunc F()\n", NULL), CSP_OK);
    ck_assert_int_eq(csp_load_string(vm, "prog.go", src2, strlen(src2)), CSP_ERR_COMPILE);
    /* Nor does a package the host never registered. */
    const char *src3 = "package main\n\nimport \"nosuch\"\n\nfunc main() { nosuch.F() }\n";
    ck_assert_int_eq(csp_load_string(vm, "prog.go", src3, strlen(src3)), CSP_ERR_COMPILE);
    csp_free(vm);
}
END_TEST

/* ---- channels shared with host threads ------------------------------------------- */

static CspChan *jobs, *results;

static void h_jobs(CspCall *c, void *ud)
{
    (void)ud;
    csp_ret_chan(c, 0, jobs);
}

static void h_results(CspCall *c, void *ud)
{
    (void)ud;
    csp_ret_chan(c, 0, results);
}

/* A blocking host function may wait on a channel itself. */
static void h_wait(CspCall *c, void *ud)
{
    (void)ud;
    CspChan *ch = csp_arg_chan(c, 0);
    char *s = NULL;
    ck_assert_int_eq(csp_chan_recv_string(ch, &s, NULL), CSP_OK);
    csp_ret_string(c, 0, s, strlen(s));
    free(s);
    csp_chan_release(ch);
}

/* A non-blocking one may not: it holds the goroutine's processor. */
static void h_nowait(CspCall *c, void *ud)
{
    (void)ud;
    CspChan *ch = csp_arg_chan(c, 0);
    char *s = NULL;
    csp_ret_bool(c, 0, csp_chan_recv_string(ch, &s, NULL) == CSP_ERR_USAGE);
    csp_chan_release(ch);
}

static const CspNative pool_natives[] = {
    {"Jobs", h_jobs, NULL, false},
    {"Results", h_results, NULL, false},
    {"Wait", h_wait, NULL, true},
    {"NoWait", h_nowait, NULL, false},
    {NULL, NULL, NULL, false},
};

static void setup_pool(CspVM *vm)
{
    ck_assert_int_eq(csp_register_package(vm, "pool",
                                          "package pool\nfunc Jobs() <-chan int\n"
                                          "func Results() chan<- int\n"
                                          "func Wait(c chan string) string\n"
                                          "func NoWait(c chan string) bool\n",
                                          pool_natives),
                     CSP_OK);
}

/* The host feeds jobs and sums the results while the script's workers
 * square them. */
static void *feeder(void *arg)
{
    (void)arg;
    for (int64_t i = 1; i <= 1000; i++)
        ck_assert_int_eq(csp_chan_send_int(jobs, i), CSP_OK);
    ck_assert_int_eq(csp_chan_close(jobs), CSP_OK);
    ck_assert_int_eq(csp_chan_close(jobs), CSP_ERR_CLOSED);
    ck_assert_int_eq(csp_chan_send_int(jobs, 1), CSP_ERR_CLOSED);
    return NULL;
}

static int64_t host_sum;
static void *collector(void *arg)
{
    (void)arg;
    int64_t v;
    while (csp_chan_recv_int(results, &v) == CSP_OK)
        host_sum += v;
    return NULL;
}

START_TEST(host_channels)
{
    jobs = csp_chan_make(NULL, "int", 0);
    results = csp_chan_make(NULL, "int", 16);
    ck_assert_ptr_nonnull(jobs);
    ck_assert_ptr_null(csp_chan_make(NULL, "map", 0));
    ck_assert_int_eq(csp_chan_send_string(jobs, "x", 1), CSP_ERR_USAGE);
    pthread_t f, c;
    pthread_create(&f, NULL, feeder, NULL);
    pthread_create(&c, NULL, collector, NULL);
    run_setup = setup_pool;
    Run r = run("package main\n\nimport (\"fmt\"; \"sync\"; \"pool\")\n\n"
                "func main() {\n"
                "\tjobs, results := pool.Jobs(), pool.Results()\n"
                "\tvar wg sync.WaitGroup\n"
                "\tfor w := 0; w < 4; w++ {\n\t\twg.Add(1)\n"
                "\t\tgo func() {\n\t\t\tdefer wg.Done()\n"
                "\t\t\tfor j := range jobs {\n\t\t\t\tresults <- j * j\n\t\t\t}\n\t\t}()\n\t}\n"
                "\twg.Wait()\n"
                "\tnote := make(chan string)\n"
                "\tgo func() { note <- \"from a goroutine\" }()\n"
                "\tfmt.Println(pool.Wait(note), pool.NoWait(note))\n"
                "\tfmt.Println(\"workers done\")\n"
                "}\n");
    run_setup = NULL;
    pthread_join(f, NULL);
    /* results stays open: the collector ends when the host closes it */
    ck_assert_int_eq(csp_chan_close(results), CSP_OK);
    pthread_join(c, NULL);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "from a goroutine true\nworkers done\n");
    ck_assert_int_eq(host_sum, (int64_t)1000 * 1001 * 2001 / 6);
    csp_chan_release(jobs);
    csp_chan_release(results);
    run_free(&r);
}
END_TEST

/* ---- calls from the host into the script --------------------------------------- */

static const char lib_src[] =
    "package main\n\n"
    "import (\"errors\"; \"fmt\"; \"strings\")\n\n"
    "var calls int\n"
    "var table = build()\n\n"
    "func build() map[string]int { fmt.Println(\"init ran\"); return map[string]int{\"a\": 1} }\n\n"
    "func init() { calls = 100 }\n\n"
    "func main() { fmt.Println(\"main must not run\") }\n\n"
    "func Count() int { calls++; return calls }\n\n"
    "func Shout(s string, n int8) (string, bool) { return strings.Repeat(strings.ToUpper(s), int(n)), n > 1 }\n\n"
    "func Div(a, b float64) (float64, error) {\n"
    "\tif b == 0 { return 0, errors.New(\"division by zero\") }\n"
    "\treturn a / b, nil\n}\n\n"
    "// SumPar squares 1..n in goroutines and sums them over a channel.\n"
    "func SumPar(n int) int {\n"
    "\tc := make(chan int)\n"
    "\tfor i := 1; i <= n; i++ { go func() { c <- i * i }() }\n"
    "\ts := 0\n\tfor i := 0; i < n; i++ { s += <-c }\n\treturn s\n}\n\n"
    "func Boom() { panic(\"boom\") }\n\n"
    "func Feed(c chan<- int, n int) { for i := 0; i < n; i++ { c <- i }; close(c) }\n";

START_TEST(host_calls)
{
    char *out = NULL, *err = NULL;
    size_t on = 0, en = 0;
    FILE *os = open_memstream(&out, &on), *es = open_memstream(&err, &en);
    CspOptions o = {.out = os, .err = es};
    CspVM *vm = csp_new(&o);
    CspValue r[2];
    ck_assert_int_eq(csp_call(vm, "Count", NULL, 0, r, 1), CSP_ERR_USAGE); /* nothing loaded */
    ck_assert_int_eq(csp_load_string(vm, "lib.go", lib_src, strlen(lib_src)), CSP_OK);

    /* init runs once, before the first call; package state persists */
    ck_assert_int_eq(csp_call(vm, "Count", NULL, 0, r, 1), CSP_OK);
    ck_assert_int_eq(r[0].kind, CSP_INT);
    ck_assert_int_eq(r[0].u.i, 101);
    ck_assert_int_eq(csp_call(vm, "Count", NULL, 0, r, 1), CSP_OK);
    ck_assert_int_eq(r[0].u.i, 102);

    CspValue a[2] = {{.kind = CSP_STRING, .u.str = {"ab", 2}}, {.kind = CSP_INT, .u.i = 3}};
    ck_assert_int_eq(csp_call(vm, "Shout", a, 2, r, 2), CSP_OK);
    ck_assert_int_eq(r[0].kind, CSP_STRING);
    ck_assert_str_eq(r[0].u.str.ptr, "ABABAB");
    ck_assert_int_eq(r[0].u.str.len, 6);
    ck_assert(r[1].kind == CSP_BOOL && r[1].u.b);

    CspValue d[2] = {{.kind = CSP_FLOAT, .u.f = 7}, {.kind = CSP_FLOAT, .u.f = 2}};
    ck_assert_int_eq(csp_call(vm, "Div", d, 2, r, 2), CSP_OK);
    ck_assert(r[0].kind == CSP_FLOAT && r[0].u.f == 3.5);
    ck_assert(r[1].kind == CSP_ERROR && r[1].u.str.ptr == NULL);
    d[1].u.f = 0;
    ck_assert_int_eq(csp_call(vm, "Div", d, 2, r, 2), CSP_OK);
    ck_assert_int_eq(r[1].kind, CSP_ERROR);
    ck_assert_str_eq(r[1].u.str.ptr, "division by zero");

    CspValue n = {.kind = CSP_INT, .u.i = 100};
    ck_assert_int_eq(csp_call(vm, "SumPar", &n, 1, r, 1), CSP_OK);
    ck_assert_int_eq(r[0].u.i, 338350);

    /* a channel the host drains while the called function feeds it */
    CspChan *c = csp_chan_make(vm, "int", 4);
    CspValue fa[2] = {{.kind = CSP_CHAN, .u.chan = c}, {.kind = CSP_INT, .u.i = 4}};
    ck_assert_int_eq(csp_call(vm, "Feed", fa, 2, NULL, 0), CSP_OK);
    int64_t v, sum = 0;
    while (csp_chan_recv_int(c, &v) == CSP_OK)
        sum += v;
    ck_assert_int_eq(sum, 6);
    csp_chan_release(c);

    /* misuse is reported, not run */
    ck_assert_int_eq(csp_call(vm, "Nope", NULL, 0, NULL, 0), CSP_ERR_USAGE);
    ck_assert_str_eq(csp_error(vm)->message, "csp_call: no function main.Nope");
    ck_assert_int_eq(csp_call(vm, "Div", d, 1, r, 2), CSP_ERR_USAGE);
    ck_assert_int_eq(csp_call(vm, "Shout", d, 2, r, 2), CSP_ERR_USAGE);
    ck_assert_str_eq(csp_error(vm)->message,
                     "csp_call: argument 0 does not fit parameter of type string");

    /* a panic ends the call, reported as Go reports it; the next call works */
    ck_assert_int_eq(csp_call(vm, "Boom", NULL, 0, NULL, 0), CSP_ERR_RUNTIME);
    ck_assert_int_eq(csp_call(vm, "Count", NULL, 0, r, 1), CSP_OK);
    ck_assert_int_eq(r[0].u.i, 103);
    csp_free(vm);
    fclose(os);
    fclose(es);
    ck_assert_str_eq(out, "init ran\n");
    ck_assert_msg(strstr(err, "panic: boom") && strstr(err, "main.Boom()"), "%s", err);
    free(out);
    free(err);
}
END_TEST

/* ---- runs from several host threads --------------------------------------------- */

static void *run_in_thread(void *arg)
{
    int k = *(int *)arg;
    char src[512];
    snprintf(src, sizeof src,
             "package main\n\nimport \"fmt\"\n\nfunc main() {\n"
             "\tc := make(chan int)\n\tfor i := 0; i < 50; i++ {\n\t\tgo func() { c <- i * %d }()\n\t}\n"
             "\ts := 0\n\tfor i := 0; i < 50; i++ {\n\t\ts += <-c\n\t}\n\tfmt.Println(s)\n}\n",
             k);
    Run r = run(src);
    char want[32];
    snprintf(want, sizeof want, "%d\n", 1225 * k);
    ck_assert_str_eq(r.out, want);
    ck_assert_int_eq(r.status, 0);
    run_free(&r);
    return NULL;
}

START_TEST(runs_from_threads)
{
    /* Two hosts threads run their own CspVMs at once, three times each:
     * the runs take turns on the process's scheduler. */
    pthread_t th[2];
    int k[2] = {1, 2};
    for (int rep = 0; rep < 3; rep++) {
        for (int i = 0; i < 2; i++)
            pthread_create(&th[i], NULL, run_in_thread, &k[i]);
        for (int i = 0; i < 2; i++)
            pthread_join(th[i], NULL);
    }
}
END_TEST

static CspVM *nested_vm;
static void h_nested(CspCall *c, void *ud)
{
    (void)ud;
    csp_ret_bool(c, 0, csp_call(nested_vm, "main", NULL, 0, NULL, 0) == CSP_ERR_USAGE &&
                           csp_run(nested_vm) == 2);
}

START_TEST(no_run_inside_a_run)
{
    static const CspNative nat[] = {{"Nested", h_nested, NULL, false}, {NULL, NULL, NULL, false}};
    char *out = NULL;
    size_t on = 0;
    FILE *os = open_memstream(&out, &on);
    CspOptions o = {.out = os};
    nested_vm = csp_new(&o);
    ck_assert_int_eq(csp_register_package(nested_vm, "host", "package host\nfunc Nested() bool\n", nat),
                     CSP_OK);
    const char *src = "package main\n\nimport (\"fmt\"; \"host\")\n\nfunc main() { fmt.Println(host.Nested()) }\n";
    ck_assert_int_eq(csp_load_string(nested_vm, "prog.go", src, strlen(src)), CSP_OK);
    ck_assert_int_eq(csp_run(nested_vm), 0);
    fclose(os);
    ck_assert_str_eq(out, "true\n");
    free(out);
    csp_free(nested_vm);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("abrupt-end");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, exit_in_main);
    tcase_add_test(tc, exit_in_goroutine);
    tcase_add_test(tc, panic_in_goroutine);
    tcase_add_test(tc, fatal_error_in_goroutine);
    tcase_add_test(tc, runs_again_after_abort);
    tcase_add_test(tc, time_limit);
    suite_add_tcase(s, tc);
    tc = tcase_create("host");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, host_package);
    tcase_add_test(tc, host_package_bad_types);
    tcase_add_test(tc, host_channels);
    tcase_add_test(tc, host_calls);
    tcase_add_test(tc, runs_from_threads);
    tcase_add_test(tc, no_run_inside_a_run);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    /* One process for every test: runs share the scheduler, as in a host. */
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
