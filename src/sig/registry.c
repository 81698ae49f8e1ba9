/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading the auditor's registry and finding a dossier's entry in it. */
#include "config.h"

#include "sig/registry.h"

#include <ctype.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier/history.h"
#include "parse/xml.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"

static bool
is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, PA_REGISTRY_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static bool
is_date(const char *s)
{
	int i;

	if (strlen(s) != 10)
		return false;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (!isdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

static bool
is_commit_id(const char *s)
{
	size_t n = strlen(s), i;

	if (n != 40 && n != 64)
		return false;
	for (i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return false;
	}
	return true;
}

static int
bad(const struct pa_registry *r, const xmlNode *n, const char *what, const char *value)
{
	return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE, "%s:%ld: %s%s%s%s", r->path,
	    pa_xml_line(n), what, value ? " '" : "", value ? value : "", value ? "'" : "");
}

static int
parse_key(struct pa_registry *r, struct pa_registry_entry *e, const xmlNode *n)
{
	char *fpr = pa_xml_prop_dup(n, "fingerprint"), *name = pa_xml_prop_dup(n, "name");
	char *rights = pa_xml_prop_dup(n, "rights");
	const char *unknown;
	size_t ulen;
	char norm[65];
	unsigned bits;
	int error = 0;

	if (!pa_fpr_normalise(norm, fpr)) {
		error = bad(r, n, "<key> needs a fingerprint of 40 or 64 hex digits, not", fpr ? fpr : "");
		goto done;
	}
	bits = rights != NULL ? pa_rights_parse(rights, &unknown, &ulen) : PA_RIGHT_COMMIT;
	if (rights != NULL && unknown != NULL) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s:%ld: unknown right '%.*s' (rights are commit, pact, tag, signers)",
		    r->path, pa_xml_line(n), (int)ulen, unknown);
		goto done;
	}
	/* the same key twice with other rights would leave which entry counts unsaid */
	if (pa_policy_find(e->pins, norm) != NULL) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s:%ld: <applicant id=\"%s\"> pins key %s twice", r->path, pa_xml_line(n),
		    e->id, norm);
		goto done;
	}
	error = pa_policy_add(e->pins, norm, name, bits);
done:
	free(fpr);
	free(name);
	free(rights);
	return error;
}

static int
parse_applicant(struct pa_registry *r, const xmlNode *n)
{
	struct pa_registry_entry *e, *ne;
	char *root = NULL, *from = NULL, *until = NULL;
	const xmlNode *k;
	int error = 0;

	if ((ne = pa_reallocarray(r->entries, r->count + 1, sizeof(*ne))) == NULL)
		return PA_ENOMEM;
	r->entries = ne;
	e = &r->entries[r->count++];
	memset(e, 0, sizeof(*e));
	e->line = pa_xml_line(n);
	e->id = pa_xml_prop_dup(n, "id");
	e->dossier = pa_xml_prop_dup(n, "dossier");
	root = pa_xml_prop_dup(n, "root");
	from = pa_xml_prop_dup(n, "valid-from");
	until = pa_xml_prop_dup(n, "valid-until");
	if ((error = pa_policy_new(&e->pins)) < 0)
		goto done;
	if (e->id == NULL || e->id[0] == '\0') {
		error = bad(r, n, "<applicant> needs an id", NULL);
		goto done;
	}
	if (root == NULL || !is_commit_id(root)) {
		error = bad(r, n, "<applicant> needs root, a full lowercase commit id, not",
		    root ? root : "");
		goto done;
	}
	snprintf(e->root, sizeof(e->root), "%s", root);
	if (from != NULL) {
		if (!is_date(from)) {
			error = bad(r, n, "valid-from must be a date YYYY-MM-DD, not", from);
			goto done;
		}
		snprintf(e->valid_from, sizeof(e->valid_from), "%s", from);
	}
	if (until != NULL) {
		if (!is_date(until)) {
			error = bad(r, n, "valid-until must be a date YYYY-MM-DD, not", until);
			goto done;
		}
		snprintf(e->valid_until, sizeof(e->valid_until), "%s", until);
	}
	for (k = n->children; k != NULL; k = k->next) {
		if (is_el(k, "key") && (error = parse_key(r, e, k)) < 0)
			goto done;
	}
	if (e->pins->count == 0)
		error = bad(r, n, "<applicant> pins no <key>", NULL);
done:
	free(root);
	free(from);
	free(until);
	return error;
}

int
pa_registry_parse(struct pa_registry **out, const char *data, size_t len, const char *path)
{
	struct pa_registry *r = NULL;
	struct pa_diag diag = PA_DIAG_INIT;
	xmlDoc *doc = NULL;
	xmlNode *root, *n;
	char *slash;
	int error;

	*out = NULL;
	if ((r = pa_calloc(1, sizeof(*r))) == NULL)
		return PA_ENOMEM;
	if ((r->path = pa_strdup(path)) == NULL || (r->dir = pa_strdup(path)) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	if ((slash = strrchr(r->dir, '/')) != NULL)
		slash[slash == r->dir ? 1 : 0] = '\0';
	else
		snprintf(r->dir, strlen(r->dir) + 1, ".");
	if ((error = pa_xml_parse_untrusted(&doc, data, len, path, &diag)) < 0)
		goto done;
	if (doc == NULL) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE, "%s:%ld: %s", path,
		    diag.count ? diag.entries[0].line : 0L,
		    diag.count ? diag.entries[0].message : "malformed XML");
		goto done;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is_el(root, "registry")) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s: the root element must be <registry xmlns=\"%s\">", path, PA_REGISTRY_NS);
		goto done;
	}
	for (n = root->children; n != NULL; n = n->next) {
		if (is_el(n, "applicant") && (error = parse_applicant(r, n)) < 0)
			goto done;
	}
done:
	xmlFreeDoc(doc);
	pa_diag_dispose(&diag);
	if (error < 0) {
		pa_registry_free(r);
		return error;
	}
	*out = r;
	return 0;
}

int
pa_registry_load(struct pa_registry **out, const char *path)
{
	struct pa_buf data = PA_BUF_INIT;
	int error;

	*out = NULL;
	if ((error = pa_file_read(&data, path, PA_LIMIT_XML_SIZE, 0)) == 0)
		error = pa_registry_parse(out, data.ptr, data.size, path);
	pa_buf_dispose(&data);
	return error;
}

void
pa_registry_free(struct pa_registry *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->count; i++) {
		free(r->entries[i].id);
		free(r->entries[i].dossier);
		pa_policy_free(r->entries[i].pins);
	}
	free(r->entries);
	free(r->path);
	free(r->dir);
	free(r);
}

static bool
same_folder(const struct pa_registry *r, const char *dossier, const char *location)
{
	struct pa_buf p = PA_BUF_INIT;
	char a[PATH_MAX], b[PATH_MAX];
	bool same = false;

	if (dossier[0] == '/')
		pa_buf_puts(&p, dossier);
	else
		pa_buf_printf(&p, "%s/%s", r->dir, dossier);
	if (!pa_buf_oom(&p) && realpath(p.ptr, a) != NULL && realpath(location, b) != NULL)
		same = strcmp(a, b) == 0;
	pa_buf_dispose(&p);
	return same;
}

int
pa_registry_match(const struct pa_registry_entry **out, const struct pa_registry *r,
    struct pa_dossier *d)
{
	const char *loc = pa_dossier_location(d);
	bool anc;
	size_t i;
	int error;

	*out = NULL;
	for (i = 0; i < r->count; i++) {
		if (r->entries[i].dossier != NULL && loc != NULL &&
		    same_folder(r, r->entries[i].dossier, loc)) {
			*out = &r->entries[i];
			return 0;
		}
	}
	if (pa_dossier_git(d) == NULL || pa_dossier_commit(d) == NULL)
		return 0;
	for (i = 0; i < r->count; i++) {
		if ((error = pa_history_is_ancestor(&anc, d, r->entries[i].root)) < 0)
			return error;
		if (anc) {
			*out = &r->entries[i];
			return 0;
		}
	}
	return 0;
}
