/*
 * report_sarif.c -- the report as SARIF 2.1.0, the format code-scanning
 * services read (GitHub code scanning, GitLab, IDE viewers).
 *
 * One run, whose tool.driver lists every rule the pipeline's plugins declare
 * ("anonymise/unlisted-name"), one result per finding, one artifact per
 * article.  Locations are given every way SARIF allows for text: line and
 * column (columns count Unicode code points, the run's columnKind), character
 * offsets (code points from the start of the file) and byte offsets (bytes of
 * the UTF-8 file, the run's defaultEncoding), so that a viewer never has to
 * guess which one galley meant.  Paths are relative to the working directory,
 * resolved through the %SRCROOT% base, as GitHub's upload expects.  Articles
 * that could not be processed become error notifications of the invocation.
 */
#include <string.h>
#include <unistd.h>

#include "report.h"

#ifndef GALLEY_INFORMATION_URI
/* Override with -DGALLEY_INFORMATION_URI="..." once the project has a public home. */
#define GALLEY_INFORMATION_URI "https://galley.invalid/docs/ci.md"
#endif

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

/* Percent-encodes a path for a URI reference: unreserved characters and '/' stay. */
static char *uri_encode(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    gl_buf b = GL_BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        int keep = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                   (*p >= '0' && *p <= '9') || strchr("-._~/", *p);
        char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
        if ((keep ? gl_buf_addc(&b, (char)*p) : gl_buf_add(&b, enc, 3)) != 0) {
            gl_buf_free(&b);
            return NULL;
        }
    }
    return gl_buf_detach(&b);
}

/* {"uri": ..., "uriBaseId": "%SRCROOT%"} for a relative path, a file: URI otherwise. */
static json_t *artifact_location(const char *path)
{
    char *rel = gl_relative_path(path);
    char *uri = rel ? uri_encode(rel) : NULL;
    json_t *loc = NULL;
    if (uri && rel[0] == '/') {
        gl_buf b = GL_BUF_INIT;
        if (gl_buf_adds(&b, "file://") == 0 && gl_buf_adds(&b, uri) == 0)
            loc = json_pack("{s:s}", "uri", b.data);
        gl_buf_free(&b);
    } else if (uri) {
        loc = json_pack("{s:s, s:s}", "uri", uri, "uriBaseId", "%SRCROOT%");
    }
    gl_free(uri);
    gl_free(rel);
    return loc;
}

static const char *sarif_level(const char *severity)
{
    if (severity && strcmp(severity, "error") == 0)
        return "error";
    if (severity && strcmp(severity, "warning") == 0)
        return "warning";
    return "note";
}

/* One reportingDescriptor from a declared rule, "id: help". */
static json_t *rule_descriptor(const char *id, const char *help, const char *plugin)
{
    char shortd[256];
    size_t n = strcspn(help, ";");
    snprintf(shortd, sizeof shortd, "%.*s", (int)(n < 255 ? n : 255), help);
    json_t *rule = json_pack("{s:s, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s, s:[s, s]}}", "id", id,
                             "shortDescription", "text", shortd, "fullDescription", "text", help,
                             "help", "text", help, "properties", "plugin", plugin, "tags",
                             "galley", plugin);
    return rule;
}

/* Adds the rules a pipeline declares to rules; fills step -> plugin in plugins. */
static int collect_rules(const galley_report *r, json_t *rules, json_t *plugins)
{
    const galley_pipeline *p = gl_report_pipeline(r);
    if (!p)
        return 0;
    json_t *d = galley_pipeline_describe(p);
    if (!d)
        return GALLEY_ENOMEM;
    size_t i, k;
    json_t *step, *rule;
    json_array_foreach(json_object_get(d, "steps"), i, step) {
        const char *plugin = json_string_value(json_object_get(step, "plugin"));
        const char *id = json_string_value(json_object_get(step, "id"));
        if (!plugin || !id)
            continue;
        json_object_set_new(plugins, id, json_string(plugin));
        json_array_foreach(json_object_get(step, "rules"), k, rule) {
            const char *text = json_string_value(rule);
            if (!text)
                continue;
            const char *colon = strstr(text, ": ");
            size_t idlen = colon ? (size_t)(colon - text) : strlen(text);
            char full[256];
            snprintf(full, sizeof full, "%s/%.*s", plugin, (int)idlen, text);
            int seen = 0;
            size_t j;
            json_t *have;
            json_array_foreach(rules, j, have) seen |=
                strcmp(json_string_value(json_object_get(have, "id")), full) == 0;
            if (seen)
                continue; /* two steps of one plugin declare the same rules */
            json_t *desc = rule_descriptor(full, colon ? colon + 2 : text, plugin);
            if (!desc || json_array_append_new(rules, desc) != 0) {
                json_decref(d);
                return GALLEY_ENOMEM;
            }
        }
    }
    json_decref(d);
    return 0;
}

/* The index of rule id in rules, adding an undeclared one on the way. */
static long rule_index(json_t *rules, const char *id, const char *plugin)
{
    size_t j;
    json_t *have;
    json_array_foreach(rules, j, have) if (strcmp(json_string_value(json_object_get(have, "id")),
                                                  id) == 0) return (long)j;
    json_t *desc = rule_descriptor(id, "a finding rule the plugin did not declare", plugin);
    if (!desc || json_array_append_new(rules, desc) != 0)
        return -1;
    return (long)json_array_size(rules) - 1;
}

static json_int_t int_of(const json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

static json_t *result_of(const json_t *f, json_t *rules, const json_t *plugins, json_t *location,
                         size_t artifact)
{
    const char *step = json_string_value(json_object_get(f, "step"));
    const char *rule = json_string_value(json_object_get(f, "rule"));
    const char *plugin = step ? json_string_value(json_object_get(plugins, step)) : NULL;
    if (!plugin)
        plugin = step ? step : "galley";
    char id[256];
    snprintf(id, sizeof id, "%s/%s", plugin, rule ? rule : "finding");
    long index = rule_index(rules, id, plugin);
    if (index < 0)
        return NULL;
    json_t *region = json_object();
    json_int_t line = int_of(f, "line"), column = int_of(f, "column");
    json_int_t end_line = int_of(f, "end_line"), end_column = int_of(f, "end_column");
    json_int_t start = int_of(f, "start"), end = int_of(f, "end");
    if (!region)
        return NULL;
    if (line >= 1) {
        json_object_set_new(region, "startLine", json_integer(line));
        json_object_set_new(region, "startColumn", json_integer(column >= 1 ? column : 1));
        if (end_line >= line && end_column >= 1) {
            json_object_set_new(region, "endLine", json_integer(end_line));
            json_object_set_new(region, "endColumn", json_integer(end_column));
        }
    }
    if (json_object_get(f, "char_start")) {
        json_object_set_new(region, "charOffset", json_integer(int_of(f, "char_start")));
        json_object_set_new(region, "charLength",
                            json_integer(int_of(f, "char_end") - int_of(f, "char_start")));
    }
    json_object_set_new(region, "byteOffset", json_integer(start));
    json_object_set_new(region, "byteLength", json_integer(end >= start ? end - start : 0));
    const char *text = json_string_value(json_object_get(f, "text"));
    if (text && *text)
        json_object_set_new(region, "snippet", json_pack("{s:s}", "text", text));
    json_object_set_new(location, "index", json_integer((json_int_t)artifact));
    const char *message = json_string_value(json_object_get(f, "message"));
    return json_pack("{s:s, s:i, s:s, s:{s:s}, s:[{s:{s:O, s:o}}], s:{s:s}}", "ruleId", id,
                     "ruleIndex", (int)index, "level",
                     sarif_level(json_string_value(json_object_get(f, "severity"))), "message",
                     "text", message && *message ? message : id, "locations", "physicalLocation",
                     "artifactLocation", location, "region", region, "properties", "step",
                     step ? step : "");
}

static json_t *base_ids(void)
{
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd - 2))
        return json_object();
    size_t n = strlen(cwd);
    if (n == 0 || cwd[n - 1] != '/') { /* getcwd was given room for it */
        cwd[n] = '/';
        cwd[n + 1] = '\0';
    }
    char *enc = uri_encode(cwd);
    gl_buf b = GL_BUF_INIT;
    json_t *ids = NULL;
    if (enc && gl_buf_adds(&b, "file://") == 0 && gl_buf_adds(&b, enc) == 0)
        ids = json_pack("{s:{s:s}}", "%SRCROOT%", "uri", b.data);
    gl_buf_free(&b);
    gl_free(enc);
    return ids ? ids : json_object();
}

static int sarif_finish(galley_writer *w, const galley_report *r)
{
    json_t *rules = json_array(), *plugins = json_object(), *results = json_array(),
           *artifacts = json_array(), *notifications = json_array();
    json_t *log = NULL;
    int rc = GALLEY_ENOMEM;
    if (!rules || !plugins || !results || !artifacts || !notifications)
        goto done;
    if (collect_rules(r, rules, plugins) != 0)
        goto done;
    size_t i, k;
    json_t *doc, *f;
    json_array_foreach(gl_report_documents(r), i, doc) {
        const char *path = json_string_value(json_object_get(doc, "path"));
        json_t *location = artifact_location(path ? path : "-");
        if (!location)
            goto done;
        json_t *artifact = json_pack("{s:O, s:s, s:[s]}", "location", location, "encoding",
                                     "utf-8", "roles", "analysisTarget");
        if (!artifact) {
            json_decref(location);
            goto done;
        }
        if (json_object_get(doc, "bytes"))
            json_object_set_new(artifact, "length", json_integer(int_of(doc, "bytes")));
        size_t index = json_array_size(artifacts);
        if (json_array_append_new(artifacts, artifact) != 0) {
            json_decref(location);
            goto done;
        }
        const json_t *error = json_object_get(doc, "error");
        if (error) {
            json_object_set_new(location, "index", json_integer((json_int_t)index));
            json_t *note = json_pack(
                "{s:s, s:{s:s}, s:[{s:{s:o}}], s:{s:s}}", "level", "error", "message", "text",
                json_string_value(json_object_get(error, "message")), "locations",
                "physicalLocation", "artifactLocation", location, "properties", "status",
                json_string_value(json_object_get(error, "status")));
            if (!note || json_array_append_new(notifications, note) != 0)
                goto done;
            continue;
        }
        json_array_foreach(json_object_get(doc, "findings"), k, f) {
            json_t *loc = json_deep_copy(location);
            json_t *res = loc ? result_of(f, rules, plugins, loc, index) : NULL;
            json_decref(loc);
            if (!res || json_array_append_new(results, res) != 0) {
                json_decref(location);
                goto done;
            }
        }
        json_decref(location);
    }
    json_t *gate = gl_report_gate(r);
    log = json_pack(
        "{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:s, s:s, s:O}}, s:o, s:O, s:O, "
        "s:[{s:b, s:O}], s:s, s:s, s:{s:o}}]}",
        "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs", "tool", "driver", "name", "galley",
        "fullName", "galley " GALLEY_VERSION_STRING, "version", GALLEY_VERSION_STRING,
        "semanticVersion", GALLEY_VERSION_STRING, "informationUri", GALLEY_INFORMATION_URI,
        "rules", rules, "originalUriBaseIds", base_ids(), "artifacts", artifacts, "results",
        results, "invocations", "executionSuccessful", json_array_size(notifications) == 0,
        "toolExecutionNotifications", notifications, "columnKind", "unicodeCodePoints",
        "defaultEncoding", "utf-8", "properties", "gate", gate ? gate : json_object());
    if (!log)
        goto done;
    rc = json_dumpf(log, w->out, JSON_INDENT(2) | GL_JSON_REAL) != 0 || fputc('\n', w->out) == EOF
             ? GALLEY_EIO
             : 0;
done:
    json_decref(log);
    json_decref(rules);
    json_decref(plugins);
    json_decref(results);
    json_decref(artifacts);
    json_decref(notifications);
    return rc;
}

const gl_writer_ops gl_writer_sarif = {
    .name = "sarif",
    .summary = "SARIF 2.1.0 for code scanning: one result per finding, rules from the plugins",
    .needs_documents = 1,
    .finish = sarif_finish,
};
