/* measure.c — runs one command and reports its wall time and peak RSS.
 *
 *   measure REPORT CMD [ARGS...]
 *
 * Forks, execs CMD, reaps it with wait4 and writes "SECONDS MAXRSS_KB" to
 * the file REPORT; exits with CMD's status (128+N if killed by signal N,
 * 127 if it could not be started). bench/run uses it because a child
 * forked from the Python runner inherits the runner's resident pages into
 * its ru_maxrss (Linux keeps the peak across exec); forked from this small
 * program, the floor is about a megabyte, as with GNU time. It must never
 * print to stdout or stderr unless CMD cannot be run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: measure REPORT CMD [ARGS...]\n", stderr);
        return 125;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return 126;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("measure: exec");
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            perror("measure: wait4");
            return 126;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    FILE *f = fopen(argv[1], "w");
    if (f) {
        fprintf(f, "%.6f %ld\n", secs, ru.ru_maxrss);
        fclose(f);
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 126;
}
