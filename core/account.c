/* SPDX-License-Identifier: MIT */
/*
 * account.c - accounts, sessions and login throttling (account.h,
 * doc/web.md).
 *
 * Passwords go through libsodium's crypto_pwhash_str (argon2id, the
 * "interactive" limits) and are checked with crypto_pwhash_str_verify;
 * tokens are 32 bytes of randombytes_buf in lower-case hex.  A session
 * row holds only hex(SHA-256(token as the browser sends it)).
 *
 * The row of an account is bound by the data of its last trail entry:
 * {"created", "disabled", "expires", "hash_sha256", "role"}, canonical
 * JSON, so the row read back and rebuilt the same way must give the
 * same members; hash_sha256 is hex(SHA-256(the stored argon2 string)),
 * never the string itself.  A row that differs (a role raised, a hash
 * replaced, an account re-enabled with sqlite3) is refused by
 * cf_account_usable and named by cf_account_verify.  A forged trail
 * entry is the trail's business: `conform trail verify` and the
 * checkpoints (doc/integrity.md).
 *
 * A login attempt counts as a failure before the password is checked
 * (written and committed first), so the argon2 work runs outside any
 * write transaction and concurrent attempts cannot slip past the limit;
 * a right password then clears the login's failures.  An unknown login
 * is checked against a dummy hash, so it costs the same time as a
 * wrong password.
 */
#include "conform.h"
#include "account.h"
#include "hash.h"
#include "json.h"
#include "store.h"
#include "trail.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

/* ---- libsodium ---- */

static int
sodium_ready(void)
{
	/* sodium_init is thread-safe and returns 1 once done */
	if (sodium_init() < 0)
		return cf_error_set(CF_ERROR, "libsodium cannot be initialised");
	return 0;
}

static int
password_hash(const char *password, char out[crypto_pwhash_STRBYTES])
{
	int rc;

	if ((rc = sodium_ready()) < 0)
		return rc;
	if (crypto_pwhash_str(out, password, strlen(password),
		crypto_pwhash_OPSLIMIT_INTERACTIVE,
		crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return cf_error_set(CF_ERROR,
		    "cannot hash the password (out of memory)");
	return 0;
}

/* A hash no password is checked against but the unknown logins'. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static bool dummy_ok;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_init(void)
{
	unsigned char r[16];
	char pw[33];

	randombytes_buf(r, sizeof r);
	cf_hex(r, sizeof r, pw);
	dummy_ok = crypto_pwhash_str(dummy_hash, pw, strlen(pw),
		       crypto_pwhash_OPSLIMIT_INTERACTIVE,
		       crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

/* Whether `password` is the one of `hash` (NULL: an unknown login,
 * checked against the dummy for the time it takes, never right). */
static bool
password_ok(const char *hash, const char *password)
{
	if (hash == NULL) {
		pthread_once(&dummy_once, dummy_init);
		if (dummy_ok && crypto_pwhash_str_verify(dummy_hash, password,
				    strlen(password)) == 0)
			return false; /* (a random password: never) */
		return false;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) ==
	    0;
}

static void
random_hex(char out[CF_TOKEN_HEX + 1])
{
	uint8_t r[CF_TOKEN_HEX / 2];

	randombytes_buf(r, sizeof r);
	cf_hex(r, sizeof r, out);
	sodium_memzero(r, sizeof r);
}

/* hex(SHA-256(s)). */
static void
sha256_hex(const char *s, char out[CF_SHA256_HEX])
{
	uint8_t d[CF_SHA256_LEN];

	cf_sha256(s, strlen(s), d);
	cf_hex(d, sizeof d, out);
}

/* ---- roles and logins ---- */

int
cf_role_parse(const char *s, enum cf_role *out)
{
	for (int r = CF_ROLE_AUDITOR; r <= CF_ROLE_OFFICER; r++)
		if (s && strcmp(s, cf_role_name((enum cf_role)r)) == 0) {
			*out = (enum cf_role)r;
			return 0;
		}
	return cf_error_set(CF_EUSAGE,
	    "unknown role '%s', expected auditor, manager or officer",
	    s ? s : "");
}

const char *
cf_role_name(enum cf_role r)
{
	switch (r) {
	case CF_ROLE_AUDITOR:
		return "auditor";
	case CF_ROLE_MANAGER:
		return "manager";
	case CF_ROLE_OFFICER:
		return "officer";
	}
	return "unknown";
}

static bool
login_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

int
cf_account_valid_login(const char *login)
{
	size_t n = login ? strlen(login) : 0;

	if (n == 0 || n > 64)
		return cf_error_set(CF_EINVALID,
		    "a login is 1 to 64 characters (letters, digits, '.', "
		    "'_', '-')");
	for (size_t i = 0; i < n; i++)
		if (!login_char(login[i]))
			return cf_error_set(CF_EINVALID,
			    "login '%s': only letters, digits, '.', '_' and "
			    "'-' are allowed",
			    login);
	if (login[0] == '.' || login[0] == '_' || login[0] == '-')
		return cf_error_set(CF_EINVALID,
		    "login '%s' must start with a letter or a digit", login);
	return 0;
}

static int
valid_password(const char *password)
{
	if (password == NULL || strlen(password) < CF_PASSWORD_MIN)
		return cf_error_set(CF_EINVALID,
		    "a password is at least %d bytes", CF_PASSWORD_MIN);
	if (strlen(password) > CF_PASSWORD_MAX)
		return cf_error_set(CF_EINVALID,
		    "a password is at most %d bytes", CF_PASSWORD_MAX);
	return 0;
}

void
cf_account_release(struct cf_account *a)
{
	if (a == NULL)
		return;
	free(a->login);
	a->login = NULL;
}

bool
cf_account_active(const struct cf_account *a, cf_day today)
{
	return !a->disabled &&
	    (a->expires == CF_DAY_NONE || today <= a->expires);
}

/* ---- rows ---- */

#define ACCOUNT_COLUMNS "login, role, expires, disabled, created, hash"

/* The account of the current row; its hash to *hash when not NULL (the
 * caller frees).  CF_EINVALID when the row cannot be an account's. */
static int
read_row(sqlite3_stmt *s, struct cf_account *out, char **hash)
{
	const char *role = (const char *)sqlite3_column_text(s, 1);
	const char *exp = (const char *)sqlite3_column_text(s, 2);
	int rc = 0;

	memset(out, 0, sizeof *out);
	out->login = cf_store_col_dup(s, 0);
	if (out->login == NULL)
		out->login = cf_xstrdup("");
	out->expires = CF_DAY_NONE;
	if (role == NULL || cf_role_parse(role, &out->role) < 0)
		rc = cf_error_set(CF_EINVALID, "account '%s': role '%s'",
		    out->login, role ? role : "");
	if (rc == 0 && exp && cf_day_parse(&out->expires, exp, strlen(exp)) < 0)
		rc = cf_error_set(CF_EINVALID, "account '%s': expires: %s",
		    out->login, cf_error_message());
	out->disabled = sqlite3_column_int64(s, 3) != 0;
	out->created = sqlite3_column_int64(s, 4);
	if (hash)
		*hash = cf_store_col_dup(s, 5);
	if (rc < 0)
		cf_account_release(out);
	return rc;
}

/* The row of `login`: 0, CF_ENOTFOUND, or another error. */
static int
get_row(struct cf_store *st, const char *login, struct cf_account *out,
    char **hash)
{
	sqlite3_stmt *s;
	int rc;

	if (hash)
		*hash = NULL;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT " ACCOUNT_COLUMNS " FROM account WHERE login = ?1")) <
	    0)
		return rc;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		rc = read_row(s, out, hash);
	else if (rc == SQLITE_DONE)
		rc = cf_error_set(CF_ENOTFOUND, "no account '%s'", login);
	else
		rc = cf_store_error(st, "reading an account");
	sqlite3_finalize(s);
	return rc;
}

int
cf_account_get(struct cf_store *st, const char *login, struct cf_account *out)
{
	return get_row(st, login, out, NULL);
}

int
cf_account_list(struct cf_store *st, struct cf_account **out, size_t *n)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT " ACCOUNT_COLUMNS " FROM account ORDER BY login")) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		CF_GROW(*out, *n + 1, alloc);
		if ((rc = read_row(s, &(*out)[*n], NULL)) < 0)
			break;
		(*n)++;
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = cf_store_error(st, "reading the accounts");
	sqlite3_finalize(s);
	if (rc < 0) {
		cf_account_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
cf_account_list_free(struct cf_account *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cf_account_release(&v[i]);
	free(v);
}

/* ---- the trail ---- */

/* What the trail binds of an account's row (canonical JSON, freed by
 * the caller). */
static char *
bind_text(const struct cf_account *a, const char *hash)
{
	struct cf_json *j = cf_json_new();
	char h[CF_SHA256_HEX], day[11];
	char *text;

	sha256_hex(hash ? hash : "", h);
	cf_json_int(j, "created", a->created);
	cf_json_bool(j, "disabled", a->disabled);
	if (a->expires != CF_DAY_NONE)
		cf_day_format(a->expires, day);
	cf_json_str(j, "expires", a->expires != CF_DAY_NONE ? day : NULL);
	cf_json_str(j, "hash_sha256", h);
	cf_json_str(j, "role", cf_role_name(a->role));
	text = cf_json_text(j);
	cf_json_free(j);
	return text;
}

static void
subject_of(const char *login, char *buf, size_t n)
{
	snprintf(buf, n, "account %s", login);
}

/* Appends the entry `what` binding the row of `login` as it is now. */
static int
trail(struct cf_store *st, const char *login, int64_t now, const char *actor,
    const char *what)
{
	struct cf_account a;
	char subject[80], *hash, *data;
	int rc;

	if ((rc = get_row(st, login, &a, &hash)) < 0)
		return rc;
	data = bind_text(&a, hash);
	subject_of(login, subject, sizeof subject);
	rc = cf_trail_append(st, now, actor, what, subject, data, NULL);
	free(data);
	free(hash);
	cf_account_release(&a);
	return rc;
}

/* The data of the last trail entry of one subject. */
static int
last_data(const struct cf_trail_entry *e, void *arg)
{
	char **data = arg;

	free(*data);
	*data = cf_xstrdup(e->data);
	return 0;
}

/* A member of canonical JSON `text` for people: a string unquoted, null
 * as "none", else as written.  The caller frees. */
static char *
member_text(const char *text, const char *key)
{
	struct cf_jspan all, v;
	char *s;

	if (cf_json_span(text, strlen(text), &all) < 0 ||
	    cf_json_get(all, key, &v) < 0)
		return cf_xstrdup("missing");
	if ((s = cf_json_get_str(v)) != NULL)
		return s;
	if (v.n == 4 && memcmp(v.p, "null", 4) == 0)
		return cf_xstrdup("none");
	return cf_xstrndup(v.p, v.n);
}

/*
 * Whether the row of `a` (with its stored hash) matches its last trail
 * entry: 0, or 1 with the difference in *problem ("role is officer, its
 * trail says auditor"; the caller frees), or an error.
 */
static int
compare(struct cf_store *st, const struct cf_account *a, const char *hash,
    char **problem)
{
	static const char *const keys[] = { "role", "expires", "disabled",
		"created", "hash_sha256" };
	char subject[80], *data = NULL, *now;
	struct cf_buf b = CF_BUF_INIT;
	int rc;

	*problem = NULL;
	subject_of(a->login, subject, sizeof subject);
	if ((rc = cf_trail_each_subject(st, subject, last_data, &data)) < 0)
		return rc;
	if (data == NULL) {
		*problem = cf_xstrdup("it has no trail entry");
		return 1;
	}
	now = bind_text(a, hash);
	if (strcmp(now, data) == 0) {
		free(now);
		free(data);
		return 0;
	}
	for (size_t i = 0; i < CF_ARRAY_LEN(keys); i++) {
		char *x = member_text(now, keys[i]);
		char *y = member_text(data, keys[i]);
		if (strcmp(x, y) != 0) {
			if (b.len)
				cf_buf_adds(&b, "; ");
			if (strcmp(keys[i], "hash_sha256") == 0)
				cf_buf_adds(&b, "its password hash is not the "
						"one its trail recorded");
			else
				cf_buf_addf(&b, "%s is %s, its trail says %s",
				    keys[i], x, y);
		}
		free(x);
		free(y);
	}
	if (b.len == 0)
		cf_buf_adds(&b, "its trail entry holds other members");
	*problem = cf_buf_detach(&b);
	free(now);
	free(data);
	return 1;
}

/* ---- management ---- */

int
cf_account_add(struct cf_store *st, const char *login, enum cf_role role,
    cf_day expires, const char *password, int64_t now, const char *actor)
{
	char hash[crypto_pwhash_STRBYTES];
	sqlite3_stmt *s;
	char day[11];
	int rc;

	if ((rc = cf_account_valid_login(login)) < 0)
		return rc;
	if (role < CF_ROLE_AUDITOR || role > CF_ROLE_OFFICER)
		return cf_error_set(CF_EUSAGE, "unknown role %d", (int)role);
	if ((rc = valid_password(password)) < 0)
		return rc;
	if ((rc = password_hash(password, hash)) < 0)
		return rc;
	if ((rc = cf_store_prepare(st, &s,
		 "INSERT INTO account (login, role, hash, expires, disabled, "
		 "created) VALUES (?1, ?2, ?3, ?4, 0, ?5) "
		 "ON CONFLICT (login) DO NOTHING")) < 0)
		return rc;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, cf_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, hash, -1, SQLITE_STATIC);
	if (expires != CF_DAY_NONE) {
		cf_day_format(expires, day);
		sqlite3_bind_text(s, 4, day, -1, SQLITE_STATIC);
	} else
		sqlite3_bind_null(s, 4);
	sqlite3_bind_int64(s, 5, now);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE)
		rc = cf_store_error(st, "adding an account");
	else if (sqlite3_changes(cf_store_db(st)) == 0)
		rc = cf_error_set(CF_EEXISTS, "account '%s' already exists",
		    login);
	else
		rc = 0;
	sqlite3_finalize(s);
	sodium_memzero(hash, sizeof hash);
	if (rc < 0)
		return rc;
	return trail(st, login, now, actor, "account.add");
}

/* Runs `sql` binding ?1 = login, ?2 = `text` (may be NULL); CF_ENOTFOUND
 * when it changed no row. */
static int
update(struct cf_store *st, const char *sql, const char *login,
    const char *text, const char *what)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s, sql)) < 0)
		return rc;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	if (text)
		sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE)
		rc = cf_store_error(st, what);
	else if (sqlite3_changes(cf_store_db(st)) == 0)
		rc = cf_error_set(CF_ENOTFOUND, "no account '%s'", login);
	else
		rc = 0;
	sqlite3_finalize(s);
	return rc;
}

int
cf_account_passwd(struct cf_store *st, const char *login,
    const char *password, int64_t now, const char *actor)
{
	char hash[crypto_pwhash_STRBYTES];
	struct cf_account a;
	int rc;

	if ((rc = cf_account_get(st, login, &a)) < 0)
		return rc;
	cf_account_release(&a);
	if ((rc = valid_password(password)) < 0 ||
	    (rc = password_hash(password, hash)) < 0)
		return rc;
	rc = update(st, "UPDATE account SET hash = ?2 WHERE login = ?1", login,
	    hash, "changing a password");
	sodium_memzero(hash, sizeof hash);
	if (rc == 0)
		rc = cf_session_close_all(st, login);
	if (rc == 0)
		rc = trail(st, login, now, actor, "account.passwd");
	return rc;
}

int
cf_account_disable(struct cf_store *st, const char *login, int64_t now,
    const char *actor)
{
	struct cf_account a;
	int rc;

	if ((rc = cf_account_get(st, login, &a)) < 0)
		return rc;
	bool was = a.disabled;
	cf_account_release(&a);
	if (was)
		return cf_error_set(CF_EINVALID,
		    "account '%s' is already disabled", login);
	if ((rc = update(st, "UPDATE account SET disabled = 1 WHERE login = ?1",
		 login, NULL, "disabling an account")) < 0 ||
	    (rc = cf_session_close_all(st, login)) < 0)
		return rc;
	return trail(st, login, now, actor, "account.disable");
}

/* ---- use ---- */

int
cf_account_usable(struct cf_store *st, const char *login, cf_day today,
    struct cf_account *out)
{
	struct cf_account a;
	char *hash, *problem, day[11];
	int rc;

	if ((rc = get_row(st, login, &a, &hash)) < 0)
		return rc;
	rc = compare(st, &a, hash, &problem);
	free(hash);
	if (rc == 1) {
		rc = cf_error_set(CF_EINVALID,
		    "account '%s' does not match its trail entry: %s "
		    "(see conform trail verify)",
		    login, problem);
		free(problem);
	} else if (rc == 0 && a.disabled)
		rc = cf_error_set(CF_EINVALID, "account '%s' is disabled",
		    login);
	else if (rc == 0 && !cf_account_active(&a, today)) {
		cf_day_format(a.expires, day);
		rc = cf_error_set(CF_EINVALID, "account '%s' expired on %s",
		    login, day);
	}
	if (rc < 0 || out == NULL)
		cf_account_release(&a);
	else
		*out = a;
	return rc;
}

/* ---- throttling ---- */

/*
 * How many failures `key` has after `since`, and the time of the last
 * one.
 */
static int
failures(struct cf_store *st, const char *key, int64_t since, int64_t *count,
    int64_t *last)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT count(*), coalesce(max(at), 0) FROM login_failure "
		 "WHERE key = ?1 AND at > ?2")) < 0)
		return rc;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, since);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*count = sqlite3_column_int64(s, 0);
		*last = sqlite3_column_int64(s, 1);
		rc = 0;
	} else
		rc = cf_store_error(st, "reading the failed logins");
	sqlite3_finalize(s);
	return rc;
}

static int
failure_sql(struct cf_store *st, const char *sql, const char *key, int64_t at)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = cf_store_prepare(st, &s, sql)) < 0)
		return rc;
	/* (a statement without ?1 or ?2 ignores that binding) */
	if (key)
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, at);
	rc = sqlite3_step(s) == SQLITE_DONE
	    ? 0
	    : cf_store_error(st, "recording a failed login");
	sqlite3_finalize(s);
	return rc;
}

/*
 * In its own transaction: CF_EBUSY (and *wait_s) when either key has
 * its CF_LOGIN_FAILURES in the last minute, else one failure recorded
 * for each key at `now` (the attempt, until its password proves right)
 * and the failures older than a minute forgotten.
 */
static int
attempt(struct cf_store *st, const char *const keys[2], int64_t now,
    int *wait_s)
{
	int64_t count = 0, last = 0, wait = 0;
	int rc;

	if ((rc = cf_store_begin(st)) < 0)
		return rc;
	for (int i = 0; i < 2; i++) {
		if ((rc = failures(st, keys[i], now - CF_LOGIN_WAIT, &count,
			 &last)) < 0)
			goto fail;
		if (count >= CF_LOGIN_FAILURES &&
		    last + CF_LOGIN_WAIT - now > wait)
			wait = last + CF_LOGIN_WAIT - now;
	}
	if (wait > 0) {
		cf_store_rollback(st);
		if (wait_s)
			*wait_s = (int)wait;
		return cf_error_set(CF_EBUSY,
		    "too many failed logins; try again in %d s", (int)wait);
	}
	if ((rc = failure_sql(st, "DELETE FROM login_failure WHERE at <= ?2",
		 NULL, now - CF_LOGIN_WAIT)) < 0)
		goto fail;
	for (int i = 0; i < 2; i++)
		if ((rc = failure_sql(st,
			 "INSERT INTO login_failure (key, at) VALUES (?1, ?2)",
			 keys[i], now)) < 0)
			goto fail;
	return cf_store_commit(st);
fail:
	cf_store_rollback(st);
	return rc;
}

int
cf_account_login(struct cf_store *st, const char *login,
    const char *password, const char *addr, int64_t now, cf_day today,
    struct cf_account *out, int *wait_s, char **why)
{
	struct cf_account a;
	char *hash = NULL;
	char *keys[2];
	bool right;
	int rc;

	if (why)
		*why = NULL;
	if (wait_s)
		*wait_s = 0;
	if (login == NULL)
		login = "";
	if (password == NULL)
		password = "";
	if ((rc = sodium_ready()) < 0)
		return rc;
	keys[0] = cf_xasprintf("login:%s", login);
	keys[1] = cf_xasprintf("addr:%s", addr ? addr : "");
	if ((rc = attempt(st, (const char *const *)keys, now, wait_s)) < 0)
		goto out;
	rc = get_row(st, login, &a, &hash);
	if (rc == CF_ENOTFOUND) {
		(void)password_ok(NULL, password);
		if (why)
			*why = cf_xasprintf("no account '%s'", login);
		rc = cf_error_set(CF_EINVALID, "wrong login or password");
		goto out;
	}
	if (rc < 0)
		goto out;
	right = password_ok(hash, password);
	cf_account_release(&a);
	if (!right) {
		if (why)
			*why = cf_xasprintf("account '%s': wrong password",
			    login);
		rc = cf_error_set(CF_EINVALID, "wrong login or password");
		goto out;
	}
	if ((rc = cf_account_usable(st, login, today, out)) < 0) {
		if (why)
			*why = cf_xstrdup(cf_error_message());
		rc = cf_error_set(CF_EINVALID, "wrong login or password");
		goto out;
	}
	/* the right password: the login's failures are forgotten */
	if ((rc = cf_store_begin(st)) < 0 ||
	    (rc = failure_sql(st,
		 "DELETE FROM login_failure WHERE key = ?1",
		 keys[0], 0)) < 0 ||
	    (rc = cf_store_commit(st)) < 0) {
		if (cf_store_in_tx(st))
			cf_store_rollback(st);
		if (out)
			cf_account_release(out);
	}
out:
	free(hash);
	free(keys[0]);
	free(keys[1]);
	return rc;
}

/* ---- sessions ---- */

/* Runs `sql` with ?1 = `a` and ?2 = `b` (when the statement has a ?2)
 * in a transaction of its own unless the caller holds one. */
static int
session_write(struct cf_store *st, const char *sql, const char *a,
    int64_t b, const char *what)
{
	bool own = !cf_store_in_tx(st);
	sqlite3_stmt *s;
	int rc;

	if (own && (rc = cf_store_begin(st)) < 0)
		return rc;
	if ((rc = cf_store_prepare(st, &s, sql)) == 0) {
		sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, b);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0
						    : cf_store_error(st, what);
		sqlite3_finalize(s);
	}
	if (own) {
		if (rc == 0)
			rc = cf_store_commit(st);
		else
			cf_store_rollback(st);
	}
	return rc;
}

int
cf_session_open(struct cf_store *st, const char *login, int64_t now,
    char token[CF_TOKEN_HEX + 1], char csrf[CF_TOKEN_HEX + 1])
{
	char h[CF_SHA256_HEX];
	sqlite3_stmt *s;
	int rc;

	if ((rc = sodium_ready()) < 0)
		return rc;
	random_hex(token);
	random_hex(csrf);
	sha256_hex(token, h);
	if ((rc = cf_store_begin(st)) < 0)
		return rc;
	if ((rc = cf_store_prepare(st, &s,
		 "INSERT INTO session (token_sha256, login, csrf, created, "
		 "last_seen) VALUES (?1, ?2, ?3, ?4, ?4)")) == 0) {
		sqlite3_bind_text(s, 1, h, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, login, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, csrf, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, now);
		rc = sqlite3_step(s) == SQLITE_DONE
		    ? 0
		    : cf_store_error(st, "opening a session");
		sqlite3_finalize(s);
	}
	if (rc == 0)
		rc = cf_store_commit(st);
	else
		cf_store_rollback(st);
	if (rc < 0) {
		sodium_memzero(token, CF_TOKEN_HEX + 1);
		sodium_memzero(csrf, CF_TOKEN_HEX + 1);
	}
	return rc;
}

/* Whether `t` is CF_TOKEN_HEX lower-case hex digits. */
static bool
token_shape(const char *t)
{
	size_t i;

	for (i = 0; t && t[i]; i++)
		if (!((t[i] >= '0' && t[i] <= '9') ||
			(t[i] >= 'a' && t[i] <= 'f')))
			return false;
	return t && i == CF_TOKEN_HEX;
}

int
cf_session_get(struct cf_store *st, const char *token, int64_t now,
    char **login, char csrf[CF_TOKEN_HEX + 1])
{
	char h[CF_SHA256_HEX];
	int64_t last = 0;
	sqlite3_stmt *s;
	const char *c;
	int rc;

	*login = NULL;
	if (!token_shape(token))
		return cf_error_set(CF_ENOTFOUND, "no such session");
	sha256_hex(token, h);
	if ((rc = cf_store_prepare(st, &s,
		 "SELECT login, csrf, last_seen FROM session "
		 "WHERE token_sha256 = ?1")) < 0)
		return rc;
	sqlite3_bind_text(s, 1, h, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*login = cf_store_col_dup(s, 0);
		c = (const char *)sqlite3_column_text(s, 1);
		snprintf(csrf, CF_TOKEN_HEX + 1, "%s", c ? c : "");
		last = sqlite3_column_int64(s, 2);
		rc = 0;
	} else if (rc == SQLITE_DONE)
		rc = cf_error_set(CF_ENOTFOUND, "no such session");
	else
		rc = cf_store_error(st, "reading a session");
	sqlite3_finalize(s);
	if (rc < 0)
		return rc;
	if (now - last > CF_SESSION_IDLE) {
		free(*login);
		*login = NULL;
		memset(csrf, 0, CF_TOKEN_HEX + 1);
		rc = session_write(st,
		    "DELETE FROM session WHERE token_sha256 = ?1", h,
		    0, "ending a session");
		return rc < 0 ? rc
			      : cf_error_set(CF_ENOTFOUND,
				    "the session has expired");
	}
	if (now - last >= 60 &&
	    (rc = session_write(st,
		 "UPDATE session SET last_seen = ?2 WHERE token_sha256 = ?1", h,
		 now, "using a session")) < 0) {
		free(*login);
		*login = NULL;
		return rc;
	}
	return 0;
}

bool
cf_session_csrf_ok(const char *want, const char *given)
{
	if (!token_shape(want) || !token_shape(given))
		return false;
	return sodium_memcmp(want, given, CF_TOKEN_HEX) == 0;
}

int
cf_session_close(struct cf_store *st, const char *token)
{
	char h[CF_SHA256_HEX];

	if (!token_shape(token))
		return 0;
	sha256_hex(token, h);
	return session_write(st,
	    "DELETE FROM session WHERE token_sha256 = ?1", h, 0,
	    "ending a session");
}

int
cf_session_close_all(struct cf_store *st, const char *login)
{
	return session_write(st,
	    "DELETE FROM session WHERE login = ?1", login, 0,
	    "ending the sessions of an account");
}

/* ---- verification ---- */

/* The logins the trail has entries about (subject "account LOGIN"). */
static int
trail_logins(const struct cf_trail_entry *e, void *arg)
{
	struct cf_strv *v = arg;

	if (strncmp(e->what, "account.", 8) == 0 &&
	    strncmp(e->subject, "account ", 8) == 0)
		cf_strv_push(v, e->subject + 8);
	return 0;
}

int
cf_account_verify(struct cf_store *st, cf_account_problem_fn fn, void *arg)
{
	struct cf_strv seen = CF_STRV_INIT;
	sqlite3_stmt *s;
	int rc, problems = 0;

	if ((rc = cf_store_prepare(st, &s,
		 "SELECT " ACCOUNT_COLUMNS " FROM account ORDER BY login")) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct cf_account a;
		char *hash = NULL, *problem = NULL, *line;
		const char *login = (const char *)sqlite3_column_text(s, 0);
		int c;

		if (read_row(s, &a, &hash) < 0) {
			line = cf_xasprintf("account '%s': %s",
			    login ? login : "", cf_error_message());
			c = 1;
		} else {
			c = compare(st, &a, hash, &problem);
			line = c == 1 ? cf_xasprintf("account '%s': %s",
					    a.login, problem)
				      : NULL;
			cf_account_release(&a);
		}
		free(hash);
		free(problem);
		if (c < 0) {
			rc = c;
			break;
		}
		if (c == 1) {
			problems++;
			if (fn)
				fn(line, arg);
		}
		free(line);
		cf_strv_push(&seen, login ? login : "");
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = cf_store_error(st, "reading the accounts");
	sqlite3_finalize(s);
	/* an account the trail knows whose row is gone */
	struct cf_strv known = CF_STRV_INIT;
	if (rc == 0 && (rc = cf_trail_each(st, trail_logins, &known)) == 0) {
		cf_strv_sort(&known);
		cf_strv_sort(&seen);
		for (size_t i = 0, j = 0; i < known.n; i++) {
			if (i > 0 && strcmp(known.v[i], known.v[i - 1]) == 0)
				continue;
			while (j < seen.n && strcmp(seen.v[j], known.v[i]) < 0)
				j++;
			if (j < seen.n && strcmp(seen.v[j], known.v[i]) == 0)
				continue;
			char *line = cf_xasprintf("account '%s': its trail "
						  "entries name it, but it has "
						  "no row (deleted)",
			    known.v[i]);
			problems++;
			if (fn)
				fn(line, arg);
			free(line);
		}
	}
	cf_strv_release(&known);
	cf_strv_release(&seen);
	return rc < 0 ? rc : problems;
}
