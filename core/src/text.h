/*
 * text.h -- the text layer: UTF-8 validation, lines, blocks, sentences and
 * tokens, computed once per document before any plugin runs.
 */
#ifndef GALLEY_TEXT_H
#define GALLEY_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "galley/galley.h"

typedef struct gl_text {
    const char *bytes; /* the caller's buffer, never modified, not owned */
    size_t length;
    size_t body; /* offset of the first byte after a BOM (0 or 3) */

    galley_block *blocks;
    size_t block_count, block_cap;
    galley_sentence *sentences;
    size_t sentence_count, sentence_cap;
    galley_token *tokens;
    size_t token_count, token_cap;

    char *folds; /* every token's folded form, each NUL-terminated */
    size_t folds_len, folds_cap;

    uint32_t *lines; /* byte offset where each line starts; lines[0] == 0 */
    size_t line_count, line_cap;

    uint32_t *terminals; /* while analysing: the tokens that are . ! ? and the like */
    size_t terminal_count, terminal_cap;
} gl_text;

/* The largest document the 32-bit offsets can address. */
#define GL_TEXT_MAX_BYTES ((size_t)UINT32_MAX - 1)

/*
 * Validates bytes[0, length) and computes lines, blocks, sentences and
 * tokens.  `source` names the input in errors.  On failure the text is left
 * empty (gl_text_free is still safe) and err says where: invalid UTF-8 and NUL
 * bytes name the byte offset, line and column (GALLEY_EINPUT).
 */
int gl_text_analyse(gl_text *text, const char *bytes, size_t length, const char *source,
                    galley_error *err);
void gl_text_free(gl_text *text);

/*
 * The same analysis without the fast scanner: every token read by the general
 * tokeniser.  Slower; tests and the text fuzzer check that both agree.
 */
int gl_text_analyse_general(gl_text *text, const char *bytes, size_t length, const char *source,
                            galley_error *err);

/*
 * Whether the scanner runs its AVX2 build (32-byte masks and bit instructions:
 * the default where the processor has AVX2, BMI1/2 and POPCNT) or its SSE2
 * one; returns the previous setting.  For tests, which check both: not safe
 * while another thread analyses.
 */
int gl_text_set_avx2(int on);

/* 1-based line and column (in characters) of a byte offset. */
void gl_text_line_column(const gl_text *text, size_t offset, int *line, int *column);

/* The index of the block holding a byte offset, or (size_t)-1 when it is between blocks. */
size_t gl_text_block_at(const gl_text *text, size_t offset);

#endif /* GALLEY_TEXT_H */
