/*
 * json_write.c -- serialises a jansson value into a growable buffer.
 *
 * jansson's own dumper formats every integer with snprintf and every piece
 * through a callback; for reports with a few numbers per block that was the
 * largest cost of a run after the text layer itself.  This writer produces
 * the same JSON as json_dumps() for the flags galley uses (JSON_INDENT(n),
 * JSON_COMPACT, JSON_REAL_PRECISION(p)): members in insertion order, the same
 * separators, reals with p significant digits and always a '.' or exponent.
 * The depth of the value is bounded by the code that built it (the core and
 * plugins), never by input text, so recursion here is safe.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

typedef struct writer {
    gl_buf *out;
    int indent;    /* spaces per level, 0 = one line */
    int compact;   /* no space after ':' and ',' */
    int precision; /* significant digits of reals, 0 = 17 */
    int failed;
} writer;

/*
 * Most pieces are a few bytes and fit in the room the buffer already has:
 * they are copied here, without a call and without the NUL that gl_buf_add
 * keeps after every piece (gl_json_dump writes that once, at the end).
 */
static inline void put(writer *w, const char *s, size_t n)
{
    gl_buf *b = w->out;
    if (b->len + n < b->cap) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        return;
    }
    if (!w->failed && gl_buf_add(b, s, n) != 0)
        w->failed = 1;
}

static inline void put_char(writer *w, char c)
{
    gl_buf *b = w->out;
    if (b->len + 1 < b->cap) {
        b->data[b->len++] = c;
        return;
    }
    put(w, &c, 1);
}

static void newline(writer *w, int depth)
{
    if (!w->indent)
        return;
    char spaces[64];
    put_char(w, '\n');
    size_t n = (size_t)depth * (size_t)w->indent;
    memset(spaces, ' ', sizeof spaces);
    while (n > 0) {
        size_t k = n < sizeof spaces ? n : sizeof spaces;
        put(w, spaces, k);
        n -= k;
    }
}

static void put_string(writer *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    put_char(w, '"');
    size_t run = 0; /* bytes that need no escape, written in one go */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(w, s + run, i - run);
        run = i + 1;
        char esc[6] = {'\\', 0, 0, 0, 0, 0};
        size_t len = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            len = 6;
        }
        put(w, esc, len);
    }
    put(w, s + run, n - run);
    put_char(w, '"');
}

static void put_integer(writer *w, json_int_t v)
{
    char digits[24];
    size_t n = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        digits[sizeof digits - 1 - n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        digits[sizeof digits - 1 - n++] = '-';
    put(w, digits + sizeof digits - n, n);
}

static void put_real(writer *w, double v)
{
    char s[40];
    if (!isfinite(v)) { /* jansson never holds these; be safe anyway */
        put(w, "null", 4);
        return;
    }
    int n = snprintf(s, sizeof s, "%.*g", w->precision ? w->precision : 17, v);
    if (n < 0 || (size_t)n >= sizeof s) {
        w->failed = 1;
        return;
    }
    /* A real always reads back as a real: 5 becomes 5.0, as jansson writes it. */
    char *e = strchr(s, 'e');
    if (!e && !strchr(s, '.') && (size_t)n + 2 < sizeof s) {
        s[n++] = '.';
        s[n++] = '0';
    }
    if (e) {
        /* 1e+20 -> 1e20 and 1e-06 -> 1e-6, as jansson shortens exponents */
        char *d = e + 1, *p = e + 1;
        if (*p == '+')
            p++;
        else if (*p == '-')
            *d++ = *p++;
        while (*p == '0' && p[1])
            p++;
        memmove(d, p, strlen(p) + 1);
        n = (int)strlen(s);
    }
    put(w, s, (size_t)n);
}

static void put_value(writer *w, const json_t *v, int depth)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        if (json_object_size(v) == 0) {
            put(w, "{}", 2);
            return;
        }
        put_char(w, '{');
        int first = 1;
        for (void *it = json_object_iter((json_t *)v); it;
             it = json_object_iter_next((json_t *)v, it)) {
            if (!first)
                put(w, w->indent || w->compact ? "," : ", ", w->indent || w->compact ? 1 : 2);
            first = 0;
            newline(w, depth + 1);
            const char *key = json_object_iter_key(it);
            put_string(w, key, strlen(key));
            put(w, w->compact ? ":" : ": ", w->compact ? 1 : 2);
            put_value(w, json_object_iter_value(it), depth + 1);
        }
        newline(w, depth);
        put_char(w, '}');
        return;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(v);
        if (n == 0) {
            put(w, "[]", 2);
            return;
        }
        put_char(w, '[');
        for (size_t i = 0; i < n; i++) {
            if (i)
                put(w, w->indent || w->compact ? "," : ", ", w->indent || w->compact ? 1 : 2);
            newline(w, depth + 1);
            put_value(w, json_array_get(v, i), depth + 1);
        }
        newline(w, depth);
        put_char(w, ']');
        return;
    }
    case JSON_STRING:
        put_string(w, json_string_value(v), json_string_length(v));
        return;
    case JSON_INTEGER: put_integer(w, json_integer_value(v)); return;
    case JSON_REAL: put_real(w, json_real_value(v)); return;
    case JSON_TRUE: put(w, "true", 4); return;
    case JSON_FALSE: put(w, "false", 5); return;
    case JSON_NULL: put(w, "null", 4); return;
    }
}

int gl_json_dump(gl_buf *out, const json_t *value, size_t flags)
{
    writer w = {out, (int)(flags & 0x1F), (flags & JSON_COMPACT) != 0,
                (int)((flags >> 11) & 0x1F), 0};
    put_value(&w, value, 0);
    if (out->data)
        out->data[out->len] = '\0'; /* the fast path of put() leaves it out */
    return w.failed ? -1 : 0;
}
