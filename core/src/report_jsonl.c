/*
 * report_jsonl.c -- one compact JSON document report per line, flushed as
 * each document finishes, so that a pipe can consume a batch incrementally
 * and memory stays flat however many documents go through.
 */
#include "pipeline.h"
#include "report.h"

/* One line: the document as compact JSON and a newline.  Reads nothing but doc: thread-safe. */
static int jsonl_render(const galley_writer *w, const json_t *doc, gl_buf *out)
{
    (void)w;
    if (gl_json_dump(out, doc, JSON_COMPACT | GL_JSON_REAL) != 0 || gl_buf_addc(out, '\n') != 0)
        return GALLEY_ENOMEM;
    return 0;
}

/* The same line straight from the analysis (gl_doc_dump): no JSON value per block and finding. */
static int jsonl_render_doc(const galley_writer *w, const galley_doc *doc, gl_buf *out)
{
    (void)w;
    int rc = gl_doc_dump(doc, GL_REAL_DIGITS, out);
    if (rc == 0 && gl_buf_addc(out, '\n') != 0)
        rc = -1;
    return rc;
}

static int jsonl_document(galley_writer *w, const galley_report *r, const json_t *doc)
{
    (void)r;
    gl_buf b = GL_BUF_INIT;
    int rc = jsonl_render(w, doc, &b);
    if (rc == 0 && (fwrite(b.data, 1, b.len, w->out) != b.len || fflush(w->out) != 0))
        rc = GALLEY_EIO;
    gl_buf_free(&b);
    return rc;
}

const gl_writer_ops gl_writer_jsonl = {
    .name = "jsonl",
    .summary = "one JSON document report per line, in input order, flushed as each finishes",
    .needs_documents = 0,
    .document = jsonl_document,
    .render = jsonl_render,
    .render_doc = jsonl_render_doc,
};
