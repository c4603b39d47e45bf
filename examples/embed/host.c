/* host.c — embedding csp in a C program, through include/csp.h alone.
 *
 * Owns: a worked example of the public API, also run as a test: load a
 * script from a string, capture its output in memory, run it, read its exit
 * status; then load a script with a compile error and read the error as
 * data (file, line, column, message). Never reaches past csp.h.
 *
 * Build (from a build directory): cc host.c -Iinclude -L. -lcsp -lgc ...
 * or let Meson do it: tests/meson.build builds it as `embed_host`.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csp.h>

/* A script (no package clause): goroutines square numbers in parallel. */
static const char squares[] =
    "results := make(chan int)\n"
    "for i := 1; i <= 10; i++ {\n"
    "\tgo func() { results <- i * i }()\n"
    "}\n"
    "sum := 0\n"
    "for range 10 {\n"
    "\tsum += <-results\n"
    "}\n"
    "fmt.Println(\"sum of squares:\", sum)\n";

/* A program with a type error on line 4. */
static const char broken[] =
    "package main\n"
    "\n"
    "func main() {\n"
    "\tvar n int = \"five\"\n"
    "\t_ = n\n"
    "}\n";

int main(void)
{
    int failures = 0;

    /* 1. Run a script with its standard output captured in memory. */
    char *out = NULL;
    size_t out_len = 0;
    FILE *out_stream = open_memstream(&out, &out_len);
    CspOptions opts = {.out = out_stream};
    CspVM *vm = csp_new(&opts);
    if (vm == NULL) {
        fputs("csp_new failed\n", stderr);
        return 1;
    }
    if (csp_load_string(vm, "squares.csp", squares, strlen(squares)) != CSP_OK) {
        const CspError *e = csp_error(vm);
        fprintf(stderr, "unexpected compile error: %s:%d:%d: %s\n",
                e->file ? e->file : "?", e->line, e->col, e->message);
        return 1;
    }
    int status = csp_run(vm); /* 0: the script ran to its end */
    fflush(out_stream);
    printf("script printed: %.*s", (int)out_len, out);
    printf("exit status: %d\n", status);
    if (strcmp(out, "sum of squares: 385\n") != 0 || status != 0) {
        fputs("FAIL: wrong output or status\n", stderr);
        failures++;
    }
    csp_free(vm);
    fclose(out_stream);
    free(out);

    /* 2. A compile error comes back as data, not as output. */
    vm = csp_new(NULL);
    CspStatus st = csp_load_string(vm, "broken.go", broken, strlen(broken));
    const CspError *e = csp_error(vm);
    if (st != CSP_ERR_COMPILE || e == NULL || e->line != 4) {
        fprintf(stderr, "FAIL: expected a compile error on line 4 (status %d)\n", (int)st);
        failures++;
    } else {
        printf("compile error at line %d, column %d: %s\n", e->line, e->col, e->message);
    }
    csp_free(vm);

    printf("csp %s: %s\n", csp_version(), failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
