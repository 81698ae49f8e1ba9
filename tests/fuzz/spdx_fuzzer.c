/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: SPDX licence expressions (parser, canonical writer) and the <license> evidence built from them. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "parse/evnode.h"
#include "parse/licdb.h"
#include "parse/spdx.h"
#include "util/buf.h"
#include "util/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct pa_licdb *db;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int tried;
	struct pa_spdx_node *n = NULL;
	struct pa_spdx_error err;
	struct pa_buf out = PA_BUF_INIT;
	struct pa_license_item item = { (const char *)data, size, 1 };
	struct pa_license_ctx ctx = { .from_key = "license", .license_name = "fuzz", .line = 1 };
	xmlDoc *doc;
	xmlNode *root;

	if (size > 2 * PA_LIMIT_SPDX_LEN)
		return 0;
	if (!tried) {
		tried = 1;
		if (pa_licdb_load(&db) < 0)
			abort();	/* set PACTAUDIT_DATADIR to the source tree */
	}
	if (pa_spdx_parse(&n, (const char *)data, size, &err) == 0) {
		struct pa_spdx_node *again = NULL;

		/* the canonical form parses again, to the same canonical form */
		pa_spdx_write(&out, n);
		if (!out.oom) {
			struct pa_buf second = PA_BUF_INIT;

			if (pa_spdx_parse(&again, out.ptr, out.size, &err) != 0)
				abort();
			pa_spdx_write(&second, again);
			if (!second.oom && strcmp(second.ptr, out.ptr) != 0)
				abort();
			pa_buf_dispose(&second);
			pa_spdx_free(again);
		}
		pa_spdx_free(n);
	}
	pa_buf_dispose(&out);

	doc = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewNode(NULL, BAD_CAST "evidence");
	xmlDocSetRootElement(doc, root);
	pa_license_items_to_evidence(root, db, &ctx, &item, 1, NULL);
	xmlFreeDoc(doc);
	return 0;
}
