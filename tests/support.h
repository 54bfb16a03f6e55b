/*
 * support.h -- helpers shared by the test suites: temporary files, running
 * the galley binary, loading a pipeline from a config written inline.
 */
#ifndef GALLEY_TEST_SUPPORT_H
#define GALLEY_TEST_SUPPORT_H

#include <stddef.h>

#include <check.h>
#include <galley/galley.h>

/* A fresh temporary directory for this test (removed by t_cleanup). */
const char *t_dir(void);
/* Writes a file under t_dir() and returns its path (valid until t_cleanup). */
const char *t_write(const char *name, const char *content);
const char *t_write_bytes(const char *name, const void *content, size_t length);
/* Reads a whole file; NULL when it cannot.  Free with free(). */
char *t_read(const char *path, size_t *length);
/* Removes t_dir() and everything in it. */
void t_cleanup(void);

/* The path of a file in the source tree ("tests/fixtures/..."), static buffer. */
const char *t_source(const char *relative);

/* Load options that find the test plugins and the project's plugins. */
const galley_load_options *t_load_options(void);
/* Writes config_json to a temporary config and loads it; NULL with err on failure. */
galley_pipeline *t_pipeline(const char *config_json, galley_error *err);
/* Runs a pipeline on text held in memory; returns the document report or NULL. */
json_t *t_run_text(const galley_pipeline *p, const char *text, galley_error *err);

/*
 * Runs the galley binary with argv (argv[0] is ignored; NULL-terminated),
 * feeding stdin_data (may be NULL) and capturing stdout and stderr (free
 * them with free()).  Returns the exit status, or 128 + signal.  When
 * GALLEY_TEST_WRAPPER is set (a command and its options, separated by
 * spaces), the binary runs under it (scripts/valgrind.sh).
 */
int t_galley(const char *const *argv, const char *stdin_data, char **out, char **err);

/*
 * The paragraphs a cross-validation report's confusion matrix ({"confusion":
 * {gold: {predicted: n}}}) covers, and how many of them it has right.
 */
void t_confusion_totals(const json_t *cv, size_t *total, size_t *right);

/* Asserts that haystack contains needle, printing both when it does not. */
#define ck_assert_contains(haystack, needle)                                               \
    ck_assert_msg((haystack) && strstr((haystack), (needle)) != NULL,                      \
                  "expected to find \"%s\" in \"%s\"", (needle), (haystack) ? (haystack) : "(null)")

/* Runs a suite; returns the process exit status. */
int t_main(Suite *suite);

#endif /* GALLEY_TEST_SUPPORT_H */
