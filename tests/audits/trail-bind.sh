#!/bin/sh
# trail-bind.sh - every record bound to the trail (doc/integrity.md,
# section 1): the attacks of issue 12 made with nothing but sqlite3 on a
# demonstration center - findings deleted, counts and case results
# edited, NCRs closed, a fee lowered, an event edited, a replaced case
# state deleted, a case added, an audit deleted, the trail's end cut
# with its head moved, the whole trail deleted - each make `trail
# verify` exit 3 naming the record.  The digests are recomputed here
# from the documented encoding with python3's hashlib, so the encoding
# is the one doc/integrity.md describes.
. "$(dirname "$0")/../lib/lib.sh"
command -v sqlite3 >/dev/null || skip "the sqlite3 tool is not installed"

expect 0 demo --dir "$T/d" --cases 300
cd "$T/d"
db=.conform/conform.db
q() { sqlite3 "$db" "$1"; }

# A pending case completed by a later file: its first state goes to
# case_hist, the row is the later batch's write.
row=$(q "SELECT case_id || ',' || procedure_id || ',' || accepted_at || ',' || datetime(accepted_at, '+1 day') || ',' FROM cases WHERE completed_at IS NULL ORDER BY case_id LIMIT 1")
[ -n "$row" ] || fail "no pending case in the demo"
printf 'case_id,procedure_id,accepted_at,completed_at,fee_charged\n%s\n' "$row" >fill.csv
expect 0 cases import fill.csv
eq() { [ "$1" = "$2" ] || fail "$3: '$1', expected '$2'"; }
eq "$(q "SELECT count(*) FROM case_hist")" 1 "states replaced"
fill=$(q "SELECT batch_id FROM import_batch WHERE file = 'fill.csv'")
eq "$(q "SELECT completed_batch FROM case_rec WHERE wrote_batch = $fill")" "$fill" "the fill brought the completion"

expect 0 trail verify
contains "$T/out" "verified: $(q "SELECT count(*) FROM trail") entries, head $(q "SELECT max(seq) || ':' || hash FROM trail WHERE seq = (SELECT max(seq) FROM trail)")"
ncrs=$(q "SELECT count(*) FROM ncr")
# (the demo's cases, events and evaluations, and the fill)
contains "$T/out" "records bound: 4 batches, 1 audit, $ncrs NCRs; 0 not bound"

# The digests as doc/integrity.md defines them, by another hand.
if command -v python3 >/dev/null; then
	python3 - "$db" <<'PY' || fail "the batch digests are not the documented ones"
import hashlib, json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def enc(row):
    out = b""
    # a case's received columns (the last four of its 26) only when recorded
    if len(row) == 26 and all(v is None for v in row[22:]): row = row[:22]
    for v in row:
        if v is None: p = b"N"
        elif isinstance(v, int): p = b"i" + str(v).encode()
        else: p = b"t" + v.encode()
        out += str(len(p)).encode() + b":" + p + b","
    return out
def digest(rows):
    h = hashlib.sha256()
    for r in rows: h.update(hashlib.sha256(enc(r)).digest())
    return len(rows), h.hexdigest()
for sha, data in db.execute("SELECT subject, data FROM trail WHERE what = 'import.batch'"):
    d = json.loads(data)
    b = d["import_batch"]["batch_id"]
    writes = db.execute("SELECT * FROM (SELECT * FROM case_rec UNION ALL SELECT * FROM case_hist) WHERE wrote_batch = ? ORDER BY wrote_line", (b,)).fetchall()
    events = db.execute("SELECT * FROM event_rec WHERE batch_id = ? ORDER BY seq", (b,)).fetchall()
    assert digest(writes) == (d["cases"]["writes"], d["cases"]["digest"]), b
    assert digest(events) == (d["events"]["count"], d["events"]["digest"]), b
PY
fi

cp "$db" "$T/clean.db"
restore() { cp "$T/clean.db" "$db"; rm -f "$db-wal" "$db-shm"; }
# attack SQL LINE...: the edit makes trail verify exit 3 naming each LINE
attack() {
	restore
	sqlite3 "$db" "$1" || fail "sqlite3: $1"
	shift
	expect 3 trail verify
	for line; do contains "$T/err" "$line"; done
	lacks "$T/out" "verified:"
}

# Two findings of the major check C06 deleted.
n=$(q "SELECT count(*) FROM finding f JOIN audit_check c USING (audit_id, pos) WHERE c.check_id = 'C06'")
attack "DELETE FROM finding WHERE audit_id = 1 AND pos = (SELECT pos FROM audit_check WHERE check_id = 'C06') AND subject IN (SELECT subject FROM finding WHERE audit_id = 1 AND pos = (SELECT pos FROM audit_check WHERE check_id = 'C06') ORDER BY result = 'fail' DESC, subject LIMIT 2)" \
	"audit 1, check C06: $((n - 2)) findings stored, the trail holds $n"
grep -v "^conform: warning: " "$T/err" >"$T/err.p" || true
one_line "$T/err.p"  # (trail verify also says what it found of the anchors)

# A check's counts edited.
f=$(q "SELECT n_fail FROM audit_check WHERE audit_id = 1 AND check_id = 'C04'")
attack "UPDATE audit_check SET n_pass = n_pass + n_fail, n_fail = 0 WHERE audit_id = 1 AND check_id = 'C04'" \
	"audit 1, check C04: stored n_fail 0, the trail holds $f"

# A case's result letter edited.
attack "UPDATE audit_case SET results = replace(results, 'f', 'p') WHERE audit_id = 1 AND case_id = (SELECT min(case_id) FROM audit_case WHERE results LIKE '%f%')" \
	"audit 1: the 300 case results stored are not the ones the trail binds"

# Two NCRs closed.
attack "UPDATE ncr SET state = 'closed' WHERE number IN (1, 2)" \
	"NCR-0001: stored state 'closed', the trail's last entry holds 'open'" \
	"NCR-0002: stored state 'closed', the trail's last entry holds 'open'"

# A fee lowered.
attack "UPDATE case_rec SET fee_fen = fee_fen - 100 WHERE case_id = (SELECT min(case_id) FROM case_rec WHERE fee_fen >= 100 AND wrote_batch = 1)" \
	"batch 1 (cases.csv): the 300 case writes stored are not the ones the trail binds"
grep -v "^conform: warning: " "$T/err" >"$T/err.p" || true
one_line "$T/err.p"  # (trail verify also says what it found of the anchors)

# An event edited.
ne=$(q "SELECT count(*) FROM event_rec WHERE batch_id = 2")
attack "UPDATE event_rec SET actor = 'x' WHERE case_id = (SELECT min(case_id) FROM event_rec)" \
	"batch 2 (events.csv): the $ne events stored are not the ones the trail binds"

# Events moved out of their batch's range, or one seq twice (the
# verifier's pages give way to a sort, and still count them).
attack "UPDATE event_rec SET seq = seq + 100000000 WHERE case_id = (SELECT min(case_id) FROM event_rec)" \
	"batch 2 (events.csv): the $ne events stored are not the ones the trail binds"
attack "INSERT INTO event_rec SELECT case_id, sec + 1, nsec, seq, off, ts_wall, activity, actor, role, attrs, batch_id, line FROM event_rec WHERE batch_id = 2 LIMIT 1" \
	"batch 2 (events.csv): $((ne + 1)) events stored, the trail holds $ne"

# The state a later file replaced, deleted.
attack "DELETE FROM case_hist" \
	"batch 1 (cases.csv): 299 case writes stored, the trail holds 300"

# A case added, as if by batch 1.
attack "INSERT INTO case_rec SELECT case_id || '-X', procedure_id, accepted_sec, accepted_nsec, accepted_off, accepted_wall, accepted_day, completed_sec, completed_nsec, completed_off, completed_wall, completed_day, fee_fen, materials, window, channel, attrs, batch_id, line + 1000, wrote_batch, wrote_line + 1000, completed_batch, received_sec, received_nsec, received_off, received_wall FROM case_rec WHERE wrote_batch = 1 LIMIT 1" \
	"batch 1 (cases.csv): 301 case writes stored, the trail holds 300"
# ... or by a batch that does not exist.
attack "UPDATE case_rec SET wrote_batch = 9 WHERE case_id = (SELECT min(case_id) FROM case_rec WHERE wrote_batch = 1)" \
	"1 case writes name batch 9, which is not stored"

# Rows added for an audit or an NCR that is not stored (no report shows
# them, but they are records no entry bound).
attack "INSERT INTO finding SELECT 99, pos, subject, result, vid, detail FROM finding WHERE audit_id = 1 LIMIT 2" \
	"2 finding rows name audit 99, which is not stored: added outside conform"
attack "INSERT INTO ncr_subject SELECT 999, audit_id, subject FROM ncr_subject LIMIT 1" \
	"1 ncr_subject row names NCR-0999, which is not stored"
# The audit row alone deleted: its rows are left naming it.
attack "DELETE FROM audit WHERE id = 1" \
	"audit_case rows name audit 1, which is not stored"

# The audit deleted with all its rows.
seq=$(q "SELECT seq FROM trail WHERE what = 'audit.store'")
attack "DELETE FROM finding WHERE audit_id = 1; DELETE FROM audit_case WHERE audit_id = 1; DELETE FROM audit_check WHERE audit_id = 1; DELETE FROM audit_version WHERE audit_id = 1; DELETE FROM audit_batch WHERE audit_id = 1; DELETE FROM audit WHERE id = 1" \
	"trail entry $seq (audit.store audit 1) names an audit that is not stored"

# The trail's last entries cut (the fill's batch and the audit) and
# the head moved with one UPDATE: the chain holds, the records lack
# their entries.
keep=$((seq - 1))
attack "DELETE FROM trail WHERE seq > $keep; UPDATE meta SET value = (SELECT seq || ' ' || hash FROM trail WHERE seq = $keep) WHERE key = 'trail-head'" \
	"batch $fill (fill.csv) has no trail entry: it was added outside conform" \
	"audit 1 has no trail entry: it was added outside conform"

# The whole trail and its head deleted: not "verified: 0 entries".
attack "DELETE FROM trail; DELETE FROM meta WHERE key = 'trail-head'" \
	"audit 1 has no trail entry" \
	"NCR-0001 has no trail entry" \
	"batch 1 (cases.csv) has no trail entry"

# An entry whose record is gone: an NCR deleted.
attack "DELETE FROM ncr_subject WHERE ncr = $ncrs; DELETE FROM ncr_audit WHERE ncr = $ncrs; DELETE FROM ncr WHERE number = $ncrs" \
	"names an NCR that is not stored"

restore
expect 0 trail verify
pass
