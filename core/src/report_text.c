/*
 * report_text.c -- the plain text report for a terminal.
 *
 * One section per document: a header line, each step's scalar results on one
 * line, then the findings as file:line:col severity rule message, the shape
 * compilers and prose linters use so that editors and terminals can jump to
 * them.  A summary with the gate's verdict comes last.
 */
#include <math.h>
#include <string.h>

#include "report.h"

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define GREEN "\033[32m"
#define RESET "\033[0m"

static const char *paint(const galley_writer *w, const char *code)
{
    return (w->options.flags & GALLEY_WRITE_COLOR) ? code : "";
}

static const char *shown_path(const galley_writer *w, const char *path)
{
    const char *base = w->options.base;
    size_t n = base ? strlen(base) : 0;
    if (n && strncmp(path, base, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

static void print_number(FILE *out, double v)
{
    if (v == floor(v) && fabs(v) < 1e15)
        fprintf(out, "%.0f", v);
    else
        fprintf(out, "%.3g", v);
}

/* A step's scalar results on one line, e.g. "words 1204 · sentences 61". */
static void print_results(galley_writer *w, const json_t *results)
{
    const char *step;
    json_t *res;
    json_object_foreach((json_t *)results, step, res) {
        if (!json_is_object(res) || json_object_size(res) == 0)
            continue;
        fprintf(w->out, "  %s%-12s%s", paint(w, BOLD), step, paint(w, RESET));
        int first = 1, shown = 0;
        const char *key;
        json_t *v;
        json_object_foreach(res, key, v) {
            if (shown >= 8)
                break;
            if (json_is_object(v))
                continue;
            fprintf(w->out, "%s%s ", first ? " " : " · ", key);
            first = 0;
            shown++;
            if (json_is_number(v))
                print_number(w->out, json_number_value(v));
            else if (json_is_string(v))
                gl_write_safe(w->out, json_string_value(v), 40);
            else if (json_is_boolean(v))
                fputs(json_is_true(v) ? "yes" : "no", w->out);
            else if (json_is_array(v))
                fprintf(w->out, "[%zu]", json_array_size(v));
            else
                fputs("-", w->out);
        }
        fputc('\n', w->out);
    }
}

static const char *severity_colour(const char *sev)
{
    return strcmp(sev, "error") == 0 ? RED : strcmp(sev, "warning") == 0 ? YELLOW : CYAN;
}

static int text_document(galley_writer *w, const galley_report *r, const json_t *doc)
{
    (void)r;
    FILE *out = w->out;
    const char *path = shown_path(w, json_string_value(json_object_get(doc, "path")));
    const json_t *error = json_object_get(doc, "error");
    if (w->documents > 1 && !(w->options.flags & GALLEY_WRITE_QUIET))
        fputc('\n', out);
    if (error) {
        fprintf(out, "%s", paint(w, BOLD));
        gl_write_safe(out, path, 0);
        fprintf(out, "%s: %s%s error%s: ", paint(w, RESET), paint(w, RED),
                json_string_value(json_object_get(error, "status")), paint(w, RESET));
        gl_write_safe(out, json_string_value(json_object_get(error, "message")), 0);
        fputc('\n', out);
        return ferror(out) ? GALLEY_EIO : 0;
    }
    const json_t *findings = json_object_get(doc, "findings");
    if (!(w->options.flags & GALLEY_WRITE_QUIET)) {
        double kb = (double)json_integer_value(json_object_get(doc, "bytes")) / 1000.0;
        fprintf(out, "%s", paint(w, BOLD));
        gl_write_safe(out, path, 0);
        fprintf(out, "%s  %s%zu blocks, %zu sentences, %.1f kB, %zu findings%s\n",
                paint(w, RESET), paint(w, DIM), json_array_size(json_object_get(doc, "blocks")),
                (size_t)json_integer_value(json_object_get(doc, "sentences")), kb,
                json_array_size(findings), paint(w, RESET));
        print_results(w, json_object_get(doc, "results"));
    }
    size_t i;
    json_t *f;
    json_array_foreach(findings, i, f) {
        const char *sev = json_string_value(json_object_get(f, "severity"));
        fputs("  ", out);
        gl_write_safe(out, path, 0);
        fprintf(out, ":%lld:%lld %s%s%s %s/%s ",
                (long long)json_integer_value(json_object_get(f, "line")),
                (long long)json_integer_value(json_object_get(f, "column")),
                paint(w, severity_colour(sev)), sev, paint(w, RESET),
                json_string_value(json_object_get(f, "step")),
                json_string_value(json_object_get(f, "rule")));
        gl_write_safe(out, json_string_value(json_object_get(f, "message")), 0);
        fputc('\n', out);
    }
    return ferror(out) ? GALLEY_EIO : 0;
}

static int text_finish(galley_writer *w, const galley_report *r)
{
    json_t *gate = gl_report_gate(r), *summary = gl_report_summary(r);
    if (!gate || !summary) {
        json_decref(gate);
        json_decref(summary);
        return GALLEY_ENOMEM;
    }
    long long docs = json_integer_value(json_object_get(summary, "documents"));
    long long failed = json_integer_value(json_object_get(summary, "failed"));
    long long errors = json_integer_value(json_object_get(gate, "errors"));
    long long warnings = json_integer_value(json_object_get(gate, "warnings"));
    long long infos = json_integer_value(json_object_get(gate, "infos"));
    int passed = json_is_true(json_object_get(gate, "passed"));
    fprintf(w->out, "\n%lld document%s", docs, docs == 1 ? "" : "s");
    if (failed)
        fprintf(w->out, " (%s%lld failed%s)", paint(w, RED), failed, paint(w, RESET));
    fprintf(w->out, ", %lld error%s, %lld warning%s, %lld info — gate %s%s%s (fail_on: %s)\n",
            errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", infos,
            paint(w, passed ? GREEN : RED), passed ? "passed" : "FAILED", paint(w, RESET),
            json_string_value(json_object_get(gate, "fail_on")));
    json_decref(gate);
    json_decref(summary);
    return ferror(w->out) ? GALLEY_EIO : 0;
}

const gl_writer_ops gl_writer_text = {
    .name = "text",
    .summary = "a report for a terminal: results per step, findings as file:line:col, a summary",
    .needs_documents = 0,
    .document = text_document,
    .finish = text_finish,
};
