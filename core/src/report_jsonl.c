/*
 * report_jsonl.c -- one compact JSON document report per line, flushed as
 * each document finishes, so that a pipe can consume a batch incrementally
 * and memory stays flat however many documents go through.
 */
#include "report.h"

static int jsonl_document(galley_writer *w, const galley_report *r, const json_t *doc)
{
    (void)r;
    if (gl_json_write(w->out, doc, JSON_COMPACT | GL_JSON_REAL) != 0 || fputc('\n', w->out) == EOF ||
        fflush(w->out) != 0)
        return GALLEY_EIO;
    return 0;
}

const gl_writer_ops gl_writer_jsonl = {
    .name = "jsonl",
    .summary = "one JSON document report per line, in input order, flushed as each finishes",
    .needs_documents = 0,
    .document = jsonl_document,
};
