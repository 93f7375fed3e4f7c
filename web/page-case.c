/* SPDX-License-Identifier: MIT */
/* page-case.c - (being written) */
#include "conform.h"
#include "http.h"

int
cf_web_page_case(struct cf_web_req *r, struct cf_web_resp *w, const char *arg)
{
	(void)r;
	(void)w;
	(void)arg;
	return cf_error_set(CF_ENOTFOUND, "not yet");
}
