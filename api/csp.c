/* csp.c — include/csp.h implemented: the one place where the front end
 * (parse, check, compile) meets the runtime (VM, scheduler).
 *
 * Data flows one way (design.md §2): source → parse_file → check_program →
 * compile_program → VM. This file only sequences those steps, turns their
 * diagnostics into CspErrors, and owns the CspVM handle; it must never grow
 * language or runtime logic of its own.
 */
#include <errno.h>
#include <gc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_priv.h"
#include "csp_config.h"

#include "../lang/ast.h"
#include "../lang/check.h"
#include "../lang/compile.h"
#include "../runtime/value.h"
#include "../runtime/sched.h"
#include "../runtime/vm.h"

/* The collector must be initialised once per process before any
 * allocation; csp_new is the first call any host makes. */
static void api_init_once(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    heap_init();
    types_init();
}

CspVM *csp_new(const CspOptions *opts)
{
    api_init_once();
    sched_register_thread();
    CspVM *vm = calloc(1, sizeof *vm);
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
    for (int i = 0; i < vm->nerrors; i++)
        free((char *)vm->errors[i].message), free((char *)vm->errors[i].file);
    free(vm->errors);
    api_host_free(vm);
    free(vm);
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

static CspStatus api_diags(CspVM *vm, const Diags *d)
{
    for (int i = 0; i < d->len; i++)
        api_error(vm, d->items[i].filename, d->items[i].pos.line, d->items[i].pos.col, "%s",
                  d->items[i].msg);
    return CSP_ERR_COMPILE;
}

CspStatus csp_load_string(CspVM *vm, const char *name, const char *source, size_t len)
{
    sched_register_thread();
    api_clear_errors(vm);
    vm->prog = NULL;

    /* The tree keeps pointers into the source: give it a collected copy
     * that lives as long as the tree. */
    char *src = GC_MALLOC_ATOMIC(len + 1);
    memcpy(src, source, len);
    src[len] = '\0';
    const char *fname = GC_STRDUP(name);

    Diags diags = {0};
    Node *file = parse_file(fname, src, (int64_t)len, &diags);
    if (diags.len)
        return api_diags(vm, &diags);

    /* The host's packages are importable during this load only. */
    stdlib_set_host_packages((const StdPackage *const *)vm->pkgs, vm->npkgs);
    Program *prog = check_program(&file, 1, &diags);
    VMProgram *code = prog && !diags.len ? compile_program(prog, &diags) : NULL;
    stdlib_set_host_packages(NULL, 0);
    if (!code || diags.len)
        return api_diags(vm, &diags);
    if (vm->npkgs && !api_host_validate(vm, code))
        return CSP_ERR_COMPILE;
    vm->prog = code;
    vm->inited = false;
    return CSP_OK;
}

CspStatus csp_load_file(CspVM *vm, const char *path)
{
    api_clear_errors(vm);
    FILE *f = fopen(path, "rb");
    if (!f) {
        api_error(vm, NULL, 0, 0, "open %s: %s", path, strerror(errno));
        return CSP_ERR_IO;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    bool failed = ferror(f) || !buf;
    fclose(f);
    if (failed) {
        free(buf);
        api_error(vm, NULL, 0, 0, "read %s: %s", path, strerror(errno));
        return CSP_ERR_IO;
    }
    CspStatus st = csp_load_string(vm, path, buf, len);
    free(buf);
    return st;
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
    return true;
}

void api_run_end(void)
{
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
    api_run_end();
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
