#!/bin/sh
# trail-attack.sh - the attacks of issue 12 on the trail's head and on
# main's history, by an insider with sqlite3, python3 and plain git but
# no signing key (doc/integrity.md, sections 2 and 5): an entry edited
# and every later hash recomputed with the head in meta moved (the
# chain itself then verifies); the trail's end cut and the head moved;
# the whole trail deleted; the checkpoint ref replaced by a forged one,
# caught by the head an auditor kept; `git commit --amend` on main,
# named by trail verify, refused by audit run, and both remedies of
# doc/integrity.md that make it whole again.
. "$(dirname "$0")/../lib/lib.sh"
command -v ssh-keygen >/dev/null || skip "ssh-keygen is not installed"
command -v sqlite3 >/dev/null || skip "the sqlite3 tool is not installed"
command -v python3 >/dev/null || skip "python3 is not installed"
D="$SRC/tests/data/audit"
day() { date -d "$1" +%s; }

new_ws "$T/ws"
cd "$T/ws"
db=.conform/conform.db
REF=refs/conform/checkpoints
ssh-keygen -q -t ed25519 -N '' -C qa -f "$T/qa"
echo "qa@example.cn namespaces=\"git\" $(cat "$T/qa.pub")" >signers/allowed_signers
echo "signing-key = $T/qa" >>.conform/config
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cp "$D/P-B-001.xml" procedures/P-B-001.xml
cp "$D/CL-T.xml" checklists/CL-T.xml
"$CONFORM" doc commit -m "docs" --author "张三 <zhang@x.cn>" --approved-by "李四 <li@x.cn>" >/dev/null
# who may sign is the version with a signed approval (doc/integrity.md)
"$CONFORM" doc approve main --key "$T/qa" >/dev/null || fail "approve the signers"
"$CONFORM" cases import "$D/cases.csv" "$D/events.csv" >/dev/null
CONFORM_NOW=$(day '2026-04-01 09:00:00 +0800') expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31
expect 0 trail verify
contains "$T/out" "checkpoint 1 (signed by qa@example.cn on 2026-04-01T01:00:00Z)"
last=$(sqlite3 $db "SELECT max(seq) FROM trail")
audit_seq=$(sqlite3 $db "SELECT seq FROM trail WHERE subject = 'audit 1'")
kept="$last:$(sqlite3 $db "SELECT hash FROM trail WHERE seq = $last")"   # the auditor's note
sqlite3 $db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp $db "$T/clean.db"
restore() { cp "$T/clean.db" $db; rm -f $db-wal $db-shm; }

# rechain FROM: every hash from entry FROM on recomputed as core/trail.h
# documents it, and meta trail-head moved to the new last entry.
rechain() {
	python3 - "$db" "$1" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
start = int(sys.argv[2])
def ns(s):
    b = s.encode()
    return str(len(b)).encode() + b":" + b + b","
rows = db.execute("SELECT seq, at, actor, what, subject, data FROM trail "
                  "ORDER BY seq").fetchall()
prev = "0" * 64
for seq, at, actor, what, subject, data in rows:
    if seq >= start:
        h = hashlib.sha256(bytes.fromhex(prev) + ns(str(seq)) + ns(str(at)) +
                           ns(actor) + ns(what) + ns(subject) + ns(data)).hexdigest()
        db.execute("UPDATE trail SET prev = ?, hash = ? WHERE seq = ?", (prev, h, seq))
        prev = h
    else:
        prev = db.execute("SELECT hash FROM trail WHERE seq = ?", (seq,)).fetchone()[0]
if rows:
    db.execute("UPDATE meta SET value = ? WHERE key = 'trail-head'",
               ("%d %s" % (rows[-1][0], prev),))
db.commit()
PY
}

# ---- an entry edited, the chain and the head recomputed ----
fails=$(sqlite3 $db "SELECT data FROM trail WHERE seq = $audit_seq" | grep -o "\"fail\":[1-9][0-9]*" | head -1)
[ -n "$fails" ] || fail "the audit entry holds no failure to hide"
was=$(sqlite3 $db "SELECT data FROM trail WHERE seq = $audit_seq")
sqlite3 $db "UPDATE trail SET data = replace(data, '$fails', '\"fail\":0') WHERE seq = $audit_seq"
[ "$(sqlite3 $db "SELECT data FROM trail WHERE seq = $audit_seq")" != "$was" ] ||
	fail "the audit entry was not edited"
rechain "$audit_seq"
# (the chain alone now verifies: the attack the checkpoint is for)
expect 3 trail verify
lacks "$T/err" "was edited"
contains "$T/err" "the trail does not extend checkpoint 1 (signed by qa@example.cn on 2026-04-01T01:00:00Z): entry $last's hash is"
# ... and no checkpoint is signed over it
expect 3 trail checkpoint
contains "$T/err" "no checkpoint written: the trail does not extend checkpoint 1"
restore

# ---- the trail's end cut, the head moved ----
sqlite3 $db "DELETE FROM trail WHERE seq > $((last - 3))"
rechain 1
expect 3 trail verify
contains "$T/err" "the trail ends at entry $((last - 3)) but checkpoint 1 (signed by qa@example.cn on 2026-04-01T01:00:00Z) holds entry $last"
restore

# ---- the whole trail deleted, and its head ----
sqlite3 $db "DELETE FROM trail; DELETE FROM meta WHERE key = 'trail-head'"
expect 3 trail verify
contains "$T/err" "the trail ends at entry 0 but checkpoint 1 (signed by qa@example.cn on 2026-04-01T01:00:00Z) holds entry $last"
restore

# ---- the re-chained trail with a forged checkpoint ref ----
fails=$(sqlite3 $db "SELECT data FROM trail WHERE seq = $audit_seq" | grep -o "\"fail\":[1-9][0-9]*" | head -1)
[ -n "$fails" ] || fail "the audit entry holds no failure to hide"
sqlite3 $db "UPDATE trail SET data = replace(data, '$fails', '\"fail\":0') WHERE seq = $audit_seq"
rechain "$audit_seq"
forged="$last:$(sqlite3 $db "SELECT hash FROM trail WHERE seq = $last")"
printf 'conform trail checkpoint\n\nseq: %s\nhash: %s\nmain: %s\nat: 2026-04-01T01:00:00Z\n' \
	"$last" "${forged#*:}" "$(git rev-parse main)" >"$T/m"
empty=$(git hash-object -t tree -w /dev/null)
signed=$(git rev-parse $REF)
# on top of the signed one: the signed one still holds the old head
git update-ref $REF "$(git commit-tree "$empty" -p "$signed" -F "$T/m")"
expect 3 trail verify
contains "$T/err" "the trail does not extend checkpoint 1 (signed by qa@example.cn"
# instead of it: only unsigned, which the approved signers make a
# problem (an insider with no key can write no other), and the
# auditor's head
git update-ref $REF "$(git commit-tree "$empty" -F "$T/m")"
expect 3 trail verify
contains "$T/err" "conform: warning: checkpoint 1 is unsigned"
contains "$T/err" "checkpoint 1, the last, is not signed by an allowed signer (unsigned, or signed where none was approved), though the workspace has approved ones"
# ... and the ref deleted outright
git update-ref -d $REF
expect 3 trail verify
contains "$T/err" "no checkpoint anchors the trail, though the workspace has approved allowed signers"
expect 3 trail verify --head "$kept"
contains "$T/err" "the trail does not extend the head given ($kept): entry $last's hash is"
git update-ref $REF "$signed"
restore
expect 0 trail verify --head "$kept"

# ---- git commit --amend on main ----
cited=$(git rev-parse main)           # the docs commit audit 1 cites
cited_seq=$(sqlite3 $db "SELECT seq FROM trail WHERE what = 'doc.commit' AND subject = '$cited'")
git commit -q --amend -m "docs (reworded)"
expect 3 trail verify
contains "$T/err" "trail entry $cited_seq (doc.commit) records commit $cited, which is not on main: main was rewritten"
contains "$T/err" "audit 1 cites commit $cited (its documents), which is not on main: main was rewritten"
lacks "$T/err" "$(git rev-parse main) on main has no trail entry" # its documents are the recorded ones
n=$(sqlite3 $db "SELECT count(*) FROM audit")
expect 3 audit run CL-T --from 2026-02-01 --to 2026-03-31
one_line "$T/err"
contains "$T/err" "commit $cited"
contains "$T/err" "which is not on main: main was rewritten; put it back on main before auditing (doc/integrity.md, History)"
[ "$(sqlite3 $db "SELECT count(*) FROM audit")" = "$n" ] || fail "an audit ran over a rewritten main"
# the remedy: the cited commit merged back, keeping the tree
git merge -q -s ours "$cited" -m "restore the history audit 1 cites"
# main's first parents now hold the reworded commit, whose allowed
# signers no one approved: who may sign is approved anew
"$CONFORM" doc approve "$(git rev-parse 'main^1')" --key "$T/qa" >/dev/null ||
	fail "approve the reworded commit's signers"
"$CONFORM" trail checkpoint >/dev/null || fail "a checkpoint of the restored main"
expect 0 trail verify
[ "$(git rev-parse 'main^{tree}')" = "$(git rev-parse "$cited^{tree}")" ] || fail "the merge changed the documents"
CONFORM_NOW=$(day '2026-04-02 09:00:00 +0800') expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31

# ---- an amend that changes a document ----
cited=$(git rev-parse main)
sed 's/企业变更登记/企业变更登记（改）/' procedures/P-A-001.xml >"$T/p" && cp "$T/p" procedures/P-A-001.xml
git commit -q -a --amend -m "docs, changed with plain git"
amended=$(git rev-parse main)
expect 3 trail verify
contains "$T/err" "commit $amended on main has no trail entry: it was not made by conform doc commit"
expect 3 audit run CL-T --from 2026-02-01 --to 2026-03-31
contains "$T/err" "commit $cited"
# the remedy: main back at the cited commit, the change made through the gate
git reset -q --soft "$cited"
"$CONFORM" doc commit -m "企业变更登记 renamed" --author "张三 <zhang@x.cn>" >/dev/null
expect 0 trail verify
# (checkpoints made before the rewrite name a main whose first parents no
# longer hold an approved allowed signers: they warn, unjudged)
grep -v "^conform: warning: checkpoint [0-9]* is signed by .*has a signed approval\$" "$T/err" >"$T/err.e" || true
lacks "$T/err.e" "on main"
CONFORM_NOW=$(day '2026-04-03 09:00:00 +0800') expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31

# ---- the insider makes themselves a signer: committed, not approved ----
# (doc commit needs no key; who may sign is the version a signer approved)
ssh-keygen -q -t ed25519 -N '' -C mallory -f "$T/mallory"
echo "mallory@x.cn namespaces=\"git\" $(cat "$T/mallory.pub")" >>signers/allowed_signers
"$CONFORM" doc commit -m "签名人增补" --author "张三 <zhang@x.cn>" >/dev/null
"$CONFORM" trail checkpoint --key "$T/mallory" >/dev/null 2>&1 || true
expect 3 trail verify
contains "$T/err" "is badly signed: signed by $(ssh-keygen -lf "$T/mallory.pub" | cut -d' ' -f2), which is not an allowed signer"
expect 3 doc approve main --key "$T/mallory"
pass
