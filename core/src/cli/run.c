/*
 * run.c -- `galley run`: runs a pipeline over articles and writes a report.
 *
 * Documents are processed by -j worker threads that share one loaded
 * pipeline, and written strictly in input order -- by whichever worker
 * finishes the next document -- so the output of -j 8 is byte for byte the
 * output of -j 1.  Workers may run ahead of the writing by a bounded window
 * only, and take their inputs one at a time, which keeps memory flat on long
 * streams.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "inputs.h"
#include "isolate.h"
#include "output.h"
#include "progress.h"

static const char run_usage[] =
    "usage: galley run CONFIG [FILE|DIR|-]... [options]\n"
    "\n"
    "Runs the pipeline that CONFIG describes over articles and writes one report.\n"
    "Everything in CONFIG is checked before the first article is read.\n"
    "\n"
    "Inputs:\n"
    "  FILE                an article: UTF-8 text, paragraphs separated by blank lines;\n"
    "                      ARTICLE.meta.json beside it is its metadata, if present\n"
    "  DIR                 every file under DIR matching --glob, in sorted order\n"
    "  -                   one article from standard input\n"
    "  (none)              standard input, when it is not a terminal\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT    text, json, jsonl, sarif, github, junit or html (default:\n"
    "                      text on a terminal, else json)\n"
    "  -o, --output FILE   write the report to FILE, atomically (default: stdout)\n"
    "  -j, --jobs N        documents processed in parallel (default: number of CPUs)\n"
    "      --meta FILE     metadata for every input, instead of each ARTICLE.meta.json\n"
    "      --plugin-path DIR\n"
    "                      look for plugins in DIR first (repeatable; colon-separated\n"
    "                      lists work too, as in GALLEY_PLUGIN_PATH)\n"
    "      --allow-parent-paths\n"
    "                      let the config's file options reach outside its directory\n"
    "                      with '..' (refused by default: docs/config.md, Paths)\n"
    "      --glob PATTERN  which files a directory contributes (default: *.txt)\n"
    "      --files-from FILE\n"
    "                      read more inputs from FILE, one per line ('-': stdin); the\n"
    "                      list is read as documents are needed, so it may be endless\n"
    "      --max-bytes N   refuse articles larger than N bytes; K, M, G suffixes\n"
    "                      (default: 64M)\n"
    "      --color WHEN    auto, always or never (default: auto; NO_COLOR is honoured)\n"
    "      --isolate       run each document in a child process, so that a plugin that\n"
    "                      crashes, hangs or runs out of memory fails only that document\n"
    "                      (its report entry names the step, and the signal or limit);\n"
    "                      the others are still reported, and the exit status is 4\n"
    "      --timeout SECONDS\n"
    "                      with --isolate (implied): kill a document's process after\n"
    "                      SECONDS (default: no limit)\n"
    "      --max-memory MB with --isolate (implied): limit a document's process to MB\n"
    "                      megabytes of address space (default: no limit)\n"
    "  -q, --quiet         no progress bar (otherwise drawn on stderr when it is a\n"
    "                      terminal and there is more than one document); the text\n"
    "                      report shows findings and the summary only\n"
    "  -h, --help          this help\n"
    "\n"
    "Formats:\n"
    "  text    per article: section, boilerplate share, sentiment and tone, persons,\n"
    "          verdict; findings as file:line:col severity rule message; a map of\n"
    "          the paragraphs; then a table of the articles and the gate's verdict\n"
    "  json    one JSON report, report_version 1 (docs/report-format.md)\n"
    "  jsonl   one JSON document report per line, streamed in input order\n"
    "  sarif   SARIF 2.1.0 for code scanning (GitHub, GitLab, IDEs): one result per\n"
    "          finding with rule, level and file:line:column (docs/ci.md)\n"
    "  github  GitHub Actions workflow commands: one ::error/::warning annotation\n"
    "          per finding, then a summary line\n"
    "  junit   JUnit XML: one test case per article, failed when it has a finding\n"
    "          at or above gate.fail_on, in error when it could not be processed\n"
    "  html    one self-contained page (use -o): each article's text with the\n"
    "          furniture greyed, section and sentiment beside each paragraph,\n"
    "          persons and findings highlighted; an index for several articles\n"
    "\n"
    "Exit status: 0 ok, 1 the gate failed (a finding at or above gate.fail_on),\n"
    "2 usage, config or meta file error, 3 input error (an article could not be\n"
    "read or is not UTF-8 text; the other articles are still reported), 4 plugin\n"
    "error.  When several happen, the order is 2, 4, 3, 1.\n"
    "\n"
    "Examples:\n"
    "  galley run configs/review.json corpus/frontline-aggregator.txt\n"
    "  galley run configs/anonymity-gate.json corpus/ -f json -o gate.json\n"
    "  galley run configs/review.json corpus/ -f html -o review.html\n"
    "  find archive -name '*.txt' | galley run configs/review.json --files-from - -f jsonl\n"
    "  curl -s https://example.org/a.txt | galley run configs/review.json -\n";

/*
 * One document in flight.  Jobs live in a ring of `window` slots: job i uses
 * slot i % window, and a worker may start job i only once job i - window has
 * been written, so memory does not grow with the length of the batch.
 */
typedef struct job {
    size_t index;    /* which input this slot holds now */
    cli_input input; /* its path (and error), owned by the job until it is written */
    json_t *report;
    galley_error error;
    json_t *details; /* --isolate: what stopped the child (step, signal, limit) */
    galley_prepared *prepared; /* the report rendered by the worker, when the format can */
    int status;
    int done;
    size_t bytes;
} job;

typedef struct run_state {
    const galley_pipeline *pipeline;
    const json_t *meta;
    size_t max_bytes;
    cli_isolation *isolation; /* NULL unless --isolate */
    int keep_text;               /* the format shows the text: keep standard input's bytes */
    /*
     * The report is written in input order by whichever thread finishes the
     * next document (`writing` says one is at it), so that no third thread
     * competes with the workers for the cores, only to wake up and sleep again
     * for every document.
     */
    galley_writer *writer;
    galley_report *report;
    cli_progress *progress;
    unsigned long long bytes_done;
    int write_failed;
    int writing;
    /*
     * The inputs, taken one at a time under input_lock (reading a list may
     * wait on a pipe, and must not hold up the writer, which needs `lock`).
     */
    cli_source *source;
    pthread_mutex_t input_lock;
    size_t taken;   /* inputs taken from the source so far (under input_lock) */
    int source_oom; /* the source ran out of memory: no more inputs */
    size_t end;     /* the number of inputs, once the source is exhausted; else SIZE_MAX */
    job *slots;     /* window of them */
    size_t written; /* inputs the main thread has written */
    size_t window;  /* how far workers may run ahead of the writer */
    pthread_mutex_t lock;
    pthread_cond_t finished; /* everything is written, or the end is known */
    pthread_cond_t room;     /* the writer moved on */
    /*
     * Workers waiting for room, so that nobody is woken for nothing: with
     * documents that take a tenth of a millisecond, waking every thread on
     * every document costs more than the documents.
     */
    size_t room_waiters;
} run_state;

/*
 * Standard input read here rather than by the library, for the formats that
 * show an article's text: the bytes go into the report's "text" member,
 * because once read they cannot be read again (docs/report-format.md).
 */
static int run_stdin_keeping_text(run_state *rs, job *j)
{
    char *bytes;
    size_t length;
    int rc = cli_read_stdin(rs->max_bytes, &bytes, &length, &j->error);
    if (rc != GALLEY_OK)
        return rc;
    rc = galley_pipeline_run_buffer(rs->pipeline, "-", bytes, length, rs->meta, &j->report,
                                    &j->error);
    if (rc == GALLEY_OK &&
        json_object_set_new(j->report, "text", json_stringn(bytes, length)) != 0) {
        json_decref(j->report);
        j->report = NULL;
        galley_error_set(&j->error, GALLEY_ENOMEM,
                         "out of memory keeping the text of standard input");
        rc = GALLEY_ENOMEM;
    }
    free(bytes);
    return rc;
}

static void after_job(run_state *rs, job *j);

static void process_job(run_state *rs, job *j)
{
    const cli_input *in = &j->input;
    j->report = NULL;
    j->details = NULL;
    j->prepared = NULL;
    j->bytes = 0;
    if (in->error) {
        j->error = *in->error;
        j->status = j->error.status;
        return;
    }
    if (rs->isolation)
        j->status = cli_isolated_run(rs->isolation, rs->pipeline, in->path, rs->meta,
                                     rs->max_bytes, &j->report, &j->error, &j->details);
    else if (rs->keep_text && strcmp(in->path, "-") == 0)
        j->status = run_stdin_keeping_text(rs, j);
    else /* rendered straight from the analysis where the format allows */
        j->status = galley_pipeline_run_file_prepared(rs->pipeline, in->path, rs->meta,
                                                      rs->max_bytes, rs->writer, rs->report,
                                                      &j->prepared, &j->report, &j->error);
    after_job(rs, j);
}

/* What follows a document's run, on the thread that ran it. */
static void after_job(run_state *rs, job *j)
{
    if (j->prepared) { /* rendered already, without a JSON report */
        j->bytes = (size_t)galley_prepared_bytes(j->prepared);
        return;
    }
    if (j->report)
        j->bytes = (size_t)json_integer_value(json_object_get(j->report, "bytes"));
    /*
     * Render the report here, on the worker, when the format allows: the
     * writing thread then only copies bytes, and the JSON is freed by the
     * thread that made it.  When preparing fails, the writer does it all.
     */
    if (j->status == GALLEY_OK) {
        galley_error perr;
        if (galley_writer_prepare(rs->writer, rs->report, j->report, &j->prepared, &perr) ==
                GALLEY_OK &&
            j->prepared) {
            json_decref(j->report);
            j->report = NULL;
        }
    }
}

/*
 * Takes the next input: 1 with *in and its index, 0 at the end.  Out of
 * memory in the source ends the inputs early; the run then reports what it
 * did and fails (run_state.source_oom).
 */
static int take_input(run_state *rs, cli_input *in, size_t *index)
{
    pthread_mutex_lock(&rs->input_lock);
    int got = rs->source_oom ? 0 : cli_source_next(rs->source, in);
    if (got < 0) {
        rs->source_oom = 1;
        got = 0;
    }
    *index = rs->taken;
    if (got)
        rs->taken++;
    pthread_mutex_unlock(&rs->input_lock);
    return got;
}

/* Adds document i to the report and writes it, then frees what its job held. */
static void write_job(run_state *rs, job *j, size_t i)
{
    const char *path = j->input.path;
    const json_t *entry = NULL;
    if (j->prepared) {
        if (!rs->write_failed &&
            galley_writer_document_prepared(rs->writer, rs->report, j->prepared) != 0)
            rs->write_failed = 1;
        galley_prepared_free(j->prepared);
        j->prepared = NULL;
    } else if (j->status == GALLEY_OK) {
        if (galley_report_add(rs->report, j->report) != GALLEY_OK)
            rs->write_failed = 1;
        entry = j->report;
    } else {
        cli_progress_end(rs->progress);
        cli_error(&j->error);
        json_t *failure = galley_report_add_failure(rs->report, path, &j->error);
        /* --isolate: the step, signal and limit as fields, beside the message. */
        if (failure && j->details)
            json_object_update(json_object_get(failure, "error"), j->details);
        entry = failure;
    }
    if (!rs->write_failed && entry && galley_writer_document(rs->writer, rs->report, entry) != 0)
        rs->write_failed = 1;
    rs->bytes_done += j->bytes;
    json_decref(j->report);
    j->report = NULL;
    json_decref(j->details);
    j->details = NULL;
    cli_input_free(&j->input);
    cli_progress_update(rs->progress, i + 1, rs->bytes_done);
}

/*
 * Writes every finished document that comes next in input order, unless
 * another thread is already at it (it will take these too: it looks again
 * after each document).  Called with rs->lock held; the lock is let go while
 * writing.
 */
static void write_ready(run_state *rs)
{
    while (!rs->writing) {
        size_t i = rs->written;
        job *j = &rs->slots[i % rs->window];
        if (!(j->done && j->index == i))
            break;
        rs->writing = 1;
        pthread_mutex_unlock(&rs->lock);
        write_job(rs, j, i);
        pthread_mutex_lock(&rs->lock);
        rs->writing = 0;
        rs->written = i + 1;
        if (rs->room_waiters)
            pthread_cond_broadcast(&rs->room);
    }
    if (rs->written >= rs->end)
        pthread_cond_signal(&rs->finished);
}

static void *worker(void *arg)
{
    run_state *rs = arg;
    for (;;) {
        cli_input in;
        size_t index;
        int got = take_input(rs, &in, &index);
        pthread_mutex_lock(&rs->lock);
        if (!got) {
            /* Every input before index was taken: the writer stops there. */
            if (index < rs->end)
                rs->end = index;
            pthread_cond_broadcast(&rs->finished);
            pthread_mutex_unlock(&rs->lock);
            break;
        }
        while (index >= rs->written + rs->window) {
            rs->room_waiters++;
            pthread_cond_wait(&rs->room, &rs->lock);
            rs->room_waiters--;
        }
        job *j = &rs->slots[index % rs->window];
        j->index = index;
        j->input = in;
        j->done = 0;
        pthread_mutex_unlock(&rs->lock);
        process_job(rs, j);
        pthread_mutex_lock(&rs->lock);
        j->done = 1;
        write_ready(rs);
        pthread_mutex_unlock(&rs->lock);
    }
    return NULL;
}

/*
 * --isolate with -j N: this thread, the process's only one, keeps up to N
 * documents running in child processes, reads their reports as they come
 * (poll), kills those past the --timeout, and writes the reports in input
 * order.  No worker threads: a child forked while another thread held a lock
 * (in malloc, say) would wait for it forever.
 */
static void run_isolated(run_state *rs, int jobs)
{
    cli_child *kids = calloc((size_t)jobs, sizeof *kids);
    size_t *kid_job = calloc((size_t)jobs, sizeof *kid_job);
    struct pollfd *fds = calloc((size_t)jobs, sizeof *fds);
    int *slot_of = calloc((size_t)jobs, sizeof *slot_of);
    if (!kids || !kid_job || !fds || !slot_of) {
        free(kids);
        free(kid_job);
        free(fds);
        free(slot_of);
        rs->source_oom = 1;
        return;
    }
    for (int k = 0; k < jobs; k++)
        kids[k].fd = -1;
    int active = 0, inputs_done = 0;
    for (;;) {
        /* Start documents while there is a free child and room in the window. */
        while (!inputs_done && active < jobs && rs->taken < rs->written + rs->window) {
            cli_input in;
            size_t index;
            if (!take_input(rs, &in, &index)) {
                inputs_done = 1;
                break;
            }
            job *j = &rs->slots[index % rs->window];
            memset(j, 0, sizeof *j);
            j->index = index;
            j->input = in;
            if (in.error) {
                j->error = *in.error;
                j->status = j->error.status;
                j->done = 1;
                continue;
            }
            int k = 0;
            while (kids[k].fd >= 0)
                k++;
            j->status = cli_isolated_start(rs->isolation, rs->pipeline, in.path, rs->meta,
                                           rs->max_bytes, &kids[k], &j->error);
            if (j->status != GALLEY_OK) {
                j->done = 1;
                continue;
            }
            kid_job[k] = index;
            active++;
        }
        /* Write every finished document that comes next. */
        while (rs->written < rs->taken) {
            job *j = &rs->slots[rs->written % rs->window];
            if (!j->done)
                break;
            write_job(rs, j, rs->written);
            rs->written++;
        }
        if (active == 0) {
            if (inputs_done && rs->written == rs->taken)
                break;
            continue;
        }
        /* Wait for a child to write, to finish, or to pass its deadline. */
        double now = cli_isolated_now(), soonest = 0;
        nfds_t n = 0;
        for (int k = 0; k < jobs; k++) {
            if (kids[k].fd < 0)
                continue;
            double d = cli_isolated_deadline(rs->isolation, &kids[k]);
            if (d > 0 && (soonest == 0 || d < soonest))
                soonest = d;
            fds[n].fd = kids[k].fd;
            fds[n].events = POLLIN;
            fds[n].revents = 0;
            slot_of[n++] = k;
        }
        int wait_ms = -1;
        if (soonest > 0)
            wait_ms = soonest <= now ? 0 : (int)((soonest - now) * 1000) + 1;
        if (poll(fds, n, wait_ms) < 0 && errno != EINTR)
            usleep(10000); /* cannot happen with valid descriptors; do not spin */
        now = cli_isolated_now();
        for (nfds_t f = 0; f < n; f++) {
            int k = slot_of[f];
            double d = cli_isolated_deadline(rs->isolation, &kids[k]);
            int r = fds[f].revents ? cli_isolated_read(&kids[k]) : 0;
            int timed_out = r == 0 && d > 0 && now >= d;
            if (r == 0 && !timed_out)
                continue;
            job *j = &rs->slots[kid_job[k] % rs->window];
            j->prepared = NULL;
            j->status = cli_isolated_finish(rs->isolation, &kids[k], j->input.path, timed_out,
                                            r < 0, &j->report, &j->error, &j->details);
            after_job(rs, j);
            j->done = 1;
            active--;
        }
    }
    free(kids);
    free(kid_job);
    free(fds);
    free(slot_of);
}

static int parse_size(const char *s, size_t *out)
{
    /* strtoull reads "-5" as 2^64 - 5, which would silently lift the limit. */
    if (*s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    unsigned long long mult = 1;
    if (*end == 'K' || *end == 'k')
        mult = 1ULL << 10;
    else if (*end == 'M' || *end == 'm')
        mult = 1ULL << 20;
    else if (*end == 'G' || *end == 'g')
        mult = 1ULL << 30;
    else if (*end)
        return -1;
    if (mult > 1 && end[1])
        return -1;
    if (v > (unsigned long long)-1 / mult)
        return -1;
    *out = (size_t)(v * mult);
    return 0;
}

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)(n > 64 ? 64 : n) : 1;
}

enum {
    OPT_META = 256,
    OPT_PLUGIN_PATH,
    OPT_GLOB,
    OPT_FILES_FROM,
    OPT_MAX_BYTES,
    OPT_COLOR,
    OPT_ISOLATE,
    OPT_TIMEOUT,
    OPT_MAX_MEMORY,
    OPT_ALLOW_PARENT_PATHS
};

int cmd_run(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"jobs", required_argument, NULL, 'j'},
        {"meta", required_argument, NULL, OPT_META},
        {"plugin-path", required_argument, NULL, OPT_PLUGIN_PATH},
        {"glob", required_argument, NULL, OPT_GLOB},
        {"files-from", required_argument, NULL, OPT_FILES_FROM},
        {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
        {"color", required_argument, NULL, OPT_COLOR},
        {"colour", required_argument, NULL, OPT_COLOR},
        {"isolate", no_argument, NULL, OPT_ISOLATE},
        {"allow-parent-paths", no_argument, NULL, OPT_ALLOW_PARENT_PATHS},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *format = NULL, *output = NULL, *meta_path = NULL, *glob = "*.txt",
               *color = "auto";
    const char *lists[16];
    size_t list_count = 0;
    int jobs = 0, quiet = 0;
    size_t max_bytes = 64u << 20;
    int isolate = 0;
    cli_isolation isolation;
    memset(&isolation, 0, sizeof isolation);
    cli_paths paths;
    cli_paths_init(&paths);

    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":f:o:j:qh", long_options, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 256)
                return cli_usage_error("run", "--jobs wants a number from 1 to 256, not '%s'",
                                       optarg);
            jobs = (int)n;
            break;
        }
        case OPT_META: meta_path = optarg; break;
        case OPT_PLUGIN_PATH:
            if (cli_paths_add(&paths, optarg) != 0)
                return cli_usage_error("run", "too many --plugin-path options (32 at most)");
            break;
        case OPT_GLOB: glob = optarg; break;
        case OPT_FILES_FROM:
            if (list_count == sizeof lists / sizeof lists[0])
                return cli_usage_error("run", "too many --files-from options");
            lists[list_count++] = optarg;
            break;
        case OPT_MAX_BYTES:
            if (parse_size(optarg, &max_bytes) != 0 || max_bytes == 0)
                return cli_usage_error("run", "--max-bytes wants a size like 64M, not '%s'",
                                       optarg);
            break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never"))
                return cli_usage_error("run", "--color wants auto, always or never, not '%s'",
                                       optarg);
            color = optarg;
            break;
        case OPT_ISOLATE: isolate = 1; break;
        case OPT_ALLOW_PARENT_PATHS: paths.allow_parent_paths = 1; break;
        case OPT_TIMEOUT: {
            char *end;
            errno = 0;
            double t = strtod(optarg, &end);
            if (errno || end == optarg || *end || !(t > 0) || t > 86400.0 * 365)
                return cli_usage_error("run", "--timeout wants a number of seconds, like 30 or "
                                              "2.5, not '%s'",
                                       optarg);
            isolation.timeout = t;
            isolate = 1;
            break;
        }
        case OPT_MAX_MEMORY: {
            char *end;
            errno = 0;
            unsigned long long mb = strtoull(optarg, &end, 10);
            if (errno || end == optarg || *end || mb == 0 || optarg[0] < '0' ||
                optarg[0] > '9' || mb > ((size_t)-1 >> 20))
                return cli_usage_error("run", "--max-memory wants a number of megabytes, like "
                                              "512, not '%s'",
                                       optarg);
            isolation.max_memory = (size_t)mb << 20;
            isolate = 1;
            break;
        }
        case 'q': quiet = 1; break;
        case 'h': fputs(run_usage, stdout); return EXIT_OK;
        case ':': return cli_usage_error("run", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("run", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error("run", "no CONFIG given, e.g. galley run configs/review.json FILE");
    const char *config = argv[optind++];
    if (!format)
        format = (!output || strcmp(output, "-") == 0) && isatty(STDOUT_FILENO) ? "text" : "json";
    int known = 0;
    for (const char *const *f = galley_writer_formats(); *f; f++)
        known |= strcmp(*f, format) == 0;
    if (!known)
        return cli_usage_error("run",
                               "unknown format '%s' (formats: text, json, jsonl, sarif, github, "
                               "junit, html)",
                               format);

    /*
     * Open the inputs before loading anything, so that usage errors come
     * first.  Arguments are expanded now; --files-from lists are read lazily
     * as documents are taken, so that a list of millions stays on disk.
     */
    char why[4400];
    char *stdin_arg[] = {"-"};
    int implicit_stdin = optind == argc && list_count == 0;
    if (implicit_stdin && isatty(STDIN_FILENO))
        return cli_usage_error("run", "no articles given: name FILEs or DIRs, or '-' to read "
                                      "standard input");
    cli_source source;
    if (cli_source_open(&source, implicit_stdin ? stdin_arg : argv + optind,
                        implicit_stdin ? 1 : (size_t)(argc - optind), lists, list_count, glob, why,
                        sizeof why) != 0)
        return cli_usage_error("run", "%s", why);
    int any = cli_source_peek(&source);
    if (any <= 0) {
        cli_source_close(&source);
        if (any < 0) {
            fprintf(stderr, "galley: out of memory listing the inputs\n");
            return EXIT_INPUT;
        }
        fprintf(stderr, "galley: no articles found (directories contribute files matching '%s'; "
                        "see --glob)\n",
                glob);
        return EXIT_INPUT;
    }

    galley_load_options lo;
    cli_load_options(&paths, &lo);
    galley_error err;
    galley_pipeline *pipeline = galley_pipeline_load(config, &lo, &err);
    if (!pipeline) {
        cli_error(&err);
        cli_source_close(&source);
        return cli_exit_status(err.status);
    }
    json_t *meta = NULL;
    if (meta_path && galley_pipeline_load_meta(pipeline, meta_path, &meta, &err) != 0) {
        cli_error(&err);
        galley_pipeline_free(pipeline);
        cli_source_close(&source);
        return EXIT_USAGE;
    }

    cli_output out;
    if (cli_output_open(&out, output, why, sizeof why) != 0) {
        fprintf(stderr, "galley: %s\n", why);
        json_decref(meta);
        galley_pipeline_free(pipeline);
        cli_source_close(&source);
        return EXIT_USAGE;
    }
    galley_write_options wo;
    memset(&wo, 0, sizeof wo);
    wo.struct_size = sizeof wo;
    if (quiet)
        wo.flags |= GALLEY_WRITE_QUIET;
    if ((out.stream == stdout && cli_colour(color, stdout)) || strcmp(color, "always") == 0)
        wo.flags |= GALLEY_WRITE_COLOR;
    wo.width = cli_terminal_width();
    galley_report *report = galley_report_new(pipeline, galley_writer_needs_documents(format));
    galley_writer *writer = galley_writer_new(format, out.stream, &wo, &err);
    if (!report || !writer) {
        cli_error(&err);
        galley_writer_free(writer);
        galley_report_free(report);
        cli_output_abort(&out);
        json_decref(meta);
        galley_pipeline_free(pipeline);
        cli_source_close(&source);
        return EXIT_INPUT;
    }

    run_state rs;
    memset(&rs, 0, sizeof rs);
    rs.pipeline = pipeline;
    rs.meta = meta;
    rs.max_bytes = max_bytes;
    json_t *described = NULL;
    if (isolate) {
        described = galley_pipeline_describe(pipeline);
        isolation.steps = json_object_get(described, "steps");
        rs.isolation = &isolation;
    }
    rs.source = &source;
    rs.end = SIZE_MAX;
    rs.writer = writer;
    rs.report = report;
    rs.keep_text = galley_writer_needs_text(format);
    if (jobs == 0)
        jobs = default_jobs();
    if (cli_source_counted(&source) && (size_t)jobs > cli_source_count(&source))
        jobs = (int)cli_source_count(&source);
    rs.window = (size_t)jobs * 4;
    rs.slots = calloc(rs.window, sizeof *rs.slots);
    if (!rs.slots) {
        fprintf(stderr, "galley: out of memory\n");
        galley_writer_free(writer);
        galley_report_free(report);
        cli_output_abort(&out);
        json_decref(meta);
        galley_pipeline_free(pipeline);
        cli_source_close(&source);
        return EXIT_INPUT;
    }
    pthread_mutex_init(&rs.lock, NULL);
    pthread_mutex_init(&rs.input_lock, NULL);
    pthread_cond_init(&rs.finished, NULL);
    pthread_cond_init(&rs.room, NULL);
    cli_progress progress;
    /* A list's length is unknown until it is read: then the bar has no total and no ETA. */
    cli_progress_start(&progress, cli_source_counted(&source) ? cli_source_count(&source) : 0,
                       !quiet && isatty(STDERR_FILENO), cli_terminal_width());
    rs.progress = &progress;
    pthread_t threads[256];
    int started = 0;
    if (isolate && jobs > 1) {
        /* Children, not threads: see run_isolated. */
        run_isolated(&rs, jobs);
    } else {
        if (jobs > 1)
            for (; started < jobs; started++)
                if (pthread_create(&threads[started], NULL, worker, &rs) != 0)
                    break;
        if (started == 0) {
            /* One thread: take, process and write each document in turn. */
            for (size_t i = 0;; i++) {
                job *j = &rs.slots[i % rs.window];
                size_t index;
                if (!take_input(&rs, &j->input, &index))
                    break;
                j->index = i;
                process_job(&rs, j);
                write_job(&rs, j, i);
                rs.written = i + 1;
            }
        } else {
            /* The workers write as they go; wait until the last document is written. */
            pthread_mutex_lock(&rs.lock);
            while (rs.written < rs.end)
                pthread_cond_wait(&rs.finished, &rs.lock);
            pthread_mutex_unlock(&rs.lock);
        }
    }
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    cli_progress_end(&progress);
    if (rs.source_oom)
        fprintf(stderr, "galley: out of memory reading the list of inputs; only the documents "
                        "before that point were processed\n");
    int write_failed = rs.write_failed;
    if (!write_failed && galley_writer_finish(writer, report) != 0)
        write_failed = 1;

    int status = EXIT_OK;
    if (write_failed) {
        /* Name the output: with -o the user needs to know which file was not written. */
        fprintf(stderr, "galley: cannot write the report to %s: %s\n",
                output && strcmp(output, "-") != 0 ? output : "standard output", strerror(errno));
        cli_output_abort(&out);
        status = EXIT_USAGE;
    } else if (cli_output_commit(&out, why, sizeof why) != 0) {
        fprintf(stderr, "galley: %s\n", why);
        status = EXIT_USAGE;
    } else {
        int worst = galley_report_worst_failure(report);
        if (worst != GALLEY_OK)
            status = cli_exit_status(worst);
        else if (rs.source_oom)
            status = EXIT_INPUT;
        else if (!galley_report_passed(report))
            status = EXIT_GATE;
    }
    pthread_mutex_destroy(&rs.lock);
    pthread_mutex_destroy(&rs.input_lock);
    json_decref(described);
    pthread_cond_destroy(&rs.finished);
    pthread_cond_destroy(&rs.room);
    free(rs.slots);
    galley_writer_free(writer);
    galley_report_free(report);
    json_decref(meta);
    galley_pipeline_free(pipeline);
    cli_source_close(&source);
    return status;
}
