/*
 * bench_steps.c -- where a pipeline's time goes, step by step, in process:
 *
 *   bench_steps ROUNDS CONFIG LIST
 *
 * Loads CONFIG once, then runs every file listed in LIST (one path per line)
 * through galley_pipeline_run_file_traced, ROUNDS times.  The step hook marks
 * the start of each step and the end of the last, so each document's time
 * splits into: reading the file and analysing the text (before the first
 * step), each step's process(), and building the document's report (after
 * the last).  Serialising the report is not included: the pipeline rows of
 * bench/run.sh include it.  Prints, for the fastest round, one line per part:
 *
 *   PART SECONDS
 *
 * where PART is "text", "step:ID" or "report", and a last line "bytes N".
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <galley/galley.h>

#include "bench_list.h"

#define MAX_STEPS 64

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct {
    double mark[MAX_STEPS + 1];
} marks;

static void hook(void *arg, size_t step, const char *id)
{
    (void)id;
    if (step <= MAX_STEPS)
        ((marks *)arg)->mark[step] = now();
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: bench_steps ROUNDS CONFIG LIST\n");
        return 2;
    }
    int rounds = atoi(argv[1]);
    galley_error err;
    galley_pipeline *p = galley_pipeline_load(argv[2], NULL, &err);
    if (!p) {
        fprintf(stderr, "%s\n", err.text);
        return 1;
    }
    json_t *desc = galley_pipeline_describe(p);
    json_t *steps = json_object_get(desc, "steps");
    size_t nsteps = json_array_size(steps);
    if (nsteps > MAX_STEPS) {
        fprintf(stderr, "bench_steps: at most %d steps\n", MAX_STEPS);
        return 1;
    }
    size_t count = 0;
    char **names = bench_read_list(argv[3], &count);
    if (!names)
        return 1;
    unsigned long long bytes = 0;
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0)
            bytes += (unsigned long long)st.st_size;
    }

    double best[MAX_STEPS + 2] = {0}, best_total = 1e30;
    for (int r = 0; r < rounds; r++) {
        double part[MAX_STEPS + 2] = {0}; /* text, steps..., report */
        for (size_t i = 0; i < count; i++) {
            marks m;
            double start = now();
            json_t *report = NULL;
            if (galley_pipeline_run_file_traced(p, names[i], NULL, 0, hook, &m, &report, &err) !=
                GALLEY_OK) {
                fprintf(stderr, "%s: %s\n", names[i], err.text);
                return 1;
            }
            double end = now();
            json_decref(report);
            part[0] += m.mark[0] - start;
            for (size_t s = 0; s < nsteps; s++)
                part[1 + s] += m.mark[s + 1] - m.mark[s];
            part[1 + nsteps] += end - m.mark[nsteps];
        }
        double total = 0;
        for (size_t k = 0; k < nsteps + 2; k++)
            total += part[k];
        if (total < best_total) {
            best_total = total;
            memcpy(best, part, sizeof part);
        }
    }
    printf("text %.6f\n", best[0]);
    for (size_t s = 0; s < nsteps; s++)
        printf("step:%s %.6f\n", json_string_value(json_object_get(json_array_get(steps, s), "id")),
               best[1 + s]);
    printf("report %.6f\n", best[1 + nsteps]);
    printf("bytes %llu\n", bytes);
    json_decref(desc);
    galley_pipeline_free(p);
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return 0;
}
