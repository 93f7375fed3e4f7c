#!/bin/sh
# trail.sh - `conform trail verify` over a real workspace whose trail
# records document commits; tampering with the sqlite3 tool (edit,
# delete, reorder, cut the end) is named at its first broken entry.
. "$(dirname "$0")/../lib/lib.sh"
command -v sqlite3 >/dev/null || skip "the sqlite3 tool is not installed"

new_ws "$T/ws"
cd "$T/ws"
for p in P-BIZ-001 P-BIZ-002 P-BIZ-003; do
	cp "$SRC/examples/center/procedures/$p.xml" procedures/
	"$CONFORM" doc commit -m "发布 $p" --author "张三 <z@x.cn>" >/dev/null
done
expect 0 trail verify
contains "$T/out" "verified: 4 entries, head 4:"
db=.conform/conform.db
[ "$(sqlite3 "$db" "SELECT count(*) FROM trail WHERE what = 'doc.commit'")" = 4 ] ||
	fail "not every commit recorded"
[ "$(sqlite3 "$db" "SELECT subject FROM trail WHERE seq = 4")" = "$(git rev-parse HEAD)" ] ||
	fail "the last entry is not HEAD"
cp "$db" "$T/clean.db"

restore() { cp "$T/clean.db" "$db"; rm -f "$db-wal" "$db-shm"; }

sqlite3 "$db" "UPDATE trail SET actor = '李四' WHERE seq = 2"
expect 3 trail verify
contains "$T/err" "trail entry 2 ("
contains "$T/err" "was edited"
one_line "$T/err"
restore
sqlite3 "$db" "DELETE FROM trail WHERE seq = 3"
expect 3 trail verify
contains "$T/err" "trail entry 3 "
contains "$T/err" "deleted"
restore
sqlite3 "$db" "UPDATE trail SET seq = -1 WHERE seq = 2; UPDATE trail SET seq = 2 WHERE seq = 3; UPDATE trail SET seq = 3 WHERE seq = -1"
expect 3 trail verify
contains "$T/err" "trail entry 2 "
restore
sqlite3 "$db" "DELETE FROM trail WHERE seq = 4"
expect 3 trail verify
contains "$T/err" "ends at entry 3 but entry 4 was written"
restore
expect 0 trail verify
pass
