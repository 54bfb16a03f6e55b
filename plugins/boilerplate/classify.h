/*
 * classify.h -- what the boilerplate plugin knows about one block, and the
 * two stages that decide it: features.c looks at each block alone, page.c
 * looks at the page as a whole (repetition, the story's extent, the headline,
 * lists, the page end and neighbours).
 */
#ifndef BP_CLASSIFY_H
#define BP_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"

/* The options, checked in create() and read-only afterwards. */
typedef struct bp_settings {
    double min_story_chars;  /* story text on its own: at least this many characters */
    double stopword_density; /* ...and at least this share of stop words */
    double max_link_density; /* short blocks with this share of capitalised words look like links */
    size_t max_phrase_words; /* start, label and contains phrases mark blocks up to this length */
    int smoothing;           /* decide ambiguous blocks from their neighbours */
    int page_end;            /* everything after the story's last furniture is furniture */
    int repetition;          /* a block printed twice on the page is furniture */
} bp_settings;

/*
 * What a block looks like on its own, from the strongest evidence of
 * furniture to the strongest evidence of story text.
 */
typedef enum bp_grade {
    BP_EMPTY = 0, /* no words: marks, emoji or numbers only */
    BP_RULE,      /* furniture by a phrase or a structural rule (reason says which) */
    BP_WEAK,      /* looks like a link or a label: furniture unless the neighbours are story */
    BP_SHORT,     /* one or two words, nothing to go on */
    BP_TITLE,     /* three words or more without a full stop: headline, caption or teaser title */
    BP_NEAR,      /* a sentence, or a quotation standing alone */
    BP_GOOD       /* story text on its own: long, full of stop words, ends a sentence */
} bp_grade;

enum bp_block_flag {
    BP_F_TERMINAL = 1 << 0,   /* ends with . ! ? (a closing quote or bracket may follow) */
    BP_F_QUOTE = 1 << 1,      /* opens with a quotation mark and ends by closing it */
    BP_F_TRUNCATED = 1 << 2,  /* ends with ... or … */
    BP_F_REPEATED = 1 << 3,   /* the same text appears in another block */
    BP_F_OPENS_LIST = 1 << 4, /* a list or sponsor heading on its own line */
    BP_F_AUTHOR_BOX = 1 << 5, /* "Olha Koval is a culture writer based in Kyiv." */
    BP_F_SEPARATED = 1 << 6, /* short, with separators or symbols: "Ceará 2–1 Fortaleza · ..." */
    BP_F_QUESTION = 1 << 7,  /* ends with a question mark: an interviewer's question */
    BP_F_LISTING = 1 << 8,   /* a list's own line: "5. Mırra Kahvaltı, Kadıköy", or a line
                                with a price ("Moda Caddesi · about ₺2,600 · walk-ins only") */
    BP_F_SIGN_OFF = 1 << 9,  /* a name and a place parted by one comma, capitalised words
                                alone: "Margaret Thewlis, Cottingham" under a letter */
    BP_F_NUMBERED = 1 << 10, /* a numbered item's heading: "5. Mırra Kahvaltı, Kadıköy" */
    BP_F_TABLE = 1 << 11,    /* rows of as many cells each, with figures: "SPD | 30.9% | 32" */
    BP_F_CLOCK = 1 << 12,    /* a date line with a time of day: a live post's "23:10 CEST" */
    BP_F_LINES = 1 << 13     /* three lines or more: a box of points, a list, a table */
};

/* The longest list heading, in words, that opens a list of items. */
#define BP_LIST_HEADING_WORDS 6

typedef struct bp_block {
    uint32_t index; /* the block's index in the document */
    uint32_t chars; /* characters (code points), for the ratios */
    uint32_t words;
    uint32_t numbers;
    uint32_t stops;
    uint32_t capitalised;
    uint64_t hash; /* of the block's text, for repetition; 0 for long blocks, never compared */
    uint8_t cls;   /* bp_class */
    uint8_t kind;  /* bp_kind, for BP_RULE blocks that a phrase or rule named */
    uint16_t flags;
    const char *reason; /* why, for BP_RULE and BP_WEAK blocks */
} bp_block;

/* A decision: furniture or not, and the reason reported. */
typedef struct bp_decision {
    int furniture;
    const char *reason;
} bp_decision;

/*
 * Fills one bp_block from the core's tokens (out->index must be set).  A
 * block that no rule names is left as BP_SHORT with no reason: "undecided",
 * for bp_page_decide to grade.  scratch has room for twice the block's
 * token count.
 */
void bp_block_features(const bp_lexicon *lx, const bp_settings *settings, const char *text,
                       const galley_block *block, const galley_token *tokens, uint32_t *scratch,
                       bp_block *out);

/*
 * Decides every block of a page (the blocks in scope, in order).  A block
 * counts as story text on its own only with at least min_density stop words
 * (0 turns the test off, for a language the stop-word lists do not cover).
 * out has count entries.  Returns 0, or -1 when out of memory.
 */
int bp_page_decide(const bp_settings *settings, double min_density, bp_block *blocks, size_t count,
                   bp_decision *out);

/* Whether two blocks have the same text (checked after their hashes agree). */
int bp_same_text(const char *text, const galley_block *a, const galley_block *b);

#endif /* BP_CLASSIFY_H */
