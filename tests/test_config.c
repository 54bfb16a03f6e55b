/*
 * test_config.c -- the config loader (core/src/config.c) and the JSON
 * position finder it uses to point at the place in the file an error is
 * about (core/src/jsonpos.c).
 *
 * Every error test checks the whole error, not only the status: a config is
 * edited by hand, and an error that names the wrong line sends the editor to
 * the wrong place.  Line and column numbers were counted by hand in the test
 * texts, which are written one line per string literal to make that easy;
 * columns count characters from 1.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "support.h"

static void teardown(void) { t_cleanup(); }

/* Writes json as a config file and loads it; the caller frees c. */
static int load(const char *json, gl_config *c, galley_error *err, const char **path_out)
{
    const char *path = t_write("galley.json", json);
    if (path_out)
        *path_out = path;
    galley_error_clear(err);
    return gl_config_load(c, path, err);
}

/*
 * Loads json and checks that it fails with a config error at JSON path
 * json_path, line:column, whose byte position starts with `at` and whose
 * message contains `needle`.
 */
static void expect_error(const char *json, const char *json_path, int line, int column,
                         const char *at, const char *needle)
{
    gl_config c;
    galley_error err;
    const char *file;
    int rc = load(json, &c, &err, &file);
    ck_assert_msg(rc == GALLEY_ECONFIG, "expected a config error for %s, got %d (%s)", json_path,
                  rc, err.text);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_str_eq(err.source, file);
    ck_assert_str_eq(err.path, json_path);
    ck_assert_msg(err.line == line && err.column == column,
                  "%s: expected %d:%d, got %d:%d (%s)", json_path, line, column, err.line,
                  err.column, err.text);
    ck_assert_msg(err.position >= 0 && (size_t)err.position < strlen(json),
                  "%s: position %lld out of range", json_path, err.position);
    ck_assert_msg(strncmp(json + err.position, at, strlen(at)) == 0,
                  "%s: expected the error at \"%s\", found \"%.12s\"", json_path, at,
                  json + err.position);
    if (needle)
        ck_assert_contains(err.text, needle);
    gl_config_free(&c);
}

/* A config that loads; the caller checks what came out and frees c. */
static void expect_ok(const char *json, gl_config *c)
{
    galley_error err;
    int rc = load(json, c, &err, NULL);
    ck_assert_msg(rc == 0, "expected the config to load: %s:%d:%d: %s: %s", err.source, err.line,
                  err.column, err.path, err.text);
}

/* ---- a valid config ------------------------------------------------------ */

static const char *const full_config =
    "{\n"
    "  \"galley\": 1,\n"
    "  \"name\": \"editorial review\",\n"
    "  \"description\": \"every analysis\",\n"
    "  \"plugin_path\": [\"plugins\", \"/opt/galley/plugins\", \"../shared\"],\n"
    "  \"x-owner\": \"desk\",\n"
    "  \"steps\": [\n"
    "    {\"plugin\": \"marker\", \"x-note\": \"ids default to the plugin\"},\n"
    "    {\"id\": \"second_one\", \"plugin\": \"scoped\", \"scope\": {\"even\": true},\n"
    "     \"options\": {\"factor\": 2}, \"description\": \"scoped step\"}\n"
    "  ],\n"
    "  \"gate\": {\"fail_on\": \"warning\", \"x-why\": \"strict desk\"}\n"
    "}\n";

START_TEST(valid_config_loads)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/conf", t_dir());
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    const char *file = t_write("conf/review.json", full_config);
    gl_config c;
    galley_error err;
    galley_error_clear(&err);
    ck_assert_msg(gl_config_load(&c, file, &err) == 0, "%s", err.text);
    ck_assert_str_eq(c.name, "editorial review");
    ck_assert_str_eq(c.path, file);
    ck_assert_str_eq(c.dir, dir);
    ck_assert_uint_eq(c.step_count, 2);
    ck_assert_str_eq(c.steps[0].id, "marker");
    ck_assert_str_eq(c.steps[0].plugin, "marker");
    ck_assert_ptr_null(c.steps[0].scope);
    ck_assert_ptr_null(c.steps[0].options);
    ck_assert_str_eq(c.steps[1].id, "second_one");
    ck_assert_str_eq(c.steps[1].plugin, "scoped");
    ck_assert(json_is_true(json_object_get(c.steps[1].scope, "even")));
    ck_assert_int_eq(json_integer_value(json_object_get(c.steps[1].options, "factor")), 2);
    ck_assert_int_eq(c.fail_on, GALLEY_WARNING);
    /* Relative entries resolve against the config's directory, absolute ones stay. */
    ck_assert_uint_eq(c.plugin_path_count, 3);
    char want[600];
    snprintf(want, sizeof want, "%s/plugins", dir);
    ck_assert_str_eq(c.plugin_path[0], want);
    ck_assert_str_eq(c.plugin_path[1], "/opt/galley/plugins");
    snprintf(want, sizeof want, "%s/../shared", dir);
    ck_assert_str_eq(c.plugin_path[2], want);
    ck_assert_ptr_null(c.plugin_path[3]);
    gl_config_free(&c);
}
END_TEST

START_TEST(plugin_path_ignores_the_working_directory)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/conf", t_dir());
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    t_write("conf/review.json", full_config);
    /* From the parent directory, with a relative config path ... */
    ck_assert_int_eq(chdir(t_dir()), 0);
    gl_config c;
    galley_error err;
    galley_error_clear(&err);
    ck_assert_msg(gl_config_load(&c, "conf/review.json", &err) == 0, "%s", err.text);
    ck_assert_str_eq(c.dir, "conf");
    ck_assert_str_eq(c.plugin_path[0], "conf/plugins");
    ck_assert_str_eq(c.plugin_path[2], "conf/../shared");
    gl_config_free(&c);
    /* ... and from the config's own directory, where the directory is "." */
    ck_assert_int_eq(chdir(dir), 0);
    galley_error_clear(&err);
    ck_assert_msg(gl_config_load(&c, "review.json", &err) == 0, "%s", err.text);
    ck_assert_str_eq(c.plugin_path[0], "./plugins");
    ck_assert_str_eq(c.plugin_path[1], "/opt/galley/plugins");
    gl_config_free(&c);
    /* ... and from somewhere unrelated, with an absolute config path. */
    ck_assert_int_eq(chdir("/"), 0);
    char file[600], want[600];
    snprintf(file, sizeof file, "%s/review.json", dir);
    snprintf(want, sizeof want, "%s/plugins", dir);
    galley_error_clear(&err);
    ck_assert_msg(gl_config_load(&c, file, &err) == 0, "%s", err.text);
    ck_assert_str_eq(c.plugin_path[0], want);
    gl_config_free(&c);
}
END_TEST

START_TEST(plugin_path_may_be_one_string)
{
    gl_config c;
    expect_ok("{\"galley\": 1, \"plugin_path\": \"lib/plugins\", \"steps\": [{\"plugin\": \"m\"}]}",
              &c);
    ck_assert_uint_eq(c.plugin_path_count, 1);
    char want[600];
    snprintf(want, sizeof want, "%s/lib/plugins", t_dir());
    ck_assert_str_eq(c.plugin_path[0], want);
    ck_assert_ptr_null(c.plugin_path[1]);
    gl_config_free(&c);
    /* No plugin_path at all is fine too. */
    expect_ok("{\"galley\": 1, \"steps\": [{\"plugin\": \"m\"}]}", &c);
    ck_assert_uint_eq(c.plugin_path_count, 0);
    ck_assert_str_eq(c.name, "");
    ck_assert_int_eq(c.fail_on, GALLEY_ERROR);
    gl_config_free(&c);
}
END_TEST

START_TEST(plugin_path_errors)
{
    expect_error("{\"galley\": 1,\n"
                 " \"plugin_path\": 7,\n"
                 " \"steps\": [{\"plugin\": \"m\"}]}",
                 "plugin_path", 2, 17, "7", "directory");
    expect_error("{\"galley\": 1,\n"
                 " \"plugin_path\": [\"a\", 3],\n"
                 " \"steps\": [{\"plugin\": \"m\"}]}",
                 "plugin_path[1]", 2, 23, "3", "non-empty string");
    expect_error("{\"galley\": 1,\n"
                 " \"plugin_path\": [\"a\",\n"
                 "                 \"\"],\n"
                 " \"steps\": [{\"plugin\": \"m\"}]}",
                 "plugin_path[1]", 3, 18, "\"\"", "non-empty string");
    /* An empty string would name the config's directory by accident: refused in both forms. */
    expect_error("{\"galley\": 1,\n"
                 " \"plugin_path\": \"\",\n"
                 " \"steps\": [{\"plugin\": \"m\"}]}",
                 "plugin_path", 2, 17, "\"\"", "non-empty string");
}
END_TEST

/* ---- gate ---------------------------------------------------------------- */

static int load_fail_on(const char *value, galley_error *err)
{
    char json[256];
    snprintf(json, sizeof json,
             "{\"galley\": 1, \"steps\": [{\"plugin\": \"m\"}], \"gate\": {\"fail_on\": %s}}",
             value);
    gl_config c;
    int rc = load(json, &c, err, NULL);
    int fail_on = c.fail_on;
    gl_config_free(&c);
    return rc == 0 ? fail_on : INT_MIN;
}

START_TEST(gate_fail_on_values)
{
    galley_error err;
    ck_assert_int_eq(load_fail_on("\"error\"", &err), GALLEY_ERROR);
    ck_assert_int_eq(load_fail_on("\"warning\"", &err), GALLEY_WARNING);
    ck_assert_int_eq(load_fail_on("\"never\"", &err), -1);
    gl_config c;
    expect_ok("{\"galley\": 1, \"steps\": [{\"plugin\": \"m\"}], \"gate\": {}}", &c);
    ck_assert_int_eq(c.fail_on, GALLEY_ERROR);
    gl_config_free(&c);
}
END_TEST

START_TEST(gate_errors)
{
    expect_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"m\"}],\n"
                 "  \"gate\": {\"fail_on\": \"errors\"}}",
                 "gate.fail_on", 2, 23, "\"errors\"", "\"error\", \"warning\" or \"never\"");
    expect_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"m\"}],\n"
                 "  \"gate\": {\"fail_on\": 2}}",
                 "gate.fail_on", 2, 23, "2", "\"never\"");
    expect_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"m\"}],\n"
                 "  \"gate\": \"error\"}",
                 "gate", 2, 11, "\"error\"", "must be an object, not a string");
    /* An unknown gate key points at the key, with a suggestion. */
    expect_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"m\"}],\n"
                 "  \"gate\": {\"x-ok\": 1,\n"
                 "           \"fail-on\": \"error\"}}",
                 "gate.fail-on", 3, 12, "\"fail-on\"", "did you mean 'fail_on'?");
}
END_TEST

/* ---- syntax and shape ------------------------------------------------------ */

START_TEST(malformed_json_is_located_by_jansson)
{
    /* Line 2 lacks its comma; jansson notices at the next token, "name" on line 3, and
       reports the column of that token's last character (columns 3-8). */
    const char *json = "{\n"
                       "  \"galley\": 1\n"
                       "  \"name\": \"x\",\n"
                       "  \"steps\": []\n"
                       "}\n";
    gl_config c;
    galley_error err;
    const char *file;
    ck_assert_int_eq(load(json, &c, &err, &file), GALLEY_ECONFIG);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_str_eq(err.source, file);
    ck_assert_str_eq(err.path, "");
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 8);
    /* jansson's position is the number of bytes read: through the end of "name". */
    ck_assert_int_eq(err.position, (long long)(strstr(json, "\"name\"") - json + 6));
    ck_assert_contains(err.text, "not valid JSON");
    ck_assert_contains(err.text, "'}' expected");
    gl_config_free(&c);

    /* The comma missing at the end of line 3 instead: found at "steps" (line 4, columns 3-9). */
    json = "{\n"
           "  \"galley\": 1,\n"
           "  \"name\": \"x\"\n"
           "  \"steps\": []\n"
           "}\n";
    ck_assert_int_eq(load(json, &c, &err, &file), GALLEY_ECONFIG);
    ck_assert_str_eq(err.source, file);
    ck_assert_int_eq(err.line, 4);
    ck_assert_int_eq(err.column, 9);
    ck_assert_contains(err.text, "near '\"steps\"'");
    gl_config_free(&c);

    /* A string that runs to the end of its line. */
    json = "{\"galley\": 1,\n"
           " \"name\": \"unterminated\n"
           "}\n";
    ck_assert_int_eq(load(json, &c, &err, &file), GALLEY_ECONFIG);
    ck_assert_int_eq(err.line, 2);
    ck_assert_contains(err.text, "not valid JSON");
    ck_assert_contains(err.text, "unexpected newline");
    gl_config_free(&c);

    /* Nothing at all. */
    ck_assert_int_eq(load("", &c, &err, &file), GALLEY_ECONFIG);
    ck_assert_str_eq(err.source, file);
    ck_assert_contains(err.text, "not valid JSON");
    gl_config_free(&c);
}
END_TEST

START_TEST(duplicate_keys_are_rejected)
{
    /* A second "galley" on line 3 (columns 3-10): taking the last one would hide an edit. */
    const char *json = "{\n"
                       "  \"galley\": 1,\n"
                       "  \"galley\": 1,\n"
                       "  \"steps\": [{\"plugin\": \"m\"}]\n"
                       "}\n";
    gl_config c;
    galley_error err;
    const char *file;
    ck_assert_int_eq(load(json, &c, &err, &file), GALLEY_ECONFIG);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_str_eq(err.source, file);
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 10);
    ck_assert_contains(err.text, "duplicate object key");
    gl_config_free(&c);
    /* Also deep inside a step's options. */
    json = "{\"galley\": 1, \"steps\": [\n"
           "  {\"plugin\": \"m\", \"options\": {\"a\": 1, \"a\": 2}}]}";
    ck_assert_int_eq(load(json, &c, &err, &file), GALLEY_ECONFIG);
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 41);
    ck_assert_contains(err.text, "duplicate object key");
    gl_config_free(&c);
}
END_TEST

START_TEST(missing_file_is_a_config_error)
{
    gl_config c;
    galley_error err;
    galley_error_clear(&err);
    char file[600];
    snprintf(file, sizeof file, "%s/no-such.json", t_dir());
    ck_assert_int_eq(gl_config_load(&c, file, &err), GALLEY_ECONFIG);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_str_eq(err.source, file);
    ck_assert_contains(err.text, "cannot read");
    gl_config_free(&c);
}
END_TEST

START_TEST(config_must_be_an_object)
{
    expect_error("\n  [{\"galley\": 1}]\n", "", 2, 3, "[", "must be a JSON object, not an array");
}
END_TEST

START_TEST(version_is_required_and_must_be_1)
{
    expect_error("{\"steps\": [{\"plugin\": \"m\"}]}", "", 1, 1, "{", "missing \"galley\": 1");
    expect_error("{\n"
                 "  \"galley\": 2,\n"
                 "  \"steps\": [{\"plugin\": \"m\"}]\n"
                 "}\n",
                 "galley", 2, 13, "2", "version must be 1");
    expect_error("{\"steps\": [{\"plugin\": \"m\"}], \"galley\": \"1\"}", "galley", 1, 40, "\"1\"",
                 "version must be 1");
}
END_TEST

START_TEST(name_and_description_must_be_strings)
{
    expect_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"m\"}],\n"
                 " \"name\": [\"x\"]}",
                 "name", 2, 10, "[", "must be a string");
    expect_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"m\"}],\n"
                 " \"description\": false}",
                 "description", 2, 17, "false", "must be a string");
}
END_TEST

START_TEST(unknown_top_level_key_is_located_and_suggested)
{
    /* The key "stepz" starts at line 3, column 3; the error points at the key, not its value. */
    const char *json = "{\n"
                       "  \"galley\": 1,\n"
                       "  \"stepz\": [{\"plugin\": \"m\"}]\n"
                       "}\n";
    expect_error(json, "stepz", 3, 3, "\"stepz\"", "did you mean 'steps'?");
    expect_error(json, "stepz", 3, 3, "\"stepz\"", "unknown key 'stepz'");
    /* Nothing is close to this one: no suggestion, but the list of what is known. */
    json = "{\"galley\": 1, \"steps\": [{\"plugin\": \"m\"}],\n"
           "\t\"pipeline\": 1}";
    expect_error(json, "pipeline", 2, 2, "\"pipeline\"",
                 "known: galley, name, description, plugin_path, steps, gate");
    gl_config c;
    galley_error err;
    ck_assert_int_eq(load(json, &c, &err, NULL), GALLEY_ECONFIG);
    ck_assert_ptr_null(strstr(err.text, "did you mean"));
    gl_config_free(&c);
}
END_TEST

START_TEST(private_keys_are_accepted)
{
    gl_config c;
    expect_ok("{\"galley\": 1, \"x-\": 1, \"x-team\": {\"any\": [\"thing\"]},"
              " \"steps\": [{\"plugin\": \"m\", \"x-why\": 3}], \"gate\": {\"x-a\": null}}",
              &c);
    ck_assert_uint_eq(c.step_count, 1);
    gl_config_free(&c);
    /* "x" alone or "X-" are not the private prefix. */
    expect_error("{\"galley\": 1, \"steps\": [{\"plugin\": \"m\"}], \"X-team\": 1}", "X-team", 1,
                 43, "\"X-team\"", "unknown key");
}
END_TEST

/* ---- steps ----------------------------------------------------------------- */

START_TEST(steps_missing_empty_or_not_a_list)
{
    expect_error("{\"galley\": 1}", "", 1, 1, "{", "no \"steps\"");
    expect_error("{\"galley\": 1,\n"
                 " \"steps\": []}",
                 "steps", 2, 11, "[]", "non-empty list");
    expect_error("{\"galley\": 1,\n"
                 " \"steps\": {\"plugin\": \"m\"}}",
                 "steps", 2, 11, "{", "non-empty list");
}
END_TEST

START_TEST(step_shape_errors)
{
    /* Not an object: the second element, line 3 column 5. */
    expect_error("{\"galley\": 1, \"steps\": [\n"
                 "    {\"plugin\": \"m\"},\n"
                 "    \"boilerplate\"]}",
                 "steps[1]", 3, 5, "\"boilerplate\"", "a step must be an object");
    /* No plugin: the error points at the step itself. */
    expect_error("{\"galley\": 1, \"steps\": [\n"
                 "    {\"plugin\": \"m\"},\n"
                 "    {\"id\": \"x\"}]}",
                 "steps[1]", 3, 5, "{\"id\"", "step has no \"plugin\"");
    /* A plugin that is not a string. */
    expect_error("{\"galley\": 1, \"steps\": [\n"
                 "    {\"plugin\": [\"m\"]}]}",
                 "steps[0].plugin", 2, 16, "[", "must be a plugin name (a string), not an array");
    /* An unknown step key, with a suggestion. */
    expect_error("{\"galley\": 1, \"steps\": [\n"
                 "    {\"plugin\": \"m\", \"option\": {}}]}",
                 "steps[0].option", 2, 21, "\"option\"", "did you mean 'options'?");
    expect_error("{\"galley\": 1, \"steps\": [\n"
                 "    {\"plugins\": \"m\"}]}",
                 "steps[0].plugins", 2, 6, "\"plugins\"", "unknown step key 'plugins'");
}
END_TEST

START_TEST(plugin_names_cannot_be_paths)
{
    const char *bad[] = {"../evil", "a/b", "..", "/abs", "Marker", "-dash", "with space", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char json[256], at[64];
        snprintf(json, sizeof json, "{\"galley\": 1, \"steps\": [\n  {\"plugin\": \"%s\"}]}",
                 bad[i]);
        snprintf(at, sizeof at, "\"%s\"", bad[i]);
        expect_error(json, "steps[0].plugin", 2, 14, at, "is not a plugin name");
    }
}
END_TEST

START_TEST(step_ids_are_checked)
{
    expect_error("{\"galley\": 1, \"steps\": [\n"
                 "  {\"id\": 7, \"plugin\": \"m\"}]}",
                 "steps[0].id", 2, 10, "7", "must be a string, not a number");
    expect_error("{\"galley\": 1, \"steps\": [\n"
                 "  {\"id\": \"has space\", \"plugin\": \"m\"}]}",
                 "steps[0].id", 2, 10, "\"has space\"", "step id 'has space' must be 1-64");
    expect_error("{\"galley\": 1, \"steps\": [\n"
                 "  {\"id\": \"\", \"plugin\": \"m\"}]}",
                 "steps[0].id", 2, 10, "\"\"", "must be 1-64");
    char json[512], id[80];
    memset(id, 'a', 65);
    id[65] = '\0';
    snprintf(json, sizeof json,
             "{\"galley\": 1, \"steps\": [\n  {\"id\": \"%s\", \"plugin\": \"m\"}]}", id);
    expect_error(json, "steps[0].id", 2, 10, "\"aaaa", "must be 1-64");
    /* 64 characters, upper case, digits, '-' and '_' are all fine. */
    id[64] = '\0';
    id[0] = 'Z';
    id[1] = '9';
    id[2] = '-';
    id[3] = '_';
    snprintf(json, sizeof json, "{\"galley\": 1, \"steps\": [{\"id\": \"%s\", \"plugin\": \"m\"}]}",
             id);
    gl_config c;
    expect_ok(json, &c);
    ck_assert_str_eq(c.steps[0].id, id);
    gl_config_free(&c);
}
END_TEST

START_TEST(duplicate_step_ids_name_both_steps)
{
    /* Explicit ids: the error is at the second id and names the first step. */
    const char *json = "{\"galley\": 1, \"steps\": [\n"
                       "  {\"id\": \"a\", \"plugin\": \"m\"},\n"
                       "  {\"id\": \"b\", \"plugin\": \"m\"},\n"
                       "  {\"id\": \"a\", \"plugin\": \"n\"}]}";
    expect_error(json, "steps[2].id", 4, 10, "\"a\"", "duplicate step id 'a' (also steps[0])");
    /* Default ids: two steps of the same plugin without ids collide on the plugin name. */
    json = "{\"galley\": 1, \"steps\": [\n"
           "  {\"plugin\": \"m\"},\n"
           "  {\"plugin\": \"m\"}]}";
    expect_error(json, "steps[1]", 3, 3, "{", "duplicate step id 'm' (also steps[0])");
    /* An explicit id may collide with a default one, too. */
    json = "{\"galley\": 1, \"steps\": [\n"
           "  {\"plugin\": \"m\"},\n"
           "  {\"plugin\": \"n\", \"id\": \"m\"}]}";
    expect_error(json, "steps[1].id", 3, 25, "\"m\"", "also steps[0]");
}
END_TEST

START_TEST(step_member_types)
{
    expect_error("{\"galley\": 1, \"steps\": [\n"
                 "  {\"plugin\": \"m\", \"scope\": [\"boilerplate\"]}]}",
                 "steps[0].scope", 2, 28, "[", "must be an object of attribute values");
    expect_error("{\"galley\": 1, \"steps\": [\n"
                 "  {\"plugin\": \"m\", \"options\": \"fast\"}]}",
                 "steps[0].options", 2, 30, "\"fast\"", "must be an object, not a string");
    expect_error("{\"galley\": 1, \"steps\": [\n"
                 "  {\"plugin\": \"m\"},\n"
                 "  {\"plugin\": \"n\", \"description\": 5}]}",
                 "steps[1].description", 3, 34, "5", "must be a string");
}
END_TEST

/* ---- gl_json_locate ------------------------------------------------------ */

static const char *const nested =
    "{\"a\": {\"b\": [10, {\"c\": true}, []], \"e\": {}},\n"
    " \"q\\\"k\": {\"in\\\"ner\": \"x\\\"y\", \"after\": 5},\n"
    " \"back\\\\\": \"\\\\\", \"s\": \"[,]{:}\", \"t\": 1,\n"
    " \"arr\": [[1, 2], [3, [4, 5]]],\n"
    " \"split\":\n"
    "     {\"deep\": null},\n"
    " \"ключ\": \"значение\", \"z\": 2}\n";

/* Locates path in `nested` and checks line, column and that the position starts with `at`. */
static void expect_located(const char *path, int want_key, int line, int column, const char *at)
{
    int l = -1, col = -1;
    long long pos = -2;
    int found = gl_json_locate(nested, strlen(nested), path, want_key, &l, &col, &pos);
    ck_assert_msg(found == 1, "'%s' not found", path);
    ck_assert_msg(l == line && col == column, "'%s': expected %d:%d, got %d:%d", path, line,
                  column, l, col);
    ck_assert_msg(pos >= 0 && strncmp(nested + pos, at, strlen(at)) == 0,
                  "'%s': expected \"%s\" at %lld, found \"%.10s\"", path, at, pos,
                  pos >= 0 ? nested + pos : "");
}

static void expect_not_located(const char *path)
{
    int l = -7, col = -7;
    long long pos = -7;
    ck_assert_msg(gl_json_locate(nested, strlen(nested), path, 0, &l, &col, &pos) == 0,
                  "'%s' should not be found (got %d:%d)", path, l, col);
    ck_assert_msg(gl_json_locate(nested, strlen(nested), path, 1, &l, &col, &pos) == 0,
                  "'%s' should not be found as a key", path);
}

START_TEST(locate_nested_values)
{
    /* The sample was parsed by jansson first, as every text handed to the locator is. */
    json_error_t jerr;
    json_t *parsed = json_loadb(nested, strlen(nested), JSON_REJECT_DUPLICATES, &jerr);
    ck_assert_msg(parsed != NULL, "sample is not JSON: %s", jerr.text);
    json_decref(parsed);

    expect_located("", 0, 1, 1, "{\"a\"");
    expect_located("a", 0, 1, 7, "{\"b\"");
    expect_located("a.b", 0, 1, 13, "[10");
    expect_located("a.b[0]", 0, 1, 14, "10");
    expect_located("a.b[1]", 0, 1, 18, "{\"c\"");
    expect_located("a.b[1].c", 0, 1, 24, "true");
    expect_located("a.b[2]", 0, 1, 31, "[]");
    expect_located("a.e", 0, 1, 41, "{}");
    expect_located("t", 0, 3, 38, "1,");
    expect_located("arr", 0, 4, 9, "[[1");
    expect_located("arr[0]", 0, 4, 10, "[1,");
    expect_located("arr[0][1]", 0, 4, 14, "2]");
    expect_located("arr[1]", 0, 4, 18, "[3,");
    expect_located("arr[1][1]", 0, 4, 22, "[4,");
    expect_located("arr[1][1][1]", 0, 4, 26, "5]");
    expect_located("split.deep", 0, 6, 15, "null");
    /* Columns count characters, not bytes: "ключ" is 4 characters and 8 bytes. */
    expect_located("z", 0, 7, 27, "2}");
    expect_located("ключ", 0, 7, 10, "\"значение\"");
}
END_TEST

START_TEST(locate_member_names)
{
    expect_located("a", 1, 1, 2, "\"a\"");
    expect_located("a.b[1].c", 1, 1, 19, "\"c\"");
    expect_located("arr", 1, 4, 2, "\"arr\"");
    /* A name on an earlier line than its value. */
    expect_located("split", 1, 5, 2, "\"split\"");
    expect_located("split", 0, 6, 6, "{\"deep\"");
    /* Array elements have no name: want_key still gives the value. */
    expect_located("a.b[1]", 1, 1, 18, "{\"c\"");
    expect_located("arr[1][0]", 1, 4, 19, "3,");
    /* The root has no name either. */
    expect_located("", 1, 1, 1, "{");
}
END_TEST

START_TEST(locate_escaped_names)
{
    /* Paths are built from decoded member names, so q"k is how a program names it. */
    expect_located("q\"k", 1, 2, 2, "\"q\\\"k\"");
    expect_located("q\"k", 0, 2, 10, "{\"in");
    expect_located("q\"k.in\"ner", 0, 2, 22, "\"x\\\"y\"");
    expect_located("q\"k.after", 0, 2, 39, "5}");
    /* A name ending in an escaped backslash must not swallow the quote after it. */
    expect_located("back\\", 1, 3, 2, "\"back\\\\\"");
    expect_located("back\\", 0, 3, 12, "\"\\\\\"");
    expect_located("s", 0, 3, 23, "\"[,]{:}\"");
    /* \u escapes, a surrogate pair among them, decode to UTF-8. */
    const char *text = "{\"caf\\u00e9\": 1,\n \"\\ud83d\\ude00\": [true]}";
    int l, c;
    long long p;
    ck_assert_int_eq(gl_json_locate(text, strlen(text), "caf\xc3\xa9", 0, &l, &c, &p), 1);
    ck_assert_int_eq(p, 14);
    ck_assert_int_eq(gl_json_locate(text, strlen(text), "\xf0\x9f\x98\x80[0]", 0, &l, &c, &p), 1);
    ck_assert_int_eq(l, 2);
    ck_assert_int_eq(c, 19);
    ck_assert_int_eq(strncmp(text + p, "true", 4), 0);
}
END_TEST

START_TEST(locate_missing_paths)
{
    expect_not_located("nope");
    expect_not_located("a.b[3]");
    expect_not_located("a.b[2][0]"); /* inside an empty array */
    expect_not_located("a.e.x");     /* inside an empty object */
    expect_not_located("a.c");       /* c lives deeper, in a.b[1] */
    expect_not_located("a.b.c");
    expect_not_located("q\\\"k");    /* the raw spelling is not the name */
    expect_not_located("arr[2]");
    expect_not_located("t[0]");
    /* Empty containers as the whole text. */
    int l, c;
    long long p;
    ck_assert_int_eq(gl_json_locate("{}", 2, "", 0, &l, &c, &p), 1);
    ck_assert_int_eq(p, 0);
    ck_assert_int_eq(gl_json_locate("[ ]", 3, "[0]", 0, &l, &c, &p), 0);
    ck_assert_int_eq(gl_json_locate("{ }", 3, "x", 1, &l, &c, &p), 0);
    ck_assert_int_eq(gl_json_locate("[[], {}, 3]", 11, "[2]", 0, &l, &c, &p), 1);
    ck_assert_int_eq(p, 9);
    ck_assert_int_eq(c, 10);
}
END_TEST

/* ---- suggestions and key checks ------------------------------------------ */

START_TEST(closest_key_by_edit_distance)
{
    static const char *const known[] = {"galley", "name", "description", "plugin_path", "steps",
                                        "gate"};
    const size_t n = sizeof known / sizeof known[0];
    ck_assert_str_eq(gl_closest("stepz", known, n), "steps");         /* one substitution */
    ck_assert_str_eq(gl_closest("step", known, n), "steps");          /* one deletion */
    ck_assert_str_eq(gl_closest("plugin_paths", known, n), "plugin_path"); /* one insertion */
    ck_assert_str_eq(gl_closest("nmae", known, n), "name");           /* a swap is two edits */
    ck_assert_str_eq(gl_closest("Gate", known, n), "gate");           /* case counts as an edit */
    ck_assert_str_eq(gl_closest("pluginpath", known, n), "plugin_path");
    ck_assert_str_eq(gl_closest("galley", known, n), "galley");       /* itself */
    ck_assert_ptr_null(gl_closest("pipeline", known, n));             /* too far from all */
    ck_assert_ptr_null(gl_closest("stpes_list", known, n));
    ck_assert_ptr_null(gl_closest("stepz", known, 0));
    /* The first of equally close keys wins. */
    static const char *const ties[] = {"cat", "bat"};
    ck_assert_str_eq(gl_closest("hat", ties, 2), "cat");
    /* A key that keeps nothing of a known key gets no suggestion:
       "x" is two edits from "id", but "id" is no better a guess than any other key. */
    static const char *const step_keys[] = {"id", "plugin", "scope", "options", "description"};
    ck_assert_ptr_null(gl_closest("x", step_keys, 5));
    ck_assert_ptr_null(gl_closest("", step_keys, 5));
    ck_assert_ptr_null(gl_closest("ab", step_keys, 5));
    ck_assert_str_eq(gl_closest("i", step_keys, 5), "id");
    ck_assert_str_eq(gl_closest("ids", step_keys, 5), "id");
    ck_assert_str_eq(gl_closest("iD", step_keys, 5), "id");
    /* Very long keys are never close. */
    char longer[100];
    memset(longer, 'a', 99);
    longer[99] = '\0';
    ck_assert_ptr_null(gl_closest(longer, step_keys, 5));
}
END_TEST

START_TEST(check_keys_directly)
{
    static const char *const known[] = {"lexicon", "threshold"};
    const char *text = "{\"lexicon\": \"a\",\n \"treshold\": 2, \"x-y\": 0}";
    json_t *o = json_loads(text, 0, NULL);
    ck_assert_ptr_nonnull(o);
    galley_error err;
    galley_error_clear(&err);
    int rc = gl_check_keys(o, known, 2, "steps[1].options", "cfg.json", text, strlen(text),
                           "option", &err);
    ck_assert_int_eq(rc, GALLEY_ECONFIG);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_str_eq(err.source, "cfg.json");
    ck_assert_str_eq(err.path, "steps[1].options.treshold");
    ck_assert_contains(err.text, "unknown option 'treshold'");
    ck_assert_contains(err.text, "did you mean 'threshold'?");
    ck_assert_contains(err.text, "known: lexicon, threshold");
    /* The text is not this path's document, so the key is looked up but not found. */
    ck_assert_int_eq(err.line, 0);
    ck_assert_int_eq(err.column, 0);
    ck_assert_int_eq(err.position, -1);
    /* At the root of the same text, it is found. */
    galley_error_clear(&err);
    rc = gl_check_keys(o, known, 2, "", "cfg.json", text, strlen(text), "option", &err);
    ck_assert_int_eq(rc, GALLEY_ECONFIG);
    ck_assert_str_eq(err.path, "treshold");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 2);
    /* With nothing known, everything but x- keys is unknown. */
    galley_error_clear(&err);
    rc = gl_check_keys(o, NULL, 0, "", "cfg.json", text, strlen(text), "meta key", &err);
    ck_assert_int_eq(rc, GALLEY_ECONFIG);
    ck_assert_contains(err.text, "unknown meta key 'lexicon'");
    ck_assert_contains(err.text, "known: none");
    json_decref(o);
    /* All known or private: no error, and err untouched. */
    o = json_loads("{\"threshold\": 1, \"x-\": 2}", 0, NULL);
    galley_error_clear(&err);
    ck_assert_int_eq(gl_check_keys(o, known, 2, "", "cfg.json", NULL, 0, "option", &err), 0);
    ck_assert_int_eq(err.status, 0);
    json_decref(o);
}
END_TEST

static Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *t = tcase_create("load");
    tcase_add_checked_fixture(t, NULL, teardown);
    tcase_add_test(t, valid_config_loads);
    tcase_add_test(t, plugin_path_ignores_the_working_directory);
    tcase_add_test(t, plugin_path_may_be_one_string);
    tcase_add_test(t, plugin_path_errors);
    tcase_add_test(t, gate_fail_on_values);
    tcase_add_test(t, gate_errors);
    suite_add_tcase(s, t);
    TCase *e = tcase_create("errors");
    tcase_add_checked_fixture(e, NULL, teardown);
    tcase_add_test(e, malformed_json_is_located_by_jansson);
    tcase_add_test(e, duplicate_keys_are_rejected);
    tcase_add_test(e, missing_file_is_a_config_error);
    tcase_add_test(e, config_must_be_an_object);
    tcase_add_test(e, version_is_required_and_must_be_1);
    tcase_add_test(e, name_and_description_must_be_strings);
    tcase_add_test(e, unknown_top_level_key_is_located_and_suggested);
    tcase_add_test(e, private_keys_are_accepted);
    tcase_add_test(e, steps_missing_empty_or_not_a_list);
    tcase_add_test(e, step_shape_errors);
    tcase_add_test(e, plugin_names_cannot_be_paths);
    tcase_add_test(e, step_ids_are_checked);
    tcase_add_test(e, duplicate_step_ids_name_both_steps);
    tcase_add_test(e, step_member_types);
    suite_add_tcase(s, e);
    TCase *j = tcase_create("json positions");
    tcase_add_test(j, locate_nested_values);
    tcase_add_test(j, locate_member_names);
    tcase_add_test(j, locate_escaped_names);
    tcase_add_test(j, locate_missing_paths);
    tcase_add_test(j, closest_key_by_edit_distance);
    tcase_add_test(j, check_keys_directly);
    suite_add_tcase(s, j);
    return s;
}

int main(void) { return t_main(config_suite()); }
