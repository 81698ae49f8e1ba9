/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `pactaudit review`: audit a call's dossiers through the audit library
 * (the results cache makes an audited call open at once), read the
 * decision ledger, and hand both to the review screen; the screen's
 * decisions and waivers are written here, signed, through the ledger.
 */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "allocate/allocate.h"
#include "cli/cmd.h"
#include "audit/audit.h"
#include "cli/dossier_opt.h"
#include "cli/ledger_opt.h"
#include "dossier/dossier.h"
#include "evidence/evidence.h"
#include "ledger/ledger.h"
#include "results/results.h"
#include "review/screen.h"
#include "rules/pack.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/date.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/text.h"
#include "util/vec.h"

enum {
	OPT_AS_OF = 1,
	OPT_RULES,
	OPT_JOBS,
	OPT_LEDGER,
	OPT_KEY,
	OPT_POLICY
};

static const struct pa_opt review_opts[] = {
	PA_DOSSIER_OPTS(""),
	{ .name = "as-of", .arg = "DATE", .id = OPT_AS_OF,
	  .help = "apply the law as of DATE, YYYY-MM-DD (default today, UTC)" },
	{ .name = "rules", .arg = "DIR", .id = OPT_RULES,
	  .help = "read the rule packs from DIR (default <datadir>/rules)" },
	{ .name = "jobs", .key = 'j', .arg = "N", .id = OPT_JOBS,
	  .help = "audit N dossiers at once while the call opens (default 1)" },
	{ .name = "ledger", .arg = "DIR", .id = OPT_LEDGER,
	  .help = "the decision ledger (default $XDG_DATA_HOME/pactaudit/ledger; "
	  "made at the first record)" },
	{ .name = "key", .arg = "KEY", .id = OPT_KEY,
	  .help = "sign decisions and waivers with this key (fingerprint or user id) "
	  "instead of the first secret key" },
	{ .name = "policy", .arg = "FILE", .id = OPT_POLICY,
	  .help = "the call policy, pactaudit-call(5): A shows the allocation plan" },
	{ 0 }
};

struct review {
	struct pa_evidence_opts evopts;
	struct pa_audit_opts aopts;
	const char *rulesdir;
	struct pa_rulepack *pack;	/* loaded when the evidence view first shows a rule */
	struct pa_vec locations;	/* char *, the dossiers in call order */
	/* the ledger: opened when it exists, made at the first record */
	const char *ledger_dir;		/* --ledger, or NULL for the default */
	struct pa_ledger *ledger;
	struct pa_ledger_signer signer;
	struct pa_ledger_log *log;	/* the last read: the plan borrows its decisions */
	struct pa_call_policy *policy;	/* --policy, or NULL */
	const struct pa_date *as_of;
	/* progress while the call opens (called from the audit's threads, one at a time) */
	pa_review_progress_fn progress;
	void *screen;
	size_t sigs, cached;
	struct timespec last;
	/* the dossier whose files the evidence view reads last, kept open */
	struct pa_dossier *open;
	const struct pa_review_dossier *open_for;
	char **evidence;	/* evidence text per dossier, built when first asked */
};

/* Whether a folder is a dossier itself (a repository or one with application.xml). */
static bool
is_dossier(const char *dir)
{
	struct pa_buf p = PA_BUF_INIT;
	struct stat st;
	bool yes;

	pa_buf_printf(&p, "%s/.git", dir);
	yes = lstat(p.ptr, &st) == 0;
	pa_buf_clear(&p);
	pa_buf_printf(&p, "%s/application.xml", dir);
	yes = yes || lstat(p.ptr, &st) == 0;
	pa_buf_dispose(&p);
	return yes;
}

/* A call folder: each sub-folder that is a dossier, in name order. */
static int
add_call_dir(struct pa_vec *out, const char *dir)
{
	struct dirent **names = NULL;
	struct pa_buf p = PA_BUF_INIT;
	struct stat st;
	int n, i, error = 0;
	char *s;

	if ((n = scandir(dir, &names, NULL, alphasort)) < 0)
		return pa_error_from_os("cannot read", dir);
	for (i = 0; i < n; i++) {
		if (error == 0 && names[i]->d_name[0] != '.') {
			pa_buf_clear(&p);
			pa_buf_printf(&p, "%s/%s", dir, names[i]->d_name);
			if (!pa_buf_oom(&p) && lstat(p.ptr, &st) == 0 && S_ISDIR(st.st_mode) &&
			    is_dossier(p.ptr)) {
				if ((s = pa_strdup(p.ptr)) == NULL || pa_vec_push(out, s) < 0) {
					free(s);
					error = PA_ENOMEM;
				}
			}
		}
		free(names[i]);
	}
	free(names);
	pa_buf_dispose(&p);
	if (error == 0 && out->count == 0)
		error = pa_error_set(PA_ERRCLASS_DOSSIER, "%s: no dossier in this folder", dir);
	return error;
}

/* After each dossier: how many are audited, how many signatures verified, how many cached. */
static void
audit_progress(const struct pa_audit_item *item, size_t done, size_t total, void *arg)
{
	struct review *rv = arg;
	struct timespec now;
	char what[128];

	if (item->results != NULL) {
		if (item->cached)
			rv->cached++;
		else
			rv->sigs += item->results->signatures.count;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* a thousand cached dossiers go by in a moment: draw ten times a second */
	if (done < total && now.tv_sec == rv->last.tv_sec &&
	    now.tv_nsec - rv->last.tv_nsec < 100000000L)
		return;
	rv->last = now;
	snprintf(what, sizeof(what), "%zu signature%s verified, %zu from the results cache",
	    rv->sigs, rv->sigs == 1 ? "" : "s", rv->cached);
	if (rv->progress != NULL)
		rv->progress(rv->screen, done, total, what, item->location);
}

/*
 * The screen's loader: every dossier through pa_audit_call (the results
 * cache answers for those audited before), added in call order, each with
 * its identity in the ledger.
 */
static int
load(struct pa_review_call *call, pa_review_progress_fn progress, void *screen, void *payload)
{
	struct review *rv = payload;
	struct pa_audit *audit = NULL;
	struct pa_audit_item *items = NULL;
	struct pa_buf id = PA_BUF_INIT;
	size_t i, n = rv->locations.count;
	int error;

	rv->progress = progress;
	rv->screen = screen;
	rv->aopts.progress = audit_progress;
	rv->aopts.progress_arg = rv;
	if (progress != NULL)
		progress(screen, 0, n, NULL, "looking up the results cache");
	if ((items = pa_calloc(n, sizeof(*items))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	for (i = 0; i < n; i++) {
		items[i].location = rv->locations.items[i];
		items[i].dossier = rv->evopts.dossier;
	}
	if ((error = pa_audit_new(&audit, &rv->aopts)) < 0 ||
	    (error = pa_audit_call(audit, items, n)) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		struct pa_review_dossier *d;

		error = pa_review_call_add(call, items[i].location, items[i].results,
		    items[i].results == NULL ? (items[i].error ? items[i].error :
		    "the audit failed") : NULL);
		items[i].results = NULL;	/* the call owns them now */
		if (error < 0)
			goto done;
		d = pa_review_call_at(call, pa_review_call_count(call) - 1);
		d->cached = items[i].cached;
		pa_buf_clear(&id);
		if (pa_ledger_dossier_id(&id, items[i].location, rv->evopts.dossier.subdir,
		    NULL) == 0)
			error = pa_review_dossier_set_ledger_id(d, id.ptr);
		pa_error_clear();	/* no identity: nothing in the ledger is about it */
		if (error < 0)
			goto done;
	}
done:
	for (i = 0; items != NULL && i < n; i++)
		pa_audit_item_dispose(&items[i]);
	free(items);
	pa_audit_free(audit);
	pa_buf_dispose(&id);
	rv->progress = NULL;
	return error;
}

/* --- the ledger ------------------------------------------------------------------ */

/* The ledger for a write: made when it does not exist yet. */
static int
ledger_for_write(struct review *rv)
{
	if (rv->ledger != NULL)
		return 0;
	return pa_cli_ledger_open(&rv->ledger, rv->ledger_dir, true);
}

/* One entry of the log as a record of the screen's model. */
static void
entry_record(struct pa_review_record *r, struct pa_buf *text, const struct pa_ledger_entry *e)
{
	memset(r, 0, sizeof(*r));
	r->trusted = e->trusted;
	r->waiver = e->kind == PA_LEDGER_WAIVER;
	snprintf(r->commit, sizeof(r->commit), "%.12s", e->commit);
	r->who = e->signer_name != NULL ? e->signer_name : e->signer[0] ? (char *)e->signer : NULL;
	r->problem = e->problem;
	pa_buf_clear(text);
	if (r->waiver) {
		r->w = e->waiver;
		pa_buf_printf(text, "%s%s%.12s until %s, %s: %s", e->waiver->rule ? e->waiver->rule : "",
		    e->waiver->rule && e->waiver->finding ? " " : "",
		    e->waiver->finding ? e->waiver->finding : "", e->waiver->until,
		    e->waiver->reason ? e->waiver->reason : "?",
		    e->waiver->justification ? e->waiver->justification : "");
	} else {
		pa_buf_printf(text, "decision %s", pa_decision_name(e->decision.decision));
		if (e->decision.gpu_hours >= 0)
			pa_buf_printf(text, ", %lld GPU-hours", e->decision.gpu_hours);
		if (e->decision.note != NULL)
			pa_buf_printf(text, ": %s", e->decision.note);
	}
	r->text = text->ptr;
}

/* Whether a ledger entry is about the dossier (a waiver without a dossier is about all). */
static bool
entry_about(const struct pa_ledger_entry *e, const struct pa_review_dossier *d)
{
	if (d->ledger_id == NULL)
		return false;
	if (e->kind == PA_LEDGER_DECISION)
		return e->decision.dossier != NULL && strcmp(e->decision.dossier, d->ledger_id) == 0;
	if (e->kind == PA_LEDGER_WAIVER)
		return e->waiver != NULL &&
		    (e->waiver->dossier == NULL || strcmp(e->waiver->dossier, d->ledger_id) == 0);
	return false;
}

/* Read and verify the ledger; every dossier gets its records, decision and waivers. */
static long
reload(void *payload, struct pa_review_call *call)
{
	struct review *rv = payload;
	struct pa_ledger_log *log = NULL;
	struct pa_review_dossier *d;
	const struct pa_ledger_entry *e;
	struct pa_review_record r;
	struct pa_buf text = PA_BUF_INIT;
	size_t i, k, n = pa_review_call_count(call);
	long count = -1;
	int error = 0;

	if (rv->ledger == NULL &&
	    (error = pa_cli_ledger_open(&rv->ledger, rv->ledger_dir, false)) < 0) {
		if (error != PA_ENOTFOUND)
			return error;
		pa_error_clear();	/* no ledger yet: nothing decided */
		error = 0;
	}
	if (rv->ledger != NULL && (error = pa_ledger_load(&log, rv->ledger, NULL)) < 0)
		return error;
	for (i = 0; i < n; i++) {
		d = pa_review_call_at(call, i);
		pa_review_dossier_clear_ledger(d);
		for (k = 0; log != NULL && k < log->count && error == 0; k++) {
			e = &log->entries[k];
			if (!entry_about(e, d))
				continue;
			entry_record(&r, &text, e);
			error = pa_buf_oom(&text) ? PA_ENOMEM : pa_review_dossier_add_record(d, &r);
		}
		if (error == 0 && log != NULL && d->ledger_id != NULL &&
		    (e = pa_ledger_log_decision(log, d->ledger_id)) != NULL)
			error = pa_review_dossier_set_decision(d, pa_decision_name(e->decision.decision),
			    e->decision.gpu_hours >= 0 ? (long)e->decision.gpu_hours : -1,
			    e->decision.note, e->signer_name ? e->signer_name : e->signer);
		if (error == 0 && (error = pa_review_dossier_apply_ledger(d)) > 0)
			error = 0;
		if (error < 0)
			break;
	}
	/* the allocation plan over the ledger just read (it borrows the log's decisions) */
	if (error == 0 && (error = pa_review_call_plan(call, log, rv->as_of)) == 0) {
		pa_ledger_log_free(rv->log);
		rv->log = log;
		log = NULL;
		count = rv->log != NULL ? (long)rv->log->count : 0;
	}
	pa_ledger_log_free(log);
	pa_buf_dispose(&text);
	return error < 0 ? error : count;
}

/*
 * D on the screen: the decision, signed, on the results as the auditor
 * sees them (the ledger's waivers applied), digested like `decide` does.
 */
static int
decide(char out[41], void *payload, struct pa_review_dossier *d,
    const struct pa_review_decision_in *in)
{
	struct review *rv = payload;
	struct pa_decision dec = { .gpu_hours = in->granted_hours };
	char digest[PA_DIGEST_HEXLEN + 1];
	int error;

	if (d->res == NULL || d->ledger_id == NULL)
		return pa_error_set(PA_ERRCLASS_USAGE, "%s was not audited: nothing to decide on",
		    d->name);
	if ((error = pa_decision_parse(&dec.decision, in->decision)) < 0 ||
	    (error = pa_cli_results_digest(digest, d->res)) < 0 ||
	    (error = ledger_for_write(rv)) < 0)
		return error;
	dec.dossier = d->ledger_id;
	dec.commit = d->res->dossier_commit;
	dec.results_digest = digest;
	dec.note = (char *)in->note;
	return pa_ledger_decide(out, rv->ledger, &rv->signer, &dec);
}

/* W on the screen: a waiver of exactly this finding of this dossier, signed. */
static int
waive(char out[41], void *payload, struct pa_review_dossier *d,
    const struct pa_results_finding *f, const struct pa_review_waiver_in *in)
{
	struct review *rv = payload;
	struct pa_waiver w = { 0 };
	long days;
	int error;

	if (d->res == NULL || d->ledger_id == NULL)
		return pa_error_set(PA_ERRCLASS_USAGE, "%s was not audited", d->name);
	if (!f->waivable)
		return pa_cli_refuse_waiver(f->rule, f->ref);
	if (!pa_waiver_reason_known(in->reason))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE, "the reason code is one of %s",
		    pa_waiver_reasons());
	if (!pa_date_parse(in->until, &days))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "'%.20s' is not a date (YYYY-MM-DD)", in->until);
	if (d->res->as_of != NULL && strcmp(in->until, d->res->as_of) < 0)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s is before the as-of date %s: the waiver would never hold", in->until,
		    d->res->as_of);
	if ((error = ledger_for_write(rv)) < 0)
		return error;
	w.rule = (char *)f->rule;
	w.finding = (char *)f->fingerprint;
	w.dossier = d->ledger_id;
	w.reason = (char *)in->reason;
	w.justification = (char *)in->note;
	snprintf(w.until, sizeof(w.until), "%s", in->until);
	return pa_ledger_waive(out, rv->ledger, &rv->signer, &w);
}

static int
source_file(struct pa_buf *out, void *payload, const struct pa_review_dossier *d,
    const char *path)
{
	struct review *rv = payload;

	if (rv->open_for != d) {
		pa_dossier_free(rv->open);
		rv->open = NULL;
		rv->open_for = NULL;
		if (pa_dossier_open(&rv->open, d->location, &rv->evopts.dossier, NULL) < 0)
			return PA_ERROR;
		rv->open_for = d;
	}
	return pa_dossier_read(out, rv->open, path);
}

static int
source_evidence(struct pa_buf *out, void *payload, const struct pa_review_dossier *d)
{
	struct review *rv = payload;
	xmlDoc *doc = NULL;
	xmlChar *mem = NULL;
	size_t i;
	int len = 0, error = 0;

	for (i = 0; i < rv->locations.count; i++)
		if (strcmp(rv->locations.items[i], d->location) == 0)
			break;
	if (i == rv->locations.count)
		return pa_error_set(PA_ERRCLASS_INTERNAL, "not a dossier of the call");
	if (rv->evidence[i] == NULL) {
		if ((error = pa_evidence_build(&doc, d->location, &rv->evopts)) < 0)
			goto done;
		xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
		if (mem == NULL || (rv->evidence[i] = pa_strndup((const char *)mem,
		    (size_t)len)) == NULL) {
			error = pa_error_oom();
			goto done;
		}
	}
	pa_buf_puts(out, rv->evidence[i]);
	error = pa_buf_oom(out) ? PA_ENOMEM : 0;
done:
	xmlFree(mem);
	xmlFreeDoc(doc);
	return error;
}

static char *
dup_opt(const char *s)
{
	return s != NULL ? pa_text_sanitize_dup(s) : NULL;
}

static int
source_rule(struct pa_review_rule *out, void *payload, const char *id)
{
	struct review *rv = payload;
	const struct pa_rule *r;
	struct pa_buf file = PA_BUF_INIT;

	/* the results may all come from the cache: the packs are read when first needed */
	if (rv->pack == NULL && pa_rulepack_load(&rv->pack, rv->rulesdir, NULL) < 0)
		return PA_ERROR;
	if ((r = pa_rulepack_find(rv->pack, id)) == NULL)
		return pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_RULES, "no rule '%s' in the packs", id);
	pa_buf_printf(&file, "%s:%ld", r->file, r->line);
	out->title = dup_opt(r->title);
	out->ref = dup_opt(r->ref_text);
	out->applies_from = dup_opt(r->applies_from);
	out->context = dup_opt(r->context);
	out->applicable = dup_opt(r->applicable);
	out->assertion = dup_opt(r->assertion);
	out->location = dup_opt(r->location);
	out->message = dup_opt(r->message_text);
	out->remedy = dup_opt(r->remedy);
	out->note = r->note ? pa_strdup(r->note) : NULL;
	out->file = pa_buf_detach(&file);
	out->waivable = r->waivable;
	pa_buf_dispose(&file);
	return 0;
}

static int
run_review(const struct pa_cmd *cmd, int argc, char **argv)
{
	struct review rv = { 0 };
	struct pa_review_call call = PA_REVIEW_CALL_INIT;
	struct pa_review_source source = {
		.file = source_file, .evidence = source_evidence, .rule = source_rule,
		.payload = &rv,
	};
	struct pa_review_screen_opts sopts = { 0 };
	struct pa_buf rulesdir = PA_BUF_INIT;
	struct pa_opt_state st;
	const char *rules = NULL, *as_of_arg = NULL, *policy = NULL;
	struct pa_buf pdata = PA_BUF_INIT;
	struct pa_date as_of;
	char *s;
	unsigned long jobs = 1;
	int c, i, rc = PA_EXIT_OK;
	size_t k;

	pa_error_clear();
	pa_opt_start(&st, cmd, argc, argv);
	while ((c = pa_opt_next(&st)) != PA_OPT_DONE) {
		switch (c) {
		case PA_OPT_HELP:
			return PA_EXIT_OK;
		case PA_OPT_ERROR:
			return PA_EXIT_FAILURE;
		case OPT_AS_OF:
			as_of_arg = st.arg;
			break;
		case OPT_RULES:
			rules = st.arg;
			break;
		case OPT_JOBS:
			if (!pa_opt_uint(cmd, "jobs", st.arg, 1, PA_AUDIT_MAX_JOBS, &jobs))
				return PA_EXIT_FAILURE;
			break;
		case OPT_LEDGER:
			rv.ledger_dir = st.arg;
			break;
		case OPT_KEY:
			rv.signer.key = st.arg;
			break;
		case OPT_POLICY:
			policy = st.arg;
			break;
		default:
			if (!pa_cli_dossier_opt(&rv.evopts.dossier, &rv.evopts.sig, c, st.arg))
				return pa_opt_usage_error(cmd, "unexpected option");
		}
	}
	if (!pa_cli_dossier_opts_ok(cmd, &rv.evopts.dossier))
		return PA_EXIT_FAILURE;
	if (!pa_opt_as_of(cmd, as_of_arg, &as_of))
		return PA_EXIT_FAILURE;
	rv.evopts.as_of = &as_of;
	rv.as_of = &as_of;
	rv.aopts.as_of = as_of;
	rv.aopts.rules_dir = rules;
	rv.aopts.sig = rv.evopts.sig;
	rv.aopts.jobs = (unsigned int)jobs;
	/* the policy first: a bad one is said before the screen opens */
	if (policy != NULL && (pa_file_read(&pdata, policy, PA_LIMIT_XML_SIZE, 0) < 0 ||
	    pa_call_policy_read(&rv.policy, pdata.ptr, pdata.size, policy) < 0)) {
		pa_buf_dispose(&pdata);
		return pa_cmd_fail();
	}
	pa_buf_dispose(&pdata);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		pa_call_policy_free(rv.policy);
		return pa_opt_usage_error(cmd, "the review needs a terminal; "
		    "'pactaudit check' reports without one");
	}
	pa_review_call_set_policy(&call, rv.policy);

	/* DOSSIER... or one CALLDIR holding dossiers */
	if (st.optind >= argc) {
		if (is_dossier("."))
			rc = (s = pa_strdup(".")) != NULL && pa_vec_push(&rv.locations, s) == 0 ? 0 : -1;
		else
			rc = add_call_dir(&rv.locations, ".");
	} else if (argc - st.optind == 1 && !is_dossier(argv[st.optind])) {
		rc = add_call_dir(&rv.locations, argv[st.optind]);
	} else {
		for (i = st.optind; i < argc && rc == 0; i++)
			rc = (s = pa_strdup(argv[i])) != NULL && pa_vec_push(&rv.locations, s) == 0 ?
			    0 : pa_error_oom();
	}
	if (rc < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	if (rules != NULL)
		pa_buf_puts(&rulesdir, rules);
	else
		pa_datadir_path(&rulesdir, "rules");
	if (pa_buf_oom(&rulesdir) ||
	    (rv.evidence = pa_calloc(rv.locations.count, sizeof(*rv.evidence))) == NULL) {
		rc = pa_cmd_fail();
		goto done;
	}
	rv.rulesdir = rulesdir.ptr;

	sopts.call = &call;
	sopts.source = &source;
	sopts.load = load;
	sopts.decide = decide;
	sopts.waive = waive;
	sopts.reload = reload;
	sopts.payload = &rv;
	if (pa_review_screen_run(&sopts) < 0)
		rc = pa_cmd_fail();
done:
	for (k = 0; rv.evidence != NULL && k < rv.locations.count; k++)
		free(rv.evidence[k]);
	free(rv.evidence);
	pa_dossier_free(rv.open);
	pa_rulepack_free(rv.pack);
	pa_ledger_free(rv.ledger);
	pa_vec_dispose(&rv.locations, free);
	pa_review_call_dispose(&call);	/* before the log and policy its plan borrows */
	pa_ledger_log_free(rv.log);
	pa_call_policy_free(rv.policy);
	pa_buf_dispose(&rulesdir);
	return rc;
}

const struct pa_cmd pa_cmd_review = {
	.name = "review",
	.run = run_review,
	.summary = "review a call of dossiers on the terminal (ncurses)",
	.synopsis = "[DOSSIER... | CALLDIR] [--rev REV] [--worktree] [--path DIR] "
	    "[--as-of DATE] [--rules DIR] [--keyring FILE] [--registry FILE] [--no-cache] "
	    "[-j N] [--ledger DIR] [--key KEY] [--policy FILE]",
	.description = "Audits each dossier in-process, as check does and through the same "
	    "results cache (a CALLDIR stands for each of its sub-folders that is a "
	    "dossier), reads the decision ledger, and opens a screen with one line per "
	    "dossier; from there its systems, models and signatures, its findings grouped "
	    "by severity, and each finding's evidence: the file at the audited commit at "
	    "the finding's line, the rule behind it and the evidence document.  D records "
	    "a decision and W waives a finding, each a commit of the ledger signed with "
	    "the auditor's key.  With --policy, A shows the call's allocation plan in rank "
	    "order, as 'pactaudit allocate' makes it, made again after each record.  "
	    "Keys as in tig and mutt; '?' lists them.  See "
	    "pactaudit-review(1).",
	.opts = review_opts,
};
