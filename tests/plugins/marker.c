/*
 * marker.c -- a well-behaved test plugin that exercises every part of the
 * host API: attributes of each type, results, options of each type, a meta
 * key and findings of each severity.
 *
 * Per block in scope: even (bool, block index is even), kind (string, "short"
 * under 40 bytes else "long"), length (number, bytes).  A finding for each
 * occurrence of ERROR, WARN or INFO in a block, with that severity.
 */
#include <string.h>

#include <galley/plugin.h>

static int marker_process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    size_t length;
    const char *text = galley_doc_text(doc, &length);
    const galley_block *blocks = galley_doc_blocks(doc);
    size_t in_scope = 0;
    for (size_t b = 0; b < galley_doc_block_count(doc); b++) {
        if (!galley_doc_in_scope(doc, b))
            continue;
        in_scope++;
        size_t n = blocks[b].end - blocks[b].start;
        if (galley_doc_set_bool(doc, b, "even", b % 2 == 0) ||
            galley_doc_set_string(doc, b, "kind", n < 40 ? "short" : "long") ||
            galley_doc_set_number(doc, b, "length", (double)n))
            return galley_error_set(err, GALLEY_EPLUGIN, "cannot set attributes");
        static const struct {
            const char *word;
            const char *rule;
            galley_severity severity;
        } marks[] = {{"ERROR", "has-error", GALLEY_ERROR},
                     {"WARN", "has-warning", GALLEY_WARNING},
                     {"INFO", "has-info", GALLEY_INFO}};
        for (size_t m = 0; m < 3; m++) {
            size_t wl = strlen(marks[m].word);
            for (size_t i = blocks[b].start; i + wl <= blocks[b].end; i++)
                if (memcmp(text + i, marks[m].word, wl) == 0)
                    galley_doc_add_finding(doc, marks[m].rule, marks[m].severity, i, i + wl,
                                           "block %zu says %s", b, marks[m].word);
        }
    }
    json_t *r = galley_doc_result(doc);
    json_object_set_new(r, "blocks_in_scope", json_integer((json_int_t)in_scope));
    const json_t *note = json_object_get(galley_doc_meta(doc), "marker_note");
    if (note)
        json_object_set_new(r, "note", json_deep_copy(note));
    return GALLEY_OK;
}

typedef struct marker_state {
    int flag;
    double factor;
    char label[64];
    char list[512];
} marker_state;

static int marker_create(const galley_host *host, const galley_options *options, void **state,
                         galley_error *err)
{
    (void)host;
    static marker_state s; /* read-only after create: fine to share */
    s.flag = galley_option_bool(options, "flag");
    s.factor = galley_option_number(options, "factor");
    snprintf(s.label, sizeof s.label, "%s", galley_option_string(options, "label"));
    snprintf(s.list, sizeof s.list, "%s", galley_option_string(options, "list"));
    if (s.factor < 0)
        return galley_error_set(err, GALLEY_ECONFIG, "factor must not be negative");
    *state = &s;
    return GALLEY_OK;
}

static const galley_field attributes[] = {
    {"even", GALLEY_TYPE_BOOL, "the block's index is even"},
    {"kind", GALLEY_TYPE_STRING, "short or long"},
    {"length", GALLEY_TYPE_NUMBER, "bytes in the block"},
    {NULL, 0, NULL}};
static const galley_field results[] = {
    {"blocks_in_scope", GALLEY_TYPE_NUMBER, "blocks it saw"}, {NULL, 0, NULL}};
static const galley_option options[] = {
    {"flag", GALLEY_TYPE_BOOL, "false", "a switch"},
    {"factor", GALLEY_TYPE_NUMBER, "1.5", "a number"},
    {"label", GALLEY_TYPE_STRING, "m", "a string"},
    {"list", GALLEY_TYPE_PATH, "words.txt", "a file"},
    {NULL, 0, NULL, NULL}};
static const char *const meta_keys[] = {"marker_note", NULL};
static const char *const rules[] = {"has-error: the block says ERROR",
                                    "has-warning: the block says WARN",
                                    "has-info: the block says INFO", NULL};

static const galley_plugin marker = {
    GALLEY_PLUGIN_HEADER,
    .name = "marker",
    .version = "0.0.1",
    .summary = "Test plugin: marks blocks and reports findings",
    .license = "MIT",
    .attributes = attributes,
    .results = results,
    .options = options,
    .meta_keys = meta_keys,
    .rules = rules,
    .create = marker_create,
    .process = marker_process,
};

GALLEY_PLUGIN_DEFINE(marker)
