/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for results/diff.c: matching by fingerprint, changes, tiers and keyed facts. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/cutest.h"
#include "results/diff.h"

static void
add(struct pa_results *r, const char *rule, const char *path, long line, const char *anchor,
    enum pa_severity sev)
{
	struct pa_results_finding f = { .rule = rule, .message = "m", .path = path, .line = line,
	    .anchor = anchor, .severity = sev, .in_force = true, .waivable = true };

	CU_ASSERT_EQUAL_FATAL(pa_results_add_finding(r, &f), 0);
}

static void
test_diff_findings(void)
{
	struct pa_results *o = NULL, *n = NULL;
	struct pa_diff *d = NULL;
	const struct pa_results_finding *f;

	CU_ASSERT_EQUAL_FATAL(pa_results_new(&o), 0);
	CU_ASSERT_EQUAL_FATAL(pa_results_new(&n), 0);
	add(o, "MOVED", "a.xml", 10, "x", PA_SEVERITY_ERROR);
	add(o, "FIXED", "b.md", 3, "h", PA_SEVERITY_WARNING);
	add(o, "TWICE", "c.md", 1, "k", PA_SEVERITY_INFO);
	add(o, "WORSE", "d.md", 1, "k", PA_SEVERITY_WARNING);
	add(n, "MOVED", "a.xml", 42, "x", PA_SEVERITY_ERROR);	/* only the line moved */
	add(n, "TWICE", "c.md", 1, "k", PA_SEVERITY_INFO);
	add(n, "TWICE", "c.md", 9, "k", PA_SEVERITY_INFO);	/* a second one with that fingerprint */
	add(n, "WORSE", "d.md", 1, "k", PA_SEVERITY_ERROR);
	add(n, "NEWW", "e.md", 1, "k", PA_SEVERITY_WARNING);
	pa_results_add_item(&o->systems, "s1", "limited", NULL);
	pa_results_add_item(&n->systems, "s1", "high", NULL);
	pa_results_add_item(&n->models, "m1", NULL, "gpai");

	CU_ASSERT_EQUAL_FATAL(pa_diff_results(&d, o, n, NULL, 0, NULL, 0, false,
	    NULL, 0, NULL, 0, false), 0);
	CU_ASSERT_EQUAL(d->unchanged.count, 3);	/* MOVED, TWICE once, WORSE */
	CU_ASSERT_EQUAL(d->changed, 1);		/* WORSE */
	CU_ASSERT_EQUAL_FATAL(d->added.count, 2);	/* TWICE again, NEWW */
	CU_ASSERT_EQUAL_FATAL(d->fixed.count, 1);
	f = d->fixed.items[0];
	CU_ASSERT_STRING_EQUAL(f->rule, "FIXED");
	/* a warning is new, and WORSE now fails at error: */
	CU_ASSERT_EQUAL(pa_diff_failing(d, PA_FAIL_ON_ERROR), 1);
	CU_ASSERT_EQUAL(pa_diff_failing(d, PA_FAIL_ON_WARNING), 1);	/* WORSE failed before */
	CU_ASSERT_EQUAL(pa_diff_failing(d, PA_FAIL_ON_INFO), 2);
	CU_ASSERT_EQUAL(pa_diff_failing(d, PA_FAIL_ON_NONE), 0);
	CU_ASSERT_EQUAL_FATAL(d->tiers.count, 2);
	CU_ASSERT_STRING_EQUAL(((struct pa_diff_item *)d->tiers.items[0])->key, "system s1");
	CU_ASSERT_STRING_EQUAL(((struct pa_diff_item *)d->tiers.items[0])->old_value, "limited");
	CU_ASSERT_STRING_EQUAL(((struct pa_diff_item *)d->tiers.items[0])->new_value, "high");
	CU_ASSERT_STRING_EQUAL(((struct pa_diff_item *)d->tiers.items[1])->key, "model m1");
	CU_ASSERT_PTR_NULL(((struct pa_diff_item *)d->tiers.items[1])->old_value);
	CU_ASSERT_FALSE(d->signers_compared);
	pa_diff_free(d);
	pa_results_free(o);
	pa_results_free(n);
}

static void
test_diff_facts(void)
{
	static const struct pa_diff_fact os[] = {
		{ "AAAA", "Ann", "commit pact tag signers" },
		{ "BBBB", "Bob", "commit" },
		{ "CCCC", "Cy", "tag" },
	};
	static const struct pa_diff_fact ns[] = {
		{ "CCCC", "Cy", "tag" },
		{ "AAAA", "Ann", "commit pact" },
		{ "DDDD", "Dee", "commit" },
	};
	struct pa_results *r = NULL;
	struct pa_diff *d = NULL;
	const struct pa_diff_item *it;

	CU_ASSERT_EQUAL_FATAL(pa_results_new(&r), 0);
	CU_ASSERT_EQUAL_FATAL(pa_diff_results(&d, r, r, os, 3, ns, 3, true, os, 3, os, 3, true), 0);
	CU_ASSERT_EQUAL(d->added.count + d->fixed.count + d->unchanged.count, 0);
	CU_ASSERT_EQUAL(d->commitments.count, 0);	/* the same on both sides */
	CU_ASSERT_EQUAL_FATAL(d->signers.count, 3);
	it = d->signers.items[0];
	CU_ASSERT_STRING_EQUAL(it->key, "AAAA");
	CU_ASSERT_STRING_EQUAL(it->old_value, "commit pact tag signers");
	CU_ASSERT_STRING_EQUAL(it->new_value, "commit pact");
	it = d->signers.items[1];
	CU_ASSERT_STRING_EQUAL(it->key, "BBBB");
	CU_ASSERT_PTR_NULL(it->new_value);
	it = d->signers.items[2];
	CU_ASSERT_STRING_EQUAL(it->key, "DDDD");
	CU_ASSERT_PTR_NULL(it->old_value);
	CU_ASSERT_STRING_EQUAL(it->label, "Dee");
	pa_diff_free(d);
	pa_results_free(r);
}

static CU_TestInfo diff_tests[] = {
	{ "findings", test_diff_findings },
	{ "facts", test_diff_facts },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "diff", NULL, NULL, NULL, NULL, diff_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
