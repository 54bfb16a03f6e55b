/*
 * config.h -- reading and validating a pipeline config (docs/config.md).
 */
#ifndef GALLEY_CONFIG_H
#define GALLEY_CONFIG_H

#include "internal.h"

typedef struct gl_config_step {
    const char *id;     /* points into root */
    const char *plugin; /* points into root */
    const json_t *scope;   /* object or NULL */
    const json_t *options; /* object or NULL */
} gl_config_step;

typedef struct gl_config {
    char *path;
    char *dir;  /* directory of the config; relative paths resolve against it */
    char *text; /* the file's bytes, kept to locate errors found later */
    size_t text_length;
    json_t *root;
    const char *name;
    char **plugin_path; /* resolved against dir */
    size_t plugin_path_count;
    gl_config_step *steps;
    size_t step_count;
    int fail_on; /* GALLEY_ERROR, GALLEY_WARNING, or -1 for never */
    /*
     * Refuse PATH options with a ".." component (set by the pipeline from its
     * load options; zero, allowing them, for options given on a command line).
     */
    int refuse_parent_paths;
} gl_config;

/*
 * Reads and checks the shape of a config: JSON syntax, known keys, types,
 * step ids.  Plugins are not looked at here (see pipeline.c).  Errors are
 * GALLEY_ECONFIG with file, line, column and JSON path, or GALLEY_ENOMEM.
 * Call gl_config_free() afterwards whether it succeeded or not.
 */
int gl_config_load(gl_config *config, const char *path, galley_error *err);
/*
 * The same for a config already in memory (the fuzz harness, and anything
 * that builds configs itself): `path` names it in errors and its directory
 * is where relative paths resolve.  The text is copied.
 */
int gl_config_load_buffer(gl_config *config, const char *path, const char *text, size_t length,
                          galley_error *err);

/* The largest config read; anything bigger is not a hand-written pipeline. */
#define GL_CONFIG_MAX_BYTES ((size_t)16 << 20)
void gl_config_free(gl_config *config);

/*
 * Fills err with a config error located at a JSON path ("steps[1].plugin");
 * want_key points at the member name instead of its value.  Returns status.
 */
int gl_config_error(const gl_config *config, galley_error *err, int status, const char *json_path,
                    int want_key, const char *fmt, ...) GALLEY_PRINTF(6, 7);

/* Same for any JSON text kept in memory (meta files). */
int gl_json_error(galley_error *err, int status, const char *source, const char *text,
                  size_t length, const char *json_path, int want_key, const char *fmt, ...)
    GALLEY_PRINTF(8, 9);

/*
 * Checks an object's keys against a list; keys starting with "x-" are always
 * allowed (private extensions).  On an unknown key, fills err with a message
 * that lists the known keys and suggests the closest one.  Returns 0 or status.
 */
int gl_check_keys(const json_t *object, const char *const *known, size_t known_count,
                  const char *json_path, const char *source, const char *text, size_t length,
                  const char *what, galley_error *err);

/*
 * Whether json_loadb() of text_length bytes failed for want of memory rather
 * than because of the text (jansson does not always say so; see config.c).
 * The caller must have cleared jerr before parsing.
 */
int gl_json_ran_out_of_memory(size_t text_length, const json_error_t *jerr);

/* The known key closest to `key` by edit distance, or NULL when none is close. */
const char *gl_closest(const char *key, const char *const *known, size_t known_count);

#endif /* GALLEY_CONFIG_H */
