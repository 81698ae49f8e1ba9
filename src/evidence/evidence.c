/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The evidence document of one dossier: every file the rules may look at, with provenance. */
#include "config.h"

#include "evidence/evidence.h"
#include "evidence/sigxml.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>

#include "evidence/card.h"
#include "evidence/schema.h"
#include "evidence/substance.h"
#include "evidence/xmlfile.h"
#include "parse/evnode.h"
#include "parse/licdb.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/text.h"
#include "parse/xml.h"

/* ---- the licence database: loaded once per process, read-only after ---- */

static pthread_once_t licdb_once = PTHREAD_ONCE_INIT;
static struct pa_licdb *licdb;
static char licdb_error[512];

static void
load_licdb(void)
{
	const char *msg;

	if (pa_licdb_load(&licdb) < 0) {
		licdb = NULL;
		msg = pa_error_last();
		snprintf(licdb_error, sizeof(licdb_error), "%s",
		    msg ? msg : "cannot load the licence database");
	}
}

static int
shared_licdb(const struct pa_licdb **out)
{
	pthread_once(&licdb_once, load_licdb);
	if (licdb == NULL)
		return pa_error_set(PA_ERRCLASS_INTERNAL, "%s", licdb_error);
	*out = licdb;
	return 0;
}

/* The as-of date of opts, or today (UTC) into *today when it has none. */
static int
as_of_of(const struct pa_date **out, struct pa_date *today, const struct pa_evidence_opts *opts)
{
	int error = 0;

	if (opts->as_of == NULL)
		error = pa_date_today(today);
	*out = opts->as_of != NULL ? opts->as_of : today;
	return error;
}

/* ---- file kinds ---- */

/* If path is <prefix><id>/README.md, the length of <id>; else 0. */
static size_t
card_id_len(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *id, *slash;

	if (strncmp(path, prefix, n) != 0)
		return 0;
	id = path + n;
	if ((slash = strchr(id, '/')) == NULL || slash == id ||
	    strcmp(slash, "/README.md") != 0)
		return 0;
	return (size_t)(slash - id);
}

static bool
is_doc(const char *path)
{
	size_t n = strlen(path);

	return strncmp(path, "docs/", 5) == 0 && n > 8 && strcmp(path + n - 3, ".md") == 0;
}

static const char *
file_kind(const char *path)
{
	static const struct {
		const char *path, *kind;
	} fixed[] = {
		{ "application.xml", "application" },
		{ "pact/commitments.xml", "pact" },
		{ "pact/signers.xml", "signers" },
		{ "pact/commitments.xml.asc", "pact-signature" },
		{ "pact/keys.asc", "keys" },
	};
	size_t i;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (strcmp(path, fixed[i].path) == 0)
			return fixed[i].kind;
	if (card_id_len(path, "models/") > 0)
		return "model-card";
	if (card_id_len(path, "datasets/") > 0)
		return "dataset-card";
	if (strncmp(path, "docs/", 5) == 0)
		return "doc";
	return "other";
}

static const char *
entry_type(enum pa_dossier_entry t)
{
	switch (t) {
	case PA_DOSSIER_ENTRY_SYMLINK:
		return "symlink";
	case PA_DOSSIER_ENTRY_SUBMODULE:
		return "submodule";
	case PA_DOSSIER_ENTRY_FILE:
		break;
	}
	return NULL;
}

static const char *
mode_name(enum pa_dossier_mode m)
{
	switch (m) {
	case PA_DOSSIER_WORKTREE:
		return "worktree";
	case PA_DOSSIER_FOLDER:
		return "folder";
	case PA_DOSSIER_GIT:
		break;
	}
	return "git";
}

/* ---- building ---- */

struct build {
	struct pa_dossier *d;
	struct pa_diag *diag;	/* the listing's diagnostics, then the build's */
	xmlNode *root;
	struct pa_buf data;	/* content of the file being read */
	const struct pa_licdb *licdb;
	const struct pa_templates *tmpl;	/* what pactaudit init writes */
};

/*
 * Read a listed file into b->data: 1 when read; 0 when it cannot be read
 * (a symlink, submodule or file over a limit, already diagnosed when the
 * dossier was listed; an I/O error, diagnosed here); < 0 out of memory.
 */
static int
read_listed(struct build *b, const struct pa_dossier_file *f)
{
	int error;

	pa_buf_clear(&b->data);
	if (f->type != PA_DOSSIER_ENTRY_FILE)
		return 0;
	error = pa_dossier_read(&b->data, b->d, f->path);
	if (error == 0)
		return 1;
	if (error == PA_ENOMEM)
		return error;
	if (error != PA_ELIMIT)
		pa_diag_add(b->diag, PA_DIAG_ERROR, "dossier-unreadable", f->path, 0, NULL,
		    "%s", pa_error_last() ? pa_error_last() : "cannot read");
	pa_error_clear();
	pa_buf_clear(&b->data);
	return 0;
}

static void
evsrc_of(struct pa_evsrc *from, const struct pa_dossier_file *f)
{
	from->src = f->path;
	from->blob = f->blob[0] ? f->blob : NULL;
}

static int
write_dossier(struct build *b, const char *as_of)
{
	struct pa_dossier *d = b->d;
	char uncommitted[32];
	xmlNode *n;

	if ((n = pa_ev_child(b->root, "dossier", NULL, 0, NULL)) == NULL)
		return PA_ENOMEM;
	snprintf(uncommitted, sizeof(uncommitted), "%ld", pa_dossier_uncommitted(d));
	if (pa_ev_set(n, "path", pa_dossier_location(d)) < 0 ||
	    pa_ev_set(n, "mode", mode_name(pa_dossier_mode(d))) < 0 ||
	    (pa_dossier_rev(d) && pa_ev_set(n, "rev", pa_dossier_rev(d)) < 0) ||
	    (pa_dossier_commit(d) && pa_ev_set(n, "commit", pa_dossier_commit(d)) < 0) ||
	    (pa_dossier_tree(d) && pa_ev_set(n, "tree", pa_dossier_tree(d)) < 0) ||
	    pa_ev_set(n, "subdir", pa_dossier_subdir(d)) < 0 ||
	    (pa_dossier_uncommitted(d) >= 0 &&
	    pa_ev_set(n, "uncommitted", uncommitted) < 0) ||
	    pa_ev_set(n, "as-of", as_of) < 0 ||
	    pa_ev_anchor_step(n, NULL, true) < 0)
		return PA_ENOMEM;
	return 0;
}

static int
write_files(struct build *b, xmlNode **files_out)
{
	const struct pa_dossier_file *f;
	size_t i, count = pa_dossier_file_count(b->d);
	xmlNode *files, *n;
	char size[32];

	if ((files = pa_ev_child(b->root, "files", NULL, 0, NULL)) == NULL ||
	    pa_ev_set_anchor(files, "files") < 0)
		return PA_ENOMEM;
	*files_out = files;
	snprintf(size, sizeof(size), "%zu", count);
	if (pa_ev_set(files, "count", size) < 0)
		return PA_ENOMEM;
	for (i = 0; i < count; i++) {
		f = pa_dossier_file_at(b->d, i);
		snprintf(size, sizeof(size), "%zu", f->size);
		if ((n = pa_ev_child(files, "file", NULL, 0, NULL)) == NULL ||
		    pa_ev_set(n, "path", f->path) < 0 ||
		    pa_ev_set(n, "size", size) < 0 ||
		    (f->blob[0] && pa_ev_set(n, "blob", f->blob) < 0) ||
		    pa_ev_set(n, "kind", file_kind(f->path)) < 0 ||
		    (entry_type(f->type) && pa_ev_set(n, "type", entry_type(f->type)) < 0) ||
		    pa_ev_anchor_step(n, "files", true) < 0)
			return PA_ENOMEM;
	}
	return 0;
}

typedef int (*reader_fn)(xmlNode *parent, const char *data, size_t len,
    const struct pa_evsrc *from, struct pa_diag *diag);

/* One of the dossier's XML files, if listed (a missing file is for the rules to judge). */
static int
read_xml(struct build *b, const char *path, reader_fn fn)
{
	const struct pa_dossier_file *f = pa_dossier_find(b->d, path);
	struct pa_evsrc from;
	int ok;

	if (f == NULL)
		return 0;
	evsrc_of(&from, f);
	if ((ok = read_listed(b, f)) < 0)
		return ok;
	return fn(b->root, ok ? b->data.ptr : NULL, b->data.size, &from, b->diag);
}

static int
read_card(struct build *b, const struct pa_dossier_file *f, const char *element,
    const char *id, size_t idlen)
{
	struct pa_buf idbuf = PA_BUF_INIT;
	struct pa_evsrc from;
	xmlNode *card;
	int error, ok;

	evsrc_of(&from, f);
	if ((error = pa_buf_put(&idbuf, id, idlen)) < 0)
		goto done;
	if ((card = pa_ev_child(b->root, element, &from, 1, NULL)) == NULL ||
	    pa_ev_set(card, "id", idbuf.ptr) < 0) {
		error = PA_ENOMEM;
		goto done;
	}
	if ((ok = read_listed(b, f)) <= 0) {
		error = ok;
		goto done;
	}
	if (b->licdb == NULL && (error = shared_licdb(&b->licdb)) < 0)
		goto done;
	if (b->tmpl == NULL && (error = pa_templates_shared(&b->tmpl)) < 0)
		goto done;
	error = pa_card_to_evidence(card, b->data.ptr, b->data.size, &from, b->licdb,
	    b->tmpl, b->diag);
done:
	pa_buf_dispose(&idbuf);
	return error;
}

/*
 * One <model>/<dataset> per <prefix><id>/README.md; a folder <prefix><id>/
 * without README.md is a diagnostic.  Paths are sorted, so the files of one
 * folder are next to each other.
 */
static int
read_cards(struct build *b, const char *prefix, const char *element, const char *code)
{
	const struct pa_dossier_file *f;
	struct pa_buf readme = PA_BUF_INIT, folder = PA_BUF_INIT;
	size_t i, n = strlen(prefix), idlen;
	const char *id, *slash;
	int error = 0;

	for (i = 0; i < pa_dossier_file_count(b->d) && error == 0; i++) {
		f = pa_dossier_file_at(b->d, i);
		if (strncmp(f->path, prefix, n) != 0)
			continue;
		id = f->path + n;
		if ((slash = strchr(id, '/')) == NULL || slash == id)
			continue;
		idlen = (size_t)(slash - id);
		if (folder.size == n + idlen && memcmp(folder.ptr, f->path, n + idlen) == 0)
			continue;	/* a folder already seen */
		pa_buf_clear(&folder);
		pa_buf_put(&folder, f->path, n + idlen);
		pa_buf_clear(&readme);
		pa_buf_printf(&readme, "%s/README.md", folder.ptr);
		if (pa_buf_oom(&folder) || pa_buf_oom(&readme)) {
			error = PA_ENOMEM;
			break;
		}
		if ((f = pa_dossier_find(b->d, readme.ptr)) == NULL) {
			pa_diag_add(b->diag, PA_DIAG_ERROR, code, folder.ptr, 0, NULL,
			    "card folder without README.md");
			continue;
		}
		error = read_card(b, f, element, id, idlen);
	}
	pa_buf_dispose(&readme);
	pa_buf_dispose(&folder);
	return error;
}

static int
read_docs(struct build *b)
{
	const struct pa_dossier_file *f;
	struct pa_evsrc from;
	xmlNode *doc;
	size_t i;
	int error = 0, ok;

	for (i = 0; i < pa_dossier_file_count(b->d) && error == 0; i++) {
		f = pa_dossier_file_at(b->d, i);
		if (!is_doc(f->path))
			continue;
		evsrc_of(&from, f);
		if ((doc = pa_ev_child(b->root, "doc", &from, 1, NULL)) == NULL ||
		    pa_ev_set(doc, "path", f->path) < 0)
			return PA_ENOMEM;
		if ((ok = read_listed(b, f)) <= 0) {
			error = ok;
			continue;
		}
		if (b->tmpl == NULL && (error = pa_templates_shared(&b->tmpl)) < 0)
			break;
		error = pa_markdown_to_evidence(doc, b->data.ptr, b->data.size, 1, &from,
		    b->tmpl);
	}
	return error;
}

/* A diagnostic's anchor: the one it names, else its code and message (which tell it apart). */
static int
diag_anchor(xmlNode *n, const struct pa_diag_entry *e)
{
	struct pa_buf a = PA_BUF_INIT, clean = PA_BUF_INIT;
	xmlChar *text;
	int error;

	if (e->anchor != NULL && e->anchor[0] != '\0') {
		/* as the attribute would hold it: XML-cleaned */
		if ((error = pa_text_xml_clean(&clean, e->anchor, strlen(e->anchor), NULL)) < 0)
			goto done;
	}
	if (clean.size > 0) {
		pa_ev_put_collapsed(&a, clean.ptr, PA_EV_ANCHOR_MAX);
	} else {
		pa_ev_put_collapsed(&a, pa_xml_attr(n, "code"), PA_EV_KEY_MAX);
		if ((text = xmlNodeGetContent(n)) != NULL) {
			pa_buf_puts(&a, ": ");
			pa_ev_put_collapsed(&a, (const char *)text, PA_EV_ANCHOR_MAX);
			xmlFree(text);
		}
	}
	error = pa_buf_oom(&a) || pa_buf_oom(&clean) ? pa_error_oom() :
	    pa_ev_set_anchor(n, a.ptr);
done:
	pa_buf_dispose(&a);
	pa_buf_dispose(&clean);
	return error;
}

static int
write_diagnostics(struct build *b, xmlNode *after)
{
	const struct pa_diag_entry *e;
	xmlNode *list, *n;
	size_t i;

	if (pa_diag_oom(b->diag))
		return pa_error_oom();
	if ((list = pa_ev_child(b->root, "diagnostics", NULL, 0, NULL)) == NULL ||
	    pa_ev_set_anchor(list, "diagnostics") < 0)
		return PA_ENOMEM;
	xmlUnlinkNode(list);
	if (xmlAddNextSibling(after, list) == NULL) {
		xmlFreeNode(list);
		return pa_error_oom();
	}
	for (i = 0; i < b->diag->count; i++) {
		e = &b->diag->entries[i];
		if ((n = pa_ev_child(list, "diag", NULL, 0, e->message)) == NULL ||
		    pa_ev_set(n, "severity", pa_diag_severity_name(e->severity)) < 0 ||
		    pa_ev_set(n, "code", e->code) < 0 ||
		    (e->path && pa_ev_set(n, "src", e->path) < 0) ||
		    (e->line > 0 && pa_ev_set_long(n, "line", e->line) < 0) ||
		    diag_anchor(n, e) < 0)
			return PA_ENOMEM;
	}
	return 0;
}

/*
 * The anchor of an element the signature check made without one (a
 * <signature>, <git>, <commit>, <tag>): its element path below the
 * evidence root, "signatures/signature[<commit id>]"; a detached
 * signature, which has a file, gets none.
 */
static int
anchor_unanchored(xmlNode *n, const char *prefix)
{
	xmlNode *c;
	bool has_src;
	int error;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		has_src = pa_xml_attr(n, "src") != NULL;
		if (pa_ev_anchor(n) == NULL && !has_src &&
		    (error = pa_ev_anchor_step(n, prefix, pa_ev_is_leaf(n))) < 0)
			return error;
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				break;
		if (c != NULL && (error = anchor_unanchored(c, has_src ? NULL : pa_ev_anchor(n))) < 0)
			return error;
	}
	return 0;
}

/* The document of the open dossier b->d (its listing's diagnostics already in b->diag). */
static int
build_doc(xmlDoc **out, struct build *b, const struct pa_evidence_opts *opts,
    const struct pa_date *as_of)
{
	struct pa_sig_opts sig;
	struct pa_sig_report *sigrep = NULL;
	xmlDoc *doc = NULL;
	xmlNode *files = NULL;
	xmlNs *ns;
	int error;

	/*
	 * The document's own dictionary holds one copy of each element and
	 * attribute name: a card has about 55 elements and 330 attributes,
	 * each name otherwise a malloc of its own (12 KB a card).
	 */
	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (doc->dict = xmlDictCreate()) == NULL ||
	    (b->root = xmlNewDocNode(doc, NULL, BAD_CAST "evidence", NULL)) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	xmlDocSetRootElement(doc, b->root);
	if ((ns = xmlNewNs(b->root, BAD_CAST PA_EVIDENCE_NS, NULL)) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	xmlSetNs(b->root, ns);
	if ((error = pa_ev_set(b->root, "version", "1")) < 0 ||
	    (error = pa_ev_set(b->root, "tool", PACKAGE_NAME " " PACKAGE_VERSION)) < 0 ||
	    (error = write_dossier(b, as_of->iso)) < 0 ||
	    (error = write_files(b, &files)) < 0)
		goto done;

	if ((error = read_xml(b, "application.xml", pa_application_to_evidence)) < 0 ||
	    (error = read_cards(b, "models/", "model", "model-card-missing")) < 0 ||
	    (error = read_cards(b, "datasets/", "dataset", "dataset-card-missing")) < 0 ||
	    (error = read_docs(b)) < 0 ||
	    (error = read_xml(b, "pact/commitments.xml", pa_commitments_to_evidence)) < 0 ||
	    (error = read_xml(b, "pact/signers.xml", pa_signers_to_evidence)) < 0)
		goto done;

	sig = opts->sig;
	if (sig.as_of == NULL)
		sig.as_of = as_of;
	if ((error = pa_sig_check(&sigrep, b->d, &sig, b->diag)) < 0 ||
	    (error = pa_sigxml_write(b->root, sigrep)) < 0 ||
	    (error = anchor_unanchored(b->root->children, NULL)) < 0)
		goto done;
	if ((error = write_diagnostics(b, files)) < 0 ||
	    (error = pa_evidence_selfcheck_doc(doc, "as built")) < 0)
		goto done;
	*out = doc;
	doc = NULL;	/* owned by the caller now */
done:
	pa_sig_report_free(sigrep);
	xmlFreeDoc(doc);
	return error;
}

int
pa_evidence_build(xmlDoc **out, const char *location, const struct pa_evidence_opts *opts)
{
	static const struct pa_evidence_opts defaults = { 0 };
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_dossier *d = NULL;
	int error;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if ((error = pa_dossier_open(&d, location, &opts->dossier, &diag)) == 0)
		error = pa_evidence_build_dossier(out, d, &diag, opts);
	pa_diag_dispose(&diag);
	pa_dossier_free(d);
	return error;
}

int
pa_evidence_build_dossier(xmlDoc **out, struct pa_dossier *d, struct pa_diag *diag,
    const struct pa_evidence_opts *opts)
{
	static const struct pa_evidence_opts defaults = { 0 };
	struct build b = { .d = d, .diag = diag, .data = PA_BUF_INIT };
	const struct pa_date *as_of;
	struct pa_date today;
	int error;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if ((error = as_of_of(&as_of, &today, opts)) == 0)
		error = build_doc(out, &b, opts, as_of);
	pa_buf_dispose(&b.data);
	return error;
}
