/*
 * config.c -- reads a pipeline config and checks its shape.
 *
 * Everything that can be checked without loading a plugin is checked here, in
 * one pass, before any article is read; pipeline.c then checks what needs the
 * plugins (names, options, scopes).  Every error says file:line:column and the
 * JSON path, because a config is edited by hand.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"

static const char *const top_keys[] = {"galley", "name", "description", "plugin_path", "steps",
                                       "gate"};
static const char *const step_keys[] = {"id", "plugin", "scope", "options", "description"};
static const char *const gate_keys[] = {"fail_on"};

int gl_json_error(galley_error *err, int status, const char *source, const char *text,
                  size_t length, const char *json_path, int want_key, const char *fmt, ...)
{
    if (!err)
        return status;
    int line = 0, column = 0;
    long long position = -1;
    if (text && json_path)
        gl_json_locate(text, length, json_path, want_key, &line, &column, &position);
    galley_error_clear(err);
    err->status = status;
    err->line = line;
    err->column = column;
    err->position = position;
    gl_error_set_source(err, source);
    gl_error_set_path(err, json_path ? json_path : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
    return status;
}

int gl_config_error(const gl_config *config, galley_error *err, int status, const char *json_path,
                    int want_key, const char *fmt, ...)
{
    char text[GALLEY_ERROR_TEXT_LENGTH];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return gl_json_error(err, status, config->path, config->text, config->text_length, json_path,
                         want_key, "%s", text);
}

/* Levenshtein distance, bounded to short keys; enough to catch typos. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 64;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diag + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *gl_closest(const char *key, const char *const *known, size_t known_count)
{
    const char *best = NULL;
    size_t best_d = 3; /* at most two edits away */
    for (size_t i = 0; i < known_count; i++) {
        size_t d = edit_distance(key, known[i]);
        /* Something of the known key must survive the edits: "x" is two edits
           from "id", yet suggesting "id" for it would only mislead. */
        if (d < best_d && d < strlen(known[i])) {
            best_d = d;
            best = known[i];
        }
    }
    return best;
}

int gl_check_keys(const json_t *object, const char *const *known, size_t known_count,
                  const char *json_path, const char *source, const char *text, size_t length,
                  const char *what, galley_error *err)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)object, key, value) {
        (void)value;
        if (strncmp(key, "x-", 2) == 0)
            continue;
        int found = 0;
        for (size_t i = 0; i < known_count && !found; i++)
            found = strcmp(key, known[i]) == 0;
        if (found)
            continue;
        char path[256], list[400];
        snprintf(path, sizeof path, "%s%s%s", json_path, json_path[0] ? "." : "", key);
        size_t len = 0;
        list[0] = '\0';
        for (size_t i = 0; i < known_count && len + 1 < sizeof list; i++) {
            int n = snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", known[i]);
            if (n < 0)
                break;
            len += (size_t)n;
        }
        const char *near = gl_closest(key, known, known_count);
        char hint[160] = "";
        if (near)
            snprintf(hint, sizeof hint, "did you mean '%s'? ", near);
        return gl_json_error(err, GALLEY_ECONFIG, source, text, length, path, 1,
                             "unknown %s '%s'; %sknown: %s (private keys start with x-)", what,
                             key, hint, known_count ? list : "none");
    }
    return 0;
}

static int valid_step_id(const char *id)
{
    if (!id[0] || strlen(id) > 64)
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_'))
            return 0;
    return 1;
}

/*
 * An allocation failed while loading.  The error still names the file, and is
 * filled in whole, so that nothing of an earlier error in err survives.
 */
static int out_of_memory(const char *path, galley_error *err)
{
    return gl_error_at(err, GALLEY_ENOMEM, path, 0, 0, -1, "out of memory loading the config");
}

static int load_plugin_path(gl_config *c, galley_error *err)
{
    json_t *pp = json_object_get(c->root, "plugin_path");
    if (!pp)
        return 0;
    if (json_is_string(pp)) {
        /* As in the list form: "" would silently mean the config's own directory. */
        if (!json_string_value(pp)[0])
            return gl_config_error(c, err, GALLEY_ECONFIG, "plugin_path", 0,
                                   "must be a directory name (a non-empty string)");
        c->plugin_path = gl_calloc(2, sizeof *c->plugin_path); /* NULL-terminated */
        if (!c->plugin_path || !(c->plugin_path[0] = gl_path_join(c->dir, json_string_value(pp))))
            return out_of_memory(c->path, err);
        c->plugin_path_count = 1;
        return 0;
    }
    if (!json_is_array(pp))
        return gl_config_error(c, err, GALLEY_ECONFIG, "plugin_path", 0,
                               "must be a directory or a list of directories, not %s",
                               gl_json_type_name(pp));
    size_t n = json_array_size(pp);
    c->plugin_path = gl_calloc(n + 1, sizeof *c->plugin_path); /* NULL-terminated */
    if (!c->plugin_path)
        return out_of_memory(c->path, err);
    for (size_t i = 0; i < n; i++) {
        json_t *d = json_array_get(pp, i);
        char path[64];
        snprintf(path, sizeof path, "plugin_path[%zu]", i);
        if (!json_is_string(d) || !json_string_value(d)[0])
            return gl_config_error(c, err, GALLEY_ECONFIG, path, 0,
                                   "must be a directory name (a non-empty string)");
        c->plugin_path[i] = gl_path_join(c->dir, json_string_value(d));
        if (!c->plugin_path[i])
            return out_of_memory(c->path, err);
        c->plugin_path_count = i + 1;
    }
    return 0;
}

static int load_gate(gl_config *c, galley_error *err)
{
    c->fail_on = GALLEY_ERROR;
    json_t *gate = json_object_get(c->root, "gate");
    if (!gate)
        return 0;
    if (!json_is_object(gate))
        return gl_config_error(c, err, GALLEY_ECONFIG, "gate", 0, "must be an object, not %s",
                               gl_json_type_name(gate));
    int rc = gl_check_keys(gate, gate_keys, GL_ARRAY_SIZE(gate_keys), "gate", c->path, c->text,
                           c->text_length, "gate key", err);
    if (rc)
        return rc;
    json_t *f = json_object_get(gate, "fail_on");
    if (!f)
        return 0;
    const char *v = json_string_value(f);
    if (v && strcmp(v, "error") == 0)
        c->fail_on = GALLEY_ERROR;
    else if (v && strcmp(v, "warning") == 0)
        c->fail_on = GALLEY_WARNING;
    else if (v && strcmp(v, "never") == 0)
        c->fail_on = -1;
    else
        return gl_config_error(c, err, GALLEY_ECONFIG, "gate.fail_on", 0,
                               "must be \"error\", \"warning\" or \"never\"");
    return 0;
}

static int load_steps(gl_config *c, galley_error *err)
{
    json_t *steps = json_object_get(c->root, "steps");
    if (!steps)
        return gl_config_error(c, err, GALLEY_ECONFIG, "", 0,
                               "no \"steps\": a config needs a list of steps, e.g. "
                               "\"steps\": [{\"plugin\": \"wordcount\"}]");
    if (!json_is_array(steps) || json_array_size(steps) == 0)
        return gl_config_error(c, err, GALLEY_ECONFIG, "steps", 0,
                               "must be a non-empty list of steps");
    size_t n = json_array_size(steps);
    c->steps = gl_calloc(n, sizeof *c->steps);
    if (!c->steps)
        return out_of_memory(c->path, err);
    for (size_t i = 0; i < n; i++) {
        json_t *st = json_array_get(steps, i);
        char path[64], sub[96];
        snprintf(path, sizeof path, "steps[%zu]", i);
        if (!json_is_object(st))
            return gl_config_error(c, err, GALLEY_ECONFIG, path, 0,
                                   "a step must be an object like {\"plugin\": \"wordcount\"}, "
                                   "not %s",
                                   gl_json_type_name(st));
        int rc = gl_check_keys(st, step_keys, GL_ARRAY_SIZE(step_keys), path, c->path, c->text,
                               c->text_length, "step key", err);
        if (rc)
            return rc;
        json_t *plugin = json_object_get(st, "plugin");
        snprintf(sub, sizeof sub, "%s.plugin", path);
        if (!plugin)
            return gl_config_error(c, err, GALLEY_ECONFIG, path, 0,
                                   "step has no \"plugin\"; name the plugin it runs, e.g. "
                                   "\"plugin\": \"wordcount\"");
        if (!json_is_string(plugin))
            return gl_config_error(c, err, GALLEY_ECONFIG, sub, 0,
                                   "must be a plugin name (a string), not %s",
                                   gl_json_type_name(plugin));
        gl_config_step *s = &c->steps[i];
        s->plugin = json_string_value(plugin);
        if (!gl_plugin_name_valid(s->plugin))
            return gl_config_error(c, err, GALLEY_ECONFIG, sub, 0,
                                   "'%s' is not a plugin name: use a-z, 0-9, '-' and '_' only "
                                   "(plugins are found by name on the plugin path, never by a "
                                   "file path)",
                                   s->plugin);
        json_t *id = json_object_get(st, "id");
        snprintf(sub, sizeof sub, "%s.id", path);
        if (id && !json_is_string(id))
            return gl_config_error(c, err, GALLEY_ECONFIG, sub, 0, "must be a string, not %s",
                                   gl_json_type_name(id));
        s->id = id ? json_string_value(id) : s->plugin;
        if (!valid_step_id(s->id))
            return gl_config_error(c, err, GALLEY_ECONFIG, id ? sub : path, 0,
                                   "step id '%s' must be 1-64 letters, digits, '-' or '_'",
                                   s->id);
        for (size_t j = 0; j < i; j++)
            if (strcmp(c->steps[j].id, s->id) == 0)
                return gl_config_error(c, err, GALLEY_ECONFIG, id ? sub : path, 0,
                                       "duplicate step id '%s' (also steps[%zu]); give each step "
                                       "its own \"id\"",
                                       s->id, j);
        json_t *scope = json_object_get(st, "scope");
        snprintf(sub, sizeof sub, "%s.scope", path);
        if (scope && !json_is_object(scope))
            return gl_config_error(c, err, GALLEY_ECONFIG, sub, 0,
                                   "must be an object of attribute values, e.g. "
                                   "{\"boilerplate\": false}, not %s",
                                   gl_json_type_name(scope));
        s->scope = scope;
        json_t *options = json_object_get(st, "options");
        snprintf(sub, sizeof sub, "%s.options", path);
        if (options && !json_is_object(options))
            return gl_config_error(c, err, GALLEY_ECONFIG, sub, 0, "must be an object, not %s",
                                   gl_json_type_name(options));
        s->options = options;
        json_t *desc = json_object_get(st, "description");
        snprintf(sub, sizeof sub, "%s.description", path);
        if (desc && !json_is_string(desc))
            return gl_config_error(c, err, GALLEY_ECONFIG, sub, 0, "must be a string");
        c->step_count = i + 1;
    }
    return 0;
}

/*
 * Whether json_loadb() failed for want of memory rather than because of the
 * text.  jansson has an error code for it, but its parser (up to 2.14 at
 * least) does not set it: most failed allocations return with the error as
 * initialised, with no text, and a failed allocation of a string token's
 * buffer comes back as a syntax error ("invalid token") at a place where the
 * text is fine.  Telling the user to check the brackets there would send them
 * hunting for a mistake that is not in the file.  The first case shows as the
 * empty text; for the second, a syntax error is believed only if a buffer as
 * large as any the lexer needed can be allocated now.
 */
int gl_json_ran_out_of_memory(size_t text_length, const json_error_t *jerr)
{
    if (json_error_code(jerr) == json_error_out_of_memory || jerr->text[0] == '\0')
        return 1;
    if (json_error_code(jerr) != json_error_invalid_syntax)
        return 0;
    void *probe = gl_malloc(text_length + 1);
    if (!probe)
        return 1;
    gl_free(probe);
    return 0;
}

/* Checks c->text, which the caller has filled; the rest of c is set up. */
static int parse(gl_config *c, galley_error *err)
{
    const char *path = c->path;
    int rc;
    json_error_t jerr;
    memset(&jerr, 0, sizeof jerr); /* json_loadb leaves the error code byte as it finds it */
    c->root = json_loadb(c->text, c->text_length, JSON_REJECT_DUPLICATES, &jerr);
    if (!c->root && gl_json_ran_out_of_memory(c->text_length, &jerr))
        return out_of_memory(path, err);
    if (!c->root && json_error_code(&jerr) == json_error_stack_overflow)
        return gl_error_at(err, GALLEY_ECONFIG, path, jerr.line, jerr.column,
                           (long long)jerr.position,
                           "not valid JSON: arrays and objects nested more than %d deep (the "
                           "most the JSON parser reads)",
                           JSON_PARSER_MAX_DEPTH);
    if (!c->root)
        return gl_error_at(err, GALLEY_ECONFIG, path, jerr.line, jerr.column,
                           (long long)jerr.position,
                           "not valid JSON: %s; check the brackets, commas and quotes there",
                           jerr.text);
    if (!json_is_object(c->root))
        return gl_config_error(c, err, GALLEY_ECONFIG, "", 0,
                               "a config must be a JSON object, not %s",
                               gl_json_type_name(c->root));
    rc = gl_check_keys(c->root, top_keys, GL_ARRAY_SIZE(top_keys), "", c->path, c->text,
                       c->text_length, "key", err);
    if (rc)
        return rc;
    json_t *version = json_object_get(c->root, "galley");
    if (!version)
        return gl_config_error(c, err, GALLEY_ECONFIG, "", 0,
                               "missing \"galley\": 1 (the config format version)");
    if (!json_is_integer(version) || json_integer_value(version) != 1)
        return gl_config_error(c, err, GALLEY_ECONFIG, "galley", 0,
                               "config format version must be 1 (this galley reads version 1)");
    json_t *name = json_object_get(c->root, "name");
    if (name && !json_is_string(name))
        return gl_config_error(c, err, GALLEY_ECONFIG, "name", 0, "must be a string");
    c->name = name ? json_string_value(name) : "";
    json_t *desc = json_object_get(c->root, "description");
    if (desc && !json_is_string(desc))
        return gl_config_error(c, err, GALLEY_ECONFIG, "description", 0, "must be a string");
    if ((rc = load_plugin_path(c, err)) != 0 || (rc = load_gate(c, err)) != 0 ||
        (rc = load_steps(c, err)) != 0)
        return rc;
    return 0;
}

static int start(gl_config *c, const char *path, galley_error *err)
{
    memset(c, 0, sizeof *c);
    c->fail_on = GALLEY_ERROR;
    c->path = gl_strdup(path);
    c->dir = gl_path_dirname(path);
    if (!c->path || !c->dir)
        return out_of_memory(path, err);
    return 0;
}

int gl_config_load(gl_config *c, const char *path, galley_error *err)
{
    int rc = start(c, path, err);
    if (rc != 0)
        return rc;
    rc = gl_read_file(path, GL_CONFIG_MAX_BYTES, &c->text, &c->text_length, err);
    if (rc != 0) {
        if (err)
            err->status = rc == GALLEY_ENOMEM ? rc : GALLEY_ECONFIG;
        return rc == GALLEY_ENOMEM ? rc : GALLEY_ECONFIG;
    }
    return parse(c, err);
}

int gl_config_load_buffer(gl_config *c, const char *path, const char *text, size_t length,
                          galley_error *err)
{
    int rc = start(c, path, err);
    if (rc != 0)
        return rc;
    if (length > GL_CONFIG_MAX_BYTES)
        return gl_error_at(err, GALLEY_ECONFIG, path, 0, 0, -1,
                           "is %zu bytes, over the %zu-byte limit for a config", length,
                           (size_t)GL_CONFIG_MAX_BYTES);
    /* A copy, NUL-terminated like gl_read_file's, because errors found later quote it. */
    c->text = gl_strndup(text, length);
    if (!c->text)
        return out_of_memory(path, err);
    c->text_length = length;
    return parse(c, err);
}

void gl_config_free(gl_config *c)
{
    for (size_t i = 0; i < c->plugin_path_count; i++)
        gl_free(c->plugin_path[i]);
    gl_free(c->plugin_path);
    gl_free(c->steps);
    json_decref(c->root);
    gl_free(c->text);
    gl_free(c->path);
    gl_free(c->dir);
    memset(c, 0, sizeof *c);
}
