#!/bin/sh
# concurrency.sh - writers at once (issue 8).  Every write is one
# BEGIN IMMEDIATE transaction, so two imports, or an audit and an
# import, take turns: each succeeds, or waits and then succeeds, or -
# after the busy timeout - fails with a clear "busy" line and changes
# nothing.  Nothing is lost or corrupted, and an audit sees all of a
# batch or none of it.  Two doc commits take turns as well.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/cases-lib.sh"
. "$(dirname "$0")/../lib/crash-lib.sh"
N=${CONFORM_CRASH_CASES:-15000}

new_ws "$T/ws"
cd "$T/ws"
cp "$SRC"/examples/center/procedures/*.xml procedures/
cp "$SRC"/examples/center/standards/*.xml standards/
cp "$SRC"/examples/center/checklists/*.xml checklists/
expect 0 doc commit -m "首次发布" --author "张三 <zhang@df.gov.cn>" \
	--approved-by "李四 <li@df.gov.cn>"
expect 0 cases generate --out "$T/a" --cases "$N" --seed a --from 2026-01-01 --to 2026-03-31
expect 0 cases generate --out "$T/b" --cases "$N" --seed b --from 2026-04-01 --to 2026-06-30
expect 0 doc log # (the document index cache, built once)
save_db . empty
ev_a=$(($(wc -l <"$T/a/events.csv") - 1))
ev_b=$(($(wc -l <"$T/b/events.csv") - 1))
counts() { q . "SELECT (SELECT count(*) FROM case_rec) || ' ' || (SELECT count(*) FROM event_rec) || ' ' || (SELECT count(*) FROM import_batch)"; }

# run_bg NAME ARGS...: conform in the background, output in $T/NAME.*
run_bg() {
	name=$1
	shift
	"$CONFORM" "$@" >"$T/$name.out" 2>"$T/$name.err" &
	echo $! >"$T/$name.pid"
}
# finish NAME: waits for it; its exit status in $rc (no $(...): a
# subshell cannot wait for its parent's children)
finish() {
	set +e
	wait "$(cat "$T/$1.pid")"
	rc=$?
	set -e
}
# ok_or_busy NAME STATUS: 0, or 4 with the busy line
ok_or_busy() {
	case $2 in
	0) ;;
	4) one_line "$T/$1.err"; contains "$T/$1.err" "is busy (another conform is writing" ;;
	*) cat "$T/$1.err"; fail "$1: exit $2" ;;
	esac
}

# ---- two imports at once, five times ----
for i in 1 2 3 4 5; do
	restore_db . empty
	run_bg ia cases import "$T/a/cases.csv" "$T/a/events.csv"
	run_bg ib cases import "$T/b/cases.csv" "$T/b/events.csv"
	finish ia
	sa=$rc
	finish ib
	sb=$rc
	ok_or_busy ia "$sa"
	ok_or_busy ib "$sb"
	db_sound .
	want_c=0 want_e=0 want_b=0
	[ "$sa" = 0 ] && want_c=$((want_c + N)) want_e=$((want_e + ev_a)) want_b=$((want_b + 2))
	[ "$sb" = 0 ] && want_c=$((want_c + N)) want_e=$((want_e + ev_b)) want_b=$((want_b + 2))
	eq "$(counts)" "$want_c $want_e $want_b" "two imports at once (exits $sa, $sb)"
	# Sequence numbers: two ranges, one after the other, no overlap.
	eq "$(q . "SELECT count(*) FROM import_batch x JOIN import_batch y ON x.batch_id < y.batch_id AND x.seq_end > y.seq_first")" 0 "overlapping sequence ranges"
	echo "two imports at once: exits $sa and $sb"
done

# ---- an audit during an import ----
# The two states the audit may see: A alone, or A and B.
restore_db . empty
expect 0 cases import "$T/a/cases.csv" "$T/a/events.csv"
save_db . a
set -- audit run IA-2026-Q1 --from 2026-01-01 --to 2026-06-30
expect 0 "$@"
pop_a=$(q . "SELECT population FROM audit")
ids_a=$(q . "SELECT count(*), sum(length(case_id)) FROM audit_case")
restore_db . a
expect 0 cases import "$T/b/cases.csv" "$T/b/events.csv"
expect 0 "$@"
pop_ab=$(q . "SELECT population FROM audit")
ids_ab=$(q . "SELECT count(*), sum(length(case_id)) FROM audit_case")
[ "$pop_a" != "$pop_ab" ] || fail "the two states have the same population"
restore_db . a
ms_i=$(ms_of "$CONFORM" cases import "$T/b/cases.csv" "$T/b/events.csv")
restore_db . a
ms_a=$(ms_of "$CONFORM" "$@")
seen_a=0 seen_ab=0 k=0
for at in $(KILLS=10 moments "$ms_i"); do
	restore_db . a
	k=$((k + 1))
	if [ $((k % 2)) = 1 ]; then # the import first, the audit later
		run_bg imp cases import "$T/b/cases.csv" "$T/b/events.csv"
		sleep "$(awk -v m="$at" 'BEGIN { printf "%.3f", m / 1000 }')"
		run_bg aud "$@"
	else # the audit first
		run_bg aud "$@"
		sleep "$(awk -v m="$at" -v a="$ms_a" -v i="$ms_i" 'BEGIN { printf "%.3f", m * a / i / 1000 }')"
		run_bg imp cases import "$T/b/cases.csv" "$T/b/events.csv"
	fi
	finish imp
	si=$rc
	finish aud
	sa=$rc
	ok_or_busy imp "$si"
	ok_or_busy aud "$sa"
	db_sound .
	if [ "$sa" = 0 ]; then
		pop=$(q . "SELECT population FROM audit")
		ids=$(q . "SELECT count(*), sum(length(case_id)) FROM audit_case")
		if [ "$pop" = "$pop_a" ] && [ "$ids" = "$ids_a" ]; then
			seen_a=$((seen_a + 1))
		elif [ "$pop" = "$pop_ab" ] && [ "$ids" = "$ids_ab" ]; then
			seen_ab=$((seen_ab + 1))
		else
			fail "the audit saw $pop cases ($ids), neither $pop_a nor $pop_ab"
		fi
	fi
	[ "$si" != 0 ] || eq "$(counts)" "$((2 * N)) $((ev_a + ev_b)) 4" "the import beside an audit"
done
echo "an audit during an import: saw the batch before it $seen_a times, after it $seen_ab times"

# ---- two doc commits at once ----
# One at a time (the commit lock): one commits, the other then finds
# nothing left to commit.
old=$(git rev-parse main)
sed 's/amount="0.00"/amount="10.00"/' procedures/P-BIZ-001.xml >"$T/p" &&
	cp "$T/p" procedures/P-BIZ-001.xml
run_bg d1 doc commit -m "收费调整" --author "张三 <zhang@df.gov.cn>"
run_bg d2 doc commit -m "收费调整" --author "李四 <li@df.gov.cn>"
finish d1
s1=$rc
finish d2
s2=$rc
# (or, on a machine so loaded that the first takes longer than the
# commit lock's wait, the second gives up with its busy line)
case $s1$s2 in
03 | 30) cat "$T/d1.err" "$T/d2.err" | grep -q "nothing to commit" ||
	fail "the second commit did not find nothing to commit" ;;
04 | 40) cat "$T/d1.err" "$T/d2.err" | grep -q "another conform is running a doc commit" ||
	fail "the second commit failed without its busy line" ;;
*) cat "$T/d1.err" "$T/d2.err"; fail "two doc commits: exits $s1 and $s2" ;;
esac
eq "$(git rev-parse main^)" "$old" "main after two doc commits"
eq "$(q . "SELECT count(*) FROM trail WHERE what = 'doc.commit' AND subject = '$(git rev-parse main)'")" 1 "trail entries of the commit"
git fsck --no-progress >/dev/null 2>&1 || fail "git fsck after two doc commits"
[ -z "$(git status --porcelain)" ] || fail "git status after two doc commits"
echo "two doc commits at once: exits $s1 and $s2"

# ---- the busy timeout ----
# (main back where it was with the database: a doc commit the database
# does not record is named by trail verify)
git reset -q --hard "$old"
restore_db . a
before=$(sqlite3 .conform/conform.db .dump | sha256sum)
# Another writer holds the write lock until told to let go; conform
# waits 0.5 s.  No sleeps: the holder is fed through a FIFO, the lock is
# seen taken before any command runs, and let go only after the last
# (however long a loaded machine takes over them).
mkfifo "$T/hold"
sqlite3 .conform/conform.db <"$T/hold" >"$T/hold.out" 2>&1 &
holder=$!
exec 8>"$T/hold"
printf '.timeout 600000\nBEGIN IMMEDIATE;\n' >&8
# locked: a write lock is held (a writer that does not wait is refused)
locked() { ! sqlite3 .conform/conform.db "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; }
until locked; do
	kill -0 "$holder" 2>/dev/null || { cat "$T/hold.out"; fail "the lock holder ended"; }
	sleep 0.05
done
for cmd in "cases import $T/b/cases.csv" "audit run IA-2026-Q1 --from 2026-01-01 --to 2026-06-30" \
    "ncr update 1 --state analysed --root-cause x"; do
	# shellcheck disable=SC2086
	CONFORM_BUSY_TIMEOUT=500 expect 4 $cmd
	one_line "$T/err"
	contains "$T/err" "is busy (another conform is writing; waited 1 s); nothing was changed, try again"
done
locked || fail "the lock was let go before the last command"
printf 'COMMIT;\n' >&8
exec 8>&-
wait "$holder" || { cat "$T/hold.out"; fail "the lock holder failed"; }
[ "$(sqlite3 .conform/conform.db .dump | sha256sum)" = "$before" ] || fail "a busy command changed the store"
# Once the lock is gone, they go through.
expect 0 cases import "$T/b/cases.csv" "$T/b/events.csv"
db_sound .
pass
