/* main.c — the `csp` command: a thin user of include/csp.h.
 *
 *   csp run PROGRAM [ARGS...]   compile and run PROGRAM
 *   csp -e SCRIPT [ARGS...]     run a one-line script (also `csp run -e`)
 *   csp check PROGRAM           report compile errors without running
 *   csp disasm PROGRAM          print the compiled bytecode
 *   csp version                 print the version
 *   csp help                    print this usage
 *
 * PROGRAM is, as for `go run`: files (the leading arguments ending in .go
 * or .csp; the first argument always names the program, whatever its
 * name), a directory (its package), `-` (the program on standard input) or
 * `-e SCRIPT`. The arguments after it are the program's os.Args[1:].
 *
 * Exit statuses follow `go run`: 0 on success, 1 for compile errors and
 * unreadable files, 2 for an unrecovered panic, a deadlock, or a usage
 * error; os.Exit's code otherwise. This file must not reach past csp.h.
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
    "\tcsp -e SCRIPT [ARGS...]\n"
    "\n"
    "The commands are:\n"
    "\n"
    "\trun PROGRAM [ARGS...]  compile and run PROGRAM; ARGS are its os.Args[1:]\n"
    "\tcheck PROGRAM          report compile errors without running\n"
    "\tdisasm PROGRAM         print the compiled bytecode\n"
    "\tversion                print the csp version\n"
    "\thelp                   print this help\n"
    "\n"
    "PROGRAM is, as for go run, one or more files of one directory (the\n"
    "leading arguments ending in .go or .csp), a directory (its package's\n"
    ".go and .csp files), - (the program read from standard input), or\n"
    "-e SCRIPT (a script given on the command line). A file is a Go program\n"
    "(package main) or a script: a file without a package clause whose\n"
    "top-level statements run in order and which uses the standard packages\n"
    "without importing them. A go.mod at or above the program's directory\n"
    "makes its module's packages importable.\n"
    "\n"
    "Environment, as for Go programs: GOMAXPROCS sets the number of threads\n"
    "running goroutines (and collector markers); GOGC the collector's target\n"
    "heap growth in percent, or off.\n";

/* Prints every error of the last load: file:line:col: message, as go
 * build does; a load error without a position (an import cycle, mixed
 * packages) as the go command prints it; an unreadable file on one line
 * prefixed "csp: ". */
static void print_errors(const CspVM *vm, CspStatus st)
{
    int n = csp_error_count(vm);
    for (int i = 0; i < n; i++) {
        const CspError *e = csp_error_at(vm, i);
        if (e->file && e->line > 0)
            fprintf(stderr, "%s:%d:%d: %s\n", e->file, e->line, e->col, e->message);
        else if (st == CSP_ERR_COMPILE)
            fprintf(stderr, "%s\n", e->message);
        else
            fprintf(stderr, "csp: %s\n", e->message);
    }
}

/* Standard input, whole; NULL when it cannot be read. */
static char *read_stdin(size_t *len)
{
    size_t cap = 1 << 14, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, stdin)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    if (!buf || ferror(stdin)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static bool is_source_name(const char *s)
{
    size_t n = strlen(s);
    return (n > 3 && !strcmp(s + n - 3, ".go")) || (n > 4 && !strcmp(s + n - 4, ".csp"));
}

/* A program named on the command line, and where its arguments start. */
typedef struct Program {
    const char *script; /* -e's text, or NULL */
    bool stdin_src;     /* - */
    const char **files; /* else: the files, or one directory */
    int nfiles;
    int next;         /* index in argv of the first program argument */
    const char *arg0; /* os.Args[0] */
} Program;

/* Reads PROGRAM from argv[i...]; false (with a message) when it is missing. */
static bool parse_program(const char *cmd, int argc, char **argv, int i, Program *p)
{
    memset(p, 0, sizeof *p);
    if (i >= argc) {
        fprintf(stderr, "csp %s: no program named\n\n%s", cmd, usage);
        return false;
    }
    if (!strcmp(argv[i], "-e")) {
        if (i + 1 >= argc) {
            fprintf(stderr, "csp %s: -e needs a script\n\n%s", cmd, usage);
            return false;
        }
        p->script = argv[i + 1];
        p->arg0 = "-e";
        p->next = i + 2;
        return true;
    }
    if (!strcmp(argv[i], "-")) {
        p->stdin_src = true;
        p->arg0 = "-";
        p->next = i + 1;
        return true;
    }
    /* go run's rule: the first argument names the program; more files
     * follow while the arguments end in .go (or .csp) */
    p->files = (const char **)argv + i;
    p->nfiles = 1;
    if (is_source_name(argv[i]))
        while (i + p->nfiles < argc && is_source_name(argv[i + p->nfiles]))
            p->nfiles++;
    p->arg0 = argv[i];
    p->next = i + p->nfiles;
    return true;
}

/* Loads the program; on failure prints why and returns the exit status. */
static int load(CspVM *vm, const Program *p)
{
    CspStatus st;
    if (p->script) {
        st = csp_load_string(vm, "-e", p->script, strlen(p->script));
    } else if (p->stdin_src) {
        size_t len = 0;
        char *src = read_stdin(&len);
        if (!src) {
            fputs("csp: read standard input: read error\n", stderr);
            return 1;
        }
        st = csp_load_string(vm, "<stdin>", src, len);
        free(src);
    } else {
        st = csp_load_files(vm, p->nfiles, p->files);
    }
    if (st == CSP_OK)
        return 0;
    print_errors(vm, st);
    return 1;
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

    bool oneliner = !strcmp(cmd, "-e");
    bool run = oneliner || !strcmp(cmd, "run");
    bool check = !strcmp(cmd, "check");
    bool disasm = !strcmp(cmd, "disasm");
    if (!run && !check && !disasm) {
        fprintf(stderr, "csp %s: unknown command\n\n", cmd);
        fputs(usage, stderr);
        return 2;
    }
    Program p;
    if (!parse_program(oneliner ? "run" : cmd, argc, argv, oneliner ? 1 : 2, &p))
        return 2;
    if (!run && p.next < argc) {
        fprintf(stderr, "csp %s: unexpected argument %s (only run passes arguments)\n\n%s", cmd,
                argv[p.next], usage);
        return 2;
    }

    /* os.Args: the program's name, then the arguments after it */
    int nargs = argc - p.next + 1;
    const char **args = malloc(sizeof *args * (size_t)(nargs + 1));
    if (!args) {
        fputs("csp: out of memory\n", stderr);
        return 2;
    }
    args[0] = p.arg0;
    for (int i = 1; i < nargs; i++)
        args[i] = argv[p.next + i - 1];
    args[nargs] = NULL;
    CspOptions opts = {
        .argc = nargs, .argv = args, .exit_process = true, /* os.Exit ends the process, as in Go */
    };
    CspVM *vm = csp_new(&opts);
    if (!vm) {
        fputs("csp: out of memory\n", stderr);
        return 2;
    }
    int status = load(vm, &p);
    if (status == 0) {
        if (run)
            status = csp_run(vm);
        else if (disasm)
            csp_disasm(vm, stdout);
    }
    fflush(stdout);
    csp_free(vm);
    free(args);
    return status;
}
