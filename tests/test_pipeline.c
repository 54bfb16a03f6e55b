/*
 * test_pipeline.c -- the pipeline through the public API, as an embedding
 * program sees it: loading and validating configs against real plugins,
 * scopes, attributes, results, findings, failures, meta files and threads.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static const char *const marker_then_scoped =
    "{\"galley\": 1, \"name\": \"t\", \"steps\": ["
    "{\"id\": \"m\", \"plugin\": \"marker\"},"
    "{\"id\": \"s\", \"plugin\": \"scoped\", \"scope\": {\"even\": true}}]}";

static const char *const four_blocks = "zero\n\none ERROR here\n\ntwo WARN\n\nthree INFO\n";

static void teardown(void) { t_cleanup(); }

START_TEST(loads_and_describes)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(marker_then_scoped, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *d = galley_pipeline_describe(p);
    ck_assert_str_eq(json_string_value(json_object_get(d, "name")), "t");
    json_t *steps = json_object_get(d, "steps");
    ck_assert_uint_eq(json_array_size(steps), 2);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(steps, 1), "plugin")),
                     "scoped");
    /* defaults are filled in, and a path default resolves into the plugin's data dir */
    json_t *opts = json_object_get(json_array_get(steps, 0), "options");
    ck_assert(json_is_false(json_object_get(opts, "flag")));
    ck_assert_double_eq_tol(json_number_value(json_object_get(opts, "factor")), 1.5, 1e-9);
    ck_assert_contains(json_string_value(json_object_get(opts, "list")), "/marker/words.txt");
    json_decref(d);
    galley_pipeline_free(p);
}
END_TEST

START_TEST(scope_selects_blocks_and_refuses_writes_outside)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(marker_then_scoped, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *doc = t_run_text(p, four_blocks, &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    json_t *s = json_object_get(json_object_get(doc, "results"), "s");
    json_t *seen = json_object_get(s, "seen");
    ck_assert_uint_eq(json_array_size(seen), 2);
    ck_assert_int_eq(json_integer_value(json_array_get(seen, 0)), 0);
    ck_assert_int_eq(json_integer_value(json_array_get(seen, 1)), 2);
    ck_assert_int_eq(json_integer_value(json_object_get(s, "scope_count")), 2);
    ck_assert_int_eq(json_integer_value(json_object_get(s, "refused_attr")), GALLEY_ESCOPE);
    ck_assert_int_eq(json_integer_value(json_object_get(s, "refused_finding")), GALLEY_ESCOPE);
    ck_assert_int_eq(json_integer_value(json_object_get(s, "undeclared")), GALLEY_EUSAGE);
    ck_assert_int_eq(json_integer_value(json_object_get(s, "foreign")), GALLEY_EUSAGE);
    ck_assert_int_eq(json_integer_value(json_object_get(s, "nan")), GALLEY_EUSAGE);
    /* attributes: "seen" only on even blocks, "even" untouched by the second step */
    json_t *blocks = json_object_get(doc, "blocks");
    ck_assert_uint_eq(json_array_size(blocks), 4);
    for (size_t b = 0; b < 4; b++) {
        json_t *attrs = json_object_get(json_array_get(blocks, b), "attrs");
        ck_assert(json_is_boolean(json_object_get(attrs, "even")));
        ck_assert_int_eq(json_is_true(json_object_get(attrs, "even")), b % 2 == 0);
        ck_assert_int_eq(json_object_get(attrs, "seen") != NULL, b % 2 == 0);
    }
    json_decref(doc);
    galley_pipeline_free(p);
}
END_TEST

START_TEST(findings_are_located_and_sorted)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(marker_then_scoped, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *doc = t_run_text(p, four_blocks, &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    json_t *findings = json_object_get(doc, "findings");
    ck_assert_uint_eq(json_array_size(findings), 3);
    const char *rules[] = {"has-error", "has-warning", "has-info"};
    const char *severities[] = {"error", "warning", "info"};
    const int lines[] = {3, 5, 7};
    const int columns[] = {5, 5, 7};
    for (size_t i = 0; i < 3; i++) {
        json_t *f = json_array_get(findings, i);
        ck_assert_str_eq(json_string_value(json_object_get(f, "rule")), rules[i]);
        ck_assert_str_eq(json_string_value(json_object_get(f, "severity")), severities[i]);
        ck_assert_str_eq(json_string_value(json_object_get(f, "step")), "m");
        ck_assert_int_eq(json_integer_value(json_object_get(f, "line")), lines[i]);
        ck_assert_int_eq(json_integer_value(json_object_get(f, "column")), columns[i]);
        size_t start = (size_t)json_integer_value(json_object_get(f, "start"));
        const char *text = json_string_value(json_object_get(f, "text"));
        ck_assert_int_eq(strncmp(four_blocks + start, text, strlen(text)), 0);
    }
    json_decref(doc);
    galley_pipeline_free(p);
}
END_TEST

/* A plugin's message with bytes that are not UTF-8 is repaired: each becomes '?'. */
START_TEST(a_message_that_is_not_utf8_is_repaired)
{
    galley_error err;
    galley_pipeline *p = t_pipeline("{\"galley\": 1, \"steps\": [{\"plugin\": \"cut\"}]}", &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *doc = t_run_text(p, "plain words here\n", &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    const char *m = json_string_value(
        json_object_get(json_array_get(json_object_get(doc, "findings"), 0), "message"));
    ck_assert_str_eq(m, "from the second byte ? of the block, ?? cut");
    json_decref(doc);
    galley_pipeline_free(p);
}
END_TEST

START_TEST(scope_on_string_list)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(
        "{\"galley\": 1, \"steps\": [{\"id\": \"m\", \"plugin\": \"marker\"},"
        "{\"id\": \"s\", \"plugin\": \"scoped\", \"scope\": {\"kind\": [\"long\", \"x\"]}}]}",
        &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *doc = t_run_text(
        p, "short one\n\nthis block is long enough to be called long by marker\n", &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    json_t *seen = json_object_get(json_object_get(json_object_get(doc, "results"), "s"), "seen");
    ck_assert_uint_eq(json_array_size(seen), 1);
    ck_assert_int_eq(json_integer_value(json_array_get(seen, 0)), 1);
    json_decref(doc);
    galley_pipeline_free(p);
}
END_TEST

/* Config errors that need the plugins: each must name the JSON path and a line. */
static void expect_config_error(const char *config, int status, const char *path,
                                const char *text)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(config, &err);
    ck_assert_msg(p == NULL, "config was accepted: %s", config);
    ck_assert_int_eq(err.status, status);
    if (path)
        ck_assert_str_eq(err.path, path);
    ck_assert_contains(err.text, text);
    ck_assert_int_gt(err.line, 0);
    ck_assert_int_gt(err.column, 0);
}

START_TEST(requires_an_earlier_step)
{
    expect_config_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"scoped\"}]}", GALLEY_ECONFIG,
                        "steps[0].plugin", "needs the block attribute 'even'");
}
END_TEST

START_TEST(scope_needs_an_earlier_attribute)
{
    expect_config_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"marker\", \"scope\": "
                        "{\"even\": true}}]}",
                        GALLEY_ECONFIG, "steps[0].scope.even", "no earlier step sets");
}
END_TEST

START_TEST(scope_value_must_match_type)
{
    expect_config_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"marker\"}, {\"plugin\": "
                        "\"scoped\", \"scope\": {\"even\": \"yes\"}}]}",
                        GALLEY_ECONFIG, "steps[1].scope.even", "must be true or false");
}
END_TEST

START_TEST(unknown_option_is_suggested)
{
    expect_config_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"marker\", \"options\": "
                        "{\"factr\": 2}}]}",
                        GALLEY_ECONFIG, "steps[0].options.factr", "did you mean 'factor'");
}
END_TEST

START_TEST(option_type_is_checked)
{
    expect_config_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"marker\", \"options\": "
                        "{\"flag\": \"yes\"}}]}",
                        GALLEY_ECONFIG, "steps[0].options.flag", "must be true or false");
}
END_TEST

START_TEST(unknown_plugin_lists_the_search_path)
{
    expect_config_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"nosuch\"}]}", GALLEY_ECONFIG,
                        "steps[0].plugin", GALLEY_TEST_PLUGIN_DIR);
}
END_TEST

START_TEST(plugin_name_cannot_be_a_path)
{
    expect_config_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"../marker\"}]}",
                        GALLEY_ECONFIG, "steps[0].plugin", "not a plugin name");
}
END_TEST

START_TEST(create_failure_is_a_plugin_error)
{
    expect_config_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"fail-create\"}]}",
                        GALLEY_EPLUGIN, "steps[0]", "a deliberate failure");
}
END_TEST

START_TEST(create_can_reject_an_option_value)
{
    expect_config_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"marker\", \"options\": "
                        "{\"factor\": -1}}]}",
                        GALLEY_ECONFIG, "steps[0]", "factor must not be negative");
}
END_TEST

START_TEST(process_failure_names_step_and_plugin)
{
    galley_error err;
    galley_pipeline *p =
        t_pipeline("{\"galley\": 1, \"steps\": [{\"id\": \"f\", \"plugin\": \"fail-process\"}]}",
                   &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *ok = t_run_text(p, "fine text\n", &err);
    ck_assert_msg(ok != NULL, "%s", err.text);
    json_decref(ok);
    json_t *bad = t_run_text(p, "this will FAIL\n", &err);
    ck_assert(bad == NULL);
    ck_assert_int_eq(err.status, GALLEY_EPLUGIN);
    ck_assert_contains(err.text, "step 'f'");
    ck_assert_contains(err.text, "fail-process");
    ck_assert_contains(err.text, "a deliberate failure");
    galley_pipeline_free(p);
}
END_TEST

START_TEST(empty_and_blank_documents_are_input_errors)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(marker_then_scoped, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    ck_assert(t_run_text(p, "", &err) == NULL);
    ck_assert_int_eq(err.status, GALLEY_EINPUT);
    ck_assert_contains(err.text, "empty");
    ck_assert(t_run_text(p, " \n\t\n  \r\n", &err) == NULL);
    ck_assert_int_eq(err.status, GALLEY_EINPUT);
    ck_assert_contains(err.text, "only white space");
    ck_assert(t_run_text(p, "\xEF\xBB\xBF", &err) == NULL); /* a BOM and nothing else */
    ck_assert_contains(err.text, "empty");
    galley_pipeline_free(p);
}
END_TEST

START_TEST(meta_file_keys_are_checked)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(marker_then_scoped, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *meta = NULL;
    const char *good = t_write("good.meta.json", "{\"marker_note\": \"hi\", \"pseudonyms\": []}");
    ck_assert_int_eq(galley_pipeline_load_meta(p, good, &meta, &err), GALLEY_OK);
    json_decref(meta);
    const char *typo = t_write("typo.meta.json", "{\n  \"pseudonym\": [\"Pavlo\"]\n}");
    ck_assert_int_eq(galley_pipeline_load_meta(p, typo, &meta, &err), GALLEY_ECONFIG);
    ck_assert_contains(err.text, "did you mean 'pseudonyms'");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 3);
    const char *broken = t_write("broken.meta.json", "{\"pseudonyms\": [\"Pavlo\"}");
    ck_assert_int_eq(galley_pipeline_load_meta(p, broken, &meta, &err), GALLEY_ECONFIG);
    ck_assert_contains(err.text, "not valid JSON");
    ck_assert_int_eq(err.line, 1);
    galley_pipeline_free(p);
}
END_TEST

START_TEST(sidecar_meta_is_found_and_used)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(marker_then_scoped, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    const char *article = t_write("story.txt", "Some text.\n");
    t_write("story.meta.json", "{\"marker_note\": \"from the sidecar\"}");
    json_t *doc = NULL;
    ck_assert_int_eq(galley_pipeline_run_file(p, article, NULL, 0, &doc, &err), GALLEY_OK);
    json_t *m = json_object_get(json_object_get(doc, "results"), "m");
    ck_assert_str_eq(json_string_value(json_object_get(m, "note")), "from the sidecar");
    json_decref(doc);
    t_write("story.meta.json", "{\"marker_nte\": 1}");
    ck_assert_int_eq(galley_pipeline_run_file(p, article, NULL, 0, &doc, &err), GALLEY_ECONFIG);
    ck_assert_contains(err.source, "story.meta.json");
    galley_pipeline_free(p);
}
END_TEST

typedef struct hook_calls {
    int count;
    size_t step[8];
    char id[8][16];
} hook_calls;

static void record_step(void *arg, size_t step, const char *id)
{
    hook_calls *h = arg;
    if (h->count < 8) {
        h->step[h->count] = step;
        snprintf(h->id[h->count], sizeof h->id[0], "%s", id ? id : "(null)");
    }
    h->count++;
}

START_TEST(step_hook_marks_each_step_and_the_end)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(marker_then_scoped, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    const char *article = t_write("traced.txt", four_blocks);
    hook_calls h = {0};
    json_t *doc = NULL;
    ck_assert_int_eq(
        galley_pipeline_run_file_traced(p, article, NULL, 0, record_step, &h, &doc, &err),
        GALLEY_OK);
    json_decref(doc);
    /* before "m", before "s", then once more when the steps are over */
    ck_assert_int_eq(h.count, 3);
    ck_assert_uint_eq(h.step[0], 0);
    ck_assert_str_eq(h.id[0], "m");
    ck_assert_uint_eq(h.step[1], 1);
    ck_assert_str_eq(h.id[1], "s");
    ck_assert_uint_eq(h.step[2], 2);
    ck_assert_str_eq(h.id[2], "(null)");
    /* a failing document: no end mark, the hook's last call names the step that failed */
    galley_pipeline_free(p);
    p = t_pipeline("{\"galley\": 1, \"steps\": [{\"id\": \"f\", \"plugin\": \"fail-process\"}]}",
                   &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    article = t_write("traced-fail.txt", "this will FAIL\n");
    memset(&h, 0, sizeof h);
    ck_assert_int_eq(
        galley_pipeline_run_file_traced(p, article, NULL, 0, record_step, &h, &doc, &err),
        GALLEY_EPLUGIN);
    ck_assert_int_eq(h.count, 1);
    ck_assert_str_eq(h.id[0], "f");
    galley_pipeline_free(p);
}
END_TEST

typedef struct shared {
    const galley_pipeline *p;
    const char *text;
    char *dump;
} shared;

static void *run_one(void *arg)
{
    shared *s = arg;
    galley_error err;
    for (int i = 0; i < 20; i++) {
        json_t *doc = t_run_text(s->p, s->text, &err);
        if (!doc)
            return NULL;
        free(s->dump);
        s->dump = json_dumps(doc, JSON_COMPACT);
        json_decref(doc);
    }
    return NULL;
}

START_TEST(one_pipeline_serves_many_threads)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(marker_then_scoped, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    shared s[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        s[i].p = p;
        s[i].text = four_blocks;
        s[i].dump = NULL;
        ck_assert_int_eq(pthread_create(&th[i], NULL, run_one, &s[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < 4; i++) {
        ck_assert_ptr_nonnull(s[i].dump);
        ck_assert_str_eq(s[i].dump, s[0].dump);
    }
    for (int i = 0; i < 4; i++)
        free(s[i].dump);
    galley_pipeline_free(p);
}
END_TEST

START_TEST(report_counts_the_gate)
{
    galley_error err;
    galley_pipeline *p = t_pipeline("{\"galley\": 1, \"steps\": [{\"plugin\": \"marker\"}], "
                                    "\"gate\": {\"fail_on\": \"warning\"}}",
                                    &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    galley_report *r = galley_report_new(p, 1);
    json_t *doc = t_run_text(p, "all good\n", &err);
    ck_assert_int_eq(galley_report_add(r, doc), GALLEY_OK);
    json_decref(doc);
    ck_assert(galley_report_passed(r));
    doc = t_run_text(p, "a WARN\n", &err);
    galley_report_add(r, doc);
    json_decref(doc);
    ck_assert(!galley_report_passed(r));
    galley_error input;
    galley_error_clear(&input);
    galley_error_set(&input, GALLEY_EINPUT, "bad bytes");
    ck_assert_ptr_nonnull(galley_report_add_failure(r, "x.txt", &input));
    ck_assert_int_eq(galley_report_worst_failure(r), GALLEY_EINPUT);
    json_t *j = galley_report_json(r);
    ck_assert_int_eq(json_integer_value(json_object_get(j, "report_version")), 1);
    json_t *gate = json_object_get(j, "gate");
    ck_assert(json_is_false(json_object_get(gate, "passed")));
    ck_assert_str_eq(json_string_value(json_object_get(gate, "fail_on")), "warning");
    ck_assert_int_eq(json_integer_value(json_object_get(gate, "warnings")), 1);
    json_t *docs = json_object_get(j, "documents");
    ck_assert_uint_eq(json_array_size(docs), 3);
    ck_assert_str_eq(json_string_value(json_object_get(
                         json_object_get(json_array_get(docs, 2), "error"), "status")),
                     "input");
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(j, "summary"), "failed")),
                     1);
    json_decref(j);
    galley_report_free(r);
    galley_pipeline_free(p);
}
END_TEST

/*
 * Runs path through p both ways a batch can: prepared for a jsonl writer
 * straight from the analysis, and as a JSON report handed to the same
 * writer.  Returns the status of the prepared run; *direct says whether the
 * document came out prepared; the two outputs (or errors) must be the same.
 */
static int same_both_ways(const galley_pipeline *p, const char *path, int *direct)
{
    char *bytes[2] = {NULL, NULL};
    size_t length[2] = {0, 0};
    int status[2];
    char message[2][GALLEY_ERROR_TEXT_LENGTH];
    galley_report *r = galley_report_new(p, 0);
    for (int way = 0; way < 2; way++) {
        FILE *out = open_memstream(&bytes[way], &length[way]);
        ck_assert_ptr_nonnull(out);
        galley_writer *w = galley_writer_new("jsonl", out, NULL, NULL);
        ck_assert_ptr_nonnull(w);
        galley_error err;
        json_t *doc = NULL;
        galley_prepared *prepared = NULL;
        if (way == 0) {
            status[way] = galley_pipeline_run_file_prepared(p, path, NULL, 1 << 20, w, r, &prepared,
                                                            &doc, &err);
            *direct = prepared != NULL;
            ck_assert_msg(!(prepared && doc), "both a prepared document and its JSON");
        } else {
            status[way] = galley_pipeline_run_file(p, path, NULL, 1 << 20, &doc, &err);
        }
        snprintf(message[way], sizeof message[way], "%s", status[way] ? err.text : "");
        if (prepared)
            ck_assert_int_eq(galley_writer_document_prepared(w, r, prepared), GALLEY_OK);
        else if (doc)
            ck_assert_int_eq(galley_writer_document(w, r, doc), GALLEY_OK);
        galley_prepared_free(prepared);
        json_decref(doc);
        galley_writer_free(w);
        fclose(out);
    }
    ck_assert_int_eq(status[0], status[1]);
    ck_assert_str_eq(message[0], message[1]);
    ck_assert_msg(length[0] == length[1] && memcmp(bytes[0], bytes[1], length[0]) == 0,
                  "%s\nprepared:    %s\nJSON report: %s", path, bytes[0], bytes[1]);
    free(bytes[0]);
    free(bytes[1]);
    galley_report_free(r);
    return status[0];
}

/* same_both_ways on each text as an article, each run without error; how many went direct. */
static int same_both_ways_each(const galley_pipeline *p, const char *const *texts, size_t n)
{
    int directs = 0;
    for (size_t i = 0; i < n; i++) {
        int direct = 0;
        ck_assert_int_eq(same_both_ways(p, t_write("article.txt", texts[i]), &direct), GALLEY_OK);
        directs += direct;
    }
    return directs;
}

/*
 * A batch writes jsonl straight from each document's analysis, without
 * building its JSON report (galley_pipeline_run_file_prepared): the bytes
 * must be those of the JSON report, for attributes of every type, results,
 * findings of every severity, and text that needs escaping or is cut inside
 * a character.  Strings the JSON report cannot hold (an attribute cut inside
 * a character) send the document the JSON report's way, to fail as it fails.
 */
START_TEST(prepared_reports_are_the_json_reports)
{
    static const char *const configs[] = {
        "{\"galley\": 1, \"steps\": [{\"id\": \"m\", \"plugin\": \"marker\"},"
        "{\"id\": \"s\", \"plugin\": \"scoped\", \"scope\": {\"even\": true}},"
        "{\"plugin\": \"echo\"}]}",
        "{\"galley\": 1, \"steps\": [{\"plugin\": \"cut\"}, {\"plugin\": \"echo\"}]}"};
    static const char *const texts[] = {
        "zero\n\none ERROR here\n\ntwo WARN\n\nthree INFO and a longer line than forty bytes\n",
        "\xEF\xBB\xBF\"Quoted\", she said \\ back\tslash\r\n\r\nline\x01two \xE2\x80\x94 "
        "caf\xC3\xA9 \xF0\x9F\x98\x80 WARN\r\n",
        "a\n\nz",
    };
    int directs = 0;
    for (size_t c = 0; c < sizeof configs / sizeof configs[0]; c++) {
        galley_error err;
        galley_pipeline *p = t_pipeline(configs[c], &err);
        ck_assert_msg(p != NULL, "%s", err.text);
        directs += same_both_ways_each(p, texts, sizeof texts / sizeof texts[0]);
        /* A block opening with a letter of two bytes: the finding from its second byte
           starts inside it, and the report quotes no text for it; its head is whole. */
        int direct = 0;
        ck_assert_int_eq(same_both_ways(p, t_write("article.txt", "\xC3\xA9t\xC3\xA9\n"), &direct),
                         GALLEY_OK);
        directs += direct;
        if (c == 1) {
            /* A block opening with a character of three bytes: its head is cut inside it,
               which no JSON string can hold; both ways fail alike. */
            ck_assert_int_eq(
                same_both_ways(p, t_write("article.txt", "\xE2\x80\x94 dash\n"), &direct),
                GALLEY_ENOMEM);
            ck_assert(!direct);
        }
        galley_pipeline_free(p);
    }
    ck_assert_int_eq(directs, 8);
}
END_TEST

/*
 * A result written as text (galley_result_*) reads the same in the jsonl
 * report, which copies the text, and in the JSON report, which parses it:
 * numbers whole, fractional, large and not finite, strings that need escapes
 * or hold NUL, nested and empty containers; a later step reads it parsed,
 * and members set as values in the same step join it.
 */
START_TEST(a_result_written_as_text_reads_the_same_every_way)
{
    static const char *const configs[] = {
        "{\"galley\": 1, \"steps\": [{\"id\": \"w\", \"plugin\": \"written\"},"
        "{\"id\": \"r\", \"plugin\": \"written\", \"options\": {\"mode\": \"read\"}}]}",
        "{\"galley\": 1, \"steps\": [{\"plugin\": \"echo\"}, {\"id\": \"w\", \"plugin\": "
        "\"written\", \"options\": {\"mode\": \"mixed\"}}, {\"plugin\": \"cut\"}]}"};
    static const char *const texts[] = {
        "zero\n\none \"quoted\" \\ back\tslash\n\ntwo\x01 caf\xC3\xA9 \xF0\x9F\x98\x80\n", "a\n\nz",
        "\xEF\xBB\xBFonly one block\r\n"};
    for (size_t c = 0; c < sizeof configs / sizeof configs[0]; c++) {
        galley_error err;
        galley_pipeline *p = t_pipeline(configs[c], &err);
        ck_assert_msg(p != NULL, "%s", err.text);
        size_t n = sizeof texts / sizeof texts[0];
        ck_assert_int_eq(same_both_ways_each(p, texts, n), (int)n); /* every one direct */
        json_t *doc = t_run_text(p, texts[0], &err);
        ck_assert_msg(doc != NULL, "%s", err.text);
        const json_t *w = json_object_get(json_object_get(doc, "results"), "w");
        ck_assert_int_eq(json_integer_value(json_object_get(w, "count")), 3);
        const json_t *b1 = json_array_get(json_object_get(w, "blocks"), 1);
        ck_assert_str_eq(json_string_value(json_object_get(b1, "text")),
                         "one \"quoted\" \\ back\tslash");
        ck_assert_double_eq_tol(json_real_value(json_object_get(b1, "third")), 0.333333, 1e-9);
        ck_assert(json_is_integer(json_object_get(b1, "whole")));
        ck_assert_int_eq(json_integer_value(json_object_get(b1, "whole")), 2);
        ck_assert(json_is_real(json_object_get(b1, "big")));
        ck_assert_double_eq(json_real_value(json_object_get(b1, "big")), 2469130.0);
        ck_assert(json_is_null(json_object_get(b1, "not finite")));
        ck_assert(json_is_true(json_object_get(b1, "odd")));
        ck_assert_uint_eq(json_array_size(json_object_get(b1, "nested")), 2);
        const json_t *names = json_object_get(w, "names");
        const json_t *nul = json_object_get(names, "quote \" back \\ tab \t");
        ck_assert_uint_eq(json_string_length(nul), 12);
        ck_assert(memcmp(json_string_value(nul), "nul \0 inside", 12) == 0);
        ck_assert_int_eq(json_integer_value(json_object_get(names, "caf\xC3\xA9")), INT64_MIN);
        if (c == 0) {
            const json_t *r = json_object_get(json_object_get(doc, "results"), "r");
            ck_assert_int_eq(json_integer_value(json_object_get(r, "count_seen")), 3);
            ck_assert_int_eq(json_integer_value(json_object_get(r, "blocks_seen")), 3);
        } else {
            ck_assert(json_is_true(json_object_get(w, "as_value")));
            ck_assert_str_eq(json_object_iter_key(json_object_iter((json_t *)w)), "as_value");
        }
        json_decref(doc);
        galley_pipeline_free(p);
    }
}
END_TEST

/* A result written out of order or left open fails its step, saying how. */
START_TEST(a_result_written_wrong_fails_its_step)
{
    static const struct {
        const char *mode, *says;
    } cases[] = {
        {"value-first", "written out of order: an integer where a member's name is due"},
        {"key-in-array", "written out of order: the member name \"x\" inside an array"},
        {"end-nothing", "written out of order: an end with no object or array open"},
        {"duplicate", "written out of order: the member name \"a\" twice in one object"},
        {"not-utf8", "written out of order: a string that is not UTF-8"},
        {"too-deep", "written out of order: containers nested deeper than 64"},
        {"left-open", "left open: an object or array without galley_result_end"},
        {"name-left", "left open: a member's name without its value"},
        {"clash", "its result member \"count\" was set both as a value and as text"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char config[256];
        snprintf(config, sizeof config,
                 "{\"galley\": 1, \"steps\": [{\"id\": \"w\", \"plugin\": \"written\", "
                 "\"options\": {\"mode\": \"%s\"}}]}",
                 cases[i].mode);
        galley_error err;
        galley_pipeline *p = t_pipeline(config, &err);
        ck_assert_msg(p != NULL, "%s", err.text);
        json_t *doc = t_run_text(p, "one block\n\nand another\n", &err);
        ck_assert_ptr_null(doc);
        ck_assert_int_eq(err.status, GALLEY_EPLUGIN);
        ck_assert_contains(err.text, "step 'w' (plugin written 0.0.1) failed: ");
        ck_assert_contains(err.text, cases[i].says);
        galley_pipeline_free(p);
    }
}
END_TEST

/* A report that keeps every document (the json format) takes no prepared ones. */
START_TEST(a_report_that_keeps_documents_gets_the_json_report)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(marker_then_scoped, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    galley_report *r = galley_report_new(p, 1);
    galley_writer *w = galley_writer_new("json", stdout, NULL, &err);
    ck_assert_ptr_nonnull(w);
    json_t *doc = NULL;
    galley_prepared *prepared = NULL;
    ck_assert_int_eq(galley_pipeline_run_file_prepared(p, t_write("a.txt", four_blocks), NULL,
                                                       1 << 20, w, r, &prepared, &doc, &err),
                     GALLEY_OK);
    ck_assert_ptr_null(prepared);
    ck_assert_ptr_nonnull(doc);
    ck_assert_uint_eq(json_array_size(json_object_get(doc, "findings")), 3);
    json_decref(doc);
    galley_writer_free(w);
    galley_report_free(r);
    galley_pipeline_free(p);
}
END_TEST

static Suite *pipeline_suite(void)
{
    Suite *s = suite_create("pipeline");
    TCase *t = tcase_create("run");
    tcase_add_checked_fixture(t, NULL, teardown);
    tcase_add_test(t, loads_and_describes);
    tcase_add_test(t, scope_selects_blocks_and_refuses_writes_outside);
    tcase_add_test(t, findings_are_located_and_sorted);
    tcase_add_test(t, a_message_that_is_not_utf8_is_repaired);
    tcase_add_test(t, scope_on_string_list);
    tcase_add_test(t, process_failure_names_step_and_plugin);
    tcase_add_test(t, empty_and_blank_documents_are_input_errors);
    tcase_add_test(t, meta_file_keys_are_checked);
    tcase_add_test(t, sidecar_meta_is_found_and_used);
    tcase_add_test(t, step_hook_marks_each_step_and_the_end);
    tcase_add_test(t, one_pipeline_serves_many_threads);
    tcase_add_test(t, report_counts_the_gate);
    tcase_add_test(t, prepared_reports_are_the_json_reports);
    tcase_add_test(t, a_report_that_keeps_documents_gets_the_json_report);
    tcase_add_test(t, a_result_written_as_text_reads_the_same_every_way);
    tcase_add_test(t, a_result_written_wrong_fails_its_step);
    suite_add_tcase(s, t);
    TCase *c = tcase_create("config errors");
    tcase_add_checked_fixture(c, NULL, teardown);
    tcase_add_test(c, requires_an_earlier_step);
    tcase_add_test(c, scope_needs_an_earlier_attribute);
    tcase_add_test(c, scope_value_must_match_type);
    tcase_add_test(c, unknown_option_is_suggested);
    tcase_add_test(c, option_type_is_checked);
    tcase_add_test(c, unknown_plugin_lists_the_search_path);
    tcase_add_test(c, plugin_name_cannot_be_a_path);
    tcase_add_test(c, create_failure_is_a_plugin_error);
    tcase_add_test(c, create_can_reject_an_option_value);
    suite_add_tcase(s, c);
    return s;
}

int main(void) { return t_main(pipeline_suite()); }
