#!/bin/sh
# Regenerate the build system (configure, Makefile.in) from configure.ac
# and Makefile.am.  Nothing generated is committed.
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
exec autoreconf -fi
