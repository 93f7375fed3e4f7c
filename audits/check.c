/* SPDX-License-Identifier: MIT */
/*
 * check.c - verdicts, and what the check families share (checks.h,
 * checks-impl.h).
 *
 * Details are formatted with snprintf and integer conversions only, so
 * no locale can change a byte of them.  Decimal measures (rates,
 * compression) are computed in 128-bit integers: counts in the billions
 * times a ratio's denominator (at most 10^8) times the scale of the
 * printed decimals still fit, with no floating point anywhere.
 */
#include "conform.h"
#include "amount.h"
#include "checks-impl.h"
#include "text.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

__extension__ typedef __int128 i128;

const char *
cf_check_quiet_na(const char *type)
{
	if (strcmp(type, "extension") == 0)
		return CF_QUIET_NA_EXTENSION;
	if (strcmp(type, "supplement") == 0)
		return CF_QUIET_NA_SUPPLEMENT;
	if (strcmp(type, "bad-review") == 0)
		return CF_QUIET_NA_BAD_REVIEW;
	if (strcmp(type, "four-eyes") == 0)
		return CF_QUIET_NA_FOUR_EYES;
	return NULL;
}

const char *
cf_result_name(enum cf_result r)
{
	switch (r) {
	case CF_RESULT_PASS:
		return "pass";
	case CF_RESULT_FAIL:
		return "fail";
	case CF_RESULT_NA:
		return "na";
	case CF_RESULT_ERROR:
		return "error";
	}
	return "error";
}

void
cf_verdict_set(struct cf_verdict *v, enum cf_result r, const char *fmt, ...)
{
	va_list ap;
	int n;

	v->result = r;
	v->detail[0] = '\0';
	if (fmt == NULL)
		return;
	/* A plain text (the common na reasons, once per case) is copied,
	 * not formatted. */
	if (strchr(fmt, '%') == NULL && strlen(fmt) < sizeof v->detail) {
		memcpy(v->detail, fmt, strlen(fmt) + 1);
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(v->detail, sizeof v->detail, fmt, ap);
	va_end(ap);
	if (n < 0)
		v->detail[0] = '\0';
	else if ((size_t)n >= sizeof v->detail)
		v->detail[cf_utf8_cut(v->detail, sizeof v->detail - 1)] = '\0';
}

void
cf_check__not_in_force(const struct cf_audit_env *env, const struct cf_case *c,
    char *buf, size_t size)
{
	char day[11];

	cf_day_format(cf_tz_day(env->tz, c->accepted.sec), day);
	snprintf(buf, size, "no version of %s in force on %s",
	    c->procedure_id ? c->procedure_id : "the procedure", day);
}

bool
cf_check__no_procedure(const struct cf_audit_env *env, const struct cf_case *c,
    const struct cf_procedure *p, struct cf_verdict *v)
{
	char msg[CF_DETAIL_MAX];

	if (p != NULL)
		return false;
	cf_check__not_in_force(env, c, msg, sizeof msg);
	cf_verdict_set(v, CF_RESULT_ERROR, "%s", msg);
	return true;
}

bool
cf_check__pending(const struct cf_audit_env *env, const struct cf_case *c,
    struct cf_verdict *v)
{
	char to[11];

	if (c->completed)
		return false;
	cf_day_format(env->to, to);
	cf_verdict_set(v, CF_RESULT_NA, "pending on %s", to);
	return true;
}

int
cf_check__decimals(struct cf_ratio r)
{
	int k = 0;

	for (int64_t d = r.den; d >= 10 && d % 10 == 0; d /= 10)
		k++;
	return k;
}

static i128
pow10_i128(int k)
{
	i128 p = 1;

	while (k-- > 0)
		p *= 10;
	return p;
}

/* Writes the non-negative fixed-point number v / 10^decimals. */
static void
fixed_text(const char *sign, i128 v, int decimals, char *buf, size_t size)
{
	i128 p = pow10_i128(decimals);
	uint64_t ip = (uint64_t)(v / p), fp = (uint64_t)(v % p);

	if (decimals == 0)
		snprintf(buf, size, "%s%" PRIu64, sign, ip);
	else
		snprintf(buf, size, "%s%" PRIu64 ".%0*" PRIu64, sign, ip,
		    decimals, fp);
}

void
cf_check__ratio_text(struct cf_ratio r, char *buf, size_t size)
{
	/* num / 10^k with k decimals is exact. */
	fixed_text("", r.num, cf_check__decimals(r), buf, size);
}

void
cf_check__ratio_percent(struct cf_ratio r, char *buf, size_t size)
{
	int k = cf_check__decimals(r), d = k > 2 ? k - 2 : 0;

	/* num * 100 / 10^k has exactly max(k - 2, 0) decimals. */
	fixed_text("", (i128)r.num * 100 * pow10_i128(d) / r.den, d, buf, size);
}

void
cf_check__measure(int64_t num, int64_t den, int scale, int decimals,
    struct cf_ratio min, bool failed, char *buf, size_t size)
{
	i128 p = pow10_i128(decimals);
	i128 a = (i128)num * scale * p, fl, r;
	bool neg = a < 0;

	if (neg)
		a = -a;
	fl = a / den;
	if (neg) {
		/* Away from zero: never shown better than it is. */
		r = fl + (a % den != 0);
		fixed_text("-", r, decimals, buf, size);
		return;
	}
	r = fl + (2 * (a % den) >= den);
	/* r / p >= min.num * scale / min.den, cross-multiplied. */
	if (failed && r * min.den >= (i128)min.num * scale * p)
		r = fl;
	fixed_text("", r, decimals, buf, size);
}

/*
 * num/den (den > 0) against chk->min as percentages: whether it is below
 * the minimum, in exact integers, and both texts with at least one
 * decimal and as many as the minimum was given (a failing value never
 * printed as reaching it).
 */
bool
cf_check__percent_against_min(const struct cf_check *chk, int64_t num,
    int64_t den, char rate[48], char min[48])
{
	bool failed = (i128)num * chk->min.den < (i128)chk->min.num * den;
	int k = cf_check__decimals(chk->min) - 2;

	cf_check__measure(num, den, 100, k > 1 ? k : 1, chk->min, failed, rate,
	    48);
	cf_check__ratio_percent(chk->min, min, 48);
	return failed;
}
