/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Option parsing from declarative tables (getopt_long underneath). */
#include "config.h"

#include "cli/opt.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/log.h"
#include "util/text.h"

#define OPT_HELP_ID 0x10000
#define OPT_VERBOSE_ID 0x10001
#define MAX_OPTS 64

/* Where --help and usage errors go; NULL: standard output and standard error. */
static FILE *help_stream, *error_stream;

void
pa_opt_set_streams(FILE *out, FILE *err)
{
	help_stream = out;
	error_stream = err;
}

void
pa_opt_start(struct pa_opt_state *st, const struct pa_cmd *cmd, int argc, char **argv)
{
	st->cmd = cmd;
	st->argc = argc;
	st->argv = argv;
	st->optind = 1;
	st->arg = NULL;
	optind = 0;	/* glibc: full re-initialisation */
	opterr = 0;
}

/* "unknown option '--outptu'; did you mean '--output'?" */
static void
unknown_long(const struct pa_opt_state *st, const char *typed)
{
	const char *names[MAX_OPTS + 2], *near = NULL;
	const struct pa_opt *o;
	char word[64];
	size_t n = 0, len;

	if (strncmp(typed, "--", 2) == 0) {
		len = strcspn(typed + 2, "=");
		if (len < sizeof(word)) {
			memcpy(word, typed + 2, len);
			word[len] = '\0';
			for (o = st->cmd->opts; o != NULL && o->name != NULL && n < MAX_OPTS; o++)
				names[n++] = o->name;
			names[n++] = "help";
			names[n++] = "verbose";
			near = pa_text_closest(word, names, n);
		}
	}
	if (near != NULL)
		pa_opt_usage_error(st->cmd, "unknown option '%s'; did you mean '--%s'?",
		    typed, near);
	else
		pa_opt_usage_error(st->cmd, "unknown option '%s'", typed);
}

int
pa_opt_next(struct pa_opt_state *st)
{
	struct option longopts[MAX_OPTS + 3];
	char shortopts[MAX_OPTS * 2 + 4];
	const struct pa_opt *o;
	size_t n = 0, s = 0;
	int c, idx = -1;

	shortopts[s++] = ':';	/* report a missing argument as ':' */
	for (o = st->cmd->opts; o != NULL && o->name != NULL && n < MAX_OPTS; o++, n++) {
		longopts[n].name = o->name;
		longopts[n].has_arg = o->arg ? required_argument : no_argument;
		longopts[n].flag = NULL;
		longopts[n].val = o->key ? o->key : 0x1000 + (int)n;
		if (o->key) {
			shortopts[s++] = (char)o->key;
			if (o->arg)
				shortopts[s++] = ':';
		}
	}
	longopts[n].name = "help";
	longopts[n].has_arg = no_argument;
	longopts[n].flag = NULL;
	longopts[n].val = OPT_HELP_ID;
	/* -v/--verbose work after the command as before it (pactaudit(1)) */
	longopts[n + 1].name = "verbose";
	longopts[n + 1].has_arg = no_argument;
	longopts[n + 1].flag = NULL;
	longopts[n + 1].val = OPT_VERBOSE_ID;
	memset(&longopts[n + 2], 0, sizeof(longopts[n + 2]));
	shortopts[s++] = 'h';
	shortopts[s++] = 'v';
	shortopts[s] = '\0';

	do {
		c = getopt_long(st->argc, st->argv, shortopts, longopts, &idx);
		if (c == 'v' || c == OPT_VERBOSE_ID)
			pa_log_more();
	} while (c == 'v' || c == OPT_VERBOSE_ID);
	st->optind = optind;
	st->arg = optarg;
	if (c == -1)
		return PA_OPT_DONE;
	if (c == OPT_HELP_ID || c == 'h') {
		pa_opt_help(help_stream ? help_stream : stdout, st->cmd);
		return PA_OPT_HELP;
	}
	if (c == '?') {
		if (optopt)
			pa_opt_usage_error(st->cmd, "unknown option '-%c'", optopt);
		else
			unknown_long(st, st->argv[optind - 1]);
		return PA_OPT_ERROR;
	}
	if (c == ':') {
		pa_opt_usage_error(st->cmd, "option '%s' needs an argument",
		    st->argv[optind - 1]);
		return PA_OPT_ERROR;
	}
	for (o = st->cmd->opts, n = 0; o->name != NULL; o++, n++) {
		if ((o->key && c == o->key) || c == 0x1000 + (int)n)
			return o->id;
	}
	pa_opt_usage_error(st->cmd, "unexpected option");
	return PA_OPT_ERROR;
}

void
pa_opt_usage(FILE *fp, const struct pa_cmd *cmd)
{
	fprintf(fp, "usage: pactaudit %s %s\n", cmd->name,
	    cmd->synopsis ? cmd->synopsis : "");
}

void
pa_opt_help(FILE *fp, const struct pa_cmd *cmd)
{
	const struct pa_opt *o;
	char left[64];

	pa_opt_usage(fp, cmd);
	fprintf(fp, "\n%s\n", cmd->summary);
	if (cmd->description)
		fprintf(fp, "\n%s\n", cmd->description);
	fprintf(fp, "\noptions:\n");
	for (o = cmd->opts; o != NULL && o->name != NULL; o++) {
		if (o->key)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->key,
			    o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(fp, "  %-28s %s\n", left, o->help);
	}
	fprintf(fp, "  %-28s %s\n", "-v, --verbose", "more detail in the log file (pactaudit(1))");
	fprintf(fp, "  %-28s %s\n", "-h, --help", "show this help and exit");
	fprintf(fp, "\nSee pactaudit-%s(1).\n", cmd->name);
}

int
pa_opt_usage_error(const struct pa_cmd *cmd, const char *fmt, ...)
{
	struct pa_buf raw = PA_BUF_INIT, safe = PA_BUF_INIT;
	FILE *err = error_stream ? error_stream : stderr;
	va_list ap;

	/* the message quotes what was typed: no control byte reaches the terminal */
	va_start(ap, fmt);
	pa_buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	pa_text_sanitize(&safe, raw.ptr, raw.size, PA_TEXT_ONELINE);
	fprintf(err, "pactaudit %s: %s\n", cmd->name,
	    pa_buf_oom(&safe) ? "invalid usage" : safe.ptr);
	pa_buf_dispose(&safe);
	pa_buf_dispose(&raw);
	pa_opt_usage(err, cmd);
	return PA_EXIT_FAILURE;
}

bool
pa_opt_as_of(const struct pa_cmd *cmd, const char *s, struct pa_date *out)
{
	int error = 0;

	if (s == NULL)
		error = pa_date_today(out);
	else if (!pa_date_from_iso(out, s) || out->days < 0)
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "invalid date '%s' (expected YYYY-MM-DD)", s);
	if (error < 0) {
		pa_opt_usage_error(cmd, "--as-of: %s", pa_error_last());
		return false;
	}
	return true;
}

bool
pa_opt_uint(const struct pa_cmd *cmd, const char *opt, const char *s,
    unsigned long min, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (*s == '\0' || *s == '-' || *end != '\0' || errno != 0 || v < min || v > max) {
		pa_opt_usage_error(cmd, "--%s takes a whole number from %lu to %lu",
		    opt, min, max);
		return false;
	}
	*out = v;
	return true;
}
