/*
 * test_isolate.c -- `galley run --isolate`: a plugin that crashes, hangs or
 * eats memory fails only the document it was working on.
 *
 * The faulty test plugin (tests/plugins/faulty.c) crashes on CRASH, hangs on
 * HANG and allocates without bound on GREEDY.  Each test runs it over a
 * batch in which some documents trigger it and checks that those documents'
 * entries say what happened and in which step, that the others are reported
 * exactly as a run without --isolate reports them, and that the exit status
 * is 4 (a plugin failed).
 *
 * Under AddressSanitizer a crash is caught by the sanitizer, which ends the
 * process its own way, and a limit on address space cannot work at all (the
 * sanitizer reserves terabytes of it up front); there, and under valgrind,
 * the tests check that the document failed and the others did not, without
 * asking which signal or limit stopped it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "support.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

/*
 * Whether the exact signal and the memory limit can be checked: not under a
 * sanitizer, nor when the binary runs under another program
 * (GALLEY_TEST_WRAPPER, e.g. valgrind, which handles signals and address
 * space its own way).
 */
static int exact(void)
{
    return !SANITIZED && !getenv("GALLEY_TEST_WRAPPER");
}

/* marker first, so a document's report shows a step before the faulty one ran. */
static const char *config(void)
{
    return t_write(
        "isolate.json",
        "{\"galley\": 1, \"plugin_path\": \"" GALLEY_TEST_PLUGIN_DIR "\",\n"
        " \"steps\": [{\"plugin\": \"marker\"}, {\"id\": \"bad\", \"plugin\": \"faulty\"}]}\n");
}

static const char *article(const char *name, const char *text)
{
    return t_write(name, text);
}

typedef struct result {
    int status;
    char *out, *err;
    json_t *report; /* the parsed -f json output, or NULL */
} result;

static result run_galley(const char *const *args)
{
    const char *argv[64];
    size_t n = 0;
    argv[n++] = "galley";
    for (const char *const *a = args; *a; a++)
        argv[n++] = *a;
    argv[n] = NULL;
    result r;
    r.status = t_galley(argv, NULL, &r.out, &r.err);
    json_error_t jerr;
    r.report = json_loads(r.out, 0, &jerr);
    return r;
}

static void result_free(result *r)
{
    free(r->out);
    free(r->err);
    json_decref(r->report);
}

static const json_t *document(const result *r, size_t i)
{
    const json_t *d = json_array_get(json_object_get(r->report, "documents"), i);
    ck_assert_msg(d != NULL, "no document %zu in: %s\nstderr: %s", i, r->out, r->err);
    return d;
}

/* A document that went through both steps and was reported normally. */
static void ck_passed(const result *r, size_t i, const char *path)
{
    const json_t *d = document(r, i);
    ck_assert_str_eq(json_string_value(json_object_get(d, "path")), path);
    ck_assert_msg(json_object_get(d, "error") == NULL, "document %zu failed: %s", i, r->out);
    const json_t *bad = json_object_get(json_object_get(d, "results"), "bad");
    ck_assert_msg(json_is_true(json_object_get(bad, "ok")), "document %zu: no result of 'bad'", i);
}

/* A document that failed in the faulty step; returns its error object. */
static const json_t *ck_failed_in_bad_step(const result *r, size_t i, const char *path)
{
    const json_t *d = document(r, i);
    ck_assert_str_eq(json_string_value(json_object_get(d, "path")), path);
    const json_t *e = json_object_get(d, "error");
    ck_assert_msg(e != NULL, "document %zu did not fail: %s", i, r->out);
    ck_assert_str_eq(json_string_value(json_object_get(e, "status")), "plugin");
    ck_assert_contains(json_string_value(json_object_get(e, "message")),
                       "in step 'bad' (plugin faulty)");
    ck_assert_str_eq(json_string_value(json_object_get(e, "step")), "bad");
    ck_assert_str_eq(json_string_value(json_object_get(e, "plugin")), "faulty");
    /* Standard error names the document too. */
    ck_assert_contains(r->err, path);
    return e;
}

START_TEST(a_crash_fails_only_its_document)
{
    const char *a = article("a.txt", "A calm first article.\n");
    const char *b = article("b.txt", "This one will CRASH the plugin.\n");
    const char *c = article("c.txt", "A calm third article.\n");
    /* An input error as well: a plugin error still decides the exit status (2, 4, 3, 1). */
    const char *d = t_write_bytes("d.txt", "Not UTF-8: \xff\n", 13);
    const char *args[] = {"run", config(), a, b, c, d, "--isolate", "-j", "1", "-f", "json", NULL};
    result r = run_galley(args);
    ck_assert_msg(r.status == 4, "exit %d, want 4: %s", r.status, r.err);
    ck_assert_msg(r.report != NULL, "the report is not JSON: %s", r.out);
    ck_passed(&r, 0, a);
    const json_t *e = ck_failed_in_bad_step(&r, 1, b);
    ck_passed(&r, 2, c);
    const json_t *input = json_object_get(document(&r, 3), "error");
    ck_assert_str_eq(json_string_value(json_object_get(input, "status")), "input");
    ck_assert_ptr_null(json_object_get(input, "signal"));
    ck_assert_int_eq(
        json_integer_value(json_object_get(json_object_get(r.report, "summary"), "failed")), 2);
    if (exact()) {
        ck_assert_str_eq(json_string_value(json_object_get(e, "signal")), "SIGSEGV");
        ck_assert_int_eq(json_integer_value(json_object_get(e, "signal_number")), 11);
        ck_assert_contains(json_string_value(json_object_get(e, "message")),
                           "crashed in step 'bad' (plugin faulty) with signal 11 (SIGSEGV");
    } else {
        ck_assert(json_object_get(e, "signal") || json_object_get(e, "exit_status"));
    }
    result_free(&r);
}
END_TEST

START_TEST(a_hang_is_killed_at_the_timeout)
{
    const char *a = article("a.txt", "A calm first article.\n");
    const char *b = article("b.txt", "This one will HANG the plugin.\n");
    const char *c = article("c.txt", "A calm third article.\n");
    /* Under valgrind even a calm document takes more than a second. */
    const char *timeout = exact() ? "1" : "30";
    const char *args[] = {"run",   config(), a,   b,    c,      "--timeout",
                          timeout, "-j",     "2", "-f", "json", NULL};
    time_t start = time(NULL);
    result r = run_galley(args);
    time_t took = time(NULL) - start;
    ck_assert_msg(r.status == 4, "exit %d, want 4: %s", r.status, r.err);
    /* One second for the hang, and room for a slow (sanitized) machine; never forever. */
    ck_assert_msg(took < (exact() ? 30 : 120), "took %ld s", (long)took);
    ck_passed(&r, 0, a);
    const json_t *e = ck_failed_in_bad_step(&r, 1, b);
    ck_passed(&r, 2, c);
    ck_assert_str_eq(json_string_value(json_object_get(e, "limit")), "timeout");
    char want[200];
    snprintf(want, sizeof want,
             "timed out in step 'bad' (plugin faulty): still running after the --timeout of %s "
             "s, so it was killed",
             timeout);
    ck_assert_contains(json_string_value(json_object_get(e, "message")), want);
    result_free(&r);
}
END_TEST

START_TEST(a_greedy_plugin_meets_the_memory_limit)
{
    /*
     * valgrind and the sanitizers reserve more address space up front than
     * any limit worth testing: there no document can run under a limit.
     */
    if (!exact())
        return;
    const char *a = article("a.txt", "A calm first article.\n");
    const char *b = article("b.txt", "This one makes the plugin GREEDY.\n");
    const char *c = article("c.txt", "A calm third article.\n");
    const char *args[] = {"run", config(),    a,    b,    c,      "--max-memory",
                          "200", "--timeout", "60", "-f", "json", NULL};
    result r = run_galley(args);
    ck_assert_msg(r.status == 4, "exit %d, want 4: %s", r.status, r.err);
    ck_passed(&r, 0, a);
    const json_t *e = ck_failed_in_bad_step(&r, 1, b);
    ck_passed(&r, 2, c);
    if (exact()) {
        ck_assert_str_eq(json_string_value(json_object_get(e, "limit")), "memory");
        ck_assert_contains(json_string_value(json_object_get(e, "message")),
                           "ran out of memory in step 'bad' (plugin faulty) under the "
                           "--max-memory limit of 200 MB");
    }
    result_free(&r);
}
END_TEST

/*
 * Many documents, several workers, failures interleaved: every good document
 * is reported, in input order, exactly as a run without --isolate reports it.
 */
START_TEST(isolated_reports_match_plain_ones_with_many_workers)
{
    const char *cfg = config();
    const char *iso_args[40], *plain_args[40];
    size_t ni = 0, np = 0;
    iso_args[ni++] = plain_args[np++] = "run";
    iso_args[ni++] = plain_args[np++] = cfg;
    static char names[12][32];
    for (int i = 0; i < 12; i++) {
        snprintf(names[i], sizeof names[i], "doc-%02d.txt", i);
        char text[200];
        snprintf(text, sizeof text, "Document %d says INFO and WARN.\n\nIts second paragraph %s.\n",
                 i, i % 4 == 1 ? "will CRASH" : "is calm");
        const char *path = article(names[i], text);
        iso_args[ni++] = path;
        if (i % 4 != 1)
            plain_args[np++] = path;
    }
    const char *tail[] = {"-f", "jsonl", "-j", "4", NULL};
    for (const char **t = tail; *t; t++)
        iso_args[ni++] = plain_args[np++] = *t;
    iso_args[ni++] = "--isolate";
    iso_args[ni] = plain_args[np] = NULL;

    result iso = run_galley(iso_args);
    result plain = run_galley(plain_args);
    ck_assert_msg(iso.status == 4, "exit %d, want 4: %s", iso.status, iso.err);
    ck_assert_msg(plain.status == 0, "exit %d: %s", plain.status, plain.err);
    /* Drop the failed documents' lines from the isolated output; the rest must match. */
    char *kept = calloc(strlen(iso.out) + 1, 1);
    size_t failures = 0;
    for (char *line = strtok(iso.out, "\n"); line; line = strtok(NULL, "\n")) {
        if (strstr(line, "\"error\"")) {
            ck_assert_contains(line, "in step 'bad' (plugin faulty)");
            failures++;
            continue;
        }
        strcat(kept, line);
        strcat(kept, "\n");
    }
    ck_assert_uint_eq(failures, 3);
    ck_assert_str_eq(kept, plain.out);
    free(kept);
    result_free(&iso);
    result_free(&plain);
}
END_TEST

START_TEST(the_text_report_says_what_happened)
{
    const char *b = article("b.txt", "This one will CRASH the plugin.\n");
    const char *args[] = {"run", config(), b, "--isolate", "-f", "text", NULL};
    result r = run_galley(args);
    ck_assert_int_eq(r.status, 4);
    /* The text report wraps long messages: read it with its white space runs made one space. */
    char *flat = strdup(r.out);
    size_t n = 0;
    for (const char *p = r.out; *p; p++)
        if (!(*p == ' ' || *p == '\n') || (n > 0 && flat[n - 1] != ' '))
            flat[n++] = *p == '\n' ? ' ' : *p;
    flat[n] = '\0';
    ck_assert_contains(flat, "b.txt: plugin error: ");
    ck_assert_contains(flat, "in step 'bad' (plugin faulty)");
    ck_assert_contains(flat, "1 document (1 failed)");
    free(flat);
    result_free(&r);
}
END_TEST

START_TEST(bad_limits_are_usage_errors)
{
    const char *a = article("a.txt", "A calm article.\n");
    static const char *const cases[][2] = {{"--timeout", "0"},       {"--timeout", "soon"},
                                           {"--timeout", "-3"},      {"--max-memory", "0"},
                                           {"--max-memory", "lots"}, {"--max-memory", "12G"},
                                           {"--max-memory", "-1"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *args[] = {"run", config(), a, cases[i][0], cases[i][1], NULL};
        result r = run_galley(args);
        ck_assert_msg(r.status == 2, "%s %s: exit %d", cases[i][0], cases[i][1], r.status);
        ck_assert_contains(r.err, cases[i][0]);
        ck_assert_contains(r.err, cases[i][1]);
        ck_assert_str_eq(r.out, "");
        result_free(&r);
    }
}
END_TEST

START_TEST(help_documents_isolation)
{
    const char *args[] = {"run", "--help", NULL};
    result r = run_galley(args);
    ck_assert_int_eq(r.status, 0);
    ck_assert_contains(r.out, "--isolate");
    ck_assert_contains(r.out, "--timeout SECONDS");
    ck_assert_contains(r.out, "--max-memory MB");
    result_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("isolate");
    TCase *tc = tcase_create("isolate");
    tcase_add_checked_fixture(tc, NULL, t_cleanup);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, a_crash_fails_only_its_document);
    tcase_add_test(tc, a_hang_is_killed_at_the_timeout);
    tcase_add_test(tc, a_greedy_plugin_meets_the_memory_limit);
    tcase_add_test(tc, isolated_reports_match_plain_ones_with_many_workers);
    tcase_add_test(tc, the_text_report_says_what_happened);
    tcase_add_test(tc, bad_limits_are_usage_errors);
    tcase_add_test(tc, help_documents_isolation);
    suite_add_tcase(s, tc);
    return t_main(s);
}
