/*
 * test_cli.c -- the galley command end to end: the real binary run on real
 * files, as an editor or a CI job runs it.
 *
 * The first half is the catalogue of bad input: every way an article, a
 * config, a plugin, a meta file or an output path can be wrong has a fixture
 * named for the case under tests/fixtures/, and a test that checks the exit
 * status, that standard error holds one clear line naming the file (with
 * line, column and byte offset where they apply, and what to do), and that no
 * output file is left half written.  The second half is the behaviour of the
 * commands and options, and the golden report of the example pipeline.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <galley/plugin.h>

#include "support.h"

/* ---- helpers ------------------------------------------------------------- */

typedef struct run {
    int status;
    char *out;
    char *err;
} run;

static void run_free(run *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

/*
 * Runs galley with the arguments up to a NULL, feeding in (may be NULL) on
 * standard input.  The commands that load plugins (run, check, plugins) also
 * get the test plugins' and the project's plugin directories.
 */
static run galley_v(const char *in, const char *first, va_list ap)
{
    const char *argv[96];
    size_t n = 0;
    argv[n++] = "galley";
    for (const char *a = first; a; a = va_arg(ap, const char *)) {
        ck_assert_uint_lt(n, 90);
        argv[n++] = a;
        /* right after the command, so that a test may end on an option missing its value */
        if (n == 2 &&
            (strcmp(a, "run") == 0 || strcmp(a, "check") == 0 || strcmp(a, "plugins") == 0)) {
            argv[n++] = "--plugin-path";
            argv[n++] = GALLEY_TEST_PLUGIN_DIR;
            argv[n++] = "--plugin-path";
            argv[n++] = GALLEY_PLUGIN_BUILD_DIR;
        }
    }
    argv[n] = NULL;
    run r;
    r.status = t_galley(argv, in, &r.out, &r.err);
    return r;
}

static run galley_in(const char *in, const char *first, ...)
{
    va_list ap;
    va_start(ap, first);
    run r = galley_v(in, first, ap);
    va_end(ap);
    return r;
}

#define GALLEY(...) galley_in(NULL, __VA_ARGS__, (const char *)NULL)
#define GALLEY_STDIN(in, ...) galley_in((in), __VA_ARGS__, (const char *)NULL)

/* A path in the source tree; a ring of buffers so that one call may use several. */
static const char *source(const char *relative)
{
    static char buf[32][1024];
    static unsigned k;
    char *out = buf[k++ % 32];
    snprintf(out, 1024, "%s/%s", GALLEY_SOURCE_DIR, relative);
    return out;
}

static const char *fixture(const char *relative)
{
    char rel[900];
    snprintf(rel, sizeof rel, "tests/fixtures/%s", relative);
    return source(rel);
}

#define WORDCOUNT source("configs/wordcount.json")

/* A path under the test's temporary directory (not created). */
static const char *tmp(const char *name)
{
    static char buf[32][1024];
    static unsigned k;
    char *out = buf[k++ % 32];
    snprintf(out, 1024, "%s/%s", t_dir(), name);
    return out;
}

static const char *tmp_mkdir(const char *name)
{
    const char *path = tmp(name);
    ck_assert_msg(mkdir(path, 0755) == 0, "mkdir %s: %s", path, strerror(errno));
    return path;
}

static void write_file(const char *path, const void *bytes, size_t length)
{
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s: %s", path, strerror(errno));
    ck_assert_uint_eq(fwrite(bytes, 1, length, f), length);
    ck_assert_int_eq(fclose(f), 0);
}

static void copy_file(const char *from, const char *to)
{
    size_t n;
    char *bytes = t_read(from, &n);
    ck_assert_msg(bytes != NULL, "cannot read %s", from);
    write_file(to, bytes, n);
    free(bytes);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Every entry of a directory, hidden ones included, sorted and joined with
 * spaces: the way to see that no temporary file was left behind.
 */
static char *listing(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot list %s: %s", dir, strerror(errno));
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        ck_assert_uint_lt(n, 256);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(names[i]) + 1;
    char *out = calloc(1, len);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, " ");
        strcat(out, names[i]);
        free(names[i]);
    }
    return out;
}

#define ck_assert_listing(dir, expected)                                                           \
    do {                                                                                           \
        char *list_ = listing(dir);                                                                \
        ck_assert_str_eq(list_, expected);                                                         \
        free(list_);                                                                               \
    } while (0)

/* Standard error holds exactly one line, a galley message. */
static void ck_one_line(const char *err)
{
    ck_assert_ptr_nonnull(err);
    const char *nl = strchr(err, '\n');
    ck_assert_msg(nl != NULL && nl[1] == '\0', "expected one line on stderr, got \"%s\"", err);
    ck_assert_msg(strncmp(err, "galley", 6) == 0, "not a galley message: \"%s\"", err);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static json_t *parse(const char *text)
{
    json_error_t jerr;
    json_t *j = json_loads(text ? text : "", 0, &jerr);
    ck_assert_msg(j != NULL, "not JSON (%s at %d:%d): %.400s", jerr.text, jerr.line, jerr.column,
                  text ? text : "(null)");
    return j;
}

static json_t *parse_file(const char *path)
{
    json_error_t jerr;
    json_t *j = json_load_file(path, 0, &jerr);
    ck_assert_msg(j != NULL, "%s is not JSON: %s at %d:%d", path, jerr.text, jerr.line,
                  jerr.column);
    return j;
}

static json_t *doc_at(const json_t *report, size_t i)
{
    return json_array_get(json_object_get(report, "documents"), i);
}

static long long int_at(const json_t *object, const char *key)
{
    const json_t *v = json_object_get(object, key);
    ck_assert_msg(json_is_integer(v), "'%s' is not an integer", key);
    return (long long)json_integer_value(v);
}

static const char *str_at(const json_t *object, const char *key)
{
    const char *s = json_string_value(json_object_get(object, key));
    ck_assert_msg(s != NULL, "'%s' is not a string", key);
    return s;
}

/* Compares two JSON values; reals only to 1e-5 relative, since reports print six digits. */
static void ck_json_close(const json_t *want, const json_t *got, const char *where)
{
    if (json_is_number(want) && json_is_real(want)) {
        ck_assert_msg(json_is_number(got), "%s: want a number", where);
        double a = json_number_value(want), b = json_number_value(got);
        double scale = fabs(a) > 1.0 ? fabs(a) : 1.0;
        ck_assert_msg(fabs(a - b) <= 1e-5 * scale, "%s: want %.9g, got %.9g", where, a, b);
        return;
    }
    ck_assert_msg(json_typeof(want) == json_typeof(got), "%s: want type %d, got %d", where,
                  json_typeof(want), json_typeof(got));
    char sub[512];
    if (json_is_object(want)) {
        const char *key;
        const json_t *v;
        ck_assert_msg(json_object_size(want) == json_object_size(got), "%s: want %zu keys, got %zu",
                      where, json_object_size(want), json_object_size(got));
        json_object_foreach ((json_t *)want, key, v) {
            snprintf(sub, sizeof sub, "%s.%s", where, key);
            const json_t *g = json_object_get(got, key);
            ck_assert_msg(g != NULL, "%s: missing", sub);
            ck_json_close(v, g, sub);
        }
    } else if (json_is_array(want)) {
        ck_assert_msg(json_array_size(want) == json_array_size(got), "%s: want %zu items, got %zu",
                      where, json_array_size(want), json_array_size(got));
        for (size_t i = 0; i < json_array_size(want); i++) {
            snprintf(sub, sizeof sub, "%s[%zu]", where, i);
            ck_json_close(json_array_get(want, i), json_array_get(got, i), sub);
        }
    } else {
        ck_assert_msg(json_equal((json_t *)want, (json_t *)got), "%s differs", where);
    }
}

/* Reads two pipes to their ends at once, so that neither can fill and stall galley. */
static void read_both(int out_fd, int err_fd, char **out, char **err)
{
    size_t cap[2] = {8192, 8192}, len[2] = {0, 0};
    char *buf[2] = {malloc(cap[0]), malloc(cap[1])};
    struct pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    int open_count = 2;
    while (open_count > 0) {
        if (poll(fds, 2, -1) < 0) {
            ck_assert_int_eq(errno, EINTR);
            continue;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !fds[i].revents)
                continue;
            if (cap[i] - len[i] < 4096)
                buf[i] = realloc(buf[i], cap[i] *= 2);
            ssize_t n = read(fds[i].fd, buf[i] + len[i], cap[i] - len[i] - 1);
            if (n <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                open_count--;
            } else {
                len[i] += (size_t)n;
            }
        }
    }
    buf[0][len[0]] = '\0';
    buf[1][len[1]] = '\0';
    *out = buf[0];
    *err = buf[1];
}

/*
 * Runs galley (args as for execv, with argv[0]) in a process set up in ways
 * t_galley does not offer: a limit on the size of the files it writes, with
 * SIGXFSZ ignored so that a write past the limit fails with EFBIG instead of
 * killing it; and, when the tests run as root, the user nobody, for whom
 * permissions apply (root reads and writes anything).
 */
static run galley_spawn(const char *const *args, rlim_t file_limit, int unprivileged)
{
    int out_pipe[2], err_pipe[2];
    ck_assert_int_eq(pipe(out_pipe), 0);
    ck_assert_int_eq(pipe(err_pipe), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);
        dup2(null, 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        close(out_pipe[0]);
        close(err_pipe[0]);
        if (file_limit) {
            struct rlimit rl;
            getrlimit(RLIMIT_FSIZE, &rl);
            rl.rlim_cur = file_limit;
            setrlimit(RLIMIT_FSIZE, &rl);
            signal(SIGXFSZ, SIG_IGN);
        }
        if (unprivileged && geteuid() == 0 &&
            (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)) {
            fprintf(stderr, "cannot become the user nobody: %s\n", strerror(errno));
            _exit(126);
        }
        execv(GALLEY_EXE, (char *const *)args);
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    run r;
    read_both(out_pipe[0], err_pipe[0], &r.out, &r.err);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    ck_assert_msg(r.status != 126 && r.status != 127, "galley did not start: %s", r.err);
    return r;
}

/* Lets the user nobody into the test's temporary directory (mkdtemp makes it private). */
static void open_tmp_dir_to_all(void)
{
    ck_assert_int_eq(chmod(t_dir(), 0755), 0);
}

static void teardown(void)
{
    t_cleanup();
}

/* ---- the bad-input catalogue: articles ----------------------------------- */

/*
 * Runs the word count on one bad article with the report going to a file, and
 * checks what every input error must do: exit 3, one line on stderr naming
 * the file, and a report written whole (parseable, the document marked as
 * failed) with nothing else left in its directory.  Returns the parsed
 * report (the caller frees it) and, in *err, what galley wrote on stderr.
 */
static json_t *expect_input_error(const char *article, const char *name, char **err)
{
    const char *dir = tmp_mkdir("out");
    const char *report = tmp("out/report.json");
    run r = GALLEY("run", WORDCOUNT, article, "-f", "json", "-o", report);
    ck_assert_msg(r.status == 3, "%s: exit %d, stderr: %s", name, r.status, r.err);
    ck_one_line(r.err);
    ck_assert_contains(r.err, article);
    ck_assert_str_eq(r.out, "");
    ck_assert_listing(dir, "report.json");
    json_t *j = parse_file(report);
    ck_assert_int_eq(int_at(json_object_get(j, "summary"), "failed"), 1);
    json_t *error = json_object_get(doc_at(j, 0), "error");
    ck_assert_ptr_nonnull(error);
    ck_assert_str_eq(str_at(error, "status"), "input");
    ck_assert_str_eq(str_at(doc_at(j, 0), "path"), article);
    *err = r.err;
    free(r.out);
    return j;
}

START_TEST(empty_file)
{
    char *err;
    json_t *j = expect_input_error(fixture("bad/empty.txt"), "empty", &err);
    ck_assert_contains(err, "is empty (0 bytes)");
    ck_assert_contains(err, "nothing to review");
    free(err);
    json_decref(j);
}
END_TEST

START_TEST(only_whitespace)
{
    char *err;
    json_t *j = expect_input_error(fixture("bad/whitespace-only.txt"), "whitespace", &err);
    /* two spaces, LF, tab, LF, three spaces, CR LF, LF: 11 bytes */
    ck_assert_contains(err, "holds only white space (11 bytes)");
    free(err);
    json_decref(j);
}
END_TEST

START_TEST(binary_data)
{
    /* A PNG signature starts with 0x89, which no UTF-8 text can start with. */
    char *err;
    const char *png = fixture("bad/binary-png-header.txt");
    json_t *j = expect_input_error(png, "png", &err);
    char where[1100];
    snprintf(where, sizeof where, "%s:1:1: ", png);
    ck_assert_contains(err, where);
    ck_assert_contains(err, "invalid UTF-8 at byte offset 0 (line 1, column 1, byte 0x89)");
    json_t *e = json_object_get(doc_at(j, 0), "error");
    ck_assert_int_eq(int_at(e, "offset"), 0);
    free(err);
    json_decref(j);
}
END_TEST

START_TEST(invalid_utf8_mid_block)
{
    /*
     * Line 4 is "Zoë said the caf\xE9 would ...": it starts at byte 59 (lines
     * of 25, 1 and 33 bytes before it); "Zoë said the caf" is 17 bytes but 16
     * characters, so the Latin-1 é is at byte 76, column 17.
     */
    char *err;
    const char *article = fixture("bad/invalid-utf8-mid-block.txt");
    json_t *j = expect_input_error(article, "utf8", &err);
    char where[1100];
    snprintf(where, sizeof where, "%s:4:17: ", article);
    ck_assert_contains(err, where);
    ck_assert_contains(err, "invalid UTF-8 at byte offset 76 (line 4, column 17, byte 0xE9)");
    ck_assert_contains(err, "convert the file to UTF-8");
    json_t *e = json_object_get(doc_at(j, 0), "error");
    ck_assert_int_eq(int_at(e, "line"), 4);
    ck_assert_int_eq(int_at(e, "column"), 17);
    ck_assert_int_eq(int_at(e, "offset"), 76);
    free(err);
    json_decref(j);
}
END_TEST

START_TEST(nul_byte)
{
    /* "First line.\n" is 12 bytes and "Second" 6 more: the NUL is byte 18, line 2, column 7. */
    char *err;
    const char *article = fixture("bad/nul-byte.txt");
    json_t *j = expect_input_error(article, "nul", &err);
    char where[1100];
    snprintf(where, sizeof where, "%s:2:7: ", article);
    ck_assert_contains(err, where);
    ck_assert_contains(err, "NUL byte at byte offset 18 (line 2, column 7)");
    ck_assert_contains(err, "binary data");
    json_t *e = json_object_get(doc_at(j, 0), "error");
    ck_assert_int_eq(int_at(e, "offset"), 18);
    free(err);
    json_decref(j);
}
END_TEST

/* The word count's JSON report on one article; exit 0 and nothing on stderr. */
static json_t *count_words(const char *article)
{
    run r = GALLEY("run", WORDCOUNT, article, "-f", "json");
    ck_assert_msg(r.status == 0, "%s: exit %d: %s", article, r.status, r.err);
    ck_assert_str_eq(r.err, "");
    json_t *j = parse(r.out);
    run_free(&r);
    return j;
}

START_TEST(bom_is_skipped_but_counted)
{
    json_t *lf = count_words(fixture("line-ends/lf.txt"));
    json_t *bom = count_words(fixture("line-ends/bom.txt"));
    json_t *a = doc_at(lf, 0), *b = doc_at(bom, 0);
    ck_assert_int_eq(int_at(b, "bytes"), int_at(a, "bytes") + 3);
    json_t *la = json_object_get(a, "blocks"), *lb = json_object_get(b, "blocks");
    ck_assert_uint_eq(json_array_size(la), 3);
    ck_assert_uint_eq(json_array_size(lb), 3);
    /* The first block starts after the BOM: offsets are into the file as it is. */
    ck_assert_int_eq(int_at(json_array_get(lb, 0), "start"), 3);
    for (size_t i = 0; i < 3; i++) {
        json_t *x = json_array_get(la, i), *y = json_array_get(lb, i);
        ck_assert_int_eq(int_at(y, "start"), int_at(x, "start") + 3);
        ck_assert_int_eq(int_at(y, "end"), int_at(x, "end") + 3);
        ck_assert_int_eq(int_at(y, "line"), int_at(x, "line"));
        ck_assert(json_equal(json_object_get(y, "attrs"), json_object_get(x, "attrs")));
    }
    ck_assert(json_equal(json_object_get(a, "results"), json_object_get(b, "results")));
    json_decref(lf);
    json_decref(bom);
}
END_TEST

/* The text of a block, with CR LF and lone CR written as LF. */
static char *block_text(const char *file, const json_t *block)
{
    size_t n;
    char *bytes = t_read(file, &n);
    ck_assert_ptr_nonnull(bytes);
    size_t start = (size_t)int_at(block, "start"), end = (size_t)int_at(block, "end");
    ck_assert_uint_le(end, n);
    char *out = calloc(1, end - start + 1);
    size_t k = 0;
    for (size_t i = start; i < end; i++) {
        if (bytes[i] == '\r') {
            out[k++] = '\n';
            if (i + 1 < end && bytes[i + 1] == '\n')
                i++;
        } else {
            out[k++] = bytes[i];
        }
    }
    free(bytes);
    return out;
}

static void same_blocks_as_lf(const char *name)
{
    const char *lf_path = fixture("line-ends/lf.txt"), *other_path = fixture(name);
    json_t *lf = count_words(lf_path), *other = count_words(other_path);
    json_t *a = doc_at(lf, 0), *b = doc_at(other, 0);
    json_t *la = json_object_get(a, "blocks"), *lb = json_object_get(b, "blocks");
    ck_assert_uint_eq(json_array_size(la), 3);
    ck_assert_uint_eq(json_array_size(lb), 3);
    ck_assert_int_eq(int_at(b, "lines"), int_at(a, "lines"));
    ck_assert_int_eq(int_at(b, "sentences"), int_at(a, "sentences"));
    for (size_t i = 0; i < 3; i++) {
        json_t *x = json_array_get(la, i), *y = json_array_get(lb, i);
        ck_assert_int_eq(int_at(y, "line"), int_at(x, "line"));
        ck_assert(json_equal(json_object_get(y, "attrs"), json_object_get(x, "attrs")));
        char *tx = block_text(lf_path, x), *ty = block_text(other_path, y);
        ck_assert_str_eq(ty, tx);
        free(tx);
        free(ty);
    }
    ck_assert(json_equal(json_object_get(a, "results"), json_object_get(b, "results")));
    json_decref(lf);
    json_decref(other);
}

START_TEST(crlf_line_ends)
{
    same_blocks_as_lf("line-ends/crlf.txt");
}
END_TEST

START_TEST(cr_line_ends)
{
    same_blocks_as_lf("line-ends/cr.txt");
}
END_TEST

/*
 * One line of 50 MiB ("word word ... word."), made here rather than kept in
 * the repository.  It is one block and one sentence of 10485760 words.
 */
START_TEST(one_50mb_line)
{
    const size_t words = 50u * 1024 * 1024 / 5;
    const char *path = tmp("one-long-line.txt");
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    static char chunk[5 * 4096];
    for (size_t i = 0; i < sizeof chunk; i += 5)
        memcpy(chunk + i, "word ", 5);
    for (size_t done = 0; done < words; done += 4096) {
        size_t n = words - done < 4096 ? words - done : 4096;
        if (done + n == words) {
            chunk[n * 5 - 1] = '.';
            ck_assert_uint_eq(fwrite(chunk, 1, n * 5, f), n * 5);
            ck_assert_int_eq(fputc('\n', f), '\n');
        } else {
            ck_assert_uint_eq(fwrite(chunk, 1, n * 5, f), n * 5);
        }
    }
    ck_assert_int_eq(fclose(f), 0);
    const long long bytes = (long long)words * 5 + 1;

    run r = GALLEY("run", WORDCOUNT, path, "-f", "json", "--max-bytes", "64M");
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    ck_assert_str_eq(r.err, "");
    json_t *j = parse(r.out);
    json_t *doc = doc_at(j, 0);
    ck_assert_int_eq(int_at(doc, "bytes"), bytes);
    ck_assert_int_eq(int_at(doc, "lines"), 1);
    ck_assert_uint_eq(json_array_size(json_object_get(doc, "blocks")), 1);
    json_t *wc = json_object_get(json_object_get(doc, "results"), "wordcount");
    ck_assert_int_eq(int_at(wc, "words"), (long long)words);
    ck_assert_int_eq(int_at(wc, "sentences"), 1);
    ck_assert_int_eq(int_at(wc, "longest_sentence"), (long long)words);
    json_decref(j);
    run_free(&r);

    r = GALLEY("run", WORDCOUNT, path, "-f", "json", "--max-bytes", "10M");
    ck_assert_int_eq(r.status, 3);
    ck_one_line(r.err);
    ck_assert_contains(r.err, path);
    ck_assert_contains(r.err, "is 52428801 bytes, over the 10485760-byte limit");
    ck_assert_contains(r.err, "raise it with --max-bytes");
    run_free(&r);
}
END_TEST

/*
 * A directory where two articles cannot be read: a dangling symbolic link
 * named like an article, and a file nobody may read.  chmod 000 does not stop
 * root, and CI runs the tests as root, so galley runs as the user nobody
 * then.  The other articles are still processed and reported, in order, and
 * the exit status says 3 at the end.
 */
START_TEST(directory_with_an_unreadable_file)
{
    open_tmp_dir_to_all();
    const char *dir = tmp_mkdir("batch");
    copy_file(fixture("unreadable-dir/1-first.txt"), tmp("batch/1-first.txt"));
    copy_file(fixture("unreadable-dir/3-third.txt"), tmp("batch/3-third.txt"));
    ck_assert_int_eq(symlink("deleted-article.txt", tmp("batch/2-dangling.txt")), 0);
    copy_file(fixture("unreadable-dir/1-first.txt"), tmp("batch/2b-no-permission.txt"));
    ck_assert_int_eq(chmod(tmp("batch/2b-no-permission.txt"), 0), 0);
    const char *args[] = {"galley", "run",  WORDCOUNT,       dir,
                          "-f",     "json", "--plugin-path", GALLEY_PLUGIN_BUILD_DIR,
                          NULL};
    run r = galley_spawn(args, 0, 1);
    ck_assert_msg(r.status == 3, "exit %d: %s", r.status, r.err);
    /* one line for each article that could not be read, each naming it and what to do */
    ck_assert_uint_eq(count_lines(r.err), 2);
    char want[1200];
    snprintf(want, sizeof want,
             "galley: %s: cannot read: it is a symbolic link to a file that does not exist; "
             "fix or remove the link\n",
             tmp("batch/2-dangling.txt"));
    ck_assert_contains(r.err, want);
    snprintf(want, sizeof want,
             "galley: %s: cannot read: permission denied; check the file's permissions\n",
             tmp("batch/2b-no-permission.txt"));
    ck_assert_contains(r.err, want);
    json_t *j = parse(r.out);
    ck_assert_uint_eq(json_array_size(json_object_get(j, "documents")), 4);
    ck_assert_int_eq(int_at(json_object_get(j, "summary"), "documents"), 4);
    ck_assert_int_eq(int_at(json_object_get(j, "summary"), "failed"), 2);
    const char *order[] = {"1-first.txt", "2-dangling.txt", "2b-no-permission.txt", "3-third.txt"};
    for (size_t i = 0; i < 4; i++) {
        char path[1100];
        snprintf(path, sizeof path, "%s/%s", dir, order[i]);
        json_t *doc = doc_at(j, i);
        ck_assert_str_eq(str_at(doc, "path"), path);
        if (i == 1 || i == 2) {
            ck_assert_str_eq(str_at(json_object_get(doc, "error"), "status"), "input");
        } else {
            /* "The first (third) article of the batch.": six words, read in full */
            json_t *wc = json_object_get(json_object_get(doc, "results"), "wordcount");
            ck_assert_int_eq(int_at(wc, "words"), 6);
        }
    }
    json_decref(j);
    run_free(&r);
}
END_TEST

/*
 * A file whose name is not UTF-8 (Latin-1 "café"), beside a good one: one line
 * saying so and what to do, exit 3, and the document still in the report,
 * under its name with the stray byte shown as U+FFFD; the other is reported.
 */
START_TEST(file_name_that_is_not_utf8)
{
    const char *dir = tmp_mkdir("names");
    copy_file(fixture("unreadable-dir/1-first.txt"), tmp("names/caf\xE9.txt"));
    copy_file(fixture("unreadable-dir/3-third.txt"), tmp("names/good.txt"));
    run r = GALLEY("run", WORDCOUNT, dir, "-f", "json");
    ck_assert_msg(r.status == 3, "exit %d: %s", r.status, r.err);
    ck_one_line(r.err);
    char want[1200];
    snprintf(want, sizeof want,
             "galley: %s: its name is not valid UTF-8, and reports hold text as UTF-8 only: "
             "rename the file\n",
             tmp("names/caf\xE9.txt"));
    ck_assert_str_eq(r.err, want);
    json_t *j = parse(r.out);
    ck_assert_uint_eq(json_array_size(json_object_get(j, "documents")), 2);
    char shown[1100];
    snprintf(shown, sizeof shown, "%s/caf\xEF\xBF\xBD.txt", dir);
    ck_assert_str_eq(str_at(doc_at(j, 0), "path"), shown);
    ck_assert_str_eq(str_at(json_object_get(doc_at(j, 0), "error"), "status"), "input");
    json_t *wc = json_object_get(json_object_get(doc_at(j, 1), "results"), "wordcount");
    ck_assert_int_eq(int_at(wc, "words"), 6);
    json_decref(j);
    run_free(&r);
}
END_TEST

/* ---- the bad-input catalogue: configs and plugins ------------------------ */

/*
 * Runs a config that cannot load, with -o into an empty directory: the exit
 * status, one line naming the config, and no report and no temporary file,
 * since nothing may be written for a run that never started.
 */
static char *expect_config_failure(const char *config, int status)
{
    const char *dir = tmp_mkdir("out");
    run r = GALLEY("run", config, fixture("articles/small.txt"), "-o", tmp("out/report.json"));
    ck_assert_msg(r.status == status, "%s: exit %d, want %d: %s", config, r.status, status, r.err);
    ck_one_line(r.err);
    ck_assert_contains(r.err, config);
    ck_assert_str_eq(r.out, "");
    ck_assert_listing(dir, "");
    /* galley check finds the same problem, with the same message and status */
    run c = GALLEY("check", config);
    ck_assert_int_eq(c.status, status);
    ck_assert_str_eq(c.err, r.err);
    run_free(&c);
    free(r.out);
    return r.err;
}

START_TEST(malformed_json_config)
{
    /* Line 6 is "  ]": the list closes right after a trailing comma. */
    char *err = expect_config_failure(fixture("config/malformed.json"), 2);
    ck_assert_contains(err, "malformed.json:6:3: not valid JSON");
    free(err);
}
END_TEST

START_TEST(unknown_config_key)
{
    char *err = expect_config_failure(fixture("config/unknown-key.json"), 2);
    ck_assert_contains(err, "unknown-key.json:5:3: gaet: unknown key 'gaet'; did you mean 'gate'?");
    free(err);
}
END_TEST

START_TEST(unknown_plugin)
{
    char *err = expect_config_failure(fixture("config/unknown-plugin.json"), 2);
    /* line 4, at the plugin's name: column of its opening quote, counted from the file */
    size_t n;
    char *text = t_read(fixture("config/unknown-plugin.json"), &n);
    const char *line4 = strstr(text, "  \"steps\"");
    ck_assert_ptr_nonnull(line4);
    int column = (int)(strstr(line4, "\"no-such-plugin\"") - line4) + 1;
    char where[128];
    snprintf(where, sizeof where, "unknown-plugin.json:4:%d: steps[0].plugin: ", column);
    ck_assert_contains(err, where);
    ck_assert_contains(err, "no plugin 'no-such-plugin'");
    /* the message lists the search path and says how to extend it */
    ck_assert_contains(err, GALLEY_TEST_PLUGIN_DIR);
    ck_assert_contains(err, GALLEY_PLUGIN_BUILD_DIR);
    ck_assert_contains(err, "--plugin-path");
    free(text);
    free(err);
}
END_TEST

START_TEST(plugin_with_wrong_abi)
{
    char *err = expect_config_failure(fixture("config/abi-future.json"), 4);
    char theirs[64], ours[64];
    snprintf(theirs, sizeof theirs, "plugin ABI %d.0 ", GALLEY_PLUGIN_ABI_MAJOR + 1);
    snprintf(ours, sizeof ours, "galley's ABI %d.%d", GALLEY_PLUGIN_ABI_MAJOR,
             GALLEY_PLUGIN_ABI_MINOR);
    ck_assert_contains(err, "galley-abi-future.so");
    ck_assert_contains(err, theirs);
    ck_assert_contains(err, ours);
    ck_assert_contains(err, "rebuild the plugin");
    free(err);
}
END_TEST

START_TEST(plugin_without_entry_symbol)
{
    char *err = expect_config_failure(fixture("config/no-entry-symbol.json"), 4);
    ck_assert_contains(err, "galley-no-entry.so: not a galley plugin");
    ck_assert_contains(err, "no symbol galley_plugin_entry");
    ck_assert_contains(err, "GALLEY_PLUGIN_DEFINE");
    free(err);
}
END_TEST

START_TEST(plugin_create_fails)
{
    char *err = expect_config_failure(fixture("config/fail-create.json"), 4);
    ck_assert_contains(err, "plugin 'fail-create' could not start: cannot open the model (a "
                            "deliberate failure)");
    free(err);
}
END_TEST

START_TEST(plugin_process_fails)
{
    /* Only the middle article says FAIL; the others are reported in full. */
    const char *a = t_write("1-calm.txt", "A calm first article.\n");
    const char *b = t_write("2-fail.txt", "This one will FAIL.\n");
    const char *c = t_write("3-calm.txt", "A calm last article.\n");
    run r = GALLEY("run", fixture("config/fail-process.json"), a, b, c, "-f", "json");
    ck_assert_msg(r.status == 4, "exit %d: %s", r.status, r.err);
    ck_one_line(r.err);
    ck_assert_contains(r.err, b);
    ck_assert_contains(r.err, "step 'picky' (plugin fail-process 0.0.1) failed: cannot process "
                              "this text (a deliberate failure)");
    json_t *j = parse(r.out);
    ck_assert_uint_eq(json_array_size(json_object_get(j, "documents")), 3);
    ck_assert(json_is_true(
        json_object_get(json_object_get(json_object_get(doc_at(j, 0), "results"), "picky"), "ok")));
    ck_assert(json_is_true(
        json_object_get(json_object_get(json_object_get(doc_at(j, 2), "results"), "picky"), "ok")));
    json_t *e = json_object_get(doc_at(j, 1), "error");
    ck_assert_str_eq(str_at(e, "status"), "plugin");
    ck_assert_contains(str_at(e, "message"), "a deliberate failure");
    ck_assert_int_eq(int_at(json_object_get(j, "summary"), "failed"), 1);
    json_decref(j);
    run_free(&r);
}
END_TEST

/* A plugin that leaves its result text open fails the document as a plugin error. */
START_TEST(plugin_leaves_its_result_open)
{
    const char *a = t_write("open.txt", "One block of text.\n");
    run r = GALLEY("run", fixture("config/written-left-open.json"), a, "-f", "jsonl");
    ck_assert_msg(r.status == 4, "exit %d: %s", r.status, r.err);
    ck_one_line(r.err);
    ck_assert_contains(r.err, a);
    ck_assert_contains(r.err, "step 'w' (plugin written 0.0.1) failed: its result was left open: "
                              "an object or array without galley_result_end");
    json_t *j = parse(r.out); /* the document's line says what failed, and nothing more */
    ck_assert_str_eq(str_at(json_object_get(j, "error"), "status"), "plugin");
    ck_assert_ptr_null(json_object_get(j, "results"));
    json_decref(j);
    run_free(&r);
}
END_TEST

/* ---- the bad-input catalogue: outputs ------------------------------------ */

START_TEST(output_in_a_missing_directory)
{
    const char *dir = tmp_mkdir("out");
    const char *target = tmp("out/missing/deeper/report.json");
    run r = GALLEY("run", WORDCOUNT, fixture("articles/small.txt"), "-o", target);
    ck_assert_int_eq(r.status, 2);
    ck_one_line(r.err);
    ck_assert_contains(r.err, target);
    ck_assert_contains(r.err, "does not exist; create it or choose another output path");
    ck_assert_str_eq(r.out, "");
    /* no file and no directory was made on the way */
    ck_assert_listing(dir, "");
    ck_assert_listing(t_dir(), "out");
    run_free(&r);
}
END_TEST

START_TEST(output_under_a_regular_file)
{
    const char *dir = tmp_mkdir("out");
    write_file(tmp("out/notes"), "keep me\n", 8);
    const char *target = tmp("out/notes/report.json");
    run r = GALLEY("run", WORDCOUNT, fixture("articles/small.txt"), "-o", target);
    ck_assert_int_eq(r.status, 2);
    ck_one_line(r.err);
    ck_assert_contains(r.err, target);
    ck_assert_contains(r.err, "is not a directory");
    ck_assert_listing(dir, "notes");
    char *kept = t_read(tmp("out/notes"), NULL);
    ck_assert_str_eq(kept, "keep me\n");
    free(kept);
    run_free(&r);
}
END_TEST

START_TEST(output_in_a_read_only_directory)
{
    open_tmp_dir_to_all();
    const char *dir = tmp_mkdir("out");
    ck_assert_int_eq(chmod(dir, 0555), 0);
    const char *target = tmp("out/report.json");
    const char *args[] = {"galley", "run",  WORDCOUNT,       fixture("articles/small.txt"),
                          "-o",     target, "--plugin-path", GALLEY_PLUGIN_BUILD_DIR,
                          NULL};
    run r = galley_spawn(args, 0, 1);
    ck_assert_msg(r.status == 2, "exit %d: %s", r.status, r.err);
    ck_one_line(r.err);
    ck_assert_contains(r.err, target);
    ck_assert_contains(r.err, "Permission denied");
    ck_assert_str_eq(r.out, "");
    ck_assert_listing(dir, "");
    run_free(&r);
}
END_TEST

/*
 * A write that fails half way (a file size limit, which binds root too): the
 * old report stays as it was and no temporary file is left beside it.
 */
START_TEST(output_write_fails_half_way)
{
    /* json, written at the end; jsonl, written as each document finishes */
    static const char *const formats[] = {"json", "jsonl"};
    for (size_t f = 0; f < 2; f++) {
        char name[32];
        snprintf(name, sizeof name, "out-%s", formats[f]);
        const char *dir = tmp_mkdir(name);
        char target[1100];
        snprintf(target, sizeof target, "%s/report.json", dir);
        write_file(target, "the previous report\n", 20);
        const char *small = fixture("articles/small.txt");
        const char *args[] = {"galley", "run", WORDCOUNT, small, small, small, small, small,
                              "-f",     formats[f], "-o", target, "--plugin-path",
                              GALLEY_PLUGIN_BUILD_DIR, NULL};
        /* the report of five articles is several kB */
        run r = galley_spawn(args, 1024, 0);
        ck_assert_msg(r.status == 2, "%s: exit %d: %s", formats[f], r.status, r.err);
        ck_one_line(r.err);
        ck_assert_contains(r.err, "cannot write the report to ");
        ck_assert_contains(r.err, target);
        ck_assert_listing(dir, "report.json");
        char *kept = t_read(target, NULL);
        ck_assert_str_eq(kept, "the previous report\n");
        free(kept);
        run_free(&r);
    }
}
END_TEST

/*
 * A FIFO as the output is written through, not replaced: renaming a
 * temporary file over it would leave a regular file where the pipe was, and
 * the reader would get nothing.
 */
START_TEST(output_to_a_fifo)
{
    const char *dir = tmp_mkdir("out");
    const char *fifo = tmp("out/pipe");
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    /* Opened for reading and writing, so that neither side blocks on open. */
    int fd = open(fifo, O_RDWR | O_NONBLOCK);
    ck_assert_int_ge(fd, 0);
    run r = GALLEY("run", WORDCOUNT, fixture("articles/small.txt"), "-f", "jsonl", "-o", fifo);
    ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
    struct stat st;
    ck_assert_int_eq(lstat(fifo, &st), 0);
    ck_assert(S_ISFIFO(st.st_mode));
    ck_assert_listing(dir, "pipe");
    char buf[8192];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    ck_assert_int_gt(n, 0);
    buf[n] = '\0';
    ck_assert_uint_eq(count_lines(buf), 1);
    json_t *doc = parse(buf);
    ck_assert_int_eq(int_at(doc, "bytes"), 428);
    json_decref(doc);
    close(fd);
    run_free(&r);
}
END_TEST

/* ---- the bad-input catalogue: meta files --------------------------------- */

START_TEST(meta_with_invalid_json)
{
    const char *meta = fixture("meta/invalid-json.meta.json");
    run r = GALLEY("run", WORDCOUNT, fixture("articles/small.txt"), "--meta", meta);
    ck_assert_int_eq(r.status, 2);
    ck_one_line(r.err);
    /* line 4 is the "}" after a trailing comma */
    char where[1100];
    snprintf(where, sizeof where, "%s:4:1: meta file is not valid JSON", meta);
    ck_assert_contains(r.err, where);
    ck_assert_str_eq(r.out, "");
    run_free(&r);
}
END_TEST

START_TEST(meta_with_unknown_key)
{
    /* as a sidecar found beside the article ... */
    const char *article = fixture("meta/unknown-key-sidecar.txt");
    const char *sidecar = fixture("meta/unknown-key-sidecar.meta.json");
    run r = GALLEY("run", WORDCOUNT, article, "-f", "json");
    ck_assert_int_eq(r.status, 2);
    ck_one_line(r.err);
    char where[1100];
    snprintf(where, sizeof where,
             "%s:3:3: pseudonym: unknown meta key 'pseudonym'; did you mean "
             "'pseudonyms'?",
             sidecar);
    ck_assert_contains(r.err, where);
    json_t *j = parse(r.out);
    json_t *e = json_object_get(doc_at(j, 0), "error");
    ck_assert_str_eq(str_at(e, "status"), "config");
    ck_assert_str_eq(str_at(e, "source"), sidecar);
    json_decref(j);
    run_free(&r);

    /* ... and given with --meta, refused before any article is read */
    const char *meta = fixture("meta/unknown-key.meta.json");
    r = GALLEY("run", WORDCOUNT, fixture("articles/small.txt"), "--meta", meta);
    ck_assert_int_eq(r.status, 2);
    ck_one_line(r.err);
    ck_assert_contains(r.err, meta);
    ck_assert_contains(r.err, "unknown meta key 'pseudonym'");
    ck_assert_str_eq(r.out, "");
    run_free(&r);
}
END_TEST

/* ---- commands, options and help ------------------------------------------ */

START_TEST(help_of_every_command)
{
    run top = GALLEY("--help");
    ck_assert_int_eq(top.status, 0);
    ck_assert_str_eq(top.err, "");
    ck_assert_contains(top.out, "Examples:");
    ck_assert_contains(top.out, "Exit status:");
    run h = GALLEY("-h");
    ck_assert_int_eq(h.status, 0);
    ck_assert_str_eq(h.out, top.out);
    run_free(&h);
    h = GALLEY("help");
    ck_assert_int_eq(h.status, 0);
    ck_assert_str_eq(h.out, top.out);
    run_free(&h);

    /* every command the top-level help lists has its own help, with examples */
    const char *list = strstr(top.out, "Commands:\n");
    ck_assert_ptr_nonnull(list);
    list += strlen("Commands:\n");
    size_t commands = 0;
    while (strncmp(list, "  ", 2) == 0) {
        char name[32];
        ck_assert_int_eq(sscanf(list, " %31s", name), 1);
        list = strchr(list, '\n') + 1;
        if (strcmp(name, "help") == 0)
            continue;
        commands++;
        run c = GALLEY(name, "--help");
        ck_assert_msg(c.status == 0, "galley %s --help: exit %d", name, c.status);
        ck_assert_str_eq(c.err, "");
        char usage[64];
        snprintf(usage, sizeof usage, "usage: galley %s", name);
        ck_assert_contains(c.out, usage);
        ck_assert_contains(c.out, "Examples:");
        /* galley help COMMAND says the same */
        run via = GALLEY("help", name);
        ck_assert_int_eq(via.status, 0);
        ck_assert_str_eq(via.out, c.out);
        run_free(&via);
        run_free(&c);
    }
    ck_assert_uint_ge(commands, 3); /* run, check, plugins at least */
    run_free(&top);
}
END_TEST

START_TEST(version)
{
    char want[128];
    snprintf(want, sizeof want, "galley %s (plugin ABI %d.%d)\n", galley_version(),
             GALLEY_PLUGIN_ABI_MAJOR, GALLEY_PLUGIN_ABI_MINOR);
    run r = GALLEY("--version");
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, want);
    ck_assert_str_eq(r.err, "");
    run_free(&r);
    r = GALLEY("-V");
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, want);
    run_free(&r);
}
END_TEST

/* A usage error: exit 2, nothing on stdout, one line with the hint to --help. */
static void expect_usage_error(run r, const char *message, const char *hint)
{
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.out, "");
    ck_one_line(r.err);
    ck_assert_contains(r.err, message);
    ck_assert_contains(r.err, hint);
    run_free(&r);
}

START_TEST(unknown_command_and_options)
{
    expect_usage_error(GALLEY("frobnicate"), "no command 'frobnicate'", "see 'galley --help'");
    expect_usage_error(GALLEY("--frobnicate"), "unknown option '--frobnicate'",
                       "see 'galley --help'");
    expect_usage_error(GALLEY("run", WORDCOUNT, "--frobnicate"), "unknown option '--frobnicate'",
                       "see 'galley run --help'");
    expect_usage_error(GALLEY("check", "--frobnicate", WORDCOUNT), "unknown option '--frobnicate'",
                       "see 'galley check --help'");
    expect_usage_error(GALLEY("plugins", "--frobnicate"), "unknown option '--frobnicate'",
                       "see 'galley plugins --help'");
    expect_usage_error(GALLEY("run", WORDCOUNT, fixture("articles/small.txt"), "-f"),
                       "option '-f' needs a value", "see 'galley run --help'");
    expect_usage_error(GALLEY("run", WORDCOUNT, fixture("articles/small.txt"), "-f", "yaml"),
                       "unknown format 'yaml'", "see 'galley run --help'");
    expect_usage_error(GALLEY("run", WORDCOUNT, fixture("articles/small.txt"), "-j", "0"),
                       "--jobs wants a number from 1 to 256", "see 'galley run --help'");
    expect_usage_error(GALLEY("run"), "no CONFIG given", "see 'galley run --help'");
    expect_usage_error(GALLEY("plugins", "frob"), "no subcommand 'frob'",
                       "see 'galley plugins --help'");
}
END_TEST

START_TEST(check_good_and_bad_configs)
{
    run r = GALLEY("check", WORDCOUNT);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, "");
    ck_assert_contains(r.out, "wordcount.json: valid (word count)\n");
    ck_assert_contains(r.out, "1. wordcount      wordcount 1.0.0\n");
    ck_assert_contains(r.out, "gate: fail_on error\n");
    run_free(&r);

    r = GALLEY("check", WORDCOUNT, "-f", "json");
    ck_assert_int_eq(r.status, 0);
    json_t *j = parse(r.out);
    json_t *step = json_array_get(json_object_get(j, "steps"), 0);
    ck_assert_str_eq(str_at(step, "plugin"), "wordcount");
    ck_assert_double_eq_tol(
        json_number_value(json_object_get(json_object_get(step, "options"), "words_per_minute")),
        230.0, 1e-9);
    ck_assert_str_eq(str_at(json_object_get(j, "gate"), "fail_on"), "error");
    json_decref(j);
    run_free(&r);

    r = GALLEY("check", fixture("config/gate-warning.json"), "-q");
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "");
    ck_assert_str_eq(r.err, "");
    run_free(&r);

    const struct {
        const char *config;
        int status;
    } bad[] = {{"config/malformed.json", 2},       {"config/unknown-key.json", 2},
               {"config/unknown-plugin.json", 2},  {"config/abi-future.json", 4},
               {"config/no-entry-symbol.json", 4}, {"config/fail-create.json", 4}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = GALLEY("check", fixture(bad[i].config));
        ck_assert_msg(r.status == bad[i].status, "%s: exit %d", bad[i].config, r.status);
        ck_assert_str_eq(r.out, "");
        ck_one_line(r.err);
        run_free(&r);
        /* -q: the status alone */
        r = GALLEY("check", fixture(bad[i].config), "-q");
        ck_assert_int_eq(r.status, bad[i].status);
        ck_assert_str_eq(r.err, "");
        run_free(&r);
    }
    expect_usage_error(GALLEY("check", WORDCOUNT, WORDCOUNT), "one CONFIG at a time",
                       "see 'galley check --help'");
}
END_TEST

START_TEST(plugins_list)
{
    run r = GALLEY("plugins", "list");
    ck_assert_int_eq(r.status, 0);
    ck_assert_contains(r.out, "\nwordcount      1.0.0    Words, sentences and reading time per "
                              "block and per document\n");
    ck_assert_contains(r.out, "marker         0.0.1    Test plugin: marks blocks");
    /* a plugin that cannot load is listed as broken, with the reason */
    ck_assert_contains(r.out, "abi-future     (broken) plugin ABI");
    run_free(&r);
    /* "list" is the default */
    run d = GALLEY("plugins");
    ck_assert_int_eq(d.status, 0);
    ck_assert_contains(d.out, "wordcount      1.0.0");
    run_free(&d);

    r = GALLEY("plugins", "list", "-f", "json");
    ck_assert_int_eq(r.status, 0);
    json_t *j = parse(r.out);
    ck_assert(json_is_array(j));
    int seen_wordcount = 0, seen_broken = 0;
    size_t i;
    json_t *p;
    json_array_foreach (j, i, p) {
        const char *name = str_at(p, "name");
        if (strcmp(name, "wordcount") == 0) {
            seen_wordcount = 1;
            ck_assert_str_eq(str_at(p, "version"), "1.0.0");
            ck_assert_contains(str_at(p, "path"), GALLEY_PLUGIN_BUILD_DIR "/galley-wordcount.so");
            ck_assert_ptr_null(json_object_get(p, "error"));
        } else if (strcmp(name, "no-entry") == 0) {
            seen_broken = 1;
            ck_assert_contains(str_at(p, "error"), "galley_plugin_entry");
        }
    }
    ck_assert(seen_wordcount);
    ck_assert(seen_broken);
    json_decref(j);
    run_free(&r);
}
END_TEST

START_TEST(plugins_info)
{
    run r = GALLEY("plugins", "info", "wordcount");
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, "");
    ck_assert_contains(r.out, "Name       wordcount\n");
    ck_assert_contains(r.out, "Version    1.0.0\n");
    ck_assert_contains(r.out, "License    MIT\n");
    ck_assert_contains(r.out, "Attributes (per block)\n  words ");
    ck_assert_contains(r.out, "Results (per document)\n");
    ck_assert_contains(r.out, "  words_per_minute     number   default: 230\n");
    run_free(&r);

    r = GALLEY("plugins", "info", "wordcount", "-f", "json");
    ck_assert_int_eq(r.status, 0);
    json_t *j = parse(r.out);
    ck_assert_str_eq(str_at(j, "name"), "wordcount");
    ck_assert_str_eq(str_at(j, "version"), "1.0.0");
    json_t *opt = json_array_get(json_object_get(j, "options"), 0);
    ck_assert_str_eq(str_at(opt, "name"), "words_per_minute");
    ck_assert_str_eq(str_at(opt, "type"), "number");
    ck_assert_str_eq(str_at(opt, "default"), "230");
    ck_assert_uint_eq(json_array_size(json_object_get(j, "attributes")), 2);
    ck_assert_uint_eq(json_array_size(json_object_get(j, "results")), 6);
    json_decref(j);
    run_free(&r);

    r = GALLEY("plugins", "info", "no-such-plugin");
    ck_assert_int_eq(r.status, 2);
    ck_one_line(r.err);
    ck_assert_contains(r.err, "no plugin 'no-such-plugin'");
    ck_assert_contains(r.err, GALLEY_TEST_PLUGIN_DIR);
    run_free(&r);
    expect_usage_error(GALLEY("plugins", "info"), "'info' needs a plugin NAME",
                       "see 'galley plugins --help'");
}
END_TEST

/* ---- reports ------------------------------------------------------------- */

START_TEST(json_report_shape)
{
    const char *small = fixture("articles/small.txt"), *lf = fixture("line-ends/lf.txt");
    run r = GALLEY("run", WORDCOUNT, small, lf, "-f", "json");
    ck_assert_int_eq(r.status, 0);
    json_t *j = parse(r.out);
    ck_assert_str_eq(str_at(j, "galley"), galley_version());
    ck_assert_int_eq(int_at(j, "report_version"), 1);
    json_t *config = json_object_get(j, "config");
    ck_assert_str_eq(str_at(config, "path"), WORDCOUNT);
    ck_assert_str_eq(str_at(config, "name"), "word count");
    ck_assert_str_eq(str_at(json_array_get(json_object_get(config, "steps"), 0), "id"),
                     "wordcount");
    json_t *gate = json_object_get(j, "gate");
    ck_assert(json_is_true(json_object_get(gate, "passed")));
    ck_assert_str_eq(str_at(gate, "fail_on"), "error");
    ck_assert_int_eq(int_at(gate, "errors"), 0);
    ck_assert_int_eq(int_at(gate, "warnings"), 0);
    json_t *docs = json_object_get(j, "documents");
    ck_assert_uint_eq(json_array_size(docs), 2);
    size_t i;
    json_t *doc;
    json_array_foreach (docs, i, doc) {
        ck_assert_str_eq(str_at(doc, "path"), i == 0 ? small : lf);
        ck_assert_int_gt(int_at(doc, "bytes"), 0);
        json_t *blocks = json_object_get(doc, "blocks");
        ck_assert(json_is_array(blocks));
        ck_assert_uint_gt(json_array_size(blocks), 0);
        size_t k;
        json_t *b;
        long long previous_end = -1;
        json_array_foreach (blocks, k, b) {
            ck_assert_int_eq(int_at(b, "index"), (long long)k);
            ck_assert_int_gt(int_at(b, "line"), 0);
            ck_assert_int_gt(int_at(b, "start"), previous_end);
            ck_assert_int_gt(int_at(b, "end"), int_at(b, "start"));
            ck_assert_int_le(int_at(b, "end"), int_at(doc, "bytes"));
            ck_assert(json_is_object(json_object_get(b, "attrs")));
            ck_assert(json_is_number(json_object_get(json_object_get(b, "attrs"), "words")));
            previous_end = int_at(b, "end");
        }
        ck_assert(json_is_object(json_object_get(json_object_get(doc, "results"), "wordcount")));
        ck_assert(json_is_array(json_object_get(doc, "findings")));
    }
    json_t *summary = json_object_get(j, "summary");
    ck_assert_int_eq(int_at(summary, "documents"), 2);
    ck_assert_int_eq(int_at(summary, "failed"), 0);
    ck_assert_int_eq(int_at(summary, "blocks"), 5 + 3);
    ck_assert_int_eq(int_at(summary, "bytes"),
                     int_at(doc_at(j, 0), "bytes") + int_at(doc_at(j, 1), "bytes"));
    json_decref(j);
    run_free(&r);
}
END_TEST

START_TEST(jsonl_one_line_per_document_in_input_order)
{
    /* deliberately not in sorted order: the order given is the order written */
    const char *inputs[] = {fixture("line-ends/lf.txt"), fixture("articles/small.txt"),
                            fixture("line-ends/cr.txt"), fixture("bad/nul-byte.txt")};
    run r = GALLEY("run", WORDCOUNT, inputs[0], inputs[1], inputs[2], inputs[3], "-f", "jsonl",
                   "-j", "4");
    ck_assert_int_eq(r.status, 3); /* the NUL byte */
    ck_assert_uint_eq(count_lines(r.out), 4);
    const char *line = r.out;
    for (size_t i = 0; i < 4; i++) {
        const char *nl = strchr(line, '\n');
        char *one = strndup(line, (size_t)(nl - line));
        json_t *doc = parse(one);
        ck_assert_str_eq(str_at(doc, "path"), inputs[i]);
        ck_assert_int_eq(json_object_get(doc, "error") != NULL, i == 3);
        json_decref(doc);
        free(one);
        line = nl + 1;
    }
    run_free(&r);
}
END_TEST

START_TEST(text_report)
{
    const char *article = t_write("warn.txt", "Opening line.\n\nThe crew WARN of wind.\n");
    run r = GALLEY("run", fixture("config/gate-warning.json"), article, "-f", "text");
    ck_assert_int_eq(r.status, 1);
    char want[1200];
    snprintf(want, sizeof want, "%s  2 blocks, 2 sentences, 0.0 kB, 1 finding\n", article);
    ck_assert_contains(r.out, want);
    ck_assert_contains(r.out, "  marker       blocks_in_scope 2\n");
    /* "The crew " is nine characters: WARN is at line 3, column 10 */
    snprintf(want, sizeof want, "  %s:3:10 warning marker/has-warning block 1 says WARN\n",
             article);
    ck_assert_contains(r.out, want);
    ck_assert_contains(r.out, "\n1 document, 0 errors, 1 warning, 0 info — gate FAILED (fail_on: "
                              "warning)\n");
    run_free(&r);

    /* -q: the findings and the summary only */
    r = GALLEY("run", fixture("config/gate-warning.json"), article, "-f", "text", "-q");
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_null(strstr(r.out, "blocks_in_scope"));
    ck_assert_contains(r.out, "warning marker/has-warning");
    run_free(&r);
}
END_TEST

/*
 * -o: the report appears only when the run is over.  galley is started on an
 * article it reads from a pipe held open by the test: while it waits, only
 * its temporary file exists; once the article is sent and galley is done,
 * only the report does, with exactly what standard output would have had.
 */
START_TEST(output_file_is_atomic)
{
    const char *dir = tmp_mkdir("out");
    const char *target = tmp("out/report.json");
    const char *text = "Quiet day at the harbour.\n\nNothing else to report.\n";
    int in[2];
    ck_assert_int_eq(pipe(in), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(in[0], 0);
        close(in[0]);
        close(in[1]);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execl(GALLEY_EXE, "galley", "run", WORDCOUNT, "-", "-f", "json", "-o", target,
              "--plugin-path", GALLEY_PLUGIN_BUILD_DIR, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    int seen_temporary = 0;
    for (int i = 0; i < 800 && !seen_temporary; i++) { /* up to 20 s on a loaded machine */
        char *list = listing(dir);
        seen_temporary = strncmp(list, ".report.json.", 13) == 0 && !strchr(list, ' ');
        free(list);
        if (!seen_temporary) {
            int status;
            ck_assert_msg(waitpid(pid, &status, WNOHANG) == 0, "galley ended early");
            usleep(25000);
        }
    }
    ck_assert_msg(seen_temporary, "no temporary file appeared beside the report");
    ck_assert_int_ne(access(target, F_OK), 0);
    signal(SIGPIPE, SIG_IGN); /* a failure, not a crash, should galley have gone */
    ck_assert_int_eq(write(in[1], text, strlen(text)), (ssize_t)strlen(text));
    close(in[1]);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    ck_assert_listing(dir, "report.json");

    run r = GALLEY_STDIN(text, "run", WORDCOUNT, "-", "-f", "json");
    ck_assert_int_eq(r.status, 0);
    char *written = t_read(target, NULL);
    ck_assert_str_eq(written, r.out);
    free(written);
    run_free(&r);
}
END_TEST

START_TEST(stdin_is_an_article)
{
    const char *text = "Read from a pipe.\n\nTwo blocks of it.\n";
    run r = GALLEY_STDIN(text, "run", WORDCOUNT, "-", "-f", "json");
    ck_assert_int_eq(r.status, 0);
    json_t *j = parse(r.out);
    json_t *doc = doc_at(j, 0);
    ck_assert_str_eq(str_at(doc, "path"), "-");
    ck_assert_int_eq(int_at(doc, "bytes"), (long long)strlen(text));
    ck_assert_uint_eq(json_array_size(json_object_get(doc, "blocks")), 2);
    json_decref(j);
    run_free(&r);

    /* no inputs at all and a pipe on stdin: the same */
    r = GALLEY_STDIN(text, "run", WORDCOUNT, "-f", "json");
    ck_assert_int_eq(r.status, 0);
    j = parse(r.out);
    ck_assert_str_eq(str_at(doc_at(j, 0), "path"), "-");
    json_decref(j);
    run_free(&r);

    expect_usage_error(GALLEY_STDIN(text, "run", WORDCOUNT, "-", "-"),
                       "standard input ('-') can be read only once", "see 'galley run --help'");
}
END_TEST

START_TEST(files_from)
{
    const char *a = fixture("line-ends/lf.txt"), *b = fixture("articles/small.txt");
    char list[4096];
    snprintf(list, sizeof list, "%s\n\n%s\r\n", b, a); /* a blank line and a CRLF are fine */
    const char *list_file = t_write("list.txt", list);
    run r = GALLEY("run", WORDCOUNT, "--files-from", list_file, "-f", "jsonl");
    ck_assert_int_eq(r.status, 0);
    ck_assert_uint_eq(count_lines(r.out), 2);
    char *line = strndup(r.out, (size_t)(strchr(r.out, '\n') - r.out));
    json_t *first = parse(line);
    ck_assert_str_eq(str_at(first, "path"), b);
    ck_assert_contains(strchr(r.out, '\n'), a);
    json_decref(first);
    free(line);
    run_free(&r);

    /* the list on standard input */
    r = GALLEY_STDIN(list, "run", WORDCOUNT, "--files-from", "-", "-f", "json");
    ck_assert_int_eq(r.status, 0);
    json_t *j = parse(r.out);
    ck_assert_uint_eq(json_array_size(json_object_get(j, "documents")), 2);
    ck_assert_str_eq(str_at(doc_at(j, 0), "path"), b);
    ck_assert_str_eq(str_at(doc_at(j, 1), "path"), a);
    json_decref(j);
    run_free(&r);

    /* standard input cannot be both the list and an article */
    expect_usage_error(GALLEY_STDIN(list, "run", WORDCOUNT, "-", "--files-from", "-"),
                       "standard input can be read only once", "see 'galley run --help'");
    expect_usage_error(GALLEY("run", WORDCOUNT, "--files-from", tmp("no-such-list.txt")),
                       "cannot read the list", "see 'galley run --help'");
}
END_TEST

START_TEST(directory_walk_is_sorted_and_globbed)
{
    const char *dir = tmp_mkdir("walk");
    tmp_mkdir("walk/sub");
    const char *names[] = {"b.txt",     "a.txt",       "C.txt",    "a10.txt",    "a2.txt",
                           "sub/z.txt", ".hidden.txt", "notes.md", "sub/deep.md"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[64], text[128];
        snprintf(path, sizeof path, "walk/%s", names[i]);
        snprintf(text, sizeof text, "The article called %s.\n", names[i]);
        write_file(tmp(path), text, strlen(text));
    }
    /* byte order of names, not locale order; hidden files skipped; subdirectories walked */
    const char *want[] = {"C.txt", "a.txt", "a10.txt", "a2.txt", "b.txt", "sub/z.txt"};
    run r = GALLEY("run", WORDCOUNT, dir, "-f", "json");
    ck_assert_int_eq(r.status, 0);
    json_t *j = parse(r.out);
    ck_assert_uint_eq(json_array_size(json_object_get(j, "documents")), 6);
    for (size_t i = 0; i < 6; i++) {
        char path[1100];
        snprintf(path, sizeof path, "%s/%s", dir, want[i]);
        ck_assert_str_eq(str_at(doc_at(j, i), "path"), path);
    }
    json_decref(j);
    run_free(&r);

    r = GALLEY("run", WORDCOUNT, dir, "--glob", "*.md", "-f", "json");
    ck_assert_int_eq(r.status, 0);
    j = parse(r.out);
    ck_assert_uint_eq(json_array_size(json_object_get(j, "documents")), 2);
    ck_assert_str_eq(str_at(doc_at(j, 0), "path"), tmp("walk/notes.md"));
    ck_assert_str_eq(str_at(doc_at(j, 1), "path"), tmp("walk/sub/deep.md"));
    json_decref(j);
    run_free(&r);

    r = GALLEY("run", WORDCOUNT, dir, "--glob", "*.html", "-f", "json");
    ck_assert_int_eq(r.status, 3);
    ck_one_line(r.err);
    ck_assert_contains(r.err, "no articles found");
    ck_assert_contains(r.err, "--glob");
    run_free(&r);
}
END_TEST

START_TEST(jobs_give_identical_output)
{
    const char *config = t_write("marker-words.json",
                                 "{\"galley\": 1, \"steps\": [{\"id\": \"marker\", \"plugin\": "
                                 "\"marker\"}, {\"id\": \"words\", \"plugin\": \"wordcount\"}], "
                                 "\"gate\": {\"fail_on\": \"never\"}}");
    const char *dir = tmp_mkdir("twelve");
    for (int i = 0; i < 12; i++) {
        char name[64], text[512];
        snprintf(name, sizeof name, "twelve/article-%02d.txt", i);
        int n = snprintf(text, sizeof text, "Headline number %d\n\n", i);
        for (int p = 0; p <= i % 4; p++)
            n += snprintf(text + n, sizeof text - (size_t)n,
                          "Paragraph %d of article %d says %s. It goes on a little.\n\n", p, i,
                          (i + p) % 3 == 0   ? "WARN"
                          : (i + p) % 3 == 1 ? "INFO"
                                             : "nothing");
        write_file(tmp(name), text, (size_t)n);
    }
    run one = GALLEY("run", config, dir, "-f", "json", "-j", "1");
    run four = GALLEY("run", config, dir, "-f", "json", "-j", "4");
    ck_assert_int_eq(one.status, 0);
    ck_assert_int_eq(four.status, 0);
    ck_assert_str_eq(four.out, one.out);
    json_t *j = parse(one.out);
    ck_assert_uint_eq(json_array_size(json_object_get(j, "documents")), 12);
    ck_assert_str_eq(str_at(doc_at(j, 11), "path"), tmp("twelve/article-11.txt"));
    ck_assert_int_gt(int_at(json_object_get(j, "gate"), "warnings"), 0);
    json_decref(j);
    run_free(&one);
    run_free(&four);
}
END_TEST

/* ---- the gate and the exit status ---------------------------------------- */

START_TEST(gate_decides_exit_1)
{
    const char *warn = t_write("warn.txt", "All calm.\n\nOne WARN here.\n");
    const char *loud = t_write("loud.txt", "An ERROR and a WARN.\n");
    const char *calm = t_write("calm.txt", "Nothing to see.\n");

    run r = GALLEY("run", fixture("config/gate-warning.json"), warn, "-f", "json");
    ck_assert_int_eq(r.status, 1);
    ck_assert_str_eq(r.err, "");
    json_t *j = parse(r.out);
    json_t *gate = json_object_get(j, "gate");
    ck_assert(json_is_false(json_object_get(gate, "passed")));
    ck_assert_str_eq(str_at(gate, "fail_on"), "warning");
    ck_assert_int_eq(int_at(gate, "warnings"), 1);
    json_decref(j);
    run_free(&r);

    r = GALLEY("run", fixture("config/gate-warning.json"), calm, "-f", "json");
    ck_assert_int_eq(r.status, 0);
    run_free(&r);

    r = GALLEY("run", fixture("config/gate-never.json"), warn, loud, "-f", "json");
    ck_assert_int_eq(r.status, 0);
    j = parse(r.out);
    gate = json_object_get(j, "gate");
    ck_assert(json_is_true(json_object_get(gate, "passed")));
    ck_assert_int_eq(int_at(gate, "errors"), 1);
    ck_assert_int_eq(int_at(gate, "warnings"), 2);
    json_decref(j);
    run_free(&r);
}
END_TEST

/*
 * When several things go wrong in one run, the exit status is the most
 * serious: 2 (a bad meta file) over 4 (a plugin failed) over 3 (an article
 * could not be read) over 1 (the gate), whatever the order of the articles.
 */
START_TEST(exit_status_precedence)
{
    const char *config = fixture("config/marker-then-fail-process.json");
    const char *plugin_fails = t_write("fail.txt", "This article makes the step FAIL.\n");
    const char *bad_input = fixture("bad/invalid-utf8-mid-block.txt");
    const char *gate_fails = t_write("warn.txt", "A WARN for the gate.\n");
    const char *bad_meta = fixture("meta/unknown-key-sidecar.txt");
    const struct {
        const char *a, *b, *c, *d;
        int status;
    } cases[] = {
        {gate_fails, NULL, NULL, NULL, 1},
        {gate_fails, bad_input, NULL, NULL, 3},
        {bad_input, gate_fails, NULL, NULL, 3},
        {plugin_fails, bad_input, gate_fails, NULL, 4},
        {bad_input, gate_fails, plugin_fails, NULL, 4},
        {bad_meta, plugin_fails, bad_input, gate_fails, 2},
        {plugin_fails, bad_input, gate_fails, bad_meta, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run r = GALLEY("run", config, "-f", "json", cases[i].a, cases[i].b, cases[i].c, cases[i].d);
        ck_assert_msg(r.status == cases[i].status, "case %zu: exit %d, want %d", i, r.status,
                      cases[i].status);
        /* every article is still reported */
        json_t *j = parse(r.out);
        size_t n = cases[i].d ? 4 : cases[i].c ? 3 : cases[i].b ? 2 : 1;
        ck_assert_uint_eq(json_array_size(json_object_get(j, "documents")), n);
        json_decref(j);
        run_free(&r);
    }
}
END_TEST

/* ---- colour and control characters --------------------------------------- */

/*
 * Runs galley with its standard output on a pseudo-terminal, as a person at a
 * terminal would, with NO_COLOR set or not; returns what it printed, or NULL
 * when the system has no pseudo-terminals (a minimal container).
 */
static char *run_on_terminal(const char *no_color, const char *article, int *status)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0) {
        fprintf(stderr, "no pseudo-terminal (%s): colour on a terminal not tested\n",
                strerror(errno));
        return NULL;
    }
    ck_assert_int_eq(grantpt(master), 0);
    ck_assert_int_eq(unlockpt(master), 0);
    int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    ck_assert_int_ge(slave, 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(master);
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(slave, 1);
        dup2(null, 2);
        if (no_color)
            setenv("NO_COLOR", no_color, 1);
        else
            unsetenv("NO_COLOR");
        setenv("TERM", "xterm", 1);
        execl(GALLEY_EXE, "galley", "run", fixture("config/gate-warning.json"), article,
              "--plugin-path", GALLEY_TEST_PLUGIN_DIR, (char *)NULL);
        _exit(127);
    }
    close(slave);
    size_t cap = 65536, len = 0;
    char *out = malloc(cap);
    for (;;) {
        ssize_t n = read(master, out + len, cap - len - 1);
        if (n <= 0) /* EIO once galley has exited and the terminal hung up */
            break;
        len += (size_t)n;
        ck_assert_uint_lt(len, cap - 1);
    }
    out[len] = '\0';
    close(master);
    int ws;
    ck_assert_int_eq(waitpid(pid, &ws, 0), pid);
    *status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128;
    return out;
}

START_TEST(no_color_is_respected)
{
    const char *article = t_write("warn.txt", "A WARN to colour.\n");
    int status;
    /* On a terminal the default is the text report, in colour ... */
    char *out = run_on_terminal(NULL, article, &status);
    if (out) {
        ck_assert_int_eq(status, 1);
        ck_assert_contains(out, "gate ");
        ck_assert_contains(out, "\033[33mwarning\033[0m");
        free(out);
        /* ... unless NO_COLOR is set */
        out = run_on_terminal("1", article, &status);
        ck_assert_ptr_nonnull(out);
        ck_assert_int_eq(status, 1);
        ck_assert_contains(out, "warning marker/has-warning");
        ck_assert_ptr_null(strchr(out, '\033'));
        free(out);
    }

    /* Not a terminal: no colour with auto even when NO_COLOR is unset; always forces it. */
    char *saved = getenv("NO_COLOR") ? strdup(getenv("NO_COLOR")) : NULL;
    unsetenv("NO_COLOR");
    run r = GALLEY("run", fixture("config/gate-warning.json"), article, "-f", "text", "--color",
                   "auto");
    ck_assert_int_eq(r.status, 1);
    ck_assert_contains(r.out, "warning marker/has-warning");
    ck_assert_ptr_null(strchr(r.out, '\033'));
    run_free(&r);
    setenv("NO_COLOR", "1", 1);
    r = GALLEY("run", fixture("config/gate-warning.json"), article, "-f", "text", "--color=always");
    ck_assert_int_eq(r.status, 1);
    ck_assert_contains(r.out, "\033[33mwarning\033[0m");
    run_free(&r);
    if (saved)
        setenv("NO_COLOR", saved, 1);
    else
        unsetenv("NO_COLOR");
    free(saved);
    expect_usage_error(GALLEY("run", WORDCOUNT, article, "--color", "sometimes"),
                       "--color wants auto, always or never", "see 'galley run --help'");
}
END_TEST

/*
 * Text that reaches the terminal from an article -- its file name, its
 * metadata, its bytes -- may hold control characters.  They are shown
 * escaped: a raw ESC could repaint the screen or hide a finding.
 */
START_TEST(control_characters_are_escaped)
{
    const char *dir = tmp_mkdir("esc");
    const char *article = tmp("esc/red\033[31mflag.txt");
    const char *text = "An \033[2J ESC in the text and a WARN.\n";
    write_file(article, text, strlen(text));
    const char *meta = "{\"marker_note\": \"note \\u001b]0;title\\u0007 here\"}";
    write_file(tmp("esc/red\033[31mflag.meta.json"), meta, strlen(meta));
    run r =
        GALLEY("run", fixture("config/gate-warning.json"), dir, "-f", "text", "--color", "never");
    ck_assert_int_eq(r.status, 1);
    ck_assert_ptr_null(strchr(r.out, '\033'));
    ck_assert_ptr_null(strchr(r.out, '\007'));
    ck_assert_contains(r.out, "red\\x1B[31mflag.txt:1:");
    ck_assert_contains(r.out, "note note \\x1B]0;title\\x07 here");
    ck_assert_contains(r.out, "warning marker/has-warning");
    run_free(&r);

    /* the JSON report keeps the bytes, escaped as JSON does */
    r = GALLEY("run", fixture("config/gate-warning.json"), article, "-f", "json");
    ck_assert_ptr_null(strchr(r.out, '\033'));
    json_t *j = parse(r.out);
    ck_assert_str_eq(str_at(doc_at(j, 0), "path"), article);
    json_decref(j);
    run_free(&r);

    /* an error about such a file keeps stderr to one line without raw control bytes */
    const char *bad = tmp("esc/bad\033[2J\nname.txt");
    write_file(bad, "\xff", 1);
    r = GALLEY("run", WORDCOUNT, bad, "-f", "json");
    ck_assert_int_eq(r.status, 3);
    ck_one_line(r.err);
    ck_assert_ptr_null(strchr(r.err, '\033'));
    ck_assert_contains(r.err, "bad\\x1B[2J\\x0Aname.txt:1:1: invalid UTF-8");
    run_free(&r);
}
END_TEST

/* ---- the golden report --------------------------------------------------- */

/*
 * tests/expected/wordcount-small.json is the report of configs/wordcount.json
 * on tests/fixtures/articles/small.txt, counted by hand:
 *
 *   block 0, line 1, bytes 0-41: "Harbour ferry returns after storm repairs"
 *     1 sentence, 6 words.
 *   block 1, line 3, bytes 43-159: "The Northgate ferry ... landing ramp."
 *     1 sentence, 19 words ("Monday," is one word and a comma).
 *   block 2, lines 5-6, bytes 161-292: the quotation; line 5 ends in CR LF.
 *     "We missed it more than we expected," said Ana Ruiz, who crosses the
 *     harbour twice a day.  -- 17 words; the next line opens a quotation with
 *     a capital, so it is a new sentence: "The bridge adds 40 minutes to my
 *     trip." -- 8 words, the number counting as a word.  2 sentences, 25 words.
 *   block 3, line 8, bytes 294-393: two sentences of 8 words each: 16 words.
 *   block 4, line 10, bytes 395-427: "Tickets cost the same as before." 6 words.
 *
 * Totals: 72 words, 7 sentences, 5 blocks, the longest sentence 19 words,
 * 72 / 7 = 10.2857 words a sentence.  At the default 230 words a minute a
 * block of w words takes w * 60 / 230 seconds (72 words: 18.7826 s).  The
 * file is 428 bytes on 10 lines; the 85 tokens are the 72 words and 13 marks
 * (2 in block 1, 8 in block 2 -- four quotes, two commas, two full stops --
 * 2 in block 3, 1 in block 4).  Byte offsets are of the first and past the
 * last visible character of each paragraph.
 *
 * The paths (config.path, documents[].path) depend on where the tree is, so
 * both sides are compared by file name; the galley version is checked
 * against the library's.
 */
START_TEST(golden_wordcount_report)
{
    run r = GALLEY("run", WORDCOUNT, fixture("articles/small.txt"), "-f", "json");
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.err, "");
    json_t *got = parse(r.out);
    ck_assert_str_eq(str_at(got, "galley"), galley_version());
    json_object_del(got, "galley");
    json_t *config = json_object_get(got, "config");
    const char *path = str_at(config, "path");
    json_object_set_new(config, "path", json_string(strrchr(path, '/') + 1));
    size_t i;
    json_t *doc;
    json_array_foreach (json_object_get(got, "documents"), i, doc) {
        path = str_at(doc, "path");
        json_object_set_new(doc, "path", json_string(strrchr(path, '/') + 1));
    }
    json_t *want = parse_file(source("tests/expected/wordcount-small.json"));
    ck_json_close(want, got, "report");
    json_decref(want);
    json_decref(got);
    run_free(&r);
}
END_TEST

static Suite *cli_suite(void)
{
    Suite *s = suite_create("cli");
    TCase *bad = tcase_create("bad-input");
    tcase_add_checked_fixture(bad, NULL, teardown);
    tcase_set_timeout(bad, 120);
    tcase_add_test(bad, empty_file);
    tcase_add_test(bad, only_whitespace);
    tcase_add_test(bad, binary_data);
    tcase_add_test(bad, invalid_utf8_mid_block);
    tcase_add_test(bad, nul_byte);
    tcase_add_test(bad, bom_is_skipped_but_counted);
    tcase_add_test(bad, crlf_line_ends);
    tcase_add_test(bad, cr_line_ends);
    tcase_add_test(bad, one_50mb_line);
    tcase_add_test(bad, directory_with_an_unreadable_file);
    tcase_add_test(bad, file_name_that_is_not_utf8);
    tcase_add_test(bad, malformed_json_config);
    tcase_add_test(bad, unknown_config_key);
    tcase_add_test(bad, unknown_plugin);
    tcase_add_test(bad, plugin_with_wrong_abi);
    tcase_add_test(bad, plugin_without_entry_symbol);
    tcase_add_test(bad, plugin_create_fails);
    tcase_add_test(bad, plugin_process_fails);
    tcase_add_test(bad, plugin_leaves_its_result_open);
    tcase_add_test(bad, output_in_a_missing_directory);
    tcase_add_test(bad, output_under_a_regular_file);
    tcase_add_test(bad, output_in_a_read_only_directory);
    tcase_add_test(bad, output_write_fails_half_way);
    tcase_add_test(bad, output_to_a_fifo);
    tcase_add_test(bad, meta_with_invalid_json);
    tcase_add_test(bad, meta_with_unknown_key);
    suite_add_tcase(s, bad);

    TCase *cmd = tcase_create("commands");
    tcase_add_checked_fixture(cmd, NULL, teardown);
    tcase_set_timeout(cmd, 60);
    tcase_add_test(cmd, help_of_every_command);
    tcase_add_test(cmd, version);
    tcase_add_test(cmd, unknown_command_and_options);
    tcase_add_test(cmd, check_good_and_bad_configs);
    tcase_add_test(cmd, plugins_list);
    tcase_add_test(cmd, plugins_info);
    tcase_add_test(cmd, json_report_shape);
    tcase_add_test(cmd, jsonl_one_line_per_document_in_input_order);
    tcase_add_test(cmd, text_report);
    tcase_add_test(cmd, output_file_is_atomic);
    tcase_add_test(cmd, stdin_is_an_article);
    tcase_add_test(cmd, files_from);
    tcase_add_test(cmd, directory_walk_is_sorted_and_globbed);
    tcase_add_test(cmd, jobs_give_identical_output);
    tcase_add_test(cmd, gate_decides_exit_1);
    tcase_add_test(cmd, exit_status_precedence);
    tcase_add_test(cmd, no_color_is_respected);
    tcase_add_test(cmd, control_characters_are_escaped);
    tcase_add_test(cmd, golden_wordcount_report);
    suite_add_tcase(s, cmd);
    return s;
}

int main(void)
{
    return t_main(cli_suite());
}
