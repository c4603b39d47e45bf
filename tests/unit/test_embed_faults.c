/* test_embed_faults.c — the embedding interface under the faults of issue
 * 10, as a host meets them: a loaded program stays alive however much the
 * collector runs before it is run; the first csp_new on two threads at
 * once; calls that must be refused from inside a run; and the standard
 * streams, unbuffered as Go's (text reaches a host's FILE or descriptor 1
 * at the moment it is written, after the host's own buffered text, and a
 * failed write is the program's error). Uses csp.h alone.
 *
 * Check runs each test in a fork of its own, so the "first csp_new" test
 * forks again for every attempt: each child is a process whose library
 * has not been initialised yet.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include <check.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csp.h>

static CspVM *load(const CspOptions *o, const char *src)
{
    CspVM *vm = csp_new(o);
    ck_assert_ptr_nonnull(vm);
    CspStatus st = csp_load_string(vm, "prog.go", src, strlen(src));
    ck_assert_msg(st == CSP_OK, "load: %s", csp_error(vm) ? csp_error(vm)->message : "?");
    return vm;
}

/* ---- a loaded program is a root of the collector ---- */

START_TEST(loaded_program_survives_other_runs)
{
    /* `late` is compiled first and only run after `churn` has allocated
     * some hundred megabytes (many collections): its code must still be
     * there. Several idle handles make the point that any number of them
     * keep their programs. */
    static const char late_src[] =
        "package main\nimport \"fmt\"\nfunc main() { s := []string{\"late\", \"ran\"}; "
        "fmt.Println(s[0], s[1]) }\n";
    static const char churn_src[] =
        "package main\nfunc main() { var keep [][]byte; for i := 0; i < 300000; i++ { "
        "keep = append(keep, make([]byte, 600)); if len(keep) > 500 { keep = nil } } }\n";
    char *out = NULL;
    size_t on = 0;
    FILE *mem = open_memstream(&out, &on);
    CspOptions o = {.out = mem};
    CspVM *late[4];
    for (int i = 0; i < 4; i++)
        late[i] = load(&o, late_src);
    CspVM *churn = load(NULL, churn_src);
    ck_assert_int_eq(csp_run(churn), 0);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(csp_run(late[i]), 0);
    fflush(mem);
    ck_assert_str_eq(out, "late ran\nlate ran\nlate ran\nlate ran\n");
    for (int i = 0; i < 4; i++)
        csp_free(late[i]);
    csp_free(churn);
    fclose(mem);
    free(out);
}
END_TEST

/* ---- the first csp_new, on two threads at once ---- */

static pthread_barrier_t start_line;

static void *first_user(void *arg)
{
    (void)arg;
    static const char src[] =
        "package main\nfunc main() { t := 0; for i := 0; i < 500; i++ { t += i }; "
        "if t != 124750 { panic(t) } }\n";
    pthread_barrier_wait(&start_line);
    CspVM *vm = csp_new(NULL);
    if (!vm || csp_load_string(vm, "w.go", src, strlen(src)) != CSP_OK || csp_run(vm) != 0)
        _exit(3);
    csp_free(vm);
    return NULL;
}

START_TEST(first_new_on_two_threads)
{
    for (int attempt = 0; attempt < 8; attempt++) {
        pid_t pid = fork();
        ck_assert_int_ge(pid, 0);
        if (pid == 0) {
            pthread_barrier_init(&start_line, NULL, 2);
            pthread_t t[2];
            for (int i = 0; i < 2; i++)
                pthread_create(&t[i], NULL, first_user, NULL);
            for (int i = 0; i < 2; i++)
                pthread_join(t[i], NULL);
            _exit(0);
        }
        int st = 0;
        ck_assert_int_eq(waitpid(pid, &st, 0), pid);
        ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "attempt %d: status %#x", attempt, st);
    }
}
END_TEST

/* ---- calls refused from inside a run ---- */

static CspVM *running_vm, *idle_vm;

static void h_reenter(CspCall *c, void *ud)
{
    (void)ud;
    static const char src[] = "package main\nfunc main() {}\n";
    static const CspNative none[] = {{NULL, NULL, NULL, false}};
    bool ok = csp_load_string(running_vm, "x.go", src, strlen(src)) == CSP_ERR_USAGE &&
              csp_load_string(idle_vm, "x.go", src, strlen(src)) == CSP_ERR_USAGE &&
              csp_load_file(running_vm, "/nonexistent.go") == CSP_ERR_USAGE &&
              csp_register_package(running_vm, "other", "package other\n", none) == CSP_ERR_USAGE;
    csp_free(running_vm); /* refused: the run goes on */
    ok = ok && csp_error(running_vm) != NULL;
    csp_ret_bool(c, 0, ok);
}

START_TEST(no_load_or_free_inside_a_run)
{
    static const CspNative nat[] = {{"Reenter", h_reenter, NULL, false}, {NULL, NULL, NULL, false}};
    char *out = NULL;
    size_t on = 0;
    FILE *mem = open_memstream(&out, &on);
    CspOptions o = {.out = mem};
    running_vm = csp_new(&o);
    idle_vm = csp_new(NULL);
    ck_assert_int_eq(
        csp_register_package(running_vm, "host", "package host\nfunc Reenter() bool\n", nat),
        CSP_OK);
    const char *src =
        "package main\n\nimport (\"fmt\"; \"host\")\n\n"
        "func main() { a := host.Reenter(); s := \"still here\"; fmt.Println(a, s) }\n";
    ck_assert_int_eq(csp_load_string(running_vm, "prog.go", src, strlen(src)), CSP_OK);
    ck_assert_int_eq(csp_run(running_vm), 0);
    fflush(mem);
    ck_assert_str_eq(out, "true still here\n");
    /* after the run, the same calls are allowed again */
    const char *src2 = "package main\nimport \"fmt\"\nfunc main() { fmt.Println(\"again\") }\n";
    ck_assert_int_eq(csp_load_string(running_vm, "again.go", src2, strlen(src2)), CSP_OK);
    ck_assert_int_eq(csp_run(running_vm), 0);
    fflush(mem);
    ck_assert_str_eq(out, "true still here\nagain\n");
    csp_free(running_vm);
    csp_free(idle_vm);
    fclose(mem);
    free(out);
}
END_TEST

/* ---- standard streams, unbuffered ---- */

static FILE *sink_file;
static char sink_seen[256];

/* What the host FILE's underlying file holds right now. */
static void h_peek(CspCall *c, void *ud)
{
    (void)ud;
    int fd = fileno(sink_file);
    ssize_t n = pread(fd, sink_seen, sizeof sink_seen - 1, 0);
    sink_seen[n < 0 ? 0 : n] = '\0';
    csp_ret_string(c, 0, sink_seen, strlen(sink_seen));
}

START_TEST(host_file_sees_each_write_at_once)
{
    static const CspNative nat[] = {{"Peek", h_peek, NULL, false}, {NULL, NULL, NULL, false}};
    sink_file = tmpfile();
    ck_assert_ptr_nonnull(sink_file);
    char *err = NULL;
    size_t en = 0;
    FILE *emem = open_memstream(&err, &en);
    CspOptions o = {.out = sink_file, .err = emem};
    CspVM *vm = csp_new(&o);
    ck_assert_int_eq(csp_register_package(vm, "host", "package host\nfunc Peek() string\n", nat),
                     CSP_OK);
    /* print, Print and os.Stdout.Write each land before the next line
     * runs; the peeked text is reported on standard error */
    const char *src =
        "package main\n\nimport (\"fmt\"; \"os\"; \"host\")\n\n"
        "func main() {\n"
        "\tfmt.Print(\"one \")\n\tfmt.Fprintln(os.Stderr, \"[\"+host.Peek()+\"]\")\n"
        "\tos.Stdout.WriteString(\"two\\n\")\n\tprintln(\"[\" + host.Peek() + \"]\")\n"
        "}\n";
    ck_assert_int_eq(csp_load_string(vm, "prog.go", src, strlen(src)), CSP_OK);
    ck_assert_int_eq(csp_run(vm), 0);
    fflush(emem);
    ck_assert_str_eq(err, "[one ]\n[one two\n]\n");
    csp_free(vm);
    fclose(emem);
    free(err);
    fclose(sink_file);
}
END_TEST

static int pipe_rd;

/* What the pipe behind descriptor 1 holds right now (never waits). */
static void h_drain(CspCall *c, void *ud)
{
    (void)ud;
    char buf[128];
    ssize_t n = read(pipe_rd, buf, sizeof buf);
    csp_ret_string(c, 0, buf, n < 0 ? 0 : (size_t)n);
}

START_TEST(default_stdout_is_descriptor_one_in_order)
{
    /* The host's own printf text, still in stdout's buffer, comes before
     * the script's, and the script's is in the pipe as soon as printed,
     * while the run goes on. */
    static const CspNative nat[] = {{"Drain", h_drain, NULL, false}, {NULL, NULL, NULL, false}};
    int p[2];
    ck_assert_int_eq(pipe2(p, O_NONBLOCK), 0);
    pipe_rd = p[0];
    fflush(stdout);
    int saved = dup(1);
    dup2(p[1], 1);
    setvbuf(stdout, NULL, _IOFBF, 4096);
    printf("host first\n"); /* buffered: not written yet */
    char *err = NULL;
    size_t en = 0;
    FILE *emem = open_memstream(&err, &en);
    CspOptions o = {.err = emem};
    CspVM *vm = csp_new(&o);
    ck_assert_int_eq(csp_register_package(vm, "host", "package host\nfunc Drain() string\n", nat),
                     CSP_OK);
    const char *src =
        "package main\n\nimport (\"fmt\"; \"os\"; \"host\")\n\n"
        "func main() { fmt.Println(\"script\"); fmt.Fprintf(os.Stderr, \"%q\", host.Drain()) }\n";
    ck_assert_int_eq(csp_load_string(vm, "prog.go", src, strlen(src)), CSP_OK);
    int st = csp_run(vm);
    dup2(saved, 1);
    csp_free(vm);
    fflush(emem);
    ck_assert_int_eq(st, 0);
    ck_assert_str_eq(err, "\"host first\\nscript\\n\"");
    fclose(emem);
    free(err);
}
END_TEST

START_TEST(failed_write_is_the_programs_error)
{
    FILE *full = fopen("/dev/full", "w");
    ck_assert_ptr_nonnull(full);
    char *err = NULL;
    size_t en = 0;
    FILE *emem = open_memstream(&err, &en);
    CspOptions o = {.out = full, .err = emem};
    CspVM *vm = load(
        &o, "package main\n\nimport (\"fmt\"; \"os\")\n\n"
            "func main() {\n"
            "\t_, err := fmt.Println(\"lost\")\n\tfmt.Fprintln(os.Stderr, err)\n"
            "\t_, err = os.Stdout.Write([]byte(\"lost too\"))\n\tfmt.Fprintln(os.Stderr, err)\n"
            "}\n");
    ck_assert_int_eq(csp_run(vm), 0);
    fflush(emem);
    ck_assert_str_eq(err, "write /dev/stdout: no space left on device\n"
                          "write /dev/stdout: no space left on device\n");
    csp_free(vm);
    fclose(emem);
    free(err);
    fclose(full);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("embed-faults");
    TCase *tc = tcase_create("handles");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, loaded_program_survives_other_runs);
    tcase_add_test(tc, first_new_on_two_threads);
    tcase_add_test(tc, no_load_or_free_inside_a_run);
    suite_add_tcase(s, tc);
    tc = tcase_create("streams");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, host_file_sees_each_write_at_once);
    tcase_add_test(tc, default_stdout_is_descriptor_one_in_order);
    tcase_add_test(tc, failed_write_is_the_programs_error);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
