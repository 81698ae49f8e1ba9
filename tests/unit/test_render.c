/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of render/: every format, sanitising, JSON keys, CSV formulas, JUnit/TAP outcomes. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cutest.h"
#include "parse/xml.h"
#include "render/render.h"
#include "results/results.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"

static const char *const fixtures[] = {
	"clean", "eligible", "needs-changes", "ineligible", "set", "hostile"
};
#define NFIXTURES (sizeof(fixtures) / sizeof(fixtures[0]))

/* Read a fixture through the results reader: its dossiers, *n of them. */
static struct pa_results **
load_n(const char *name, size_t *n)
{
	struct pa_buf path = PA_BUF_INIT, data = PA_BUF_INIT;
	struct pa_vec list = PA_VEC_INIT;
	const char *top = getenv("top_srcdir");
	int rc = -1;

	pa_buf_printf(&path, "%s/tests/fixtures/results/%s.xml", top ? top : "../..", name);
	if (pa_file_read(&data, path.ptr, PA_LIMIT_XML_SIZE, 0) == 0)
		rc = pa_results_read_mem(&list, data.ptr, data.size, path.ptr);
	if (rc != 0)
		fprintf(stderr, "\n%s: %s\n", name, pa_error_last());
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	pa_buf_dispose(&data);
	pa_buf_dispose(&path);
	*n = list.count;
	return (struct pa_results **)list.items;
}

/* A fixture holding one dossier. */
static struct pa_results *
load(const char *name)
{
	size_t n;
	struct pa_results **v = load_n(name, &n), *res;

	CU_ASSERT_EQUAL_FATAL(n, 1);
	res = v[0];
	free(v);
	return res;
}

static void
unload(struct pa_results **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pa_results_free(v[i]);
	free(v);
}

/* Render into a new string (free()); *rc gets pa_render's return. */
static char *
render(int *rc, const char *format, struct pa_results *const *res, size_t n,
    const struct pa_render_opts *opts)
{
	char *mem = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&mem, &size);

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	*rc = pa_render(fp, format, res, n, opts);
	fclose(fp);
	return mem;
}

static char *
render1(const char *format, const char *fixture, const struct pa_render_opts *opts)
{
	size_t n;
	struct pa_results **res = load_n(fixture, &n);
	int rc;
	char *out = render(&rc, format, res, n, opts);

	CU_ASSERT_EQUAL(rc, 0);
	if (rc != 0)
		fprintf(stderr, "\n%s on %s: %s\n", format, fixture, pa_error_last());
	unload(res, n);
	return out;
}

static size_t
count_str(const char *hay, const char *needle)
{
	size_t n = 0, len = strlen(needle);

	for (; (hay = strstr(hay, needle)) != NULL; hay += len)
		n++;
	return n;
}

/*
 * JSON of several dossiers is written one element at a time: byte for byte
 * what jansson writes for the whole array (parsed back and dumped again),
 * with failed dossiers before, between and after the audited ones, and
 * for a call where every dossier failed.
 */
static void
test_render_json_streamed_array(void)
{
	size_t n, c;
	struct pa_results **set = load_n("set", &n), *three[3];
	const struct pa_render_failure fails[] = {
		{ .before = 0, .path = "first", .message = "no commits" },
		{ .before = 1, .path = "middle", .message = "not a \"dossier\"" },
		{ .before = 3, .path = "last", .message = "gone" },
	}, only[] = {
		{ .before = 0, .path = "a", .message = "one" },
		{ .before = 0, .path = "b", .message = "two" },
	};
	struct pa_render_opts opts = { .failures = fails, .nfailures = 3 },
	    none = { .failures = only, .nfailures = 2 };
	struct {
		struct pa_results *const *res;
		size_t n;
		const struct pa_render_opts *opts;
		size_t elements;
		const char *error2;	/* "error" of element 2, or NULL: none */
	} cases[] = {
		{ set, 0, NULL, 0, NULL },
		{ NULL, 3, &opts, 6, "not a \"dossier\"" },
		{ NULL, 0, &none, 2, NULL },
	};
	json_error_t err;

	CU_ASSERT_FATAL(n >= 2);
	cases[0].n = n;
	cases[0].elements = n;
	three[0] = set[0];
	three[1] = set[1];
	three[2] = set[0];
	cases[1].res = three;
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		int rc;
		char *out = render(&rc, "json", cases[c].res, cases[c].n, cases[c].opts), *again;
		json_t *j;

		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(out);
		j = json_loads(out, 0, &err);
		CU_ASSERT_PTR_NOT_NULL_FATAL(j);
		CU_ASSERT_TRUE(json_is_array(j));
		CU_ASSERT_EQUAL(json_array_size(j), cases[c].elements);
		if (cases[c].error2 != NULL)
			CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(
			    json_array_get(j, 2), "error")), cases[c].error2);
		again = json_dumps(j, JSON_INDENT(2));
		CU_ASSERT_PTR_NOT_NULL_FATAL(again);
		CU_ASSERT_EQUAL(strlen(out), strlen(again) + 1);
		CU_ASSERT_EQUAL(strncmp(out, again, strlen(again)), 0);
		CU_ASSERT_EQUAL(out[strlen(out) - 1], '\n');
		free(again);
		json_decref(j);
		free(out);
	}
	unload(set, n);
}

static void
test_render_table(void)
{
	size_t i, n = 0;
	struct pa_results *doc = load("clean");
	int rc;
	char *out;

	for (i = 0; pa_renderers[i].name != NULL; i++, n++) {
		CU_ASSERT_PTR_NOT_NULL(pa_renderers[i].summary);
		CU_ASSERT_PTR_NOT_NULL(pa_renderers[i].write);
		CU_ASSERT_TRUE(pa_render_known(pa_renderers[i].name));
	}
	CU_ASSERT_EQUAL(n, 11);
	CU_ASSERT_FALSE(pa_render_known("pdf"));
	CU_ASSERT_FALSE(pa_render_known(NULL));
	pa_error_clear();
	out = render(&rc, "pdf", &doc, 1, NULL);
	CU_ASSERT_EQUAL(rc, PA_ENOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "'pdf'"));
	CU_ASSERT_EQUAL(out != NULL ? strlen(out) : 0, 0);
	free(out);
	pa_results_free(doc);
}

static void
test_render_every_format_every_fixture(void)
{
	struct pa_results *docs[NFIXTURES + 1], **set;
	size_t i, k, n, all = 0;
	char *out;
	int rc;

	for (k = 0; k < NFIXTURES; k++) {
		set = load_n(fixtures[k], &n);
		for (i = 0; i < n && all < NFIXTURES + 1; i++)
			docs[all++] = set[i];
		free(set);
	}
	CU_ASSERT_EQUAL_FATAL(all, NFIXTURES + 1);
	for (i = 0; pa_renderers[i].name != NULL; i++) {
		for (k = 0; k < all; k++) {
			out = render(&rc, pa_renderers[i].name, &docs[k], 1, NULL);
			CU_ASSERT_EQUAL(rc, 0);
			/* codequality: "[]" for a dossier without findings */
			CU_ASSERT_TRUE(out != NULL && (strlen(out) > 20 ||
			    strcmp(pa_renderers[i].name, "codequality") == 0));
			if (rc != 0)
				fprintf(stderr, "\n%s on %s: %s\n", pa_renderers[i].name,
				    fixtures[k], pa_error_last());
			free(out);
		}
		/* all fixtures at once: seven dossiers */
		out = render(&rc, pa_renderers[i].name, docs, all, NULL);
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT_TRUE(out != NULL && strlen(out) > 20);
		free(out);
	}
	for (k = 0; k < all; k++)
		pa_results_free(docs[k]);
}

static void
test_render_not_results(void)
{
	static const char *const bad[] = {
		"<foo/>",
		"<results/>",	/* no namespace */
		"<results xmlns='urn:pactaudit:results:2'/>",
		"<e:evidence xmlns:e='urn:pactaudit:evidence:1'/>"
	};
	struct pa_vec list = PA_VEC_INIT;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(pa_results_read_mem(&list, bad[i], strlen(bad[i]), "bad.xml"),
		    PA_EINVALID);
		CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "not a pactaudit results document"));
		CU_ASSERT_EQUAL(list.count, 0);
	}
	pa_vec_dispose(&list, NULL);
}

/*
 * Results read from a document made through the tree API, so it can hold
 * raw ESC and DEL where the schema allows any text.
 */
static struct pa_results *
hostile_tree(void)
{
	static const char evil[] = "\x1b[31mred\x1b[0m \xc2\x9b" "2J \xe2\x80\xae" "txt.exe "
	    "\xe2\x81\xa6iso\xe2\x81\xa9 cr\rlf\x7f";
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewDocNode(doc, NULL, BAD_CAST "results", NULL);
	xmlNs *ns = xmlNewNs(root, BAD_CAST "urn:pactaudit:results:1", NULL);
	struct pa_vec list = PA_VEC_INIT;
	struct pa_results *res;
	xmlNode *n;

	xmlSetNs(root, ns);
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, BAD_CAST "version", BAD_CAST "1");
	n = xmlNewChild(root, ns, BAD_CAST "tool", NULL);
	xmlNewProp(n, BAD_CAST "name", BAD_CAST "pactaudit");
	xmlNewProp(n, BAD_CAST "version", BAD_CAST evil);
	n = xmlNewChild(root, ns, BAD_CAST "rules", NULL);
	xmlNewProp(n, BAD_CAST "version", BAD_CAST evil);
	n = xmlNewChild(root, ns, BAD_CAST "dossier", NULL);
	xmlNewProp(n, BAD_CAST "path", BAD_CAST evil);
	xmlNewProp(n, BAD_CAST "rev", BAD_CAST evil);
	xmlNewProp(n, BAD_CAST "trust", BAD_CAST evil);
	xmlNewTextChild(root, ns, BAD_CAST "as-of", BAD_CAST "2026-11-27");
	n = xmlNewChild(root, ns, BAD_CAST "system", NULL);
	xmlNewProp(n, BAD_CAST "id", BAD_CAST evil);
	xmlNewProp(n, BAD_CAST "tier", BAD_CAST "high");
	n = xmlNewChild(root, ns, BAD_CAST "model", NULL);
	xmlNewProp(n, BAD_CAST "id", BAD_CAST evil);
	xmlNewProp(n, BAD_CAST "gpai", BAD_CAST evil);
	n = xmlNewChild(root, ns, BAD_CAST "signature", NULL);
	xmlNewProp(n, BAD_CAST "object", BAD_CAST evil);
	xmlNewProp(n, BAD_CAST "status", BAD_CAST evil);
	n = xmlNewChild(root, ns, BAD_CAST "finding", NULL);
	xmlNewProp(n, BAD_CAST "rule", BAD_CAST evil);
	xmlNewProp(n, BAD_CAST "severity", BAD_CAST "error");
	xmlNewProp(n, BAD_CAST "status", BAD_CAST "open");
	xmlNewProp(n, BAD_CAST "fingerprint",
	    BAD_CAST "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
	xmlNewProp(n, BAD_CAST "path", BAD_CAST evil);
	xmlNewProp(n, BAD_CAST "line", BAD_CAST "7");
	xmlNewProp(n, BAD_CAST "anchor", BAD_CAST evil);
	xmlNewProp(n, BAD_CAST "ref", BAD_CAST evil);
	xmlNewProp(n, BAD_CAST "waivable", BAD_CAST "true");
	xmlNewTextChild(n, ns, BAD_CAST "message", BAD_CAST evil);
	xmlNewTextChild(n, ns, BAD_CAST "remedy", BAD_CAST evil);
	xmlAddChild(root, xmlNewComment(BAD_CAST evil));
	xmlNewTextChild(root, ns, BAD_CAST "verdict", BAD_CAST "needs-changes");
	if (pa_results_read_doc(&list, doc, "tree") != 0)
		fprintf(stderr, "\n%s\n", pa_error_last());
	CU_ASSERT_EQUAL_FATAL(list.count, 1);
	res = list.items[0];
	pa_vec_dispose(&list, NULL);
	xmlFreeDoc(doc);
	return res;
}

/* No raw ESC, C1, BiDi, DEL or lone CR may reach any output. */
static void
test_render_raw_controls_never_escape(void)
{
	static const char *const raw[] = {
		"\x1b", "\xc2\x9b", "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa9", "\x7f"
	};
	struct pa_results *doc = hostile_tree();
	const struct pa_render_opts opts = { .color = false };
	size_t i, k;
	char *out, *p;
	int rc;

	/* the reader keeps the strings as they are: sanitising is the renderers' job */
	CU_ASSERT_PTR_NOT_NULL(strchr(doc->dossier_path, '\x1b'));
	for (i = 0; pa_renderers[i].name != NULL; i++) {
		out = render(&rc, pa_renderers[i].name, &doc, 1, &opts);
		CU_ASSERT_EQUAL_FATAL(rc, 0);
		for (k = 0; k < sizeof(raw) / sizeof(raw[0]); k++) {
			if (strstr(out, raw[k]) != NULL)
				fprintf(stderr, "\n%s lets raw byte(s) %02x through\n",
				    pa_renderers[i].name, (unsigned char)raw[k][0]);
			CU_ASSERT_PTR_NULL(strstr(out, raw[k]));
		}
		for (p = out; (p = strchr(p, '\r')) != NULL; p++)	/* only CSV's CRLF */
			CU_ASSERT_TRUE(strncmp(pa_renderers[i].name, "csv", 3) == 0 && p[1] == '\n');
		/* the text is still there, in its visible escaped form */
		CU_ASSERT_TRUE(strstr(out, "x1b") != NULL && strstr(out, "31mred") != NULL);
		free(out);
	}
	/* the model given to pa_render is left as it was */
	CU_ASSERT_PTR_NOT_NULL(strchr(doc->dossier_path, '\x1b'));
	pa_results_free(doc);
}

static json_t *
json_of(const char *fixture)
{
	char *out = render1("json", fixture, NULL);
	json_error_t err;
	json_t *j = json_loads(out, 0, &err);

	CU_ASSERT_PTR_NOT_NULL_FATAL(j);
	free(out);
	return j;
}

static bool
has_exactly_keys(json_t *obj, const char *const *keys, size_t n)
{
	size_t i;

	if (!json_is_object(obj) || json_object_size(obj) != n)
		return false;
	for (i = 0; i < n; i++)
		if (json_object_get(obj, keys[i]) == NULL)
			return false;
	return true;
}

#define STR_AT(j, path) json_string_value(json_object_get((j), (path)))

static void
test_render_json_keys(void)
{
	static const char *const top[] = {
		"dossier", "as_of", "systems", "models", "signatures", "findings",
		"verdict", "tool", "rules", "baseline", "applicant", "request",
		"datasets", "pact"
	};
	static const char *const fkeys[] = {
		"rule", "severity", "status", "path", "line", "message", "fingerprint",
		"ref", "remedy", "anchor", "in_force", "applies_from", "waivable", "waiver"
	};
	json_t *j = json_of("needs-changes"), *d, *f, *a;

	CU_ASSERT_TRUE(has_exactly_keys(j, top, 14));
	d = json_object_get(j, "dossier");
	CU_ASSERT_STRING_EQUAL(STR_AT(d, "commit"), "ec0b4f0b5c90ed0fa911a2972ccc452641b31563");
	CU_ASSERT_STRING_EQUAL(STR_AT(d, "path"), "calls/2026-03/acme-rank");
	CU_ASSERT_STRING_EQUAL(STR_AT(d, "rev"), "HEAD");
	CU_ASSERT_STRING_EQUAL(STR_AT(d, "mode"), "git");
	CU_ASSERT_STRING_EQUAL(STR_AT(d, "trust"), "self-declared");
	CU_ASSERT_STRING_EQUAL(STR_AT(j, "as_of"), "2026-11-27");
	CU_ASSERT_STRING_EQUAL(STR_AT(j, "verdict"), "needs-changes");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(j, "tool"), "version"), "0.1.0");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(j, "rules"), "version"), "2026.11");
	CU_ASSERT_EQUAL(strlen(STR_AT(json_object_get(j, "rules"), "digest")), 64);
	/* who applies for what */
	CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(j, "applicant"), "name"), "Acme Rank GmbH");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(j, "applicant"), "country"), "DE");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(j, "applicant"), "registry_id"), "acme-rank");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(j, "request"), "call"), "2026-03");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(j, "request"), "machine"), "leonardo");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(j, "request"), "partition"), "booster");
	CU_ASSERT_TRUE(json_is_integer(json_object_get(json_object_get(j, "request"), "gpu_hours")));
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(j, "request"),
	    "gpu_hours")), 120000);
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(json_object_get(j, "systems"), 0), "purpose"),
	    "Ranks job applications for recruiters.");

	a = json_object_get(j, "systems");
	CU_ASSERT_EQUAL(json_array_size(a), 2);
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(a, 1), "id"), "chat-assist");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(a, 1), "tier"), "limited");
	a = json_object_get(j, "models");
	CU_ASSERT_EQUAL(json_array_size(a), 2);
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(a, 1), "id"), "acme-chat-7b");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(a, 1), "gpai"), "gpai");
	/* the fixture's results carry no licences, datasets or pact: null and empty */
	CU_ASSERT_TRUE(json_is_null(json_object_get(json_array_get(a, 1), "license")));
	CU_ASSERT_EQUAL(json_array_size(json_object_get(j, "datasets")), 0);
	CU_ASSERT_TRUE(json_is_null(json_object_get(j, "pact")));
	a = json_object_get(j, "signatures");
	CU_ASSERT_EQUAL(json_array_size(a), 2);
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(a, 0), "object"), "pact/commitments.xml");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(a, 0), "status"), "good");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(a, 0), "kind"), "detached");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(a, 0), "fingerprint"),
	    "D4A1E0F67C2B9A3E5F10C8B7A6D5E4F3C2B1A090");

	/* findings in document order */
	a = json_object_get(j, "findings");
	CU_ASSERT_EQUAL_FATAL(json_array_size(a), 8);
	f = json_array_get(a, 0);
	CU_ASSERT_TRUE(has_exactly_keys(f, fkeys, 14));
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "rule"), "AIA-ART50-1");
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "severity"), "warning");
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "status"), "open");
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "path"), "application.xml");
	CU_ASSERT_TRUE(json_is_integer(json_object_get(f, "line")));
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(f, "line")), 31);
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "message"), "System 'chat-assist' interacts with natural "
	    "persons but declares no disclosure that they are talking to an AI system");
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "fingerprint"),
	    "cdd4b177f8ace0216b4d633e403dd9b5fac90b934b623fae87ab3ec49f5a99aa");
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "ref"), "Art. 50(1)");
	CU_ASSERT_TRUE(json_is_true(json_object_get(f, "in_force")));
	CU_ASSERT_TRUE(json_is_true(json_object_get(f, "waivable")));
	/* a multi-line remedy: lines trimmed, joined by \n */
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(a, 1), "remedy"),
	    "Publish the summary of training content using the AI Office template\n"
	    "and link it from the card's training_data section.");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(a, 2), "status"), "waived");
	/* the waiver, read from the document and kept whole */
	f = json_object_get(json_array_get(a, 2), "waiver");
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "state"), "applied");
	CU_ASSERT_TRUE(json_is_true(json_object_get(f, "applied")));
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "source"), "ledger");
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "origin"), "/srv/ledger");
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "reason"), "remediation-planned");
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "until"), "2027-03-31");
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "approver_name"), "Ann Auditor");
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "justification"),
	    "Dataset replaced before the allocation starts");
	CU_ASSERT_TRUE(json_is_null(json_object_get(json_array_get(a, 0), "waiver")));
	/* the baseline's fixed findings */
	f = json_object_get(j, "baseline");
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "file"), "baseline.json");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(f, "fixed")), 1);
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(json_object_get(f, "fixed"), 0), "rule"),
	    "AIA-GPAI-ART53-1C");
	CU_ASSERT_TRUE(json_is_null(json_object_get(json_array_get(a, 3), "remedy")));
	f = json_array_get(a, 4);	/* not yet in force */
	CU_ASSERT_TRUE(json_is_false(json_object_get(f, "in_force")));
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "applies_from"), "2027-12-02");
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "severity"), "info");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(a, 6), "status"), "needs-review");
	f = json_array_get(a, 7);	/* no line */
	CU_ASSERT_TRUE(json_is_null(json_object_get(f, "line")));
	CU_ASSERT_STRING_EQUAL(STR_AT(f, "path"), "datasets/web-crawl/README.md");
	json_decref(j);

	/* a worktree audit has no commit: null */
	j = json_of("eligible");
	CU_ASSERT_TRUE(json_is_null(json_object_get(json_object_get(j, "dossier"), "commit")));
	CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(j, "dossier"), "mode"), "worktree");
	json_decref(j);

	/* several dossiers: an array of such objects */
	j = json_of("set");
	CU_ASSERT_TRUE(json_is_array(j));
	CU_ASSERT_EQUAL(json_array_size(j), 2);
	CU_ASSERT_TRUE(has_exactly_keys(json_array_get(j, 1), top, 14));
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(j, 1), "verdict"), "needs-changes");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_array_get(
	    json_object_get(json_array_get(j, 1), "findings"), 0), "line")), 12);
	json_decref(j);

	/* hostile strings survive as text; no line is null */
	j = json_of("hostile");
	a = json_object_get(j, "findings");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(a, 0), "rule"), "=cmd|' /C calc'!A0");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(json_object_get(j, "systems"), 0), "id"),
	    "<script>alert('sys')</script>");
	CU_ASSERT_TRUE(json_is_null(json_object_get(json_array_get(a, 1), "line")));
	CU_ASSERT_TRUE(json_is_null(json_object_get(json_array_get(a, 2), "line")));
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_array_get(a, 3), "line")), 99999);
	CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(j, "dossier"), "rev"), "refs/heads/\\u202dmain\\r");
	json_decref(j);
}

static void
test_render_text_order_and_color(void)
{
	const struct pa_render_opts color = { .color = true };
	static const char *const order[] = {
		"[LIC-DATASET-UNKNOWN]", "[AIA-GPAI-ART53-1D]", "[PACT-COMMIT-3]",
		"[LIC-DATASET-NC]", "[AIA-ART50-1]", "[AIA-GPAI-ART53-1A]", "[AIA-ART4]",
		"not yet in force:", "[AIA-HR-ART9]", "summary:"
	};
	char *out = render1("text", "needs-changes", NULL), *prev, *p;
	size_t i;

	prev = out;
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		p = strstr(out, order[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		CU_ASSERT_TRUE(p > prev);
		prev = p;
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "application.xml:14: info: [AIA-HR-ART9] "
	    "High-risk system 'cv-screen' has no documented risk management system (Art. 9) "
	    "[applies from 2027-12-02]\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "summary: 0 blockers, 2 errors, 1 warning, 1 info open; "
	    "1 needs review, 1 waived, 1 baselined, 1 not yet in force; verdict: needs-changes\n"));
	CU_ASSERT_PTR_NULL(strchr(out, '\x1b'));
	free(out);

	out = render1("text", "ineligible", &color);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\x1b[1;35mblocker\x1b[0m: [AIA-ART5-1F]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "verdict: \x1b[1;31mineligible\x1b[0m"));
	free(out);
}

/* The CSV field of the given column (0-based) in the row holding `rule`. */
static void
test_render_csv(void)
{
	char *out = render1("csv", "hostile", NULL);
	const char *line;
	size_t lines = count_str(out, "\r\n");

	CU_ASSERT_EQUAL(lines, 5);	/* header + 4 findings */
	CU_ASSERT_EQUAL(strncmp(out, "\"dossier\",\"commit\",", 19), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"'=cmd|' /C calc'!A0\",\"error\",\"open\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"'+Art. 5\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"'@SUM(A1:A9)\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"'-rf\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"'-2+3\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"'@evil could not be evaluated\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "alert(\"\"x\"\")</script> \"\"quoted\"\", comma DEL\\x7f\""));
	/* no field starts with a formula character */
	for (line = out; line != NULL && *line; line = strstr(line, "\r\n") ? strstr(line, "\r\n") + 2 : NULL) {
		CU_ASSERT_TRUE(strncmp(line, "\"=", 2) && strncmp(line, "\"+", 2) &&
		    strncmp(line, "\"-", 2) && strncmp(line, "\"@", 2));
	}
	CU_ASSERT_PTR_NULL(strstr(out, ",\"="));
	CU_ASSERT_PTR_NULL(strstr(out, ",\"+"));
	CU_ASSERT_PTR_NULL(strstr(out, ",\"-"));
	CU_ASSERT_PTR_NULL(strstr(out, ",\"@"));
	free(out);
}

/* Full-width formula characters and a cell made only of "=". */
static void
test_render_csv_fullwidth(void)
{
	struct pa_results *doc = load("clean");
	struct pa_results_finding f = {
		.rule = "\xef\xbc\x9dSUM(1)",	/* U+FF1D */
		.severity = PA_SEVERITY_ERROR,
		.in_force = true,
		.path = "=",
		.message = "\xef\xbc\xa0x",	/* U+FF20 */
	};
	int rc;
	char *out;

	CU_ASSERT_EQUAL_FATAL(pa_results_add_finding(doc, &f), 0);
	out = render(&rc, "csv", &doc, 1, NULL);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"'\xef\xbc\x9dSUM(1)\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"'=\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"'\xef\xbc\xa0x\""));
	free(out);
	pa_results_free(doc);
}

static xmlNode *
child(xmlNode *n, const char *name)
{
	for (n = n ? n->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name))
			return n;
	return NULL;
}

static long
num_prop(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	long r = v ? strtol((const char *)v, NULL, 10) : -1;

	xmlFree(v);
	return r;
}

static void
junit_counts(const char *fail_on, long tests, long failures, long skipped)
{
	struct pa_render_opts opts = { .color = false };
	struct pa_diag diag = PA_DIAG_INIT;
	char *out;
	xmlDoc *doc = NULL;
	xmlNode *top;

	CU_ASSERT_EQUAL_FATAL(pa_results_fail_on_parse(&opts.fail_on, fail_on), 0);
	out = render1("junit", "needs-changes", &opts);

	pa_xml_parse_untrusted(&doc, out, strlen(out), "junit.xml", &diag);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	top = xmlDocGetRootElement(doc);
	CU_ASSERT_STRING_EQUAL((const char *)top->name, "testsuites");
	CU_ASSERT_EQUAL(num_prop(top, "tests"), tests);
	CU_ASSERT_EQUAL(num_prop(top, "failures"), failures);
	CU_ASSERT_EQUAL(num_prop(top, "skipped"), skipped);
	CU_ASSERT_EQUAL(num_prop(child(top, "testsuite"), "failures"), failures);
	CU_ASSERT_EQUAL((long)count_str(out, "<failure "), failures);
	CU_ASSERT_EQUAL((long)count_str(out, "<skipped "), skipped);
	CU_ASSERT_EQUAL((long)count_str(out, "<testcase "), tests);
	xmlFreeDoc(doc);
	pa_diag_dispose(&diag);
	free(out);
}

static void
test_render_junit(void)
{
	enum pa_fail_on bad;
	char *out;

	/* 8 findings: 3 unresolved errors fail; waived, baselined, not in force skip */
	junit_counts(NULL, 8, 3, 3);
	junit_counts("error", 8, 3, 3);
	junit_counts("warning", 8, 4, 3);
	junit_counts("info", 8, 5, 3);
	junit_counts("blocker", 8, 0, 3);
	junit_counts("none", 8, 0, 3);
	out = render1("junit", "needs-changes", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "<property name=\"applicant\" value=\"Acme Rank GmbH\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "<property name=\"country\" value=\"DE\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "<property name=\"registry-id\" value=\"acme-rank\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "<property name=\"machine\" value=\"leonardo\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "<property name=\"gpu-hours\" value=\"120000\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out,
	    "<property name=\"purpose:cv-screen\" value=\"Ranks job applications for recruiters.\"/>"));
	free(out);
	out = render1("junit", "clean", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "name=\"no findings\""));
	CU_ASSERT_PTR_NULL(strstr(out, "name=\"applicant\""));
	CU_ASSERT_EQUAL(count_str(out, "<testcase "), 1);
	free(out);
	CU_ASSERT_EQUAL(pa_results_fail_on_parse(&bad, "severe"), PA_EINVALID);
}

static void
test_render_failing(void)
{
	static const struct { const char *fail_on; size_t want; } rows[] = {
		{ NULL, 3 }, { "error", 3 }, { "warning", 4 }, { "info", 5 },
		{ "blocker", 0 }, { "none", 0 }
	};
	struct pa_results *docs[2] = { load("needs-changes"), load("ineligible") };
	enum pa_fail_on t;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		CU_ASSERT_EQUAL(pa_results_fail_on_parse(&t, rows[i].fail_on), 0);
		CU_ASSERT_EQUAL(pa_results_failing(docs[0], t), rows[i].want);
	}
	CU_ASSERT_EQUAL(pa_results_fail_on_parse(&t, "blocker"), 0);
	CU_ASSERT_EQUAL(pa_results_failing(docs[0], t) + pa_results_failing(docs[1], t), 1);
	CU_ASSERT_EQUAL(pa_results_fail_on_parse(&t, NULL), 0);
	CU_ASSERT_EQUAL(pa_results_failing(docs[0], t) + pa_results_failing(docs[1], t), 6);
	CU_ASSERT_EQUAL(pa_results_fail_on_parse(&t, "fatal"), PA_EINVALID);
	pa_results_free(docs[0]);
	pa_results_free(docs[1]);
}

static void
test_render_tap(void)
{
	const struct pa_render_opts warn = { .fail_on = PA_FAIL_ON_WARNING };
	char *out = render1("tap", "needs-changes", NULL);

	CU_ASSERT_EQUAL(strncmp(out, "TAP version 13\n1..8\n", 20), 0);
	CU_ASSERT_EQUAL(count_str(out, "\nnot ok "), 5);
	CU_ASSERT_EQUAL(count_str(out, "# TODO"), 2);
	CU_ASSERT_EQUAL(count_str(out, "\nok "), 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nnot ok 2 - AIA-GPAI-ART53-1D models/acme-chat-7b/README.md:12 Model"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "# SKIP applies from 2027-12-02\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "# SKIP waived (remediation-planned, ledger)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "  waiver: \"applied\"\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out,
	    "  waiver_justification: \"Dataset replaced before the allocation starts\"\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\n# applicant Acme Rank GmbH (DE) registry acme-rank\n"
	    "# request call 2026-03 machine leonardo partition booster gpu-hours 120000\n"
	    "# system cv-screen tier high: Ranks job applications for recruiters.\n"
	    "# system chat-assist tier limited\n"));
	free(out);
	out = render1("tap", "needs-changes", &warn);
	CU_ASSERT_EQUAL(count_str(out, "# TODO"), 1);
	free(out);
	out = render1("tap", "hostile", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "docs/a b\\#c|d.md:3"));	/* '#' escaped */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\\# hash # TODO"));
	free(out);
	out = render1("tap", "clean", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "1..1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nok 1 - calls/2026-03/quietlab no findings\n"));
	free(out);
}

static void
test_render_xml(void)
{
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_results *docs[3], **set;
	xmlDoc *doc = NULL;
	xmlNode *root, *n;
	char *out;
	size_t k;
	int rc, count = 0;

	docs[0] = load("clean");
	set = load_n("set", &k);
	CU_ASSERT_EQUAL_FATAL(k, 2);
	docs[1] = set[0];
	docs[2] = set[1];
	free(set);
	out = render(&rc, "xml", docs, 3, NULL);
	CU_ASSERT_EQUAL(rc, 0);
	pa_xml_parse_untrusted(&doc, out, strlen(out), "out.xml", &diag);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	root = xmlDocGetRootElement(doc);
	CU_ASSERT_STRING_EQUAL((const char *)root->name, "results-set");
	CU_ASSERT_STRING_EQUAL((const char *)root->ns->href, "urn:pactaudit:results:1");
	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "results") &&
		    n->ns && xmlStrEqual(n->ns->href, BAD_CAST "urn:pactaudit:results:1"))
			count++;
	CU_ASSERT_EQUAL(count, 3);
	xmlFreeDoc(doc);
	free(out);
	for (k = 0; k < 3; k++)
		pa_results_free(docs[k]);

	/* one dossier: <results> itself; comments and processing instructions dropped */
	out = render1("xml", "hostile", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "<results xmlns=\"urn:pactaudit:results:1\""));
	CU_ASSERT_PTR_NULL(strstr(out, "<!--"));
	CU_ASSERT_PTR_NULL(strstr(out, "pactaudit-evil"));
	CU_ASSERT_PTR_NULL(strstr(out, "\xe2\x80\xae"));
	CU_ASSERT_PTR_NULL(strstr(out, "&#13;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "refs/heads/\\u202dmain\\r"));
	free(out);
	pa_diag_dispose(&diag);
}

static void
test_render_html(void)
{
	char *out = render1("html", "hostile", NULL), *p;

	for (p = out; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	/* one script: the project's own reports/report.js, admitted by its hash */
	CU_ASSERT_EQUAL(count_str(out, "<script"), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "<script>/* spdx-license-identifier"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "script-src 'sha256-"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "default-src 'none'"));
	CU_ASSERT_PTR_NULL(strstr(out, "<img"));
	CU_ASSERT_PTR_NULL(strstr(out, "</textarea"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "&lt;script&gt;alert('sys')&lt;/script&gt;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "&lt;img src=x onerror=alert(1)&gt;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "<style>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, ".badge"));	/* the CSS is inlined */
	CU_ASSERT_PTR_NULL(strstr(out, "<link"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "class=\"badge verdict-ineligible\""));
	free(out);
}

/* In every Markdown table row, the unescaped pipes are exactly the cell borders. */
static void
check_md_rows(const char *md)
{
	const char *line, *end, *p;
	size_t pipes, want = 0;

	for (line = md; *line; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		if (*line != '|') {
			want = 0;
			continue;
		}
		pipes = 0;
		for (p = line; p < end; p++)
			if (*p == '|' && (p == line || p[-1] != '\\' ||
			    (p - line >= 2 && p[-2] == '\\')))
				pipes++;
		if (want == 0)
			want = pipes;	/* the header row */
		CU_ASSERT_EQUAL(pipes, want);
	}
}

/* True if needle occurs in s without a backslash before it. */
static bool
has_unescaped(const char *s, const char *needle)
{
	const char *p;

	for (p = s; (p = strstr(p, needle)) != NULL; p++)
		if (p == s || p[-1] != '\\')
			return true;
	return false;
}

static void
test_render_md(void)
{
	char *out = render1("md", "hostile", NULL);

	check_md_rows(out);
	CU_ASSERT_FALSE(has_unescaped(out, "<script"));
	CU_ASSERT_FALSE(has_unescaped(out, "<img"));
	CU_ASSERT_FALSE(has_unescaped(out, "</textarea"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\\<script\\>alert('sys')\\</script\\>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "| \\| a \\| b \\| |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\\*bold\\* \\_under\\_ \\`code\\` \\[link\\]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\\&amp;"));
	free(out);
	out = render1("md", "needs-changes", NULL);
	check_md_rows(out);
	free(out);
}

/* An 80,000-character message full of pipes and quotes: no deep recursion in XSLT. */
static void
test_render_long_values(void)
{
	struct pa_results *doc = load("clean");
	struct pa_results_finding f = {
		.rule = "LONG", .severity = PA_SEVERITY_ERROR, .in_force = true
	};
	struct pa_buf msg = PA_BUF_INIT;
	const char *fmts[] = { "md", "csv", "html", "text", "json", "sarif", "junit", "tap" };
	size_t i;
	char *out;
	int rc;

	for (i = 0; i < 20000; i++)
		pa_buf_puts(&msg, "|\"<x");
	f.message = msg.ptr;
	CU_ASSERT_EQUAL_FATAL(pa_results_add_finding(doc, &f), 0);
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		out = render(&rc, fmts[i], &doc, 1, NULL);
		CU_ASSERT_EQUAL(rc, 0);
		if (rc != 0)
			fprintf(stderr, "\n%s: %s\n", fmts[i], pa_error_last());
		if (strcmp(fmts[i], "md") == 0) {
			CU_ASSERT_EQUAL(count_str(out, "\\|\"\\<x"), 20000);
			check_md_rows(out);
		} else if (strcmp(fmts[i], "csv") == 0) {
			CU_ASSERT_EQUAL(count_str(out, "|\"\"<x"), 20000);
		}
		free(out);
	}
	pa_buf_dispose(&msg);
	pa_results_free(doc);
}

static void
test_render_sarif(void)
{
	char *out = render1("sarif", "needs-changes", NULL);
	json_t *log = json_loads(out, 0, NULL), *run, *res, *rules, *r;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(log);
	CU_ASSERT_STRING_EQUAL(STR_AT(log, "version"), "2.1.0");
	run = json_array_get(json_object_get(log, "runs"), 0);
	rules = json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules");
	res = json_object_get(run, "results");
	CU_ASSERT_EQUAL_FATAL(json_array_size(res), 8);
	for (i = 0; i < json_array_size(res); i++) {
		r = json_array_get(res, i);
		CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(rules,
		    (size_t)json_integer_value(json_object_get(r, "ruleIndex"))), "id"),
		    STR_AT(r, "ruleId"));
	}
	r = json_array_get(res, 0);	/* warning */
	CU_ASSERT_STRING_EQUAL(STR_AT(r, "level"), "warning");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(json_object_get(
	    json_array_get(json_object_get(r, "locations"), 0), "physicalLocation"), "region"),
	    "startLine")), 31);
	CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(r, "partialFingerprints"), "pactaudit/v1"),
	    "cdd4b177f8ace0216b4d633e403dd9b5fac90b934b623fae87ab3ec49f5a99aa");
	CU_ASSERT_PTR_NULL(json_object_get(r, "suppressions"));
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(res, 1), "level"), "error");
	r = json_array_get(res, 2);	/* waived */
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(json_object_get(r, "suppressions"), 0), "kind"),
	    "external");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_array_get(res, 3), "level"), "note");
	CU_ASSERT_TRUE(json_is_false(json_object_get(json_object_get(json_array_get(res, 4),
	    "properties"), "inForce")));
	CU_ASSERT_PTR_NOT_NULL(json_object_get(json_array_get(res, 5), "suppressions"));
	r = json_array_get(res, 7);	/* no line: no region */
	CU_ASSERT_PTR_NULL(json_object_get(json_object_get(json_array_get(
	    json_object_get(r, "locations"), 0), "physicalLocation"), "region"));
	/* who applies for what, in the run's properties */
	r = json_object_get(run, "properties");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(r, "applicant"), "name"), "Acme Rank GmbH");
	CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(r, "request"), "partition"), "booster");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(r, "request"),
	    "gpu_hours")), 120000);
	json_decref(log);
	free(out);

	/* many rules, each seen twice: one rules[] entry each, every index right */
	{
		struct pa_results *many = NULL;
		struct pa_results_finding f = { .severity = PA_SEVERITY_WARNING,
		    .in_force = true, .message = "m" };
		char rule[32];
		size_t k;

		CU_ASSERT_EQUAL_FATAL(pa_results_new(&many), 0);
		for (k = 0; k < 6000; k++) {
			snprintf(rule, sizeof(rule), "R%zu", k % 3000);
			f.rule = rule;
			f.severity = k < 3000 ? PA_SEVERITY_WARNING : PA_SEVERITY_ERROR;
			CU_ASSERT_EQUAL_FATAL(pa_results_add_finding(many, &f), 0);
		}
		{
			int rc;
			char *o = render(&rc, "sarif", &many, 1, NULL);
			json_t *l = json_loads(o, 0, NULL), *ru, *rs, *x;

			CU_ASSERT_EQUAL(rc, 0);
			CU_ASSERT_PTR_NOT_NULL_FATAL(l);
			run = json_array_get(json_object_get(l, "runs"), 0);
			ru = json_object_get(json_object_get(json_object_get(run, "tool"),
			    "driver"), "rules");
			rs = json_object_get(run, "results");
			CU_ASSERT_EQUAL(json_array_size(ru), 3000);
			CU_ASSERT_EQUAL(json_array_size(rs), 6000);
			for (k = 0; k < json_array_size(rs); k++) {
				x = json_array_get(ru, (size_t)json_integer_value(
				    json_object_get(json_array_get(rs, k), "ruleIndex")));
				CU_ASSERT_STRING_EQUAL(STR_AT(x, "id"),
				    STR_AT(json_array_get(rs, k), "ruleId"));
				/* the level of a rule's most severe finding, the second one */
				CU_ASSERT_STRING_EQUAL(STR_AT(json_object_get(x,
				    "defaultConfiguration"), "level"), "error");
			}
			json_decref(l);
			free(o);
		}
		pa_results_free(many);
	}
	/* paths become URI references */
	out = render1("sarif", "hostile", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"uri\": \"docs/a%20b%23c%7Cd.md\""));
	free(out);
}

static int
suite_init(void)
{
	pa_xml_global_init();
	return 0;
}

static CU_TestInfo render_tests[] = {
	{ "table", test_render_table },
	{ "every_format_every_fixture", test_render_every_format_every_fixture },
	{ "not_results", test_render_not_results },
	{ "raw_controls_never_escape", test_render_raw_controls_never_escape },
	{ "json_keys", test_render_json_keys },
	{ "json_streamed_array", test_render_json_streamed_array },
	{ "text_order_and_color", test_render_text_order_and_color },
	{ "csv", test_render_csv },
	{ "csv_fullwidth", test_render_csv_fullwidth },
	{ "junit", test_render_junit },
	{ "failing", test_render_failing },
	{ "tap", test_render_tap },
	{ "xml", test_render_xml },
	{ "html", test_render_html },
	{ "md", test_render_md },
	{ "long_values", test_render_long_values },
	{ "sarif", test_render_sarif },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "render", suite_init, NULL, NULL, NULL, render_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
