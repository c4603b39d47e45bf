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
    CSP_ERR_USAGE,   /* the call was out of order (e.g. run before load),
                        or an argument was unusable */
    CSP_ERR_CLOSED,  /* a channel operation on a closed channel */
} CspStatus;

/* Options for csp_new(). Zero (or NULL) means the default of each. */
typedef struct CspOptions {
    int gomaxprocs;     /* 0: GOMAXPROCS from the environment, else CPUs */
    /* The script's standard output and error. Unbuffered, as Go's
     * os.Stdout and os.Stderr: by default (NULL, or stdout/stderr
     * themselves) each write goes to descriptor 1 or 2 at once with
     * write(2), after anything the host left in stdout's buffer; a host's
     * own FILE is written and flushed at every write. */
    FILE *out;
    FILE *err;
    int argc;           /* os.Args for the script (argv[0] is the file) */
    const char *const *argv;
    /* What os.Exit, a fatal error or a panic outside main does. false (the
     * default): the run ends and csp_run returns the status, the host lives
     * on (goroutines still running on other threads stop at their next
     * scheduling point). true: the process exits at once, as a Go program
     * does (the csp command). */
    bool exit_process;
    /* A wall-clock budget for each run (csp_run, csp_call), in
     * milliseconds; 0: none. A run still going when it is spent ends as a
     * fatal error does: goroutines stop at their next pre-emption check
     * (running ones within microseconds, blocked ones at once), the error
     * stream gets `fatal error: time limit exceeded` and the status is 2.
     * Code inside one native call (a huge strings.Repeat, a foreign
     * function) is not interrupted: the run ends when it returns. For
     * hosts running untrusted or generated scripts (and the fuzzers). */
    int64_t time_limit_ms;
} CspOptions;

/* Creates an interpreter. Returns NULL only when out of memory. Any
 * thread may make the first call, several at once. The handle keeps its
 * loaded program alive (the collector sees it) until csp_free. */
CspVM *csp_new(const CspOptions *opts);
/* Releases it. Refused (nothing happens; csp_error says why) while the
 * handle is running, e.g. from one of its own host functions. */
void csp_free(CspVM *vm);

/* Loads a program: parses, type-checks and compiles it. Loading replaces
 * any program loaded before. CSP_ERR_USAGE from inside a run (a host
 * function) or while the handle runs, as for csp_run and
 * csp_register_package. */
CspStatus csp_load_file(CspVM *vm, const char *path);
CspStatus csp_load_string(CspVM *vm, const char *name, const char *source, size_t len);
/* Loads a program of several files, as `go run a.go b.go`: they must be in
 * one directory and of one package. One path naming a directory loads
 * that directory's package, as `go run DIR` (its .go and .csp files sorted
 * by name, _test.go files and those whose build constraints exclude
 * linux/amd64 left out); csp_load_file accepts a directory too. Imports of
 * the module declared by the go.mod at or above the files' directory load
 * that module's packages (exported names only, the internal/ rule, import
 * cycles refused as the go command does). CSP_ERR_IO when a file cannot
 * be read ("open x.csp: no such file or directory"). */
CspStatus csp_load_files(CspVM *vm, int n, const char *const *paths);

/* Runs the loaded program to its end (main() returning, the last script
 * statement, or os.Exit). The goroutine scheduler is the process's: while
 * one CspVM runs (csp_run or csp_call), a run of another CspVM started on
 * another thread waits for it to end; from inside a run (a host function)
 * neither can be called. Returns the process exit status Go would have:
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

/* ---- Host packages: Go functions implemented by the host ----------------
 *
 * A host package is Go source whose bodyless functions are C functions of
 * the host, imported by scripts like any package:
 *
 *     static void add(CspCall *c, void *ud) {
 *         csp_ret_int(c, 0, csp_arg_int(c, 0) + csp_arg_int(c, 1));
 *     }
 *     static const CspNative natives[] = {{"Add", add}, {NULL}};
 *     csp_register_package(vm, "calc",
 *         "package calc\nfunc Add(a, b int) int\n", natives);
 *
 *     // script: import "calc" ... calc.Add(2, 3)
 *
 * The source may also hold ordinary Go (types, constants, functions with
 * bodies) around the bodyless ones. Parameters and results of host
 * functions may be booleans, integers, floats, strings, []byte, channels
 * and (as results) error; a program using other types there does not load.
 * Register before csp_load_*; packages stay registered for every later
 * load of that CspVM. */

typedef struct CspCall CspCall; /* one call of a host function */
typedef struct CspChan CspChan; /* a channel handle held by the host */

typedef void (*CspFunc)(CspCall *call, void *userdata);

typedef struct CspNative {
    const char *name;  /* the bodyless function's name */
    CspFunc fn;
    void *userdata;    /* passed to fn */
    bool blocking;     /* fn may block its thread for long (I/O, waits):
                          its processor runs other goroutines meanwhile,
                          as Go does around a system call */
} CspNative;

/* Adds package `path` (its source starts with a package clause) whose
 * bodyless functions are the natives, a table ended by a NULL name.
 * CSP_ERR_USAGE for a path already taken or missing arguments. The
 * strings and table are copied. */
CspStatus csp_register_package(CspVM *vm, const char *path, const char *source,
                               const CspNative *natives);

/* Arguments, numbered from 0 as in the Go signature (a variadic last
 * parameter is a []T: only []byte is readable). Each reads a parameter of
 * its kind: _int any signed or unsigned integer (an unsigned one as its
 * bits), _uint the same as unsigned, _float float32/float64, _string a
 * string or []byte (a NUL-terminated copy, valid until fn returns; *len,
 * when not NULL, gets its length, which counts embedded NULs), _chan a
 * channel (a new handle: release it with csp_chan_release). Reading a
 * parameter that does not exist or is of another kind makes the call
 * panic in the script, and returns 0/NULL. */
int csp_argc(const CspCall *call);
int64_t csp_arg_int(CspCall *call, int i);
uint64_t csp_arg_uint(CspCall *call, int i);
double csp_arg_float(CspCall *call, int i);
bool csp_arg_bool(CspCall *call, int i);
const char *csp_arg_string(CspCall *call, int i, size_t *len);
CspChan *csp_arg_chan(CspCall *call, int i);

/* Results, numbered from 0; an unset result is Go's zero value. The same
 * kinds as the arguments; csp_ret_string sets a string or []byte (copied);
 * csp_ret_error sets an error result (msg NULL: nil); csp_ret_chan a
 * channel result from a handle (the handle stays the host's). */
void csp_ret_int(CspCall *call, int i, int64_t v);
void csp_ret_uint(CspCall *call, int i, uint64_t v);
void csp_ret_float(CspCall *call, int i, double v);
void csp_ret_bool(CspCall *call, int i, bool v);
void csp_ret_string(CspCall *call, int i, const char *s, size_t len);
void csp_ret_error(CspCall *call, int i, const char *msg);
void csp_ret_chan(CspCall *call, int i, CspChan *ch);

/* After fn returns, the calling goroutine panics with the string msg, as
 * panic(msg) would (recover() in the script gets the string). */
void csp_panic(CspCall *call, const char *msg);

/* ---- Channels shared by host threads and goroutines -----------------------
 *
 * A handle comes from csp_chan_make or from a host function's channel
 * argument; hand it to the script as a host function's channel result.
 * Any host thread may send and receive; a full or empty channel blocks the
 * calling thread (never a scheduler thread) until a goroutine acts. While
 * a handle is held, a program whose goroutines all wait is not reported
 * as deadlocked: the host may still act. The element type is one of
 * bool, int, int8..int64, uint, uint8..uint64, uintptr, float32, float64
 * and string. */

CspChan *csp_chan_make(CspVM *vm, const char *elemtype, int64_t cap);
/* A second handle to the same channel (released separately). */
CspChan *csp_chan_dup(CspChan *ch);
void csp_chan_release(CspChan *ch);

/* Sends block until received (or buffered); CSP_ERR_CLOSED when the
 * channel is closed (where Go would panic), CSP_ERR_USAGE when the
 * element type is not of that kind. Receives return CSP_ERR_CLOSED once
 * the channel is closed and drained; a received string is a malloc'd,
 * NUL-terminated copy for the caller to free. */
CspStatus csp_chan_send_int(CspChan *ch, int64_t v);
CspStatus csp_chan_send_float(CspChan *ch, double v);
CspStatus csp_chan_send_bool(CspChan *ch, bool v);
CspStatus csp_chan_send_string(CspChan *ch, const char *s, size_t len);
CspStatus csp_chan_recv_int(CspChan *ch, int64_t *v);
CspStatus csp_chan_recv_float(CspChan *ch, double *v);
CspStatus csp_chan_recv_bool(CspChan *ch, bool *v);
CspStatus csp_chan_recv_string(CspChan *ch, char **s, size_t *len);
/* CSP_ERR_CLOSED if it was already closed. */
CspStatus csp_chan_close(CspChan *ch);

/* ---- Calling script functions from the host ------------------------------
 *
 * A loaded program (with a package clause) can serve as a library: the host
 * calls its package-level functions. Before the first call (unless
 * csp_run ran first) the program's package variables are initialised and
 * its init functions run; main does not. Each call runs as the main
 * goroutine of a run of its own: goroutines it starts and leaves running
 * are abandoned when it returns, as when main returns; package variables
 * keep their values from call to call. */

typedef enum {
    CSP_BOOL = 1,
    CSP_INT,    /* any integer type (an unsigned one as its bits) */
    CSP_FLOAT,  /* float32 or float64 */
    CSP_STRING, /* string or []byte */
    CSP_CHAN,   /* a channel handle */
    CSP_ERROR,  /* results only: an error, its Error() text or NULL (nil) */
} CspKind;

typedef struct CspValue {
    CspKind kind;
    union {
        bool b;
        int64_t i;
        double f;
        struct {
            const char *ptr; /* results: NUL-terminated, valid until the
                                next csp_call, csp_run or csp_free */
            size_t len;
        } str;
        CspChan *chan; /* results: a new handle, to release */
    } u;
} CspValue;

/* Calls the program's function `name` with nargs arguments of the kinds
 * its parameters need, storing up to nresults of its results. CSP_OK when
 * it returned; CSP_ERR_USAGE (see csp_error) for no program, no such
 * function, or arguments that do not fit its parameters;
 * CSP_ERR_RUNTIME after an unrecovered panic, a deadlock (reported on the
 * error stream) or os.Exit. */
CspStatus csp_call(CspVM *vm, const char *name, const CspValue *args, int nargs,
                   CspValue *results, int nresults);

/* The library's version ("0.1.0"). */
const char *csp_version(void);

#ifdef __cplusplus
}
#endif
#endif
