/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: command-line parsing (the option tables, the shared dossier options, did-you-mean), no command run. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/dossier_opt.h"
#include "cli/ledger_opt.h"
#include "cli/opt.h"
#include "cli/output.h"
#include "results/results.h"
#include "util/error.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CLI_MAX_INPUT 4096
#define CLI_MAX_ARGS 64

/* Printed text is lines of safe characters: no control byte reaches a terminal. */
static void
check_printable(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\n') || c == 0x7f)
			abort();
	}
}

static void
check_closest(const char *near, const char *const *names, size_t n)
{
	size_t i;

	if (near == NULL)
		return;
	for (i = 0; i < n; i++) {
		if (near == names[i])
			return;
	}
	abort();
}

/* The did-you-mean of an unknown long option, against cmd's table. */
static void
suggest_option(const struct pa_cmd *cmd, const char *arg)
{
	const char *names[CLI_MAX_ARGS + 2];
	const struct pa_opt *o;
	size_t n = 0;

	if (strncmp(arg, "--", 2) != 0)
		return;
	for (o = cmd->opts; o != NULL && o->name != NULL && n < CLI_MAX_ARGS; o++)
		names[n++] = o->name;
	names[n++] = "help";
	names[n++] = "verbose";
	check_closest(pa_text_closest(arg + 2, names, n), names, n);
}

/* The entry of cmd's table that pa_opt_next() returned id for. */
static const struct pa_opt *
find_opt(const struct pa_cmd *cmd, int id)
{
	const struct pa_opt *o;

	for (o = cmd->opts; o != NULL && o->name != NULL; o++) {
		if (o->id == id)
			return o;
	}
	abort();
}

/* What a command does with an option's argument before it runs: the shared parsers. */
static void
parse_arg(const struct pa_cmd *cmd, const struct pa_opt *o, const char *arg)
{
	enum pa_cli_color color;
	enum pa_fail_on fail_on;
	unsigned long v;

	if (pa_opt_uint(cmd, o->name, arg, 1, 32, &v) && (v < 1 || v > 32))
		abort();
	(void)pa_cli_color_parse(&color, arg);
	if (pa_results_fail_on_parse(&fail_on, arg) == 0 &&
	    strcmp(pa_results_fail_on_name(fail_on), arg) != 0)
		abort();
	pa_error_clear();
}

/*
 * Parse argc/argv as cmd does (pa_opt_start, pa_opt_next until done, the
 * shared dossier options and their consistency check), with what the
 * parser prints going to memory.  Every id returned is in the table, an
 * option that takes an argument has one, the loop ends, and a usage
 * error prints "pactaudit CMD: ..." and the usage line, nothing unsafe.
 */
static void
parse(const struct pa_cmd *cmd, int argc, char **argv)
{
	struct pa_dossier_opts d = { 0 };
	struct pa_sig_opts s = { 0 };
	struct pa_opt_state st;
	const struct pa_opt *o;
	char *out = NULL, *err = NULL, prefix[64];
	size_t outlen = 0, errlen = 0;
	FILE *fout, *ferr;
	int c, steps = 0;

	if ((fout = open_memstream(&out, &outlen)) == NULL ||
	    (ferr = open_memstream(&err, &errlen)) == NULL)
		abort();
	pa_opt_set_streams(fout, ferr);
	pa_opt_start(&st, cmd, argc, argv);
	while ((c = pa_opt_next(&st)) != PA_OPT_DONE && c != PA_OPT_HELP && c != PA_OPT_ERROR) {
		if (++steps > 2 * CLI_MAX_INPUT)
			abort();
		o = find_opt(cmd, c);
		if (o->arg != NULL && st.arg == NULL)
			abort();
		(void)pa_cli_dossier_opt(&d, &s, c, st.arg);
		if (o->arg != NULL)
			parse_arg(cmd, o, st.arg);
	}
	if (c == PA_OPT_DONE) {
		if (st.optind < 1 || st.optind > argc)
			abort();
		(void)pa_cli_dossier_opts_ok(cmd, &d);
	}
	pa_opt_set_streams(NULL, NULL);
	if (fclose(fout) != 0 || fclose(ferr) != 0)
		abort();
	if ((c == PA_OPT_HELP) != (outlen > 0))
		abort();
	if (c == PA_OPT_ERROR) {
		snprintf(prefix, sizeof(prefix), "pactaudit %s: ", cmd->name);
		if (errlen == 0 || strncmp(err, prefix, strlen(prefix)) != 0 ||
		    strstr(err, "\nusage: pactaudit ") == NULL)
			abort();
	}
	check_printable(out, outlen);
	check_printable(err, errlen);
	free(out);
	free(err);
}

/*
 * The input is an argument vector, arguments separated by NUL bytes.
 * The first names the command (one that is not a command still picks
 * one, by its first byte, after the did-you-mean of main.c is asked);
 * `pact` parses after its subcommand, as run_pact does.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[32];
	char *buf, *argv[CLI_MAX_ARGS + 1];
	const struct pa_cmd *cmd;
	size_t ncmds, i, start;
	int argc = 0;

	if (size > CLI_MAX_INPUT)
		return 0;
	for (ncmds = 0; pa_cmds[ncmds] != NULL && ncmds < 32; ncmds++)
		names[ncmds] = pa_cmds[ncmds]->name;
	if ((buf = malloc(size + 1)) == NULL)
		abort();
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (start = 0; start <= size && argc < CLI_MAX_ARGS; start += strlen(buf + start) + 1)
		argv[argc++] = buf + start;
	argv[argc] = NULL;

	if ((cmd = pa_cmd_find(argv[0])) == NULL) {
		check_closest(pa_text_closest(argv[0], names, ncmds), names, ncmds);
		cmd = pa_cmds[(unsigned char)argv[0][0] % ncmds];
	}
	for (i = 1; i < (size_t)argc; i++)
		suggest_option(cmd, argv[i]);
	if (strcmp(cmd->name, "pact") == 0 && argc > 1)
		parse(cmd, argc - 1, argv + 1);
	else
		parse(cmd, argc, argv);

	/* decide and waive refuse a rule that cannot be waived with one safe line */
	if (pa_cli_refuse_waiver(argv[argc - 1], argc > 2 ? argv[1] : NULL) != PA_EINVALID ||
	    pa_error_last() == NULL || strchr(pa_error_last(), '\n') != NULL)
		abort();
	check_printable(pa_error_last(), strlen(pa_error_last()));
	pa_error_clear();
	free(buf);
	return 0;
}
