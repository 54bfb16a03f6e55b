/*
 * datafile.c -- reading the boilerplate plugin's data files: the furniture
 * phrase lists (KIND<TAB>MODE<TAB>PHRASE), the stop words (LANGUAGE<TAB>WORD
 * WORD ...) and the word classes (CLASS<TAB>WORD WORD ...).
 *
 * Every error names the file and the line, and says what was expected, so
 * that a newsroom editing its own list finds the mistake at once; the config
 * then fails to load (galley exits 2) before any article is read.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "lexicon.h"

static int file_error(galley_error *err, int status, const char *path, int line, const char *fmt,
                      ...) GALLEY_PRINTF(5, 6);

static int file_error(galley_error *err, int status, const char *path, int line, const char *fmt,
                      ...)
{
    if (!err)
        return status;
    char text[sizeof err->text];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    galley_error_clear(err);
    err->status = status;
    err->line = line;
    snprintf(err->source, sizeof err->source, "%s", path);
    memcpy(err->text, text, sizeof text);
    return status;
}

/* Strips a trailing CR/LF and surrounding spaces; returns the new length. */
static size_t trim_line(const char *line, size_t length, size_t *first)
{
    while (length > 0 &&
           (line[length - 1] == '\n' || line[length - 1] == '\r' || line[length - 1] == ' '))
        length--;
    size_t f = 0;
    while (f < length && line[f] == ' ')
        f++;
    *first = f;
    return length;
}

typedef int (*line_fn)(bp_lexicon *lx, const char *path, int line, char *text, size_t length,
                       void *ctx, galley_error *err);

/* Calls fn for every line that is neither blank nor a # comment. */
static int each_line(bp_lexicon *lx, const char *path, line_fn fn, void *ctx, galley_error *err)
{
    if (!path || !*path)
        return file_error(err, GALLEY_ECONFIG, "", 0, "no data file given");
    FILE *f = fopen(path, "rb");
    if (!f)
        return file_error(err, GALLEY_ECONFIG, path, 0, "cannot open: %s", strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int number = 0, rc = GALLEY_OK;
    while ((got = getline(&line, &cap, f)) >= 0) {
        number++;
        size_t first;
        size_t length = trim_line(line, (size_t)got, &first);
        /* A UTF-8 byte-order mark on the first line is not part of the text. */
        if (number == 1 && length - first >= 3 && memcmp(line + first, "\xEF\xBB\xBF", 3) == 0)
            first += 3;
        if (length <= first || line[first] == '#')
            continue;
        if (memchr(line + first, '\0', length - first)) {
            rc = file_error(err, GALLEY_ECONFIG, path, number, "the line contains a NUL byte");
            break;
        }
        line[length] = '\0';
        rc = fn(lx, path, number, line + first, length - first, ctx, err);
        if (rc != GALLEY_OK)
            break;
    }
    if (rc == GALLEY_OK && ferror(f))
        rc = file_error(err, GALLEY_ECONFIG, path, number, "read error: %s", strerror(errno));
    free(line);
    fclose(f);
    return rc;
}

/* Folds and splits one phrase into entry ids. */
static int phrase_ids(bp_lexicon *lx, const char *path, int line, const char *text, size_t length,
                      uint32_t *ids, int *count, galley_error *err)
{
    bp_span spans[BP_PHRASE_MAX + 1];
    int n = bp_split_tokens(text, length, spans, BP_PHRASE_MAX);
    if (n < 0)
        return file_error(err, GALLEY_ECONFIG, path, line, "the phrase is not valid UTF-8");
    if (n == 0)
        return file_error(err, GALLEY_ECONFIG, path, line, "the phrase is empty");
    if (n > BP_PHRASE_MAX)
        return file_error(err, GALLEY_ECONFIG, path, line,
                          "the phrase has more than %d words and marks", BP_PHRASE_MAX);
    for (int i = 0; i < n; i++) {
        char folded[256];
        long fl =
            bp_fold(text + spans[i].start, spans[i].end - spans[i].start, folded, sizeof folded);
        if (fl < 0)
            return file_error(err, GALLEY_ECONFIG, path, line, "a word of the phrase is too long");
        uint32_t id = bp_lexicon_intern(lx, folded, (size_t)fl);
        if (id == BP_NO_ID)
            return file_error(err, GALLEY_ENOMEM, path, line, "out of memory");
        ids[i] = id;
    }
    *count = n;
    return GALLEY_OK;
}

static int phrase_line(bp_lexicon *lx, const char *path, int line, char *text, size_t length,
                       void *ctx, galley_error *err)
{
    (void)ctx;
    char *tab1 = memchr(text, '\t', length);
    char *tab2 = tab1 ? memchr(tab1 + 1, '\t', length - (size_t)(tab1 + 1 - text)) : NULL;
    if (!tab1 || !tab2)
        return file_error(err, GALLEY_ECONFIG, path, line,
                          "expected KIND<TAB>MODE<TAB>PHRASE, found \"%.60s\"", text);
    int kind = bp_kind_from_name(text, (size_t)(tab1 - text));
    if (kind < 0)
        return file_error(err, GALLEY_ECONFIG, path, line,
                          "unknown kind \"%.*s\" (menu, crumb, nav, list-heading, sponsor-slot, "
                          "sponsor-heading, credit, byline, date-line, share, subscribe, "
                          "cookie-notice, tag-list, copyright, legal, comment-prompt, meta-line, "
                          "letters-heading)",
                          (int)(tab1 - text > 40 ? 40 : tab1 - text), text);
    int mode = bp_mode_from_name(tab1 + 1, (size_t)(tab2 - tab1 - 1));
    if (mode < 0)
        return file_error(err, GALLEY_ECONFIG, path, line,
                          "unknown mode \"%.*s\" (block, label, start, contains)",
                          (int)(tab2 - tab1 - 1 > 40 ? 40 : tab2 - tab1 - 1), tab1 + 1);
    const char *phrase = tab2 + 1;
    size_t plen = length - (size_t)(phrase - text);
    if (memchr(phrase, '\t', plen))
        return file_error(err, GALLEY_ECONFIG, path, line,
                          "too many fields: a phrase cannot contain a tab");
    uint32_t ids[BP_PHRASE_MAX];
    int count = 0;
    int rc = phrase_ids(lx, path, line, phrase, plen, ids, &count, err);
    if (rc != GALLEY_OK)
        return rc;
    if (bp_lexicon_add_phrase(lx, kind, mode, ids, count) != 0)
        return file_error(err, GALLEY_ENOMEM, path, line, "out of memory");
    return GALLEY_OK;
}

int bp_lexicon_load_phrases(bp_lexicon *lx, const char *path, galley_error *err)
{
    return each_line(lx, path, phrase_line, NULL, err);
}

static int class_from_name(const char *name, size_t length)
{
    static const struct {
        const char *name;
        uint32_t bit;
    } classes[] = {
        {"month", BP_CLASS_MONTH}, {"date", BP_CLASS_DATE},     {"byline", BP_CLASS_BYLINE},
        {"menu", BP_CLASS_MENU},   {"social", BP_CLASS_SOCIAL}, {"follow", BP_CLASS_FOLLOW},
        {"role", BP_CLASS_ROLE},   {"born", BP_CLASS_BORN},     {"died", BP_CLASS_DIED}};
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strlen(classes[i].name) == length && memcmp(classes[i].name, name, length) == 0)
            return (int)classes[i].bit;
    return -1;
}

static int word_line(bp_lexicon *lx, const char *path, int line, char *text, size_t length,
                     void *ctx, galley_error *err)
{
    int stopwords = *(int *)ctx;
    char *tab = memchr(text, '\t', length);
    if (!tab)
        return file_error(err, GALLEY_ECONFIG, path, line,
                          stopwords ? "expected LANGUAGE<TAB>WORD WORD ..., found \"%.60s\""
                                    : "expected CLASS<TAB>WORD WORD ..., found \"%.60s\"",
                          text);
    size_t nlen = (size_t)(tab - text);
    uint32_t bit;
    if (stopwords) {
        /* A language code: two or three lower-case ASCII letters (ISO 639). */
        int ok = nlen >= 2 && nlen <= 3;
        for (size_t i = 0; ok && i < nlen; i++)
            ok = text[i] >= 'a' && text[i] <= 'z';
        if (!ok)
            return file_error(err, GALLEY_ECONFIG, path, line,
                              "\"%.*s\" is not a language code (two or three lower-case letters)",
                              (int)(nlen > 40 ? 40 : nlen), text);
        bit = BP_CLASS_STOP;
    } else {
        int c = class_from_name(text, nlen);
        if (c < 0)
            return file_error(err, GALLEY_ECONFIG, path, line,
                              "unknown class \"%.*s\" (month, date, byline, menu, social, follow, "
                              "role, born, died)",
                              (int)(nlen > 40 ? 40 : nlen), text);
        bit = (uint32_t)c;
    }
    const char *words = tab + 1;
    size_t wlen = length - nlen - 1;
    if (memchr(words, '\t', wlen))
        return file_error(err, GALLEY_ECONFIG, path, line,
                          "too many fields: separate the words with spaces");
    int seen = 0;
    size_t i = 0;
    while (i < wlen) {
        while (i < wlen && words[i] == ' ')
            i++;
        size_t start = i;
        while (i < wlen && words[i] != ' ')
            i++;
        if (i == start)
            break;
        bp_span one[2];
        int n = bp_split_tokens(words + start, i - start, one, 1);
        if (n < 0)
            return file_error(err, GALLEY_ECONFIG, path, line, "\"%.*s\" is not valid UTF-8",
                              (int)(i - start > 40 ? 40 : i - start), words + start);
        if (n != 1)
            return file_error(err, GALLEY_ECONFIG, path, line,
                              "\"%.*s\" is not a single word (phrases go in the furniture file)",
                              (int)(i - start > 40 ? 40 : i - start), words + start);
        char folded[256];
        long fl = bp_fold(words + start, i - start, folded, sizeof folded);
        if (fl < 0)
            return file_error(err, GALLEY_ECONFIG, path, line, "a word is too long");
        uint32_t id = bp_lexicon_intern(lx, folded, (size_t)fl);
        if (id == BP_NO_ID)
            return file_error(err, GALLEY_ENOMEM, path, line, "out of memory");
        bp_lexicon_add_classes(lx, id, bit);
        seen++;
    }
    if (!seen)
        return file_error(err, GALLEY_ECONFIG, path, line, "no words after the tab");
    return GALLEY_OK;
}

int bp_lexicon_load_words(bp_lexicon *lx, const char *path, int stopwords, galley_error *err)
{
    return each_line(lx, path, word_line, &stopwords, err);
}
