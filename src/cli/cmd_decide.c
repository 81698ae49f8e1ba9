/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `pactaudit decide` and `pactaudit waive`: audit a dossier and record a signed decision or waiver in the ledger. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "audit/audit.h"
#include "cli/cmd.h"
#include "cli/dossier_opt.h"
#include "cli/ledger_opt.h"
#include "evidence/evidence.h"
#include "ledger/ledger.h"
#include "results/results.h"
#include "rules/pack.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/date.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/text.h"

enum {
	OPT_LEDGER = 1,
	OPT_KEY,
	OPT_AS_OF,
	OPT_RULES,
	OPT_DECISION,
	OPT_GPU_HOURS,
	OPT_NOTE,
	OPT_FINDING,
	OPT_RULE,
	OPT_REASON,
	OPT_UNTIL,
	OPT_FILE
};

#define COMMON_OPTS							\
	{ .name = "ledger", .arg = "DIR", .id = OPT_LEDGER,		\
	  .help = "the ledger (default $XDG_DATA_HOME/pactaudit/ledger; made if missing)" }, \
	{ .name = "key", .arg = "KEY", .id = OPT_KEY,			\
	  .help = "sign with this key (fingerprint or user id) instead of the first secret key" }, \
	{ .name = "as-of", .arg = "DATE", .id = OPT_AS_OF,		\
	  .help = "audit as of DATE, YYYY-MM-DD (default today, UTC)" }, \
	{ .name = "rules", .arg = "DIR", .id = OPT_RULES,		\
	  .help = "read the rule packs from DIR (default <datadir>/rules)" }, \
	PA_DOSSIER_OPTS("")

static const struct pa_opt decide_opts[] = {
	{ .name = "decision", .arg = "D", .id = OPT_DECISION,
	  .help = "approve, reject or changes (required)" },
	{ .name = "gpu-hours", .arg = "N", .id = OPT_GPU_HOURS,
	  .help = "the GPU-hours granted" },
	{ .name = "note", .arg = "TEXT", .id = OPT_NOTE,
	  .help = "a note for the applicant and the allocation board" },
	COMMON_OPTS,
	{ 0 }
};

static const struct pa_opt waive_opts[] = {
	{ .name = "finding", .arg = "FINGERPRINT", .id = OPT_FINDING,
	  .help = "the finding's fingerprint (as in every output format)" },
	{ .name = "rule", .arg = "ID", .id = OPT_RULE,
	  .help = "waive every finding of this rule in the dossier (or narrow --finding)" },
	{ .name = "file", .arg = "PATH", .id = OPT_FILE,
	  .help = "with --rule: only its findings on this dossier file, or below this "
	  "folder when PATH ends in /" },
	{ .name = "reason", .arg = "CODE", .id = OPT_REASON,
	  .help = "accepted-risk, false-positive, compensating-control, not-applicable "
	  "or remediation-planned (required)" },
	{ .name = "until", .arg = "DATE", .id = OPT_UNTIL,
	  .help = "the last day the waiver holds, YYYY-MM-DD (required)" },
	{ .name = "note", .arg = "TEXT", .id = OPT_NOTE,
	  .help = "the justification (required)" },
	COMMON_OPTS,
	{ 0 }
};

struct args {
	const char *ledger, *key, *as_of_arg, *rules, *decision, *note;
	const char *finding, *rule, *reason, *until, *file;
	unsigned long gpu_hours;
	bool have_gpu_hours;
	struct pa_evidence_opts evopts;
	struct pa_date as_of;
	const char *location;
};

/* Parse the command line; returns -1 to go on, else the exit code. */
static int
parse(struct args *a, const struct pa_cmd *cmd, int argc, char **argv)
{
	struct pa_opt_state st;
	int c;

	pa_opt_start(&st, cmd, argc, argv);
	while ((c = pa_opt_next(&st)) != PA_OPT_DONE) {
		switch (c) {
		case PA_OPT_HELP:
			return PA_EXIT_OK;
		case PA_OPT_ERROR:
			return PA_EXIT_FAILURE;
		case OPT_LEDGER: a->ledger = st.arg; break;
		case OPT_KEY: a->key = st.arg; break;
		case OPT_AS_OF: a->as_of_arg = st.arg; break;
		case OPT_RULES: a->rules = st.arg; break;
		case OPT_DECISION: a->decision = st.arg; break;
		case OPT_NOTE: a->note = st.arg; break;
		case OPT_FINDING: a->finding = st.arg; break;
		case OPT_RULE: a->rule = st.arg; break;
		case OPT_REASON: a->reason = st.arg; break;
		case OPT_UNTIL: a->until = st.arg; break;
		case OPT_FILE: a->file = st.arg; break;
		case OPT_GPU_HOURS:
			if (!pa_opt_uint(cmd, "gpu-hours", st.arg, 0, 1000000000UL, &a->gpu_hours))
				return PA_EXIT_FAILURE;
			a->have_gpu_hours = true;
			break;
		default:
			if (!pa_cli_dossier_opt(&a->evopts.dossier, &a->evopts.sig, c, st.arg))
				return pa_opt_usage_error(cmd, "unexpected option");
		}
	}
	if (st.optind != argc - 1)
		return pa_opt_usage_error(cmd, "name exactly one dossier");
	a->location = argv[st.optind];
	if (!pa_cli_dossier_opts_ok(cmd, &a->evopts.dossier))
		return PA_EXIT_FAILURE;
	if (!pa_opt_as_of(cmd, a->as_of_arg, &a->as_of))
		return PA_EXIT_FAILURE;
	a->evopts.as_of = &a->as_of;
	return -1;
}

/*
 * Audit the dossier as `check` would, through the audit library and its
 * results cache (so a dossier just checked is not audited again); the
 * caller frees *out.
 */
static int
audit(struct pa_results **out, struct args *a)
{
	struct pa_audit_opts aopts = { 0 };
	struct pa_audit_item item = { 0 };
	struct pa_audit *au = NULL;
	int error;

	*out = NULL;
	aopts.rules_dir = a->rules;
	aopts.as_of = a->as_of;
	aopts.sig = a->evopts.sig;
	item.location = a->location;
	item.dossier = a->evopts.dossier;
	if ((error = pa_audit_new(&au, &aopts)) == 0 &&
	    (error = pa_audit_dossier(au, &item)) == 0) {
		if (item.results == NULL)
			error = pa_error_set(PA_ERRCLASS_DOSSIER, "%s",
			    item.error ? item.error : "the audit failed");
		*out = item.results;
		item.results = NULL;
	}
	pa_audit_item_dispose(&item);
	pa_audit_free(au);
	return error;
}

/* The rule packs, to ask whether a rule may be waived. */
static int
load_rules(struct pa_rulepack **packp, const struct args *a)
{
	struct pa_buf rulesdir = PA_BUF_INIT;
	int error;

	if (a->rules != NULL)
		pa_buf_puts(&rulesdir, a->rules);
	else
		pa_datadir_path(&rulesdir, "rules");
	error = pa_buf_oom(&rulesdir) ? pa_error_oom() :
	    pa_rulepack_load(packp, rulesdir.ptr, NULL);
	pa_buf_dispose(&rulesdir);
	return error;
}

static int
run_decide(const struct pa_cmd *cmd, int argc, char **argv)
{
	struct args a = { 0 };
	struct pa_results *res = NULL;
	struct pa_ledger *ledger = NULL;
	struct pa_ledger_signer signer = { 0 };
	struct pa_decision d = { 0 };
	struct pa_buf id = PA_BUF_INIT;
	char digest[PA_DIGEST_HEXLEN + 1], commit[41];
	int rc;

	pa_error_clear();
	if ((rc = parse(&a, cmd, argc, argv)) >= 0)
		return rc;
	if (a.decision == NULL)
		return pa_opt_usage_error(cmd, "--decision is required (approve, reject or changes)");
	if (pa_decision_parse(&d.decision, a.decision) < 0)
		return pa_opt_usage_error(cmd, "--decision: %s", pa_error_last());
	if (audit(&res, &a) < 0 || pa_cli_results_digest(digest, res) < 0 ||
	    pa_ledger_dossier_id(&id, a.location, a.evopts.dossier.subdir, NULL) < 0 ||
	    pa_cli_ledger_open(&ledger, a.ledger, true) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	signer.key = a.key;
	d.dossier = id.ptr;
	d.commit = res->dossier_commit;
	d.results_digest = digest;
	d.gpu_hours = a.have_gpu_hours ? (long long)a.gpu_hours : -1;
	d.note = (char *)a.note;
	if (pa_ledger_decide(commit, ledger, &signer, &d) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	printf("recorded %s: %s ", commit, pa_decision_name(d.decision));
	pa_cmd_put_safe(stdout, a.location);
	if (d.commit != NULL)
		printf(" at %.12s", d.commit);
	printf(" (verdict %s)\n", pa_results_verdict_name(pa_results_verdict(res)));
	rc = PA_EXIT_OK;
done:
	pa_ledger_free(ledger);
	pa_results_free(res);
	pa_buf_dispose(&id);
	return rc;
}

/* The finding to waive, or NULL with the message set. */
static const struct pa_results_finding *
find_finding(const struct pa_results *res, const char *fpr, const char *rule)
{
	size_t i;

	for (i = 0; i < res->findings.count; i++) {
		const struct pa_results_finding *f = res->findings.items[i];

		if (strcasecmp(f->fingerprint, fpr) == 0 &&
		    (rule == NULL || strcmp(f->rule, rule) == 0))
			return f;
	}
	pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_USAGE,
	    "no finding %s in this audit%s%s (see the fingerprints in 'pactaudit check')",
	    fpr, rule ? " of rule " : "", rule ? rule : "");
	return NULL;
}

static int
run_waive(const struct pa_cmd *cmd, int argc, char **argv)
{
	struct args a = { 0 };
	struct pa_results *res = NULL;
	struct pa_rulepack *pack = NULL;
	struct pa_ledger *ledger = NULL;
	struct pa_ledger_signer signer = { 0 };
	struct pa_waiver w = { 0 };
	struct pa_buf id = PA_BUF_INIT;
	const struct pa_results_finding *f = NULL;
	char commit[41];
	long days;
	int rc;

	pa_error_clear();
	if ((rc = parse(&a, cmd, argc, argv)) >= 0)
		return rc;
	if (a.finding == NULL && a.rule == NULL)
		return pa_opt_usage_error(cmd, "--finding FINGERPRINT or --rule ID is required");
	if (a.file != NULL && (a.finding != NULL || a.rule == NULL))
		return pa_opt_usage_error(cmd, "--file narrows --rule (a --finding already "
		    "names its file)");
	if (a.finding != NULL && (strlen(a.finding) != 64 ||
	    strspn(a.finding, "0123456789abcdefABCDEF") != 64))
		return pa_opt_usage_error(cmd, "--finding '%s' is not a fingerprint (64 hex digits)",
		    a.finding);
	if (a.reason == NULL || !pa_waiver_reason_known(a.reason))
		return pa_opt_usage_error(cmd, "--reason is one of %s", pa_waiver_reasons());
	if (a.until == NULL || !pa_date_parse(a.until, &days))
		return pa_opt_usage_error(cmd, "--until DATE (YYYY-MM-DD) is required");
	if (a.note == NULL || a.note[0] == '\0')
		return pa_opt_usage_error(cmd, "--note (the justification) is required");
	if (strcmp(a.until, a.as_of.iso) < 0)
		return pa_opt_usage_error(cmd, "--until %s is before the as-of date %s",
		    a.until, a.as_of.iso);
	if (a.file != NULL) {
		struct pa_waiver t = { .rule = (char *)a.rule, .path = (char *)a.file,
		    .reason = (char *)a.reason, .justification = (char *)a.note };

		snprintf(t.until, sizeof(t.until), "%s", a.until);
		if (pa_waiver_validate(&t, "--file") < 0)
			return pa_opt_usage_error(cmd, "%s", pa_error_last());
	}
	if (audit(&res, &a) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	if (a.finding != NULL) {
		if ((f = find_finding(res, a.finding, a.rule)) == NULL) {
			rc = pa_cmd_fail();
			goto done;
		}
		if (!f->waivable) {
			pa_cli_refuse_waiver(f->rule, f->ref);
			rc = pa_cmd_fail();
			goto done;
		}
	} else {
		const struct pa_rule *r;

		if (load_rules(&pack, &a) < 0) {
			rc = pa_cmd_fail();
			goto done;
		}
		if ((r = pa_rulepack_find(pack, a.rule)) == NULL) {
			pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_USAGE, "no rule %s in the rule packs",
			    a.rule);
			rc = pa_cmd_fail();
			goto done;
		}
		if (!r->waivable) {
			pa_cli_refuse_waiver(r->id, NULL);
			rc = pa_cmd_fail();
			goto done;
		}
	}
	if (pa_ledger_dossier_id(&id, a.location, a.evopts.dossier.subdir, NULL) < 0 ||
	    pa_cli_ledger_open(&ledger, a.ledger, true) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	signer.key = a.key;
	w.rule = (char *)(f != NULL ? f->rule : a.rule);
	w.finding = (char *)a.finding;
	w.dossier = id.ptr;
	w.path = (char *)a.file;
	w.reason = (char *)a.reason;
	w.justification = (char *)a.note;
	snprintf(w.until, sizeof(w.until), "%s", a.until);
	if (pa_ledger_waive(commit, ledger, &signer, &w) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	printf("recorded %s: waiver of %s", commit, w.rule);
	if (f != NULL)
		printf(" finding %.12s", f->fingerprint);
	if (w.path != NULL) {
		printf(" on ");
		pa_cmd_put_safe(stdout, w.path);
	}
	printf(" in ");
	pa_cmd_put_safe(stdout, a.location);
	printf(" until %s\n", w.until);
	rc = PA_EXIT_OK;
done:
	pa_ledger_free(ledger);
	pa_results_free(res);
	pa_rulepack_free(pack);
	pa_buf_dispose(&id);
	return rc;
}

const struct pa_cmd pa_cmd_decide = {
	.name = "decide",
	.run = run_decide,
	.summary = "record a signed decision on a dossier in the ledger",
	.synopsis = "DOSSIER --decision approve|reject|changes [--gpu-hours N] [--note TEXT] "
	    "[--ledger DIR] [--key KEY] [--rev REV] [--path DIR] [--as-of DATE]",
	.description = "Audits the dossier as check does, then records the decision, "
	    "the dossier, the audited commit and the digest of the results as one commit "
	    "of the ledger, signed with the auditor's OpenPGP key.  Exit status: 0 "
	    "recorded, 2 not recorded (the reason on standard error).",
	.opts = decide_opts,
};

const struct pa_cmd pa_cmd_waive = {
	.name = "waive",
	.run = run_waive,
	.summary = "record a signed waiver of a finding in the ledger",
	.synopsis = "DOSSIER --finding FINGERPRINT|--rule ID [--file PATH] --reason CODE "
	    "--until DATE --note TEXT [--ledger DIR] [--key KEY] [--rev REV] [--path DIR] "
	    "[--as-of DATE]",
	.description = "Audits the dossier, finds the finding and records a waiver of it "
	    "(until the date given) as one signed commit of the ledger.  Findings of "
	    "prohibited practices (Art. 5) and other non-waivable rules are refused.  "
	    "Exit status: 0 recorded, 2 not recorded (the reason on standard error).",
	.opts = waive_opts,
};
