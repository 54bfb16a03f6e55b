/*
 * output.c -- writes an output file atomically: into a temporary file beside
 * it, renamed over the target only once everything was written and flushed.
 * A reader never sees half a report, and a failed run leaves no file behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

/*
 * The temporary file being written, so that an interrupt can remove it.  The
 * CLI writes one output at a time; this is the CLI's state, not the library's.
 */
static volatile sig_atomic_t have_pending;
static char pending[4200];

static void on_signal(int sig)
{
    if (have_pending)
        unlink(pending);
    signal(sig, SIG_DFL);
    raise(sig);
}

int cli_output_open(cli_output *o, const char *path, char *why, size_t why_size)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->stream = stdout;
        return 0;
    }
    const char *slash = strrchr(path, '/');
    char dir[4096];
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path == 0 ? 1 : slash - path), path);
    else
        snprintf(dir, sizeof dir, ".");
    struct stat st;
    if (stat(dir, &st) != 0) {
        snprintf(why, why_size,
                 "cannot write %s: the directory %s does not exist; create it or choose another "
                 "output path",
                 path, dir);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(why, why_size,
                 "cannot write %s: %s is not a directory; choose another output path", path, dir);
        return -1;
    }
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(why, why_size, "cannot write %s: it is a directory; give a file name", path);
        return -1;
    }
    /*
     * Only a regular file (or a new name) can be replaced by a rename.  A FIFO,
     * a device or a symbolic link such as /dev/stdout is written in place:
     * renaming over it would replace the pipe, the device node or the link
     * itself (root may do so anywhere) instead of writing to what it names.
     */
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        o->stream = fopen(path, "w");
        if (!o->stream) {
            snprintf(why, why_size, "cannot write %s: %s", path, strerror(errno));
            return -1;
        }
        return 0;
    }
    snprintf(o->tmp, sizeof o->tmp, "%s/.%s.XXXXXX", dir, slash ? slash + 1 : path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        snprintf(why, why_size, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    /* mkstemp makes the file private; give the report the mode a plain open() would. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->stream = fdopen(fd, "w");
    if (!o->stream) {
        close(fd);
        unlink(o->tmp);
        snprintf(why, why_size, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    snprintf(o->path, sizeof o->path, "%s", path);
    o->atomic = 1;
    snprintf(pending, sizeof pending, "%s", o->tmp);
    have_pending = 1;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    return 0;
}

int cli_output_commit(cli_output *o, char *why, size_t why_size)
{
    if (!o->atomic) {
        /* Standard output, or a FIFO or device written in place (cli_output_open). */
        int failed = fflush(o->stream) != 0 || ferror(o->stream);
        int saved = errno;
        if (o->stream != stdout && fclose(o->stream) != 0 && !failed) {
            failed = 1;
            saved = errno;
        }
        if (o->stream != stdout)
            o->stream = NULL;
        if (failed) {
            snprintf(why, why_size, "cannot write the report: %s", strerror(saved));
            return -1;
        }
        return 0;
    }
    int failed = 0, saved = 0;
    if (o->stream) { /* NULL when the file was written by path (cli_output_path) */
        failed = fflush(o->stream) != 0 || ferror(o->stream) || fsync(fileno(o->stream)) != 0;
        saved = errno;
        if (fclose(o->stream) != 0 && !failed) {
            failed = 1;
            saved = errno;
        }
        o->stream = NULL;
    }
    if (!failed && rename(o->tmp, o->path) != 0) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        unlink(o->tmp);
        snprintf(why, why_size, "cannot write %s: %s", o->path, strerror(saved));
    }
    have_pending = 0;
    o->atomic = 0;
    return failed ? -1 : 0;
}

void cli_output_abort(cli_output *o)
{
    if (!o->atomic)
        return;
    if (o->stream)
        fclose(o->stream);
    unlink(o->tmp);
    have_pending = 0;
    o->atomic = 0;
    o->stream = NULL;
}

const char *cli_output_path(cli_output *o)
{
    if (!o->atomic)
        return NULL;
    if (o->stream) {
        fclose(o->stream);
        o->stream = NULL;
    }
    return o->tmp;
}
