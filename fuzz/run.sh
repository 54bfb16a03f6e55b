#!/bin/sh
# Runs a fuzz harness for a while: fuzz/run.sh HARNESS SECONDS [libFuzzer options...]
#
# HARNESS is one of
#   text                   the text layer (gl_text_analyse) on arbitrary bytes
#   config                 the config loader, then the whole pipeline load
#   meta                   the meta file loader (with the wordcount pipeline)
#   pipeline-NAME          configs/NAME.json run over arbitrary articles
#   data-PLUGIN-OPTION     a plugin's data-file loader: option OPTION of the
#                          PLUGIN step of configs/PLUGIN.json points at the input,
#                          the step loaded alone with the small data of fuzz/data/
#   all                    each of the above in turn, SECONDS each
#   list                   prints the harnesses
#
# The build is in $GALLEY_FUZZ_BUILD (default build-fuzz), made with clang.
# The working corpus grows in fuzz/corpus-HARNESS/, seeded from corpus/ and
# tests/fixtures/ at every run; crashes land in fuzz/out/HARNESS/.  Neither is
# committed.  Each run appends "harness seconds executions crashes" to
# fuzz/out/runs.tsv.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
build=${GALLEY_FUZZ_BUILD:-build-fuzz}

usage() {
    echo "usage: fuzz/run.sh HARNESS|all|list SECONDS [libFuzzer options...]" >&2
    exit 2
}

# Data files a plugin reads, as "PLUGIN OPTION SEED": the seed is the shipped file.
data_harnesses() {
    cat <<'LIST'
boilerplate furniture plugins/boilerplate/data/furniture.tsv
boilerplate stopwords plugins/boilerplate/data/stopwords.tsv
boilerplate words plugins/boilerplate/data/words.tsv
section model plugins/section/data/model.txt
sentiment lexicon plugins/sentiment/data/lexicon.tsv
sentiment tone_lexicon plugins/sentiment/data/tone.tsv
sentiment modifiers plugins/sentiment/data/modifiers.tsv
sentiment plain_words plugins/sentiment/data/plain-words.txt
sentiment model plugins/sentiment/data/polarity-model.txt
anonymise public_figures plugins/anonymise/data/public-figures.txt
anonymise on_record plugins/anonymise/data/public-figures.txt
LIST
}

list() {
    echo text
    echo config
    echo meta
    for c in configs/*.json; do
        n=$(basename "$c" .json)
        echo "pipeline-$n"
    done
    data_harnesses | while read -r plugin option seed; do
        [ -f "configs/$plugin.json" ] && [ -f "$seed" ] && echo "data-$plugin-$option"
    done
    return 0
}

[ $# -ge 1 ] || usage
harness=$1
shift
if [ "$harness" = list ]; then
    list
    exit 0
fi
[ $# -ge 1 ] || usage
seconds=$1
shift
case $seconds in *[!0-9]* | '') usage ;; esac

if [ "$harness" = all ]; then
    status=0
    for h in $(list); do
        sh fuzz/run.sh "$h" "$seconds" "$@" || status=1
    done
    exit $status
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
    CC=${CC:-clang} cmake -S . -B "$build" -DGALLEY_FUZZ=ON -DBUILD_TESTING=ON \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi

corpus=fuzz/corpus-$harness
out=fuzz/out/$harness
mkdir -p "$corpus" "$out"
seed() { for f in "$@"; do [ -f "$f" ] && cp -n "$f" "$corpus/" 2>/dev/null || true; done; }
seed_as() { [ -f "$1" ] && cp -n "$1" "$corpus/$2" 2>/dev/null || true; }
extra=""
config=""
option=""
targets=""
case $harness in
text)
    program=fuzz_text
    for f in corpus/*.txt tests/fixtures/text/* tests/fixtures/bad/* tests/fixtures/articles/*; do
        seed_as "$f" "$(echo "$f" | tr / _)"
    done
    for f in tests/fixtures/line-ends/*; do seed_as "$f" "line-ends_$(basename "$f")"; done
    extra="-max_len=4096"
    ;;
config)
    program=fuzz_config
    for f in configs/*.json tests/fixtures/config/*.json; do seed_as "$f" "$(echo "$f" | tr / _)"; done
    extra="-max_len=2048 -dict=$root/fuzz/config.dict"
    targets="testplugin_marker testplugin_scoped testplugin_fail-create testplugin_abi-future testplugin_short-descriptor testplugin_truncated-descriptor plugin_wordcount"
    ;;
meta)
    program=fuzz_meta
    seed corpus/*.meta.json tests/fixtures/meta/*.json
    extra="-max_len=2048 -dict=$root/fuzz/meta.dict"
    config=configs/wordcount.json
    targets="plugin_wordcount"
    ;;
pipeline-*)
    program=fuzz_pipeline
    name=${harness#pipeline-}
    config=configs/$name.json
    [ -f "$config" ] || { echo "fuzz/run.sh: no $config" >&2; exit 2; }
    for f in corpus/*.txt tests/fixtures/articles/* tests/fixtures/text/*; do
        seed_as "$f" "$(echo "$f" | tr / _)"
    done
    extra="-max_len=4096"
    targets="$(sed -n 's/.*"plugin": *"\([a-z0-9_-]*\)".*/plugin_\1/p' "$config" | sort -u | tr '\n' ' ')"
    ;;
data-*)
    program=fuzz_option
    rest=${harness#data-}
    plugin=${rest%%-*}
    option=$plugin.${rest#*-}
    config=configs/$plugin.json
    seedfile=$(data_harnesses | awk -v p="$plugin" -v o="${rest#*-}" '$1 == p && $2 == o { print $3 }')
    [ -f "$config" ] && [ -n "$seedfile" ] || { echo "fuzz/run.sh: unknown harness $harness" >&2; exit 2; }
    # Whole lexicons are slow inputs; small slices of them make better seeds, and so does
    # the small whole file of fuzz/data/PLUGIN/ when there is one.
    if [ -f "$seedfile" ]; then
        head -c 2000 "$seedfile" >"$corpus/seed-head"
        tail -c 2000 "$seedfile" >"$corpus/seed-tail"
    fi
    seed_as "fuzz/data/$plugin/$(basename "$seedfile")" seed-small
    extra="-max_len=4096"
    # every plugin of the config, not only the fuzzed one: the harness first loads the
    # whole config, and refuses to start when a step's plugin is missing
    targets="$(sed -n 's/.*"plugin": *"\([a-z0-9_-]*\)".*/plugin_\1/p' "$config" | sort -u | tr '\n' ' ')"
    ;;
*)
    echo "fuzz/run.sh: unknown harness '$harness' (fuzz/run.sh list shows them)" >&2
    exit 2
    ;;
esac

targets="$program ${program}_replay $targets"
# shellcheck disable=SC2086
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target $targets >"$out/build.log" 2>&1 || {
    echo "fuzz/run.sh: $harness: build failed (see $out/build.log)" >&2
    exit 1
}

# The harnesses write each input (and configs) to a private temporary directory;
# in memory that costs a third less than on disk for the data harnesses.
tmp=${TMPDIR:-}
if [ -z "$tmp" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    tmp=/dev/shm
fi

echo "== $harness for ${seconds}s" >&2
log=$out/last.log
rm -f "$out"/fuzz-*.log
rc=0
# Run from $out: with -jobs=N, libFuzzer writes each job's log (fuzz-K.log) to the
# working directory, and copies each into the main log as the job ends, so the
# executions are the sum of the main log's counts.
# shellcheck disable=SC2086
(cd "$out" && TMPDIR=${tmp:-/tmp} GALLEY_FUZZ_CONFIG=${config:+$root/$config} GALLEY_FUZZ_OPTION=$option \
    "$root/$build/fuzz/$program" "$root/$corpus" -max_total_time="$seconds" -timeout=20 \
    -rss_limit_mb=2048 -artifact_prefix="$root/$out/" -print_final_stats=1 $extra "$@" \
    >"$root/$log" 2>&1) || rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | awk '{ n += $1 } END { print n + 0 }')
crashes=$(find "$out" -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' |
          wc -l | tr -d ' ')
printf '%s\t%s\t%s\t%s\n' "$harness" "$seconds" "${execs:-0}" "$crashes" >>fuzz/out/runs.tsv
echo "   ${execs:-0} executions; $crashes crash files in $out" >&2
if [ $rc -ne 0 ]; then
    tail -40 "$log" >&2
    exit 1
fi
