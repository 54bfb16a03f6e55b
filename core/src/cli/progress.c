/*
 * progress.c -- a one-line progress bar on stderr for batches: documents
 * done, throughput and time left -- or, for a list read as it goes, whose
 * length is unknown, documents done, throughput and time so far.  Only on a
 * terminal, redrawn at most ten times a second, and erased when the run ends
 * so that it never mixes with the report.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "progress.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(cli_progress *p, size_t total, int enabled, int width)
{
    memset(p, 0, sizeof *p);
    p->total = total;
    /* An unknown total (0: a list read as it goes) may still be a batch. */
    p->enabled = enabled && total != 1;
    p->width = width;
    p->started = now();
}

void cli_progress_update(cli_progress *p, size_t done, unsigned long long bytes)
{
    if (!p->enabled)
        return;
    /* With no total, one document done may be the only one: draw from the second on. */
    if (p->total == 0 && done < 2)
        return;
    double t = now();
    if ((p->total == 0 || done < p->total) && t - p->last_draw < 0.1)
        return;
    p->last_draw = t;
    double elapsed = t - p->started;
    double rate = elapsed > 0 ? (double)bytes / 1e6 / elapsed : 0.0;
    if (p->total == 0) {
        /* No total, so no bar and no time left: what is done, how fast, for how long. */
        fprintf(stderr, "\r%zu docs  %.1f MB/s  %.0fs  ", done, rate, elapsed);
        fflush(stderr);
        p->drawn = 1;
        return;
    }
    double eta = done > 0 ? elapsed * (double)(p->total - done) / (double)done : 0.0;
    int bar = p->width - 48;
    if (bar > 40)
        bar = 40;
    if (bar < 10)
        bar = 10;
    int filled = p->total ? (int)((double)bar * (double)done / (double)p->total) : bar;
    fputs("\r[", stderr);
    for (int i = 0; i < bar; i++)
        fputc(i < filled ? '#' : '.', stderr);
    fprintf(stderr, "] %zu/%zu docs  %.1f MB/s  ETA %.0fs  ", done, p->total, rate, eta);
    fflush(stderr);
    p->drawn = 1;
}

void cli_progress_end(cli_progress *p)
{
    if (!p->drawn)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->drawn = 0;
}
