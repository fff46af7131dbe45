#!/usr/bin/env bash
# First command of the README: install what is missing, build, start ipcscope.
set -euo pipefail
cd "$(dirname "$0")"
scripts/deps.sh
scripts/mount-mqueue.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
bin=build/release/bin
if [[ -x "$bin/ipcscope" && ( -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ) ]]; then
    exec "$bin/ipcscope" "$@"
fi
cat <<TXT
Built. There is no display here (or the GUI is not built yet), so use the command-line tool:

  $bin/ipcscope-cli mechanisms                      # what can run
  $bin/ipcscope-cli run pipe --producers 2 --consumers 2 --duration 3
  $bin/ipcscope-cli run sysv-msg --consumer-rate 200 --duration 5   # watch the producer block
  $bin/ipcscope-cli lessons                         # the Classroom's lessons and pitfalls
  $bin/ipcscope-cli run --lesson semaphore-deadlock --variant broken   # one, headless
  $bin/ipcscope-cli --help

TXT
