/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Classification: risk tiers and GPAI status written onto the evidence tree. */
#include "config.h"

#include "rules/classify.h"

#include <stdlib.h>
#include <string.h>

#include "parse/evnode.h"
#include "rules/xpathfn.h"
#include "util/error.h"

static bool
is_ev(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, PA_EVIDENCE_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static bool
has_child(const xmlNode *n, const char *name)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if (is_ev(c, name))
			return true;
	return false;
}

static void
remove_classifications(xmlNode *n)
{
	xmlNode *c, *next;

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (is_ev(c, "classification")) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
}

int
pa_classify_reset(xmlNode *root)
{
	xmlNode *n, *s;
	int error;

	for (n = root ? root->children : NULL; n != NULL; n = n->next) {
		if (is_ev(n, "model")) {
			if ((error = pa_ev_set(n, "gpai", "none")) < 0)
				return error;
			remove_classifications(n);
		} else if (is_ev(n, "application")) {
			for (s = n->children; s != NULL; s = s->next) {
				if (!is_ev(s, "system"))
					continue;
				if ((error = pa_ev_set(s, "tier", "minimal")) < 0)
					return error;
				if (has_child(s, "training") &&
				    (error = pa_ev_set(s, "gpai", "none")) < 0)
					return error;
				remove_classifications(s);
			}
		}
	}
	return 0;
}

static int
rank(const char *attribute, const char *value)
{
	if (value == NULL)
		return -1;
	if (strcmp(attribute, "gpai") == 0)
		return pa_xpathfn_gpai_rank(value);
	return pa_xpathfn_tier_rank(value);
}

int
pa_classify_apply(xmlNode *node, const struct pa_rule *rule, const char *reason,
    bool *raised)
{
	const char *attr = rule->classify_attribute, *value = rule->classify_value;
	xmlChar *cur;
	xmlNode *c;
	int now, error = 0;

	*raised = false;
	if (attr == NULL || value == NULL || node->type != XML_ELEMENT_NODE)
		return 0;
	cur = xmlGetNoNsProp(node, BAD_CAST attr);
	now = rank(attr, (const char *)cur);
	xmlFree(cur);
	if (rank(attr, value) > now) {
		if ((error = pa_ev_set(node, attr, value)) < 0)
			return error;
		*raised = true;
	}
	if ((c = pa_ev_child(node, "classification", NULL, 0, NULL)) == NULL)
		return pa_error_oom();
	if ((error = pa_ev_set(c, "rule", rule->id)) < 0 ||
	    (error = pa_ev_set(c, "attribute", attr)) < 0 ||
	    (error = pa_ev_set(c, "value", value)) < 0 ||
	    (error = pa_ev_set(c, "reason", reason ? reason : "")) < 0 ||
	    (error = pa_ev_anchor_step(c, pa_ev_anchor(node), true)) < 0)
		return error;
	return 0;
}
