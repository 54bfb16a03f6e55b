/*
 * section.c -- labels each block in scope and the whole document with a
 * section (war, lifestyle, other: whatever labels the model was trained on),
 * and reports where the body turns from one section to another.
 *
 * How a block is decided (README.md has the long version):
 *
 *  1. Each block is scored alone by the naive Bayes model: the sum of the
 *     log-probabilities of its unigrams and bigrams under each label,
 *     divided by the model's temperature so that it is an honest amount of
 *     evidence.
 *  2. The body's blocks, in order, are read as a hidden Markov model whose
 *     hidden state is the section: each block keeps the section of the block
 *     before it with a probability that falls with the block's length (a
 *     one-line quote nearly always continues its story, a long paragraph
 *     may well start a new subject), and otherwise draws a section afresh
 *     from a mix of what the rest of the body is about and the model's
 *     prior.  The
 *     forward-backward algorithm gives every block the probability of each
 *     section given the whole body: a run of blocks about another subject
 *     holds together, and a lone short block follows its story.
 *  3. The posterior's best label is the block's section, unless it is less
 *     probable than min_confidence, when the block is the fallback label.
 *
 * The document's label is the best label of the character-weighted mean of
 * the block posteriors, so it is the subject most of the body is about, not
 * a count of paragraphs.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "section.h"

/*
 * The block length, in characters, at which the stay option is the
 * probability of keeping the section: about a short news paragraph of 35
 * words.  A block n times as long keeps it with probability stay^n, as if
 * the subject could change anywhere in the text at a constant rate.
 */
#define STAY_CHARS 200.0

/*
 * The largest stay and context values accepted.  Below 1, every block can
 * start a section afresh and every label keeps some prior probability, so
 * that strong enough evidence can always say so, and no logarithm below is
 * ever of zero.
 */
#define MAX_STAY 0.99
#define MAX_CONTEXT 0.99

/* The block lengths, in characters, whose transitions are computed once, when the step is
   created: news paragraphs are shorter than this. */
#define KEEP_TABLE 1024

/* The longest heading, in characters (is_heading). */
#define HEADING_CHARS 80

/* The most labels a model has (model.c refuses more). */
#define MAX_LABELS 64

typedef struct section_state {
    section_model model;
    double min_confidence;
    double stay;    /* probability of keeping the section over STAY_CHARS characters */
    double context; /* share of the body's own mix in the section a block starts afresh */
    size_t shift_blocks;
    char *fallback;
    int fallback_label; /* its index among the model's labels, or -1 */
    /* [c - 1] for a block of c characters, c up to KEEP_TABLE: the logs of the probability
       that it keeps its predecessor's section and that it does not, as transitions() computes
       them for longer blocks (a table, as they depend on the length alone, and two calls
       to exp() and log1p() per block were a tenth of the sequence model's) */
    double keep_table[KEEP_TABLE][2];
} section_state;

/* Reads a whole-number option and checks its range. */
static int whole_option(const galley_options *options, const char *name, double lo, double hi,
                        size_t *out, galley_error *err)
{
    double v = galley_option_number(options, name);
    if (!(v >= lo && v <= hi) || v != floor(v))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "option %s must be a whole number from %g to %g (it is %g)", name,
                                lo, hi, v);
    *out = (size_t)v;
    return 0;
}

/*
 * The log of the probability that a block of chars characters (at least 1)
 * keeps its predecessor's section, stay^(chars / STAY_CHARS), and the log of
 * the probability that it does not, into out[0] and out[1]; -INFINITY and 0
 * for stay 0.
 */
static void keep_of(double stay, size_t chars, double out[2])
{
    out[0] = -INFINITY;
    out[1] = 0;
    if (stay > 0) {
        out[0] = log(stay) * (double)chars / STAY_CHARS;
        out[1] = log1p(-exp(out[0]));
    }
}

static void section_destroy(void *state)
{
    section_state *s = state;
    if (!s)
        return;
    section_model_free(&s->model);
    free(s->fallback);
    free(s);
}

static int section_create(const galley_host *host, const galley_options *options, void **state,
                          galley_error *err)
{
    (void)host;
    double alpha = galley_option_number(options, "smoothing");
    double min_confidence = galley_option_number(options, "min_confidence");
    double stay = galley_option_number(options, "stay");
    double context = galley_option_number(options, "context");
    const char *fallback = galley_option_string(options, "fallback");
    const char *path = galley_option_string(options, "model");
    if (!(alpha > 0 && alpha <= 100))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "option smoothing must be above 0 and at most 100 (it is %g)",
                                alpha);
    if (!(min_confidence >= 0 && min_confidence <= 1))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "option min_confidence must be from 0 to 1 (it is %g)",
                                min_confidence);
    if (!(stay >= 0 && stay <= MAX_STAY))
        return galley_error_set(err, GALLEY_ECONFIG, "option stay must be from 0 to %g (it is %g)",
                                MAX_STAY, stay);
    if (!(context >= 0 && context <= MAX_CONTEXT))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "option context must be from 0 to %g (it is %g)", MAX_CONTEXT,
                                context);
    if (!fallback || !fallback[0] || strpbrk(fallback, " \t\r\n"))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "option fallback must be a label name without spaces");
    if (!path || !path[0])
        return galley_error_set(err, GALLEY_ECONFIG, "option model must name a model file");
    section_state *s = calloc(1, sizeof *s);
    if (!s)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    int rc = whole_option(options, "shift_blocks", 1, 1000, &s->shift_blocks, err);
    if (rc == 0) {
        size_t n = strlen(fallback);
        if (!(s->fallback = malloc(n + 1)))
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        else
            memcpy(s->fallback, fallback, n + 1);
    }
    if (rc == 0)
        rc = section_model_load(&s->model, path, alpha, err);
    if (rc != 0) {
        free(s->fallback);
        free(s);
        return rc;
    }
    s->min_confidence = min_confidence;
    s->stay = stay;
    s->context = context;
    s->fallback_label = -1;
    for (size_t l = 0; l < s->model.label_count; l++)
        if (strcmp(s->model.labels[l], s->fallback) == 0)
            s->fallback_label = (int)l;
    for (size_t c = 1; c <= KEEP_TABLE; c++)
        keep_of(stay, c, s->keep_table[c - 1]);
    *state = s;
    return GALLEY_OK;
}

#if defined(__GNUC__)
#define PREFETCH(address) __builtin_prefetch(address)
#else
#define PREFETCH(address) ((void)(address))
#endif

/* Tokens looked up together: enough to keep many memory loads in flight, small enough for the
 * stack. */
#define CHUNK 32

/* One token on its way through score_block's stages. */
typedef struct pending {
    const char *term;
    size_t length;
    int after_break; /* 1 when a token that is no term comes just before: no bigram ends here */
    section_key key;
    uint64_t hash;
    size_t slot;                  /* where the word's probe stopped */
    const section_word *word;     /* NULL when the model does not know the word */
    const float *row;             /* the word's log-probabilities; zeros unless it is a feature */
    size_t feature;               /* 1 when the word is a unigram feature */
    uint64_t pair_key, pair_hash; /* the bigram of this word and the one before, and its hash */
    const unsigned char *pair;    /* the bigram's first slot, or m->zero_row (read as an empty
                                     slot) when there is no pair or the filter said no */
    char buf[SECTION_MAX_TERM];
} pending;

/*
 * a when yes is 1, b when it is 0, by masks: a compiler may turn "yes ? a :
 * b" into a branch, and for a choice the data make at random a processor
 * would guess wrong about half the time.
 */
static inline const unsigned char *pick(int yes, const unsigned char *a, const unsigned char *b)
{
    uintptr_t mask = (uintptr_t)0 - (uintptr_t)yes;
    return (const unsigned char *)(((uintptr_t)a & mask) | ((uintptr_t)b & ~mask));
}

/*
 * Adds a row of log-probabilities to the block's sums: into sum, which the
 * compiler keeps in registers, when the model has at most SECTION_ROW labels
 * (its rows are then padded to SECTION_ROW with zeros), else into loglik.
 * Each label's terms are added in the same order either way, so the sums are
 * the same to the last bit.
 */
static inline void add_row(double sum[SECTION_ROW], double *loglik, const float *lp, size_t labels)
{
    if (labels <= SECTION_ROW) {
        for (size_t l = 0; l < SECTION_ROW; l++)
            sum[l] += lp[l];
    } else {
        for (size_t l = 0; l < labels; l++)
            loglik[l] += lp[l];
    }
}

/*
 * Adds the log-probabilities of one block's features to loglik[label] and
 * returns how many features the model knew.  A stop word is no feature on its
 * own but joins the bigrams on either side ("in kyiv"); punctuation and words
 * the model does not know break the chain.
 *
 * The work is the same as looking every token up in turn, but done in stages
 * over chunks of tokens, prefetching what the next stage will read: the hash
 * tables are larger than the caches, and a lookup that waits for memory
 * before the next one starts would make the plugin several times slower.
 */
static size_t score_block(const section_model *m, const galley_token *tokens, size_t first,
                          size_t count, double *loglik)
{
    const size_t labels = m->label_count;
    size_t known = 0;
    int32_t previous = -1;
    double row[SECTION_ROW] = {0}; /* the sums, when there are at most SECTION_ROW labels */
    pending chunk[CHUNK];
    int broken = 1; /* a token that is no term came since the last term (or none came yet) */
    for (size_t t = first, end = first + count; t < end;) {
        /* 1. Terms and their hashes; fetch their slots.  Only terms go on to the next stages,
           each noting whether a token that is no term came before it, so that no stage after
           this one asks which tokens are terms: punctuation comes at random. */
        size_t n = 0;
        for (; t < end && n < CHUNK; t++) {
            pending *p = &chunk[n];
            p->term = section_term_key(&tokens[t], m->stemming, p->buf, &p->length, &p->key);
            if (!p->term) {
                broken = 1;
                continue;
            }
            p->after_break = broken;
            broken = 0;
            p->hash = section_key_hash(p->key, p->length);
            PREFETCH(&m->slots[(size_t)p->hash & m->word_mask]);
            n++;
        }
        /* 2. Probe the slots by tag; fetch the records they point to. */
        for (size_t i = 0; i < n; i++) {
            pending *p = &chunk[i];
            uint32_t tag = (uint32_t)(p->hash >> 32);
            size_t s = (size_t)p->hash & m->word_mask;
            while (m->slots[s].word && m->slots[s].tag != tag)
                s = (s + 1) & m->word_mask;
            p->slot = s;
            if (m->slots[s].word) {
                /* A record of 48 bytes, the shipped model's, lies across two cache lines
                   every other time: fetch both. */
                const unsigned char *w =
                    (const unsigned char *)section_word_record(m, m->slots[s].word - 1);
                PREFETCH(w);
                PREFETCH(w + m->word_stride - 1);
            }
        }
        /* 3. Confirm the words, chain the bigrams, ask the bigram filter about them (a table
           small enough for the cache); fetch the first slot of each pair it lets through.
           Neither the filter's answer nor whether there is a word before is a branch: two
           thirds of the pairs pass the filter, and a guess at which does was lost too often.
           A pair the filter turns away, or a word after a break, reads the zero row instead,
           which is an empty slot (its first eight bytes are 0, which no key is). */
        const unsigned char *empty = (const unsigned char *)(const void *)m->zero_row;
        for (size_t i = 0; i < n; i++) {
            pending *p = &chunk[i];
            p->pair_key = SECTION_NO_PAIR;
            p->pair_hash = 0;
            p->pair = empty;
            p->row = m->zero_row;
            p->feature = 0;
            previous = p->after_break ? -1 : previous;
            p->word = NULL;
            const section_slot *slot = &m->slots[p->slot];
            if (slot->word) {
                const section_word *w = section_word_record(m, slot->word - 1);
                if (section_word_is(w, m->pool, p->key, p->term, p->length))
                    p->word = w;
                else /* two words with the same tag: rare, so the plain lookup does */
                    p->word = section_model_word(m, p->term, p->length, p->key, p->hash);
            }
            if (!p->word) {
                previous = -1;
                continue;
            }
            /* A stop word's row is all zeros: adding it changes no sum. */
            p->row = section_word_logp(p->word);
            p->feature = p->word->feature >= 0;
            /* After a break previous is -1, and the key's first half 0: no bigram's key. */
            uint64_t key = section_pair_key(previous, p->word->id);
            uint64_t hash = section_mix(key);
            int asked = (previous >= 0) & section_pair_maybe(m, hash);
            p->pair_key = key;
            p->pair_hash = hash;
            p->pair = pick(asked, section_pair_slot(m, hash), empty);
            PREFETCH(p->pair);
            PREFETCH(p->pair + m->pair_stride - 1); /* a slot can straddle two cache lines */
            previous = p->word->id;
        }
        /* 4. Add up the evidence.  Every token's row is added, zeros for all but features,
           which spares a branch the processor would often guess wrong; adding +0.0 changes
           no sum (none starts at or reaches -0.0: log-probabilities are below 0).  So is
           the row of the pair's first slot, or zeros when that slot holds another key;
           only a slot that holds another pair sends the probe on, which is rarer. */
        for (size_t i = 0; i < n; i++) {
            const pending *p = &chunk[i];
            uint64_t k;
            memcpy(&k, p->pair, sizeof k);
            int hit = k == p->pair_key;
            const float *lp = hit ? (const float *)(const void *)(p->pair + sizeof k) : m->zero_row;
            add_row(row, loglik, p->row, labels);
            add_row(row, loglik, lp, labels);
            known += p->feature + (size_t)hit;
            if (!hit && k != 0) {
                lp = section_model_pair_next(m, p->pair_key, p->pair_hash);
                if (lp) {
                    add_row(row, loglik, lp, labels);
                    known++;
                }
            }
        }
    }
    if (labels <= SECTION_ROW)
        for (size_t l = 0; l < labels; l++)
            loglik[l] += row[l];
    return known;
}

/*
 * The index of the largest of n values (the first of equals): a block's or
 * the document's best label.  Its term in a sum of exp(v[i] - top) is
 * exp(0), exactly 1, so the two functions below add 1 for it rather than
 * call exp(): the same sum to the last bit, one call fewer out of three per
 * block and pass.
 */
static size_t top_of(const double *v, size_t n)
{
    size_t top = 0;
    for (size_t i = 1; i < n; i++)
        if (v[i] > v[top])
            top = i;
    return top;
}

/* Turns log-weights into probabilities in place (subtracting the maximum keeps exp() finite). */
static void normalise_log(double *v, size_t n)
{
    size_t at = top_of(v, n);
    double top = v[at], sum = 0;
    for (size_t i = 0; i < n; i++) {
        v[i] = i == at ? 1.0 : exp(v[i] - top);
        sum += v[i];
    }
    for (size_t i = 0; i < n; i++)
        v[i] /= sum;
}

/*
 * Characters, not bytes, so that shares mean the same in Cyrillic and in
 * English: the bytes that are not UTF-8 continuation bytes (10xxxxxx),
 * counted eight at a time.
 */
static size_t utf8_chars(const char *s, size_t n)
{
    size_t continuation = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, sizeof v);
        /* bit 0 of each byte: its top bit set and the next one clear */
        uint64_t c = (v >> 7) & ~(v >> 6) & 0x0101010101010101ull;
        continuation += (size_t)((c * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        continuation += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - continuation;
}

/*
 * A heading: a block of at most HEADING_CHARS characters with no mark that
 * ends a sentence and no quotation ("Fleece at a loss", "Race day"), which
 * on news pages introduces the paragraphs after it.
 */
static int is_heading(const galley_token *tokens, const galley_block *bl, size_t chars)
{
    if (chars > HEADING_CHARS)
        return 0;
    for (size_t t = bl->first_token, end = t + bl->token_count; t < end; t++)
        if (tokens[t].flags & (GALLEY_TOKEN_SENTENCE_END | GALLEY_TOKEN_QUOTE_OPEN))
            return 0;
    return 1;
}

/* Per-document working memory, one allocation; freed at the end of process(). */
typedef struct work {
    size_t count;     /* blocks in scope */
    size_t *block;    /* [count] block index */
    size_t *chars;    /* [count] */
    size_t *known;    /* [count] features the model knew */
    int *label;       /* [count] chosen label, -1 for the fallback when it is not a model label */
    int *confident;   /* [count] 1 when the label is the model's own choice, not the fallback */
    int *heading;     /* [count] 1 for a heading (is_heading) */
    double *loglik;   /* [count * labels] log-likelihood of the block alone, over the temperature */
    double *alone;    /* [count * labels] posterior of the block alone */
    double *keep;     /* [count] log of the probability that block i keeps its predecessor's
                         section (-INFINITY for the first block, and for stay 0) */
    double *start;    /* [count * labels] log of the probability that block i starts each
                         section afresh: log(1 - rho_i) + log of the fresh-start distribution */
    double *forward;  /* [count * labels] log P(section of i, blocks 0..i), normalised per block */
    double *backward; /* [count * labels] log P(blocks i+1.. | section of i), normalised */
    double *post;     /* [count * labels] posterior given the whole body */
    double *prior;    /* [labels] the model's prior, as probabilities */
    double *body;     /* [labels] length-weighted sum of the standalone posteriors */
    double *mean;     /* [labels] length-weighted sum of the posteriors in context */
    double *sum;      /* [labels] scratch: the terms of a sum over sections */
    void *memory;
} work;

static int work_alloc(work *w, size_t count, size_t labels)
{
    memset(w, 0, sizeof *w);
    size_t n = count ? count : 1;
    size_t bytes =
        ((6 * n + 4) * labels + n) * sizeof(double) + n * (3 * sizeof(size_t) + 3 * sizeof(int));
    /* Doubles first, then size_t, then int, so that every array stays aligned. */
    char *mem = calloc(1, bytes);
    if (!mem)
        return -1;
    w->memory = mem;
    w->count = count;
    w->loglik = (double *)mem;
    w->alone = w->loglik + n * labels;
    w->start = w->alone + n * labels;
    w->forward = w->start + n * labels;
    w->backward = w->forward + n * labels;
    w->post = w->backward + n * labels;
    w->prior = w->post + n * labels;
    w->body = w->prior + labels;
    w->mean = w->body + labels;
    w->sum = w->mean + labels;
    w->keep = w->sum + labels;
    w->block = (size_t *)(w->keep + n);
    w->chars = w->block + n;
    w->known = w->chars + n;
    w->label = (int *)(w->known + n);
    w->confident = w->label + n;
    w->heading = w->confident + n;
    return 0;
}

/* log(e^a + e^b) without overflow; either may be -INFINITY (a term that is not there). */
static double log_add(double a, double b)
{
    if (a < b) {
        double t = a;
        a = b;
        b = t;
    }
    return b == -INFINITY ? a : a + log1p(exp(b - a));
}

/* log of the sum of e^v[i], without overflow; at least one v[i] must be finite. */
static double log_sum(const double *v, size_t n)
{
    size_t at = top_of(v, n);
    double top = v[at], sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += i == at ? 1.0 : exp(v[i] - top);
    return top + log(sum);
}

/*
 * The transitions into every block, as logarithms (w->keep and w->start).
 *
 * Block i keeps the section of block i - 1 with probability
 * rho_i = stay^(chars_i / STAY_CHARS): the longer a block, the more room it
 * has to turn to something else, and the more evidence it carries to show
 * that it did; a short quote has neither.  Otherwise it draws a section from
 * a mix of what the rest of the body is about (the length-weighted
 * standalone posteriors of the other blocks: block i's own are left out so
 * that its evidence is never counted twice) and the model's prior, in the
 * share the context option gives.  The prior's share, at least
 * 1 - MAX_CONTEXT, keeps every label possible, and stay <= MAX_STAY keeps
 * 1 - rho_i above 0, so every log here is of a positive number.
 */
static void transitions(const section_state *s, work *w, double body_weight)
{
    const size_t labels = s->model.label_count;
    for (size_t i = 0; i < w->count; i++) {
        double log_keep = -INFINITY, log_fresh = 0;
        if (i > 0) {
            size_t chars = w->chars[i] ? w->chars[i] : 1;
            /* A heading opens what follows it: a turn there is as likely as at the start
               of the paragraph it introduces, and carries that paragraph's weight. */
            if (w->heading[i] && i + 1 < w->count)
                chars += w->chars[i + 1];
            double computed[2];
            const double *kept = computed;
            if (chars <= KEEP_TABLE)
                kept = s->keep_table[chars - 1];
            else
                keep_of(s->stay, chars, computed);
            log_keep = kept[0];
            log_fresh = kept[1];
        }
        w->keep[i] = log_keep;
        double mine = w->known[i] ? (double)w->chars[i] : 0;
        double rest = body_weight - mine;
        for (size_t l = 0; l < labels; l++) {
            double body = w->prior[l];
            if (rest > 0) {
                body = (w->body[l] - mine * w->alone[i * labels + l]) / rest;
                body = body > 0 ? body : 0; /* rounding can leave a hair below zero */
            }
            w->start[i * labels + l] =
                log_fresh + log(s->context * body + (1 - s->context) * w->prior[l]);
        }
    }
}

/*
 * Forward-backward over the blocks in scope, in log space so that no product
 * of many small probabilities underflows: w->post[i] becomes the probability
 * of each section for block i given every block of the body.  A transition
 * is "keep the section" or "start afresh" (transitions() above), so each
 * step costs O(labels) rather than O(labels^2).  The emissions are the
 * blocks' likelihoods alone (w->loglik), which already carry the
 * temperature.  Both passes are loops over the blocks: the input controls no
 * recursion.
 */
static void decode(const section_state *s, work *w, double body_weight)
{
    const size_t labels = s->model.label_count, n = w->count;
    transitions(s, w, body_weight);
    for (size_t i = 0; i < n; i++) {
        const double *ll = w->loglik + i * labels, *start = w->start + i * labels;
        double *f = w->forward + i * labels;
        for (size_t l = 0; l < labels; l++) {
            double kept = i > 0 ? w->keep[i] + w->forward[(i - 1) * labels + l] : -INFINITY;
            f[l] = log_add(kept, start[l]) + ll[l];
        }
        double z = log_sum(f, labels);
        for (size_t l = 0; l < labels; l++)
            f[l] -= z;
    }
    for (size_t i = n; i-- > 0;) {
        double *b = w->backward + i * labels;
        if (i + 1 == n) {
            for (size_t l = 0; l < labels; l++)
                b[l] = 0;
            continue;
        }
        /* What follows block i, through block i + 1 kept or started afresh. */
        const double *next = w->backward + (i + 1) * labels;
        const double *ll = w->loglik + (i + 1) * labels, *start = w->start + (i + 1) * labels;
        for (size_t l = 0; l < labels; l++)
            w->sum[l] = start[l] + ll[l] + next[l];
        double fresh = log_sum(w->sum, labels);
        for (size_t l = 0; l < labels; l++)
            b[l] = log_add(w->keep[i + 1] + ll[l] + next[l], fresh);
        double z = log_sum(b, labels);
        for (size_t l = 0; l < labels; l++)
            b[l] -= z;
    }
    for (size_t i = 0; i < n; i++) {
        double *p = w->post + i * labels;
        for (size_t l = 0; l < labels; l++)
            p[l] = w->forward[i * labels + l] + w->backward[i * labels + l];
        normalise_log(p, labels);
    }
}

static const char *label_name(const section_state *s, int label)
{
    return label >= 0 ? s->model.labels[label] : s->fallback;
}

/*
 * Reports each run of at least shift_blocks consecutive blocks in scope whose
 * label is not the document's.  Blocks that fell back for want of evidence
 * end a run: they are not a change of subject, only an absence of one.
 */
static int report_shifts(const section_state *s, const work *w, galley_doc *doc, int doc_label)
{
    const int *confident = w->confident;
    const galley_block *blocks = galley_doc_blocks(doc);
    const size_t labels = s->model.label_count;
    size_t i = 0;
    while (i < w->count) {
        int label = w->label[i];
        if (!confident[i] || label == doc_label) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < w->count && confident[j] && w->label[j] == label)
            j++;
        if (j - i >= s->shift_blocks) {
            double p = 0;
            for (size_t k = i; k < j; k++)
                p += w->post[k * labels + (size_t)label];
            p /= (double)(j - i);
            const galley_block *first = &blocks[w->block[i]], *last = &blocks[w->block[j - 1]];
            int line_end, column;
            galley_doc_line_column(doc, last->end ? last->end - 1 : 0, &line_end, &column);
            const char *after =
                j < w->count ? "then the body returns to" : "until the end of the body";
            const char *back = j < w->count ? label_name(s, w->label[j]) : "";
            int rc = galley_doc_add_finding(
                doc, "topic-shift", GALLEY_INFO, first->start, last->end,
                "the body changes section from %s to %s over %zu blocks (blocks %zu-%zu, lines "
                "%u-%d, mean p %.2f), %s%s%s; the story as a whole is %s. Check that the turn "
                "belongs in this story, or give it its own piece",
                label_name(s, doc_label), label_name(s, label), j - i, w->block[i], w->block[j - 1],
                first->line, line_end, p, after, back[0] ? " " : "", back,
                label_name(s, doc_label));
            if (rc != GALLEY_OK)
                return rc;
        }
        i = j;
    }
    return GALLEY_OK;
}

static int section_process(const void *state, galley_doc *doc, galley_error *err)
{
    const section_state *s = state;
    const section_model *m = &s->model;
    const size_t labels = m->label_count;
    const galley_block *blocks = galley_doc_blocks(doc);
    const galley_token *tokens = galley_doc_tokens(doc);
    size_t length;
    const char *text = galley_doc_text(doc, &length);
    size_t nblocks = galley_doc_block_count(doc);
    work w;
    if (work_alloc(&w, galley_doc_scope_count(doc), labels) != 0)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    double *body = w.body, *mean = w.mean;
    for (size_t l = 0; l < labels; l++)
        w.prior[l] = exp(m->log_prior[l]);

    /* 1. Every block alone, and the body's length-weighted sum of those posteriors. */
    double body_weight = 0;
    size_t i = 0;
    for (size_t b = 0; b < nblocks && i < w.count; b++) {
        if (!galley_doc_in_scope(doc, b))
            continue;
        const galley_block *bl = &blocks[b];
        double *ll = w.loglik + i * labels, *alone = w.alone + i * labels;
        w.block[i] = b;
        w.chars[i] = utf8_chars(text + bl->start, bl->end - bl->start);
        w.known[i] = score_block(m, tokens, bl->first_token, bl->token_count, ll);
        w.heading[i] = is_heading(tokens, bl, w.chars[i]);
        for (size_t l = 0; l < labels; l++) {
            ll[l] /= m->temperature; /* calibrated: naive Bayes alone is far too sure */
            alone[l] = m->log_prior[l] + ll[l];
        }
        normalise_log(alone, labels);
        if (w.known[i]) {
            body_weight += (double)w.chars[i];
            for (size_t l = 0; l < labels; l++)
                body[l] += (double)w.chars[i] * alone[l];
        }
        i++;
    }
    w.count = i;

    /* 2. The body as a sequence: each block's posterior given all the others. */
    decode(s, &w, body_weight);
    double doc_weight = 0;
    int rc = GALLEY_OK;
    for (i = 0; i < w.count && rc == GALLEY_OK; i++) {
        const double *post = w.post + i * labels;
        size_t best = top_of(post, labels);
        double p;
        if (w.known[i] && post[best] >= s->min_confidence) {
            w.label[i] = (int)best;
            p = post[best];
            w.confident[i] = 1;
        } else {
            w.label[i] = s->fallback_label;
            p = s->fallback_label >= 0 ? post[s->fallback_label] : 0.0;
        }
        if (w.known[i]) {
            doc_weight += (double)w.chars[i];
            for (size_t l = 0; l < labels; l++)
                mean[l] += (double)w.chars[i] * post[l];
        }
        if (galley_doc_set_string(doc, w.block[i], "section", label_name(s, w.label[i])) != 0 ||
            galley_doc_set_number(doc, w.block[i], "section_p", p) != 0)
            rc = galley_error_set(err, GALLEY_EPLUGIN, "cannot set the section of block %zu",
                                  w.block[i]);
    }

    /* 3. The document: the best label of the body's character-weighted posterior. */
    int doc_label = s->fallback_label, doc_confident = 0;
    double doc_p = 0;
    if (rc == GALLEY_OK && doc_weight > 0) {
        for (size_t l = 0; l < labels; l++)
            mean[l] /= doc_weight;
        size_t best = top_of(mean, labels);
        if (mean[best] >= s->min_confidence) {
            doc_label = (int)best;
            doc_p = mean[best];
            doc_confident = 1;
        } else {
            doc_p = s->fallback_label >= 0 ? mean[s->fallback_label] : 0.0;
        }
    }
    json_t *result = galley_doc_result(doc);
    json_t *shares = rc == GALLEY_OK ? json_object() : NULL;
    double total_chars = 0;
    for (i = 0; i < w.count; i++)
        total_chars += (double)w.chars[i];
    if (shares) {
        /* [label], then the fallback when it is no label of the model; added in block order */
        double share[MAX_LABELS + 1] = {0};
        assert(labels <= MAX_LABELS);
        for (i = 0; i < w.count && total_chars > 0; i++)
            share[w.label[i] >= 0 ? (size_t)w.label[i] : labels] +=
                (double)w.chars[i] / total_chars;
        int failed = 0;
        for (size_t l = 0; l < labels; l++)
            failed |= json_object_set_new(shares, m->labels[l], json_real(share[l]));
        if (s->fallback_label < 0)
            failed |= json_object_set_new(shares, s->fallback, json_real(share[labels]));
        /* json_object_set_new takes the reference to shares whether or not it succeeds. */
        if (failed) {
            json_decref(shares);
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        } else if (json_object_set_new(result, "shares", shares) ||
                   json_object_set_new(result, "label", json_string(label_name(s, doc_label))) ||
                   json_object_set_new(result, "p", json_real(doc_p)) ||
                   json_object_set_new(result, "blocks", json_integer((json_int_t)w.count))) {
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        }
    } else if (rc == GALLEY_OK) {
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    /* A shift is a departure from the story's section, so it needs a story with one. */
    if (rc == GALLEY_OK && doc_confident && (rc = report_shifts(s, &w, doc, doc_label)) != 0)
        rc = galley_error_set(err, rc == GALLEY_ENOMEM ? GALLEY_ENOMEM : GALLEY_EPLUGIN,
                              "cannot record a topic-shift finding");
    free(w.memory);
    return rc;
}

static const galley_field section_attributes[] = {
    {"section", GALLEY_TYPE_STRING,
     "the block's section: one of the model's labels, or the fallback label when the model is "
     "not sure"},
    {"section_p", GALLEY_TYPE_NUMBER,
     "the probability of that section, 0 to 1, given the whole body (the block's neighbours "
     "and the sections of the rest of the story)"},
    {NULL, 0, NULL}};

static const galley_field section_results[] = {
    {"label", GALLEY_TYPE_STRING,
     "the document's section: the main subject of the body, weighted by characters"},
    {"p", GALLEY_TYPE_NUMBER, "the probability of that label for the body as a whole"},
    {"shares", GALLEY_TYPE_OBJECT,
     "the share of the body's characters in blocks of each label (they sum to 1)"},
    {"blocks", GALLEY_TYPE_NUMBER, "blocks classified (the blocks in scope)"},
    {NULL, 0, NULL}};

static const galley_option section_options[] = {
    {"model", GALLEY_TYPE_PATH, "model.txt",
     "the trained model (plain text, written by `galley train section`); its labels are the "
     "labels this step gives"},
    {"smoothing", GALLEY_TYPE_NUMBER, "0.1",
     "additive (Lidstone) smoothing of the word counts, above 0 and at most 100: small values "
     "trust rare words more, large values make every block look more like the model's prior "
     "(training calibrates the model's temperature with this value too)"},
    {"min_confidence", GALLEY_TYPE_NUMBER, "0.5",
     "0 to 1: a block or document whose best label is less probable than this gets the "
     "fallback label instead"},
    {"stay", GALLEY_TYPE_NUMBER, "0.93",
     "0 to 0.99: how sticky a section is from one block to the next. It is the probability that "
     "a block of 200 characters (a short paragraph) keeps the section of the block before it; a "
     "block n times as long keeps it with probability stay^n, so a one-line quote follows its "
     "story while a long paragraph can turn to another subject on its own, and a run of several "
     "blocks about another subject holds together. 0 judges every block without its neighbours"},
    {"context", GALLEY_TYPE_NUMBER, "0.8",
     "0 to 0.99: when a block does not keep its predecessor's section, the share of its prior "
     "that is the mix of sections the rest of the body is about (weighted by length); the rest "
     "is the model's own prior. 0 ignores the rest of the body. With stay 0 and context 0 every "
     "block is judged alone"},
    {"shift_blocks", GALLEY_TYPE_NUMBER, "2",
     "1 to 1000: the fewest consecutive blocks of another section that make a topic-shift "
     "finding"},
    {"fallback", GALLEY_TYPE_STRING, "other",
     "the label of blocks the model is not sure about, and of blocks with no word it knows"},
    {"stopwords", GALLEY_TYPE_PATH, "stopwords.txt",
     "training only: words that are no feature on their own, one per line (they still join the "
     "bigrams around them); the trained model keeps its own copy, so a change needs a retrain"},
    {"stemming", GALLEY_TYPE_BOOL, "true",
     "training only: strip common English suffixes (-s, -ed, -ing, -ies) so that word forms "
     "share their evidence; the model records the choice and classification follows it"},
    {"min_count", GALLEY_TYPE_NUMBER, "1",
     "training only, 1 to 1000: features seen fewer times than this in the training set are "
     "left out of the model"},
    {NULL, 0, NULL, NULL}};

static const char *const section_rules[] = {
    "topic-shift: the body turns to another section for a run of blocks (a fashion story that "
    "turns to an air raid, a war report followed by lifestyle paragraphs); says from what to "
    "what and over which blocks",
    NULL};

static const galley_plugin section_plugin = {
    GALLEY_PLUGIN_HEADER,
    .name = "section",
    .version = "1.1.0",
    .summary = "Section of each block and of the story (war, lifestyle, other) and topic shifts",
    .license = "MIT",
    .description =
        "Labels each block in scope with a section and a probability, and the document with "
        "the main subject of its body. The labels are those of the model, a multinomial naive "
        "Bayes over case-folded unigrams and bigrams trained with `galley train section DIR "
        "-o MODEL` from a directory of labelled paragraphs (DIR/LABEL/*.txt), so a newsroom can "
        "train its own sections. The body is read as a sequence whose section is sticky (a "
        "hidden Markov model decoded by forward-backward): a one-line quote follows its story, "
        "a long paragraph can change the subject on its own, and a run of blocks about "
        "another subject holds together. A run of blocks of "
        "another section is reported as a topic-shift finding. Run it after a boilerplate step "
        "with scope {\"boilerplate\": false} so that teasers and menus do not count.",
    .attributes = section_attributes,
    .results = section_results,
    .options = section_options,
    .rules = section_rules,
    .create = section_create,
    .process = section_process,
    .destroy = section_destroy,
    .train = section_train,
};

GALLEY_PLUGIN_DEFINE(section_plugin)
