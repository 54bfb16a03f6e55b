#!/bin/sh
# The section model, cross-validated by article on the dev half of the corpus,
# through the whole pipeline (boilerplate, then section with its sequence model):
#
#   sh scripts/section-cv.sh [K] [BUILD_DIR]          (default: 4 folds, build)
#
# The shipped model is trained on plugins/section/train and every dev article,
# so `galley eval` on the dev half scores articles the model has read.  Here the
# dev articles are dealt into K folds (by name, every K-th article); for each
# fold a model is trained on the training set and the other folds' articles,
# and `galley eval` scores the fold's articles with it.  No model sees the page
# it is scored on, and held-out articles are never read.  The training options
# are the shipped model's (min_count 3) unless GALLEY_TRAIN_OPTS says others
# (e.g. "--option min_count=2 --option smoothing=0.2").
set -eu
cd "$(dirname "$0")/.."
folds=${1:-4}
build=${2:-build}
galley=$build/bin/galley
plugins=$build/lib/galley/plugins
[ -x "$galley" ] || { echo "section-cv.sh: no $galley; build first" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/galley-section-cv.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# deal the dev articles into folds
i=0
for gold in corpus/*.gold.json; do
    grep -q '"split": *"dev"' "$gold" || continue
    article=${gold%.gold.json}
    k=$((i % folds))
    i=$((i + 1))
    for f in $(seq 0 $((folds - 1))); do
        side=train
        [ "$f" -eq "$k" ] && side="test"
        mkdir -p "$work/$f/$side"
        for part in "$article.txt" "$gold" "$article.meta.json"; do
            if [ -f "$part" ]; then ln -s "$PWD/$part" "$work/$f/$side/"; fi
        done
    done
done
if [ "$i" -lt "$folds" ]; then
    echo "section-cv.sh: only $i dev articles for $folds folds" >&2
    exit 1
fi

for f in $(seq 0 $((folds - 1))); do
    # shellcheck disable=SC2086 # GALLEY_TRAIN_OPTS is a list of words
    "$galley" train section plugins/section/train --corpus "$work/$f/train" \
        -o "$work/$f/model.txt" ${GALLEY_TRAIN_OPTS:---option min_count=3} >/dev/null
    model="\"options\": {\"model\": \"$work/$f/model.txt\"}"
    sed "s|\"plugin\": \"section\"|&, $model|" configs/section.json > "$work/$f/config.json"
    "$galley" eval "$work/$f/config.json" "$work/$f/test" --plugin-path "$plugins" \
        > "$work/$f/eval.txt"
done

# per fold, and the mean of the folds
for f in $(seq 0 $((folds - 1))); do
    awk -v f="$f" '/block accuracy/ && !b && $1 == "section" { b = $4 }
        /document accuracy/ && !d { d = $3 }
        END { printf "fold %s: section block accuracy %s, document accuracy %s\n", f, b, d }' \
        "$work/$f/eval.txt"
done | tee "$work/summary.txt"
awk '{ gsub(",", "", $6); b += $6; d += $9; n++ }
     END { printf "mean of %d folds: block accuracy %.3f, document accuracy %.3f\n",
                 n, b / n, d / n }' \
    "$work/summary.txt"
