/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the call policy reader and the allocation plan read back, then the reports that show a plan. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocate/allocate.h"
#include "parse/xml.h"
#include "render/render.h"
#include "results/results.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/limits.h"
#include "util/vec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Two dossiers for the plan's lines to be shown beside (no file is read). */
static const char results_xml[] =
    "<results-set xmlns=\"urn:pactaudit:results:1\">"
    "<results version=\"1\"><tool name=\"pactaudit\" version=\"0.1.0\"/>"
    "<rules version=\"2026.11\"/>"
    "<dossier path=\"calls/2026-12/arkisto\" commit=\"01b68b2ef3ddcd0ed42bd263bbbcaf15b35d4bd3\""
    " mode=\"git\" trust=\"self-declared\"/><as-of>2027-12-02</as-of>"
    "<verdict>eligible</verdict></results>"
    "<results version=\"1\"><tool name=\"pactaudit\" version=\"0.1.0\"/>"
    "<rules version=\"2026.11\"/>"
    "<dossier path=\"calls/2026-12/voxara\" trust=\"self-declared\"/>"
    "<as-of>2027-12-02</as-of><verdict>eligible</verdict></results>"
    "</results-set>";

static void
free_results(void *p)
{
	pa_results_free(p);
}

/* A call policy that was accepted keeps the promises of allocate.h. */
static void
check_policy(const struct pa_call_policy *p)
{
	size_t i, j, k;

	if (p->id == NULL || p->cap < 0 || p->cap > PA_CALL_MAX_GPU_HOURS ||
	    p->minimum < 0 || p->minimum > PA_CALL_MAX_GPU_HOURS)
		abort();
	for (i = 0; i < p->nmachines; i++) {
		const struct pa_call_machine *m = &p->machines[i];

		if (m->gpus_per_node < 1 || m->gpus_per_node > PA_CALL_MAX_GPUS_PER_NODE ||
		    m->cluster == NULL)
			abort();
		for (j = 0; j < i; j++)
			if (strcmp(p->machines[j].id, m->id) == 0)
				abort();
		for (j = 0; j < m->npartitions; j++) {
			if (m->partitions[j].gpu_hours < 0 ||
			    m->partitions[j].gpu_hours > PA_CALL_MAX_GPU_HOURS)
				abort();
			for (k = 0; k < j; k++)
				if (strcmp(m->partitions[k].id, m->partitions[j].id) == 0)
					abort();
		}
	}
}

/*
 * The same bytes go to pa_call_policy_read() (what is accepted is checked
 * as above) and to pa_alloc_plan_read().  A plan that is accepted is shown
 * beside the two dossiers above by every format that shows plans, with its
 * first line given to the first dossier and its second to the second: no
 * renderer may fail, and no control character of the plan may reach the
 * output.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialised;
	struct pa_vec list = PA_VEC_INIT;
	struct pa_call_policy *policy = NULL;
	struct pa_render_opts ro = { 0 };
	const xmlNode *lines[2] = { NULL, NULL };
	xmlDoc *plan = NULL;
	xmlNode *n;
	char *out;
	size_t len, i, k = 0;
	FILE *fp;

	if (size > PA_LIMIT_XML_SIZE)
		return 0;
	if (!initialised) {
		initialised = 1;
		if (setenv("SOURCE_DATE_EPOCH", "0", 1) != 0)
			abort();
		pa_digest_global_init();
		pa_xml_global_init();
	}
	if (pa_call_policy_read(&policy, (const char *)data, size, "call.xml") == 0) {
		if (policy == NULL)
			abort();
		check_policy(policy);
	}
	pa_error_clear();
	if (pa_alloc_plan_read(&plan, (const char *)data, size, "plan.xml") < 0 || plan == NULL)
		goto done;
	if (pa_results_read_mem(&list, results_xml, sizeof(results_xml) - 1, "results.xml") < 0 ||
	    list.count != 2)
		abort();
	for (n = xmlFirstElementChild(xmlDocGetRootElement(plan)); n != NULL && k < 2;
	    n = xmlNextElementSibling(n))
		if (strcmp((const char *)n->name, "applicant") == 0)
			lines[k++] = n;
	ro.allocation = xmlDocGetRootElement(plan);
	ro.allocated = lines;
	ro.auditor = (size & 1) ? "Ann \x1b[31mAuditor\xe2\x80\xae" : NULL;
	for (i = 0; pa_renderers[i].name != NULL; i++) {
		if (!pa_render_shows_plan(pa_renderers[i].name))
			continue;
		out = NULL;
		len = 0;
		if ((fp = open_memstream(&out, &len)) == NULL)
			abort();
		if (pa_render(fp, pa_renderers[i].name, (struct pa_results *const *)list.items,
		    list.count, &ro) < 0)
			abort();
		if (fclose(fp) != 0)
			abort();
		/* no escape character, no right-to-left override */
		if (memchr(out, 0x1b, len) != NULL || memmem(out, len, "\xe2\x80\xae", 3) != NULL)
			abort();
		free(out);
	}
done:
	pa_error_clear();
	xmlFreeDoc(plan);
	pa_call_policy_free(policy);
	pa_vec_dispose(&list, free_results);
	return 0;
}
