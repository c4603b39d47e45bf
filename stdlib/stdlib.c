/* stdlib.c — the registry of standard packages (stdlib.h): finding a
 * package by import path or by bare name, and a native by name.
 *
 * Owns: nothing but the lookup. Must never contain package code: each
 * package lives in its own stdlib/<pkg>.c with its Go source and natives.
 */
#include "native.h"

static const StdPackage *const stdlib_all[] = {
#define X(c, path) &stdlib_pkg_##c,
    STDLIB_PACKAGES(X)
#undef X
};

#define STDLIB_COUNT (sizeof stdlib_all / sizeof stdlib_all[0])

const StdPackage *stdlib_find(const char *path)
{
    for (size_t i = 0; i < STDLIB_COUNT; i++)
        if (strcmp(stdlib_all[i]->path, path) == 0)
            return stdlib_all[i];
    return NULL;
}

const StdPackage *stdlib_find_by_name(const char *name)
{
    for (size_t i = 0; i < STDLIB_COUNT; i++) {
        const char *p = stdlib_all[i]->path, *slash = strrchr(p, '/');
        if (strcmp(slash ? slash + 1 : p, name) == 0)
            return stdlib_all[i];
    }
    return NULL;
}

const StdNative *stdlib_native(const char *path, const char *name)
{
    const StdPackage *p = stdlib_find(path);
    if (p == NULL)
        return NULL;
    for (const StdNative *n = p->natives; n->name; n++)
        if (strcmp(n->name, name) == 0)
            return n;
    return NULL;
}
