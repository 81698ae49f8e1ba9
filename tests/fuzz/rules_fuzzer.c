/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the rule-pack loader (schema, ids, dates, references, XPath checks) and, for packs that load, their evaluation. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "parse/xml.h"
#include "results/results.h"
#include "rules/eval.h"
#include "rules/pack.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/diag.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A vocabulary and an accelerator table beside the fuzzed pack, and evidence to run it on. */
static struct pa_buf vocab = PA_BUF_INIT, accel = PA_BUF_INIT;
static xmlDoc *evidence;

static void
read_fixture(struct pa_buf *out, const char *rel)
{
	struct pa_buf path = PA_BUF_INIT;

	if (pa_datadir_path(&path, rel) < 0 ||
	    pa_file_read(out, path.ptr, PA_LIMIT_XML_SIZE, 0) < 0)
		abort();	/* set PACTAUDIT_DATADIR to the source tree */
	pa_buf_dispose(&path);
}

static void
setup(void)
{
	struct pa_buf ev = PA_BUF_INIT;

	/* the evidence below is a partial, hand-written document: no schema self-check */
	unsetenv("PACTAUDIT_CHECK_EVIDENCE");
	pa_digest_global_init();
	pa_xml_global_init();
	read_fixture(&vocab, "tests/fixtures/rules/good/vocab/use-cases.xml");
	read_fixture(&accel, "tests/fixtures/rules/good/data/accelerators.xml");
	read_fixture(&ev, "tests/fixtures/rules/evidence/basic.xml");
	if (pa_xml_parse_trusted_mem(&evidence, ev.ptr, ev.size, "basic.xml") < 0)
		abort();
	pa_buf_dispose(&ev);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialised;
	struct pa_rulepack_file files[3];
	struct pa_diag diag = PA_DIAG_INIT;
	static const struct pa_date as_of = { 20784, "2026-11-27" };
	struct pa_eval_opts opts = { .as_of = &as_of };
	struct pa_rulepack *pack = NULL;
	struct pa_results *res = NULL;
	xmlDoc *doc = NULL, *out = NULL;
	size_t i;
	int rc;

	if (size > PA_LIMIT_XML_SIZE)
		return 0;
	if (!initialised) {
		initialised = 1;
		setup();
	}
	files[0] = (struct pa_rulepack_file){ "fuzz.xml", "fuzz.xml", (const char *)data, size };
	files[1] = (struct pa_rulepack_file){ "vocab/use-cases.xml", "vocab/use-cases.xml",
		vocab.ptr, vocab.size };
	files[2] = (struct pa_rulepack_file){ "data/accelerators.xml", "data/accelerators.xml",
		accel.ptr, accel.size };
	rc = pa_rulepack_load_files(&pack, "fuzz", files, 3, &diag);
	/* a refusal always says where, and a pack is returned only without problems */
	if ((rc < 0) != (pack == NULL) || (rc == 0 && diag.count != 0) ||
	    (rc == PA_EINVALID && (diag.count == 0 || pa_error_last() == NULL)))
		abort();
	pa_error_clear();
	if (pack != NULL) {
		for (i = 0; i < pa_rulepack_count(pack); i++) {
			const struct pa_rule *r = pa_rulepack_rule_at(pack, i);

			if (r->context == NULL || r->assertion == NULL || r->message == NULL ||
			    r->applies_from == NULL || r->ref_count == 0 ||
			    pa_rulepack_find(pack, r->id) == NULL)
				abort();
		}
		/* a pack that loads also runs, on a copy of the evidence */
		if ((doc = xmlCopyDoc(evidence, 1)) == NULL)
			abort();
		if (pa_eval_dossier(&res, pack, doc, &opts) < 0 ||
		    pa_results_to_xml(&out, res) < 0)
			abort();
	}
	xmlFreeDoc(out);
	pa_results_free(res);
	xmlFreeDoc(doc);
	pa_rulepack_free(pack);
	pa_diag_dispose(&diag);
	pa_error_clear();
	return 0;
}
