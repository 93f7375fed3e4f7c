/* SPDX-License-Identifier: MIT */
/*
 * cmd-evidence-pack.c - `conform evidence pack --out DIR [--at DATE]
 * [--key KEY]`: the evidence for certification and for a
 * standardization pilot's acceptance, in a new folder that verifies
 * alone (reports/evidence.h says what it holds, doc/integrity.md
 * section 6 why).
 */
#include "conform.h"
#include "cmd.h"
#include "anchor.h"
#include "checkpoint.h"
#include "evidence.h"
#include "signkey.h"
#include "trail.h"
#include "workspace.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/*
 * The checkpoint the pack ends at: the last one when it already holds
 * the trail's head and main's commit (signed, when a key is given), so
 * that packing the same data twice gives the same pack; else a new one
 * (anchor.h: signed with the command's key, by the workspace's author).
 */
static int
pack_checkpoint(struct cf_cmd *cmd, struct cf_report_ws *w, const char *key,
    struct cf_pack_ckpt *out)
{
	struct cf_checkpoint c = { 0 };
	int rc;

	if ((rc = cf_pack_current_ckpt(w, key != NULL, out)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = cf_cli_checkpoint(cmd, &c)) < 0)
		return rc;
	cf_pack_ckpt_from(&c, out);
	cf_checkpoint_release(&c);
	return 0;
}

static int
cmd_evidence_pack_exec(struct cf_cmd *cmd)
{
	const char *out = cf_args_get(&cmd->args, "out");
	const char *at_s = cf_args_get(&cmd->args, "at");
	struct cf_pack_opts o;
	struct cf_pack_result res;
	struct cf_report_ws w;
	struct cf_pack_ckpt ck = { 0 };
	char day[11], *key = NULL;
	int rc;

	memset(&o, 0, sizeof o);
	memset(&res, 0, sizeof res);
	if (out == NULL || *out == '\0')
		return cf_error_set(CF_EUSAGE, "evidence pack needs --out DIR");
	if (at_s) {
		if (cf_day_parse(&o.at, at_s, strlen(at_s)) < 0)
			return cf_error_set(CF_EUSAGE, "--at: %s",
			    cf_error_message());
		o.at_set = true;
	}
	o.tzname = cf_ws_config(cmd->ws, "timezone", CF_WS_DEFAULT_TZ);
	if ((rc = cf_report_ws_open(&w, cmd->ws)) == 0 &&
	    (rc = cf_cli_signing_key(cmd, w.repo, &key, NULL)) == 0 &&
	    (rc = pack_checkpoint(cmd, &w, key, &ck)) == 0) {
		o.key = key;
		o.ckpt = &ck;
		rc = cf_evidence_pack(&w, out, &o, &res);
	}
	cf_report_ws_close(&w);
	cf_pack_ckpt_release(&ck);
	free(key);
	if (rc < 0)
		return rc;
	cf_day_format(res.at, day);
	fprintf(cmd->out,
	    "evidence pack written to %s: %zu files, as at %s, checkpoint "
	    "%" PRId64 ":%s, %s\n",
	    out, res.files, day, res.ckpt.seq, res.ckpt.hash,
	    res.signed_ ? "signed" : "unsigned");
	cf_pack_ckpt_release(&res.ckpt);
	return 0;
}

static const struct cf_option evidence_pack_options[] = {
	CF_OPT_STRING_(0, "out", "DIR",
	    "the folder to create (it must not exist, or be empty)"),
	CF_OPT_STRING_(0, "at", "DATE",
	    "the documents in force on DATE (default: the checkpoint's day)"),
	CF_OPT_STRING_(0, "key", "KEY",
	    "sign the checkpoint and the manifest with this SSH key "
	    "(default: signing-key in .conform/config, else git's "
	    "user.signingKey)"),
	CF_OPT_END_,
};

const struct cf_cmd_entry cmd_evidence_pack_entry = {
	.name = "evidence pack",
	.usage = "--out DIR [--at DATE] [--key KEY]",
	.summary = "write the evidence pack (records, documents, reports, "
		   "NCRs, trail, signed manifest)",
	.help =
	    "Writes a checkpoint of the trail, then into the new folder DIR: a\n"
	    "copy of the records (records.db) every other file is made from;\n"
	    "the documents as a git bundle of main and conform's refs\n"
	    "(documents.bundle); the allowed signers in force (allowed_signers);\n"
	    "the checkpoint the trail ends at (checkpoint); the day, timezone\n"
	    "and center the reports were made with (pack.conf); index.html; the\n"
	    "standard system table (standard-system.html and .csv) with the\n"
	    "rates and their definitions; the HTML, XML and CSV report of every\n"
	    "stored audit (audits/); the NCR register (ncr-register.csv); the\n"
	    "trail (trail.csv); the document commits it relies on (COMMITS);\n"
	    "MANIFEST.sha256 over every file, and with --key its SSH signature\n"
	    "(MANIFEST.sha256.sig, namespace conform-evidence).  The same\n"
	    "records, documents and checkpoint give the same bytes.  The folder\n"
	    "appears whole or not at all.  Check it anywhere, with no\n"
	    "workspace, with 'conform evidence verify DIR'.\n",
	.options = evidence_pack_options,
	.min_args = 0,
	.max_args = 0,
	.flags = CF_CMD_WORKSPACE,
	.exec = cmd_evidence_pack_exec,
};
