/*
 * pipeline.h -- the structures shared by the loader, the pipeline, the
 * document and the report: what a loaded config looks like in memory.
 */
#ifndef GALLEY_PIPELINE_H
#define GALLEY_PIPELINE_H

#include "config.h"
#include "internal.h"
#include "text.h"

/* ---- plugins (loader.c) ------------------------------------------------- */

typedef struct gl_plugin_lib {
    char *name;
    char *path;     /* the .so that was opened */
    char *data_dir; /* NAME/ beside it */
    void *handle;
    /* The descriptor as far as struct_size covers it, the rest zeroed. */
    galley_plugin desc;
} gl_plugin_lib;

/* Finds galley-NAME.so on the search path and opens it (see gl_plugin_open_path). */
int gl_plugin_find(const char *name, char *const *search, size_t search_count, gl_plugin_lib *lib,
                   galley_error *err);
/*
 * Opens one .so and checks its descriptor: the entry symbol, the ABI version,
 * the struct size, the name (when expected_name is given) and the required
 * fields.  GALLEY_EPLUGIN with the file and both versions named on failure.
 */
int gl_plugin_open_path(const char *path, const char *expected_name, gl_plugin_lib *lib,
                        galley_error *err);
void gl_plugin_close(gl_plugin_lib *lib);
/* {name, version, summary, path, abi} plus, when full, every declaration. */
json_t *gl_plugin_describe(const gl_plugin_lib *lib, int full);

/* ---- options (options.c) ------------------------------------------------ */

typedef struct gl_option_value {
    int set; /* given in the config */
    int type;
    int boolean;
    double number;
    char *string; /* strings and resolved paths */
} gl_option_value;

struct galley_options {
    const galley_option *decl;
    size_t count;
    gl_option_value *values;
};

struct galley_host {
    const char *step_id;
    const char *data_dir;
    const char *config_dir;
};

/*
 * Fills options from a step's "options" object, checking names and types
 * against the plugin's declarations; errors name the JSON path.
 */
int gl_options_build(galley_options *options, const galley_plugin *plugin, const json_t *given,
                     const char *data_dir, const char *config_dir, const gl_config *config,
                     const char *json_path, galley_error *err);
void gl_options_free(galley_options *options);

/* ---- the pipeline (pipeline.c) ------------------------------------------ */

typedef struct gl_attr {
    const char *name; /* points into a plugin descriptor */
    size_t name_length;
    /* ,"name": as the report writes the member, NULs after it, when it fits (else "") */
    char member[32];
    int type;
    size_t first_step; /* the first step that provides it */
} gl_attr;

typedef struct gl_scope_cond {
    size_t attr;         /* index in pipeline->attrs */
    const json_t *value; /* true/false, a string, or an array of strings */
} gl_scope_cond;

typedef struct gl_step {
    char *id;
    gl_plugin_lib *lib; /* shared by steps that use the same plugin */
    galley_options options;
    galley_host host;
    void *state;
    int created;
    gl_scope_cond *scope;
    size_t scope_count;
    size_t *attrs; /* pipeline attr index of each declared attribute, in declaration order */
    size_t attr_count;
} gl_step;

struct galley_pipeline {
    char *config_path;
    char *config_dir;
    char *name;
    json_t *config; /* the parsed config, kept for describe() */
    int fail_on;    /* GALLEY_ERROR, GALLEY_WARNING or -1 */
    char **search;  /* the resolved plugin search path */
    size_t search_count;
    gl_plugin_lib **libs;
    size_t lib_count;
    gl_step *steps;
    size_t step_count;
    gl_attr *attrs;
    size_t attr_count;
    char **meta_keys; /* every key a meta file may hold */
    size_t meta_key_count;
    json_t *empty_meta;
};

/*
 * Parses and checks a meta file held in memory (galley_pipeline_load_meta
 * reads the file, then calls this): a JSON object whose keys the pipeline
 * knows.  `path` names it in errors.  GALLEY_ECONFIG with a position on error.
 */
int gl_meta_parse(const galley_pipeline *pipeline, const char *path, const char *text,
                  size_t length, json_t **out, galley_error *err);

/* ---- documents (doc.c) -------------------------------------------------- */

typedef struct gl_value {
    unsigned char set;
    unsigned char type;
    union {
        int boolean;
        double number;
        const char *string;
    } u;
} gl_value;

typedef struct gl_finding {
    size_t step;
    int severity;
    uint32_t start, end;
    const char *rule;
    const char *message;
} gl_finding;

typedef struct gl_chunk gl_chunk;

/* A step's result written as JSON text: its members, braces left out. */
typedef struct gl_written {
    char *text; /* NULL when the step wrote none */
    size_t length;
    json_t *tree; /* the text parsed, once something asked for it as a value */
} gl_written;
typedef struct gl_result_writer gl_result_writer;

struct galley_doc {
    const galley_pipeline *pipeline;
    const char *path;
    gl_text text;
    const json_t *meta;
    size_t step; /* the running step */
    unsigned char *in_scope;
    size_t scope_count;
    gl_value *values; /* block_count x pipeline->attr_count */
    json_t *results;  /* step id -> object */
    gl_finding *findings;
    size_t finding_count, finding_cap;
    gl_chunk *chunks;         /* arena for strings that live as long as the document */
    gl_written *written;      /* per step, results written as text (result.c); NULL if none */
    gl_result_writer *writer; /* the running step's writer, NULL until a step writes */
    /* Per attribute type (GALLEY_TYPE_BOOL to _STRING): the declared name the running step
       last set an attribute by, and that attribute's index in pipeline->attrs.  A plugin
       nearly always passes the very string it declared, so the next set by it needs no
       search of the step's attributes. */
    const char *set_name[GALLEY_TYPE_STRING + 1];
    size_t set_attr[GALLEY_TYPE_STRING + 1];
};

/*
 * Ends the running step: a result it wrote as text is kept (or joined to the
 * members it set as values).  Returns 0, or a status with why filled in when
 * the text was written out of order or left open (the step has failed).
 */
int gl_doc_end_step(galley_doc *doc, char *why, size_t why_size);
/*
 * Members of an object written as text ("k":v,... without the braces) as an
 * object, or NULL when out of memory or not JSON.  gl_result_read reads the
 * writer's form alone (NULL for any other); gl_result_members hands any other
 * to jansson's parser.
 */
json_t *gl_result_read(const char *text, size_t length);
json_t *gl_result_members(const char *text, size_t length);
/* The result step s wrote as text, parsed (once), or NULL when it wrote none. */
const json_t *gl_doc_written_tree(const galley_doc *doc, size_t step);
void gl_doc_free_written(galley_doc *doc);

int gl_doc_init(galley_doc *doc, const galley_pipeline *pipeline, const char *path,
                const char *bytes, size_t length, const json_t *meta, galley_error *err);
void gl_doc_free(galley_doc *doc);
/* Makes step s the running step: computes its scope and its result object. */
int gl_doc_begin_step(galley_doc *doc, size_t s);
/* The document's report object (see docs/report-format.md). */
json_t *gl_doc_report(const galley_doc *doc);
/*
 * Appends the report as gl_json_dump(gl_doc_report(doc), JSON_COMPACT |
 * JSON_REAL_PRECISION(precision)) would, without building it: no JSON value
 * made and freed for every block and finding.  Returns 0; 1 when a string the
 * report would hold is not UTF-8 that gl_doc_report accepts (go that way, to
 * fail as it fails); -1 when out of memory.  On 1 or -1, out holds a part.
 */
int gl_doc_dump(const galley_doc *doc, int precision, gl_buf *out);
/*
 * A successful document rendered for w straight from the analysis when w's
 * format can take it prepared (prepare.c): 0 with *out set, or with *out NULL
 * when it cannot (build the JSON report then); 1 when this document must go
 * through its JSON report after all; -1 when out of memory.
 */
int gl_prepare_doc(const galley_writer *w, const galley_report *r, const galley_doc *doc,
                   galley_prepared **out);

#endif /* GALLEY_PIPELINE_H */
