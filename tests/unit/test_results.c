/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for results/: verdict, counting, sorting, fingerprints and the XML document. */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cutest.h"
#include "parse/xml.h"
#include "results/results.h"
#include "util/digest.h"
#include "util/error.h"

static int
suite_init(void)
{
	pa_digest_global_init();
	pa_xml_global_init();
	return 0;
}

static struct pa_results *
results_with(const struct pa_results_finding *rows, size_t n)
{
	struct pa_results *res = NULL;
	size_t i;

	if (pa_results_new(&res) < 0)
		return NULL;
	for (i = 0; i < n; i++)
		if (pa_results_add_finding(res, &rows[i]) < 0) {
			pa_results_free(res);
			return NULL;
		}
	return res;
}

#define F(sev, st, force) { .rule = "R", .severity = PA_SEVERITY_##sev, \
	.status = PA_FINDING_##st, .in_force = force, .message = "m" }

static const struct {
	struct pa_results_finding f[3];
	size_t n;
	enum pa_verdict verdict;
	size_t at_least_error;
} verdict_rows[] = {
	{ { { 0 } }, 0, PA_VERDICT_ELIGIBLE, 0 },
	{ { F(BLOCKER, OPEN, true) }, 1, PA_VERDICT_INELIGIBLE, 1 },
	{ { F(ERROR, OPEN, true) }, 1, PA_VERDICT_NEEDS_CHANGES, 1 },
	{ { F(WARNING, OPEN, true), F(INFO, OPEN, true) }, 2, PA_VERDICT_ELIGIBLE, 0 },
	/* not in force: reported as info, never counts */
	{ { F(INFO, OPEN, false) }, 1, PA_VERDICT_ELIGIBLE, 0 },
	{ { F(BLOCKER, OPEN, false) }, 1, PA_VERDICT_ELIGIBLE, 0 },
	/* waived and baselined findings do not count */
	{ { F(BLOCKER, WAIVED, true), F(ERROR, BASELINED, true) }, 2, PA_VERDICT_ELIGIBLE, 0 },
	/* a rule that could not be evaluated is not a pass */
	{ { F(ERROR, NEEDS_REVIEW, true) }, 1, PA_VERDICT_NEEDS_CHANGES, 1 },
	{ { F(BLOCKER, NEEDS_REVIEW, true) }, 1, PA_VERDICT_NEEDS_CHANGES, 1 },
	{ { F(WARNING, NEEDS_REVIEW, true) }, 1, PA_VERDICT_ELIGIBLE, 0 },
	{ { F(ERROR, OPEN, true), F(BLOCKER, OPEN, true), F(WARNING, OPEN, true) }, 3,
	  PA_VERDICT_INELIGIBLE, 2 },
};

static void
test_results_verdict_table(void)
{
	size_t i;

	for (i = 0; i < sizeof(verdict_rows) / sizeof(verdict_rows[0]); i++) {
		struct pa_results *res = results_with(verdict_rows[i].f, verdict_rows[i].n);

		CU_ASSERT_PTR_NOT_NULL_FATAL(res);
		if (pa_results_verdict(res) != verdict_rows[i].verdict)
			fprintf(stderr, "\nrow %zu: verdict %s\n", i,
			    pa_results_verdict_name(pa_results_verdict(res)));
		CU_ASSERT_EQUAL(pa_results_verdict(res), verdict_rows[i].verdict);
		CU_ASSERT_EQUAL(pa_results_count_at_least(res, PA_SEVERITY_ERROR),
		    verdict_rows[i].at_least_error);
		pa_results_free(res);
	}
}

static void
test_results_count_thresholds(void)
{
	static const struct pa_results_finding rows[] = {
		F(BLOCKER, OPEN, true), F(ERROR, OPEN, true), F(WARNING, OPEN, true),
	};
	struct pa_results *res = results_with(rows, 3);
	struct pa_results *more;
	static const struct pa_results_finding info = F(INFO, OPEN, true);

	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	CU_ASSERT_EQUAL(pa_results_count_at_least(res, PA_SEVERITY_BLOCKER), 1);
	CU_ASSERT_EQUAL(pa_results_count_at_least(res, PA_SEVERITY_ERROR), 2);
	CU_ASSERT_EQUAL(pa_results_count_at_least(res, PA_SEVERITY_WARNING), 3);
	CU_ASSERT_EQUAL(pa_results_count_at_least(res, PA_SEVERITY_INFO), 3);
	more = results_with(&info, 1);
	CU_ASSERT_EQUAL(pa_results_count_at_least(more, PA_SEVERITY_INFO), 1);
	CU_ASSERT_EQUAL(pa_results_count_at_least(more, PA_SEVERITY_WARNING), 0);
	pa_results_free(more);
	pa_results_free(res);
}

static void
test_results_names(void)
{
	enum pa_severity s;

	CU_ASSERT_EQUAL(pa_results_severity_parse(&s, "warning"), 0);
	CU_ASSERT_EQUAL(s, PA_SEVERITY_WARNING);
	CU_ASSERT_EQUAL(pa_results_severity_parse(&s, "fatal"), PA_EINVALID);
	CU_ASSERT_EQUAL(pa_results_severity_parse(&s, NULL), PA_EINVALID);
	CU_ASSERT_STRING_EQUAL(pa_results_severity_name(PA_SEVERITY_BLOCKER), "blocker");
	CU_ASSERT_STRING_EQUAL(pa_results_status_name(PA_FINDING_NEEDS_REVIEW), "needs-review");
	CU_ASSERT_STRING_EQUAL(pa_results_verdict_name(PA_VERDICT_NEEDS_CHANGES), "needs-changes");
	pa_error_clear();
}

static void
test_results_gpu_hours(void)
{
	static const struct { const char *text; bool ok; double v; } rows[] = {
		{ "120000", true, 120000 }, { "0", true, 0 }, { "2.5e5", true, 250000 },
		{ "12.75", true, 12.75 }, { NULL, false, 0 }, { "", false, 0 },
		{ "-1", false, 0 }, { "12 hours", false, 0 }, { "inf", false, 0 },
		{ "nan", false, 0 }, { "1e999", false, 0 }, { " 5", true, 5 },
		{ "5 ", false, 0 },
	};
	struct pa_results_applicant a = { 0 };
	size_t i;
	double v;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		a.gpu_hours = (char *)rows[i].text;
		v = -42;
		CU_ASSERT_EQUAL(pa_results_gpu_hours(&a, &v), rows[i].ok);
		/* a refused text leaves *out as it was */
		CU_ASSERT_DOUBLE_EQUAL(v, rows[i].ok ? rows[i].v : -42, 1e-9);
	}
	CU_ASSERT_FALSE(pa_results_gpu_hours(NULL, &v));
}

static void
test_results_fingerprint(void)
{
	char a[PA_DIGEST_HEXLEN + 1], b[PA_DIGEST_HEXLEN + 1];

	CU_ASSERT_EQUAL(pa_results_fingerprint(a, "R1", "models/x/README.md", "license"), 0);
	CU_ASSERT_EQUAL(strlen(a), 64);
	CU_ASSERT_EQUAL(pa_results_fingerprint(b, "R1", "models/x/README.md", "license"), 0);
	CU_ASSERT_STRING_EQUAL(a, b);
	/* rule, path and anchor each matter */
	pa_results_fingerprint(b, "R2", "models/x/README.md", "license");
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
	pa_results_fingerprint(b, "R1", "models/y/README.md", "license");
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
	pa_results_fingerprint(b, "R1", "models/x/README.md", "datasets");
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
	/* parts are separated: moving a character between them changes it */
	pa_results_fingerprint(a, "R1", "ab", "c");
	pa_results_fingerprint(b, "R1", "a", "bc");
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
	/* NULL is the empty string */
	pa_results_fingerprint(a, "R1", NULL, NULL);
	pa_results_fingerprint(b, "R1", "", "");
	CU_ASSERT_STRING_EQUAL(a, b);
	/* the known value: sha256("R1\0p\0a\0") */
	pa_results_fingerprint(a, "R1", "p", "a");
	pa_digest_sha256(b, "R1\0p\0a\0", 7);
	CU_ASSERT_STRING_EQUAL(a, b);
}

static void
test_results_add_finding_copies_and_sanitises(void)
{
	struct pa_results *res = NULL;
	struct pa_results_finding f = { .rule = "R", .severity = PA_SEVERITY_ERROR,
		.in_force = true, .path = "a.md", .line = 4, .anchor = "## x",
		.message = "bad \x1b[31mred\x1b[0m\nline" };
	char msg[64];
	const struct pa_results_finding *g;

	snprintf(msg, sizeof(msg), "%s", f.message);
	f.message = msg;
	CU_ASSERT_EQUAL_FATAL(pa_results_new(&res), 0);
	CU_ASSERT_EQUAL(pa_results_add_finding(res, &f), 0);
	msg[0] = 'X';	/* the results own a copy */
	g = res->findings.items[0];
	CU_ASSERT_STRING_EQUAL(g->message, "bad \\x1b[31mred\\x1b[0m\\nline");
	CU_ASSERT_STRING_EQUAL(g->path, "a.md");
	CU_ASSERT_EQUAL(g->line, 4);
	CU_ASSERT_EQUAL(strlen(g->fingerprint), 64);
	pa_results_free(res);
}

static void
test_results_sort(void)
{
	static const struct pa_results_finding rows[] = {
		{ .rule = "B", .severity = PA_SEVERITY_WARNING, .path = "b", .line = 1, .message = "m" },
		{ .rule = "A", .severity = PA_SEVERITY_ERROR, .path = "b", .line = 9, .message = "m" },
		{ .rule = "C", .severity = PA_SEVERITY_ERROR, .path = "a", .line = 20, .message = "m" },
		{ .rule = "B", .severity = PA_SEVERITY_ERROR, .path = "b", .line = 9, .message = "m" },
		{ .rule = "Z", .severity = PA_SEVERITY_BLOCKER, .path = NULL, .line = 0, .message = "m" },
		{ .rule = "A", .severity = PA_SEVERITY_ERROR, .path = "b", .line = 2, .message = "m" },
	};
	static const char *const order[] = { "Z", "C", "A", "A", "B", "B" };
	static const long lines[] = { 0, 20, 2, 9, 9, 1 };
	struct pa_results *res = results_with(rows, 6);
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	pa_results_sort(res);
	for (i = 0; i < 6; i++) {
		const struct pa_results_finding *f = res->findings.items[i];

		CU_ASSERT_STRING_EQUAL(f->rule, order[i]);
		CU_ASSERT_EQUAL(f->line, lines[i]);
	}
	pa_results_free(res);
}

static double
count(xmlDoc *doc, const char *expr)
{
	xmlXPathContext *xp = xmlXPathNewContext(doc);
	xmlXPathObjectPtr obj;
	double n;

	xmlXPathRegisterNs(xp, BAD_CAST "r", BAD_CAST PA_RESULTS_NS);
	obj = xmlXPathEval(BAD_CAST expr, xp);
	n = obj ? xmlXPathCastToNumber(obj) : -1;
	if (n != n || n < 0)
		fprintf(stderr, "\n%s: %g\n", expr, n);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(xp);
	return n;
}

static void
test_results_xml_document(void)
{
	struct pa_results *res = NULL;
	struct pa_results_signature sig = { .object = "pact/commitments.xml",
		.kind = "detached", .status = "good", .fingerprint = "ABCD" };
	struct pa_results_finding open = { .rule = "AIA-ART5-1A",
		.severity = PA_SEVERITY_BLOCKER, .in_force = true, .waivable = false,
		.applies_from = "2025-02-02", .message = "m <&> \"q\"", .remedy = "fix it",
		.path = "application.xml", .line = 22, .anchor = "system[x]/use-case[art5-1a]",
		.ref = "Art. 5(1)(a)" };
	struct pa_results_finding later = { .rule = "AIA-HR-ART9",
		.severity = PA_SEVERITY_INFO, .in_force = false, .waivable = true,
		.applies_from = "2027-12-02", .message = "later" };
	xmlDoc *doc = NULL;

	CU_ASSERT_EQUAL_FATAL(pa_results_new(&res), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->rules_version, "2026.11"), 0);
	snprintf(res->rules_digest, sizeof(res->rules_digest), "%064d", 7);
	CU_ASSERT_EQUAL(pa_results_set(&res->dossier_path, "calls/acme"), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->dossier_commit, "abc"), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->dossier_mode, "git"), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->trust, "self-declared"), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->as_of, "2026-11-27"), 0);
	CU_ASSERT_EQUAL(pa_results_add_pack(res, "aia-art5", "2026.11"), 0);
	CU_ASSERT_EQUAL(pa_results_add_item(&res->systems, "x", "prohibited", NULL), 0);
	CU_ASSERT_EQUAL(pa_results_add_item(&res->systems, "t", "minimal", "systemic"), 0);
	CU_ASSERT_EQUAL(pa_results_add_item(&res->models, "m", NULL, "gpai"), 0);
	CU_ASSERT_EQUAL(pa_results_add_signature(res, &sig), 0);
	CU_ASSERT_EQUAL(pa_results_add_finding(res, &later), 0);
	CU_ASSERT_EQUAL(pa_results_add_finding(res, &open), 0);
	pa_results_sort(res);
	CU_ASSERT_EQUAL_FATAL(pa_results_to_xml(&doc, res), 0);

	CU_ASSERT_EQUAL(count(doc, "count(/r:results[@version='1'])"), 1);
	CU_ASSERT_EQUAL(count(doc, "count(/r:results/r:tool[@name='pactaudit'][@version])"), 1);
	CU_ASSERT_EQUAL(count(doc, "count(/r:results/r:rules[@version='2026.11']"
	    "[string-length(@digest)=64]/r:pack[@id='aia-art5'])"), 1);
	CU_ASSERT_EQUAL(count(doc, "count(/r:results/r:dossier[@path='calls/acme']"
	    "[@commit='abc'][@mode='git'][@trust='self-declared'][not(@subdir)])"), 1);
	CU_ASSERT_EQUAL(count(doc, "count(/r:results/r:as-of[.='2026-11-27'])"), 1);
	CU_ASSERT_EQUAL(count(doc, "count(/r:results/r:system[@id='x'][@tier='prohibited'][not(@gpai)])"), 1);
	CU_ASSERT_EQUAL(count(doc, "count(/r:results/r:system[@id='t'][@gpai='systemic'])"), 1);
	CU_ASSERT_EQUAL(count(doc, "count(/r:results/r:model[@id='m'][@gpai='gpai'][not(@tier)])"), 1);
	CU_ASSERT_EQUAL(count(doc, "count(/r:results/r:signature[@object='pact/commitments.xml']"
	    "[@status='good'][@fingerprint='ABCD'][@kind='detached'])"), 1);
	CU_ASSERT_EQUAL(count(doc, "count(/r:results/r:finding[1][@rule='AIA-ART5-1A']"
	    "[@severity='blocker'][@status='open'][@path='application.xml'][@line='22']"
	    "[@anchor='system[x]/use-case[art5-1a]'][@ref='Art. 5(1)(a)']"
	    "[@applies-from='2025-02-02'][@waivable='false'][not(@in-force)]"
	    "[string-length(@fingerprint)=64]"
	    "[r:message='m <&> \"q\"'][r:remedy='fix it'])"), 1);
	CU_ASSERT_EQUAL(count(doc, "count(/r:results/r:finding[2][@rule='AIA-HR-ART9']"
	    "[@severity='info'][@in-force='false'][@applies-from='2027-12-02']"
	    "[not(@path)][not(@line)][not(r:remedy)])"), 1);
	CU_ASSERT_EQUAL(count(doc, "count(/r:results/*[last()][self::r:verdict][.='ineligible'])"), 1);
	/* document order of the top-level elements */
	CU_ASSERT_EQUAL(count(doc, "count(/r:results/r:tool/following-sibling::*[1][self::r:rules]"
	    "/following-sibling::*[1][self::r:dossier]/following-sibling::*[1][self::r:as-of])"), 1);
	xmlFreeDoc(doc);
	pa_results_free(res);
}

/* The document as bytes (free()). */
static char *
dump(const struct pa_results *res, size_t *len)
{
	xmlDoc *doc = NULL;
	xmlChar *mem = NULL;
	int n = 0;
	char *s;

	CU_ASSERT_EQUAL_FATAL(pa_results_to_xml(&doc, res), 0);
	xmlDocDumpMemoryEnc(doc, &mem, &n, "UTF-8");
	xmlFreeDoc(doc);
	CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
	s = strndup((const char *)mem, (size_t)n);
	xmlFree(mem);
	*len = (size_t)n;
	return s;
}

static struct pa_results *
full_results(void)
{
	static const struct pa_results_finding rows[] = {
		{ .rule = "A", .severity = PA_SEVERITY_ERROR, .status = PA_FINDING_OPEN,
		  .in_force = true, .message = "m <a> & \"b\"", .remedy = "r", .path = "p.md",
		  .line = 12, .anchor = "k", .ref = "Art. 5", .applies_from = "2025-02-02",
		  .waivable = true, .heuristic = true },
		{ .rule = "B", .severity = PA_SEVERITY_INFO, .status = PA_FINDING_NEEDS_REVIEW,
		  .in_force = false, .message = "n", .applies_from = "2027-08-02" },
		{ .rule = "C", .severity = PA_SEVERITY_BLOCKER, .status = PA_FINDING_WAIVED,
		  .in_force = true, .message = "w", .path = "application.xml" },
	};
	const struct pa_results_signature sig = {
		.object = "refs/tags/submission", .kind = "tag", .status = "good",
		.fingerprint = "ABCD", .uid = "A <a@example.org>", .created = "2026-01-01T00:00:00Z",
		.right = "tag", .authorised = "true"
	};
	struct pa_results *res = results_with(rows, 3);

	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	if (res == NULL)
		return NULL;
	memset(res->rules_digest, 'a', PA_DIGEST_HEXLEN);
	CU_ASSERT_EQUAL(pa_results_set(&res->rules_version, "2026.11"), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->dossier_path, "/calls/x"), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->dossier_commit,
	    "0123456789012345678901234567890123456789"), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->dossier_rev, "submission"), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->dossier_mode, "git"), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->dossier_subdir, "sub"), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->trust, "registry"), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->as_of, "2026-11-27"), 0);
	CU_ASSERT_EQUAL(pa_results_add_pack(res, "aia-art5", "2026.11"), 0);
	CU_ASSERT_EQUAL(pa_results_add_item(&res->systems, "s", "high", "gpai"), 0);
	CU_ASSERT_EQUAL(pa_results_add_item(&res->models, "m", NULL, "systemic"), 0);
	/* a model's and a dataset's licence, and the pact with a core commitment and a pledge */
	if (res->models.count == 1) {
		struct pa_results_item *m = res->models.items[0];

		CU_ASSERT_EQUAL(pa_results_set(&m->license, "Apache-2.0 OR MIT"), 0);
		CU_ASSERT_EQUAL(pa_results_set(&m->license_status, "valid"), 0);
	}
	CU_ASSERT_EQUAL(pa_results_add_item(&res->datasets, "d\x1b[2J", NULL, NULL), 0);
	if (res->datasets.count == 1) {
		struct pa_results_item *d = res->datasets.items[0];

		CU_ASSERT_EQUAL(pa_results_set(&d->license, "Custom <licence> \xe2\x80\xae"), 0);
		CU_ASSERT_EQUAL(pa_results_set(&d->license_status, "other"), 0);
	}
	CU_ASSERT_EQUAL(pa_results_set(&res->pact.state, "valid"), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->pact.organisation, "Org & Co"), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->pact.signed_on, "2025-10-02"), 0);
	{
		struct pa_results_commitment core = { .kind = (char *)"core",
		    .id = (char *)"ai-literacy", .text = (char *)"We train \"staff\"." };
		struct pa_results_commitment pledge = { .kind = (char *)"pledge",
		    .id = (char *)"p1", .role = (char *)"provider", .article = (char *)"50(1)",
		    .due = (char *)"2026-06-30", .text = (char *)"Mark." };

		CU_ASSERT_EQUAL(pa_results_add_commitment(res, &core), 0);
		CU_ASSERT_EQUAL(pa_results_add_commitment(res, &pledge), 0);
	}
	CU_ASSERT_EQUAL(pa_results_add_signature(res, &sig), 0);
	{
		const struct pa_results_waiver w = {
			.state = PA_WAIVER_APPLIED, .source = "ledger", .origin = "/l",
			.id = "0123456789abcdef0123456789abcdef01234567",
			.reason = "accepted-risk", .justification = "why <&> \"so\"",
			.until = "2027-01-01", .approver = "ABCD", .approver_name = "Ann"
		};
		const struct pa_results_fixed fx = {
			.rule = "D", .severity = PA_SEVERITY_WARNING, .path = "q.md",
			.anchor = "a", .message = "gone"
		};
		struct pa_results_fixed fx2 = fx;

		memset(fx2.fingerprint, 'b', PA_DIGEST_HEXLEN);
		CU_ASSERT_EQUAL(pa_results_set_waiver(res->findings.items[2], &w), 0);
		CU_ASSERT_EQUAL(pa_results_set(&res->baseline, "base.json"), 0);
		CU_ASSERT_EQUAL(pa_results_add_fixed(res, &fx2), 0);
	}
	return res;
}

/* Written, read back and written again: the same bytes, the same model. */
static void
test_results_read_back(void)
{
	struct pa_results *res = full_results(), *back = NULL, *copy = NULL;
	size_t len1, len2;
	char *one = dump(res, &len1), *two;
	const struct pa_results_finding *f;

	if (pa_results_from_mem(&back, one, len1, "r.xml") != 0)
		fprintf(stderr, "\n%s\n", pa_error_last());
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	two = dump(back, &len2);
	CU_ASSERT_EQUAL(len1, len2);
	CU_ASSERT_STRING_EQUAL(one, two);
	free(two);
	CU_ASSERT_EQUAL(back->findings.count, 3);
	f = back->findings.items[0];
	CU_ASSERT_STRING_EQUAL(f->fingerprint,
	    ((const struct pa_results_finding *)res->findings.items[0])->fingerprint);
	CU_ASSERT_EQUAL(f->line, 12);
	CU_ASSERT_TRUE(f->waivable);
	CU_ASSERT_TRUE(f->heuristic);
	CU_ASSERT_FALSE(((const struct pa_results_finding *)back->findings.items[2])->heuristic);
	CU_ASSERT_PTR_NOT_NULL(strstr(one, "heuristic=\"true\""));
	CU_ASSERT_PTR_NULL(strstr(strstr(one, "heuristic=\"true\"") + 1, "heuristic="));
	CU_ASSERT_STRING_EQUAL(f->message, "m <a> & \"b\"");
	CU_ASSERT_FALSE(((const struct pa_results_finding *)back->findings.items[1])->in_force);
	CU_ASSERT_STRING_EQUAL(back->dossier_subdir, "sub");
	CU_ASSERT_EQUAL(pa_results_verdict(back), PA_VERDICT_NEEDS_CHANGES);
	/* the waiver and the baseline's fixed finding come back whole */
	f = back->findings.items[2];
	CU_ASSERT_EQUAL(f->status, PA_FINDING_WAIVED);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->waiver);
	CU_ASSERT_EQUAL(f->waiver->state, PA_WAIVER_APPLIED);
	CU_ASSERT_STRING_EQUAL(f->waiver->source, "ledger");
	CU_ASSERT_STRING_EQUAL(f->waiver->justification, "why <&> \"so\"");
	CU_ASSERT_STRING_EQUAL(f->waiver->until, "2027-01-01");
	CU_ASSERT_STRING_EQUAL(f->waiver->approver_name, "Ann");
	CU_ASSERT_PTR_NULL(f->waiver->problem);
	CU_ASSERT_PTR_NULL(((const struct pa_results_finding *)back->findings.items[0])->waiver);
	CU_ASSERT_STRING_EQUAL(back->baseline, "base.json");
	CU_ASSERT_EQUAL_FATAL(back->fixed.count, 1);
	CU_ASSERT_STRING_EQUAL(((const struct pa_results_fixed *)back->fixed.items[0])->message, "gone");
	CU_ASSERT_EQUAL(((const struct pa_results_fixed *)back->fixed.items[0])->severity,
	    PA_SEVERITY_WARNING);
	/* licences, datasets and the pact come back whole, sanitised when added */
	CU_ASSERT_STRING_EQUAL(((const struct pa_results_item *)back->models.items[0])->license,
	    "Apache-2.0 OR MIT");
	CU_ASSERT_EQUAL_FATAL(back->datasets.count, 1);
	CU_ASSERT_STRING_EQUAL(((const struct pa_results_item *)back->datasets.items[0])->id,
	    "d\\x1b[2J");
	CU_ASSERT_STRING_EQUAL(((const struct pa_results_item *)back->datasets.items[0])->license,
	    "Custom <licence> \\u202e");
	CU_ASSERT_STRING_EQUAL(((const struct pa_results_item *)back->datasets.items[0])->license_status,
	    "other");
	CU_ASSERT_STRING_EQUAL(back->pact.state, "valid");
	CU_ASSERT_STRING_EQUAL(back->pact.organisation, "Org & Co");
	CU_ASSERT_EQUAL_FATAL(back->pact.commitments.count, 2);
	{
		const struct pa_results_commitment *c = back->pact.commitments.items[1];

		CU_ASSERT_STRING_EQUAL(c->kind, "pledge");
		CU_ASSERT_STRING_EQUAL(c->article, "50(1)");
		CU_ASSERT_STRING_EQUAL(c->due, "2026-06-30");
		CU_ASSERT_PTR_NULL(((const struct pa_results_commitment *)
		    back->pact.commitments.items[0])->due);
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(one, "<dataset id="));
	CU_ASSERT_PTR_NOT_NULL(strstr(one, "<commitment kind=\"core\" id=\"ai-literacy\""));
	/* a copy is the same document too */
	CU_ASSERT_EQUAL_FATAL(pa_results_dup(&copy, back), 0);
	two = dump(copy, &len2);
	CU_ASSERT_STRING_EQUAL(one, two);
	free(two);
	pa_results_free(copy);
	pa_results_free(back);
	free(one);
	pa_results_free(res);
}

/* The one failing rule; a status changed on the model (a waiver) changes verdict and failing alike. */
static void
test_results_fail_on(void)
{
	static const struct { const char *word; enum pa_fail_on t; size_t want; } rows[] = {
		{ NULL, PA_FAIL_ON_ERROR, 1 }, { "error", PA_FAIL_ON_ERROR, 1 },
		{ "blocker", PA_FAIL_ON_BLOCKER, 0 }, { "warning", PA_FAIL_ON_WARNING, 1 },
		{ "info", PA_FAIL_ON_INFO, 1 }, { "none", PA_FAIL_ON_NONE, 0 },
	};
	struct pa_results *res = full_results();
	struct pa_results_finding *f = res->findings.items[0];
	enum pa_fail_on t;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		CU_ASSERT_EQUAL(pa_results_fail_on_parse(&t, rows[i].word), 0);
		CU_ASSERT_EQUAL(t, rows[i].t);
		CU_ASSERT_EQUAL(pa_results_failing(res, t), rows[i].want);
		if (rows[i].word != NULL)
			CU_ASSERT_STRING_EQUAL(pa_results_fail_on_name(t), rows[i].word);
	}
	CU_ASSERT_EQUAL(pa_results_fail_on_parse(&t, "fatal"), PA_EINVALID);
	pa_error_clear();
	f->status = PA_FINDING_WAIVED;
	CU_ASSERT_EQUAL(pa_results_failing(res, PA_FAIL_ON_INFO), 0);
	CU_ASSERT_EQUAL(pa_results_verdict(res), PA_VERDICT_ELIGIBLE);
	pa_results_free(res);
}

static void
test_results_report_order(void)
{
	static const struct pa_results_finding rows[] = {
		{ .rule = "W", .severity = PA_SEVERITY_WARNING, .in_force = true, .message = "m", .path = "b" },
		{ .rule = "E2", .severity = PA_SEVERITY_ERROR, .status = PA_FINDING_WAIVED, .in_force = true, .message = "m" },
		{ .rule = "E1", .severity = PA_SEVERITY_ERROR, .in_force = true, .message = "m", .path = "a" },
		{ .rule = "E0", .severity = PA_SEVERITY_ERROR, .in_force = true, .message = "m" },
	};
	static const char *const want[] = { "E0", "E1", "E2", "W" };
	struct pa_results *res = results_with(rows, 4);
	const struct pa_results_finding **v = NULL;
	struct pa_results_counts c;
	size_t i;

	CU_ASSERT_EQUAL_FATAL(pa_results_report_order(&v, res), 0);
	for (i = 0; i < 4; i++)
		CU_ASSERT_STRING_EQUAL(v[i]->rule, want[i]);
	/* the model keeps its order */
	CU_ASSERT_STRING_EQUAL(((const struct pa_results_finding *)res->findings.items[0])->rule, "W");
	free(v);
	pa_results_count(&c, res);
	CU_ASSERT_EQUAL(c.open[PA_SEVERITY_ERROR], 2);
	CU_ASSERT_EQUAL(c.open[PA_SEVERITY_WARNING], 1);
	CU_ASSERT_EQUAL(c.waived, 1);
	CU_ASSERT_EQUAL(c.total, 4);
	pa_results_free(res);
}

static CU_TestInfo results_tests[] = {
	{ "verdict_table", test_results_verdict_table },
	{ "count_thresholds", test_results_count_thresholds },
	{ "names", test_results_names },
	{ "gpu hours", test_results_gpu_hours },
	{ "fingerprint", test_results_fingerprint },
	{ "add_finding_copies_and_sanitises", test_results_add_finding_copies_and_sanitises },
	{ "sort", test_results_sort },
	{ "xml_document", test_results_xml_document },
	{ "read_back", test_results_read_back },
	{ "fail_on", test_results_fail_on },
	{ "report_order", test_results_report_order },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "results", suite_init, NULL, NULL, NULL, results_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
