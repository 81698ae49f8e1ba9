/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The evaluation engine: classification, then obligation rules, into findings. */
#include "config.h"

#include "rules/eval.h"

#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "evidence/schema.h"
#include "parse/evnode.h"
#include "parse/xml.h"
#include "rules/classify.h"
#include "rules/xpathfn.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/limits.h"
#include "util/log.h"
#include "util/text.h"

/* Bytes of one quoted value in a message, and of a key in an anchor. */
#define VALUE_MAX 200
#define KEY_MAX 64

struct compiled {
	xmlXPathCompExprPtr context, applicable, assertion, location;
	xmlXPathCompExprPtr *selects;	/* one per <value-of>, in order */
	size_t nselects;
};

struct pa_eval {
	const struct pa_rulepack *pack;
	struct compiled *rules;
	size_t count;
};

/* One run over one evidence document. */
struct run {
	struct pa_eval *ev;
	struct pa_results *res;
	xmlXPathContext *xp;
	struct pa_xpathfn_env env;
	xmlNode *root;
	const char *as_of;
};

/* ------------------------------------------------------------------ */
/* evaluators                                                          */

static void
compiled_dispose(struct compiled *c)
{
	size_t i;

	xmlXPathFreeCompExpr(c->context);
	xmlXPathFreeCompExpr(c->applicable);
	xmlXPathFreeCompExpr(c->assertion);
	xmlXPathFreeCompExpr(c->location);
	for (i = 0; i < c->nselects; i++)
		xmlXPathFreeCompExpr(c->selects[i]);
	free(c->selects);
}

static bool
is_rules_el(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, PA_RULES_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
compile_one(xmlXPathCompExprPtr *out, xmlXPathContext *xp, const struct pa_rule *r,
    const char *expr)
{
	*out = NULL;
	if (expr == NULL)
		return 0;
	if ((*out = xmlXPathCtxtCompile(xp, BAD_CAST expr)) == NULL)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_RULES,
		    "%s:%ld: rule '%s': XPath does not compile: %s", r->file, r->line,
		    r->id, expr);
	return 0;
}

static int
compile_rule(struct compiled *c, xmlXPathContext *xp, const struct pa_rule *r)
{
	const xmlNode *n;
	xmlChar *sel;
	size_t count = 0;
	int error;

	if ((error = compile_one(&c->context, xp, r, r->context)) < 0 ||
	    (error = compile_one(&c->applicable, xp, r, r->applicable)) < 0 ||
	    (error = compile_one(&c->assertion, xp, r, r->assertion)) < 0 ||
	    (error = compile_one(&c->location, xp, r, r->location)) < 0)
		return error;
	for (n = r->message ? r->message->children : NULL; n != NULL; n = n->next)
		if (is_rules_el(n, "value-of"))
			count++;
	if (count == 0)
		return 0;
	if ((c->selects = pa_calloc(count, sizeof(*c->selects))) == NULL)
		return PA_ENOMEM;
	for (n = r->message->children; n != NULL; n = n->next) {
		if (!is_rules_el(n, "value-of"))
			continue;
		sel = xmlGetProp(n, BAD_CAST "select");
		error = compile_one(&c->selects[c->nselects], xp, r,
		    sel ? (const char *)sel : "");
		xmlFree(sel);
		if (error < 0)
			return error;
		c->nselects++;
	}
	return 0;
}

int
pa_eval_new(struct pa_eval **out, const struct pa_rulepack *pack)
{
	struct pa_eval *ev = NULL;
	struct pa_xpathfn_env env;
	xmlXPathContext *xp = NULL;
	size_t i;
	int error = 0;

	*out = NULL;
	pa_xpathfn_env_init(&env, pack);
	if ((ev = pa_calloc(1, sizeof(*ev))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	ev->pack = pack;
	ev->count = pa_rulepack_count(pack);
	if ((ev->rules = pa_calloc(ev->count ? ev->count : 1, sizeof(*ev->rules))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	if ((xp = xmlXPathNewContext(NULL)) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	if ((error = pa_xpathfn_register(xp, &env)) < 0)
		goto done;
	for (i = 0; i < ev->count; i++)
		if ((error = compile_rule(&ev->rules[i], xp,
		    pa_rulepack_rule_at(pack, i))) < 0)
			goto done;
	*out = ev;
	ev = NULL;	/* owned by the caller */
done:
	xmlXPathFreeContext(xp);
	pa_xpathfn_env_dispose(&env);
	pa_eval_free(ev);
	return error;
}

void
pa_eval_free(struct pa_eval *ev)
{
	size_t i;

	if (ev == NULL)
		return;
	for (i = 0; ev->rules != NULL && i < ev->count; i++)
		compiled_dispose(&ev->rules[i]);
	free(ev->rules);
	free(ev);
}

/* ------------------------------------------------------------------ */
/* evidence helpers                                                    */

static bool
is_ev(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, PA_EVIDENCE_NS) == 0 &&
	    (name == NULL || strcmp((const char *)n->name, name) == 0);
}

static const xmlNode *
child_ev(const xmlNode *n, const char *name)
{
	const xmlNode *c;

	for (c = n ? n->children : NULL; c != NULL; c = c->next)
		if (is_ev(c, name))
			return c;
	return NULL;
}

/* The nearest ancestor-or-self element with @src, or NULL. */
static const xmlNode *
src_node(const xmlNode *n)
{
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (pa_xml_attr(n, "src") != NULL)
			return n;
	return NULL;
}


/*
 * Where a node is, for a finding: the dossier path (@src of the nearest
 * ancestor-or-self that has one), the line (nearest @line within that
 * file), and the anchor the evidence recorded when the node was made
 * (@anchor of the nearest ancestor-or-self that has one, up to the
 * nearest one with @src; parse/evnode.h).
 */
static void
provenance(const xmlNode *n, const xmlNode *root, const char **path, long *line,
    struct pa_buf *anchor)
{
	const xmlNode *s, *x;
	const char *v;

	*path = NULL;
	*line = 0;
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->type == XML_DOCUMENT_NODE ? root : n->parent;
	if (n == NULL)
		return;
	s = src_node(n);
	*path = s ? pa_xml_attr(s, "src") : NULL;
	for (x = n; x != NULL && x->type == XML_ELEMENT_NODE; x = x->parent) {
		if ((v = pa_xml_attr(x, "line")) != NULL) {
			*line = strtol(v, NULL, 10);
			if (*line < 0)
				*line = 0;
			break;
		}
		if (x == s)
			break;
	}
	for (x = n; x != NULL && x->type == XML_ELEMENT_NODE; x = x->parent) {
		if ((v = pa_ev_anchor(x)) != NULL) {
			pa_buf_puts(anchor, v);
			return;
		}
		if (x == s)
			break;	/* a file's root element has no anchor of its own */
	}
}

/* ------------------------------------------------------------------ */
/* evaluation                                                          */

static void
silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Evaluate comp on node; NULL on error with the message in rn->env.error. */
static xmlXPathObjectPtr
eval_at(struct run *rn, xmlXPathCompExprPtr comp, xmlNode *node)
{
	xmlXPathObjectPtr obj;

	pa_buf_clear(&rn->env.error);
	rn->xp->node = node;
	rn->xp->contextSize = 1;
	rn->xp->proximityPosition = 1;
	rn->xp->opCount = 0;
	rn->xp->opLimit = PA_LIMIT_XPATH_OPS;
	obj = xmlXPathCompiledEval(comp, rn->xp);
	if (obj == NULL && rn->env.error.size == 0)
		pa_buf_puts(&rn->env.error, "XPath evaluation failed");
	return obj;
}

/* Boolean value of comp at node: 1 true, 0 false, -1 error. */
static int
eval_bool(struct run *rn, xmlXPathCompExprPtr comp, xmlNode *node)
{
	xmlXPathObjectPtr obj = eval_at(rn, comp, node);
	int v;

	if (obj == NULL)
		return -1;
	v = xmlXPathCastToBoolean(obj) ? 1 : 0;
	xmlXPathFreeObject(obj);
	return v;
}

/* A number as text without locale: integers plainly, others in %g style. */
static void
put_number(struct pa_buf *b, double v)
{
	char tmp[64];
	size_t i;
	bool radix = false;

	if (isnan(v)) {
		pa_buf_puts(b, "NaN");
		return;
	}
	if (isinf(v)) {
		pa_buf_puts(b, v > 0 ? "Infinity" : "-Infinity");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		pa_buf_printf(b, "%.0f", v);
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.4g", v);
	for (i = 0; tmp[i] != '\0'; i++) {
		if (strchr("0123456789eE+-", tmp[i]) != NULL) {
			pa_buf_putc(b, tmp[i]);
			radix = false;
		} else if (!radix) {
			pa_buf_putc(b, '.');	/* whatever LC_NUMERIC's radix is */
			radix = true;
		}
	}
}

/* The finding's message: the template with each <value-of> evaluated at node. */
static void
build_message(struct run *rn, const struct pa_rule *r, const struct compiled *c,
    xmlNode *node, struct pa_buf *out)
{
	struct pa_buf raw = PA_BUF_INIT, val = PA_BUF_INIT;
	const xmlNode *m;
	xmlXPathObjectPtr obj;
	xmlChar *s;
	size_t k = 0;

	for (m = r->message ? r->message->children : NULL; m != NULL; m = m->next) {
		if (m->type == XML_TEXT_NODE && m->content != NULL) {
			pa_buf_puts(&raw, (const char *)m->content);
			continue;
		}
		if (!is_rules_el(m, "value-of") || k >= c->nselects)
			continue;
		obj = eval_at(rn, c->selects[k++], node);
		pa_buf_clear(&val);
		if (obj == NULL) {
			pa_buf_puts(&val, "?");
			pa_log(PA_LOG_DEBUG, "rule %s: <value-of>: %s", r->id, rn->env.error.ptr);
		} else if (obj->type == XPATH_NUMBER) {
			put_number(&val, obj->floatval);
		} else if ((s = xmlXPathCastToString(obj)) != NULL) {
			pa_text_sanitize(&val, (const char *)s, strlen((const char *)s),
			    PA_TEXT_ONELINE);
			xmlFree(s);
		}
		xmlXPathFreeObject(obj);
		/* keep the value's own edge spaces: the final pass collapses runs */
		if (val.size > 0 && strchr(" \t\n\r", val.ptr[0]) != NULL)
			pa_buf_putc(&raw, ' ');
		pa_ev_put_collapsed(&raw, val.ptr, VALUE_MAX);
		if (val.size > 0 && strchr(" \t\n\r", val.ptr[val.size - 1]) != NULL)
			pa_buf_putc(&raw, ' ');
	}
	pa_ev_put_collapsed(out, raw.ptr, (size_t)-1 / 2);
	pa_buf_dispose(&raw);
	pa_buf_dispose(&val);
}

/* The node a finding points at: the first node <location> selects, else node. */
static const xmlNode *
locate(struct run *rn, const struct compiled *c, xmlNode *node)
{
	xmlXPathObjectPtr obj;
	const xmlNode *loc = node;

	if (c->location == NULL)
		return node;
	if ((obj = eval_at(rn, c->location, node)) == NULL)
		return node;
	if (obj->type == XPATH_NODESET && obj->nodesetval != NULL &&
	    obj->nodesetval->nodeNr > 0) {
		xmlXPathNodeSetSort(obj->nodesetval);
		loc = obj->nodesetval->nodeTab[0];
		if (loc->type == XML_NAMESPACE_DECL)
			loc = node;
		else if (loc->type == XML_ATTRIBUTE_NODE)
			loc = loc->parent;
	}
	xmlXPathFreeObject(obj);
	return loc;
}

static int
add_finding(struct run *rn, const struct pa_rule *r, const struct compiled *c,
    xmlNode *node, const char *failure)
{
	struct pa_buf msg = PA_BUF_INIT, anchor = PA_BUF_INIT, uri = PA_BUF_INIT;
	struct pa_results_finding f = { 0 };
	const xmlNode *loc;
	bool in_force = strcmp(r->applies_from, rn->as_of) <= 0;
	int error;

	if (failure != NULL) {
		loc = node;
		pa_buf_printf(&msg, "rule %s could not be evaluated: %s", r->id, failure);
	} else {
		loc = locate(rn, c, node);
		build_message(rn, r, c, node, &msg);
	}
	provenance(loc, rn->root, &f.path, &f.line, &anchor);
	if (r->ref_count > 0)
		pa_rulepack_ref_uri(&uri, &r->refs[0]);
	if (pa_buf_oom(&msg) || pa_buf_oom(&anchor) || pa_buf_oom(&uri)) {
		error = pa_error_oom();
		goto done;
	}
	f.rule = r->id;
	f.severity = in_force ? r->severity : PA_SEVERITY_INFO;
	f.status = failure ? PA_FINDING_NEEDS_REVIEW : PA_FINDING_OPEN;
	f.in_force = in_force;
	f.applies_from = r->applies_from;
	f.waivable = r->waivable;
	f.heuristic = r->heuristic;
	f.message = msg.ptr;
	f.remedy = r->remedy;
	f.anchor = anchor.size ? anchor.ptr : NULL;
	f.ref = r->ref_text;
	f.title = r->title;
	f.help_uri = uri.size ? uri.ptr : NULL;
	error = pa_results_add_finding(rn->res, &f);
done:
	pa_buf_dispose(&uri);
	pa_buf_dispose(&msg);
	pa_buf_dispose(&anchor);
	return error;
}

/* Describe an evaluation failure: which part, and libxml2's or our message. */
static const char *
failure_text(struct run *rn, struct pa_buf *b, const char *part)
{
	pa_buf_clear(b);
	pa_buf_printf(b, "%s: %s", part, rn->env.error.size ? rn->env.error.ptr :
	    "XPath evaluation failed");
	return b->ptr;
}

static int
run_rule(struct run *rn, const struct pa_rule *r, const struct compiled *c)
{
	struct pa_buf why = PA_BUF_INIT, reason = PA_BUF_INIT;
	xmlXPathObjectPtr set = NULL;
	xmlNode *node;
	bool raised;
	int i, b, error = 0;

	rn->env.current = rn->root;
	if ((set = eval_at(rn, c->context, rn->root)) == NULL) {
		error = add_finding(rn, r, c, rn->root, failure_text(rn, &why, "<context>"));
		goto done;
	}
	if (set->type != XPATH_NODESET) {
		pa_buf_clear(&rn->env.error);
		pa_buf_puts(&rn->env.error, "does not select nodes");
		error = add_finding(rn, r, c, rn->root, failure_text(rn, &why, "<context>"));
		goto done;
	}
	if (set->nodesetval != NULL)
		xmlXPathNodeSetSort(set->nodesetval);
	for (i = 0; set->nodesetval != NULL && i < set->nodesetval->nodeNr; i++) {
		node = set->nodesetval->nodeTab[i];
		if (node->type == XML_NAMESPACE_DECL)
			continue;
		rn->env.current = node;
		if (c->applicable != NULL) {
			if ((b = eval_bool(rn, c->applicable, node)) < 0) {
				if ((error = add_finding(rn, r, c, node,
				    failure_text(rn, &why, "<applicable>"))) < 0)
					goto done;
				continue;
			}
			if (b == 0)
				continue;
		}
		if ((b = eval_bool(rn, c->assertion, node)) < 0) {
			if ((error = add_finding(rn, r, c, node, failure_text(rn, &why,
			    r->fires_if ? "<fires-if>" : "<assert>"))) < 0)
				goto done;
			continue;
		}
		if (b == (r->fires_if ? 0 : 1))
			continue;	/* <assert> holds, <fires-if> does not: no finding */
		if (r->phase == PA_RULE_PHASE_CLASSIFY) {
			pa_buf_clear(&reason);
			build_message(rn, r, c, node, &reason);
			if (pa_buf_oom(&reason)) {
				error = pa_error_oom();
				goto done;
			}
			if ((error = pa_classify_apply(node, r, reason.ptr, &raised)) < 0)
				goto done;
			if (!r->classify_report)
				continue;
		}
		if ((error = add_finding(rn, r, c, node, NULL)) < 0)
			goto done;
	}
done:
	rn->env.current = NULL;
	xmlXPathFreeObject(set);
	pa_buf_dispose(&why);
	pa_buf_dispose(&reason);
	return error;
}

/* ------------------------------------------------------------------ */
/* results                                                             */

#define PURPOSE_MAX 200	/* bytes of a system's one-line purpose in the results */

/*
 * *field = the text of n's child `name`, white space collapsed (cut after
 * max bytes), or NULL when there is none.
 */
static int
set_text(char **field, const xmlNode *n, const char *name, size_t max)
{
	const xmlNode *c = child_ev(n, name);
	struct pa_buf b = PA_BUF_INIT;
	xmlChar *v;
	int error;

	if (c == NULL)
		return pa_results_set(field, NULL);
	if ((v = xmlNodeGetContent(c)) == NULL)
		return pa_error_oom();
	pa_ev_put_collapsed(&b, (const char *)v, max);
	xmlFree(v);
	error = pa_buf_oom(&b) ? pa_error_oom() :
	    pa_results_set(field, b.size ? b.ptr : NULL);
	pa_buf_dispose(&b);
	return error;
}

/* A card's licence: its SPDX expression, else the name it gives, and the status read. */
static int
set_license(struct pa_results_item *it, const xmlNode *card)
{
	const xmlNode *l = child_ev(card, "license");
	const char *v;
	int error;

	if (l == NULL)
		return 0;
	v = pa_xml_attr(l, "expression");
	if (v == NULL || *v == '\0')
		v = pa_xml_attr(l, "license-name");
	if ((error = pa_results_set(&it->license, v && *v ? v : NULL)) < 0)
		return error;
	return pa_results_set(&it->license_status, pa_xml_attr(l, "status"));
}

/* The text of an element on one line, its first sentence, at most PURPOSE_MAX bytes. */
static int
first_sentence(char **out, const xmlNode *n)
{
	struct pa_buf b = PA_BUF_INIT;
	xmlChar *v;
	char *end;
	int error;

	if ((v = xmlNodeGetContent(n)) == NULL)
		return pa_error_oom();
	pa_ev_put_collapsed(&b, (const char *)v, PURPOSE_MAX);
	xmlFree(v);
	if (b.ptr != NULL && (end = strstr(b.ptr, ". ")) != NULL)
		end[1] = '\0';
	error = pa_buf_oom(&b) ? pa_error_oom() : pa_results_set(out, b.size ? b.ptr : NULL);
	pa_buf_dispose(&b);
	return error;
}

/* A system's purpose on one line: its first sentence, at most PURPOSE_MAX bytes. */
static int
set_purpose(struct pa_results_item *it, const xmlNode *system)
{
	const xmlNode *c = child_ev(system, "purpose");

	return c == NULL ? pa_results_set(&it->purpose, NULL) : first_sentence(&it->purpose, c);
}

/* pact/commitments.xml: the organisation, the date, every core commitment and pledge. */
static int
collect_pact(struct pa_results_pact *p, struct pa_results *res, const xmlNode *pact)
{
	const xmlNode *c;
	const char *valid = pa_xml_attr(pact, "valid");
	int error;

	if (valid == NULL || strcmp(valid, "true") != 0)
		return pa_results_set(&p->state, "invalid");
	if ((error = pa_results_set(&p->state, "valid")) < 0 ||
	    (error = set_text(&p->organisation, pact, "organisation", PA_EV_ANCHOR_MAX)) < 0 ||
	    (error = set_text(&p->signed_on, pact, "signed-on", PA_EV_ANCHOR_MAX)) < 0)
		return error;
	for (c = pact->children; c != NULL; c = c->next) {
		struct pa_results_commitment cm = { 0 };
		char *text = NULL;

		if (!is_ev(c, "core") && !is_ev(c, "pledge"))
			continue;
		cm.kind = (char *)c->name;
		cm.id = (char *)pa_xml_attr(c, "id");
		cm.role = (char *)pa_xml_attr(c, "role");
		cm.article = (char *)pa_xml_attr(c, "article");
		cm.due = (char *)pa_xml_attr(c, "due");
		if ((error = first_sentence(&text, c)) == 0) {
			cm.text = text;
			error = pa_results_add_commitment(res, &cm);
		}
		free(text);
		if (error < 0)
			return error;
	}
	return 0;
}

/* Who applies for what: application.xml's applicant, call and compute, the registry entry. */
static int
collect_applicant(struct pa_results_applicant *a, const xmlNode *app,
    const xmlNode *sigs)
{
	const xmlNode *who = child_ev(app, "applicant");
	const xmlNode *compute = child_ev(app, "compute");
	const size_t max = PA_EV_ANCHOR_MAX;
	int error;

	if ((error = set_text(&a->name, who, "legal-name", max)) < 0 ||
	    (error = set_text(&a->country, who, "country", max)) < 0 ||
	    (error = pa_results_set(&a->registry_id, pa_xml_attr(sigs, "applicant"))) < 0 ||
	    (error = set_text(&a->call, app, "call", max)) < 0 ||
	    (error = set_text(&a->machine, compute, "machine", max)) < 0 ||
	    (error = set_text(&a->partition, compute, "partition", max)) < 0)
		return error;
	return set_text(&a->gpu_hours, compute, "gpu-hours", max);
}

static int
collect(struct run *rn)
{
	struct pa_results *res = rn->res;
	const struct pa_rulepack *pack = rn->ev->pack;
	const xmlNode *n, *s, *d, *sigs;
	size_t i;
	int error;

	snprintf(res->rules_digest, sizeof(res->rules_digest), "%s",
	    pa_rulepack_digest(pack));
	if ((error = pa_results_set(&res->rules_version, pa_rulepack_version(pack))) < 0 ||
	    (error = pa_results_set(&res->as_of, rn->as_of)) < 0)
		return error;
	for (i = 0; i < pa_rulepack_pack_count(pack); i++)
		if ((error = pa_results_add_pack(res, pa_rulepack_pack_id(pack, i),
		    pa_rulepack_pack_version(pack, i))) < 0)
			return error;
	d = child_ev(rn->root, "dossier");
	sigs = child_ev(rn->root, "signatures");
	if ((error = pa_results_set(&res->dossier_path, pa_xml_attr(d, "path"))) < 0 ||
	    (error = pa_results_set(&res->dossier_commit, pa_xml_attr(d, "commit"))) < 0 ||
	    (error = pa_results_set(&res->dossier_rev, pa_xml_attr(d, "rev"))) < 0 ||
	    (error = pa_results_set(&res->dossier_mode, pa_xml_attr(d, "mode"))) < 0 ||
	    (error = pa_results_set(&res->dossier_subdir, pa_xml_attr(d, "subdir"))) < 0 ||
	    (error = pa_results_set(&res->trust,
	    pa_xml_attr(sigs, "trust") ? pa_xml_attr(sigs, "trust") : "none")) < 0)
		return error;
	if ((error = collect_applicant(&res->applicant,
	    child_ev(rn->root, "application"), sigs)) < 0)
		return error;
	for (n = rn->root->children; n != NULL; n = n->next) {
		if (is_ev(n, "application")) {
			for (s = n->children; s != NULL; s = s->next) {
				if (!is_ev(s, "system"))
					continue;
				if ((error = pa_results_add_item(&res->systems, pa_xml_attr(s, "id"),
				    pa_xml_attr(s, "tier"), pa_xml_attr(s, "gpai"))) < 0 ||
				    (error = set_purpose(res->systems.items[res->systems.count - 1],
				    s)) < 0)
					return error;
			}
		} else if (is_ev(n, "model")) {
			if ((error = pa_results_add_item(&res->models, pa_xml_attr(n, "id"), NULL,
			    pa_xml_attr(n, "gpai"))) < 0 ||
			    (error = set_license(res->models.items[res->models.count - 1], n)) < 0)
				return error;
		} else if (is_ev(n, "dataset")) {
			if ((error = pa_results_add_item(&res->datasets, pa_xml_attr(n, "id"), NULL,
			    NULL)) < 0 ||
			    (error = set_license(res->datasets.items[res->datasets.count - 1], n)) < 0)
				return error;
		} else if (is_ev(n, "pact")) {
			if ((error = collect_pact(&res->pact, res, n)) < 0)
				return error;
		}
	}
	for (s = sigs ? sigs->children : NULL; s != NULL; s = s->next) {
		struct pa_results_signature sig = { 0 };

		if (!is_ev(s, "signature"))
			continue;
		sig.object = pa_xml_attr(s, "object");
		sig.kind = pa_xml_attr(s, "kind");
		sig.status = pa_xml_attr(s, "status");
		sig.fingerprint = pa_xml_attr(s, "fingerprint");
		sig.uid = pa_xml_attr(s, "uid");
		sig.created = pa_xml_attr(s, "created");
		sig.right = pa_xml_attr(s, "right");
		sig.authorised = pa_xml_attr(s, "authorised");
		sig.missing_right = pa_xml_attr(s, "missing-right");
		if ((error = pa_results_add_signature(res, &sig)) < 0)
			return error;
	}
	return 0;
}

int
pa_eval_run(struct pa_results *res, struct pa_eval *ev, xmlDoc *evidence,
    const struct pa_eval_opts *opts)
{
	xmlGenericErrorFunc old_handler = xmlGenericError;
	void *old_context = xmlGenericErrorContext;
	struct run rn = { 0 };
	const struct pa_rule *r;
	enum pa_rule_phase phase;
	size_t i;
	int error = 0;

	pa_xpathfn_env_init(&rn.env, ev->pack);
	rn.ev = ev;
	rn.res = res;
	xmlSetGenericErrorFunc(NULL, silent);
	if ((error = pa_xpathfn_env_set_as_of(&rn.env, opts ? opts->as_of : NULL)) < 0)
		goto done;
	rn.as_of = rn.env.as_of;
	rn.root = evidence ? xmlDocGetRootElement(evidence) : NULL;
	if (!is_ev(rn.root, "evidence")) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_INTERNAL,
		    "not an evidence document (urn:pactaudit:evidence:1)");
		goto done;
	}
	rn.env.root = rn.root;
	if ((rn.xp = xmlXPathNewContext(evidence)) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	if ((error = pa_xpathfn_register(rn.xp, &rn.env)) < 0 ||
	    (error = pa_classify_reset(rn.root)) < 0)
		goto done;
	for (phase = PA_RULE_PHASE_CLASSIFY; ; phase = PA_RULE_PHASE_OBLIGATION) {
		for (i = 0; i < ev->count; i++) {
			r = pa_rulepack_rule_at(ev->pack, i);
			if (r->phase != phase)
				continue;
			if (r->applies_until != NULL && strcmp(rn.as_of, r->applies_until) > 0)
				continue;	/* no longer the law */
			if ((error = run_rule(&rn, r, &ev->rules[i])) < 0)
				goto done;
		}
		if (phase == PA_RULE_PHASE_OBLIGATION)
			break;
	}
	if ((error = collect(&rn)) < 0)
		goto done;
	if ((error = pa_evidence_selfcheck_doc(evidence, "after classification")) < 0)
		goto done;
	pa_results_sort(res);
done:
	xmlSetGenericErrorFunc(old_context, old_handler);
	xmlXPathFreeContext(rn.xp);
	pa_xpathfn_env_dispose(&rn.env);
	return error;
}

int
pa_eval_dossier(struct pa_results **out, const struct pa_rulepack *pack,
    xmlDoc *evidence, const struct pa_eval_opts *opts)
{
	struct pa_results *res = NULL;
	struct pa_eval *ev = NULL;
	int error;

	*out = NULL;
	if ((error = pa_results_new(&res)) < 0 ||
	    (error = pa_eval_new(&ev, pack)) < 0 ||
	    (error = pa_eval_run(res, ev, evidence, opts)) < 0)
		goto done;
	*out = res;
	res = NULL;	/* owned by the caller */
done:
	pa_eval_free(ev);
	pa_results_free(res);
	return error;
}
