/*
 * recorder.c -- a test plugin whose train() records what the host handed it:
 * for each example its label, its source and its corpus article
 * (galley_train_params.article_of, null when the host gave none), in the
 * report's "examples"; and the folds it was given, in "folds".  Its model is
 * one line.
 */
#include <stdio.h>

#include <galley/plugin.h>

static int recorder_process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    (void)doc;
    (void)err;
    return GALLEY_OK;
}

static int recorder_train(const galley_host *host, const galley_options *options,
                          const galley_example *examples, size_t count,
                          const galley_train_params *params, json_t *report, galley_error *err)
{
    (void)host;
    (void)options;
    const int *article_of = GALLEY_TRAIN_PARAM(params, article_of, (const int *)NULL);
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list,
                              json_pack("{s:s, s:s, s:o}", "label", examples[i].label, "source",
                                        examples[i].source, "article",
                                        article_of ? json_integer(article_of[i]) : json_null()));
    json_object_set_new(report, "examples", list);
    FILE *f = fopen(params->output, "w");
    if (!f || fputs("recorded\n", f) == EOF || fclose(f) != 0)
        return galley_error_set(err, GALLEY_EPLUGIN, "cannot write %s", params->output);
    return GALLEY_OK;
}

static const galley_plugin recorder = {
    GALLEY_PLUGIN_HEADER,        .name = "recorder",
    .version = "0.0.1",          .summary = "Test plugin: records the examples training hands it",
    .process = recorder_process, .train = recorder_train,
};

GALLEY_PLUGIN_DEFINE(recorder)
