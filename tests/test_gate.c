/*
 * test_gate.c -- the CI gate end to end, through the real galley binary:
 * exit codes for fail_on error and warning, and the three CI formats
 * (SARIF, GitHub workflow commands, JUnit XML) with their locations and
 * escaping, on directories where every name is cleared and where one is not.
 *
 * galley runs from the source directory, as a CI job does from its checkout,
 * so that report paths are relative to the working directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"

static void setup(void) { ck_assert_int_eq(chdir(GALLEY_SOURCE_DIR), 0); }
static void teardown(void) { t_cleanup(); }

#define PASS_DIR "tests/fixtures/anonymise/gate-pass"
#define FAIL_DIR "tests/fixtures/anonymise/gate-fail"
#define FAIL_FILE FAIL_DIR "/bakery-unlisted.txt"
#define WARN_DIR "tests/fixtures/anonymise/gate-warning"

static int run_gate(const char *config, const char *input, const char *format, char **out,
                    char **err)
{
    const char *argv[] = {"galley", "run", config, input, "-f", format, "-j", "1", NULL};
    return t_galley(argv, NULL, out, err);
}

/* A config for the anonymise step alone with the given fail_on, in the test's directory. */
static const char *config_failing_on(const char *level)
{
    char text[512];
    snprintf(text, sizeof text,
             "{\"galley\": 1, \"name\": \"gate on %s\", \"steps\": [{\"id\": \"anonymise\", "
             "\"plugin\": \"anonymise\"}], \"gate\": {\"fail_on\": \"%s\"}}",
             level, level);
    char name[64];
    snprintf(name, sizeof name, "gate-%s.json", level);
    return t_write(name, text);
}

START_TEST(passes_where_every_name_is_cleared_in_every_format)
{
    static const char *const formats[] = {"text", "json", "sarif", "github", "junit"};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        char *out, *err;
        int rc = run_gate("configs/anonymise.json", PASS_DIR, formats[i], &out, &err);
        ck_assert_msg(rc == 0, "%s: exit %d, stderr %s, stdout %s", formats[i], rc, err, out);
        free(out);
        free(err);
        rc = run_gate("configs/anonymise.json", FAIL_DIR, formats[i], &out, &err);
        ck_assert_msg(rc == 1, "%s: exit %d on an unlisted name, stderr %s", formats[i], rc, err);
        free(out);
        free(err);
    }
}
END_TEST

START_TEST(fail_on_warning_and_fail_on_error)
{
    char *out, *err;
    /* the article has a warning (an age next to a pseudonym) and no error */
    int rc = run_gate(config_failing_on("error"), WARN_DIR, "json", &out, &err);
    ck_assert_msg(rc == 0, "exit %d: %s", rc, err);
    json_t *report = json_loads(out, 0, NULL);
    ck_assert_ptr_nonnull(report);
    json_t *gate = json_object_get(report, "gate");
    ck_assert(json_is_true(json_object_get(gate, "passed")));
    ck_assert_int_eq(json_integer_value(json_object_get(gate, "warnings")), 1);
    json_decref(report);
    free(out);
    free(err);
    rc = run_gate(config_failing_on("warning"), WARN_DIR, "json", &out, &err);
    ck_assert_msg(rc == 1, "exit %d: %s", rc, err);
    report = json_loads(out, 0, NULL);
    ck_assert(json_is_false(json_object_get(json_object_get(report, "gate"), "passed")));
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(report, "gate"), "fail_on")),
                     "warning");
    json_decref(report);
    free(out);
    free(err);
}
END_TEST

/* Where "Olena Marchuk" is in the failing fixture, worked out from the file itself. */
typedef struct where {
    long line, column, end_column, byte, chars;
} where;

static where locate(const char *name)
{
    size_t length;
    char *text = t_read(FAIL_FILE, &length);
    ck_assert_ptr_nonnull(text);
    const char *at = strstr(text, name);
    ck_assert_ptr_nonnull(at);
    where w = {1, 1, 0, at - text, 0};
    const char *line_start = text;
    for (const char *p = text; p < at; p++) {
        if ((*p & 0xC0) != 0x80)
            w.chars++;
        if (*p == '\n') {
            w.line++;
            line_start = p + 1;
        }
    }
    for (const char *p = line_start; p < at; p++)
        if ((*p & 0xC0) != 0x80)
            w.column++;
    w.end_column = w.column + (long)strlen(name); /* the name is ASCII */
    free(text);
    return w;
}

START_TEST(sarif_locates_the_unlisted_name)
{
    char *out, *err;
    int rc = run_gate("configs/anonymise.json", FAIL_DIR, "sarif", &out, &err);
    ck_assert_msg(rc == 1, "exit %d: %s", rc, err);
    json_error_t jerr;
    json_t *log = json_loads(out, 0, &jerr);
    ck_assert_msg(log != NULL, "not JSON: %s", jerr.text);
    ck_assert_str_eq(json_string_value(json_object_get(log, "version")), "2.1.0");
    json_t *run = json_array_get(json_object_get(log, "runs"), 0);
    json_t *driver = json_object_get(json_object_get(run, "tool"), "driver");
    ck_assert_str_eq(json_string_value(json_object_get(driver, "name")), "galley");
    ck_assert_ptr_nonnull(json_string_value(json_object_get(driver, "version")));
    ck_assert_ptr_nonnull(json_string_value(json_object_get(driver, "informationUri")));
    /* the rules come from the plugin's declarations, with their help */
    json_t *rules = json_object_get(driver, "rules");
    long unlisted = -1;
    size_t i;
    json_t *rule;
    json_array_foreach(rules, i, rule) if (strcmp(json_string_value(json_object_get(rule, "id")),
                                                  "anonymise/unlisted-name") == 0) unlisted =
        (long)i;
    ck_assert_int_ge(unlisted, 0);
    rule = json_array_get(rules, (size_t)unlisted);
    ck_assert_contains(json_string_value(json_object_get(json_object_get(rule, "help"), "text")),
                       "on-record");
    ck_assert_ptr_nonnull(json_object_get(json_object_get(rule, "shortDescription"), "text"));
    ck_assert_uint_ge(json_array_size(rules), 3);

    json_t *results = json_object_get(run, "results");
    ck_assert_uint_eq(json_array_size(results), 1);
    json_t *res = json_array_get(results, 0);
    ck_assert_str_eq(json_string_value(json_object_get(res, "ruleId")), "anonymise/unlisted-name");
    ck_assert_int_eq(json_integer_value(json_object_get(res, "ruleIndex")), unlisted);
    ck_assert_str_eq(json_string_value(json_object_get(res, "level")), "error");
    ck_assert_contains(json_string_value(json_object_get(json_object_get(res, "message"), "text")),
                       "Olena Marchuk");
    json_t *phys = json_object_get(json_array_get(json_object_get(res, "locations"), 0),
                                   "physicalLocation");
    json_t *artifact = json_object_get(phys, "artifactLocation");
    ck_assert_str_eq(json_string_value(json_object_get(artifact, "uri")), FAIL_FILE);
    ck_assert_str_eq(json_string_value(json_object_get(artifact, "uriBaseId")), "%SRCROOT%");
    json_t *region = json_object_get(phys, "region");
    where w = locate("Olena Marchuk");
    /* the line holds curly quotes and dashes: characters and bytes differ */
    ck_assert_int_ne(w.byte, w.chars);
    ck_assert_int_eq(json_integer_value(json_object_get(region, "startLine")), w.line);
    ck_assert_int_eq(json_integer_value(json_object_get(region, "startColumn")), w.column);
    ck_assert_int_eq(json_integer_value(json_object_get(region, "endLine")), w.line);
    ck_assert_int_eq(json_integer_value(json_object_get(region, "endColumn")), w.end_column);
    ck_assert_int_eq(json_integer_value(json_object_get(region, "byteOffset")), w.byte);
    ck_assert_int_eq(json_integer_value(json_object_get(region, "byteLength")), 13);
    ck_assert_int_eq(json_integer_value(json_object_get(region, "charOffset")), w.chars);
    ck_assert_int_eq(json_integer_value(json_object_get(region, "charLength")), 13);
    /* the encoding and the column unit are stated */
    ck_assert_str_eq(json_string_value(json_object_get(run, "columnKind")), "unicodeCodePoints");
    ck_assert_str_eq(json_string_value(json_object_get(run, "defaultEncoding")), "utf-8");
    json_t *art = json_array_get(json_object_get(run, "artifacts"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(art, "encoding")), "utf-8");
    json_decref(log);
    free(out);
    free(err);
}
END_TEST

START_TEST(sarif_reports_an_unreadable_article_as_a_notification)
{
    const char *argv[] = {"galley", "run", "configs/anonymise.json", PASS_DIR,
                          "tests/fixtures/bad/invalid-utf8-mid-block.txt", "-f", "sarif", NULL};
    char *out, *err;
    int rc = t_galley(argv, NULL, &out, &err);
    ck_assert_int_eq(rc, 3);
    json_t *log = json_loads(out, 0, NULL);
    ck_assert_ptr_nonnull(log);
    json_t *run = json_array_get(json_object_get(log, "runs"), 0);
    json_t *inv = json_array_get(json_object_get(run, "invocations"), 0);
    ck_assert(json_is_false(json_object_get(inv, "executionSuccessful")));
    json_t *note = json_array_get(json_object_get(inv, "toolExecutionNotifications"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(note, "level")), "error");
    ck_assert_contains(json_string_value(json_object_get(json_object_get(note, "message"), "text")),
                       "UTF-8");
    ck_assert_uint_eq(json_array_size(json_object_get(run, "artifacts")), 2);
    json_decref(log);
    free(out);
    free(err);
}
END_TEST

START_TEST(github_annotations)
{
    char *out, *err;
    int rc = run_gate("configs/anonymise.json", FAIL_DIR, "github", &out, &err);
    ck_assert_int_eq(rc, 1);
    where w = locate("Olena Marchuk");
    char want[256];
    /* GitHub's endColumn is the column of the last character */
    snprintf(want, sizeof want,
             "::error file=%s,line=%ld,col=%ld,endColumn=%ld,title=anonymise/unlisted-name::Olena "
             "Marchuk is named here",
             FAIL_FILE, w.line, w.column, w.end_column - 1);
    ck_assert_contains(out, want);
    ck_assert_contains(out, "::error title=galley gate failed::1 document, 0 failed to process, "
                            "1 error, 0 warnings (fail_on: error)");
    /* one line per annotation */
    size_t lines = 0;
    for (const char *p = out; *p; p++)
        lines += *p == '\n';
    ck_assert_uint_eq(lines, 2);
    free(out);
    free(err);
}
END_TEST

/* Writes one handmade document report in a format, through the public writer API. */
static char *write_format(const char *format, const char *doc_json)
{
    json_error_t jerr;
    json_t *doc = json_loads(doc_json, 0, &jerr);
    ck_assert_msg(doc != NULL, "bad JSON in the test: %s", jerr.text);
    galley_report *report = galley_report_new(NULL, 1);
    ck_assert_ptr_nonnull(report);
    ck_assert_int_eq(galley_report_add(report, doc), GALLEY_OK);
    const char *path = t_write("written.out", "");
    FILE *f = fopen(path, "w");
    galley_error err;
    galley_writer *w = galley_writer_new(format, f, NULL, &err);
    ck_assert_msg(w != NULL, "%s", err.text);
    ck_assert_int_eq(galley_writer_document(w, report, doc), 0);
    ck_assert_int_eq(galley_writer_finish(w, report), 0);
    galley_writer_free(w);
    fclose(f);
    galley_report_free(report);
    json_decref(doc);
    return t_read(path, NULL);
}

static const char *const awkward_doc =
    "{\"path\": \"news/50%,a:b.txt\", \"bytes\": 10, \"blocks\": [], \"results\": {}, "
    "\"findings\": [{\"step\": \"st:ep\", \"rule\": \"r,1\", \"severity\": \"warning\", "
    "\"start\": 0, \"end\": 2, \"line\": 1, \"column\": 1, \"end_line\": 2, "
    "\"end_column\": 1, \"char_start\": 0, \"char_end\": 2, \"text\": \"a\\u0001<b>\", "
    "\"message\": \"100% sure,\\nreally: yes\\r & <done>\"}]}";

START_TEST(github_escapes_properties_and_messages)
{
    char *out = write_format("github", awkward_doc);
    /* in properties %, ',' and ':' are encoded; a span over two lines has no columns */
    ck_assert_contains(out, "::warning file=news/50%25%2Ca%3Ab.txt,line=1,endLine=2,"
                            "title=st%3Aep/r%2C1::");
    /* in the message only %, CR and LF */
    ck_assert_contains(out, "::100%25 sure,%0Areally: yes%0D & <done>\n");
    free(out);
}
END_TEST

START_TEST(junit_escapes_what_xml_cannot_hold)
{
    char *out = write_format("junit", awkward_doc);
    /* a warning under fail_on error: the case passes, the finding goes to system-out */
    ck_assert_contains(out, "failures=\"0\" errors=\"0\"");
    ck_assert_contains(out, "<system-out>news/50%,a:b.txt:1:1: warning st:ep/r,1: 100% sure,\n"
                            "really: yes\r &amp; &lt;done&gt; [a\\x01&lt;b&gt;]");
    ck_assert_msg(strchr(out, '\x01') == NULL, "a control character XML cannot hold");
    free(out);
}
END_TEST

START_TEST(junit_cases_failures_errors_and_escaping)
{
    const char *bad = t_write_bytes("a&b<c>.txt", "ok\xFF\n", 4);
    const char *argv[] = {"galley", "run", "configs/anonymise.json", PASS_DIR, FAIL_DIR, bad,
                          "-f", "junit", NULL};
    char *out, *err;
    int rc = t_galley(argv, NULL, &out, &err);
    ck_assert_int_eq(rc, 3); /* an input error outranks the failed gate */
    ck_assert_contains(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    ck_assert_contains(out, "<testsuites name=\"galley\" tests=\"3\" failures=\"1\" errors=\"1\">");
    ck_assert_contains(out, "tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\"");
    /* one testcase per article */
    size_t cases = 0;
    for (const char *p = out; (p = strstr(p, "<testcase ")) != NULL; p++)
        cases++;
    ck_assert_uint_eq(cases, 3);
    ck_assert_contains(out, "<testcase name=\"" PASS_DIR "/bakery-cleared.txt\"");
    /* the failing article lists its error with file:line:column */
    where w = locate("Olena Marchuk");
    char want[256];
    snprintf(want, sizeof want, "%s:%ld:%ld: error anonymise/unlisted-name: Olena Marchuk",
             FAIL_FILE, w.line, w.column);
    ck_assert_contains(out, "<failure type=\"error\" message=\"1 finding at or above error\">");
    ck_assert_contains(out, want);
    /* quotes in messages and special characters in paths are escaped */
    ck_assert_contains(out, "add &quot;Olena Marchuk&quot; to &quot;on_record&quot;");
    ck_assert_contains(out, "a&amp;b&lt;c&gt;.txt");
    ck_assert_msg(strstr(out, "a&b<c>") == NULL, "unescaped path in %s", out);
    ck_assert_contains(out, "<error type=\"input\"");
    /* every element that opens is closed */
    ck_assert_contains(out, "</testsuite>\n</testsuites>\n");
    size_t open_cases = 0, closed_cases = 0;
    for (const char *p = out; (p = strstr(p, "<testcase")) != NULL; p++)
        open_cases++;
    for (const char *p = out; (p = strstr(p, "</testcase>")) != NULL; p++)
        closed_cases++;
    ck_assert_uint_eq(open_cases, closed_cases);
    free(out);
    free(err);
}
END_TEST

START_TEST(bad_meta_files_are_usage_errors_naming_the_file)
{
    static const char *const dirs[] = {"tests/fixtures/anonymise/meta-invalid-json",
                                       "tests/fixtures/anonymise/meta-unknown-key",
                                       "tests/fixtures/anonymise/meta-wrong-type"};
    static const char *const says[] = {"letter.meta.json", "letter.meta.json", "pseudonyms"};
    for (size_t i = 0; i < 3; i++) {
        char *out, *err;
        int rc = run_gate("configs/anonymise.json", dirs[i], "json", &out, &err);
        ck_assert_msg(rc == 2, "%s: exit %d (%s)", dirs[i], rc, err);
        ck_assert_contains(err, says[i]);
        free(out);
        free(err);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("gate");
    TCase *tc = tcase_create("gate");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, passes_where_every_name_is_cleared_in_every_format);
    tcase_add_test(tc, fail_on_warning_and_fail_on_error);
    tcase_add_test(tc, sarif_locates_the_unlisted_name);
    tcase_add_test(tc, sarif_reports_an_unreadable_article_as_a_notification);
    tcase_add_test(tc, github_annotations);
    tcase_add_test(tc, github_escapes_properties_and_messages);
    tcase_add_test(tc, junit_escapes_what_xml_cannot_hold);
    tcase_add_test(tc, junit_cases_failures_errors_and_escaping);
    tcase_add_test(tc, bad_meta_files_are_usage_errors_naming_the_file);
    suite_add_tcase(s, tc);
    return t_main(s);
}
