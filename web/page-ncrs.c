/* SPDX-License-Identifier: MIT */
/* page-ncrs.c - (being written) */
#include "conform.h"
#include "http.h"

int
cf_web_page_ncrs(struct cf_web_req *r, struct cf_web_resp *w, const char *arg)
{
	(void)r;
	(void)w;
	(void)arg;
	return cf_error_set(CF_ENOTFOUND, "not yet");
}

int
cf_web_page_ncr(struct cf_web_req *r, struct cf_web_resp *w, const char *arg)
{
	(void)r;
	(void)w;
	(void)arg;
	return cf_error_set(CF_ENOTFOUND, "not yet");
}

int
cf_web_page_ncr_post(struct cf_web_req *r, struct cf_web_resp *w, const char *arg)
{
	(void)r;
	(void)w;
	(void)arg;
	return cf_error_set(CF_ENOTFOUND, "not yet");
}

int
cf_web_page_ncr_verify(struct cf_web_req *r, struct cf_web_resp *w, const char *arg)
{
	(void)r;
	(void)w;
	(void)arg;
	return cf_error_set(CF_ENOTFOUND, "not yet");
}
