/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests for ledger/waiver.c (the waivers file, matching, expiry,
 * validation) and for reading a ledger with a malformed commit.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "dossier/dossier.h"
#include "ledger/amend.h"
#include "ledger/ledger.h"
#include "ledger/waiver.h"
#include "lib/cutest.h"
#include "sig/gpg.h"
#include "unit/gitrepo.h"
#include "util/buf.h"
#include "util/error.h"

#define FP "3a44fac7e1402a50f294699d1cff440076cfa7177d6e1bd581612c78ff147c8c"

static const char good[] =
    "{\"pactaudit-waivers\": 1, \"waivers\": [\n"
    " {\"finding\": \"" FP "\", \"reason\": \"accepted-risk\",\n"
    "  \"justification\": \"kept by the host\", \"until\": \"2027-01-01\", \"approver\": \"CI\"},\n"
    " {\"rule\": \"LIC-CUSTOM\", \"path\": \"models/\", \"reason\": \"false-positive\",\n"
    "  \"justification\": \"reviewed\", \"until\": \"2026-12-31\"}\n"
    "]}\n";

static void
test_ledger_waivers_file_parses(void)
{
	struct pa_waivers ws = PA_WAIVERS_INIT;
	const struct pa_waiver *w;

	CU_ASSERT_EQUAL_FATAL(pa_waivers_parse(&ws, good, strlen(good), "w.json"), 0);
	CU_ASSERT_EQUAL_FATAL(ws.items.count, 2);
	w = ws.items.items[0];
	CU_ASSERT_STRING_EQUAL(w->finding, FP);
	CU_ASSERT_PTR_NULL(w->rule);
	CU_ASSERT_STRING_EQUAL(w->until, "2027-01-01");
	CU_ASSERT_STRING_EQUAL(w->id, "w.json:1");
	CU_ASSERT_EQUAL(w->source, PA_WAIVER_SELF_DECLARED);
	CU_ASSERT_FALSE(w->trusted);
	w = ws.items.items[1];
	CU_ASSERT_STRING_EQUAL(w->rule, "LIC-CUSTOM");
	CU_ASSERT_STRING_EQUAL(w->path, "models/");
	pa_waivers_dispose(&ws);
}

/* Each bad file is refused as a whole, with a message naming the problem. */
static void
test_ledger_waivers_file_bad_input(void)
{
	static const struct {
		const char *text, *message;
	} bad[] = {
		{ "", "w.json:" },
		{ "[]", "not a waivers file" },
		{ "{\"pactaudit-waivers\": 2, \"waivers\": []}", "not a waivers file" },
		{ "{\"pactaudit-waivers\": 1}", "is not an array" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [], \"x\": 1}", "unknown key 'x'" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [3]}", "is a JSON object" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"rule\": \"R\", \"reason\": "
		  "\"accepted-risk\", \"justification\": \"j\", \"until\": \"2027-01-01\", "
		  "\"scope\": \"all\"}]}", "unknown key 'scope'" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"reason\": \"accepted-risk\", "
		  "\"justification\": \"j\", \"until\": \"2027-01-01\"}]}", "names a rule or a finding" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"finding\": \"abc\", \"reason\": "
		  "\"accepted-risk\", \"justification\": \"j\", \"until\": \"2027-01-01\"}]}",
		  "not a fingerprint" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"rule\": \"R\", \"reason\": "
		  "\"because\", \"justification\": \"j\", \"until\": \"2027-01-01\"}]}",
		  "reason 'because'" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"rule\": \"R\", \"reason\": "
		  "\"accepted-risk\", \"justification\": \"j\", \"until\": \"2027-02-30\"}]}",
		  "not a date" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"rule\": \"R\", \"reason\": "
		  "\"accepted-risk\", \"justification\": \"j\", \"until\": \"soon\"}]}",
		  "not a date" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"rule\": \"R\", \"reason\": "
		  "\"accepted-risk\", \"justification\": \" \", \"until\": \"2027-01-01\"}]}",
		  "needs a justification" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"rule\": 5, \"reason\": "
		  "\"accepted-risk\", \"justification\": \"j\", \"until\": \"2027-01-01\"}]}",
		  "is not a string" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"rule\": \"R\", \"path\": \"/etc\", "
		  "\"reason\": \"accepted-risk\", \"justification\": \"j\", \"until\": \"2027-01-01\"}]}",
		  "not relative" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"rule\": \"R\", \"path\": \"../secrets\", "
		  "\"reason\": \"accepted-risk\", \"justification\": \"j\", \"until\": \"2027-01-01\"}]}",
		  "not relative" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"rule\": \"R\", \"path\": \"models/../application.xml\", "
		  "\"reason\": \"accepted-risk\", \"justification\": \"j\", \"until\": \"2027-01-01\"}]}",
		  "not relative" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"rule\": \"R\", \"path\": \"./application.xml\", "
		  "\"reason\": \"accepted-risk\", \"justification\": \"j\", \"until\": \"2027-01-01\"}]}",
		  "not relative" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"rule\": \"R\", \"path\": \"models//a.md\", "
		  "\"reason\": \"accepted-risk\", \"justification\": \"j\", \"until\": \"2027-01-01\"}]}",
		  "not relative" },
		{ "{\"pactaudit-waivers\": 1, \"waivers\": [{\"rule\": \"R\", \"path\": \"\", "
		  "\"reason\": \"accepted-risk\", \"justification\": \"j\", \"until\": \"2027-01-01\"}]}",
		  "not relative" },
		{ "{\"pactaudit-waivers\": 1, \"pactaudit-waivers\": 1, \"waivers\": []}", "w.json:" },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct pa_waivers ws = PA_WAIVERS_INIT;
		int rc = pa_waivers_parse(&ws, bad[i].text, strlen(bad[i].text), "w.json");

		CU_ASSERT_EQUAL(rc, PA_EINVALID);
		CU_ASSERT_EQUAL(ws.items.count, 0);
		CU_ASSERT_PTR_NOT_NULL(pa_error_last());
		if (pa_error_last() != NULL && strstr(pa_error_last(), bad[i].message) == NULL)
			CU_FAIL(bad[i].message);
		pa_waivers_dispose(&ws);
		pa_error_clear();
	}
}

static void
test_ledger_waiver_matches(void)
{
	struct pa_waiver w = { 0 };
	char fp[] = FP, rule[] = "R1", dossier[] = "/calls/acme", path[] = "models/";

	/* nothing to match: never matches */
	CU_ASSERT_FALSE(pa_waiver_matches(&w, "/calls/acme", "R1", FP, "a.xml"));
	w.finding = fp;
	CU_ASSERT_TRUE(pa_waiver_matches(&w, "/calls/acme", "R1", FP, "a.xml"));
	CU_ASSERT_TRUE(pa_waiver_matches(&w, NULL, "R2", FP, NULL));
	CU_ASSERT_FALSE(pa_waiver_matches(&w, "/calls/acme", "R1", "4a44fac7e1402a50f294699d1cff440076cfa7177d6e1bd581612c78ff147c8c", "a.xml"));
	w.dossier = dossier;
	CU_ASSERT_FALSE(pa_waiver_matches(&w, "/calls/other", "R1", FP, "a.xml"));
	CU_ASSERT_FALSE(pa_waiver_matches(&w, NULL, "R1", FP, "a.xml"));
	w.finding = NULL;
	w.rule = rule;
	w.path = path;
	CU_ASSERT_TRUE(pa_waiver_matches(&w, "/calls/acme", "R1", FP, "models/m1/README.md"));
	CU_ASSERT_FALSE(pa_waiver_matches(&w, "/calls/acme", "R1", FP, "modelsx/README.md"));
	CU_ASSERT_FALSE(pa_waiver_matches(&w, "/calls/acme", "R1", FP, NULL));
	CU_ASSERT_FALSE(pa_waiver_matches(&w, "/calls/acme", "R2", FP, "models/m1/README.md"));
	w.path = (char *)"application.xml";
	CU_ASSERT_TRUE(pa_waiver_matches(&w, "/calls/acme", "R1", FP, "application.xml"));
	CU_ASSERT_FALSE(pa_waiver_matches(&w, "/calls/acme", "R1", FP, "application.xml.asc"));
}

/* iso as the command line hands it down (one at a time) */
static const struct pa_date *
on(const char *iso)
{
	static struct pa_date day;

	CU_ASSERT_FATAL(pa_date_from_iso(&day, iso));
	return &day;
}

static void
test_ledger_waiver_expiry(void)
{
	struct pa_waiver w = { 0 };

	memcpy(w.until, "2027-01-01", 11);
	CU_ASSERT_FALSE(pa_waiver_expired(&w, on("2026-12-31")));
	CU_ASSERT_FALSE(pa_waiver_expired(&w, on("2027-01-01")));	/* the last day holds */
	CU_ASSERT_TRUE(pa_waiver_expired(&w, on("2027-01-02")));
	CU_ASSERT_TRUE(pa_waiver_expired(&w, on("2028-01-01")));	/* not the day of the month */
	CU_ASSERT_FALSE(pa_waiver_expired(&w, NULL));	/* no date: never expired */
	memcpy(w.until, "2027-13-01", 11);
	CU_ASSERT_TRUE(pa_waiver_expired(&w, on("2026-01-01")));	/* unreadable: never holds */
	CU_ASSERT_TRUE(pa_waiver_expired(&w, NULL));
}

static void
test_ledger_decision_names(void)
{
	enum pa_decision_kind k;

	CU_ASSERT_EQUAL(pa_decision_parse(&k, "changes"), 0);
	CU_ASSERT_EQUAL(k, PA_DECISION_CHANGES);
	CU_ASSERT_STRING_EQUAL(pa_decision_name(PA_DECISION_REJECT), "reject");
	CU_ASSERT_EQUAL(pa_decision_parse(&k, "Approve"), PA_EINVALID);
	CU_ASSERT_EQUAL(pa_decision_parse(&k, NULL), PA_EINVALID);
	pa_error_clear();
	CU_ASSERT_TRUE(pa_waiver_reason_known("remediation-planned"));
	CU_ASSERT_FALSE(pa_waiver_reason_known("Accepted-Risk"));
	CU_ASSERT_FALSE(pa_waiver_reason_known(NULL));
}

/* Results with three findings: a waivable error, an Art. 5 blocker, a waivable needs-review. */
static struct pa_results *
amend_results(void)
{
	const struct pa_results_finding rows[] = {
		{ .rule = "E-1", .severity = PA_SEVERITY_ERROR, .in_force = true, .waivable = true,
		  .message = "e", .path = "application.xml", .line = 3, .anchor = "system[s1]" },
		{ .rule = "ART5", .severity = PA_SEVERITY_BLOCKER, .in_force = true,
		  .waivable = false, .message = "p", .path = "application.xml", .anchor = "s" },
		{ .rule = "R-1", .severity = PA_SEVERITY_ERROR, .in_force = true, .waivable = true,
		  .status = PA_FINDING_NEEDS_REVIEW, .message = "r", .path = "models/m/README.md" },
	};
	struct pa_results *res = NULL;
	size_t i;

	CU_ASSERT_EQUAL_FATAL(pa_results_new(&res), 0);
	CU_ASSERT_EQUAL(pa_results_set(&res->as_of, "2027-01-01"), 0);
	for (i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(pa_results_add_finding(res, &rows[i]), 0);
	return res;
}

static struct pa_waiver *
waiver(const char *rule, const char *until, enum pa_waiver_source src, bool trusted)
{
	struct pa_waiver *w = calloc(1, sizeof(*w));

	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	w->rule = strdup(rule);
	w->reason = strdup("accepted-risk");
	w->justification = strdup("because");
	w->id = strdup(src == PA_WAIVER_LEDGER ? "c0ffee" : "w.json:1");
	snprintf(w->until, sizeof(w->until), "%s", until);
	w->source = src;
	w->trusted = trusted;
	return w;
}

#define FINDING(res, i) ((struct pa_results_finding *)(res)->findings.items[i])

/* Which waiver a finding keeps, and what its status becomes. */
static void
test_ledger_amend_waivers(void)
{
	struct pa_amend am = { 0 };
	struct pa_results *res = amend_results();

	/* an untrusted ledger record, an expired file waiver, then one that applies */
	CU_ASSERT_EQUAL(pa_amend_add_waiver(&am, waiver("E-1", "2027-12-31", PA_WAIVER_LEDGER,
	    false), "/ledger", "signed by an outsider"), 0);
	CU_ASSERT_EQUAL(pa_amend_add_waiver(&am, waiver("E-1", "2026-12-31",
	    PA_WAIVER_SELF_DECLARED, false), "w.json", NULL), 0);
	CU_ASSERT_EQUAL(pa_amend_add_waiver(&am, waiver("ART5", "2027-12-31",
	    PA_WAIVER_SELF_DECLARED, false), "w.json", NULL), 0);
	CU_ASSERT_EQUAL(pa_amend_add_waiver(&am, waiver("R-1", "2027-12-31", PA_WAIVER_LEDGER,
	    true), "/ledger", NULL), 0);
	CU_ASSERT_EQUAL(pa_amend_results(&am, res, ".", NULL), 0);
	/* E-1: the expired one explains, ahead of the untrusted one */
	CU_ASSERT_EQUAL(FINDING(res, 0)->status, PA_FINDING_OPEN);
	CU_ASSERT_EQUAL_FATAL(FINDING(res, 0)->waiver != NULL, true);
	CU_ASSERT_EQUAL(FINDING(res, 0)->waiver->state, PA_WAIVER_EXPIRED);
	CU_ASSERT_STRING_EQUAL(FINDING(res, 0)->waiver->source, "self-declared");
	CU_ASSERT_STRING_EQUAL(FINDING(res, 0)->waiver->origin, "w.json");
	/* Art. 5: refused, open */
	CU_ASSERT_EQUAL(FINDING(res, 1)->status, PA_FINDING_OPEN);
	CU_ASSERT_EQUAL(FINDING(res, 1)->waiver->state, PA_WAIVER_REFUSED);
	/* needs-review is waived by a trusted ledger waiver */
	CU_ASSERT_EQUAL(FINDING(res, 2)->status, PA_FINDING_WAIVED);
	CU_ASSERT_EQUAL(FINDING(res, 2)->waiver->state, PA_WAIVER_APPLIED);
	CU_ASSERT_STRING_EQUAL(FINDING(res, 2)->waiver->source, "ledger");
	CU_ASSERT_STRING_EQUAL(FINDING(res, 2)->waiver->id, "c0ffee");
	CU_ASSERT_EQUAL(pa_results_verdict(res), PA_VERDICT_INELIGIBLE);
	CU_ASSERT_EQUAL(pa_results_failing(res, PA_FAIL_ON_ERROR), 2);
	pa_results_free(res);

	/* the untrusted one alone: reported with its problem, not applied */
	pa_amend_dispose(&am);
	res = amend_results();
	CU_ASSERT_EQUAL(pa_amend_add_waiver(&am, waiver("E-1", "2027-12-31", PA_WAIVER_LEDGER,
	    false), "/ledger", "signed by an outsider"), 0);
	CU_ASSERT_EQUAL(pa_amend_results(&am, res, ".", NULL), 0);
	CU_ASSERT_EQUAL(FINDING(res, 0)->status, PA_FINDING_OPEN);
	CU_ASSERT_EQUAL(FINDING(res, 0)->waiver->state, PA_WAIVER_UNTRUSTED);
	CU_ASSERT_STRING_EQUAL(FINDING(res, 0)->waiver->problem, "signed by an outsider");
	/* ... and one that applies wins over it; the last day still holds */
	CU_ASSERT_EQUAL(pa_amend_add_waiver(&am, waiver("E-1", "2027-01-01",
	    PA_WAIVER_SELF_DECLARED, false), "w.json", NULL), 0);
	CU_ASSERT_EQUAL(pa_amend_results(&am, res, ".", NULL), 0);
	CU_ASSERT_EQUAL(FINDING(res, 0)->status, PA_FINDING_WAIVED);
	CU_ASSERT_EQUAL(FINDING(res, 0)->waiver->state, PA_WAIVER_APPLIED);
	pa_results_free(res);
	pa_amend_dispose(&am);
}

/* Written, read back, applied: old findings baselined, Art. 5 never, gone ones fixed. */
static void
test_ledger_amend_baseline(void)
{
	struct pa_amend am = { 0 };
	struct pa_results *res = amend_results(), *later;
	struct pa_buf out = PA_BUF_INIT, again = PA_BUF_INIT;
	const struct pa_results_finding nf = {
		.rule = "NEW", .severity = PA_SEVERITY_WARNING, .in_force = true, .waivable = true,
		.message = "new", .path = "x.md"
	};

	CU_ASSERT_EQUAL_FATAL(pa_baseline_write(&out, &res, NULL, 1), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.ptr, "\"pactaudit-baseline\": 1"));
	CU_ASSERT_PTR_NULL(strstr(out.ptr, "\"dossier\""));
	CU_ASSERT_EQUAL_FATAL(pa_amend_parse_baseline(&am, out.ptr, out.size, "b.json"), 0);
	CU_ASSERT_EQUAL(am.baseline.count, 3);
	/* the same findings in another order: the same bytes */
	later = amend_results();
	{
		void *t = later->findings.items[0];

		later->findings.items[0] = later->findings.items[2];
		later->findings.items[2] = t;
	}
	CU_ASSERT_EQUAL(pa_baseline_write(&again, &later, NULL, 1), 0);
	CU_ASSERT_STRING_EQUAL(out.ptr, again.ptr);
	pa_results_free(later);

	/* E-1 fixed, NEW appears */
	later = amend_results();
	CU_ASSERT_EQUAL(pa_results_add_finding(later, &nf), 0);
	pa_results_free(res);
	res = later;
	{
		struct pa_results_finding *f = res->findings.items[0];

		res->findings.items[0] = res->findings.items[3];
		res->findings.count--;
		pa_results_set_waiver(f, NULL);
		free((char *)f->rule); free((char *)f->message); free((char *)f->path);
		free((char *)f->anchor); free(f);
	}
	CU_ASSERT_EQUAL(pa_amend_results(&am, res, ".", NULL), 0);
	CU_ASSERT_STRING_EQUAL(FINDING(res, 0)->rule, "NEW");
	CU_ASSERT_EQUAL(FINDING(res, 0)->status, PA_FINDING_OPEN);
	CU_ASSERT_EQUAL(FINDING(res, 1)->status, PA_FINDING_OPEN);	/* Art. 5 */
	CU_ASSERT_EQUAL(FINDING(res, 2)->status, PA_FINDING_BASELINED);	/* was needs-review */
	CU_ASSERT_STRING_EQUAL(res->baseline, "b.json");
	CU_ASSERT_EQUAL_FATAL(res->fixed.count, 1);
	CU_ASSERT_STRING_EQUAL(((struct pa_results_fixed *)res->fixed.items[0])->rule, "E-1");
	CU_ASSERT_STRING_EQUAL(((struct pa_results_fixed *)res->fixed.items[0])->anchor,
	    "system[s1]");
	CU_ASSERT_EQUAL(pa_results_failing(res, PA_FAIL_ON_WARNING), 2);
	pa_results_free(res);
	pa_amend_dispose(&am);
	pa_buf_dispose(&out);
	pa_buf_dispose(&again);
}

static void
test_ledger_baseline_bad_input(void)
{
	static const char *const bad[] = {
		"", "[]", "{\"pactaudit-baseline\": 1}", "{\"pactaudit-baseline\": \"1\", \"findings\": []}",
		"{\"pactaudit-baseline\": 2, \"findings\": []}",
		"{\"pactaudit-baseline\": 1, \"findings\": [1]}",
		"{\"pactaudit-baseline\": 1, \"findings\": [], \"extra\": 1}",
		"{\"pactaudit-baseline\": 1, \"findings\": [{\"fingerprint\": \"abc\", \"rule\": \"R\", \"severity\": \"error\"}]}",
		"{\"pactaudit-baseline\": 1, \"findings\": [{\"fingerprint\": \"" FP "\", \"severity\": \"error\"}]}",
		"{\"pactaudit-baseline\": 1, \"findings\": [{\"fingerprint\": \"" FP "\", \"rule\": \"R\"}]}",
		"{\"pactaudit-baseline\": 1, \"findings\": [{\"fingerprint\": \"" FP "\", \"rule\": \"R\", \"severity\": \"error\", \"line\": \"3\"}]}",
		"{\"pactaudit-baseline\": 1, \"findings\": [{\"fingerprint\": \"" FP "\", \"rule\": 7, \"severity\": \"error\"}]}",
		"{\"pactaudit-baseline\": 1, \"pactaudit-baseline\": 1, \"findings\": []}",
	};
	struct pa_amend am = { 0 };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(pa_amend_parse_baseline(&am, bad[i], strlen(bad[i]), "b.json"),
		    PA_EINVALID);
		CU_ASSERT_PTR_NOT_NULL(pa_error_last());
		if (pa_error_last() != NULL) {
			CU_ASSERT_EQUAL(strncmp(pa_error_last(), "b.json", 6), 0);
			CU_ASSERT_PTR_NULL(strchr(pa_error_last(), '\n'));
		}
		pa_error_clear();
		CU_ASSERT_PTR_NULL(am.baseline_file);
		pa_amend_dispose(&am);
	}
	CU_ASSERT_EQUAL(pa_amend_load_baseline(&am, "/nonexistent/b.json"), PA_ENOTFOUND);
	pa_error_clear();
}

/*
 * A ledger whose tip is a merge with a malformed parent (a commit without a
 * committer): reading it is the error "cannot read commit <id>", not a
 * crash, and nothing leaks (libgit2's revision walk leaks on such a commit;
 * run under the sanitizers).
 */
static void
test_ledger_malformed_parent_commit(void)
{
	char *dir = tr_tmpdir();
	struct pa_ledger *l = NULL;
	struct pa_ledger_log *log = NULL;
	git_repository *repo = NULL;
	git_odb *odb = NULL;
	git_reference *ref = NULL;
	struct pa_buf raw = PA_BUF_INIT, msg = PA_BUF_INIT;
	git_oid tree, c1, broken, merge;
	char treehex[41], brokenhex[41];

	CU_ASSERT_EQUAL_FATAL(pa_ledger_open(&l, dir, true), 0);
	CU_ASSERT_EQUAL_FATAL(git_repository_open(&repo, dir), 0);
	CU_ASSERT_EQUAL_FATAL(git_repository_odb(&odb, repo), 0);
	CU_ASSERT_EQUAL_FATAL(git_odb_write(&tree, odb, "", 0, GIT_OBJECT_TREE), 0);
	git_oid_tostr(treehex, sizeof(treehex), &tree);
	pa_buf_printf(&raw, "tree %s\nauthor A <a@example.org> 1 +0000\n"
	    "committer A <a@example.org> 1 +0000\n\nfirst\n", treehex);
	CU_ASSERT_EQUAL_FATAL(git_odb_write(&c1, odb, raw.ptr, raw.size, GIT_OBJECT_COMMIT), 0);
	merge = tr_malformed_merge(repo, &tree, &c1, &broken);
	git_oid_tostr(brokenhex, sizeof(brokenhex), &broken);
	CU_ASSERT_EQUAL_FATAL(git_reference_create(&ref, repo, PA_LEDGER_BRANCH, &merge, 1,
	    "merge"), 0);
	pa_buf_printf(&msg, "cannot read commit %s", brokenhex);

	CU_ASSERT(pa_ledger_load(&log, l, NULL) < 0);
	CU_ASSERT_PTR_NULL(log);
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last() ? pa_error_last() : "", msg.ptr));
	pa_error_clear();

	pa_ledger_log_free(log);
	pa_buf_dispose(&msg);
	pa_buf_dispose(&raw);
	git_reference_free(ref);
	git_odb_free(odb);
	git_repository_free(repo);
	pa_ledger_free(l);
	pa_file_rm_rf(dir);
	free(dir);
}

static int
suite_init(void)
{
	return pa_dossier_global_init() < 0 || pa_gpg_global_init() < 0;
}

static int
suite_clean(void)
{
	pa_dossier_global_cleanup();
	return 0;
}

static CU_TestInfo ledger_tests[] = {
	{ "amend waivers", test_ledger_amend_waivers },
	{ "amend baseline", test_ledger_amend_baseline },
	{ "baseline bad input", test_ledger_baseline_bad_input },
	{ "waivers file parses", test_ledger_waivers_file_parses },
	{ "waivers file bad input", test_ledger_waivers_file_bad_input },
	{ "waiver matches", test_ledger_waiver_matches },
	{ "waiver expiry", test_ledger_waiver_expiry },
	{ "decision names and reason codes", test_ledger_decision_names },
	{ "a malformed parent commit is an error", test_ledger_malformed_parent_commit },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "ledger", suite_init, suite_clean, NULL, NULL, ledger_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
