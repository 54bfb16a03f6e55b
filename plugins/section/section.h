/*
 * section.h -- what the section plugin's files share: the model, the way a
 * run of tokens becomes features, and the training entry.
 *
 * Training (trainer.c) and classification (section.c) must turn text into
 * features in exactly the same way, or the model would be asked about terms
 * it never counted.  That is why the term rules live here, in one place,
 * as small inline functions both sides call.
 */
#ifndef GALLEY_SECTION_H
#define GALLEY_SECTION_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <galley/plugin.h>

/* The first line of a model file that is not a comment, and its version. */
#define SECTION_MODEL_FORMAT "galley-section-model"
#define SECTION_MODEL_VERSION 1

/* Every number token becomes this one term, so "1,200" and "3" share their evidence. */
#define SECTION_NUMBER_TERM "<num>"

/*
 * The least number of log-probabilities in a row of the model's tables: a
 * model of up to this many labels (the shipped one has three) has its rows
 * padded with zeros to this length, so that the classifier adds a whole row
 * into four registers rather than into memory, label by label.
 */
#define SECTION_ROW 4

/* Longest term the model keeps; longer words (URLs glued together, noise) are ignored. */
#define SECTION_MAX_TERM 64

/*
 * A word's first 16 bytes, zero-padded, as two 64-bit numbers: the model's
 * word table compares words by it (and by their length) with two integer
 * comparisons instead of a loop over their bytes, and hashes it.  Almost
 * every word fits; a longer one also compares the rest of its bytes.
 */
typedef struct section_key {
    uint64_t lo, hi;
} section_key;

/*
 * One record of the model's word table: a unigram feature or a stop word.
 * Stop words are not features on their own, but they take part in bigrams
 * ("the front", "in kyiv"), so every word has an id for the bigram table.
 * The record is followed in memory by the word's log-probability under each
 * label, and the word's first 16 bytes are stored in it, so that looking a
 * word up and scoring it touch one record rather than three places in memory.
 */
typedef struct section_word {
    uint32_t length;
    int32_t feature; /* the vocabulary line's index, or -1 for a stop word */
    int32_t id;      /* the feature index, or feature_count + n for stop word n */
    uint32_t text;   /* where the word's bytes start in the model's string pool */
    section_key key; /* section_key_of the word */
} section_word;

/* A slot of the word hash table: the high half of the word's hash and its record number + 1. */
typedef struct section_slot {
    uint32_t tag;
    uint32_t word; /* 0 = empty */
} section_slot;

/* The log-probabilities that follow a word record (all 0 for a stop word), SECTION_ROW or
   label_count of them, whichever is more. */
static inline const float *section_word_logp(const section_word *w)
{
    return (const float *)(const void *)(w + 1);
}

/*
 * A loaded model.  Counts are what the file holds; log-probabilities are
 * computed from them once, with the smoothing the config asks for, so one
 * trained file serves any smoothing value.
 */
typedef struct section_model {
    size_t label_count;
    char **labels;        /* sorted, as in the file */
    uint64_t *paragraphs; /* [label]: training paragraphs per label */
    double *log_prior;    /* [label] */
    size_t feature_count; /* unigrams + bigrams */
    size_t unigram_count;
    size_t stopword_count;
    int stemming;         /* 1 when the model's terms are stemmed (section_stem) */
    double temperature;   /* log-likelihoods are divided by it (trainer.c: calibrate) */
    unsigned char *words; /* word_count records of word_stride bytes (section_word + logp) */
    size_t word_stride, word_count;
    section_slot *slots; /* open addressing over the word records, word_mask + 1 slots */
    size_t word_mask;
    unsigned char *pairs; /* open addressing: pair_mask + 1 records of pair_stride bytes,
                             a uint64_t key (0 = empty) followed by the logp of the bigram */
    size_t pair_stride, pair_mask;
    uint64_t *pair_filter; /* one bit per hash of every bigram: most word pairs are not */
    size_t filter_mask;    /* bigrams, and the filter says so without a probe */
    char *pool;            /* the text of every word */
    float *zero_row;       /* a row of zeros, as long as the rows of the tables */
} section_model;

/* Word record number index (0-based). */
static inline const section_word *section_word_record(const section_model *m, size_t index)
{
    return (const section_word *)(const void *)(m->words + index * m->word_stride);
}

/*
 * Reads 8 or 4 bytes from anywhere as a little-endian number, so that a
 * word's first byte is always the lowest: section_key_of's shifts rely on it.
 */
static inline uint64_t section_load64(const char *s)
{
    uint64_t v;
    memcpy(&v, s, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static inline uint64_t section_load32(const char *s)
{
    uint32_t v;
    memcpy(&v, s, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap32(v);
#endif
    return v;
}

/*
 * The key of the n bytes at s (section_key above).  It reads no byte outside
 * them: the loads overlap instead, and the bytes they read twice land on the
 * same places, so or-ing them is harmless.  Keys are only ever used in
 * memory, never written to a model.
 */
static inline section_key section_key_of(const char *s, size_t n)
{
    section_key k = {0, 0};
    if (n >= 16) {
        k.lo = section_load64(s);
        k.hi = section_load64(s + 8);
    } else if (n > 8) {
        k.lo = section_load64(s);
        k.hi = section_load64(s + (n - 8)) >> (8 * (16 - n));
    } else if (n >= 4) {
        k.lo = section_load32(s) | section_load32(s + (n - 4)) << (8 * (n - 4));
    } else if (n > 0) {
        k.lo = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << (8 * (n / 2)) |
               (uint64_t)(unsigned char)s[n - 1] << (8 * (n - 1));
    }
    return k;
}

/*
 * The hash of a word for the model's word table, from its key and length: a
 * longer word's bytes after the 16th are left out, and the full comparison
 * (section_word_is) tells such words apart.
 */
static inline uint64_t section_key_hash(section_key k, size_t n)
{
    uint64_t h = (k.lo ^ 0x9e3779b97f4a7c15ull ^ (uint64_t)n) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
    h = (h ^ k.hi) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    h *= 0x94d049bb133111ebull;
    return h ^ (h >> 31);
}

/*
 * Whether a word record holds the n bytes at s, whose key is k.  pool is the
 * model's string pool, read only for words longer than 16 bytes.
 */
static inline int section_word_is(const section_word *w, const char *pool, section_key k,
                                  const char *s, size_t n)
{
    if (w->length != n || ((w->key.lo ^ k.lo) | (w->key.hi ^ k.hi)) != 0)
        return 0;
    return n <= 16 || memcmp(pool + w->text + 16, s + 16, n - 16) == 0;
}

/* The key of the bigram of two word ids in the bigram table (never 0). */
static inline uint64_t section_pair_key(int32_t first, int32_t second)
{
    return ((uint64_t)(uint32_t)(first + 1) << 32) | (uint32_t)(second + 1);
}

/*
 * Reads a model file and computes its log-probabilities with additive
 * smoothing alpha.  On failure returns GALLEY_ECONFIG (a bad file, with its
 * path and line in err) or GALLEY_ENOMEM, and leaves nothing allocated.
 */
int section_model_load(section_model *model, const char *path, double alpha, galley_error *err);
void section_model_free(section_model *model);

/*
 * A word's entry (a unigram feature or a stop word), or NULL when the model
 * does not know it; key is section_key_of the word and hash its
 * section_key_hash.
 */
const section_word *section_model_word(const section_model *model, const char *text, size_t length,
                                       section_key key, uint64_t hash);
/*
 * Whether the bigram filter lets a pair through (hash is the section_mix of
 * its section_pair_key): when it does not, the pair is no bigram of the
 * model, which most pairs of words are not.
 */
static inline int section_pair_maybe(const section_model *m, uint64_t hash)
{
    size_t bit = (size_t)(hash >> 40) & m->filter_mask;
    return m->pair_filter[bit / 64] >> (bit % 64) & 1;
}

/* Where the probe for a pair starts in the bigram table. */
static inline const unsigned char *section_pair_slot(const section_model *m, uint64_t hash)
{
    return m->pairs + ((size_t)hash & m->pair_mask) * m->pair_stride;
}

/*
 * A key no bigram has (its first word's half is 0): the classifier's pair for
 * a word that follows no word.
 */
#define SECTION_NO_PAIR ((uint64_t)1)

/*
 * The log-probabilities of a bigram (section_pair_key; hash is its
 * section_mix), or NULL when it is not in the model, looked for from the
 * slot after its first (section_pair_slot), which the caller has found to
 * hold another bigram.  It does not ask the filter: the classifier has done
 * so, and asks this only for the pairs the filter let through.
 */
static inline const float *section_model_pair_next(const section_model *m, uint64_t key,
                                                   uint64_t hash)
{
    size_t i = ((size_t)hash + 1) & m->pair_mask;
    for (;;) {
        const unsigned char *p = m->pairs + i * m->pair_stride;
        uint64_t k;
        memcpy(&k, p, sizeof k);
        if (k == 0)
            return NULL;
        if (k == key)
            return (const float *)(const void *)(p + sizeof k);
        i = (i + 1) & m->pair_mask;
    }
}

/* The plugin's train entry (trainer.c). */
int section_train(const galley_host *host, const galley_options *options,
                  const galley_example *examples, size_t count, const galley_train_params *params,
                  json_t *report, galley_error *err);

/*
 * A word-at-a-time multiplicative hash: terms are short (six bytes on
 * average), so one or two 8-byte steps replace a byte loop whose multiplies
 * would wait on each other.  Hashes are only ever used in memory, never
 * written to a model, so the byte order of the machine does not matter.
 */
static inline uint64_t section_hash(const char *s, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ (uint64_t)n;
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, s, 8);
        h = (h ^ v) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
        s += 8;
        n -= 8;
    }
    /* The last 0-7 bytes as two overlapping loads, without a loop. */
    uint64_t v = 0;
    if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        v = (uint64_t)lo << 32 | hi;
    } else if (n > 0) {
        v = (uint64_t)(unsigned char)s[0] << 16 | (uint64_t)(unsigned char)s[n / 2] << 8 |
            (unsigned char)s[n - 1];
    }
    h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    h *= 0x94d049bb133111ebull;
    return h ^ (h >> 31);
}

/* A 64-bit finaliser (from splitmix64) to spread bigram keys over the table. */
static inline uint64_t section_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

/* Four bytes as section_load32 reads them, the first the lowest. */
#define SECTION_BYTES4(a, b, c, d)                                                                 \
    ((uint32_t)(unsigned char)(a) | (uint32_t)(unsigned char)(b) << 8 |                            \
     (uint32_t)(unsigned char)(c) << 16 | (uint32_t)(unsigned char)(d) << 24)

/*
 * The rules of section_stem below, on a word of n bytes whose last four are
 * tail (section_load32 of them; 0 for a word shorter than four bytes, which
 * no rule touches).  section_stem_ies says whether the word ends in -ies
 * (to be rewritten to -y); section_stem_cut how many bytes every other rule
 * strips.  The cut is computed without a branch: which rule applies depends
 * on the word, so a processor cannot guess it, and a wrong guess costs more
 * than all the comparisons.  Of the rules, only -sses or -ings and the
 * plural -s can both match; the longer wins, as it comes first.
 */
static inline int section_stem_ies(uint32_t tail, size_t n)
{
    return (n > 4) & (tail >> 8 == SECTION_BYTES4('i', 'e', 's', 0));
}

static inline size_t section_stem_cut(uint32_t tail, size_t n)
{
    uint32_t last2 = tail >> 16, last3 = tail >> 8;
    size_t sses = tail == SECTION_BYTES4('s', 's', 'e', 's');
    size_t ings = (n >= 7) & (tail == SECTION_BYTES4('i', 'n', 'g', 's'));
    size_t ing = (n >= 6) & (last3 == SECTION_BYTES4('i', 'n', 'g', 0));
    size_t ed = (n >= 5) & (last2 == SECTION_BYTES4('e', 'd', 0, 0));
    size_t plural = (tail >> 24 == 's') & (last2 != SECTION_BYTES4('s', 's', 0, 0)) &
                    (last2 != SECTION_BYTES4('u', 's', 0, 0)) &
                    (last2 != SECTION_BYTES4('i', 's', 0, 0)) & !ings & !sses;
    return 2 * sses + 4 * ings + 3 * ing + 2 * ed + plural;
}

/*
 * A light English suffix stripper, so that "shelling", "shelled" and
 * "shells" share their evidence: a training set of a few hundred paragraphs
 * sees most words in one form only.  It
 * removes -ies (to -y), -sses (to -ss), -ing(s), -ed and a plural -s, never
 * leaving fewer than three bytes.  Only ASCII suffixes are touched, so other
 * scripts pass through unchanged.  Returns the new length; buf receives the
 * term only when it had to be rewritten (-ies to -y), in which case *text is
 * pointed at buf.
 */
static inline size_t section_stem(const char **text, size_t n, char *buf)
{
    const char *s = *text;
    if (n < 4)
        return n;
    uint32_t tail = (uint32_t)section_load32(s + n - 4);
    if (section_stem_ies(tail, n)) {
        memcpy(buf, s, n - 3);
        buf[n - 3] = 'y';
        *text = buf;
        return n - 2;
    }
    return n - section_stem_cut(tail, n);
}

/* The length of a word of n bytes without its possessive 's ("Russia's" counts as "russia"). */
static inline size_t section_unpossessive(const char *s, size_t n)
{
    return n > 2 && s[n - 2] == '\'' && s[n - 1] == 's' ? n - 2 : n;
}

/*
 * The term a token contributes, or NULL when the token breaks the chain of
 * bigrams (punctuation and symbols: "war. Fashion" is not a phrase).  Words
 * are their case-folded form with a possessive 's dropped ("Russia's" counts
 * as "russia"), stemmed when the model is; every number is
 * SECTION_NUMBER_TERM.  Words longer than SECTION_MAX_TERM bytes are not
 * terms either.  buf must hold SECTION_MAX_TERM bytes.
 */
static inline const char *section_term(const galley_token *t, int stem, char *buf, size_t *length)
{
    if (t->kind == GALLEY_TOKEN_NUMBER) {
        *length = sizeof SECTION_NUMBER_TERM - 1;
        return SECTION_NUMBER_TERM;
    }
    if (t->kind != GALLEY_TOKEN_WORD || t->fold_len == 0 || t->fold_len > SECTION_MAX_TERM)
        return NULL;
    const char *s = t->fold;
    size_t n = section_unpossessive(s, t->fold_len);
    if (stem)
        n = section_stem(&s, n, buf);
    *length = n;
    return s;
}

/* The bytes below 8 * n of a 16-byte key (section_key) for n from 0 to 16. */
static inline section_key section_key_cut(section_key k, size_t n)
{
    uint64_t lo = n >= 8 ? ~0ull : ((uint64_t)1 << (8 * n)) - 1;
    uint64_t hi = n >= 16 ? ~0ull : n <= 8 ? 0 : ((uint64_t)1 << (8 * (n - 8))) - 1;
    k.lo &= lo;
    k.hi &= hi;
    return k;
}

/*
 * section_term and the key of its term (section_key_of) at once, for the
 * classifier, which looks up every token: the bytes the key is built from
 * also give the word's last four, from which the stemming rules above pick
 * the suffix to strip, so the term's key is the word's, cut shorter.  The
 * result is section_term's, byte for byte.
 */
static inline const char *section_term_key(const galley_token *t, int stem, char *buf,
                                           size_t *length, section_key *key)
{
    if (t->kind == GALLEY_TOKEN_NUMBER) {
        *length = sizeof SECTION_NUMBER_TERM - 1;
        *key = section_key_of(SECTION_NUMBER_TERM, sizeof SECTION_NUMBER_TERM - 1);
        return SECTION_NUMBER_TERM;
    }
    if (t->kind != GALLEY_TOKEN_WORD || t->fold_len == 0 || t->fold_len > SECTION_MAX_TERM)
        return NULL;
    const char *s = t->fold;
    /* section_unpossessive, as one test: the length alone was a branch guessed wrong for many
       short words.  The fold can be read 16 bytes wide (GALLEY_FOLD_PADDING), so a word of one
       byte reads its padding here, to no effect.  A branch, not arithmetic, so that the rest
       need not wait for these bytes: a possessive is rare. */
    size_t n = t->fold_len, at = n > 2 ? n - 2 : 0;
    if (__builtin_expect((n > 2) & (s[at] == '\'') & (s[at + 1] == 's'), 0))
        n -= 2;
    section_key k = {0, 0};
    uint32_t tail = 0; /* the last four bytes; 0 below four, where no stemming rule applies */
    if (n > 8) {
        k.lo = section_load64(s);
        k.hi = n >= 16 ? section_load64(s + 8) : section_load64(s + n - 8) >> (8 * (16 - n));
        tail = (uint32_t)section_load32(s + n - 4);
    } else if (n >= 4) {
        tail = (uint32_t)section_load32(s + n - 4);
        k.lo = section_load32(s) | (uint64_t)tail << (8 * (n - 4));
    } else {
        k = section_key_of(s, n);
    }
    if (stem) {
        if (section_stem_ies(tail, n)) { /* rare: the term is rewritten */
            memcpy(buf, s, n - 3);
            buf[n - 3] = 'y';
            *length = n - 2;
            *key = section_key_of(buf, n - 2);
            return buf;
        }
        n -= section_stem_cut(tail, n);
        k = section_key_cut(k, n < 16 ? n : 16);
    }
    *length = n;
    *key = k;
    return s;
}

#endif /* GALLEY_SECTION_H */
