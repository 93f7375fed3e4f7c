/* SPDX-License-Identifier: MIT */
/*
 * evidence-rates.c - the evidence pack's three rates and the evidence
 * per standard (see evidence.h): pure arithmetic on the documents in
 * force and the latest audit's results per procedure, no I/O, so that
 * the definitions are tested on their own.
 */
#include "conform.h"
#include "evidence-impl.h"
#include "evidence.h"
#include "text.h"

#include <string.h>

const struct cf_proc_result *
cf_ev_find_result(const struct cf_proc_result *res, size_t nr, const char *id)
{
	for (size_t i = 0; i < nr; i++)
		if (strcmp(res[i].id, id) == 0)
			return &res[i];
	return NULL;
}

static bool
applies(const struct cf_standard *s, const char *proc)
{
	for (size_t g = 0; g < s->applies_to.n; g++)
		if (cf_glob_match(s->applies_to.v[g], proc))
			return true;
	return false;
}

void
cf_pack_rates(const struct cf_inforce *procs, size_t np,
    const struct cf_inforce *stds, size_t ns, const struct cf_proc_result *res,
    size_t nr, int64_t pass, int64_t fail, struct cf_std_evidence *ev,
    struct cf_pack_rates *out)
{
	memset(out, 0, sizeof *out);
	out->procedures = (int64_t)np;
	out->standards = (int64_t)ns;
	out->pass = pass;
	out->fail = fail;
	for (size_t p = 0; p < np; p++) {
		const char *id = procs[p].doc->u.proc.id;
		for (size_t s = 0; s < ns; s++)
			if (applies(&stds[s].doc->u.std, id)) {
				out->covered++;
				break;
			}
	}
	for (size_t s = 0; s < ns; s++) {
		struct cf_std_evidence *e = &ev[s];
		memset(e, 0, sizeof *e);
		for (size_t p = 0; p < np; p++) {
			const char *id = procs[p].doc->u.proc.id;
			const struct cf_proc_result *r;
			if (!applies(&stds[s].doc->u.std, id))
				continue;
			e->procedures++;
			if ((r = cf_ev_find_result(res, nr, id)) != NULL) {
				e->pass += r->pass;
				e->fail += r->fail;
			}
		}
		e->implemented = e->pass + e->fail > 0;
		out->implemented += e->implemented;
	}
}
