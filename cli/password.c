/* SPDX-License-Identifier: MIT */
/*
 * password.c - reading a new password (password.h): from the terminal
 * without echo, asked twice, or one line of a pipe.  The buffers are
 * wiped before they are freed.
 */
#include "conform.h"
#include "account.h"
#include "cmd.h"
#include "password.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define PASSWORD_MAX CF_PASSWORD_MAX

static void
wipe(char *p, size_t n)
{
	volatile char *v = p;

	while (n--)
		*v++ = 0;
}

void
cf_cli_password_free(char *pw)
{
	if (pw) {
		wipe(pw, strlen(pw));
		free(pw);
	}
}

/* One line of `f` without its line end (CR LF or LF), at most
 * PASSWORD_MAX bytes; NULL at the end of the input. */
static char *
read_line(FILE *f, bool *too_long)
{
	char *buf = cf_xmalloc(PASSWORD_MAX + 2);
	size_t n = 0;
	int c;

	*too_long = false;
	while ((c = getc(f)) != EOF && c != '\n') {
		if (n < PASSWORD_MAX + 1)
			buf[n++] = (char)c;
		else
			*too_long = true;
	}
	if (c == EOF && n == 0) {
		free(buf);
		return NULL;
	}
	if (n > PASSWORD_MAX)
		*too_long = true;
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	return buf;
}

/* Asks `prompt` on the terminal `tty` with echo off. */
static char *
ask(FILE *tty, const char *prompt, bool *too_long)
{
	struct termios old, quiet;
	bool restore = false;
	char *line;

	fputs(prompt, tty);
	fflush(tty);
	if (tcgetattr(fileno(tty), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ECHONL;
		restore = tcsetattr(fileno(tty), TCSAFLUSH, &quiet) == 0;
	}
	line = read_line(tty, too_long);
	if (restore)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	return line;
}

int
cf_cli_password_read(struct cf_cmd *cmd, const char *login, char **out)
{
	char *a = NULL, *b = NULL, prompt[128];
	bool long_a = false, long_b = false;
	int rc = 0;

	*out = NULL;
	if (isatty(STDIN_FILENO)) {
		FILE *tty = fopen("/dev/tty", "r+");
		if (tty == NULL)
			return cf_error_set(CF_ERROR, "cannot open the terminal: %s",
			    strerror(errno));
		snprintf(prompt, sizeof prompt, "password for %s: ", login);
		a = ask(tty, prompt, &long_a);
		if (a)
			b = ask(tty, "the same again: ", &long_b);
		fclose(tty);
		if (a && (b == NULL || strcmp(a, b) != 0))
			rc = cf_error_set(CF_EINVALID,
			    "the two passwords differ; nothing was changed");
	} else
		a = read_line(stdin, &long_a);
	if (rc == 0 && a == NULL)
		rc = cf_error_set(CF_EINVALID,
		    "no password given (one line on standard input)");
	else if (rc == 0 && (long_a || long_b))
		rc = cf_error_set(CF_EINVALID, "a password is at most %d bytes",
		    PASSWORD_MAX);
	else if (rc == 0 && strlen(a) < CF_PASSWORD_MIN)
		rc = cf_error_set(CF_EINVALID,
		    "a password is at least %d bytes", CF_PASSWORD_MIN);
	cf_cli_password_free(b);
	if (rc < 0)
		cf_cli_password_free(a);
	else
		*out = a;
	return rc;
}
