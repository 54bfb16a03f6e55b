/*
 * pipeline.c -- turns a checked config into a running pipeline, and runs it
 * over documents.
 *
 * Loading does all the work that can fail for reasons other than the article:
 * plugins are found and checked, options typed, scopes and requirements
 * checked against the steps before them, and every plugin's create() called.
 * After that the pipeline is read-only, so any number of threads may run
 * documents through it at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

/*
 * The standard vocabulary of article metadata (docs/config.md).  A sidecar
 * belongs to the article, not to one pipeline, so these keys are accepted
 * whichever plugins run; plugins may declare more.  Anything else is an
 * error, because a misspelt "pseudonym" that passed silently would let a
 * gate pass that should fail.
 */
static const char *const core_meta_keys[] = {"title",      "url",       "source",
                                             "language",   "published", "authors",
                                             "section",    "pseudonyms", "on_record",
                                             "public_figures"};

static int add_meta_key(galley_pipeline *p, const char *key)
{
    for (size_t i = 0; i < p->meta_key_count; i++)
        if (strcmp(p->meta_keys[i], key) == 0)
            return 0;
    size_t cap = p->meta_key_count;
    if (gl_reserve((void **)&p->meta_keys, &cap, p->meta_key_count + 1, sizeof *p->meta_keys) != 0)
        return -1;
    p->meta_keys[p->meta_key_count] = gl_strdup(key);
    if (!p->meta_keys[p->meta_key_count])
        return -1;
    p->meta_key_count++;
    return 0;
}

static gl_plugin_lib *find_lib(galley_pipeline *p, const char *name)
{
    for (size_t i = 0; i < p->lib_count; i++)
        if (strcmp(p->libs[i]->name, name) == 0)
            return p->libs[i];
    return NULL;
}

static int attr_index(const galley_pipeline *p, const char *name, size_t *out)
{
    for (size_t i = 0; i < p->attr_count; i++)
        if (strcmp(p->attrs[i].name, name) == 0) {
            *out = i;
            return 1;
        }
    return 0;
}

static const char *attr_type_name(int type)
{
    return type == GALLEY_TYPE_BOOL ? "bool" : type == GALLEY_TYPE_NUMBER ? "number" : "string";
}

/* Opens the plugin a step names, or reuses it when an earlier step did. */
static int resolve_plugin(galley_pipeline *p, const gl_config *c, size_t i, galley_error *err)
{
    const char *name = c->steps[i].plugin;
    char path[64];
    snprintf(path, sizeof path, "steps[%zu].plugin", i);
    gl_plugin_lib *lib = find_lib(p, name);
    if (!lib) {
        galley_error perr;
        galley_error_clear(&perr);
        lib = gl_calloc(1, sizeof *lib);
        if (!lib)
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        int rc = gl_plugin_find(name, p->search, p->search_count, lib, &perr);
        if (rc != GALLEY_OK) {
            gl_free(lib);
            if (perr.source[0])
                return gl_config_error(c, err, rc, path, 0, "%s: %s", perr.source, perr.text);
            return gl_config_error(c, err, rc, path, 0, "%s", perr.text);
        }
        size_t cap = p->lib_count;
        /* An array of pointers: sizeof *p->libs is a pointer's size on purpose. */
        if (gl_reserve((void **)&p->libs, &cap, p->lib_count + 1,
                       sizeof *p->libs) != 0) { // NOLINT(bugprone-sizeof-expression)
            gl_plugin_close(lib);
            gl_free(lib);
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        }
        p->libs[p->lib_count++] = lib;
    }
    p->steps[i].lib = lib;
    return 0;
}

static int register_attrs(galley_pipeline *p, const gl_config *c, size_t i, galley_error *err)
{
    gl_step *st = &p->steps[i];
    const galley_plugin *d = &st->lib->desc;
    size_t n = 0;
    for (const galley_field *f = d->attributes; f && f->name; f++)
        n++;
    st->attrs = gl_calloc(n ? n : 1, sizeof *st->attrs);
    if (!st->attrs)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++) {
        const galley_field *f = &d->attributes[k];
        size_t at;
        if (attr_index(p, f->name, &at)) {
            if (p->attrs[at].type != f->type) {
                char path[64];
                snprintf(path, sizeof path, "steps[%zu].plugin", i);
                return gl_config_error(c, err, GALLEY_ECONFIG, path, 0,
                                       "plugin '%s' sets attribute '%s' as a %s, but step '%s' "
                                       "already sets it as a %s",
                                       d->name, f->name, attr_type_name(f->type),
                                       p->steps[p->attrs[at].first_step].id,
                                       attr_type_name(p->attrs[at].type));
            }
        } else {
            size_t cap = p->attr_count;
            if (gl_reserve((void **)&p->attrs, &cap, p->attr_count + 1, sizeof *p->attrs) != 0)
                return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            at = p->attr_count++;
            p->attrs[at].name = f->name;
            p->attrs[at].name_length = strlen(f->name);
            memset(p->attrs[at].member, 0, sizeof p->attrs[at].member);
            if (p->attrs[at].name_length + 4 < sizeof p->attrs[at].member)
                snprintf(p->attrs[at].member, sizeof p->attrs[at].member, ",\"%s\":", f->name);
            p->attrs[at].type = f->type;
            p->attrs[at].first_step = i;
        }
        st->attrs[k] = at;
    }
    st->attr_count = n;
    return 0;
}

/* Which attributes the steps before step i provide, for error messages. */
static void earlier_attrs(const galley_pipeline *p, size_t i, char *out, size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t a = 0; a < p->attr_count && len + 1 < size; a++) {
        if (p->attrs[a].first_step >= i)
            continue;
        int n = snprintf(out + len, size - len, "%s%s", len ? ", " : "", p->attrs[a].name);
        if (n < 0)
            break;
        len += (size_t)n;
    }
    if (!out[0])
        snprintf(out, size, "none");
}

static int check_requires(galley_pipeline *p, const gl_config *c, size_t i, galley_error *err)
{
    const galley_plugin *d = &p->steps[i].lib->desc;
    for (const char *const *r = d->requires; r && *r; r++) {
        size_t at;
        if (attr_index(p, *r, &at) && p->attrs[at].first_step < i)
            continue;
        char path[64], have[256];
        snprintf(path, sizeof path, "steps[%zu].plugin", i);
        earlier_attrs(p, i, have, sizeof have);
        return gl_config_error(c, err, GALLEY_ECONFIG, path, 0,
                               "plugin '%s' needs the block attribute '%s', which no earlier step "
                               "sets (earlier steps set: %s); add a step that provides it before "
                               "this one",
                               d->name, *r, have);
    }
    return 0;
}

static int check_scope(galley_pipeline *p, const gl_config *c, size_t i, galley_error *err)
{
    gl_step *st = &p->steps[i];
    const json_t *scope = c->steps[i].scope;
    if (!scope)
        return 0;
    size_t n = json_object_size(scope);
    st->scope = gl_calloc(n ? n : 1, sizeof *st->scope);
    if (!st->scope)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)scope, key, value) {
        char path[128], have[256];
        snprintf(path, sizeof path, "steps[%zu].scope.%s", i, key);
        size_t at;
        if (!attr_index(p, key, &at) || p->attrs[at].first_step >= i) {
            earlier_attrs(p, i, have, sizeof have);
            return gl_config_error(c, err, GALLEY_ECONFIG, path, 1,
                                   "scope names attribute '%s', which no earlier step sets "
                                   "(earlier steps set: %s)",
                                   key, have);
        }
        int type = p->attrs[at].type, ok = 0;
        if (type == GALLEY_TYPE_BOOL)
            ok = json_is_boolean(value);
        else if (type == GALLEY_TYPE_NUMBER)
            ok = json_is_number(value);
        else if (json_is_string(value))
            ok = 1;
        else if (json_is_array(value) && json_array_size(value) > 0) {
            ok = 1;
            size_t k;
            json_t *item;
            json_array_foreach(value, k, item)
                ok = ok && json_is_string(item);
        }
        if (!ok)
            return gl_config_error(c, err, GALLEY_ECONFIG, path, 0,
                                   "attribute '%s' is a %s, so its scope value must be %s, not %s",
                                   key, attr_type_name(type),
                                   type == GALLEY_TYPE_BOOL     ? "true or false"
                                   : type == GALLEY_TYPE_NUMBER ? "a number"
                                                                : "a string or a list of strings",
                                   gl_json_type_name(value));
        st->scope[st->scope_count].attr = at;
        st->scope[st->scope_count].value = value;
        st->scope_count++;
    }
    return 0;
}

static int create_step(galley_pipeline *p, const gl_config *c, size_t i, galley_error *err)
{
    gl_step *st = &p->steps[i];
    const galley_plugin *d = &st->lib->desc;
    if (!d->create)
        return 0;
    galley_error perr;
    galley_error_clear(&perr);
    void *state = NULL;
    int rc = d->create(&st->host, &st->options, &state, &perr);
    if (rc == GALLEY_OK) {
        st->state = state;
        st->created = 1;
        return 0;
    }
    int status = rc == GALLEY_ECONFIG || rc == GALLEY_ENOMEM ? rc : GALLEY_EPLUGIN;
    if (perr.source[0]) { /* the plugin knows where: a data file and its line */
        gl_error_copy(err, &perr);
        err->status = status;
        gl_buf text = GL_BUF_INIT;
        gl_buf_addf(&text, "step '%s' (plugin %s): %s", st->id, d->name, perr.text);
        gl_strlcpy(err->text, sizeof err->text, text.data ? text.data : perr.text);
        gl_buf_free(&text);
        return status;
    }
    char path[64];
    snprintf(path, sizeof path, "steps[%zu]", i);
    return gl_config_error(c, err, status, path, 0, "plugin '%s' could not start: %s", d->name,
                           perr.text[0] ? perr.text : "create() failed without a message");
}

static int build(galley_pipeline *p, gl_config *c, const galley_load_options *options,
                 galley_error *err)
{
    p->config_path = gl_strdup(c->path);
    p->config_dir = gl_strdup(c->dir);
    p->name = gl_strdup(c->name);
    p->empty_meta = json_object();
    if (!p->config_path || !p->config_dir || !p->name || !p->empty_meta)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    p->fail_on = c->fail_on;
    p->config = json_incref(c->root);

    json_t *dirs = galley_plugin_search_path(options, (const char *const *)c->plugin_path);
    if (!dirs)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    p->search_count = json_array_size(dirs);
    p->search = gl_calloc(p->search_count ? p->search_count : 1, sizeof *p->search);
    for (size_t i = 0; p->search && i < p->search_count; i++)
        p->search[i] = gl_strdup(json_string_value(json_array_get(dirs, i)));
    json_decref(dirs);
    if (!p->search)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    for (size_t i = 0; i < p->search_count; i++)
        if (!p->search[i])
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");

    p->steps = gl_calloc(c->step_count, sizeof *p->steps);
    if (!p->steps)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    for (size_t k = 0; k < GL_ARRAY_SIZE(core_meta_keys); k++)
        if (add_meta_key(p, core_meta_keys[k]) != 0)
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");

    int rc;
    for (size_t i = 0; i < c->step_count; i++) {
        gl_step *st = &p->steps[i];
        p->step_count = i + 1;
        st->id = gl_strdup(c->steps[i].id);
        if (!st->id)
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        if ((rc = resolve_plugin(p, c, i, err)) != 0)
            return rc;
        char path[64];
        snprintf(path, sizeof path, "steps[%zu].options", i);
        if ((rc = gl_options_build(&st->options, &st->lib->desc, c->steps[i].options,
                                   st->lib->data_dir, p->config_dir, c, path, err)) != 0)
            return rc;
        st->host.step_id = st->id;
        st->host.data_dir = st->lib->data_dir;
        st->host.config_dir = p->config_dir;
        if ((rc = check_requires(p, c, i, err)) != 0 || (rc = check_scope(p, c, i, err)) != 0 ||
            (rc = register_attrs(p, c, i, err)) != 0)
            return rc;
        for (const char *const *m = st->lib->desc.meta_keys; m && *m; m++)
            if (add_meta_key(p, *m) != 0)
                return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    /* Only once everything is known to fit: start the plugins. */
    for (size_t i = 0; i < p->step_count; i++)
        if ((rc = create_step(p, c, i, err)) != 0)
            return rc;
    return 0;
}

GALLEY_API galley_pipeline *galley_pipeline_load(const char *config_path,
                                                 const galley_load_options *options,
                                                 galley_error *err)
{
    galley_error_clear(err);
    gl_config c;
    int rc = gl_config_load(&c, config_path, err);
    if (rc != 0) {
        gl_config_free(&c);
        return NULL;
    }
    galley_pipeline *p = gl_calloc(1, sizeof *p);
    if (!p) {
        gl_config_free(&c);
        galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        return NULL;
    }
    /* Only a caller that knows the field can have set it: older ones get the safe default. */
    c.refuse_parent_paths =
        !(options && options->struct_size >= offsetof(galley_load_options, allow_parent_paths) +
                                                 sizeof options->allow_parent_paths &&
          options->allow_parent_paths);
    rc = build(p, &c, options, err);
    gl_config_free(&c);
    if (rc != 0) {
        if (err && err->status == GALLEY_OK)
            err->status = rc;
        galley_pipeline_free(p);
        return NULL;
    }
    return p;
}

GALLEY_API void galley_pipeline_free(galley_pipeline *p)
{
    if (!p)
        return;
    for (size_t i = p->step_count; i-- > 0;) {
        gl_step *st = &p->steps[i];
        if (st->created && st->lib->desc.destroy)
            st->lib->desc.destroy(st->state);
        gl_options_free(&st->options);
        gl_free(st->scope);
        gl_free(st->attrs);
        gl_free(st->id);
    }
    gl_free(p->steps);
    for (size_t i = 0; i < p->lib_count; i++) {
        gl_plugin_close(p->libs[i]);
        gl_free(p->libs[i]);
    }
    gl_free(p->libs);
    for (size_t i = 0; i < p->search_count; i++)
        gl_free(p->search[i]);
    gl_free(p->search);
    for (size_t i = 0; i < p->meta_key_count; i++)
        gl_free(p->meta_keys[i]);
    gl_free(p->meta_keys);
    gl_free(p->attrs);
    json_decref(p->config);
    json_decref(p->empty_meta);
    gl_free(p->config_path);
    gl_free(p->config_dir);
    gl_free(p->name);
    gl_free(p);
}

GALLEY_API int galley_pipeline_fail_on(const galley_pipeline *p) { return p->fail_on; }

static const char *fail_on_name(int f)
{
    return f == GALLEY_ERROR ? "error" : f == GALLEY_WARNING ? "warning" : "never";
}

GALLEY_API json_t *galley_pipeline_describe(const galley_pipeline *p)
{
    json_t *steps = json_array(), *search = json_array(), *attrs = json_array(),
           *meta = json_array();
    for (size_t i = 0; steps && i < p->step_count; i++) {
        const gl_step *st = &p->steps[i];
        json_t *opts = json_object();
        for (size_t k = 0; opts && k < st->options.count; k++) {
            const gl_option_value *v = &st->options.values[k];
            json_t *jv = v->type == GALLEY_TYPE_BOOL     ? json_boolean(v->boolean)
                         : v->type == GALLEY_TYPE_NUMBER ? json_real(v->number)
                         : v->string                     ? json_string(v->string)
                                                         : json_null();
            json_object_set_new(opts, st->options.decl[k].name, jv);
        }
        json_t *scope = json_object();
        for (size_t k = 0; scope && k < st->scope_count; k++)
            json_object_set(scope, p->attrs[st->scope[k].attr].name, (json_t *)st->scope[k].value);
        /* The rules each step may report ("id: help"), for formats that list them (SARIF). */
        json_t *rules = json_array();
        for (size_t k = 0; rules && st->lib->desc.rules && st->lib->desc.rules[k]; k++)
            json_array_append_new(rules, json_string(st->lib->desc.rules[k]));
        json_array_append_new(
            steps, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "id", st->id, "plugin",
                             st->lib->desc.name, "version", st->lib->desc.version, "path",
                             st->lib->path, "scope", scope, "options", opts, "rules", rules));
    }
    for (size_t i = 0; search && i < p->search_count; i++)
        json_array_append_new(search, json_string(p->search[i]));
    for (size_t i = 0; attrs && i < p->attr_count; i++)
        json_array_append_new(attrs, json_pack("{s:s, s:s, s:s}", "name", p->attrs[i].name,
                                               "type", attr_type_name(p->attrs[i].type), "step",
                                               p->steps[p->attrs[i].first_step].id));
    for (size_t i = 0; meta && i < p->meta_key_count; i++)
        json_array_append_new(meta, json_string(p->meta_keys[i]));
    return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:{s:s}}", "path", p->config_path, "name",
                     p->name, "plugin_path", search, "steps", steps, "attributes", attrs,
                     "meta_keys", meta, "gate", "fail_on", fail_on_name(p->fail_on));
}

/* ---- meta files ---------------------------------------------------------- */

GALLEY_API int galley_pipeline_load_meta(const galley_pipeline *p, const char *path, json_t **out,
                                         galley_error *err)
{
    *out = NULL;
    galley_error_clear(err);
    char *text = NULL;
    size_t length = 0;
    int rc = gl_read_file(path, 4u << 20, &text, &length, err);
    if (rc != 0) {
        /* Memory running out is not the meta file's fault: say so, as the config loader does. */
        rc = rc == GALLEY_ENOMEM ? GALLEY_ENOMEM : GALLEY_ECONFIG;
        if (err)
            err->status = rc;
        return rc;
    }
    rc = gl_meta_parse(p, path, text, length, out, err);
    gl_free(text);
    return rc;
}

int gl_meta_parse(const galley_pipeline *p, const char *path, const char *text, size_t length,
                  json_t **out, galley_error *err)
{
    *out = NULL;
    galley_error_clear(err);
    json_error_t jerr;
    memset(&jerr, 0, sizeof jerr); /* json_loadb leaves the error code byte as it finds it */
    json_t *meta = json_loadb(text, length, JSON_REJECT_DUPLICATES, &jerr);
    if (!meta && gl_json_ran_out_of_memory(length, &jerr))
        return gl_error_at(err, GALLEY_ENOMEM, path, 0, 0, -1, "out of memory reading the meta file");
    if (!meta)
        return gl_error_at(err, GALLEY_ECONFIG, path, jerr.line, jerr.column,
                           (long long)jerr.position, "meta file is not valid JSON: %s", jerr.text);
    int rc;
    if (!json_is_object(meta)) {
        rc = gl_json_error(err, GALLEY_ECONFIG, path, text, length, "", 0,
                           "a meta file must be a JSON object, e.g. {\"pseudonyms\": [\"Pavlo\"]}, "
                           "not %s",
                           gl_json_type_name(meta));
        json_decref(meta);
        return rc;
    }
    rc = gl_check_keys(meta, (const char *const *)p->meta_keys, p->meta_key_count, "", path, text,
                       length, "meta key", err);
    if (rc != 0) {
        json_decref(meta);
        return rc;
    }
    *out = meta;
    return GALLEY_OK;
}

/* ARTICLE.meta.json beside ARTICLE.txt (or ARTICLE.txt.meta.json), if there is one. */
static char *find_sidecar(const char *path)
{
    size_t n = strlen(path);
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash)) {
        gl_buf b = GL_BUF_INIT;
        if (gl_buf_add(&b, path, (size_t)(dot - path)) == 0 && gl_buf_adds(&b, ".meta.json") == 0 &&
            gl_is_regular_file(b.data))
            return gl_buf_detach(&b);
        gl_buf_free(&b);
    }
    gl_buf b = GL_BUF_INIT;
    if (gl_buf_add(&b, path, n) == 0 && gl_buf_adds(&b, ".meta.json") == 0 &&
        gl_is_regular_file(b.data))
        return gl_buf_detach(&b);
    gl_buf_free(&b);
    return NULL;
}

/* ---- running ------------------------------------------------------------- */

/*
 * Where a document's report goes: a JSON report (*report), or, when a writer
 * can take the document prepared, its rendered bytes (*prepared, and *report
 * stays NULL).
 */
typedef struct destination {
    const galley_writer *writer; /* NULL: the JSON report */
    const galley_report *report;
    galley_prepared **prepared;
} destination;

static int run_buffer(const galley_pipeline *p, const char *name, const char *bytes,
                      size_t length, const json_t *meta, galley_step_hook hook, void *arg,
                      const destination *to, json_t **report, galley_error *err)
{
    galley_error_clear(err);
    *report = NULL;
    if (!name)
        name = "-";
    /* The report names the document; JSON holds nothing but UTF-8. */
    if (!gl_utf8_valid(name, strlen(name)))
        return gl_error_at(err, GALLEY_EINPUT, name, 0, 0, -1,
                           "its name is not valid UTF-8, and reports hold text as UTF-8 only: "
                           "rename the file");
    galley_doc doc;
    int rc = gl_doc_init(&doc, p, name, bytes, length, meta, err);
    if (rc != 0)
        return rc;
    if (doc.text.block_count == 0) {
        size_t body = length - doc.text.body;
        gl_doc_free(&doc);
        if (body == 0)
            return gl_error_at(err, GALLEY_EINPUT, name, 0, 0, -1,
                               "is empty (0 bytes): there is nothing to review");
        return gl_error_at(err, GALLEY_EINPUT, name, 0, 0, -1,
                           "holds only white space (%zu bytes): there is nothing to review", body);
    }
    for (size_t s = 0; s < p->step_count; s++) {
        const gl_step *st = &p->steps[s];
        if (gl_doc_begin_step(&doc, s) != 0) {
            gl_doc_free(&doc);
            return gl_error_at(err, GALLEY_ENOMEM, name, 0, 0, -1, "out of memory");
        }
        galley_error perr;
        galley_error_clear(&perr);
        if (hook)
            hook(arg, s, st->id);
        rc = st->lib->desc.process(st->state, &doc, &perr);
        if (rc == 0 && (rc = gl_doc_end_step(&doc, perr.text, sizeof perr.text)) != 0)
            rc = rc == GALLEY_ENOMEM ? rc : GALLEY_EPLUGIN;
        if (rc != 0) {
            int status = rc == GALLEY_ENOMEM || rc == GALLEY_ECONFIG ? rc : GALLEY_EPLUGIN;
            gl_doc_free(&doc);
            gl_error_at(err, status, perr.source[0] ? perr.source : name, perr.line, perr.column,
                        perr.position, "step '%s' (plugin %s %s) failed: %s", st->id,
                        st->lib->desc.name, st->lib->desc.version,
                        perr.text[0] ? perr.text : "process() failed without a message");
            return status;
        }
    }
    if (hook)
        hook(arg, p->step_count, NULL);
    if (to && to->writer) {
        rc = gl_prepare_doc(to->writer, to->report, &doc, to->prepared);
        if (rc < 0) {
            gl_doc_free(&doc);
            return gl_error_at(err, GALLEY_ENOMEM, name, 0, 0, -1,
                               "out of memory rendering the report");
        }
        if (rc == 0 && *to->prepared) {
            gl_doc_free(&doc);
            return GALLEY_OK;
        }
    }
    *report = gl_doc_report(&doc);
    gl_doc_free(&doc);
    if (!*report)
        return gl_error_at(err, GALLEY_ENOMEM, name, 0, 0, -1, "out of memory writing the report");
    return GALLEY_OK;
}

GALLEY_API int galley_pipeline_run_buffer(const galley_pipeline *p, const char *name,
                                          const char *bytes, size_t length, const json_t *meta,
                                          json_t **report, galley_error *err)
{
    *report = NULL;
    return run_buffer(p, name, bytes, length, meta, NULL, NULL, NULL, report, err);
}

static int run_file(const galley_pipeline *p, const char *path, const json_t *meta,
                    size_t max_bytes, galley_step_hook hook, void *arg, const destination *to,
                    json_t **report, galley_error *err)
{
    galley_error_clear(err);
    *report = NULL;
    if (to && to->prepared)
        *to->prepared = NULL;
    json_t *own = NULL;
    if (!meta && strcmp(path, "-") != 0) {
        char *sidecar = find_sidecar(path);
        if (sidecar) {
            int rc = galley_pipeline_load_meta(p, sidecar, &own, err);
            gl_free(sidecar);
            if (rc != 0)
                return rc;
            meta = own;
        }
    }
    char *bytes = NULL;
    size_t length = 0;
    int rc = gl_read_file(path, max_bytes, &bytes, &length, err);
    if (rc == 0)
        rc = run_buffer(p, path, bytes, length, meta, hook, arg, to, report, err);
    gl_free(bytes);
    json_decref(own);
    return rc;
}

GALLEY_API int galley_pipeline_run_file_traced(const galley_pipeline *p, const char *path,
                                               const json_t *meta, size_t max_bytes,
                                               galley_step_hook hook, void *arg, json_t **report,
                                               galley_error *err)
{
    return run_file(p, path, meta, max_bytes, hook, arg, NULL, report, err);
}

GALLEY_API int galley_pipeline_run_file_prepared(const galley_pipeline *p, const char *path,
                                                 const json_t *meta, size_t max_bytes,
                                                 const galley_writer *writer,
                                                 const galley_report *report,
                                                 galley_prepared **prepared, json_t **doc,
                                                 galley_error *err)
{
    destination to = {writer, report, prepared};
    return run_file(p, path, meta, max_bytes, NULL, NULL, &to, doc, err);
}

GALLEY_API int galley_pipeline_run_file(const galley_pipeline *p, const char *path,
                                        const json_t *meta, size_t max_bytes, json_t **report,
                                        galley_error *err)
{
    return galley_pipeline_run_file_traced(p, path, meta, max_bytes, NULL, NULL, report, err);
}
