# render-lib.sh - pages as headless Chromium draws them, for the report
# tests (tests/reports/*.sh; source after lib.sh).
#
# browser ARGS...: chromium, headless, with a fresh profile; fails the
# test on an error.
# render_check NAME FILE WIDTH: loads a copy of FILE with a measuring
# script laid out WIDTH px wide and fails on what it finds: the page
# wider than its viewport (wide tables must scroll in their wrapper),
# at 1000 px and more a table that must scroll in its wrapper (it
# should fit a desktop page), a chart wider than the page, an SVG text
# outside its viewBox, a
# finding (tr.group) before the summary (#summary).  Headless windows
# are at least 500 px wide, so a narrower width is a real viewport of
# an iframe (media queries apply) whose script posts its result up.
# Leaves $T/NAME-WIDTH.dom, the DOM of the page at that width.

browser() {
	timeout 300 chromium --headless --no-sandbox --disable-gpu \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --hide-scrollbars \
		--allow-file-access-from-files \
		--user-data-dir="$(mktemp -d "$T/profile-XXXXXX")" "$@" \
		2>"$T/chromium.log" || { cat "$T/chromium.log"; fail "chromium $*"; }
}

render_measure='<script>
addEventListener("load", function () {
  var bad = [], de = document.documentElement, vw = de.clientWidth;
  if (de.scrollWidth > vw + 1) bad.push("page wider than its viewport: " + de.scrollWidth + " > " + vw);
  if (vw >= 1000) document.querySelectorAll("div.wide").forEach(function (w) {
    if (w.scrollWidth > w.clientWidth + 1) bad.push("a table scrolls at " + vw + " px: " + (w.querySelector("th") || w).textContent.slice(0, 60));
  });
  document.querySelectorAll("svg").forEach(function (svg) {
    var vb = svg.viewBox.baseVal, r = svg.getBoundingClientRect();
    if (r.right > vw + 1) bad.push("chart wider than the page: " + svg.getAttribute("aria-label"));
    svg.querySelectorAll("text").forEach(function (t) {
      var b = t.getBBox();
      if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5)
        bad.push("clipped: \"" + t.textContent + "\" " + [b.x, b.y, b.width, b.height].map(Math.round) + " in " + [vb.width, vb.height]);
    });
  });
  var s = document.getElementById("summary"), g = document.querySelector("tr.group");
  if (s && g && (s.compareDocumentPosition(g) & Node.DOCUMENT_POSITION_FOLLOWING) == 0)
    bad.push("a finding comes before the summary");
  var out = "width " + vw + ": " + (bad.length ? bad.join("\n") : "RENDER-OK") + "\n";
  if (window.parent !== window) { parent.postMessage(out, "*"); return; }
  var p = document.createElement("pre");
  p.id = "render-check";
  p.textContent = out;
  document.body.appendChild(p);
});
</script>'

render_check() {
	{ sed 's,</body>,,; s,</html>,,' "$2"; echo "$render_measure</body></html>"; } >"$T/$1-m.html"
	page="$T/$1-m.html"
	if [ "$3" -lt 500 ]; then
		cat >"$T/$1-frame.html" <<HTML
<!DOCTYPE html><html><body style="margin:0"><pre id="render-check"></pre>
<iframe src="$1-m.html" style="width:$3px;height:2000px;border:0"></iframe>
<script>addEventListener("message", function (e) { document.getElementById("render-check").textContent = e.data; });</script>
</body></html>
HTML
		page="$T/$1-frame.html"
	fi
	browser --window-size=$(($3 < 500 ? 500 : $3)),2000 --virtual-time-budget=5000 \
		--dump-dom "file://$page" >"$T/$1-$3.dom"
	sed -n '/<pre id="render-check">/,/<\/pre>/p' "$T/$1-$3.dom" >"$T/$1-$3.check"
	grep -q "width $3: RENDER-OK" "$T/$1-$3.check" ||
		{ cat "$T/$1-$3.check"; fail "$1 at $3 px"; }
}
