/*
 * report_view.c -- what the editor-facing reports derive from a document
 * report (see report_view.h).
 *
 * The core never knows a plugin by name, so the view finds its figures by the
 * names docs/report-format.md fixes for every plugin: block attributes
 * boilerplate, section, section_p, sentiment, polarity and tone; a result
 * with "label" and "p" (the section step's), one with "score" and
 * "polarity" (the sentiment step's) and one with "persons" (the anonymise
 * step's).  When a step gives no document-level result, the figure is taken
 * from the blocks instead, so that a pipeline of other plugins that follow
 * the attribute conventions still gets a useful header.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pipeline.h"
#include "report.h"
#include "report_view.h"

const json_t *gl_view_attr(const json_t *block, const char *name)
{
    return json_object_get(json_object_get(block, "attrs"), name);
}

double gl_view_attr_number(const json_t *block, const char *name, double fallback)
{
    const json_t *v = gl_view_attr(block, name);
    if (!json_is_number(v))
        return fallback;
    double d = json_number_value(v);
    return isfinite(d) ? d : fallback;
}

const char *gl_view_attr_string(const json_t *block, const char *name)
{
    return json_string_value(gl_view_attr(block, name));
}

int gl_view_is_boilerplate(const json_t *block)
{
    return json_is_true(gl_view_attr(block, "boilerplate"));
}

int gl_view_person_kind(const char *category)
{
    if (!category)
        return GL_PERSON_OTHER;
    if (strcmp(category, "pseudonym") == 0)
        return GL_PERSON_PSEUDONYM;
    if (strcmp(category, "public_figure") == 0)
        return GL_PERSON_PUBLIC;
    if (strcmp(category, "on_record") == 0)
        return GL_PERSON_ON_RECORD;
    if (strcmp(category, "unlisted") == 0)
        return GL_PERSON_UNLISTED;
    return GL_PERSON_OTHER;
}

const char *gl_view_person_label(int kind, int plural)
{
    switch (kind) {
    case GL_PERSON_PSEUDONYM: return plural ? "pseudonyms" : "pseudonym";
    case GL_PERSON_PUBLIC: return plural ? "public figures" : "public figure";
    case GL_PERSON_ON_RECORD: return "on record";
    case GL_PERSON_UNLISTED: return "unlisted";
    default: return "other";
    }
}

const char *gl_view_person_category(int kind)
{
    static const char *const names[] = {"pseudonym", "public_figure", "on_record", "unlisted",
                                        "other"};
    return kind >= 0 && kind < GL_PERSON_KINDS ? names[kind] : "other";
}

int gl_view_row_set(gl_view_row *r, const gl_view *v, const char *path)
{
    memset(r, 0, sizeof *r);
    if (!(r->path = gl_strdup(path)))
        return GALLEY_ENOMEM;
    r->failed = v->error != NULL;
    r->fails_gate = v->fails_gate;
    r->blocks = v->blocks;
    r->errors = v->errors;
    r->warnings = v->warnings;
    r->has_boilerplate = v->has_boilerplate;
    r->boilerplate_ratio =
        v->block_bytes ? (double)v->boilerplate_bytes / (double)v->block_bytes : 0.0;
    r->has_sentiment = v->has_sentiment;
    r->sentiment = v->sentiment;
    r->section_p = v->section_p;
    if (v->section)
        gl_strlcpy(r->section, sizeof r->section, v->section);
    return 0;
}

void gl_view_row_free(gl_view_row *r)
{
    gl_free(r->path);
    r->path = NULL;
}

static double number_member(const json_t *object, const char *name, double fallback)
{
    const json_t *v = json_object_get(object, name);
    if (!json_is_number(v) || !isfinite(json_number_value(v)))
        return fallback;
    return json_number_value(v);
}

/* The results the view shows itself, found by the conventional member names. */
static void find_results(const json_t *results, gl_view *v)
{
    const char *step;
    json_t *res;
    json_object_foreach((json_t *)results, step, res) {
        if (!json_is_object(res))
            continue;
        if (!v->section_step && json_is_string(json_object_get(res, "label")) &&
            json_is_number(json_object_get(res, "p"))) {
            v->section_step = step;
            v->section = json_string_value(json_object_get(res, "label"));
            v->section_p = number_member(res, "p", -1);
        } else if (!v->sentiment_step && json_is_number(json_object_get(res, "score")) &&
                   json_is_string(json_object_get(res, "polarity"))) {
            v->sentiment_step = step;
            v->has_sentiment = 1;
            v->sentiment = number_member(res, "score", 0);
            v->polarity = json_string_value(json_object_get(res, "polarity"));
            /* The tone label: "tone" when it is a label, else "tone_label" (tone holds the
             * dimensions). */
            v->tone = json_string_value(json_object_get(res, "tone"));
            if (!v->tone)
                v->tone = json_string_value(json_object_get(res, "tone_label"));
        } else if (!v->persons_step && json_is_array(json_object_get(res, "persons"))) {
            v->persons_step = step;
            v->persons = json_object_get(res, "persons");
        }
    }
}

/*
 * The section of the story from its content blocks when no step gave one:
 * the label covering the most bytes, with the mean p of those blocks.
 */
static void section_from_blocks(const json_t *blocks, gl_view *v)
{
    const char *labels[16];
    double bytes[16] = {0}, p_sum[16] = {0};
    size_t p_count[16] = {0}, count = 0;
    size_t i;
    json_t *b;
    json_array_foreach(blocks, i, b) {
        const char *label = gl_view_attr_string(b, "section");
        if (!label || gl_view_is_boilerplate(b))
            continue;
        size_t k = 0;
        while (k < count && strcmp(labels[k], label) != 0)
            k++;
        if (k == count) {
            if (count == 16)
                continue;
            labels[count++] = label;
        }
        bytes[k] += number_member(b, "end", 0) - number_member(b, "start", 0);
        double p = gl_view_attr_number(b, "section_p", -1);
        if (p >= 0) {
            p_sum[k] += p;
            p_count[k]++;
        }
    }
    size_t best = 0;
    for (size_t k = 1; k < count; k++)
        if (bytes[k] > bytes[best])
            best = k;
    if (count) {
        v->section = labels[best];
        v->section_p = p_count[best] ? p_sum[best] / (double)p_count[best] : -1;
    }
}

/*
 * The sentiment of the story from its content blocks when no step gave one:
 * the mean of their scores weighted by length, and the most frequent tone
 * other than neutral.
 */
static void sentiment_from_blocks(const json_t *blocks, gl_view *v)
{
    double sum = 0, weight = 0;
    const char *tones[16];
    size_t tone_count[16] = {0}, count = 0;
    size_t i;
    json_t *b;
    json_array_foreach(blocks, i, b) {
        if (gl_view_is_boilerplate(b))
            continue;
        const json_t *s = gl_view_attr(b, "sentiment");
        if (json_is_number(s) && isfinite(json_number_value(s))) {
            double w = number_member(b, "end", 0) - number_member(b, "start", 0);
            if (w < 1)
                w = 1;
            sum += w * json_number_value(s);
            weight += w;
        }
        const char *tone = gl_view_attr_string(b, "tone");
        if (tone && strcmp(tone, "neutral") != 0) {
            size_t k = 0;
            while (k < count && strcmp(tones[k], tone) != 0)
                k++;
            if (k == count && count < 16)
                tones[count++] = tone;
            if (k < count)
                tone_count[k]++;
        }
    }
    if (weight > 0) {
        v->has_sentiment = 1;
        v->sentiment = sum / weight;
        v->polarity = v->sentiment > 0.1    ? "positive"
                      : v->sentiment < -0.1 ? "negative"
                                            : "neutral";
    }
    size_t best = 0;
    for (size_t k = 1; k < count; k++)
        if (tone_count[k] > tone_count[best])
            best = k;
    if (count)
        v->tone = tones[best];
    else if (v->has_sentiment)
        v->tone = "neutral";
}

void gl_view_document(const json_t *doc, int fail_on, gl_view *v)
{
    memset(v, 0, sizeof *v);
    v->section_p = -1;
    v->path = json_string_value(json_object_get(doc, "path"));
    if (!v->path)
        v->path = "-";
    v->error = json_object_get(doc, "error");
    if (v->error)
        return;
    const json_t *blocks = json_object_get(doc, "blocks");
    v->blocks = json_array_size(blocks);
    size_t i;
    json_t *b;
    json_array_foreach(blocks, i, b) {
        double start = number_member(b, "start", 0), end = number_member(b, "end", 0);
        unsigned long long n = end > start ? (unsigned long long)(end - start) : 0;
        v->block_bytes += n;
        const json_t *bp = gl_view_attr(b, "boilerplate");
        if (json_is_boolean(bp)) {
            v->has_boilerplate = 1;
            if (json_is_true(bp)) {
                v->boilerplate_blocks++;
                v->boilerplate_bytes += n;
            }
        }
    }
    find_results(json_object_get(doc, "results"), v);
    if (!v->section)
        section_from_blocks(blocks, v);
    if (!v->has_sentiment)
        sentiment_from_blocks(blocks, v);
    json_t *person;
    json_array_foreach(v->persons, i, person)
        v->person_counts[gl_view_person_kind(
            json_string_value(json_object_get(person, "category")))]++;
    json_t *f;
    json_array_foreach(json_object_get(doc, "findings"), i, f) {
        const char *sev = json_string_value(json_object_get(f, "severity"));
        v->findings++;
        if (sev && strcmp(sev, "error") == 0)
            v->errors++;
        else if (sev && strcmp(sev, "warning") == 0)
            v->warnings++;
        else
            v->infos++;
    }
    v->fails_gate = fail_on == GALLEY_ERROR     ? v->errors > 0
                    : fail_on == GALLEY_WARNING ? v->errors + v->warnings > 0
                                                : 0;
}

int gl_view_shows_step(const gl_view *v, const char *step)
{
    return (v->section_step && strcmp(v->section_step, step) == 0) ||
           (v->sentiment_step && strcmp(v->sentiment_step, step) == 0) ||
           (v->persons_step && strcmp(v->persons_step, step) == 0);
}

int gl_view_step_declares(const galley_report *r, const char *step_id, const char *attribute)
{
    const galley_pipeline *p = gl_report_pipeline(r);
    for (size_t i = 0; p && i < p->step_count; i++) {
        if (strcmp(p->steps[i].id, step_id) != 0)
            continue;
        const galley_field *f = p->steps[i].lib->desc.attributes;
        for (; f && f->name; f++)
            if (strcmp(f->name, attribute) == 0)
                return 1;
        return 0;
    }
    return 0;
}

int gl_view_text(const json_t *doc, const char **text, size_t *length, char **owned, char *why,
                 size_t why_size)
{
    *text = NULL;
    *length = 0;
    *owned = NULL;
    json_int_t bytes = json_integer_value(json_object_get(doc, "bytes"));
    const json_t *member = json_object_get(doc, "text");
    if (json_is_string(member)) {
        if ((json_int_t)json_string_length(member) != bytes) {
            snprintf(why, why_size, "the report's text does not match its length");
            return -1;
        }
        *text = json_string_value(member);
        *length = json_string_length(member);
        return 0;
    }
    const char *path = json_string_value(json_object_get(doc, "path"));
    if (!path || strcmp(path, "-") == 0) {
        snprintf(why, why_size, "the text of standard input was not kept");
        return -1;
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (json_int_t)st.st_size != bytes) {
        snprintf(why, why_size, "the file changed after it was analysed");
        return -1;
    }
    char *data = NULL;
    size_t n = 0;
    galley_error err;
    /* One byte over the analysed length is enough to see that a pipe or device gave more. */
    if (gl_read_file(path, (size_t)bytes + 1, &data, &n, &err) != 0) {
        snprintf(why, why_size, "the article cannot be read again: %s", err.text);
        return -1;
    }
    if ((json_int_t)n != bytes) {
        gl_free(data);
        snprintf(why, why_size, "the file changed after it was analysed");
        return -1;
    }
    *text = *owned = data;
    *length = n;
    return 0;
}
