/*
 * mentions.c -- finds the person mentions in the blocks in scope.
 *
 * A sentence is read once, left to right, over the core's tokens.  Runs of
 * capitalised words (with name particles such as "bin" or "van" and initials
 * such as "J." inside) are candidates.  At each capitalised word the longest
 * title ("Prime Minister"), listed name ("Volodymyr Zelensky"), and place,
 * organisation or non-name ("Security Council", "Kyiv", "January") starting
 * there is looked up, and the longest wins, so that "General Assembly" is an
 * organisation while "General Zaluzhnyi" is a rank and a name.  What is left
 * is cut into name spans with the gazetteers, and each span is kept when the
 * evidence is strong enough: a known given name or surname, a title, an
 * attribution ("said"), an age, a role in apposition, initials.  A lone word
 * with no evidence is kept as "weak": anonymise.c keeps it only if it repeats
 * a word of a stronger name ("Hrytsenko" after "Taras Hrytsenko").
 */
#include <stdlib.h>
#include <string.h>

#include "anonymise.h"

#define MAX_PHRASE_WORDS 6
#define MAX_RUN 24
#define KEY_SIZE 512

/* Words that report speech or writing after (or before) a name. */
static const char *const attribution_verbs[] = {
    "said", "says", "told", "tells", "wrote", "writes", "added", "adds", "noted", "notes",
    "explained", "explains", "responded", "replied", "replies", "asked", "asks", "recalled",
    "recalls", "insisted", "insists", "warned", "warns", "argued", "argues", "admitted", "admits",
    "acknowledged", "laughed", "whispered", "shouted", "continued", "estimates", "estimated",
    "thinks", "believes", "spoke", "described", "describes", "agreed", "agrees", "sighed",
    "joked", "remembers", "remembered", "texted", "messaged", "posted", "confirmed", "denied",
    "claimed", "claims", "stressed", "complained", "wondered", "shrugged", "smiled", "nodded",
    "urged", "announced", "testified", "countered", "conceded", "observed", "remarked",
    "answered", "cautioned", "predicted", "hopes", "hoped", "wants", "wanted", "fears", "feared",
    NULL};
/* A speaker's gestures, in the present tense of features ("Faleolo laughs"). */
static const char *const gesture_verbs[] = {"laughs",   "smiles", "shrugs", "nods",
                                            "sighs",    "jokes",  "grins",  "grinned",
                                            "whispers", "shouts", NULL};
/* Attribution verbs that may stand before the name: "said Henrik Aaltonen". */
static const char *const attribution_before[] = {"said", "says", "wrote", "writes", "added",
                                                 "adds", "asked", "noted", "explained",
                                                 "recalled", "warned", "argued", NULL};
static const char *const auxiliaries[] = {"has", "had", "have", "also", "later", "then", "once",
                                          "again", "quietly", "simply", "still", NULL};
/* Name particles that stay lower case inside a name. */
static const char *const particles[] = {
    "van",   "von",   "de",    "der",  "den", "da",  "di",    "du",    "del",  "della", "dos",
    "das",   "do",    "la",    "le",   "bin", "ibn", "bint",  "al",    "el",   "ben",   "ter",
    "ten",   "zu",    "af",    "av",   "y",   "abu", "dei",   "degli", "des",  "delos", "dela",
    "delas", "binti", "binte", "ibni", "ap",  "ab",  "ferch", "ole",   "arap", NULL};
/* Dutch "'t" (for "het") after a particle, "van 't Wout": its tokens at k (1 when the text
   layer kept the apostrophe in the word, 2 when it made a mark of it), or 0. */
static size_t dutch_t(const doc_state *ds, size_t k, size_t past)
{
    if (k >= past)
        return 0;
    const galley_token *a = &ds->tokens[k];
    if (fold_is(a, "'t"))
        return 1;
    return k + 1 < past && (fold_is(a, "'") || fold_is(a, "\xE2\x80\x99")) &&
                   fold_is(&ds->tokens[k + 1], "t") && ds->tokens[k + 1].start == a->end
               ? 2
               : 0;
}

/* "Subramaniam a/l Muthusamy", "Letchumi a/p Ramasamy", "Ravi s/o Kumar": the links of
   Malaysian and Indian names, "son of" or "daughter of" written a/l, a/p, s/o, d/o; its
   three tokens at k, or 0. */
static size_t slash_link(const doc_state *ds, size_t k, size_t past)
{
    if (k + 2 >= past)
        return 0;
    const galley_token *a = &ds->tokens[k], *s = &ds->tokens[k + 1], *b = &ds->tokens[k + 2];
    if (a->fold_len != 1 || s->start != a->end || b->start != s->end || b->fold_len != 1 ||
        s->end - s->start != 1 || ds->text[s->start] != '/')
        return 0;
    char x = a->fold[0], y = b->fold[0];
    return (x == 'a' && (y == 'l' || y == 'p')) || ((x == 's' || x == 'd') && y == 'o') ? 3 : 0;
}

/* Arabic and Hebrew prefixes written with a hyphen: al-Assad, el-Sisi, bin-Laden; and the
   French, Dutch and Italian particles written with an apostrophe: d'Hoore, dell'Acqua. */
static const char *const hyphen_prefixes[] = {"al-", "el-", "ad-", "as-", "ash-", "at-", "az-",
                                              "ar-", "an-", "bin-", "ibn-", "abu-", "ben-", "d'",
                                              "dell'", "dall'", NULL};
/* Prepositions of place: "a shop in Campo de Ourique" names a place, not a person. */
static const char *const locatives[] = {"in", "near", "outside", "across", "around", "towards",
                                        "toward", "via", "into", "inside", "along", "beyond",
                                        "throughout", "nearby", NULL};
/* First names written short with a full stop: Filipino "Ma." (María), South Asian "Md."
   and Malaysian "Mohd." (Mohammad), English "Wm.", "Thos.", "Chas.", "Jas.", "Geo.". */
static const char *const given_abbreviations[] = {"ma",   "md",   "mohd", "muhd", "wm",
                                                  "thos", "chas", "jas",  "geo",  NULL};
/* Words between a call sign and the colon before it: "his call sign and nothing else:". */
static const char *const sign_fillers[] = {"and", "nothing", "else", "more", "only", "just", NULL};
static const char *const calling_words[] = {"by", "as", "called", "named", "nicknamed", NULL};
static const char *const definite[] = {"the", "its", "his", "her", "their", "our", "whose",
                                       "my", "your", NULL};
/* Nouns that make the capitalised words before them a place: "Hang Bac street", "Shevchenko Park". */
static const char *const place_nouns[] = {
    "street", "st", "road", "rd", "avenue", "ave", "square", "lane", "boulevard", "bridge",
    "station", "airport", "district", "region", "province", "oblast", "river", "lake", "park",
    "hotel", "hospital", "market", "stadium", "arena", "prospekt", "embankment", "highway",
    "quarter", "village", "town", "city", "county", "valley", "island", "islands", "mountains",
    "port", "harbour", "harbor", "beach", "hill", "hills", "gardens", "palace", "cathedral",
    "church", "mosque", "monastery", "museum", "university", "school", "college", "prison",
    "terrace", "crescent", "lodge", "mews", "wharf", "quay", "pier", "promenade", "esplanade",
    "row", "drive", "ward", "wing", "creek", "mesa", "canyon", "gulch", "ridge", "bay", "cove",
    "heights", "springs", "falls", "forest", "trail", "trailhead", "reservoir", "dam", "glen",
    "loch", "lough", "gorge", "peninsula", "plateau", "desert", "estate", "junction", "crossing",
    "fire", "wildfire", "canal", "marsh", "township", "meadow", "meadows", "heath", "vale", "dale",
    "downs", "fields", "nation", "narrows", "gate", "marae", "pagoda", "bazaar", "bazar", "souk",
    "chowk", "marg", "nagar", "bagh", "çarşısı", "pazarı", "mutfağı", "place", "close", "way",
    "moor", "complex", "centre", "center", "hall", "theatre", "theater", "auditorium", "stand",
    "library", "territory", "territories", "provinces", "districts", "regions", "counties",
    "states", "towns", "villages",
    "caddesi", "sokak", "sokağı", "mahallesi", "sofra", "sofrası", "lokanta", "lokantası",
    "meyhane", NULL};
/* Sports grounds, which take a person's name as often as a street: "Sid Kallas Oval". */
static const char *const ground_nouns[] = {"oval",       "showground", "showgrounds",
                                           "racecourse", "velodrome",  NULL};
/* Monuments named after someone ("the Lincoln Memorial") */
static const char *const monument_nouns[] = {"memorial", "monument", "mausoleum", NULL};

/*
 * Where an office is held.  A post (chair, director, spokesman) is public in a
 * public body and private in a club; any office held in a private body is a
 * role ("the club's president").  These words, in the apposition around the
 * office, say which.
 */
static const char *const public_bodies[] = {
    "ministry", "ministries", "government", "army", "navy", "military", "police", "brigade",
    "battalion", "regiment", "forces", "command", "court", "tribunal", "council", "parliament",
    "senate", "congress", "kremlin", "pentagon", "cabinet", "presidency", "presidential",
    "municipal", "municipality", "city", "state", "regional", "region", "oblast", "federal",
    "national", "county", "district", "prosecutor", "prosecutors", "prosecution", "embassy",
    "consulate", "administration", "governorate", "nato", "un", "eu", "osce", NULL};
static const char *const private_bodies[] = {
    "group", "club", "company", "firm", "business", "charity", "association", "society", "trust",
    "foundation", "supporters", "union", "cooperative", "co-op", "band", "school", "restaurant",
    "shop", "store", "bakery", "brand", "label", "family", "campaign", "network", "organisation",
    "organization", "collective", "ngo", "kitchen", "shelter", "church", "parish", "festival",
    "gallery", "hotel", "farm", "studio", "startup", "start-up", "choir", "orchestra",
    /* local bodies, whose posts are public only when a newsroom says so (docs/gold-format.md):
       "the president of a village council", "a community leader" */
    "village", "community", "neighbourhood", "neighborhood", "residents",
    /* the legal forms of companies: "PT Sinar Abadi's director", "Halyard Ltd's manager" */
    "pt", "tbk", "ltd", "inc", "plc", "llc", "gmbh", "bhd", "sdn", "ltda", "spa", "nv", "bv",
    "pty", "corp", "corporation", "holdings", NULL};
/* A company's legal form written before its name (Indonesian "PT", perseroan terbatas). */
static const char *const company_heads[] = {"pt", NULL};
/* Capitalised nouns after words that make them the name of an award: "the Costa Flavour
   Awards", "the Rubik Prize" (a name inside one is no mention of a person). */
static const char *const award_nouns[] = {"award", "awards",  "prize",    "prizes", "trophy",
                                          "medal", "lecture", "lectures", NULL};
/* Words that open the name of a place in other languages: "Gare Lambert", "Plaza de Mayo",
   "Lac Vermette", "Co Mayo" (an Irish county), "Parque Fundidora", "Nuevo León", "Jalan
   Sudirman", "Unguwar Rimi" (a Hausa village), "Scoil Mhuire" (an Irish school), "Naomh
   Éanna" (a saint's name for a club or a church), and of a wine estate: "Château Musar",
   "Bodegas Altamira". */
static const char *const place_heads[] = {
    "casa",       "chiringuito", "taberna",     "tasca",       "mesón",       "meson",
    "ristorante", "osteria",     "enoteca",     "panificio",   "pasticceria", "gelateria",
    "pico",       "curral",      "ribeira",     "fajã",        "terà",        "fondamenta",
    "gare",       "rue",         "plaza",       "piazza",      "piazzale",    "calle",
    "avenida",    "rua",         "praça",       "praca",       "largo",       "plac",
    "ulica",      "ulitsa",      "vulytsia",    "quai",        "pont",        "porte",
    "parc",       "jardin",      "marché",      "mercado",     "estación",    "estacion",
    "stazione",   "aéroport",    "aeropuerto",  "aeroporto",   "boulevard",   "avenue",
    "mount",      "lake",        "fort",        "cape",        "são",         "santa",
    "santo",      "san",         "saint",       "sainte",      "sankt",       "st",
    "cours",      "allée",       "impasse",     "chemin",      "place",       "via",
    "viale",      "corso",       "strada",      "carrer",      "paseo",       "camino",
    "estrada",    "café",        "cafe",        "bar",         "bistro",      "brasserie",
    "trattoria",  "taverna",     "pizzeria",    "boulangerie", "pâtisserie",  "hotel",
    "hôtel",      "alameda",     "travessa",    "avinguda",    "bulevar",     "heol",
    "ffordd",     "stryd",       "lôn",         "bóthar",      "sráid",       "straße",
    "strasse",    "calea",       "odos",        "barangay",    "campeonato",  "copa",
    "liga",       "torneio",     "torneo",      "bankhaus",    "banco",       "banque",
    "co",         "lac",         "loch",        "lough",       "mont",        "monte",
    "puerto",     "porto",       "sierra",      "château",     "chateau",     "domaine",
    "bodega",     "bodegas",     "quinta",      "tenuta",      "cantina",     "weingut",
    "clos",       "parque",      "secretaría",  "secretaria",  "facultad",    "museo",
    "teatro",     "estadio",     "universidad", "colegio",     "instituto",   "nuevo",
    "nueva",      "ciudad",      "barrio",      "colonia",     "jalan",       "unguwar",
    "scoil",      "gaelscoil",   "coláiste",    "colaiste",    "naomh",       "fonda",
    "cocina",     "comedor",     "panadería",   "panaderia",   "taquería",    "pulquería",
    "cevichería", "marisquería", "unguwan",     "gidan",       "debre",       "kfar",
    "wadi",       "jebel",       "jabal",       "deir",        "khirbet",     "souq",
    "souk",       "wat",         "panadería",   "panaderia",   "pastelería",  "pasteleria",
    "taquería",   "taqueria",    "cervecería",  "cerveceria",  "librería",    "libreria",
    "farmacia",   "tienda",      "fonda",       "día",         "dia",         "fiesta",
    "feria",      "festival",    "cerro",       "quebrada",    "laguna",      "volcán",
    "volcan",     "playa",       "bahía",       "bahia",       "arroyo",      "cordillera",
    NULL};
/* The same in Malay and Indonesian ("Gunung Cheroh", "Bukit Merah", "Kampung Baru"), Hebrew
   ("Kiryat Motzkin", "Ramat Gan"), Māori ("Maunga Taranaki", "Manatū Taonga", a ministry) and
   Swahili ("Mlima Kilimanjaro"). */
static const char *const place_heads_more[] = {
    "gunung",  "bukit", "kampung", "kampong", "sungai", "pulau",  "tanjung", "teluk",
    "taman",   "pasar", "lorong",  "kiryat",  "qiryat", "givat",  "ramat",   "moshav",
    "kibbutz", "nahal", "maunga",  "whare",   "mlima",  "manatū", NULL};
/* A street's word that comes before its name in other languages: "la calle Adolfo Prieto". */
static const char *const street_heads[] = {
    "calle", "rue", "via", "avenida", "rua", "ulica", "ulitsa", "vulytsia", "strada", "carrer",
    "straße", "strasse", "plaza", "piazza", "praça", "calea", "jalan", NULL};
/* Lower-case nouns after capitalised words that make them the name of a body: "the Brannock
   Hale club", "a Dover company" (a family is not among them: "the Petrenko family" names
   people). */
static const char *const org_nouns[] = {
    "club", "clubs", "company", "firm", "group", "brand", "label", "chain", "charity",
    "foundation", "fund", "team", "band", "restaurant", "bakery", "café", "cafe", "studio",
    "agency", "party", "network", "union", "collective", "gallery", "cooperative", "co-op",
    "academy", "ensemble", "choir", "orchestra", "festival", "shop", "store", "franchise",
    "airline", "brewery", "winery", "supporters", "fans", "squad", "side", NULL};
/* Courtesy titles written after the name: "Kemal Bey", "Ayşe Hanım", "Bhatia Sahib". */
static const char *const honorifics_after[] = {
    "bey",    "hanım", "hanim", "efendi", "pasha", "paşa", "sahib", "saheb",  "sahab", "khanum",
    "khanom", "usta",  "abla",  "teyze",  "amca",  "didi", "bhai",  "bhaiya", NULL};
/* A person introduced by a relation to someone else ("his mother, X", "her neighbour X"). */
/* Relatives written "X of NAME" in notices: "Husband of Rashieda; father of Fadiel". */
static const char *const kin_of_nouns[] = {"husband",
                                           "wife",
                                           "father",
                                           "mother",
                                           "son",
                                           "daughter",
                                           "brother",
                                           "sister",
                                           "widow",
                                           "widower",
                                           "grandfather",
                                           "grandmother",
                                           "grandson",
                                           "granddaughter",
                                           "uncle",
                                           "aunt",
                                           "nephew",
                                           "niece",
                                           "cousin",
                                           "stepfather",
                                           "stepmother",
                                           "father-in-law",
                                           "mother-in-law",
                                           "son-in-law",
                                           "daughter-in-law",
                                           "fiancé",
                                           "fiancée",
                                           NULL};
static const char *const kin_nouns[] = {
    "mother", "father", "son", "daughter", "wife", "husband", "brother", "sister",
    "grandmother", "grandfather", "grandson", "granddaughter", "grandchild", "aunt", "uncle",
    "niece", "nephew", "cousin", "partner", "fiancé", "fiancée", "fiance", "fiancee",
    "girlfriend", "boyfriend", "widow", "widower", "mum", "mom", "dad", "neighbour", "neighbor",
    "comrade", "colleague", "classmate", "flatmate", "roommate",
    "child", "baby", "stepfather", "stepmother", "stepson", "stepdaughter", "sibling", "twin",
    "grandma", "grandpa", "granny", "mother-in-law", "father-in-law", "son-in-law",
    "daughter-in-law", "families", "relatives", "parents", "children", "mothers", "wives",
    "widows", "neighbours", "neighbors", "nana", "nan", "nanna", "gran", "grandad", "granddad",
    "mam", "mammy", "mommy", "daddy", "papa", "mama", "nonna", "nonno", "abuela", "abuelo", "oma",
    "opa", "babcia", "dziadek", "babushka", "dedushka", NULL};
/* Words that may follow the noun of an apposition that ends there ("a duo from Lagos"). */
static const char *const apposition_ends[] = {
    "from", "of", "that", "who", "whose", "which", "formed", "founded", "led", "based", "with",
    "in", "on", "at", "known", "and", "whom", "about", "set", "by", "starring", "where",
    "near", "outside", "run", "owned", "serving", "opened", "released", "due", NULL};
/* Labels before a person's name in listings: "Dir: Kim Da-eun". */
static const char *const person_labels[] = {"dir", "director", "directors", "starring", "cast",
                                            "chef", "designer", "stylist", "photographer",
                                            "choreographer", "curator", "conductor", NULL};
/* "who goes by Hutsul" (not "almost gone by October"). */
static const char *const going_verbs[] = {"go", "goes", "going", "went", NULL};
/* Ages written in words: "Sofiyka, who is seven". */
static const char *const number_words[] = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", NULL};
/* Verbs with which a page names someone: "I will call him Yamen", and the words before
   them that make it the writer's naming. */
static const char *const naming_verbs[] = {"call", "name", NULL};
static const char *const naming_modals[] = {"will", "'ll", "shall", "would", "i'll", "we'll",
                                            "let's", "let", "us", "i’ll", "we’ll", "let’s",
                                            NULL};
/* Words that own what follows: "her granddaughter Sofiyka", "my Lola Pacita". */
static const char *const possessive_determiners[] = {"my", "his", "her", "our", "their",
                                                     "your", NULL};
/* Animals that have names in the news: "Rusty the kelpie", "their dog, Bear". */
static const char *const animal_nouns[] = {
    "dog", "dogs", "puppy", "pup", "cat", "kitten", "horse", "pony", "mare", "stallion",
    "gelding", "colt", "filly", "kelpie", "terrier", "labrador", "spaniel", "collie", "retriever",
    "poodle", "greyhound", "beagle", "dachshund", "husky", "alsatian", "sheepdog", "pet", "parrot",
    "cockatoo", "tortoise", "cow", "bull", "goat", "donkey", "mascot", "koala", "penguin",
    "elephant", "gorilla", "panda", "lynx", "wolf", "fox", "cub", "otter", "eagle", "owl",
    "falcon", "hawk", "stork", "tiger", "tigress", "lion", "lioness", "leopard", "cheetah",
    "jaguar", "rhino", "giraffe", "zebra", "whale", "orca", "dolphin", "seal", "turtle",
    "chimpanzee", "chimp", "orangutan", "bison", "deer", "elk", "moose", "hedgehog", "badger",
    "beaver", "camel", "pig", "sheep", "lamb", "calf", "foal", "ostrich", "crocodile", "hippo",
    "bear", "ferret", "rabbit", "hamster", "budgie", NULL};
/* Verbs that say how a person is identified: "identified only as K.", "known only by". */
static const char *const identifier_verbs[] = {"identified", "identifies", "identify", "known",
                                               "referred", "named", "called", "listed", NULL};

int mentions_register_words(lexicon *lex)
{
    return lexicon_add_words(lex, public_bodies, CW_PUBLIC_BODY) |
           lexicon_add_words(lex, private_bodies, CW_PRIVATE_BODY) |
           lexicon_add_words(lex, place_heads, CW_PLACE_HEAD) |
           lexicon_add_words(lex, place_heads_more, CW_PLACE_HEAD) |
           lexicon_add_words(lex, street_heads, CW_STREET_HEAD) |
           lexicon_add_words(lex, org_nouns, CW_ORG_NOUN) |
           lexicon_add_words(lex, kin_nouns, CW_KIN) |
           lexicon_add_words(lex, animal_nouns, CW_ANIMAL) |
           lexicon_add_words(lex, identifier_verbs, CW_IDENTIFIER) |
           lexicon_add_words(lex, attribution_verbs, CW_ATTRIB) |
           lexicon_add_words(lex, gesture_verbs, CW_ATTRIB) |
           lexicon_add_words(lex, attribution_before, CW_ATTRIB_BEFORE) |
           lexicon_add_words(lex, auxiliaries, CW_AUX) |
           lexicon_add_words(lex, particles, CW_PARTICLE) |
           lexicon_add_words(lex, calling_words, CW_CALLING) |
           lexicon_add_words(lex, definite, CW_DEFINITE) |
           lexicon_add_words(lex, place_nouns, CW_PLACE_NOUN) |
           lexicon_add_words(lex, ground_nouns, CW_PLACE_NOUN) |
           lexicon_add_words(lex, monument_nouns, CW_PLACE_NOUN) |
           lexicon_add_words(lex, company_heads, CW_COMPANY_HEAD) |
           lexicon_add_words(lex, honorifics_after, CW_HONORIFIC_AFTER) |
           lexicon_add_words(lex, locatives, CW_LOCATIVE);
}

const lex_entry lex_no_entry = {.key = NULL};

/* The length of a word's key: its fold without a possessive 's. */
static size_t key_length(const galley_token *t)
{
    size_t n = t->fold_len;
    if (n > 2 && t->fold[n - 2] == '\'' && t->fold[n - 1] == 's')
        n -= 2;
    return n;
}

/* The lookup behind token_entry (anonymise.h), for a token not in the cache yet. */
const lex_entry *token_entry_lookup(const doc_state *ds, size_t i)
{
    const galley_token *t = &ds->tokens[i];
    const lex_entry *e =
        t->kind == GALLEY_TOKEN_WORD ? lexicon_find(&ds->ps->lex, t->fold, key_length(t)) : NULL;
    ds->cache[i] = e ? e : &lex_no_entry;
    return e;
}

/*
 * Looks up the capitalised words of tokens [from, past) ahead of the scan,
 * which reads the entry of every one of them: in batches, so that the table's
 * memory for a whole batch (tag, slot, key) is fetched at once; a lookup one at
 * a time waits for up to three cache misses in a row.  Fills the cache as
 * token_entry does.
 */
static void prime_entries(doc_state *ds, size_t from, size_t past)
{
    enum { BATCH = 32 };
    const lexicon *lex = &ds->ps->lex;
    uint32_t hashes[BATCH];
    uint32_t at[BATCH];
    size_t i = from;
    while (i < past) {
        size_t count = 0;
        for (; i < past && count < BATCH; i++) {
            const galley_token *t = &ds->tokens[i];
            if (t->kind != GALLEY_TOKEN_WORD || !(t->flags & GALLEY_TOKEN_CAPITALISED) ||
                ds->cache[i])
                continue;
            hashes[count] = lexicon_hash(t->fold, key_length(t));
            lexicon_prefetch_tag(lex, hashes[count]);
            at[count++] = (uint32_t)i;
        }
        const lex_entry *slot[BATCH];
        for (size_t k = 0; k < count; k++)
            slot[k] = lexicon_prefetch_slot(lex, hashes[k]);
        for (size_t k = 0; k < count; k++)
            if (slot[k])
                __builtin_prefetch(slot[k]->key);
        for (size_t k = 0; k < count; k++) {
            const galley_token *t = &ds->tokens[at[k]];
            const lex_entry *e = lexicon_find_hashed(lex, t->fold, key_length(t), hashes[k]);
            ds->cache[at[k]] = e ? e : &lex_no_entry;
        }
    }
}

size_t token_word(const galley_token *t, char *buf, size_t size)
{
    size_t n = is_possessive(t) ? t->fold_len - 2 : t->fold_len;
    if (n + 1 > size)
        n = size - 1;
    memcpy(buf, t->fold, n);
    buf[n] = '\0';
    return n;
}

static int is_word(const galley_token *t) { return t->kind == GALLEY_TOKEN_WORD; }

static int is_punct(const doc_state *ds, const galley_token *t, char c)
{
    return t->kind == GALLEY_TOKEN_PUNCTUATION && t->end - t->start == 1 &&
           ds->text[t->start] == c;
}

/*
 * Whether the UTF-8 character at p (n bytes left) is an upper-case letter, for
 * the scripts names are written in: ASCII, Latin-1 (À-Þ), and Greek and
 * Cyrillic capitals; other letters of two bytes or more count as capitals, as
 * case is not worth a table here.
 */
static int upper_at(const unsigned char *p, size_t n)
{
    if (n == 0)
        return 0;
    if (p[0] < 0x80)
        return p[0] >= 'A' && p[0] <= 'Z';
    if (n < 2)
        return 0;
    if (p[0] == 0xC3)
        return p[1] < 0x9F && p[1] != 0x97; /* À-Þ, not × */
    if (p[0] == 0xD0)
        return p[1] < 0xB0; /* Ѐ-Я */
    if (p[0] == 0xCE)
        return p[1] >= 0x86 && p[1] <= 0xAB; /* Greek capitals */
    return p[0] >= 0xC4 && p[0] != 0xD1;
}

/* The particle's prefix (see hyphen_particle) and the capital after its joiner. */
static int particle_joined(const doc_state *ds, const galley_token *t)
{
    for (size_t i = 0; hyphen_prefixes[i]; i++) {
        size_t n = strlen(hyphen_prefixes[i]);
        if (t->fold_len > n && strncmp(t->fold, hyphen_prefixes[i], n) == 0) {
            /* The particle's letters are ASCII; the joiner may be one byte or three (’, ‐). */
            const unsigned char *p = (const unsigned char *)ds->text + t->start + n - 1;
            size_t left = t->end - (t->start + n - 1);
            size_t joiner = p[0] < 0x80 ? 1 : (p[0] == 0xCA ? 2 : 3);
            return left > joiner && upper_at(p + joiner, left - joiner);
        }
    }
    return 0;
}

/*
 * A word such as "al-Assad" or "d'Hoore": a lower-case particle joined by a
 * hyphen or an apostrophe (straight or curly, as the page writes it) to a
 * capital letter.  Most words are turned away by their shape, inline; the
 * prefixes are compared only for the rest.
 */
static inline int hyphen_particle(const doc_state *ds, const galley_token *t)
{
    if (!is_word(t) || (t->flags & GALLEY_TOKEN_CAPITALISED) || t->fold_len < 4 ||
        (t->fold[1] != '\'' && t->fold[2] != '-' && t->fold[3] != '-' && t->fold[4] != '-' &&
         t->fold[4] != '\''))
        return 0;
    return particle_joined(ds, t);
}

/* (asked of most tokens, often more than once: the common answers come without a call) */
static inline int is_cap(const doc_state *ds, const galley_token *t)
{
    return is_word(t) && ((t->flags & GALLEY_TOKEN_CAPITALISED) || hyphen_particle(ds, t));
}

/*
 * The last word of a street's name, in capitals: "Obafemi Awolowo Way", "Nelson
 * Mandela Square", "Taras Shevchenko Boulevard" are streets though a first name
 * opens them ("Lane", "Hill" and "Park" are surnames too, and not here).
 */
static int street_word(const galley_token *t)
{
    static const char *const streets[] = {"street", "road", "avenue", "way", "boulevard",
                                          "square", "drive", "crescent", "terrace", "highway",
                                          "prospekt", "embankment", "expressway", NULL};
    if (!(t->flags & GALLEY_TOKEN_CAPITALISED))
        return 0;
    for (size_t i = 0; streets[i]; i++)
        if (strcmp(t->fold, streets[i]) == 0)
            return 1;
    return 0;
}

/* A capital letter inside the word, after a lower-case one, that no name prefix explains. */
static int camel_brand(const doc_state *ds, const galley_token *t)
{
    static const char *const prefixes[] = {"mc", "mac", "o", "d", "de", "di", "da", "du", "la",
                                           "le", "van", "von", "fitz", "st", "ben", "al", "el",
                                           NULL};
    const unsigned char *p = (const unsigned char *)ds->text + t->start;
    size_t n = t->end - t->start;
    for (size_t i = 1; i + 1 < n; i++) {
        if (!(p[i] >= 'A' && p[i] <= 'Z') || !(p[i - 1] >= 'a' && p[i - 1] <= 'z'))
            continue;
        for (size_t k = 0; prefixes[k]; k++)
            if (strlen(prefixes[k]) == i && strncmp(t->fold, prefixes[k], i) == 0)
                return 0;
        return 1;
    }
    return 0;
}

/* Whether a list's canonical name is the one word of token t ("Rihanna", "Neymar"),
   both folded as the lexicon folds names. */
static int one_word_name(const char *name, const galley_token *t)
{
    char key[KEY_SIZE], w[KEY_SIZE];
    if (strchr(name, ' '))
        return 0;
    long n = fold_name(name, strlen(name), key, sizeof key);
    size_t m = token_word(t, w, sizeof w);
    return n > 0 && (size_t)n == m && memcmp(key, w, m) == 0;
}

/* The endings of compound adjectives: "Houthi-run", "Kremlin-backed", "US-made". */
static const char *const compound_endings[] = {
    "run", "led", "backed", "based", "born", "held", "controlled", "owned", "made", "linked",
    "allied", "aligned", "funded", "style", "era", "speaking", "occupied", "annexed",
    "brokered", "bound", "friendly", "affiliated", "operated", "supported", "built",
    "designed", "inspired", "appointed", "sponsored", "administered", "dominated", NULL};

/* "T-shirts", "X-ray", "U-turn", "P-waves": one capital letter joined by a hyphen to a
   lower-case word is a thing, never a name ("Jean-Luc" has a capital on both sides); and a
   word joined to a participle ("Houthi-run", "Kremlin-backed") is an adjective. Korean
   given names ("Seo-yeon", "Jong-un") have their lower-case half too, so only those endings
   count. */
static int not_a_name_compound(const doc_state *ds, const galley_token *t)
{
    const unsigned char *p = (const unsigned char *)ds->text + t->start;
    size_t n = t->end - t->start;
    if (n >= 4 && p[0] >= 'A' && p[0] <= 'Z' && p[1] == '-' && p[2] >= 'a' && p[2] <= 'z')
        return 1;
    size_t dash = t->fold_len;
    while (dash > 1 && t->fold[dash - 1] != '-')
        dash--;
    return dash > 1 && word_in(t->fold + dash, compound_endings);
}

/* "She'd", "they're", "I'll", "It's": a pronoun with a verb glued on. */
static int pronoun_contraction(const galley_token *t)
{
    static const char *const pronouns[] = {"i",   "you",  "he",   "she",   "it",   "we",
                                           "they", "there", "that", "who", "what", "here",
                                           "let", NULL};
    const char *apostrophe = memchr(t->fold, '\'', t->fold_len);
    if (!apostrophe || apostrophe == t->fold)
        return 0;
    size_t n = (size_t)(apostrophe - t->fold);
    for (size_t i = 0; pronouns[i]; i++)
        if (strlen(pronouns[i]) == n && memcmp(t->fold, pronouns[i], n) == 0)
            return 1;
    return 0;
}

static int has_digit(const galley_token *t)
{
    for (uint32_t i = 0; i < t->fold_len; i++)
        if (t->fold[i] >= '0' && t->fold[i] <= '9')
            return 1;
    return 0;
}

/*
 * The lexicon flags of one word.  A hyphenated word that is not listed whole
 * is looked up part by part: "Jean-Luc" is a given name when both parts are,
 * "al-Assad" is whatever "assad" is.
 */
static uint32_t word_flags(const doc_state *ds, const galley_token *t)
{
    const lex_entry *e = token_entry(ds, (size_t)(t - ds->tokens));
    if (e && (e->flags & ~LEX_PREFIX))
        return e->flags;
    char w[KEY_SIZE];
    size_t n = token_word(t, w, sizeof w);
    /* "O'Rourke", "O'Sullivan": an Irish family name, whatever follows the apostrophe */
    if (n > 3 && w[0] == 'o' && w[1] == '\'' && (t->flags & GALLEY_TOKEN_CAPITALISED)) {
        size_t after = ds->text[t->start + 1] == '\'' ? 2 : 4; /* ' or ’ */
        if (t->start + after < t->end &&
            upper_at((const unsigned char *)ds->text + t->start + after, t->end - t->start - after))
            return LEX_SURNAME;
    }
    /* "d'hoore" is whatever "hoore" is */
    const char *apostrophe = n > 2 ? memchr(w, '\'', n < 6 ? n : 6) : NULL;
    if (apostrophe && (size_t)(apostrophe - w) + 1 < n)
        for (size_t i = 0; hyphen_prefixes[i]; i++) {
            size_t len = strlen(hyphen_prefixes[i]);
            if (hyphen_prefixes[i][len - 1] == '\'' && (size_t)(apostrophe - w) + 1 == len &&
                strncmp(w, hyphen_prefixes[i], len) == 0) {
                const lex_entry *pe = lexicon_find(&ds->ps->lex, w + len, n - len);
                return pe ? pe->flags & ~LEX_PREFIX : 0;
            }
        }
    const char *dash = memchr(w, '-', n);
    if (!dash)
        return 0;
    uint32_t all = LEX_GIVEN | LEX_SURNAME;
    const char *p = w;
    int parts = 0;
    for (;;) {
        const char *q = memchr(p, '-', n - (size_t)(p - w));
        size_t len = q ? (size_t)(q - p) : n - (size_t)(p - w);
        int prefix = 0;
        for (size_t i = 0; hyphen_prefixes[i]; i++)
            if (strlen(hyphen_prefixes[i]) == len + 1 && strncmp(hyphen_prefixes[i], p, len) == 0)
                prefix = 1;
        if (!prefix) {
            const lex_entry *pe = len ? lexicon_find(&ds->ps->lex, p, len) : NULL;
            all &= pe ? pe->flags : 0;
            parts++;
        }
        if (!q)
            break;
        p = q + 1;
    }
    return parts ? all : 0;
}

/*
 * Builds the key of the words in tokens [from, to) into buf: folds joined by
 * single spaces, a full stop after a word skipped ("Lt. Col."), a possessive
 * on the last word dropped when strip is set.  Returns the length, or -1 when
 * the range holds anything but words, numbers and such full stops.
 */
static long range_key(const doc_state *ds, size_t from, size_t to, int strip, char *buf,
                      size_t size)
{
    size_t n = 0;
    int glued = 0; /* the word goes on the apostrophe before it: "van 't" */
    for (size_t i = from; i < to; i++) {
        const galley_token *t = &ds->tokens[i];
        if (t->kind == GALLEY_TOKEN_PUNCTUATION && i > from && is_punct(ds, t, '.') &&
            ds->tokens[i - 1].end == t->start)
            continue;
        if (t->kind == GALLEY_TOKEN_PUNCTUATION && i > from && i + 1 < to &&
            dutch_t(ds, i, to) == 2) {
            if (n + 3 > size)
                return -1;
            buf[n++] = ' ';
            buf[n++] = '\'';
            glued = 1;
            continue;
        }
        /* "a/l": the slash of a name's link, glued to the letters either side */
        if (i > from && i + 1 < to && t->end - t->start == 1 && ds->text[t->start] == '/' &&
            ds->tokens[i - 1].end == t->start && ds->tokens[i + 1].start == t->end) {
            if (n + 2 > size)
                return -1;
            buf[n++] = '/';
            glued = 1;
            continue;
        }
        if (t->kind != GALLEY_TOKEN_WORD && t->kind != GALLEY_TOKEN_NUMBER)
            return -1;
        size_t len = (strip && i + 1 == to && is_possessive(t)) ? t->fold_len - 2 : t->fold_len;
        if (n + len + 2 > size)
            return -1;
        if (n && !glued)
            buf[n++] = ' ';
        glued = 0;
        memcpy(buf + n, t->fold, len);
        n += len;
    }
    buf[n] = '\0';
    return (long)n;
}

/*
 * The longest phrases starting at token i whose lexicon entries have a flag
 * in each of count masks, in one walk over the words: lens[k] gets the length
 * in tokens for masks[k] (0 when none) and entries[k] the entry.  The walk
 * stops at the sentence's end (past), at a possessive ("Ukraine's"), and as
 * soon as no listed phrase starts with the words so far.
 */
static void phrases_at(const doc_state *ds, size_t i, size_t past, const uint32_t *masks,
                       size_t count, size_t *lens, const lex_entry **entries)
{
    char key[KEY_SIZE];
    size_t words = 0, limit = ds->ps->lex.max_words;
    if (limit > MAX_PHRASE_WORDS)
        limit = MAX_PHRASE_WORDS;
    for (size_t k = 0; k < count; k++) {
        lens[k] = 0;
        entries[k] = NULL;
    }
    for (size_t j = i; j < past && words < limit; j++) {
        const galley_token *t = &ds->tokens[j];
        if (is_punct(ds, t, '.') && j > i && ds->tokens[j - 1].end == t->start)
            continue;
        if (t->kind != GALLEY_TOKEN_WORD && t->kind != GALLEY_TOKEN_NUMBER)
            break;
        words++;
        int possessive = is_possessive(t), more = 0;
        for (int strip = 0; strip < 2; strip++) {
            if (strip && !possessive)
                break;
            const lex_entry *e;
            if (words == 1 && (strip || !possessive)) {
                e = token_entry(ds, j); /* the cached word, possessive dropped */
            } else {
                long n = range_key(ds, i, j + 1, strip, key, sizeof key);
                if (n <= 0)
                    break;
                e = lexicon_find(&ds->ps->lex, key, (size_t)n);
            }
            if (!e)
                continue;
            for (size_t k = 0; k < count; k++)
                if (e->flags & masks[k]) {
                    lens[k] = j + 1 - i;
                    entries[k] = e;
                }
            more |= !strip && (e->flags & LEX_PREFIX);
        }
        if (possessive || !more)
            break;
    }
    /* A full stop right after a title belongs to it ("Mr." "Lt. Col."). */
    for (size_t k = 0; k < count; k++) {
        size_t best = lens[k];
        if (best && (masks[k] & LEX_TITLE) && i + best < past &&
            is_punct(ds, &ds->tokens[i + best], '.') &&
            ds->tokens[i + best - 1].end == ds->tokens[i + best].start)
            lens[k] = best + 1;
    }
}

static size_t longest_phrase(const doc_state *ds, size_t i, size_t past, uint32_t mask,
                             const lex_entry **entry)
{
    size_t len;
    phrases_at(ds, i, past, &mask, 1, &len, entry);
    return len;
}

/* The longest meta name starting at token i, in tokens (0 when none). */
static size_t longest_meta(const doc_state *ds, size_t i, size_t past, const meta_name **found)
{
    char key[KEY_SIZE];
    size_t best = 0;
    *found = NULL;
    for (size_t m = 0; m < ds->meta_count; m++) {
        const meta_name *mn = &ds->meta[m];
        size_t words = 0, j = i;
        for (; j < past && words < mn->words; j++) {
            const galley_token *t = &ds->tokens[j];
            if (is_punct(ds, t, '.') && j > i)
                continue;
            if (!is_word(t))
                break;
            words++;
        }
        if (words != mn->words || j - i <= best)
            continue;
        long n = range_key(ds, i, j, 1, key, sizeof key);
        if (n > 0 && strcmp(key, pool_get(ds, mn->key)) == 0) {
            best = j - i;
            *found = mn;
        }
    }
    return best;
}

/*
 * The longest lexicon phrases of 1-4 words ending at token last (inclusive)
 * and starting at or after first_allowed, for each of count masks in one walk
 * over the keys (each key built and looked up once): lens[k] gets the length of
 * the longest with a flag in masks[k] (0 when none), entries[k] its entry.
 */
static void phrases_ending(const doc_state *ds, size_t first_allowed, size_t last,
                           const uint32_t *masks, size_t count, size_t *lens,
                           const lex_entry **entries)
{
    char key[KEY_SIZE];
    size_t left = count; /* masks without a phrase yet */
    for (size_t k = 0; k < count; k++) {
        lens[k] = 0;
        entries[k] = NULL;
    }
    if (ds->tokens[last].kind != GALLEY_TOKEN_WORD)
        return;
    for (size_t len = 4; len >= 1 && left; len--) {
        if (last + 1 < len || last + 1 - len < first_allowed)
            continue;
        const lex_entry *e;
        if (len == 1) {
            e = token_entry(ds, last);
        } else {
            long n = range_key(ds, last + 1 - len, last + 1, 1, key, sizeof key);
            if (n <= 0)
                continue;
            e = lexicon_find(&ds->ps->lex, key, (size_t)n);
        }
        if (!e)
            continue;
        for (size_t k = 0; k < count; k++)
            if (!lens[k] && (e->flags & masks[k])) {
                lens[k] = len;
                entries[k] = e;
                left--;
            }
    }
}

/* The longest such phrase for one mask: its length, its entry in *entry when not NULL. */
static size_t phrase_ending(const doc_state *ds, size_t first_allowed, size_t last, uint32_t mask,
                            const lex_entry **entry)
{
    size_t len;
    const lex_entry *e;
    phrases_ending(ds, first_allowed, last, &mask, 1, &len, &e);
    if (entry)
        *entry = e;
    return len;
}

enum body { BODY_PUBLIC = 1, BODY_PRIVATE = 2, BODY_PLACE = 4 };

/* What the words in tokens [from, past) say about the body an office is held in. */
static int body_of(const doc_state *ds, size_t from, size_t past)
{
    int body = 0;
    for (size_t k = from; k < past; k++) {
        const galley_token *t = &ds->tokens[k];
        if (!is_word(t))
            continue;
        const lex_entry *e = token_entry(ds, k);
        if (!e)
            continue;
        if (e->cue & CW_PRIVATE_BODY)
            body |= BODY_PRIVATE;
        else if ((e->cue & CW_PUBLIC_BODY) ||
                 ((t->flags & GALLEY_TOKEN_CAPITALISED) && (e->flags & LEX_PUBLIC)))
            body |= BODY_PUBLIC; /* "the Kremlin spokesman", "Zelensky's spokesman" */
        else if ((t->flags & GALLEY_TOKEN_CAPITALISED) && (e->flags & LEX_PLACE))
            body |= BODY_PLACE; /* "Denmark's foreign minister", but also "a Kyiv shop's manager" */
    }
    return body;
}

/*
 * The cue an office, rank or role in apposition gives.  Only an office can
 * make a public figure, and never one held in a private body ("the club's
 * president"); a post ("chair", "spokesman") needs a public body ("a
 * spokesman for the 3rd Brigade"; a place is not enough: "a Kyiv bakery's
 * manager"), and any other office an article ("the foreign minister, X") or
 * a public body or place ("X, a judge at the district court").
 */
static uint32_t office_cue(const lex_entry *e, int with_article, int body)
{
    if (!(e->flags & LEX_OFFICE) || (body & BODY_PRIVATE))
        return CUE_ROLE;
    if (e->flags & LEX_POST)
        return (body & BODY_PUBLIC) ? CUE_OFFICE_APPOS : CUE_ROLE;
    return (with_article || (body & (BODY_PUBLIC | BODY_PLACE))) ? CUE_OFFICE_APPOS : CUE_ROLE;
}

/* The cues after a name ending before token n, in sentence [.., past). */
/* "of Gladstone Road," "of Seamer Road, Scarborough," -- from token n, "of" and a few
   capitalised words that end the apposition: the address that court reports and local news
   give a person ("Jade Thornton, of Gladstone Road, admitted ..."). */
static int address_after(const doc_state *ds, size_t n, size_t past)
{
    if (n + 1 >= past || !fold_is(&ds->tokens[n], "of"))
        return 0;
    size_t k = n + 1, words = 0;
    while (k < past && words < 5 && (is_cap(ds, &ds->tokens[k]) || is_punct(ds, &ds->tokens[k], '-'))) {
        words += is_word(&ds->tokens[k]);
        k++;
    }
    if (!words || (k < past && !is_punct(ds, &ds->tokens[k], ',') &&
                   !(ds->tokens[k - 1].flags & GALLEY_TOKEN_SENTENCE_END) &&
                   !is_punct(ds, &ds->tokens[k], '.')))
        return 0;
    return !is_possessive(&ds->tokens[k - 1]);
}

/* Whether token n is an apostrophe glued to the word before it: "Magistrates' Court". */
static int glued_apostrophe(const doc_state *ds, size_t n)
{
    const galley_token *t = &ds->tokens[n];
    return n > 0 && t->kind != GALLEY_TOKEN_WORD && ds->tokens[n - 1].end == t->start &&
           (fold_is(t, "'") || fold_is(t, "\xE2\x80\x99"));
}

static uint32_t cues_after(const doc_state *ds, size_t n, size_t past)
{
    uint32_t cues = 0;
    /* "Boukary*, who was driving": the asterisk that marks a changed name is read past */
    if (n < past && glued_asterisk(ds, n))
        n++;
    if (n >= past)
        return 0;
    const galley_token *t = &ds->tokens[n];
    if (is_punct(ds, t, ',') && n + 1 < past) {
        const galley_token *u = &ds->tokens[n + 1];
        /* ", 34," or ", 34." -- or ", aged 34" */
        /* (";" too: "Yhimi, 10; Dayana, 11; ...", a list of the dead) */
        /* (or in words, as ages under ten often are: "Mae Dizon, eight, who") */
        if (((small_number(ds, u) ||
              (is_word(u) && !(u->flags & GALLEY_TOKEN_CAPITALISED) &&
               word_in(u->fold, number_words))) &&
             (n + 2 >= past || is_punct(ds, &ds->tokens[n + 2], ',') ||
              is_punct(ds, &ds->tokens[n + 2], ';') ||
              (ds->tokens[n + 2].flags & GALLEY_TOKEN_SENTENCE_END))) ||
            (fold_is(u, "aged") && n + 2 < past && small_number(ds, &ds->tokens[n + 2])))
            cues |= CUE_AGE;
        else if (address_after(ds, n + 1, past))
            cues |= CUE_ADDRESS;
        else if (fold_is(u, "nicknamed") || fold_is(u, "known") ||
                 (fold_is(u, "better") && n + 2 < past && fold_is(&ds->tokens[n + 2], "known"))) {
            /* "Devika Mistry, known to her family as Devi", "Ali Khan, nicknamed Bhola":
               another name for someone, which a place or a company is seldom given so */
            int as = fold_is(u, "nicknamed");
            for (size_t k = n + 2; !as && k < past && k < n + 9 && is_word(&ds->tokens[k]); k++)
                as = fold_is(&ds->tokens[k], "as");
            if (as)
                cues |= CUE_BYNAME;
        } else if (fold_is(u, "who") || fold_is(u, "whose")) {
            cues |= CUE_WHO;
            /* "Zorvana, who is 34 and ..." */
            if (n + 3 < past &&
                (fold_is(&ds->tokens[n + 2], "is") ||
                 fold_is(&ds->tokens[n + 2], "was") ||
                 fold_is(&ds->tokens[n + 2], "turned")) &&
                (small_number(ds, &ds->tokens[n + 3]) ||
                 word_in(ds->tokens[n + 3].fold, number_words)) &&
                (n + 4 >= past || !is_word(&ds->tokens[n + 4]) ||
                 fold_is(&ds->tokens[n + 4], "and") ||
                 fold_is(&ds->tokens[n + 4], "years")))
                cues |= CUE_AGE;
        } else if (fold_is(u, "a") || fold_is(u, "an") ||
                   has_cue(ds, (size_t)(u - ds->tokens), CW_DEFINITE) || is_possessive(u)) {
            int the = !(fold_is(u, "a") || fold_is(u, "an"));
            size_t stop = n + 8 < past ? n + 8 : past;
            int body = -1; /* read once, when an office is found */
            for (size_t k = n + 2; k < stop; k++) {
                const galley_token *w = &ds->tokens[k];
                if (!is_word(w) && w->kind != GALLEY_TOKEN_NUMBER && !is_punct(ds, w, '-'))
                    break;
                if (w->kind == GALLEY_TOKEN_NUMBER && k + 2 < past &&
                    strncmp(ds->tokens[k + 2].fold, "year", 4) == 0)
                    cues |= CUE_AGE; /* ", a 21-year-old model" */
                if (is_word(w) && has_cue(ds, k, CW_KIN))
                    cues |= CUE_ROLE; /* "Yarema, my grandson," "Olena, her neighbour," */
                const lex_entry *e;
                if (phrase_ending(ds, n + 2, k, LEX_ROLE | LEX_OFFICE | LEX_RANK, &e)) {
                    if (body < 0) {
                        /* the apposition: up to the next comma or quotation mark */
                        size_t end = n + 2;
                        while (end < past && end < n + 16 && !is_punct(ds, &ds->tokens[end], ',') &&
                               !(ds->tokens[end].flags &
                                 (GALLEY_TOKEN_QUOTE_OPEN | GALLEY_TOKEN_QUOTE_CLOSE)))
                            end++;
                        body = body_of(ds, n + 1, end);
                    }
                    cues |= office_cue(e, the, body);
                }
            }
        }
        /* "Tavita Fa'asolo, a team leader from Ngongotahā, said ...": the verb of saying
           after the apposition is the name's. */
        if (!(cues & CUE_ATTRIBUTION)) {
            size_t end = n + 1;
            while (end < past && end < n + 24 && !is_punct(ds, &ds->tokens[end], ',') &&
                   !(ds->tokens[end].flags & (GALLEY_TOKEN_QUOTE_OPEN | GALLEY_TOKEN_QUOTE_CLOSE)))
                end++;
            size_t k = end + 1;
            while (end < past && k < past && k < end + 4 && has_cue(ds, k, CW_AUX))
                k++;
            if (end < past && is_punct(ds, &ds->tokens[end], ',') && k < past &&
                has_cue(ds, k, CW_ATTRIB))
                cues |= CUE_ATTRIBUTION;
        }
        return cues;
    }
    /* "Faleolo's mother": only a person has relatives */
    if (n > 0 && is_possessive(&ds->tokens[n - 1]) && is_word(t) &&
        !(t->flags & GALLEY_TOKEN_CAPITALISED) && has_cue(ds, n, CW_KIN))
        cues |= CUE_ROLE;
    size_t k = n;
    while (k < past && k < n + 3 && has_cue(ds, k, CW_AUX))
        k++;
    if (k < past && has_cue(ds, k, CW_ATTRIB))
        cues |= CUE_ATTRIBUTION;
    /* "Vyshnia is a senior combat medic", "Oksana was a teacher": a trade stated */
    if ((fold_is(t, "is") || fold_is(t, "was")) && n + 2 < past &&
        (fold_is(&ds->tokens[n + 1], "a") || fold_is(&ds->tokens[n + 1], "an"))) {
        for (size_t r = n + 2; r < past && r < n + 6; r++) {
            if (!is_word(&ds->tokens[r]) || (ds->tokens[r].flags & GALLEY_TOKEN_CAPITALISED))
                break;
            if (has_flag(ds, r, LEX_ROLE) &&
                (r + 1 >= past || !is_word(&ds->tokens[r + 1]) ||
                 word_in(ds->tokens[r + 1].fold, apposition_ends))) {
                cues |= CUE_ROLE;
                break;
            }
        }
    }
    /* "Haidar is her cousin", "Marta was their neighbour": a relation stated */
    if ((fold_is(t, "is") || fold_is(t, "was")) && n + 2 < past &&
        has_cue(ds, n + 1, CW_DEFINITE) && !fold_is(&ds->tokens[n + 1], "the") &&
        has_cue(ds, n + 2, CW_KIN))
        cues |= CUE_ROLE;
    /* "Carlinhos the tailor": a trade after "the" (not "Ivan the Terrible", not "Rusty
       the kelpie", which the animal rule reads) */
    if (fold_is(t, "the") && n + 1 < past && is_word(&ds->tokens[n + 1]) &&
        !(ds->tokens[n + 1].flags & GALLEY_TOKEN_CAPITALISED) && has_flag(ds, n + 1, LEX_ROLE) &&
        (n + 2 >= past || !is_word(&ds->tokens[n + 2])))
        cues |= CUE_ROLE;
    /* "Dawie and I stopped talking": named beside the writer */
    if (fold_is(t, "and") && n + 1 < past &&
        (fold_is(&ds->tokens[n + 1], "i") || fold_is(&ds->tokens[n + 1], "me")))
        cues |= CUE_BESIDE_ME;
    /* "Tesla is 23 and ..." */
    if ((fold_is(t, "is") || fold_is(t, "was")) && n + 1 < past &&
        small_number(ds, &ds->tokens[n + 1])) {
        const galley_token *after = n + 2 < past ? &ds->tokens[n + 2] : NULL;
        if (!after || !is_word(after) || fold_is(after, "and") ||
            fold_is(after, "years"))
            cues |= CUE_AGE;
    }
    return cues;
}

/* The fold of token k, or "" outside [begin, k]. */
static const char *fold_at(const doc_state *ds, size_t begin, size_t k, size_t back)
{
    return k >= begin + back ? ds->tokens[k - back].fold : "";
}

/*
 * Whether the newsroom says it chose the name: "whom the Echo is calling Sara",
 * "this newspaper is calling him Yousif", "asked us to call him Sandro".
 */
static int newsroom_calls(const doc_state *ds, size_t begin, size_t first)
{
    if (first <= begin)
        return 0;
    size_t p = first - 1;
    const char *a = fold_at(ds, begin, p, 0), *b = fold_at(ds, begin, p, 1),
               *c = fold_at(ds, begin, p, 2), *d = fold_at(ds, begin, p, 3);
    int pronoun = str_is(a, "him") || str_is(a, "her") || str_is(a, "them");
    int be_b = str_is(b, "is") || str_is(b, "are") || str_is(b, "was") || str_is(b, "were");
    int be_c = str_is(c, "is") || str_is(c, "are") || str_is(c, "was") || str_is(c, "were");
    if (str_is(a, "calling") && be_b)
        return 1; /* "is calling Sara" */
    if (pronoun && str_is(b, "calling") && be_c)
        return 1; /* "is calling him Yousif" */
    if (pronoun && str_is(b, "call") && str_is(c, "to") && (str_is(d, "us") || str_is(d, "me")))
        return 1; /* "asked us to call him Sandro" */
    return 0;
}

/*
 * Whether the name starting at token first is introduced as all the page will
 * give: "identified in court only as K.", "known only by the initial K.",
 * "referred to only as Maria".  An identifying verb, then "only" or "initial",
 * then "as" or "by" (or "initial") right before the name, in one clause.
 */
static int identified_only(const doc_state *ds, size_t begin, size_t first)
{
    if (first <= begin)
        return 0;
    size_t p = first - 1;
    /* "who asked to be called only Sami": the name the page agreed to print */
    if (p >= begin + 2 &&
        (str_is(ds->tokens[p].fold, "only") || str_is(ds->tokens[p].fold, "simply")) &&
        (fold_is(&ds->tokens[p - 1], "called") || fold_is(&ds->tokens[p - 1], "named")) &&
        fold_is(&ds->tokens[p - 2], "be"))
        return 1;
    /* "identified only by his initials, T.V.H." */
    if (p > begin && (is_punct(ds, &ds->tokens[p], ',') || is_punct(ds, &ds->tokens[p], ':')) &&
        (fold_is(&ds->tokens[p - 1], "initials") || fold_is(&ds->tokens[p - 1], "initial")))
        p--;
    const char *f = ds->tokens[p].fold;
    int restricted = str_is(f, "initial") || str_is(f, "initials");
    if (!restricted && !str_is(f, "as") && !str_is(f, "by"))
        return 0;
    for (size_t k = p; k-- > begin && k + 8 > p;) {
        const galley_token *t = &ds->tokens[k];
        if (!is_word(t))
            return 0;
        if (fold_is(t, "only") || fold_is(t, "initial") ||
            fold_is(t, "initials"))
            restricted = 1;
        if (has_cue(ds, k, CW_IDENTIFIER))
            return restricted;
    }
    return 0;
}

/* "the Finnish Museum of Natural History, known as Luomus": "known as" after a body's
   name, token p being "as", gives the body's other name, not a person's. */
static int body_known_as(const doc_state *ds, size_t begin, size_t p)
{
    size_t k = p - 1; /* "known", or "only" in "known only as" */
    if (k > begin && !fold_is(&ds->tokens[k], "known"))
        k--;
    if (k < begin + 2 || !fold_is(&ds->tokens[k], "known") ||
        !is_punct(ds, &ds->tokens[k - 1], ','))
        return 0;
    /* the noun phrase before the comma, back to five words */
    for (size_t j = k - 1; j-- > begin && j + 6 > k;) {
        const galley_token *w = &ds->tokens[j];
        if (!is_word(w))
            break;
        if ((w->flags & GALLEY_TOKEN_CAPITALISED) && has_flag(ds, j, LEX_INSTITUTION | LEX_ORG))
            return 1;
    }
    return 0;
}

/*
 * The cues before a name starting at token first that say the page introduces
 * it as a name (CUE_CALLED: "the call sign Hunter", "known as", "we'll call him
 * Yamen"; with CUE_IDENTIFIED for a call sign), in sentence [begin, ..): the
 * part of cues_before a word other lists claim needs, at a fraction of its cost.
 */
static uint32_t naming_cues(const doc_state *ds, size_t begin, size_t first)
{
    uint32_t cues = 0;
    if (first <= begin)
        return 0;
    size_t p = first - 1;
    const galley_token *t = &ds->tokens[p];
    /* "the call sign Hunter", "their call signs: Lastivka, ...", "his nom de guerre, X",
       "uses the call sign “Lastivka”" */
    const galley_token *noun = t;
    int quoted_sign = t->kind != GALLEY_TOKEN_WORD && (t->flags & GALLEY_TOKEN_QUOTE_OPEN) &&
                      p > begin &&
                      (fold_is(&ds->tokens[p - 1], "sign") ||
                       fold_is(&ds->tokens[p - 1], "callsign"));
    if ((is_punct(ds, t, ':') || is_punct(ds, t, ',') || quoted_sign) && p > begin)
        noun = &ds->tokens[p - 1];
    /* "gives his call sign and nothing else: Páramo" */
    if (is_punct(ds, t, ':') && p > begin + 1 && word_in(noun->fold, sign_fillers)) {
        size_t q = p - 1;
        while (q > begin && q + 4 > p && word_in(ds->tokens[q].fold, sign_fillers))
            q--;
        if (fold_is(&ds->tokens[q], "sign") || fold_is(&ds->tokens[q], "callsign"))
            noun = &ds->tokens[q];
    }
    /* "asked to be named only by the nickname colleagues use for him, Hoolie": the word
       for the name a few words back in the same clause */
    if (is_punct(ds, t, ',') && noun == &ds->tokens[p - 1] && p > begin + 2) {
        for (size_t q = p - 1; q > begin && q + 7 > p && is_word(&ds->tokens[q]); q--)
            if (fold_is(&ds->tokens[q], "nickname") || fold_is(&ds->tokens[q], "pseudonym")) {
                noun = &ds->tokens[q];
                break;
            }
    }
    /* ("sign" only as the end of "call sign": "a green door with no sign, Rasha ...") */
    int bare_sign = (fold_is(noun, "sign") || fold_is(noun, "signs")) &&
                    !(noun > &ds->tokens[begin] && fold_is(noun - 1, "call"));
    if (!bare_sign && (fold_is(noun, "sign") || fold_is(noun, "callsign") ||
                       fold_is(noun, "guerre") || /* "his nom de guerre, Rojhat" */
                       fold_is(noun, "nickname") || fold_is(noun, "pseudonym") ||
                       (noun != t && (fold_is(noun, "signs") || fold_is(noun, "callsigns") ||
                                      fold_is(noun, "nicknames") || fold_is(noun, "pseudonyms")))))
        cues |= CUE_CALLED;
    /* "a mortar commander with the call sign Kobzar", "gave only his call sign, Chumak": a
       call sign is a soldier's name of war, all the page gives of them (a fuller name
       elsewhere, listed or not, still names the person: "Robert Brovdi, known by his
       call sign Magyar") */
    if (!bare_sign && (fold_is(noun, "sign") || fold_is(noun, "callsign")))
        cues |= CUE_IDENTIFIED;
    /* (not "was named Hezbollah's secretary-general": a possessive names no one) */
    if (has_cue(ds, (size_t)(t - ds->tokens), CW_CALLING) && p > begin &&
        !is_possessive(&ds->tokens[first]) && !body_known_as(ds, begin, p) &&
        (fold_is(t, "called") || fold_is(t, "named") ||
         fold_is(t, "nicknamed") ||
         (fold_is(t, "by") && word_in(ds->tokens[p - 1].fold, going_verbs)) ||
         (fold_is(t, "as") &&
          (fold_is(&ds->tokens[p - 1], "known") ||
           (p > begin + 1 && fold_is(&ds->tokens[p - 2], "known") &&
            (fold_is(&ds->tokens[p - 1], "only") ||
             fold_is(&ds->tokens[p - 1], "simply") ||
             fold_is(&ds->tokens[p - 1], "just")))))))
        cues |= CUE_CALLED;
    /* "a driver who calls herself Sparrow", "two men who call themselves Grom": the
       name someone chose, all the page gives of them */
    if (p > begin && (fold_is(t, "himself") || fold_is(t, "herself") || fold_is(t, "themselves")) &&
        (fold_is(&ds->tokens[p - 1], "calls") || fold_is(&ds->tokens[p - 1], "call") ||
         fold_is(&ds->tokens[p - 1], "called") || fold_is(&ds->tokens[p - 1], "calling")))
        cues |= CUE_CALLED;
    /* "I will call him Yamen", "we'll call her Mariam": the page names someone itself
       (not "everyone calls him Wints", a nickname of someone named already), and the name
       it gives is all it gives of them */
    if (p > begin + 1 && (fold_is(t, "him") || fold_is(t, "her")) &&
        word_in(ds->tokens[p - 1].fold, naming_verbs) &&
        word_in(ds->tokens[p - 2].fold, naming_modals))
        cues |= CUE_CALLED | CUE_IDENTIFIED;
    /* "my counsellor, whom I'll call Orla": the page's name, with no pronoun before it */
    if (p > begin + 1 && fold_is(t, "call") && word_in(ds->tokens[p - 1].fold, naming_modals) &&
        (fold_is(&ds->tokens[p - 2], "whom") || fold_is(&ds->tokens[p - 2], "who") ||
         fold_is(&ds->tokens[p - 2], "i") || fold_is(&ds->tokens[p - 2], "we")))
        cues |= CUE_CALLED | CUE_IDENTIFIED;
    /* "on condition that we call her Niamh" */
    if (p > begin + 2 && (fold_is(t, "him") || fold_is(t, "her")) &&
        fold_is(&ds->tokens[p - 1], "call") && fold_is(&ds->tokens[p - 2], "we"))
        cues |= CUE_CALLED | CUE_IDENTIFIED;
    /* "whom we have called Grace", "we've called her Amal": the same, done already */
    if (p > begin + 1 && fold_is(t, "called") &&
        (fold_is(&ds->tokens[p - 1], "have") || fold_is(&ds->tokens[p - 1], "'ve") ||
         fold_is(&ds->tokens[p - 1], "had")) &&
        (fold_is(&ds->tokens[p - 2], "we") || fold_is(&ds->tokens[p - 2], "i")))
        cues |= CUE_CALLED | CUE_IDENTIFIED;
    if (p > begin + 2 && (fold_is(t, "him") || fold_is(t, "her")) &&
        fold_is(&ds->tokens[p - 1], "called") &&
        (fold_is(&ds->tokens[p - 2], "have") || fold_is(&ds->tokens[p - 2], "'ve")) &&
        (fold_is(&ds->tokens[p - 3], "we") || fold_is(&ds->tokens[p - 3], "i")))
        cues |= CUE_CALLED | CUE_IDENTIFIED;
    /* "whom we are calling Marta", "a mother we're calling Ivy" */
    if (p > begin + 1 && fold_is(t, "calling") &&
        (fold_is(&ds->tokens[p - 1], "are") || fold_is(&ds->tokens[p - 1], "'re")) &&
        (fold_is(&ds->tokens[p - 2], "we") || fold_is(&ds->tokens[p - 2], "we're")))
        cues |= CUE_CALLED | CUE_IDENTIFIED;
    /* "a military photographer who used the code name Caesar" */
    if (p > begin &&
        (fold_is(t, "codename") || (fold_is(t, "name") && fold_is(&ds->tokens[p - 1], "code"))))
        cues |= CUE_CALLED | CUE_IDENTIFIED;
    return cues;
}

/* Labels of a scorer line in a sports round-up: "(Tries: Bourke 2, Wood; Goals: Sharp 4)",
   "Scorers: Okafor 23, Lindqvist 67". */
static const char *const scorer_labels[] = {
    "tries",  "try",         "goals",      "goal",        "scorers",
    "scorer", "goalscorers", "goalscorer", "conversions", "conversion",
    "cons",   "penalties",   "pens",       "assists",     NULL};

/*
 * Whether the name starting at token first is an entry of a scorer line: after a
 * scorer label and its colon, with only capitalised words, numbers and commas
 * between ("Tries: Lomax 3, Tonga 2, Walsh, Preston"). A scorer line names players
 * by surname alone, whatever else the word is (a town, a country, a word).
 */
static int scorer_entry(const doc_state *ds, size_t begin, size_t first)
{
    for (size_t k = first, steps = 0; k > begin && steps < 24; steps++) {
        const galley_token *t = &ds->tokens[--k];
        if (is_punct(ds, t, ':'))
            return k > begin && word_in(ds->tokens[k - 1].fold, scorer_labels);
        if (t->kind == GALLEY_TOKEN_NUMBER || is_punct(ds, t, ','))
            continue;
        if (is_word(t) && (t->flags & GALLEY_TOKEN_CAPITALISED))
            continue;
        return 0;
    }
    return 0;
}

/* The cues before a name starting at token first, in sentence [begin, ..). */
static uint32_t cues_before(const doc_state *ds, size_t begin, size_t first)
{
    if (first <= begin)
        return 0;
    uint32_t cues = naming_cues(ds, begin, first);
    size_t p = first - 1;
    const galley_token *t = &ds->tokens[p];
    if (has_cue(ds, (size_t)(t - ds->tokens), CW_ATTRIB_BEFORE))
        cues |= CUE_ATTRIBUTION;
    if (fold_is(t, "to") && p > begin && fold_is(&ds->tokens[p - 1], "according"))
        cues |= CUE_ATTRIBUTION;
    /* "Husband of Rashieda; father of Fadiel": a relation stated, as notices write it */
    if (fold_is(t, "of") && p > begin && word_in(ds->tokens[p - 1].fold, kin_of_nouns))
        cues |= CUE_ROLE;
    /* "Dir: Kim Da-eun | South Korea", "Starring: ...": a listing's label for a person */
    if (p > begin && is_punct(ds, t, ':') && word_in(ds->tokens[p - 1].fold, person_labels))
        cues |= CUE_ROLE;
    if ((is_punct(ds, t, ':') || is_punct(ds, t, ',')) && scorer_entry(ds, begin, first))
        cues |= CUE_ROLE;
    if (is_word(t) && ((t->fold_len > 9 && strcmp(t->fold + t->fold_len - 9, "-year-old") == 0) ||
                       fold_is(t, "year-old"))) /* "86-year-old": 86, -, year-old */
        cues |= CUE_AGE;
    if (identified_only(ds, begin, first) || newsroom_calls(ds, begin, first))
        cues |= CUE_IDENTIFIED;
    /* "the Kremlin spokesman Dmitry Peskov", "its foreign minister, Sergei Lavrov", "chef X". */
    size_t last = p;
    if (is_punct(ds, t, ',') && p > begin)
        last = p - 1;
    if (is_word(&ds->tokens[last]) && !(ds->tokens[last].flags & GALLEY_TOKEN_CAPITALISED)) {
        /* an office, else a role or a rank, from the same keys */
        static const uint32_t masks[2] = {LEX_OFFICE, LEX_ROLE | LEX_RANK};
        size_t lens[2];
        const lex_entry *found[2];
        phrases_ending(ds, begin, last, masks, 2, lens, found);
        const lex_entry *office = found[0];
        size_t len = lens[0];
        if (len == 1 && (office->flags & LEX_ACRONYM))
            len = 0; /* "by 10pm Lyalka": the office PM is written in capitals */
        if (len) {
            int the = 0;
            for (size_t k = last + 1 - len; k-- > begin && k + 5 > last;)
                if (has_cue(ds, k, CW_DEFINITE) || is_possessive(&ds->tokens[k]))
                    the = 1;
            /* the noun phrase the office heads: back to punctuation, seven words at most
               ("PT Sinar Langkah Abadi's human resources director") */
            size_t from = last + 1 - len;
            while (from > begin && from + 7 > last + 1 - len && is_word(&ds->tokens[from - 1]))
                from--;
            /* An office (not a post) right before the name is used as a title: "said
               prosecutor Curtis Mabry", "foreign minister Sergei Lavrov". */
            int title = last == p && !(office->flags & LEX_POST);
            cues |= office_cue(office, the || title, body_of(ds, from, last + 1));
        } else if (lens[1] ||
                   /* "her granddaughter Sofiyka", "my husband, Tom": a relation stated */
                   (has_cue(ds, last, CW_KIN) && last > begin &&
                    (is_possessive(&ds->tokens[last - 1]) ||
                     word_in(ds->tokens[last - 1].fold, possessive_determiners)))) {
            cues |= CUE_ROLE;
        }
    }
    return cues;
}

/* ---- runs of capitalised words ------------------------------------------ */

enum word_type { W_GIVEN, W_SURNAME, W_AMBIGUOUS, W_UNKNOWN, W_INITIAL, W_PARTICLE };

typedef struct run_word {
    uint32_t token;
    uint32_t past; /* past its full stop, for an initial */
    int type;
} run_word;

typedef struct scan {
    doc_state *ds;
    size_t begin, past; /* the sentence */
    run_word run[MAX_RUN];
    size_t run_count;
    uint32_t title_cue; /* the title before the run */
    size_t title_first, title_past;
    int org_word;       /* the run is one organisation word kept for its person cues */
} scan;

static int add_mention(scan *sc, size_t first, size_t past, uint32_t cues, int weak,
                       int32_t listed, int32_t meta)
{
    doc_state *ds = sc->ds;
    if (grow_array((void **)&ds->mentions, &ds->mention_cap, ds->mention_count + 1,
                   sizeof *ds->mentions) != 0)
        return -1;
    /* "De la Cruz said", "Le Goff's galettes": particles before one name word make a
       surname alone, keyed by that word, so it joins "Miguel de la Cruz" ("Ben", a given
       name, is no particle here; "Le", also a surname, is). */
    size_t from = first;
    while (from + 1 < past && is_word(&ds->tokens[from]) && has_cue(ds, from, CW_PARTICLE) &&
           !has_flag(ds, from, LEX_GIVEN))
        from++;
    if (past - from != 1 || !is_word(&ds->tokens[from]))
        from = first;
    char key[KEY_SIZE];
    long n = range_key(ds, from, past, 1, key, sizeof key);
    if (n <= 0)
        return 0; /* cannot happen for a run of words; nothing to record */
    mention *m = &ds->mentions[ds->mention_count];
    memset(m, 0, sizeof *m);
    m->first_token = (uint32_t)first;
    m->past_token = (uint32_t)past;
    const galley_token *last = &ds->tokens[past - 1];
    m->start = ds->tokens[first].start;
    m->end = last->end;
    if (is_possessive(last) && last->kind == GALLEY_TOKEN_WORD) {
        /* The s is one byte; the apostrophe before it is whichever character the core
           folded to ' (’ is three bytes, ʼ two, ' one): the name ends at its first byte. */
        uint32_t e = m->end - 1;
        do
            e--;
        while (e > m->start && ((unsigned char)ds->text[e] & 0xC0) == 0x80);
        m->end = e;
    }
    if (is_punct(ds, last, '.') && past - 1 > first)
        m->end = last->end; /* an initial's full stop stays with it */
    m->sentence = ds->tokens[first].sentence;
    m->block = ds->tokens[first].block;
    m->key = pool_add(&ds->pool, key, (size_t)n);
    const char *space = strchr(key, ' ');
    const char *last_space = strrchr(key, ' ');
    m->first_key = pool_add(&ds->pool, key, space ? (size_t)(space - key) : (size_t)n);
    m->last_key = last_space ? pool_add(&ds->pool, last_space + 1, strlen(last_space + 1))
                             : m->first_key;
    if (m->key == UINT32_MAX || m->first_key == UINT32_MAX || m->last_key == UINT32_MAX)
        return -1;
    m->words = 1;
    for (const char *p = key; *p; p++)
        m->words += *p == ' ';
    m->cues = cues;
    m->caps = (ds->tokens[first].flags & GALLEY_TOKEN_ALL_CAPS) != 0;
    m->weak = (uint8_t)weak;
    m->person = -1;
    m->listed = listed;
    m->meta = meta;
    if (sc->title_cue) {
        m->title = ds->text + ds->tokens[sc->title_first].start;
        m->title_len = ds->tokens[sc->title_past - 1].end - ds->tokens[sc->title_first].start;
    }
    ds->mention_count++;
    return 0;
}

/*
 * Whether the sentence is a headline set in title case: every word of four
 * letters or more capitalised (short ones, "of", "the", "and", stay lower case
 * in titles), and at least three of them.
 */
/* Words a headline in title case leaves in lower case. */
static const char *const title_case_minor[] = {
    "a",  "an", "the", "and", "but", "or",  "nor", "for", "so",  "yet", "at", "by", "in",
    "of", "on", "to",  "up",  "as",  "via", "vs",  "per", "off", "out", "'s", NULL};

static int title_case_sentence(const doc_state *ds, size_t begin, size_t past)
{
    size_t caps = 0;
    for (size_t i = begin; i < past; i++) {
        const galley_token *t = &ds->tokens[i];
        if (t->kind != GALLEY_TOKEN_WORD)
            continue;
        /* a short word in lower case that title case would capitalise ("who", "was") */
        if (t->fold_len < 4) {
            if (!(t->flags & GALLEY_TOKEN_CAPITALISED) && !word_in(t->fold, title_case_minor) &&
                !has_cue(ds, i, CW_PARTICLE))
                return 0;
            continue;
        }
        if (!(t->flags & GALLEY_TOKEN_CAPITALISED))
            return 0;
        caps++;
    }
    return caps >= 3;
}

static const char *const personal_pronouns[] = {"he",  "she",     "his",     "her",
                                                "him", "himself", "herself", NULL};

/* Whether the run that ends before run word k is the subject of a verb in lower case and the
   sentence refers to it as "he" or "she". */
static int personal_subject(const doc_state *ds, const scan *sc, size_t k)
{
    size_t n = sc->run[k - 1].past;
    if (n >= sc->past || !is_word(&ds->tokens[n]) ||
        (ds->tokens[n].flags & GALLEY_TOKEN_CAPITALISED))
        return 0;
    for (size_t i = n + 1; i < sc->past && i < n + 24; i++)
        if (is_word(&ds->tokens[i]) && word_in(ds->tokens[i].fold, personal_pronouns))
            return 1;
    return 0;
}

/* The conditions under which unknown capitalised words are taken for a name (close_run). */
static int name_shaped(const doc_state *ds, const scan *sc, size_t j, size_t k, size_t first)
{
    const galley_token *t0 = &ds->tokens[first];
    /* In quoted speech, only after a word in lower case or an ordinary word ("I rang Orrin
       Vell", "Then Orrin Vell came"): a quote's first words may be a title's. */
    if ((t0->flags & GALLEY_TOKEN_QUOTED) &&
        (first == sc->begin || !is_word(&ds->tokens[first - 1]) ||
         !(ds->tokens[first - 1].flags & GALLEY_TOKEN_QUOTED) ||
         ((ds->tokens[first - 1].flags & GALLEY_TOKEN_CAPITALISED) &&
          !has_flag(ds, first - 1, LEX_COMMON))))
        return 0;
    /* At the start of a sentence, only when a verb in lower case follows and the sentence
       goes on about him or her ("Tavita Faleolo was the first in his family") */
    if ((t0->flags & GALLEY_TOKEN_SENTENCE_INITIAL) && !personal_subject(ds, sc, k))
        return 0;
    if (first > sc->begin) {
        const galley_token *before = &ds->tokens[first - 1];
        /* not after an article ("the Pyramid Stage"), a place preposition ("in Campo de
           Ourique"), a number ("2024 Westcountry Sound") or an opening quote */
        if (fold_is(before, "the") || fold_is(before, "a") ||
            fold_is(before, "an") || fold_is(before, "at") ||
            (before->flags & GALLEY_TOKEN_QUOTE_OPEN) ||
            before->kind == GALLEY_TOKEN_NUMBER || has_cue(ds, first - 1, CW_LOCATIVE))
            return 0;
    }
    int ordinary = 1;
    for (size_t q = j; q < k; q++) {
        const galley_token *t = &ds->tokens[sc->run[q].token];
        if (sc->run[q].type == W_PARTICLE)
            continue;
        /* "Fire Safety", "Regulatory Reform": ordinary words in capitals name a law, a body
           or a programme; a name has at least one word that is no ordinary word */
        const lex_entry *e = token_entry(ds, sc->run[q].token);
        ordinary &= e != NULL && (e->flags & LEX_COMMON) != 0;
        /* letters only, at least three, with lower case after the capital */
        if (t->fold_len < 3)
            return 0;
        for (uint32_t b = 0; b < t->fold_len; b++) {
            unsigned char c = (unsigned char)t->fold[b];
            if (c < 0x80 && !(c >= 'a' && c <= 'z') && c != '\'' && c != '-')
                return 0;
        }
    }
    return !ordinary && !title_case_sentence(ds, sc->begin, sc->past);
}

/*
 * Whether the words before token first say that an address follows: a preposition
 * of place or movement ("on Gladstone Terrace", "from Harcombe Lane"), a qualifier ("Lower Mill Lane") or a
 * possessive ("Castlebridge's Mill Lane ground").  Then a last word that is both a
 * name and a place noun (Lane, Hill, Park) is the place noun.
 */
static int address_before(const doc_state *ds, size_t begin, size_t first)
{
    if (first <= begin)
        return 0;
    const galley_token *b = &ds->tokens[first - 1];
    if (b->kind != GALLEY_TOKEN_WORD)
        return 0;
    /* "Lower Mill Lane", "Old Church Road": the qualifier that opens a place name */
    static const char *const qualifiers[] = {"upper", "lower", "old", "new",   "north", "south",
                                             "east",  "west",  "great", "little", "high", NULL};
    for (const char *const *q = qualifiers; *q; q++)
        if (strcmp(b->fold, *q) == 0)
            return 1;
    /* prepositions of place and of movement: "on Gladstone Terrace", "from Harcombe Lane" */
    static const char *const prepositions[] = {
        "on",   "of",   "off",      "along",   "at",     "from",    "in",      "into",
        "onto", "near", "down",     "up",      "across", "towards", "through", "via",
        "past", "opposite", "outside", "behind", "beyond",  NULL};
    if (is_possessive(b))
        return 1;
    for (const char *const *p = prepositions; *p; p++)
        if (strcmp(b->fold, *p) == 0)
            return 1;
    return 0;
}

/* Whether the word ends with one of endings, leaving a stem of at least stem bytes. */
static int ends_with_one_of(const galley_token *t, const char *const *endings, size_t stem)
{
    for (const char *const *e = endings; *e; e++) {
        size_t n = strlen(*e);
        if (t->fold_len >= n + stem && memcmp(t->fold + t->fold_len - n, *e, n) == 0)
            return 1;
    }
    return 0;
}

/* An English noun's ending: a role (showrunner, headteacher, florist, custodian), an
   abstract noun (torréfaction) or a plural (twins). */
static int noun_ending(const galley_token *t)
{
    static const char *const endings[] = {"er", "or", "ist", "ian", "tion", "ness", "ment", "s",
                                          NULL};
    return ends_with_one_of(t, endings, 3);
}

/*
 * "Ok-ja", "Min-ji", "Seo-yeon": two syllables of two to four letters joined by a
 * hyphen, the second no word the lists know as English (an ordinary word, a role,
 * a cue such as "wife") -- a Korean or Chinese given name as it is
 * romanised, not a compound opening a sentence ("Pre-war", "Ex-wife", "Self-taught").
 */
static int romanised_given_name(const doc_state *ds, const galley_token *t)
{
    const char *f = t->fold;
    size_t n = t->fold_len;
    const char *dash = memchr(f, '-', n);
    if (!dash)
        return 0;
    size_t first = (size_t)(dash - f), second = n - first - 1;
    if (first < 2 || first > 4 || second < 2 || second > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (i != first && !(f[i] >= 'a' && f[i] <= 'z'))
            return 0;
    const lex_entry *e = lexicon_find(&ds->ps->lex, dash + 1, second);
    return !(e && ((e->flags & (LEX_COMMON | LEX_ROLE | LEX_NONNAME)) || e->cue));
}

/*
 * Whether run word j, a capitalised word no list knows that opens the sentence, is
 * an opener rather than a first name: before a given name it is ("Fifteen-year-old
 * Sofia", "Grandmother Olena"); before a surname only when it is hyphenated or
 * ambiguous ("Twenty-year-old Kovalenko"), since a first name no list knows opens
 * "Dev Malhotra, who drove up from Leicester".
 */
static int opener_not_name(const doc_state *ds, const scan *sc, size_t j)
{
    int next = sc->run[j + 1].type;
    if (has_cue(ds, sc->run[j].token, CW_PLACE_HEAD))
        return 0; /* "Café Gustave", "Rue Vautrin": the place rule reads it */
    const galley_token *t = &ds->tokens[sc->run[j].token];
    /* Before a given name, an ordinary word, a role, a relation or a hyphenated word
       opens the sentence ("Volunteer Maria", "Headteacher Gurpreet", "Twins Harvey and
       ...", "Grandmother Olena", "Fifteen-year-old Sofia"); any other word no list knows
       is a family name written first ("Tanimoto Yusuke, an analyst") or a first name
       ("Everlyne Nafula Shikuku"). */
    static const char *const verbs[] = {"will", "may", "can", "shall", "must", "might", NULL};
    /* a name that is also a verb opens a question with it: "Will James come?" */
    int question = sc->past > sc->begin && ds->tokens[sc->past - 1].kind != GALLEY_TOKEN_WORD &&
                   ds->tokens[sc->past - 1].fold[0] == '?';
    int verb = question && word_in(t->fold, verbs);
    /* A first name that is also a word, before one more given name that ends the words,
       is that person's first name: "Grace James said", "Amber Kereama, whose son". */
    if (next == W_GIVEN && sc->run[j].type == W_AMBIGUOUS && j + 2 == sc->run_count &&
        has_flag(ds, sc->run[j].token, LEX_GIVEN) && !verb)
        return 0;
    /* "Park Seo-yeon, 27, flew from Seoul": a family name that is also a word, before a
       hyphenated given name that ends the words, is a name written family name first */
    if (next == W_GIVEN && j + 2 == sc->run_count && has_flag(ds, sc->run[j].token, LEX_SURNAME) &&
        memchr(ds->tokens[sc->run[j + 1].token].fold, '-',
               ds->tokens[sc->run[j + 1].token].fold_len) != NULL)
        return 0;
    if (next == W_GIVEN)
        return has_flag(ds, sc->run[j].token, LEX_COMMON | LEX_ROLE) ||
               has_cue(ds, sc->run[j].token, CW_KIN) || memchr(t->fold, '-', t->fold_len) != NULL ||
               sc->run[j].type == W_AMBIGUOUS || noun_ending(t);
    /* "Meet Althea Ramos, the model who ...": a verb that
       teasers and captions open with, before two more capitalised words, opens the
       sentence (not "Saw Eh Doh", where a Karen name opens with a word of English) */
    static const char *const imperatives[] = {
        "meet",   "ask",    "watch",  "hear",      "listen",   "read",        "join",
        "follow", "thank",  "visit",  "discover",  "remember", "introducing", "celebrate",
        "vote",   "support", "congratulate", "welcome", NULL};
    if (next == W_UNKNOWN && sc->run[j].type == W_UNKNOWN && j + 2 < sc->run_count &&
        word_in(t->fold, imperatives) && !has_flag(ds, sc->run[j].token, LEX_NAME))
        return 1;
    if (next != W_SURNAME)
        return 0;
    /* before a surname, a hyphenated word ("Twenty-year-old Kovalenko") or a name that is
       also a verb opening a question ("Will Kovalenko stay?", not "Will O'Rourke took
       three wickets"); "Carol Klein's features" is a name */
    if (sc->run[j].type == W_AMBIGUOUS && verb)
        return 1;
    return memchr(t->fold, '-', t->fold_len) != NULL && !romanised_given_name(ds, t);
}

/* Nouns of works whose titles follow them in running text: "the song Paper Moon". */
static const char *const work_nouns[] = {
    "song",   "single",  "album",  "film",        "movie",  "novel",     "novella", "memoir",
    "opera",  "musical", "sitcom", "documentary", "poem",   "painting",  "podcast", "ballad",
    "anthem", "ship",    "vessel", "yacht",       "tanker", "racehorse", NULL};

static const char *const group_nouns[] = {
    "band", "duo", "group", "trio", "quartet", "quintet", "sextet", "septet", "octet", "collective",
    "ensemble", "orchestra", "choir", "troupe", "outfit", "supergroup", "girl-group", "boy-band",
    /* a work: "Lantern Rock, a storm-lashed drama about ..." */
    "film", "drama", "documentary", "thriller", "comedy", "romcom", "series", "miniseries",
    "sitcom", "novel", "novella", "memoir", "album", "song", "ballad", "musical", "opera",
    "podcast", "videogame", "painting", "sculpture", "installation",
    /* a place or a business: "Casa Nàcar, a guesthouse in the hills" */
    "restaurant", "bistro", "brasserie", "trattoria", "taverna", "café", "cafe", "bar", "pub",
    "hotel", "guesthouse", "hostel", "inn", "bakery", "boutique", "shop", "store", "brand", "label",
    "company", "firm", "start-up", "startup", "charity", "village", "hamlet", "town", "township",
    "suburb", "neighbourhood", "neighborhood", "island", "mountain", "peak", "valley", "estate",
    "vineyard", "winery", "distillery", "brewery", "farm", NULL};

/*
 * Whether the words from token n say that the name is a band's or another group's, a
 * work's, a place's or a business's: ", an eight-piece cumbia-punk collective from ...",
 * ", a synth-pop duo,", ", a storm-lashed drama about" -- an apposition whose noun is
 * one of those, with no role word before it ("a drummer in the band" is a person) nor
 * any word but a few prepositions and verbs after it ("a band member", "a film director",
 * "a restaurant owner").
 */
static int group_apposition(const doc_state *ds, size_t n, size_t past)
{
    if (n + 2 >= past || !is_punct(ds, &ds->tokens[n], ','))
        return 0;
    const char *article = ds->tokens[n + 1].fold;
    if (!str_is(article, "a") && !str_is(article, "an") && !str_is(article, "the"))
        return 0;
    for (size_t k = n + 2; k < past && k < n + 9; k++) {
        const galley_token *w = &ds->tokens[k];
        if (w->kind == GALLEY_TOKEN_NUMBER || is_punct(ds, w, '-'))
            continue;
        if (!is_word(w) || has_flag(ds, k, LEX_ROLE | LEX_OFFICE | LEX_RANK) ||
            has_cue(ds, k, CW_KIN))
            return 0;
        /* the head noun comes before any preposition: "a widow from a village near" */
        if (word_in(w->fold, apposition_ends))
            return 0;
        if (!word_in(w->fold, group_nouns))
            continue;
        if (is_possessive(w))
            return 0;
        /* "a film-maker", "a farm-worker": the first half of a compound */
        if (k + 1 < past && is_punct(ds, &ds->tokens[k + 1], '-') &&
            ds->tokens[k + 1].start == w->end)
            return 0;
        return k + 1 >= past || !is_word(&ds->tokens[k + 1]) ||
               word_in(ds->tokens[k + 1].fold, apposition_ends);
    }
    return 0;
}

/* Whether the words from token n say that a role is played: ", played by", "(voiced by",
   ", who is played by", ", sung by". */
static int played_by(const doc_state *ds, size_t n, size_t past)
{
    if (n < past && (is_punct(ds, &ds->tokens[n], ',') || is_punct(ds, &ds->tokens[n], '('))) {
        n++;
        /* past an apposition: "Rupert Campbell-Black, Cooper's most famous creation,
           played by Alex Hassell" */
        size_t k = n;
        while (k < past && k < n + 8 && !is_punct(ds, &ds->tokens[k], ',') &&
               ds->tokens[k].kind != GALLEY_TOKEN_PUNCTUATION)
            k++;
        if (k + 1 < past && k > n && is_punct(ds, &ds->tokens[k], ',') &&
            fold_is(&ds->tokens[k + 1], "played"))
            n = k + 1;
    }
    if (n + 2 < past && fold_is(&ds->tokens[n], "who") &&
        (fold_is(&ds->tokens[n + 1], "is") || fold_is(&ds->tokens[n + 1], "was")))
        n += 2;
    if (n + 1 >= past || !fold_is(&ds->tokens[n + 1], "by"))
        return 0;
    const char *verb = ds->tokens[n].fold;
    return str_is(verb, "played") || str_is(verb, "voiced") || str_is(verb, "portrayed") ||
           str_is(verb, "sung") || str_is(verb, "danced");
}

/* "She plays Bríd Conneely, a woman left to keep a lighthouse": after a verb of acting,
   a name that an apposition calls a woman, a man, a girl... is the part, not a person. */
static const char *const acting_verbs[] = {"plays", "played", "playing", "portrays",
                                           "portrayed", "portraying", NULL};
static const char *const part_nouns[] = {
    "woman", "man", "girl", "boy", "widow", "widower", "teenager", "mother", "father", "wife",
    "husband", "daughter", "son", "sister", "brother", "detective", "spy", "priest", "nun",
    "housewife", "heiress", "heir", "matriarch", "patriarch", NULL};
static int acted_part(const doc_state *ds, size_t first, size_t past, size_t begin, size_t end)
{
    if (first <= begin || !word_in(ds->tokens[first - 1].fold, acting_verbs))
        return 0;
    if (past + 2 >= end || !is_punct(ds, &ds->tokens[past], ','))
        return 0;
    const char *article = ds->tokens[past + 1].fold;
    if (!str_is(article, "a") && !str_is(article, "an") && !str_is(article, "the"))
        return 0;
    for (size_t k = past + 2; k < end && k < past + 9; k++) {
        if (ds->tokens[k].kind == GALLEY_TOKEN_NUMBER || is_punct(ds, &ds->tokens[k], '-'))
            continue; /* "a 40-year-old widow" */
        if (!is_word(&ds->tokens[k]))
            return 0;
        if (word_in(ds->tokens[k].fold, part_nouns))
            return 1;
    }
    return 0;
}

/* What a designer's label is printed on: "a Giorgio Armani dinner suit". */
static const char *const garment_nouns[] = {
    "suit", "suits", "dress", "dresses", "gown", "gowns", "tuxedo", "jacket", "coat", "bag",
    "bags", "handbag", "shoes", "sneakers", "trainers", "heels", "sunglasses", "perfume",
    "fragrance", "couture", "jumpsuit", "blazer", "shirt", "skirt", "trousers", "loafers",
    "boots", "scarf", "tie", "lamp", "chair", "sofa", NULL};
static const char *const garment_modifiers[] = {"dinner", "evening", "cocktail", "ball",
                                                "wedding", "leather", "silk", NULL};

/* Plural place nouns after two places joined by "and": "Masisi and Rutshuru territories". */
static const char *const plural_place_nouns[] = {
    "territories", "provinces", "districts", "regions", "counties", "states", "towns",
    "villages", "oblasts", "islands", "valleys", "streets", "roads", "rivers", NULL};

/* Verbs after the word a nickname or a name introduces that make it the giver's: "the
   nickname locals give the bridge", "the name Russians use for the city". */
static const char *const giving_verbs[] = {"give", "gave", "gives", "use", "used", "uses",
                                           "have", "had", NULL};

/* Compass words that make the next word a region: "west Clare", "northern Jordan". */
static const char *const compass_words[] = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "north-west", "north-east", "south-west", "south-east", "northwest", "northeast",
    "southwest", "southeast", "northwestern", "northeastern", "southwestern", "southeastern",
    "upstate", "downstate", NULL};

/* The last word of a business's name: "Marco's Fish Bar", "Angie's Kitchen". */
static const char *const business_nouns[] = {
    "bar", "café", "cafe", "kitchen", "grill", "diner", "deli", "bakery", "restaurant",
    "trattoria", "pizzeria", "bistro", "pub", "tavern", "salon", "barbers", "garage",
    "takeaway", "shop", "store", "market", "butchers", "chippy", "cantina", "taqueria",
    "emporium", "boutique", "hotel", "inn", "lodge", "motel", "farm", "nursery", NULL};
/* Whether, from token n, one to three capitalised words end with a business's, a place's
   or a body's noun: "Fish Bar", "Trattoria", "Garden Centre". */
static int business_after(const doc_state *ds, size_t n, size_t past)
{
    for (size_t k = n; k < past && k < n + 3; k++) {
        const galley_token *t = &ds->tokens[k];
        if (!is_cap(ds, t))
            return 0;
        if (word_in(t->fold, business_nouns) || has_cue(ds, k, CW_PLACE_NOUN) ||
            has_flag(ds, k, LEX_INSTITUTION))
            return 1;
    }
    return 0;
}

/* Nouns after a prize's name: "an Oscar nominee", "an Emmy-winning series". */
static const char *const prize_nouns[] = {"nominee", "nominees", "nomination", "nominations",
                                          "nominated", "winning", "winner", "winners",
                                          "statuette", "statuettes", NULL};

/* Nouns that take a Roman numeral without being anyone's name. */
/* The words before a storm's name. */
static const char *const storm_words[] = {"typhoon", "hurricane", "cyclone", "storm", NULL};

/* The nouns that end the name of a law or a treaty. */
static const char *const law_nouns[] = {"act", "acts", "regulations", "regulation", "rules",
                                        "bill", "code", "directive", "amendment", "guidelines",
                                        "ordinance", "decree", "treaty", "convention", "accord",
                                        "accords", "protocol", "statute", "charter", NULL};

/* Bodies and places whose names go on after "of": "the University of Otago", "the Bureau of
   Meteorology", "the Gulf of Tonkin" (not a family, a team or fans: "Family of Ana Ruiz"). */
static const char *const bodies_of[] = {
    "university", "bureau", "institute", "institution", "ministry", "department", "bank",
    "republic", "kingdom", "province", "state", "states", "college", "school", "museum",
    "church", "cathedral", "city", "county", "district", "region", "port", "isle", "isles",
    "gulf", "sea", "bay", "lake", "river", "mount", "cape", "court", "council", "academy",
    "faculty", "commonwealth", "emirate", "duchy", "principality", "federation", "diocese",
    "archdiocese", "borough", "town", "village", "island", "islands", "valley", "strait",
    "straits", "hospital", "centre", "center", "prefecture", "governorate", "municipality",
    "government", "conservatory", "conservatoire", "polytechnic", NULL};

/* Whether the words from token first come right after a capitalised body and "of"
   ("the University of Otago"). */
static int body_of_before(const doc_state *ds, size_t begin, size_t first)
{
    if (first < begin + 2 || !fold_is(&ds->tokens[first - 1], "of"))
        return 0;
    const galley_token *b = &ds->tokens[first - 2];
    return is_word(b) && (b->flags & GALLEY_TOKEN_CAPITALISED) && word_in(b->fold, bodies_of);
}

/* "Pratt & Whitney", "Marks & Spencer", "E&C": capitalised words on both sides of an
   ampersand. */
static int ampersand_joined(const doc_state *ds, const scan *sc, size_t first, size_t past)
{
    if (first >= sc->begin + 2 && fold_is(&ds->tokens[first - 1], "&") &&
        (ds->tokens[first - 2].flags & GALLEY_TOKEN_CAPITALISED))
        return 1;
    return past + 1 < sc->past && fold_is(&ds->tokens[past], "&") &&
           (ds->tokens[past + 1].flags & GALLEY_TOKEN_CAPITALISED);
}

static const char *const numbered_nouns[] = {
    "grade", "phase", "stage", "level", "tier", "class", "category", "part", "chapter", "act",
    "volume", "book", "title", "article", "section", "schedule", "annex", "protocol", "round",
    "season", "series", "type", "mark", "war", "vatican", "apollo", "gemini", "super", "bowl",
    "rocky", "star", "final", "fantasy", "las", "los", NULL};

/* Whether a word is a Roman numeral from II to XXX in capitals, of two letters or more
   ("III", "XIV"): a regnal number.  ("I", "V" and "X" alone are letters far more often.) */
static int regnal_number(const galley_token *t)
{
    if (t->kind != GALLEY_TOKEN_WORD || t->fold_len < 2 || t->fold_len > 6 ||
        !(t->flags & GALLEY_TOKEN_ALL_CAPS))
        return 0;
    static const char *const numerals[] = {
        "ii",   "iii",  "iv",    "vi",    "vii",  "viii", "ix",    "xi",     "xii",
        "xiii", "xiv",  "xv",    "xvi",   "xvii", "xviii", "xix",  "xx",     "xxi",
        "xxii", "xxiii", "xxiv", "xxv",   "xxvi", "xxvii", "xxviii", "xxix", "xxx", NULL};
    for (size_t i = 0; numerals[i]; i++)
        if (strcmp(t->fold, numerals[i]) == 0)
            return 1;
    return 0;
}

/* The length in tokens of the longest listed name (shipped or newsroom list) at token i,
   0 for none; *entry is its lexicon entry. */
static size_t listed_at(const doc_state *ds, size_t i, size_t past, const lex_entry **entry)
{
    static const uint32_t mask[1] = {LEX_PUBLIC | LEX_ON_RECORD};
    size_t len;
    phrases_at(ds, i, past, mask, 1, &len, entry);
    return len;
}

/* Whether a listed name of more than one token starts at token i: "J. Jayalalithaa", whose
   initial is the list's own. */
static int listed_from(const doc_state *ds, size_t i, size_t past)
{
    const lex_entry *e;
    return listed_at(ds, i, past, &e) > 1;
}

/* "Nasser Medical Complex", "Kamuzu Central Hospital": from token n, one or two capitalised
   words that are no names, then the capitalised noun of a place or a body: what the name
   before them names is the place. */
static int named_after(const doc_state *ds, size_t n, size_t past)
{
    size_t k = n;
    while (k < past && k < n + 2 && is_cap(ds, &ds->tokens[k]) &&
           !has_flag(ds, k, LEX_GIVEN | LEX_SURNAME | LEX_INSTITUTION) &&
           !has_cue(ds, k, CW_PLACE_NOUN))
        k++;
    return k > n && k < past && is_cap(ds, &ds->tokens[k]) &&
           (has_cue(ds, k, CW_PLACE_NOUN) || has_flag(ds, k, LEX_INSTITUTION));
}

/* Whether a word has the ending of a plural noun for people: "meteorologists",
   "paramedics", "technicians", "researchers", "inspectors". */
static int plural_of_people(const galley_token *t)
{
    static const char *const endings[] = {"ists", "ians", "ers", "ors", "ics", "ants", "ents",
                                          NULL};
    return ends_with_one_of(t, endings, 4);
}

/* "... I am at home for five minutes. — Moriak”": a dash after a finished sentence, then a
   name that ends the paragraph (or its quotation, or goes on only with a town after a comma),
   signs a letter or a message; not a list's dash ("– Mediation has fragmented"). */
static int signature(const doc_state *ds, size_t first, size_t past)
{
    if (first == 0)
        return 0;
    const galley_token *d = &ds->tokens[first - 1];
    if (d->kind == GALLEY_TOKEN_WORD ||
        (!fold_is(d, "\xE2\x80\x94") && !fold_is(d, "\xE2\x80\x93")))
        return 0;
    if (first < 2 || !(ds->tokens[first - 2].flags & GALLEY_TOKEN_SENTENCE_END) ||
        ds->tokens[first - 2].kind == GALLEY_TOKEN_WORD)
        return 0; /* after a sentence's last mark, not "Wed.–Sun." */
    const galley_block *b = &galley_doc_blocks(ds->doc)[ds->tokens[first].block];
    size_t block_end = (size_t)b->first_token + b->token_count;
    size_t k = past;
    if (k < block_end && (ds->tokens[k].flags & GALLEY_TOKEN_QUOTE_CLOSE) &&
        ds->tokens[k].kind != GALLEY_TOKEN_WORD)
        k++;
    if (k < block_end && is_punct(ds, &ds->tokens[k], ',')) {
        k++;
        while (k < block_end && is_cap(ds, &ds->tokens[k]))
            k++;
    }
    return k >= block_end;
}

/* Whether a line break stands between tokens a and b (a before b). */
static int break_between(const doc_state *ds, size_t a, size_t b)
{
    const galley_token *x = &ds->tokens[a], *y = &ds->tokens[b];
    return y->start > x->end && memchr(ds->text + x->end, '\n', y->start - x->end) != NULL;
}

/* "... is anyone listening?\n\nSione Taufa, coach, Norlane Junior Football Club": words
   of a name that open a line after a finished sentence, then a comma and a few words with
   no sentence's end (a town, a trade and a club), closing the line, sign a letter. */
static int signature_line(const doc_state *ds, size_t first, size_t past)
{
    if (first == 0 || past - first < 2 || past >= galley_doc_token_count(ds->doc))
        return 0;
    const galley_token *d = &ds->tokens[first - 1];
    if (d->kind == GALLEY_TOKEN_WORD || !break_between(ds, first - 1, first))
        return 0;
    if (is_punct(ds, d, ',')) {
        /* "Yours, etc,", "Kind regards,": a short line a comma ends closes the letter */
        size_t k = first - 1;
        while (k > 0 && k + 6 > first && !break_between(ds, k - 1, k))
            k--;
        if (k + 6 <= first || !is_cap(ds, &ds->tokens[k]))
            return 0;
    } else if (!((d->flags & (GALLEY_TOKEN_SENTENCE_END | GALLEY_TOKEN_QUOTE_CLOSE)) ||
                 fold_is(d, "?") || fold_is(d, "!")))
        return 0;
    if (!is_punct(ds, &ds->tokens[past], ',') || break_between(ds, past - 1, past))
        return 0;
    size_t count = galley_doc_token_count(ds->doc);
    for (size_t k = past + 1; k < count && k < past + 10; k++) {
        if (break_between(ds, k - 1, k))
            return k > past + 1;
        if (ds->tokens[k].flags & GALLEY_TOKEN_SENTENCE_END || fold_is(&ds->tokens[k], "?") ||
            fold_is(&ds->tokens[k], "!") || ds->tokens[k].kind == GALLEY_TOKEN_NUMBER)
            return 0;
        if (k + 1 == count)
            return 1;
    }
    return 0;
}

/* Cuts the run into name spans and records each with its evidence. */
static int close_run(scan *sc)
{
    doc_state *ds = sc->ds;
    size_t j = 0;
    while (j < sc->run_count) {
        /* A particle cannot start a name. */
        if (sc->run[j].type == W_PARTICLE) {
            j++;
            continue;
        }
        /* A capitalised sentence opener before a name is not part of it ("Fifteen-year-old Sofia"). */
        if ((sc->run[j].type == W_UNKNOWN || sc->run[j].type == W_AMBIGUOUS) &&
            (ds->tokens[sc->run[j].token].flags & GALLEY_TOKEN_SENTENCE_INITIAL) &&
            j + 1 < sc->run_count && opener_not_name(ds, sc, j)) {
            j++;
            continue;
        }
        size_t k = j, words = 0;
        int known = 0, ambiguous = 0, initials = 0, after_surname = 0, given = 0;
        for (; k < sc->run_count; k++) {
            int type = sc->run[k].type;
            if (type == W_PARTICLE) {
                if (k + 1 >= sc->run_count)
                    break;
                after_surname = 0; /* "Ortiz de Zárate": a particle joins a compound surname */
                continue;
            }
            if (type == W_INITIAL) {
                initials++;
                continue;
            }
            /* After a surname that follows a first name, an ordinary word starts something
               else ("Anna Petrenko Wins"); a word no list knows is a second surname
               ("Gabriel Ortega Salcedo"). */
            if (after_surname && type == W_UNKNOWN && has_flag(ds, sc->run[k].token, LEX_COMMON))
                break;
            if (words == 4)
                break;
            words++;
            if (type == W_GIVEN || type == W_SURNAME)
                known++;
            given += type == W_GIVEN;
            if (type == W_AMBIGUOUS)
                ambiguous++;
            after_surname = type == W_SURNAME && words > 1;
        }
        while (k > j + 1 && sc->run[k - 1].type == W_PARTICLE)
            k--;
        if (words == 0) {
            /* Initials alone: a person when the page says that is all it gives ("identified
               only as K.") or describes them as one ("S.M., a 38-year-old former municipal
               worker", "V.K., who ..."), and otherwise kept weak, so that "K.'s mother"
               joins K. and "U.S." stays a country. */
            if (initials && initials <= 3 && k > j) {
                size_t first = sc->run[j].token, past = sc->run[k - 1].past;
                uint32_t cues = CUE_INITIALS | (j == 0 ? cues_before(ds, sc->begin, first) : 0);
                if (k == sc->run_count)
                    cues |= cues_after(ds, past, sc->past) & (CUE_AGE | CUE_WHO | CUE_ROLE);
                int described = (cues & (CUE_IDENTIFIED | CUE_AGE | CUE_WHO | CUE_ROLE)) != 0 &&
                             !has_flag(ds, first, LEX_EXCLUDED);
                if (add_mention(sc, first, past, cues, !described, -1, -1) != 0)
                    return -1;
                ds->mentions[ds->mention_count - 1].initials_only = 1;
            }
            j = k > j ? k : j + 1;
            continue;
        }
        size_t first = sc->run[j].token, past = sc->run[k - 1].past;
        /* "near Hang Bac street": the words name a place, not a person; so do "Gare Lambert"
           and "Plaza de Mayo", whose place noun comes first, and "Carrow Market", whose
           last word is one (not when that word is also a name: "Hill", "Park", "Lane");
           "the Brannock Hale club" names a body.  A known given name says a person is
           named after all ("Anna Market", "the Anna Petrenko foundation"). */
        if ((past < sc->past && named_after(ds, past, sc->past)) ||
            (past < sc->past && is_word(&ds->tokens[past]) &&
             (has_cue(ds, past, CW_PLACE_NOUN) ||
              (!given && !is_possessive(&ds->tokens[past - 1]) && has_cue(ds, past, CW_ORG_NOUN)))) ||
            (words > 1 && has_cue(ds, first, CW_PLACE_HEAD)) ||
            (first > sc->begin && has_cue(ds, first - 1, CW_COMPANY_HEAD)) ||
            (words > 1 && street_word(&ds->tokens[sc->run[k - 1].token])) ||
            (words > 1 && first > sc->begin && fold_is(&ds->tokens[first - 1], "the") &&
             has_cue(ds, sc->run[k - 1].token, CW_PLACE_NOUN)) ||
            (words > 1 && !given &&
             (sc->run[k - 1].type == W_UNKNOWN ||
              ((sc->run[k - 1].type == W_SURNAME || sc->run[k - 1].type == W_AMBIGUOUS) &&
               address_before(ds, sc->begin, first))) &&
             has_cue(ds, sc->run[k - 1].token, CW_PLACE_NOUN))) {
            j = k;
            sc->title_cue = 0;
            continue;
        }
        /* "St Giles' Church", "Thorpe St Andrew", "Lake Tekapo": a capitalised word that opens
           a place's name and is no name itself, right before the words, makes them that
           place; "Pratt & Whitney", "Daeseong E&C": words joined to others by an ampersand
           name a firm; "the University of Otago", "the Bureau of Meteorology": words after
           a body or a place and "of" are its name. */
        if ((first > sc->begin && (ds->tokens[first - 1].flags & GALLEY_TOKEN_CAPITALISED) &&
             has_cue(ds, first - 1, CW_PLACE_HEAD) && !has_flag(ds, first - 1, LEX_GIVEN)) ||
            ampersand_joined(ds, sc, first, past) || body_of_before(ds, sc->begin, first)) {
            j = k;
            sc->title_cue = 0;
            continue;
        }
        /* "la calle Adolfo Prieto", "the rue Vautrin": a street word in lower case before
           the words names the street after them. */
        if (first > sc->begin && !(ds->tokens[first - 1].flags & GALLEY_TOKEN_CAPITALISED) &&
            has_cue(ds, first - 1, CW_STREET_HEAD)) {
            j = k;
            sc->title_cue = 0;
            continue;
        }
        /* "Typhoon Dodong", "Hurricane Milton", "Storm Éowyn", "Tropical Storm Alberto": a
           storm's name, whatever list knows it (the storm's word before the words, or as
           their first or second). */
        if ((first > sc->begin && (ds->tokens[first - 1].flags & GALLEY_TOKEN_CAPITALISED) &&
             word_in(ds->tokens[first - 1].fold, storm_words)) ||
            (words >= 2 && word_in(ds->tokens[first].fold, storm_words)) ||
            (words >= 3 && word_in(ds->tokens[sc->run[j + 1].token].fold, storm_words))) {
            j = k;
            sc->title_cue = 0;
            continue;
        }
        /* "Gen Z protests", "Gen X voters": a generation, not a general called Z. */
        if (words == 1 && !initials && j == 0 && sc->title_cue && first == sc->title_past &&
            fold_is(&ds->tokens[sc->title_first], "gen") &&
            ds->tokens[first].fold_len == 1 && strchr("xyz", ds->tokens[first].fold[0])) {
            j = k;
            sc->title_cue = 0;
            continue;
        }
        /* "the Digital Credit Providers Regulations", "the Online Safety Act": words that
           end in a law's noun name the law, and "P-waves", "T-shirts" are things. */
        if ((words >= 2 && !given && word_in(ds->tokens[sc->run[k - 1].token].fold, law_nouns)) ||
            (words == 1 && not_a_name_compound(ds, &ds->tokens[first]))) {
            j = k;
            sc->title_cue = 0;
            continue;
        }
        /* "PayHaven", "YouTube": a capital inside a word after its first letters, other than
           a name's prefix (McDonald, MacArthur, DiCaprio, LaToya), makes a brand. */
        if (words == 1 && camel_brand(ds, &ds->tokens[first])) {
            j = k;
            sc->title_cue = 0;
            continue;
        }
        /* "a Ford dealership", "an Adidas store": one word after an indefinite article is a
           brand or a kind, never someone named. */
        if (words == 1 && first > sc->begin && !(j == 0 && sc->title_cue) &&
            (fold_is(&ds->tokens[first - 1], "a") ||
             fold_is(&ds->tokens[first - 1], "an"))) {
            j = k;
            sc->title_cue = 0;
            continue;
        }
        /* "whose song Paper Moon topped the charts", "the album Blue Lines": words right
           after a work's noun in lower case are its title (not "the song Ed Sheeran wrote",
           with a first name); "the members of STAR CROWN": a band's */
        if (j == 0 && !sc->title_cue && first > sc->begin + 1 && is_word(&ds->tokens[first - 1]) &&
            !(ds->tokens[first - 1].flags & GALLEY_TOKEN_CAPITALISED) &&
            ((!given && word_in(ds->tokens[first - 1].fold, work_nouns)) ||
             (fold_is(&ds->tokens[first - 1], "of") &&
              (fold_is(&ds->tokens[first - 2], "members") ||
               fold_is(&ds->tokens[first - 2], "member")) &&
              !is_possessive(&ds->tokens[past - 1])))) {
            j = k;
            continue;
        }
        /* "the Attorney General's Office (AGU)": capitals in brackets after a body's name are
           its initials */
        if (words == 1 && first > sc->begin + 1 && past < sc->past &&
            (ds->tokens[first].flags & GALLEY_TOKEN_ALL_CAPS) &&
            is_punct(ds, &ds->tokens[first - 1], '(') && is_punct(ds, &ds->tokens[past], ')') &&
            (ds->tokens[first - 2].flags & GALLEY_TOKEN_CAPITALISED)) {
            j = k;
            sc->title_cue = 0;
            continue;
        }
        uint32_t cues = cues_after(ds, past, sc->past) | (j == 0 ? sc->title_cue : 0);
        if (j == 0) /* before the title, if any: "identified only as Ko Thet" */
            cues |= cues_before(ds, sc->begin, sc->title_cue ? sc->title_first : first);
        /* "told The Marina Ledger", "at the Anna Freud Centre": words right after "the" name
           a paper, a place or a body; a person needs a cue as well ("the late X" has one).
           ("the" only ever stands before a run's first name, so j is 0 here.) */
        if (words >= 2 && first > sc->begin && fold_is(&ds->tokens[first - 1], "the") &&
            !(j == 0 && sc->title_cue) &&
            !(cues & (CUE_AGE | CUE_ROLE | CUE_WHO | CUE_ATTRIBUTION))) {
            j = k;
            sc->title_cue = 0;
            continue;
        }
        if (known)
            cues |= CUE_GAZETTEER;
        if (initials && words)
            cues |= CUE_INITIALS;
        /* "Boukary*, who was driving": pages mark the names they changed so */
        if (past < sc->past && glued_asterisk(ds, past))
            cues |= CUE_ASTERISK;
        if (signature(ds, first, past) || (!known && signature_line(ds, first, past)))
            cues |= CUE_ATTRIBUTION;
        /* "Viva la Vida", "Anna Karenina" in quotation marks and filling them: a title, when
           nothing but the name lists speaks for a person. */
        if (words >= 2 && !(cues & ~CUE_GAZETTEER) && first > sc->begin && past < sc->past &&
            (ds->tokens[first - 1].flags & GALLEY_TOKEN_QUOTE_OPEN) &&
            (ds->tokens[past].flags & GALLEY_TOKEN_QUOTE_CLOSE)) {
            j = k;
            sc->title_cue = 0;
            continue;
        }
        uint32_t strong = CUE_HONORIFIC | CUE_RANK | CUE_OFFICE | CUE_OFFICE_APPOS |
                          CUE_ATTRIBUTION | CUE_AGE | CUE_ROLE | CUE_CALLED | CUE_INITIALS |
                          CUE_IDENTIFIED | CUE_ASTERISK | CUE_ADDRESS | CUE_BESIDE_ME | CUE_BYNAME;
        int weak;
        int unknown_inside = (size_t)known < words;
        /* ... but a first name with a possessive after the name is someone's: "in Matt
           Reeves's film" (a place keeps "in Kyiv's suburbs", with no first name). */
        if (known && unknown_inside && !(cues & ~CUE_GAZETTEER) && first > sc->begin &&
            has_cue(ds, first - 1, CW_LOCATIVE) &&
            !(sc->run[j].type == W_GIVEN && is_possessive(&ds->tokens[past - 1])))
            known = 0; /* judged like unknown words: weak without another cue */
        if (sc->org_word)
            weak = !(cues & (CUE_AGE | CUE_ROLE | CUE_WHO | CUE_CALLED | CUE_HONORIFIC | CUE_RANK));
        else if (known)
            weak = 0;
        else if (ambiguous)
            weak = !(cues & (strong | CUE_WHO)); /* "Grace, who was celebrating ..." */
        else
            weak = !(cues & (strong | (words > 1 ? CUE_WHO : 0)));
        /* "Sakhubai, who worked in the household for 34 years, sat ...": one word no list
           knows that opens its sentence before ", who" is someone the sentence is about
           (inside a sentence it is as often a place or a band: "a caterer from Yaba, who",
           "the Coastlanders, who toured"), and not in a question or a quotation, where
           "who" asks ("Organic, who will pay for organic?"); "whose" follows a place as
           often ("Pangwa, whose mines") */
        if (weak && words == 1 && !known && !ambiguous && !initials && (cues & CUE_WHO) &&
            (ds->tokens[first].flags & GALLEY_TOKEN_SENTENCE_INITIAL) &&
            !(ds->tokens[first].flags & GALLEY_TOKEN_QUOTED) && !has_flag(ds, first, LEX_COMMON) &&
            past + 1 < sc->past && fold_is(&ds->tokens[past + 1], "who") &&
            !is_punct(ds, &ds->tokens[sc->past - 1], '?'))
            weak = 0;
        /* "Nana, have a bit of faith", "Dad said": a word for a relative, used as a name
           for one, names no one the page could expose; it counts only as part of a full
           name ("Nana Akufo-Addo") or when it repeats one. */
        if (!weak && words == 1 && !initials && has_cue(ds, first, CW_KIN) &&
            !(cues & (CUE_HONORIFIC | CUE_RANK | CUE_AGE | CUE_CALLED | CUE_IDENTIFIED)))
            weak = 1;
        /* "the weather service in Pueblo said": one unknown word after "in" or "near",
           with nothing but a verb of saying after it, is the place of whoever speaks. */
        if (!weak && words == 1 && !known && !initials && first > sc->begin &&
            has_cue(ds, first - 1, CW_LOCATIVE) &&
            !(cues & ~(CUE_ATTRIBUTION | CUE_GAZETTEER)))
            weak = 1;
        /* "Friends said", "Officials told": one ordinary English word, whatever verb of
           saying follows, is no one named. */
        if (!weak && words == 1 && !known && !initials &&
            has_flag(ds, first, LEX_COMMON) && !(ambiguous && (cues & CUE_WHO)) &&
            !(cues & (CUE_HONORIFIC | CUE_RANK | CUE_AGE | CUE_CALLED | CUE_IDENTIFIED)))
            weak = 1;
        /* "Meteorologists said", "Cardiologists warn": one unknown word that opens the
           sentence with the ending of a plural noun for people at work is a group */
        if (!weak && words == 1 && !known && !initials &&
            (ds->tokens[first].flags & GALLEY_TOKEN_SENTENCE_INITIAL) && plural_of_people(&ds->tokens[first]) &&
            !(cues & (CUE_HONORIFIC | CUE_RANK | CUE_AGE | CUE_CALLED | CUE_IDENTIFIED)))
            weak = 1;
        /* "Le Panier", "La Canebière", "Le Comptoir Minh": a French article opening the
           words inside a sentence makes them a place or a business, unless a first name
           follows it or the sentence says who the person is ("met Le Goff, 52,"). */
        if (!weak && words >= 2 && (k - j) >= 2 && sc->run[j + 1].type != W_GIVEN &&
            !(ds->tokens[first].flags & GALLEY_TOKEN_SENTENCE_INITIAL) &&
            (fold_is(&ds->tokens[first], "le") || fold_is(&ds->tokens[first], "la") ||
             fold_is(&ds->tokens[first], "les")) &&
            !(cues & (strong & ~CUE_INITIALS)))
            weak = 1;
        /* "In Arroios, a chef from Busan ...": unknown words right after "in" or "near",
           with nothing but an apposition to vouch for them, are a place the sentence
           opens with; they count only when they repeat a name found otherwise. */
        if (!weak && !known && first > sc->begin && has_cue(ds, first - 1, CW_LOCATIVE) &&
            !(cues & (strong & ~CUE_ROLE)))
            weak = 1;
        /* "a shirt factory in Hamilton", "hotels in Brandon": so is one word the name lists
           know, unless it owns what follows ("in Maria's kitchen"). */
        if (!weak && words == 1 && known && !initials && first > sc->begin &&
            has_cue(ds, first - 1, CW_LOCATIVE) && !is_possessive(&ds->tokens[past - 1]) &&
            !(cues & (strong & ~CUE_ROLE)))
            weak = 1;
        /* "over the Shannon", "the Tyrone champions", "the Bouchard family": one word after
           "the" is a river, a county, a train or a family's name used as a noun; it counts
           only when it repeats a name found otherwise (Réjean Bouchard). */
        if (!weak && words == 1 && !initials && first > sc->begin &&
            fold_is(&ds->tokens[first - 1], "the") && !(j == 0 && sc->title_cue) &&
            !(cues & (CUE_AGE | CUE_ROLE | CUE_WHO | CUE_ATTRIBUTION | CUE_CALLED)))
            weak = 1;
        /* "Jean Atherton from Aberhosan asks": one unknown word after "from" right after a
           name is where that person lives; so is one word, known or not, after a trade and
           "from": "a long-haul trucker from Brandon" */
        if (!weak && words == 1 && !initials && first >= sc->begin + 2 &&
            fold_is(&ds->tokens[first - 1], "from") &&
            ((!known && is_cap(ds, &ds->tokens[first - 2]) &&
              !(ds->tokens[first - 2].flags & GALLEY_TOKEN_SENTENCE_INITIAL)) ||
             (is_word(&ds->tokens[first - 2]) &&
              !(ds->tokens[first - 2].flags & GALLEY_TOKEN_CAPITALISED) &&
              has_flag(ds, first - 2, LEX_ROLE))) &&
            !is_possessive(&ds->tokens[past - 1]) &&
            !(cues & (CUE_AGE | CUE_ROLE | CUE_WHO | CUE_CALLED | CUE_HONORIFIC | CUE_RANK)))
            weak = 1;
        /* "the schools of west Clare", "northern Jordan": one word after a compass word in
           lower case is a region; it counts only when it repeats a name found otherwise. */
        if (!weak && words == 1 && !initials && first > sc->begin &&
            is_word(&ds->tokens[first - 1]) &&
            !(ds->tokens[first - 1].flags & GALLEY_TOKEN_CAPITALISED) &&
            word_in(ds->tokens[first - 1].fold, compass_words) &&
            !(cues & (CUE_AGE | CUE_ROLE | CUE_WHO | CUE_ATTRIBUTION | CUE_CALLED | CUE_HONORIFIC |
                      CUE_RANK)))
            weak = 1;
        /* "If Queen's Park says no", "King's Cross": one word after a title in the
           possessive is a place named after that title-holder. */
        if (!weak && words == 1 && !initials && first > sc->begin &&
            is_possessive(&ds->tokens[first - 1]) && is_cap(ds, &ds->tokens[first - 1]) &&
            has_flag(ds, first - 1, LEX_TITLE) && !(cues & (CUE_AGE | CUE_ROLE | CUE_WHO | CUE_CALLED)))
            weak = 1; /* "Queen's Park says" is the province's government */
        /* "Marco's Fish Bar", "Angie's Trattoria": a name in the possessive before the
           capitalised words of a business or a place is the business's name. */
        if (weak != 2 && words <= 2 && is_possessive(&ds->tokens[past - 1]) &&
            business_after(ds, past, sc->past))
            weak = 2;
        /* "a four-time Oscar nominee", "her first Bafta nomination", "the Oscar-winning
           score": one word before the noun of a prize is the prize, not a person. */
        if (words == 1 && !initials && past < sc->past && past == sc->run[k - 1].past &&
            !(cues & (CUE_AGE | CUE_ROLE | CUE_WHO | CUE_ATTRIBUTION | CUE_CALLED | CUE_HONORIFIC |
                      CUE_RANK | CUE_OFFICE))) {
            size_t n = past;
            if (n + 1 < sc->past && is_punct(ds, &ds->tokens[n], '-') &&
                ds->tokens[n].start == ds->tokens[n - 1].end)
                n++; /* "Oscar-winning" */
            if (is_word(&ds->tokens[n]) && !(ds->tokens[n].flags & GALLEY_TOKEN_CAPITALISED) &&
                word_in(ds->tokens[n].fold, prize_nouns))
                weak = 2;
        }
        /* Words in capitals that no list knows are acronyms or a shouted headline; they
           count only when they repeat a known name ("KUZAN" after "SERHIY KUZAN"). */
        int all_caps = 1;
        for (size_t q = j; q < k; q++)
            all_caps &= (ds->tokens[sc->run[q].token].flags & GALLEY_TOKEN_ALL_CAPS) != 0 ||
                        sc->run[q].type == W_PARTICLE;
        if (all_caps && !known)
            weak = 1;
        /* Two-letter given names (Do, Go, An, Ha) are more often ordinary words, at the
           start of a sentence or in a headline set in title case. */
        if (!weak && words == 1 && !initials && !(cues & ~CUE_GAZETTEER) &&
            ds->tokens[first].end - ds->tokens[first].start <= 2)
            weak = 1;
        /* Two or three unknown capitalised words inside a sentence of ordinary prose are a
           name far more often than anything else once places, organisations and titles
           are ruled out ("included Gwyneth Paltrow and"); not after an article ("the
           Pyramid Stage"), not in quotes (a song), not in a headline in title case. */
        if (weak && !sc->org_word && words >= 2 && words <= 3 && !initials && !all_caps &&
            name_shaped(ds, sc, j, k, first))
            weak = 0, cues |= CUE_NAME_SHAPE;
        /* "Sargon II", "Tiglath-Pileser III": a regnal number after a name is part of it,
           and says a person (a monarch or a pope) is named */
        if (weak != 2 && past < sc->past && past == sc->run[k - 1].past &&
            regnal_number(&ds->tokens[past])) {
            int plain_words = 0; /* "Type II", "Phase III", "Grade II" are no one */
            for (size_t q = j; q < k; q++)
                plain_words |= has_flag(ds, sc->run[q].token, LEX_COMMON) ||
                               word_in(ds->tokens[sc->run[q].token].fold, numbered_nouns);
            if (!plain_words) {
                past++;
                cues |= CUE_REGNAL;
                weak = 0;
            }
        }
        if (weak != 2 && add_mention(sc, first, past, cues, weak, -1, -1) != 0)
            return -1;
        /* "Rusty the kelpie", "their dog, Bear", "the horse Shergar", "a lynx called Jara":
           an animal's name */
        if (weak != 2 && words == 1) {
            size_t before = first;
            /* past a comma ("their dog, Bear") or a verb of naming ("a lynx called Jara") */
            if (before > sc->begin &&
                (is_punct(ds, &ds->tokens[before - 1], ',') ||
                 (before > sc->begin + 1 && (fold_is(&ds->tokens[before - 1], "called") ||
                                             fold_is(&ds->tokens[before - 1], "named") ||
                                             fold_is(&ds->tokens[before - 1], "nicknamed")))))
                before--;
            if ((before > sc->begin && has_cue(ds, before - 1, CW_ANIMAL)) ||
                (past + 1 < sc->past && fold_is(&ds->tokens[past], "the") &&
                 has_cue(ds, past + 1, CW_ANIMAL)))
                ds->mentions[ds->mention_count - 1].animal = 1;
        }
        /* "Lupita Descalza, a synth-pop duo from Mexico City": a band's name, no one's */
        if (weak != 2 && group_apposition(ds, past, sc->past))
            ds->mentions[ds->mention_count - 1].animal = 1;
        /* "Rupert Campbell-Black, played by Alex Hassell", "the Penguin (voiced by ...)":
           a character in a film, series or play, which no one needs to clear. */
        if (weak != 2 && (played_by(ds, past, sc->past) ||
                          acted_part(ds, first, past, sc->begin, sc->past)))
            ds->mentions[ds->mention_count - 1].character = 1;
        if (weak != 2 && first > sc->begin && has_cue(ds, first - 1, CW_LOCATIVE))
            ds->mentions[ds->mention_count - 1].locative = 1;
        j = k;
        sc->title_cue = 0; /* the title belonged to the first name only */
    }
    sc->run_count = 0;
    sc->title_cue = 0;
    sc->org_word = 0;
    return 0;
}

static uint32_t title_cue(uint32_t flags)
{
    /* "Coach Winston Clarke", "Manager Mícheál Mac Aoidh": a team's post says what the
       person does, not that they hold a public office */
    if (flags & LEX_TEAM)
        return CUE_ROLE;
    return (flags & LEX_OFFICE) ? CUE_OFFICE : (flags & LEX_RANK) ? CUE_RANK : CUE_HONORIFIC;
}

/*
 * Whether a given name that is also a place or another word ("Sofia",
 * "Florence", "Jan") is said of a person here: an age, "who" or a role after
 * it ("Sofia, 8,"; "Victoria, who"; "Jan, a fan from Antwerp"), a word for a
 * relative before it ("her granddaughter Sofia"), or a list it ends after
 * another first name ("Daniel and Sofia").  A verb of saying is
 * not enough: "Jordan said" is a country's government as often as a person.
 */
static int person_around(const doc_state *ds, const scan *sc, size_t i, int place)
{
    /* a role after a place is as often the next item of a list: "two cousins in Chad, an
       uncle in Port Sudan" */
    if (cues_after(ds, i + 1, sc->past) & (CUE_AGE | CUE_WHO | (place ? 0 : CUE_ROLE)))
        return 1;
    size_t k = i;
    if (k > sc->begin && is_punct(ds, &ds->tokens[k - 1], ','))
        k--;
    if (k > sc->begin && has_cue(ds, k - 1, CW_KIN))
        return 1;
    if (ds->mention_count && i > sc->begin) {
        const mention *m = &ds->mentions[ds->mention_count - 1];
        const galley_token *joiner = &ds->tokens[i - 1];
        if (m->past_token + 1 == i && m->sentence == ds->tokens[i].sentence && m->words == 1 &&
            (m->cues & CUE_GAZETTEER) &&
            (is_punct(ds, joiner, ',') || fold_is(joiner, "and") ||
             fold_is(joiner, "or")))
            return 1;
    }
    return 0;
}

/* "A", "I", "O": a letter that is a word of its own, never an initial. */
static int letter_word(const galley_token *t)
{
    return fold_is(t, "a") || fold_is(t, "i") || fold_is(t, "o");
}

/* Initials written together, "M.K" (and its full stop) in "M.K. Stalin" or "S.M., 38". */
static int glued_initials(const galley_token *t)
{
    if (t->fold_len < 3 || t->fold_len > 7 || t->fold_len % 2 == 0 ||
        !(t->flags & GALLEY_TOKEN_ALL_CAPS))
        return 0;
    for (size_t k = 0; k < t->fold_len; k++)
        if (k % 2 ? t->fold[k] != '.' : !(t->fold[k] >= 'a' && t->fold[k] <= 'z'))
            return 0;
    return 1;
}

/* The type of a capitalised word in a run. */
static int classify_word(const doc_state *ds, const galley_token *t, uint32_t flags)
{
    size_t chars = 0;
    for (size_t i = t->start; i < t->end; i++)
        chars += ((unsigned char)ds->text[i] & 0xC0) != 0x80;
    if (chars == 1 && (t->flags & GALLEY_TOKEN_CAPITALISED))
        return W_INITIAL;
    if (glued_initials(t))
        return W_INITIAL;
    if (flags & LEX_AMBIGUOUS)
        return W_AMBIGUOUS;
    if (flags & LEX_GIVEN)
        return W_GIVEN;
    if (flags & LEX_SURNAME)
        return W_SURNAME;
    return W_UNKNOWN;
}

static int next_is_name_word(const doc_state *ds, size_t i, size_t past)
{
    if (i + 1 >= past || !is_cap(ds, &ds->tokens[i + 1]))
        return 0;
    const lex_entry *e;
    if (longest_phrase(ds, i + 1, past, LEX_EXCLUDED, &e))
        return (e->flags & LEX_NAME) != 0;
    return 1;
}

/* Whether token t is the first word of the listed person's own name ("Otto" of Otto Pérez Molina). */
static int own_first_name(const scan *sc, const galley_token *t, const lex_entry *listed)
{
    const lexicon *lex = &sc->ds->ps->lex;
    const char *name = listed->public_index >= 0      ? lex->public[listed->public_index].name
                       : listed->on_record_index >= 0 ? lex->on_record[listed->on_record_index].name
                                                      : NULL;
    char key[KEY_SIZE];
    const char *space = name ? strchr(name, ' ') : NULL;
    if (!space)
        return 0;
    long n = fold_name(name, (size_t)(space - name), key, sizeof key);
    return n > 0 && (size_t)n == t->fold_len && memcmp(key, t->fold, (size_t)n) == 0;
}

/* A protected witness's code as courts give it: one to three capital letters, a
   hyphen and digits ("P-0551", "KW-12", "K-2"); returns the number of digits, or 0. */
static int witness_code(const doc_state *ds, const galley_token *t)
{
    const char *w = ds->text + t->start;
    size_t n = t->end - t->start, k = 0;
    while (k < n && k < 3 && w[k] >= 'A' && w[k] <= 'Z')
        k++;
    if (k == 0 || k >= n || w[k] != '-')
        return 0;
    size_t digits = 0;
    for (k++; k < n && w[k] >= '0' && w[k] <= '9'; k++)
        digits++;
    return k == n ? (int)digits : 0;
}

/* Whether a mention before this one is the same code: "P-0551 replied".  Keys are
   interned, so a code no mention has is not in the pool (one lookup, not a pass over
   every mention of a long page). */
static int code_named_before(const doc_state *ds, const galley_token *t)
{
    uint32_t key = pool_find(&ds->pool, t->fold, t->fold_len);
    if (key == UINT32_MAX)
        return 0;
    for (size_t m = ds->mention_count; m-- > 0;)
        if (ds->mentions[m].key == key && ds->mentions[m].initials_only)
            return 1;
    return 0;
}

/*
 * Whether token i, a listed form, goes on a run of capitalised words right
 * before it (see scan_sentence): 0 when no run is going on, 2 when the run
 * opens with the listed person's own first name ("Ihor V. Terekhov"), 1 when
 * it names someone else ("Mariia Terekhov").
 */
static int continues_name(const scan *sc, size_t i, const lex_entry *listed)
{
    if (!sc->run_count || sc->run[sc->run_count - 1].past != i)
        return 0;
    return own_first_name(sc, &sc->ds->tokens[sc->run[0].token], listed) ? 2 : 1;
}

/* Whether token i follows "witness", or "witness," ("Witness K-2", "a protected witness, P-0718"). */
static int after_witness(const scan *sc, size_t i)
{
    const doc_state *ds = sc->ds;
    size_t wi = i > sc->begin && is_punct(ds, &ds->tokens[i - 1], ',') ? i - 1 : i;
    return wi > sc->begin && fold_is(&ds->tokens[wi - 1], "witness");
}

/* Whether token j is a protected witness's number after "Witness": one to three digits,
   or one capital letter that is no initial (not followed by a full stop or a
   capitalised word), with no word glued to it. */
static int court_number(const doc_state *ds, const scan *sc, size_t j)
{
    const galley_token *n = &ds->tokens[j];
    size_t len = n->end - n->start;
    const char *w = ds->text + n->start;
    if (n->start == ds->tokens[j - 1].end)
        return 0;
    if (n->kind == GALLEY_TOKEN_NUMBER) {
        if (len > 3)
            return 0;
        for (size_t k = 0; k < len; k++)
            if (w[k] < '0' || w[k] > '9')
                return 0;
    } else if (!(n->kind == GALLEY_TOKEN_WORD && len == 1 && w[0] >= 'A' && w[0] <= 'Z')) {
        return 0;
    }
    if (j + 1 < sc->past) {
        const galley_token *a = &ds->tokens[j + 1];
        if (a->start == n->end && !is_punct(ds, a, ',') && !is_punct(ds, a, '.') &&
            !is_punct(ds, a, ';') && !is_punct(ds, a, ':'))
            return 0; /* "Witness 7th", "Witness 7-year" */
        if (n->kind == GALLEY_TOKEN_WORD && (is_punct(ds, a, '.') || is_cap(ds, a)))
            return 0;
        if (is_cap(ds, a) && a->kind == GALLEY_TOKEN_WORD && a->start > n->end)
            return 0; /* "Witness 2 Protection Act"-like titles */
    }
    return 1;
}

static int scan_sentence(doc_state *ds, const galley_sentence *s)
{
    scan sc;
    memset(&sc, 0, sizeof sc);
    sc.ds = ds;
    sc.begin = s->first_token;
    sc.past = s->first_token + s->token_count;
    prime_entries(ds, sc.begin, sc.past);
    for (size_t i = sc.begin; i < sc.past; i++) {
        const galley_token *t = &ds->tokens[i];
        /* "identified in court only as P-0551": a protected witness's code is all the
           page gives of a person, and names them wherever it comes back. */
        const int cap = is_cap(ds, t);
        /* (a code opens with a capital letter: most words need no look for a digit) */
        int digits = (t->flags & GALLEY_TOKEN_CAPITALISED) && has_digit(t) ? witness_code(ds, t) : 0;
        int witness = digits ? after_witness(&sc, i) : 0;
        if (digits >= 2 || (digits == 1 && witness)) {
            uint32_t cues = sc.run_count == 0 ? cues_before(ds, sc.begin, i) : 0;
            if (close_run(&sc) != 0)
                return -1;
            /* "Witness P-0718", "Witness K-2", "a second protected witness, P-0718": a
               code a court gives is a name withheld by the court; so is one of three
               digits or more said of a person ("heard from P-1042, a farmer", "BG-031, a
               health worker") or introduced as a name ("known as BG-031") */
            if (witness ||
                (digits >= 3 && ((cues & CUE_CALLED) ||
                                 (cues_after(ds, i + 1, sc.past) &
                                  (CUE_ROLE | CUE_WHO | CUE_AGE | CUE_ATTRIBUTION)))))
                cues |= CUE_IDENTIFIED;
            if ((cues & CUE_IDENTIFIED) || code_named_before(ds, t)) {
                if (add_mention(&sc, i, i + 1, cues | CUE_CALLED, 0, -1, -1) != 0)
                    return -1;
                ds->mentions[ds->mention_count - 1].initials_only = 1;
            }
            sc.title_cue = 0;
            continue;
        }
        /* "Witness 7", "Witness B": the number or letter a court gives a protected
           witness is a name withheld by the court, "Witness" and all ("witness 7" in
           lower case, "Witness A. Dube", "Witness 2024" are not). */
        if (t->fold_len == 7 && (t->flags & GALLEY_TOKEN_CAPITALISED) && i + 1 < sc.past &&
            fold_is(t, "witness") && court_number(ds, &sc, i + 1)) {
            if (close_run(&sc) != 0)
                return -1;
            if (add_mention(&sc, i, i + 2, CUE_IDENTIFIED | CUE_CALLED, 0, -1, -1) != 0)
                return -1;
            ds->mentions[ds->mention_count - 1].initials_only = 1;
            sc.title_cue = 0;
            i++;
            continue;
        }
        /* "She'd", "They're", "I'll" open sentences in capitals and are no one; a word
           with a digit in it is a model or a code ("Juno-60"), and the run it is in a
           product's name ("Roland Juno-60"). */
        if (cap && (pronoun_contraction(t) || has_digit(t))) {
            if (has_digit(t))
                sc.run_count = 0;
            sc.title_cue = 0;
            sc.org_word = 0;
            if (close_run(&sc) != 0)
                return -1;
            continue;
        }
        if (!cap) {
            if (!sc.run_count) {
                sc.title_cue = 0;
                continue;
            }
            /* Particles inside a name: "bin Salman", "van der Berg". */
            size_t after = i;
            /* Only inside a run: a lookup for every lower-case word would cost more than
               everything else here together. */
            size_t unit = 0; /* the tokens of the particle at i */
            for (;;) {
                size_t n = after < sc.past && is_word(&ds->tokens[after]) &&
                                   has_cue(ds, after, CW_PARTICLE)
                               ? 1
                           : after > i || sc.run[sc.run_count - 1].type == W_PARTICLE
                               ? dutch_t(ds, after, sc.past)
                           : after == i ? slash_link(ds, after, sc.past)
                                        : 0;
                if (!n)
                    break;
                if (!unit)
                    unit = n;
                after += n;
            }
            if (sc.run_count < MAX_RUN && after > i && after < sc.past && after - i <= 4 &&
                is_cap(ds, &ds->tokens[after])) {
                sc.run[sc.run_count++] =
                    (run_word){(uint32_t)i, (uint32_t)(i + unit), W_PARTICLE};
                i += unit - 1;
                continue;
            }
            if (close_run(&sc) != 0)
                return -1;
            continue;
        }
        /* "Kemal Bey", "Bhatia Sahib": a courtesy title after a name ends it, and says
           the name is a person's. */
        if (sc.run_count && sc.run[sc.run_count - 1].past == i &&
            has_cue(ds, i, CW_HONORIFIC_AFTER)) {
            if (!sc.title_cue) {
                sc.title_first = i;
                sc.title_past = i + 1;
            }
            sc.title_cue |= CUE_HONORIFIC;
            if (close_run(&sc) != 0)
                return -1;
            continue;
        }
        /* "A. Peter Jeyaraj", "I. M. Pei": a capital letter and its full stop before a
           capitalised word is an initial, whatever the lists say of "A" or "I". */
        if (t->end - t->start == 1 && (t->flags & GALLEY_TOKEN_CAPITALISED) && i + 2 < sc.past &&
            is_punct(ds, &ds->tokens[i + 1], '.') && ds->tokens[i + 1].start == t->end &&
            is_cap(ds, &ds->tokens[i + 2]) && sc.run_count < MAX_RUN &&
            !listed_from(ds, i, sc.past) &&
            /* "recorded 51°C. Dadu, Larkana ...": a letter glued to a number or a
               symbol is a unit, not an initial */
            !(i > sc.begin && ds->tokens[i - 1].end == t->start &&
              (ds->tokens[i - 1].kind == GALLEY_TOKEN_NUMBER ||
               ds->tokens[i - 1].kind == GALLEY_TOKEN_SYMBOL))) {
            sc.run[sc.run_count++] = (run_word){(uint32_t)i, (uint32_t)i + 2, W_INITIAL};
            i++;
            continue;
        }
        /* "Ma. Cristina Dela Peña", "Md. Rafiqul Islam", "Mohd. Faiz": a first name
           written short, with its full stop, before the rest of a name is part of it (and
           "Ma." no Burmese title) */
        if ((t->flags & GALLEY_TOKEN_CAPITALISED) && i + 2 < sc.past &&
            word_in(t->fold, given_abbreviations) && is_punct(ds, &ds->tokens[i + 1], '.') &&
            ds->tokens[i + 1].start == t->end && is_cap(ds, &ds->tokens[i + 2]) &&
            sc.run_count < MAX_RUN) {
            sc.run[sc.run_count++] = (run_word){(uint32_t)i, (uint32_t)i + 2, W_GIVEN};
            i++;
            continue;
        }
        static const uint32_t masks[3] = {LEX_TITLE, LEX_EXCLUDED | LEX_INSTITUTION,
                                          LEX_PUBLIC | LEX_ON_RECORD};
        size_t lens[3];
        const lex_entry *found[3];
        phrases_at(ds, i, sc.past, masks, 3, lens, found);
        const lex_entry *te = found[0], *xe = found[1], *pe = found[2];
        const meta_name *me;
        size_t pt = lens[0];
        /* A title counts only before a name: "President Zelensky", not "the President said",
           nor one with a possessive: "Queen's Park", "King's College". */
        if (pt && (!(i + pt < sc.past && is_cap(ds, &ds->tokens[i + pt])) ||
                   is_possessive(&ds->tokens[i + pt - 1])))
            pt = 0;
        /* A courtesy or family title standing alone is nobody's name: "Teta said", "as
           Grandma does", "Ah Ma asked", "Tai Pak, Ku Ma, Yi Ma" (one that is also a name
           is left to the lists: "Pan", "Lolo"). */
        if ((lens[0] == 1 || (lens[0] > 1 && is_word(&ds->tokens[i + lens[0] - 1]))) && !pt &&
            (te->flags & LEX_HONORIFIC) && !(te->flags & (LEX_NAME | LEX_PUBLIC | LEX_ON_RECORD))) {
            if (close_run(&sc) != 0)
                return -1;
            i += lens[0] - 1;
            continue;
        }
        /* A courtesy title that is also a family or a first name is the title only before
           a known first name or a name of two words: Burmese "Ko Aung Min", "Ma Ei
           Thandar", "Sheikh Mohamed", "Don Aurelio", but "Ma Ying-jeou", "Pak Se-ri",
           "Don Lemon". */
        if (pt == 1 && (te->flags & LEX_HONORIFIC) && (te->flags & LEX_NAME) &&
            !(i + 2 < sc.past && is_cap(ds, &ds->tokens[i + 2])) &&
            !(i + 1 < sc.past && has_flag(ds, i + 1, LEX_GIVEN)) &&
            /* "Thiru K. Selvam": an initial and a name after it make a name of two words */
            !(i + 3 < sc.past && ds->tokens[i + 1].end - ds->tokens[i + 1].start == 1 &&
              (ds->tokens[i + 1].flags & GALLEY_TOKEN_CAPITALISED) &&
              is_punct(ds, &ds->tokens[i + 2], '.') && is_cap(ds, &ds->tokens[i + 3])) &&
            /* "my Lola Pacita": after "my" or "her" it is the family title */
            !(i > sc.begin && word_in(ds->tokens[i - 1].fold, possessive_determiners)))
            pt = 0;
        /* "Wa Ode Sitti Marlina", "La Ode Siti Hasanah": a courtesy title that is also a
           first name, right after words of a name already begun, goes on that name */
        if (pt == 1 && (te->flags & LEX_HONORIFIC) && (te->flags & LEX_GIVEN) &&
            sc.run_count >= 2 && sc.run[sc.run_count - 1].past == i &&
            !(t->flags & GALLEY_TOKEN_SENTENCE_INITIAL))
            pt = 0;
        /* "U Tun Tun Oo", "Daw Mya Mya Win": a word said twice is a name of its own
           (Burmese names double a syllable), not a title before the second */
        if (pt == 1 && (te->flags & LEX_HONORIFIC) &&
            ((i + 1 < sc.past && ds->tokens[i + 1].fold_len == t->fold_len &&
              memcmp(ds->tokens[i + 1].fold, t->fold, t->fold_len) == 0) ||
             (i > sc.begin && ds->tokens[i - 1].fold_len == t->fold_len &&
              memcmp(ds->tokens[i - 1].fold, t->fold, t->fold_len) == 0)))
            pt = 0;
        size_t px = lens[1], pp = lens[2];
        size_t pm = ds->meta_count ? longest_meta(ds, i, sc.past, &me) : 0;
        if (!pm)
            me = NULL;
        /* One listed word that goes on a name already begun is that name's last word, not
           the listed person: "Lucia Ortega" is not Daniel Ortega, nor "Mariia Terekhov"
           an Ihor Terekhov on a newsroom's list.  A title before it has closed the run ("President
           Ortega"); an unknown word that opens the sentence is taken for a first name, as
           clearing a private person by mistake costs more than flagging a public one. */
        size_t own_from = i; /* where the listed name starts: its own first name, if before */
        /* The same holds for a listed surname of two words: "Juan Carlos Pérez Molina" is
           not Otto Pérez Molina. */
        int goes_on = pp >= 1 && pm < pp && (pp == 1 || !own_first_name(&sc, t, found[2]))
                          ? continues_name(&sc, i, found[2])
                          : 0;
        /* A listed name that opens with its own first name, right after another first
           name, is the end of a longer name: "Mohamed Ahmed el-Tayeb" (Mohamed, son of
           Ahmed) is not Ahmed el-Tayeb. */
        if (pp >= 2 && pm < pp && !goes_on && sc.run_count &&
            sc.run[sc.run_count - 1].past == i && sc.run[sc.run_count - 1].type == W_GIVEN &&
            own_first_name(&sc, t, found[2]))
            pp = 0;
        if (goes_on == 1)
            pp = 0;
        else if (goes_on == 2)
            own_from = sc.run[0].token;
        /* Likewise a listed form that is also a given name and opens a longer name: "Petro
           Kulyk" is not Gustavo Petro. */
        if (pp == 1 && pm < pp && (found[2]->flags & LEX_GIVEN) &&
            !(t->flags & GALLEY_TOKEN_ALL_CAPS) && next_is_name_word(ds, i, sc.past))
            pp = 0;
        /* "Murakami Yuko, 61, a farmer": a surname listed alone, then a first name that
           is not the listed person's own, is someone else's name in family-first order */
        if (pp == 1 && pm < pp && sc.run_count == 0 && i + 1 < sc.past &&
            !(t->flags & GALLEY_TOKEN_ALL_CAPS) && is_cap(ds, &ds->tokens[i + 1]) &&
            !is_possessive(t) && has_flag(ds, i + 1, LEX_GIVEN) &&
            !own_first_name(&sc, &ds->tokens[i + 1], found[2]))
            pp = 0;
        /* A title wins over a listed name that starts with it: "Prince Faisal bin Farhan",
           "King Philippe", "Sir Mo Farah" are the listed names after the title.  Not so a
           courtesy title the list writes as part of the name, where the words after it are
           no listed name, or only a first name: "Prime Minister Sheikh Hasina" is Sheikh
           Hasina, not some Hasina. */
        int own_title = pt && pp > pt && pm < pp && (te->flags & LEX_HONORIFIC);
        if (own_title) {
            const lex_entry *re;
            size_t rest = listed_at(ds, i + pt, sc.past, &re);
            own_title = pt + rest < pp || (pt + rest == pp && rest == 1 &&
                                           (re->flags & LEX_GIVEN) && !(re->flags & LEX_SURNAME));
        }
        if (pt && pt >= px && !own_title) {
            if (close_run(&sc) != 0)
                return -1;
            sc.title_cue = title_cue(te->flags);
            sc.title_first = i;
            sc.title_past = i + pt;
            i += pt - 1;
            continue;
        }
        if ((pp || pm) && (pp > pm ? pp : pm) >= px) {
            uint32_t keep_title = sc.title_cue;
            size_t tf = sc.title_first, tp = sc.title_past;
            if (own_from < i)
                sc.run_count = 0; /* the run is the listed name's own first words */
            if (close_run(&sc) != 0)
                return -1;
            sc.title_cue = keep_title;
            sc.title_first = tf;
            sc.title_past = tp;
            size_t len = pm >= pp ? pm : pp;
            /* "Kihara Minoru", "Takaichi Sanae": a surname listed alone, then the listed
               person's own given name, is the name in family-first order. */
            if (pm < pp && i + len < sc.past && is_cap(ds, &ds->tokens[i + len]) &&
                own_first_name(&sc, &ds->tokens[i + len], pe))
                len++;
            /* "Samuel García Sepúlveda", "Gustavo Petro Urrego": after a listed name of two
               words or more, a surname (or a word no list knows) is the person's second
               surname, not someone else */
            else if (pm < pp && len >= 2 && i + len < sc.past &&
                     is_cap(ds, &ds->tokens[i + len]) && !is_possessive(&ds->tokens[i + len - 1]) &&
                     !(ds->tokens[i + len].flags & GALLEY_TOKEN_ALL_CAPS)) {
                const lex_entry *ne = token_entry(ds, i + len);
                uint32_t nf = ne ? ne->flags : 0;
                if ((nf & LEX_SURNAME) ? !(nf & (LEX_EXCLUDED | LEX_INSTITUTION | LEX_TITLE))
                                       : !nf && !has_cue(ds, i + len, CW_PLACE_NOUN | CW_ORG_NOUN))
                    len++;
            }
            /* "St Patrick's, Drumcondra", "St Mary's": a saint's name in the possessive is a
               church, a school or a hospital named after them */
            if (is_possessive(&ds->tokens[i + len - 1]) &&
                (fold_is(&ds->tokens[i], "st") || fold_is(&ds->tokens[i], "saint") ||
                 fold_is(&ds->tokens[i], "st."))) {
                sc.title_cue = 0;
                i += len - 1;
                continue;
            }
            /* "Shevchenko Street", "Zelensky Avenue": a listed name before a place noun
               names the place after the person; nobody is mentioned. */
            /* "Scarborough Magistrates' Court", "Westwood Primary School": nor before a
               body's name, up to its noun */
            size_t q = i + len;
            while (q < sc.past && q < i + len + 3 &&
                   ((is_cap(ds, &ds->tokens[q]) && !has_flag(ds, q, LEX_INSTITUTION) &&
                     !has_cue(ds, q, CW_PLACE_NOUN | CW_ORG_NOUN)) ||
                    (q > i + len && glued_apostrophe(ds, q))))
                q++;
            /* (and "the Simón Bolívar Symphony Orchestra", "the Nelson Mandela Foundation") */
            int body_name = q < sc.past && is_cap(ds, &ds->tokens[q]) &&
                            (has_flag(ds, q, LEX_INSTITUTION) ||
                             has_cue(ds, q, CW_PLACE_NOUN | CW_ORG_NOUN)) &&
                            !is_possessive(&ds->tokens[i + len - 1]);
            /* "Masisi and Rutshuru territories": two places under one plural noun */
            if (!body_name && q == i + len && q + 2 < sc.past &&
                fold_is(&ds->tokens[q], "and") && is_cap(ds, &ds->tokens[q + 1])) {
                size_t r = q + 2;
                while (r < sc.past && r < q + 4 && is_cap(ds, &ds->tokens[r]) &&
                       !has_cue(ds, r, CW_PLACE_NOUN))
                    r++;
                body_name = r < sc.past && word_in(ds->tokens[r].fold, plural_place_nouns);
            }
            /* "a midnight-black Giorgio Armani dinner suit", "a Louis Vuitton bag": a
               designer's name before what was made is the label */
            if (!body_name && q == i + len && q < sc.past && is_word(&ds->tokens[q]) &&
                !(ds->tokens[q].flags & GALLEY_TOKEN_CAPITALISED) &&
                !is_possessive(&ds->tokens[i + len - 1])) {
                size_t r = q;
                if (r + 1 < sc.past && word_in(ds->tokens[r].fold, garment_modifiers))
                    r++; /* "dinner suit", "evening gown" */
                body_name = word_in(ds->tokens[r].fold, garment_nouns);
            }
            if (body_name && title_case_sentence(ds, sc.begin, sc.past))
                body_name = 0; /* "Lubinets Says Centre Will ...": a headline in title case */
            if (body_name || (i + len < sc.past && is_word(&ds->tokens[i + len]) &&
                              has_cue(ds, i + len, CW_PLACE_NOUN))) {
                sc.title_cue = 0;
                i += len;
                continue;
            }
            uint32_t cues = CUE_LISTED | keep_title | cues_after(ds, i + len, sc.past) |
                            cues_before(ds, sc.begin, own_from);
            /* "stranded on side streets in Scarborough": a surname alone that a listed
               person shares with a place, after "in" or "near" and with nothing else that
               speaks for a person, is the place; so after "from" when a list knows the
               place ("a nurse from Offenbach", but "a call from Macron"); so after ", of",
               an address. */
            if (len == 1 && pm < pp && own_from == i && i > sc.begin && !keep_title &&
                (has_cue(ds, i - 1, CW_LOCATIVE) ||
                 (fold_is(&ds->tokens[i - 1], "from") && has_flag(ds, i, LEX_PLACE)) ||
                 /* "Sandeep Gill, 30, of Westwood,": an address */
                 (i >= sc.begin + 2 && fold_is(&ds->tokens[i - 1], "of") &&
                  is_punct(ds, &ds->tokens[i - 2], ','))) &&
                !(cues & ~(CUE_LISTED | CUE_GAZETTEER)) && !is_possessive(t)) {
                sc.title_cue = 0;
                continue;
            }
            int32_t listed = pm >= pp ? -1 : pe->public_index;
            int32_t meta = pm >= pp ? (int32_t)(me - ds->meta) : -1;
            if (add_mention(&sc, own_from, i + len, cues, 0, listed, meta) != 0)
                return -1;
            if (pm < pp && pe->public_index < 0 && pe->on_record_index >= 0)
                ds->mentions[ds->mention_count - 1].listed = -2 - pe->on_record_index;
            /* "Petro" alone is Gustavo Petro only if the page names him in full; "Rihanna"
               and "Neymar", listed under that one name, are themselves. */
            if (pm < pp && len == 1 && (pe->flags & LEX_GIVEN) && !(pe->flags & LEX_SURNAME) &&
                !(pe->public_index >= 0 &&
                  one_word_name(ds->ps->lex.public[pe->public_index].name, t)))
                ds->mentions[ds->mention_count - 1].listed_given = 1;
            sc.title_cue = 0;
            i += len - 1;
            continue;
        }
        /* "Stylist Seo Ji-hoon", "Fisherman Hemi Walker": a word for a trade or a role, set
           in capitals before a name of two words or more, introduces the name as "chef X"
           does and is no part of it (before one word it may be the first name: "Shepherd
           Smith"). */
        if (sc.run_count == 0 && !px && !(t->flags & GALLEY_TOKEN_ALL_CAPS) &&
            has_flag(ds, i, LEX_ROLE) && !has_flag(ds, i, LEX_NAME) &&
            i + 2 < sc.past && is_cap(ds, &ds->tokens[i + 1]) && is_cap(ds, &ds->tokens[i + 2]) &&
            has_flag(ds, i + 1, LEX_NAME)) {
            sc.title_cue = CUE_ROLE;
            sc.title_first = i;
            sc.title_past = i + 1;
            continue;
        }
        uint32_t flags = word_flags(ds, t);
        if (px) {
            int name_like = px == 1 && (xe->flags & LEX_NAME) &&
                            (next_is_name_word(ds, i, sc.past) ||
                             /* "Jan de Vries", "Sofia van Dijk": a particle, then a name */
                             (i + 2 < sc.past && is_word(&ds->tokens[i + 1]) &&
                              has_cue(ds, i + 1, CW_PARTICLE) && is_cap(ds, &ds->tokens[i + 2])) ||
                             (sc.run_count && sc.run[sc.run_count - 1].type == W_GIVEN) ||
                             (sc.run_count == 0 && !(xe->flags & LEX_ORG) &&
                              t->fold_len > 2 &&
                              person_around(ds, &sc, i, (xe->flags & LEX_PLACE) != 0)));
            /* "Alexander Díaz Mendoza", "Wilmer Ortega Toledo": after a first name (known or
               not) and a family name, a place that is a family name too is the second one */
            if (px == 1 && (xe->flags & LEX_PLACE) && (xe->flags & LEX_SURNAME) &&
                sc.run_count >= 2 && sc.run[sc.run_count - 1].type == W_SURNAME &&
                (sc.run[sc.run_count - 2].type == W_GIVEN ||
                 sc.run[sc.run_count - 2].type == W_UNKNOWN) &&
                sc.run[sc.run_count - 1].past == i)
                name_like = 1;
            /* "said Renata Albuquerque, a dentist", "Sophie Brighton, 34": a place of one
               word right after a first name the lists know, and before what is said of a
               person, is her family name */
            if (!name_like && px == 1 && (xe->flags & LEX_PLACE) &&
                !(xe->flags & (LEX_ORG | LEX_INSTITUTION)) && sc.run_count == 1 &&
                sc.run[0].type == W_GIVEN && sc.run[0].past == i &&
                (cues_after(ds, i + 1, sc.past) &
                 (CUE_ROLE | CUE_AGE | CUE_WHO | CUE_ATTRIBUTION)))
                name_like = 1;
            /* "my business partner, Jericho Santos", "her cousin Lagos Adeyemi": a place
               no list gives as a first name opens a name before a family name the lists
               know, where the page has just said who the person is to someone */
            if (!name_like && px == 1 && (xe->flags & LEX_PLACE) &&
                !(xe->flags & (LEX_ORG | LEX_INSTITUTION)) && sc.run_count == 0 &&
                i + 1 < sc.past && is_cap(ds, &ds->tokens[i + 1]) &&
                has_flag(ds, i + 1, LEX_SURNAME) && !has_flag(ds, i + 1, LEX_EXCLUDED) &&
                person_around(ds, &sc, i, 1))
                name_like = 1;
            /* "Roberto Lins de Albuquerque": a place after a particle that follows two
               words of a name is a surname taken from it ("Vitória de Guimarães" is a club) */
            if (px == 1 && (xe->flags & LEX_PLACE) && sc.run_count > 2 &&
                sc.run[sc.run_count - 1].type == W_PARTICLE &&
                sc.run[sc.run_count - 2].type != W_PARTICLE)
                name_like = 1;
            /* A company or club named after a family, after a first name: "Daisuke Nomura",
               "Kenji Honda", "Juan Pablo Cantú Villarreal" are people ("Halyard Marine
               Insurance", with no first name, is not). */
            int first_name = 0;
            for (size_t q = 0; q < sc.run_count; q++)
                first_name |= sc.run[q].type == W_GIVEN;
            if (!name_like && px == 1 && (xe->flags & LEX_EXCLUDED) == LEX_ORG && first_name &&
                !(t->flags & GALLEY_TOKEN_ALL_CAPS) &&
                !(i + 1 < sc.past && is_word(&ds->tokens[i + 1]) &&
                  has_cue(ds, i + 1, CW_ORG_NOUN)))
                name_like = 1;
            /* An organisation word used as a call sign: kept if a person cue follows. */
            int org_only = px == 1 && (xe->flags & LEX_EXCLUDED) == LEX_ORG &&
                           !(t->flags & GALLEY_TOKEN_ALL_CAPS) && sc.run_count == 0 &&
                           !is_cap(ds, i + 1 < sc.past ? &ds->tokens[i + 1] : t);
            if (org_only && i + 1 >= sc.past)
                org_only = 0;
            /* "who goes by Hutsul", "the call sign Tesla": whatever the lists say of the
               word, the page introduces it as someone's name. */
            int called = sc.run_count == 0 && (naming_cues(ds, sc.begin, i) & CUE_CALLED);
            /* "the nickname Ukrainians give the Shaheds": they give it, it is not theirs */
            if (called && i + 1 < sc.past && is_word(&ds->tokens[i + 1]) &&
                word_in(ds->tokens[i + 1].fold, giving_verbs))
                called = 0;
            /* "Tries: Lomax 3, Tonga 2, Preston": a scorer line's entries are players */
            if (!called && sc.run_count == 0 && i > sc.begin &&
                (is_punct(ds, &ds->tokens[i - 1], ':') || is_punct(ds, &ds->tokens[i - 1], ',')) &&
                scorer_entry(ds, sc.begin, i))
                called = 1;
            if (called)
                flags = 0;
            if (!name_like && !org_only && !called) {
                /* Words glued to an organisation or place noun are part of its name:
                   "Halyard Marine Insurance", "Taras Shevchenko Park". */
                int unknown_run = 1;
                for (size_t q = 0; q < sc.run_count; q++)
                    unknown_run &= sc.run[q].type != W_GIVEN && sc.run[q].type != W_SURNAME;
                if (sc.run_count && (unknown_run || (xe->flags & (LEX_ORG | LEX_INSTITUTION)) ||
                                     has_cue(ds, (size_t)(t - ds->tokens), CW_PLACE_NOUN) ||
                                     (px == 1 && word_in(t->fold, award_nouns)))) {
                    sc.run_count = 0;
                    sc.title_cue = 0;
                    sc.org_word = 0;
                }
                if (close_run(&sc) != 0)
                    return -1;
                i += px - 1;
                continue;
            }
            if (org_only) {
                sc.org_word = 1;
                flags = 0;
            }
        }
        /* A regnal number alone ("III") is no one: after a name it is part of it (close_run
           takes it when it closes the name before it). */
        if (regnal_number(t)) {
            if (close_run(&sc) != 0)
                return -1;
            continue;
        }
        /* A word in capitals that no list knows is an acronym, unless it follows a name
           in capitals ("SERHIY KUZAN") or is initials written together ("S.M."); close_run
           keeps it weak. */
        if ((t->flags & GALLEY_TOKEN_ALL_CAPS) && !(flags & LEX_NAME) && !glued_initials(t) &&
            !(sc.run_count && (ds->tokens[sc.run[sc.run_count - 1].token].flags &
                               GALLEY_TOKEN_ALL_CAPS) &&
              (sc.run[sc.run_count - 1].type == W_GIVEN ||
               sc.run[sc.run_count - 1].type == W_SURNAME))) {
            if (close_run(&sc) != 0)
                return -1;
            if (sc.run_count < MAX_RUN && t->fold_len > 2) {
                sc.run[sc.run_count++] = (run_word){(uint32_t)i, (uint32_t)i + 1, W_UNKNOWN};
                if (close_run(&sc) != 0)
                    return -1;
            }
            continue;
        }
        if (sc.run_count == MAX_RUN && close_run(&sc) != 0)
            return -1;
        run_word w = {(uint32_t)i, (uint32_t)i + 1, classify_word(ds, t, flags)};
        /* "recorded 51°C. Dadu": a letter glued to a number or a symbol is a unit */
        if (w.type == W_INITIAL && t->end - t->start == 1 && i > sc.begin &&
            ds->tokens[i - 1].end == t->start &&
            (ds->tokens[i - 1].kind == GALLEY_TOKEN_NUMBER ||
             ds->tokens[i - 1].kind == GALLEY_TOKEN_SYMBOL)) {
            if (close_run(&sc) != 0)
                return -1;
            sc.title_cue = 0;
            continue;
        }
        /* "Gwenaëlle Le Goff", "Anna De Luca": a particle in capitals inside a name. */
        if (sc.run_count > 0 && w.type != W_GIVEN && i + 1 < sc.past &&
            has_cue(ds, i, CW_PARTICLE) && is_cap(ds, &ds->tokens[i + 1]))
            w.type = W_PARTICLE;
        if (w.type == W_INITIAL && i + 1 < sc.past && is_punct(ds, &ds->tokens[i + 1], '.') &&
            ds->tokens[i + 1].start == t->end) {
            w.past = (uint32_t)i + 2;
            i++;
        } else if (w.type == W_INITIAL && sc.run_count == 0 && !letter_word(t) &&
                   i + 1 < sc.past && is_word(&ds->tokens[i + 1]) &&
                   is_cap(ds, &ds->tokens[i + 1]) && ds->tokens[i + 1].start == t->end + 1) {
            /* "C Murphy", "K Tanaka": scorecards and captions drop the initial's full stop
               (only opening a run: "Vitamin D Levels" is no one) */
        } else if (w.type == W_INITIAL) {
            w.type = W_UNKNOWN; /* "A", "I": a capital letter alone is no initial */
            if (letter_word(t)) {
                if (close_run(&sc) != 0)
                    return -1;
                continue;
            }
        }
        /* a line break ends a name: a letter's signature, "Bernadette Foyle" over "Ballina" */
        if (sc.run_count > 0) {
            const galley_token *prev = &ds->tokens[sc.run[sc.run_count - 1].past - 1];
            if (t->start > prev->end && memchr(ds->text + prev->end, '\n', t->start - prev->end) &&
                close_run(&sc) != 0)
                return -1;
        }
        sc.run[sc.run_count++] = w;
        if (is_possessive(t) && close_run(&sc) != 0)
            return -1;
    }
    return close_run(&sc);
}

/* ---- call signs the page declares ------------------------------------------ */

/* The length of a word's fold without its possessive ("hutsul's" is "hutsul"). */
static uint32_t bare_len(const galley_token *t)
{
    return is_possessive(t) ? t->fold_len - 2 : t->fold_len;
}

/* Whether token i is "sign(s)"/"callsign(s)" closing the words "call sign". */
static int call_sign_at(const doc_state *ds, size_t i)
{
    const galley_token *t = &ds->tokens[i];
    if (fold_is(t, "callsign") || fold_is(t, "callsigns"))
        return 1;
    return (fold_is(t, "sign") || fold_is(t, "signs")) && i > 0 &&
           fold_is(&ds->tokens[i - 1], "call");
}

/* A lone capitalised word a declared name can be: not in capitals, not glued to another
   capitalised word (a part of a longer name: "Fox News", "Sergeant Fox"). */
static int lone_cap(const doc_state *ds, size_t i, size_t begin, size_t past)
{
    const galley_token *t = &ds->tokens[i];
    if (!is_word(t) || !(t->flags & GALLEY_TOKEN_CAPITALISED) ||
        (t->flags & GALLEY_TOKEN_ALL_CAPS) || bare_len(t) < 3)
        return 0;
    if (i > begin && is_cap(ds, &ds->tokens[i - 1]))
        return 0;
    return !(i + 1 < past && is_cap(ds, &ds->tokens[i + 1]));
}

/* "fifty-eight", "forty": an age in words. */
static int age_in_words_fold(const galley_token *t)
{
    for (size_t k = 0; number_words[k]; k++) {
        size_t n = strlen(number_words[k]);
        if (t->fold_len >= n && memcmp(t->fold, number_words[k], n) == 0 &&
            (t->fold_len == n || t->fold[n] == '-'))
            return 1;
    }
    return 0;
}

/* Relatives and belongings a call sign's possessive speaks of: "Hutsul's wife". */
static const char *const kin_after[] = {"wife",     "husband", "mother",   "father", "son",
                                        "daughter", "brother", "sister",   "family", "children",
                                        "parents",  "widow",   "comrades", NULL};

/*
 * Whether the lone capitalised word at i is said of a person in the way a call sign is
 * introduced: "Hutsul, who commands the crew", "Dido, at fifty-eight the oldest man",
 * "Fox, a former bank clerk", "Hutsul's wife", "Bober said".
 */
static int person_context(const doc_state *ds, size_t i, size_t past)
{
    const galley_token *t = &ds->tokens[i];
    if (is_possessive(t))
        return i + 1 < past && word_in(ds->tokens[i + 1].fold, kin_after);
    if (i + 2 < past && is_punct(ds, &ds->tokens[i + 1], ',')) {
        const galley_token *n = &ds->tokens[i + 2];
        if (fold_is(n, "who"))
            return 1;
        if (i + 3 < past && (fold_is(n, "a") || fold_is(n, "an")) &&
            (fold_is(&ds->tokens[i + 3], "former") || fold_is(&ds->tokens[i + 3], "retired")))
            return 1;
        /* (not "Inside, at six long tables": an opener) */
        if (i + 3 < past && fold_is(n, "at") && i > ds->sentences[t->sentence].first_token &&
            (small_number(ds, &ds->tokens[i + 3]) || age_in_words_fold(&ds->tokens[i + 3])))
            return 1;
    }
    return 0;
}

/*
 * The names a call-sign declaration gives ("identified by their call signs, Hutsul and
 * Dido", "call signs: Lastivka, Shaman and Doc", "call signs Sparrow, Banyan and Kite"):
 * the capitalised words of the list right after the words "call signs", in any block (an
 * editor's note the boilerplate step calls furniture too). When the sentence says only
 * the kind ("are identified only by their call signs"), the page's lone capitalised words
 * that it introduces as people ("Hutsul, who commands the crew") are declared. Returns
 * the number of keys written to out (folded words, NUL-free, pointing into tokens).
 */
static size_t declared_call_signs(const doc_state *ds, const galley_token **out, size_t cap)
{
    size_t n = 0, count = galley_doc_sentence_count(ds->doc);
    int kind = 0;
    for (size_t s = 0; s < count; s++) {
        const galley_sentence *sn = &ds->sentences[s];
        size_t begin = sn->first_token, past = begin + sn->token_count;
        int identified = 0;
        for (size_t i = begin; i < past; i++) {
            const galley_token *t = &ds->tokens[i];
            if (fold_is(t, "identified") || fold_is(t, "named") || fold_is(t, "known"))
                identified = 1;
            if (!call_sign_at(ds, i))
                continue;
            if (identified || (i + 1 < past && fold_is(&ds->tokens[i + 1], "only")))
                kind = 1;
            /* the list right after: "call signs, Hutsul and Dido", "call signs: A, B and C" */
            size_t j = i + 1;
            if (j < past &&
                (is_punct(ds, &ds->tokens[j], ',') || is_punct(ds, &ds->tokens[j], ':')))
                j++;
            while (j < past && lone_cap(ds, j, begin, past) && !is_possessive(&ds->tokens[j])) {
                if (n < cap)
                    out[n++] = &ds->tokens[j];
                j++;
                if (j < past && is_punct(ds, &ds->tokens[j], ','))
                    j++;
                if (j < past && (fold_is(&ds->tokens[j], "and") || fold_is(&ds->tokens[j], "or")))
                    j++;
            }
        }
    }
    if (!kind)
        return n;
    size_t tokens = galley_doc_token_count(ds->doc);
    for (size_t i = 0; i < tokens && n < cap; i++) {
        const galley_token *t = &ds->tokens[i];
        if (!(t->flags & GALLEY_TOKEN_CAPITALISED) || !is_word(t) ||
            !galley_doc_in_scope(ds->doc, t->block))
            continue;
        const galley_sentence *sn = &ds->sentences[t->sentence];
        size_t begin = sn->first_token, past = begin + sn->token_count;
        if (lone_cap(ds, i, begin, past) && !has_flag(ds, i, LEX_PLACE) &&
            person_context(ds, i, past))
            out[n++] = t;
    }
    return n;
}

/* The mention over token i, or -1. */
static long covered(const doc_state *ds, size_t i)
{
    for (size_t m = 0; m < ds->mention_count; m++)
        if (ds->mentions[m].first_token <= i && i < ds->mentions[m].past_token)
            return (long)m;
    return -1;
}

/* Whether the scan found the word as a name already (not only doubted it): the page's
   own linking takes it from there ("Danylo’s school" after "Danylo" is found). */
static int found_already(const doc_state *ds, const galley_token *t)
{
    uint32_t key = pool_find(&ds->pool, t->fold, bare_len(t));
    if (key == UINT32_MAX)
        return 0;
    for (size_t m = 0; m < ds->mention_count; m++)
        if (!ds->mentions[m].weak &&
            (ds->mentions[m].first_key == key || ds->mentions[m].last_key == key))
            return 1;
    return 0;
}

static int by_first_token(const void *a, const void *b)
{
    uint32_t x = ((const mention *)a)->first_token, y = ((const mention *)b)->first_token;
    return (x > y) - (x < y);
}

/*
 * Every lone capitalised occurrence, in scope, of a call sign the page declares and the
 * scan missed (an ordinary word, "Fox", "Sparrow"; a word the lists call no name,
 * "Hutsul") becomes a mention the declaration then covers.
 */
static int add_declared_names(doc_state *ds)
{
    /* most pages say nothing of call signs: one pass over the text decides */
    const char *text = ds->text;
    size_t len = ds->text_length;
    int any = 0;
    for (const char *p = text; !any && (p = memchr(p, 'a', (size_t)(text + len - p))) != NULL; p++)
        if (p > text && (p[-1] == 'c' || p[-1] == 'C') && (size_t)(text + len - p) > 7 &&
            p[1] == 'l' && p[2] == 'l' && (p[3] == ' ' || p[3] == 's') &&
            memcmp(p + 3 + (p[3] == ' '), "sign", 4) == 0)
            any = 1;
    if (!any)
        return 0;
    const galley_token *names[64];
    size_t n = declared_call_signs(ds, names, 64);
    size_t kept = 0;
    for (size_t k = 0; k < n; k++)
        if (!found_already(ds, names[k]))
            names[kept++] = names[k];
    n = kept;
    if (n == 0)
        return 0;
    size_t before = ds->mention_count, tokens = galley_doc_token_count(ds->doc);
    scan sc;
    memset(&sc, 0, sizeof sc);
    sc.ds = ds;
    for (size_t i = 0; i < tokens; i++) {
        const galley_token *t = &ds->tokens[i];
        if (!is_word(t) || !(t->flags & GALLEY_TOKEN_CAPITALISED) ||
            !galley_doc_in_scope(ds->doc, t->block))
            continue;
        int hit = 0;
        for (size_t k = 0; k < n && !hit; k++)
            hit = bare_len(t) == bare_len(names[k]) &&
                  memcmp(t->fold, names[k]->fold, bare_len(t)) == 0;
        if (!hit)
            continue;
        const galley_sentence *s = &ds->sentences[t->sentence];
        if (!lone_cap(ds, i, s->first_token, s->first_token + s->token_count))
            continue;
        /* the declaration's own list is read by the declaration scan, as it was */
        int in_declaration = 0;
        for (size_t j = s->first_token; j < s->first_token + s->token_count && !in_declaration; j++)
            in_declaration = call_sign_at(ds, j);
        if (in_declaration)
            continue;
        long m = covered(ds, i);
        if (m >= 0) {
            /* a word the scan doubted ("Dido earned his name") is the declared name */
            mention *o = &ds->mentions[m];
            if (o->weak && o->first_token == i && o->past_token == i + 1) {
                o->weak = 0;
                o->cues |= CUE_CALLED | CUE_IDENTIFIED;
            }
            continue;
        }
        if (add_mention(&sc, i, i + 1, CUE_CALLED | CUE_IDENTIFIED, 0, -1, -1) != 0)
            return -1;
    }
    if (ds->mention_count > before)
        qsort(ds->mentions, ds->mention_count, sizeof *ds->mentions, by_first_token);
    return 0;
}

int find_mentions(doc_state *ds, galley_error *err)
{
    size_t count = galley_doc_sentence_count(ds->doc);
    for (size_t s = 0; s < count; s++) {
        const galley_sentence *sn = &ds->sentences[s];
        if (!galley_doc_in_scope(ds->doc, sn->block))
            continue;
        if (scan_sentence(ds, sn) != 0)
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory finding names");
    }
    if (add_declared_names(ds) != 0)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory finding names");
    return GALLEY_OK;
}

size_t phrase_at(const doc_state *ds, size_t i, size_t past, uint32_t mask)
{
    const lex_entry *e;
    return longest_phrase(ds, i, past, mask, &e);
}

/* Prepositions that introduce an institution only when a capitalised body follows. */
static const char *const generic_affiliation[] = {"of the", "at the", "from the", "with the",
                                                  "for the", NULL};

int has_affiliation(const doc_state *ds, const mention *m)
{
    size_t past = ds->sentences[m->sentence].first_token + ds->sentences[m->sentence].token_count;
    size_t i = m->past_token;
    if (i >= past || !is_punct(ds, &ds->tokens[i], ','))
        return 0;
    size_t stop = i + 14 < past ? i + 14 : past;
    for (size_t k = i + 1; k < stop; k++) {
        const galley_token *t = &ds->tokens[k];
        if (t->flags & (GALLEY_TOKEN_QUOTE_OPEN | GALLEY_TOKEN_QUOTE_CLOSE))
            return 0;
        if (t->kind == GALLEY_TOKEN_PUNCTUATION && !is_punct(ds, t, '-') && !is_punct(ds, t, '.'))
            return 0;
        const lex_entry *e;
        uint32_t mask = LEX_AFFILIATION | ((t->flags & GALLEY_TOKEN_CAPITALISED) ? LEX_INSTITUTION : 0);
        size_t len = longest_phrase(ds, k, stop, mask, &e);
        if (!len)
            continue;
        int generic = 0;
        for (size_t g = 0; generic_affiliation[g]; g++)
            generic |= strcmp(e->key, generic_affiliation[g]) == 0;
        if (!generic)
            return 1; /* "a senior fellow at", "director of", "Institute" */
        /* "of the" counts when an institution's name follows: "of the Dnipro Institute". */
        for (size_t j = k + len; j < stop && j < k + len + 6; j++) {
            const galley_token *u = &ds->tokens[j];
            if (!is_word(u))
                break;
            if (!(u->flags & GALLEY_TOKEN_CAPITALISED))
                continue;
            const lex_entry *ue;
            if (longest_phrase(ds, j, stop, LEX_INSTITUTION | LEX_ORG, &ue))
                return 1;
        }
        k += len - 1;
    }
    return 0;
}
