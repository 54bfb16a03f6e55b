/*
 * train.c -- `galley train PLUGIN DIR -o MODEL`: trains a plugin's model from
 * a directory of labelled paragraphs, and optionally cross-validates it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

static const char train_usage[] =
    "usage: galley train PLUGIN DIR [-o MODEL] [options]\n"
    "\n"
    "Trains PLUGIN's model from labelled paragraphs and writes it to MODEL\n"
    "(atomically).  DIR holds one directory per label; each holds .txt files of\n"
    "paragraphs separated by blank lines (a paragraph of '#' lines is a comment):\n"
    "\n"
    "  DIR/war/frontline.txt  DIR/lifestyle/food.txt  DIR/other/sport.txt ...\n"
    "\n"
    "The labels a model predicts are the directory names, so a newsroom can train\n"
    "politics, sport or business without changing any code.  Training is\n"
    "deterministic: the same DIR and --seed give the same MODEL, byte for byte.\n"
    "\n"
    "Options:\n"
    "  -o, --output MODEL     where to write the model (needed unless --cv is given)\n"
    "      --corpus DIR       also train on the dev half of an annotated corpus: every\n"
    "                         content block of DIR/ARTICLE.txt whose ARTICLE.gold.json\n"
    "                         says \"split\": \"dev\", labelled by its gold field\n"
    "                         (docs/gold-format.md); held-out articles are never read\n"
    "      --corpus-field NAME\n"
    "                         the gold field that labels a block (default: the\n"
    "                         plugin's name, sentiment or section)\n"
    "      --cv K             also report K-fold cross-validated accuracy and macro-F1\n"
    "      --cv-by UNIT       what the folds are dealt by: paragraph (default: every\n"
    "                         paragraph alone, stratified by label) or article (with\n"
    "                         --corpus: whole dev articles, the training directory on\n"
    "                         the training side of every fold, only the articles\n"
    "                         scored; an honest figure for a model trained with\n"
    "                         --corpus, as no fold sees the rest of its own page)\n"
    "      --seed N           seed for the folds (default 1)\n"
    "      --option NAME=VALUE\n"
    "                         set one of the plugin's options (repeatable)\n"
    "      --plugin-path DIR  look for plugins in DIR first (repeatable)\n"
    "  -f, --format FMT       text (default) or json\n"
    "  -h, --help             this help\n"
    "\n"
    "Exit status: 0 ok, 2 usage or training-set error, 4 plugin error.\n"
    "\n"
    "Examples:\n"
    "  galley train section plugins/section/train -o plugins/section/data/model.txt\n"
    "  galley train section plugins/section/train --cv 5\n"
    "  galley train sentiment plugins/sentiment/train --corpus corpus \\\n"
    "      -o plugins/sentiment/data/polarity-model.txt\n"
    "  galley train sentiment plugins/sentiment/train --corpus corpus --cv 4 \\\n"
    "      --cv-by article\n";

enum { OPT_CV = 256, OPT_CV_BY, OPT_SEED, OPT_OPTION, OPT_PLUGIN_PATH, OPT_CORPUS, OPT_CORPUS_FIELD };

/* NAME=VALUE: VALUE as JSON when it parses (true, 0.5), else as a string. */
static int add_option(json_t *options, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg)
        return -1;
    char name[128];
    snprintf(name, sizeof name, "%.*s", (int)(eq - arg), arg);
    json_t *v = json_loads(eq + 1, JSON_DECODE_ANY, NULL);
    if (!v || json_is_array(v) || json_is_object(v) || json_is_null(v)) {
        json_decref(v);
        v = json_string(eq + 1);
    }
    return json_object_set_new(options, name, v);
}

static void print_value(const char *key, const json_t *v, int indent)
{
    if (json_is_object(v)) {
        printf("%*s%s:\n", indent, "", key);
        const char *k;
        json_t *sub;
        json_object_foreach((json_t *)v, k, sub)
            print_value(k, sub, indent + 2);
        return;
    }
    printf("%*s%s: ", indent, "", key);
    if (json_is_string(v))
        printf("%s\n", json_string_value(v));
    else if (json_is_integer(v))
        printf("%lld\n", (long long)json_integer_value(v));
    else if (json_is_real(v))
        printf("%.4f\n", json_real_value(v));
    else {
        char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        printf("%s\n", s ? s : "");
        free(s);
    }
}

int cmd_train(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"output", required_argument, NULL, 'o'},
        {"cv", required_argument, NULL, OPT_CV},
        {"cv-by", required_argument, NULL, OPT_CV_BY},
        {"seed", required_argument, NULL, OPT_SEED},
        {"option", required_argument, NULL, OPT_OPTION},
        {"plugin-path", required_argument, NULL, OPT_PLUGIN_PATH},
        {"corpus", required_argument, NULL, OPT_CORPUS},
        {"corpus-field", required_argument, NULL, OPT_CORPUS_FIELD},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_paths paths;
    cli_paths_init(&paths);
    const char *output = NULL, *format = "text", *corpus = NULL, *corpus_field = NULL;
    int folds = 0, cv_by = GALLEY_CV_BY_PARAGRAPH, cv_by_given = 0;
    unsigned seed = 1;
    json_t *options = json_object();
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:f:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case OPT_CV: {
            char *end;
            long k = strtol(optarg, &end, 10);
            if (*end || k < 2 || k > 100) {
                json_decref(options);
                return cli_usage_error("train", "--cv wants a number of folds from 2 to 100");
            }
            folds = (int)k;
            break;
        }
        case OPT_CV_BY:
            if (strcmp(optarg, "paragraph") == 0) {
                cv_by = GALLEY_CV_BY_PARAGRAPH;
            } else if (strcmp(optarg, "article") == 0) {
                cv_by = GALLEY_CV_BY_ARTICLE;
            } else {
                json_decref(options);
                return cli_usage_error("train", "--cv-by wants paragraph or article, not '%s'",
                                       optarg);
            }
            cv_by_given = 1;
            break;
        case OPT_SEED: seed = (unsigned)strtoul(optarg, NULL, 10); break;
        case OPT_CORPUS: corpus = optarg; break;
        case OPT_CORPUS_FIELD: corpus_field = optarg; break;
        case OPT_OPTION:
            if (add_option(options, optarg) != 0) {
                json_decref(options);
                return cli_usage_error("train", "--option wants NAME=VALUE, not '%s'", optarg);
            }
            break;
        case OPT_PLUGIN_PATH:
            if (cli_paths_add(&paths, optarg) != 0) {
                json_decref(options);
                return cli_usage_error("train", "too many --plugin-path options");
            }
            break;
        case 'f':
            if (strcmp(optarg, "text") && strcmp(optarg, "json")) {
                json_decref(options);
                return cli_usage_error("train", "--format wants text or json");
            }
            format = optarg;
            break;
        case 'h': json_decref(options); fputs(train_usage, stdout); return EXIT_OK;
        case ':':
            json_decref(options);
            return cli_usage_error("train", "option '%s' needs a value", argv[optind - 1]);
        default:
            json_decref(options);
            return cli_usage_error("train", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 2) {
        json_decref(options);
        return cli_usage_error("train", "needs PLUGIN and DIR, e.g. galley train section "
                                        "plugins/section/train -o model.txt");
    }
    if (cv_by_given && folds == 0) {
        json_decref(options);
        return cli_usage_error("train", "--cv-by goes with --cv K");
    }
    if (cv_by == GALLEY_CV_BY_ARTICLE && !corpus) {
        json_decref(options);
        return cli_usage_error("train", "--cv-by article deals the articles of --corpus DIR; "
                                        "give --corpus too");
    }
    if (!output && folds == 0) {
        json_decref(options);
        return cli_usage_error("train", "say where to write the model with -o MODEL (or give "
                                        "--cv K to only cross-validate)");
    }
    const char *plugin = argv[optind], *dir = argv[optind + 1];
    cli_output out;
    memset(&out, 0, sizeof out);
    char why[4400];
    if (output && cli_output_open(&out, output, why, sizeof why) != 0) {
        fprintf(stderr, "galley: %s\n", why);
        json_decref(options);
        return EXIT_USAGE;
    }
    galley_train_params params;
    memset(&params, 0, sizeof params);
    params.struct_size = sizeof params;
    params.output = output ? cli_output_path(&out) : NULL;
    params.folds = folds;
    params.seed = seed;
    params.cv_by = cv_by;
    galley_load_options lo;
    cli_load_options(&paths, &lo);
    galley_error err;
    json_t *report = NULL;
    if (corpus_field && !corpus) {
        json_decref(options);
        cli_output_abort(&out);
        return cli_usage_error("train", "--corpus-field goes with --corpus DIR");
    }
    int rc = galley_train_corpus(plugin, &lo, options, dir, corpus, corpus_field, &params, &report,
                                 &err);
    json_decref(options);
    if (rc != 0) {
        cli_output_abort(&out);
        cli_error(&err);
        return cli_exit_status(rc);
    }
    if (output && cli_output_commit(&out, why, sizeof why) != 0) {
        fprintf(stderr, "galley: %s\n", why);
        json_decref(report);
        return EXIT_USAGE;
    }
    if (strcmp(format, "json") == 0) {
        json_dumpf(report, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
        fputc('\n', stdout);
    } else {
        printf("trained %s on %s%s%s\n", plugin, dir, corpus ? " and the dev half of " : "",
               corpus ? corpus : "");
        const char *k;
        json_t *v;
        json_object_foreach(report, k, v)
            print_value(k, v, 2);
        if (output)
            printf("model written to %s\n", output);
    }
    json_decref(report);
    return EXIT_OK;
}
