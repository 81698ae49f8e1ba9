/* SPDX-License-Identifier: GPL-3.0-or-later */
/* application.xml, pact/commitments.xml and pact/signers.xml: parsed and validated against their schemas. */
#include "config.h"

#include "parse/application.h"

#include <string.h>

#include "parse/xml.h"

static const struct {
	const char *root;	/* expected root element */
	const char *ns;		/* the file's namespace */
	const char *schema;	/* under rules/schema/ */
} kinds[] = {
	[PA_DOSSIER_XML_APPLICATION] = { "application", PA_APPLICATION_NS, "application.rng" },
	[PA_DOSSIER_XML_COMMITMENTS] = { "commitments", PA_COMMITMENTS_NS, "commitments.rng" },
	[PA_DOSSIER_XML_SIGNERS] = { "signers", PA_SIGNERS_NS, "signers.rng" },
};

static bool
in_ns(const xmlNode *n, const char *ns)
{
	if (ns == NULL)
		return n->ns == NULL;
	return n->ns != NULL && xmlStrEqual(n->ns->href, BAD_CAST ns);
}

int
pa_dossier_xml_read(struct pa_dossier_xml *out, enum pa_dossier_xml_kind kind,
    const char *data, size_t len, const char *path, struct pa_diag *diag)
{
	xmlNode *root;
	int error;

	memset(out, 0, sizeof(*out));
	if (data == NULL)
		return 0;
	if ((error = pa_xml_parse_untrusted(&out->doc, data, len, path, diag)) < 0 ||
	    out->doc == NULL)
		return error;
	if ((error = pa_xml_validate_rng(&out->valid, out->doc, kinds[kind].schema, path,
	    diag)) < 0)
		return error;
	root = xmlDocGetRootElement(out->doc);
	/* A root without a namespace is still read (its schema error says what is wrong). */
	out->ns = root->ns == NULL ? NULL : kinds[kind].ns;
	if (xmlStrEqual(root->name, BAD_CAST kinds[kind].root) && in_ns(root, out->ns))
		out->root = root;
	return 0;
}

void
pa_dossier_xml_dispose(struct pa_dossier_xml *x)
{
	xmlFreeDoc(x->doc);
	memset(x, 0, sizeof(*x));
}
