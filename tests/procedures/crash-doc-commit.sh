#!/bin/sh
# crash-doc-commit.sh - `conform doc commit` killed with SIGKILL at random
# points of its work (issue 8; crash-lib.sh: a point is an amount of work
# done, here bytes of I/O, the same place in the commit however loaded
# the machine is): after each kill `git fsck` is clean, main is the old
# commit or the new one (whole: its tree holds exactly the new files),
# the user's files are as they were, the store and its trail are sound,
# and a following commit succeeds (or finds nothing left to commit).
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"
. "$(dirname "$0")/../lib/crash-lib.sh"
# A fixed clock: the new commit's id is known in advance.
export CONFORM_NOW=1767225600

new_ws "$T/ws"
cd "$T/ws"
cp "$SRC"/examples/center/procedures/*.xml procedures/
cp "$SRC"/examples/center/standards/*.xml standards/
cp "$SRC"/examples/center/checklists/*.xml checklists/
expect 0 doc commit -m "首次发布" --author "张三 <zhang@df.gov.cn>" \
	--approved-by "李四 <li@df.gov.cn>"
old=$(git rev-parse main)
# The change: one guide changed, one added, one removed.
sed 's/amount="0.00"/amount="10.00"/' procedures/P-BIZ-001.xml >"$T/p" &&
	cp "$T/p" procedures/P-BIZ-001.xml
sed 's/P-BIZ-002/P-BIZ-009/' procedures/P-BIZ-002.xml >procedures/P-BIZ-009.xml
git rm -q --cached procedures/P-HR-002.xml && rm procedures/P-HR-002.xml
files() { find procedures standards checklists calendars -type f | sort | xargs sha256sum; }
files >"$T/files"
save_db . before
# (kill_at needs the program itself, not a function around it)
set -- doc commit -m "收费调整" --author "张三 <zhang@df.gov.cn>" \
	--approved-by "李四 <li@df.gov.cn>"
# back_to_old: main, the index and the store as before the commit.
back_to_old() {
	git update-ref refs/heads/main "$old"
	git read-tree main
	restore_db . before
}

# Each step of a commit, deterministically (CONFORM_CRASH_POINT makes
# conform SIGKILL itself there).
trail_count() { q . "SELECT count(*) FROM trail WHERE what = 'doc.commit' AND subject = '$1'"; }
for point in doc-commit-pending doc-commit-published doc-commit-indexed; do
	set +e
	CONFORM_CRASH_POINT=$point "$CONFORM" "$@" >"$T/kout" 2>&1
	st=$?
	set -e
	eq "$st" 137 "$point: exit status"
	git fsck --no-progress >"$T/fsck" 2>&1 || { cat "$T/fsck"; fail "$point: git fsck"; }
	files | cmp -s - "$T/files" || fail "$point: the user's files changed"
	db_sound .
	head=$(git rev-parse main)
	if [ "$point" = doc-commit-pending ]; then
		eq "$head" "$old" "$point: main"
		# As if the kill had come inside git's ref update: its locks.
		touch .git/refs/heads/main.lock .git/index.lock
		expect 0 "$@"
		[ ! -e .git/refs/heads/main.lock ] && [ ! -e .git/index.lock ] ||
			fail "$point: the stale git locks are still there"
	else
		[ "$(git rev-parse "$head^")" = "$old" ] || fail "$point: main is $head"
		eq "$(trail_count "$head")" 0 "$point: trail entries before recovery"
		expect 0 trail verify
		contains "$T/err" "a doc commit was interrupted; the next 'conform doc commit' finishes recording it"
		expect 3 doc commit -m "again" --author "张三 <zhang@df.gov.cn>"
		contains "$T/err" "an interrupted doc commit had moved main; its trail entry is written now"
		contains "$T/err" "nothing to commit"
		q . "SELECT data FROM trail WHERE subject = '$head'" | grep -q '"recorded_late":true' ||
			fail "$point: the late entry is not marked"
		[ -z "$(git status --porcelain)" ] || { git status --short; fail "$point: git status not clean"; }
	fi
	eq "$(trail_count "$(git rev-parse main)")" 1 "$point: trail entries of main"
	db_sound .
	back_to_old
done
# A lock of a git that is running (no commit of ours was interrupted)
# is left alone: a clear error, and nothing changes.
touch .git/refs/heads/main.lock
expect 4 "$@"
contains "$T/err" "main.lock"
contains "$T/err" "another git is writing"
one_line "$T/err"
eq "$(git rev-parse main)" "$old" "main after a refused commit"
rm .git/refs/heads/main.lock
back_to_old

# A commit's CPU time is a few ticks, mostly validation; its I/O
# (reading the documents, writing the objects, the index and the
# store) runs through every step, so its points are bytes.
CRASH_BY=io
work_of "$CONFORM" "$@"
new=$(git rev-parse main)
[ "$new" != "$old" ] || fail "no commit"
eq "$(git rev-parse "$new^")" "$old" "the new commit's parent"
git ls-tree -r "$new" | awk '{ print $3 }' | sort >"$T/newtree"
back_to_old
echo "a whole commit does $total bytes of I/O; killing $KILLS commits"

before=0 after=0 late=0
# (a tenth of the points lie past the end: the commit finishes first;
# the commit takes milliseconds, so the kill polls without pause)
for at in $(points $((total + total / 10))); do
	back_to_old
	POLL=0 kill_at "$at" "$CONFORM" "$@"
	at="$at of $total bytes (killed at ${reached:-the end: it finished first})"
	git fsck --no-progress >"$T/fsck" 2>&1 || { cat "$T/fsck"; fail "git fsck after a kill at point $at"; }
	head=$(git rev-parse main)
	files | cmp -s - "$T/files" || fail "the user's files changed (kill at point $at)"
	db_sound .
	if [ "$head" = "$old" ]; then
		before=$((before + 1))
		[ "$st" = 137 ] || { cat "$T/kerr"; fail "exit $st and no commit"; }
		eq "$(trail_count "$new")" 0 "trail entries of a commit main never had"
		expect 0 doc commit -m "收费调整" --author "张三 <zhang@df.gov.cn>"
		eq "$(trail_count "$(git rev-parse main)")" 1 "trail entries of the following commit"
	elif [ "$head" = "$new" ]; then
		after=$((after + 1))
		git ls-tree -r "$head" | awk '{ print $3 }' | sort | cmp -s - "$T/newtree" ||
			fail "main is the new commit but not its tree"
		[ "$(trail_count "$new")" = 1 ] || late=$((late + 1))
		# The next commit finds nothing to commit, and has written
		# the trail entry if the kill came before it.
		expect 3 doc commit -m "again" --author "张三 <zhang@df.gov.cn>"
		contains "$T/err" "nothing to commit"
		eq "$(trail_count "$new")" 1 "trail entries of the new commit"
		[ -z "$(git status --porcelain)" ] || { git status --short; fail "git status not clean after the commit"; }
	else
		fail "main is neither the old nor the new commit: $head"
	fi
	db_sound .
done
echo "$KILLS kills: $before before main moved, $after after ($late of them recorded by the next commit)"
[ "$before" -ge 3 ] || fail "only $before kills came before main moved; the test proves little"
pass
