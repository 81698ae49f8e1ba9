/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The plan written out: its XML document, JSON, a terminal summary and a
 * sacctmgr script.  Every string that came from a dossier or the ledger is
 * sanitised (one line, no control characters) before it is written; the
 * output holds no time or host, so the same plan is the same bytes.
 */
#include "config.h"

#include "allocate/allocate.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/text.h"

static const char *
verdict_of(const struct pa_alloc_applicant *a)
{
	return pa_results_verdict_name(pa_results_verdict(a->results));
}

/* A sanitised one-line copy of s (s NULL: NULL); *oom set on failure. */
static char *
clean(const char *s, bool *oom)
{
	char *c;

	if (s == NULL)
		return NULL;
	if ((c = pa_text_sanitize_dup(s)) == NULL)
		*oom = true;
	return c;
}

static void
prop(xmlNode *n, const char *name, const char *value, bool *oom)
{
	char *c;

	if (value == NULL)
		return;
	if ((c = clean(value, oom)) == NULL)
		return;
	if (xmlNewProp(n, BAD_CAST name, BAD_CAST c) == NULL)
		*oom = true;
	free(c);
}

static void
propll(xmlNode *n, const char *name, long long v, bool *oom)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", v);
	if (xmlNewProp(n, BAD_CAST name, BAD_CAST num) == NULL)
		*oom = true;
}

static xmlNode *
child(xmlNode *parent, const char *name, bool *oom)
{
	xmlNode *n = xmlNewChild(parent, parent->ns, BAD_CAST name, NULL);

	if (n == NULL)
		*oom = true;
	return n;
}

static void
xml_line(xmlNode *root, const struct pa_alloc_plan *plan, const struct pa_alloc_line *l,
    bool *oom)
{
	const struct pa_alloc_applicant *a = &plan->applicants[l->applicant];
	const struct pa_call_policy *p = plan->policy;
	struct pa_buf acct = PA_BUF_INIT;
	xmlNode *n, *s, *t;
	char *why;
	unsigned i;

	if ((n = child(root, "applicant", oom)) == NULL)
		return;
	propll(n, "rank", (long long)l->rank, oom);
	prop(n, "name", a->label, oom);
	prop(n, "dossier", a->dossier, oom);
	prop(n, "commit", a->results->dossier_commit, oom);
	prop(n, "verdict", verdict_of(a), oom);
	if (a->decision != NULL) {
		prop(n, "decision", pa_decision_name(a->decision->decision.decision), oom);
		prop(n, "decision-commit", a->decision->commit, oom);
	}
	prop(n, "outcome", pa_alloc_outcome_name(l->outcome), oom);
	propll(n, "score", l->score, oom);
	prop(n, "requested-machine", a->machine, oom);
	prop(n, "requested-partition", a->partition, oom);
	if (l->requested >= 0)
		propll(n, "requested", l->requested, oom);
	if (l->wanted >= 0)
		propll(n, "wanted", l->wanted, oom);
	propll(n, "granted", l->granted, oom);
	if (l->outcome == PA_ALLOC_GRANTED) {
		prop(n, "machine", l->machine, oom);
		prop(n, "partition", l->partition, oom);
		prop(n, "cluster", l->cluster, oom);
		propll(n, "node-hours", l->node_hours, oom);
		if (pa_alloc_account_name(&acct, a) < 0)
			*oom = true;
		else
			prop(n, "account", acct.ptr, oom);
		if (l->capped)
			prop(n, "capped", "true", oom);
		if (l->partial)
			prop(n, "partial", "true", oom);
	}
	for (i = 0; i < PA_ALLOC_NSUB; i++) {
		if ((s = child(n, "sub", oom)) == NULL)
			break;
		prop(s, "of", pa_alloc_sub_name((enum pa_alloc_sub)i), oom);
		propll(s, "value", l->sub[i], oom);
		propll(s, "weight", p->weight[i], oom);
		propll(s, "points", (long long)p->weight[i] * l->sub[i], oom);
	}
	if (l->outcome != PA_ALLOC_GRANTED && (t = child(n, "trace", oom)) != NULL) {
		prop(t, "kind", l->trace_kind, oom);
		if (l->trace[0] != '\0')
			prop(t, "ref", l->trace, oom);
	}
	if ((why = clean(l->why ? l->why : "", oom)) != NULL &&
	    xmlNewTextChild(n, n->ns, BAD_CAST "why", BAD_CAST why) == NULL)
		*oom = true;
	free(why);
	pa_buf_dispose(&acct);
}

int
pa_alloc_plan_xml(xmlDoc **out, const struct pa_alloc_plan *plan)
{
	const struct pa_call_policy *p = plan->policy;
	xmlDoc *doc;
	xmlNode *root, *n;
	xmlNs *ns;
	bool oom = false;
	size_t i;

	*out = NULL;
	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (root = xmlNewNode(NULL, BAD_CAST "allocation")) == NULL) {
		xmlFreeDoc(doc);
		return pa_error_oom();
	}
	xmlDocSetRootElement(doc, root);
	if ((ns = xmlNewNs(root, BAD_CAST PA_ALLOCATION_NS, NULL)) == NULL)
		oom = true;
	xmlSetNs(root, ns);
	prop(root, "version", "1", &oom);
	prop(root, "call", p->id, &oom);
	if ((n = child(root, "policy", &oom)) != NULL) {
		propll(n, "cap", p->cap, &oom);
		propll(n, "minimum", p->minimum, &oom);
		if (p->max_open_errors >= 0)
			propll(n, "max-open-errors", p->max_open_errors, &oom);
		for (i = 0; i < PA_ALLOC_NSUB; i++) {
			xmlNode *w = child(n, "weight", &oom);

			if (w == NULL)
				break;
			prop(w, "of", pa_alloc_sub_name((enum pa_alloc_sub)i), &oom);
			propll(w, "value", p->weight[i], &oom);
		}
	}
	for (i = 0; i < plan->ntotals; i++) {
		const struct pa_alloc_total *t = &plan->totals[i];

		if ((n = child(root, "capacity", &oom)) == NULL)
			break;
		prop(n, "machine", t->machine, &oom);
		prop(n, "partition", t->partition, &oom);
		propll(n, "gpus-per-node", t->gpus_per_node, &oom);
		propll(n, "gpu-hours", t->capacity, &oom);
		propll(n, "node-hours", pa_alloc_node_hours(t->capacity, t->gpus_per_node), &oom);
		propll(n, "granted", t->granted, &oom);
		propll(n, "granted-node-hours", t->node_hours, &oom);
		propll(n, "left", t->capacity - t->granted, &oom);
	}
	if ((n = child(root, "totals", &oom)) != NULL) {
		propll(n, "applicants", (long long)plan->count, &oom);
		propll(n, "funded", (long long)plan->funded, &oom);
		propll(n, "gpu-hours", plan->capacity, &oom);
		propll(n, "granted", plan->granted, &oom);
		propll(n, "left", plan->capacity - plan->granted, &oom);
	}
	for (i = 0; i < plan->count && !oom; i++)
		xml_line(root, plan, &plan->lines[i], &oom);
	if (oom) {
		xmlFreeDoc(doc);
		return pa_error_oom();
	}
	*out = doc;
	return 0;
}

/* json_t helpers: a NULL value is left out; *oom set on failure. */
static void
jset(json_t *o, const char *key, json_t *v, bool *oom)
{
	if (v == NULL || json_object_set_new(o, key, v) != 0)
		*oom = true;
}

static void
jstr(json_t *o, const char *key, const char *s, bool *oom)
{
	char *c;

	if (s == NULL)
		return;
	if ((c = clean(s, oom)) == NULL)
		return;
	jset(o, key, json_string(c), oom);
	free(c);
}

int
pa_alloc_plan_json(struct pa_buf *out, const struct pa_alloc_plan *plan)
{
	const struct pa_call_policy *p = plan->policy;
	json_t *root = json_object(), *caps = json_array(), *apps = json_array();
	json_t *weights = json_object(), *pol = json_object(), *tot = json_object();
	struct pa_buf acct = PA_BUF_INIT;
	bool oom = root == NULL || caps == NULL || apps == NULL || weights == NULL ||
	    pol == NULL || tot == NULL;
	char *text = NULL;
	size_t i;
	unsigned s;

	if (oom)
		goto done;
	jset(root, "version", json_integer(1), &oom);
	jstr(root, "call", p->id, &oom);
	jset(pol, "cap", json_integer(p->cap), &oom);
	jset(pol, "minimum", json_integer(p->minimum), &oom);
	jset(pol, "max_open_errors", p->max_open_errors >= 0 ?
	    json_integer(p->max_open_errors) : json_null(), &oom);
	for (s = 0; s < PA_ALLOC_NSUB; s++)
		jset(weights, pa_alloc_sub_name((enum pa_alloc_sub)s), json_integer(p->weight[s]),
		    &oom);
	jset(pol, "weights", json_incref(weights), &oom);
	jset(root, "policy", json_incref(pol), &oom);
	for (i = 0; i < plan->ntotals; i++) {
		const struct pa_alloc_total *t = &plan->totals[i];
		json_t *c = json_object();

		if (c == NULL || json_array_append_new(caps, c) != 0) {
			oom = true;
			break;
		}
		jstr(c, "machine", t->machine, &oom);
		jstr(c, "partition", t->partition, &oom);
		jset(c, "gpus_per_node", json_integer(t->gpus_per_node), &oom);
		jset(c, "gpu_hours", json_integer(t->capacity), &oom);
		jset(c, "node_hours", json_integer(pa_alloc_node_hours(t->capacity,
		    t->gpus_per_node)), &oom);
		jset(c, "granted", json_integer(t->granted), &oom);
		jset(c, "granted_node_hours", json_integer(t->node_hours), &oom);
		jset(c, "left", json_integer(t->capacity - t->granted), &oom);
	}
	jset(root, "capacity", json_incref(caps), &oom);
	jset(tot, "applicants", json_integer((json_int_t)plan->count), &oom);
	jset(tot, "funded", json_integer((json_int_t)plan->funded), &oom);
	jset(tot, "gpu_hours", json_integer(plan->capacity), &oom);
	jset(tot, "granted", json_integer(plan->granted), &oom);
	jset(tot, "left", json_integer(plan->capacity - plan->granted), &oom);
	jset(root, "totals", json_incref(tot), &oom);
	for (i = 0; i < plan->count && !oom; i++) {
		const struct pa_alloc_line *l = &plan->lines[i];
		const struct pa_alloc_applicant *a = &plan->applicants[l->applicant];
		json_t *o = json_object(), *subs = json_object(), *tr;

		if (o == NULL || subs == NULL || json_array_append_new(apps, o) != 0) {
			json_decref(subs);
			oom = true;
			break;
		}
		jset(o, "rank", json_integer((json_int_t)l->rank), &oom);
		jstr(o, "name", a->label, &oom);
		jstr(o, "dossier", a->dossier, &oom);
		jset(o, "commit", a->results->dossier_commit ?
		    json_string(a->results->dossier_commit) : json_null(), &oom);
		jstr(o, "verdict", verdict_of(a), &oom);
		jset(o, "decision", a->decision ?
		    json_string(pa_decision_name(a->decision->decision.decision)) : json_null(), &oom);
		jset(o, "decision_commit", a->decision ? json_string(a->decision->commit) :
		    json_null(), &oom);
		jstr(o, "outcome", pa_alloc_outcome_name(l->outcome), &oom);
		jset(o, "score", json_integer(l->score), &oom);
		for (s = 0; s < PA_ALLOC_NSUB; s++)
			jset(subs, pa_alloc_sub_name((enum pa_alloc_sub)s), json_integer(l->sub[s]),
			    &oom);
		jset(o, "subscores", subs, &oom);
		jset(o, "requested", l->requested >= 0 ? json_integer(l->requested) : json_null(),
		    &oom);
		if (a->machine == NULL)
			jset(o, "requested_machine", json_null(), &oom);
		jstr(o, "requested_machine", a->machine, &oom);
		if (a->partition == NULL)
			jset(o, "requested_partition", json_null(), &oom);
		jstr(o, "requested_partition", a->partition, &oom);
		jset(o, "wanted", l->wanted >= 0 ? json_integer(l->wanted) : json_null(), &oom);
		jset(o, "granted", json_integer(l->granted), &oom);
		if (l->outcome == PA_ALLOC_GRANTED) {
			pa_buf_clear(&acct);
			if (pa_alloc_account_name(&acct, a) < 0)
				oom = true;
			jstr(o, "machine", l->machine, &oom);
			jstr(o, "partition", l->partition, &oom);
			jstr(o, "cluster", l->cluster, &oom);
			jset(o, "node_hours", json_integer(l->node_hours), &oom);
			jstr(o, "account", acct.ptr, &oom);
			jset(o, "capped", json_boolean(l->capped), &oom);
			jset(o, "partial", json_boolean(l->partial), &oom);
			jset(o, "trace", json_null(), &oom);
		} else if ((tr = json_object()) != NULL) {
			jstr(tr, "kind", l->trace_kind, &oom);
			jset(tr, "ref", l->trace[0] ? json_string(l->trace) : json_null(), &oom);
			jset(o, "trace", tr, &oom);
		} else {
			oom = true;
		}
		jstr(o, "why", l->why ? l->why : "", &oom);
	}
	jset(root, "applicants", json_incref(apps), &oom);
	if (!oom && (text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER)) == NULL)
		oom = true;
	if (!oom) {
		pa_buf_puts(out, text);
		pa_buf_putc(out, '\n');
		oom = pa_buf_oom(out);
	}
done:
	free(text);
	pa_buf_dispose(&acct);
	json_decref(root);
	json_decref(caps);
	json_decref(apps);
	json_decref(weights);
	json_decref(pol);
	json_decref(tot);
	return oom ? pa_error_oom() : 0;
}

int
pa_alloc_plan_text(struct pa_buf *out, const struct pa_alloc_plan *plan)
{
	size_t i;

	pa_buf_printf(out, "call %s: %zu of %zu applicants funded, %lld of %lld GPU-hours granted\n",
	    plan->policy->id, plan->funded, plan->count, plan->granted, plan->capacity);
	for (i = 0; i < plan->ntotals; i++) {
		const struct pa_alloc_total *t = &plan->totals[i];

		pa_buf_printf(out, "  %s/%s: %lld of %lld GPU-hours (%lld node-hours at %ld GPUs "
		    "per node), %lld left\n", t->machine, t->partition, t->granted, t->capacity,
		    t->node_hours, t->gpus_per_node, t->capacity - t->granted);
	}
	for (i = 0; i < plan->count; i++) {
		const struct pa_alloc_line *l = &plan->lines[i];
		const struct pa_alloc_applicant *a = &plan->applicants[l->applicant];
		char *label = pa_text_sanitize_dup(a->label ? a->label : "");
		char *why = pa_text_sanitize_dup(l->why ? l->why : "");

		if (label == NULL || why == NULL) {
			free(label);
			free(why);
			return pa_error_oom();
		}
		pa_buf_printf(out, "%3zu. %-9s %10lld  score %-4lld %s: %s", l->rank,
		    l->outcome == PA_ALLOC_GRANTED ? "granted" : "excluded", l->granted, l->score,
		    label, why);
		if (l->outcome != PA_ALLOC_GRANTED)
			pa_buf_printf(out, " [%s%s%s]", pa_alloc_outcome_name(l->outcome),
			    l->trace[0] ? " " : "", l->trace);
		pa_buf_putc(out, '\n');
		free(label);
		free(why);
	}
	return pa_buf_oom(out) ? pa_error_oom() : 0;
}

/* A Slurm cluster name: lowercase [a-z0-9_-], as sacctmgr stores it. */
static void
put_cluster(struct pa_buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		char c = *s;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		pa_buf_putc(out, (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ?
		    c : '_');
	}
}

int
pa_alloc_plan_sacctmgr(struct pa_buf *out, const struct pa_alloc_plan *plan)
{
	struct pa_buf acct = PA_BUF_INIT, cl = PA_BUF_INIT, callid = PA_BUF_INIT;
	size_t i;
	int error = 0;

	put_cluster(&callid, plan->policy->id);
	pa_buf_printf(out, "#!/bin/sh\n"
	    "# Slurm accounts of the allocation plan of call %s, made by pactaudit allocate:\n"
	    "# %zu account(s), %lld GPU-hours in all.  Each account gets a limit on\n"
	    "# gres/gpu in GPU-minutes (GrpTRESMins = GPU-hours x 60) on its machine's\n"
	    "# cluster.  Run it where sacctmgr reaches the slurmdbd (SLURM_CONF); running it\n"
	    "# again sets the same limits.\n"
	    "set -eu\n", callid.ptr, plan->funded, plan->granted);
	for (i = 0; i < plan->count && error == 0; i++) {
		const struct pa_alloc_line *l = &plan->lines[i];

		if (l->outcome != PA_ALLOC_GRANTED)
			continue;
		pa_buf_clear(&acct);
		pa_buf_clear(&cl);
		if ((error = pa_alloc_account_name(&acct, &plan->applicants[l->applicant])) < 0)
			break;
		put_cluster(&cl, l->cluster);
		pa_buf_printf(out, "\n# rank %zu: %lld GPU-hours on %s/%s (%lld node-hours)\n",
		    l->rank, l->granted, l->machine, l->partition, l->node_hours);
		pa_buf_printf(out, "if [ -z \"$(sacctmgr -n -P show assoc where account=%s "
		    "cluster=%s format=account)\" ]; then\n"
		    "\tsacctmgr -i add account %s cluster=%s description='pactaudit call %s rank %zu' "
		    "organization=pactaudit\n"
		    "fi\n"
		    "sacctmgr -i modify account where name=%s cluster=%s set "
		    "GrpTRESMins=gres/gpu=%lld\n",
		    acct.ptr, cl.ptr, acct.ptr, cl.ptr, callid.ptr, l->rank, acct.ptr, cl.ptr,
		    l->granted * 60);
	}
	if (error == 0 && (pa_buf_oom(out) || pa_buf_oom(&acct) || pa_buf_oom(&cl)))
		error = pa_error_oom();
	pa_buf_dispose(&acct);
	pa_buf_dispose(&cl);
	pa_buf_dispose(&callid);
	return error;
}
