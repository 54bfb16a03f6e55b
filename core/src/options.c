/*
 * options.c -- plugin options: declared by the plugin, set in the config,
 * checked at load, read by the plugin in create().
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

static const char *option_type_name(int type)
{
    switch (type) {
    case GALLEY_TYPE_BOOL: return "true or false";
    case GALLEY_TYPE_NUMBER: return "a number";
    case GALLEY_TYPE_STRING: return "a string";
    case GALLEY_TYPE_PATH: return "a file path (a string)";
    default: return "a value";
    }
}

/*
 * Whether a path has a ".." component.  A config may come from a pull request
 * that a CI gate runs, and "lists/../../../home/ci/.netrc" passes a quick
 * review where it should not: a plugin reading it would quote its lines in
 * error messages, in the job's log.  Absolute paths stay allowed -- a
 * newsroom's installed lists live at fixed places -- because they are plain
 * to see in a review (docs/config.md, "Paths").
 */
static int climbs(const char *path)
{
    for (const char *p = path; *p;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return 1;
        if (!slash)
            break;
        p = slash + 1;
    }
    return 0;
}

/* Parses a declared default ("true", "0.5", "lexicon.tsv") into a value. */
static int parse_default(gl_option_value *v, const galley_option *o, const char *data_dir)
{
    const char *d = o->default_value;
    if (!d)
        return 0;
    switch (o->type) {
    case GALLEY_TYPE_BOOL:
        v->boolean = strcmp(d, "true") == 0 || strcmp(d, "1") == 0;
        return 0;
    case GALLEY_TYPE_NUMBER:
        v->number = strtod(d, NULL);
        return 0;
    case GALLEY_TYPE_STRING:
        v->string = gl_strdup(d);
        return v->string ? 0 : -1;
    case GALLEY_TYPE_PATH:
        v->string = d[0] ? gl_path_join(data_dir, d) : gl_strdup("");
        return v->string ? 0 : -1;
    default:
        return 0;
    }
}

int gl_options_build(galley_options *opts, const galley_plugin *plugin, const json_t *given,
                     const char *data_dir, const char *config_dir, const gl_config *config,
                     const char *json_path, galley_error *err)
{
    /* A plugin without options gets an empty list, so decl is never NULL. */
    static const galley_option no_options[1] = {{NULL, 0, NULL, NULL}};
    memset(opts, 0, sizeof *opts);
    opts->decl = plugin->options ? plugin->options : no_options;
    for (const galley_option *o = opts->decl; o->name; o++)
        opts->count++;
    opts->values = gl_calloc(opts->count ? opts->count : 1, sizeof *opts->values);
    if (!opts->values)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    for (size_t i = 0; i < opts->count; i++) {
        opts->values[i].type = opts->decl[i].type;
        if (parse_default(&opts->values[i], &opts->decl[i], data_dir) != 0)
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    if (!given)
        return 0;
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)given, key, value) {
        char path[256];
        snprintf(path, sizeof path, "%s.%s", json_path, key);
        size_t i = 0;
        while (opts->decl[i].name && strcmp(opts->decl[i].name, key) != 0)
            i++;
        if (i == opts->count) {
            if (strncmp(key, "x-", 2) == 0)
                continue;
            const char *names[64];
            size_t n = 0;
            gl_buf list = GL_BUF_INIT;
            for (size_t k = 0; k < opts->count; k++) {
                if (n < GL_ARRAY_SIZE(names))
                    names[n++] = opts->decl[k].name;
                gl_buf_addf(&list, "%s%s", k ? ", " : "", opts->decl[k].name);
            }
            const char *near = gl_closest(key, names, n);
            int rc = gl_config_error(config, err, GALLEY_ECONFIG, path, 1,
                                     "plugin '%s' has no option '%s'; %s%s%sits options: %s (see "
                                     "'galley plugins info %s')",
                                     plugin->name, key, near ? "did you mean '" : "",
                                     near ? near : "", near ? "'? " : "",
                                     list.data ? list.data : "none", plugin->name);
            gl_buf_free(&list);
            return rc;
        }
        gl_option_value *v = &opts->values[i];
        int type = opts->decl[i].type;
        int ok = (type == GALLEY_TYPE_BOOL && json_is_boolean(value)) ||
                 (type == GALLEY_TYPE_NUMBER && json_is_number(value)) ||
                 ((type == GALLEY_TYPE_STRING || type == GALLEY_TYPE_PATH) && json_is_string(value));
        if (!ok)
            return gl_config_error(config, err, GALLEY_ECONFIG, path, 0,
                                   "option '%s' of plugin '%s' must be %s, not %s", key,
                                   plugin->name, option_type_name(type), gl_json_type_name(value));
        v->set = 1;
        if (type == GALLEY_TYPE_BOOL) {
            v->boolean = json_is_true(value);
        } else if (type == GALLEY_TYPE_NUMBER) {
            v->number = json_number_value(value);
        } else {
            const char *s = json_string_value(value);
            gl_free(v->string);
            /* Cleared at once: the error return below leaves it for gl_options_free. */
            v->string = NULL;
            if (type == GALLEY_TYPE_PATH && !s[0])
                return gl_config_error(config, err, GALLEY_ECONFIG, path, 0,
                                       "option '%s' must name a file", key);
            if (type == GALLEY_TYPE_PATH && config->refuse_parent_paths && climbs(s))
                return gl_config_error(config, err, GALLEY_ECONFIG, path, 0,
                                       "option '%s' is '%s', which climbs out of the config's "
                                       "directory with '..'; put the file beside the config (or "
                                       "below it), or pass --allow-parent-paths if this config is "
                                       "trusted",
                                       key, s);
            v->string = type == GALLEY_TYPE_PATH ? gl_path_join(config_dir, s) : gl_strdup(s);
            if (!v->string)
                return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        }
    }
    return 0;
}

void gl_options_free(galley_options *opts)
{
    for (size_t i = 0; i < opts->count; i++)
        gl_free(opts->values[i].string);
    gl_free(opts->values);
    memset(opts, 0, sizeof *opts);
}

static const gl_option_value *find(const galley_options *opts, const char *name, int type)
{
    if (!opts || !name)
        return NULL;
    for (size_t i = 0; i < opts->count; i++)
        if (strcmp(opts->decl[i].name, name) == 0)
            return opts->values[i].type == type ||
                           (type == GALLEY_TYPE_STRING && opts->values[i].type == GALLEY_TYPE_PATH)
                       ? &opts->values[i]
                       : NULL;
    return NULL;
}

GALLEY_API int galley_option_bool(const galley_options *opts, const char *name)
{
    const gl_option_value *v = find(opts, name, GALLEY_TYPE_BOOL);
    return v ? v->boolean : 0;
}

GALLEY_API double galley_option_number(const galley_options *opts, const char *name)
{
    const gl_option_value *v = find(opts, name, GALLEY_TYPE_NUMBER);
    return v ? v->number : 0.0;
}

GALLEY_API const char *galley_option_string(const galley_options *opts, const char *name)
{
    const gl_option_value *v = find(opts, name, GALLEY_TYPE_STRING);
    return v ? v->string : NULL;
}

GALLEY_API int galley_option_is_set(const galley_options *opts, const char *name)
{
    if (!opts || !name)
        return 0;
    for (size_t i = 0; i < opts->count; i++)
        if (strcmp(opts->decl[i].name, name) == 0)
            return opts->values[i].set;
    return 0;
}

GALLEY_API const char *galley_host_step_id(const galley_host *host) { return host->step_id; }

GALLEY_API const char *galley_host_data_dir(const galley_host *host) { return host->data_dir; }

GALLEY_API const char *galley_host_config_dir(const galley_host *host) { return host->config_dir; }
