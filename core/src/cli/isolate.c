/*
 * isolate.c -- runs a document in a child process (see isolate.h).
 *
 * The child is forked from the loaded pipeline, so nothing is loaded twice
 * and a document costs one fork.  It runs the document, writes the outcome
 * to a pipe -- a fixed header (status, error, report length) and the report
 * as compact JSON, which jansson reads back exactly -- and leaves with
 * _exit(), so that it flushes none of the parent's buffered output.  Which
 * step is running is kept in a page shared with the parent, so that a crash
 * can be pinned on the step that was running when it happened.
 *
 * The parent forks only while it is the process's one thread (run.c runs
 * isolated batches from a single thread that supervises several children
 * with poll), because a fork copies every lock, and a lock another thread
 * held at that moment -- in malloc, say -- would never be released in the
 * child.
 */
#include <fcntl.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "isolate.h"

struct shared_step {
    long step; /* -1 until the first step starts, -2 once the last one is over */
    char id[80];
};

typedef struct header {
    int status;
    galley_error error;
    size_t report_length;
} header;

static void note_step(void *arg, size_t step, const char *step_id)
{
    shared_step *sh = arg;
    if (!step_id) {
        sh->step = -2; /* the steps are over: what follows is the report */
        return;
    }
    snprintf(sh->id, sizeof sh->id, "%s", step_id);
    sh->step = (long)step;
}

static int write_all(int fd, const void *data, size_t size)
{
    const char *p = data;
    while (size > 0) {
        ssize_t n = write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        size -= (size_t)n;
    }
    return 0;
}

static void child(const cli_isolation *iso, const galley_pipeline *p, const char *path,
                  const json_t *meta, size_t max_bytes, shared_step *sh, int fd)
{
    /* The parent's handlers would remove its pending output file. */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    /* A crash is expected and reported; a core file per document is not wanted. */
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    if (iso->max_memory) {
        struct rlimit as = {iso->max_memory, iso->max_memory};
        setrlimit(RLIMIT_AS, &as);
    }
    header h;
    memset(&h, 0, sizeof h);
    json_t *report = NULL;
    h.status =
        galley_pipeline_run_file_traced(p, path, meta, max_bytes, note_step, sh, &report, &h.error);
    char *text = NULL;
    if (h.status == GALLEY_OK) {
        /* Default real precision: every double reads back as the same double. */
        text = json_dumps(report, JSON_COMPACT | JSON_ENCODE_ANY);
        if (!text) {
            h.status =
                galley_error_set(&h.error, GALLEY_ENOMEM, "out of memory writing the report");
            snprintf(h.error.source, sizeof h.error.source, "%s", path);
        }
    }
    h.report_length = text ? strlen(text) : 0;
    int rc = write_all(fd, &h, sizeof h);
    if (rc == 0 && text)
        rc = write_all(fd, text, h.report_length);
    /* Freed, although the process ends: a leak checker following the fork looks here too. */
    free(text);
    json_decref(report);
    _exit(rc == 0 ? 0 : 125);
}

double cli_isolated_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double cli_isolated_deadline(const cli_isolation *iso, const cli_child *c)
{
    return iso->timeout > 0 ? c->started + iso->timeout : 0;
}

int cli_isolated_read(cli_child *c)
{
    for (;;) {
        if (c->cap - c->len < 4096) {
            size_t cap = c->cap ? c->cap * 2 : 8192;
            char *grown = realloc(c->buf, cap);
            if (!grown)
                return -1;
            c->buf = grown;
            c->cap = cap;
        }
        ssize_t got = read(c->fd, c->buf + c->len, c->cap - c->len);
        if (got > 0) {
            c->len += (size_t)got;
            continue;
        }
        if (got == 0)
            return 1;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 0;
        return 1; /* a broken pipe ends the report like end-of-file */
    }
}

static const char *signal_name(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGPIPE: return "SIGPIPE";
    case SIGXCPU: return "SIGXCPU";
    case SIGTRAP: return "SIGTRAP";
    default: return NULL;
    }
}

/* "in step 'x' (plugin y)" or "before any step ran", and the same as fields. */
static void where(const cli_isolation *iso, const shared_step *sh, char *out, size_t size,
                  json_t *details)
{
    if (sh->step == -1) {
        snprintf(out, size, "before any step ran (while reading or analysing the text)");
        return;
    }
    if (sh->step < 0) {
        snprintf(out, size, "after its steps had finished (while building or sending the report)");
        return;
    }
    const char *plugin =
        json_string_value(json_object_get(json_array_get(iso->steps, (size_t)sh->step), "plugin"));
    snprintf(out, size, "in step '%s' (plugin %s)", sh->id, plugin ? plugin : "?");
    json_object_set_new(details, "step", json_string(sh->id));
    if (plugin)
        json_object_set_new(details, "plugin", json_string(plugin));
}

static int failed(galley_error *err, const char *path, json_t **details, json_t *d, const char *fmt,
                  ...) GALLEY_PRINTF(5, 6);

static int failed(galley_error *err, const char *path, json_t **details, json_t *d, const char *fmt,
                  ...)
{
    galley_error_clear(err);
    err->status = GALLEY_EPLUGIN;
    snprintf(err->source, sizeof err->source, "%s", path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
    *details = d;
    return GALLEY_EPLUGIN;
}

int cli_isolated_start(const cli_isolation *iso, const galley_pipeline *p, const char *path,
                       const json_t *meta, size_t max_bytes, cli_child *c, galley_error *err)
{
    memset(c, 0, sizeof *c);
    c->fd = -1;
    json_t *none = NULL;
    shared_step *sh =
        mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED)
        return failed(err, path, &none, NULL, "cannot isolate the document: mmap: %s",
                      strerror(errno));
    sh->step = -1;
    sh->id[0] = '\0';
    int fds[2];
    if (pipe(fds) != 0) {
        int e = errno;
        munmap(sh, sizeof *sh);
        return failed(err, path, &none, NULL, "cannot isolate the document: pipe: %s",
                      strerror(e));
    }
    c->started = cli_isolated_now();
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        child(iso, p, path, meta, max_bytes, sh, fds[1]);
    }
    int fork_errno = errno;
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        munmap(sh, sizeof *sh);
        return failed(err, path, &none, NULL, "cannot isolate the document: fork: %s",
                      strerror(fork_errno));
    }
    /* Non-blocking, so that one parent can read several children as they write. */
    fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    c->pid = pid;
    c->fd = fds[0];
    c->step = sh;
    return GALLEY_OK;
}

int cli_isolated_finish(const cli_isolation *iso, cli_child *c, const char *path, int timed_out,
                        int read_failed, json_t **report, galley_error *err, json_t **details)
{
    *report = NULL;
    *details = NULL;
    galley_error_clear(err);
    if (timed_out || read_failed)
        kill(c->pid, SIGKILL);
    close(c->fd);
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(c->pid, &status, 0, &ru) < 0 && errno == EINTR)
        ;

    json_t *d = json_object();
    char at[200];
    where(iso, c->step, at, sizeof at, d);
    munmap(c->step, sizeof *c->step);
    const char *buf = c->buf;
    size_t len = c->len;
    int rc;
    if (timed_out) {
        json_object_set_new(d, "limit", json_string("timeout"));
        rc = failed(err, path, details, d,
                    "timed out %s: still running after the --timeout of %g s, so it was "
                    "killed",
                    at, iso->timeout);
    } else if (read_failed) {
        rc = failed(err, path, details, d, "out of memory reading the report of the isolated run");
    } else if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        const char *name = signal_name(sig);
        json_object_set_new(d, "signal", json_string(name ? name : "unknown"));
        json_object_set_new(d, "signal_number", json_integer(sig));
        size_t used_mb = (size_t)ru.ru_maxrss / 1024; /* ru_maxrss is in kB on Linux */
        size_t limit_mb = iso->max_memory >> 20;
        if (iso->max_memory && used_mb * 2 >= limit_mb) {
            json_object_set_new(d, "limit", json_string("memory"));
            rc = failed(err, path, details, d,
                        "crashed %s with signal %d (%s: %s) after using %zu MB of the "
                        "--max-memory limit of %zu MB: it probably ran out of memory",
                        at, sig, name ? name : "?", strsignal(sig), used_mb, limit_mb);
        } else {
            rc = failed(err, path, details, d, "crashed %s with signal %d (%s: %s)", at, sig,
                        name ? name : "?", strsignal(sig));
        }
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || len < sizeof(header)) {
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        json_object_set_new(d, "exit_status", json_integer(code));
        rc = failed(err, path, details, d,
                    "the process running it exited %s with status %d before reporting (a plugin "
                    "called exit(), or a sanitizer stopped it)",
                    at, code);
    } else {
        header h;
        memcpy(&h, buf, sizeof h);
        if (h.status != GALLEY_OK) {
            *err = h.error;
            rc = h.status;
            if (h.status == GALLEY_ENOMEM && iso->max_memory) {
                json_object_set_new(d, "limit", json_string("memory"));
                rc = failed(err, path, details, d,
                            "ran out of memory %s under the --max-memory limit of %zu MB (%s)", at,
                            iso->max_memory >> 20, h.error.text);
            }
        } else if (len - sizeof h != h.report_length) {
            rc = failed(err, path, details, d, "the isolated run's report was cut short");
        } else {
            json_error_t jerr;
            *report = json_loadb(buf + sizeof h, h.report_length, 0, &jerr);
            rc = *report
                     ? GALLEY_OK
                     : failed(err, path, details, d,
                              "the isolated run's report could not be read back: %s", jerr.text);
        }
    }
    if (*details != d)
        json_decref(d);
    free(c->buf);
    memset(c, 0, sizeof *c);
    c->fd = -1;
    return rc;
}

int cli_isolated_run(const cli_isolation *iso, const galley_pipeline *p, const char *path,
                     const json_t *meta, size_t max_bytes, json_t **report, galley_error *err,
                     json_t **details)
{
    *report = NULL;
    *details = NULL;
    cli_child c;
    int rc = cli_isolated_start(iso, p, path, meta, max_bytes, &c, err);
    if (rc != GALLEY_OK)
        return rc;
    int timed_out = 0, read_failed = 0;
    double deadline = cli_isolated_deadline(iso, &c);
    for (;;) {
        int r = cli_isolated_read(&c);
        if (r != 0) {
            read_failed = r < 0;
            break;
        }
        int wait_ms = -1;
        if (deadline > 0) {
            double left = deadline - cli_isolated_now();
            if (left <= 0) {
                timed_out = 1;
                break;
            }
            wait_ms = (int)(left * 1000) + 1;
        }
        struct pollfd pfd = {c.fd, POLLIN, 0};
        if (poll(&pfd, 1, wait_ms) < 0 && errno != EINTR)
            break;
    }
    return cli_isolated_finish(iso, &c, path, timed_out, read_failed, report, err, details);
}
