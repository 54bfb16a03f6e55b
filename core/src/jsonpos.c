/*
 * jsonpos.c -- finds where a JSON path starts in a JSON text.
 *
 * jansson reports positions for syntax errors but keeps none for values, and
 * most config errors (an unknown option, a wrong type) are found after
 * parsing.  Rather than write a second parser that remembers positions, this
 * walks the text once with a bounded stack, tracking the path of the value it
 * is in, and stops at the one that was asked for.  The text has already been
 * parsed successfully by jansson, so the scanner can be forgiving.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_DEPTH 64

typedef struct frame {
    int is_array;
    long index;     /* arrays: index of the current element */
    size_t key_at;  /* objects: offset of the current member name's opening quote */
    size_t key_len; /* and of its raw text, quotes excluded */
    size_t key_start;
} frame;

typedef struct scanner {
    const char *s;
    size_t n, i;
    int line;
    size_t line_start;
} scanner;

static void advance(scanner *sc)
{
    if (sc->s[sc->i] == '\n') {
        sc->line++;
        sc->line_start = sc->i + 1;
    }
    sc->i++;
}

static void skip_space(scanner *sc)
{
    while (sc->i < sc->n && isspace((unsigned char)sc->s[sc->i]))
        advance(sc);
}

/* Skips a string starting at its opening quote. */
static void skip_string(scanner *sc)
{
    advance(sc);
    while (sc->i < sc->n && sc->s[sc->i] != '"') {
        if (sc->s[sc->i] == '\\' && sc->i + 1 < sc->n)
            advance(sc);
        advance(sc);
    }
    if (sc->i < sc->n)
        advance(sc);
}

/*
 * Skips a whole array or object, starting at its opening bracket, without
 * tracking paths inside it.  Used past MAX_DEPTH: a config may hold a deeply
 * nested private ("x-") value, and an error after it must still be located.
 * Iterative, so the nesting costs no stack.
 */
static void skip_container(scanner *sc)
{
    size_t depth = 0;
    while (sc->i < sc->n) {
        char c = sc->s[sc->i];
        if (c == '"') {
            skip_string(sc);
            continue;
        }
        advance(sc);
        if (c == '[' || c == '{')
            depth++;
        else if ((c == ']' || c == '}') && --depth == 0)
            return;
    }
}

static unsigned hex4(const char *p)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        v = v * 16 + (unsigned)(c >= '0' && c <= '9'   ? c - '0'
                                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                       : 0);
    }
    return v;
}

/*
 * Appends a member name as the program sees it: paths are built from the
 * names jansson decoded, so the raw text's escapes (\" \\ \u00e9 ...) must be
 * decoded too, or a name with a quote in it could never be found.  The text
 * was validated by jansson, so every escape is complete.
 */
static int append_name(char *out, size_t size, size_t len, const char *raw, size_t raw_len)
{
    for (size_t k = 0; k < raw_len && len + 4 < size;) {
        if (raw[k] != '\\' || k + 1 >= raw_len) {
            out[len++] = raw[k++];
            continue;
        }
        char e = raw[k + 1];
        k += 2;
        switch (e) {
        case 'b': out[len++] = '\b'; continue;
        case 'f': out[len++] = '\f'; continue;
        case 'n': out[len++] = '\n'; continue;
        case 'r': out[len++] = '\r'; continue;
        case 't': out[len++] = '\t'; continue;
        case 'u': break;
        default: out[len++] = e; continue; /* \" \\ \/ stand for themselves */
        }
        if (k + 4 > raw_len)
            break;
        unsigned long cp = hex4(raw + k);
        k += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && k + 6 <= raw_len && raw[k] == '\\' &&
            raw[k + 1] == 'u') {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(raw + k + 2) - 0xDC00);
            k += 6;
        }
        if (cp < 0x80) {
            out[len++] = (char)cp;
        } else if (cp < 0x800) {
            out[len++] = (char)(0xC0 | (cp >> 6));
            out[len++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out[len++] = (char)(0xE0 | (cp >> 12));
            out[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[len++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[len++] = (char)(0xF0 | (cp >> 18));
            out[len++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            out[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[len++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    out[len] = '\0';
    return (int)len;
}

/* Builds the path of the value the scanner is in: a.b[2].c */
static void current_path(const scanner *sc, const frame *stack, int depth, char *out, size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    for (int d = 0; d < depth && len + 1 < size; d++) {
        int n;
        if (stack[d].is_array) {
            n = snprintf(out + len, size - len, "[%ld]", stack[d].index);
        } else {
            if (len)
                out[len++] = '.';
            n = append_name(out, size, len, sc->s + stack[d].key_start, stack[d].key_len) -
                (int)len;
        }
        if (n < 0)
            break;
        len += (size_t)n;
        if (len >= size)
            len = size - 1;
    }
}

static void report(const scanner *sc, size_t at, int *line, int *column, long long *position)
{
    /* The scanner's line counter is at `sc->i`; recount from the line start to `at`. */
    int ln = sc->line;
    size_t ls = sc->line_start;
    if (at < ls) { /* `at` lies on an earlier line: count back */
        ln = 1;
        ls = 0;
        for (size_t k = 0; k < at; k++)
            if (sc->s[k] == '\n') {
                ln++;
                ls = k + 1;
            }
    }
    *line = ln;
    *column = (int)gl_utf8_count(sc->s + ls, at - ls) + 1;
    *position = (long long)at;
}

int gl_json_locate(const char *text, size_t length, const char *path, int want_key, int *line,
                   int *column, long long *position)
{
    scanner sc = {text, length, 0, 1, 0};
    frame stack[MAX_DEPTH];
    int depth = 0;
    char here[512];
    int expect_value = 1; /* the next token is a value (not a member name) */

    while (sc.i < sc.n) {
        skip_space(&sc);
        if (sc.i >= sc.n)
            break;
        char c = sc.s[sc.i];
        if (expect_value) {
            current_path(&sc, stack, depth, here, sizeof here);
            if (strcmp(here, path) == 0) {
                size_t at = sc.i;
                if (want_key && depth > 0 && !stack[depth - 1].is_array)
                    at = stack[depth - 1].key_at;
                report(&sc, at, line, column, position);
                return 1;
            }
            expect_value = 0;
            if (c == '{' || c == '[') {
                if (depth == MAX_DEPTH) {
                    skip_container(&sc);
                    continue;
                }
                frame *f = &stack[depth++];
                memset(f, 0, sizeof *f);
                f->is_array = c == '[';
                advance(&sc);
                skip_space(&sc);
                if (sc.i < sc.n && (sc.s[sc.i] == ']' || sc.s[sc.i] == '}'))
                    continue; /* empty: the closer is handled below */
                if (f->is_array)
                    expect_value = 1;
                continue;
            }
            if (c == '"') {
                skip_string(&sc);
                continue;
            }
            while (sc.i < sc.n && !strchr(",]} \t\r\n", sc.s[sc.i]))
                advance(&sc);
            continue;
        }
        if (c == '"' && depth > 0 && !stack[depth - 1].is_array) {
            frame *f = &stack[depth - 1];
            f->key_at = sc.i;
            f->key_start = sc.i + 1;
            skip_string(&sc);
            f->key_len = sc.i - 1 - f->key_start;
            skip_space(&sc);
            if (sc.i < sc.n && sc.s[sc.i] == ':')
                advance(&sc);
            expect_value = 1;
            continue;
        }
        if (c == ',') {
            advance(&sc);
            if (depth > 0 && stack[depth - 1].is_array) {
                stack[depth - 1].index++;
                expect_value = 1;
            }
            continue;
        }
        if (c == ']' || c == '}') {
            advance(&sc);
            if (depth > 0)
                depth--;
            continue;
        }
        advance(&sc); /* anything else: move on */
    }
    return 0;
}
