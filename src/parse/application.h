/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Readers for a dossier's own XML files: application.xml, pact/commitments.xml, pact/signers.xml. */
#ifndef PA_PARSE_APPLICATION_H
#define PA_PARSE_APPLICATION_H

#include <libxml/tree.h>
#include <stddef.h>

#include "parse/evnode.h"
#include "util/diag.h"

/*
 * Each reader parses `data` with pa_xml_parse_untrusted(), validates it
 * against its RELAX NG schema (rules/schema/) and appends one element to
 * `parent` (the evidence root) holding a copy of the document, element for
 * element, in the evidence namespace: local names, attributes (those
 * without a namespace, except the reserved src, line, blob and anchor)
 * and trimmed direct text are kept, every element gets src, line and blob
 * from `from`.  Elements in another namespace than the file's are not
 * copied.  The appended element carries valid="true|false": false when
 * the file is malformed (the element is then empty) or breaks its schema
 * (what could be read is still copied).  Every problem is a diagnostic
 * with path and line; < 0 only for out of memory or an unloadable schema
 * (message set).  With data NULL (a file that could not be read, already
 * diagnosed) the element is appended empty with valid="false".
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

#define PA_APPLICATION_NS "urn:pactaudit:application:1"
#define PA_COMMITMENTS_NS "urn:pactaudit:pact:1"
#define PA_SIGNERS_NS "urn:pactaudit:signers:1"

#endif
