#!/usr/bin/env bash
# Refreshes the translations (resources/translations/*.ts) from the sources in ui/ and app/gui/:
# runs lupdate -no-obsolete through the CMake target ipcscope_translations_lupdate, then
# finishes the English entries that are plain copies of their source text.
# New strings then show as unfinished in ipcscope_zh_CN.ts (and English plurals): translate
# them with `linguist resources/translations/ipcscope_zh_CN.ts` (or scripts/ts-tool.py apply)
# until `scripts/ts-tool.py check resources/translations/*.ts` (and tst_i18n) pass.
#
#   scripts/update-translations.sh [BUILD_DIR]     (default: build/dev, configured if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/dev}
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
else
    cmake "$build" >/dev/null # picks up new source files (the source list is a glob)
fi
cmake --build "$build" --target ipcscope_translations_lupdate
python3 scripts/ts-tool.py fill-en resources/translations/ipcscope_en.ts || true
python3 scripts/ts-tool.py check resources/translations/*.ts || {
    echo "update-translations: entries above still need a translation" >&2
    exit 1
}
