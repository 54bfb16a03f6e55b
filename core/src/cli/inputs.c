/*
 * inputs.c -- expands FILE, DIR and - arguments into documents.
 *
 * Directories are walked in byte order of names, so that a batch is processed
 * and reported in the same order on every machine and locale.  The walk's
 * depth is bounded: a symlink loop ends in an error entry, not a crash.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "inputs.h"

#define MAX_DEPTH 32

static int push(cli_inputs *in, const char *path, const galley_error *failure)
{
    if (in->count == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 64;
        cli_input *grown = realloc(in->items, cap * sizeof *grown);
        if (!grown)
            return -1;
        in->items = grown;
        in->cap = cap;
    }
    cli_input *it = &in->items[in->count];
    memset(it, 0, sizeof *it);
    it->path = strdup(path);
    if (!it->path)
        return -1;
    if (failure) {
        it->error = malloc(sizeof *it->error);
        if (!it->error) {
            free(it->path);
            return -1;
        }
        *it->error = *failure;
    }
    in->count++;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(cli_inputs *in, const char *dir, const char *glob, int depth)
{
    galley_error err;
    galley_error_clear(&err);
    if (depth > MAX_DEPTH) {
        galley_error_set(&err, GALLEY_EINPUT,
                         "directories nested more than %d deep (a symbolic link loop?); skipped",
                         MAX_DEPTH);
        snprintf(err.source, sizeof err.source, "%s", dir);
        return push(in, dir, &err);
    }
    DIR *d = opendir(dir);
    if (!d) {
        galley_error_set(&err, GALLEY_EINPUT, "cannot read directory: %s", strerror(errno));
        snprintf(err.source, sizeof err.source, "%s", dir);
        return push(in, dir, &err);
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            char **grown = realloc(names, cap * sizeof *grown);
            if (!grown) {
                rc = -1;
                break;
            }
            names = grown;
        }
        if (!(names[count] = strdup(e->d_name))) {
            rc = -1;
            break;
        }
        count++;
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof *names, by_name);
    for (size_t i = 0; i < count; i++) {
        if (rc == 0) {
            size_t n = strlen(dir) + strlen(names[i]) + 2;
            char *path = malloc(n);
            if (!path) {
                rc = -1;
            } else {
                int slash = dir[strlen(dir) - 1] == '/';
                snprintf(path, n, "%s%s%s", dir, slash ? "" : "/", names[i]);
                struct stat st;
                if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
                    rc = walk(in, path, glob, depth + 1);
                else if (fnmatch(glob, names[i], 0) == 0)
                    rc = push(in, path, NULL);
                free(path);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int cli_inputs_add(cli_inputs *in, const char *arg, const char *glob, char *why, size_t why_size)
{
    if (strcmp(arg, "-") == 0) {
        if (in->stdin_used) {
            snprintf(why, why_size, "standard input ('-') can be read only once");
            return -1;
        }
        in->stdin_used = 1;
        return push(in, "-", NULL) == 0 ? 0 : (snprintf(why, why_size, "out of memory"), -1);
    }
    struct stat st;
    int rc = (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) ? walk(in, arg, glob, 0)
                                                          : push(in, arg, NULL);
    if (rc != 0)
        snprintf(why, why_size, "out of memory listing %s", arg);
    return rc;
}

int cli_inputs_add_list(cli_inputs *in, const char *list, const char *glob, char *why,
                        size_t why_size)
{
    /*
     * Standard input is read once: as an article ('-') or as a list, never
     * both, or the second reader would silently get nothing.
     */
    if (strcmp(list, "-") == 0 && in->stdin_used) {
        snprintf(why, why_size,
                 "standard input can be read only once: as the article '-' or as "
                 "--files-from -, not both");
        return -1;
    }
    FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
    if (!f) {
        snprintf(why, why_size, "cannot read the list %s: %s", list, strerror(errno));
        return -1;
    }
    if (f == stdin)
        in->stdin_used = 1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        if (strcmp(line, "-") == 0) {
            snprintf(why, why_size, "a list of files cannot name '-'");
            rc = -1;
            break;
        }
        rc = cli_inputs_add(in, line, glob, why, why_size);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

void cli_inputs_free(cli_inputs *in)
{
    for (size_t i = 0; i < in->count; i++) {
        free(in->items[i].path);
        free(in->items[i].error);
    }
    free(in->items);
    memset(in, 0, sizeof *in);
}
