/*
 * common.c -- see fuzz.h.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

static char dir[256];

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_dir(void)
{
    if (dir[0])
        nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

const char *fuzz_dir(void)
{
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/galley-fuzz-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
        if (!mkdtemp(dir)) {
            fprintf(stderr, "fuzz: cannot make a temporary directory: %s\n", strerror(errno));
            abort();
        }
        atexit(remove_dir);
    }
    return dir;
}

const char *fuzz_write(const char *name, const void *data, size_t size)
{
    static char paths[8][512];
    static const char *names[8];
    size_t k = 0;
    while (k < 8 && names[k] && strcmp(names[k], name) != 0)
        k++;
    if (k == 8)
        abort(); /* a harness writes a handful of files, never more */
    if (!names[k]) {
        names[k] = name;
        snprintf(paths[k], sizeof paths[k], "%s/%s", fuzz_dir(), name);
    }
    FILE *f = fopen(paths[k], "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        fprintf(stderr, "fuzz: cannot write %s: %s\n", paths[k], strerror(errno));
        abort();
    }
    return paths[k];
}

const galley_load_options *fuzz_load_options(void)
{
    static const char *const path[] = {FUZZ_PLUGIN_DIR, FUZZ_TEST_PLUGIN_DIR, NULL};
    static galley_load_options options;
    options.struct_size = sizeof options;
    options.plugin_path = path;
    options.ignore_env = 1;
    /*
     * Plugins stay mapped between inputs: reloading one for every input is
     * slow, and unloading instrumented code would leave libFuzzer counting
     * coverage in memory that is gone.
     */
    setenv("GALLEY_NO_DLCLOSE", "1", 1);
    return &options;
}

void fuzz_die(const char *what, const galley_error *err)
{
    char text[1024];
    galley_error_format(err, text, sizeof text);
    fprintf(stderr, "fuzz: %s: %s\n", what, text);
    abort();
}

const char *fuzz_config_path(void)
{
    const char *c = getenv("GALLEY_FUZZ_CONFIG");
    return c && c[0] ? c : FUZZ_DEFAULT_CONFIG;
}
