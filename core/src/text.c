/*
 * text.c -- UTF-8 validation, lines, blocks (paragraphs), tokens and
 * sentences.
 *
 * The text layer runs once per document and every plugin shares its result,
 * so it is written for speed.  Validation goes sixteen bytes at a time while
 * they are ASCII.  Tokens are read by a scanner that classifies 64 bytes at a
 * time into bit masks (letters, case, digits, white space, the marks that
 * join words) and settles the common tokens with bit operations; the rest go
 * through a general tokeniser that every character can take, and which the
 * tests check the scanner against.  Latin letters and common marks fold by
 * table; only other non-ASCII text pays for utf8proc.  The input is never
 * modified; tokens point into it by byte offset.
 */
#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal.h"
#include "text.h"

/* ---- character classes -------------------------------------------------- */

enum char_class {
    CC_SPACE,     /* white space and line ends */
    CC_INVISIBLE, /* format and control characters: skipped, but joined inside words */
    CC_UPPER,     /* upper- or title-case letter */
    CC_LOWER,     /* lower-case letter */
    CC_LETTER,    /* letter without case (CJK, Arabic...) and modifier letters */
    CC_MARK,      /* combining mark */
    CC_DIGIT,
    CC_PUNCT,
    CC_SYMBOL
};

static unsigned char ascii_class[128];
/* Set by init_ascii_class when the processor has AVX2 (and BMI1/2, POPCNT): the scanner's
   AVX2 build then runs, its masks 32 bytes a step.  Tests may turn it off (gl_text_set_avx2). */
static int use_avx2;
/* 1 for the bytes that continue an ASCII word or number: A-Z a-z 0-9.  256
   entries so that any byte can index it; bytes >= 0x80 are 0. */
static unsigned char ascii_word[256];
/* The case-folded form of each ASCII byte (A-Z -> a-z, others unchanged). */
static unsigned char ascii_fold[128];
/*
 * What the fast scanner does with an ASCII byte that starts a token other than
 * a word or a number (which it tells by its masks): punctuation is a token of
 * its own, of a run of the same mark (... --), or of ? and ! mixed; ' and "
 * are read as quotation marks; a symbol is a token of its own.  Controls take
 * the general path.
 */
enum { FAST_NONE, FAST_PUNCT, FAST_RUN, FAST_QUERY, FAST_SYMBOL, FAST_QUOTE };
static unsigned char ascii_fast[256];
/*
 * Classes of the code points news text uses most outside ASCII, so that they
 * cost a table read rather than a Unicode property lookup: everything with a
 * two-byte encoding (U+0080-U+07FF: Latin-1 and Latin Extended, Greek,
 * Cyrillic, Armenian, Hebrew, Arabic) and General Punctuation (U+2000-U+206F:
 * ’ “ ” – — … and the spaces).
 */
#define TWO_BYTE_END 0x800
#define PUNCT_BLOCK 0x2000
#define PUNCT_BLOCK_SIZE 0x70
static unsigned char two_byte_class[TWO_BYTE_END];
static unsigned char punct_block_class[PUNCT_BLOCK_SIZE];
/*
 * The tables are filled once, by the first document analysed.  Threads that
 * merely wrote the same bytes at once were still a data race in C11 (and
 * ThreadSanitizer said so whenever -j started two documents together), so
 * the first fill is guarded by pthread_once.
 */
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;

static void init_abbreviations(void);

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/* AVX2 and the bit instructions the scanner's AVX2 build uses with it. */
static int avx2_present(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
           __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
}
#endif
static int unicode_class(int32_t cp);

static void init_ascii_class(void)
{
    init_abbreviations();
    for (int32_t cp = 0x80; cp < TWO_BYTE_END; cp++)
        two_byte_class[cp] = (unsigned char)unicode_class(cp);
    for (int32_t i = 0; i < PUNCT_BLOCK_SIZE; i++)
        punct_block_class[i] = (unsigned char)unicode_class(PUNCT_BLOCK + i);
    for (int c = 0; c < 128; c++) {
        unsigned char k;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
            k = CC_SPACE;
        else if (c < 32 || c == 127)
            k = CC_INVISIBLE;
        else if (c >= 'A' && c <= 'Z')
            k = CC_UPPER;
        else if (c >= 'a' && c <= 'z')
            k = CC_LOWER;
        else if (c >= '0' && c <= '9')
            k = CC_DIGIT;
        else if (strchr("$+<=>^`|~", c))
            k = CC_SYMBOL;
        else
            k = CC_PUNCT; /* ! " # % & ' ( ) * , - . / : ; ? @ [ \ ] _ { } */
        ascii_class[c] = k;
        ascii_word[c] = k == CC_UPPER || k == CC_LOWER || k == CC_DIGIT;
        ascii_fold[c] = (unsigned char)(k == CC_UPPER ? c + 32 : c);
        if (c == '\'' || c == '"')
            ascii_fast[c] = FAST_QUOTE;
        else if (k == CC_PUNCT)
            ascii_fast[c] = c == '?' || c == '!'         ? FAST_QUERY
                            : strchr(".-*=_~#", c) != NULL ? FAST_RUN
                                                           : FAST_PUNCT;
        else if (k == CC_SYMBOL)
            ascii_fast[c] = FAST_SYMBOL;
    }
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    use_avx2 = avx2_present();
#endif
}

static int unicode_class(int32_t cp)
{
    /* Variation selectors (the U+FE0F after an emoji), the combining grapheme joiner and
       the Hangul fillers are marks or letters that fold to nothing: as words of their
       own they would be words without a letter. */
    if (utf8proc_get_property(cp)->ignorable)
        return CC_INVISIBLE;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT: return CC_UPPER;
    case UTF8PROC_CATEGORY_LL: return CC_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: return CC_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return CC_MARK;
    case UTF8PROC_CATEGORY_ND: return CC_DIGIT;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: return CC_PUNCT;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return CC_SPACE;
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF: return CC_INVISIBLE;
    default: return CC_SYMBOL; /* Sm Sc Sk So Nl No Co Cn */
    }
}

/* Decodes one character of text that is already known to be valid UTF-8. */
static inline int32_t decode(const unsigned char *s, size_t i, int *width)
{
    unsigned c = s[i];
    if (c < 0x80) {
        *width = 1;
        return (int32_t)c;
    }
    if (c < 0xE0) {
        *width = 2;
        return (int32_t)(((c & 0x1F) << 6) | (s[i + 1] & 0x3F));
    }
    if (c < 0xF0) {
        *width = 3;
        return (int32_t)(((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F));
    }
    *width = 4;
    return (int32_t)(((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
                     (s[i + 3] & 0x3F));
}

static inline int class_of(int32_t cp)
{
    if (cp < 128)
        return ascii_class[cp];
    if (cp < TWO_BYTE_END)
        return two_byte_class[cp];
    if (cp >= PUNCT_BLOCK && cp < PUNCT_BLOCK + PUNCT_BLOCK_SIZE)
        return punct_block_class[cp - PUNCT_BLOCK];
    return unicode_class(cp);
}

static inline int is_letter_class(int k)
{
    return k == CC_UPPER || k == CC_LOWER || k == CC_LETTER || k == CC_MARK;
}

static int is_apostrophe(int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }

static int is_word_hyphen(int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

static int is_terminal_cp(int32_t cp)
{
    switch (cp) {
    case '.': case '!': case '?':
    case 0x2026: /* … */
    case 0x203C: case 0x2047: case 0x2048: case 0x2049: /* ‼ ⁇ ⁈ ⁉ */
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E: /* 。！？． */
    case 0x061F: case 0x06D4: case 0x0964: case 0x0965: /* ؟ ۔ । ॥ */
        return 1;
    default:
        return 0;
    }
}

/* ---- validation and lines ----------------------------------------------- */

static int grow_lines(gl_text *t, size_t offset)
{
    if (t->line_count == t->line_cap &&
        gl_reserve((void **)&t->lines, &t->line_cap, t->line_count + 1, sizeof *t->lines) != 0)
        return -1;
    t->lines[t->line_count++] = (uint32_t)offset;
    return 0;
}

/* Position of a byte offset, for errors raised before the line table exists. */
static void locate_raw(const unsigned char *s, size_t offset, size_t body, int *line, int *column)
{
    size_t ln = 1, start = body;
    for (size_t i = body; i < offset; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= offset || s[i + 1] != '\n'))) {
            ln++;
            start = i + 1;
        }
    }
    *line = (int)ln;
    *column = (int)gl_utf8_count((const char *)s + start, offset - start) + 1;
}

static int validate(const gl_text *t, const char *source, galley_error *err)
{
    const unsigned char *s = (const unsigned char *)t->bytes;
    size_t n = t->length, i = t->body;
    const uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
    while (i < n) {
#if defined(__SSE2__)
        /* Sixteen bytes a step while they are ASCII and not NUL. */
        while (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            unsigned odd = (unsigned)_mm_movemask_epi8(
                _mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_setzero_si128())));
            if (odd) {
                i += (size_t)__builtin_ctz(odd);
                break;
            }
            i += 16;
        }
        if (i >= n)
            break;
#endif
        if (i + 8 <= n) {
            uint64_t v;
            memcpy(&v, s + i, 8);
            /* No byte has its high bit set and no byte is zero: plain ASCII. */
            if (((v | ((v - ones) & ~v)) & high) == 0) {
                i += 8;
                continue;
            }
        }
        if (s[i] == 0) {
            int line, column;
            locate_raw(s, i, t->body, &line, &column);
            return gl_error_at(err, GALLEY_EINPUT, source, line, column, (long long)i,
                               "NUL byte at byte offset %zu (line %d, column %d): this looks "
                               "like binary data, not a text article",
                               i, line, column);
        }
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        /* Two- and three-byte characters checked in place (no overlong forms,
           no surrogates); four-byte ones and every error go to utf8proc. */
        unsigned c = s[i];
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (c >= 0xE0 && c <= 0xEF && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
            (s[i + 2] & 0xC0) == 0x80 && (c != 0xE0 || s[i + 1] >= 0xA0) &&
            (c != 0xED || s[i + 1] <= 0x9F)) {
            i += 3;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t w = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (w < 0) {
            int line, column;
            locate_raw(s, i, t->body, &line, &column);
            return gl_error_at(err, GALLEY_EINPUT, source, line, column, (long long)i,
                               "invalid UTF-8 at byte offset %zu (line %d, column %d, byte "
                               "0x%02X); convert the file to UTF-8, e.g. iconv -f WINDOWS-1252 "
                               "-t UTF-8",
                               i, line, column, s[i]);
        }
        i += (size_t)w;
    }
    return 0;
}

static int find_lines(gl_text *t)
{
    const char *s = t->bytes;
    size_t n = t->length;
    if (grow_lines(t, 0) != 0)
        return -1;
    if (!memchr(s, '\r', n)) {
        size_t i = 0;
#if defined(__SSE2__)
        /* Sixteen bytes a step: news lines are short, and a memchr call per line cost more. */
        for (; i + 16 <= n; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
            for (; m; m &= m - 1) {
                size_t next = i + (size_t)__builtin_ctz(m) + 1;
                if (next < n && grow_lines(t, next) != 0)
                    return -1;
            }
        }
#endif
        for (; i < n; i++)
            if (s[i] == '\n' && i + 1 < n && grow_lines(t, i + 1) != 0)
                return -1;
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' || s[i] == '\r') {
            if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++;
            if (i + 1 < n && grow_lines(t, i + 1) != 0)
                return -1;
        }
    }
    return 0;
}

/* ---- blocks ------------------------------------------------------------- */

/* The end of the line starting at `start`, before its line terminator. */
static size_t line_end(const gl_text *t, size_t line)
{
    size_t end = line + 1 < t->line_count ? t->lines[line + 1] : t->length;
    while (end > t->lines[line] && (t->bytes[end - 1] == '\n' || t->bytes[end - 1] == '\r'))
        end--;
    return end;
}

/*
 * First and last visible byte of [a, b), as offsets; returns 0 when the range
 * holds only white space and invisible characters.
 */
static int visible_span(const gl_text *t, size_t a, size_t b, size_t *first, size_t *last_end)
{
    /* Only the white space at each end is looked at: a line is visible as soon
       as one character is, so most lines cost a byte or two here. */
    const unsigned char *s = (const unsigned char *)t->bytes;
    size_t i = a;
    while (i < b) {
        int w = 1, k;
        if (s[i] < 0x80)
            k = ascii_class[s[i]];
        else
            k = class_of(decode(s, i, &w));
        if (k != CC_SPACE && k != CC_INVISIBLE)
            break;
        i += (size_t)w;
    }
    if (i >= b)
        return 0;
    size_t e = b;
    while (e > i) {
        size_t p = e - 1;
        int w, k;
        if (s[p] < 0x80) {
            k = ascii_class[s[p]];
        } else {
            while (p > i && (s[p] & 0xC0) == 0x80)
                p--;
            k = class_of(decode(s, p, &w));
        }
        if (k != CC_SPACE && k != CC_INVISIBLE)
            break;
        e = p;
    }
    *first = i;
    *last_end = e;
    return 1;
}

static int find_blocks(gl_text *t)
{
    int open = 0;
    galley_block cur;
    memset(&cur, 0, sizeof cur);
    for (size_t ln = 0; ln < t->line_count; ln++) {
        size_t a = t->lines[ln] < t->body ? t->body : t->lines[ln];
        size_t b = line_end(t, ln), lo, hi;
        if (a > b)
            a = b;
        if (visible_span(t, a, b, &lo, &hi)) {
            if (!open) {
                memset(&cur, 0, sizeof cur);
                cur.start = (uint32_t)lo;
                cur.line = (uint32_t)(ln + 1);
                open = 1;
            }
            cur.end = (uint32_t)hi;
        } else if (open) {
            if (gl_reserve((void **)&t->blocks, &t->block_cap, t->block_count + 1,
                           sizeof *t->blocks) != 0)
                return -1;
            t->blocks[t->block_count++] = cur;
            open = 0;
        }
    }
    if (open) {
        if (gl_reserve((void **)&t->blocks, &t->block_cap, t->block_count + 1,
                       sizeof *t->blocks) != 0)
            return -1;
        t->blocks[t->block_count++] = cur;
    }
    return 0;
}

/* ---- folding ------------------------------------------------------------ */

/*
 * Makes room for `need` bytes of folds.  Tokens point into the arena, so when
 * it moves (only Unicode folds longer than their text can make it: the first
 * reservation covers every ASCII fold) their pointers are turned into offsets
 * and back around the move.  The arena always has GALLEY_FOLD_PADDING bytes
 * more than it holds, so that the last fold too can be read that wide.
 */
static int reserve_folds(gl_text *t, size_t need)
{
    /* Every fold can be read GALLEY_FOLD_PADDING bytes wide (galley.h). */
    need += GALLEY_FOLD_PADDING;
    if (need <= t->folds_cap)
        return 0;
    /* 1 + the offset, so that a token not yet folded (NULL) stays so */
    for (size_t k = 0; k < t->token_count; k++)
        if (t->tokens[k].fold)
            t->tokens[k].fold = (const char *)(uintptr_t)(t->tokens[k].fold - t->folds + 1);
    int rc = gl_reserve((void **)&t->folds, &t->folds_cap, need, 1);
    for (size_t k = 0; k < t->token_count; k++)
        if (t->tokens[k].fold)
            t->tokens[k].fold = t->folds + (uintptr_t)t->tokens[k].fold - 1;
    return rc;
}

/* Appends bytes to the fold arena; returns the offset where they start, or -1. */
static long long fold_append(gl_text *t, const char *data, size_t len)
{
    if (reserve_folds(t, t->folds_len + len + 1) != 0)
        return -1;
    size_t at = t->folds_len;
    memcpy(t->folds + at, data, len);
    t->folds[at + len] = '\0';
    t->folds_len += len + 1;
    return (long long)at;
}

/* Punctuation folds to a plain ASCII spelling where one exists. */
static const char *punct_fold(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x00AB: case 0x00BB: case 0x2039: case 0x203A: return "\"";
    case 0x2026: return "...";
    default: return NULL;
    }
}

/*
 * The folds of the Latin letters with two-byte encodings (U+00C0-U+024F: é ñ ß
 * ő ș...), each as fold_token gives it for the letter alone (utf8proc, then
 * apostrophes written '): a length byte and up to three bytes.  A word of
 * these letters, ASCII and the typographic apostrophes and hyphens folds
 * letter by letter to what fold_token gives for the whole word: none of them composes or reorders
 * with its neighbours (every pair was checked against utf8proc; tests/test_text.c checks each
 * letter between others).  Filled the first time a word needs it.
 */
#define LATIN_FIRST 0xC0
#define LATIN_END 0x250
static unsigned char latin_fold[LATIN_END - LATIN_FIRST][4];
static pthread_once_t latin_once = PTHREAD_ONCE_INIT;

static void init_latin_fold(void)
{
    const utf8proc_option_t opts =
        UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE | UTF8PROC_IGNORE;
    for (int32_t cp = LATIN_FIRST; cp < LATIN_END; cp++) {
        int k = two_byte_class[cp];
        if (k != CC_UPPER && k != CC_LOWER && k != CC_LETTER)
            continue;
        utf8proc_uint8_t in[4];
        utf8proc_int32_t buf[8];
        utf8proc_ssize_t n = utf8proc_decompose(in, utf8proc_encode_char(cp, in), buf,
                                                (utf8proc_ssize_t)GL_ARRAY_SIZE(buf), opts);
        if (n < 0 || n > (utf8proc_ssize_t)GL_ARRAY_SIZE(buf))
            continue;
        for (utf8proc_ssize_t i = 0; i < n; i++) /* as fold_token writes apostrophes */
            if (buf[i] == 0x2019 || buf[i] == 0x2018 || buf[i] == 0x02BC || buf[i] == 0x201B)
                buf[i] = '\'';
        utf8proc_ssize_t bytes = utf8proc_reencode(buf, n, opts);
        if (bytes <= 0 || bytes > 3)
            continue;
        latin_fold[cp - LATIN_FIRST][0] = (unsigned char)bytes;
        memcpy(&latin_fold[cp - LATIN_FIRST][1], buf, (size_t)bytes);
    }
}

/*
 * Folds text made of ASCII, the Latin letters of latin_fold, ’ ‘ ‛ ʼ
 * (written ') and ‐ ‑ (written -), without utf8proc.  Returns the offset of
 * the folded text in the arena, -1 when the text has other characters (the
 * caller then takes the full path), or -2 when out of memory.
 */
static long long fold_simple(gl_text *t, const char *src, size_t len)
{
    const unsigned char *s = (const unsigned char *)src;
    if (reserve_folds(t, t->folds_len + 2 * len + 1) != 0)
        return -2;
    size_t at = t->folds_len, o = at;
    char *out = t->folds;
    for (size_t i = 0; i < len; i++) {
        unsigned c = s[i];
        if (c < 0x80) {
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        } else if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
                   (s[i + 2] == 0x98 || s[i + 2] == 0x99 || s[i + 2] == 0x9B)) {
            out[o++] = '\'';
            i += 2;
        } else if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
                   (s[i + 2] == 0x90 || s[i + 2] == 0x91)) {
            out[o++] = '-';
            i += 2;
        } else if (c == 0xCA && i + 1 < len && s[i + 1] == 0xBC) { /* ʼ */
            out[o++] = '\'';
            i += 1;
        } else if (c >= 0xC3 && c <= 0xC9 && i + 1 < len) {
            int32_t cp = (int32_t)(((c & 0x1F) << 6) | (s[i + 1] & 0x3F));
            if (cp < LATIN_FIRST || cp >= LATIN_END)
                return -1;
            pthread_once(&latin_once, init_latin_fold);
            const unsigned char *f = latin_fold[cp - LATIN_FIRST];
            if (f[0] == 0)
                return -1;
            memcpy(out + o, f + 1, f[0]);
            o += f[0];
            i += 1;
        } else {
            return -1;
        }
    }
    out[o] = '\0';
    t->folds_len = o + 1;
    return (long long)at;
}

static int fold_token(gl_text *t, galley_token *tok, int ascii)
{
    const char *src = t->bytes + tok->start;
    size_t len = tok->end - tok->start;
    long long at;
    if (ascii) {
        if (reserve_folds(t, t->folds_len + len + 1) != 0)
            return -1;
        char *dst = t->folds + t->folds_len;
        for (size_t i = 0; i < len; i++) {
            char c = src[i];
            dst[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        dst[len] = '\0';
        at = (long long)t->folds_len;
        t->folds_len += len + 1;
        tok->fold_len = (uint32_t)len;
    } else {
        /* Most non-ASCII words in English news differ from ASCII only by a
           typographic apostrophe or hyphen (don’t, Ukraine’s): fold those
           without the cost of a full Unicode decomposition. */
        long long quick = fold_simple(t, src, len);
        if (quick == -2)
            return -1;
        if (quick >= 0) {
            tok->fold = t->folds + quick;
            tok->fold_len = (uint32_t)(t->folds_len - (size_t)quick - 1);
            return 0;
        }
        if (tok->kind == GALLEY_TOKEN_PUNCTUATION) {
            int w;
            int32_t cp = decode((const unsigned char *)src, 0, &w);
            const char *plain = (size_t)w == len ? punct_fold(cp) : NULL;
            if (plain) {
                at = fold_append(t, plain, strlen(plain));
                if (at < 0)
                    return -1;
                tok->fold = t->folds + at;
                tok->fold_len = (uint32_t)strlen(plain);
                return 0;
            }
        }
        const utf8proc_option_t opts =
            UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE | UTF8PROC_IGNORE;
        /* One character that neither decomposes nor folds (a dash, ©, €) is
           its own fold: nothing is left to compose or reorder. */
        int w1;
        int32_t cp1 = decode((const unsigned char *)src, 0, &w1);
        if ((size_t)w1 == len) {
            utf8proc_int32_t one[4];
            int bound = UTF8PROC_BOUNDCLASS_START;
            if (utf8proc_decompose_char(cp1, one, (utf8proc_ssize_t)GL_ARRAY_SIZE(one), opts,
                                        &bound) == 1 &&
                one[0] == cp1) {
                at = fold_append(t, src, len);
                if (at < 0)
                    return -1;
                tok->fold = t->folds + at;
                tok->fold_len = (uint32_t)len;
                return 0;
            }
        }
        utf8proc_int32_t stack[256], *buf = stack;
        utf8proc_ssize_t cap = (utf8proc_ssize_t)GL_ARRAY_SIZE(stack);
        utf8proc_ssize_t n =
            utf8proc_decompose((const utf8proc_uint8_t *)src, (utf8proc_ssize_t)len, buf, cap, opts);
        if (n > cap) {
            /* 4 bytes per code point are also enough for the re-encoded UTF-8. */
            buf = gl_malloc((size_t)n * sizeof *buf);
            if (!buf)
                return -1;
            cap = n;
            n = utf8proc_decompose((const utf8proc_uint8_t *)src, (utf8proc_ssize_t)len, buf, cap,
                                   opts);
        }
        if (n < 0) { /* cannot happen on validated text; keep the bytes as they are */
            if (buf != stack)
                gl_free(buf);
            at = fold_append(t, src, len);
            if (at < 0)
                return -1;
            tok->fold = t->folds + at;
            tok->fold_len = (uint32_t)len;
            return 0;
        }
        for (utf8proc_ssize_t i = 0; i < n; i++) {
            if (buf[i] == 0x2019 || buf[i] == 0x2018 || buf[i] == 0x02BC || buf[i] == 0x201B)
                buf[i] = '\'';
            else if (buf[i] == 0x2010 || buf[i] == 0x2011)
                buf[i] = '-';
        }
        utf8proc_ssize_t bytes = utf8proc_reencode(buf, n, opts);
        if (bytes < 0)
            bytes = 0;
        at = fold_append(t, (const char *)buf, (size_t)bytes);
        if (buf != stack)
            gl_free(buf);
        if (at < 0)
            return -1;
        tok->fold_len = (uint32_t)bytes;
    }
    tok->fold = t->folds + at;
    return 0;
}

/* ---- tokens ------------------------------------------------------------- */

/*
 * Terminal punctuation (. ! ? … and friends) is listed by token index while
 * tokenising, so that sentence splitting visits those tokens alone.
 */
static int push_terminal(gl_text *t, size_t k)
{
    if (t->terminal_count == t->terminal_cap &&
        gl_reserve((void **)&t->terminals, &t->terminal_cap, t->terminal_count + 1,
                   sizeof *t->terminals) != 0)
        return -1;
    t->terminals[t->terminal_count++] = (uint32_t)k;
    return 0;
}

#define QUOTE_DEPTH 8

typedef struct quote_state {
    int32_t stack[QUOTE_DEPTH];
    int depth;
} quote_state;

static int quote_find(const quote_state *q, int32_t a, int32_t b, int32_t c)
{
    for (int i = q->depth - 1; i >= 0; i--)
        if (q->stack[i] == a || q->stack[i] == b || q->stack[i] == c)
            return i;
    return -1;
}

/* Context before a mark: start of block, space, an opening bracket or a dash. */
static int opening_context(int prev_class, int32_t prev_cp)
{
    if (prev_class == CC_SPACE || prev_class < 0)
        return 1;
    if (prev_class != CC_PUNCT)
        return 0;
    int cat = prev_cp < 0 ? 0 : utf8proc_category(prev_cp);
    return cat == UTF8PROC_CATEGORY_PS || cat == UTF8PROC_CATEGORY_PI ||
           cat == UTF8PROC_CATEGORY_PD || prev_cp == '"' || prev_cp == '\'';
}

/* Context after a mark: end of block, space or punctuation. */
static int closing_context(int next_class) { return next_class < 0 || next_class == CC_SPACE || next_class == CC_PUNCT; }

enum quote_action { Q_NONE, Q_OPEN, Q_CLOSE };

/* The marks quote_action reads as quotation marks; every other mark is Q_NONE. */
static int is_quote_mark(int32_t cp)
{
    switch (cp) {
    case '"': case '\'':
    case 0x00AB: case 0x00BB: case 0x2039: case 0x203A:
    case 0x2018: case 0x2019: case 0x201B: case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F:
        return 1;
    default:
        return 0;
    }
}

/*
 * The characters of the two tables above (two-byte characters and General
 * Punctuation) that the fast scanner may take as a token of their own: marks
 * and symbols that are no quotation mark, end no sentence, join no word and
 * fold to themselves (· – — © and the like).  Index: the code point, or
 * TWO_BYTE_END + its place in General Punctuation.  Filled the first time
 * such a character is met, not at start-up: ASCII text never needs it.
 */
static unsigned char self_token[TWO_BYTE_END + PUNCT_BLOCK_SIZE];
static pthread_once_t self_once = PTHREAD_ONCE_INIT;

static void mark_self_token(int32_t cp, size_t index)
{
    const utf8proc_option_t opts =
        UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE | UTF8PROC_IGNORE;
    int k = class_of(cp);
    if ((k != CC_PUNCT && k != CC_SYMBOL) || is_quote_mark(cp) || is_terminal_cp(cp) ||
        is_apostrophe(cp) || is_word_hyphen(cp) || punct_fold(cp))
        return;
    utf8proc_int32_t one[4];
    int bound = UTF8PROC_BOUNDCLASS_START;
    if (utf8proc_decompose_char(cp, one, (utf8proc_ssize_t)GL_ARRAY_SIZE(one), opts, &bound) == 1 &&
        one[0] == cp)
        self_token[index] = k == CC_PUNCT ? GALLEY_TOKEN_PUNCTUATION : GALLEY_TOKEN_SYMBOL;
}

static void init_self_tokens(void)
{
    for (int32_t cp = 0x80; cp < TWO_BYTE_END; cp++)
        mark_self_token(cp, (size_t)cp);
    for (int32_t cp = PUNCT_BLOCK; cp < PUNCT_BLOCK + PUNCT_BLOCK_SIZE; cp++)
        mark_self_token(cp, (size_t)(TWO_BYTE_END + cp - PUNCT_BLOCK));
}

/* The kind of token the character at s (valid UTF-8, not ASCII) makes when it is a self
   token, else 0; its width in *w. */
static inline int is_self_token(const unsigned char *s, int *w)
{
    pthread_once(&self_once, init_self_tokens); /* reads the class tables, filled before */
    int32_t cp = decode(s, 0, w);
    if (cp < TWO_BYTE_END)
        return self_token[cp];
    if (cp >= PUNCT_BLOCK && cp < PUNCT_BLOCK + PUNCT_BLOCK_SIZE)
        return self_token[TWO_BYTE_END + cp - PUNCT_BLOCK];
    return 0;
}

/*
 * Whether the character at s (valid UTF-8, not ASCII) surely ends a word
 * before it: not a letter, mark, digit or invisible character, which the word
 * takes in, nor an apostrophe or hyphen, which may join it to more.
 */
static inline int ends_word(const unsigned char *s)
{
    int w;
    int32_t cp = decode(s, 0, &w);
    int k = class_of(cp);
    return !is_letter_class(k) && k != CC_DIGIT && k != CC_INVISIBLE && !is_apostrophe(cp) &&
           !is_word_hyphen(cp);
}

/*
 * Decides whether a quotation mark opens or closes a quotation, or is a stray
 * apostrophe.  Curly and angle quotes say which side they are on; straight
 * quotes toggle.  The stack is bounded, so no input can make it grow.
 */
static int quote_action(quote_state *q, int32_t cp, int prev_class, int32_t prev_cp,
                        int next_class, int32_t next_cp)
{
    if (!is_quote_mark(cp))
        return Q_NONE; /* most punctuation: settled before any context is looked at */
    int open_ctx = opening_context(prev_class, prev_cp);
    int close_ctx = closing_context(next_class);
    int at = -1;
    switch (cp) {
    case '"':
        at = quote_find(q, '"', '"', '"');
        if (at >= 0)
            break;
        /* With nothing to close, a mark glued to the word before and followed by
           a space is an inch mark (a 55" screen) or a stray closer; opening a
           quotation there would mark the rest of the paragraph as quoted. */
        return !open_ctx && close_ctx ? Q_NONE : Q_OPEN;
    case 0x201C: /* “ opens, or closes a „ */
        at = quote_find(q, 0x201E, 0x201E, 0x201E);
        if (at >= 0 && !open_ctx)
            break;
        if (q->depth > 0 && q->stack[q->depth - 1] == 0x201C && close_ctx && !open_ctx) {
            at = q->depth - 1;
            break;
        }
        return Q_OPEN;
    case 0x201D: /* ” closes; opens only Swedish-style */
        at = quote_find(q, 0x201C, 0x201E, 0x201D);
        if (at >= 0)
            break;
        return open_ctx && !close_ctx ? Q_OPEN : Q_NONE;
    case 0x201E: case 0x201F: case 0x300C: case 0x300E:
        return Q_OPEN;
    case 0x300D:
        at = quote_find(q, 0x300C, 0x300C, 0x300C);
        break;
    case 0x300F:
        at = quote_find(q, 0x300E, 0x300E, 0x300E);
        break;
    case 0x00AB: /* « */
        at = quote_find(q, 0x00BB, 0x00BB, 0x00BB);
        if (at >= 0)
            break;
        return Q_OPEN;
    case 0x00BB: /* » */
        at = quote_find(q, 0x00AB, 0x00AB, 0x00AB);
        if (at >= 0)
            break;
        return open_ctx ? Q_OPEN : Q_NONE;
    case 0x2039:
        at = quote_find(q, 0x203A, 0x203A, 0x203A);
        if (at >= 0)
            break;
        return Q_OPEN;
    case 0x203A:
        at = quote_find(q, 0x2039, 0x2039, 0x2039);
        if (at >= 0)
            break;
        return open_ctx ? Q_OPEN : Q_NONE;
    case 0x2018: case 0x201B: /* ‘ */
        if (open_ctx)
            return Q_OPEN;
        at = quote_find(q, 0x2018, 0x201B, 0x2018);
        break;
    case 0x2019: /* ’ standing alone: closes a ‘, else an apostrophe */
        if (open_ctx)
            return Q_NONE;
        at = quote_find(q, 0x2018, 0x201B, 0x2018);
        break;
    case '\'':
        if (!open_ctx) {
            at = quote_find(q, '\'', '\'', '\'');
            break;
        }
        /* '90s is an elision, not a quotation */
        return close_ctx || next_class == CC_DIGIT || next_cp == '\'' ? Q_NONE : Q_OPEN;
    default:
        return Q_NONE;
    }
    if (at < 0)
        return Q_NONE;
    q->depth = at; /* pops the opener and anything left open inside it */
    return Q_CLOSE;
}

/* Letters and digits in [a, b), combining marks and invisible characters not counted. */
static size_t count_letters(const unsigned char *s, size_t a, size_t b)
{
    size_t n = 0;
    while (a < b) {
        int w = 1, k;
        k = s[a] < 0x80 ? ascii_class[s[a]] : class_of(decode(s, a, &w));
        n += k != CC_MARK && k != CC_INVISIBLE;
        a += (size_t)w;
    }
    return n;
}

/*
 * CAPITALISED when the first letter is upper or title case; ALL_CAPS when
 * two or more letters are upper case and none is lower case.  Most words
 * start in lower case, and those are settled by their first byte.
 */
static uint16_t word_case_flags(const unsigned char *s, size_t a, size_t b)
{
    int w = 1, first;
    size_t i = a;
    do {
        first = s[i] < 0x80 ? ascii_class[s[i]] : class_of(decode(s, i, &w));
        i += (size_t)w;
    } while ((first == CC_MARK || first == CC_INVISIBLE) && i < b);
    if (first == CC_LOWER)
        return 0;
    size_t upper = 0, lower = 0;
    for (i = a; i < b; i += (size_t)w) {
        w = 1;
        int k = s[i] < 0x80 ? ascii_class[s[i]] : class_of(decode(s, i, &w));
        upper += k == CC_UPPER;
        lower += k == CC_LOWER;
    }
    uint16_t flags = first == CC_UPPER ? GALLEY_TOKEN_CAPITALISED : 0;
    if (upper >= 2 && lower == 0)
        flags |= GALLEY_TOKEN_ALL_CAPS;
    return flags;
}

/*
 * word_case_flags for a word known to be ASCII: the same answer, but most
 * words are settled by their first byte (lower case) or their second
 * (Capitalised).
 */
static inline uint16_t ascii_case_flags(const unsigned char *s, size_t a, size_t b)
{
    int first = ascii_class[s[a]];
    if (first == CC_LOWER)
        return 0;
    uint16_t flags = first == CC_UPPER ? GALLEY_TOKEN_CAPITALISED : 0;
    size_t upper = first == CC_UPPER;
    for (size_t i = a + 1; i < b; i++) {
        int k = ascii_class[s[i]];
        if (k == CC_LOWER)
            return flags;
        upper += k == CC_UPPER;
    }
    return upper >= 2 ? (uint16_t)(flags | GALLEY_TOKEN_ALL_CAPS) : flags;
}

/*
 * Eight bytes a step over the ASCII letters and digits of a word from j:
 * writes their folds to fold[j - i ...] and returns where they stop (the
 * caller's byte loop takes the last few bytes of the block).  It may write
 * up to seven bytes of fold past the word; the room reserved for a block's
 * folds (twice its bytes) covers that.  Little-endian machines only: the
 * first byte of the text must be the low byte of the word read.
 */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define REP8(b) ((uint64_t)(b) * 0x0101010101010101ULL)
static inline size_t scan_ascii_word(const unsigned char *s, size_t i, size_t j, size_t end,
                                     char *fold)
{
    const uint64_t high = REP8(0x80);
    while (j + 8 <= end) {
        uint64_t v;
        memcpy(&v, s + j, 8);
        uint64_t x = v & REP8(0x7F);
        /* (x + (0x80 - c)) has a byte's high bit set where that byte is >= c */
#define AT_LEAST(c) ((x + REP8(0x80 - (c))) & high)
        uint64_t upper = AT_LEAST('A') & ~AT_LEAST('Z' + 1);
        uint64_t word = (AT_LEAST('0') & ~AT_LEAST('9' + 1)) | upper |
                        (AT_LEAST('a') & ~AT_LEAST('z' + 1));
#undef AT_LEAST
        word &= ~v; /* no byte of a multi-byte character */
        uint64_t folded = v | (upper >> 2); /* 'A'..'Z' + 0x20 */
        memcpy(fold + (j - i), &folded, 8);
        uint64_t stop = ~word & high;
        if (stop)
            return j + (size_t)(__builtin_ctzll(stop) >> 3);
        j += 8;
    }
    return j;
}
#undef REP8
#else
static inline size_t scan_ascii_word(const unsigned char *s, size_t i, size_t j, size_t end,
                                     char *fold)
{
    (void)s, (void)i, (void)end, (void)fold;
    return j;
}
#endif

static galley_token *new_token(gl_text *t)
{
    if (t->token_count == t->token_cap &&
        gl_reserve((void **)&t->tokens, &t->token_cap, t->token_count + 1, sizeof *t->tokens) != 0)
        return NULL;
    galley_token *tok = &t->tokens[t->token_count++];
    memset(tok, 0, sizeof *tok);
    return tok;
}

/* Class of the character at i, or -1 at or past end. */
static inline int class_at(const unsigned char *s, size_t i, size_t end, int32_t *cp_out)
{
    if (i >= end) {
        if (cp_out)
            *cp_out = -1;
        return -1;
    }
    int w;
    int32_t cp = decode(s, i, &w);
    if (cp_out)
        *cp_out = cp;
    return class_of(cp);
}

/*
 * Room the fast scanner may write past a fold: it copies a word's fold in
 * one 16-byte store, whatever the word's length.
 */
#define FOLD_SLACK 16

/*
 * The context of a quotation mark at i: the class of the character before it
 * and that character, or white space when a space or an invisible character
 * is between it and `last`, the block's previous token (or there is none).  A
 * punctuation token's own character stands for it: runs are of one mark, or
 * of ? and ! which are alike here.
 */
static void prev_context(const gl_text *t, const galley_token *last, size_t i, int *prev_class,
                         int32_t *prev_cp)
{
    if (!last || last->end != i) {
        *prev_class = CC_SPACE;
        *prev_cp = ' ';
        return;
    }
    const unsigned char *s = (const unsigned char *)t->bytes;
    size_t p = i - 1;
    while (p > last->start && (s[p] & 0xC0) == 0x80)
        p--;
    int w;
    *prev_cp = decode(s, p, &w);
    *prev_class = class_of(*prev_cp);
}

/*
 * The flags of the quotation mark cp that is token k, at [i, j) in block bi:
 * whether it opens or closes a quotation (the stack q follows) and whether it
 * is inside one.
 */
static uint16_t quote_flags(const gl_text *t, size_t bi, size_t k, size_t i, size_t j, size_t end,
                            int32_t cp, quote_state *q)
{
    const unsigned char *s = (const unsigned char *)t->bytes;
    int32_t next_cp, prev_cp;
    int next_class = class_at(s, j, end, &next_cp), prev_class;
    prev_context(t, k > t->blocks[bi].first_token ? &t->tokens[k - 1] : NULL, i, &prev_class,
                 &prev_cp);
    int action = quote_action(q, cp, prev_class, prev_cp, next_class, next_cp);
    uint16_t flags = 0;
    if (action == Q_OPEN) {
        if (q->depth > 0)
            flags |= GALLEY_TOKEN_QUOTED;
        if (q->depth < QUOTE_DEPTH) {
            q->stack[q->depth++] = cp;
            flags |= GALLEY_TOKEN_QUOTE_OPEN;
        }
    } else if (action == Q_CLOSE) {
        flags |= GALLEY_TOKEN_QUOTE_CLOSE;
        if (q->depth > 0)
            flags |= GALLEY_TOKEN_QUOTED;
    } else if (q->depth > 0) {
        flags |= GALLEY_TOKEN_QUOTED;
    }
    return flags;
}

/*
 * One step of the general tokeniser at i, which every character can take:
 * skips one space or invisible character, or reads one token.  Sets *next to
 * where the next step starts.  The room for folds (twice the rest of the
 * block, and FOLD_SLACK) is kept.
 */
static int general_step(gl_text *t, size_t bi, size_t i, size_t end, quote_state *q,
                        size_t *next)
{
    const unsigned char *s = (const unsigned char *)t->bytes;
    int w;
    int32_t cp = decode(s, i, &w);
    int k = class_of(cp);
    if (k == CC_SPACE || k == CC_INVISIBLE) {
        *next = i + (size_t)w;
        return 0;
    }
    galley_token *tok = new_token(t);
    if (!tok)
        return -1;
    tok->start = (uint32_t)i;
    tok->block = (uint32_t)bi;
    int ascii = 1;
    size_t j = i;

    if (k == CC_DIGIT) {
        tok->kind = GALLEY_TOKEN_NUMBER;
        char *fold = t->folds + t->folds_len;
        for (;;) {
            while (j < end && s[j] >= '0' && s[j] <= '9') {
                fold[j - i] = (char)s[j];
                j++;
            }
            if (j >= end)
                break;
            if (s[j] >= 0x80) {
                int cw;
                if (class_of(decode(s, j, &cw)) == CC_DIGIT) {
                    ascii = 0;
                    j += (size_t)cw;
                    continue;
                }
                break;
            }
            /* 3,000 and 1.5 are one number; "2022." ends at the full stop */
            if ((s[j] == ',' || s[j] == '.') && class_at(s, j + 1, end, NULL) == CC_DIGIT) {
                fold[j - i] = (char)s[j];
                j++;
                continue;
            }
            break;
        }
    } else if (is_letter_class(k)) {
        tok->kind = GALLEY_TOKEN_WORD;
        size_t segment = i; /* start of the part since the last connector */
        /* The fold of an ASCII word is written while scanning it, into room
           reserved for the whole block (tokenise_block); it is kept only if
           the word turns out to be ASCII throughout. */
        char *fold = t->folds + t->folds_len;
        for (;;) {
            j = scan_ascii_word(s, i, j, end, fold);
            while (j < end && ascii_word[s[j]]) {
                fold[j - i] = (char)ascii_fold[s[j]];
                j++;
            }
            if (j >= end)
                break;
            unsigned c0 = s[j];
            if (c0 >= 0x80) {
                int cw;
                int32_t c = decode(s, j, &cw);
                int ck = class_of(c);
                if (is_letter_class(ck) || ck == CC_DIGIT || ck == CC_INVISIBLE) {
                    ascii = 0;
                    j += (size_t)cw;
                    continue;
                }
                if ((is_apostrophe(c) || is_word_hyphen(c)) &&
                    is_letter_class(class_at(s, j + (size_t)cw, end, NULL))) {
                    ascii = 0;
                    j += (size_t)cw;
                    segment = j;
                    continue;
                }
                if (is_word_hyphen(c) && class_at(s, j + (size_t)cw, end, NULL) == CC_DIGIT) {
                    ascii = 0;
                    j += (size_t)cw;
                    segment = j;
                    continue;
                }
                break;
            }
            /* Connectors stay inside a word only between letters: don't, Jean-Luc, F-16. */
            if (c0 == '\'' || c0 == '-') {
                int nk = class_at(s, j + 1, end, NULL);
                if (is_letter_class(nk) || (c0 == '-' && nk == CC_DIGIT)) {
                    fold[j - i] = (char)c0;
                    j++;
                    segment = j;
                    continue;
                }
                break;
            }
            /* Initials written together stay one word: U.S, e.g, J.K */
            if (c0 == '.' && count_letters(s, segment, j) == 1 && j + 1 < end &&
                is_letter_class(class_at(s, j + 1, end, NULL))) {
                int aw;
                int32_t after;
                decode(s, j + 1, &aw);
                class_at(s, j + 1 + (size_t)aw, end, &after);
                if (after == '.') {
                    fold[j - i] = '.';
                    j++;
                    segment = j;
                    continue;
                }
            }
            break;
        }
        tok->flags |= ascii ? ascii_case_flags(s, i, j) : word_case_flags(s, i, j);
    } else if (k == CC_PUNCT) {
        tok->kind = GALLEY_TOKEN_PUNCTUATION;
        if (is_terminal_cp(cp) && push_terminal(t, (size_t)(tok - t->tokens)) != 0)
            return -1;
        j = i + (size_t)w;
        if (cp < 128) {
            if (cp == '?' || cp == '!') {
                while (j < end && (s[j] == '?' || s[j] == '!'))
                    j++;
            } else if (strchr(".-*=_~#", (int)cp)) {
                while (j < end && s[j] == (unsigned char)cp)
                    j++;
            }
        } else {
            ascii = 0;
        }
        if (is_quote_mark(cp))
            tok->flags |= quote_flags(t, bi, (size_t)(tok - t->tokens), i, j, end, cp, q);
        else if (q->depth > 0)
            tok->flags |= GALLEY_TOKEN_QUOTED;
    } else {
        tok->kind = GALLEY_TOKEN_SYMBOL;
        j = i + (size_t)w;
        if (cp >= 128)
            ascii = 0;
    }
    if (tok->kind != GALLEY_TOKEN_PUNCTUATION && q->depth > 0)
        tok->flags |= GALLEY_TOKEN_QUOTED;
    tok->end = (uint32_t)j;
    if (ascii && (tok->kind == GALLEY_TOKEN_WORD || tok->kind == GALLEY_TOKEN_NUMBER)) {
        /* already written while scanning */
        size_t n = j - i;
        t->folds[t->folds_len + n] = '\0';
        tok->fold = t->folds + t->folds_len;
        tok->fold_len = (uint32_t)n;
        t->folds_len += n + 1;
    } else {
        if (fold_token(t, tok, ascii) != 0)
            return -1;
        /* A Unicode fold can be longer than its bytes (ΐ is three code
           points folded): keep the room the scanner relies on. */
        size_t room = t->folds_len + 2 * (size_t)(end - j) + 1 + FOLD_SLACK;
        if (reserve_folds(t, room) != 0)
            return -1;
    }
    *next = j;
    return 0;
}

/*
 * The fast scanner reads a block 64 bytes at a time.  For each window it
 * first computes, for all 64 bytes at once, which are ASCII letters, digits,
 * upper and lower case, white space and joiners (' - . and the bytes of
 * multi-byte characters), as one bit a byte, and the bytes with A-Z lowered.
 * Tokens are then found with bit operations on those masks, so reading a word
 * does not wait on the word before it.  The scanner settles the common
 * tokens: ASCII words, with ' and - inside them, that nothing can carry on;
 * ASCII numbers, with , and . inside them; ASCII punctuation and symbols;
 * quotation marks (through quote_flags, as the general tokeniser does); and
 * the marks and symbols of self_token.  Anything else, or anything it cannot
 * be sure of (a full stop after one letter, a letter of another script after
 * a joiner, a word longer than a window), takes general_step, which gives the
 * same tokens for every input; the scanner only gets there sooner.
 */
#define WINDOW 64

typedef struct window {
    /* bit n: byte base + n.  `joiner` marks the bytes that may carry a word
       on: ' - . and every byte of a multi-byte character. */
    uint64_t word, upper, lower, space, joiner;
    unsigned char fold[WINDOW + FOLD_SLACK];
} window;

#if defined(__SSE2__)
/* Bytes of v in [lo, hi], as 0xFF: one add and one signed compare. */
#define IN_RANGE(v, lo, hi)                                                                        \
    _mm_cmplt_epi8(_mm_add_epi8((v), _mm_set1_epi8((char)(0x80 - (lo)))),                          \
                   _mm_set1_epi8((char)(0x80 - 0x100 + (hi) - (lo) + 1)))

static inline void window_masks(window *w, const unsigned char *src)
{
    uint64_t letter = 0, small = 0, digit = 0, space = 0, joiner = 0;
    for (size_t k = 0; k < WINDOW / 16; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(src + 16 * k));
        __m128i lowered = _mm_or_si128(v, _mm_set1_epi8(0x20));
        __m128i lt = IN_RANGE(lowered, 'a', 'z');
        __m128i sp = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), IN_RANGE(v, '\t', '\r'));
        __m128i jn = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')), IN_RANGE(v, '-', '.'));
        _mm_storeu_si128((__m128i *)(void *)(w->fold + 16 * k),
                         _mm_or_si128(v, _mm_and_si128(lt, _mm_set1_epi8(0x20))));
        unsigned shift = 16u * (unsigned)k;
        letter |= (uint64_t)(unsigned)_mm_movemask_epi8(lt) << shift;
        /* bit 5 (0x20, set in lower-case letters) moved up to bit 7 */
        small |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_slli_epi16(v, 2)) << shift;
        digit |= (uint64_t)(unsigned)_mm_movemask_epi8(IN_RANGE(v, '0', '9')) << shift;
        space |= (uint64_t)(unsigned)_mm_movemask_epi8(sp) << shift;
        joiner |= (uint64_t)(unsigned)(_mm_movemask_epi8(jn) | _mm_movemask_epi8(v)) << shift;
    }
    w->word = letter | digit;
    w->upper = letter & ~small;
    w->lower = letter & small;
    w->space = space;
    w->joiner = joiner;
}
#undef IN_RANGE

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_AVX2_MASKS 1
/* The same masks 32 bytes a step, on processors with AVX2 (chosen at run time). */
#define IN_RANGE(v, lo, hi)                                                                        \
    _mm256_cmpgt_epi8(_mm256_set1_epi8((char)(0x80 - 0x100 + (hi) - (lo) + 1)),                    \
                      _mm256_add_epi8((v), _mm256_set1_epi8((char)(0x80 - (lo)))))

__attribute__((target("avx2"))) static void window_masks_avx2(window *w, const unsigned char *src)
{
    uint64_t letter = 0, small = 0, digit = 0, space = 0, joiner = 0;
    for (size_t k = 0; k < WINDOW / 32; k++) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(src + 32 * k));
        __m256i lowered = _mm256_or_si256(v, _mm256_set1_epi8(0x20));
        __m256i lt = IN_RANGE(lowered, 'a', 'z');
        __m256i sp =
            _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(' ')), IN_RANGE(v, '\t', '\r'));
        __m256i jn =
            _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\'')), IN_RANGE(v, '-', '.'));
        _mm256_storeu_si256((__m256i *)(void *)(w->fold + 32 * k),
                            _mm256_or_si256(v, _mm256_and_si256(lt, _mm256_set1_epi8(0x20))));
        unsigned shift = 32u * (unsigned)k;
        letter |= (uint64_t)(uint32_t)_mm256_movemask_epi8(lt) << shift;
        small |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_slli_epi16(v, 2)) << shift;
        digit |= (uint64_t)(uint32_t)_mm256_movemask_epi8(IN_RANGE(v, '0', '9')) << shift;
        space |= (uint64_t)(uint32_t)_mm256_movemask_epi8(sp) << shift;
        joiner |= (uint64_t)((uint32_t)_mm256_movemask_epi8(jn) | (uint32_t)_mm256_movemask_epi8(v))
                  << shift;
    }
    w->word = letter | digit;
    w->upper = letter & ~small;
    w->lower = letter & small;
    w->space = space;
    w->joiner = joiner;
}
#undef IN_RANGE
#endif
#else
/* The same masks, a byte at a time, for machines without SSE2. */
static inline void window_masks(window *w, const unsigned char *src)
{
    w->word = w->upper = w->lower = w->space = w->joiner = 0;
    for (unsigned n = 0; n < WINDOW; n++) {
        unsigned char c = src[n];
        uint64_t bit = (uint64_t)1 << n;
        int k = c < 0x80 ? ascii_class[c] : -1;
        if (k == CC_UPPER)
            w->upper |= bit;
        if (k == CC_LOWER)
            w->lower |= bit;
        if (k == CC_UPPER || k == CC_LOWER || k == CC_DIGIT)
            w->word |= bit;
        if (k == CC_SPACE)
            w->space |= bit;
        if (c >= 0x80 || c == '\'' || c == '-' || c == '.')
            w->joiner |= bit;
        w->fold[n] = c < 0x80 ? ascii_fold[c] : c;
    }
}
#endif

/*
 * Fills the window for the n bytes (1 to 64) of the block at base.  Reads 64
 * bytes from the text when it has them, else a zero-padded copy; past n every
 * byte counts as white space and as nothing else.
 */
static inline __attribute__((always_inline)) void window_load(window *w, const gl_text *t,
                                                              size_t base, size_t n, int avx2)
{
    const unsigned char *src = (const unsigned char *)t->bytes + base;
    unsigned char pad[WINDOW];
    if (base + WINDOW > t->length) {
        memcpy(pad, src, n);
        memset(pad + n, 0, WINDOW - n);
        src = pad;
    }
#if defined(HAVE_AVX2_MASKS)
    if (avx2)
        window_masks_avx2(w, src);
    else
        window_masks(w, src);
#else
    (void)avx2;
    window_masks(w, src);
#endif
    memset(w->fold + WINDOW, 0, FOLD_SLACK);
    if (n < WINDOW) { /* past the block: white space, and nothing else */
        uint64_t valid = ((uint64_t)1 << n) - 1;
        w->word &= valid;
        w->upper &= valid;
        w->lower &= valid;
        w->joiner &= valid;
        w->space |= ~valid;
    }
}

/*
 * The scanner over block bi.  It is compiled twice (tokenise_block and, where
 * the compiler can target AVX2, tokenise_block_avx2), `avx2` a constant in
 * each: the second also gets the bit-manipulation instructions (andn, shlx,
 * tzcnt) that processors with AVX2 have.
 */
static inline __attribute__((always_inline)) int scan_block(gl_text *t, size_t bi, int avx2)
{
    const unsigned char *s = (const unsigned char *)t->bytes;
    galley_block *b = &t->blocks[bi];
    size_t i = b->start, end = b->end;
    quote_state q;
    q.depth = 0;
    uint16_t quoted = 0; /* GALLEY_TOKEN_QUOTED while a quotation is open */

    b->first_token = (uint32_t)t->token_count;
    /* Room for every ASCII token's fold and its NUL (never more than twice the
       block's bytes) and the fast scanner's slack.  Folds are written there
       without checking. */
    size_t room = t->folds_len + 2 * (size_t)(end - i) + 1 + FOLD_SLACK;
    if (reserve_folds(t, room) != 0)
        return -1;
    /* The arrays' state in locals while the fast scanner runs: stores of fold
       bytes through a char pointer would otherwise make the compiler reload
       them from *t after each one.  Written back around general_step. */
    galley_token *tokens = t->tokens;
    char *folds = t->folds;
    size_t count = t->token_count, folds_len = t->folds_len, cap = t->token_cap;
    window w;
    while (i < end) {
        size_t base = i, n = end - base < WINDOW ? end - base : WINDOW;
        window_load(&w, t, base, n, avx2);
        const uint64_t word = w.word, upper = w.upper, lower = w.lower, space = w.space;
        const uint64_t letter = upper | lower, joiner = w.joiner;
        /* A window holds at most one token a byte: room for them all. */
        if (cap - count < WINDOW) {
            t->token_count = count;
            if (gl_reserve((void **)&t->tokens, &t->token_cap, count + WINDOW, sizeof *t->tokens) !=
                0)
                return -1;
            tokens = t->tokens;
            cap = t->token_cap;
        }
        size_t p = 0; /* the scanner's place in the window */
        for (;;) {
            /* Bytes past the block count as space: `ahead` ends with them. */
            uint64_t ahead = ~space & (~(uint64_t)0 << p);
            if (!ahead) {
                p = n;
                break;
            }
            p = (size_t)__builtin_ctzll(ahead);
            uint64_t first = (uint64_t)1 << p;
            size_t e; /* where the token ends, in the window */
            uint16_t flags = quoted, kind;
            char *fold = folds + folds_len;
            size_t len_fold = 0; /* when the fold is shorter than the token */
            unsigned c, fast;
            int cw;
            int32_t cp;
            if (letter & first) {
                size_t segment = p; /* where the part after the last ' or - starts */
                uint64_t from = first;
                for (;;) {
                    uint64_t stop = ~word & ~(from - 1);
                    if (!stop) {
                        if (base + WINDOW < end) /* it may go on past the window */
                            goto reread;
                        e = WINDOW; /* the word ends the block */
                        break;
                    }
                    e = (size_t)__builtin_ctzll(stop);
                    if (!((joiner >> e) & 1))
                        break;
                    unsigned x = s[base + e];
                    if (x == '.') {
                        /* a full stop after one letter may be an initial (U.S.) */
                        if (e - segment > 1)
                            break;
                        goto general;
                    }
                    if (x >= 0x80) {
                        if (ends_word(s + base + e))
                            break;
                        goto general;
                    }
                    /* ' or - joins the letters after it (don't, Jean-Luc) and - digits (F-16) */
                    if (e + 1 >= n) {
                        if (base + e + 1 >= end)
                            break; /* the block ends after the mark */
                        goto reread;
                    }
                    uint64_t after = (uint64_t)1 << (e + 1);
                    if ((letter & after) || (x == '-' && (word & after))) {
                        segment = e + 1;
                        from = after;
                        continue;
                    }
                    if (s[base + e + 1] >= 0x80)
                        goto general; /* perhaps a letter of another script */
                    break;
                }
                kind = GALLEY_TOKEN_WORD;
                if (upper & first) {
                    uint64_t run =
                        (e == WINDOW ? ~(uint64_t)0 : ((uint64_t)1 << e) - 1) & ~(first - 1);
                    uint64_t capitals = upper & run;
                    flags |= GALLEY_TOKEN_CAPITALISED;
                    if (!(lower & run) && (capitals & (capitals - 1)) != 0) /* two or more */
                        flags |= GALLEY_TOKEN_ALL_CAPS;
                }
                memcpy(fold, w.fold + p, FOLD_SLACK);
                if (e - p > FOLD_SLACK)
                    memcpy(fold, w.fold + p, e - p);
            } else if (word & first) { /* a digit: a number */
                uint64_t digit = word & ~letter, from = first;
                for (;;) {
                    uint64_t stop = ~digit & ~(from - 1);
                    if (!stop) {
                        if (base + WINDOW < end)
                            goto reread;
                        e = WINDOW;
                        break;
                    }
                    e = (size_t)__builtin_ctzll(stop);
                    if (base + e >= end)
                        break;
                    unsigned x = s[base + e];
                    if (x >= 0x80) {
                        int xw;
                        if (class_of(decode(s, base + e, &xw)) == CC_DIGIT)
                            goto general; /* a digit of another script goes on */
                        break;
                    }
                    if (x != ',' && x != '.')
                        break;
                    /* 3,000 and 1.5 are one number; "2022." ends at the full stop */
                    if (e + 1 >= n) {
                        if (base + e + 1 >= end)
                            break;
                        goto reread;
                    }
                    uint64_t after = (uint64_t)1 << (e + 1);
                    if (digit & after) {
                        from = after;
                        continue;
                    }
                    if (s[base + e + 1] >= 0x80)
                        goto general;
                    break;
                }
                kind = GALLEY_TOKEN_NUMBER;
                memcpy(fold, w.fold + p, FOLD_SLACK);
                if (e - p > FOLD_SLACK)
                    memcpy(fold, w.fold + p, e - p);
            } else if ((fast = ascii_fast[c = s[base + p]]) == FAST_PUNCT) {
                fold[0] = (char)c;
                e = p + 1;
                kind = GALLEY_TOKEN_PUNCTUATION;
            } else if (fast == FAST_RUN || fast == FAST_QUERY) {
                size_t j = base + p;
                do
                    fold[j - base - p] = (char)s[j];
                while (++j < end &&
                       (s[j] == c || (fast == FAST_QUERY && (s[j] == '?' || s[j] == '!'))));
                e = j - base;
                if (c == '.' || c == '?' || c == '!') {
                    t->token_count = count;
                    if (push_terminal(t, count) != 0)
                        return -1;
                }
                kind = GALLEY_TOKEN_PUNCTUATION;
            } else if (fast == FAST_SYMBOL) {
                fold[0] = (char)c;
                e = p + 1;
                kind = GALLEY_TOKEN_SYMBOL;
            } else if (fast == FAST_QUOTE ||
                       (c >= 0x80 && is_quote_mark(cp = decode(s, base + p, &cw)) && cp < 0x3000)) {
                if (fast == FAST_QUOTE) {
                    cp = (int32_t)c;
                    cw = 1;
                }
                e = p + (size_t)cw;
                flags = quote_flags(t, bi, count, base + p, base + e, end, cp, &q);
                quoted = q.depth > 0 ? GALLEY_TOKEN_QUOTED : 0;
                /* Curly quotes fold to straight ones */
                fold[0] = cp < 0x80                                        ? (char)cp
                          : (cp == 0x2018 || cp == 0x2019 || cp == 0x201B) ? '\''
                                                                           : '"';
                kind = GALLEY_TOKEN_PUNCTUATION;
                len_fold = 1;
            } else if (c >= 0x80 && (kind = (uint16_t)is_self_token(s + base + p, &cw)) != 0) {
                memcpy(fold, s + base + p, (size_t)cw);
                e = p + (size_t)cw;
            } else {
                if (0) {
                reread: /* the token may go on past the window: read it in the next */
                    if (p > 0)
                        break;
                }
            general:
                t->token_count = count;
                t->folds_len = folds_len;
                size_t next;
                if (general_step(t, bi, base + p, end, &q, &next) != 0)
                    return -1;
                quoted = q.depth > 0 ? GALLEY_TOKEN_QUOTED : 0;
                if (t->token_cap - t->token_count < WINDOW &&
                    gl_reserve((void **)&t->tokens, &t->token_cap, t->token_count + WINDOW,
                               sizeof *t->tokens) != 0)
                    return -1;
                tokens = t->tokens;
                folds = t->folds;
                count = t->token_count;
                folds_len = t->folds_len;
                cap = t->token_cap;
                p = next - base;
                if (p >= n)
                    break;
                continue;
            }
            galley_token *tok = &tokens[count++];
            size_t len = len_fold ? len_fold : e - p;
            fold[len] = '\0';
            tok->fold = folds + folds_len;
            tok->fold_len = (uint32_t)len;
            tok->start = (uint32_t)(base + p);
            tok->end = (uint32_t)(base + e);
            tok->block = (uint32_t)bi; /* and the sentence when sentences are split */
            tok->kind = kind;
            tok->flags = flags;
            folds_len += len + 1;
            p = e;
            if (p >= n)
                break;
        }
        i = base + p;
    }
    t->token_count = count;
    t->folds_len = folds_len;
    b->token_count = (uint32_t)(t->token_count - b->first_token);
    return 0;
}

static int tokenise_block(gl_text *t, size_t bi)
{
    return scan_block(t, bi, 0);
}

#if defined(HAVE_AVX2_MASKS)
__attribute__((target("avx2,bmi,bmi2,popcnt"))) static int tokenise_block_avx2(gl_text *t,
                                                                               size_t bi)
{
    return scan_block(t, bi, 1);
}
#endif

/* The same tokens by general_step alone: what the fast scanner is checked against. */
static int tokenise_block_general(gl_text *t, size_t bi)
{
    galley_block *b = &t->blocks[bi];
    size_t i = b->start, end = b->end;
    quote_state q;
    q.depth = 0;
    b->first_token = (uint32_t)t->token_count;
    if (reserve_folds(t, t->folds_len + 2 * (size_t)(end - i) + 1 + FOLD_SLACK) != 0)
        return -1;
    while (i < end)
        if (general_step(t, bi, i, end, &q, &i) != 0)
            return -1;
    b->token_count = (uint32_t)(t->token_count - b->first_token);
    return 0;
}

/* ---- sentences ---------------------------------------------------------- */

/*
 * Abbreviations after which a full stop does not end a sentence.  Titles and
 * ranks come first: they are always followed by a name.  Words that often end
 * a sentence ("etc.", "Inc.", "a.m.") are not here; a lower-case word after
 * them already keeps the sentence going.  First names written short come last:
 * "Md. Rafiqul Islam", "Mohd. Faiz", "Ma. Cristina", "Wm. Tait".
 */
static const char *const abbreviations[] = {
    "mr",     "mrs",  "ms",   "mx",   "dr",   "prof",  "gen",    "lt",   "col",   "maj",  "capt",
    "cpt",    "sgt",  "cpl",  "pvt",  "adm",  "cmdr",  "cdr",    "brig", "rev",   "fr",   "sr",
    "st",     "sen",  "rep",  "gov",  "pres", "hon",   "messrs", "mme",  "mlle",  "mgr",  "supt",
    "insp",   "det",  "vs",   "v",    "cf",   "e.g",   "i.e",    "u.s",  "u.k",   "u.n",  "e.u",
    "approx", "dept", "fig",  "vol",  "no",   "nos",   "mt",     "ft",   "jan",   "feb",  "mar",
    "apr",    "jun",  "jul",  "aug",  "sep",  "sept",  "oct",    "nov",  "dec",   "ave",  "blvd",
    "rd",     "sq",   "al",   "op",   "pp",   "ch",    "art",    "para", "const", "cst",  "cllr",
    "cr",     "ald",  "adj",  "comr", "asst", "lieut", "cmdt",   "md",   "mohd",  "muhd", "ma",
    "wm",     "thos", "chas", "jas"};

/* Every abbreviation is short: most words are ruled out by length alone. */
#define ABBREVIATION_MAX 6

/* abbreviation_mask[c] has bit n set when an abbreviation of n bytes starts with c. */
static unsigned char abbreviation_mask[256];

_Static_assert(GL_ARRAY_SIZE(abbreviations) < 255, "abbreviation indexes are bytes");

/* The abbreviations by first letter: abbreviation_first[c] is 1 + the index of
   the first that starts with c (0 for none), abbreviation_next[i] likewise. */
static unsigned char abbreviation_first[256];
static unsigned char abbreviation_next[GL_ARRAY_SIZE(abbreviations)];

static void init_abbreviations(void)
{
    for (size_t i = GL_ARRAY_SIZE(abbreviations); i-- > 0;) {
        unsigned char c = (unsigned char)abbreviations[i][0];
        size_t n = strlen(abbreviations[i]);
        assert(n > 0 && n <= ABBREVIATION_MAX);
        abbreviation_mask[c] |= (unsigned char)(1u << n);
        abbreviation_next[i] = abbreviation_first[c];
        abbreviation_first[c] = (unsigned char)(i + 1);
    }
}

static int is_abbreviation(const char *fold, size_t length)
{
    if (length == 0 || length > ABBREVIATION_MAX ||
        !(abbreviation_mask[(unsigned char)fold[0]] & (1u << length)))
        return 0;
    for (size_t i = abbreviation_first[(unsigned char)fold[0]]; i; i = abbreviation_next[i - 1])
        if (strcmp(fold, abbreviations[i - 1]) == 0)
            return 1;
    return 0;
}

static int32_t first_cp(const gl_text *t, const galley_token *tok)
{
    int w;
    return decode((const unsigned char *)t->bytes, tok->start, &w);
}

/* Closing marks that belong to the sentence before them: ." .) .’ */
static int is_closer(const gl_text *t, const galley_token *tok)
{
    if (tok->kind != GALLEY_TOKEN_PUNCTUATION)
        return 0;
    if (tok->flags & GALLEY_TOKEN_QUOTE_CLOSE)
        return 1;
    /* » and ” open quotations in Danish, German and Swedish text ("Han gik.
       »Vi vinder«"); an opener starts the next sentence, whatever its shape. */
    if (tok->flags & GALLEY_TOKEN_QUOTE_OPEN)
        return 0;
    int32_t cp = first_cp(t, tok);
    if (cp == ')' || cp == ']' || cp == '}' || cp == 0x2019 || cp == 0x201D || cp == 0x00BB)
        return 1;
    int cat = cp < 128 ? 0 : utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_PE || cat == UTF8PROC_CATEGORY_PF;
}

static int is_boundary(const gl_text *t, size_t first, size_t term, size_t next)
{
    const galley_token *tk = &t->tokens[term], *nx = &t->tokens[next];
    if (nx->kind == GALLEY_TOKEN_WORD && class_of(first_cp(t, nx)) == CC_LOWER)
        return 0;
    if (tk->end - tk->start == 1 && t->bytes[tk->start] == '.' && term > first) {
        const galley_token *pv = &t->tokens[term - 1];
        const char *pf = pv->fold;
        if (pv->kind == GALLEY_TOKEN_WORD && pv->end == tk->start) {
            /* An initial: J. K. Rowling */
            if ((pv->flags & GALLEY_TOKEN_CAPITALISED) && gl_utf8_count(pf, pv->fold_len) == 1)
                return 0;
            /* Capital initials written together (J.K. Rowling, the U.N. Council) are
               one word, so they need the same rule as a single initial.  Lower-case
               ones such as a.m. and p.m. often end a sentence and still may. */
            if ((pv->flags & GALLEY_TOKEN_CAPITALISED) && memchr(pf, '.', pv->fold_len))
                return 0;
            if ((pv->fold_len == 2 && memcmp(pf, "no", 2) == 0) ||
                (pv->fold_len == 3 && memcmp(pf, "nos", 3) == 0))
                return nx->kind != GALLEY_TOKEN_NUMBER;
            if (is_abbreviation(pf, pv->fold_len))
                return 0;
        }
    }
    return 1;
}

static int add_sentence(gl_text *t, size_t bi, size_t first, size_t past)
{
    if (first >= past)
        return 0;
    if (t->sentence_count == t->sentence_cap &&
        gl_reserve((void **)&t->sentences, &t->sentence_cap, t->sentence_count + 1,
                   sizeof *t->sentences) != 0)
        return -1;
    galley_sentence *sn = &t->sentences[t->sentence_count];
    sn->start = t->tokens[first].start;
    sn->end = t->tokens[past - 1].end;
    sn->block = (uint32_t)bi;
    sn->first_token = (uint32_t)first;
    sn->token_count = (uint32_t)(past - first);
    const uint32_t index = (uint32_t)t->sentence_count;
    galley_token *tok = t->tokens + first, *stop = t->tokens + past;
    for (; tok < stop; tok++)
        tok->sentence = index;
    for (tok = t->tokens + first; tok < stop; tok++) {
        if (tok->kind == GALLEY_TOKEN_WORD || tok->kind == GALLEY_TOKEN_NUMBER) {
            tok->flags |= GALLEY_TOKEN_SENTENCE_INITIAL;
            break;
        }
    }
    t->sentence_count++;
    return 0;
}

/*
 * Splits block bi into sentences.  *next_terminal is the place in the list of
 * terminal marks of the first one not yet looked at; it is left past the
 * block's.
 */
static int split_sentences(gl_text *t, size_t bi, size_t *next_terminal)
{
    galley_block *b = &t->blocks[bi];
    size_t first = b->first_token, past = first + b->token_count, start = first;
    size_t ti = *next_terminal;
    b->first_sentence = (uint32_t)t->sentence_count;
    while (ti < t->terminal_count && t->terminals[ti] < past) {
        size_t k = t->terminals[ti++];
        /* Terminal marks in a row ("?..", ". . .") are one ending: splitting
           between them would make sentences of nothing but punctuation.  The
           last of them is the one that ends the sentence. */
        size_t j = k + 1, last = k;
        while (j < past) {
            if (ti < t->terminal_count && t->terminals[ti] == j) {
                last = j;
                ti++;
            } else if (!is_closer(t, &t->tokens[j])) {
                break;
            }
            j++;
        }
        if (j >= past) {
            t->tokens[last].flags |= GALLEY_TOKEN_SENTENCE_END;
            break;
        }
        if (is_boundary(t, first, k, j)) {
            t->tokens[last].flags |= GALLEY_TOKEN_SENTENCE_END;
            if (add_sentence(t, bi, start, j) != 0)
                return -1;
            start = j;
        }
    }
    while (ti < t->terminal_count && t->terminals[ti] < past)
        ti++;
    *next_terminal = ti;
    if (add_sentence(t, bi, start, past) != 0)
        return -1;
    b->sentence_count = (uint32_t)(t->sentence_count - b->first_sentence);
    return 0;
}

/* ---- entry points ------------------------------------------------------- */

void gl_text_free(gl_text *t)
{
    gl_free(t->blocks);
    gl_free(t->sentences);
    gl_free(t->tokens);
    gl_free(t->folds);
    gl_free(t->lines);
    gl_free(t->terminals);
    memset(t, 0, sizeof *t);
}

static int analyse(gl_text *t, const char *bytes, size_t length, const char *source,
                   galley_error *err, int fast)
{
    memset(t, 0, sizeof *t);
    pthread_once(&ascii_once, init_ascii_class);
    if (length > GL_TEXT_MAX_BYTES)
        return gl_error_at(err, GALLEY_EINPUT, source, 0, 0, -1,
                           "is %zu bytes; documents are limited to 4 GiB", length);
    t->bytes = bytes;
    t->length = length;
    if (length >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        t->body = 3;
    int rc = validate(t, source, err);
    if (rc != 0)
        return rc;
    /* Room that news text (five to six bytes a token, some forty a line)
       seldom outgrows, so the arrays are rarely copied as they fill.  The
       folds of ASCII tokens never need more than twice the text's bytes; only
       the scanner's slack and Unicode folds come on top. */
    size_t guess = length / 4 + WINDOW;
    if (gl_reserve((void **)&t->tokens, &t->token_cap, guess, sizeof *t->tokens) != 0 ||
        gl_reserve((void **)&t->folds, &t->folds_cap, 2 * length + 1 + FOLD_SLACK, 1) != 0 ||
        gl_reserve((void **)&t->lines, &t->line_cap, length / 32 + 8, sizeof *t->lines) != 0 ||
        gl_reserve((void **)&t->blocks, &t->block_cap, length / 64 + 8, sizeof *t->blocks) != 0 ||
        gl_reserve((void **)&t->sentences, &t->sentence_cap, length / 64 + 8,
                   sizeof *t->sentences) != 0 ||
        find_lines(t) != 0 || find_blocks(t) != 0)
        goto nomem;
    /* Each block split into sentences as soon as it is read, while its tokens are in cache. */
    size_t next_terminal = 0;
    for (size_t bi = 0; bi < t->block_count; bi++)
        if ((!fast      ? tokenise_block_general(t, bi)
#if defined(HAVE_AVX2_MASKS)
             : use_avx2 ? tokenise_block_avx2(t, bi)
#endif
                        : tokenise_block(t, bi)) != 0 ||
            split_sentences(t, bi, &next_terminal) != 0)
            goto nomem;
    gl_free(t->terminals);
    t->terminals = NULL;
    t->terminal_count = t->terminal_cap = 0;
    return 0;
nomem:
    gl_text_free(t);
    return gl_error_at(err, GALLEY_ENOMEM, source, 0, 0, -1, "out of memory analysing %zu bytes",
                       length);
}

int gl_text_analyse(gl_text *t, const char *bytes, size_t length, const char *source,
                    galley_error *err)
{
    return analyse(t, bytes, length, source, err, 1);
}

int gl_text_analyse_general(gl_text *t, const char *bytes, size_t length, const char *source,
                            galley_error *err)
{
    return analyse(t, bytes, length, source, err, 0);
}

int gl_text_set_avx2(int on)
{
    pthread_once(&ascii_once, init_ascii_class);
    int was = use_avx2;
#if defined(HAVE_AVX2_MASKS)
    use_avx2 = on && avx2_present();
#else
    (void)on;
#endif
    return was;
}

void gl_text_line_column(const gl_text *t, size_t offset, int *line, int *column)
{
    if (offset > t->length)
        offset = t->length;
    size_t lo = 0, hi = t->line_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    size_t start = t->line_count ? t->lines[lo] : 0;
    if (start < t->body)
        start = t->body;
    if (offset < start)
        offset = start;
    *line = (int)lo + 1;
    *column = (int)gl_utf8_count(t->bytes + start, offset - start) + 1;
}

size_t gl_text_block_at(const gl_text *t, size_t offset)
{
    size_t lo = 0, hi = t->block_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->blocks[mid].end <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < t->block_count && t->blocks[lo].start <= offset && offset < t->blocks[lo].end)
        return lo;
    return (size_t)-1;
}
