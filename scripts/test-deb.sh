#!/usr/bin/env bash
# Tests the built Debian package (scripts/build-deb.sh) as installed: unpacks it into a scratch
# root (dpkg -x) and runs the programs from there, with a HOME of their own: the CLI must find
# its worker in the root's libexec and its lessons in the root's share, relative to itself.
# Fails loudly on the first problem. Usage: scripts/test-deb.sh [PACKAGE.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(dpkg-parsechangelog -S Version)
arch=$(dpkg --print-architecture)
deb=${1:-../ipcscope_${version}_${arch}.deb}

fail() {
    echo "test-deb: FAIL: $*" >&2
    exit 1
}
[[ -f $deb ]] || fail "$deb is not there: build it with scripts/build-deb.sh"

root=$(mktemp -d "${TMPDIR:-/tmp}/ipcscope-deb.XXXXXX")
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
mkdir -p "$root/home" && mkdir -m 700 "$root/run"
bin=$root/usr/bin
cli=$bin/ipcscope-cli
echo "== $deb unpacked into $root =="

# run CMD...: CMD from the scratch root, with nothing of this user's (HOME, lesson path, saved
# language) and without a display; its output is shown, a failure stops the test.
run() {
    env -i PATH=/usr/bin:/bin HOME="$root/home" XDG_RUNTIME_DIR="$root/run" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"
}

echo "== what the package installs =="
expected=(
    usr/bin/ipcscope usr/bin/ipcscope-cli usr/libexec/ipcscope/ipcscope-worker
    usr/libexec/ipcscope/ipcscope-cli-qt
    usr/share/applications/ipcscope.desktop
    usr/share/metainfo/io.github.ipcscope.ipcscope.metainfo.xml
    usr/share/icons/hicolor/scalable/apps/ipcscope.svg
    usr/share/icons/hicolor/32x32/apps/ipcscope.png usr/share/icons/hicolor/256x256/apps/ipcscope.png
    usr/share/man/man1/ipcscope.1.gz usr/share/man/man1/ipcscope-cli.1.gz
    usr/share/bash-completion/completions/ipcscope-cli
    usr/share/ipcscope/lessons/01-pipe-parent-child.json
    usr/share/doc/ipcscope/copyright usr/share/doc/ipcscope/changelog.gz
)
if [[ $arch == amd64 ]]; then
    expected+=(usr/libexec/ipcscope/ipcscope-probe usr/share/polkit-1/actions/org.ipcscope.probe.policy)
fi
for f in "${expected[@]}"; do
    [[ -e $root/$f ]] || fail "the package lacks /$f"
done
echo "ok: ${#expected[@]} expected files"
# Every program links only libraries of the system: ours are linked into them.
for program in "$bin"/* "$root"/usr/libexec/ipcscope/*; do
    if ldd "$program" | grep -q 'not found'; then
        fail "$program needs a library that is not there: $(ldd "$program" | grep 'not found')"
    fi
done
if [[ -e $root/usr/share/polkit-1/actions/org.ipcscope.probe.policy ]]; then
    grep -q '>/usr/libexec/ipcscope/ipcscope-probe<' "$root/usr/share/polkit-1/actions/org.ipcscope.probe.policy" ||
        fail "the polkit action does not name /usr/libexec/ipcscope/ipcscope-probe"
    echo "ok: the polkit action names /usr/libexec/ipcscope/ipcscope-probe"
fi
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/io.github.ipcscope.ipcscope.metainfo.xml" ||
    fail "the metainfo's release is not $version"

echo "== versions =="
[[ $(run "$cli" --version) == "ipcscope-cli $version" ]] || fail "ipcscope-cli --version: $(run "$cli" --version)"
[[ $(run "$bin/ipcscope" --version) == "ipcscope $version" ]] || fail "ipcscope --version: $(run "$bin/ipcscope" --version)"
if [[ -x $root/usr/libexec/ipcscope/ipcscope-probe ]]; then
    run "$root/usr/libexec/ipcscope/ipcscope-probe" --version | grep -q "^ipcscope-probe $version " ||
        fail "ipcscope-probe --version: $(run "$root/usr/libexec/ipcscope/ipcscope-probe" --version)"
fi
echo "ok: ipcscope, ipcscope-cli and ipcscope-probe say $version"

echo "== ipcscope-cli run pipe --duration 1 (the worker from the root's libexec) =="
run "$cli" run pipe --duration 1 || fail "ipcscope-cli run pipe --duration 1 exited with $?"

echo "== ipcscope-cli lessons (from the root's share) =="
run "$cli" lessons >"$root/lessons.txt" || fail "ipcscope-cli lessons exited with $?"
head -3 "$root/lessons.txt"
packaged=$(find "$root/usr/share/ipcscope/lessons" -name '*.json' | wc -l)
# Each lesson listed comes from the scratch root, not from the source tree the program was
# built from nor from anywhere else.
from_root=$(run "$cli" lessons --json | grep -o '"file":"[^"]*"' | grep -c "\"file\":\"$root/usr/share/ipcscope/lessons/" || true)
listed=$(run "$cli" lessons --json | grep -o '"file":"[^"]*"' | wc -l)
((packaged > 0 && listed == packaged && from_root == packaged)) ||
    fail "lessons: $packaged packaged, $listed listed, $from_root of them from $root/usr/share/ipcscope/lessons"
echo "ok: $listed lessons, all read from the root's share"

echo "== the GUI's translations (embedded) =="
run env LANG=zh_CN.UTF-8 "$bin/ipcscope" --help | grep -q '观察' ||
    fail "ipcscope --help under LANG=zh_CN.UTF-8 is not in Chinese: $(run env LANG=zh_CN.UTF-8 "$bin/ipcscope" --help | head -3)"
echo "ok: ipcscope --help speaks Simplified Chinese under LANG=zh_CN.UTF-8"

echo "== man pages =="
mkdir -p "$root/man"
for page in ipcscope ipcscope-cli; do
    gz=$root/usr/share/man/man1/$page.1.gz
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$gz" 2>&1 >"$root/man/$page.txt") ||
        fail "man -l $gz failed: $warnings"
    [[ -z $warnings ]] || fail "man -l $gz warns: $warnings"
    grep -q '^NAME' "$root/man/$page.txt" || fail "man -l $gz shows no NAME section"
    gzip -dc "$gz" >"$root/man/$page.1"
    echo "ok: man -l $page.1.gz ($(wc -l <"$root/man/$page.txt") lines)"
done
run bash tests/manpages/check-manpages.sh "$cli" "$bin/ipcscope" "$root/man"

echo "== bash completion, as installed =="
run bash tests/completion/check-completion.sh "$cli" "$root/usr/share/bash-completion/completions/ipcscope-cli"

echo "== the package works from $root =="
