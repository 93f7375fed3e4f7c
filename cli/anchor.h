/* SPDX-License-Identifier: MIT */
/*
 * anchor.h - what the commands do with the trail's anchors
 * (doc/integrity.md, "The head anchored outside the database" and
 * "History"): write a checkpoint with the configured key (`trail
 * checkpoint`, and after every stored audit and NCR closure), and check
 * the checkpoints, an auditor's head and main's history for `trail
 * verify`.
 */
#ifndef CF_CLI_ANCHOR_H
#define CF_CLI_ANCHOR_H

#include <stdint.h>

#include "checkpoint.h"
#include "cmd.h"

/*
 * Writes a checkpoint of the current head, signed with the command's
 * key (signkey.h; unsigned when none is configured), by the workspace's
 * author or git's user (else conform).  *out (may be NULL) is the new
 * checkpoint; the caller releases it.
 */
int cf_cli_checkpoint(struct cf_cmd *cmd, struct cf_checkpoint *out);

/*
 * The same after a domain change that was committed (an audit stored,
 * an NCR closed): a failure is returned prefixed with `done` ("audit 3
 * is stored"), so the message says that the change stays.
 */
int cf_cli_checkpoint_after(struct cf_cmd *cmd, const char *done);

/* One line: "checkpoint 3: entry 52 3f1c…, signed by X on DATE". */
void cf_cli_checkpoint_print(FILE *f, const struct cf_checkpoint *c);

/*
 * trail verify's checks after the chain (the trail is `n` entries
 * long): every checkpoint, the head of --head SEQ:HASH when given,
 * every cited commit on main and every commit of main recorded.
 * Problems are printed one a line to stderr and make it CF_EINVALID;
 * warnings are printed and pass.  *last gets the last checkpoint (n 0
 * when there is none); the caller releases it.
 */
int cf_cli_trail_anchors(struct cf_cmd *cmd, struct cf_store *st, int64_t n,
    struct cf_checkpoint *last);

/* Refuses (CF_EINVALID) while a commit the records cite is not on main. */
int cf_cli_history_gate(struct cf_cmd *cmd, struct cf_store *st);

#endif
