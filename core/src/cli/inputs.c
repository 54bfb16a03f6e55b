/*
 * inputs.c -- expands FILE, DIR and - arguments into documents, and reads
 * --files-from lists lazily, one line as each document is taken.
 *
 * Directories are walked in byte order of names, so that a batch is processed
 * and reported in the same order on every machine and locale.  The walk's
 * depth is bounded: a symlink loop ends in an error entry, not a crash.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
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

/* ---- the lazy source ------------------------------------------------------ */

void cli_input_free(cli_input *in)
{
    free(in->path);
    free(in->error);
    in->path = NULL;
    in->error = NULL;
}

int cli_source_open(cli_source *s, char *const *args, size_t arg_count, const char *const *lists,
                    size_t list_count, const char *glob, char *why, size_t why_size)
{
    memset(s, 0, sizeof *s);
    s->glob = glob;
    for (size_t i = 0; i < arg_count; i++)
        if (cli_inputs_add(&s->ready, args[i], glob, why, why_size) != 0) {
            cli_source_close(s);
            return -1;
        }
    if (list_count > sizeof s->lists / sizeof s->lists[0]) {
        snprintf(why, why_size, "too many --files-from options");
        cli_source_close(s);
        return -1;
    }
    /*
     * Every list is opened now, so that a missing one is a usage error before
     * anything runs; their lines are read only as documents are taken.
     */
    for (size_t i = 0; i < list_count; i++) {
        const char *list = lists[i];
        int from_stdin = strcmp(list, "-") == 0;
        /*
         * Standard input is read once: as an article ('-') or as a list, never
         * both, or the second reader would silently get nothing.
         */
        if (from_stdin && s->ready.stdin_used) {
            snprintf(why, why_size,
                     "standard input can be read only once: as the article '-' or as "
                     "--files-from -, not both");
            cli_source_close(s);
            return -1;
        }
        FILE *f = from_stdin ? stdin : fopen(list, "r");
        if (!f) {
            snprintf(why, why_size, "cannot read the list %s: %s", list, strerror(errno));
            cli_source_close(s);
            return -1;
        }
        if (from_stdin)
            s->ready.stdin_used = 1;
        s->lists[s->list_count] = f;
        s->list_names[s->list_count++] = list;
    }
    return 0;
}

int cli_source_counted(const cli_source *s) { return s->list_count == 0; }

size_t cli_source_count(const cli_source *s) { return s->ready.count; }

/* An input that fails with a message about line `line` of a list. */
static int failing_input(cli_input *in, const char *path, const char *list,
                         unsigned long long line, const char *message)
{
    memset(in, 0, sizeof *in);
    in->path = strdup(path);
    in->error = malloc(sizeof *in->error);
    if (!in->path || !in->error) {
        cli_input_free(in);
        return -1;
    }
    galley_error_clear(in->error);
    galley_error_set(in->error, GALLEY_EINPUT, "%s", message);
    snprintf(in->error->source, sizeof in->error->source, "%s", list);
    in->error->line = line > (unsigned long long)INT_MAX ? 0 : (int)line;
    return 1;
}

int cli_source_next(cli_source *s, cli_input *in)
{
    if (s->have_pending) {
        *in = s->pending;
        s->have_pending = 0;
        return 1;
    }
    for (;;) {
        if (s->ready_next < s->ready.count) {
            *in = s->ready.items[s->ready_next];
            memset(&s->ready.items[s->ready_next], 0, sizeof *in);
            s->ready_next++;
            return 1;
        }
        if (s->ready.count) {
            /* Everything expanded so far was handed out: let its memory go. */
            int stdin_used = s->ready.stdin_used;
            cli_inputs_free(&s->ready);
            s->ready.stdin_used = stdin_used;
            s->ready_next = 0;
        }
        if (s->list_next >= s->list_count)
            return 0;
        FILE *f = s->lists[s->list_next];
        const char *list = s->list_names[s->list_next];
        errno = 0;
        ssize_t n = getline(&s->line, &s->line_cap, f);
        if (n < 0) {
            int failed = ferror(f), error = errno;
            if (f != stdin)
                fclose(f);
            s->lists[s->list_next++] = NULL;
            s->line_number = 0;
            if (failed) {
                char message[600];
                snprintf(message, sizeof message, "cannot read the rest of the list: %s",
                         strerror(error ? error : EIO));
                return failing_input(in, list, list, 0, message);
            }
            if (error == ENOMEM)
                return -1;
            continue;
        }
        s->line_number++;
        while (n > 0 && (s->line[n - 1] == '\n' || s->line[n - 1] == '\r'))
            s->line[--n] = '\0';
        if (n == 0)
            continue;
        if (strcmp(s->line, "-") == 0)
            return failing_input(in, "-", strcmp(list, "-") == 0 ? "<stdin>" : list,
                                 s->line_number,
                                 "a list of files cannot name '-' (standard input); name a file");
        struct stat st;
        if (stat(s->line, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (walk(&s->ready, s->line, s->glob, 0) != 0)
                return -1;
            continue;
        }
        memset(in, 0, sizeof *in);
        if (!(in->path = strdup(s->line)))
            return -1;
        return 1;
    }
}

int cli_source_peek(cli_source *s)
{
    if (s->have_pending)
        return 1;
    int rc = cli_source_next(s, &s->pending);
    if (rc == 1)
        s->have_pending = 1;
    return rc;
}

void cli_source_close(cli_source *s)
{
    for (size_t i = s->list_next; i < s->list_count; i++)
        if (s->lists[i] && s->lists[i] != stdin)
            fclose(s->lists[i]);
    if (s->have_pending)
        cli_input_free(&s->pending);
    cli_inputs_free(&s->ready);
    free(s->line);
    memset(s, 0, sizeof *s);
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

int cli_read_stdin(size_t max_bytes, char **bytes, size_t *length, galley_error *err)
{
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap + 1);
    *bytes = NULL;
    *length = 0;
    galley_error_clear(err);
    for (;;) {
        if (!buf) {
            galley_error_set(err, GALLEY_ENOMEM, "out of memory reading standard input");
            snprintf(err->source, sizeof err->source, "<stdin>");
            return GALLEY_ENOMEM;
        }
        size_t n = fread(buf + len, 1, cap - len, stdin);
        len += n;
        if (max_bytes && len > max_bytes) {
            free(buf);
            galley_error_set(err, GALLEY_EINPUT,
                             "larger than the %zu-byte limit; raise it with --max-bytes or split "
                             "the file",
                             max_bytes);
            snprintf(err->source, sizeof err->source, "<stdin>");
            return GALLEY_EINPUT;
        }
        if (len < cap) {
            if (ferror(stdin)) {
                free(buf);
                galley_error_set(err, GALLEY_EINPUT, "cannot read: %s", strerror(errno));
                snprintf(err->source, sizeof err->source, "<stdin>");
                return GALLEY_EINPUT;
            }
            break;
        }
        cap *= 2;
        char *grown = realloc(buf, cap + 1);
        if (!grown)
            free(buf);
        buf = grown;
    }
    buf[len] = '\0';
    *bytes = buf;
    *length = len;
    return GALLEY_OK;
}
