/*
 * util.c -- allocation wrappers, growable strings, errors, files and paths.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "internal.h"

/* ---- allocation --------------------------------------------------------- */

void *gl_malloc(size_t size)
{
    if (gl_alloc_should_fail())
        return NULL;
    return malloc(size ? size : 1);
}

void *gl_calloc(size_t count, size_t size)
{
    if (gl_alloc_should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *gl_realloc(void *ptr, size_t size)
{
    if (gl_alloc_should_fail())
        return NULL;
    return realloc(ptr, size ? size : 1);
}

void gl_free(void *ptr) { free(ptr); }

char *gl_strndup(const char *s, size_t n)
{
    char *copy = gl_malloc(n + 1);
    if (!copy)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *gl_strdup(const char *s) { return gl_strndup(s, strlen(s)); }

int gl_reserve(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t grown = *cap ? *cap : 8;
    while (grown < need) {
        if (grown > ((size_t)-1) / 2)
            return -1;
        grown *= 2;
    }
    if (grown > ((size_t)-1) / size)
        return -1;
    void *moved = gl_realloc(*items, grown * size);
    if (!moved)
        return -1;
    *items = moved;
    *cap = grown;
    return 0;
}

/* ---- growable strings --------------------------------------------------- */

int gl_buf_grow(gl_buf *b, size_t extra)
{
    if (b->len + extra + 1 < b->len)
        return -1;
    return gl_reserve((void **)&b->data, &b->cap, b->len + extra + 1, 1);
}

int gl_buf_add(gl_buf *b, const void *data, size_t len)
{
    if (gl_buf_grow(b, len) != 0)
        return -1;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int gl_buf_adds(gl_buf *b, const char *s) { return gl_buf_add(b, s, strlen(s)); }

int gl_buf_addc(gl_buf *b, char c) { return gl_buf_add(b, &c, 1); }

int gl_buf_vaddf(gl_buf *b, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0 || gl_buf_grow(b, (size_t)n) != 0)
        return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int gl_buf_addf(gl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = gl_buf_vaddf(b, fmt, ap);
    va_end(ap);
    return rc;
}

void gl_buf_reset(gl_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void gl_buf_free(gl_buf *b)
{
    gl_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *gl_buf_detach(gl_buf *b)
{
    char *s = b->data;
    if (!s)
        s = gl_strdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

/* ---- errors ------------------------------------------------------------- */

void gl_strlcpy(char *dst, size_t size, const char *src)
{
    if (!src)
        src = "";
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memmove(dst, src, n);
    dst[n] = '\0';
}

GALLEY_API void galley_error_clear(galley_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->position = -1;
}

static void set_text(galley_error *err, const char *fmt, va_list ap)
{
    vsnprintf(err->text, sizeof err->text, fmt, ap);
}

GALLEY_API int(galley_error_set)(galley_error *err, int status, const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    set_text(err, fmt, ap);
    va_end(ap);
    return status;
}

int gl_error_at(galley_error *err, int status, const char *source, int line, int column,
                long long position, const char *fmt, ...)
{
    if (!err)
        return status;
    galley_error_clear(err);
    err->status = status;
    err->line = line;
    err->column = column;
    err->position = position;
    gl_strlcpy(err->source, sizeof err->source, source);
    va_list ap;
    va_start(ap, fmt);
    set_text(err, fmt, ap);
    va_end(ap);
    return status;
}

void gl_error_set_source(galley_error *err, const char *source)
{
    if (err)
        gl_strlcpy(err->source, sizeof err->source, source);
}

void gl_error_set_path(galley_error *err, const char *path)
{
    if (err)
        gl_strlcpy(err->path, sizeof err->path, path);
}

void gl_error_copy(galley_error *dst, const galley_error *src)
{
    if (!dst || !src || dst == src)
        return;
    char source[GALLEY_ERROR_SOURCE_LENGTH];
    gl_strlcpy(source, sizeof source, dst->source);
    *dst = *src;
    if (!dst->source[0])
        gl_strlcpy(dst->source, sizeof dst->source, source);
}

GALLEY_API int galley_error_format(const galley_error *err, char *out, size_t size)
{
    gl_buf b = GL_BUF_INIT;
    int rc = 0;
    if (err->source[0]) {
        rc |= gl_buf_adds(&b, err->source);
        if (err->line > 0) {
            rc |= gl_buf_addf(&b, ":%d", err->line);
            if (err->column > 0)
                rc |= gl_buf_addf(&b, ":%d", err->column);
        }
        rc |= gl_buf_adds(&b, ": ");
    }
    if (err->path[0])
        rc |= gl_buf_addf(&b, "%s: ", err->path);
    rc |= gl_buf_adds(&b, err->text[0] ? err->text : galley_status_name(err->status));
    if (rc != 0) {
        gl_buf_free(&b);
        gl_strlcpy(out, size, err->text);
        return -1;
    }
    gl_strlcpy(out, size, b.data);
    int n = (int)b.len;
    gl_buf_free(&b);
    return n;
}

GALLEY_API const char *galley_status_name(int status)
{
    switch (status) {
    case GALLEY_OK: return "ok";
    case GALLEY_EUSAGE: return "usage";
    case GALLEY_ECONFIG: return "config";
    case GALLEY_EINPUT: return "input";
    case GALLEY_EPLUGIN: return "plugin";
    case GALLEY_ENOMEM: return "out of memory";
    case GALLEY_EIO: return "output";
    case GALLEY_ESCOPE: return "scope";
    default: return "unknown";
    }
}

GALLEY_API const char *galley_version(void) { return GALLEY_VERSION_STRING; }

GALLEY_API int galley_abi_major(void) { return GALLEY_PLUGIN_ABI_MAJOR; }

GALLEY_API int galley_abi_minor(void) { return GALLEY_PLUGIN_ABI_MINOR; }

/* ---- files and paths ---------------------------------------------------- */

int gl_path_is_absolute(const char *path) { return path[0] == '/'; }

char *gl_path_join(const char *dir, const char *name)
{
    if (!dir || !dir[0] || gl_path_is_absolute(name))
        return gl_strdup(name);
    size_t dl = strlen(dir), nl = strlen(name);
    int slash = dir[dl - 1] != '/';
    char *out = gl_malloc(dl + (size_t)slash + nl + 1);
    if (!out)
        return NULL;
    memcpy(out, dir, dl);
    if (slash)
        out[dl] = '/';
    memcpy(out + dl + slash, name, nl);
    out[dl + (size_t)slash + nl] = '\0';
    return out;
}

char *gl_path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return gl_strdup(".");
    if (slash == path)
        return gl_strdup("/");
    return gl_strndup(path, (size_t)(slash - path));
}

int gl_is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int gl_is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int over_limit(const char *path, size_t max_bytes, galley_error *err)
{
    return gl_error_at(err, GALLEY_EINPUT, path, 0, 0, -1,
                       "larger than the %zu-byte limit; raise it with --max-bytes or split the file",
                       max_bytes);
}

static int read_stream(FILE *f, const char *path, size_t max_bytes, gl_buf *b, galley_error *err)
{
    for (;;) {
        if (gl_buf_grow(b, 65536) != 0)
            return gl_error_at(err, GALLEY_ENOMEM, path, 0, 0, -1, "out of memory reading the file");
        size_t room = b->cap - b->len - 1;
        size_t n = fread(b->data + b->len, 1, room, f);
        b->len += n;
        b->data[b->len] = '\0';
        if (max_bytes && b->len > max_bytes)
            return over_limit(path, max_bytes, err);
        if (n < room) {
            if (ferror(f))
                return gl_error_at(err, GALLEY_EINPUT, path, 0, 0, -1, "cannot read: %s",
                                   strerror(errno));
            return 0;
        }
    }
}

/*
 * Reads an open file to its end.  hint is a regular file's size (0 when not
 * known): the buffer is made that big plus one byte, so that one read takes
 * the file and a second, of nothing, says it has ended, with no 64 kB buffer
 * and no regrowth for a few-kilobyte article.  A file that grows meanwhile
 * is read on in 64 kB steps.
 */
static int read_fd(int fd, const char *path, size_t max_bytes, size_t hint, gl_buf *b,
                   galley_error *err)
{
    size_t step = hint ? hint + 1 : 65536;
    for (;;) {
        if (b->len + 1 >= b->cap && gl_buf_grow(b, step) != 0)
            return gl_error_at(err, GALLEY_ENOMEM, path, 0, 0, -1, "out of memory reading the file");
        step = 65536;
        ssize_t n = read(fd, b->data + b->len, b->cap - b->len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return gl_error_at(err, GALLEY_EINPUT, path, 0, 0, -1, "cannot read: %s",
                               strerror(errno));
        }
        if (n == 0)
            return 0;
        b->len += (size_t)n;
        b->data[b->len] = '\0';
        if (max_bytes && b->len > max_bytes)
            return over_limit(path, max_bytes, err);
    }
}

/*
 * Why a file cannot be opened, and what to do about it.  A dangling symbolic
 * link gets its own words: "No such file or directory" about a name that a
 * directory listing shows would only puzzle.
 */
static int open_error(const char *path, int error, galley_error *err)
{
    struct stat link;
    if (error == ENOENT && lstat(path, &link) == 0 && S_ISLNK(link.st_mode))
        return gl_error_at(err, GALLEY_EINPUT, path, 0, 0, -1,
                           "cannot read: it is a symbolic link to a file that does not exist; "
                           "fix or remove the link");
    if (error == EACCES)
        return gl_error_at(err, GALLEY_EINPUT, path, 0, 0, -1,
                           "cannot read: permission denied; check the file's permissions");
    return gl_error_at(err, GALLEY_EINPUT, path, 0, 0, -1, "cannot read: %s", strerror(error));
}

int gl_read_file(const char *path, size_t max_bytes, char **out, size_t *length,
                 galley_error *err)
{
    *out = NULL;
    *length = 0;
    gl_buf b = GL_BUF_INIT;
    int rc;
    if (strcmp(path, "-") == 0) {
        rc = read_stream(stdin, "<stdin>", max_bytes, &b, err);
    } else {
        /* open, then fstat: one lookup of the path, not two */
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return open_error(path, errno, err);
        struct stat st;
        if (fstat(fd, &st) != 0) {
            int error = errno;
            close(fd);
            return open_error(path, error, err);
        }
        if (S_ISDIR(st.st_mode)) {
            close(fd);
            return gl_error_at(err, GALLEY_EINPUT, path, 0, 0, -1,
                               "is a directory, not an article");
        }
        if (max_bytes && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max_bytes) {
            close(fd);
            return gl_error_at(err, GALLEY_EINPUT, path, 0, 0, -1,
                               "is %lld bytes, over the %zu-byte limit; raise it with --max-bytes "
                               "or split the file",
                               (long long)st.st_size, max_bytes);
        }
        size_t hint = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : 0;
        rc = read_fd(fd, path, max_bytes, hint, &b, err);
        close(fd);
    }
    if (rc != 0) {
        gl_buf_free(&b);
        return rc;
    }
    if (!b.data && gl_buf_grow(&b, 0) != 0)
        return gl_error_at(err, GALLEY_ENOMEM, path, 0, 0, -1, "out of memory");
    b.data[b.len] = '\0';
    *length = b.len;
    *out = b.data;
    return GALLEY_OK;
}

/* ---- UTF-8 -------------------------------------------------------------- */

size_t gl_utf8_count(const char *s, size_t length)
{
    size_t n = 0;
    for (size_t i = 0; i < length; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

char *gl_utf8_prefix(const char *s, size_t length, size_t max)
{
    if (length <= max)
        return gl_strndup(s, length);
    size_t cut = max;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    return gl_strndup(s, cut);
}

int gl_json_is_whole(double value)
{
    /* Range first: converting a double outside json_int_t's range is undefined. */
    return value > -9007199254740992.0 && value < 9007199254740992.0 &&
           value == (double)(json_int_t)value;
}

json_t *gl_json_number(double value)
{
    return gl_json_is_whole(value) ? json_integer((json_int_t)value) : json_real(value);
}

const char *gl_json_type_name(const json_t *value)
{
    switch (json_typeof(value)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}
