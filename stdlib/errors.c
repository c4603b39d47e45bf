/* errors.c: not written yet */
