/*
 * sentiment.h -- private to the sentiment plugin: the term table that holds
 * the lexicon, the tone lexicon and the modifier lists (lexicon.c), and the
 * sentence scorer that reads it (score.c).  sentiment.c is the plugin itself.
 */
#ifndef GALLEY_SENTIMENT_H
#define GALLEY_SENTIMENT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <galley/galley.h>
#include <galley/plugin.h>

/* The tone dimensions, in the order of sen_dimension_names. */
enum sen_dimension {
    SEN_ANGER,
    SEN_FEAR,
    SEN_SADNESS,
    SEN_HOPE,
    SEN_JOY,
    SEN_IRONY,
    SEN_FATIGUE,
    SEN_DIMENSIONS
};

extern const char *const sen_dimension_names[SEN_DIMENSIONS];
/* The label a block or document gets when a dimension dominates ("grim" for sadness). */
extern const char *const sen_dimension_labels[SEN_DIMENSIONS];

/* What a modifier does (see data/modifiers.tsv for the meaning of each weight). */
enum sen_modifier {
    SEN_MOD_NONE = 0,
    SEN_MOD_NEGATOR,
    SEN_MOD_PEAK_NEGATOR,
    SEN_MOD_BOOSTER,
    SEN_MOD_DAMPENER,
    SEN_MOD_CONTRAST,
    SEN_MOD_CONCESSION,
    SEN_MOD_HEDGE,
    SEN_MOD_SARCASM,
    SEN_MOD_ADDITIVE,
    SEN_MOD_NEUTRAL,
    SEN_MOD_COPULA,
    SEN_MOD_CLAUSE,
    SEN_MOD_ATTRIBUTION
};

enum sen_entry_flag {
    SEN_HAS_VALENCE = 1 << 0,  /* from the lexicon */
    SEN_HAS_TONE = 1 << 1,     /* from the tone lexicon */
    SEN_IS_PREFIX = 1 << 2,    /* a longer term starts with this one and a space */
    SEN_HAS_MODIFIER = 1 << 3, /* listed in the modifiers file */
    SEN_HAS_LEXICAL = 1 << 4,  /* a word of the polarity model's lexical component */
    SEN_COMPARATIVE = 1 << 5,  /* a comparative, for the peak-negator rule */
    SEN_PLAIN = 1 << 6         /* a plain reporting word, never loaded language */
};

/* The flags a slot carries, so that a match needs the entry only when it counts. */
#define SEN_SLOT_FLAGS                                                                             \
    (SEN_HAS_VALENCE | SEN_HAS_TONE | SEN_IS_PREFIX | SEN_HAS_MODIFIER | SEN_HAS_LEXICAL)
#define SEN_SLOT_FLAG_SHIFT 21

/*
 * One term.  The same entry carries everything the data files say about it;
 * prefixes of multi-word terms get an entry too (flag SEN_IS_PREFIX only) so
 * that the longest match can be found by extending one word at a time.
 */
typedef struct sen_entry {
    uint32_t key;     /* offset of the term in the table's string pool */
    uint32_t key_len; /* bytes, without the NUL */
    uint32_t hash;    /* the low half of the term's hash (sen_hash_extend) */
    uint16_t flags;   /* sen_entry_flag */
    uint8_t modifier; /* sen_modifier, when SEN_HAS_MODIFIER */
    uint8_t words;    /* words in the term */
    float valence;    /* in [-4, 4], when SEN_HAS_VALENCE */
    float weight;     /* the modifier's weight */
    int32_t tone;     /* index into the table's tone vectors, -1 when none */
    float lexical[2]; /* log-odds negative and positive against neutral, when SEN_HAS_LEXICAL */
    float distinct[2]; /* the same, counted once per block (the word regression's weights) */
    uint32_t line;    /* where the valence was defined, for duplicate messages */
} sen_entry;

/*
 * The term table (lexicon.c builds it).  Defined here so that the scorer's
 * lookup, which runs once or more per word of every article, can be inlined.
 */
typedef struct sen_slot {
    float valence;    /* the entry's valence, when SEN_HAS_VALENCE */
    uint32_t packed;  /* bits 0-20: entry index + 1 (0: an empty slot); 21-25: the entry's
                         SEN_SLOT_FLAGS; 26-31: the term's length in bytes, 63 meaning 63 or more */
    uint64_t head;    /* the term's first eight bytes, zero-padded (sen_head) */
    uint64_t tail;    /* its next eight, zero-padded (sen_tail) */
    float lexical[2]; /* the entry's lexical log-odds when SEN_HAS_LEXICAL, else 0: the
                         scorer adds them to its sums without asking */
} sen_slot;

/* Slots come 32 bytes apiece and 64-byte aligned: one never straddles two
   cache lines, and a word of up to 16 bytes in the lexical component alone
   (half the words of an article), or with a valence alone, is settled by
   its slot, with no second cache miss on its entry.  The head, the tail
   and the length tell terms of up to 16 bytes apart exactly, so the slot
   keeps no hash: a probe reads the entry only for a longer term. */
_Static_assert(sizeof(sen_slot) == 32, "a slot is half a cache line");

#define SEN_SLOT_INDEX_MASK 0x1FFFFFu
#define SEN_MAX_ENTRIES (SEN_SLOT_INDEX_MASK - 1)

/* Bits in the quick-reject filter: 8 KiB, small enough to stay in cache. */
#define SEN_FILTER_BITS 65536u

typedef struct sen_table {
    char *pool; /* every term, NUL-terminated, back to back */
    size_t pool_len, pool_cap;
    sen_entry *entries;
    size_t entry_count, entry_cap;
    sen_slot *slots;
    size_t slot_mask; /* slot count - 1; the count is a power of two */
    float (*tones)[SEN_DIMENSIONS];
    size_t tone_count, tone_cap;
    size_t lexical_count; /* words of the model's lexical component (model.c adds them) */
    size_t distinct_count; /* ... of them with distinct-word weights */
    /* Every entry's distinct-word weights (sen_entry.distinct), by entry index
       + 1, 8 bytes apiece where an entry takes 48: the scorer reads them for
       each word new to a block, and from this array most reads hit the cache
       (sen_table_finish makes it when distinct_count > 0, else NULL). */
    float (*distinct)[2];
    size_t valence_count;
    float not_weight;
    /* One bit per (high half of a) hash of every term: most words of an
       article are in no list, and this answers for them without touching
       the slots. */
    uint64_t filter[SEN_FILTER_BITS / 64];
    /* The same for the terms of two words or more alone.  Nearly every word
       of an article is in some list, and a third of them ("the", "of")
       start a longer term, so a longer match is tried that often: the
       first filter, full of single words, lets a third of those tries
       through to a probe, this one a few in a hundred. */
    uint64_t multi_filter[SEN_FILTER_BITS / 64];
} sen_table;

/* Lexicon file formats for the lexicon option. */
enum sen_format { SEN_FORMAT_GALLEY, SEN_FORMAT_VADER, SEN_FORMAT_AFINN };

/* Longest terms accepted: words per term and bytes per term. */
#define SEN_MAX_WORDS 8
#define SEN_MAX_TERM 160

sen_table *sen_table_new(void);
void sen_table_free(sen_table *table);
/*
 * Makes room for entries terms in all, so that loading them rehashes
 * nothing; more may still be added.  Returns 0, or -1 when out of memory.
 */
int sen_table_reserve(sen_table *table, size_t entries);
/* The lines of a file (at least 1), or 0 when it cannot be read: an upper
   bound on the terms it lists, to size the table with. */
size_t sen_count_lines(const char *path);

/*
 * Loaders.  Each reads one file, adds its terms to the table, and on a bad
 * line fails with GALLEY_ECONFIG and err->source / err->line / err->text set
 * (GALLEY_ENOMEM when out of memory).  scale multiplies valences; the result
 * must lie in [-4, 4].
 */
int sen_table_load_lexicon(sen_table *table, const char *path, int format, double scale,
                           galley_error *err);
int sen_table_load_tone(sen_table *table, const char *path, galley_error *err);
int sen_table_load_modifiers(sen_table *table, const char *path, galley_error *err);
int sen_table_load_plain(sen_table *table, const char *path, galley_error *err);
/*
 * The line reader the loaders share (the model loader too): the whole file
 * in memory, read a line at a time, '#' comments and blank lines skipped.
 */
#define SEN_READER_FIELDS 8

typedef struct sen_reader {
    const char *path;
    char *data; /* owned; free() it when done */
    size_t length, at;
    int line;
    char *fields[SEN_READER_FIELDS];
    size_t field_count;
} sen_reader;

/* Reads the file; GALLEY_ECONFIG naming it when it cannot be read. */
int sen_reader_open(sen_reader *r, const char *path, galley_error *err);
/*
 * Advances to the next line that is neither blank nor a comment and splits
 * it at tabs into r->fields (at most SEN_READER_FIELDS; the rest of the
 * line stays in the last).  Lines end at LF, CRLF or CR.  Returns 1 for a
 * line, 0 at the end of the file, -1 at a NUL byte (not text: the caller
 * reports it).
 */
int sen_reader_next(sen_reader *r);
/* Fills err with the file, the current line and the message; returns GALLEY_ECONFIG. */
int sen_reader_fail(galley_error *err, const sen_reader *r, const char *fmt, ...)
    GALLEY_PRINTF(3, 4);
/*
 * What a reading loop that stopped with sen_reader_next's last answer more
 * and status rc comes to: a NUL byte (more < 0) is an error naming its line
 * unless an earlier error stands.
 */
int sen_reader_end(galley_error *err, const sen_reader *r, int more, int rc);
/* Parses a whole field as a finite number; -1 when it is not one. */
int sen_parse_number(const char *s, double *out);

/*
 * Adds a word of the polarity model's lexical component with its log-odds
 * (negative and positive against neutral).  raw is the word as the model
 * file writes it; a bad or repeated word fails with r's file and line.
 */
int sen_table_add_lexical(sen_table *table, const sen_reader *r, const char *raw, double negative,
                          double positive, const double distinct[2], galley_error *err);

/* Places every term in the slots again, the shortest first, each slot with its entry's final
   flags, valence and lexical log-odds, and gathers the distinct-word weights
   (sen_table.distinct); call once, after the loaders.  Returns 0, or -1 when
   out of memory. */
int sen_table_finish(sen_table *table);

/* Terms with a valence, for `galley plugins info`-style counts and tests. */
size_t sen_table_valence_count(const sen_table *table);

/*
 * The first eight bytes of a term, zero-padded: with the length, it settles
 * whether a slot holds a term of up to eight bytes without reading the
 * entry or the string pool, which is what most words of an article are.
 */
static inline uint64_t sen_head(const char *s, size_t n)
{
    uint64_t v = 0;
    if (n >= 8) {
        memcpy(&v, s, 8);
        return v;
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n >= 4) { /* two loads that overlap on equal bytes */
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        return (uint64_t)a | (uint64_t)b << (8 * (n - 4));
    }
    if (n >= 2) { /* the same for "of", "the": no loop over the commonest words */
        uint16_t a, b;
        memcpy(&a, s, 2);
        memcpy(&b, s + n - 2, 2);
        return (uint64_t)a | (uint64_t)b << (8 * (n - 2));
    }
#endif
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return v;
}

/* Bytes 8 to 15 of a term of n bytes, zero-padded (0 for a term of up to eight). */
static inline uint64_t sen_tail(const char *s, size_t n)
{
    return n > 8 ? sen_head(s + 8, n - 8) : 0;
}

/*
 * sen_head and sen_tail of a token's fold, read as two 8-byte words and
 * masked to its length: GALLEY_FOLD_PADDING lets a load run past the fold's
 * end, and the mask clears what lies there.  A word's length is as good as
 * random from one word to the next, so the branches by length class that
 * sen_head takes were mispredicted on a good share of an article's words;
 * these take none.  The values are sen_head's and sen_tail's.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The low k bytes (k from 0 to 8) of a word set: two shifts, since one of 64 is undefined. */
static inline uint64_t sen_low_bytes(size_t k)
{
    unsigned shift = (unsigned)(32 - 4 * k);
    return ~0ull >> shift >> shift;
}

static inline uint64_t sen_fold_head(const char *fold, size_t n)
{
    uint64_t v;
    memcpy(&v, fold, 8);
    return v & sen_low_bytes(n < 8 ? n : 8);
}

static inline uint64_t sen_fold_tail(const char *fold, size_t n)
{
    uint64_t v;
    memcpy(&v, fold + 8, 8);
    size_t k = n > 8 ? n - 8 : 0;
    return v & sen_low_bytes(k < 8 ? k : 8);
}
#else
static inline uint64_t sen_fold_head(const char *fold, size_t n)
{
    return sen_head(fold, n);
}

static inline uint64_t sen_fold_tail(const char *fold, size_t n)
{
    return sen_tail(fold, n);
}
#endif

/*
 * A term's hash is built from the hashes of its words, so that each word of
 * an article is hashed once and "no" extends to "no problem" with one mixing
 * step: hash("a b") = sen_hash_extend(sen_word_hash("a"), sen_word_hash("b")).
 * A word of up to eight bytes is mixed from its head in one multiply-xorshift
 * step (the finaliser of SplitMix64); longer words eight bytes at a time.
 */
static inline uint64_t sen_word_hash(const char *word, size_t n, uint64_t head)
{
    uint64_t x = 0x9E3779B97F4A7C15ull * (uint64_t)(n + 1);
    if (n > 8) {
        uint64_t v;
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&v, word + i, 8);
            x = (x ^ v) * 0xBF58476D1CE4E5B9ull;
            x ^= x >> 31;
        }
        memcpy(&v, word + n - 8, 8); /* the last eight, overlapping */
        head = v;
    }
    x = (x ^ head) * 0x94D049BB133111EBull;
    return x ^ (x >> 29);
}

/*
 * sen_word_hash of a token's fold whose head is sen_fold_head's.  A word of
 * nine to sixteen bytes takes sen_word_hash's one round of its loop and its
 * overlapping last eight bytes, chosen here by selection rather than by a
 * branch on the length (the fold's padding makes the unused loads safe);
 * only a longer word, which is rare, takes the loop.
 */
static inline uint64_t sen_fold_hash(const char *fold, size_t n, uint64_t head)
{
    if (n > 16)
        return sen_word_hash(fold, n, head);
    /* All ones for a word of more than eight bytes; masks rather than
       conditional expressions, which the compiler turns back into a branch. */
    uint64_t long_word = (uint64_t)0 - (uint64_t)(n > 8);
    uint64_t x = 0x9E3779B97F4A7C15ull * (uint64_t)(n + 1);
    uint64_t first, last;
    memcpy(&first, fold, 8);
    memcpy(&last, fold + ((n - 8) & long_word), 8);
    uint64_t round = (x ^ first) * 0xBF58476D1CE4E5B9ull;
    round ^= round >> 31;
    x = (round & long_word) | (x & ~long_word);
    x = (x ^ ((last & long_word) | (head & ~long_word))) * 0x94D049BB133111EBull;
    return x ^ (x >> 29);
}

static inline uint64_t sen_hash_extend(uint64_t term, uint64_t word)
{
    uint64_t x = (term ^ ((word << 17) | (word >> 47))) * 0xBF58476D1CE4E5B9ull;
    return x ^ (x >> 31);
}

/* The filters' bit for a hash. */
static inline uint32_t sen_filter_bit(uint64_t hash)
{
    return ((uint32_t)hash >> 16) % SEN_FILTER_BITS;
}

/* 0 when no term has this hash; 1 when one may (the quick-reject filter). */
static inline int sen_table_may_have(const sen_table *table, uint64_t hash)
{
    uint32_t bit = sen_filter_bit(hash);
    return (table->filter[bit / 64] >> (bit % 64)) & 1;
}

/* The same for a term of two words or more, whose hash sen_hash_extend made. */
static inline int sen_table_may_have_multi(const sen_table *table, uint64_t hash)
{
    uint32_t bit = sen_filter_bit(hash);
    return (table->multi_filter[bit / 64] >> (bit % 64)) & 1;
}

/* memcmp(a, b, n) == 0 without a call: terms are a few bytes long. */
static inline int sen_same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

static inline unsigned sen_slot_flags(const sen_slot *slot)
{
    return (slot->packed >> SEN_SLOT_FLAG_SHIFT) & 31u;
}

static inline const sen_entry *sen_slot_entry(const sen_table *table, const sen_slot *slot)
{
    return &table->entries[(slot->packed & SEN_SLOT_INDEX_MASK) - 1];
}

/*
 * The slot of a term of len bytes with hash full (see sen_hash_extend) and
 * head sen_head(term, len), or NULL; the caller has already asked
 * sen_table_may_have.  Terms of up to sixteen bytes are settled in the slot.
 */
static inline const sen_slot *sen_table_probe(const sen_table *table, uint64_t full, uint64_t head,
                                              const char *term, size_t len)
{
    uint32_t h = (uint32_t)full;
    uint32_t want = (uint32_t)(len < 63 ? len : 63);
    for (size_t i = h & table->slot_mask;; i = (i + 1) & table->slot_mask) {
        const sen_slot *slot = &table->slots[i];
        if (slot->packed == 0)
            return NULL;
        if (slot->head != head || slot->packed >> 26 != want)
            continue;
        if (len <= 8)
            return slot;
        if (slot->tail != sen_tail(term, len))
            continue;
        if (len <= 16)
            return slot;
        const sen_entry *e = sen_slot_entry(table, slot);
        if (e->key_len == len && sen_same_bytes(table->pool + e->key + 16, term + 16, len - 16))
            return slot;
    }
}

/*
 * sen_table_probe for a token's fold (hash full, head sen_fold_head's): the
 * head, the tail and the length are compared at once, in one test, since
 * the tail is read as cheaply as the head.
 */
static inline const sen_slot *sen_table_probe_fold(const sen_table *table, uint64_t full,
                                                   uint64_t head, const char *fold, size_t len)
{
    uint64_t tail = sen_fold_tail(fold, len);
    uint64_t want = len < 63 ? len : 63;
    for (size_t i = (uint32_t)full & table->slot_mask;; i = (i + 1) & table->slot_mask) {
        const sen_slot *slot = &table->slots[i];
        if (slot->packed == 0)
            return NULL;
        if (((slot->head ^ head) | (slot->tail ^ tail) | ((slot->packed >> 26) ^ want)) != 0)
            continue;
        if (len <= 16)
            return slot;
        const sen_entry *e = sen_slot_entry(table, slot);
        if (e->key_len == len && sen_same_bytes(table->pool + e->key + 16, fold + 16, len - 16))
            return slot;
    }
}

/* The entry of a term of len bytes with hash full, or NULL (used while loading). */
static inline const sen_entry *sen_table_find(const sen_table *table, uint64_t full,
                                              const char *term, size_t len)
{
    if (!sen_table_may_have(table, full))
        return NULL;
    const sen_slot *slot = sen_table_probe(table, full, sen_head(term, len), term, len);
    return slot ? sen_slot_entry(table, slot) : NULL;
}

/* The text of an entry's term (NUL-terminated, owned by the table). */
const char *sen_table_term(const sen_table *table, const sen_entry *entry);
/* The tone vector of an entry (SEN_DIMENSIONS weights), or NULL. */
const float *sen_table_tone(const sen_table *table, const sen_entry *entry);
/* The weight of "not", used for words ending in n't. */
float sen_table_not_weight(const sen_table *table);

/* ------------------------------------------------------------------------ */
/* The sentence scorer                                                      */
/* ------------------------------------------------------------------------ */

/* Settings of the scorer, from the plugin's options. */
typedef struct sen_params {
    int negation_scope;  /* words a negation reaches */
    double alpha;        /* normalisation: score = sum / sqrt(sum^2 + alpha) */
    double tone_valence; /* valence per unit of tone weight for words with tone only; 0: none */
} sen_params;

/* One valenced term found in a sentence. */
typedef struct sen_item {
    const sen_entry *entry;
    uint32_t start, end; /* bytes of the matched term */
    float value;         /* valence after the rules */
    float valence;       /* the entry's own (0 for a term with a tone only) */
    uint8_t quoted;      /* inside quotation marks */
} sen_item;

/* A word's head (sen_head) and hash (sen_word_hash), found for a whole sentence before it is
   scored. */
typedef struct sen_word_key {
    uint64_t head, hash;
} sen_word_key;

/* Per-document scratch memory for the scorer (process() owns one). */
typedef struct sen_scratch {
    sen_item *items;
    size_t capacity;
    sen_word_key *keys; /* for a sentence too long for the scorer's own buffer */
    size_t key_capacity;
    /* For counting a word's distinct-word weights once per block: the
       block (generation, 1 to 255, all cleared when it wraps) in which each
       entry was last met, by entry index + 1; a byte apiece keeps it small
       enough to allocate and clear per document.  sen_scratch_next_block
       starts a block. */
    uint8_t *seen;
    size_t seen_count;
    unsigned generation;
} sen_scratch;

/* The scores of one sentence. */
typedef struct sen_sentence_score {
    double score;         /* compound in [-1, 1] */
    double narration;     /* compound of the words outside quotation marks */
    double quoted;        /* compound of the words inside them */
    int has_narration;    /* the sentence has words outside quotation marks */
    int has_quoted;       /* ... and inside */
    double lead_contrast; /* weight of a contrast word opening the sentence, else 0 */
    size_t words;         /* word tokens */
    size_t quoted_words;  /* ... of them inside quotation marks */
    size_t numbers;       /* number tokens (38, 1,500, 2.5) */
    size_t plain;         /* terms of the plain words of reporting (killed, destroyed) */
    size_t valenced;      /* terms with a valence */
    /* Modifiers met, for the decision layer's features: negators (n't included),
       contrast and concession words, and verbs of reporting (said, told). */
    size_t negations, contrasts, attributions;
    double tone[SEN_DIMENSIONS]; /* summed tone weights, negated terms left out */
    double lexical[2];           /* summed lexical log-odds of every word (negative, positive) */
    double distinct[2];          /* the distinct-word weights of the words new to the block */
    double positive, negative;   /* the valenced terms' values after the rules, by sign */
    int terminated;              /* ends with . ? or ! (a headline or a subheading does not) */
    int question;                /* ends with ?; closing quotes and brackets count for neither */
    size_t item_count;           /* the valenced terms, in scratch->items */
} sen_sentence_score;

/*
 * Scores sentence s of doc.  The valenced terms found are left in
 * scratch->items[0 .. out->item_count).  Returns GALLEY_OK or GALLEY_ENOMEM.
 */
int sen_score_sentence(const sen_table *table, const sen_params *params, const galley_doc *doc,
                       size_t s, sen_scratch *scratch, sen_sentence_score *out);

void sen_scratch_free(sen_scratch *scratch);

/* Starts a block: every word is new to it again (sen_sentence_score.distinct). */
void sen_scratch_next_block(sen_scratch *scratch);

/* ------------------------------------------------------------------------ */
/* Block features, for the decision layer (features.c)                      */
/* ------------------------------------------------------------------------ */

/*
 * What the rules say about a block, as numbers: the decision layer (a
 * logistic regression, model.c) maps them to a polarity.  The names are the
 * ones a model file uses; README.md explains each and why it is there.
 */
enum sen_feature {
    SEN_F_SCORE,            /* the block's own score: the weighted mean of its sentences */
    SEN_F_POSITIVE,         /* the positive terms' values, summed and normalised to [0, 1) */
    SEN_F_NEGATIVE,         /* the negative terms', normalised to (-1, 0] */
    SEN_F_NARRATION,        /* mean narration score of the sentences with narration */
    SEN_F_QUOTED_SHARE,     /* share of the words inside quotation marks */
    SEN_F_TONE_NEGATIVE,    /* anger, fear, sadness and fatigue weight per 10 words */
    SEN_F_TONE_POSITIVE,    /* hope and joy weight per 10 words */
    SEN_F_NEGATIONS,        /* negators per sentence */
    SEN_F_CONTRASTS,        /* contrast and concession words per sentence */
    SEN_F_NUMBERS,          /* number tokens per 10 words */
    SEN_F_ATTRIBUTIONS,     /* verbs of reporting per sentence */
    SEN_F_LEXICAL_NEGATIVE, /* the model's word log-odds, negative against neutral */
    SEN_F_LEXICAL_POSITIVE, /* ... positive against neutral */
    SEN_F_UNTERMINATED,     /* sentences without a full stop, ? or ! at the end, per sentence */
    SEN_F_QUESTIONS,        /* sentences that end with a question mark, per sentence */
    SEN_F_FIRST_BLOCK,      /* 1 for the first block of a story of two or more, else 0 */
    SEN_FEATURES
};

extern const char *const sen_feature_names[SEN_FEATURES];

/* Room for the features in whole vectors of four floats, the rest zero. */
#define SEN_FEATURE_LANES ((SEN_FEATURES + 3) / 4 * 4)

/* Running sums over the sentences of one block. */
typedef struct sen_block_stats {
    /* The block's score is a weighted mean: a sentence opening with a
       contrast word counts more and the one before it less, so the last
       sentence stays pending until the next one is seen. */
    double weight, sum, squares;
    size_t sentences;
    int pending;
    double pending_score, pending_weight;

    size_t words, quoted_words, numbers;
    size_t negations, contrasts, attributions, unterminated, questions;
    double positive, negative;
    double narration;
    size_t narration_count;
    double tone[SEN_DIMENSIONS];
    double lexical[2];  /* summed word log-odds: negative, positive (against neutral) */
    double distinct[2]; /* summed distinct-word weights, each word of the block once */
    int first;         /* the first block of a story of two or more (the caller sets it) */
} sen_block_stats;

void sen_block_init(sen_block_stats *b);
/* Adds a sentence that has words. */
void sen_block_add(sen_block_stats *b, const sen_sentence_score *sc);
/* Settles the last sentence's weight; call once, after the last sen_block_add. */
void sen_block_finish(sen_block_stats *b);
/* The block's own score in [-1, 1] (0 for a block without sentences). */
double sen_block_score(const sen_block_stats *b);
/* The features of a finished block, in sen_feature order and zero-padded;
   every value is finite. */
void sen_block_features(const sen_block_stats *b, float out[SEN_FEATURE_LANES]);

/* The weight of a sentence of sourced figures' negative terms in the negative feature and
   of its words' negative log-odds in the lexical one (README.md, "Measured": 0.5 against 1,
   0.25 and 0 with 425 dev articles; 0.25 against 0.5 with 532; the lexical one too with
   556). */
#define SEN_SOURCED_FIGURES_WEIGHT 0.25

/* Whether a scored sentence states sourced figures: a number, a verb of reporting and no
   plain word of loss. */
static inline int sen_sourced_figures(const sen_sentence_score *sc)
{
    return sc->numbers > 0 && sc->attributions > 0 && sc->plain == 0;
}

/* ------------------------------------------------------------------------ */
/* The decision layer (model.c; trainer.c writes its file)                  */
/* ------------------------------------------------------------------------ */

/* The polarity labels, in the order of a model's weights and probabilities. */
enum sen_label { SEN_NEGATIVE, SEN_NEUTRAL, SEN_POSITIVE, SEN_LABELS };
extern const char *const sen_label_names[SEN_LABELS];

#define SEN_MODEL_FORMAT "galley-sentiment-model"
#define SEN_MODEL_VERSION 2
/* Standardised features are clipped to this many scales either side of the
   training mean, so that one odd block (a one-word line, a table of figures)
   cannot push a logit anywhere. */
#define SEN_MODEL_CLIP 4.0

/*
 * A multinomial logistic regression over standardised block features:
 * logit[l] = bias[l] + sum over k of weight[k][l] * clip((x[feature[k]] -
 * mean[k]) / scale[k]).  The lexical component's words live in the term
 * table (sen_table_add_lexical), so that the scorer finds them in the same
 * probe as the lexicon's.
 */
typedef struct sen_model {
    size_t count;              /* features used, in file order */
    int feature[SEN_FEATURES]; /* sen_feature of each */
    double mean[SEN_FEATURES], scale[SEN_FEATURES];
    double weight[SEN_FEATURES][SEN_LABELS];
    double bias[SEN_LABELS];
    size_t words; /* words of the lexical component */
    /* The same model with the standardisation folded in, indexed by
       sen_feature, which is what sen_model_logits computes with, in single
       precision: a feature is clipped to [low, high] (mean -/+
       SEN_MODEL_CLIP scales) and multiplied by weight / scale, and the
       means move into the bias.  A feature the model does not use has
       low = high = 0 and no weight.  Set by sen_model_load. */
    float low[SEN_FEATURE_LANES], high[SEN_FEATURE_LANES];
    float folded[SEN_FEATURE_LANES][4]; /* the fourth is 0: four floats make one vector */
    float folded_bias[4];
} sen_model;

/*
 * Reads a model file (format in README.md) into model and its lexical words
 * into table.  A malformed, truncated or mismatched file is GALLEY_ECONFIG
 * with the file and the line.
 */
int sen_model_load(sen_model *model, sen_table *table, const char *path, galley_error *err);
/* The logits of a block from its features. */
void sen_model_logits(const sen_model *model, const float features[SEN_FEATURE_LANES],
                      double logits[SEN_LABELS]);
/* Probabilities from logits (a softmax that cannot overflow). */
void sen_softmax(const double logits[SEN_LABELS], double p[SEN_LABELS]);

/* ------------------------------------------------------------------------ */
/* Shared by the plugin and its trainer                                     */
/* ------------------------------------------------------------------------ */

/*
 * Checks the options that shape the features (lexicon format and scale,
 * negation scope, normalisation), fills params and loads the four data
 * files into a new *table (sentiment.c).  The caller adds the model's words
 * if any, calls sen_table_finish and frees the table; model is the path of
 * the model it will load, or NULL, so that the table has room for its words
 * from the start.
 */
int sen_load_data(const galley_options *options, const char *model, sen_table **table,
                  sen_params *params, galley_error *err);

/*
 * The regression (regression.c).  z holds n rows of 1 + d values, the bias
 * column (1) first, y their labels; w gets the weights, w[label][0] the
 * bias.  Returns 0, or -1 when out of memory.
 */
int sen_regression_fit(const double *z, const int *y, size_t n, size_t d, double l2,
                       double w[SEN_LABELS][SEN_FEATURES + 1]);
/* The probabilities of one row (1 + d values, the bias column first) under weights w. */
void sen_regression_probabilities(const double w[SEN_LABELS][SEN_FEATURES + 1], const double *row,
                                  size_t d, double p[SEN_LABELS]);

/* The plugin's train entry (trainer.c): `galley train sentiment DIR`. */
int sen_train(const galley_host *host, const galley_options *options,
              const galley_example *examples, size_t count, const galley_train_params *params,
              json_t *report, galley_error *err);

#endif /* GALLEY_SENTIMENT_H */
