/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * GitLab Code Quality output (jansson): the subset of the CodeClimate issue
 * format GitLab's merge-request widget reads, one issue per open finding.
 */
#include "config.h"

#include "render/writer.h"

#include <jansson.h>

#include "util/buf.h"
#include "util/digest.h"
#include "util/error.h"

/* GitLab's scale: info, minor, major, critical, blocker. */
static const char *
cq_severity(const struct pa_results_finding *f)
{
	if (!f->in_force)
		return "info";
	switch (f->severity) {
	case PA_SEVERITY_BLOCKER:
		return "blocker";
	case PA_SEVERITY_ERROR:
		return "critical";
	case PA_SEVERITY_WARNING:
		return "minor";
	default:
		return "info";
	}
}

static bool
jset(json_t *obj, const char *key, json_t *value)
{
	return value != NULL && json_object_set_new(obj, key, value) == 0;
}

/*
 * One issue.  The fingerprint is the finding's, or with several dossiers in
 * one report the SHA-256 of the dossier and the finding's (GitLab needs
 * them unique in a report).
 */
static json_t *
cq_issue(const struct pa_results *d, const struct pa_results_finding *f, bool several)
{
	json_t *o = json_object(), *loc, *lines;
	struct pa_buf path = PA_BUF_INIT, desc = PA_BUF_INIT, key = PA_BUF_INIT;
	char fp[PA_DIGEST_HEXLEN + 1];
	long line;
	bool ok;

	snprintf(fp, sizeof(fp), "%s", f->fingerprint);
	if (several) {
		pa_buf_puts(&key, d->dossier_path ? d->dossier_path : "");
		pa_buf_putc(&key, '\0');
		pa_buf_puts(&key, f->fingerprint);
		if (!pa_buf_oom(&key) && pa_digest_sha256(fp, key.ptr, key.size) < 0)
			fp[0] = '\0';
	}
	pa_buf_puts(&desc, f->message ? f->message : f->rule);
	if (f->ref != NULL)
		pa_buf_printf(&desc, " (%s)", f->ref);
	ok = o != NULL && fp[0] != '\0' && !pa_buf_oom(&key) && !pa_buf_oom(&desc) &&
	    pa_render_repo_path(&path, d, f, &line) == 0 &&
	    jset(o, "description", json_string(desc.ptr)) &&
	    jset(o, "check_name", json_string(f->rule ? f->rule : "pactaudit")) &&
	    jset(o, "fingerprint", json_string(fp)) &&
	    jset(o, "severity", json_string(cq_severity(f))) &&
	    (loc = json_object()) != NULL && jset(o, "location", loc) &&
	    jset(loc, "path", json_string(path.ptr)) &&
	    (lines = json_object()) != NULL && jset(loc, "lines", lines) &&
	    jset(lines, "begin", json_integer(line > 0 ? line : 1));
	pa_buf_dispose(&path);
	pa_buf_dispose(&desc);
	pa_buf_dispose(&key);
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int
pa_render_codequality(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	json_t *root = json_array();
	size_t i, k;
	bool ok = root != NULL;
	int error = 0;

	(void)opts;
	for (i = 0; ok && i < in->count; i++) {
		const struct pa_results *d = in->results[i];

		for (k = 0; ok && k < d->findings.count; k++) {
			const struct pa_results_finding *f = d->findings.items[k];

			/* waived and baselined findings are settled: not shown */
			if (f->status == PA_FINDING_WAIVED || f->status == PA_FINDING_BASELINED)
				continue;
			ok = json_array_append_new(root, cq_issue(d, f, in->count > 1)) == 0;
		}
	}
	if (!ok)
		error = pa_error_oom();
	else if (json_dumpf(root, out, JSON_INDENT(2)) < 0 || fputc('\n', out) == EOF)
		error = pa_error_set(PA_ERRCLASS_OS, "cannot write the Code Quality report");
	json_decref(root);
	return error;
}
