/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `pactaudit ledger init|log`: make a ledger with its auditors; list and verify its records. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cmd.h"
#include "ledger/ledger.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"

enum {
	OPT_LEDGER = 1,
	OPT_KEY,
	OPT_AUDITOR,
	OPT_KEYRING,
	OPT_OUTPUT
};

static const struct pa_opt ledger_opts[] = {
	{ .name = "ledger", .arg = "DIR", .id = OPT_LEDGER,
	  .help = "the ledger (default $XDG_DATA_HOME/pactaudit/ledger)" },
	{ .name = "key", .arg = "KEY", .id = OPT_KEY,
	  .help = "init: sign with this key (fingerprint or user id); it may also change "
	  "the auditors" },
	{ .name = "auditor", .arg = "FINGERPRINT", .id = OPT_AUDITOR,
	  .help = "init: another auditor who may record decisions and waivers (repeatable; "
	  "the public key must be in your keyring)" },
	{ .name = "keyring", .arg = "FILE", .id = OPT_KEYRING,
	  .help = "log: more public keys to verify with (the ledger's keys.asc is always read)" },
	{ .name = "output", .key = 'o', .arg = "FILE", .id = OPT_OUTPUT,
	  .help = "log: write to FILE (replaced atomically) instead of standard output" },
	{ 0 }
};

static void
print_entry(FILE *out, const struct pa_ledger_entry *e)
{
	char day[11];
	time_t t = (time_t)e->time;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	fprintf(out, "%.12s %s %-9s ", e->commit, day, e->trusted ? "trusted" : "UNTRUSTED");
	switch (e->kind) {
	case PA_LEDGER_POLICY:
		fputs("auditors", out);
		break;
	case PA_LEDGER_DECISION:
		fprintf(out, "decision %s ", pa_decision_name(e->decision.decision));
		pa_cmd_put_safe(out, e->decision.dossier);
		if (e->decision.commit != NULL)
			fprintf(out, " at %.12s", e->decision.commit);
		if (e->decision.gpu_hours >= 0)
			fprintf(out, ", %lld GPU-hours", e->decision.gpu_hours);
		break;
	case PA_LEDGER_WAIVER:
		fputs("waiver ", out);
		pa_cmd_put_safe(out, e->waiver->rule ? e->waiver->rule : "");
		if (e->waiver->finding != NULL) {
			fputs(" ", out);
			fprintf(out, "%.12s", e->waiver->finding);
		}
		fprintf(out, " until %s (", e->waiver->until);
		pa_cmd_put_safe(out, e->waiver->reason);
		fputs(")", out);
		break;
	case PA_LEDGER_OTHER:
		fputs("(not a ledger record)", out);
		break;
	}
	fputs("\n    by ", out);
	pa_cmd_put_safe(out, e->signer_name ? e->signer_name : "?");
	fprintf(out, " [%s]", e->signer[0] ? e->signer : "no key");
	if (e->problem != NULL) {
		fputs(": ", out);
		pa_cmd_put_safe(out, e->problem);
	}
	fputc('\n', out);
}

static int
run_ledger(const struct pa_cmd *cmd, int argc, char **argv)
{
	struct pa_opt_state st;
	struct pa_buf def = PA_BUF_INIT;
	struct pa_ledger *ledger = NULL;
	struct pa_ledger_log *log = NULL;
	struct pa_ledger_signer signer = { 0 };
	const char *dir = NULL, *keyring = NULL, *verb, *output = NULL;
	struct pa_cmd_sink sink;
	const char **auditors = NULL;
	size_t n = 0, i;
	char commit[41];
	int c, rc = PA_EXIT_FAILURE;

	pa_error_clear();
	if ((auditors = pa_calloc((size_t)argc + 1, sizeof(*auditors))) == NULL)
		return pa_cmd_fail();
	pa_opt_start(&st, cmd, argc, argv);
	while ((c = pa_opt_next(&st)) != PA_OPT_DONE) {
		switch (c) {
		case PA_OPT_HELP:
			rc = PA_EXIT_OK;
			goto done;
		case PA_OPT_ERROR:
			goto done;
		case OPT_LEDGER: dir = st.arg; break;
		case OPT_KEY: signer.key = st.arg; break;
		case OPT_AUDITOR: auditors[n++] = st.arg; break;
		case OPT_KEYRING: keyring = st.arg; break;
		case OPT_OUTPUT: output = st.arg; break;
		default:
			rc = pa_opt_usage_error(cmd, "unexpected option");
			goto done;
		}
	}
	if (st.optind != argc - 1 || (strcmp(argv[st.optind], "init") != 0 &&
	    strcmp(argv[st.optind], "log") != 0)) {
		rc = pa_opt_usage_error(cmd, "say init or log");
		goto done;
	}
	verb = argv[st.optind];
	if (dir == NULL) {
		if (pa_ledger_default_dir(&def) < 0) {
			rc = pa_cmd_fail();
			goto done;
		}
		dir = def.ptr;
	}
	if (strcmp(verb, "init") == 0) {
		if (pa_ledger_open(&ledger, dir, true) < 0 ||
		    pa_ledger_init(commit, ledger, &signer, auditors, n) < 0) {
			rc = pa_cmd_fail();
			goto done;
		}
		printf("ledger %s: first auditors recorded in %s\n", dir, commit);
		rc = PA_EXIT_OK;
		goto done;
	}
	if (pa_ledger_open(&ledger, dir, false) < 0 ||
	    pa_ledger_load(&log, ledger, keyring) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	if (pa_cmd_sink_open(&sink, output) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	for (i = 0; i < log->count; i++)
		print_entry(sink.fp, &log->entries[i]);
	fprintf(sink.fp, "%zu records, %zu untrusted\n", log->count, log->untrusted);
	if (pa_cmd_sink_close(&sink, 0) < 0) {
		rc = pa_cmd_fail();
		goto done;
	}
	rc = log->untrusted > 0 ? PA_EXIT_FINDINGS : PA_EXIT_OK;
done:
	pa_ledger_log_free(log);
	pa_ledger_free(ledger);
	pa_buf_dispose(&def);
	free(auditors);
	return rc;
}

const struct pa_cmd pa_cmd_ledger = {
	.name = "ledger",
	.run = run_ledger,
	.summary = "make a decision ledger, or list and verify its records",
	.synopsis = "init|log [--ledger DIR] [--key KEY] [--auditor FINGERPRINT]... "
	    "[--keyring FILE] [-o FILE]",
	.description = "init makes the ledger (a bare git repository) and its first "
	    "commit, signed by you, naming the auditors.  log lists every record with "
	    "its signer and whether the ledger's own policy trusts it.  Exit status of "
	    "log: 0 every record trusted, 1 some are not, 2 the ledger cannot be read.",
	.opts = ledger_opts,
};
