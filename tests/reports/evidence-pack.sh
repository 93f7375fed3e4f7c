#!/bin/sh
# evidence-pack.sh - `conform evidence pack` and `conform evidence
# verify` over the audit of tests/data/audit with two standards (one
# applying to P-A-*, one to nothing in force): the standard system table
# with commits, dates and approvers, the three rates with their exact
# values and definitions, the reports of every audit (HTML, valid XML,
# CSV), the NCR register, the trail copy, COMMITS, records.db, a bundle
# plain git verifies and clones, the checkpoint, a manifest sha256sum
# agrees with; an unsigned pack verifies only with --allow-unsigned; a
# pack signed with an allowed signer's key verifies with no workspace;
# the same data give the same bytes; then every kind of damage is named
# on its own line with exit 3: a changed byte, a deleted file, an extra
# file, a commit added to COMMITS, an edited trail entry (the manifest
# made to agree), a damaged or missing manifest, a foreign signer.
. "$(dirname "$0")/../lib/lib.sh"
. "$(dirname "$0")/../lib/report-lib.sh"
command -v xmllint >/dev/null || skip "xmllint (libxml2-utils) is not installed"

build_fixture "$T/ws"
cat >standards/Q_DF-FW-001.xml <<'XML'
<standard id="Q/DF-FW-001" subsystem="provision">
  <title>窗口服务规范</title>
  <level>enterprise</level>
  <effective-from>2025-06-01</effective-from>
  <applies-to procedures="P-A-*"/>
</standard>
XML
cat >standards/Q_DF-JC-001.xml <<'XML'
<standard id="Q/DF-JC-001" subsystem="basic">
  <title>服务标准体系编制规则</title>
  <level>enterprise</level>
  <effective-from>2025-06-01</effective-from>
  <applies-to procedures="P-Z-*"/>
</standard>
XML
"$CONFORM" doc commit -m "标准" --author "$A" --approved-by "$B" >/dev/null || fail "commit standards"
S=$(git rev-parse HEAD)

P="$T/pack"
expect 0 evidence pack --out "$P" --at 2026-04-01
grep -qx "evidence pack written to $P: 15 files, as at 2026-04-01, checkpoint [0-9]*:[0-9a-f]\{64\}, unsigned" "$T/out" || { cat "$T/out"; fail "pack summary"; }
for f in index.html standard-system.html standard-system.csv \
	audits/audit-0001.html audits/audit-0001.xml audits/audit-0001.csv \
	ncr-register.csv trail.csv COMMITS records.db documents.bundle \
	checkpoint pack.conf MANIFEST.sha256; do
	[ -s "$P/$f" ] || fail "the pack lacks $f"
done
[ -f "$P/allowed_signers" ] && [ ! -s "$P/allowed_signers" ] || fail "no signers: an empty allowed_signers"
[ ! -e "$P/MANIFEST.sha256.sig" ] || fail "an unsigned pack has a signature"
valid "$P/audits/audit-0001.xml" report-audit.rng
same "$P/audits/audit-0001.xml" "$(expect 0 report audit 1 -o "$T/a.xml"; echo "$T/a.xml")"
same "$P/audits/audit-0001.csv" "$(expect 0 report audit 1 -o "$T/a.csv"; echo "$T/a.csv")"
grep -qx "at = 2026-04-01" "$P/pack.conf" || fail "pack.conf: at"
grep -qx "timezone = Asia/Shanghai" "$P/pack.conf" || fail "pack.conf: timezone"
grep -qx "center = $CENTER" "$P/pack.conf" || fail "pack.conf: center"
# records.db is the store, as sqlite3 sees it
if command -v sqlite3 >/dev/null; then
	[ "$(sqlite3 "$P/records.db" 'SELECT count(*) FROM trail')" = \
	  "$(sqlite3 .conform/conform.db 'SELECT count(*) FROM trail')" ] || fail "records.db: trail"
fi
# The bundle is git's: plain git verifies it and clones main from it.
git bundle verify "$P/documents.bundle" >"$T/bv" 2>&1 || { cat "$T/bv"; fail "git bundle verify"; }
grep -q "records a complete history" "$T/bv" || { cat "$T/bv"; fail "the bundle is not complete"; }
git clone -q "$P/documents.bundle" "$T/clone" || fail "git clone of the bundle"
[ "$(git -C "$T/clone" rev-parse HEAD)" = "$(git rev-parse main)" ] || fail "the clone's main"
cmp -s "$T/clone/procedures/P-A-001.xml" procedures/P-A-001.xml || fail "the clone's documents"
grep -qx "main: $(git rev-parse main)" "$P/checkpoint" || { cat "$P/checkpoint"; fail "checkpoint: main"; }
grep -qx "seq: $(($(wc -l <"$P/trail.csv") - 1))" "$P/checkpoint" || { cat "$P/checkpoint"; fail "checkpoint: seq"; }
grep -qx "hash: $(tail -1 "$P/trail.csv" | awk -F, '{print $NF}')" "$P/checkpoint" || fail "checkpoint: hash"

# The standard system table: standards first, then procedures.
csv="$P/standard-system.csv"
# The CSVs for people start with a UTF-8 BOM (Excel on Chinese Windows);
# the trail, for programs, does not (doc/reports.md#csv-for-people).
bom() { [ "$(head -c 3 "$1" | od -An -tx1 | tr -d ' ')" = efbbbf ]; }
for f in standard-system.csv ncr-register.csv audits/audit-0001.csv; do
	bom "$P/$f" || fail "$f has no BOM"
done
! bom "$P/trail.csv" || fail "trail.csv has a BOM"
BOM=$(printf '\357\273\277')
[ "$(head -1 "$csv")" = "${BOM}type,id,title,subsystem,level,version_commit,effective_from,author,approver,applies_to,procedures,pass,fail,conformity" ] ||
	fail "header: $(head -1 "$csv")"
grep -qxF "standard,Q/DF-FW-001,窗口服务规范,provision,enterprise,$S,2025-06-01,$A,\"$B (recorded, unsigned)\",P-A-*,1,72,10,87.8 %" "$csv" || { cat "$csv"; fail "Q/DF-FW-001"; }
grep -qxF "standard,Q/DF-JC-001,服务标准体系编制规则,basic,enterprise,$S,2025-06-01,$A,\"$B (recorded, unsigned)\",P-Z-*,0,0,0," "$csv" || { cat "$csv"; fail "Q/DF-JC-001"; }
grep -qxF "procedure,P-A-001,企业变更登记,provision,,$V2,2026-02-16,$A,\"$A (recorded, unsigned)\",,,72,10,87.8 %" "$csv" || { cat "$csv"; fail "P-A-001"; }
grep -qxF "procedure,P-B-001,社保缴费证明打印,provision,,$V1,2026-03-01,$A,\"$B (recorded, unsigned)\",,,7,1,87.5 %" "$csv" || { cat "$csv"; fail "P-B-001"; }
[ "$(wc -l <"$csv")" = 5 ] || fail "rows: $(wc -l <"$csv")"

# The rates: coverage 1 of 2, implementation 1 of 2, conformity 79 of 93.
for f in index.html standard-system.html; do
	grep -qF '<td>标准覆盖率 Coverage</td><td class="num">50.0 %</td><td class="num">1 / 2</td>' "$P/$f" || fail "$f: coverage"
	grep -qF '<td>标准实施率 Implementation</td><td class="num">50.0 %</td><td class="num">1 / 2</td>' "$P/$f" || fail "$f: implementation"
	grep -qF '<td>符合率 Conformity</td><td class="num">84.9 %</td><td class="num">79 / 93</td>' "$P/$f" || fail "$f: conformity"
	grep -qF 'procedures in force that at least one standard in force applies to' "$P/$f" || fail "$f: definition"
done
grep -qF '<a href="audits/audit-0001.html">HTML</a>' "$P/index.html" || fail "index links the report"
grep -qF '<td class="fail">否 no</td>' "$P/standard-system.html" || fail "Q/DF-JC-001 not implemented"
grep -qF "<td class=\"wrap\">李四 &lt;li@x.cn&gt; (recorded, unsigned)</td>" "$P/standard-system.html" || fail "approver"
# The pack's face: labels, not tokens; titles kept whole beside short
# commits; the list of what evidence verify checks.
grep -qF '<td>标准 standard</td><td style="white-space:nowrap">Q/DF-FW-001</td><td style="min-width:10em">窗口服务规范</td>' "$P/standard-system.html" || fail "standard row"
grep -qF '<td>企业标准 enterprise</td>' "$P/standard-system.html" || fail "level label"
grep -qF "<td class=\"id\" title=\"$S\">$(echo "$S" | cut -c1-12)</td>" "$P/standard-system.html" || fail "short commit"
grep -qE '<td>(不符合 not conforming|基本符合 conforming with minor|符合 conforming<)' "$P/index.html" || fail "index: the overall as a label"
lacks "$P/index.html" '<td>minor-nonconformity</td>'
[ "$(sed -n '/<ol class="checks">/,/<\/ol>/p' "$P/index.html" | grep -c '^<li>')" = 11 ] || fail "index: not the 11 checks of evidence verify"
contains "$P/index.html" "<li>every file&#39;s SHA-256 is the one in MANIFEST.sha256</li>"

# The register, the trail, the commits.
head -1 "$P/ncr-register.csv" | grep -q "^${BOM}ncr,checklist,check,title,type,severity,clause,state,opened_at," || fail "register header"
[ "$(($(wc -l <"$P/ncr-register.csv") - 1))" = 10 ] || fail "ten NCRs"
grep -q '^NCR-0002,CL-T,T2,,fee,minor,8.5.1,open,2026-04-01T09:00:00+08:00,' "$P/ncr-register.csv" || fail "NCR-0002"
[ "$(head -1 "$P/trail.csv")" = "seq,at,actor,what,subject,data,prev,hash" ] || fail "trail header"
expect 0 trail verify
[ "$(tail -1 "$P/trail.csv" | awk -F, '{print $NF}')" = "$(sed -n 's/.*head [0-9]*://p' "$T/out")" ] ||
	fail "the trail copy ends at the trail's head"
printf '%s\n' "$V1" "$V2" "$S" | sort >"$T/commits"
same "$P/COMMITS" "$T/commits"
(cd "$P" && grep -v MANIFEST.sha256 <MANIFEST.sha256 | sha256sum -c --quiet -) || fail "sha256sum disagrees"
(cd "$P" && find . -type f ! -name MANIFEST.sha256 | sed 's|^\./||' | LC_ALL=C sort) >"$T/files"
cut -c67- "$P/MANIFEST.sha256" >"$T/listed"
same "$T/listed" "$T/files"

# Verify: an unsigned pack is a problem, or with --allow-unsigned a
# warning; inside the workspace, from a subfolder, with -C, or in an
# empty folder with no workspace at all, all the same.
expect 3 evidence verify "$P"
contains "$T/err" "MANIFEST.sha256.sig: the pack is not signed: anyone holding its files could have made it"
contains "$T/err" "checkpoint: the checkpoint is not signed: "
contains "$T/err" "evidence pack $P: 2 problems"
expect 0 evidence verify --allow-unsigned "$P"
grep -qx "evidence pack verified: 14 files, 1 audits, 10 NCRs, [0-9]* trail entries, 4 commits; checkpoint 2 at entry [0-9]*:[0-9a-f]\{64\}, unsigned; manifest unsigned" "$T/out" || { cat "$T/out"; fail "verify summary"; }
contains "$T/err" "warning: MANIFEST.sha256.sig: the pack is not signed"
(cd procedures && "$CONFORM" evidence verify --allow-unsigned "$P" >/dev/null 2>&1) || fail "verify from a subfolder"
(cd / && "$CONFORM" -C "$T/ws" evidence verify --allow-unsigned "$P" >/dev/null 2>&1) || fail "verify with -C"
mkdir "$T/nowhere" "$T/nohome"
(cd "$T/nowhere" && HOME="$T/nohome" "$CONFORM" evidence verify --allow-unsigned "$P" >/dev/null 2>&1) || fail "verify with no workspace"

# The same data and day give the same pack.
expect 0 evidence pack --out "$T/pack2" --at 2026-04-01
diff -r "$P" "$T/pack2" >/dev/null || fail "two packs of the same data differ"
# An existing non-empty folder is refused; an empty one is used.
expect 3 evidence pack --out "$P"
contains "$T/err" "exists and is not an empty folder"
one_line "$T/err"
mkdir "$T/empty"
expect 0 evidence pack --out "$T/empty" --at 2026-04-01
expect 2 evidence pack
expect 2 evidence pack --out "$T/x" --at 2026-02-30
[ ! -e "$T/x" ] || fail "a refused pack left a folder"
ls -d "$T"/*.tmp-* 2>/dev/null && fail "a temporary folder was left"

# Damage, one kind at a time, on fresh copies.
damaged() { rm -rf "$T/d"; cp -R "$P" "$T/d"; }
verify_fails() { expect 3 evidence verify --allow-unsigned "$T/d"; contains "$T/err" "evidence pack $T/d: $1 problem"; }
remanifest() { (cd "$T/d" && sed -i "s|^[0-9a-f]*  $1\$|$(sha256sum "$1" | cut -c1-64)  $1|" MANIFEST.sha256); }

damaged   # one byte changed in one file
printf 'X' | dd of="$T/d/audits/audit-0001.html" bs=1 seek=100 conv=notrunc 2>/dev/null
verify_fails 2
grep -qx "audits/audit-0001.html: changed: its SHA-256 is [0-9a-f]\{64\}, the manifest says [0-9a-f]\{64\}" "$T/err" || { cat "$T/err"; fail "the changed file is not named"; }
contains "$T/err" "audits/audit-0001.html: differs from the one made again from records.db and documents.bundle (from byte 100)"

damaged   # a file deleted
rm "$T/d/ncr-register.csv"
verify_fails 1
contains "$T/err" "ncr-register.csv: missing: listed in the manifest but not in the pack"

damaged   # an extra file
echo "补充材料" >"$T/d/audits/extra.txt"
verify_fails 1
contains "$T/err" "audits/extra.txt: not listed in the manifest"

damaged   # a report of an audit records.db does not hold, listed in the manifest
cp "$T/d/audits/audit-0001.html" "$T/d/audits/audit-0002.html"
(cd "$T/d" && sha256sum audits/audit-0002.html >>MANIFEST.sha256 && LC_ALL=C sort -k2 -o MANIFEST.sha256 MANIFEST.sha256)
verify_fails 1
contains "$T/err" "audits/audit-0002.html: not a file of an evidence pack (records.db holds no such audit)"

damaged   # a commit added to COMMITS (and the manifest updated to hide it)
printf '%s\n' 0123456789abcdef0123456789abcdef01234567 >>"$T/d/COMMITS"
remanifest COMMITS
verify_fails 1
contains "$T/err" "COMMITS: differs from the one made again from records.db and documents.bundle"

damaged   # a trail entry edited (and the manifest updated to hide it)
sed -i '3s|,doc.commit,|,doc.commit ,|' "$T/d/trail.csv"
remanifest trail.csv
verify_fails 1
contains "$T/err" "trail.csv: differs from the one made again"

damaged   # a manifest line damaged
sed -i '1s/^./Z/' "$T/d/MANIFEST.sha256"
expect 3 evidence verify --allow-unsigned "$T/d"
contains "$T/err" "MANIFEST.sha256:1: not a manifest line"
contains "$T/err" "COMMITS: not listed in the manifest"

damaged   # no manifest at all
rm "$T/d/MANIFEST.sha256"
expect 3 evidence verify --allow-unsigned "$T/d"
contains "$T/err" "MANIFEST.sha256: missing"

# Signed: the allowed signers are a committed document; a pack signed
# by one of them verifies with no --allow-unsigned, names its signer,
# and plain ssh-keygen agrees.  A key that is not allowed, or a
# --signers file the auditor trusts that lacks the signer, is named.
if command -v ssh-keygen >/dev/null; then
	ssh-keygen -q -t ed25519 -N '' -f "$T/K" -C qa
	ssh-keygen -q -t ed25519 -N '' -f "$T/K2" -C other
	mkdir -p signers
	echo "qa@x.cn $(cut -d' ' -f1,2 "$T/K.pub")" >signers/allowed_signers
	"$CONFORM" doc commit -m "签名人" --author "$A" --approved-by "$B" >/dev/null || fail "commit signers"
	"$CONFORM" doc approve main --key "$T/K" >/dev/null || fail "approve the signers"
	S2=$(git rev-parse HEAD)
	expect 0 evidence pack --out "$T/signed" --at 2026-04-01 --key "$T/K"
	contains "$T/out" ", signed"
	same "$T/signed/allowed_signers" signers/allowed_signers
	# signed twice: the same checkpoint, Ed25519's deterministic
	# signature, the same bytes
	expect 0 evidence pack --out "$T/signed2" --at 2026-04-01 --key "$T/K"
	diff -r "$T/signed" "$T/signed2" >/dev/null || fail "two signed packs of the same data differ"
	git -C "$T/ws" -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$T/ws/signers/allowed_signers" \
		verify-commit refs/conform/checkpoints >/dev/null 2>&1 || fail "git verify-commit disagrees on the checkpoint"
	(cd "$T/nowhere" && HOME="$T/nohome" "$CONFORM" evidence verify "$T/signed" >"$T/out" 2>"$T/err") || { cat "$T/err"; fail "a signed pack does not verify"; }
	grep -q "^evidence pack verified: 14 files, 1 audits, 10 NCRs, [0-9]* trail entries, 5 commits; checkpoint 3 at entry [0-9]*:[0-9a-f]\{64\}, signed by qa@x.cn (SHA256:[^)]*); manifest signed by qa@x.cn (SHA256:" "$T/out" || { cat "$T/out"; fail "signed summary"; }
	ssh-keygen -Y verify -f "$T/signed/allowed_signers" -I qa@x.cn -n conform-evidence \
		-s "$T/signed/MANIFEST.sha256.sig" <"$T/signed/MANIFEST.sha256" >/dev/null || fail "ssh-keygen disagrees"
	echo "auditor@x.cn $(cut -d' ' -f1,2 "$T/K2.pub")" >"$T/trusted"
	expect 3 evidence verify --signers "$T/trusted" "$T/signed"
	contains "$T/err" "MANIFEST.sha256.sig: the manifest's signature is not valid: "
	expect 0 evidence pack --out "$T/foreign" --at 2026-04-01 --key "$T/K2"
	expect 3 evidence verify "$T/foreign"
	contains "$T/err" "MANIFEST.sha256.sig: the manifest's signature is not valid: "
	# (its checkpoint is qa's, the last: the same head is not signed twice)
	expect 3 evidence verify --signers "$T/trusted" "$T/foreign"
	contains "$T/err" "checkpoint: the signature of checkpoint "
	contains "$T/err" "which is not an allowed signer"
	one_line "$(grep -v '^conform: error' "$T/err" >"$T/err1"; echo "$T/err1")"
	cat signers/allowed_signers >>"$T/trusted"
	expect 0 evidence verify --signers "$T/trusted" "$T/foreign"
	contains "$T/out" "signed by qa@x.cn"
	contains "$T/out" "manifest signed by auditor@x.cn"
fi

expect 3 evidence verify "$T/nothing"
contains "$T/err" "is not a folder"
pass
