/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the commands that write the decision ledger share (decide, waive, review). */
#include "config.h"

#include "cli/ledger_opt.h"

#include <libxml/tree.h>

#include "util/buf.h"
#include "util/error.h"

int
pa_cli_ledger_open(struct pa_ledger **out, const char *dir, bool create)
{
	struct pa_buf def = PA_BUF_INIT;
	int error;

	if (dir == NULL) {
		if ((error = pa_ledger_default_dir(&def)) < 0)
			return error;
		dir = def.ptr;
	}
	error = pa_ledger_open(out, dir, create);
	pa_buf_dispose(&def);
	return error;
}

int
pa_cli_results_digest(char hex[PA_DIGEST_HEXLEN + 1], const struct pa_results *res)
{
	xmlDoc *doc = NULL;
	xmlChar *mem = NULL;
	int len = 0, error;

	if ((error = pa_results_to_xml(&doc, res)) < 0)
		return error;
	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	error = mem != NULL ? pa_digest_sha256(hex, mem, (size_t)len) : pa_error_oom();
	xmlFree(mem);
	xmlFreeDoc(doc);
	return error;
}

int
pa_cli_refuse_waiver(const char *rule, const char *ref)
{
	return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
	    "rule %s%s%s%s cannot be waived: prohibited practices (Art. 5) and other "
	    "non-waivable rules must be fixed, not waived", rule, ref ? " (" : "",
	    ref ? ref : "", ref ? ")" : "");
}
