/* runtime.c: not written yet */
