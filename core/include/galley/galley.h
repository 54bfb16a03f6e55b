/*
 * galley.h -- the document model, the host API that plugins call, and the
 * small embedding API (load a pipeline once, run it on many documents).
 *
 * Everything here is public and stable within one ABI major version (see
 * plugin.h and docs/writing-plugins.md).  New functions are appended; existing
 * ones never change their meaning.  Types a plugin never needs to look inside
 * are opaque.  Four small structs (galley_block, galley_sentence,
 * galley_token, galley_error) are plain data so that hot loops over tokens
 * cost no function call per field; their layout is part of the ABI major.
 *
 * Ownership, in one rule: whatever the host hands a plugin stays valid until
 * the call that handed it returns; whatever a plugin allocates, it frees.
 */
#ifndef GALLEY_GALLEY_H
#define GALLEY_GALLEY_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define GALLEY_API __attribute__((visibility("default")))
#define GALLEY_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define GALLEY_API
#define GALLEY_PRINTF(fmt, args)
#endif

#define GALLEY_VERSION_MAJOR 0
#define GALLEY_VERSION_MINOR 1
#define GALLEY_VERSION_PATCH 0
#define GALLEY_VERSION_STRING "0.1.0"

/* The version of the library actually loaded (may differ from the header). */
GALLEY_API const char *galley_version(void);

/* ------------------------------------------------------------------------ */
/* Status codes and errors                                                   */
/* ------------------------------------------------------------------------ */

/*
 * Every fallible function returns one of these and, where it takes a
 * galley_error *, fills it in.  The CLI maps them to exit codes:
 * USAGE and CONFIG -> 2, INPUT -> 3, PLUGIN -> 4 (see docs/report-format.md).
 */
typedef enum galley_status {
    GALLEY_OK = 0,
    GALLEY_EUSAGE = 1,  /* a caller broke the API contract (wrong type, bad index) */
    GALLEY_ECONFIG = 2, /* a config, meta file or plugin option is wrong */
    GALLEY_EINPUT = 3,  /* an article cannot be read or is not valid text */
    GALLEY_EPLUGIN = 4, /* a plugin could not be loaded or failed */
    GALLEY_ENOMEM = 5,  /* an allocation failed */
    GALLEY_EIO = 6,     /* an output could not be written */
    GALLEY_ESCOPE = 7   /* a write to a block outside the step's scope was refused */
} galley_status;

#define GALLEY_ERROR_SOURCE_LENGTH 256
#define GALLEY_ERROR_TEXT_LENGTH 512

/*
 * Where and why something went wrong, after jansson's json_error_t.
 * line and column are 1-based (column counts characters); 0 means unknown.
 * position is a byte offset into the source, -1 when unknown.  path is the
 * JSON path inside a config or meta file ("steps[2].options.lexicon"), empty
 * otherwise.
 */
typedef struct galley_error {
    int status;
    int line;
    int column;
    long long position;
    char source[GALLEY_ERROR_SOURCE_LENGTH];
    char path[128];
    char text[GALLEY_ERROR_TEXT_LENGTH];
} galley_error;

/* Clears an error to "no error, nowhere". */
GALLEY_API void galley_error_clear(galley_error *err);

/*
 * Sets status and a printf-style message; returns status so that a plugin can
 * write `return galley_error_set(err, GALLEY_EPLUGIN, "cannot open %s", p);`.
 * Safe with err == NULL.
 */
GALLEY_API int galley_error_set(galley_error *err, int status, const char *fmt, ...)
    GALLEY_PRINTF(3, 4);
#ifdef __clang_analyzer__
/*
 * The static analyzer cannot see into the library, so it would assume that
 * `rc = galley_error_set(err, GALLEY_ENOMEM, ...)` may leave rc at 0 and then
 * follow the error path as if it succeeded.  For the analyzer only, the call
 * visibly yields its status; compiled code is untouched.
 */
#define galley_error_set(err, status, ...) (galley_error_set((err), (status), __VA_ARGS__), (status))
#endif

/* Formats "source:line:column: path: text" (parts that are unknown are left out). */
GALLEY_API int galley_error_format(const galley_error *err, char *out, size_t size);

/* The stable name of a status ("config", "input", ...). */
GALLEY_API const char *galley_status_name(int status);

/* ------------------------------------------------------------------------ */
/* The document model                                                        */
/* ------------------------------------------------------------------------ */

typedef struct galley_doc galley_doc;

/*
 * A block is a paragraph: a maximal run of non-blank lines.  Offsets are
 * byte offsets into the original input (galley_doc_text), start inclusive,
 * end exclusive, with leading and trailing white space trimmed.  Documents are
 * limited to 4 GiB, hence 32-bit offsets.
 */
typedef struct galley_block {
    uint32_t start;
    uint32_t end;
    uint32_t line; /* 1-based line of the block's first character */
    uint32_t first_sentence;
    uint32_t sentence_count;
    uint32_t first_token;
    uint32_t token_count;
} galley_block;

typedef struct galley_sentence {
    uint32_t start;
    uint32_t end;
    uint32_t block;
    uint32_t first_token;
    uint32_t token_count;
} galley_sentence;

typedef enum galley_token_kind {
    GALLEY_TOKEN_WORD = 1,        /* letters, with inner apostrophes, hyphens, initials (U.S) */
    GALLEY_TOKEN_NUMBER = 2,      /* digits, with inner , and . (3,000  1.5) */
    GALLEY_TOKEN_PUNCTUATION = 3, /* one mark, or a run of the same ASCII mark (...) */
    GALLEY_TOKEN_SYMBOL = 4       /* currency, maths, emoji and other symbols */
} galley_token_kind;

enum galley_token_flag {
    GALLEY_TOKEN_CAPITALISED = 1 << 0,      /* first letter is upper or title case */
    GALLEY_TOKEN_ALL_CAPS = 1 << 1,         /* two or more cased letters, none lower case */
    GALLEY_TOKEN_SENTENCE_INITIAL = 1 << 2, /* first word or number of its sentence */
    GALLEY_TOKEN_QUOTED = 1 << 3,           /* inside quotation marks (marks themselves excluded) */
    GALLEY_TOKEN_QUOTE_OPEN = 1 << 4,       /* this mark opens a quotation */
    GALLEY_TOKEN_QUOTE_CLOSE = 1 << 5,      /* this mark closes a quotation */
    GALLEY_TOKEN_SENTENCE_END = 1 << 6      /* this mark ends its sentence */
};

/*
 * fold is the token's case-folded form (Unicode case folding with utf8proc,
 * NFC, default-ignorable characters removed, the typographic apostrophe ’
 * and hyphens ‐ ‑ written as ' and -), NUL-terminated, fold_len bytes long.
 * It lives as long as the document.  The GALLEY_FOLD_PADDING bytes from fold
 * on can always be read, whatever fold_len: a plugin may load a short fold as
 * two 8-byte words and mask off what follows its NUL (those bytes have no set
 * value).
 */
#define GALLEY_FOLD_PADDING 16

typedef struct galley_token {
    const char *fold;
    uint32_t fold_len;
    uint32_t start;
    uint32_t end;
    uint32_t sentence;
    uint32_t block;
    uint16_t kind;
    uint16_t flags;
} galley_token;

/* The original bytes (never modified) and their length. */
GALLEY_API const char *galley_doc_text(const galley_doc *doc, size_t *length);
/* The name the document was given: a path, or "-" for standard input. */
GALLEY_API const char *galley_doc_path(const galley_doc *doc);

GALLEY_API size_t galley_doc_block_count(const galley_doc *doc);
GALLEY_API const galley_block *galley_doc_blocks(const galley_doc *doc);
GALLEY_API size_t galley_doc_sentence_count(const galley_doc *doc);
GALLEY_API const galley_sentence *galley_doc_sentences(const galley_doc *doc);
GALLEY_API size_t galley_doc_token_count(const galley_doc *doc);
GALLEY_API const galley_token *galley_doc_tokens(const galley_doc *doc);

/* 1-based line and column (in characters) of a byte offset. */
GALLEY_API void galley_doc_line_column(const galley_doc *doc, size_t offset, int *line, int *column);

/*
 * The document's metadata: the sidecar ARTICLE.meta.json, or --meta FILE, or
 * an empty object.  Always an object; read-only.
 */
GALLEY_API const json_t *galley_doc_meta(const galley_doc *doc);

/* ------------------------------------------------------------------------ */
/* What a running step may read and write                                    */
/* ------------------------------------------------------------------------ */

/*
 * Whether a block is in the running step's scope (the config's "scope").
 * A step should only look at blocks in scope; writes to other blocks are
 * refused with GALLEY_ESCOPE.
 */
GALLEY_API int galley_doc_in_scope(const galley_doc *doc, size_t block);
/* The number of blocks in scope, for ratios and loops that exit early. */
GALLEY_API size_t galley_doc_scope_count(const galley_doc *doc);

/*
 * Block attributes.  A step may set only the attributes its plugin declares in
 * `provides`, with the declared type; it may read any attribute set by an
 * earlier step.  Getters return 1 when the attribute is set on that block,
 * 0 when it is not (out stays untouched).  Numbers must be finite.
 * String values are copied.
 */
GALLEY_API int galley_doc_set_bool(galley_doc *doc, size_t block, const char *name, int value);
GALLEY_API int galley_doc_set_number(galley_doc *doc, size_t block, const char *name, double value);
GALLEY_API int galley_doc_set_string(galley_doc *doc, size_t block, const char *name,
                                     const char *value);
GALLEY_API int galley_doc_get_bool(const galley_doc *doc, size_t block, const char *name, int *out);
GALLEY_API int galley_doc_get_number(const galley_doc *doc, size_t block, const char *name,
                                     double *out);
GALLEY_API int galley_doc_get_string(const galley_doc *doc, size_t block, const char *name,
                                     const char **out);

/*
 * The running step's result: one JSON object per step per document, owned by
 * the document.  Add members with json_object_set_new().  Numbers that are
 * NaN or infinite are written as null in the report.
 */
GALLEY_API json_t *galley_doc_result(galley_doc *doc);

/*
 * Another step's result (read-only), or NULL when that step has not run or
 * does not exist.
 */
GALLEY_API const json_t *galley_doc_step_result(const galley_doc *doc, const char *step_id);

/*
 * The running step's result written as JSON text, member by member, for a
 * result too large to build as JSON values cheaply (an object per mention or
 * per sentence): no value is allocated, and the jsonl report copies the text
 * as it is.  Since plugin ABI 1.1.  The calls write inside the step's result
 * object, as a stream:
 *
 *   galley_result_key(doc, "persons");
 *   galley_result_begin_array(doc);
 *   galley_result_begin_object(doc);
 *   galley_result_key(doc, "name");  galley_result_string(doc, name, len);
 *   galley_result_key(doc, "start"); galley_result_integer(doc, start);
 *   galley_result_end(doc);          (the object)
 *   galley_result_end(doc);          (the array)
 *
 * A value in an object follows its galley_result_key; values in an array
 * follow each other.  Numbers: whole ones are written as integers, as block
 * attributes are, others with the report's six significant digits, NaN and
 * infinities as null.  Strings must be UTF-8 (length in bytes; they may hold
 * NUL).  Each call returns 0, GALLEY_ENOMEM, or GALLEY_EUSAGE when it is out
 * of order: a value where a name is due, a name in an array or twice in one
 * object, an end with nothing open, a string that is not UTF-8, nesting
 * deeper than 64.  After a refusal every later call of the step is refused
 * too, and the step fails when process() returns, as it does when it leaves
 * an object or array open.  Members may also be set on galley_doc_result()'s
 * object in the same step (joined after; a name set both ways fails the
 * step).  A later step reads the result with galley_doc_step_result(), parsed.
 */
GALLEY_API int galley_result_key(galley_doc *doc, const char *name);
GALLEY_API int galley_result_begin_object(galley_doc *doc);
GALLEY_API int galley_result_begin_array(galley_doc *doc);
GALLEY_API int galley_result_end(galley_doc *doc);
GALLEY_API int galley_result_string(galley_doc *doc, const char *s, size_t length);
GALLEY_API int galley_result_integer(galley_doc *doc, long long value);
GALLEY_API int galley_result_number(galley_doc *doc, double value);
GALLEY_API int galley_result_bool(galley_doc *doc, int value);
GALLEY_API int galley_result_null(galley_doc *doc);

typedef enum galley_severity {
    GALLEY_INFO = 0,
    GALLEY_WARNING = 1,
    GALLEY_ERROR = 2
} galley_severity;

/*
 * Records a finding over bytes [start, end) of the document.  The host fills
 * in the step, the line and column and the text of the span.  rule is a short
 * stable id ("unlisted-name"); the message says what is wrong and, where it
 * can, what to do.  A finding in a block outside the scope is refused with
 * GALLEY_ESCOPE.
 */
GALLEY_API int galley_doc_add_finding(galley_doc *doc, const char *rule, galley_severity severity,
                                      size_t start, size_t end, const char *fmt, ...)
    GALLEY_PRINTF(6, 7);
GALLEY_API int galley_doc_add_findingv(galley_doc *doc, const char *rule, galley_severity severity,
                                       size_t start, size_t end, const char *fmt, va_list ap);

/* ------------------------------------------------------------------------ */
/* What a plugin may ask of the host in create()                             */
/* ------------------------------------------------------------------------ */

typedef struct galley_host galley_host;
typedef struct galley_options galley_options;

/* The step's id in the config ("sentiment"). */
GALLEY_API const char *galley_host_step_id(const galley_host *host);
/*
 * The plugin's data directory: NAME/ beside galley-NAME.so.  Default values of
 * path options are resolved against it.
 */
GALLEY_API const char *galley_host_data_dir(const galley_host *host);
/* The directory of the config file; option paths given there resolve against it. */
GALLEY_API const char *galley_host_config_dir(const galley_host *host);

/*
 * Option values, with the declared default filled in when the config does not
 * set them.  Path options come back resolved (absolute or relative to the
 * working directory).  Asking for an undeclared option or the wrong type is a
 * plugin bug: it returns 0 / 0.0 / NULL.
 */
GALLEY_API int galley_option_bool(const galley_options *options, const char *name);
GALLEY_API double galley_option_number(const galley_options *options, const char *name);
GALLEY_API const char *galley_option_string(const galley_options *options, const char *name);
/* 1 when the config sets the option explicitly. */
GALLEY_API int galley_option_is_set(const galley_options *options, const char *name);

/* ------------------------------------------------------------------------ */
/* Embedding: load a pipeline once, run it on many documents                 */
/* ------------------------------------------------------------------------ */

typedef struct galley_pipeline galley_pipeline;

typedef struct galley_load_options {
    size_t struct_size;             /* sizeof(galley_load_options) */
    const char *const *plugin_path; /* searched first (e.g. --plugin-path); NULL-terminated */
    const char *const *default_path; /* searched last (installed plugins); NULL-terminated */
    int ignore_env;                 /* do not read GALLEY_PLUGIN_PATH */
    /*
     * Let PATH options in the config name files through ".." (outside the
     * config's directory).  Refused by default: a config may come from an
     * untrusted change to a repository (docs/config.md, "Paths").
     */
    int allow_parent_paths;
} galley_load_options;

/*
 * Reads and validates a config file and everything it names: plugins are
 * found, loaded and checked, options type-checked, scopes checked against
 * earlier steps, and each plugin's create() is called once.  Returns NULL and
 * fills err on failure (GALLEY_ECONFIG or GALLEY_EPLUGIN).  The pipeline is
 * read-only afterwards: one pipeline may run documents on many threads.
 */
GALLEY_API galley_pipeline *galley_pipeline_load(const char *config_path,
                                                 const galley_load_options *options,
                                                 galley_error *err);
GALLEY_API void galley_pipeline_free(galley_pipeline *pipeline);

/* The config as loaded: {path, name, plugin_path, steps:[{id, plugin, version, ...}], gate}. */
GALLEY_API json_t *galley_pipeline_describe(const galley_pipeline *pipeline);
/* The gate's fail_on level: GALLEY_ERROR, GALLEY_WARNING, or -1 for never. */
GALLEY_API int galley_pipeline_fail_on(const galley_pipeline *pipeline);

/*
 * Reads and validates a meta file against the keys that the pipeline's
 * plugins accept.  On success *out is a new reference.
 */
GALLEY_API int galley_pipeline_load_meta(const galley_pipeline *pipeline, const char *path,
                                         json_t **out, galley_error *err);

/*
 * Runs the pipeline over one document held in memory.  name labels the
 * document in the report; meta may be NULL.  On success *report is a new
 * reference to the document's report object (see docs/report-format.md).
 * Fails with GALLEY_EINPUT (bad text), GALLEY_EPLUGIN (a step failed) or
 * GALLEY_ENOMEM.  Thread-safe for one pipeline.
 */
GALLEY_API int galley_pipeline_run_buffer(const galley_pipeline *pipeline, const char *name,
                                          const char *bytes, size_t length, const json_t *meta,
                                          json_t **report, galley_error *err);

/*
 * Reads a file (or standard input for "-") and runs the pipeline over it.
 * When meta is NULL, ARTICLE.meta.json beside a file is loaded if it exists
 * (for ARTICLE.txt, also ARTICLE.meta.json without the .txt).
 */
GALLEY_API int galley_pipeline_run_file(const galley_pipeline *pipeline, const char *path,
                                        const json_t *meta, size_t max_bytes, json_t **report,
                                        galley_error *err);

/*
 * Called just before each step's process() with the step's index and id, and
 * once more when the last step has returned, with the step count for index
 * and NULL for id (what follows is building the document's report).  It lets
 * a supervisor that runs documents in child processes (galley run --isolate)
 * say which step was running when a child crashed or hung, and a profiler
 * time each step (bench/bench_steps.c).
 */
typedef void (*galley_step_hook)(void *arg, size_t step, const char *step_id);
/* galley_pipeline_run_file, calling hook (when not NULL) before each step. */
GALLEY_API int galley_pipeline_run_file_traced(const galley_pipeline *pipeline, const char *path,
                                               const json_t *meta, size_t max_bytes,
                                               galley_step_hook hook, void *arg, json_t **report,
                                               galley_error *err);

/* ------------------------------------------------------------------------ */
/* Reports                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct galley_report galley_report;

/*
 * A report counts findings for the gate and, when keep_documents is set,
 * keeps every document report for the formats that need them all at the end
 * (json, sarif, junit).  Streaming formats (jsonl, text, github, html) pass
 * keep_documents = 0 so that memory stays flat over any number of documents.
 */
GALLEY_API galley_report *galley_report_new(const galley_pipeline *pipeline, int keep_documents);
GALLEY_API void galley_report_free(galley_report *report);
/*
 * Adds a document report from run_buffer/run_file (takes a new reference).
 * Returns GALLEY_OK or GALLEY_ENOMEM.
 */
GALLEY_API int galley_report_add(galley_report *report, json_t *doc);
/*
 * Makes the report entry of a document that could not be processed,
 * {path, error: {status, message, line, column, offset}}, adds it, and
 * returns it (a borrowed reference, valid until the next add), or NULL when
 * out of memory.
 */
GALLEY_API json_t *galley_report_add_failure(galley_report *report, const char *path,
                                             const galley_error *error);
/* 1 when the gate passes: no finding at or above fail_on. */
GALLEY_API int galley_report_passed(const galley_report *report);
/*
 * The worst document failure recorded: GALLEY_OK, or GALLEY_ECONFIG (a bad
 * meta file), GALLEY_EPLUGIN, GALLEY_EINPUT, in that order of precedence.
 */
GALLEY_API int galley_report_worst_failure(const galley_report *report);
/* The whole report as JSON v1 (a new reference). */
GALLEY_API json_t *galley_report_json(const galley_report *report);

/*
 * Writers turn reports into one output format.  Documents are handed over in
 * input order as they finish; finish() writes whatever comes last (the whole
 * JSON report, the summary of the text report).
 */
typedef struct galley_writer galley_writer;

enum galley_write_flag {
    GALLEY_WRITE_COLOR = 1 << 0, /* ANSI colour in the text format */
    GALLEY_WRITE_QUIET = 1 << 1  /* text format: findings and summary only */
};

typedef struct galley_write_options {
    size_t struct_size; /* sizeof(galley_write_options) */
    unsigned flags;
    int width;        /* terminal width for the text format; 0 = 100 */
    const char *base; /* paths in the report are shown relative to this, when set */
} galley_write_options;

/* The formats this library writes, NULL-terminated: "text", "json", "jsonl", ... */
GALLEY_API const char *const *galley_writer_formats(void);
/* 1 when the format needs every document kept until finish(). */
GALLEY_API int galley_writer_needs_documents(const char *format);
/*
 * 1 when the format shows the articles' text (text, html).  Reports hold
 * offsets, not text, so such a writer reads each article again by the
 * document's "path" when the document is handed over -- unless the document
 * has a "text" member with the article's bytes, which a host that ran it
 * from memory (standard input, galley_pipeline_run_buffer) adds for these
 * formats.  See docs/report-format.md.
 */
GALLEY_API int galley_writer_needs_text(const char *format);
GALLEY_API galley_writer *galley_writer_new(const char *format, FILE *out,
                                            const galley_write_options *options,
                                            galley_error *err);
GALLEY_API int galley_writer_document(galley_writer *writer, const galley_report *report,
                                      const json_t *doc);
GALLEY_API int galley_writer_finish(galley_writer *writer, const galley_report *report);
GALLEY_API void galley_writer_free(galley_writer *writer);

/*
 * Documents prepared ahead of writing.  galley_writer_prepare renders a
 * document as the writer would write it and counts what it adds to the
 * report, without touching either: it may run on any thread, in parallel.
 * galley_writer_document_prepared then does in input order what
 * galley_report_add and galley_writer_document would have done, and flushes.
 * *prepared is NULL (with GALLEY_OK) when the format or the report cannot
 * take a prepared document (a report that keeps every document, a format
 * that keeps state per document, a failed document): then use those two.
 * Errors: GALLEY_ENOMEM; GALLEY_EIO when writing fails.
 */
typedef struct galley_prepared galley_prepared;
GALLEY_API int galley_writer_prepare(const galley_writer *writer, const galley_report *report,
                                     const json_t *doc, galley_prepared **prepared,
                                     galley_error *err);
GALLEY_API int galley_writer_document_prepared(galley_writer *writer, galley_report *report,
                                               const galley_prepared *prepared);
GALLEY_API void galley_prepared_free(galley_prepared *prepared);
/* The size in bytes of the document a prepared report is about. */
GALLEY_API unsigned long long galley_prepared_bytes(const galley_prepared *prepared);

/*
 * galley_pipeline_run_file for a batch written by writer into report: when
 * the format takes documents prepared (see galley_writer_prepare), the
 * document's report is rendered straight from the analysis into *prepared,
 * without building its JSON (*doc is NULL), in the same bytes; otherwise
 * *prepared is NULL and *doc is the JSON report, as galley_pipeline_run_file
 * gives it.  Thread-safe for one pipeline, writer and report.
 */
GALLEY_API int galley_pipeline_run_file_prepared(const galley_pipeline *pipeline,
                                                 const char *path, const json_t *meta,
                                                 size_t max_bytes, const galley_writer *writer,
                                                 const galley_report *report,
                                                 galley_prepared **prepared, json_t **doc,
                                                 galley_error *err);

/* ------------------------------------------------------------------------ */
/* Training                                                                  */
/* ------------------------------------------------------------------------ */

struct galley_train_params;

/*
 * Trains a plugin that has a train() entry (see plugin.h) on a labelled
 * directory: DIR/LABEL/NAME.txt, each file a series of paragraphs separated by
 * blank lines; a paragraph whose lines all start with '#' is a comment.
 * plugin_options (may be NULL) sets the plugin's options as a config step
 * would.  On success *report is the plugin's account of the training (a new
 * reference).  Errors: GALLEY_ECONFIG (no such plugin or it cannot train, bad
 * options, an empty or unreadable training set), GALLEY_EPLUGIN (train failed).
 */
GALLEY_API int galley_train(const char *plugin, const galley_load_options *options,
                            const json_t *plugin_options, const char *dir,
                            const struct galley_train_params *params, json_t **report,
                            galley_error *err);

/*
 * galley_train, with the dev half of an annotated corpus as more examples:
 * every content block of each CORPUS/ARTICLE.txt whose ARTICLE.gold.json
 * (docs/gold-format.md) says "split": "dev", labelled with the block's gold
 * `field` (NULL: the plugin's name, "sentiment" or "section") when that is one
 * of DIR's labels.  Held-out articles are never read.  A gold file out of step
 * with its article, or a corpus with no block to use, is GALLEY_ECONFIG.
 */
GALLEY_API int galley_train_corpus(const char *plugin, const galley_load_options *options,
                                   const json_t *plugin_options, const char *dir,
                                   const char *corpus, const char *field,
                                   const struct galley_train_params *params, json_t **report,
                                   galley_error *err);

/* ------------------------------------------------------------------------ */
/* Plugin discovery                                                          */
/* ------------------------------------------------------------------------ */

/*
 * The plugin search path, in order: options->plugin_path, GALLEY_PLUGIN_PATH
 * (colon-separated, unless options->ignore_env), extra (a config's
 * plugin_path, already resolved; may be NULL), options->default_path.
 * Returns a JSON array of directory strings.
 */
GALLEY_API json_t *galley_plugin_search_path(const galley_load_options *options,
                                             const char *const *extra);

/*
 * Every galley-*.so on the search path, loaded and described:
 * [{name, path, version, summary, ...}] (first match of a name wins; a file
 * that cannot be loaded is listed with an "error" member).
 */
GALLEY_API json_t *galley_plugins_list(const galley_load_options *options);

/*
 * One plugin's full description: version, licence, summary, description,
 * attributes, results, requires, options (with types, defaults and help),
 * meta keys and rules.  NULL with err filled when it cannot be found or loaded.
 */
GALLEY_API json_t *galley_plugin_info(const char *name, const galley_load_options *options,
                                      galley_error *err);

#ifdef __cplusplus
}
#endif

#endif /* GALLEY_GALLEY_H */
