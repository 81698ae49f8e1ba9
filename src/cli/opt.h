/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Declarative option tables: one table drives parsing, the usage line and --help. */
#ifndef PA_CLI_OPT_H
#define PA_CLI_OPT_H

#include <stdbool.h>
#include <stdio.h>

#include "util/date.h"

struct pa_opt {
	const char *name;	/* long name without "--" */
	int key;		/* short letter, or 0 */
	const char *arg;	/* argument name, or NULL for a flag */
	const char *help;	/* one sentence */
	int id;			/* value returned by pa_opt_next() */
};

struct pa_cmd;

struct pa_opt_state {
	const struct pa_cmd *cmd;
	int argc;
	char **argv;
	int optind;		/* first operand after parsing */
	const char *arg;	/* argument of the option just returned */
};

enum {
	PA_OPT_DONE = -1,	/* no more options: operands start at st->optind */
	PA_OPT_HELP = -2,	/* --help was printed: exit 0 */
	PA_OPT_ERROR = -3	/* usage error already printed: exit 2 */
};

void pa_opt_start(struct pa_opt_state *st, const struct pa_cmd *cmd, int argc, char **argv);
/* Next option's id, or one of PA_OPT_DONE/HELP/ERROR. */
int pa_opt_next(struct pa_opt_state *st);
void pa_opt_usage(FILE *fp, const struct pa_cmd *cmd);
void pa_opt_help(FILE *fp, const struct pa_cmd *cmd);
/* Print "pactaudit CMD: msg" and the usage line to stderr; returns 2. */
int pa_opt_usage_error(const struct pa_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Send what the parser prints (--help to out, usage errors to err) to
 * other streams; NULL restores standard output or standard error.  For
 * callers that parse without a terminal (the fuzz target of the parser).
 */
void pa_opt_set_streams(FILE *out, FILE *err);

/* Parse helpers for option arguments; false (message printed) on bad input. */
bool pa_opt_uint(const struct pa_cmd *cmd, const char *opt, const char *s,
    unsigned long min, unsigned long max, unsigned long *out);
/*
 * --as-of: s, a real calendar day YYYY-MM-DD from 1970-01-01 on, or today
 * (UTC) when s is NULL.  The one place the as-of date of a command is
 * parsed; everything below the command line takes the struct pa_date.
 */
bool pa_opt_as_of(const struct pa_cmd *cmd, const char *s, struct pa_date *out);

#endif
