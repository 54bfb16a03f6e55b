#!/bin/sh
# Runs every test suite under valgrind's memcheck, and the galley binary the
# command-line suites start under it too (through GALLEY_TEST_WRAPPER, which
# tests/support.c honours).  Any memory error, and any leak that is definitely
# or indirectly lost, fails the run.
#
#   sh scripts/valgrind.sh [SUITE...]      (default: every suite)
#
# It builds in $GALLEY_VALGRIND_BUILD, by default build-valgrind, configured
# here as a Debug build when it does not exist yet; scripts/test.sh passes its
# plain build instead (never a sanitizer build: valgrind and ASan do not mix).
# Suppressions for leaks that belong to the C library or the dynamic loader,
# not to galley, are in scripts/valgrind.supp.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
build=${GALLEY_VALGRIND_BUILD:-build-valgrind}
jobs=$(nproc 2>/dev/null || echo 2)

command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is not installed" >&2; exit 1; }
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S . -B "$build" -DBUILD_TESTING=ON -DGALLEY_WERROR=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
fi
if grep -q '^GALLEY_SANITIZE:STRING=.' "$build/CMakeCache.txt"; then
    echo "valgrind.sh: $build is a sanitizer build; valgrind cannot run it" >&2
    exit 1
fi
cmake --build "$build" -j "$jobs" >/dev/null

vg="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
vg="$vg --show-leak-kinds=definite,indirect --num-callers=30 -q"
vg="$vg --suppressions=$root/scripts/valgrind.supp"
logs=$build/valgrind
rm -rf "$logs"
mkdir -p "$logs"

if [ $# -gt 0 ]; then
    suites=$*
else
    suites=$(cd "$build/tests" && ls test_* | sed 's/^test_//')
fi

# Plugins stay loaded, so that a leak in one is reported with its stack.
# Check runs each test in a forked child; valgrind follows it, and the child's
# leaks are checked when it exits.  Its timeouts are stretched fiftyfold for valgrind.
export GALLEY_NO_DLCLOSE=1 GALLEY_PLUGIN_PATH= NO_COLOR=1 CK_TIMEOUT_MULTIPLIER=50
export GALLEY_TEST_WRAPPER="$vg --log-file=$root/$logs/galley-%p.log"

failed=0
for suite in $suites; do
    [ -x "$build/tests/test_$suite" ] || { echo "no suite $suite" >&2; failed=1; }
done
# One suite per core at a time (xargs -P), each reporting its own line.
export build root logs vg
printf '%s\n' $suites | xargs -P "$jobs" -I{} sh -c '
    suite={}
    log=$logs/test_$suite.log
    start=$(date +%s)
    if (cd "$build/tests" && $vg --log-file="$root/$log" "./test_$suite" \
            >"$root/$logs/$suite.out" 2>&1); then
        echo "ok      $suite ($(($(date +%s) - start)) s)"
    else
        echo "FAILED  $suite after $(($(date +%s) - start)) s (see $log and $logs/$suite.out)"
        exit 1
    fi' || failed=1

# The binary's own logs: an error there fails the run even if the suite's
# assertion happened to accept the exit status.
for log in "$logs"/galley-*.log; do
    [ -s "$log" ] || continue
    # tests/plugins/faulty.c crashes on purpose (the --isolate tests).
    grep -q "faulty_process" "$log" && continue
    if grep -q "ERROR SUMMARY: [1-9]\|definitely lost\|indirectly lost\|Invalid \|uninitialised" "$log"; then
        echo "FAILED  galley binary: $log" >&2
        failed=1
    fi
done
if [ $failed -ne 0 ]; then
    echo "valgrind: errors found" >&2
    exit 1
fi
echo "valgrind: no errors, no leaks" >&2
