/*
 * progress.h -- the batch progress bar on stderr.
 */
#ifndef GALLEY_CLI_PROGRESS_H
#define GALLEY_CLI_PROGRESS_H

#include <stddef.h>

typedef struct cli_progress {
    size_t total;
    int enabled, drawn, width;
    double started, last_draw;
} cli_progress;

/*
 * enabled: stderr is a terminal and --quiet was not given; nothing is drawn
 * for one document.  total 0 means unknown (a list read as it goes).
 */
void cli_progress_start(cli_progress *p, size_t total, int enabled, int width);
void cli_progress_update(cli_progress *p, size_t done, unsigned long long bytes);
void cli_progress_end(cli_progress *p);

#endif /* GALLEY_CLI_PROGRESS_H */
