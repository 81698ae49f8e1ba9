/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the whole evidence builder over a dossier in an in-memory repository, checked against evidence.rng. */
#include "config.h"

/*
 * The input is a list of records, each starting with "==>" at the start
 * of a line; the rest of that line is the header, the lines up to the
 * next record the body:
 *
 *   ==>PATH       a file of the dossier (application.xml,
 *                 models/m/README.md, pact/signers.xml, ...), its content
 *                 the body; a later record of the same path replaces it
 *   ==>@commit    commit the files so far; the body's lines are extra
 *                 commit headers (a "gpgsig" signature, continuation lines
 *                 starting with a space) up to an empty line, then the
 *                 message.  Files after it go into the next commit.
 *   ==>@tag       an annotated tag of the last commit, its message (and
 *                 signature) the body: the revision audited
 *
 * Files after the last @commit are committed at the end.  The evidence is
 * built as `pactaudit evidence` builds it (librnp verifier, no cache,
 * as-of fixed) and must match rules/schema/evidence.rng: abort() if not.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "dossier/dossier.h"
#include "evidence/evidence.h"
#include "evidence/schema.h"
#include "memrepo.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define EVIDENCE_MAX_INPUT (512u * 1024)
#define MAX_COMMITS 16

struct builder {
	git_repository *repo;
	git_odb *odb;
	git_index *index;	/* in memory: the files of the next commit */
	git_oid head;
	bool have_head;
	char rev[GIT_OID_HEXSZ + 1];
	size_t commits;
};

/*
 * Would path be both a file and a folder of the tree ("a" and "a/b")?
 * libgit2 leaks when it cannot write such an index as a tree: left out.
 */
static bool
df_conflict(git_index *index, struct pa_buf *name)
{
	size_t i, at;
	bool yes = false;

	for (i = 1; i < name->size && !yes; i++) {
		if (name->ptr[i] != '/')
			continue;
		name->ptr[i] = '\0';
		yes = git_index_get_bypath(index, name->ptr, 0) != NULL;
		name->ptr[i] = '/';
	}
	if (!yes && pa_buf_putc(name, '/') == 0) {
		yes = git_index_find_prefix(&at, index, name->ptr) == 0;
		pa_buf_truncate(name, name->size - 1);
	}
	git_error_clear();
	return yes;
}

static void
add_file(struct builder *b, const char *path, size_t pathlen, const char *p, size_t len)
{
	git_index_entry e;
	struct pa_buf name = PA_BUF_INIT;

	memset(&e, 0, sizeof(e));
	/* an empty component would make the whole tree unwritable: left out */
	if (pa_buf_put(&name, path, pathlen) < 0 || memchr(path, '\0', pathlen) != NULL ||
	    path[0] == '/' || path[pathlen - 1] == '/' || strstr(name.ptr, "//") != NULL ||
	    df_conflict(b->index, &name))
		goto done;
	e.mode = GIT_FILEMODE_BLOB;
	e.path = name.ptr;
	e.file_size = (uint32_t)len;
	/* a name git refuses ("..", ".git/x") is left out; the gitrepo target has those */
	if (git_odb_write(&e.id, b->odb, p, len, GIT_OBJECT_BLOB) == 0)
		git_index_add(b->index, &e);
done:
	git_error_clear();
	pa_buf_dispose(&name);
}

static void
commit(struct builder *b, const char *p, size_t len)
{
	static const char who[] = "A <a@example.org> 1767225600 +0000";
	struct pa_buf c = PA_BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid tree;

	if (b->commits >= MAX_COMMITS || git_index_write_tree_to(&tree, b->index, b->repo) < 0)
		goto done;
	git_oid_tostr(hex, sizeof(hex), &tree);
	pa_buf_printf(&c, "tree %s\n", hex);
	if (b->have_head) {
		git_oid_tostr(hex, sizeof(hex), &b->head);
		pa_buf_printf(&c, "parent %s\n", hex);
	}
	pa_buf_printf(&c, "author %s\ncommitter %s\n", who, who);
	/* the body: extra headers, an empty line, the message (a default one if none) */
	pa_buf_put(&c, p, len);
	if (!(len > 0 && p[0] == '\n') && memmem(p, len, "\n\n", 2) == NULL) {
		if (len > 0 && p[len - 1] != '\n')
			pa_buf_putc(&c, '\n');
		pa_buf_puts(&c, "\ncommit\n");
	}
	if (pa_buf_oom(&c) || git_odb_write(&b->head, b->odb, c.ptr, c.size,
	    GIT_OBJECT_COMMIT) < 0)
		goto done;
	b->have_head = true;
	b->commits++;
	git_oid_tostr(b->rev, sizeof(b->rev), &b->head);
done:
	git_error_clear();
	pa_buf_dispose(&c);
}

static void
tag(struct builder *b, const char *p, size_t len)
{
	struct pa_buf t = PA_BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid id;

	if (!b->have_head)
		return;
	git_oid_tostr(hex, sizeof(hex), &b->head);
	pa_buf_printf(&t, "object %s\ntype commit\ntag submission\n"
	    "tagger A <a@example.org> 1767225600 +0000\n\n", hex);
	pa_buf_put(&t, p, len);
	if (!pa_buf_oom(&t) && git_odb_write(&id, b->odb, t.ptr, t.size, GIT_OBJECT_TAG) == 0)
		git_oid_tostr(b->rev, sizeof(b->rev), &id);
	git_error_clear();
	pa_buf_dispose(&t);
}

static void
decode(struct builder *b, const char *in, size_t size)
{
	const char *end = in + size, *p = in, *h, *hend, *next, *body;
	bool pending = false;
	size_t n;

	if (size < 3 || memcmp(in, "==>", 3) != 0)
		return;
	while (p < end) {
		h = p + 3;
		if ((hend = memchr(h, '\n', (size_t)(end - h))) == NULL)
			hend = end;
		for (next = hend; next < end; next++) {
			if ((next = memchr(next, '\n', (size_t)(end - next))) == NULL) {
				next = end;
				break;
			}
			if ((size_t)(end - next) >= 4 && memcmp(next, "\n==>", 4) == 0)
				break;
		}
		body = hend < end ? hend + 1 : end;
		n = next > body ? (size_t)(next - body) : 0;
		if ((size_t)(hend - h) == 7 && memcmp(h, "@commit", 7) == 0) {
			commit(b, body, n);
			pending = false;
		} else if ((size_t)(hend - h) == 4 && memcmp(h, "@tag", 4) == 0) {
			if (pending)
				commit(b, "", 0);
			pending = false;
			tag(b, body, n);
		} else if (hend > h) {
			add_file(b, h, (size_t)(hend - h), body, n);
			pending = true;
		}
		p = next < end ? next + 1 : end;
	}
	if (pending || !b->have_head)
		commit(b, "", 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct builder b = { 0 };
	static const struct pa_date as_of = { 20605, "2026-06-01" };
	struct pa_evidence_opts opts = { .as_of = &as_of };
	struct pa_diag diag = PA_DIAG_INIT, vdiag = PA_DIAG_INIT;
	struct pa_dossier *d = NULL;
	const char *msg;
	xmlDoc *doc = NULL;
	bool valid;
	int rc;

	if (size > EVIDENCE_MAX_INPUT)
		return 0;
	if (memrepo_new(&b.repo, &b.odb) < 0 || git_index_new(&b.index) < 0)
		abort();
	opts.sig.verifier = PA_SIG_VERIFIER_RNP;
	opts.sig.no_cache = true;
	decode(&b, (const char *)data, size);
	if (b.rev[0] == '\0')
		goto done;
	opts.dossier.rev = b.rev;
	rc = pa_dossier_open_git(&d, b.repo, "fuzz", &opts.dossier, &diag);
	b.repo = NULL;	/* the dossier owns it */
	if (rc < 0)
		goto done;
	rc = pa_evidence_build_dossier(&doc, d, &diag, &opts);
	/* with PACTAUDIT_CHECK_EVIDENCE (make check) the builder checks itself */
	msg = pa_error_last();
	if (rc == PA_EINVALID && msg != NULL && strstr(msg, PA_EVIDENCE_SCHEMA) != NULL)
		abort();
	if (rc == 0) {
		if (pa_evidence_validate(&valid, doc, &vdiag) < 0)
			abort();	/* set PACTAUDIT_DATADIR to the source tree */
		if (!valid)
			abort();	/* the builder wrote evidence its own schema rejects */
	}
done:
	pa_error_clear();
	git_error_clear();
	xmlFreeDoc(doc);
	pa_dossier_free(d);
	git_index_free(b.index);
	git_repository_free(b.repo);
	git_odb_free(b.odb);
	pa_diag_dispose(&vdiag);
	pa_diag_dispose(&diag);
	return 0;
}
