/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `pactaudit diff`: two results files, or two revisions of one dossier
 * audited in-process (src/audit), compared by results/diff.c; the signers
 * and pledges come from the evidence of each side.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit/audit.h"
#include "cli/cmd.h"
#include "cli/evidence_at.h"
#include "evidence/evidence.h"
#include "render/render.h"
#include "results/diff.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/vec.h"

enum {
	OPT_FORMAT = 1,
	OPT_OUTPUT,
	OPT_FAIL_ON,
	OPT_REV,
	OPT_PATH,
	OPT_AS_OF,
	OPT_RULES,
	OPT_KEYRING,
	OPT_REGISTRY,
	OPT_NO_CACHE
};

static const struct pa_opt diff_opts[] = {
	{ .name = "format", .arg = "FORMAT", .id = OPT_FORMAT,
	  .help = "text (default), json, md or html" },
	{ .name = "output", .key = 'o', .arg = "FILE", .id = OPT_OUTPUT,
	  .help = "write to FILE (replaced atomically) instead of standard output" },
	{ .name = "fail-on", .arg = "SEVERITY", .id = OPT_FAIL_ON,
	  .help = "exit 1 if a new finding is at least this severe (default error; none: never)" },
	{ .name = "rev", .arg = "REV", .id = OPT_REV,
	  .help = "with one dossier: the old, then the new revision (give it twice)" },
	{ .name = "path", .arg = "DIR", .id = OPT_PATH,
	  .help = "the dossier is this folder of the repository" },
	{ .name = "as-of", .arg = "DATE", .id = OPT_AS_OF,
	  .help = "audit as of DATE, YYYY-MM-DD (default today, UTC)" },
	{ .name = "rules", .arg = "DIR", .id = OPT_RULES,
	  .help = "read the rule packs from DIR (default <datadir>/rules)" },
	{ .name = "keyring", .arg = "FILE", .id = OPT_KEYRING,
	  .help = "the auditor's public keys (OpenPGP)" },
	{ .name = "registry", .arg = "FILE", .id = OPT_REGISTRY,
	  .help = "take the trust root and pinned keys from the auditor's registry" },
	{ .name = "no-cache", .id = OPT_NO_CACHE,
	  .help = "neither read nor write the caches" },
	{ 0 }
};

/* The signers and pledges of one side (strings owned by strs). */
struct facts {
	struct pa_diff_fact *signers, *pledges;
	size_t nsigners, npledges;
	bool ok;
	struct pa_vec strs;
};

static int
collect(struct pa_diff_fact **out, size_t *n, xmlXPathContext *ctx, const char *nodes,
    const char *key, const char *label, const char *value, struct pa_vec *strs)
{
	xmlXPathObject *o = xmlXPathEvalExpression(BAD_CAST nodes, ctx);
	xmlNodeSet *ns = o && o->type == XPATH_NODESET ? o->nodesetval : NULL;
	size_t i, count = ns ? (size_t)ns->nodeNr : 0;
	int error = 0;

	*n = 0;
	if ((*out = pa_calloc(count ? count : 1, sizeof(**out))) == NULL) {
		xmlXPathFreeObject(o);
		return pa_error_oom();
	}
	for (i = 0; i < count && error == 0; i++) {
		const char *exprs[3] = { key, label, value };
		const char **dst[3] = { &(*out)[i].key, &(*out)[i].label, &(*out)[i].value };
		size_t k;

		ctx->node = ns->nodeTab[i];
		for (k = 0; k < 3; k++) {
			char *s = pa_cli_xpath_string(ctx, exprs[k]);

			if (s != NULL && pa_vec_push(strs, s) < 0) {
				free(s);
				error = pa_error_oom();
				break;
			}
			*dst[k] = s;
		}
		(*n)++;
	}
	xmlXPathFreeObject(o);
	return error;
}

static int
read_facts(struct facts *f, const struct pa_results *res, const struct pa_date *as_of,
    const char *keyring)
{
	xmlDoc *ev = pa_cli_evidence_at(res, as_of, keyring);
	xmlXPathContext *ctx = pa_cli_evidence_xpath(ev);
	int error = 0;

	if (ctx != NULL) {
		f->ok = true;
		if ((error = collect(&f->signers, &f->nsigners, ctx,
		    "/e:evidence/e:signers/e:signer", "string(@fingerprint)", "string(@name)",
		    "normalize-space(@rights)", &f->strs)) == 0)
			error = collect(&f->pledges, &f->npledges, ctx,
			    "/e:evidence/e:pact/e:core | /e:evidence/e:pact/e:pledge | "
			    "/e:evidence/e:pact/e:signatory",
			    "concat(local-name(), ' ', @id, @fingerprint)",
			    "concat(@name, substring(concat('Art. ', @article), 1, 64 * boolean(@article)))",
			    "concat(normalize-space(.), substring(concat(' (due ', @due, ')'), 1, "
			    "64 * boolean(@due)))", &f->strs);
	}
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(ev);
	return error;
}

static void
facts_dispose(struct facts *f)
{
	free(f->signers);
	free(f->pledges);
	pa_vec_dispose(&f->strs, free);
}

static bool
is_file(const char *path)
{
	struct stat st;

	return strcmp(path, "-") == 0 || (stat(path, &st) == 0 && S_ISREG(st.st_mode));
}

/* One results file holding exactly one dossier. */
static int
load_one(struct pa_results **out, const char *path)
{
	struct pa_vec list = PA_VEC_INIT;
	int error;

	*out = NULL;
	if ((error = pa_cmd_load_results(&list, path)) == 0 && list.count != 1)
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s: holds %zu dossiers; diff compares one dossier's results", path, list.count);
	if (error == 0) {
		*out = list.items[0];
		list.count = 0;
	}
	pa_vec_dispose(&list, pa_cmd_results_free);
	return error;
}

static int
render(const struct pa_diff *d, const char *format, const char *output, enum pa_fail_on fail_on)
{
	char *mem = NULL;
	size_t size = 0;
	xmlDoc *doc = NULL;
	FILE *fp;
	int error;

	if ((fp = open_memstream(&mem, &size)) == NULL)
		return pa_error_oom();
	if (strcmp(format, "json") == 0)
		error = pa_render_diff_json(fp, d, fail_on);
	else if (strcmp(format, "text") == 0)
		error = pa_render_diff_text(fp, d, fail_on);
	else if ((error = pa_render_diff_xml(&doc, d, fail_on)) == 0)
		error = pa_render_xslt_doc(fp, doc, strcmp(format, "html") == 0 ?
		    "diff-html.xsl" : "diff-md.xsl", strcmp(format, "html") == 0);
	if (fclose(fp) != 0 && error == 0)
		error = pa_error_oom();
	if (error == 0)
		error = pa_cmd_write_output(output, mem, size);
	xmlFreeDoc(doc);
	free(mem);
	return error;
}

static int
run_diff(const struct pa_cmd *cmd, int argc, char **argv)
{
	struct pa_opt_state st;
	struct pa_audit_opts aopts = { 0 };
	struct pa_audit *audit = NULL;
	struct pa_audit_item items[2] = { { 0 } };
	struct pa_results *sides[2] = { NULL, NULL };
	struct facts facts[2] = { { 0 } };
	struct pa_diff *d = NULL;
	enum pa_fail_on fail_on = PA_FAIL_ON_ERROR;
	const char *format = "text", *output = NULL, *as_of_arg = NULL, *subdir = NULL;
	const char *revs[2] = { NULL, NULL };
	size_t nrevs = 0, i;
	struct pa_date as_of;
	int c, rc = PA_EXIT_FAILURE;

	pa_error_clear();
	pa_opt_start(&st, cmd, argc, argv);
	while ((c = pa_opt_next(&st)) != PA_OPT_DONE) {
		switch (c) {
		case PA_OPT_HELP: return PA_EXIT_OK;
		case PA_OPT_ERROR: return PA_EXIT_FAILURE;
		case OPT_FORMAT: format = st.arg; break;
		case OPT_OUTPUT: output = st.arg; break;
		case OPT_AS_OF: as_of_arg = st.arg; break;
		case OPT_RULES: aopts.rules_dir = st.arg; break;
		case OPT_KEYRING: aopts.sig.keyring = st.arg; break;
		case OPT_REGISTRY: aopts.sig.registry = st.arg; break;
		case OPT_NO_CACHE: aopts.sig.no_cache = true; break;
		case OPT_PATH: subdir = st.arg; break;
		case OPT_FAIL_ON:
			if (pa_results_fail_on_parse(&fail_on, st.arg) < 0) {
				pa_error_clear();
				return pa_opt_usage_error(cmd, "--fail-on is blocker, error, "
				    "warning, info or none, not '%s'", st.arg);
			}
			break;
		case OPT_REV:
			if (nrevs == 2)
				return pa_opt_usage_error(cmd, "--rev is given twice: old, then new");
			revs[nrevs++] = st.arg;
			break;
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "md") != 0 && strcmp(format, "html") != 0)
		return pa_opt_usage_error(cmd, "unknown --format '%s' (text, json, md or html)", format);
	if (!pa_opt_as_of(cmd, as_of_arg, &as_of))
		return PA_EXIT_FAILURE;
	aopts.as_of = as_of;
	aopts.sig.as_of = &as_of;
	if (nrevs == 0) {
		if (argc - st.optind != 2)
			return pa_opt_usage_error(cmd, "name two results files, or one dossier "
			    "with --rev OLD --rev NEW");
		for (i = 0; i < 2; i++) {
			if (!is_file(argv[st.optind + (int)i]))
				return pa_opt_usage_error(cmd, "'%s' is not a results file (for two "
				    "revisions of a dossier give --rev twice)", argv[st.optind + (int)i]);
			if (load_one(&sides[i], argv[st.optind + (int)i]) < 0)
				goto fail;
		}
	} else {
		if (nrevs != 2 || argc - st.optind != 1)
			return pa_opt_usage_error(cmd, "with --rev: one dossier and --rev given twice "
			    "(old, then new)");
		if (pa_audit_new(&audit, &aopts) < 0)
			goto fail;
		for (i = 0; i < 2; i++) {
			items[i].location = argv[st.optind];
			items[i].dossier.rev = revs[i];
			items[i].dossier.subdir = subdir;
		}
		if (pa_audit_call(audit, items, 2) < 0)
			goto fail;
		for (i = 0; i < 2; i++) {
			if (items[i].results == NULL) {
				pa_error_setc(PA_EINVALID, PA_ERRCLASS_DOSSIER, "%s at %s: %s",
				    argv[st.optind], revs[i], items[i].error ? items[i].error :
				    "could not be audited");
				goto fail;
			}
			sides[i] = items[i].results;
		}
	}
	for (i = 0; i < 2; i++)
		if (read_facts(&facts[i], sides[i], &as_of, aopts.sig.keyring) < 0)
			goto fail;
	if (pa_diff_results(&d, sides[0], sides[1],
	    facts[0].signers, facts[0].nsigners, facts[1].signers, facts[1].nsigners,
	    facts[0].ok && facts[1].ok,
	    facts[0].pledges, facts[0].npledges, facts[1].pledges, facts[1].npledges,
	    facts[0].ok && facts[1].ok) < 0 ||
	    render(d, format, output, fail_on) < 0)
		goto fail;
	rc = pa_diff_failing(d, fail_on) > 0 ? PA_EXIT_FINDINGS : PA_EXIT_OK;
	goto done;
fail:
	rc = pa_cmd_fail();
done:
	pa_diff_free(d);
	for (i = 0; i < 2; i++) {
		facts_dispose(&facts[i]);
		if (audit == NULL)
			pa_results_free(sides[i]);
		pa_audit_item_dispose(&items[i]);
	}
	pa_audit_free(audit);
	return rc;
}

const struct pa_cmd pa_cmd_diff = {
	.name = "diff",
	.run = run_diff,
	.summary = "compare two results, or two revisions of a dossier",
	.synopsis = "OLD.xml NEW.xml | DOSSIER --rev OLD --rev NEW [--format text|json|md|html] "
	    "[-o FILE] [--fail-on SEVERITY] [--as-of DATE] [--keyring FILE]",
	.description =
	    "Compares two results of one dossier: findings new, fixed and unchanged (matched\n"
	    "by fingerprint, so moved lines do not count as changes), verdict and tier\n"
	    "changes, signers added, removed or given other rights in pact/signers.xml, and\n"
	    "pledges added, removed or changed in pact/commitments.xml.  With --rev twice\n"
	    "the dossier is audited at both revisions.  Exit status: 0 no new finding at or\n"
	    "above --fail-on (default error), 1 at least one, 2 the diff could not be made.",
	.opts = diff_opts,
};
