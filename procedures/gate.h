/* SPDX-License-Identifier: MIT */
/*
 * gate.h - the commit gate of document control (ISO 9001 7.5.2/7.5.3).
 *
 * A commit takes every added, changed and deleted file of the four
 * document folders of the work tree.  Before anything is written, the
 * whole document set as it will be after the commit (changed or not,
 * rules across documents included) is validated; if anything is
 * invalid, every problem is reported and nothing is committed.  The
 * bytes validated are the bytes committed.  The commit is made on top
 * of the HEAD the validation saw; if main moved meanwhile the commit is
 * refused (CF_ECONFLICT) and the work tree is untouched — conform never
 * writes to the work tree.
 */
#ifndef CF_GATE_H
#define CF_GATE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "repo.h"

struct cf_gate_request {
	const char *root;		/* the workspace */
	const char *message;		/* the user's message */
	const struct cf_sig *author;	/* the accountable person */
	const struct cf_sig *approver;	/* NULL: not approved */
	const struct cf_sig *committer; /* the tool / site identity */
	int64_t when;			/* commit time, UTC seconds */
	int tz_minutes;			/* offset for the signatures */
};

struct cf_gate_result {
	char commit[CF_OID_HEX];
	char parent[CF_OID_HEX]; /* "" for the first commit */
	size_t added, changed, deleted;
	size_t documents;	 /* documents in the committed tree */
};

/*
 * Validates and commits.  CF_EINVALID with `diags` when a document is
 * invalid, or with a message when there is nothing to commit;
 * CF_ECONFLICT when main moved; CF_ERROR for I/O and git failures.
 */
int cf_gate_commit(struct cf_repo *r, const struct cf_gate_request *req,
    struct cf_diags *diags, struct cf_gate_result *res);

/*
 * Records a commit made by the gate in the trail (its own transaction:
 * the commit is already made).  On failure the message says the commit
 * exists but is not recorded.
 */
struct cf_store;
int cf_gate_record(struct cf_store *st, const struct cf_gate_result *res,
    const struct cf_sig *author, const struct cf_sig *approver,
    const char *msg, int64_t when);

/* The message as committed: the user's, plus the Approved-by trailer. */
char *cf_gate_message(const char *message, const struct cf_sig *approver);

#endif
