/* csp.c — include/csp.h implemented: the one place where the front end
 * (parse, check, compile) meets the runtime (VM, scheduler).
 *
 * Data flows one way (design.md §2): source → parse_file → check_program →
 * compile_program → VM. This file only sequences those steps (finding the
 * files and packages of a load is loader.c's), turns their diagnostics into
 * CspErrors, and owns the CspVM handle; it must never grow language or
 * runtime logic of its own.
 */
#include <errno.h>
#include <gc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_priv.h"
#include "csp_config.h"

#include "../lang/ast.h"
#include "../lang/check.h"
#include "../lang/compile.h"
#include "../lang/importer.h"
#include "../runtime/value.h"
#include "../runtime/sched.h"
#include "../runtime/vm.h"

/* The collector must be initialised once per process before any
 * allocation; csp_new is the first call any host makes, possibly on
 * several threads at once: pthread_once makes the others wait until the
 * first has finished. */
static void api_init(void)
{
    heap_init();
    types_init();
}

CspVM *csp_new(const CspOptions *opts)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, api_init);
    sched_register_thread();
    /* Uncollectable, so scanned: the handle is the only root of its
     * loaded program (vm->prog) between csp_load_* and csp_run, and the
     * host keeps it in memory the collector does not see. */
    CspVM *vm = GC_MALLOC_UNCOLLECTABLE(sizeof *vm);
    if (!vm)
        return NULL;
    if (opts)
        vm->opts = *opts;
    return vm;
}

void csp_free(CspVM *vm)
{
    if (!vm)
        return;
    /* A host function freeing the handle whose run called it would pull
     * the program from under the run: refused, as csp_run is there. */
    if (atomic_load(&vm->running)) {
        api_clear_errors(vm);
        api_error(vm, NULL, 0, 0, "csp_free: the handle is running");
        return;
    }
    for (int i = 0; i < vm->nerrors; i++)
        free((char *)vm->errors[i].message), free((char *)vm->errors[i].file);
    free(vm->errors);
    api_host_free(vm);
    GC_FREE(vm);
}

void api_clear_errors(CspVM *vm)
{
    for (int i = 0; i < vm->nerrors; i++)
        free((char *)vm->errors[i].message), free((char *)vm->errors[i].file);
    free(vm->errors);
    vm->errors = NULL;
    vm->nerrors = 0;
}

/* Records one error (malloc'd copies: the CspError outlives the GC'd
 * diagnostics only as long as the handle, and hosts may read it after
 * collections). */
void api_error(CspVM *vm, const char *file, int line, int col, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    CspError *e = realloc(vm->errors, (size_t)(vm->nerrors + 1) * sizeof *e);
    if (!e)
        return;
    vm->errors = e;
    e[vm->nerrors++] = (CspError){
        .file = file ? strdup(file) : NULL, .line = line, .col = col, .message = strdup(buf)};
}

bool api_in_run(CspVM *vm, const char *who)
{
    if (sched_current()) {
        /* a goroutine of the run in progress (a host function) */
        api_error(vm, NULL, 0, 0, "%s: called from inside a run", who);
        return true;
    }
    if (atomic_load(&vm->running)) {
        api_error(vm, NULL, 0, 0, "%s: the handle is running", who);
        return true;
    }
    return false;
}

CspStatus csp_load_string(CspVM *vm, const char *name, const char *source, size_t len)
{
    sched_register_thread();
    api_clear_errors(vm);
    /* Loading replaces the program a run in progress executes, and the
     * front end must not run on a scheduler thread. */
    if (api_in_run(vm, "csp_load_string"))
        return CSP_ERR_USAGE;
    vm->prog = NULL;

    /* The tree keeps pointers into the source: give it a collected copy
     * that lives as long as the tree. */
    char *src = GC_MALLOC_ATOMIC(len + 1);
    memcpy(src, source, len);
    src[len] = '\0';
    ImportFile f = {.name = GC_STRDUP(name), .src = src, .len = (int64_t)len};
    /* the module of the name's directory (the working directory for a
     * bare name such as "-e") offers its packages (loader.c) */
    const char *slash = strrchr(name, '/');
    char *dir = GC_STRDUP(".");
    if (slash) {
        dir = GC_STRDUP(name);
        dir[slash == name ? 1 : slash - name] = 0;
    }
    return api_load_program(vm, &f, 1, dir, false);
}

CspStatus csp_load_file(CspVM *vm, const char *path)
{
    sched_register_thread();
    return csp_load_files(vm, 1, &path);
}

/* The scheduler is the process's: one run at a time. A run started while
 * another is in progress (another CspVM on another thread) waits for it to
 * end. */
static pthread_mutex_t api_run_lock = PTHREAD_MUTEX_INITIALIZER;

bool api_run_begin(CspVM *vm, const char *who)
{
    sched_register_thread();
    api_clear_errors(vm);
    if (sched_current()) {
        /* a goroutine of the run in progress (a host function): waiting
         * for the run to end would never end */
        api_error(vm, NULL, 0, 0, "%s: called from inside a run", who);
        return false;
    }
    if (!vm->prog) {
        api_error(vm, NULL, 0, 0, "%s: no program loaded", who);
        return false;
    }
    pthread_mutex_lock(&api_run_lock);
    atomic_store(&vm->running, true);
    return true;
}

void api_run_end(CspVM *vm)
{
    atomic_store(&vm->running, false);
    pthread_mutex_unlock(&api_run_lock);
}

int csp_run(CspVM *vm)
{
    if (!api_run_begin(vm, "csp_run"))
        return 2;
    VMOptions o = api_vm_options(vm);
    VM *m = vm_new(vm->prog, &o);
    vm->inited = true;
    int status = vm_run(m);
    api_run_end(vm);
    return status;
}

VMOptions api_vm_options(const CspVM *vm)
{
    return (VMOptions){
        .gomaxprocs = vm->opts.gomaxprocs,
        .out = vm->opts.out ? vm->opts.out : stdout,
        .err = vm->opts.err ? vm->opts.err : stderr,
        .argc = vm->opts.argc,
        .argv = vm->opts.argv,
        .exit_process = vm->opts.exit_process,
        .time_limit_ns = vm->opts.time_limit_ms > 0 && vm->opts.time_limit_ms < INT64_MAX / 1000000
                             ? vm->opts.time_limit_ms * 1000000
                             : 0,
    };
}

CspStatus csp_disasm(CspVM *vm, FILE *out)
{
    if (!vm->prog)
        return CSP_ERR_USAGE;
    disasm_program(vm->prog, out);
    return CSP_OK;
}

const CspError *csp_error(const CspVM *vm)
{
    return vm->nerrors ? &vm->errors[0] : NULL;
}

int csp_error_count(const CspVM *vm) { return vm->nerrors; }

const CspError *csp_error_at(const CspVM *vm, int i)
{
    return i >= 0 && i < vm->nerrors ? &vm->errors[i] : NULL;
}

const char *csp_version(void) { return CSP_VERSION; }
