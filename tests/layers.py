#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""layers.py - the shape of the code, checked (doc/design.md).

Run as `make check-layers` (and by `make check`, through layers.sh).  It
reads every C file of the source folders and fails, one line per
problem, on:

  - an include that runs up the layers: a file may include headers of
    its own folder and of lower folders only
        core < procedures < cases < audits < reports < cli, web
    (cli and web sit side by side and include neither each other);
  - a circle between files: modules (FOLDER/NAME.c with FOLDER/NAME.h)
    that include each other, directly or round a longer loop;
  - a header name used in two folders (includes are by bare name);
  - SQL outside the store modules that own the tables (STORE below):
    any sqlite3_ or SQLITE_ name, or a call of the store's functions
    that take SQL text or hand out the handle (cf_store_exec,
    cf_store_prepare, cf_store_stmt, cf_store_db);
  - libgit2 (any git_ or GIT_ name) outside procedures/;
  - libxlsxwriter (<xlsxwriter.h>, lxw_, LXW_, workbook_, worksheet_,
    format_set_ names) outside core/xlsxout.c, the listings' workbook.

Comments and string literals are left out before names are looked at,
so a comment may still say "git_error_last()".  Exit 0 when the tree is
clean, 1 otherwise.  Usage: layers.py [SRCDIR]
"""
import os
import re
import sys

LAYERS = ["core", "procedures", "cases", "audits", "reports", "cli", "web"]
RANK = {"core": 0, "procedures": 1, "cases": 2, "audits": 3,
        "reports": 4, "cli": 5, "web": 5}

# The store modules: the only files that speak SQL, each for the tables
# it owns (doc/design.md has the table).  A second store backend
# replaces these files and nothing else.
STORE = {
    "core/store.c",          # the connection, transactions, meta
    "core/store.h",          # declares cf_store_prepare(sqlite3_stmt **)
    "core/store-schema.c",   # the migrations: every table and view
    "core/trail.c",          # trail
    "core/account.c",        # account, session, login_failure
    "procedures/doccache.c",  # doc_version (the version-index cache)
    "cases/casedb.c",        # import_batch, case_rec, event_rec
    "cases/casedb.h",
    "cases/recdigest.c",     # no table: the row encoding of a statement
    "cases/recdigest.h",     # declares cf_rec_stmt(sqlite3_stmt *)
    "cases/reader.c",        # the audit's one-pass read of case_rec, event_rec
    "audits/auditdb.c",      # audit, audit_batch, audit_check,
                             # audit_version, audit_case, finding, audit_void
    "audits/ncrdb.c",        # ncr, ncr_subject, ncr_audit, ncr_amendment
    "audits/sqlcheck.c",     # the sql checks' own database: cases, events
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
SQLITE = re.compile(r"\b(sqlite3_\w+|SQLITE_\w+|sqlite3\b|"
                    r"cf_store_(?:exec|prepare|stmt|db)\b)")
GIT = re.compile(r"\b(git_\w+|GIT_\w+)")
XLSXW = re.compile(r"(\blxw_\w+|\bLXW_\w+|\bworkbook_\w+|\bworksheet_\w+|"
                   r"\bformat_set_\w+|<xlsxwriter[\w/]*\.h>)")
XLSXW_HOME = "core/xlsxout.c"


def strip(text):
    """The text without comments, string and character literals."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..")
    files = []
    for folder in LAYERS:
        d = os.path.join(src, folder)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith((".c", ".h")):
                files.append(folder + "/" + name)
    problems = []
    headers = {}
    for f in files:
        if f.endswith(".h"):
            base = f.split("/", 1)[1]
            if base in headers:
                problems.append("%s: header name also used by %s" %
                                (f, headers[base]))
            headers.setdefault(base, f)

    def module(path):
        return path[:-2]

    edges = {}
    for f in files:
        folder = f.split("/", 1)[0]
        with open(os.path.join(src, f), encoding="utf-8") as fh:
            text = fh.read()
        for m in INCLUDE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            inc = m.group(1)
            # As the compiler finds it: beside the including file
            # first (a path such as "../audits/audit.h" included), then
            # by bare name through the -iquote folders.
            same = os.path.normpath(folder + "/" + inc)
            target = same if same in files else headers.get(inc)
            if target is None:
                continue  # generated (config.h) or not ours
            tfolder = target.split("/", 1)[0]
            if RANK[tfolder] > RANK[folder] or (
                    RANK[tfolder] == RANK[folder] and tfolder != folder):
                problems.append(
                    "%s:%d: includes %s, a header of %s/, which is above "
                    "%s/; expected only %s/ and the folders below it" %
                    (f, line, inc, tfolder, folder, folder))
            if module(target) != module(f):
                edges.setdefault(module(f), set()).add(module(target))
        code = strip(text)
        if f not in STORE:
            m = SQLITE.search(code)
            if m:
                line = code.count("\n", 0, m.start()) + 1
                problems.append(
                    "%s:%d: uses SQLite (%s) outside the store modules; "
                    "expected a function of the module that owns the "
                    "table" % (f, line, m.group(1)))
        if folder != "procedures":
            m = GIT.search(code)
            if m:
                line = code.count("\n", 0, m.start()) + 1
                problems.append(
                    "%s:%d: uses libgit2 (%s) outside procedures/; "
                    "expected a function of procedures/" %
                    (f, line, m.group(1)))
        if f != XLSXW_HOME:
            m = XLSXW.search(code)
            if m:
                line = code.count("\n", 0, m.start()) + 1
                problems.append(
                    "%s:%d: uses libxlsxwriter (%s) outside %s; "
                    "expected a listing (core/listing.h)" %
                    (f, line, m.group(1), XLSXW_HOME))

    # Circles: strongly connected components of more than one module
    # (Tarjan's algorithm, iterative).
    index, low, onstack, stack, order = {}, {}, set(), [], [0]
    nodes = sorted(set(edges) | {t for ts in edges.values() for t in ts})

    def connect(v):
        work = [(v, iter(sorted(edges.get(v, ()))))]
        index[v] = low[v] = order[0]
        order[0] += 1
        stack.append(v)
        onstack.add(v)
        while work:
            node, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = order[0]
                    order[0] += 1
                    stack.append(w)
                    onstack.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    break
                if w in onstack:
                    low[node] = min(low[node], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        w = stack.pop()
                        onstack.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    if len(comp) > 1:
                        problems.append(
                            "%s: a circle of includes between %s; "
                            "expected modules that include one way" %
                            (sorted(comp)[0], ", ".join(sorted(comp))))

    for v in nodes:
        if v not in index:
            connect(v)

    for p in problems:
        print(p)
    if problems:
        print("layers: %d problem%s in %d files" %
              (len(problems), "" if len(problems) == 1 else "s", len(files)),
              file=sys.stderr)
        return 1
    print("layers: %d files, no upward include, no circle, SQLite only "
          "in the store modules, libgit2 only in procedures/, libxlsxwriter "
          "only in core/xlsxout.c" % len(files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
