/* abi_newer_minor.c -- a test plugin built against a newer minor than the host's. */
#include <galley/plugin.h>

static int process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    (void)doc;
    (void)err;
    return 0;
}

static const galley_plugin plugin = {.abi_major = GALLEY_PLUGIN_ABI_MAJOR,
                                     .abi_minor = GALLEY_PLUGIN_ABI_MINOR + 7,
                                     .struct_size = sizeof(galley_plugin),
                                     .name = "abi-newer-minor",
                                     .version = "1.0.0",
                                     .process = process};

GALLEY_PLUGIN_DEFINE(plugin)
