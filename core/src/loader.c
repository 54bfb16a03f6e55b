/*
 * loader.c -- finds, opens and checks plugins.
 *
 * The order of the checks matters: the ABI numbers are read first, before any
 * other field, because a plugin built for another ABI may have a descriptor of
 * another shape.  Only the bytes that the plugin's struct_size covers are
 * copied, so a plugin built against an older minor (a shorter descriptor) is
 * read safely and the fields it does not know are zero.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pipeline.h"

/* The descriptor's size in ABI 1.0; anything shorter is not a 1.x descriptor. */
#define MIN_STRUCT_SIZE (offsetof(galley_plugin, destroy) + sizeof(galley_destroy_fn))

int gl_plugin_name_valid(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '-' || c == '_'));
        if (!ok)
            return 0;
    }
    return 1;
}

void gl_plugin_close(gl_plugin_lib *lib)
{
    if (!lib)
        return;
    /* Under a leak checker, unloading would hide where a plugin's leaks came from. */
    if (lib->handle && !getenv("GALLEY_NO_DLCLOSE"))
        dlclose(lib->handle);
    gl_free(lib->name);
    gl_free(lib->path);
    gl_free(lib->data_dir);
    memset(lib, 0, sizeof *lib);
}

static int fail(gl_plugin_lib *lib, galley_error *err, const char *path, const char *fmt, ...)
    GALLEY_PRINTF(4, 5);

static int fail(gl_plugin_lib *lib, galley_error *err, const char *path, const char *fmt, ...)
{
    char text[GALLEY_ERROR_TEXT_LENGTH];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    gl_plugin_close(lib);
    return gl_error_at(err, GALLEY_EPLUGIN, path, 0, 0, -1, "%s", text);
}

static int check_fields(const galley_field *fields, int results)
{
    for (const galley_field *f = fields; f && f->name; f++) {
        if (results) {
            if (f->type < GALLEY_TYPE_BOOL || f->type > GALLEY_TYPE_OBJECT || f->type == GALLEY_TYPE_PATH)
                return 0;
        } else if (f->type != GALLEY_TYPE_BOOL && f->type != GALLEY_TYPE_NUMBER &&
                   f->type != GALLEY_TYPE_STRING) {
            return 0;
        }
    }
    return 1;
}

int gl_plugin_open_path(const char *path, const char *expected_name, gl_plugin_lib *lib,
                        galley_error *err)
{
    memset(lib, 0, sizeof *lib);
    dlerror();
    lib->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib->handle) {
        const char *why = dlerror();
        return fail(lib, err, path, "cannot load plugin: %s", why ? why : "unknown error");
    }
    dlerror();
    void *sym = dlsym(lib->handle, GALLEY_PLUGIN_ENTRY_SYMBOL);
    if (!sym)
        return fail(lib, err, path,
                    "not a galley plugin: no symbol %s (a plugin exports it with "
                    "GALLEY_PLUGIN_DEFINE; see docs/writing-plugins.md)",
                    GALLEY_PLUGIN_ENTRY_SYMBOL);
    const galley_plugin *(*entry)(void);
    memcpy(&entry, &sym, sizeof entry);
    const galley_plugin *d = entry();
    if (!d)
        return fail(lib, err, path, "%s() returned no descriptor", GALLEY_PLUGIN_ENTRY_SYMBOL);
    if (d->abi_major != GALLEY_PLUGIN_ABI_MAJOR || d->abi_minor > GALLEY_PLUGIN_ABI_MINOR)
        return fail(lib, err, path,
                    "plugin ABI %u.%u does not match this galley's ABI %d.%d; rebuild the plugin "
                    "against galley %d.x headers",
                    (unsigned)d->abi_major, (unsigned)d->abi_minor, GALLEY_PLUGIN_ABI_MAJOR,
                    GALLEY_PLUGIN_ABI_MINOR, GALLEY_PLUGIN_ABI_MAJOR);
    if (d->struct_size < MIN_STRUCT_SIZE)
        return fail(lib, err, path,
                    "plugin descriptor is %u bytes, smaller than ABI %d.0's %zu; rebuild the plugin",
                    (unsigned)d->struct_size, GALLEY_PLUGIN_ABI_MAJOR, (size_t)MIN_STRUCT_SIZE);
    size_t n = d->struct_size < sizeof lib->desc ? d->struct_size : sizeof lib->desc;
    memset(&lib->desc, 0, sizeof lib->desc);
    memcpy(&lib->desc, d, n);
    const galley_plugin *p = &lib->desc;
    if (!p->name || !gl_plugin_name_valid(p->name))
        return fail(lib, err, path, "plugin name '%s' is not valid (use a-z, 0-9, '-', '_')",
                    p->name ? p->name : "(none)");
    if (expected_name && strcmp(p->name, expected_name) != 0)
        return fail(lib, err, path,
                    "plugin calls itself '%s' but the file is named for '%s'; rename the file to "
                    "galley-%s.so",
                    p->name, expected_name, p->name);
    if (!p->process)
        return fail(lib, err, path, "plugin '%s' has no process function", p->name);
    if (!p->version)
        return fail(lib, err, path, "plugin '%s' declares no version", p->name);
    if (!check_fields(p->attributes, 0))
        return fail(lib, err, path,
                    "plugin '%s' declares an attribute of an unknown type (bool, number, string)",
                    p->name);
    if (!check_fields(p->results, 1))
        return fail(lib, err, path, "plugin '%s' declares a result of an unknown type", p->name);
    for (const galley_option *o = p->options; o && o->name; o++)
        if (o->type < GALLEY_TYPE_BOOL || o->type > GALLEY_TYPE_PATH)
            return fail(lib, err, path, "plugin '%s' option '%s' has an unknown type", p->name,
                        o->name);
    lib->name = gl_strdup(p->name);
    lib->path = gl_strdup(path);
    char *dir = gl_path_dirname(path);
    lib->data_dir = dir ? gl_path_join(dir, p->name) : NULL;
    gl_free(dir);
    if (!lib->name || !lib->path || !lib->data_dir) {
        gl_plugin_close(lib);
        return gl_error_at(err, GALLEY_ENOMEM, path, 0, 0, -1, "out of memory");
    }
    return GALLEY_OK;
}

int gl_plugin_find(const char *name, char *const *search, size_t search_count, gl_plugin_lib *lib,
                   galley_error *err)
{
    memset(lib, 0, sizeof *lib);
    if (!gl_plugin_name_valid(name))
        return gl_error_at(err, GALLEY_ECONFIG, NULL, 0, 0, -1,
                           "'%s' is not a plugin name: use a-z, 0-9, '-' and '_' only (a plugin "
                           "is found on the plugin path by name, never by a path)",
                           name);
    gl_buf tried = GL_BUF_INIT;
    for (size_t i = 0; i < search_count; i++) {
        char file[128];
        snprintf(file, sizeof file, "galley-%s.so", name);
        char *path = gl_path_join(search[i], file);
        if (!path) {
            gl_buf_free(&tried);
            return gl_error_at(err, GALLEY_ENOMEM, NULL, 0, 0, -1, "out of memory");
        }
        if (access(path, F_OK) == 0) {
            int rc = gl_plugin_open_path(path, name, lib, err);
            gl_free(path);
            gl_buf_free(&tried);
            return rc;
        }
        gl_free(path);
        gl_buf_addf(&tried, "%s%s", i ? ", " : "", search[i]);
    }
    gl_error_at(err, GALLEY_ECONFIG, NULL, 0, 0, -1,
                "no plugin '%s': galley-%s.so is not in the plugin path (%s); add its directory "
                "with --plugin-path or GALLEY_PLUGIN_PATH, or see 'galley plugins list'",
                name, name, tried.data ? tried.data : "empty");
    gl_buf_free(&tried);
    return GALLEY_ECONFIG;
}

static const char *type_name(int type)
{
    switch (type) {
    case GALLEY_TYPE_BOOL: return "bool";
    case GALLEY_TYPE_NUMBER: return "number";
    case GALLEY_TYPE_STRING: return "string";
    case GALLEY_TYPE_PATH: return "path";
    case GALLEY_TYPE_ARRAY: return "array";
    case GALLEY_TYPE_OBJECT: return "object";
    default: return "unknown";
    }
}

static json_t *fields_json(const galley_field *fields)
{
    json_t *arr = json_array();
    for (const galley_field *f = fields; arr && f && f->name; f++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "name", f->name, "type",
                                             type_name(f->type), "help", f->help ? f->help : ""));
    return arr;
}

static json_t *strings_json(const char *const *list)
{
    json_t *arr = json_array();
    for (const char *const *s = list; arr && s && *s; s++)
        json_array_append_new(arr, json_string(*s));
    return arr;
}

json_t *gl_plugin_describe(const gl_plugin_lib *lib, int full)
{
    const galley_plugin *p = &lib->desc;
    char abi[32];
    snprintf(abi, sizeof abi, "%u.%u", (unsigned)p->abi_major, (unsigned)p->abi_minor);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", p->name, "version", p->version,
                          "summary", p->summary ? p->summary : "", "path", lib->path, "abi", abi);
    if (!o || !full)
        return o;
    json_object_set_new(o, "license", json_string(p->license ? p->license : ""));
    json_object_set_new(o, "description", json_string(p->description ? p->description : ""));
    json_object_set_new(o, "data_dir", json_string(lib->data_dir));
    json_object_set_new(o, "attributes", fields_json(p->attributes));
    json_object_set_new(o, "results", fields_json(p->results));
    json_object_set_new(o, "requires", strings_json(p->requires));
    json_t *opts = json_array();
    for (const galley_option *op = p->options; opts && op && op->name; op++) {
        json_t *one = json_pack("{s:s, s:s, s:s}", "name", op->name, "type", type_name(op->type),
                                "help", op->help ? op->help : "");
        if (one)
            json_object_set_new(one, "default",
                                op->default_value ? json_string(op->default_value) : json_null());
        json_array_append_new(opts, one);
    }
    json_object_set_new(o, "options", opts);
    json_object_set_new(o, "meta_keys", strings_json(p->meta_keys));
    json_object_set_new(o, "rules", strings_json(p->rules));
    return o;
}

/* ---- discovery ---------------------------------------------------------- */

static int append_dirs(json_t *out, const char *list, int split)
{
    if (!list)
        return 0;
    if (!split)
        return list[0] ? json_array_append_new(out, json_string(list)) : 0;
    const char *p = list;
    while (*p) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        if (n > 0)
            json_array_append_new(out, json_stringn(p, n));
        if (!colon)
            break;
        p = colon + 1;
    }
    return 0;
}

GALLEY_API json_t *galley_plugin_search_path(const galley_load_options *options,
                                             const char *const *extra)
{
    json_t *out = json_array();
    if (!out)
        return NULL;
    if (options && options->plugin_path)
        for (const char *const *d = options->plugin_path; *d; d++)
            append_dirs(out, *d, 1);
    if (!options || !options->ignore_env)
        append_dirs(out, getenv("GALLEY_PLUGIN_PATH"), 1);
    if (extra)
        for (const char *const *d = extra; *d; d++)
            append_dirs(out, *d, 0);
    if (options && options->default_path)
        for (const char *const *d = options->default_path; *d; d++)
            append_dirs(out, *d, 0);
    return out;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

GALLEY_API json_t *galley_plugins_list(const galley_load_options *options)
{
    json_t *dirs = galley_plugin_search_path(options, NULL);
    json_t *out = json_array();
    json_t *seen = json_object();
    if (!dirs || !out || !seen)
        goto done;
    size_t i;
    json_t *dir;
    json_array_foreach(dirs, i, dir) {
        DIR *d = opendir(json_string_value(dir));
        if (!d)
            continue;
        char **names = NULL;
        size_t count = 0, cap = 0;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            size_t len = strlen(e->d_name);
            if (len > 10 && strncmp(e->d_name, "galley-", 7) == 0 &&
                strcmp(e->d_name + len - 3, ".so") == 0) {
                if (gl_reserve((void **)&names, &cap, count + 1, sizeof *names) != 0)
                    break;
                names[count] = gl_strdup(e->d_name);
                if (names[count])
                    count++;
            }
        }
        closedir(d);
        if (count)
            qsort(names, count, sizeof *names, compare_strings);
        for (size_t k = 0; k < count; k++) {
            char name[80];
            snprintf(name, sizeof name, "%.*s", (int)(strlen(names[k]) - 10), names[k] + 7);
            char *path = gl_path_join(json_string_value(dir), names[k]);
            gl_free(names[k]);
            if (!path || json_object_get(seen, name)) {
                gl_free(path);
                continue;
            }
            json_object_set_new(seen, name, json_true());
            gl_plugin_lib lib;
            galley_error err;
            galley_error_clear(&err);
            if (gl_plugin_open_path(path, name, &lib, &err) == GALLEY_OK) {
                json_array_append_new(out, gl_plugin_describe(&lib, 0));
                gl_plugin_close(&lib);
            } else {
                json_array_append_new(out, json_pack("{s:s, s:s, s:s}", "name", name, "path", path,
                                                     "error", err.text));
            }
            gl_free(path);
        }
        gl_free(names);
    }
done:
    json_decref(dirs);
    json_decref(seen);
    return out;
}

GALLEY_API json_t *galley_plugin_info(const char *name, const galley_load_options *options,
                                      galley_error *err)
{
    json_t *dirs = galley_plugin_search_path(options, NULL);
    if (!dirs) {
        galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        return NULL;
    }
    size_t n = json_array_size(dirs);
    char **search = gl_calloc(n ? n : 1, sizeof *search);
    if (!search) {
        json_decref(dirs);
        galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        search[i] = (char *)json_string_value(json_array_get(dirs, i));
    gl_plugin_lib lib;
    json_t *out = NULL;
    if (gl_plugin_find(name, search, n, &lib, err) == GALLEY_OK) {
        out = gl_plugin_describe(&lib, 1);
        gl_plugin_close(&lib);
        /* NULL must always come with a reason; here the only one is memory. */
        if (!out)
            galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    gl_free(search);
    json_decref(dirs);
    return out;
}
