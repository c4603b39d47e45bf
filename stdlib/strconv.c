/* strconv.c: not written yet */
