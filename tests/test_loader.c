/*
 * test_loader.c -- finding, opening and checking plugins, through the public
 * API only, as a program embedding galley sees it: plugin info and lists, the
 * search path and its order, and the refusals that keep a mismatched or
 * broken plugin from ever running.
 *
 * The plugins that misbehave on purpose are built from tests/plugins/ into
 * GALLEY_TEST_PLUGIN_DIR.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <galley/plugin.h>

#include "support.h"

static void teardown(void) { t_cleanup(); }

static const char *const test_dir_only[] = {GALLEY_TEST_PLUGIN_DIR, NULL};

/* Load options that search only `path` (NULL-terminated), never the environment. */
static galley_load_options only(const char *const *path)
{
    galley_load_options o;
    memset(&o, 0, sizeof o);
    o.struct_size = sizeof o;
    o.plugin_path = path;
    o.ignore_env = 1;
    return o;
}

/* The path a plugin file has in a directory; a static buffer per call site is enough here. */
static const char *so_path(char *buf, size_t size, const char *dir, const char *name)
{
    int n = snprintf(buf, size, "%s/galley-%s.so", dir, name);
    ck_assert(n > 0 && (size_t)n < size);
    return buf;
}

/* Asks for one test plugin's info, expects a plugin error naming its file, returns the text. */
static const char *expect_refused(const char *name, galley_error *err)
{
    galley_load_options o = only(test_dir_only);
    galley_error_clear(err);
    json_t *info = galley_plugin_info(name, &o, err);
    ck_assert_msg(info == NULL, "plugin '%s' should have been refused", name);
    ck_assert_int_eq(err->status, GALLEY_EPLUGIN);
    char file[512];
    ck_assert_str_eq(err->source, so_path(file, sizeof file, GALLEY_TEST_PLUGIN_DIR, name));
    return err->text;
}

/* A directory under the test's temporary directory. */
static const char *make_dir(char *buf, size_t size, const char *name)
{
    int n = snprintf(buf, size, "%s/%s", t_dir(), name);
    ck_assert(n > 0 && (size_t)n < size);
    ck_assert_int_eq(mkdir(buf, 0700), 0);
    return buf;
}

/* Makes dir/galley-as.so a link to the test plugin `target`. */
static void link_plugin(const char *dir, const char *as, const char *target)
{
    char from[512], to[512];
    so_path(from, sizeof from, GALLEY_TEST_PLUGIN_DIR, target);
    so_path(to, sizeof to, dir, as);
    ck_assert_msg(symlink(from, to) == 0, "cannot link %s", to);
}

/* ---- refusals ------------------------------------------------------------ */

START_TEST(wrong_abi_major_is_refused_naming_both_versions)
{
    galley_error err;
    const char *text = expect_refused("abi-future", &err);
    char plugin_abi[32], host_abi[32];
    snprintf(plugin_abi, sizeof plugin_abi, "plugin ABI %d.0 ", GALLEY_PLUGIN_ABI_MAJOR + 1);
    snprintf(host_abi, sizeof host_abi, "galley's ABI %d.%d", GALLEY_PLUGIN_ABI_MAJOR,
             GALLEY_PLUGIN_ABI_MINOR);
    ck_assert_contains(text, plugin_abi);
    ck_assert_contains(text, host_abi);
    /* The library the test runs against is the one the headers describe. */
    ck_assert_int_eq(galley_abi_major(), GALLEY_PLUGIN_ABI_MAJOR);
    ck_assert_int_eq(galley_abi_minor(), GALLEY_PLUGIN_ABI_MINOR);
}
END_TEST

START_TEST(newer_minor_is_refused_naming_both_versions)
{
    galley_error err;
    const char *text = expect_refused("abi-newer-minor", &err);
    char plugin_abi[32], host_abi[32];
    snprintf(plugin_abi, sizeof plugin_abi, "plugin ABI %d.%d ", GALLEY_PLUGIN_ABI_MAJOR,
             GALLEY_PLUGIN_ABI_MINOR + 7);
    snprintf(host_abi, sizeof host_abi, "galley's ABI %d.%d", GALLEY_PLUGIN_ABI_MAJOR,
             GALLEY_PLUGIN_ABI_MINOR);
    ck_assert_contains(text, plugin_abi);
    ck_assert_contains(text, host_abi);
}
END_TEST

START_TEST(abi_refusal_through_a_config)
{
    /* A pipeline names the config, the step and the plugin file in its error. */
    const char *config =
        t_write("abi.json", "{\"galley\": 1, \"steps\": [\n  {\"plugin\": \"abi-future\"}]}");
    galley_load_options o = only(test_dir_only);
    galley_error err;
    galley_pipeline *p = galley_pipeline_load(config, &o, &err);
    ck_assert_ptr_null(p);
    ck_assert_int_eq(err.status, GALLEY_EPLUGIN);
    ck_assert_str_eq(err.source, config);
    ck_assert_str_eq(err.path, "steps[0].plugin");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 14);
    char file[512];
    ck_assert_contains(err.text, so_path(file, sizeof file, GALLEY_TEST_PLUGIN_DIR, "abi-future"));
    char plugin_abi[32];
    snprintf(plugin_abi, sizeof plugin_abi, "ABI %d.0", GALLEY_PLUGIN_ABI_MAJOR + 1);
    ck_assert_contains(err.text, plugin_abi);
}
END_TEST

START_TEST(missing_entry_symbol_is_refused)
{
    galley_error err;
    const char *text = expect_refused("no-entry", &err);
    ck_assert_contains(text, "not a galley plugin");
    ck_assert_contains(text, GALLEY_PLUGIN_ENTRY_SYMBOL);
}
END_TEST

START_TEST(null_descriptor_is_refused)
{
    galley_error err;
    ck_assert_contains(expect_refused("null-descriptor", &err), "returned no descriptor");
}
END_TEST

START_TEST(name_must_match_the_file)
{
    galley_error err;
    const char *text = expect_refused("wrong-name", &err);
    ck_assert_contains(text, "calls itself 'someone-else'");
    ck_assert_contains(text, "named for 'wrong-name'");
    ck_assert_contains(text, "galley-someone-else.so");
}
END_TEST

START_TEST(invalid_attribute_type_is_refused)
{
    galley_error err;
    const char *text = expect_refused("bad-attribute", &err);
    ck_assert_contains(text, "plugin 'bad-attribute'");
    ck_assert_contains(text, "attribute of an unknown type");
}
END_TEST

START_TEST(descriptor_smaller_than_abi_1_0_is_refused)
{
    galley_error err;
    const char *text = expect_refused("truncated-descriptor", &err);
    char sizes[128];
    snprintf(sizes, sizeof sizes, "descriptor is %zu bytes, smaller than ABI %d.0's %zu",
             offsetof(galley_plugin, destroy), GALLEY_PLUGIN_ABI_MAJOR,
             offsetof(galley_plugin, destroy) + sizeof(galley_destroy_fn));
    ck_assert_contains(text, sizes);
}
END_TEST

START_TEST(plugin_names_are_not_paths)
{
    galley_load_options o = only(test_dir_only);
    const char *bad[] = {"../plugins/galley-marker", "/tmp/x", "marker.so", "", "Marker"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        galley_error err;
        galley_error_clear(&err);
        ck_assert_ptr_null(galley_plugin_info(bad[i], &o, &err));
        ck_assert_int_eq(err.status, GALLEY_ECONFIG);
        ck_assert_contains(err.text, "is not a plugin name");
    }
}
END_TEST

/* ---- descriptions -------------------------------------------------------- */

/* Checks one declared field: {name, type, help}. */
static void expect_field(const json_t *list, size_t i, const char *name, const char *type,
                         const char *help)
{
    const json_t *f = json_array_get(list, i);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(json_string_value(json_object_get(f, "name")), name);
    ck_assert_str_eq(json_string_value(json_object_get(f, "type")), type);
    ck_assert_str_eq(json_string_value(json_object_get(f, "help")), help);
}

static void expect_option(const json_t *list, size_t i, const char *name, const char *type,
                          const char *default_value, const char *help)
{
    expect_field(list, i, name, type, help);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(list, i), "default")),
                     default_value);
}

START_TEST(info_describes_a_plugin_in_full)
{
    galley_load_options o = only(test_dir_only);
    galley_error err;
    galley_error_clear(&err);
    json_t *info = galley_plugin_info("marker", &o, &err);
    ck_assert_msg(info != NULL, "%s", err.text);
    char file[512], data[512];
    ck_assert_str_eq(json_string_value(json_object_get(info, "name")), "marker");
    ck_assert_str_eq(json_string_value(json_object_get(info, "version")), "0.0.1");
    ck_assert_str_eq(json_string_value(json_object_get(info, "summary")),
                     "Test plugin: marks blocks and reports findings");
    ck_assert_str_eq(json_string_value(json_object_get(info, "license")), "MIT");
    ck_assert_str_eq(json_string_value(json_object_get(info, "description")), "");
    char abi[16]; /* the plugin was built against these headers */
    snprintf(abi, sizeof abi, "%d.%d", GALLEY_PLUGIN_ABI_MAJOR, GALLEY_PLUGIN_ABI_MINOR);
    ck_assert_str_eq(json_string_value(json_object_get(info, "abi")), abi);
    ck_assert_str_eq(json_string_value(json_object_get(info, "path")),
                     so_path(file, sizeof file, GALLEY_TEST_PLUGIN_DIR, "marker"));
    snprintf(data, sizeof data, "%s/marker", GALLEY_TEST_PLUGIN_DIR);
    ck_assert_str_eq(json_string_value(json_object_get(info, "data_dir")), data);

    const json_t *attrs = json_object_get(info, "attributes");
    ck_assert_uint_eq(json_array_size(attrs), 3);
    expect_field(attrs, 0, "even", "bool", "the block's index is even");
    expect_field(attrs, 1, "kind", "string", "short or long");
    expect_field(attrs, 2, "length", "number", "bytes in the block");

    const json_t *results = json_object_get(info, "results");
    ck_assert_uint_eq(json_array_size(results), 1);
    expect_field(results, 0, "blocks_in_scope", "number", "blocks it saw");

    ck_assert(json_is_array(json_object_get(info, "requires")));
    ck_assert_uint_eq(json_array_size(json_object_get(info, "requires")), 0);

    /* Defaults are given as the config would write them. */
    const json_t *opts = json_object_get(info, "options");
    ck_assert_uint_eq(json_array_size(opts), 4);
    expect_option(opts, 0, "flag", "bool", "false", "a switch");
    expect_option(opts, 1, "factor", "number", "1.5", "a number");
    expect_option(opts, 2, "label", "string", "m", "a string");
    expect_option(opts, 3, "list", "path", "words.txt", "a file");

    const json_t *meta = json_object_get(info, "meta_keys");
    ck_assert_uint_eq(json_array_size(meta), 1);
    ck_assert_str_eq(json_string_value(json_array_get(meta, 0)), "marker_note");

    const json_t *rules = json_object_get(info, "rules");
    ck_assert_uint_eq(json_array_size(rules), 3);
    ck_assert_str_eq(json_string_value(json_array_get(rules, 0)),
                     "has-error: the block says ERROR");
    ck_assert_str_eq(json_string_value(json_array_get(rules, 1)),
                     "has-warning: the block says WARN");
    ck_assert_str_eq(json_string_value(json_array_get(rules, 2)), "has-info: the block says INFO");
    json_decref(info);

    /* What a plugin reads from earlier steps, and an option without help or default. */
    info = galley_plugin_info("scoped", &o, &err);
    ck_assert_msg(info != NULL, "%s", err.text);
    const json_t *req = json_object_get(info, "requires");
    ck_assert_uint_eq(json_array_size(req), 1);
    ck_assert_str_eq(json_string_value(json_array_get(req, 0)), "even");
    ck_assert_uint_eq(json_array_size(json_object_get(info, "options")), 0);
    ck_assert_str_eq(json_string_value(json_object_get(info, "license")), "");
    json_decref(info);
}
END_TEST

START_TEST(list_marks_broken_plugins)
{
    galley_load_options o = only(test_dir_only);
    json_t *list = galley_plugins_list(&o);
    ck_assert(json_is_array(list));
    static const char *const broken[] = {"abi-future", "abi-newer-minor", "no-entry",
                                         "null-descriptor", "wrong-name", "bad-attribute",
                                         "truncated-descriptor"};
    static const char *const good[] = {"marker", "scoped", "fail-create", "fail-process",
                                       "short-descriptor"};
    size_t found_broken = 0, found_good = 0;
    const char *previous_file = "";
    size_t i;
    json_t *p;
    json_array_foreach(list, i, p) {
        const char *name = json_string_value(json_object_get(p, "name"));
        const char *path = json_string_value(json_object_get(p, "path"));
        ck_assert_ptr_nonnull(name);
        ck_assert_ptr_nonnull(path);
        char file[512];
        ck_assert_str_eq(path, so_path(file, sizeof file, GALLEY_TEST_PLUGIN_DIR, name));
        /* One directory: listed once each, in file-name order. */
        const char *base = strrchr(path, '/') + 1;
        ck_assert_msg(strcmp(previous_file, base) < 0, "%s listed after %s", base, previous_file);
        previous_file = base;
        const json_t *error = json_object_get(p, "error");
        for (size_t k = 0; k < sizeof broken / sizeof broken[0]; k++)
            if (strcmp(name, broken[k]) == 0) {
                found_broken++;
                ck_assert_msg(json_is_string(error) && json_string_value(error)[0],
                              "%s should be listed with an error", name);
                ck_assert_ptr_null(json_object_get(p, "version"));
            }
        for (size_t k = 0; k < sizeof good / sizeof good[0]; k++)
            if (strcmp(name, good[k]) == 0) {
                found_good++;
                ck_assert_msg(error == NULL, "%s: %s", name, json_string_value(error));
                ck_assert_ptr_nonnull(json_string_value(json_object_get(p, "version")));
                ck_assert_ptr_nonnull(json_string_value(json_object_get(p, "summary")));
                char abi[16]; /* built against these headers, or as ABI 1.0 was */
                snprintf(abi, sizeof abi, "%d.%d", GALLEY_PLUGIN_ABI_MAJOR,
                         strcmp(name, "short-descriptor") == 0 ? 0 : GALLEY_PLUGIN_ABI_MINOR);
                ck_assert_str_eq(json_string_value(json_object_get(p, "abi")), abi);
            }
        if (strcmp(name, "abi-future") == 0)
            ck_assert_contains(json_string_value(error), "ABI");
        if (strcmp(name, "marker") == 0)
            ck_assert_str_eq(json_string_value(json_object_get(p, "version")), "0.0.1");
    }
    ck_assert_uint_eq(found_broken, sizeof broken / sizeof broken[0]);
    ck_assert_uint_eq(found_good, sizeof good / sizeof good[0]);
    json_decref(list);
}
END_TEST

/* ---- the search path ----------------------------------------------------- */

static void expect_dirs(const json_t *dirs, const char *const *want)
{
    size_t n = 0;
    while (want[n])
        n++;
    ck_assert_msg(json_array_size(dirs) == n, "expected %zu directories, got %zu", n,
                  json_array_size(dirs));
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(json_string_value(json_array_get(dirs, i)), want[i]);
}

START_TEST(search_path_order)
{
    static const char *const first[] = {"/opt/first", "/opt/second", NULL};
    static const char *const last[] = {"/usr/lib/galley/plugins", NULL};
    static const char *const extra[] = {"/etc/review/plugins", NULL};
    galley_load_options o = only(first);
    o.default_path = last;
    o.ignore_env = 0;
    /* Empty entries in the variable are skipped, never taken for the working directory. */
    ck_assert_int_eq(setenv("GALLEY_PLUGIN_PATH", "/env/one::/env/two:", 1), 0);
    json_t *dirs = galley_plugin_search_path(&o, extra);
    static const char *const all[] = {"/opt/first", "/opt/second", "/env/one", "/env/two",
                                      "/etc/review/plugins", "/usr/lib/galley/plugins", NULL};
    expect_dirs(dirs, all);
    json_decref(dirs);

    o.ignore_env = 1;
    dirs = galley_plugin_search_path(&o, extra);
    static const char *const no_env[] = {"/opt/first", "/opt/second", "/etc/review/plugins",
                                         "/usr/lib/galley/plugins", NULL};
    expect_dirs(dirs, no_env);
    json_decref(dirs);

    /* No options at all: the variable alone. */
    dirs = galley_plugin_search_path(NULL, NULL);
    static const char *const env_only[] = {"/env/one", "/env/two", NULL};
    expect_dirs(dirs, env_only);
    json_decref(dirs);

    ck_assert_int_eq(unsetenv("GALLEY_PLUGIN_PATH"), 0);
    dirs = galley_plugin_search_path(NULL, NULL);
    ck_assert(json_is_array(dirs));
    ck_assert_uint_eq(json_array_size(dirs), 0);
    json_decref(dirs);
}
END_TEST

/* The file a plugin was loaded from, by name, or NULL with err filled. */
static char *info_path(const char *name, const galley_load_options *o, galley_error *err)
{
    galley_error_clear(err);
    json_t *info = galley_plugin_info(name, o, err);
    if (!info)
        return NULL;
    char *path = strdup(json_string_value(json_object_get(info, "path")));
    json_decref(info);
    return path;
}

START_TEST(first_match_of_a_name_wins)
{
    char shadow[512], file[512];
    make_dir(shadow, sizeof shadow, "shadow");
    link_plugin(shadow, "marker", "marker");
    galley_error err;

    const char *const shadow_first[] = {shadow, GALLEY_TEST_PLUGIN_DIR, NULL};
    galley_load_options o = only(shadow_first);
    char *path = info_path("marker", &o, &err);
    ck_assert_msg(path != NULL, "%s", err.text);
    ck_assert_str_eq(path, so_path(file, sizeof file, shadow, "marker"));
    free(path);

    const char *const test_first[] = {GALLEY_TEST_PLUGIN_DIR, shadow, NULL};
    o = only(test_first);
    path = info_path("marker", &o, &err);
    ck_assert_msg(path != NULL, "%s", err.text);
    ck_assert_str_eq(path, so_path(file, sizeof file, GALLEY_TEST_PLUGIN_DIR, "marker"));
    free(path);

    /* The list shows the name once, from the directory that wins. */
    o = only(shadow_first);
    json_t *list = galley_plugins_list(&o);
    size_t i, seen = 0;
    json_t *p;
    json_array_foreach(list, i, p)
        if (strcmp(json_string_value(json_object_get(p, "name")), "marker") == 0) {
            seen++;
            ck_assert_str_eq(json_string_value(json_object_get(p, "path")),
                             so_path(file, sizeof file, shadow, "marker"));
        }
    ck_assert_uint_eq(seen, 1);
    json_decref(list);
}
END_TEST

START_TEST(a_broken_first_match_is_not_skipped)
{
    /* Falling through to a later directory would run another plugin than the one the
       user put first; the broken one is reported instead. */
    char shadow[512], file[512];
    make_dir(shadow, sizeof shadow, "shadow");
    link_plugin(shadow, "marker", "no-entry");
    const char *const shadow_first[] = {shadow, GALLEY_TEST_PLUGIN_DIR, NULL};
    galley_load_options o = only(shadow_first);
    galley_error err;
    ck_assert_ptr_null(info_path("marker", &o, &err));
    ck_assert_int_eq(err.status, GALLEY_EPLUGIN);
    ck_assert_str_eq(err.source, so_path(file, sizeof file, shadow, "marker"));
    ck_assert_contains(err.text, "not a galley plugin");
}
END_TEST

START_TEST(environment_comes_after_options_and_before_defaults)
{
    char envdir[512], file[512];
    make_dir(envdir, sizeof envdir, "env");
    link_plugin(envdir, "marker", "marker");
    char value[600];
    snprintf(value, sizeof value, "/nonexistent/galley:%s", envdir);
    ck_assert_int_eq(setenv("GALLEY_PLUGIN_PATH", value, 1), 0);
    galley_error err;

    /* options->plugin_path before the variable */
    galley_load_options o = only(test_dir_only);
    o.ignore_env = 0;
    char *path = info_path("marker", &o, &err);
    ck_assert_msg(path != NULL, "%s", err.text);
    ck_assert_str_eq(path, so_path(file, sizeof file, GALLEY_TEST_PLUGIN_DIR, "marker"));
    free(path);

    /* the variable before default_path */
    o.plugin_path = NULL;
    o.default_path = test_dir_only;
    path = info_path("marker", &o, &err);
    ck_assert_msg(path != NULL, "%s", err.text);
    ck_assert_str_eq(path, so_path(file, sizeof file, envdir, "marker"));
    free(path);

    /* ignore_env leaves only the default */
    o.ignore_env = 1;
    path = info_path("marker", &o, &err);
    ck_assert_msg(path != NULL, "%s", err.text);
    ck_assert_str_eq(path, so_path(file, sizeof file, GALLEY_TEST_PLUGIN_DIR, "marker"));
    free(path);
}
END_TEST

/* Loads a config and returns the file its first step's plugin came from. */
static char *step_plugin_path(const char *config, const galley_load_options *o)
{
    galley_error err;
    galley_pipeline *p = galley_pipeline_load(config, o, &err);
    ck_assert_msg(p != NULL, "%s: %s: %s", err.source, err.path, err.text);
    json_t *d = galley_pipeline_describe(p);
    const json_t *step = json_array_get(json_object_get(d, "steps"), 0);
    char *path = strdup(json_string_value(json_object_get(step, "path")));
    json_decref(d);
    galley_pipeline_free(p);
    return path;
}

START_TEST(config_plugin_path_has_its_place)
{
    char shadow[512], envdir[512], file[512];
    make_dir(shadow, sizeof shadow, "shadow");
    make_dir(envdir, sizeof envdir, "env");
    link_plugin(shadow, "marker", "marker");
    link_plugin(envdir, "marker", "marker");
    /* The config names its directory relatively: it resolves against the config's
       directory, whatever the working directory is. */
    const char *config = t_write("review.json", "{\"galley\": 1, \"plugin_path\": \"shadow\","
                                                " \"steps\": [{\"plugin\": \"marker\"}]}");
    ck_assert_int_eq(chdir("/"), 0);

    /* after default_path: the config wins */
    galley_load_options o = only(NULL);
    o.default_path = test_dir_only;
    char *path = step_plugin_path(config, &o);
    ck_assert_str_eq(path, so_path(file, sizeof file, shadow, "marker"));
    free(path);

    /* options->plugin_path comes first */
    o.plugin_path = test_dir_only;
    path = step_plugin_path(config, &o);
    ck_assert_str_eq(path, so_path(file, sizeof file, GALLEY_TEST_PLUGIN_DIR, "marker"));
    free(path);

    /* the environment comes before the config */
    o.plugin_path = NULL;
    o.ignore_env = 0;
    ck_assert_int_eq(setenv("GALLEY_PLUGIN_PATH", envdir, 1), 0);
    path = step_plugin_path(config, &o);
    ck_assert_str_eq(path, so_path(file, sizeof file, envdir, "marker"));
    free(path);

    /* and the pipeline reports the whole path it searched, in order */
    galley_error err;
    galley_pipeline *p = galley_pipeline_load(config, &o, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *d = galley_pipeline_describe(p);
    const char *const order[] = {envdir, shadow, GALLEY_TEST_PLUGIN_DIR, NULL};
    expect_dirs(json_object_get(d, "plugin_path"), order);
    json_decref(d);
    galley_pipeline_free(p);
}
END_TEST

START_TEST(unknown_plugin_lists_every_directory)
{
    char empty[512];
    make_dir(empty, sizeof empty, "empty");
    const char *const dirs[] = {empty, GALLEY_TEST_PLUGIN_DIR, NULL};
    galley_load_options o = only(dirs);
    galley_error err;
    galley_error_clear(&err);
    ck_assert_ptr_null(galley_plugin_info("nowhere", &o, &err));
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_contains(err.text, "no plugin 'nowhere'");
    ck_assert_contains(err.text, "galley-nowhere.so");
    char both[1200];
    snprintf(both, sizeof both, "(%s, %s)", empty, GALLEY_TEST_PLUGIN_DIR);
    ck_assert_contains(err.text, both);

    /* Through a config: the options, the config's own directory and the default. */
    static const char *const last[] = {"/nonexistent/default", NULL};
    o.default_path = last;
    const char *config = t_write("nowhere.json", "{\"galley\": 1, \"plugin_path\": [\"lib\"],\n"
                                                 " \"steps\": [{\"plugin\": \"nowhere\"}]}");
    galley_pipeline *p = galley_pipeline_load(config, &o, &err);
    ck_assert_ptr_null(p);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_str_eq(err.source, config);
    ck_assert_str_eq(err.path, "steps[0].plugin");
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(err.column, 23);
    char all[1600];
    snprintf(all, sizeof all, "(%s, %s, %s/lib, /nonexistent/default)", empty,
             GALLEY_TEST_PLUGIN_DIR, t_dir());
    ck_assert_contains(err.text, all);

    /* Nothing to search at all. */
    o = only(NULL);
    ck_assert_ptr_null(galley_plugin_info("nowhere", &o, &err));
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_contains(err.text, "(empty)");
}
END_TEST

/* ---- descriptors of other sizes ------------------------------------------ */

START_TEST(short_descriptor_loads_and_runs)
{
    galley_load_options o = only(test_dir_only);
    galley_error err;
    galley_error_clear(&err);
    json_t *info = galley_plugin_info("short-descriptor", &o, &err);
    ck_assert_msg(info != NULL, "%s", err.text);
    ck_assert_str_eq(json_string_value(json_object_get(info, "abi")), "1.0");
    expect_option(json_object_get(info, "options"), 0, "label", "string", "short", "a label");
    json_decref(info);

    galley_pipeline *p = t_pipeline("{\"galley\": 1, \"steps\": [{\"id\": \"s\","
                                    " \"plugin\": \"short-descriptor\","
                                    " \"options\": {\"label\": \"old plugin\"}}]}",
                                    &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *doc = t_run_text(p, "One paragraph.\n\nAnother one.\n", &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    const json_t *r = json_object_get(json_object_get(doc, "results"), "s");
    ck_assert_str_eq(json_string_value(json_object_get(r, "label")), "old plugin");
    ck_assert_int_eq(json_integer_value(json_object_get(r, "blocks")), 2);
    json_decref(doc);
    galley_pipeline_free(p); /* calls destroy, which frees what create allocated */
}
END_TEST

START_TEST(fields_past_struct_size_are_never_read)
{
    /* The descriptor's memory holds a train function past its struct_size.  A host that
       honours struct_size sees no train entry and says the plugin cannot be trained; one
       that read past it would call the function, which fails with a sentinel message. */
    char dir[512], label[600];
    make_dir(dir, sizeof dir, "train");
    snprintf(label, sizeof label, "%s/war", dir);
    ck_assert_int_eq(mkdir(label, 0700), 0);
    t_write("train/war/a.txt", "Shelling went on through the night.\n");
    snprintf(label, sizeof label, "%s/lifestyle", dir);
    ck_assert_int_eq(mkdir(label, 0700), 0);
    t_write("train/lifestyle/b.txt", "Ten recipes for a slow Sunday.\n");

    galley_load_options o = only(test_dir_only);
    galley_train_params params;
    memset(&params, 0, sizeof params);
    params.struct_size = sizeof params;
    char model[600];
    snprintf(model, sizeof model, "%s/model.txt", t_dir());
    params.output = model;
    json_t *report = NULL;
    galley_error err;
    galley_error_clear(&err);
    int rc = galley_train("short-descriptor", &o, NULL, dir, &params, &report, &err);
    ck_assert_ptr_null(strstr(err.text, "SHORT-DESCRIPTOR-TRAIN-CALLED"));
    ck_assert_int_eq(rc, GALLEY_ECONFIG);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_contains(err.text, "cannot be trained");
    ck_assert_ptr_null(report);
}
END_TEST

static Suite *loader_suite(void)
{
    Suite *s = suite_create("loader");
    TCase *r = tcase_create("refusals");
    tcase_add_checked_fixture(r, NULL, teardown);
    tcase_add_test(r, wrong_abi_major_is_refused_naming_both_versions);
    tcase_add_test(r, newer_minor_is_refused_naming_both_versions);
    tcase_add_test(r, abi_refusal_through_a_config);
    tcase_add_test(r, missing_entry_symbol_is_refused);
    tcase_add_test(r, null_descriptor_is_refused);
    tcase_add_test(r, name_must_match_the_file);
    tcase_add_test(r, invalid_attribute_type_is_refused);
    tcase_add_test(r, descriptor_smaller_than_abi_1_0_is_refused);
    tcase_add_test(r, plugin_names_are_not_paths);
    suite_add_tcase(s, r);
    TCase *d = tcase_create("descriptions");
    tcase_add_checked_fixture(d, NULL, teardown);
    tcase_add_test(d, info_describes_a_plugin_in_full);
    tcase_add_test(d, list_marks_broken_plugins);
    tcase_add_test(d, short_descriptor_loads_and_runs);
    tcase_add_test(d, fields_past_struct_size_are_never_read);
    suite_add_tcase(s, d);
    TCase *p = tcase_create("search path");
    tcase_add_checked_fixture(p, NULL, teardown);
    tcase_add_test(p, search_path_order);
    tcase_add_test(p, first_match_of_a_name_wins);
    tcase_add_test(p, a_broken_first_match_is_not_skipped);
    tcase_add_test(p, environment_comes_after_options_and_before_defaults);
    tcase_add_test(p, config_plugin_path_has_its_place);
    tcase_add_test(p, unknown_plugin_lists_every_directory);
    suite_add_tcase(s, p);
    return s;
}

int main(void) { return t_main(loader_suite()); }
