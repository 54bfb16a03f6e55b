/*
 * report.h -- what the report writers share: the parts of a report, and the
 * table of output formats.
 */
#ifndef GALLEY_REPORT_H
#define GALLEY_REPORT_H

#include <stdio.h>

#include "internal.h"

const char *gl_fail_on_name(int fail_on);
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

/*
 * Writes a JSON value to a stream with one fwrite.  json_dumpf() writes each
 * token with its own fwrite (and stream lock), which costs more than building
 * the report; dumping into a buffer first is several times faster.
 */
int gl_json_write(FILE *out, const json_t *value, size_t flags);

/* Flags for json_dumpf shared by the JSON formats: reals with 6 significant digits. */
#define GL_JSON_REAL JSON_REAL_PRECISION(6)

/*
 * Writes a string for a terminal: control characters (C0, DEL, C1, and so
 * ESC) are shown as \xNN so that an article cannot move the cursor or change
 * colours.  At most max_chars characters (0 = all), with … when cut.
 */
int gl_write_safe(FILE *out, const char *s, size_t max_chars);

#endif /* GALLEY_REPORT_H */
