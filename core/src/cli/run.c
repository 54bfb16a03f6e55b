/*
 * run.c -- `galley run`: runs a pipeline over articles and writes a report.
 *
 * Documents are processed by -j worker threads that share one loaded
 * pipeline, and written by the main thread strictly in input order, so the
 * output of -j 8 is byte for byte the output of -j 1.  Workers may run ahead
 * of the writer by a bounded window only, which keeps memory flat on long
 * streams.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "inputs.h"
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
    "  -f, --format FMT    text, json or jsonl (default: text on a terminal, else json)\n"
    "  -o, --output FILE   write the report to FILE, atomically (default: stdout)\n"
    "  -j, --jobs N        documents processed in parallel (default: number of CPUs)\n"
    "      --meta FILE     metadata for every input, instead of each ARTICLE.meta.json\n"
    "      --plugin-path DIR\n"
    "                      look for plugins in DIR first (repeatable; colon-separated\n"
    "                      lists work too, as in GALLEY_PLUGIN_PATH)\n"
    "      --glob PATTERN  which files a directory contributes (default: *.txt)\n"
    "      --files-from FILE\n"
    "                      read more inputs from FILE, one per line ('-': stdin)\n"
    "      --max-bytes N   refuse articles larger than N bytes; K, M, G suffixes\n"
    "                      (default: 64M)\n"
    "      --color WHEN    auto, always or never (default: auto; NO_COLOR is honoured)\n"
    "  -q, --quiet         no progress bar; the text report shows findings and the\n"
    "                      summary only\n"
    "  -h, --help          this help\n"
    "\n"
    "Formats:\n"
    "  text    results per step, findings as file:line:col severity rule message\n"
    "  json    one JSON report, report_version 1 (docs/report-format.md)\n"
    "  jsonl   one JSON document report per line, streamed in input order\n"
    "\n"
    "Exit status: 0 ok, 1 the gate failed (a finding at or above gate.fail_on),\n"
    "2 usage, config or meta file error, 3 input error (an article could not be\n"
    "read or is not UTF-8 text; the other articles are still reported), 4 plugin\n"
    "error.  When several happen, the order is 2, 4, 3, 1.\n"
    "\n"
    "Examples:\n"
    "  galley run configs/review.json corpus/frontline-aggregator.txt\n"
    "  galley run configs/anonymity-gate.json corpus/ -f json -o gate.json\n"
    "  find archive -name '*.txt' | galley run configs/review.json --files-from - -f jsonl\n"
    "  curl -s https://example.org/a.txt | galley run configs/review.json -\n";

/*
 * One document in flight.  Jobs live in a ring of `window` slots: job i uses
 * slot i % window, and a worker may start job i only once job i - window has
 * been written, so memory does not grow with the length of the batch.
 */
typedef struct job {
    size_t index; /* which input this slot holds now */
    json_t *report;
    galley_error error;
    int status;
    int done;
    size_t bytes;
} job;

typedef struct run_state {
    const galley_pipeline *pipeline;
    const json_t *meta;
    size_t max_bytes;
    const cli_inputs *inputs;
    job *slots;     /* window of them */
    size_t count;   /* inputs */
    size_t next;    /* the next input a worker takes */
    size_t written; /* inputs the main thread has written */
    size_t window;  /* how far workers may run ahead of the writer */
    pthread_mutex_t lock;
    pthread_cond_t finished; /* a job is done */
    pthread_cond_t room;     /* the writer moved on */
} run_state;

static void process_job(run_state *rs, job *j)
{
    const cli_input *in = &rs->inputs->items[j->index];
    j->report = NULL;
    j->bytes = 0;
    if (in->error) {
        j->error = *in->error;
        j->status = j->error.status;
        return;
    }
    j->status = galley_pipeline_run_file(rs->pipeline, in->path, rs->meta, rs->max_bytes,
                                         &j->report, &j->error);
    if (j->report)
        j->bytes = (size_t)json_integer_value(json_object_get(j->report, "bytes"));
}

static void *worker(void *arg)
{
    run_state *rs = arg;
    pthread_mutex_lock(&rs->lock);
    for (;;) {
        while (rs->next < rs->count && rs->next >= rs->written + rs->window)
            pthread_cond_wait(&rs->room, &rs->lock);
        if (rs->next >= rs->count)
            break;
        size_t index = rs->next++;
        job *j = &rs->slots[index % rs->window];
        j->index = index;
        j->done = 0;
        pthread_mutex_unlock(&rs->lock);
        process_job(rs, j);
        pthread_mutex_lock(&rs->lock);
        j->done = 1;
        pthread_cond_broadcast(&rs->finished);
    }
    pthread_mutex_unlock(&rs->lock);
    return NULL;
}

static int parse_size(const char *s, size_t *out)
{
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

enum { OPT_META = 256, OPT_PLUGIN_PATH, OPT_GLOB, OPT_FILES_FROM, OPT_MAX_BYTES, OPT_COLOR };

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
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *format = NULL, *output = NULL, *meta_path = NULL, *glob = "*.txt",
               *color = "auto";
    const char *lists[16];
    size_t list_count = 0;
    int jobs = 0, quiet = 0;
    size_t max_bytes = 64u << 20;
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
        return cli_usage_error("run", "unknown format '%s' (formats: text, json, jsonl)", format);

    /* Collect the inputs before loading anything, so that usage errors come first. */
    cli_inputs inputs = {0};
    char why[4400];
    for (int i = optind; i < argc; i++)
        if (cli_inputs_add(&inputs, argv[i], glob, why, sizeof why) != 0) {
            cli_inputs_free(&inputs);
            return cli_usage_error("run", "%s", why);
        }
    for (size_t i = 0; i < list_count; i++)
        if (cli_inputs_add_list(&inputs, lists[i], glob, why, sizeof why) != 0) {
            cli_inputs_free(&inputs);
            return cli_usage_error("run", "%s", why);
        }
    if (inputs.count == 0 && optind == argc && list_count == 0) {
        if (isatty(STDIN_FILENO)) {
            cli_inputs_free(&inputs);
            return cli_usage_error("run", "no articles given: name FILEs or DIRs, or '-' to read "
                                          "standard input");
        }
        cli_inputs_add(&inputs, "-", glob, why, sizeof why);
    }
    if (inputs.count == 0) {
        cli_inputs_free(&inputs);
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
        cli_inputs_free(&inputs);
        return cli_exit_status(err.status);
    }
    json_t *meta = NULL;
    if (meta_path && galley_pipeline_load_meta(pipeline, meta_path, &meta, &err) != 0) {
        cli_error(&err);
        galley_pipeline_free(pipeline);
        cli_inputs_free(&inputs);
        return EXIT_USAGE;
    }

    cli_output out;
    if (cli_output_open(&out, output, why, sizeof why) != 0) {
        fprintf(stderr, "galley: %s\n", why);
        json_decref(meta);
        galley_pipeline_free(pipeline);
        cli_inputs_free(&inputs);
        return EXIT_USAGE;
    }
    galley_write_options wo;
    memset(&wo, 0, sizeof wo);
    wo.struct_size = sizeof wo;
    if (quiet)
        wo.flags |= GALLEY_WRITE_QUIET;
    if (out.stream == stdout && cli_colour(color, stdout))
        wo.flags |= GALLEY_WRITE_COLOR;
    else if (strcmp(color, "always") == 0)
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
        cli_inputs_free(&inputs);
        return EXIT_INPUT;
    }

    run_state rs;
    memset(&rs, 0, sizeof rs);
    rs.pipeline = pipeline;
    rs.meta = meta;
    rs.max_bytes = max_bytes;
    rs.count = inputs.count;
    rs.inputs = &inputs;
    if (jobs == 0)
        jobs = default_jobs();
    if ((size_t)jobs > inputs.count)
        jobs = (int)inputs.count;
    rs.window = (size_t)jobs * 4;
    rs.slots = calloc(rs.window, sizeof *rs.slots);
    if (!rs.slots) {
        fprintf(stderr, "galley: out of memory\n");
        galley_writer_free(writer);
        galley_report_free(report);
        cli_output_abort(&out);
        json_decref(meta);
        galley_pipeline_free(pipeline);
        cli_inputs_free(&inputs);
        return EXIT_INPUT;
    }
    pthread_mutex_init(&rs.lock, NULL);
    pthread_cond_init(&rs.finished, NULL);
    pthread_cond_init(&rs.room, NULL);
    pthread_t threads[256];
    int started = 0;
    if (jobs > 1)
        for (; started < jobs; started++)
            if (pthread_create(&threads[started], NULL, worker, &rs) != 0)
                break;

    cli_progress progress;
    cli_progress_start(&progress, inputs.count, !quiet && isatty(STDERR_FILENO),
                       cli_terminal_width());
    unsigned long long bytes_done = 0;
    int write_failed = 0;
    for (size_t i = 0; i < rs.count; i++) {
        job *j = &rs.slots[i % rs.window];
        const char *path = inputs.items[i].path;
        if (started == 0) {
            rs.next = i + 1;
            j->index = i;
            process_job(&rs, j);
        } else {
            pthread_mutex_lock(&rs.lock);
            while (!(j->done && j->index == i))
                pthread_cond_wait(&rs.finished, &rs.lock);
            pthread_mutex_unlock(&rs.lock);
        }
        const json_t *entry = NULL;
        if (j->status == GALLEY_OK) {
            if (galley_report_add(report, j->report) != GALLEY_OK)
                write_failed = 1;
            entry = j->report;
        } else {
            cli_progress_end(&progress);
            cli_error(&j->error);
            entry = galley_report_add_failure(report, path, &j->error);
        }
        if (!write_failed && entry && galley_writer_document(writer, report, entry) != 0)
            write_failed = 1;
        bytes_done += j->bytes;
        json_decref(j->report);
        j->report = NULL;
        pthread_mutex_lock(&rs.lock);
        rs.written = i + 1;
        pthread_cond_broadcast(&rs.room);
        pthread_mutex_unlock(&rs.lock);
        cli_progress_update(&progress, i + 1, bytes_done);
    }
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    cli_progress_end(&progress);
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
        else if (!galley_report_passed(report))
            status = EXIT_GATE;
    }
    pthread_mutex_destroy(&rs.lock);
    pthread_cond_destroy(&rs.finished);
    pthread_cond_destroy(&rs.room);
    free(rs.slots);
    galley_writer_free(writer);
    galley_report_free(report);
    json_decref(meta);
    galley_pipeline_free(pipeline);
    cli_inputs_free(&inputs);
    return status;
}
