#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""xlsx-vs-csv.py - a listing's workbook against its CSV, with nothing but
the standard library (zipfile, xml.etree), for tests/cli/listing-xlsx.sh.

Usage: xlsx-vs-csv.py BOOK.xlsx LISTING.csv SHEET NUMBERS DATES
  SHEET    the one sheet's expected name
  NUMBERS  comma-separated columns whose cells must be numbers
  DATES    comma-separated columns whose cells must be date cells
(either may be "-" for none).  Checks: one sheet, so named; the header
row bold, frozen and under the autofilter; every cell equal to the
CSV's (a date cell as its number format shows it; the CSV's leading
quote against formulas dropped); the numbers and dates typed as said,
every other cell a string.  Exit 1 with one line per difference.
"""
import csv
import datetime
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
RID = "{%s}id" % NS["r"]


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1, int(ref[len(letters):]) - 1


def text_of(el):
    """A string cell's text as a spreadsheet shows it: "_xHHHH_" is the
    character U+HHHH (the OOXML escape; "_x005F_" an underscore)."""
    raw = "".join(t.text or "" for t in el.iter("{%s}t" % NS["m"]))
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)),
                  raw)


def main():
    book, csvpath, sheet, numbers, dates = sys.argv[1:6]
    numbers = set() if numbers == "-" else set(numbers.split(","))
    dates = set() if dates == "-" else set(dates.split(","))
    problems = []
    z = zipfile.ZipFile(book)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    sheets = wb.findall("m:sheets/m:sheet", NS)
    names = [s.get("name") for s in sheets]
    if names != [sheet]:
        problems.append("sheets %r, expected [%r]" % (names, sheet))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iter(REL + "Relationship")}
    path = "xl/" + target[sheets[0].get(RID)].lstrip("/").replace("xl/", "", 1)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
        shared = [text_of(si) for si in sst.findall("m:si", NS)]
    styles = ET.fromstring(z.read("xl/styles.xml"))
    codes = {int(f.get("numFmtId")): f.get("formatCode")
             for f in styles.findall("m:numFmts/m:numFmt", NS)}
    fonts = styles.findall("m:fonts/m:font", NS)
    xfs = styles.findall("m:cellXfs/m:xf", NS)
    ws = ET.fromstring(z.read(path))

    pane = ws.find("m:sheetViews/m:sheetView/m:pane", NS)
    if pane is None or pane.get("state") != "frozen" or pane.get("ySplit") != "1":
        problems.append("the header row is not frozen")
    af = ws.find("m:autoFilter", NS)
    if af is None or not af.get("ref", "").startswith("A1:"):
        problems.append("no autofilter on the header")

    grid = {}
    for c in ws.iter("{%s}c" % NS["m"]):
        col, row = col_index(c.get("r"))
        t = c.get("t", "n")
        style = xfs[int(c.get("s", "0"))]
        code = codes.get(int(style.get("numFmtId", "0")))
        bold = fonts[int(style.get("fontId", "0"))].find("m:b", NS) is not None
        v = c.find("m:v", NS)
        if t == "inlineStr":
            grid[row, col] = ("s", text_of(c.find("m:is", NS)), bold)
        elif t == "s":
            grid[row, col] = ("s", shared[int(v.text)], bold)
        elif t == "n" and v is not None:
            x = float(v.text)
            if code and "yyyy" in code:
                d = datetime.datetime(1899, 12, 30) + datetime.timedelta(days=x)
                d = (d + datetime.timedelta(seconds=30)).replace(second=0,
                                                               microsecond=0)
                f = "%Y-%m-%d %H:%M" if "hh:mm" in code else "%Y-%m-%d"
                grid[row, col] = ("d", d.strftime(f), bold)
            else:
                grid[row, col] = ("n", "%d" % x if x == int(x) else repr(x), bold)
        elif v is not None:
            grid[row, col] = (t, v.text, bold)

    with open(csvpath, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    for (row, col) in grid:
        if row >= len(rows) or col >= len(header):
            problems.append("a cell outside the CSV's rows: %d,%d" % (row, col))
    for r, line in enumerate(rows):
        for c, want in enumerate(line):
            if r and re.match(r"'[=+\-@\t\r]", want):
                want = want[1:]  # the CSV's quote against formulas
            kind, got, bold = grid.get((r, c), ("", "", False))
            name = header[c]
            where = "row %d column %s" % (r + 1, name)
            if got != want:
                problems.append("%s: %r, the CSV has %r" % (where, got, want))
            if r == 0:
                if not bold:
                    problems.append("header %s is not bold" % name)
                continue
            if want == "":
                continue
            expect = "n" if name in numbers else "d" if name in dates else "s"
            if kind != expect:
                problems.append("%s: a cell of kind %s, expected %s"
                                % (where, kind, expect))
    for p in problems[:20]:
        print("%s: %s" % (book, p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
