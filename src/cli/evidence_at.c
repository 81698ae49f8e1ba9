/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The evidence of the dossier a results document names (see evidence_at.h). */
#include "config.h"

#include "cli/evidence_at.h"

#include <libxml/xpathInternals.h>
#include <stdlib.h>

#include "evidence/evidence.h"
#include "util/alloc.h"
#include "util/error.h"

xmlDoc *
pa_cli_evidence_at(const struct pa_results *res, const struct pa_date *as_of,
    const char *keyring)
{
	struct pa_evidence_opts eo = { .as_of = as_of };
	xmlDoc *ev = NULL;

	if (res->dossier_path == NULL)
		return NULL;
	eo.dossier.rev = res->dossier_commit;
	eo.dossier.subdir = res->dossier_subdir && res->dossier_subdir[0] ?
	    res->dossier_subdir : NULL;
	eo.dossier.worktree = res->dossier_commit == NULL;
	eo.sig.as_of = as_of;
	eo.sig.keyring = keyring;
	if (pa_evidence_build(&ev, res->dossier_path, &eo) < 0) {
		pa_error_clear();
		return NULL;
	}
	return ev;
}

xmlXPathContext *
pa_cli_evidence_xpath(xmlDoc *doc)
{
	xmlXPathContext *ctx = doc ? xmlXPathNewContext(doc) : NULL;

	if (ctx != NULL && xmlXPathRegisterNs(ctx, BAD_CAST "e", BAD_CAST PA_CLI_EVIDENCE_NS) != 0) {
		xmlXPathFreeContext(ctx);
		ctx = NULL;
	}
	return ctx;
}

char *
pa_cli_xpath_string(xmlXPathContext *ctx, const char *expr)
{
	xmlXPathObject *o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	char *s = NULL;

	if (o != NULL && o->type == XPATH_STRING && o->stringval != NULL && o->stringval[0])
		s = pa_strdup((const char *)o->stringval);
	xmlXPathFreeObject(o);
	return s;
}
