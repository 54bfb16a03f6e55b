/*
 * lexicon.h -- the boilerplate plugin's word and phrase tables: stop words,
 * word classes (months, byline words, social networks...) and furniture
 * phrases, loaded once from data files (datafile.c) and looked up once per
 * token (lexicon.c).
 *
 * Every distinct word or mark that appears in a data file becomes an entry
 * with a small integer id.  A document token is looked up once by its
 * case-folded form; from then on phrase matching compares ids, not strings.
 */
#ifndef BP_LEXICON_H
#define BP_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include <galley/galley.h>

#include "fold.h"

/* The id of a token that is in no data file. */
#define BP_NO_ID UINT32_MAX

/* The longest phrase, in tokens. */
#define BP_PHRASE_MAX 12

/* Word classes, as bits of an entry's class set. */
enum bp_class {
    BP_CLASS_STOP = 1u << 0,     /* a stop word in some language */
    BP_CLASS_MONTH = 1u << 1,    /* a month or weekday name */
    BP_CLASS_DATE = 1u << 2,     /* words of date and reading-time lines: updated, min, read */
    BP_CLASS_BYLINE = 1u << 3,   /* a word that introduces an author's name: by, par, von */
    BP_CLASS_MENU = 1u << 4,     /* a site-section word: home, news, world */
    BP_CLASS_SOCIAL = 1u << 5,   /* a social network or sharing channel */
    BP_CLASS_FOLLOW = 1u << 6,   /* a word that opens a share or follow line: follow, share */
    BP_CLASS_ROLE = 1u << 7,     /* a newsroom job: writer, correspondent, reporter */
    BP_CLASS_CONTAINS = 1u << 8, /* set by finish(): the first word of a contains phrase */
    BP_CLASS_BORN = 1u << 9,     /* the birth of an obituary's life span: born, né, geboren */
    BP_CLASS_DIED = 1u << 10     /* its death: died, mort, gestorben */
};

/*
 * The kinds of furniture a phrase can announce.  The name of a kind is the
 * boilerplate_reason of a block it marks (see bp_kind_reason), except that a
 * sponsor heading is reported as sponsor-slot and a letters heading as list-heading.
 */
typedef enum bp_kind {
    BP_KIND_NONE = 0,
    BP_KIND_MENU,
    BP_KIND_CRUMB,
    BP_KIND_NAV,
    BP_KIND_LIST_HEADING,
    BP_KIND_SPONSOR_SLOT,
    BP_KIND_SPONSOR_HEADING,
    BP_KIND_CREDIT,
    BP_KIND_BYLINE,
    BP_KIND_DATE_LINE,
    BP_KIND_SHARE,
    BP_KIND_SUBSCRIBE,
    BP_KIND_COOKIE_NOTICE,
    BP_KIND_TAG_LIST,
    BP_KIND_COPYRIGHT,
    BP_KIND_LEGAL,
    BP_KIND_COMMENT_PROMPT,
    BP_KIND_META_LINE,
    BP_KIND_LETTERS_HEADING,
    BP_KIND_COUNT
} bp_kind;

/* How a phrase must sit in a block to mark it. */
typedef enum bp_mode {
    BP_MODE_BLOCK = 0, /* the whole block, apart from marks around it */
    BP_MODE_LABEL,     /* at the start, followed by a mark (: · | -) or nothing */
    BP_MODE_START,     /* at the start */
    BP_MODE_CONTAINS   /* anywhere */
} bp_mode;

typedef struct bp_lexicon bp_lexicon;

/* A match of a phrase in a block. */
typedef struct bp_match {
    bp_kind kind;
    bp_mode mode;
    unsigned tokens; /* length of the phrase in tokens */
} bp_match;

/* The file-format name of a kind ("list-heading"), or NULL. */
const char *bp_kind_name(bp_kind kind);
/* The boilerplate_reason reported for a block of that kind. */
const char *bp_kind_reason(bp_kind kind);

/* A new, empty lexicon; NULL when out of memory. */
bp_lexicon *bp_lexicon_new(void);
void bp_lexicon_free(bp_lexicon *lx);

/*
 * Loads a furniture phrase file (KIND<TAB>MODE<TAB>PHRASE).  Errors name the
 * file and the line: GALLEY_ECONFIG for a malformed line or an unreadable
 * file, GALLEY_ENOMEM.
 */
int bp_lexicon_load_phrases(bp_lexicon *lx, const char *path, galley_error *err);

/*
 * Loads a word file: each line is CLASS<TAB>WORD WORD ...  With stopwords set,
 * CLASS is a language code and every word is a stop word; otherwise CLASS is
 * one of month, date, byline, menu, social, follow, role.
 */
int bp_lexicon_load_words(bp_lexicon *lx, const char *path, int stopwords, galley_error *err);

/* Indexes the phrases; call once after the last load. */
int bp_lexicon_finish(bp_lexicon *lx, galley_error *err);

/* The id of a case-folded text, or BP_NO_ID. */
uint32_t bp_lexicon_lookup(const bp_lexicon *lx, const char *fold, size_t length);
/*
 * Looks up every token of a block at once: ids[i] is the id of tokens[i] or
 * BP_NO_ID, classes[i] its class bits.  A word of up to 16 bytes is read from
 * its fold in two 8-byte loads (GALLEY_FOLD_PADDING).  A word that is in no
 * list but starts with an elided stop word (l'armée, dell'anno) gets BP_CLASS_STOP.
 */
void bp_lexicon_tokens(const bp_lexicon *lx, const galley_token *tokens, size_t count,
                       uint32_t *ids, uint32_t *classes);
/* A 64-bit hash of any bytes (to tell repeated blocks). */
uint64_t bp_hash_bytes(const char *text, size_t length);
/* The class bits of an id (0 for BP_NO_ID). */
uint32_t bp_lexicon_classes(const bp_lexicon *lx, uint32_t id);
/* The number of phrases loaded (for tests and descriptions). */
size_t bp_lexicon_phrase_count(const bp_lexicon *lx);

/* The longest heading, in words, that a start, label or contains phrase of a
 * list or sponsor heading marks. */
#define BP_HEADING_MAX_WORDS 8
/* The longest byline, in words, that a start or contains phrase marks ("Words and pictures by
 * Olena Koval, Kharkiv correspondent"); a byline ends no sentence. */
#define BP_BYLINE_MAX_WORDS 14

/*
 * Finds the furniture phrase that marks a block, given the ids and class
 * bits of its tokens (from bp_lexicon_tokens) and the tokens themselves.  words is the block's word
 * count: start, label and contains phrases only mark blocks of at most max_words words, because a
 * long paragraph of story text can mention "cookies" or begin with "Share".  In start and contains
 * modes, list and sponsor headings only mark blocks of at most BP_HEADING_MAX_WORDS words that do
 * not end a sentence (terminal), so that "More than forty people were hurt." stays story; bylines
 * likewise, up to BP_BYLINE_MAX_WORDS ("Our correspondent spent the weekend ..." is story).  Returns
 * 1 and fills out when a phrase matches.
 */
int bp_lexicon_match(const bp_lexicon *lx, const uint32_t *ids, const uint32_t *classes,
                     const galley_token *tokens, size_t count, size_t words, int terminal,
                     size_t max_words, bp_match *out);

/* ---- building a lexicon (datafile.c) ----------------------------------- */

/* The kind or mode named in a data file, or -1. */
int bp_kind_from_name(const char *name, size_t length);
int bp_mode_from_name(const char *name, size_t length);
/* The id of a folded text, adding an entry when it is new; BP_NO_ID when out of memory. */
uint32_t bp_lexicon_intern(bp_lexicon *lx, const char *fold, size_t length);
/* Adds class bits to an entry. */
void bp_lexicon_add_classes(bp_lexicon *lx, uint32_t id, uint32_t bits);
/* Adds a phrase of count entry ids (1..BP_PHRASE_MAX); -1 when out of memory. */
int bp_lexicon_add_phrase(bp_lexicon *lx, int kind, int mode, const uint32_t *ids, int count);

#endif /* BP_LEXICON_H */
