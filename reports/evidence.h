/* SPDX-License-Identifier: MIT */
/*
 * evidence.h - the evidence pack for certification and for the
 * acceptance of a standardization pilot (doc/reports.md), and its
 * verification.
 *
 * A pack is a folder (doc/integrity.md section 6):
 *
 *   records.db            a copy of the store every file below is made
 *                         from (core/store.h cf_store_copy)
 *   documents.bundle      main and refs/conform/... as a git bundle
 *                         (procedures/bundle.h)
 *   allowed_signers       signers/allowed_signers on main (may be empty)
 *   checkpoint            the checkpoint the trail ends at
 *   pack.conf             the day, timezone and center of the reports
 *   index.html            what the pack holds, the three rates with their
 *                         definitions, links to everything below
 *   standard-system.html  the standard system table (every standard and
 *   standard-system.csv   procedure in force on the pack's date: subsystem,
 *                         level, version commit, effective date, author,
 *                         approver) with the implementation evidence per
 *                         standard and the rates
 *   audits/audit-NNNN.html, .xml, .csv   the report of every stored audit
 *   ncr-register.csv      every NCR with every field
 *   trail.csv             the trail: every entry with every field and
 *                         both hashes
 *   COMMITS               the document commits the pack relies on, one
 *                         full id per line, sorted
 *   MANIFEST.sha256       SHA-256 of every other file, `sha256sum`
 *                         format, sorted by path
 *   MANIFEST.sha256.sig   its SSH signature (namespace conform-evidence)
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
 * Verification needs no workspace: it reads the pack's own files as
 * hostile input, checks the signatures, hashes, the fixed set of files,
 * the trail in records.db against the checkpoints in the bundle and
 * every cited commit, and makes every report again from records.db and
 * the bundle with cf_evidence_reports, the code that wrote them, to
 * compare byte for byte.
 */
#ifndef CF_EVIDENCE_H
#define CF_EVIDENCE_H

#include <stdint.h>

#include "date.h"
#include "error.h"
#include "hash.h"
#include "mem.h"
#include "report.h"
#include "repo.h"

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

/* ---- the pack: doc/integrity.md section 6 ---- */

#define CF_PACK_RECORDS "records.db"
#define CF_PACK_BUNDLE "documents.bundle"
#define CF_PACK_SIGNERS "allowed_signers"
#define CF_PACK_CHECKPOINT "checkpoint"
#define CF_PACK_CONF "pack.conf"
#define CF_PACK_SIG "MANIFEST.sha256.sig"
#define CF_PACK_NAMESPACE "conform-evidence"

/* The checkpoint a pack's trail ends at (its file `checkpoint`). */
struct cf_pack_ckpt {
	char commit[CF_OID_HEX]; /* the checkpoint commit ("" : none) */
	int64_t seq;		 /* the trail entry it anchors */
	char hash[CF_SHA256_HEX];
	char main[CF_OID_HEX];	 /* main's commit then */
	int64_t at;		 /* UTC seconds */
	char *signer;		 /* the key's fingerprint ("SHA256:..."),
				    NULL: unsigned */
};

void cf_pack_ckpt_release(struct cf_pack_ckpt *c);

/* The checkpoint `c` (procedures/checkpoint.h) as a pack names it. */
struct cf_checkpoint;
void cf_pack_ckpt_from(const struct cf_checkpoint *c, struct cf_pack_ckpt *out);

/* The text of the file `checkpoint`; the caller frees it. */
char *cf_pack_ckpt_text(const struct cf_pack_ckpt *c);

/*
 * What every report of a pack is made from: a store and a document
 * index that need not be a workspace's (the pack's own records.db and
 * documents.bundle when it is verified), the timezone and the center,
 * the day the documents in force are taken on, and the checkpoint.
 */
struct cf_pack_src {
	struct cf_store *st;
	struct cf_repo *repo; /* the documents and the checkpoints */
	struct cf_docindex *idx;
	struct cf_tz *tz;
	const char *tzname;
	const char *center; /* NULL: none */
	cf_day at;
	const struct cf_pack_ckpt *ckpt;
};

/*
 * Writes the files made from `src` into the existing folder `dir`:
 * audits/audit-NNNN.{html,xml,csv}, standard-system.{html,csv},
 * ncr-register.csv, trail.csv, COMMITS, pack.conf, index.html.  The
 * pack writer and the verifier both call it, so the verifier
 * regenerates exactly what the writer wrote.  *files counts them.
 */
int cf_evidence_reports(const struct cf_pack_src *src, const char *dir,
    size_t *files);

/* Writing a pack from a workspace. */
struct cf_pack_opts {
	const struct cf_pack_ckpt *ckpt; /* the checkpoint of the trail's
					    head, written before */
	const char *key;  /* the signing key (ssh-keygen -Y sign), NULL:
			     unsigned */
	bool at_set;	  /* else the checkpoint's day */
	cf_day at;
	const char *tzname;
	const char *actor; /* for the checkpoint */
};

struct cf_pack_result {
	size_t files;
	cf_day at;
	struct cf_pack_ckpt ckpt;
	bool signed_;
};

/*
 * Writes the pack into `dir`, which must not exist or be an empty
 * folder (CF_EEXISTS otherwise), for the checkpoint o->ckpt of the
 * trail's head (the caller writes it: procedures/checkpoint.h): every
 * file from a copy of the store, which must end at that checkpoint
 * (CF_ECONFLICT when another writer moved the trail or main meanwhile).  The pack is built in a temporary folder
 * beside it and renamed into place when complete.  Release *res with
 * cf_pack_ckpt_release(&res->ckpt).
 */
int cf_evidence_pack(struct cf_report_ws *w, const char *dir,
    const struct cf_pack_opts *o, struct cf_pack_result *res);

/* Verifying a pack with no workspace. */
struct cf_verify_opts {
	const char *since;	   /* an older pack this one must extend */
	const char *signers;	   /* an allowed signers file the auditor
				      trusts, else the pack's own */
	bool allow_unsigned;	   /* an unsigned pack is a warning */
};

struct cf_verify_result {
	size_t files, commits;
	int64_t entries, audits, ncrs;
	struct cf_pack_ckpt ckpt;
	size_t ckpt_n;	   /* its number on the ref (1 = the first) */
	char *ckpt_signer; /* of the checkpoint: "principal (key)", NULL:
			      not validly signed */
	char *signer;	   /* of the manifest, the same; NULL: unsigned */
};

void cf_verify_result_release(struct cf_verify_result *r);

/*
 * Verifies the pack in `dir` from its own files (doc/integrity.md
 * section 6).  Every problem is one entry of `probs` ("FILE: what is
 * wrong"), warnings go to `warns`; the return is 0 when the pack could
 * be read (problems or not), CF_ENOTFOUND when `dir` is no folder,
 * CF_ERROR when something outside the pack failed (a temporary folder,
 * memory).
 */
int cf_evidence_verify(const char *dir, const struct cf_verify_opts *o,
    struct cf_diags *probs, struct cf_diags *warns,
    struct cf_verify_result *res);

/*
 * Whether the last checkpoint holds the trail's head and main's commit
 * (and is signed, with `need_signed`): 1 and *out filled, so a pack can
 * end at it; 0 when a new one must be written first (the command writes
 * it; the web, which changes nothing on a GET, says so).  An error when
 * the trail does not verify.
 */
int cf_pack_current_ckpt(struct cf_report_ws *w, bool need_signed,
    struct cf_pack_ckpt *out);

/*
 * The pack as a .tar.gz written to `fd`: its entries under the folder
 * `name`, in the manifest's order (evidence-tar.c).  The pack is made
 * in a temporary folder, removed before returning.
 */
int cf_evidence_pack_targz(struct cf_report_ws *w, const char *name,
    const struct cf_pack_opts *o, int fd, struct cf_pack_result *res);

#endif
