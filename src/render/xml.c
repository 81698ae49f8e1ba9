/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The results document itself, sanitised; several dossiers in one <results-set>. */
#include "config.h"

#include "render/writer.h"

#include "util/error.h"

int
pa_render_xml(FILE *out, const struct pa_render_input *in,
    const struct pa_render_opts *opts)
{
	(void)opts;
	if (xmlDocFormatDump(out, in->doc, 1) < 0)
		return pa_error_set(PA_ERRCLASS_OS, "cannot write the XML report");
	return 0;
}
