#!/bin/sh
# Runs every test: installs missing build dependencies, then builds galley
# twice with -Wall -Wextra -Werror -- once plain, once under AddressSanitizer
# and UndefinedBehaviorSanitizer -- and runs the whole suite on each build;
# then the static analysers (scripts/lint.sh) and the whole suite once more
# under valgrind (scripts/valgrind.sh).
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh --test

jobs=$(nproc 2>/dev/null || echo 2)

echo "== plain build" >&2
cmake -S . -B build -DBUILD_TESTING=ON -DGALLEY_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build" >&2
cmake -S . -B build-asan -DBUILD_TESTING=ON -DGALLEY_WERROR=ON \
      -DGALLEY_SANITIZE=address,undefined -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"

echo "== static analysis" >&2
sh scripts/lint.sh
echo "== valgrind" >&2
GALLEY_VALGRIND_BUILD=build sh scripts/valgrind.sh
echo "== all tests passed" >&2
