/*
 * fuzz_option.c -- a plugin's data-file loader on arbitrary bytes.
 *
 * Plugins load their data files (lexicons, phrase lists, models) in
 * create(), from the paths their PATH options give.  This harness takes a
 * config ($GALLEY_FUZZ_CONFIG) and one option of one of its steps
 * ($GALLEY_FUZZ_OPTION: "STEP.OPTION", STEP a step's id or plugin, or
 * "OPTION" for the first step), points that option at a file holding the
 * input, and starts the plugin through galley_pipeline_load, so that the
 * plugin's own create() parses the input: it must either succeed or fail
 * with an error that says something -- never crash, leak or hang.
 *
 * Only the input is worth parsing, so the plugin is started cheaply:
 *
 *   - the pipeline is that one step alone (its options kept, its scope
 *     dropped), not the whole config, whose other steps load their own data;
 *   - the plugin reads its other data files from a small data directory.  A
 *     plugin finds its data in the directory named after it beside its
 *     shared object, so the harness makes a plugin directory of its own in
 *     its temporary directory: galley-PLUGIN.so, a link to the built plugin,
 *     and PLUGIN/, where each entry of the built plugin's data directory is a
 *     link to the small version in fuzz/data/PLUGIN/ when there is one, and
 *     to the shipped file when there is not (a data file added to a plugin
 *     is then still read, only at its full size, and so is a small file that
 *     no longer loads, with a warning).
 *
 * So create() parses the input and a few dozen lines besides, instead of
 * tens of thousands.  A refused file must be named by the error, at one of
 * its lines.  An accepted file must also leave a plugin that runs:
 * the input's own bytes, which hold the terms it defines, go through the
 * pipeline as an article, and must give a report or be refused as text that
 * is not an article (never a plugin failure).
 */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

#define PATH_SIZE 1024

static char config_path[512];
static const char *data_path;
static char plugin_dir[PATH_SIZE];
static const char *plugin_path[2];
/* The plugin's data directory in plugin_dir; the built plugin's; fuzz/data/PLUGIN. */
static char data_dir[PATH_SIZE], shipped_dir[PATH_SIZE], small_dir[PATH_SIZE];
static galley_load_options load_options;

static void die(const char *what, const char *path)
{
    fprintf(stderr, "fuzz_option: %s %s: %s\n", what, path, strerror(errno));
    abort();
}

/* dir/name in out[PATH_SIZE]; a path too long for it is a set-up failure. */
static char *join(char *out, const char *dir, const char *name)
{
    int n = snprintf(out, PATH_SIZE, "%s/%s", dir, name);
    if (n < 0 || n >= PATH_SIZE) {
        fprintf(stderr, "fuzz_option: the path %s/%s is too long\n", dir, name);
        abort();
    }
    return out;
}

static void link_to(const char *target, const char *dir, const char *name)
{
    char path[PATH_SIZE];
    if (symlink(target, join(path, dir, name)) != 0)
        die("cannot make the link", path);
}

/*
 * The harness's plugin directory: the plugin, and its data directory with
 * the small files of fuzz/data/PLUGIN/ in place of the shipped ones.
 */
static void make_plugin_dir(const char *plugin)
{
    char so[PATH_SIZE], target[PATH_SIZE], small[PATH_SIZE];
    join(plugin_dir, fuzz_dir(), "plugins");
    if (mkdir(plugin_dir, 0700) != 0)
        die("cannot make", plugin_dir);
    int n = snprintf(so, sizeof so, "galley-%s.so", plugin);
    if (n < 0 || n >= PATH_SIZE)
        abort();
    link_to(join(target, FUZZ_PLUGIN_DIR, so), plugin_dir, so);

    if (mkdir(join(data_dir, plugin_dir, plugin), 0700) != 0)
        die("cannot make", data_dir);
    join(shipped_dir, FUZZ_PLUGIN_DIR, plugin);
    join(small_dir, FUZZ_SMALL_DATA_DIR, plugin);
    DIR *d = opendir(shipped_dir);
    if (!d)
        return; /* a plugin without data files */
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (access(join(small, small_dir, e->d_name), F_OK) == 0)
            link_to(small, data_dir, e->d_name);
        else
            link_to(join(target, shipped_dir, e->d_name), data_dir, e->d_name);
    }
    closedir(d);
}

/*
 * When the step does not load with the small data files because one of them
 * no longer suits the plugin (its format changed), that file is put back to
 * the shipped one, with a warning: the harness is then slower, not broken.
 * Returns 1 when a small file was put back.
 */
static int use_shipped_for(const galley_error *err)
{
    size_t n = strlen(data_dir);
    if (strncmp(err->source, data_dir, n) != 0 || err->source[n] != '/')
        return 0;
    char name[PATH_SIZE], path[PATH_SIZE], target[PATH_SIZE];
    snprintf(name, sizeof name, "%s", err->source + n + 1);
    char *slash = strchr(name, '/'); /* a file in a directory of them: the directory */
    if (slash)
        *slash = '\0';
    join(path, data_dir, name);
    ssize_t len = readlink(path, target, sizeof target - 1);
    if (len < 0)
        return 0;
    target[len] = '\0';
    n = strlen(small_dir);
    if (strncmp(target, small_dir, n) != 0 || target[n] != '/')
        return 0; /* already the shipped file */
    char text[1024];
    galley_error_format(err, text, sizeof text);
    fprintf(stderr,
            "fuzz_option: warning: %s no longer loads (%s); the shipped %s is used instead, "
            "which is slower: update it\n",
            target, text, name);
    if (unlink(path) != 0)
        die("cannot remove", path);
    link_to(join(target, shipped_dir, name), data_dir, name);
    return 1;
}

/* Writes the one-step config, the option set to value (or left out when value is NULL). */
static void write_config(const json_t *step, const char *option, const char *value)
{
    json_t *config = json_object(), *steps = json_array(), *one = json_object();
    json_t *options = json_deep_copy(json_object_get(step, "options"));
    if (!options)
        options = json_object();
    if (value)
        json_object_set_new(options, option, json_string(value));
    else
        json_object_del(options, option);
    json_object_set(one, "id", json_object_get(step, "id"));
    json_object_set(one, "plugin", json_object_get(step, "plugin"));
    json_object_set_new(one, "options", options);
    json_array_append_new(steps, one);
    json_object_set_new(config, "galley", json_integer(1));
    json_object_set_new(config, "name", json_string("fuzz_option"));
    json_object_set_new(config, "steps", steps);
    char *text = json_dumps(config, JSON_INDENT(2));
    if (!text)
        abort();
    snprintf(config_path, sizeof config_path, "%s", fuzz_write("config.json", text, strlen(text)));
    free(text);
    json_decref(config);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *option = getenv("GALLEY_FUZZ_OPTION");
    if (!option || !option[0]) {
        fprintf(stderr, "fuzz_option: set GALLEY_FUZZ_OPTION to STEP.OPTION (and "
                        "GALLEY_FUZZ_CONFIG to the config)\n");
        exit(2);
    }
    /* First the config as it is, with the plugins' own data files: it must load, or every
       input would fail the same way (a plugin missing from the build) and fuzz nothing. */
    galley_error err;
    galley_pipeline *p = galley_pipeline_load(fuzz_config_path(), fuzz_load_options(), &err);
    if (!p)
        fuzz_die("the config does not load with its own data files", &err);
    galley_pipeline_free(p);

    json_error_t jerr;
    json_t *config = json_load_file(fuzz_config_path(), 0, &jerr);
    if (!config) {
        fprintf(stderr, "fuzz_option: %s: %s\n", fuzz_config_path(), jerr.text);
        exit(2);
    }
    const char *dot = strchr(option, '.');
    const char *name = dot ? dot + 1 : option;
    json_t *steps = json_object_get(config, "steps"), *step = NULL;
    size_t i;
    json_t *s;
    json_array_foreach(steps, i, s)
    {
        /* STEP is a step's id or its plugin's name. */
        const char *id = json_string_value(json_object_get(s, "id"));
        const char *plugin = json_string_value(json_object_get(s, "plugin"));
        size_t n = dot ? (size_t)(dot - option) : 0;
        if (!dot ? i == 0
                 : ((id && strlen(id) == n && strncmp(id, option, n) == 0) ||
                    (plugin && strlen(plugin) == n && strncmp(plugin, option, n) == 0))) {
            step = s;
            break;
        }
    }
    const char *plugin = step ? json_string_value(json_object_get(step, "plugin")) : NULL;
    if (!plugin) {
        fprintf(stderr, "fuzz_option: no step for '%s' in %s\n", option, fuzz_config_path());
        exit(2);
    }
    make_plugin_dir(plugin);
    plugin_path[0] = plugin_dir;
    load_options = *fuzz_load_options();
    load_options.plugin_path = plugin_path;

    /* The step alone, with the small data files and the option as the config has it: it must
       load, or fuzz/data/PLUGIN/ no longer suits the plugin. */
    write_config(step, name,
                 json_string_value(json_object_get(json_object_get(step, "options"), name)));
    while (!(p = galley_pipeline_load(config_path, &load_options, &err)))
        if (!use_shipped_for(&err))
            fuzz_die("the step does not load with the small data files of fuzz/data", &err);
    galley_pipeline_free(p);

    /* The data file's path never changes: the config is written once. */
    data_path = fuzz_write("data", "", 0);
    write_config(step, name, data_path);
    json_decref(config);
    /* Fail now, not at every input, when the option does not exist. */
    p = galley_pipeline_load(config_path, &load_options, &err);
    if (!p && err.status == GALLEY_ECONFIG && strstr(err.text, "has no option"))
        fuzz_die("bad GALLEY_FUZZ_OPTION", &err);
    galley_pipeline_free(p);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write("data", data, size);
    galley_error err;
    galley_error_clear(&err);
    galley_pipeline *p = galley_pipeline_load(config_path, &load_options, &err);
    if (!p) {
        FUZZ_CHECK(err.text[0]);
        FUZZ_CHECK(err.status == GALLEY_ECONFIG || err.status == GALLEY_EPLUGIN ||
                   err.status == GALLEY_ENOMEM);
        /* Everything but the input is known to load: a refusal names the input, at a line
           it has, or the one after its last for a file that ends early, or 0 for the file as
           a whole (lines end at \n, and some readers end them at a lone \r too). */
        if (err.status != GALLEY_ENOMEM) {
            long lines = 1;
            for (size_t i = 0; i < size; i++)
                lines += data[i] == '\n' || data[i] == '\r';
            if (strcmp(err.source, data_path) != 0 || err.line < 0 || err.line > lines + 1)
                fprintf(stderr, "fuzz_option: refused at %s:%d (of %ld lines): %s\n", err.source,
                        err.line, lines, err.text);
            FUZZ_CHECK(strcmp(err.source, data_path) == 0);
            FUZZ_CHECK(err.line >= 0 && err.line <= lines + 1);
        }
        return 0;
    }
    /* The file's own text as an article, in a buffer of exactly its length. */
    char *bytes = malloc(size ? size : 1);
    FUZZ_CHECK(bytes != NULL);
    memcpy(bytes, data, size);
    json_t *report = NULL;
    galley_error_clear(&err);
    int rc = galley_pipeline_run_buffer(p, "data.txt", bytes, size, NULL, &report, &err);
    FUZZ_CHECK(rc == GALLEY_OK || rc == GALLEY_EINPUT);
    if (rc == GALLEY_OK)
        FUZZ_CHECK(json_is_object(report) && json_is_array(json_object_get(report, "blocks")));
    else
        FUZZ_CHECK(err.text[0] && !report);
    json_decref(report);
    free(bytes);
    galley_pipeline_free(p);
    return 0;
}
