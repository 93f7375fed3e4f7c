/* SPDX-License-Identifier: MIT */
/*
 * clock.h - a case's clock under the time-limit law (doc/working-days.md
 * "Pauses, extensions and supplementation"): which of its days are
 * paused, its first extension and its supplement notices, read from the
 * marker events its procedure names.
 *
 * One pass over the events in their order (by instant, then position),
 * ignoring those after the completion instant.  Each pause of the
 * procedure is a switch: its start opens it, its end closes it, a start
 * while open and an end while closed change nothing.  The days paused
 * by any of them are kept as their union, a sorted list of disjoint
 * spans (from, to] of local days, counted by a depth: a span opens when
 * the first pause opens and closes when the last one closes.  Pauses
 * still open at completion close on the completion day; open at the end
 * of a pending record, they never close (CF_DAY_OPEN).
 *
 * A clock holds up to CF_CLOCK_INLINE spans in itself and grows on the
 * heap beyond (cf_clock_release() frees it); events are borrowed from
 * the case, which must outlive the clock.
 */
#ifndef CF_CLOCK_H
#define CF_CLOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "calendar.h"
#include "checks.h"

#define CF_CLOCK_INLINE 16
#define CF_CLOCK_SHOWN 3 /* pauses a detail names */

/* One pause as the log shows it, for the detail. */
struct cf_clock_pause {
	const char *name;
	cf_day opened, closed; /* closed: CF_DAY_OPEN while open */
};

struct cf_clock {
	struct cf_span inline_spans[CF_CLOCK_INLINE];
	struct cf_span *spans; /* inline_spans or the heap */
	size_t nspans, aspans;
	struct cf_clock_pause shown[CF_CLOCK_SHOWN];
	size_t npauses; /* pauses opened, all of them */
	const struct cf_event *ext; /* the first extension event, or NULL */
	size_t next;
	const struct cf_event *sup[2]; /* the first two supplement events */
	size_t nsup;
	size_t nmarkers; /* marker events, after the completion too */
	const struct cf_case *c; /* whose clock this is */
	const struct cf_procedure *p;
};

/* Reads the clock of case c under procedure p (markers may be none). */
void cf_clock_read(struct cf_clock *k, const struct cf_audit_env *env,
    const struct cf_case *c, const struct cf_procedure *p);

void cf_clock_release(struct cf_clock *k);

/*
 * The clock of case c under p: env->clock when the audit read it for
 * this case already (audit.c reads it once per case, for every check
 * that needs it), else read into *local.  Release *local either way.
 */
const struct cf_clock *cf_clock_of(const struct cf_audit_env *env,
    const struct cf_case *c, const struct cf_procedure *p,
    struct cf_clock *local);

/* Whether `activity` is one of p's markers (a pause's start or end, the
 * extension's or the supplement's activity). */
bool cf_clock_is_marker(const struct cf_procedure *p, const char *activity);

/*
 * The end of a limit of n working days for the case (doc/working-days.md):
 * the n-th unpaused working day after the acceptance day, or, when the
 * first extension event's local day is on or before it (or it does not
 * exist yet), the (n + days)-th.  Returns 0 with *due set; 1 when there
 * is no deadline yet (an open pause); CF_ENOTFOUND with *gap (see
 * cf_cal_deadline_paused(); the message is set).  *extended tells
 * whether the extension counted; *ext_late whether there was one that
 * came too late to count.
 */
int cf_clock_limit(const struct cf_clock *k, const struct cf_audit_env *env,
    const struct cf_case *c, const struct cf_procedure *p, int n,
    cf_day *due, cf_day *gap, bool *extended, bool *ext_late);

#endif
