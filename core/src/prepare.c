/*
 * prepare.c -- documents rendered ahead of writing, on the threads that
 * analysed them.
 *
 * A report is written in input order by one thread.  When that thread also
 * serialises every document and frees its JSON, it does a third of the work
 * of a batch alone and caps what more workers can gain.  For formats whose
 * per-document output depends on nothing but the document (jsonl), a worker
 * renders the bytes and counts what the document adds to the report's
 * totals; the writing thread then only adds the numbers and copies the
 * bytes, in order.
 */
#include <string.h>

#include "pipeline.h"
#include "report.h"

struct galley_prepared {
    gl_doc_counts counts;
    gl_buf bytes;
};

/* Whether w writes documents that r lets it render ahead (r keeps no documents). */
static int takes_prepared(const galley_writer *w, const galley_report *r)
{
    return w->ops->document && !gl_report_keeps_documents(r);
}

GALLEY_API int galley_writer_prepare(const galley_writer *w, const galley_report *r,
                                     const json_t *doc, galley_prepared **out, galley_error *err)
{
    *out = NULL;
    /* A report that keeps every document needs the document itself, not its bytes. */
    if (!w->ops->render || !takes_prepared(w, r) || json_object_get(doc, "error"))
        return GALLEY_OK;
    galley_prepared *p = gl_calloc(1, sizeof *p);
    if (!p)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    gl_report_count(doc, &p->counts);
    int rc = w->ops->render(w, doc, &p->bytes);
    if (rc != 0) {
        galley_prepared_free(p);
        return galley_error_set(err, rc, "out of memory rendering the report of a document");
    }
    *out = p;
    return GALLEY_OK;
}

GALLEY_API int galley_writer_document_prepared(galley_writer *w, galley_report *r,
                                               const galley_prepared *p)
{
    gl_report_add_counts(r, &p->counts);
    w->documents++;
    if (p->bytes.len && fwrite(p->bytes.data, 1, p->bytes.len, w->out) != p->bytes.len)
        return GALLEY_EIO;
    return fflush(w->out) == 0 ? 0 : GALLEY_EIO;
}

GALLEY_API void galley_prepared_free(galley_prepared *p)
{
    if (!p)
        return;
    gl_buf_free(&p->bytes);
    gl_free(p);
}

/* What a document adds to the report's totals, as gl_report_count counts them from its report. */
static void count_doc(const galley_doc *doc, gl_doc_counts *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < doc->finding_count; i++) {
        int s = doc->findings[i].severity;
        if (s == GALLEY_ERROR)
            c->errors++;
        else if (s == GALLEY_WARNING)
            c->warnings++;
        else
            c->infos++;
    }
    const galley_pipeline *p = doc->pipeline;
    c->blocks = doc->text.block_count;
    for (size_t a = 0; a < p->attr_count; a++) {
        if (strcmp(p->attrs[a].name, "boilerplate") != 0 || p->attrs[a].type != GALLEY_TYPE_BOOL)
            continue;
        for (size_t b = 0; b < doc->text.block_count; b++) {
            const gl_value *v = &doc->values[b * p->attr_count + a];
            c->boilerplate_blocks += v->set && v->u.boolean;
        }
    }
    c->bytes = (unsigned long long)doc->text.length;
}

int gl_prepare_doc(const galley_writer *w, const galley_report *r, const galley_doc *doc,
                   galley_prepared **out)
{
    *out = NULL;
    if (!w || !r || !w->ops->render_doc || !takes_prepared(w, r))
        return 0;
    galley_prepared *p = gl_calloc(1, sizeof *p);
    if (!p)
        return -1;
    count_doc(doc, &p->counts);
    int rc = w->ops->render_doc(w, doc, &p->bytes);
    if (rc != 0) {
        galley_prepared_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

GALLEY_API unsigned long long galley_prepared_bytes(const galley_prepared *p)
{
    return p ? p->counts.bytes : 0;
}
