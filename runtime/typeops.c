/* typeops.c: not written yet */
