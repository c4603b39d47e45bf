/* heap.c: not written yet */
