/*
 * test_cli_batch.c -- `galley run` over batches and streams: --files-from
 * read as documents are needed (never the whole list up front), one bad
 * line failing one document, input order kept at any -j, the gate decided
 * over streamed jsonl, and the progress bar on a terminal.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support.h"

#define WORDCOUNT t_source("configs/wordcount.json")

static void teardown(void)
{
    t_cleanup();
}

/* argv for `galley run` with the test plugins on the path, then the given arguments. */
static void run_argv(const char **argv, size_t cap, const char *const *args)
{
    size_t n = 0;
    const char *head[] = {"galley",        "run",
                          "--plugin-path", GALLEY_TEST_PLUGIN_DIR,
                          "--plugin-path", GALLEY_PLUGIN_BUILD_DIR};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        argv[n++] = head[i];
    for (size_t i = 0; args[i]; i++) {
        ck_assert_uint_lt(n, cap - 1);
        argv[n++] = args[i];
    }
    argv[n] = NULL;
}

static int run(const char *const *args, const char *in, char **out, char **err)
{
    const char *argv[64];
    run_argv(argv, 64, args);
    return t_galley(argv, in, out, err);
}

static size_t lines_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* The "path" of each JSON line, in order, checked against want. */
static void paths_are(const char *jsonl, const char *const *want, size_t n)
{
    ck_assert_uint_eq(lines_of(jsonl), n);
    const char *line = jsonl;
    for (size_t i = 0; i < n; i++) {
        const char *nl = strchr(line, '\n');
        json_error_t e;
        json_t *doc = json_loadb(line, (size_t)(nl - line), 0, &e);
        ck_assert_msg(doc != NULL, "line %zu is not JSON: %s", i + 1, e.text);
        ck_assert_str_eq(json_string_value(json_object_get(doc, "path")), want[i]);
        json_decref(doc);
        line = nl + 1;
    }
}

/* ---- --files-from is read lazily ----------------------------------------- */

/* Reads from fd until a newline arrives or `seconds` pass; returns what was read. */
static char *read_line_within(int fd, int seconds)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    buf[0] = '\0';
    time_t until = time(NULL) + seconds;
    while (!strchr(buf, '\n') && time(NULL) < until) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 200) <= 0)
            continue;
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n <= 0)
            break;
        len += (size_t)n;
        buf[len] = '\0';
        ck_assert_uint_lt(len, cap - 1);
    }
    return buf;
}

/*
 * The list comes through a pipe that the test holds open.  galley must
 * process and write the first document while the list is still open: had it
 * read the whole list first, it would wait for the end of the list, and the
 * first line would never come.
 */
START_TEST(files_from_is_read_as_documents_are_needed)
{
    const char *a = t_write("a.txt", "First article, alone in the list for now.\n");
    const char *b = t_write("b.txt", "Second article, sent later.\n");
    int in[2], out[2];
    ck_assert_int_eq(pipe(in), 0);
    ck_assert_int_eq(pipe(out), 0);
    const char *args[] = {WORDCOUNT, "--files-from", "-", "-f", "jsonl", "-j", "2", NULL};
    const char *argv[64];
    run_argv(argv, 64, args);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        execv(GALLEY_EXE, (char *const *)argv);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    signal(SIGPIPE, SIG_IGN);
    char line[600];
    snprintf(line, sizeof line, "%s\n", a);
    ck_assert_int_eq(write(in[1], line, strlen(line)), (ssize_t)strlen(line));
    char *first = read_line_within(out[0], 30);
    ck_assert_msg(strchr(first, '\n') != NULL,
                  "no report line while the list was open (got '%s'): the list was not read "
                  "as documents were needed",
                  first);
    ck_assert_contains(first, a);
    snprintf(line, sizeof line, "%s\n", b);
    ck_assert_int_eq(write(in[1], line, strlen(line)), (ssize_t)strlen(line));
    close(in[1]);
    char *second = read_line_within(out[0], 30);
    ck_assert_contains(second, b);
    close(out[0]);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    free(first);
    free(second);
}
END_TEST

START_TEST(a_bad_line_fails_one_document)
{
    const char *a = t_write("a.txt", "An article.\n");
    const char *b = t_write("b.txt", "Another article.\n");
    char dir[600];
    snprintf(dir, sizeof dir, "%s/more", t_dir());
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    const char *x = t_write("more/x.txt", "X marks.\n");
    const char *y = t_write("more/y.txt", "Y not.\n");
    t_write("more/notes.md", "Not an article.\n");
    char list[3000];
    snprintf(list, sizeof list, "%s\n-\n%s\n%s\n", a, b, dir);
    const char *list_path = t_write("list.txt", list);
    const char *args[] = {WORDCOUNT, "--files-from", list_path, "-f", "jsonl", "-j", "3", NULL};
    char *out, *err;
    int status = run(args, NULL, &out, &err);
    /* the documents around it are processed; the status says an input failed */
    ck_assert_int_eq(status, 3);
    const char *want[] = {a, "-", b, x, y};
    paths_are(out, want, 5);
    ck_assert_contains(out, "\"error\":{\"status\":\"input\",\"message\":\"a list of files "
                            "cannot name '-'");
    char where[700];
    snprintf(where, sizeof where, "galley: %s:2: a list of files cannot name '-'", list_path);
    ck_assert_contains(err, where);
    free(out);
    free(err);
}
END_TEST

/* ---- order, and the gate, over streamed jsonl ---------------------------- */

START_TEST(long_list_in_input_order_at_any_jobs)
{
    const char *names[3];
    for (int i = 0; i < 3; i++) {
        char name[32], text[200];
        snprintf(name, sizeof name, "art-%d.txt", i);
        snprintf(text, sizeof text, "Article %d.\n\n%s paragraph of article %d.\n", i,
                 i == 1 ? "A longer second" : "A", i);
        names[i] = strdup(t_write(name, text));
    }
    enum { N = 2000 };
    size_t cap = N * 600, len = 0;
    char *list = malloc(cap);
    const char **want = malloc(N * sizeof *want);
    for (int i = 0; i < N; i++) {
        /* an order that is not sorted and repeats, as an archive's list would */
        want[i] = names[(i * 7 + i / 3) % 3];
        len += (size_t)snprintf(list + len, cap - len, "%s\n", want[i]);
    }
    const char *list_path = t_write("list.txt", list);
    char *one, *three, *err;
    const char *args1[] = {WORDCOUNT, "--files-from", list_path, "-f", "jsonl", "-j", "1", NULL};
    const char *args3[] = {WORDCOUNT, "--files-from", list_path, "-f", "jsonl", "-j", "3", NULL};
    ck_assert_int_eq(run(args1, NULL, &one, &err), 0);
    free(err);
    ck_assert_int_eq(run(args3, NULL, &three, &err), 0);
    free(err);
    ck_assert_str_eq(three, one);
    paths_are(one, want, N);

    /* each jsonl line is the document the json report holds, byte for byte in meaning */
    char *whole;
    const char *argsj[] = {WORDCOUNT, "--files-from", list_path, "-f", "json", "-j", "3", NULL};
    ck_assert_int_eq(run(argsj, NULL, &whole, &err), 0);
    free(err);
    json_error_t e;
    json_t *report = json_loads(whole, 0, &e);
    ck_assert_ptr_nonnull(report);
    json_t *docs = json_object_get(report, "documents");
    ck_assert_uint_eq(json_array_size(docs), N);
    const char *line = one;
    for (size_t i = 0; i < N; i++) {
        const char *nl = strchr(line, '\n');
        json_t *doc = json_loadb(line, (size_t)(nl - line), 0, &e);
        ck_assert_ptr_nonnull(doc);
        ck_assert_msg(json_equal(doc, json_array_get(docs, i)), "document %zu differs", i);
        json_decref(doc);
        line = nl + 1;
    }
    ck_assert_int_eq(
        json_integer_value(json_object_get(json_object_get(report, "summary"), "documents")), N);
    json_decref(report);
    free(whole);
    free(one);
    free(three);
    free(list);
    free(want);
    for (int i = 0; i < 3; i++)
        free((char *)names[i]);
}
END_TEST

START_TEST(gate_over_streamed_jsonl)
{
    const char *config = t_source("tests/fixtures/config/gate-warning.json");
    const char *calm = t_write("calm.txt", "All calm.\n");
    const char *warn = t_write("warn.txt", "One WARN here.\n");
    char *out, *err;
    const char *ok[] = {config, calm, calm, "-f", "jsonl", "-j", "2", NULL};
    ck_assert_int_eq(run(ok, NULL, &out, &err), 0);
    ck_assert_uint_eq(lines_of(out), 2);
    free(out);
    free(err);
    /* the finding is counted though the writer never sees the document's JSON */
    const char *bad[] = {config, calm, warn, calm, "-f", "jsonl", "-j", "2", NULL};
    ck_assert_int_eq(run(bad, NULL, &out, &err), 1);
    ck_assert_uint_eq(lines_of(out), 3);
    ck_assert_contains(out, "\"rule\":\"has-warning\"");
    free(out);
    free(err);
    const char *seq[] = {config, calm, warn, "-f", "jsonl", "-j", "1", NULL};
    ck_assert_int_eq(run(seq, NULL, &out, &err), 1);
    free(out);
    free(err);
}
END_TEST

/* ---- the progress bar ---------------------------------------------------- */

/*
 * Runs galley with its standard error on a pseudo-terminal and standard
 * output on a pipe (the report going to a file or another program while a
 * person watches); returns what the terminal showed, or NULL when the system
 * has no pseudo-terminals.
 */
static char *stderr_on_terminal(const char *const *args, int *status)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0) {
        fprintf(stderr, "no pseudo-terminal (%s): the progress bar is not tested\n",
                strerror(errno));
        return NULL;
    }
    ck_assert_int_eq(grantpt(master), 0);
    ck_assert_int_eq(unlockpt(master), 0);
    int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    ck_assert_int_ge(slave, 0);
    const char *argv[64];
    run_argv(argv, 64, args);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(master);
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(slave, 2);
        execv(GALLEY_EXE, (char *const *)argv);
        _exit(127);
    }
    close(slave);
    size_t cap = 1 << 20, len = 0;
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

START_TEST(progress_bar_on_a_terminal)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%s/batch", t_dir());
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    char list[40 * 700] = "";
    for (int i = 0; i < 40; i++) {
        char name[64];
        snprintf(name, sizeof name, "batch/%02d.txt", i);
        const char *path = t_write(name, "A short article for the progress bar.\n");
        strcat(list, path);
        strcat(list, "\n");
    }
    const char *list_path = t_write("list.txt", list);
    int status;
    /* a known number of documents: the bar, the count, MB/s and the time left */
    const char *counted[] = {WORDCOUNT, dir, "-f", "jsonl", "-j", "2", NULL};
    char *shown = stderr_on_terminal(counted, &status);
    if (!shown)
        return;
    ck_assert_int_eq(status, 0);
    ck_assert_contains(shown, "40/40 docs");
    ck_assert_contains(shown, " MB/s");
    ck_assert_contains(shown, "ETA ");
    ck_assert_contains(shown, "\r[");
    /* and it is erased at the end, leaving the terminal as it was */
    size_t n = strlen(shown);
    ck_assert_msg(n >= 4 && strcmp(shown + n - 4, "\r\033[K") == 0, "ends with '%s'",
                  n >= 8 ? shown + n - 8 : shown);
    free(shown);

    /* a list read as it goes: no total, so documents done and MB/s, without a time left */
    const char *listed[] = {WORDCOUNT, "--files-from", list_path, "-f", "jsonl", NULL};
    shown = stderr_on_terminal(listed, &status);
    ck_assert_int_eq(status, 0);
    ck_assert_contains(shown, " docs  ");
    ck_assert_contains(shown, " MB/s");
    ck_assert_ptr_null(strstr(shown, "ETA"));
    ck_assert_ptr_null(strstr(shown, "/40"));
    free(shown);

    /* --quiet, and a single document: nothing */
    const char *quiet[] = {WORDCOUNT, dir, "-f", "jsonl", "-q", NULL};
    shown = stderr_on_terminal(quiet, &status);
    ck_assert_int_eq(status, 0);
    ck_assert_str_eq(shown, "");
    free(shown);
    char one[700];
    snprintf(one, sizeof one, "%s/00.txt", dir);
    const char *single[] = {WORDCOUNT, one, "-f", "jsonl", NULL};
    shown = stderr_on_terminal(single, &status);
    ck_assert_int_eq(status, 0);
    ck_assert_str_eq(shown, "");
    free(shown);

    /* standard error not a terminal: nothing either */
    char *out, *err;
    ck_assert_int_eq(run(counted, NULL, &out, &err), 0);
    ck_assert_str_eq(err, "");
    free(out);
    free(err);
}
END_TEST

static Suite *cli_batch_suite(void)
{
    Suite *s = suite_create("cli_batch");
    TCase *tc = tcase_create("batch");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, files_from_is_read_as_documents_are_needed);
    tcase_add_test(tc, a_bad_line_fails_one_document);
    tcase_add_test(tc, long_list_in_input_order_at_any_jobs);
    tcase_add_test(tc, gate_over_streamed_jsonl);
    tcase_add_test(tc, progress_bar_on_a_terminal);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return t_main(cli_batch_suite());
}
