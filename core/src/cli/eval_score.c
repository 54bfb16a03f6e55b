/*
 * eval_score.c -- precision, recall, F1, accuracy, macro-F1 and name
 * matching for `galley eval` (see eval_score.h).
 */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "eval_score.h"

void score_binary_add(score_binary *s, int gold, int predicted)
{
    if (gold && predicted)
        s->tp++;
    else if (!gold && predicted)
        s->fp++;
    else if (gold && !predicted)
        s->fn++;
    else
        s->tn++;
}

void score_binary_merge(score_binary *into, const score_binary *from)
{
    into->tp += from->tp;
    into->fp += from->fp;
    into->fn += from->fn;
    into->tn += from->tn;
}

double score_precision(const score_binary *s)
{
    return s->tp + s->fp ? (double)s->tp / (double)(s->tp + s->fp) : NAN;
}

double score_recall(const score_binary *s)
{
    return s->tp + s->fn ? (double)s->tp / (double)(s->tp + s->fn) : NAN;
}

double score_f1(const score_binary *s)
{
    size_t denominator = 2 * s->tp + s->fp + s->fn;
    return denominator ? 2.0 * (double)s->tp / (double)denominator : NAN;
}

static int label_index(score_confusion *c, const char *label)
{
    for (size_t i = 0; i < c->label_count; i++)
        if (strcmp(c->labels[i], label) == 0)
            return (int)i;
    if (c->label_count == SCORE_MAX_LABELS)
        return -1;
    size_t n = strlen(label);
    if (n >= SCORE_LABEL_LENGTH)
        n = SCORE_LABEL_LENGTH - 1;
    memcpy(c->labels[c->label_count], label, n);
    c->labels[c->label_count][n] = '\0';
    return (int)c->label_count++;
}

int score_confusion_add(score_confusion *c, const char *gold, const char *predicted)
{
    int g = label_index(c, gold);
    if (g < 0)
        return -1;
    if (!predicted) {
        c->missing[g]++;
    } else {
        int p = label_index(c, predicted);
        if (p < 0)
            return -1;
        c->counts[g][p]++;
    }
    c->total++;
    return 0;
}

void score_confusion_merge(score_confusion *into, const score_confusion *from)
{
    for (size_t g = 0; g < from->label_count; g++) {
        int gi = label_index(into, from->labels[g]);
        if (gi < 0)
            continue;
        into->missing[gi] += from->missing[g];
        for (size_t p = 0; p < from->label_count; p++) {
            int pi = label_index(into, from->labels[p]);
            if (pi >= 0)
                into->counts[gi][pi] += from->counts[g][p];
        }
    }
    into->total += from->total;
}

double score_accuracy(const score_confusion *c)
{
    if (c->total == 0)
        return NAN;
    size_t right = 0;
    for (size_t i = 0; i < c->label_count; i++)
        right += c->counts[i][i];
    return (double)right / (double)c->total;
}

double score_macro_f1(const score_confusion *c)
{
    if (c->total == 0)
        return NAN;
    double sum = 0.0;
    size_t n = 0;
    for (size_t k = 0; k < c->label_count; k++) {
        size_t tp = c->counts[k][k], fp = 0, fn = c->missing[k];
        for (size_t j = 0; j < c->label_count; j++) {
            if (j == k)
                continue;
            fp += c->counts[j][k];
            fn += c->counts[k][j];
        }
        if (tp + fp + fn == 0)
            continue; /* a label that was never used at all */
        sum += 2.0 * (double)tp / (double)(2 * tp + fp + fn);
        n++;
    }
    return n ? sum / (double)n : NAN;
}

/* Titles dropped from the front of a name before comparing ("Witness P-0551" is the code a
   court gives, as P-0551). */
static const char *const titles[] = {"mr",  "mrs",   "ms",    "dr",        "prof",     "sir",
                                     "gen", "general", "col", "president", "minister", "king",
                                     "queen", "pope", "prime minister", "witness"};

void score_normalise_name(const char *name, char *out, size_t size)
{
    size_t n = 0;
    int space = 1;
    for (const unsigned char *p = (const unsigned char *)name; *p && n + 4 < size; p++) {
        unsigned c = *p;
        /* ’ (E2 80 99) and ‘ -> '; ‐ ‑ – (E2 80 90/91/93) -> - */
        if (c == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) {
            c = '\'';
            p += 2;
        } else if (c == 0xE2 && p[1] == 0x80 && (p[2] == 0x90 || p[2] == 0x91 || p[2] == 0x93)) {
            c = '-';
            p += 2;
        } else if (c == '.') {
            continue; /* "J. K." and "J.K." compare equal */
        }
        if (isspace(c)) {
            if (!space)
                out[n++] = ' ';
            space = 1;
            continue;
        }
        out[n++] = (char)(c < 128 ? (unsigned)tolower((int)c) : c);
        space = 0;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    if (n >= 2 && strcmp(out + n - 2, "'s") == 0)
        out[n -= 2] = '\0';
    for (size_t t = 0; t < sizeof titles / sizeof titles[0]; t++) {
        size_t tl = strlen(titles[t]);
        if (n > tl + 1 && strncmp(out, titles[t], tl) == 0 && out[tl] == ' ') {
            memmove(out, out + tl + 1, n - tl);
            n -= tl + 1;
            t = (size_t)-1; /* titles can stack: "President Dr X" */
        }
    }
}

int score_names_match(const char *predicted, const char *gold, const char *const *aliases,
                      size_t alias_count)
{
    char p[256], g[256];
    score_normalise_name(predicted, p, sizeof p);
    if (!p[0])
        return 0;
    score_normalise_name(gold, g, sizeof g);
    if (strcmp(p, g) == 0)
        return 1;
    for (size_t i = 0; i < alias_count; i++) {
        score_normalise_name(aliases[i], g, sizeof g);
        if (strcmp(p, g) == 0)
            return 1;
    }
    return 0;
}
