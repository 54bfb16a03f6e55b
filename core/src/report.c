/*
 * report.c -- collects document reports, counts findings for the gate, and
 * assembles the JSON report v1 (docs/report-format.md).
 */
#include <string.h>

#include "pipeline.h"
#include "report.h"

struct galley_report {
    const galley_pipeline *pipeline;
    int keep;
    json_t *documents; /* kept only for formats that need them all */
    size_t document_count, failed, blocks, boilerplate_blocks;
    unsigned long long bytes;
    size_t errors, warnings, infos;
    int worst; /* worst failure, see galley_report_worst_failure */
};

GALLEY_API galley_report *galley_report_new(const galley_pipeline *pipeline, int keep_documents)
{
    galley_report *r = gl_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->pipeline = pipeline;
    r->keep = keep_documents;
    r->documents = json_array();
    if (!r->documents) {
        gl_free(r);
        return NULL;
    }
    return r;
}

GALLEY_API void galley_report_free(galley_report *r)
{
    if (!r)
        return;
    json_decref(r->documents);
    gl_free(r);
}

void gl_report_count(const json_t *doc, gl_doc_counts *c)
{
    memset(c, 0, sizeof *c);
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(doc, "findings"), i, f) {
        const char *sev = json_string_value(json_object_get(f, "severity"));
        if (!sev)
            continue;
        if (strcmp(sev, "error") == 0)
            c->errors++;
        else if (strcmp(sev, "warning") == 0)
            c->warnings++;
        else
            c->infos++;
    }
    json_t *b;
    json_array_foreach(json_object_get(doc, "blocks"), i, b) {
        c->blocks++;
        if (json_is_true(json_object_get(json_object_get(b, "attrs"), "boilerplate")))
            c->boilerplate_blocks++;
    }
    c->bytes = (unsigned long long)json_integer_value(json_object_get(doc, "bytes"));
}

void gl_report_add_counts(galley_report *r, const gl_doc_counts *c)
{
    r->errors += c->errors;
    r->warnings += c->warnings;
    r->infos += c->infos;
    r->blocks += c->blocks;
    r->boilerplate_blocks += c->boilerplate_blocks;
    r->bytes += c->bytes;
    r->document_count++;
}

int gl_report_keeps_documents(const galley_report *r) { return r->keep; }

GALLEY_API int galley_report_add(galley_report *r, json_t *doc)
{
    gl_doc_counts c;
    gl_report_count(doc, &c);
    gl_report_add_counts(r, &c);
    if (r->keep && json_array_append(r->documents, doc) != 0)
        return GALLEY_ENOMEM;
    return GALLEY_OK;
}

/* Config errors (a bad meta file) outrank plugin errors, which outrank input errors. */
static int rank(int status)
{
    switch (status) {
    case GALLEY_ECONFIG: return 3;
    case GALLEY_EPLUGIN: return 2;
    case GALLEY_OK: return 0;
    default: return 1; /* input, out of memory, anything else about one document */
    }
}

GALLEY_API json_t *galley_report_add_failure(galley_report *r, const char *path,
                                             const galley_error *e)
{
    int status = e->status == GALLEY_ECONFIG || e->status == GALLEY_EPLUGIN ? e->status
                                                                              : GALLEY_EINPUT;
    if (rank(status) > rank(r->worst))
        r->worst = status;
    r->document_count++;
    r->failed++;
    json_t *error = json_pack("{s:s, s:s}", "status", galley_status_name(status), "message",
                              e->text);
    if (!error)
        return NULL;
    /* Names come from the file system, which may hold any bytes: the entry must not be lost. */
    if (e->source[0] && strcmp(e->source, path) != 0)
        json_object_set_new(error, "source", gl_json_string_lossy(e->source));
    if (e->line > 0)
        json_object_set_new(error, "line", json_integer(e->line));
    if (e->column > 0)
        json_object_set_new(error, "column", json_integer(e->column));
    if (e->position >= 0)
        json_object_set_new(error, "offset", json_integer(e->position));
    if (e->path[0])
        json_object_set_new(error, "path", gl_json_string_lossy(e->path));
    json_t *doc = json_pack("{s:o, s:o}", "path", gl_json_string_lossy(path), "error", error);
    if (!doc)
        return NULL;
    if (json_array_append_new(r->documents, doc) != 0)
        return NULL;
    if (!r->keep) {
        /* Streaming: keep only the latest entry, for the caller to write. */
        while (json_array_size(r->documents) > 1)
            json_array_remove(r->documents, 0);
    }
    return doc;
}

GALLEY_API int galley_report_passed(const galley_report *r)
{
    switch (r->pipeline ? galley_pipeline_fail_on(r->pipeline) : GALLEY_ERROR) {
    case GALLEY_ERROR: return r->errors == 0;
    case GALLEY_WARNING: return r->errors == 0 && r->warnings == 0;
    default: return 1;
    }
}

GALLEY_API int galley_report_worst_failure(const galley_report *r) { return r->worst; }

const char *gl_fail_on_name(int fail_on)
{
    return fail_on == GALLEY_ERROR ? "error" : fail_on == GALLEY_WARNING ? "warning" : "never";
}

int gl_report_fail_on(const galley_report *r)
{
    return r->pipeline ? galley_pipeline_fail_on(r->pipeline) : GALLEY_ERROR;
}

json_t *gl_report_gate(const galley_report *r)
{
    int fail_on = gl_report_fail_on(r);
    return json_pack("{s:b, s:s, s:I, s:I, s:I}", "passed", galley_report_passed(r), "fail_on",
                     gl_fail_on_name(fail_on), "errors", (json_int_t)r->errors, "warnings",
                     (json_int_t)r->warnings, "infos", (json_int_t)r->infos);
}

json_t *gl_report_summary(const galley_report *r)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:I}", "documents", (json_int_t)r->document_count,
                     "failed", (json_int_t)r->failed, "blocks", (json_int_t)r->blocks,
                     "boilerplate_blocks", (json_int_t)r->boilerplate_blocks, "bytes",
                     (json_int_t)r->bytes);
}

json_t *gl_report_config(const galley_report *r)
{
    if (!r->pipeline)
        return json_object();
    const galley_pipeline *p = r->pipeline;
    json_t *steps = json_array();
    for (size_t i = 0; steps && i < p->step_count; i++)
        json_array_append_new(steps, json_pack("{s:s, s:s, s:s}", "id", p->steps[i].id, "plugin",
                                               p->steps[i].lib->desc.name, "version",
                                               p->steps[i].lib->desc.version));
    return json_pack("{s:s, s:s, s:o}", "path", p->config_path, "name", p->name, "steps", steps);
}

const json_t *gl_report_documents(const galley_report *r) { return r->documents; }

const galley_pipeline *gl_report_pipeline(const galley_report *r) { return r->pipeline; }

GALLEY_API json_t *galley_report_json(const galley_report *r)
{
    return json_pack("{s:s, s:i, s:o, s:o, s:O, s:o}", "galley", GALLEY_VERSION_STRING,
                     "report_version", 1, "config", gl_report_config(r), "gate", gl_report_gate(r),
                     "documents", r->documents, "summary", gl_report_summary(r));
}
