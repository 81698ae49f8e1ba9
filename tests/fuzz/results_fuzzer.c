/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the results reader (a results document read back) and every renderer of what it accepts. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "parse/xml.h"
#include "render/render.h"
#include "results/results.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/limits.h"
#include "util/vec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
free_results(void *p)
{
	pa_results_free(p);
}

static size_t
count_findings(const struct pa_vec *list)
{
	size_t i, n = 0;

	for (i = 0; i < list->count; i++)
		n += ((const struct pa_results *)list->items[i])->findings.count;
	return n;
}

/* What each format must give for results that were accepted. */
static void
check_output(const char *format, const char *out, size_t len, const struct pa_vec *list,
    size_t nfailed)
{
	struct pa_vec again = PA_VEC_INIT;
	json_t *j, *runs;

	if (strcmp(format, "json") == 0 || strcmp(format, "codequality") == 0) {
		if ((j = json_loadb(out, len, 0, NULL)) == NULL)
			abort();
		json_decref(j);
	} else if (strcmp(format, "sarif") == 0) {
		if ((j = json_loadb(out, len, 0, NULL)) == NULL ||
		    !json_is_array(runs = json_object_get(j, "runs")) ||
		    json_array_size(runs) != list->count + nfailed)
			abort();
		json_decref(j);
	} else if (strcmp(format, "xml") == 0) {
		/* the document written reads back as the same dossiers and findings */
		if (pa_results_read_mem(&again, out, len, "rendered xml") < 0 ||
		    again.count != list->count || count_findings(&again) != count_findings(list))
			abort();
		pa_vec_dispose(&again, free_results);
	}
}

/*
 * The bytes are a results file as `pactaudit report` reads it
 * (pa_results_read_mem: untrusted XML, the RELAX NG schema from
 * $PACTAUDIT_DATADIR, verdicts checked).  Whatever is accepted is rendered
 * in every format of pa_renderers[] into memory: no renderer may fail on
 * it, JSON and Code Quality must parse, SARIF must have one run per
 * dossier (audited or not), and the XML must read back as the same results.  The render
 * options follow the input's length, so every setting gets inputs.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialised;
	static const struct pa_render_failure fails[] = {
		{ .before = 0, .path = "calls/other", .message = "not a dossier" },
	};
	struct pa_vec list = PA_VEC_INIT;
	struct pa_render_opts ro = { 0 };
	char *out;
	size_t len, i;
	FILE *fp;

	if (size > PA_LIMIT_XML_SIZE)
		return 0;
	if (!initialised) {
		initialised = 1;
		/* the HTML report says when it was made: no clock */
		if (setenv("SOURCE_DATE_EPOCH", "0", 1) != 0)
			abort();
		pa_digest_global_init();
		pa_xml_global_init();
	}
	if (pa_results_read_mem(&list, (const char *)data, size, "fuzz.xml") < 0 ||
	    list.count == 0)
		goto done;
	ro.color = size & 1;
	ro.fail_on = (enum pa_fail_on)((size >> 1) % (PA_FAIL_ON_NONE + 1));
	ro.min_severity = (enum pa_severity)((size >> 4) % (PA_SEVERITY_BLOCKER + 1));
	if (size & 8) {
		ro.failures = fails;
		ro.nfailures = 1;
	}
	for (i = 0; pa_renderers[i].name != NULL; i++) {
		out = NULL;
		len = 0;
		if ((fp = open_memstream(&out, &len)) == NULL)
			abort();
		if (pa_render(fp, pa_renderers[i].name, (struct pa_results *const *)list.items,
		    list.count, &ro) < 0)
			abort();
		if (fclose(fp) != 0)
			abort();
		check_output(pa_renderers[i].name, out, len, &list, ro.nfailures);
		free(out);
	}
done:
	pa_error_clear();
	pa_vec_dispose(&list, free_results);
	return 0;
}
