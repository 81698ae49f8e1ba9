/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: a whole card (front matter fences, YAML via libyaml, Markdown headings, licence). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <libxml/tree.h>

#include "evidence/card.h"
#include "parse/card.h"
#include "parse/evnode.h"
#include "parse/licdb.h"
#include "util/diag.h"
#include "util/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loaded once: $PACTAUDIT_DATADIR/rules/spdx (the card needs it for its <license>). */
static struct pa_licdb *db;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int tried;
	struct pa_evsrc from = { "models/fuzz/README.md", "0000000000000000000000000000000000000000" };
	struct pa_diag diag = PA_DIAG_INIT;
	xmlDoc *doc;
	xmlNode *root, *card;

	if (size > PA_LIMIT_FILE_SIZE)
		return 0;
	if (!tried) {
		tried = 1;
		if (pa_licdb_load(&db) < 0)
			abort();	/* set PACTAUDIT_DATADIR to the source tree */
	}
	doc = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewNode(NULL, BAD_CAST "evidence");
	xmlDocSetRootElement(doc, root);
	if ((card = pa_ev_child(root, "model", &from, 1, NULL)) != NULL)
		pa_card_to_evidence(card, (const char *)data, size, &from, db, NULL, &diag);
	/* the same bytes as a docs/ file */
	pa_markdown_to_evidence(root, (const char *)data, size, 1, &from, NULL);
	pa_diag_dispose(&diag);
	xmlFreeDoc(doc);
	return 0;
}
