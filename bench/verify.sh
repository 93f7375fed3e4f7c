#!/bin/sh
# verify.sh - benchmark of `conform evidence verify` on a manifest of N
# lines (issue 13; default 80,000): a small sound pack (the example
# center, 200 generated cases, one audit), then N extra files of a few
# bytes in the pack, each listed in MANIFEST.sha256 with its true hash,
# so verify hashes them all and names each as "not a file of an
# evidence pack" (exit 3).  Every check of a name against the files of
# the pack, the manifest and the expected set was a linear scan (a
# manifest of 80,000 lines took 10 s); they are sorted arrays and
# binary searches now.  Wall time and peak RSS (GNU time).  Not a test:
# nothing fails on a slow machine.
#
# Usage: bench/verify.sh [BUILDDIR] [N]
set -eu
B=$(cd "${1:-build}" && pwd)
N=${2:-80000}
C="$B/conform"
W=$(mktemp -d "${TMPDIR:-/tmp}/conform-bench-verify-XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$W"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }

SRC=$(cd "$(dirname "$0")/.." && pwd)
"$C" init "$W/center" >/dev/null
cd "$W/center"
cp -R "$SRC/examples/center/procedures" "$SRC/examples/center/standards" \
	"$SRC/examples/center/checklists" .
"$C" doc commit -m "the example center" --author "Bench <b@x>" \
	--approved-by "QA <qa@x>" >/dev/null
"$C" cases generate --cases 200 --seed bench --from 2026-01-01 --to 2026-03-31 \
	--out "$W/data" >/dev/null
"$C" cases import "$W/data/cases.csv" "$W/data/events.csv" >/dev/null
"$C" audit run IA-2026-Q1 --from 2026-01-01 --to 2026-03-31 >/dev/null 2>&1 || [ $? = 1 ]
P="$W/pack"
"$C" evidence pack --out "$P" --at 2026-04-01 >/dev/null
mkdir "$P/extra"
python3 - "$P" "$N" <<'PY'
import hashlib, os, sys
p, n = sys.argv[1], int(sys.argv[2])
with open(os.path.join(p, "MANIFEST.sha256"), "a") as m:
    for i in range(n):
        data = b"%d\n" % i
        name = "extra/f%06d" % i
        with open(os.path.join(p, name), "wb") as f:
            f.write(data)
        m.write("%s  %s\n" % (hashlib.sha256(data).hexdigest(), name))
PY
echo "manifest: $(wc -l <"$P/MANIFEST.sha256") lines"
sync
/usr/bin/time -f "%e %M %U %S" -o "$W/t" "$C" evidence verify "$P" >"$W/out" 2>"$W/err" || [ $? = 3 ]
read -r s kb us ss <<EOF_T
$(tail -1 "$W/t")
EOF_T
echo "evidence verify: $s s ($us s user, $ss s system), peak RSS $((kb / 1024)) MB, $(grep -c 'not a file of an evidence pack' "$W/err") extra files named"
