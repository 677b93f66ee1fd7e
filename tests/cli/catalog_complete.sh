#!/usr/bin/env bash
# Every message marked for translation in src/ (tr("…"), N_("…")) has a Chinese translation in
# po/zh_CN.po: xgettext extracts them afresh and msgcmp fails on any that has none.
set -euo pipefail
source_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$source_dir"
find src -name '*.cpp' -o -name '*.h' | LC_ALL=C sort |
    xgettext --from-code=UTF-8 --language=C++ --keyword=tr --keyword=N_ -f - -o "$work/formpdf.pot"
shopt -s nullglob
msgcat --use-first -o "$work/zh_CN.po" po/zh_CN.po po/zh_CN.d/*.po
msgcmp "$work/zh_CN.po" "$work/formpdf.pot"
msgfmt --check -o /dev/null "$work/zh_CN.po"
