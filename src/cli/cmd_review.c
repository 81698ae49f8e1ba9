/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `pactaudit review`: audit a call's dossiers in-process and hand the results to the review screen. */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "cli/cmd.h"
#include "cli/dossier_opt.h"
#include "dossier/dossier.h"
#include "evidence/evidence.h"
#include "parse/xml.h"
#include "results/results.h"
#include "review/screen.h"
#include "rules/eval.h"
#include "rules/pack.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/error.h"
#include "util/text.h"
#include "util/vec.h"

enum {
	OPT_AS_OF = 1,
	OPT_RULES
};

static const struct pa_opt review_opts[] = {
	PA_DOSSIER_OPTS(""),
	{ .name = "as-of", .arg = "DATE", .id = OPT_AS_OF,
	  .help = "apply the law as of DATE, YYYY-MM-DD (default today, UTC)" },
	{ .name = "rules", .arg = "DIR", .id = OPT_RULES,
	  .help = "read the rule packs from DIR (default <datadir>/rules)" },
	{ 0 }
};

struct review {
	struct pa_evidence_opts evopts;
	struct pa_eval_opts evalopts;
	const char *rulesdir;
	struct pa_rulepack *pack;
	struct pa_vec locations;	/* char *, the dossiers in call order */
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

static int
audit_one(struct pa_results **out, struct review *rv, struct pa_eval *ev, const char *location)
{
	struct pa_results *res = NULL;
	xmlDoc *evidence = NULL;
	int error;

	*out = NULL;
	if ((error = pa_evidence_build(&evidence, location, &rv->evopts)) < 0 ||
	    (error = pa_results_new(&res)) < 0 ||
	    (error = pa_eval_run(res, ev, evidence, &rv->evalopts)) < 0)
		goto done;
	*out = res;
	res = NULL;	/* the caller owns it now */
done:
	pa_results_free(res);
	xmlFreeDoc(evidence);
	return error;
}

/* The screen's loader: every dossier audited in-process, in call order, with progress. */
static int
load(struct pa_review_call *call, pa_review_progress_fn progress, void *screen, void *payload)
{
	struct review *rv = payload;
	struct pa_eval *ev = NULL;
	struct pa_results *res;
	size_t i, n = rv->locations.count;
	int error;

	if (progress != NULL)
		progress(screen, 0, n, "loading the rule packs", NULL);
	if ((error = pa_rulepack_load(&rv->pack, rv->rulesdir, NULL)) < 0 ||
	    (error = pa_eval_new(&ev, rv->pack)) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		const char *loc = rv->locations.items[i];

		if (progress != NULL)
			progress(screen, i, n, loc, loc);
		if (audit_one(&res, rv, ev, loc) < 0) {
			const char *msg = pa_error_last();

			error = pa_review_call_add(call, loc, NULL, msg ? msg : "the audit failed");
			pa_error_clear();
		} else {
			error = pa_review_call_add(call, loc, res, NULL);
		}
		if (error < 0)
			goto done;
	}
	if (progress != NULL)
		progress(screen, n, n, "done", NULL);
done:
	pa_eval_free(ev);
	return error;
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

	if (rv->pack == NULL || (r = pa_rulepack_find(rv->pack, id)) == NULL)
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
	const char *rules = NULL, *as_of_arg = NULL;
	char as_of[11], *s;
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
		default:
			if (!pa_cli_dossier_opt(&rv.evopts.dossier, &rv.evopts.sig, c, st.arg))
				return pa_opt_usage_error(cmd, "unexpected option");
		}
	}
	if (!pa_cli_dossier_opts_ok(cmd, &rv.evopts.dossier))
		return PA_EXIT_FAILURE;
	if (pa_evidence_as_of(as_of, as_of_arg) < 0)
		return pa_opt_usage_error(cmd, "--as-of: %s", pa_error_last());
	rv.evopts.as_of = as_of;
	rv.evalopts.as_of = as_of;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return pa_opt_usage_error(cmd, "the review needs a terminal; "
		    "'pactaudit check' reports without one");

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
	sopts.payload = &rv;
	if (pa_review_screen_run(&sopts) < 0)
		rc = pa_cmd_fail();
done:
	for (k = 0; rv.evidence != NULL && k < rv.locations.count; k++)
		free(rv.evidence[k]);
	free(rv.evidence);
	pa_dossier_free(rv.open);
	pa_rulepack_free(rv.pack);
	pa_vec_dispose(&rv.locations, free);
	pa_review_call_dispose(&call);
	pa_buf_dispose(&rulesdir);
	return rc;
}

const struct pa_cmd pa_cmd_review = {
	.name = "review",
	.run = run_review,
	.summary = "review a call of dossiers on the terminal (ncurses)",
	.synopsis = "[DOSSIER... | CALLDIR] [--rev REV] [--worktree] [--path DIR] "
	    "[--as-of DATE] [--rules DIR] [--keyring FILE] [--registry FILE] [--no-cache]",
	.description = "Audits each dossier in-process (a CALLDIR stands for each of its "
	    "sub-folders that is a dossier) and opens a screen with one line per dossier; "
	    "from there its systems, models and signatures, its findings grouped by "
	    "severity, and each finding's evidence: the file at the audited commit at "
	    "the finding's line, the rule behind it and the evidence document.  Keys "
	    "as in tig and mutt; '?' lists them.  See pactaudit-review(1).",
	.opts = review_opts,
};
