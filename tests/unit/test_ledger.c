/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for ledger/waiver.c: the waivers file, matching, expiry, validation. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ledger/ledger.h"
#include "ledger/waiver.h"
#include "lib/cutest.h"
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

static void
test_ledger_waiver_expiry(void)
{
	struct pa_waiver w = { 0 };

	memcpy(w.until, "2027-01-01", 11);
	CU_ASSERT_FALSE(pa_waiver_expired(&w, "2026-12-31"));
	CU_ASSERT_FALSE(pa_waiver_expired(&w, "2027-01-01"));	/* the last day holds */
	CU_ASSERT_TRUE(pa_waiver_expired(&w, "2027-01-02"));
	memcpy(w.until, "2027-13-01", 11);
	CU_ASSERT_TRUE(pa_waiver_expired(&w, "2026-01-01"));	/* unreadable: never holds */
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

static CU_TestInfo ledger_tests[] = {
	{ "waivers file parses", test_ledger_waivers_file_parses },
	{ "waivers file bad input", test_ledger_waivers_file_bad_input },
	{ "waiver matches", test_ledger_waiver_matches },
	{ "waiver expiry", test_ledger_waiver_expiry },
	{ "decision names and reason codes", test_ledger_decision_names },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "ledger", NULL, NULL, NULL, NULL, ledger_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
