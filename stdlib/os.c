/* os.c: not written yet */
