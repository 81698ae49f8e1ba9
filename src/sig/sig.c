/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PLACEHOLDER until the signature module lands: records that nothing was verified. */
#include "config.h"

#include "sig/sig.h"

#include "parse/evnode.h"

int
pa_sig_collect(xmlNode *evidence_root, struct pa_dossier *d,
    const struct pa_sig_opts *opts, struct pa_diag *diag)
{
	xmlNode *n;

	(void)d;
	(void)opts;
	(void)diag;
	if ((n = pa_ev_child(evidence_root, "signatures", NULL, 0, NULL)) == NULL)
		return -1;
	return pa_ev_set(n, "trust", "none");
}
