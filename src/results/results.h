/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The results of one audit (findings, tiers, signatures, verdict) and its
 * XML document (urn:pactaudit:results:1), written and read here only.
 * This is the one results model: the rule engine fills it, the audit
 * library caches it, waivers and baselines change finding statuses on it,
 * renderers and the review screen read it, and the exit status of `check`
 * and `report` is computed from it with pa_results_failing().
 */
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
 * What a waiver did to the finding it matches (pactaudit-results(5)):
 * applied makes the finding waived; the others leave it open and say why.
 */
enum pa_waiver_state {
	PA_WAIVER_APPLIED,
	PA_WAIVER_EXPIRED,	/* its last day is before the as-of date */
	PA_WAIVER_REFUSED,	/* the rule is not waivable (Art. 5 and others) */
	PA_WAIVER_UNTRUSTED	/* a ledger record whose signature the ledger's policy rejects */
};

/*
 * The waiver of a finding, as reported.  Strings owned by the finding;
 * only state, source and reason are always set.
 */
struct pa_results_waiver {
	enum pa_waiver_state state;
	const char *source;	/* "ledger" or "self-declared" (a waivers file) */
	const char *origin;	/* the ledger's folder or the waivers file */
	const char *id;		/* ledger commit, or "FILE:N" */
	const char *reason;	/* a reason code (pactaudit-waivers(5)) */
	const char *justification;
	const char *until;	/* YYYY-MM-DD, the last day it holds */
	const char *approver;	/* ledger: the signer's fingerprint; file: as written */
	const char *approver_name;
	const char *created;
	const char *problem;	/* untrusted: why, one line */
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
	bool heuristic;		/* the rule judges headings or text; a human judges the substance */
	const char *message;
	const char *remedy;
	const char *path;	/* dossier-relative file, or NULL */
	long line;		/* 1-based, 0 when unknown */
	const char *anchor;	/* YAML key, heading or element path; never a line */
	const char *ref;	/* formatted legal reference, "Art. 5(1)(a)" */
	const char *title;	/* the rule's title, or NULL */
	const char *help_uri;	/* where the main reference is published, or NULL */
	char fingerprint[PA_DIGEST_HEXLEN + 1];	/* computed by add_finding */
	struct pa_results_waiver *waiver;	/* owned; NULL when no waiver matched */
};

/*
 * A finding of the baseline (--baseline) that this audit no longer
 * finds: fixed.  Strings owned by the results; message may be NULL.
 */
struct pa_results_fixed {
	const char *rule;
	enum pa_severity severity;
	const char *path, *anchor, *message;
	char fingerprint[PA_DIGEST_HEXLEN + 1];
};

/* A system, model or dataset and its classification (strings owned by the results). */
struct pa_results_item {
	const char *id;
	const char *tier;	/* systems; NULL for models and datasets */
	const char *gpai;	/* models, and systems with a training run; else NULL */
	char *purpose;		/* systems: the one-line purpose stated, or NULL */
	/*
	 * Models and datasets: the card's licence, its SPDX expression or else
	 * the name the card gives (NULL: none), and how it was read (<license
	 * status> of the evidence: valid, other, family, unknown, invalid,
	 * missing; NULL when there is no card).
	 */
	char *license, *license_status;
};

/* One commitment of pact/commitments.xml: a core commitment or a pledge. */
struct pa_results_commitment {
	char *kind;		/* "core" or "pledge" */
	char *id;
	char *role, *article, *due;	/* pledges; each may be NULL */
	char *text;		/* its first sentence, on one line */
};

/*
 * The dossier's AI Pact declaration (pact/commitments.xml).  state is NULL
 * when the dossier has none, "invalid" when it does not match its schema
 * (then nothing else is set), else "valid".
 */
struct pa_results_pact {
	char *state;
	char *organisation, *signed_on;
	struct pa_vec commitments;	/* struct pa_results_commitment * */
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

/*
 * Who applies for what (<applicant>, <request>), from application.xml and
 * the registry entry; every field may be NULL.  gpu_hours is the number
 * as the application writes it.
 */
struct pa_results_applicant {
	char *name, *country, *registry_id;
	char *call, *machine, *partition, *gpu_hours;
};

/*
 * The GPU-hours a applies for as a number: true when gpu_hours is written
 * as a finite number of at least 0 (and nothing else), false otherwise
 * (not given, or text that is not such a number).
 */
bool pa_results_gpu_hours(const struct pa_results_applicant *a, double *out);

struct pa_results {
	char *tool_version;
	char *rules_version;
	char rules_digest[PA_DIGEST_HEXLEN + 1];
	char *dossier_path, *dossier_commit, *dossier_rev, *dossier_mode;
	char *dossier_subdir, *trust;
	char *as_of;		/* YYYY-MM-DD */
	struct pa_results_applicant applicant;
	struct pa_vec packs;	/* struct pa_results_pack * */
	struct pa_vec systems;	/* struct pa_results_item * */
	struct pa_vec models;	/* struct pa_results_item * */
	struct pa_vec datasets;	/* struct pa_results_item * */
	struct pa_results_pact pact;
	struct pa_vec signatures;	/* struct pa_results_signature * */
	struct pa_vec findings;	/* struct pa_results_finding * (strings owned) */
	char *baseline;		/* the baseline file compared with (--baseline), or NULL */
	struct pa_vec fixed;	/* struct pa_results_fixed *: in the baseline, not found */
};

/* New empty results; caller frees with pa_results_free. */
int pa_results_new(struct pa_results **out);
void pa_results_free(struct pa_results *res);

/* Set one of the char * fields above to a sanitised copy of value (NULL clears). */
int pa_results_set(char **field, const char *value);

/*
 * Add a finding: strings are copied and sanitised (one line) and the
 * fingerprint computed from rule, path and anchor; a waiver is copied as
 * it is (pa_results_set_waiver).  0 or PA_ENOMEM.
 */
int pa_results_add_finding(struct pa_results *res, const struct pa_results_finding *f);
int pa_results_add_pack(struct pa_results *res, const char *id, const char *version);
/* A system (tier set) or model (tier NULL); gpai may be NULL. */
int pa_results_add_item(struct pa_vec *list, const char *id, const char *tier,
    const char *gpai);
/* A commitment of the pact; every field is copied (and sanitised). */
int pa_results_add_commitment(struct pa_results *res, const struct pa_results_commitment *c);
/* A signature; every field is copied (and sanitised). */
int pa_results_add_signature(struct pa_results *res,
    const struct pa_results_signature *sig);

/*
 * Give f a copy of w (replacing any waiver it has; NULL removes it).
 * Strings are copied as they are: renderers sanitise.  0 or PA_ENOMEM.
 */
int pa_results_set_waiver(struct pa_results_finding *f, const struct pa_results_waiver *w);
/* Append a fixed finding (strings copied). */
int pa_results_add_fixed(struct pa_results *res, const struct pa_results_fixed *fx);
/* "applied", "expired", "refused", "untrusted". */
const char *pa_results_waiver_state_name(enum pa_waiver_state state);

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

/*
 * --fail-on: the least severe counting finding that fails a dossier, or
 * none.  Zero is the default (error), so a zeroed options struct means
 * what the command line means without the flag.
 */
enum pa_fail_on {
	PA_FAIL_ON_ERROR = 0,
	PA_FAIL_ON_BLOCKER,
	PA_FAIL_ON_WARNING,
	PA_FAIL_ON_INFO,
	PA_FAIL_ON_NONE
};

/* blocker, error, warning, info or none (NULL: error); PA_EINVALID (message set) otherwise. */
int pa_results_fail_on_parse(enum pa_fail_on *out, const char *word);
const char *pa_results_fail_on_name(enum pa_fail_on fail_on);
/*
 * The one rule for failing: a finding fails at fail_on when it counts
 * (pa_results_finding_counts: open or needs-review, in force) and is at
 * least that severe.  `check`, `report --fail-on`, the JUnit and TAP
 * outcomes and every caller of the audit library use it, for fresh and
 * cached results alike.  Waivers and baselines act by changing a
 * finding's status on the model before this is asked.
 */
bool pa_results_finding_fails(const struct pa_results_finding *f, enum pa_fail_on fail_on);
/* How many findings of res fail at fail_on (0 means the dossier passes). */
size_t pa_results_failing(const struct pa_results *res, enum pa_fail_on fail_on);

/* What the summaries of every format count. */
struct pa_results_counts {
	size_t open[PA_SEVERITY_BLOCKER + 1];	/* open and in force, by severity */
	size_t needs_review, waived, baselined;	/* in force */
	size_t not_in_force, total;
};
void pa_results_count(struct pa_results_counts *out, const struct pa_results *res);

/*
 * The findings in report order, without changing res: most severe first,
 * unresolved before waived and baselined, then path (none first), line,
 * rule and document order.  *out is a new array of res->findings.count
 * borrowed pointers (free() it; NULL when there are none).  0 or PA_ENOMEM.
 */
int pa_results_report_order(const struct pa_results_finding ***out,
    const struct pa_results *res);

/* A copy of src with every string copied as it is (no sanitising). */
int pa_results_dup(struct pa_results **out, const struct pa_results *src);

/* The kinds of string a results model holds, for pa_results_each_string(). */
enum pa_results_text {
	PA_RESULTS_TEXT_ATTR,	/* an attribute in the document: one line */
	PA_RESULTS_TEXT_LINE,	/* element text shown on one line (as-of, message) */
	PA_RESULTS_TEXT_BLOCK	/* element text that may span lines (remedy) */
};

/*
 * Call fn on every non-NULL string of res (tool and rules versions,
 * dossier, packs, systems, models, signatures, findings; not the
 * fingerprints and digest), in place: fn may replace *s by another
 * malloc()ed string, freeing the old one.  Stops at the first fn that
 * returns < 0 and returns that.  The renderers sanitise a copy this way.
 */
int pa_results_each_string(struct pa_results *res,
    int (*fn)(char **s, enum pa_results_text kind, void *arg), void *arg);

/*
 * The results document (namespace PA_RESULTS_NS); caller frees with
 * xmlFreeDoc.  The verdict written is pa_results_verdict(res).
 */
int pa_results_to_xml(xmlDoc **out, const struct pa_results *res);

/*
 * Reading results back: the one way any results document comes into the
 * program (`report`, the results cache, the review screen, `allocate`).
 *
 * pa_results_read_doc() takes a parsed document whose root is <results>
 * or <results-set>, validates it against <datadir>/rules/schema/
 * results.rng, checks that each verdict follows from its findings, and
 * appends one new struct pa_results per <results> to *out (struct
 * pa_results *; the caller frees each with pa_results_free, also after an
 * error).  Strings are kept exactly as the document holds them, not
 * sanitised (renderers sanitise at output); fingerprints are the
 * document's; findings keep document order.  PA_EINVALID with one line
 * "name:line: what" when the document is not usable results (name is
 * how the user knows the input, a path or "(standard input)").
 */
int pa_results_read_doc(struct pa_vec *out, xmlDoc *doc, const char *name);
/*
 * The same from bytes, parsed as untrusted XML (no DOCTYPE, no network,
 * size and depth limits): an empty, truncated or malformed file is
 * PA_EINVALID with one line naming it.
 */
int pa_results_read_mem(struct pa_vec *out, const char *data, size_t len,
    const char *name);
/*
 * Exactly one <results> document from bytes (the results cache): parsed
 * the same way, but up to PA_LIMIT_CACHE_ENTRY bytes, not
 * PA_LIMIT_XML_SIZE (the entry is authenticated by the cache's HMAC; the
 * results of a large dossier are larger than any dossier file).
 */
int pa_results_from_mem(struct pa_results **out, const char *data, size_t len,
    const char *name);

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
