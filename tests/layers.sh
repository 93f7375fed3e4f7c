#!/bin/sh
# SPDX-License-Identifier: MIT
# layers.sh - `make check` runs tests/layers.py over the source tree: no
# include runs up the layers, no circle between files, SQLite only in the
# store modules, libgit2 only in procedures/ (doc/design.md).
set -eu
SRC=${CONFORM_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
python3 "$SRC/tests/layers.py" "$SRC"
