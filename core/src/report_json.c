/*
 * report_json.c -- the JSON report v1: one object with every document,
 * written when the run finishes.
 */
#include "report.h"

static int json_finish(galley_writer *w, const galley_report *r)
{
    json_t *report = galley_report_json(r);
    if (!report)
        return GALLEY_ENOMEM;
    int rc = gl_json_write(w->out, report, JSON_INDENT(2) | GL_JSON_REAL);
    json_decref(report);
    if (rc != 0 || fputc('\n', w->out) == EOF)
        return GALLEY_EIO;
    return 0;
}

const gl_writer_ops gl_writer_json = {
    .name = "json",
    .summary = "the whole report as one JSON object (report_version 1)",
    .needs_documents = 1,
    .finish = json_finish,
};
