/* null_descriptor.c -- a test plugin whose entry point returns no descriptor. */
#include <galley/plugin.h>

GALLEY_PLUGIN_EXPORT const galley_plugin *galley_plugin_entry(void);
GALLEY_PLUGIN_EXPORT const galley_plugin *galley_plugin_entry(void) { return NULL; }
