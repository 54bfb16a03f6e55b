/*
 * report_html.c -- one self-contained HTML page for editors: each article's
 * text with the furniture greyed out, its section and sentiment in the
 * margin beside every paragraph, person mentions highlighted by category,
 * the findings listed with links to their place in the text, and a small
 * chart of sentiment across the paragraphs and of the boilerplate share.
 * Several articles get an index at the top.
 *
 * The page needs nothing from a network: the CSS and the few lines of script
 * are inline, the fonts are the reader's own, and a Content-Security-Policy
 * forbids loading anything.  Everything that comes from an article, a file
 * name or a plugin is HTML-escaped, control characters shown as \xNN.
 *
 * The format streams: each article is rendered when it is handed over (the
 * text read again by gl_view_text, right after the analysis) into a spool
 * file; finish() writes the head, the run's verdict and the index, which are
 * known only at the end, then copies the articles after them.  Memory holds
 * one index row per article, never the articles.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report_view.h"

typedef struct html_state {
    FILE *spool; /* the articles, rendered as they come */
    gl_view_row *rows;
    size_t count, cap;
} html_state;

/* ---- escaping ------------------------------------------------------------ */

/*
 * Writes bytes [0, n) of s as HTML text or attribute content: markup
 * characters as entities, control characters as a visible \xNN (they are
 * not allowed in HTML and could hide text), CR LF as LF.
 */
static void esc_n(FILE *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        switch (c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        case '\r':
            if (i + 1 < n && p[i + 1] == '\n')
                break;
            fputc('\n', out);
            break;
        default:
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
                fprintf(out, "\\x%02X", c);
            } else if (c == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) {
                fprintf(out, "\\x%02X", p[i + 1]); /* C1 controls */
                i++;
            } else {
                fputc(c, out);
            }
        }
    }
}

static void esc(FILE *out, const char *s)
{
    if (s)
        esc_n(out, s, strlen(s));
}

static const char *str(const json_t *object, const char *key)
{
    const char *s = json_string_value(json_object_get(object, key));
    return s ? s : "";
}

static long long num(const json_t *object, const char *key)
{
    return (long long)json_integer_value(json_object_get(object, key));
}

static const char *severity_of(const json_t *finding)
{
    const char *sev = str(finding, "severity");
    return strcmp(sev, "error") == 0 || strcmp(sev, "warning") == 0 ? sev : "info";
}

/* A person category as a CSS class suffix: one of the four, or "other". */
static const char *category_class(const char *category)
{
    return gl_view_person_category(gl_view_person_kind(category));
}

/* ---- the text with its highlights ---------------------------------------- */

/* A highlighted span inside one block. */
typedef struct span {
    size_t start, end;
    int finding; /* index in findings[], or -1 */
    int person;  /* index in persons[], or -1 */
    int first;   /* the first mention of its person: carries the anchor */
    const char *css;
} span;

typedef struct spans {
    span *items;
    size_t count, cap;
} spans;

static int spans_add(spans *s, span item)
{
    if (gl_reserve((void **)&s->items, &s->cap, s->count + 1, sizeof *s->items) != 0)
        return -1;
    s->items[s->count++] = item;
    return 0;
}

/*
 * Writes bytes [start, end) of a block with its spans: the text is cut at
 * every span boundary, and each piece is wrapped in the spans that cover it,
 * so that overlapping findings and mentions nest correctly.  A finding whose
 * span leaves the block, or is empty, is marked by an anchor at its start.
 */
static void block_text(FILE *out, int doc, const char *text, size_t start, size_t end,
                       const spans *s, const json_t *findings, const json_t *persons)
{
    size_t pos = start;
    while (pos < end) {
        /* the next boundary after pos */
        size_t next = end;
        for (size_t i = 0; i < s->count; i++) {
            const span *sp = &s->items[i];
            if (sp->start > pos && sp->start < next)
                next = sp->start;
            if (sp->end > pos && sp->end < next)
                next = sp->end;
        }
        /* point anchors at pos: findings that are empty or reach beyond this block */
        for (size_t i = 0; i < s->count; i++) {
            const span *sp = &s->items[i];
            if (sp->finding >= 0 && sp->start == pos && sp->end == sp->start) {
                const json_t *f = json_array_get(findings, (size_t)sp->finding);
                fprintf(out,
                        "<a class=\"finding-point sev-%s\" id=\"doc-%d-f-%d\" "
                        "href=\"#doc-%d-fl-%d\" title=\"",
                        severity_of(f), doc, sp->finding, doc, sp->finding);
                esc(out, str(f, "rule"));
                fputs("\">\xE2\x9A\x91</a>", out); /* ⚑ */
            }
        }
        size_t opened = 0;
        for (size_t i = 0; i < s->count; i++) {
            const span *sp = &s->items[i];
            if (sp->end == sp->start || sp->start > pos || sp->end <= pos)
                continue;
            if (sp->finding >= 0) {
                const json_t *f = json_array_get(findings, (size_t)sp->finding);
                fprintf(out, "<mark class=\"finding-mark sev-%s\"", severity_of(f));
                if (sp->start == pos)
                    fprintf(out, " id=\"doc-%d-f-%d\"", doc, sp->finding);
                fputs(" title=\"", out);
                esc(out, str(f, "step"));
                fputc('/', out);
                esc(out, str(f, "rule"));
                fputs(": ", out);
                esc(out, str(f, "message"));
                fputs("\">", out);
            } else {
                const json_t *p = json_array_get(persons, (size_t)sp->person);
                fprintf(out, "<span class=\"person cat-%s\"", sp->css);
                if (sp->first && sp->start == pos)
                    fprintf(out, " id=\"doc-%d-p-%d\"", doc, sp->person);
                fputs(" title=\"", out);
                esc(out, str(p, "name"));
                fputs(" \xE2\x80\x94 ", out);
                esc(out, str(p, "category"));
                fputs("\">", out);
            }
            opened++;
        }
        esc_n(out, text + pos, next - pos);
        /* close in reverse order of opening: the same spans, walked backwards */
        for (size_t i = s->count; i-- > 0 && opened > 0;) {
            const span *sp = &s->items[i];
            if (sp->end == sp->start || sp->start > pos || sp->end <= pos)
                continue;
            fputs(sp->finding >= 0 ? "</mark>" : "</span>", out);
            opened--;
        }
        pos = next;
    }
}

static int by_start(const void *a, const void *b)
{
    const span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    /* findings before mentions, then in report order: a stable, deterministic order */
    if ((x->finding >= 0) != (y->finding >= 0))
        return x->finding >= 0 ? -1 : 1;
    int kx = x->finding >= 0 ? x->finding : x->person,
        ky = y->finding >= 0 ? y->finding : y->person;
    return (kx > ky) - (kx < ky);
}

/*
 * Every finding and person mention of the document, sorted by start, so
 * that the blocks can take theirs in one pass: a page is linear in the size
 * of its report, however many blocks and mentions it has.
 */
static int collect_spans(spans *all, const json_t *findings, const json_t *persons)
{
    size_t i;
    json_t *f;
    json_array_foreach(findings, i, f) {
        long long fs = num(f, "start"), fe = num(f, "end");
        if (fs < 0)
            continue;
        span sp = {(size_t)fs, fe < fs ? (size_t)fs : (size_t)fe, (int)i, -1, 0, NULL};
        if (spans_add(all, sp) != 0)
            return -1;
    }
    json_t *p;
    json_array_foreach(persons, i, p) {
        const char *css = category_class(json_string_value(json_object_get(p, "category")));
        size_t k;
        json_t *m;
        json_array_foreach(json_object_get(p, "mentions"), k, m) {
            long long ms = num(m, "start"), me = num(m, "end");
            if (ms < 0 || me <= ms)
                continue;
            span sp = {(size_t)ms, (size_t)me, -1, (int)i, k == 0, css};
            if (spans_add(all, sp) != 0)
                return -1;
        }
    }
    if (all->count > 1)
        qsort(all->items, all->count, sizeof *all->items, by_start);
    return 0;
}

/*
 * The spans that start inside [start, end), from *next on in the sorted
 * list, into s.  A finding that runs past the block becomes an anchor at its
 * start; a mention that does (it cannot, within one paragraph) is left out.
 */
static int block_spans(const spans *all, size_t *next, size_t start, size_t end, spans *s)
{
    s->count = 0;
    while (*next < all->count && all->items[*next].start < start)
        (*next)++;
    for (size_t i = *next; i < all->count && all->items[i].start < end; i++) {
        span sp = all->items[i];
        if (sp.end > end) {
            if (sp.finding < 0)
                continue;
            sp.end = sp.start;
        }
        if (spans_add(s, sp) != 0)
            return -1;
    }
    return 0;
}

/* ---- one article --------------------------------------------------------- */

static void score_text(char *buf, size_t size, double v)
{
    if (fabs(v) < 0.005)
        snprintf(buf, size, "0.00");
    else
        snprintf(buf, size, "%+.2f", v);
}

/* The facts an editor asks first, as a definition list. */
static void facts(FILE *out, const gl_view *v)
{
    char buf[64];
    fputs("<dl class=\"facts\">", out);
    if (v->section) {
        fputs("<dt>section</dt><dd>", out);
        esc(out, v->section);
        if (v->section_p >= 0)
            fprintf(out, " <small>p %.2f</small>", v->section_p);
        fputs("</dd>", out);
    }
    if (v->has_boilerplate)
        fprintf(out, "<dt>boilerplate</dt><dd>%zu of %zu blocks, %.0f%% of the text</dd>",
                v->boilerplate_blocks, v->blocks,
                v->block_bytes ? 100.0 * (double)v->boilerplate_bytes / (double)v->block_bytes
                               : 0.0);
    if (v->has_sentiment) {
        score_text(buf, sizeof buf, v->sentiment);
        fprintf(out, "<dt>sentiment</dt><dd>%s", buf);
        if (v->polarity) {
            fputc(' ', out);
            esc(out, v->polarity);
        }
        if (v->tone) {
            fputs(", tone ", out);
            esc(out, v->tone);
        }
        fputs("</dd>", out);
    }
    if (v->persons) {
        fputs("<dt>persons</dt><dd>", out);
        /* Unlisted first: those are what an editor must act on. */
        static const int order[] = {GL_PERSON_UNLISTED, GL_PERSON_PSEUDONYM, GL_PERSON_ON_RECORD,
                                    GL_PERSON_PUBLIC, GL_PERSON_OTHER};
        int any = 0;
        for (size_t o = 0; o < GL_ARRAY_SIZE(order); o++) {
            int k = order[o];
            if (v->person_counts[k]) {
                fprintf(out, "%s<span class=\"person cat-%s\">%zu %s</span>", any ? " " : "",
                        gl_view_person_category(k), v->person_counts[k],
                        gl_view_person_label(k, v->person_counts[k] > 1));
                any = 1;
            }
        }
        fputs(any ? "</dd>" : "none named</dd>", out);
    }
    fprintf(out,
            "<dt>gate</dt><dd class=\"%s\">%s: %zu error%s, %zu warning%s, %zu info</dd></dl>\n",
            v->fails_gate ? "fail" : "pass", v->fails_gate ? "fails" : "passes", v->errors,
            v->errors == 1 ? "" : "s", v->warnings, v->warnings == 1 ? "" : "s", v->infos);
}

/*
 * The chart: one bar per paragraph for its sentiment, above or below the
 * zero line, each a link to the paragraph; under it a strip that is grey
 * where the page is furniture, and the boilerplate share as one bar.
 */
static void chart(FILE *out, int doc, const json_t *blocks, const gl_view *v)
{
    size_t n = json_array_size(blocks);
    if (n == 0 || (!v->has_sentiment && !v->has_boilerplate))
        return;
    const double width = 640, mid = 46, amp = 44;
    double step = width / (double)n;
    fprintf(out,
            "<svg class=\"chart\" viewBox=\"0 0 640 %d\" role=\"img\" "
            "aria-label=\"sentiment per paragraph and boilerplate share\">"
            "<line x1=\"0\" x2=\"640\" y1=\"%.0f\" y2=\"%.0f\" class=\"zero\"/>"
            "<text class=\"axis\" x=\"636\" y=\"10\">+1</text>"
            "<text class=\"axis\" x=\"636\" y=\"90\">\xE2\x88\x92"
            "1</text>",
            v->has_boilerplate ? 142 : 96, mid, mid);
    size_t i;
    json_t *b;
    json_array_foreach(blocks, i, b) {
        double x = step * (double)i, w = step > 2 ? step - 1 : step;
        int bp = gl_view_is_boilerplate(b);
        const json_t *s = gl_view_attr(b, "sentiment");
        fprintf(out, "<a href=\"#doc-%d-b-%zu\"><title>line %lld", doc, i, num(b, "line"));
        if (json_is_number(s)) {
            char buf[16];
            score_text(buf, sizeof buf, json_number_value(s));
            fprintf(out, ", sentiment %s", buf);
        }
        fputs(bp ? ", boilerplate" : "", out);
        fputs("</title>", out);
        if (json_is_number(s) && isfinite(json_number_value(s))) {
            double val = json_number_value(s);
            if (val > 1)
                val = 1;
            if (val < -1)
                val = -1;
            double h = fabs(val) * amp;
            if (h < 0.5)
                h = 0.5;
            fprintf(out,
                    "<rect class=\"%s%s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/>",
                    val < 0 ? "neg" : "pos", bp ? " bp" : "", x, val < 0 ? mid : mid - h, w, h);
        }
        if (v->has_boilerplate)
            fprintf(out, "<rect class=\"%s\" x=\"%.2f\" y=\"98\" width=\"%.2f\" height=\"8\"/>",
                    bp ? "strip-bp" : "strip-content", x, w);
        fputs("</a>", out);
    }
    if (v->has_boilerplate) {
        double share = v->block_bytes ? (double)v->boilerplate_bytes / (double)v->block_bytes : 0;
        fprintf(out,
                "<rect class=\"strip-content\" x=\"0\" y=\"112\" width=\"%.2f\" height=\"12\"/>"
                "<rect class=\"strip-bp\" x=\"%.2f\" y=\"112\" width=\"%.2f\" height=\"12\"/>"
                "<text x=\"0\" y=\"138\" class=\"label\">content %.0f%% \xC2\xB7 boilerplate "
                "%.0f%% of the text (the strip above: where the furniture is)</text>",
                width * (1 - share), width * (1 - share), width * share, 100 * (1 - share),
                100 * share);
    }
    fputs("</svg>\n", out);
}

static void findings_list(FILE *out, int doc, const json_t *findings)
{
    size_t n = json_array_size(findings);
    fprintf(out, "<section class=\"findings\"><h3>Findings (%zu)</h3>", n);
    if (n == 0) {
        fputs("<p class=\"none\">No findings.</p></section>\n", out);
        return;
    }
    fputs("<ol>", out);
    size_t i;
    json_t *f;
    json_array_foreach(findings, i, f) {
        const char *sev = severity_of(f);
        fprintf(out, "<li class=\"finding sev-%s\" id=\"doc-%d-fl-%zu\" data-rule=\"", sev, doc, i);
        esc(out, str(f, "step"));
        fputc('/', out);
        esc(out, str(f, "rule"));
        fprintf(out,
                "\"><a class=\"where\" href=\"#doc-%d-f-%zu\">%lld:%lld</a> "
                "<span class=\"sev\">%s</span> <code class=\"rule\">",
                doc, i, num(f, "line"), num(f, "column"), sev);
        esc(out, str(f, "step"));
        fputc('/', out);
        esc(out, str(f, "rule"));
        fputs("</code> <span class=\"msg\">", out);
        esc(out, str(f, "message"));
        fputs("</span></li>", out);
    }
    fputs("</ol></section>\n", out);
}

static void persons_list(FILE *out, int doc, const json_t *persons)
{
    if (!persons)
        return;
    fprintf(out, "<section class=\"persons\"><h3>Persons (%zu)</h3><ul>", json_array_size(persons));
    /* Unlisted first: those are what an editor must act on; each keeps its index as its anchor. */
    static const int order[] = {GL_PERSON_UNLISTED, GL_PERSON_PSEUDONYM, GL_PERSON_ON_RECORD,
                                GL_PERSON_PUBLIC, GL_PERSON_OTHER};
    for (size_t o = 0; o < GL_ARRAY_SIZE(order); o++) {
        size_t i;
        json_t *p;
        json_array_foreach(persons, i, p) {
            const char *category = str(p, "category");
            if (gl_view_person_kind(category) != order[o])
                continue;
            size_t mentions = json_array_size(json_object_get(p, "mentions"));
            fprintf(out, "<li><a class=\"person cat-%s\" href=\"#doc-%d-p-%zu\">",
                    category_class(category), doc, i);
            esc(out, str(p, "name"));
            fputs("</a> <span class=\"cat\">", out);
            esc(out, category);
            fprintf(out,
                    "</span> <span class=\"count\">%zu mention%s</span> <span class=\"evidence\">",
                    mentions, mentions == 1 ? "" : "s");
            esc(out, str(p, "evidence"));
            fputs("</span></li>", out);
        }
    }
    fputs("</ul></section>\n", out);
}

/* The margin beside a paragraph: line, section, sentiment bar, tone or furniture reason. */
static void margin(FILE *out, int doc, size_t index, const json_t *b)
{
    fprintf(out, "<div class=\"margin\"><a class=\"line\" href=\"#doc-%d-b-%zu\">%lld</a>", doc,
            index, num(b, "line"));
    const char *reason = gl_view_attr_string(b, "boilerplate_reason");
    if (gl_view_is_boilerplate(b)) {
        fputs("<span class=\"reason\">", out);
        esc(out, reason ? reason : "boilerplate");
        fputs("</span>", out);
    }
    const char *section = gl_view_attr_string(b, "section");
    if (section) {
        fputs("<span class=\"sect\">", out);
        esc(out, section);
        double p = gl_view_attr_number(b, "section_p", -1);
        if (p >= 0)
            fprintf(out, " <small>%.2f</small>", p);
        fputs("</span>", out);
    }
    const json_t *s = gl_view_attr(b, "sentiment");
    if (json_is_number(s) && isfinite(json_number_value(s))) {
        double val = json_number_value(s);
        if (val > 1)
            val = 1;
        if (val < -1)
            val = -1;
        char buf[16];
        score_text(buf, sizeof buf, val);
        fprintf(
            out,
            "<span class=\"senti\" title=\"sentiment %s\"><span class=\"track\"><i class=\"%s\" "
            "style=\"%s:50%%;width:%.1f%%\"></i></span> %s</span>",
            buf, val < 0 ? "neg" : "pos", val < 0 ? "right" : "left", fabs(val) * 50, buf);
    }
    const char *tone = gl_view_attr_string(b, "tone");
    if (tone && strcmp(tone, "neutral") != 0) {
        fputs("<span class=\"tone\">", out);
        esc(out, tone);
        fputs("</span>", out);
    }
    fputs("</div>", out);
}

static int render_document(FILE *out, int doc, const json_t *report, const gl_view *v)
{
    fprintf(out, "<article class=\"doc\" id=\"doc-%d\" data-path=\"", doc);
    esc(out, v->path);
    fprintf(out, "\"><h2><a href=\"#doc-%d\">", doc);
    esc(out, v->path);
    fputs("</a></h2>\n", out);
    if (v->error) {
        fputs("<p class=\"doc-error\"><strong>", out);
        esc(out, str(v->error, "status"));
        fputs(" error:</strong> ", out);
        esc(out, str(v->error, "message"));
        fputs("</p></article>\n", out);
        return 0;
    }
    const json_t *blocks = json_object_get(report, "blocks");
    const json_t *findings = json_object_get(report, "findings");
    facts(out, v);
    chart(out, doc, blocks, v);
    findings_list(out, doc, findings);
    persons_list(out, doc, v->persons);

    const char *text = NULL;
    size_t length = 0;
    char *owned = NULL, why[300];
    int have_text = gl_view_text(report, &text, &length, &owned, why, sizeof why) == 0;
    fputs("<section class=\"text\"><h3>Text</h3>", out);
    if (!have_text) {
        fputs("<p class=\"no-text\">The text is not shown: ", out);
        esc(out, why);
        fputs(".</p>", out);
    }
    spans all = {NULL, 0, 0}, s = {NULL, 0, 0};
    size_t next = 0;
    int rc = have_text && collect_spans(&all, findings, v->persons) != 0 ? GALLEY_ENOMEM : 0;
    size_t i;
    json_t *b;
    json_array_foreach(blocks, i, b) {
        long long start = num(b, "start"), end = num(b, "end");
        int bp = gl_view_is_boilerplate(b);
        fprintf(out, "<div class=\"block %s\" id=\"doc-%d-b-%zu\" data-index=\"%zu\"",
                bp ? "boilerplate" : "content", doc, i, i);
        const char *section = gl_view_attr_string(b, "section");
        if (section) {
            fputs(" data-section=\"", out);
            esc(out, section);
            fputc('"', out);
        }
        fputc('>', out);
        margin(out, doc, i, b);
        fputs("<p class=\"para\">", out);
        if (have_text && start >= 0 && start <= end && (size_t)end <= length) {
            if (rc != 0 || block_spans(&all, &next, (size_t)start, (size_t)end, &s) != 0) {
                rc = GALLEY_ENOMEM;
                break;
            }
            block_text(out, doc, text, (size_t)start, (size_t)end, &s, findings, v->persons);
        }
        fputs("</p></div>\n", out);
    }
    gl_free(s.items);
    gl_free(all.items);
    gl_free(owned);
    fputs("</section></article>\n", out);
    return rc;
}

static int keep_row(html_state *s, const gl_view *v)
{
    if (gl_reserve((void **)&s->rows, &s->cap, s->count + 1, sizeof *s->rows) != 0 ||
        gl_view_row_set(&s->rows[s->count], v, v->path) != 0)
        return GALLEY_ENOMEM;
    s->count++;
    return 0;
}

static int html_document(galley_writer *w, const galley_report *r, const json_t *doc)
{
    html_state *s = w->state;
    if (!s) {
        s = w->state = gl_calloc(1, sizeof *s);
        if (!s)
            return GALLEY_ENOMEM;
        s->spool = tmpfile();
        if (!s->spool)
            return GALLEY_EIO;
    }
    gl_view v;
    gl_view_document(doc, gl_report_fail_on(r), &v);
    if (keep_row(s, &v) != 0)
        return GALLEY_ENOMEM;
    int rc = render_document(s->spool, (int)s->count, doc, &v);
    if (rc == 0 && ferror(s->spool))
        rc = GALLEY_EIO;
    return rc;
}

/* ---- the page ------------------------------------------------------------ */

static const char page_style[] =
    ":root{--ink:#1d1d1f;--muted:#6b6b70;--rule:#e3e3e8;--bg:#fff;--bp:#9a9aa0;"
    "--err:#b42318;--warn:#b54708;--info:#175cd3;--neg:#c0392b;--pos:#2e7d32}"
    "*{box-sizing:border-box}"
    "body{margin:0;color:var(--ink);background:var(--bg);"
    "font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}"
    "header.run,nav#index,main,footer{max-width:72rem;margin:0 auto;padding:0 1.25rem}"
    "header.run{padding-top:1rem;border-bottom:1px solid var(--rule)}"
    "h1{font-size:1.35rem;margin:.2rem 0}h1 .config{color:var(--muted);font-weight:400}"
    "h2{font-size:1.15rem;margin:1.6rem 0 .4rem;word-break:break-all}"
    "h2 a{color:inherit;text-decoration:none}"
    "h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);"
    "margin:1.2rem 0 .4rem}"
    ".verdict{font-weight:600}.verdict.fail,.fail{color:var(--err)}.verdict.pass,.pass{color:var(--"
    "pos)}"
    ".legend{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;font-size:.85rem;"
    "margin:.5rem 0 .8rem}"
    ".legend .bp-sample{color:var(--bp);border:1px dashed var(--bp);padding:0 .3rem}"
    "table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.8rem 0}"
    "th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid var(--rule)}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.3rem 0}"
    "dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}"
    "svg.chart{width:100%;max-width:640px;height:auto;display:block;margin:.6rem 0}"
    "svg .zero{stroke:#bbb;stroke-width:1}svg .neg{fill:var(--neg)}svg .pos{fill:var(--pos)}"
    "svg .bp{opacity:.35}svg .strip-bp{fill:#c9c9ce}svg .strip-content{fill:#4f6f8f}"
    "svg .label{font-size:11px;fill:var(--muted)}svg .axis{font-size:9px;fill:#999;"
    "text-anchor:end}"
    ".findings ol{padding-left:1.4rem;margin:0}.finding{margin:.2rem 0}"
    ".finding .where{font-variant-numeric:tabular-nums}"
    ".finding .sev{font-weight:600}.sev-error .sev{color:var(--err)}"
    ".sev-warning .sev{color:var(--warn)}.sev-info .sev{color:var(--info)}"
    ".rule{font-size:.85em;background:#f3f3f6;padding:0 .25rem;border-radius:3px}"
    ".persons ul{list-style:none;padding:0;margin:0}.persons li{margin:.15rem 0}"
    ".persons .cat,.persons .count{color:var(--muted);font-size:.85em}"
    ".persons .evidence{color:var(--muted);font-size:.8em;display:block;margin-left:1rem}"
    ".person{border-radius:3px;padding:0 .15rem;text-decoration:none;color:inherit}"
    ".cat-pseudonym{background:#ede4ff}.cat-public_figure{background:#dbeafe}"
    ".cat-on_record{background:#dcfce7}.cat-unlisted{background:#fee2e2;"
    "box-shadow:inset 0 -2px 0 var(--err)}.cat-other{background:#f1f1f4}"
    ".block{display:grid;grid-template-columns:12rem 1fr;gap:1rem;padding:.2rem 0;"
    "border-top:1px solid #f2f2f5}"
    ".margin{font-size:.78rem;color:var(--muted);display:flex;flex-wrap:wrap;gap:.1rem .5rem;"
    "align-content:flex-start;padding-top:.2rem}"
    ".margin .line{min-width:2.5rem;color:var(--muted);text-decoration:none;"
    "font-variant-numeric:tabular-nums}"
    ".margin .sect{color:var(--ink)}.margin .reason{font-style:italic}"
    ".senti{display:inline-flex;align-items:center;gap:.25rem;font-variant-numeric:tabular-nums}"
    ".track{position:relative;display:inline-block;width:3.5rem;height:.5rem;background:#f0f0f3;"
    "border-radius:2px}.track::after{content:'';position:absolute;left:50%;top:-1px;bottom:-1px;"
    "width:1px;background:#999}.track i{position:absolute;top:0;bottom:0}"
    ".track i.neg{background:var(--neg)}.track i.pos{background:var(--pos)}"
    ".para{margin:0;white-space:pre-wrap;font-family:Georgia,'Times New Roman',serif;"
    "font-size:1.02rem;overflow-wrap:anywhere}"
    ".block.boilerplate .para{color:var(--bp);font-size:.9rem}"
    "body.hide-bp .block.boilerplate{display:none}"
    "mark.finding-mark{background:none;color:inherit;text-decoration:underline wavy;"
    "text-decoration-thickness:1.5px;text-underline-offset:3px}"
    "mark.sev-error{text-decoration-color:var(--err)}mark.sev-warning{text-decoration-color:var(--"
    "warn)}"
    "mark.sev-info{text-decoration-color:var(--info)}"
    ".finding-point{text-decoration:none;font-size:.8em;margin-right:.15rem}"
    ".finding-point.sev-error{color:var(--err)}.finding-point.sev-warning{color:var(--warn)}"
    ".finding-point.sev-info{color:var(--info)}"
    ":target{outline:2px solid #f5b700;outline-offset:2px;background-color:#fff7d6}"
    ".doc-error{color:var(--err)}.no-text{color:var(--muted);font-style:italic}"
    "footer{color:var(--muted);font-size:.8rem;padding:2rem 1.25rem}"
    "@media (max-width:700px){.block{grid-template-columns:1fr;gap:0}}"
    "@media print{.legend label{display:none}}";

/*
 * The script only adds conveniences: hiding the furniture, and n / p to step
 * through the findings.  The page reads fully without it.
 */
static const char page_script[] =
    "(function(){var b=document.body,c=document.getElementById('hide-bp');"
    "if(c)c.addEventListener('change',function(){b.classList.toggle('hide-bp',c.checked)});"
    "var f=Array.prototype.slice.call(document.querySelectorAll('.finding-mark[id],"
    ".finding-point[id]')),i=-1;"
    "document.addEventListener('keydown',function(e){if(!f.length||e.target.tagName==='INPUT')"
    "return;"
    "if(e.key==='n')i=(i+1)%f.length;else if(e.key==='p')i=(i-1+f.length)%f.length;else return;"
    "location.hash=f[i].id});"
    "b.setAttribute('data-ready','1')})();";

static void index_table(FILE *out, const html_state *s)
{
    fputs("<nav id=\"index\"><h3>Articles</h3><table><thead><tr><th>article</th>"
          "<th class=\"n\">blocks</th><th class=\"n\">boilerplate</th><th>section</th>"
          "<th class=\"n\">sentiment</th><th class=\"n\">errors</th><th class=\"n\">warnings</th>"
          "<th>gate</th></tr></thead><tbody>\n",
          out);
    for (size_t i = 0; i < s->count; i++) {
        const gl_view_row *r = &s->rows[i];
        fprintf(out, "<tr><td><a href=\"#doc-%zu\">", i + 1);
        esc(out, r->path);
        fputs("</a></td>", out);
        if (r->failed) {
            fputs("<td colspan=\"6\"></td><td class=\"fail\">error</td></tr>\n", out);
            continue;
        }
        fprintf(out, "<td class=\"n\">%zu</td>", r->blocks);
        if (r->has_boilerplate)
            fprintf(out, "<td class=\"n\">%.0f%%</td>", 100 * r->boilerplate_ratio);
        else
            fputs("<td class=\"n\">-</td>", out);
        fputs("<td>", out);
        esc(out, r->section[0] ? r->section : "-");
        if (r->section[0] && r->section_p >= 0)
            fprintf(out, " <small>%.2f</small>", r->section_p);
        fputs("</td>", out);
        char buf[16];
        score_text(buf, sizeof buf, r->sentiment);
        fprintf(out,
                "<td class=\"n\">%s</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
                "<td class=\"%s\">%s</td></tr>\n",
                r->has_sentiment ? buf : "-", r->errors, r->warnings,
                r->fails_gate ? "fail" : "pass", r->fails_gate ? "FAIL" : "pass");
    }
    fputs("</tbody></table></nav>\n", out);
}

static int html_finish(galley_writer *w, const galley_report *r)
{
    html_state *s = w->state;
    FILE *out = w->out;
    json_t *gate = gl_report_gate(r), *config = gl_report_config(r);
    if (!gate || !config) {
        json_decref(gate);
        json_decref(config);
        return GALLEY_ENOMEM;
    }
    int passed = json_is_true(json_object_get(gate, "passed"));
    size_t docs = s ? s->count : 0;
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
          out);
    fprintf(out, "<meta name=\"generator\" content=\"galley %s\"><title>galley report",
            galley_version());
    if (docs == 1) {
        fputs(": ", out);
        esc(out, s->rows[0].path);
    }
    fprintf(out,
            "</title><style>%s</style></head>\n<body>\n<header class=\"run\"><h1>galley "
            "report <span class=\"config\">",
            page_style);
    esc(out, str(config, "name"));
    fprintf(out,
            "</span></h1><p class=\"verdict %s\">gate %s \xC2\xB7 %zu article%s \xC2\xB7 %lld "
            "error%s, %lld warning%s, %lld info (fail_on: %s)</p>\n",
            passed ? "pass" : "fail", passed ? "passed" : "FAILED", docs, docs == 1 ? "" : "s",
            num(gate, "errors"), num(gate, "errors") == 1 ? "" : "s", num(gate, "warnings"),
            num(gate, "warnings") == 1 ? "" : "s", num(gate, "infos"), str(gate, "fail_on"));
    fputs("<div class=\"legend\"><span class=\"person cat-pseudonym\">pseudonym</span>"
          "<span class=\"person cat-public_figure\">public figure</span>"
          "<span class=\"person cat-on_record\">on record</span>"
          "<span class=\"person cat-unlisted\">unlisted</span>"
          "<span class=\"bp-sample\">boilerplate</span>"
          "<mark class=\"finding-mark sev-error\">error</mark>"
          "<mark class=\"finding-mark sev-warning\">warning</mark>"
          "<mark class=\"finding-mark sev-info\">info</mark>"
          "<label><input type=\"checkbox\" id=\"hide-bp\"> hide boilerplate</label>"
          "<span>keys: n / p next and previous finding</span></div></header>\n",
          out);
    if (docs > 1)
        index_table(out, s);
    fputs("<main>\n", out);
    int rc = 0;
    if (s && s->spool) {
        rewind(s->spool);
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, s->spool)) > 0)
            if (fwrite(buf, 1, n, out) != n) {
                rc = GALLEY_EIO;
                break;
            }
        if (ferror(s->spool))
            rc = GALLEY_EIO;
    }
    fputs("</main>\n<footer>galley ", out);
    esc(out, galley_version());
    fputs(" \xC2\xB7 config ", out);
    esc(out, str(config, "path"));
    fprintf(out, "</footer>\n<script>%s</script>\n</body></html>\n", page_script);
    json_decref(gate);
    json_decref(config);
    return rc ? rc : ferror(out) ? GALLEY_EIO : 0;
}

static void html_free(void *state)
{
    html_state *s = state;
    if (!s)
        return;
    if (s->spool)
        fclose(s->spool);
    for (size_t i = 0; i < s->count; i++)
        gl_view_row_free(&s->rows[i]);
    gl_free(s->rows);
    gl_free(s);
}

const gl_writer_ops gl_writer_html = {
    .name = "html",
    .summary = "one self-contained HTML page: the text with furniture greyed, section and "
               "sentiment in the margin, persons and findings highlighted",
    .needs_documents = 0,
    .document = html_document,
    .finish = html_finish,
    .free_state = html_free,
    .needs_text = 1,
};
