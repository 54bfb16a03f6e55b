/* fail_create.c -- a test plugin whose create() always fails. */
#include <galley/plugin.h>

static int fail_create(const galley_host *host, const galley_options *options, void **state,
                       galley_error *err)
{
    (void)host;
    (void)options;
    (void)state;
    return galley_error_set(err, GALLEY_EPLUGIN, "cannot open the model (a deliberate failure)");
}

static int never_called(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    (void)doc;
    return galley_error_set(err, GALLEY_EPLUGIN, "process ran although create failed");
}

static const galley_plugin plugin = {
    GALLEY_PLUGIN_HEADER, .name = "fail-create", .version = "0.0.1",
    .summary = "Test plugin: create() fails", .create = fail_create, .process = never_called};

GALLEY_PLUGIN_DEFINE(plugin)
