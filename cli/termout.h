/* SPDX-License-Identifier: MIT */
/*
 * termout.h - what a command writes to standard output and standard
 * error goes through a filter that shows control characters as visible
 * escapes ("\x1B", "\u007F", "\u009B"), so that no stored value - an id, an actor,
 * a window typed by an insider with sqlite3 into an old store - can send
 * an escape sequence to the terminal (doc/hardening.md).  Tab, line feed
 * and carriage return pass: they are the layout of text, CSV and the
 * documents `doc show` prints.  Files written with -o are not filtered;
 * each format escapes for itself (CSV, XML, HTML, JSON).
 */
#ifndef CF_TERMOUT_H
#define CF_TERMOUT_H

#include <stdio.h>

/* A stream that writes to `to` through the filter (`to` if the C
 * library cannot make one).  Close it with cf_termout_close(). */
FILE *cf_termout_open(FILE *to);

/* Flushes and closes `f` (not `to`); 0, or -1 when a write failed. */
int cf_termout_close(FILE *f, FILE *to);

#endif
