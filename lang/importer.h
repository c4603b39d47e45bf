/* importer.h — how the front end finds the packages a program imports.
 *
 * The checker and the compiler never look for a package themselves: they
 * receive an Importer, which maps an import path to the package's Go
 * source files (standard packages, an embedding host's packages, the
 * program's own module packages) and binds natives (bodyless functions of
 * native packages) to C functions. Whoever sequences a load (api/loader.c)
 * decides where packages come from and enforces the go command's rules
 * that are not the language's (the internal/ rule, module membership);
 * lang/ only parses, checks and compiles what it is given.
 *
 * Must never include a stdlib/ or api/ header: it is the interface that
 * keeps lang/ from reaching into them (importer_std.c is the one remaining
 * default, used by check_program's callers that pass no importer).
 */
#ifndef CSP_IMPORTER_H
#define CSP_IMPORTER_H

#include <stdbool.h>
#include <stdint.h>

#include "../runtime/vm.h"

/* One source file of a package: its name (as diagnostics print it) and
 * its text (which must outlive the checked program: the tree points into
 * it). */
typedef struct ImportFile {
    const char *name;
    const char *src;
    int64_t len;
} ImportFile;

/* A package found by an Importer. */
typedef struct ImportedPackage {
    const char *dir;   /* its directory, for Go's "found packages" message;
                          NULL for packages without one (standard) */
    ImportFile *files; /* its files in the order Go checks them (sorted
                          by name for a directory) */
    int nfiles;
    bool native; /* a standard or host package: bodyless functions
                    are natives bound by Importer.native, and user
                    rules (unused imports, //csp:foreign) are off */
} ImportedPackage;

typedef struct Importer {
    void *ctx; /* passed back to every callback */
    /* Finds the package with import path `path`, imported by the package
     * whose import path is `from` ("main" for the program's own). Fills
     * *out and returns NULL, or returns the error in Go's words
     * ("package os/foo is not in std", "use of internal package P not
     * allowed"), which the checker reports at the import. */
    const char *(*find)(void *ctx, const char *from, const char *path, ImportedPackage *out);
    /* For scripts, which use standard packages by bare name without an
     * import (design.md §1): the import path of the package called
     * `name`, or NULL. */
    const char *(*find_by_name)(void *ctx, const char *name);
    /* Binds the native `name` ("Println", "WaitGroup.Add",
     * "*WaitGroup.Add") of package `path`; false when there is none. */
    bool (*native)(void *ctx, const char *path, const char *name, NativeFn *fn, const void **data);
    /* How the go command names the main package in import stacks
     * ("command-line-arguments" for files, the module path of the
     * directory otherwise); NULL: "command-line-arguments". */
    const char *main_path;
} Importer;

/* The standard packages only (lang/importer_std.c): the importer of
 * check_program callers that have no other, such as unit tests. */
const Importer *importer_std(void);

#endif
