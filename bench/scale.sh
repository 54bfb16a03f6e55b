#!/bin/sh
# galley past one machine, tested on this one (docs/scale.md):
#   sh bench/scale.sh [SIZE_MB] [STREAM_MB]       (defaults: 20 and 0)
#
# 1. Generates a corpus of SIZE_MB from the project's articles (bench/work/,
#    as bench/run.sh does) and its list of paths.
# 2. Runs the reference: one `galley run CONFIG --files-from LIST -f jsonl`.
# 3. Runs the GNU parallel recipes of docs/scale.md -- --pipe on this machine,
#    and --sshlogin with ':' (this machine, through parallel's remote-job
#    path) -- and checks that each output is byte for byte the reference.
# 4. Runs the mapper command of the Hadoop Streaming and Spark RDD.pipe
#    recipes once per split of the list, as those engines would, and checks
#    that the splits' outputs, in order, are the reference.
# 5. Measures -j 1 against -j 2 (median of 3 runs each, interleaved) and the
#    peak RSS of streaming the list through --files-from -.
# 6. With STREAM_MB > 0: generates about STREAM_MB of articles (copies of the
#    corpus made of hard links, so that they cost no disk) and measures peak
#    RSS and throughput of streaming all of them through --files-from -.
#
# CONFIG is configs/review.json when it loads, else the same four steps
# written out here.  Installs GNU parallel (Debian package) when missing.
set -eu
cd "$(dirname "$0")/.."
size=${1:-20}
stream=${2:-0}
build=${BUILD:-build-bench}
jobs=$(nproc 2>/dev/null || echo 2)

if ! command -v parallel >/dev/null 2>&1; then
    echo "scale: installing GNU parallel" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq parallel >/dev/null
fi

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON >/dev/null
cmake --build "$build" -j "$jobs" >/dev/null
galley=$(pwd)/$build/bin/galley
measure=$(pwd)/$build/bench/bench_measure

work=bench/work
mkdir -p "$work"
config=configs/review.json
if ! "$galley" check "$config" >/dev/null 2>&1; then
    config=$work/review.json
    cat > "$config" <<'EOF'
{"galley": 1, "name": "editorial review",
 "steps": [{"id": "boilerplate", "plugin": "boilerplate"},
           {"id": "section", "plugin": "section", "scope": {"boilerplate": false}},
           {"id": "sentiment", "plugin": "sentiment", "scope": {"boilerplate": false}},
           {"id": "anonymise", "plugin": "anonymise", "scope": {"boilerplate": false}}],
 "gate": {"fail_on": "error"}}
EOF
fi
"$galley" check "$config" >/dev/null

# 1. the corpus, as bench/run.sh makes it
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
list=$work/scale-list.txt
find "$corpus" -name '*.txt' | sort > "$list"
files=$(wc -l < "$list")
bytes=$(cat $(cat "$list") | wc -c)
echo "corpus: $files files, $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB; config: $config" >&2

out=$work/scale-out
rm -rf "$out"
mkdir -p "$out"
same() { # NAME FILE
    if cmp -s "$out/reference.jsonl" "$2"; then
        echo "ok: $1 gives the reference output ($(wc -l < "$2") lines)" >&2
    else
        echo "FAILED: $1 differs from the reference" >&2
        exit 1
    fi
}

# 2. the reference; exit status 1 (the gate failed on some article) is expected
"$galley" run "$config" --files-from "$list" -f jsonl -q > "$out/reference.jsonl" || [ $? -eq 1 ]
[ "$(wc -l < "$out/reference.jsonl")" -eq "$files" ]

# 3. GNU parallel: blocks of 200 paths, one galley per block, output kept in input order.
#    parallel's exit status is the number of blocks whose galley failed the gate.
parallel --pipe -N 200 --keep-order -j "$jobs" \
    "$galley" run "$config" --files-from - -f jsonl -q -j 1 \
    < "$list" > "$out/parallel-pipe.jsonl" || true
same "parallel --pipe" "$out/parallel-pipe.jsonl"
parallel --pipe -N 200 --keep-order --sshlogin "$jobs/:" \
    "$galley" run "$config" --files-from - -f jsonl -q -j 1 \
    < "$list" > "$out/parallel-ssh.jsonl" || true
same "parallel --pipe --sshlogin $jobs/:" "$out/parallel-ssh.jsonl"

# 4. Hadoop Streaming (map-only) and Spark RDD.pipe run one mapper per input split
#    or partition, fed its lines on stdin; the job's output is the parts in order.
split -n l/4 -d "$list" "$out/split-"
for part in "$out"/split-*; do
    "$galley" run "$config" --files-from - -f jsonl -q -j 1 < "$part" > "$part.jsonl" || true
done
cat "$out"/split-*.jsonl > "$out/splits.jsonl"
same "the mapper over 4 splits" "$out/splits.jsonl"

# 5. -j 1 against -j 2, interleaved, and memory while streaming the list
rate() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for name in wordcount review; do
    c=configs/wordcount.json
    [ $name = review ] && c=$config
    s1=$($measure 3 /dev/null -- "$galley" run "$c" --files-from "$list" -f jsonl -q -j 1 | cut -d' ' -f2)
    s2=$($measure 3 /dev/null -- "$galley" run "$c" --files-from "$list" -f jsonl -q -j 2 | cut -d' ' -f2)
    echo "$name: -j 1 $(rate "$s1") MB/s, -j 2 $(rate "$s2") MB/s, speed-up $(awk -v a="$s1" -v b="$s2" 'BEGIN{printf "%.2f", a/b}')x"
done
set -- $($measure 1 /dev/null -- sh -c "\"$galley\" run \"$config\" --files-from - -f jsonl -q < \"$list\"")
echo "streaming $files documents through --files-from -: peak RSS $(( $3 / 1024 )) MB"

# 6. a long stream
if [ "$stream" -gt 0 ]; then
    big=$work/stream-${stream}mb
    copies=$(( (stream + size - 1) / size ))
    if [ ! -f "$big/.complete" ]; then
        rm -rf "$big"
        mkdir -p "$big"
        # copies of the corpus made of hard links: many names, no disk
        for i in $(seq 1 "$copies"); do
            cp -al "$corpus" "$big/$(printf '%04d' "$i")"
        done
        touch "$big/.complete"
    fi
    find "$big" -name '*.txt' | sort > "$work/stream-list.txt"
    n=$(wc -l < "$work/stream-list.txt")
    set -- $($measure 1 /dev/null -- sh -c "\"$galley\" run \"$config\" --files-from - -f jsonl -q < \"$work/stream-list.txt\"")
    mb=$(awk -v b="$bytes" -v c="$copies" 'BEGIN{printf "%.0f", b * c / 1e6}')
    echo "streaming $n documents ($mb MB) through --files-from -: $(awk -v m="$mb" -v s="$2" 'BEGIN{printf "%.1f", m/s}') MB/s, peak RSS $(( $3 / 1024 )) MB"
fi
