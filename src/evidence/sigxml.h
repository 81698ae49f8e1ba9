/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The signature report of sig/ as evidence: <signatures> and <git>. */
#ifndef PA_EVIDENCE_SIGXML_H
#define PA_EVIDENCE_SIGXML_H

#include <libxml/tree.h>

#include "sig/sig.h"

/*
 * Append <signatures> (one <signature> per entry of the report) and <git>
 * (the commits walked and the tag) to the evidence root.  0 or PA_ENOMEM
 * (message set).
 */
int pa_sigxml_write(xmlNode *evidence_root, const struct pa_sig_report *rep);

#endif
