/*
 * fuzz_pipeline.c -- a whole pipeline on arbitrary bytes as an article.
 *
 * The config is $GALLEY_FUZZ_CONFIG, or the one chosen at build time; it is
 * loaded once, and every input runs through galley_pipeline_run_buffer, so
 * pointing the harness at configs/NAME.json fuzzes that plugin's process().
 * For one input in eight the report (or the failure entry) is then written
 * in every format the library has, and the outputs are checked: JSON
 * formats must parse back, and the text format must carry no control
 * character an article could use to move a terminal's cursor or change its
 * colours.  The same input is then run again from a file through
 * galley_pipeline_run_file_prepared, which writes jsonl straight from the
 * analysis: its line must be the one the JSON report gives.
 */
#define _GNU_SOURCE /* open_memstream */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

static galley_pipeline *pipeline;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    galley_error err;
    pipeline = galley_pipeline_load(fuzz_config_path(), fuzz_load_options(), &err);
    if (!pipeline)
        fuzz_die("cannot load the pipeline", &err);
    return 0;
}

static void check_output(const char *format, const char *out, size_t len)
{
    FUZZ_CHECK(len > 0);
    if (strcmp(format, "text") == 0) {
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)out[i];
            FUZZ_CHECK(c >= 0x20 || c == '\n');
            FUZZ_CHECK(c != 0x7F);
            /* C1 controls are U+0080..U+009F, C2 80..C2 9F in UTF-8. */
            FUZZ_CHECK(!(c == 0xC2 && i + 1 < len && (unsigned char)out[i + 1] >= 0x80 &&
                         (unsigned char)out[i + 1] <= 0x9F));
        }
    } else if (strcmp(format, "json") == 0 || strcmp(format, "sarif") == 0) {
        json_error_t jerr;
        json_t *v = json_loadb(out, len, 0, &jerr);
        FUZZ_CHECK(v != NULL);
        json_decref(v);
    } else if (strcmp(format, "jsonl") == 0) {
        FUZZ_CHECK(out[len - 1] == '\n' && memchr(out, '\n', len) == out + len - 1);
        json_error_t jerr;
        json_t *v = json_loadb(out, len, 0, &jerr);
        FUZZ_CHECK(v != NULL && json_is_object(v));
        json_decref(v);
    }
}

static void write_all(json_t *report_doc, const galley_error *failure)
{
    for (const char *const *f = galley_writer_formats(); *f; f++) {
        char *out = NULL;
        size_t len = 0;
        FILE *stream = open_memstream(&out, &len);
        FUZZ_CHECK(stream != NULL);
        galley_error err;
        galley_report *report = galley_report_new(pipeline, galley_writer_needs_documents(*f));
        galley_writer *writer = galley_writer_new(*f, stream, NULL, &err);
        FUZZ_CHECK(report && writer);
        const json_t *entry = report_doc;
        if (failure)
            entry = galley_report_add_failure(report, "fuzz.txt", failure);
        else
            FUZZ_CHECK(galley_report_add(report, report_doc) == GALLEY_OK);
        FUZZ_CHECK(entry != NULL);
        FUZZ_CHECK(galley_writer_document(writer, report, entry) == 0);
        FUZZ_CHECK(galley_writer_finish(writer, report) == 0);
        galley_writer_free(writer);
        galley_report_free(report);
        fclose(stream);
        check_output(*f, out, len);
        free(out);
    }
}

/* The jsonl line of a document report, or of a prepared document when prepared is set. */
static char *jsonl_of(const json_t *doc, galley_prepared *prepared, size_t *len)
{
    char *out = NULL;
    FILE *stream = open_memstream(&out, len);
    FUZZ_CHECK(stream != NULL);
    galley_error err;
    galley_report *report = galley_report_new(pipeline, 0);
    galley_writer *writer = galley_writer_new("jsonl", stream, NULL, &err);
    FUZZ_CHECK(report && writer);
    if (prepared) {
        FUZZ_CHECK(galley_writer_document_prepared(writer, report, prepared) == 0);
    } else {
        FUZZ_CHECK(galley_report_add(report, (json_t *)doc) == GALLEY_OK);
        FUZZ_CHECK(galley_writer_document(writer, report, doc) == 0);
    }
    galley_writer_free(writer);
    galley_report_free(report);
    fclose(stream);
    return out;
}

/*
 * The input written to a file and run through galley_pipeline_run_file_prepared
 * for a jsonl writer: the line it renders straight from the analysis must be
 * the line of report, the JSON report of the same bytes, under the file's name.
 */
static void compare_prepared(const uint8_t *data, size_t size, json_t *report)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/galley-fuzz-%ld.txt", (long)getpid());
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, f) == size);
    fclose(f);
    galley_error err;
    galley_report *r = galley_report_new(pipeline, 0);
    galley_writer *w = galley_writer_new("jsonl", stdout, NULL, &err);
    FUZZ_CHECK(r && w);
    galley_prepared *prepared = NULL;
    json_t *doc = NULL;
    FUZZ_CHECK(galley_pipeline_run_file_prepared(pipeline, path, NULL, size + 1, w, r, &prepared,
                                                 &doc, &err) == GALLEY_OK);
    galley_writer_free(w);
    galley_report_free(r);
    size_t len_direct = 0, len_tree = 0;
    char *direct = jsonl_of(doc, prepared, &len_direct);
    json_object_set_new(report, "path", json_string(path));
    char *tree = jsonl_of(report, NULL, &len_tree);
    json_object_set_new(report, "path", json_string("fuzz.txt"));
    FUZZ_CHECK(len_direct == len_tree && memcmp(direct, tree, len_tree) == 0);
    free(direct);
    free(tree);
    galley_prepared_free(prepared);
    json_decref(doc);
}

/*
 * Whether this input's report is written out.  Writing seven formats costs
 * several times what a plugin's process() does, and the writers see much the
 * same report whatever the plugin; one input in eight keeps them fuzzed
 * without slowing the search through the plugins.  Chosen by the input's
 * bytes, so that a crash replays.
 */
static int write_this(const uint8_t *data, size_t size)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;
    return (h & 7) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A copy of exactly `size` bytes, so ASan catches any read past the end. */
    char *bytes = malloc(size ? size : 1);
    if (!bytes)
        return 0;
    memcpy(bytes, data, size);
    json_t *report = NULL;
    galley_error err;
    int rc = galley_pipeline_run_buffer(pipeline, "fuzz.txt", bytes, size, NULL, &report, &err);
    if (rc == GALLEY_OK) {
        FUZZ_CHECK(report && json_is_object(report));
        FUZZ_CHECK(json_is_array(json_object_get(report, "blocks")));
        if (write_this(data, size)) {
            write_all(report, NULL);
            compare_prepared(data, size, report);
        }
    } else {
        /* Arbitrary bytes are an input error; a plugin may fail only with a message. */
        FUZZ_CHECK(report == NULL && err.text[0]);
        FUZZ_CHECK(rc == GALLEY_EINPUT || rc == GALLEY_EPLUGIN);
        if (write_this(data, size))
            write_all(NULL, &err);
    }
    json_decref(report);
    free(bytes);
    return 0;
}
