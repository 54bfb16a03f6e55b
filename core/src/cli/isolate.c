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
 */
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

typedef struct shared_step {
    long step; /* -1 until the first step starts, -2 once the last one is over */
    char id[80];
} shared_step;

typedef struct header {
    int status;
    galley_error error;
    size_t report_length;
} header;

static void note_step(void *arg, size_t step, const char *step_id)
{
    shared_step *sh = arg;
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
    if (h.status == GALLEY_OK)
        sh->step = -2; /* the steps are over: what follows is writing the report */
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

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads everything the child writes, until end-of-file or the deadline (0: none). */
static int read_child(int fd, double deadline, char **out, size_t *length)
{
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return -1;
    for (;;) {
        int wait_ms = -1;
        if (deadline > 0) {
            double left = deadline - now();
            if (left <= 0) {
                free(buf);
                return 1;
            }
            wait_ms = (int)(left * 1000) + 1;
        }
        struct pollfd pfd = {fd, POLLIN, 0};
        int n = poll(&pfd, 1, wait_ms);
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0)
            continue; /* the deadline is checked at the top */
        if (cap - len < 4096) {
            char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                return -1;
            }
            buf = grown;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + len, cap - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        len += (size_t)got;
    }
    *out = buf;
    *length = len;
    return 0;
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
        snprintf(out, size, "after its steps had finished (while sending the report back)");
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

int cli_isolated_run(cli_isolation *iso, const galley_pipeline *p, const char *path,
                     const json_t *meta, size_t max_bytes, json_t **report, galley_error *err,
                     json_t **details)
{
    *report = NULL;
    *details = NULL;
    galley_error_clear(err);
    shared_step *sh =
        mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED)
        return failed(err, path, details, NULL, "cannot isolate the document: mmap: %s",
                      strerror(errno));
    sh->step = -1;
    sh->id[0] = '\0';

    int fds[2];
    pthread_mutex_lock(&iso->fork_lock);
    if (pipe(fds) != 0) {
        int e = errno;
        pthread_mutex_unlock(&iso->fork_lock);
        munmap(sh, sizeof *sh);
        return failed(err, path, details, NULL, "cannot isolate the document: pipe: %s",
                      strerror(e));
    }
    double started = now();
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        child(iso, p, path, meta, max_bytes, sh, fds[1]);
    }
    int fork_errno = errno;
    close(fds[1]);
    pthread_mutex_unlock(&iso->fork_lock);
    if (pid < 0) {
        close(fds[0]);
        munmap(sh, sizeof *sh);
        return failed(err, path, details, NULL, "cannot isolate the document: fork: %s",
                      strerror(fork_errno));
    }

    char *buf = NULL;
    size_t len = 0;
    int read_rc = read_child(fds[0], iso->timeout > 0 ? started + iso->timeout : 0, &buf, &len);
    if (read_rc != 0)
        kill(pid, SIGKILL); /* timed out, or no memory left here to read it */
    close(fds[0]);
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
        ;

    json_t *d = json_object();
    char at[200];
    where(iso, sh, at, sizeof at, d);
    munmap(sh, sizeof *sh);
    int rc;
    if (read_rc == 1) {
        json_object_set_new(d, "limit", json_string("timeout"));
        rc = failed(err, path, details, d,
                    "timed out %s: still running after the --timeout of %g s, so it was "
                    "killed",
                    at, iso->timeout);
    } else if (read_rc < 0) {
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
    free(buf);
    return rc;
}
