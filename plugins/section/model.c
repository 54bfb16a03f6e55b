/*
 * model.c -- reads a section model file and answers look-ups in it.
 *
 * The file is plain text so that a retrained model can be reviewed as a diff
 * (README.md describes the format).  It holds counts, not probabilities:
 * counts are exact integers, so the same training set always writes the same
 * bytes, and the smoothing is applied here, at load, where the config can
 * choose it.  Loading checks everything it reads and reports the first
 * problem with the file's path and line, because a model that loads half
 * right would classify quietly wrong.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "section.h"

/* Bigrams seen this often or more in training count as equally frequent when they are placed
   in the table (read_body). */
#define FREQUENT_PAIR 1024

/* Model files are well under a few megabytes; this only stops a wrong path to a huge file. */
#define MODEL_MAX_BYTES (256u << 20)

/* The state of reading one file line by line. */
typedef struct reader {
    const char *path;
    char *data; /* the whole file, NUL-terminated; lines are cut in place */
    size_t length, offset;
    int line; /* of the line last returned */
} reader;

static int model_error(galley_error *err, const char *path, int line, const char *fmt, ...)
    GALLEY_PRINTF(4, 5);

static int model_error(galley_error *err, const char *path, int line, const char *fmt, ...)
{
    if (!err)
        return GALLEY_ECONFIG;
    galley_error_clear(err);
    err->status = GALLEY_ECONFIG;
    err->line = line;
    snprintf(err->source, sizeof err->source, "%s", path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
    return GALLEY_ECONFIG;
}

static int read_whole_file(reader *r, const char *path, galley_error *err)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    FILE *f = fopen(path, "rb");
    if (!f)
        return model_error(err, path, 0, "cannot open the section model: %s", strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    for (;;) {
        if (n + 1 >= cap) {
            if (cap >= MODEL_MAX_BYTES) {
                free(buf);
                fclose(f);
                return model_error(err, path, 0, "the section model is larger than %u MB",
                                   MODEL_MAX_BYTES >> 20);
            }
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                fclose(f);
                return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return model_error(err, path, 0, "cannot read the section model");
    }
    buf[n] = '\0';
    if (memchr(buf, '\0', n)) {
        free(buf);
        return model_error(err, path, 0, "the section model contains a NUL byte (not a text file)");
    }
    r->data = buf;
    r->length = n;
    return 0;
}

/*
 * The next line that is neither blank nor a '#' comment, cut at its end (a
 * trailing CR is dropped too); NULL at the end of the file.
 */
static char *next_line(reader *r)
{
    while (r->offset < r->length) {
        char *s = r->data + r->offset;
        char *nl = memchr(s, '\n', r->length - r->offset);
        size_t n = nl ? (size_t)(nl - s) : r->length - r->offset;
        r->offset += n + (nl ? 1 : 0);
        r->line++;
        s[n] = '\0';
        if (n > 0 && s[n - 1] == '\r')
            s[--n] = '\0';
        if (n == 0 || s[0] == '#')
            continue;
        return s;
    }
    r->line++; /* errors about a missing line point just past the end */
    return NULL;
}

/* "keyword N" with N a count up to max; returns 0 and sets *value, or -1. */
static int keyword_count(const char *s, const char *keyword, size_t max, size_t *value)
{
    size_t k = strlen(keyword);
    if (strncmp(s, keyword, k) != 0 || s[k] != ' ')
        return -1;
    const char *p = s + k + 1;
    if (*p < '0' || *p > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(p, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *value = (size_t)v;
    return 0;
}

/* Splits s at single spaces into at most max fields; returns how many (max + 1 = too many). */
static size_t split_spaces(char *s, char **fields, size_t max)
{
    size_t n = 0;
    while (*s) {
        if (n == max)
            return max + 1;
        fields[n++] = s;
        char *sp = strchr(s, ' ');
        if (!sp)
            break;
        *sp = '\0';
        s = sp + 1;
    }
    return n;
}

/* Slots for an open-addressing table of entries: a power of two, at most three quarters full
   (fuller tables probe longer; emptier ones take more memory and longer to allocate and to
   load; the bigrams' filter turns most lookups that would probe far away before they do). */
static size_t table_size(size_t entries)
{
    size_t n = 16;
    while (n * 3 < entries * 4)
        n *= 2;
    return n;
}

static section_word *word_record(const section_model *m, size_t index)
{
    return (section_word *)(void *)(m->words + index * m->word_stride);
}

/* Adds a word record for text, which lies in the model's pool; logp (label_count values) may be
   NULL for a stop word. */
static void insert_word(section_model *m, const char *text, size_t length, int32_t feature,
                        int32_t id, const float *logp)
{
    assert(text >= m->pool && (size_t)(text - m->pool) < UINT32_MAX);
    section_key key = section_key_of(text, length);
    uint64_t h = section_key_hash(key, length);
    size_t i = (size_t)h & m->word_mask;
    while (m->slots[i].word)
        i = (i + 1) & m->word_mask;
    section_word *w = word_record(m, m->word_count++);
    w->length = (uint32_t)length;
    w->feature = feature;
    w->id = id;
    w->text = (uint32_t)(text - m->pool);
    w->key = key;
    if (logp)
        memcpy((float *)(void *)(w + 1), logp, m->label_count * sizeof *logp);
    m->slots[i].tag = (uint32_t)(h >> 32);
    m->slots[i].word = (uint32_t)m->word_count;
}

const section_word *section_model_word(const section_model *m, const char *text, size_t length,
                                       section_key key, uint64_t hash)
{
    size_t i = (size_t)hash & m->word_mask;
    uint32_t tag = (uint32_t)(hash >> 32);
    for (;;) {
        const section_slot *slot = &m->slots[i];
        if (!slot->word)
            return NULL;
        if (slot->tag == tag) {
            const section_word *w = word_record(m, slot->word - 1);
            if (section_word_is(w, m->pool, key, text, length))
                return w;
        }
        i = (i + 1) & m->word_mask;
    }
}

/* section_model_word for the n bytes at text, computing their key and hash. */
static const section_word *find_word(const section_model *m, const char *text, size_t n)
{
    section_key key = section_key_of(text, n);
    return section_model_word(m, text, n, key, section_key_hash(key, n));
}

static void insert_pair(section_model *m, uint64_t key, const float *logp)
{
    uint64_t h = section_mix(key);
    size_t bit = (size_t)(h >> 40) & m->filter_mask;
    m->pair_filter[bit / 64] |= (uint64_t)1 << (bit % 64);
    size_t i = (size_t)h & m->pair_mask;
    unsigned char *p;
    for (;;) {
        p = m->pairs + i * m->pair_stride;
        uint64_t k;
        memcpy(&k, p, sizeof k);
        if (k == 0)
            break;
        i = (i + 1) & m->pair_mask;
    }
    memcpy(p, &key, sizeof key);
    memcpy(p + sizeof key, logp, m->label_count * sizeof *logp);
}

void section_model_free(section_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; m->labels && i < m->label_count; i++)
        free(m->labels[i]);
    free(m->labels);
    free(m->paragraphs);
    free(m->log_prior);
    free(m->words);
    free(m->slots);
    free(m->pairs);
    free(m->pair_filter);
    free(m->pool);
    free(m->zero_row);
    memset(m, 0, sizeof *m);
}

/* One vocabulary line, kept until every unigram is known and bigrams can be resolved. */
typedef struct vocab_line {
    const char *term;
    size_t length;
    const char *space; /* the space of a bigram, NULL for a unigram */
    int line;
} vocab_line;

/* Reads "labels", "prior" and "stopwords" (the part of the file before the vocabulary). */
static int read_header(reader *r, section_model *m, galley_error *err)
{
    char *s = next_line(r);
    if (!s)
        return model_error(err, r->path, r->line, "the section model is empty");
    size_t k = strlen(SECTION_MODEL_FORMAT);
    if (strncmp(s, SECTION_MODEL_FORMAT, k) != 0 || (s[k] != ' ' && s[k] != '\0'))
        return model_error(err, r->path, r->line,
                           "not a section model: the first line should be '%s %d'",
                           SECTION_MODEL_FORMAT, SECTION_MODEL_VERSION);
    if (strcmp(s + k, " 1") != 0)
        return model_error(err, r->path, r->line,
                           "section model format '%s' is not supported: this plugin reads "
                           "version %d; retrain the model with `galley train section`",
                           s + k + (s[k] ? 1 : 0), SECTION_MODEL_VERSION);

    s = next_line(r);
    if (!s || strncmp(s, "labels ", 7) != 0)
        return model_error(err, r->path, r->line,
                           "expected 'labels NAME NAME...' after the format line");
    char *names[65];
    size_t n = split_spaces(s + 7, names, 64);
    if (n < 2 || n > 64)
        return model_error(err, r->path, r->line, "a model needs 2 to 64 labels (found %s%zu)",
                           n > 64 ? "more than " : "", n > 64 ? (size_t)64 : n);
    m->labels = calloc(n, sizeof *m->labels);
    m->paragraphs = calloc(n, sizeof *m->paragraphs);
    m->log_prior = calloc(n, sizeof *m->log_prior);
    if (!m->labels || !m->paragraphs || !m->log_prior)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    m->label_count = n;
    for (size_t i = 0; i < n; i++) {
        if (!names[i][0])
            return model_error(err, r->path, r->line, "empty label name (two spaces in a row?)");
        for (size_t j = 0; j < i; j++)
            if (strcmp(names[i], names[j]) == 0)
                return model_error(err, r->path, r->line, "label '%s' is listed twice", names[i]);
        size_t len = strlen(names[i]);
        if (!(m->labels[i] = malloc(len + 1)))
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        memcpy(m->labels[i], names[i], len + 1);
    }

    /* How the terms were normalised, so that the text is looked up the same way. */
    s = next_line(r);
    if (!s || (strcmp(s, "stemming light") != 0 && strcmp(s, "stemming none") != 0))
        return model_error(err, r->path, r->line,
                           "expected 'stemming light' or 'stemming none' after the labels");
    m->stemming = strcmp(s, "stemming light") == 0;

    s = next_line(r);
    char *rest = NULL;
    if (s && strncmp(s, "temperature ", 12) == 0)
        m->temperature = strtod(s + 12, &rest);
    if (!s || !rest || rest == s + 12 || *rest || !(m->temperature >= 1 && m->temperature <= 100))
        return model_error(err, r->path, r->line,
                           "expected 'temperature T' (a number from 1 to 100) after the "
                           "stemming line");

    /* One "prior LABEL PARAGRAPHS" line per label, in any order. */
    unsigned char seen[64] = {0};
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        s = next_line(r);
        char *f[4];
        if (!s || strncmp(s, "prior ", 6) != 0 || split_spaces(s + 6, f, 3) != 2)
            return model_error(err, r->path, r->line,
                               "expected 'prior LABEL PARAGRAPHS' for each of the %zu labels", n);
        size_t l = 0;
        while (l < n && strcmp(m->labels[l], f[0]) != 0)
            l++;
        if (l == n)
            return model_error(err, r->path, r->line,
                               "unknown label '%s' (the labels line declares the model's labels)",
                               f[0]);
        if (seen[l]++)
            return model_error(err, r->path, r->line, "a second prior for label '%s'", f[0]);
        char *end;
        errno = 0;
        unsigned long long v = strtoull(f[1], &end, 10);
        if (f[1][0] < '0' || f[1][0] > '9' || *end || errno || v > (1ull << 40))
            return model_error(err, r->path, r->line, "the paragraph count '%s' is not a number",
                               f[1]);
        m->paragraphs[l] = v;
        total += v;
    }
    /* Add-one smoothing keeps a label with no paragraphs possible rather than impossible. */
    for (size_t l = 0; l < n; l++)
        m->log_prior[l] = log(((double)m->paragraphs[l] + 1.0) / ((double)total + (double)n));
    return 0;
}

/*
 * Checks one vocabulary line, "TERM<TAB>COUNT<TAB>COUNT...", and adds its
 * counts to the per-label totals.  TERM is one word, or two joined by a
 * single space (a bigram).
 */
static int read_vocab_line(reader *r, section_model *m, char *s, vocab_line *v, uint64_t *counts,
                           uint64_t *totals, galley_error *err)
{
    char *tab = strchr(s, '\t');
    if (!tab || tab == s)
        return model_error(err, r->path, r->line,
                           "malformed vocabulary line: expected TERM, a tab, and %zu counts",
                           m->label_count);
    *tab = '\0';
    v->term = s;
    v->length = (size_t)(tab - s);
    v->line = r->line;
    v->space = strchr(s, ' ');
    if (v->space && (v->space == s || !v->space[1] || strchr(v->space + 1, ' ')))
        return model_error(err, r->path, r->line,
                           "malformed term '%s': a term is one word or two words and one space", s);
    char *p = tab + 1;
    for (size_t l = 0; l < m->label_count; l++) {
        /* whole numbers of at most 13 digits (2^40 has 13), read without strtoull, whose
           locale and base handling cost more than the rest of the line */
        char *end = p;
        unsigned long long c = 0;
        while (*end >= '0' && *end <= '9' && end - p < 14)
            c = c * 10 + (unsigned)(*end++ - '0');
        if (end == p || end - p > 13 || c > (1ull << 40) ||
            (l + 1 < m->label_count ? *end != '\t' : *end != '\0'))
            return model_error(err, r->path, r->line,
                               "malformed counts for '%s': expected %zu whole numbers separated "
                               "by tabs, one per label",
                               s, m->label_count);
        counts[l] = c;
        totals[l] += c;
        p = end + 1;
    }
    return 0;
}

/* A unigram's line and its count over all labels, to sort by. */
typedef struct word_rank {
    uint64_t total;
    uint32_t line;
} word_rank;

/* More frequent first; the vocabulary's order between equals, so that the order is total. */
static int by_frequency(const void *a, const void *b)
{
    const word_rank *x = a, *y = b;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * Fills the word table: the stop words, then the unigrams from the most
 * frequent in training to the least.  With linear probing a word inserted
 * early sits at or near its hash's own slot, so inserting the words that
 * text uses most first (stop words are the commonest of all) shortens the
 * probes of most lookups, and puts their records side by side in memory.
 * The order changes no answer: every word is in the table once.
 *
 * A stop word listed twice, or also in the vocabulary, is an error at the
 * first such stop word of the list, as when the stop words came last.
 */
static int insert_words(reader *r, section_model *m, const vocab_line *lines, size_t vocab_count,
                        const uint64_t *counts, const char **stops, const int *stop_lines,
                        size_t stop_count, const float *logp, galley_error *err)
{
    size_t bad = stop_count; /* the first stop word in error, if any */
    for (size_t i = 0; i < stop_count; i++) {
        size_t n = strlen(stops[i]);
        if (find_word(m, stops[i], n)) {
            bad = i;
            break;
        }
        insert_word(m, stops[i], n, -1, (int32_t)(vocab_count + i), NULL);
    }
    word_rank *rank = malloc((m->unigram_count ? m->unigram_count : 1) * sizeof *rank);
    if (!rank)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    size_t unigrams = 0;
    for (size_t i = 0; i < vocab_count; i++) {
        if (lines[i].space)
            continue;
        uint64_t total = 0;
        for (size_t l = 0; l < m->label_count; l++)
            total += counts[i * m->label_count + l];
        rank[unigrams].total = total;
        rank[unigrams++].line = (uint32_t)i;
    }
    assert(unigrams == m->unigram_count);
    qsort(rank, unigrams, sizeof *rank, by_frequency);
    for (size_t k = 0; k < unigrams; k++) {
        const vocab_line *v = &lines[rank[k].line];
        const section_word *stop = find_word(m, v->term, v->length);
        if (stop) { /* the vocabulary is sorted and unique: a word already there is a stop word */
            size_t i = (size_t)stop->id - vocab_count;
            bad = i < bad ? i : bad;
            continue;
        }
        insert_word(m, v->term, v->length, (int32_t)rank[k].line, (int32_t)rank[k].line,
                    logp + (size_t)rank[k].line * m->label_count);
    }
    free(rank);
    if (bad < stop_count)
        return model_error(err, r->path, stop_lines[bad],
                           "stop word '%s' is listed twice or also in the vocabulary", stops[bad]);
    return 0;
}

static int read_body(reader *r, section_model *m, double alpha, galley_error *err)
{
    size_t stop_count = 0, vocab_count = 0;
    char *s = next_line(r);
    if (!s || keyword_count(s, "stopwords", 1u << 20, &stop_count) != 0)
        return model_error(err, r->path, r->line, "expected 'stopwords N' after the priors");
    if (stop_count > (r->length - r->offset) / 2)
        return model_error(err, r->path, r->line,
                           "the file ends early: it is too short for %zu stop words (truncated?)",
                           stop_count);
    const char **stops = calloc(stop_count ? stop_count : 1, sizeof *stops);
    if (!stops)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    int *stop_lines = calloc(stop_count ? stop_count : 1, sizeof *stop_lines);
    if (!stop_lines) {
        free(stops);
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    int rc = 0;
    for (size_t i = 0; i < stop_count && rc == 0; i++) {
        s = next_line(r);
        if (!s)
            rc = model_error(err, r->path, r->line,
                             "the file ends early: expected %zu stop words, found %zu "
                             "(truncated?)",
                             stop_count, i);
        else if (strchr(s, ' ') || strchr(s, '\t') || strcmp(s, "end") == 0 ||
                 strncmp(s, "vocabulary ", 11) == 0)
            rc = model_error(err, r->path, r->line,
                             "malformed stop word '%s' (expected %zu stop words, one per line)", s,
                             stop_count);
        else {
            stops[i] = s;
            stop_lines[i] = r->line;
        }
    }
    s = rc == 0 ? next_line(r) : NULL;
    if (rc == 0 && (!s || keyword_count(s, "vocabulary", 1u << 26, &vocab_count) != 0))
        rc = model_error(err, r->path, r->line, "expected 'vocabulary N' after the stop words");
    /* Each vocabulary line takes at least four bytes: a count the file cannot hold is a lie. */
    else if (rc == 0 && vocab_count > (r->length - r->offset) / 4)
        rc = model_error(err, r->path, r->line,
                         "the file ends early: it is too short for %zu vocabulary lines "
                         "(truncated?)",
                         vocab_count);
    vocab_line *lines = NULL;
    uint64_t *counts = NULL, *totals = NULL;
    float *logp = NULL; /* [feature * label_count + label], copied into the records */
    if (rc == 0) {
        lines = calloc(vocab_count ? vocab_count : 1, sizeof *lines);
        counts = calloc((vocab_count ? vocab_count : 1) * m->label_count, sizeof *counts);
        totals = calloc(m->label_count, sizeof *totals);
        logp = malloc((vocab_count ? vocab_count : 1) * m->label_count * sizeof *logp);
        if (!lines || !counts || !totals || !logp)
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    size_t unigrams = 0;
    for (size_t i = 0; rc == 0 && i < vocab_count; i++) {
        s = next_line(r);
        if (!s || strcmp(s, "end") == 0) {
            rc = model_error(err, r->path, r->line,
                             "the file ends early: expected %zu vocabulary lines, found %zu "
                             "(truncated?)",
                             vocab_count, i);
            break;
        }
        rc = read_vocab_line(r, m, s, &lines[i], counts + i * m->label_count, totals, err);
        /* Sorted and unique, so that two models diff cleanly and no term is counted twice. */
        if (rc == 0 && i > 0)
            assert(lines[i - 1].term && lines[i].term); /* read_vocab_line set both */
        if (rc == 0 && i > 0 && strcmp(lines[i - 1].term, lines[i].term) >= 0)
            rc = model_error(err, r->path, r->line,
                             "term '%s' is %s: the vocabulary must be sorted bytewise, each term "
                             "once",
                             lines[i].term,
                             strcmp(lines[i - 1].term, lines[i].term) == 0 ? "listed twice"
                                                                           : "out of order");
        if (rc == 0 && !lines[i].space)
            unigrams++;
    }
    if (rc == 0) {
        s = next_line(r);
        if (!s || strcmp(s, "end") != 0)
            rc = model_error(err, r->path, r->line,
                             s ? "expected 'end' after %zu vocabulary lines, found more text"
                               : "the file ends without its 'end' line (truncated?)",
                             vocab_count);
        else if (next_line(r) != NULL)
            rc = model_error(err, r->path, r->line, "unexpected text after 'end'");
    }

    /* Lidstone smoothing: every feature gets alpha extra counts under every label.  Most
       counts are small, so log(count + alpha) comes from a table for them. */
    enum { SMALL_COUNTS = 256 };
    double log_small[SMALL_COUNTS];
    for (size_t c = 0; c < SMALL_COUNTS; c++)
        log_small[c] = log((double)c + alpha);
    for (size_t l = 0; rc == 0 && l < m->label_count; l++) {
        double log_denominator = log((double)totals[l] + alpha * (double)vocab_count);
        for (size_t i = 0; i < vocab_count; i++) {
            uint64_t c = counts[i * m->label_count + l];
            double lc = c < SMALL_COUNTS ? log_small[c] : log((double)c + alpha);
            logp[i * m->label_count + l] = (float)(lc - log_denominator);
        }
    }
    if (rc == 0) {
        /* Rows of at least SECTION_ROW floats, so that the classifier can add a whole row into
           registers (the padding stays 0). */
        size_t row = m->label_count < SECTION_ROW ? SECTION_ROW : m->label_count;
        size_t bigrams = vocab_count - unigrams, floats = row * sizeof(float);
        m->feature_count = vocab_count;
        m->unigram_count = unigrams;
        m->stopword_count = stop_count;
        /* Records stay 8-byte aligned for the pointer and the key at their start. */
        m->word_stride = (sizeof(section_word) + floats + 7) / 8 * 8;
        m->pair_stride = (sizeof(uint64_t) + floats + 7) / 8 * 8;
        m->word_mask = table_size(unigrams + stop_count) - 1;
        m->pair_mask = table_size(bigrams) - 1;
        /* 16 bits per bigram: a lone hash bit then lets through about one pair in sixteen. */
        m->filter_mask = table_size(bigrams * 8) - 1;
        m->words = calloc(unigrams + stop_count + 1, m->word_stride);
        m->slots = calloc(m->word_mask + 1, sizeof *m->slots);
        m->pairs = calloc(m->pair_mask + 1, m->pair_stride);
        m->pair_filter = calloc((m->filter_mask + 1) / 64 + 1, sizeof *m->pair_filter);
        m->zero_row = calloc(row, sizeof *m->zero_row);
        if (!m->words || !m->slots || !m->pairs || !m->pair_filter || !m->zero_row)
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    /* Every word before the bigrams, so that bigrams can be resolved to pairs of word ids. */
    if (rc == 0)
        rc = insert_words(r, m, lines, vocab_count, counts, stops, stop_lines, stop_count, logp,
                          err);
    /* The bigrams go into a table of megabytes at places their hashes scatter: inserted
       in the order of their places, by a counting sort on the top bits of the place, the
       writes sweep the table once instead of missing the cache at every one.  Before that
       order comes their frequency in training, the most frequent first (a stable counting
       sort on the count, capped at FREQUENT_PAIR), so that with linear probing the bigrams
       text uses most sit in their own first slot: a lookup that has to probe on is a
       branch the processor guesses wrong.  Either order finds the same bigrams. */
    size_t bigram_count = vocab_count - unigrams, shift = 0;
    while ((m->pair_mask >> shift) >= 4096)
        shift++;
    size_t buckets = (m->pair_mask >> shift) + 1;
    uint64_t *keys = rc == 0 ? malloc((bigram_count + 1) * sizeof *keys) : NULL;
    uint32_t *feature_of = rc == 0 ? malloc((bigram_count + 1) * sizeof *feature_of) : NULL;
    uint32_t *order = rc == 0 ? malloc((bigram_count + 1) * sizeof *order) : NULL;
    uint32_t *ranked = rc == 0 ? malloc((bigram_count + 1) * sizeof *ranked) : NULL;
    uint32_t *rank = rc == 0 ? malloc((bigram_count + 1) * sizeof *rank) : NULL;
    size_t *start = rc == 0 ? calloc(buckets + 1, sizeof *start) : NULL;
    size_t *by_count = rc == 0 ? calloc(FREQUENT_PAIR + 2, sizeof *by_count) : NULL;
    if (rc == 0 && (!keys || !feature_of || !order || !ranked || !rank || !start || !by_count))
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    size_t pairs = 0;
    /* The vocabulary is sorted, so the bigrams of one first word come together: its
       record is looked up once for all of them. */
    const char *last_a = NULL;
    size_t last_an = 0;
    const section_word *last_wa = NULL;
    for (size_t i = 0; rc == 0 && i < vocab_count; i++) {
        if (!lines[i].space)
            continue;
        const char *a = lines[i].term, *b = lines[i].space + 1;
        size_t an = (size_t)(lines[i].space - a), bn = lines[i].length - an - 1;
        const section_word *wa =
            last_wa && an == last_an && memcmp(a, last_a, an) == 0 ? last_wa : find_word(m, a, an);
        last_a = a;
        last_an = an;
        last_wa = wa;
        const section_word *wb = find_word(m, b, bn);
        if (!wa || !wb) {
            rc = model_error(err, r->path, lines[i].line,
                             "bigram '%s' uses a word that is neither a unigram of the vocabulary "
                             "nor a stop word",
                             lines[i].term);
            break;
        }
        keys[pairs] = section_pair_key(wa->id, wb->id);
        feature_of[pairs] = (uint32_t)i;
        start[((size_t)section_mix(keys[pairs]) & m->pair_mask) >> shift]++;
        uint64_t total = 0;
        for (size_t l = 0; l < m->label_count; l++)
            total += counts[i * m->label_count + l];
        rank[pairs] = (uint32_t)(FREQUENT_PAIR - (total < FREQUENT_PAIR ? total : FREQUENT_PAIR));
        by_count[rank[pairs]]++;
        pairs++;
    }
    if (rc == 0) {
        size_t sum = 0;
        for (size_t k = 0; k <= buckets; k++) {
            size_t c = start[k];
            start[k] = sum;
            sum += c;
        }
        for (size_t j = 0; j < pairs; j++)
            order[start[((size_t)section_mix(keys[j]) & m->pair_mask) >> shift]++] = (uint32_t)j;
        sum = 0;
        for (size_t k = 0; k <= FREQUENT_PAIR; k++) {
            size_t c = by_count[k];
            by_count[k] = sum;
            sum += c;
        }
        for (size_t j = 0; j < pairs; j++)
            ranked[by_count[rank[order[j]]]++] = order[j];
        for (size_t j = 0; j < pairs; j++)
            insert_pair(m, keys[ranked[j]], logp + (size_t)feature_of[ranked[j]] * m->label_count);
    }
    free(keys);
    free(feature_of);
    free(order);
    free(ranked);
    free(rank);
    free(start);
    free(by_count);
    free(stops);
    free(stop_lines);
    free(lines);
    free(counts);
    free(totals);
    free(logp);
    return rc;
}

int section_model_load(section_model *m, const char *path, double alpha, galley_error *err)
{
    memset(m, 0, sizeof *m);
    reader r;
    int rc = read_whole_file(&r, path, err);
    if (rc != 0)
        return rc;
    m->pool = r.data; /* terms point into the file's bytes, cut into strings in place */
    rc = read_header(&r, m, err);
    if (rc == 0)
        rc = read_body(&r, m, alpha, err);
    if (rc != 0)
        section_model_free(m);
    return rc;
}
