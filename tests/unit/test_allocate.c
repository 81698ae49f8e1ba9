/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests for allocate/: the call policy reader, and properties of the
 * plan over hundreds of generated calls (a seeded PRNG, so a failure is
 * reproducible): capacity never exceeded, ineligible or rejected
 * applicants never funded, caps and minimum grants honoured, the same
 * inputs give the same bytes, and the input order does not matter.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocate/allocate.h"
#include "lib/cutest.h"
#include "util/error.h"

static const char policy_xml[] =
    "<call xmlns='urn:pactaudit:call:1' version='1' id='2026-12'>\n"
    " <machine id='lumi' gpus-per-node='4'><partition id='standard-g' gpu-hours='2000'/></machine>\n"
    " <machine id='Leonardo' gpus-per-node='4' cluster='leo'>\n"
    "  <partition id='boost' gpu-hours='6000'/><partition id='lrd' gpu-hours='100'/></machine>\n"
    " <eligibility max-open-errors='3'/>\n"
    " <cap gpu-hours='4000'/>\n"
    " <minimum gpu-hours='500'/>\n"
    " <scoring><weight of='findings' value='7'/></scoring>\n"
    "</call>\n";

static struct pa_call_policy *
policy_from(const char *xml)
{
	struct pa_call_policy *p = NULL;

	if (pa_call_policy_read(&p, xml, strlen(xml), "call.xml") < 0)
		return NULL;
	return p;
}

static void
test_allocate_policy_reads(void)
{
	struct pa_call_policy *p = policy_from(policy_xml);

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_STRING_EQUAL(p->id, "2026-12");
	CU_ASSERT_EQUAL_FATAL(p->nmachines, 2);
	CU_ASSERT_STRING_EQUAL(p->machines[0].cluster, "lumi");
	CU_ASSERT_STRING_EQUAL(p->machines[1].cluster, "leo");
	CU_ASSERT_EQUAL(p->machines[1].npartitions, 2);
	CU_ASSERT_EQUAL(p->machines[1].partitions[1].gpu_hours, 100);
	CU_ASSERT_EQUAL(p->cap, 4000);
	CU_ASSERT_EQUAL(p->minimum, 500);
	CU_ASSERT_EQUAL(p->max_open_errors, 3);
	CU_ASSERT_EQUAL(p->weight[PA_ALLOC_SUB_VERDICT], 3);	/* default kept */
	CU_ASSERT_EQUAL(p->weight[PA_ALLOC_SUB_FINDINGS], 7);
	pa_call_policy_free(p);
}

/* Each bad policy is refused with a message naming the problem. */
static void
test_allocate_policy_bad_input(void)
{
	static const struct {
		const char *xml, *message;
	} bad[] = {
		{ "", "empty file" },
		{ "<call", "call.xml:" },
		{ "<!DOCTYPE call [<!ENTITY x 'y'>]><call xmlns='urn:pactaudit:call:1' version='1' "
		  "id='c'/>", "call.xml:" },
		{ "<call version='1' id='c'/>", "not a call policy" },
		{ "<call xmlns='urn:pactaudit:call:1' version='1' id='c'/>", "call.xml:1:" },
		{ "<call xmlns='urn:pactaudit:call:1' version='1' id='c'><machine id='m' "
		  "gpus-per-node='4'><partition id='p' gpu-hours='-5'/></machine></call>", "call.xml:1:" },
		{ "<call xmlns='urn:pactaudit:call:1' version='1' id='c'><machine id='m' "
		  "gpus-per-node='0'><partition id='p' gpu-hours='5'/></machine></call>",
		  "gpus-per-node must be at least 1" },
		{ "<call xmlns='urn:pactaudit:call:1' version='1' id='c'><machine id='m' "
		  "gpus-per-node='4'><partition id='p' gpu-hours='5'/></machine><machine id='M' "
		  "gpus-per-node='4'><partition id='p' gpu-hours='5'/></machine></call>",
		  "a second machine 'M'" },
		{ "<call xmlns='urn:pactaudit:call:1' version='1' id='c'><machine id='m' "
		  "gpus-per-node='4'><partition id='p' gpu-hours='5'/><partition id='p' "
		  "gpu-hours='6'/></machine></call>", "a second partition 'p'" },
		{ "<call xmlns='urn:pactaudit:call:1' version='1' id='c'><machine id='m' "
		  "gpus-per-node='4'><partition id='p' gpu-hours='9999999999999'/></machine></call>",
		  "is not a whole number" },
		{ "<call xmlns='urn:pactaudit:call:1' version='1' id='c'><machine id='m' "
		  "gpus-per-node='4'><partition id='p' gpu-hours='5'/></machine><cap gpu-hours='10'/>"
		  "<minimum gpu-hours='11'/></call>", "above the cap" },
		{ "<call xmlns='urn:pactaudit:call:1' version='1' id='c;rm -rf'><machine id='m' "
		  "gpus-per-node='4'><partition id='p' gpu-hours='5'/></machine></call>", "call.xml:1:" },
	};
	struct pa_call_policy *p;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = NULL;
		pa_error_clear();
		CU_ASSERT_EQUAL(pa_call_policy_read(&p, bad[i].xml, strlen(bad[i].xml), "call.xml"),
		    PA_EINVALID);
		CU_ASSERT_PTR_NULL(p);
		if (strstr(pa_error_last(), bad[i].message) == NULL) {
			fprintf(stderr, "\ncase %zu: '%s' lacks '%s'\n", i, pa_error_last(),
			    bad[i].message);
			CU_FAIL(bad[i].message);
		}
		pa_call_policy_free(p);
	}
}

static void
test_allocate_account_names(void)
{
	struct pa_alloc_applicant a = { .dossier = "/calls/x", .label = "Sentimetría Laboral S.L." };
	struct pa_alloc_applicant b = { .dossier = "/calls/y", .label = "Sentimetría Laboral S.L." };
	struct pa_alloc_applicant c = { .dossier = "/calls/z", .label = "$(reboot); `x` 'a\"\n" };
	struct pa_buf x = PA_BUF_INIT, y = PA_BUF_INIT, z = PA_BUF_INIT;
	size_t i;

	CU_ASSERT_EQUAL(pa_alloc_account_name(&x, &a), 0);
	CU_ASSERT_EQUAL(pa_alloc_account_name(&y, &b), 0);
	CU_ASSERT_EQUAL(pa_alloc_account_name(&z, &c), 0);
	CU_ASSERT_EQUAL(strncmp(x.ptr, "pa_sentimetr_a_laboral_s_l_", 27), 0);
	CU_ASSERT_STRING_NOT_EQUAL(x.ptr, y.ptr);	/* same name, other dossier */
	CU_ASSERT_EQUAL(strncmp(z.ptr, "pa_reboot_x_a_", 14), 0);
	for (i = 0; i < z.size; i++)
		CU_ASSERT_PTR_NOT_NULL(strchr("abcdefghijklmnopqrstuvwxyz0123456789_", z.ptr[i]));
	CU_ASSERT_TRUE(x.size <= 3 + 24 + 1 + 8);
	pa_buf_dispose(&x);
	pa_buf_dispose(&y);
	pa_buf_dispose(&z);
}

static void
test_allocate_node_hours(void)
{
	CU_ASSERT_EQUAL(pa_alloc_node_hours(1000, 4), 250);
	CU_ASSERT_EQUAL(pa_alloc_node_hours(1001, 4), 251);
	CU_ASSERT_EQUAL(pa_alloc_node_hours(0, 4), 0);
	CU_ASSERT_EQUAL(pa_alloc_node_hours(7, 1), 7);
}

/* --- generated calls ------------------------------------------------------- */

/* the as-of dates of these tests, as the command line hands them down */
static const struct pa_date jan1 = { 20819, "2027-01-01" }, feb1 = { 20850, "2027-02-01" };

static unsigned long long rng_state;

static unsigned long
rnd(unsigned long n)
{
	/* xorshift64*: the same sequence on every machine */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return n ? (unsigned long)((rng_state * 2685821657736338717ULL) >> 33) % n : 0;
}

#define MAX_APPS 40

struct gen {
	char policy_xml[4096];
	struct pa_call_policy *policy;
	size_t count;
	struct pa_results *res[MAX_APPS];
	struct pa_ledger_entry dec[MAX_APPS];
	struct pa_alloc_applicant apps[MAX_APPS];
	char dossier[MAX_APPS][32], label[MAX_APPS][32], commit[MAX_APPS][41];
	struct pa_waivers waivers;
};

static const char *const machines[] = { "lumi", "leonardo", "jupiter", "mn5" };

static void
gen_policy(struct gen *g)
{
	size_t nm = 1 + rnd(3), i, j, np;
	int n;

	n = snprintf(g->policy_xml, sizeof(g->policy_xml),
	    "<call xmlns='urn:pactaudit:call:1' version='1' id='gen'>");
	for (i = 0; i < nm; i++) {
		np = 1 + rnd(3);
		n += snprintf(g->policy_xml + n, sizeof(g->policy_xml) - (size_t)n,
		    "<machine id='%s' gpus-per-node='%lu'>", machines[i], 1 + rnd(8));
		for (j = 0; j < np; j++)
			n += snprintf(g->policy_xml + n, sizeof(g->policy_xml) - (size_t)n,
			    "<partition id='p%zu' gpu-hours='%lu'/>", j, rnd(20000));
		n += snprintf(g->policy_xml + n, sizeof(g->policy_xml) - (size_t)n, "</machine>");
	}
	if (rnd(2))
		n += snprintf(g->policy_xml + n, sizeof(g->policy_xml) - (size_t)n,
		    "<eligibility max-open-errors='%lu'/>", rnd(3));
	if (rnd(3)) {
		unsigned long cap = 500 + rnd(8000);

		n += snprintf(g->policy_xml + n, sizeof(g->policy_xml) - (size_t)n,
		    "<cap gpu-hours='%lu'/>", cap);
		if (rnd(2))
			n += snprintf(g->policy_xml + n, sizeof(g->policy_xml) - (size_t)n,
			    "<minimum gpu-hours='%lu'/>", rnd(cap));
	} else if (rnd(2)) {
		n += snprintf(g->policy_xml + n, sizeof(g->policy_xml) - (size_t)n,
		    "<minimum gpu-hours='%lu'/>", rnd(3000));
	}
	snprintf(g->policy_xml + n, sizeof(g->policy_xml) - (size_t)n,
	    "<scoring><weight of='verdict' value='%lu'/><weight of='signatures' value='%lu'/>"
	    "</scoring></call>", rnd(5), rnd(5));
	g->policy = policy_from(g->policy_xml);
}

static void
gen_applicant(struct gen *g, size_t i)
{
	static const enum pa_severity sev[] = {
		PA_SEVERITY_BLOCKER, PA_SEVERITY_ERROR, PA_SEVERITY_WARNING, PA_SEVERITY_INFO
	};
	struct pa_results *r = NULL;
	size_t k, nf = rnd(6);
	char rule[16], anchor[16];

	snprintf(g->dossier[i], sizeof(g->dossier[i]), "/calls/d%03zu", i);
	snprintf(g->label[i], sizeof(g->label[i]), "Applicant %zu", rnd(5));	/* names repeat */
	for (k = 0; k < 40; k++)
		g->commit[i][k] = "0123456789abcdef"[rnd(16)];
	g->commit[i][40] = '\0';
	CU_ASSERT_EQUAL_FATAL(pa_results_new(&r), 0);
	pa_results_set(&r->dossier_commit, g->commit[i]);
	for (k = 0; k < nf; k++) {
		struct pa_results_finding f = {
			.rule = rule, .message = "m", .anchor = anchor, .in_force = rnd(5) != 0,
			.waivable = rnd(2), .severity = sev[rnd(4)],
			.status = rnd(6) == 0 ? PA_FINDING_WAIVED : PA_FINDING_OPEN,
		};

		snprintf(rule, sizeof(rule), "R%lu", rnd(4));
		snprintf(anchor, sizeof(anchor), "a%zu", k);
		CU_ASSERT_EQUAL(pa_results_add_finding(r, &f), 0);
	}
	for (k = rnd(4); k > 0; k--) {
		struct pa_results_signature s = { .object = "o", .kind = "commit",
		    .status = rnd(3) ? "good" : "bad", .fingerprint = "F" };

		CU_ASSERT_EQUAL(pa_results_add_signature(r, &s), 0);
	}
	g->res[i] = r;
	g->apps[i].dossier = g->dossier[i];
	g->apps[i].label = g->label[i];
	g->apps[i].results = r;
	g->apps[i].machine = rnd(8) ? machines[rnd(4)] : NULL;
	g->apps[i].partition = rnd(6) == 0 ? "p1" : NULL;
	g->apps[i].requested = rnd(8) ? (long long)rnd(10000) : -1;
	if (rnd(6) == 0) {
		g->apps[i].decision = NULL;
	} else {
		struct pa_ledger_entry *e = &g->dec[i];

		memset(e, 0, sizeof(*e));
		for (k = 0; k < 40; k++)
			e->commit[k] = "0123456789abcdef"[rnd(16)];
		e->kind = PA_LEDGER_DECISION;
		e->trusted = true;
		e->decision.decision = rnd(4) == 0 ? PA_DECISION_REJECT :
		    rnd(5) == 0 ? PA_DECISION_CHANGES : PA_DECISION_APPROVE;
		e->decision.dossier = g->dossier[i];
		e->decision.commit = rnd(10) ? g->commit[i] : g->commit[(i + 1) % MAX_APPS];
		e->decision.gpu_hours = rnd(3) ? -1 : (long long)rnd(12000);
		g->apps[i].decision = e;
	}
}

static void
gen_free(struct gen *g)
{
	size_t i;

	for (i = 0; i < g->count; i++)
		pa_results_free(g->res[i]);
	pa_call_policy_free(g->policy);
}

static char *
dump(const struct pa_alloc_plan *plan)
{
	struct pa_buf b = PA_BUF_INIT;
	xmlDoc *doc = NULL;
	xmlChar *mem = NULL;
	int len = 0;

	CU_ASSERT_EQUAL(pa_alloc_plan_xml(&doc, plan), 0);
	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	pa_buf_put(&b, (const char *)mem, (size_t)len);
	CU_ASSERT_EQUAL(pa_alloc_plan_json(&b, plan), 0);
	CU_ASSERT_EQUAL(pa_alloc_plan_sacctmgr(&b, plan), 0);
	xmlFree(mem);
	xmlFreeDoc(doc);
	return pa_buf_detach(&b);
}

/* Whether the applicant has an open, counting blocker (no ledger waivers in these calls). */
static bool
has_blocker(const struct pa_results *r)
{
	size_t i;

	for (i = 0; i < r->findings.count; i++) {
		const struct pa_results_finding *f = r->findings.items[i];

		if (f->severity == PA_SEVERITY_BLOCKER && pa_results_finding_counts(f))
			return true;
	}
	return false;
}

static void
check_plan(const struct gen *g, const struct pa_alloc_plan *plan, unsigned seed)
{
	const struct pa_call_policy *p = g->policy;
	long long sum = 0, room_max;
	size_t i, j;

	CU_ASSERT_EQUAL_FATAL(plan->count, g->count);
	for (i = 0; i < plan->ntotals; i++) {
		CU_ASSERT_TRUE(plan->totals[i].granted <= plan->totals[i].capacity);
		CU_ASSERT_TRUE(plan->totals[i].granted >= 0);
		sum += plan->totals[i].granted;
	}
	CU_ASSERT_EQUAL(sum, plan->granted);
	CU_ASSERT_TRUE(plan->granted <= plan->capacity);
	sum = 0;
	for (i = 0; i < plan->count; i++) {
		const struct pa_alloc_line *l = &plan->lines[i];
		const struct pa_alloc_applicant *a = &g->apps[l->applicant];

		CU_ASSERT_EQUAL(l->rank, i + 1);
		if (i > 0)
			CU_ASSERT_TRUE(plan->lines[i - 1].score >= l->score);
		CU_ASSERT_PTR_NOT_NULL(l->why);
		if (l->outcome != PA_ALLOC_GRANTED) {
			CU_ASSERT_EQUAL(l->granted, 0);
			CU_ASSERT_PTR_NOT_NULL(l->trace_kind);
			if (l->outcome == PA_ALLOC_OPEN_BLOCKER)
				CU_ASSERT_EQUAL(strlen(l->trace), 64);
			if (l->outcome == PA_ALLOC_REJECTED || l->outcome == PA_ALLOC_STALE_DECISION)
				CU_ASSERT_STRING_EQUAL(l->trace, a->decision->commit);
			if (l->outcome == PA_ALLOC_NO_CAPACITY) {
				/* nothing of its machine could take even the minimum, at the end too */
				long long need = p->minimum > 0 ? p->minimum : 1;

				room_max = 0;
				for (j = 0; j < plan->ntotals; j++) {
					const struct pa_alloc_total *t = &plan->totals[j];

					if (strcasecmp(t->machine, a->machine) == 0 &&
					    (a->partition == NULL || strcmp(t->partition, a->partition) == 0) &&
					    t->capacity - t->granted > room_max)
						room_max = t->capacity - t->granted;
				}
				if (!(room_max < need && room_max < l->wanted))
					fprintf(stderr, "\nseed %u: no-capacity with %lld left\n", seed,
					    room_max);
				CU_ASSERT_TRUE(room_max < need && room_max < l->wanted);
			}
			continue;
		}
		sum += l->granted;
		/* never an ineligible, unapproved or rejected applicant */
		CU_ASSERT_FALSE(has_blocker(a->results));
		CU_ASSERT_PTR_NOT_NULL_FATAL(a->decision);
		CU_ASSERT_EQUAL(a->decision->decision.decision, PA_DECISION_APPROVE);
		CU_ASSERT_STRING_EQUAL(a->decision->decision.commit, a->results->dossier_commit);
		CU_ASSERT_NOT_EQUAL(pa_results_verdict(a->results), PA_VERDICT_INELIGIBLE);
		if (p->max_open_errors >= 0)
			CU_ASSERT_TRUE(pa_results_count_at_least(a->results, PA_SEVERITY_ERROR) -
			    pa_results_count_at_least(a->results, PA_SEVERITY_BLOCKER) <=
			    (size_t)p->max_open_errors);
		/* caps, minimum, request and decision honoured */
		CU_ASSERT_TRUE(l->granted > 0);
		if (p->cap > 0)
			CU_ASSERT_TRUE(l->granted <= p->cap);
		if (p->minimum > 0)
			CU_ASSERT_TRUE(l->granted >= p->minimum);
		if (a->requested >= 0)
			CU_ASSERT_TRUE(l->granted <= a->requested);
		if (a->decision->decision.gpu_hours >= 0)
			CU_ASSERT_TRUE(l->granted <= a->decision->decision.gpu_hours);
		CU_ASSERT_TRUE(l->granted <= l->wanted);
		CU_ASSERT_EQUAL(l->partial, l->granted < l->wanted);
		CU_ASSERT_PTR_NOT_NULL_FATAL(l->machine);
		CU_ASSERT_EQUAL(strcasecmp(l->machine, a->machine), 0);
		if (a->partition != NULL)
			CU_ASSERT_STRING_EQUAL(l->partition, a->partition);
	}
	CU_ASSERT_EQUAL(sum, plan->granted);
}

/* The plan of the same applicants given in reverse order. */
static struct pa_alloc_plan *
reversed(const struct gen *g)
{
	struct pa_alloc_applicant rev[MAX_APPS];
	struct pa_alloc_plan *plan = NULL;
	size_t i;

	for (i = 0; i < g->count; i++)
		rev[i] = g->apps[g->count - 1 - i];
	CU_ASSERT_EQUAL(pa_alloc_plan(&plan, g->policy, rev, g->count, NULL, &jan1), 0);
	return plan;
}

static void
test_allocate_generated_calls(void)
{
	unsigned seed;
	size_t i;

	for (seed = 1; seed <= 400; seed++) {
		struct gen *g = calloc(1, sizeof(*g));
		struct pa_alloc_plan *plan = NULL, *again = NULL, *rev;
		char *a, *b;

		CU_ASSERT_PTR_NOT_NULL_FATAL(g);
		rng_state = 0x9E3779B97F4A7C15ULL * seed;
		gen_policy(g);
		if (g->policy == NULL) {
			fprintf(stderr, "\nseed %u: %s\n%s\n", seed, pa_error_last(), g->policy_xml);
			CU_FAIL_FATAL("generated policy refused");
		}
		g->count = rnd(MAX_APPS + 1);
		for (i = 0; i < g->count; i++)
			gen_applicant(g, i);
		CU_ASSERT_EQUAL_FATAL(pa_alloc_plan(&plan, g->policy, g->apps, g->count, NULL,
		    &jan1), 0);
		check_plan(g, plan, seed);
		/* re-runs are byte-identical */
		CU_ASSERT_EQUAL_FATAL(pa_alloc_plan(&again, g->policy, g->apps, g->count, NULL,
		    &jan1), 0);
		a = dump(plan);
		b = dump(again);
		CU_ASSERT_PTR_NOT_NULL_FATAL(a);
		CU_ASSERT_STRING_EQUAL(a, b);
		free(b);
		/* the order of the results files does not change who gets what */
		rev = reversed(g);
		CU_ASSERT_PTR_NOT_NULL_FATAL(rev);
		for (i = 0; i < plan->count; i++) {
			const struct pa_alloc_line *x = &plan->lines[i], *y = &rev->lines[i];

			CU_ASSERT_STRING_EQUAL(g->apps[x->applicant].dossier,
			    g->apps[g->count - 1 - y->applicant].dossier);
			CU_ASSERT_EQUAL(x->granted, y->granted);
			CU_ASSERT_EQUAL(x->outcome, y->outcome);
		}
		free(a);
		pa_alloc_plan_free(rev);
		pa_alloc_plan_free(again);
		pa_alloc_plan_free(plan);
		gen_free(g);
		free(g);
	}
}

/* A waiver of the ledger lifts a waivable blocker; an expired one does not. */
static void
test_allocate_waiver_lifts_blocker(void)
{
	struct pa_call_policy *p = policy_from(policy_xml);
	struct pa_results *r = NULL;
	struct pa_ledger_entry e = { .kind = PA_LEDGER_DECISION, .trusted = true };
	struct pa_alloc_applicant a = { .dossier = "/calls/a", .label = "A", .machine = "LUMI",
	    .requested = 1000, .decision = &e };
	struct pa_results_finding f = { .rule = "R1", .message = "m", .anchor = "x",
	    .in_force = true, .waivable = true, .severity = PA_SEVERITY_BLOCKER };
	char rule[] = "R1", dossier[] = "/calls/a", reason[] = "accepted-risk", just[] = "j";
	struct pa_waiver w = { .finding = NULL, .rule = rule, .dossier = dossier,
	    .reason = reason, .justification = just, .until = "2027-01-31", .trusted = true };
	struct pa_waivers ws = PA_WAIVERS_INIT;
	struct pa_alloc_plan *plan = NULL;
	struct pa_buf sh = PA_BUF_INIT;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL_FATAL(pa_results_new(&r), 0);
	pa_results_set(&r->dossier_commit, "1111111111111111111111111111111111111111");
	CU_ASSERT_EQUAL_FATAL(pa_results_add_finding(r, &f), 0);
	memset(e.commit, 'c', 40);
	e.decision.decision = PA_DECISION_APPROVE;
	e.decision.commit = r->dossier_commit;
	e.decision.gpu_hours = -1;
	a.results = r;
	CU_ASSERT_EQUAL_FATAL(pa_waivers_push(&ws, pa_waiver_dup(&w)), 0);

	CU_ASSERT_EQUAL_FATAL(pa_alloc_plan(&plan, p, &a, 1, NULL, &jan1), 0);
	CU_ASSERT_EQUAL(plan->lines[0].outcome, PA_ALLOC_OPEN_BLOCKER);
	CU_ASSERT_STRING_EQUAL(plan->lines[0].trace,
	    ((struct pa_results_finding *)r->findings.items[0])->fingerprint);
	pa_alloc_plan_free(plan);

	CU_ASSERT_EQUAL_FATAL(pa_alloc_plan(&plan, p, &a, 1, &ws, &jan1), 0);
	CU_ASSERT_EQUAL(plan->lines[0].outcome, PA_ALLOC_GRANTED);
	CU_ASSERT_EQUAL(plan->lines[0].granted, 1000);
	CU_ASSERT_EQUAL(plan->lines[0].node_hours, 250);
	CU_ASSERT_STRING_EQUAL(plan->lines[0].machine, "lumi");
	CU_ASSERT_EQUAL(pa_alloc_plan_sacctmgr(&sh, plan), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(sh.ptr, " cluster=lumi set GrpTRESMins=gres/gpu=60000\n"));
	pa_alloc_plan_free(plan);

	CU_ASSERT_EQUAL_FATAL(pa_alloc_plan(&plan, p, &a, 1, &ws, &feb1), 0);
	CU_ASSERT_EQUAL(plan->lines[0].outcome, PA_ALLOC_OPEN_BLOCKER);	/* expired */
	pa_alloc_plan_free(plan);

	((struct pa_results_finding *)r->findings.items[0])->waivable = false;	/* Art. 5 */
	CU_ASSERT_EQUAL_FATAL(pa_alloc_plan(&plan, p, &a, 1, &ws, &jan1), 0);
	CU_ASSERT_EQUAL(plan->lines[0].outcome, PA_ALLOC_OPEN_BLOCKER);
	pa_alloc_plan_free(plan);

	pa_buf_dispose(&sh);
	pa_waivers_dispose(&ws);
	pa_results_free(r);
	pa_call_policy_free(p);
}

static CU_TestInfo allocate_tests[] = {
	{ "policy reads", test_allocate_policy_reads },
	{ "policy bad input", test_allocate_policy_bad_input },
	{ "account names", test_allocate_account_names },
	{ "node hours", test_allocate_node_hours },
	{ "generated calls", test_allocate_generated_calls },
	{ "waiver lifts blocker", test_allocate_waiver_lifts_blocker },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "allocate", NULL, NULL, NULL, NULL, allocate_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
