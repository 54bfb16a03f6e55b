/*
 * page.c -- deciding blocks from the shape of the whole page.
 *
 * A news page, once its HTML is gone, is nearly always the same sequence:
 * site furniture (cookie notice, menus, crumbs), the headline, a standfirst,
 * a byline or date line, the story's paragraphs (with captions, credits and
 * the odd sponsor slot or "Read more" link between them), and then the page
 * end: share lines, "Related" and "Most Popular" lists, teasers, newsletter
 * forms and the copyright line.  The stages below find that shape:
 *
 *  1. grade the blocks no rule named: GOOD (story text on its own), NEAR (a
 *     sentence or a standalone quotation), TITLE (words without a full
 *     stop) or SHORT (one or two words), in the manner of jusText; a block
 *     whose text is printed twice on the page is WEAK (reason repeat);
 *  2. lists: after a list heading on its own line ("Most Popular",
 *     "Sponsored"), every block up to the next run of story paragraphs is a
 *     list item;
 *  3. the story: from the first to the last confirmed story paragraph (two
 *     GOOD blocks in a row, three sentences in a row, or one long GOOD
 *     block that joins them);
 *  4. the headline: walking back from the story's start over bylines, date
 *     lines, standfirsts and captions to the first title-like block;
 *  5. the page end: after the story's last paragraph, sentences are still
 *     story until furniture that ends a story (a share line, a list
 *     heading, a tag list, a copyright line, an author box); from the first
 *     furniture after the story's last sentence, everything is furniture;
 *  6. neighbours: a block that is still ambiguous takes the decision of its
 *     neighbours when they agree (jusText's context pass).
 *
 * Everything is a few linear passes over an array of blocks (the walk to the
 * headline looks at ten blocks at most); nothing recurses.
 */
#include <stdlib.h>
#include <string.h>

#include "classify.h"

/* How a block came to be part of the article's top. */
enum role { ROLE_NONE = 0, ROLE_HEADLINE, ROLE_STANDFIRST, ROLE_CAPTION, ROLE_TOP_FURNITURE };

/* A block that a later stage (neighbours) decides, and its own default. */
typedef struct page_block {
    uint8_t list_kind; /* bp_kind of the heading whose list the block is in, or 0 */
    uint8_t confirmed; /* story text, confirmed by a neighbour or its length */
    uint8_t role;
    uint8_t pending;   /* decided by its neighbours when smoothing is on */
    uint8_t crosshead; /* the title the story resumes under, past a sponsored item */
} page_block;

/* How many blocks the walk from the story back to its headline looks at. */
#define MAX_TOP_BLOCKS 10
/* Sentences in a row that make a story without any long paragraph. */
#define MIN_SENTENCE_RUN 3
/* A title-like block longer than this is a standfirst, not a headline. */
#define MAX_HEADLINE_WORDS 20

static int is_list_heading(const bp_block *b)
{
    return b->cls == BP_RULE && (b->flags & BP_F_OPENS_LIST);
}

/* Furniture between the headline and the story that does not end the article's top. */
static int is_top_furniture(const bp_block *b)
{
    if (b->cls == BP_EMPTY)
        return 1;
    if (b->cls != BP_RULE)
        return 0;
    switch (b->kind) {
    case BP_KIND_BYLINE:
    case BP_KIND_DATE_LINE:
    case BP_KIND_META_LINE:
    case BP_KIND_SHARE:
    case BP_KIND_SPONSOR_SLOT:
    case BP_KIND_SPONSOR_HEADING:
    case BP_KIND_CREDIT:
    case BP_KIND_SUBSCRIBE:
    case BP_KIND_NAV:
    case BP_KIND_COMMENT_PROMPT:
    case BP_KIND_TAG_LIST: return 1;
    default: return 0;
    }
}

static int is_credit(const bp_block *b)
{
    return b->cls == BP_RULE && b->kind == BP_KIND_CREDIT;
}

static int is_story_text(const bp_block *b)
{
    return b->cls == BP_GOOD || b->cls == BP_NEAR;
}

static const char *story_reason(const bp_block *b)
{
    return (b->flags & BP_F_QUOTE) ? "quote" : "story";
}

/* Stage 1: grade the undecided blocks. */
static void grade(const bp_settings *s, double min_density, bp_block *blocks, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bp_block *b = &blocks[i];
        if (b->cls != BP_SHORT || b->reason)
            continue;
        int terminal = (b->flags & BP_F_TERMINAL) != 0, quote = (b->flags & BP_F_QUOTE) != 0;
        if (b->words <= 2 && !quote)
            b->cls = BP_SHORT;
        else if (terminal && (double)b->chars >= s->min_story_chars &&
                 (double)b->stops >= min_density * (double)b->words)
            b->cls = BP_GOOD;
        else if (terminal || quote)
            b->cls = BP_NEAR;
        else
            b->cls = BP_TITLE;
        /* The same text twice on one page is a teaser list or a menu
         * printed twice, whatever it looks like. */
        if (s->repetition && (b->flags & BP_F_REPEATED)) {
            b->cls = BP_WEAK;
            b->reason = "repeat";
        }
    }
}

/* A short line printed again and again between two sentences of the story ("Yours,
 * etc," under each letter of a letters page): a formula of the story's. */
static int story_formula(const bp_block *blocks, size_t n, size_t i)
{
    const bp_block *b = &blocks[i];
    return b->cls == BP_WEAK && (b->flags & BP_F_REPEATED) && b->words <= 4 && i > 0 &&
           i + 1 < n && is_story_text(&blocks[i - 1]) && is_story_text(&blocks[i + 1]);
}

/*
 * Furniture that ends a story: after a share line, a list heading, a tag
 * list or a copyright line, no story text follows.  Credits, sponsor slots,
 * navigation links, date lines and meta lines also sit between paragraphs, so
 * they do not.
 */
static int is_hard_end(const bp_block *blocks, size_t n, size_t i)
{
    const bp_block *b = &blocks[i];
    if (b->flags & BP_F_AUTHOR_BOX)
        return 1;
    if (b->cls == BP_WEAK) {
        if (story_formula(blocks, n, i))
            return 0;
        return (b->flags & BP_F_REPEATED) != 0;
    }
    if (b->cls != BP_RULE)
        return 0;
    switch (b->kind) {
    case BP_KIND_CREDIT: {
        /* A photo credit under its caption sits between paragraphs; a
         * credit under a paragraph ("Reporting by ...") signs the story off. */
        const bp_block *above = i > 0 ? &blocks[i - 1] : NULL;
        return !above || above->cls == BP_GOOD || (above->flags & BP_F_QUOTE) ||
               above->cls == BP_RULE || above->cls == BP_EMPTY;
    }
    case BP_KIND_SPONSOR_SLOT:
    case BP_KIND_NAV:
    case BP_KIND_DATE_LINE: /* a live page's posts each open with their time */
    case BP_KIND_META_LINE: /* "This interview has been edited ...", then its closing line */
    case BP_KIND_LETTERS_HEADING: return 0; /* the letters under it are the story's */
    case BP_KIND_LIST_HEADING:
        /* "Read more: <title>" is one link between paragraphs; a heading on
         * its own line ("Related") ends the story. */
        return (b->flags & BP_F_OPENS_LIST) != 0;
    default: return 1;
    }
}

/* Furniture that sits between two paragraphs of a story without parting them:
 * a photo credit, a slide counter, a sponsor slot, a navigation link. */
static int is_between_paragraphs(const bp_block *b)
{
    if (b->cls != BP_RULE)
        return 0;
    return b->kind == BP_KIND_CREDIT || b->kind == BP_KIND_SPONSOR_SLOT ||
           b->kind == BP_KIND_NAV || b->kind == BP_KIND_DATE_LINE;
}

/* The most words of an interviewer's question set between two answers. */
#define MAX_QUESTION_WORDS 30

/* An interviewer's question between two long answers: "Why Cumbrae?" between two
 * paragraphs does not part them, as a subheading does not. */
static int is_question_between(const bp_block *blocks, size_t n, size_t i)
{
    const bp_block *b = &blocks[i];
    return (b->flags & BP_F_QUESTION) && b->cls != BP_RULE && b->cls != BP_GOOD &&
           b->words <= MAX_QUESTION_WORDS && i > 0 && i + 1 < n &&
           blocks[i - 1].cls == BP_GOOD && blocks[i + 1].cls == BP_GOOD;
}

/* A list's own line between its items' paragraphs: a numbered heading, or an address and a
 * price (a round-up of restaurants or cafés), which parts them no more than a credit does. */
static int is_listing_line(const bp_block *b)
{
    return (b->flags & BP_F_LISTING) && b->cls != BP_GOOD && b->cls != BP_EMPTY;
}

/* Whether block i stands between two paragraphs of a story without parting them. */
static int parts_nothing(const bp_block *blocks, size_t n, size_t i)
{
    return is_between_paragraphs(&blocks[i]) || is_question_between(blocks, n, i) ||
           is_listing_line(&blocks[i]) ||
           ((blocks[i].flags & BP_F_TABLE) && blocks[i].cls != BP_RULE);
}

/* The first confirmed block (n when none), and the last in *last. */
static size_t confirmed_extent(const page_block *pb, size_t n, size_t *last)
{
    size_t first = n;
    *last = 0;
    for (size_t i = 0; i < n; i++)
        if (pb[i].confirmed) {
            if (first == n)
                first = i;
            *last = i;
        }
    return first;
}

/* The most words of a crosshead that a list inside the story runs into. */
#define MAX_CROSSHEAD_WORDS 8

/*
 * A box inside the story ("Related" and its titles, "Sponsored" and its item) runs to
 * the story's next paragraph, and the short title right above that paragraph, past the
 * box's items, is the crosshead the story resumes under ("The architect"), not one more
 * item.
 */
static void mid_story_crossheads(const bp_block *blocks, page_block *pb, size_t n, size_t first,
                                 size_t last)
{
    for (size_t i = first + 2; i < last && i < n; i++) {
        const bp_block *b = &blocks[i];
        int titled = b->cls == BP_TITLE ||
                     (b->cls == BP_SHORT && !b->reason && b->numbers == 0 && b->capitalised >= 1);
        if (pb[i].list_kind && titled && b->words <= MAX_CROSSHEAD_WORDS &&
            !(b->flags & (BP_F_REPEATED | BP_F_SEPARATED | BP_F_LISTING)) && pb[i + 1].confirmed &&
            !is_list_heading(&blocks[i - 1]) && pb[i - 1].list_kind)
            pb[i].list_kind = 0;
    }
}

/* Whether blocks i.. open a run of MIN_SENTENCE_RUN sentences or quotations. */
static int sentence_run(const bp_block *blocks, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && j - i < MIN_SENTENCE_RUN && is_story_text(&blocks[j]))
        j++;
    return j - i >= MIN_SENTENCE_RUN;
}

/* The most paragraphs a list heading after the story can have as its items. */
#define MAX_LIST_PARAGRAPHS 4

/* Stages 2 and 3: lists and confirmed story text.  Returns 0 when the page
 * has no story at all. */
static int find_story(const bp_settings *s, const bp_block *blocks, page_block *pb, size_t n)
{
    /* A run of two GOOD blocks: teaser lists never have one, since a title
     * sits between any two leads.  Credits, counters, sponsor slots and
     * navigation links between them do not break the run: a photo gallery
     * is captions, each under its own credit and "3 of 18". */
    size_t first = n, last = 0;
    for (size_t i = 0; i < n; i++) {
        int good = blocks[i].cls == BP_GOOD;
        size_t before = i, after = i + 1;
        while (before > 0 && parts_nothing(blocks, n, before - 1))
            before--;
        while (after < n && parts_nothing(blocks, n, after))
            after++;
        pb[i].confirmed = good && ((before > 0 && blocks[before - 1].cls == BP_GOOD) ||
                                   (after < n && blocks[after].cls == BP_GOOD));
        if (pb[i].confirmed) {
            if (first == n)
                first = i;
            last = i;
        }
    }
    /* A story told in short paragraphs has no GOOD block: three sentences or
     * quotations in a row are story all the same. */
    if (first == n) {
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && is_story_text(&blocks[j]))
                j++;
            if (j - i >= MIN_SENTENCE_RUN)
                for (size_t k = i; k < j; k++) {
                    pb[k].confirmed = 1;
                    if (first == n)
                        first = k;
                    last = k;
                }
            i = j > i ? j : i + 1;
        }
    }
    /*
     * A list runs to the next confirmed story text, with one exception:
     * paragraphs under a sponsor heading ("Partner content") after the story
     * has ended (a list heading, a share line) are an advertorial, however
     * story-like.  Under a sponsor heading between paragraphs, with no end
     * before it, the story goes on.
     */
    uint8_t list = 0;
    int seen_story = 0, ended = 0;
    for (size_t i = 0; i < n; i++) {
        /* (the sponsored item's own cut-off lead, under its label in the middle of the
           story, is the advertisement, and ends nothing) */
        if (seen_story && is_hard_end(blocks, n, i) &&
            !(blocks[i].cls == BP_RULE && blocks[i].kind == BP_KIND_SPONSOR_HEADING) &&
            !(list == BP_KIND_SPONSOR_HEADING && (blocks[i].flags & BP_F_TRUNCATED)))
            ended = 1;
        if (is_list_heading(&blocks[i]))
            list = blocks[i].kind;
        else if (pb[i].confirmed && list == BP_KIND_SPONSOR_HEADING && ended) {
            pb[i].confirmed = 0;
            pb[i].list_kind = list;
        } else if (pb[i].confirmed) {
            list = 0;
            seen_story = 1;
            ended = 0;
        } else if (list == BP_KIND_SPONSOR_HEADING && seen_story && !ended &&
                   (blocks[i].flags & BP_F_NUMBERED)) {
            /* the next numbered item of a listicle, past a sponsored item set between
               two of its items: the list of the story's own goes on */
            list = 0;
        } else if (list == BP_KIND_SPONSOR_HEADING && seen_story && !ended && i >= 2 &&
                   !is_list_heading(&blocks[i - 1]) && sentence_run(blocks, n, i)) {
            /* a run of sentences past the sponsored item (a transcript's turns, a story
               told in short paragraphs): the story goes on, and a short title right
               above it, past notes that end nothing, is the crosshead it resumes under */
            list = 0;
            size_t k = i - 1;
            while (k > 0 && blocks[k].cls == BP_RULE && !is_hard_end(blocks, n, k))
                k--;
            if (k > 0 && !is_list_heading(&blocks[k - 1]) && pb[k].list_kind &&
                (blocks[k].cls == BP_TITLE ||
                 (blocks[k].cls == BP_SHORT && !blocks[k].reason && blocks[k].numbers == 0 &&
                  blocks[k].capitalised >= 1)) &&
                blocks[k].words <= MAX_CROSSHEAD_WORDS &&
                !(blocks[k].flags & (BP_F_REPEATED | BP_F_SEPARATED | BP_F_LISTING))) {
                pb[k].list_kind = 0;
                pb[k].crosshead = 1;
            }
        } else
            pb[i].list_kind = list;
    }
    /*
     * A letters page ("Letters to the Editor" on its own line, under a column and its
     * lists, say): the letters under the heading, up to the next furniture that ends a
     * story, are the story's, however far down the page.  Each letter is a title,
     * paragraphs and a sign-off, so its paragraphs rarely pair; they are confirmed here.
     */
    for (size_t i = 0; i < n; i++) {
        if (blocks[i].cls != BP_RULE || blocks[i].kind != BP_KIND_LETTERS_HEADING)
            continue;
        size_t k = i + 1;
        for (; k < n && !is_hard_end(blocks, n, k); k++) {
            pb[k].list_kind = 0;
            if (blocks[k].cls == BP_GOOD)
                pb[k].confirmed = 1;
        }
        i = k;
    }
    /*
     * A list heading on its own line after the story, with a few paragraphs right under
     * it and no story text after them ("Tributes & condolences" over readers' messages,
     * "Comments" over comments): the paragraphs are the list's items, however well
     * written.  A heading inside the story is followed by teaser titles, or by the rest
     * of the story with more of it further down.
     */
    first = confirmed_extent(pb, n, &last);
    mid_story_crossheads(blocks, pb, n, first, last);
    /* One pass: the runs of paragraphs under the headings are disjoint, and once a run is
       taken nothing after it is confirmed. */
    for (size_t i = 1; i + 1 < n && first < n; i++) {
        if (!is_list_heading(&blocks[i]) || !(blocks[i].flags & BP_F_OPENS_LIST) ||
            (blocks[i].kind != BP_KIND_LIST_HEADING && blocks[i].kind != BP_KIND_COMMENT_PROMPT))
            continue;
        /* (past a line of furniture that ends nothing: "Need to know", then "Getting
           there: ...", then the box's paragraphs) */
        size_t items = i + 1;
        while (items + 1 < n && blocks[items].cls == BP_RULE && !is_hard_end(blocks, n, items))
            items++;
        if (!pb[items].confirmed)
            continue;
        size_t past = items;
        while (past < n && pb[past].confirmed)
            past++;
        if (first > i || last >= past || past - items > MAX_LIST_PARAGRAPHS)
            continue;
        for (size_t k = i + 1; k < past; k++) {
            pb[k].confirmed = 0;
            pb[k].list_kind = BP_KIND_LIST_HEADING;
        }
        last = i; /* back to the last paragraph before the heading (first is one) */
        while (!pb[last].confirmed)
            last--;
        break;
    }
    if (first == n) {
        /* A brief: one paragraph of story text, the longest outside any list. */
        size_t best = n;
        for (size_t i = 0; i < n; i++)
            if (blocks[i].cls == BP_GOOD && !pb[i].list_kind &&
                (best == n || blocks[i].chars > blocks[best].chars))
                best = i;
        if (best == n)
            return 0;
        pb[best].confirmed = 1;
        return 1;
    }
    /*
     * A long paragraph standing alone (between a caption and a quote, say)
     * is story too, when it sits inside the story or joins it without a
     * share line, list heading or copyright line in between: a long cookie
     * notice or author box below the page end must not stretch the story.
     */
    double long_story = 2.0 * s->min_story_chars;
    for (size_t i = last + 1; i < n; i++) {
        if (is_hard_end(blocks, n, i))
            break;
        if (blocks[i].cls == BP_GOOD && !pb[i].list_kind && (double)blocks[i].chars >= long_story)
            pb[i].confirmed = 1;
    }
    for (size_t i = first; i-- > 0;) {
        if (is_hard_end(blocks, n, i) && !is_top_furniture(&blocks[i]))
            break;
        if (blocks[i].cls == BP_GOOD && !pb[i].list_kind && (double)blocks[i].chars >= long_story)
            pb[i].confirmed = 1;
    }
    for (size_t i = first + 1; i < last; i++)
        if (blocks[i].cls == BP_GOOD && !pb[i].list_kind && (double)blocks[i].chars >= long_story)
            pb[i].confirmed = 1;
    /* An author box that closes the page ("Jonas Weidemann reports on Ukraine for
     * Meridian. He has travelled ...") is long enough to pair with the last paragraph;
     * the story ends before it. */
    for (size_t i = n; i-- > first + 1;) {
        if (!pb[i].confirmed)
            continue;
        if (!(blocks[i].flags & BP_F_AUTHOR_BOX))
            break;
        pb[i].confirmed = 0;
    }
    return 1;
}

/* A short line of capitalised words without stop words: "Jane Doe, Kyiv
 * correspondent" under a headline is a byline, not a second headline. */
static int is_name_line(const bp_block *b)
{
    return b->words <= 6 && b->stops <= 1 && b->capitalised * 5 >= b->words * 3;
}

static int is_headline_like(const bp_block *b)
{
    return (b->cls == BP_TITLE || (b->cls == BP_WEAK && b->words >= 3)) &&
           b->words <= MAX_HEADLINE_WORDS && !is_name_line(b) && !(b->flags & BP_F_REPEATED);
}

/* A title-like block too long for a headline: a standfirst without a full stop. */
static int is_long_title(const bp_block *b)
{
    return (b->cls == BP_TITLE || b->cls == BP_WEAK) && b->words > MAX_HEADLINE_WORDS &&
           !(b->flags & BP_F_REPEATED);
}

/* A byline or a date line. */
static int byline_or_date(const bp_block *b)
{
    return b->cls == BP_RULE && (b->kind == BP_KIND_BYLINE || b->kind == BP_KIND_DATE_LINE);
}

/* A short row with separators or symbols right under a byline or a date line. */
static int row_under_byline(const bp_block *blocks, size_t i)
{
    return (blocks[i].flags & BP_F_SEPARATED) && i > 0 && byline_or_date(&blocks[i - 1]);
}

/*
 * Whether, going up from block i, a byline or a date line comes before any
 * other block but furniture of the article's top, and a title that could be a
 * headline comes right above them: the usual top of an article, headline,
 * standfirst, byline, date, seen from below.
 */
static int headline_above_byline(const bp_block *blocks, size_t i)
{
    size_t k = i;
    int signed_off = 0;
    while (k > 0 && i - k < MAX_TOP_BLOCKS) {
        const bp_block *b = &blocks[--k];
        if (byline_or_date(b)) {
            signed_off = 1;
            continue;
        }
        if (is_top_furniture(b))
            continue;
        /* a byline without "By": "Ciara Costigan Community Correspondent" above the date */
        if (signed_off && is_name_line(b) && !(b->flags & BP_F_REPEATED))
            continue;
        if (!signed_off)
            return 0;
        /* a standfirst under the headline (with or without its full stop), or the
           headline itself */
        if ((is_story_text(b) || is_long_title(b)) && k > 0 && is_headline_like(&blocks[k - 1]))
            return 1;
        return is_headline_like(b);
    }
    return 0;
}

/*
 * Stage 4: from the story's first paragraph back to the headline, over the
 * standfirst, bylines, date and share lines and a lead photo's caption.
 * Returns the index of the article's first block.
 */
/* The date lines with a time of day that make a page a live page: its posts each open
 * with their time ("23:10 CEST"). */
#define MIN_LIVE_POSTS 3

static int is_clock_line(const bp_block *b)
{
    return b->cls == BP_RULE && b->kind == BP_KIND_DATE_LINE && (b->flags & BP_F_CLOCK);
}

static size_t find_top(const bp_block *blocks, page_block *pb, size_t start, int live)
{
    size_t top = start, name_line = start, seen = 0;
    for (size_t i = start; i-- > 0 && seen < MAX_TOP_BLOCKS; seen++) {
        const bp_block *b = &blocks[i];
        if (is_top_furniture(b))
            continue;
        /* A short row of links under the byline or date ("Send · Post · Save
         * for later") is the article's tool bar, not the site's menu. */
        if (b->cls == BP_RULE && b->kind == BP_KIND_MENU && b->words <= 5 && i > 0 &&
            is_top_furniture(&blocks[i - 1]) && blocks[i - 1].cls == BP_RULE)
            continue;
        /* A short line of links next to the byline or the date ("Rafiq Ahmed | Poonch",
         * a ratings key under the date) belongs to the article's top as well. */
        if (b->cls == BP_RULE && b->kind == BP_KIND_MENU && b->words <= 16 &&
            ((i + 1 < start && byline_or_date(&blocks[i + 1])) ||
             (i > 0 && byline_or_date(&blocks[i - 1]))))
            continue;
        /* A sponsored item under its label ("Sponsored", then a cut-off lead) between
         * the byline and the story is an advertisement in the article's top. */
        if (b->cls == BP_RULE && pb[i].list_kind == BP_KIND_SPONSOR_HEADING)
            continue;
        /* A box of points under its heading, one block of lines ("Key points", then a
         * line a point) between the byline and the story's first paragraph, is the
         * article's top, not a list the article runs on from. */
        if (b->cls == BP_RULE && b->kind == BP_KIND_LIST_HEADING && (b->flags & BP_F_LINES) &&
            !live && i > 0)
            continue;
        /* A list above the article may run on into it: the headline and
         * standfirst under a "Most read" box are the article's all the same. */
        if (b->cls == BP_RULE)
            break;
        /* On a live page, a box of points above the posts ("Key events", then a line
         * a point; "What you need to know", then its bullets) is the page's, not a
         * standfirst. */
        if (b->flags & BP_F_TABLE)
            continue; /* a table between two paragraphs: left to its neighbours */
        if (live && (b->flags & BP_F_LINES) && !is_story_text(b)) {
            pb[i].role = ROLE_TOP_FURNITURE;
            continue;
        }
        if (is_story_text(b)) {
            pb[i].role = ROLE_STANDFIRST;
            top = i;
        } else if (b->cls == BP_TITLE || (b->cls == BP_WEAK && b->words >= 3)) {
            if (i + 1 < start && is_credit(&blocks[i + 1])) {
                pb[i].role = ROLE_CAPTION;
                top = i;
            } else if (b->words > MAX_HEADLINE_WORDS) {
                pb[i].role = ROLE_STANDFIRST;
                top = i;
            } else if ((live && i > 0 && is_clock_line(&blocks[i - 1])) ||
                       (i > 0 && is_story_text(&blocks[i - 1]) && !pb[i - 1].list_kind) ||
                       (!row_under_byline(blocks, i) && headline_above_byline(blocks, i))) {
                /* On a live page, under a post's time: the post's heading. Under a
                 * paragraph: a subheading or a caption inside the story. Under the byline
                 * and the date with a headline above them: the first item of a round-up.
                 * Left to its neighbours; the headline is higher up. */
            } else if (row_under_byline(blocks, i)) {
                /* Under the byline or the date, a row of items with separators or
                 * icons ("Get the app ★ | WhatsApp updates →", a share price line) is
                 * the page's; the headline is above the byline. */
                pb[i].role = ROLE_TOP_FURNITURE;
            } else if (is_name_line(b) || (b->flags & BP_F_REPEATED)) {
                /* A byline, or a title printed again in a list below: a
                 * headline only when nothing better turns up. */
                pb[i].role = ROLE_TOP_FURNITURE;
                name_line = i;
            } else {
                /* Three titles in a row, the last the shortest (headline, standfirst
                 * without a full stop, "Anastasiia Lozynska in Kyiv and Declan Pryce in
                 * London"): the last is the byline. */
                if (i > 1 && !pb[i - 1].list_kind && !pb[i - 2].list_kind &&
                    (is_headline_like(&blocks[i - 1]) || blocks[i - 1].cls == BP_TITLE) &&
                    is_headline_like(&blocks[i - 2]) && b->words < blocks[i - 1].words &&
                    b->words <= 12 && !(b->flags & BP_F_TERMINAL)) {
                    pb[i].role = ROLE_TOP_FURNITURE;
                    continue;
                }
                /* A headline with a standfirst that has no full stop under
                 * it: the shorter block on top is the headline. */
                size_t h = i;
                if (i > 0 && !pb[i - 1].list_kind && is_headline_like(&blocks[i - 1]) &&
                    (blocks[i - 1].words < b->words || i == 1 || blocks[i - 2].cls == BP_RULE ||
                     blocks[i - 2].cls == BP_EMPTY)) {
                    pb[i].role = ROLE_STANDFIRST;
                    h = i - 1;
                }
                pb[h].role = ROLE_HEADLINE;
                return h;
            }
        } else if (!(i > 0 && is_story_text(&blocks[i - 1]) && is_story_text(&blocks[i + 1]))) {
            /* A short label or a name: a byline, a kicker, a place line.
             * (Between two paragraphs it is left to its neighbours.) */
            pb[i].role = ROLE_TOP_FURNITURE;
        }
    }
    /* No headline with ordinary words: a headline of names alone
     * ("Zelensky Meets Trump") is the best left. */
    if (name_line < start) {
        pb[name_line].role = ROLE_HEADLINE;
        if (name_line < top)
            top = name_line;
    }
    return top;
}

/* Furniture under a column that an author box comes right before: a list heading on its
 * own line, the page's letters, a share, follow or tag line. */
static int signs_off(const bp_block *b)
{
    if (b->cls != BP_RULE)
        return 0;
    switch (b->kind) {
    case BP_KIND_LIST_HEADING: return (b->flags & BP_F_OPENS_LIST) != 0;
    case BP_KIND_LETTERS_HEADING:
    case BP_KIND_SHARE:
    case BP_KIND_TAG_LIST:
    case BP_KIND_SUBSCRIBE:
    case BP_KIND_COMMENT_PROMPT: return 1;
    default: return 0;
    }
}

/* The fewest words of a caption that is not title-like: shorter lines over a credit
 * ("Photo: Reuters") are labels. */
#define CAPTION_MIN_WORDS 6

/* The default of an ambiguous block, used when its neighbours disagree. */
static bp_decision own_default(const bp_block *blocks, size_t n, size_t i, int in_story)
{
    const bp_block *b = &blocks[i];
    bp_decision d = {1, b->reason ? b->reason : "short"};
    /* The block under it, past lines with no words ("★★★★☆", "* * *"), which say
     * nothing of what a heading heads. */
    size_t below = i + 1;
    while (below < n && blocks[below].cls == BP_EMPTY)
        below++;
    /* One or two words over a paragraph of the story ("Fractured skull", "Survivors", often
     * under a photo credit or an ad slot, whose neighbours then disagree; a show's title
     * over its star rating in a review column): a subheading. */
    if (b->cls == BP_SHORT && !b->reason && in_story && b->words <= 2 && b->numbers == 0 &&
        b->capitalised >= 1 && !(b->flags & BP_F_SEPARATED) && below < n &&
        is_story_text(&blocks[below])) {
        d.furniture = 0;
        d.reason = "subheading";
        return d;
    }
    /* A listicle's numbered heading over its item's paragraph ("9. Wander Little India",
     * which reads as a row of names): a subheading. */
    if ((b->flags & BP_F_NUMBERED) && in_story && below < n && is_story_text(&blocks[below])) {
        d.furniture = 0;
        d.reason = "subheading";
        return d;
    }
    /* A line over a photo credit is the photo's caption, a title or a longer line
     * without its full stop ("The King shares a joke with a weaver on the mill floor"). */
    if ((b->cls == BP_TITLE || (b->cls == BP_WEAK && b->words >= CAPTION_MIN_WORDS)) &&
        i + 1 < n && is_credit(&blocks[i + 1])) {
        d.furniture = 0;
        d.reason = "caption";
        return d;
    }
    if (b->cls == BP_TITLE) {
        if (in_story) {
            d.furniture = 0;
            d.reason = "subheading";
        } else {
            d.reason = "teaser";
        }
    }
    return d;
}

int bp_page_decide(const bp_settings *s, double min_density, bp_block *blocks, size_t n,
                   bp_decision *out)
{
    if (n == 0)
        return 0;
    page_block *pb = calloc(n, sizeof *pb);
    if (!pb)
        return -1;
    grade(s, min_density, blocks, n);
    int story = find_story(s, blocks, pb, n);

    size_t first = n, last = 0, top = 0, tail = 0, page_end = n, standfirst = n;
    if (story) {
        first = confirmed_extent(pb, n, &last);
        size_t clocks = 0;
        for (size_t i = first; i < n && clocks < MIN_LIVE_POSTS; i++)
            clocks += is_clock_line(&blocks[i]);
        top = find_top(blocks, pb, first, clocks >= MIN_LIVE_POSTS);
        /* The standfirst is the first block of the article's top under the
         * headline; the others found on the way up are the story's start. */
        for (size_t i = top; i < first; i++)
            if (pb[i].role == ROLE_STANDFIRST) {
                standfirst = i;
                break;
            }
        /* The story goes on as long as sentences do: a closing quote or a
         * last short paragraph after the last long one is still story. */
        tail = last + 1;
        for (size_t i = last + 1; i < n && !is_hard_end(blocks, n, i); i++)
            if (is_story_text(&blocks[i]) && !pb[i].list_kind)
                tail = i + 1;
        if (s->page_end)
            for (size_t i = tail; i < n; i++)
                if (blocks[i].cls == BP_RULE || is_hard_end(blocks, n, i)) {
                    page_end = i;
                    break;
                }
    }

    for (size_t i = 0; i < n; i++) {
        const bp_block *b = &blocks[i];
        bp_decision *d = &out[i];
        int in_story = story && i >= top && i < tail;
        if (b->cls == BP_RULE || b->cls == BP_EMPTY) {
            d->furniture = 1;
            d->reason = b->reason;
        } else if (story && (b->flags & BP_F_AUTHOR_BOX) &&
                   (i >= tail || (i > first && i + 1 < n && signs_off(&blocks[i + 1])))) {
            /* an author box after the story, or under a column and over the page's lists
               or its letters */
            d->furniture = 1;
            d->reason = "byline";
        } else if (i >= page_end) {
            d->furniture = 1;
            d->reason = "page-end";
        } else if (pb[i].role == ROLE_TOP_FURNITURE) {
            d->furniture = 1;
            d->reason = b->cls == BP_TITLE ? "byline" : b->reason ? b->reason : "short";
        } else if (pb[i].role) {
            d->furniture = 0;
            d->reason = pb[i].role == ROLE_HEADLINE  ? "headline"
                        : pb[i].role == ROLE_CAPTION ? "caption"
                        : (b->flags & BP_F_QUOTE)    ? "quote"
                        : i == standfirst            ? "standfirst"
                                                     : story_reason(b);
        } else if (pb[i].list_kind) {
            d->furniture = 1;
            d->reason = pb[i].list_kind == BP_KIND_SPONSOR_HEADING ? "sponsor-slot" : "teaser";
        } else if (story && i < top) {
            d->furniture = 1;
            d->reason = "page-start";
        } else if (is_story_text(b)) {
            d->furniture = 0;
            d->reason = story_reason(b);
        } else if (b->cls == BP_WEAK && (b->flags & BP_F_REPEATED) &&
                   !story_formula(blocks, n, i)) {
            /* Printed twice: no neighbour makes it story. */
            d->furniture = 1;
            d->reason = "repeat";
        } else {
            pb[i].pending = 1;
            *d = own_default(blocks, n, i, in_story);
            /* a caption between a slide counter and its credit is the story's, whatever
               furniture stands around it */
            if (!d->furniture && strcmp(d->reason, "caption") == 0)
                pb[i].pending = 0;
            /* and so is the crosshead the story resumes under past a sponsored item,
               whatever notes stand under it */
            if (pb[i].crosshead) {
                d->furniture = 0;
                d->reason = "subheading";
                pb[i].pending = 0;
            }
        }
    }

    /* Stage 6: an ambiguous block between two decided blocks that agree
     * takes their decision. */
    if (s->smoothing) {
        size_t prev = n, next = 0; /* the decided blocks around a run of pending ones */
        for (size_t i = 0; i < n; i++) {
            if (!pb[i].pending) {
                prev = i;
                continue;
            }
            /* Once per run, so that a page of a million ambiguous lines
             * stays linear. */
            if (next <= i) {
                next = i + 1;
                while (next < n && pb[next].pending)
                    next++;
            }
            if (prev == n || next == n)
                continue;
            if (out[prev].furniture == out[next].furniture) {
                out[i].furniture = out[prev].furniture;
                out[i].reason = "context";
            }
        }
    }
    /* A letters page signs each letter off with a name and a town: the last one, under
       the last letter and above the page's lists, is the story's as the others are. */
    int signed_off = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(blocks[i].flags & BP_F_SIGN_OFF))
            continue;
        if (!out[i].furniture)
            signed_off = 1;
        else if (signed_off && pb[i].pending && i > 0 && !out[i - 1].furniture &&
                 is_story_text(&blocks[i - 1])) {
            out[i].furniture = 0;
            out[i].reason = "context";
        }
    }
    free(pb);
    return 0;
}
