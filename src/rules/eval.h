/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Evaluating a rule pack on one evidence document: classification, obligations, findings. */
#ifndef PA_RULES_EVAL_H
#define PA_RULES_EVAL_H

#include <libxml/tree.h>

#include "results/results.h"
#include "rules/pack.h"
#include "util/date.h"

struct pa_eval_opts {
	const struct pa_date *as_of;	/* which rules are in force (required) */
};

/*
 * An evaluator: the pack's XPath compiled for one thread.  The pack is
 * shared read-only; an evaluator is not (libxml2 caches function lookups
 * inside compiled expressions), so each worker thread makes its own and
 * reuses it for every dossier it audits.
 */
struct pa_eval;

/* Caller frees with pa_eval_free; pack must outlive the evaluator. */
int pa_eval_new(struct pa_eval **out, const struct pa_rulepack *pack);
void pa_eval_free(struct pa_eval *ev);

/*
 * Audit one evidence document (urn:pactaudit:evidence:1):
 *  1. classification: tier="minimal" / gpai="none" defaults, then every
 *     classify rule, in pack order, raises tier/gpai on the nodes it
 *     matches (applicable true, assert false) and adds <classification>;
 *  2. every obligation rule in force: each context node where applicable
 *     holds and assert is false is a finding.
 * The evidence is modified (tiers).  res receives the rules version and
 * digest, the dossier, as-of, systems, models, signatures and the sorted
 * findings; the caller sets tool_version if it differs.  A rule that
 * cannot be evaluated is a needs-review finding, never a pass.  < 0 only
 * when the tool cannot go on (no as-of, not an evidence document, out of
 * memory), message set.
 */
int pa_eval_run(struct pa_results *res, struct pa_eval *ev, xmlDoc *evidence,
    const struct pa_eval_opts *opts);

/* One evaluation with a temporary evaluator; *out freed with pa_results_free. */
int pa_eval_dossier(struct pa_results **out, const struct pa_rulepack *pack,
    xmlDoc *evidence, const struct pa_eval_opts *opts);

#endif
