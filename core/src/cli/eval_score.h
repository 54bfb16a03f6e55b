/*
 * eval_score.h -- the arithmetic of `galley eval`, kept apart from file
 * handling so that it can be tested on small cases with known answers.
 */
#ifndef GALLEY_EVAL_SCORE_H
#define GALLEY_EVAL_SCORE_H

#include <stddef.h>

/* Counts for one binary decision (the positive class is "boilerplate", "flagged"...). */
typedef struct score_binary {
    size_t tp, fp, fn, tn;
} score_binary;

void score_binary_add(score_binary *s, int gold, int predicted);
void score_binary_merge(score_binary *into, const score_binary *from);
/* NaN when undefined (no positive predictions / no positive gold). */
double score_precision(const score_binary *s);
double score_recall(const score_binary *s);
double score_f1(const score_binary *s);

#define SCORE_MAX_LABELS 16
#define SCORE_LABEL_LENGTH 32

/*
 * A confusion matrix over string labels, growing as labels appear.  A missing
 * prediction (NULL) is counted against the gold label but is not a class of
 * its own, so it lowers recall without adding a class to the macro average.
 */
typedef struct score_confusion {
    size_t label_count;
    char labels[SCORE_MAX_LABELS][SCORE_LABEL_LENGTH];
    size_t counts[SCORE_MAX_LABELS][SCORE_MAX_LABELS]; /* [gold][predicted] */
    size_t missing[SCORE_MAX_LABELS];                  /* gold label, no prediction */
    size_t total;
} score_confusion;

/* Returns 0, or -1 when there are more than SCORE_MAX_LABELS labels. */
int score_confusion_add(score_confusion *c, const char *gold, const char *predicted);
void score_confusion_merge(score_confusion *into, const score_confusion *from);
/* NaN when empty. */
double score_accuracy(const score_confusion *c);
/*
 * The unweighted mean of per-label F1 over every label seen in gold or
 * predictions (scikit-learn's macro average); NaN when empty.
 */
double score_macro_f1(const score_confusion *c);

/*
 * Name matching for person mentions: case-folded, apostrophes and dashes
 * unified, white space collapsed, leading titles (Mr, Dr, President...) and
 * trailing possessives ('s) removed.  Writes the normal form into out.
 */
void score_normalise_name(const char *name, char *out, size_t size);
/* 1 when predicted names the same person as gold or one of its aliases. */
int score_names_match(const char *predicted, const char *gold, const char *const *aliases,
                      size_t alias_count);

#endif /* GALLEY_EVAL_SCORE_H */
