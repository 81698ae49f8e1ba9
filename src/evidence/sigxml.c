/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The signature report of sig/ as evidence: <signatures> and <git>. */
#include "config.h"

#include "evidence/sigxml.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "parse/evnode.h"
#include "util/buf.h"
#include "util/error.h"

#define PACT_SIG_FILE "pact/commitments.xml.asc"

static void
iso_time(char out[32], long long t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (t <= 0 || gmtime_r(&tt, &tm) == NULL || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		out[0] = '\0';
}

/*
 * Set an attribute on a node made here (so the name is not there yet).
 * Plain printable ASCII, what pactaudit writes itself (ids, words, dates),
 * goes in as it is; anything else is XML-cleaned first, as pa_ev_set()
 * does.  A check of thousands of commits sets tens of thousands of these.
 */
static int
set(xmlNode *n, const char *name, const char *value)
{
	const unsigned char *p;

	for (p = (const unsigned char *)value; *p >= 0x20 && *p < 0x7f; p++)
		;
	if (*p != '\0')
		return pa_ev_set(n, name, value);
	return xmlNewProp(n, BAD_CAST name, BAD_CAST value) != NULL ? 0 : pa_error_oom();
}

static int
set_rights(xmlNode *n, const char *attr, unsigned rights)
{
	struct pa_buf b = PA_BUF_INIT;
	int error;

	if ((error = pa_rights_format(&b, rights)) == 0)
		error = set(n, attr, b.ptr);
	pa_buf_dispose(&b);
	return error;
}

static const char *const kinds[] = { "detached", "commit", "tag" };

static int
write_signature(xmlNode *sigs, const struct pa_sig_entry *e, const struct pa_evsrc *from)
{
	xmlNode *n;
	char when[32];

	if ((n = pa_ev_child(sigs, "signature", e->kind == PA_SIG_KIND_DETACHED ? from : NULL,
	    0, NULL)) == NULL)
		return PA_ENOMEM;
	if (set(n, "object", e->object) < 0 || set(n, "kind", kinds[e->kind]) < 0 ||
	    set(n, "status", pa_sig_status_name(e->status)) < 0 ||
	    set(n, "format", e->format) < 0)
		return PA_ENOMEM;
	if (e->fpr[0] != '\0' && set(n, "fingerprint", e->fpr) < 0)
		return PA_ENOMEM;
	if (e->uid != NULL && set(n, "uid", e->uid) < 0)
		return PA_ENOMEM;
	iso_time(when, e->created);
	if (when[0] != '\0' && set(n, "created", when) < 0)
		return PA_ENOMEM;
	if (set_rights(n, "right", e->needed) < 0 ||
	    set(n, "authorised", e->authorised ? "true" : "false") < 0)
		return PA_ENOMEM;
	if (e->missing != 0 && (e->status == PA_SIG_GOOD || e->status == PA_SIG_UNTRUSTED_SIGNER) &&
	    set_rights(n, "missing-right", e->missing) < 0)
		return PA_ENOMEM;
	if (e->signer != NULL && set(n, "signer", e->signer) < 0)
		return PA_ENOMEM;
	if (e->kind == PA_SIG_KIND_COMMIT) {
		if (set(n, "authenticated", e->authenticated ? "true" : "false") < 0 ||
		    (e->policy[0] != '\0' && set(n, "policy", e->policy) < 0) ||
		    (e->root && set(n, "root", "true") < 0))
			return PA_ENOMEM;
	}
	if (e->reason != NULL && set(n, "reason", e->reason) < 0)
		return PA_ENOMEM;
	/* a key revoked as superseded or retired after the signature: still good */
	if (e->key_revoked != NULL && set(n, "key-revoked", e->key_revoked) < 0)
		return PA_ENOMEM;
	iso_time(when, e->revoked_at);
	if (e->revoked_at > 0 && when[0] != '\0' && set(n, "key-revoked-at", when) < 0)
		return PA_ENOMEM;
	return 0;
}

static int
write_git(xmlNode *git, const struct pa_sig_report *rep)
{
	const struct pa_sig_tag_info *t = rep->tag;
	struct pa_buf changes = PA_BUF_INIT;
	char when[32];
	xmlNode *n;
	size_t i;
	int error = 0;

	for (i = 0; i < rep->count && error == 0; i++) {
		const struct pa_sig_entry *e = &rep->entries[i];

		if (e->kind != PA_SIG_KIND_COMMIT)
			continue;
		pa_buf_clear(&changes);
		iso_time(when, e->date);
		if ((n = pa_ev_child(git, "commit", NULL, 0, NULL)) == NULL ||
		    set(n, "id", e->object) < 0 || set(n, "parents", e->parents) < 0 ||
		    set(n, "author", e->author) < 0 || set(n, "date", when) < 0 ||
		    pa_sig_changes_format(&changes, e->changes) < 0 ||
		    set(n, "changes", changes.ptr) < 0)
			error = PA_ENOMEM;
	}
	if (error == 0 && t != NULL) {
		if ((n = pa_ev_child(git, "tag", NULL, 0, NULL)) == NULL ||
		    set(n, "name", t->name) < 0 || set(n, "ref", t->ref) < 0 ||
		    set(n, "target", t->target) < 0 ||
		    (t->id[0] && set(n, "id", t->id) < 0) ||
		    set(n, "annotated", t->id[0] ? "true" : "false") < 0)
			error = PA_ENOMEM;
	}
	pa_buf_dispose(&changes);
	return error;
}

int
pa_sigxml_write(xmlNode *root, const struct pa_sig_report *rep)
{
	struct pa_evsrc from = { PACT_SIG_FILE, rep->asc_blob[0] ? rep->asc_blob : NULL };
	xmlNode *sigs, *git;
	size_t i;

	if ((sigs = pa_ev_child(root, "signatures", NULL, 0, NULL)) == NULL ||
	    set(sigs, "trust", rep->trust) < 0 ||
	    (rep->applicant != NULL && set(sigs, "applicant", rep->applicant) < 0) ||
	    (rep->root != NULL && set(sigs, "root", rep->root) < 0))
		goto oom;
	for (i = 0; i < rep->count; i++) {
		if (write_signature(sigs, &rep->entries[i], &from) < 0)
			goto oom;
	}
	if (set(sigs, "history", rep->history) < 0 ||
	    set(sigs, "pact-signed", rep->pact_signed ? "true" : "false") < 0 ||
	    (rep->reason != NULL && set(sigs, "reason", rep->reason) < 0) ||
	    (rep->skipped != NULL && set(sigs, "skipped", rep->skipped) < 0))
		goto oom;
	if ((git = pa_ev_child(root, "git", NULL, 0, NULL)) == NULL)
		goto oom;
	if (rep->skipped != NULL) {
		if (set(git, "skipped", rep->skipped) < 0)
			goto oom;
	} else if (write_git(git, rep) < 0) {
		goto oom;
	}
	return 0;
oom:
	if (pa_error_last() == NULL)
		pa_error_oom();
	return PA_ENOMEM;
}
