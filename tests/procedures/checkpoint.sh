#!/bin/sh
# checkpoint.sh - signed checkpoints of the trail's head on
# refs/conform/checkpoints (doc/integrity.md, "The head anchored outside
# the database"): the exact commit (message, empty tree, parent), signed
# with --key, signing-key in the config or unsigned and saying so; plain
# `git verify-commit` agrees with conform on every one; a checkpoint by
# a key that is no allowed signer, one whose signature was copied onto
# another message, a forged unsigned one, hostile messages and trees;
# `trail verify --head SEQ:HASH`; one written after every stored audit
# and NCR closure, and a failure to sign leaves the audit stored.
. "$(dirname "$0")/../lib/lib.sh"
command -v ssh-keygen >/dev/null || skip "ssh-keygen is not installed"
command -v sqlite3 >/dev/null || skip "the sqlite3 tool is not installed"
D="$SRC/tests/data/audit"
day() { date -d "$1" +%s; }

new_ws "$T/ws"
cd "$T/ws"
db=.conform/conform.db
ssh-keygen -q -t ed25519 -N '' -C qa -f "$T/qa"
ssh-keygen -q -t ed25519 -N '' -C mallory -f "$T/mallory"
ssh-keygen -q -t ed25519 -N '' -C boss -f "$T/boss"
echo "qa@example.cn namespaces=\"git\" $(cat "$T/qa.pub")" >signers/allowed_signers
echo "boss@example.cn $(cat "$T/boss.pub")" >>signers/allowed_signers
cp signers/allowed_signers "$T/allowed"
"$CONFORM" doc commit -m "签名人" --author "QA <qa@example.cn>" >/dev/null
REF=refs/conform/checkpoints
# gv REV: plain git's verdict on a checkpoint's signature
gv() {
	git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$T/allowed" \
		verify-commit "$1" >"$T/gv" 2>&1
}
ncp() { git rev-list --count "$REF"; }

# ---- unsigned, when no key is configured ----
expect 0 trail checkpoint
contains "$T/out" "checkpoint 1 (unsigned, "
contains "$T/err" "the checkpoint is unsigned"
seq=$(sqlite3 $db "SELECT max(seq) FROM trail")
hash=$(sqlite3 $db "SELECT hash FROM trail WHERE seq = $seq")
contains "$T/out" "head $seq:$hash"
at=$(git log -1 --format=%ct $REF)
printf 'conform trail checkpoint\n\nseq: %s\nhash: %s\nmain: %s\nat: %s\n' \
	"$seq" "$hash" "$(git rev-parse main)" "$(date -u -d "@$at" +%Y-%m-%dT%H:%M:%SZ)" >"$T/want"
git cat-file commit $REF | sed '1,/^$/d' >"$T/msg"
same "$T/msg" "$T/want"
[ "$(git rev-parse "$REF^{tree}")" = 4b825dc642cb6eb9a060e54bf8d69288fbee4904 ] || fail "the tree is not empty"
! git rev-parse -q --verify "$REF^" >/dev/null || fail "the first checkpoint has a parent"
! git cat-file commit $REF | grep -q '^gpgsig ' || fail "an unsigned checkpoint has a gpgsig"
expect 0 trail verify
contains "$T/err" "conform: warning: checkpoint 1 is unsigned"
contains "$T/out" "checkpoint 1 (unsigned, "
! gv $REF || fail "git verify-commit accepts an unsigned checkpoint"

# ---- with approved signers, an unsigned last checkpoint is a problem ----
# who may sign is the version with a signed approval (doc/integrity.md)
"$CONFORM" doc approve main --key "$T/boss" >/dev/null || fail "approve the signers"
expect 3 trail verify
contains "$T/err" "checkpoint 1, the last, is not signed by an allowed signer (unsigned, or signed where none was approved), though the workspace has approved ones"

# ---- signed with --key, then with signing-key in the config ----
first=$(git rev-parse $REF)
expect 0 trail checkpoint --key "$T/qa"
contains "$T/out" "checkpoint 2 (signed by qa@example.cn on "
[ "$(git rev-parse "$REF^")" = "$first" ] || fail "the parent is not the previous checkpoint"
git cat-file commit $REF | grep -q '^gpgsig -----BEGIN SSH SIGNATURE-----$' || fail "no gpgsig header"
gv $REF || { cat "$T/gv"; fail "git verify-commit rejects a signed checkpoint"; }
contains "$T/gv" 'Good "git" signature for qa@example.cn with ED25519 key'
echo "signing-key = $T/qa" >>.conform/config
expect 0 trail checkpoint
contains "$T/out" "checkpoint 3 (signed by qa@example.cn on "
expect 0 trail verify
contains "$T/out" "checkpoint 3 (signed by qa@example.cn on "
contains "$T/err" "checkpoint 1 is unsigned"
lacks "$T/err" "checkpoint 2"
good=$(git rev-parse $REF)

# ---- a key that is no allowed signer ----
expect 0 trail checkpoint --key "$T/mallory"
contains "$T/err" "not valid against the allowed signers"
expect 3 trail verify
contains "$T/err" "checkpoint 4 (commit $(git rev-parse --short=12 $REF)) is badly signed: "
contains "$T/err" "trail not verified: 1 problem"
! gv $REF || fail "git verify-commit accepts mallory's checkpoint"
git update-ref $REF "$good"

# ---- a signature copied onto another message ----
git cat-file commit $REF | sed "s/^seq: $seq\$/seq: 1/" >"$T/forged"
forged=$(git hash-object -t commit -w "$T/forged")
git update-ref $REF "$forged"
expect 3 trail verify
contains "$T/err" "checkpoint 3 (commit $(git rev-parse --short=12 $REF)) is badly signed: "
! gv $REF || fail "git verify-commit accepts a copied signature"
git update-ref $REF "$good"

# ---- plain git and conform agree on every checkpoint ----
expect 0 trail checkpoint --key "$T/qa"
expect 0 trail verify             # conform: 2-4 valid, 1 unsigned
contains "$T/err" "checkpoint 1 is unsigned"
[ "$(wc -l <"$T/err")" = 1 ] || { cat "$T/err"; fail "conform doubts more than checkpoint 1"; }
git rev-list $REF | while read -r c; do gv "$c" && echo good || echo bad; done | sort | uniq -c >"$T/git-says"
contains "$T/git-says" "3 good"
contains "$T/git-says" "1 bad"     # checkpoint 1, unsigned
good=$(git rev-parse $REF)

# ---- --head SEQ:HASH ----
head="$seq:$hash"
expect 0 trail verify --head "$head"
contains "$T/out" "the trail extends the head given ($head)"
expect 3 trail verify --head "$seq:$(printf '%064d' 0)"
contains "$T/err" "the trail does not extend the head given ($seq:0000"
contains "$T/err" "entry $seq's hash is ${hash%"${hash#????????????????}"}"
expect 3 trail verify --head "99:$hash"
contains "$T/err" "the trail ends at entry $seq but the head given (99:$hash) holds entry 99"
expect 2 trail verify --head "$seq"
contains "$T/err" "expected SEQ:HASH"
expect 2 trail verify --head "$seq:$(echo "$hash" | tr a-f A-F)"

# ---- a forged unsigned checkpoint (plain git commit-tree, update-ref) ----
empty=$(git hash-object -t tree -w /dev/null)
printf 'conform trail checkpoint\n\nseq: %s\nhash: %s\nmain: %s\nat: 2026-12-31T00:00:00Z\n' \
	"$seq" "$hash" "$(git rev-parse main)" >"$T/m"
git update-ref $REF "$(git commit-tree "$empty" -p "$good" -F "$T/m")"
expect 3 trail verify   # the approved signers make an unsigned head a problem
contains "$T/err" "conform: warning: checkpoint 5 is unsigned"
contains "$T/err" "checkpoint 5, the last, is not signed by an allowed signer"
! gv $REF || fail "git verify-commit accepts a forged checkpoint"
# ... holding a head the trail does not have
sed "s/^hash: .*/hash: $(printf '%064d' 7)/" "$T/m" >"$T/m2"
git update-ref $REF "$(git commit-tree "$empty" -p "$good" -F "$T/m2")"
expect 3 trail verify
contains "$T/err" "the trail does not extend checkpoint 5 (unsigned, 2026-12-31T00:00:00Z): entry $seq's hash is"
# a new checkpoint is never signed over a head that is not a continuation
expect 3 trail checkpoint
contains "$T/err" "no checkpoint written: the trail does not extend checkpoint 5"
one_line "$T/err"

# ---- hostile commits on the ref: one clear line each ----
hostile() {
	git update-ref $REF "$(git commit-tree "$1" -p "$good" -F "$T/h")"
	expect 3 trail verify
	one_line "$T/err"
	contains "$T/err" "conform: error: commit $(git rev-parse --short=12 $REF) on $REF (checkpoint 5 from the oldest) is no checkpoint: $2"
}
sed "s/^seq: .*/seq: 1x/" "$T/m" >"$T/h"
hostile "$empty" "its message: line 3: expected 'seq: ' and the number of a trail entry"
sed "s/^main: .*/main: $(git rev-parse main | cut -c1-39)/" "$T/m" >"$T/h"
hostile "$empty" "its message: line 5: expected 'main: ' and 40 lower-case hex digits"
sed "s/^at: .*/at: 2026-02-30T00:00:00Z/" "$T/m" >"$T/h"
hostile "$empty" "its message: line 6: expected 'at: ' and a UTC time"
{ cat "$T/m"; echo "seq: 999"; } >"$T/h"
hostile "$empty" "its message: line 7: expected the end of the message"
printf 'conform trail checkpoint\n\nseq: 99999999999999999999\n' >"$T/h"
hostile "$empty" "its message: line 3: expected 'seq: '"
cp "$T/m" "$T/h"
hostile "$(git rev-parse 'main^{tree}')" "its tree is not empty"
git update-ref $REF "$(git rev-parse 'main^{tree}')"
expect 3 trail verify
contains "$T/err" "$REF points at a tree, not at a commit"
git update-ref $REF "$good"
expect 0 trail verify

# ---- killed while the ref moves: the next writer clears git's lock ----
set +e
CONFORM_CRASH_POINT=checkpoint-pending "$CONFORM" trail checkpoint >"$T/kout" 2>&1
st=$?
set -e
[ "$st" = 137 ] || { cat "$T/kout"; fail "the crash point was not reached (exit $st)"; }
[ "$(git rev-parse $REF)" = "$good" ] || fail "the ref moved before the crash point"
touch .git/$REF.lock # as if the kill had come inside git's ref update
expect 0 trail checkpoint
[ ! -e .git/$REF.lock ] || fail "the stale lock is still there"
[ "$(git rev-parse "$REF^")" = "$good" ] || fail "the checkpoint after a kill does not follow the last"
good=$(git rev-parse $REF)
# a lock of a git that is running is left alone
touch .git/$REF.lock
expect 4 trail checkpoint
contains "$T/err" "another git is writing"
one_line "$T/err"
[ "$(git rev-parse $REF)" = "$good" ] || fail "the ref moved under another git's lock"
rm .git/$REF.lock

# ---- one after every stored audit, and after every NCR closure ----
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cp "$D/P-B-001.xml" procedures/P-B-001.xml
cp "$D/CL-T.xml" checklists/CL-T.xml
"$CONFORM" doc commit -m "docs" --author "张三 <zhang@x.cn>" --approved-by "李四 <li@x.cn>" >/dev/null
"$CONFORM" cases import "$D/cases.csv" "$D/events.csv" >/dev/null
n=$(ncp)
export CONFORM_NOW=$(day '2026-04-01 09:00:00 +0800')
expect 0 audit run CL-T --from 2026-02-01 --to 2026-03-31
[ "$(ncp)" = $((n + 1)) ] || fail "no checkpoint after audit 1"
git log -1 --format=%B $REF | grep -qx "seq: $(sqlite3 $db "SELECT max(seq) FROM trail")" ||
	fail "the checkpoint does not hold the audit's entries"
gv $REF || fail "the audit's checkpoint is not signed"
expect 0 report audit 1 --format xml -o -
contains "$T/out" "<checkpoint n=\"$(ncp)\" seq=\""
contains "$T/out" "signature=\"valid\" signer=\"qa@example.cn\"/>"
expect 0 report audit 1 --format html -o -
contains "$T/out" "signed by qa@example.cn"
fee=NCR-0002
expect 0 ncr update $fee --state analysed --root-cause "收费标准未同步" --method 5-why
expect 0 ncr update $fee --state action-planned --action "统一配置" --owner "王科长" --due 2026-04-20
CONFORM_NOW=$(day '2026-04-10 09:00:00 +0800') expect 0 ncr update $fee --state implemented
# a follow-up of records after the action (doc/ncr.md): C102, charged right
cat >april.csv <<'CSV'
case_id,procedure_id,accepted_at,completed_at,fee_charged,materials,window,channel
C102,P-A-001,2026-04-20 09:00:00,2026-04-22 10:00:00,50,M1,W01,window
CSV
cat >april-ev.csv <<'CSV'
case_id,activity,timestamp,actor,role
C102,accept,2026-04-20 09:00:00,c01,clerk
C102,review,2026-04-21 09:00:00,r01,reviewer
C102,approve,2026-04-22 09:00:00,a01,approver
CSV
export CONFORM_NOW=$(day '2026-05-04 09:00:00 +0800')
"$CONFORM" cases import april.csv april-ev.csv >/dev/null
expect 0 audit run CL-T --from 2026-04-16 --to 2026-04-30
expect 0 ncr verify $fee --audit 2
n=$(ncp)
expect 0 ncr update $fee --state closed --effectiveness "复查无偏差"
[ "$(ncp)" = $((n + 1)) ] || fail "no checkpoint after the NCR closure"
git log -1 --format=%B $REF | grep -qx "seq: $(sqlite3 $db "SELECT max(seq) FROM trail")" ||
	fail "the closure's checkpoint does not hold the last entry"
expect 0 trail verify

# ---- a failure to sign: the audit stays stored, and says so ----
echo "signing-key = $T/no-such-key" >>.conform/config
n=$(ncp)
expect 3 audit run CL-T --from 2026-02-01 --to 2026-03-31
contains "$T/err" "conform: error: audit 3 is stored, but no checkpoint was written"
[ "$(ncp)" = "$n" ] || fail "a checkpoint was written without its key"
expect 0 audit show 3
expect 0 trail verify
pass
