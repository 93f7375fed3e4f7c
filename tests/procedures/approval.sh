#!/bin/sh
# approval.sh - who approved a document version (doc/integrity.md
# "Approvals are signatures", doc/documents.md "Approval"): an
# Approved-by line typed into -m is only claimed (doc log says so, the
# approved check fails it); in a workspace without allowed signers the
# approver doc commit --approved-by recorded counts, shown "recorded,
# unsigned"; once signers/allowed_signers is committed, only a signed
# approval (conform doc approve) by an allowed signer who is not the
# author counts - not the author's, not a key the file does not name,
# not one past its valid-before, not a tampered one.  Plain git agrees:
# verify-commit (doc commit --sign) and verify-tag succeed, and fail
# after tampering.  doc check names a broken signers line.
. "$(dirname "$0")/../lib/lib.sh"
command -v ssh-keygen >/dev/null 2>&1 || skip "no ssh-keygen (package openssh-client)"
D="$SRC/tests/data/audit"
K="$T/keys"
mkdir -p "$K"
for k in author approver other old; do
	ssh-keygen -q -t ed25519 -N '' -f "$K/$k" -C "$k@x.cn" || fail "keygen"
done
pub() { cut -d' ' -f1,2 "$K/$1.pub"; }
fpr() { ssh-keygen -l -f "$K/$1.pub" | cut -d' ' -f2; }

new_ws "$T/ws"
cd "$T/ws"
A='张三 <author@x.cn>'
B='李四 <approver@x.cn>'
cp "$D/P-A-001.v1.xml" procedures/P-A-001.xml
cat >checklists/CL-AP.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<checklist id="CL-AP" title="批准">
  <scope procedures="P-*"/>
  <check id="AP" type="approved" severity="minor" clause="7.5.2"/>
</checklist>
XML
audit() { # audit EXPECTED-EXIT: the approved check, one row, in $T/out
	expect "$1" audit run CL-AP --from 2026-01-01 --to 2026-12-31 \
		--fail-on minor --all --format csv
}

# 1. Keyless: --approved-by is recorded in the trail and counts.
expect 0 doc commit -m "v1" --author "$A" --approved-by "$B"
expect 0 doc log P-A-001
contains "$T/out" "李四 <approver@x.cn> (recorded, unsigned)"
audit 0
grep -q '^AP,P-A-001,pass,.*approved by 李四 <approver@x.cn> (recorded, unsigned)' "$T/out" ||
	{ cat "$T/out"; fail "recorded approval"; }

# 2. Attack 5: an Approved-by line typed into -m is only claimed.
sed -i 's/<title>/<title>改 /' procedures/P-A-001.xml
expect 0 doc commit -m "v2

Approved-by: $B" --author "$A"
expect 0 doc log P-A-001
head -2 "$T/out" | tail -1 | grep -qF "李四 <approver@x.cn> (claimed)" ||
	{ cat "$T/out"; fail "typed approval not shown claimed"; }
lacks "$T/out" "(signed)"
audit 1
grep -q '^AP,P-A-001,fail,.*is claimed, not recorded' "$T/out" ||
	{ cat "$T/out"; fail "typed approval passed the approved check"; }
# The same line written with plain git is claimed too.
sed -i 's/<title>改 /<title>/' procedures/P-A-001.xml
git add procedures && git commit -q -m "plain" -m "Approved-by: $B"
expect 0 doc log P-A-001
head -2 "$T/out" | tail -1 | grep -qF "(claimed)" || { cat "$T/out"; fail "plain git approval"; }

# 3. doc check names a broken allowed-signers line; nothing committed.
printf '%s\nbroken@x.cn ssh-ed25519 AAAAnotakey\n' "approver@x.cn $(pub approver)" >signers/allowed_signers
expect 3 doc check
contains "$T/err" "signers/allowed_signers:2: the ssh-ed25519 key does not parse"
printf 'x\n' >signers/stray
expect 3 doc check
contains "$T/err" "signers/stray: not a document"
rm signers/stray

# 4. The allowed signers, signed by the author, approved by the approver.
cat >signers/allowed_signers <<EOS
# who may sign
approver@x.cn $(pub approver)
author@x.cn $(pub author)
old@x.cn valid-before="20200101" $(pub old)
EOS
expect 0 doc commit -m "allowed signers" --author "$A" --sign --key "$K/author"
contains "$T/out" "signed      with $K/author (--key)"
printf '%s\n' "author@x.cn $(pub author)" >"$T/as"
git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$T/as" verify-commit main 2>"$T/git" ||
	{ cat "$T/git"; fail "git verify-commit"; }
signers=$(git rev-parse main)
expect 0 doc log signers
contains "$T/out" "signers/allowed_signers"
expect 0 doc show signers
contains "$T/out" "old@x.cn valid-before=\"20200101\""
expect 0 doc approve main --key "$K/approver" --approver "$B"
contains "$T/out" "approved ${signers%"${signers#????????????}"} as 李四 <approver@x.cn> (approver@x.cn, $(fpr approver))"
expect 0 doc log signers
contains "$T/out" "李四 <approver@x.cn> (signed)"

# 5. A procedure change: the author may not approve it, nor an
# unknown key, nor one past its valid-before; a recorded approver no
# longer counts.
sed -i 's/<title>/<title>新 /' procedures/P-A-001.xml
expect 0 doc commit -m "v3" --author "$A" --approved-by "$B"
v3=$(git rev-parse main)
expect 0 doc log P-A-001
head -2 "$T/out" | tail -1 | grep -qF "(claimed)" || { cat "$T/out"; fail "unsigned in a signed workspace"; }
audit 1
grep -q '^AP,P-A-001,fail,.*claimed, not signed' "$T/out" || { cat "$T/out"; fail "recorded counted"; }
expect 3 doc approve main --key "$K/author" --approver "Someone Else <else@x.cn>"
one_line "$T/err"
contains "$T/err" "is the author of"
expect 3 doc approve main --key "$K/other" --approver "$B"
one_line "$T/err"
contains "$T/err" "$(fpr other), which is not an allowed signer"
expect 3 doc approve main --key "$K/old" --approver "老 <old@x.cn>"
one_line "$T/err"
contains "$T/err" "not valid at"
side=$(echo side | git commit-tree "$v3^{tree}" -p "$v3")
expect 3 doc approve "$side" --key "$K/approver" --approver "$B"
contains "$T/err" "is not on main"
[ -z "$(git for-each-ref "refs/conform/approvals/$v3")" ] || fail "a refused approval was written"
# The same refused approvals made with plain git do not count either.
tag_as() { # tag_as KEY: a signed approval of v3 written with plain git
	git -c gpg.format=ssh -c user.signingKey="$K/$1" \
		-c user.name="$1" -c user.email="$1-tagger@x.cn" \
		tag -s -m "Approved: $v3" "t-$1" "$v3" || fail "git tag $1"
	git update-ref "refs/conform/approvals/$v3/$1" "$(git rev-parse "t-$1")"
	git tag -d "t-$1" >/dev/null
}
tag_as author
tag_as other
tag_as old
expect 0 doc log P-A-001
head -2 "$T/out" | tail -1 | grep -qF "(claimed)" || { cat "$T/out"; fail "a refused approval counted"; }
lacks "$T/out" "(signed)"
audit 1
grep -q '^AP,P-A-001,fail,' "$T/out" || { cat "$T/out"; fail "refused approvals passed"; }

# 6. A valid approval by an allowed signer who is not the author.
expect 0 doc approve "$v3" --key "$K/approver" --approver "$B"
ref=$(git for-each-ref --format='%(refname)' "refs/conform/approvals/$v3/" | grep -v '/author$\|/other$\|/old$')
[ "$ref" = "refs/conform/approvals/$v3/$(fpr approver | cut -c8- | tr '/+' '_-')" ] || fail "ref name $ref"
expect 0 doc log P-A-001
head -2 "$T/out" | tail -1 | grep -qF "李四 <approver@x.cn> (signed)" || { cat "$T/out"; fail "signed approval"; }
audit 0
grep -q '^AP,P-A-001,pass,.*approved by 李四 <approver@x.cn> (signed)' "$T/out" || { cat "$T/out"; fail "approved check"; }
printf '%s\n' "approver@x.cn $(pub approver)" >"$T/as2"
git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$T/as2" verify-tag "$ref" 2>"$T/git" ||
	{ cat "$T/git"; fail "git verify-tag"; }

# 7. Tampering: a tag object edited after signing, a commit edited.
git cat-file tag "$ref" | sed "s/^Approved: .*/Approved: $signers/" >"$T/tag"
forged=$(git hash-object -t tag -w "$T/tag")
git update-ref "$ref" "$forged"
if git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$T/as2" verify-tag "$ref" 2>/dev/null; then
	fail "git verify-tag accepted a tampered tag"
fi
expect 0 doc log P-A-001
head -2 "$T/out" | tail -1 | grep -qF "(claimed)" || { cat "$T/out"; fail "tampered approval counted"; }
audit 1
git cat-file commit "$signers" | sed 's/^author 张三/author 王五/' >"$T/commit"
forged=$(git hash-object -t commit -w "$T/commit")
if git -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$T/as" verify-commit "$forged" 2>/dev/null; then
	fail "git verify-commit accepted a tampered commit"
fi
pass
