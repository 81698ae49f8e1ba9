/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of commands and the common error printer. */
#include "config.h"

#include "cli/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/ledger.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "results/results.h"
#include "util/text.h"

const struct pa_cmd *const pa_cmds[] = {
	&pa_cmd_check,
	&pa_cmd_evidence,
	&pa_cmd_rules,
	&pa_cmd_init,
	&pa_cmd_pact,
	&pa_cmd_report,
	&pa_cmd_decide,
	&pa_cmd_waive,
	&pa_cmd_ledger,
	&pa_cmd_review,
	&pa_cmd_allocate,
	&pa_cmd_diff,
	NULL
};

const struct pa_cmd *
pa_cmd_find(const char *name)
{
	size_t i;

	for (i = 0; pa_cmds[i] != NULL; i++)
		if (strcmp(pa_cmds[i]->name, name) == 0)
			return pa_cmds[i];
	return NULL;
}

void
pa_cmd_put_safe(FILE *fp, const char *s)
{
	struct pa_buf b = PA_BUF_INIT;

	if (s == NULL)
		return;
	pa_text_sanitize(&b, s, strlen(s), PA_TEXT_ONELINE);
	fputs(b.ptr, fp);
	pa_buf_dispose(&b);
}

int
pa_cmd_fail(void)
{
	const char *msg = pa_error_last();

	fprintf(stderr, "pactaudit: %s\n", msg ? msg : "unknown error");
	return PA_EXIT_FAILURE;
}

/* Read a results file ("-" is standard input) under the XML size limit. */
static int
read_input(struct pa_buf *out, const char *path)
{
	char chunk[65536];
	size_t n;

	if (strcmp(path, "-") != 0)
		return pa_file_read(out, path, PA_LIMIT_XML_SIZE, 0);
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (out->size + n > PA_LIMIT_XML_SIZE)
			return pa_error_setc(PA_ELIMIT, PA_ERRCLASS_OS,
			    "standard input: larger than %u bytes", PA_LIMIT_XML_SIZE);
		if (pa_buf_put(out, chunk, n) < 0)
			return PA_ENOMEM;
	}
	if (ferror(stdin))
		return pa_error_set(PA_ERRCLASS_OS, "cannot read standard input");
	return 0;
}

/*
 * Read one results file (parsed like any untrusted input, validated
 * against the results schema) and append its dossiers to list.
 */
int
pa_cmd_load_results(struct pa_vec *list, const char *path)
{
	struct pa_buf data = PA_BUF_INIT;
	const char *name = strcmp(path, "-") == 0 ? "(standard input)" : path;
	int error;

	if ((error = read_input(&data, path)) == 0)
		error = pa_results_read_mem(list, data.ptr ? data.ptr : "", data.size, name);
	pa_buf_dispose(&data);
	return error;
}

void
pa_cmd_results_free(void *p)
{
	pa_results_free(p);
}

int
pa_cmd_sink_open(struct pa_cmd_sink *s, const char *output)
{
	int error;

	memset(s, 0, sizeof(*s));
	s->output = output;
	if (output == NULL) {
		s->fp = stdout;
		return 0;
	}
	if ((error = pa_file_replace_begin(&s->replace, output, 0)) < 0)
		return error;
	if (error == 1) {
		s->replacing = true;
		s->fp = s->replace.fp;
		return 0;
	}
	if ((s->fp = open_memstream(&s->mem, &s->size)) == NULL)
		return pa_error_oom();
	return 0;
}

int
pa_cmd_sink_close(struct pa_cmd_sink *s, int error)
{
	if (s->replacing) {
		if (error < 0)
			pa_file_replace_abort(&s->replace);
		else
			error = pa_file_replace_commit(&s->replace);
	} else if (s->output != NULL && s->fp != NULL) {
		if (fclose(s->fp) != 0 && error == 0)
			error = pa_error_oom();
		if (error == 0)
			error = pa_file_write_atomic(s->output, s->mem ? s->mem : "", s->size, 0);
	}
	free(s->mem);
	memset(s, 0, sizeof(*s));
	return error;
}

int
pa_cmd_write_output(const char *output, const char *data, size_t len)
{
	if (output != NULL)
		return pa_file_write_atomic(output, data ? data : "", len, 0);
	if (len > 0 && fwrite(data, 1, len, stdout) != len)
		return pa_error_set(PA_ERRCLASS_OS, "cannot write to standard output");
	return 0;
}

int
pa_cmd_results_identity(struct pa_buf *out, const struct pa_results *res)
{
	const char *path = res->dossier_path ? res->dossier_path : "";

	if (pa_ledger_dossier_id(out, path, res->dossier_subdir && res->dossier_subdir[0] ?
	    res->dossier_subdir : NULL, NULL) < 0) {
		pa_error_clear();
		pa_buf_clear(out);
		pa_buf_puts(out, path);
	}
	return pa_buf_oom(out) ? pa_error_oom() : 0;
}
