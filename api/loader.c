/* loader.c — finding a program's files and packages, as `go run` does:
 * the files named (one package, one directory), or every .go/.csp file of
 * a directory, and the packages of the program's own module (the go.mod at
 * or above the main package's directory), offered to the front end through
 * an Importer (lang/importer.h) together with the host's packages
 * (csp_register_package) and the standard ones.
 *
 * Owns the go command's rules that are not the language's: which files of
 * a directory belong to the build (no _test.go, build constraints for
 * linux/amd64), module membership, the internal/ rule, and their messages
 * in Go's words. Must never check or compile anything itself: that is
 * lang/'s, sequenced by api_load_program.
 */
#include <dirent.h>
#include <errno.h>
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api_priv.h"

#include "../lang/ast.h"
#include "../lang/check.h"
#include "../lang/compile.h"
#include "../lang/importer.h"

/* ---- small path helpers (results are collected strings) ---- */

static char *cat(const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *s = GC_MALLOC_ATOMIC(la + lb + lc + 1);
    memcpy(s, a, la);
    memcpy(s + la, b, lb);
    memcpy(s + la + lb, c, lc + 1);
    return s;
}

/* The directory part of a path ("." when there is none). */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return GC_STRDUP(".");
    if (slash == path)
        return GC_STRDUP("/");
    char *d = GC_MALLOC_ATOMIC((size_t)(slash - path) + 1);
    memcpy(d, path, (size_t)(slash - path));
    d[slash - path] = 0;
    return d;
}

/* The absolute, symlink-free form of an existing directory, or NULL. */
static char *abs_dir(const char *dir)
{
    char *r = realpath(dir, NULL);
    if (!r)
        return NULL;
    char *s = GC_STRDUP(r);
    free(r);
    return s;
}

static bool has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

bool api_is_source_name(const char *path)
{
    return has_suffix(path, ".go") || has_suffix(path, ".csp");
}

/* A whole file as a collected string; NULL with errno set on failure. */
static char *read_file(const char *path, int64_t *len)
{
    FILE *f = fopen(path, "rbe");
    if (!f)
        return NULL;
    size_t cap = 1 << 14, n = 0, got;
    char *buf = GC_MALLOC_ATOMIC(cap + 1);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = GC_MALLOC_ATOMIC(cap * 2 + 1);
            memcpy(nb, buf, n);
            buf = nb;
            cap *= 2;
        }
    }
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (err) {
        errno = err;
        return NULL;
    }
    buf[n] = 0;
    *len = (int64_t)n;
    return buf;
}

/* strerror as Go spells errno texts: "no such file or directory". */
static const char *errtext(int err)
{
    char *s = GC_STRDUP(strerror(err));
    if (s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
        s[0] = (char)(s[0] - 'A' + 'a');
    return s;
}

/* ---- build constraints (go/build's rules for GOOS=linux GOARCH=amd64) ---- */

static const char *const known_os[] = {
    "aix",   "android", "darwin", "dragonfly", "freebsd", "hurd",    "illumos", "ios",     "js",
    "linux", "nacl",    "netbsd", "openbsd",   "plan9",   "solaris", "wasip1",  "windows", "zos"};
static const char *const known_arch[] = {
    "386",     "amd64",  "amd64p32", "arm",      "armbe",     "arm64",       "arm64be", "loong64",
    "mips",    "mipsle", "mips64",   "mips64le", "mips64p32", "mips64p32le", "ppc",     "ppc64",
    "ppc64le", "riscv",  "riscv64",  "s390",     "s390x",     "sparc",       "sparc64", "wasm"};

static bool in_list(const char *s, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && strncmp(list[i], s, n) == 0)
            return true;
    return false;
}

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* Whether the build tag s[0..n) holds here: linux, amd64, unix, gc and
 * the go1.N release tags up to go1.22. */
static bool tag_holds(const char *s, size_t n)
{
    static const char *const on[] = {"linux", "amd64", "unix", "gc"};
    if (in_list(s, n, on, COUNT(on)))
        return true;
    if (n > 4 && strncmp(s, "go1.", 4) == 0) {
        int minor = atoi(s + 4);
        return minor >= 1 && minor <= 22;
    }
    return false;
}

/* A //go:build expression: || of && of ! of tags and parentheses.
 * Returns its value; *p advances past what was read. A malformed
 * expression reads as false (the file is left out). */
static bool bexpr_or(const char **p);

static void skip_sp(const char **p)
{
    while (**p == ' ' || **p == '\t')
        (*p)++;
}

static bool bexpr_atom(const char **p)
{
    skip_sp(p);
    if (**p == '!') {
        (*p)++;
        return !bexpr_atom(p);
    }
    if (**p == '(') {
        (*p)++;
        bool v = bexpr_or(p);
        skip_sp(p);
        if (**p == ')')
            (*p)++;
        return v;
    }
    const char *s = *p;
    while (**p && (**p == '_' || **p == '.' || (**p >= 'a' && **p <= 'z') ||
                   (**p >= 'A' && **p <= 'Z') || (**p >= '0' && **p <= '9')))
        (*p)++;
    return *p > s && tag_holds(s, (size_t)(*p - s));
}

static bool bexpr_and(const char **p)
{
    bool v = bexpr_atom(p);
    for (;;) {
        skip_sp(p);
        if ((*p)[0] != '&' || (*p)[1] != '&')
            return v;
        *p += 2;
        bool w = bexpr_atom(p);
        v = v && w;
    }
}

static bool bexpr_or(const char **p)
{
    bool v = bexpr_and(p);
    for (;;) {
        skip_sp(p);
        if ((*p)[0] != '|' || (*p)[1] != '|')
            return v;
        *p += 2;
        bool w = bexpr_and(p);
        v = v || w;
    }
}

/* Whether a file of a directory belongs to the build: its name's _GOOS /
 * _GOARCH suffixes, then a //go:build line among the comments before the
 * package clause. */
static bool file_in_build(const char *name, const char *src)
{
    /* name_GOOS_GOARCH.go, name_GOOS.go, name_GOARCH.go */
    const char *dot = strrchr(name, '.');
    const char *end = dot ? dot : name + strlen(name);
    const char *u2 = NULL, *u1 = NULL; /* the last two underscores */
    for (const char *q = name; q < end; q++)
        if (*q == '_')
            u2 = u1, u1 = q;
    if (u1 && u1 != name) {
        const char *last = u1 + 1;
        size_t ln = (size_t)(end - last);
        if (u2 && u2 != name && in_list(last, ln, known_arch, COUNT(known_arch)) &&
            in_list(u2 + 1, (size_t)(u1 - u2 - 1), known_os, COUNT(known_os))) {
            if (!tag_holds(u2 + 1, (size_t)(u1 - u2 - 1)) || !tag_holds(last, ln))
                return false;
        } else if (in_list(last, ln, known_os, COUNT(known_os)) ||
                   in_list(last, ln, known_arch, COUNT(known_arch))) {
            if (!tag_holds(last, ln))
                return false;
        }
    }
    /* the header: blank lines and comments before the package clause */
    const char *p = src;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            if (!e)
                break;
            p = e + 2;
            continue;
        }
        if (p[0] != '/' || p[1] != '/')
            break;
        if (strncmp(p, "//go:build", 10) == 0 && (p[10] == ' ' || p[10] == '\t')) {
            const char *q = p + 10;
            return bexpr_or(&q);
        }
        while (*p && *p != '\n')
            p++;
    }
    return true;
}

/* ---- the loader ---- */

typedef struct Loader {
    CspVM *vm;
    const char *cwd;      /* the working directory (absolute) */
    const char *modroot;  /* the directory of go.mod (absolute), or NULL */
    const char *modpath;  /* its module path, or NULL */
    const char *main_imp; /* the main package's import path for the
                             internal/ rule (its directory's), or NULL */
    Importer imp;
} Loader;

/* A path for messages: relative to the working directory when inside it
 * ("internal/store/store.go", as the go command prints it). */
static const char *display(const Loader *ld, const char *abs)
{
    size_t n = strlen(ld->cwd);
    if (strncmp(abs, ld->cwd, n) == 0 && abs[n] == '/')
        return abs + n + 1;
    return abs;
}

/* The module path declared by a go.mod's `module` line, or NULL. */
static const char *module_path(const char *src)
{
    for (const char *p = src; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncmp(p, "module", 6) == 0 && (p[6] == ' ' || p[6] == '\t')) {
            p += 6;
            while (*p == ' ' || *p == '\t')
                p++;
            bool quoted = *p == '"';
            if (quoted)
                p++;
            const char *s = p;
            while (*p && *p != '\n' && *p != '\r' && *p != ' ' && *p != '\t' && *p != '"' &&
                   !(p[0] == '/' && p[1] == '/'))
                p++;
            if (p == s)
                return NULL;
            char *m = GC_MALLOC_ATOMIC((size_t)(p - s) + 1);
            memcpy(m, s, (size_t)(p - s));
            m[p - s] = 0;
            return m;
        }
        while (*p && *p != '\n')
            p++;
        if (*p)
            p++;
    }
    return NULL;
}

/* Finds the go.mod at or above the absolute directory dir. */
static void find_module(Loader *ld, const char *dir)
{
    char *d = GC_STRDUP(dir);
    for (;;) {
        char *gomod = cat(d, strcmp(d, "/") ? "/" : "", "go.mod");
        int64_t len;
        char *src = read_file(gomod, &len);
        if (src) {
            ld->modroot = d;
            ld->modpath = module_path(src);
            return;
        }
        if (strcmp(d, "/") == 0)
            return;
        d = dir_of(d);
    }
}

/* The import path of the absolute directory dir within the module, or
 * NULL when it is outside. */
static const char *dir_import_path(const Loader *ld, const char *dir)
{
    if (!ld->modroot || !ld->modpath)
        return NULL;
    size_t n = strlen(ld->modroot);
    if (strcmp(dir, ld->modroot) == 0)
        return ld->modpath;
    if (strncmp(dir, ld->modroot, n) == 0 && (dir[n] == '/' || n == 1))
        return cat(ld->modpath, "/", dir + n + (n == 1 ? 0 : 1));
    return NULL;
}

/* The go command's internal/ rule: a path with an element "internal" may
 * be imported only from the tree rooted at the element's parent. */
static bool internal_allowed(const char *from, const char *path)
{
    const char *parent_end = NULL;
    for (const char *p = path; (p = strstr(p, "internal")) != NULL; p += 8) {
        bool starts = p == path || p[-1] == '/';
        bool ends = p[8] == 0 || p[8] == '/';
        if (starts && ends)
            parent_end = p; /* the last one is the strictest */
    }
    if (!parent_end)
        return true;
    if (!from)
        return false;
    size_t n = parent_end == path ? 0 : (size_t)(parent_end - path - 1);
    if (n == 0)
        return true; /* "internal/x" at the top: the standard library's */
    return strncmp(from, path, n) == 0 && (from[n] == 0 || from[n] == '/');
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(((const ImportFile *)a)->name, ((const ImportFile *)b)->name);
}

/* The build's files of the absolute directory dir, sorted by name as the
 * go command hands them to the compiler. Returns NULL and sets *err when
 * it cannot be read. */
static ImportFile *dir_files(const Loader *ld, const char *dir, int *nfiles, const char **err)
{
    DIR *d = opendir(dir);
    if (!d) {
        *err = errtext(errno);
        return NULL;
    }
    int n = 0, cap = 8;
    ImportFile *fs = GC_MALLOC(sizeof *fs * (size_t)cap);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *nm = e->d_name;
        if (nm[0] == '.' || nm[0] == '_' || !api_is_source_name(nm) || has_suffix(nm, "_test.go"))
            continue;
        char *path = cat(dir, "/", nm);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        int64_t len;
        char *src = read_file(path, &len);
        if (!src) {
            closedir(d);
            *err = errtext(errno);
            return NULL;
        }
        if (!file_in_build(nm, src))
            continue;
        if (n == cap) {
            ImportFile *nf = GC_MALLOC(sizeof *nf * (size_t)(cap *= 2));
            memcpy(nf, fs, sizeof *fs * (size_t)n);
            fs = nf;
        }
        fs[n++] = (ImportFile){.name = display(ld, path), .src = src, .len = len};
    }
    closedir(d);
    qsort(fs, (size_t)n, sizeof *fs, name_cmp);
    *nfiles = n;
    return fs;
}

static const StdPackage *host_package(const CspVM *vm, const char *path)
{
    for (int i = 0; i < vm->npkgs; i++)
        if (strcmp(vm->pkgs[i]->path, path) == 0)
            return vm->pkgs[i];
    return NULL;
}

static const char *loader_find(void *ctx, const char *from, const char *path, ImportedPackage *out)
{
    Loader *ld = ctx;
    const char *fromp = strcmp(from, "main") == 0 ? ld->main_imp : from;
    size_t ml = ld->modpath ? strlen(ld->modpath) : 0;
    if (ld->modpath && strncmp(path, ld->modpath, ml) == 0 && (path[ml] == 0 || path[ml] == '/')) {
        /* a package of the program's own module */
        if (!internal_allowed(fromp, path))
            return cat("use of internal package ", path, " not allowed");
        const char *dir = path[ml] ? cat(ld->modroot, "/", path + ml + 1) : ld->modroot;
        int n = 0;
        const char *err = NULL;
        ImportFile *fs = dir_files(ld, dir, &n, &err);
        if (!fs || n == 0)
            return cat(cat("no required module provides package ", path, "; to add it:\n\tgo get "),
                       path, "");
        *out = (ImportedPackage){.dir = dir, .files = fs, .nfiles = n, .native = false};
        return NULL;
    }
    const Importer *std = importer_std();
    const char *err = std->find(std->ctx, from, path, out);
    if (!err)
        return NULL;
    const StdPackage *hp = host_package(ld->vm, path);
    if (hp) {
        ImportFile *f = GC_MALLOC(sizeof *f);
        *f = (ImportFile){.name = cat("<host>/", path, ".go"),
                          .src = hp->source,
                          .len = (int64_t)strlen(hp->source)};
        *out = (ImportedPackage){.dir = NULL, .files = f, .nfiles = 1, .native = true};
        return NULL;
    }
    const char *slash = strchr(path, '/');
    size_t first = slash ? (size_t)(slash - path) : strlen(path);
    if (memchr(path, '.', first)) {
        /* not a standard path: a module's, which only `go get` could add */
        if (!ld->modroot)
            return cat("no required module provides package ", path,
                       ": go.mod file not found in current directory or any parent directory; "
                       "see 'go help modules'");
        return cat(cat("no required module provides package ", path, "; to add it:\n\tgo get "),
                   path, "");
    }
    return err;
}

static const char *loader_find_by_name(void *ctx, const char *name)
{
    Loader *ld = ctx;
    const Importer *std = importer_std();
    const char *p = std->find_by_name(std->ctx, name);
    if (p)
        return p;
    for (int i = 0; i < ld->vm->npkgs; i++) {
        const char *hp = ld->vm->pkgs[i]->path, *slash = strrchr(hp, '/');
        if (strcmp(slash ? slash + 1 : hp, name) == 0)
            return hp;
    }
    return NULL;
}

static bool loader_native(void *ctx, const char *path, const char *name, NativeFn *fn,
                          const void **data)
{
    Loader *ld = ctx;
    const StdPackage *hp = host_package(ld->vm, path);
    if (hp) {
        for (const StdNative *n = hp->natives; n->name; n++)
            if (strcmp(n->name, name) == 0) {
                *fn = n->fn;
                *data = n->data;
                return true;
            }
        return false;
    }
    const Importer *std = importer_std();
    return std->native(std->ctx, path, name, fn, data);
}

static CspStatus api_diags(CspVM *vm, const Diags *d)
{
    for (int i = 0; i < d->len; i++)
        api_error(vm, d->items[i].filename, d->items[i].pos.line, d->items[i].pos.col, "%s",
                  d->items[i].msg);
    return CSP_ERR_COMPILE;
}

CspStatus api_load_program(CspVM *vm, const ImportFile *files, int nfiles, const char *dir,
                           bool from_dir)
{
    Loader *ld = GC_MALLOC(sizeof *ld);
    ld->vm = vm;
    char *cwd = getcwd(NULL, 0);
    ld->cwd = cwd ? GC_STRDUP(cwd) : "/";
    free(cwd);
    const char *absdir = abs_dir(dir);
    if (absdir) {
        find_module(ld, absdir);
        ld->main_imp = dir_import_path(ld, absdir);
    }
    ld->imp = (Importer){
        .ctx = ld,
        .find = loader_find,
        .find_by_name = loader_find_by_name,
        .native = loader_native,
        .main_path = from_dir && ld->main_imp ? ld->main_imp : NULL,
    };

    Diags diags = {0};
    Node **parsed = GC_MALLOC(sizeof(Node *) * (size_t)(nfiles + 1));
    for (int i = 0; i < nfiles; i++)
        parsed[i] = parse_file(files[i].name, files[i].src, files[i].len, &diags);
    if (diags.len)
        return api_diags(vm, &diags);
    Program *prog = check_program_imp(parsed, nfiles, absdir ? absdir : dir, &ld->imp, &diags);
    VMProgram *code = prog && !diags.len ? compile_program(prog, &diags) : NULL;
    if (!code || diags.len)
        return api_diags(vm, &diags);
    if (vm->npkgs && !api_host_validate(vm, code))
        return CSP_ERR_COMPILE;
    vm->prog = code;
    vm->inited = false;
    return CSP_OK;
}

CspStatus csp_load_files(CspVM *vm, int n, const char *const *paths)
{
    api_clear_errors(vm);
    /* as csp_load_string: never from inside a run */
    if (api_in_run(vm, "csp_load_files"))
        return CSP_ERR_USAGE;
    vm->prog = NULL;
    if (n < 1) {
        api_error(vm, NULL, 0, 0, "no files to load");
        return CSP_ERR_USAGE;
    }
    struct stat st;
    if (n == 1 && stat(paths[0], &st) == 0 && S_ISDIR(st.st_mode)) {
        /* a directory: its package's files, as `go run DIR` */
        Loader ld = {.vm = vm};
        char *cwd = getcwd(NULL, 0);
        ld.cwd = cwd ? GC_STRDUP(cwd) : "/";
        free(cwd);
        const char *absdir = abs_dir(paths[0]);
        int nf = 0;
        const char *err = NULL;
        ImportFile *fs = absdir ? dir_files(&ld, absdir, &nf, &err) : NULL;
        if (!fs) {
            api_error(vm, NULL, 0, 0, "open %s: %s", paths[0], err ? err : errtext(errno));
            return CSP_ERR_IO;
        }
        if (nf == 0) {
            api_error(vm, NULL, 0, 0, "no Go files in %s", absdir);
            return CSP_ERR_COMPILE; /* a load error: Go's words, no "csp:" */
        }
        return api_load_program(vm, fs, nf, paths[0], true);
    }
    /* files: all of one directory, as `go run a.go b.go` requires */
    ImportFile *fs = GC_MALLOC(sizeof *fs * (size_t)n);
    const char *dir = dir_of(paths[0]);
    for (int i = 0; i < n; i++) {
        const char *d = dir_of(paths[i]);
        if (strcmp(d, dir) != 0) {
            api_error(vm, NULL, 0, 0, "named files must all be in one directory; have %s and %s",
                      dir, d);
            return CSP_ERR_COMPILE;
        }
        int64_t len;
        char *src = read_file(paths[i], &len);
        if (!src) {
            api_error(vm, NULL, 0, 0, "open %s: %s", paths[i], errtext(errno));
            return CSP_ERR_IO;
        }
        fs[i] = (ImportFile){.name = GC_STRDUP(paths[i]), .src = src, .len = len};
    }
    return api_load_program(vm, fs, n, dir, false);
}
