#!/bin/sh
# Checks that galley's SARIF output is valid SARIF 2.1.0 against the official
# JSON schema, for a run that fails the gate, one that passes, and one with
# an article that cannot be read, and that the check itself rejects a broken
# log.  The schema and the validator come from npm (package.json beside this
# script) and are installed into WORK_DIR, never into the source tree.
#
# usage: check.sh WORK_DIR GALLEY SOURCE_DIR
set -eu
work=$1
galley=$2
src=$3
here=$src/tests/sarif
fail() { echo "sarif check: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || fail "node is not installed (scripts/install-deps.sh --test installs nodejs and npm)"
command -v npm >/dev/null 2>&1 || fail "npm is not installed (scripts/install-deps.sh --test installs nodejs and npm)"
mkdir -p "$work"
schema=$work/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json
if ! cmp -s "$here/package.json" "$work/package.json" || [ ! -f "$schema" ] ||
   [ ! -d "$work/node_modules/ajv-formats" ]; then
    cp "$here/package.json" "$work/package.json"
    # Exact versions are pinned in package.json; no lock file is kept, and the
    # package's install script (a chmod of the .NET tool we do not run) is skipped.
    (cd "$work" && npm install --no-package-lock --ignore-scripts --no-audit --no-fund \
        --loglevel=error) || fail "npm install failed in $work"
fi
[ -f "$schema" ] || fail "the schema is missing from @microsoft/sarif-multitool-linux: $schema"
# Node resolves packages from the script's own directory: run it from WORK_DIR.
cp "$here/validate.mjs" "$work/validate.mjs"

cd "$src"
status=0
"$galley" run configs/anonymise.json tests/fixtures/anonymise/gate-fail -f sarif \
    -o "$work/gate-fail.sarif" || status=$?
[ "$status" -eq 1 ] || fail "expected exit 1 for gate-fail, got $status"
status=0
"$galley" run configs/anonymise.json tests/fixtures/anonymise/gate-pass -f sarif \
    -o "$work/gate-pass.sarif" || status=$?
[ "$status" -eq 0 ] || fail "expected exit 0 for gate-pass, got $status"
status=0
"$galley" run configs/anonymise.json tests/fixtures/anonymise/gate-warning \
    tests/fixtures/bad/invalid-utf8-mid-block.txt -f sarif -o "$work/input-error.sarif" \
    2>/dev/null || status=$?
[ "$status" -eq 3 ] || fail "expected exit 3 for an unreadable article, got $status"

node "$work/validate.mjs" "$schema" "$work/gate-fail.sarif" "$work/gate-pass.sarif" \
    "$work/input-error.sarif" || fail "galley wrote SARIF that the schema rejects"

# The check must be able to fail: a level SARIF does not know is rejected.
sed 's/"level": "error"/"level": "fatal"/' "$work/gate-fail.sarif" > "$work/broken.sarif"
if node "$work/validate.mjs" "$schema" "$work/broken.sarif" >/dev/null 2>&1; then
    fail "the validator accepted a log with level \"fatal\""
fi
echo "sarif check: 3 logs valid, the broken one rejected"
