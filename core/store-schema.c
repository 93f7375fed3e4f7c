/* SPDX-License-Identifier: MIT */
/*
 * store-schema.c - the migrations of the store, in order.
 *
 * migrations[i] takes a database from user_version i to i+1.  Once a
 * version has been released its step is never edited, only followed by
 * new ones.  Tables are STRICT; times are stored as integers (UTC
 * seconds and nanoseconds, with the source's offset) and as local text
 * where a view needs it.
 */
#include "conform.h"
#include "store-schema.h"

static const char *const migrations[] = {
	/* 1: the workspace's own facts. */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") STRICT;",

	/* 2: the cache of the document version index (procedures/docindex.c);
	 * its key (HEAD:version:zone) is meta 'doc-index'. */
	"CREATE TABLE doc_version ("
	"  seq INTEGER PRIMARY KEY,"
	"  type INTEGER NOT NULL,"
	"  id TEXT NOT NULL,"
	"  path TEXT NOT NULL,"
	"  ord INTEGER NOT NULL,"
	"  commit_id TEXT NOT NULL,"
	"  blob TEXT,"
	"  commit_time INTEGER NOT NULL,"
	"  commit_off INTEGER NOT NULL,"
	"  effective_from INTEGER NOT NULL,"
	"  deleted INTEGER NOT NULL,"
	"  author_name TEXT NOT NULL,"
	"  author_email TEXT NOT NULL,"
	"  approver_name TEXT,"
	"  approver_email TEXT,"
	"  subject TEXT NOT NULL,"
	"  invalid TEXT"
	") STRICT;",

	/* 3: the tamper-evident trail (audits/trail.c); its head is meta
	 * 'trail-head'. */
	"CREATE TABLE trail ("
	"  seq INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  what TEXT NOT NULL,"
	"  subject TEXT NOT NULL,"
	"  data TEXT NOT NULL,"
	"  prev TEXT NOT NULL,"
	"  hash TEXT NOT NULL"
	") STRICT;",
};

size_t
cf_store_schema_count(void)
{
	return CF_ARRAY_LEN(migrations);
}

const char *
cf_store_schema_step(size_t i)
{
	return i < CF_ARRAY_LEN(migrations) ? migrations[i] : NULL;
}
