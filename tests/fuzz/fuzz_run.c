/* fuzz_run.c — a libFuzzer target running whole programs: source bytes in,
 * lexed, parsed, checked, compiled and run through the embedding API
 * (include/csp.h), never a crash, hang or sanitizer report.
 *
 * What counts as a bug: a signal death, a sanitizer report, an abort or a
 * libFuzzer timeout/out-of-memory that the limits below should have
 * prevented. What does not: compile errors, Go panics, fatal errors,
 * deadlocks, os.Exit and the time limit ending a run; each of those is a
 * status csp_run returns, the process lives on.
 *
 * The limits, so that one process can run millions of programs:
 *   - time: CspOptions.time_limit_ms (FUZZ_RUN_MS, default 1000) ends the
 *     run at the next pre-emption check, also when every goroutine sleeps;
 *   - memory: the collector's heap is capped (FUZZ_RUN_HEAP_MB, default
 *     1024); what happens beyond it is the runtime's out-of-memory path;
 *   - goroutines: a run's goroutines are abandoned when it ends (the
 *     scheduler's generation changes), never run again;
 *   - output: both streams go to /dev/null; stdin is /dev/null (EOF);
 *   - the file system and processes: the process works in a fresh temporary
 *     directory, and inputs naming packages or functions that reach outside
 *     it (os/exec, net, syscall, os/signal, foreign calls, removals and
 *     renames, environment changes, string literals holding an absolute
 *     or parent path) are skipped; files a program creates under relative
 *     names stay in that directory.
 *
 * Never: frees what the collector owns, or runs an input it skipped.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gc.h>

#include "csp.h"

static FILE *fuzz_null;       /* both output streams of every run */
static int64_t fuzz_limit_ms; /* CspOptions.time_limit_ms */

/* Words that make an input skipped: each reaches outside the sandbox (a
 * process, the network, signals, C code, files outside the temporary
 * directory) or changes the process for later runs. */
static const char *const fuzz_denied[] = {
    "os/exec",  "\"net",     "syscall",    "os/signal",     "csp:",        "unsafe",
    "plugin",   "os.Remove", "os.Rename",  "os.Chmod",      "os.Chown",    "os.Chtimes",
    "os.Chdir", "os.Link",   "os.Symlink", "os.Lchown",     "os.Truncate", "Setenv",
    "Unsetenv", "Clearenv",  "ioutil",     "runtime/debug", "\"..",
};

static int64_t fuzz_env(const char *name, int64_t dflt)
{
    const char *v = getenv(name);
    return v && *v ? strtoll(v, NULL, 10) : dflt;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_limit_ms = fuzz_env("FUZZ_RUN_MS", 1000);
    fuzz_null = fopen("/dev/null", "w");
    int fd = open("/dev/null", O_RDONLY);
    if (!fuzz_null || fd < 0) {
        perror("fuzz_run: /dev/null");
        exit(1);
    }
    dup2(fd, 0);
    close(fd);
    char dir[] = "/tmp/fuzz_run.XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) != 0) {
        perror("fuzz_run: temporary directory");
        exit(1);
    }
    /* csp_new initialises the collector; the cap comes after it. */
    CspVM *vm = csp_new(NULL);
    csp_free(vm);
    GC_set_max_heap_size((GC_word)fuzz_env("FUZZ_RUN_HEAP_MB", 1024) << 20);
    return 0;
}

/* Whether src mentions a denied word (or an absolute path). */
static bool fuzz_skip(const char *src, size_t size)
{
    for (size_t i = 0; i < sizeof fuzz_denied / sizeof *fuzz_denied; i++)
        if (memmem(src, size, fuzz_denied[i], strlen(fuzz_denied[i])))
            return true;
    return memmem(src, size, "\"/", 2) != NULL || memmem(src, size, "`/", 2) != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_skip((const char *)data, size))
        return -1; /* not added to the corpus */
    CspOptions o = {
        .gomaxprocs = (int)fuzz_env("FUZZ_RUN_PROCS", 2),
        .out = fuzz_null,
        .err = fuzz_null,
        .exit_process = false,
        .time_limit_ms = fuzz_limit_ms,
    };
    CspVM *vm = csp_new(&o);
    if (!vm)
        return 0;
    if (csp_load_string(vm, "fuzz.go", (const char *)data, size) == CSP_OK)
        (void)csp_run(vm);
    csp_free(vm);
    return 0;
}
