#!/bin/sh
# vader-blocks.sh -- scores the content blocks of the gold corpus with the
# vader-sentiment npm package (VADER's compound score, positive at >= 0.05,
# negative at <= -0.05), for comparison with galley's sentiment plugin.
#
# usage: sh bench/peers/vader-blocks.sh [CORPUS_DIR] [--split dev|heldout|all]
#
# The package is installed with npm into bench/peers/node_modules (ignored by
# git) on first use, pinned in bench/peers/package.json. It scores exactly the blocks
# that `galley eval` scores for sentiment: every block the gold file marks as
# content, split from the article text the way galley's core splits blocks
# (maximal runs of non-blank lines, trimmed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus="$root/corpus"
split=all
while [ $# -gt 0 ]; do
  case "$1" in
    --split) split=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) corpus=$1; shift ;;
  esac
done
command -v node >/dev/null || { echo "vader-blocks.sh: node is required" >&2; exit 2; }
sh "$here/install.sh"
exec node "$here/vader-blocks.js" "$corpus" "$split"
