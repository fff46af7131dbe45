#!/usr/bin/env bash
# After the tests: nothing of ipcscope's may be left on the machine (objects, FIFOs, processes).
#
# Tests also create objects under private keys (IPC_PRIVATE) and names of their own, which carry
# no ipcscope mark. So `--snapshot FILE` before the tests lists every System V id and POSIX name
# there is, and `--since FILE` after them also reports each one that was not there before.
set -uo pipefail

# Every System V object (kind and id) and POSIX name on the machine, one per line, sorted.
every_object() {
    for f in msg shm sem; do
        awk -v kind="$f" 'NR > 1 { print "sysv-" kind " " $2 }' /proc/sysvipc/$f
    done
    for d in /dev/shm /dev/mqueue; do
        ls -1 "$d" 2>/dev/null | sed "s|^|$d/|"
    done
}

if [[ "${1:-}" == "--snapshot" && -n "${2:-}" ]]; then
    every_object | sort >"$2"
    exit 0
fi
status=0
if [[ "${1:-}" == "--since" && -n "${2:-}" ]]; then
    new=$(every_object | sort | comm -13 "$2" -)
    if [[ -n "$new" ]]; then
        echo "objects created during the tests and left behind:"; echo "$new"; status=1
    fi
fi
for f in msg shm sem; do
    # Key column 1 is signed decimal; ipcscope's keys start 0x1bc5 (core/base/naming.h).
    left=$(awk 'NR > 1 { k = $1 < 0 ? $1 + 4294967296 : $1; if (int(k / 65536) == 7109) print }' /proc/sysvipc/$f)
    if [[ -n "$left" ]]; then
        echo "leftover System V $f objects with ipcscope keys:"; echo "$left"; status=1
    fi
done
for d in /dev/shm /dev/mqueue; do
    left=$(ls -1 "$d" 2>/dev/null | grep -E '^(sem\.)?ipcscope\.' || true)
    if [[ -n "$left" ]]; then
        echo "leftover POSIX objects in $d:"; echo "$left"; status=1
    fi
done
left=$(find /tmp "${XDG_RUNTIME_DIR:-/nonexistent}" -maxdepth 3 -path '*ipcscope*' -name 'run-*' 2>/dev/null || true)
if [[ -n "$left" ]]; then
    echo "leftover run directories:"; echo "$left"; status=1
fi
if pgrep -f 'ipcscope-worker' >/dev/null; then
    echo "leftover worker processes:"; pgrep -af 'ipcscope-worker'; status=1
fi
if [[ $status -eq 0 ]]; then
    echo "no leftovers: no ipcscope objects, FIFOs, run directories or workers remain"
fi
exit $status
