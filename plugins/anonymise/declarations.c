/*
 * declarations.c -- pseudonym declarations in the text, and the details next
 * to a pseudonym that could still identify the source.
 *
 * A declaration is recognised by its parts rather than by fixed sentences,
 * because newsrooms phrase it a hundred ways: a word for a name ("name",
 * "names", "call sign", "pseudonym") together with either a denial that it is
 * real ("None of the names ... are real", "not her real name"), a change
 * ("whose name has been changed"), or a restriction ("identified only by their
 * call signs", "asked to be identified only by her first name").  What it
 * covers follows from its grammar: a plural with no one named speaks of every
 * name in the article, or of a group ("the soldiers quoted"), and a singular
 * of the person named in the sentence or, failing that, the one just before.
 */
#include <stdlib.h>
#include <string.h>

#include "anonymise.h"

static const char *const name_nouns[] = {"name",      "names",      "surname",  "surnames",
                                         "pseudonym", "pseudonyms", "nickname", "nicknames",
                                         "callsign",  "callsigns",  "alias",    "aliases",
                                         "kunya",     "kunyas",     NULL};
static const char *const plural_nouns[] = {"names",     "surnames", "pseudonyms", "nicknames",
                                           "callsigns", "aliases",  "kunyas",     NULL};
static const char *const real_words[] = {"real", "true", "actual", "genuine", "own", NULL};
static const char *const negations[] = {"not", "no", "none", "never", "neither", "nor", NULL};
/* Verbs of what might be: "names may be changed" says nothing of the names here. */
static const char *const modal_words[] = {"may", "might", "can", "could", NULL};
static const char *const change_words[] = {"changed",   "change",     "altered",
                                           "withheld",  "anonymised", "anonymized",
                                           "disguised", "replaced",   NULL};
static const char *const identify_words[] = {
    "identified", "identify", "named",   "known",   "referred",  "called", "use",
    "used",       "using",    "go",      "goes",    "give",      "gives",  "gave",
    "given",      "print",    "printed", "publish", "published", NULL};
static const char *const group_nouns[] = {
    "soldiers",   "men",       "women",     "people",      "residents",    "civilians",
    "fighters",   "pilots",    "medics",    "sources",     "interviewees", "villagers",
    "troops",     "families",  "officers",  "servicemen",  "volunteers",   "workers",
    "survivors",  "refugees",  "patients",  "children",    "members",      "operators",
    "marines",    "those",     "others",    "some",        "several",      "relatives",
    "neighbours", "neighbors", "students",  "teachers",    "doctors",      "nurses",
    "crew",       "crews",     "detainees", "prisoners",   "witnesses",    "locals",
    "evacuees",   "parents",   "staff",     "traders",     "vendors",      "farmers",
    "fishermen",  "miners",    "drivers",   "shopkeepers", "migrants",     "deserters",
    "protesters", "activists", "employees", "guards",      "victims",      "mothers",
    "fathers",    "wives",     "players",   "fans",        "guests",       "customers",
    "couples",    "readers",   "carers",    "pupils",      "clients",      NULL};
static const char *const pronoun_starts[] = {"he", "she", "his", "her", "they", "their", NULL};
static const char *const unit_nouns[] = {"brigade", "battalion", "regiment", "division",
                                         "corps", "company", "platoon", "squad", "battery",
                                         "detachment", "squadron", "unit", "flotilla", NULL};
/* Words by which a declaration speaks of the page itself: "the people in this report". */
static const char *const page_words[] = {"article", "report", "story", "piece", "feature",
                                         "here", "essay", "series", "interview", "interviews",
                                         "investigation", "documentary", "film", "book", NULL};

/* Words that say a name was held back at someone's wish or for their safety. */
static const char *const request_words[] = {
    "asked",     "asks",      "ask",         "agreed",     "requested", "request",
    "condition", "wished",    "wishes",      "wanted",     "prefers",   "preferred",
    "safety",    "security",  "protect",     "protection", "fear",      "fears",
    "feared",    "reprisals", "retaliation", NULL};

/* Whose name a denial speaks of: "not their names", "not her name". */
static const char *const owner_words[] = {"their", "his", "her", "my", "our", NULL};

/* Verbs of keeping a name back: "declined to give his full name". */
static const char *const refusal_words[] = {"declined", "declines",  "refused", "refuses",
                                            "withheld", "withholds", NULL};

static const char *const ordinals[] = {"first", "second", "third", "fourth", "fifth", "sixth",
                                       "seventh", "eighth", "ninth", "tenth", NULL};
static const char *const from_verbs[] = {"comes", "come", "came", "is", "was", "hails",
                                         "originally", "are", NULL};
static const char *const job_words[] = {"taught", "teaches", "studied", "studies", "degree",
                                        "worked", "works", "owner", "owns", "ran", "runs", NULL};
static const char *const generic_roles[] = {"soldier", "serviceman", "servicewoman", "fighter",
                                            "volunteer", "resident", "civilian", "man", "woman",
                                            "source", "officer", "service member", NULL};

int declarations_register_words(lexicon *lex)
{
    return lexicon_add_words(lex, name_nouns, CW_NAME_NOUN) |
           lexicon_add_words(lex, plural_nouns, CW_PLURAL) |
           lexicon_add_words(lex, real_words, CW_REAL) |
           lexicon_add_words(lex, negations, CW_NEGATION) |
           lexicon_add_words(lex, change_words, CW_CHANGE) |
           lexicon_add_words(lex, identify_words, CW_IDENTIFY) |
           lexicon_add_words(lex, group_nouns, CW_GROUP) |
           lexicon_add_words(lex, pronoun_starts, CW_PRONOUN) |
           lexicon_add_words(lex, unit_nouns, CW_UNIT) |
           lexicon_add_words(lex, ordinals, CW_ORDINAL) |
           lexicon_add_words(lex, from_verbs, CW_FROM) |
           lexicon_add_words(lex, job_words, CW_JOB);
}

static int is_punct_char(const doc_state *ds, const galley_token *t, char c)
{
    return t->kind == GALLEY_TOKEN_PUNCTUATION && t->end - t->start == 1 &&
           ds->text[t->start] == c;
}

static int ends_negative(const galley_token *t)
{
    return t->fold_len > 3 && strcmp(t->fold + t->fold_len - 3, "n't") == 0;
}

/* The first mention in sentence s, or -1. */
static int32_t first_mention_in(const doc_state *ds, uint32_t s, size_t *from)
{
    while (*from < ds->mention_count && ds->mentions[*from].sentence < s)
        (*from)++;
    for (size_t m = *from; m < ds->mention_count && ds->mentions[m].sentence == s; m++)
        if (!ds->mentions[m].weak)
            return (int32_t)m;
    return -1;
}

/*
 * The person a singular declaration without a name speaks of ("Her name has
 * been changed"): the last one named before it in the same paragraph, else
 * the next one named in this paragraph or the next, else the last one named
 * in the two paragraphs before.  Listed public figures are never meant, nor,
 * when single is set (only a surname is withheld), anyone named in full.
 */
/* The first mention of sentence s that starts after token t, weak or not, or
   mention_count. */
static size_t first_after_token(const doc_state *ds, uint32_t s, size_t t)
{
    size_t m = 0;
    while (m < ds->mention_count && ds->mentions[m].sentence < s)
        m++;
    while (m < ds->mention_count && ds->mentions[m].sentence == s &&
           ds->mentions[m].first_token <= t)
        m++;
    return m;
}

static int32_t mention_near(const doc_state *ds, uint32_t s, uint32_t block, int single)
{
    size_t first_after = 0;
    while (first_after < ds->mention_count && ds->mentions[first_after].sentence < s)
        first_after++;
    int32_t before = -1;
    for (size_t m = first_after; m-- > 0;) {
        const mention *mm = &ds->mentions[m];
        if (mm->block + 2 < block)
            break;
        if (!mm->weak && mm->listed < 0 && (!single || mm->words == 1)) {
            before = (int32_t)m;
            break;
        }
    }
    if (before >= 0 && ds->mentions[before].block == block)
        return before;
    for (size_t m = first_after; m < ds->mention_count; m++) {
        const mention *mm = &ds->mentions[m];
        if (mm->block > block + 1)
            break;
        if (mm->sentence > s && !mm->weak && mm->listed < 0 && (!single || mm->words == 1))
            return (int32_t)m;
    }
    return before;
}

/* A block that reads as a heading: a few words and no full stop at its end. */
static int heading_block(const doc_state *ds, const galley_block *b)
{
    size_t words = 0, past = b->first_token + b->token_count, last = past;
    for (size_t k = b->first_token; k < past; k++)
        if (ds->tokens[k].kind == GALLEY_TOKEN_WORD)
            words++;
    while (last > b->first_token && (ds->tokens[last - 1].flags & GALLEY_TOKEN_QUOTE_CLOSE))
        last--;
    if (words == 0 || words > 8 || last == b->first_token)
        return 0;
    char c = ds->text[ds->tokens[last - 1].start];
    return !(ds->tokens[last - 1].kind == GALLEY_TOKEN_PUNCTUATION &&
             (c == '.' || c == '!' || c == '?'));
}

/*
 * Where a declaration that points at the text under it ("Names and some details in the
 * question below have been changed", "in the following letter") stops covering: at the
 * first heading after the text it points at ("The answer"), eight blocks on at most; or
 * UINT32_MAX when it points nowhere and covers the page.
 */
static uint32_t scope_below(const doc_state *ds, const galley_sentence *sn)
{
    int below = 0;
    size_t past = sn->first_token + sn->token_count;
    for (size_t k = sn->first_token; k < past && !below; k++) {
        const galley_token *t = &ds->tokens[k];
        /* "the following letter", not "the following names have been changed" */
        below = fold_is(t, "below") || fold_is(t, "beneath") ||
                (fold_is(t, "following") && k + 1 < past &&
                 ds->tokens[k + 1].kind == GALLEY_TOKEN_WORD &&
                 !fold_is(&ds->tokens[k + 1], "names") && !fold_is(&ds->tokens[k + 1], "people"));
    }
    if (!below)
        return UINT32_MAX;
    const galley_block *blocks = galley_doc_blocks(ds->doc);
    size_t count = galley_doc_block_count(ds->doc), b = sn->block + 1;
    int text = 0;
    for (; b < count && b <= sn->block + 8; b++) {
        int heading = heading_block(ds, &blocks[b]);
        if (heading && text)
            return (uint32_t)b;
        text |= !heading;
    }
    return (uint32_t)b;
}

static int add_declaration(doc_state *ds, const galley_sentence *sn, uint32_t s, int scope,
                           int32_t m)
{
    if (grow_array((void **)&ds->declarations, &ds->declaration_cap, ds->declaration_count + 1,
                   sizeof *ds->declarations) != 0)
        return -1;
    declaration *d = &ds->declarations[ds->declaration_count++];
    d->sentence = s;
    d->start = sn->start;
    d->end = sn->end;
    d->scope = scope;
    d->mention = m;
    d->first_names = 0;
    d->initials = 0;
    d->kin = 0;
    d->marked = 0;
    d->ages = AGES_ANY;
    d->grown = 0;
    d->past_block = scope == DECL_PERSON ? UINT32_MAX : scope_below(ds, sn);
    return 0;
}

/*
 * Whether a declaration in sentence s says which names it covers by a mark:
 * "Their names have been changed and are marked with an asterisk", "Names
 * marked * are not real".  The mark may be named in the sentence itself or in
 * the next one of the same block.
 */
static int names_marked(const doc_state *ds, uint32_t s)
{
    size_t count = galley_doc_sentence_count(ds->doc);
    for (size_t k = s; k < count && k <= (size_t)s + 1; k++) {
        const galley_sentence *sn = &ds->sentences[k];
        if (k > s && sn->block != ds->sentences[s].block)
            break;
        for (size_t i = sn->first_token; i < sn->first_token + sn->token_count; i++)
            if (strncmp(ds->tokens[i].fold, "asterisk", 8) == 0 ||
                fold_is(&ds->tokens[i], "*"))
                return 1;
    }
    return 0;
}

/* "their surnames be left out", "her surname kept out of print": out within three words. */
static int out_follows(const doc_state *ds, size_t i, size_t past)
{
    for (size_t k = i + 1; k < past && k < i + 4; k++)
        if (fold_is(&ds->tokens[k], "out"))
            return 1;
    return 0;
}

/*
 * Whether a token is a word for a name (name, names, surname, pseudonym,
 * nickname, callsign, alias, or "call" and "nom" that open "call sign" and
 * "nom de guerre"), by its length and a byte comparison, so that the many
 * sentences without one cost no hash lookup.
 */
static int might_be_name_noun(const galley_token *t)
{
    const char *f = t->fold;
    switch (t->fold_len) {
    case 3: return memcmp(f, "nom", 3) == 0;
    case 4:
        return memcmp(f, "name", 4) == 0 || memcmp(f, "call", 4) == 0 || memcmp(f, "noms", 4) == 0;
    case 5:
        return memcmp(f, "names", 5) == 0 || memcmp(f, "alias", 5) == 0 ||
               memcmp(f, "kunya", 5) == 0;
    case 6: return memcmp(f, "kunyas", 6) == 0;
    case 7: return memcmp(f, "surname", 7) == 0 || memcmp(f, "aliases", 7) == 0;
    case 8:
        return memcmp(f, "surnames", 8) == 0 || memcmp(f, "nickname", 8) == 0 ||
               memcmp(f, "callsign", 8) == 0 || memcmp(f, "initials", 8) == 0;
    case 9:
        return memcmp(f, "pseudonym", 9) == 0 || memcmp(f, "nicknames", 9) == 0 ||
               memcmp(f, "callsigns", 9) == 0;
    case 10: return memcmp(f, "pseudonyms", 10) == 0;
    default: return 0;
    }
}

/*
 * A filter for might_be_name_noun: a key of a word's first three letters and its
 * length, and a table with the keys of the words it knows.  About one word in a
 * hundred of ordinary prose shares a key with one of them.
 */
#define NOUN_KEY(a, b, c, len) \
    (((((unsigned)(a) * 43u + (unsigned)(b)) * 43u + (unsigned)(c)) * 11u + (unsigned)(len)) & 1023u)
static const unsigned char noun_keys[1024] = {
    [NOUN_KEY('n', 'o', 'm', 3)] = 1, [NOUN_KEY('n', 'a', 'm', 4)] = 1,
    [NOUN_KEY('c', 'a', 'l', 4)] = 1, [NOUN_KEY('n', 'a', 'm', 5)] = 1,
    [NOUN_KEY('a', 'l', 'i', 5)] = 1, [NOUN_KEY('s', 'u', 'r', 7)] = 1,
    [NOUN_KEY('a', 'l', 'i', 7)] = 1, [NOUN_KEY('s', 'u', 'r', 8)] = 1,
    [NOUN_KEY('n', 'i', 'c', 8)] = 1, [NOUN_KEY('c', 'a', 'l', 8)] = 1,
    [NOUN_KEY('p', 's', 'e', 9)] = 1, [NOUN_KEY('n', 'i', 'c', 9)] = 1,
    [NOUN_KEY('c', 'a', 'l', 9)] = 1, [NOUN_KEY('p', 's', 'e', 10)] = 1,
    [NOUN_KEY('i', 'n', 'i', 8)] = 1, [NOUN_KEY('n', 'o', 'm', 4)] = 1,
    [NOUN_KEY('k', 'u', 'n', 5)] = 1, [NOUN_KEY('k', 'u', 'n', 6)] = 1};

/* Whether sentence s names someone by initials alone ("S.M., who agreed to be identified by
   his initials"); mentions before index from are in earlier sentences. */
static int initials_named(const doc_state *ds, uint32_t s, size_t from)
{
    for (size_t m = from; m < ds->mention_count && ds->mentions[m].sentence <= s; m++)
        if (ds->mentions[m].sentence == s && ds->mentions[m].initials_only && !ds->mentions[m].weak)
            return 1;
    return 0;
}

/* A noun for a group of people ("staff", "parents", "relatives"), not "some" or "those". */
static int people_noun(const doc_state *ds, size_t i)
{
    const char *f = ds->tokens[i].fold;
    return has_cue(ds, i, CW_GROUP) && !str_is(f, "some") && !str_is(f, "several") &&
           !str_is(f, "those") && !str_is(f, "others");
}

/* Groups of grown-ups by trade or role: "the medical staff quoted", "the members of the
   crew", "the mothers". */
static const char *const grown_nouns[] = {
    "soldiers", "men",        "women",      "fighters", "pilots",    "medics",  "troops",
    "officers", "servicemen", "volunteers", "workers",  "operators", "marines", "teachers",
    "doctors",  "nurses",     "crew",       "crews",    "staff",     "mothers", "fathers",
    "parents",  "colleagues", "paramedics", "deminers", "rescuers",  NULL};

/* Whether sentence sn speaks of a group of grown-ups only: a noun of grown_nouns, and none
   for people of any age ("the families", "the residents", "the children"). */
static int speaks_of_grown_ups(const doc_state *ds, const galley_sentence *sn)
{
    int grown = 0;
    for (size_t i = sn->first_token; i < sn->first_token + sn->token_count; i++) {
        const char *f = ds->tokens[i].fold;
        if (ds->tokens[i].kind != GALLEY_TOKEN_WORD || str_is(f, "members"))
            continue;
        if (word_in(f, grown_nouns))
            grown = 1;
        else if (people_noun(ds, i) || str_is(f, "family") || str_is(f, "children") ||
                 str_is(f, "children's") || str_is(f, "kids") || str_is(f, "minors") ||
                 str_is(f, "pupils") || str_is(f, "teenagers") || str_is(f, "households"))
            return 0;
    }
    return grown;
}

/* Whether sentence sn speaks of a group of people ("the medical staff", "the relatives"). */
static int speaks_of_group(const doc_state *ds, const galley_sentence *sn)
{
    for (size_t i = sn->first_token; i < sn->first_token + sn->token_count; i++)
        if (people_noun(ds, i))
            return 1;
    return 0;
}

/*
 * A declaration that speaks of "them" with no one named in it: each person named
 * in the sentence before, in the same paragraph, is declared when it names at
 * least at_least of them (*rc gets the result of adding them).  cursor is the
 * first mention of sentence s or after it (first_mention_in leaves it there).
 * Returns whether there was anyone to declare.
 */
static int declare_previous(doc_state *ds, const galley_sentence *sn, uint32_t s, size_t cursor,
                            size_t at_least, int *rc)
{
    if (s == 0 || ds->sentences[s - 1].block != sn->block)
        return 0;
    size_t k = cursor, named = 0;
    while (k > 0 && ds->mentions[k - 1].sentence == s - 1) {
        k--;
        named += !ds->mentions[k].weak;
    }
    if (named < at_least)
        return 0;
    int found = 0;
    for (; k < cursor && *rc == 0; k++)
        if (!ds->mentions[k].weak) {
            *rc = add_declaration(ds, sn, s, DECL_PERSON, (int32_t)k);
            found = 1;
        }
    return found;
}

/*
 * For a declaration in an aside, out of scope, where no mention was found: declares each
 * person of the story named by a single capitalised word of the sentence ("Editor's note:
 * Natalya, Denis and Vera are not their real names").  Returns whether it named anyone;
 * *rc is set on a failure to add one.
 */
#define MAX_ASIDE_NAMES 16
static int named_in_aside(doc_state *ds, const galley_sentence *sn, uint32_t s, int *rc)
{
    int named = 0, words = 0;
    size_t past = sn->first_token + sn->token_count;
    /* a note names a few people; reading at most MAX_ASIDE_NAMES words keeps a long
       sentence of capitals from costing a pass over every mention per word */
    for (size_t i = sn->first_token + 1; i < past && *rc == 0 && words < MAX_ASIDE_NAMES; i++) {
        const galley_token *t = &ds->tokens[i];
        if (t->kind != GALLEY_TOKEN_WORD || !(t->flags & GALLEY_TOKEN_CAPITALISED))
            continue;
        words++;
        for (size_t k = 0; k < ds->mention_count; k++) {
            const mention *mk = &ds->mentions[k];
            if (mk->words == 1 && !mk->weak && strcmp(pool_get(ds, mk->key), t->fold) == 0) {
                *rc = add_declaration(ds, sn, s, DECL_PERSON, (int32_t)k);
                named = 1;
                break;
            }
        }
    }
    return named;
}

/* Whether block b opens as an editor's note does ("Editor's note:", "Note:"): one set
   after the story still speaks of it, where a teaser there speaks of another. */
static int note_block(const doc_state *ds, size_t b)
{
    const galley_block *blk = &galley_doc_blocks(ds->doc)[b];
    if (blk->sentence_count == 0)
        return 0;
    const galley_sentence *sn = &ds->sentences[blk->first_sentence];
    size_t i = sn->first_token, past = i + sn->token_count;
    if (i + 1 < past && (fold_is(&ds->tokens[i], "editor's") ||
                         fold_is(&ds->tokens[i], "editors'") || fold_is(&ds->tokens[i], "editors")))
        i++;
    return i + 1 < past && (fold_is(&ds->tokens[i], "note") || fold_is(&ds->tokens[i], "notes")) &&
           (is_punct_char(ds, &ds->tokens[i + 1], ':') || i > sn->first_token);
}

/*
 * "Nang Kham (not her real name), 24, and Sai Lin (not his real name), 27": a denial right
 * after each name, which the sentence-wide reading above gives to one of them only.  Each
 * name followed by "(not her real name)" or ", not his real name," is declared.
 */
static int declare_asides(doc_state *ds, galley_error *err)
{
    size_t tokens = galley_doc_token_count(ds->doc);
    for (size_t m = 0; m < ds->mention_count; m++) {
        const mention *mm = &ds->mentions[m];
        size_t k = mm->past_token;
        if (k + 3 >= tokens || !(fold_is(&ds->tokens[k], "(") || fold_is(&ds->tokens[k], ",")))
            continue;
        k++;
        if (!fold_is(&ds->tokens[k], "not") ||
            !(fold_is(&ds->tokens[k + 1], "her") || fold_is(&ds->tokens[k + 1], "his") ||
              fold_is(&ds->tokens[k + 1], "their")))
            continue;
        k += 2;
        if (k < tokens && (fold_is(&ds->tokens[k], "real") || fold_is(&ds->tokens[k], "true")))
            k++;
        if (k >= tokens || !fold_is(&ds->tokens[k], "name"))
            continue;
        int declared = 0;
        for (size_t d = 0; d < ds->declaration_count && !declared; d++)
            declared = ds->declarations[d].scope == DECL_PERSON &&
                       ds->declarations[d].mention == (int32_t)m;
        if (declared)
            continue;
        const galley_sentence *sn = &ds->sentences[mm->sentence];
        if (add_declaration(ds, sn, mm->sentence, DECL_PERSON, (int32_t)m) != 0)
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    return GALLEY_OK;
}

int find_declarations(doc_state *ds, galley_error *err)
{
    size_t count = galley_doc_sentence_count(ds->doc), cursor = 0, named = 0;
    /* The story's extent: its first and last block in scope. */
    size_t blocks = galley_doc_block_count(ds->doc), story_first = blocks, story_last = 0;
    for (size_t b = 0; b < blocks; b++)
        if (galley_doc_in_scope(ds->doc, b)) {
            if (story_first == blocks)
                story_first = b;
            story_last = b;
        }
    for (uint32_t s = 0; s < count; s++) {
        const galley_sentence *sn = &ds->sentences[s];
        /* An editor's note set apart from the story ("Some staff asked to be identified by
           their first names only") still declares, when it stands among the story's
           blocks; out of scope, it speaks of everyone, of a group or of the people it
           names, never of one person by a singular word, and teasers before or after the
           story are not read at all. */
        int aside = !galley_doc_in_scope(ds->doc, sn->block);
        if (aside && (sn->block < story_first || sn->block > story_last) &&
            !(sn->block > story_last && note_block(ds, sn->block)))
            continue;
        /* "a 15-year-old identified in court only as K.": the sentence declares that the
           identifier is all the page gives (mentions.c marks the mention). */
        int identified = 0;
        while (named < ds->mention_count && ds->mentions[named].sentence < s)
            named++;
        for (size_t k = named; k < ds->mention_count && ds->mentions[k].sentence == s; k++)
            if (ds->mentions[k].cues & CUE_IDENTIFIED) {
                if (add_declaration(ds, sn, s, DECL_PERSON, (int32_t)k) != 0)
                    return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
                identified = 1;
            }
        if (identified)
            continue;
        size_t noun_at = SIZE_MAX;
        int noun = 0, plural = 0, real = 0, negation = 0, change = 0, only = 0, identify = 0,
            pseudonym = 0, group = 0, surname = 0, withhold = 0, altered = 0, kin = 0, they = 0,
            first_name = 0, sign = 0, ages = AGES_ANY, their = 0, page = 0, grown_ups = 0,
            group_first = 0, unchanged = 0, mononym = 0, request = 0, full = 0, refuse = 0,
            nickname = 0, initial = 0;
        size_t past = sn->first_token + sn->token_count;
        /* Most sentences have no word for a name at all: skip them without a lookup.  A
           first pass without branches keeps tokens whose length and first letter could
           make a word for a name; only a sentence with one is read word by word. */
        unsigned maybe = 0;
        for (size_t i = sn->first_token; i < past; i++) {
            const galley_token *t = &ds->tokens[i];
            /* folds are NUL-terminated: a shorter one reads its NUL, and matches nothing */
            const unsigned char *f = (const unsigned char *)t->fold;
            unsigned len = t->fold_len >= 3 && t->fold_len <= 10 ? t->fold_len : 0;
            unsigned c1 = len ? f[1] : 0, c2 = len ? f[2] : 0;
            maybe |= noun_keys[NOUN_KEY(f[0], c1, c2, len)] & (len != 0);
        }
        if (!maybe)
            continue;
        int candidate = 0;
        for (size_t i = sn->first_token; i < past && !candidate; i++)
            candidate = might_be_name_noun(&ds->tokens[i]);
        if (!candidate)
            continue;
        for (size_t i = sn->first_token; i < past; i++) {
            const galley_token *t = &ds->tokens[i];
            if (t->kind != GALLEY_TOKEN_WORD)
                continue;
            /* "call sign" is two words; the second decides singular or plural. */
            if (fold_is(t, "call") && i + 1 < past &&
                (fold_is(&ds->tokens[i + 1], "sign") ||
                 fold_is(&ds->tokens[i + 1], "signs"))) {
                noun = sign = 1;
                plural |= ds->tokens[i + 1].fold[4] == 's';
                noun_at = ++i;
                continue;
            }
            /* "agreed to be identified by his initials": initials are all the page gives */
            if (fold_is(t, "initials")) {
                noun = sign = 1;
                plural |= i > sn->first_token && fold_is(&ds->tokens[i - 1], "their");
                continue;
            }
            /* "his nom de guerre", "the noms de guerre they use" */
            if ((fold_is(t, "nom") || fold_is(t, "noms")) && i + 2 < past &&
                fold_is(&ds->tokens[i + 2], "guerre")) {
                noun = pseudonym = 1;
                plural |= t->fold_len == 4;
                noun_at = i + 2;
                continue;
            }
            if (has_cue(ds, (size_t)(t - ds->tokens), CW_NAME_NOUN)) {
                noun = 1;
                /* "not her real name", "None of the names here are real": the word for
                   real goes with the name, three words before it or six after ("their own
                   crates" further on does not) */
                for (size_t k = i > sn->first_token + 3 ? i - 3 : sn->first_token; k < i; k++)
                    real |= has_cue(ds, k, CW_REAL);
                noun_at = i;
                /* "No other names have been changed": no change at all */
                if (i > sn->first_token &&
                    (fold_is(&ds->tokens[i - 1], "no") ||
                     (i > sn->first_token + 1 && fold_is(&ds->tokens[i - 2], "no") &&
                      fold_is(&ds->tokens[i - 1], "other"))))
                    unchanged = 1;
                plural |= has_cue(ds, (size_t)(t - ds->tokens), CW_PLURAL);
                /* "the names of the bakers": a group, whoever they are */
                if (i + 2 < past && fold_is(&ds->tokens[i + 1], "of")) {
                    size_t k = i + 2;
                    if (k + 1 < past && (fold_is(&ds->tokens[k], "the") ||
                                         fold_is(&ds->tokens[k], "these") ||
                                         fold_is(&ds->tokens[k], "those") ||
                                         fold_is(&ds->tokens[k], "our")))
                        k++;
                    const galley_token *g = &ds->tokens[k];
                    if (g->kind == GALLEY_TOKEN_WORD && !(g->flags & GALLEY_TOKEN_CAPITALISED) &&
                        g->fold_len > 3 && g->fold[g->fold_len - 1] == 's' &&
                        !fold_is(g, "names"))
                        group = 1;
                }
                pseudonym |= strncmp(t->fold, "pseudonym", 9) == 0;
                /* "Maeve Lennon is the pen name of a psychotherapist" */
                pseudonym |= i > sn->first_token && fold_is(&ds->tokens[i - 1], "pen") &&
                             (fold_is(t, "name") || fold_is(t, "names"));
                /* "Those are not their names", "it isn't her name": a denial without
                   "real" */
                if (i > sn->first_token + 1 && word_in(ds->tokens[i - 1].fold, owner_words) &&
                    (fold_is(&ds->tokens[i - 2], "not") || ends_negative(&ds->tokens[i - 2])))
                    real = 1;
                /* "who asked to be called by his nickname, Bash": a nickname asked for */
                nickname |= strncmp(t->fold, "nickname", 8) == 0;
                /* "surnames", "last name", "family names": only part of the name is kept back */
                surname |= strncmp(t->fold, "surname", 7) == 0 ||
                           (i > sn->first_token && (fold_is(&ds->tokens[i - 1], "last") ||
                                                    fold_is(&ds->tokens[i - 1], "family")));
                /* "identified only by their first names": the same, said the other way */
                first_name |= i > sn->first_token &&
                              (fold_is(&ds->tokens[i - 1], "first") ||
                               fold_is(&ds->tokens[i - 1], "given"));
                /* "declined to give his full name": the first name is all there is */
                full |= i > sn->first_token && fold_is(&ds->tokens[i - 1], "full");
                /* "she goes by one name", "a single name": a name of one word */
                mononym |= i > sn->first_token && (fold_is(&ds->tokens[i - 1], "one") ||
                                                   fold_is(&ds->tokens[i - 1], "single"));
            }
            /* "be left out", "not be used", "omitted": a name kept out of the article */
            const char *f = t->fold;
            if (str_is(f, "withheld") || str_is(f, "omitted") || str_is(f, "redacted") ||
                str_is(f, "suppressed") ||
                ((str_is(f, "left") || str_is(f, "kept") || str_is(f, "leave") ||
                  str_is(f, "keep")) &&
                 out_follows(ds, i, past)) ||
                (negation && (str_is(f, "used") || str_is(f, "use") || str_is(f, "published") ||
                              str_is(f, "printed"))))
                withhold = 1;
            altered |= str_is(f, "changed") || str_is(f, "altered") || str_is(f, "replaced") ||
                       str_is(f, "disguised");
            /* "the families quoted", "Family members are identified ...": relatives; and the
               names "in readers' letters" or "in the messages", which are their writers' and
               the relatives they write about alike */
            kin |= has_cue(ds, (size_t)(t - ds->tokens), CW_KIN) || str_is(f, "family") ||
                   str_is(f, "letters") || str_is(f, "messages") || str_is(f, "emails") ||
                   str_is(f, "write") || str_is(f, "diaries");
            /* "the names of the adults in this essay", "the children's names" */
            if (str_is(f, "adults") || str_is(f, "adult") || str_is(f, "grown-ups"))
                ages = AGES_ADULTS;
            else if (str_is(f, "children") || str_is(f, "children's") || str_is(f, "child") ||
                     str_is(f, "minors") || str_is(f, "minor") || str_is(f, "kids") ||
                     str_is(f, "pupils") || str_is(f, "teenagers"))
                ages = AGES_CHILDREN;
            else if (people_noun(ds, (size_t)(t - ds->tokens)))
                grown_ups = 1; /* "teachers, parents and children": not the children alone */
            real |= noun_at != SIZE_MAX && i > noun_at && i - noun_at <= 6 &&
                    has_cue(ds, (size_t)(t - ds->tokens), CW_REAL);
            they |= str_is(f, "them") || str_is(f, "they");
            their |= str_is(f, "their");
            page |= word_in(f, page_words);
            negation |= has_cue(ds, (size_t)(t - ds->tokens), CW_NEGATION) || ends_negative(t);
            /* "change" only as the thing asked for: "asked us to change their names", not
               "Icelandic nouns change their endings" */
            if (has_cue(ds, (size_t)(t - ds->tokens), CW_CHANGE) &&
                !(fold_is(t, "change") &&
                  !(i > sn->first_token && fold_is(&ds->tokens[i - 1], "to")))) {
                change = 1;
                /* "Their names have not been changed", "were not changed" */
                size_t b = i > sn->first_token && fold_is(&ds->tokens[i - 1], "been") ? i - 1 : i;
                if (b > sn->first_token &&
                    (fold_is(&ds->tokens[b - 1], "not") || ends_negative(&ds->tokens[b - 1])))
                    unchanged = 1;
                /* "Questions may be edited and names changed", "may have been changed": a
                   site's terms for what it might do, no word on these names; the modal
                   stands up to four words before ("may be edited and names changed") */
                for (size_t k = i > sn->first_token + 5 ? i - 5 : sn->first_token; k < i; k++)
                    if (word_in(ds->tokens[k].fold, modal_words))
                        unchanged = 1;
            }
            only |= fold_is(t, "only") || fold_is(t, "just");
            /* "by their first name and the initial of their last name" */
            initial |= fold_is(t, "initial");
            request |= word_in(f, request_words);
            refuse |= word_in(f, refusal_words);
            identify |= has_cue(ds, (size_t)(t - ds->tokens), CW_IDENTIFY);
            group |= has_cue(ds, (size_t)(t - ds->tokens), CW_GROUP);
            group_first |= noun_at == SIZE_MAX && has_cue(ds, (size_t)(t - ds->tokens), CW_GROUP);
        }
        /* A surname kept out ("asked that their surnames not be used") declares the first
           names partial identities, but says nothing of anyone named in full. */
        /* "identified by their first name and the initial of their last name": a first
           name and an initial are all the page gives (Ray M.) */
        int with_initial = first_name && initial && identify;
        int first_names =
            (with_initial || (surname && withhold) || (first_name && only && identify) ||
             (full && (refuse || (negation && identify)))) &&
            !altered && !(real && negation);
        /* "Like many Javanese women of her generation, she goes by one name only": a
           custom, not a name held back, unless someone asked for it */
        int custom = mononym && !request && !first_name;
        int declared = pseudonym || (noun && real && negation) || (noun && change && !unchanged) ||
                       (noun && only && identify && !custom) || first_names ||
                       (nickname && identify && request);
        /* "The soldiers in this report are identified by call signs": said of people in the
           plural and of no one named in the sentence, call signs are all the page gives
           ("Robert Brovdi, known by his call sign Magyar" gives a name as well). */
        size_t probe = cursor;
        /* "Where a person in this article is named by a first name only, that name has been
           changed": said of the page and of no one named, it covers every one-word name */
        if (first_name && only && identify && page && (altered || withhold || change) &&
            first_mention_in(ds, s, &probe) < 0) {
            first_names = declared = plural = 1;
        }
        probe = cursor;
        declared |= sign && identify && plural && first_mention_in(ds, s, &probe) < 0;
        declared |= sign && identify && !plural && initials_named(ds, s, cursor);
        if (!declared)
            continue;
        /* "Some teachers, parents and children in this report are identified by first name
           only": a group before the word for a name, and no one named, speaks of many,
           whatever the number of "name" ("She asked to be identified only by her first
           name, because ... his parents" is one person's) */
        if (first_names && group_first && !plural) {
            size_t p = cursor;
            plural = first_mention_in(ds, s, &p) < 0;
        }
        /* An aside speaks of everyone or of a group ("Some people in this report are
           identified by their first name only"): there is no one in it to be singular about. */
        if (aside && group)
            plural = 1;
        /* "Each of them asked ... we have kept their surnames out of print": a pronoun
           speaks of a group named before, not of everyone on the page. */
        if (first_names && they)
            group = 1;
        int32_t m = first_mention_in(ds, s, &cursor);
        size_t before = ds->declaration_count;
        int rc = 0;
        if (aside && !plural)
            continue;
        if (plural && group) {
            /* "Two soldiers ... agreed to talk on condition that they were identified only
               by their call signs, Lis and Dzhmil": names set right after the word for them,
               past a comma or a colon, are the whole group; a third name on the page is none
               of it ("the names of all the children, and Tetiana's" still speaks of all) */
            int listed_after = m >= 0 && noun_at != SIZE_MAX &&
                               ds->mentions[m].first_token == noun_at + 2 &&
                               (is_punct_char(ds, &ds->tokens[noun_at + 1], ',') ||
                                is_punct_char(ds, &ds->tokens[noun_at + 1], ':'));
            if (!listed_after)
                rc = add_declaration(ds, sn, s, DECL_GROUP, -1);
            /* "Htet Naing and the other men quoted in this report spoke on condition that
               their real names not be used": whoever the sentence names is one of them,
               a name of two or three words too (no list or office clears them). */
            for (size_t k = m >= 0 ? (size_t)m : ds->mention_count;
                 rc == 0 && k < ds->mention_count && ds->mentions[k].sentence == s; k++) {
                const mention *mk = &ds->mentions[k];
                /* "Several of Moroz's colleagues ... asked to be identified only by their
                   call signs": whose colleagues they are is not one of them */
                if ((!mk->weak || (listed_after && mk->first_token > noun_at)) && !first_names &&
                    mk->listed < 0 && mk->meta < 0 &&
                    !(mk->cues & (CUE_LISTED | CUE_OFFICE | CUE_OFFICE_APPOS)) &&
                    !is_possessive(&ds->tokens[mk->past_token - 1]))
                    rc = add_declaration(ds, sn, s, DECL_PERSON, (int32_t)k);
            }
        } else if (plural && m < 0 &&
                   ((aside && named_in_aside(ds, sn, s, &rc)) ||
                    (they && !aside && !group && declare_previous(ds, sn, s, cursor, 1, &rc)))) {
            /* "Editor's note: Natalya, Denis and Vera are not their real names": the note
               names whom it declares, each a person of the story; "Berivan and Umm Rezan
               spoke to us. The names used here for them have been changed": "them" are
               the people just named, not everyone on the page */
        } else if (plural && m < 0 && their && !page &&
                   s > galley_doc_blocks(ds->doc)[sn->block].first_sentence) {
            /* "I wrote down the names of people who came in. Not their real names, mostly.":
               after another sentence of its paragraph, "their" points back at the people
               that sentence speaks of, not at everyone on the page: at the group a
               declaration just before speaks of ("Some teachers ... are identified by first
               name only. Their names have been changed."), which that declaration covers
               already; at those it names, two or more in a story's paragraph ("Ahmed and
               Sara fled in 2015. Their real names are withheld."), any in an editor's note
               ("Svitlana, Natalia and the relatives they speak about asked not to be
               identified. Their names have been changed."); or, in a note, at the group it
               names ("The medical staff quoted in this report asked not to be identified."):
               people named by one name who are not introduced as someone's relative. */
            int previous_note = before > 0 && ds->declarations[before - 1].sentence + 1 == s;
            if (!previous_note && !aside)
                (void)declare_previous(ds, sn, s, cursor, 2, &rc);
            else if (!previous_note && !declare_previous(ds, sn, s, cursor, 1, &rc))
                rc = add_declaration(ds, sn, s,
                                     speaks_of_group(ds, &ds->sentences[s - 1]) ? DECL_GROUP
                                                                                : DECL_ALL,
                                     -1);
        } else if (plural && m < 0)
            rc = add_declaration(ds, sn, s, DECL_ALL, -1);
        else if (plural) {
            /* "Pavlo and Oleh are not their real names": each one named. */
            for (size_t k = (size_t)m; rc == 0 && k < ds->mention_count &&
                                       ds->mentions[k].sentence == s;
                 k++)
                /* after "call signs:", a word the scan doubted is one of them too */
                if ((!ds->mentions[k].weak || sign) &&
                    (!first_names || ds->mentions[k].words == 1))
                    rc = add_declaration(ds, sn, s, DECL_PERSON, (int32_t)k);
        } else {
            /* "Htet Naing's mother, Mya Mya - whose name has also been changed": of several
               people in the sentence, the one named last before the word for a name. */
            if (m >= 0 && noun_at != SIZE_MAX)
                for (size_t k = (size_t)m + 1; k < ds->mention_count &&
                                               ds->mentions[k].sentence == s &&
                                               ds->mentions[k].first_token < noun_at;
                     k++)
                    /* (not one in the possessive: "Omar, who carries Umm Khaled's trays and
                       asked that only his first name be used" speaks of Omar) */
                    if (!ds->mentions[k].weak &&
                        !is_possessive(&ds->tokens[ds->mentions[k].past_token - 1]))
                        m = (int32_t)k;
            /* "..., who gave only his nom de guerre, Rojhat, said": the name given right
               after the word for it is the one it speaks of */
            if (m >= 0 && noun_at != SIZE_MAX)
                for (size_t k = (size_t)m; k < ds->mention_count &&
                                           ds->mentions[k].sentence == s &&
                                           ds->mentions[k].first_token <= noun_at + 4;
                     k++)
                    if (ds->mentions[k].first_token > noun_at &&
                        (ds->mentions[k].cues & CUE_CALLED)) {
                        m = (int32_t)k;
                        break;
                    }
            /* "Sibusiso's fiancée, who asked to be identified only by her first name,
               Zanele,": a name set off by a comma right after the word for a name is the
               one the sentence gives, even one the scan doubted on its own ("Yohandry");
               and whose fiancée she is names someone else. */
            if (noun_at != SIZE_MAX) {
                size_t k = first_after_token(ds, s, noun_at);
                if (k < ds->mention_count && ds->mentions[k].sentence == s &&
                    ds->mentions[k].first_token <= noun_at + 3 &&
                    ds->mentions[k].first_token >= 2 &&
                    (is_punct_char(ds, &ds->tokens[ds->mentions[k].first_token - 1], ',') ||
                     is_punct_char(ds, &ds->tokens[ds->mentions[k].first_token - 1], ':')) &&
                    ds->mentions[k].listed < 0)
                    m = (int32_t)k;
            }
            if (m >= 0 && is_possessive(&ds->tokens[ds->mentions[m].past_token - 1]) &&
                noun_at != SIZE_MAX && noun_at > (size_t)ds->mentions[m].past_token + 2)
                m = -1; /* but "Marta's name", "Marta's real name" is hers */
            if (m >= 0 && first_names && ds->mentions[m].words > 1)
                m = -1;
            if (m < 0)
                m = mention_near(ds, s, sn->block, first_names);
            if (m >= 0)
                rc = add_declaration(ds, sn, s, DECL_PERSON, m);
        }
        if (rc != 0)
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        int marked = ds->declaration_count > before && names_marked(ds, s);
        for (size_t d = before; d < ds->declaration_count; d++) {
            /* A call sign is one word: "the medics in this report are identified by their
               call signs only" speaks of people named by one word, not of Dr Oksana
               Levchenko, named in full. */
            ds->declarations[d].first_names =
                first_names || (sign && ds->declarations[d].scope != DECL_PERSON);
            ds->declarations[d].initials = with_initial;
            ds->declarations[d].kin = kin;
            ds->declarations[d].ages = ages == AGES_CHILDREN && grown_ups ? AGES_ANY : ages;
            ds->declarations[d].marked = marked && ds->declarations[d].scope != DECL_PERSON;
            /* "Their names have been changed", after a note on "the medical staff quoted",
               speaks of that note's group */
            ds->declarations[d].grown =
                ds->declarations[d].scope == DECL_GROUP &&
                (speaks_of_grown_ups(ds, sn) || (!speaks_of_group(ds, sn) && s > 0 &&
                                                 speaks_of_grown_ups(ds, &ds->sentences[s - 1])));
        }
    }
    return declare_asides(ds, err);
}

/* ---- identifying details ------------------------------------------------ */

typedef struct detail {
    const char *kind;
    size_t first, past; /* tokens */
} detail;

static int is_cap_word(const galley_token *t)
{
    return t->kind == GALLEY_TOKEN_WORD && (t->flags & GALLEY_TOKEN_CAPITALISED);
}

/* The capitalised words from token i on (a place name), in tokens. */
static size_t cap_run(const doc_state *ds, size_t i, size_t past)
{
    size_t k = i;
    while (k < past && (is_cap_word(&ds->tokens[k]) ||
                        (k > i && k + 1 < past && is_punct_char(ds, &ds->tokens[k], '-') &&
                         is_cap_word(&ds->tokens[k + 1]))))
        k++;
    return k - i;
}

/*
 * The first identifying detail in tokens [begin, past) of a sentence that
 * mentions a pseudonym, skipping the name itself; 0 when there is none.
 */
static int find_detail(const doc_state *ds, size_t begin, size_t past, const mention *m,
                       detail *out)
{
    for (size_t i = begin; i < past; i++) {
        if (i >= m->first_token && i < m->past_token)
            continue;
        const galley_token *t = &ds->tokens[i];
        /* age: "Tesla is 23", "Callum, 24,", "aged 40", "a 21-year-old" */
        if (small_number(ds, t)) {
            const galley_token *prev = i > begin ? &ds->tokens[i - 1] : NULL;
            const galley_token *next = i + 1 < past ? &ds->tokens[i + 1] : NULL;
            int age = prev && (fold_is(prev, "aged") ||
                               ((fold_is(prev, "is") || fold_is(prev, "was")) &&
                                (!next || next->kind != GALLEY_TOKEN_WORD ||
                                 fold_is(next, "and") || fold_is(next, "years"))));
            age |= prev && is_punct_char(ds, prev, ',') && i - 1 == m->past_token;
            age |= next && i + 2 < past && is_punct_char(ds, next, '-') &&
                   strncmp(ds->tokens[i + 2].fold, "year", 4) == 0;
            if (age) {
                *out = (detail){"age", i, i + 1};
                return 1;
            }
            /* a numbered unit: "65th Mechanised Brigade", "the 3rd company" */
            for (size_t k = i + 1; k < past && k < i + 5; k++)
                if (has_cue(ds, k, CW_UNIT)) {
                    *out = (detail){"unit", i, k + 1};
                    return 1;
                }
        }
        if (t->kind != GALLEY_TOKEN_WORD)
            continue;
        if (t->fold_len > 9 && strcmp(t->fold + t->fold_len - 9, "-year-old") == 0) {
            *out = (detail){"age", i, i + 1};
            return 1;
        }
        if (has_cue(ds, (size_t)(t - ds->tokens), CW_ORDINAL))
            for (size_t k = i + 1; k < past && k < i + 3; k++)
                if (has_cue(ds, k, CW_UNIT)) {
                    *out = (detail){"unit", i, k + 1};
                    return 1;
                }
        /* rank and unit: "a sergeant in a mechanised brigade" */
        size_t rank = phrase_at(ds, i, past, LEX_RANK);
        if (rank && is_cap_word(t) && i + rank < past && is_cap_word(&ds->tokens[i + rank]))
            rank = 0; /* a title before a name is not a detail of someone else */
        if (rank)
            for (size_t k = i + rank; k < past && k < i + rank + 6; k++)
                if (has_cue(ds, k, CW_UNIT)) {
                    *out = (detail){"rank and unit", i, k + 1};
                    return 1;
                }
        /* home town: "comes from Bila Tserkva", "grew up in Myrnohrad", "born in", "native of" */
        size_t place = 0;
        if (fold_is(t, "from") && i > begin &&
            (has_cue(ds, i - 1, CW_FROM) ||
             (i >= begin + 2 && is_punct_char(ds, &ds->tokens[i - 1], ',') &&
              small_number(ds, &ds->tokens[i - 2]))))
            place = i + 1;
        if ((fold_is(t, "grew") || fold_is(t, "born") ||
             fold_is(t, "raised")) &&
            i + 2 < past) {
            size_t k = i + 1;
            if (fold_is(&ds->tokens[k], "up"))
                k++;
            if (k < past && fold_is(&ds->tokens[k], "in"))
                place = k + 1;
        }
        if ((fold_is(t, "native") || fold_is(t, "hometown")) && i + 2 < past &&
            fold_is(&ds->tokens[i + 1], "of"))
            place = i + 2;
        if (place && place < past) {
            size_t n = cap_run(ds, place, past);
            if (n) {
                *out = (detail){"home town", i, place + n};
                return 1;
            }
        }
        /* a distinctive job: "worked as a long-distance lorry driver", "taught history" */
        const char *nf = i + 1 < past ? ds->tokens[i + 1].fold : "";
        int job = has_cue(ds, (size_t)(t - ds->tokens), CW_JOB);
        if (job && (fold_is(t, "worked") || fold_is(t, "works")))
            job = str_is(nf, "as") || str_is(nf, "at");
        if (job && (fold_is(t, "ran") || fold_is(t, "runs")))
            job = str_is(nf, "a") || str_is(nf, "an") || str_is(nf, "one");
        if (job) {
            size_t end = i + 1;
            while (end < past && end < i + 6 && ds->tokens[end].kind == GALLEY_TOKEN_WORD)
                end++;
            *out = (detail){"job", i, end};
            return 1;
        }
        if (fold_is(t, "before") && i + 2 < past &&
            fold_is(&ds->tokens[i + 1], "the") && fold_is(&ds->tokens[i + 2], "war")) {
            *out = (detail){"job", i, i + 3};
            return 1;
        }
    }
    /* a specific role in apposition: "Myroslav, a marine officer" */
    if ((m->cues & CUE_ROLE) && m->past_token + 2 < past &&
        is_punct_char(ds, &ds->tokens[m->past_token], ',')) {
        for (size_t k = m->past_token + 2; k < past && k < m->past_token + 7; k++) {
            size_t len = phrase_at(ds, k, past, LEX_ROLE);
            if (!len)
                continue;
            int generic = 0;
            for (size_t g = 0; generic_roles[g] && len == 1; g++)
                generic |= strcmp(ds->tokens[k].fold, generic_roles[g]) == 0;
            if (len == 2 && fold_is(&ds->tokens[k + 1], "member"))
                generic = 1; /* "service member" */
            if (!generic) {
                *out = (detail){"role", k, k + len};
                return 1;
            }
            break;
        }
    }
    return 0;
}

static const char *person_name(const doc_state *ds, const person *p, int *length)
{
    const mention *m = &ds->mentions[p->best];
    *length = (int)(m->end - m->start);
    return ds->text + m->start;
}

int report_details(doc_state *ds, galley_error *err)
{
    int all_declared = 0;
    for (size_t d = 0; d < ds->declaration_count; d++)
        all_declared |= ds->declarations[d].scope == DECL_ALL && !ds->declarations[d].first_names &&
                        !ds->declarations[d].marked;
    for (size_t p = 0; p < ds->person_count; p++) {
        person *pp = &ds->persons[p];
        int len;
        const char *name = person_name(ds, pp, &len);
        if (pp->category == CAT_PSEUDONYM && ds->ps->details) {
            uint32_t last_sentence = UINT32_MAX;
            for (int32_t k = first_of_person(ds, p); k >= 0; k = ds->mentions[k].next_of_person) {
                const mention *m = &ds->mentions[k];
                if (m->sentence == last_sentence)
                    continue;
                last_sentence = m->sentence;
                const galley_sentence *sn = &ds->sentences[m->sentence];
                size_t past = sn->first_token + sn->token_count;
                detail d;
                int found = find_detail(ds, sn->first_token, past, m, &d);
                /* The next sentence often goes on about the same person: "He serves in ...". */
                if (!found && m->sentence + 1 < galley_doc_sentence_count(ds->doc)) {
                    const galley_sentence *nx = &ds->sentences[m->sentence + 1];
                    if (nx->block == sn->block && has_cue(ds, nx->first_token, CW_PRONOUN))
                        found = find_detail(ds, nx->first_token, nx->first_token + nx->token_count,
                                            m, &d);
                }
                if (!found)
                    continue;
                size_t start = ds->tokens[d.first].start, end = ds->tokens[d.past - 1].end;
                int rc = galley_doc_add_finding(
                    ds->doc, "identifying-detail", GALLEY_WARNING, start, end,
                    "%.*s is a pseudonym, but this %s (\"%.*s\") is told next to it: with the "
                    "pseudonym it can point readers to the real person. Keep the detail only if "
                    "the source agreed to it; otherwise blur it (\"in his twenties\", \"a unit in "
                    "the east\") or cut it",
                    len, name, d.kind, (int)(end - start), ds->text + start);
                if (rc == GALLEY_ENOMEM)
                    return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            }
        }
        if (all_declared && pp->category != CAT_PSEUDONYM && pp->category != CAT_PUBLIC &&
            pp->affiliated) {
            const mention *m = &ds->mentions[pp->best];
            for (int32_t k = first_of_person(ds, p); k >= 0; k = ds->mentions[k].next_of_person)
                if (has_affiliation(ds, &ds->mentions[k])) {
                    m = &ds->mentions[k];
                    break;
                }
            int rc = galley_doc_add_finding(
                ds->doc, "declaration-conflict", GALLEY_WARNING, m->start, m->end,
                "the article declares that none of its names are real, but %.*s is given with a "
                "full name and an institution, so readers will take it for a real person: either "
                "the declaration is wrong for this source or the name is; narrow the declaration "
                "(\"the soldiers' names have been changed\") or clear the name",
                len, name);
            if (rc == GALLEY_ENOMEM)
                return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        }
    }
    return GALLEY_OK;
}
