/*
 * anonymise.h -- what the anonymise plugin's files share: the lexicon (every
 * word list, loaded once in create and read-only afterwards), the per-document
 * working state (mentions, persons, declarations), and the steps of process().
 *
 * The plugin is split by job: lexicon.c loads and looks up the data files,
 * mentions.c finds person mentions and the cues around them, declarations.c
 * finds pseudonym declarations and identifying details, and anonymise.c links
 * mentions into persons, classifies them and writes the result.
 */
#ifndef ANONYMISE_H
#define ANONYMISE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <galley/plugin.h>

/* ---- the lexicon (lexicon.c) -------------------------------------------- */

/* What a word or phrase is; one entry can be several things (Roman, Tesla, May). */
enum lex_flag {
    LEX_GIVEN = 1u << 0,     /* a given name (data/given-names/, one file a language) */
    LEX_SURNAME = 1u << 1,   /* a family name (data/surnames.txt) */
    LEX_AMBIGUOUS = 1u << 2, /* a name that is also an everyday word (data/ambiguous-names.txt) */
    LEX_PLACE = 1u << 3,     /* data/places.txt */
    LEX_ORG = 1u << 4,       /* data/organisations.txt */
    LEX_NONNAME = 1u << 5,   /* months, weekdays, nationalities... (data/non-names.txt) */
    LEX_HONORIFIC = 1u << 6, /* data/titles.txt, kind honorific */
    LEX_RANK = 1u << 7,      /* data/titles.txt, kind rank */
    LEX_OFFICE = 1u << 8,    /* data/titles.txt, kind office */
    LEX_ROLE = 1u << 9,      /* data/titles.txt, kind role */
    LEX_AFFILIATION = 1u << 10, /* data/affiliation-cues.txt */
    LEX_PUBLIC = 1u << 11,      /* a public figure's name or alias (shipped or newsroom list) */
    LEX_ON_RECORD = 1u << 12,   /* a newsroom's list of people cleared to be named */
    LEX_INSTITUTION =
        1u << 13, /* a capitalised word of data/affiliation-cues.txt ("Institute", "WHO") */
    LEX_PREFIX = 1u << 14,  /* the first words of a longer phrase: a lookup may go on */
    LEX_POST = 1u << 15,    /* data/titles.txt, kind post: an office of any organisation
                               (chair, director, spokesman), public only in a public body */
    LEX_COMMON = 1u << 16,  /* an ordinary English word (data/common-words.txt) */
    LEX_ACRONYM = 1u << 17, /* a title written in capitals (PM, MP): only so in the text */
    LEX_TEAM = 1u << 18     /* data/titles.txt, kind team: a team's or a club's post (coach,
                               manager), a role when it stands before a name */
};

/*
 * Small closed word classes the rules read (attribution verbs, particles,
 * words of a declaration), kept in the same table so that asking "is this
 * token an attribution verb?" costs one cached lookup, not a list scan.
 */
enum cue_word {
    CW_ATTRIB = 1u << 0,        /* said, told, wrote */
    CW_ATTRIB_BEFORE = 1u << 1, /* said (before the name) */
    CW_AUX = 1u << 2,           /* has, had, also: between a name and its verb */
    CW_PARTICLE = 1u << 3,      /* van, de, bin */
    CW_CALLING = 1u << 4,       /* by, as, called, named */
    CW_DEFINITE = 1u << 5,      /* the, its, his */
    CW_PLACE_NOUN = 1u << 6,    /* street, square, district */
    CW_LOCATIVE = 1u << 7,      /* in, near, outside */
    CW_NAME_NOUN = 1u << 8,     /* name, names, pseudonym */
    CW_PLURAL = 1u << 9,        /* names, pseudonyms */
    CW_REAL = 1u << 10,         /* real, true, own */
    CW_NEGATION = 1u << 11,     /* not, none */
    CW_CHANGE = 1u << 12,       /* changed, withheld */
    CW_IDENTIFY = 1u << 13,     /* identified, known, used */
    CW_GROUP = 1u << 14,        /* soldiers, residents */
    CW_PRONOUN = 1u << 15,      /* he, she, they (opening a sentence) */
    CW_UNIT = 1u << 16,         /* brigade, battalion */
    CW_ORDINAL = 1u << 17,      /* first, second */
    CW_FROM = 1u << 18,         /* comes, is (before "from") */
    CW_JOB = 1u << 19,          /* taught, studied, worked */
    CW_KIN = 1u << 20,          /* mother, son, neighbour: a person introduced by a relation */
    CW_PUBLIC_BODY = 1u << 21,  /* ministry, brigade, court: a post held there is public */
    CW_PRIVATE_BODY = 1u << 22, /* group, club, company: a post held there is not */
    CW_PLACE_HEAD = 1u << 23,   /* Gare, Rue, Plaza: the capitalised words after it are a place */
    CW_ORG_NOUN = 1u << 24,     /* club, company, charity: the capitalised words before it name it */
    CW_IDENTIFIER = 1u << 25,   /* identified, known, referred: "identified only as K." */
    CW_ANIMAL = 1u << 26,       /* dog, kelpie, horse: "Rusty the kelpie", "her dog Bear" */
    CW_STREET_HEAD = 1u << 27,  /* calle, rue, via: "la calle Adolfo Prieto" */
    CW_COMPANY_HEAD = 1u << 28, /* PT: "PT Sinar Langkah Abadi", a company's legal form first */
    CW_HONORIFIC_AFTER = 1u << 29 /* Bey, Hanım, Sahib: "Kemal Bey", a title after the name */
};

/* Whether a token's fold is the word lit (a string literal): the lengths are
   compared first, so most tokens are turned away without reading a byte. */
#define fold_is(t, lit)                                                                            \
    ((t)->fold_len == sizeof(lit) - 1 && memcmp((t)->fold, lit, sizeof(lit) - 1) == 0)

#define LEX_EXCLUDED (LEX_PLACE | LEX_ORG | LEX_NONNAME)
#define LEX_TITLE (LEX_HONORIFIC | LEX_RANK | LEX_OFFICE)
#define LEX_NAME (LEX_GIVEN | LEX_SURNAME)

/* One person on a list: the canonical name and the file that lists it. */
typedef struct lex_person {
    const char *name;
    const char *source; /* the list's file name, for the evidence an editor reads */
    int common;         /* a name many private people share ("John Lee"): see classify() */
} lex_person;

typedef struct lex_entry {
    const char *key; /* folded words joined by single spaces */
    uint32_t length; /* of key, in bytes */
    uint32_t hash;
    uint32_t flags;
    int32_t public_index;    /* into lexicon.public, or -1 */
    int32_t on_record_index; /* into lexicon.on_record, or -1 */
    uint32_t cue;            /* enum cue_word */
} lex_entry;

typedef struct lexicon {
    lex_entry *slots; /* open addressing, a power of two */
    /* tags[i] is the top byte of slots[i].hash (1 for 0), or 0 for an empty slot: probes
       read this small array (a byte a slot, so that it stays in the core's cache) and touch
       a slot only on a tag match, since most words looked up are in no list. */
    uint8_t *tags;
    size_t slot_count, used;
    size_t max_words; /* the longest phrase, in words, so lookups know where to stop */
    char **arena;     /* blocks of key and name storage */
    size_t arena_count, arena_cap, arena_left;
    char *arena_next;
    lex_person *public;
    size_t public_count, public_cap;
    lex_person *on_record;
    size_t on_record_count, on_record_cap;
    size_t words_loaded; /* entries read from the data files, for `plugins info` and tests */
} lexicon;

/* Loads every data file; errors name the file and line. */
int lexicon_load(lexicon *lex, const char *data_dir, const char *public_figures,
                 const char *on_record, int shipped_public, galley_error *err);
void lexicon_free(lexicon *lex);
/* Marks each folded word of a NULL-terminated list with a cue_word flag. */
int lexicon_add_words(lexicon *lex, const char *const *words, uint32_t cue);
/* The entry for a folded key of `length` bytes, or NULL. */
const lex_entry *lexicon_find(const lexicon *lex, const char *key, size_t length);
/*
 * The same in steps, for many keys at once: a key's hash; a prefetch of its
 * tag; (the tags read) a prefetch of the first slot whose tag matches, which is
 * returned (NULL when none: the key is not there), so that the caller can
 * prefetch the slot's key in turn; the lookup with the hash.  A caller that
 * runs each step over a batch of keys before the next has the memory of all of
 * them on the way at once, instead of waiting for each in turn.
 */
uint32_t lexicon_hash(const char *key, size_t length);
void lexicon_prefetch_tag(const lexicon *lex, uint32_t hash);
const lex_entry *lexicon_prefetch_slot(const lexicon *lex, uint32_t hash);
const lex_entry *lexicon_find_hashed(const lexicon *lex, const char *key, size_t length,
                                     uint32_t hash);

/*
 * Case-folds UTF-8 text the way the core folds tokens, for the scripts names
 * are written in (Latin, Greek, Cyrillic, Armenian, Vietnamese): lower case,
 * ’ as ', the Unicode hyphens as -, dots at the ends of words dropped ("Mr."
 * and the core's tokens "Mr" "." meet at "mr"), runs of white space as one
 * space.  Appends to out (NUL-terminated, out_size bytes at most); returns the
 * length written, or -1 when it did not fit.
 */
long fold_name(const char *text, size_t length, char *out, size_t out_size);

/* ---- one document (mentions.c, declarations.c, anonymise.c) ------------- */

/* Why a span was taken for a person: the cues around it. */
enum cue {
    CUE_LISTED = 1u << 0,       /* on a list (shipped, newsroom or meta) */
    CUE_GAZETTEER = 1u << 1,    /* a known given name or surname */
    CUE_HONORIFIC = 1u << 2,    /* Mr, Dr, Mrs before it */
    CUE_RANK = 1u << 3,         /* Colonel, Sergeant before it */
    CUE_OFFICE = 1u << 4,       /* President, Prime Minister before it */
    CUE_OFFICE_APPOS = 1u << 5, /* "the foreign minister, X" / "X, the minister" */
    CUE_ATTRIBUTION = 1u << 6,  /* said, told, wrote, according to */
    CUE_AGE = 1u << 7,          /* "X, 34," or "X is 23" */
    CUE_ROLE = 1u << 8,         /* "X, a marine officer" / "chef X" */
    CUE_WHO = 1u << 9,          /* "X, who ..." */
    CUE_CALLED = 1u << 10,      /* "goes by X", "known as X" */
    CUE_INITIALS = 1u << 11,    /* J. K. Rowling */
    CUE_LINKED = 1u << 12,      /* the same word as part of another person's name */
    CUE_AFFILIATION = 1u << 13, /* "X, of the Institute" / "X, a fellow at" */
    CUE_COORDINATED = 1u << 14, /* "Chris Martin, Jonny Buckland and ..." */
    CUE_NAME_SHAPE = 1u << 15,  /* unknown capitalised words inside ordinary prose */
    CUE_IDENTIFIED = 1u << 16,  /* "identified only as K.": the page says this is all it gives */
    CUE_REGNAL = 1u << 17,      /* "Sargon II": a regnal number, a monarch's or a pope's */
    CUE_ASTERISK = 1u << 18,    /* "Boukary*": an asterisk glued on, the mark of a changed name */
    CUE_ADDRESS = 1u << 19,     /* "X, of Gladstone Road,": where the person lives */
    CUE_BESIDE_ME = 1u << 20,   /* "Dawie and I": named beside the writer */
    CUE_BYNAME = 1u << 21       /* "X, known to her friends as Devi": another name follows */
};

typedef struct mention {
    uint32_t first_token, past_token; /* the name's tokens, titles excluded */
    uint32_t start, end;              /* bytes, a trailing possessive ’s excluded */
    uint32_t sentence, block;
    uint32_t key;       /* offset in the document's string pool: the folded name */
    uint32_t first_key; /* the folded first word */
    uint32_t last_key;  /* the folded last word */
    uint16_t words;
    uint8_t weak;      /* 1: kept only if it links to a stronger mention */
    uint8_t locative;  /* right after "in", "near", "outside": likely a place */
    uint8_t listed_given; /* listed only by an alias that is also a given name ("Petro") */
    uint8_t caps;      /* written in capitals (a headline): a poor form to show an editor */
    uint8_t initials_only; /* "K.": joins another mention by the same letters only */
    int32_t nickname_of;   /* "Rafa" in Rafael "Rafa" Quintero: the mention it is a nickname of */
    uint32_t nickname_end; /* on "Rafael": where the surname after the nickname ends, else 0 */
    uint32_t nickname_key; /* on "Rafael": the folded nickname ("rafa"), else UINT32_MAX */
    uint8_t animal;        /* "Rusty the kelpie": an animal's name, or a band's ("X, a synth-pop
                              duo"), and so every mention of it: no one's */
    uint8_t character;     /* "Rupert Campbell-Black, played by Alex Hassell": a role's name,
                              and so every mention of it and of its words alone */
    uint8_t cyrillic;  /* written in Cyrillic: "Сергій Ткаченко" may be "Serhiy Tkachenko" */
    uint32_t spelling; /* offset in the pool: the name as Latin letters, spelling variants
                          merged (see spelling_key), for full names only; UINT32_MAX if none */
    uint32_t last_spelling; /* the same for its last word ("Savchuk" meets "Вікторія Савчук") */
    uint32_t cues;   /* enum cue */
    int32_t person;  /* index in doc_state.persons once linked */
    int32_t next_of_person; /* once linked: the person's next mention in text order, or -1 */
    int32_t listed;  /* index in the lexicon's public list when CUE_LISTED came from it, else -1 */
    int32_t meta;    /* index of the meta name that matched it, else -1 */
    const char *title; /* the title word before it ("President"), points into the text */
    uint32_t title_len;
} mention;

enum category { CAT_UNLISTED, CAT_PSEUDONYM, CAT_PUBLIC, CAT_ON_RECORD };

enum decl_scope {
    DECL_ALL,    /* "None of the names in this article are real" */
    DECL_GROUP,  /* "The soldiers quoted are not named with their real names" */
    DECL_PERSON  /* "Solomiia, not her real name, ..." */
};

typedef struct declaration {
    uint32_t sentence, start, end;
    int scope;
    int32_t mention; /* DECL_PERSON: the mention it speaks of, or -1 */
    int first_names; /* only surnames are withheld: it covers people named by one name only */
    int initials;    /* ... or by a first name and a surname's initial ("Ray M.") */
    int kin;         /* its group is relatives ("the families"), so it covers "her son, X" too */
    int marked;      /* "... are marked with an asterisk": it covers only the names so marked */
    int ages;        /* AGES_ANY, or the group is "the adults" or "the children" only */
    int grown;       /* its group is of grown-ups by trade or role ("the medical staff", "the
                        crew"), which no child the page names is one of */
    uint32_t past_block; /* "Names in the question below have been changed": it covers the
                            people first named in the blocks after it up to this one (past
                            the text below it); UINT32_MAX for the whole page */
} declaration;

/* Whom a declaration about a group covers by age, and what a page says of a person's. */
enum ages { AGES_ANY, AGES_ADULTS, AGES_CHILDREN };

typedef struct person {
    int32_t best;         /* the mention with the fullest name */
    int category;         /* enum category */
    uint32_t cues;        /* every cue of every mention */
    int32_t declaration;  /* the declaration that covers it, or -1 */
    int32_t public_index; /* the lexicon public-figure entry, or -1 */
    int32_t on_record_index;
    int32_t meta;         /* the meta list entry, or -1 */
    const char *meta_key; /* "pseudonyms", "on_record" or "public_figures" */
    int affiliated;       /* a full name given with an institution */
    int kin;              /* introduced by a relation ("his mother, X"), not as one of a group */
    int ages;             /* AGES_ADULTS or AGES_CHILDREN when the page gives an age, else ANY */
    int32_t namesake;     /* a common listed name this private person only shares, or -1 */
    uint32_t first_mention;
} person;

/*
 * A growable pool of NUL-terminated strings addressed by offset.  Strings are
 * interned: the same text always gets the same offset, so names compare as
 * integers when mentions are linked.
 */
typedef struct string_pool {
    char *data;
    size_t length, cap;
    uint32_t *slots; /* open addressing: offset + 1, 0 for empty */
    size_t slot_count, used;
} string_pool;

typedef struct meta_name {
    const char *list; /* the meta key it came from */
    uint32_t key;     /* offset in the pool: the folded name */
    uint32_t last;    /* offset of its last word */
    uint32_t first;   /* offset of its first word */
    uint16_t words;
    int category;
} meta_name;

typedef struct plugin_state {
    lexicon lex;
    int office_cues; /* option office_cues */
    int details;     /* option identifying_details */
} plugin_state;

typedef struct doc_state {
    const plugin_state *ps;
    galley_doc *doc;
    const char *text;
    size_t text_length;
    const galley_token *tokens;
    const galley_sentence *sentences;
    const lex_entry **cache; /* each token's lexicon entry, looked up once (see token_entry) */
    string_pool pool;
    mention *mentions;
    size_t mention_count, mention_cap;
    person *persons;
    size_t person_count, person_cap;
    declaration *declarations;
    size_t declaration_count, declaration_cap;
    meta_name *meta;
    size_t meta_count, meta_cap;
} doc_state;

/*
 * The mentions of person p in text order, once linked:
 *     for (int32_t k = first_of_person(ds, p); k >= 0; k = ds->mentions[k].next_of_person)
 */
static inline int32_t first_of_person(const doc_state *ds, size_t p)
{
    return (int32_t)ds->persons[p].first_mention;
}

/* Interns a string; returns its offset, or UINT32_MAX when out of memory. */
uint32_t pool_add(string_pool *pool, const char *s, size_t length);
/* The offset of a string already interned, or UINT32_MAX. */
uint32_t pool_find(const string_pool *pool, const char *s, size_t length);
static inline const char *pool_get(const doc_state *ds, uint32_t offset)
{
    return ds->pool.data + offset;
}
/* Grows an array of `size`-byte items to hold `need`; 0 or -1. */
int grow_array(void **items, size_t *cap, size_t need, size_t size);

/* The meta entry (if any) whose folded name is key. */
const meta_name *meta_find(const doc_state *ds, const char *key);

/* Marks "looked up, not there" in the cache, apart from "not looked up yet" (NULL). */
extern const lex_entry lex_no_entry;
const lex_entry *token_entry_lookup(const doc_state *ds, size_t i);
/* The lexicon entry of token i's word (possessive dropped), cached; NULL when none.  The
   cached answer comes without a call: it is asked for several times a word. */
static inline const lex_entry *token_entry(const doc_state *ds, size_t i)
{
    const lex_entry *e = ds->cache[i];
    if (!e)
        return token_entry_lookup(ds, i);
    return e == &lex_no_entry ? NULL : e;
}
static inline int has_cue(const doc_state *ds, size_t i, uint32_t cue)
{
    const lex_entry *e = token_entry(ds, i);
    return e && (e->cue & cue);
}
/* Whether token i's word has a lexicon flag of mask (enum lex_flag). */
static inline int has_flag(const doc_state *ds, size_t i, uint32_t mask)
{
    const lex_entry *e = token_entry(ds, i);
    return e && (e->flags & mask);
}
/* Whether s is the word lit: the first letters are compared before any call, and most
   words differ there. */
static inline int str_is(const char *s, const char *lit)
{
    return s[0] == lit[0] && strcmp(s, lit) == 0;
}
/* Whether fold is one of the words of a NULL-terminated list. */
static inline int word_in(const char *fold, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (str_is(fold, list[i]))
            return 1;
    return 0;
}
/* Whether token n is an asterisk glued to the word before it: "Boukary*", the mark pages
   put on the names they changed. */
static inline int glued_asterisk(const doc_state *ds, size_t n)
{
    return n > 0 && n < galley_doc_token_count(ds->doc) && ds->tokens[n].fold_len == 1 &&
           ds->tokens[n].fold[0] == '*' && ds->tokens[n].start == ds->tokens[n - 1].end;
}
/* The value of a number token of at most three characters, its leading digits read within
   the token (the text has no NUL after it, so atoi() could run off its end); -1 for any
   other token. */
static inline int short_number(const doc_state *ds, const galley_token *t)
{
    if (t->kind != GALLEY_TOKEN_NUMBER || t->end - t->start > 3)
        return -1;
    int v = 0;
    for (uint32_t i = t->start; i < t->end && ds->text[i] >= '0' && ds->text[i] <= '9'; i++)
        v = v * 10 + (ds->text[i] - '0');
    return v;
}
/* Whether a word ends in a possessive: "Pavlo's" (the fold writes ’ as '). */
static inline int is_possessive(const galley_token *t)
{
    return t->fold_len > 2 && t->fold[t->fold_len - 2] == '\'' && t->fold[t->fold_len - 1] == 's';
}
/* A number that could be someone's age: 1 to 120. */
static inline int small_number(const doc_state *ds, const galley_token *t)
{
    int v = short_number(ds, t);
    return v >= 1 && v <= 120;
}
/* Registers the word classes of mentions.c and declarations.c in the lexicon. */
int mentions_register_words(lexicon *lex);
int declarations_register_words(lexicon *lex);

/* mentions.c: finds every person mention in the blocks in scope. */
int find_mentions(doc_state *ds, galley_error *err);
/* The folded word of one token, a trailing possessive dropped, into buf. */
size_t token_word(const galley_token *t, char *buf, size_t size);

/* The length in tokens of the longest lexicon phrase with a flag in mask at token i. */
size_t phrase_at(const doc_state *ds, size_t i, size_t past, uint32_t mask);

/* declarations.c */
int find_declarations(doc_state *ds, galley_error *err);
/* Reports identifying details next to pseudonyms and declaration conflicts. */
int report_details(doc_state *ds, galley_error *err);
/* 1 when an affiliation follows the mention ("X, of the Institute"). */
int has_affiliation(const doc_state *ds, const mention *m);

#endif /* ANONYMISE_H */
