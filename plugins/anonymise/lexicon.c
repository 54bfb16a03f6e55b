/*
 * lexicon.c -- the anonymise plugin's word lists: read once in create(),
 * folded the way the core folds tokens, and kept in one open-addressing hash
 * table, so that process() pays one hash lookup per capitalised word.
 *
 * One table holds every list.  An entry is a folded word or phrase ("kyiv",
 * "prime minister", "bila tserkva") with a bit per list it appears in: "Roman"
 * is both a given name and a demonym, "Tesla" both a brand and a call sign,
 * and mentions.c weighs the context when an entry says two things.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anonymise.h"

#define ARENA_BLOCK 65536
#define MAX_LINE 1024

/* ---- folding ------------------------------------------------------------ */

/*
 * Simple case folding for the blocks names are written in.  utf8proc is the
 * core's business; a plugin links only the galley library, so the mappings
 * it needs are written out here: each block either adds a fixed distance or
 * pairs upper and lower case on neighbouring code points.
 */
static int32_t fold_cp(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return c + 32;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) || (c >= 0x218 && c <= 0x233) ||
        (c >= 0x1E00 && c <= 0x1E95) || (c >= 0x1EA0 && c <= 0x1EFF) ||
        (c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
        return (c & 1) ? c : c + 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E) || (c >= 0x4C1 && c <= 0x4CE) ||
        (c >= 0x1CD && c <= 0x1DC))
        return (c & 1) ? c + 1 : c;
    if (c == 0x178)
        return 0xFF;
    if (c == 0x1A0 || c == 0x1AF) /* Vietnamese O and U with horn */
        return c + 1;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2)
        return c + 32;
    if (c == 0x3C2) /* final sigma folds to sigma */
        return 0x3C3;
    if (c == 0x386)
        return 0x3AC;
    if (c >= 0x388 && c <= 0x38A)
        return c + 37;
    if (c == 0x38C)
        return 0x3CC;
    if (c == 0x38E || c == 0x38F)
        return c + 63;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    if (c >= 0x531 && c <= 0x556)
        return c + 48;
    return c;
}

/* Decodes one UTF-8 character; invalid bytes come back as themselves, width 1. */
static int32_t decode(const unsigned char *s, size_t n, size_t *width)
{
    unsigned c = s[0];
    if (c < 0x80 || n < 2) {
        *width = 1;
        return (int32_t)c;
    }
    if (c >= 0xC2 && c < 0xE0 && (s[1] & 0xC0) == 0x80) {
        *width = 2;
        return (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
    }
    if (c >= 0xE0 && c < 0xF0 && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        *width = 3;
        return (int32_t)(((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F));
    }
    if (c >= 0xF0 && c < 0xF5 && n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
        (s[3] & 0xC0) == 0x80) {
        *width = 4;
        return (int32_t)(((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) |
                         (s[3] & 0x3F));
    }
    *width = 1;
    return -1;
}

static size_t encode(int32_t c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

long fold_name(const char *text, size_t length, char *out, size_t out_size)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = 0, i = 0;
    int pending_space = 0;
    if (out_size == 0)
        return -1;
    while (i < length) {
        /* ASCII letters, digits and marks, the bulk of every list: lowered in place */
        unsigned char a = s[i];
        if (a > ' ' && a < 0x80) {
            if (n + 2 + (pending_space ? 1 : 0) > out_size)
                return -1;
            if (pending_space)
                out[n++] = ' ';
            pending_space = 0;
            out[n++] = (char)(a >= 'A' && a <= 'Z' ? a + 32 : a);
            i++;
            continue;
        }
        size_t w;
        int32_t c = decode(s + i, length - i, &w);
        i += w;
        if (c < 0)
            return -1;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0) {
            while (n > 0 && out[n - 1] == '.')
                n--; /* "Mr." and "U.N." meet the core's tokens "mr" and "u.n" */
            pending_space = n > 0;
            continue;
        }
        if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
            c = '\'';
        else if (c == 0x2010 || c == 0x2011)
            c = '-';
        char buf[8];
        size_t len;
        if (c == 0xDF || c == 0x1E9E) { /* ß folds to ss */
            buf[0] = buf[1] = 's';
            len = 2;
        } else {
            len = encode(fold_cp(c), buf);
        }
        if (n + len + (pending_space ? 1 : 0) + 1 > out_size)
            return -1;
        if (pending_space)
            out[n++] = ' ';
        pending_space = 0;
        memcpy(out + n, buf, len);
        n += len;
    }
    while (n > 0 && out[n - 1] == '.')
        n--;
    out[n] = '\0';
    return (long)n;
}

/* ---- the table ---------------------------------------------------------- */

/*
 * Eight bytes a step, one multiply each: most keys are one word, so a
 * lookup costs a multiply or two instead of one per byte.  The high half
 * of each product is folded into the low bits, which pick the slot.
 */
static uint32_t hash_bytes(const char *s, size_t n)
{
    const uint64_t m = 0xFF51AFD7ED558CCDull;
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * m;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++)
        w |= (uint64_t)(unsigned char)s[i] << (8 * i);
    h = (h ^ w) * m;
    h ^= h >> 29;
    h *= m;
    return (uint32_t)(h ^ (h >> 32));
}

static char *arena_copy(lexicon *lex, const char *s, size_t n)
{
    if (n + 1 > lex->arena_left) {
        size_t size = n + 1 > ARENA_BLOCK ? n + 1 : ARENA_BLOCK;
        if (grow_array((void **)&lex->arena, &lex->arena_cap, lex->arena_count + 1,
                       sizeof *lex->arena) != 0)
            return NULL;
        char *block = malloc(size);
        if (!block)
            return NULL;
        lex->arena[lex->arena_count++] = block;
        lex->arena_next = block;
        lex->arena_left = size;
    }
    char *p = lex->arena_next;
    memcpy(p, s, n);
    p[n] = '\0';
    lex->arena_next += n + 1;
    lex->arena_left -= n + 1;
    return p;
}

/* The byte a slot's tag holds for a hash: its top eight bits (the slot is chosen by the
   low ones), never 0, which marks an empty slot. */
static uint8_t slot_tag(uint32_t h)
{
    uint8_t t = (uint8_t)(h >> 24);
    return (uint8_t)(t | (t == 0));
}

static int table_grow(lexicon *lex)
{
    size_t count = lex->slot_count ? lex->slot_count * 2 : 4096;
    lex_entry *slots = calloc(count, sizeof *slots);
    uint8_t *tags = calloc(count, sizeof *tags);
    if (!slots || !tags) {
        free(slots);
        free(tags);
        return -1;
    }
    for (size_t i = 0; i < lex->slot_count; i++) {
        const lex_entry *e = &lex->slots[i];
        if (!e->key)
            continue;
        size_t j = e->hash & (count - 1);
        while (slots[j].key)
            j = (j + 1) & (count - 1);
        slots[j] = *e;
        tags[j] = slot_tag(e->hash);
    }
    free(lex->slots);
    free(lex->tags);
    lex->slots = slots;
    lex->tags = tags;
    lex->slot_count = count;
    return 0;
}

uint32_t lexicon_hash(const char *key, size_t length) { return hash_bytes(key, length); }

void lexicon_prefetch_tag(const lexicon *lex, uint32_t h)
{
    if (lex->slot_count)
        __builtin_prefetch(&lex->tags[h & (lex->slot_count - 1)]);
}

/* From slot j on, the first slot whose tag is tag, or SIZE_MAX at the empty slot that ends
   the probe. */
static size_t next_tagged(const lexicon *lex, size_t j, uint8_t tag)
{
    const size_t mask = lex->slot_count - 1;
    for (; lex->tags[j]; j = (j + 1) & mask)
        if (lex->tags[j] == tag)
            return j;
    return SIZE_MAX;
}

const lex_entry *lexicon_prefetch_slot(const lexicon *lex, uint32_t h)
{
    if (!lex->slot_count)
        return NULL;
    size_t j = next_tagged(lex, h & (lex->slot_count - 1), slot_tag(h));
    if (j == SIZE_MAX)
        return NULL;
    __builtin_prefetch(&lex->slots[j]);
    return &lex->slots[j];
}

const lex_entry *lexicon_find(const lexicon *lex, const char *key, size_t length)
{
    return lexicon_find_hashed(lex, key, length, hash_bytes(key, length));
}

const lex_entry *lexicon_find_hashed(const lexicon *lex, const char *key, size_t length, uint32_t h)
{
    if (!lex->slot_count)
        return NULL;
    const uint8_t tag = slot_tag(h);
    const size_t mask = lex->slot_count - 1;
    for (size_t j = next_tagged(lex, h & mask, tag); j != SIZE_MAX;
         j = next_tagged(lex, (j + 1) & mask, tag)) {
        const lex_entry *e = &lex->slots[j];
        if (e->hash == h && e->length == length && memcmp(e->key, key, length) == 0)
            return e;
    }
    return NULL;
}

/* Adds flags to the entry for a folded key, creating it if needed. */
static lex_entry *table_add(lexicon *lex, const char *key, size_t length, uint32_t flags)
{
    if ((lex->used + 1) * 2 > lex->slot_count && table_grow(lex) != 0)
        return NULL;
    uint32_t h = hash_bytes(key, length);
    size_t j = h & (lex->slot_count - 1);
    while (lex->slots[j].key) {
        lex_entry *e = &lex->slots[j];
        if (e->hash == h && e->length == length && memcmp(e->key, key, length) == 0) {
            e->flags |= flags;
            return e;
        }
        j = (j + 1) & (lex->slot_count - 1);
    }
    const char *copy = arena_copy(lex, key, length);
    if (!copy)
        return NULL;
    lex_entry *e = &lex->slots[j];
    e->key = copy;
    e->length = (uint32_t)length;
    e->hash = h;
    e->flags = flags;
    e->public_index = -1;
    e->on_record_index = -1;
    e->cue = 0;
    lex->tags[j] = slot_tag(h);
    lex->used++;
    size_t words = 1;
    for (size_t i = 0; i < length; i++)
        words += key[i] == ' ';
    if (words > lex->max_words)
        lex->max_words = words;
    return e;
}

/* ---- reading the data files --------------------------------------------- */

static int data_error(galley_error *err, int status, const char *path, int line,
                      const char *fmt, ...) GALLEY_PRINTF(5, 6);

static int data_error(galley_error *err, int status, const char *path, int line,
                      const char *fmt, ...)
{
    char text[GALLEY_ERROR_TEXT_LENGTH];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    galley_error_set(err, status, "%s", text);
    if (err) {
        snprintf(err->source, sizeof err->source, "%s", path);
        err->line = line;
        err->column = line > 0 ? 1 : 0;
    }
    return status;
}

/* Reads a whole file; NULL with err filled when it cannot. */
static char *read_file(const char *path, size_t *length, galley_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        data_error(err, GALLEY_ECONFIG, path, 0, "cannot open the word list %s: %s", path,
                   strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f);
    fclose(f);
    if (!buf) {
        data_error(err, GALLEY_ENOMEM, path, 0, "out of memory reading the word list");
        return NULL;
    }
    if (failed) {
        free(buf);
        data_error(err, GALLEY_ECONFIG, path, 0, "cannot read the word list");
        return NULL;
    }
    buf[n] = '\0';
    *length = n;
    return buf;
}

typedef int (*line_fn)(lexicon *lex, const char *path, int line, char *text, void *ctx,
                       galley_error *err);

/* Calls fn on every line that is not blank or a # comment, with \r stripped. */
static int each_line(lexicon *lex, const char *path, line_fn fn, void *ctx, galley_error *err)
{
    size_t length = 0;
    char *buf = read_file(path, &length, err);
    if (!buf)
        return err ? err->status : GALLEY_ECONFIG;
    if (memchr(buf, '\0', length)) {
        free(buf);
        return data_error(err, GALLEY_ECONFIG, path, 0, "holds a NUL byte: it is not a text file");
    }
    int rc = GALLEY_OK, line = 0;
    char *p = buf;
    if (length >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (*p && rc == GALLEY_OK) {
        line++;
        char *eol = strchr(p, '\n');
        char *next = eol ? eol + 1 : p + strlen(p);
        if (eol)
            *eol = '\0';
        size_t n = strlen(p);
        while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
            p[--n] = '\0';
        while (*p == ' ')
            p++;
        if (*p && *p != '#') {
            if (strlen(p) > MAX_LINE)
                rc = data_error(err, GALLEY_ECONFIG, path, line,
                                "the line is longer than %d bytes; one entry a line is expected",
                                MAX_LINE);
            else
                rc = fn(lex, path, line, p, ctx, err);
        }
        p = next;
    }
    free(buf);
    return rc;
}

/* Folds an entry and adds it with flags; returns the entry or NULL with err filled. */
static lex_entry *add_entry(lexicon *lex, const char *path, int line, const char *text,
                            uint32_t flags, galley_error *err)
{
    char key[MAX_LINE * 2 + 8];
    long n = fold_name(text, strlen(text), key, sizeof key);
    if (n < 0) {
        data_error(err, GALLEY_ECONFIG, path, line, "'%s' is not valid UTF-8 text", text);
        return NULL;
    }
    if (n == 0) {
        data_error(err, GALLEY_ECONFIG, path, line, "the entry is empty");
        return NULL;
    }
    /* Every shorter run of leading words is marked, so that a lookup of "security" can
       tell that "security council" may follow, and one of "storm" that nothing does. */
    for (long i = 0; i < n; i++)
        if (key[i] == ' ' && !table_add(lex, key, (size_t)i, LEX_PREFIX)) {
            data_error(err, GALLEY_ENOMEM, path, line, "out of memory loading the word list");
            return NULL;
        }
    lex_entry *e = table_add(lex, key, (size_t)n, flags);
    if (!e)
        data_error(err, GALLEY_ENOMEM, path, line, "out of memory loading the word list");
    else
        lex->words_loaded++;
    return e;
}

/* A plain list: one entry a line, no tab. */
static int plain_line(lexicon *lex, const char *path, int line, char *text, void *ctx,
                      galley_error *err)
{
    uint32_t flags = *(const uint32_t *)ctx;
    /* Affiliation cues are phrases ("fellow at") or institution words ("Institute",
       "WHO"); folding loses the case, so the two kinds get two flags. */
    if (flags == LEX_AFFILIATION && (unsigned char)text[0] >= 'A' &&
        ((unsigned char)text[0] <= 'Z' || (unsigned char)text[0] >= 0xC0))
        flags = LEX_INSTITUTION;
    if (strchr(text, '\t'))
        return data_error(err, GALLEY_ECONFIG, path, line,
                          "expected one entry a line without a tab, got '%s'", text);
    return add_entry(lex, path, line, text, flags, err) ? GALLEY_OK : err->status;
}

/* surnames.txt: SURNAME<TAB>LANG. */
static int surname_line(lexicon *lex, const char *path, int line, char *text, void *ctx,
                        galley_error *err)
{
    (void)ctx;
    char *tab = strchr(text, '\t');
    if (!tab || tab == text || !tab[1])
        return data_error(err, GALLEY_ECONFIG, path, line,
                          "expected SURNAME<TAB>LANG (e.g. 'Shevchenko\tuk'), got '%s'", text);
    *tab = '\0';
    return add_entry(lex, path, line, text, LEX_SURNAME, err) ? GALLEY_OK : err->status;
}

/*
 * titles.txt: TERM<TAB>KIND.  A post is an office every kind of body has (a
 * chair, a director, a spokesman): written before a name it is a title like
 * any office, but in apposition it makes a public figure only when the body
 * is public ("a spokesman for the 47th Brigade", not "the group's chair").
 */
static int title_line(lexicon *lex, const char *path, int line, char *text, void *ctx,
                      galley_error *err)
{
    (void)ctx;
    char *tab = strchr(text, '\t');
    if (!tab || tab == text)
        return data_error(
            err, GALLEY_ECONFIG, path, line,
            "expected TERM<TAB>KIND (kind: honorific, rank, office, post, team or role), "
            "got '%s'",
            text);
    *tab = '\0';
    const char *kind = tab + 1;
    uint32_t flag = strcmp(kind, "honorific") == 0 ? LEX_HONORIFIC
                    : strcmp(kind, "rank") == 0    ? LEX_RANK
                    : strcmp(kind, "office") == 0  ? LEX_OFFICE
                    : strcmp(kind, "post") == 0    ? LEX_OFFICE | LEX_POST
                    : strcmp(kind, "team") == 0    ? LEX_OFFICE | LEX_POST | LEX_TEAM
                    : strcmp(kind, "role") == 0    ? LEX_ROLE
                                                   : 0;
    if (!flag)
        return data_error(
            err, GALLEY_ECONFIG, path, line,
            "unknown kind '%s' for '%s': use honorific, rank, office, post, team or role", kind,
            text);
    /* "PM", "MP": an abbreviation in capitals, which in lower case is something else ("10pm") */
    int capitals = 0, lower = 0;
    for (const char *c = text; *c; c++) {
        capitals += *c >= 'A' && *c <= 'Z';
        lower += (*c >= 'a' && *c <= 'z') || *c == ' ';
    }
    if (capitals >= 2 && !lower)
        flag |= LEX_ACRONYM;
    return add_entry(lex, path, line, text, flag, err) ? GALLEY_OK : err->status;
}

typedef struct person_list_ctx {
    uint32_t flag; /* LEX_PUBLIC or LEX_ON_RECORD */
    const char *source;
} person_list_ctx;

static int add_person(lex_person **items, size_t *count, size_t *cap, const char *name,
                      const char *source)
{
    if (grow_array((void **)items, cap, *count + 1, sizeof **items) != 0)
        return -1;
    (*items)[*count].name = name;
    (*items)[*count].source = source;
    (*items)[*count].common = 0;
    (*count)++;
    return 0;
}

/* A person list: FULL NAME[<TAB>ALIAS|ALIAS...[<TAB>common]]. */
static int person_line(lexicon *lex, const char *path, int line, char *text, void *vctx,
                       galley_error *err)
{
    const person_list_ctx *ctx = vctx;
    char *tab = strchr(text, '\t');
    char *aliases = NULL;
    int common = 0;
    if (tab) {
        *tab = '\0';
        aliases = tab + 1;
        char *flags = strchr(aliases, '\t');
        if (flags) {
            *flags++ = '\0';
            if (strcmp(flags, "common") != 0)
                return data_error(err, GALLEY_ECONFIG, path, line,
                                  "expected FULL NAME<TAB>ALIAS|ALIAS... and, after a second "
                                  "tab, only the word common");
            common = 1;
        }
    }
    if (!*text)
        return data_error(err, GALLEY_ECONFIG, path, line,
                          "the name is empty: expected FULL NAME<TAB>ALIASES");
    const char *name = arena_copy(lex, text, strlen(text));
    if (!name)
        return data_error(err, GALLEY_ENOMEM, path, line, "out of memory");
    int is_public = ctx->flag == LEX_PUBLIC;
    size_t index = is_public ? lex->public_count : lex->on_record_count;
    if (add_person(is_public ? &lex->public : &lex->on_record,
                   is_public ? &lex->public_count : &lex->on_record_count,
                   is_public ? &lex->public_cap : &lex->on_record_cap, name, ctx->source) != 0)
        return data_error(err, GALLEY_ENOMEM, path, line, "out of memory");
    (is_public ? lex->public : lex->on_record)[index].common = common;
    /* The full name first, then each alias; every form points at the same person. */
    char *form = text;
    while (form) {
        char *next = NULL;
        if (form != text) {
            char *bar = strchr(form, '|');
            if (bar) {
                *bar = '\0';
                next = bar + 1;
            }
        } else {
            next = aliases;
        }
        if (*form) {
            lex_entry *e = add_entry(lex, path, line, form, ctx->flag, err);
            if (!e)
                return err->status;
            /* The first list that names a form keeps it. */
            if (is_public && e->public_index < 0)
                e->public_index = (int32_t)index;
            if (!is_public && e->on_record_index < 0)
                e->on_record_index = (int32_t)index;
        }
        form = next;
    }
    return GALLEY_OK;
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (p) {
        memcpy(p, dir, a);
        p[a] = '/';
        memcpy(p + a + 1, name, b);
        p[a + 1 + b] = '\0';
    }
    return p;
}

static int load_plain(lexicon *lex, const char *dir, const char *file, uint32_t flag,
                      galley_error *err)
{
    char *path = join(dir, file);
    if (!path)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    int rc = each_line(lex, path, plain_line, &flag, err);
    free(path);
    return rc;
}

static int load_with(lexicon *lex, const char *dir, const char *file, line_fn fn, void *ctx,
                     galley_error *err)
{
    char *path = join(dir, file);
    if (!path)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    int rc = each_line(lex, path, fn, ctx, err);
    free(path);
    return rc;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.txt in data/given-names/, one language a file, in a stable order. */
static int load_given_names(lexicon *lex, const char *data_dir, galley_error *err)
{
    char *dir = join(data_dir, "given-names");
    if (!dir)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    DIR *d = opendir(dir);
    if (!d) {
        int rc = data_error(err, GALLEY_ECONFIG, dir, 0, "cannot open the given-names directory: %s",
                            strerror(errno));
        free(dir);
        return rc;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    int rc = GALLEY_OK;
    struct dirent *ent;
    while (rc == GALLEY_OK && (ent = readdir(d)) != NULL) {
        size_t n = strlen(ent->d_name);
        if (n < 5 || strcmp(ent->d_name + n - 4, ".txt") != 0 || ent->d_name[0] == '.')
            continue;
        char *copy = malloc(n + 1);
        if (!copy || grow_array((void **)&names, &cap, count + 1, sizeof *names) != 0) {
            free(copy);
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            break;
        }
        memcpy(copy, ent->d_name, n + 1);
        names[count++] = copy;
    }
    closedir(d);
    if (rc == GALLEY_OK && count == 0)
        rc = data_error(err, GALLEY_ECONFIG, dir, 0,
                        "holds no *.txt list of given names; the plugin cannot find people");
    if (count) /* qsort's array must not be NULL, even for no items */
        qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count && rc == GALLEY_OK; i++)
        rc = load_plain(lex, dir, names[i], LEX_GIVEN, err);
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    free(dir);
    return rc;
}

int lexicon_load(lexicon *lex, const char *data_dir, const char *public_figures,
                 const char *on_record, int shipped_public, galley_error *err)
{
    memset(lex, 0, sizeof *lex);
    static person_list_ctx shipped = {LEX_PUBLIC, "the shipped list of public figures"};
    person_list_ctx newsroom_public = {LEX_PUBLIC, NULL};
    person_list_ctx newsroom_record = {LEX_ON_RECORD, NULL};
    int rc = load_given_names(lex, data_dir, err);
    if (rc == GALLEY_OK)
        rc = load_with(lex, data_dir, "surnames.txt", surname_line, NULL, err);
    if (rc == GALLEY_OK)
        rc = load_plain(lex, data_dir, "ambiguous-names.txt", LEX_AMBIGUOUS, err);
    if (rc == GALLEY_OK)
        rc = load_with(lex, data_dir, "titles.txt", title_line, NULL, err);
    if (rc == GALLEY_OK)
        rc = load_plain(lex, data_dir, "places.txt", LEX_PLACE, err);
    if (rc == GALLEY_OK)
        rc = load_plain(lex, data_dir, "organisations.txt", LEX_ORG, err);
    if (rc == GALLEY_OK)
        rc = load_plain(lex, data_dir, "non-names.txt", LEX_NONNAME, err);
    if (rc == GALLEY_OK)
        rc = load_plain(lex, data_dir, "affiliation-cues.txt", LEX_AFFILIATION, err);
    if (rc == GALLEY_OK)
        rc = load_plain(lex, data_dir, "common-words.txt", LEX_COMMON, err);
    if (rc == GALLEY_OK && shipped_public)
        rc = load_with(lex, data_dir, "public-figures.txt", person_line, &shipped, err);
    if (rc == GALLEY_OK && public_figures) {
        newsroom_public.source = arena_copy(lex, public_figures, strlen(public_figures));
        rc = newsroom_public.source
                 ? each_line(lex, public_figures, person_line, &newsroom_public, err)
                 : galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    if (rc == GALLEY_OK && on_record) {
        newsroom_record.source = arena_copy(lex, on_record, strlen(on_record));
        rc = newsroom_record.source
                 ? each_line(lex, on_record, person_line, &newsroom_record, err)
                 : galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    if (rc != GALLEY_OK)
        lexicon_free(lex);
    return rc;
}

void lexicon_free(lexicon *lex)
{
    for (size_t i = 0; i < lex->arena_count; i++)
        free(lex->arena[i]);
    free(lex->arena);
    free(lex->slots);
    free(lex->tags);
    free(lex->public);
    free(lex->on_record);
    memset(lex, 0, sizeof *lex);
}

int lexicon_add_words(lexicon *lex, const char *const *words, uint32_t cue)
{
    for (size_t i = 0; words[i]; i++) {
        lex_entry *e = table_add(lex, words[i], strlen(words[i]), 0);
        if (!e)
            return -1;
        e->cue |= cue;
    }
    return 0;
}

int grow_array(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 8;
    while (n < need)
        n *= 2;
    void *p = realloc(*items, n * size);
    if (!p)
        return -1;
    *items = p;
    *cap = n;
    return 0;
}
