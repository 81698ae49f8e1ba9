/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the git tree, history and tag readers (dossier/) over raw objects in an in-memory repository. */
#include "config.h"

/*
 * The input is a list of records, each starting with "==>" at the start
 * of a line; the rest of that line is the header, the lines up to the
 * next record the body:
 *
 *   ==>blob | ==>tree | ==>commit | ==>tag   one object of that type, raw
 *   ==>repeat N TYPE    N objects of TYPE from the body, one after another
 *   ==>wide N           a tree of N entries "<body>00000\0<last object>"...
 *   ==>opts             lines "rev X", "path X", "root X": --rev, --path,
 *                       and the trust root of the history walk
 *
 * In a body "@@K" becomes the hex id of object K (K one of 0-9a-z, the
 * objects in the order written), "%%K" its 20 raw bytes, "@@^" and
 * "%%^" the object written last.  The revision audited is the last
 * commit or tag written unless opts says otherwise.  Then the dossier is
 * listed and read, and its history walked, as an audit does.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/dossier.h"
#include "dossier/history.h"
#include "memrepo.h"
#include "records.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT (64u * 1024)
#define MAX_OBJECTS (PA_LIMIT_COMMITS + 64)
#define MAX_IDS 36

struct decoder {
	git_odb *odb;
	git_oid ids[MAX_IDS];		/* the first objects, for @@K */
	size_t nids, nobjects;
	git_oid last;			/* the object written last */
	bool have_last;
	char rev[GIT_OID_HEXSZ + 1];	/* the last commit or tag */
	struct pa_buf opt_rev, opt_path, opt_root;
	struct pa_buf obj, tree;	/* scratch */
};

static int
id_index(char k)
{
	if (k >= '0' && k <= '9')
		return k - '0';
	if (k >= 'a' && k <= 'z')
		return k - 'a' + 10;
	return -1;
}

/* The body with its placeholders replaced, into out. */
static void
expand(struct decoder *dc, struct pa_buf *out, const char *p, size_t len)
{
	const git_oid *id;
	char hex[GIT_OID_HEXSZ + 1];
	size_t i;
	int k;

	pa_buf_clear(out);
	for (i = 0; i < len; i++) {
		if (i + 2 < len && (p[i] == '@' || p[i] == '%') && p[i + 1] == p[i]) {
			id = NULL;
			if (p[i + 2] == '^' && dc->have_last)
				id = &dc->last;
			else if ((k = id_index(p[i + 2])) >= 0 && (size_t)k < dc->nids)
				id = &dc->ids[k];
			if (id != NULL) {
				if (p[i] == '@') {
					git_oid_tostr(hex, sizeof(hex), id);
					pa_buf_puts(out, hex);
				} else {
					pa_buf_put(out, (const char *)id->id, GIT_OID_RAWSZ);
				}
				i += 2;
				continue;
			}
		}
		pa_buf_putc(out, p[i]);
	}
}

static int
put_object(struct decoder *dc, const char *p, size_t len, git_object_t t)
{
	git_oid id;

	if (dc->nobjects >= MAX_OBJECTS || git_odb_write(&id, dc->odb, p, len, t) < 0) {
		git_error_clear();
		return -1;
	}
	dc->nobjects++;
	if (dc->nids < MAX_IDS)
		git_oid_cpy(&dc->ids[dc->nids++], &id);
	git_oid_cpy(&dc->last, &id);
	dc->have_last = true;
	if (t == GIT_OBJECT_COMMIT || t == GIT_OBJECT_TAG)
		git_oid_tostr(dc->rev, sizeof(dc->rev), &id);
	return 0;
}

static git_object_t
type_of(const char *s, size_t n)
{
	static const struct {
		const char *name;
		git_object_t t;
	} types[] = {
		{ "blob", GIT_OBJECT_BLOB }, { "tree", GIT_OBJECT_TREE },
		{ "commit", GIT_OBJECT_COMMIT }, { "tag", GIT_OBJECT_TAG },
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strlen(types[i].name) == n && memcmp(types[i].name, s, n) == 0)
			return types[i].t;
	return GIT_OBJECT_INVALID;
}

/* opts: "rev X", "path X", "root X", one a line. */
static void
read_opts(struct decoder *dc, const char *p, size_t len)
{
	struct pa_buf body = PA_BUF_INIT;
	const char *s, *end, *eol;
	struct pa_buf *to;

	expand(dc, &body, p, len);
	for (s = body.ptr, end = body.ptr + body.size; s < end; s = eol + 1) {
		if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
			eol = end;
		to = NULL;
		if (eol - s >= 4 && memcmp(s, "rev ", 4) == 0)
			to = &dc->opt_rev;
		else if (eol - s >= 5 && memcmp(s, "path ", 5) == 0)
			to = &dc->opt_path;
		else if (eol - s >= 5 && memcmp(s, "root ", 5) == 0)
			to = &dc->opt_root;
		if (to != NULL) {
			const char *v = (const char *)memchr(s, ' ', (size_t)(eol - s)) + 1;

			pa_buf_clear(to);
			pa_buf_put(to, v, (size_t)(eol - v));
		}
	}
	pa_buf_dispose(&body);
}

static int
record(void *arg, const char *h, const char *hend, const char *p, size_t len)
{
	struct decoder *dc = arg;
	const char *w = h;
	git_object_t t;
	size_t n, i;
	char num[24];

	while (w < hend && *w != ' ')
		w++;
	if ((t = type_of(h, (size_t)(w - h))) != GIT_OBJECT_INVALID) {
		expand(dc, &dc->obj, p, len);
		return put_object(dc, dc->obj.ptr, dc->obj.size, t);
	}
	if ((size_t)(w - h) == 6 && memcmp(h, "repeat", 6) == 0) {
		n = fuzz_count(&w, hend, PA_LIMIT_COMMITS + 2);
		if ((t = type_of(w, (size_t)(hend - w))) == GIT_OBJECT_INVALID)
			return 0;
		for (i = 0; i < n; i++) {
			expand(dc, &dc->obj, p, len);
			if (put_object(dc, dc->obj.ptr, dc->obj.size, t) < 0)
				return -1;
		}
		return 0;
	}
	if ((size_t)(w - h) == 4 && memcmp(h, "wide", 4) == 0 && dc->have_last) {
		n = fuzz_count(&w, hend, PA_LIMIT_FILE_COUNT + 2);
		expand(dc, &dc->obj, p, len);
		pa_buf_clear(&dc->tree);
		for (i = 0; i < n; i++) {
			snprintf(num, sizeof(num), "%05zu", i);
			pa_buf_put(&dc->tree, dc->obj.ptr, dc->obj.size);
			pa_buf_puts(&dc->tree, num);
			pa_buf_put(&dc->tree, "", 1);
			pa_buf_put(&dc->tree, (const char *)dc->last.id, GIT_OID_RAWSZ);
		}
		if (pa_buf_oom(&dc->tree))
			return -1;
		return put_object(dc, dc->tree.ptr, dc->tree.size, GIT_OBJECT_TREE);
	}
	if ((size_t)(w - h) == 4 && memcmp(h, "opts", 4) == 0)
		read_opts(dc, p, len);
	return 0;
}

/* The listing's invariants: sorted, no duplicates; each file reads back at its listed size. */
static void
read_dossier(struct pa_dossier *d)
{
	const struct pa_dossier_file *f, *prev = NULL;
	struct pa_buf b = PA_BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < pa_dossier_file_count(d); i++) {
		f = pa_dossier_file_at(d, i);
		if (prev != NULL && strcmp(prev->path, f->path) >= 0)
			abort();	/* not sorted, or listed twice */
		if (pa_dossier_find(d, f->path) != f)
			abort();
		pa_buf_clear(&b);
		rc = pa_dossier_read(&b, d, f->path);
		if (rc == 0 && b.size != f->size)
			abort();	/* read something else than listed */
		pa_error_clear();
		prev = f;
	}
	pa_buf_dispose(&b);
}

/* The history walk the trust check makes, every signature extracted, and its cache round trip. */
static void
walk_history(struct pa_dossier *d, const char *root)
{
	struct pa_history *h = NULL, *again = NULL;
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_buf sig = PA_BUF_INIT, data = PA_BUF_INIT, enc = PA_BUF_INIT,
	    enc2 = PA_BUF_INIT;
	const struct pa_history_commit *c;
	size_t i, j;
	bool anc;
	int rc;

	if (pa_history_open(&h, d, root, &diag) < 0)
		goto done;
	if (pa_history_count(h) > 0 &&
	    pa_history_target_index(h) != pa_history_count(h) - 1)
		abort();
	for (i = 0; i < pa_history_count(h); i++) {
		c = pa_history_at(h, i);
		for (j = 0; j < c->nparents; j++)
			if (c->parents[j] != PA_HISTORY_NONE && c->parents[j] >= i)
				abort();	/* a parent after its child */
		pa_buf_clear(&sig);
		pa_buf_clear(&data);
		rc = pa_history_commit_signature(&sig, &data, h, i);
		if (rc >= 0 && (unsigned)rc != pa_history_sigformat(sig.ptr, sig.size))
			abort();
		if (c->signers_blob[0] != '\0') {
			pa_buf_clear(&data);
			pa_history_read_blob(&data, h, c->signers_blob);
		}
		pa_error_clear();
	}
	if (pa_history_tag(h) != NULL) {
		pa_buf_clear(&sig);
		pa_buf_clear(&data);
		pa_history_tag_signature(&sig, &data, h);
	}
	pa_history_is_ancestor(&anc, d, pa_history_root(h));
	/* the walk as cached, read back, encodes the same */
	if (pa_history_encode(&enc, h) == 0) {
		if (pa_history_open_encoded(&again, d, enc.ptr, enc.size, &diag) < 0)
			abort();
		if (pa_history_encode(&enc2, again) < 0 || enc.size != enc2.size ||
		    memcmp(enc.ptr, enc2.ptr, enc.size) != 0)
			abort();
	}
done:
	pa_error_clear();
	git_error_clear();
	pa_history_free(again);
	pa_history_free(h);
	pa_buf_dispose(&enc2);
	pa_buf_dispose(&enc);
	pa_buf_dispose(&data);
	pa_buf_dispose(&sig);
	pa_diag_dispose(&diag);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct decoder dc = { .opt_rev = PA_BUF_INIT, .opt_path = PA_BUF_INIT,
	    .opt_root = PA_BUF_INIT, .obj = PA_BUF_INIT, .tree = PA_BUF_INIT };
	struct pa_dossier_opts opts = { 0 };
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_dossier *d = NULL;
	git_repository *repo = NULL;

	if (size > MAX_INPUT)
		return 0;
	if (memrepo_new(&repo, &dc.odb) < 0)
		abort();
	if (fuzz_records((const char *)data, size, record, &dc) < 0 || pa_buf_oom(&dc.opt_rev) ||
	    pa_buf_oom(&dc.opt_path) || pa_buf_oom(&dc.opt_root))
		goto done;
	opts.rev = dc.opt_rev.size > 0 ? dc.opt_rev.ptr : dc.rev[0] ? dc.rev : NULL;
	if (opts.rev == NULL)
		goto done;
	opts.subdir = dc.opt_path.size > 0 ? dc.opt_path.ptr : NULL;
	if (pa_dossier_open_git(&d, repo, "fuzz", &opts, &diag) == 0) {
		read_dossier(d);
		walk_history(d, dc.opt_root.size > 0 ? dc.opt_root.ptr : NULL);
		/* the trust root the walk finds by itself, too */
		if (dc.opt_root.size > 0)
			walk_history(d, NULL);
	}
	repo = NULL;	/* the dossier owned it */
done:
	pa_error_clear();
	git_error_clear();
	pa_dossier_free(d);
	git_repository_free(repo);
	git_odb_free(dc.odb);
	pa_buf_dispose(&dc.tree);
	pa_buf_dispose(&dc.obj);
	pa_buf_dispose(&dc.opt_root);
	pa_buf_dispose(&dc.opt_path);
	pa_buf_dispose(&dc.opt_rev);
	pa_diag_dispose(&diag);
	return 0;
}
