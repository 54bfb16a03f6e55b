/*
 * writer.c -- the table of output formats and the writer life cycle.
 */
#include <string.h>
#include <unistd.h>

#include "report.h"

static const gl_writer_ops *const formats[] = {&gl_writer_text,  &gl_writer_json,
                                               &gl_writer_jsonl, &gl_writer_sarif,
                                               &gl_writer_github, &gl_writer_junit,
                                               &gl_writer_html};

static const char *const format_names[] = {"text",   "json",  "jsonl", "sarif",
                                           "github", "junit", "html",  NULL};

static const gl_writer_ops *find_format(const char *name)
{
    for (size_t i = 0; i < GL_ARRAY_SIZE(formats); i++)
        if (strcmp(formats[i]->name, name) == 0)
            return formats[i];
    return NULL;
}

GALLEY_API const char *const *galley_writer_formats(void) { return format_names; }

GALLEY_API int galley_writer_needs_documents(const char *format)
{
    const gl_writer_ops *ops = find_format(format);
    return ops ? ops->needs_documents : 0;
}

GALLEY_API int galley_writer_needs_text(const char *format)
{
    const gl_writer_ops *ops = find_format(format);
    return ops ? ops->needs_text : 0;
}

GALLEY_API galley_writer *galley_writer_new(const char *format, FILE *out,
                                            const galley_write_options *options, galley_error *err)
{
    const gl_writer_ops *ops = find_format(format);
    if (!ops) {
        galley_error_set(err, GALLEY_EUSAGE,
                         "unknown format '%s' (formats: text, json, jsonl, sarif, github, junit, "
                         "html)",
                         format);
        return NULL;
    }
    galley_writer *w = gl_calloc(1, sizeof *w);
    if (!w) {
        galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        return NULL;
    }
    w->ops = ops;
    w->out = out;
    if (options) {
        size_t n = options->struct_size < sizeof w->options ? options->struct_size
                                                             : sizeof w->options;
        memcpy(&w->options, options, n);
    }
    w->options.struct_size = sizeof w->options;
    if (w->options.width <= 0)
        w->options.width = 100;
    return w;
}

GALLEY_API int galley_writer_document(galley_writer *w, const galley_report *r, const json_t *doc)
{
    w->documents++;
    return w->ops->document ? w->ops->document(w, r, doc) : 0;
}

GALLEY_API int galley_writer_finish(galley_writer *w, const galley_report *r)
{
    int rc = w->ops->finish ? w->ops->finish(w, r) : 0;
    if (fflush(w->out) != 0 || ferror(w->out))
        rc = GALLEY_EIO;
    return rc;
}

GALLEY_API void galley_writer_free(galley_writer *w)
{
    if (!w)
        return;
    if (w->ops->free_state)
        w->ops->free_state(w->state);
    gl_free(w);
}

int gl_json_write(FILE *out, const json_t *value, size_t flags)
{
    gl_buf b = GL_BUF_INIT;
    int rc = gl_json_dump(&b, value, flags);
    if (rc == 0 && b.len && fwrite(b.data, 1, b.len, out) != b.len)
        rc = -1;
    gl_buf_free(&b);
    return rc == 0 ? 0 : GALLEY_EIO;
}

int gl_write_safe(FILE *out, const char *s, size_t max_chars)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80) {
            if (max_chars && chars == max_chars) {
                fputs("\xE2\x80\xA6", out);
                break;
            }
            chars++;
        }
        if (*p < 0x20 || *p == 0x7F) {
            if (*p == '\t' || *p == '\n')
                fputc(' ', out);
            else
                fprintf(out, "\\x%02X", *p);
        } else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) { /* C1 controls */
            fprintf(out, "\\x%02X", p[1]);
            p++;
        } else {
            fputc(*p, out);
        }
    }
    return ferror(out) ? GALLEY_EIO : 0;
}

char *gl_relative_path(const char *path)
{
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    if (gl_path_is_absolute(path)) {
        char cwd[4096];
        if (getcwd(cwd, sizeof cwd)) {
            size_t n = strlen(cwd);
            if (n > 1 && strncmp(path, cwd, n) == 0 && path[n] == '/')
                return gl_strdup(path + n + 1);
        }
    }
    return gl_strdup(path);
}
