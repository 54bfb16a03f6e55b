/*
 * report_text.c -- the report an editor reads in a terminal.
 *
 * Per document: a header with what an editor asks first (the story's
 * section, how much of the page is furniture, its sentiment and tone, who is
 * named, whether it passes the gate), the findings as
 * file:line:col severity step/rule message -- the shape compilers and prose
 * linters use, so that editors and terminals can jump to them -- and a
 * paragraph map, one row per block.  After several documents, a table with
 * one row per article; the gate's verdict comes last.
 *
 * Everything is laid out for the terminal's width (galley_write_options),
 * and everything that comes from an article or a plugin is written through
 * gl_write_safe, so that no byte of an article can move the cursor or change
 * colours.  The format streams: a document is written as soon as it is
 * handed over, and only a short row per article is kept for the table.
 */
#include <math.h>
#include <string.h>

#include <utf8proc.h>

#include "report.h"
#include "report_view.h"

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define GREEN "\033[32m"
#define RESET "\033[0m"

/* The table keeps this many rows; a longer batch is summed up in one line. */
#define TABLE_ROWS 1000
/* Columns of the label in the header ("  boilerplate  "). */
#define LABEL_COLS 15
/* Half-width of the sentiment bar, in cells. */
#define BAR_HALF 4

typedef struct text_state {
    gl_view_row *rows;
    size_t count, cap, dropped;
} text_state;

static const char *paint(const galley_writer *w, const char *code)
{
    return (w->options.flags & GALLEY_WRITE_COLOR) ? code : "";
}

static int quiet(const galley_writer *w)
{
    return (w->options.flags & GALLEY_WRITE_QUIET) != 0;
}

static const char *shown_path(const galley_writer *w, const char *path)
{
    const char *base = w->options.base;
    size_t n = base ? strlen(base) : 0;
    if (n && strncmp(path, base, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

/* ---- measuring and cutting text for the terminal -------------------------- */

/*
 * The columns one character takes once gl_write_safe has escaped it; *size
 * is its length in bytes.  Escaped control characters (\xNN) take four.
 */
static int char_cols(const char *s, size_t avail, size_t *size)
{
    const unsigned char *p = (const unsigned char *)s;
    if (*p < 0x20 || *p == 0x7F) {
        *size = 1;
        return (*p == '\t' || *p == '\n') ? 1 : 4;
    }
    if (*p == 0xC2 && avail > 1 && p[1] >= 0x80 && p[1] <= 0x9F) {
        *size = 2;
        return 4;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)avail, &cp);
    if (n <= 0) {
        *size = 1; /* an invalid byte is written as it is: one column in any terminal */
        return 1;
    }
    *size = (size_t)n;
    int cols = utf8proc_charwidth(cp);
    return cols < 0 ? 0 : cols;
}

static size_t text_cols(const char *s)
{
    size_t cols = 0, size, len = strlen(s);
    for (size_t i = 0; i < len; i += size)
        cols += (size_t)char_cols(s + i, len - i, &size);
    return cols;
}

/*
 * Writes bytes [0, n) of s through gl_write_safe, cut to at most max_cols
 * columns with an ellipsis when it does not fit.  Returns the columns written.
 */
static size_t put_cut(FILE *out, const char *s, size_t n, size_t max_cols)
{
    if (max_cols == 0)
        return 0;
    size_t cols = 0, i = 0, size, keep = 0, keep_cols = 0;
    while (i < n) {
        size_t c = (size_t)char_cols(s + i, n - i, &size);
        if (cols + c > max_cols)
            break;
        cols += c;
        i += size;
        if (cols + 1 <= max_cols) { /* room for "…" after this character */
            keep = i;
            keep_cols = cols;
        }
    }
    int cut = i < n;
    size_t upto = cut ? keep : n;
    char small[256];
    char *copy = upto < sizeof small ? small : gl_malloc(upto + 1);
    if (!copy)
        return 0;
    memcpy(copy, s, upto);
    copy[upto] = '\0';
    gl_write_safe(out, copy, 0);
    if (copy != small)
        gl_free(copy);
    if (cut) {
        fputs("\xE2\x80\xA6", out);
        return keep_cols + 1;
    }
    return cols;
}

static size_t put_str(FILE *out, const char *s, size_t max_cols)
{
    return put_cut(out, s, strlen(s), max_cols);
}

static void pad(FILE *out, size_t n)
{
    while (n--)
        fputc(' ', out);
}

/* A string cut from the left, keeping its end (a file name matters more than its directories). */
static void put_path_cell(FILE *out, const char *s, size_t width)
{
    size_t cols = text_cols(s);
    if (cols <= width) {
        put_str(out, s, width);
        pad(out, width - cols);
        return;
    }
    /* Skip characters from the start until the rest, after "…", fits. */
    size_t len = strlen(s), i = 0, size;
    while (i < len && cols + 1 > width) {
        cols -= (size_t)char_cols(s + i, len - i, &size);
        i += size;
    }
    fputs("\xE2\x80\xA6", out);
    put_cut(out, s + i, len - i, width - 1);
    pad(out, width - 1 - cols);
}

/*
 * A wrapping writer for prose (messages, lists of names): words go on the
 * current line while they fit the width, then on a new line indented by
 * `indent`.  A word wider than a whole line is split.
 */
typedef struct flow {
    FILE *out;
    size_t col, width, indent;
} flow;

static void flow_word(flow *f, const char *word, size_t n)
{
    size_t size, cols = 0;
    for (size_t i = 0; i < n; i += size)
        cols += (size_t)char_cols(word + i, n - i, &size);
    if (f->col > f->indent && f->col + 1 + cols > f->width) {
        fputc('\n', f->out);
        pad(f->out, f->indent);
        f->col = f->indent;
    } else if (f->col > f->indent) {
        fputc(' ', f->out);
        f->col++;
    }
    while (f->col + cols > f->width && f->width > f->indent) {
        /* Longer than a whole line: as much as fits, then the rest on the next line. */
        size_t room = f->width - f->col, take = 0, took = 0;
        while (take < n) {
            size_t c = (size_t)char_cols(word + take, n - take, &size);
            if (took + c > room)
                break;
            took += c;
            take += size;
        }
        if (take == 0)
            break;
        put_cut(f->out, word, take, took);
        fputc('\n', f->out);
        pad(f->out, f->indent);
        f->col = f->indent;
        word += take;
        n -= take;
        cols -= took;
    }
    f->col += put_cut(f->out, word, n, cols);
}

/* Splits text on white space and flows each word. */
static void flow_text(flow *f, const char *text)
{
    const char *p = text;
    for (;;) {
        while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
            p++;
        flow_word(f, start, (size_t)(p - start));
    }
}

static size_t line_width(const galley_writer *w)
{
    return w->options.width >= 40 ? (size_t)w->options.width : 40;
}

/* ---- numbers ------------------------------------------------------------- */

/* A signed score with two decimals: "+0.46", "-0.12", " 0.00". */
static void format_score(char *buf, size_t size, double v)
{
    if (fabs(v) < 0.005)
        snprintf(buf, size, " 0.00");
    else
        snprintf(buf, size, "%+.2f", v);
}

/*
 * A centred bar for a score in [-1, 1]: cells fill outwards from the
 * centre line, to the left for negative and to the right for positive, in
 * half cells.
 */
static void put_bar(const galley_writer *w, double v)
{
    FILE *out = w->out;
    if (v > 1)
        v = 1;
    if (v < -1)
        v = -1;
    int halves = (int)lround(fabs(v) * 2 * BAR_HALF);
    int full = halves / 2, half = halves % 2;
    const char *colour = v < 0 ? RED : GREEN;
    /* left side, outermost cell first */
    for (int cell = BAR_HALF; cell >= 1; cell--) {
        if (v < 0 && cell <= full)
            fprintf(out, "%s\xE2\x96\x88%s", paint(w, colour), paint(w, RESET)); /* █ */
        else if (v < 0 && half && cell == full + 1)
            fprintf(out, "%s\xE2\x96\x90%s", paint(w, colour), paint(w, RESET)); /* ▐ */
        else
            fputc(' ', out);
    }
    fprintf(out, "%s\xE2\x94\x82%s", paint(w, DIM), paint(w, RESET)); /* │ */
    for (int cell = 1; cell <= BAR_HALF; cell++) {
        if (v > 0 && cell <= full)
            fprintf(out, "%s\xE2\x96\x88%s", paint(w, colour), paint(w, RESET));
        else if (v > 0 && half && cell == full + 1)
            fprintf(out, "%s\xE2\x96\x8C%s", paint(w, colour), paint(w, RESET)); /* ▌ */
        else
            fputc(' ', out);
    }
}

/* ---- the header ---------------------------------------------------------- */

static void label(const galley_writer *w, const char *name)
{
    fprintf(w->out, "  %s%-12s%s ", paint(w, BOLD), name, paint(w, RESET));
}

/* A header line whose value is plain text made here: cut to the width. */
static void header_line(const galley_writer *w, const char *name, const char *value)
{
    label(w, name);
    put_str(w->out, value, line_width(w) - LABEL_COLS);
    fputc('\n', w->out);
}

/*
 * Names of one category of persons, unlisted first because those are what an
 * editor must act on: all unlisted names, up to three of the others.
 */
static void persons_line(const galley_writer *w, const gl_view *v)
{
    static const int order[] = {GL_PERSON_UNLISTED, GL_PERSON_PSEUDONYM, GL_PERSON_ON_RECORD,
                                GL_PERSON_PUBLIC, GL_PERSON_OTHER};
    label(w, "persons");
    flow f = {w->out, LABEL_COLS, line_width(w), LABEL_COLS};
    if (json_array_size(v->persons) == 0) {
        flow_text(&f, "none named");
        fputc('\n', w->out);
        return;
    }
    int first = 1;
    for (size_t k = 0; k < GL_ARRAY_SIZE(order); k++) {
        int kind = order[k];
        size_t count = v->person_counts[kind];
        if (!count)
            continue;
        char head[64];
        snprintf(head, sizeof head, "%s%zu %s:", first ? "" : "· ", count,
                 gl_view_person_label(kind, count > 1));
        first = 0;
        if (kind == GL_PERSON_UNLISTED && (w->options.flags & GALLEY_WRITE_COLOR))
            fputs(RED, w->out);
        flow_text(&f, head);
        size_t shown = 0, limit = kind == GL_PERSON_UNLISTED ? (size_t)-1 : 3;
        size_t i;
        json_t *p;
        json_array_foreach(v->persons, i, p) {
            if (gl_view_person_kind(json_string_value(json_object_get(p, "category"))) != kind)
                continue;
            if (shown == limit) {
                char more[32];
                snprintf(more, sizeof more, "+%zu more", count - shown);
                flow_text(&f, more);
                break;
            }
            const char *name = json_string_value(json_object_get(p, "name"));
            /* A name is one unit: it moves to the next line whole rather than split. */
            char buf[256];
            snprintf(buf, sizeof buf, "%s%s", name ? name : "?",
                     shown + 1 < count && shown + 1 < limit ? "," : "");
            flow_word(&f, buf, strlen(buf));
            shown++;
        }
        if (kind == GL_PERSON_UNLISTED && (w->options.flags & GALLEY_WRITE_COLOR))
            fputs(RESET, w->out);
    }
    fputc('\n', w->out);
}

/* A step's scalar results on one line, e.g. "words 1204 · sentences 61", cut to the width. */
static void generic_results(galley_writer *w, const char *step, const json_t *res)
{
    FILE *out = w->out;
    size_t room = line_width(w) - LABEL_COLS, used = 0;
    fprintf(out, "  %s", paint(w, BOLD));
    if (put_str(out, step, 12) < 12)
        pad(out, 12 - text_cols(step));
    fprintf(out, "%s ", paint(w, RESET));
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)res, key, v) {
        if (json_is_object(v) || used >= room)
            continue;
        char value[64];
        if (json_is_integer(v) || json_is_real(v)) {
            double d = json_number_value(v);
            if (d == floor(d) && fabs(d) < 1e15)
                snprintf(value, sizeof value, "%.0f", d);
            else
                snprintf(value, sizeof value, "%.3g", d);
        } else if (json_is_string(v)) {
            snprintf(value, sizeof value, "%s", json_string_value(v));
        } else if (json_is_boolean(v)) {
            snprintf(value, sizeof value, "%s", json_is_true(v) ? "yes" : "no");
        } else if (json_is_array(v)) {
            snprintf(value, sizeof value, "[%zu]", json_array_size(v));
        } else {
            snprintf(value, sizeof value, "-");
        }
        if (used) {
            if (used + 3 >= room)
                break;
            fputs(" \xC2\xB7 ", out);
            used += 3;
        }
        used += put_str(out, key, room - used);
        if (used < room) {
            fputc(' ', out);
            used++;
            used += put_str(out, value, room - used);
        }
    }
    fputc('\n', out);
}

static void header(galley_writer *w, const galley_report *r, const json_t *doc, const gl_view *v,
                   const char *path)
{
    FILE *out = w->out;
    size_t width = line_width(w);
    char buf[256];
    fputs(paint(w, BOLD), out);
    size_t used = put_str(out, path, (size_t)-1);
    fputs(paint(w, RESET), out);
    double kb = (double)json_integer_value(json_object_get(doc, "bytes")) / 1000.0;
    snprintf(buf, sizeof buf, "%zu blocks, %lld sentences, %.1f kB, %zu finding%s", v->blocks,
             (long long)json_integer_value(json_object_get(doc, "sentences")), kb, v->findings,
             v->findings == 1 ? "" : "s");
    if (used + 2 + text_cols(buf) <= width) {
        fprintf(out, "  %s%s%s\n", paint(w, DIM), buf, paint(w, RESET));
    } else {
        fprintf(out, "\n  %s", paint(w, DIM));
        put_str(out, buf, width - 2);
        fprintf(out, "%s\n", paint(w, RESET));
    }

    if (v->section) {
        int n = snprintf(buf, sizeof buf, "%s", v->section);
        if (v->section_p >= 0 && n > 0 && (size_t)n < sizeof buf)
            snprintf(buf + n, sizeof buf - (size_t)n, " \xC2\xB7 p %.2f", v->section_p);
        header_line(w, "section", buf);
    }
    if (v->has_boilerplate) {
        double share =
            v->block_bytes ? 100.0 * (double)v->boilerplate_bytes / (double)v->block_bytes : 0.0;
        snprintf(buf, sizeof buf, "%zu of %zu blocks \xC2\xB7 %.0f%% of the text",
                 v->boilerplate_blocks, v->blocks, share);
        header_line(w, "boilerplate", buf);
    }
    if (v->has_sentiment) {
        char score[16];
        format_score(score, sizeof score, v->sentiment);
        int n = snprintf(buf, sizeof buf, "%s", score[0] == ' ' ? score + 1 : score);
        if (v->polarity && n > 0 && (size_t)n < sizeof buf)
            n += snprintf(buf + n, sizeof buf - (size_t)n, " %s", v->polarity);
        if (v->tone && n > 0 && (size_t)n < sizeof buf)
            snprintf(buf + n, sizeof buf - (size_t)n, " \xC2\xB7 tone %s", v->tone);
        header_line(w, "sentiment", buf);
    }
    if (v->persons)
        persons_line(w, v);

    label(w, "gate");
    const char *colour = v->fails_gate ? RED : GREEN;
    fprintf(out, "%s%s%s", paint(w, colour), v->fails_gate ? "fails" : "passes", paint(w, RESET));
    snprintf(buf, sizeof buf, ": %zu error%s, %zu warning%s, %zu info", v->errors,
             v->errors == 1 ? "" : "s", v->warnings, v->warnings == 1 ? "" : "s", v->infos);
    put_str(out, buf, width - LABEL_COLS - 6);
    fputc('\n', out);

    const char *step;
    json_t *res;
    json_object_foreach(json_object_get(doc, "results"), step, res) {
        /* The steps the header already shows: by their results, or (furniture) by their blocks. */
        if (!json_is_object(res) || json_object_size(res) == 0 || gl_view_shows_step(v, step) ||
            (v->has_boilerplate && gl_view_step_declares(r, step, "boilerplate")))
            continue;
        generic_results(w, step, res);
    }
}

/* ---- findings ------------------------------------------------------------ */

static const char *severity_colour(const char *sev)
{
    return strcmp(sev, "error") == 0 ? RED : strcmp(sev, "warning") == 0 ? YELLOW : CYAN;
}

static void findings(galley_writer *w, const json_t *doc, const char *path)
{
    FILE *out = w->out;
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(doc, "findings"), i, f) {
        const char *sev = json_string_value(json_object_get(f, "severity"));
        const char *step = json_string_value(json_object_get(f, "step"));
        const char *rule = json_string_value(json_object_get(f, "rule"));
        const char *message = json_string_value(json_object_get(f, "message"));
        if (!sev)
            sev = "info";
        char where[64];
        snprintf(where, sizeof where, ":%lld:%lld ",
                 (long long)json_integer_value(json_object_get(f, "line")),
                 (long long)json_integer_value(json_object_get(f, "column")));
        fputs("  ", out);
        size_t col = 2 + put_str(out, path, (size_t)-1);
        fputs(where, out);
        col += strlen(where);
        fprintf(out, "%s%s%s", paint(w, severity_colour(sev)), sev, paint(w, RESET));
        col += strlen(sev);
        /*
         * The rule and the message flow on, with continuation lines indented
         * under the location: on a wide terminal the whole
         * "file:line:col severity step/rule message" starts on one line; on a
         * narrow one the rule may start the next.
         */
        char rule_id[256];
        snprintf(rule_id, sizeof rule_id, "%s/%s", step ? step : "?", rule ? rule : "?");
        flow fl = {out, col, line_width(w), 6};
        flow_word(&fl, rule_id, strlen(rule_id));
        flow_text(&fl, message ? message : "");
        fputc('\n', out);
    }
}

/* ---- the paragraph map --------------------------------------------------- */

/* Which columns the map has: only those some block fills. */
typedef struct map_layout {
    size_t line_cols, section_cols, text_cols;
    int mark, section, sentiment, tone;
    size_t tone_cols;
} map_layout;

static size_t digits(long long n)
{
    size_t d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

static void plan_map(const galley_writer *w, const json_t *blocks, const gl_view *v, int have_text,
                     map_layout *m)
{
    memset(m, 0, sizeof *m);
    long long last = 1;
    size_t i;
    json_t *b;
    json_array_foreach(blocks, i, b) {
        long long line = json_integer_value(json_object_get(b, "line"));
        if (line > last)
            last = line;
        if (gl_view_attr_string(b, "section") || gl_view_attr_string(b, "boilerplate_reason"))
            m->section = 1;
        if (json_is_number(gl_view_attr(b, "sentiment")))
            m->sentiment = 1;
        if (gl_view_attr_string(b, "tone"))
            m->tone = 1;
    }
    size_t width = line_width(w);
    m->mark = v->has_boilerplate;
    m->line_cols = digits(last) > 4 ? digits(last) : 4;
    m->section_cols = width >= 100 ? 14 : 10;
    m->tone_cols = 11;
    if (width < 100)
        m->tone = 0;
    size_t used = 2 + m->line_cols + 2;
    if (m->mark)
        used += 2;
    if (m->section)
        used += m->section_cols + 1;
    if (m->sentiment)
        used += 2 * BAR_HALF + 1 + 1 + 5 + 2;
    if (m->tone)
        used += m->tone_cols + 1;
    m->text_cols = have_text && width > used + 8 ? width - used : 0;
}

/* The first words of a block: white space (line ends included) shown as single spaces. */
static void put_words(FILE *out, const char *text, size_t start, size_t end, size_t cols)
{
    char buf[1024] = ""; /* initialised only to spare cppcheck a loop it cannot follow */
    size_t n = 0;
    int space = 0;
    for (size_t i = start; i < end && n < sizeof buf - 1 && n < cols * 4 + 8; i++) {
        char c = text[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            space = 1;
            continue;
        }
        if (space && n) {
            buf[n++] = ' ';
            if (n == sizeof buf - 1)
                break;
        }
        space = 0;
        buf[n++] = c;
    }
    /* Do not end on half a character: the cut above counts bytes. */
    while (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
        n--;
    if (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0xC0)
        n--;
    put_cut(out, buf, n, cols);
}

static void map(galley_writer *w, const json_t *doc, const gl_view *v)
{
    FILE *out = w->out;
    const json_t *blocks = json_object_get(doc, "blocks");
    const char *text = NULL;
    size_t length = 0;
    char *owned = NULL, why[300];
    int have_text = gl_view_text(doc, &text, &length, &owned, why, sizeof why) == 0;
    map_layout m;
    plan_map(w, blocks, v, have_text, &m);

    fprintf(out, "  %s%*s  ", paint(w, DIM), (int)m.line_cols, "line");
    if (m.mark)
        fputs("  ", out);
    if (m.section)
        fprintf(out, "%-*s ", (int)m.section_cols, "section");
    if (m.sentiment)
        fprintf(out, "%-*s  ", 2 * BAR_HALF + 1 + 1 + 5, "sentiment");
    if (m.tone)
        fprintf(out, "%-*s ", (int)m.tone_cols, "tone");
    if (m.text_cols)
        fputs("text", out);
    fprintf(out, "%s\n", paint(w, RESET));

    size_t i;
    json_t *b;
    json_array_foreach(blocks, i, b) {
        int bp = gl_view_is_boilerplate(b);
        if (bp)
            fputs(paint(w, DIM), out);
        fprintf(out, "  %*lld  ", (int)m.line_cols,
                (long long)json_integer_value(json_object_get(b, "line")));
        if (m.mark) {
            const json_t *flag = gl_view_attr(b, "boilerplate");
            fputs(!json_is_boolean(flag) ? "\xC2\xB7 "
                  : bp                   ? "\xE2\x97\x8B "
                                         : "\xE2\x97\x8F ",
                  out); /* · unknown, ○ boilerplate, ● content */
        }
        if (m.section) {
            const char *section = gl_view_attr_string(b, "section");
            const char *reason = gl_view_attr_string(b, "boilerplate_reason");
            size_t used = 0;
            if (bp && reason) {
                used = put_str(out, reason, m.section_cols);
            } else if (section) {
                /* The label, then its probability as ".81" when both fit; the label alone else. */
                double p = gl_view_attr_number(b, "section_p", -1);
                int with_p = p >= 0 && text_cols(section) + 4 <= m.section_cols;
                used = put_str(out, section, m.section_cols);
                if (with_p) {
                    char pb[8];
                    snprintf(pb, sizeof pb, "%.2f", p >= 0.995 ? 0.99 : p);
                    fprintf(out, " %s", pb + 1);
                    used += 4;
                }
            }
            pad(out, m.section_cols - used + 1);
        }
        if (m.sentiment) {
            const json_t *s = gl_view_attr(b, "sentiment");
            if (json_is_number(s) && isfinite(json_number_value(s))) {
                char score[16];
                format_score(score, sizeof score, json_number_value(s));
                put_bar(w, json_number_value(s));
                fprintf(out, " %s  ", score);
            } else {
                pad(out, 2 * BAR_HALF + 1 + 1 + 5 + 2);
            }
        }
        if (m.tone) {
            const char *tone = gl_view_attr_string(b, "tone");
            size_t used = tone ? put_str(out, tone, m.tone_cols) : 0;
            pad(out, m.tone_cols - used + 1);
        }
        long long start = json_integer_value(json_object_get(b, "start"));
        long long end = json_integer_value(json_object_get(b, "end"));
        if (m.text_cols && start >= 0 && start <= end && (size_t)end <= length)
            put_words(out, text, (size_t)start, (size_t)end, m.text_cols);
        if (bp)
            fputs(paint(w, RESET), out);
        fputc('\n', out);
    }
    if (!have_text) {
        fprintf(out, "  %s(the text is not shown: ", paint(w, DIM));
        put_str(out, why, line_width(w) - 30);
        fprintf(out, ")%s\n", paint(w, RESET));
    }
    gl_free(owned);
}

/* ---- documents and the summary ------------------------------------------- */

static int keep_row(galley_writer *w, const gl_view *v, const char *path)
{
    text_state *s = w->state;
    if (!s) {
        s = w->state = gl_calloc(1, sizeof *s);
        if (!s)
            return GALLEY_ENOMEM;
    }
    if (s->count == TABLE_ROWS) {
        s->dropped++;
        return 0;
    }
    if (gl_reserve((void **)&s->rows, &s->cap, s->count + 1, sizeof *s->rows) != 0 ||
        gl_view_row_set(&s->rows[s->count], v, path) != 0)
        return GALLEY_ENOMEM;
    s->count++;
    return 0;
}

static int text_document(galley_writer *w, const galley_report *r, const json_t *doc)
{
    FILE *out = w->out;
    gl_view v;
    gl_view_document(doc, gl_report_fail_on(r), &v);
    const char *path = shown_path(w, v.path);
    if (keep_row(w, &v, path) != 0)
        return GALLEY_ENOMEM;
    if (w->documents > 1 && !quiet(w))
        fputc('\n', out);
    if (v.error) {
        const char *status = json_string_value(json_object_get(v.error, "status"));
        if (!status)
            status = "input";
        fprintf(out, "%s", paint(w, BOLD));
        size_t col = put_str(out, path, (size_t)-1);
        fprintf(out, "%s: %s%s error%s:", paint(w, RESET), paint(w, RED), status, paint(w, RESET));
        col += 2 + strlen(status) + 7;
        flow f = {out, col, line_width(w), 4};
        flow_text(&f, json_string_value(json_object_get(v.error, "message")));
        fputc('\n', out);
        return ferror(out) ? GALLEY_EIO : 0;
    }
    if (!quiet(w)) {
        header(w, r, doc, &v, path);
        if (v.findings)
            fputc('\n', out);
    }
    findings(w, doc, path);
    if (!quiet(w)) {
        fputc('\n', out);
        map(w, doc, &v);
    }
    return ferror(out) ? GALLEY_EIO : 0;
}

/* One row per article: the figures of its header, and its verdict. */
static void summary_table(galley_writer *w)
{
    text_state *s = w->state;
    FILE *out = w->out;
    size_t width = line_width(w);
    int bp = 0, section = 0, sentiment = 0;
    for (size_t i = 0; i < s->count; i++) {
        bp |= s->rows[i].has_boilerplate;
        section |= s->rows[i].section[0] != 0;
        sentiment |= s->rows[i].has_sentiment;
    }
    size_t gap = width >= 80 ? 2 : 1;
    size_t section_cols = width >= 100 ? 14 : 9;
    size_t fixed = 2 + 6 + gap + 4 + gap + 4 + gap + 5; /* blocks, errors, warnings, verdict */
    if (bp)
        fixed += 4 + gap;
    if (section)
        fixed += section_cols + gap;
    if (sentiment)
        fixed += 5 + gap;
    size_t path_cols = width > fixed + gap + 12 ? width - fixed - gap : 12;
    size_t longest = 7; /* "article" */
    for (size_t i = 0; i < s->count; i++)
        if (text_cols(s->rows[i].path) > longest)
            longest = text_cols(s->rows[i].path);
    if (longest < path_cols)
        path_cols = longest;

    fprintf(out, "\n  %s", paint(w, BOLD));
    put_path_cell(out, "article", path_cols);
    fprintf(out, "%*s%6s", (int)gap, "", "blocks");
    if (bp)
        fprintf(out, "%*s%4s", (int)gap, "", "bp");
    if (section)
        fprintf(out, "%*s%-*s", (int)gap, "", (int)section_cols, "section");
    if (sentiment)
        fprintf(out, "%*s%5s", (int)gap, "", "sent.");
    fprintf(out, "%*s%4s%*s%4s%*s%s%s\n", (int)gap, "", "err", (int)gap, "", "warn", (int)gap, "",
            "gate", paint(w, RESET));
    for (size_t i = 0; i < s->count; i++) {
        const gl_view_row *r = &s->rows[i];
        fputs("  ", out);
        put_path_cell(out, r->path, path_cols);
        if (r->failed) {
            /* No figures: the verdict column says why. */
            pad(out, gap + 6 + (bp ? 4 + gap : 0) + (section ? section_cols + gap : 0) +
                         (sentiment ? 5 + gap : 0) + gap + 4 + gap + 4 + gap);
            fprintf(out, "%serror%s\n", paint(w, RED), paint(w, RESET));
            continue;
        }
        fprintf(out, "%*s%6zu", (int)gap, "", r->blocks);
        if (bp) {
            if (r->has_boilerplate)
                fprintf(out, "%*s%3.0f%%", (int)gap, "", 100.0 * r->boilerplate_ratio);
            else
                fprintf(out, "%*s%4s", (int)gap, "", "-");
        }
        if (section) {
            pad(out, gap);
            char cell[48];
            if (r->section[0] && r->section_p >= 0 && section_cols >= 14)
                snprintf(cell, sizeof cell, "%.9s %.2f", r->section, r->section_p);
            else
                snprintf(cell, sizeof cell, "%s", r->section[0] ? r->section : "-");
            size_t used = put_str(out, cell, section_cols);
            pad(out, section_cols - used);
        }
        if (sentiment) {
            char score[16];
            if (r->has_sentiment)
                format_score(score, sizeof score, r->sentiment);
            else
                snprintf(score, sizeof score, "-");
            fprintf(out, "%*s%5s", (int)gap, "", score);
        }
        fprintf(out, "%*s%s%4zu%s%*s%s%4zu%s%*s%s%s%s\n", (int)gap, "",
                paint(w, r->errors ? RED : ""), r->errors, paint(w, r->errors ? RESET : ""),
                (int)gap, "", paint(w, r->warnings ? YELLOW : ""), r->warnings,
                paint(w, r->warnings ? RESET : ""), (int)gap, "",
                paint(w, r->fails_gate ? RED : GREEN), r->fails_gate ? "FAIL" : "pass",
                paint(w, RESET));
    }
    if (s->dropped)
        fprintf(out, "  %s… and %zu more (each article's figures are in -f jsonl)%s\n",
                paint(w, DIM), s->dropped, paint(w, RESET));
}

static int text_finish(galley_writer *w, const galley_report *r)
{
    json_t *gate = gl_report_gate(r), *summary = gl_report_summary(r);
    if (!gate || !summary) {
        json_decref(gate);
        json_decref(summary);
        return GALLEY_ENOMEM;
    }
    long long docs = json_integer_value(json_object_get(summary, "documents"));
    long long failed = json_integer_value(json_object_get(summary, "failed"));
    long long errors = json_integer_value(json_object_get(gate, "errors"));
    long long warnings = json_integer_value(json_object_get(gate, "warnings"));
    long long infos = json_integer_value(json_object_get(gate, "infos"));
    int passed = json_is_true(json_object_get(gate, "passed"));
    if (docs > 1 && w->state)
        summary_table(w);

    /* The verdict, on as few lines as the width allows. */
    char counts[160], verdict[96];
    int n = snprintf(counts, sizeof counts, "%lld document%s", docs, docs == 1 ? "" : "s");
    if (failed && n > 0)
        n += snprintf(counts + n, sizeof counts - (size_t)n, " (%lld failed)", failed);
    if (n > 0)
        snprintf(counts + n, sizeof counts - (size_t)n,
                 ", %lld error%s, %lld warning%s, %lld info \xE2\x80\x94 ", errors,
                 errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", infos);
    snprintf(verdict, sizeof verdict, "gate %s (fail_on: %s)", passed ? "passed" : "FAILED",
             json_string_value(json_object_get(gate, "fail_on")));
    size_t width = line_width(w);
    fputc('\n', w->out);
    if (text_cols(counts) + text_cols(verdict) > width) {
        /* Drop the space after the dash at the break, so that no line ends in white space. */
        counts[strlen(counts) - 1] = '\0';
        fprintf(w->out, "%s\n", counts);
    } else {
        fputs(counts, w->out);
    }
    fprintf(w->out, "gate %s%s%s (fail_on: %s)\n", paint(w, passed ? GREEN : RED),
            passed ? "passed" : "FAILED", paint(w, RESET),
            json_string_value(json_object_get(gate, "fail_on")));
    json_decref(gate);
    json_decref(summary);
    return ferror(w->out) ? GALLEY_EIO : 0;
}

static void text_free(void *state)
{
    text_state *s = state;
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        gl_view_row_free(&s->rows[i]);
    gl_free(s->rows);
    gl_free(s);
}

const gl_writer_ops gl_writer_text = {
    .name = "text",
    .summary = "a report for a terminal: a header per article, findings as file:line:col, a "
               "paragraph map, a summary table",
    .needs_documents = 0,
    .document = text_document,
    .finish = text_finish,
    .free_state = text_free,
    .needs_text = 1,
};
