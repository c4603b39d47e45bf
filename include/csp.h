/* csp.h — the whole public interface of libcsp.
 *
 * Embed the interpreter in a C program:
 *
 *     CspVM *vm = csp_new(NULL);
 *     if (csp_load_file(vm, "script.csp") != CSP_OK) {
 *         const CspError *e = csp_error(vm);
 *         fprintf(stderr, "%s:%d:%d: %s\n", e->file, e->line, e->col, e->message);
 *     } else {
 *         int status = csp_run(vm);   // runs main() or the script
 *     }
 *     csp_free(vm);
 *
 * Nothing else of the implementation is visible: the CLI is built on this
 * header alone.
 */
#ifndef CSP_H
#define CSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct CspVM CspVM;

/* Results of the functions below. */
typedef enum {
    CSP_OK = 0,
    CSP_ERR_IO,      /* the file could not be read */
    CSP_ERR_COMPILE, /* syntax or type errors: see csp_error() */
    CSP_ERR_RUNTIME, /* an unrecovered panic or a deadlock */
    CSP_ERR_USAGE,   /* the call was out of order (e.g. run before load) */
} CspStatus;

/* Options for csp_new(). Zero (or NULL) means the default of each. */
typedef struct CspOptions {
    int gomaxprocs;     /* 0: GOMAXPROCS from the environment, else CPUs */
    FILE *out;          /* the script's standard output (default stdout) */
    FILE *err;          /* its standard error (default stderr) */
    int argc;           /* os.Args for the script (argv[0] is the file) */
    const char *const *argv;
    /* What os.Exit, a fatal error or a panic outside main does. false (the
     * default): the run ends and csp_run returns the status, the host lives
     * on (goroutines still running on other threads stop at their next
     * scheduling point). true: the process exits at once, as a Go program
     * does (the csp command). */
    bool exit_process;
} CspOptions;

/* Creates an interpreter. Returns NULL only when out of memory. */
CspVM *csp_new(const CspOptions *opts);
/* Releases it. */
void csp_free(CspVM *vm);

/* Loads a program: parses, type-checks and compiles it. Loading replaces
 * any program loaded before. */
CspStatus csp_load_file(CspVM *vm, const char *path);
CspStatus csp_load_string(CspVM *vm, const char *name, const char *source, size_t len);

/* Runs the loaded program to its end (main() returning, the last script
 * statement, or os.Exit). Returns the process exit status Go would have:
 * 0, the os.Exit code, or 2 after an unrecovered panic or a deadlock (whose
 * report has then been written to the error stream). */
int csp_run(CspVM *vm);

/* Writes the loaded program's bytecode in readable form. */
CspStatus csp_disasm(CspVM *vm, FILE *out);

/* The first error of the last failed call: position and message. */
typedef struct CspError {
    const char *file; /* NULL when not about a source position */
    int line, col;
    const char *message;
} CspError;
const CspError *csp_error(const CspVM *vm);
/* Every compile error of the last csp_load_*, in order (at most 10, as Go
 * reports them). */
int csp_error_count(const CspVM *vm);
const CspError *csp_error_at(const CspVM *vm, int i);

/* The library's version ("0.1.0"). */
const char *csp_version(void);

#ifdef __cplusplus
}
#endif
#endif
