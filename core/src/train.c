/*
 * train.c -- reads a labelled training set and hands it to a plugin's
 * train() entry.
 *
 * The host owns the format of the training set so that every trainable
 * plugin reads it the same way, and so that plugins receive paragraphs
 * already analysed by the same text layer that articles go through: a model
 * sees tokens at training time exactly as it will see them at run time.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

typedef struct training_set {
    char **labels;
    size_t label_count;
    char **buffers; /* file contents; examples point into them */
    size_t buffer_count, buffer_cap;
    char **sources;
    galley_doc *docs;
    galley_example *examples;
    size_t count, cap;
    /* The corpus articles that gave examples: article a gave the examples
       from article_first[a] to the next article's first (or count). */
    size_t *article_first;
    size_t article_count, article_cap;
} training_set;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Sorted names in a directory, hidden ones skipped: its subdirectories when
 * suffix is NULL, else its regular files whose names end in suffix.
 */
static int list_dir(const char *dir, const char *suffix, char ***out, size_t *count)
{
    *out = NULL;
    *count = 0;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t cap = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *path = gl_path_join(dir, e->d_name);
        if (!path) {
            rc = -2;
            break;
        }
        size_t n = strlen(e->d_name), k = suffix ? strlen(suffix) : 0;
        int keep = !suffix ? gl_is_directory(path)
                           : gl_is_regular_file(path) && n > k &&
                                 strcmp(e->d_name + n - k, suffix) == 0;
        gl_free(path);
        if (!keep)
            continue;
        if (gl_reserve((void **)out, &cap, *count + 1, sizeof **out) != 0 ||
            !((*out)[*count] = gl_strdup(e->d_name))) {
            rc = -2;
            break;
        }
        (*count)++;
    }
    closedir(d);
    if (*count)
        qsort(*out, *count, sizeof **out, by_name);
    return rc;
}

static void free_names(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        gl_free(names[i]);
    gl_free(names);
}

/* A paragraph whose every line starts with '#' is a comment (file headers). */
static int is_comment(const char *s, size_t n)
{
    int at_line_start = 1;
    for (size_t i = 0; i < n; i++) {
        if (at_line_start && s[i] != '#' && s[i] != ' ' && s[i] != '\t')
            return 0;
        if (at_line_start && s[i] == '#')
            at_line_start = 0;
        if (s[i] == '\n')
            at_line_start = 1;
    }
    return 1;
}

static int add_example(training_set *ts, const galley_pipeline *host_pipeline, const char *path,
                       const char *bytes, const galley_block *bl, const char *label,
                       galley_error *err);

static int add_file(training_set *ts, const galley_pipeline *host_pipeline, const char *path,
                    const char *label, galley_error *err)
{
    char *bytes;
    size_t length;
    int rc = gl_read_file(path, 64u << 20, &bytes, &length, err);
    if (rc != 0) {
        /* A training set that cannot be read is a problem of the command, like a config. */
        rc = rc == GALLEY_ENOMEM ? rc : GALLEY_ECONFIG;
        if (err)
            err->status = rc;
        return rc;
    }
    if (gl_reserve((void **)&ts->buffers, &ts->buffer_cap, ts->buffer_count + 1,
                   sizeof *ts->buffers) != 0) {
        gl_free(bytes);
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    ts->buffers[ts->buffer_count++] = bytes;
    gl_text text;
    rc = gl_text_analyse(&text, bytes, length, path, err);
    if (rc != 0) {
        rc = rc == GALLEY_ENOMEM ? rc : GALLEY_ECONFIG;
        if (err)
            err->status = rc;
        return rc;
    }
    for (size_t b = 0; b < text.block_count; b++) {
        const galley_block *bl = &text.blocks[b];
        if (is_comment(bytes + bl->start, bl->end - bl->start))
            continue;
        rc = add_example(ts, host_pipeline, path, bytes, bl, label, err);
        if (rc != 0) {
            gl_text_free(&text);
            return rc;
        }
    }
    gl_text_free(&text);
    return 0;
}

/* One block of a file as an example with its label. */
static int add_example(training_set *ts, const galley_pipeline *host_pipeline, const char *path,
                       const char *bytes, const galley_block *bl, const char *label,
                       galley_error *err)
{
    if (ts->count == ts->cap) {
        size_t cap = ts->cap ? ts->cap * 2 : 256;
        galley_doc *docs = gl_realloc(ts->docs, cap * sizeof *docs);
        if (docs)
            ts->docs = docs;
        galley_example *ex = gl_realloc(ts->examples, cap * sizeof *ex);
        if (ex)
            ts->examples = ex;
        char **src = gl_realloc(ts->sources, cap * sizeof *src);
        if (src)
            ts->sources = src;
        if (!docs || !ex || !src)
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        ts->cap = cap;
    }
    gl_buf src = GL_BUF_INIT;
    if (gl_buf_addf(&src, "%s:%u", path, bl->line) != 0)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    ts->sources[ts->count] = gl_buf_detach(&src);
    int rc = gl_doc_init(&ts->docs[ts->count], host_pipeline, ts->sources[ts->count],
                         bytes + bl->start, bl->end - bl->start, NULL, err);
    if (rc != 0) {
        gl_free(ts->sources[ts->count]);
        return rc;
    }
    ts->examples[ts->count].label = label;
    ts->examples[ts->count].source = ts->sources[ts->count];
    ts->count++;
    return 0;
}

static void free_set(training_set *ts)
{
    for (size_t i = 0; i < ts->count; i++) {
        gl_doc_free(&ts->docs[i]);
        gl_free(ts->sources[i]);
    }
    gl_free(ts->docs);
    gl_free(ts->examples);
    gl_free(ts->sources);
    gl_free(ts->article_first);
    for (size_t i = 0; i < ts->buffer_count; i++)
        gl_free(ts->buffers[i]);
    gl_free(ts->buffers);
    free_names(ts->labels, ts->label_count);
    memset(ts, 0, sizeof *ts);
}

/*
 * The dev half of an annotated corpus (docs/gold-format.md) as examples: every
 * content block of every ARTICLE.txt whose ARTICLE.gold.json says "split":
 * "dev", labelled with the block's gold `field` when that names one of the
 * training set's labels.  Held-out articles are never read.
 */
static int add_corpus(training_set *ts, const galley_pipeline *host_pipeline, const char *dir,
                      const char *field, galley_error *err)
{
    char **names;
    size_t count;
    int rc = list_dir(dir, ".gold.json", &names, &count);
    if (rc == -1)
        return gl_error_at(err, GALLEY_ECONFIG, dir, 0, 0, -1,
                           "cannot read the corpus directory (it should hold ARTICLE.txt and "
                           "ARTICLE.gold.json pairs, see docs/gold-format.md)");
    if (rc != 0)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    size_t used = 0;
    for (size_t i = 0; i < count && rc == 0; i++) {
        char *gold_path = gl_path_join(dir, names[i]);
        if (!gold_path) {
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            break;
        }
        json_error_t jerr;
        json_t *gold = json_load_file(gold_path, JSON_REJECT_DUPLICATES, &jerr);
        const json_t *blocks = json_object_get(gold, "blocks");
        const char *split = json_string_value(json_object_get(gold, "split"));
        if (!gold || !json_is_array(blocks) || !split) {
            rc = gl_error_at(err, GALLEY_ECONFIG, gold_path, gold ? 0 : jerr.line,
                             gold ? 0 : jerr.column, -1, "%s",
                             gold ? "a gold file needs \"split\" and \"blocks\" (see "
                                    "docs/gold-format.md)"
                                  : jerr.text);
        } else if (strcmp(split, "dev") == 0) {
            size_t n = strlen(gold_path) - strlen(".gold.json");
            char *text_path = gl_malloc(n + 5);
            char *bytes = NULL;
            size_t length = 0;
            if (!text_path) {
                rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            } else {
                snprintf(text_path, n + 5, "%.*s.txt", (int)n, gold_path);
                rc = gl_read_file(text_path, 64u << 20, &bytes, &length, err);
            }
            gl_text text;
            memset(&text, 0, sizeof text);
            if (rc == 0)
                rc = gl_text_analyse(&text, bytes, length, text_path, err);
            if (rc == 0 && text.block_count != json_array_size(blocks))
                rc = gl_error_at(err, GALLEY_ECONFIG, gold_path, 0, 0, -1,
                                 "has %zu blocks but %s has %zu; fix the gold file",
                                 json_array_size(blocks), text_path, text.block_count);
            size_t first = ts->count;
            for (size_t b = 0; rc == 0 && b < text.block_count; b++) {
                const json_t *g = json_array_get(blocks, b);
                if ((json_int_t)text.blocks[b].line != json_integer_value(json_object_get(g, "line"))) {
                    rc = gl_error_at(err, GALLEY_ECONFIG, gold_path, 0, 0, -1,
                                     "block %zu is on line %u of %s, not on the gold file's line "
                                     "%lld; fix the gold file",
                                     b, text.blocks[b].line, text_path,
                                     (long long)json_integer_value(json_object_get(g, "line")));
                    break;
                }
                const char *value = json_string_value(json_object_get(g, field));
                if (json_is_true(json_object_get(g, "boilerplate")) || !value)
                    continue;
                for (size_t l = 0; l < ts->label_count; l++)
                    if (strcmp(ts->labels[l], value) == 0) {
                        rc = add_example(ts, host_pipeline, text_path, bytes, &text.blocks[b],
                                         ts->labels[l], err);
                        used++;
                        break;
                    }
            }
            if (rc == 0 && ts->count > first) {
                if (gl_reserve((void **)&ts->article_first, &ts->article_cap,
                               ts->article_count + 1, sizeof *ts->article_first) != 0)
                    rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
                else
                    ts->article_first[ts->article_count++] = first;
            }
            gl_text_free(&text);
            gl_free(text_path);
            /* The examples point into the bytes: the set keeps them. */
            if (bytes && (gl_reserve((void **)&ts->buffers, &ts->buffer_cap,
                                     ts->buffer_count + 1, sizeof *ts->buffers) != 0)) {
                gl_free(bytes);
                if (rc == 0)
                    rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            } else if (bytes) {
                ts->buffers[ts->buffer_count++] = bytes;
            }
            if (rc != 0 && rc != GALLEY_ENOMEM && err)
                err->status = rc = GALLEY_ECONFIG;
        }
        json_decref(gold);
        gl_free(gold_path);
    }
    free_names(names, count);
    if (rc == 0 && used == 0)
        rc = gl_error_at(err, GALLEY_ECONFIG, dir, 0, 0, -1,
                         "has no dev article with a block whose \"%s\" is one of the training "
                         "labels",
                         field);
    return rc;
}

static int read_set(training_set *ts, const galley_pipeline *host_pipeline, const char *dir,
                    const char *corpus, const char *field, galley_error *err)
{
    int rc = list_dir(dir, NULL, &ts->labels, &ts->label_count);
    if (rc == -1)
        return gl_error_at(err, GALLEY_ECONFIG, dir, 0, 0, -1,
                           "cannot read the training directory (it should hold one directory "
                           "per label, e.g. war/ lifestyle/ other/)");
    if (rc != 0)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    if (ts->label_count < 2)
        return gl_error_at(err, GALLEY_ECONFIG, dir, 0, 0, -1,
                           "needs at least two label directories (found %zu)", ts->label_count);
    for (size_t l = 0; l < ts->label_count; l++) {
        char *sub = gl_path_join(dir, ts->labels[l]);
        char **files;
        size_t nfiles;
        if (!sub || list_dir(sub, ".txt", &files, &nfiles) != 0) {
            gl_free(sub);
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        }
        size_t before = ts->count;
        for (size_t f = 0; f < nfiles && rc == 0; f++) {
            char *path = gl_path_join(sub, files[f]);
            rc = path ? add_file(ts, host_pipeline, path, ts->labels[l], err)
                      : galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            gl_free(path);
        }
        free_names(files, nfiles);
        if (rc == 0 && ts->count == before)
            rc = gl_error_at(err, GALLEY_ECONFIG, sub, 0, 0, -1,
                             "label '%s' has no paragraphs (put *.txt files in it)",
                             ts->labels[l]);
        gl_free(sub);
        if (rc != 0)
            return rc;
    }
    if (corpus) {
        rc = add_corpus(ts, host_pipeline, corpus, field, err);
        if (rc != 0)
            return rc;
    }
    /* The docs array moved while it grew: point the examples at the final copies. */
    for (size_t i = 0; i < ts->count; i++)
        ts->examples[i].doc = &ts->docs[i];
    return 0;
}

/* splitmix64: small and well known, so the folds are the same on every platform. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* The article of each example (galley_train_params.article_of), or NULL when out of memory. */
static int *articles_of(const training_set *ts)
{
    int *article_of = gl_malloc((ts->count + 1) * sizeof *article_of);
    if (!article_of)
        return NULL;
    for (size_t e = 0; e < ts->count; e++)
        article_of[e] = -1;
    for (size_t a = 0; a < ts->article_count; a++) {
        size_t past = a + 1 < ts->article_count ? ts->article_first[a + 1] : ts->count;
        for (size_t e = ts->article_first[a]; e < past; e++)
            article_of[e] = (int)a;
    }
    return article_of;
}

/*
 * Folds dealt by corpus article (GALLEY_CV_BY_ARTICLE): the articles, in
 * name order, are shuffled with the seed and dealt round-robin, and every
 * example takes its article's fold; the training directory's examples get
 * -1 (always trained on, never scored).  So no fold is scored on paragraphs
 * of a page whose other paragraphs it was trained on.
 */
static int *folds_by_article(const training_set *ts, int folds, unsigned seed, galley_error *err)
{
    if (ts->article_count < (size_t)folds) {
        gl_error_at(err, GALLEY_ECONFIG, "--cv", 0, 0, -1,
                    "%d folds by article need at least %d dev articles with training labels "
                    "(the corpus has %zu)",
                    folds, folds, ts->article_count);
        return NULL;
    }
    int *fold_of = gl_malloc((ts->count + 1) * sizeof *fold_of);
    size_t *order = gl_malloc(ts->article_count * sizeof *order);
    if (!fold_of || !order) {
        gl_free(fold_of);
        gl_free(order);
        galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        return NULL;
    }
    uint64_t state = seed;
    for (size_t a = 0; a < ts->article_count; a++)
        order[a] = a;
    for (size_t i = ts->article_count; i > 1; i--) { /* Fisher-Yates */
        size_t j = (size_t)(next_random(&state) % i);
        size_t tmp = order[i - 1];
        order[i - 1] = order[j];
        order[j] = tmp;
    }
    for (size_t e = 0; e < ts->count; e++)
        fold_of[e] = -1;
    for (size_t i = 0; i < ts->article_count; i++) {
        size_t a = order[i];
        size_t past = a + 1 < ts->article_count ? ts->article_first[a + 1] : ts->count;
        for (size_t e = ts->article_first[a]; e < past; e++)
            fold_of[e] = (int)(i % (size_t)folds);
    }
    gl_free(order);
    return fold_of;
}

GALLEY_API int galley_train(const char *plugin, const galley_load_options *options,
                            const json_t *plugin_options, const char *dir,
                            const galley_train_params *params, json_t **report,
                            galley_error *err)
{
    return galley_train_corpus(plugin, options, plugin_options, dir, NULL, NULL, params, report,
                               err);
}

GALLEY_API int galley_train_corpus(const char *plugin, const galley_load_options *options,
                                   const json_t *plugin_options, const char *dir,
                                   const char *corpus, const char *field,
                                   const galley_train_params *params, json_t **report,
                                   galley_error *err)
{
    galley_error_clear(err);
    *report = NULL;
    json_t *dirs = galley_plugin_search_path(options, NULL);
    if (!dirs)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    size_t n = json_array_size(dirs);
    char **search = gl_calloc(n ? n : 1, sizeof *search);
    if (!search) {
        json_decref(dirs);
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        search[i] = (char *)json_string_value(json_array_get(dirs, i));
    gl_plugin_lib lib;
    int rc = gl_plugin_find(plugin, search, n, &lib, err);
    gl_free(search);
    json_decref(dirs);
    if (rc != 0)
        return rc;
    if (!lib.desc.train) {
        gl_plugin_close(&lib);
        return galley_error_set(err, GALLEY_ECONFIG,
                                "plugin '%s' cannot be trained (it has no train entry)", plugin);
    }
    /* A pipeline with no steps gives the example documents their text layer. */
    galley_pipeline host_pipeline;
    memset(&host_pipeline, 0, sizeof host_pipeline);
    host_pipeline.empty_meta = json_object();
    gl_config none;
    memset(&none, 0, sizeof none);
    none.path = (char *)"--option";
    galley_options opts;
    training_set ts;
    memset(&ts, 0, sizeof ts);
    rc = gl_options_build(&opts, &lib.desc, plugin_options, lib.data_dir, ".", &none, "options",
                          err);
    if (rc == 0 && !host_pipeline.empty_meta)
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    if (rc == 0)
        rc = read_set(&ts, &host_pipeline, dir, corpus, field ? field : plugin, err);
    /* The plugin sees the caller's params, plus the folds when they are dealt by article. */
    galley_train_params given;
    memset(&given, 0, sizeof given);
    if (params)
        memcpy(&given, params,
               params->struct_size < sizeof given ? params->struct_size : sizeof given);
    given.struct_size = sizeof given;
    int *fold_of = NULL;
    if (rc == 0 && given.cv_by == GALLEY_CV_BY_ARTICLE && given.folds > 1) {
        if (!corpus)
            rc = galley_error_set(err, GALLEY_ECONFIG,
                                  "folds by article need a corpus to take the articles from "
                                  "(--corpus DIR)");
        else if (!(fold_of = folds_by_article(&ts, given.folds, given.seed, err)))
            rc = err ? err->status : GALLEY_ECONFIG;
    } else if (given.cv_by != GALLEY_CV_BY_ARTICLE && given.cv_by != GALLEY_CV_BY_PARAGRAPH) {
        rc = galley_error_set(err, GALLEY_ECONFIG, "unknown way of dealing folds (%d)",
                              given.cv_by);
    }
    given.fold_of = fold_of;
    int *article_of = rc == 0 && corpus ? articles_of(&ts) : NULL;
    if (rc == 0 && corpus && !article_of)
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    given.article_of = article_of;
    if (rc == 0) {
        galley_host host = {"train", lib.data_dir, "."};
        json_t *out = json_object();
        galley_error perr;
        galley_error_clear(&perr);
        if (!out) {
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        } else if ((rc = lib.desc.train(&host, &opts, ts.examples, ts.count, &given, out,
                                        &perr)) != 0) {
            gl_error_copy(err, &perr);
            rc = rc == GALLEY_ECONFIG || rc == GALLEY_ENOMEM ? rc : GALLEY_EPLUGIN;
            err->status = rc;
            json_decref(out);
        } else {
            json_t *cv = json_object_get(out, "cv");
            if (fold_of && json_is_object(cv) &&
                (json_object_set_new(cv, "by", json_string("article")) != 0 ||
                 json_object_set_new(cv, "articles",
                                     json_integer((json_int_t)ts.article_count)) != 0)) {
                json_decref(out);
                rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            } else {
                *report = out;
            }
        }
    }
    gl_free(fold_of);
    gl_free(article_of);
    free_set(&ts);
    gl_options_free(&opts);
    json_decref(host_pipeline.empty_meta);
    gl_plugin_close(&lib);
    return rc;
}
