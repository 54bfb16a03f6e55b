/*
 * features.c -- what one block looks like on its own: counts (characters,
 * words, stop words, capitalised words), how it ends (a full stop, a cut-off
 * "...", a closing quote), and the rules that name furniture from the block
 * alone: furniture phrases, crumbs glued into one word, menus printed one
 * item per line or between separators, bylines, date lines, share lines,
 * teasers cut off with an ellipsis, labels in capitals and link-like runs of
 * capitalised words.
 *
 * It runs on every block of every document, so it allocates nothing and
 * walks each token once: the tokens of a short block are looked up in the
 * lexicon, those of a long block (a paragraph) only up to SAMPLE_TOKENS and
 * counted after that, and the bytes of the block are read twice at most
 * (characters and line breaks, and a hash for short blocks).
 */
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "classify.h"

/* Block-level decisions that do not need the rest of the page. */
static void rule(bp_block *b, bp_grade cls, bp_kind kind, const char *reason)
{
    b->cls = (uint8_t)cls;
    b->kind = (uint8_t)kind;
    b->reason = reason;
}

/* Code points in [start, end): the bytes that are not UTF-8 continuation
 * bytes (10xxxxxx), counted eight at a time.  Whether a line break is among
 * the bytes is noted in the same pass (*newline). */
static uint32_t count_chars(const char *text, uint32_t start, uint32_t end, int *newline)
{
    uint32_t n = end - start, continuation = 0, i = start;
    uint64_t breaks = 0;
#if defined(__SSE2__)
    /* 16 bytes at a time: a continuation byte is below -64 as a signed byte.
     * Each byte of the sum counts up to 255 times before it is added up. */
    const __m128i limit = _mm_set1_epi8(-64), zero = _mm_setzero_si128();
    const __m128i lf = _mm_set1_epi8('\n');
    __m128i nl = zero;
    while (i + 16 <= end) {
        __m128i sum = zero;
        for (int k = 0; k < 255 && i + 16 <= end; k++, i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
            sum = _mm_sub_epi8(sum, _mm_cmplt_epi8(v, limit));
            nl = _mm_or_si128(nl, _mm_cmpeq_epi8(v, lf));
        }
        __m128i wide = _mm_sad_epu8(sum, zero);
        continuation += (uint32_t)_mm_cvtsi128_si32(wide) +
                        (uint32_t)_mm_cvtsi128_si32(_mm_srli_si128(wide, 8));
    }
    breaks = (uint64_t)_mm_movemask_epi8(nl);
#endif
    for (; i + 8 <= end; i += 8) {
        uint64_t w;
        memcpy(&w, text + i, 8);
        uint64_t c = (w >> 7) & ~(w >> 6) & 0x0101010101010101ull;
        continuation += (uint32_t)((c * 0x0101010101010101ull) >> 56);
        uint64_t x = w ^ 0x0A0A0A0A0A0A0A0Aull; /* a zero byte where w has a line break */
        breaks |= (x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull;
    }
    for (; i < end; i++) {
        continuation += ((unsigned char)text[i] & 0xC0) == 0x80;
        breaks |= text[i] == '\n';
    }
    *newline = breaks != 0;
    return n - continuation;
}

/* The bytes 0-9 of an 8-byte word, as their high bits. */
static uint64_t digit_bytes(uint64_t x)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full, high = 0x8080808080808080ull;
    uint64_t y = x & low7;                   /* no carry between bytes below */
    uint64_t at_least_0 = y + 0x5050505050505050ull; /* high bit: byte >= '0' */
    uint64_t above_9 = y + 0x4646464646464646ull;    /* high bit: byte > '9' */
    return at_least_0 & ~above_9 & ~x & high;
}

/* Whether a token's fold holds a digit: a fold of up to 16 bytes is read as
   two 8-byte words (GALLEY_FOLD_PADDING), the bytes past its end masked off. */
static inline int has_digit(const galley_token *t)
{
    const char *s = t->fold;
    uint32_t n = t->fold_len;
    if (n <= 8) { /* most words: one load */
        uint64_t a;
        memcpy(&a, s, 8);
        a &= n == 8 ? ~0ull : (((uint64_t)1 << (8 * n)) - 1);
        return digit_bytes(a) != 0;
    }
    if (n <= 16) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + 8, 8);
        a &= n >= 8 ? ~0ull : (((uint64_t)1 << (8 * n)) - 1);
        b &= n >= 16 ? ~0ull : n <= 8 ? 0 : (((uint64_t)1 << (8 * (n - 8))) - 1);
        return (digit_bytes(a) | digit_bytes(b)) != 0;
    }
    for (uint32_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

static int is_space_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The token stands alone between spaces (or at an edge of the block). */
static int spaced(const char *text, const galley_block *block, const galley_token *t)
{
    int before = t->start == block->start || is_space_byte(text[t->start - 1]) ||
                 (t->start >= block->start + 2 && (unsigned char)text[t->start - 1] == 0xA0 &&
                  (unsigned char)text[t->start - 2] == 0xC2);
    int after = t->end == block->end || is_space_byte(text[t->end]) ||
                (t->end + 1 < block->end && (unsigned char)text[t->end] == 0xC2 &&
                 (unsigned char)text[t->end + 1] == 0xA0);
    return before && after;
}

/*
 * Menu and crumb separators: | · • › » > / and their kin.  Returns 2 for the
 * ones that point along a path (a crumb), 1 for list separators, 0 otherwise.
 */
static int separator_kind(const char *text, const galley_token *t)
{
    unsigned char c = (unsigned char)text[t->start];
    if (c < 0x80)
        return t->end - t->start != 1                ? 0
               : c == '|'                            ? 1
               : (c == '/' || c == '>' || c == '\\') ? 2
                                                     : 0;
    int32_t cp;
    if (bp_utf8_decode((const unsigned char *)text + t->start, t->end - t->start, &cp) !=
        (int)(t->end - t->start))
        return 0;
    switch (cp) {
    case '>':
    case '/':
    case '\\':
    case 0x203A:
    case 0xBB:
    case 0x2192:
    case 0x25B8:
    case 0x25B6:
    case 0x276F: return 2;
    case '|':
    case 0xB7:
    case 0x2022:
    case 0x22C5:
    case 0x2219:
    case 0x25CF:
    case 0x25AA:
    case 0xA6:
    case 0x2016:
    case 0x2027:
    case 0x2E31: return 1;
    default: return 0;
    }
}

static int is_ascii_mark(const char *text, const galley_token *t)
{
    return t->end - t->start == 1 && (unsigned char)text[t->start] < 0x80;
}

static int is_closer(const galley_token *t)
{
    if (t->kind != GALLEY_TOKEN_PUNCTUATION)
        return 0;
    if (t->flags & GALLEY_TOKEN_QUOTE_CLOSE)
        return 1;
    return t->fold_len == 1 && strchr(")]}\"'", t->fold[0]) != NULL;
}

/* "3 of 18", "3/18", "Image 3 of 18", "Photo 3 / 18": a slide counter (marks around it allowed). */
static int is_counter(const galley_token *t, size_t n)
{
    static const char *const nouns[] = {"image", "photo", "picture", "slide", "photograph",
                                        "foto", "bild", NULL};
    size_t k = 0;
    while (k < n && t[k].kind == GALLEY_TOKEN_PUNCTUATION)
        k++;
    if (k < n && t[k].kind == GALLEY_TOKEN_WORD)
        for (size_t w = 0; nouns[w]; w++)
            if (strcmp(t[k].fold, nouns[w]) == 0) {
                k++;
                break;
            }
    if (k >= n || t[k].kind != GALLEY_TOKEN_NUMBER)
        return 0;
    k++;
    if (k >= n || !((t[k].kind == GALLEY_TOKEN_WORD &&
                     (strcmp(t[k].fold, "of") == 0 || strcmp(t[k].fold, "de") == 0 ||
                      strcmp(t[k].fold, "von") == 0 || strcmp(t[k].fold, "di") == 0)) ||
                    (t[k].kind == GALLEY_TOKEN_PUNCTUATION && strcmp(t[k].fold, "/") == 0)))
        return 0;
    k++;
    if (k >= n || t[k].kind != GALLEY_TOKEN_NUMBER)
        return 0;
    for (k++; k < n; k++)
        if (t[k].kind != GALLEY_TOKEN_PUNCTUATION)
            return 0;
    return 1;
}

static int is_ellipsis(const galley_token *t)
{
    if (t->kind != GALLEY_TOKEN_PUNCTUATION || t->fold_len < 3)
        return 0;
    for (uint32_t i = 0; i < t->fold_len; i++)
        if (t->fold[i] != '.')
            return 0;
    return 1;
}

/* A currency sign: $ £ ¥ € and the Currency Symbols block (₺ ₹ ₦ ₩ ₽ ₴ ₱ ₫ ₪), ฿. */
static int is_currency(const char *text, const galley_token *t)
{
    int32_t cp;
    if (t->kind != GALLEY_TOKEN_SYMBOL ||
        bp_utf8_decode((const unsigned char *)text + t->start, t->end - t->start, &cp) == 0)
        return 0;
    return cp == '$' || cp == 0xA3 || cp == 0xA5 || cp == 0x0E3F || (cp >= 0x20A0 && cp <= 0x20CF);
}

/* A price: a currency sign next to a number ("about ₺1,400", "€1.50", "1.50€"). */
/* Whether a block is headed by when it was posted, as comments are: "6 days ago" ending the
   block (of a few words), or ending its first line, within its first ten words. */
static int posted_ago(const char *text, const galley_token *t, size_t n, int terminal,
                      uint32_t words, uint32_t lines)
{
    size_t seen = 0;
    for (size_t k = 2; k < n && seen < 10; k++) {
        seen += t[k].kind == GALLEY_TOKEN_WORD;
        if (t[k].kind != GALLEY_TOKEN_WORD || t[k].fold_len != 3 ||
            memcmp(t[k].fold, "ago", 3) != 0 || t[k - 1].kind != GALLEY_TOKEN_WORD ||
            t[k - 2].kind != GALLEY_TOKEN_NUMBER)
            continue;
        const char *unit = t[k - 1].fold;
        if (!(strncmp(unit, "minute", 6) == 0 || strncmp(unit, "hour", 4) == 0 ||
              strncmp(unit, "day", 3) == 0 || strncmp(unit, "week", 4) == 0 ||
              strncmp(unit, "month", 5) == 0 || strncmp(unit, "year", 4) == 0 ||
              strcmp(unit, "min") == 0 || strcmp(unit, "mins") == 0 || strcmp(unit, "hrs") == 0))
            return 0;
        if (k + 1 == n)
            return !terminal && words <= 8;
        /* the end of the first line: a line break before the next token */
        if (lines < 2)
            return 0;
        for (uint32_t c = t[k].end; c < t[k + 1].start; c++)
            if (text[c] == '\n')
                return 1;
        return 0;
    }
    return 0;
}

static int has_price(const char *text, const galley_token *t, size_t n)
{
    for (size_t k = 0; k + 1 < n; k++)
        if ((is_currency(text, &t[k]) && t[k + 1].kind == GALLEY_TOKEN_NUMBER) ||
            (t[k].kind == GALLEY_TOKEN_NUMBER && is_currency(text, &t[k + 1])))
            return 1;
    return 0;
}

static int is_terminal(const char *text, const galley_token *t)
{
    if (t->kind != GALLEY_TOKEN_PUNCTUATION)
        return 0;
    unsigned char c = (unsigned char)t->fold[0];
    if (c == '.' || c == '!' || c == '?')
        return 1;
    if (c < 0x80)
        return 0;
    int32_t cp;
    if (bp_utf8_decode((const unsigned char *)text + t->start, t->end - t->start, &cp) == 0)
        return 0;
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0x203C || cp == 0x2049;
}

/*
 * "... spread across the hillside. Photograph: Bohdana Yatsyshyn/Reuters": a
 * caption whose credit the page printed on the same line, after its last
 * full stop (at most twelve tokens of credit), or in brackets after it.
 */
static int glued_credit(const char *text, const galley_token *t, size_t n)
{
    static const char *const nouns[] = {"photograph", "photographs", "photo", "photos",
                                        "picture", "pictures", "image", "images", "credit",
                                        "foto", "fotos", "video", "illustration", NULL};
    for (size_t p = n; p-- > 1 && n - p <= 12;) {
        if (!is_terminal(text, &t[p - 1]))
            continue;
        /* (or in brackets: "... in Teorama. (Photo: Name / Agency)") */
        size_t q = p;
        if (t[q].kind == GALLEY_TOKEN_PUNCTUATION &&
            (strcmp(t[q].fold, "(") == 0 || strcmp(t[q].fold, "[") == 0))
            q++;
        if (q >= n || t[q].kind != GALLEY_TOKEN_WORD || q + 1 >= n ||
            t[q + 1].kind != GALLEY_TOKEN_PUNCTUATION || strcmp(t[q + 1].fold, ":") != 0)
            return 0;
        for (size_t w = 0; nouns[w]; w++)
            if (strcmp(t[q].fold, nouns[w]) == 0)
                return 1;
        return 0;
    }
    return 0;
}

/*
 * A crumb glued into one word by a page that dropped the spaces between
 * links: "HomeNewsWorld", "HomeHealthSleepFitness".  Brand names also have a
 * capital inside (YouTube, LinkedIn, GlaxoSmithKline), so a glued word counts
 * as a crumb only when one of its parts is a site-section word (home, news)
 * or it has four parts or more.
 */
static int glued_crumb(const bp_lexicon *lx, const char *text, const galley_token *t)
{
    const unsigned char *s = (const unsigned char *)text;
    /* The common case, an ASCII word with no capital after a small letter,
     * is answered without decoding. */
    int ascii = 1, inner = 0;
    for (uint32_t i = t->start; i < t->end; i++) {
        if (s[i] >= 0x80) {
            ascii = 0;
            break;
        }
        if (i > t->start && s[i] >= 'A' && s[i] <= 'Z' && s[i - 1] >= 'a' && s[i - 1] <= 'z')
            inner = 1;
    }
    if (ascii && !inner)
        return 0;
    uint32_t bounds[16];
    int parts = 0, prev_lower = 0;
    bounds[parts++] = t->start;
    for (uint32_t i = t->start; i < t->end;) {
        int32_t cp;
        int w = bp_utf8_decode(s + i, t->end - i, &cp);
        if (w == 0)
            return 0;
        int upper = bp_is_upper(cp);
        if (upper && prev_lower) {
            if (parts == 15)
                break;
            bounds[parts++] = i;
        }
        prev_lower = bp_is_lower(cp);
        i += (uint32_t)w;
    }
    if (parts < 2)
        return 0;
    if (parts >= 4)
        return 1;
    bounds[parts] = t->end;
    for (int p = 0; p < parts; p++) {
        char folded[128];
        long n = bp_fold(text + bounds[p], bounds[p + 1] - bounds[p], folded, sizeof folded);
        if (n > 0 &&
            (bp_lexicon_classes(lx, bp_lexicon_lookup(lx, folded, (size_t)n)) & BP_CLASS_MENU))
            return 1;
    }
    return 0;
}

/*
 * A block of more than this many tokens is looked at through its first
 * SAMPLE_TOKENS only: its stop-word density is measured there and phrases
 * are looked for there.  Menus, crumbs, bylines, date and share lines are
 * all shorter; a long block that starts like a row of separated items is
 * read in full after all.
 */
#define SAMPLE_TOKENS 32

/* Words that make the number before them a time: "3 min ago", "9 pm", "16 h". */
static int is_time_word(const char *w)
{
    static const char *const words[] = {"ago", "m",   "d",   "s",   "min", "mins", "minutes",
                                        "h",   "hr",  "hrs", "hours", "am", "pm", "a.m", "p.m",
                                        "gmt", "utc", "bst", "cet", "cest", "est", "edt", "pst",
                                        "ist", "jst", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strcmp(w, words[i]) == 0)
            return 1;
    return 0;
}

/* Whether token k of n opens a time of day: a number, a glued ":", a glued number
   ("23:10"). */
static int clock_at(const galley_token *t, size_t k, size_t n)
{
    return k + 2 < n && t[k].kind == GALLEY_TOKEN_NUMBER && t[k + 1].start == t[k].end &&
           strcmp(t[k + 1].fold, ":") == 0 && t[k + 2].kind == GALLEY_TOKEN_NUMBER &&
           t[k + 2].start == t[k + 1].end;
}

/* Whether the tokens hold a time of day. */
static int has_clock(const galley_token *t, size_t n)
{
    for (size_t k = 0; k + 2 < n; k++)
        if (clock_at(t, k, n))
            return 1;
    return 0;
}

/* Whether a block of `lines` lines is a table: every line holds the same number (one or
 * more) of " | " cell separators, and all lines but the header hold a digit. */
static int is_table(const char *text, const galley_block *block, uint32_t lines)
{
    uint32_t bars = 0, row_bars = 0, digits = 0, rows = 0;
    int digit = 0, first = 1;
    for (size_t i = block->start; i <= block->end; i++) {
        char c = i < block->end ? text[i] : '\n';
        if (c == '\n') {
            if (first)
                row_bars = bars;
            else if (bars != row_bars)
                return 0;
            digits += digit;
            rows++;
            first = 0;
            bars = 0;
            digit = 0;
        } else if (c == '|') {
            bars++;
        } else if (c >= '0' && c <= '9') {
            digit = 1;
        }
    }
    return rows == lines && row_bars >= 1 && digits + 1 >= rows;
}

/* What one pass over tokens counts. */
typedef struct scan {
    uint32_t all_words, numbers, capitalised, all_caps, symbols; /* every token of the pass */
    uint32_t months, dates, social, roles, words, stops;
    uint32_t born, died; /* the two ends of an obituary's life span */
    uint32_t seps, path_seps, seg_words, max_seg_words, segments;
    uint32_t lines, line_words, max_line_words, terminals;
    uint32_t timed_lines; /* lines that open with a time or a number ("3m ago", "16:48") */
    uint32_t clock_lines; /* lines that open with a time of day ("16:48", "9:30 p.m.") */
    int line_start;       /* no word or number of the current line seen yet */
} scan;

static void scan_tokens(scan *out, const char *text, const galley_block *block,
                        const galley_token *t, size_t n, const uint32_t *classes, size_t from,
                        size_t to, int multiline)
{
    /* Counted in a local copy: stores through out could alias the token
     * and class arrays, and the compiler would reload them every time. */
    scan counts = *out, *sc = &counts;
    for (size_t k = from; k < to; k++) {
        const galley_token *tk = &t[k];
        uint32_t cl = classes[k];
        if (multiline && k > 0 && memchr(text + t[k - 1].end, '\n', tk->start - t[k - 1].end)) {
            sc->lines++;
            if (sc->line_words > sc->max_line_words)
                sc->max_line_words = sc->line_words;
            sc->line_words = 0;
            sc->line_start = 1;
        }
        if (tk->kind == GALLEY_TOKEN_WORD || tk->kind == GALLEY_TOKEN_NUMBER) {
            if (sc->line_start) {
                /* a time ("16:48", "9.30", "3 min ago") or a word with a digit ("3m ago"),
                   not a quantity ("2 tablespoons"): an ingredient list is no key-events box */
                const galley_token *next = k + 1 < n ? &t[k + 1] : NULL;
                int number = tk->kind == GALLEY_TOKEN_NUMBER;
                int glued_mark = number && next && next->start == tk->end;
                int colon = glued_mark && strcmp(next->fold, ":") == 0;
                sc->timed_lines += colon || (glued_mark && strcmp(next->fold, ".") == 0) ||
                                   (number && next && next->kind == GALLEY_TOKEN_WORD &&
                                    is_time_word(next->fold)) ||
                                   (tk->kind == GALLEY_TOKEN_WORD &&
                                    has_digit(tk));
                sc->clock_lines += clock_at(t, k, n);
            }
            sc->line_start = 0;
            sc->seg_words++;
            sc->line_words++;
            if (tk->kind == GALLEY_TOKEN_NUMBER) {
                sc->numbers++;
                continue;
            }
            sc->all_words++;
            sc->capitalised += (tk->flags & GALLEY_TOKEN_CAPITALISED) != 0;
            sc->all_caps += (tk->flags & GALLEY_TOKEN_ALL_CAPS) != 0;
            sc->words++;
            sc->stops += cl & BP_CLASS_STOP;
            if (cl & (BP_CLASS_MONTH | BP_CLASS_DATE | BP_CLASS_SOCIAL | BP_CLASS_ROLE |
                      BP_CLASS_BORN | BP_CLASS_DIED)) {
                sc->born += (cl & BP_CLASS_BORN) != 0;
                sc->died += (cl & BP_CLASS_DIED) != 0;
                sc->months += (cl & BP_CLASS_MONTH) != 0;
                sc->dates += (cl & BP_CLASS_DATE) != 0;
                sc->social += (cl & BP_CLASS_SOCIAL) != 0;
                sc->roles += (cl & BP_CLASS_ROLE) != 0;
            }
            continue;
        }
        sc->symbols += tk->kind == GALLEY_TOKEN_SYMBOL;
        /* Most marks (, " ' : ( ) -) are neither a full stop nor a separator.
         * (The text, not the fold: the core folds › and » to ".) */
        unsigned char c = (unsigned char)text[tk->start];
        if (c < 0x80 && c != '.' && c != '!' && c != '?' && c != '|' && c != '/' && c != '>' &&
            c != '\\')
            continue;
        /* Nor are the curly quotes and the dashes of news copy (“ ” ‘ ’ – —,
         * U+2013-2014 and U+2018-201D bar the low quotes ‚ „ and ‛ ‟). */
        if (c == 0xE2 && tk->end - tk->start == 3 && (unsigned char)text[tk->start + 1] == 0x80) {
            unsigned char d = (unsigned char)text[tk->start + 2];
            if (d == 0x93 || d == 0x94 || d == 0x98 || d == 0x99 || d == 0x9C || d == 0x9D)
                continue;
        }
        if (is_terminal(text, tk) && !is_ellipsis(tk) && k + 1 < n)
            sc->terminals++;
        int sk = separator_kind(text, tk);
        /* / and > also sit inside words and numbers (24/7, and/or); the
         * other separators mean a separator wherever they stand. */
        if (sk && (spaced(text, block, tk) || !is_ascii_mark(text, tk))) {
            sc->seps++;
            sc->path_seps += sk == 2;
            if (sc->seg_words) {
                sc->segments++;
                if (sc->seg_words > sc->max_seg_words)
                    sc->max_seg_words = sc->seg_words;
            }
            sc->seg_words = 0;
        }
    }
    *out = counts;
}

/* "Margaret Thewlis, Cottingham": two to four words, one comma after the second or
   third, one or two words after it, every word capitalised, nothing else. */
static int sign_off(const char *text, const galley_token *t, size_t n, const bp_block *b)
{
    if (b->words < 3 || b->words > 6 || b->capitalised != b->words || b->numbers)
        return 0;
    size_t comma = n, words_before = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].kind == GALLEY_TOKEN_WORD) {
            words_before += comma == n;
            continue;
        }
        if (t[i].end - t[i].start != 1 || text[t[i].start] != ',' || comma != n)
            return 0; /* any other mark, or a second comma */
        comma = i;
    }
    size_t after = b->words - words_before;
    return comma != n && words_before >= 2 && words_before <= 4 && after >= 1 && after <= 2;
}

/* Fills b; *lines_out says whether the block has a line break. */
static void block_features(const bp_lexicon *lx, const bp_settings *settings, const char *text,
                           const galley_block *block, const galley_token *tokens, uint32_t *scratch,
                           bp_block *b, int *lines_out)
{
    uint32_t index = b->index;
    memset(b, 0, sizeof *b);
    b->index = index;
    int multiline;
    b->chars = count_chars(text, block->start, block->end, &multiline);
    *lines_out = multiline;
    size_t n = block->token_count;
    const galley_token *t = tokens + block->first_token;
    if (n == 0) {
        rule(b, BP_EMPTY, BP_KIND_NONE, "empty");
        return;
    }
    /* Most blocks are one line: line breaks between tokens matter only
     * when the block has one, and then the block is read in full. */
    size_t looked = multiline || n <= SAMPLE_TOKENS ? n : SAMPLE_TOKENS;
    /* Teaser titles and menus printed twice are short; a long paragraph
     * printed twice is left to the other rules (hash 0 is never compared). */
    if (looked == n) {
        b->hash = bp_hash_bytes(text + block->start, block->end - block->start);
        b->hash += b->hash == 0;
    }
    uint32_t *ids = scratch, *classes = scratch + n;
    bp_lexicon_tokens(lx, t, looked, ids, classes);
    scan sc;
    memset(&sc, 0, sizeof sc);
    sc.lines = 1;
    sc.line_start = 1;
    scan_tokens(&sc, text, block, t, n, classes, 0, looked, multiline);
    if (looked < n && sc.seps >= 3 && sc.terminals == 0) {
        bp_lexicon_tokens(lx, t + looked, n - looked, ids + looked, classes + looked);
        scan_tokens(&sc, text, block, t, n, classes, looked, n, multiline);
        looked = n;
        b->hash = bp_hash_bytes(text + block->start, block->end - block->start);
        b->hash += b->hash == 0;
    }
    int full = looked == n;
    /* The rest of a long block is only counted. */
    uint32_t words = sc.all_words, numbers = sc.numbers, capitalised = sc.capitalised;
    uint32_t all_caps = sc.all_caps, symbols = sc.symbols;
    if (looked < n) {
        /* Tokens by kind (1-4; the mask keeps any other value in the table). */
        uint32_t kinds[8] = {0};
        for (size_t k = looked; k < n; k++) {
            kinds[t[k].kind & 7]++;
            capitalised += t[k].flags & GALLEY_TOKEN_CAPITALISED;
        }
        words += kinds[GALLEY_TOKEN_WORD];
        numbers += kinds[GALLEY_TOKEN_NUMBER];
        symbols += kinds[GALLEY_TOKEN_SYMBOL];
    }
    b->words = words;
    b->numbers = numbers;
    b->capitalised = capitalised;
    /* The sample's density, carried over to the whole block. */
    b->stops = full || sc.words == 0
                   ? sc.stops
                   : (uint32_t)(((uint64_t)sc.stops * b->words + sc.words / 2) / sc.words);
    if (sc.seg_words) {
        sc.segments++;
        if (sc.seg_words > sc.max_seg_words)
            sc.max_seg_words = sc.seg_words;
    }
    if (sc.line_words > sc.max_line_words)
        sc.max_line_words = sc.line_words;
    uint32_t months = sc.months, dates = sc.dates, social = sc.social, roles = sc.roles;
    uint32_t seps = sc.seps, path_seps = sc.path_seps, max_seg_words = sc.max_seg_words;
    uint32_t segments = sc.segments, lines = sc.lines, max_line_words = sc.max_line_words;
    uint32_t terminals = sc.terminals;

    /* How the block ends. */
    const galley_token *last = &t[n - 1];
    if (is_ellipsis(last))
        b->flags |= BP_F_TRUNCATED;
    size_t e = n;
    while (e > 0 && is_closer(&t[e - 1]))
        e--;
    /* A caption with its credit glued on ends a sentence before the credit; so does an
       obituary's life span without its full stop ("Viktoriia Moroz, paramedic; born 8 March
       1997; died 19 November 2026"), the story's last line or the first under the byline. */
    int life_span = sc.born >= 1 && sc.died >= 1 && b->numbers >= 2 && b->words <= 40;
    if ((e > 0 && is_terminal(text, &t[e - 1])) || glued_credit(text, t, n) || life_span)
        b->flags |= BP_F_TERMINAL;
    if (e > 0 && t[e - 1].kind == GALLEY_TOKEN_PUNCTUATION && t[e - 1].fold[0] == '?')
        b->flags |= BP_F_QUESTION;
    if ((t[0].flags & GALLEY_TOKEN_QUOTE_OPEN) && (last->flags & GALLEY_TOKEN_QUOTE_CLOSE))
        b->flags |= BP_F_QUOTE;
    /* "5. Mırra Kahvaltı, Kadıköy": a numbered item's heading; or a line with a price */
    if (b->words <= 12 && n >= 3 && t[0].kind == GALLEY_TOKEN_NUMBER && t[0].fold_len <= 2 &&
        t[1].kind == GALLEY_TOKEN_PUNCTUATION && (t[1].fold[0] == '.' || t[1].fold[0] == ')') &&
        t[1].fold_len == 1 && t[2].kind == GALLEY_TOKEN_WORD && !(b->flags & BP_F_TERMINAL))
        b->flags |= BP_F_LISTING | BP_F_NUMBERED;
    else if (b->words <= 30 && symbols && b->numbers && has_price(text, t, n))
        b->flags |= BP_F_LISTING;
    /* A short row set with separators or symbols (a tool bar with icons, a quote line, a
       scoreline) is page furniture where a headline would be. */
    if (n <= 64 && (sc.seps >= 1 || symbols >= 2))
        b->flags |= BP_F_SEPARATED;
    int terminal = (b->flags & BP_F_TERMINAL) != 0;
    if (lines >= 3)
        b->flags |= BP_F_LINES;

    if (b->words == 0) {
        rule(b, BP_EMPTY, BP_KIND_NONE, b->numbers ? "numbers" : "no-words");
        return;
    }
    /* An author box: a name, then a newsroom job, in a sentence or two.
     * Story text says the same of its sources, so the page stage only
     * believes it after the story's last paragraph. */
    if (roles && b->words <= 40 && !(b->flags & BP_F_QUOTE) && n >= 2 &&
        t[0].kind == GALLEY_TOKEN_WORD && (t[0].flags & GALLEY_TOKEN_CAPITALISED) &&
        t[1].kind == GALLEY_TOKEN_WORD && (t[1].flags & GALLEY_TOKEN_CAPITALISED))
        b->flags |= BP_F_AUTHOR_BOX;

    /* "9 COMMENTS", "12 replies": the count over a page's comments opens their list (under
       the byline it is a link to them, and the page stage leaves it there) */
    if (n == 2 && t[0].kind == GALLEY_TOKEN_NUMBER && t[1].kind == GALLEY_TOKEN_WORD &&
        (strcmp(t[1].fold, "comments") == 0 || strcmp(t[1].fold, "comment") == 0 ||
         strcmp(t[1].fold, "replies") == 0 || strcmp(t[1].fold, "responses") == 0)) {
        rule(b, BP_RULE, BP_KIND_COMMENT_PROMPT, bp_kind_reason(BP_KIND_COMMENT_PROMPT));
        b->flags |= BP_F_OPENS_LIST;
        return;
    }

    bp_match m;
    if (bp_lexicon_match(lx, ids, classes, t, looked, b->words, terminal,
                         settings->max_phrase_words, &m)) {
        rule(b, BP_RULE, m.kind, bp_kind_reason(m.kind));
        /* A heading on its own line opens a list; "Read more: <title>" is a
         * single link and opens nothing. */
        if ((m.kind == BP_KIND_LIST_HEADING || m.kind == BP_KIND_SPONSOR_HEADING) &&
            b->words <= BP_LIST_HEADING_WORDS)
            b->flags |= BP_F_OPENS_LIST;
        return;
    }

    /* The first word, past any decoration. */
    size_t first = 0;
    while (first < n && t[first].kind != GALLEY_TOKEN_WORD)
        first++;
    if (first < n && glued_crumb(lx, text, &t[first])) {
        rule(b, BP_RULE, BP_KIND_CRUMB, "crumb");
        return;
    }
    if (!full) {
        /* A paragraph: only a cut-off end is left to make it furniture. */
        if (b->flags & BP_F_TRUNCATED)
            rule(b, BP_RULE, BP_KIND_NONE, "teaser");
        else
            b->cls = BP_SHORT; /* undecided */
        return;
    }

    /* A list of posts, one a line, each opening with its time: the "Key events" box
     * of a live page ("3m ago Dutch minister announces ...", "16:48 Kremlin says ..."). */
    if (lines >= 2 && sc.timed_lines == lines && !terminal) {
        rule(b, BP_RULE, BP_KIND_NAV, "nav");
        return;
    }
    /* The same box under a heading of its own and above a line of its own ("LIVE
     * UPDATES", "Refresh this page for the latest"): most of its lines open with a
     * time of day. */
    if (lines >= 4 && sc.clock_lines >= 3 && 2 * sc.clock_lines > lines) {
        rule(b, BP_RULE, BP_KIND_NAV, "nav");
        return;
    }

    /* A table printed a row a line ("Party | Share | Seats", then "SPD | 30.9% | 32"):
     * every row has as many cells, and figures fill them.  A results table belongs to
     * the story; left undecided, it parts no paragraphs. */
    if (lines >= 3 && seps >= 2 * lines && b->numbers >= lines && !terminal &&
        is_table(text, block, lines)) {
        b->flags |= BP_F_TABLE;
        b->cls = BP_SHORT;
        return;
    }

    /* A menu printed one short item per line, as one block. */
    if (lines >= 3 && max_line_words <= 3 && !terminal && terminals == 0) {
        rule(b, BP_RULE, BP_KIND_MENU, "menu");
        return;
    }

    uint32_t items = b->words + b->numbers;
    /* A word with a digit in it is a time or a date: 06h00, 3pm, 21st.
     * Only very short blocks or rows of separated items can be date lines,
     * so only they are asked. */
    if (items <= 16 || (seps && items <= 40))
        for (size_t k = 0; k < n; k++)
            if (t[k].kind == GALLEY_TOKEN_WORD && has_digit(&t[k]))
                dates++;
    /* Share and follow lines: social networks named in a short line, or one named
       with a share or follow word among the first three ("f Share ✉ Email"). */
    int follow = 0;
    for (size_t k = first, w = 0; k < n && w < 3; k++)
        if (t[k].kind == GALLEY_TOKEN_WORD) {
            follow |= (bp_lexicon_classes(lx, ids[k]) & BP_CLASS_FOLLOW) != 0;
            w++;
        }
    if (!terminal && b->words <= 15 &&
        ((social >= 2 && social * 2 >= b->words) ||
         (social >= 1 && b->words <= 12 && follow))) {
        rule(b, BP_RULE, BP_KIND_SHARE, "share");
        return;
    }
    /* A comment's header: a name or a handle and when it was posted, "Mariko Sato · 6 days
       ago", alone or as the first line of the comment it heads. */
    if (b->numbers && posted_ago(text, t, n, terminal, b->words, lines)) {
        rule(b, BP_RULE, BP_KIND_DATE_LINE, bp_kind_reason(BP_KIND_DATE_LINE));
        return;
    }
    /* A bar of counters with a share word anywhere in it, the way portals print them under a
       headline: "💬 128 komentarzy · ↗ Udostępnij 1,4 tys.", "👍 2,318 💬 コメント 412件 🔗 シェア". */
    if (!terminal && b->words <= 10 && b->numbers >= 1 && symbols >= 2) {
        int share_word = 0;
        for (size_t k = first; k < n && !share_word; k++)
            share_word = t[k].kind == GALLEY_TOKEN_WORD &&
                         (bp_lexicon_classes(lx, ids[k]) & BP_CLASS_FOLLOW) != 0;
        if (share_word) {
            rule(b, BP_RULE, BP_KIND_SHARE, "share");
            return;
        }
    }

    /* "By Marta Siryk, Kharkiv": a byline word, then a capitalised name; a longer line
       when every word is a name or a stop word ("By Khalid Osman in El Obeid and Amina
       Wekesa in Nairobi | Continental Press Agency"). */
    if (!terminal &&
        (b->words <= 12 || (b->words <= 20 && b->capitalised + b->stops >= b->words)) &&
        (bp_lexicon_classes(lx, ids[first]) & BP_CLASS_BYLINE)) {
        size_t next = first + 1;
        while (next < n && t[next].kind != GALLEY_TOKEN_WORD && next < first + 3)
            next++;
        /* "By our Moscow correspondent", "By a Justice Wire correspondent in Bangui": an
           article before the name of a newsroom job. */
        if (next < n && t[next].kind == GALLEY_TOKEN_WORD &&
            (((t[next].flags & GALLEY_TOKEN_CAPITALISED) &&
              !(bp_lexicon_classes(lx, ids[next]) & (BP_CLASS_MONTH | BP_CLASS_DATE))) ||
             (roles >= 1 && b->words <= 12 &&
              (bp_lexicon_classes(lx, ids[next]) & BP_CLASS_STOP)))) {
            rule(b, BP_RULE, BP_KIND_BYLINE, "byline");
            return;
        }
    }

    /* The signature of an embedded social post: "— Julien Marchetti (@jmarchetti) 5 March
       2026", a name and a handle in brackets on a short line (which may end with a time:
       "February 12, 11:42 a.m."). */
    if (b->words <= 12)
        for (size_t k = 1; k + 1 < n; k++)
            if (strcmp(t[k].fold, "@") == 0 && strcmp(t[k - 1].fold, "(") == 0 &&
                t[k + 1].kind == GALLEY_TOKEN_WORD && t[k + 1].start == t[k].end) {
                rule(b, BP_RULE, BP_KIND_CREDIT, "credit");
                return;
            }

    /* A slide counter: "3 of 18", "Image 3 of 18", "3/18".  It stands between
     * two captions of a gallery as a credit does, so it is navigation. */
    if (!terminal && is_counter(t, n)) {
        rule(b, BP_RULE, BP_KIND_NAV, "nav");
        return;
    }

    /* Dates, times and reading times: "Published 14 March · 07:55", "Publié
     * le 12 février à 06h00".  Stop words (le, à, on) count for neither side. */
    uint32_t dated = b->numbers + months + dates, counted = items - b->stops;
    if (items <= 16 && dated > 0 && dated * 10 >= counted * 6 && !life_span) {
        rule(b, BP_RULE, BP_KIND_DATE_LINE, "date-line");
        if (has_clock(t, n))
            b->flags |= BP_F_CLOCK;
        return;
    }

    /* Names and a date between separators: "Mariia Stepanenko and Ivan Rudyk · 14 October
     * 2024", "Jess Whitcombe, Senior Beauty Writer · Updated 12 November 2025".  Every word
     * is capitalised or a stop word, so no sentence. */
    if (!terminal && seps >= 1 && items <= 16 && months >= 1 && b->numbers >= 1 &&
        b->capitalised + b->stops >= b->words && b->words - months >= 2) {
        rule(b, BP_RULE, BP_KIND_BYLINE, "byline");
        return;
    }

    /* Credits between separators: "Fergus Hallam · Wine columnist", "Interview: Jonas
     * Weidemann · Photos: Mariia Kozak" -- names, and a newsroom role or a label with a
     * colon, where a menu has neither (and a crumb's separators point along a path:
     * "Style › Fashion › Runway reports"). */
    if (seps >= 1 && segments >= 2 && terminals == 0 && !terminal && items <= 16 &&
        path_seps < seps && b->capitalised + b->stops + roles >= b->words) {
        uint32_t labels = 0;
        for (size_t k = 0; k + 2 < n; k++)
            labels += t[k].kind == GALLEY_TOKEN_WORD && t[k + 1].kind == GALLEY_TOKEN_PUNCTUATION &&
                      strcmp(t[k + 1].fold, ":") == 0 && t[k + 2].kind == GALLEY_TOKEN_WORD &&
                      (t[k + 2].flags & GALLEY_TOKEN_CAPITALISED);
        if (roles >= 1 || labels >= 1) {
            rule(b, BP_RULE, BP_KIND_BYLINE, "byline");
            return;
        }
    }

    /* Short items between separators: "News › Ukraine › Kharkiv", "About | Contact".  A
     * price among them makes them a listing's practical line ("Moda Caddesi, Kadıköy · about
     * ₺2,600 · walk-ins only"), which belongs to its item, not a menu. */
    if (seps >= 1 && segments >= 2 && terminals == 0 && !terminal && items <= 40 &&
        max_seg_words <= (segments == 2 ? 3u : 4u) &&
        !(symbols && b->numbers && has_price(text, t, n))) {
        /* "Reviews | 30 June 2024 | Music team": a date among the items makes
         * it the article's date line, not the site's menu. */
        if (months >= 1 || (b->numbers >= 1 && dates >= 1)) {
            rule(b, BP_RULE, BP_KIND_DATE_LINE, "date-line");
            if (has_clock(t, n))
                b->flags |= BP_F_CLOCK;
        } else if (path_seps == seps)
            rule(b, BP_RULE, BP_KIND_CRUMB, "crumb");
        else
            rule(b, BP_RULE, BP_KIND_MENU, "menu");
        return;
    }

    /* A teaser's lead or title cut off by the page: "...pours amphora-aged…". */
    if (b->flags & BP_F_TRUNCATED) {
        rule(b, BP_RULE, BP_KIND_NONE, "teaser");
        return;
    }

    if (!terminal && b->words <= 6 && all_caps == b->words) {
        rule(b, BP_WEAK, BP_KIND_NONE, "all-caps");
        return;
    }

    /* A run of capitalised words with no stop word: names of links or people. */
    if (!terminal && b->words >= 2 && b->words <= 20 && b->stops == 0 && b->numbers <= 1 &&
        (double)b->capitalised >= settings->max_link_density * (double)b->words) {
        rule(b, BP_WEAK, BP_KIND_NONE, "short-link-like");
        if (sign_off(text, t, n, b))
            b->flags |= BP_F_SIGN_OFF;
        return;
    }
    b->cls = BP_SHORT; /* undecided: the page stage sets SHORT, TITLE, NEAR or GOOD */
}

int bp_same_text(const char *text, const galley_block *a, const galley_block *b)
{
    return a->end - a->start == b->end - b->start &&
           memcmp(text + a->start, text + b->start, a->end - a->start) == 0;
}

/*
 * A block whose lines are each furniture of a named kind is furniture as a
 * whole: a byline with the date line under it ("By Jenna Kowalczyk |
 * jk@courier.com" / "Published 9:12 p.m. | Updated 11:48 p.m."), which
 * together are too long for either rule.  Only short blocks of up to four
 * lines that no rule named are read line by line.
 */
#define MAX_FURNITURE_LINES 4
#define MAX_FURNITURE_LINE_TOKENS 64

void bp_block_features(const bp_lexicon *lx, const bp_settings *settings, const char *text,
                       const galley_block *block, const galley_token *tokens, uint32_t *scratch,
                       bp_block *b)
{
    int multiline, one_line;
    block_features(lx, settings, text, block, tokens, scratch, b, &multiline);
    if (b->cls != BP_SHORT || b->reason || (b->flags & BP_F_TABLE) ||
        block->token_count > MAX_FURNITURE_LINE_TOKENS || !multiline)
        return;
    size_t k = block->first_token, past = k + block->token_count;
    int lines = 0;
    bp_block first;
    memset(&first, 0, sizeof first);
    while (k < past) {
        size_t e = k + 1;
        while (e < past &&
               !memchr(text + tokens[e - 1].end, '\n', tokens[e].start - tokens[e - 1].end))
            e++;
        galley_block line = *block;
        line.first_token = (uint32_t)k;
        line.token_count = (uint32_t)(e - k);
        line.start = tokens[k].start;
        line.end = tokens[e - 1].end;
        bp_block one;
        one.index = b->index;
        /* the scratch has room for twice the block's tokens, so for any of its lines */
        block_features(lx, settings, text, &line, tokens, scratch, &one, &one_line);
        if (one.cls != BP_RULE || one.kind == BP_KIND_NONE || ++lines > MAX_FURNITURE_LINES)
            return;
        if (lines == 1)
            first = one;
        k = e;
    }
    if (lines >= 2)
        rule(b, BP_RULE, (bp_kind)first.kind, first.reason);
}
