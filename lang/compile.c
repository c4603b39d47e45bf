/* compile.c: not written yet */
