/* fuzz_front.c — libFuzzer targets for the front end: source bytes in,
 * diagnostics or bytecode out, never a crash, hang or sanitizer report.
 *
 * One source, built three times (tests/fuzz/meson.build) with FUZZ_STAGE
 * saying how far each input goes, so the three targets cannot drift apart:
 *   1  fuzz_parse    lexer + parser         (parse_file)
 *   2  fuzz_check    ... + checker          (check_program)
 *   3  fuzz_compile  ... + bytecode compiler (compile_program)
 * Each stage runs only when the previous one reported no error, exactly as
 * api/csp.c sequences them. Nothing is ever run: the VM and the scheduler
 * are outside what these targets exercise (and what they may touch).
 *
 * Memory: the tree, types and code are collected by Boehm GC, so nothing is
 * freed here; the collector reclaims each input's garbage on later runs.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <gc.h>

#include "../../lang/ast.h"
#include "../../lang/check.h"
#include "../../lang/compile.h"
#include "../../runtime/value.h"

#ifndef FUZZ_STAGE
#error "FUZZ_STAGE must be 1 (parse), 2 (check) or 3 (compile)"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    heap_init();
    types_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The tree points into its source, which must outlive the call's
     * buffer: a collected copy, NUL-terminated as csp_load_string's. */
    char *src = GC_MALLOC_ATOMIC(size + 1);
    memcpy(src, data, size);
    src[size] = '\0';

    Diags diags = {0};
    Node *file = parse_file("fuzz.csp", src, (int64_t)size, &diags);
    if (FUZZ_STAGE < 2 || diags.len)
        return 0;
    Program *prog = check_program(&file, 1, &diags);
    if (FUZZ_STAGE < 3 || !prog || diags.len)
        return 0;
    (void)compile_program(prog, &diags);
    return 0;
}
