/* SPDX-License-Identifier: MIT */
/*
 * xes.h - reading IEEE 1849 XES event logs as a stream (doc/cases.md).
 *
 * cf_xes_read() reads a log (plain XML or gzip, told apart by the bytes)
 * with libxml2's xmlTextReader and hands each trace, with its events, to
 * a callback; memory holds one trace, never the file.  It interprets
 * what doc/cases.md names and keeps everything else as attributes:
 *
 *   trace  concept:name (the case id), procedure, fee_charged,
 *          materials, window, channel, accepted_at, completed_at,
 *          received_at
 *   event  concept:name (activity), time:timestamp, org:resource
 *          (actor), org:role (role)
 *
 * Real logs bend the standard, so: elements are matched by local name,
 * with or without the XES namespace; attribute keys may hold spaces;
 * an attribute nested in another (or in a list) is kept as
 * "parent/child" among the attributes and never read as a field;
 * <global> values are defaults for the fields above only, and never
 * supply a trace's concept:name or an event's time:timestamp; log-level
 * attributes, extensions and classifiers are skipped.
 *
 * Safety: the parser never loads a DTD, substitutes an entity or opens
 * the network (XML_PARSE_NONET, none of NOENT, DTDLOAD, DTDVALID,
 * HUGE).  A DOCTYPE is refused before libxml2 sees it: the bytes of the
 * prolog are scanned as they are read, and the read stops at
 * "<!DOCTYPE", so no entity is ever declared.  XES is UTF-8 (or another
 * ASCII-compatible encoding libxml2 converts): the same scan refuses a
 * log that does not start ASCII-compatible (UTF-16, UTF-32, EBCDIC).
 */
#ifndef CF_XES_H
#define CF_XES_H

#include <stddef.h>
#include <stdint.h>

/*
 * Memory holds one trace, so a trace is bounded: at most this many
 * events, and this many bytes of its text (values, attributes).  A
 * longer one is refused (CF_EINVALID) where it goes past the bound.
 */
#define CF_XES_MAX_EVENTS 1000000
#define CF_XES_MAX_TRACE_BYTES (64u * 1024 * 1024)

/* Strings are NULL when the log does not give them. */
struct cf_xes_event {
	int line;
	const char *activity;
	const char *timestamp;
	const char *actor;
	const char *role;
	const char *attrs; /* the other attributes, a JSON object */
};

struct cf_xes_trace {
	int line;
	const char *id;
	const char *procedure;
	const char *fee_charged;
	const char *materials;
	const char *window;
	const char *channel;
	const char *accepted_at;
	const char *completed_at;
	const char *received_at;
	const char *attrs;
	const struct cf_xes_event *events; /* in file order */
	size_t nevents;			   /* 0: an empty trace */
};

/*
 * Called once per trace, in file order; everything is borrowed for the
 * call.  A negative return stops the reading and is returned.
 */
typedef int (*cf_xes_trace_fn)(const struct cf_xes_trace *t, void *payload);

/*
 * Reads the log on `fd` (from its current offset; not closed) and calls
 * `fn` per trace.  Returns 0 at the end of a well-formed log;
 * CF_EINVALID when the file is refused or breaks off (a DOCTYPE, not
 * well-formed, cut short, not a <log>, damaged gzip data) with the
 * message saying what and what was expected and *line where (0 when
 * unknown); CF_ERROR for a read error; or what `fn` returned.
 */
int cf_xes_read(int fd, const char *name, cf_xes_trace_fn fn, void *payload,
    int *line);

#endif
