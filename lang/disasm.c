/* disasm.c — the bytecode in readable form (`csp disasm`): one line per
 * instruction, operands decoded by the format strings of opcodes.h.
 *
 * Read-only: it never changes a Func.
 */
#include <stdio.h>
#include <string.h>

#include "../runtime/opcodes.h"
#include "compile.h"

static const struct {
    const char *name, *format;
} disasm_ops[] = {
#define X(n, f, d) {#n, f},
    OPCODES(X)
#undef X
};

void disasm_func(const Func *fn, FILE *out)
{
    fprintf(out, "func %s  (params %u, results %u at R%u, regs %u%s)\n", fn->name ? fn->name : "?",
            fn->nparams, fn->nresults, fn->resreg, fn->nregs, fn->native ? ", native" : "");
    if (fn->native) return;
    uint32_t li = 0;
    for (uint32_t pc = 0; pc < fn->ncode;) {
        uint32_t op = fn->code[pc];
        if (op >= OP__COUNT) {
            fprintf(out, "  %5u  ??? %u\n", pc, op);
            pc++;
            continue;
        }
        while (li < fn->nlines && fn->lines[li].pc <= pc) {
            fprintf(out, "         ; line %d\n", fn->lines[li].line);
            li++;
        }
        const char *f = disasm_ops[op].format;
        fprintf(out, "  %5u  %-9s", pc, disasm_ops[op].name);
        size_t n = strlen(f);
        for (size_t i = 0; i < n; i++) {
            int32_t v = (int32_t)fn->code[pc + 1 + i];
            switch (f[i]) {
            case 'r': fprintf(out, " R%d", v); break;
            case 'o': if (v < 0) fprintf(out, " -"); else fprintf(out, " R%d", v); break;
            case 'k': fprintf(out, " K%d", v); break;
            case 'j': fprintf(out, " ->%d", v); break;
            case 'p': break; /* the constant's pointer, shown as K already */
            default: fprintf(out, " %d", v); break;
            }
        }
        fputc('\n', out);
        pc += 1 + (uint32_t)n;
    }
}

void disasm_program(const VMProgram *p, FILE *out)
{
    for (int i = 0; i < p->nfuncs; i++) {
        if (i) fputc('\n', out);
        disasm_func(p->funcs[i], out);
    }
}
