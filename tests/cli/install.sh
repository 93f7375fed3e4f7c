#!/bin/sh
# install.sh - the installed program finds its schemas and calendars
# under its own prefix (also when the installation is moved), and the
# program in the build tree finds them in the source tree.
. "$(dirname "$0")/../lib/lib.sh"

test -f "$PREFIX/share/conform/schemas/procedure.rng" || fail "schemas not installed"
test -f "$PREFIX/share/conform/calendars/CN-2026.xml" || fail "calendars not installed"
test -f "$PREFIX/share/conform/examples/center/checklists/IA-2026-Q1.xml" ||
	fail "example center not installed"

# A moved installation still finds its own data.
cp -R "$PREFIX" "$T/moved"
"$T/moved/bin/conform" doc check "$SRC/examples/center/procedures/P-BIZ-001.xml" >"$T/out" ||
	fail "moved install"
contains "$T/out" "1 document valid"
# ... and it is its own data it uses: break the moved schema.
printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="nothing"><empty/></element></start></grammar>\n' \
	>"$T/moved/share/conform/schemas/procedure.rng"
set +e
"$T/moved/bin/conform" doc check "$SRC/examples/center/procedures/P-BIZ-001.xml" >/dev/null 2>"$T/err"
st=$?
set -e
[ "$st" = 3 ] || fail "the moved program did not use its own schema (exit $st)"

# The program in the build tree reads the source tree.
if [ -n "${CONFORM_BUILD:-}" ] && [ -x "$CONFORM_BUILD" ]; then
	"$CONFORM_BUILD" doc check "$SRC/examples/center/procedures/P-BIZ-001.xml" >"$T/out" ||
		fail "build-tree program"
	"$CONFORM_BUILD" calendar workdays 2026 >"$T/out"
	[ "$(cat "$T/out")" = 248 ] || fail "build-tree calendars"
fi
pass
