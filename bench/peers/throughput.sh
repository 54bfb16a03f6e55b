#!/bin/sh
# throughput.sh -- MB/s of three npm packages doing galley's work over the
# files in LIST: vader-sentiment and sentiment (AFINN) per block, compromise's
# .people() per article.  Prints "NAME VERSION BYTES SECONDS ITEMS" per peer.
#
# usage: sh bench/peers/throughput.sh LIST [SECONDS]
#
# SECONDS (default 5) bounds each peer's timed run: a slow peer is measured
# over the first files of LIST only.  The packages are installed with npm into
# bench/peers/node_modules (ignored by git) on first use, at the versions
# pinned in bench/peers/package.json; their licences are in bench/README.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
case "${1:-}" in
  ""|-h|--help) sed -n '2,11p' "$0"; exit 2 ;;
esac
list=$1
seconds=${2:-5}
command -v node >/dev/null || { echo "throughput.sh: node is required (sh scripts/install-deps.sh --test)" >&2; exit 2; }
sh "$here/install.sh"
exec node "$here/throughput.js" "$list" "$seconds"
