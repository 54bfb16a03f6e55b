#!/bin/sh
# Renders the pictures of the two editor reports in docs/images/:
#   report-text.png  the terminal report, in colour, as a terminal shows it
#   report-html.png  the HTML report, as a browser shows it
#
#   sh scripts/screenshots.sh [BUILD_DIR]      (default: build)
#
# Needs a built tree and headless Chromium (Debian package chromium).  The
# terminal report is turned into a page by mapping the few escape sequences
# galley writes (bold, dim, red, green, yellow, cyan, reset) to styled spans,
# then photographed by the same browser.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
galley=$build/bin/galley
[ -x "$galley" ] || { echo "screenshots: build galley first (no $galley)" >&2; exit 2; }
command -v chromium >/dev/null || { echo "screenshots: needs chromium" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
config=configs/review.json
if ! "$galley" check "$config" >/dev/null 2>&1; then
    # The editor's pipeline, as docs/architecture.md describes it.
    config=$tmp/review.json
    cat > "$config" <<'EOF'
{"galley": 1, "name": "editorial review",
 "steps": [{"id": "boilerplate", "plugin": "boilerplate"},
           {"id": "section", "plugin": "section", "scope": {"boilerplate": false}},
           {"id": "sentiment", "plugin": "sentiment", "scope": {"boilerplate": false}},
           {"id": "anonymise", "plugin": "anonymise", "scope": {"boilerplate": false}}],
 "gate": {"fail_on": "error"}}
EOF
fi

shoot() { # URL WIDTH HEIGHT PNG
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --user-data-dir="$tmp/profile-$(basename "$4")" --window-size="$2,$3" \
        --screenshot="$4" "$1" >/dev/null 2>&1
}

mkdir -p docs/images

# The terminal report of one article at 110 columns.
COLUMNS=110 "$galley" run "$config" corpus/frontline-aggregator.txt -f text --color always \
    > "$tmp/text.ansi" || true
esc=$(printf '\033')
{
    printf '%s\n' '<!DOCTYPE html><meta charset="utf-8"><style>' \
        'body{margin:0;background:#1e1e1e}' \
        'pre{margin:0;padding:14px 18px;color:#d4d4d4;font:13px/1.4 "DejaVu Sans Mono",monospace}' \
        '.b{font-weight:bold;color:#fff}.d{color:#8b8b8b}.r{color:#f14c4c}.g{color:#23d18b}' \
        '.y{color:#e5e510}.c{color:#29b8db}</style><pre>'
    sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
        -e "s/${esc}\[1m/<span class=b>/g" -e "s/${esc}\[2m/<span class=d>/g" \
        -e "s/${esc}\[31m/<span class=r>/g" -e "s/${esc}\[32m/<span class=g>/g" \
        -e "s/${esc}\[33m/<span class=y>/g" -e "s/${esc}\[36m/<span class=c>/g" \
        -e "s/${esc}\[0m/<\/span>/g" "$tmp/text.ansi"
    printf '</pre>\n'
} > "$tmp/text.html"
lines=$(wc -l < "$tmp/text.ansi")
shoot "file://$tmp/text.html" 1000 $((lines * 18 + 30)) docs/images/report-text.png

# The HTML report of two articles: the index, the first article's facts, chart,
# findings, persons and the start of its text.
"$galley" run "$config" corpus/frontline-aggregator.txt corpus/street-food-hanoi.txt \
    -f html -o "$tmp/report.html" || true
shoot "file://$tmp/report.html" 1280 2200 docs/images/report-html.png
ls -l docs/images/report-text.png docs/images/report-html.png
