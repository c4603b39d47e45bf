/* bufio.c — package bufio: Scanner (lines, words, runes, bytes), Reader
 * and Writer, written in Go over io.Reader/io.Writer.
 *
 * No natives: everything here is ordinary Go compiled like user code.
 */
#include "native.h"

/* The package's Go source, stdlib/go/bufio.go, as bufio_source. */
#include "stdlib/bufio_go.h"

static const StdNative bufio_natives[] = {
    {NULL, NULL},
};

const StdPackage stdlib_pkg_bufio = {"bufio", bufio_source, bufio_natives};
