/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A dossier's own XML files copied into the evidence, element for element. */
#ifndef PA_EVIDENCE_XMLFILE_H
#define PA_EVIDENCE_XMLFILE_H

#include <libxml/tree.h>
#include <stddef.h>

#include "parse/application.h"
#include "parse/evnode.h"
#include "util/diag.h"

/*
 * Each reader parses and validates `data` (pa_dossier_xml_read()) and
 * appends one element to `parent` (the evidence root) holding a copy of
 * the document, element for element, in the evidence namespace: local
 * names, attributes (those without a namespace, except the reserved src,
 * line, blob and anchor) and trimmed direct text are kept; every element
 * gets src, line and blob from `from`, and its anchor, the element path
 * below the file's root ("system[cv-screen]/use-case[annex3-4a]").
 * Elements in another namespace than the file's are not copied.  The
 * values of controlled vocabularies (use-case, deployment, role, size,
 * precision, documentation/@kind...) are normalised: white space collapsed.
 * The appended element carries valid="true|false": false when the file is
 * malformed (the element is then empty) or breaks its schema (what could
 * be read is still copied).  Every problem is a diagnostic with path and
 * line; < 0 only for out of memory or an unloadable schema (message set).
 * With data NULL (a file that could not be read, already diagnosed) the
 * element is appended empty with valid="false".
 *
 *   application.xml       urn:pactaudit:application:1 -> <application>
 *   pact/commitments.xml  urn:pactaudit:pact:1        -> <pact>
 *   pact/signers.xml      urn:pactaudit:signers:1     -> <signers>
 */
int pa_application_to_evidence(xmlNode *parent, const char *data, size_t len,
    const struct pa_evsrc *from, struct pa_diag *diag);
int pa_commitments_to_evidence(xmlNode *parent, const char *data, size_t len,
    const struct pa_evsrc *from, struct pa_diag *diag);
int pa_signers_to_evidence(xmlNode *parent, const char *data, size_t len,
    const struct pa_evsrc *from, struct pa_diag *diag);

#endif
