/*
 * eval.c -- `galley eval CONFIG DIR`: runs a pipeline over every article in
 * DIR that has a gold file and scores it, per analysis and per split.
 *
 * The analyses are found by the attributes the report format standardises,
 * not by plugin name: blocks' "boilerplate", "section" and "polarity", the
 * document label in the result of the step that sets "section", and the
 * "persons" list of whichever step reports one (docs/report-format.md).  An
 * analysis the pipeline does not run is shown as not measured.
 */
#include <dirent.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eval_score.h"

static const char eval_usage[] =
    "usage: galley eval CONFIG DIR [options]\n"
    "\n"
    "Runs CONFIG over every article in DIR that has a gold file (ARTICLE.gold.json\n"
    "beside ARTICLE.txt; format in docs/gold-format.md) and prints, for the dev\n"
    "half, the held-out half and both together:\n"
    "  boilerplate  block precision, recall and F1 (boilerplate is the positive\n"
    "               class) and the mean absolute error of the ratio by characters\n"
    "  section      accuracy and macro-F1 over content blocks, and over documents\n"
    "  sentiment    accuracy and macro-F1 over content blocks (polarity)\n"
    "  persons      precision, recall and F1 of the people found in the body, the\n"
    "               recall of private people flagged as unlisted, category\n"
    "               accuracy, and public figures wrongly flagged\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT       text (default) or json\n"
    "      --errors           list every block and person the pipeline got wrong\n"
    "      --split SPLIT      which articles --errors lists: dev (default), heldout\n"
    "                         or all; the held-out half is for measuring, not tuning\n"
    "      --plugin-path DIR  look for plugins in DIR first (repeatable)\n"
    "  -h, --help             this help\n"
    "\n"
    "Exit status: 0 scored, 2 usage, config or gold-file error, 3 an article\n"
    "could not be read, 4 plugin error.\n"
    "\n"
    "Examples:\n"
    "  galley eval configs/review.json corpus/\n"
    "  galley eval configs/review.json corpus/ --errors\n"
    "  galley eval configs/review.json corpus/ -f json > eval.json\n";

enum { SPLIT_DEV, SPLIT_HELDOUT, SPLIT_ALL, SPLIT_COUNT };
static const char *const split_names[] = {"dev", "heldout", "all"};

typedef struct metrics {
    size_t articles, misaligned;
    score_binary boilerplate;
    double ratio_error_sum;
    size_t ratio_count;
    score_confusion section_blocks, section_docs, sentiment;
    size_t gold_persons, gold_found, predicted_persons, predicted_matched;
    size_t private_persons, private_flagged;
    size_t categorised, category_right, public_flagged;
} metrics;

typedef struct analyses {
    int boilerplate, section, sentiment, persons;
    char section_step[128];
} analyses;

typedef struct eval_state {
    const galley_pipeline *pipeline;
    analyses has;
    metrics m[SPLIT_COUNT];
    int list_errors;
    int error_split; /* SPLIT_DEV, SPLIT_HELDOUT or SPLIT_ALL */
    int worst;       /* worst exit status so far */
} eval_state;

/* ---- reading ------------------------------------------------------------ */

static char *read_all(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0, n;
    char *buf = malloc(cap);
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            char *grown = realloc(buf, cap *= 2);
            if (!grown) {
                free(buf);
                buf = NULL;
            } else {
                buf = grown;
            }
        }
    }
    fclose(f);
    if (length)
        *length = len;
    return buf;
}

static size_t utf8_chars(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

static void find_analyses(eval_state *st)
{
    json_t *d = galley_pipeline_describe(st->pipeline);
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(d, "attributes"), i, a) {
        const char *name = json_string_value(json_object_get(a, "name"));
        if (strcmp(name, "boilerplate") == 0)
            st->has.boilerplate = 1;
        else if (strcmp(name, "polarity") == 0)
            st->has.sentiment = 1;
        else if (strcmp(name, "section") == 0) {
            st->has.section = 1;
            snprintf(st->has.section_step, sizeof st->has.section_step, "%s",
                     json_string_value(json_object_get(a, "step")));
        }
    }
    json_decref(d);
}

/* The first step result with a "persons" list. */
static const json_t *find_persons(const json_t *doc)
{
    const char *step;
    json_t *res;
    json_object_foreach(json_object_get(doc, "results"), step, res) {
        const json_t *p = json_object_get(res, "persons");
        if (json_is_array(p))
            return p;
    }
    return NULL;
}

/* ---- scoring one article ------------------------------------------------ */

static void show_words(const char *text, size_t start, size_t end)
{
    size_t n = end - start < 48 ? end - start : 48;
    while (n > 0 && n < end - start && ((unsigned char)text[start + n] & 0xC0) == 0x80)
        n--;
    printf("  \"%.*s%s\"\n", (int)n, text + start, n < end - start ? "..." : "");
}

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/*
 * Whether text (n bytes) begins with the words of starts, runs of white space
 * on either side counting as one space, as docs/gold-format.md says tools
 * should compare them.
 */
static int starts_with_words(const char *text, size_t n, const char *starts)
{
    size_t i = 0;
    const char *p = starts;
    while (is_ws(*p))
        p++;
    while (i < n && is_ws(text[i]))
        i++;
    while (*p) {
        if (is_ws(*p)) {
            while (is_ws(*p))
                p++;
            if (!*p)
                break;
            size_t before = i;
            while (i < n && is_ws(text[i]))
                i++;
            if (i == before)
                return 0;
            continue;
        }
        if (i >= n || text[i] != *p)
            return 0;
        i++;
        p++;
    }
    return 1;
}

/* The first bytes of s (n long) on one line, cut at a character boundary. */
static void one_line(char *out, size_t size, const char *s, size_t n)
{
    size_t k = 0;
    for (; k < n && k + 1 < size; k++)
        out[k] = s[k] == '\n' || s[k] == '\r' || s[k] == '\t' ? ' ' : s[k];
    if (k < n && ((unsigned char)s[k] & 0xC0) == 0x80) { /* cut inside a character */
        while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 0)
            k--;
    }
    out[k] = '\0';
}

/*
 * A gold file out of step with its article is an error of the gold file (exit
 * 2), named with the first block that differs: its blocks are not scored,
 * since every label would be compared with the wrong paragraph.
 */
static int aligned(const json_t *gold_blocks, const json_t *blocks, const char *text,
                   size_t text_length, const char *path)
{
    if (json_array_size(gold_blocks) != json_array_size(blocks)) {
        fprintf(stderr,
                "galley: %s: the gold file has %zu blocks but the article has %zu; fix the "
                "gold file (see docs/gold-format.md)\n",
                path, json_array_size(gold_blocks), json_array_size(blocks));
        return 0;
    }
    size_t i;
    json_t *g;
    json_array_foreach(gold_blocks, i, g) {
        const json_t *r = json_array_get(blocks, i);
        json_int_t gl = json_integer_value(json_object_get(g, "line"));
        json_int_t rl = json_integer_value(json_object_get(r, "line"));
        if (gl != rl) {
            fprintf(stderr,
                    "galley: %s:%lld: gold block %zu is on line %lld but the article's block %zu "
                    "starts on line %lld; fix the gold file (see docs/gold-format.md)\n",
                    path, (long long)rl, i, (long long)gl, i, (long long)rl);
            return 0;
        }
        const char *starts = json_string_value(json_object_get(g, "starts"));
        size_t start = (size_t)json_integer_value(json_object_get(r, "start"));
        size_t end = (size_t)json_integer_value(json_object_get(r, "end"));
        if (!starts || end > text_length || start > end ||
            !starts_with_words(text + start, end - start, starts)) {
            char want[64], found[64];
            one_line(want, sizeof want, starts ? starts : "(no \"starts\")",
                     starts ? strlen(starts) : 15);
            one_line(found, sizeof found, end <= text_length && start <= end ? text + start : "",
                     end <= text_length && start <= end ? end - start : 0);
            fprintf(stderr,
                    "galley: %s:%lld: gold block %zu should start \"%s\" but the article's block "
                    "starts \"%s\"; fix the gold file (see docs/gold-format.md)\n",
                    path, (long long)rl, i, want, found);
            return 0;
        }
    }
    return 1;
}

static const char *attr_string(const json_t *block, const char *name)
{
    return json_string_value(json_object_get(json_object_get(block, "attrs"), name));
}

static void score_blocks(eval_state *st, metrics *m, const json_t *gold, const json_t *doc,
                         const char *text, size_t text_length, const char *path, int show)
{
    const json_t *gb = json_object_get(gold, "blocks"), *rb = json_object_get(doc, "blocks");
    if (!aligned(gb, rb, text, text_length, path)) {
        m->misaligned++;
        st->worst = EXIT_USAGE;
        return;
    }
    size_t all_chars = 0, gold_chars = 0, predicted_chars = 0;
    size_t i;
    json_t *g;
    json_array_foreach(gb, i, g) {
        const json_t *r = json_array_get(rb, i);
        size_t start = (size_t)json_integer_value(json_object_get(r, "start"));
        size_t end = (size_t)json_integer_value(json_object_get(r, "end"));
        if (end > text_length || start > end)
            continue;
        size_t chars = utf8_chars(text + start, end - start);
        int gold_bp = json_is_true(json_object_get(g, "boilerplate"));
        const json_t *attrs = json_object_get(r, "attrs");
        int pred_bp = json_is_true(json_object_get(attrs, "boilerplate"));
        long long line = json_integer_value(json_object_get(r, "line"));
        all_chars += chars;
        gold_chars += gold_bp ? chars : 0;
        predicted_chars += pred_bp ? chars : 0;
        if (st->has.boilerplate) {
            score_binary_add(&m->boilerplate, gold_bp, pred_bp);
            if (show && gold_bp != pred_bp) {
                const char *why = attr_string(r, "boilerplate_reason");
                printf("%s:%lld: boilerplate: gold %s, predicted %s%s%s%s\n", path, line,
                       gold_bp ? "furniture" : "content", pred_bp ? "furniture" : "content",
                       why ? " (" : "", why ? why : "", why ? ")" : "");
                show_words(text, start, end);
            }
        }
        if (gold_bp)
            continue; /* section and sentiment are scored on the story's blocks */
        const char *gs = json_string_value(json_object_get(g, "section"));
        if (st->has.section && gs) {
            const char *ps = attr_string(r, "section");
            score_confusion_add(&m->section_blocks, gs, ps);
            if (show && (!ps || strcmp(gs, ps) != 0)) {
                printf("%s:%lld: section: gold %s, predicted %s\n", path, line, gs,
                       ps ? ps : "(none)");
                show_words(text, start, end);
            }
        }
        const char *gp = json_string_value(json_object_get(g, "sentiment"));
        if (st->has.sentiment && gp) {
            const char *pp = attr_string(r, "polarity");
            score_confusion_add(&m->sentiment, gp, pp);
            if (show && (!pp || strcmp(gp, pp) != 0)) {
                printf("%s:%lld: sentiment: gold %s, predicted %s\n", path, line, gp,
                       pp ? pp : "(none)");
                show_words(text, start, end);
            }
        }
    }
    if (st->has.boilerplate && all_chars) {
        m->ratio_error_sum +=
            fabs((double)gold_chars / (double)all_chars - (double)predicted_chars / (double)all_chars);
        m->ratio_count++;
    }
}

static int person_matches(const json_t *predicted, const json_t *gold)
{
    const char *gold_name = json_string_value(json_object_get(gold, "name"));
    const json_t *aliases = json_object_get(gold, "aliases");
    const char *alias[32];
    size_t n = 0, i;
    json_t *a;
    json_array_foreach(aliases, i, a)
        if (n < 32 && json_is_string(a))
            alias[n++] = json_string_value(a);
    if (!gold_name)
        return 0;
    const char *name = json_string_value(json_object_get(predicted, "name"));
    if (name && score_names_match(name, gold_name, alias, n))
        return 1;
    json_t *mention;
    json_array_foreach(json_object_get(predicted, "mentions"), i, mention) {
        const char *t = json_string_value(json_object_get(mention, "text"));
        if (t && score_names_match(t, gold_name, alias, n))
            return 1;
    }
    return 0;
}

static const char *gold_as_predicted(const char *category)
{
    return strcmp(category, "private_person") == 0 ? "unlisted" : category;
}

static void score_persons(metrics *m, const json_t *gold, const json_t *doc, const char *path,
                          int show)
{
    const json_t *predicted = find_persons(doc);
    const json_t *people = json_object_get(gold, "persons");
    size_t i, j;
    json_t *g, *p;
    json_array_foreach(people, i, g) {
        if (!json_is_true(json_object_get(g, "in_body")))
            continue;
        const char *category = json_string_value(json_object_get(g, "category"));
        m->gold_persons++;
        int is_private = category && strcmp(category, "private_person") == 0;
        m->private_persons += is_private;
        const json_t *match = NULL;
        json_array_foreach(predicted, j, p) if (!match && person_matches(p, g)) match = p;
        if (!match) {
            if (show)
                printf("%s: person missed: %s (%s)\n", path,
                       json_string_value(json_object_get(g, "name")), category ? category : "?");
            continue;
        }
        m->gold_found++;
        const char *pc = json_string_value(json_object_get(match, "category"));
        if (!pc || !category)
            continue;
        m->categorised++;
        int right = strcmp(pc, gold_as_predicted(category)) == 0;
        m->category_right += right;
        m->private_flagged += is_private && strcmp(pc, "unlisted") == 0;
        m->public_flagged += strcmp(category, "public_figure") == 0 && strcmp(pc, "unlisted") == 0;
        if (show && !right)
            printf("%s: person %s: gold %s, predicted %s\n", path,
                   json_string_value(json_object_get(g, "name")), gold_as_predicted(category), pc);
    }
    json_array_foreach(predicted, j, p) {
        m->predicted_persons++;
        int matched = 0;
        json_array_foreach(people, i, g) if (!matched && person_matches(p, g)) matched = 1;
        m->predicted_matched += matched;
        if (show && !matched)
            printf("%s: not a person in the gold: %s (%s)\n", path,
                   json_string_value(json_object_get(p, "name")),
                   json_string_value(json_object_get(p, "category")));
    }
}

static void score_article(eval_state *st, const char *gold_path)
{
    char *text_path = NULL;
    size_t n = strlen(gold_path) - strlen(".gold.json");
    text_path = malloc(n + 5);
    if (!text_path)
        return;
    snprintf(text_path, n + 5, "%.*s.txt", (int)n, gold_path);
    json_error_t jerr;
    json_t *gold = json_load_file(gold_path, JSON_REJECT_DUPLICATES, &jerr);
    if (!gold || !json_is_array(json_object_get(gold, "blocks"))) {
        fprintf(stderr, "galley: %s:%d:%d: %s\n", gold_path, gold ? 0 : jerr.line,
                gold ? 0 : jerr.column,
                gold ? "a gold file needs a \"blocks\" list (see docs/gold-format.md)" : jerr.text);
        json_decref(gold);
        free(text_path);
        st->worst = EXIT_USAGE;
        return;
    }
    const char *split = json_string_value(json_object_get(gold, "split"));
    int s = split && strcmp(split, "heldout") == 0 ? SPLIT_HELDOUT : SPLIT_DEV;
    galley_error err;
    json_t *doc = NULL;
    if (galley_pipeline_run_file(st->pipeline, text_path, NULL, 0, &doc, &err) != 0) {
        cli_error(&err);
        int code = cli_exit_status(err.status);
        if (st->worst == 0 || code == EXIT_USAGE)
            st->worst = code;
        json_decref(gold);
        free(text_path);
        return;
    }
    size_t text_length = 0;
    char *text = read_all(text_path, &text_length);
    int show = st->list_errors && (st->error_split == SPLIT_ALL || st->error_split == s);
    metrics *m = &st->m[s];
    m->articles++;
    if (text)
        score_blocks(st, m, gold, doc, text, text_length, text_path, show);
    if (st->has.section) {
        const char *gs = json_string_value(json_object_get(gold, "section"));
        const json_t *res = json_object_get(json_object_get(doc, "results"), st->has.section_step);
        const char *ps = json_string_value(json_object_get(res, "label"));
        if (gs) {
            score_confusion_add(&m->section_docs, gs, ps);
            if (show && (!ps || strcmp(gs, ps) != 0))
                printf("%s: document section: gold %s, predicted %s\n", text_path, gs,
                       ps ? ps : "(none)");
        }
    }
    if (find_persons(doc))
        st->has.persons = 1;
    score_persons(m, gold, doc, text_path, show);
    free(text);
    json_decref(doc);
    json_decref(gold);
    free(text_path);
}

/* ---- the table ---------------------------------------------------------- */

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : NAN; }

static void merge(metrics *into, const metrics *from)
{
    into->articles += from->articles;
    into->misaligned += from->misaligned;
    score_binary_merge(&into->boilerplate, &from->boilerplate);
    into->ratio_error_sum += from->ratio_error_sum;
    into->ratio_count += from->ratio_count;
    score_confusion_merge(&into->section_blocks, &from->section_blocks);
    score_confusion_merge(&into->section_docs, &from->section_docs);
    score_confusion_merge(&into->sentiment, &from->sentiment);
    into->gold_persons += from->gold_persons;
    into->gold_found += from->gold_found;
    into->predicted_persons += from->predicted_persons;
    into->predicted_matched += from->predicted_matched;
    into->private_persons += from->private_persons;
    into->private_flagged += from->private_flagged;
    into->categorised += from->categorised;
    into->category_right += from->category_right;
    into->public_flagged += from->public_flagged;
}

typedef struct row {
    const char *group, *name, *key;
    double (*value)(const metrics *);
    int needs; /* which analysis: 1 boilerplate 2 section 3 sentiment 4 persons */
} row;

static double v_bp_p(const metrics *m) { return score_precision(&m->boilerplate); }
static double v_bp_r(const metrics *m) { return score_recall(&m->boilerplate); }
static double v_bp_f(const metrics *m) { return score_f1(&m->boilerplate); }
static double v_bp_mae(const metrics *m) { return m->ratio_count ? m->ratio_error_sum / (double)m->ratio_count : NAN; }
static double v_sec_acc(const metrics *m) { return score_accuracy(&m->section_blocks); }
static double v_sec_f1(const metrics *m) { return score_macro_f1(&m->section_blocks); }
static double v_doc_acc(const metrics *m) { return score_accuracy(&m->section_docs); }
static double v_doc_f1(const metrics *m) { return score_macro_f1(&m->section_docs); }
static double v_sen_acc(const metrics *m) { return score_accuracy(&m->sentiment); }
static double v_sen_f1(const metrics *m) { return score_macro_f1(&m->sentiment); }
static double v_per_p(const metrics *m) { return ratio(m->predicted_matched, m->predicted_persons); }
static double v_per_r(const metrics *m) { return ratio(m->gold_found, m->gold_persons); }
static double v_per_f(const metrics *m)
{
    double p = v_per_p(m), r = v_per_r(m);
    return isnan(p) || isnan(r) || p + r == 0 ? NAN : 2 * p * r / (p + r);
}
static double v_flag_r(const metrics *m) { return ratio(m->private_flagged, m->private_persons); }
static double v_cat_acc(const metrics *m) { return ratio(m->category_right, m->categorised); }
static double v_pub_flag(const metrics *m) { return (double)m->public_flagged; }

static const row rows[] = {
    {"boilerplate", "block precision", "precision", v_bp_p, 1},
    {"", "block recall", "recall", v_bp_r, 1},
    {"", "block F1", "f1", v_bp_f, 1},
    {"", "ratio MAE (chars)", "ratio_mae", v_bp_mae, 1},
    {"section", "block accuracy", "block_accuracy", v_sec_acc, 2},
    {"", "block macro-F1", "block_macro_f1", v_sec_f1, 2},
    {"", "document accuracy", "document_accuracy", v_doc_acc, 2},
    {"", "document macro-F1", "document_macro_f1", v_doc_f1, 2},
    {"sentiment", "block accuracy", "accuracy", v_sen_acc, 3},
    {"", "block macro-F1", "macro_f1", v_sen_f1, 3},
    {"persons", "precision", "precision", v_per_p, 4},
    {"", "recall", "recall", v_per_r, 4},
    {"", "F1", "f1", v_per_f, 4},
    {"", "private flagged (recall)", "flag_recall", v_flag_r, 4},
    {"", "category accuracy", "category_accuracy", v_cat_acc, 4},
    {"", "public figures flagged", "public_flagged", v_pub_flag, 4},
};

static int measured(const eval_state *st, int needs)
{
    return needs == 1 ? st->has.boilerplate
           : needs == 2 ? st->has.section
           : needs == 3 ? st->has.sentiment
                        : st->has.persons;
}

static const char *group_key(int needs)
{
    return needs == 1 ? "boilerplate" : needs == 2 ? "section" : needs == 3 ? "sentiment" : "persons";
}

static void print_text(const eval_state *st, const char *config, const char *dir)
{
    printf("galley eval: %s on %s (%zu dev, %zu held-out articles)\n\n", config, dir,
           st->m[SPLIT_DEV].articles, st->m[SPLIT_HELDOUT].articles);
    printf("%-12s %-26s %9s %9s %9s\n", "", "", "dev", "held-out", "all");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const row *r = &rows[i];
        if (r->group[0] && i > 0)
            printf("\n");
        printf("%-12s %-26s", r->group, r->name);
        for (int s = 0; s < SPLIT_COUNT; s++) {
            double v = measured(st, r->needs) ? r->value(&st->m[s]) : NAN;
            if (!measured(st, r->needs))
                printf(" %9s", "-");
            else if (isnan(v))
                printf(" %9s", "n/a");
            else if (r->value == v_pub_flag)
                printf(" %9.0f", v);
            else
                printf(" %9.3f", v);
        }
        printf("\n");
    }
    size_t misaligned = st->m[SPLIT_ALL].misaligned;
    printf("\n- not in this pipeline; n/a nothing to measure");
    if (misaligned)
        printf("; %zu article(s) skipped for block scores (gold misaligned)", misaligned);
    printf("\n");
}

static void print_json(const eval_state *st, const char *config, const char *dir)
{
    json_t *out = json_pack("{s:s, s:s}", "config", config, "dir", dir);
    for (int s = 0; s < SPLIT_COUNT; s++) {
        json_t *split = json_pack("{s:I, s:I}", "articles", (json_int_t)st->m[s].articles,
                                  "misaligned", (json_int_t)st->m[s].misaligned);
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
            const row *r = &rows[i];
            const char *group = group_key(r->needs);
            json_t *g = json_object_get(split, group);
            if (!g) {
                g = json_object();
                json_object_set_new(split, group, g);
            }
            double v = measured(st, r->needs) ? r->value(&st->m[s]) : NAN;
            json_object_set_new(g, r->key, isnan(v) ? json_null() : json_real(v));
        }
        json_object_set_new(out, split_names[s], split);
    }
    json_dumpf(out, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(4));
    fputc('\n', stdout);
    json_decref(out);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

enum { OPT_ERRORS = 256, OPT_SPLIT, OPT_PLUGIN_PATH };

int cmd_eval(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"format", required_argument, NULL, 'f'},
        {"errors", no_argument, NULL, OPT_ERRORS},
        {"split", required_argument, NULL, OPT_SPLIT},
        {"plugin-path", required_argument, NULL, OPT_PLUGIN_PATH},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_paths paths;
    cli_paths_init(&paths);
    eval_state st;
    memset(&st, 0, sizeof st);
    st.error_split = SPLIT_DEV;
    const char *format = "text";
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "text") && strcmp(optarg, "json"))
                return cli_usage_error("eval", "--format wants text or json, not '%s'", optarg);
            format = optarg;
            break;
        case OPT_ERRORS: st.list_errors = 1; break;
        case OPT_SPLIT:
            if (strcmp(optarg, "dev") == 0)
                st.error_split = SPLIT_DEV;
            else if (strcmp(optarg, "heldout") == 0)
                st.error_split = SPLIT_HELDOUT;
            else if (strcmp(optarg, "all") == 0)
                st.error_split = SPLIT_ALL;
            else
                return cli_usage_error("eval", "--split wants dev, heldout or all");
            break;
        case OPT_PLUGIN_PATH:
            if (cli_paths_add(&paths, optarg) != 0)
                return cli_usage_error("eval", "too many --plugin-path options");
            break;
        case 'h': fputs(eval_usage, stdout); return EXIT_OK;
        case ':': return cli_usage_error("eval", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("eval", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 2)
        return cli_usage_error("eval", "needs CONFIG and DIR, e.g. galley eval "
                                       "configs/review.json corpus/");
    const char *config = argv[optind], *dir = argv[optind + 1];
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "galley: %s: cannot read the directory\n", dir);
        return EXIT_USAGE;
    }
    char **golds = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n <= 10 || strcmp(e->d_name + n - 10, ".gold.json") != 0 || e->d_name[0] == '.')
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            char **grown = realloc(golds, cap * sizeof *grown);
            if (!grown)
                break;
            golds = grown;
        }
        size_t len = strlen(dir) + n + 2;
        golds[count] = malloc(len);
        if (!golds[count])
            break;
        snprintf(golds[count], len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
                 e->d_name);
        count++;
    }
    closedir(d);
    if (count == 0) {
        free(golds);
        fprintf(stderr, "galley: %s: no *.gold.json files to score against (see "
                        "docs/gold-format.md)\n",
                dir);
        return EXIT_USAGE;
    }
    qsort(golds, count, sizeof *golds, by_name);

    galley_load_options lo;
    cli_load_options(&paths, &lo);
    galley_error err;
    galley_pipeline *p = galley_pipeline_load(config, &lo, &err);
    if (!p) {
        cli_error(&err);
        for (size_t i = 0; i < count; i++)
            free(golds[i]);
        free(golds);
        return cli_exit_status(err.status);
    }
    st.pipeline = p;
    find_analyses(&st);
    for (size_t i = 0; i < count; i++) {
        score_article(&st, golds[i]);
        free(golds[i]);
    }
    free(golds);
    merge(&st.m[SPLIT_ALL], &st.m[SPLIT_DEV]);
    merge(&st.m[SPLIT_ALL], &st.m[SPLIT_HELDOUT]);
    if (st.list_errors)
        printf("\n");
    if (strcmp(format, "json") == 0)
        print_json(&st, config, dir);
    else
        print_text(&st, config, dir);
    galley_pipeline_free(p);
    return st.worst;
}
