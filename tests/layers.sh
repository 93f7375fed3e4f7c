#!/bin/sh
# SPDX-License-Identifier: MIT
# layers.sh - `make check` runs tests/layers.py over the source tree: no
# include runs up the layers, no circle between files, SQL only in the
# store modules, libgit2 only in procedures/, libxlsxwriter only in
# core/xlsxout.c (doc/design.md).  First it
# proves the checker sees each kind of problem, on a copy of the tree
# with one of each planted (an include by a path up the folders among
# them, which the compiler follows as well as a bare name).
set -eu
SRC=${CONFORM_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/conform-layers-XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

for d in core procedures cases audits reports cli; do
	cp -R "$SRC/$d" "$T/$d"
done
python3 "$SRC/tests/layers.py" "$T" >"$T/clean.out" || {
	cat "$T/clean.out"
	fail "the copy of the tree is not clean"
}
plant() { # plant FILE TEXT: appends TEXT as lines of FILE
	printf '%s\n' "$2" >>"$T/$1"
}
plant core/date.c '#include "audit.h"'
plant cases/xes.c '#include "../reports/svg.h"'
plant reports/svg.c 'static int n(void) { return sqlite3_changes(0); }'
plant cli/cmd-init.c 'static void g(void) { git_libgit2_shutdown(); }'
plant reports/auditprint.c '#include <xlsxwriter.h>'
plant core/listing.c 'static void w(void) { worksheet_write_number(0, 0, 0, 0, 0); }'
plant reports/html.c 'static void x(void) { cf_store_exec(0, "DELETE FROM ncr"); }'
printf '#ifndef X_H\n#define X_H\n#include "svg.h"\n#endif\n' >"$T/reports/xcircle.h"
plant reports/svg.c '#include "xcircle.h"'
printf '#ifndef EVIDENCE_H\n#endif\n' >"$T/audits/evidence.h"
set +e
python3 "$SRC/tests/layers.py" "$T" >"$T/out" 2>"$T/err"
st=$?
set -e
[ "$st" = 1 ] || fail "layers.py exit $st on a tree with planted problems"
for want in \
	"core/date.c:[0-9]*: includes audit.h, a header of audits/" \
	"cases/xes.c:[0-9]*: includes ../reports/svg.h, a header of reports/" \
	"reports/svg.c:[0-9]*: uses SQLite (sqlite3_changes)" \
	"cli/cmd-init.c:[0-9]*: uses libgit2 (git_libgit2_shutdown)" \
	"reports/auditprint.c:[0-9]*: uses libxlsxwriter (<xlsxwriter.h>)" \
	"core/listing.c:[0-9]*: uses libxlsxwriter (worksheet_write_number)" \
	"reports/html.c:[0-9]*: uses SQLite (cf_store_exec)" \
	"a circle of includes between reports/svg, reports/xcircle" \
	"header name also used by"; do
	grep -q -- "$want" "$T/out" || { cat "$T/out"; fail "layers.py does not see: $want"; }
done
echo "layers.py names each planted problem"

python3 "$SRC/tests/layers.py" "$SRC"
