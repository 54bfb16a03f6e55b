/*
 * plugin.h -- the plugin ABI.
 *
 * A plugin is a shared object named galley-NAME.so that exports one symbol:
 *
 *     const galley_plugin *galley_plugin_entry(void);
 *
 * returning a static descriptor.  The host reads abi_major, abi_minor and
 * struct_size before anything else, refuses another major or a newer minor
 * than its own, and reads only the fields that struct_size covers, so that
 * fields appended in later minors never break older plugins.
 *
 * The shortest plugin is three lines (see docs/writing-plugins.md):
 *
 *     #include <galley/plugin.h>
 *     static int hello(const void *state, galley_doc *doc, galley_error *err) { ... }
 *     GALLEY_SIMPLE_PLUGIN(hello, "1.0.0", "Says hello to every block", hello);
 */
#ifndef GALLEY_PLUGIN_H
#define GALLEY_PLUGIN_H

#include <galley/galley.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bump the major when a field changes meaning or the token/block layout changes. */
#define GALLEY_PLUGIN_ABI_MAJOR 1
/* Bump the minor when fields are appended to galley_plugin or functions to galley.h. */
#define GALLEY_PLUGIN_ABI_MINOR 1

#define GALLEY_PLUGIN_ENTRY_SYMBOL "galley_plugin_entry"

typedef enum galley_type {
    GALLEY_TYPE_BOOL = 1,
    GALLEY_TYPE_NUMBER = 2,
    GALLEY_TYPE_STRING = 3,
    GALLEY_TYPE_PATH = 4,  /* options only: a file path, resolved by the host */
    GALLEY_TYPE_ARRAY = 5, /* results only */
    GALLEY_TYPE_OBJECT = 6 /* results only */
} galley_type;

/* One declared field: an attribute or result the plugin provides. */
typedef struct galley_field {
    const char *name;
    int type; /* galley_type */
    const char *help;
} galley_field;

/*
 * One declared option.  default_value is written as it would be in the
 * config: "true", "0.25", "lexicon.tsv" (a relative path default resolves
 * against the plugin's data directory); NULL means "no default".
 */
typedef struct galley_option {
    const char *name;
    int type; /* galley_type: BOOL, NUMBER, STRING or PATH */
    const char *default_value;
    const char *help;
} galley_option;

/*
 * create() makes the plugin's state once per pipeline (load lexicons, models)
 * and may fail with a message; process() runs on one document and must treat
 * the state as read-only, because documents run on many threads at once;
 * destroy() frees everything create() made.  create and destroy may be NULL.
 * Each returns 0 on success, or a galley_status (normally GALLEY_EPLUGIN or
 * GALLEY_ECONFIG) with err filled in.
 */
typedef int (*galley_create_fn)(const galley_host *host, const galley_options *options,
                                void **state, galley_error *err);
typedef int (*galley_process_fn)(const void *state, galley_doc *doc, galley_error *err);
typedef void (*galley_destroy_fn)(void *state);

/*
 * Training, for plugins that learn from labelled text (`galley train NAME DIR`).
 * The host reads the training set (DIR/LABEL/<any>.txt, paragraphs separated
 * by blank lines; see docs/writing-plugins.md), analyses every paragraph once
 * like an article, and hands them over in a stable order.
 */
typedef struct galley_example {
    const galley_doc *doc; /* one paragraph, analysed: blocks, sentences, tokens */
    const char *label;     /* the name of the directory it came from */
    const char *source;    /* file:line, for messages */
} galley_example;

typedef struct galley_train_params {
    size_t struct_size;
    const char *output; /* where to write the model (a temporary file the host renames) */
    int folds;          /* > 1: also report K-fold cross-validated figures */
    unsigned seed;      /* for any shuffling; the same seed gives the same model */
    /*
     * What the folds of --cv are dealt by (GALLEY_CV_BY_*), set by the caller.
     * With GALLEY_CV_BY_ARTICLE the host fills fold_of before calling train():
     * the fold of each example, or -1 for an example of the training directory,
     * which is on the training side of every fold and never scored.  Otherwise
     * fold_of is NULL and the plugin deals the examples itself.
     */
    int cv_by;
    const int *fold_of;
    /*
     * The corpus article each example comes from, numbered from 0 in the order
     * the host read them (an article's blocks come one after another, in page
     * order), or -1 for a paragraph of the training directory; NULL when no
     * corpus was read.  Since ABI 1.1.
     */
    const int *article_of;
} galley_train_params;

/* A field of params, or fallback when the host's struct is older and lacks it. */
#define GALLEY_TRAIN_PARAM(params, field, fallback)                                       \
    ((params)->struct_size >= offsetof(galley_train_params, field) + sizeof (params)->field \
         ? (params)->field                                                                   \
         : (fallback))

enum galley_cv_by {
    GALLEY_CV_BY_PARAGRAPH = 0, /* every example alone, stratified by label */
    GALLEY_CV_BY_ARTICLE = 1    /* whole corpus articles, so no fold sees its own page */
};

/*
 * Writes a model trained on the examples to params->output and fills report
 * with what the user should see: {"labels": {...}, "cv": {"accuracy": ...}}.
 * Must be deterministic: the same examples and seed give the same bytes.
 */
typedef int (*galley_train_fn)(const galley_host *host, const galley_options *options,
                               const galley_example *examples, size_t count,
                               const galley_train_params *params, json_t *report,
                               galley_error *err);

/*
 * The descriptor.  Arrays are terminated by an entry whose name is NULL
 * (or, for string lists, by NULL); any of them may be NULL when empty.
 */
typedef struct galley_plugin {
    uint16_t abi_major;
    uint16_t abi_minor;
    uint32_t struct_size;

    const char *name;    /* must equal NAME in galley-NAME.so */
    const char *version; /* the plugin's own version, "1.2.0" */
    const char *summary; /* one line */
    const char *license; /* SPDX id, e.g. "MIT" */
    const char *description; /* longer help for `galley plugins info`, may be NULL */

    const galley_field *attributes;  /* block attributes it sets */
    const galley_field *results;     /* members of its per-document result */
    const char *const *requires;     /* block attributes it reads from earlier steps */
    const galley_option *options;    /* options it accepts */
    const char *const *meta_keys;    /* keys it reads from a document's meta file */
    const char *const *rules;        /* ids of the findings it may report, "id: help" */

    galley_create_fn create;
    galley_process_fn process;
    galley_destroy_fn destroy;

    /* Optional: learns a model from labelled text (may be NULL). */
    galley_train_fn train;
} galley_plugin;

#if defined(__GNUC__)
#define GALLEY_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define GALLEY_PLUGIN_EXPORT
#endif

/* The first three fields of every descriptor. */
#define GALLEY_PLUGIN_HEADER                                                             \
    .abi_major = GALLEY_PLUGIN_ABI_MAJOR, .abi_minor = GALLEY_PLUGIN_ABI_MINOR,            \
    .struct_size = (uint32_t)sizeof(galley_plugin)

/* Exports a descriptor variable as the plugin's entry point. */
#define GALLEY_PLUGIN_DEFINE(descriptor)                                                 \
    GALLEY_PLUGIN_EXPORT const galley_plugin *galley_plugin_entry(void);                 \
    GALLEY_PLUGIN_EXPORT const galley_plugin *galley_plugin_entry(void) { return &(descriptor); }

/*
 * A plugin with no options, no state and no declared attributes: a name, a
 * version, a summary and a process function.
 */
#define GALLEY_SIMPLE_PLUGIN(NAME, VERSION, SUMMARY, PROCESS)                            \
    static const galley_plugin galley_simple_descriptor_ = {                             \
        GALLEY_PLUGIN_HEADER, .name = #NAME, .version = (VERSION), .summary = (SUMMARY), \
        .process = (PROCESS)};                                                           \
    GALLEY_PLUGIN_DEFINE(galley_simple_descriptor_)

/* The ABI this host was built with, for plugins that want to check at run time. */
GALLEY_API int galley_abi_major(void);
GALLEY_API int galley_abi_minor(void);

#ifdef __cplusplus
}
#endif

#endif /* GALLEY_PLUGIN_H */
