#!/usr/bin/env bash
# Builds the Debian package the Debian way (debian/: debhelper, dh with CMake and Ninja):
# installs what is missing (scripts/deps.sh), runs `dpkg-buildpackage -us -uc -b` in the tree,
# which writes ../ipcscope_VERSION_ARCH.deb next to the tree, and checks it with lintian (an
# error fails; each warning left is overridden in debian/ with its reason).
# Install it with: apt install ./ipcscope_VERSION_ARCH.deb (from the parent folder).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh

# The package build is a Release build without tests or benchmarks (debian/rules). With ccache
# it is quick to build again: dh_auto_* give the build a HOME of their own, so the cache is
# named here, and its launcher handed to CMake through debian/rules.
if command -v ccache >/dev/null; then
    CCACHE_DIR=${CCACHE_DIR:-$(ccache -k cache_dir)}
    export CCACHE_DIR CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=1
    export IPCSCOPE_CMAKE_FLAGS="-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache"
fi
export DEB_BUILD_OPTIONS="parallel=$(nproc) ${DEB_BUILD_OPTIONS:-}"

version=$(dpkg-parsechangelog -S Version)
arch=$(dpkg --print-architecture)
start=$(date +%s)
dpkg-buildpackage -us -uc -b
echo "== package built in $(($(date +%s) - start)) s: ../ipcscope_${version}_${arch}.deb =="

echo "== lintian =="
# No error and no warning: a warning left must be overridden in debian/ with its reason.
lintian --fail-on error,warning --show-overrides "../ipcscope_${version}_${arch}.changes"
echo "lintian: no errors, no warnings"
