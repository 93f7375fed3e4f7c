/* SPDX-License-Identifier: MIT */
/*
 * fuzz-trailer.c - the git trailer parser that finds a version's
 * approver (procedures/trailer.c: cf_trailer_approved_by) and the
 * writer that adds one (cf_trailer_add_approved_by).
 *
 * The input is a commit message.  Promises checked: reading never
 * fails; after `doc commit --approved-by` has added its trailer to any
 * message, the approver read back is the one added (the last
 * Approved-by wins, whatever the message held before).
 */
#include "fuzz.h"
#include "trailer.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *msg = cf_xstrndup((const char *)data, size);
	char *name = NULL, *email = NULL, *with;

	cf_trailer_approved_by(msg, &name, &email);
	FUZZ_CHECK((name == NULL) == (email == NULL), "half an approver");
	free(name);
	free(email);
	with = cf_trailer_add_approved_by(msg, "李四 <li@dongfang.gov.cn>");
	cf_trailer_approved_by(with, &name, &email);
	FUZZ_CHECK(name && email && strcmp(name, "李四") == 0 &&
		strcmp(email, "li@dongfang.gov.cn") == 0,
	    "approver added to the message, read back as '%s' <%s>:\n%s",
	    name ? name : "(none)", email ? email : "", with);
	free(name);
	free(email);
	free(with);
	free(msg);
	cf_error_clear();
	return 0;
}
