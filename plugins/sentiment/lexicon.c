/*
 * lexicon.c -- the sentiment plugin's term table: one open-addressing hash
 * table holding the valence lexicon, the tone lexicon, the modifier lists and
 * the plain-word list, loaded once in create() and read-only afterwards.
 *
 * One table for all four files means one probe per word at scoring time, and
 * a longest match that sees every kind of term at once: "no problem" (a
 * lexicon expression) beats "no" (a negator) because both live here.
 * Multi-word terms are found by extending a match one word at a time; every
 * proper prefix of a multi-word term is in the table, flagged SEN_IS_PREFIX,
 * so the scorer stops as soon as no longer term can follow.
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sentiment.h"

const char *const sen_dimension_names[SEN_DIMENSIONS] = {"anger", "fear",  "sadness", "hope",
                                                         "joy",   "irony", "fatigue"};
const char *const sen_dimension_labels[SEN_DIMENSIONS] = {
    "angry", "anxious", "grim", "hopeful", "celebratory", "ironic", "weary"};

/* An array of count empty slots, aligned to a cache line (see sen_slot); NULL when out of
   memory.  count is a power of two of at least two, so the size is a multiple of 64. */
static sen_slot *new_slots(size_t count)
{
    sen_slot *slots = aligned_alloc(64, count * sizeof *slots);
    if (slots)
        memset(slots, 0, count * sizeof *slots);
    return slots;
}

sen_table *sen_table_new(void)
{
    sen_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->slots = new_slots(1024);
    if (!t->slots) {
        free(t);
        return NULL;
    }
    t->slot_mask = 1023;
    t->not_weight = -0.74f; /* until the modifiers file says otherwise */
    return t;
}

void sen_table_free(sen_table *table)
{
    if (!table)
        return;
    free(table->pool);
    free(table->entries);
    free(table->slots);
    free(table->tones);
    free(table->distinct);
    free(table);
}

size_t sen_table_valence_count(const sen_table *table)
{
    return table->valence_count;
}
const char *sen_table_term(const sen_table *table, const sen_entry *entry)
{
    return table->pool + entry->key;
}
const float *sen_table_tone(const sen_table *table, const sen_entry *entry)
{
    return entry->tone >= 0 ? table->tones[entry->tone] : NULL;
}
float sen_table_not_weight(const sen_table *table)
{
    return table->not_weight;
}

/* The slot of entry number index (flags as they are now; see sen_table_finish). */
static sen_slot slot_for(const sen_entry *e, uint32_t index, const char *key)
{
    sen_slot slot;
    slot.valence = e->valence;
    slot.packed = (index + 1) | (uint32_t)(e->flags & SEN_SLOT_FLAGS) << SEN_SLOT_FLAG_SHIFT |
                  (uint32_t)(e->key_len < 63 ? e->key_len : 63) << 26;
    slot.head = sen_head(key, e->key_len);
    slot.tail = sen_tail(key, e->key_len);
    slot.lexical[0] = e->lexical[0];
    slot.lexical[1] = e->lexical[1];
    return slot;
}

/*
 * Whether count slots are enough for entries terms: up to three quarters
 * full.  The shipped data's 19,600 terms fit 32,768 slots (1 MB) rather
 * than 65,536; the extra probes stay within a cache line or its
 * neighbour, and half the memory caches better.
 */
static int slots_hold(size_t count, size_t entries)
{
    return entries * 4 <= count * 3;
}

/* Makes the slot array count slots long (a power of two) and reinserts every entry. */
static int rebuild_slots(sen_table *t, size_t count)
{
    sen_slot *slots = new_slots(count);
    if (!slots)
        return -1;
    assert(t->entries != NULL || t->entry_count == 0);
    for (size_t e = 0; e < t->entry_count; e++) {
        size_t i = t->entries[e].hash & (count - 1);
        while (slots[i].packed != 0)
            i = (i + 1) & (count - 1);
        slots[i] = slot_for(&t->entries[e], (uint32_t)e, t->pool + t->entries[e].key);
    }
    free(t->slots);
    t->slots = slots;
    t->slot_mask = count - 1;
    return 0;
}

/*
 * The entries by the length of their terms, in their own order within a
 * length (a counting sort), in a new array; NULL when out of memory.
 */
static uint32_t *entries_by_length(const sen_table *t)
{
    uint32_t *order = malloc((t->entry_count + 1) * sizeof *order);
    if (!order)
        return NULL;
    size_t start[SEN_MAX_TERM + 1] = {0};
    for (size_t e = 0; e < t->entry_count; e++) {
        assert(t->entries[e].key_len < SEN_MAX_TERM); /* normalise_term's limit */
        start[t->entries[e].key_len + 1]++;
    }
    for (size_t len = 1; len <= SEN_MAX_TERM; len++)
        start[len] += start[len - 1];
    for (size_t e = 0; e < t->entry_count; e++)
        order[start[t->entries[e].key_len]++] = (uint32_t)e;
    return order;
}

/*
 * Terms are inserted into the slots as the files list them; once they are
 * all in, sen_table_finish places them again, the shortest first.  A term
 * placed early takes its own slot (its hash's) where a later one may have to
 * take the next free one, and the commonest words of an article are short
 * ("the", "of", "said"): placed first, they are settled by the first slot a
 * probe reads.  In the files' order a third of the shipped terms (6,168 of
 * 19,568) sit away from their own slot, and whether a word's probe reads a
 * second slot was a branch the processor kept mispredicting.  Each slot
 * then takes its entry's final flags, valence and log-odds.
 */
int sen_table_finish(sen_table *table)
{
    if (table->distinct_count > 0) {
        free(table->distinct);
        table->distinct = calloc(table->entry_count + 1, sizeof *table->distinct);
        if (!table->distinct)
            return -1;
        for (size_t e = 0; e < table->entry_count; e++) {
            table->distinct[e + 1][0] = table->entries[e].distinct[0];
            table->distinct[e + 1][1] = table->entries[e].distinct[1];
        }
    }
    uint32_t *order = entries_by_length(table);
    if (order) {
        memset(table->slots, 0, (table->slot_mask + 1) * sizeof *table->slots);
        for (size_t k = 0; k < table->entry_count; k++) {
            const sen_entry *e = &table->entries[order[k]];
            size_t i = e->hash & table->slot_mask;
            while (table->slots[i].packed != 0)
                i = (i + 1) & table->slot_mask;
            table->slots[i] = slot_for(e, order[k], table->pool + e->key);
        }
        free(order);
        return 0;
    }
    /* Out of memory, the slots stay where they are, which costs only speed. */
    for (size_t i = 0; i <= table->slot_mask; i++) {
        sen_slot *slot = &table->slots[i];
        if (slot->packed == 0)
            continue;
        const sen_entry *e = sen_slot_entry(table, slot);
        slot->packed = (slot->packed & ~(31u << SEN_SLOT_FLAG_SHIFT)) |
                       (uint32_t)(e->flags & SEN_SLOT_FLAGS) << SEN_SLOT_FLAG_SHIFT;
        slot->valence = e->valence;
        slot->lexical[0] = e->lexical[0];
        slot->lexical[1] = e->lexical[1];
    }
    return 0;
}

/* Grows an array of elements of size `size` to hold at least `need`. */
static int reserve(void **data, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *p = realloc(*data, n * size);
    if (!p)
        return -1;
    *data = p;
    *cap = n;
    return 0;
}

/*
 * The entry for a normalised term of len bytes, made (with the entries of
 * its prefixes) when missing.  Returns NULL when out of memory.
 */
static sen_entry *entry_for(sen_table *t, const char *term, size_t len)
{
    /* Prefixes first, so that the term's own entry pointer stays valid. */
    uint64_t h = 0;
    size_t words = 1, word_start = 0;
    for (size_t i = 0; i < len; i++) {
        if (term[i] != ' ')
            continue;
        size_t n = i - word_start;
        uint64_t w = sen_word_hash(term + word_start, n, sen_head(term + word_start, n));
        h = word_start == 0 ? w : sen_hash_extend(h, w);
        word_start = i + 1;
        sen_entry *prefix = NULL;
        const sen_entry *found = sen_table_find(t, h, term, i);
        if (found) {
            prefix = &t->entries[found - t->entries];
        } else {
            prefix = entry_for(t, term, i); /* depth is bounded by SEN_MAX_WORDS */
            if (!prefix)
                return NULL;
        }
        prefix->flags |= SEN_IS_PREFIX;
        words++;
    }
    size_t last = len - word_start;
    uint64_t w = sen_word_hash(term + word_start, last, sen_head(term + word_start, last));
    h = word_start == 0 ? w : sen_hash_extend(h, w);
    const sen_entry *found = sen_table_find(t, h, term, len);
    if (found)
        return &t->entries[found - t->entries];

    if (t->entry_count >= SEN_MAX_ENTRIES)
        return NULL; /* reported as out of memory: four million terms is no lexicon */
    if (!slots_hold(t->slot_mask + 1, t->entry_count + 1) &&
        rebuild_slots(t, (t->slot_mask + 1) * 2) != 0)
        return NULL;
    if (reserve((void **)&t->entries, &t->entry_cap, t->entry_count + 1, sizeof *t->entries) ||
        reserve((void **)&t->pool, &t->pool_cap, t->pool_len + len + 1, 1))
        return NULL;
    assert(t->entries != NULL && t->pool != NULL); /* reserve() made room for one more */
    sen_entry *e = &t->entries[t->entry_count];
    memset(e, 0, sizeof *e);
    e->key = (uint32_t)t->pool_len;
    e->key_len = (uint32_t)len;
    e->hash = (uint32_t)h;
    e->words = (uint8_t)words;
    e->tone = -1;
    memcpy(t->pool + t->pool_len, term, len);
    t->pool[t->pool_len + len] = '\0';
    t->pool_len += len + 1;
    size_t i = e->hash & t->slot_mask;
    while (t->slots[i].packed != 0)
        i = (i + 1) & t->slot_mask;
    t->slots[i] = slot_for(e, (uint32_t)t->entry_count, t->pool + e->key);
    t->entry_count++;
    uint32_t bit = sen_filter_bit(h);
    t->filter[bit / 64] |= (uint64_t)1 << (bit % 64);
    if (words > 1)
        t->multi_filter[bit / 64] |= (uint64_t)1 << (bit % 64);
    return e;
}

int sen_table_reserve(sen_table *t, size_t entries)
{
    if (entries > SEN_MAX_ENTRIES)
        entries = SEN_MAX_ENTRIES;
    size_t count = t->slot_mask + 1;
    while (!slots_hold(count, entries))
        count *= 2;
    if (count != t->slot_mask + 1 && rebuild_slots(t, count) != 0)
        return -1;
    return reserve((void **)&t->entries, &t->entry_cap, entries, sizeof *t->entries);
}

/* ---- reading the files ---------------------------------------------------- */

size_t sen_count_lines(const char *path)
{
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f)
        return 0;
    char buf[16384];
    size_t lines = 1, n; /* the last line need not end in a newline */
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + n - p))) != NULL; p++)
            lines++;
    fclose(f);
    return lines;
}

int sen_reader_fail(galley_error *err, const sen_reader *r, const char *fmt, ...)
{
    if (!err)
        return GALLEY_ECONFIG;
    galley_error_clear(err);
    err->status = GALLEY_ECONFIG;
    err->line = r->line;
    snprintf(err->source, sizeof err->source, "%s", r->path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
    return GALLEY_ECONFIG;
}

int sen_reader_open(sen_reader *r, const char *path, galley_error *err)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        galley_error_clear(err);
        snprintf(err->source, sizeof err->source, "%s", path);
        return galley_error_set(err, GALLEY_ECONFIG, "cannot open the file: %s", strerror(e));
    }
    size_t cap = 0;
    for (;;) {
        if (reserve((void **)&r->data, &cap, r->length + 65536 + 1, 1) != 0) {
            fclose(f);
            free(r->data);
            r->data = NULL;
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory reading %s", path);
        }
        size_t n = fread(r->data + r->length, 1, cap - r->length - 1, f);
        r->length += n;
        if (n == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(r->data);
        r->data = NULL;
        galley_error_clear(err);
        snprintf(err->source, sizeof err->source, "%s", path);
        return galley_error_set(err, GALLEY_ECONFIG, "cannot read the file");
    }
    r->data[r->length] = '\0';
    if (r->length >= 3 && memcmp(r->data, "\xEF\xBB\xBF", 3) == 0)
        r->at = 3; /* a byte-order mark is not part of the first term */
    return GALLEY_OK;
}

int sen_reader_end(galley_error *err, const sen_reader *r, int more, int rc)
{
    if (rc == GALLEY_OK && more < 0)
        return sen_reader_fail(err, r, "the line has a NUL byte: the file is not plain text");
    return rc;
}

int sen_reader_next(sen_reader *r)
{
    assert(r->data != NULL); /* sen_reader_open allocated it, if only for the NUL */
    while (r->at < r->length) {
        char *line = r->data + r->at;
        size_t len = strcspn(line, "\r\n"); /* data is NUL-terminated at length */
        char end = line[len];
        r->line++;
        if (end == '\0' && r->at + len < r->length)
            return -1;
        r->at += len;
        if (end == '\r') {
            r->at++;
            if (r->at < r->length && r->data[r->at] == '\n')
                r->at++;
        } else if (end == '\n') {
            r->at++;
        }
        line[len] = '\0';
        size_t lead = strspn(line, " \t");
        if (line[lead] == '\0' || line[lead] == '#')
            continue;
        r->field_count = 0;
        char *p = line;
        for (;;) {
            r->fields[r->field_count++] = p;
            char *tab = strchr(p, '\t');
            if (!tab || r->field_count == SEN_READER_FIELDS)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        return 1;
    }
    return 0;
}

/*
 * Writes the normalised form of a raw term into out: surrounding white
 * space trimmed, inner runs of white space made one space, ASCII letters
 * lowercased, the typographic apostrophe and hyphens written as ' and -
 * (as the core folds tokens).  Returns the length, or 0 when the term is
 * empty or too long (more than SEN_MAX_WORDS words or SEN_MAX_TERM bytes).
 */
static size_t normalise_term(const char *raw, char *out, size_t *words)
{
    size_t n = 0;
    *words = 0;
    int space = 1;
    for (const unsigned char *p = (const unsigned char *)raw; *p; p++) {
        unsigned char c = *p;
        if (c == ' ' || c == '\t') {
            space = 1;
            continue;
        }
        if (space && n > 0) {
            if (n + 1 >= SEN_MAX_TERM)
                return 0;
            out[n++] = ' ';
        }
        if (space)
            (*words)++;
        space = 0;
        if (n + 1 >= SEN_MAX_TERM)
            return 0;
        if (c == 0xE2 && p[1] == 0x80 && (p[2] == 0x99 || p[2] == 0x90 || p[2] == 0x91)) {
            out[n++] = p[2] == 0x99 ? '\'' : '-';
            p += 2;
            continue;
        }
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    out[n] = '\0';
    if (*words > SEN_MAX_WORDS)
        return 0;
    return n;
}

/*
 * The data files hold short decimals ("-2.9", "0.85"), read here without
 * strtod's locale machinery, which is most of the load time of a 5,000-line
 * lexicon; anything else (exponents, hexadecimal) goes to strtod.
 */
int sen_parse_number(const char *s, double *out)
{
    while (*s == ' ')
        s++;
    const char *p = s;
    int negative = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    double whole = 0, scale = 1;
    int digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 15) {
        whole = whole * 10 + (*p++ - '0');
        digits++;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9' && digits < 15) {
            whole = whole * 10 + (*p++ - '0');
            scale *= 10;
            digits++;
        }
    }
    const char *end = p;
    while (*end == ' ')
        end++;
    if (digits > 0 && *end == '\0') {
        *out = (negative ? -whole : whole) / scale;
        return 0;
    }
    if (*s == '\0')
        return -1;
    char *stop;
    errno = 0;
    double v = strtod(s, &stop);
    while (*stop == ' ')
        stop++;
    if (*stop != '\0' || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int term_field(const sen_reader *r, const char *field, char *term, size_t *len,
                      size_t *words, galley_error *err)
{
    *len = normalise_term(field, term, words);
    if (*len == 0) {
        if (*words > SEN_MAX_WORDS)
            return sen_reader_fail(err, r, "the term has more than %d words", SEN_MAX_WORDS);
        if (*words == 0)
            return sen_reader_fail(err, r, "the line has an empty term");
        return sen_reader_fail(err, r, "the term is longer than %d bytes", SEN_MAX_TERM - 1);
    }
    return GALLEY_OK;
}

static const char *const format_names[] = {"galley", "vader", "afinn"};

int sen_table_load_lexicon(sen_table *table, const char *path, int format, double scale,
                           galley_error *err)
{
    sen_reader r;
    int rc = sen_reader_open(&r, path, err);
    if (rc != GALLEY_OK)
        return rc;
    const char *fname = format_names[format];
    int more;
    while ((more = sen_reader_next(&r)) > 0) {
        char term[SEN_MAX_TERM];
        size_t len, words;
        /* galley and AFINN lines have exactly two fields; VADER's add the
           standard deviation and the raw ratings, which are not used. */
        if (r.field_count < 2 || (format != SEN_FORMAT_VADER && r.field_count > 2)) {
            rc = sen_reader_fail(
                err, &r,
                "expected TERM<TAB>VALENCE (%s lexicon format), found %zu tab-separated "
                "field%s",
                fname, r.field_count, r.field_count == 1 ? "" : "s");
            break;
        }
        if ((rc = term_field(&r, r.fields[0], term, &len, &words, err)) != GALLEY_OK)
            break;
        double v;
        if (sen_parse_number(r.fields[1], &v) != 0) {
            rc = sen_reader_fail(err, &r, "the valence '%s' of '%s' is not a number", r.fields[1],
                                 term);
            break;
        }
        double lo = format == SEN_FORMAT_AFINN ? -5 : -4, hi = -lo;
        if (v < lo || v > hi || (format == SEN_FORMAT_AFINN && v != floor(v))) {
            rc = sen_reader_fail(
                err, &r, "the valence %g of '%s' is outside the %s format's range: %s", v, term,
                fname, format == SEN_FORMAT_AFINN ? "a whole number in [-5, 5]" : "[-4, 4]");
            break;
        }
        v *= scale;
        if (v < -4.0 - 1e-9 || v > 4.0 + 1e-9) {
            rc = sen_reader_fail(
                err, &r,
                "the valence of '%s' scaled by lexicon_scale %g is %g, outside [-4, 4]; "
                "choose a smaller lexicon_scale",
                term, scale, v);
            break;
        }
        sen_entry *e = entry_for(table, term, len);
        if (!e) {
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory loading %s", path);
            break;
        }
        if (e->flags & SEN_HAS_VALENCE) {
            /* Foreign lists tell case apart where galley folds it (VADER has
               both "(-:o" and "(-:O"): the first of such a pair counts.  In
               galley's own format a repeat is a mistake worth stopping for. */
            if (format != SEN_FORMAT_GALLEY)
                continue;
            rc = sen_reader_fail(err, &r, "'%s' is listed twice (first on line %u)", term, e->line);
            break;
        }
        e->flags |= SEN_HAS_VALENCE;
        e->valence = (float)v;
        e->line = (uint32_t)r.line;
        table->valence_count++;
    }
    rc = sen_reader_end(err, &r, more, rc);
    free(r.data);
    return rc;
}

int sen_table_load_tone(sen_table *table, const char *path, galley_error *err)
{
    sen_reader r;
    int rc = sen_reader_open(&r, path, err);
    if (rc != GALLEY_OK)
        return rc;
    int more;
    while ((more = sen_reader_next(&r)) > 0) {
        char term[SEN_MAX_TERM];
        size_t len, words;
        if (r.field_count != 3) {
            rc = sen_reader_fail(err, &r,
                                 "expected TERM<TAB>DIMENSION<TAB>WEIGHT, found %zu field%s",
                                 r.field_count, r.field_count == 1 ? "" : "s");
            break;
        }
        if ((rc = term_field(&r, r.fields[0], term, &len, &words, err)) != GALLEY_OK)
            break;
        int dim = -1;
        for (int d = 0; d < SEN_DIMENSIONS; d++)
            if (strcmp(r.fields[1], sen_dimension_names[d]) == 0)
                dim = d;
        if (dim < 0) {
            rc = sen_reader_fail(
                err, &r,
                "unknown tone dimension '%s' (expected anger, fear, sadness, hope, joy, "
                "irony or fatigue)",
                r.fields[1]);
            break;
        }
        double w;
        if (sen_parse_number(r.fields[2], &w) != 0 || !(w > 0 && w <= 1)) {
            rc = sen_reader_fail(err, &r, "the weight '%s' of '%s' must be a number in (0, 1]",
                                 r.fields[2], term);
            break;
        }
        sen_entry *e = entry_for(table, term, len);
        if (!e || (e->tone < 0 && reserve((void **)&table->tones, &table->tone_cap,
                                          table->tone_count + 1, sizeof *table->tones))) {
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory loading %s", path);
            break;
        }
        if (e->tone < 0) {
            e->tone = (int32_t)table->tone_count++;
            memset(table->tones[e->tone], 0, sizeof table->tones[e->tone]);
        }
        if (table->tones[e->tone][dim] > 0) {
            rc = sen_reader_fail(err, &r, "'%s' is listed twice for %s", term, r.fields[1]);
            break;
        }
        table->tones[e->tone][dim] = (float)w;
        e->flags |= SEN_HAS_TONE;
    }
    rc = sen_reader_end(err, &r, more, rc);
    free(r.data);
    return rc;
}

typedef struct kind_spec {
    const char *name;
    int modifier;
    int weighted;
    double lo, hi; /* the weight's range; lo is exclusive unless lo_in */
    int lo_in, hi_in;
} kind_spec;

static const kind_spec kinds[] = {
    {"negator", SEN_MOD_NEGATOR, 1, -1, 0, 1, 0},
    {"peak-negator", SEN_MOD_PEAK_NEGATOR, 1, -1, 0, 1, 0},
    {"booster", SEN_MOD_BOOSTER, 1, 0, 2, 0, 1},
    {"dampener", SEN_MOD_DAMPENER, 1, 0, 1, 0, 0},
    {"contrast", SEN_MOD_CONTRAST, 1, 0, 1, 0, 0},
    {"concession", SEN_MOD_CONCESSION, 1, 0, 1, 0, 0},
    {"hedge", SEN_MOD_HEDGE, 1, 0, 1, 0, 0},
    {"sarcasm", SEN_MOD_SARCASM, 1, 0, 1, 0, 1},
    {"additive", SEN_MOD_ADDITIVE, 0, 0, 0, 0, 0},
    {"neutral", SEN_MOD_NEUTRAL, 0, 0, 0, 0, 0},
    {"copula", SEN_MOD_COPULA, 0, 0, 0, 0, 0},
    {"clause", SEN_MOD_CLAUSE, 0, 0, 0, 0, 0},
    {"attribution", SEN_MOD_ATTRIBUTION, 0, 0, 0, 0, 0},
    {"comparative", SEN_MOD_NONE, 0, 0, 0, 0, 0},
};

int sen_table_load_modifiers(sen_table *table, const char *path, galley_error *err)
{
    sen_reader r;
    int rc = sen_reader_open(&r, path, err);
    if (rc != GALLEY_OK)
        return rc;
    int more;
    while ((more = sen_reader_next(&r)) > 0) {
        char term[SEN_MAX_TERM];
        size_t len, words;
        if (r.field_count < 2 || r.field_count > 3) {
            rc = sen_reader_fail(err, &r, "expected TERM<TAB>KIND<TAB>WEIGHT, found %zu field%s",
                                 r.field_count, r.field_count == 1 ? "" : "s");
            break;
        }
        if ((rc = term_field(&r, r.fields[0], term, &len, &words, err)) != GALLEY_OK)
            break;
        const kind_spec *k = NULL;
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            if (strcmp(r.fields[1], kinds[i].name) == 0)
                k = &kinds[i];
        if (!k) {
            rc = sen_reader_fail(
                err, &r,
                "unknown modifier kind '%s' (expected negator, peak-negator, booster, "
                "dampener, contrast, concession, hedge, sarcasm, additive, neutral, copula, "
                "clause, attribution or comparative)",
                r.fields[1]);
            break;
        }
        double w = 0;
        if (k->weighted) {
            if (r.field_count != 3 || sen_parse_number(r.fields[2], &w) != 0 ||
                (k->lo_in ? w < k->lo : w <= k->lo) || (k->hi_in ? w > k->hi : w >= k->hi)) {
                rc = sen_reader_fail(err, &r, "a %s needs a WEIGHT in %c%g, %g%c (got '%s')",
                                     k->name, k->lo_in ? '[' : '(', k->lo, k->hi,
                                     k->hi_in ? ']' : ')', r.field_count == 3 ? r.fields[2] : "");
                break;
            }
        } else if (r.field_count == 3) {
            rc = sen_reader_fail(err, &r, "a %s takes no WEIGHT", k->name);
            break;
        }
        sen_entry *e = entry_for(table, term, len);
        if (!e) {
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory loading %s", path);
            break;
        }
        if (k->modifier == SEN_MOD_NONE) {
            e->flags |= SEN_COMPARATIVE;
            continue;
        }
        if (e->flags & SEN_HAS_MODIFIER) {
            rc = sen_reader_fail(err, &r, "'%s' is listed twice", term);
            break;
        }
        e->flags |= SEN_HAS_MODIFIER;
        e->modifier = (uint8_t)k->modifier;
        e->weight = (float)w;
        if (strcmp(term, "not") == 0)
            table->not_weight = (float)w;
    }
    rc = sen_reader_end(err, &r, more, rc);
    free(r.data);
    return rc;
}

int sen_table_load_plain(sen_table *table, const char *path, galley_error *err)
{
    sen_reader r;
    int rc = sen_reader_open(&r, path, err);
    if (rc != GALLEY_OK)
        return rc;
    int more;
    while ((more = sen_reader_next(&r)) > 0) {
        char term[SEN_MAX_TERM];
        size_t len, words;
        if (r.field_count != 1) {
            rc = sen_reader_fail(err, &r, "expected one TERM per line, found a tab");
            break;
        }
        if ((rc = term_field(&r, r.fields[0], term, &len, &words, err)) != GALLEY_OK)
            break;
        sen_entry *e = entry_for(table, term, len);
        if (!e) {
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory loading %s", path);
            break;
        }
        e->flags |= SEN_PLAIN;
    }
    rc = sen_reader_end(err, &r, more, rc);
    free(r.data);
    return rc;
}

int sen_table_add_lexical(sen_table *table, const sen_reader *r, const char *raw, double negative,
                          double positive, const double distinct[2], galley_error *err)
{
    char term[SEN_MAX_TERM];
    size_t len, words;
    int rc = term_field(r, raw, term, &len, &words, err);
    if (rc != GALLEY_OK)
        return rc;
    if (words != 1)
        return sen_reader_fail(err, r, "'%s' is not one word: the lexical component has words only",
                               term);
    sen_entry *e = entry_for(table, term, len);
    if (!e)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory loading %s", r->path);
    if (e->flags & SEN_HAS_LEXICAL)
        return sen_reader_fail(err, r, "the word '%s' is listed twice", term);
    e->lexical[0] = (float)negative;
    e->lexical[1] = (float)positive;
    e->distinct[0] = (float)distinct[0];
    e->distinct[1] = (float)distinct[1];
    e->flags |= SEN_HAS_LEXICAL;
    table->lexical_count++;
    table->distinct_count += distinct[0] != 0 || distinct[1] != 0;
    return GALLEY_OK;
}
