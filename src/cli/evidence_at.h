/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The evidence of the dossier a results document names, at its audited commit (allocate, diff). */
#ifndef PA_CLI_EVIDENCE_AT_H
#define PA_CLI_EVIDENCE_AT_H

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "results/results.h"
#include "util/date.h"

#define PA_CLI_EVIDENCE_NS "urn:pactaudit:evidence:1"

/*
 * Build the evidence of res's dossier (its path, --path subfolder and
 * commit; a folder without a commit is read as it is now), or NULL when
 * the dossier cannot be read any more (the error is cleared).  keyring
 * may be NULL.  Free with xmlFreeDoc.
 */
xmlDoc *pa_cli_evidence_at(const struct pa_results *res, const struct pa_date *as_of,
    const char *keyring);

/* An XPath context on doc with the prefix e bound to the evidence namespace, or NULL. */
xmlXPathContext *pa_cli_evidence_xpath(xmlDoc *doc);
/* The string value of expr as a new string, or NULL when empty or on error. */
char *pa_cli_xpath_string(xmlXPathContext *ctx, const char *expr);

#endif
