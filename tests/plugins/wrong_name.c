/* wrong_name.c -- a test plugin whose descriptor names another plugin than its file. */
#include <galley/plugin.h>

static int process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    (void)doc;
    (void)err;
    return 0;
}

GALLEY_SIMPLE_PLUGIN(someone-else, "1.0.0", "Test plugin: file and name disagree", process);
