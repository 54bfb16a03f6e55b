/*
 * fuzz_text.c -- the text layer on arbitrary bytes.
 *
 * gl_text_analyse must either refuse the input with an input error and an
 * empty text, or hand back blocks, sentences and tokens that satisfy every
 * structural invariant plugins rely on (the ones tests/test_text.c checks on
 * its fixed inputs).  Whether it refuses is checked against an independent
 * UTF-8 validator written from RFC 3629, so the two cannot share a mistake.
 * And the fast scanner must agree with the general tokeniser alone
 * (gl_text_analyse_general) on every block, sentence, token and fold.
 */
#include <string.h>

#include "fuzz.h"
#include "internal.h"
#include "text.h"

/* 1 when bytes are well-formed UTF-8 (RFC 3629) with no NUL. */
static int well_formed(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned long cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void check_lines(const gl_text *t)
{
    FUZZ_CHECK(t->line_count >= 1 && t->lines[0] == 0);
    for (size_t i = 1; i < t->line_count; i++) {
        FUZZ_CHECK(t->lines[i] > t->lines[i - 1] && t->lines[i] <= t->length);
        char before = t->bytes[t->lines[i] - 1];
        FUZZ_CHECK(before == '\n' || before == '\r');
    }
}

static void check_structure(const gl_text *t)
{
    size_t next_token = 0, next_sentence = 0, previous_end = t->body;
    for (size_t b = 0; b < t->block_count; b++) {
        const galley_block *blk = &t->blocks[b];
        FUZZ_CHECK(blk->start < blk->end);
        FUZZ_CHECK(blk->start >= previous_end);
        FUZZ_CHECK(blk->end <= t->length);
        FUZZ_CHECK(!is_space(t->bytes[blk->start]) && !is_space(t->bytes[blk->end - 1]));
        int line, column;
        gl_text_line_column(t, blk->start, &line, &column);
        FUZZ_CHECK((int)blk->line == line && column >= 1);
        FUZZ_CHECK(gl_text_block_at(t, blk->start) == b);
        FUZZ_CHECK(gl_text_block_at(t, blk->end - 1) == b);
        /* Bytes between two blocks belong to neither. */
        for (size_t k = previous_end; k < blk->start; k++)
            FUZZ_CHECK(gl_text_block_at(t, k) == (size_t)-1);
        previous_end = blk->end;

        FUZZ_CHECK(blk->first_token == next_token && blk->token_count > 0);
        size_t prev_end = blk->start;
        for (size_t k = blk->first_token; k < blk->first_token + blk->token_count; k++) {
            const galley_token *tok = &t->tokens[k];
            FUZZ_CHECK(tok->block == b);
            FUZZ_CHECK(tok->start >= prev_end && tok->start < tok->end && tok->end <= blk->end);
            FUZZ_CHECK(tok->kind >= GALLEY_TOKEN_WORD && tok->kind <= GALLEY_TOKEN_SYMBOL);
            FUZZ_CHECK(tok->fold != NULL && strlen(tok->fold) == tok->fold_len);
            FUZZ_CHECK(well_formed((const unsigned char *)tok->fold, tok->fold_len));
            /* Tokens never hold white space, and nothing but white space lies between them. */
            for (size_t i = tok->start; i < tok->end; i++)
                FUZZ_CHECK(t->bytes[i] != '\n' && t->bytes[i] != '\r');
            prev_end = tok->end;
        }
        FUZZ_CHECK(t->tokens[blk->first_token].start == blk->start);
        FUZZ_CHECK(t->tokens[blk->first_token + blk->token_count - 1].end == blk->end);
        next_token += blk->token_count;

        FUZZ_CHECK(blk->first_sentence == next_sentence && blk->sentence_count > 0);
        size_t covered = blk->first_token;
        for (size_t s = blk->first_sentence; s < blk->first_sentence + blk->sentence_count; s++) {
            const galley_sentence *sn = &t->sentences[s];
            FUZZ_CHECK(sn->block == b && sn->first_token == covered && sn->token_count > 0);
            FUZZ_CHECK(sn->start == t->tokens[sn->first_token].start);
            FUZZ_CHECK(sn->end == t->tokens[sn->first_token + sn->token_count - 1].end);
            int seen_word = 0;
            for (size_t k = sn->first_token; k < sn->first_token + sn->token_count; k++) {
                const galley_token *tok = &t->tokens[k];
                FUZZ_CHECK(tok->sentence == s);
                int is_word = tok->kind == GALLEY_TOKEN_WORD || tok->kind == GALLEY_TOKEN_NUMBER;
                int initial = (tok->flags & GALLEY_TOKEN_SENTENCE_INITIAL) != 0;
                FUZZ_CHECK(initial == (is_word && !seen_word));
                if (is_word)
                    seen_word = 1;
                if (tok->flags & GALLEY_TOKEN_SENTENCE_END)
                    FUZZ_CHECK(tok->kind == GALLEY_TOKEN_PUNCTUATION);
                /* A mark cannot both open and close one quotation. */
                FUZZ_CHECK((tok->flags & (GALLEY_TOKEN_QUOTE_OPEN | GALLEY_TOKEN_QUOTE_CLOSE)) !=
                           (GALLEY_TOKEN_QUOTE_OPEN | GALLEY_TOKEN_QUOTE_CLOSE));
            }
            covered += sn->token_count;
        }
        FUZZ_CHECK(covered == blk->first_token + blk->token_count);
        next_sentence += blk->sentence_count;
    }
    FUZZ_CHECK(next_token == t->token_count);
    FUZZ_CHECK(next_sentence == t->sentence_count);
    for (size_t k = previous_end; k < t->length; k++)
        FUZZ_CHECK(gl_text_block_at(t, k) == (size_t)-1);
}

/* The fast scanner's analysis and the general tokeniser's are the same. */
static void check_same_as_general(const gl_text *t, const char *bytes, size_t size)
{
    gl_text g;
    galley_error err;
    galley_error_clear(&err);
    FUZZ_CHECK(gl_text_analyse_general(&g, bytes, size, "fuzz.txt", &err) == GALLEY_OK);
    FUZZ_CHECK(g.block_count == t->block_count && g.sentence_count == t->sentence_count &&
               g.token_count == t->token_count && g.line_count == t->line_count);
    FUZZ_CHECK(memcmp(g.blocks, t->blocks, g.block_count * sizeof *g.blocks) == 0);
    FUZZ_CHECK(memcmp(g.sentences, t->sentences, g.sentence_count * sizeof *g.sentences) == 0);
    for (size_t k = 0; k < g.token_count; k++) {
        const galley_token *a = &t->tokens[k], *b = &g.tokens[k];
        FUZZ_CHECK(a->start == b->start && a->end == b->end && a->kind == b->kind &&
                   a->flags == b->flags && a->sentence == b->sentence && a->block == b->block);
        FUZZ_CHECK(a->fold_len == b->fold_len && memcmp(a->fold, b->fold, a->fold_len) == 0);
    }
    gl_text_free(&g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A copy of exactly `size` bytes, so ASan catches any read past the end. */
    char *bytes = malloc(size ? size : 1);
    if (!bytes)
        return 0;
    memcpy(bytes, data, size);
    gl_text t;
    galley_error err;
    galley_error_clear(&err);
    int rc = gl_text_analyse(&t, bytes, size, "fuzz.txt", &err);
    size_t body = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    int valid = well_formed(data + body, size - body);
    if (rc == GALLEY_OK) {
        FUZZ_CHECK(valid);
        check_lines(&t);
        check_structure(&t);
        check_same_as_general(&t, bytes, size);
        /* Any offset, even past the end, has a line and column and at most one block. */
        for (size_t k = 0; k <= size + 1; k += 1 + size / 16) {
            int line, column;
            gl_text_line_column(&t, k, &line, &column);
            FUZZ_CHECK(line >= 1 && (size_t)line <= t.line_count && column >= 1);
            size_t b = gl_text_block_at(&t, k);
            FUZZ_CHECK(b == (size_t)-1 || (t.blocks[b].start <= k && k < t.blocks[b].end));
        }
    } else {
        FUZZ_CHECK(!valid);
        FUZZ_CHECK(rc == GALLEY_EINPUT && err.status == GALLEY_EINPUT);
        FUZZ_CHECK(strcmp(err.source, "fuzz.txt") == 0 && err.text[0]);
        FUZZ_CHECK(err.position >= (long long)body && (size_t)err.position < size);
        FUZZ_CHECK(err.line >= 1 && err.column >= 1);
        FUZZ_CHECK(t.blocks == NULL && t.tokens == NULL && t.block_count == 0);
    }
    gl_text_free(&t);
    free(bytes);
    return 0;
}
