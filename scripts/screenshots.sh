#!/usr/bin/env bash
# Takes the README's screenshots under Xvfb at 1600x1000: the lab during a run, the system
# objects and the kernel limits. Needs a build (build/dev) and xvfb + imagemagick (+ xdotool
# for the Step shots).
# SHOT_OUT=DIR writes them elsewhere than docs/ (to compare before replacing).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --with-screenshots
bin=build/dev/bin
out=${SHOT_OUT:-docs}
home=$(mktemp -d) # a clean settings directory: the default layout
trap 'rm -rf "$home"' EXIT
shot() { # name, seconds to wait, ipcscope arguments...
    local name=$1 wait=$2
    shift 2
    HOME=$home xvfb-run -a -s "-screen 0 ${SHOT_SIZE:-1600x1000}x24" bash -c '
        "$0" "$@" & pid=$!
        sleep '"$wait"'
        import -window root '"$out/$name"'.png
        kill $pid; wait $pid || true' "$bin/ipcscope" "$@"
    echo "wrote $out/$name.png"
}
shot lab 10 --run sysv-msg --producers 2 --consumers 3 --consumer-rate 150 --capacity 4096 --duration 60
# The Lab with many workers (throughput by role) and with a throttled consumer (fill, rates and
# timeline agreeing with the kernel), at 1600x1000 and on a 1024x700 screen.
shot lab-8x8 10 --run pipe --producers 8 --consumers 8 --rate 2000 --duration 60
SHOT_SIZE=1024x700 shot lab-8x8-1024 10 --run pipe --producers 8 --consumers 8 --rate 2000 --duration 60
shot lab-posix-mq 10 --run posix-mq --consumer-rate 100 --duration 60
SHOT_SIZE=1024x700 shot lab-posix-mq-1024 10 --run posix-mq --consumer-rate 100 --duration 60
shot objects 6 --tab objects --run posix-shm --producers 2 --consumers 2 --consumer-rate 100 --duration 60
shot limits 4 --tab limits
# The same two pages on a 1024x700 screen (a projector's), where columns must fit.
SHOT_SIZE=1024x700 shot objects-1024 6 --tab objects --run posix-shm --producers 2 --consumers 2 --consumer-rate 100 --duration 60
SHOT_SIZE=1024x700 shot limits-1024 4 --tab limits
shot classroom 7 --lesson semaphore-deadlock --variant broken --start
# The course notes' own FIFO pair as written, mid-run: the reader waits in open() for the
# writer, which comes 3 s late (and then fails with EBADF).
shot classroom-notes-fifo 2.5 --lesson notes-fifo --variant broken --start
SHOT_SIZE=1024x700 shot classroom-notes-fifo-1024 2.5 --lesson notes-fifo --variant broken --start
# The notes' writer with only its == corrected: the bytes the reader received, n + 1 of them,
# the last one the NUL; in presentation mode on a 1024x768 projector too (the diagram's texts
# as large as the code's).
shot classroom-notes-nul 8 --lesson notes-fifo --variant n-plus-1 --start
SHOT_SIZE=1024x768 shot classroom-notes-nul-presentation-1024x768 8 --lesson notes-fifo --variant n-plus-1 --presentation --start
SHOT_SIZE=1024x768 shot classroom-presentation-1024x768 7 --lesson semaphore-deadlock --variant broken --presentation --start
# The bounded buffer under Step (the Step button clicked with xdotool: keys sent without a
# window manager do not arrive): one call of each process a step. The first click starts the
# run held; then Restart is wider than Start and Step has moved right.
step_shot() { # name, screen size, Step presses after the start
    HOME=$home xvfb-run -a -s "-screen 0 $2x24" bash -c '
        "$0" --lesson bounded-buffer & pid=$!
        sleep 4
        xdotool mousemove 135 68 click 1; sleep 1
        for _ in $(seq '"$3"'); do xdotool mousemove 148 68 click 1; sleep 0.8; done
        xdotool mousemove 1020 25
        sleep 1
        import -window root '"$out/$1"'.png
        kill $pid; wait $pid || true' "$bin/ipcscope"
    echo "wrote $out/$1.png"
}
step_shot classroom-step 1600x1000 4
step_shot classroom-step-1024 1024x700 4
# The Observe page on a real deadlock with a history: stuckprocess (tests/observe) runs two
# processes that pass a byte back and forth over two pipes (the eBPF tier, on as root, draws who
# woke whom) for 6 s, then stop answering and each waits reading the pipe the other writes,
# until its stdin closes.
observe_shot() { # name, screen size
    local name=$1 size=$2 fifo ready pids helper
    fifo=$(mktemp -u) ready=$(mktemp)
    mkfifo "$fifo"
    "$bin/stuckprocess" pingpong-deadlock <"$fifo" >"$ready" & helper=$!
    exec 9>"$fifo"
    for _ in $(seq 100); do grep -q ready "$ready" && break; sleep 0.1; done
    pids=$(sed -n 's/.*pids=\([0-9,]*\).*/\1/p' "$ready")
    mkdir -p "$home/.config/ipcscope"
    printf '[observe]\nexactFlow=true\n' >"$home/.config/ipcscope/ipcscope.conf"
    HOME=$home xvfb-run -a -s "-screen 0 ${size}x24" bash -c '
        "$0" --observe "$1" & pid=$!
        sleep 10
        import -window root "$2"
        kill $pid; wait $pid || true' "$bin/ipcscope" "$pids" "$out/$name.png"
    exec 9>&-
    wait "$helper" || true
    rm -f "$fifo" "$ready" "$home/.config/ipcscope/ipcscope.conf"
    echo "wrote $out/$name.png"
}
observe_shot observe 1600x1000
observe_shot observe-1024 1024x700
