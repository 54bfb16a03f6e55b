/*
 * report_view.h -- the editor's view of a document report: the figures that
 * the text and HTML reports put in front of an editor (section, boilerplate
 * ratio, sentiment, tone, persons, the gate's verdict), derived from the
 * attribute and result names that docs/report-format.md fixes, and the
 * article's text, which the report itself does not carry.
 */
#ifndef GALLEY_REPORT_VIEW_H
#define GALLEY_REPORT_VIEW_H

#include <stddef.h>

#include "internal.h"

/* Person categories of the anonymise convention, plus anything else a plugin says. */
enum {
    GL_PERSON_PSEUDONYM,
    GL_PERSON_PUBLIC,
    GL_PERSON_ON_RECORD,
    GL_PERSON_UNLISTED,
    GL_PERSON_OTHER,
    GL_PERSON_KINDS
};

typedef struct gl_view {
    /* Borrowed from the document report: valid while it is. */
    const char *path;
    const json_t *error; /* the document could not be processed: {status, message, ...} */
    size_t blocks;

    /* Boilerplate: counted over the blocks that carry the attribute. */
    int has_boilerplate;
    size_t boilerplate_blocks;
    unsigned long long block_bytes, boilerplate_bytes;

    /* Section: the section step's label and p, else the content blocks' majority. */
    const char *section; /* NULL when no step labels sections */
    double section_p;    /* -1 when unknown */

    /* Sentiment: the sentiment step's score, else the content blocks' mean. */
    int has_sentiment;
    double sentiment;
    const char *polarity; /* may be NULL */
    const char *tone;     /* may be NULL */

    /* Persons from the result that holds "persons", NULL when none. */
    const json_t *persons;
    size_t person_counts[GL_PERSON_KINDS];

    size_t findings, errors, warnings, infos;
    int fails_gate; /* this document alone has a finding at or above fail_on */

    /* Ids of the steps whose results the view shows (NULL when none). */
    const char *section_step, *sentiment_step, *persons_step;
} gl_view;

/*
 * What a summary table keeps of one article once its report is gone: a few
 * numbers and the path (owned: gl_view_row_free frees it).
 */
typedef struct gl_view_row {
    char *path;
    int failed, fails_gate, has_boilerplate, has_sentiment;
    size_t blocks, errors, warnings;
    double boilerplate_ratio, sentiment, section_p;
    char section[32];
} gl_view_row;

/* Fills a row from a view, with the path as given; GALLEY_ENOMEM when it cannot copy it. */
int gl_view_row_set(gl_view_row *row, const gl_view *view, const char *path);
void gl_view_row_free(gl_view_row *row);

/* Derives the view of a document report; fail_on is GALLEY_ERROR, GALLEY_WARNING or -1. */
void gl_view_document(const json_t *doc, int fail_on, gl_view *view);

/* 1 when step_id's result is shown by the view itself (section, sentiment, persons). */
int gl_view_shows_step(const gl_view *view, const char *step_id);
/*
 * 1 when, in the report's pipeline, step_id is the step whose plugin
 * declares the block attribute `attribute` (0 for a report without one).
 */
int gl_view_step_declares(const galley_report *report, const char *step_id, const char *attribute);

/* A person category as its kind, the kind as the label an editor reads, and as its name. */
int gl_view_person_kind(const char *category);
const char *gl_view_person_label(int kind, int plural);
const char *gl_view_person_category(int kind);

/*
 * The attribute of a block: NULL when the block lacks it.  The getters
 * return fallback for a missing or mistyped value.
 */
const json_t *gl_view_attr(const json_t *block, const char *name);
double gl_view_attr_number(const json_t *block, const char *name, double fallback);
const char *gl_view_attr_string(const json_t *block, const char *name);
int gl_view_is_boilerplate(const json_t *block);

/*
 * The article's text, for the reports that show it.  A document report may
 * carry it in a "text" member (a host that ran the document from memory,
 * such as standard input, puts it there); otherwise the file at "path" is
 * read again.  The text is returned only when its length is the report's
 * "bytes", so that offsets are never applied to a file that changed since it
 * was analysed.  On success *text is borrowed from the report or, when
 * *owned is set, allocated with gl_malloc for the caller to gl_free.
 * Returns 0, or -1 when the text is not available (why says so, for the
 * reader of the report).
 */
int gl_view_text(const json_t *doc, const char **text, size_t *length, char **owned, char *why,
                 size_t why_size);

#endif /* GALLEY_REPORT_VIEW_H */
