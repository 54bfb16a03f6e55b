/*
 * short_descriptor.c -- a test plugin built the way an ABI 1.0 plugin was,
 * before `train` was appended to the descriptor: its struct_size ends right
 * after `destroy`.
 *
 * The bytes that follow still hold a train function, as the memory after an
 * older plugin's descriptor may hold anything.  A host that honours
 * struct_size never sees it; a host that read past struct_size would call it,
 * and it says so.  create() allocates, so a host that ignored `destroy`
 * would leak, which the sanitizer build reports.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <galley/plugin.h>

/* The descriptor layout this plugin relies on: train comes right after destroy. */
_Static_assert(offsetof(galley_plugin, train) ==
                   offsetof(galley_plugin, destroy) + sizeof(galley_destroy_fn),
               "train is the first field after destroy");

typedef struct short_state {
    char *label;
} short_state;

static int short_create(const galley_host *host, const galley_options *options, void **state,
                        galley_error *err)
{
    (void)host;
    const char *label = galley_option_string(options, "label");
    size_t n = label ? strlen(label) + 1 : 1;
    short_state *s = malloc(sizeof *s);
    if (!s || !(s->label = malloc(n))) {
        free(s);
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    memcpy(s->label, label ? label : "", n);
    *state = s;
    return GALLEY_OK;
}

static int short_process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)err;
    const short_state *s = state;
    json_t *r = galley_doc_result(doc);
    json_object_set_new(r, "label", json_string(s->label));
    json_object_set_new(r, "blocks", json_integer((json_int_t)galley_doc_block_count(doc)));
    return GALLEY_OK;
}

static void short_destroy(void *state)
{
    short_state *s = state;
    free(s->label);
    free(s);
}

static int must_not_be_called(const galley_host *host, const galley_options *options,
                              const galley_example *examples, size_t count,
                              const galley_train_params *params, json_t *report, galley_error *err)
{
    (void)host;
    (void)options;
    (void)examples;
    (void)count;
    (void)params;
    (void)report;
    return galley_error_set(err, GALLEY_EPLUGIN,
                            "SHORT-DESCRIPTOR-TRAIN-CALLED: the host read past struct_size");
}

static const galley_option options[] = {{"label", GALLEY_TYPE_STRING, "short", "a label"},
                                        {NULL, 0, NULL, NULL}};

static const galley_plugin plugin = {
    .abi_major = GALLEY_PLUGIN_ABI_MAJOR,
    .abi_minor = 0,
    .struct_size = (uint32_t)offsetof(galley_plugin, train),
    .name = "short-descriptor",
    .version = "1.0.0",
    .summary = "Test plugin: an ABI 1.0 descriptor without the fields appended since",
    .options = options,
    .create = short_create,
    .process = short_process,
    .destroy = short_destroy,
    .train = must_not_be_called,
};

GALLEY_PLUGIN_DEFINE(plugin)
