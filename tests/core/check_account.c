/* SPDX-License-Identifier: MIT */
/*
 * check_account.c - the web application's accounts and sessions
 * (core/account.c): adding, listing, logins and their refusals,
 * expiry, disabling, new passwords, throttling, sessions, and an
 * account row changed behind conform's back (refused and reported).
 * Times are passed explicitly; argon2 makes each password check cost
 * a fraction of a second, so the tests keep to few of them.
 */
#include "conform.h"
#include "account.h"
#include "check_suites.h"
#include "check_util.h"
#include "store.h"
#include "trail.h"

#include <stdio.h>
#include <string.h>

static struct cf_store *st;

/* 2026-03-02 10:00:00 UTC */
#define T0 INT64_C(1772445600)
#define PW "correct horse"

static cf_day
day(const char *s)
{
	cf_day d;

	ck_assert_int_eq(cf_day_parse(&d, s, strlen(s)), 0);
	return d;
}

static void
add(const char *login, enum cf_role role, cf_day expires)
{
	ck_assert_int_eq(cf_store_begin(st), 0);
	ck_assert_msg(cf_account_add(st, login, role, expires, PW, T0,
			  "张三") == 0,
	    "%s", cf_error_message());
	ck_assert_int_eq(cf_store_commit(st), 0);
}

static void
setup(void)
{
	tmp_setup();
	ck_assert_int_eq(cf_store_open(&st, tmp_path("t.db"), CF_STORE_CREATE),
	    0);
}

static void
teardown(void)
{
	cf_store_free(st);
	tmp_teardown();
}

static void
assert_error(int rc, int code, const char *needle)
{
	ck_assert_int_eq(rc, code);
	ck_assert_msg(strstr(cf_error_message(), needle), "%s",
	    cf_error_message());
}

/* The data of the last trail entry of `subject` (the caller frees). */
static int
last(const struct cf_trail_entry *e, void *arg)
{
	char **out = arg;

	free(*out);
	*out = cf_xasprintf("%s %s %s", e->actor, e->what, e->data);
	return 0;
}

static char *
last_entry(const char *subject)
{
	char *s = NULL;

	ck_assert_int_eq(cf_trail_each_subject(st, subject, last, &s), 0);
	ck_assert_ptr_nonnull(s);
	return s;
}

START_TEST(test_roles)
{
	enum cf_role r;

	ck_assert_int_eq(cf_role_parse("manager", &r), 0);
	ck_assert_int_eq(r, CF_ROLE_MANAGER);
	ck_assert_str_eq(cf_role_name(CF_ROLE_OFFICER), "officer");
	assert_error(cf_role_parse("admin", &r), CF_EUSAGE,
	    "expected auditor, manager or officer");
	ck_assert_int_eq(cf_account_valid_login("wang.li-2_x"), 0);
	assert_error(cf_account_valid_login(""), CF_EINVALID, "1 to 64");
	assert_error(cf_account_valid_login("-x"), CF_EINVALID,
	    "start with a letter or a digit");
	assert_error(cf_account_valid_login("wang li"), CF_EINVALID,
	    "only letters");
	assert_error(cf_account_valid_login("王"), CF_EINVALID, "only letters");
	char big[66];
	memset(big, 'a', 65);
	big[65] = '\0';
	assert_error(cf_account_valid_login(big), CF_EINVALID, "1 to 64");
	big[64] = '\0';
	ck_assert_int_eq(cf_account_valid_login(big), 0);
}
END_TEST

START_TEST(test_add_get_list)
{
	struct cf_account a, *v;
	size_t n;
	char *e;

	add("wang", CF_ROLE_MANAGER, day("2026-12-31"));
	add("li", CF_ROLE_AUDITOR, CF_DAY_NONE);
	ck_assert_int_eq(cf_account_get(st, "wang", &a), 0);
	ck_assert_str_eq(a.login, "wang");
	ck_assert_int_eq(a.role, CF_ROLE_MANAGER);
	ck_assert_int_eq(a.expires, day("2026-12-31"));
	ck_assert(!a.disabled);
	ck_assert_int_eq(a.created, T0);
	cf_account_release(&a);
	assert_error(cf_account_get(st, "zhao", &a), CF_ENOTFOUND,
	    "no account 'zhao'");
	ck_assert_int_eq(cf_account_list(st, &v, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(v[0].login, "li"); /* by login */
	ck_assert_str_eq(v[1].login, "wang");
	ck_assert_int_eq(v[0].expires, CF_DAY_NONE);
	cf_account_list_free(v, n);
	/* the trail: who, what, the row's values, the hash's digest only */
	e = last_entry("account wang");
	ck_assert_msg(strncmp(e, "张三 account.add {\"created\":1772445600,"
				 "\"disabled\":false,\"expires\":\"2026-12-31\","
				 "\"hash_sha256\":\"",
			  strlen("张三 account.add {\"created\":1772445600,"
				 "\"disabled\":false,\"expires\":\"2026-12-31\","
				 "\"hash_sha256\":\"")) == 0,
	    "%s", e);
	ck_assert_msg(strstr(e, "\"role\":\"manager\"}"), "%s", e);
	ck_assert_msg(strstr(e, "argon2") == NULL, "%s", e);
	free(e);
	e = last_entry("account li");
	ck_assert_msg(strstr(e, "\"expires\":null"), "%s", e);
	free(e);
	/* the stored hash is argon2id, not the password */
	sqlite3_stmt *s;
	ck_assert_int_eq(cf_store_prepare(st, &s,
			     "SELECT hash FROM account WHERE login = 'wang'"),
	    0);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	const char *h = (const char *)sqlite3_column_text(s, 0);
	ck_assert_msg(strncmp(h, "$argon2id$", 10) == 0, "%s", h);
	ck_assert(strstr(h, PW) == NULL);
	sqlite3_finalize(s);
}
END_TEST

START_TEST(test_add_refused)
{
	add("wang", CF_ROLE_MANAGER, CF_DAY_NONE);
	ck_assert_int_eq(cf_store_begin(st), 0);
	assert_error(cf_account_add(st, "wang", CF_ROLE_AUDITOR, CF_DAY_NONE,
			 PW, T0, "x"),
	    CF_EEXISTS, "account 'wang' already exists");
	assert_error(cf_account_add(st, "a b", CF_ROLE_AUDITOR, CF_DAY_NONE,
			 PW, T0, "x"),
	    CF_EINVALID, "only letters");
	assert_error(cf_account_add(st, "zhao", CF_ROLE_AUDITOR, CF_DAY_NONE,
			 "1234567", T0, "x"),
	    CF_EINVALID, "at least 8 bytes");
	char *big = cf_xmalloc(CF_PASSWORD_MAX + 2);
	memset(big, 'p', CF_PASSWORD_MAX + 1);
	big[CF_PASSWORD_MAX + 1] = '\0';
	assert_error(cf_account_add(st, "zhao", CF_ROLE_AUDITOR, CF_DAY_NONE,
			 big, T0, "x"),
	    CF_EINVALID, "at most 1024 bytes");
	free(big);
	assert_error(cf_account_add(st, "zhao", (enum cf_role)7, CF_DAY_NONE,
			 PW, T0, "x"),
	    CF_EUSAGE, "unknown role");
	ck_assert_int_eq(cf_store_rollback(st), 0);
	/* the first one is still the manager */
	struct cf_account a;
	ck_assert_int_eq(cf_account_get(st, "wang", &a), 0);
	ck_assert_int_eq(a.role, CF_ROLE_MANAGER);
	cf_account_release(&a);
	assert_error(cf_account_get(st, "zhao", &a), CF_ENOTFOUND, "zhao");
}
END_TEST

START_TEST(test_login)
{
	struct cf_account a;
	char *why;
	int wait;

	add("wang", CF_ROLE_OFFICER, CF_DAY_NONE);
	ck_assert_msg(cf_account_login(st, "wang", PW, "10.0.0.1", T0,
			  day("2026-03-02"), &a, &wait, &why) == 0,
	    "%s", cf_error_message());
	ck_assert_str_eq(a.login, "wang");
	ck_assert_int_eq(a.role, CF_ROLE_OFFICER);
	ck_assert_ptr_null(why);
	cf_account_release(&a);
	/* a wrong password and an unknown login: the same words */
	assert_error(cf_account_login(st, "wang", "wrong password", "10.0.0.1",
			 T0, day("2026-03-02"), &a, &wait, &why),
	    CF_EINVALID, "wrong login or password");
	ck_assert_str_eq(cf_error_message(), "wrong login or password");
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, "wrong password"), "%s", why);
	free(why);
	assert_error(cf_account_login(st, "nobody", PW, "10.0.0.1", T0,
			 day("2026-03-02"), &a, &wait, &why),
	    CF_EINVALID, "wrong login or password");
	ck_assert_str_eq(cf_error_message(), "wrong login or password");
	ck_assert_msg(strstr(why, "no account 'nobody'"), "%s", why);
	free(why);
	/* why may be NULL */
	assert_error(cf_account_login(st, "wang", "", NULL, T0,
			 day("2026-03-02"), NULL, NULL, NULL),
	    CF_EINVALID, "wrong login or password");
}
END_TEST

START_TEST(test_expiry)
{
	struct cf_account a;
	char *why;

	add("audit-ext", CF_ROLE_AUDITOR, day("2026-03-31"));
	/* active on its last day */
	ck_assert_int_eq(cf_account_usable(st, "audit-ext", day("2026-03-31"),
			     &a),
	    0);
	ck_assert(cf_account_active(&a, day("2026-03-31")));
	ck_assert(!cf_account_active(&a, day("2026-04-01")));
	cf_account_release(&a);
	ck_assert_int_eq(cf_account_login(st, "audit-ext", PW, "h", T0,
			     day("2026-03-31"), NULL, NULL, NULL),
	    0);
	/* not the day after */
	assert_error(cf_account_usable(st, "audit-ext", day("2026-04-01"),
			 NULL),
	    CF_EINVALID, "account 'audit-ext' expired on 2026-03-31");
	assert_error(cf_account_login(st, "audit-ext", PW, "h", T0,
			 day("2026-04-01"), &a, NULL, &why),
	    CF_EINVALID, "wrong login or password");
	ck_assert_msg(strstr(why, "expired on 2026-03-31"), "%s", why);
	free(why);
	assert_error(cf_account_usable(st, "nobody", day("2026-03-01"), NULL),
	    CF_ENOTFOUND, "no account 'nobody'");
}
END_TEST

START_TEST(test_disable_passwd)
{
	struct cf_account a;
	char token[CF_TOKEN_HEX + 1], csrf[CF_TOKEN_HEX + 1], *login, c2[65];
	char *e;

	add("wang", CF_ROLE_MANAGER, CF_DAY_NONE);
	/* passwd: the new one works, the old one does not, sessions end */
	ck_assert_int_eq(cf_session_open(st, "wang", T0, token, csrf), 0);
	ck_assert_int_eq(cf_store_begin(st), 0);
	assert_error(cf_account_passwd(st, "wang", "short", T0 + 1, "李四"),
	    CF_EINVALID, "at least 8 bytes");
	assert_error(cf_account_passwd(st, "nobody", "long enough", T0 + 1,
			 "李四"),
	    CF_ENOTFOUND, "no account 'nobody'");
	ck_assert_int_eq(cf_account_passwd(st, "wang", "new password", T0 + 1,
			     "李四"),
	    0);
	ck_assert_int_eq(cf_store_commit(st), 0);
	e = last_entry("account wang");
	ck_assert_msg(strncmp(e, "李四 account.passwd ", 20) == 0, "%s", e);
	free(e);
	assert_error(cf_session_get(st, token, T0 + 2, &login, c2),
	    CF_ENOTFOUND, "session");
	ck_assert_int_eq(cf_account_login(st, "wang", "new password", "h",
			     T0 + 3, day("2026-03-02"), NULL, NULL, NULL),
	    0);
	assert_error(cf_account_login(st, "wang", PW, "h", T0 + 4,
			 day("2026-03-02"), NULL, NULL, NULL),
	    CF_EINVALID, "wrong login or password");
	/* disable */
	ck_assert_int_eq(cf_session_open(st, "wang", T0, token, csrf), 0);
	ck_assert_int_eq(cf_store_begin(st), 0);
	ck_assert_int_eq(cf_account_disable(st, "wang", T0 + 5, "李四"), 0);
	assert_error(cf_account_disable(st, "wang", T0 + 5, "李四"),
	    CF_EINVALID, "already disabled");
	assert_error(cf_account_disable(st, "nobody", T0 + 5, "李四"),
	    CF_ENOTFOUND, "no account 'nobody'");
	ck_assert_int_eq(cf_store_commit(st), 0);
	e = last_entry("account wang");
	ck_assert_msg(strstr(e, "account.disable {") &&
		strstr(e, "\"disabled\":true"),
	    "%s", e);
	free(e);
	assert_error(cf_session_get(st, token, T0 + 6, &login, c2),
	    CF_ENOTFOUND, "session");
	assert_error(cf_account_usable(st, "wang", day("2026-03-02"), &a),
	    CF_EINVALID, "account 'wang' is disabled");
	assert_error(cf_account_login(st, "wang", "new password", "h", T0 + 7,
			 day("2026-03-02"), NULL, NULL, NULL),
	    CF_EINVALID, "wrong login or password");
	/* the listing still has it, disabled; nothing to report */
	ck_assert_int_eq(cf_account_get(st, "wang", &a), 0);
	ck_assert(a.disabled);
	ck_assert(!cf_account_active(&a, day("2026-03-02")));
	cf_account_release(&a);
	ck_assert_int_eq(cf_account_verify(st, NULL, NULL), 0);
}
END_TEST

START_TEST(test_throttle)
{
	struct cf_account a;
	int wait = -1;

	add("wang", CF_ROLE_MANAGER, CF_DAY_NONE);
	for (int i = 0; i < CF_LOGIN_FAILURES; i++)
		assert_error(cf_account_login(st, "wang", "wrong one", "addr1",
				 T0 + i, day("2026-03-02"), NULL, &wait, NULL),
		    CF_EINVALID, "wrong login or password");
	/* the sixth, even with the right password, waits */
	assert_error(cf_account_login(st, "wang", PW, "addr2", T0 + 10,
			 day("2026-03-02"), &a, &wait, NULL),
	    CF_EBUSY, "try again in 54 s");
	ck_assert_int_eq(wait, 54); /* a minute after the last, at T0 + 4 */
	/* the address waits too, for any login */
	assert_error(cf_account_login(st, "other", PW, "addr1", T0 + 10,
			 day("2026-03-02"), NULL, &wait, NULL),
	    CF_EBUSY, "try again");
	/* a minute after the last failure: allowed again */
	ck_assert_msg(cf_account_login(st, "wang", PW, "addr2", T0 + 4 + 60,
			  day("2026-03-02"), &a, &wait, NULL) == 0,
	    "%s", cf_error_message());
	cf_account_release(&a);
	/* the success cleared the login's failures: 4 more do not block */
	for (int i = 0; i < CF_LOGIN_FAILURES - 1; i++)
		assert_error(cf_account_login(st, "wang", "wrong one",
				 "addr3", T0 + 70 + i, day("2026-03-02"), NULL,
				 NULL, NULL),
		    CF_EINVALID, "wrong login or password");
	ck_assert_int_eq(cf_account_login(st, "wang", PW, "addr4", T0 + 80,
			     day("2026-03-02"), NULL, NULL, NULL),
	    0);
}
END_TEST

START_TEST(test_throttle_address)
{
	int wait = 0;

	/* five unknown logins from one address: that address waits */
	for (int i = 0; i < CF_LOGIN_FAILURES; i++) {
		char login[16];
		snprintf(login, sizeof login, "guess%d", i);
		assert_error(cf_account_login(st, login, "whatever1", "addr9",
				 T0, day("2026-03-02"), NULL, &wait, NULL),
		    CF_EINVALID, "wrong login or password");
	}
	assert_error(cf_account_login(st, "guess9", "whatever1", "addr9",
			 T0 + 59, day("2026-03-02"), NULL, &wait, NULL),
	    CF_EBUSY, "try again in 1 s");
	ck_assert_int_eq(wait, 1);
	/* another address is not held up */
	assert_error(cf_account_login(st, "guess9", "whatever1", "addr8",
			 T0 + 59, day("2026-03-02"), NULL, &wait, NULL),
	    CF_EINVALID, "wrong login or password");
}
END_TEST

START_TEST(test_sessions)
{
	char token[CF_TOKEN_HEX + 1], csrf[CF_TOKEN_HEX + 1];
	char t2[CF_TOKEN_HEX + 1], c2[CF_TOKEN_HEX + 1], got[CF_TOKEN_HEX + 1];
	char *login;
	sqlite3_stmt *s;

	add("wang", CF_ROLE_MANAGER, CF_DAY_NONE);
	ck_assert_int_eq(cf_session_open(st, "wang", T0, token, csrf), 0);
	ck_assert_uint_eq(strlen(token), CF_TOKEN_HEX);
	ck_assert_uint_eq(strlen(csrf), CF_TOKEN_HEX);
	ck_assert_str_ne(token, csrf);
	ck_assert_int_eq(cf_session_open(st, "wang", T0, t2, c2), 0);
	ck_assert_str_ne(token, t2);
	/* only the token's SHA-256 is stored */
	ck_assert_int_eq(cf_store_prepare(st, &s,
			     "SELECT count(*) FROM session WHERE "
			     "token_sha256 = ?1 OR token_sha256 = ?2"),
	    0);
	sqlite3_bind_text(s, 1, token, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, t2, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(s, 0), 0);
	sqlite3_finalize(s);
	/* found, with its CSRF token */
	ck_assert_int_eq(cf_session_get(st, token, T0 + 29 * 60, &login, got),
	    0);
	ck_assert_str_eq(login, "wang");
	ck_assert_str_eq(got, csrf);
	free(login);
	ck_assert(cf_session_csrf_ok(csrf, got));
	ck_assert(!cf_session_csrf_ok(csrf, c2));
	ck_assert(!cf_session_csrf_ok(csrf, NULL));
	ck_assert(!cf_session_csrf_ok(csrf, "abc"));
	/* used at T0 + 29 min: idle counts from then */
	ck_assert_int_eq(cf_session_get(st, token, T0 + 29 * 60 + 30 * 60,
			     &login, got),
	    0);
	free(login);
	/* idle more than 30 minutes: gone */
	assert_error(cf_session_get(st, t2, T0 + 30 * 60 + 1, &login, got),
	    CF_ENOTFOUND, "the session has expired");
	ck_assert_ptr_null(login);
	assert_error(cf_session_get(st, t2, T0, &login, got), CF_ENOTFOUND,
	    "no such session");
	/* a bad or unknown token */
	assert_error(cf_session_get(st, "nonsense", T0, &login, got),
	    CF_ENOTFOUND, "no such session");
	char other[CF_TOKEN_HEX + 1];
	memset(other, 'a', CF_TOKEN_HEX);
	other[CF_TOKEN_HEX] = '\0';
	assert_error(cf_session_get(st, other, T0, &login, got), CF_ENOTFOUND,
	    "no such session");
	/* close: gone; closing again is no error */
	ck_assert_int_eq(cf_session_close(st, token), 0);
	assert_error(cf_session_get(st, token, T0 + 59 * 60, &login, got),
	    CF_ENOTFOUND, "no such session");
	ck_assert_int_eq(cf_session_close(st, token), 0);
	/* close_all: every session of the login, no other */
	add("li", CF_ROLE_AUDITOR, CF_DAY_NONE);
	ck_assert_int_eq(cf_session_open(st, "wang", T0, token, csrf), 0);
	ck_assert_int_eq(cf_session_open(st, "wang", T0, t2, c2), 0);
	char t3[CF_TOKEN_HEX + 1], c3[CF_TOKEN_HEX + 1];
	ck_assert_int_eq(cf_session_open(st, "li", T0, t3, c3), 0);
	ck_assert_int_eq(cf_store_begin(st), 0);
	ck_assert_int_eq(cf_session_close_all(st, "wang"), 0);
	ck_assert_int_eq(cf_store_commit(st), 0);
	assert_error(cf_session_get(st, token, T0 + 1, &login, got),
	    CF_ENOTFOUND, "no such session");
	assert_error(cf_session_get(st, t2, T0 + 1, &login, got), CF_ENOTFOUND,
	    "no such session");
	ck_assert_int_eq(cf_session_get(st, t3, T0 + 1, &login, got), 0);
	ck_assert_str_eq(login, "li");
	free(login);
}
END_TEST

static void
collect(const char *problem, void *arg)
{
	struct cf_strv *v = arg;

	cf_strv_push(v, problem);
}

START_TEST(test_tampered)
{
	struct cf_strv p = CF_STRV_INIT;
	struct cf_account a;
	char *why;

	add("wang", CF_ROLE_AUDITOR, CF_DAY_NONE);
	add("li", CF_ROLE_MANAGER, CF_DAY_NONE);
	add("zhao", CF_ROLE_MANAGER, day("2026-03-31"));
	ck_assert_int_eq(cf_account_verify(st, collect, &p), 0);
	ck_assert_uint_eq(p.n, 0);
	/* a role raised */
	ck_assert_int_eq(cf_store_exec(st,
			     "UPDATE account SET role = 'officer' "
			     "WHERE login = 'wang'"),
	    0);
	assert_error(cf_account_usable(st, "wang", day("2026-03-02"), &a),
	    CF_EINVALID,
	    "account 'wang' does not match its trail entry: role is "
	    "officer, its trail says auditor");
	assert_error(cf_account_login(st, "wang", PW, "h", T0,
			 day("2026-03-02"), &a, NULL, &why),
	    CF_EINVALID, "wrong login or password");
	ck_assert_msg(strstr(why, "does not match its trail entry"), "%s",
	    why);
	free(why);
	/* a hash replaced by li's (whose password the intruder knows) */
	ck_assert_int_eq(cf_store_exec(st,
			     "UPDATE account SET hash = (SELECT hash FROM "
			     "account WHERE login = 'zhao') WHERE login = 'li'"),
	    0);
	assert_error(cf_account_usable(st, "li", day("2026-03-02"), NULL),
	    CF_EINVALID, "its password hash is not the one its trail recorded");
	/* a last day pushed back */
	ck_assert_int_eq(cf_store_exec(st,
			     "UPDATE account SET expires = '2099-12-31' "
			     "WHERE login = 'zhao'"),
	    0);
	assert_error(cf_account_usable(st, "zhao", day("2026-03-02"), NULL),
	    CF_EINVALID, "expires is 2099-12-31, its trail says 2026-03-31");
	/* an account inserted with no trail entry */
	ck_assert_int_eq(cf_store_exec(st,
			     "INSERT INTO account (login, role, hash, created) "
			     "SELECT 'ghost', 'officer', hash, 0 FROM account "
			     "WHERE login = 'zhao'"),
	    0);
	assert_error(cf_account_usable(st, "ghost", day("2026-03-02"), NULL),
	    CF_EINVALID, "it has no trail entry");
	ck_assert_int_eq(cf_account_verify(st, collect, &p), 4);
	ck_assert_uint_eq(p.n, 4);
	ck_assert_str_eq(p.v[0], "account 'ghost': it has no trail entry");
	ck_assert_str_eq(p.v[1],
	    "account 'li': its password hash is not the one its trail "
	    "recorded");
	ck_assert_str_eq(p.v[2],
	    "account 'wang': role is officer, its trail says auditor");
	ck_assert_str_eq(p.v[3],
	    "account 'zhao': expires is 2099-12-31, its trail says 2026-03-31");
	cf_strv_release(&p);
	/* a row deleted: its trail entries name it */
	ck_assert_int_eq(cf_store_exec(st,
			     "DELETE FROM account WHERE login <> 'ghost'"),
	    0);
	ck_assert_int_eq(cf_account_verify(st, collect, &p), 4);
	ck_assert_str_eq(p.v[1],
	    "account 'li': its trail entries name it, but it has no row "
	    "(deleted)");
	cf_strv_release(&p);
}
END_TEST

START_TEST(test_reenabled)
{
	struct cf_strv p = CF_STRV_INIT;

	add("wang", CF_ROLE_MANAGER, CF_DAY_NONE);
	ck_assert_int_eq(cf_store_begin(st), 0);
	ck_assert_int_eq(cf_account_disable(st, "wang", T0 + 1, "李四"), 0);
	ck_assert_int_eq(cf_store_commit(st), 0);
	/* enabled again behind conform's back */
	ck_assert_int_eq(cf_store_exec(st,
			     "UPDATE account SET disabled = 0"),
	    0);
	assert_error(cf_account_usable(st, "wang", day("2026-03-02"), NULL),
	    CF_EINVALID, "disabled is false, its trail says true");
	ck_assert_int_eq(cf_account_verify(st, collect, &p), 1);
	cf_strv_release(&p);
}
END_TEST

Suite *
account_suite(void)
{
	Suite *s = suite_create("account");
	TCase *tc = tcase_create("account");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_roles);
	tcase_add_test(tc, test_add_get_list);
	tcase_add_test(tc, test_add_refused);
	tcase_add_test(tc, test_login);
	tcase_add_test(tc, test_expiry);
	tcase_add_test(tc, test_disable_passwd);
	tcase_add_test(tc, test_throttle);
	tcase_add_test(tc, test_throttle_address);
	tcase_add_test(tc, test_sessions);
	tcase_add_test(tc, test_tampered);
	tcase_add_test(tc, test_reenabled);
	suite_add_tcase(s, tc);
	return s;
}
