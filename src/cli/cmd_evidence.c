/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `pactaudit evidence`: print the evidence document the rules see, as indented XML. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "cli/cmd.h"
#include "cli/dossier_opt.h"
#include "cli/output.h"
#include "evidence/evidence.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/text.h"

enum {
	OPT_AS_OF = 1,
	OPT_OUTPUT
};

static const struct pa_opt evidence_opts[] = {
	PA_DOSSIER_OPTS(""),
	{ .name = "as-of", .arg = "DATE", .id = OPT_AS_OF,
	  .help = "judge expiry as of DATE, YYYY-MM-DD (default today, UTC)" },
	{ .name = "output", .key = 'o', .arg = "FILE", .id = OPT_OUTPUT,
	  .help = "write the document to FILE instead of standard output" },
	{ 0 }
};

/*
 * The document is valid XML, but some characters it may legally hold can
 * still steer a terminal (C1 controls, DEL) or reorder what is shown (BiDi
 * controls).  Write those as character references: the document means the
 * same, and the bytes are harmless on a screen.
 */
static int
escape_for_display(struct pa_buf *out, const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	unsigned int cp;
	size_t i = 0, n;

	while (i < len) {
		n = pa_text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {	/* libxml2 writes UTF-8; keep any other byte visible */
			pa_buf_printf(out, "\\x%02x", s[i]);
			i++;
			continue;
		}
		/* C0 controls other than \n and \t cannot be in an XML document */
		if (cp >= 0x20 && pa_text_is_unsafe(cp))
			pa_buf_printf(out, "&#x%X;", cp);
		else
			pa_buf_put(out, data + i, n);
		i += n;
	}
	return pa_buf_oom(out) ? PA_ENOMEM : 0;
}

static int
write_doc(xmlDoc *doc, const char *output)
{
	struct pa_buf text = PA_BUF_INIT;
	xmlChar *mem = NULL;
	int len = 0, error;

	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	if (mem == NULL) {
		error = pa_error_oom();
		goto done;
	}
	if ((error = escape_for_display(&text, (const char *)mem, (size_t)len)) < 0)
		goto done;
	if (output != NULL && strcmp(output, "-") != 0) {
		error = pa_file_write_atomic(output, text.ptr, text.size, 0);
		goto done;
	}
	errno = 0;
	if ((fwrite(text.ptr, 1, text.size, stdout) != text.size || fflush(stdout) != 0) &&
	    !pa_cli_reader_gone(errno))	/* `| head`: the reader has what it wanted */
		error = pa_error_from_os("cannot write", "standard output");
	clearerr(stdout);
done:
	xmlFree(mem);
	pa_buf_dispose(&text);
	return error;
}

static int
run_evidence(const struct pa_cmd *cmd, int argc, char **argv)
{
	struct pa_evidence_opts opts = { 0 };
	struct pa_opt_state st;
	const char *output = NULL;
	xmlDoc *doc = NULL;
	const char *as_of_arg = NULL;
	struct pa_date as_of;
	int c, rc = PA_EXIT_OK;

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
		case OPT_OUTPUT:
			output = st.arg;
			break;
		default:
			if (!pa_cli_dossier_opt(&opts.dossier, &opts.sig, c, st.arg))
				return pa_opt_usage_error(cmd, "unexpected option");
		}
	}
	if (st.optind != argc - 1)
		return pa_opt_usage_error(cmd, st.optind >= argc ?
		    "which dossier? give one folder" : "give one dossier only");
	if (!pa_cli_dossier_opts_ok(cmd, &opts.dossier))
		return PA_EXIT_FAILURE;
	if (as_of_arg != NULL) {
		if (!pa_opt_as_of(cmd, as_of_arg, &as_of))
			return PA_EXIT_FAILURE;
		opts.as_of = &as_of;
	}

	if (pa_evidence_build(&doc, argv[st.optind], &opts) < 0 ||
	    write_doc(doc, output) < 0)
		rc = pa_cmd_fail();
	xmlFreeDoc(doc);
	return rc;
}

const struct pa_cmd pa_cmd_evidence = {
	.name = "evidence",
	.run = run_evidence,
	.summary = "print the evidence document the rules see, as XML",
	.synopsis = "DOSSIER [--rev REV] [--worktree] [--path DIR] [--as-of DATE] "
	    "[--keyring FILE] [--registry FILE] [--no-cache] [-o FILE]",
	.description = "Reads the dossier (at a revision, from the object database only, "
	    "unless --worktree), parses its application, cards, documents and pact files, "
	    "checks its signatures, and prints everything the rules look at, each element "
	    "with the file and line it came from.  Problems with the dossier's content "
	    "are listed under <diagnostics>; they do not make the command fail.",
	.opts = evidence_opts,
};
