/*
 * lexicon.c -- the boilerplate plugin's table of words and marks, and the
 * matching of furniture phrases against blocks.
 *
 * Every distinct word or mark of the data files (datafile.c reads them)
 * becomes an entry with an id and a set of class bits (stop word, month,
 * first word of a contains phrase...).  The lookups happen once per token of
 * every document, so the table is an open-addressing array kept a quarter
 * full, whose slots carry the hash, behind a one-bit-per-hash filter: a word
 * that is in no list (most words of a story) is turned away after reading
 * one slot or one filter bit.  Phrases are stored
 * as sequences of entry ids, grouped by their first id, so that matching a
 * block compares small integers and never strings.
 */
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

/* What a lookup reads: 24 bytes, so that the entries of the frequent stop
 * words share few cache lines. */
typedef struct bp_entry {
    uint64_t a, b; /* the key (see key_of) */
    uint32_t length;
    uint32_t classes;
} bp_entry;

/* What only loading and phrase matching read, kept apart from the entries. */
typedef struct bp_entry_info {
    char *text;
    uint32_t hash;
    uint32_t first_phrase; /* phrases starting with this entry: [first, first + count) */
    uint32_t phrase_count;
} bp_entry_info;

typedef struct bp_phrase {
    uint32_t ids[BP_PHRASE_MAX];
    uint8_t count;
    uint8_t kind;
    uint8_t mode;
    uint32_t order; /* position in the files, so that sorting is stable */
} bp_phrase;

/* A slot keeps the hash beside the entry index, so that a miss is decided
 * without touching the entries. */
typedef struct bp_slot {
    uint32_t hash;
    uint32_t entry; /* entry index + 1, 0 for an empty slot */
} bp_slot;

struct bp_lexicon {
    bp_entry *entries;
    bp_entry_info *infos; /* parallel to entries */
    size_t entry_count, entry_cap;
    bp_slot *slots;
    size_t slot_mask;
    size_t longest;          /* the longest entry, in bytes */
    uint32_t ascii_ids[128]; /* ids of the one-byte ASCII marks, filled by finish() */
    uint64_t mark_starts[4]; /* first bytes of the marks of more than one byte in any list */
    /*
     * One bit per value of 16 bits of the hash, set for every entry: 8 KiB
     * that stay in the first-level cache and turn away nineteen words in
     * twenty that are in no list before the table itself is read.
     */
    uint64_t filter[1024];
    int has_numbers; /* some entry is a number */
    bp_phrase *phrases;
    size_t phrase_count, phrase_cap;
};

/* ---- kinds and modes ---------------------------------------------------- */

static const char *const kind_names[BP_KIND_COUNT] = {
    [BP_KIND_NONE] = NULL,
    [BP_KIND_MENU] = "menu",
    [BP_KIND_CRUMB] = "crumb",
    [BP_KIND_NAV] = "nav",
    [BP_KIND_LIST_HEADING] = "list-heading",
    [BP_KIND_SPONSOR_SLOT] = "sponsor-slot",
    [BP_KIND_SPONSOR_HEADING] = "sponsor-heading",
    [BP_KIND_CREDIT] = "credit",
    [BP_KIND_BYLINE] = "byline",
    [BP_KIND_DATE_LINE] = "date-line",
    [BP_KIND_SHARE] = "share",
    [BP_KIND_SUBSCRIBE] = "subscribe",
    [BP_KIND_COOKIE_NOTICE] = "cookie-notice",
    [BP_KIND_TAG_LIST] = "tag-list",
    [BP_KIND_COPYRIGHT] = "copyright",
    [BP_KIND_LEGAL] = "legal",
    [BP_KIND_COMMENT_PROMPT] = "comment-prompt",
    [BP_KIND_META_LINE] = "meta-line",
    [BP_KIND_LETTERS_HEADING] = "letters-heading",
};

const char *bp_kind_name(bp_kind kind)
{
    return kind > BP_KIND_NONE && kind < BP_KIND_COUNT ? kind_names[kind] : NULL;
}

const char *bp_kind_reason(bp_kind kind)
{
    /* A sponsor heading opens a list of sponsored items, but to an editor it
     * is the same thing as the slot label: a sponsor slot. */
    if (kind == BP_KIND_SPONSOR_HEADING)
        return "sponsor-slot";
    /* The heading of a letters page heads the page's section, as "Related" does. */
    if (kind == BP_KIND_LETTERS_HEADING)
        return "list-heading";
    return bp_kind_name(kind);
}

int bp_kind_from_name(const char *name, size_t length)
{
    for (int k = 1; k < BP_KIND_COUNT; k++)
        if (strlen(kind_names[k]) == length && memcmp(kind_names[k], name, length) == 0)
            return k;
    return -1;
}

int bp_mode_from_name(const char *name, size_t length)
{
    static const char *const names[] = {"block", "label", "start", "contains"};
    for (int m = 0; m < 4; m++)
        if (strlen(names[m]) == length && memcmp(names[m], name, length) == 0)
            return m;
    return -1;
}

/* ---- the hash table ----------------------------------------------------- */

static inline uint64_t load64(const char *s)
{
    uint64_t v;
    memcpy(&v, s, 8);
    return v;
}

/*
 * The key of a text: its length and, for a text of up to 16 bytes, the
 * text itself as two 8-byte integers padded with zeros, so that two such
 * texts are equal exactly when their keys are and a lookup compares two
 * integers instead of calling memcmp.  Longer texts fold the bytes before
 * their last 16 into the seed and are compared with memcmp.
 */
typedef struct key {
    uint64_t a, b, seed;
} key;

static inline uint64_t mix(uint64_t a, uint64_t b)
{
    uint64_t h = (a ^ 0x9E3779B97F4A7C15ull) * (b ^ 0xC4CEB9FE1A85EC53ull);
    return h ^ (h >> 32) ^ (h >> 17);
}

#define KEY_SEED 0x2D358DCCAA6C78A5ull
#define HIGH_BITS 0x8080808080808080ull

/* The bytes of the first and second 8-byte half that belong to a text of n bytes. */
static const uint64_t low_mask[17] = {0,
                                      0xFFull,
                                      0xFFFFull,
                                      0xFFFFFFull,
                                      0xFFFFFFFFull,
                                      0xFFFFFFFFFFull,
                                      0xFFFFFFFFFFFFull,
                                      0xFFFFFFFFFFFFFFull,
                                      ~0ull,
                                      ~0ull,
                                      ~0ull,
                                      ~0ull,
                                      ~0ull,
                                      ~0ull,
                                      ~0ull,
                                      ~0ull,
                                      ~0ull};
static const uint64_t high_mask[17] = {0,
                                       0,
                                       0,
                                       0,
                                       0,
                                       0,
                                       0,
                                       0,
                                       0,
                                       0xFFull,
                                       0xFFFFull,
                                       0xFFFFFFull,
                                       0xFFFFFFFFull,
                                       0xFFFFFFFFFFull,
                                       0xFFFFFFFFFFFFull,
                                       0xFFFFFFFFFFFFFFull,
                                       ~0ull};

static key key_of(const char *s, size_t n)
{
    key k;
    k.seed = KEY_SEED ^ (uint64_t)n;
    if (n <= 16) {
        k.a = k.b = 0;
        for (size_t i = 0; i < n; i++) {
            uint64_t byte = (unsigned char)s[i];
            if (i < 8)
                k.a |= byte << (8 * i);
            else
                k.b |= byte << (8 * (i - 8));
        }
        return k;
    }
    while (n > 16) {
        k.seed = mix(load64(s) ^ k.seed, load64(s + 8));
        s += 16;
        n -= 16;
    }
    k.a = load64(s + n - 16);
    k.b = load64(s + n - 8);
    return k;
}

static uint32_t hash_key(const key *k)
{
    return (uint32_t)mix(k->a ^ k->seed, k->b);
}

/* The filter bit of a hash: bits the slot index does not use first. */
static uint32_t filter_bit(uint32_t h)
{
    return h >> 16;
}

static int maybe_present(const bp_lexicon *lx, uint32_t h)
{
    uint32_t bit = filter_bit(h);
    return (lx->filter[bit >> 6] >> (bit & 63)) & 1;
}

bp_lexicon *bp_lexicon_new(void)
{
    bp_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return NULL;
    for (int c = 0; c < 128; c++)
        lx->ascii_ids[c] = BP_NO_ID;
    lx->slot_mask = 1023;
    lx->slots = calloc(lx->slot_mask + 1, sizeof *lx->slots);
    if (!lx->slots) {
        free(lx);
        return NULL;
    }
    return lx;
}

void bp_lexicon_free(bp_lexicon *lx)
{
    if (!lx)
        return;
    for (size_t i = 0; i < lx->entry_count; i++)
        free(lx->infos[i].text);
    free(lx->entries);
    free(lx->infos);
    free(lx->slots);
    free(lx->phrases);
    free(lx);
}

static int grow_slots(bp_lexicon *lx)
{
    size_t cap = (lx->slot_mask + 1) * 2;
    bp_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t e = 0; e < lx->entry_count; e++) {
        size_t at = lx->infos[e].hash & (cap - 1);
        while (slots[at].entry)
            at = (at + 1) & (cap - 1);
        slots[at].hash = lx->infos[e].hash;
        slots[at].entry = (uint32_t)e + 1;
    }
    free(lx->slots);
    lx->slots = slots;
    lx->slot_mask = cap - 1;
    return 0;
}

static uint32_t find(const bp_lexicon *lx, const char *text, size_t length, const key *k,
                     uint32_t h)
{
    for (size_t at = h & lx->slot_mask;; at = (at + 1) & lx->slot_mask) {
        const bp_slot *slot = &lx->slots[at];
        if (!slot->entry)
            return BP_NO_ID;
        if (slot->hash != h)
            continue;
        const bp_entry *e = &lx->entries[slot->entry - 1];
        if (e->length == length && e->a == k->a && e->b == k->b &&
            (length <= 16 || memcmp(lx->infos[slot->entry - 1].text, text, length) == 0))
            return slot->entry - 1;
    }
}

uint32_t bp_lexicon_lookup(const bp_lexicon *lx, const char *fold, size_t length)
{
    key k = key_of(fold, length);
    return find(lx, fold, length, &k, hash_key(&k));
}

/* The id of a word or number of more than 16 bytes. */
static uint32_t lookup_slow(const bp_lexicon *lx, const char *fold, size_t n)
{
    key k = key_of(fold, n);
    uint32_t h = hash_key(&k);
    return maybe_present(lx, h) ? find(lx, fold, n, &k, h) : BP_NO_ID;
}

/*
 * The hot loop of the plugin: once per token of every block looked at.  A
 * word of up to 16 bytes (nearly every word of a page) takes a path without
 * a branch on its length: two masked loads from its fold, one multiply, and
 * its first slot read at once; the filter bit is asked only before probing
 * further.
 */
void bp_lexicon_tokens(const bp_lexicon *lx, const galley_token *tokens, size_t count,
                       uint32_t *ids, uint32_t *classes)
{
    const bp_slot *slots = lx->slots;
    const bp_entry *entries = lx->entries;
    const uint64_t *filter = lx->filter;
    const uint32_t *ascii_ids = lx->ascii_ids;
    const size_t mask = lx->slot_mask, longest = lx->longest;
    const int numbers = lx->has_numbers;
    if (!entries) { /* nothing was loaded: no token is in any list */
        for (size_t i = 0; i < count; i++) {
            ids[i] = BP_NO_ID;
            classes[i] = 0;
        }
        return;
    }
    for (size_t i = 0; i < count; i++) {
        const galley_token *t = &tokens[i];
        const size_t n = t->fold_len;
        const unsigned kind = t->kind;
        uint32_t id = BP_NO_ID;
        if (kind != GALLEY_TOKEN_WORD && kind != GALLEY_TOKEN_NUMBER) {
            /* Marks: one byte from a table; longer ones (– … ©) only when
             * some list has a mark that starts with the same byte. */
            unsigned char c = (unsigned char)t->fold[0];
            if (n == 1 && c < 128)
                id = ascii_ids[c];
            else if ((lx->mark_starts[c >> 6] >> (c & 63)) & 1)
                id = bp_lexicon_lookup(lx, t->fold, n);
        } else if (n <= longest && (kind == GALLEY_TOKEN_WORD || numbers)) {
            /* No list holds a word longer than its longest entry, and none
             * holds numbers unless a phrase does. */
            uint64_t a = 0, b = 0;
            if (n <= 16) {
                /* The fold can be read 16 bytes wide (GALLEY_FOLD_PADDING):
                 * its key is two masked loads. */
                a = load64(t->fold) & low_mask[n];
                b = load64(t->fold + 8) & high_mask[n];
                uint32_t h = (uint32_t)mix(a ^ (KEY_SEED ^ (uint64_t)n), b);
                uint32_t bit = h >> 16;
                /* The first slot is read and compared without a branch on
                 * the filter: words in a list and words not in one come in
                 * no order a branch predictor could learn. */
                size_t at = h & mask;
                uint32_t entry = slots[at].hash == h ? slots[at].entry : 0;
                const bp_entry *e = entry ? &entries[entry - 1] : NULL;
                if (e && e->length == n && e->a == a && e->b == b)
                    id = entry - 1;
                else if (slots[at].entry && ((filter[bit >> 6] >> (bit & 63)) & 1)) {
                    /* The word may sit further along the probe run. */
                    for (at = (at + 1) & mask; slots[at].entry; at = (at + 1) & mask) {
                        if (slots[at].hash != h)
                            continue;
                        e = &entries[slots[at].entry - 1];
                        if (e->length == n && e->a == a && e->b == b) {
                            id = slots[at].entry - 1;
                            break;
                        }
                    }
                }
            } else {
                id = lookup_slow(lx, t->fold, n);
            }
            /* An elided article or pronoun glued to its word (l'armée,
             * d'une, qu'il, dell'anno) makes the word a stop word when the
             * part before the apostrophe is one.  The first bytes of the
             * word are the low bytes of a: look for ' among bytes 1-4 at
             * once, and only then byte by byte. */
            uint64_t x = a ^ 0x2727272727272727ull;
            if (id == BP_NO_ID && kind == GALLEY_TOKEN_WORD && n >= 4 && n <= 16 &&
                ((x - 0x0101010101010101ull) & ~x & 0x000000FFFFFFFF00ull & HIGH_BITS)) {
                for (size_t p = 1; p <= 4 && p < n - 1; p++)
                    if (((a >> (8 * p)) & 0xFF) == '\'') {
                        ids[i] = BP_NO_ID;
                        classes[i] = bp_lexicon_classes(lx, bp_lexicon_lookup(lx, t->fold, p)) &
                                     BP_CLASS_STOP;
                        goto next;
                    }
            }
        }
        ids[i] = id;
        classes[i] = id == BP_NO_ID ? 0 : entries[id].classes;
    next:;
    }
}

uint64_t bp_hash_bytes(const char *text, size_t length)
{
    key k = key_of(text, length);
    return mix(k.a ^ k.seed, k.b ^ (uint64_t)length);
}

uint32_t bp_lexicon_classes(const bp_lexicon *lx, uint32_t id)
{
    return lx->entries && id < lx->entry_count ? lx->entries[id].classes : 0;
}

size_t bp_lexicon_phrase_count(const bp_lexicon *lx)
{
    return lx->phrase_count;
}

uint32_t bp_lexicon_intern(bp_lexicon *lx, const char *fold, size_t length)
{
    uint32_t id = bp_lexicon_lookup(lx, fold, length);
    if (id != BP_NO_ID)
        return id;
    /* Keep the table at most a quarter full so that probe runs stay short:
     * most document words are in no list and probe until an empty slot. */
    if ((lx->entry_count + 1) * 4 > lx->slot_mask + 1 && grow_slots(lx) != 0)
        return BP_NO_ID;
    if (lx->entry_count == lx->entry_cap) {
        size_t cap = lx->entry_cap ? lx->entry_cap * 2 : 256;
        bp_entry *entries = realloc(lx->entries, cap * sizeof *entries);
        if (!entries)
            return BP_NO_ID;
        lx->entries = entries;
        bp_entry_info *infos = realloc(lx->infos, cap * sizeof *infos);
        if (!infos)
            return BP_NO_ID;
        lx->infos = infos;
        lx->entry_cap = cap;
    }
    char *copy = malloc(length + 1);
    if (!copy)
        return BP_NO_ID;
    memcpy(copy, fold, length);
    copy[length] = '\0';
    key k = key_of(copy, length);
    bp_entry *e = &lx->entries[lx->entry_count];
    bp_entry_info *info = &lx->infos[lx->entry_count];
    memset(e, 0, sizeof *e);
    memset(info, 0, sizeof *info);
    info->text = copy;
    info->hash = hash_key(&k);
    e->length = (uint32_t)length;
    e->a = k.a;
    e->b = k.b;
    size_t at = info->hash & lx->slot_mask;
    while (lx->slots[at].entry)
        at = (at + 1) & lx->slot_mask;
    lx->slots[at].hash = info->hash;
    lx->slots[at].entry = (uint32_t)lx->entry_count + 1;
    uint32_t bit = filter_bit(info->hash);
    lx->filter[bit >> 6] |= (uint64_t)1 << (bit & 63);
    if (fold[0] >= '0' && fold[0] <= '9')
        lx->has_numbers = 1;
    /* Any entry of more than one byte may be a mark (©): its first byte
     * lets marks with that byte be looked up. */
    if (length > 1) {
        unsigned char c = (unsigned char)fold[0];
        lx->mark_starts[c >> 6] |= (uint64_t)1 << (c & 63);
    }
    if (length > lx->longest)
        lx->longest = length;
    return (uint32_t)lx->entry_count++;
}

void bp_lexicon_add_classes(bp_lexicon *lx, uint32_t id, uint32_t bits)
{
    if (id < lx->entry_count)
        lx->entries[id].classes |= bits;
}

int bp_lexicon_add_phrase(bp_lexicon *lx, int kind, int mode, const uint32_t *ids, int count)
{
    if (count < 1 || count > BP_PHRASE_MAX)
        return -1;
    if (lx->phrase_count == lx->phrase_cap) {
        size_t cap = lx->phrase_cap ? lx->phrase_cap * 2 : 256;
        bp_phrase *p = realloc(lx->phrases, cap * sizeof *p);
        if (!p)
            return -1;
        lx->phrases = p;
        lx->phrase_cap = cap;
    }
    bp_phrase *p = &lx->phrases[lx->phrase_count];
    memset(p, 0, sizeof *p);
    memcpy(p->ids, ids, (size_t)count * sizeof *ids);
    p->count = (uint8_t)count;
    p->kind = (uint8_t)kind;
    p->mode = (uint8_t)mode;
    p->order = (uint32_t)lx->phrase_count;
    lx->phrase_count++;
    return 0;
}

/* ---- after loading ------------------------------------------------------ */

static int compare_phrases(const void *a, const void *b)
{
    const bp_phrase *x = a, *y = b;
    if (x->ids[0] != y->ids[0])
        return x->ids[0] < y->ids[0] ? -1 : 1;
    /* Longer phrases first: the more specific match wins. */
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

int bp_lexicon_finish(bp_lexicon *lx, galley_error *err)
{
    (void)err;
    if (lx->phrase_count)
        qsort(lx->phrases, lx->phrase_count, sizeof *lx->phrases, compare_phrases);
    for (size_t e = 0; e < lx->entry_count; e++) {
        lx->infos[e].phrase_count = 0;
        lx->entries[e].classes &= ~(uint32_t)BP_CLASS_CONTAINS;
    }
    for (size_t i = 0; i < lx->phrase_count; i++) {
        uint32_t first = lx->phrases[i].ids[0];
        bp_entry_info *info = &lx->infos[first];
        if (info->phrase_count == 0)
            info->first_phrase = (uint32_t)i;
        info->phrase_count++;
        if (lx->phrases[i].mode == BP_MODE_CONTAINS)
            lx->entries[first].classes |= BP_CLASS_CONTAINS;
    }
    for (int c = 0; c < 128; c++) {
        const char one[2] = {(char)c, '\0'};
        lx->ascii_ids[c] = c ? bp_lexicon_lookup(lx, one, 1) : BP_NO_ID;
    }
    return GALLEY_OK;
}

/* ---- matching ----------------------------------------------------------- */

static int is_mark_token(const galley_token *t)
{
    return t->kind == GALLEY_TOKEN_PUNCTUATION || t->kind == GALLEY_TOKEN_SYMBOL;
}

static int phrase_at(const bp_phrase *p, const uint32_t *ids, size_t count, size_t at)
{
    if (at + p->count > count)
        return 0;
    for (unsigned k = 0; k < p->count; k++)
        if (ids[at + k] != p->ids[k])
            return 0;
    return 1;
}

static int is_heading_kind(int kind)
{
    return kind == BP_KIND_LIST_HEADING || kind == BP_KIND_SPONSOR_HEADING;
}

/* Ranks a match: whole-block matches first, then longer phrases, then a
 * heading: "Partner content" alone opens a list, though it is also the label
 * of "Partner content · Discover the Azores". */
static int better(const bp_match *a, const bp_match *b)
{
    int ra = a->mode == BP_MODE_BLOCK, rb = b->mode == BP_MODE_BLOCK;
    if (ra != rb)
        return ra > rb;
    if (a->tokens != b->tokens)
        return a->tokens > b->tokens;
    return is_heading_kind(a->kind) && !is_heading_kind(b->kind);
}

int bp_lexicon_match(const bp_lexicon *lx, const uint32_t *ids, const uint32_t *classes,
                     const galley_token *tokens, size_t count, size_t words, int terminal,
                     size_t max_words, bp_match *out)
{
    int heading_ok = words <= BP_HEADING_MAX_WORDS && !terminal;
    int byline_ok = words <= BP_BYLINE_MAX_WORDS && !terminal;
    if (count == 0 || lx->phrase_count == 0)
        return 0;
    bp_match best = {BP_KIND_NONE, BP_MODE_BLOCK, 0};
    int found = 0;
    /* A block may open with decoration ("- Advertisement -", "• Share"): try
     * the phrase at the first token and at the first word. */
    size_t starts[2] = {0, 0};
    size_t nstarts = 1;
    if (is_mark_token(&tokens[0])) {
        size_t w = 1;
        while (w < count && is_mark_token(&tokens[w]))
            w++;
        if (w < count)
            starts[nstarts++] = w;
    }
    int short_block = words <= max_words;
    for (size_t si = 0; si < nstarts; si++) {
        size_t at = starts[si];
        if (ids[at] == BP_NO_ID)
            continue;
        const bp_entry_info *e = &lx->infos[ids[at]];
        for (uint32_t k = 0; k < e->phrase_count; k++) {
            const bp_phrase *p = &lx->phrases[e->first_phrase + k];
            if (p->mode == BP_MODE_CONTAINS || !phrase_at(p, ids, count, at))
                continue;
            size_t after = at + p->count;
            bp_match m = {(bp_kind)p->kind, (bp_mode)p->mode, p->count};
            if (p->mode == BP_MODE_BLOCK) {
                size_t r = after;
                while (r < count && is_mark_token(&tokens[r]))
                    r++;
                if (r < count)
                    continue;
            } else if (!short_block ||
                       (is_heading_kind(p->kind) && !heading_ok && p->mode != BP_MODE_LABEL) ||
                       (p->kind == BP_KIND_BYLINE && !byline_ok && p->mode != BP_MODE_LABEL)) {
                /* "Our correspondent spent the weekend with ..." is a sentence of the
                 * story, not a byline: a byline is short and ends no sentence. */
                continue;
            } else if (p->mode == BP_MODE_LABEL) {
                if (after < count && !is_mark_token(&tokens[after]))
                    continue;
            }
            if (!found || better(&m, &best)) {
                best = m;
                found = 1;
            }
        }
    }
    if (found) {
        *out = best;
        return 1;
    }
    if (!short_block)
        return 0;
    for (size_t at = 0; at < count; at++) {
        if (!(classes[at] & BP_CLASS_CONTAINS))
            continue;
        const bp_entry_info *e = &lx->infos[ids[at]];
        for (uint32_t k = 0; k < e->phrase_count; k++) {
            const bp_phrase *p = &lx->phrases[e->first_phrase + k];
            if (p->mode == BP_MODE_CONTAINS && (heading_ok || !is_heading_kind(p->kind)) &&
                (byline_ok || p->kind != BP_KIND_BYLINE) &&
                phrase_at(p, ids, count, at)) {
                out->kind = (bp_kind)p->kind;
                out->mode = BP_MODE_CONTAINS;
                out->tokens = p->count;
                return 1;
            }
        }
    }
    return 0;
}
