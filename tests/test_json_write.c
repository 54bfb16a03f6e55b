/*
 * test_json_write.c -- galley's JSON writer must produce exactly what
 * jansson's json_dumps() produces for the flags galley uses, on hand-made
 * values with every kind of member and on many generated ones.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "pipeline.h"
#include "support.h"

static const size_t flag_sets[] = {
    0,
    JSON_COMPACT,
    JSON_INDENT(2),
    JSON_INDENT(2) | JSON_REAL_PRECISION(6),
    JSON_COMPACT | JSON_REAL_PRECISION(6),
    JSON_INDENT(4) | JSON_REAL_PRECISION(4),
};

static void same_as_jansson(const json_t *v)
{
    for (size_t f = 0; f < sizeof flag_sets / sizeof flag_sets[0]; f++) {
        char *expected = json_dumps(v, flag_sets[f] | JSON_ENCODE_ANY);
        gl_buf b = GL_BUF_INIT;
        ck_assert_int_eq(gl_json_dump(&b, v, flag_sets[f]), 0);
        ck_assert_msg(expected && b.data && strcmp(expected, b.data) == 0,
                      "flags %zx:\njansson: %s\ngalley:  %s", flag_sets[f], expected,
                      b.data ? b.data : "(null)");
        ck_assert_uint_eq(b.len, strlen(expected));
        /* appended after what a buffer already holds, at every fill level a
           few bytes apart: the same bytes follow, and the NUL after them */
        for (size_t pre = 1; pre < 40; pre += 7) {
            gl_buf c = GL_BUF_INIT;
            for (size_t k = 0; k < pre; k++)
                ck_assert_int_eq(gl_buf_addc(&c, 'x'), 0);
            ck_assert_int_eq(gl_json_dump(&c, v, flag_sets[f]), 0);
            ck_assert_uint_eq(c.len, pre + b.len);
            ck_assert_int_eq(c.data[c.len], '\0');
            ck_assert(memcmp(c.data + pre, expected, b.len) == 0);
            gl_buf_free(&c);
        }
        free(expected);
        gl_buf_free(&b);
    }
}

START_TEST(every_kind_of_value)
{
    json_t *v = json_pack(
        "{s:s, s:i, s:I, s:f, s:f, s:f, s:f, s:b, s:b, s:n, s:[], s:{}, s:[i, s, [], {s:i}], "
        "s:{s:{s:[f]}}}",
        "text", "plain \"quoted\" back\\slash \x01\x1f tab\t nl\n cr\r ff\f bs\b é ’ 日本 🙂",
        "int", 42, "big", (json_int_t)-9223372036854775807LL - 1, "real", 0.41,
        "whole real", 5.0, "tiny", 1.5e-300, "neg", -123456.789, "yes", 1, "no", 0, "nothing",
        "empty list", "empty object", "mixed", 1, "two", "inner", 3, "deep", "deeper", "deepest",
        3.14159);
    ck_assert_ptr_nonnull(v);
    same_as_jansson(v);
    json_decref(v);
}
END_TEST

START_TEST(scalars_at_the_top)
{
    json_t *values[] = {json_integer(0), json_integer(-7), json_real(0.1), json_string(""),
                        json_true(), json_null(), json_array(), json_object()};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        same_as_jansson(values[i]);
        json_decref(values[i]);
    }
}
END_TEST

/* 10^(k % 16), exactly. */
static double exact_power(unsigned long long k)
{
    double p = 1.0;
    for (unsigned long long i = k % 16; i > 0; i--)
        p *= 10.0;
    return p;
}

/* A small deterministic generator, so that a failure can be replayed. */
static unsigned long long state = 88172645463325252ULL;
static unsigned next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (unsigned)(state >> 32);
}

static json_t *generate(int depth)
{
    unsigned kind = next() % (depth > 4 ? 5 : 7);
    switch (kind) {
    case 0: return json_integer((json_int_t)(int)next() * (next() % 2 ? 1 : -1));
    case 1: {
        double d = (double)(int)next() / (double)(next() % 1000 + 1);
        if (next() % 4 == 0)
            d *= 1e-12;
        return json_real(d);
    }
    case 2: {
        char s[16];
        size_t n = next() % sizeof s;
        for (size_t i = 0; i < n; i++)
            s[i] = (char)(next() % 0x7F + 1); /* any ASCII but NUL, control characters too */
        return json_stringn(s, n);
    }
    case 3: return json_boolean(next() % 2);
    case 4: return json_null();
    case 5: {
        json_t *a = json_array();
        for (unsigned i = next() % 4; i > 0; i--)
            json_array_append_new(a, generate(depth + 1));
        return a;
    }
    default: {
        json_t *o = json_object();
        for (unsigned i = next() % 4; i > 0; i--) {
            char key[8];
            snprintf(key, sizeof key, "k%u", next() % 100);
            json_object_set_new(o, key, generate(depth + 1));
        }
        return o;
    }
    }
}

START_TEST(generated_values)
{
    for (int i = 0; i < 2000; i++) {
        json_t *v = generate(0);
        same_as_jansson(v);
        json_decref(v);
    }
}
END_TEST

/*
 * Strings are scanned eight bytes at a time while no byte needs an escape:
 * each character that needs one (and a few that do not: DEL, bytes of
 * two-, three- and four-byte characters) at every place of strings of every
 * length around one and two such steps, among ASCII or among non-ASCII text.
 */
START_TEST(escapes_found_at_every_place_in_a_long_string)
{
    static const char *const marks[] = {
        "\x01", "\x1f", "\"",       "\\",           "\n",
        "\t",   "\x7f", "\xc3\xa9", "\xe2\x80\x99", "\xf0\x9f\x99\x82"};
    static const char *const fills[] = {"a", "\xc3\xa9", "\xe6\x97\xa5"};
    for (size_t f = 0; f < sizeof fills / sizeof fills[0]; f++)
        for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++)
            for (size_t len = 0; len <= 20; len++)
                for (size_t at = 0; at <= len; at++) {
                    char s[128] = "";
                    for (size_t k = 0; k < len; k++)
                        strcat(s, k == at ? marks[m] : fills[f]);
                    if (at == len)
                        strcat(s, marks[m]);
                    json_t *v = json_string(s);
                    ck_assert_ptr_nonnull(v);
                    char *expected = json_dumps(v, JSON_ENCODE_ANY);
                    gl_buf b = GL_BUF_INIT;
                    ck_assert_int_eq(gl_json_dump(&b, v, 0), 0);
                    ck_assert_msg(expected && strcmp(expected, b.data) == 0,
                                  "jansson: %s\ngalley:  %s", expected, b.data);
                    /* the same string as a piece of a report, after what is there */
                    gl_buf c = GL_BUF_INIT;
                    ck_assert_int_eq(gl_buf_add(&c, "x", 1), 0);
                    ck_assert_int_eq(gl_json_put_string(&c, s, strlen(s)), 0);
                    ck_assert_uint_eq(c.len, 1 + strlen(expected));
                    ck_assert(memcmp(c.data + 1, expected, c.len - 1) == 0);
                    gl_buf_free(&c);
                    free(expected);
                    gl_buf_free(&b);
                    json_decref(v);
                }
}
END_TEST

/* A string longer than the pieces it is escaped in (4,096 bytes): escapes on either side of
   each seam, and a character of three bytes across one, written as jansson writes them. */
START_TEST(long_strings_escaped_piece_by_piece)
{
    static const size_t at[] = {0, 4094, 4095, 4096, 4097, 8191, 8192, 9999};
    char *s = malloc(10001);
    ck_assert_ptr_nonnull(s);
    for (size_t mark = 0; mark < sizeof at / sizeof at[0]; mark++) {
        memset(s, 'a', 10000);
        s[10000] = '\0';
        s[at[mark]] = at[mark] % 2 ? '"' : '\n';
        memcpy(s + 4095 - (mark % 3), "\xe2\x80\x99", 3);
        json_t *v = json_string(s);
        ck_assert_ptr_nonnull(v);
        char *expected = json_dumps(v, JSON_ENCODE_ANY);
        gl_buf b = GL_BUF_INIT;
        ck_assert_int_eq(gl_json_dump(&b, v, 0), 0);
        ck_assert_msg(expected && strcmp(expected, b.data) == 0, "mark at %zu", at[mark]);
        gl_buf c = GL_BUF_INIT;
        ck_assert_int_eq(gl_json_put_string(&c, s, strlen(s)), 0);
        ck_assert_uint_eq(c.len, strlen(expected));
        ck_assert(memcmp(c.data, expected, c.len) == 0);
        gl_buf_free(&c);
        gl_buf_free(&b);
        free(expected);
        json_decref(v);
    }
    free(s);
}
END_TEST

/*
 * A step's result written as text is read back (gl_result_members) into the
 * values jansson would read: on generated objects written as the report
 * writes them, and on text in other forms (spaces, other escapes), which goes
 * to jansson's parser.
 */
START_TEST(written_members_read_back_as_jansson_reads_them)
{
    for (int i = 0; i < 2000; i++) {
        json_t *v = generate(0);
        if (!json_is_object(v)) {
            json_t *o = json_pack("{s:o}", "v", v);
            v = o;
        }
        gl_buf b = GL_BUF_INIT;
        ck_assert_int_eq(gl_json_dump(&b, v, JSON_COMPACT), 0);
        json_t *back = gl_result_read(b.data + 1, b.len - 2); /* the braces left out */
        ck_assert_msg(back && json_equal(back, v), "%s", b.data);
        json_decref(back);
        gl_buf_free(&b);
        json_decref(v);
    }
    static const struct {
        const char *text, *as;
    } other[] = {
        {" \"a\" : 1 , \"b\":[ true ]", "{\"a\": 1, \"b\": [true]}"},
        {"\"a\":\"\\u00e9\\/\"", "{\"a\": \"\u00e9/\"}"},
        {"\"a\":\n1e2,\"b\":-0.5E-1", "{\"a\": 100.0, \"b\": -0.05}"},
    };
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
        ck_assert_ptr_null(gl_result_read(other[i].text, strlen(other[i].text)));
        json_t *back = gl_result_members(other[i].text, strlen(other[i].text));
        json_t *want = json_loads(other[i].as, 0, NULL);
        ck_assert_msg(back && want && json_equal(back, want), "%s", other[i].text);
        json_decref(back);
        json_decref(want);
    }
    ck_assert_ptr_null(gl_result_members("\"a\":", 4)); /* not JSON at all */
    json_t *none = gl_result_read("", 0);               /* no member */
    ck_assert(none && json_object_size(none) == 0);
    json_decref(none);
}
END_TEST

/* gl_format_g(v, p) against snprintf's "%.*g": the same text and length, or a failure. */
static int format_differs(double v, int p)
{
    char want[64], got[64];
    int n = snprintf(want, sizeof want, "%.*g", p, v);
    int m = gl_format_g(got, sizeof got, v, p);
    if (n == m && strcmp(want, got) == 0)
        return 0;
    ck_abort_msg("%%.%dg of %a: snprintf wrote \"%s\" (%d), gl_format_g \"%s\" (%d)", p, v, want, n,
                 got, m);
    return 1;
}

/*
 * Reals are written without snprintf where one scaling by a power of ten
 * settles their digits: every precision against snprintf's own, on doubles
 * of every exponent, on the ranges reports hold (scores, probabilities,
 * seconds), on decimals that sit on or next to a half at the last digit
 * kept, and next to powers of ten, where the exponent estimate and the
 * carry from 9.99... are decided.  Asserts only on a difference.
 */
START_TEST(reals_written_as_printf_writes_them)
{
    static const double fixed[] = {
        0.0, -0.0, 1.0, -1.0, 0.5, 2.5, 1e-5, 1e-4, 9.9999949e-5, 9.9999951e-5, 999999.5,
        999999.49999999, 123456.5, 0.1, 1e15, 1e16, 1e22, 1e23, 1e-22, 1e-23, 5e-324,
        1.7976931348623157e308, 0.30000000000000004, 1.0 / 3.0, 2.0 / 3.0, 100000.0, 1e5 - 0.5};
    for (int p = 1; p <= 17; p++)
        for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
            if (format_differs(fixed[i], p))
                return;
    unsigned long long bits = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 60000; i++) {
        bits ^= bits << 13;
        bits ^= bits >> 7;
        bits ^= bits << 17;
        double v;
        switch (i % 6) {
        case 0: /* any double */
            memcpy(&v, &bits, sizeof v);
            if (!isfinite(v))
                continue;
            break;
        case 1: /* a score or a probability */
            v = (double)(bits >> 11) / 9007199254740992.0 * 2.0 - 1.0;
            break;
        case 2: /* seconds, counts, ratios */
            v = (double)(bits >> 20) / (double)((bits & 0xFFFF) + 1);
            break;
        case 3: /* on a half at the seventh digit, or a step either side */
            v = ((double)(bits % 2000000) + 0.5) / exact_power(bits >> 40);
            v = (bits >> 30) % 3 == 0 ? v : nextafter(v, (bits >> 30) % 3 == 1 ? 0.0 : 1e300);
            break;
        case 4: /* next to a power of ten */
            v = exact_power(bits >> 20) / exact_power(bits >> 40);
            v = (bits >> 8) % 2 ? nextafter(v, 0.0) : nextafter(v, 1e300);
            break;
        default: /* a decimal of up to nine digits */
            v = (double)(bits % 1000000000) / exact_power(bits >> 33);
            break;
        }
        if (bits & 1)
            v = -v;
        if (format_differs(v, 1 + (int)((bits >> 50) % 17)) || format_differs(v, 6))
            return;
    }
}
END_TEST

/* Integers of every length, each side of every power of ten, as printf writes them. */
START_TEST(integers_written_as_printf_writes_them)
{
    long long values[200];
    size_t n = 0;
    values[n++] = 0;
    values[n++] = -9223372036854775807LL - 1;
    values[n++] = 9223372036854775807LL;
    for (long long p = 1; n + 8 <= sizeof values / sizeof values[0]; p *= 10) {
        long long near[] = {p - 1, p, p + 1, p * 9 + 8};
        for (size_t k = 0; k < 4; k++) {
            values[n++] = near[k];
            values[n++] = -near[k];
        }
        if (p > 9223372036854775807LL / 10)
            break;
    }
    for (size_t i = 0; i < n; i++) {
        char expected[32], got[GL_INTEGER_ROOM + 1];
        snprintf(expected, sizeof expected, "%lld", values[i]);
        char *end = gl_json_write_integer(got, values[i]);
        ck_assert_uint_le((size_t)(end - got), GL_INTEGER_ROOM);
        *end = '\0';
        ck_assert_str_eq(got, expected);
        gl_buf b = GL_BUF_INIT;
        ck_assert_int_eq(gl_json_put_integer(&b, values[i]), 0);
        ck_assert_uint_eq(b.len, strlen(expected));
        ck_assert(memcmp(b.data, expected, b.len) == 0);
        gl_buf_free(&b);
    }
}
END_TEST

/*
 * Short strings with one special byte at every place: as jansson writes them
 * when they are UTF-8, and nothing written (1) when they are not.
 */
START_TEST(text_written_whole_or_refused)
{
    static const char *specials[] = {"\"",       "\\",           "\n",   "\x01", "\x7f",
                                     "\xc3\xa9", "\xe2\x80\x99", "\xff", "\xc3", "\xed\xa0\x80"};
    for (size_t n = 0; n <= 24; n++)
        for (size_t at = 0; at <= n; at++)
            for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
                char text[64];
                memset(text, 'a', n);
                size_t sl = strlen(specials[k]);
                memcpy(text + at, specials[k], sl);
                size_t len = n > at + sl ? n : at + sl;
                gl_buf b = GL_BUF_INIT;
                ck_assert_int_eq(gl_buf_addc(&b, 'x'), 0);
                json_t *j = json_stringn(text, len);
                int rc = gl_json_put_text(&b, text, len);
                if (!j) {
                    ck_assert_int_eq(rc, 1);
                    ck_assert_uint_eq(b.len, 1);
                } else {
                    char *expected = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);
                    ck_assert_int_eq(rc, 0);
                    ck_assert_uint_eq(b.len, 1 + strlen(expected));
                    ck_assert(memcmp(b.data + 1, expected, b.len - 1) == 0);
                    free(expected);
                }
                json_decref(j);
                gl_buf_free(&b);
            }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json_write");
    TCase *t = tcase_create("dump");
    tcase_add_test(t, every_kind_of_value);
    tcase_add_test(t, scalars_at_the_top);
    tcase_add_test(t, generated_values);
    tcase_add_test(t, escapes_found_at_every_place_in_a_long_string);
    tcase_add_test(t, long_strings_escaped_piece_by_piece);
    tcase_add_test(t, written_members_read_back_as_jansson_reads_them);
    tcase_add_test(t, reals_written_as_printf_writes_them);
    tcase_add_test(t, integers_written_as_printf_writes_them);
    tcase_add_test(t, text_written_whole_or_refused);
    /* 2,000 generated documents take about 3 s under AddressSanitizer, close enough to
       Check's default of 4 s to fail on a loaded machine */
    tcase_set_timeout(t, 60);
    suite_add_tcase(s, t);
    return t_main(s);
}
