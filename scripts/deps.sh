#!/usr/bin/env bash
# Installs the Debian packages ipcscope needs to build, test and run, when any is missing.
# Used by run.sh and test.sh; safe to run again (it only installs what is not there).
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libgl-dev libqt6opengl6-dev   # Qt Charts needs Qt6OpenGL(Widgets), which qt6-charts-dev does not pull in
    util-linux        # ipcs, lsipc, ipcmk: the tests compare against them
    procps            # pgrep/ps for the leak checks
    clang bpftool libbpf-dev  # ipcscope-probe: the eBPF program, its skeleton and loader
    pkexec polkitd    # the GUI starts the probe through polkit; tst_polkit checks the action
    libxml2-utils libcap2-bin  # xmllint (the action against polkit's DTD), setcap (probe advice)
    graphviz          # dot: tst_export checks that the wait-for graph export renders
    xvfb xauth        # headless display for GUI screenshots
    fonts-noto-cjk    # Simplified Chinese text in the GUI
    qt6-translations-l10n  # Qt's own dialogs and buttons in Chinese
    scdoc bash-completion  # the man pages (docs/man) and the completion's test
    debhelper dpkg-dev lintian man-db  # the Debian package: build (scripts/build-deb.sh), check, its man pages
)
if [[ "${1:-}" == "--with-screenshots" ]]; then
    packages+=(imagemagick xdotool)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then
        sudo_cmd=(sudo)
    else
        echo "ipcscope: these packages are missing and I am not root (and there is no sudo): ${missing[*]}" >&2
        exit 1
    fi
fi
echo "ipcscope: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
