/*
 * score.c -- scores one sentence: finds the lexicon's terms by longest match
 * over the core's tokens and applies the rules that change their valence.
 *
 * The rules follow the published account of VADER (Hutto and Gilbert,
 * 2014), adapted to news prose and to data-driven word lists
 * (data/modifiers.tsv):
 *
 *   - a negator multiplies the valence of the words in its scope (the next
 *     negation_scope words, ended early by punctuation, a contrast word or
 *     a word that opens a clause);
 *   - boosters and dampeners scale the next valenced word within three words;
 *   - a word in capitals inside a sentence that is not all capitals gains
 *     emphasis, and so does a sentence with exclamation marks;
 *   - a contrast word shifts weight to what follows it, a concessive clause
 *     gives weight to the rest of the sentence;
 *   - hedges weaken the whole sentence, sarcasm markers turn its praise;
 *   - multi-word terms win over their words, so an expression that contains
 *     a negator ("no problem") is scored as the expression, not negated;
 *   - a word with a tone but no valence lends itself one from its tone.
 *
 * The sum is normalised to [-1, 1] with sum / sqrt(sum^2 + alpha), separately
 * for the words inside and outside quotation marks as well as for the whole.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sentiment.h"

/* Emphasis of a word in capitals, and of each exclamation mark (at most four). */
#define SEN_CAPS_EMPHASIS 0.733
#define SEN_EXCLAIM_EMPHASIS 0.292
#define SEN_EXCLAIM_MAX 4
/* A booster written in capitals boosts half as much again. */
#define SEN_CAPS_BOOST 1.5
/* Boosters reach this many words; their effect shrinks by 5% per word of distance. */
#define SEN_BOOST_REACH 3
/* How much a peak ("never been better") adds to the comparative. */
#define SEN_PEAK_BOOST 1.25
/* Hedges never weaken a sentence below this share. */
#define SEN_HEDGE_FLOOR 0.2

/* Slots rather than entries: a term with a valence alone is scored from
   its slot, and its entry is never read. */
typedef struct match {
    const sen_slot *value; /* longest term with a valence or a modifier role */
    size_t value_words;
    const sen_slot *tone; /* longest term with tone weights */
    size_t tone_words;
} match;

/* What a word in no list adds to the lexical sums: nothing. */
static const sen_slot no_slot;

/* Sentences of up to this many tokens keep their words' keys on the stack. */
#define SEN_LOCAL_KEYS 128

/*
 * The first pass over a sentence: every token's head and hash into keys
 * (indexed from the sentence's first token), and a prefetch of its slot.
 * Nearly every word of an article is in the table, and its slot is seldom in
 * cache after the steps before this one; asked for a sentence at a time, the
 * slots arrive together instead of one miss after another in the scoring
 * loop.  Numbers and punctuation are hashed and their slots fetched too, and
 * so are the words the filter would turn away, uselessly but without a
 * branch: whether a token is a word, and whether the filter knows it, were
 * two guesses the processor lost often enough to cost more than the loads.
 * The scoring loop reads the keys of words alone.
 */
static void hash_words(const sen_table *table, const galley_token *tokens, size_t first,
                       size_t past, sen_word_key *keys)
{
    for (size_t i = first; i < past; i++) {
        const galley_token *tok = &tokens[i];
        uint64_t head = sen_fold_head(tok->fold, tok->fold_len);
        uint64_t h = sen_fold_hash(tok->fold, tok->fold_len, head);
        keys[i - first].head = head;
        keys[i - first].hash = h;
#if defined(__GNUC__)
        __builtin_prefetch(&table->slots[(uint32_t)h & table->slot_mask]);
#else
        (void)table;
#endif
    }
}

/* Room for the keys of a sentence of n tokens: local when it is big enough, else scratch's. */
static sen_word_key *keys_for(sen_scratch *scratch, size_t n, sen_word_key *local)
{
    if (n <= SEN_LOCAL_KEYS)
        return local;
    if (n > scratch->key_capacity) {
        sen_word_key *keys = realloc(scratch->keys, n * sizeof *keys);
        if (!keys)
            return NULL;
        scratch->keys = keys;
        scratch->key_capacity = n;
    }
    return scratch->keys;
}

/*
 * The first sixteen bytes of a term being extended, zero-padded: what a
 * slot's head and tail hold.  Bytes past the sixteenth fall away.
 */
typedef struct term_key {
    char bytes[16];
    size_t len; /* of the whole term */
} term_key;

static inline void key_start(term_key *key, const galley_token *word)
{
    memset(key->bytes, 0, sizeof key->bytes);
    size_t n = word->fold_len < 16 ? word->fold_len : 16;
    memcpy(key->bytes, word->fold, n);
    key->len = word->fold_len;
}

/* Extends the term by a space and word. */
static inline void key_extend(term_key *key, const galley_token *word)
{
    size_t at = key->len;
    if (at < 16)
        key->bytes[at] = ' ';
    for (size_t k = 0; k < word->fold_len && at + 1 + k < 16; k++)
        key->bytes[at + 1 + k] = word->fold[k];
    key->len += 1 + word->fold_len;
}

static inline uint64_t key_head(const term_key *key)
{
    return sen_head(key->bytes, key->len < 8 ? key->len : 8);
}

static inline uint64_t key_tail(const term_key *key)
{
    return key->len > 8 ? sen_head(key->bytes + 8, key->len < 16 ? key->len - 8 : 8) : 0;
}

/* Whether key holds the folds of tokens[i .. i + words) joined by single spaces. */
static int same_words(const char *key, const galley_token *tokens, size_t i, size_t words)
{
    for (size_t w = 0; w < words; w++) {
        const galley_token *t = &tokens[i + w];
        if (w > 0 && *key++ != ' ')
            return 0;
        if (!sen_same_bytes(key, t->fold, t->fold_len))
            return 0;
        key += t->fold_len;
    }
    return 1;
}

/*
 * sen_table_probe for the words tokens[i .. i + words) joined by spaces
 * (hash full, first bytes in key), compared with the table's terms without
 * building the joined string: a term of up to sixteen bytes is settled by
 * the slot alone.
 */
static const sen_slot *probe_words(const sen_table *table, uint64_t full, const term_key *key,
                                   const galley_token *tokens, size_t i, size_t words)
{
    uint32_t h = (uint32_t)full;
    size_t len = key->len;
    uint32_t want = (uint32_t)(len < 63 ? len : 63);
    uint64_t head = key_head(key), tail = key_tail(key);
    for (size_t at = h & table->slot_mask;; at = (at + 1) & table->slot_mask) {
        const sen_slot *slot = &table->slots[at];
        if (slot->packed == 0)
            return NULL;
        if (slot->head != head || slot->tail != tail || slot->packed >> 26 != want)
            continue;
        if (len <= 16)
            return slot;
        const sen_entry *e = sen_slot_entry(table, slot);
        if (e->key_len == len && same_words(table->pool + e->key, tokens, i, words))
            return slot;
    }
}

/*
 * Finds the longest terms starting at token i, whose key is keys[0] and
 * whose own slot (the one-word term) is slot (keys[k] is token i + k's):
 * the term is extended one word at a time, joined with single spaces, for
 * as long as the table says a longer term exists.  Only consecutive word
 * tokens join, so a term never spans punctuation.
 */
static void longest_match(const sen_table *table, const galley_token *tokens, size_t i, size_t past,
                          const sen_word_key *keys, const sen_slot *slot, match *m)
{
    uint64_t h = keys[0].hash;
    term_key key;
    for (size_t k = 1; slot; k++) {
        unsigned flags = sen_slot_flags(slot);
        if (flags & (SEN_HAS_VALENCE | SEN_HAS_MODIFIER)) {
            m->value = slot;
            m->value_words = k;
        }
        if (flags & SEN_HAS_TONE) {
            m->tone = slot;
            m->tone_words = k;
        }
        if (!(flags & SEN_IS_PREFIX) || k == SEN_MAX_WORDS || i + k >= past)
            break;
        const galley_token *next = &tokens[i + k];
        if (next->kind != GALLEY_TOKEN_WORD)
            break;
        /* Most extensions fail; the filter of longer terms says so first. */
        h = sen_hash_extend(h, keys[k].hash);
        if (!sen_table_may_have_multi(table, h))
            break;
        if (k == 1)
            key_start(&key, &tokens[i]);
        if (key.len + 1 + next->fold_len >= SEN_MAX_TERM)
            break;
        key_extend(&key, next);
        slot = probe_words(table, h, &key, tokens, i, k + 1);
    }
}

/*
 * don't, wasn't, can't: every contraction with n't negates.  Asked of most
 * words, so compared without a branch: the fold's last three bytes and the
 * NUL that ends it against "n't" and its NUL, four bytes at once.  A fold of
 * fewer than three bytes is read from its start instead (GALLEY_FOLD_PADDING
 * makes that safe), and its NUL then falls where "n't" has a letter.
 */
static inline int ends_in_nt(const galley_token *tok)
{
    static const char nt[4] = "n't";
    size_t n = tok->fold_len;
    const char *last = tok->fold + ((n - 3) & ((size_t)0 - (size_t)(n >= 3)));
    uint32_t have, want;
    memcpy(&have, last, 4);
    memcpy(&want, nt, 4);
    return have == want;
}

/*
 * Capitals are emphasis only against lower case: a headline set in capitals
 * shouts every word, which says nothing about any one of them.  Asked only
 * when a word in capitals turns up, which is rare.
 */
static int has_lower_case_word(const galley_token *tokens, size_t first, size_t past)
{
    for (size_t i = first; i < past; i++)
        if (tokens[i].kind == GALLEY_TOKEN_WORD && !(tokens[i].flags & GALLEY_TOKEN_ALL_CAPS) &&
            tokens[i].end - tokens[i].start > 1)
            return 1;
    return 0;
}

/*
 * The valence a tone lends a word that has none: hope and joy lean
 * positive, anger, fear, sadness and fatigue negative, irony neither.
 */
static double tone_valence(const float *w, double scale)
{
    static const double sign[SEN_DIMENSIONS] = {-1, -1, -1, 1, 1, 0, -0.7};
    double v = 0;
    for (int d = 0; d < SEN_DIMENSIONS; d++)
        v += sign[d] * w[d];
    v *= scale;
    return v < -4 ? -4 : v > 4 ? 4 : v;
}

static double normalise(double sum, double alpha)
{
    if (sum == 0)
        return 0;
    double v = sum / sqrt(sum * sum + alpha);
    return v < -1 ? -1 : v > 1 ? 1 : v;
}

static int push_item(sen_scratch *scratch, size_t n)
{
    if (n < scratch->capacity)
        return 0;
    size_t cap = scratch->capacity ? scratch->capacity * 2 : 64;
    sen_item *items = realloc(scratch->items, cap * sizeof *items);
    if (!items)
        return -1;
    scratch->items = items;
    scratch->capacity = cap;
    return 0;
}

void sen_scratch_free(sen_scratch *scratch)
{
    free(scratch->items);
    free(scratch->keys);
    free(scratch->seen);
    memset(scratch, 0, sizeof *scratch);
}

void sen_scratch_next_block(sen_scratch *scratch)
{
    if (++scratch->generation > UINT8_MAX) { /* wrapped: forget the old blocks for good */
        if (scratch->seen)
            memset(scratch->seen, 0, scratch->seen_count * sizeof *scratch->seen);
        scratch->generation = 1;
    }
}

/* Room to mark every entry of the table as met (sen_scratch.seen). */
static int seen_ready(sen_scratch *scratch, const sen_table *table)
{
    if (scratch->generation == 0)
        scratch->generation = 1; /* no sen_scratch_next_block yet: one block */
    if (scratch->seen && scratch->seen_count > table->entry_count)
        return 0;
    uint8_t *seen = calloc(table->entry_count + 1, sizeof *seen);
    if (!seen)
        return -1;
    free(scratch->seen);
    scratch->seen = seen;
    scratch->seen_count = table->entry_count + 1;
    return 0;
}

/* Punctuation that closes a concessive clause. */
static int ends_clause(const char *text, const galley_token *tok)
{
    unsigned char c = (unsigned char)text[tok->start];
    if (c == ',' || c == ';' || c == ':')
        return 1;
    /* en and em dashes (E2 80 93, E2 80 94) set off clauses in news prose */
    return c == 0xE2 && tok->end - tok->start == 3 && (unsigned char)text[tok->start + 1] == 0x80 &&
           ((unsigned char)text[tok->start + 2] == 0x93 ||
            (unsigned char)text[tok->start + 2] == 0x94);
}

int sen_score_sentence(const sen_table *table, const sen_params *params, const galley_doc *doc,
                       size_t s, sen_scratch *scratch, sen_sentence_score *out)
{
    const galley_sentence *sentence = &galley_doc_sentences(doc)[s];
    const galley_token *tokens = galley_doc_tokens(doc);
    const char *text = galley_doc_text(doc, NULL);
    size_t first = sentence->first_token, past = first + sentence->token_count;
    memset(out, 0, sizeof *out);

    sen_word_key local[SEN_LOCAL_KEYS];
    sen_word_key *keys = keys_for(scratch, past - first, local);
    if (!keys)
        return GALLEY_ENOMEM;
    hash_words(table, tokens, first, past, keys);
    size_t quoted_words = 0;
    int caps_emphasis = -1; /* not yet known */

    double neg_factor = 1;
    int neg_left = 0, neg_peak = 0;
    double boost = 0;
    int boost_left = 0;
    int copula_before = 0, additive = 0;
    size_t contrast_at = SIZE_MAX;
    double contrast_weight = 0;
    size_t concession_start = SIZE_MAX, concession_end = SIZE_MAX;
    double concession_weight = 0;
    int concession_open = 0;
    double hedge = 1, sarcasm = 0;
    unsigned exclaim[2] = {0, 0};
    size_t value_skip = first, tone_skip = first;
    size_t n = 0;
    float not_weight = sen_table_not_weight(table);
    int lexical = table->lexical_count > 0, distinct = table->distinct != NULL;
    if (distinct && seen_ready(scratch, table) != 0)
        return GALLEY_ENOMEM;
    /* Held in locals: a store through seen (bytes) could alias anything, and
       would make the compiler read these again after every word. */
    uint8_t *seen = scratch->seen, generation = (uint8_t)scratch->generation;
    const float(*distinct_weights)[2] = table->distinct;
    double distinct_negative = 0, distinct_positive = 0;
    double lexical_negative = 0, lexical_positive = 0;

    for (size_t i = first; i < past; i++) {
        const galley_token *tok = &tokens[i];
        int quoted = (tok->flags & GALLEY_TOKEN_QUOTED) != 0;
        if (tok->kind == GALLEY_TOKEN_PUNCTUATION) {
            if (text[tok->start] == '!' || text[tok->start] == '?') /* "!!!", "?!" */
                for (uint32_t b = tok->start; b < tok->end; b++)
                    exclaim[quoted] += text[b] == '!';
            /* Punctuation ends the reach of a negation or a booster: "not
               only that, it was good" does not negate "good". */
            neg_left = 0;
            boost_left = 0;
            copula_before = 0;
            if (concession_open && ends_clause(text, tok)) {
                concession_end = n;
                concession_open = 0;
            }
            continue;
        }
        if (tok->kind != GALLEY_TOKEN_WORD) {
            out->numbers += tok->kind == GALLEY_TOKEN_NUMBER;
            continue;
        }
        out->words++;
        quoted_words += (size_t)quoted;
        if ((tok->flags & GALLEY_TOKEN_ALL_CAPS) && caps_emphasis < 0)
            caps_emphasis = has_lower_case_word(tokens, first, past);
        int in_value = i >= value_skip, in_tone = i >= tone_skip;
        match m = {NULL, 0, NULL, 0};
        /* A word inside a longer term is looked up too when the model has a
           lexical component, which counts every word on its own. */
        if (in_value || in_tone || lexical) {
            const sen_word_key *key = &keys[i - first];
            uint64_t h = key->hash;
            const sen_slot *slot =
                sen_table_may_have(table, h)
                    ? sen_table_probe_fold(table, h, key->head, tok->fold, tok->fold_len)
                    : NULL;
            unsigned flags = slot ? sen_slot_flags(slot) : 0;
            /* Every slot holds its term's lexical log-odds, 0 for a term
               outside the lexical component: added without a branch, which
               half of the words would take and half not. */
            const sen_slot *lexical_slot = slot ? slot : &no_slot;
            lexical_negative += lexical_slot->lexical[0];
            lexical_positive += lexical_slot->lexical[1];
            if (distinct && (flags & SEN_HAS_LEXICAL)) {
                /* A word's distinct-word weights count once per block. */
                uint32_t index = slot->packed & SEN_SLOT_INDEX_MASK;
                if (seen[index] != generation) {
                    seen[index] = generation;
                    distinct_negative += distinct_weights[index][0];
                    distinct_positive += distinct_weights[index][1];
                }
            }
            if ((in_value || in_tone) &&
                (flags & (SEN_HAS_VALENCE | SEN_HAS_TONE | SEN_HAS_MODIFIER | SEN_IS_PREFIX)))
                longest_match(table, tokens, i, past, key, slot, &m);
        }
        if (!m.value && !m.tone && !(in_value && ends_in_nt(tok))) {
            /* Most words: in no list, they only move the scopes along. */
            if (in_value) {
                value_skip = i + 1;
                copula_before = 0;
            }
            if (neg_left > 0)
                neg_left--;
            if (boost_left > 0)
                boost_left--;
            continue;
        }

        if (in_tone && m.tone) {
            /* A negated tone word does not set the tone: "not afraid". */
            if (neg_left == 0) {
                const float *w = sen_table_tone(table, sen_slot_entry(table, m.tone));
                for (int d = 0; d < SEN_DIMENSIONS; d++)
                    out->tone[d] += w[d];
            }
            tone_skip = i + m.tone_words;
        }

        if (in_value) {
            const sen_slot *found = m.value;
            size_t len = found ? m.value_words : 1;
            /* Only a modifier has a weight (0 on every other entry). */
            const sen_entry *modifier = found && (sen_slot_flags(found) & SEN_HAS_MODIFIER)
                                            ? sen_slot_entry(table, found)
                                            : NULL;
            int mod = modifier ? modifier->modifier : SEN_MOD_NONE;
            double w = modifier ? modifier->weight : 0;
            if (mod == SEN_MOD_NONE && !found && ends_in_nt(tok)) {
                mod = SEN_MOD_NEGATOR;
                w = not_weight;
            }
            value_skip = i + len;
            int is_copula = 0;
            switch (mod) {
            case SEN_MOD_NEGATOR:
            case SEN_MOD_PEAK_NEGATOR:
                /* A second negation inside the scope negates again. */
                neg_factor = neg_left > 0 ? neg_factor * w : w;
                out->negations++;
                neg_left = params->negation_scope + (int)len;
                neg_peak = mod == SEN_MOD_PEAK_NEGATOR;
                break;
            case SEN_MOD_BOOSTER:
            case SEN_MOD_DAMPENER: {
                double amount = mod == SEN_MOD_BOOSTER ? w : -w;
                if (mod == SEN_MOD_BOOSTER && caps_emphasis > 0 &&
                    (tok->flags & GALLEY_TOKEN_ALL_CAPS))
                    amount *= SEN_CAPS_BOOST;
                boost = boost_left > 0 ? boost + amount : amount;
                boost_left = SEN_BOOST_REACH + (int)len;
                break;
            }
            case SEN_MOD_CONTRAST:
                neg_left = 0;
                boost_left = 0;
                out->contrasts += !additive;
                if (additive) { /* "not only ... but" */
                    additive = 0;
                } else if (out->words == 1) {
                    out->lead_contrast = w; /* shifts weight from the previous sentence */
                } else if (contrast_at == SIZE_MAX) {
                    contrast_at = n;
                    contrast_weight = w;
                }
                break;
            case SEN_MOD_CONCESSION:
                neg_left = 0;
                out->contrasts++;
                if (concession_start == SIZE_MAX) {
                    concession_start = n;
                    concession_weight = w;
                    concession_open = 1;
                }
                break;
            case SEN_MOD_HEDGE: hedge *= 1 - w; break;
            case SEN_MOD_SARCASM:
                if (w > sarcasm)
                    sarcasm = w;
                break;
            case SEN_MOD_ADDITIVE:
                additive = 1;
                neg_left = 0;
                break;
            case SEN_MOD_COPULA: is_copula = 1; break;
            case SEN_MOD_CLAUSE:
                /* A new clause: "did not say that the plan was good" does
                   not negate "good". */
                neg_left = 0;
                boost_left = 0;
                break;
            case SEN_MOD_NEUTRAL: break;
            case SEN_MOD_ATTRIBUTION:
                /* A verb of reporting changes no valence; counted, it tells a
                   sourced statement of fact from an evaluation. */
                out->attributions++;
                break;
            default:
                /* A word with a tone but no valence (sirens, funeral,
                   rebuild) still leans one way: its tone lends it one. */
                if (!found && m.tone && params->tone_valence > 0) {
                    found = m.tone;
                    len = m.tone_words;
                    value_skip = i + len;
                }
                unsigned flags = found ? sen_slot_flags(found) : 0;
                if (flags & (SEN_HAS_VALENCE | SEN_HAS_TONE)) {
                    const sen_entry *e = sen_slot_entry(table, found);
                    double v = (flags & SEN_HAS_VALENCE)
                                   ? found->valence
                                   : tone_valence(sen_table_tone(table, e), params->tone_valence);
                    if (caps_emphasis > 0 && (tok->flags & GALLEY_TOKEN_ALL_CAPS) && v != 0)
                        v += v > 0 ? SEN_CAPS_EMPHASIS : -SEN_CAPS_EMPHASIS;
                    if (boost_left > 0) {
                        double decay = 1 - 0.05 * (SEN_BOOST_REACH - boost_left);
                        double f = 1 + boost * decay;
                        v *= f < 0.05 ? 0.05 : f;
                    }
                    if (neg_left > 0) {
                        if (neg_peak && copula_before && (e->flags & SEN_COMPARATIVE))
                            v *= SEN_PEAK_BOOST;
                        else
                            v *= neg_factor;
                    }
                    if (push_item(scratch, n) != 0)
                        return GALLEY_ENOMEM;
                    sen_item *it = &scratch->items[n++];
                    it->entry = e;
                    it->start = tok->start;
                    it->end = tokens[i + len - 1].end;
                    it->value = (float)v;
                    it->valence = (flags & SEN_HAS_VALENCE) ? found->valence : 0.0f;
                    it->quoted = (uint8_t)quoted;
                    out->valenced++;
                    out->plain += (e->flags & SEN_PLAIN) != 0;
                }
                break;
            }
            copula_before = is_copula;
        }
        if (neg_left > 0)
            neg_left--;
        if (boost_left > 0)
            boost_left--;
    }

    /* A concessive clause that opens the sentence and never closes has no
       main clause to hand its weight to. */
    int concession = concession_start != SIZE_MAX && !(concession_open && concession_start == 0);
    if (concession_open)
        concession_end = n;
    double sum[2] = {0, 0};
    for (size_t k = 0; k < n; k++) {
        double v = scratch->items[k].value;
        if (contrast_at != SIZE_MAX)
            v *= k < contrast_at ? 1 - contrast_weight : 1 + contrast_weight;
        if (concession)
            v *= k >= concession_start && k < concession_end ? 1 - concession_weight
                                                             : 1 + concession_weight;
        if (sarcasm > 0 && v > 0)
            v *= -sarcasm;
        float value = (float)v;
        scratch->items[k].value = value;
        sum[scratch->items[k].quoted] += v;
        if (value > 0)
            out->positive += value;
        else
            out->negative += value;
    }
    if (hedge < SEN_HEDGE_FLOOR)
        hedge = SEN_HEDGE_FLOOR;
    for (int q = 0; q < 2; q++) {
        sum[q] *= hedge;
        unsigned marks = exclaim[q] < SEN_EXCLAIM_MAX ? exclaim[q] : SEN_EXCLAIM_MAX;
        double emphasis = SEN_EXCLAIM_EMPHASIS * marks;
        if (sum[q] > 0)
            sum[q] += emphasis;
        else if (sum[q] < 0)
            sum[q] -= emphasis;
    }
    /* How the sentence ends: its last mark of punctuation, closing quotes
       and brackets passed over, when that is a stop, a comma or a colon. */
    for (size_t i = past; i > first && tokens[i - 1].kind == GALLEY_TOKEN_PUNCTUATION; i--) {
        char c = text[tokens[i - 1].start];
        if (c == '?' || c == '.' || c == '!' || c == ',' || c == ';' || c == ':') {
            out->question = c == '?';
            out->terminated = c == '?' || c == '.' || c == '!';
            break;
        }
    }
    out->lexical[0] = lexical_negative;
    out->lexical[1] = lexical_positive;
    out->distinct[0] = distinct_negative;
    out->distinct[1] = distinct_positive;
    out->quoted_words = quoted_words;
    out->has_quoted = quoted_words > 0;
    out->has_narration = quoted_words < out->words;
    out->score = normalise(sum[0] + sum[1], params->alpha);
    out->narration = normalise(sum[0], params->alpha);
    out->quoted = normalise(sum[1], params->alpha);
    out->item_count = n;
    return GALLEY_OK;
}
