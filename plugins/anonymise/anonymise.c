/*
 * anonymise.c -- the anonymisation check: every person named in the blocks
 * in scope, whether each one is cleared for publication, and why.
 *
 * process() runs in steps over one document: the meta file's lists are read
 * (mentions.c needs them to find listed names), mentions are found, linked
 * into persons ("Serhiy Kuzan ... Kuzan said" is one person), declarations
 * are found, each person is classified, and findings and the result are
 * written.  A person is cleared as a pseudonym (the meta file, or a
 * declaration in the text), a public figure (a list, or an office title), or
 * an on-record source (the meta file or a newsroom list); anyone else in scope
 * is an error, because publishing an uncleared name cannot be undone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anonymise.h"

#define KEY_SIZE 512

static uint32_t pool_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static int pool_rehash(string_pool *pool)
{
    size_t count = pool->slot_count ? pool->slot_count * 2 : 256;
    uint32_t *slots = calloc(count, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < pool->slot_count; i++) {
        uint32_t v = pool->slots[i];
        if (!v)
            continue;
        const char *str = pool->data + v - 1;
        size_t j = pool_hash(str, strlen(str)) & (count - 1);
        while (slots[j])
            j = (j + 1) & (count - 1);
        slots[j] = v;
    }
    free(pool->slots);
    pool->slots = slots;
    pool->slot_count = count;
    return 0;
}

/* The slot of a string: the one that holds it, or the empty one where it would go. */
static size_t pool_slot(const string_pool *pool, const char *s, size_t length)
{
    size_t j = pool_hash(s, length) & (pool->slot_count - 1);
    for (; pool->slots[j]; j = (j + 1) & (pool->slot_count - 1)) {
        const char *have = pool->data + pool->slots[j] - 1;
        if (strncmp(have, s, length) == 0 && have[length] == '\0')
            break;
    }
    return j;
}

uint32_t pool_add(string_pool *pool, const char *s, size_t length)
{
    if (pool->length + length + 2 > UINT32_MAX - 1)
        return UINT32_MAX;
    if ((pool->used + 1) * 2 > pool->slot_count && pool_rehash(pool) != 0)
        return UINT32_MAX;
    size_t j = pool_slot(pool, s, length);
    if (pool->slots[j])
        return pool->slots[j] - 1;
    if (grow_array((void **)&pool->data, &pool->cap, pool->length + length + 1, 1) != 0)
        return UINT32_MAX;
    uint32_t at = (uint32_t)pool->length;
    memcpy(pool->data + at, s, length);
    pool->data[at + length] = '\0';
    pool->length += length + 1;
    pool->slots[j] = at + 1;
    pool->used++;
    return at;
}

uint32_t pool_find(const string_pool *pool, const char *s, size_t length)
{
    if (!pool->slot_count)
        return UINT32_MAX;
    size_t j = pool_slot(pool, s, length);
    return pool->slots[j] ? pool->slots[j] - 1 : UINT32_MAX;
}

const meta_name *meta_find(const doc_state *ds, const char *key)
{
    for (size_t i = 0; i < ds->meta_count; i++)
        if (strcmp(pool_get(ds, ds->meta[i].key), key) == 0)
            return &ds->meta[i];
    return NULL;
}

/* ---- create and destroy ------------------------------------------------- */

static int anonymise_create(const galley_host *host, const galley_options *options, void **state,
                            galley_error *err)
{
    plugin_state *ps = calloc(1, sizeof *ps);
    if (!ps)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    ps->office_cues = galley_option_bool(options, "office_cues");
    ps->details = galley_option_bool(options, "identifying_details");
    int rc = lexicon_load(&ps->lex, galley_host_data_dir(host),
                          galley_option_string(options, "public_figures"),
                          galley_option_string(options, "on_record"),
                          galley_option_bool(options, "shipped_public_figures"), err);
    if (rc == GALLEY_OK &&
        (mentions_register_words(&ps->lex) != 0 || declarations_register_words(&ps->lex) != 0)) {
        lexicon_free(&ps->lex);
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    if (rc != GALLEY_OK) {
        free(ps);
        return rc;
    }
    *state = ps;
    return GALLEY_OK;
}

static void anonymise_destroy(void *state)
{
    plugin_state *ps = state;
    if (!ps)
        return;
    lexicon_free(&ps->lex);
    free(ps);
}

/* ---- the meta file ------------------------------------------------------ */

static const struct {
    const char *key;
    int category;
} meta_lists[] = {{"pseudonyms", CAT_PSEUDONYM},
                  {"on_record", CAT_ON_RECORD},
                  {"public_figures", CAT_PUBLIC}};

static int read_meta(doc_state *ds, galley_error *err)
{
    const json_t *meta = galley_doc_meta(ds->doc);
    for (size_t l = 0; l < sizeof meta_lists / sizeof meta_lists[0]; l++) {
        const json_t *list = json_object_get(meta, meta_lists[l].key);
        if (!list)
            continue;
        if (!json_is_array(list)) {
            galley_error_set(err, GALLEY_ECONFIG,
                             "meta key \"%s\" must be a list of names, e.g. \"%s\": [\"Pavlo\"], "
                             "not %s",
                             meta_lists[l].key, meta_lists[l].key,
                             json_is_string(list)   ? "a single string"
                             : json_is_object(list) ? "an object"
                             : json_is_number(list) ? "a number"
                                                    : "true, false or null");
            snprintf(err->path, sizeof err->path, "%s", meta_lists[l].key);
            return GALLEY_ECONFIG;
        }
        size_t i;
        const json_t *v;
        json_array_foreach(list, i, v) {
            const char *name = json_string_value(v);
            char key[KEY_SIZE];
            long n = name ? fold_name(name, strlen(name), key, sizeof key) : -1;
            if (!name || n <= 0) {
                galley_error_set(err, GALLEY_ECONFIG,
                                 "meta key \"%s\", item %zu must be a person's name as a "
                                 "non-empty string, e.g. \"Pavlo\"",
                                 meta_lists[l].key, i + 1);
                snprintf(err->path, sizeof err->path, "%s[%zu]", meta_lists[l].key, i);
                return GALLEY_ECONFIG;
            }
            if (grow_array((void **)&ds->meta, &ds->meta_cap, ds->meta_count + 1,
                           sizeof *ds->meta) != 0)
                return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            meta_name *mn = &ds->meta[ds->meta_count];
            const char *space = strchr(key, ' '), *last = strrchr(key, ' ');
            mn->list = meta_lists[l].key;
            mn->category = meta_lists[l].category;
            mn->key = pool_add(&ds->pool, key, (size_t)n);
            mn->first = pool_add(&ds->pool, key, space ? (size_t)(space - key) : (size_t)n);
            mn->last = last ? pool_add(&ds->pool, last + 1, strlen(last + 1)) : mn->first;
            if (mn->key == UINT32_MAX || mn->first == UINT32_MAX || mn->last == UINT32_MAX)
                return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            mn->words = 1;
            for (const char *p = key; *p; p++)
                mn->words += *p == ' ';
            ds->meta_count++;
        }
    }
    return GALLEY_OK;
}

/* ---- linking mentions into persons --------------------------------------- */

static int new_person(doc_state *ds, size_t m)
{
    if (grow_array((void **)&ds->persons, &ds->person_cap, ds->person_count + 1,
                   sizeof *ds->persons) != 0)
        return -1;
    person *p = &ds->persons[ds->person_count];
    memset(p, 0, sizeof *p);
    p->best = (int32_t)m;
    p->declaration = -1;
    p->public_index = -1;
    p->on_record_index = -1;
    p->namesake = -1;
    p->meta = -1;
    p->first_mention = (uint32_t)m;
    ds->mentions[m].person = (int32_t)ds->person_count++;
    return 0;
}

/* Interned strings are equal when their offsets are. */
static int same(const doc_state *ds, uint32_t a, uint32_t b)
{
    (void)ds;
    return a == b;
}

/*
 * "David Tennant plays Baddingley", "Colin Farrell as Oz Cobb", "Danny Dyer turns up as
 * Freddie Jones": a name after "plays", "playing" or "as" (the role's noun phrase may come
 * between: "as the Irish broadcaster Declan O'Hara"), right after a listed public figure in
 * the same sentence, is the role that person plays, unless it is a listed name itself
 * ("Alcaraz plays Sinner").  Only a listed name is trusted to be a performer: "the
 * headteacher plays Joseph" is a private person on a stage.
 */
/* Words before "as" that make what follows a name, a post or an example, not a part. */
static const char *const not_a_part[] = {
    "known", "described", "identified", "named", "referred", "served", "serves", "serving",
    "works", "worked", "working", "listed", "registered", "elected", "appointed", "confirmed",
    "sworn", "such", "well", "soon", "much", "long", "far", "same", "just", "doubles",
    "doubled", "billed", "introduced", "credited", NULL};

/* Whether one of the three words before "as" (at token as_at), after the performer, says
   that what follows is no part ("is known in Spain as", "served briefly as"). */
static int part_denied(const doc_state *ds, const mention *performer, size_t as_at)
{
    for (size_t k = as_at; k > performer->past_token && as_at - k < 3; k--)
        if (word_in(ds->tokens[k - 1].fold, not_a_part))
            return 1;
    return 0;
}

/* "as", "plays", "playing": the word before the role a performer plays. */
static int plays_a_role(const galley_token *t)
{
    return fold_is(t, "as") || fold_is(t, "plays") ||
           fold_is(t, "playing");
}

/*
 * Whether the words after a role's name close the phrase, as a part played does
 * ("as the charge nurse Dana Evans, deserves ...", "as Patty Leigh."), and not
 * a clause ("as Mary Smith put it", "as Jones arrived").
 */
static int role_ends_phrase(const doc_state *ds, const mention *role)
{
    size_t n = role->past_token;
    if (n >= galley_doc_token_count(ds->doc) || ds->tokens[n].sentence != role->sentence)
        return 1;
    const galley_token *t = &ds->tokens[n];
    return t->kind != GALLEY_TOKEN_WORD || fold_is(t, "and") ||
           fold_is(t, "in") || fold_is(t, "who") ||
           fold_is(t, "as") || fold_is(t, "with") ||
           fold_is(t, "opposite") || fold_is(t, "alongside");
}

static int mark_roles_played(doc_state *ds)
{
    /* the last words of listed full names, marked by their place in the pool (interned
       strings have one place each), so that each performer is checked once */
    unsigned char *listed_surname = NULL;
    for (size_t m = 1; m < ds->mention_count; m++) {
        mention *role = &ds->mentions[m];
        if (role->listed >= 0 || role->meta >= 0 || (role->cues & CUE_LISTED))
            continue;
        /* back over the role's noun phrase: lower-case words, at most four */
        size_t t = role->first_token, lower = 0;
        while (t > 0 && lower < 4 && ds->tokens[t - 1].kind == GALLEY_TOKEN_WORD &&
               !(ds->tokens[t - 1].flags & GALLEY_TOKEN_CAPITALISED) &&
               !plays_a_role(&ds->tokens[t - 1])) {
            t--;
            lower++;
        }
        if (t == 0 || !plays_a_role(&ds->tokens[t - 1]))
            continue;
        /* the performer: a listed mention ending at most three tokens before the verb
           (", as", "turns up as", "who plays"), or, further back in the sentence, a listed
           full name ("Bella Ramsey is now the lead in every sense as Ellie") unless the
           words before "as" give a name or a post ("known as", "served as", "such as") */
        const mention *performer = &ds->mentions[m - 1];
        if (performer->sentence != role->sentence || performer->past_token > t - 1)
            continue;
        if (performer->past_token + 3 < t - 1 &&
            !(performer->listed >= 0 && performer->words > 1 &&
              fold_is(&ds->tokens[t - 1], "as") && !part_denied(ds, performer, t - 1)))
            continue;
        /* listed itself, or the surname of a listed name on the page ("Farrell"), or a
           full name right before ", as the psychologist Briony Ariston," when the part's
           phrase closes there */
        if (!role_ends_phrase(ds, role))
            continue;
        int listed = performer->listed >= 0 ||
                     (!performer->weak && performer->words > 1 && role->words > 1);
        if (!listed && performer->words == 1) {
            if (!listed_surname) {
                if (!(listed_surname = calloc(ds->pool.length + 1, 1)))
                    return -1;
                for (size_t k = 0; k < ds->mention_count; k++)
                    if (ds->mentions[k].listed >= 0 && ds->mentions[k].words > 1)
                        listed_surname[ds->mentions[k].last_key] = 1;
            }
            listed = listed_surname[performer->key];
        }
        role->character = (uint8_t)listed;
    }
    free(listed_surname);
    return 0;
}

/*
 * A character's name is a character's wherever it is written, and so are its first and
 * last words alone ("Rupert", "Baddingley"), and a full name whose surname alone was one
 * ("Tony Baddingley" after "Tennant plays Baddingley"), and so on from there ("Tony").
 * Keys are marked by their place in the pool (interned strings have one place each), so
 * each round is one pass over the mentions; a few rounds reach every step of such a chain
 * that a page makes.
 */
#define CHARACTER_ROUNDS 4
static int spread_characters(doc_state *ds)
{
    enum { FULL = 1, WORD = 2, SURNAME = 4 };
    unsigned char *mark = NULL;
    for (int round = 0; round < CHARACTER_ROUNDS; round++) {
        int any = 0;
        for (size_t m = 0; m < ds->mention_count && !any; m++)
            any = ds->mentions[m].character;
        if (!any)
            break;
        if (!mark && !(mark = calloc(ds->pool.length + 1, 1)))
            return -1;
        for (size_t m = 0; m < ds->mention_count; m++) {
            const mention *mm = &ds->mentions[m];
            if (!mm->character)
                continue;
            mark[mm->key] |= FULL;
            mark[mm->last_key] |= WORD;
            if (mm->words > 1)
                mark[mm->first_key] |= WORD;
            else
                mark[mm->key] |= SURNAME;
        }
        int changed = 0;
        for (size_t k = 0; k < ds->mention_count; k++) {
            mention *mk = &ds->mentions[k];
            if (!mk->character && ((mark[mk->key] & FULL) ||
                                   (mk->words == 1 && (mark[mk->key] & WORD)) ||
                                   (mark[mk->last_key] & SURNAME))) {
                mk->character = 1;
                changed = 1;
            }
        }
        if (!changed)
            break;
    }
    free(mark);
    for (size_t m = 0; m < ds->mention_count; m++)
        if (ds->mentions[m].character)
            ds->mentions[m].animal = 1;
    return 0;
}

/*
 * Latin letters for the folded Cyrillic letters а-я (U+0430-U+044F) and ѐ-џ
 * (U+0450-U+045F), by the Ukrainian national romanisation, which English-
 * language news follows for Ukrainian names; Russian letters as commonly
 * romanised.  "" drops the letter (the soft and hard signs).
 */
static const char *const cyrillic_latin[48] = {
    "a", "b", "v", "h", "d", "e", "zh", "z", "y", "i", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia",
    "e", "e", "dj", "g", "ie", "dz", "i", "i", "j", "lj", "nj", "c", "k", "i", "u", "dz"};

/* Appends one Latin letter to a spelling key, merging the variants romanisations differ on. */
static size_t spelling_letter(char *out, size_t n, size_t size, char c)
{
    if (c == 'y' || c == 'j')
        c = 'i'; /* Serhiy, Serhii, Zelenskyy: one i */
    else if (c == 'g')
        c = 'h'; /* Hanna, Ganna */
    else if (c == 'w')
        c = 'v';
    if (n > 0 && out[n - 1] == c)
        return n; /* doubled letters: Zelenskyy, Savchyn */
    if (n + 1 < size)
        out[n++] = c;
    return n;
}

/*
 * The key under which the Cyrillic and Latin spellings of one name meet:
 * Cyrillic romanised, then y, j and i as one letter, g as h, doubled letters
 * once, apostrophes dropped ("Сергій Ткаченко", "Serhiy Tkachenko" and "Serhii
 * Tkachenko" all give "serhi tkachenko").  Letters outside ASCII and Cyrillic
 * are kept as they are.  Returns the length written into out.
 */
static size_t spelling_key(const char *key, char *out, size_t size, int *cyrillic)
{
    size_t n = 0;
    *cyrillic = 0;
    for (const unsigned char *p = (const unsigned char *)key; *p && n + 8 < size;) {
        if (*p < 0x80) {
            if (*p != '\'')
                n = *p == ' ' || *p == '-' ? (out[n] = (char)*p, n + 1)
                                           : spelling_letter(out, n, size, (char)*p);
            p++;
            continue;
        }
        unsigned cp = 0;
        if ((p[0] == 0xD0 || p[0] == 0xD1) && (p[1] & 0xC0) == 0x80)
            cp = ((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
        if (cp >= 0x430 && cp <= 0x45F) {
            *cyrillic = 1;
            for (const char *l = cyrillic_latin[cp - 0x430]; *l; l++)
                n = spelling_letter(out, n, size, *l);
            p += 2;
            continue;
        }
        do /* another letter: copied whole */
            out[n++] = (char)*p++;
        while (*p && (*p & 0xC0) == 0x80 && n + 1 < size);
    }
    out[n] = '\0';
    return n;
}

/*
 * Whether word (one folded word) is an inner word of the folded full name:
 * neither its first word nor its last.  "Lula" in "Luiz Inácio Lula da Silva",
 * "García" in "Gabriel García Márquez": names with more than two words are
 * often shortened to one of the middle ones.
 */
static int inner_word(const char *name, const char *word)
{
    size_t n = strlen(word);
    const char *first_space = strchr(name, ' '), *last_space = strrchr(name, ' ');
    if (!n || !first_space || first_space == last_space)
        return 0;
    for (const char *p = first_space + 1; p < last_space; ) {
        const char *end = strchr(p, ' ');
        if ((size_t)(end - p) == n && memcmp(p, word, n) == 0)
            return 1;
        p = end + 1;
    }
    return 0;
}

/*
 * Mentions by the words find_person_for compares, so that a mention is weighed
 * against the few others that share a word with it rather than against every
 * mention of the page (a long page names thousands of people).  A field is
 * one value of one kind (a key, a last word, a first word, a nickname, a listed
 * figure, a spelling, an inner word of a longer name); a hash table holds each
 * field once, with the chain of the mentions that have it, in text order.
 */
enum { IX_KEY, IX_LAST, IX_FIRST, IX_NICKNAME, IX_LISTED, IX_SPELLING, IX_LAST_SPELLING, IX_INNER };

typedef struct ix_slot {
    uint64_t field;      /* kind << 32 | value */
    uint32_t head, tail; /* links + 1 of the chain's ends; head 0: an empty slot */
} ix_slot;

typedef struct ix_link {
    uint32_t mention;
    uint32_t next; /* index + 1 of the next link of the same field, 0 at the end */
} ix_link;

typedef struct mention_index {
    ix_slot *slots;
    size_t mask;
    ix_link *links;
    size_t link_count, link_cap;
    uint32_t *candidates; /* scratch for find_person_for */
    size_t candidate_cap;
} mention_index;

static void ix_free(mention_index *ix)
{
    free(ix->slots);
    free(ix->links);
    free(ix->candidates);
}

static uint64_t ix_field(unsigned kind, uint32_t value)
{
    return (uint64_t)kind << 32 | value;
}

static size_t ix_home(const mention_index *ix, uint64_t field)
{
    return (size_t)((field * 0x9E3779B97F4A7C15u) >> 32) & ix->mask;
}

/* The slot of field: its own, or the empty one where it would go. */
static ix_slot *ix_slot_of(const mention_index *ix, uint64_t field)
{
    size_t i = ix_home(ix, field);
    while (ix->slots[i].head && ix->slots[i].field != field)
        i = (i + 1) & ix->mask;
    return &ix->slots[i];
}

static int ix_add(mention_index *ix, unsigned kind, uint32_t value, size_t m)
{
    if (grow_array((void **)&ix->links, &ix->link_cap, ix->link_count + 1, sizeof *ix->links) != 0)
        return -1;
    uint32_t link = (uint32_t)++ix->link_count;
    ix->links[link - 1] = (ix_link){(uint32_t)m, 0};
    uint64_t field = ix_field(kind, value);
    ix_slot *slot = ix_slot_of(ix, field);
    if (!slot->head) {
        *slot = (ix_slot){field, link, link};
    } else {
        ix->links[slot->tail - 1].next = link;
        slot->tail = link;
    }
    return 0;
}

/* How many fields build_index adds for mention o at most (its inner words counted by spaces). */
static size_t ix_fields_of(const doc_state *ds, const mention *o)
{
    size_t n = 7;
    if (o->words > 2)
        for (const char *p = pool_get(ds, o->key); *p; p++)
            n += *p == ' ';
    return n;
}

static int build_index(doc_state *ds, mention_index *ix)
{
    size_t fields = 0;
    for (size_t m = 0; m < ds->mention_count; m++)
        fields += ix_fields_of(ds, &ds->mentions[m]);
    size_t size = 16;
    while (size < 2 * fields)
        size *= 2;
    if (!(ix->slots = calloc(size, sizeof *ix->slots)) ||
        grow_array((void **)&ix->links, &ix->link_cap, fields, sizeof *ix->links) != 0)
        return -1;
    ix->mask = size - 1;
    for (size_t m = 0; m < ds->mention_count; m++) {
        const mention *o = &ds->mentions[m];
        if (ix_add(ix, IX_KEY, o->key, m) || ix_add(ix, IX_LAST, o->last_key, m) ||
            ix_add(ix, IX_FIRST, o->first_key, m) ||
            (o->last_spelling != UINT32_MAX && ix_add(ix, IX_LAST_SPELLING, o->last_spelling, m)) ||
            (o->nickname_key != UINT32_MAX && ix_add(ix, IX_NICKNAME, o->nickname_key, m)) ||
            (o->listed >= 0 && ix_add(ix, IX_LISTED, (uint32_t)o->listed, m)) ||
            (o->spelling != UINT32_MAX && ix_add(ix, IX_SPELLING, o->spelling, m)))
            return -1;
        if (o->words <= 2)
            continue;
        /* the inner words, each interned: "lula" of "luiz inácio lula da silva" */
        const char *name = pool_get(ds, o->key);
        const char *first_space = strchr(name, ' '), *last_space = strrchr(name, ' ');
        if (!first_space || first_space == last_space)
            continue;
        size_t from = (size_t)(first_space + 1 - name), to = (size_t)(last_space - name);
        while (from < to) {
            name = pool_get(ds, o->key); /* pool_add may move the pool */
            const char *end = memchr(name + from, ' ', to - from);
            size_t past = end ? (size_t)(end - name) : to;
            char word[KEY_SIZE];
            size_t n = past - from < sizeof word ? past - from : sizeof word - 1;
            memcpy(word, name + from, n);
            uint32_t w = pool_add(&ds->pool, word, n);
            if (w == UINT32_MAX || ix_add(ix, IX_INNER, w, m))
                return -1;
            from = past + 1;
        }
    }
    return 0;
}

/*
 * The mentions find_person_for must weigh for mention m, in text order, into
 * ix->candidates: every mention that shares with m a field one of its tests
 * compares (a few more do no harm: the tests are all made again).  The chains
 * of the index are each in text order and are merged.  Returns their number,
 * or -1 when out of memory.
 */
static long gather_candidates(const doc_state *ds, mention_index *ix, size_t m)
{
    const mention *mm = &ds->mentions[m];
    struct { unsigned kind; uint32_t value; int wanted;
    } probe[] = {
        {IX_KEY, mm->key, 1},
        {IX_KEY, mm->last_key, 1},
        {IX_NICKNAME, mm->key, 1},
        {IX_LAST, mm->key, 1},
        {IX_LAST, mm->last_key, 1},
        {IX_FIRST, mm->key, 1},
        {IX_FIRST, mm->first_key, mm->words >= 2}, /* a longer name it may begin */
        {IX_INNER, mm->key, 1},
        {IX_LAST_SPELLING, mm->last_spelling, mm->last_spelling != UINT32_MAX},
        {IX_LISTED, (uint32_t)mm->listed, mm->listed >= 0},
        {IX_SPELLING, mm->spelling, mm->spelling != UINT32_MAX},
    };
    enum { PROBES = sizeof probe / sizeof probe[0] };
    uint32_t at[PROBES] = {0}; /* each chain's next link + 1, 0 when done */
    size_t chains = 0;
    for (size_t i = 0; i < PROBES; i++) {
        const ix_slot *slot =
            probe[i].wanted ? ix_slot_of(ix, ix_field(probe[i].kind, probe[i].value)) : NULL;
        if (slot && slot->head)
            at[chains++] = slot->head;
    }
    size_t n = 0;
    for (;;) {
        uint32_t least = UINT32_MAX;
        for (size_t i = 0; i < chains; i++)
            if (at[i] && ix->links[at[i] - 1].mention < least)
                least = ix->links[at[i] - 1].mention;
        if (least == UINT32_MAX)
            break;
        if (grow_array((void **)&ix->candidates, &ix->candidate_cap, n + 1,
                       sizeof *ix->candidates) != 0)
            return -1;
        ix->candidates[n++] = least;
        for (size_t i = 0; i < chains; i++)
            if (at[i] && ix->links[at[i] - 1].mention == least)
                at[i] = ix->links[at[i] - 1].next;
    }
    return (long)n;
}

/*
 * Whether the mention's title is a Burmese courtesy title (U, Daw, Ko, Ma, Bo, Saw, Naw,
 * Sai, Nang, Mahn): Burmese names have no family name, so the one word after it is a
 * whole name ("Ko Aung"), not a part of a longer one ("Min Aung Hlaing").
 */
static int whole_name_title(const mention *m)
{
    static const char *const titles[] = {"u",   "daw", "ko",   "ma",   "bo", "saw",
                                         "naw", "sai", "nang", "mahn", NULL};
    if (!m->title || m->title_len > 4)
        return 0;
    char low[5];
    for (size_t k = 0; k < m->title_len; k++) {
        char c = m->title[k];
        low[k] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    low[m->title_len] = '\0';
    for (size_t i = 0; titles[i]; i++)
        if (strcmp(low, titles[i]) == 0)
            return 1;
    return 0;
}

/* Whether a name of two words is a kunya, a parent named after a child ("Umm Yousef",
   "Abu Ahmed"): the child's name alone is the child ("her son Yousef, 11"). */
static int kunya(const doc_state *ds, const mention *o)
{
    static const char *const heads[] = {"umm", "um", "oum", "abu", "abou", NULL};
    return o->words == 2 && word_in(pool_get(ds, o->first_key), heads);
}

/*
 * The person a mention belongs to, searching the mentions already linked
 * among candidates (count of them, in text order, from gather_candidates);
 * -1 if none.
 */
static int32_t find_person_for(const doc_state *ds, size_t m, const uint32_t *candidates,
                               size_t count)
{
    const mention *mm = &ds->mentions[m];
    if (mm->nickname_of >= 0 && ds->mentions[mm->nickname_of].person >= 0)
        return ds->mentions[mm->nickname_of].person;
    int32_t by_nickname = -1, by_key = -1, by_last = -1, by_first = -1, by_list = -1,
            by_spelling = -1, by_inner = -1, by_prefix = -1;
    int whole = mm->words == 1 && whole_name_title(mm);
    for (size_t c = 0; c < count; c++) {
        size_t k = candidates[c];
        const mention *o = &ds->mentions[k];
        if (o->person < 0 || k == m)
            continue;
        /* "Bobby Ray" alone, after Robert "Bobby Ray" Tillman: the nickname of that person */
        if (by_nickname < 0 && mm->words <= 2 && o->nickname_key == mm->key)
            by_nickname = o->person;
        if (same(ds, o->key, mm->key)) {
            if (by_key < 0 || k < m)
                by_key = o->person;
        }
        if (mm->listed >= 0 && !mm->listed_given && o->listed == mm->listed)
            by_list = o->person;
        /* "Сергій Ткаченко" on a banner and "Serhiy Tkachenko" in the text: one person */
        if (mm->spelling != UINT32_MAX && o->spelling == mm->spelling && o->cyrillic != mm->cyrillic)
            by_spelling = o->person;
        /* A full name the scan could not vouch for ("Amandine d'Hondt has sold", with no
           known word, opening a sentence) is the full name of the person its last word
           names: "d'Hondt said". */
        if (mm->weak && mm->words > 1 && o->words == 1 && !o->weak && same(ds, o->key, mm->last_key))
            by_last = o->person;
        /* "Вікторія Савчук" and then "Savchuk": the surname in the other script */
        if (mm->words == 1 && o->words > 1 && !mm->initials_only && o->cyrillic != mm->cyrillic &&
            o->last_spelling == mm->last_spelling && (by_last < 0 || k < m))
            by_last = o->person;
        /* An initial and a surname, as scorecards and captions write them ("C O'Connor"),
           are the full name with that surname and a first name of that letter. */
        if (mm->words == 2 && o->words > 1 && !o->weak && !mm->initials_only &&
            same(ds, o->last_key, mm->last_key)) {
            const char *mi = pool_get(ds, mm->first_key), *oi = pool_get(ds, o->first_key);
            if (mi[0] && mi[1] == '\0' && oi[0] == mi[0] && oi[1] != '\0' &&
                (by_last < 0 || k < m))
                by_last = o->person;
        }
        /* "DAVIDS, Moegamat Yusuf" heading a notice, then "Moegamat Yusuf Davids": the
           first words of a longer full name (or its last: a double surname) are that name */
        if (mm->words >= 2 && o->words > mm->words && !o->weak && (by_prefix < 0 || k < m)) {
            const char *ok = pool_get(ds, o->key), *mk = pool_get(ds, mm->key);
            size_t n = strlen(mk);
            size_t on = strlen(ok);
            int first_words = strncmp(ok, mk, n) == 0 && ok[n] == ' ';
            /* and "Ruiz Campos" after "María José Ruiz Campos": its last words, unless
               they are a listed figure's name ("Ahmed el-Tayeb" ending the name of a son
               of his, as Arabic names chain a father's) */
            int last_words = mm->listed < 0 && on > n && ok[on - n - 1] == ' ' &&
                             memcmp(ok + on - n, mk, n) == 0;
            if (first_words || last_words)
                by_prefix = o->person;
        }
        /* Initials alone ("K.") join only the same initials: "K." is not "Kateryna Bondar". */
        if (mm->words == 1 && o->words > 1 && !mm->initials_only && !whole) {
            /* the most recent full name before this mention wins, else the first after it */
            if (same(ds, o->last_key, mm->key) && (by_last < 0 || k < m) && !kunya(ds, o))
                by_last = o->person;
            if (same(ds, o->first_key, mm->key) && (by_first < 0 || k < m))
                by_first = o->person;
            if (o->words > 2 && !o->weak && (by_inner < 0 || k < m) &&
                inner_word(pool_get(ds, o->key), pool_get(ds, mm->key)))
                by_inner = o->person;
        }
    }
    if (by_nickname >= 0)
        return by_nickname;
    if (by_key >= 0)
        return by_key;
    if (by_list >= 0)
        return by_list;
    if (by_spelling >= 0)
        return by_spelling;
    if (by_last >= 0)
        return by_last;
    if (by_prefix >= 0)
        return by_prefix;
    /* A first name alone refers back to a full name, unless it opens a sentence and is
       also an ordinary word ("Will"). */
    if (by_first >= 0 && !((mm->cues & CUE_GAZETTEER) == 0 &&
                           (ds->tokens[mm->first_token].flags & GALLEY_TOKEN_SENTENCE_INITIAL)))
        return by_first;
    if (by_first >= 0 && (mm->cues & CUE_GAZETTEER))
        return by_first;
    if (by_first < 0 && by_inner >= 0)
        return by_inner;
    return -1;
}

/* The mention that covers token t (mentions are in text order and never overlap), or -1. */
static int32_t mention_at(const doc_state *ds, size_t t)
{
    size_t lo = 0, hi = ds->mention_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ds->mentions[mid].first_token <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return -1;
    const mention *m = &ds->mentions[lo - 1];
    return t < m->past_token ? (int32_t)(lo - 1) : -1;
}

static int is_joiner(const doc_state *ds, size_t t)
{
    const galley_token *tok = &ds->tokens[t];
    return fold_is(tok, ",") || fold_is(tok, "and") ||
           fold_is(tok, "&") || fold_is(tok, "or");
}

/*
 * Names listed together are of one kind: in "Chris Martin, Jonny Buckland,
 * Guy Berryman and Will Champion" the first is known, so the others are
 * people too, though no list knows them.  Only full names are promoted: a
 * lone capitalised word in a list is as often a place or a brand; but two
 * first names joined by "and" are two people.
 */
static void promote_coordinated(doc_state *ds)
{
    int changed = 1;
    while (changed) {
        changed = 0;
        for (size_t m = 0; m < ds->mention_count; m++) {
            mention *mm = &ds->mentions[m];
            if (!mm->weak || mm->words < 2 || mm->locative)
                continue;
            const galley_sentence *sn = &ds->sentences[mm->sentence];
            size_t begin = sn->first_token, past = begin + sn->token_count;
            int32_t other = -1;
            if (mm->first_token >= begin + 2 && is_joiner(ds, mm->first_token - 1))
                other = mention_at(ds, mm->first_token - 2);
            if (other < 0 && mm->past_token + 1 < past && is_joiner(ds, mm->past_token))
                other = mention_at(ds, mm->past_token + 1);
            if (other >= 0 && !ds->mentions[other].weak && ds->mentions[other].words > 1) {
                mm->weak = 0;
                mm->cues |= CUE_COORDINATED;
                changed = 1;
            }
        }
    }
    /* "Hannah and Rob, a couple from Bristol": a first name that is also a word, joined by
       "and" to a first name no one doubts, is a first name too. */
    for (size_t m = 0; m + 1 < ds->mention_count; m++) {
        mention *a = &ds->mentions[m], *b = &ds->mentions[m + 1];
        if (a->sentence != b->sentence || a->words != 1 || b->words != 1 ||
            b->first_token != a->past_token + 1 || !fold_is(&ds->tokens[a->past_token], "and"))
            continue;
        mention *doubtful = a->weak && !b->weak ? a : !a->weak && b->weak ? b : NULL;
        const mention *sure = doubtful == a ? b : a;
        if (doubtful && has_flag(ds, sure->first_token, LEX_GIVEN) &&
            !has_flag(ds, sure->first_token, LEX_AMBIGUOUS) &&
            has_flag(ds, doubtful->first_token, LEX_AMBIGUOUS | LEX_GIVEN)) {
            doubtful->weak = 0;
            doubtful->cues |= CUE_COORDINATED;
        }
    }
}

/*
 * The name a person is reported under: its fullest mention as the page writes
 * it, or, for a name with a nickname inside (Rafael "Rafa" Quintero), the
 * name without the nickname.  Written into buf (size bytes); returns its length.
 */
static int utf8_cut(const char *s, size_t length, size_t max);

static int display_name(const doc_state *ds, const person *p, char *buf, size_t size)
{
    const mention *best = &ds->mentions[p->best];
    int n;
    if (!best->nickname_end && best->end - best->start < size) {
        /* the common case, without a formatted print */
        n = (int)(best->end - best->start);
        memcpy(buf, ds->text + best->start, (size_t)n);
    } else if (best->nickname_end) {
        /* the first name, then the surname after the quotation marks */
        size_t t = best->past_token;
        while (t < galley_doc_token_count(ds->doc) && ds->tokens[t].end < best->nickname_end &&
               !(ds->tokens[t].flags & GALLEY_TOKEN_QUOTE_CLOSE))
            t++;
        size_t surname = t + 1 < galley_doc_token_count(ds->doc) ? ds->tokens[t + 1].start
                                                                   : best->end;
        n = snprintf(buf, size, "%.*s %.*s", (int)(best->end - best->start),
                     ds->text + best->start, (int)(best->nickname_end - surname),
                     ds->text + surname);
    } else {
        n = snprintf(buf, size, "%.*s", (int)(best->end - best->start), ds->text + best->start);
    }
    if (n < 0)
        n = 0;
    if ((size_t)n >= size)
        n = utf8_cut(buf, (size_t)n, size - 1);
    buf[n] = '\0';
    return n;
}

/* Whether token t is a quotation mark that opens (flag GALLEY_TOKEN_QUOTE_OPEN) or closes. */
static int quote_mark(const doc_state *ds, size_t t, uint16_t flag)
{
    return t < galley_doc_token_count(ds->doc) && (ds->tokens[t].flags & flag);
}

/*
 * The name "X, known as Y" or "X, known to her friends as Y", "X, nicknamed Y" gives after
 * a full name is that person's other name: Y is an alias of X, here and wherever else the
 * page writes it alone.  Returns the mention Y's "known ... as" follows, or -1.
 */
static int32_t byname_of(const doc_state *ds, const mention *mm)
{
    const galley_sentence *sn = &ds->sentences[mm->sentence];
    size_t begin = sn->first_token, p = mm->first_token;
    if (p < begin + 3)
        return -1;
    size_t k = p - 1;
    /* "known to all of Mixquic as Doña Chayo": a courtesy title before the other name */
    if (!fold_is(&ds->tokens[k], "as") && k > begin && has_flag(ds, k, LEX_HONORIFIC))
        k--;
    if (fold_is(&ds->tokens[k], "as")) {
        /* back to "known", over up to five words ("to her family and friends") */
        size_t stop = k > begin + 6 ? k - 6 : begin;
        while (k > stop && !fold_is(&ds->tokens[k], "known"))
            k--;
        if (!fold_is(&ds->tokens[k], "known"))
            return -1;
        if (k > begin && fold_is(&ds->tokens[k - 1], "better"))
            k--;
    } else if (!fold_is(&ds->tokens[k], "nicknamed"))
        return -1;
    if (k < begin + 2 || !fold_is(&ds->tokens[k - 1], ","))
        return -1;
    /* "Rosario Mendoza Galicia, 74, known to all as ...": an age between */
    if (k >= begin + 4 && ds->tokens[k - 2].kind == GALLEY_TOKEN_NUMBER &&
        fold_is(&ds->tokens[k - 3], ","))
        k -= 2;
    int32_t a = mention_at(ds, k - 2);
    if (a < 0 || ds->mentions[a].past_token != k - 1 || ds->mentions[a].words < 2)
        return -1;
    return a;
}

/*
 * A nickname in quotation marks inside a name: Rafael "Rafa" Quintero.  The
 * scan sees three names; the first word and the last are one person's name
 * (the first mention's key becomes "rafael quintero", so the surname alone
 * joins it as a surname does), and the nickname is an alias of that person.
 * A name given after a full name ("X, known as Y", byname_of) is joined first.
 */
static int join_nicknames(doc_state *ds)
{
    for (size_t m = 0; m < ds->mention_count; m++) {
        mention *mm = &ds->mentions[m];
        if (mm->words > 2)
            continue;
        int32_t a = byname_of(ds, mm);
        if (a < 0)
            continue;
        mm->nickname_of = a;
        if (ds->mentions[a].nickname_key == UINT32_MAX)
            ds->mentions[a].nickname_key = mm->key;
    }
    for (size_t a = 0; a + 1 < ds->mention_count; a++) {
        const mention *ma = &ds->mentions[a];
        /* (a first name of two words too: Maria Luisa "Malou" Villanueva) */
        if (ma->words > 2 || ma->initials_only ||
            !quote_mark(ds, ma->past_token, GALLEY_TOKEN_QUOTE_OPEN))
            continue;
        /* one or two capitalised words in the quotation marks, found as a name or not */
        size_t open = ma->past_token, close = open + 1;
        while (close < open + 4 && close < galley_doc_token_count(ds->doc) &&
               ds->tokens[close].kind == GALLEY_TOKEN_WORD &&
               (ds->tokens[close].flags & GALLEY_TOKEN_CAPITALISED))
            close++;
        if (close == open + 1 || close > open + 3 ||
            !quote_mark(ds, close, GALLEY_TOKEN_QUOTE_CLOSE))
            continue;
        size_t c = a + 1, b = SIZE_MAX;
        if (c < ds->mention_count && ds->mentions[c].first_token == open + 1 &&
            ds->mentions[c].past_token == close) {
            b = c;
            c++;
        }
        /* the surname may open with particles the scan left out of it: Maria Aparecida
           "Cida" dos Santos */
        size_t from = close + 1;
        char particles[KEY_SIZE];
        size_t pn = 0;
        particles[0] = '\0';
        while (from < galley_doc_token_count(ds->doc) &&
               ds->tokens[from].kind == GALLEY_TOKEN_WORD &&
               !(ds->tokens[from].flags & GALLEY_TOKEN_CAPITALISED) &&
               has_cue(ds, from, CW_PARTICLE) && pn + ds->tokens[from].fold_len + 2 < KEY_SIZE) {
            memcpy(particles + pn, ds->tokens[from].fold, ds->tokens[from].fold_len);
            pn += ds->tokens[from].fold_len;
            particles[pn++] = ' ';
            particles[pn] = '\0';
            from++;
        }
        if (c >= ds->mention_count || ds->mentions[c].first_token != from ||
            ds->mentions[c].words > 3 || ds->mentions[c].initials_only ||
            ds->mentions[c].sentence != ma->sentence)
            continue;
        /* and a surname of two words may have come as two mentions, the first a listed
           one's ("Ortega", of Daniel Ortega, in Carmen "Menchu" Ortega Salinas): the word
           right after it goes on it */
        size_t d = c + 1;
        int two =
            d < ds->mention_count && ds->mentions[d].first_token == ds->mentions[c].past_token &&
            ds->mentions[d].sentence == ma->sentence &&
            ds->mentions[c].words + ds->mentions[d].words <= 3 && !ds->mentions[d].initials_only;
        /* or the second surname is a place's name no mention took ("Lupita" Jiménez
           Mendoza): a capitalised word right after it that the lists know as a surname */
        size_t after = ds->mentions[c].past_token;
        int place_surname =
            !two && ds->mentions[c].words == 1 && after < galley_doc_token_count(ds->doc) &&
            ds->tokens[after].sentence == ds->tokens[ds->mentions[c].first_token].sentence &&
            ds->tokens[after].kind == GALLEY_TOKEN_WORD &&
            (ds->tokens[after].flags & GALLEY_TOKEN_CAPITALISED) &&
            has_flag(ds, after, LEX_SURNAME) && mention_at(ds, after) < 0;
        /* the word that ends the surname, when a second one goes on it */
        const char *tail = two             ? pool_get(ds, ds->mentions[d].key)
                           : place_surname ? ds->tokens[after].fold
                                           : NULL;
        char key[KEY_SIZE], nick[KEY_SIZE];
        int n = snprintf(key, sizeof key, "%s %s%s%s%s", pool_get(ds, ma->key), particles,
                         pool_get(ds, ds->mentions[c].key), tail ? " " : "", tail ? tail : "");
        size_t k = 0;
        for (size_t t = open + 1; t < close && k < sizeof nick; t++) {
            int w = snprintf(nick + k, sizeof nick - k, "%s%s", t > open + 1 ? " " : "",
                             ds->tokens[t].fold);
            k = w < 0 ? sizeof nick : k + (size_t)w;
        }
        if (n <= 0 || (size_t)n >= sizeof key || k >= sizeof nick)
            continue;
        uint32_t joined = pool_add(&ds->pool, key, (size_t)n);
        uint32_t nickname = pool_add(&ds->pool, nick, k);
        if (joined == UINT32_MAX || nickname == UINT32_MAX)
            return -1;
        mention *first = &ds->mentions[a];
        const mention *last = &ds->mentions[two ? d : c];
        first->key = joined;
        first->last_key = last->last_key;
        if (place_surname && (first->last_key = pool_add(&ds->pool, ds->tokens[after].fold,
                                                         ds->tokens[after].fold_len)) == UINT32_MAX)
            return -1;
        first->words = (uint16_t)(first->words + ds->mentions[c].words + (two ? last->words : 0) +
                                  place_surname);
        first->weak = first->weak && ds->mentions[c].weak && last->weak;
        first->cues |= ds->mentions[c].cues | last->cues;
        first->nickname_end = place_surname ? ds->tokens[after].end : last->end;
        first->nickname_key = nickname;
        if (b != SIZE_MAX)
            ds->mentions[b].nickname_of = (int32_t)a;
        ds->mentions[c].nickname_of = (int32_t)a; /* "R. Manalo" after Ernesto "Boyet" */
        if (two)
            ds->mentions[d].nickname_of = (int32_t)a;
    }
    return 0;
}

static int link_mentions(doc_state *ds)
{
    promote_coordinated(ds);
    for (size_t m = 0; m < ds->mention_count; m++) {
        ds->mentions[m].nickname_of = -1;
        ds->mentions[m].nickname_key = UINT32_MAX;
    }
    /* An animal's name is an animal's wherever it is written: "Rusty, 4, was found".
       (A character's mentions are marked the same way below: neither is a person.) */
    unsigned char *animal_key = calloc(ds->pool.length + 1, 1);
    if (!animal_key)
        return -1;
    for (size_t m = 0; m < ds->mention_count; m++)
        if (ds->mentions[m].animal)
            animal_key[ds->mentions[m].key] = 1;
    for (size_t k = 0; k < ds->mention_count; k++)
        if (animal_key[ds->mentions[k].key])
            ds->mentions[k].animal = 1;
    free(animal_key);
    if (mark_roles_played(ds) != 0 || spread_characters(ds) != 0)
        return -1;
    if (join_nicknames(ds) != 0)
        return -1;
    /* Spelling keys for full names, so that a name in Cyrillic meets its romanisation, and
       for last words, so that a surname alone meets the full name in the other script.
       They join only names in different scripts: on a page with no name in Cyrillic
       (most pages) no spelling key could join anything, and none is made. */
    int cyrillic_page = 0;
    for (size_t m = 0; m < ds->mention_count && !cyrillic_page; m++) {
        const char *key = pool_get(ds, ds->mentions[m].key);
        cyrillic_page = strchr(key, 0xD0) != NULL || strchr(key, 0xD1) != NULL;
    }
    for (size_t m = 0; m < ds->mention_count; m++) {
        mention *mm = &ds->mentions[m];
        mm->spelling = UINT32_MAX;
        mm->last_spelling = UINT32_MAX;
        mm->cyrillic = 0;
        if (!cyrillic_page)
            continue;
        char key[KEY_SIZE * 2];
        int cyrillic;
        size_t n = spelling_key(pool_get(ds, mm->last_key), key, sizeof key, &cyrillic);
        mm->cyrillic = (uint8_t)cyrillic;
        if ((mm->last_spelling = pool_add(&ds->pool, key, n)) == UINT32_MAX)
            return -1;
        if (mm->weak || mm->words < 2)
            continue;
        n = spelling_key(pool_get(ds, mm->key), key, sizeof key, &cyrillic);
        mm->cyrillic = (uint8_t)cyrillic;
        if ((mm->spelling = pool_add(&ds->pool, key, n)) == UINT32_MAX)
            return -1;
    }
    mention_index ix = {0};
    if (build_index(ds, &ix) != 0) {
        ix_free(&ix);
        return -1;
    }
    /* Full names first, the longest first, so that the first words of a name
       ("Moegamat Yusuf", heading a notice) find the name they begin wherever it is
       written; then single strong words, then weak ones. */
    size_t longest = 1;
    for (size_t m = 0; m < ds->mention_count; m++)
        if (ds->mentions[m].words > longest)
            longest = ds->mentions[m].words;
    for (size_t pass = longest + 1; pass-- > 0;)
        for (size_t m = 0; m < ds->mention_count; m++) {
            mention *mm = &ds->mentions[m];
            int want = pass > 0 ? (!mm->weak && mm->words == pass) : mm->weak;
            if (!want || mm->animal)
                continue;
            long count = gather_candidates(ds, &ix, m);
            if (count < 0) {
                ix_free(&ix);
                return -1;
            }
            int32_t p = find_person_for(ds, m, ix.candidates, (size_t)count);
            if (p >= 0) {
                mm->person = p;
                if (mm->weak)
                    mm->cues |= CUE_LINKED;
                person *pp = &ds->persons[p];
                const mention *best = &ds->mentions[pp->best];
                /* The fullest name, and of two as full one not in a headline's capitals. */
                if (mm->words > best->words ||
                    (mm->words == best->words && best->caps && !mm->caps && !mm->weak))
                    pp->best = (int32_t)m;
                if (m < pp->first_mention)
                    pp->first_mention = (uint32_t)m;
            } else if (!mm->weak && new_person(ds, m) != 0) {
                ix_free(&ix);
                return -1;
            }
        }
    ix_free(&ix);
    /* Persons in the order they are first named, as an editor reads the page. */
    int32_t *order = malloc((ds->person_count + 1) * sizeof *order);
    person *sorted = malloc((ds->person_count + 1) * sizeof *sorted);
    if (!order || !sorted) {
        free(order);
        free(sorted);
        return -1;
    }
    size_t n = 0;
    for (size_t m = 0; m < ds->mention_count; m++) {
        int32_t p = ds->mentions[m].person;
        if (p >= 0 && ds->persons[p].first_mention == m) {
            order[p] = (int32_t)n;
            sorted[n++] = ds->persons[p];
        }
    }
    if (n)
        memcpy(ds->persons, sorted, n * sizeof *sorted);
    for (size_t m = 0; m < ds->mention_count; m++)
        if (ds->mentions[m].person >= 0)
            ds->mentions[m].person = order[ds->mentions[m].person];
    /* each person's mentions chained in text order (order[] now serves as the last seen) */
    for (size_t p = 0; p < ds->person_count; p++)
        order[p] = -1;
    for (size_t m = ds->mention_count; m-- > 0;) {
        int32_t p = ds->mentions[m].person;
        ds->mentions[m].next_of_person = p >= 0 ? order[p] : -1;
        if (p >= 0)
            order[p] = (int32_t)m;
    }
    free(order);
    free(sorted);
    for (size_t m = 0; m < ds->mention_count; m++)
        if (ds->mentions[m].person >= 0)
            ds->persons[ds->mentions[m].person].cues |= ds->mentions[m].cues;
    return 0;
}

/* ---- classification ----------------------------------------------------- */

/* Whether the page's text, in scope or not, has the two words of a listed name in a row. */
static int full_name_on_page(const doc_state *ds, const meta_name *mn)
{
    const char *first = pool_get(ds, mn->first), *last = pool_get(ds, mn->last);
    size_t fl = strlen(first), ll = strlen(last);
    size_t count = galley_doc_token_count(ds->doc);
    for (size_t i = 0; i + 1 < count; i++) {
        const galley_token *t = &ds->tokens[i], *u = &ds->tokens[i + 1];
        if (t->fold_len == fl && u->fold_len == ll && memcmp(t->fold, first, fl) == 0 &&
            memcmp(u->fold, last, ll) == 0)
            return 1;
    }
    return 0;
}

static int meta_matches(const doc_state *ds, const person *p, const meta_name *mn)
{
    const mention *best = &ds->mentions[p->best];
    for (int32_t k = first_of_person(ds, (size_t)best->person); k >= 0;
         k = ds->mentions[k].next_of_person)
        if (same(ds, ds->mentions[k].key, mn->key))
            return 1;
    /* "Serhiy Kuzan" on the list, only "Kuzan" on the page. */
    if (best->words == 1 && mn->words > 1 && same(ds, best->key, mn->last))
        return 1;
    /* "Mel: Okay, we are recording": a first name alone in the story, whose full name
       on the list the page gives only where names are not checked ("hosted by Mel
       Araneta and Dougal Fitzwater" in the credits), is that person. */
    if (best->words == 1 && best->past_token == best->first_token + 1 && mn->words == 2 &&
        same(ds, best->key, mn->first)) {
        /* (one word written alone: "Abu Hassan, 71," is not the listed Hassan Dbouk; nor
           one when the story names the listed person in full) */
        for (size_t k = 0; k < ds->mention_count; k++)
            if (same(ds, ds->mentions[k].key, mn->key))
                return 0;
        return full_name_on_page(ds, mn);
    }
    return 0;
}

/*
 * Whether a mention is introduced by its relation to someone else: "his
 * mother, X", "her neighbour X", "X, her son,".  Such a person is not one of
 * the group a declaration speaks of ("the soldiers quoted").
 */
static int introduced_as_kin(const doc_state *ds, const mention *m)
{
    const galley_sentence *sn = &ds->sentences[m->sentence];
    size_t begin = sn->first_token, past = begin + sn->token_count;
    size_t k = m->first_token;
    if (k > begin && fold_is(&ds->tokens[k - 1], ","))
        k--;
    if (k > begin && has_cue(ds, k - 1, CW_KIN))
        return 1;
    k = m->past_token;
    return k + 2 < past && fold_is(&ds->tokens[k], ",") &&
           has_cue(ds, k + 1, CW_DEFINITE) && has_cue(ds, k + 2, CW_KIN);
}

/* What "a nine-year-old girl, Mariam" calls a child between the age and the name. */
static const char *const child_nouns[] = {"girl",       "boy",       "child",    "baby",
                                          "son",        "daughter",  "grandson", "granddaughter",
                                          "schoolgirl", "schoolboy", NULL};

/* An age written in words, "nine" or "nine-year-old" (to nineteen: the words for
   children's ages), or -1; with year_old, only the second. */
static int age_in_words(const galley_token *t, int year_old)
{
    static const char *const words[] = {
        "zero",     "one",     "two",     "three",     "four",     "five",     "six",
        "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", NULL};
    if (t->kind != GALLEY_TOKEN_WORD || t->fold_len < 3)
        return -1;
    size_t n = t->fold_len;
    if (n > 9 && memcmp(t->fold + n - 9, "-year-old", 9) == 0)
        n -= 9;
    else if (year_old)
        return -1;
    for (int i = 1; words[i]; i++)
        if (strlen(words[i]) == n && memcmp(t->fold, words[i], n) == 0)
            return i;
    return -1;
}

/* The age "a 15-year-old" or "a nine-year-old" gives, ending at token k - 1 (past
   begin), or -1. */
static int year_old_before(const doc_state *ds, size_t begin, size_t k)
{
    if (k > begin && fold_is(&ds->tokens[k - 1], "year-old"))
        return k >= begin + 3 ? short_number(ds, &ds->tokens[k - 3]) : -1;
    return k > begin ? age_in_words(&ds->tokens[k - 1], 1) : -1;
}

/*
 * What the page says of a mention's age: "Adam, 12,", "Souad, 19,", "aged 7", "a
 * 15-year-old", "Khadija, three months old", "Mae, eight,", "a nine-year-old girl, Mariam":
 * AGES_CHILDREN under 18, AGES_ADULTS from 18, AGES_ANY when it says nothing.
 */
static int mention_ages(const doc_state *ds, const mention *m)
{
    const galley_sentence *sn = &ds->sentences[m->sentence];
    size_t begin = sn->first_token, past = begin + sn->token_count;
    size_t n = m->past_token;
    if (n < past && fold_is(&ds->tokens[n], ","))
        n++;
    if (n < past && fold_is(&ds->tokens[n], "aged"))
        n++;
    int years = n < past ? short_number(ds, &ds->tokens[n]) : -1;
    if (years >= 0) {
        /* "three months old", "18 months" */
        if (n + 1 < past && strncmp(ds->tokens[n + 1].fold, "month", 5) == 0)
            years = 0;
    } else if (n + 2 < past && ds->tokens[n].kind == GALLEY_TOKEN_WORD &&
               strncmp(ds->tokens[n + 1].fold, "month", 5) == 0 &&
               fold_is(&ds->tokens[n + 2], "old")) {
        years = 0; /* "three months old" */
    } else if (n > m->past_token && n + 1 < past &&
               (fold_is(&ds->tokens[n + 1], ",") || fold_is(&ds->tokens[n + 1], ")"))) {
        years = age_in_words(&ds->tokens[n], 0); /* "Mae Dizon, eight, who" */
    }
    /* "a 15-year-old, Oksana", "a nine-year-old girl, Mariam" */
    size_t k = m->first_token;
    if (years < 0 && k > begin && fold_is(&ds->tokens[k - 1], ","))
        k--;
    if (years < 0 && k > begin + 1 && word_in(ds->tokens[k - 1].fold, child_nouns))
        k--;
    if (years < 0)
        years = year_old_before(ds, begin, k);
    return years < 0 ? AGES_ANY : years < 18 ? AGES_CHILDREN : AGES_ADULTS;
}

/* Whether a mention of person p carries the mark "Hawa*", right after the name. */
static int starred(const doc_state *ds, size_t p)
{
    for (int32_t k = first_of_person(ds, p); k >= 0; k = ds->mentions[k].next_of_person)
        if (glued_asterisk(ds, ds->mentions[k].past_token))
            return 1;
    return 0;
}

/* Whether person p is first named where declaration d reaches: the whole page, or the
   blocks right under it for one that points at them ("the question below"). */
static int within_reach(const doc_state *ds, const declaration *d, const person *p)
{
    if (d->past_block == UINT32_MAX)
        return 1;
    uint32_t block = ds->sentences[ds->mentions[p->first_mention].sentence].block;
    return block > ds->sentences[d->sentence].block && block < d->past_block;
}

/* Whether a declaration about "the adults" or "the children" speaks of person p. */
static int covers_ages(const declaration *d, const person *p)
{
    return d->ages == AGES_ANY || p->ages == AGES_ANY || d->ages == p->ages;
}

static void classify(doc_state *ds)
{
    int all = -1, group = -1, marked = -1;
    for (size_t d = 0; d < ds->declaration_count; d++) {
        /* a declaration that marks the names it covers covers those alone */
        if (ds->declarations[d].marked) {
            if (marked < 0)
                marked = (int)d;
            continue;
        }
        /* of two article-wide declarations, the one that covers full names too */
        if (ds->declarations[d].scope == DECL_ALL &&
            (all < 0 || (ds->declarations[all].first_names && !ds->declarations[d].first_names)))
            all = (int)d;
        if (ds->declarations[d].scope == DECL_GROUP && group < 0)
            group = (int)d;
    }
    for (size_t i = 0; i < ds->person_count; i++) {
        person *p = &ds->persons[i];
        p->category = CAT_UNLISTED;
        /* 1. the newsroom's word in the meta file comes first */
        for (size_t c = 0; c < 3 && p->meta < 0; c++) {
            int want = c == 0 ? CAT_PSEUDONYM : c == 1 ? CAT_ON_RECORD : CAT_PUBLIC;
            for (size_t k = 0; k < ds->meta_count; k++)
                if (ds->meta[k].category == want && meta_matches(ds, p, &ds->meta[k])) {
                    p->meta = (int32_t)k;
                    p->meta_key = ds->meta[k].list;
                    p->category = want;
                    break;
                }
        }
        const mention *best = &ds->mentions[p->best];
        for (int32_t k = first_of_person(ds, i); k >= 0; k = ds->mentions[k].next_of_person) {
            const mention *m = &ds->mentions[k];
            /* A surname alone that is also a listed form counts only when no fuller name of
               this person says otherwise: "Ortega said", after "Lucia Ortega, 58,", is Lucia
               Ortega, not the listed Daniel Ortega. */
            int own = m->words >= best->words || best->listed == m->listed;
            if (m->listed >= 0 && !m->listed_given && p->public_index < 0 && own)
                p->public_index = m->listed;
            if (m->listed <= -2 && p->on_record_index < 0 && own)
                p->on_record_index = -2 - m->listed;
            if ((uint32_t)k == p->first_mention && introduced_as_kin(ds, m))
                p->kin = 1;
            if (p->ages == AGES_ANY)
                p->ages = mention_ages(ds, m);
            if (!p->affiliated && ds->mentions[p->best].words > 1 && has_affiliation(ds, m))
                p->affiliated = 1;
        }
        for (size_t d = 0; d < ds->declaration_count && p->declaration < 0; d++)
            if (ds->declarations[d].scope == DECL_PERSON && ds->declarations[d].mention >= 0 &&
                ds->mentions[ds->declarations[d].mention].person == (int32_t)i)
                p->declaration = (int32_t)d;
        if (p->meta >= 0)
            continue;
        /* 2. a declaration about this very person, unless a list knows them in full: "who
           led the group under the nom de guerre Abu Mohammed al-Jolani" names a public
           figure's alias, and withholds nothing */
        if (p->declaration >= 0 &&
            !(p->public_index >= 0 && !ds->ps->lex.public[p->public_index].common &&
              ds->mentions[p->best].words > 1)) {
            p->category = CAT_PSEUDONYM;
            continue;
        }
        /* 3. lists and office titles.  A name many private people share ("John Lee",
           marked common in its list) is a namesake, not the listed figure, when the page
           gives the person an age or a relation and no office: "John Lee, 34, a baker". */
        int office =
            ds->ps->office_cues && (p->cues & (CUE_OFFICE | CUE_OFFICE_APPOS | CUE_REGNAL));
        /* A child holds no office: a title before the name of someone the page gives an
           age under 18 is a given name or a pageant's ("Princess Mae Dizon, eight"). */
        if (office && p->ages == AGES_CHILDREN)
            office = 0;
        /* So is one named by one word as someone's relative ("her husband, Petro"), or by
           any listed name as a relative with an age ("her husband, Abdul Jalil, 46"): a
           public figure is not introduced so. */
        int one_word = ds->mentions[p->best].words == 1;
        if (p->public_index >= 0 && !office &&
            ((ds->ps->lex.public[p->public_index].common && ((p->cues & CUE_AGE) || p->kin)) ||
             (p->kin && (one_word || (p->cues & CUE_AGE))))) {
            p->namesake = p->public_index;
            p->public_index = -1;
        }
        if (p->public_index >= 0 || office) {
            p->category = CAT_PUBLIC;
            continue;
        }
        if (p->on_record_index >= 0) {
            p->category = CAT_ON_RECORD;
            continue;
        }
        /* 4. a declaration about all names, or about a group of single-named people; a
           relative introduced as such ("his mother, Nadiia") is not one of "the soldiers" */
        /* a kunya ("Umm Khalid") is a name the neighbours call someone by, as one word is */
        int single = ds->mentions[p->best].words == 1 || kunya(ds, &ds->mentions[p->best]);
        /* "Ray M.": a first name and an initial, when a note says that is what it gives */
        const mention *pb = &ds->mentions[p->best];
        int with_initial = pb->words == 2 && strlen(pool_get(ds, pb->last_key)) == 1;
        if (with_initial && ((all >= 0 && ds->declarations[all].initials) ||
                             (group >= 0 && ds->declarations[group].initials)))
            single = 1;
        if (marked >= 0 && starred(ds, i)) {
            p->category = CAT_PSEUDONYM;
            p->declaration = marked;
        } else if (all >= 0 && covers_ages(&ds->declarations[all], p) &&
                   within_reach(ds, &ds->declarations[all], p) &&
                   (single || (!p->affiliated && !ds->declarations[all].first_names))) {
            p->category = CAT_PSEUDONYM;
            p->declaration = all;
        } else if (group >= 0 &&
                   /* a note on the text under it covers whoever that text names */
                   (single || ds->declarations[group].past_block != UINT32_MAX) &&
                   covers_ages(&ds->declarations[group], p) &&
                   within_reach(ds, &ds->declarations[group], p) &&
                   /* "the medical staff quoted" are no "nine-year-old girl, Mariam" */
                   !(ds->declarations[group].grown && p->ages == AGES_CHILDREN) &&
                   (!p->kin || ds->declarations[group].kin ||
                    ds->declarations[group].ages == AGES_ADULTS ||
                    ds->declarations[group].past_block != UINT32_MAX)) {
            /* a relation is one of "the adults" as much as anyone ("her mother, Souad, 19") */
            p->category = CAT_PSEUDONYM;
            p->declaration = group;
        }
    }
}

/* ---- the result --------------------------------------------------------- */

static const char *category_name(int c)
{
    return c == CAT_PSEUDONYM ? "pseudonym"
           : c == CAT_PUBLIC  ? "public_figure"
           : c == CAT_ON_RECORD ? "on_record"
                                : "unlisted";
}

static const char *scope_name(int s)
{
    return s == DECL_ALL ? "all" : s == DECL_GROUP ? "group" : "person";
}

/* The cues an evidence line names, in its order; length is strlen(name). */
#define CUE_NAME(cue, name) {(cue), (name), sizeof(name) - 1}
static const struct {
    uint32_t cue;
    const char *name;
    size_t length;
} cue_names[] = {
    CUE_NAME(CUE_LISTED, "listed name"),
    CUE_NAME(CUE_GAZETTEER, "known given name or surname"),
    CUE_NAME(CUE_HONORIFIC, "honorific before the name"),
    CUE_NAME(CUE_RANK, "rank before the name"),
    CUE_NAME(CUE_OFFICE, "office title before the name"),
    CUE_NAME(CUE_OFFICE_APPOS, "office in apposition"),
    CUE_NAME(CUE_ATTRIBUTION, "attribution (said, told, wrote)"),
    CUE_NAME(CUE_AGE, "age given"),
    CUE_NAME(CUE_ROLE, "role in apposition"),
    CUE_NAME(CUE_WHO, "\"who\" after the name"),
    CUE_NAME(CUE_CALLED, "introduced as a name (goes by, known as)"),
    CUE_NAME(CUE_INITIALS, "initials"),
    CUE_NAME(CUE_LINKED, "repeats a word of the full name"),
    CUE_NAME(CUE_COORDINATED, "listed together with other people"),
    CUE_NAME(CUE_NAME_SHAPE, "capitalised words inside a sentence"),
    CUE_NAME(CUE_IDENTIFIED, "introduced as all the page gives (\"identified only as\")"),
    CUE_NAME(CUE_REGNAL, "a regnal number after the name"),
    CUE_NAME(CUE_ASTERISK, "an asterisk after the name"),
    CUE_NAME(CUE_ADDRESS, "address in apposition"),
    CUE_NAME(CUE_BESIDE_ME, "named beside the writer (\"X and I\")"),
    CUE_NAME(CUE_BYNAME, "another name given after it (\"known as\")"),
    CUE_NAME(CUE_AFFILIATION, "institution in apposition")};

/* A short account of the decision, for the editor. */
/*
 * At most max bytes of s, cut back to the start of a character: JSON strings
 * must be valid UTF-8, and jansson refuses (returns NULL for) one that is not,
 * which would fail the whole document as if memory had run out.
 */
static int utf8_cut(const char *s, size_t length, size_t max)
{
    if (length <= max)
        return (int)length;
    size_t cut = max;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    return (int)cut;
}

static void evidence_text(const doc_state *ds, const person *p, char *out, size_t size);

/* Appends length bytes of s to out (n bytes long, size bytes of room), as many as fit with
   the NUL; returns the new length. */
static size_t append(char *out, size_t n, size_t size, const char *s, size_t length)
{
    if (n + length + 1 > size)
        length = size - 1 - n;
    memcpy(out + n, s, length);
    out[n + length] = '\0';
    return n + length;
}

/* The evidence line, whole characters only however it was cut to fit. */
static void evidence(const doc_state *ds, const person *p, char *out, size_t size)
{
    evidence_text(ds, p, out, size);
    size_t n = strlen(out), lead = n;
    while (lead > 0 && ((unsigned char)out[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead > 0 && (unsigned char)out[lead - 1] >= 0xC0) {
        unsigned char c = (unsigned char)out[lead - 1];
        size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (n - (lead - 1) < want)
            out[lead - 1] = '\0';
    }
}

static void evidence_text(const doc_state *ds, const person *p, char *out, size_t size)
{
    const lexicon *lex = &ds->ps->lex;
    size_t n = 0;
    out[0] = '\0';
    if (p->meta >= 0) {
        n = (size_t)snprintf(out, size, "listed under \"%s\" in the article's meta file",
                             p->meta_key);
    } else if (p->category == CAT_PSEUDONYM && p->declaration >= 0) {
        const declaration *d = &ds->declarations[p->declaration];
        int line = 0, column = 0;
        galley_doc_line_column(ds->doc, d->start, &line, &column);
        size_t len = d->end - d->start;
        n = (size_t)snprintf(out, size, "covered by the %s declaration on line %d: \"%.*s%s\"",
                             d->marked                ? "asterisk-marked"
                             : d->scope == DECL_ALL   ? "article-wide"
                             : d->scope == DECL_GROUP ? "group"
                                                      : "personal",
                             line, utf8_cut(ds->text + d->start, len, 160), ds->text + d->start,
                             len > 160 ? "..." : "");
    } else if (p->category == CAT_PUBLIC && p->public_index >= 0) {
        const lex_person *lp = &lex->public[p->public_index];
        n = (size_t)snprintf(out, size, "on %s as \"%s\"", lp->source, lp->name);
    } else if (p->category == CAT_PUBLIC) {
        const mention *t = NULL;
        for (int32_t k = first_of_person(ds, (size_t)ds->mentions[p->best].person); k >= 0 && !t;
             k = ds->mentions[k].next_of_person)
            if (ds->mentions[k].title &&
                (ds->mentions[k].cues & CUE_OFFICE))
                t = &ds->mentions[k];
        if (t)
            n = (size_t)snprintf(out, size, "office title \"%.*s\" before the name",
                                 (int)t->title_len, t->title);
        else if (p->cues & CUE_REGNAL)
            n = (size_t)snprintf(out, size, "a monarch or a pope, named with a regnal number");
        else
            n = (size_t)snprintf(out, size, "named in a public office (\"the minister, X\")");
    } else if (p->category == CAT_ON_RECORD) {
        const lex_person *lp = &lex->on_record[p->on_record_index];
        n = (size_t)snprintf(out, size, "on the newsroom's on-record list %s as \"%s\"", lp->source,
                             lp->name);
    } else if (p->namesake >= 0) {
        n = (size_t)snprintf(out, size,
                             "shares the common name of \"%s\" (%s) but is given an age or a "
                             "relation and no office: a namesake, on no list",
                             lex->public[p->namesake].name, lex->public[p->namesake].source);
    } else {
        n = (size_t)snprintf(out, size, "on no list and covered by no declaration");
    }
    if (n >= size)
        return;
    /* The cues are appended by hand: a formatted print per cue cost more than the rest of
       the person's result. */
    static const char found_by[] = "; found by:";
    n = append(out, n, size, found_by, sizeof found_by - 1);
    int first = 1;
    for (size_t c = 0; c < sizeof cue_names / sizeof cue_names[0] && n + 1 < size; c++)
        if (p->cues & cue_names[c].cue) {
            if (!first)
                n = append(out, n, size, ",", 1);
            n = append(out, n, size, " ", 1);
            n = append(out, n, size, cue_names[c].name, cue_names[c].length);
            first = 0;
        }
}

/*
 * The line and column of every mention, in one pass over the mentions in page order:
 * a mention on the line of the one before it counts its column on from that one's, so
 * that a page of one long line with thousands of names costs one pass over the line, not
 * one per name.  Between two mentions with a line break between them, or out of order, the
 * core says (it counts from the line's start).  out has 2 ints a mention.
 */
static void mention_positions(const doc_state *ds, int *out)
{
    for (size_t k = 0; k < ds->mention_count; k++) {
        const mention *m = &ds->mentions[k];
        const mention *prev = k ? &ds->mentions[k - 1] : NULL;
        if (prev && prev->start <= m->start &&
            !memchr(ds->text + prev->start, '\n', m->start - prev->start) &&
            !memchr(ds->text + prev->start, '\r', m->start - prev->start)) {
            size_t chars = 0;
            for (uint32_t b = prev->start; b < m->start; b++)
                chars += ((unsigned char)ds->text[b] & 0xC0) != 0x80;
            out[2 * k] = out[2 * (k - 1)];
            out[2 * k + 1] = out[2 * (k - 1) + 1] + (int)chars;
        } else {
            galley_doc_line_column(ds->doc, m->start, &out[2 * k], &out[2 * k + 1]);
        }
    }
}

/* A string member of the result being written. */
static void put_string(galley_doc *doc, const char *key, const char *s, size_t n)
{
    galley_result_key(doc, key);
    galley_result_string(doc, s, n);
}

static void put_integer(galley_doc *doc, const char *key, long long v)
{
    galley_result_key(doc, key);
    galley_result_integer(doc, v);
}

/*
 * The result, written as text with galley_result_* (an object for every
 * mention: as JSON values they were a fifth of the step).  A call the host
 * refuses fails the step when process() returns, so none is checked here.
 * Returns 0, or -1 when out of memory.
 */
static int write_result(doc_state *ds, const char *evidence_lines, const uint32_t *evidence_at)
{
    galley_doc *doc = ds->doc;
    size_t counts[4] = {0, 0, 0, 0};
    int *positions = malloc((2 * ds->mention_count + 2) * sizeof *positions);
    if (!positions)
        return -1;
    mention_positions(ds, positions);
    galley_result_key(doc, "persons");
    galley_result_begin_array(doc);
    for (size_t i = 0; i < ds->person_count; i++) {
        const person *p = &ds->persons[i];
        galley_result_begin_object(doc);
        char shown[512];
        int shown_len = display_name(ds, p, shown, sizeof shown);
        put_string(doc, "name", shown, (size_t)shown_len);
        const char *category = category_name(p->category);
        put_string(doc, "category", category, strlen(category));
        galley_result_key(doc, "mentions");
        galley_result_begin_array(doc);
        for (int32_t k = first_of_person(ds, i); k >= 0; k = ds->mentions[k].next_of_person) {
            const mention *m = &ds->mentions[k];
            const int *at = &positions[(size_t)k * 2];
            galley_result_begin_object(doc);
            put_string(doc, "text", ds->text + m->start, m->end - m->start);
            put_integer(doc, "start", m->start);
            put_integer(doc, "end", m->end);
            put_integer(doc, "line", at[0]);
            put_integer(doc, "column", at[1]);
            galley_result_end(doc);
        }
        galley_result_end(doc);
        put_string(doc, "evidence", evidence_lines + evidence_at[i],
                   evidence_at[i + 1] - evidence_at[i] - 1);
        if (p->declaration >= 0 && p->category == CAT_PSEUDONYM)
            put_integer(doc, "declaration", p->declaration);
        galley_result_end(doc);
        counts[p->category]++;
    }
    galley_result_end(doc);
    free(positions);
    galley_result_key(doc, "declarations");
    galley_result_begin_array(doc);
    for (size_t d = 0; d < ds->declaration_count; d++) {
        const declaration *dd = &ds->declarations[d];
        int line = 0, column = 0;
        galley_doc_line_column(doc, dd->start, &line, &column);
        galley_result_begin_object(doc);
        put_string(doc, "text", ds->text + dd->start, dd->end - dd->start);
        put_integer(doc, "start", dd->start);
        put_integer(doc, "end", dd->end);
        put_integer(doc, "line", line);
        put_integer(doc, "column", column);
        const char *scope = scope_name(dd->scope);
        put_string(doc, "scope", scope, strlen(scope));
        galley_result_key(doc, "covers");
        galley_result_begin_array(doc);
        for (size_t i = 0; i < ds->person_count; i++) {
            const person *p = &ds->persons[i];
            if (p->declaration != (int32_t)d || p->category != CAT_PSEUDONYM || p->meta >= 0)
                continue;
            const mention *b = &ds->mentions[p->best];
            galley_result_string(doc, ds->text + b->start, b->end - b->start);
        }
        galley_result_end(doc);
        galley_result_end(doc);
    }
    galley_result_end(doc);
    put_integer(doc, "unlisted", (long long)counts[CAT_UNLISTED]);
    put_integer(doc, "pseudonyms", (long long)counts[CAT_PSEUDONYM]);
    put_integer(doc, "public_figures", (long long)counts[CAT_PUBLIC]);
    put_integer(doc, "on_record", (long long)counts[CAT_ON_RECORD]);
    return 0;
}

static int report_unlisted(doc_state *ds, const char *evidence_lines, const uint32_t *evidence_at)
{
    for (size_t i = 0; i < ds->person_count; i++) {
        const person *p = &ds->persons[i];
        if (p->category != CAT_UNLISTED)
            continue;
        const mention *first = &ds->mentions[p->first_mention];
        char shown[512];
        int len = display_name(ds, p, shown, sizeof shown);
        size_t more = 0;
        for (int32_t k = first_of_person(ds, i); k >= 0; k = ds->mentions[k].next_of_person)
            more++;
        const char *why = evidence_lines + evidence_at[i];
        const char *found = strstr(why, "found by:");
        char count[48] = "";
        if (more > 1)
            snprintf(count, sizeof count, " (%zu mentions)", more);
        int rc = galley_doc_add_finding(
            ds->doc, "unlisted-name", GALLEY_ERROR, first->start, first->end,
            "%.*s is named here%s but is not cleared for publication: not a declared pseudonym, "
            "not a public figure on any list, not an on-record source (%s). If the person agreed "
            "to be named, add \"%.*s\" to \"on_record\" in the article's meta file; otherwise "
            "replace the name or declare it a pseudonym",
            len, shown, count, found ? found : why, len, shown);
        if (rc == GALLEY_ENOMEM)
            return -1;
    }
    return 0;
}

/*
 * Every person's evidence line, each NUL-terminated, one after the other in *lines:
 * person i's starts at (*at)[i], and (*at)[person_count] is the end.  The findings and
 * the result both give it, and it is written once.  0, or -1 when memory ran out.
 */
static int all_evidence(const doc_state *ds, char **lines, uint32_t **at)
{
    size_t length = 0, cap = 0;
    *lines = NULL;
    *at = malloc((ds->person_count + 1) * sizeof **at);
    if (!*at)
        return -1;
    for (size_t i = 0; i < ds->person_count; i++) {
        char why[1024];
        evidence(ds, &ds->persons[i], why, sizeof why);
        size_t n = strlen(why) + 1;
        if (grow_array((void **)lines, &cap, length + n, 1) != 0)
            return -1;
        memcpy(*lines + length, why, n);
        (*at)[i] = (uint32_t)length;
        length += n;
    }
    (*at)[ds->person_count] = (uint32_t)length;
    return 0;
}

static void doc_free(doc_state *ds)
{
    free(ds->cache);
    free(ds->pool.data);
    free(ds->pool.slots);
    free(ds->mentions);
    free(ds->persons);
    free(ds->declarations);
    free(ds->meta);
}

static int anonymise_process(const void *state, galley_doc *doc, galley_error *err)
{
    doc_state ds;
    memset(&ds, 0, sizeof ds);
    ds.ps = state;
    ds.doc = doc;
    ds.text = galley_doc_text(doc, &ds.text_length);
    ds.tokens = galley_doc_tokens(doc);
    ds.sentences = galley_doc_sentences(doc);
    /* An array of pointers: sizeof *ds.cache is a pointer's size on purpose. */
    ds.cache = calloc(galley_doc_token_count(doc) + 1,
                      sizeof *ds.cache); // NOLINT(bugprone-sizeof-expression)
    if (!ds.cache)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    int rc = read_meta(&ds, err);
    if (rc == GALLEY_OK)
        rc = find_mentions(&ds, err);
    if (rc == GALLEY_OK && link_mentions(&ds) != 0)
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory linking names");
    if (rc == GALLEY_OK)
        rc = find_declarations(&ds, err);
    if (rc == GALLEY_OK) {
        classify(&ds);
        char *lines = NULL;
        uint32_t *at = NULL;
        if (all_evidence(&ds, &lines, &at) != 0 || report_unlisted(&ds, lines, at) != 0 ||
            write_result(&ds, lines, at) != 0)
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory writing the result");
        free(lines);
        free(at);
    }
    if (rc == GALLEY_OK)
        rc = report_details(&ds, err);
    doc_free(&ds);
    return rc;
}

/* ---- the descriptor ----------------------------------------------------- */

static const galley_field anonymise_results[] = {
    {"persons", GALLEY_TYPE_ARRAY,
     "every person named in scope: {name, category (pseudonym, public_figure, on_record, "
     "unlisted), mentions [{text, start, end, line, column}], evidence, declaration}"},
    {"declarations", GALLEY_TYPE_ARRAY,
     "pseudonym declarations found in the text: {text, start, end, line, column, scope (all, "
     "group, person), covers [names]}"},
    {"unlisted", GALLEY_TYPE_NUMBER, "persons not cleared for publication (each is an error)"},
    {"pseudonyms", GALLEY_TYPE_NUMBER, "persons cleared as pseudonyms"},
    {"public_figures", GALLEY_TYPE_NUMBER, "persons cleared as public figures"},
    {"on_record", GALLEY_TYPE_NUMBER, "persons cleared as on-record sources"},
    {NULL, 0, NULL}};

static const galley_option anonymise_options[] = {
    {"public_figures", GALLEY_TYPE_PATH, NULL,
     "the newsroom's own list of public figures, added to the shipped one: one person a line, "
     "FULL NAME, optionally a tab and other written forms separated by | (\"Ihor Terekhov<TAB>Terekhov\"); "
     "# starts a comment. Use it for people a national list would not have: a mayor, a "
     "governor, a spokeswoman"},
    {"on_record", GALLEY_TYPE_PATH, NULL,
     "the newsroom's list of people who have agreed to be named in any story (regular "
     "columnists, staff, standing sources), in the same format; per-article consent belongs "
     "in the meta file's \"on_record\""},
    {"shipped_public_figures", GALLEY_TYPE_BOOL, "true",
     "load data/public-figures.txt (about 4,000 office holders and public figures named in "
     "international news, of today and of history); set false to trust only the newsroom's list"},
    {"office_cues", GALLEY_TYPE_BOOL, "true",
     "treat an office title before a name (\"President X\", \"Prime Minister X\", \"Judge X\") "
     "or an office in apposition (\"the foreign minister, X\", \"X, a judge at the district "
     "court\") as proof of a public figure; a post that any body has (chair, director, "
     "spokesman) counts in apposition only in a public body (\"a spokesman for the 47th "
     "Brigade\", not \"the club's chair\")"},
    {"identifying_details", GALLEY_TYPE_BOOL, "true",
     "warn when a pseudonym is told next to an identifying detail: an age, a rank and unit, a "
     "numbered unit, a home town, a former or distinctive job"},
    {NULL, 0, NULL, NULL}};

static const char *const anonymise_meta_keys[] = {"pseudonyms", "on_record", "public_figures",
                                                  NULL};

static const char *const anonymise_rules[] = {
    "unlisted-name: a person named in scope is neither a declared pseudonym, a public figure "
    "nor an on-record source; clear the name in the meta file or replace it",
    "identifying-detail: a pseudonym is told next to a detail (age, rank and unit, home town, "
    "distinctive job) that could identify the real person",
    "declaration-conflict: the article says none of its names are real, yet gives a full name "
    "with an institution",
    NULL};

static const galley_plugin anonymise_plugin = {
    GALLEY_PLUGIN_HEADER,
    .name = "anonymise",
    .version = "1.0.0",
    .summary = "Every person named, and whether the name is cleared for publication",
    .license = "MIT",
    .description =
        "Finds the people named in the blocks in scope (capitalised words checked against "
        "given-name lists in 48 languages and a surname list, titles, attributions such as "
        "\"said\" and \"according to\", ages and roles in apposition; places, organisations, months, "
        "nationalities and brands excluded), links repeated and surname-only mentions to one "
        "person, and finds pseudonym declarations in the text (\"None of the names in this "
        "article are real\", \"not her real name\", \"identified only by their call signs\"). "
        "Each person is a pseudonym (the meta file's \"pseudonyms\" or a declaration), a "
        "public figure (the shipped or newsroom list, the meta file, or an office title), on "
        "record (the meta file or a newsroom list), or unlisted, which is an error. The result "
        "lists every person with the evidence, so an editor sees what was cleared and why.",
    .results = anonymise_results,
    .options = anonymise_options,
    .meta_keys = anonymise_meta_keys,
    .rules = anonymise_rules,
    .create = anonymise_create,
    .process = anonymise_process,
    .destroy = anonymise_destroy,
};

GALLEY_PLUGIN_DEFINE(anonymise_plugin)
