/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Waivers: what they match, the waivers file (pactaudit-waivers(5)), and the reason codes. */
#ifndef PA_LEDGER_WAIVER_H
#define PA_LEDGER_WAIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "util/date.h"
#include "util/vec.h"

/* Where a waiver comes from. */
enum pa_waiver_source {
	PA_WAIVER_LEDGER,		/* a signed commit in the auditor's ledger */
	PA_WAIVER_SELF_DECLARED		/* a waivers file (--waivers): nobody's approval */
};

/*
 * One waiver.  The matchers rule, finding, dossier and path narrow what it
 * covers: a NULL matcher matches anything, but at least one of rule and
 * finding is set.  path is a dossier-relative file, or a folder ending in
 * '/' that covers everything below it.  All strings are owned (free with
 * pa_waiver_free) and raw: sanitise before display.
 */
struct pa_waiver {
	char *id;		/* ledger commit id, or "FILE:N" (the Nth waiver of a file) */
	char *rule;		/* rule id, or NULL */
	char *finding;		/* finding fingerprint (64 hex), or NULL */
	char *dossier;		/* dossier identity (pa_ledger_dossier_id), or NULL */
	char *path;		/* file or folder/, or NULL */
	char *reason;		/* a reason code (pa_waiver_reason_known) */
	char *justification;	/* why, in words */
	char until[11];		/* YYYY-MM-DD: the last day it holds */
	char *approver;		/* ledger: the signer's fingerprint; file: as written */
	char *approver_name;	/* ledger: the signer's name in the policy, or NULL */
	char *created;		/* YYYY-MM-DD it was recorded, or NULL */
	enum pa_waiver_source source;
	bool trusted;		/* ledger: signed by an auditor the ledger's policy lists */
};

/* A list of waivers: struct pa_waiver * items, owned. */
struct pa_waivers {
	struct pa_vec items;
};

#define PA_WAIVERS_INIT { PA_VEC_INIT }

void pa_waiver_free(struct pa_waiver *w);
/* A deep copy; NULL on out of memory. */
struct pa_waiver *pa_waiver_dup(const struct pa_waiver *w);
void pa_waivers_dispose(struct pa_waivers *ws);
/* Take ownership of w (freed on failure). */
int pa_waivers_push(struct pa_waivers *ws, struct pa_waiver *w);

/*
 * Reason codes (pactaudit-waivers(5)): accepted-risk, false-positive,
 * compensating-control, not-applicable, remediation-planned.
 */
bool pa_waiver_reason_known(const char *code);
/* The codes, comma separated, for messages. */
const char *pa_waiver_reasons(void);

/*
 * Check a waiver before it is recorded or applied: a matcher is set, the
 * fingerprint is 64 hex digits, the reason is a known code, until is a
 * real date, justification is not empty.  PA_EINVALID with a message
 * naming `what` otherwise.
 */
int pa_waiver_validate(const struct pa_waiver *w, const char *what);

/*
 * Whether w covers the finding (rule id, fingerprint, dossier-relative
 * path) of the dossier with identity `dossier`.  Expiry is not looked at.
 */
bool pa_waiver_matches(const struct pa_waiver *w, const char *dossier, const char *rule,
    const char *fingerprint, const char *path);
/*
 * Whether w has expired at as_of: as_of is after w->until.  A waiver
 * whose until cannot be read has; with no as_of (NULL) no other has.
 */
bool pa_waiver_expired(const struct pa_waiver *w, const struct pa_date *as_of);

/*
 * Read a waivers file (JSON, pactaudit-waivers(5)) and append its waivers,
 * marked self-declared, to out.  PA_ENOTFOUND when it does not exist,
 * PA_EINVALID (message with the file name and, for JSON errors, the line)
 * for anything malformed: a waivers file is all or nothing.
 */
int pa_waivers_load_file(struct pa_waivers *out, const char *path);
int pa_waivers_parse(struct pa_waivers *out, const char *data, size_t len, const char *what);

#endif
