#!/bin/sh
# galley's benchmarks, in one run, on one machine:
#   sh bench/run.sh [SIZE_MB]        (default 100)
#
# Builds a Release tree (build-bench/), generates a corpus of SIZE_MB from the
# project's own articles (bench/work/, not committed), and measures:
#   - the text layer alone, in process (bench_text);
#   - baselines in the same run: `cat` and `wc -w` over the same files, so
#     that figures can be compared across noisy shared machines as ratios;
#   - each pipeline config that exists, -j 1 and -j 2 (MB/s);
#   - start-up: one small article end to end, median of 50 runs;
#   - peak RSS for one article and for the whole corpus streamed as jsonl;
#   - the editor's pipeline step by step, in process (bench_steps);
#   - each analysis plugin alone: its process() in its own config (bench_steps);
#   - peers: npm packages doing part of the same work (bench/peers/).
# Writes the table to bench/README.md between the "bench:results" markers.
set -eu
cd "$(dirname "$0")/.."
size=${1:-100}
build=build-bench
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B $build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON >/dev/null
cmake --build $build -j "$jobs" >/dev/null
galley=$build/bin/galley
measure=$build/bench/bench_measure
text=$build/bench/bench_text

work=bench/work
corpus=$work/corpus-${size}mb
if [ ! -f "$corpus/.complete" ]; then
    rm -rf "$corpus"
    mkdir -p "$corpus"
    target=$((size * 1000 * 1000))
    total=0
    round=0
    while [ "$total" -lt "$target" ]; do
        round=$((round + 1))
        for f in corpus/*.txt; do
            cp "$f" "$corpus/$(printf '%05d' $round)-$(basename "$f")"
        done
        total=$(du -sb "$corpus" | cut -f1)
    done
    touch "$corpus/.complete"
fi
find "$corpus" -name '*.txt' | sort > $work/list.txt
bytes=$(cat $(cat $work/list.txt) | wc -c)
mb=$(echo "$bytes" | awk '{printf "%.1f", $1 / 1e6}')
files=$(wc -l < $work/list.txt)
echo "corpus: $files files, $mb MB" >&2

rate() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }

# baselines
cat_s=$($measure 3 /dev/null -- sh -c "cat \$(cat $work/list.txt)" | cut -d' ' -f1)
wc_s=$($measure 3 /dev/null -- sh -c "cat \$(cat $work/list.txt) | wc -w" | cut -d' ' -f1)
set -- $($text 3 $work/list.txt)
text_s=$2
tokens=$3

rows=""
add_row() { rows="$rows$1
"; }
add_row "| text layer alone (in process) | 1 | $(rate "$text_s") | $(awk -v a="$wc_s" -v b="$text_s" 'BEGIN{printf "%.2f", a/b}') | - |"

wordcount_s=""
for name in wordcount boilerplate section sentiment anonymise review; do
    config=configs/$name.json
    [ -f "$config" ] || continue
    $galley check "$config" >/dev/null 2>&1 || continue
    for j in 1 2; do
        set -- $($measure 3 /dev/null -- $galley run "$config" "$corpus" -f jsonl -q -j $j)
        s=$2
        rss=$(( $3 / 1024 ))
        [ "$name" = wordcount ] && [ $j = 1 ] && wordcount_s=$s
        add_row "| \`$config\` | $j | $(rate "$s") | $(awk -v a="$wc_s" -v b="$s" 'BEGIN{printf "%.2f", a/b}') | $rss MB |"
    done
done

small=corpus/frontline-aggregator.txt
set -- $($measure 50 /dev/null -- $galley run configs/wordcount.json "$small" -f json -q)
startup_ms=$(awk -v s="$2" 'BEGIN{printf "%.2f", s * 1000}')
startup_rss=$(( $3 / 1024 ))
review_mbsmall=""
if [ -f configs/review.json ] && $galley check configs/review.json >/dev/null 2>&1; then
    set -- $($measure 50 /dev/null -- $galley run configs/review.json "$small" -f json -q)
    review_mbsmall="| one article, \`configs/review.json\` | $(awk -v s="$2" 'BEGIN{printf "%.2f", s * 1000}') ms | $(( $3 / 1024 )) MB |"
fi

# Where the editor's pipeline spends its time, step by step, in process
# (bench_steps: the step hook marks each step; best of 3 rounds).
step_rows=""
if [ -f configs/review.json ] && $galley check configs/review.json >/dev/null 2>&1; then
    step_rows=$(GALLEY_PLUGIN_PATH=$build/lib/galley/plugins $build/bench/bench_steps 3 configs/review.json $work/list.txt |
        awk '
        $1 == "bytes" { b = $2; next }
        { part[++n] = $1; sec[n] = $2; total += $2 }
        END {
            for (i = 1; i <= n; i++) {
                name = part[i]
                if (name == "text") name = "reading the file and the text layer"
                else if (name == "report") name = "building the report (not serialising it)"
                else { sub(/^step:/, "", name); name = "step `" name "`: process()" }
                printf "| %s | %.2f s | %.1f | %.0f%% |\n", name, sec[i], b / 1e6 / sec[i], 100 * sec[i] / total
            }
        }')
fi

# Each analysis plugin alone: process() of its step in its own config (the
# boilerplate step before it, where the config has one, is not counted), so
# that the other plugins' data does not share the caches with it.
alone_rows=""
for name in boilerplate section sentiment anonymise; do
    config=configs/$name.json
    [ -f "$config" ] && $galley check "$config" >/dev/null 2>&1 || continue
    alone_rows="$alone_rows$(GALLEY_PLUGIN_PATH=$build/lib/galley/plugins $build/bench/bench_steps 3 "$config" $work/list.txt |
        awk -v name="$name" -v config="$config" '
        $1 == "bytes" { b = $2 }
        $1 == "step:" name { s = $2 }
        END { if (s > 0) printf "| `%s` (`%s`) | %.2f s | %.1f |\n", name, config, s, b / 1e6 / s }')
"
done

# Peers: npm packages doing part of the same work over the same files (in
# process, files already in memory, each for at most 5 s). Needs node and npm;
# skipped, and said so, without them.
review_mbs=""
if [ -f configs/review.json ]; then
    review_mbs=$(printf '%s' "$rows" | awk -F'|' '$2 ~ /configs\/review.json/ && $3+0 == 1 { print $4 + 0 }')
fi
peer_rows=""
if command -v node >/dev/null && peers=$(sh bench/peers/throughput.sh $work/list.txt 5); then
    peer_rows=$(printf '%s\n' "$peers" | awk -v review="$review_mbs" '
        { mbs = $3 / 1e6 / $4
          what = $1 == "compromise" ? "`nlp(article).people()`, per article" : $1 == "sentiment" ? "AFINN score of every block" : "polarity scores of every block"
          ratio = review != "" ? sprintf("%.1f", review / mbs) : "-"
          printf "| `%s` %s | %s | %.2f | %.1f MB | %s |\n", $1, $2, what, mbs, $3 / 1e6, ratio }')
else
    peer_rows="| (node or npm missing: peers not measured) | | | | |"
fi

# Loading: `galley check CONFIG` loads every plugin and its data (create());
# a step's load is its config's time less the time of the steps before it.
load_rows=""
for name in wordcount boilerplate section sentiment anonymise review; do
    config=configs/$name.json
    [ -f "$config" ] || continue
    set -- $($measure 20 /dev/null -- $galley check "$config")
    load_rows="$load_rows| \`$config\` | $(awk -v s="$2" 'BEGIN{printf "%.1f", s * 1000}') ms |
"
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
table=$(cat <<TABLE
Measured $(date -u +%Y-%m-%d) on $cpu ($(nproc) cores), $(uname -sr);
corpus: $files files, $mb MB ($tokens tokens) generated from \`corpus/\`; command: \`sh bench/run.sh $size\`.
Baselines in the same run: \`cat\` $(rate "$cat_s") MB/s, \`wc -w\` $(rate "$wc_s") MB/s.
"× wc -w" is galley's throughput divided by \`wc -w\`'s on the same files in the same run: it is the
figure to compare between machines.

| what | -j | MB/s | × wc -w | peak RSS |
|---|---|---|---|---|
$rows
| \`configs/review.json\`, in process, -j 1 (\`bench/bench_steps.c\`) | time | MB/s | share |
|---|---|---|---|
$step_rows

| each plugin alone: its step's process() in its own config, in process, -j 1 | time | MB/s |
|---|---|---|
$alone_rows
| peer (npm, in process) | work | MB/s | measured over | \`configs/review.json\` -j 1 ÷ peer |
|---|---|---|---|---|
$peer_rows

| \`galley check CONFIG\` (process start, loading every plugin and its data), median of 20 | time |
|---|---|
$load_rows
| start-up | time | peak RSS |
|---|---|---|
| one article, \`configs/wordcount.json\` (process start, config, dlopen, report) | $startup_ms ms | $startup_rss MB |
$review_mbsmall
TABLE
)
echo "$table"

readme=bench/README.md
[ -f $readme ] || printf '# Benchmarks\n\n<!-- bench:results -->\n<!-- /bench:results -->\n' > $readme
awk -v table="$table" '
    /<!-- bench:results -->/ { print; print table; skip = 1; next }
    /<!-- \/bench:results -->/ { skip = 0 }
    !skip { print }
' $readme > $readme.tmp && mv $readme.tmp $readme
