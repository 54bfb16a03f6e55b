/*
 * written.c -- a test plugin that writes its result as text (galley_result_*).
 *
 * Its option "mode" picks what it writes:
 *   full        every block as an object in an array (its text, numbers whole,
 *               fractional and not finite, booleans, null, empty and nested
 *               containers), a count and an object of names that need escapes;
 *   mixed       full, and a member set on galley_doc_result() too;
 *   clash       full, and "count" set on galley_doc_result() too;
 *   read        nothing as text: reads the result of step "from" (option) with
 *               galley_doc_step_result() and reports, as values, what it saw;
 *   and one mode per mistake: value-first, key-in-array, end-nothing,
 *   duplicate, not-utf8, left-open, name-left, too-deep.  In those, process()
 *   checks that the mistaken call was refused and that a correct call after
 *   it is refused too, and fails with "the host accepted ..." when not.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <galley/plugin.h>

typedef struct state {
    char mode[32];
    char from[64];
} state;

static int written_create(const galley_host *host, const galley_options *options, void **out,
                          galley_error *err)
{
    (void)host;
    state *s = calloc(1, sizeof *s);
    if (!s)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    strncpy(s->mode, galley_option_string(options, "mode"), sizeof s->mode - 1);
    strncpy(s->from, galley_option_string(options, "from"), sizeof s->from - 1);
    *out = s;
    return GALLEY_OK;
}

static void written_destroy(void *s)
{
    free(s);
}

/* The full result: every call correct. */
static int write_full(galley_doc *doc)
{
    size_t length;
    const char *text = galley_doc_text(doc, &length);
    const galley_block *blocks = galley_doc_blocks(doc);
    size_t n = galley_doc_block_count(doc);
    int rc = galley_result_key(doc, "blocks");
    rc |= galley_result_begin_array(doc);
    for (size_t b = 0; b < n; b++) {
        rc |= galley_result_begin_object(doc);
        rc |= galley_result_key(doc, "index");
        rc |= galley_result_integer(doc, (long long)b);
        rc |= galley_result_key(doc, "text");
        rc |= galley_result_string(doc, text + blocks[b].start, blocks[b].end - blocks[b].start);
        rc |= galley_result_key(doc, "third");
        rc |= galley_result_number(doc, (double)b / 3.0);
        rc |= galley_result_key(doc, "whole");
        rc |= galley_result_number(doc, 2.0 * (double)b);
        rc |= galley_result_key(doc, "big");
        rc |= galley_result_number(doc, 1234567.25 * (double)(b + 1));
        rc |= galley_result_key(doc, "not finite");
        rc |= galley_result_number(doc, b % 2 ? NAN : INFINITY);
        rc |= galley_result_key(doc, "odd");
        rc |= galley_result_bool(doc, (int)(b % 2));
        rc |= galley_result_key(doc, "none");
        rc |= galley_result_null(doc);
        rc |= galley_result_key(doc, "nested");
        rc |= galley_result_begin_array(doc);
        rc |= galley_result_begin_array(doc);
        rc |= galley_result_begin_object(doc);
        rc |= galley_result_end(doc);
        rc |= galley_result_end(doc);
        rc |= galley_result_begin_array(doc);
        rc |= galley_result_end(doc);
        rc |= galley_result_end(doc);
        rc |= galley_result_end(doc);
    }
    rc |= galley_result_end(doc);
    rc |= galley_result_key(doc, "count");
    rc |= galley_result_integer(doc, (long long)n);
    rc |= galley_result_key(doc, "names");
    rc |= galley_result_begin_object(doc);
    rc |= galley_result_key(doc, "quote \" back \\ tab \t");
    rc |= galley_result_string(doc, "nul \0 inside", 12);
    rc |= galley_result_key(doc, "caf\xC3\xA9");
    rc |= galley_result_integer(doc, -9223372036854775807LL - 1);
    rc |= galley_result_key(doc, "empty");
    rc |= galley_result_begin_object(doc);
    rc |= galley_result_end(doc);
    rc |= galley_result_end(doc);
    return rc;
}

/* A mistaken call must be refused, and a correct one after it too. */
static int expect_refused(int rc, galley_doc *doc, galley_error *err, const char *what)
{
    if (rc != GALLEY_EUSAGE)
        return galley_error_set(err, GALLEY_EPLUGIN, "the host accepted %s", what);
    if (galley_result_key(doc, "after") != GALLEY_EUSAGE)
        return galley_error_set(err, GALLEY_EPLUGIN, "the host accepted a call after %s", what);
    return GALLEY_OK;
}

static int written_process(const void *sp, galley_doc *doc, galley_error *err)
{
    const state *s = sp;
    const char *m = s->mode;
    if (strcmp(m, "read") == 0) {
        const json_t *r = galley_doc_step_result(doc, s->from);
        json_t *mine = galley_doc_result(doc);
        json_object_set_new(mine, "count_seen", json_incref(json_object_get(r, "count")));
        json_object_set_new(
            mine, "blocks_seen",
            json_integer((json_int_t)json_array_size(json_object_get(r, "blocks"))));
        return GALLEY_OK;
    }
    if (strcmp(m, "full") == 0 || strcmp(m, "mixed") == 0 || strcmp(m, "clash") == 0) {
        if (strcmp(m, "mixed") == 0)
            json_object_set_new(galley_doc_result(doc), "as_value", json_true());
        if (strcmp(m, "clash") == 0)
            json_object_set_new(galley_doc_result(doc), "count", json_integer(-1));
        if (write_full(doc) != 0)
            return galley_error_set(err, GALLEY_EPLUGIN, "the host refused a correct call");
        return GALLEY_OK;
    }
    if (strcmp(m, "value-first") == 0)
        return expect_refused(galley_result_integer(doc, 1), doc, err, "a value without a name");
    if (strcmp(m, "key-in-array") == 0) {
        galley_result_key(doc, "list");
        galley_result_begin_array(doc);
        return expect_refused(galley_result_key(doc, "x"), doc, err, "a name in an array");
    }
    if (strcmp(m, "end-nothing") == 0)
        return expect_refused(galley_result_end(doc), doc, err, "an end with nothing open");
    if (strcmp(m, "duplicate") == 0) {
        galley_result_key(doc, "a");
        galley_result_integer(doc, 1);
        return expect_refused(galley_result_key(doc, "a"), doc, err, "a name twice");
    }
    if (strcmp(m, "not-utf8") == 0) {
        galley_result_key(doc, "bad");
        return expect_refused(galley_result_string(doc, "\xFF", 1), doc, err,
                              "a string that is not UTF-8");
    }
    if (strcmp(m, "too-deep") == 0) {
        galley_result_key(doc, "deep");
        for (int d = 0; d < 64; d++)
            if (galley_result_begin_array(doc) != GALLEY_OK)
                return galley_error_set(err, GALLEY_EPLUGIN, "the host refused depth %d", d + 1);
        return expect_refused(galley_result_begin_array(doc), doc, err, "depth 65");
    }
    if (strcmp(m, "left-open") == 0) {
        galley_result_key(doc, "open");
        galley_result_begin_object(doc);
        return GALLEY_OK;
    }
    if (strcmp(m, "name-left") == 0) {
        galley_result_key(doc, "lonely");
        return GALLEY_OK;
    }
    return galley_error_set(err, GALLEY_ECONFIG, "unknown mode '%s'", m);
}

static const galley_option options[] = {
    {"mode", GALLEY_TYPE_STRING, "full", "what to write (see written.c)"},
    {"from", GALLEY_TYPE_STRING, "w", "the step whose result mode read reads"},
    {NULL, 0, NULL, NULL}};

static const galley_plugin written = {
    GALLEY_PLUGIN_HEADER,       .name = "written",
    .version = "0.0.1",         .summary = "Test plugin: a result written as text",
    .options = options,         .create = written_create,
    .process = written_process, .destroy = written_destroy,
};

GALLEY_PLUGIN_DEFINE(written)
