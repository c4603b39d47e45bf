/* stdlib.c: not written yet */
