/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for the hardened XML entry point and the application/pact readers on hostile input. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "lib/cutest.h"
#include "lib/xptest.h"
#include "evidence/xmlfile.h"
#include "parse/evnode.h"
#include "parse/xml.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"

static struct pa_diag diag = PA_DIAG_INIT;

static void
fixture(struct pa_buf *out, const char *name)
{
	char path[4096];
	const char *top = getenv("top_srcdir");

	snprintf(path, sizeof(path), "%s/tests/fixtures/%s", top ? top : "..", name);
	pa_buf_clear(out);
	if (pa_file_read(out, path, 64u * 1024 * 1024, 0) < 0) {
		fprintf(stderr, "cannot read fixture %s\n", path);
		abort();
	}
}

static const struct pa_diag_entry *
find_diag(const char *code)
{
	size_t i;

	for (i = 0; i < diag.count; i++)
		if (strcmp(diag.entries[i].code, code) == 0)
			return &diag.entries[i];
	return NULL;
}

/* No diagnostic message may hold a raw control byte or a marker string. */
static void
assert_diags_clean(const char *marker)
{
	size_t i;
	const char *m;

	for (i = 0; i < diag.count; i++) {
		m = diag.entries[i].message;
		CU_ASSERT_PTR_NULL(strpbrk(m, "\x1b\r\n\x07"));
		if (marker)
			CU_ASSERT_PTR_NULL(strstr(m, marker));
	}
}

/* Parse a string as the dossier file `path`. */
static xmlDoc *
parse_mem(const char *data, size_t len, const char *path)
{
	xmlDoc *doc = NULL;

	pa_diag_dispose(&diag);
	CU_ASSERT_EQUAL(pa_xml_parse_untrusted(&doc, data, len, path, &diag), 0);
	return doc;
}

static xmlDoc *
parse_fixture(const char *name)
{
	struct pa_buf b = PA_BUF_INIT;
	xmlDoc *doc;

	fixture(&b, name);
	doc = parse_mem(b.ptr, b.size, name);
	pa_buf_dispose(&b);
	return doc;
}

/* ---- evidence helpers ---- */

static xmlDoc *
new_evidence(xmlNode **root)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");

	*root = xmlNewDocNode(doc, NULL, BAD_CAST "evidence", NULL);
	xmlDocSetRootElement(doc, *root);
	xmlSetNs(*root, xmlNewNs(*root, BAD_CAST PA_EVIDENCE_NS, NULL));
	return doc;
}

typedef int (*reader_fn)(xmlNode *, const char *, size_t, const struct pa_evsrc *,
    struct pa_diag *);

/* Run a reader over data; returns the evidence document (serialised into *text if asked). */
static xmlDoc *
read_ev(reader_fn fn, const char *data, size_t len, const char *src, const char *blob,
    struct pa_buf *text)
{
	struct pa_evsrc from = { src, blob };
	xmlNode *root;
	xmlDoc *doc = new_evidence(&root);
	xmlChar *mem = NULL;
	int n = 0;

	pa_diag_dispose(&diag);
	CU_ASSERT_EQUAL(fn(root, data, len, &from, &diag), 0);
	if (text) {
		xmlDocDumpMemory(doc, &mem, &n);
		pa_buf_clear(text);
		pa_buf_put(text, (const char *)mem, (size_t)n);
		xmlFree(mem);
	}
	return doc;
}

static xmlDoc *
read_ev_fixture(reader_fn fn, const char *name, const char *src, struct pa_buf *text)
{
	struct pa_buf b = PA_BUF_INIT;
	xmlDoc *doc;

	fixture(&b, name);
	doc = read_ev(fn, b.ptr, b.size, src, "0123456789abcdef0123456789abcdef01234567", text);
	pa_buf_dispose(&b);
	return doc;
}

/* Every element below n carries src and line (and blob when want_blob). */
static size_t
count_without_provenance(const xmlNode *n, bool want_blob)
{
	size_t bad = 0;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!xmlHasProp(n, BAD_CAST "src") || !xmlHasProp(n, BAD_CAST "line") ||
		    (want_blob && !xmlHasProp(n, BAD_CAST "blob"))) {
			fprintf(stderr, "element %s (line %ld) lacks provenance\n",
			    (const char *)n->name, xmlGetLineNo(n));
			bad++;
		}
		bad += count_without_provenance(n->children, want_blob);
	}
	return bad;
}

/* ---- the hostile parser tests ---- */

static const struct {
	const char *fixture;
	const char *code;
	long line;
} refused[] = {
	{ "xml/billion-laughs.xml", "xml-doctype", 2 },
	{ "xml/xxe-system.xml", "xml-doctype", 2 },
	{ "xml/parameter-entities.xml", "xml-doctype", 2 },
	{ "xml/external-dtd.xml", "xml-doctype", 2 },
	{ "xml/external-dtd-http.xml", "xml-doctype", 2 },
	{ "xml/invalid-utf8.xml", "xml-malformed", 5 },
	{ "xml/esc-in-text.xml", "xml-malformed", 5 },
	{ "xml/charref-esc.xml", "xml-malformed", 5 },
	{ "xml/truncated.xml", "xml-malformed", 0 },
	{ "xml/empty.xml", "xml-malformed", 1 },
};

static void
test_xml_hostile_documents_refused(void)
{
	const struct pa_diag_entry *e;
	xmlDoc *doc;
	time_t t0;
	size_t i;

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		t0 = time(NULL);
		doc = parse_fixture(refused[i].fixture);
		CU_ASSERT_TRUE(time(NULL) - t0 < 5);	/* no expansion, no network wait */
		CU_ASSERT_PTR_NULL(doc);
		xmlFreeDoc(doc);
		e = find_diag(refused[i].code);
		if (e == NULL) {
			fprintf(stderr, "%s: no %s diagnostic\n", refused[i].fixture,
			    refused[i].code);
			CU_FAIL("expected diagnostic missing");
			continue;
		}
		CU_ASSERT_STRING_EQUAL(e->path, refused[i].fixture);
		CU_ASSERT_EQUAL(e->severity, PA_DIAG_ERROR);
		if (refused[i].line > 0 && e->line != refused[i].line) {
			fprintf(stderr, "%s: line %ld, expected %ld\n", refused[i].fixture,
			    e->line, refused[i].line);
			CU_FAIL("wrong line");
		}
		assert_diags_clean("root:");
	}
}

/* shape with every "@@" replaced by path */
static void
fill(struct pa_buf *out, const char *shape, const char *path)
{
	const char *p;

	pa_buf_clear(out);
	while ((p = strstr(shape, "@@")) != NULL) {
		pa_buf_put(out, shape, (size_t)(p - shape));
		pa_buf_puts(out, path);
		shape = p + 2;
	}
	pa_buf_puts(out, shape);
}

static void
test_xml_external_entity_never_read(void)
{
	static const char marker[] = "PA-SECRET-MARKER-4711";
	struct pa_buf doc_text = PA_BUF_INIT, ev = PA_BUF_INIT;
	char secret[] = "/tmp/pa-secret.XXXXXX";
	static const char *const shapes[] = {
		"<?xml version=\"1.0\"?>\n<!DOCTYPE application [<!ENTITY s SYSTEM \"file://@@\">]>\n"
		"<application xmlns=\"urn:pactaudit:application:1\" version=\"1\"><call>&s;</call></application>\n",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE application SYSTEM \"@@\">\n"
		"<application xmlns=\"urn:pactaudit:application:1\" version=\"1\"><call>x</call></application>\n",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE application [<!ENTITY % p SYSTEM \"@@\"> %p;]>\n"
		"<application xmlns=\"urn:pactaudit:application:1\" version=\"1\"/>\n",
		"<?xml version=\"1.0\"?>\n<application xmlns=\"urn:pactaudit:application:1\" "
		"xmlns:xi=\"http://www.w3.org/2001/XInclude\" version=\"1\">"
		"<call><xi:include href=\"@@\" parse=\"text\"/></call></application>\n",
	};
	xmlDoc *doc;
	size_t i;
	int fd;

	CU_ASSERT_FATAL((fd = mkstemp(secret)) >= 0);
	CU_ASSERT_EQUAL_FATAL(write(fd, marker, sizeof(marker) - 1), (ssize_t)(sizeof(marker) - 1));
	close(fd);
	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		fill(&doc_text, shapes[i], secret);
		doc = read_ev(pa_application_to_evidence, doc_text.ptr, doc_text.size,
		    "application.xml", NULL, &ev);
		CU_ASSERT_PTR_NULL(strstr(ev.ptr, marker));
		CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:application/@valid)", "false"));
		assert_diags_clean(marker);
		xmlFreeDoc(doc);
	}
	unlink(secret);
	pa_buf_dispose(&doc_text);
	pa_buf_dispose(&ev);
}

static void
test_xml_xinclude_not_processed(void)
{
	struct pa_buf ev = PA_BUF_INIT;
	xmlDoc *doc;

	doc = read_ev_fixture(pa_application_to_evidence, "xml/xinclude.xml",
	    "application.xml", &ev);
	CU_ASSERT_PTR_NULL(strstr(ev.ptr, "root:"));
	CU_ASSERT_PTR_NULL(strstr(ev.ptr, "include"));	/* foreign elements are not copied */
	CU_ASSERT_EQUAL(xp_num(doc, "count(//e:call)"), 1);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:application/@valid)", "false"));
	CU_ASSERT_PTR_NOT_NULL(find_diag("schema-invalid"));
	xmlFreeDoc(doc);
	pa_buf_dispose(&ev);
}

static void
test_xml_oversize(void)
{
	struct pa_buf b = PA_BUF_INIT;
	xmlDoc *doc;

	pa_buf_puts(&b, "<?xml version=\"1.0\"?>\n<application xmlns=\"urn:pactaudit:application:1\" "
	    "version=\"1\"><call>");
	while (b.size <= PA_LIMIT_XML_SIZE)
		pa_buf_puts(&b, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n");
	pa_buf_puts(&b, "</call></application>\n");
	CU_ASSERT_FALSE_FATAL(pa_buf_oom(&b));
	doc = parse_mem(b.ptr, b.size, "application.xml");
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_PTR_NOT_NULL(find_diag("xml-too-large"));
	xmlFreeDoc(doc);
	pa_buf_dispose(&b);
}

static void
nested(struct pa_buf *b, int depth)
{
	int i;

	pa_buf_clear(b);
	pa_buf_puts(b, "<?xml version=\"1.0\"?>\n<application xmlns=\"urn:pactaudit:application:1\" version=\"1\">");
	for (i = 0; i < depth; i++)
		pa_buf_puts(b, "<n>");
	for (i = 0; i < depth; i++)
		pa_buf_puts(b, "</n>");
	pa_buf_puts(b, "</application>\n");
}

static void
test_xml_deep_nesting(void)
{
	struct pa_buf b = PA_BUF_INIT, ev = PA_BUF_INIT;
	xmlDoc *doc;

	nested(&b, 1000);
	doc = parse_mem(b.ptr, b.size, "application.xml");
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_TRUE(find_diag("xml-malformed") != NULL || find_diag("xml-too-deep") != NULL);
	xmlFreeDoc(doc);

	nested(&b, 100);	/* under libxml2's own limit, over ours */
	doc = parse_mem(b.ptr, b.size, "application.xml");
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_PTR_NOT_NULL(find_diag("xml-too-deep"));
	xmlFreeDoc(doc);

	/* through the reader: an empty, invalid <application> */
	nested(&b, 1000);
	doc = read_ev(pa_application_to_evidence, b.ptr, b.size, "application.xml", NULL, &ev);
	CU_ASSERT_EQUAL(xp_num(doc, "count(/e:evidence/e:application/*)"), 0);
	CU_ASSERT_PTR_NULL(strstr(ev.ptr, "<n"));
	xmlFreeDoc(doc);
	pa_buf_dispose(&b);
	pa_buf_dispose(&ev);
}

static void
test_xml_entities_that_are_allowed(void)
{
	static const char text[] = "<?xml version=\"1.0\"?>\n"
	    "<application xmlns=\"urn:pactaudit:application:1\" version=\"1\">"
	    "<call>a &amp; b &#x41;&#65; &lt;x&gt;</call></application>\n";
	xmlDoc *doc;

	doc = read_ev(pa_application_to_evidence, text, sizeof(text) - 1, "application.xml",
	    NULL, NULL);
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:call)", "a & b AA <x>"));
	xmlFreeDoc(doc);
}

/* ---- the readers ---- */

static void
test_xml_good_application_copied_with_provenance(void)
{
	xmlDoc *doc;

	doc = read_ev_fixture(pa_application_to_evidence, "dossier/good/application.xml",
	    "application.xml", NULL);
	CU_ASSERT_EQUAL(diag.count, 0);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:application/@valid)", "true"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:application/@version)", "1"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:application/@line)", "2"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:system/e:use-case)", "annex3-4a"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:system/@id)", "cv-screen"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:system/e:use-case/@line)", "31"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:compute/e:period/@start)", "2027-01-01"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:training/e:parameters)", "7e9"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:applicant/e:contact/e:email)", "jane@acme.example"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:model/@ref)", "models/acme-rank"));
	CU_ASSERT_EQUAL(xp_num(doc, "count(//*[namespace-uri() != 'urn:pactaudit:evidence:1'])"), 0);
	CU_ASSERT_EQUAL(xp_num(doc, "count(/e:evidence/e:application//*)"), 40);
	CU_ASSERT_EQUAL(count_without_provenance(xmlDocGetRootElement(doc)->children, true), 0);
	xmlFreeDoc(doc);
}

static void
test_xml_schema_violation_is_a_diagnostic_with_line(void)
{
	const struct pa_diag_entry *e;
	xmlDoc *doc;

	doc = read_ev_fixture(pa_application_to_evidence, "xml/application-invalid.xml",
	    "application.xml", NULL);
	e = find_diag("schema-invalid");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_STRING_EQUAL(e->path, "application.xml");
	CU_ASSERT_EQUAL(e->line, 5);	/* <country>France</country> */
	/* one violation is one diagnostic, anchored at the element, not the line */
	CU_ASSERT_PTR_NOT_NULL_FATAL(e->anchor);
	CU_ASSERT_STRING_EQUAL(e->anchor, "application/applicant/country");
	CU_ASSERT_PTR_NOT_NULL(strstr(e->message, "datatype"));
	for (size_t i = 0; i < diag.count; i++)
		if (&diag.entries[i] != e && strcmp(diag.entries[i].code, "schema-invalid") == 0)
			CU_ASSERT_NOT_EQUAL(diag.entries[i].line, 5);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:application/@valid)", "false"));
	/* what could be read is still there */
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:applicant/e:country)", "France"));
	/* provenance cannot be forged: reserved attributes come from the reader */
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:system/@src)", "application.xml"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:system/@line)", "25"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:system/@blob)",
	    "0123456789abcdef0123456789abcdef01234567"));
	/* an element of another namespace is not copied into the evidence */
	CU_ASSERT_EQUAL(xp_num(doc, "count(//e:system/e:use-case)"), 1);
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:system/e:use-case)", "annex3-4a"));
	CU_ASSERT_EQUAL(count_without_provenance(xmlDocGetRootElement(doc)->children, true), 0);
	xmlFreeDoc(doc);
}

static void
test_xml_root_problems(void)
{
	xmlDoc *doc;

	doc = read_ev_fixture(pa_application_to_evidence, "xml/application-no-namespace.xml",
	    "application.xml", NULL);
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:application/@valid)", "false"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:application/e:call)", "2026-03"));
	CU_ASSERT_PTR_NOT_NULL(find_diag("schema-invalid"));
	xmlFreeDoc(doc);

	doc = read_ev_fixture(pa_application_to_evidence, "xml/wrong-root.xml",
	    "application.xml", NULL);
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:application/@valid)", "false"));
	CU_ASSERT_EQUAL(xp_num(doc, "count(//e:application/*)"), 0);
	CU_ASSERT_PTR_NOT_NULL(find_diag("schema-invalid"));
	xmlFreeDoc(doc);

	/* a file that could not be read: an empty element, no new diagnostic */
	doc = read_ev(pa_signers_to_evidence, NULL, 0, "pact/signers.xml", NULL, NULL);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:signers/@valid)", "false"));
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:signers/@src)", "pact/signers.xml"));
	CU_ASSERT_EQUAL(diag.count, 0);
	xmlFreeDoc(doc);
}

static void
test_xml_pact_files(void)
{
	xmlDoc *doc;

	doc = read_ev_fixture(pa_commitments_to_evidence, "dossier/good/pact/commitments.xml",
	    "pact/commitments.xml", NULL);
	CU_ASSERT_EQUAL(diag.count, 0);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:pact/@valid)", "true"));
	CU_ASSERT_EQUAL(xp_num(doc, "count(/e:evidence/e:pact/e:core)"), 3);
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:pledge/@due)", "2027-01-31"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:pact/e:signatory/@name)", "Jane Doe"));
	CU_ASSERT_EQUAL(count_without_provenance(xmlDocGetRootElement(doc)->children, true), 0);
	xmlFreeDoc(doc);

	doc = read_ev_fixture(pa_signers_to_evidence, "dossier/good/pact/signers.xml",
	    "pact/signers.xml", NULL);
	CU_ASSERT_EQUAL(diag.count, 0);
	CU_ASSERT_TRUE(xp_is(doc, "string(/e:evidence/e:signers/@valid)", "true"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:signer/@rights)", "commit pact tag signers"));
	CU_ASSERT_EQUAL(count_without_provenance(xmlDocGetRootElement(doc)->children, true), 0);
	xmlFreeDoc(doc);

	/* wrong rights and a short fingerprint break the schema */
	{
		static const char bad[] = "<signers xmlns=\"urn:pactaudit:signers:1\" version=\"1\">\n"
		    "<signer fingerprint=\"ABCD\" name=\"X\" rights=\"commit root\"/>\n</signers>\n";

		doc = read_ev(pa_signers_to_evidence, bad, sizeof(bad) - 1, "pact/signers.xml",
		    NULL, NULL);
		CU_ASSERT_TRUE(xp_is(doc, "string(//e:signers/@valid)", "false"));
		CU_ASSERT_PTR_NOT_NULL(find_diag("schema-invalid"));
		CU_ASSERT_EQUAL(find_diag("schema-invalid")->line, 2);
		xmlFreeDoc(doc);
	}
}

static void
test_xml_whitespace_trimmed(void)
{
	static const char text[] = "<application xmlns=\"urn:pactaudit:application:1\" version=\" 1 \">\n"
	    "<system id=\"  s1\n\"><use-case>\n   annex3-4a\n</use-case>"
	    "<purpose>  two\n  lines  </purpose></system></application>\n";
	xmlDoc *doc;

	doc = read_ev(pa_application_to_evidence, text, sizeof(text) - 1, "application.xml",
	    NULL, NULL);
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:use-case)", "annex3-4a"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:system/@id)", "s1"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:purpose)", "two\n  lines"));
	CU_ASSERT_TRUE(xp_is(doc, "string(//e:application/@version)", "1"));
	xmlFreeDoc(doc);
}

static int
suite_init(void)
{
	pa_xml_global_init();
	return 0;
}

static int
suite_clean(void)
{
	pa_diag_dispose(&diag);
	return 0;
}

static CU_TestInfo xml_tests[] = {
	{ "hostile documents refused with path and line", test_xml_hostile_documents_refused },
	{ "external entities never read", test_xml_external_entity_never_read },
	{ "XInclude not processed", test_xml_xinclude_not_processed },
	{ "oversize document", test_xml_oversize },
	{ "deep nesting", test_xml_deep_nesting },
	{ "predefined entities and character references", test_xml_entities_that_are_allowed },
	{ "application copied with provenance", test_xml_good_application_copied_with_provenance },
	{ "schema violation: diagnostic with line", test_xml_schema_violation_is_a_diagnostic_with_line },
	{ "wrong or missing root namespace", test_xml_root_problems },
	{ "commitments and signers", test_xml_pact_files },
	{ "white space trimmed", test_xml_whitespace_trimmed },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "xml", suite_init, suite_clean, NULL, NULL, xml_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
