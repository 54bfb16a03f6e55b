/*
 * test_report_text.c -- the terminal report (core/src/report_text.c).
 *
 * The writer is run on hand-made document reports (tests/report_docs.h) that
 * carry the attributes and results the project's plugins set, so that every
 * part of the report is tested whether or not those plugins are built: the
 * header (section, boilerplate share, sentiment and tone, persons, the
 * document's verdict, other steps' results), the findings, the paragraph
 * map with its sentiment bars, the summary table, widths, colour, -q and the
 * escaping of everything that comes from an article.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report_docs.h"

#define ARTICLE                                                                                    \
    "Home > World > Europe\n"                                                                      \
    "\n"                                                                                           \
    "Crews on the Pokrovsk road say the ring closes.\n"                                            \
    "They write at night.\n"                                                                       \
    "\n"                                                                                           \
    "\"We hold on,\" said Pavlo, a driver. Taras Hrytsenko disagreed.\n"                           \
    "\n"                                                                                           \
    "Read Now: ten autumn coats\n"

/*
 * The article above as the review pipeline would report it: blocks 0 and 3
 * are furniture, 1 and 2 war content with sentiment and tone; the section,
 * sentiment and anonymise steps' results; a wordcount result the header does
 * not know; an error and a warning.
 */
static json_t *review_doc(const char *path, const char *text)
{
    json_t *doc = doc_for(path, text);
    set_attr(doc, 0, "boilerplate", json_true());
    set_attr(doc, 0, "boilerplate_reason", json_string("crumb"));
    set_attr(doc, 3, "boilerplate", json_true());
    set_attr(doc, 3, "boilerplate_reason", json_string("teaser"));
    for (size_t b = 1; b <= 2; b++)
        set_attr(doc, b, "boilerplate", json_false());
    set_attr(doc, 1, "section", json_string("war"));
    set_attr(doc, 1, "section_p", json_real(0.81));
    set_attr(doc, 1, "sentiment", json_real(-0.5));
    set_attr(doc, 1, "polarity", json_string("negative"));
    set_attr(doc, 1, "tone", json_string("weary"));
    set_attr(doc, 2, "section", json_string("war"));
    set_attr(doc, 2, "section_p", json_real(0.62));
    set_attr(doc, 2, "sentiment", json_real(0.3));
    set_attr(doc, 2, "polarity", json_string("positive"));
    set_attr(doc, 2, "tone", json_string("hopeful"));
    set_result(doc, "section",
               json_pack("{s:s, s:f, s:{s:f}}", "label", "war", "p", 0.74, "shares", "war", 0.74));
    set_result(doc, "sentiment",
               json_pack("{s:f, s:s, s:s, s:{s:f}}", "score", -0.12, "polarity", "negative",
                         "tone_label", "weary", "tone", "fear", 0.2));
    static const char *const taras[] = {"Taras Hrytsenko", NULL};
    static const char *const pavlo[] = {"Pavlo", NULL};
    set_result(doc, "anonymise",
               json_pack("{s:[o, o]}", "persons",
                         person(text, "Taras Hrytsenko", "unlisted", taras),
                         person(text, "Pavlo", "pseudonym", pavlo)));
    set_result(doc, "wordcount", json_pack("{s:i, s:s}", "words", 42, "note", "x"));
    add_finding(doc, text, "ring closes", "sentiment", "loaded-language", "warning",
                "'ring closes' is loaded in the reporter's voice");
    add_finding(doc, text, "Taras Hrytsenko", "anonymise", "unlisted-name", "error",
                "Taras Hrytsenko is named here but is not cleared for publication");
    return doc;
}

/* Writes the article under the test directory and returns its report. */
static json_t *review_article(const char *name, const char *text)
{
    return review_doc(t_write(name, text), text);
}

static void teardown(void)
{
    t_cleanup();
}

/* The line of out that contains needle, as a new string. */
static char *line_with(const char *out, const char *needle)
{
    const char *at = strstr(out, needle);
    ck_assert_msg(at != NULL, "no line with \"%s\" in:\n%s", needle, out);
    const char *start = at;
    while (start > out && start[-1] != '\n')
        start--;
    const char *end = strchr(at, '\n');
    return strndup(start, end ? (size_t)(end - start) : strlen(start));
}

/* ---- the header ---------------------------------------------------------- */

START_TEST(header_shows_what_an_editor_asks_first)
{
    json_t *doc = review_article("article.txt", ARTICLE);
    char *out = render_one("text", 0, 100, doc);
    const char *path = json_string_value(json_object_get(doc, "path"));
    char want[600];
    snprintf(want, sizeof want, "%s  4 blocks, 4 sentences, 0.2 kB, 2 findings\n", path);
    ck_assert_contains(out, want);
    ck_assert_contains(out, "\n  section      war \xC2\xB7 p 0.74\n");
    /* Boilerplate by blocks and by the bytes of the blocks: "Home > World > Europe" and
       "Read Now: ten autumn coats" against every block's span. */
    size_t furniture = strlen("Home > World > Europe") + strlen("Read Now: ten autumn coats");
    size_t all = furniture +
                 strlen("Crews on the Pokrovsk road say the ring closes.\n"
                        "They write at night.") +
                 strlen("\"We hold on,\" said Pavlo, a driver. Taras Hrytsenko disagreed.");
    snprintf(want, sizeof want, "\n  boilerplate  2 of 4 blocks \xC2\xB7 %.0f%% of the text\n",
             100.0 * (double)furniture / (double)all);
    ck_assert_contains(out, want);
    ck_assert_contains(out, "\n  sentiment    -0.12 negative \xC2\xB7 tone weary\n");
    ck_assert_contains(out, "\n  persons      1 unlisted: Taras Hrytsenko \xC2\xB7 1 pseudonym: "
                            "Pavlo\n");
    ck_assert_contains(out, "\n  gate         fails: 1 error, 1 warning, 0 info\n");
    /* another step's results still appear, compactly; the ones the header shows do not */
    ck_assert_contains(out, "\n  wordcount    words 42 \xC2\xB7 note x\n");
    ck_assert_ptr_null(strstr(out, "label war"));
    ck_assert_ptr_null(strstr(out, "tone_label"));
    ck_assert_ptr_null(strstr(out, "persons [2]"));
    free(out);
    json_decref(doc);
}
END_TEST

START_TEST(header_falls_back_to_the_blocks)
{
    /* No step results: the section covering the most content bytes, the length-weighted mean
       sentiment and the most frequent tone other than neutral; furniture does not count. */
    const char *text = "Thirty bytes of war reporting.\n\nTen bytes.\n\nTwenty bytes of war!\n\n"
                       "A long lifestyle teaser that is furniture and must not count at all.\n";
    json_t *doc = doc_for(t_write("fallback.txt", text), text);
    const char *section[] = {"war", "lifestyle", "war", "lifestyle"};
    double p[] = {0.8, 0.9, 0.6, 0.99};
    double sentiment[] = {-0.5, 0.25, 0.25, -1.0};
    const char *tone[] = {"neutral", "hopeful", "hopeful", "angry"};
    for (size_t b = 0; b < 4; b++) {
        set_attr(doc, b, "boilerplate", json_boolean(b == 3));
        set_attr(doc, b, "section", json_string(section[b]));
        set_attr(doc, b, "section_p", json_real(p[b]));
        set_attr(doc, b, "sentiment", json_real(sentiment[b]));
        set_attr(doc, b, "tone", json_string(tone[b]));
    }
    char *out = render_one("text", 0, 100, doc);
    /* war: 30 + 20 bytes against lifestyle's 10; p is the mean of the war blocks */
    ck_assert_contains(out, "\n  section      war \xC2\xB7 p 0.70\n");
    /* (30 * -0.5 + 10 * 0.25 + 20 * 0.25) / 60 = -0.125: below -0.1, negative */
    ck_assert_contains(out, "\n  sentiment    -0.12 negative \xC2\xB7 tone hopeful\n");
    ck_assert_contains(out, "\n  boilerplate  1 of 4 blocks");
    free(out);
    json_decref(doc);
}
END_TEST

START_TEST(header_without_conventional_attributes)
{
    /* A pipeline of other plugins: no section, boilerplate, sentiment or persons lines. */
    const char *text = "One paragraph.\n\nAnother one.\n";
    json_t *doc = doc_for(t_write("plain.txt", text), text);
    set_attr(doc, 0, "kind", json_string("short"));
    set_result(doc, "marker", json_pack("{s:i}", "blocks_in_scope", 2));
    char *out = render_one("text", 0, 100, doc);
    ck_assert_ptr_null(strstr(out, "  section "));
    ck_assert_ptr_null(strstr(out, "  boilerplate "));
    ck_assert_ptr_null(strstr(out, "  sentiment "));
    ck_assert_ptr_null(strstr(out, "  persons "));
    ck_assert_contains(out, "\n  gate         passes: 0 errors, 0 warnings, 0 info\n");
    ck_assert_contains(out, "\n  marker       blocks_in_scope 2\n");
    /* the map has only the line and the text */
    ck_assert_contains(out, "\n  line  text\n     1  One paragraph.\n     3  Another one.\n");
    free(out);
    json_decref(doc);
}
END_TEST

/* ---- findings ------------------------------------------------------------ */

START_TEST(findings_are_file_line_col_severity_rule_message)
{
    json_t *doc = review_article("article.txt", ARTICLE);
    const char *path = json_string_value(json_object_get(doc, "path"));
    /* wide enough for each finding to fit on one line */
    char *out = render_one("text", 0, 200, doc);
    long long line, column;
    locate(ARTICLE, "Taras Hrytsenko", &line, &column);
    ck_assert_int_eq(line, 6);
    char want[600];
    snprintf(want, sizeof want,
             "\n  %s:%lld:%lld error anonymise/unlisted-name Taras Hrytsenko is named here but is "
             "not cleared for publication\n",
             path, line, column);
    ck_assert_contains(out, want);
    locate(ARTICLE, "ring closes", &line, &column);
    snprintf(want, sizeof want,
             "\n  %s:3:%lld warning sentiment/loaded-language 'ring closes' is loaded in the "
             "reporter's voice\n",
             path, column);
    ck_assert_contains(out, want);
    /* in the order of the report: the warning (line 3) before the error (line 6) */
    ck_assert(strstr(out, "loaded-language") < strstr(out, "unlisted-name"));
    free(out);
    json_decref(doc);
}
END_TEST

START_TEST(long_messages_wrap_under_the_location)
{
    const char *text = "Short article.\n";
    json_t *doc = doc_for(t_write("wrap.txt", text), text);
    add_finding(doc, text, "Short", "style", "long-rule", "info",
                "one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one");
    char *out = render_one("text", 0, 60, doc);
    /* the location line keeps file:line:col, the rest flows on lines indented by six */
    char *first = line_with(out, ":1:1 info");
    ck_assert_uint_le(strlen(first), 60);
    free(first);
    char *cont = line_with(out, "twenty-one");
    ck_assert_msg(strncmp(cont, "      ", 6) == 0 && cont[6] != ' ', "continuation: '%s'", cont);
    free(cont);
    /* no word is lost or split */
    ck_assert_contains(out, "eighteen");
    ck_assert_uint_eq(count_of(out, "twenty"), 2);
    free(out);
    json_decref(doc);
}
END_TEST

/* ---- the paragraph map --------------------------------------------------- */

START_TEST(map_has_one_row_per_block)
{
    json_t *doc = review_article("article.txt", ARTICLE);
    char *out = render_one("text", 0, 160, doc);
    /* furniture: hollow mark and its reason; content: full mark, section and p */
    char *row = line_with(out, "Home > World > Europe");
    ck_assert_msg(strncmp(row, "     1  \xE2\x97\x8B crumb ", 17) == 0, "row: '%s'", row);
    free(row);
    row = line_with(out, "Crews on the Pokrovsk");
    ck_assert_msg(strncmp(row, "     3  \xE2\x97\x8F war .81 ", 19) == 0, "row: '%s'", row);
    /* -0.5 fills two of the four cells left of the centre line */
    ck_assert_contains(row, "  \xE2\x96\x88\xE2\x96\x88\xE2\x94\x82     -0.50  weary ");
    /* the block's two lines read as one */
    ck_assert_contains(row, "the ring closes. They write at night.");
    free(row);
    row = line_with(out, "We hold on");
    ck_assert_contains(row, "\xE2\x97\x8F war .62");
    ck_assert_contains(row, "hopeful");
    free(row);
    row = line_with(out, "Read Now: ten autumn coats");
    ck_assert_contains(row, "  8  \xE2\x97\x8B teaser");
    free(row);
    /* four blocks, four rows under the header row */
    const char *map = strstr(out, "\n  line ");
    ck_assert_ptr_nonnull(map);
    ck_assert_uint_eq(count_of(map, "\n     "), 4);
    free(out);
    json_decref(doc);
}
END_TEST

/*
 * The sentiment bar: four cells each side of a centre line, filled from the
 * centre outwards in half cells, so each half cell is 1/8 of the scale and
 * a score is rounded to the nearest half cell.
 */
START_TEST(sentiment_bars)
{
    static const struct {
        double score;
        const char *bar;
        const char *shown;
    } cases[] = {
        {-1.0, "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x94\x82    ", "-1.00"},
        {-0.62, " \xE2\x96\x90\xE2\x96\x88\xE2\x96\x88\xE2\x94\x82    ", "-0.62"}, /* 4.96 halves */
        {-0.2, "   \xE2\x96\x88\xE2\x94\x82    ", "-0.20"},                        /* 1.6 */
        {-0.07, "   \xE2\x96\x90\xE2\x94\x82    ", "-0.07"},                       /* 0.56 */
        {0.0, "    \xE2\x94\x82    ", " 0.00"},
        {0.06, "    \xE2\x94\x82    ", "+0.06"}, /* 0.48: rounds to nothing */
        {0.07, "    \xE2\x94\x82\xE2\x96\x8C   ", "+0.07"},
        {0.3, "    \xE2\x94\x82\xE2\x96\x88   ", "+0.30"},                        /* 2.4 */
        {0.81, "    \xE2\x94\x82\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88 ", "+0.81"}, /* 6.48 */
        {1.0, "    \xE2\x94\x82\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88", "+1.00"},
    };
    size_t n = sizeof cases / sizeof cases[0];
    char text[2048] = "";
    for (size_t i = 0; i < n; i++) {
        char para[64];
        snprintf(para, sizeof para, "%sParagraph %zu.\n", i ? "\n" : "", i);
        strcat(text, para);
    }
    json_t *doc = doc_for(t_write("bars.txt", text), text);
    for (size_t i = 0; i < n; i++)
        set_attr(doc, i, "sentiment", json_real(cases[i].score));
    char *out = render_one("text", 0, 80, doc);
    for (size_t i = 0; i < n; i++) {
        char needle[32], want[96];
        snprintf(needle, sizeof needle, "Paragraph %zu.", i);
        char *row = line_with(out, needle);
        snprintf(want, sizeof want, "%s %s  ", cases[i].bar, cases[i].shown);
        ck_assert_msg(strstr(row, want) != NULL, "score %.2f: want '%s' in '%s'", cases[i].score,
                      want, row);
        free(row);
    }
    free(out);
    json_decref(doc);
}
END_TEST

START_TEST(words_are_escaped_and_cut)
{
    /* CR LF line ends read as spaces; an ESC in the text is shown, never sent */
    const char *text = "An \033[2J escape\r\nand a second line that goes on and on and on and on "
                       "and on and on and on and on and on until it cannot fit.\r\n";
    json_t *doc = doc_for(t_write("escape.txt", text), text);
    char *out = render_one("text", 0, 60, doc);
    ck_assert_ptr_null(strchr(out, '\033'));
    ck_assert_ptr_null(strchr(out, '\r'));
    char *row = line_with(out, "An \\x1B[2J escape and a second line");
    ck_assert_uint_le(strlen(row) - 2, 60); /* "…" is three bytes, one column */
    ck_assert_msg(strcmp(row + strlen(row) - 3, "\xE2\x80\xA6") == 0, "not cut: '%s'", row);
    free(row);
    free(out);
    json_decref(doc);
}
END_TEST

START_TEST(text_member_or_the_file)
{
    /* standard input: the host puts the bytes in "text" */
    json_t *doc = doc_for("-", ARTICLE);
    json_object_set_new(doc, "text", json_string(ARTICLE));
    char *out = render_one("text", 0, 100, doc);
    ck_assert_contains(out, "Crews on the Pokrovsk road");
    free(out);
    /* without them there is nothing to read, and the map says so */
    json_object_del(doc, "text");
    out = render_one("text", 0, 100, doc);
    ck_assert_ptr_null(strstr(out, "Crews on the Pokrovsk road"));
    ck_assert_contains(out, "(the text is not shown: the text of standard input was not kept)");
    free(out);
    json_decref(doc);

    /* a file that changed since it was analysed is not read at the old offsets */
    doc = review_article("changed.txt", ARTICLE);
    t_write("changed.txt", "Something else entirely.\n");
    out = render_one("text", 0, 100, doc);
    ck_assert_contains(out, "(the text is not shown: the file changed after it was analysed)");
    ck_assert_ptr_null(strstr(out, "Something else"));
    free(out);
    json_decref(doc);
}
END_TEST

/* ---- several documents, widths, colour, -q ------------------------------- */

/* The display columns of a line: characters, with escape sequences taking none. */
static size_t columns(const char *s, size_t n)
{
    size_t cols = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\033') {
            while (i < n && s[i] != 'm')
                i++;
            continue;
        }
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            cols++;
    }
    return cols;
}

static json_t *second_doc(void)
{
    const char *text = "Lisbon wine bars, a guide.\n\nThe natural wine scene grows.\n";
    json_t *doc = doc_for(t_write("lisbon.txt", text), text);
    for (size_t b = 0; b < 2; b++) {
        set_attr(doc, b, "boilerplate", json_false());
        set_attr(doc, b, "section", json_string("lifestyle"));
        set_attr(doc, b, "section_p", json_real(0.93));
        set_attr(doc, b, "sentiment", json_real(0.4));
    }
    set_result(doc, "section", json_pack("{s:s, s:f}", "label", "lifestyle", "p", 0.93));
    return doc;
}

START_TEST(summary_table_one_row_per_article)
{
    json_t *docs[3] = {review_article("article.txt", ARTICLE), second_doc(), NULL};
    char *out = render_docs("text", 0, 100, docs, 3, "/nowhere/missing.txt");
    const char *table = strstr(out, "\n  article ");
    ck_assert_ptr_nonnull(table);
    char *header = line_with(table, "article");
    ck_assert_contains(header, "blocks");
    ck_assert_contains(header, "bp");
    ck_assert_contains(header, "section");
    ck_assert_contains(header, "sent.");
    ck_assert_contains(header, "err");
    ck_assert_contains(header, "warn");
    ck_assert_contains(header, "gate");
    free(header);
    char *row = line_with(table, "article.txt ");
    /* 4 blocks, the boilerplate share, war 0.74, -0.12, 1 error, 1 warning, FAIL */
    ck_assert_contains(row, " 4 ");
    ck_assert_contains(row, "war 0.74");
    ck_assert_contains(row, "-0.12");
    ck_assert_contains(row, "FAIL");
    free(row);
    row = line_with(table, "lisbon.txt");
    ck_assert_contains(row, "lifestyle 0.93");
    ck_assert_contains(row, "+0.40");
    ck_assert_contains(row, "0%");
    ck_assert_contains(row, "pass");
    free(row);
    row = line_with(table, "missing.txt");
    ck_assert_contains(row, "error");
    free(row);
    ck_assert_contains(out, "\n3 documents (1 failed), 1 error, 1 warning, 0 info \xE2\x80\x94 "
                            "gate FAILED (fail_on: error)\n");
    free(out);
    for (size_t i = 0; i < 2; i++)
        json_decref(docs[i]);
}
END_TEST

START_TEST(lines_fit_the_terminal)
{
    static const int widths[] = {60, 80, 120};
    json_t *docs[3] = {review_article("article.txt", ARTICLE), second_doc(), NULL};
    /* a long persons list and a long message, to make the header and findings wrap */
    json_t *persons = json_object_get(
        json_object_get(json_object_get(docs[0], "results"), "anonymise"), "persons");
    static const char *const names[] = {"Volodymyr Zelensky", "Emmanuel Macron",
                                        "Kwame Asante-Boateng", "Sofia Marchetti"};
    for (size_t i = 0; i < 4; i++) {
        const char *none[] = {NULL};
        json_array_append_new(
            persons, person(ARTICLE, names[i], i < 2 ? "public_figure" : "unlisted", none));
    }
    add_finding(docs[0], ARTICLE, "Read Now", "boilerplate", "teaser-in-body", "info",
                "a very long message that goes on to explain at length what the teaser is, why it "
                "is furniture and not part of the story, and what an editor might do about it "
                "before the article is published");
    for (size_t k = 0; k < 3; k++) {
        char *out = render_docs("text", 0, widths[k], docs, 3, "/nowhere/missing.txt");
        size_t longest = 0;
        for (const char *line = out; *line;) {
            const char *nl = strchr(line, '\n');
            size_t n = nl ? (size_t)(nl - line) : strlen(line);
            size_t cols = columns(line, n);
            ck_assert_msg(cols <= (size_t)widths[k], "at %d columns, a line of %zu: '%.*s'",
                          widths[k], cols, (int)n, line);
            if (cols > longest)
                longest = cols;
            line += n + (nl ? 1 : 0);
        }
        /* and the report uses the room it has */
        ck_assert_uint_ge(longest, (size_t)widths[k] - 12);
        free(out);
    }
    for (size_t i = 0; i < 2; i++)
        json_decref(docs[i]);
}
END_TEST

START_TEST(colour_only_when_asked)
{
    json_t *doc = review_article("article.txt", ARTICLE);
    char *plain = render_one("text", 0, 100, doc);
    ck_assert_ptr_null(strchr(plain, '\033'));
    char *colour = render_one("text", GALLEY_WRITE_COLOR, 100, doc);
    ck_assert_contains(colour, "\033[31merror\033[0m");
    ck_assert_contains(colour, "\033[33mwarning\033[0m");
    ck_assert_contains(colour, "\033[31mfails\033[0m");
    /* the bar of a negative paragraph in red, of a positive one in green */
    ck_assert_contains(colour, "\033[31m\xE2\x96\x88\033[0m");
    ck_assert_contains(colour, "\033[32m\xE2\x96\x88\033[0m");
    /* colour changes nothing else: without the escape sequences the reports are the same */
    char *stripped = strdup(colour);
    char *w = stripped;
    for (const char *p = colour; *p; p++) {
        if (*p == '\033') {
            while (*p && *p != 'm')
                p++;
            continue;
        }
        *w++ = *p;
    }
    *w = '\0';
    ck_assert_str_eq(stripped, plain);
    free(stripped);
    free(plain);
    free(colour);
    json_decref(doc);
}
END_TEST

START_TEST(quiet_keeps_findings_and_summary)
{
    json_t *docs[2] = {review_article("article.txt", ARTICLE), second_doc()};
    char *out = render_docs("text", GALLEY_WRITE_QUIET, 100, docs, 2, NULL);
    ck_assert_ptr_null(strstr(out, "\n  section      war"));
    ck_assert_ptr_null(strstr(out, "\n  persons      "));
    ck_assert_ptr_null(strstr(out, "\n  line "));
    ck_assert_ptr_null(strstr(out, "Crews on the Pokrovsk road say"));
    ck_assert_contains(out, "error anonymise/unlisted-name");
    ck_assert_contains(out, "\n  article ");
    ck_assert_contains(out, "gate FAILED");
    free(out);
    /* one document: no table */
    out = render_one("text", GALLEY_WRITE_QUIET, 100, docs[0]);
    ck_assert_ptr_null(strstr(out, "\n  article "));
    ck_assert_contains(out, "\n1 document, 1 error, 1 warning, 0 info");
    free(out);
    for (size_t i = 0; i < 2; i++)
        json_decref(docs[i]);
}
END_TEST

START_TEST(everything_from_the_article_is_escaped)
{
    /* a file name, a person, a label, a message and a reason, each with control characters */
    const char *text = "Bell \007 here.\n\nSecond.\n";
    char name[64];
    snprintf(name, sizeof name, "bad\033]0;x\007name.txt");
    json_t *doc = doc_for(t_write(name, text), text);
    set_attr(doc, 0, "boilerplate", json_true());
    set_attr(doc, 0, "boilerplate_reason", json_string("re\033[1mason"));
    set_attr(doc, 1, "boilerplate", json_false());
    set_attr(doc, 1, "section", json_string("w\033[2Jar"));
    set_result(doc, "section", json_pack("{s:s, s:f}", "label", "w\033[2Jar", "p", 0.5));
    static const char *const none[] = {NULL};
    set_result(doc, "anonymise",
               json_pack("{s:[o]}", "persons", person(text, "Ev\033[8mil", "unlisted", none)));
    set_result(doc, "other", json_pack("{s:s}", "note", "n\033[5mote"));
    add_finding(doc, text, "Bell", "s", "r\033[7m", "error", "message \033[2J\xC2\x9B here");
    json_t *docs[2] = {doc, doc};
    for (int quiet = 0; quiet <= 1; quiet++) {
        char *out = render_docs("text", quiet ? GALLEY_WRITE_QUIET : 0, 100, docs, 2, NULL);
        ck_assert_ptr_null(strchr(out, '\033'));
        ck_assert_ptr_null(strchr(out, '\007'));
        ck_assert_ptr_null(strstr(out, "\xC2\x9B"));
        ck_assert_contains(out, "bad\\x1B]0;x\\x07name.txt");
        ck_assert_contains(out, "message \\x1B[2J\\x9B here");
        if (!quiet) {
            ck_assert_contains(out, "Bell \\x07 here.");
            ck_assert_contains(out, "re\\x1B[1mason");
            ck_assert_contains(out, "w\\x1B[2Jar");
            ck_assert_contains(out, "Ev\\x1B[8mil");
            ck_assert_contains(out, "n\\x1B[5mote");
        }
        free(out);
    }
    json_decref(doc);
}
END_TEST

/* ---- end to end ---------------------------------------------------------- */

/* The editor's pipeline, as the design describes it, over the project's plugins. */
static const char review_config[] =
    "{\"galley\": 1, \"name\": \"editorial review\", \"steps\": ["
    "{\"id\": \"boilerplate\", \"plugin\": \"boilerplate\"},"
    "{\"id\": \"section\", \"plugin\": \"section\", \"scope\": {\"boilerplate\": false}},"
    "{\"id\": \"sentiment\", \"plugin\": \"sentiment\", \"scope\": {\"boilerplate\": false}},"
    "{\"id\": \"anonymise\", \"plugin\": \"anonymise\", \"scope\": {\"boilerplate\": false}}],"
    "\"gate\": {\"fail_on\": \"error\"}}";

static int run_galley(const char *config, const char *article, const char *format, char **out)
{
    const char *argv[] = {
        "galley", "run", "--plugin-path", GALLEY_PLUGIN_BUILD_DIR, config, article, "-f",
        format,   NULL};
    char *err;
    int status = t_galley(argv, NULL, out, &err);
    free(err);
    return status;
}

START_TEST(end_to_end_on_a_corpus_article)
{
    const char *config = t_write("review.json", review_config);
    const char *article = t_source("corpus/frontline-aggregator.txt");
    char *json_out, *text;
    int status = run_galley(config, article, "json", &json_out);
    ck_assert_int_eq(run_galley(config, article, "text", &text), status);
    json_error_t e;
    json_t *report = json_loads(json_out, 0, &e);
    ck_assert_msg(report != NULL, "%s", e.text);
    json_t *doc = json_array_get(json_object_get(report, "documents"), 0);
    size_t blocks = json_array_size(json_object_get(doc, "blocks"));
    ck_assert_uint_gt(blocks, 0);

    /* the header: what each step contributes, once each */
    ck_assert_contains(text, "\n  section      ");
    ck_assert_contains(text, "\n  sentiment    ");
    ck_assert_contains(text, "\n  persons      ");
    ck_assert_contains(text, "\n  gate         ");
    char want[200];
    size_t furniture = 0, i;
    json_t *b;
    json_array_foreach(json_object_get(doc, "blocks"), i, b)
        furniture += json_is_true(json_object_get(json_object_get(b, "attrs"), "boilerplate"));
    snprintf(want, sizeof want, "\n  boilerplate  %zu of %zu blocks", furniture, blocks);
    ck_assert_contains(text, want);
    /* the boilerplate step's own result is what that line says: not repeated below it */
    ck_assert_uint_eq(count_of(text, "\n  boilerplate  "), 1);

    /* every finding at its place */
    json_t *f;
    json_array_foreach(json_object_get(doc, "findings"), i, f) {
        snprintf(want, sizeof want, "frontline-aggregator.txt:%lld:%lld %s %s/%s",
                 (long long)json_integer_value(json_object_get(f, "line")),
                 (long long)json_integer_value(json_object_get(f, "column")),
                 json_string_value(json_object_get(f, "severity")),
                 json_string_value(json_object_get(f, "step")),
                 json_string_value(json_object_get(f, "rule")));
        ck_assert_contains(text, want);
    }
    /* one map row per block, content or furniture */
    size_t rows = count_of(text, " \xE2\x97\x8F ") + count_of(text, " \xE2\x97\x8B ");
    ck_assert_uint_eq(rows, blocks);
    json_decref(report);
    free(json_out);
    free(text);
}
END_TEST

static Suite *report_text_suite(void)
{
    Suite *s = suite_create("report_text");
    TCase *tc = tcase_create("text");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, header_shows_what_an_editor_asks_first);
    tcase_add_test(tc, header_falls_back_to_the_blocks);
    tcase_add_test(tc, header_without_conventional_attributes);
    tcase_add_test(tc, findings_are_file_line_col_severity_rule_message);
    tcase_add_test(tc, long_messages_wrap_under_the_location);
    tcase_add_test(tc, map_has_one_row_per_block);
    tcase_add_test(tc, sentiment_bars);
    tcase_add_test(tc, words_are_escaped_and_cut);
    tcase_add_test(tc, text_member_or_the_file);
    tcase_add_test(tc, summary_table_one_row_per_article);
    tcase_add_test(tc, lines_fit_the_terminal);
    tcase_add_test(tc, colour_only_when_asked);
    tcase_add_test(tc, quiet_keeps_findings_and_summary);
    tcase_add_test(tc, everything_from_the_article_is_escaped);
    tcase_add_test(tc, end_to_end_on_a_corpus_article);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return t_main(report_text_suite());
}
