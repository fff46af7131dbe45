#!/usr/bin/env bash
# Second command of the README: install what is missing, build, run every test — once in the
# normal build and once under AddressSanitizer + UndefinedBehaviorSanitizer — then build the
# Debian package and run it from a scratch root. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
scripts/deps.sh
scripts/mount-mqueue.sh
jobs=$(nproc)
# What exists before any test runs: whatever a test leaves behind is reported at the end.
before=$(mktemp)
trap 'rm -f "$before"' EXIT
scripts/check-leftovers.sh --snapshot "$before"

for preset in dev asan; do
    echo "== $preset: configure and build =="
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j"$jobs"
    echo "== $preset: test =="
    # Tests run one at a time: several of them measure blocking and throughput of real
    # processes, which a 2-core machine shared with other tests would blur.
    ctest --preset "$preset" -j1
done
echo "== package: build the .deb, lintian, run it unpacked =="
scripts/build-deb.sh
scripts/test-deb.sh
scripts/check-leftovers.sh --since "$before"
