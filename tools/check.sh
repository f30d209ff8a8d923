#!/bin/sh
# tools/check.sh: the whole test suite, as CI runs it.
#
# It builds the project twice and runs every test in both builds:
#   build-werror  -Wall -Wextra -Werror, optimised (the shipped build);
#   build-asan    AddressSanitizer + UndefinedBehaviorSanitizer, which
#                 abort on the first error or leak; an unoptimised,
#                 instrumented build runs several times slower, so its
#                 tests get three times their timeouts.
# The last line is "N passed, N failed" over both runs.
set -eu
cd "$(dirname "$0")/.."

setup() {
    dir=$1
    shift
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" --werror "$@"
    fi
}

setup build-werror
setup build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

status=0
meson test -C build-werror --print-errorlogs || status=1
LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-asan --print-errorlogs --timeout-multiplier 3 || status=1

python3 tools/test_totals.py build-werror build-asan
exit $status
