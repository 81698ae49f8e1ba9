/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `pactaudit check`: audit dossiers (several at once with -j), render the results, exit 0/1/2. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "cli/cmd.h"
#include "cli/dossier_opt.h"
#include "cli/output.h"
#include "evidence/evidence.h"
#include "ledger/amend.h"
#include "ledger/ledger.h"
#include "render/render.h"
#include "results/results.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/text.h"

enum {
	OPT_FORMAT = 1,
	OPT_OUTPUT,
	OPT_FAIL_ON,
	OPT_AS_OF,
	OPT_RULES,
	OPT_JOBS,
	OPT_WAIVERS,
	OPT_LEDGER,
	OPT_BASELINE,
	OPT_WRITE_BASELINE,
	OPT_QUIET,
	OPT_SEVERITY,
	OPT_COLOR
};

static const struct pa_opt check_opts[] = {
	PA_DOSSIER_OPTS(""),
	{ .name = "format", .arg = "F", .id = OPT_FORMAT,
	  .help = "text (default), json, sarif, junit, tap, xml, html, md, csv or codequality" },
	{ .name = "output", .key = 'o', .arg = "FILE", .id = OPT_OUTPUT,
	  .help = "write the report to FILE instead of standard output; FORMAT=FILE "
	  "writes one more report in FORMAT (repeatable)" },
	{ .name = "fail-on", .arg = "SEVERITY", .id = OPT_FAIL_ON,
	  .help = "exit 1 on an open finding this severe: blocker, error (default), "
	  "warning, info or none" },
	{ .name = "as-of", .arg = "DATE", .id = OPT_AS_OF,
	  .help = "apply the law as of DATE, YYYY-MM-DD (default today, UTC)" },
	{ .name = "rules", .arg = "DIR", .id = OPT_RULES,
	  .help = "read the rule packs from DIR (default <datadir>/rules)" },
	{ .name = "jobs", .key = 'j', .arg = "N", .id = OPT_JOBS,
	  .help = "audit N dossiers at once (default 1)" },
	{ .name = "waivers", .arg = "FILE", .id = OPT_WAIVERS,
	  .help = "apply the waivers of FILE (pactaudit-waivers(5)), reported as self-declared" },
	{ .name = "ledger", .arg = "DIR", .id = OPT_LEDGER,
	  .help = "apply the waivers of the auditor's ledger DIR whose signatures it trusts" },
	{ .name = "baseline", .arg = "FILE", .id = OPT_BASELINE,
	  .help = "findings in the baseline FILE are baselined and do not fail; list fixed ones" },
	{ .name = "write-baseline", .arg = "FILE", .id = OPT_WRITE_BASELINE,
	  .help = "record the current findings in the baseline FILE" },
	{ .name = "quiet", .key = 'q', .id = OPT_QUIET,
	  .help = "no report on standard output and no progress: the exit status "
	  "(files named with -o are still written)" },
	{ .name = "severity", .arg = "SEVERITY", .id = OPT_SEVERITY,
	  .help = "show only findings this severe or more in text: blocker, error, "
	  "warning or info (default); --fail-on still counts all" },
	{ .name = "color", .arg = "WHEN", .id = OPT_COLOR,
	  .help = "colour the text report: auto (default: on a terminal, unless "
	  "NO_COLOR), always or never" },
	{ 0 }
};

/* What to write and how, from the command line. */
struct check_out {
	struct pa_cli_output list[PA_CLI_MAX_OUTPUTS];
	size_t count;
	enum pa_cli_color color;
	enum pa_severity min_severity;
	bool quiet;
};

/* Render every audited dossier, in argument order, to each output. */
static int
render(const struct pa_audit_item *items, size_t count, const struct check_out *outs,
    enum pa_fail_on fail_on)
{
	struct pa_render_opts ropts = { .fail_on = fail_on,
	    .min_severity = outs->min_severity };
	struct pa_render_failure *fails = NULL;
	struct pa_results **res = NULL;
	size_t i, n = 0;
	int error = 0;

	if ((res = pa_calloc(count ? count : 1, sizeof(*res))) == NULL ||
	    (fails = pa_calloc(count ? count : 1, sizeof(*fails))) == NULL) {
		free(res);
		return PA_ENOMEM;
	}
	for (i = 0; i < count; i++) {
		if (items[i].results != NULL) {
			res[n++] = items[i].results;
		} else {
			fails[ropts.nfailures].before = n;
			fails[ropts.nfailures].path = items[i].location;
			fails[ropts.nfailures].message = items[i].error ? items[i].error :
			    "the dossier could not be audited";
			ropts.nfailures++;
		}
	}
	ropts.failures = fails;
	for (i = 0; error == 0 && i < outs->count; i++) {
		const struct pa_cli_output *o = &outs->list[i];
		bool to_stdout = o->file == NULL || strcmp(o->file, "-") == 0;

		if (to_stdout && outs->quiet)
			continue;
		ropts.color = to_stdout && pa_cli_want_color(outs->color);
		error = pa_cli_write_report(o, res, n, &ropts);
	}
	free(fails);
	free(res);
	return error;
}

/* One line on stderr, terminal-safe. */
static void
say(const char *msg)
{
	struct pa_buf line = PA_BUF_INIT;

	pa_text_sanitize(&line, msg, strlen(msg), PA_TEXT_ONELINE);
	fprintf(stderr, "pactaudit: %s\n", line.ptr ? line.ptr : "");
	pa_buf_dispose(&line);
}

static int
amend(struct pa_results *res, const struct pa_audit_item *item, void *arg)
{
	return pa_amend_results(arg, res, item->location, item->dossier.subdir);
}

/* Read the waivers and the baseline before anything is audited; < 0 with the message set. */
static int
load_amend(struct pa_amend *am, const char *waivers, const char *ledger,
    const char *baseline)
{
	int error;

	if (waivers != NULL && (error = pa_amend_add_waivers_file(am, waivers)) < 0)
		return error;
	if (ledger != NULL && (error = pa_amend_add_ledger(am, ledger, NULL)) < 0)
		return error;
	if (baseline != NULL && (error = pa_amend_load_baseline(am, baseline)) < 0)
		return error;
	if (am->untrusted > 0) {
		fputs("pactaudit: warning: ", stderr);
		pa_cmd_put_safe(stderr, ledger);
		fprintf(stderr, ": %zu waiver%s not trusted, not applied (see 'pactaudit ledger "
		    "log')\n", am->untrusted, am->untrusted == 1 ? "" : "s");
	}
	return 0;
}

static int
write_baseline(const struct pa_audit_item *items, const char *const *locations,
    size_t count, const char *path)
{
	struct pa_results **res;
	struct pa_buf out = PA_BUF_INIT;
	size_t i;
	int error;

	if ((res = pa_calloc(count, sizeof(*res))) == NULL)
		return pa_error_oom();
	for (i = 0; i < count; i++)
		res[i] = items[i].results;
	if ((error = pa_baseline_write(&out, res, locations, count)) == 0)
		error = pa_file_write_atomic(path, out.ptr, out.size, 0);
	pa_buf_dispose(&out);
	free(res);
	return error;
}

/* Progress and summaries on stderr are for a person at a terminal, not a log. */
static bool
for_a_person(void)
{
	const char *ci = getenv("CI"), *term = getenv("TERM");

	return isatty(STDERR_FILENO) && (ci == NULL || *ci == '\0') &&
	    term != NULL && *term != '\0' && strcmp(term, "dumb") != 0;
}

/* "checked 3/10 dossiers", rewritten in place on stderr. */
static void
show_progress(const struct pa_audit_item *item, size_t done, size_t total, void *arg)
{
	(void)item;
	(void)arg;
	fprintf(stderr, "\rpactaudit: checked %zu/%zu dossiers", done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* One line for the terminal when the report went to files only. */
static void
show_summary(const struct pa_audit_item *items, size_t count, const struct check_out *outs)
{
	size_t i, v[PA_VERDICT_INELIGIBLE + 1] = { 0 }, failed = 0;

	for (i = 0; i < count; i++) {
		if (items[i].results != NULL)
			v[pa_results_verdict(items[i].results)]++;
		else
			failed++;
	}
	fprintf(stderr, "pactaudit: %zu dossier%s: %zu eligible, %zu needs-changes, "
	    "%zu ineligible", count, count == 1 ? "" : "s", v[PA_VERDICT_ELIGIBLE],
	    v[PA_VERDICT_NEEDS_CHANGES], v[PA_VERDICT_INELIGIBLE]);
	if (failed > 0)
		fprintf(stderr, ", %zu not audited", failed);
	fputs("; report in ", stderr);
	for (i = 0; i < outs->count; i++) {
		if (i > 0)
			fputs(", ", stderr);
		pa_cmd_put_safe(stderr, outs->list[i].file);
	}
	fputc('\n', stderr);
}

/* -o: FORMAT=FILE adds a report; a plain FILE is where the --format one goes. */
static bool
add_output(const struct pa_cmd *cmd, struct check_out *outs, const char *arg)
{
	const char *format, *file;

	pa_cli_output_parse(arg, &format, &file);
	if (format == NULL) {
		outs->list[0].file = arg;
		return true;
	}
	if (outs->count >= PA_CLI_MAX_OUTPUTS) {
		pa_opt_usage_error(cmd, "at most %d reports in one run", PA_CLI_MAX_OUTPUTS - 1);
		return false;
	}
	outs->list[outs->count].format = format;
	outs->list[outs->count].file = file;
	outs->count++;
	return true;
}

static size_t
count_args(int optind, int argc)
{
	return optind < argc ? (size_t)(argc - optind) : 1;
}

static int
run_check(const struct pa_cmd *cmd, int argc, char **argv)
{
	static const char *const here[] = { ".", NULL };
	struct pa_audit_opts aopts = { 0 };
	struct pa_dossier_opts dopts = { 0 };
	struct pa_audit *audit = NULL;
	struct pa_audit_item *items = NULL;
	struct pa_opt_state st;
	enum pa_fail_on fail_on = PA_FAIL_ON_ERROR;
	struct check_out outs = { .count = 1, .list = { { .format = "text" } } };
	const char *as_of_arg = NULL;
	const char *ledger = NULL, *write_base = NULL;
	struct pa_amend am = { 0 };
	const char *const *dossiers;
	char **located = NULL;
	struct pa_date as_of;
	unsigned long jobs = 1;
	size_t i, count, failing = 0, failed = 0;
	int c, rc = PA_EXIT_OK;

	pa_error_clear();
	pa_opt_start(&st, cmd, argc, argv);
	while ((c = pa_opt_next(&st)) != PA_OPT_DONE) {
		switch (c) {
		case PA_OPT_HELP:
			return PA_EXIT_OK;
		case PA_OPT_ERROR:
			return PA_EXIT_FAILURE;
		case OPT_FORMAT:
			outs.list[0].format = st.arg;
			break;
		case OPT_OUTPUT:
			if (!add_output(cmd, &outs, st.arg))
				return PA_EXIT_FAILURE;
			break;
		case OPT_QUIET:
			outs.quiet = true;
			break;
		case OPT_SEVERITY:
			if (pa_results_severity_parse(&outs.min_severity, st.arg) < 0) {
				pa_error_clear();
				return pa_opt_usage_error(cmd, "--severity is blocker, error, "
				    "warning or info, not '%s'", st.arg);
			}
			break;
		case OPT_COLOR:
			if (!pa_cli_color_parse(&outs.color, st.arg))
				return pa_opt_usage_error(cmd, "--color is auto, always or "
				    "never, not '%s'", st.arg);
			break;
		case OPT_FAIL_ON:
			if (pa_results_fail_on_parse(&fail_on, st.arg) < 0) {
				pa_error_clear();
				return pa_opt_usage_error(cmd, "--fail-on is blocker, error, "
				    "warning, info or none, not '%s'", st.arg);
			}
			break;
		case OPT_AS_OF:
			as_of_arg = st.arg;
			break;
		case OPT_RULES:
			aopts.rules_dir = st.arg;
			break;
		case OPT_WAIVERS:
			aopts.waivers = st.arg;
			break;
		case OPT_LEDGER:
			ledger = st.arg;
			break;
		case OPT_BASELINE:
			aopts.baseline = st.arg;
			break;
		case OPT_WRITE_BASELINE:
			write_base = st.arg;
			break;
		case OPT_JOBS:
			if (!pa_opt_uint(cmd, "jobs", st.arg, 1, PA_AUDIT_MAX_JOBS, &jobs))
				return PA_EXIT_FAILURE;
			break;
		default:
			if (!pa_cli_dossier_opt(&dopts, &aopts.sig, c, st.arg))
				return pa_opt_usage_error(cmd, "unexpected option");
		}
	}
	if (!pa_render_known(outs.list[0].format))
		return pa_opt_usage_error(cmd, "unknown --format '%s' (text, json, sarif, "
		    "junit, tap, xml, html, md, csv or codequality)", outs.list[0].format);
	if (!pa_cli_dossier_opts_ok(cmd, &dopts))
		return PA_EXIT_FAILURE;
	if (!pa_opt_as_of(cmd, as_of_arg, &as_of))
		return PA_EXIT_FAILURE;
	aopts.as_of = as_of;
	aopts.jobs = (unsigned int)jobs;
	if (count_args(st.optind, argc) > 1 && !outs.quiet && for_a_person())
		aopts.progress = show_progress;
	dossiers = st.optind < argc ? (const char *const *)(argv + st.optind) : here;
	count = st.optind < argc ? (size_t)(argc - st.optind) : 1;

	if (load_amend(&am, aopts.waivers, ledger, aopts.baseline) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	aopts.amend = amend;
	aopts.amend_arg = &am;
	if ((items = pa_calloc(count, sizeof(*items))) == NULL ||
	    (located = pa_calloc(count, sizeof(*located))) == NULL ||
	    pa_audit_new(&audit, &aopts) < 0) {
		pa_error_oom();
		rc = pa_cmd_fail();
		goto done;
	}
	/* a subfolder means the dossier above it; a folder in no dossier is no audit */
	for (i = 0; i < count; i++) {
		if (pa_dossier_locate(&located[i], dossiers[i], &dopts) < 0) {
			say(pa_error_last());
			pa_error_clear();
			rc = PA_EXIT_FAILURE;
		}
		items[i].location = located[i];
		items[i].dossier = dopts;
	}
	if (rc != PA_EXIT_OK)
		goto done;
	if (pa_audit_call(audit, items, count) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	for (i = 0; i < count; i++) {
		size_t dirty;

		if (items[i].error != NULL) {
			say(items[i].error);
			failed++;
		} else if (pa_dossier_count_uncommitted(&dirty, items[i].location,
		    &items[i].dossier) == 0 && dirty > 0) {
			struct pa_buf msg = PA_BUF_INIT;

			if (pa_buf_printf(&msg, "%s: %zu uncommitted change%s not audited; "
			    "--worktree audits them", items[i].location, dirty,
			    dirty == 1 ? " is" : "s are") == 0)
				say(msg.ptr);
			pa_buf_dispose(&msg);
		}
		if (items[i].results != NULL)
			failing += pa_results_failing(items[i].results, fail_on);
	}
	if (write_base != NULL && failed < count &&
	    write_baseline(items, dossiers, count, write_base) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	if (failed < count && render(items, count, &outs, fail_on) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	/* the report went to files only: say in one line how the call went */
	if (failed < count && !outs.quiet && outs.list[0].file != NULL &&
	    strcmp(outs.list[0].file, "-") != 0 && for_a_person())
		show_summary(items, count, &outs);
	rc = failed > 0 ? PA_EXIT_FAILURE : failing > 0 ? PA_EXIT_FINDINGS : PA_EXIT_OK;
done:
	for (i = 0; items != NULL && i < count; i++)
		pa_audit_item_dispose(&items[i]);
	for (i = 0; located != NULL && i < count; i++)
		free(located[i]);
	free(located);
	free(items);
	pa_audit_free(audit);
	pa_amend_dispose(&am);
	return rc;
}

const struct pa_cmd pa_cmd_check = {
	.name = "check",
	.run = run_check,
	.summary = "audit dossiers against the AI Act and their AI Pact pledge",
	.synopsis = "[DOSSIER...] [--rev REV] [--worktree] [--path DIR] [--format F] "
	    "[-o [FORMAT=]FILE]... [-q] [--severity S] [--color WHEN] "
	    "[--fail-on SEVERITY] [--as-of DATE] [--rules DIR] "
	    "[--keyring FILE] [--registry FILE] [--waivers FILE] [--ledger DIR] "
	    "[--baseline FILE] [--write-baseline FILE] [--no-cache] [-j N]",
	.description = "Builds each dossier's evidence (default: the current folder, "
	    "at HEAD), classifies its systems and models, evaluates every rule in "
	    "force at the as-of date and reports the findings.  Exit status: 0 no "
	    "open finding at or above --fail-on, 1 at least one, 2 a dossier could "
	    "not be audited (the others are still reported).  Waived and baselined "
	    "findings are reported with their status and never fail.",
	.opts = check_opts,
};
