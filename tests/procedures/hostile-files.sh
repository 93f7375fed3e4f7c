#!/bin/sh
# hostile-files.sh - files in the document folders that are not what a
# document is (doc/hardening.md, "Hostile files"):
#   - a 17 MiB blank procedure committed with plain git: every rebuild of
#     the document index (the cache in the store dropped) reads only its
#     size, not its bytes (peak RSS within 8 MB of the same rebuild
#     without it; not asserted under ASan), and shows it as an invalid
#     version, "document too large";
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

pass
