/* bufio.c — package bufio: Scanner (lines, words, runes, bytes), Reader
 * and Writer, written in Go over io.Reader/io.Writer, with the byte
 * searches of their inner loops (a delimiter, a line end) as natives.
 *
 * Natives only read their arguments: they never keep or modify a slice.
 */
#include "native.h"

/* The package's Go source, stdlib/go/bufio.go, as bufio_source. */
#include "stdlib/bufio_go.h"

/* indexByte(p []byte, c byte) int */
static NativeStatus bufio_index_byte(NativeCtx *ctx, Slot *args, Slot *res)
{
    (void)ctx;
    Slice p = nat_slice(args);
    uint8_t c = (uint8_t)args[3].u;
    const uint8_t *q = p.len > 0 ? memchr(p.ptr, c, (size_t)p.len) : NULL;
    res[0].i = q ? q - (const uint8_t *)p.ptr : -1;
    return NATIVE_OK;
}

static const StdNative bufio_natives[] = {
    {"indexByte", bufio_index_byte},
    {NULL, NULL},
};

const StdPackage stdlib_pkg_bufio = {"bufio", bufio_source, bufio_natives};
