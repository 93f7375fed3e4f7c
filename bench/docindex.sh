#!/bin/sh
# docindex.sh - benchmark of the document version index (issue 3):
# builds a repository of 200 procedures with 2,000 commits (each commit
# after the first 200 changes one procedure, with a new effective-from,
# about a third of them back-dated, and an Approved-by trailer), then
# times the cold index build, 1M lookups of the version in force, and
# the warm open from the cache.  Goals: build < 2 s, lookups < 0.5 s.
#
# Usage: bench/docindex.sh [BUILDDIR]   (default: ./build)
set -eu
B=${1:-build}
SRC=$(cd "$(dirname "$0")/.." && pwd)
make -C "$B" bench/bench-docindex >/dev/null
W=$(mktemp -d "${TMPDIR:-/tmp}/conform-bench-XXXXXX")
trap 'rm -rf "$W"' EXIT
git init -q -b main "$W/repo"

LC_ALL=C awk -v procs=200 -v commits=2000 '
function content(id, eff, c,   s) {
	s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	    "<procedure id=\"" id "\" kind=\"commitment\">\n" \
	    "  <title>测试事项 " id "</title>\n" \
	    "  <department>市场监督管理局</department>\n" \
	    "  <legal-basis>《中华人民共和国行政许可法》</legal-basis>\n" \
	    "  <effective-from>" eff "</effective-from>\n" \
	    "  <review-due>2027-12-31</review-due>\n" \
	    "  <time-limit statutory=\"20\" committed=\"" c "\" unit=\"working-day\"/>\n" \
	    "  <fee amount=\"0.00\" currency=\"CNY\"/>\n" \
	    "  <materials>\n" \
	    "    <material id=\"M1\" required=\"yes\">申请书</material>\n" \
	    "    <material id=\"M2\" required=\"no\">授权委托书</material>\n" \
	    "  </materials>\n" \
	    "  <steps>\n" \
	    "    <step id=\"accept\" role=\"clerk\"/>\n" \
	    "    <step id=\"review\" role=\"reviewer\"/>\n" \
	    "    <step id=\"approve\" role=\"approver\" not-same-actor-as=\"review\"/>\n" \
	    "  </steps>\n" \
	    "  <complaint-phone>12345</complaint-phone>\n" \
	    "</procedure>\n"
	return s
}
BEGIN {
	srand(42)
	t = 1735689600
	for (i = 1; i <= commits; i++) {
		n = (i <= procs) ? i : int(rand() * procs) + 1
		id = sprintf("P-%03d", n)
		y = 2025 + int(rand() * 2); m = 1 + int(rand() * 12); d = 1 + int(rand() * 28)
		eff = sprintf("%04d-%02d-%02d", y, m, d)
		body = content(id, eff, 1 + int(rand() * 15))
		msg = "Update " id "\n\nApproved-by: 李四 <li@example.cn>\n"
		t += 3600
		print "commit refs/heads/main"
		print "mark :" i
		print "author 张三 <zhang@example.cn> " t " +0800"
		print "committer conform <conform@localhost> " t " +0800"
		print "data " length(msg); printf "%s", msg
		if (i > 1) print "from :" (i - 1)
		print "M 100644 inline procedures/" id ".xml"
		print "data " length(body); printf "%s", body
		print ""
	}
}' | git -C "$W/repo" fast-import --quiet
echo "repository: $(git -C "$W/repo" rev-list --count main) commits, $(git -C "$W/repo" ls-tree main procedures/ | wc -l) procedures"
"$B/bench/bench-docindex" "$W/repo" 1000000
