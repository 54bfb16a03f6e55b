/*
 * fold.c -- UTF-8, case folding and tokenising for the boilerplate plugin's
 * data files, so that a phrase written in a data file compares equal to the
 * core's case-folded tokens of the same words in a document.
 *
 * Documents are tokenised and folded by the core (with utf8proc); plugins
 * may not re-tokenise them.  The data files are not documents, and a plugin
 * links no Unicode library, so this file folds the scripts the data files
 * are written in (Latin, Greek, Cyrillic, Vietnamese) with small tables, and
 * splits phrases the way the core splits text.  Nothing here runs per token
 * of a document except bp_utf8_decode, bp_is_upper and bp_is_lower, which
 * the crumb rule calls on a block's first word.
 */
#include "fold.h"

#include <string.h>

int bp_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    int len;
    int32_t v;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        v = (int32_t)(c & 0x1F);
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        v = (int32_t)(c & 0x0F);
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        v = (int32_t)(c & 0x07);
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (int32_t)(s[i] & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are not text. */
    if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
        (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
        return 0;
    *cp = v;
    return len;
}

static size_t utf8_encode(int32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/*
 * Lower case of one code point for the scripts the data files are written
 * in.  The core folds documents with full Unicode case folding; the data
 * files only need these blocks, and a phrase in another script can simply be
 * written in lower case.
 */
static int32_t lower_cp(int32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp < 0xC0)
        return cp;
    if (cp <= 0xDE && cp != 0xD7)
        return cp + 32; /* Latin-1: À..Þ */
    if (cp >= 0x100 && cp <= 0x17F) {
        /* Latin Extended-A pairs upper/lower as even/odd, except two runs
         * (Ĺ..ň and Ź..ž) where the upper case letter is the odd one. */
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
            return (cp & 1) ? cp + 1 : cp;
        if (cp == 0x178) /* Ÿ */
            return 0xFF;
        if (cp == 0x130 || cp == 0x138 || cp == 0x149 || cp == 0x17F)
            return cp;
        return (cp & 1) ? cp : cp + 1;
    }
    if (cp == 0x1A0 || cp == 0x1AF) /* Ơ Ư (Vietnamese) */
        return cp + 1;
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
        return cp + 32; /* Greek */
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80; /* Cyrillic Ѐ..Џ */
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32; /* Cyrillic А..Я */
    if (cp >= 0x4C1 && cp <= 0x4CE)
        return (cp & 1) ? cp + 1 : cp; /* Cyrillic Ӂ..ӎ: upper case is odd */
    if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) ||
        (cp >= 0x4D0 && cp <= 0x4FF))
        return (cp & 1) ? cp : cp + 1; /* Cyrillic extensions, Ґ included */
    if (cp >= 0x1E00 && cp <= 0x1EFF)
        return (cp & 1) ? cp : cp + 1; /* Latin Extended Additional (Vietnamese) */
    return cp;
}

long bp_fold(const char *text, size_t length, char *out, size_t size)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, o = 0;
    while (i < length) {
        int32_t cp;
        int w = bp_utf8_decode(s + i, length - i, &cp);
        if (w == 0)
            return -1;
        i += (size_t)w;
        char buf[8];
        size_t n;
        if (cp == 0xDF || cp == 0x1E9E) { /* ß folds to ss */
            buf[0] = 's';
            buf[1] = 's';
            n = 2;
        } else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x201B) {
            buf[0] = '\'';
            n = 1;
        } else if (cp == 0x2010 || cp == 0x2011) {
            buf[0] = '-';
            n = 1;
        } else if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0xAB ||
                   cp == 0xBB || cp == 0x2039 || cp == 0x203A) {
            buf[0] = '"';
            n = 1;
        } else if (cp == 0x2026) {
            buf[0] = buf[1] = buf[2] = '.';
            n = 3;
        } else {
            n = utf8_encode(lower_cp(cp), buf);
        }
        if (o + n + 1 > size)
            return -1;
        memcpy(out + o, buf, n);
        o += n;
    }
    if (o + 1 > size)
        return -1;
    out[o] = '\0';
    return (long)o;
}

int bp_is_upper(int32_t cp)
{
    return lower_cp(cp) != cp;
}

/* ---- tokenising data-file text the way the core tokenises documents ----- */

static int is_space_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/*
 * Whether a code point is a mark or symbol rather than part of a word.  The
 * core asks Unicode for the category; the data files only use the common
 * marks, which live in these ranges.
 */
static int is_mark_cp(int32_t cp)
{
    if (cp < 0x80)
        return !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'));
    return (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2010 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFE10 && cp <= 0xFE6F) || (cp >= 0xFF01 && cp <= 0xFF0F) || cp >= 0x1F000;
}

static int is_digit_cp(int32_t cp)
{
    return cp >= '0' && cp <= '9';
}

int bp_is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return !is_mark_cp(cp) && !is_space_cp(cp) && lower_cp(cp) == cp;
}
static int is_apostrophe_cp(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}
static int is_hyphen_cp(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

int bp_split_tokens(const char *text, size_t length, bp_span *spans, int max)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    int count = 0;
    while (i < length) {
        int32_t cp;
        int w = bp_utf8_decode(s + i, length - i, &cp);
        if (w == 0)
            return -1;
        if (is_space_cp(cp)) {
            i += (size_t)w;
            continue;
        }
        size_t start = i, j = i + (size_t)w;
        if (is_digit_cp(cp)) {
            /* Digits, and , or . between digits (3,000  1.5). */
            while (j < length && (is_digit_cp(s[j]) || ((s[j] == ',' || s[j] == '.') &&
                                                        j + 1 < length && is_digit_cp(s[j + 1]))))
                j++;
        } else if (!is_mark_cp(cp)) {
            while (j < length) {
                int32_t c;
                int cw = bp_utf8_decode(s + j, length - j, &c);
                if (cw == 0)
                    return -1;
                if (!is_mark_cp(c) && !is_space_cp(c)) {
                    j += (size_t)cw;
                    continue;
                }
                if (is_apostrophe_cp(c) || is_hyphen_cp(c)) {
                    int32_t next;
                    int nw = bp_utf8_decode(s + j + cw, length - j - (size_t)cw, &next);
                    if (nw > 0 && !is_mark_cp(next) && !is_space_cp(next) &&
                        (!is_digit_cp(next) || is_hyphen_cp(c))) {
                        j += (size_t)cw;
                        continue;
                    }
                }
                break;
            }
        } else if (cp == '?' || cp == '!') {
            while (j < length && (s[j] == '?' || s[j] == '!'))
                j++;
        } else if (cp < 0x80 && strchr(".-*=_~#", (int)cp)) {
            while (j < length && s[j] == (unsigned char)cp)
                j++;
        }
        if (count < max) {
            spans[count].start = start;
            spans[count].end = j;
        }
        count++;
        if (count > max)
            return max + 1;
        i = j;
    }
    return count;
}
