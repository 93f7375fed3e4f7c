/* SPDX-License-Identifier: MIT */
/*
 * account.h - the web application's accounts and sessions (SPEC 13,
 * doc/web.md), kept in the store.
 *
 * An account is a login, a role (auditor < manager < officer), an
 * optional last day (`expires`, inclusive, for an external auditor's
 * time-limited access) and a password stored only as an argon2id hash
 * (libsodium's crypto_pwhash_str, its "interactive" limits).  Adding,
 * disabling an account and changing its password each append a trail
 * entry (subject "account LOGIN") naming the role, the last day and the
 * SHA-256 of the stored hash, in the caller's transaction; an account
 * row that does not match its last trail entry — a role raised or a
 * hash replaced with sqlite3 — cannot log in (cf_account_login) and is
 * reported by cf_account_verify.
 *
 * Sessions: a random 256-bit token the browser holds in a cookie; the
 * store keeps only its SHA-256, the login, a per-session CSRF token and
 * the last time it was used.  A session idle for CF_SESSION_IDLE
 * seconds is gone.  Failed logins are counted per login and per
 * address: after CF_LOGIN_FAILURES within a minute, both wait until a
 * minute has passed since the last failure.
 *
 * SQL on the account, session and login_failure tables lives here only.
 */
#ifndef CF_ACCOUNT_H
#define CF_ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"

struct cf_store;

enum cf_role {
	CF_ROLE_AUDITOR = 1, /* reads everything, changes nothing */
	CF_ROLE_MANAGER = 2, /* and fills NCRs, moves them (not verified) */
	CF_ROLE_OFFICER = 3, /* and verifies NCRs against a later audit */
};

/* "auditor", "manager", "officer"; CF_EUSAGE naming the three otherwise. */
int cf_role_parse(const char *s, enum cf_role *out);
const char *cf_role_name(enum cf_role r);

struct cf_account {
	char *login;
	enum cf_role role;
	cf_day expires;	 /* last day it may log in; CF_DAY_NONE: no end */
	bool disabled;
	int64_t created; /* UTC seconds */
};
void cf_account_release(struct cf_account *a);

/* Logins: 1 to 64 bytes of letters, digits, '.', '_', '-', starting with
 * a letter or digit.  CF_EINVALID saying so otherwise. */
int cf_account_valid_login(const char *login);

/* Passwords: 8 to 1024 bytes (CF_EINVALID otherwise). */
#define CF_PASSWORD_MIN 8
#define CF_PASSWORD_MAX 1024

/* The account management, each inside the caller's transaction, each
 * with its trail entry (`actor` is who did it). */
int cf_account_add(struct cf_store *st, const char *login, enum cf_role role,
    cf_day expires, const char *password, int64_t now, const char *actor);
int cf_account_passwd(struct cf_store *st, const char *login,
    const char *password, int64_t now, const char *actor);
int cf_account_disable(struct cf_store *st, const char *login, int64_t now,
    const char *actor);

/* CF_ENOTFOUND "no account 'LOGIN'" when there is none. */
int cf_account_get(struct cf_store *st, const char *login,
    struct cf_account *out);
/* Every account, by login; free with cf_account_list_free. */
int cf_account_list(struct cf_store *st, struct cf_account **out, size_t *n);
void cf_account_list_free(struct cf_account *v, size_t n);

/* Whether the account may be used on day `today`: not disabled, not
 * past its last day. */
bool cf_account_active(const struct cf_account *a, cf_day today);

/*
 * The account `login` if it exists, is active on `today`, and matches
 * its trail; CF_EINVALID with the reason otherwise ("account 'x' is
 * disabled", "account 'x' expired on 2026-12-31", "account 'x' does not
 * match its trail entry ...").  `--as LOGIN` on the command line and
 * every web request use it.
 */
int cf_account_usable(struct cf_store *st, const char *login, cf_day today,
    struct cf_account *out);

/*
 * A login attempt from address `addr`: 0 and *out when the password is
 * right and the account usable; CF_EINVALID "wrong login or password"
 * (the same words whether or not the login exists; the reason an
 * existing account is refused goes to *why when why is not NULL, for
 * the server's log only); CF_EBUSY when the login or the address has
 * CF_LOGIN_FAILURES failures in the last minute (*wait_s, when not
 * NULL, is how long is left).  Records the failure or clears the
 * login's failures, in its own transaction.
 */
#define CF_LOGIN_FAILURES 5
#define CF_LOGIN_WAIT 60
int cf_account_login(struct cf_store *st, const char *login,
    const char *password, const char *addr, int64_t now, cf_day today,
    struct cf_account *out, int *wait_s, char **why);

/* Sessions. */
#define CF_SESSION_IDLE (30 * 60)
#define CF_TOKEN_HEX 64 /* 32 random bytes, hex, without the NUL */

/* Opens a session for `login` (its own transaction): the cookie token and
 * the CSRF token, each CF_TOKEN_HEX hex digits and a NUL. */
int cf_session_open(struct cf_store *st, const char *login, int64_t now,
    char token[CF_TOKEN_HEX + 1], char csrf[CF_TOKEN_HEX + 1]);

/*
 * The session of cookie token `token`: its login and CSRF token, and its
 * last use set to `now`.  CF_ENOTFOUND when there is none or it has been
 * idle more than CF_SESSION_IDLE (then it is deleted).  The last use is
 * written at most once a minute, so reading pages writes little.
 */
int cf_session_get(struct cf_store *st, const char *token, int64_t now,
    char **login, char csrf[CF_TOKEN_HEX + 1]);

/*
 * Whether the CSRF token a form carried (`given`, may be NULL) is the
 * session's (`want`): both CF_TOKEN_HEX hex digits, compared in constant
 * time.
 */
bool cf_session_csrf_ok(const char *want, const char *given);

/* Ends the session (logout); no error when there is none. */
int cf_session_close(struct cf_store *st, const char *token);

/* Removes every session of `login` (disable, passwd). Inside the caller's
 * transaction. */
int cf_session_close_all(struct cf_store *st, const char *login);

/*
 * Checks every account against its trail entries: calls `fn` with a
 * one-line problem per account that does not match ("account 'x': role
 * is officer, its trail says auditor") and returns how many.
 */
typedef void (*cf_account_problem_fn)(const char *problem, void *arg);
int cf_account_verify(struct cf_store *st, cf_account_problem_fn fn,
    void *arg);

#endif
