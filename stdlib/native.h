/* native.h — small helpers shared by the stdlib natives: reading
 * arguments from and writing results to argument slots (vm.h's calling
 * convention), and the declarations of every package record for the
 * registry in stdlib.c.
 *
 * Must never hold state: helpers are inline and pure.
 */
#ifndef CSP_STDLIB_NATIVE_H
#define CSP_STDLIB_NATIVE_H

#include <string.h>

#include "stdlib.h"

/* Multi-slot values are laid out in consecutive slots exactly as in
 * memory, so they are read and written with memcpy. */
static inline String nat_str(const Slot *s)
{
    String x;
    memcpy(&x, s, sizeof x);
    return x;
}
static inline Slice nat_slice(const Slot *s)
{
    Slice x;
    memcpy(&x, s, sizeof x);
    return x;
}
static inline Iface nat_iface(const Slot *s)
{
    Iface x;
    memcpy(&x, s, sizeof x);
    return x;
}
static inline void nat_set_str(Slot *s, String v)
{
    memcpy(s, &v, sizeof v);
}
static inline void nat_set_slice(Slot *s, Slice v)
{
    memcpy(s, &v, sizeof v);
}
static inline void nat_set_iface(Slot *s, Iface v)
{
    memcpy(s, &v, sizeof v);
}
static inline void nat_set_nil(Slot *s)
{
    s[0].p = NULL, s[1].p = NULL;
}
static inline String nat_cstr(const char *s)
{
    return string_from_cstr(s);
}

/* Every standard package (one record per stdlib/<pkg>.c file). The list is
 * the registry's single source of truth: X(c_name, "import/path"). */
#define STDLIB_PACKAGES(X)                                                                         \
    X(errors, "errors")                                                                            \
    X(io, "io")                                                                                    \
    X(os, "os")                                                                                    \
    X(strconv, "strconv")                                                                          \
    X(fmt, "fmt")                                                                                  \
    X(time, "time")                                                                                \
    X(sync, "sync")                                                                                \
    X(atomic, "sync/atomic")                                                                       \
    X(runtime, "runtime")                                                                          \
    X(strings, "strings")                                                                          \
    X(unicode, "unicode")                                                                          \
    X(utf8, "unicode/utf8")                                                                        \
    X(math, "math")                                                                                \
    X(context, "context")                                                                          \
    X(sort, "sort")                                                                                \
    X(bufio, "bufio")                                                                              \
    X(bytes, "bytes")                                                                              \
    X(rand, "math/rand")                                                                           \
    X(bits, "math/bits")                                                                           \
    X(log, "log")                                                                                  \
    X(heap, "container/heap")                                                                      \
    X(list, "container/list")                                                                      \
    X(json, "encoding/json")                                                                       \
    X(flag, "flag")                                                                                \
    X(cmp, "cmp")                                                                                  \
    X(slices, "slices")                                                                            \
    X(maps, "maps")                                                                                \
    X(cmplx, "math/cmplx")                                                                         \
    X(regexp, "regexp")                                                                            \
    X(hash, "hash")                                                                                \
    X(hex, "encoding/hex")                                                                         \
    X(base64, "encoding/base64")                                                                   \
    X(sha256, "crypto/sha256")                                                                     \
    X(sha1, "crypto/sha1")                                                                         \
    X(md5, "crypto/md5")                                                                           \
    X(sha512, "crypto/sha512")                                                                     \
    X(fnv, "hash/fnv")                                                                             \
    X(crc32, "hash/crc32")                                                                         \
    X(fs, "io/fs")                                                                                 \
    X(path, "path")                                                                                \
    X(filepath, "path/filepath")                                                                   \
    X(tabwriter, "text/tabwriter")                                                                 \
    X(binary, "encoding/binary")                                                                   \
    X(url, "net/url")                                                                              \
    X(net, "net")                                                                                  \
    X(ring, "container/ring")                                                                      \
    X(utf16, "unicode/utf16")                                                                      \
    X(slog, "log/slog")                                                                            \
    X(csv, "encoding/csv")                                                                         \
    X(syscall, "syscall")                                                                          \
    X(big, "math/big")                                                                             \
    X(ioutil, "io/ioutil")                                                                         \
    X(exec, "os/exec")                                                                             \
    X(signal, "os/signal")

#define X(c, path) extern const StdPackage stdlib_pkg_##c;
STDLIB_PACKAGES(X)
#undef X

#endif
