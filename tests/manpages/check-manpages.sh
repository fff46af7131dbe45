#!/usr/bin/env bash
# Every option that `ipcscope-cli --help`, `ipcscope-cli COMMAND --help` and `ipcscope --help`
# print is in the generated man page: fails naming each one that is not.
# Usage: check-manpages.sh IPCSCOPE_CLI IPCSCOPE MAN_DIR
set -euo pipefail
cli=$1 gui=$2 mandir=$3

# The option names of a --help text: its option column ("  -n, --noheadings  ...",
# "  --kind <KIND>  ...", "  -h, --help, --help-all") and the bracketed options of its Usage
# line ("Usage: ipcscope-cli lessons [--json] [--lang en|zh_CN]"). Descriptions may quote other
# programs' options (`ss -x`): they are not read.
options_of() {
    awk '
        /^Usage:/ {
            line = $0
            while (match(line, /\[--?[A-Za-z][A-Za-z0-9-]*/)) {
                print substr(line, RSTART + 1, RLENGTH - 1)
                line = substr(line, RSTART + RLENGTH)
            }
            next
        }
        /^ +-/ {
            sub(/^ +/, "")
            sub(/  .*/, "")
            n = split($0, names, /, /)
            for (i = 1; i <= n; i++) {
                sub(/ .*/, "", names[i])
                sub(/=.*/, "", names[i])
                if (names[i] ~ /^--?[A-Za-z]/) print names[i]
            }
        }'
}

# The man page's text as roff writes it, with fonts and escapes taken out: "\fB\-\-kind\fR"
# becomes "--kind".
page_text() {
    sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\(hy/-/g' -e 's/\\&//g' "$1"
}

failures=0
# The lines of one section of a page (".SH NAME" or ".SS NAME"), up to the next section.
section_of() {
    awk -v want="$2" '
        /^\.S[HS] / { on = (substr($0, 5) == want); next }
        on' "$1"
}

# check PAGE SECTION WHAT HELP_TEXT: every option of HELP_TEXT is in that section of PAGE (the
# whole page when SECTION is empty).
check() {
    local page=$1 section=$2 what=$3 help=$4 text found=0
    if [[ -n $section ]]; then
        text=$(section_of "$page" "$section" | page_text /dev/stdin)
    else
        text=$(page_text "$page")
    fi
    [[ -n $text ]] || { echo "FAIL: $(basename "$page") has no section $section"; failures=$((failures + 1)); return; }
    while read -r option; do
        [[ -z $option ]] && continue
        found=$((found + 1))
        # A whole option: "--json" is not found inside "--json-lines".
        if ! grep -qE -- "(^|[^A-Za-z0-9-])${option}([^A-Za-z0-9-]|$)" <<<"$text"; then
            echo "FAIL: $what prints $option, which $(basename "$page") does not document${section:+ in $section}"
            failures=$((failures + 1))
        fi
    done < <(options_of <<<"$help" | sort -u)
    if ((found == 0)); then
        echo "FAIL: no option found in the output of $what:"
        echo "$help"
        failures=$((failures + 1))
    fi
    echo "checked $found option(s) of $what"
}

for page in "$mandir/ipcscope-cli.1" "$mandir/ipcscope.1"; do
    [[ -s $page ]] || { echo "FAIL: $page was not generated"; exit 1; }
done

check "$mandir/ipcscope-cli.1" "GLOBAL OPTIONS" "ipcscope-cli --help" "$("$cli" --help)"
commands=$("$cli" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
[[ -n $commands ]] || { echo "FAIL: ipcscope-cli --help lists no commands"; exit 1; }
for command in $commands; do
    # Each command is a section of the page, with its options.
    check "$mandir/ipcscope-cli.1" "$command" "ipcscope-cli $command --help" "$("$cli" "$command" --help)"
done
check "$mandir/ipcscope.1" "" "ipcscope --help" "$(QT_QPA_PLATFORM=offscreen "$gui" --help)"

if ((failures > 0)); then
    echo "$failures problem(s)"
    exit 1
fi
echo "every option printed by --help is in the man pages"
