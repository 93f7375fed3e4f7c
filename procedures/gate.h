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

#include <stdbool.h>
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
	const char *sign_key;		/* doc commit --sign: the key; NULL */
};

struct cf_gate_result {
	char commit[CF_OID_HEX];
	char parent[CF_OID_HEX]; /* "" for the first commit */
	size_t added, changed, deleted;
	size_t documents; /* documents in the committed tree */
};

/*
 * Validates and commits.  CF_EINVALID with `diags` when a document is
 * invalid, or with a message when there is nothing to commit;
 * CF_ECONFLICT when main moved; CF_ERROR for I/O and git failures.
 * Records nothing (cf_gate_record does, after).
 */
int cf_gate_commit(struct cf_repo *r, const struct cf_gate_request *req,
    struct cf_diags *diags, struct cf_gate_result *res);

/*
 * `conform doc commit`: cf_gate_commit and its trail entry, safe against
 * a crash at any moment (SIGKILL, power loss).  The order:
 *   1. the commit object is written, unreachable (main not moved);
 *   2. what its trail entry will say is written to
 *      .conform/doc-commit-pending (temporary file, fsync, rename);
 *   3. main moves from the parent to the commit (git's lock file and
 *      rename: atomic), then the index follows;
 *   4. the trail entry is appended (one transaction), then the pending
 *      file removed.
 * Interrupted anywhere, main is the old commit or the new one, and the
 * next doc commit (cf_gate_recover, under cf_gate_lock) finishes the
 * job: git lock files the interrupted commit left are removed, and if
 * main had moved, the index is brought along and the trail entry
 * written unless it was (marked recorded_late); if it had not, the
 * record is dropped.  When the store refuses the trail entry (disk
 * full, file-size limit), main is moved back: nothing is committed.
 * The caller holds cf_gate_lock and has run cf_gate_recover.
 */
struct cf_store;
int cf_gate_commit_recorded(struct cf_repo *r, struct cf_store *st,
    const struct cf_gate_request *req, struct cf_diags *diags,
    struct cf_gate_result *res);

/*
 * Takes the workspace's commit lock (flock on .conform/commit.lock),
 * waiting up to 10 s (then CF_EBUSY).  The kernel drops it when the
 * process ends, however it ends; cf_gate_unlock(fd) drops it before.
 */
int cf_gate_lock(const char *root, int *fd);
void cf_gate_unlock(int fd);

/*
 * Finishes a doc commit that was interrupted (see above); *recorded
 * tells whether it wrote the trail entry of a commit that had been
 * made.  No-op when none was.  Needs cf_gate_lock.
 */
int cf_gate_recover(struct cf_repo *r, struct cf_store *st, const char *root,
    bool *recorded);

/*
 * Records a commit made by the gate in the trail (its own transaction:
 * the commit is already made).  On failure the message says the commit
 * exists but is not recorded.
 */
int cf_gate_record(struct cf_store *st, const struct cf_gate_result *res,
    const struct cf_sig *author, const struct cf_sig *approver, const char *msg,
    int64_t when);

/* The message as committed: the user's, plus the Approved-by trailer. */
char *cf_gate_message(const char *message, const struct cf_sig *approver);

#endif
