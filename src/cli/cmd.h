/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command table: name, function, summary, usage, options. */
#ifndef PA_CLI_CMD_H
#define PA_CLI_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/file.h"

#include "cli/opt.h"

/* Exit codes of every command (DESIGN.md section 4). */
enum pa_exit {
	PA_EXIT_OK = 0,		/* no open finding at or above --fail-on */
	PA_EXIT_FINDINGS = 1,	/* at least one such finding (or a failed check) */
	PA_EXIT_FAILURE = 2	/* could not be done: usage, dossier, rules, ... */
};

struct pa_cmd {
	const char *name;
	int (*run)(const struct pa_cmd *cmd, int argc, char **argv);	/* returns an exit code */
	const char *summary;
	const char *synopsis;	/* after "pactaudit NAME " */
	const char *description;	/* a short paragraph for --help */
	const struct pa_opt *opts;	/* terminated by { 0 } */
};

extern const struct pa_cmd *const pa_cmds[];

const struct pa_cmd *pa_cmd_find(const char *name);
/* Print a dossier- or ledger-derived string made safe for the terminal (one line). */
void pa_cmd_put_safe(FILE *fp, const char *s);
/* Print "pactaudit: <last error>" (sanitised) to stderr and return 2. */
int pa_cmd_fail(void);

/*
 * Read one results file ("-" is standard input; parsed like any untrusted
 * input and validated against the results schema) and append its
 * dossiers to list (struct pa_results *).  0, or < 0 with the message set.
 */
struct pa_vec;
int pa_cmd_load_results(struct pa_vec *list, const char *path);
/* pa_results_free() with the signature pa_vec_dispose() wants. */
void pa_cmd_results_free(void *p);
/*
 * The ledger's identity of the dossier a results file is about
 * (pa_ledger_dossier_id() of its path and --path folder), as `allocate`
 * writes it into the plan; the path itself when it can no longer be
 * resolved (the folder moved).  0 or PA_ENOMEM.
 */
struct pa_buf;
struct pa_results;
int pa_cmd_results_identity(struct pa_buf *out, const struct pa_results *res);
/*
 * Write a whole output: to the file output (replaced atomically) or, when
 * output is NULL, to standard output.  0, or < 0 with the message set.
 */
int pa_cmd_write_output(const char *output, const char *data, size_t len);

/*
 * Where a command writes its output as it makes it (-o): standard output
 * when output is NULL; a temporary file beside a regular file or new name,
 * renamed over it by pa_cmd_sink_close(); for anything else (a device, a
 * pipe) memory, written as pa_file_write_atomic() says.  Write to s->fp.
 */
struct pa_cmd_sink {
	FILE *fp;
	const char *output;
	struct pa_file_replace replace;
	bool replacing;
	char *mem;
	size_t size;
};
/* 0, or < 0 with the message set (s->fp is then NULL). */
int pa_cmd_sink_open(struct pa_cmd_sink *s, const char *output);
/*
 * Finish: with error 0 the output takes its place (0, or < 0 with the
 * message set); with error < 0 nothing is written and error is returned.
 */
int pa_cmd_sink_close(struct pa_cmd_sink *s, int error);

/* One entry per command file. */
extern const struct pa_cmd pa_cmd_check;
extern const struct pa_cmd pa_cmd_evidence;
extern const struct pa_cmd pa_cmd_rules;
extern const struct pa_cmd pa_cmd_init;
extern const struct pa_cmd pa_cmd_pact;
extern const struct pa_cmd pa_cmd_report;
extern const struct pa_cmd pa_cmd_decide;
extern const struct pa_cmd pa_cmd_waive;
extern const struct pa_cmd pa_cmd_ledger;
extern const struct pa_cmd pa_cmd_review;
extern const struct pa_cmd pa_cmd_allocate;
extern const struct pa_cmd pa_cmd_diff;

#endif
