/*
 * test_plugin_boilerplate.c -- the boilerplate plugin through the public
 * API: one small page per rule (each would be decided otherwise without that
 * rule), the page-level stages and their options, the data files and their
 * errors, bad input, the per-document result, and one corpus article.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

/* Three paragraphs of story text: long, full of stop words, full stops. */
#define P1                                                                                         \
    "Rescue crews worked through the night to reach the families trapped in the basement of "      \
    "the damaged building, and by morning all of them had been brought out alive."
#define P2                                                                                         \
    "The city council said it would open two more shelters before the end of the week, and "       \
    "that volunteers were already collecting blankets and water for the people who had lost "      \
    "their homes."
#define P3                                                                                         \
    "Officials said the repairs to the heating network would take at least a month, and that "     \
    "schools in the district would move their lessons online until the work was done."
#define P4                                                                                         \
    "Most of the residents said they would stay in the city, whatever the winter brings, "         \
    "because their work and their families are here."
#define HEADLINE "Rescue crews reach families trapped under a Kharkiv apartment block"

static void teardown(void)
{
    t_cleanup();
}

/* A pipeline of the boilerplate step alone, with options given as JSON members. */
static galley_pipeline *bp_pipeline(const char *options)
{
    char config[2048];
    snprintf(config, sizeof config,
             "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"bp\", \"plugin\": "
             "\"boilerplate\", \"options\": {%s}}]}",
             options ? options : "");
    galley_error err;
    galley_pipeline *p = t_pipeline(config, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    return p;
}

static json_t *run(const char *options, const char *text)
{
    galley_pipeline *p = bp_pipeline(options);
    galley_error err;
    json_t *doc = t_run_text(p, text, &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    galley_pipeline_free(p);
    return doc;
}

static json_t *attrs_of(const json_t *doc, size_t block)
{
    json_t *b = json_array_get(json_object_get(doc, "blocks"), block);
    ck_assert_msg(b != NULL, "no block %zu", block);
    return json_object_get(b, "attrs");
}

/* Asserts one block's decision and reason. */
static void expect(const json_t *doc, size_t block, int furniture, const char *reason)
{
    json_t *a = attrs_of(doc, block);
    json_t *bp = json_object_get(a, "boilerplate");
    const char *why = json_string_value(json_object_get(a, "boilerplate_reason"));
    ck_assert_msg(json_is_boolean(bp), "block %zu has no boilerplate attribute", block);
    ck_assert_msg(json_is_true(bp) == furniture && why && strcmp(why, reason) == 0,
                  "block %zu: expected %s (%s), got %s (%s)", block,
                  furniture ? "furniture" : "story", reason,
                  json_is_true(bp) ? "furniture" : "story", why ? why : "no reason");
}

static json_t *result_of(const json_t *doc)
{
    return json_object_get(json_object_get(doc, "results"), "bp");
}

static double result_number(const json_t *doc, const char *name)
{
    json_t *v = json_object_get(result_of(doc), name);
    ck_assert_msg(json_is_number(v), "result %s is not a number", name);
    double d = json_number_value(v);
    ck_assert_msg(isfinite(d), "result %s is not finite", name);
    return d;
}

/* ---- furniture rules, one page each --------------------------------------- */

START_TEST(crumb_between_separators)
{
    json_t *doc = run(NULL, "News › Ukraine › Kharkiv\n\n" HEADLINE "\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 0, 1, "crumb");
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(crumb_glued_to_the_headline)
{
    json_t *doc = run(NULL, "HomeNewsWorld Rescue crews reach families trapped...\n\n" HEADLINE
                            "\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 0, 1, "crumb");
    expect(doc, 1, 0, "headline");
    json_decref(doc);
    /* A brand with a capital inside is not a crumb. */
    doc = run(NULL, HEADLINE
              "\n\n" P1 "\n\nYouTube removed the channel on Tuesday after the city "
              "council complained that it had published the addresses of the "
              "shelters, which are kept secret for the safety of the families.\n\n" P2 "\n");
    expect(doc, 2, 0, "story");
    json_decref(doc);
    /* Cyrillic: Головна (home) glued to Новини (news). */
    doc = run(NULL, "ГоловнаНовиниСвіт\n\n" HEADLINE "\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 0, 1, "crumb");
    json_decref(doc);
}
END_TEST

START_TEST(menu_one_item_per_line_and_between_bars)
{
    json_t *doc = run(NULL, "Home\nHealth\nSleep\nFitness\n\nNews | Sport | Business | Travel | "
                            "Culture\n\n" HEADLINE "\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 0, 1, "menu");
    expect(doc, 1, 1, "menu");
    expect(doc, 2, 0, "headline");
    json_decref(doc);
}
END_TEST

START_TEST(navigation_phrase)
{
    json_t *doc =
        run(NULL, "Skip to main content\n\n" HEADLINE "\n\n" P1 "\n\n" P2 "\n\nBack to top ↑\n");
    expect(doc, 0, 1, "nav");
    expect(doc, 4, 1, "nav");
    json_decref(doc);
}
END_TEST

START_TEST(list_heading_in_the_middle_and_the_story_goes_on)
{
    json_t *doc = run(
        NULL, HEADLINE
        "\n\n" P1 "\n\n" P2 "\n\nRelated\n\nWinter shelters open in the metro for a second year\n\n"
        "How volunteers rebuilt three hundred windows in a month\n\n" P3 "\n\n" P4 "\n");
    expect(doc, 3, 1, "list-heading");
    expect(doc, 4, 1, "teaser");
    expect(doc, 5, 1, "teaser");
    expect(doc, 6, 0, "story");
    expect(doc, 7, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(read_more_link_between_paragraphs)
{
    /* A heading with its link on the same line opens no list: the single
     * paragraph after it is still story. */
    json_t *doc = run(NULL, HEADLINE
                      "\n\n" P1 "\n\n" P2
                      "\n\nRead more: Winter shelters open in the metro for a second year\n\n" P3
                      "\n\nShare this article\n");
    expect(doc, 3, 1, "list-heading");
    expect(doc, 4, 0, "story");
    expect(doc, 5, 1, "share");
    json_decref(doc);
}
END_TEST

START_TEST(sponsor_slot_placeholder)
{
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n- Advertisement -\n\n" P2 "\n\nspot_img\n\n" P3
                                     "\n\n" P4 "\n");
    expect(doc, 2, 1, "sponsor-slot");
    expect(doc, 3, 0, "story");
    expect(doc, 4, 1, "sponsor-slot");
    expect(doc, 5, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(sponsored_items_under_a_sponsor_heading)
{
    json_t *doc =
        run(NULL, HEADLINE "\n\n" P1 "\n\n" P2
                           "\n\nSponsored\n\nFly to Lisbon from 49 euros this spring\n\n" P3
                           "\n\n" P4 "\n");
    expect(doc, 3, 1, "sponsor-slot");
    expect(doc, 4, 1, "sponsor-slot");
    expect(doc, 5, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(sponsored_item_with_its_label_in_front)
{
    /* The label and a mark open the item; the story goes on after it.  "Partner
     * content" alone is still the heading that opens a list (test below). */
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\nADVERTISEMENT\n\nSponsored \xC2\xB7 Smile "
                                     "Studio: implants in one day, free first consultation\n\n"
                                     "Paid partnership | Five nights in the Azores by e-bike from "
                                     "790 euros\n\n" P2 "\n\n" P3 "\n");
    expect(doc, 2, 1, "sponsor-slot");
    expect(doc, 3, 1, "sponsor-slot");
    expect(doc, 4, 1, "sponsor-slot");
    expect(doc, 5, 0, "story");
    expect(doc, 6, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(share_bar_between_the_top_and_the_story)
{
    /* "Pin it · Share · Save" under the byline is a share line, which the walk up
     * to the headline passes over; read as a menu it would stop the walk. */
    json_t *doc = run(NULL, "Eat | Drink | Travel | Shop\n\n" HEADLINE
                            "\n\nWords: Lotte Claes\n\nPin it \xC2\xB7 Share \xC2\xB7 Save\n\n" P1
                            "\n\n" P2 "\n\nPrint \xC2\xB7 Email\n");
    expect(doc, 0, 1, "menu");
    expect(doc, 1, 0, "headline");
    expect(doc, 3, 1, "share");
    expect(doc, 4, 0, "story");
    expect(doc, 6, 1, "share");
    json_decref(doc);
}
END_TEST

START_TEST(photo_gallery_captions_are_the_story)
{
    /* Each caption sits between its credit and the next slide counter: no two are
     * adjacent, yet together they are the story.  One caption has its credit printed
     * on its own line after the last full stop. */
    json_t *doc = run(NULL, HEADLINE "\n\nGallery by Oksana Marchuk and agencies\n\nStart slideshow "
                            "\xC2\xB7 Grid view\n\n1 of 3\n\n" P1 "\n\nPhotograph: Oksana "
                            "Marchuk/Eastern Wire\n\n\xE2\x80\xB9 Previous image | Next image "
                            "\xE2\x80\xBA\n\n2 of 3\n\n" P2 " Photograph: Ivan Sokil/Reuters\n\n"
                            "Image 3 of 3\n\n" P3 "\n\nPhotograph: Oksana Marchuk/Eastern Wire\n\n"
                            "Replay gallery\n");
    expect(doc, 0, 0, "headline");
    expect(doc, 1, 1, "byline");
    expect(doc, 2, 1, "nav");
    expect(doc, 3, 1, "nav");
    expect(doc, 4, 0, "story");
    expect(doc, 5, 1, "credit");
    expect(doc, 6, 1, "nav");
    expect(doc, 7, 1, "nav");
    expect(doc, 8, 0, "story");
    expect(doc, 9, 1, "nav");
    expect(doc, 10, 0, "story");
    expect(doc, 11, 1, "credit");
    expect(doc, 12, 1, "nav");
    json_decref(doc);
}
END_TEST

START_TEST(live_page_controls_and_a_tool_bar_under_the_byline)
{
    /* The key-events box (one post a line, each opening with its time), the live
     * page's controls and a short tool bar under the date are furniture the walk up to
     * the headline passes over. */
    json_t *doc = run(NULL, HEADLINE "\n\nBy Oksana Marchuk\n\nSaturday 8 March 2025\n\n"
                            "Zoom in \xC2\xB7 Text size \xC2\xB7 Contrast\n\nShow key events only\n\n"
                            "Key events\n\n3m ago Dutch minister announces air-defence package\n"
                            "1h ago Kremlin says no written proposal received\n\n"
                            "2 new posts since you opened this page \xE2\x80\x93 Refresh\n\n" P1
                            "\n\n" P2 "\n");
    expect(doc, 0, 0, "headline");
    expect(doc, 1, 1, "byline");
    expect(doc, 3, 1, "menu");
    expect(doc, 4, 1, "nav");
    expect(doc, 5, 1, "nav");
    expect(doc, 6, 1, "nav");
    expect(doc, 7, 1, "nav");
    expect(doc, 8, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(live_page_posts_each_under_its_time)
{
    /* Posts of one short paragraph each, under their time: the time lines sit between the
       story's posts and do not end it. */
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\n12:40 p.m.\n\nAirport "
                            "cancellations pass 600\n\nMore than 600 flights have been cancelled "
                            "at the airport since midnight, and the queues are long.\n\n11:50 "
                            "a.m.\n\nAll schools closed\n\nBoth school boards closed every school "
                            "for the day, the second closure this month.\n\nShare this post\n");
    expect(doc, 3, 1, "date-line");
    expect(doc, 4, 0, "subheading");
    expect(doc, 5, 0, "story");
    expect(doc, 6, 1, "date-line");
    expect(doc, 8, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(closing_line_after_an_interview_note)
{
    /* "This interview has been edited ..." is furniture between the interview and its
       closing line about the record, which is still the story's. */
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nThis interview has been edited "
                            "for length and clarity.\n\nTidewrack is released on 21 March on "
                            "Brack Records.\n\nLove celebrity news? Sign up to our free weekly "
                            "email.\n");
    expect(doc, 3, 1, "meta-line");
    expect(doc, 4, 0, "story");
    expect(doc, 5, 1, "subscribe");
    json_decref(doc);
}
END_TEST

START_TEST(live_updates_box_under_its_own_heading)
{
    /* The box as one block: a heading, posts opening with a time of day, a line of its
       own under them. Most lines open with a time, not all. */
    json_t *doc = run(NULL, HEADLINE "\n\nLIVE\n\nLIVE UPDATES\n"
                            "11:40 p.m. - Sheriff adds Zone 7 to the evacuation list\n"
                            "10:55 p.m. - Red Cross opens a second shelter\n"
                            "9:30 p.m. - Highway 96 closed in both directions\n"
                            "Refresh this page for the latest.\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 1, 1, "nav");
    expect(doc, 2, 1, "nav");
    expect(doc, 3, 0, "story");
    json_decref(doc);
    /* a numbered list in the story is no such box */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n1. Pack documents and medicines first.\n"
                            "2. Leave pets with water if they cannot come.\n"
                            "3. Tell a neighbour where you are going.\n"
                            "4. Follow the marked routes out of town.\n\n" P2 "\n");
    expect(doc, 2, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(a_row_of_items_under_the_date_is_not_the_headline)
{
    /* An app promotion, a share bar with icons and a share-price line between the date and
       the story: the walk up to the headline passes them, and the headline and standfirst
       above the byline are the article's. */
    json_t *doc = run(NULL, "News \xE2\x80\xBA Business\n\n" HEADLINE "\n\nCrews worked through "
                            "the night as temperatures fell below freezing.\n\nWritten by Oksana "
                            "Marchuk | Kharkiv\n\nPublished: April 14, 2026, 22:15\n\n"
                            "Get the Courier on Google News \xE2\x98\x85 | WhatsApp updates "
                            "\xE2\x86\x92\n\nf  Share   \xE2\x9C\x89 Email   Print\n\n"
                            P1 "\n\n" P2 "\n");
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 0, "standfirst");
    expect(doc, 3, 1, "byline");
    expect(doc, 4, 1, "date-line");
    expect(doc, 5, 1, "byline"); /* furniture at the top: reported as the byline's company */
    expect(doc, 6, 1, "share");
    expect(doc, 7, 0, "story");
    json_decref(doc);
    /* "Match report by" signs a report as "By" does */
    doc = run(NULL, HEADLINE "\n\nMatch report by Thiago Lins in Fortaleza\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 1, 1, "byline");
    json_decref(doc);
}
END_TEST

START_TEST(the_headline_is_above_the_byline)
{
    /* A round-up: its first item's title sits under the byline, the date and a share bar;
       the page's headline and standfirst are above the byline. */
    json_t *doc = run(NULL, "Local News \xE2\x80\xBA In Brief\n\n"
                            "News in brief: hail smashes vines, and a lost dog comes home\n\n"
                            "Your quick round-up of the stories making news across the valley on "
                            "Tuesday.\n\nCompiled by Renee Fairweather\n\n"
                            "Updated March 17 2026 - 6:00am\n\nShare \xC2\xB7 Email \xC2\xB7 Print\n\n"
                            "Mum caught over limit on school run\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 0, "standfirst");
    expect(doc, 3, 1, "byline");
    expect(doc, 6, 0, "subheading");
    json_decref(doc);
    /* Headline, standfirst without a full stop, and a line of names and places: the
       shortest, last, is the byline. */
    doc = run(NULL, "News \xE2\x80\xBA World\n\n" HEADLINE "\n\nNine people injured in the city and "
                    "power cut to 30,000 homes in the region as talks go on in Jeddah\n\n"
                    "Anastasiia Lozynska in Kyiv and Declan Pryce in London\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 0, "standfirst");
    expect(doc, 3, 1, "byline");
    json_decref(doc);
    /* A long "By" line of names and places is a byline, not the headline; a line of links
       next to the date (the reporter and the town, a ratings key) does not stop the walk
       up to the headline. */
    doc = run(NULL, "Home | World | Business | Sport\n\nWorld \xE2\x80\xBA Europe\n\n" HEADLINE
                    "\n\nVolunteers and rescue crews worked through the night in freezing rain "
                    "to reach the families in the basement\n\n"
                    "By Olha Kravets in Kharkiv and Martin Abbot in Warsaw | Eastern Wire "
                    "Service\n\nPublished 14 March 2026 \xC2\xB7 09:42\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 2, 0, "headline");
    expect(doc, 3, 0, "standfirst");
    expect(doc, 4, 1, "byline");
    json_decref(doc);
    doc = run(NULL, "Home | World | Business | Sport\n\nWorld \xE2\x80\xBA Europe\n\n" HEADLINE
                    "\n\nVolunteers and rescue crews worked through the night in freezing rain "
                    "to reach the families in the basement\n\n"
                    "Olha Kravets | Kharkiv\n\nUpdated: March 14, 2026, 11:47 PM\n\n" P1 "\n\n"
                    P2 "\n");
    expect(doc, 2, 0, "headline");
    expect(doc, 3, 0, "standfirst");
    json_decref(doc);
    /* A standfirst without its full stop, a byline without "By" (a name and a role) and
       a row of share icons under the date: the row is not the headline. */
    doc = run(NULL, "News \xE2\x80\xBA Community\n\n" HEADLINE "\n\nTwo winters after the "
                    "blast, the families of the block have doors, heating and a playground "
                    "again, and a long wait behind them\n\nOlha Kravets\nCommunity "
                    "Correspondent\n\nSaturday, 6 December 2025 \xE2\x80\x93 07:00\n\n"
                    "f   \xF0\x9D\x95\x8F   in   \xE2\x9C\x89   Print\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 0, "standfirst");
    ck_assert(json_is_true(json_object_get(attrs_of(doc, 3), "boilerplate")));
    expect(doc, 4, 1, "date-line");
    json_decref(doc);
}
END_TEST

START_TEST(headline_walk_passes_a_sponsored_item_under_the_byline)
{
    /* "Sponsored" and its cut-off item between the date and the story are an
     * advertisement in the article's top: the walk goes on to the headline. */
    json_t *doc =
        run(NULL, HEADLINE "\n\nBy Hana Lindgren\n\n18 November 2025\n\nSponsored\n\n"
                           "Aurelle Skin Lab: meet the ampoule the clinics keep behind the "
                           "counter\xE2\x80\xA6\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 0, 0, "headline");
    expect(doc, 3, 1, "sponsor-slot");
    expect(doc, 4, 1, "teaser");
    expect(doc, 5, 0, "story");
    json_decref(doc);
    /* Near miss: a list heading there ("Most Popular") is the site's box, and the walk
       stops at it as before. */
    doc = run(NULL, HEADLINE "\n\nBy Hana Lindgren\n\n18 November 2025\n\nMost Popular\n\n"
                             "Aurelle Skin Lab: meet the ampoule the clinics keep behind the "
                             "counter\xE2\x80\xA6\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 0, 1, "page-start");
    json_decref(doc);
    /* A box of key points under the byline, its heading and its lines in one block, is
       the article's top: the walk goes on to the headline and the standfirst. */
    doc = run(NULL, "Companies / Consumer\n\n" HEADLINE "\n\nNine-month revenue up 18% at the "
                    "chain, but discounting cut net profit by a third; shares fall 6.3%\n\n"
                    "By Hana Lindgren \xC2\xB7 30 October 2025\n\nKEY POINTS\n\xE2\x80\x93 Revenue "
                    "up 18%\n\xE2\x80\x93 Net profit down 34%\n\xE2\x80\x93 Outlets: 1,142\n\n" P1
                    "\n\n" P2 "\n");
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 0, "standfirst");
    expect(doc, 4, 1, "list-heading");
    expect(doc, 5, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(two_titles_under_the_crumb_are_headline_and_deck)
{
    /* The longer title on top is the headline, the shorter one under it a deck (a
     * score line), when the site's furniture is right above them. */
    json_t *doc =
        run(NULL, "Sport \xE2\x80\xBA Football \xE2\x80\xBA State leagues\n\nLate "
                  "header gives ten-man Ceara the edge in a furious derby\n\nCeara 2-1 "
                  "Fortaleza at the Arena Castelao\n\nBy Thiago Lins\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 0, 1, "crumb");
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 0, "standfirst");
    json_decref(doc);
    /* Near miss: under a teaser's lead, the longer title is not taken: the shorter one
       under it stays the headline. */
    doc = run(NULL,
              "Sleeper trains are back, and here is where they go.\n\nLate header gives ten-man "
              "Ceara the edge in a furious derby\n\nCeara 2-1 Fortaleza at the Arena "
              "Castelao\n\nBy Thiago Lins\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 1, 1, "page-start");
    expect(doc, 2, 0, "headline");
    json_decref(doc);
}
END_TEST

START_TEST(crosshead_after_a_box_inside_the_story)
{
    /* A "Related" box in the middle of the story runs to the next paragraph; the short
     * title right above that paragraph is the crosshead the story resumes under. */
    json_t *doc =
        run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nRELATED\n\nThe last kosher "
                           "butcher on the Main is closing after 71 years\n\nThe queue and the "
                           "counter\n\n" P3 "\n\n" P4 "\n");
    expect(doc, 3, 1, "list-heading");
    expect(doc, 4, 1, "teaser");
    expect(doc, 5, 0, "subheading");
    expect(doc, 6, 0, "story");
    json_decref(doc);
    /* Near miss: a long title there is the box's last item. */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nRELATED\n\nThe last kosher butcher on the "
                             "Main is closing after 71 years\n\nFairmount or Saint-Viateur and the "
                             "bagel war of Mile End\n\n" P3 "\n\n" P4 "\n");
    expect(doc, 5, 1, "teaser");
    json_decref(doc);
}
END_TEST

START_TEST(obituary_life_span_line)
{
    /* Born and died with their dates: the obituary's last line, with or without its
     * full stop, is the story's, not a teaser title or a date line. */
    json_t *doc =
        run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nViktoriia Moroz, paramedic; born 8 "
                           "March 1997; died 19 November 2026\n\nShare: Facebook \xC2\xB7 X\n");
    expect(doc, 3, 0, "story");
    json_decref(doc);
    doc = run(NULL, HEADLINE "\n\nBy Orla Kerin\n\nSeamus Hehir, born 3 May 1938; died 9 March "
                             "2025\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 2, 0, "standfirst");
    json_decref(doc);
    /* Near miss: one end of a life is no life span. */
    doc = run(NULL, HEADLINE "\n\nBy Orla Kerin\n\nSeamus Hehir, 3 May 1938\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 2, 1, "date-line");
    json_decref(doc);
}
END_TEST

START_TEST(byline_with_an_article_before_the_job)
{
    /* "By our Moscow correspondent": a byline word, an article and a newsroom job. */
    json_t *doc = run(NULL, HEADLINE "\n\nBy our Moscow correspondent\n\nBy our correspondents "
                                     "in Kfar Saba and Deir al-Balah\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 0, 0, "headline");
    expect(doc, 1, 1, "byline");
    expect(doc, 2, 1, "byline");
    json_decref(doc);
    /* Near miss: without a job it is no byline ("By a long way the busiest corner"). */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\nBy a long way the busiest corner of the city\n\n" P2
                             "\n\n" P3 "\n");
    expect(doc, 2, 0, "context");
    json_decref(doc);
}
END_TEST

START_TEST(practical_box_and_editorial_notes_after_the_story)
{
    /* "If you go" opens the practical box; "Getting there:" and the writer's
     * disclosure are notes, and so is an interview's note on its languages. */
    json_t *doc =
        run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nIf you go\n\nOficina Azul Sete, "
                           "Graca, Lisbon. Two-morning classes cost 95 euros.\n\nThe writer was a "
                           "guest of the workshop.\n");
    expect(doc, 3, 1, "list-heading");
    expect(doc, 4, 1, "page-end");
    expect(doc, 5, 1, "meta-line");
    json_decref(doc);
    doc = run(NULL,
              HEADLINE "\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nNeed to know\n\nGetting there: "
                       "Agadir has direct flights from many cities.\n\n" P4 "\n\n" P4
                       " It is worth it.\n\nThis interview was conducted in Arabic and English.\n");
    expect(doc, 5, 1, "meta-line");
    expect(doc, 6, 1, "page-end");
    expect(doc, 7, 1, "page-end");
    expect(doc, 8, 1, "meta-line");
    json_decref(doc);
    /* Near miss: the same words opening a sentence are the story's. */
    doc = run(NULL,
              HEADLINE "\n\n" P1 "\n\nGetting there took the convoy three days, and the "
                       "drivers slept in the cabs.\n\nIf you go to the market early, the fish is "
                       "still alive.\n\n" P2 "\n\n" P3 "\n");
    expect(doc, 2, 0, "story");
    expect(doc, 3, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(recipe_card_and_affiliate_notes)
{
    /* An ingredient list, one quantity a line, is the recipe, not a key-events box; the
       card's time and nutrition lines, the affiliate note and the tag prompt are furniture. */
    json_t *doc = run(NULL, HEADLINE "\n\nThis post may contain affiliate links.\n\n" P1 "\n\n" P2
                            "\n\nIngredients\n\n2 tablespoons lard or oil\n1 large onion, diced\n"
                            "3 tablespoons sweet paprika\n500 ml chicken stock\n\n" P3
                            "\n\nPrep Time: 20 mins | Cook Time: 1 hr | Servings: 6\n\n"
                            "Nutrition (per serving): Calories: 512kcal | Protein: 34g\n\n"
                            "Made this recipe? Tag us on Instagram!\n\nREAD ALSO: Ten soups for "
                            "a cold night\n");
    expect(doc, 1, 1, "sponsor-slot");
    expect(doc, 5, 0, "context"); /* before, "nav": a list of lines that open with a number */
    expect(doc, 7, 1, "meta-line");
    expect(doc, 8, 1, "meta-line");
    expect(doc, 9, 1, "share");
    expect(doc, 10, 1, "list-heading");
    json_decref(doc);
}
END_TEST

START_TEST(notes_to_readers_and_embedded_post_signatures)
{
    json_t *doc = run(NULL, HEADLINE "\n\nContent warning: this report describes a fatal crash.\n\n"
                            P1 "\n\n\xE2\x80\x94 Julien Marchetti (@jmarchetti_rail) 5 March "
                            "2026\n\n" P2 "\n\n" P3 "\n\nIf this story has raised issues for you, "
                            "support is available from Lifeline on 13 11 14.\n\nFiona Castellane "
                            "travelled as a guest of the Kyoto Tourism Bureau.\n");
    expect(doc, 1, 1, "meta-line");
    expect(doc, 3, 1, "credit");
    expect(doc, 4, 0, "story");
    expect(doc, 6, 1, "meta-line");
    expect(doc, 7, 1, "credit");
    json_decref(doc);
    /* a signature that ends with a time ends with a full stop too */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n\xE2\x80\x94 Environment Canada Ontario (@ECCCWeatherON) "
                    "February 12, 11:42 a.m.\n\n" P2 "\n");
    expect(doc, 2, 1, "credit");
    json_decref(doc);
}
END_TEST

START_TEST(a_formula_repeated_inside_the_story)
{
    /* A letters page: "Yours, etc," under every letter is the letters', not a repeated
       teaser, and the letters after the second one are still the page's story. */
    json_t *doc = run(NULL, HEADLINE "\n\nSir, \xE2\x80\x93 " P1 "\n\nYours, etc,\n\n"
                            "Nuala Durkan, Bangor Erris, Co Mayo.\n\nSir, \xE2\x80\x93 " P2
                            "\n\nYours, etc,\n\nKevin Loftus, Swinford, Co Mayo.\n\nSir, "
                            "\xE2\x80\x93 " P3 "\n\nYours, etc,\n\nTeresa Gilvarry, "
                            "Louisburgh.\n");
    for (size_t b = 1; b <= 9; b++)
        ck_assert_msg(!json_is_true(json_object_get(attrs_of(doc, b), "boilerplate")),
                      "block %zu is furniture", b);
    json_decref(doc);
}
END_TEST

START_TEST(short_subheading_under_an_ad_slot)
{
    /* One or two words over a paragraph, under an ad slot or a photo credit inside the
       story, or over a line with no words and then a paragraph, are a subheading; a label
       of the same length over nothing is not. */
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nAdvertisement\n\nFractured skull\n\n"
                            P3 "\n\nResidents queue for water outside the school.\n\n"
                            "Photograph: Ivan Sokil/Reuters\n\nSurvivors\n\n" P4 "\n");
    expect(doc, 3, 1, "sponsor-slot");
    expect(doc, 4, 0, "subheading");
    expect(doc, 7, 1, "credit");
    expect(doc, 8, 0, "subheading");
    expect(doc, 9, 0, "story");
    json_decref(doc);
    /* a review column: a show's title over its star rating, then the review */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nRivals\n\n\xE2\x98\x85\xE2\x98\x85"
                    "\xE2\x98\x85\xE2\x98\x85\xE2\x98\x86\n\n" P3 "\n\n" P4 "\n");
    expect(doc, 3, 0, "subheading");
    expect(doc, 4, 1, "no-words");
    expect(doc, 5, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(advertising_copy_and_notes_to_readers)
{
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\nTrade with zero order fees \xE2\x80\x94 open "
                            "an account in five minutes. Capital at risk.\n\n" P2
                            "\n\nYour donation keeps the lights on. Give now \xE2\x86\x92\n\n"
                            "READ: Death toll climbs to 14 as searches go on\n\n" P3
                            "\n\nCourtesy of the family\n\nGot a story? Contact the newsdesk "
                            "on 01297 555 0140\n");
    expect(doc, 2, 1, "sponsor-slot");
    expect(doc, 4, 1, "sponsor-slot");
    expect(doc, 5, 1, "list-heading");
    expect(doc, 7, 1, "credit");
    expect(doc, 8, 1, "meta-line");
    json_decref(doc);
    /* over the story: the site's app, a blog post's line, a note on translation, the
       same story in French, a pin prompt */
    doc = run(NULL, "Download our app for breaking news alerts\n\n" HEADLINE "\n\nPosted in "
                    "Finance, Serie B \xC2\xB7 April 30, 2025 \xC2\xB7 by Canhoto \xC2\xB7 14 "
                    "comments\n\nThis story was translated automatically from Portuguese and "
                    "checked by our editors.\n\nCette histoire est aussi disponible en "
                    "fran\xC3\xA7"
                    "ais. Lire en fran\xC3\xA7"
                    "ais\n\nPin it for later!\n\n" P1 "\n\n" P2 "\n\n" P3 "\n");
    expect(doc, 0, 1, "subscribe");
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 1, "meta-line");
    expect(doc, 3, 1, "meta-line");
    expect(doc, 4, 1, "nav");
    expect(doc, 5, 1, "share");
    json_decref(doc);
}
END_TEST

START_TEST(small_print_of_an_advertisement)
{
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\nAdvertisement\n\nBet responsibly. 18+ only. "
                                     "Visit a support service if gambling stops being fun.\n\n" P2
                                     "\n\nNew customers only. T&Cs apply.\n\n" P3 "\n");
    expect(doc, 3, 1, "sponsor-slot");
    expect(doc, 4, 0, "story");
    expect(doc, 5, 1, "sponsor-slot");
    expect(doc, 6, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(advertorial_under_a_sponsor_heading_after_the_story)
{
    /* After the story has ended (a list heading and its teasers), paragraphs under
     * "Partner content" are an advertorial, however story-like; under the same
     * heading with no end before it the story goes on (the test above). */
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2
                                     "\n\nRelated\n\nWinter shelters open in the metro for a "
                                     "second year\n\nPartner content\n\n" P3 "\n\n" P4 "\n");
    expect(doc, 2, 0, "story");
    expect(doc, 3, 1, "list-heading");
    expect(doc, 5, 1, "sponsor-slot");
    expect(doc, 6, 1, "page-end");
    expect(doc, 7, 1, "page-end");
    json_decref(doc);
    /* A sponsored item in the middle of the story, its label and its cut-off lead, ends
       nothing: the paragraphs after it are the story's. */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nSPONSORED\n\nDiscover Powys: stay three "
                    "nights for the price of two at selected inns\xE2\x80\xA6\n\n" P3 "\n\n" P4
                    "\n");
    expect(doc, 3, 1, "sponsor-slot");
    expect(doc, 4, 1, "teaser");
    expect(doc, 5, 0, "story");
    expect(doc, 6, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(messages_under_a_list_heading_after_the_story)
{
    /* Readers' messages under "Tributes & condolences" at the foot of an obituary are
       well-written paragraphs, but the heading's items: no story follows them. */
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\n" P3
                                     "\n\nTributes & condolences\n\nPeter Liakos, Coburg \xE2\x80\x94 "
                                     "Forty years of Friday lunches at her table, and the best lemon "
                                     "potatoes anyone in this suburb has ever eaten. Rest well.\n\n"
                                     "Jenny O'Halloran, Richmond \xE2\x80\x94 Deepest sympathy to the "
                                     "whole family. She fed my children when I could not, and I will "
                                     "never forget her kindness.\n\nLeave a message of condolence\n");
    expect(doc, 3, 0, "story");
    expect(doc, 4, 1, "list-heading");
    expect(doc, 5, 1, "page-end");
    expect(doc, 6, 1, "page-end");
    expect(doc, 7, 1, "comment-prompt");
    json_decref(doc);
}
END_TEST

START_TEST(credit_under_a_caption)
{
    json_t *doc = run(
        NULL, HEADLINE
        "\n\n" P1 "\n\nA firefighter carries an elderly resident down the stairs of the block\n\n"
        "Photo: Eastern Wire\n\n" P2 "\n\n" P3 "\n\nSource: Southern Front Agency\n");
    expect(doc, 2, 0, "caption");
    expect(doc, 3, 1, "credit");
    expect(doc, 6, 1, "credit");
    json_decref(doc);
    /* A long caption between a slide counter and its credit, inside the story: both its
       neighbours are furniture, and it is the story's all the same. */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\n1 of 8\n\nA volunteer hands a blanket "
                    "to a pensioner outside the damaged school on Saturday morning\n\n"
                    "(Image: Eastern Wire)\n\n" P3 "\n\n" P4 "\n");
    expect(doc, 3, 1, "nav");
    expect(doc, 4, 0, "caption");
    expect(doc, 5, 1, "credit");
    json_decref(doc);
}
END_TEST

START_TEST(an_interview_after_a_share_line_is_the_story)
{
    /* A review, a share line, then an interview: questions between long answers do not
       part them, so the answers are confirmed story and the share line ends nothing. */
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nListen on: Spotify \xC2\xB7 "
                            "Bandcamp\n\nWhy did you go back to the city?\n\n" P3
                            "\n\nWhat comes next?\n\n" P4 "\n\nShare: Facebook \xC2\xB7 Email\n");
    expect(doc, 3, 1, "share");
    ck_assert(json_is_false(json_object_get(attrs_of(doc, 4), "boilerplate")));
    expect(doc, 5, 0, "story");
    ck_assert(json_is_false(json_object_get(attrs_of(doc, 6), "boilerplate")));
    expect(doc, 7, 0, "story");
    expect(doc, 8, 1, "share");
    json_decref(doc);
}
END_TEST

START_TEST(a_letters_page_keeps_its_last_sign_off)
{
    /* Each letter signed with a name and a town: the signatures between letters are the
       story's by their neighbours, and so is the last, above the page's list. A name and
       a town after a story with no signed letter before it is left to the rules. */
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\nRashad Guliyev, Glasgow\n\n" P2
                            "\n\nHamish Ferguson, Paisley\n\nMore from Opinion\n\n"
                            "Another round of town-centre pledges will not fill the shops...\n");
    expect(doc, 2, 0, "context");
    expect(doc, 4, 0, "context");
    ck_assert(json_is_true(json_object_get(attrs_of(doc, 5), "boilerplate")));
    json_decref(doc);
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nHamish Ferguson, Paisley\n\nMore "
                    "from Opinion\n\nAnother round of town-centre pledges will not fill the "
                    "shops...\n");
    ck_assert(json_is_true(json_object_get(attrs_of(doc, 3), "boilerplate")));
    json_decref(doc);
}
END_TEST

START_TEST(letters_under_their_heading_are_the_story)
{
    /* A column, its author box, a "Related" box, then the page's letters under their
       heading: the heading and the submission rules are furniture, each letter's title,
       paragraph and sign-off the story's, however far below the column's end. The author
       box over the page's lists is furniture. */
    const char *column = HEADLINE "\n\n" P1 "\n\n" P2 "\n\nMarta Siryk is a columnist who "
                                  "writes on foreign affairs every Saturday.\n\nRelated\n\n"
                                  "Evacuation trains leave Pokrovsk district with the last "
                                  "families\n\n";
    const char *letters = "Heating the schools first\n\n" P3 "\n\nRashad Guliyev, Glasgow\n\n"
                          "A winter to stay for\n\n" P4 "\n\nHamish Ferguson, Paisley\n\n"
                          "Most read\n\nAnother round of town-centre pledges will not fill the "
                          "shops...\n";
    char text[4096];
    snprintf(text, sizeof text,
             "%sLetters to the Editor\n\nLetters should be sent to "
             "letters@standard.example and must include a full address.\n\n%s",
             column, letters);
    json_t *doc = run(NULL, text);
    expect(doc, 3, 1, "byline");
    expect(doc, 4, 1, "list-heading");
    expect(doc, 6, 1, "list-heading");
    expect(doc, 7, 1, "meta-line");
    for (size_t b = 8; b <= 13; b++)
        ck_assert_msg(json_is_false(json_object_get(attrs_of(doc, b), "boilerplate")),
                      "block %zu is furniture", b);
    expect(doc, 14, 1, "list-heading");
    json_decref(doc);
    /* Without the heading, the same paragraphs under the "Related" box are past the
       story's end. */
    snprintf(text, sizeof text, "%s%s", column, letters);
    doc = run(NULL, text);
    ck_assert(json_is_true(json_object_get(attrs_of(doc, 7), "boilerplate")));
    ck_assert(json_is_true(json_object_get(attrs_of(doc, 10), "boilerplate")));
    json_decref(doc);
    /* An author box in the standfirst's place, over the byline, is no author box. */
    doc = run(NULL, HEADLINE "\n\nMarta Siryk is a columnist who spent a decade collecting the "
                             "letters of the families who stayed.\n\nBy Olha Koval\n\n" P1 "\n\n" P2
                             "\n");
    ck_assert(json_is_false(json_object_get(attrs_of(doc, 1), "boilerplate")));
    json_decref(doc);
}
END_TEST

START_TEST(a_listicle_goes_on_past_a_sponsored_item)
{
    /* A sponsored item set between two items of a listicle (whose paragraphs, each under
       its heading and over its practical line, rarely pair): the label and the item are
       furniture, the next numbered item and its paragraph the story's. */
    json_t *doc =
        run(NULL, HEADLINE "\n\n" P1 "\n\n1. Walk the old harbour at dawn\n\n" P2
                           "\n\nOpen daily from nine.\n\nSponsored\n\nStay at the Harbour Suites: "
                           "restored rooms from $90 a night, breakfast included.\n\n2. Ride the "
                           "funicular up the hill\n\n" P3 "\n\nOpen daily from nine, in summer "
                           "till late.\n\n3. Eat at the night market\n\n" P4
                           "\n\nThe stalls open at dusk and "
                           "most of them have sold out by ten, so it is worth arriving early and "
                           "bringing cash.\n");
    expect(doc, 5, 1, "sponsor-slot");
    expect(doc, 6, 1, "sponsor-slot");
    ck_assert(json_is_false(json_object_get(attrs_of(doc, 7), "boilerplate")));
    expect(doc, 8, 0, "story");
    json_decref(doc);
    /* After the story has ended (a share line), a numbered line under a sponsor heading
       is one more sponsored item. */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nShare on Facebook \xC2\xB7 Share on X\n\n"
                             "Sponsored\n\nStay at the Harbour Suites: restored rooms from $90 a "
                             "night.\n\n2. Ride the funicular up the hill\n\n" P3 "\n\n" P4 "\n");
    ck_assert(json_is_true(json_object_get(attrs_of(doc, 6), "boilerplate")));
    ck_assert(json_is_true(json_object_get(attrs_of(doc, 7), "boilerplate")));
    json_decref(doc);
    /* A numbered heading of names under an advertisement, over its paragraph, is the
       item's heading; the same names without the number are a row of links. */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\n- Advertisement -\n\n9. Wander Little "
                             "India\n\n" P3 "\n\n" P4 "\n");
    expect(doc, 4, 0, "subheading");
    json_decref(doc);
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\n- Advertisement -\n\nWander Little "
                             "India\n\n" P3 "\n\n" P4 "\n");
    expect(doc, 4, 1, "short-link-like");
    json_decref(doc);
}
END_TEST

START_TEST(the_story_resumes_past_a_sponsored_item_with_a_run_of_sentences)
{
    /* A podcast page: a sponsor's read set in the show notes, then the transcript, its
       turns short sentences that rarely pair.  Three sentences in a row past the item
       resume the story, and the title above them, past a note that ends nothing, is the
       crosshead it resumes under. */
    const char *top = HEADLINE "\n\n" P1 "\n\n" P2 "\n\nSponsored\n\nThis episode is supported "
                               "by Harbour Suites, restored rooms from $90 a night.\n\nPartial "
                               "transcript\n\nThis transcript was generated automatically and "
                               "lightly edited.\n\nMel: Okay, we are recording now.\n\nDougal: "
                               "Three. I'm not ashamed of it.\n\n";
    char text[4096];
    snprintf(text, sizeof text, "%sMel: Welcome to the show, and thank you.\n\n" P3 "\n\n" P4 "\n",
             top);
    json_t *doc = run(NULL, text);
    expect(doc, 3, 1, "sponsor-slot");
    expect(doc, 4, 1, "sponsor-slot");
    expect(doc, 5, 0, "subheading");
    expect(doc, 6, 1, "meta-line");
    expect(doc, 7, 0, "story");
    expect(doc, 8, 0, "story");
    expect(doc, 9, 0, "story");
    json_decref(doc);
    /* Two sentences and a title before the next paragraph are no run: the box still
       runs to that paragraph. */
    snprintf(text, sizeof text, "%sWelcome banner\n\n" P3 "\n\n" P4 "\n", top);
    doc = run(NULL, text);
    expect(doc, 5, 1, "sponsor-slot");
    expect(doc, 7, 1, "sponsor-slot");
    expect(doc, 8, 1, "sponsor-slot");
    json_decref(doc);
}
END_TEST

START_TEST(a_press_release_closing_notes_are_furniture)
{
    /* A press release's safe-harbour paragraph and its press contact, however
       sentence-like, are the release's furniture; the same words opening a sentence of
       the story are not a label. */
    json_t *doc =
        run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nForward-Looking Statements: This "
                           "release contains forward-looking statements that involve risks and "
                           "uncertainties.\n\nMedia Contact:\nFaith Ouma, Communications Lead\n"
                           "press@example.com\n");
    expect(doc, 3, 1, "legal");
    expect(doc, 4, 1, "credit");
    json_decref(doc);
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\nForward-looking statements from the central bank "
                             "surprised the markets on Tuesday.\n\n" P2 "\n");
    expect(doc, 2, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(a_caption_with_its_credit_in_brackets_ends_a_sentence)
{
    /* Gallery captions between slide counters, each with its credit in brackets after
       its last full stop, are the story's; a bracket that is no credit leaves the
       block unfinished, for its neighbours to decide. */
    json_t *doc =
        run(NULL, HEADLINE "\n\n" P2 "\n\n1 of 3\n\nSoldiers patrol an empty street in Teorama. "
                           "(Photo: Valentina Quintero / Andes Ledger)\n\n2 of 3\n\n" P1
                           "\n\n3 of 3\n\nVolunteers unload water at the gates. (Photo: Mateo "
                           "Ibarguen / Frontera Press)\n\nReplay gallery\n");
    expect(doc, 3, 0, "story");
    expect(doc, 7, 0, "story");
    json_decref(doc);
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nSoldiers patrol an empty street. (Map "
                             "below: Teorama)\n\n" P3 "\n");
    expect(doc, 3, 0, "context");
    json_decref(doc);
}
END_TEST

START_TEST(join_and_forwarded_lines_are_furniture)
{
    /* "Join" a channel on a social network is a follow line; a newsletter forwarded by
       a reader and a podcast's call for ratings are subscribe lines.  Joining without a
       network named is the story's. */
    json_t *doc =
        run(NULL, HEADLINE "\n\n" P1 "\n\nJoin our WhatsApp channel for breaking "
                           "news\n\n" P2 "\n\n" P3 "\n\nForwarded this? Sign up for the "
                           "Morning Brief, free, every weekday.\n\nRate and review the show "
                           "wherever you listen.\n");
    expect(doc, 2, 1, "share");
    expect(doc, 5, 1, "subscribe");
    expect(doc, 6, 1, "subscribe");
    json_decref(doc);
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\nJoin the queue at the town hall\n\n" P2 "\n");
    expect(doc, 2, 0, "context");
    json_decref(doc);
    /* a newsletter issue shown as a web page: its browser link, its contents box, its
       sponsor line, its reply and membership lines and its mailing footer */
    doc = run(NULL, "View this email in your browser\n\n" HEADLINE "\n\nIn this issue:\n1. The "
                    "road north\n2. Bread prices\n\n" P1 "\n\n" P2 "\n\nThis week's issue is "
                    "supported by Harbour Books\n\n" P3 "\n\nReply to this email with questions "
                    "or tips.\n\nBecome a supporting member: five pounds a month keeps this "
                    "letter free.\n\nYou are receiving this email because you signed up on our "
                    "website. Update your preferences or unsubscribe.\n");
    expect(doc, 0, 1, "nav");
    expect(doc, 2, 1, "nav");
    expect(doc, 5, 1, "sponsor-slot");
    expect(doc, 7, 1, "subscribe");
    expect(doc, 8, 1, "subscribe");
    expect(doc, 9, 1, "legal");
    json_decref(doc);
    /* a fact-check's rating scale and the list of its sources under their heading */
    doc = run(NULL,
              HEADLINE "\n\n" P1 "\n\nHow we rate claims: TRUE \xC2\xB7 MISLEADING \xC2\xB7 "
                       "FALSE\n\n" P2 "\n\n" P3 "\n\nSources\n\nCentral Bank, instruction 2,219 of "
                       "2024; Finance Ministry, note of 15 January 2025; interviews with two tax "
                       "lawyers.\n");
    expect(doc, 2, 1, "meta-line");
    expect(doc, 5, 1, "list-heading");
    ck_assert(json_is_true(json_object_get(attrs_of(doc, 6), "boilerplate")));
    json_decref(doc);
    /* a press release's notes to editors and the "About" paragraphs under them */
    doc = run(NULL, HEADLINE
              "\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nNOTES TO EDITORS\n\nAbout the "
              "Safe Field Foundation: the foundation is a non-governmental organisation "
              "founded in 2022 and accredited for humanitarian mine clearance.\n\nAbout the "
              "Nordic Land Release Fund: the fund supports mine clearance in countries "
              "affected by conflict.\n");
    expect(doc, 4, 1, "list-heading");
    ck_assert(json_is_true(json_object_get(attrs_of(doc, 5), "boilerplate")));
    ck_assert(json_is_true(json_object_get(attrs_of(doc, 6), "boilerplate")));
    json_decref(doc);
    /* a count of comments: under the byline a link (the headline stays the headline),
       after the story the heading of readers' comments, however well written */
    doc = run(NULL, HEADLINE "\n\nBy Hana Lindgren\n\n41 comments\n\n" P1 "\n\n" P2 "\n\n" P3
                             "\n\n9 COMMENTS\n\nJulie Tremblay \xC2\xB7 October 9\nWent last week. "
                             "The pea soup alone is worth the trip. Good for him.\n\nVerdunFoodie "
                             "\xC2\xB7 October 10\nI was one of the unpaid suppliers. I would like "
                             "to see the money first.\n");
    expect(doc, 0, 0, "headline");
    expect(doc, 2, 1, "comment-prompt");
    expect(doc, 6, 1, "comment-prompt");
    ck_assert(json_is_true(json_object_get(attrs_of(doc, 7), "boilerplate")));
    ck_assert(json_is_true(json_object_get(attrs_of(doc, 8), "boilerplate")));
    json_decref(doc);
}
END_TEST

START_TEST(notes_under_the_story_are_furniture)
{
    /* a health page's disclaimer, a letters page's invitation, a grant's credit, a
       guest's disclosure and a gallery's prompt under the story */
    json_t *doc = run(NULL, HEADLINE
                      "\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nThis article is for information "
                      "only and does not replace advice from your doctor.\n\nThe Herald welcomes "
                      "replies. Letters of up to 300 words may be sent to our letters desk.\n\n"
                      "Reporting for this story was supported by a regional radio network.\n\nThe "
                      "writer joined the tour as a paying guest.\n\nEnjoy more photos below!\n");
    expect(doc, 4, 1, "meta-line");
    expect(doc, 5, 1, "meta-line");
    expect(doc, 6, 1, "credit");
    expect(doc, 7, 1, "credit");
    expect(doc, 8, 1, "meta-line");
    json_decref(doc);
    /* a call for readers' results and problems, an author's note, a medical disclaimer */
    doc = run(NULL, HEADLINE
              "\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nHave a result, a photo or a club "
              "notice? Email the desk by Sunday and we'll include it.\n\nAbout the writer: "
              "Fergal Durkan has covered club games in Mayo for twenty years.\n\nThis "
              "article is general information and is not a substitute for medical "
              "advice.\n");
    expect(doc, 4, 1, "meta-line");
    expect(doc, 5, 1, "byline");
    expect(doc, 6, 1, "meta-line");
    json_decref(doc);
    /* a Turkish site's byline and date line under the headline */
    doc = run(NULL, HEADLINE
              "\n\nHaber Merkezi / Hatay \xC2\xB7 Elif Kara\n\nYay\xC4\xB1nlanma: "
              "09.01.2025 08:47 \xC2\xB7 G\xC3\xBCncelleme: 09.01.2025 12:15 \xC2\xB7 Okuma "
              "s\xC3\xBCresi: 6 dk\n\n" P1 "\n\n" P2 "\n\n" P3 "\n");
    expect(doc, 0, 0, "headline");
    expect(doc, 1, 1, "byline");
    expect(doc, 2, 1, "date-line");
    json_decref(doc);
    /* an appeal opening with a sentence of its own, a writer's box by what she covers, an
       editorial's terms, a notices desk's, a helpline after an essay, a court page's legal
       line and a theatre's box office */
    doc = run(NULL, HEADLINE
              "\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nMara Lindqvist covers schools and "
              "housing for the Valley Courier.\n\nReporting from the coast costs money. If "
              "this mattered to you, support our journalism with a small monthly gift.\n\n"
              "Editorials represent the view of the editorial board.\n\nNotices are placed by "
              "families and printed as sent.\n\nIf this essay has raised difficult feelings, "
              "help is there.\n\nCourt reports here are published in accordance with the "
              "law on contempt.\n\nBox office: 0161 000 000. Tickets from 12 pounds.\n");
    expect(doc, 4, 1, "byline");
    expect(doc, 5, 1, "subscribe");
    expect(doc, 6, 1, "meta-line");
    expect(doc, 7, 1, "meta-line");
    expect(doc, 8, 1, "meta-line");
    expect(doc, 9, 1, "legal");
    expect(doc, 10, 1, "meta-line");
    json_decref(doc);
    /* a guide's, a reviews site's and an advice column's terms, a typo prompt, a meter */
    doc = run(NULL, HEADLINE
              "\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nOpening hours change often, so please "
              "check before you travel.\n\nHow we test: we buy every kettle we review.\n\n"
              "Answers are for general guidance only.\n\nSpotted a typo? Select it and press "
              "Ctrl+Enter.\n\nThis story is free. Register to read three more a month.\n");
    expect(doc, 4, 1, "meta-line");
    expect(doc, 5, 1, "meta-line");
    expect(doc, 6, 1, "meta-line");
    expect(doc, 7, 1, "meta-line");
    expect(doc, 8, 1, "subscribe");
    json_decref(doc);
    /* a sponsor's line, a helpline's prompt, an appeal and a game viewer's bar */
    doc = run(NULL, HEADLINE
              "\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\nIn Association With Harbour Credit "
              "Union\n\nNeed to talk? Our nurses are on the free helpline every weekday."
              "\n\nOur reporters work under real risk. Support our work \xE2\x86\x92\n\n"
              "Game viewer: round 6 | Flip board | Download PGN\n");
    expect(doc, 4, 1, "sponsor-slot");
    expect(doc, 5, 1, "meta-line");
    expect(doc, 6, 1, "subscribe");
    expect(doc, 7, 1, "meta-line");
    json_decref(doc);
    /* a portal's furniture in other languages: a bar of counters with a share word, a
       "read also" link, an advertisement's label, a photo credit and a reporter's line */
    doc = run(NULL, HEADLINE
              "\n\n\xF0\x9F\x92\xAC 128 komentarzy \xC2\xB7 \xE2\x86\x97 Udost\xC4\x99pnij "
              "1,4 tys. \xC2\xB7 Zapisz\n\n" P1 "\n\nBaca juga: Ferry fares rise again on the island route"
              "\n\n" P2 "\n\nAnnonse\n\n" P3 "\n\nFot. Dmytro Savchuk\n\nReporter: Ana "
              "Lind \xC2\xB7 Updated 14.02.2026\n");
    expect(doc, 1, 1, "share");
    expect(doc, 3, 1, "list-heading");
    expect(doc, 5, 1, "sponsor-slot");
    expect(doc, 7, 1, "credit");
    expect(doc, 8, 1, "byline");
    json_decref(doc);
    /* a review's warnings and terms, a helpline, an invitation to write, a trial offer */
    doc = run(NULL, HEADLINE
              "\n\nSPOILER WARNING: this review discusses the ending in full.\n\n" P1
              "\n\n" P2 "\n\n" P3 "\n\nWHERE TO WATCH: all six episodes are streaming now."
              "\n\nNeed help? The helpline is open all day on 0800 000 000.\n\nWant to write "
              "for us? Find out how.\n\nFull judgment for subscribers. Start a free trial.\n");
    expect(doc, 1, 1, "meta-line");
    expect(doc, 5, 1, "meta-line");
    expect(doc, 6, 1, "meta-line");
    expect(doc, 7, 1, "meta-line");
    expect(doc, 8, 1, "subscribe");
    json_decref(doc);
    /* a key-findings box's heading, a reference line, a correction prompt, a promotion */
    doc = run(NULL, HEADLINE
              "\n\nPhotographs and text by Ana Ruiz \xC2\xB7 3 November 2025\n\n" P1
              "\n\nKey findings\n\n" P2 "\n\n" P3 "\n\nReference: A. Rossi et al., "
              "Journal of Glaciology, 2025.\n\nDid we get something wrong? Report an error."
              "\n\nPromo \xC2\xB7 A roastery in town delivers on Fridays.\n");
    expect(doc, 1, 1, "credit");
    expect(doc, 3, 1, "list-heading");
    expect(doc, 6, 1, "credit");
    expect(doc, 7, 1, "meta-line");
    expect(doc, 8, 1, "sponsor-slot");
    json_decref(doc);
    /* a player's prompt under the headline, a partner's booking link, a promotion code,
       and comments headed by when they were posted, alone or over their text */
    doc = run(NULL, HEADLINE
              "\n\nListen to this review (6:48)\n\n" P1 "\n\nReserve a table with our "
              "partner BookTable\n\n" P2 "\n\nSummer linen, 20% off with code LOOM20\n\n" P3
              "\n\nMariko Sato \xC2\xB7 6 days ago\n\nPete Lindgren \xC2\xB7 4 days ago\n"
              "Lovely piece, thank you for writing it.\n");
    expect(doc, 1, 1, "nav");
    expect(doc, 3, 1, "sponsor-slot");
    expect(doc, 5, 1, "sponsor-slot");
    expect(doc, 7, 1, "date-line");
    expect(doc, 8, 1, "date-line");
    json_decref(doc);
}
END_TEST

START_TEST(a_round_up_of_places_with_prices_is_the_story)
{
    /* A listicle: numbered headings, one paragraph each, and a practical line with an
       address and a price. The lines with separators are no menu, and no two paragraphs
       are adjacent, yet together they are the story (its first heading and its last line
       are left to the page's edges). */
    json_t *doc = run(NULL, "Home \xC2\xB7 Food \xC2\xB7 Travel\n\n" HEADLINE "\n\n1. Kafe Bilge, "
                            "Moda\n\n" P1 "\n\nModa Caddesi, Kad\xC4\xB1k\xC3\xB6y \xC2\xB7 about "
                            "\xE2\x82\xBA" "2,600 \xC2\xB7 walk-ins only\n\n2. Nane, Balat\n\n" P2
                            "\n\nVodina Caddesi, Balat \xC2\xB7 about \xE2\x82\xBA" "600 \xC2\xB7 "
                            "lunch only\n\n3. Otsu, Cihangir\n\n" P3 "\n\nS\xC4\xB1raselviler, "
                            "Cihangir \xC2\xB7 \xE2\x82\xAC" "40 \xC2\xB7 closed Mondays\n");
    expect(doc, 0, 1, "menu");
    for (size_t b = 3; b <= 9; b++)
        ck_assert_msg(json_is_false(json_object_get(attrs_of(doc, b), "boilerplate")),
                      "block %zu is furniture", b);
    json_decref(doc);
}
END_TEST

START_TEST(byline)
{
    json_t *doc = run(NULL, HEADLINE "\n\nBy Marta Siryk, Kharkiv\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 0, 0, "headline");
    expect(doc, 1, 1, "byline");
    json_decref(doc);
    /* "By" opening a sentence of the story is not a byline. */
    doc = run(NULL, HEADLINE
              "\n\n" P1 "\n\nBy Monday, the residents of the block had swept the glass from the "
              "stairwells and covered the broken windows with plastic sheeting.\n\n" P2 "\n");
    expect(doc, 2, 0, "story");
    json_decref(doc);
    /* A name and a title under the headline, without "By". */
    doc = run(NULL,
              "News › World\n\n" HEADLINE "\n\nJane Doe, Kyiv correspondent\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 1, "byline");
    json_decref(doc);
    /* A byline with the date line under it, in one block: too long for either rule
       alone, but each line is furniture. */
    doc = run(NULL, HEADLINE "\n\nBy Jenna Kowalczyk | jkowalczyk@courier.example\n"
                             "Published 9:12 p.m. MT Aug. 14, 2025 | Updated 11:48 p.m. MT Aug. "
                             "14, 2025\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 1, 1, "byline");
    json_decref(doc);
    /* Names (and a role) and a date between separators, without "By". */
    doc = run(NULL, HEADLINE "\n\nMariia Stepanenko and Ivan Rudyk \xC2\xB7 14 October 2024\n\n"
                             "Jess Whitcombe, Senior Beauty Writer \xC2\xB7 Updated 12 November "
                             "2025\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 1, 1, "byline");
    expect(doc, 2, 1, "byline");
    json_decref(doc);
    /* Names with a newsroom role or a labelled credit between separators; the headline and
       standfirst above them are the article's. */
    doc = run(NULL, "Food \xE2\x80\xBA Wine\n\n" HEADLINE "\n\n" P1 "\n\nFergus Hallam \xC2\xB7 "
                    "Wine columnist\n\nInterview: Jonas Weidemann \xC2\xB7 Photos: Mariia Kozak\n\n"
                    P2 "\n\n" P3 "\n");
    expect(doc, 1, 0, "headline");
    expect(doc, 3, 1, "byline");
    expect(doc, 4, 1, "byline");
    json_decref(doc);
}
END_TEST

START_TEST(a_sentence_that_opens_like_a_byline_is_story)
{
    json_t *doc = run(NULL, HEADLINE "\n\nBy our correspondent\n\n" P1
                            "\n\nOur correspondent spent the weekend with a drone unit west of the "
                            "city. The soldiers asked to be named by their call signs.\n\n" P2 "\n");
    expect(doc, 1, 1, "byline");
    expect(doc, 3, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(date_line)
{
    json_t *doc =
        run(NULL, HEADLINE "\n\nPublished 14 March · 07:55 · Updated 11:20\n\n" P1 "\n\n" P2
                           "\n\nPublié le 12 février 2025 à 06h00, mis à jour à 09h12\n");
    expect(doc, 1, 1, "date-line");
    expect(doc, 4, 1, "date-line");
    json_decref(doc);
}
END_TEST

START_TEST(meta_line)
{
    json_t *doc = run(NULL, HEADLINE "\n\nRating: 4 stars\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 1, 1, "meta-line");
    json_decref(doc);
}
END_TEST

START_TEST(share_and_follow_lines)
{
    json_t *doc =
        run(NULL, HEADLINE "\n\nShare this article: Facebook · X · Telegram\n\n" P1 "\n\n" P2
                           "\n\nFollow Style on Instagram\n\nFacebook Instagram TikTok\n");
    expect(doc, 1, 1, "share");
    expect(doc, 4, 1, "share");
    expect(doc, 5, 1, "share");
    json_decref(doc);
    /* streaming links under a review are a share line, not a byline of three names */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nListen on: Spotify \xC2\xB7 Apple Music \xC2\xB7 "
                             "Bandcamp\n");
    expect(doc, 3, 1, "share");
    json_decref(doc);
    /* A story paragraph that starts with "Share" stays story. */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\nShare prices of the city's power company fell sharply "
                             "on Monday after the strike on the heating plant.\n\n" P2 "\n");
    expect(doc, 2, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(subscribe_line)
{
    json_t *doc =
        run(NULL, HEADLINE "\n\n" P1 "\n\n" P2
                           "\n\nGet the best of the week in your inbox every Sunday.\n\nEnter your "
                           "email\n\nSubscribe\n");
    expect(doc, 3, 1, "subscribe");
    expect(doc, 4, 1, "subscribe");
    expect(doc, 5, 1, "subscribe");
    json_decref(doc);
}
END_TEST

START_TEST(cookie_notice)
{
    json_t *doc = run(NULL, "We use cookies to improve your experience on our site. Accept all | "
                            "Manage preferences\n\n" HEADLINE "\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 0, 1, "cookie-notice");
    expect(doc, 1, 0, "headline");
    json_decref(doc);
}
END_TEST

START_TEST(tag_list)
{
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nTags: Kharkiv, shelters, winter\n");
    expect(doc, 3, 1, "tag-list");
    json_decref(doc);
}
END_TEST

START_TEST(copyright_and_legal_lines)
{
    json_t *doc =
        run(NULL, HEADLINE "\n\n" P1 "\n\n" P2
                           "\n\n© 2025 Kharkiv Daily Press. All rights reserved.\n\nPrivacy "
                           "policy\n\nCopyright 2025 Harbour Street Financial\n");
    expect(doc, 3, 1, "copyright");
    expect(doc, 4, 1, "legal");
    expect(doc, 5, 1, "copyright");
    json_decref(doc);
}
END_TEST

START_TEST(comment_prompt)
{
    /* A full sentence after the story: story text but for the phrase. */
    json_t *doc =
        run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nComments are closed for this article.\n");
    expect(doc, 3, 1, "comment-prompt");
    json_decref(doc);
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2
                             "\n\nComments have been disabled on this article for legal reasons.\n"
                             "\nThis story will be updated.\n");
    expect(doc, 3, 1, "comment-prompt");
    expect(doc, 4, 1, "meta-line");
    json_decref(doc);
}
END_TEST

START_TEST(teaser_cut_off)
{
    json_t *doc =
        run(NULL, HEADLINE
            "\n\n" P1 "\n\nThe mayor said the repairs to the depot would take a month and that the "
            "trams on the other lines would be running by...\n\n" P2
            "\n\nThe gong sounds once, and forty strangers lying on yoga mats…\n");
    expect(doc, 2, 1, "teaser");
    expect(doc, 3, 0, "story");
    expect(doc, 4, 1, "teaser");
    json_decref(doc);
}
END_TEST

START_TEST(all_caps_label)
{
    /* Without the rule, two words would be "short". */
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nWATCH LIVE\n");
    expect(doc, 3, 1, "all-caps");
    json_decref(doc);
}
END_TEST

START_TEST(short_link_like)
{
    /* Without the rule, four words without a full stop would be a teaser title. */
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nKharkiv Daily Press Newsroom\n");
    expect(doc, 3, 1, "short-link-like");
    json_decref(doc);
    /* The share of capitalised words is an option: with 1.0, three of four is not enough. */
    doc = run("\"max_link_density\": 1.0",
              HEADLINE "\n\n" P1 "\n\n" P2 "\n\nKharkiv Daily Press newsroom\n");
    expect(doc, 3, 1, "teaser");
    json_decref(doc);
}
END_TEST

/* The reason a one-block line gets between two story paragraphs. */
/* The reason given for line as the third block of a page, by pipeline p. */
static char *reason_of_line_in(const galley_pipeline *p, const char *line)
{
    char text[4096];
    snprintf(text, sizeof text, "%s\n\n%s\n\n%s\n\n%s\n", HEADLINE, P1, line, P2);
    galley_error err;
    json_t *doc = t_run_text(p, text, &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    const char *why = json_string_value(json_object_get(attrs_of(doc, 2), "boilerplate_reason"));
    char *copy = strdup(why ? why : "");
    json_decref(doc);
    return copy;
}

START_TEST(a_digit_anywhere_in_a_word_makes_it_a_date)
{
    /* "06h00", "Q3", "Nov21": a word with a digit counts as a date wherever the digit
       sits after its first letter, in words of 2 to 20 bytes (the short ones are read 16
       bytes wide).  One pipeline for the 230 pages: loading one for each took seconds
       under the sanitizers. */
    galley_pipeline *p = bp_pipeline(NULL);
    for (size_t length = 2; length <= 20; length++)
        for (size_t at = 1; at < length; at++) {
            char word[32];
            memset(word, 'q', length);
            word[0] = 'Q';
            word[at] = (char)('0' + at % 10);
            word[length] = '\0';
            char *why = reason_of_line_in(p, word);
            ck_assert_msg(strcmp(why, "date-line") == 0, "%s: %s", word, why);
            free(why);
        }
    /* A word without a digit is no date, even when the next token is a number: what
       follows a short word's fold is not read as part of it. */
    for (size_t length = 1; length <= 20; length++) {
        char line[64];
        memset(line, 'q', length);
        line[0] = 'Q';
        snprintf(line + length, sizeof line - length, " 12");
        char *why = reason_of_line_in(p, line);
        ck_assert_msg(strcmp(why, "date-line") != 0, "%s: %s", line, why);
        free(why);
    }
    galley_pipeline_free(p);
}
END_TEST

START_TEST(repetition)
{
    const char *text = HEADLINE "\n\n" P1 "\n\nTen autumn coats that will outlast the season\n\n" P2
                                "\n\n" P3 "\n\nMost Popular\n\nTen autumn coats that will outlast "
                                "the season\n";
    json_t *doc = run(NULL, text);
    expect(doc, 2, 1, "repeat");
    json_decref(doc);
    /* Off: the title between two paragraphs follows its neighbours. */
    doc = run("\"repetition\": false", text);
    expect(doc, 2, 0, "context");
    json_decref(doc);
}
END_TEST

START_TEST(repetition_on_a_long_page)
{
    /* More short blocks than the plugin sorts by insertion (64): the same title is
       still found twice, with seventy teaser titles between its two printings. */
    char text[16384];
    int used = snprintf(text, sizeof text, "%s",
                        HEADLINE "\n\n" P1 "\n\nTen autumn coats that will outlast the season"
                                 "\n\n" P2 "\n\n" P3 "\n\nMost Popular\n\n");
    for (int i = 0; i < 70; i++)
        used += snprintf(text + used, sizeof text - (size_t)used,
                         "Teaser number %d about the week in pictures\n\n", i);
    snprintf(text + used, sizeof text - (size_t)used,
             "Ten autumn coats that will outlast the season\n");
    json_t *doc = run(NULL, text);
    expect(doc, 2, 1, "repeat");
    json_decref(doc);
}
END_TEST

START_TEST(long_blocks_are_sampled_but_rules_still_apply)
{
    /* More than 32 tokens: a cookie notice whose phrase comes early, and a
     * row of separated items that is read in full. */
    json_t *doc = run(NULL, "This site uses cookies to give you the best experience, to show you "
                            "relevant ads and to measure how the site is used, and some of them "
                            "are set by our partners. Accept all | Manage preferences\n\n" HEADLINE
                            "\n\n" P1 "\n\n" P2 "\n\nNews | World | Europe | Ukraine | Russia | "
                            "Business | Markets | Sport | Football | Tennis | Culture | Books | "
                            "Film | Music | Travel | Food | Podcasts | Newsletters | Archive\n");
    expect(doc, 0, 1, "cookie-notice");
    expect(doc, 1, 0, "headline");
    expect(doc, 4, 1, "menu");
    json_decref(doc);
}
END_TEST

START_TEST(numbers_and_marks_only)
{
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n* * *\n\n" P2 "\n\n2025\n");
    expect(doc, 2, 1, "no-words");
    expect(doc, 3, 0, "story");
    expect(doc, 4, 1, "numbers");
    json_decref(doc);
}
END_TEST

/* ---- story rules ----------------------------------------------------------- */

START_TEST(headline_standfirst_and_quote)
{
    json_t *doc =
        run(NULL, "News › Ukraine\n\n" HEADLINE
                  "\n\nThree people were hurt as drones struck the city overnight.\n\n"
                  "“The situation is getting worse every day.”\n\n" P1 "\n\n" P2
                  "\n\n“Every night the ring closes a little more.”\n\n" P3 "\n\n" P4 "\n");
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 0, "standfirst");
    expect(doc, 3, 0, "quote");
    expect(doc, 6, 0, "quote");
    json_decref(doc);
}
END_TEST

START_TEST(headline_over_a_standfirst_without_full_stop)
{
    json_t *doc = run(NULL, "News › Ukraine\n\nRussian drone strike on Odesa port kills two dock "
                            "workers\n\nAttack on grain terminal comes hours after Kyiv and Ankara "
                            "agreed to expand shipping guarantees\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 0, "standfirst");
    json_decref(doc);
}
END_TEST

START_TEST(page_start_above_the_headline)
{
    /* Without the headline, two short lines between a nav link and a title
     * would follow their neighbours ("context"). */
    json_t *doc = run(NULL, "Skip to content\n\nPrint subscriptions\n\nUkraine\n\n" HEADLINE
                            "\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 1, 1, "page-start");
    expect(doc, 2, 1, "page-start");
    expect(doc, 3, 0, "headline");
    json_decref(doc);
}
END_TEST

START_TEST(wire_tool_lines_and_live_bylines_under_the_headline)
{
    /* A wire page's licensing link under the lead photo is the page's, so the headline is
       the title above the byline, not that link. */
    json_t *doc = run(NULL, "World  Business  Markets  Legal  More\n\n"
                            "A year after the ceasefire, the displaced count the villages they "
                            "cannot reach\n\nBy Rania Haddad\n\n"
                            "6 minute read \xC2\xB7 November 26, 2025 8:14 AM GMT+2\n\n"
                            "Purchase Licensing Rights, opens new tab\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 1, "byline");
    expect(doc, 4, 1, "share");
    json_decref(doc);
    /* "Live reporting by" signs a live page as "By" does */
    doc = run(NULL, HEADLINE "\n\nLive reporting by Olena Marchuk in Kyiv and Tom Aldridge\n\n" P1
                             "\n\n" P2 "\n");
    expect(doc, 0, 0, "headline");
    expect(doc, 1, 1, "byline");
    json_decref(doc);
}
END_TEST

START_TEST(short_paragraphs_make_a_story)
{
    json_t *doc =
        run(NULL, "HOME / NEWS / WORLD\n\nMissile hits Kyiv apartment block overnight\n\n"
                  "A missile struck a residential building in Kyiv overnight.\n\n"
                  "At least four people were hurt.\n\nRescuers worked through the night.\n\n"
                  "More on this story\n\nKyiv residents queue for water after strikes\n");
    expect(doc, 0, 1, "crumb");
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 0, "story");
    expect(doc, 4, 0, "story");
    expect(doc, 5, 1, "list-heading");
    expect(doc, 6, 1, "page-end");
    json_decref(doc);
}
END_TEST

START_TEST(language_without_stop_words)
{
    /* Indonesian is in no stop-word list: the density test is left out. */
    json_t *doc =
        run(NULL, "Berita › Dunia\n\nPetugas penyelamat menjangkau keluarga yang terjebak "
                  "di Kharkiv\n\nPetugas penyelamat bekerja sepanjang malam untuk menjangkau "
                  "keluarga yang terjebak di ruang bawah tanah gedung yang rusak, dan pada "
                  "pagi hari semua orang berhasil dikeluarkan dengan selamat.\n\nDewan kota "
                  "mengatakan akan membuka dua tempat penampungan lagi sebelum akhir pekan, "
                  "dan para relawan sudah mengumpulkan selimut dan air untuk warga yang "
                  "kehilangan rumah mereka.\n");
    expect(doc, 1, 0, "headline");
    json_decref(doc);
}
END_TEST

START_TEST(other_languages)
{
    json_t *doc = run(NULL, "Accueil · Monde · Europe · Culture\n\n" HEADLINE "\n\n" P1
                            "\n\nPublicité\n\n" P2 "\n\nPartager : Facebook · X\n\nÀ lire aussi\n\n"
                            "Поділитися\n\nЧитайте також\n\nTin liên quan\n");
    expect(doc, 0, 1, "menu");
    expect(doc, 3, 1, "sponsor-slot");
    expect(doc, 5, 1, "share");
    expect(doc, 6, 1, "list-heading");
    expect(doc, 7, 1, "share");
    expect(doc, 8, 1, "list-heading");
    expect(doc, 9, 1, "list-heading");
    json_decref(doc);
}
END_TEST

/* ---- the page stages and their options ----------------------------------- */

START_TEST(page_end_after_the_story)
{
    const char *text = HEADLINE "\n\n" P1 "\n\n" P2 "\n\nShare this article\n\nReaders can send "
                                "their questions to the desk at any time of the day.\n";
    json_t *doc = run(NULL, text);
    expect(doc, 3, 1, "share");
    expect(doc, 4, 1, "page-end");
    json_decref(doc);
    doc = run("\"page_end\": false", text);
    expect(doc, 4, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(story_after_a_credit_is_not_page_end)
{
    /* A photo credit under its caption sits between paragraphs: the closing
     * quote after it is story. */
    json_t *doc =
        run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nA wounded soldier rests on a "
                           "stretcher at a stabilisation point\n\nPhoto: Eastern Wire\n\n"
                           "“As long as it is feasible from the military point of view.”\n\n"
                           "Cre: Eastern Wire\n\nMost Popular\n\nTen autumn coats\n");
    expect(doc, 3, 0, "caption");
    expect(doc, 5, 0, "quote");
    expect(doc, 6, 1, "credit");
    expect(doc, 8, 1, "page-end");
    json_decref(doc);
    /* A credit under a paragraph signs the story off. */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nReporting by Pavel Polityuk; Editing by "
                             "Alison Williams\n\nThe desk answers questions from readers every Friday.\n");
    expect(doc, 3, 1, "credit");
    expect(doc, 4, 1, "page-end");
    json_decref(doc);
}
END_TEST

START_TEST(funding_note_and_author_box_after_the_story)
{
    /* A note on who paid for the reporting signs the story off, so the author box above
       it is below the story's end too. */
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2
                            "\n\nMarie Dupont is the Courier's Africa correspondent, based in "
                            "Dakar.\n\nThis reporting was supported by a grant from the Example "
                            "Fund for Journalism. The funder had no say over its content.\n");
    expect(doc, 3, 1, "byline");
    expect(doc, 4, 1, "credit");
    json_decref(doc);
    /* a travel disclosure, a funded post, a policy line and a call for readers' reports */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2
                    "\n\nKanokwan Thepsiri travelled to Nakhon Phanom as a guest of the tourism "
                    "authority.\n\nThis reporter's position is funded by the Local Journalism "
                    "Initiative.\n\nCourt reports are published in the public interest.\n\n"
                    "Got a match report or photos? Send them to us through the contact page.\n");
    expect(doc, 3, 1, "credit");
    expect(doc, 4, 1, "credit");
    expect(doc, 5, 1, "legal");
    expect(doc, 6, 1, "comment-prompt");
    json_decref(doc);
}
END_TEST

START_TEST(author_box_after_the_story)
{
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nOlha Koval is a culture writer "
                                     "based in Kyiv.\n\nTags: music, Kyiv\n");
    expect(doc, 3, 1, "byline");
    json_decref(doc);
    /* "reports" for the job */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nJonas Weidemann reports on Ukraine and "
                             "Eastern Europe for Meridian. He has travelled to the front lines "
                             "regularly since 2022.\n");
    expect(doc, 3, 1, "byline");
    json_decref(doc);
    /* and "writes" */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2 "\n\nMiriam Castellane writes about foreign "
                             "affairs every Thursday.\n");
    expect(doc, 3, 1, "byline");
    json_decref(doc);
    /* Inside the story, the same shape is a sentence about a source. */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\nMarta Siryk, a reporter for the local paper, was "
                             "among the residents who spent the night in the basement.\n\n" P2
                             "\n\n" P3 "\n");
    expect(doc, 2, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(smoothing)
{
    /* "Part 2" between paragraphs: ambiguous alone (a word or two over a paragraph is a
       subheading, but not with a figure), story by its neighbours */
    const char *story = HEADLINE "\n\n" P1 "\n\n" P2 "\n\nPart 2\n\n" P3 "\n\n" P4 "\n";
    const char *furniture = "Skip to content\n\nTravel\n\nSubscribe\n";
    json_t *doc = run(NULL, story);
    expect(doc, 3, 0, "context");
    json_decref(doc);
    doc = run(NULL, furniture);
    expect(doc, 1, 1, "context");
    json_decref(doc);
    doc = run("\"smoothing\": false", story);
    expect(doc, 3, 1, "short");
    json_decref(doc);
    doc = run("\"smoothing\": false", furniture);
    expect(doc, 1, 1, "short");
    json_decref(doc);
    /* A title between paragraphs without smoothing is a subheading. */
    doc = run("\"smoothing\": false", HEADLINE "\n\n" P1 "\n\nHow the night unfolded\n\n" P2 "\n");
    expect(doc, 2, 0, "subheading");
    json_decref(doc);
}
END_TEST

START_TEST(min_story_chars_option)
{
    /* Two paragraphs of 80-odd characters: story text only when the bar is lower. */
    const char *text = "Menu\n\nTitle of a very short report about the night\n\nA missile struck a "
                       "residential building in the city centre overnight, officials said.\n\n"
                       "Rescuers worked through the night and brought everyone out alive by "
                       "dawn.\n";
    json_t *doc = run(NULL, text);
    expect(doc, 1, 1, "teaser");
    json_decref(doc);
    doc = run("\"min_story_chars\": 60", text);
    expect(doc, 1, 0, "headline");
    json_decref(doc);
}
END_TEST

START_TEST(stopword_density_option)
{
    /* With an impossible density no paragraph is story text on its own. */
    const char *text = "News › World\n\n" HEADLINE "\n\n" P1 "\n\n" P2 "\n";
    json_t *doc = run("\"stopword_density\": 0.9", text);
    expect(doc, 1, 1, "teaser");
    expect(doc, 2, 0, "story");
    json_decref(doc);
    doc = run(NULL, text);
    expect(doc, 1, 0, "headline");
    json_decref(doc);
}
END_TEST

START_TEST(max_phrase_words_option)
{
    const char *text = HEADLINE "\n\n" P1 "\n\n" P2
                                "\n\nThe site uses cookies, the council said, and it asked readers "
                                "to report any problems with the shelter map.\n";
    json_t *doc = run(NULL, text);
    expect(doc, 3, 1, "cookie-notice");
    json_decref(doc);
    doc = run("\"max_phrase_words\": 10", text);
    expect(doc, 3, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(extra_furniture_list)
{
    const char *text = HEADLINE "\n\n" P1 "\n\n" P2 "\n\nThe Morning Ledger Daily\n\nLedger desk: "
                                "additional reporting\n";
    json_t *doc = run(NULL, text);
    expect(doc, 3, 1, "teaser");
    json_decref(doc);
    char options[1024];
    snprintf(options, sizeof options, "\"extra_furniture\": \"%s\"",
             t_source("tests/fixtures/boilerplate/newsroom.tsv"));
    doc = run(options, text);
    expect(doc, 3, 1, "subscribe");
    expect(doc, 4, 1, "credit");
    json_decref(doc);
}
END_TEST

/* ---- results and bad input ------------------------------------------------- */

START_TEST(results_add_up)
{
    json_t *doc = run(NULL, "News › Ukraine › Kharkiv\n\n" HEADLINE "\n\n" P1 "\n\n" P2
                            "\n\nShare this article\n");
    ck_assert_int_eq((int)result_number(doc, "content_blocks"), 3);
    ck_assert_int_eq((int)result_number(doc, "boilerplate_blocks"), 2);
    double fchars = result_number(doc, "boilerplate_chars"),
           cchars = result_number(doc, "content_chars");
    /* "News › Ukraine › Kharkiv" is 24 characters, "Share this article" 18. */
    ck_assert_int_eq((int)fchars, 24 + 18);
    ck_assert_double_eq_tol(result_number(doc, "ratio_chars"), fchars / (fchars + cchars), 1e-6);
    ck_assert_double_eq_tol(result_number(doc, "ratio_blocks"), 0.4, 1e-9);
    json_t *reasons = json_object_get(result_of(doc), "reasons");
    ck_assert_int_eq(json_integer_value(json_object_get(reasons, "crumb")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(reasons, "share")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(reasons, "headline")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(reasons, "story")), 2);
    json_decref(doc);
}
END_TEST

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

START_TEST(characters_are_counted_not_bytes)
{
    /* Blocks of two- to four-byte characters, short and long (over 4,080 bytes, where
       the count is added up in parts): the characters of all blocks, whichever side. */
    static const char piece[] = "Київ і Харків, café — 北京 👍 ";
    static const size_t repeats[] = {1, 2, 150, 400};
    for (size_t r = 0; r < sizeof repeats / sizeof repeats[0]; r++) {
        size_t size = repeats[r] * sizeof piece + 4096;
        char *para = malloc(size), *text = malloc(size + 4096);
        ck_assert_ptr_nonnull(para);
        ck_assert_ptr_nonnull(text);
        para[0] = '\0';
        for (size_t i = 0; i < repeats[r]; i++)
            strcat(para, piece);
        strcat(para, "end.");
        snprintf(text, size + 4096, "%s\n\n%s\n\n%s\n", HEADLINE, para, P2);
        json_t *doc = run(NULL, text);
        double all = result_number(doc, "content_chars") + result_number(doc, "boilerplate_chars");
        size_t expected = utf8_chars(HEADLINE) + utf8_chars(para) + utf8_chars(P2);
        ck_assert_msg((size_t)all == expected, "%zu repeats: %.0f characters, expected %zu",
                      repeats[r], all, expected);
        json_decref(doc);
        free(para);
        free(text);
    }
}
END_TEST

START_TEST(page_with_no_story)
{
    json_t *doc = run(NULL, "Skip to main content\n\nNews | Sport | Travel | Culture\n\nMost "
                            "Popular\n\nTen cheap city breaks for the spring\n\nFrom Porto to "
                            "Plovdiv, these cities offer great food...\n\n© 2025 The Morning "
                            "Ledger\n");
    for (size_t b = 0; b < 6; b++)
        ck_assert(json_is_true(json_object_get(attrs_of(doc, b), "boilerplate")));
    ck_assert_double_eq_tol(result_number(doc, "ratio_chars"), 1.0, 1e-9);
    ck_assert_double_eq_tol(result_number(doc, "ratio_blocks"), 1.0, 1e-9);
    ck_assert_int_eq((int)result_number(doc, "content_chars"), 0);
    json_decref(doc);
}
END_TEST

START_TEST(page_of_one_block)
{
    json_t *doc = run(NULL, P1 "\n");
    expect(doc, 0, 0, "story");
    ck_assert_double_eq_tol(result_number(doc, "ratio_chars"), 0.0, 1e-9);
    json_decref(doc);
    doc = run(NULL, "Subscribe\n");
    expect(doc, 0, 1, "subscribe");
    ck_assert_double_eq_tol(result_number(doc, "ratio_chars"), 1.0, 1e-9);
    json_decref(doc);
    doc = run(NULL, "Ukraine\n");
    expect(doc, 0, 1, "short");
    json_decref(doc);
}
END_TEST

START_TEST(page_of_marks_only)
{
    /* Blocks without a single word: no word counts to divide by. */
    json_t *doc = run(NULL, "***\n\n— · —\n\n🙂\n");
    for (size_t b = 0; b < 3; b++)
        expect(doc, b, 1, "no-words");
    ck_assert_double_eq_tol(result_number(doc, "ratio_chars"), 1.0, 1e-9);
    json_decref(doc);
}
END_TEST

START_TEST(no_block_in_scope)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(
        "{\"galley\": 1, \"name\": \"t\", \"steps\": ["
        "{\"id\": \"m\", \"plugin\": \"marker\"},"
        "{\"id\": \"bp\", \"plugin\": \"boilerplate\", \"scope\": {\"kind\": \"none\"}}]}",
        &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *doc = t_run_text(p, HEADLINE "\n\n" P1 "\n", &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    ck_assert(json_object_get(attrs_of(doc, 0), "boilerplate") == NULL);
    ck_assert_double_eq_tol(result_number(doc, "ratio_chars"), 0.0, 1e-9);
    ck_assert_double_eq_tol(result_number(doc, "ratio_blocks"), 0.0, 1e-9);
    ck_assert_int_eq((int)result_number(doc, "content_blocks"), 0);
    ck_assert_int_eq(json_object_size(json_object_get(result_of(doc), "reasons")), 0);
    json_decref(doc);
    galley_pipeline_free(p);
}
END_TEST

START_TEST(scope_keeps_blocks_out)
{
    /* Only the long blocks are in scope: the short crumb is left alone. */
    galley_error err;
    galley_pipeline *p = t_pipeline(
        "{\"galley\": 1, \"name\": \"t\", \"steps\": ["
        "{\"id\": \"m\", \"plugin\": \"marker\"},"
        "{\"id\": \"bp\", \"plugin\": \"boilerplate\", \"scope\": {\"kind\": \"long\"}}]}",
        &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *doc = t_run_text(p, "News › Ukraine\n\n" P1 "\n\n" P2 "\n", &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    ck_assert(json_object_get(attrs_of(doc, 0), "boilerplate") == NULL);
    expect(doc, 1, 0, "story");
    ck_assert_int_eq((int)result_number(doc, "content_blocks"), 2);
    json_decref(doc);
    galley_pipeline_free(p);
}
END_TEST

/* ---- data files and options that fail to load ----------------------------- */

/* Loads the plugin with one option set to a fixture and checks the error. */
static void expect_load_error(const char *option, const char *fixture, int line,
                              const char *message)
{
    char config[2048];
    char path[1024];
    snprintf(path, sizeof path, "%s", t_source(fixture));
    snprintf(config, sizeof config,
             "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"bp\", \"plugin\": "
             "\"boilerplate\", \"options\": {\"%s\": \"%s\"}}]}",
             option, path);
    galley_error err;
    galley_error_clear(&err);
    galley_pipeline *p = t_pipeline(config, &err);
    ck_assert_msg(p == NULL, "%s loaded", fixture);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_str_eq(err.source, path);
    ck_assert_int_eq(err.line, line);
    ck_assert_contains(err.text, message);
}

START_TEST(malformed_data_files)
{
    expect_load_error("furniture", "tests/fixtures/boilerplate/missing-field.tsv", 3,
                      "expected KIND<TAB>MODE<TAB>PHRASE");
    expect_load_error("furniture", "tests/fixtures/boilerplate/unknown-kind.tsv", 4,
                      "unknown kind \"sidebar\"");
    expect_load_error("furniture", "tests/fixtures/boilerplate/unknown-mode.tsv", 2,
                      "unknown mode \"anywhere\"");
    expect_load_error("furniture", "tests/fixtures/boilerplate/empty-phrase.tsv", 2,
                      "the phrase is empty");
    expect_load_error("furniture", "tests/fixtures/boilerplate/invalid-utf8.tsv", 3,
                      "not valid UTF-8");
    expect_load_error("furniture", "tests/fixtures/boilerplate/phrase-too-long.tsv", 2,
                      "more than 12 words");
    expect_load_error("extra_furniture", "tests/fixtures/boilerplate/unknown-mode.tsv", 2,
                      "unknown mode");
    expect_load_error("stopwords", "tests/fixtures/boilerplate/bad-language.tsv", 3,
                      "\"English\" is not a language code");
    expect_load_error("words", "tests/fixtures/boilerplate/unknown-class.tsv", 3,
                      "unknown class \"colour\"");
    expect_load_error("words", "tests/fixtures/boilerplate/not-one-word.tsv", 3,
                      "\"facebook/meta\" is not a single word");
    expect_load_error("furniture", "tests/fixtures/boilerplate/no-such-file.tsv", 0, "cannot open");
}
END_TEST

START_TEST(malformed_list_stops_the_cli)
{
    char config[2048];
    snprintf(config, sizeof config,
             "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"bp\", \"plugin\": "
             "\"boilerplate\", \"options\": {\"furniture\": \"%s\"}}]}",
             t_source("tests/fixtures/boilerplate/unknown-kind.tsv"));
    const char *path = t_write("bad-list.json", config);
    const char *argv[] = {"galley", "check", path, NULL};
    char *out = NULL, *err = NULL;
    int rc = t_galley(argv, NULL, &out, &err);
    ck_assert_int_eq(rc, 2);
    ck_assert_contains(err, "unknown-kind.tsv:4");
    ck_assert_contains(err, "sidebar");
    free(out);
    free(err);
}
END_TEST

START_TEST(options_out_of_range)
{
    static const char *const bad[] = {"\"stopword_density\": 1.5", "\"max_link_density\": -0.1",
                                      "\"min_story_chars\": 0", "\"max_phrase_words\": 0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char config[1024];
        snprintf(config, sizeof config,
                 "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"bp\", \"plugin\": "
                 "\"boilerplate\", \"options\": {%s}}]}",
                 bad[i]);
        galley_error err;
        galley_pipeline *p = t_pipeline(config, &err);
        ck_assert_msg(p == NULL, "%s loaded", bad[i]);
        ck_assert_int_eq(err.status, GALLEY_ECONFIG);
        ck_assert_contains(err.text, "must be between");
    }
}
END_TEST

/* ---- a corpus article ------------------------------------------------------ */

START_TEST(corpus_article_matches_its_gold)
{
    galley_pipeline *p = bp_pipeline(NULL);
    galley_error err;
    json_t *doc = NULL;
    int rc =
        galley_pipeline_run_file(p, t_source("corpus/air-raid-night.txt"), NULL, 0, &doc, &err);
    ck_assert_msg(rc == 0, "%s", err.text);
    json_error_t jerr;
    json_t *gold = json_load_file(t_source("corpus/air-raid-night.gold.json"), 0, &jerr);
    ck_assert_msg(gold != NULL, "%s", jerr.text);
    ck_assert_str_eq(json_string_value(json_object_get(gold, "split")), "dev");
    json_t *gblocks = json_object_get(gold, "blocks"), *blocks = json_object_get(doc, "blocks");
    ck_assert_uint_eq(json_array_size(gblocks), json_array_size(blocks));
    size_t text_length = 0, right = 0, n = json_array_size(blocks);
    char *text = t_read(t_source("corpus/air-raid-night.txt"), &text_length);
    ck_assert(text != NULL);
    double all = 0, gold_furniture = 0;
    for (size_t b = 0; b < n; b++) {
        json_t *g = json_array_get(gblocks, b), *r = json_array_get(blocks, b);
        int gold_bp = json_is_true(json_object_get(g, "boilerplate"));
        right +=
            gold_bp == json_is_true(json_object_get(json_object_get(r, "attrs"), "boilerplate"));
        size_t start = (size_t)json_integer_value(json_object_get(r, "start"));
        size_t end = (size_t)json_integer_value(json_object_get(r, "end"));
        double chars = 0;
        for (size_t i = start; i < end; i++)
            chars += ((unsigned char)text[i] & 0xC0) != 0x80;
        all += chars;
        gold_furniture += gold_bp ? chars : 0;
    }
    ck_assert_msg(right * 100 >= n * 95, "%zu of %zu blocks right", right, n);
    ck_assert_double_eq_tol(result_number(doc, "ratio_chars"), gold_furniture / all, 0.03);
    /* The crumb, the headline, a caption and its credit, and the related list. */
    expect(doc, 0, 1, "crumb");
    expect(doc, 1, 0, "headline");
    expect(doc, 11, 0, "caption");
    expect(doc, 12, 1, "credit");
    expect(doc, 34, 1, "list-heading");
    free(text);
    json_decref(gold);
    json_decref(doc);
    galley_pipeline_free(p);
}
END_TEST

/* A live page: its posts each open with their time. */
#define LIVE_TOP                                                                                   \
    "LIVE\n\nElection live: the governing party edges ahead in a night of near misses\n\n"         \
    "Social Democrats finish first after a campaign in which the premier staked his job on "       \
    "the result.\n\nBy Anna Vogel · 22 Sep 2024\n\n"
#define LIVE_POSTS                                                                                 \
    "\n\n22:05 CEST\n\nThe Greens are out\n\n" P3                                                  \
    "\n\n21:40 CEST\n\nVoices from the market\n\n" P4 "\n\n20:15 CEST\n\n" P1 "\n"

START_TEST(live_page_table_and_post_headings)
{
    /* A results table a row a line parts no paragraphs, and a post's heading under its
       time is not the headline: the headline is above the posts. */
    json_t *doc = run(NULL, LIVE_TOP "23:10 CEST\n\nProvisional result: the party ahead\n\n" P1
                                     "\n\nParty | Share | Seats\nSPD | 30.9% | 32\nAfD | 29.2% | "
                                     "30\nCDU | 12.1% | 12\n\n" P2 LIVE_POSTS);
    expect(doc, 1, 0, "headline");
    expect(doc, 2, 0, "standfirst");
    expect(doc, 6, 0, "story");
    expect(doc, 7, 0, "context");
    json_decref(doc);
    /* Near miss: rows of unequal cells and no figures are a menu. */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\nNews | Sport\nCulture | Travel | Food\nOpinion | "
                             "Video\n\n" P2 "\n");
    expect(doc, 2, 1, "menu");
    json_decref(doc);
    /* Near miss: without a live page's times, the title under the date is the headline. */
    doc = run(NULL, "LIVE\n\nBy Anna Vogel · 22 Sep 2024\n\nProvisional result: the party "
                    "ahead\n\n" P1 "\n\n" P2 "\n");
    expect(doc, 2, 0, "headline");
    json_decref(doc);
}
END_TEST

START_TEST(live_page_sort_bar_and_points_box)
{
    json_t *doc =
        run(NULL, LIVE_TOP "Key updates\nFire front contained above the ridge\nEvacuation "
                           "orders lifted for two villages\nThree houses destroyed\n\n"
                           "Showing: oldest first · Switch to newest first\n\n23:10 "
                           "CEST\n\nFire reported in the forest\n\n" P1 "\n\n" P2 LIVE_POSTS);
    expect(doc, 1, 0, "headline");
    expect(doc, 4, 1, "nav");
    expect(doc, 5, 1, "nav");
    json_decref(doc);
    /* Near miss: a sentence that opens with the words is story. */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\nOldest first names in the parish register were "
                             "recorded in 1538, the archivist said.\n\n" P2 "\n");
    expect(doc, 2, 0, "story");
    json_decref(doc);
}
END_TEST

START_TEST(about_the_company_after_a_release)
{
    /* A press release's "About <company>" heading and its paragraph are furniture. */
    json_t *doc = run(NULL, HEADLINE "\n\n" P1 "\n\n" P2
                                     "\n\nAbout Baridi Fresh\n\nBaridi Fresh Ltd is a Kenyan "
                                     "agritech company founded in 2019 that runs solar cold rooms "
                                     "for traders in markets across the country.\n");
    expect(doc, 3, 1, "list-heading");
    ck_assert(json_is_true(json_object_get(attrs_of(doc, 4), "boilerplate")));
    json_decref(doc);
    /* Near miss: a sentence that opens with "About" is story. */
    doc = run(NULL, HEADLINE "\n\n" P1 "\n\nAbout 200 people were evacuated from the villages on "
                             "the hillside overnight, the fire service said.\n\n" P2 "\n");
    expect(doc, 2, 0, "story");
    json_decref(doc);
}
END_TEST

static Suite *boilerplate_suite(void)
{
    Suite *s = suite_create("plugin_boilerplate");
    TCase *rules = tcase_create("furniture rules");
    tcase_add_checked_fixture(rules, NULL, teardown);
    tcase_add_test(rules, crumb_between_separators);
    tcase_add_test(rules, crumb_glued_to_the_headline);
    tcase_add_test(rules, menu_one_item_per_line_and_between_bars);
    tcase_add_test(rules, navigation_phrase);
    tcase_add_test(rules, live_page_table_and_post_headings);
    tcase_add_test(rules, live_page_sort_bar_and_points_box);
    tcase_add_test(rules, about_the_company_after_a_release);
    tcase_add_test(rules, list_heading_in_the_middle_and_the_story_goes_on);
    tcase_add_test(rules, read_more_link_between_paragraphs);
    tcase_add_test(rules, sponsor_slot_placeholder);
    tcase_add_test(rules, sponsored_items_under_a_sponsor_heading);
    tcase_add_test(rules, advertorial_under_a_sponsor_heading_after_the_story);
    tcase_add_test(rules, sponsored_item_with_its_label_in_front);
    tcase_add_test(rules, headline_walk_passes_a_sponsored_item_under_the_byline);
    tcase_add_test(rules, two_titles_under_the_crumb_are_headline_and_deck);
    tcase_add_test(rules, crosshead_after_a_box_inside_the_story);
    tcase_add_test(rules, obituary_life_span_line);
    tcase_add_test(rules, byline_with_an_article_before_the_job);
    tcase_add_test(rules, practical_box_and_editorial_notes_after_the_story);
    tcase_add_test(rules, live_updates_box_under_its_own_heading);
    tcase_add_test(rules, a_row_of_items_under_the_date_is_not_the_headline);
    tcase_add_test(rules, short_subheading_under_an_ad_slot);
    tcase_add_test(rules, messages_under_a_list_heading_after_the_story);
    tcase_add_test(rules, live_page_posts_each_under_its_time);
    tcase_add_test(rules, closing_line_after_an_interview_note);
    tcase_add_test(rules, the_headline_is_above_the_byline);
    tcase_add_test(rules, recipe_card_and_affiliate_notes);
    tcase_add_test(rules, notes_to_readers_and_embedded_post_signatures);
    tcase_add_test(rules, a_formula_repeated_inside_the_story);
    tcase_add_test(rules, advertising_copy_and_notes_to_readers);
    tcase_add_test(rules, small_print_of_an_advertisement);
    tcase_add_test(rules, live_page_controls_and_a_tool_bar_under_the_byline);
    tcase_add_test(rules, photo_gallery_captions_are_the_story);
    tcase_add_test(rules, an_interview_after_a_share_line_is_the_story);
    tcase_add_test(rules, a_round_up_of_places_with_prices_is_the_story);
    tcase_add_test(rules, a_letters_page_keeps_its_last_sign_off);
    tcase_add_test(rules, letters_under_their_heading_are_the_story);
    tcase_add_test(rules, a_listicle_goes_on_past_a_sponsored_item);
    tcase_add_test(rules, the_story_resumes_past_a_sponsored_item_with_a_run_of_sentences);
    tcase_add_test(rules, a_press_release_closing_notes_are_furniture);
    tcase_add_test(rules, a_caption_with_its_credit_in_brackets_ends_a_sentence);
    tcase_add_test(rules, join_and_forwarded_lines_are_furniture);
    tcase_add_test(rules, notes_under_the_story_are_furniture);
    tcase_add_test(rules, share_bar_between_the_top_and_the_story);
    tcase_add_test(rules, credit_under_a_caption);
    tcase_add_test(rules, byline);
    tcase_add_test(rules, a_sentence_that_opens_like_a_byline_is_story);
    tcase_add_test(rules, date_line);
    tcase_add_test(rules, meta_line);
    tcase_add_test(rules, share_and_follow_lines);
    tcase_add_test(rules, subscribe_line);
    tcase_add_test(rules, cookie_notice);
    tcase_add_test(rules, tag_list);
    tcase_add_test(rules, copyright_and_legal_lines);
    tcase_add_test(rules, comment_prompt);
    tcase_add_test(rules, teaser_cut_off);
    tcase_add_test(rules, all_caps_label);
    tcase_add_test(rules, short_link_like);
    tcase_add_test(rules, a_digit_anywhere_in_a_word_makes_it_a_date);
    tcase_add_test(rules, repetition);
    tcase_add_test(rules, repetition_on_a_long_page);
    tcase_add_test(rules, long_blocks_are_sampled_but_rules_still_apply);
    tcase_add_test(rules, numbers_and_marks_only);
    suite_add_tcase(s, rules);

    TCase *story = tcase_create("story rules");
    tcase_add_checked_fixture(story, NULL, teardown);
    tcase_add_test(story, headline_standfirst_and_quote);
    tcase_add_test(story, headline_over_a_standfirst_without_full_stop);
    tcase_add_test(story, page_start_above_the_headline);
    tcase_add_test(story, wire_tool_lines_and_live_bylines_under_the_headline);
    tcase_add_test(story, short_paragraphs_make_a_story);
    tcase_add_test(story, language_without_stop_words);
    tcase_add_test(story, other_languages);
    suite_add_tcase(s, story);

    TCase *page = tcase_create("page stages and options");
    tcase_add_checked_fixture(page, NULL, teardown);
    tcase_add_test(page, page_end_after_the_story);
    tcase_add_test(page, story_after_a_credit_is_not_page_end);
    tcase_add_test(page, funding_note_and_author_box_after_the_story);
    tcase_add_test(page, author_box_after_the_story);
    tcase_add_test(page, smoothing);
    tcase_add_test(page, min_story_chars_option);
    tcase_add_test(page, stopword_density_option);
    tcase_add_test(page, max_phrase_words_option);
    tcase_add_test(page, extra_furniture_list);
    suite_add_tcase(s, page);

    TCase *bad = tcase_create("results and bad input");
    tcase_add_checked_fixture(bad, NULL, teardown);
    tcase_add_test(bad, results_add_up);
    tcase_add_test(bad, characters_are_counted_not_bytes);
    tcase_add_test(bad, page_with_no_story);
    tcase_add_test(bad, page_of_one_block);
    tcase_add_test(bad, page_of_marks_only);
    tcase_add_test(bad, no_block_in_scope);
    tcase_add_test(bad, scope_keeps_blocks_out);
    tcase_add_test(bad, malformed_data_files);
    tcase_add_test(bad, malformed_list_stops_the_cli);
    tcase_add_test(bad, options_out_of_range);
    tcase_add_test(bad, corpus_article_matches_its_gold);
    suite_add_tcase(s, bad);
    return s;
}

int main(void)
{
    return t_main(boilerplate_suite());
}
