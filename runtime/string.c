/* string.c: not written yet */
