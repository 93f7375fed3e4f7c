#!/bin/sh
# evidence-attack.sh - issue 12's attack 3 on a signed evidence pack, and
# the key-less attacker who rewrites everything: with plain sqlite3,
# python3, git and sha256sum, each edit followed by a MANIFEST.sha256
# made again with sha256sum, `conform evidence verify` must fail (exit
# 3) naming what was done: a report rewritten to "Conforming"; a
# register with every NCR closed; the audit reports deleted; trail.csv
# cut to its header; an empty COMMITS; records.db edited with sqlite3 (a
# finding deleted); a key-less attacker who edits records.db, re-chains
# its trail (every hash recomputed as core/trail.h documents), makes
# every file again with conform itself and a new manifest.  A sound
# pack verifies in an empty folder with no workspace at all (the
# workspace deleted); `--since` passes across two honest packs and fails
# when the second was made from a workspace whose trail was cut and
# re-chained, even by the holder of the key.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/report-lib.sh"
for t in ssh-keygen sqlite3 python3 sha256sum; do
	command -v $t >/dev/null || skip "$t is not installed"
done

build_fixture "$T/ws"
ssh-keygen -q -t ed25519 -N '' -f "$T/K" -C quality-office
mkdir -p signers
echo "qa@x.cn $(cut -d' ' -f1,2 "$T/K.pub")" >signers/allowed_signers
"$CONFORM" doc commit -m "签名人" --author "$A" --approved-by "$B" >/dev/null || fail "commit signers"
"$CONFORM" doc approve main --key "$T/K" >/dev/null || fail "approve the signers"
P="$T/pack"
expect 0 evidence pack --out "$P" --at 2026-04-01 --key "$T/K"
grep -q "^<td>不符合 Not conforming" "$P/audits/audit-0001.html" ||
	grep -q "不符合 Not conforming" "$P/audits/audit-0001.html" || fail "the audit is not a nonconformity"

# verify_pack DIR: verify with no workspace: the cwd an empty folder,
# HOME another, CONFORM_DIR unset.
mkdir "$T/nowhere" "$T/nohome"
verify_pack() {
	set +e
	(cd "$T/nowhere" && HOME="$T/nohome" "$CONFORM" evidence verify "$@") >"$T/out" 2>"$T/err"
	got=$?
	set -e
}
verify_pack "$P"
[ "$got" = 0 ] || { cat "$T/err"; fail "the honest pack does not verify"; }
contains "$T/out" "signed by qa@x.cn"

# attacked DESCRIPTION: the copy in $T/d was edited; make its manifest
# again as an attacker would, and verify must fail.  (SHOW=1 prints
# what verify said of each attack.)
fresh() { rm -rf "$T/d"; cp -R "$P" "$T/d"; }
remanifest() {
	(cd "$T/d" && find . -type f ! -name MANIFEST.sha256 ! -name MANIFEST.sha256.sig |
		sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum >MANIFEST.sha256)
}
attacked() {
	remanifest
	verify_pack "$T/d"
	[ -z "${SHOW:-}" ] || { echo "== $1"; cat "$T/err"; } >&2
	[ "$got" = 3 ] || { cat "$T/out" "$T/err"; fail "$1: verify exit $got, expected 3"; }
	# the signature no longer covers the manifest
	contains "$T/err" "MANIFEST.sha256.sig: the manifest's signature is not valid: "
}

fresh   # 1. a report rewritten to "Conforming"
sed -i 's|不符合 Not conforming: at least one major nonconformity|符合 Conforming: no nonconformity found|' "$T/d/audits/audit-0001.html"
lacks "$T/d/audits/audit-0001.html" "Not conforming"
attacked "a report rewritten"
contains "$T/err" "audits/audit-0001.html: differs from the one made again from records.db and documents.bundle"

fresh   # 2. a register with every NCR closed
sed -i 's/^\(NCR-[0-9]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*\),open,/\1,closed,/' "$T/d/ncr-register.csv"
grep -q ',open,' "$T/d/ncr-register.csv" && fail "an NCR stayed open"
attacked "every NCR closed"
contains "$T/err" "ncr-register.csv: differs from the one made again"

fresh   # 3. the audit reports deleted
rm "$T/d"/audits/*
attacked "the reports deleted"
for e in html xml csv; do
	contains "$T/err" "audits/audit-0001.$e: missing: every evidence pack holds it"
done

fresh   # 4. trail.csv cut to its header
sed -i '2,$d' "$T/d/trail.csv"
attacked "the trail cut"
contains "$T/err" "trail.csv: differs from the one made again"

fresh   # 5. an empty COMMITS
: >"$T/d/COMMITS"
attacked "no commits"
contains "$T/err" "COMMITS: differs from the one made again"

fresh   # 6. records.db edited with sqlite3: a finding deleted
n0=$(sqlite3 "$T/d/records.db" 'SELECT count(*) FROM finding')
sqlite3 "$T/d/records.db" "DELETE FROM finding WHERE (audit_id, pos, subject) = (SELECT audit_id, pos, subject FROM finding WHERE result = 'fail' ORDER BY audit_id, pos, subject LIMIT 1)"
[ "$(sqlite3 "$T/d/records.db" 'SELECT count(*) FROM finding')" = $((n0 - 1)) ] || fail "sqlite3 did not delete"
attacked "a finding deleted"
grep -q "^audits/audit-0001\.\(html\|xml\|csv\): differs from the one made again" "$T/err" || { cat "$T/err"; fail "the deleted finding is not named"; }
# (and the records themselves no longer are what the trail bound)
grep -q "^records.db: audit 1, check [A-Z0-9]*: [0-9]* findings stored, the trail holds [0-9]*\$" "$T/err" || { cat "$T/err"; fail "records.db: the deleted finding is not named"; }

# 7. The key-less attacker: every NCR closed in records.db, the trail
# re-chained (every hash recomputed, the head in meta moved), then every
# file made again by conform itself in a workspace made of the pack's
# own records and bundle, and a new manifest; the old signature kept.
fresh
sqlite3 "$T/d/records.db" "UPDATE ncr SET state = 'closed'"
cat >"$T/rechain.py" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
prev = "0" * 64
rows = db.execute("SELECT seq, at, actor, what, subject, data FROM trail ORDER BY seq").fetchall()
def ns(v):
    b = str(v).encode()
    return str(len(b)).encode() + b":" + b + b","
for seq, at, actor, what, subject, data in rows:
    h = hashlib.sha256(bytes.fromhex(prev) + b"".join(ns(x) for x in (seq, at, actor, what, subject, data))).hexdigest()
    db.execute("UPDATE trail SET prev = ?, hash = ? WHERE seq = ?", (prev, h, seq))
    prev = h
db.execute("UPDATE meta SET value = ? WHERE key = 'trail-head'", ("%d %s" % (len(rows), prev),))
db.commit()
PY
# (the NCR entries' data still say "open": make them say closed too)
sqlite3 "$T/d/records.db" "UPDATE trail SET data = replace(data, '\"state\":\"open\"', '\"state\":\"closed\"') WHERE what LIKE 'ncr.%'"
python3 "$T/rechain.py" "$T/d/records.db"
mkdir "$T/fake"
git clone -q "$T/d/documents.bundle" "$T/fake"
mkdir "$T/fake/.conform"
cp "$T/d/records.db" "$T/fake/.conform/conform.db"
printf 'timezone = Asia/Shanghai\ncenter = %s\n' "$CENTER" >"$T/fake/.conform/config"
"$CONFORM" -C "$T/fake" trail verify >/dev/null 2>&1 || true
"$CONFORM" -C "$T/fake" evidence pack --out "$T/forged" --at 2026-04-01 >/dev/null 2>&1 || fail "the attacker's pack"
cp "$P/MANIFEST.sha256.sig" "$T/forged/"
grep -q ',open,' "$T/forged/ncr-register.csv" && fail "the forged register has an open NCR"
verify_pack "$T/forged"
[ -z "${SHOW:-}" ] || { echo "== forged"; cat "$T/err"; } >&2
[ "$got" = 3 ] || { cat "$T/out" "$T/err"; fail "the re-chained pack verifies"; }
# (the clone left the approvals behind: its allowed signers are approved
# by no one, so the pack trusts no signer at all)
contains "$T/err" "MANIFEST.sha256.sig: the pack's allowed_signers is empty: no signer is allowed"
contains "$T/err" "checkpoint: the checkpoint is not signed: "
# with the original checkpoint ref kept in the bundle (the attacker's
# clone fetched it), the re-chained trail does not extend it
git -C "$T/fake" fetch -q "$T/d/documents.bundle" '+refs/conform/*:refs/conform/*' || fail "fetch the checkpoints"
set +e
"$CONFORM" -C "$T/fake" evidence pack --out "$T/forged2" --at 2026-04-01 >"$T/out2" 2>"$T/err2"
got=$?
set -e
[ "$got" != 0 ] || fail "conform signed... no: packed a trail that does not extend its checkpoint"
contains "$T/err2" "does not extend"
# and the trail and manifest rewritten by hand on the original pack,
# the original checkpoint and signature kept: named too
rm -rf "$T/d2"; cp -R "$T/forged" "$T/d2"
cp "$P/checkpoint" "$P/documents.bundle" "$T/d2/"
(cd "$T/d2" && find . -type f ! -name MANIFEST.sha256 ! -name MANIFEST.sha256.sig |
	sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum >MANIFEST.sha256)
verify_pack "$T/d2"
[ -z "${SHOW:-}" ] || { echo "== d2"; cat "$T/err"; } >&2
[ "$got" = 3 ] || { cat "$T/out" "$T/err"; fail "the re-chained pack with the old checkpoint verifies"; }
contains "$T/err" "MANIFEST.sha256.sig: the pack's allowed_signers is empty: no signer is allowed"
contains "$T/err" "allowed_signers: not the allowed signers approved on the bundle's main at commit"
contains "$T/err" "records.db: the trail does not extend checkpoint "

# 8. The sound pack, verified with the workspace deleted.
mv "$T/ws" "$T/ws.gone"
verify_pack "$P"
[ "$got" = 0 ] || { cat "$T/err"; fail "verify needs the workspace"; }
mv "$T/ws.gone" "$T/ws"
cd "$T/ws"

# 9. --since across two packs.  Honest: more work, a second pack.
CONFORM_NOW=$(day '2026-04-02 10:00:00 +0800') \
	"$CONFORM" ncr update 1 --owner 王五 >/dev/null || fail "ncr update"
expect 0 evidence pack --out "$T/pack2" --at 2026-04-02 --key "$T/K"
verify_pack "$T/pack2" --since "$P"
[ "$got" = 0 ] || { cat "$T/err"; fail "an honest continuation does not verify --since"; }
# Dishonest, with the key: the trail cut after the first pack's
# checkpoint... and before it: entries re-chained from entry 3 on, the
# checkpoint ref dropped so that conform signs again.
cp -R "$T/ws" "$T/ws3"
cd "$T/ws3"
sqlite3 .conform/conform.db "UPDATE trail SET actor = 'someone else' WHERE seq = 3"
python3 "$T/rechain.py" .conform/conform.db
git update-ref -d refs/conform/checkpoints
expect 0 evidence pack --out "$T/pack3" --at 2026-04-02 --key "$T/K"
verify_pack "$T/pack3"
[ "$got" = 0 ] || { cat "$T/err"; fail "the rewritten pack does not verify alone (it should: it is signed)"; }
verify_pack "$T/pack3" --since "$P"
[ "$got" = 3 ] || { cat "$T/out" "$T/err"; fail "--since does not see the rewritten trail"; }
seq1=$(sed -n 's/^seq: //p' "$P/checkpoint")
grep -q "^records.db: this pack's trail does not extend $P's checkpoint [0-9]* (entry $seq1, commit $(sed -n 's/^commit: //p' "$P/checkpoint" | cut -c1-12))\$" "$T/err" || { cat "$T/err"; fail "--since: the message"; }
# and an old pack that does not verify is named under its folder
rm -rf "$T/old"; cp -R "$P" "$T/old"; : >"$T/old/COMMITS"
verify_pack "$T/pack2" --since "$T/old"
[ "$got" = 3 ] || fail "--since a broken old pack"
contains "$T/err" "$T/old: COMMITS: changed"
pass
