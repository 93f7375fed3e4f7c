#!/bin/sh
# hostile-files.sh - files in the document folders that are not what a
# document is (doc/hardening.md, "Hostile files"):
#   - a 17 MiB blank procedure committed with plain git: every rebuild of
#     the document index (the cache in the store dropped) reads only its
#     size, not its bytes (peak RSS within 8 MB of the same rebuild
#     without it; not asserted under ASan), and shows it as an invalid
#     version, "document too large";
#   - a FIFO in procedures/: doc check and doc commit name it in one
#     line and return at once (under `timeout`: today they hang for
#     ever, doc commit holding the commit lock), and the lock is free;
#   - a symbolic link in procedures/ to a valid procedure outside: named,
#     never followed, nothing committed;
#   - a folder and a symbolic link committed with plain git: named by
#     doc log as invalid versions, not skipped (and a file that is not
#     NAME.xml no longer crashes doc log);
#   - a standard whose id holds "..": refused.
. "$(dirname "$0")/../lib/lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed"
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=

new_ws "$T/ws"
cd "$T/ws"
cp "$SRC"/examples/center/procedures/P-BIZ-001.xml procedures/
expect 0 doc commit -m "首次发布" --author "张三 <zhang@df.gov.cn>" \
	--approved-by "李四 <li@df.gov.cn>"
first=$(git rev-parse HEAD)

# rebuild_kb: peak RSS (kB) of `doc log` rebuilding the index.
rebuild_kb() {
	sqlite3 .conform/conform.db "DELETE FROM meta WHERE key = 'doc-index'"
	if [ -n "$TIME" ]; then
		$TIME -f %M -o "$T/rss" "$CONFORM" doc log >"$T/out" 2>"$T/err" ||
			{ cat "$T/err"; fail "doc log"; }
		cat "$T/rss"
	else
		"$CONFORM" doc log >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "doc log"; }
		echo 0
	fi
}
before=$(rebuild_kb)
head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >procedures/P-BIG-001.xml
git add procedures/P-BIG-001.xml
git commit -q -m "空白" && rm procedures/P-BIG-001.xml
after=$(rebuild_kb)
contains "$T/out" "procedures/P-BIG-001.xml: document too large (17825792 bytes, at most 16777216)"
echo "index rebuild: peak RSS ${before} kB without the blob, ${after} kB with it"
if [ -n "$TIME" ] && [ "${CONFORM_ASAN:-0}" = 0 ] && [ $((after - before)) -gt 8192 ]; then
	fail "the 17 MiB blob was read: peak RSS $before kB -> $after kB"
fi
expect 3 doc show P-BIG-001
contains "$T/err" "document too large"
git reset -q --hard "$first"

# A FIFO.
mkfifo procedures/P-FIFO-001.xml
cp procedures/P-BIZ-001.xml "$T/keep.xml"
sed 's/amount="0.00"/amount="10.00"/' "$T/keep.xml" >procedures/P-BIZ-001.xml
set +e
timeout 30 "$CONFORM" doc check >"$T/out" 2>"$T/err"
got=$?
set -e
[ "$got" = 3 ] || { cat "$T/err"; fail "doc check with a FIFO: exit $got, expected 3 (124: it hung)"; }
[ "$(grep -c P-FIFO-001 "$T/err")" = 1 ] || { cat "$T/err"; fail "the FIFO is not named in one line"; }
contains "$T/err" "procedures/P-FIFO-001.xml: not a regular file (a FIFO); expected a document file"
set +e
timeout 30 "$CONFORM" doc commit -m "收费" --author "张三 <zhang@df.gov.cn>" \
	--approved-by "李四 <li@df.gov.cn>" >"$T/out" 2>"$T/err"
got=$?
set -e
[ "$got" = 3 ] || { cat "$T/err"; fail "doc commit with a FIFO: exit $got, expected 3 (124: it hung)"; }
contains "$T/err" "procedures/P-FIFO-001.xml: not a regular file (a FIFO); expected a document file"
[ "$(git rev-parse HEAD)" = "$first" ] || fail "a commit was made"
rm procedures/P-FIFO-001.xml
expect 0 doc commit -m "收费" --author "张三 <zhang@df.gov.cn>" --approved-by "李四 <li@df.gov.cn>"
second=$(git rev-parse HEAD)

# A symbolic link to a valid procedure outside the workspace.
sed 's/P-BIZ-001/P-LNK-001/' "$T/keep.xml" >"$T/outside.xml"
ln -s "$T/outside.xml" procedures/P-LNK-001.xml
expect 3 doc check
[ "$(grep -c P-LNK-001 "$T/err")" = 1 ] || { cat "$T/err"; fail "the link is not named in one line"; }
contains "$T/err" "procedures/P-LNK-001.xml: not a regular file (a symbolic link); expected a document file"
echo '<!-- b -->' >>procedures/P-BIZ-001.xml
expect 3 doc commit -m "链接" --author "张三 <zhang@df.gov.cn>" --approved-by "李四 <li@df.gov.cn>"
contains "$T/err" "procedures/P-LNK-001.xml: not a regular file (a symbolic link)"
[ "$(git rev-parse HEAD)" = "$second" ] || fail "a commit was made through the link"
git cat-file -e "$second:procedures/P-LNK-001.xml" 2>/dev/null && fail "the link's target was committed"

# A folder and a link committed with plain git.
rm procedures/P-LNK-001.xml
git checkout -q procedures/P-BIZ-001.xml
mkdir procedures/sub
sed 's/P-BIZ-001/P-SUB-001/' "$T/keep.xml" >procedures/sub/P-SUB-001.xml
ln -s P-BIZ-001.xml procedures/P-ALIAS-001.xml
echo '<x/>' >procedures/notes.txt
git add procedures && git commit -q -m "子目录"
expect 0 doc log
contains "$T/out" "procedures/notes.txt"
contains "$T/out" "procedures/sub: a folder committed with plain git; expected a document file"
contains "$T/out" "procedures/P-ALIAS-001.xml: a symbolic link committed with plain git; expected a document file"
git reset -q --hard "$second"
rm -rf procedures/sub

# A standard id with "..".
sed 's|id="Q/DF-BZ-001"|id="Q/DF..BZ-001"|' "$SRC/examples/center/standards/Q_DF-BZ-001.xml" \
	>standards/Q_DF..BZ-001.xml
expect 3 doc check
contains "$T/err" "standards/Q_DF..BZ-001.xml:"
contains "$T/err" "standard id 'Q/DF..BZ-001' contains '..'"
rm standards/Q_DF..BZ-001.xml
expect 0 doc check

pass
