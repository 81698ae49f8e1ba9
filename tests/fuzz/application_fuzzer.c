/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the readers of application.xml, pact/commitments.xml and pact/signers.xml. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <libxml/tree.h>

#include "evidence/xmlfile.h"
#include "parse/evnode.h"
#include "parse/xml.h"
#include "util/diag.h"
#include "util/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The same bytes go through each reader: hardened parse, RELAX NG
 * validation (schemas from $PACTAUDIT_DATADIR/rules/schema) and the copy
 * into an evidence document.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialised;
	static const struct {
		const char *src;
		int (*read)(xmlNode *, const char *, size_t, const struct pa_evsrc *,
		    struct pa_diag *);
	} readers[] = {
		{ "application.xml", pa_application_to_evidence },
		{ "pact/commitments.xml", pa_commitments_to_evidence },
		{ "pact/signers.xml", pa_signers_to_evidence },
	};
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_evsrc from;
	xmlDoc *doc;
	xmlNode *root;
	size_t i;

	if (size > PA_LIMIT_FILE_SIZE)
		return 0;
	if (!initialised) {
		initialised = 1;
		pa_xml_global_init();
	}
	doc = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewNode(NULL, BAD_CAST "evidence");
	xmlDocSetRootElement(doc, root);
	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++) {
		from.src = readers[i].src;
		from.blob = "0000000000000000000000000000000000000000";
		/* < 0 only when a schema cannot be loaded: the setup is wrong, not the input */
		if (readers[i].read(root, (const char *)data, size, &from, &diag) < 0)
			abort();
	}
	pa_diag_dispose(&diag);
	xmlFreeDoc(doc);
	return 0;
}
