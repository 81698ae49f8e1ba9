/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JUnit XML through the libxml2 tree API: one test suite per dossier, one test case per finding. */
#include "config.h"

#include "render/writer.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"

/*
 * A test case fails when its finding is unresolved (open or needs-review),
 * in force and at or above --fail-on; it is skipped when waived, baselined
 * or not yet in force; otherwise (below --fail-on) it passes and the
 * finding is in <system-out>.  A dossier without findings has one passing
 * test case, "no findings".
 */
enum outcome { PASS, FAIL, SKIP };

static enum outcome
outcome_of(const struct pa_results_finding *f, enum pa_fail_on fail_on)
{
	if (!f->in_force || f->status == PA_FINDING_WAIVED || f->status == PA_FINDING_BASELINED)
		return SKIP;
	return pa_results_finding_fails(f, fail_on) ? FAIL : PASS;
}

static bool
set_prop(xmlNode *n, const char *name, const char *value)
{
	return xmlNewProp(n, BAD_CAST name, BAD_CAST value) != NULL;
}

static bool
set_count(xmlNode *n, const char *name, size_t v)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", v);
	return set_prop(n, name, num);
}

/* "path:line: severity: [RULE] message (ref)" then remedy and fingerprint lines. */
static void
describe(struct pa_buf *b, const struct pa_results_finding *f)
{
	if (f->path != NULL && f->line > 0)
		pa_buf_printf(b, "%s:%ld: ", f->path, f->line);
	else if (f->path != NULL)
		pa_buf_printf(b, "%s: ", f->path);
	pa_buf_printf(b, "%s: [%s] %s", pa_results_severity_name(f->severity),
	    f->rule ? f->rule : "?", f->message ? f->message : "");
	if (f->ref != NULL)
		pa_buf_printf(b, " (%s)", f->ref);
	pa_buf_putc(b, '\n');
	if (f->remedy != NULL)
		pa_buf_printf(b, "remedy: %s\n", f->remedy);
	if (f->waiver != NULL) {
		const struct pa_results_waiver *w = f->waiver;

		pa_buf_printf(b, "waiver: %s, %s, %s", pa_results_waiver_state_name(w->state),
		    w->source ? w->source : "?", w->reason ? w->reason : "?");
		if (w->until != NULL)
			pa_buf_printf(b, " until %s", w->until);
		if (w->approver_name != NULL || w->approver != NULL)
			pa_buf_printf(b, " by %s", w->approver_name ? w->approver_name : w->approver);
		if (w->id != NULL)
			pa_buf_printf(b, " (%s)", w->id);
		if (w->justification != NULL)
			pa_buf_printf(b, ": %s", w->justification);
		if (w->problem != NULL)
			pa_buf_printf(b, " [%s]", w->problem);
		pa_buf_putc(b, '\n');
	}
	if (f->fingerprint[0] != '\0')
		pa_buf_printf(b, "fingerprint: %s\n", f->fingerprint);
}

static bool
add_case(xmlNode *suite, const struct pa_results *d, const struct pa_results_finding *f,
    enum outcome oc)
{
	struct pa_buf name = PA_BUF_INIT, text = PA_BUF_INIT, why = PA_BUF_INIT;
	xmlNode *tc, *child = NULL;
	bool ok;

	pa_buf_puts(&name, f->rule ? f->rule : "?");
	if (f->path != NULL)
		pa_buf_printf(&name, " %s", f->path);
	if (f->path != NULL && f->line > 0)
		pa_buf_printf(&name, ":%ld", f->line);
	describe(&text, f);
	if (!f->in_force)
		pa_buf_printf(&why, "applies from %s",
		    f->applies_from ? f->applies_from : "a later date");
	else if (f->status == PA_FINDING_WAIVED && f->waiver != NULL)
		pa_buf_printf(&why, "waived (%s%s%s, %s)", f->waiver->reason ? f->waiver->reason : "",
		    f->waiver->until ? " until " : "", f->waiver->until ? f->waiver->until : "",
		    f->waiver->source ? f->waiver->source : "");
	else
		pa_buf_puts(&why, pa_results_status_name(f->status));
	ok = !pa_buf_oom(&name) && !pa_buf_oom(&text) && !pa_buf_oom(&why) &&
	    (tc = xmlNewChild(suite, NULL, BAD_CAST "testcase", NULL)) != NULL &&
	    set_prop(tc, "classname", d->dossier_path ? d->dossier_path : "dossier") &&
	    set_prop(tc, "name", name.ptr);
	if (ok && oc == FAIL)
		ok = (child = xmlNewTextChild(tc, NULL, BAD_CAST "failure",
		    BAD_CAST text.ptr)) != NULL &&
		    set_prop(child, "type", pa_results_severity_name(f->severity)) &&
		    set_prop(child, "message", f->message ? f->message : "");
	else if (ok && oc == SKIP)
		ok = (child = xmlNewChild(tc, NULL, BAD_CAST "skipped", NULL)) != NULL &&
		    set_prop(child, "message", why.ptr) &&
		    xmlNewTextChild(tc, NULL, BAD_CAST "system-out", BAD_CAST text.ptr) != NULL;
	else if (ok)
		ok = xmlNewTextChild(tc, NULL, BAD_CAST "system-out", BAD_CAST text.ptr) != NULL;
	pa_buf_dispose(&name);
	pa_buf_dispose(&text);
	pa_buf_dispose(&why);
	return ok;
}

static bool
add_property(xmlNode *props, const char *name, const char *value)
{
	xmlNode *p;

	return value == NULL ||
	    ((p = xmlNewChild(props, NULL, BAD_CAST "property", NULL)) != NULL &&
	    set_prop(p, "name", name) && set_prop(p, "value", value));
}

/* One property "purpose:<system id>" per system that states a purpose. */
static bool
add_purposes(xmlNode *props, const struct pa_results *d)
{
	struct pa_buf name = PA_BUF_INIT;
	size_t i;
	bool ok = true;

	for (i = 0; ok && i < d->systems.count; i++) {
		const struct pa_results_item *it = d->systems.items[i];

		if (it->purpose == NULL)
			continue;
		pa_buf_clear(&name);
		pa_buf_printf(&name, "purpose:%s", it->id);
		ok = !pa_buf_oom(&name) && add_property(props, name.ptr, it->purpose);
	}
	pa_buf_dispose(&name);
	return ok;
}

static bool
add_suite(xmlNode *top, const struct pa_results *d, enum pa_fail_on fail_on, size_t *tests,
    size_t *failures, size_t *skipped)
{
	const struct pa_results_finding **sorted = NULL;
	xmlNode *suite, *props, *tc;
	size_t i, n = d->findings.count, nfail = 0, nskip = 0;
	enum outcome oc;
	bool ok;

	ok = pa_results_report_order(&sorted, d) == 0 &&
	    (suite = xmlNewChild(top, NULL, BAD_CAST "testsuite", NULL)) != NULL &&
	    set_prop(suite, "name", d->dossier_path ? d->dossier_path : "dossier") &&
	    (props = xmlNewChild(suite, NULL, BAD_CAST "properties", NULL)) != NULL &&
	    add_property(props, "commit", d->dossier_commit) &&
	    add_property(props, "rev", d->dossier_rev) &&
	    add_property(props, "mode", d->dossier_mode) &&
	    add_property(props, "trust", d->trust) &&
	    add_property(props, "as-of", d->as_of) &&
	    add_property(props, "rules-version", d->rules_version) &&
	    add_property(props, "applicant", d->applicant.name) &&
	    add_property(props, "country", d->applicant.country) &&
	    add_property(props, "registry-id", d->applicant.registry_id) &&
	    add_property(props, "call", d->applicant.call) &&
	    add_property(props, "machine", d->applicant.machine) &&
	    add_property(props, "partition", d->applicant.partition) &&
	    add_property(props, "gpu-hours", d->applicant.gpu_hours) &&
	    add_purposes(props, d) &&
	    add_property(props, "verdict", pa_results_verdict_name(pa_results_verdict(d)));
	for (i = 0; ok && i < n; i++) {
		oc = outcome_of(sorted[i], fail_on);
		nfail += oc == FAIL;
		nskip += oc == SKIP;
		ok = add_case(suite, d, sorted[i], oc);
	}
	free(sorted);
	if (ok && n == 0)
		ok = (tc = xmlNewChild(suite, NULL, BAD_CAST "testcase", NULL)) != NULL &&
		    set_prop(tc, "classname", d->dossier_path ? d->dossier_path : "dossier") &&
		    set_prop(tc, "name", "no findings");
	ok = ok &&
	    set_count(suite, "tests", n ? n : 1) &&
	    set_count(suite, "failures", nfail) &&
	    set_count(suite, "errors", 0) &&
	    set_count(suite, "skipped", nskip);
	*tests += n ? n : 1;
	*failures += nfail;
	*skipped += nskip;
	return ok;
}

int
pa_render_junit(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	xmlDoc *doc = NULL;
	xmlNode *top;
	size_t i, tests = 0, failures = 0, skipped = 0;
	int error = 0;
	bool ok;

	ok = (doc = xmlNewDoc(BAD_CAST "1.0")) != NULL &&
	    (doc->encoding = xmlStrdup(BAD_CAST "UTF-8")) != NULL &&
	    (top = xmlNewDocNode(doc, NULL, BAD_CAST "testsuites", NULL)) != NULL;
	if (ok)
		xmlDocSetRootElement(doc, top);
	ok = ok && set_prop(top, "name", "pactaudit");
	for (i = 0; ok && i < in->count; i++)
		ok = add_suite(top, in->results[i], opts->fail_on, &tests, &failures, &skipped);
	ok = ok &&
	    set_count(top, "tests", tests) &&
	    set_count(top, "failures", failures) &&
	    set_count(top, "errors", 0) &&
	    set_count(top, "skipped", skipped);
	if (!ok)
		error = pa_error_oom();
	else if (xmlDocFormatDump(out, doc, 1) < 0)
		error = pa_error_set(PA_ERRCLASS_OS, "cannot write the JUnit report");
	xmlFreeDoc(doc);
	return error;
}
