/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The allocation plan: a call policy (pactaudit-call(5), namespace
 * urn:pactaudit:call:1) applied to the results of a call's dossiers and
 * the ledger's decisions and waivers.  Pure functions over those models:
 * nothing here reads a dossier, runs GnuPG or prints.
 *
 * pa_alloc_plan() works in three steps, described for users in
 * pactaudit-allocate(1):
 *   1. gates, in this order (the first that fails excludes, with a trace):
 *      an open blocker not covered by a trusted, unexpired ledger waiver
 *      (trace: the finding's fingerprint), more open errors than the
 *      policy allows (the first such finding), no trusted decision (the
 *      ledger), a decision other than approve (its commit), a decision on
 *      another commit than the results (its commit), no request (the
 *      results), a machine the call does not offer (the policy);
 *   2. scores (each sub-score 0..100, weighted by the policy) and a rank:
 *      score descending, then the wanted GPU-hours ascending, then the
 *      dossier identity (bytes), then the input order;
 *   3. grants in rank order: wanted = the decision's GPU-hours, else the
 *      request; at most the request and the cap; a partition with room
 *      for it all, else the one with the most room (a partial grant);
 *      nothing below the minimum useful grant.
 * The same inputs always give the same plan.
 */
#ifndef PA_ALLOCATE_ALLOCATE_H
#define PA_ALLOCATE_ALLOCATE_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "ledger/ledger.h"
#include "results/results.h"
#include "util/buf.h"
#include "util/date.h"

#define PA_CALL_NS "urn:pactaudit:call:1"
#define PA_ALLOCATION_NS "urn:pactaudit:allocation:1"

/* Limits a call policy is checked against. */
#define PA_CALL_MAX_GPU_HOURS 1000000000000LL	/* per partition, cap, minimum */
#define PA_CALL_MAX_GPUS_PER_NODE 1024
#define PA_CALL_MAX_WEIGHT 1000

struct pa_call_partition {
	char *id;
	long long gpu_hours;	/* capacity */
};

struct pa_call_machine {
	char *id;
	char *cluster;			/* the Slurm cluster (default: id) */
	long gpus_per_node;
	struct pa_call_partition *partitions;
	size_t npartitions;
};

/* The sub-scores, in the order the plan lists them. */
enum pa_alloc_sub {
	PA_ALLOC_SUB_VERDICT,		/* eligible 100, needs-changes 50, ineligible 0 */
	PA_ALLOC_SUB_FINDINGS,		/* 100 - 20 per open error - 5 per open warning, >= 0 */
	PA_ALLOC_SUB_SIGNATURES,	/* 100 x good / checked (0 when none was checked) */
	PA_ALLOC_NSUB
};

struct pa_call_policy {
	char *id;			/* the call's name */
	struct pa_call_machine *machines;
	size_t nmachines;
	long long cap;			/* GPU-hours per applicant; 0: none */
	long long minimum;		/* the minimum useful grant; 0: none */
	long max_open_errors;		/* -1: no gate on errors */
	unsigned weight[PA_ALLOC_NSUB];
};

/*
 * Read a call policy from bytes (untrusted XML, validated against
 * <datadir>/rules/schema/call.rng, then checked: unique machine and
 * partition ids, numbers in range).  PA_EINVALID with "name:line: what".
 */
int pa_call_policy_read(struct pa_call_policy **out, const char *data, size_t len,
    const char *name);
void pa_call_policy_free(struct pa_call_policy *p);
const char *pa_alloc_sub_name(enum pa_alloc_sub s);

/* One applicant: everything borrowed. */
struct pa_alloc_applicant {
	const char *dossier;		/* the ledger identity (pa_ledger_dossier_id) */
	const char *label;		/* what people call it: legal name, else the path */
	const struct pa_results *results;
	const char *machine;		/* requested; NULL when unknown */
	const char *partition;		/* requested; NULL: any of the machine's */
	long long requested;		/* GPU-hours; -1 when unknown */
	const struct pa_ledger_entry *decision;	/* the last trusted decision, or NULL */
};

/*
 * The applicants of a call, gathered the one way `pactaudit allocate` and
 * the review's allocation view both use: one per results, in that order.
 * label: the results' applicant name, else the dossier path's last
 * component; machine, partition and requested GPU-hours: the results'
 * request (-1 when it is not a whole number); decision: the log's last
 * trusted decision about ids[i], the dossier's ledger identity (log NULL:
 * none).  The items borrow results, ids and log.  0 or PA_ENOMEM.
 */
struct pa_alloc_applicants {
	struct pa_alloc_applicant *items;
	char **labels;			/* owned labels made from a path, else NULL */
	size_t count;
};
int pa_alloc_applicants_make(struct pa_alloc_applicants *out,
    const struct pa_results *const *results, const char *const *ids, size_t count,
    const struct pa_ledger_log *log);
void pa_alloc_applicants_dispose(struct pa_alloc_applicants *a);

enum pa_alloc_outcome {
	PA_ALLOC_GRANTED,
	PA_ALLOC_OPEN_BLOCKER,
	PA_ALLOC_OPEN_ERRORS,
	PA_ALLOC_NO_DECISION,
	PA_ALLOC_REJECTED,
	PA_ALLOC_CHANGES_REQUESTED,
	PA_ALLOC_STALE_DECISION,
	PA_ALLOC_NO_REQUEST,
	PA_ALLOC_UNKNOWN_MACHINE,
	PA_ALLOC_BELOW_MINIMUM,
	PA_ALLOC_NO_CAPACITY
};

/* "granted", "open-blocker", ... (the plan's reason codes). */
const char *pa_alloc_outcome_name(enum pa_alloc_outcome o);

struct pa_alloc_line {
	size_t applicant;		/* index into the applicants given */
	enum pa_alloc_outcome outcome;
	const char *trace_kind;		/* "finding", "decision", "ledger", "results", "policy" */
	char trace[65];			/* fingerprint or commit id; "" for ledger/results/policy */
	char *why;			/* one line for people (owned) */
	unsigned sub[PA_ALLOC_NSUB];
	long long score;
	size_t rank;			/* 1-based position in the plan */
	long long requested, wanted, granted, node_hours;
	bool capped;			/* wanted was cut to the cap */
	bool partial;			/* granted less than wanted for lack of room */
	const char *machine, *partition, *cluster;	/* borrowed from the policy; NULL unless granted */
};

struct pa_alloc_total {
	const char *machine, *partition;	/* borrowed from the policy */
	long gpus_per_node;
	long long capacity, granted, node_hours;
};

struct pa_alloc_plan {
	const struct pa_call_policy *policy;	/* borrowed */
	const struct pa_alloc_applicant *applicants;	/* borrowed */
	struct pa_alloc_line *lines;	/* rank order */
	size_t count;
	struct pa_alloc_total *totals;	/* one per partition, policy order */
	size_t ntotals;
	long long capacity, granted;	/* over the call */
	size_t funded;
};

/*
 * Make the plan (see the top of this file).  waivers: the ledger's trusted
 * waivers (may be NULL); as_of decides their expiry.  0 or PA_ENOMEM.
 */
int pa_alloc_plan(struct pa_alloc_plan **out, const struct pa_call_policy *policy,
    const struct pa_alloc_applicant *applicants, size_t count,
    const struct pa_waivers *waivers, const struct pa_date *as_of);
void pa_alloc_plan_free(struct pa_alloc_plan *plan);

/* Node-hours of gpu_hours on a machine with gpn GPUs per node, rounded up. */
long long pa_alloc_node_hours(long long gpu_hours, long gpn);

/*
 * The Slurm account name of a line: "pa_" + the label lowercased, every
 * run of other characters than [a-z0-9] one "_", at most 24 of them, "_"
 * and the first 8 hex digits of SHA-256(dossier identity); unique per
 * dossier and accepted by sacctmgr.
 */
int pa_alloc_account_name(struct pa_buf *out, const struct pa_alloc_applicant *a);

/* The plan document (urn:pactaudit:allocation:1, rules/schema/allocation.rng). */
int pa_alloc_plan_xml(xmlDoc **out, const struct pa_alloc_plan *plan);
/*
 * Read a plan document back (untrusted XML: parsed like a dossier file,
 * then checked against rules/schema/allocation.rng).  PA_EINVALID with
 * "name:line: what" when it is not a plan; the strings in it are not
 * sanitised (the renderers do that on their copies).
 */
int pa_alloc_plan_read(xmlDoc **out, const char *data, size_t len, const char *name);
/* The plan as JSON (pactaudit-allocate(1)), ending in a newline. */
int pa_alloc_plan_json(struct pa_buf *out, const struct pa_alloc_plan *plan);
/* A plain text summary for the terminal (strings sanitised). */
int pa_alloc_plan_text(struct pa_buf *out, const struct pa_alloc_plan *plan);
/*
 * A POSIX shell script of `sacctmgr -i` commands: one account per granted
 * line on its machine's cluster with GrpTRESMins=gres/gpu=<GPU-hours x 60>.
 */
int pa_alloc_plan_sacctmgr(struct pa_buf *out, const struct pa_alloc_plan *plan);

#endif
