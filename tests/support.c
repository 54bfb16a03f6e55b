/*
 * support.c -- see support.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"

static char tmp_dir[256];
static char paths[64][512];
static size_t path_count;

const char *t_dir(void)
{
    if (!tmp_dir[0]) {
        snprintf(tmp_dir, sizeof tmp_dir, "/tmp/galley-test-XXXXXX");
        if (!mkdtemp(tmp_dir)) {
            perror("mkdtemp");
            abort();
        }
    }
    return tmp_dir;
}

const char *t_write_bytes(const char *name, const void *content, size_t length)
{
    char *path = paths[path_count++ % 64];
    snprintf(path, 512, "%s/%s", t_dir(), name);
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s: %s", path, strerror(errno));
    ck_assert_uint_eq(fwrite(content, 1, length, f), length);
    fclose(f);
    return path;
}

const char *t_write(const char *name, const char *content)
{
    return t_write_bytes(name, content, strlen(content));
}

char *t_read(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            char *grown = realloc(buf, cap);
            if (!grown) {
                free(buf);
                buf = NULL;
            }
            buf = grown;
        }
    }
    fclose(f);
    if (buf)
        buf[len] = '\0';
    if (length)
        *length = len;
    return buf;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    /*
     * chmod follows a symbolic link: on a link a test made to a plugin or a
     * fixture it would change the target's mode (0700 leaves it unreadable to
     * other users), so only real files and directories are opened up.
     */
    if (flag != FTW_SL && flag != FTW_SLN)
        chmod(path, 0700);
    return remove(path);
}

void t_cleanup(void)
{
    if (tmp_dir[0]) {
        chmod(tmp_dir, 0700);
        nftw(tmp_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        tmp_dir[0] = '\0';
    }
    path_count = 0;
}

const char *t_source(const char *relative)
{
    static char buf[4][1024];
    static int k;
    char *out = buf[k++ % 4];
    snprintf(out, 1024, "%s/%s", GALLEY_SOURCE_DIR, relative);
    return out;
}

const galley_load_options *t_load_options(void)
{
    static const char *const plugin_path[] = {GALLEY_TEST_PLUGIN_DIR, GALLEY_PLUGIN_BUILD_DIR, NULL};
    static galley_load_options options;
    options.struct_size = sizeof options;
    options.plugin_path = plugin_path;
    options.default_path = NULL;
    options.ignore_env = 1;
    return &options;
}

galley_pipeline *t_pipeline(const char *config_json, galley_error *err)
{
    static int n;
    char name[64];
    snprintf(name, sizeof name, "config-%d.json", n++);
    return galley_pipeline_load(t_write(name, config_json), t_load_options(), err);
}

json_t *t_run_text(const galley_pipeline *p, const char *text, galley_error *err)
{
    json_t *report = NULL;
    if (galley_pipeline_run_buffer(p, "inline.txt", text, strlen(text), NULL, &report, err) != 0)
        return NULL;
    return report;
}

/* Reads everything from two pipes until both close. */
static void drain(int out_fd, int err_fd, char **out, char **err)
{
    size_t cap[2] = {4096, 4096}, len[2] = {0, 0};
    char *buf[2] = {malloc(cap[0]), malloc(cap[1])};
    struct pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    int open_count = 2;
    while (open_count > 0) {
        if (poll(fds, 2, -1) < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            if (cap[i] - len[i] < 4096) {
                cap[i] *= 2;
                buf[i] = realloc(buf[i], cap[i]);
            }
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
    if (out)
        *out = buf[0];
    else
        free(buf[0]);
    if (err)
        *err = buf[1];
    else
        free(buf[1]);
}

int t_galley(const char *const *argv, const char *stdin_data, char **out, char **err)
{
    int in_pipe[2], out_pipe[2], err_pipe[2];
    ck_assert_int_eq(pipe(in_pipe), 0);
    ck_assert_int_eq(pipe(out_pipe), 0);
    ck_assert_int_eq(pipe(err_pipe), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        close(in_pipe[1]);
        close(out_pipe[0]);
        close(err_pipe[0]);
        size_t n = 0;
        while (argv[n])
            n++;
        /*
         * GALLEY_TEST_WRAPPER (e.g. "valgrind --error-exitcode=99 -q") runs
         * the binary under another program: scripts/valgrind.sh checks the
         * command itself this way, not only the suites.  Split on spaces.
         */
        const char *wrap = getenv("GALLEY_TEST_WRAPPER");
        char *wrapper = wrap && wrap[0] ? strdup(wrap) : NULL;
        size_t w = 0;
        char *words[32];
        for (char *tok = wrapper ? strtok(wrapper, " ") : NULL; tok && w < 32;
             tok = strtok(NULL, " "))
            words[w++] = tok;
        char **args = calloc(w + n + 1, sizeof *args);
        for (size_t i = 0; i < w; i++)
            args[i] = words[i];
        args[w] = (char *)GALLEY_EXE;
        for (size_t i = 1; i < n; i++)
            args[w + i] = (char *)argv[i];
        if (w)
            execvp(args[0], args);
        else
            execv(GALLEY_EXE, args);
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    signal(SIGPIPE, SIG_IGN);
    if (stdin_data) {
        /* Small inputs only: larger ones would need writing while draining. */
        ssize_t w = write(in_pipe[1], stdin_data, strlen(stdin_data));
        (void)w;
    }
    close(in_pipe[1]);
    drain(out_pipe[0], err_pipe[0], out, err);
    int status;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

int t_main(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? 0 : 1;
}

void t_confusion_totals(const json_t *cv, size_t *total, size_t *right)
{
    *total = *right = 0;
    const char *gold;
    json_t *row;
    json_object_foreach((json_t *)json_object_get(cv, "confusion"), gold, row)
    {
        const char *predicted;
        json_t *n;
        json_object_foreach(row, predicted, n)
        {
            *total += (size_t)json_integer_value(n);
            *right += strcmp(gold, predicted) == 0 ? (size_t)json_integer_value(n) : 0;
        }
    }
}
