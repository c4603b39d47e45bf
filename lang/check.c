/* check.c: not written yet */
