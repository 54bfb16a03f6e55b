/*
 * features.c -- turns the sentence scores of one block into the handful of
 * numbers the decision layer reads (README.md, "The decision layer", says
 * what each measures and why it is there).
 *
 * The rules say more about a paragraph than its mean score: how strong its
 * words are on either side, whether it is sourced ("officials said") and
 * full of figures, whether its feeling sits in a quote, which words it uses.
 * A lexicon sum follows the event words; these features let a trained layer
 * tell a dry report of an attack from a grieving one.  The same code serves
 * training (trainer.c) and scoring (sentiment.c), so a model sees at run
 * time exactly what it was trained on.
 */
#include <math.h>
#include <string.h>

#include "sentiment.h"

const char *const sen_feature_names[SEN_FEATURES] = {
    "score",         "positive",         "negative",         "narration",    "quoted_share",
    "tone_negative", "tone_positive",    "negations",        "contrasts",    "numbers",
    "attributions",  "lexical_negative", "lexical_positive", "unterminated", "questions",
    "first_block"};

/* The scorer's normalisation, so that summed values read on the scale of a score. */
#define SEN_FEATURE_ALPHA 15.0

void sen_block_init(sen_block_stats *b)
{
    memset(b, 0, sizeof *b);
}

static void flush(sen_block_stats *b)
{
    if (!b->pending)
        return;
    b->weight += b->pending_weight;
    b->sum += b->pending_weight * b->pending_score;
    b->squares += b->pending_weight * b->pending_score * b->pending_score;
    b->sentences++;
    b->pending = 0;
}

void sen_block_add(sen_block_stats *b, const sen_sentence_score *sc)
{
    double weight = 1;
    if (sc->lead_contrast > 0 && b->pending) {
        b->pending_weight *= 1 - sc->lead_contrast;
        weight = 1 + sc->lead_contrast;
    }
    flush(b);
    b->pending = 1;
    b->pending_score = sc->score;
    b->pending_weight = weight;

    b->words += sc->words;
    b->quoted_words += sc->quoted_words;
    b->numbers += sc->numbers;
    b->negations += sc->negations;
    b->contrasts += sc->contrasts;
    b->attributions += sc->attributions;
    b->unterminated += !sc->terminated;
    b->questions += sc->question != 0;
    if (sc->has_narration) {
        b->narration += sc->narration;
        b->narration_count++;
    }
    for (int d = 0; d < SEN_DIMENSIONS; d++)
        b->tone[d] += sc->tone[d];
    /* A sentence of sourced figures ("the air force said 46 drones were
       launched and 39 shot down"): a figure, a verb of reporting and no plain
       word of loss (killed, injured, destroyed).  Its event words state what
       happened and convey less feeling than they weigh, so its negative
       terms count SEN_SOURCED_FIGURES_WEIGHT in the negative feature, and so
       do its words' negative log-odds in the lexical one (the trainer weighs
       them the same: sen_sourced_figures). */
    double w = sen_sourced_figures(sc) ? SEN_SOURCED_FIGURES_WEIGHT : 1.0;
    b->lexical[0] += w * sc->lexical[0];
    b->lexical[1] += sc->lexical[1];
    b->distinct[0] += sc->distinct[0];
    b->distinct[1] += sc->distinct[1];
    b->positive += sc->positive;
    b->negative += w * sc->negative;
}

void sen_block_finish(sen_block_stats *b)
{
    flush(b); /* only the last sentence's weight was still open */
}

double sen_block_score(const sen_block_stats *b)
{
    return b->weight > 0 ? b->sum / b->weight : 0.0;
}

/*
 * Runs once per block, so it is written to stay cheap: one division per
 * base instead of one per feature, and no call it can avoid.
 */
void sen_block_features(const sen_block_stats *b, float out[SEN_FEATURE_LANES])
{
    double per_word = b->words ? 1 / (double)b->words : 0.0;
    double per_sentence = b->sentences ? 1 / (double)b->sentences : 0.0;
    double per_root = b->words ? 1 / sqrt((double)b->words) : 0.0;
    double negative_tone =
        b->tone[SEN_ANGER] + b->tone[SEN_FEAR] + b->tone[SEN_SADNESS] + b->tone[SEN_FATIGUE];
    double positive_tone = b->tone[SEN_HOPE] + b->tone[SEN_JOY];
    out[SEN_F_SCORE] = (float)sen_block_score(b);
    out[SEN_F_POSITIVE] =
        (float)(b->positive / sqrt(b->positive * b->positive + SEN_FEATURE_ALPHA));
    out[SEN_F_NEGATIVE] =
        (float)(b->negative / sqrt(b->negative * b->negative + SEN_FEATURE_ALPHA));
    out[SEN_F_NARRATION] =
        (float)(b->narration_count ? b->narration / (double)b->narration_count : 0.0);
    out[SEN_F_QUOTED_SHARE] = (float)((double)b->quoted_words * per_word);
    out[SEN_F_TONE_NEGATIVE] = (float)(10 * negative_tone * per_word);
    out[SEN_F_TONE_POSITIVE] = (float)(10 * positive_tone * per_word);
    out[SEN_F_NEGATIONS] = (float)((double)b->negations * per_sentence);
    out[SEN_F_CONTRASTS] = (float)((double)b->contrasts * per_sentence);
    out[SEN_F_NUMBERS] = (float)(10 * (double)b->numbers * per_word);
    out[SEN_F_ATTRIBUTIONS] = (float)((double)b->attributions * per_sentence);
    out[SEN_F_LEXICAL_NEGATIVE] = (float)((b->lexical[0] + b->distinct[0]) * per_root);
    out[SEN_F_LEXICAL_POSITIVE] = (float)((b->lexical[1] + b->distinct[1]) * per_root);
    out[SEN_F_UNTERMINATED] = (float)((double)b->unterminated * per_sentence);
    out[SEN_F_QUESTIONS] = (float)((double)b->questions * per_sentence);
    out[SEN_F_FIRST_BLOCK] = b->first ? 1.0f : 0.0f;
    for (int f = SEN_FEATURES; f < SEN_FEATURE_LANES; f++)
        out[f] = 0;
}
