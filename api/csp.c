/* csp.c: not written yet */
