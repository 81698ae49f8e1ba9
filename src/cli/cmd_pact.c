/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `pactaudit pact sign|verify`: sign pact/commitments.xml, or check it and the history that carries it. */
#include "config.h"

#include <libxml/tree.h>
#include <libxml/dict.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/dossier_opt.h"
#include "dossier/dossier.h"
#include "evidence/sigxml.h"
#include "parse/evnode.h"
#include "sig/gpg.h"
#include "sig/policy.h"
#include "sig/sig.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/text.h"

enum {
	OPT_KEY = 1,
	OPT_DOSSIER,
	OPT_REPLACE,
	OPT_AS_OF,
	OPT_JOBS,
	OPT_XML,
	OPT_OUTPUT
};

static const struct pa_opt pact_opts[] = {
	{ .name = "key", .arg = "KEY", .id = OPT_KEY,
	  .help = "sign: sign with this key (fingerprint or user id) instead of the default key" },
	{ .name = "dossier", .arg = "DIR", .id = OPT_DOSSIER,
	  .help = "sign: the dossier folder, as the DOSSIER operand (kept for old scripts)" },
	{ .name = "replace", .id = OPT_REPLACE,
	  .help = "sign: replace the signatures already there instead of adding one" },
	PA_DOSSIER_OPTS("verify: "),
	{ .name = "as-of", .arg = "DATE", .id = OPT_AS_OF,
	  .help = "verify: judge key and signature expiry as of DATE, YYYY-MM-DD" },
	{ .name = "jobs", .key = 'j', .arg = "N", .id = OPT_JOBS,
	  .help = "verify: with --verifier gpgme, run N verifications at once (default: the processors it may use + 1)" },
	{ .name = "xml", .id = OPT_XML,
	  .help = "verify: print the <signatures> and <git> evidence as XML" },
	{ .name = "output", .key = 'o', .arg = "FILE", .id = OPT_OUTPUT,
	  .help = "verify: write to FILE (replaced atomically) instead of standard output" },
	{ 0 }
};

/* Print a dossier-derived value made safe for the terminal. */
static void
put_safe(FILE *fp, const char *s)
{
	struct pa_buf b = PA_BUF_INIT;

	if (s == NULL)
		return;
	pa_text_sanitize(&b, s, strlen(s), PA_TEXT_ONELINE);
	fputs(b.ptr, fp);
	pa_buf_dispose(&b);
}

static const char *const kind_names[] = { "detached", "commit", "tag" };

static void
print_signature(FILE *out, const struct pa_sig_entry *e)
{
	bool commit = e->kind == PA_SIG_KIND_COMMIT;
	struct pa_buf rights = PA_BUF_INIT;

	fprintf(out, "%-17s %-8s ", pa_sig_status_name(e->status), kind_names[e->kind]);
	if (commit)
		fprintf(out, "%.12s", e->object);
	else
		put_safe(out, e->object);
	if (e->uid != NULL || e->fpr[0] != '\0') {
		fputs("  by ", out);
		put_safe(out, e->uid ? e->uid : e->fpr);
	}
	if (e->fpr[0] != '\0' && e->uid != NULL) {
		fputs(" [", out);
		put_safe(out, e->fpr);
		fputs("]", out);
	}
	if (e->authorised) {
		pa_rights_format(&rights, e->needed);
		fprintf(out, "  (%s: authorised", rights.ptr ? rights.ptr : "");
		if (commit && !e->authenticated)
			fputs(", not authenticated", out);
		fputs(")", out);
	}
	if (e->reason != NULL) {
		fputs("\n                  ", out);
		put_safe(out, e->reason);
	}
	fputc('\n', out);
	pa_buf_dispose(&rights);
}

/*
 * Text report; returns the exit code.  Every detached and tag signature is
 * listed, and of the commits the root and those that do not authenticate
 * (a history of thousands of good commits is one count line).
 */
static int
report(FILE *out, const struct pa_sig_report *rep, struct pa_dossier *d,
    const struct pa_diag *diag)
{
	bool tag_ok = true, ok;
	size_t i, commits = 0, authenticated = 0;

	fputs("dossier ", out);
	put_safe(out, pa_dossier_location(d));
	if (pa_dossier_commit(d) != NULL)
		fprintf(out, " at %.12s", pa_dossier_commit(d));
	fprintf(out, "\ntrust: %s", rep->trust);
	if (rep->root != NULL && rep->root[0] != '\0')
		fprintf(out, ", root %.12s", rep->root);
	fputc('\n', out);
	for (i = 0; i < rep->count; i++) {
		const struct pa_sig_entry *e = &rep->entries[i];

		if (e->kind == PA_SIG_KIND_COMMIT) {
			commits++;
			if (e->authenticated) {
				authenticated++;
				if (!e->root)
					continue;
			}
		}
		print_signature(out, e);
		if (e->kind == PA_SIG_KIND_TAG && !e->authorised)
			tag_ok = false;
	}
	if (commits > 0)
		fprintf(out, "commits: %zu checked, %zu authenticated\n", commits, authenticated);
	fprintf(out, "history: %s", rep->history);
	if (rep->reason != NULL) {
		fputs(" (", out);
		put_safe(out, rep->reason);
		fputc(')', out);
	}
	fprintf(out, "\npact/commitments.xml: %s\n", rep->pact_signed ? "signed by an authorised signer" :
	    "NOT signed by an authorised signer");
	for (i = 0; i < diag->count; i++) {
		fprintf(stderr, "pactaudit: %s: ", pa_diag_severity_name(diag->entries[i].severity));
		if (diag->entries[i].path != NULL)
			fprintf(stderr, "%s: ", diag->entries[i].path);
		fprintf(stderr, "%s\n", diag->entries[i].message);
	}
	ok = rep->pact_signed && tag_ok && strcmp(rep->history, "unauthenticated") != 0;
	return ok ? PA_EXIT_OK : PA_EXIT_FINDINGS;
}

/* The <signatures> and <git> evidence of the report, as XML. */
static int
dump_xml(FILE *fp, const struct pa_sig_report *rep)
{
	xmlDoc *doc;
	xmlNode *root;
	xmlChar *mem = NULL;
	struct pa_buf out = PA_BUF_INIT;
	int len = 0, error = 0;

	/* a dictionary: element and attribute names are shared, not copied per node */
	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL || (doc->dict = xmlDictCreate()) == NULL ||
	    (root = xmlNewDocNode(doc, NULL, BAD_CAST "evidence", NULL)) == NULL) {
		xmlFreeDoc(doc);
		return pa_error_oom();
	}
	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, pa_ev_ns(root));
	if ((error = pa_sigxml_write(root, rep)) < 0)
		goto done;
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	if (mem == NULL) {
		error = pa_error_oom();
		goto done;
	}
	/* keep the XML but never let a control character reach the terminal */
	pa_text_sanitize(&out, (const char *)mem, (size_t)len, PA_TEXT_KEEP_NL);
	if (pa_buf_oom(&out) || fwrite(out.ptr, 1, out.size, fp) != out.size)
		error = pa_error_from_os("cannot write", "standard output");
done:
	pa_buf_dispose(&out);
	xmlFree(mem);
	xmlFreeDoc(doc);
	return error;
}

/*
 * --as-of of pact verify into so->as_of (day holds it).  Without one,
 * signatures are judged now, not at the end of today.  A bad date has a
 * message of its own, after a bad --verifier (pa_sig_check names that).
 */
static int
verify_as_of(struct pa_sig_opts *so, struct pa_date *day, const char *arg)
{
	if (arg == NULL)
		return 0;
	if (pa_date_from_iso(day, arg)) {
		so->as_of = day;
		return 0;
	}
	if (so->verifier == PA_SIG_VERIFIER_UNKNOWN)
		return 0;
	return pa_error_setc(PA_EUSAGE, PA_ERRCLASS_USAGE, "as-of date '%s' is not YYYY-MM-DD",
	    arg);
}

static int
run_verify(const struct pa_cmd *cmd, struct pa_opt_state *st, const struct pa_dossier_opts *dopts,
    const struct pa_sig_opts *sopts, const char *as_of_arg, bool xml, const char *output)
{
	struct pa_cmd_sink sink;
	struct pa_sig_opts so = *sopts;
	struct pa_date as_of;
	struct pa_dossier *d = NULL;
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_sig_report *rep = NULL;
	const char *location = ".";
	int rc = PA_EXIT_FAILURE;

	if (st->optind < st->argc)
		location = st->argv[st->optind];
	if (st->optind + 1 < st->argc)
		return pa_opt_usage_error(cmd, "verify takes one dossier");
	if (pa_dossier_open(&d, location, dopts, &diag) < 0 ||
	    verify_as_of(&so, &as_of, as_of_arg) < 0 ||
	    pa_sig_check(&rep, d, &so, &diag) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	if (pa_cmd_sink_open(&sink, output) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	if (xml) {
		rc = dump_xml(sink.fp, rep) < 0 ? pa_cmd_fail() : PA_EXIT_OK;
		if (rc == PA_EXIT_OK && !rep->pact_signed)
			rc = PA_EXIT_FINDINGS;
	} else {
		rc = report(sink.fp, rep, d, &diag);
	}
	if (pa_cmd_sink_close(&sink, rc == PA_EXIT_FAILURE ? PA_ERROR : 0) < 0 &&
	    rc != PA_EXIT_FAILURE)
		rc = pa_cmd_fail();
done:
	pa_sig_report_free(rep);
	pa_diag_dispose(&diag);
	pa_dossier_free(d);
	return rc;
}

static int
run_sign(const struct pa_cmd *cmd, struct pa_opt_state *st, const char *dir, const char *key,
    bool replace)
{
	struct pa_buf path = PA_BUF_INIT, data = PA_BUF_INIT, sig = PA_BUF_INIT;
	struct pa_buf out = PA_BUF_INIT, spath = PA_BUF_INIT, signers = PA_BUF_INIT;
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_policy *policy = NULL;
	const struct pa_signer *s;
	char fpr[65];
	int rc = PA_EXIT_FAILURE, err;

	/* the dossier is an operand, as for every other command (--dossier still works) */
	if (st->optind + 1 < st->argc)
		return pa_opt_usage_error(cmd, "give one dossier only");
	if (st->optind < st->argc) {
		if (strcmp(dir, ".") != 0)
			return pa_opt_usage_error(cmd, "give the dossier once, not also with --dossier");
		dir = st->argv[st->optind];
	}
	if (pa_buf_printf(&path, "%s/pact/commitments.xml", dir) < 0 ||
	    pa_file_read(&data, path.ptr, PA_LIMIT_FILE_SIZE, 1) < 0 ||
	    pa_gpg_sign_detached(&sig, fpr, data.ptr, data.size, key) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	pa_buf_printf(&spath, "%s.asc", path.ptr);
	if (!replace) {
		err = pa_file_read(&out, spath.ptr, PA_LIMIT_FILE_SIZE, 1);
		if (err < 0 && err != PA_ENOTFOUND) {
			rc = pa_cmd_fail();
			goto done;
		}
		if (out.size > 0 && out.ptr[out.size - 1] != '\n')
			pa_buf_putc(&out, '\n');
	}
	pa_buf_put(&out, sig.ptr, sig.size);
	if (pa_buf_oom(&out) || pa_file_write_atomic(spath.ptr, out.ptr, out.size, 0) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	printf("signed %s with key %s\n", path.ptr, fpr);
	rc = PA_EXIT_OK;
	/* a signature only counts if the policy gives its key the pact right */
	pa_buf_printf(&signers, "%s/pact/signers.xml", dir);
	pa_buf_clear(&data);
	if (pa_file_read(&data, signers.ptr, PA_LIMIT_FILE_SIZE, 1) == 0 &&
	    pa_policy_parse(&policy, data.ptr, data.size, "pact/signers.xml", &diag) == 0) {
		s = pa_policy_find(policy, fpr);
		if (s == NULL || !(s->rights & PA_RIGHT_PACT))
			fprintf(stderr, "pactaudit: warning: key %s has no 'pact' right in "
			    "pact/signers.xml, so this signature will not count\n", fpr);
	}
	pa_error_clear();
done:
	pa_policy_free(policy);
	pa_diag_dispose(&diag);
	pa_buf_dispose(&signers);
	pa_buf_dispose(&spath);
	pa_buf_dispose(&out);
	pa_buf_dispose(&sig);
	pa_buf_dispose(&data);
	pa_buf_dispose(&path);
	return rc;
}

static int
run_pact(const struct pa_cmd *cmd, int argc, char **argv)
{
	struct pa_dossier_opts dopts = { 0 };
	struct pa_sig_opts sopts = { 0 };
	struct pa_opt_state st;
	const char *sub, *key = NULL, *dir = ".", *as_of_arg = NULL, *output = NULL;
	unsigned long jobs;
	bool sign, replace = false, xml = false, verify_only = false;
	int c;

	pa_error_clear();
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		pa_opt_help(stdout, cmd);
		return PA_EXIT_OK;
	}
	if (argc < 2 || (strcmp(argv[1], "sign") != 0 && strcmp(argv[1], "verify") != 0))
		return pa_opt_usage_error(cmd, "say 'sign' or 'verify'");
	sub = argv[1];
	sign = strcmp(sub, "sign") == 0;
	pa_opt_start(&st, cmd, argc - 1, argv + 1);
	while ((c = pa_opt_next(&st)) != PA_OPT_DONE) {
		switch (c) {
		case PA_OPT_HELP:
			return PA_EXIT_OK;
		case PA_OPT_ERROR:
			return PA_EXIT_FAILURE;
		case OPT_KEY:
			key = st.arg;
			break;
		case OPT_DOSSIER:
			dir = st.arg;
			break;
		case OPT_REPLACE:
			replace = true;
			break;
		case OPT_AS_OF:
			as_of_arg = st.arg;
			verify_only = true;
			break;
		case OPT_JOBS:
			if (!pa_opt_uint(cmd, "jobs", st.arg, 1, 32, &jobs))
				return PA_EXIT_FAILURE;
			sopts.jobs = (unsigned)jobs;
			verify_only = true;
			break;
		case OPT_XML:
			xml = true;
			verify_only = true;
			break;
		case OPT_OUTPUT:
			output = st.arg;
			verify_only = true;
			break;
		default:
			if (!pa_cli_dossier_opt(&dopts, &sopts, c, st.arg))
				return pa_opt_usage_error(cmd, "unexpected option");
			verify_only = true;
		}
	}
	if (sign && verify_only)
		return pa_opt_usage_error(cmd, "that option is for 'pact verify'");
	if (!pa_cli_dossier_opts_ok(cmd, &dopts))
		return PA_EXIT_FAILURE;
	if (!sign && (key != NULL || replace || strcmp(dir, ".") != 0))
		return pa_opt_usage_error(cmd, "--key, --dossier and --replace are for 'pact sign'");
	if (sign)
		return run_sign(cmd, &st, dir, key, replace);
	return run_verify(cmd, &st, &dopts, &sopts, as_of_arg, xml, output);
}

const struct pa_cmd pa_cmd_pact = {
	.name = "pact",
	.run = run_pact,
	.summary = "sign pact/commitments.xml, or verify it and the signed history",
	.synopsis = "sign [DOSSIER] [--key KEY] [--replace] | "
	    "verify [DOSSIER] [--rev REV] [--keyring FILE] [--registry FILE] [-o FILE] [options]",
	.description =
	    "'pact sign' adds an armoured detached signature of pact/commitments.xml,\n"
	    "made with your own GnuPG key, to pact/commitments.xml.asc.  'pact verify'\n"
	    "checks that signature against the signing policy (pact/signers.xml) and\n"
	    "every commit from the trust root to the audited commit, in a private\n"
	    "GnuPG home; exit 0 when the pact is signed by an authorised signer and\n"
	    "the history authenticates, 1 when not, 2 when the check cannot run.\n"
	    "See pactaudit-trust(7).",
	.opts = pact_opts,
};
