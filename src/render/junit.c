/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JUnit XML through the libxml2 tree API: one test suite per dossier, one test case per finding. */
#include "config.h"

#include "render/model.h"

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
outcome_of(const struct pa_rfinding *f, int fail_rank)
{
	if (!f->in_force || (f->status != NULL &&
	    (strcmp(f->status, "waived") == 0 || strcmp(f->status, "baselined") == 0)))
		return SKIP;
	return pa_render_fails(f, fail_rank) ? FAIL : PASS;
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
describe(struct pa_buf *b, const struct pa_rfinding *f)
{
	if (f->path != NULL && f->line > 0)
		pa_buf_printf(b, "%s:%ld: ", f->path, f->line);
	else if (f->path != NULL)
		pa_buf_printf(b, "%s: ", f->path);
	pa_buf_printf(b, "%s: [%s] %s", f->severity ? f->severity : "?",
	    f->rule ? f->rule : "?", f->message ? f->message : "");
	if (f->ref != NULL)
		pa_buf_printf(b, " (%s)", f->ref);
	pa_buf_putc(b, '\n');
	if (f->remedy != NULL)
		pa_buf_printf(b, "remedy: %s\n", f->remedy);
	if (f->fingerprint != NULL)
		pa_buf_printf(b, "fingerprint: %s\n", f->fingerprint);
}

static bool
add_case(xmlNode *suite, const struct pa_rdossier *d, const struct pa_rfinding *f,
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
	else if (f->status != NULL)
		pa_buf_puts(&why, f->status);
	ok = !pa_buf_oom(&name) && !pa_buf_oom(&text) && !pa_buf_oom(&why) &&
	    (tc = xmlNewChild(suite, NULL, BAD_CAST "testcase", NULL)) != NULL &&
	    set_prop(tc, "classname", d->path ? d->path : "dossier") &&
	    set_prop(tc, "name", name.ptr);
	if (ok && oc == FAIL)
		ok = (child = xmlNewTextChild(tc, NULL, BAD_CAST "failure",
		    BAD_CAST text.ptr)) != NULL &&
		    set_prop(child, "type", f->severity ? f->severity : "finding") &&
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

static bool
add_suite(xmlNode *top, const struct pa_rdossier *d, int fail_rank, size_t *tests,
    size_t *failures, size_t *skipped)
{
	xmlNode *suite, *props, *tc;
	size_t i, nfail = 0, nskip = 0;
	enum outcome oc;
	bool ok;

	ok = (suite = xmlNewChild(top, NULL, BAD_CAST "testsuite", NULL)) != NULL &&
	    set_prop(suite, "name", d->path ? d->path : "dossier") &&
	    (props = xmlNewChild(suite, NULL, BAD_CAST "properties", NULL)) != NULL &&
	    add_property(props, "commit", d->commit) &&
	    add_property(props, "rev", d->rev) &&
	    add_property(props, "mode", d->mode) &&
	    add_property(props, "trust", d->trust) &&
	    add_property(props, "as-of", d->as_of) &&
	    add_property(props, "rules-version", d->rules_version) &&
	    add_property(props, "verdict", d->verdict);
	for (i = 0; ok && i < d->nfindings; i++) {
		oc = outcome_of(d->sorted[i], fail_rank);
		nfail += oc == FAIL;
		nskip += oc == SKIP;
		ok = add_case(suite, d, d->sorted[i], oc);
	}
	if (ok && d->nfindings == 0)
		ok = (tc = xmlNewChild(suite, NULL, BAD_CAST "testcase", NULL)) != NULL &&
		    set_prop(tc, "classname", d->path ? d->path : "dossier") &&
		    set_prop(tc, "name", "no findings");
	ok = ok &&
	    set_count(suite, "tests", d->nfindings ? d->nfindings : 1) &&
	    set_count(suite, "failures", nfail) &&
	    set_count(suite, "errors", 0) &&
	    set_count(suite, "skipped", nskip);
	*tests += d->nfindings ? d->nfindings : 1;
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
	int error, fail_rank;
	bool ok;

	if ((error = pa_render_fail_rank(&fail_rank, opts->fail_on)) < 0)
		return error;
	ok = (doc = xmlNewDoc(BAD_CAST "1.0")) != NULL &&
	    (doc->encoding = xmlStrdup(BAD_CAST "UTF-8")) != NULL &&
	    (top = xmlNewDocNode(doc, NULL, BAD_CAST "testsuites", NULL)) != NULL;
	if (ok)
		xmlDocSetRootElement(doc, top);
	ok = ok && set_prop(top, "name", "pactaudit");
	for (i = 0; ok && i < in->count; i++)
		ok = add_suite(top, &in->dossiers[i], fail_rank, &tests, &failures, &skipped);
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
