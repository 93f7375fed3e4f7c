/* SPDX-License-Identifier: MIT */
/*
 * password.h - a new password for `conform user add` and `user passwd`
 * (doc/web.md "Accounts and roles").
 *
 * From a terminal: asked twice on /dev/tty without echo (termios), the
 * two must agree.  Otherwise one line of standard input, its line end
 * dropped, so that scripts can pipe it in.  Shorter than
 * CF_PASSWORD_MIN bytes is refused here, before any work.
 */
#ifndef CF_PASSWORD_H
#define CF_PASSWORD_H

struct cf_cmd;

/* 0 and the password in *out (the caller wipes and frees it with
 * cf_cli_password_free), or CF_EINVALID / CF_ERROR. */
int cf_cli_password_read(struct cf_cmd *cmd, const char *login, char **out);
void cf_cli_password_free(char *pw);

#endif
