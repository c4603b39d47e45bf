/* disasm.c: not written yet */
