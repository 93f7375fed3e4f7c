/* SPDX-License-Identifier: MIT */
/*
 * auditvoid.c - voiding a stored audit (see auditvoid.h).  The entry's
 * data is the reason, the NCRs linked and those left with only void
 * audits, and the bound audit_void row ("void"), which `trail verify`
 * recomputes (audits/records.c).
 */
#include "conform.h"
#include "auditdb.h"
#include "auditvoid.h"
#include "json.h"
#include "ncrdb.h"
#include "text.h"
#include "trail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
cf_audit_voided_release(struct cf_audit_voided *v)
{
	free(v->linked);
	free(v->only_void);
	memset(v, 0, sizeof *v);
}

int
cf_audit_ncr_only_void(struct cf_store *st, int64_t number, bool *out)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	*out = false;
	if ((rc = cf_ncrdb_citing(st, number, &ids, &n)) < 0)
		return rc;
	*out = n > 0;
	for (size_t i = 0; i < n && *out && rc == 0; i++) {
		struct cf_audit_head h;
		if ((rc = cf_auditdb_head(st, ids[i], &h)) == 0)
			*out = h.void_reason != NULL;
		cf_audit_head_release(&h);
	}
	free(ids);
	return rc;
}

static char *
numbers(const int64_t *v, size_t n)
{
	struct cf_buf b = CF_BUF_INIT;

	cf_buf_addf(&b, "[");
	for (size_t i = 0; i < n; i++)
		cf_buf_addf(&b, "%s%lld", i ? "," : "", (long long)v[i]);
	cf_buf_addf(&b, "]");
	return cf_buf_detach(&b);
}

int
cf_audit_void(struct cf_store *st, int64_t id, const char *reason,
    int64_t now, const char *actor, struct cf_audit_voided *out)
{
	struct cf_ncr_link *l = NULL;
	struct cf_json *j = NULL;
	char subject[32], *text;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (reason == NULL || cf_blank(reason))
		return cf_error_set(CF_EINVALID,
		    "audit %lld: voiding needs the reason (--reason)",
		    (long long)id);
	if ((rc = cf_auditdb_set_void(st, id, reason, now, actor)) < 0)
		return rc;
	if ((rc = cf_ncrdb_of_audit(st, id, &l, &n)) < 0)
		goto out;
	out->linked = cf_xcalloc(n + 1, sizeof *out->linked);
	out->only_void = cf_xcalloc(n + 1, sizeof *out->only_void);
	for (size_t i = 0; i < n && rc == 0; i++) {
		bool only;
		out->linked[out->nlinked++] = l[i].number;
		if ((rc = cf_audit_ncr_only_void(st, l[i].number, &only)) == 0 &&
		    only)
			out->only_void[out->nonly++] = l[i].number;
	}
	if (rc < 0)
		goto out;
	j = cf_json_new();
	cf_json_str(j, "reason", reason);
	text = numbers(out->linked, out->nlinked);
	cf_json_raw(j, "ncrs", text);
	free(text);
	text = numbers(out->only_void, out->nonly);
	cf_json_raw(j, "ncrs_only_void", text);
	free(text);
	if ((rc = cf_auditdb_bind_void(st, id, j)) < 0)
		goto out;
	text = cf_json_text(j);
	snprintf(subject, sizeof subject, "audit %lld", (long long)id);
	rc = cf_trail_append(st, now, actor, "audit.void", subject, text, NULL);
	free(text);
out:
	cf_json_free(j);
	free(l);
	if (rc < 0)
		cf_audit_voided_release(out);
	return rc;
}
