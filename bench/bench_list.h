/*
 * bench_list.h -- the benchmark programs' one shared helper: reads a list
 * of paths, one a line (blank lines skipped), as bench/run.sh writes it.
 */
#ifndef GALLEY_BENCH_LIST_H
#define GALLEY_BENCH_LIST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The paths in the file at path, NULL-terminated, or NULL (with a message) on failure. */
static char **bench_read_list(const char *path, size_t *count)
{
    FILE *list = fopen(path, "r");
    if (!list) {
        perror(path);
        return NULL;
    }
    size_t n = 0, cap = 1024;
    char **names = malloc(cap * sizeof *names);
    char line[4096];
    while (names && fgets(line, sizeof line, list)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0])
            continue;
        if (n + 1 == cap) {
            char **grown = realloc(names, (cap *= 2) * sizeof *names);
            if (!grown) {
                free(names);
                names = NULL;
                break;
            }
            names = grown;
        }
        names[n++] = strdup(line);
    }
    fclose(list);
    if (!names) {
        fprintf(stderr, "%s: out of memory\n", path);
        return NULL;
    }
    names[n] = NULL;
    *count = n;
    return names;
}

#endif
