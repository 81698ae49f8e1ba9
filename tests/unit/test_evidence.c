/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for evidence/: the whole document built from real folders and repositories. */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "dossier/dossier.h"
#include "evidence/evidence.h"
#include "lib/cutest.h"
#include "lib/xptest.h"
#include "evidence/schema.h"
#include "parse/xml.h"
#include "sig/gpg.h"
#include "unit/gitrepo.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"

static const char *const good_files[] = {
	"application.xml", "pact/commitments.xml", "pact/signers.xml",
	"models/acme-rank/README.md", "datasets/cv-corpus/README.md", "docs/risk.md",
};

/* A copy of tests/fixtures/dossier/good in a new folder. */
static char *
good_dossier(void)
{
	char *dir = tr_tmpdir(), fx[256];
	size_t i;

	for (i = 0; i < sizeof(good_files) / sizeof(good_files[0]); i++) {
		snprintf(fx, sizeof(fx), "dossier/good/%s", good_files[i]);
		tr_copy_fixture(dir, good_files[i], fx);
	}
	return dir;
}

static xmlDoc *
build(const char *dir, const char *rev, bool worktree)
{
	static const struct pa_date as_of = { 20878, "2027-03-01" };
	struct pa_evidence_opts o = { 0 };
	xmlDoc *doc = NULL;

	o.dossier.rev = rev;
	o.dossier.worktree = worktree;
	o.as_of = &as_of;
	o.sig.no_cache = true;
	pa_error_clear();
	if (pa_evidence_build(&doc, dir, &o) < 0) {
		fprintf(stderr, "evidence: %s\n", pa_error_last());
		return NULL;
	}
	return doc;
}

static void
dump(xmlDoc *doc, struct pa_buf *out)
{
	xmlChar *mem = NULL;
	int n = 0;

	xmlDocDumpMemory(doc, &mem, &n);
	pa_buf_clear(out);
	pa_buf_put(out, (const char *)mem, (size_t)n);
	xmlFree(mem);
}

/*
 * Walk every element that comes from a dossier file (the children of the
 * root other than <dossier>, <files>, <diagnostics>, and what the signature
 * module adds) and count those without src and line (and blob in git mode).
 */
static size_t
walk_missing(const xmlNode *n, bool want_blob, size_t *seen)
{
	size_t bad = 0;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		(*seen)++;
		if (!xmlHasProp(n, BAD_CAST "src") || !xmlHasProp(n, BAD_CAST "line") ||
		    (want_blob && !xmlHasProp(n, BAD_CAST "blob"))) {
			fprintf(stderr, "<%s> at line %ld lacks src/line%s\n", (const char *)n->name,
			    xmlGetLineNo(n), want_blob ? "/blob" : "");
			bad++;
		}
		bad += walk_missing(n->children, want_blob, seen);
	}
	return bad;
}

static size_t
provenance_missing(xmlDoc *doc, bool want_blob, size_t *seen)
{
	static const char *const from_files[] = {
		"application", "model", "dataset", "doc", "pact", "signers"
	};
	const xmlNode *n;
	size_t bad = 0, i;

	*seen = 0;
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; i < sizeof(from_files) / sizeof(from_files[0]); i++) {
			if (strcmp((const char *)n->name, from_files[i]) == 0) {
				const xmlNode *next = n->next;

				/* walk this element alone, not its following siblings */
				((xmlNode *)n)->next = NULL;
				bad += walk_missing(n, want_blob, seen);
				((xmlNode *)n)->next = (xmlNode *)next;
			}
		}
	}
	return bad;
}

static void
test_evidence_folder_dossier(void)
{
	char *dir = good_dossier();
	xmlDoc *doc = build(dir, NULL, false);
	size_t seen;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/@version)", "1"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:dossier/@mode)", "folder"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:dossier/@as-of)", "2027-03-01"));
	CU_ASSERT_EQUAL(xp_num(doc, "count(/e:evidence/e:dossier/@commit)"), 0);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:files/@count)", "6"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:file[@path='application.xml']/@kind)", "application"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:file[@path='models/acme-rank/README.md']/@kind)",
	    "model-card"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:file[@path='datasets/cv-corpus/README.md']/@kind)",
	    "dataset-card"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:file[@path='docs/risk.md']/@kind)", "doc"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:file[@path='pact/commitments.xml']/@kind)", "pact"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:file[@path='pact/signers.xml']/@kind)", "signers"));
	/* <diagnostics> follows <files> and is empty for a clean dossier */
	CU_ASSERT_EQUAL(xp_num(doc, "count(/e:evidence/e:files/following-sibling::*[1]"
	    "[self::e:diagnostics])"), 1);
	CU_ASSERT_EQUAL(xp_num(doc, "count(//e:diag)"), 0);

	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:application/@valid)", "true"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:application/e:system/e:use-case)", "annex3-4a"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:model/@id)", "acme-rank"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:model/@src)", "models/acme-rank/README.md"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:dataset/@id)", "cv-corpus"));
	CU_ASSERT_EQUAL(xp_num(doc, "count(/e:evidence/e:model/e:section)"), 2);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:doc/@path)", "docs/risk.md"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:doc/e:section[@level=2])", "Risks"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:doc/e:section[@level=2]/@line)", "3"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:pact/@valid)", "true"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:signers/e:signer/@name)", "Jane Doe"));
	CU_ASSERT_EQUAL(xp_num(doc, "count(/e:evidence/e:signatures)"), 1);

	CU_ASSERT_EQUAL(provenance_missing(doc, false, &seen), 0);
	CU_ASSERT_TRUE(seen > 60);
	xmlFreeDoc(doc);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_evidence_git_dossier_revisions_and_blobs(void)
{
	char *dir = good_dossier(), first[41];
	git_repository *repo = tr_repo_init(dir);
	xmlDoc *doc;
	git_oid id;
	size_t seen;

	id = tr_commit_all(repo, "first");
	git_oid_tostr(first, sizeof(first), &id);
	tr_write(dir, "docs/risk.md", "# Risk management, second edition\n");
	tr_commit_all(repo, "second");
	tr_write(dir, "docs/risk.md", "# Uncommitted draft\n");

	doc = build(dir, NULL, false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:dossier/@mode)", "git"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:dossier/@rev)", "HEAD"));
	CU_ASSERT_EQUAL(xp_num(doc, "string-length(/e:evidence/e:dossier/@commit)"), 40);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:doc/e:section)",
	    "Risk management, second edition"));
	CU_ASSERT_EQUAL(xp_num(doc, "count(//e:file[string-length(@blob) = 40])"), 6);
	CU_ASSERT_EQUAL(provenance_missing(doc, true, &seen), 0);
	CU_ASSERT_TRUE(seen > 60);
	/* the blob named on an element is the blob of its file */
	CU_ASSERT_EQUAL(xp_num(doc, "count(//e:application//*[@blob != "
	    "//e:file[@path='application.xml']/@blob])"), 0);
	xmlFreeDoc(doc);

	doc = build(dir, first, false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:dossier/@commit)", first));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:doc/e:section)", "Risk management"));
	xmlFreeDoc(doc);

	doc = build(dir, NULL, true);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:dossier/@mode)", "worktree"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:doc/e:section)", "Uncommitted draft"));
	CU_ASSERT_EQUAL(xp_num(doc, "count(//e:file[@blob])"), 0);
	xmlFreeDoc(doc);

	CU_ASSERT_PTR_NULL(build(dir, "no-such-tag", false));
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "cannot resolve 'no-such-tag' in "));
	git_repository_free(repo);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_evidence_card_folder_without_readme(void)
{
	char *dir = good_dossier();
	xmlDoc *doc;

	tr_write(dir, "models/orphan/config.json", "{}");
	tr_write(dir, "datasets/empty/data.csv", "a,b\n");
	tr_write(dir, "models/README.md", "not a card: no folder");
	doc = build(dir, NULL, false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL(xp_num(doc, "count(//e:diag[@code='model-card-missing']"
	    "[@src='models/orphan'])"), 1);
	CU_ASSERT_EQUAL(xp_num(doc, "count(//e:diag[@code='dataset-card-missing']"
	    "[@src='datasets/empty'])"), 1);
	CU_ASSERT_EQUAL(xp_num(doc, "count(//e:diag)"), 2);
	CU_ASSERT_EQUAL(xp_num(doc, "count(/e:evidence/e:model)"), 1);
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:file[@path='models/README.md']/@kind)", "other"));
	xmlFreeDoc(doc);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_evidence_missing_required_files_are_not_diagnostics(void)
{
	char *dir = tr_tmpdir();
	xmlDoc *doc;

	tr_write(dir, "README.md", "# nothing here yet\n");
	doc = build(dir, NULL, false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL(xp_num(doc, "count(//e:diag)"), 0);
	CU_ASSERT_EQUAL(xp_num(doc, "count(/e:evidence/e:application | /e:evidence/e:pact | "
	    "/e:evidence/e:signers)"), 0);
	xmlFreeDoc(doc);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_evidence_symlinks_and_submodules_never_read(void)
{
	char *dir = good_dossier();
	git_repository *repo;
	struct pa_buf text = PA_BUF_INIT;
	xmlDoc *doc;
	int pass;

	/* application.xml and a card are links to /etc/passwd; docs/etc links to /etc */
	CU_ASSERT_EQUAL_FATAL(unlink(tr_path(dir, "application.xml")), 0);
	CU_ASSERT_EQUAL_FATAL(symlink("/etc/passwd", tr_path(dir, "application.xml")), 0);
	CU_ASSERT_EQUAL_FATAL(unlink(tr_path(dir, "datasets/cv-corpus/README.md")), 0);
	CU_ASSERT_EQUAL_FATAL(symlink("/etc/passwd", tr_path(dir, "datasets/cv-corpus/README.md")), 0);
	CU_ASSERT_EQUAL_FATAL(symlink("/etc", tr_path(dir, "docs/etc")), 0);
	repo = tr_repo_init(dir);
	tr_stage_all(repo);
	tr_add_gitlink(repo, "models/vendored");
	tr_commit_index(repo, "hostile");

	for (pass = 0; pass < 2; pass++) {
		doc = build(dir, NULL, pass == 1);
		CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
		dump(doc, &text);
		CU_ASSERT_PTR_NULL(strstr(text.ptr, "root:"));
		CU_ASSERT_PTR_NULL(strstr(text.ptr, "/bin/"));
		CU_ASSERT_TRUE(xp_is(doc, "string(//e:file[@path='application.xml']/@type)", "symlink"));
		CU_ASSERT_TRUE(xp_is(doc, "string(//e:file[@path='docs/etc']/@type)", "symlink"));
		CU_ASSERT_EQUAL(xp_num(doc, "count(//e:diag[@code='dossier-symlink'])"), 3);
		CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:application/@valid)", "false"));
		CU_ASSERT_EQUAL(xp_num(doc, "count(/e:evidence/e:application/*)"), 0);
		CU_ASSERT_EQUAL(xp_num(doc, "count(/e:evidence/e:doc)"), 1);
		/* the card element is there (the folder has a README.md), empty */
		CU_ASSERT_EQUAL(xp_num(doc, "count(/e:evidence/e:dataset[@id='cv-corpus']/*)"), 0);
		if (pass == 0) {
			CU_ASSERT_TRUE(xp_is(doc, "string(//e:file[@path='models/vendored']/@type)",
			    "submodule"));
			CU_ASSERT_EQUAL(xp_num(doc, "count(//e:diag[@code='dossier-submodule'])"), 1);
			/* a gitlink is not a card folder */
			CU_ASSERT_EQUAL(xp_num(doc, "count(/e:evidence/e:model)"), 1);
		}
		xmlFreeDoc(doc);
	}
	git_repository_free(repo);
	pa_buf_dispose(&text);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_evidence_control_characters_become_visible_escapes(void)
{
	char *dir = good_dossier();
	struct pa_buf text = PA_BUF_INIT;
	xmlDoc *doc;

	tr_write(dir, "docs/esc.md", "# Evil \x1b[2J\x1b]0;title\x07 heading\n\n## bad \xff\xfe bytes\n");
	tr_write(dir, "models/esc/README.md", "---\nlicense: mit\ntags:\n  - \"a\\e[31mred\"\n---\n"
	    "# Card \x1b[1mbold\n");
	tr_copy_fixture(dir, "pact/signers.xml", "xml/esc-in-text.xml");
	doc = build(dir, NULL, false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	dump(doc, &text);
	CU_ASSERT_PTR_NULL(memchr(text.ptr, 0x1b, text.size));
	CU_ASSERT_PTR_NULL(memchr(text.ptr, 0x07, text.size));
	CU_ASSERT_PTR_NULL(strstr(text.ptr, "\xff\xfe"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:doc[@path='docs/esc.md']/e:section[1])",
	    "Evil \\x1b[2J\\x1b]0;title\\x07 heading"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:doc[@path='docs/esc.md']/e:section[2])",
	    "bad \\xff\\xfe bytes"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:model[@id='esc']/e:section)", "Card \\x1b[1mbold"));
	/* raw ESC inside XML is not well-formed: a diagnostic with path and line */
	CU_ASSERT_TRUE(xp_num(doc, "count(//e:diag[@code='xml-malformed']"
	    "[@src='pact/signers.xml'][@line=5])") >= 1);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:signers/@valid)", "false"));
	xmlFreeDoc(doc);
	pa_buf_dispose(&text);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_evidence_schema_violation_listed_with_line(void)
{
	char *dir = good_dossier();
	xmlDoc *doc;

	tr_copy_fixture(dir, "application.xml", "xml/application-invalid.xml");
	doc = build(dir, NULL, false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_TRUE(xp_num(doc, "count(//e:diag[@code='schema-invalid']"
	    "[@src='application.xml'][@line=5][@severity='error'])") >= 1);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:application/@valid)", "false"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:application/e:system/@line)", "25"));
	xmlFreeDoc(doc);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_evidence_oversized_application(void)
{
	char *dir = good_dossier(), *big;
	size_t n = PA_LIMIT_FILE_SIZE + 10;
	xmlDoc *doc;

	big = malloc(n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	memset(big, ' ', n);
	memcpy(big, "<application>", 13);
	tr_write_n(dir, "application.xml", big, n);
	free(big);
	doc = build(dir, NULL, false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL(xp_num(doc, "count(//e:diag[@code='dossier-file-too-large']"
	    "[@src='application.xml'])"), 1);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:application/@valid)", "false"));
	/* the rest of the dossier is still read */
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:pact/@valid)", "true"));
	xmlFreeDoc(doc);
	pa_file_rm_rf(dir);
	free(dir);
}

static void
test_evidence_errors(void)
{
	struct pa_evidence_opts o = { 0 };
	xmlDoc *doc = NULL;
	char *dir = good_dossier();

	/* a bad --as-of is refused on the command line (pa_opt_as_of, tests/cli) */
	o.as_of = NULL;
	CU_ASSERT_TRUE(pa_evidence_build(&doc, "/nonexistent/dossier", &o) < 0);
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "no such folder"));
	pa_file_rm_rf(dir);
	free(dir);
}

struct job {
	const char *dir;
	struct pa_buf out;
	int rc;
};

static bool
validates(xmlDoc *doc)
{
	struct pa_diag diag = PA_DIAG_INIT;
	bool valid = false;
	size_t i;

	CU_ASSERT_EQUAL(pa_evidence_validate(&valid, doc, &diag), 0);
	for (i = 0; i < diag.count && i < 5; i++)
		fprintf(stderr, "evidence.rng: %s %s\n", diag.entries[i].message,
		    diag.entries[i].anchor ? diag.entries[i].anchor : "");
	pa_diag_dispose(&diag);
	return valid;
}

/* Every element that names a place in a file records its anchor when made. */
static size_t
anchors_missing(const xmlNode *n, bool file_root)
{
	size_t bad = 0;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!file_root && !xmlHasProp(n, BAD_CAST "anchor")) {
			fprintf(stderr, "<%s> line %ld has no anchor\n", (const char *)n->name,
			    xmlGetLineNo(n));
			bad++;
		}
		bad += anchors_missing(n->children, false);
	}
	return bad;
}

/*
 * The evidence of the fixture dossier and of a dossier holding every
 * corpus card, as a model and as a dataset, matches evidence.rng; every
 * element below a file's root has its anchor.
 */
static void
test_evidence_schema_fixtures_and_corpus(void)
{
	static const char *const kinds[] = { "models", "datasets" };
	char *dir = good_dossier(), rel[512], fx[512], corpus[512];
	const xmlNode *n;
	struct dirent *e;
	xmlDoc *doc;
	size_t k, cards = 0;
	DIR *d;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc = build(dir, NULL, false));
	CU_ASSERT_TRUE(validates(doc));
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlHasProp(n, BAD_CAST "src"))
			CU_ASSERT_EQUAL(anchors_missing(n->children, false), 0);
	xmlFreeDoc(doc);

	for (k = 0; k < 2; k++) {
		snprintf(corpus, sizeof(corpus), "%s/tests/fixtures/cards/corpus/%s",
		    getenv("top_srcdir") ? getenv("top_srcdir") : "..", kinds[k]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(d = opendir(corpus));
		while ((e = readdir(d)) != NULL) {
			size_t len = strlen(e->d_name);

			if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0)
				continue;
			snprintf(fx, sizeof(fx), "cards/corpus/%s/%s", kinds[k], e->d_name);
			/* each card both as a model card and as a dataset card */
			snprintf(rel, sizeof(rel), "models/%.*s/README.md", (int)(len - 3), e->d_name);
			tr_copy_fixture(dir, rel, fx);
			snprintf(rel, sizeof(rel), "datasets/%.*s/README.md", (int)(len - 3), e->d_name);
			tr_copy_fixture(dir, rel, fx);
			cards++;
		}
		closedir(d);
	}
	CU_ASSERT_TRUE(cards >= 20);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc = build(dir, NULL, false));
	CU_ASSERT_TRUE(validates(doc));
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && (xmlStrEqual(n->name, BAD_CAST "model") ||
		    xmlStrEqual(n->name, BAD_CAST "dataset")))
			CU_ASSERT_EQUAL(anchors_missing(n->children, false), 0);

	/* the schema is not a wildcard: a misspelt element fails it */
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "application"))
			break;
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	for (n = n->children; n != NULL && !xmlStrEqual(n->name, BAD_CAST "system"); n = n->next)
		;
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	for (n = n->children; n != NULL && !xmlStrEqual(n->name, BAD_CAST "use-case"); n = n->next)
		;
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	xmlNodeSetName((xmlNode *)n, BAD_CAST "usecase");
	CU_ASSERT_FALSE(validates(doc));
	xmlFreeDoc(doc);
	pa_file_rm_rf(dir);
	free(dir);
}

struct drift {
	const struct pa_schema_names *evidence;
	int missing;
};

static void
in_evidence(const char *name, bool attr, void *arg)
{
	struct drift *d = arg;
	/* the root of pact/commitments.xml is <pact> in the evidence */
	bool ok = (!attr && strcmp(name, "commitments") == 0) ||
	    (attr ? pa_schema_has_attribute(d->evidence, name, strlen(name)) :
	    pa_schema_has_element(d->evidence, name, strlen(name)));

	if (!ok) {
		fprintf(stderr, "evidence.rng lacks %s%s\n", attr ? "@" : "e:", name);
		d->missing++;
	}
}

/* Every element and attribute of the dossier's own XML files is in the evidence schema. */
static void
test_evidence_schema_covers_file_schemas(void)
{
	static const char *const files[] = { "application.rng", "commitments.rng", "signers.rng" };
	struct pa_schema_names *ev = NULL, *f = NULL;
	struct drift d = { 0 };
	size_t i;

	CU_ASSERT_EQUAL_FATAL(pa_schema_names_load(&ev, PA_EVIDENCE_SCHEMA), 0);
	CU_ASSERT_TRUE(pa_schema_has_element(ev, "use-case", 8));
	CU_ASSERT_FALSE(pa_schema_has_element(ev, "usecase", 7));
	CU_ASSERT_TRUE(pa_schema_has_attribute(ev, "anchor", 6));
	d.evidence = ev;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		CU_ASSERT_EQUAL_FATAL(pa_schema_names_load(&f, files[i]), 0);
		pa_schema_names_each(f, in_evidence, &d);
		pa_schema_names_free(f);
	}
	CU_ASSERT_EQUAL(d.missing, 0);
	pa_schema_names_free(ev);
}

static void *
run_job(void *arg)
{
	struct job *j = arg;
	xmlDoc *doc = build(j->dir, NULL, false);

	j->rc = doc ? 0 : -1;
	if (doc)
		dump(doc, &j->out);
	xmlFreeDoc(doc);
	pa_xml_thread_cleanup();	/* the schemas this thread compiled */
	return NULL;
}

static void
test_evidence_parallel_builds(void)
{
	char *dirs[2] = { good_dossier(), good_dossier() };
	struct job jobs[4];
	pthread_t t[4];
	struct pa_buf want = PA_BUF_INIT;
	xmlDoc *doc;
	int i;

	for (i = 0; i < 4; i++) {
		jobs[i].dir = dirs[i % 2];
		pa_buf_init(&jobs[i].out);
		jobs[i].rc = -2;
		CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, run_job, &jobs[i]), 0);
	}
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < 4; i++) {
		CU_ASSERT_EQUAL(jobs[i].rc, 0);
		doc = build(jobs[i].dir, NULL, false);
		CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
		dump(doc, &want);
		CU_ASSERT_TRUE(jobs[i].out.size == want.size &&
		    memcmp(jobs[i].out.ptr, want.ptr, want.size) == 0);
		xmlFreeDoc(doc);
		pa_buf_dispose(&jobs[i].out);
	}
	pa_buf_dispose(&want);
	for (i = 0; i < 2; i++) {
		pa_file_rm_rf(dirs[i]);
		free(dirs[i]);
	}
}

static int
suite_init(void)
{
	pa_xml_global_init();
	return pa_dossier_global_init() < 0 || pa_gpg_global_init() < 0;
}

static int
suite_clean(void)
{
	pa_dossier_global_cleanup();
	return 0;
}

static CU_TestInfo evidence_tests[] = {
	{ "folder dossier: every part, provenance", test_evidence_folder_dossier },
	{ "git dossier: revisions, blobs, worktree", test_evidence_git_dossier_revisions_and_blobs },
	{ "card folder without README.md", test_evidence_card_folder_without_readme },
	{ "missing required files are for the rules", test_evidence_missing_required_files_are_not_diagnostics },
	{ "symlinks and submodules never read", test_evidence_symlinks_and_submodules_never_read },
	{ "control characters become visible escapes", test_evidence_control_characters_become_visible_escapes },
	{ "schema violation listed with its line", test_evidence_schema_violation_listed_with_line },
	{ "oversized application.xml", test_evidence_oversized_application },
	{ "errors: bad date, no dossier", test_evidence_errors },
	{ "parallel builds", test_evidence_parallel_builds },
	{ "schema: fixture and every corpus card", test_evidence_schema_fixtures_and_corpus },
	{ "schema: covers the dossier file schemas", test_evidence_schema_covers_file_schemas },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "evidence", suite_init, suite_clean, NULL, NULL, evidence_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
