/* compile.h — the bytecode compiler (lang/compile*.c) and disassembler
 * (lang/disasm.c): a checked Program in, a VMProgram out.
 *
 * The compiler reads the checker's annotations (ast.h, check.h) and never
 * re-derives a type; it must never run code or touch the scheduler.
 */
#ifndef CSP_COMPILE_H
#define CSP_COMPILE_H

#include <stdio.h>

#include "../runtime/vm.h"
#include "ast.h"
#include "check.h"

/* Compiles a checked program. Unsupported constructs are reported to
 * diags as "file:line:col: not supported yet: X"; returns NULL then. */
VMProgram *compile_program(Program *prog, Diags *diags);

/* Writes every function of p in readable form (`csp disasm`). */
void disasm_program(const VMProgram *p, FILE *out);
/* Writes one function. */
void disasm_func(const Func *fn, FILE *out);

#endif
