/* api_priv.h — what the two halves of the public API share: the CspVM
 * handle (api/csp.c: loading and running) and the host packages it carries
 * (api/host.c: host functions and shared channels).
 *
 * Never included outside api/.
 */
#ifndef CSP_API_PRIV_H
#define CSP_API_PRIV_H

#include "csp.h"

#include "../runtime/vm.h"
#include "../stdlib/stdlib.h"

struct CspVM {
    CspOptions opts;
    VMProgram *prog;  /* the loaded program, NULL before a successful load */
    CspError *errors; /* errors of the last failed call */
    int nerrors;
    /* Host packages (csp_register_package), offered to every load. */
    StdPackage **pkgs;
    int npkgs;
    bool inited; /* the loaded program's init has run (csp_run or a
                    first csp_call) */
    char **strs; /* the last csp_call's result strings (malloc'd) */
    int nstrs;
    /* A run of this handle is in progress (between api_run_begin and
     * api_run_end): it may not be freed or reloaded meanwhile. Atomic: a
     * host thread may ask while another runs it. */
    _Atomic bool running;
};

/* Whether the call `who` must be refused because a run is in progress:
 * it comes from inside one (a host function, on a goroutine), or vm
 * itself is running. Records the error when so. */
bool api_in_run(CspVM *vm, const char *who);

/* Brackets a run (csp_run, csp_call): false, with an error recorded, when
 * none can start (no program; called by a goroutine of the run in
 * progress); else waits until no other run is in progress. */
bool api_run_begin(CspVM *vm, const char *who);
void api_run_end(CspVM *vm);

/* The VM options of a run of the loaded program. */
VMOptions api_vm_options(const CspVM *vm);

/* Forgets the errors of the last call (csp.c). */
void api_clear_errors(CspVM *vm);
/* Records an error of the current call (csp.c). */
void api_error(CspVM *vm, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Checks that every host function program p binds has parameters and
 * results of kinds the host API can move; records an error for each that
 * has not. */
bool api_host_validate(CspVM *vm, VMProgram *p);

/* Parses, checks and compiles a program of the given files (one package,
 * in directory dir; from_dir: named by its directory, as `go run DIR`),
 * importing the packages of the module around dir, the host's and the
 * standard ones (loader.c). On success the program is vm's. */
struct ImportFile;
CspStatus api_load_program(CspVM *vm, const struct ImportFile *files, int nfiles,
                           const char *dir, bool from_dir);

/* Whether a command-line argument names a source file (.go or .csp): the
 * rule that separates a program's files from its arguments (loader.c). */
bool api_is_source_name(const char *path);

/* Frees what csp_register_package and csp_call allocated for vm. */
void api_host_free(CspVM *vm);

#endif
