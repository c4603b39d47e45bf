/* chan.c: not written yet */
