/* SPDX-License-Identifier: MIT */
/*
 * check_bundle.c - the evidence pack's git bundle (procedures/bundle.c):
 * a bundle written from a repository with main and a conform ref reads
 * back into a bare repository at the same commits, and is the same bytes
 * when written twice; every kind of hostile header and pack is refused
 * with the line or object named: no signature, a prerequisite, a ref
 * outside main and refs/conform/, a name that is not ASCII, a ref
 * listed twice, HEAD not main, no main, a header that does not end, a
 * pack declaring more objects than it holds, an object declaring more
 * than CF_BUNDLE_MAX_OBJECT bytes, a stream that inflates to another
 * size, bytes after the last object.
 */
#include "conform.h"
#include "bundle.h"
#include "check_suites.h"
#include "check_util.h"
#include "paths.h"
#include "repo.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static struct cf_repo *repo;
static char c1[CF_OID_HEX], c2[CF_OID_HEX];

static void
setup(void)
{
	struct cf_sig who;
	struct cf_change ch = { "procedures/P-1.xml", "<x/>", 4, false };
	struct cf_change ch2 = { "procedures/P-1.xml", "<y/>", 4, false };

	tmp_setup();
	ck_assert_int_eq(cf_repo_init(&repo, tmp_path("ws")), 0);
	ck_assert_int_eq(cf_sig_parse(&who, "张三 <zhang@example.cn>"), 0);
	ck_assert_int_eq(cf_repo_commit(repo, NULL, &ch, 1, &who, &who,
			     1767225600, 480, "one\n", c1),
	    0);
	ck_assert_int_eq(cf_repo_commit(repo, c1, &ch2, 1, &who, &who,
			     1767312000, 480, "two\n", c2),
	    0);
	cf_sig_release(&who);
	{
		git_oid id;
		git_reference *ref = NULL;
		git_oid_fromstr(&id, c1);
		ck_assert_int_eq(git_reference_create(&ref, cf_repo_git(repo),
				     "refs/conform/checkpoints", &id, 0, "t"),
		    0);
		git_reference_free(ref);
	}
}

static void
teardown(void)
{
	cf_repo_free(repo);
	tmp_teardown();
}

static char *
slurp(const char *path, size_t *n)
{
	char *s;

	ck_assert_int_eq(cf_read_file(path, 1 << 26, &s, n), 0);
	return s;
}

START_TEST(test_round_trip)
{
	struct cf_bundle_refs refs;
	struct cf_repo *back;
	char *a, *b, hex[CF_OID_HEX];
	size_t na, nb, nrefs;

	ck_assert_int_eq(cf_bundle_write(repo, tmp_path("a.bundle"), &nrefs),
	    0);
	ck_assert_uint_eq(nrefs, 2);
	ck_assert_int_eq(cf_bundle_write(repo, tmp_path("b.bundle"), NULL), 0);
	a = slurp(tmp_path("a.bundle"), &na);
	b = slurp(tmp_path("b.bundle"), &nb);
	ck_assert(na == nb && memcmp(a, b, na) == 0);
	ck_assert(strncmp(a, CF_BUNDLE_SIGNATURE, 16) == 0);
	ck_assert_msg(cf_bundle_read(a, na, tmp_path("back"), &back, &refs) ==
		0,
	    "%s", cf_error_message());
	ck_assert_uint_eq(refs.names.n, 2);
	ck_assert_str_eq(refs.names.v[0], "refs/conform/checkpoints");
	ck_assert_str_eq(refs.oids.v[0], c1);
	ck_assert_str_eq(refs.names.v[1], CF_REPO_BRANCH);
	ck_assert_int_eq(cf_repo_head(back, hex), 0);
	ck_assert_str_eq(hex, c2);
	ck_assert_int_eq(cf_repo_commit_exists(back, c1), 0);
	ck_assert_int_eq(cf_repo_resolve(back, "refs/conform/checkpoints", hex),
	    0);
	ck_assert_str_eq(hex, c1);
	cf_repo_free(back);
	cf_bundle_refs_release(&refs);
	/* a folder that exists is not reused */
	ck_assert_int_lt(cf_bundle_read(a, na, tmp_path("back"), &back, &refs),
	    0);
	cf_bundle_refs_release(&refs);
	cf_error_clear();
	free(a);
	free(b);
}
END_TEST

/* The header `h` followed by the pack of a real bundle. */
static void
refused_header(const char *h, const char *what)
{
	struct cf_bundle_refs refs;
	size_t off;
	int rc = cf_bundle_parse_header(h, strlen(h), &refs, &off);

	ck_assert_int_eq(rc, CF_EINVALID);
	ck_assert_msg(strstr(cf_error_message(), what) != NULL,
	    "'%s' lacks '%s'", cf_error_message(), what);
	cf_bundle_refs_release(&refs);
	cf_error_clear();
}

START_TEST(test_hostile_headers)
{
	char *h;
	const char *z = "0123456789abcdef0123456789abcdef01234567";
	const char *y = "1123456789abcdef0123456789abcdef01234567";

	refused_header("# v3 git bundle\n", "line 1: not a git bundle");
	h = cf_xasprintf("# v2 git bundle\n-%s\n%s refs/heads/main\n\n", z, z);
	refused_header(h, "line 2: a prerequisite");
	free(h);
	h = cf_xasprintf("# v2 git bundle\n%s refs/heads/other\n\n", z);
	refused_header(h, "line 2: ref 'refs/heads/other' is not");
	free(h);
	h = cf_xasprintf("# v2 git bundle\n%s refs/conform/\xe6\xa3\x80\n\n",
	    z);
	refused_header(h, "line 2: ref ");
	free(h);
	h = cf_xasprintf("# v2 git bundle\n%s refs/conform/../x\n\n", z);
	refused_header(h, "line 2: ref ");
	free(h);
	h = cf_xasprintf("# v2 git bundle\n%s refs/heads/main\n%s "
			 "refs/heads/main\n\n",
	    z, z);
	refused_header(h, "listed twice");
	free(h);
	h = cf_xasprintf("# v2 git bundle\n%s HEAD\n%s refs/heads/main\n\n", y,
	    z);
	refused_header(h, "main is not the commit HEAD names");
	free(h);
	h = cf_xasprintf("# v2 git bundle\n%s refs/conform/checkpoints\n\n", z);
	refused_header(h, "no refs/heads/main");
	free(h);
	h = cf_xasprintf("# v2 git bundle\n%s refs/heads/main\n", z);
	refused_header(h, "the header does not end");
	free(h);
	h = cf_xasprintf("# v2 git bundle\n%s\n\n", "NOTHEX");
	refused_header(h, "line 2: expected '<40 lower-case hex digits>");
	free(h);
}
END_TEST

static void
be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A pack of one blob object whose header declares `declared` bytes and
 * whose zlib stream holds `data`, then `extra` bytes, then 20 bytes. */
static size_t
make_pack(unsigned char *out, uint64_t declared, const char *data,
    size_t extra)
{
	size_t n = 0;
	uLongf zn = 256;
	unsigned char c;

	memcpy(out, "PACK", 4);
	be32(out + 4, 2);
	be32(out + 8, 1);
	n = 12;
	c = (unsigned char)(3 << 4 | (declared & 15));
	declared >>= 4;
	if (declared)
		c |= 0x80;
	out[n++] = c;
	while (declared) {
		c = declared & 0x7f;
		declared >>= 7;
		out[n++] = (unsigned char)(c | (declared ? 0x80 : 0));
	}
	ck_assert_int_eq(compress(out + n, &zn, (const Bytef *)data,
			     strlen(data)),
	    Z_OK);
	n += zn;
	memset(out + n, 'x', extra + 20);
	return n + extra + 20;
}

START_TEST(test_hostile_packs)
{
	unsigned char p[1024];
	uint32_t nobj;
	size_t n;

	n = make_pack(p, 5, "hello", 0);
	ck_assert_int_eq(cf_bundle_scan_pack(p, n, &nobj), 0);
	ck_assert_uint_eq(nobj, 1);
	n = make_pack(p, 6, "hello", 0);
	ck_assert_int_eq(cf_bundle_scan_pack(p, n, &nobj), CF_EINVALID);
	ck_assert(strstr(cf_error_message(), "pack object 0: its data does "
					     "not inflate to the 6 bytes"));
	n = make_pack(p, CF_BUNDLE_MAX_OBJECT + 1, "hello", 0);
	ck_assert_int_eq(cf_bundle_scan_pack(p, n, &nobj), CF_EINVALID);
	ck_assert(strstr(cf_error_message(), "more than the"));
	n = make_pack(p, 5, "hello", 3);
	ck_assert_int_eq(cf_bundle_scan_pack(p, n, &nobj), CF_EINVALID);
	ck_assert(strstr(cf_error_message(), "3 bytes after the pack's last "
					     "object"));
	n = make_pack(p, 5, "hello", 0);
	be32(p + 8, 4000000000u);
	ck_assert_int_eq(cf_bundle_scan_pack(p, n, &nobj), CF_EINVALID);
	ck_assert(strstr(cf_error_message(), "declares 4000000000 objects"));
	n = make_pack(p, 5, "hello", 0);
	be32(p + 4, 9);
	ck_assert_int_eq(cf_bundle_scan_pack(p, n, &nobj), CF_EINVALID);
	ck_assert(strstr(cf_error_message(), "pack version 9"));
	cf_error_clear();
}
END_TEST

Suite *
bundle_suite(void)
{
	Suite *s = suite_create("bundle");
	TCase *tc = tcase_create("bundle");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_hostile_headers);
	tcase_add_test(tc, test_hostile_packs);
	suite_add_tcase(s, tc);
	return s;
}
