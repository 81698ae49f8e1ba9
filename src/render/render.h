/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Renderers: the results model (results/results.h) to output formats. */
#ifndef PA_RENDER_RENDER_H
#define PA_RENDER_RENDER_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "results/diff.h"
#include "results/results.h"

/* A dossier that could not be audited, reported by the formats that can say so. */
struct pa_render_failure {
	size_t before;		/* how many of the audited results come before it */
	const char *path;	/* the dossier as named */
	const char *message;	/* why (made safe by the writer) */
};

/*
 * color: SGR colours in text output.  fail_on decides which findings
 * fail a JUnit test case or TAP test point, with pa_results_finding_fails()
 * (zero: error, as without --fail-on).  min_severity: the text format
 * lists only findings at least this severe (its counts stay whole).
 * failures: the dossiers of the same
 * call that could not be audited (JSON and SARIF list them).
 */
struct pa_render_opts {
	bool color;
	enum pa_fail_on fail_on;
	enum pa_severity min_severity;	/* text: findings less severe are not listed */
	const struct pa_render_failure *failures;	/* in argument order */
	size_t nfailures;
	/*
	 * The call's allocation plan, for the renderers with `plan` set (the
	 * board report, Markdown, csv-applicants): allocation is the plan's
	 * root element (urn:pactaudit:allocation:1, read with
	 * pa_alloc_plan_read()), allocated[i] the plan's <applicant> line for
	 * results[i], or NULL when the plan has none.  pa_render() puts
	 * sanitised copies into the results document those renderers read:
	 * the plan as the last child of its top element, each line as the
	 * last child of its <results>.  NULL: no plan given.
	 */
	const xmlNode *allocation;
	const xmlNode *const *allocated;
	const char *auditor;	/* the board report: who prepared it, or NULL */
};

/* The sanitised input a writer receives from pa_render() (render/writer.h). */
struct pa_render_input;

/* One output format; the table below drives pa_render() and --help. */
struct pa_renderer {
	const char *name;	/* the --format value */
	const char *summary;	/* one line for --help and the man page */
	bool doc;		/* the writer reads the results document (XML, XSLT) */
	bool lazy;		/* the writer takes its copies one dossier at a time
				 * (pa_render_input_copy), so a call is never copied whole */
	bool plan;		/* the writer shows the allocation plan (opts->allocation) */
	/* Called by pa_render() only; 0, or < 0 with the message set. */
	int (*write)(FILE *out, const struct pa_render_input *in,
	    const struct pa_render_opts *opts);
};

/* Every format, terminated by { 0 }. */
extern const struct pa_renderer pa_renderers[];

/*
 * Write count results in `format` to out.  Renderers take the one results
 * model and never a dossier; they do not change it: every string is
 * sanitised (pa_text_sanitize(): attributes on one line, element text
 * keeps \n and \t) on a copy before any writer sees it, so whatever the
 * model holds (a fresh audit, the cache, a file read back) comes out
 * safe.  PA_ENOTFOUND for an unknown format (message set), nothing
 * written.  opts may be NULL (no colour, fail on error).
 */
int pa_render(FILE *out, const char *format, struct pa_results *const *results,
    size_t count, const struct pa_render_opts *opts);
bool pa_render_known(const char *format);
/* Whether the format shows an allocation plan (opts->allocation). */
bool pa_render_shows_plan(const char *format);

/*
 * Transform another of the project's documents (the allocation plan) with
 * the stylesheet <datadir>/reports/<sheet_file>, under the same rules as
 * the reports: the project's stylesheets only, no file or network access;
 * css passes reports/report.css as the parameter $css.  The caller has
 * sanitised every string in doc.
 */
int pa_render_xslt_doc(FILE *out, xmlDoc *doc, const char *sheet_file, bool css);

/*
 * A diff of two results (`pactaudit diff`): its document (namespace
 * urn:pactaudit:diff:1; for Markdown and HTML through pa_render_xslt_doc
 * with diff-md.xsl and diff-html.xsl), JSON and text.  fail_on decides
 * the "failing" count (pa_diff_failing()).
 */
int pa_render_diff_xml(xmlDoc **out, const struct pa_diff *d, enum pa_fail_on fail_on);
int pa_render_diff_json(FILE *out, const struct pa_diff *d, enum pa_fail_on fail_on);
int pa_render_diff_text(FILE *out, const struct pa_diff *d, enum pa_fail_on fail_on);

#endif
