/*
 * json_write.c -- serialises a jansson value into a growable buffer.
 *
 * jansson's own dumper formats every integer with snprintf and every piece
 * through a callback; for reports with a few numbers per block that was the
 * largest cost of a run after the text layer itself.  This writer produces
 * the same JSON as json_dumps() for the flags galley uses (JSON_INDENT(n),
 * JSON_COMPACT, JSON_REAL_PRECISION(p)): members in insertion order, the same
 * separators, reals with p significant digits and always a '.' or exponent.
 * Reals are formatted here too (gl_format_g), as "%.*g" would: snprintf was
 * a tenth of a run of the word-count pipeline.
 * The depth of the value is bounded by the code that built it (the core and
 * plugins), never by input text, so recursion here is safe.
 */
#include <math.h>
#include <stdint.h>
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

/*
 * The eight bytes of v that are control characters, '"' or '\\', each marked
 * by its high bit (the test of "Bit Twiddling Hacks" for a byte below a bound
 * and for a zero byte, on v and on v with each quote or backslash turned to
 * zero).  A borrow can mark a byte after one that is marked, never one before:
 * the first byte marked is always one to escape.
 */
static inline uint64_t escape_marks(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t quote = v ^ (ones * '"'), backslash = v ^ (ones * '\\');
    uint64_t below = (v - ones * 0x20) & ~v;
    uint64_t zero = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash);
    return (below | zero) & high;
}

/* How many bytes of a word read from memory come before the first one marked (marks != 0). */
static inline size_t before_first_mark(uint64_t marks)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll(marks) >> 3;
#else
    (void)marks;
    return 0; /* the bytes are then looked at one by one from the word's first */
#endif
}

/*
 * The bytes a JSON string escapes: control characters, '"' and '\\'.  A byte
 * no eight-byte step skipped is looked up here.
 */
static const unsigned char escaped[256] = {1, 1, 1, 1, 1, 1, 1, 1, 1,         1,         1, 1,
                                           1, 1, 1, 1, 1, 1, 1, 1, 1,         1,         1, 1,
                                           1, 1, 1, 1, 1, 1, 1, 1, ['"'] = 1, ['\\'] = 1};

/*
 * Writes s escaped, without quotes, at out, which has room for 6 * n bytes; returns the
 * bytes written.  *seen gathers every byte of s (or'ed together), for a caller that
 * wants to know whether any was above 0x7F.
 */
static size_t escape_body(char *out, const char *s, size_t n, uint64_t *seen)
{
    static const char hex[] = "0123456789ABCDEF";
    char *o = out;
    uint64_t bits = 0;
    if (n >= 4 && n < 8) { /* a short word: its first four bytes and its last four */
        uint32_t head, last;
        memcpy(&head, s, 4);
        memcpy(&last, s + n - 4, 4);
        uint64_t v = head | (uint64_t)last << 32;
        if (!escape_marks(v)) {
            memcpy(o, &head, 4);
            memcpy(o + n - 4, &last, 4);
            *seen |= v;
            return n;
        }
    }
    int tail = n >= 8; /* the last eight bytes not yet looked at as one */
    for (size_t i = 0; i < n;) {
        uint64_t v; /* eight bytes a step until one needs an escape */
        while (i + 8 <= n) {
            memcpy(&v, s + i, 8);
            uint64_t marks = escape_marks(v);
            bits |= v;
            memcpy(o, &v, 8); /* those from the first to escape on are written again */
            if (marks) {
                size_t k = before_first_mark(marks);
                o += k;
                i += k;
                break;
            }
            o += 8;
            i += 8;
        }
        if (i == n)
            break;
        if (tail && i + 8 > n) {
            /* Fewer than eight left: when the string's last eight need no escape,
               the ones before i among them were copied as they are, and the eight
               are copied again over them. */
            tail = 0;
            memcpy(&v, s + n - 8, 8);
            if (!escape_marks(v)) {
                bits |= v;
                memcpy(o - (i - (n - 8)), &v, 8);
                o += n - i;
                break;
            }
        }
        unsigned char c = (unsigned char)s[i++];
        bits |= c;
        if (!escaped[c]) {
            *o++ = (char)c;
            continue;
        }
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *seen |= bits;
    return (size_t)(o - out);
}

/* The most of a string escaped at once: room is made for six times as many bytes. */
enum { PIECE = 4096 };

/* A string, escaped a piece at a time straight into room made for the piece's worst case. */
static void put_string(writer *w, const char *s, size_t n)
{
    uint64_t seen = 0;
    put_char(w, '"');
    gl_buf *b = w->out;
    while (n > 0 && !w->failed) {
        size_t k = n < PIECE ? n : PIECE;
        if (b->len + 6 * k >= b->cap && gl_buf_grow(b, 6 * k) != 0) {
            w->failed = 1;
            return;
        }
        b->len += escape_body(b->data + b->len, s, k, &seen);
        s += k;
        n -= k;
    }
    put_char(w, '"');
}

/* "00" to "99": the decimal digits of an integer are written two at a time. */
static const char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930"
    "31323334353637383940414243444546474849505152535455565758596061"
    "62636465666768697071727374757677787980818283848586878889909192"
    "93949596979899";

/* Writes x (below 10000) with no leading zero; returns the end. */
static inline char *small_digits(char *o, unsigned x)
{
    if (x < 10) {
        *o = (char)('0' + x);
        return o + 1;
    }
    if (x < 100) {
        memcpy(o, digit_pairs + 2 * (size_t)x, 2);
        return o + 2;
    }
    unsigned hi = x / 100, lo = x - hi * 100;
    if (hi < 10)
        *o++ = (char)('0' + hi);
    else {
        memcpy(o, digit_pairs + 2 * (size_t)hi, 2);
        o += 2;
    }
    memcpy(o, digit_pairs + 2 * (size_t)lo, 2);
    return o + 2;
}

/* Writes x (below 10000) as four digits. */
static inline char *four_digits(char *o, unsigned x)
{
    unsigned hi = x / 100, lo = x - hi * 100;
    memcpy(o, digit_pairs + 2 * (size_t)hi, 2);
    memcpy(o + 2, digit_pairs + 2 * (size_t)lo, 2);
    return o + 4;
}

char *gl_json_write_integer(char *out, long long v)
{
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    if (v < 0)
        *out++ = '-';
    /* Nearly every integer of a report (offsets, lines, counts) is below 10^8:
       32-bit arithmetic, four digits a step. */
    if (u < 10000)
        return small_digits(out, (unsigned)u);
    if (u < 100000000) {
        unsigned x = (unsigned)u, hi = x / 10000;
        return four_digits(small_digits(out, hi), x - hi * 10000);
    }
    size_t n = 9; /* the number of digits */
    for (unsigned long long p = 1000000000; n < 20 && u >= p; p *= 10)
        n++;
    char *end = out + n, *o = end;
    while (u >= 100) {
        unsigned r = (unsigned)(u % 100);
        u /= 100;
        o -= 2;
        memcpy(o, digit_pairs + 2 * (size_t)r, 2);
    }
    if (u >= 10) {
        o -= 2;
        memcpy(o, digit_pairs + 2 * u, 2);
    } else {
        *--o = (char)('0' + u);
    }
    return end;
}

/* An integer, written straight into room made for the longest. */
static void put_integer(writer *w, json_int_t v)
{
    gl_buf *b = w->out;
    if (b->len + GL_INTEGER_ROOM >= b->cap && (w->failed || gl_buf_grow(b, GL_INTEGER_ROOM) != 0)) {
        w->failed = 1;
        return;
    }
    b->len = (size_t)(gl_json_write_integer(b->data + b->len, (long long)v) - b->data);
}

/* The powers of ten a double holds exactly. */
static const double exact_ten[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/*
 * The p significant digits of |v| (1 <= p <= 15, v finite and not 0) and the
 * decimal exponent of the first, rounded as printf rounds; 0 when this cannot
 * be sure of them.  |v| is scaled into [10^(p-1), 10^p) by one exact power
 * of ten: one multiplication or division, so the scaled value is within a
 * relative 2^-53 of the true one, and the rounding to an integer can only
 * come out otherwise than printf's (which rounds the exact value) when the
 * scaled value lies that near a half.  Those few go to snprintf.
 */
static int real_digits(double v, int p, uint64_t *digits, int *exponent)
{
    double a = fabs(v);
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    /* floor(b log10 2) for the binary exponent b (78913 / 2^18 is log10 2
       to six digits): the decimal exponent, or one less */
    int b = (int)(bits >> 52) - 1023;
    int e = b >= 0 ? (b * 78913) >> 18 : -((-b * 78913 + 262143) >> 18);
    for (int tries = 0; tries < 3; tries++) {
        int k = p - 1 - e;
        if (k > 22 || k < -22)
            return 0;
        double y = k >= 0 ? a * exact_ten[k] : a / exact_ten[-k];
        if (y < exact_ten[p - 1]) {
            e--;
            continue;
        }
        if (y >= exact_ten[p]) {
            e++;
            continue;
        }
        double whole = floor(y), part = y - whole;
        if (fabs(part - 0.5) <= y * 0x1p-51)
            return 0;
        uint64_t d = (uint64_t)whole + (part > 0.5);
        if (d == (uint64_t)exact_ten[p]) { /* 99999.95 -> 100000 */
            d /= 10;
            e++;
        }
        *digits = d;
        *exponent = e;
        return 1;
    }
    return 0;
}

/* What format_g wrote: */
enum {
    G_OTHER, /* anything: snprintf's, or an exponent */
    G_POINT, /* fixed notation with a '.' */
    G_WHOLE  /* fixed notation without one: digits alone */
};

/* gl_format_g, saying in *shape what it wrote. */
static int format_g(char *s, size_t size, double v, int precision, int *shape)
{
    uint64_t d = 0;
    int e = 0, p = precision;
    *shape = G_OTHER;
    if (p < 1 || p > 15 || size < 32 || !isfinite(v) || v == 0 || !real_digits(v, p, &d, &e))
        return snprintf(s, size, "%.*g", precision, v);
    char digits[16] = {0}; /* p of them written below, two at a time */
    int i = p;
    if (d <= UINT32_MAX) {
        uint32_t x = (uint32_t)d;
        for (; i >= 2; x /= 100, i -= 2)
            memcpy(digits + i - 2, digit_pairs + 2 * (size_t)(x % 100), 2);
        if (i)
            digits[0] = (char)('0' + x);
    } else {
        for (; i >= 2; d /= 100, i -= 2)
            memcpy(digits + i - 2, digit_pairs + 2 * (d % 100), 2);
        if (i)
            digits[0] = (char)('0' + d);
    }
    int used = p; /* %g drops trailing zeros */
    while (used > 1 && digits[used - 1] == '0')
        used--;
    int n = 0;
    if (v < 0)
        s[n++] = '-';
    if (e >= -4 && e < p) { /* fixed notation */
        *shape = e < 0 || used > e + 1 ? G_POINT : G_WHOLE;
        if (e < 0) {
            s[n++] = '0';
            s[n++] = '.';
            for (int z = -1; z > e; z--)
                s[n++] = '0';
            memcpy(s + n, digits, (size_t)used);
            n += used;
        } else {
            memcpy(s + n, digits, (size_t)e + 1);
            n += e + 1;
            if (used > e + 1) {
                s[n++] = '.';
                memcpy(s + n, digits + e + 1, (size_t)(used - e - 1));
                n += used - e - 1;
            }
        }
    } else { /* d.ddde+XX */
        s[n++] = digits[0];
        if (used > 1) {
            s[n++] = '.';
            memcpy(s + n, digits + 1, (size_t)used - 1);
            n += used - 1;
        }
        s[n++] = 'e';
        s[n++] = e < 0 ? '-' : '+';
        int x = e < 0 ? -e : e;
        if (x >= 100)
            s[n++] = (char)('0' + x / 100);
        s[n++] = (char)('0' + x / 10 % 10);
        s[n++] = (char)('0' + x % 10);
    }
    s[n] = '\0';
    return n;
}

int gl_format_g(char *s, size_t size, double v, int precision)
{
    int shape;
    return format_g(s, size, v, precision, &shape);
}

static void put_real(writer *w, double v)
{
    char s[40];
    if (!isfinite(v)) { /* jansson never holds these; be safe anyway */
        put(w, "null", 4);
        return;
    }
    int shape;
    int n = format_g(s, sizeof s, v, w->precision ? w->precision : 17, &shape);
    if (n < 0 || (size_t)n >= sizeof s) {
        w->failed = 1;
        return;
    }
    /* A real always reads back as a real: 5 becomes 5.0, as jansson writes it. */
    if (shape != G_OTHER) { /* known without looking for 'e' and '.' */
        if (shape == G_WHOLE) {
            s[n++] = '.';
            s[n++] = '0';
        }
        put(w, s, (size_t)n);
        return;
    }
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
    case JSON_STRING: put_string(w, json_string_value(v), json_string_length(v)); return;
    case JSON_INTEGER: put_integer(w, json_integer_value(v)); return;
    case JSON_REAL: put_real(w, json_real_value(v)); return;
    case JSON_TRUE: put(w, "true", 4); return;
    case JSON_FALSE: put(w, "false", 5); return;
    case JSON_NULL: put(w, "null", 4); return;
    }
}

int gl_json_dump(gl_buf *out, const json_t *value, size_t flags)
{
    writer w = {out, (int)(flags & 0x1F), (flags & JSON_COMPACT) != 0, (int)((flags >> 11) & 0x1F),
                0};
    put_value(&w, value, 0);
    if (out->data)
        out->data[out->len] = '\0'; /* the fast path of put() leaves it out */
    return w.failed ? -1 : 0;
}

/* ---- pieces, for reports written without a tree (gl_doc_dump) ---------- */

size_t gl_json_escape(char *out, const char *s, size_t n)
{
    out[0] = '"';
    uint64_t seen = 0;
    size_t len = 1 + escape_body(out + 1, s, n, &seen);
    out[len] = '"';
    return len + 1;
}

int gl_json_put_string(gl_buf *out, const char *s, size_t n)
{
    writer w = {out, 0, 1, 0, 0};
    put_string(&w, s, n);
    return w.failed ? -1 : 0;
}

int gl_json_put_text(gl_buf *out, const char *s, size_t n)
{
    size_t mark = out->len;
    uint64_t seen = 0;
    if (n <= PIECE) { /* in one piece: the quotes and the escaped text at one cursor */
        if (out->len + 6 * n + 2 >= out->cap && gl_buf_grow(out, 6 * n + 2) != 0)
            return -1;
        char *o = out->data + out->len;
        *o++ = '"';
        o += escape_body(o, s, n, &seen);
        *o++ = '"';
        out->len = (size_t)(o - out->data);
    } else {
        if (gl_json_put_string(out, s, n) != 0)
            return -1;
        seen = 0x80;
    }
    /* a string of ASCII bytes is valid UTF-8 */
    if ((seen & 0x8080808080808080ull) && !gl_utf8_valid(s, n)) {
        out->len = mark;
        return 1;
    }
    return 0;
}

int gl_json_put_integer(gl_buf *out, long long v)
{
    if (out->len + GL_INTEGER_ROOM >= out->cap && gl_buf_grow(out, GL_INTEGER_ROOM) != 0)
        return -1;
    out->len = (size_t)(gl_json_write_integer(out->data + out->len, v) - out->data);
    return 0;
}

int gl_json_put_number(gl_buf *out, double v, int precision)
{
    writer w = {out, 0, 1, precision, 0};
    if (gl_json_is_whole(v)) /* as gl_json_number makes it */
        put_integer(&w, (json_int_t)v);
    else
        put_real(&w, v);
    return w.failed ? -1 : 0;
}
