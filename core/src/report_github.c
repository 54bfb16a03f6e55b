/*
 * report_github.c -- GitHub Actions workflow commands: each finding becomes
 * an annotation on the file and line of a pull request,
 *
 *     ::error file=corpus/a.txt,line=12,col=5,endColumn=17,title=anonymise/unlisted-name::...
 *
 * streamed as documents finish, then one summary line.  GitHub reads
 * property values up to the next ',' or '::', so %, CR, LF, ':' and ',' are
 * percent-encoded in them, and %, CR and LF in the message.  GitHub draws
 * columns only on a one-line annotation, and its endColumn is the column of
 * the last character, so a span that crosses lines is given by lines alone.
 */
#include <string.h>

#include "report.h"

/* Writes s escaped for a workflow command; property values also escape ':' and ','. */
static void put_escaped(FILE *out, const char *s, int property)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p == '%')
            fputs("%25", out);
        else if (*p == '\r')
            fputs("%0D", out);
        else if (*p == '\n')
            fputs("%0A", out);
        else if (property && *p == ':')
            fputs("%3A", out);
        else if (property && *p == ',')
            fputs("%2C", out);
        /* The Actions log draws ANSI sequences: an article must not colour or hide lines. */
        else if (*p < 0x20 || *p == 0x7F)
            fprintf(out, "\\x%02X", *p);
        else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) /* C1 controls, U+0080-U+009F */
            fprintf(out, "\\x%02X", *++p);
        else
            fputc(*p, out);
    }
}

static const char *command_of(const char *severity)
{
    if (severity && strcmp(severity, "error") == 0)
        return "error";
    if (severity && strcmp(severity, "warning") == 0)
        return "warning";
    return "notice";
}

static int github_document(galley_writer *w, const galley_report *r, const json_t *doc)
{
    (void)r;
    FILE *out = w->out;
    char *path = gl_relative_path(json_string_value(json_object_get(doc, "path")));
    if (!path)
        return GALLEY_ENOMEM;
    const json_t *error = json_object_get(doc, "error");
    if (error) {
        fputs("::error file=", out);
        put_escaped(out, path, 1);
        fputs(",title=", out);
        put_escaped(out, "galley: ", 1);
        put_escaped(out, json_string_value(json_object_get(error, "status")), 1);
        put_escaped(out, " error", 1);
        fputs("::", out);
        put_escaped(out, json_string_value(json_object_get(error, "message")), 0);
        fputc('\n', out);
    }
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(doc, "findings"), i, f) {
        long long line = json_integer_value(json_object_get(f, "line"));
        long long col = json_integer_value(json_object_get(f, "column"));
        long long end_line = json_integer_value(json_object_get(f, "end_line"));
        long long end_col = json_integer_value(json_object_get(f, "end_column"));
        fprintf(out, "::%s file=", command_of(json_string_value(json_object_get(f, "severity"))));
        put_escaped(out, path, 1);
        if (line > 0) {
            fprintf(out, ",line=%lld", line);
            if (end_line > line)
                fprintf(out, ",endLine=%lld", end_line);
            else if (col > 0) {
                fprintf(out, ",col=%lld", col);
                if (end_col - 1 > col)
                    fprintf(out, ",endColumn=%lld", end_col - 1);
            }
        }
        fputs(",title=", out);
        put_escaped(out, json_string_value(json_object_get(f, "step")), 1);
        put_escaped(out, "/", 1);
        put_escaped(out, json_string_value(json_object_get(f, "rule")), 1);
        fputs("::", out);
        put_escaped(out, json_string_value(json_object_get(f, "message")), 0);
        fputc('\n', out);
    }
    gl_free(path);
    return ferror(out) ? GALLEY_EIO : 0;
}

static int github_finish(galley_writer *w, const galley_report *r)
{
    json_t *gate = gl_report_gate(r), *summary = gl_report_summary(r);
    if (!gate || !summary) {
        json_decref(gate);
        json_decref(summary);
        return GALLEY_ENOMEM;
    }
    int passed = json_is_true(json_object_get(gate, "passed"));
    long long failed = json_integer_value(json_object_get(summary, "failed"));
    /* A notice, so that the verdict shows in the run's summary as well as its log. */
    fprintf(w->out,
            "::%s title=galley gate %s::%lld document%s, %lld failed to process, %lld error%s, "
            "%lld warning%s (fail_on: %s)\n",
            passed && !failed ? "notice" : "error",
            !passed ? "failed" : failed ? "incomplete" : "passed",
            (long long)json_integer_value(json_object_get(summary, "documents")),
            json_integer_value(json_object_get(summary, "documents")) == 1 ? "" : "s", failed,
            (long long)json_integer_value(json_object_get(gate, "errors")),
            json_integer_value(json_object_get(gate, "errors")) == 1 ? "" : "s",
            (long long)json_integer_value(json_object_get(gate, "warnings")),
            json_integer_value(json_object_get(gate, "warnings")) == 1 ? "" : "s",
            json_string_value(json_object_get(gate, "fail_on")));
    json_decref(gate);
    json_decref(summary);
    return ferror(w->out) ? GALLEY_EIO : 0;
}

const gl_writer_ops gl_writer_github = {
    .name = "github",
    .summary = "GitHub Actions workflow commands: one annotation per finding, then a summary",
    .needs_documents = 0,
    .document = github_document,
    .finish = github_finish,
};
