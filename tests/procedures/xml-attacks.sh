#!/bin/sh
# xml-attacks.sh - hostile XML: an XXE that points at /etc/passwd, a
# billion-laughs bomb, an external DTD and a parameter entity are refused
# at once with a clear error; nothing of /etc/passwd appears anywhere.
. "$(dirname "$0")/../lib/lib.sh"

new_ws "$T/ws"
for f in xxe billion-laughs external-dtd parameter-entity; do
	cp "$SRC/tests/data/attacks/$f.xml" "$T/ws/procedures/$f.xml"
	start=$(date +%s)
	set +e
	timeout 10 "$CONFORM" -C "$T/ws" doc check >"$T/out" 2>"$T/err"
	st=$?
	set -e
	[ "$st" = 3 ] || { cat "$T/err"; fail "$f: exit $st, expected 3"; }
	[ $(($(date +%s) - start)) -le 3 ] || fail "$f: too slow"
	contains "$T/err" "procedures/$f.xml:2: DOCTYPE not allowed"
	lacks "$T/err" "root:"
	lacks "$T/out" "root:"
	# Named directly, outside a workspace, the same.
	expect 3 doc check "$SRC/tests/data/attacks/$f.xml"
	contains "$T/err" "DOCTYPE not allowed"
	lacks "$T/err" "root:"
	rm "$T/ws/procedures/$f.xml"
done

# A document over the size limit is refused before it is parsed.
{ echo '<procedure id="big" kind="commitment"><title>'
  head -c 17000000 /dev/zero | tr '\0' 'a'
  echo '</title></procedure>'; } >"$T/ws/procedures/big.xml"
expect 3 -C "$T/ws" doc check
contains "$T/err" "file too large"
pass
