/*
 * internal.h -- helpers shared by the core's modules.  Nothing here is part
 * of the public API: the library is built with -fvisibility=hidden and only
 * GALLEY_API functions are exported.
 */
#ifndef GALLEY_INTERNAL_H
#define GALLEY_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include "galley/galley.h"
#include "galley/plugin.h"

/* ---- allocation ---------------------------------------------------------
 * Every allocation in the core goes through these, so that a test can make
 * the Nth one fail and check that the failure comes back as GALLEY_ENOMEM
 * instead of a crash (alloc.c).
 */
void *gl_malloc(size_t size);
void *gl_calloc(size_t count, size_t size);
void *gl_realloc(void *ptr, size_t size);
void gl_free(void *ptr);
char *gl_strdup(const char *s);
char *gl_strndup(const char *s, size_t n);
/* Copies src into dst[size], cutting it short when it does not fit; always NUL-terminates. */
void gl_strlcpy(char *dst, size_t size, const char *src);

/*
 * Makes room for `need` items of `size` bytes in *items (capacity *cap),
 * growing geometrically.  Returns 0, or -1 when out of memory (the array is
 * left as it was).
 */
int gl_reserve(void **items, size_t *cap, size_t need, size_t size);

/* ---- growable strings (after git's strbuf) ------------------------------ */
typedef struct gl_buf {
    char *data; /* always NUL-terminated once anything was added */
    size_t len;
    size_t cap;
} gl_buf;

#define GL_BUF_INIT {NULL, 0, 0}

int gl_buf_grow(gl_buf *b, size_t extra);
int gl_buf_add(gl_buf *b, const void *data, size_t len);
int gl_buf_adds(gl_buf *b, const char *s);
int gl_buf_addc(gl_buf *b, char c);
int gl_buf_addf(gl_buf *b, const char *fmt, ...) GALLEY_PRINTF(2, 3);
int gl_buf_vaddf(gl_buf *b, const char *fmt, va_list ap);
void gl_buf_reset(gl_buf *b);
void gl_buf_free(gl_buf *b);
/* Hands the string over to the caller (never NULL: "" when empty), or NULL when out of memory. */
char *gl_buf_detach(gl_buf *b);

/* ---- errors ------------------------------------------------------------- */
/* Fills every field of an error at once; returns status. */
int gl_error_at(galley_error *err, int status, const char *source, int line, int column,
                long long position, const char *fmt, ...) GALLEY_PRINTF(7, 8);
void gl_error_set_source(galley_error *err, const char *source);
void gl_error_set_path(galley_error *err, const char *path);
/* Copies src into dst (both may be the same), keeping dst's source when src has none. */
void gl_error_copy(galley_error *dst, const galley_error *src);

/* ---- files and paths ---------------------------------------------------- */
/*
 * Reads a whole file ("-" is standard input) into a NUL-terminated buffer
 * that the caller frees with gl_free.  Refuses files over max_bytes (0 means
 * no limit) and directories.  Errors are GALLEY_EINPUT with the file named.
 */
int gl_read_file(const char *path, size_t max_bytes, char **out, size_t *length,
                 galley_error *err);
int gl_path_is_absolute(const char *path);
/* dir + "/" + name, or name alone when it is absolute or dir is NULL/empty. */
char *gl_path_join(const char *dir, const char *name);
/* The directory part of a path ("." when there is none). */
char *gl_path_dirname(const char *path);
int gl_is_directory(const char *path);
int gl_is_regular_file(const char *path);

/* ---- UTF-8 -------------------------------------------------------------- */
/* The number of characters in bytes [0, length), counting invalid bytes as one each. */
size_t gl_utf8_count(const char *s, size_t length);
/* Copies at most max bytes of s, cutting at a character boundary. */
char *gl_utf8_prefix(const char *s, size_t length, size_t max);
/* Whether s[0, n) is UTF-8 that a JSON string can hold (jansson's rules; doc.c). */
int gl_utf8_valid(const char *s, size_t n);
/* A JSON string of s, each byte that is not part of a character made U+FFFD (doc.c). */
json_t *gl_json_string_lossy(const char *s);

/* ---- JSON positions (jsonpos.c) ----------------------------------------- */
/*
 * Finds where the value (or, with want_key, the member name) at a JSON path
 * such as "steps[2].options.lexicon" starts in a JSON text, so that errors
 * found after parsing can still say line and column.  Returns 1 when found.
 */
int gl_json_locate(const char *text, size_t length, const char *path, int want_key, int *line,
                   int *column, long long *position);

/* Plugin names are [a-z0-9][a-z0-9_-]*, so a name can never leave the search path. */
int gl_plugin_name_valid(const char *name);

/* Small JSON helpers. */
const char *gl_json_type_name(const json_t *value);
/*
 * Appends a value's JSON text to b, as json_dumps() would write it with the
 * same flags (JSON_INDENT, JSON_COMPACT, JSON_REAL_PRECISION), but several
 * times faster (json_write.c).  Returns 0, or -1 when out of memory.
 */
int gl_json_dump(gl_buf *b, const json_t *value, size_t flags);
/*
 * Writes v as snprintf(s, size, "%.*g", precision, v) does, and returns the
 * same length; most reals of up to 15 digits without snprintf (json_write.c).
 */
int gl_format_g(char *s, size_t size, double v, int precision);
/*
 * Pieces of compact JSON, each as gl_json_dump writes it (no NUL kept after
 * them): a string, escaped; an integer; a number as gl_json_number would make
 * it and JSON_REAL_PRECISION(precision) would write it.  0, or -1 when out of
 * memory.
 */
int gl_json_put_string(gl_buf *out, const char *s, size_t n);
/* gl_json_put_string for text that must be valid UTF-8: 1, with nothing written, when s is
   not. */
int gl_json_put_text(gl_buf *out, const char *s, size_t n);
int gl_json_put_integer(gl_buf *out, long long v);
/* Writes v in decimal at out, which has room for GL_INTEGER_ROOM bytes (no NUL); returns the
   end of what it wrote. */
char *gl_json_write_integer(char *out, long long v);
#define GL_INTEGER_ROOM ((size_t)20) /* "-9223372036854775808" */
/* Writes s as a JSON string, quotes included, at out, which has room for 6 * n + 2 bytes;
   returns the bytes written. */
size_t gl_json_escape(char *out, const char *s, size_t n);
int gl_json_put_number(gl_buf *out, double v, int precision);

/* A number as JSON: an integer when it is one (5, not 5.0), a real otherwise. */
json_t *gl_json_number(double value);
/* Whether gl_json_number makes value an integer: a whole number json_int_t holds exactly. */
int gl_json_is_whole(double value);

#define GL_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* GALLEY_INTERNAL_H */
