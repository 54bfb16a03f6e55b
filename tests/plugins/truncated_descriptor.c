/*
 * truncated_descriptor.c -- a test plugin whose struct_size stops short of
 * the fields every ABI 1.x descriptor has (it ends before `destroy`).  The
 * host must refuse it rather than guess at what is missing.
 */
#include <stddef.h>

#include <galley/plugin.h>

static int process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    (void)doc;
    (void)err;
    return 0;
}

static const galley_plugin plugin = {.abi_major = GALLEY_PLUGIN_ABI_MAJOR,
                                     .abi_minor = 0,
                                     .struct_size = (uint32_t)offsetof(galley_plugin, destroy),
                                     .name = "truncated-descriptor",
                                     .version = "1.0.0",
                                     .process = process};

GALLEY_PLUGIN_DEFINE(plugin)
