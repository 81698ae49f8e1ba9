/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for review/: view models, sorting, filtering, search, layout, the key table and the config parser. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocate/allocate.h"
#include "lib/cutest.h"
#include "ledger/ledger.h"
#include "results/results.h"
#include "review/config.h"
#include "review/keys.h"
#include "review/model.h"
#include "review/view.h"
#include "util/digest.h"
#include "util/error.h"

static int
suite_init(void)
{
	pa_digest_global_init();
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	return 0;
}

/* --- building results in C ------------------------------------------------ */

#define FIND(rule_, sev, st, force, path_, line_) { .rule = rule_, .severity = PA_SEVERITY_##sev, \
	.status = PA_FINDING_##st, .in_force = force, .waivable = true, .message = "msg " rule_, \
	.remedy = "fix " rule_, .path = path_, .line = line_, .ref = "Art. 1", \
	.applies_from = "2026-08-02" }

/* A dossier's results: systems (id, tier), models (id, gpai), findings, signature statuses. */
static struct pa_results *
make(const char *const *systems, const char *const *models,
    const struct pa_results_finding *f, size_t nf, const char *const *sigs)
{
	struct pa_results *res = NULL;
	size_t i;

	CU_ASSERT_FATAL(pa_results_new(&res) == 0);
	pa_results_set(&res->dossier_commit, "0123456789abcdef0123456789abcdef01234567");
	for (i = 0; systems != NULL && systems[i] != NULL; i += 2)
		CU_ASSERT_FATAL(pa_results_add_item(&res->systems, systems[i], systems[i + 1],
		    NULL) == 0);
	for (i = 0; models != NULL && models[i] != NULL; i += 2)
		CU_ASSERT_FATAL(pa_results_add_item(&res->models, models[i], NULL,
		    models[i + 1]) == 0);
	for (i = 0; i < nf; i++)
		CU_ASSERT_FATAL(pa_results_add_finding(res, &f[i]) == 0);
	for (i = 0; sigs != NULL && sigs[i] != NULL; i++) {
		struct pa_results_signature s = { .object = "HEAD", .kind = "commit",
			.status = sigs[i], .fingerprint = "ABCD" };

		CU_ASSERT_FATAL(pa_results_add_signature(res, &s) == 0);
	}
	return res;
}

/* The example's shape: an eligible, a needs-changes and an ineligible dossier, and one that failed. */
static void
make_call(struct pa_review_call *call)
{
	static const char *const sys_a[] = { "haku", "limited", "llm", "minimal", NULL };
	static const char *const sys_t[] = { "match", "high", NULL };
	static const char *const sys_s[] = { "pulso", "prohibited", NULL };
	static const char *const mod_t[] = { "rank", "none", NULL };
	static const char *const mod_u[] = { "big", "systemic", NULL };
	static const char *const good[] = { "good", "good", NULL };
	static const char *const mixed[] = { "good", "unknown-key", "bad", NULL };
	static const struct pa_results_finding fa[] = {
		FIND("I-1", INFO, OPEN, true, NULL, 0),
	};
	static const struct pa_results_finding ft[] = {
		FIND("E-1", ERROR, OPEN, true, "application.xml", 12),
		FIND("E-2", ERROR, OPEN, true, "docs/a.md", 3),
		FIND("W-1", WARNING, OPEN, true, NULL, 0),
		FIND("E-3", ERROR, OPEN, false, NULL, 0),	/* not yet in force */
	};
	static const struct pa_results_finding fs[] = {
		FIND("B-1", BLOCKER, OPEN, true, "application.xml", 2),
		FIND("E-9", ERROR, WAIVED, true, NULL, 0),
	};

	*call = (struct pa_review_call)PA_REVIEW_CALL_INIT;
	CU_ASSERT_FATAL(pa_review_call_add(call, "/calls/2026-12/arkisto/", make(sys_a, NULL, fa,
	    1, good), NULL) == 0);
	CU_ASSERT_FATAL(pa_review_call_add(call, "calls/talentra", make(sys_t, mod_t, ft, 4,
	    good), NULL) == 0);
	CU_ASSERT_FATAL(pa_review_call_add(call, "sentimetria", make(sys_s, NULL, fs, 2, mixed),
	    NULL) == 0);
	CU_ASSERT_FATAL(pa_review_call_add(call, "aurore", make(NULL, mod_u, NULL, 0, good),
	    NULL) == 0);
	CU_ASSERT_FATAL(pa_review_call_add(call, "broken", NULL, "broken: not a dossier") == 0);
	/* who applies for what: arkisto in full, talentra's hours not a number, aurore by registry id */
	{
		struct pa_results *a = ((struct pa_review_dossier *)call->dossiers.items[0])->res;
		struct pa_results *t = ((struct pa_review_dossier *)call->dossiers.items[1])->res;
		struct pa_results *s = ((struct pa_review_dossier *)call->dossiers.items[2])->res;
		struct pa_results *u = ((struct pa_review_dossier *)call->dossiers.items[3])->res;

		CU_ASSERT_FATAL(pa_results_set(&a->applicant.name, "Arkisto Oy") == 0 &&
		    pa_results_set(&a->applicant.country, "FI") == 0 &&
		    pa_results_set(&a->applicant.gpu_hours, "12000") == 0 &&
		    pa_results_set(&a->applicant.machine, "LUMI") == 0 &&
		    pa_results_set(&t->applicant.gpu_hours, "lots") == 0 &&
		    pa_results_set(&s->applicant.name, "Senti\033[2Jmetria") == 0 &&
		    pa_results_set(&u->applicant.registry_id, "aurore-reg") == 0);
		/* talentra's warning comes from a rule that judges headings */
		((struct pa_results_finding *)t->findings.items[2])->heuristic = true;
	}
}

static const char *
cell(const struct pa_review_page *p, size_t vis, size_t col)
{
	const struct pa_review_row *r = pa_review_page_visible(p, vis);

	return r != NULL && col < r->ncells ? r->cells[col].text : NULL;
}

/* Index of the first visible row whose text (any cell) contains s, or -1. */
static long
find_row(const struct pa_review_page *p, const char *s)
{
	size_t i, c;
	const struct pa_review_row *r;

	for (i = 0; i < p->nvisible; i++) {
		r = pa_review_page_visible(p, i);
		for (c = 0; c < r->ncells; c++)
			if (strstr(r->cells[c].text, s) != NULL)
				return (long)i;
	}
	return -1;
}

static void
build(const struct pa_review_view *v, struct pa_review_page *p, const struct pa_review_call *call,
    const struct pa_review_keymap *km, const struct pa_review_source *src, size_t dossier,
    size_t finding)
{
	struct pa_review_ctx ctx = { .call = call, .keys = km, .source = src,
		.dossier = dossier, .finding = finding, .width = 80 };

	CU_ASSERT_FATAL(pa_review_view_build(v, p, &ctx) == 0);
}

static void add_waiver(struct pa_review_dossier *d, bool trusted, const char *finding,
    const char *rule, const char *until, const char *dossier);

/* --- the model ------------------------------------------------------------------ */

static void
test_review_dossier_facts(void)
{
	struct pa_review_call call;
	struct pa_review_dossier *a, *t, *s, *u, *b;
	struct pa_buf sig = PA_BUF_INIT;
	size_t counts[4];

	make_call(&call);
	a = pa_review_call_at(&call, 0);
	t = pa_review_call_at(&call, 1);
	s = pa_review_call_at(&call, 2);
	u = pa_review_call_at(&call, 3);
	b = pa_review_call_at(&call, 4);
	CU_ASSERT_STRING_EQUAL(a->name, "arkisto");	/* trailing slash dropped */
	CU_ASSERT_STRING_EQUAL(t->name, "talentra");
	CU_ASSERT_STRING_EQUAL(pa_review_dossier_tier(a), "limited");
	CU_ASSERT_STRING_EQUAL(pa_review_dossier_tier(t), "high");
	CU_ASSERT_STRING_EQUAL(pa_review_dossier_tier(s), "prohibited");
	CU_ASSERT_PTR_NULL(pa_review_dossier_tier(u));
	CU_ASSERT_STRING_EQUAL(pa_review_dossier_gpai(u), "systemic");
	CU_ASSERT_STRING_EQUAL(pa_review_dossier_gpai(t), "none");
	CU_ASSERT(pa_review_dossier_tier_rank(s) > pa_review_dossier_tier_rank(t));
	CU_ASSERT(pa_review_dossier_tier_rank(t) > pa_review_dossier_tier_rank(a));
	CU_ASSERT(pa_review_dossier_tier_rank(u) > pa_review_dossier_tier_rank(b));

	/* open findings by severity: not in force and waived ones do not count */
	pa_review_dossier_open(t, counts);
	CU_ASSERT_EQUAL(counts[PA_SEVERITY_ERROR], 2);
	CU_ASSERT_EQUAL(counts[PA_SEVERITY_WARNING], 1);
	CU_ASSERT_EQUAL(counts[PA_SEVERITY_BLOCKER], 0);
	pa_review_dossier_open(s, counts);
	CU_ASSERT_EQUAL(counts[PA_SEVERITY_BLOCKER], 1);
	CU_ASSERT_EQUAL(counts[PA_SEVERITY_ERROR], 0);

	/* signature state: good, or the worst status and how many are not good */
	pa_review_dossier_sigstate(&sig, a);
	CU_ASSERT_STRING_EQUAL(sig.ptr, "good");
	pa_buf_clear(&sig);
	pa_review_dossier_sigstate(&sig, s);
	CU_ASSERT_STRING_EQUAL(sig.ptr, "bad 2/3");
	pa_buf_clear(&sig);
	pa_review_dossier_sigstate(&sig, b);
	CU_ASSERT_EQUAL(sig.size, 0);
	CU_ASSERT_EQUAL(pa_review_dossier_sigrank(b), -1);
	CU_ASSERT_EQUAL(pa_review_dossier_sigrank(s), 1);
	pa_buf_dispose(&sig);

	/* statuses as shown; a waiver recorded in the ledger waives too */
	CU_ASSERT_STRING_EQUAL(pa_review_finding_status(t, t->res->findings.items[3]),
	    "not yet in force");
	CU_ASSERT_STRING_EQUAL(pa_review_finding_status(s, s->res->findings.items[1]), "waived");
	{
		const struct pa_results_finding *f = t->res->findings.items[0];

		CU_ASSERT_STRING_EQUAL(pa_review_finding_status(t, f), "open");
		CU_ASSERT_FATAL(pa_review_dossier_set_ledger_id(t, "id-t") == 0);
		add_waiver(t, true, f->fingerprint, NULL, "2099-12-31", NULL);
		CU_ASSERT_EQUAL(pa_review_dossier_apply_ledger(t), 1);
		CU_ASSERT_STRING_EQUAL(pa_review_finding_status(t, f), "waived");
		pa_review_dossier_open(t, counts);
		CU_ASSERT_EQUAL(counts[PA_SEVERITY_ERROR], 1);
	}
	pa_review_call_dispose(&call);
}

/* --- the ledger on the model -------------------------------------------------------- */

/* A waiver record on d: of a fingerprint or a rule, until a date, of one dossier or all. */
static void
add_waiver(struct pa_review_dossier *d, bool trusted, const char *finding, const char *rule,
    const char *until, const char *dossier)
{
	struct pa_waiver w = { .rule = (char *)rule, .finding = (char *)finding,
		.dossier = (char *)dossier, .reason = (char *)"accepted-risk",
		.justification = (char *)"per counsel" };
	struct pa_review_record r = { .trusted = trusted, .waiver = true, .commit = "0123456789ab",
		.who = (char *)"Ann Auditor", .text = (char *)"waiver text", .w = &w,
		.problem = (char *)(trusted ? NULL :
		    "signed by FFFF, who is not an auditor of the ledger") };

	snprintf(w.until, sizeof(w.until), "%s", until);
	CU_ASSERT_FATAL(pa_review_dossier_add_record(d, &r) == 0);
}

static void
add_decision(struct pa_review_dossier *d, bool trusted, const char *text)
{
	struct pa_review_record r = { .trusted = trusted, .commit = "abcdefabcdef",
		.who = (char *)(trusted ? "Ann Auditor" : "Mallory"), .text = (char *)text,
		.problem = (char *)(trusted ? NULL : "signature unknown-key") };

	CU_ASSERT_FATAL(pa_review_dossier_add_record(d, &r) == 0);
}

static void
test_review_ledger_waivers(void)
{
	struct pa_review_call call;
	struct pa_review_page p;
	struct pa_review_dossier *t, *s;
	const struct pa_results_finding *e1, *e2, *b1, *e9;
	size_t counts[4];

	make_call(&call);
	pa_review_page_init(&p);
	t = pa_review_call_at(&call, 1);
	s = pa_review_call_at(&call, 2);
	pa_results_set(&t->res->as_of, "2026-12-01");
	pa_results_set(&s->res->as_of, "2026-12-01");
	CU_ASSERT_FATAL(pa_review_dossier_set_ledger_id(t, "id-t") == 0);
	CU_ASSERT_FATAL(pa_review_dossier_set_ledger_id(s, "id-s") == 0);
	e1 = t->res->findings.items[0];
	e2 = t->res->findings.items[1];
	b1 = s->res->findings.items[0];
	e9 = s->res->findings.items[1];
	CU_ASSERT_STRING_EQUAL(pa_results_verdict_name(pa_results_verdict(t->res)), "needs-changes");

	/* an expired waiver, one for another dossier, an untrusted one: E-1 stays open */
	add_waiver(t, true, e1->fingerprint, NULL, "2026-11-30", NULL);
	add_waiver(t, true, e1->fingerprint, NULL, "2099-12-31", "id-other");
	add_waiver(t, false, e1->fingerprint, NULL, "2099-12-31", "id-t");
	CU_ASSERT_EQUAL(pa_review_dossier_apply_ledger(t), 0);
	CU_ASSERT_STRING_EQUAL(pa_review_finding_status(t, e1), "open");
	CU_ASSERT_PTR_NULL(pa_review_finding_waiver(t, e1));
	CU_ASSERT_PTR_NOT_NULL(pa_review_finding_waiver_expired(t, e1));
	CU_ASSERT_PTR_NOT_NULL(pa_review_finding_waiver_untrusted(t, e1));
	CU_ASSERT_EQUAL(pa_review_dossier_untrusted(t), 1);
	build(&pa_review_view_findings, &p, &call, NULL, NULL, 1, 0);
	CU_ASSERT(find_row(&p, "E-1  Art. 1  [open]") >= 0);
	CU_ASSERT(find_row(&p, "waiver EXPIRED: waiver text by Ann Auditor") >= 0);
	CU_ASSERT(find_row(&p, "UNTRUSTED waiver, not counted: waiver text by Ann Auditor: "
	    "signed by FFFF, who is not an auditor of the ledger") >= 0);

	/* trusted and in force: of the fingerprint (last day inclusive), and of a rule */
	add_waiver(t, true, e1->fingerprint, NULL, "2026-12-01", "id-t");
	add_waiver(t, true, NULL, "E-2", "2099-12-31", NULL);
	CU_ASSERT_EQUAL(pa_review_dossier_apply_ledger(t), 2);
	CU_ASSERT_STRING_EQUAL(pa_review_finding_status(t, e1), "waived");
	CU_ASSERT_STRING_EQUAL(pa_review_finding_status(t, e2), "waived");
	CU_ASSERT_PTR_NULL(pa_review_finding_waiver_expired(t, e1));
	pa_review_dossier_open(t, counts);
	CU_ASSERT_EQUAL(counts[PA_SEVERITY_ERROR], 0);
	/* the verdict follows: no error counts any more */
	CU_ASSERT_STRING_EQUAL(pa_results_verdict_name(pa_results_verdict(t->res)), "eligible");
	build(&pa_review_view_findings, &p, &call, NULL, NULL, 1, 0);
	CU_ASSERT(find_row(&p, "E-1  Art. 1  [waived]") >= 0);
	CU_ASSERT(find_row(&p, "waived: waiver text by Ann Auditor") >= 0);
	build(&pa_review_view_call, &p, &call, NULL, NULL, 0, 0);
	CU_ASSERT_STRING_EQUAL(cell(&p, 1, 2), "eligible");
	CU_ASSERT_STRING_EQUAL(cell(&p, 1, 4), "0");
	CU_ASSERT_STRING_EQUAL(p.title, "Call: 5 dossiers, 1 untrusted record");

	/* a non-waivable finding (Art. 5) is never waived, whatever the ledger holds */
	((struct pa_results_finding *)b1)->waivable = false;
	add_waiver(s, true, b1->fingerprint, NULL, "2099-12-31", "id-s");
	add_waiver(s, true, NULL, "B-1", "2099-12-31", NULL);
	CU_ASSERT_EQUAL(pa_review_dossier_apply_ledger(s), 0);
	CU_ASSERT_STRING_EQUAL(pa_review_finding_status(s, b1), "open");
	CU_ASSERT_PTR_NULL(pa_review_finding_waiver(s, b1));
	CU_ASSERT_STRING_EQUAL(pa_results_verdict_name(pa_results_verdict(s->res)), "ineligible");
	/* a finding waived by the audit itself stays waived */
	CU_ASSERT_STRING_EQUAL(pa_review_finding_status(s, e9), "waived");

	/* a reload starts from the statuses as evaluated */
	pa_review_dossier_clear_ledger(t);
	CU_ASSERT_EQUAL(t->records.count, 0);
	CU_ASSERT_STRING_EQUAL(pa_review_finding_status(t, e1), "open");
	CU_ASSERT_STRING_EQUAL(pa_results_verdict_name(pa_results_verdict(t->res)), "needs-changes");
	pa_review_dossier_clear_ledger(s);
	CU_ASSERT_STRING_EQUAL(pa_review_finding_status(s, e9), "waived");
	pa_review_page_dispose(&p);
	pa_review_call_dispose(&call);
}

static void
test_review_ledger_decisions(void)
{
	struct pa_review_call call;
	struct pa_review_page p;
	struct pa_review_dossier *a, *t;
	enum pa_review_style style;
	long r;

	make_call(&call);
	pa_review_page_init(&p);
	a = pa_review_call_at(&call, 0);
	t = pa_review_call_at(&call, 1);
	/* trusted: the decision, granted hours, who */
	add_decision(a, true, "decision approve, 1500 GPU-hours");
	CU_ASSERT_FATAL(pa_review_dossier_set_decision(a, "approve", 1500, "ok",
	    "Ann Auditor") == 0);
	CU_ASSERT_STRING_EQUAL(pa_review_dossier_decision_cell(a, &style), "approve");
	CU_ASSERT_EQUAL(style, PA_REVIEW_STYLE_GOOD);
	/* untrusted alone: shown as untrusted, never as the decision it claims */
	add_decision(t, false, "decision approve, 99999 GPU-hours");
	CU_ASSERT_STRING_EQUAL(pa_review_dossier_decision_cell(t, &style), "untrusted");
	CU_ASSERT_EQUAL(style, PA_REVIEW_STYLE_BAD);
	CU_ASSERT_PTR_NULL(t->decision.decision);
	CU_ASSERT_PTR_NULL(pa_review_dossier_decision_cell(pa_review_call_at(&call, 2), &style));

	build(&pa_review_view_call, &p, &call, NULL, NULL, 0, 0);
	CU_ASSERT_STRING_EQUAL(p.title, "Call: 5 dossiers, 1 decided, 1 untrusted record");
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 9), "1500");
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 10), "approve");
	CU_ASSERT_STRING_EQUAL(cell(&p, 1, 9), PA_REVIEW_NONE);	/* no hours granted */
	CU_ASSERT_STRING_EQUAL(cell(&p, 1, 10), "untrusted");
	CU_ASSERT_EQUAL(pa_review_page_visible(&p, 1)->cells[10].style, PA_REVIEW_STYLE_BAD);
	/* sorting by the decision column works like any other */
	CU_ASSERT(pa_review_page_sort(&p, pa_review_page_column(&p, "decided"), false) == 0);
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 10), "approve");

	build(&pa_review_view_dossier, &p, &call, NULL, NULL, 0, 0);
	CU_ASSERT(find_row(&p, "approve, 1500 GPU-hours granted, by Ann Auditor") >= 0);
	CU_ASSERT(find_row(&p, "Ledger records (1)") >= 0);
	build(&pa_review_view_dossier, &p, &call, NULL, NULL, 1, 0);
	CU_ASSERT(find_row(&p, "none recorded") >= 0);
	CU_ASSERT(find_row(&p, "Ledger records (1, 1 untrusted)") >= 0);
	r = find_row(&p, "abcdefabcdef UNTRUSTED decision approve, 99999 GPU-hours by Mallory");
	CU_ASSERT(r >= 0);
	CU_ASSERT(find_row(&p, "not counted: signature unknown-key") == r + 1);
	pa_review_page_dispose(&p);
	pa_review_call_dispose(&call);
}

static void
test_review_tagged_targets(void)
{
	struct pa_review_call call;
	struct pa_review_page p;
	size_t out[5];

	make_call(&call);
	pa_review_page_init(&p);
	/* untagged: the dossier here, if it was audited */
	CU_ASSERT_EQUAL(pa_review_call_targets(&call, false, 1, out), 1);
	CU_ASSERT_EQUAL(out[0], 1);
	CU_ASSERT_EQUAL(pa_review_call_targets(&call, false, 4, out), 0);	/* not audited */
	CU_ASSERT_EQUAL(pa_review_call_targets(&call, true, 1, out), 0);	/* none tagged */
	/* tagged: every tagged audited dossier in call order, wherever the cursor is */
	pa_review_call_at(&call, 3)->tagged = true;
	pa_review_call_at(&call, 0)->tagged = true;
	pa_review_call_at(&call, 4)->tagged = true;
	CU_ASSERT_EQUAL(pa_review_call_targets(&call, true, 1, out), 2);
	CU_ASSERT_EQUAL(out[0], 0);
	CU_ASSERT_EQUAL(out[1], 3);
	/* the call view marks them and counts them */
	build(&pa_review_view_call, &p, &call, NULL, NULL, 0, 0);
	CU_ASSERT_STRING_EQUAL(p.title, "Call: 5 dossiers, 3 tagged");
	CU_ASSERT(pa_review_page_visible(&p, 0)->tagged);
	CU_ASSERT(!pa_review_page_visible(&p, 1)->tagged);
	pa_review_page_dispose(&p);
	pa_review_call_dispose(&call);
}

static void
test_review_call_view_columns(void)
{
	struct pa_review_call call;
	struct pa_review_page p;
	long r;

	make_call(&call);
	pa_review_page_init(&p);
	CU_ASSERT_FATAL(pa_review_dossier_set_decision(pa_review_call_at(&call, 0), "approve",
	    1500, "ok", NULL) == 0);
	build(&pa_review_view_call, &p, &call, NULL, NULL, 0, 0);
	CU_ASSERT_EQUAL(p.nvisible, 5);
	CU_ASSERT_STRING_EQUAL(p.title, "Call: 5 dossiers, 1 decided");
	CU_ASSERT(pa_review_page_column(&p, "verdict") == 2);
	CU_ASSERT(pa_review_page_column(&p, "gr") >= 0);	/* a prefix names a column */
	CU_ASSERT(pa_review_page_column(&p, "nosuch") == -1);
	/* arkisto: limited, eligible, 0 0 0 1, good, granted 1500, approve */
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 0), "arkisto");
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 1), "limited");
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 2), "eligible");
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 6), "1");
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 7), "good");
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 8), "12000");	/* requested, from <request> */
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 11), "Arkisto Oy (FI)");
	/* hours that are not a number are shown as written; none is none */
	CU_ASSERT_STRING_EQUAL(cell(&p, 1, 8), "lots");
	CU_ASSERT_STRING_EQUAL(cell(&p, 2, 8), PA_REVIEW_NONE);
	/* no legal name: the registry id; nothing at all: none; control bytes made visible */
	CU_ASSERT_STRING_EQUAL(cell(&p, 3, 11), "aurore-reg");
	CU_ASSERT_STRING_EQUAL(cell(&p, 1, 11), PA_REVIEW_NONE);
	CU_ASSERT(strchr(cell(&p, 2, 11), '\033') == NULL);
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 9), "1500");
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 10), "approve");
	CU_ASSERT_STRING_EQUAL(cell(&p, 1, 2), "needs-changes");
	CU_ASSERT_STRING_EQUAL(cell(&p, 1, 4), "2");
	CU_ASSERT_STRING_EQUAL(cell(&p, 2, 2), "ineligible");
	CU_ASSERT_STRING_EQUAL(cell(&p, 2, 7), "bad 2/3");
	/* a minimal system with a systemic model shows the model's status */
	CU_ASSERT_STRING_EQUAL(cell(&p, 3, 1), "systemic");
	r = find_row(&p, "not audited");
	CU_ASSERT_EQUAL(r, 4);
	CU_ASSERT_STRING_EQUAL(cell(&p, 4, 11), "broken: not a dossier");
	pa_review_page_dispose(&p);
	pa_review_call_dispose(&call);
}

static void
test_review_sort_by_any_column(void)
{
	struct pa_review_call call;
	struct pa_review_page p;
	int col;

	make_call(&call);
	pa_review_page_init(&p);
	build(&pa_review_view_call, &p, &call, NULL, NULL, 0, 0);
	/* verdict: eligible < needs-changes < ineligible < not audited */
	col = pa_review_page_column(&p, "Verdict");
	CU_ASSERT_FATAL(pa_review_page_sort(&p, col, false) == 0);
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 0), "arkisto");
	CU_ASSERT_STRING_EQUAL(cell(&p, 3, 0), "sentimetria");
	CU_ASSERT_STRING_EQUAL(cell(&p, 4, 0), "broken");
	CU_ASSERT_FATAL(pa_review_page_sort(&p, col, true) == 0);
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 0), "broken");
	CU_ASSERT_STRING_EQUAL(cell(&p, 1, 0), "sentimetria");
	CU_ASSERT_STRING_EQUAL(cell(&p, 2, 0), "talentra");
	/* ties keep the call's order (stable): arkisto before aurore, both eligible */
	CU_ASSERT_STRING_EQUAL(cell(&p, 3, 0), "arkisto");
	CU_ASSERT_STRING_EQUAL(cell(&p, 4, 0), "aurore");

	/* tier by rank, not alphabet: prohibited > high > systemic model > limited */
	CU_ASSERT_FATAL(pa_review_page_sort(&p, pa_review_page_column(&p, "tier"), true) == 0);
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 0), "sentimetria");
	CU_ASSERT_STRING_EQUAL(cell(&p, 1, 0), "talentra");
	CU_ASSERT_STRING_EQUAL(cell(&p, 2, 0), "arkisto");
	/* "not known" is last in both directions */
	CU_ASSERT_STRING_EQUAL(cell(&p, 4, 0), "broken");

	/* numbers as numbers: errors descending */
	CU_ASSERT_FATAL(pa_review_page_sort(&p, pa_review_page_column(&p, "E"), true) == 0);
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 0), "talentra");
	CU_ASSERT_STRING_EQUAL(cell(&p, 4, 0), "broken");

	/* names alphabetically, case-insensitive */
	CU_ASSERT_FATAL(pa_review_page_sort(&p, 0, false) == 0);
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 0), "arkisto");
	CU_ASSERT_STRING_EQUAL(cell(&p, 1, 0), "aurore");
	CU_ASSERT_STRING_EQUAL(cell(&p, 4, 0), "talentra");

	/* sort_next walks the columns and back to the call's order */
	CU_ASSERT_FATAL(pa_review_page_sort(&p, (int)p.ncols - 1, false) == 0);
	CU_ASSERT_FATAL(pa_review_page_sort_next(&p) == 0);
	CU_ASSERT_EQUAL(p.sort_col, -1);
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 0), "arkisto");
	CU_ASSERT_STRING_EQUAL(cell(&p, 1, 0), "talentra");
	CU_ASSERT_FATAL(pa_review_page_sort_next(&p) == 0);
	CU_ASSERT_EQUAL(p.sort_col, 0);

	/* the sort survives a rebuild (after a decision, a resize) */
	CU_ASSERT_FATAL(pa_review_page_sort(&p, col, true) == 0);
	build(&pa_review_view_call, &p, &call, NULL, NULL, 0, 0);
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 0), "broken");
	pa_review_page_dispose(&p);
	pa_review_call_dispose(&call);
}

static void
test_review_filter_and_cursor(void)
{
	struct pa_review_call call;
	struct pa_review_page p;

	make_call(&call);
	pa_review_page_init(&p);
	build(&pa_review_view_call, &p, &call, NULL, NULL, 0, 0);
	pa_review_page_goto(&p, 2, 20);	/* on sentimetria */
	CU_ASSERT_FATAL(pa_review_page_set_filter(&p, "GOOD") == 0);	/* any cell, any case */
	CU_ASSERT_EQUAL_FATAL(p.nvisible, 3);
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 0), "arkisto");
	CU_ASSERT_STRING_EQUAL(cell(&p, 1, 0), "talentra");
	CU_ASSERT_STRING_EQUAL(cell(&p, 2, 0), "aurore");
	CU_ASSERT_FATAL(pa_review_page_set_filter(&p, "zzz") == 0);
	CU_ASSERT_EQUAL(p.nvisible, 0);
	CU_ASSERT_PTR_NULL(pa_review_page_current(&p));
	CU_ASSERT_FATAL(pa_review_page_set_filter(&p, "sent") == 0);
	CU_ASSERT_EQUAL(p.nvisible, 1);
	CU_ASSERT_FATAL(pa_review_page_set_filter(&p, "") == 0);	/* empty clears */
	CU_ASSERT_PTR_NULL(p.filter);
	CU_ASSERT_EQUAL(p.nvisible, 5);
	/* the cursor stays on its row when the row is still shown */
	CU_ASSERT_STRING_EQUAL(cell(&p, p.cursor, 0), "sentimetria");
	CU_ASSERT_FATAL(pa_review_page_set_filter(&p, "e") == 0);
	CU_ASSERT_STRING_EQUAL(cell(&p, p.cursor, 0), "sentimetria");
	pa_review_page_dispose(&p);
	pa_review_call_dispose(&call);
}

static void
test_review_search_and_move(void)
{
	struct pa_review_page p;
	size_t i;
	char line[32];

	pa_review_page_init(&p);
	for (i = 0; i < 100; i++) {
		snprintf(line, sizeof(line), "line %zu%s", i, i % 30 == 7 ? " Needle" : "");
		CU_ASSERT_FATAL(pa_review_page_line(&p, PA_REVIEW_STYLE_NORMAL, "%s", line) == 0);
	}
	CU_ASSERT_FATAL(pa_review_page_refresh(&p) == 0);
	CU_ASSERT(pa_review_page_search(&p, "needle", true, 10));
	CU_ASSERT_EQUAL(p.cursor, 7);
	CU_ASSERT(pa_review_page_search(&p, NULL, true, 10));	/* n: the same pattern */
	CU_ASSERT_EQUAL(p.cursor, 37);
	CU_ASSERT(p.top <= 37 && 37 < p.top + 10);
	CU_ASSERT(pa_review_page_search(&p, NULL, false, 10));	/* N */
	CU_ASSERT_EQUAL(p.cursor, 7);
	CU_ASSERT(pa_review_page_search(&p, NULL, false, 10));	/* wraps backwards */
	CU_ASSERT_EQUAL(p.cursor, 97);
	CU_ASSERT(pa_review_page_search(&p, NULL, true, 10));	/* and forwards */
	CU_ASSERT_EQUAL(p.cursor, 7);
	CU_ASSERT(!pa_review_page_search(&p, "absent", true, 10));
	CU_ASSERT_EQUAL(p.cursor, 7);

	pa_review_page_move(&p, PA_REVIEW_MOVE_FIRST, 10);
	CU_ASSERT_EQUAL(p.cursor, 0);
	CU_ASSERT_EQUAL(p.top, 0);
	pa_review_page_move(&p, PA_REVIEW_MOVE_UP, 10);
	CU_ASSERT_EQUAL(p.cursor, 0);
	pa_review_page_move(&p, PA_REVIEW_MOVE_PAGE_DOWN, 10);
	CU_ASSERT_EQUAL(p.cursor, 9);
	CU_ASSERT_EQUAL(p.top, 9);
	pa_review_page_move(&p, PA_REVIEW_MOVE_LAST, 10);
	CU_ASSERT_EQUAL(p.cursor, 99);
	CU_ASSERT_EQUAL(p.top, 90);	/* no empty screen below the last line */
	pa_review_page_move(&p, PA_REVIEW_MOVE_DOWN, 10);
	CU_ASSERT_EQUAL(p.cursor, 99);
	pa_review_page_move(&p, PA_REVIEW_MOVE_PAGE_UP, 10);
	CU_ASSERT_EQUAL(p.cursor, 90);
	CU_ASSERT(p.top <= 90);
	pa_review_page_move(&p, PA_REVIEW_MOVE_UP, 10);
	CU_ASSERT_EQUAL(p.cursor, 89);
	CU_ASSERT(p.top <= 89 && 89 < p.top + 10);
	pa_review_page_dispose(&p);
}

static void
test_review_fit_and_layout(void)
{
	struct pa_buf b = PA_BUF_INIT;
	struct pa_review_call call;
	struct pa_review_page p;
	size_t w[16], i, total;

	pa_review_fit(&b, "abc", 5, false);
	CU_ASSERT_STRING_EQUAL(b.ptr, "abc  ");
	pa_buf_clear(&b);
	pa_review_fit(&b, "42", 5, true);
	CU_ASSERT_STRING_EQUAL(b.ptr, "   42");
	pa_buf_clear(&b);
	pa_review_fit(&b, "needs-changes", 8, false);
	CU_ASSERT_STRING_EQUAL(b.ptr, "needs-c\xe2\x80\xa6");
	/* wide characters count two columns and are never cut in half */
	pa_buf_clear(&b);
	pa_review_fit(&b, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, false);	/* 日本語 */
	CU_ASSERT_STRING_EQUAL(b.ptr, "\xe6\x97\xa5\xe2\x80\xa6 ");
	pa_buf_clear(&b);
	pa_review_fit(&b, "Luc\xc3\xad" "a", 5, false);	/* Lucía */
	CU_ASSERT_STRING_EQUAL(b.ptr, "Luc\xc3\xad" "a");
	pa_buf_clear(&b);
	pa_review_format_hours(&b, 1500);
	CU_ASSERT_STRING_EQUAL(b.ptr, "1500");
	pa_buf_clear(&b);
	pa_review_format_hours(&b, 25000000);
	CU_ASSERT_STRING_EQUAL(b.ptr, "25M");
	pa_buf_clear(&b);
	pa_review_format_hours(&b, 1500000);
	CU_ASSERT_STRING_EQUAL(b.ptr, "1.5M");
	pa_buf_dispose(&b);

	/* the call's table fills an 80-column screen exactly (78 after the tag column) */
	make_call(&call);
	pa_review_page_init(&p);
	build(&pa_review_view_call, &p, &call, NULL, NULL, 0, 0);
	CU_ASSERT_FATAL(p.ncols <= 16);
	pa_review_page_layout(&p, 78, w);
	for (i = 0, total = 0; i < p.ncols; i++)
		total += w[i] + (i > 0);
	CU_ASSERT_EQUAL(total, 78);
	CU_ASSERT(w[0] >= strlen("sentimetria"));	/* names are not cut at 80 columns */
	CU_ASSERT(w[2] >= strlen("needs-changes"));
	/* narrow: columns keep their minimum, those that do not fit are dropped */
	pa_review_page_layout(&p, 30, w);
	for (i = 0, total = 0; i < p.ncols; i++) {
		if (w[i] > 0)
			CU_ASSERT(w[i] >= p.cols[i].min);
		total += w[i] + (i > 0 && w[i] > 0);
	}
	CU_ASSERT(total <= 30);
	CU_ASSERT_EQUAL(w[p.ncols - 1], 0);
	pa_review_page_dispose(&p);
	pa_review_call_dispose(&call);
}

static void
test_review_dossier_view(void)
{
	struct pa_review_call call;
	struct pa_review_page p;
	struct pa_review_ctx ctx = { 0 }, next;
	const struct pa_review_row *r;

	make_call(&call);
	/* talentra's model licence, a dataset with an invalid one, its pact */
	{
		struct pa_results *t = ((struct pa_review_dossier *)call.dossiers.items[1])->res;
		struct pa_results_item *m = t->models.items[0], *d;
		struct pa_results_commitment pledge = { .kind = (char *)"pledge",
		    .id = (char *)"p1", .article = (char *)"50(1)", .due = (char *)"2026-06-30",
		    .text = (char *)"Mark \x1b[2Joutputs." };

		CU_ASSERT_FATAL(pa_results_set(&m->license, "MIT") == 0 &&
		    pa_results_set(&m->license_status, "valid") == 0 &&
		    pa_results_add_item(&t->datasets, "cv-corpus", NULL, NULL) == 0);
		d = t->datasets.items[0];
		CU_ASSERT_FATAL(pa_results_set(&d->license, "GPL-2.0+ AND") == 0 &&
		    pa_results_set(&d->license_status, "invalid") == 0 &&
		    pa_results_set(&t->pact.state, "valid") == 0 &&
		    pa_results_set(&t->pact.organisation, "Talentra GmbH") == 0 &&
		    pa_results_set(&t->pact.signed_on, "2025-09-01") == 0 &&
		    pa_results_add_commitment(t, &pledge) == 0);
	}
	pa_review_page_init(&p);
	build(&pa_review_view_dossier, &p, &call, NULL, NULL, 1, 0);
	CU_ASSERT_STRING_EQUAL(p.title, "Dossier talentra");
	CU_ASSERT(find_row(&p, "GPAI none      MIT (valid)") >= 0);
	CU_ASSERT(find_row(&p, "Datasets and licences (1)") >= 0);
	CU_ASSERT_FATAL(find_row(&p, "GPL-2.0+ AND (invalid)") >= 0);
	CU_ASSERT_EQUAL(pa_review_page_visible(&p, (size_t)find_row(&p,
	    "GPL-2.0+ AND (invalid)"))->style, PA_REVIEW_STYLE_ERROR);
	CU_ASSERT(find_row(&p, "AI Pact commitments (1)") >= 0);
	CU_ASSERT(find_row(&p, "signed by Talentra GmbH on 2025-09-01") >= 0);
	CU_ASSERT(find_row(&p, "Art. 50(1) due 2026-06-30  Mark \\x1b[2Joutputs.") >= 0);
	CU_ASSERT(find_row(&p, "match") >= 0);
	CU_ASSERT(find_row(&p, "GPAI none") >= 0);
	CU_ASSERT(find_row(&p, "open: 0 blocker, 2 error, 1 warning, 0 info") >= 0);
	CU_ASSERT(find_row(&p, "applicant " PA_REVIEW_NONE "   registry " PA_REVIEW_NONE) >= 0);
	CU_ASSERT(find_row(&p, "request   lots GPU-hours on " PA_REVIEW_NONE ", partition "
	    PA_REVIEW_NONE ", call " PA_REVIEW_NONE) >= 0);
	/* the cursor starts on the findings line, and Enter opens the findings */
	ctx.call = &call;
	ctx.dossier = 1;
	r = pa_review_page_visible(&p, pa_review_view_dossier.initial(&p, &ctx));
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT(strstr(r->cells[0].text, "open:") != NULL);
	CU_ASSERT(pa_review_view_dossier.open(&next, &ctx, r) == &pa_review_view_findings);
	CU_ASSERT_EQUAL(next.dossier, 1);
	/* a dossier without a pact says so */
	build(&pa_review_view_dossier, &p, &call, NULL, NULL, 0, 0);
	CU_ASSERT(find_row(&p, "no pact/commitments.xml in this dossier") >= 0);
	CU_ASSERT(find_row(&p, "Datasets and licences (0)") >= 0);
	/* a dossier that could not be audited says why, and opens nothing */
	build(&pa_review_view_dossier, &p, &call, NULL, NULL, 4, 0);
	CU_ASSERT(find_row(&p, "not audited: broken: not a dossier") >= 0);
	ctx.dossier = 4;
	CU_ASSERT_PTR_NULL(pa_review_view_dossier.open(&next, &ctx, pa_review_page_current(&p)));
	pa_review_page_dispose(&p);
	pa_review_call_dispose(&call);
}

static void
test_review_findings_grouped(void)
{
	struct pa_review_call call;
	struct pa_review_page p;
	struct pa_review_ctx ctx = { 0 }, next;
	long blk, err, warn, e3;
	const struct pa_review_row *r;

	make_call(&call);
	pa_review_page_init(&p);
	build(&pa_review_view_findings, &p, &call, NULL, NULL, 2, 0);
	blk = find_row(&p, "Blockers (1)");
	err = find_row(&p, "Errors (1)");
	CU_ASSERT(blk == 0);
	CU_ASSERT(err > blk);
	CU_ASSERT(find_row(&p, "B-1  Art. 1  [open]  application.xml:2") == blk + 1);
	CU_ASSERT(find_row(&p, "msg B-1") == blk + 2);
	CU_ASSERT(find_row(&p, "fix: fix B-1") == blk + 3);
	CU_ASSERT(find_row(&p, "E-9  Art. 1  [waived]") > err);

	build(&pa_review_view_findings, &p, &call, NULL, NULL, 1, 0);
	err = find_row(&p, "Errors (3)");
	warn = find_row(&p, "Warnings (1)");
	CU_ASSERT(err == 0 && warn > err);
	/* a heuristic check says so; the others do not */
	CU_ASSERT(find_row(&p, "W-1  Art. 1  [open] [heuristic]") > warn);
	CU_ASSERT(find_row(&p, "E-1  Art. 1  [open]  application.xml:12") > err);
	CU_ASSERT(find_row(&p, "E-1  Art. 1  [open] [heuristic]") == -1);
	e3 = find_row(&p, "E-3  Art. 1  [not yet in force] from 2026-08-02");
	CU_ASSERT(e3 > err && e3 < warn);
	/* every row of a finding opens its evidence */
	ctx.call = &call;
	ctx.dossier = 1;
	r = pa_review_page_visible(&p, (size_t)e3 + 1);
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT(pa_review_view_findings.open(&next, &ctx, r) == &pa_review_view_evidence);
	CU_ASSERT_STRING_EQUAL(((const struct pa_results_finding *)
	    ((struct pa_review_dossier *)call.dossiers.items[1])->res->findings.items[next.finding])->rule,
	    "E-3");
	/* a heading opens nothing */
	CU_ASSERT_PTR_NULL(pa_review_view_findings.open(&next, &ctx, pa_review_page_visible(&p, 0)));
	pa_review_page_dispose(&p);
	pa_review_call_dispose(&call);
}

/* A source as the command supplies one, over fixed text. */
static int
src_file(struct pa_buf *out, void *payload, const struct pa_review_dossier *d, const char *path)
{
	(void)d;
	if (strcmp(path, "application.xml") != 0)
		return pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_DOSSIER, "%s: not in the dossier", path);
	return pa_buf_puts(out, payload);
}

static int
src_evidence(struct pa_buf *out, void *payload, const struct pa_review_dossier *d)
{
	(void)payload;
	(void)d;
	return pa_buf_puts(out, "<evidence xmlns=\"urn:pactaudit:evidence:1\">\n</evidence>\n");
}

static int
src_rule(struct pa_review_rule *out, void *payload, const char *id)
{
	(void)payload;
	out->title = strdup(id);
	out->assertion = strdup("not(e:system[@tier='prohibited'])");
	out->ref = strdup("Art. 5(1)(f)");
	out->note = strdup("A long note that is wrapped at the screen's width so that it can be read "
	    "without scrolling sideways, which the review never does.");
	out->waivable = false;
	return 0;
}

static void
test_review_evidence_view(void)
{
	static const char file[] =
	    "<application>\n\t<name>Pulso\x1b[31m</name>\n<b>\xe2\x80\xae" "evil</b>\n</application>\n";
	struct pa_review_source src = { .file = src_file, .evidence = src_evidence,
		.rule = src_rule, .payload = (void *)file };
	struct pa_review_call call;
	struct pa_review_page p;
	struct pa_review_ctx ctx = { 0 };
	const struct pa_review_row *r;
	size_t i, c, init;
	long mark;

	make_call(&call);
	pa_review_page_init(&p);
	/* sentimetria's B-1 is at application.xml:2 */
	build(&pa_review_view_evidence, &p, &call, NULL, &src, 2, 0);
	CU_ASSERT(find_row(&p, "Finding B-1") == 0);
	CU_ASSERT(find_row(&p, "blocker, open, Art. 1") == 1);
	CU_ASSERT(find_row(&p, "File application.xml, line 2, at 0123456789ab") > 0);
	mark = find_row(&p, ">    2");
	CU_ASSERT_FATAL(mark > 0);
	r = pa_review_page_visible(&p, (size_t)mark);
	CU_ASSERT_EQUAL(r->style, PA_REVIEW_STYLE_LINE);
	/* tabs expanded; the escape sequence and the BiDi override made visible */
	CU_ASSERT(strstr(r->cells[0].text, "        <name>Pulso\\x1b[31m</name>") != NULL);
	CU_ASSERT(find_row(&p, "<b>\\u202eevil</b>") > mark);
	ctx.call = &call;
	ctx.dossier = 2;
	init = pa_review_view_evidence.initial(&p, &ctx);
	CU_ASSERT_EQUAL(init, (size_t)mark);
	/* the rule behind it, the note wrapped at the width */
	CU_ASSERT(find_row(&p, "Rule B-1") > mark);
	CU_ASSERT(find_row(&p, "assertion    not(e:system[@tier='prohibited'])") > mark);
	CU_ASSERT(find_row(&p, "waivable     no") > mark);
	CU_ASSERT(find_row(&p, "Evidence document") > mark);
	CU_ASSERT(find_row(&p, "<evidence xmlns=") > mark);
	/* nothing drawn holds a control character, and no line is wider than the screen's text */
	for (i = 0; i < p.nvisible; i++) {
		r = pa_review_page_visible(&p, i);
		for (c = 0; c < r->ncells; c++) {
			const char *t = r->cells[c].text;

			CU_ASSERT(strchr(t, '\x1b') == NULL && strchr(t, '\t') == NULL &&
			    strstr(t, "\xe2\x80\xae") == NULL);
		}
	}
	/* a finding without a readable file says so instead of failing */
	build(&pa_review_view_evidence, &p, &call, NULL, &src, 1, 1);	/* docs/a.md */
	CU_ASSERT(find_row(&p, "docs/a.md: not in the dossier") > 0);
	CU_ASSERT(find_row(&p, "Rule E-2") > 0);
	pa_review_page_dispose(&p);
	pa_review_call_dispose(&call);
}

static void
test_review_dossier_strings_sanitised(void)
{
	struct pa_review_call call = PA_REVIEW_CALL_INIT;
	struct pa_review_page p;
	static const struct pa_results_finding f[] = {
		{ .rule = "R", .severity = PA_SEVERITY_ERROR, .in_force = true,
		  .message = "bad\x1b]0;title\x07 msg", .path = "a\x1b[2J.xml", .line = 1 },
	};
	static const char *const sys[] = { "sys\xe2\x80\xaeX", "high\x1b[5m", NULL };
	const struct pa_review_view *views[] = {
		&pa_review_view_call, &pa_review_view_dossier, &pa_review_view_findings,
		&pa_review_view_evidence
	};
	size_t v, i, c;

	CU_ASSERT_FATAL(pa_review_call_add(&call, "calls/evil\x1b[31m\n", make(sys, NULL, f, 1,
	    NULL), "x") == 0);
	pa_review_page_init(&p);
	for (v = 0; v < sizeof(views) / sizeof(views[0]); v++) {
		build(views[v], &p, &call, NULL, NULL, 0, 0);
		CU_ASSERT(p.nvisible > 0);
		CU_ASSERT(strchr(p.title, '\x1b') == NULL);
		for (i = 0; i < p.rows.count; i++) {
			const struct pa_review_row *r = p.rows.items[i];

			for (c = 0; c < r->ncells; c++) {
				const char *t = r->cells[c].text;

				CU_ASSERT(strchr(t, '\x1b') == NULL && strchr(t, '\n') == NULL &&
				    strchr(t, '\x07') == NULL && strstr(t, "\xe2\x80\xae") == NULL);
			}
		}
	}
	CU_ASSERT(strstr(((struct pa_review_dossier *)call.dossiers.items[0])->name, "\\x1b") != NULL);
	pa_review_page_dispose(&p);
	pa_review_call_dispose(&call);
}

static void
test_review_wrap(void)
{
	struct pa_review_page p;
	size_t i;

	pa_review_page_init(&p);
	CU_ASSERT_FATAL(pa_review_page_wrap(&p, PA_REVIEW_STYLE_NORMAL, 4,
	    "one two three four five six seven eight nine ten eleven twelve\nsecond paragraph", 30) == 0);
	CU_ASSERT_FATAL(pa_review_page_refresh(&p) == 0);
	CU_ASSERT(p.nvisible >= 4);
	for (i = 0; i < p.nvisible; i++) {
		CU_ASSERT(strlen(cell(&p, i, 0)) <= 30);
		CU_ASSERT(strncmp(cell(&p, i, 0), "    ", 4) == 0);
	}
	CU_ASSERT_STRING_EQUAL(cell(&p, 0, 0), "    one two three four five");
	CU_ASSERT_STRING_EQUAL(cell(&p, p.nvisible - 1, 0), "    second paragraph");
	pa_review_page_dispose(&p);
}

/* --- keys ------------------------------------------------------------------------- */

static void
test_review_key_names(void)
{
	static const struct {
		const char *name;
		int key;
		const char *canon;
	} rows[] = {
		{ "j", 'j', "j" }, { "G", 'G', "G" }, { "?", '?', "?" }, { "/", '/', "/" },
		{ "C-f", PA_KEY_CTRL('f'), "C-f" }, { "^F", PA_KEY_CTRL('f'), "C-f" },
		{ "PgDn", PA_KEY_PGDN, "PgDn" }, { "pagedown", PA_KEY_PGDN, "PgDn" },
		{ "Up", PA_KEY_UP, "Up" }, { "enter", PA_KEY_ENTER, "Enter" },
		{ "Space", ' ', "Space" }, { "F1", PA_KEY_F0 + 1, "F1" }, { "F12", PA_KEY_F0 + 12, "F12" },
		{ "\xc3\xa9", 0xe9, "\xc3\xa9" }, { "Esc", PA_KEY_ESC, "Esc" },
	};
	static const char *const bad[] = { "", "Foo", "F13", "F0", "C-", "jj", "\x1b", "\xc3" };
	struct pa_buf b = PA_BUF_INIT;
	size_t i;
	int key;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		key = -1;
		CU_ASSERT(pa_review_key_parse(&key, rows[i].name) == 0);
		CU_ASSERT_EQUAL(key, rows[i].key);
		pa_buf_clear(&b);
		pa_review_key_name(&b, key);
		CU_ASSERT_STRING_EQUAL(b.ptr, rows[i].canon);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CU_ASSERT(pa_review_key_parse(&key, bad[i]) == PA_EINVALID);
	pa_error_clear();
	pa_buf_dispose(&b);
}

static void
test_review_keymap_defaults(void)
{
	static const struct {
		const char *key;
		enum pa_review_action a;
	} rows[] = {
		{ "j", PA_REVIEW_ACTION_DOWN }, { "Down", PA_REVIEW_ACTION_DOWN },
		{ "k", PA_REVIEW_ACTION_UP }, { "Up", PA_REVIEW_ACTION_UP },
		{ "h", PA_REVIEW_ACTION_BACK }, { "l", PA_REVIEW_ACTION_OPEN },
		{ "PgDn", PA_REVIEW_ACTION_PAGE_DOWN }, { "PgUp", PA_REVIEW_ACTION_PAGE_UP },
		{ "g", PA_REVIEW_ACTION_FIRST }, { "G", PA_REVIEW_ACTION_LAST },
		{ "Enter", PA_REVIEW_ACTION_OPEN }, { "q", PA_REVIEW_ACTION_BACK },
		{ "/", PA_REVIEW_ACTION_SEARCH }, { "n", PA_REVIEW_ACTION_SEARCH_NEXT },
		{ "N", PA_REVIEW_ACTION_SEARCH_PREV }, { "s", PA_REVIEW_ACTION_SORT },
		{ "f", PA_REVIEW_ACTION_FILTER }, { "t", PA_REVIEW_ACTION_TAG },
		{ "?", PA_REVIEW_ACTION_HELP }, { ":", PA_REVIEW_ACTION_COMMAND },
		{ "x", PA_REVIEW_ACTION_NONE },
	};
	struct pa_review_keymap km;
	size_t i;
	int key;
	int a;

	CU_ASSERT_FATAL(pa_review_keymap_default(&km) == 0);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		CU_ASSERT_FATAL(pa_review_key_parse(&key, rows[i].key) == 0);
		CU_ASSERT_EQUAL(pa_review_keymap_lookup(&km, key), rows[i].a);
	}
	/* every action has a name that parses back, a help sentence, and a key */
	for (a = 1; a < PA_REVIEW_ACTION_COUNT; a++) {
		struct pa_buf keys = PA_BUF_INIT;

		CU_ASSERT_EQUAL(pa_review_action_parse(pa_review_action_name(a)), a);
		CU_ASSERT(strlen(pa_review_action_help(a)) > 5);
		pa_review_keymap_keys(&keys, &km, a);
		CU_ASSERT(keys.size > 0);
		pa_buf_dispose(&keys);
	}
	CU_ASSERT_EQUAL(pa_review_action_parse("nosuch"), PA_REVIEW_ACTION_NONE);
	/* rebinding and unbinding */
	CU_ASSERT_FATAL(pa_review_keymap_bind(&km, 'x', PA_REVIEW_ACTION_QUIT) == 0);
	CU_ASSERT_EQUAL(pa_review_keymap_lookup(&km, 'x'), PA_REVIEW_ACTION_QUIT);
	CU_ASSERT_FATAL(pa_review_keymap_bind(&km, 'j', PA_REVIEW_ACTION_NONE) == 0);
	CU_ASSERT_EQUAL(pa_review_keymap_lookup(&km, 'j'), PA_REVIEW_ACTION_NONE);
	CU_ASSERT_EQUAL(pa_review_keymap_lookup(&km, PA_KEY_DOWN), PA_REVIEW_ACTION_DOWN);
	pa_review_keymap_dispose(&km);
}

static void
test_review_help_from_key_table(void)
{
	struct pa_review_keymap km;
	struct pa_review_call call = PA_REVIEW_CALL_INIT;
	struct pa_review_page p;
	long r;
	int a;

	CU_ASSERT_FATAL(pa_review_keymap_default(&km) == 0);
	pa_review_page_init(&p);
	build(&pa_review_view_help, &p, &call, &km, NULL, 0, 0);
	/* one line per action: its keys, its command name, its help */
	for (a = 1; a < PA_REVIEW_ACTION_COUNT; a++) {
		char want[64];

		snprintf(want, sizeof(want), ":%s ", pa_review_action_name(a));
		CU_ASSERT(find_row(&p, want) >= 0);
		CU_ASSERT(find_row(&p, pa_review_action_help(a)) >= 0);
	}
	r = find_row(&p, ":down ");
	CU_ASSERT_FATAL(r >= 0);
	CU_ASSERT(strncmp(cell(&p, (size_t)r, 0), "Down, j ", 8) == 0);
	/* the help follows the bindings in use */
	CU_ASSERT_FATAL(pa_review_keymap_bind(&km, 'j', PA_REVIEW_ACTION_NONE) == 0);
	CU_ASSERT_FATAL(pa_review_keymap_bind(&km, 'x', PA_REVIEW_ACTION_DOWN) == 0);
	build(&pa_review_view_help, &p, &call, &km, NULL, 0, 0);
	r = find_row(&p, ":down ");
	CU_ASSERT_FATAL(r >= 0);
	CU_ASSERT(strncmp(cell(&p, (size_t)r, 0), "Down, x ", 8) == 0);
	pa_review_page_dispose(&p);
	pa_review_keymap_dispose(&km);
}

/*
 * pactaudit-review(1) lists every action with its default keys, as the
 * key table has them: ".It Li \"KEYS\" Pq Ic :NAME" and the help
 * sentence on the next line.  On a mismatch the expected list is printed.
 */
static void
test_review_man_page_key_list(void)
{
	const char *top = getenv("top_srcdir");
	struct pa_review_keymap km;
	struct pa_buf path = PA_BUF_INIT, want = PA_BUF_INIT, keys = PA_BUF_INIT;
	char *man = NULL;
	size_t len = 0;
	FILE *fp;
	int a;

	pa_buf_printf(&path, "%s/man/pactaudit-review.1", top ? top : "..");
	CU_ASSERT_FATAL((fp = fopen(path.ptr, "r")) != NULL);
	{
		char chunk[4096];
		size_t n;

		while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
			man = realloc(man, len + n + 1);
			memcpy(man + len, chunk, n);
			len += n;
		}
		fclose(fp);
		CU_ASSERT_FATAL(man != NULL);
		man[len] = '\0';
	}
	CU_ASSERT_FATAL(pa_review_keymap_default(&km) == 0);
	for (a = 1; a < PA_REVIEW_ACTION_COUNT; a++) {
		pa_buf_clear(&keys);
		pa_review_keymap_keys(&keys, &km, a);
		/* mdoc reads a lone punctuation argument as a delimiter: \& keeps it */
		pa_buf_printf(&want, ".It Li \"%s%s\" Pq Ic :%s\n%s\n",
		    keys.size == 1 && strchr(".,:;()[]?!", keys.ptr[0]) ? "\\&" : "", keys.ptr,
		    pa_review_action_name(a), pa_review_action_help(a));
	}
	if (strstr(man, want.ptr) == NULL) {
		fprintf(stderr, "\n%s does not list the keys as the key table has them:\n%s",
		    path.ptr, want.ptr);
		CU_FAIL("the man page's key list is stale");
	}
	free(man);
	pa_review_keymap_dispose(&km);
	pa_buf_dispose(&keys);
	pa_buf_dispose(&want);
	pa_buf_dispose(&path);
}

/* --- config --------------------------------------------------------------------------- */

static void
test_review_config_parse(void)
{
	static const char text[] =
	    "# my bindings\n"
	    "bind x quit\n"
	    "bind C-n down   # comment after words\n"
	    "\n"
	    "bind j none\n"
	    "bind Foo down\n"
	    "bind y flop\n"
	    "color cursor white blue bold\n"
	    "color match 208 default underline reverse\n"
	    "color nosuch red\n"
	    "color error crimson\n"
	    "colour good green\n"
	    "frobnicate\n"
	    "bind z\n"
	    "color title red blue blinking\n"
	    "bind \xff down\n";
	struct pa_review_config cfg;
	int key;

	CU_ASSERT_FATAL(pa_review_config_default(&cfg) == 0);
	CU_ASSERT_FATAL(pa_review_config_parse(&cfg, "review.conf", text, sizeof(text) - 1) == 0);
	CU_ASSERT_EQUAL(pa_review_keymap_lookup(&cfg.keys, 'x'), PA_REVIEW_ACTION_QUIT);
	CU_ASSERT_EQUAL(pa_review_keymap_lookup(&cfg.keys, PA_KEY_CTRL('n')), PA_REVIEW_ACTION_DOWN);
	CU_ASSERT_EQUAL(pa_review_keymap_lookup(&cfg.keys, 'j'), PA_REVIEW_ACTION_NONE);
	CU_ASSERT(pa_review_key_parse(&key, "y") == 0);
	CU_ASSERT_EQUAL(pa_review_keymap_lookup(&cfg.keys, key), PA_REVIEW_ACTION_NONE);
	CU_ASSERT_EQUAL(cfg.colors[PA_REVIEW_STYLE_CURSOR].fg, 7);
	CU_ASSERT_EQUAL(cfg.colors[PA_REVIEW_STYLE_CURSOR].bg, 4);
	CU_ASSERT_EQUAL(cfg.colors[PA_REVIEW_STYLE_CURSOR].attrs, PA_REVIEW_ATTR_BOLD);
	CU_ASSERT_EQUAL(cfg.colors[PA_REVIEW_STYLE_MATCH].fg, 208);
	CU_ASSERT_EQUAL(cfg.colors[PA_REVIEW_STYLE_MATCH].bg, -1);
	CU_ASSERT_EQUAL(cfg.colors[PA_REVIEW_STYLE_MATCH].attrs,
	    PA_REVIEW_ATTR_UNDERLINE | PA_REVIEW_ATTR_REVERSE);
	CU_ASSERT_EQUAL(cfg.colors[PA_REVIEW_STYLE_GOOD].fg, 2);
	/* bad lines: reported with file:line, skipped; the title keeps its default */
	CU_ASSERT_EQUAL(cfg.colors[PA_REVIEW_STYLE_TITLE].fg, 7);
	CU_ASSERT_EQUAL_FATAL(cfg.errors.count, 8);
	CU_ASSERT_STRING_EQUAL(cfg.errors.items[0], "review.conf:6: unknown key 'Foo'");
	CU_ASSERT_STRING_EQUAL(cfg.errors.items[1], "review.conf:7: unknown action 'flop'");
	CU_ASSERT_STRING_EQUAL(cfg.errors.items[2], "review.conf:10: unknown style 'nosuch'");
	CU_ASSERT_STRING_EQUAL(cfg.errors.items[3], "review.conf:11: unknown colour 'crimson'");
	CU_ASSERT_STRING_EQUAL(cfg.errors.items[4],
	    "review.conf:13: unknown command 'frobnicate' (bind or color)");
	CU_ASSERT_STRING_EQUAL(cfg.errors.items[5], "review.conf:14: bind takes a key and an action");
	CU_ASSERT_STRING_EQUAL(cfg.errors.items[6],
	    "review.conf:15: unknown colour or attribute 'blinking'");
	CU_ASSERT_STRING_EQUAL(cfg.errors.items[7], "review.conf:16: not UTF-8 text");
	pa_review_config_dispose(&cfg);
}

static void
test_review_config_path_and_color(void)
{
	struct pa_buf b = PA_BUF_INIT;
	char *oldx = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;
	char *oldh = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	char *oldn = getenv("NO_COLOR") ? strdup(getenv("NO_COLOR")) : NULL;

	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	setenv("HOME", "/home/a", 1);
	CU_ASSERT(pa_review_config_path(&b));
	CU_ASSERT_STRING_EQUAL(b.ptr, "/x/cfg/pactaudit/review.conf");
	pa_buf_clear(&b);
	setenv("XDG_CONFIG_HOME", "relative", 1);	/* not absolute: ignored */
	CU_ASSERT(pa_review_config_path(&b));
	CU_ASSERT_STRING_EQUAL(b.ptr, "/home/a/.config/pactaudit/review.conf");
	pa_buf_clear(&b);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	CU_ASSERT(!pa_review_config_path(&b));

	unsetenv("NO_COLOR");
	CU_ASSERT(pa_review_config_want_color(true));
	CU_ASSERT(!pa_review_config_want_color(false));
	setenv("NO_COLOR", "", 1);	/* empty: as if unset */
	CU_ASSERT(pa_review_config_want_color(true));
	setenv("NO_COLOR", "1", 1);
	CU_ASSERT(!pa_review_config_want_color(true));

	if (oldx)
		setenv("XDG_CONFIG_HOME", oldx, 1);
	if (oldh)
		setenv("HOME", oldh, 1);
	if (oldn)
		setenv("NO_COLOR", oldn, 1);
	else
		unsetenv("NO_COLOR");
	free(oldx);
	free(oldh);
	free(oldn);
	pa_buf_dispose(&b);
}

/* --- the allocation view ------------------------------------------------------- */

static const char plan_policy_xml[] =
    "<call xmlns='urn:pactaudit:call:1' version='1' id='2026-12'>\n"
    " <machine id='LUMI' gpus-per-node='8'><partition id='standard-g' gpu-hours='5000'/></machine>\n"
    " <machine id='leonardo' gpus-per-node='4'><partition id='boost' gpu-hours='800'/></machine>\n"
    " <scoring><weight of='verdict' value='3'/><weight of='findings' value='2'/>"
    "<weight of='signatures' value='1'/></scoring>\n"
    "</call>\n";

#define PLAN_COMMIT "0123456789abcdef0123456789abcdef01234567"

/* A trusted decision of the ledger (strings borrowed; the log never frees them here). */
static void
plan_decision(struct pa_ledger_entry *e, const char *commit, const char *dossier,
    enum pa_decision_kind kind)
{
	memset(e, 0, sizeof(*e));
	snprintf(e->commit, sizeof(e->commit), "%s", commit);
	e->kind = PA_LEDGER_DECISION;
	e->trusted = true;
	e->decision.decision = kind;
	e->decision.dossier = (char *)dossier;
	e->decision.commit = (char *)PLAN_COMMIT;
	e->decision.gpu_hours = -1;
}

/* The row of a dossier in the allocation view, or NULL. */
static const struct pa_review_row *
plan_row(const struct pa_review_page *p, size_t dossier)
{
	const struct pa_review_row *r;
	size_t i;

	for (i = 0; i < p->nvisible; i++) {
		r = pa_review_page_visible(p, i);
		if (r->kind == PA_REVIEW_ROW_DOSSIER && r->ref == dossier)
			return r;
	}
	return NULL;
}

static void
test_review_plan_view(void)
{
	static const char *const ids[] = { "/c/arkisto", "/c/talentra", "/c/sentimetria",
		"/c/aurore" };
	static const size_t want_order[] = { 3, 0, 1, 2 };	/* aurore, arkisto, talentra, sentimetria */
	struct pa_review_call call;
	struct pa_review_page p;
	struct pa_review_ctx ctx = { 0 }, next;
	struct pa_call_policy *policy = NULL;
	struct pa_ledger_entry e[3];
	struct pa_ledger_log log = { .entries = e, .count = 3 };
	struct pa_date as_of;
	const struct pa_review_row *r;
	size_t i, k;

	make_call(&call);
	pa_review_page_init(&p);
	CU_ASSERT_FATAL(pa_date_from_iso(&as_of, "2027-01-10"));
	for (i = 0; i < 4; i++)
		CU_ASSERT_FATAL(pa_review_dossier_set_ledger_id(pa_review_call_at(&call, i),
		    ids[i]) == 0);

	/* no policy: no plan, and the view says what it needs */
	CU_ASSERT_FALSE(pa_review_call_has_plan(&call));
	CU_ASSERT_EQUAL(pa_review_call_plan(&call, NULL, &as_of), 0);
	CU_ASSERT_PTR_NULL(call.plan.plan);
	build(&pa_review_view_plan, &p, &call, NULL, NULL, 0, 0);
	CU_ASSERT(strstr(p.title, "--policy FILE") != NULL);
	CU_ASSERT_PTR_NULL(plan_row(&p, 0));

	/* arkisto approved, aurore rejected, sentimetria approved but blocked, talentra undecided */
	CU_ASSERT_FATAL(pa_call_policy_read(&policy, plan_policy_xml, strlen(plan_policy_xml),
	    "call.xml") == 0);
	pa_review_call_set_policy(&call, policy);
	CU_ASSERT(pa_review_call_has_plan(&call));
	plan_decision(&e[0], "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ids[0], PA_DECISION_APPROVE);
	plan_decision(&e[1], "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", ids[3], PA_DECISION_REJECT);
	plan_decision(&e[2], "cccccccccccccccccccccccccccccccccccccccc", ids[2], PA_DECISION_APPROVE);
	CU_ASSERT_FATAL(pa_review_call_plan(&call, &log, &as_of) == 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(call.plan.plan);
	CU_ASSERT_EQUAL(call.plan.unaudited, 1);
	build(&pa_review_view_plan, &p, &call, NULL, NULL, 0, 0);

	/* one row per audited dossier, in the plan's rank order, each with its rank */
	for (i = 0, k = 0; i < p.nvisible; i++) {
		char rank[16];

		r = pa_review_page_visible(&p, i);
		if (r->kind != PA_REVIEW_ROW_DOSSIER)
			continue;
		CU_ASSERT_FATAL(k < 4);
		CU_ASSERT_EQUAL(r->ref, want_order[k]);
		snprintf(rank, sizeof(rank), "%4zu ", k + 1);
		CU_ASSERT_EQUAL(strncmp(r->cells[0].text, rank, strlen(rank)), 0);
		k++;
	}
	CU_ASSERT_EQUAL(k, 4);
	CU_ASSERT(find_row(&p, "broken") < 0);
	CU_ASSERT(find_row(&p, "1 dossier not audited") >= 0);
	/* totals against capacity per machine/partition */
	CU_ASSERT(find_row(&p, "Call 2026-12: 1 of 4 applicants funded, 5000 of 5800 GPU-hours "
	    "granted") >= 0);
	CU_ASSERT(find_row(&p, "LUMI/standard-g: 5000 of 5000 GPU-hours (625 node-hours at 8 GPUs "
	    "per node), 0 left") >= 0);
	CU_ASSERT(find_row(&p, "leonardo/boost: 0 of 800 GPU-hours") >= 0);
	/* the grant: requested, wanted, granted and where */
	r = plan_row(&p, 0);
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT(strstr(r->cells[0].text, "Arkisto Oy") != NULL);
	CU_ASSERT(strstr(r->cells[0].text, "approve") != NULL);
	CU_ASSERT(strstr(r->cells[0].text, " 600 ") != NULL);
	CU_ASSERT(strstr(r->cells[0].text, "12000 12000  5000 LUMI/standard-g") != NULL);
	CU_ASSERT(strstr(r->cells[0].text, "granted      partial: the partition is full") != NULL);
	/* an excluded applicant shows the plan's reason, sanitised */
	r = plan_row(&p, 2);
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT(strstr(r->cells[0].text, "open-blocker") != NULL);
	CU_ASSERT(strstr(r->cells[0].text, "1 open blocker(s), first B-1 (Art. 1)") != NULL);
	CU_ASSERT(strchr(r->cells[0].text, '\033') == NULL);
	CU_ASSERT(strstr(r->cells[0].text, "ineligible") != NULL);
	r = plan_row(&p, 3);
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT(strstr(r->cells[0].text, "rejected by decision bbbbbbbbbbbb") != NULL);
	r = plan_row(&p, 1);
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT(strstr(r->cells[0].text, "no trusted decision in the ledger") != NULL);
	/* the cursor starts on rank 1, and Enter opens that dossier */
	ctx.call = &call;
	r = pa_review_page_visible(&p, pa_review_view_plan.initial(&p, &ctx));
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT_EQUAL(r->ref, 3);
	CU_ASSERT(pa_review_view_plan.open(&next, &ctx, r) == &pa_review_view_dossier);
	CU_ASSERT_EQUAL(next.dossier, 3);

	/* made again from a newer ledger: arkisto rejected now, nothing granted */
	e[0].decision.decision = PA_DECISION_REJECT;
	CU_ASSERT_FATAL(pa_review_call_plan(&call, &log, &as_of) == 0);
	build(&pa_review_view_plan, &p, &call, NULL, NULL, 0, 0);
	CU_ASSERT(find_row(&p, "Call 2026-12: 0 of 4 applicants funded, 0 of 5800") >= 0);
	r = plan_row(&p, 0);
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT(strstr(r->cells[0].text, "rejected by decision aaaaaaaaaaaa") != NULL);

	/*
	 * The plan reads the results as evaluated and the log's waivers, as
	 * `pactaudit allocate` does: the model's own waived statuses (put on
	 * it by the screen's records) neither count nor change.
	 */
	{
		struct pa_review_dossier *sd = pa_review_call_at(&call, 2);
		struct pa_results_finding *b1 = sd->res->findings.items[0];
		char rule[] = "B-1", reason[] = "accepted-risk", just[] = "j";
		struct pa_waiver w = { .rule = rule, .dossier = (char *)ids[2], .reason = reason,
			.justification = just, .until = "2027-12-31", .trusted = true };
		struct pa_ledger_entry e4[4];

		add_waiver(sd, true, NULL, "B-1", "2027-12-31", ids[2]);
		CU_ASSERT_EQUAL(pa_review_dossier_apply_ledger(sd), 1);
		CU_ASSERT_EQUAL(b1->status, PA_FINDING_WAIVED);
		CU_ASSERT_FATAL(pa_review_call_plan(&call, &log, &as_of) == 0);
		CU_ASSERT_EQUAL(b1->status, PA_FINDING_WAIVED);
		build(&pa_review_view_plan, &p, &call, NULL, NULL, 0, 0);
		CU_ASSERT(strstr(plan_row(&p, 2)->cells[0].text, "open-blocker") != NULL);
		/* with the waiver in the log the blocker is lifted: sentimetria asks for nothing */
		memcpy(e4, e, sizeof(e));
		memset(&e4[3], 0, sizeof(e4[3]));
		e4[3].kind = PA_LEDGER_WAIVER;
		e4[3].trusted = true;
		e4[3].waiver = &w;
		log.entries = e4;
		log.count = 4;
		CU_ASSERT_FATAL(pa_review_call_plan(&call, &log, &as_of) == 0);
		build(&pa_review_view_plan, &p, &call, NULL, NULL, 0, 0);
		CU_ASSERT(strstr(plan_row(&p, 2)->cells[0].text, "no-request") != NULL);
		pa_review_call_plan_clear(&call);	/* before e4 goes out of scope */
	}
	/* A shows it by default; the config file knows the action by its name */
	{
		static const char conf[] = "bind F5 allocation\n";
		struct pa_review_config cfg;

		CU_ASSERT_FATAL(pa_review_config_default(&cfg) == 0);
		CU_ASSERT_EQUAL(pa_review_keymap_lookup(&cfg.keys, 'A'), PA_REVIEW_ACTION_ALLOCATION);
		CU_ASSERT_FATAL(pa_review_config_parse(&cfg, "review.conf", conf,
		    sizeof(conf) - 1) == 0);
		CU_ASSERT_EQUAL(cfg.errors.count, 0);
		CU_ASSERT_EQUAL(pa_review_keymap_lookup(&cfg.keys, PA_KEY_F0 + 5),
		    PA_REVIEW_ACTION_ALLOCATION);
		pa_review_config_dispose(&cfg);
	}
	pa_review_page_dispose(&p);
	pa_review_call_dispose(&call);
	pa_call_policy_free(policy);
}

static CU_TestInfo tests[] = {
	{ "dossier facts", test_review_dossier_facts },
	{ "call view columns", test_review_call_view_columns },
	{ "ledger waivers", test_review_ledger_waivers },
	{ "ledger decisions", test_review_ledger_decisions },
	{ "tagged targets", test_review_tagged_targets },
	{ "sort by any column", test_review_sort_by_any_column },
	{ "filter and cursor", test_review_filter_and_cursor },
	{ "search and move", test_review_search_and_move },
	{ "fit and layout", test_review_fit_and_layout },
	{ "dossier view", test_review_dossier_view },
	{ "findings grouped", test_review_findings_grouped },
	{ "evidence view", test_review_evidence_view },
	{ "dossier strings sanitised", test_review_dossier_strings_sanitised },
	{ "wrap", test_review_wrap },
	{ "key names", test_review_key_names },
	{ "keymap defaults", test_review_keymap_defaults },
	{ "help from the key table", test_review_help_from_key_table },
	{ "man page key list", test_review_man_page_key_list },
	{ "config parse", test_review_config_parse },
	{ "config path and colour", test_review_config_path_and_color },
	{ "allocation view", test_review_plan_view },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "review", suite_init, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
