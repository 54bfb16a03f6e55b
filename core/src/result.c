/*
 * result.c -- a step's result written as JSON text (galley_result_*).
 *
 * A plugin whose result holds a member for every mention or sentence pays,
 * through galley_doc_result(), for a JSON value per member: an allocation
 * for each value and each object member, then a walk to write them out and
 * another to free them.  These calls write the members as compact JSON text
 * instead, the way the report writes them, so that the jsonl report copies
 * the text as it is.  Reports that need the result as a value (json, text,
 * html, eval, a later step's galley_doc_step_result) parse it, once.
 *
 * The text is kept in the form gl_json_dump writes for the value it parses
 * to -- compact, the same escapes, reals with GL_REAL_DIGITS digits, each
 * member name once per object -- so a report reads the same whichever way
 * it was made.  A call out of order (a value where a member name is due, a
 * name inside an array, an end with nothing open, a name given twice in one
 * object, a string that is not UTF-8, nesting deeper than GL_RESULT_DEPTH)
 * is refused, and so is every call after it; the step then fails when it
 * returns, with the first refusal as its message, since its result is not
 * what it meant to write.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pipeline.h"
#include "report.h"

#define GL_RESULT_DEPTH 64

typedef struct key_at {
    size_t offset; /* where the name's escaped text, quotes included, starts in out */
    size_t length;
} key_at;

struct gl_result_writer {
    gl_buf out;                               /* the result object's members, braces left out */
    int depth;                                /* containers open inside the result object */
    char kind[GL_RESULT_DEPTH + 1];           /* '{' or '[' at each depth; 0 is the result */
    unsigned char empty[GL_RESULT_DEPTH + 1]; /* nothing written yet in that container */
    size_t first_key[GL_RESULT_DEPTH + 1];    /* the container's first name in keys */
    int named;                                /* a member's name is written, its value is due */
    key_at *keys;                             /* names of the open objects, outermost first */
    size_t key_count, key_cap;
    int refused; /* the status of the first refused call, or 0 */
    char why[200];
};

/* Makes room for n more bytes of text; 1, or 0 when out of memory. */
static inline int room(gl_result_writer *w, size_t n)
{
    return w->out.len + n < w->out.cap || gl_buf_grow(&w->out, n) == 0;
}

static gl_result_writer *writer_of(galley_doc *doc)
{
    gl_result_writer *w = doc->writer;
    if (!w) {
        w = gl_calloc(1, sizeof *w);
        if (!w)
            return NULL;
        doc->writer = w;
    }
    if (!w->kind[0]) { /* the step's first call */
        w->kind[0] = '{';
        w->empty[0] = 1;
    }
    return w;
}

static int refuse(gl_result_writer *w, int status, const char *fmt, const char *detail)
{
    if (!w->refused) {
        w->refused = status;
        snprintf(w->why, sizeof w->why, fmt, detail);
    }
    return w->refused;
}

/* Makes room for a value at the current place: after a name in an object, after a ',' in an
   array.  Returns 0, or the refusal's status. */
static int place_value(gl_result_writer *w, const char *what)
{
    if (w->refused)
        return w->refused;
    int d = w->depth;
    if (w->kind[d] == '{') {
        if (!w->named)
            return refuse(w, GALLEY_EUSAGE,
                          "%s where a member's name is due (call galley_result_key first)", what);
        w->named = 0;
        return 0;
    }
    if (!w->empty[d]) {
        if (!room(w, 1))
            return refuse(w, GALLEY_ENOMEM, "out of memory%s", "");
        w->out.data[w->out.len++] = ',';
    }
    w->empty[d] = 0;
    return 0;
}

static int written(gl_result_writer *w, int rc)
{
    return rc != 0 ? refuse(w, GALLEY_ENOMEM, "out of memory%s", "") : 0;
}

GALLEY_API int galley_result_key(galley_doc *doc, const char *name)
{
    gl_result_writer *w = writer_of(doc);
    if (!w)
        return GALLEY_ENOMEM;
    if (w->refused)
        return w->refused;
    if (!name)
        return refuse(w, GALLEY_EUSAGE, "a member's name that is NULL%s", "");
    int d = w->depth;
    if (w->kind[d] != '{')
        return refuse(w, GALLEY_EUSAGE, "the member name \"%.80s\" inside an array", name);
    if (w->named)
        return refuse(w, GALLEY_EUSAGE,
                      "the member name \"%.80s\" where the value of the one before is due", name);
    size_t n = strlen(name);
    if (!gl_utf8_valid(name, n))
        return refuse(w, GALLEY_EUSAGE, "a member name that is not UTF-8%s", "");
    /* ',', the name escaped and ':', in room made once. */
    if (!room(w, 6 * n + 4) ||
        gl_reserve((void **)&w->keys, &w->key_cap, w->key_count + 1, sizeof *w->keys) != 0)
        return refuse(w, GALLEY_ENOMEM, "out of memory%s", "");
    char *o = w->out.data + w->out.len;
    if (!w->empty[d])
        *o++ = ',';
    size_t at = (size_t)(o - w->out.data);
    size_t length = gl_json_escape(o, name, n);
    /* Equal names are written the same way: compared as written. */
    for (size_t k = w->first_key[d]; k < w->key_count; k++)
        if (w->keys[k].length == length && memcmp(w->out.data + w->keys[k].offset, o, length) == 0)
            return refuse(w, GALLEY_EUSAGE, "the member name \"%.80s\" twice in one object", name);
    o[length] = ':';
    w->out.len = at + length + 1;
    w->keys[w->key_count++] = (key_at){at, length};
    w->empty[d] = 0;
    w->named = 1;
    return 0;
}

static int open_container(galley_doc *doc, char kind)
{
    gl_result_writer *w = writer_of(doc);
    if (!w)
        return GALLEY_ENOMEM;
    int rc = place_value(w, kind == '{' ? "an object" : "an array");
    if (rc != 0)
        return rc;
    if (w->depth == GL_RESULT_DEPTH)
        return refuse(w, GALLEY_EUSAGE, "containers nested deeper than 64%s", "");
    if (!room(w, 1))
        return refuse(w, GALLEY_ENOMEM, "out of memory%s", "");
    w->out.data[w->out.len++] = kind;
    int d = ++w->depth;
    w->kind[d] = kind;
    w->empty[d] = 1;
    w->first_key[d] = w->key_count;
    return 0;
}

GALLEY_API int galley_result_begin_object(galley_doc *doc)
{
    return open_container(doc, '{');
}

GALLEY_API int galley_result_begin_array(galley_doc *doc)
{
    return open_container(doc, '[');
}

GALLEY_API int galley_result_end(galley_doc *doc)
{
    gl_result_writer *w = writer_of(doc);
    if (!w)
        return GALLEY_ENOMEM;
    if (w->refused)
        return w->refused;
    int d = w->depth;
    if (d == 0)
        return refuse(w, GALLEY_EUSAGE, "an end with no object or array open%s", "");
    if (w->named)
        return refuse(w, GALLEY_EUSAGE, "an end where a member's value is due%s", "");
    if (!room(w, 1))
        return refuse(w, GALLEY_ENOMEM, "out of memory%s", "");
    w->out.data[w->out.len++] = w->kind[d] == '{' ? '}' : ']';
    w->key_count = w->first_key[d];
    w->depth--;
    return 0;
}

GALLEY_API int galley_result_string(galley_doc *doc, const char *s, size_t length)
{
    gl_result_writer *w = writer_of(doc);
    if (!w)
        return GALLEY_ENOMEM;
    if (!w->refused && !s)
        return refuse(w, GALLEY_EUSAGE, "a string that is NULL%s", "");
    if (!w->refused && !gl_utf8_valid(s, length))
        return refuse(w, GALLEY_EUSAGE, "a string that is not UTF-8%s", "");
    int rc = place_value(w, "a string");
    return rc != 0 ? rc : written(w, gl_json_put_string(&w->out, s, length));
}

GALLEY_API int galley_result_integer(galley_doc *doc, long long value)
{
    gl_result_writer *w = writer_of(doc);
    if (!w)
        return GALLEY_ENOMEM;
    int rc = place_value(w, "an integer");
    return rc != 0 ? rc : written(w, gl_json_put_integer(&w->out, value));
}

/* Writes a literal (true, false, null) as the next value. */
static int put_literal(galley_doc *doc, const char *what, const char *text, size_t n)
{
    gl_result_writer *w = writer_of(doc);
    if (!w)
        return GALLEY_ENOMEM;
    int rc = place_value(w, what);
    return rc != 0 ? rc : written(w, gl_buf_add(&w->out, text, n));
}

GALLEY_API int galley_result_number(galley_doc *doc, double value)
{
    if (!isfinite(value))
        return put_literal(doc, "a number", "null", 4);
    gl_result_writer *w = writer_of(doc);
    if (!w)
        return GALLEY_ENOMEM;
    int rc = place_value(w, "a number");
    return rc != 0 ? rc : written(w, gl_json_put_number(&w->out, value, GL_REAL_DIGITS));
}

GALLEY_API int galley_result_bool(galley_doc *doc, int value)
{
    return put_literal(doc, "a boolean", value ? "true" : "false", value ? 4 : 5);
}

GALLEY_API int galley_result_null(galley_doc *doc)
{
    return put_literal(doc, "null", "null", 4);
}

/* ---- the core's side ---------------------------------------------------- */

/*
 * Reading the text back into values, for the reports that need them.  The text
 * is the writer's own, so only its forms occur: compact, strings escaped as
 * gl_json_escape escapes them, numbers as gl_json_put_integer and
 * gl_json_put_number write them, nesting at most GL_RESULT_DEPTH deep.  This
 * costs little beside the values it makes, where jansson's parser, written
 * for any text, cost more than the values.  Anything else makes it give up
 * (NULL), and the caller parses with jansson instead.
 */
typedef struct reader {
    const char *at, *end;
    gl_buf scratch; /* a string being unescaped */
} reader;

static int read_string(reader *r, const char **s, size_t *n)
{
    const char *p = ++r->at; /* past the '"' */
    while (p < r->end && *p != '"' && *p != '\\')
        p++;
    if (p < r->end && *p == '"') { /* no escape: the text itself */
        *s = r->at;
        *n = (size_t)(p - r->at);
        r->at = p + 1;
        return 0;
    }
    r->scratch.len = 0;
    for (p = r->at; p < r->end && *p != '"';) {
        const char *run = p; /* bytes up to the next escape, copied in one piece */
        while (p < r->end && *p != '"' && *p != '\\')
            p++;
        if (p > run && gl_buf_add(&r->scratch, run, (size_t)(p - run)) != 0)
            return -1;
        if (p >= r->end || *p == '"')
            break;
        char c;
        if (++p >= r->end)
            return -1;
        switch (*p) {
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u': { /* \u00XX: a control character */
            static const char hex[] = "0123456789ABCDEF";
            const char *hi, *lo;
            if (r->end - p < 5 || p[1] != '0' || p[2] != '0' || !p[3] || !p[4] ||
                !(hi = strchr(hex, p[3])) || !(lo = strchr(hex, p[4])))
                return -1;
            c = (char)((hi - hex) * 16 + (lo - hex));
            p += 4;
            break;
        }
        default: return -1;
        }
        p++;
        if (gl_buf_addc(&r->scratch, c) != 0)
            return -1;
    }
    if (p >= r->end)
        return -1;
    *s = r->scratch.data ? r->scratch.data : "";
    *n = r->scratch.len;
    r->at = p + 1;
    return 0;
}

static json_t *read_value(reader *r, int depth);

/* The members from r->at to the closing '}' (or, at depth 0, to the end), into o. */
static int read_members(reader *r, json_t *o, int depth)
{
    int first = 1;
    while (r->at < r->end && *r->at != '}') {
        if (!first && *r->at++ != ',')
            return -1;
        first = 0;
        const char *s;
        size_t n;
        if (r->at >= r->end || *r->at != '"' || read_string(r, &s, &n) != 0 || r->at >= r->end ||
            *r->at++ != ':')
            return -1;
        char key[256];
        char *name = n < sizeof key ? key : gl_malloc(n + 1);
        if (!name)
            return -1;
        memcpy(name, s, n);
        name[n] = '\0';
        json_t *v = read_value(r, depth + 1);
        int rc = v && strlen(name) == n ? json_object_set_new_nocheck(o, name, v) : -1;
        if (rc != 0 && v && strlen(name) != n)
            json_decref(v);
        if (name != key)
            gl_free(name);
        if (rc != 0)
            return -1;
    }
    return 0;
}

static json_t *read_value(reader *r, int depth)
{
    if (r->at >= r->end || depth > GL_RESULT_DEPTH + 1)
        return NULL;
    const char *p = r->at;
    switch (*p) {
    case '{': {
        json_t *o = json_object();
        r->at++;
        if (!o || read_members(r, o, depth) != 0 || r->at >= r->end || *r->at++ != '}') {
            json_decref(o);
            return NULL;
        }
        return o;
    }
    case '[': {
        json_t *a = json_array();
        r->at++;
        for (int first = 1; a && r->at < r->end && *r->at != ']'; first = 0) {
            if ((!first && *r->at++ != ',') ||
                json_array_append_new(a, read_value(r, depth + 1)) != 0) {
                json_decref(a);
                return NULL;
            }
        }
        if (!a || r->at >= r->end || *r->at++ != ']') {
            json_decref(a);
            return NULL;
        }
        return a;
    }
    case '"': {
        const char *s;
        size_t n;
        return read_string(r, &s, &n) == 0 ? json_stringn_nocheck(s, n) : NULL;
    }
    case 't': r->at += 4; return r->at <= r->end && memcmp(p, "true", 4) == 0 ? json_true() : NULL;
    case 'f':
        r->at += 5;
        return r->at <= r->end && memcmp(p, "false", 5) == 0 ? json_false() : NULL;
    case 'n': r->at += 4; return r->at <= r->end && memcmp(p, "null", 4) == 0 ? json_null() : NULL;
    default: {
        char number[40];
        size_t n = 0;
        int real = 0;
        while (p + n < r->end && n < sizeof number - 1 && strchr("-+0123456789.eE", p[n]) && p[n]) {
            real |= p[n] == '.' || p[n] == 'e' || p[n] == 'E';
            number[n] = p[n];
            n++;
        }
        number[n] = '\0';
        char *stop;
        r->at = p + n;
        if (real) {
            double v = strtod(number, &stop);
            return n && *stop == '\0' ? json_real(v) : NULL;
        }
        long long v = strtoll(number, &stop, 10);
        return n && *stop == '\0' ? json_integer((json_int_t)v) : NULL;
    }
    }
}

json_t *gl_result_read(const char *text, size_t length)
{
    reader r = {text, text + length, GL_BUF_INIT};
    json_t *o = json_object();
    if (o && (read_members(&r, o, 0) != 0 || r.at != r.end)) {
        json_decref(o);
        o = NULL;
    }
    gl_buf_free(&r.scratch);
    return o;
}

json_t *gl_result_members(const char *text, size_t length)
{
    json_t *o = gl_result_read(text, length);
    if (o)
        return o;
    /* Not the writer's text after all (or out of memory): jansson reads anything. */
    gl_buf b = GL_BUF_INIT;
    if (gl_buf_addc(&b, '{') == 0 && gl_buf_add(&b, text, length) == 0 && gl_buf_addc(&b, '}') == 0)
        o = json_loadb(b.data, b.len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, NULL);
    gl_buf_free(&b);
    return o;
}

int gl_doc_end_step(galley_doc *doc, char *why, size_t why_size)
{
    gl_result_writer *w = doc->writer;
    if (!w || !w->kind[0])
        return 0; /* the step wrote no text */
    int rc = 0;
    if (w->refused == GALLEY_ENOMEM) {
        rc = w->refused;
        snprintf(why, why_size, "out of memory writing its result");
    } else if (w->refused) {
        rc = w->refused;
        snprintf(why, why_size, "its result was written out of order: %s", w->why);
    } else if (w->depth > 0 || w->named) {
        rc = GALLEY_EUSAGE;
        snprintf(why, why_size, "its result was left open: %s",
                 w->named ? "a member's name without its value"
                          : "an object or array without galley_result_end");
    } else if (w->out.len > 0) {
        const char *id = doc->pipeline->steps[doc->step].id;
        json_t *tree = json_object_get(doc->results, id);
        if (json_object_size(tree) > 0) {
            /* Members set as values too: one object, each name once. */
            json_t *text = gl_result_members(w->out.data, w->out.len);
            const char *name;
            json_t *value;
            if (!text)
                rc = GALLEY_ENOMEM;
            json_object_foreach(text, name, value)
            {
                if (rc == 0 && json_object_get(tree, name)) {
                    rc = GALLEY_EUSAGE;
                    snprintf(why, why_size,
                             "its result member \"%.80s\" was set both as a value and as text",
                             name);
                } else if (rc == 0 && json_object_set(tree, name, value) != 0) {
                    rc = GALLEY_ENOMEM;
                }
            }
            json_decref(text);
        } else {
            size_t steps = doc->pipeline->step_count;
            if (!doc->written)
                doc->written = gl_calloc(steps, sizeof *doc->written);
            size_t length = w->out.len;
            char *kept = doc->written ? gl_buf_detach(&w->out) : NULL;
            if (!kept) {
                rc = GALLEY_ENOMEM;
            } else {
                kept[length] = '\0'; /* the JSON pieces leave it out */
                doc->written[doc->step].text = kept;
                doc->written[doc->step].length = length;
            }
        }
        if (rc == GALLEY_ENOMEM)
            snprintf(why, why_size, "out of memory keeping its result");
    }
    /* Ready for the next step, the buffers kept. */
    w->out.len = 0;
    if (w->out.data)
        w->out.data[0] = '\0';
    w->depth = 0;
    w->named = 0;
    w->key_count = 0;
    w->refused = 0;
    w->kind[0] = 0;
    return rc;
}

void gl_doc_free_written(galley_doc *doc)
{
    if (doc->written) {
        for (size_t s = 0; s < doc->pipeline->step_count; s++) {
            gl_free(doc->written[s].text);
            json_decref(doc->written[s].tree);
        }
        gl_free(doc->written);
    }
    if (doc->writer) {
        gl_buf_free(&doc->writer->out);
        gl_free(doc->writer->keys);
        gl_free(doc->writer);
    }
}

const json_t *gl_doc_written_tree(const galley_doc *doc, size_t step)
{
    gl_written *wr = doc->written ? &doc->written[step] : NULL;
    if (!wr || !wr->text)
        return NULL;
    if (!wr->tree) /* parsed once, the first time it is asked for */
        wr->tree = gl_result_members(wr->text, wr->length);
    return wr->tree;
}
