/*
 * test_report_html.c -- the HTML report (core/src/report_html.c).
 *
 * The page is rendered from hand-made document reports (tests/report_docs.h)
 * and from real runs of the galley binary, and checked as text: every block
 * and finding present with its anchors, person mentions by category, the
 * text of every paragraph exactly the article's once the markup is taken
 * off, tags nested, everything escaped, nothing loaded from outside.  The
 * last test opens a page in headless Chromium and checks the DOM it builds
 * (and that the page's script ran) and that a screenshot is produced.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "report_docs.h"

#define ARTICLE                                                                                    \
    "Home > World > Europe\n"                                                                      \
    "\n"                                                                                           \
    "Crews on the Pokrovsk road say the ring closes.\n"                                            \
    "They write at night.\n"                                                                       \
    "\n"                                                                                           \
    "\"We hold on,\" said Pavlo, a driver. Taras Hrytsenko disagreed & left.\n"                    \
    "\n"                                                                                           \
    "Read Now: ten autumn coats\n"

static json_t *review_doc(const char *path, const char *text)
{
    json_t *doc = doc_for(path, text);
    size_t blocks = json_array_size(json_object_get(doc, "blocks"));
    for (size_t b = 0; b < blocks; b++) {
        int furniture = b == 0 || b == blocks - 1;
        set_attr(doc, b, "boilerplate", json_boolean(furniture));
        if (furniture) {
            set_attr(doc, b, "boilerplate_reason", json_string(b ? "teaser" : "crumb"));
            continue;
        }
        set_attr(doc, b, "section", json_string("war"));
        set_attr(doc, b, "section_p", json_real(b == 1 ? 0.81 : 0.62));
        set_attr(doc, b, "sentiment", json_real(b == 1 ? -0.5 : 0.3));
        set_attr(doc, b, "tone", json_string(b == 1 ? "weary" : "hopeful"));
    }
    set_result(doc, "section", json_pack("{s:s, s:f}", "label", "war", "p", 0.74));
    static const char *const taras[] = {"Taras Hrytsenko", NULL};
    static const char *const pavlo[] = {"Pavlo", NULL};
    set_result(doc, "anonymise",
               json_pack("{s:[o, o]}", "persons",
                         person(text, "Taras Hrytsenko", "unlisted", taras),
                         person(text, "Pavlo", "pseudonym", pavlo)));
    add_finding(doc, text, "ring closes", "sentiment", "loaded-language", "warning",
                "'ring closes' is loaded");
    /* overlaps the mention of Taras Hrytsenko: the two must nest, not cross */
    add_finding(doc, text, "Hrytsenko disagreed", "anonymise", "unlisted-name", "error",
                "Taras Hrytsenko is not cleared for publication");
    return doc;
}

static void teardown(void)
{
    t_cleanup();
}

/* ---- reading the page back ----------------------------------------------- */

/* Decodes the entities the writer uses, in place. */
static void unescape(char *s)
{
    static const struct {
        const char *entity;
        char c;
    } entities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    char *w = s;
    for (char *p = s; *p;) {
        size_t k = 0;
        for (; k < sizeof entities / sizeof entities[0]; k++)
            if (strncmp(p, entities[k].entity, strlen(entities[k].entity)) == 0)
                break;
        if (k < sizeof entities / sizeof entities[0]) {
            *w++ = entities[k].c;
            p += strlen(entities[k].entity);
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
}

/*
 * The text of markup between from and to with the tags taken off, checking
 * on the way that every element opened is closed in order (a stack of
 * names).  The ⚑ of a point anchor is markup, not text, and is dropped.
 */
static char *strip_tags(const char *from, const char *to)
{
    char *text = malloc((size_t)(to - from) + 1), *w = text;
    char stack[32][16];
    int depth = 0;
    for (const char *p = from; p < to;) {
        if (*p != '<') {
            *w++ = *p++;
            continue;
        }
        const char *end = strchr(p, '>');
        ck_assert_ptr_nonnull(end);
        int closing = p[1] == '/';
        const char *name = p + 1 + closing;
        size_t n = strcspn(name, " >");
        ck_assert_uint_lt(n, 16);
        if (closing) {
            ck_assert_msg(depth > 0 && strncmp(stack[depth - 1], name, n) == 0 &&
                              stack[depth - 1][n] == '\0',
                          "</%.*s> closes <%s>", (int)n, name, depth ? stack[depth - 1] : "-");
            depth--;
        } else {
            ck_assert_int_lt(depth, 32);
            memcpy(stack[depth], name, n);
            stack[depth++][n] = '\0';
        }
        p = end + 1;
    }
    ck_assert_int_eq(depth, 0);
    *w = '\0';
    /* drop the point anchors' flags */
    for (char *f; (f = strstr(text, "\xE2\x9A\x91")) != NULL;)
        memmove(f, f + 3, strlen(f + 3) + 1);
    unescape(text);
    return text;
}

/* Checks that each <p class="para"> holds exactly its block's text. */
static void paragraphs_hold_the_text(const char *page, const char *text, const json_t *doc)
{
    const char *p = page;
    size_t i;
    json_t *b;
    json_array_foreach(json_object_get(doc, "blocks"), i, b) {
        p = strstr(p, "<p class=\"para\">");
        ck_assert_msg(p != NULL, "no paragraph for block %zu", i);
        p += strlen("<p class=\"para\">");
        const char *end = strstr(p, "</p></div>");
        ck_assert_ptr_nonnull(end);
        char *got = strip_tags(p, end);
        long long start = json_integer_value(json_object_get(b, "start"));
        long long stop = json_integer_value(json_object_get(b, "end"));
        char *want = strndup(text + start, (size_t)(stop - start));
        ck_assert_str_eq(got, want);
        free(got);
        free(want);
        p = end;
    }
}

/* ---- the page ------------------------------------------------------------ */

START_TEST(page_has_every_block_finding_and_person)
{
    json_t *doc = review_doc(t_write("article.txt", ARTICLE), ARTICLE);
    char *page = render_one("html", 0, 100, doc);
    ck_assert_msg(strncmp(page, "<!DOCTYPE html>", 15) == 0, "page starts '%.40s'", page);
    ck_assert_contains(page, "</html>\n");
    /* each block, with its class, margin and anchor */
    for (int b = 0; b < 4; b++) {
        char want[96];
        snprintf(want, sizeof want, "<div class=\"block %s\" id=\"doc-1-b-%d\"",
                 b == 0 || b == 3 ? "boilerplate" : "content", b);
        ck_assert_contains(page, want);
    }
    ck_assert_contains(page, "<span class=\"reason\">crumb</span>");
    ck_assert_contains(page, "<span class=\"sect\">war <small>0.81</small></span>");
    ck_assert_contains(page, "title=\"sentiment -0.50\"");
    ck_assert_contains(page, "<span class=\"tone\">weary</span>");
    /* each finding listed with its rule, linked to its anchor in the text, and back */
    ck_assert_contains(page, "<li class=\"finding sev-warning\" id=\"doc-1-fl-0\" "
                             "data-rule=\"sentiment/loaded-language\"><a class=\"where\" "
                             "href=\"#doc-1-f-0\">3:");
    ck_assert_contains(page, "<li class=\"finding sev-error\" id=\"doc-1-fl-1\" "
                             "data-rule=\"anonymise/unlisted-name\"><a class=\"where\" "
                             "href=\"#doc-1-f-1\">6:");
    ck_assert_contains(page, "<mark class=\"finding-mark sev-warning\" id=\"doc-1-f-0\"");
    ck_assert_contains(page, "<mark class=\"finding-mark sev-error\" id=\"doc-1-f-1\"");
    ck_assert_uint_eq(count_of(page, "id=\"doc-1-f-1\""), 1);
    /* persons: highlighted by category, first mention anchored, listed with a link */
    ck_assert_contains(page, "<span class=\"person cat-unlisted\" id=\"doc-1-p-0\"");
    ck_assert_contains(page, "<span class=\"person cat-pseudonym\" id=\"doc-1-p-1\"");
    ck_assert_contains(page, "<a class=\"person cat-unlisted\" href=\"#doc-1-p-0\">Taras "
                             "Hrytsenko</a>");
    /* the legend names all four categories */
    ck_assert_contains(page, "<span class=\"person cat-pseudonym\">pseudonym</span>");
    ck_assert_contains(page, "<span class=\"person cat-public_figure\">public figure</span>");
    ck_assert_contains(page, "<span class=\"person cat-on_record\">on record</span>");
    ck_assert_contains(page, "<span class=\"person cat-unlisted\">unlisted</span>");
    /* the facts and the chart: one link per paragraph, the boilerplate share */
    ck_assert_contains(page, "<dt>section</dt><dd>war <small>p 0.74</small></dd>");
    ck_assert_contains(page, "<dt>boilerplate</dt><dd>2 of 4 blocks");
    ck_assert_contains(page, "<svg class=\"chart\"");
    ck_assert_uint_eq(count_of(page, "<a href=\"#doc-1-b-"), 4);
    ck_assert_contains(page, "content ");
    /* one article: no index */
    ck_assert_ptr_null(strstr(page, "<nav id=\"index\">"));
    paragraphs_hold_the_text(page, ARTICLE, doc);
    free(page);
    json_decref(doc);
}
END_TEST

START_TEST(page_loads_nothing_from_outside)
{
    json_t *doc = review_doc(t_write("article.txt", ARTICLE), ARTICLE);
    char *page = render_one("html", 0, 100, doc);
    ck_assert_ptr_null(strstr(page, "http:"));
    ck_assert_ptr_null(strstr(page, "https:"));
    ck_assert_ptr_null(strstr(page, " src="));
    ck_assert_ptr_null(strstr(page, "@import"));
    ck_assert_ptr_null(strstr(page, "url("));
    ck_assert_ptr_null(strstr(page, "<link"));
    ck_assert_contains(page, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                             "'none'; ");
    ck_assert_uint_eq(count_of(page, "<style>"), 1);
    ck_assert_uint_eq(count_of(page, "<script>"), 1);
    free(page);
    json_decref(doc);
}
END_TEST

START_TEST(everything_echoed_is_escaped)
{
    const char *text = "Title <script>alert(\"x\")</script> & 'q'\n\n"
                       "A bell \007 and <b>bold</b> claims by Ann O'Neil.\n";
    json_t *doc = doc_for(t_write("x<b>y.txt", text), text);
    set_attr(doc, 0, "boilerplate", json_true());
    set_attr(doc, 0, "boilerplate_reason", json_string("<i>crumb</i>"));
    set_attr(doc, 1, "section", json_string("w<ar"));
    static const char *const ann[] = {"Ann O'Neil", NULL};
    set_result(
        doc, "anonymise",
        json_pack("{s:[o]}", "persons", person(text, "Ann \"O'Neil\" <x>", "unlisted", ann)));
    add_finding(doc, text, "<b>bold</b>", "s<t>", "r\"ule", "error",
                "<img src=x onerror=alert(1)> in the message");
    char *page = render_one("html", 0, 100, doc);
    ck_assert_uint_eq(count_of(page, "<script>"), 1); /* the page's own */
    ck_assert_ptr_null(strstr(page, "<script>alert"));
    ck_assert_ptr_null(strstr(page, "<img"));
    ck_assert_ptr_null(strstr(page, "<b>"));
    ck_assert_ptr_null(strstr(page, "<i>crumb"));
    ck_assert_ptr_null(strchr(page, '\007'));
    ck_assert_contains(page, "Title &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                             "&#39;q&#39;");
    ck_assert_contains(page, "A bell \\x07 and ");
    ck_assert_contains(page, "x&lt;b&gt;y.txt");
    ck_assert_contains(page, "data-rule=\"s&lt;t&gt;/r&quot;ule\"");
    ck_assert_contains(page, "&lt;img src=x onerror=alert(1)&gt; in the message");
    ck_assert_contains(page, "Ann &quot;O&#39;Neil&quot; &lt;x&gt;");
    ck_assert_contains(page, "w&lt;ar");
    free(page);
    json_decref(doc);
}
END_TEST

START_TEST(findings_beyond_a_block_get_a_point_anchor)
{
    json_t *doc = review_doc(t_write("article.txt", ARTICLE), ARTICLE);
    /* from the second paragraph to the fourth: anchored at its start, not highlighted */
    add_finding_span(doc, ARTICLE, "Crews on", "ten autumn coats", "section", "topic-shift", "info",
                     "the body changes section");
    json_t *findings = json_object_get(doc, "findings");
    size_t k = json_array_size(findings) - 1;
    char want[160];
    snprintf(want, sizeof want,
             "<a class=\"finding-point sev-info\" id=\"doc-1-f-%zu\" "
             "href=\"#doc-1-fl-%zu\"",
             k, k);
    char *page = render_one("html", 0, 100, doc);
    ck_assert_contains(page, want);
    const char *block1 = strstr(page, "id=\"doc-1-b-1\"");
    ck_assert_ptr_nonnull(block1);
    ck_assert(strstr(page, want) > block1);
    ck_assert(strstr(page, want) < strstr(page, "id=\"doc-1-b-2\""));
    /* (the legend shows an info mark; the text has none) */
    ck_assert_ptr_null(strstr(page, "<mark class=\"finding-mark sev-info\" id="));
    paragraphs_hold_the_text(page, ARTICLE, doc);
    free(page);
    json_decref(doc);
}
END_TEST

START_TEST(several_articles_get_an_index)
{
    const char *text2 = "Lisbon wine bars.\n\nThe scene grows.\n";
    json_t *docs[3] = {review_doc(t_write("article.txt", ARTICLE), ARTICLE),
                       doc_for(t_write("lisbon.txt", text2), text2), NULL};
    set_result(docs[1], "section", json_pack("{s:s, s:f}", "label", "lifestyle", "p", 0.93));
    char *page = render_docs("html", 0, 100, docs, 3, "/nowhere/missing.txt");
    const char *index = strstr(page, "<nav id=\"index\">");
    ck_assert_ptr_nonnull(index);
    /* the index comes before the articles, one row each, linking to them */
    ck_assert(index < strstr(page, "<article"));
    ck_assert_contains(index, "<a href=\"#doc-1\">");
    ck_assert_contains(index, "<a href=\"#doc-2\">");
    ck_assert_contains(index, "<a href=\"#doc-3\">/nowhere/missing.txt</a>");
    ck_assert_contains(index, "<td class=\"fail\">FAIL</td>");
    ck_assert_contains(index, "lifestyle <small>0.93</small>");
    ck_assert_contains(index, "<td class=\"fail\">error</td>");
    ck_assert_contains(page, "<article class=\"doc\" id=\"doc-1\"");
    ck_assert_contains(page, "<article class=\"doc\" id=\"doc-2\"");
    ck_assert_contains(page, "<article class=\"doc\" id=\"doc-3\"");
    ck_assert_contains(page, "<p class=\"doc-error\"><strong>input error:</strong> cannot read");
    /* each article's anchors are its own */
    ck_assert_contains(page, "id=\"doc-2-b-1\"");
    ck_assert_contains(page, "gate FAILED \xC2\xB7 3 articles");
    free(page);
    for (size_t i = 0; i < 2; i++)
        json_decref(docs[i]);
}
END_TEST

START_TEST(text_not_available)
{
    json_t *doc = review_doc("-", ARTICLE);
    char *page = render_one("html", 0, 100, doc);
    ck_assert_contains(page, "<p class=\"no-text\">The text is not shown: the text of standard "
                             "input was not kept.</p>");
    /* the blocks and findings are still there */
    ck_assert_contains(page, "id=\"doc-1-b-3\"");
    ck_assert_contains(page, "data-rule=\"anonymise/unlisted-name\"");
    free(page);
    json_object_set_new(doc, "text", json_string(ARTICLE));
    page = render_one("html", 0, 100, doc);
    ck_assert_ptr_null(strstr(page, "<p class=\"no-text\">"));
    paragraphs_hold_the_text(page, ARTICLE, doc);
    free(page);
    json_decref(doc);
}
END_TEST

/* ---- the galley binary --------------------------------------------------- */

/* Runs galley with the test plugins on the path; returns its exit status. */
static int galley_run(const char *stdin_data, char **out, char **err, const char *a1,
                      const char *a2, const char *a3, const char *a4, const char *a5,
                      const char *a6)
{
    const char *argv[] = {"galley",
                          "run",
                          "--plugin-path",
                          GALLEY_TEST_PLUGIN_DIR,
                          "--plugin-path",
                          GALLEY_PLUGIN_BUILD_DIR,
                          a1,
                          a2,
                          a3,
                          a4,
                          a5,
                          a6,
                          NULL};
    return t_galley(argv, stdin_data, out, err);
}

START_TEST(galley_run_writes_html)
{
    const char *config = t_source("tests/fixtures/config/gate-warning.json");
    const char *article = t_write("warn.txt", "Calm opening.\n\nThe crew WARN of <wind>.\n");
    char page[600];
    snprintf(page, sizeof page, "%s/report.html", t_dir());
    char *out, *err;
    int status = galley_run(NULL, &out, &err, config, article, "-f", "html", "-o", page);
    ck_assert_int_eq(status, 1);
    ck_assert_str_eq(out, "");
    free(out);
    free(err);
    char *html = t_read(page, NULL);
    ck_assert_ptr_nonnull(html);
    ck_assert_contains(html, "data-rule=\"marker/has-warning\"");
    ck_assert_contains(html, "<mark class=\"finding-mark sev-warning\" id=\"doc-1-f-0\"");
    ck_assert_contains(html, "The crew <mark");
    ck_assert_contains(html, "of &lt;wind&gt;.");
    free(html);

    /* standard input: the bytes cannot be read twice, so the run keeps them for the page */
    status = galley_run("From a pipe.\n\nIt says INFO once.\n", &out, &err, config, "-", "-f",
                        "html", NULL, NULL);
    ck_assert_int_eq(status, 0);
    ck_assert_contains(out, "<p class=\"para\">From a pipe.</p>");
    ck_assert_contains(out, "data-rule=\"marker/has-info\"");
    ck_assert_ptr_null(strstr(out, "<p class=\"no-text\">"));
    free(out);
    free(err);

    /* the terminal report takes the same path for its paragraph map */
    status = galley_run("From a pipe.\n\nIt says INFO once.\n", &out, &err, config, "-", "-f",
                        "text", NULL, NULL);
    ck_assert_int_eq(status, 0);
    ck_assert_contains(out, "     1  From a pipe.\n");
    free(out);
    free(err);
}
END_TEST

START_TEST(end_to_end_on_a_corpus_article)
{
    const char *config = t_write(
        "review.json",
        "{\"galley\": 1, \"name\": \"editorial review\", \"steps\": ["
        "{\"id\": \"boilerplate\", \"plugin\": \"boilerplate\"},"
        "{\"id\": \"section\", \"plugin\": \"section\", \"scope\": {\"boilerplate\": false}},"
        "{\"id\": \"sentiment\", \"plugin\": \"sentiment\", \"scope\": {\"boilerplate\": false}},"
        "{\"id\": \"anonymise\", \"plugin\": \"anonymise\", \"scope\": {\"boilerplate\": false}}],"
        "\"gate\": {\"fail_on\": \"error\"}}");
    const char *article = t_source("corpus/frontline-aggregator.txt");
    char *json_out, *page, *err;
    int status = galley_run(NULL, &json_out, &err, config, article, "-f", "json", NULL, NULL);
    free(err);
    ck_assert_int_eq(galley_run(NULL, &page, &err, config, article, "-f", "html", NULL, NULL),
                     status);
    free(err);
    json_error_t e;
    json_t *report = json_loads(json_out, 0, &e);
    ck_assert_msg(report != NULL, "%s", e.text);
    json_t *doc = json_array_get(json_object_get(report, "documents"), 0);
    ck_assert_uint_eq(count_of(page, "<div class=\"block "),
                      json_array_size(json_object_get(doc, "blocks")));
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(doc, "findings"), i, f) {
        char want[200];
        snprintf(want, sizeof want, "id=\"doc-1-fl-%zu\" data-rule=\"%s/%s\"", i,
                 json_string_value(json_object_get(f, "step")),
                 json_string_value(json_object_get(f, "rule")));
        ck_assert_contains(page, want);
        snprintf(want, sizeof want, "id=\"doc-1-f-%zu\"", i);
        ck_assert_contains(page, want);
    }
    /* each person's first mention is highlighted and anchored, by its category */
    const json_t *persons =
        json_object_get(json_object_get(json_object_get(doc, "results"), "anonymise"), "persons");
    ck_assert_uint_gt(json_array_size(persons), 0);
    json_t *p;
    json_array_foreach(persons, i, p) {
        char want[200];
        snprintf(want, sizeof want, "<span class=\"person cat-%s\" id=\"doc-1-p-%zu\"",
                 json_string_value(json_object_get(p, "category")), i);
        ck_assert_contains(page, want);
    }
    char *text = t_read(article, NULL);
    paragraphs_hold_the_text(page, text, doc);
    free(text);
    json_decref(report);
    free(json_out);
    free(page);
}
END_TEST

/* ---- in a browser -------------------------------------------------------- */

/*
 * Runs chromium with args (NULL-terminated) and a fresh profile, its
 * standard output into out_path; kills it after a minute.  Returns its exit
 * status.  The flags keep it off the network and quick to start.
 */
static int chromium(const char *out_path, const char *const *args)
{
    char profile[600];
    snprintf(profile, sizeof profile, "%s/chromium-profile-XXXXXX", t_dir());
    ck_assert_ptr_nonnull(mkdtemp(profile));
    char profile_arg[700];
    snprintf(profile_arg, sizeof profile_arg, "--user-data-dir=%s", profile);
    const char *argv[32] = {"chromium",
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run",
                            "--hide-scrollbars",
                            profile_arg};
    size_t n = 10;
    for (size_t i = 0; args[i]; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(fd, 1);
        dup2(null, 2);
        /* a sanitizer build's settings are for galley, not for the browser */
        unsetenv("ASAN_OPTIONS");
        unsetenv("UBSAN_OPTIONS");
        execvp("chromium", (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    for (int waited = 0; waited < 600; waited++) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid)
            break;
        if (waited == 599) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            ck_abort_msg("chromium did not finish within a minute");
        }
        struct timespec tick = {0, 100 * 1000 * 1000};
        nanosleep(&tick, NULL);
    }
    ck_assert_msg(!(WIFEXITED(status) && WEXITSTATUS(status) == 127),
                  "chromium is not installed: the browser test needs it "
                  "(sh scripts/install-deps.sh installs the Debian package)");
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

START_TEST(page_renders_in_a_browser)
{
    json_t *docs[2] = {review_doc(t_write("article.txt", ARTICLE), ARTICLE), NULL};
    const char *text2 = "Lisbon wine bars.\n\nThe scene grows.\n";
    docs[1] = doc_for(t_write("lisbon.txt", text2), text2);
    char *html = render_docs("html", 0, 100, docs, 2, NULL);
    const char *page = t_write("report.html", html);
    free(html);
    char url[700], dom_path[600], shot_path[600], shot_arg[700];
    snprintf(url, sizeof url, "file://%s", page);
    snprintf(dom_path, sizeof dom_path, "%s/dom.html", t_dir());
    snprintf(shot_path, sizeof shot_path, "%s/shot.png", t_dir());
    snprintf(shot_arg, sizeof shot_arg, "--screenshot=%s", shot_path);

    const char *dump[] = {"--dump-dom", url, NULL};
    ck_assert_int_eq(chromium(dom_path, dump), 0);
    char *dom = t_read(dom_path, NULL);
    ck_assert_ptr_nonnull(dom);
    /* the page's script ran to its end */
    ck_assert_contains(dom, "data-ready=\"1\"");
    /* every finding is an element with its rule, every block an element with its anchor */
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(docs[0], "findings"), i, f) {
        char want[200];
        snprintf(want, sizeof want, "id=\"doc-1-fl-%zu\" data-rule=\"%s/%s\"", i,
                 json_string_value(json_object_get(f, "step")),
                 json_string_value(json_object_get(f, "rule")));
        ck_assert_contains(dom, want);
        snprintf(want, sizeof want, "id=\"doc-1-f-%zu\"", i);
        ck_assert_contains(dom, want);
    }
    for (int d = 0; d < 2; d++) {
        size_t blocks = json_array_size(json_object_get(docs[d], "blocks"));
        for (size_t b = 0; b < blocks; b++) {
            char want[64];
            snprintf(want, sizeof want, "id=\"doc-%d-b-%zu\"", d + 1, b);
            ck_assert_contains(dom, want);
        }
    }
    ck_assert_uint_eq(count_of(dom, "<div class=\"block "), 4 + 2);
    ck_assert_contains(dom, "<nav id=\"index\">");
    ck_assert_contains(dom, "<svg class=\"chart\"");
    free(dom);

    const char *shoot[] = {"--window-size=1000,1400", shot_arg, url, NULL};
    ck_assert_int_eq(chromium(dom_path, shoot), 0);
    size_t length;
    unsigned char *png = (unsigned char *)t_read(shot_path, &length);
    ck_assert_msg(png != NULL, "no screenshot at %s", shot_path);
    ck_assert_uint_gt(length, 10000); /* a page of text, not a blank image */
    ck_assert(memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0);
    /* IHDR: width and height, big-endian, at bytes 16 and 20 */
    unsigned width = (unsigned)png[16] << 24 | (unsigned)png[17] << 16 | png[18] << 8 | png[19];
    unsigned height = (unsigned)png[20] << 24 | (unsigned)png[21] << 16 | png[22] << 8 | png[23];
    ck_assert_uint_eq(width, 1000);
    ck_assert_uint_eq(height, 1400);
    free(png);
    for (int d = 0; d < 2; d++)
        json_decref(docs[d]);
}
END_TEST

static Suite *report_html_suite(void)
{
    Suite *s = suite_create("report_html");
    TCase *tc = tcase_create("html");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, page_has_every_block_finding_and_person);
    tcase_add_test(tc, page_loads_nothing_from_outside);
    tcase_add_test(tc, everything_echoed_is_escaped);
    tcase_add_test(tc, findings_beyond_a_block_get_a_point_anchor);
    tcase_add_test(tc, several_articles_get_an_index);
    tcase_add_test(tc, text_not_available);
    tcase_add_test(tc, galley_run_writes_html);
    tcase_add_test(tc, end_to_end_on_a_corpus_article);
    suite_add_tcase(s, tc);
    TCase *browser = tcase_create("browser");
    tcase_add_checked_fixture(browser, NULL, teardown);
    tcase_set_timeout(browser, 150);
    tcase_add_test(browser, page_renders_in_a_browser);
    suite_add_tcase(s, browser);
    return s;
}

int main(void)
{
    return t_main(report_html_suite());
}
