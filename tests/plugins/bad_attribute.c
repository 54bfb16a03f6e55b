/* bad_attribute.c -- a test plugin that declares an attribute of a type attributes cannot have. */
#include <galley/plugin.h>

static int process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    (void)doc;
    (void)err;
    return 0;
}

static const galley_field attributes[] = {{"where", GALLEY_TYPE_PATH, "not allowed"},
                                          {NULL, 0, NULL}};

static const galley_plugin plugin = {GALLEY_PLUGIN_HEADER, .name = "bad-attribute",
                                     .version = "1.0.0", .attributes = attributes,
                                     .process = process};

GALLEY_PLUGIN_DEFINE(plugin)
