/*
 * report_junit.c -- JUnit XML, the test report format CI servers show
 * (GitLab's artifacts:reports:junit, Jenkins, Azure Pipelines).
 *
 * One test suite for the run and one test case per article: the case fails
 * when the article has a finding at or above the gate's fail_on level (each
 * such finding listed as file:line:column severity rule message), is in
 * error when the article could not be processed, and passes otherwise, with
 * findings below the threshold kept in its system-out.  Everything from the
 * articles and the plugins is escaped for XML, and the control characters
 * XML 1.0 cannot hold at all are written as \xNN.
 */
#include <string.h>

#include "report.h"

static void put_xml(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default:
            if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
                fprintf(out, "\\x%02X", *p);
            else
                fputc(*p, out);
        }
    }
}

static int severity_rank(const char *severity)
{
    if (severity && strcmp(severity, "error") == 0)
        return GALLEY_ERROR;
    if (severity && strcmp(severity, "warning") == 0)
        return GALLEY_WARNING;
    return GALLEY_INFO;
}

static int fail_on_of(const galley_report *r)
{
    const galley_pipeline *p = gl_report_pipeline(r);
    return p ? galley_pipeline_fail_on(p) : GALLEY_ERROR;
}

/* The number of findings of doc at or above fail_on (never, -1, counts none). */
static size_t failing(const json_t *doc, int fail_on)
{
    size_t n = 0, i;
    json_t *f;
    if (fail_on < 0)
        return 0;
    json_array_foreach(json_object_get(doc, "findings"), i, f) n +=
        severity_rank(json_string_value(json_object_get(f, "severity"))) >= fail_on;
    return n;
}

static void put_finding(FILE *out, const char *path, const json_t *f)
{
    put_xml(out, path);
    fprintf(out, ":%lld:%lld: ", (long long)json_integer_value(json_object_get(f, "line")),
            (long long)json_integer_value(json_object_get(f, "column")));
    put_xml(out, json_string_value(json_object_get(f, "severity")));
    fputc(' ', out);
    put_xml(out, json_string_value(json_object_get(f, "step")));
    fputc('/', out);
    put_xml(out, json_string_value(json_object_get(f, "rule")));
    fputs(": ", out);
    put_xml(out, json_string_value(json_object_get(f, "message")));
    const char *text = json_string_value(json_object_get(f, "text"));
    if (text && *text) {
        fputs(" [", out);
        put_xml(out, text);
        fputc(']', out);
    }
    fputc('\n', out);
}

static int put_case(FILE *out, const json_t *doc, const char *suite, int fail_on)
{
    char *path = gl_relative_path(json_string_value(json_object_get(doc, "path")));
    /* Out of memory: a test case named "-" would be a wrong report that looks right. */
    if (!path)
        return GALLEY_ENOMEM;
    const char *shown = path;
    fputs("    <testcase name=\"", out);
    put_xml(out, shown);
    fputs("\" classname=\"", out);
    put_xml(out, suite);
    fputs("\" file=\"", out);
    put_xml(out, shown);
    fputs("\" time=\"0\">\n", out);
    const json_t *error = json_object_get(doc, "error");
    if (error) {
        fputs("      <error type=\"", out);
        put_xml(out, json_string_value(json_object_get(error, "status")));
        fputs("\" message=\"", out);
        put_xml(out, json_string_value(json_object_get(error, "message")));
        fputs("\">", out);
        put_xml(out, shown);
        fputs(": ", out);
        put_xml(out, json_string_value(json_object_get(error, "message")));
        fputs("</error>\n", out);
    } else {
        size_t fails = failing(doc, fail_on), i;
        json_t *f;
        if (fails) {
            fprintf(out, "      <failure type=\"%s\" message=\"%zu finding%s at or above %s\">",
                    gl_fail_on_name(fail_on), fails, fails == 1 ? "" : "s",
                    gl_fail_on_name(fail_on));
            json_array_foreach(json_object_get(doc, "findings"), i, f) if (
                fail_on >= 0 &&
                severity_rank(json_string_value(json_object_get(f, "severity"))) >= fail_on)
                put_finding(out, shown, f);
            fputs("</failure>\n", out);
        }
        if (json_array_size(json_object_get(doc, "findings")) > fails) {
            fputs("      <system-out>", out);
            json_array_foreach(json_object_get(doc, "findings"), i, f) if (
                fail_on < 0 ||
                severity_rank(json_string_value(json_object_get(f, "severity"))) < fail_on)
                put_finding(out, shown, f);
            fputs("</system-out>\n", out);
        }
    }
    fputs("    </testcase>\n", out);
    gl_free(path);
    return 0;
}

static int junit_finish(galley_writer *w, const galley_report *r)
{
    FILE *out = w->out;
    const json_t *docs = gl_report_documents(r);
    int fail_on = fail_on_of(r);
    size_t failures = 0, errors = 0, i;
    json_t *doc;
    json_array_foreach(docs, i, doc) {
        if (json_object_get(doc, "error"))
            errors++;
        else if (failing(doc, fail_on))
            failures++;
    }
    json_t *config = gl_report_config(r);
    const char *name = json_string_value(json_object_get(config, "name"));
    const char *suite = name && *name ? name : "galley";
    size_t tests = json_array_size(docs);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out, "<testsuites name=\"galley\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
            tests, failures, errors);
    fputs("  <testsuite name=\"", out);
    put_xml(out, suite);
    fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"0\" time=\"0\">\n",
            tests, failures, errors);
    fputs("    <properties>\n      <property name=\"fail_on\" value=\"", out);
    put_xml(out, gl_fail_on_name(fail_on));
    fputs("\"/>\n      <property name=\"config\" value=\"", out);
    put_xml(out, json_string_value(json_object_get(config, "path")));
    fputs("\"/>\n      <property name=\"galley\" value=\"" GALLEY_VERSION_STRING "\"/>\n"
          "    </properties>\n",
          out);
    int rc = 0;
    json_array_foreach(docs, i, doc) if (rc == 0) rc = put_case(out, doc, suite, fail_on);
    fputs("  </testsuite>\n</testsuites>\n", out);
    json_decref(config);
    return rc ? rc : ferror(out) ? GALLEY_EIO : 0;
}

const gl_writer_ops gl_writer_junit = {
    .name = "junit",
    .summary = "JUnit XML: a test case per article, failed at or above gate.fail_on",
    .needs_documents = 1,
    .finish = junit_finish,
};
