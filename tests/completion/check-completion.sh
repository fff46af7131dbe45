#!/usr/bin/env bash
# Sources the bash completion of ipcscope-cli with bash-completion and checks what Tab offers:
# commands, options, mechanisms, lessons and their variants, kinds, and for `rm` the objects
# there are now (a System V queue, a POSIX queue and a POSIX shared memory object made here and
# removed on exit).
# Usage: check-completion.sh IPCSCOPE_CLI COMPLETION_SCRIPT
set -uo pipefail
cli=$1 script=$2
bash_completion=/usr/share/bash-completion/bash_completion
[[ -r $bash_completion ]] || { echo "FAIL: $bash_completion is missing (scripts/deps.sh installs bash-completion)"; exit 1; }
# shellcheck source=/dev/null
source "$bash_completion"
# shellcheck source=/dev/null
source "$script"

name=ipcscope-complete-$$
msqid=""
cleanup() {
    [[ -n $msqid ]] && ipcrm -q "$msqid"
    rm -f "/dev/mqueue/$name" "/dev/shm/$name"
}
trap cleanup EXIT

failures=0
# complete LINE: what Tab offers at the end of LINE (the words after the program's name).
complete_line() {
    COMP_LINE="$cli $1"
    COMP_POINT=${#COMP_LINE}
    read -r -a COMP_WORDS <<<"$COMP_LINE"
    [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _ipcscope_cli ipcscope-cli "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}" | sort
}
# expect_exactly LINE WORD...: Tab offers these words and no others.
expect_exactly() {
    local line=$1 got want
    shift
    got=$(complete_line "$line" | tr '\n' ' ')
    want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
    if [[ $got != "$want" ]]; then
        echo "FAIL: 'ipcscope-cli $line<TAB>' offers [$got], expected exactly [$want]"
        failures=$((failures + 1))
    else
        echo "ok: 'ipcscope-cli $line<TAB>' offers [$got]"
    fi
}
# expect_includes LINE WORD...: Tab offers at least these words.
expect_includes() {
    local line=$1 got w
    shift
    got=$(complete_line "$line")
    for w in "$@"; do
        if ! grep -qxF -- "$w" <<<"$got"; then
            echo "FAIL: 'ipcscope-cli $line<TAB>' does not offer $w; it offers: $(tr '\n' ' ' <<<"$got")"
            failures=$((failures + 1))
            return
        fi
    done
    echo "ok: 'ipcscope-cli $line<TAB>' offers $*"
}
# expect_excludes LINE WORD...: Tab offers none of these words.
expect_excludes() {
    local line=$1 got w
    shift
    got=$(complete_line "$line")
    for w in "$@"; do
        if grep -qxF -- "$w" <<<"$got"; then
            echo "FAIL: 'ipcscope-cli $line<TAB>' offers $w"
            failures=$((failures + 1))
        fi
    done
}

expect_exactly "r" run rm
expect_exactly "l" lessons limits ls
expect_exactly "--v" --version
expect_exactly "run " fifo pipe posix-mq posix-shm sysv-msg sysv-sem sysv-shm unix-dgram unix-stream
expect_exactly "run pi" pipe
expect_excludes "run pipe " pipe fifo
expect_includes "run pipe --" --producers --consumers --size --duration --json --quiet --lesson --help --version
expect_exactly "run --pro" --producers
expect_includes "run --lesson " pipe-parent-child semaphore-deadlock
expect_exactly "run --lesson semaphore-deadlock --variant " broken fixed
expect_exactly "lessons --lang " en zh_CN
expect_exactly "lessons --" --json --lang --help
expect_exactly "mechanisms --" --json --help
expect_exactly "ls --kind " sysv-msg sysv-shm sysv-sem posix-mq posix-shm posix-sem pipe fifo unix-stream unix-dgram unix-seqpacket
expect_exactly "ls --kind posix-" posix-mq posix-shm posix-sem
expect_includes "ls --" --kind --json --users --details --namespace --help
expect_exactly "ls --time-format " short full iso
expect_includes "observe --" --pid --comm --tree --object --all --once --json-lines --exact --no-exact --record
expect_includes "observe --object " sysv-msg posix-mq pipe
expect_exactly "rm " sysv-msg sysv-shm sysv-sem posix-mq posix-shm posix-sem fifo
expect_includes "rm --" --stale --dry-run --key --cuid --ctime --inode --ctime-ns

# Objects read live: made now, offered now.
msqid=$(ipcmk -Q 2>/dev/null | awk '{ print $NF }')
if [[ $msqid =~ ^[0-9]+$ ]]; then
    expect_includes "rm sysv-msg " "$msqid"
    expect_excludes "rm sysv-shm " "$msqid-not-an-id"
else
    echo "FAIL: ipcmk -Q made no queue"
    failures=$((failures + 1))
fi
if : >"/dev/mqueue/$name" 2>/dev/null; then
    expect_includes "rm posix-mq " "/$name"
    expect_includes "rm posix-mq /ipcscope-complete-" "/$name"
    expect_includes "observe --object posix-mq " "/$name"
else
    echo "note: /dev/mqueue is not mounted here: POSIX queue names not checked"
fi
: >"/dev/shm/$name"
expect_includes "rm posix-shm " "/$name"
expect_excludes "rm posix-sem " "/$name"

if ((failures > 0)); then
    echo "$failures failure(s)"
    exit 1
fi
echo "every completion as expected"
