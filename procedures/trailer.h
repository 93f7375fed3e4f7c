/* SPDX-License-Identifier: MIT */
/*
 * trailer.h - the Approved-by trailer of a commit message: how a
 * document version records its approval (doc/documents.md), read back by the
 * document index and written by the commit gate.
 */
#ifndef CF_TRAILER_H
#define CF_TRAILER_H

/*
 * The last Approved-by trailer of a commit message, following git's
 * trailer rules (the last paragraph, after a blank line, made only of
 * "Key: value" lines and indented continuations; the key matched
 * ignoring case).  *name NULL when there is none; the caller frees.
 */
void cf_trailer_approved_by(const char *msg, char **name, char **email);

/*
 * Appends "Approved-by: WHO" to a message following the same rules:
 * into its trailer block when it ends with one, else after a blank line.
 * The caller frees the result.
 */
char *cf_trailer_add_approved_by(const char *msg, const char *who);

#endif
