/* importer_std.c — the Importer of the standard packages (importer.h):
 * stdlib_find's Go source for a path, stdlib_native's C function for a
 * native, and Go's words for a path that is not there.
 *
 * The one file of lang/ that includes a stdlib/ header: every other part of
 * the front end sees packages only through an Importer. A loader with more
 * packages (api/loader.c) falls back on this one for the standard ones.
 */
#include <gc.h>
#include <stdio.h>
#include <string.h>

#include "../stdlib/stdlib.h"
#include "gostd.h"
#include "importer.h"

static const char *std_find(void *ctx, const char *from, const char *path, ImportedPackage *out)
{
    (void)ctx, (void)from;
    const StdPackage *sp = stdlib_find(path);
    char msg[512];
    if (!sp) {
        /* Go has it and csp has not yet, or Go has no such package */
        if (gostd_has(path))
            snprintf(msg, sizeof msg, "not supported yet: package %s", path);
        else
            snprintf(msg, sizeof msg, "package %s is not in std", path);
        return GC_STRDUP(msg);
    }
    ImportFile *f = GC_MALLOC(sizeof *f);
    snprintf(msg, sizeof msg, "<std>/%s.go", path);
    f->name = GC_STRDUP(msg);
    f->src = sp->source;
    f->len = (int64_t)strlen(sp->source);
    *out = (ImportedPackage){.dir = NULL, .files = f, .nfiles = 1, .native = true};
    return NULL;
}

static const char *std_find_by_name(void *ctx, const char *name)
{
    (void)ctx;
    const StdPackage *sp = stdlib_find_by_name(name);
    return sp ? sp->path : NULL;
}

static bool std_native(void *ctx, const char *path, const char *name, NativeFn *fn,
                       const void **data)
{
    (void)ctx;
    const StdNative *n = stdlib_native(path, name);
    if (!n)
        return false;
    *fn = n->fn;
    *data = n->data;
    return true;
}

const Importer *importer_std(void)
{
    static const Importer std = {
        .ctx = NULL,
        .find = std_find,
        .find_by_name = std_find_by_name,
        .native = std_native,
        .main_path = NULL,
    };
    return &std;
}
