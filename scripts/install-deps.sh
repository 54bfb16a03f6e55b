#!/bin/sh
# Installs what galley needs on Debian or Ubuntu, if it is missing.  Safe to
# run again: it only calls apt-get when a package is absent.
#
#   sh scripts/install-deps.sh          what building and running galley needs
#   sh scripts/install-deps.sh --test   that, and what the whole test command needs
set -eu

# Building and running: a C compiler, CMake, and the three libraries galley uses
# (jansson for JSON, utf8proc for Unicode, Check for the unit tests).
packages="build-essential cmake pkg-config libjansson-dev check libsubunit-dev libutf8proc-dev"
tests=no
[ "${1:-}" = "--test" ] && tests=yes
if [ $tests = yes ]; then
    # chromium: the HTML report's test opens the page in a headless browser
    # (tests/test_report_html.c).  cppcheck, clang-tidy, valgrind: the checks
    # scripts/test.sh runs after the suites (scripts/lint.sh, scripts/valgrind.sh).
    packages="$packages chromium cppcheck clang-tidy valgrind"
fi

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
# node and npm run the SARIF schema check (tests/sarif/check.sh).  They are
# looked for as commands, not packages: a node build that bundles npm (and
# conflicts with Debian's npm package) serves as well as Debian's pair.
if [ $tests = yes ] && { ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; }; then
    missing="$missing nodejs npm"
fi
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "install-deps: need root or sudo to install:$missing" >&2
    exit 1
fi
echo "install-deps: installing$missing" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
