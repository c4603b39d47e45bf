/* host.c — embedding csp in a C program, through include/csp.h alone.
 *
 * Owns: a worked example of the public API, also run as a test: load a
 * script from a string, capture its output in memory, run it, read its exit
 * status; give scripts a package of the host's own C functions and a
 * channel that a host thread feeds while goroutines drain it; then load a
 * script with a compile error and read the error as data (file, line,
 * column, message). Never reaches past csp.h.
 *
 * Build (from a build directory): cc host.c -Iinclude -L. -lcsp -lgc ...
 * or let Meson do it: tests/meson.build builds it as `embed_host`.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csp.h>

/* A host package: Go declarations whose bodies are the C functions below. */
static const char sensors_src[] =
    "package sensors\n"
    "\n"
    "// Readings delivers what the host measures until it closes it.\n"
    "func Readings() <-chan float64\n"
    "// Scale converts a raw reading; the host refuses negative ones.\n"
    "func Scale(raw float64) (float64, error)\n";

static CspChan *readings;

static void sensors_readings(CspCall *call, void *userdata)
{
    (void)userdata;
    csp_ret_chan(call, 0, readings);
}

static void sensors_scale(CspCall *call, void *userdata)
{
    double factor = *(const double *)userdata;
    double raw = csp_arg_float(call, 0);
    if (raw < 0)
        csp_ret_error(call, 1, "negative reading");
    else
        csp_ret_float(call, 0, raw * factor);
}

/* A host thread producing readings (a device driver, say). */
static void *sensor_thread(void *arg)
{
    (void)arg;
    for (int i = 1; i <= 6; i++)
        csp_chan_send_float(readings, i == 4 ? -1.0 : i * 1.5);
    csp_chan_close(readings);
    return NULL;
}

/* Goroutines scale the readings the host thread sends. */
static const char pipeline[] =
    "package main\n"
    "\n"
    "import (\n\t\"fmt\"\n\t\"sensors\"\n)\n"
    "\n"
    "func main() {\n"
    "\tscaled := make(chan string)\n"
    "\tgo func() {\n"
    "\t\tfor r := range sensors.Readings() {\n"
    "\t\t\tv, err := sensors.Scale(r)\n"
    "\t\t\tif err != nil {\n"
    "\t\t\t\tscaled <- \"error: \" + err.Error()\n"
    "\t\t\t\tcontinue\n"
    "\t\t\t}\n"
    "\t\t\tscaled <- fmt.Sprintf(\"%.1f\", v)\n"
    "\t\t}\n"
    "\t\tclose(scaled)\n"
    "\t}()\n"
    "\tfor s := range scaled {\n"
    "\t\tfmt.Println(s)\n"
    "\t}\n"
    "}\n";

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

    /* 2. A host package and a channel fed by a host thread. */
    out = NULL;
    out_len = 0;
    out_stream = open_memstream(&out, &out_len);
    opts = (CspOptions){.out = out_stream};
    vm = csp_new(&opts);
    static double factor = 10;
    const CspNative sensors[] = {
        {"Readings", sensors_readings, NULL, false},
        {"Scale", sensors_scale, &factor, false},
        {NULL, NULL, NULL, false},
    };
    readings = csp_chan_make(vm, "float64", 0);
    pthread_t th;
    if (csp_register_package(vm, "sensors", sensors_src, sensors) != CSP_OK ||
        csp_load_string(vm, "pipeline.go", pipeline, strlen(pipeline)) != CSP_OK ||
        pthread_create(&th, NULL, sensor_thread, NULL) != 0) {
        const CspError *e = csp_error(vm);
        fprintf(stderr, "FAIL: host package: %s\n", e ? e->message : "?");
        return 1;
    }
    status = csp_run(vm);
    pthread_join(th, NULL);
    csp_chan_release(readings);
    fflush(out_stream);
    printf("pipeline printed:\n%.*s", (int)out_len, out);
    if (strcmp(out, "15.0\n30.0\n45.0\nerror: negative reading\n75.0\n90.0\n") != 0 ||
        status != 0) {
        fputs("FAIL: wrong pipeline output or status\n", stderr);
        failures++;
    }
    csp_free(vm);
    fclose(out_stream);
    free(out);

    /* 3. A compile error comes back as data, not as output. */
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
