/* types.c: not written yet */
