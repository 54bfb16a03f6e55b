/* abi_future.c -- a test plugin built for a future ABI major version. */
#include <galley/plugin.h>

static int process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    (void)doc;
    (void)err;
    return 0;
}

static const galley_plugin plugin = {.abi_major = GALLEY_PLUGIN_ABI_MAJOR + 1,
                                     .abi_minor = 0,
                                     .struct_size = sizeof(galley_plugin),
                                     .name = "abi-future",
                                     .version = "9.0.0",
                                     .process = process};

GALLEY_PLUGIN_DEFINE(plugin)
