/*
 * measure.c -- runs a command several times and prints its wall time and
 * peak resident memory, measured by the kernel (wait4's rusage), so that the
 * benchmarks need nothing beyond a C compiler.
 *
 *   measure RUNS OUTPUT_FILE -- COMMAND [ARGS...]
 *
 * prints "min_seconds median_seconds max_rss_kb"; stdout of the command goes
 * to OUTPUT_FILE (use /dev/null), its stderr is kept.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 5 || strcmp(argv[3], "--") != 0) {
        fprintf(stderr, "usage: measure RUNS OUTPUT_FILE -- COMMAND [ARGS...]\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    if (runs < 1 || runs > 1000)
        runs = 1;
    double *times = calloc((size_t)runs, sizeof *times);
    long max_rss = 0;
    for (int r = 0; r < runs; r++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        pid_t pid = fork();
        if (pid == 0) {
            int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd >= 0)
                dup2(fd, 1);
            execvp(argv[4], argv + 4);
            _exit(127);
        }
        int status;
        struct rusage ru;
        wait4(pid, &status, 0, &ru);
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (!WIFEXITED(status) || (WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 1)) {
            fprintf(stderr, "measure: %s failed (status %d)\n", argv[4], status);
            return 1;
        }
        times[r] = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
        if (ru.ru_maxrss > max_rss)
            max_rss = ru.ru_maxrss;
    }
    qsort(times, (size_t)runs, sizeof *times, by_value);
    printf("%.6f %.6f %ld\n", times[0], times[runs / 2], max_rss);
    free(times);
    return 0;
}
