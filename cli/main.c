/* main.c — the `csp` command: a thin user of include/csp.h.
 *
 *   csp run FILE [ARGS...]   compile and run FILE (os.Args = FILE ARGS...)
 *   csp check FILE           report compile errors without running
 *   csp disasm FILE          print the compiled bytecode
 *   csp version              print the version
 *   csp help                 print this usage
 *
 * Exit statuses follow `go run`: 0 on success, 1 for compile errors, 2 for
 * an unrecovered panic, a deadlock, or a usage error; os.Exit's code
 * otherwise. This file must not reach past csp.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csp.h"

static const char usage[] =
    "csp is an interpreter for Go-style concurrent programs.\n"
    "\n"
    "Usage:\n"
    "\n"
    "\tcsp <command> [arguments]\n"
    "\n"
    "The commands are:\n"
    "\n"
    "\trun FILE [ARGS...]   compile and run FILE; the program sees os.Args = FILE ARGS...\n"
    "\tcheck FILE           report compile errors without running\n"
    "\tdisasm FILE          print the compiled bytecode\n"
    "\tversion              print the csp version\n"
    "\thelp                 print this help\n"
    "\n"
    "FILE is a Go program (package main) or a script: a file without a package\n"
    "clause whose top-level statements run in order.\n"
    "\n"
    "Environment, as for Go programs: GOMAXPROCS sets the number of threads\n"
    "running goroutines (and collector markers); GOGC the collector's target\n"
    "heap growth in percent, or off.\n";

/* Prints every compile error as file:line:col: message, as go build does. */
static void print_errors(const CspVM *vm)
{
    int n = csp_error_count(vm);
    for (int i = 0; i < n; i++) {
        const CspError *e = csp_error_at(vm, i);
        if (e->file && e->line > 0)
            fprintf(stderr, "%s:%d:%d: %s\n", e->file, e->line, e->col, e->message);
        else
            fprintf(stderr, "csp: %s\n", e->message);
    }
}

/* Loads FILE; on failure prints why and returns the exit status. */
static int load(CspVM *vm, const char *path)
{
    CspStatus st = csp_load_file(vm, path);
    if (st == CSP_OK)
        return 0;
    print_errors(vm);
    if (st != CSP_ERR_IO)
        return 1;
    fputc('\n', stderr);
    fputs(usage, stderr);
    return 2;
}

/* As Go's runtime does at start (checkfds): a standard descriptor the
 * parent left closed is opened on /dev/null, so that `csp run x <&-`
 * reads end of input, and no file opened later (the source, the
 * netpoller's) takes descriptor 0, 1 or 2 by accident. */
static void open_closed_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        /* the lowest free descriptor: fd itself, as those below are open */
        if (open("/dev/null", O_RDWR) != fd) {
            static const char msg[] = "runtime: failed to open /dev/null\n";
            (void)!write(2, msg, sizeof msg - 1);
            exit(2);
        }
    }
}

int main(int argc, char **argv)
{
    open_closed_std_fds();
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];

    if (!strcmp(cmd, "help") || !strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
        fputs(usage, stdout);
        return 0;
    }
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("csp version %s\n", csp_version());
        return 0;
    }

    bool run = !strcmp(cmd, "run");
    bool check = !strcmp(cmd, "check");
    bool disasm = !strcmp(cmd, "disasm");
    if (!run && !check && !disasm) {
        fprintf(stderr, "csp %s: unknown command\n\n", cmd);
        fputs(usage, stderr);
        return 2;
    }
    if (argc < 3 || (!run && argc > 3)) {
        fprintf(stderr, "csp %s: expected %s\n\n", cmd, run ? "FILE [ARGS...]" : "FILE");
        fputs(usage, stderr);
        return 2;
    }

    CspOptions opts = {
        .argc = argc - 2,
        .argv = (const char *const *)argv + 2,
        .exit_process = true, /* os.Exit ends the process, as in Go */
    };
    CspVM *vm = csp_new(&opts);
    if (!vm) {
        fputs("csp: out of memory\n", stderr);
        return 2;
    }
    int status = load(vm, argv[2]);
    if (status == 0) {
        if (run)
            status = csp_run(vm);
        else if (disasm)
            csp_disasm(vm, stdout);
    }
    fflush(stdout);
    csp_free(vm);
    return status;
}
