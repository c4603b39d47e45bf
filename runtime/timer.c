/* timer.c: not written yet */
