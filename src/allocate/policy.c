/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading a call policy (pactaudit-call(5)): hardened parse, RELAX NG, then
 * range checks; and reading a plan document back, the same way.
 */
#include "config.h"

#include "allocate/allocate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse/xml.h"
#include "util/alloc.h"
#include "util/diag.h"
#include "util/error.h"

#define CALL_SCHEMA "call.rng"
#define ALLOCATION_SCHEMA "allocation.rng"

static const char *const sub_names[PA_ALLOC_NSUB] = { "verdict", "findings", "signatures" };
static const unsigned default_weight[PA_ALLOC_NSUB] = { 3, 2, 1 };

const char *
pa_alloc_sub_name(enum pa_alloc_sub s)
{
	return (unsigned)s < PA_ALLOC_NSUB ? sub_names[s] : "?";
}

static bool
is_elem(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, PA_CALL_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* A schema-checked count (up to 13 digits) within [0, max]; else PA_EINVALID. */
static int
count_of(long long *out, const xmlNode *n, const char *attr, long long max, const char *name)
{
	const char *v = pa_xml_attr(n, attr);
	char *end;
	long long x;

	errno = 0;
	x = v != NULL ? strtoll(v, &end, 10) : -1;
	if (v == NULL || errno != 0 || *end != '\0' || x < 0 || x > max)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
		    "%s:%ld: %s=\"%s\" is not a whole number from 0 to %lld", name,
		    pa_xml_line(n), attr, v ? v : "", max);
	*out = x;
	return 0;
}

static int
bad(const xmlNode *n, const char *name, const char *what, const char *id)
{
	return pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML, "%s:%ld: %s '%s'", name,
	    pa_xml_line(n), what, id);
}

static int
read_machine(struct pa_call_machine *m, const xmlNode *n, const struct pa_call_policy *p,
    const char *name)
{
	const xmlNode *c;
	long long gpn, cap;
	size_t i, k = 0;
	int error;

	if ((m->id = pa_xml_prop_dup(n, "id")) == NULL)
		return pa_error_oom();
	for (i = 0; i < p->nmachines; i++)
		if (strcasecmp(p->machines[i].id, m->id) == 0)
			return bad(n, name, "a second machine", m->id);
	m->cluster = pa_xml_attr(n, "cluster") ? pa_xml_prop_dup(n, "cluster") : pa_strdup(m->id);
	if (m->cluster == NULL)
		return pa_error_oom();
	if ((error = count_of(&gpn, n, "gpus-per-node", PA_CALL_MAX_GPUS_PER_NODE, name)) < 0)
		return error;
	if (gpn < 1)
		return bad(n, name, "gpus-per-node must be at least 1 on machine", m->id);
	m->gpus_per_node = (long)gpn;
	for (c = n->children; c != NULL; c = c->next)
		if (is_elem(c, "partition"))
			k++;
	if ((m->partitions = pa_calloc(k, sizeof(*m->partitions))) == NULL)
		return pa_error_oom();
	for (c = n->children; c != NULL; c = c->next) {
		struct pa_call_partition *part;

		if (!is_elem(c, "partition"))
			continue;
		part = &m->partitions[m->npartitions];
		if ((part->id = pa_xml_prop_dup(c, "id")) == NULL)
			return pa_error_oom();
		m->npartitions++;
		for (i = 0; i + 1 < m->npartitions; i++)
			if (strcmp(m->partitions[i].id, part->id) == 0)
				return bad(c, name, "a second partition", part->id);
		if ((error = count_of(&cap, c, "gpu-hours", PA_CALL_MAX_GPU_HOURS, name)) < 0)
			return error;
		part->gpu_hours = cap;
	}
	return 0;
}

static int
read_policy(struct pa_call_policy *p, const xmlNode *root, const char *name)
{
	const xmlNode *c, *w;
	size_t k = 0;
	long long v;
	int error;

	if ((p->id = pa_xml_prop_dup(root, "id")) == NULL)
		return pa_error_oom();
	for (c = root->children; c != NULL; c = c->next)
		if (is_elem(c, "machine"))
			k++;
	if ((p->machines = pa_calloc(k, sizeof(*p->machines))) == NULL)
		return pa_error_oom();
	for (c = root->children; c != NULL; c = c->next) {
		if (is_elem(c, "machine")) {
			error = read_machine(&p->machines[p->nmachines], c, p, name);
			p->nmachines++;
			if (error < 0)
				return error;
		} else if (is_elem(c, "eligibility") && pa_xml_attr(c, "max-open-errors")) {
			if ((error = count_of(&v, c, "max-open-errors", 1000000, name)) < 0)
				return error;
			p->max_open_errors = (long)v;
		} else if (is_elem(c, "cap")) {
			if ((error = count_of(&p->cap, c, "gpu-hours", PA_CALL_MAX_GPU_HOURS, name)) < 0)
				return error;
		} else if (is_elem(c, "minimum")) {
			if ((error = count_of(&p->minimum, c, "gpu-hours", PA_CALL_MAX_GPU_HOURS,
			    name)) < 0)
				return error;
		} else if (is_elem(c, "scoring")) {
			for (w = c->children; w != NULL; w = w->next) {
				const char *of = pa_xml_attr(w, "of");
				unsigned s;

				if (!is_elem(w, "weight") || of == NULL)
					continue;
				if ((error = count_of(&v, w, "value", PA_CALL_MAX_WEIGHT, name)) < 0)
					return error;
				for (s = 0; s < PA_ALLOC_NSUB; s++)
					if (strcmp(of, sub_names[s]) == 0)
						p->weight[s] = (unsigned)v;
			}
		}
	}
	if (p->cap > 0 && p->minimum > p->cap)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
		    "%s: the minimum grant (%lld GPU-hours) is above the cap (%lld)", name,
		    p->minimum, p->cap);
	return 0;
}

/*
 * Parse untrusted bytes, check that the root is <root> in namespace ns and
 * that the document matches <datadir>/rules/schema/<schema>.  PA_EINVALID
 * with "name:line: what" (what: "a call policy", "an allocation plan").
 */
static int
read_checked(xmlDoc **out, const char *data, size_t len, const char *name,
    const char *ns, const char *root_name, const char *schema, const char *what,
    const char *hint)
{
	struct pa_diag diag = PA_DIAG_INIT;
	xmlDoc *doc = NULL;
	xmlNode *root;
	bool valid = false;
	int error;

	*out = NULL;
	if (len == 0)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML, "%s: empty file, not %s",
		    name, what);
	if ((error = pa_xml_parse_untrusted(&doc, data, len, name, &diag)) < 0)
		goto done;
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL || root->type != XML_ELEMENT_NODE || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, ns) != 0 ||
	    strcmp((const char *)root->name, root_name) != 0) {
		if (diag.count > 0)
			error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML, "%s:%ld: %s", name,
			    diag.entries[0].line, diag.entries[0].message);
		else
			error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML,
			    "%s: not %s (expected <%s> in %s%s)", name, what, root_name, ns, hint);
		goto done;
	}
	if ((error = pa_xml_validate_rng(&valid, doc, schema, name, &diag)) < 0)
		goto done;
	if (!valid) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_XML, "%s:%ld: %s", name,
		    diag.count ? diag.entries[0].line : 0,
		    diag.count ? diag.entries[0].message : "does not match its schema");
		goto done;
	}
	*out = doc;
	doc = NULL;
done:
	xmlFreeDoc(doc);
	pa_diag_dispose(&diag);
	return error;
}

int
pa_call_policy_read(struct pa_call_policy **out, const char *data, size_t len,
    const char *name)
{
	struct pa_call_policy *p = NULL;
	xmlDoc *doc = NULL;
	unsigned s;
	int error;

	*out = NULL;
	if ((error = read_checked(&doc, data, len, name, PA_CALL_NS, "call", CALL_SCHEMA,
	    "a call policy", "")) < 0)
		goto done;
	if ((p = pa_calloc(1, sizeof(*p))) == NULL) {
		error = pa_error_oom();
		goto done;
	}
	p->max_open_errors = -1;
	for (s = 0; s < PA_ALLOC_NSUB; s++)
		p->weight[s] = default_weight[s];
	if ((error = read_policy(p, xmlDocGetRootElement(doc), name)) < 0)
		goto done;
	*out = p;
	p = NULL;
done:
	pa_call_policy_free(p);
	xmlFreeDoc(doc);
	return error;
}

int
pa_alloc_plan_read(xmlDoc **out, const char *data, size_t len, const char *name)
{
	return read_checked(out, data, len, name, PA_ALLOCATION_NS, "allocation",
	    ALLOCATION_SCHEMA, "an allocation plan",
	    ", as 'pactaudit allocate --format xml' writes");
}

void
pa_call_policy_free(struct pa_call_policy *p)
{
	size_t i, j;

	if (p == NULL)
		return;
	for (i = 0; i < p->nmachines; i++) {
		for (j = 0; j < p->machines[i].npartitions; j++)
			free(p->machines[i].partitions[j].id);
		free(p->machines[i].partitions);
		free(p->machines[i].id);
		free(p->machines[i].cluster);
	}
	free(p->machines);
	free(p->id);
	free(p);
}
