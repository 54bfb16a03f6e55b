/*
 * report.h -- what the report writers share: the parts of a report, and the
 * table of output formats.
 */
#ifndef GALLEY_REPORT_H
#define GALLEY_REPORT_H

#include <stdio.h>

#include "internal.h"

const char *gl_fail_on_name(int fail_on);
/* The gate's fail_on level: GALLEY_ERROR (also when there is no pipeline), GALLEY_WARNING or -1. */
int gl_report_fail_on(const galley_report *report);
/*
 * What a document adds to the report's totals.  Counted apart from adding so
 * that worker threads can count documents in parallel (prepare.c) and the
 * writer thread only adds the numbers.
 */
typedef struct gl_doc_counts {
    size_t errors, warnings, infos, blocks, boilerplate_blocks;
    unsigned long long bytes;
} gl_doc_counts;
void gl_report_count(const json_t *doc, gl_doc_counts *counts);
void gl_report_add_counts(galley_report *report, const gl_doc_counts *counts);
int gl_report_keeps_documents(const galley_report *report);
/* New references to the parts of a JSON report v1. */
json_t *gl_report_gate(const galley_report *report);
json_t *gl_report_summary(const galley_report *report);
json_t *gl_report_config(const galley_report *report);
/* The documents kept so far (borrowed). */
const json_t *gl_report_documents(const galley_report *report);

/* One output format.  Each lives in its own report_NAME.c. */
typedef struct gl_writer_ops {
    const char *name;
    const char *summary;
    int needs_documents; /* keep every document until finish() */
    int (*document)(galley_writer *w, const galley_report *r, const json_t *doc);
    int (*finish)(galley_writer *w, const galley_report *r);
    void (*free_state)(void *state);
    int needs_text; /* shows the articles' text: see galley_writer_needs_text */
    /*
     * Optional: renders one document exactly as document() would write it,
     * into memory, reading only the writer's options -- so that it can run
     * on worker threads (galley_writer_prepare).  Only for formats whose
     * document() keeps no state.
     */
    int (*render)(const galley_writer *w, const json_t *doc, gl_buf *out);
    /*
     * Optional, with render: the same bytes straight from the analysis,
     * without the JSON report (gl_doc_dump).  0; 1 when the document must
     * go through render after all; -1 when out of memory.
     */
    int (*render_doc)(const galley_writer *w, const galley_doc *doc, gl_buf *out);
} gl_writer_ops;

struct galley_writer {
    const gl_writer_ops *ops;
    FILE *out;
    galley_write_options options;
    void *state; /* the format's own */
    size_t documents;
};

extern const gl_writer_ops gl_writer_json;
extern const gl_writer_ops gl_writer_jsonl;
extern const gl_writer_ops gl_writer_text;
extern const gl_writer_ops gl_writer_sarif;
extern const gl_writer_ops gl_writer_github;
extern const gl_writer_ops gl_writer_junit;
extern const gl_writer_ops gl_writer_html;

/* The pipeline a report was made for (NULL for a report made without one). */
const galley_pipeline *gl_report_pipeline(const galley_report *report);

/*
 * A document's path as CI tools want it: relative to the working directory
 * when it lies below it ("corpus/a.txt", never "./corpus/a.txt"), else as
 * given.  A new string the caller frees with gl_free, or NULL when out of
 * memory.
 */
char *gl_relative_path(const char *path);

/*
 * Writes a JSON value to a stream with one fwrite.  json_dumpf() writes each
 * token with its own fwrite (and stream lock), which costs more than building
 * the report; dumping into a buffer first is several times faster.
 */
int gl_json_write(FILE *out, const json_t *value, size_t flags);

/* Flags for json_dumpf shared by the JSON formats: reals with 6 significant digits. */
#define GL_REAL_DIGITS 6
#define GL_JSON_REAL JSON_REAL_PRECISION(GL_REAL_DIGITS)

/*
 * Writes a string for a terminal: control characters (C0, DEL, C1, and so
 * ESC) are shown as \xNN so that an article cannot move the cursor or change
 * colours.  At most max_chars characters (0 = all), with … when cut.
 */
int gl_write_safe(FILE *out, const char *s, size_t max_chars);

#endif /* GALLEY_REPORT_H */
