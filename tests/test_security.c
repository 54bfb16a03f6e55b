/*
 * test_security.c -- what a config or an article written by someone else
 * cannot make galley do.
 *
 * A gate config may arrive in a pull request, so a config cannot load a
 * plugin from outside the plugin path, however the name is spelt, and its
 * file options cannot climb out of its directory with ".." unless the caller
 * allows it.  An article may hold anything that is valid UTF-8, so every
 * report format must carry what it echoes (file names, quoted text,
 * messages) without letting it drive a terminal, forge a CI annotation or
 * break out of the markup.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "support.h"

/* ---- plugin names --------------------------------------------------------- */

static void expect_shape_error(const char *json, const char *needle)
{
    gl_config c;
    galley_error err;
    galley_error_clear(&err);
    int rc = gl_config_load(&c, t_write("names.json", json), &err);
    ck_assert_msg(rc == GALLEY_ECONFIG, "accepted: %s", json);
    ck_assert_contains(err.text, needle);
    gl_config_free(&c);
}

START_TEST(plugin_names_are_refused_however_spelt)
{
    char json[512], name[80];
    /* 65 characters is one too many; 64 is the most a name may have. */
    memset(name, 'a', 65);
    name[65] = '\0';
    snprintf(json, sizeof json, "{\"galley\": 1, \"steps\": [{\"plugin\": \"%s\"}]}", name);
    expect_shape_error(json, "is not a plugin name");
    name[64] = '\0';
    snprintf(json, sizeof json, "{\"galley\": 1, \"steps\": [{\"plugin\": \"%s\"}]}", name);
    gl_config c;
    galley_error err;
    ck_assert_int_eq(gl_config_load(&c, t_write("names.json", json), &err), 0);
    gl_config_free(&c);
    /* The public loader then looks for it, by name, on the plugin path only. */
    galley_pipeline *p = t_pipeline(json, &err);
    ck_assert_ptr_null(p);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_contains(err.text, "is not in the plugin path");

    /* Escapes decode before the check: "..\/evil" is "../evil". */
    static const char *const spelt[] = {
        "..\\/evil", "\\u002e\\u002e", "\\/tmp\\/x", "MARKER",  "mark\\u00e9r",
        "mark\\ter", "marker\\n",      "marker.so",  "~marker", "mar*"};
    for (size_t i = 0; i < sizeof spelt / sizeof spelt[0]; i++) {
        snprintf(json, sizeof json, "{\"galley\": 1, \"steps\": [{\"plugin\": \"%s\"}]}", spelt[i]);
        expect_shape_error(json, "is not a plugin name");
    }
    /* A NUL cannot hide a suffix: jansson refuses \u0000 in strings outright. */
    expect_shape_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"marker\\u0000/../../x\"}]}",
                       "not valid JSON");
}
END_TEST

/* ---- file options --------------------------------------------------------- */

static galley_pipeline *load_list(const char *list, int allow, int struct_size, galley_error *err)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"galley\": 1,\n \"steps\": [{\"plugin\": \"marker\",\n"
             "   \"options\": {\"list\": \"%s\"}}]}\n",
             list);
    galley_load_options o = *t_load_options();
    o.allow_parent_paths = allow;
    if (struct_size)
        o.struct_size = (size_t)struct_size;
    galley_error_clear(err);
    return galley_pipeline_load(t_write("paths.json", json), &o, err);
}

/* The resolved path of marker's list option, from describe(). */
static char *list_of(const galley_pipeline *p)
{
    json_t *d = galley_pipeline_describe(p);
    const char *v = json_string_value(json_object_get(
        json_object_get(json_array_get(json_object_get(d, "steps"), 0), "options"), "list"));
    char *out = strdup(v ? v : "");
    json_decref(d);
    return out;
}

START_TEST(file_options_cannot_climb_out_of_the_config_directory)
{
    static const char *const climbing[] = {"../x.txt", "lists/../../x.txt",   "lists/..",
                                           "..",       "/srv/lists/../x.txt", "a//../b"};
    for (size_t i = 0; i < sizeof climbing / sizeof climbing[0]; i++) {
        galley_error err;
        galley_pipeline *p = load_list(climbing[i], 0, 0, &err);
        ck_assert_msg(p == NULL, "'%s' was accepted", climbing[i]);
        ck_assert_int_eq(err.status, GALLEY_ECONFIG);
        ck_assert_str_eq(err.path, "steps[0].options.list");
        ck_assert_int_eq(err.line, 3);
        ck_assert_contains(err.text, "climbs out of the config's directory");
        ck_assert_contains(err.text, "--allow-parent-paths");
        ck_assert_contains(err.text, climbing[i]);
    }
    /* Names that merely contain dots are fine, and so are absolute paths. */
    static const char *const fine[] = {"...",           "..x/y.txt", "x../y.txt",
                                       "lists/.hidden", "./x.txt",   "/srv/lists/x.txt"};
    for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++) {
        galley_error err;
        galley_pipeline *p = load_list(fine[i], 0, 0, &err);
        ck_assert_msg(p != NULL, "'%s' was refused: %s", fine[i], err.text);
        char *v = list_of(p);
        char want[1024];
        if (fine[i][0] == '/')
            snprintf(want, sizeof want, "%s", fine[i]);
        else
            snprintf(want, sizeof want, "%s/%s", t_dir(), fine[i]);
        ck_assert_str_eq(v, want);
        free(v);
        galley_pipeline_free(p);
    }
}
END_TEST

START_TEST(parent_paths_are_allowed_when_asked)
{
    galley_error err;
    galley_pipeline *p = load_list("../lists/x.txt", 1, 0, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    char *v = list_of(p);
    char want[1024];
    snprintf(want, sizeof want, "%s/../lists/x.txt", t_dir());
    ck_assert_str_eq(v, want);
    free(v);
    galley_pipeline_free(p);
    /*
     * A caller built against headers without the field passes a shorter
     * struct_size; whatever lies beyond it is not read, so it gets the safe
     * default even if those bytes happen to be non-zero.
     */
    p = load_list("../lists/x.txt", 1, (int)offsetof(galley_load_options, allow_parent_paths),
                  &err);
    ck_assert_ptr_null(p);
    ck_assert_contains(err.text, "climbs out");
}
END_TEST

START_TEST(the_commands_take_allow_parent_paths)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"galley\": 1, \"plugin_path\": \"%s\",\n"
             " \"steps\": [{\"plugin\": \"marker\", \"options\": {\"list\": \"../x.txt\"}}]}\n",
             GALLEY_TEST_PLUGIN_DIR);
    const char *config = t_write("cli.json", json);
    const char *article = t_write("a.txt", "An article.\n");
    const char *check[] = {"galley", "check", config, NULL};
    const char *check_allowed[] = {"galley", "check", "--allow-parent-paths", config, NULL};
    const char *run[] = {"galley", "run", config, article, "-f", "json", NULL};
    const char *run_allowed[] = {
        "galley", "run", config, article, "-f", "json", "--allow-parent-paths", NULL};
    char *out, *err;
    ck_assert_int_eq(t_galley(check, NULL, &out, &err), 2);
    ck_assert_contains(err, "steps[0].options.list: option 'list' is '../x.txt', which climbs out");
    free(out);
    free(err);
    ck_assert_int_eq(t_galley(check_allowed, NULL, &out, &err), 0);
    free(out);
    free(err);
    ck_assert_int_eq(t_galley(run, NULL, &out, &err), 2);
    ck_assert_str_eq(out, "");
    free(out);
    free(err);
    ck_assert_int_eq(t_galley(run_allowed, NULL, &out, &err), 0);
    ck_assert_contains(out, "\"documents\"");
    free(out);
    free(err);
}
END_TEST

/* ---- what reports echo ---------------------------------------------------- */

/*
 * Valid UTF-8 that means harm somewhere: markup, quotes of every kind, ANSI
 * colour and title sequences, C0 and C1 controls (U+009B is a one-byte CSI),
 * DEL, a bidirectional override, line and paragraph separators, a zero-width
 * space, a forged GitHub annotation on its own line, workflow-command
 * escapes, and backslashes that look like JSON escapes.
 */
static const char hostile[] =
    "Quotes \" ' ` and <script>alert('x')</script> & &amp; ]]> <!-- --> "
    "\x1b[31mRED\x1b[0m \x1b]0;title\x07 \x01\x02\x7f tab\there\r\n"
    "::error file=forged.txt,line=1::forged annotation\n"
    "%0A%25 CSI\xc2\x9b"
    "31m NEL\xc2\x85 bidi\xe2\x80\xae"
    "desrever\xe2\x80\xac "
    "LS\xe2\x80\xa8PS\xe2\x80\xa9 zw\xe2\x80\x8bsp backslash \\ \\u0000 \\n end.\n";

/*
 * No C0 control but newline (and tab and carriage return where markup
 * allows them): ESC, which starts every ANSI sequence, is one.  Formats read
 * on a terminal (strict) must not carry DEL and the C1 controls either; the
 * machine formats may, as JSON allows them and ESC is what matters there.
 */
static void ck_no_controls(const char *format, const char *out, int allow_tab_cr, int strict)
{
    for (const unsigned char *p = (const unsigned char *)out; *p; p++) {
        int ok = *p >= 0x20 || *p == '\n' || (allow_tab_cr && (*p == '\t' || *p == '\r'));
        ck_assert_msg(ok, "%s: raw control byte 0x%02X at offset %ld", format, *p,
                      (long)(p - (const unsigned char *)out));
        if (!strict)
            continue;
        ck_assert_msg(*p != 0x7F, "%s: raw DEL at offset %ld", format,
                      (long)(p - (const unsigned char *)out));
        ck_assert_msg(!(p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F),
                      "%s: raw C1 control U+00%02X at offset %ld", format, p[1],
                      (long)(p - (const unsigned char *)out));
    }
}

/* The findings' messages and texts, decoded, must be the article's own words. */
static void ck_round_trip(const char *format, const json_t *doc)
{
    const json_t *f = json_array_get(json_object_get(doc, "findings"), 0);
    const char *message = json_string_value(json_object_get(f, "message"));
    ck_assert_msg(message && strncmp(message, "the block says: Quotes \" ' `", 28) == 0,
                  "%s: message %s", format, message ? message : "(none)");
    ck_assert_msg(strstr(message, "\x1b[31mRED") && strstr(message, "\xc2\x9b"
                                                                    "31m"),
                  "%s: the decoded message lost the article's bytes", format);
}

START_TEST(every_format_escapes_what_it_echoes)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"galley\": 1, \"plugin_path\": \"%s\", \"steps\": [{\"plugin\": \"echo\"}],"
             " \"gate\": {\"fail_on\": \"never\"}}\n",
             GALLEY_TEST_PLUGIN_DIR);
    const char *config = t_write("echo.json", json);
    /* A file name may hold control characters too. */
    const char *article = t_write("evil\x1b[2J\x1b]0;x\x07name.txt", hostile);
    for (const char *const *f = galley_writer_formats(); *f; f++) {
        const char *argv[] = {"galley", "run", config, article, "-f", *f, NULL};
        char *out, *err;
        int status = t_galley(argv, NULL, &out, &err);
        ck_assert_msg(status == 0, "%s: exit %d: %s", *f, status, err);
        ck_assert_msg(out[0], "%s: no output", *f);
        int is_xml = strcmp(*f, "junit") == 0 || strcmp(*f, "html") == 0;
        int terminal = strcmp(*f, "text") == 0 || strcmp(*f, "github") == 0;
        ck_no_controls(*f, out, is_xml, terminal);
        ck_no_controls("stderr", err, 0, 1);
        if (strcmp(*f, "json") == 0 || strcmp(*f, "sarif") == 0) {
            json_error_t jerr;
            json_t *v = json_loads(out, 0, &jerr);
            ck_assert_msg(v != NULL, "%s: not JSON: %s", *f, jerr.text);
            if (strcmp(*f, "json") == 0)
                ck_round_trip(*f, json_array_get(json_object_get(v, "documents"), 0));
            json_decref(v);
        } else if (strcmp(*f, "jsonl") == 0) {
            ck_assert_ptr_eq(strchr(out, '\n'), out + strlen(out) - 1);
            json_error_t jerr;
            json_t *v = json_loads(out, 0, &jerr);
            ck_assert_msg(v != NULL, "jsonl: not JSON: %s", jerr.text);
            ck_round_trip(*f, v);
            json_decref(v);
        } else if (strcmp(*f, "github") == 0) {
            /* The article's own line must not become a workflow command. */
            for (const char *line = out; line && *line; line = strchr(line, '\n')) {
                if (*line == '\n')
                    line++;
                ck_assert_msg(strncmp(line, "::error file=forged", 19) != 0,
                              "github: the article forged an annotation:\n%s", out);
            }
        } else if (strcmp(*f, "text") == 0) {
            ck_assert_contains(out, "\\x1B[31mRED");
            ck_assert_msg(!strchr(out, '\r'), "text: a raw carriage return");
        }
        if (is_xml) {
            ck_assert_msg(!strstr(out, "<script>alert"), "%s: the article's markup is live", *f);
            ck_assert_msg(!strstr(out, "<!-- -->"), "%s: the article's comment is live", *f);
            /* XML 1.0 has no way to write most C0 controls, even as references. */
            static const char *const illegal[] = {"&#1;",   "&#x1;",  "&#27;",
                                                  "&#x1B;", "&#x1b;", "&#127;"};
            if (strcmp(*f, "junit") == 0)
                for (size_t k = 0; k < 5; k++)
                    ck_assert_msg(!strstr(out, illegal[k]), "junit: %s is not XML 1.0", illegal[k]);
        }
        if (strcmp(*f, "junit") == 0 && access("/usr/bin/xmllint", X_OK) == 0) {
            const char *xml = t_write("report.xml", out);
            char cmd[1200];
            snprintf(cmd, sizeof cmd, "/usr/bin/xmllint --noout '%s' 2>/dev/null", xml);
            ck_assert_msg(system(cmd) == 0, "junit: xmllint refuses the report:\n%s", out);
        }
        free(out);
        free(err);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("security");
    TCase *names = tcase_create("names");
    tcase_add_checked_fixture(names, NULL, t_cleanup);
    tcase_add_test(names, plugin_names_are_refused_however_spelt);
    suite_add_tcase(s, names);
    TCase *paths = tcase_create("paths");
    tcase_add_checked_fixture(paths, NULL, t_cleanup);
    tcase_add_test(paths, file_options_cannot_climb_out_of_the_config_directory);
    tcase_add_test(paths, parent_paths_are_allowed_when_asked);
    tcase_add_test(paths, the_commands_take_allow_parent_paths);
    suite_add_tcase(s, paths);
    TCase *echo = tcase_create("echo");
    tcase_add_checked_fixture(echo, NULL, t_cleanup);
    tcase_set_timeout(echo, 120);
    tcase_add_test(echo, every_format_escapes_what_it_echoes);
    suite_add_tcase(s, echo);
    return t_main(s);
}
