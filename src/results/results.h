/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The results of one audit (findings, tiers, signatures, verdict) and its XML document (urn:pactaudit:results:1). */
#ifndef PA_RESULTS_RESULTS_H
#define PA_RESULTS_RESULTS_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/digest.h"
#include "util/vec.h"

#define PA_RESULTS_NS "urn:pactaudit:results:1"

/* Ordered: a higher value is more severe. */
enum pa_severity {
	PA_SEVERITY_INFO,
	PA_SEVERITY_WARNING,
	PA_SEVERITY_ERROR,
	PA_SEVERITY_BLOCKER
};

enum pa_finding_status {
	PA_FINDING_OPEN,
	PA_FINDING_WAIVED,
	PA_FINDING_BASELINED,
	PA_FINDING_NEEDS_REVIEW	/* the rule could not be evaluated */
};

enum pa_verdict {
	PA_VERDICT_ELIGIBLE,
	PA_VERDICT_NEEDS_CHANGES,
	PA_VERDICT_INELIGIBLE
};

/*
 * One finding.  As an argument of pa_results_add_finding() every string is
 * borrowed (and copied); inside a struct pa_results they are owned by it.
 * NULL strings are allowed except rule and message.
 */
struct pa_results_finding {
	const char *rule;
	enum pa_severity severity;	/* as reported: info when not in force */
	enum pa_finding_status status;
	bool in_force;
	const char *applies_from;	/* YYYY-MM-DD of the rule's applies/@from */
	bool waivable;
	const char *message;
	const char *remedy;
	const char *path;	/* dossier-relative file, or NULL */
	long line;		/* 1-based, 0 when unknown */
	const char *anchor;	/* YAML key, heading or element path; never a line */
	const char *ref;	/* formatted legal reference, "Art. 5(1)(a)" */
	char fingerprint[PA_DIGEST_HEXLEN + 1];	/* computed by add_finding */
};

/* A system or model and its classification (strings owned by the results). */
struct pa_results_item {
	const char *id;
	const char *tier;	/* systems; NULL for models */
	const char *gpai;	/* models, and systems with a training run; else NULL */
};

/*
 * One signature check, copied from the evidence.  Borrowed as an argument
 * of pa_results_add_signature(), owned inside struct pa_results.
 */
struct pa_results_signature {
	const char *object, *kind, *status, *fingerprint;
	const char *uid, *created, *right, *authorised, *missing_right;	/* may be NULL */
};

/* A rule pack that was loaded: <rules><pack id= version=/></rules>. */
struct pa_results_pack {
	const char *id, *version;
};

struct pa_results {
	char *tool_version;
	char *rules_version;
	char rules_digest[PA_DIGEST_HEXLEN + 1];
	char *dossier_path, *dossier_commit, *dossier_rev, *dossier_mode;
	char *dossier_subdir, *trust;
	char *as_of;		/* YYYY-MM-DD */
	struct pa_vec packs;	/* struct pa_results_pack * */
	struct pa_vec systems;	/* struct pa_results_item * */
	struct pa_vec models;	/* struct pa_results_item * */
	struct pa_vec signatures;	/* struct pa_results_signature * */
	struct pa_vec findings;	/* struct pa_results_finding * (strings owned) */
};

/* New empty results; caller frees with pa_results_free. */
int pa_results_new(struct pa_results **out);
void pa_results_free(struct pa_results *res);

/* Set one of the char * fields above to a sanitised copy of value (NULL clears). */
int pa_results_set(char **field, const char *value);

/*
 * Add a finding: strings are copied and sanitised (one line) and the
 * fingerprint computed from rule, path and anchor.  0 or PA_ENOMEM.
 */
int pa_results_add_finding(struct pa_results *res, const struct pa_results_finding *f);
int pa_results_add_pack(struct pa_results *res, const char *id, const char *version);
/* A system (tier set) or model (tier NULL); gpai may be NULL. */
int pa_results_add_item(struct pa_vec *list, const char *id, const char *tier,
    const char *gpai);
/* A signature; every field is copied (and sanitised). */
int pa_results_add_signature(struct pa_results *res,
    const struct pa_results_signature *sig);

/* Sort findings: severity (most severe first), path, line, rule, anchor, message. */
void pa_results_sort(struct pa_results *res);

/*
 * Whether a finding counts against the dossier: open or needs-review, and
 * in force.  Waived and baselined findings never count.
 */
bool pa_results_finding_counts(const struct pa_results_finding *f);
/*
 * ineligible: a counting blocker; needs-changes: a counting error, or a
 * counting needs-review finding that would be a blocker; else eligible.
 */
enum pa_verdict pa_results_verdict(const struct pa_results *res);
/* Counting findings at or above min severity. */
size_t pa_results_count_at_least(const struct pa_results *res, enum pa_severity min);

/* The results document (namespace PA_RESULTS_NS); caller frees with xmlFreeDoc. */
int pa_results_to_xml(xmlDoc **out, const struct pa_results *res);

/*
 * The fingerprint of a finding: SHA-256 (hex) of rule, path and anchor
 * separated by NUL bytes; NULL path or anchor count as "".  Never the line,
 * so it survives edits that move the finding.
 */
int pa_results_fingerprint(char hex[PA_DIGEST_HEXLEN + 1], const char *rule,
    const char *path, const char *anchor);

/* Names and parsing of the enumerations. */
const char *pa_results_severity_name(enum pa_severity sev);
int pa_results_severity_parse(enum pa_severity *out, const char *name);
const char *pa_results_status_name(enum pa_finding_status status);
const char *pa_results_verdict_name(enum pa_verdict verdict);

#endif
