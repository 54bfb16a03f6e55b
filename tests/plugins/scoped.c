/*
 * scoped.c -- a test plugin that needs marker's "even" attribute, records
 * which blocks are in its scope, and tries to write outside its scope and to
 * set an attribute it did not declare, recording what the host answered.
 */
#include <galley/plugin.h>

static int scoped_process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    (void)err;
    json_t *seen = json_array();
    int refused_attr = 0, refused_finding = 0, undeclared = 0, foreign = 0;
    for (size_t b = 0; b < galley_doc_block_count(doc); b++) {
        if (galley_doc_in_scope(doc, b)) {
            json_array_append_new(seen, json_integer((json_int_t)b));
            galley_doc_set_number(doc, b, "seen", 1.0);
            undeclared = galley_doc_set_number(doc, b, "not-declared", 1.0);
            foreign = galley_doc_set_bool(doc, b, "even", 0);
        } else {
            refused_attr = galley_doc_set_number(doc, b, "seen", 1.0);
            const galley_block *bl = &galley_doc_blocks(doc)[b];
            refused_finding = galley_doc_add_finding(doc, "outside", GALLEY_ERROR, bl->start,
                                                     bl->end, "should be refused");
        }
    }
    json_t *r = galley_doc_result(doc);
    json_object_set_new(r, "seen", seen);
    json_object_set_new(r, "scope_count", json_integer((json_int_t)galley_doc_scope_count(doc)));
    json_object_set_new(r, "refused_attr", json_integer(refused_attr));
    json_object_set_new(r, "refused_finding", json_integer(refused_finding));
    json_object_set_new(r, "undeclared", json_integer(undeclared));
    json_object_set_new(r, "foreign", json_integer(foreign));
    json_object_set_new(r, "nan", json_integer(galley_doc_set_number(doc, 0, "seen", 0.0 / 0.0)));
    return GALLEY_OK;
}

static const galley_field attributes[] = {{"seen", GALLEY_TYPE_NUMBER, "1 when in scope"},
                                          {NULL, 0, NULL}};
static const char *const requires_[] = {"even", NULL};

static const galley_plugin scoped = {
    GALLEY_PLUGIN_HEADER,
    .name = "scoped",
    .version = "0.0.1",
    .summary = "Test plugin: records its scope and the host's refusals",
    .attributes = attributes,
    .requires = requires_,
    .process = scoped_process,
};

GALLEY_PLUGIN_DEFINE(scoped)
