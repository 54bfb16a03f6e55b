/*
 * bench_text.c -- the text layer alone, in process: reads every file listed
 * (one path per line) in LIST into memory first, then times gl_text_analyse
 * over all of them, several rounds, and prints "bytes best_seconds tokens".
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_list.h"
#include "text.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: bench_text ROUNDS LIST\n");
        return 2;
    }
    int rounds = atoi(argv[1]);
    size_t count = 0, total = 0;
    char **names = bench_read_list(argv[2], &count);
    if (!names)
        return 1;
    char **bytes = calloc(count, sizeof *bytes);
    size_t *lengths = calloc(count, sizeof *lengths);
    for (size_t i = 0; i < count; i++) {
        FILE *f = fopen(names[i], "rb");
        if (!f) {
            perror(names[i]);
            return 1;
        }
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        bytes[i] = malloc((size_t)n + 1);
        lengths[i] = fread(bytes[i], 1, (size_t)n, f);
        fclose(f);
        total += lengths[i];
    }
    double best = 1e30;
    size_t tokens = 0;
    for (int r = 0; r < rounds; r++) {
        double a = now();
        tokens = 0;
        for (size_t i = 0; i < count; i++) {
            gl_text t;
            galley_error err;
            if (gl_text_analyse(&t, bytes[i], lengths[i], names[i], &err) != 0) {
                fprintf(stderr, "%s: %s\n", names[i], err.text);
                return 1;
            }
            tokens += t.token_count;
            gl_text_free(&t);
        }
        double s = now() - a;
        if (s < best)
            best = s;
    }
    printf("%zu %.6f %zu\n", total, best, tokens);
    for (size_t i = 0; i < count; i++) {
        free(bytes[i]);
        free(names[i]);
    }
    free(names);
    free(bytes);
    free(lengths);
    return 0;
}
