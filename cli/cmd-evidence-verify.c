/* SPDX-License-Identifier: MIT */
/*
 * cmd-evidence-verify.c - `conform evidence verify DIR [--since
 * OLD-PACK] [--signers FILE] [--allow-unsigned]`: check an evidence
 * pack from its own files, with no workspace (doc/integrity.md section
 * 6).  Each problem is one line "FILE: what is wrong" on stderr, and
 * the exit status is 3; warnings are lines "warning: ..." and do not
 * change it.
 */
#include "conform.h"
#include "cmd.h"
#include "evidence.h"

#include <inttypes.h>
#include <string.h>

static int
cmd_evidence_verify_exec(struct cf_cmd *cmd)
{
	const char *dir = cmd->args.argv[0];
	struct cf_diags probs = CF_DIAGS_INIT, warns = CF_DIAGS_INIT;
	struct cf_verify_opts o;
	struct cf_verify_result res;
	int rc;

	memset(&o, 0, sizeof o);
	o.since = cf_args_get(&cmd->args, "since");
	o.signers = cf_args_get(&cmd->args, "signers");
	o.allow_unsigned = cf_args_has(&cmd->args, "allow-unsigned");
	if ((rc = cf_evidence_verify(dir, &o, &probs, &warns, &res)) < 0)
		goto out;
	fflush(cmd->out);
	for (size_t i = 0; i < warns.n; i++) {
		char *line = cf_diag_format(&warns.v[i]);
		fprintf(cmd->err, "warning: %s\n", line);
		free(line);
	}
	if (probs.n) {
		cf_cmd_print_diags(cmd->err, &probs, (size_t)-1);
		rc = cf_error_set(CF_EINVALID,
		    "evidence pack %s: %zu problem%s", dir, probs.n,
		    probs.n == 1 ? "" : "s");
		goto out;
	}
	fprintf(cmd->out,
	    "evidence pack verified: %zu files, %" PRId64 " audits, %" PRId64
	    " NCRs, %" PRId64 " trail entries, %zu commits; checkpoint %zu "
	    "at entry %" PRId64 ":%s, %s%s; manifest %s%s\n",
	    res.files, res.audits, res.ncrs, res.entries, res.commits,
	    res.ckpt_n, res.ckpt.seq, res.ckpt.hash,
	    res.ckpt_signer ? "signed by " : "unsigned",
	    res.ckpt_signer ? res.ckpt_signer : "",
	    res.signer ? "signed by " : "unsigned",
	    res.signer ? res.signer : "");
out:
	cf_verify_result_release(&res);
	cf_diags_release(&probs);
	cf_diags_release(&warns);
	return rc;
}

static const struct cf_option evidence_verify_options[] = {
	CF_OPT_STRING_(0, "since", "OLD-PACK",
	    "also prove this pack's trail extends OLD-PACK's checkpoint"),
	CF_OPT_STRING_(0, "signers", "FILE",
	    "the allowed signers you trust (default: the pack's own)"),
	CF_OPT_FLAG_(0, "allow-unsigned",
	    "an unsigned pack or checkpoint is a warning, not a problem"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_evidence_verify_entry = {
	.name = "evidence verify",
	.usage = "DIR [--since OLD-PACK] [--signers FILE] [--allow-unsigned]",
	.summary = "check an evidence pack from its own files, anywhere",
	.help =
	    "Needs no workspace.  Checks the signature of DIR/MANIFEST.sha256 by\n"
	    "an allowed signer (the pack's allowed_signers, or --signers FILE,\n"
	    "and with --since the old pack's too) and every SHA-256 in it; that\n"
	    "the pack holds exactly its files (a report per audit in records.db,\n"
	    "the register, the trail, the bundle...); that the trail in\n"
	    "records.db chains, binds its records and extends the checkpoint;\n"
	    "that every commit the records cite is on main in documents.bundle;\n"
	    "and that every report and register is byte for byte the one made\n"
	    "again from records.db and documents.bundle.  --since OLD-PACK\n"
	    "verifies OLD-PACK too and proves this pack's trail extends its\n"
	    "checkpoint.  Each problem is one line, FILE: what is wrong; the\n"
	    "exit status is then 3.  An unsigned pack is a problem unless\n"
	    "--allow-unsigned.\n",
	.options = evidence_verify_options,
	.min_args = 1,
	.max_args = 1,
	.flags = 0,
	.exec = cmd_evidence_verify_exec,
};
