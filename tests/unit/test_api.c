/* test_api.c — the embedding interface (include/csp.h) as a host sees it:
 * a run that ends abruptly (os.Exit, a fatal error, a panic outside main)
 * returns its status from csp_run and leaves the host running, and the
 * next program runs normally afterwards. Uses csp.h alone.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csp.h>

typedef struct {
    int status;
    char *out, *err;
} Run;

/* Loads src as a program and runs it with its streams captured. */
static Run run(const char *src)
{
    Run r = {0};
    size_t on = 0, en = 0;
    FILE *out = open_memstream(&r.out, &on), *err = open_memstream(&r.err, &en);
    CspOptions o = {.out = out, .err = err};
    CspVM *vm = csp_new(&o);
    ck_assert_ptr_nonnull(vm);
    ck_assert_int_eq(csp_load_string(vm, "prog.go", src, strlen(src)), CSP_OK);
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
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    /* One process for every test: runs share the scheduler, as in a host. */
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
