/*
 * fold.h -- UTF-8 decoding, case folding and tokenising of data-file text
 * (see fold.c).
 */
#ifndef BP_FOLD_H
#define BP_FOLD_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one UTF-8 code point; returns its length in bytes, 0 when invalid. */
int bp_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);

/* Whether a code point is an upper-case letter (same scripts as bp_fold). */
int bp_is_upper(int32_t cp);
/* Whether a code point is a letter that is not upper case. */
int bp_is_lower(int32_t cp);

/*
 * Case-folds UTF-8 text the way the core folds tokens, for the scripts the
 * data files use (Latin, Greek, Cyrillic, Vietnamese): upper case to lower
 * case, ß to ss, typographic apostrophes and hyphens to ' and -, curly and
 * angle quotes to ", … to ...  Writes at most size - 1 bytes and a NUL;
 * returns the folded length, or -1 when the input is not valid UTF-8 or
 * does not fit.
 */
long bp_fold(const char *text, size_t length, char *out, size_t size);

/* One token of a data-file string: bytes [start, end). */
typedef struct bp_span {
    size_t start, end;
} bp_span;

/*
 * Splits text into tokens as the core does: words (letters and digits, with
 * apostrophes and hyphens between letters), numbers (digits with , and .
 * between them), runs of ? and !, runs of one of .-*=_~#, and single marks.
 * Returns the number of tokens (at most max are stored; more is reported as
 * max + 1), or -1 for invalid UTF-8.
 */
int bp_split_tokens(const char *text, size_t length, bp_span *spans, int max);

#endif /* BP_FOLD_H */
