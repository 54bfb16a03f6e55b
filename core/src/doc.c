/*
 * doc.c -- one document as the plugins see it: the text layer's blocks,
 * sentences and tokens, the attribute table, per-step results and findings.
 *
 * A document belongs to one thread.  The pipeline it points to is shared and
 * read-only.  Writes are checked against what the running step's plugin
 * declared, so that a plugin cannot quietly set another plugin's attribute or
 * write outside its scope.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pipeline.h"

/* ---- a small arena for strings that live as long as the document -------- */

struct gl_chunk {
    gl_chunk *next;
    size_t used, size;
    char data[];
};

static const char *doc_strdup(galley_doc *doc, const char *s, size_t n)
{
    gl_chunk *c = doc->chunks;
    if (!c || c->size - c->used < n + 1) {
        size_t size = n + 1 > 4000 ? n + 1 : 4000;
        gl_chunk *fresh = gl_malloc(sizeof *fresh + size);
        if (!fresh)
            return NULL;
        fresh->next = doc->chunks;
        fresh->used = 0;
        fresh->size = size;
        doc->chunks = c = fresh;
    }
    char *out = c->data + c->used;
    memcpy(out, s, n);
    out[n] = '\0';
    c->used += n + 1;
    return out;
}

/* ---- life cycle --------------------------------------------------------- */

int gl_doc_init(galley_doc *doc, const galley_pipeline *p, const char *path, const char *bytes,
                size_t length, const json_t *meta, galley_error *err)
{
    memset(doc, 0, sizeof *doc);
    doc->pipeline = p;
    doc->path = path;
    doc->meta = meta ? meta : p->empty_meta;
    int rc = gl_text_analyse(&doc->text, bytes, length, path, err);
    if (rc != 0)
        return rc;
    size_t blocks = doc->text.block_count;
    doc->in_scope = gl_calloc(blocks ? blocks : 1, 1);
    doc->values = gl_calloc(blocks && p->attr_count ? blocks * p->attr_count : 1,
                            sizeof *doc->values);
    doc->results = json_object();
    if (!doc->in_scope || !doc->values || !doc->results) {
        gl_doc_free(doc);
        return gl_error_at(err, GALLEY_ENOMEM, path, 0, 0, -1, "out of memory");
    }
    return 0;
}

void gl_doc_free(galley_doc *doc)
{
    gl_text_free(&doc->text);
    gl_free(doc->in_scope);
    gl_free(doc->values);
    json_decref(doc->results);
    gl_doc_free_written(doc);
    gl_free(doc->findings);
    while (doc->chunks) {
        gl_chunk *next = doc->chunks->next;
        gl_free(doc->chunks);
        doc->chunks = next;
    }
    memset(doc, 0, sizeof *doc);
}

static int value_matches(const gl_value *v, const json_t *want)
{
    if (!v->set)
        return 0;
    switch (v->type) {
    case GALLEY_TYPE_BOOL:
        return json_is_boolean(want) && (v->u.boolean != 0) == json_is_true(want);
    case GALLEY_TYPE_STRING:
        if (json_is_string(want))
            return strcmp(v->u.string, json_string_value(want)) == 0;
        if (json_is_array(want)) {
            size_t i;
            json_t *item;
            json_array_foreach(want, i, item)
                if (json_is_string(item) && strcmp(v->u.string, json_string_value(item)) == 0)
                    return 1;
        }
        return 0;
    case GALLEY_TYPE_NUMBER:
        return json_is_number(want) && v->u.number == json_number_value(want);
    default:
        return 0;
    }
}

int gl_doc_begin_step(galley_doc *doc, size_t s)
{
    const galley_pipeline *p = doc->pipeline;
    const gl_step *step = &p->steps[s];
    doc->step = s;
    doc->scope_count = 0;
    for (size_t b = 0; b < doc->text.block_count; b++) {
        int in = 1;
        for (size_t c = 0; c < step->scope_count && in; c++) {
            const gl_value *v = &doc->values[b * p->attr_count + step->scope[c].attr];
            in = value_matches(v, step->scope[c].value);
        }
        doc->in_scope[b] = (unsigned char)in;
        doc->scope_count += (size_t)in;
    }
    memset(doc->set_name, 0, sizeof doc->set_name); /* another step's attributes */
    json_t *result = json_object();
    if (!result || json_object_set_new(doc->results, step->id, result) != 0)
        return GALLEY_ENOMEM;
    return 0;
}

/* ---- reading the document ----------------------------------------------- */

GALLEY_API const char *galley_doc_text(const galley_doc *doc, size_t *length)
{
    if (length)
        *length = doc->text.length;
    return doc->text.bytes;
}

GALLEY_API const char *galley_doc_path(const galley_doc *doc) { return doc->path; }

GALLEY_API size_t galley_doc_block_count(const galley_doc *doc) { return doc->text.block_count; }

GALLEY_API const galley_block *galley_doc_blocks(const galley_doc *doc) { return doc->text.blocks; }

GALLEY_API size_t galley_doc_sentence_count(const galley_doc *doc)
{
    return doc->text.sentence_count;
}

GALLEY_API const galley_sentence *galley_doc_sentences(const galley_doc *doc)
{
    return doc->text.sentences;
}

GALLEY_API size_t galley_doc_token_count(const galley_doc *doc) { return doc->text.token_count; }

GALLEY_API const galley_token *galley_doc_tokens(const galley_doc *doc) { return doc->text.tokens; }

GALLEY_API void galley_doc_line_column(const galley_doc *doc, size_t offset, int *line, int *column)
{
    gl_text_line_column(&doc->text, offset, line, column);
}

GALLEY_API const json_t *galley_doc_meta(const galley_doc *doc) { return doc->meta; }

GALLEY_API int galley_doc_in_scope(const galley_doc *doc, size_t block)
{
    return block < doc->text.block_count && doc->in_scope[block];
}

GALLEY_API size_t galley_doc_scope_count(const galley_doc *doc) { return doc->scope_count; }

/* ---- attributes --------------------------------------------------------- */

/* The attribute slot a step may write, or NULL when its plugin did not declare it. */
static gl_value *writable(galley_doc *doc, size_t block, const char *name, int type, int *status)
{
    const galley_pipeline *p = doc->pipeline;
    const gl_step *step = &p->steps[doc->step];
    if (block >= doc->text.block_count || !name) {
        *status = GALLEY_EUSAGE;
        return NULL;
    }
    for (size_t i = 0; i < step->attr_count; i++) {
        const gl_attr *a = &p->attrs[step->attrs[i]];
        /* A plugin nearly always passes the very string it declared. */
        if (a->name != name && strcmp(a->name, name) != 0)
            continue;
        if (a->type != type) {
            *status = GALLEY_EUSAGE;
            return NULL;
        }
        if (!doc->in_scope[block]) {
            *status = GALLEY_ESCOPE;
            return NULL;
        }
        if (a->name == name) {
            doc->set_name[type] = name;
            doc->set_attr[type] = step->attrs[i];
        }
        return &doc->values[block * p->attr_count + step->attrs[i]];
    }
    *status = GALLEY_EUSAGE;
    return NULL;
}

/*
 * The slot of the attribute the running step last set by the same declared
 * name and type, when the block is one it may write; NULL sends the caller
 * to writable(), which also says why a write is refused.
 */
static inline gl_value *last_set(galley_doc *doc, size_t block, const char *name, int type)
{
    if (!name || name != doc->set_name[type] || block >= doc->text.block_count ||
        !doc->in_scope[block])
        return NULL;
    return &doc->values[block * doc->pipeline->attr_count + doc->set_attr[type]];
}

static const gl_value *readable(const galley_doc *doc, size_t block, const char *name, int type)
{
    const galley_pipeline *p = doc->pipeline;
    if (block >= doc->text.block_count || !name)
        return NULL;
    for (size_t i = 0; i < p->attr_count; i++) {
        if (p->attrs[i].name != name && strcmp(p->attrs[i].name, name) != 0)
            continue;
        const gl_value *v = &doc->values[block * p->attr_count + i];
        return v->set && v->type == type ? v : NULL;
    }
    return NULL;
}

GALLEY_API int galley_doc_set_bool(galley_doc *doc, size_t block, const char *name, int value)
{
    int status = 0;
    gl_value *v = last_set(doc, block, name, GALLEY_TYPE_BOOL);
    if (!v && !(v = writable(doc, block, name, GALLEY_TYPE_BOOL, &status)))
        return status;
    v->set = 1;
    v->type = GALLEY_TYPE_BOOL;
    v->u.boolean = value != 0;
    return 0;
}

GALLEY_API int galley_doc_set_number(galley_doc *doc, size_t block, const char *name, double value)
{
    if (!isfinite(value))
        return GALLEY_EUSAGE;
    int status = 0;
    gl_value *v = last_set(doc, block, name, GALLEY_TYPE_NUMBER);
    if (!v && !(v = writable(doc, block, name, GALLEY_TYPE_NUMBER, &status)))
        return status;
    v->set = 1;
    v->type = GALLEY_TYPE_NUMBER;
    v->u.number = value;
    return 0;
}

GALLEY_API int galley_doc_set_string(galley_doc *doc, size_t block, const char *name,
                                     const char *value)
{
    if (!value)
        return GALLEY_EUSAGE;
    int status = 0;
    gl_value *v = last_set(doc, block, name, GALLEY_TYPE_STRING);
    if (!v && !(v = writable(doc, block, name, GALLEY_TYPE_STRING, &status)))
        return status;
    const char *copy = doc_strdup(doc, value, strlen(value));
    if (!copy)
        return GALLEY_ENOMEM;
    v->set = 1;
    v->type = GALLEY_TYPE_STRING;
    v->u.string = copy;
    return 0;
}

GALLEY_API int galley_doc_get_bool(const galley_doc *doc, size_t block, const char *name, int *out)
{
    const gl_value *v = readable(doc, block, name, GALLEY_TYPE_BOOL);
    if (!v)
        return 0;
    if (out)
        *out = v->u.boolean;
    return 1;
}

GALLEY_API int galley_doc_get_number(const galley_doc *doc, size_t block, const char *name,
                                     double *out)
{
    const gl_value *v = readable(doc, block, name, GALLEY_TYPE_NUMBER);
    if (!v)
        return 0;
    if (out)
        *out = v->u.number;
    return 1;
}

GALLEY_API int galley_doc_get_string(const galley_doc *doc, size_t block, const char *name,
                                     const char **out)
{
    const gl_value *v = readable(doc, block, name, GALLEY_TYPE_STRING);
    if (!v)
        return 0;
    if (out)
        *out = v->u.string;
    return 1;
}

/* ---- results and findings ----------------------------------------------- */

GALLEY_API json_t *galley_doc_result(galley_doc *doc)
{
    return json_object_get(doc->results, doc->pipeline->steps[doc->step].id);
}

GALLEY_API const json_t *galley_doc_step_result(const galley_doc *doc, const char *step_id)
{
    if (!step_id)
        return NULL;
    if (doc->written)
        for (size_t s = 0; s < doc->pipeline->step_count; s++)
            if (doc->written[s].text && strcmp(doc->pipeline->steps[s].id, step_id) == 0)
                return gl_doc_written_tree(doc, s);
    return json_object_get(doc->results, step_id);
}

/* The length of the well-formed UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
    size_t len = s[0] < 0x80                    ? 1
                 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
                 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                                : 0;
    if (len == 0 || len > n)
        return 0;
    unsigned long cp = len == 1 ? s[0] : s[0] & (0x7F >> len);
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    static const unsigned long least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* The end of the run of ASCII bytes at s[i]: most text is ASCII, eight bytes a step. */
static inline size_t ascii_run(const char *s, size_t i, size_t n)
{
    uint64_t w;
    while (i + 8 <= n && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ull) == 0))
        i += 8;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

/*
 * Makes a message valid UTF-8 in place: a character cut off at the end (the
 * message was longer than its buffer) is dropped, and any other byte that is
 * not part of a character becomes '?'.  The report is JSON, which cannot hold
 * anything else, and one bad byte from a plugin must not lose the document.
 * Returns the message's length.
 */
static size_t utf8_repair(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i = ascii_run(s, i, n);
            continue;
        }
        size_t len = utf8_sequence((const unsigned char *)s + i, n - i);
        if (len) {
            i += len;
            continue;
        }
        size_t rest = 1;
        while (i + rest < n && ((unsigned char)s[i + rest] & 0xC0) == 0x80)
            rest++;
        if (i + rest == n && (unsigned char)s[i] >= 0xC2) { /* cut short at the end */
            s[i] = '\0';
            return i;
        }
        s[i++] = '?';
    }
    return n;
}

GALLEY_API int galley_doc_add_findingv(galley_doc *doc, const char *rule, galley_severity severity,
                                       size_t start, size_t end, const char *fmt, va_list ap)
{
    if (!rule || !fmt || start > end || end > doc->text.length ||
        (severity != GALLEY_INFO && severity != GALLEY_WARNING && severity != GALLEY_ERROR))
        return GALLEY_EUSAGE;
    size_t b = gl_text_block_at(&doc->text, start);
    /* A finding on the whole document (start == end == 0) is always allowed. */
    if (!(start == 0 && end == 0) && (b == (size_t)-1 || !doc->in_scope[b]))
        return GALLEY_ESCOPE;
    char message[1024];
    vsnprintf(message, sizeof message, fmt, ap);
    size_t length = utf8_repair(message);
    if (gl_reserve((void **)&doc->findings, &doc->finding_cap, doc->finding_count + 1,
                   sizeof *doc->findings) != 0)
        return GALLEY_ENOMEM;
    gl_finding *f = &doc->findings[doc->finding_count];
    f->step = doc->step;
    f->severity = (int)severity;
    f->start = (uint32_t)start;
    f->end = (uint32_t)end;
    f->rule = doc_strdup(doc, rule, strlen(rule));
    f->message = doc_strdup(doc, message, length);
    if (!f->rule || !f->message)
        return GALLEY_ENOMEM;
    doc->finding_count++;
    return 0;
}

GALLEY_API int galley_doc_add_finding(galley_doc *doc, const char *rule, galley_severity severity,
                                      size_t start, size_t end, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = galley_doc_add_findingv(doc, rule, severity, start, end, fmt, ap);
    va_end(ap);
    return rc;
}

/* ---- the document's report ---------------------------------------------- */

static const char *severity_name(int s)
{
    return s == GALLEY_ERROR ? "error" : s == GALLEY_WARNING ? "warning" : "info";
}

static int compare_findings(const void *pa, const void *pb)
{
    const gl_finding *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->step != b->step)
        return a->step < b->step ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return strcmp(a->rule, b->rule);
}

/* The text a finding covers, cut at 200 bytes on a character boundary. */
static json_t *span_text(const galley_doc *doc, const gl_finding *f)
{
    char *s = gl_utf8_prefix(doc->text.bytes + f->start, f->end - f->start, 200);
    json_t *j = s ? json_string(s) : NULL;
    gl_free(s);
    return j ? j : json_string("");
}

/* A finding with its place in lines, columns and characters, as the report gives it. */
typedef struct placed {
    int line, column, end_line, end_column;
    size_t char_start, char_end;
} placed;

/* The findings in the report's order: a sorted copy (gl_free it); NULL when none, or no memory. */
static gl_finding *sorted_findings(const galley_doc *doc)
{
    if (!doc->finding_count)
        return NULL;
    gl_finding *sorted = gl_malloc(doc->finding_count * sizeof *sorted);
    if (sorted) {
        memcpy(sorted, doc->findings, doc->finding_count * sizeof *sorted);
        qsort(sorted, doc->finding_count, sizeof *sorted, compare_findings);
    }
    return sorted;
}

/*
 * Places a finding.  Character offsets (code points from the start of the
 * text, BOM included as the file has it) are counted in one pass over the
 * sorted findings (*bytes and *chars carry the count from one to the next),
 * so that formats which locate by character, such as SARIF, need not reread
 * the article.
 */
static void place(const gl_text *t, const gl_finding *f, size_t *bytes, size_t *chars, placed *p)
{
    gl_text_line_column(t, f->start, &p->line, &p->column);
    gl_text_line_column(t, f->end, &p->end_line, &p->end_column);
    *chars += gl_utf8_count(t->bytes + *bytes, f->start - *bytes);
    *bytes = f->start;
    p->char_start = *chars;
    p->char_end = *chars + gl_utf8_count(t->bytes + f->start, f->end - f->start);
}

/* The results of every step, those written as text parsed (a new reference), or NULL. */
static json_t *report_results(const galley_doc *doc)
{
    if (!doc->written)
        return json_incref(doc->results);
    json_t *all = json_object();
    for (size_t s = 0; all && s < doc->pipeline->step_count; s++) {
        const char *id = doc->pipeline->steps[s].id;
        json_t *r = doc->written[s].text ? (json_t *)gl_doc_written_tree(doc, s)
                                         : json_object_get(doc->results, id);
        if (!r || json_object_set(all, id, r) != 0) {
            json_decref(all);
            return NULL;
        }
    }
    return all;
}

json_t *gl_doc_report(const galley_doc *doc)
{
    const galley_pipeline *p = doc->pipeline;
    const gl_text *t = &doc->text;
    json_t *blocks = json_array();
    json_t *findings = json_array();
    if (!blocks || !findings)
        goto fail;
    for (size_t b = 0; b < t->block_count; b++) {
        const galley_block *bl = &t->blocks[b];
        /* Built member by member: json_pack's format parsing cost more than the
           block's own members in a long article. */
        json_t *jb = json_object();
        /* Once appended, jb belongs to blocks; every value set below is owned
           by jb even when setting it fails. */
        if (!jb || json_array_append_new(blocks, jb) != 0 ||
            json_object_set_new_nocheck(jb, "index", json_integer((json_int_t)b)) != 0 ||
            json_object_set_new_nocheck(jb, "line", json_integer((json_int_t)bl->line)) != 0 ||
            json_object_set_new_nocheck(jb, "start", json_integer((json_int_t)bl->start)) != 0 ||
            json_object_set_new_nocheck(jb, "end", json_integer((json_int_t)bl->end)) != 0 ||
            json_object_set_new_nocheck(jb, "attrs", json_object()) != 0)
            goto fail;
        json_t *attrs = json_object_get(jb, "attrs");
        for (size_t a = 0; a < p->attr_count; a++) {
            const gl_value *v = &doc->values[b * p->attr_count + a];
            if (!v->set)
                continue;
            json_t *jv = v->type == GALLEY_TYPE_BOOL     ? json_boolean(v->u.boolean)
                         : v->type == GALLEY_TYPE_NUMBER ? gl_json_number(v->u.number)
                                                         : json_string(v->u.string);
            if (!jv || json_object_set_new_nocheck(attrs, p->attrs[a].name, jv) != 0)
                goto fail;
        }
    }
    gl_finding *sorted = sorted_findings(doc);
    if (doc->finding_count && !sorted)
        goto fail;
    size_t counted_bytes = 0, counted_chars = 0;
    for (size_t i = 0; i < doc->finding_count; i++) {
        const gl_finding *f = &sorted[i];
        placed at;
        place(t, f, &counted_bytes, &counted_chars, &at);
        /* Member by member, as the blocks above: json_pack parsed its format
           once per finding, and a page full of names has many.  The _new
           setters take their value even when they fail. */
        json_t *jf = json_object();
        if (!jf || json_array_append_new(findings, jf) != 0 ||
            json_object_set_new_nocheck(jf, "step", json_string(p->steps[f->step].id)) != 0 ||
            json_object_set_new_nocheck(jf, "rule", json_string(f->rule)) != 0 ||
            json_object_set_new_nocheck(jf, "severity",
                                        json_string_nocheck(severity_name(f->severity))) != 0 ||
            json_object_set_new_nocheck(jf, "start", json_integer((json_int_t)f->start)) != 0 ||
            json_object_set_new_nocheck(jf, "end", json_integer((json_int_t)f->end)) != 0 ||
            json_object_set_new_nocheck(jf, "line", json_integer(at.line)) != 0 ||
            json_object_set_new_nocheck(jf, "column", json_integer(at.column)) != 0 ||
            json_object_set_new_nocheck(jf, "end_line", json_integer(at.end_line)) != 0 ||
            json_object_set_new_nocheck(jf, "end_column", json_integer(at.end_column)) != 0 ||
            json_object_set_new_nocheck(jf, "char_start",
                                        json_integer((json_int_t)at.char_start)) != 0 ||
            json_object_set_new_nocheck(jf, "char_end", json_integer((json_int_t)at.char_end)) !=
                0 ||
            json_object_set_new_nocheck(jf, "text", span_text(doc, f)) != 0 ||
            json_object_set_new_nocheck(jf, "message", json_string(f->message)) != 0) {
            gl_free(sorted); /* jf, once appended, is freed with findings */
            goto fail;
        }
    }
    gl_free(sorted);
    json_t *results = report_results(doc);
    if (!results)
        goto fail;
    /* "o" hands blocks, results and findings over to the new object, even when packing
       fails. */
    return json_pack("{s:s, s:I, s:I, s:I, s:I, s:o, s:o, s:o}", "path", doc->path, "bytes",
                     (json_int_t)t->length, "lines", (json_int_t)t->line_count, "sentences",
                     (json_int_t)t->sentence_count, "tokens", (json_int_t)t->token_count, "blocks",
                     blocks, "results", results, "findings", findings);
fail:
    json_decref(blocks);
    json_decref(findings);
    return NULL;
}

int gl_utf8_valid(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i = ascii_run(s, i, n);
            continue;
        }
        size_t len = utf8_sequence((const unsigned char *)s + i, n - i);
        if (!len)
            return 0;
        i += len;
    }
    return 1;
}

json_t *gl_json_string_lossy(const char *s)
{
    size_t n = strlen(s);
    if (gl_utf8_valid(s, n))
        return json_stringn(s, n);
    gl_buf b = GL_BUF_INIT;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_sequence((const unsigned char *)s + i, n - i);
        if (gl_buf_add(&b, len ? s + i : "\xEF\xBF\xBD", len ? len : 3) != 0) {
            gl_buf_free(&b);
            return NULL;
        }
        i += len ? len : 1;
    }
    json_t *j = json_stringn(b.data, b.len);
    gl_buf_free(&b);
    return j;
}

/*
 * The report is written in pieces into room made ahead: room() makes it for
 * a run of pieces whose longest length is known, and the pieces after it are
 * copied at a cursor (o) without a check each; out->len catches up with the
 * cursor before anything else writes to out.  No NUL is kept after every
 * piece: gl_doc_dump writes it once, at the end.
 */
static inline int room(gl_buf *out, size_t n)
{
    return out->len + n < out->cap ? 0 : gl_buf_grow(out, n);
}

/* Copies a literal piece of JSON (text without escapes) at o; returns the end. */
static inline char *lit(char *o, const char *s)
{
    size_t n = strlen(s); /* a literal's length, known when compiling */
    memcpy(o, s, n);      // NOLINT(bugprone-not-null-terminated-result): a piece, not a string
    return o + n;
}

/* A literal piece (a member's name, with its comma) and an integer after it, at o. */
static inline char *int_member(char *o, const char *name, long long v)
{
    return gl_json_write_integer(lit(o, name), v);
}

/* Appends a literal piece of JSON, making room for it. */
static inline int raw(gl_buf *out, const char *s)
{
    size_t n = strlen(s); /* a literal's length, known when compiling */
    if (room(out, n) != 0)
        return -1;
    memcpy(out->data + out->len, s, n);
    out->len += n;
    return 0;
}

/* Appends a string value, or sets *bad when the report cannot hold it. */
static int string_value(gl_buf *out, const char *s, int *bad)
{
    int rc = gl_json_put_text(out, s, strlen(s));
    if (rc == 1) {
        *bad = 1;
        return 0;
    }
    return rc;
}

/* Appends a member and a string value. */
static int string_member(gl_buf *out, const char *name, const char *s, int *bad)
{
    if (raw(out, name) != 0)
        return -1;
    return string_value(out, s, bad);
}

/* The longest a block's place is written: its members up to "attrs". */
#define BLOCK_ROOM                                                                                 \
    (sizeof ",{\"index\":,\"line\":,\"start\":,\"end\":,\"attrs\":{" + 4 * GL_INTEGER_ROOM)

/* One block: its place and the attributes set on it, in the pipeline's order. */
static int dump_block(const galley_doc *doc, size_t b, int precision, gl_buf *out, int *bad)
{
    const galley_pipeline *p = doc->pipeline;
    const galley_block *bl = &doc->text.blocks[b];
    if (room(out, BLOCK_ROOM) != 0)
        return -1;
    char *o = out->data + out->len;
    if (b)
        *o++ = ',';
    o = int_member(o, "{\"index\":", (long long)b);
    o = int_member(o, ",\"line\":", (long long)bl->line);
    o = int_member(o, ",\"start\":", (long long)bl->start);
    o = int_member(o, ",\"end\":", (long long)bl->end);
    o = lit(o, ",\"attrs\":{");
    out->len = (size_t)(o - out->data);
    const gl_value *v = &doc->values[b * p->attr_count];
    int first = 1;
    for (size_t a = 0; a < p->attr_count; a++, v++) {
        if (!v->set)
            continue;
        const gl_attr *at = &p->attrs[a];
        size_t n = at->name_length;
        if (room(out, n + sizeof at->member + sizeof "false") != 0)
            return -1;
        o = out->data + out->len;
        if (at->member[0]) {
            /* ,"name": or "name": and NULs after it, in one copy of a known size;
               the NULs are written over */
            memcpy(o, at->member + first, sizeof at->member - 1);
            o += n + 4 - (size_t)first;
        } else {
            if (!first)
                *o++ = ',';
            *o++ = '"';
            memcpy(o, at->name, n);
            o = lit(o + n, "\":");
        }
        first = 0;
        if (v->type == GALLEY_TYPE_BOOL) {
            o = v->u.boolean ? lit(o, "true") : lit(o, "false");
            out->len = (size_t)(o - out->data);
            continue;
        }
        out->len = (size_t)(o - out->data);
        if ((v->type == GALLEY_TYPE_NUMBER ? gl_json_put_number(out, v->u.number, precision)
                                           : string_value(out, v->u.string, bad)) != 0)
            return -1;
    }
    return raw(out, "}}");
}

/* The longest a finding's members from "severity" to "text" are written. */
#define FINDING_ROOM                                                                               \
    (sizeof ",\"severity\":\"warning\",\"start\":,\"end\":,\"line\":,\"column\":,\"end_line\":,"   \
            "\"end_column\":,\"char_start\":,\"char_end\":,\"text\":" +                            \
     8 * GL_INTEGER_ROOM)

/* One finding, placed. */
static int dump_finding(const galley_doc *doc, const gl_finding *f, const placed *at, int first,
                        gl_buf *out, int *bad)
{
    const gl_text *t = &doc->text;
    if (string_member(out, first ? "{\"step\":" : ",{\"step\":", doc->pipeline->steps[f->step].id,
                      bad) != 0 ||
        string_member(out, ",\"rule\":", f->rule, bad) != 0 || room(out, FINDING_ROOM) != 0)
        return -1;
    const char *severity = severity_name(f->severity);
    char *o = lit(out->data + out->len, ",\"severity\":\"");
    size_t n = strlen(severity);
    memcpy(o, severity, n); // NOLINT(bugprone-not-null-terminated-result): a piece of the line
    o = lit(o + n, "\",\"start\":");
    o = gl_json_write_integer(o, (long long)f->start);
    o = int_member(o, ",\"end\":", (long long)f->end);
    o = int_member(o, ",\"line\":", at->line);
    o = int_member(o, ",\"column\":", at->column);
    o = int_member(o, ",\"end_line\":", at->end_line);
    o = int_member(o, ",\"end_column\":", at->end_column);
    o = int_member(o, ",\"char_start\":", (long long)at->char_start);
    o = int_member(o, ",\"char_end\":", (long long)at->char_end);
    o = lit(o, ",\"text\":");
    out->len = (size_t)(o - out->data);
    /* the span as span_text gives it: "" when jansson would not take it */
    char *span = gl_utf8_prefix(t->bytes + f->start, f->end - f->start, 200);
    int span_bad = 0;
    size_t mark = out->len;
    int rc = span ? string_value(out, span, &span_bad) : 0;
    gl_free(span);
    if (rc != 0)
        return -1;
    if (!span || span_bad) {
        out->len = mark;
        if (raw(out, "\"\"") != 0)
            return -1;
    }
    if (string_member(out, ",\"message\":", f->message, bad) != 0)
        return -1;
    return raw(out, "}");
}

/* The results of every step: a result written as text is copied as it is. */
static int dump_results(const galley_doc *doc, int precision, gl_buf *out)
{
    size_t flags = JSON_COMPACT | JSON_REAL_PRECISION(precision);
    if (!doc->written)
        return gl_json_dump(out, doc->results, flags);
    const galley_pipeline *p = doc->pipeline;
    if (raw(out, "{") != 0)
        return -1;
    for (size_t s = 0; s < p->step_count; s++) {
        const gl_written *wr = &doc->written[s];
        if ((s && raw(out, ",") != 0) ||
            gl_json_put_string(out, p->steps[s].id, strlen(p->steps[s].id)) != 0 ||
            raw(out, ":") != 0)
            return -1;
        int rc = wr->text ? raw(out, "{") || gl_buf_add(out, wr->text, wr->length) || raw(out, "}")
                          : gl_json_dump(out, json_object_get(doc->results, p->steps[s].id), flags);
        if (rc != 0)
            return -1;
    }
    return raw(out, "}");
}

int gl_doc_dump(const galley_doc *doc, int precision, gl_buf *out)
{
    const gl_text *t = &doc->text;
    int bad = 0;
    /* room for the whole line, or most of it, at once: a block is written in
       about as many bytes as its place may take */
    if (room(out, 256 + t->block_count * BLOCK_ROOM) != 0 ||
        string_member(out, "{\"path\":", doc->path, &bad) != 0 ||
        room(out, sizeof ",\"bytes\":,\"lines\":,\"sentences\":,\"tokens\":,\"blocks\":[" +
                      4 * GL_INTEGER_ROOM) != 0)
        return -1;
    char *o = lit(out->data + out->len, ",\"bytes\":");
    o = gl_json_write_integer(o, (long long)t->length);
    o = int_member(o, ",\"lines\":", (long long)t->line_count);
    o = int_member(o, ",\"sentences\":", (long long)t->sentence_count);
    o = int_member(o, ",\"tokens\":", (long long)t->token_count);
    o = lit(o, ",\"blocks\":[");
    out->len = (size_t)(o - out->data);
    for (size_t b = 0; b < t->block_count && !bad; b++)
        if (dump_block(doc, b, precision, out, &bad) != 0)
            return -1;
    if (raw(out, "],\"results\":") != 0 || dump_results(doc, precision, out) != 0 ||
        raw(out, ",\"findings\":[") != 0)
        return -1;
    gl_finding *sorted = sorted_findings(doc);
    if (doc->finding_count && !sorted)
        return -1;
    size_t counted_bytes = 0, counted_chars = 0;
    int rc = 0;
    for (size_t i = 0; i < doc->finding_count && !bad && rc == 0; i++) {
        placed at;
        place(t, &sorted[i], &counted_bytes, &counted_chars, &at);
        rc = dump_finding(doc, &sorted[i], &at, i == 0, out, &bad);
    }
    gl_free(sorted);
    if (rc != 0 || raw(out, "]}") != 0)
        return -1;
    out->data[out->len] = '\0'; /* room() always leaves a byte for it */
    return bad ? 1 : 0;
}
