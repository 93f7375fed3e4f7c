/* SPDX-License-Identifier: MIT */
/*
 * xes.c - the streaming XES reader (see xes.h).
 *
 * Input goes through zlib's inflate when the file starts with the gzip
 * magic, and unchanged otherwise, into xmlReaderForIO (not gzread, which
 * ignores whatever follows the last gzip member: here the file must end
 * there, or it is refused).  The read callback also
 * scans the prolog (XML declaration, comments, processing instructions)
 * byte by byte until the root element starts; "<!DOCTYPE" there makes
 * it fail the read, so libxml2 never parses a DTD.  The reader's node
 * type DOCUMENT_TYPE is refused as well, in case an encoding hides the
 * declaration from the byte scan.
 *
 * The tree walk keeps one frame per depth (libxml2 limits depth to 256
 * without XML_PARSE_HUGE): what the element is (log, global, trace,
 * event, an attribute with children) and, for nested attributes, the
 * length of its key path in a shared buffer.  Subtrees conform does not
 * read (log attributes, extensions, classifiers) are skipped with
 * xmlTextReaderNext.  Keys and values are read from the reader's node
 * (its attribute list), which copies nothing, and names are compared by
 * pointer with interned ones.
 * A trace's strings go into one arena buffer (offsets, made pointers
 * when the trace ends), so a trace costs no allocation once the buffers
 * have grown to the largest trace.
 */
#include "conform.h"
#include "attrs.h"
#include "xes.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <zlib.h>

#if LIBXML_VERSION >= 21200
#define CF_XMLERR const xmlError
#else
#define CF_XMLERR xmlError
#endif

#define NONE SIZE_MAX
#define MAX_DEPTH 512

/* ---- input: gzip or plain, with the prolog scan ---- */

enum prolog {
	P_START,
	P_BOM1,
	P_BOM2,
	P_FIRST,
	P_TEXT,
	P_LT,
	P_PI,
	P_PI_Q,
	P_BANG,
	P_COMMENT,
	P_COMMENT_1,
	P_COMMENT_2,
	P_DONE,
};

#define RAW_BYTES (256u * 1024)

struct input {
	int fd;
	bool gzip;	    /* the file starts with the gzip magic */
	bool z_init;	    /* `z` holds an inflate state */
	bool member_end;    /* the last gzip member ended; none begun since */
	bool raw_eof;	    /* read() returned 0 */
	z_stream z;
	unsigned char *raw; /* the file's bytes, RAW_BYTES */
	size_t raw_len;	    /* plain: bytes of raw not yet handed out */
	size_t raw_pos;
	int64_t consumed;   /* gzip: bytes of the file inflate has taken */
	enum prolog ps;
	char bang[8];
	int nbang;
	int line;
	bool doctype;
	bool not_utf8;
	unsigned char bad_byte; /* for not_utf8: the byte refused */
	int64_t bad_at;		/* and its offset */
	int64_t offset;		/* bytes scanned */
	bool gz_bad;
	bool gz_trailing; /* bytes after the last gzip member */
	bool read_error;
	bool eof;      /* the last read returned 0 */
	int64_t lines; /* line breaks read so far */
	char why[160];
};

/*
 * The prolog scan.  It also refuses what is not ASCII-compatible
 * (doc/cases.md): after an optional UTF-8 byte order mark, the first
 * byte must be '<' or ASCII white space, and no NUL may come before the
 * root element.  That is how UTF-16 and UTF-32 (with or without a byte
 * order mark: a NUL beside the '<') and EBCDIC ('<' is 0x4C there) look
 * before libxml2 would guess their encoding from them.
 */
static void
not_ascii(struct input *in, unsigned char c)
{
	in->not_utf8 = true;
	in->bad_byte = c;
	in->bad_at = in->offset;
}

static void
scan_prolog(struct input *in, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n && in->ps != P_DONE; i++, in->offset++) {
		unsigned char c = p[i];
		if (c == '\n')
			in->line++;
		if (c == 0x00) {
			not_ascii(in, c);
			return;
		}
		switch (in->ps) {
		case P_START:
			if (c == 0xEF) {
				in->ps = P_BOM1;
				break;
			}
			/* FALLTHROUGH */
		case P_FIRST:
			if (c != '<' && c != ' ' && c != '\t' && c != '\r' &&
			    c != '\n') {
				not_ascii(in, c);
				return;
			}
			in->ps = P_TEXT;
			if (c == '<')
				in->ps = P_LT;
			break;
		case P_BOM1:
		case P_BOM2:
			if (c != (in->ps == P_BOM1 ? 0xBB : 0xBF)) {
				not_ascii(in, c);
				return;
			}
			in->ps = in->ps == P_BOM1 ? P_BOM2 : P_FIRST;
			break;
		case P_TEXT:
			if (c == '<')
				in->ps = P_LT;
			break;
		case P_LT:
			if (c == '?')
				in->ps = P_PI;
			else if (c == '!') {
				in->ps = P_BANG;
				in->nbang = 0;
			} else
				in->ps = P_DONE; /* the root element */
			break;
		case P_PI:
			if (c == '?')
				in->ps = P_PI_Q;
			break;
		case P_PI_Q:
			in->ps = c == '>' ? P_TEXT : c == '?' ? P_PI_Q : P_PI;
			break;
		case P_BANG:
			in->bang[in->nbang++] = (char)c;
			if (in->bang[0] == '-') {
				if (in->nbang == 2)
					in->ps = c == '-' ? P_COMMENT : P_DONE;
			} else if (memcmp(in->bang, "DOCTYPE",
				       (size_t)in->nbang) != 0)
				in->ps = P_DONE;
			else if (in->nbang == 7) {
				in->doctype = true;
				return;
			}
			break;
		case P_COMMENT:
			if (c == '-')
				in->ps = P_COMMENT_1;
			break;
		case P_COMMENT_1:
			in->ps = c == '-' ? P_COMMENT_2 : P_COMMENT;
			break;
		case P_COMMENT_2:
			in->ps = c == '>' ? P_TEXT
			    : c == '-'	  ? P_COMMENT_2
					  : P_COMMENT;
			break;
		case P_DONE:
			break;
		}
	}
}

/* read(2) into raw[at..RAW_BYTES); the count, 0 at the end, -1 on error. */
static ssize_t
raw_read(struct input *in, size_t at)
{
	ssize_t n;

	do
		n = read(in->fd, in->raw + at, RAW_BYTES - at);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		in->read_error = true;
		snprintf(in->why, sizeof in->why, "%s", strerror(errno));
	} else if (n == 0)
		in->raw_eof = true;
	return n;
}

/*
 * The first bytes: gzip when they are its magic (1f 8b), else plain.
 * (zlib's gzread would do this, but it ignores whatever follows the last
 * gzip member, and such bytes are refused here: doc/cases.md.)
 */
static int
input_open(struct input *in, int fd)
{
	ssize_t n;

	in->fd = fd;
	in->raw = cf_xmalloc(RAW_BYTES);
	while (in->raw_len < 2 && !in->raw_eof) {
		if ((n = raw_read(in, in->raw_len)) < 0)
			return -1;
		in->raw_len += (size_t)n;
	}
	in->gzip = in->raw_len >= 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b;
	if (!in->gzip)
		return 0;
	memset(&in->z, 0, sizeof in->z);
	if (inflateInit2(&in->z, 16 + MAX_WBITS) != Z_OK) {
		snprintf(in->why, sizeof in->why, "cannot start inflate");
		in->read_error = true;
		return -1;
	}
	in->z_init = true;
	in->z.next_in = in->raw;
	in->z.avail_in = (uInt)in->raw_len;
	return 0;
}

static void
input_close(struct input *in)
{
	if (in->z_init)
		inflateEnd(&in->z);
	free(in->raw);
}

/* Plain bytes: what is left of the first read, then read(2). */
static int
plain_read(struct input *in, char *buf, int len)
{
	ssize_t n;

	if (in->raw_pos < in->raw_len) {
		size_t k = in->raw_len - in->raw_pos;
		if (k > (size_t)len)
			k = (size_t)len;
		memcpy(buf, in->raw + in->raw_pos, k);
		in->raw_pos += k;
		return (int)k;
	}
	if (in->raw_eof)
		return 0;
	do
		n = read(in->fd, buf, (size_t)len);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		in->read_error = true;
		snprintf(in->why, sizeof in->why, "%s", strerror(errno));
		return -1;
	}
	if (n == 0)
		in->raw_eof = true;
	return (int)n;
}

/*
 * Inflated bytes.  Members follow each other (gzip allows several);
 * after the last one the file must end: anything else is refused.
 */
static int
gzip_read(struct input *in, char *buf, int len)
{
	z_stream *z = &in->z;
	ssize_t n;
	int zr;

	for (;;) {
		if (z->avail_in == 0 && !in->raw_eof) {
			if ((n = raw_read(in, 0)) < 0)
				return -1;
			z->next_in = in->raw;
			z->avail_in = (uInt)n;
			continue;
		}
		if (in->member_end) {
			if (z->avail_in == 0)
				return 0; /* the end of the file */
			if (z->avail_in == 1 && !in->raw_eof &&
			    z->next_in[0] == 0x1f) {
				/* half a magic: read the rest beside it */
				in->raw[0] = 0x1f;
				if ((n = raw_read(in, 1)) < 0)
					return -1;
				z->next_in = in->raw;
				z->avail_in = (uInt)n + 1;
				continue;
			}
			if (z->avail_in < 2 || z->next_in[0] != 0x1f ||
			    z->next_in[1] != 0x8b) {
				in->gz_trailing = true;
				return -1;
			}
			inflateReset(z);
			in->member_end = false;
		}
		if (z->avail_in == 0) { /* the file ended inside a member */
			in->gz_bad = true;
			snprintf(in->why, sizeof in->why,
			    "unexpected end of file");
			return -1;
		}
		z->next_out = (Bytef *)buf;
		z->avail_out = (uInt)len;
		uInt before = z->avail_in;
		zr = inflate(z, Z_NO_FLUSH);
		in->consumed += before - z->avail_in;
		if (zr == Z_STREAM_END)
			in->member_end = true;
		else if (zr != Z_OK && zr != Z_BUF_ERROR) {
			in->gz_bad = true;
			snprintf(in->why, sizeof in->why, "%s",
			    z->msg ? z->msg : "damaged data");
			return -1;
		}
		if (z->avail_out < (uInt)len)
			return len - (int)z->avail_out;
	}
}

static int
io_read(void *ctx, char *buf, int len)
{
	struct input *in = ctx;
	int n;

	if (in->doctype || in->not_utf8 || in->gz_bad || in->gz_trailing ||
	    in->read_error)
		return -1;
	n = in->gzip ? gzip_read(in, buf, len) : plain_read(in, buf, len);
	if (n < 0)
		return -1;
	if (in->ps != P_DONE) {
		scan_prolog(in, (const unsigned char *)buf, (size_t)n);
		if (in->doctype || in->not_utf8)
			return -1;
	}
	if (n == 0)
		in->eof = true;
	for (const char *p = buf, *end = buf + n;
	     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		in->lines++;
	return n;
}

static int
io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* ---- libxml2 errors ---- */

struct xerr {
	bool set;
	bool premature;
	int line;
	char msg[256];
};

static void
on_error(void *arg, CF_XMLERR *e)
{
	struct xerr *x = arg;
	size_t n;

	if (e == NULL || e->level == XML_ERR_WARNING)
		return;
	if (e->code == XML_ERR_TAG_NOT_FINISHED ||
	    e->code == XML_ERR_DOCUMENT_EMPTY)
		x->premature = true;
	if (x->set)
		return;
	x->set = true;
	x->line = e->line;
	snprintf(x->msg, sizeof x->msg, "%s",
	    e->message ? e->message : "malformed XML");
	n = strlen(x->msg);
	while (n && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' '))
		x->msg[--n] = '\0';
}

/* ---- the walk ---- */

enum {
	TF_ID,
	TF_PROCEDURE,
	TF_FEE,
	TF_MATERIALS,
	TF_WINDOW,
	TF_CHANNEL,
	TF_ACCEPTED,
	TF_COMPLETED,
	TF_RECEIVED,
	NTF
};
static const char *const trace_keys[NTF] = { "concept:name", "procedure",
	"fee_charged", "materials", "window", "channel", "accepted_at",
	"completed_at", "received_at" };

enum { EF_ACTIVITY, EF_TIMESTAMP, EF_ACTOR, EF_ROLE, NEF };
static const char *const event_keys[NEF] = { "concept:name", "time:timestamp",
	"org:resource", "org:role" };

enum {
	N_LOG,
	N_TRACE,
	N_EVENT,
	N_GLOBAL,
	N_KEY,
	N_VALUE,
	N_STRING,
	N_DATE,
	N_INT,
	N_FLOAT,
	N_BOOLEAN,
	N_ID,
	N_LIST,
	N_CONTAINER,
	NNAMES
};
static const char *const names[NNAMES] = { "log", "trace", "event", "global",
	"key", "value", "string", "date", "int", "float", "boolean", "id",
	"list", "container" };

enum fkind {
	F_NONE,
	F_LOG,
	F_GLOBAL_TRACE,
	F_GLOBAL_EVENT,
	F_TRACE,
	F_EVENT,
	F_ATTR, /* an attribute with children; `owner` says whose */
};

struct frame {
	enum fkind kind;
	enum fkind owner;
	size_t path_len;
};

struct ev {
	int line;
	size_t f[NEF];
	size_t attrs;
};

struct xes {
	xmlTextReaderPtr r;
	const xmlChar *iname[NNAMES]; /* names[], interned */
	const char *name;
	struct frame frames[MAX_DEPTH];
	struct cf_buf path;
	struct cf_buf key, val; /* copies, when a value is in pieces */
	const char *k, *v;	/* the current attribute's key and value */
	size_t klen, vlen;
	char *gtrace[NTF];
	char *gevent[NEF];
	/* the current trace */
	struct cf_buf arena;
	int tline;
	size_t tf[NTF];
	struct cf_attrs tattrs;
	struct ev *evs;
	size_t nev, aev;
	struct cf_attrs eattrs;
	struct cf_xes_event *out;
	size_t aout;
	cf_xes_trace_fn fn;
	void *payload;
};

/*
 * Element and attribute names come from the parser's dictionary, so
 * they are compared by pointer with the same names interned once per
 * reader (xmlTextReaderConstString).
 */
static void
intern_names(struct xes *x)
{
	for (int i = 0; i < NNAMES; i++)
		x->iname[i] = xmlTextReaderConstString(x->r, BAD_CAST names[i]);
}

/* Whether `n` (a dictionary name) is name `i`; strcmp if not interned. */
static bool
is(const struct xes *x, const xmlChar *n, int i)
{
	return n == x->iname[i] ||
	    (x->iname[i] == NULL && strcmp((const char *)n, names[i]) == 0);
}

static bool
is_attr_element(const struct xes *x, const xmlChar *n)
{
	for (int i = N_STRING; i < NNAMES; i++)
		if (is(x, n, i))
			return true;
	return false;
}

/* The text of attribute `a`, borrowed from the tree when it can be. */
static const char *
attr_text(struct cf_buf *copy, xmlAttrPtr a, size_t *len)
{
	xmlNodePtr t = a->children;

	if (t == NULL) {
		*len = 0;
		return "";
	}
	if (t->type == XML_TEXT_NODE && t->next == NULL && t->content) {
		*len = strlen((const char *)t->content);
		return (const char *)t->content;
	}
	/* Several pieces (character references): put them together. */
	xmlChar *v = xmlNodeListGetString(a->doc, t, 1);
	cf_buf_reset(copy);
	if (v)
		cf_buf_adds(copy, (const char *)v);
	xmlFree(v);
	*len = copy->len;
	return copy->s;
}

/*
 * The key and value attributes of the current element, read from the
 * reader's node (valid until the next read); false when it has no
 * value (a list or container: only its children say things).
 */
static bool
read_kv(struct xes *x)
{
	xmlNodePtr node = xmlTextReaderCurrentNode(x->r);
	bool has_value = false;

	x->k = "";
	x->klen = 0;
	x->v = "";
	x->vlen = 0;
	for (xmlAttrPtr a = node ? node->properties : NULL; a; a = a->next) {
		if (is(x, a->name, N_KEY) && x->klen == 0)
			x->k = attr_text(&x->key, a, &x->klen);
		else if (is(x, a->name, N_VALUE) && !has_value) {
			x->v = attr_text(&x->val, a, &x->vlen);
			has_value = true;
		}
	}
	return has_value;
}

static size_t
arena_add(struct xes *x, const char *s, size_t n)
{
	size_t off = x->arena.len;

	cf_buf_add(&x->arena, s, n);
	cf_buf_addc(&x->arena, '\0');
	return off;
}

static int
find_key(const char *const *keys, int n, const char *k)
{
	for (int i = 0; i < n; i++)
		if (keys[i][0] == k[0] && strcmp(keys[i], k) == 0)
			return i;
	return -1;
}

static int
node_line(struct xes *x)
{
	xmlNodePtr node = xmlTextReaderCurrentNode(x->r);
	long l = node ? xmlGetLineNo(node) : -1;

	/* libxml2 2.9 keeps an element's line in 16 bits (65535 = "or
	 * later"): past that, the parser's line, a few lines ahead at most
	 * (the reader parses in chunks of 512 bytes). */
	return l > 0 && l < 65535 ? (int)l
				  : xmlTextReaderGetParserLineNumber(x->r);
}

static void
start_trace(struct xes *x)
{
	cf_buf_reset(&x->arena);
	cf_attrs_reset(&x->tattrs);
	for (int i = 0; i < NTF; i++)
		x->tf[i] = NONE;
	x->nev = 0;
	x->tline = node_line(x);
}

static void
start_event(struct xes *x)
{
	struct ev *e;

	CF_GROW(x->evs, x->nev + 1, x->aev);
	e = &x->evs[x->nev++];
	e->line = node_line(x);
	for (int i = 0; i < NEF; i++)
		e->f[i] = NONE;
	e->attrs = NONE;
	cf_attrs_reset(&x->eattrs);
}

static void
end_event(struct xes *x)
{
	const char *j = cf_attrs_json(&x->eattrs);

	if (j)
		x->evs[x->nev - 1].attrs = arena_add(x, j, strlen(j));
}

static const char *
ptr(struct xes *x, size_t off)
{
	return off == NONE ? NULL : x->arena.s + off;
}

static int
end_trace(struct xes *x)
{
	struct cf_xes_trace t;

	CF_GROW(x->out, x->nev, x->aout);
	for (size_t i = 0; i < x->nev; i++) {
		struct ev *e = &x->evs[i];
		struct cf_xes_event *o = &x->out[i];
		const char *f[NEF];
		for (int k = 0; k < NEF; k++) {
			f[k] = ptr(x, e->f[k]);
			/* Globals are defaults, never the timestamp. */
			if (f[k] == NULL && k != EF_TIMESTAMP)
				f[k] = x->gevent[k];
		}
		o->line = e->line;
		o->activity = f[EF_ACTIVITY];
		o->timestamp = f[EF_TIMESTAMP];
		o->actor = f[EF_ACTOR];
		o->role = f[EF_ROLE];
		o->attrs = ptr(x, e->attrs);
	}
	const char *tf[NTF];
	for (int k = 0; k < NTF; k++) {
		tf[k] = ptr(x, x->tf[k]);
		/* Globals are defaults, never the case id. */
		if (tf[k] == NULL && k != TF_ID)
			tf[k] = x->gtrace[k];
	}
	t.line = x->tline;
	t.id = tf[TF_ID];
	t.procedure = tf[TF_PROCEDURE];
	t.fee_charged = tf[TF_FEE];
	t.materials = tf[TF_MATERIALS];
	t.window = tf[TF_WINDOW];
	t.channel = tf[TF_CHANNEL];
	t.accepted_at = tf[TF_ACCEPTED];
	t.completed_at = tf[TF_COMPLETED];
	t.received_at = tf[TF_RECEIVED];
	t.attrs = cf_attrs_json(&x->tattrs);
	t.events = x->out;
	t.nevents = x->nev;
	return x->fn(&t, x->payload);
}

/* A top-level attribute of a trace, event or global. */
static void
top_attr(struct xes *x, enum fkind owner)
{
	const char *k = x->k, *v = x->v;
	int i;

	switch (owner) {
	case F_TRACE:
		i = find_key(trace_keys, NTF, k);
		if (i >= 0 && x->tf[i] == NONE)
			x->tf[i] = arena_add(x, v, x->vlen);
		else
			cf_attrs_add(&x->tattrs, k, x->klen, v, x->vlen);
		break;
	case F_EVENT: {
		struct ev *e = &x->evs[x->nev - 1];
		i = find_key(event_keys, NEF, k);
		if (i >= 0 && e->f[i] == NONE)
			e->f[i] = arena_add(x, v, x->vlen);
		else
			cf_attrs_add(&x->eattrs, k, x->klen, v, x->vlen);
		break;
	}
	case F_GLOBAL_TRACE:
		if ((i = find_key(trace_keys, NTF, k)) >= 0 && !x->gtrace[i])
			x->gtrace[i] = cf_xstrdup(v);
		break;
	case F_GLOBAL_EVENT:
		if ((i = find_key(event_keys, NEF, k)) >= 0 && !x->gevent[i])
			x->gevent[i] = cf_xstrdup(v);
		break;
	default:
		break;
	}
}

/* A nested attribute: kept as "parent/child" among the owner's attrs. */
static void
nested_attr(struct xes *x, const struct frame *parent, bool has_value)
{
	struct cf_attrs *a = parent->owner == F_TRACE ? &x->tattrs
	    : parent->owner == F_EVENT		      ? &x->eattrs
						      : NULL;

	x->path.len = parent->path_len;
	x->path.s[x->path.len] = '\0';
	cf_buf_addc(&x->path, '/');
	cf_buf_add(&x->path, x->k, x->klen);
	if (a && has_value)
		cf_attrs_add(a, x->path.s, x->path.len, x->v, x->vlen);
}

/*
 * One element start.  Sets *skip when its subtree is of no interest.
 * Returns what the trace callback returned when a trace ended here.
 */
static int
element(struct xes *x, bool *skip)
{
	int depth = xmlTextReaderDepth(x->r);
	xmlNodePtr node = xmlTextReaderCurrentNode(x->r);
	const xmlChar *name = node ? node->name : NULL;
	bool empty = xmlTextReaderIsEmptyElement(x->r) == 1, has_value;
	struct frame *f, *parent;

	if (name == NULL || depth < 0)
		return 0;
	if (depth == 0) {
		if (!is(x, name, N_LOG))
			return cf_error_set(CF_EINVALID,
			    "root element <%s>, expected an XES <log>",
			    (const char *)name);
		x->frames[0].kind = F_LOG;
		return 0;
	}
	if (depth >= MAX_DEPTH) {
		*skip = !empty;
		return 0;
	}
	f = &x->frames[depth];
	parent = &x->frames[depth - 1];
	f->kind = F_NONE;
	switch (parent->kind) {
	case F_LOG:
		if (is(x, name, N_TRACE)) {
			start_trace(x);
			if (empty)
				return end_trace(x);
			f->kind = F_TRACE;
		} else if (is(x, name, N_GLOBAL)) {
			xmlChar *scope = xmlTextReaderGetAttribute(x->r,
			    BAD_CAST "scope");
			/* XES: the scope defaults to "event". */
			f->kind = scope && strcmp((char *)scope, "trace") == 0
			    ? F_GLOBAL_TRACE
			    : F_GLOBAL_EVENT;
			xmlFree(scope);
		} else
			*skip = !empty;
		break;
	case F_TRACE:
		if (is(x, name, N_EVENT)) {
			if (x->nev >= CF_XES_MAX_EVENTS)
				return cf_error_set(CF_EINVALID,
				    "the trace of line %d has more than %d "
				    "events, expected at most %d per trace",
				    x->tline, CF_XES_MAX_EVENTS,
				    CF_XES_MAX_EVENTS);
			start_event(x);
			if (empty)
				end_event(x);
			else
				f->kind = F_EVENT;
			break;
		}
		/* FALLTHROUGH */
	case F_EVENT:
	case F_GLOBAL_TRACE:
	case F_GLOBAL_EVENT:
		if (!is_attr_element(x, name)) {
			*skip = !empty;
			break;
		}
		if (read_kv(x))
			top_attr(x, parent->kind);
		if (!empty) {
			if (parent->kind == F_TRACE ||
			    parent->kind == F_EVENT) {
				cf_buf_reset(&x->path);
				cf_buf_add(&x->path, x->k, x->klen);
				f->kind = F_ATTR;
				f->owner = parent->kind;
				f->path_len = x->path.len;
			} else
				*skip = true;
		}
		break;
	case F_ATTR:
		f->owner = parent->owner;
		if (!is_attr_element(x, name)) { /* <values> of a list */
			f->kind = empty ? F_NONE : F_ATTR;
			f->path_len = parent->path_len;
			break;
		}
		has_value = read_kv(x);
		nested_attr(x, parent, has_value);
		if (!empty) {
			f->kind = F_ATTR;
			f->path_len = x->path.len;
		}
		break;
	default:
		*skip = !empty;
		break;
	}
	if (x->arena.len + x->tattrs.json.len + x->eattrs.json.len >
	    CF_XES_MAX_TRACE_BYTES)
		return cf_error_set(CF_EINVALID,
		    "the trace of line %d holds more than %u MiB of text, "
		    "expected at most %u MiB per trace",
		    x->tline, CF_XES_MAX_TRACE_BYTES >> 20,
		    CF_XES_MAX_TRACE_BYTES >> 20);
	return 0;
}

static int
element_end(struct xes *x)
{
	int depth = xmlTextReaderDepth(x->r);
	struct frame *f;

	if (depth <= 0 || depth >= MAX_DEPTH)
		return 0;
	f = &x->frames[depth];
	enum fkind k = f->kind;
	f->kind = F_NONE;
	if (k == F_EVENT)
		end_event(x);
	else if (k == F_TRACE)
		return end_trace(x);
	return 0;
}

static void
xes_release(struct xes *x)
{
	cf_buf_release(&x->path);
	cf_buf_release(&x->key);
	cf_buf_release(&x->val);
	cf_buf_release(&x->arena);
	cf_attrs_release(&x->tattrs);
	cf_attrs_release(&x->eattrs);
	for (int i = 0; i < NTF; i++)
		free(x->gtrace[i]);
	for (int i = 0; i < NEF; i++)
		free(x->gevent[i]);
	free(x->evs);
	free(x->out);
}

int
cf_xes_read(int fd, const char *name, cf_xes_trace_fn fn, void *payload,
    int *line)
{
	struct input in = { 0 };
	struct xerr xe = { 0 };
	struct xes *x = cf_xcalloc(1, sizeof *x);
	bool skip = false, root = false;
	int ret, rc = 0;

	*line = 0;
	in.line = 1;
	x->name = name;
	x->fn = fn;
	x->payload = payload;
	/* (calloc leaves s NULL: a key-less attribute read key.s as NULL) */
	cf_buf_init(&x->path);
	cf_buf_init(&x->key);
	cf_buf_init(&x->val);
	cf_buf_init(&x->arena);
	if (input_open(&in, fd) < 0) {
		rc = cf_error_set(CF_ERROR, "cannot read '%s': %s", name,
		    in.why);
		goto out;
	}
	x->r = xmlReaderForIO(io_read, io_close, &in, name, NULL,
	    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA |
		XML_PARSE_COMPACT | XML_PARSE_NOBLANKS);
	if (x->r == NULL) {
		rc = cf_error_set(CF_ERROR, "cannot create an XML reader");
		goto out;
	}
	intern_names(x);
	xmlTextReaderSetStructuredErrorHandler(x->r, on_error, &xe);
	xmlSetStructuredErrorFunc(&xe, on_error);
	for (;;) {
		ret = skip ? xmlTextReaderNext(x->r) : xmlTextReaderRead(x->r);
		skip = false;
		if (ret != 1)
			break;
		switch (xmlTextReaderNodeType(x->r)) {
		case XML_READER_TYPE_DOCUMENT_TYPE:
			in.doctype = true;
			in.line = xmlTextReaderGetParserLineNumber(x->r);
			ret = -1;
			break;
		case XML_READER_TYPE_ELEMENT:
			root = true;
			rc = element(x, &skip);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			rc = element_end(x);
			break;
		default:
			break;
		}
		if (rc < 0 || ret < 0)
			break;
	}
	/* The parser may stop before the end of the input: read it out,
	 * so that bytes after the gzip data are seen (and refused). */
	if (rc == 0 && ret == 0 && !xe.set && !in.eof) {
		char tail[4096];
		while (io_read(&in, tail, (int)sizeof tail) > 0)
			;
	}
	if (rc < 0) {
		if (rc == CF_EINVALID)
			*line = node_line(x);
		goto out;
	}
	if (in.doctype) {
		*line = in.line;
		rc = cf_error_set(CF_EINVALID,
		    "DOCTYPE not allowed in XES (no DTDs or entities), "
		    "expected the <log> element");
	} else if (in.not_utf8) {
		*line = 1;
		rc = cf_error_set(CF_EINVALID,
		    "not an ASCII-compatible encoding (byte 0x%02X at offset "
		    "%lld, before the root element; UTF-16, UTF-32 and EBCDIC "
		    "are refused), expected UTF-8 XML",
		    in.bad_byte, (long long)in.bad_at);
	} else if (in.read_error) {
		rc = cf_error_set(CF_ERROR, "cannot read '%s': %s", name,
		    in.why);
	} else if (in.gz_bad) {
		rc = cf_error_set(CF_EINVALID,
		    "gzip data damaged or cut short (%s), expected a complete "
		    "gzip file",
		    in.why);
	} else if (in.gz_trailing) {
		rc = cf_error_set(CF_EINVALID,
		    "bytes after the end of the gzip data (from offset %lld "
		    "of the file), expected the file to end with its gzip "
		    "stream",
		    (long long)in.consumed);
	} else if (ret < 0 || xe.set) {
		*line = xe.line;
		/* Cut short: libxml2 said so, or it stumbled on the file's
		 * last line after reading all of it. */
		if (xe.premature || (in.eof && xe.line >= in.lines))
			rc = cf_error_set(CF_EINVALID,
			    "the XES document breaks off at the end of the "
			    "file (%s), expected it to go on to </log>",
			    xe.set ? xe.msg : "premature end");
		else
			rc = cf_error_set(CF_EINVALID,
			    "not well-formed XML (%s), expected an XES log",
			    xe.set ? xe.msg : "unknown error");
	} else if (!root) {
		rc = cf_error_set(CF_EINVALID,
		    "no XML element, expected an XES <log>");
	}
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (x->r)
		xmlFreeTextReader(x->r);
	input_close(&in);
	xes_release(x);
	free(x);
	return rc;
}
