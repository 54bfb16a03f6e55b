/*
 * test_plugin_fuzz_regressions.c -- inputs that once crashed a plugin, found
 * by the fuzz harnesses (fuzz/README.md lists them), replayed on every build.
 *
 * Each article is handed over in a heap buffer of exactly its length, with
 * no NUL after it, as galley_pipeline_run_buffer allows: a plugin that reads
 * past the end of the text is caught by the sanitizer build and by valgrind.
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"

static void run_exact(const char *config_json, const char *text)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(config_json, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    size_t n = strlen(text);
    char *bytes = malloc(n);
    ck_assert_ptr_nonnull(bytes);
    memcpy(bytes, text, n);
    json_t *report = NULL;
    int rc = galley_pipeline_run_buffer(p, "exact.txt", bytes, n, NULL, &report, &err);
    ck_assert_msg(rc == GALLEY_OK, "%s", err.text);
    ck_assert_ptr_nonnull(report);
    json_decref(report);
    free(bytes);
    galley_pipeline_free(p);
}

/*
 * anonymise read an age after a name ("Kuzan, 34") with atoi(), which runs
 * on to the NUL it expects: at the very end of the text there is none.
 */
START_TEST(anonymise_reads_an_age_at_the_end_of_the_text)
{
    static const char config[] = "{\"galley\": 1, \"steps\": [{\"plugin\": \"anonymise\"}]}";
    run_exact(config, "Yesterday Pavlo Kuzan, 34");
    run_exact(config, "Pavlo Kuzan, aged 7");
    run_exact(config, "Kuzan, 1");
}
END_TEST

/*
 * anonymise quoted the first 160 bytes of a long pseudonym declaration in a
 * person's evidence; a cut inside a character made the evidence invalid
 * UTF-8, jansson refused it, and the document failed with "out of memory".
 * Three-byte characters after a prefix of 0, 1 and 2 letters put byte 160
 * inside a character at least twice.
 */
START_TEST(anonymise_quotes_a_long_declaration_in_whole_characters)
{
    static const char config[] = "{\"galley\": 1, \"steps\": [{\"plugin\": \"anonymise\"}]}";
    galley_error err;
    galley_pipeline *p = t_pipeline(config, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    int quoted = 0;
    for (int shift = 0; shift < 3; shift++) {
        char text[2048];
        int n = snprintf(text, sizeof text,
                         "Pavlo, a crane operator, asked us not to print his real name, %.*s"
                         "because of the ",
                         shift, "xx");
        for (int k = 0; k < 80; k++)
            n += snprintf(text + n, sizeof text - (size_t)n, "\xe2\x82\xac"); /* the euro sign */
        snprintf(text + n, sizeof text - (size_t)n,
                 " he owes.\n\nPavlo said the berth was quiet.\n");
        json_t *report = NULL;
        int rc = galley_pipeline_run_buffer(p, "long.txt", text, strlen(text), NULL, &report, &err);
        ck_assert_msg(rc == GALLEY_OK, "shift %d: %s", shift, err.text);
        const json_t *persons = json_object_get(
            json_object_get(json_object_get(report, "results"), "anonymise"), "persons");
        size_t i;
        const json_t *person;
        json_array_foreach(persons, i, person)
        {
            const char *why = json_string_value(json_object_get(person, "evidence"));
            if (why && strstr(why, "declaration on line"))
                quoted++;
        }
        json_decref(report);
    }
    /* The declaration really was quoted, so the cut was exercised. */
    ck_assert_int_ge(quoted, 1);
    galley_pipeline_free(p);
}
END_TEST

/*
 * The core keeps a finding's message in 1024 bytes.  A longer message with
 * non-ASCII text was cut inside a character, the report could not hold the
 * invalid UTF-8, and the document failed with "out of memory writing the
 * report" (found through anonymise, whose messages quote long evidence).
 * The echo test plugin quotes a whole block: characters of two bytes ("é")
 * or three ("—") after 0-2 ASCII letters put the cut at every place in one;
 * the message keeps every whole character before the cut, and only those.
 */
START_TEST(a_long_message_is_cut_between_characters)
{
    galley_error err;
    galley_pipeline *p = t_pipeline("{\"galley\": 1, \"steps\": [{\"plugin\": \"echo\"}]}", &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    static const char *const wide[] = {"\xC3\xA9", "\xE2\x80\x94"};
    for (size_t w = 0; w < 2; w++)
        for (size_t shift = 0; shift < 3; shift++) {
            char text[1500];
            size_t n = 0, width = strlen(wide[w]);
            for (size_t k = 0; k < shift; k++)
                text[n++] = 'x';
            while (n + width < 1400) {
                memcpy(text + n, wide[w], width);
                n += width;
            }
            text[n++] = '\n';
            json_t *report = NULL;
            int rc = galley_pipeline_run_buffer(p, "long.txt", text, n, NULL, &report, &err);
            ck_assert_msg(rc == GALLEY_OK, "width %zu, shift %zu: %s", width, shift, err.text);
            const char *message = json_string_value(
                json_object_get(json_array_get(json_object_get(report, "findings"), 0), "message"));
            ck_assert_ptr_nonnull(message);
            /* Cut, but only between characters: whole characters after the prefix, and
               none that would have fitted left out. */
            size_t len = strlen(message), prefix = strlen("the block says: ");
            ck_assert_uint_gt(len, 1000);
            ck_assert_uint_le(len, 1023);
            ck_assert_uint_gt(len, 1023 - width);
            ck_assert_int_eq(strncmp(message, "the block says: ", prefix), 0);
            ck_assert_int_eq(memcmp(message + prefix, text, len - prefix), 0);
            ck_assert_uint_eq((len - prefix - shift) % width, 0);
            json_decref(report);
        }
    galley_pipeline_free(p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plugin_fuzz_regressions");
    TCase *tc = tcase_create("regressions");
    tcase_add_checked_fixture(tc, NULL, t_cleanup);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, anonymise_reads_an_age_at_the_end_of_the_text);
    tcase_add_test(tc, anonymise_quotes_a_long_declaration_in_whole_characters);
    tcase_add_test(tc, a_long_message_is_cut_between_characters);
    suite_add_tcase(s, tc);
    return t_main(s);
}
