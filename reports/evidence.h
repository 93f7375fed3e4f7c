/* SPDX-License-Identifier: MIT */
/*
 * evidence.h - the evidence pack for certification and for the
 * acceptance of a standardization pilot (doc/reports.md), and its
 * verification.
 *
 * A pack is a folder:
 *
 *   index.html            what the pack holds, the three rates with their
 *                         definitions, links to everything below
 *   standard-system.html  the standard system table (every standard and
 *   standard-system.csv   procedure in force on the pack's date: subsystem,
 *                         level, version commit, effective date, author,
 *                         approver) with the implementation evidence per
 *                         standard and the rates
 *   audits/audit-NNNN.html, .xml   the report of every stored audit
 *   ncr-register.csv      every NCR with every field
 *   trail.csv             the trail: every entry with every field and
 *                         both hashes
 *   COMMITS               the document commits the pack relies on, one
 *                         full id per line, sorted
 *   MANIFEST.sha256       SHA-256 of every other file, `sha256sum`
 *                         format, sorted by path
 *
 * The rates (DOMAIN.md section 3's proposed definitions, the evidence
 * read from the latest stored audit):
 *   coverage       = procedures in force that at least one standard in
 *                    force applies to / procedures in force;
 *   implementation = standards in force with at least one judged result
 *                    (pass or fail) for a procedure they apply to in the
 *                    latest audit / standards in force;
 *   conformity     = pass / (pass + fail) over every result of the
 *                    latest audit.
 *
 * Verification recomputes every hash of the manifest, names every file
 * missing from it or not listed in it, checks that every commit of
 * COMMITS exists in the workspace's history of main, and re-verifies the
 * trail copy's hash chain (core/trail.c's hashing) and that it agrees,
 * entry for entry, with the workspace's own trail.
 */
#ifndef CF_EVIDENCE_H
#define CF_EVIDENCE_H

#include <stdint.h>

#include "date.h"
#include "error.h"
#include "hash.h"
#include "mem.h"
#include "report.h"

#define CF_PACK_MANIFEST "MANIFEST.sha256"
#define CF_PACK_COMMITS "COMMITS"
#define CF_PACK_TRAIL "trail.csv"

/* What an audit says about one procedure: its pass and fail results. */
struct cf_proc_result {
	const char *id;
	int64_t pass, fail;
};

/* The evidence for one standard in force. */
struct cf_std_evidence {
	int64_t procedures; /* in force, that it applies to */
	int64_t pass, fail; /* their results in the latest audit */
	bool implemented;   /* at least one judged result */
};

struct cf_pack_rates {
	int64_t procedures, covered;	/* coverage */
	int64_t standards, implemented; /* implementation */
	int64_t pass, fail;		/* conformity */
};

/*
 * Computes the rates and, per standard (`ev` has `ns` entries, in the
 * order of `stds`), its evidence.  `res` holds the results per procedure
 * id of the latest audit (any order); pass/fail are the audit's totals.
 * Pure: no I/O.
 */
void cf_pack_rates(const struct cf_inforce *procs, size_t np,
    const struct cf_inforce *stds, size_t ns, const struct cf_proc_result *res,
    size_t nr, int64_t pass, int64_t fail, struct cf_std_evidence *ev,
    struct cf_pack_rates *out);

/*
 * The manifest of folder `dir`: "HASH  PATH\n" for every regular file
 * below it but CF_PACK_MANIFEST, sorted by path as bytes.  The caller
 * frees *out.  CF_EINVALID for anything but regular files and folders.
 */
int cf_manifest_build(const char *dir, char **out);

/*
 * Parses a manifest: for each line, the hash and the path.  A line that
 * is not "64 hex digits, two spaces (or space and '*'), a relative path
 * without '..'" is a problem "MANIFEST.sha256:LINE: ..." in `probs`.
 */
int cf_manifest_parse(const char *text, size_t len, struct cf_strv *hashes,
    struct cf_strv *paths, struct cf_diags *probs);

/*
 * Writes the pack into `dir`, which must not exist or be an empty
 * folder (CF_EEXISTS otherwise), as at day `at`.  The pack is built in a
 * temporary folder beside it and renamed into place when complete.
 * *files receives the number of files written (may be NULL).
 */
int cf_evidence_pack(struct cf_report_ws *w, const char *dir, cf_day at,
    size_t *files);

/*
 * Verifies the pack in `dir` against the workspace (`repo` for the
 * commits, `st` for the trail).  Every problem is one entry of `probs`
 * ("FILE: what is wrong"); the return is 0 when the pack could be read
 * (problems or not), CF_ENOTFOUND when `dir` is no folder.  The counts
 * go to *files, *commits and *entries.
 */
int
cf_evidence_verify(const char *dir, struct cf_repo *repo, struct cf_store *st,
    struct cf_diags *probs, size_t *files, size_t *commits, int64_t *entries);

#endif
