/*
 * test_text.c -- the text layer (core/src/text.c): UTF-8 validation, line
 * ends and the BOM, blocks, tokens and their folds and flags, quotations and
 * sentences, checked on small texts written inline, on the fixture files in
 * tests/fixtures/text/ and on inputs built to stress the limits.
 *
 * Every successful analysis also goes through check_structure(), which checks
 * the invariants that plugins rely on: blocks, sentences and tokens cover
 * each other exactly and point back at each other.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "alloc.h"
#include "internal.h"
#include "support.h"
#include "text.h"

#define SOURCE "article.txt"
#define QUOTE_FLAGS (GALLEY_TOKEN_QUOTED | GALLEY_TOKEN_QUOTE_OPEN | GALLEY_TOKEN_QUOTE_CLOSE)
#define CASE_FLAGS (GALLEY_TOKEN_CAPITALISED | GALLEY_TOKEN_ALL_CAPS)
#define NOT_FOUND ((size_t)-1)

/* ---- helpers ------------------------------------------------------------ */

/*
 * Helpers that describe a whole analysis as one string ("He|said|.") return
 * one of a few rotating static buffers, so that two of them can appear in the
 * same assertion.
 */
static char *scratch(void)
{
    static char buf[4][1 << 16];
    static int k;
    char *out = buf[k++ % 4];
    out[0] = '\0';
    return out;
}

static void append(char *out, const char *sep, const char *data, size_t len)
{
    size_t at = strlen(out);
    if (at > 0 && sep) {
        size_t s = strlen(sep);
        ck_assert_msg(at + s < (1 << 16), "description too long");
        memcpy(out + at, sep, s);
        at += s;
    }
    ck_assert_msg(at + len < (1 << 16), "description too long");
    memcpy(out + at, data, len);
    out[at + len] = '\0';
}

static const char *flag_names(unsigned flags)
{
    static const char *const names[] = {"CAPITALISED", "ALL_CAPS",    "SENTENCE_INITIAL", "QUOTED",
                                        "QUOTE_OPEN",  "QUOTE_CLOSE", "SENTENCE_END"};
    char *out = scratch();
    for (unsigned i = 0; i < GL_ARRAY_SIZE(names); i++)
        if (flags & (1u << i))
            append(out, "|", names[i], strlen(names[i]));
    if (!out[0])
        append(out, NULL, "none", 4);
    return out;
}

/*
 * Checks what every analysis must satisfy: blocks are ordered, trimmed and
 * disjoint; each block's tokens and sentences are exactly the ones that name
 * it; each sentence's tokens name it back; folds are NUL-terminated strings
 * of fold_len bytes; and the first word or number of a sentence, and only
 * that one, is SENTENCE_INITIAL.
 */
/* Every fold can be read GALLEY_FOLD_PADDING bytes wide, as galley.h promises plugins. */
static void check_fold_padding(const gl_text *t)
{
    for (size_t k = 0; k < t->token_count; k++) {
        const galley_token *tok = &t->tokens[k];
        size_t at = (size_t)(tok->fold - t->folds);
        if (tok->fold < t->folds || at + GALLEY_FOLD_PADDING > t->folds_cap)
            ck_abort_msg("token %zu: fold at %zu of %zu bytes, not %d readable bytes", k, at,
                         t->folds_cap, GALLEY_FOLD_PADDING);
    }
}

static void check_structure(const gl_text *t)
{
    check_fold_padding(t);
    size_t next_token = 0, next_sentence = 0, previous_end = t->body;
    for (size_t b = 0; b < t->block_count; b++) {
        const galley_block *blk = &t->blocks[b];
        ck_assert_msg(blk->start < blk->end, "block %zu is empty", b);
        ck_assert_msg(blk->start >= previous_end, "block %zu overlaps the one before", b);
        ck_assert_uint_le(blk->end, t->length);
        ck_assert_msg(!strchr(" \t\r\n", t->bytes[blk->start]) &&
                          !strchr(" \t\r\n", t->bytes[blk->end - 1]),
                      "block %zu is not trimmed", b);
        int line, column;
        gl_text_line_column(t, blk->start, &line, &column);
        ck_assert_int_eq((int)blk->line, line);
        ck_assert_uint_eq(gl_text_block_at(t, blk->start), b);
        ck_assert_uint_eq(gl_text_block_at(t, blk->end - 1), b);
        previous_end = blk->end;

        ck_assert_uint_eq(blk->first_token, next_token);
        ck_assert_msg(blk->token_count > 0, "block %zu has no tokens", b);
        size_t prev_end = blk->start;
        for (size_t k = blk->first_token; k < blk->first_token + blk->token_count; k++) {
            const galley_token *tok = &t->tokens[k];
            ck_assert_uint_eq(tok->block, b);
            ck_assert_msg(tok->start >= prev_end && tok->start < tok->end && tok->end <= blk->end,
                          "token %zu [%u, %u) is out of place in block %zu [%u, %u)", k, tok->start,
                          tok->end, b, blk->start, blk->end);
            ck_assert_int_ge(tok->kind, GALLEY_TOKEN_WORD);
            ck_assert_int_le(tok->kind, GALLEY_TOKEN_SYMBOL);
            ck_assert_ptr_nonnull(tok->fold);
            ck_assert_uint_eq(strlen(tok->fold), tok->fold_len);
            prev_end = tok->end;
        }
        ck_assert_uint_eq(t->tokens[blk->first_token].start, blk->start);
        ck_assert_uint_eq(t->tokens[blk->first_token + blk->token_count - 1].end, blk->end);
        next_token += blk->token_count;

        ck_assert_uint_eq(blk->first_sentence, next_sentence);
        ck_assert_msg(blk->sentence_count > 0, "block %zu has no sentences", b);
        size_t covered = blk->first_token;
        for (size_t s = blk->first_sentence; s < blk->first_sentence + blk->sentence_count; s++) {
            const galley_sentence *sn = &t->sentences[s];
            ck_assert_uint_eq(sn->block, b);
            ck_assert_uint_eq(sn->first_token, covered);
            ck_assert_uint_gt(sn->token_count, 0);
            ck_assert_uint_eq(sn->start, t->tokens[sn->first_token].start);
            ck_assert_uint_eq(sn->end, t->tokens[sn->first_token + sn->token_count - 1].end);
            int seen_word = 0;
            for (size_t k = sn->first_token; k < sn->first_token + sn->token_count; k++) {
                const galley_token *tok = &t->tokens[k];
                ck_assert_uint_eq(tok->sentence, s);
                int is_word = tok->kind == GALLEY_TOKEN_WORD || tok->kind == GALLEY_TOKEN_NUMBER;
                int initial = (tok->flags & GALLEY_TOKEN_SENTENCE_INITIAL) != 0;
                ck_assert_msg(initial == (is_word && !seen_word),
                              "token %zu: SENTENCE_INITIAL is %d in sentence %zu", k, initial, s);
                if (is_word)
                    seen_word = 1;
                if (tok->flags & GALLEY_TOKEN_SENTENCE_END)
                    ck_assert_int_eq(tok->kind, GALLEY_TOKEN_PUNCTUATION);
            }
            covered += sn->token_count;
        }
        ck_assert_uint_eq(covered, blk->first_token + blk->token_count);
        next_sentence += blk->sentence_count;
    }
    ck_assert_uint_eq(next_token, t->token_count);
    ck_assert_uint_eq(next_sentence, t->sentence_count);
}

static void analyse_n(gl_text *t, const char *bytes, size_t length)
{
    galley_error err;
    galley_error_clear(&err);
    int rc = gl_text_analyse(t, bytes, length, SOURCE, &err);
    ck_assert_msg(rc == 0, "gl_text_analyse failed (%d): %s", rc, err.text);
    check_structure(t);
}

static void analyse(gl_text *t, const char *text)
{
    analyse_n(t, text, strlen(text));
}

/* Every token's original text, joined with '|'. */
static const char *token_texts(const gl_text *t)
{
    char *out = scratch();
    for (size_t k = 0; k < t->token_count; k++)
        append(out, "|", t->bytes + t->tokens[k].start, t->tokens[k].end - t->tokens[k].start);
    return out;
}

static const char *token_folds(const gl_text *t)
{
    char *out = scratch();
    for (size_t k = 0; k < t->token_count; k++)
        append(out, "|", t->tokens[k].fold, t->tokens[k].fold_len);
    return out;
}

/* One letter a token: W(ord), N(umber), P(unctuation), S(ymbol). */
static const char *token_kinds(const gl_text *t)
{
    char *out = scratch();
    for (size_t k = 0; k < t->token_count; k++)
        append(out, NULL, &"?WNPS"[t->tokens[k].kind], 1);
    return out;
}

static const char *sentence_texts(const gl_text *t)
{
    char *out = scratch();
    for (size_t s = 0; s < t->sentence_count; s++)
        append(out, "|", t->bytes + t->sentences[s].start,
               t->sentences[s].end - t->sentences[s].start);
    return out;
}

static const char *block_texts(const gl_text *t)
{
    char *out = scratch();
    for (size_t b = 0; b < t->block_count; b++)
        append(out, "|", t->bytes + t->blocks[b].start, t->blocks[b].end - t->blocks[b].start);
    return out;
}

/* The words of one block that are inside a quotation, joined with '|'. */
static const char *quoted_words(const gl_text *t, size_t block)
{
    char *out = scratch();
    const galley_block *b = &t->blocks[block];
    for (size_t k = b->first_token; k < b->first_token + b->token_count; k++) {
        const galley_token *tok = &t->tokens[k];
        if (tok->kind == GALLEY_TOKEN_WORD && (tok->flags & GALLEY_TOKEN_QUOTED))
            append(out, "|", t->bytes + tok->start, tok->end - tok->start);
    }
    return out;
}

/* How many tokens in [first, past) carry any of the flags in mask. */
static size_t count_flagged(const gl_text *t, size_t first, size_t past, unsigned mask)
{
    size_t n = 0;
    for (size_t k = first; k < past; k++)
        if (t->tokens[k].flags & mask)
            n++;
    return n;
}

/* The index of the nth (0-based) token whose text is exactly `text`. */
static size_t find_token(const gl_text *t, const char *text, int nth)
{
    size_t len = strlen(text);
    for (size_t k = 0; k < t->token_count; k++) {
        const galley_token *tok = &t->tokens[k];
        if (tok->end - tok->start == len && memcmp(t->bytes + tok->start, text, len) == 0 &&
            nth-- == 0)
            return k;
    }
    return NOT_FOUND;
}

/* Asserts that the nth token spelled `text` has exactly `want` among the flags in `mask`. */
#define expect_flags(t, text, nth, mask, want)                                                     \
    do {                                                                                           \
        size_t k_ = find_token((t), (text), (nth));                                                \
        ck_assert_msg(k_ != NOT_FOUND, "no token \"%s\" #%d in %s", (text), (nth),                 \
                      token_texts(t));                                                             \
        unsigned got_ = (t)->tokens[k_].flags & (unsigned)(mask);                                  \
        ck_assert_msg(got_ == (unsigned)(want), "token \"%s\" #%d (index %zu): %s, expected %s",   \
                      (text), (nth), k_, flag_names(got_), flag_names((unsigned)(want)));          \
    } while (0)

/* Asserts that input is rejected as GALLEY_EINPUT at a byte offset, line and column. */
static void expect_rejected(const char *bytes, size_t length, long long position, int line,
                            int column, const char *reason)
{
    gl_text t;
    galley_error err;
    galley_error_clear(&err);
    int rc = gl_text_analyse(&t, bytes, length, SOURCE, &err);
    ck_assert_int_eq(rc, GALLEY_EINPUT);
    ck_assert_int_eq(err.status, GALLEY_EINPUT);
    ck_assert_int_eq(err.position, position);
    ck_assert_int_eq(err.line, line);
    ck_assert_int_eq(err.column, column);
    ck_assert_str_eq(err.source, SOURCE);
    char where[128];
    snprintf(where, sizeof where, "byte offset %lld (line %d, column %d", position, line, column);
    ck_assert_contains(err.text, where);
    ck_assert_contains(err.text, reason);
    /* A rejected text is left empty, and freeing it is still safe. */
    ck_assert_uint_eq(t.block_count, 0);
    ck_assert_uint_eq(t.token_count, 0);
    ck_assert_uint_eq(t.sentence_count, 0);
    gl_text_free(&t);
}

#define REJECT(literal, position, line, column, reason)                                            \
    expect_rejected((literal), sizeof(literal) - 1, (position), (line), (column), (reason))

/* ---- validation --------------------------------------------------------- */

START_TEST(nul_byte_is_rejected_with_offset_line_and_column)
{
    REJECT("ab\ncd\0ef", 5, 2, 3, "NUL byte");
    REJECT("\0text", 0, 1, 1, "NUL byte");
    /* Past the first eight bytes, where plain ASCII is checked a word at a time. */
    REJECT("0123456789abcdefgh\0ijklmnopqrstuvwxyz", 18, 1, 19, "NUL byte");
}
END_TEST

START_TEST(nul_byte_column_counts_characters_not_bytes)
{
    /* "Zoë " is five bytes but four characters. */
    REJECT("Zo\xC3\xAB \0", 5, 1, 5, "NUL byte");
}
END_TEST

START_TEST(lone_continuation_byte_is_rejected)
{
    REJECT("abc \x80 def", 4, 1, 5, "invalid UTF-8");
    REJECT("abcdefghijklmnop\xBFqrstuvwxyz", 16, 1, 17, "byte 0xBF");
}
END_TEST

START_TEST(truncated_sequence_at_end_is_rejected)
{
    REJECT("caf\xC3", 3, 1, 4, "invalid UTF-8");
    REJECT("price \xE2\x82", 6, 1, 7, "byte 0xE2");
    REJECT("emoji \xF0\x9F\x91", 6, 1, 7, "byte 0xF0");
}
END_TEST

START_TEST(overlong_encoding_is_rejected)
{
    /* C0 AF would be '/' spelled in two bytes, the classic path-traversal trick. */
    REJECT("a\xC0\xAF", 1, 1, 2, "byte 0xC0");
    REJECT("ab\xE0\x80\xAF", 2, 1, 3, "byte 0xE0");
}
END_TEST

START_TEST(surrogate_is_rejected)
{
    REJECT("ab\xED\xA0\x80", 2, 1, 3, "byte 0xED");
}
END_TEST

START_TEST(code_point_above_unicode_is_rejected)
{
    REJECT("\xF4\x90\x80\x80", 0, 1, 1, "byte 0xF4");
    REJECT("x\xF5\x80\x80\x80", 1, 1, 2, "byte 0xF5");
}
END_TEST

START_TEST(invalid_byte_position_counts_lines_in_every_line_end)
{
    /* LF, then Cyrillic "сон " (seven bytes, four characters) before the bad byte. */
    REJECT("Zo\xC3\xAB\n\xD1\x81\xD0\xBE\xD0\xBD \xFF", 12, 2, 5, "byte 0xFF");
    /* CRLF counts as one line end, a lone CR as one too. */
    REJECT("a\r\nb\rcd\x80", 7, 3, 3, "invalid UTF-8");
    REJECT("a\r\n\r\n\x80", 5, 3, 1, "invalid UTF-8");
}
END_TEST

START_TEST(error_after_bom_counts_columns_from_the_first_character)
{
    REJECT("\xEF\xBB\xBF"
           "ab\x80",
           5, 1, 3, "invalid UTF-8");
    REJECT("\xEF\xBB\xBF\0", 3, 1, 1, "NUL byte");
}
END_TEST

START_TEST(valid_multibyte_text_is_accepted)
{
    gl_text t;
    /* Cyrillic, Vietnamese with precomposed and combining marks, CJK, emoji. */
    analyse(&t, "Привет, мир! Tiếng Việt; Vie\xCC\xA3\xCC\x82t. 北京欢迎你。 Great 👍🏽 "
                "news");
    ck_assert_str_eq(token_texts(&t), "Привет|,|мир|!|Tiếng|Việt|;|Vie\xCC\xA3\xCC\x82t|.|"
                                      "北京欢迎你|。|Great|👍|🏽|news");
    ck_assert_str_eq(token_kinds(&t), "WPWPWWPWPWPWSSW");
    gl_text_free(&t);
}
END_TEST

/* ---- BOM and line ends -------------------------------------------------- */

START_TEST(bom_is_skipped)
{
    gl_text t;
    const char *text = "\xEF\xBB\xBFHello world.\nSecond line";
    analyse(&t, text);
    ck_assert_uint_eq(t.body, 3);
    ck_assert_uint_eq(t.block_count, 1);
    ck_assert_uint_eq(t.blocks[0].start, 3);
    ck_assert_uint_eq(t.blocks[0].line, 1);
    ck_assert_str_eq(token_texts(&t), "Hello|world|.|Second|line");
    ck_assert_uint_eq(t.tokens[0].start, 3);
    expect_flags(&t, "Hello", 0, GALLEY_TOKEN_CAPITALISED | GALLEY_TOKEN_SENTENCE_INITIAL,
                 GALLEY_TOKEN_CAPITALISED | GALLEY_TOKEN_SENTENCE_INITIAL);
    int line, column;
    gl_text_line_column(&t, 3, &line, &column);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(column, 1);
    gl_text_line_column(&t, 9, &line, &column); /* "world" */
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(column, 7);
    /* An offset inside the BOM itself is reported as the first character. */
    gl_text_line_column(&t, 1, &line, &column);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(column, 1);
    gl_text_line_column(&t, 16, &line, &column); /* "Second" */
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(column, 1);
    gl_text_free(&t);
}
END_TEST

START_TEST(bom_alone_has_no_blocks)
{
    gl_text t;
    analyse(&t, "\xEF\xBB\xBF");
    ck_assert_uint_eq(t.block_count, 0);
    ck_assert_uint_eq(t.token_count, 0);
    ck_assert_uint_eq(t.sentence_count, 0);
    gl_text_free(&t);
}
END_TEST

START_TEST(folds_can_be_read_sixteen_bytes_wide)
{
    /* Folds longer than their text (ŉ is ʼn, İ is i and a dot above), one-byte
       words and marks, and a last token at the very end: check_structure
       checks every fold's GALLEY_FOLD_PADDING bytes. */
    static const char *const texts[] = {"a", "a.", "ŉ", "İ.İ.İ.İ", "ŉ.ŉ.ŉ.ŉ.ŉ.ŉ.ŉ.ŉ.ŉ.ŉ.ŉ.ŉ",
                                        "x y z\n\n1 2 3", "İİİİİİİİİİİİİİİİİİİİİİİİİİİİİİ"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        gl_text t;
        analyse(&t, texts[i]);
        ck_assert_uint_gt(t.token_count, 0);
        gl_text_free(&t);
    }
}
END_TEST

START_TEST(bom_inside_a_word_is_ignored_by_the_fold)
{
    /* U+FEFF after the start is a zero-width no-break space, a default-ignorable. */
    gl_text t;
    analyse(&t, "Zu\xEF\xBB\xBF"
                "sammen");
    ck_assert_uint_eq(t.token_count, 1);
    ck_assert_str_eq(t.tokens[0].fold, "zusammen");
    gl_text_free(&t);
}
END_TEST

/*
 * The same document with LF, CRLF and CR line ends must give the same blocks,
 * lines, tokens and sentences, and every token the same line and column.
 */
static void expect_same_as_lf(const char *lf, const char *other)
{
    gl_text a, b;
    analyse(&a, lf);
    analyse(&b, other);
    ck_assert_uint_eq(a.line_count, b.line_count);
    ck_assert_uint_eq(a.block_count, b.block_count);
    ck_assert_uint_eq(a.sentence_count, b.sentence_count);
    ck_assert_str_eq(token_texts(&a), token_texts(&b));
    for (size_t i = 0; i < a.block_count; i++) {
        ck_assert_uint_eq(a.blocks[i].line, b.blocks[i].line);
        ck_assert_uint_eq(a.blocks[i].token_count, b.blocks[i].token_count);
        ck_assert_uint_eq(a.blocks[i].sentence_count, b.blocks[i].sentence_count);
    }
    for (size_t k = 0; k < a.token_count; k++) {
        int la, ca, lb, cb;
        gl_text_line_column(&a, a.tokens[k].start, &la, &ca);
        gl_text_line_column(&b, b.tokens[k].start, &lb, &cb);
        ck_assert_msg(la == lb && ca == cb, "token %zu: LF %d:%d, other %d:%d", k, la, ca, lb, cb);
    }
    gl_text_free(&a);
    gl_text_free(&b);
}

START_TEST(crlf_and_cr_line_ends_match_lf)
{
    const char *lf = "Headline here\n\nFirst line\nsecond line. End.\n\n\nLast block\n";
    const char *crlf =
        "Headline here\r\n\r\nFirst line\r\nsecond line. End.\r\n\r\n\r\nLast block\r\n";
    const char *cr = "Headline here\r\rFirst line\rsecond line. End.\r\r\rLast block\r";
    expect_same_as_lf(lf, crlf);
    expect_same_as_lf(lf, cr);

    gl_text t;
    analyse(&t, crlf);
    ck_assert_uint_eq(t.line_count, 7);
    ck_assert_uint_eq(t.block_count, 3);
    ck_assert_uint_eq(t.blocks[0].line, 1);
    ck_assert_uint_eq(t.blocks[1].line, 3);
    ck_assert_uint_eq(t.blocks[2].line, 7);
    /* The CR of the CRLF pair inside the block stays; the trailing one is trimmed. */
    ck_assert_str_eq(block_texts(&t), "Headline here|First line\r\nsecond line. End.|Last block");
    gl_text_free(&t);
}
END_TEST

START_TEST(line_column_with_crlf)
{
    gl_text t;
    analyse(&t, "one\r\ntwo\r\n\r\nthree four");
    int line, column;
    gl_text_line_column(&t, 5, &line, &column); /* "two" */
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(column, 1);
    gl_text_line_column(&t, 7, &line, &column); /* "o" of "two" */
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(column, 3);
    gl_text_line_column(&t, 18, &line, &column); /* "four" */
    ck_assert_int_eq(line, 4);
    ck_assert_int_eq(column, 7);
    gl_text_free(&t);
}
END_TEST

START_TEST(line_column_with_lone_cr)
{
    gl_text t;
    analyse(&t, "one\rtwo\r\rthree");
    ck_assert_uint_eq(t.line_count, 4);
    int line, column;
    gl_text_line_column(&t, 4, &line, &column); /* "two" */
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(column, 1);
    gl_text_line_column(&t, 9, &line, &column); /* "three" */
    ck_assert_int_eq(line, 4);
    ck_assert_int_eq(column, 1);
    ck_assert_uint_eq(t.block_count, 2);
    ck_assert_str_eq(block_texts(&t), "one\rtwo|three");
    gl_text_free(&t);
}
END_TEST

START_TEST(line_column_with_mixed_line_ends)
{
    gl_text t;
    analyse(&t, "a\nb\r\nc\rd");
    ck_assert_uint_eq(t.line_count, 4);
    const size_t offsets[] = {0, 2, 5, 7};
    for (int i = 0; i < 4; i++) {
        int line, column;
        gl_text_line_column(&t, offsets[i], &line, &column);
        ck_assert_int_eq(line, i + 1);
        ck_assert_int_eq(column, 1);
    }
    gl_text_free(&t);
}
END_TEST

START_TEST(line_column_counts_characters)
{
    gl_text t;
    /* "Київ " is nine bytes and five characters; 北京 six bytes, two characters. */
    analyse(&t, "Київ 北京 news");
    int line, column;
    gl_text_line_column(&t, 9, &line, &column);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(column, 6);
    gl_text_line_column(&t, 16, &line, &column);
    ck_assert_int_eq(column, 9);
    ck_assert_str_eq(t.bytes + 16, "news");
    gl_text_free(&t);
}
END_TEST

/* ---- blocks ------------------------------------------------------------- */

START_TEST(blocks_are_trimmed)
{
    gl_text t;
    const char *text = "  \t Hello there.  \n\n\tSecond one\t \n";
    analyse(&t, text);
    ck_assert_str_eq(block_texts(&t), "Hello there.|Second one");
    ck_assert_uint_eq(t.blocks[0].start, 4);
    ck_assert_uint_eq(t.blocks[0].end, 16);
    ck_assert_uint_eq(t.blocks[1].start, 21);
    ck_assert_uint_eq(t.blocks[1].end, 31);
    gl_text_free(&t);
}
END_TEST

START_TEST(unicode_spaces_are_trimmed)
{
    gl_text t;
    /* NBSP before, an ideographic space U+3000 after. */
    analyse(&t, "\xC2\xA0Hello\xE3\x80\x80");
    ck_assert_uint_eq(t.block_count, 1);
    ck_assert_uint_eq(t.blocks[0].start, 2);
    ck_assert_uint_eq(t.blocks[0].end, 7);
    gl_text_free(&t);
}
END_TEST

START_TEST(lines_of_unicode_spaces_are_blank)
{
    gl_text t;
    analyse(&t, "One\n \t\n"
                "Two\n\xC2\xA0\xC2\xA0\n"            /* NBSP */
                "Three\n\xE3\x80\x80\n"              /* U+3000 ideographic space */
                "Four\n\xE2\x80\x83\t\xE2\x80\xAF\n" /* em space, tab, narrow NBSP */
                "Five");
    ck_assert_str_eq(block_texts(&t), "One|Two|Three|Four|Five");
    ck_assert_uint_eq(t.blocks[4].line, 9);
    gl_text_free(&t);
}
END_TEST

START_TEST(multi_line_block)
{
    gl_text t;
    analyse(&t, "Line one\nline two\nline three\n\nNext");
    ck_assert_uint_eq(t.block_count, 2);
    ck_assert_str_eq(block_texts(&t), "Line one\nline two\nline three|Next");
    ck_assert_uint_eq(t.blocks[0].token_count, 6);
    ck_assert_uint_eq(t.blocks[0].sentence_count, 1);
    ck_assert_uint_eq(t.blocks[1].line, 5);
    gl_text_free(&t);
}
END_TEST

START_TEST(block_first_line_numbers)
{
    gl_text t;
    analyse(&t, "\n\n  A\n\n\nB\nC\n\n\n\tD\n\n");
    ck_assert_str_eq(block_texts(&t), "A|B\nC|D");
    ck_assert_uint_eq(t.blocks[0].line, 3);
    ck_assert_uint_eq(t.blocks[1].line, 6);
    ck_assert_uint_eq(t.blocks[2].line, 10);
    gl_text_free(&t);
}
END_TEST

START_TEST(block_at_inside_and_between_blocks)
{
    gl_text t;
    const char *text = "  Alpha beta\n\nGamma";
    analyse(&t, text);
    ck_assert_uint_eq(gl_text_block_at(&t, 0), NOT_FOUND);  /* leading space */
    ck_assert_uint_eq(gl_text_block_at(&t, 2), 0);          /* "A" */
    ck_assert_uint_eq(gl_text_block_at(&t, 7), 0);          /* the space inside */
    ck_assert_uint_eq(gl_text_block_at(&t, 11), 0);         /* last "a" */
    ck_assert_uint_eq(gl_text_block_at(&t, 12), NOT_FOUND); /* end is exclusive */
    ck_assert_uint_eq(gl_text_block_at(&t, 13), NOT_FOUND);
    ck_assert_uint_eq(gl_text_block_at(&t, 14), 1);
    ck_assert_uint_eq(gl_text_block_at(&t, 18), 1);
    ck_assert_uint_eq(gl_text_block_at(&t, strlen(text)), NOT_FOUND);
    ck_assert_uint_eq(gl_text_block_at(&t, 1000), NOT_FOUND);
    gl_text_free(&t);
}
END_TEST

START_TEST(empty_and_blank_documents_have_no_blocks)
{
    gl_text t;
    analyse(&t, "");
    ck_assert_uint_eq(t.block_count, 0);
    ck_assert_uint_eq(gl_text_block_at(&t, 0), NOT_FOUND);
    int line, column;
    gl_text_line_column(&t, 0, &line, &column);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(column, 1);
    gl_text_free(&t);

    analyse(&t, " \n\t\n\xC2\xA0\r\n");
    ck_assert_uint_eq(t.block_count, 0);
    ck_assert_uint_eq(t.token_count, 0);
    ck_assert_uint_eq(t.sentence_count, 0);
    gl_text_free(&t);
}
END_TEST

/* ---- tokens ------------------------------------------------------------- */

START_TEST(token_kinds_and_byte_ranges)
{
    gl_text t;
    analyse(&t, "Costs rose 3,000 (1.5%) to $12.");
    ck_assert_str_eq(token_texts(&t), "Costs|rose|3,000|(|1.5|%|)|to|$|12|.");
    ck_assert_str_eq(token_kinds(&t), "WWNPNPPWSNP");
    const unsigned ranges[][2] = {{0, 5},   {6, 10},  {11, 16}, {17, 18}, {18, 21}, {21, 22},
                                  {22, 23}, {24, 26}, {27, 28}, {28, 30}, {30, 31}};
    ck_assert_uint_eq(t.token_count, GL_ARRAY_SIZE(ranges));
    for (size_t k = 0; k < t.token_count; k++) {
        ck_assert_uint_eq(t.tokens[k].start, ranges[k][0]);
        ck_assert_uint_eq(t.tokens[k].end, ranges[k][1]);
    }
    gl_text_free(&t);
}
END_TEST

START_TEST(words_keep_inner_apostrophes_and_hyphens)
{
    gl_text t;
    analyse(&t, "don't rock’n’roll Jean-Luc well‐known non‑stop pre- and post-war "
                "soldiers' guns");
    ck_assert_str_eq(token_texts(&t), "don't|rock’n’roll|Jean-Luc|well‐known|non‑stop|pre|-|and|"
                                      "post-war|soldiers|'|guns");
    ck_assert_str_eq(token_kinds(&t), "WWWWWWPWWWPW");
    gl_text_free(&t);
}
END_TEST

START_TEST(initials_stay_one_word)
{
    gl_text t;
    analyse(&t, "U.S. e.g. J.K. U.S.A. a.m.");
    ck_assert_str_eq(token_texts(&t), "U.S|.|e.g|.|J.K|.|U.S.A|.|a.m|.");
    ck_assert_str_eq(token_folds(&t), "u.s|.|e.g|.|j.k|.|u.s.a|.|a.m|.");
    ck_assert_str_eq(token_kinds(&t), "WPWPWPWPWP");
    gl_text_free(&t);
}
END_TEST

START_TEST(numbers_keep_inner_separators)
{
    gl_text t;
    analyse(&t, "3,000 1.5 10,000,000 in 2024. Then 7, 8.");
    ck_assert_str_eq(token_texts(&t), "3,000|1.5|10,000,000|in|2024|.|Then|7|,|8|.");
    ck_assert_str_eq(token_kinds(&t), "NNNWNPWNPNP");
    gl_text_free(&t);
}
END_TEST

START_TEST(punctuation_runs)
{
    gl_text t;
    analyse(&t, "Wait... What?! No!! Really?? -- ok?!?");
    ck_assert_str_eq(token_texts(&t), "Wait|...|What|?!|No|!!|Really|??|--|ok|?!?");
    ck_assert_str_eq(token_kinds(&t), "WPWPWPWPPWP");
    gl_text_free(&t);
}
END_TEST

START_TEST(words_with_digits)
{
    gl_text t;
    analyse(&t, "G7 F-16 COVID-19 MP3 leaders");
    ck_assert_str_eq(token_texts(&t), "G7|F-16|COVID-19|MP3|leaders");
    ck_assert_str_eq(token_kinds(&t), "WWWWW");
    ck_assert_str_eq(token_folds(&t), "g7|f-16|covid-19|mp3|leaders");
    /* One cased letter is not enough to be all capitals. */
    expect_flags(&t, "G7", 0, CASE_FLAGS, GALLEY_TOKEN_CAPITALISED);
    expect_flags(&t, "F-16", 0, CASE_FLAGS, GALLEY_TOKEN_CAPITALISED);
    expect_flags(&t, "COVID-19", 0, CASE_FLAGS, CASE_FLAGS);
    expect_flags(&t, "MP3", 0, CASE_FLAGS, CASE_FLAGS);
    gl_text_free(&t);
}
END_TEST

START_TEST(symbols_are_their_own_tokens)
{
    gl_text t;
    analyse(&t, "€5 + 2 = 7 © 👍 °C");
    ck_assert_str_eq(token_texts(&t), "€|5|+|2|=|7|©|👍|°|C");
    ck_assert_str_eq(token_kinds(&t), "SNSNSNSSSW");
    gl_text_free(&t);
    /* The variation selector after an emoji (U+FE0F) and a combining grapheme joiner
       (U+034F) fold to nothing: no word is made of them alone. */
    analyse(&t, "cut \xE2\x9C\x82\xEF\xB8\x8F here \xCD\x8F now");
    ck_assert_str_eq(token_kinds(&t), "WSWW");
    ck_assert_str_eq(token_folds(&t), "cut|\xE2\x9C\x82|here|now");
    gl_text_free(&t);
}
END_TEST

/* ---- folds -------------------------------------------------------------- */

START_TEST(ascii_fold_lowercases)
{
    gl_text t;
    analyse(&t, "The BBC's Ed-Op");
    ck_assert_str_eq(token_folds(&t), "the|bbc's|ed-op");
    gl_text_free(&t);
}
END_TEST

/*
 * ASCII words are scanned eight bytes at a time where the block has eight
 * left: words of every length from 1 to 27, in every case mix, each followed
 * by every kind of byte that can stop a word (space, punctuation, a
 * connector, a multi-byte letter, a digit run, the end of the block), at
 * every alignment, must give the same tokens and folds as a byte at a time.
 */
START_TEST(ascii_words_fold_the_same_at_every_length_and_alignment)
{
    static const char *const stops[] = {" ", ".", ",", "-x", "'s", "é", "Ж", "9", "\"", ""};
    static const char letters[] = "aBcDeFgHiJkLmNoPqRsTuVwXyZ0";
    for (size_t pad = 0; pad < 8; pad++)
        for (size_t len = 1; len < sizeof letters; len++)
            for (size_t k = 0; k < GL_ARRAY_SIZE(stops); k++) {
                char text[96], want[96];
                size_t n = 0;
                for (size_t p = 0; p < pad; p++)
                    text[n++] = ' ';
                memcpy(text + n, letters, len);
                n += len;
                n += (size_t)snprintf(text + n, sizeof text - n, "%s tail", stops[k]);
                /* the word alone, folded byte by byte */
                for (size_t c = 0; c < len; c++)
                    want[c] = (char)(letters[c] >= 'A' && letters[c] <= 'Z' ? letters[c] + 32
                                                                              : letters[c]);
                want[len] = '\0';
                gl_text t;
                galley_error err;
                ck_assert_int_eq(gl_text_analyse(&t, text, n, SOURCE, &err), 0);
                check_structure(&t);
                const galley_token *tok = &t.tokens[0];
                if (stops[k][0] == '-' || stops[k][0] == '\'' || (unsigned char)stops[k][0] >= 0x80 ||
                    stops[k][0] == '9') {
                    /* a connector and a letter, a letter or a digit: still one word */
                    ck_assert_uint_eq(tok->start, pad);
                    ck_assert_uint_gt(tok->end, pad + len);
                    ck_assert_msg(strncmp(tok->fold, want, len) == 0, "pad %zu len %zu stop '%s': %s",
                                  pad, len, stops[k], tok->fold);
                } else {
                    ck_assert_uint_eq(tok->start, pad);
                    ck_assert_uint_eq(tok->end, pad + len);
                    ck_assert_msg(strcmp(tok->fold, want) == 0, "pad %zu len %zu stop '%s': %s",
                                  pad, len, stops[k], tok->fold);
                }
                gl_text_free(&t);
            }
}
END_TEST

START_TEST(unicode_case_folding)
{
    gl_text t;
    analyse(&t, "ÉCOLE Київ STRASSE Straße ΣΟΦΙΑ");
    ck_assert_str_eq(token_folds(&t), "école|київ|strasse|strasse|σοφια");
    ck_assert_uint_eq(t.tokens[0].fold_len, strlen("école"));
    gl_text_free(&t);
}
END_TEST

START_TEST(fold_is_composed_to_nfc)
{
    gl_text t;
    /* E + COMBINING ACUTE; Vietnamese e + dot below + circumflex in both orders. */
    analyse(&t, "E\xCC\x81"
                "COLE Vie\xCC\xA3\xCC\x82t Vie\xCC\x82\xCC\xA3t");
    ck_assert_uint_eq(t.token_count, 3);
    ck_assert_str_eq(t.tokens[0].fold, "\xC3\xA9"
                                       "cole");
    ck_assert_str_eq(t.tokens[1].fold, "vi\xE1\xBB\x87t");
    ck_assert_str_eq(t.tokens[2].fold, "vi\xE1\xBB\x87t");
    expect_flags(&t,
                 "E\xCC\x81"
                 "COLE",
                 0, CASE_FLAGS, CASE_FLAGS);
    gl_text_free(&t);
}
END_TEST

START_TEST(fold_drops_default_ignorables)
{
    gl_text t;
    /* A soft hyphen and a word joiner inside words keep them whole but vanish in the fold. */
    analyse(&t, "co\xC2\xAD"
                "operate Zu\xE2\x81\xA0"
                "sammen");
    ck_assert_uint_eq(t.token_count, 2);
    ck_assert_str_eq(token_folds(&t), "cooperate|zusammen");
    ck_assert_uint_eq(t.tokens[0].end - t.tokens[0].start, strlen("cooperate") + 2);
    gl_text_free(&t);
}
END_TEST

START_TEST(apostrophes_and_hyphens_fold_to_ascii)
{
    gl_text t;
    analyse(&t, "don’t donʼt DON’T well‐known non‑stop");
    ck_assert_str_eq(token_folds(&t), "don't|don't|don't|well-known|non-stop");
    ck_assert_str_eq(token_kinds(&t), "WWWWW");
    gl_text_free(&t);
}
END_TEST

START_TEST(quotes_and_ellipsis_fold_to_ascii)
{
    gl_text t;
    analyse(&t, "“a” „b“ «c» ‹d› ‘e’ f…");
    ck_assert_str_eq(token_folds(&t), "\"|a|\"|\"|b|\"|\"|c|\"|\"|d|\"|'|e|'|f|...");
    gl_text_free(&t);
}
END_TEST

/* ---- case flags --------------------------------------------------------- */

START_TEST(capitalised_and_all_caps)
{
    gl_text t;
    analyse(&t, "and Paris NATO NATO's nato I iPhone McDonald ÉCOLE КИЇВ Київ 北京 WD40 Mp3 X1");
    expect_flags(&t, "and", 0, CASE_FLAGS, 0);
    expect_flags(&t, "Paris", 0, CASE_FLAGS, GALLEY_TOKEN_CAPITALISED);
    expect_flags(&t, "NATO", 0, CASE_FLAGS, CASE_FLAGS);
    /* a lower-case letter anywhere, even after an apostrophe, means not all capitals */
    expect_flags(&t, "NATO's", 0, CASE_FLAGS, GALLEY_TOKEN_CAPITALISED);
    expect_flags(&t, "nato", 0, CASE_FLAGS, 0);
    expect_flags(&t, "I", 0, CASE_FLAGS, GALLEY_TOKEN_CAPITALISED);
    expect_flags(&t, "iPhone", 0, CASE_FLAGS, 0);
    expect_flags(&t, "McDonald", 0, CASE_FLAGS, GALLEY_TOKEN_CAPITALISED);
    expect_flags(&t, "ÉCOLE", 0, CASE_FLAGS, CASE_FLAGS);
    expect_flags(&t, "КИЇВ", 0, CASE_FLAGS, CASE_FLAGS);
    expect_flags(&t, "Київ", 0, CASE_FLAGS, GALLEY_TOKEN_CAPITALISED);
    expect_flags(&t, "北京", 0, CASE_FLAGS, 0); /* no case at all */
    /* digits inside a word count neither way */
    expect_flags(&t, "WD40", 0, CASE_FLAGS, CASE_FLAGS);
    expect_flags(&t, "Mp3", 0, CASE_FLAGS, GALLEY_TOKEN_CAPITALISED);
    expect_flags(&t, "X1", 0, CASE_FLAGS, GALLEY_TOKEN_CAPITALISED); /* one capital is not "all capitals" */
    gl_text_free(&t);
}
END_TEST

START_TEST(single_capital_letter_is_capitalised_not_all_caps)
{
    gl_text t;
    analyse(&t, "A plan B");
    expect_flags(&t, "A", 0, CASE_FLAGS, GALLEY_TOKEN_CAPITALISED);
    expect_flags(&t, "B", 0, CASE_FLAGS, GALLEY_TOKEN_CAPITALISED);
    gl_text_free(&t);
}
END_TEST

/* ---- quotations --------------------------------------------------------- */

START_TEST(curly_quotes_mark_the_words_inside)
{
    gl_text t;
    analyse(&t, "He said “we will win” and left.");
    ck_assert_str_eq(quoted_words(&t, 0), "we|will|win");
    expect_flags(&t, "“", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_OPEN);
    expect_flags(&t, "”", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE);
    expect_flags(&t, "said", 0, QUOTE_FLAGS, 0);
    expect_flags(&t, "and", 0, QUOTE_FLAGS, 0);
    expect_flags(&t, ".", 0, QUOTE_FLAGS, 0);
    gl_text_free(&t);
}
END_TEST

START_TEST(straight_double_quotes_mark_the_words_inside)
{
    gl_text t;
    analyse(&t, "He said \"we will win\" and \"soon\".");
    ck_assert_str_eq(quoted_words(&t, 0), "we|will|win|soon");
    expect_flags(&t, "\"", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_OPEN);
    expect_flags(&t, "\"", 1, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE);
    expect_flags(&t, "\"", 2, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_OPEN);
    expect_flags(&t, "\"", 3, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE);
    expect_flags(&t, ".", 0, QUOTE_FLAGS, 0);
    gl_text_free(&t);
}
END_TEST

START_TEST(single_quotes_nested_inside_double)
{
    gl_text t;
    analyse(&t, "“He said ‘no’ to me,” she said.");
    ck_assert_str_eq(quoted_words(&t, 0), "He|said|no|to|me");
    /* Marks inside the outer quotation are themselves quoted. */
    expect_flags(&t, "‘", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_OPEN | GALLEY_TOKEN_QUOTED);
    expect_flags(&t, "’", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE | GALLEY_TOKEN_QUOTED);
    expect_flags(&t, ",", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTED);
    expect_flags(&t, "”", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE);
    expect_flags(&t, "said", 1, QUOTE_FLAGS, 0);
    gl_text_free(&t);

    analyse(&t, "\"He said 'no' to me,\" she said.");
    ck_assert_str_eq(quoted_words(&t, 0), "He|said|no|to|me");
    expect_flags(&t, "'", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_OPEN | GALLEY_TOKEN_QUOTED);
    expect_flags(&t, "'", 1, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE | GALLEY_TOKEN_QUOTED);
    expect_flags(&t, "\"", 1, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE);
    gl_text_free(&t);
}
END_TEST

START_TEST(quotation_spans_two_sentences)
{
    gl_text t;
    analyse(&t, "“We will fight. We will win,” he said. Then he left.");
    ck_assert_str_eq(sentence_texts(&t), "“We will fight.|We will win,” he said.|Then he left.");
    ck_assert_str_eq(quoted_words(&t, 0), "We|will|fight|We|will|win");
    expect_flags(&t, "We", 1, GALLEY_TOKEN_QUOTED | GALLEY_TOKEN_SENTENCE_INITIAL,
                 GALLEY_TOKEN_QUOTED | GALLEY_TOKEN_SENTENCE_INITIAL);
    expect_flags(&t, ".", 0, QUOTE_FLAGS | GALLEY_TOKEN_SENTENCE_END,
                 GALLEY_TOKEN_QUOTED | GALLEY_TOKEN_SENTENCE_END);
    gl_text_free(&t);
}
END_TEST

START_TEST(unbalanced_quote_ends_at_block_end)
{
    gl_text t;
    analyse(&t, "He said “we will win.\n\nNext paragraph is not quoted.");
    ck_assert_uint_eq(t.block_count, 2);
    ck_assert_str_eq(quoted_words(&t, 0), "we|will|win");
    const galley_block *b = &t.blocks[1];
    ck_assert_uint_eq(
        count_flagged(&t, b->first_token, b->first_token + b->token_count, QUOTE_FLAGS), 0);
    gl_text_free(&t);

    /* A straight quote left open must not turn the next block's opening quote into a closer. */
    analyse(&t, "\"Open and never closed\n\nPlain words and \"a quote\" here");
    ck_assert_str_eq(quoted_words(&t, 0), "Open|and|never|closed");
    ck_assert_str_eq(quoted_words(&t, 1), "a|quote");
    expect_flags(&t, "\"", 1, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_OPEN);
    gl_text_free(&t);
}
END_TEST

START_TEST(apostrophes_do_not_open_quotations)
{
    gl_text t;
    analyse(&t, "The soldiers’ guns were old. I don’t know. In the '90s it was fine. "
                "The soldiers' guns rusted. It was, ’tis said, fine.");
    ck_assert_uint_eq(
        count_flagged(&t, 0, t.token_count, GALLEY_TOKEN_QUOTE_OPEN | GALLEY_TOKEN_QUOTE_CLOSE), 0);
    ck_assert_str_eq(quoted_words(&t, 0), "");
    ck_assert_uint_eq(t.sentence_count, 5);
    gl_text_free(&t);
}
END_TEST

START_TEST(apostrophe_inside_a_quotation_does_not_close_it)
{
    gl_text t;
    analyse(&t, "“The soldiers’ guns are old,” he said.");
    ck_assert_str_eq(quoted_words(&t, 0), "The|soldiers|guns|are|old");
    expect_flags(&t, "’", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTED);
    expect_flags(&t, "”", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE);
    gl_text_free(&t);
}
END_TEST

START_TEST(stray_closing_marks_open_nothing)
{
    gl_text t;
    analyse(&t, "He said no” and left’ today.");
    ck_assert_uint_eq(count_flagged(&t, 0, t.token_count, QUOTE_FLAGS), 0);
    gl_text_free(&t);
}
END_TEST

START_TEST(inch_marks_are_not_quotations)
{
    /* Heights and screen sizes are everyday news text; they must not open a quotation. */
    gl_text t;
    analyse(&t, "The 55\" screen and the 6'2\" player were \"big\" news.");
    ck_assert_str_eq(quoted_words(&t, 0), "big");
    expect_flags(&t, "\"", 0, QUOTE_FLAGS, 0);
    expect_flags(&t, "\"", 1, QUOTE_FLAGS, 0);
    expect_flags(&t, "\"", 2, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_OPEN);
    expect_flags(&t, "\"", 3, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE);
    gl_text_free(&t);
}
END_TEST

START_TEST(guillemets)
{
    gl_text t;
    analyse(&t, "Il a dit « oui » puis «non». Fin.");
    ck_assert_str_eq(quoted_words(&t, 0), "oui|non");
    expect_flags(&t, "«", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_OPEN);
    expect_flags(&t, "»", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE);
    expect_flags(&t, "«", 1, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_OPEN);
    expect_flags(&t, "»", 1, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE);
    ck_assert_str_eq(sentence_texts(&t), "Il a dit « oui » puis «non».|Fin.");
    gl_text_free(&t);
}
END_TEST

START_TEST(reversed_guillemets)
{
    /* Danish and German print »…«, and such an opener may follow a full stop. */
    gl_text t;
    analyse(&t, "Han gik. »Vi vinder,« sagde hun.");
    ck_assert_str_eq(quoted_words(&t, 0), "Vi|vinder");
    expect_flags(&t, "»", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_OPEN);
    expect_flags(&t, "«", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE);
    ck_assert_str_eq(sentence_texts(&t), "Han gik.|»Vi vinder,« sagde hun.");
    expect_flags(&t, "Vi", 0, GALLEY_TOKEN_SENTENCE_INITIAL, GALLEY_TOKEN_SENTENCE_INITIAL);
    gl_text_free(&t);
}
END_TEST

START_TEST(swedish_quotes_open_with_a_closing_mark)
{
    gl_text t;
    analyse(&t, "Han gick. ”Vi vinner”, sa hon.");
    ck_assert_str_eq(quoted_words(&t, 0), "Vi|vinner");
    expect_flags(&t, "”", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_OPEN);
    expect_flags(&t, "”", 1, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE);
    ck_assert_str_eq(sentence_texts(&t), "Han gick.|”Vi vinner”, sa hon.");
    gl_text_free(&t);
}
END_TEST

START_TEST(german_low_high_quotes)
{
    gl_text t;
    analyse(&t, "Er sagte „ja“ und ging. „Wir kommen.“ Dann gingen sie.");
    ck_assert_str_eq(quoted_words(&t, 0), "ja|Wir|kommen");
    expect_flags(&t, "„", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_OPEN);
    expect_flags(&t, "“", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE);
    expect_flags(&t, "“", 1, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_CLOSE);
    ck_assert_str_eq(sentence_texts(&t), "Er sagte „ja“ und ging.|„Wir kommen.“|Dann gingen sie.");
    gl_text_free(&t);
}
END_TEST

/*
 * Every pair of marks, in "said OPENyesCLOSE today": only "yes" is quoted, the
 * marks carry QUOTE_OPEN and QUOTE_CLOSE but not QUOTED, and "today" is
 * outside again.
 */
START_TEST(every_quotation_style_opens_and_closes)
{
    static const char *const styles[][3] = {
        {"“", "”", "\""}, {"\"", "\"", "\""}, {"‘", "’", "'"},   {"'", "'", "'"},  {"«", "»", "\""},
        {"»", "«", "\""}, {"‹", "›", "\""},   {"›", "‹", "\""},  {"„", "“", "\""}, {"„", "”", "\""},
        {"”", "”", "\""}, {"「", "」", NULL}, {"『", "』", NULL}};
    for (size_t i = 0; i < GL_ARRAY_SIZE(styles); i++) {
        char text[64];
        snprintf(text, sizeof text, "said %syes%s today", styles[i][0], styles[i][1]);
        gl_text t;
        analyse(&t, text);
        ck_assert_msg(t.token_count == 5, "%s: %s", text, token_texts(&t));
        const unsigned want[] = {0, GALLEY_TOKEN_QUOTE_OPEN, GALLEY_TOKEN_QUOTED,
                                 GALLEY_TOKEN_QUOTE_CLOSE, 0};
        for (size_t k = 0; k < 5; k++)
            ck_assert_msg((t.tokens[k].flags & QUOTE_FLAGS) == want[k],
                          "%s: token %zu has %s, expected %s", text, k,
                          flag_names(t.tokens[k].flags & QUOTE_FLAGS), flag_names(want[k]));
        if (styles[i][2]) {
            ck_assert_str_eq(t.tokens[1].fold, styles[i][2]);
            ck_assert_str_eq(t.tokens[3].fold, styles[i][2]);
        }
        gl_text_free(&t);
    }
}
END_TEST

/* ---- sentences ---------------------------------------------------------- */

START_TEST(titles_and_abbreviations_do_not_end_sentences)
{
    gl_text t;
    analyse(&t, "Mr. Smith met Dr. Jones. Gen. Lee and Lt. Col. Hart came. "
                "The U.S. Army agreed. Prof. Adams, Sgt. Brown and Mrs. Green spoke.");
    ck_assert_str_eq(sentence_texts(&t), "Mr. Smith met Dr. Jones.|"
                                         "Gen. Lee and Lt. Col. Hart came.|"
                                         "The U.S. Army agreed.|"
                                         "Prof. Adams, Sgt. Brown and Mrs. Green spoke.");
    expect_flags(&t, ".", 0, GALLEY_TOKEN_SENTENCE_END, 0); /* after Mr */
    expect_flags(&t, ".", 2, GALLEY_TOKEN_SENTENCE_END, GALLEY_TOKEN_SENTENCE_END);
    gl_text_free(&t);
    /* police and council titles: Const., Cst., Cllr., Cr., Ald. */
    analyse(&t, "Police spokesperson Const. Dwayne Osei spoke. Cllr. Ann Lee and Cr. Jo Pollard "
                "agreed with Ald. Ray Kim.");
    ck_assert_str_eq(sentence_texts(&t), "Police spokesperson Const. Dwayne Osei spoke.|"
                                         "Cllr. Ann Lee and Cr. Jo Pollard agreed with Ald. Ray "
                                         "Kim.");
    gl_text_free(&t);
    /* first names written short: Md., Mohd., Ma., Wm. */
    analyse(&t, "Md. Rafiqul Islam drives a rickshaw. Mohd. Faiz and Ma. Cristina Reyes met "
                "Wm. Tait.");
    ck_assert_str_eq(sentence_texts(&t), "Md. Rafiqul Islam drives a rickshaw.|"
                                         "Mohd. Faiz and Ma. Cristina Reyes met Wm. Tait.");
    gl_text_free(&t);
    /* police ranks written short: Adj. Sr. Comr., Asst. Supt., Lieut., Cmdt. */
    analyse(&t, "Spokesman Adj. Sr. Comr. Yudha Pratama spoke. Asst. Supt. Ade Putra and "
                "Lieut. Ray Kim met Cmdt. Ali Musa.");
    ck_assert_str_eq(sentence_texts(&t), "Spokesman Adj. Sr. Comr. Yudha Pratama spoke.|"
                                         "Asst. Supt. Ade Putra and Lieut. Ray Kim met Cmdt. Ali "
                                         "Musa.");
    gl_text_free(&t);
}
END_TEST

START_TEST(no_before_a_number_does_not_end_a_sentence)
{
    gl_text t;
    analyse(&t, "He lives at No. 10 Downing Street. No. He does not.");
    ck_assert_str_eq(sentence_texts(&t), "He lives at No. 10 Downing Street.|No.|He does not.");
    gl_text_free(&t);
}
END_TEST

START_TEST(single_initials_do_not_end_sentences)
{
    gl_text t;
    analyse(&t, "J. K. Rowling wrote it. George W. Bush read it. She agreed.");
    ck_assert_str_eq(sentence_texts(&t),
                     "J. K. Rowling wrote it.|George W. Bush read it.|She agreed.");
    gl_text_free(&t);
}
END_TEST

START_TEST(initials_written_together_do_not_end_sentences)
{
    gl_text t;
    analyse(&t, "J.K. Rowling wrote it. The U.N. Security Council met. It ended.");
    ck_assert_str_eq(sentence_texts(&t),
                     "J.K. Rowling wrote it.|The U.N. Security Council met.|It ended.");
    gl_text_free(&t);
}
END_TEST

START_TEST(lower_case_word_after_a_full_stop_continues_the_sentence)
{
    gl_text t;
    analyse(&t, "It costs approx. five dollars, i.e. cheap. He left at 5 p.m. and "
                "returned. He left at 5 p.m. Then he returned.");
    /* a.m. and p.m. often end a sentence, so they are no abbreviation before a capital */
    ck_assert_str_eq(sentence_texts(&t), "It costs approx. five dollars, i.e. cheap.|"
                                         "He left at 5 p.m. and returned.|"
                                         "He left at 5 p.m.|Then he returned.");
    gl_text_free(&t);
}
END_TEST

START_TEST(ellipsis_splits_only_before_a_capital)
{
    gl_text t;
    analyse(&t, "He paused… then spoke. It ended… Then came silence. So... maybe not. "
                "So... Maybe.");
    ck_assert_str_eq(sentence_texts(&t), "He paused… then spoke.|It ended…|Then came silence.|"
                                         "So... maybe not.|So...|Maybe.");
    expect_flags(&t, "…", 0, GALLEY_TOKEN_SENTENCE_END, 0);
    expect_flags(&t, "…", 1, GALLEY_TOKEN_SENTENCE_END, GALLEY_TOKEN_SENTENCE_END);
    gl_text_free(&t);
}
END_TEST

START_TEST(question_and_exclamation_runs_end_sentences)
{
    gl_text t;
    analyse(&t, "Really?! Yes!! Fine. What?!? No.");
    ck_assert_str_eq(sentence_texts(&t), "Really?!|Yes!!|Fine.|What?!?|No.");
    const char *ends[] = {"?!", "!!", ".", "?!?"};
    for (size_t i = 0; i < GL_ARRAY_SIZE(ends); i++)
        expect_flags(&t, ends[i], 0, GALLEY_TOKEN_SENTENCE_END, GALLEY_TOKEN_SENTENCE_END);
    gl_text_free(&t);
}
END_TEST

START_TEST(marks_in_a_row_end_one_sentence)
{
    /* A mixed run of terminal marks is one ending, not a sentence made of punctuation. */
    gl_text t;
    analyse(&t, "He stopped?.. Then went on. Wait . . . Go!");
    ck_assert_str_eq(sentence_texts(&t), "He stopped?..|Then went on.|Wait . . .|Go!");
    gl_text_free(&t);
}
END_TEST

START_TEST(closing_quote_after_full_stop_belongs_to_the_sentence_before)
{
    gl_text t;
    analyse(&t, "He said, “Go home.” Then he left. She said \"Stop.\" Nobody did. "
                "(See below.) Next one.");
    ck_assert_str_eq(sentence_texts(&t), "He said, “Go home.”|Then he left.|"
                                         "She said \"Stop.\"|Nobody did.|(See below.)|Next one.");
    /* The full stop ends the sentence, not the quote after it. */
    expect_flags(&t, ".", 0, GALLEY_TOKEN_SENTENCE_END, GALLEY_TOKEN_SENTENCE_END);
    expect_flags(&t, "”", 0, GALLEY_TOKEN_SENTENCE_END, 0);
    gl_text_free(&t);
}
END_TEST

START_TEST(question_in_a_quote_before_a_lower_case_word_continues)
{
    gl_text t;
    analyse(&t, "“Really?” she asked. “Yes!” He nodded.");
    ck_assert_str_eq(sentence_texts(&t), "“Really?” she asked.|“Yes!”|He nodded.");
    gl_text_free(&t);
}
END_TEST

START_TEST(headline_without_full_stop_is_one_sentence)
{
    gl_text t;
    analyse(&t, "Troops advance on the capital as talks stall\n\nThe talks stalled. Troops moved.");
    ck_assert_uint_eq(t.blocks[0].sentence_count, 1);
    ck_assert_uint_eq(t.sentences[0].token_count, 8);
    ck_assert_uint_eq(count_flagged(&t, 0, 8, GALLEY_TOKEN_SENTENCE_END), 0);
    ck_assert_uint_eq(t.blocks[1].sentence_count, 2);
    ck_assert_str_eq(sentence_texts(&t), "Troops advance on the capital as talks stall|"
                                         "The talks stalled.|Troops moved.");
    gl_text_free(&t);
}
END_TEST

START_TEST(sentence_initial_after_an_opening_quote)
{
    gl_text t;
    analyse(&t, "“Yes,” she said. “We go.” 2024 was hard. (And) so on.");
    ck_assert_str_eq(sentence_texts(&t), "“Yes,” she said.|“We go.”|2024 was hard.|(And) so on.");
    const unsigned si = GALLEY_TOKEN_SENTENCE_INITIAL;
    expect_flags(&t, "“", 0, si, 0);
    expect_flags(&t, "Yes", 0, si, si);
    expect_flags(&t, "she", 0, si, 0);
    expect_flags(&t, "We", 0, si, si);
    expect_flags(&t, "2024", 0, si, si);
    expect_flags(&t, "And", 0, si, si);
    expect_flags(&t, "so", 0, si, 0);
    gl_text_free(&t);
}
END_TEST

START_TEST(sentences_never_cross_blocks)
{
    gl_text t;
    analyse(&t, "One. Two\n\nthree.");
    ck_assert_str_eq(sentence_texts(&t), "One.|Two|three.");
    ck_assert_uint_eq(t.sentences[1].block, 0);
    ck_assert_uint_eq(t.sentences[2].block, 1);
    expect_flags(&t, "three", 0, GALLEY_TOKEN_SENTENCE_INITIAL, GALLEY_TOKEN_SENTENCE_INITIAL);
    gl_text_free(&t);
}
END_TEST

START_TEST(indices_are_consistent)
{
    gl_text t;
    analyse(&t, "Headline\n\n“Quote one. Quote two,” he said. Next.\n\nLast block!");
    /* check_structure() has checked the cross-references; these are the exact numbers. */
    ck_assert_uint_eq(t.block_count, 3);
    ck_assert_uint_eq(t.sentence_count, 5);
    ck_assert_uint_eq(t.token_count, 17);
    const unsigned first_token[] = {0, 1, 14}, token_count[] = {1, 13, 3};
    const unsigned first_sentence[] = {0, 1, 4}, sentence_count[] = {1, 3, 1};
    for (size_t b = 0; b < 3; b++) {
        ck_assert_uint_eq(t.blocks[b].first_token, first_token[b]);
        ck_assert_uint_eq(t.blocks[b].token_count, token_count[b]);
        ck_assert_uint_eq(t.blocks[b].first_sentence, first_sentence[b]);
        ck_assert_uint_eq(t.blocks[b].sentence_count, sentence_count[b]);
    }
    const size_t said = find_token(&t, "said", 0);
    ck_assert_uint_eq(t.tokens[said].sentence, 2);
    ck_assert_uint_eq(t.tokens[said].block, 1);
    ck_assert_uint_eq(t.sentences[3].first_token, said + 2);
    gl_text_free(&t);
}
END_TEST

/* ---- fixtures ----------------------------------------------------------- */

static char *read_fixture(const char *name, size_t *length)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/fixtures/text/%s", name);
    char *bytes = t_read(t_source(rel), length);
    ck_assert_msg(bytes != NULL, "cannot read %s", t_source(rel));
    return bytes;
}

/* The fixture with its line ends turned into LF, for comparing. */
static char *to_lf(const char *bytes, size_t length)
{
    char *out = malloc(length + 1);
    ck_assert_ptr_nonnull(out);
    size_t n = 0;
    for (size_t i = 0; i < length; i++) {
        if (bytes[i] == '\r') {
            out[n++] = '\n';
            if (i + 1 < length && bytes[i + 1] == '\n')
                i++;
        } else {
            out[n++] = bytes[i];
        }
    }
    out[n] = '\0';
    return out;
}

START_TEST(fixture_line_ends)
{
    const char *names[] = {"crlf.txt", "cr-only.txt"};
    for (size_t i = 0; i < 2; i++) {
        size_t length;
        char *bytes = read_fixture(names[i], &length);
        /* The fixture really has the line ends it is named for. */
        ck_assert_ptr_nonnull(memchr(bytes, '\r', length));
        ck_assert_int_eq(memchr(bytes, '\n', length) != NULL, i == 0);
        char *lf = to_lf(bytes, length);
        expect_same_as_lf(lf, bytes);
        gl_text t;
        analyse_n(&t, bytes, length);
        ck_assert_uint_eq(t.block_count, 3);
        ck_assert_uint_eq(t.blocks[0].line, 1);
        ck_assert_uint_eq(t.blocks[1].line, 3);
        ck_assert_uint_eq(t.blocks[2].line, 6);
        ck_assert_uint_eq(t.blocks[1].sentence_count, 2);
        gl_text_free(&t);
        free(lf);
        free(bytes);
    }
}
END_TEST

START_TEST(fixture_bom)
{
    size_t length;
    char *bytes = read_fixture("bom.txt", &length);
    ck_assert_int_eq(memcmp(bytes, "\xEF\xBB\xBF", 3), 0);
    gl_text t;
    analyse_n(&t, bytes, length);
    ck_assert_uint_eq(t.block_count, 2);
    ck_assert_uint_eq(t.blocks[0].start, 3);
    ck_assert_uint_eq(t.tokens[0].start, 3);
    expect_flags(&t, "This", 0, GALLEY_TOKEN_CAPITALISED | GALLEY_TOKEN_SENTENCE_INITIAL,
                 GALLEY_TOKEN_CAPITALISED | GALLEY_TOKEN_SENTENCE_INITIAL);
    int line, column;
    gl_text_line_column(&t, t.tokens[1].start, &line, &column);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(column, 6);
    gl_text_free(&t);
    free(bytes);
}
END_TEST

START_TEST(fixture_mixed_scripts)
{
    size_t length;
    char *bytes = read_fixture("mixed-scripts.txt", &length);
    gl_text t;
    analyse_n(&t, bytes, length);
    ck_assert_uint_eq(t.block_count, 5);
    const char *labels[] = {"Latin", "Cyrillic", "Vietnamese", "Arabic", "CJK"};
    const unsigned sentences[] = {1, 1, 1, 2, 2};
    for (size_t b = 0; b < 5; b++) {
        const galley_token *first = &t.tokens[t.blocks[b].first_token];
        ck_assert_int_eq(memcmp(t.bytes + first->start, labels[b], strlen(labels[b])), 0);
        ck_assert_uint_eq(t.blocks[b].sentence_count, sentences[b]);
    }
    ck_assert_uint_ne(find_token(&t, "Zürich", 0), NOT_FOUND);
    ck_assert_str_eq(t.tokens[find_token(&t, "Київ", 0)].fold, "київ");
    ck_assert_str_eq(t.tokens[find_token(&t, "Việt", 0)].fold, "việt");
    ck_assert_int_eq(t.tokens[find_token(&t, "بالعالم", 0)].kind, GALLEY_TOKEN_WORD);
    ck_assert_int_eq(t.tokens[find_token(&t, "北京欢迎你", 0)].kind, GALLEY_TOKEN_WORD);
    ck_assert_int_eq(t.tokens[find_token(&t, "؟", 0)].flags & GALLEY_TOKEN_SENTENCE_END,
                     GALLEY_TOKEN_SENTENCE_END);
    gl_text_free(&t);
    free(bytes);
}
END_TEST

START_TEST(fixture_quotes)
{
    size_t length;
    char *bytes = read_fixture("quotes.txt", &length);
    gl_text t;
    analyse_n(&t, bytes, length);
    /* One paragraph for each style, in the order of the file. */
    const char *quoted[] = {
        "we|will|win",                     /* curly */
        "we|will|win",                     /* straight */
        "we|will|win",                     /* single curly */
        "we|will|win",                     /* single straight */
        "He|told|me|we|will|win|today",    /* nested */
        "nous|gagnerons",                  /* guillemets */
        "Vi|vinder",                       /* reversed guillemets */
        "Vi|vinner",                       /* Swedish */
        "wir|gewinnen",                    /* German */
        "勝つ",                            /* corner brackets */
        "",                                /* apostrophes */
        "we|will|win|and|never|closed|it", /* unbalanced */
        "",                                /* after the unbalanced one */
    };
    ck_assert_uint_eq(t.block_count, GL_ARRAY_SIZE(quoted));
    for (size_t b = 0; b < GL_ARRAY_SIZE(quoted); b++)
        ck_assert_msg(strcmp(quoted_words(&t, b), quoted[b]) == 0, "block %zu: quoted \"%s\"", b,
                      quoted_words(&t, b));
    /* The reversed guillemets follow a full stop and still open the second sentence. */
    ck_assert_uint_eq(t.blocks[6].sentence_count, 2);
    const galley_sentence *second = &t.sentences[t.blocks[6].first_sentence + 1];
    ck_assert_int_eq(memcmp(t.bytes + second->start, "»", strlen("»")), 0);
    gl_text_free(&t);
    free(bytes);
}
END_TEST

/* ---- robustness --------------------------------------------------------- */

START_TEST(one_megabyte_single_line)
{
    static const char *const words[] = {"alpha ", "Beta ", "gamma, ", "DELTA ", "épée "};
    size_t cap = (1u << 20) + 64, n = 0, count = 0, punct = 0;
    char *text = malloc(cap + 1);
    ck_assert_ptr_nonnull(text);
    /* Stop on a whole cycle, so that the last word is "épée". */
    while (n < (1u << 20) || count % GL_ARRAY_SIZE(words) != 0) {
        const char *w = words[count % GL_ARRAY_SIZE(words)];
        size_t len = strlen(w);
        memcpy(text + n, w, len);
        n += len;
        if (strchr(w, ','))
            punct++;
        count++;
    }
    text[n] = '\0';
    gl_text t;
    analyse_n(&t, text, n);
    ck_assert_uint_eq(t.line_count, 1);
    ck_assert_uint_eq(t.block_count, 1);
    ck_assert_uint_eq(t.sentence_count, 1);
    ck_assert_uint_eq(t.token_count, count + punct);
    ck_assert_uint_eq(t.blocks[0].end, n - 1); /* the trailing space is trimmed */
    const galley_token *last = &t.tokens[t.token_count - 1];
    ck_assert_str_eq(last->fold, "épée");
    int line, column;
    gl_text_line_column(&t, last->start, &line, &column);
    ck_assert_int_eq(line, 1);
    /* Every fifth word holds two two-byte characters. */
    ck_assert_int_eq(column, (int)(last->start - 2 * (count / 5 - 1)) + 1);
    gl_text_free(&t);
    free(text);
}
END_TEST

START_TEST(only_punctuation)
{
    gl_text t;
    analyse(&t, "...!!! ??? — ;:, . ()[]{} -- ** «» / \\ @ #");
    ck_assert_uint_gt(t.token_count, 10);
    for (size_t k = 0; k < t.token_count; k++)
        ck_assert_int_eq(t.tokens[k].kind, GALLEY_TOKEN_PUNCTUATION);
    ck_assert_uint_eq(count_flagged(&t, 0, t.token_count, GALLEY_TOKEN_SENTENCE_INITIAL), 0);
    ck_assert_uint_eq(t.block_count, 1);
    ck_assert_uint_ge(t.sentence_count, 1);
    gl_text_free(&t);
}
END_TEST

START_TEST(twenty_nested_opening_quotes)
{
    char text[512] = "";
    for (int i = 0; i < 20; i++)
        strcat(text, "“");
    strcat(text, "deep");
    for (int i = 0; i < 20; i++)
        strcat(text, "”");
    strcat(text, " after\n\nNext block");
    gl_text t;
    analyse(&t, text);
    ck_assert_uint_eq(t.token_count, 44);
    expect_flags(&t, "“", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTE_OPEN);
    expect_flags(&t, "deep", 0, QUOTE_FLAGS, GALLEY_TOKEN_QUOTED);
    /* Every mark that was pushed is popped again, so what follows is outside. */
    size_t opened = count_flagged(&t, 0, 41, GALLEY_TOKEN_QUOTE_OPEN);
    size_t closed = count_flagged(&t, 0, 41, GALLEY_TOKEN_QUOTE_CLOSE);
    ck_assert_uint_ge(opened, 1);
    ck_assert_uint_le(opened, 20);
    ck_assert_uint_eq(opened, closed);
    expect_flags(&t, "after", 0, QUOTE_FLAGS, 0);
    ck_assert_str_eq(quoted_words(&t, 1), "");
    gl_text_free(&t);
}
END_TEST

START_TEST(ten_thousand_blank_lines)
{
    const char *blank[] = {"\n", " \n", "\t\n", "\xC2\xA0\n", "\r\n"};
    size_t cap = 10000 * 4 + 64, n = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    for (int i = 0; i < 10000; i++) {
        const char *b = blank[i % GL_ARRAY_SIZE(blank)];
        memcpy(text + n, b, strlen(b));
        n += strlen(b);
    }
    gl_text t;
    analyse_n(&t, text, n);
    ck_assert_uint_eq(t.line_count, 10000);
    ck_assert_uint_eq(t.block_count, 0);
    ck_assert_uint_eq(t.token_count, 0);
    ck_assert_uint_eq(t.sentence_count, 0);
    gl_text_free(&t);

    /* The same blank lines between two words: two blocks, the second on line 10002. */
    memmove(text + 4, text, n);
    memcpy(text, "Top\n", 4);
    memcpy(text + 4 + n, "Bottom", 6);
    n += 10;
    analyse_n(&t, text, n);
    ck_assert_uint_eq(t.block_count, 2);
    ck_assert_uint_eq(t.blocks[1].line, 10002);
    int line, column;
    gl_text_line_column(&t, t.blocks[1].start, &line, &column);
    ck_assert_int_eq(line, 10002);
    ck_assert_int_eq(column, 1);
    ck_assert_uint_eq(gl_text_block_at(&t, 5000), NOT_FOUND);
    gl_text_free(&t);
    free(text);
}
END_TEST

START_TEST(allocation_failures_are_reported_not_fatal)
{
    /* Several blocks, non-ASCII folds and one word long enough to need a heap buffer. */
    char text[2048] = "“Київ,” he said. Mr. Smith agreed.\n\nÉCOLE ";
    for (int i = 0; i < 300; i++)
        strcat(text, "é");
    strcat(text, "\n\nLast.");
    int succeeded = 0;
    for (long n = 1; n < 1000 && !succeeded; n++) {
        gl_text t;
        galley_error err;
        galley_error_clear(&err);
        gl_alloc_fail_after(n);
        int rc = gl_text_analyse(&t, text, strlen(text), SOURCE, &err);
        gl_alloc_fail_after(0);
        if (rc == 0) {
            succeeded = 1;
            check_structure(&t);
            ck_assert_uint_eq(t.block_count, 3);
        } else {
            ck_assert_int_eq(rc, GALLEY_ENOMEM);
            ck_assert_int_eq(err.status, GALLEY_ENOMEM);
            ck_assert_contains(err.text, "out of memory");
            ck_assert_uint_eq(t.token_count, 0);
            ck_assert_ptr_null(t.tokens);
        }
        gl_text_free(&t);
    }
    ck_assert_msg(succeeded, "analysis never succeeded");
}
END_TEST

/*
 * Unicode case folding can make a word longer than its bytes: the Armenian
 * ligature և (2 bytes) folds to եւ (4 bytes).  A block full of them, followed by
 * plain words, must still fold every word correctly (under ASan an overrun
 * of the fold arena fails this test).
 */
START_TEST(folds_longer_than_their_bytes)
{
    char text[4096];
    size_t n = 0;
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "\xD6\x87 ");
    n += (size_t)snprintf(text + n, sizeof text - n, "Plain WORDS follow here");
    gl_text t;
    analyse_n(&t, text, n);
    ck_assert_uint_eq(t.token_count, 204);
    ck_assert_uint_eq(t.tokens[0].fold_len, 4);
    ck_assert_str_eq(t.tokens[0].fold, "\xD5\xA5\xD6\x82");
    ck_assert_str_eq(t.tokens[200].fold, "plain");
    ck_assert_str_eq(t.tokens[201].fold, "words");
    ck_assert_str_eq(t.tokens[203].fold, "here");
    gl_text_free(&t);
}
END_TEST

/* ---- the fast scanner --------------------------------------------------- */

/*
 * The fast scanner (64 bytes at a time, by bit masks) settles the common
 * tokens itself and leaves the rest to the general tokeniser; it must give
 * exactly what the general tokeniser alone gives, for any text.
 */
static void expect_same_as_general(const char *text, size_t length)
{
    /* A copy of exactly `length` bytes, so that AddressSanitizer sees any read past the end. */
    char *bytes = malloc(length ? length : 1);
    ck_assert_ptr_nonnull(bytes);
    memcpy(bytes, text, length);
    gl_text fast, slow;
    galley_error err;
    galley_error_clear(&err);
    int rc_fast = gl_text_analyse(&fast, bytes, length, SOURCE, &err);
    char fast_error[sizeof err.text];
    memcpy(fast_error, err.text, sizeof err.text);
    galley_error_clear(&err);
    int rc_slow = gl_text_analyse_general(&slow, bytes, length, SOURCE, &err);
    ck_assert_int_eq(rc_fast, rc_slow);
    ck_assert_str_eq(fast_error, err.text);
    if (rc_fast == 0) {
        check_fold_padding(&fast);
        check_fold_padding(&slow);
        /* Compared in plain C, asserting only on a difference: each passing
           assertion costs Check a write, and there are many thousands here. */
        if (fast.block_count != slow.block_count || fast.sentence_count != slow.sentence_count ||
            fast.token_count != slow.token_count ||
            memcmp(fast.blocks, slow.blocks, fast.block_count * sizeof *fast.blocks) != 0 ||
            memcmp(fast.sentences, slow.sentences, fast.sentence_count * sizeof *fast.sentences) !=
                0)
            ck_abort_msg("blocks or sentences differ: %zu/%zu blocks, %zu/%zu sentences, "
                         "%zu/%zu tokens",
                         fast.block_count, slow.block_count, fast.sentence_count,
                         slow.sentence_count, fast.token_count, slow.token_count);
        for (size_t k = 0; k < fast.token_count; k++) {
            const galley_token *a = &fast.tokens[k], *b = &slow.tokens[k];
            if (a->start != b->start || a->end != b->end || a->kind != b->kind ||
                a->flags != b->flags || a->sentence != b->sentence || a->block != b->block ||
                a->fold_len != b->fold_len || strcmp(a->fold, b->fold) != 0)
                ck_abort_msg("token %zu differs: fast [%.*s] %u-%u kind %u flags %s fold \"%s\"; "
                             "general [%.*s] %u-%u kind %u flags %s fold \"%s\"",
                             k, (int)(a->end - a->start), bytes + a->start, a->start, a->end,
                             a->kind, flag_names(a->flags), a->fold, (int)(b->end - b->start),
                             bytes + b->start, b->start, b->end, b->kind, flag_names(b->flags),
                             b->fold);
        }
    }
    if (rc_fast == 0)
        gl_text_free(&fast);
    if (rc_slow == 0)
        gl_text_free(&slow);
    free(bytes);
}

/* Pieces that meet at every kind of edge the scanner has: joiners, digits,
   quotation marks, multi-byte punctuation, letters of other scripts. */
static const char *const pieces[] = {"the",
                                     "The",
                                     "THE",
                                     "a",
                                     "I",
                                     "U",
                                     "S",
                                     "Ukraine",
                                     "NATO",
                                     "x1",
                                     "F",
                                     "16",
                                     "3",
                                     "000",
                                     "2022",
                                     "1",
                                     "5",
                                     " ",
                                     " ",
                                     " ",
                                     " ",
                                     "  ",
                                     "\n",
                                     "\t",
                                     "\r\n",
                                     "\n\n",
                                     ".",
                                     ".",
                                     ",",
                                     ";",
                                     ":",
                                     "?",
                                     "!",
                                     "...",
                                     "--",
                                     "-",
                                     "'",
                                     "\"",
                                     "(",
                                     ")",
                                     "[",
                                     "#",
                                     "*",
                                     "|",
                                     "$",
                                     "+",
                                     "~",
                                     "\xE2\x80\x9C",
                                     "\xE2\x80\x9D",
                                     "\xE2\x80\x98",
                                     "\xE2\x80\x99",
                                     "\xC2\xAB",
                                     "\xC2\xBB",
                                     "\xE2\x80\x94",
                                     "\xE2\x80\x93",
                                     "\xE2\x80\xA6",
                                     "\xC2\xB7",
                                     "\xC2\xA9",
                                     "\xE2\x82\xAC",
                                     "\xC3\xA9",
                                     "\xC3\x89",
                                     "\xC3\xB1",
                                     "\xC3\x9F",
                                     "\xC5\x89",
                                     "\xCE\x90",
                                     "\xD0\x9A",
                                     "\xD0\xB8",
                                     "\xCC\x81",
                                     "\xE2\x80\x8B",
                                     "\xC2\xAD",
                                     "\xE2\x80\x90",
                                     "\xCA\xBC",
                                     "\xEF\xBC\x81",
                                     "\xD9\xA3",
                                     "\xE0\xA5\xA7",
                                     "\xF0\x9F\x98\x80",
                                     "\xE3\x80\x8C",
                                     "\xE3\x80\x8D",
                                     "Mr",
                                     "Dr",
                                     "no",
                                     "e.g",
                                     "J",
                                     "K"};

static uint32_t next_random(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

START_TEST(fast_scanner_matches_general_on_generated_text)
{
    char text[2048];
    uint32_t state = 20261127u;
    /* _i: the loop's pass; the second reads with SSE2 masks where AVX2 is the default */
    int was = gl_text_set_avx2(_i == 0);
    for (int doc = 0; doc < 1000; doc++) {
        size_t n = 0, target = 1 + next_random(&state) % 400;
        while (n < target) {
            const char *piece = pieces[next_random(&state) % GL_ARRAY_SIZE(pieces)];
            size_t len = strlen(piece);
            if (n + len >= sizeof text)
                break;
            memcpy(text + n, piece, len);
            n += len;
        }
        expect_same_as_general(text, n);
        /* the same text cut short: documents ending inside every kind of token */
        expect_same_as_general(text, n / 2);
    }
    gl_text_set_avx2(was);
}
END_TEST

START_TEST(fast_scanner_matches_general_across_window_edges)
{
    int was = gl_text_set_avx2(_i == 0);
    /* Words, numbers and joiners of every length from every start, so that
       each meets the end of a 64-byte window and the end of the block. */
    const char *const stems[] = {"a",           "Ab",   "1",     "don't",
                                 "Jean-Luc",    "U.S.", "3,000", "Kyiv\xE2\x80\x99s",
                                 "caf\xC3\xA9", "F-16"};
    char text[512];
    for (size_t st = 0; st < GL_ARRAY_SIZE(stems); st++) {
        for (size_t lead = 0; lead < 66; lead++) {
            for (size_t len = 1; len < 140; len += 15) {
                size_t n = 0;
                for (size_t i = 0; i < lead; i++)
                    text[n++] = i % 5 == 4 ? ' ' : 'x';
                text[n++] = ' ';
                while (n < lead + 1 + len) {
                    size_t m = strlen(stems[st]);
                    memcpy(text + n, stems[st], m);
                    n += m;
                }
                expect_same_as_general(text, n);
                text[n++] = '.';
                expect_same_as_general(text, n);
            }
        }
    }
    gl_text_set_avx2(was);
}
END_TEST

START_TEST(fast_scanner_matches_general_on_fixtures_and_corpus)
{
    const char *const names[] = {
        "tests/fixtures/text/quotes.txt", "tests/fixtures/text/mixed-scripts.txt",
        "tests/fixtures/text/crlf.txt",   "tests/fixtures/text/bom.txt",
        "corpus/air-raid-night.txt",      "corpus/frontline-aggregator.txt"};
    for (size_t i = 0; i < GL_ARRAY_SIZE(names); i++) {
        size_t length;
        char *bytes = t_read(t_source(names[i]), &length);
        ck_assert_msg(bytes != NULL, "cannot read %s", names[i]);
        expect_same_as_general(bytes, length);
        free(bytes);
    }
}
END_TEST

START_TEST(folds_stay_valid_when_the_arena_moves)
{
    /* և folds to two letters (four bytes from two): "և," gives seven bytes
       of folds from three of text, more than the room first reserved for
       folds (twice the text, 16,383 bytes for this text of 8,183), which
       then moves; the folds of the words before must move with it. */
    enum { LENGTH = 8183 };
    char text[LENGTH];
    size_t n = 0, units = 0;
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "Word%d ", i);
    while (n + 3 <= LENGTH) {
        memcpy(text + n, "\xD6\x87,", 3);
        n += 3;
        units++;
    }
    while (n < LENGTH)
        text[n++] = ' ';
    gl_text t;
    analyse_n(&t, text, n);
    ck_assert_uint_eq(t.token_count, 200 + 2 * units);
    ck_assert_uint_gt(t.folds_len, 2 * LENGTH + 1 + 16); /* the arena had to grow */
    ck_assert_str_eq(t.tokens[0].fold, "word0");
    ck_assert_str_eq(t.tokens[199].fold, "word199");
    ck_assert_str_eq(t.tokens[200].fold, "\xD5\xA5\xD6\x82");
    ck_assert_str_eq(t.tokens[t.token_count - 2].fold, "\xD5\xA5\xD6\x82");
    ck_assert_str_eq(t.tokens[t.token_count - 1].fold, ",");
    gl_text_free(&t);
    expect_same_as_general(text, n);
}
END_TEST

/* What utf8proc gives for text, as the text layer folds: case folded,
   composed, ignorables dropped, typographic apostrophes and hyphens written
   ' and -. */
static char *utf8proc_fold(const char *text)
{
    utf8proc_int32_t buf[64];
    utf8proc_ssize_t n = utf8proc_decompose(
        (const utf8proc_uint8_t *)text, (utf8proc_ssize_t)strlen(text), buf, 64,
        UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE | UTF8PROC_IGNORE);
    ck_assert(n >= 0 && n <= 64);
    for (utf8proc_ssize_t i = 0; i < n; i++)
        if (buf[i] == 0x2019 || buf[i] == 0x2018 || buf[i] == 0x02BC || buf[i] == 0x201B)
            buf[i] = '\'';
        else if (buf[i] == 0x2010 || buf[i] == 0x2011)
            buf[i] = '-';
    utf8proc_ssize_t bytes = utf8proc_reencode(
        buf, n, UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE | UTF8PROC_IGNORE);
    ck_assert(bytes >= 0);
    char *out = scratch();
    memcpy(out, buf, (size_t)bytes);
    out[bytes] = '\0';
    return out;
}

START_TEST(latin_letters_fold_as_utf8proc_folds_them)
{
    /* Words of Latin letters fold by a table, letter by letter: each letter
       from U+00C0 to U+024F, alone and between others, must fold as utf8proc
       folds the whole word. */
    const char *const around[][2] = {{"", ""},
                                     {"a", "N"},
                                     {"\xE2\x80\x99", "\xC3\x89"},
                                     {"\xC5\x89", "\xC8\x99"},
                                     {"\xC3\x9F", "\xE2\x80\x90"}};
    for (int32_t cp = 0xC0; cp < 0x250; cp++) {
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat != UTF8PROC_CATEGORY_LU && cat != UTF8PROC_CATEGORY_LL &&
            cat != UTF8PROC_CATEGORY_LT && cat != UTF8PROC_CATEGORY_LO)
            continue;
        char letter[8];
        letter[utf8proc_encode_char(cp, (utf8proc_uint8_t *)letter)] = '\0';
        for (size_t a = 0; a < GL_ARRAY_SIZE(around); a++) {
            for (int swap = 0; swap < 2; swap++) {
                char word[32];
                snprintf(word, sizeof word, "x%s%s%sy", around[a][swap], letter, around[a][!swap]);
                gl_text t;
                analyse(&t, word);
                ck_assert_uint_eq(t.token_count, 1);
                ck_assert_msg(strcmp(t.tokens[0].fold, utf8proc_fold(word)) == 0,
                              "U+%04X in %s: folded \"%s\", utf8proc \"%s\"", (unsigned)cp, word,
                              t.tokens[0].fold, utf8proc_fold(word));
                gl_text_free(&t);
            }
        }
    }
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");

    TCase *v = tcase_create("validation");
    tcase_add_test(v, nul_byte_is_rejected_with_offset_line_and_column);
    tcase_add_test(v, nul_byte_column_counts_characters_not_bytes);
    tcase_add_test(v, lone_continuation_byte_is_rejected);
    tcase_add_test(v, truncated_sequence_at_end_is_rejected);
    tcase_add_test(v, overlong_encoding_is_rejected);
    tcase_add_test(v, surrogate_is_rejected);
    tcase_add_test(v, code_point_above_unicode_is_rejected);
    tcase_add_test(v, invalid_byte_position_counts_lines_in_every_line_end);
    tcase_add_test(v, error_after_bom_counts_columns_from_the_first_character);
    tcase_add_test(v, valid_multibyte_text_is_accepted);
    suite_add_tcase(s, v);

    TCase *l = tcase_create("lines and blocks");
    tcase_add_test(l, bom_is_skipped);
    tcase_add_test(l, bom_alone_has_no_blocks);
    tcase_add_test(l, bom_inside_a_word_is_ignored_by_the_fold);
    tcase_add_test(l, folds_can_be_read_sixteen_bytes_wide);
    tcase_add_test(l, crlf_and_cr_line_ends_match_lf);
    tcase_add_test(l, line_column_with_crlf);
    tcase_add_test(l, line_column_with_lone_cr);
    tcase_add_test(l, line_column_with_mixed_line_ends);
    tcase_add_test(l, line_column_counts_characters);
    tcase_add_test(l, blocks_are_trimmed);
    tcase_add_test(l, unicode_spaces_are_trimmed);
    tcase_add_test(l, lines_of_unicode_spaces_are_blank);
    tcase_add_test(l, multi_line_block);
    tcase_add_test(l, block_first_line_numbers);
    tcase_add_test(l, block_at_inside_and_between_blocks);
    tcase_add_test(l, empty_and_blank_documents_have_no_blocks);
    suite_add_tcase(s, l);

    TCase *k = tcase_create("tokens");
    tcase_add_test(k, token_kinds_and_byte_ranges);
    tcase_add_test(k, words_keep_inner_apostrophes_and_hyphens);
    tcase_add_test(k, initials_stay_one_word);
    tcase_add_test(k, numbers_keep_inner_separators);
    tcase_add_test(k, punctuation_runs);
    tcase_add_test(k, words_with_digits);
    tcase_add_test(k, symbols_are_their_own_tokens);
    tcase_add_test(k, ascii_fold_lowercases);
    tcase_add_test(k, ascii_words_fold_the_same_at_every_length_and_alignment);
    tcase_add_test(k, unicode_case_folding);
    tcase_add_test(k, fold_is_composed_to_nfc);
    tcase_add_test(k, fold_drops_default_ignorables);
    tcase_add_test(k, apostrophes_and_hyphens_fold_to_ascii);
    tcase_add_test(k, quotes_and_ellipsis_fold_to_ascii);
    tcase_add_test(k, capitalised_and_all_caps);
    tcase_add_test(k, single_capital_letter_is_capitalised_not_all_caps);
    suite_add_tcase(s, k);

    TCase *fs = tcase_create("fast scanner");
    tcase_add_loop_test(fs, fast_scanner_matches_general_on_generated_text, 0, 2);
    tcase_add_loop_test(fs, fast_scanner_matches_general_across_window_edges, 0, 2);
    tcase_add_test(fs, fast_scanner_matches_general_on_fixtures_and_corpus);
    tcase_add_test(fs, folds_stay_valid_when_the_arena_moves);
    tcase_add_test(fs, latin_letters_fold_as_utf8proc_folds_them);
    tcase_set_timeout(fs, 120);
    suite_add_tcase(s, fs);

    TCase *q = tcase_create("quotations");
    tcase_add_test(q, curly_quotes_mark_the_words_inside);
    tcase_add_test(q, straight_double_quotes_mark_the_words_inside);
    tcase_add_test(q, single_quotes_nested_inside_double);
    tcase_add_test(q, quotation_spans_two_sentences);
    tcase_add_test(q, unbalanced_quote_ends_at_block_end);
    tcase_add_test(q, apostrophes_do_not_open_quotations);
    tcase_add_test(q, apostrophe_inside_a_quotation_does_not_close_it);
    tcase_add_test(q, stray_closing_marks_open_nothing);
    tcase_add_test(q, inch_marks_are_not_quotations);
    tcase_add_test(q, guillemets);
    tcase_add_test(q, reversed_guillemets);
    tcase_add_test(q, swedish_quotes_open_with_a_closing_mark);
    tcase_add_test(q, german_low_high_quotes);
    tcase_add_test(q, every_quotation_style_opens_and_closes);
    suite_add_tcase(s, q);

    TCase *n = tcase_create("sentences");
    tcase_add_test(n, titles_and_abbreviations_do_not_end_sentences);
    tcase_add_test(n, no_before_a_number_does_not_end_a_sentence);
    tcase_add_test(n, single_initials_do_not_end_sentences);
    tcase_add_test(n, initials_written_together_do_not_end_sentences);
    tcase_add_test(n, lower_case_word_after_a_full_stop_continues_the_sentence);
    tcase_add_test(n, ellipsis_splits_only_before_a_capital);
    tcase_add_test(n, question_and_exclamation_runs_end_sentences);
    tcase_add_test(n, marks_in_a_row_end_one_sentence);
    tcase_add_test(n, closing_quote_after_full_stop_belongs_to_the_sentence_before);
    tcase_add_test(n, question_in_a_quote_before_a_lower_case_word_continues);
    tcase_add_test(n, headline_without_full_stop_is_one_sentence);
    tcase_add_test(n, sentence_initial_after_an_opening_quote);
    tcase_add_test(n, sentences_never_cross_blocks);
    tcase_add_test(n, indices_are_consistent);
    suite_add_tcase(s, n);

    TCase *f = tcase_create("fixtures");
    tcase_add_test(f, fixture_line_ends);
    tcase_add_test(f, fixture_bom);
    tcase_add_test(f, fixture_mixed_scripts);
    tcase_add_test(f, fixture_quotes);
    suite_add_tcase(s, f);

    TCase *r = tcase_create("robustness");
    tcase_set_timeout(r, 60);
    tcase_add_test(r, one_megabyte_single_line);
    tcase_add_test(r, only_punctuation);
    tcase_add_test(r, twenty_nested_opening_quotes);
    tcase_add_test(r, ten_thousand_blank_lines);
    tcase_add_test(r, folds_longer_than_their_bytes);
    tcase_add_test(r, allocation_failures_are_reported_not_fatal);
    suite_add_tcase(s, r);
    return s;
}

int main(void)
{
    return t_main(text_suite());
}
