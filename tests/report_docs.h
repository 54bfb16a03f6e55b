/*
 * report_docs.h -- hand-made document reports for the writer suites
 * (test_report_text.c, test_report_html.c).
 *
 * The writers render what plugins put in a report, by the names that
 * docs/report-format.md fixes.  These helpers build such reports from an
 * article written by the test, computing every offset, line and column from
 * the article itself, so that a test states the attributes and findings it
 * needs and nothing is counted by hand.
 */
#ifndef GALLEY_TEST_REPORT_DOCS_H
#define GALLEY_TEST_REPORT_DOCS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

/*
 * A document report for text: blocks are its paragraphs, separated by
 * exactly one blank line ("\n\n"), as the core would find them.
 */
static json_t *doc_for(const char *path, const char *text)
{
    json_t *blocks = json_array();
    size_t start = 0, n = strlen(text), index = 0;
    long long line = 1;
    while (start < n) {
        const char *gap = strstr(text + start, "\n\n");
        size_t end = gap ? (size_t)(gap - text) : n;
        while (end > start && (text[end - 1] == '\n' || text[end - 1] == '\r'))
            end--;
        json_array_append_new(blocks,
                              json_pack("{s:I, s:I, s:I, s:I, s:{}}", "index", (json_int_t)index++,
                                        "line", (json_int_t)line, "start", (json_int_t)start, "end",
                                        (json_int_t)end, "attrs"));
        for (size_t i = start; i < (gap ? (size_t)(gap - text) + 2 : n); i++)
            if (text[i] == '\n')
                line++;
        start = gap ? (size_t)(gap - text) + 2 : n;
    }
    return json_pack("{s:s, s:I, s:I, s:I, s:I, s:o, s:{}, s:[]}", "path", path, "bytes",
                     (json_int_t)n, "lines", (json_int_t)line, "sentences", (json_int_t)index,
                     "tokens", (json_int_t)0, "blocks", blocks, "results", "findings");
}

static void set_attr(json_t *doc, size_t block, const char *name, json_t *value)
{
    json_t *b = json_array_get(json_object_get(doc, "blocks"), block);
    ck_assert_ptr_nonnull(b);
    json_object_set_new(json_object_get(b, "attrs"), name, value);
}

static void set_result(json_t *doc, const char *step, json_t *result)
{
    json_object_set_new(json_object_get(doc, "results"), step, result);
}

/* Where needle first occurs in text: byte offset, and 1-based line and column (in characters). */
static void line_column(const char *text, size_t at, long long *line, long long *column);
static size_t locate(const char *text, const char *needle, long long *line, long long *column)
{
    const char *at = strstr(text, needle);
    ck_assert_msg(at != NULL, "'%s' is not in the article", needle);
    line_column(text, (size_t)(at - text), line, column);
    return (size_t)(at - text);
}

/* A finding over the first occurrence of needle (or from it to the end of `through`). */
static void add_finding_span(json_t *doc, const char *text, const char *needle, const char *through,
                             const char *step, const char *rule, const char *severity,
                             const char *message)
{
    long long line, column, l2, c2;
    size_t start = locate(text, needle, &line, &column);
    size_t end =
        through ? locate(text, through, &l2, &c2) + strlen(through) : start + strlen(needle);
    json_array_append_new(json_object_get(doc, "findings"),
                          json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:s#, s:s}", "step", step,
                                    "rule", rule, "severity", severity, "start", (json_int_t)start,
                                    "end", (json_int_t)end, "line", (json_int_t)line, "column",
                                    (json_int_t)column, "text", text + start, (int)(end - start),
                                    "message", message));
}

static void add_finding(json_t *doc, const char *text, const char *needle, const char *step,
                        const char *rule, const char *severity, const char *message)
{
    add_finding_span(doc, text, needle, NULL, step, rule, severity, message);
}

/* Line and column (1-based, in characters) of byte offset `at` of text. */
static void line_column(const char *text, size_t at, long long *line, long long *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < at; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *column = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            (*column)++;
        }
    }
}

/* A person of the anonymise convention, with every occurrence of each name in mentions. */
static json_t *person(const char *text, const char *name, const char *category,
                      const char *const *mentions)
{
    json_t *list = json_array();
    for (size_t k = 0; mentions[k]; k++) {
        size_t len = strlen(mentions[k]);
        for (const char *p = text; (p = strstr(p, mentions[k])) != NULL; p += len) {
            long long line, column;
            line_column(text, (size_t)(p - text), &line, &column);
            json_array_append_new(list, json_pack("{s:s, s:I, s:I, s:I, s:I}", "text", mentions[k],
                                                  "start", (json_int_t)(p - text), "end",
                                                  (json_int_t)(p - text + (long)len), "line",
                                                  (json_int_t)line, "column", (json_int_t)column));
        }
    }
    return json_pack("{s:s, s:s, s:o, s:s}", "name", name, "category", category, "mentions", list,
                     "evidence", "written by the test");
}

/*
 * Runs a writer over documents (a NULL entry in docs stands for a document
 * that could not be read, named by failed_path) and returns what it wrote.
 */
static char *render_docs(const char *format, unsigned flags, int width, json_t *const *docs,
                         size_t n, const char *failed_path)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    ck_assert_ptr_nonnull(f);
    galley_report *r = galley_report_new(NULL, galley_writer_needs_documents(format));
    galley_write_options wo;
    memset(&wo, 0, sizeof wo);
    wo.struct_size = sizeof wo;
    wo.flags = flags;
    wo.width = width;
    galley_error err;
    galley_writer *w = galley_writer_new(format, f, &wo, &err);
    ck_assert_msg(w != NULL, "%s", err.text);
    for (size_t i = 0; i < n; i++) {
        if (docs[i]) {
            ck_assert_int_eq(galley_report_add(r, docs[i]), GALLEY_OK);
            ck_assert_int_eq(galley_writer_document(w, r, docs[i]), 0);
        } else {
            galley_error e;
            galley_error_clear(&e);
            galley_error_set(&e, GALLEY_EINPUT, "cannot read: No such file or directory");
            json_t *entry = galley_report_add_failure(r, failed_path, &e);
            ck_assert_ptr_nonnull(entry);
            ck_assert_int_eq(galley_writer_document(w, r, entry), 0);
        }
    }
    ck_assert_int_eq(galley_writer_finish(w, r), 0);
    galley_writer_free(w);
    galley_report_free(r);
    fclose(f);
    return out;
}

static char *render_one(const char *format, unsigned flags, int width, json_t *doc)
{
    return render_docs(format, flags, width, &doc, 1, NULL);
}

/* How many times needle occurs in haystack. */
static size_t count_of(const char *haystack, const char *needle)
{
    size_t n = 0;
    for (const char *p = haystack; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

#endif /* GALLEY_TEST_REPORT_DOCS_H */
