/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `pactaudit allocate`: a call policy over results files and the ledger's
 * decisions and waivers gives the allocation plan (src/allocate/), written
 * as text, XML, JSON, HTML, CSV or a sacctmgr script.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocate/allocate.h"
#include "cli/cmd.h"
#include "ledger/ledger.h"
#include "render/render.h"
#include "results/results.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/vec.h"

enum {
	OPT_LEDGER = 1,
	OPT_POLICY,
	OPT_FORMAT,
	OPT_OUTPUT,
	OPT_KEYRING,
	OPT_AS_OF
};

static const struct pa_opt allocate_opts[] = {
	{ .name = "ledger", .arg = "DIR", .id = OPT_LEDGER,
	  .help = "the decision ledger (required)" },
	{ .name = "policy", .arg = "CALL.xml", .id = OPT_POLICY,
	  .help = "the call policy, pactaudit-call(5) (required)" },
	{ .name = "format", .arg = "FORMAT", .id = OPT_FORMAT,
	  .help = "text (default), xml, json, html, csv or sacctmgr" },
	{ .name = "output", .key = 'o', .arg = "FILE", .id = OPT_OUTPUT,
	  .help = "write to FILE (replaced atomically) instead of standard output" },
	{ .name = "keyring", .arg = "FILE", .id = OPT_KEYRING,
	  .help = "the auditors' public keys, besides the ledger's keys.asc" },
	{ .name = "as-of", .arg = "DATE", .id = OPT_AS_OF,
	  .help = "judge waiver expiry as of DATE (default today, UTC)" },
	{ 0 }
};

static const char *const formats[] = { "text", "xml", "json", "html", "csv", "sacctmgr", NULL };

static int
render(const struct pa_alloc_plan *plan, const char *format, const char *output)
{
	struct pa_buf b = PA_BUF_INIT;
	xmlDoc *doc = NULL;
	xmlChar *mem = NULL;
	char *text = NULL;
	size_t size = 0;
	FILE *fp;
	int len = 0, error;

	if (strcmp(format, "text") == 0)
		error = pa_alloc_plan_text(&b, plan);
	else if (strcmp(format, "json") == 0)
		error = pa_alloc_plan_json(&b, plan);
	else if (strcmp(format, "sacctmgr") == 0)
		error = pa_alloc_plan_sacctmgr(&b, plan);
	else if ((error = pa_alloc_plan_xml(&doc, plan)) == 0 && strcmp(format, "xml") == 0) {
		xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
		if (mem == NULL || pa_buf_put(&b, (const char *)mem, (size_t)len) < 0)
			error = pa_error_oom();
	} else if (error == 0) {
		if ((fp = open_memstream(&text, &size)) == NULL) {
			error = pa_error_oom();
		} else {
			error = pa_render_xslt_doc(fp, doc, strcmp(format, "html") == 0 ?
			    "allocation-html.xsl" : "allocation-csv.xsl", strcmp(format, "html") == 0);
			if (fclose(fp) != 0 && error == 0)
				error = pa_error_oom();
			if (error == 0 && pa_buf_put(&b, text, size) < 0)
				error = pa_error_oom();
		}
	}
	if (error == 0)
		error = pa_cmd_write_output(output, b.ptr, b.size);
	free(text);
	xmlFree(mem);
	xmlFreeDoc(doc);
	pa_buf_dispose(&b);
	return error;
}

static int
run_allocate(const struct pa_cmd *cmd, int argc, char **argv)
{
	struct pa_opt_state st;
	const char *ledger_dir = NULL, *policy_path = NULL, *format = "text";
	const char *output = NULL, *keyring = NULL, *as_of_arg = NULL;
	struct pa_vec list = PA_VEC_INIT;
	struct pa_buf pdata = PA_BUF_INIT;
	struct pa_call_policy *policy = NULL;
	struct pa_ledger *ledger = NULL;
	struct pa_ledger_log *log = NULL;
	struct pa_waivers waivers = { 0 };
	struct pa_alloc_applicants apps = { 0 };
	char **ids = NULL;
	struct pa_alloc_plan *plan = NULL;
	struct pa_date as_of;
	size_t i;
	int c, rc = PA_EXIT_FAILURE;
	bool known = false;

	pa_error_clear();
	pa_opt_start(&st, cmd, argc, argv);
	while ((c = pa_opt_next(&st)) != PA_OPT_DONE) {
		switch (c) {
		case PA_OPT_HELP: return PA_EXIT_OK;
		case PA_OPT_ERROR: return PA_EXIT_FAILURE;
		case OPT_LEDGER: ledger_dir = st.arg; break;
		case OPT_POLICY: policy_path = st.arg; break;
		case OPT_FORMAT: format = st.arg; break;
		case OPT_OUTPUT: output = st.arg; break;
		case OPT_KEYRING: keyring = st.arg; break;
		case OPT_AS_OF: as_of_arg = st.arg; break;
		}
	}
	for (i = 0; formats[i] != NULL; i++)
		known |= strcmp(formats[i], format) == 0;
	if (!known)
		return pa_opt_usage_error(cmd, "unknown format '%s' (text, xml, json, html, csv "
		    "or sacctmgr)", format);
	if (ledger_dir == NULL)
		return pa_opt_usage_error(cmd, "--ledger DIR is required");
	if (policy_path == NULL)
		return pa_opt_usage_error(cmd, "--policy CALL.xml is required");
	if (st.optind >= argc)
		return pa_opt_usage_error(cmd, "name at least one results file");
	if (!pa_opt_as_of(cmd, as_of_arg, &as_of))
		return PA_EXIT_FAILURE;
	if (pa_file_read(&pdata, policy_path, PA_LIMIT_XML_SIZE, 0) < 0 ||
	    pa_call_policy_read(&policy, pdata.ptr, pdata.size, policy_path) < 0)
		goto fail;
	for (i = (size_t)st.optind; i < (size_t)argc; i++)
		if (pa_cmd_load_results(&list, argv[i]) < 0)
			goto fail;
	if (pa_ledger_open(&ledger, ledger_dir, false) < 0 ||
	    pa_ledger_load(&log, ledger, keyring) < 0 ||
	    pa_ledger_log_waivers(&waivers, log, NULL) < 0)
		goto fail;
	/* the ledger identity of each dossier, then the applicants as the review gathers them */
	if ((ids = pa_calloc(list.count ? list.count : 1, sizeof(*ids))) == NULL) {
		pa_error_oom();
		goto fail;
	}
	for (i = 0; i < list.count; i++) {
		struct pa_buf id = PA_BUF_INIT;

		if (pa_cmd_results_identity(&id, list.items[i]) < 0 ||
		    (ids[i] = pa_buf_detach(&id)) == NULL) {
			pa_error_oom();
			goto fail;
		}
	}
	if (pa_alloc_applicants_make(&apps, (const struct pa_results *const *)list.items,
	    (const char *const *)ids, list.count, log) < 0)
		goto fail;
	if (pa_alloc_plan(&plan, policy, apps.items, apps.count, &waivers, &as_of) < 0 ||
	    render(plan, format, output) < 0)
		goto fail;
	rc = PA_EXIT_OK;
	goto done;
fail:
	rc = pa_cmd_fail();
done:
	pa_alloc_plan_free(plan);
	pa_alloc_applicants_dispose(&apps);
	for (i = 0; ids != NULL && i < list.count; i++)
		free(ids[i]);
	free(ids);
	pa_waivers_dispose(&waivers);
	pa_ledger_log_free(log);
	pa_ledger_free(ledger);
	pa_call_policy_free(policy);
	pa_buf_dispose(&pdata);
	pa_vec_dispose(&list, pa_cmd_results_free);
	return rc;
}

const struct pa_cmd pa_cmd_allocate = {
	.name = "allocate",
	.run = run_allocate,
	.summary = "turn results, decisions and a call policy into an allocation plan",
	.synopsis = "--ledger DIR --policy CALL.xml [--format FORMAT] [-o FILE] "
	    "[--keyring FILE] [--as-of DATE] RESULTS.xml...",
	.description =
	    "Reads the call's results files, the ledger's trusted decisions and waivers\n"
	    "and a call policy (pactaudit-call(5)), and writes the plan: who gets how many\n"
	    "GPU-hours on which machine and partition, who is excluded and why (a finding's\n"
	    "fingerprint or a decision's commit), and the totals against capacity.  The\n"
	    "same inputs give the same bytes.  --format sacctmgr writes a shell script\n"
	    "that creates one Slurm account per grant with a GrpTRESMins limit on gres/gpu.\n"
	    "Exit status: 0 the plan was written, 2 it could not be made.",
	.opts = allocate_opts,
};
