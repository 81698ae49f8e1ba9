/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Readers for a dossier's own XML files: application.xml, pact/commitments.xml, pact/signers.xml. */
#ifndef PA_PARSE_APPLICATION_H
#define PA_PARSE_APPLICATION_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

#define PA_APPLICATION_NS "urn:pactaudit:application:1"
#define PA_COMMITMENTS_NS "urn:pactaudit:pact:1"
#define PA_SIGNERS_NS "urn:pactaudit:signers:1"

enum pa_dossier_xml_kind {
	PA_DOSSIER_XML_APPLICATION,	/* application.xml, urn:pactaudit:application:1 */
	PA_DOSSIER_XML_COMMITMENTS,	/* pact/commitments.xml, urn:pactaudit:pact:1 */
	PA_DOSSIER_XML_SIGNERS		/* pact/signers.xml, urn:pactaudit:signers:1 */
};

/* One of those files, parsed and validated. */
struct pa_dossier_xml {
	xmlDoc *doc;		/* NULL: malformed (or no data) */
	xmlNode *root;		/* the expected root element, or NULL (wrong root) */
	const char *ns;		/* the namespace its elements are read in: the file's, or
				 * NULL when the root has none (its schema error says so) */
	bool valid;		/* well-formed and matches its RELAX NG schema */
};

/*
 * Parse `data` with pa_xml_parse_untrusted() and validate it against its
 * RELAX NG schema (rules/schema/).  Every problem is a diagnostic with
 * path and line.  data NULL (a file that could not be read, already
 * diagnosed): an empty result.  < 0 only for out of memory or an
 * unloadable schema (message set).  Free with pa_dossier_xml_dispose().
 */
int pa_dossier_xml_read(struct pa_dossier_xml *out, enum pa_dossier_xml_kind kind,
    const char *data, size_t len, const char *path, struct pa_diag *diag);
void pa_dossier_xml_dispose(struct pa_dossier_xml *x);

#endif
