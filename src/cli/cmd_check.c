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
	OPT_WRITE_BASELINE
};

static const struct pa_opt check_opts[] = {
	PA_DOSSIER_OPTS(""),
	{ .name = "format", .arg = "F", .id = OPT_FORMAT,
	  .help = "text (default), json, sarif, junit, tap, xml, html, md or csv" },
	{ .name = "output", .key = 'o', .arg = "FILE", .id = OPT_OUTPUT,
	  .help = "write the report to FILE instead of standard output" },
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
	{ 0 }
};

/* Render every audited dossier, in argument order, to stdout or FILE. */
static int
render(const struct pa_audit_item *items, size_t count, const char *format,
    const char *output, enum pa_fail_on fail_on)
{
	struct pa_render_opts ropts = { .fail_on = fail_on };
	struct pa_results **res = NULL;
	char *mem = NULL;
	size_t memlen = 0, i, n = 0;
	FILE *fp = NULL;
	int error = 0;

	if ((res = pa_calloc(count ? count : 1, sizeof(*res))) == NULL)
		return PA_ENOMEM;
	for (i = 0; i < count; i++)
		if (items[i].results != NULL)
			res[n++] = items[i].results;
	ropts.color = output == NULL && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL;
	if (output == NULL || strcmp(output, "-") == 0) {
		error = pa_render(stdout, format, res, n, &ropts);
		if (error == 0 && fflush(stdout) != 0)
			error = pa_error_from_os("cannot write", "standard output");
		goto done;
	}
	/* to a file: render in memory, then replace the file atomically */
	if ((fp = open_memstream(&mem, &memlen)) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	error = pa_render(fp, format, res, n, &ropts);
	if (fclose(fp) != 0 && error == 0)
		error = pa_error_oom();
	fp = NULL;
	if (error == 0)
		error = pa_file_write_atomic(output, mem ? mem : "", memlen, 0);
done:
	free(mem);
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
	const char *format = "text", *output = NULL, *as_of_arg = NULL;
	const char *ledger = NULL, *write_base = NULL;
	struct pa_amend am = { 0 };
	const char *const *dossiers;
	char **located = NULL;
	char as_of[11];
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
			format = st.arg;
			break;
		case OPT_OUTPUT:
			output = st.arg;
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
	if (!pa_render_known(format))
		return pa_opt_usage_error(cmd, "unknown --format '%s' (text, json, sarif, "
		    "junit, tap, xml, html, md or csv)", format);
	if (!pa_cli_dossier_opts_ok(cmd, &dopts))
		return PA_EXIT_FAILURE;
	if (pa_evidence_as_of(as_of, as_of_arg) < 0)
		return pa_opt_usage_error(cmd, "--as-of: %s", pa_error_last());
	aopts.as_of = as_of;
	aopts.jobs = (unsigned int)jobs;
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
	if (failed < count && render(items, count, format, output, fail_on) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
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
	    "[-o FILE] [--fail-on SEVERITY] [--as-of DATE] [--rules DIR] "
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
