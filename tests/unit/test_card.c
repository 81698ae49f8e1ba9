/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for parse/card and parse/frontmatter: the real-world card corpus, hostile cards, Markdown headings. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "lib/cutest.h"
#include "lib/xptest.h"
#include "evidence/card.h"
#include "evidence/substance.h"
#include "parse/card.h"
#include "parse/evnode.h"
#include "parse/licdb.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"

static struct pa_licdb *db;

static int
setup(void)
{
	if (pa_licdb_load(&db) < 0) {
		fprintf(stderr, "licdb: %s\n", pa_error_last());
		return 1;
	}
	return 0;
}

static int
teardown(void)
{
	pa_licdb_free(db);
	db = NULL;
	return 0;
}

static const char *
srcdir(void)
{
	const char *s = getenv("top_srcdir");

	return s ? s : ".";
}

/* A parsed card: the document (root <evidence>, one <model>) and its diagnostics. */
struct card {
	xmlDoc *doc;
	xmlNode *el;
	struct pa_diag diag;
	int rc;
};

static void
card_parse(struct card *c, const char *element, const char *path, const char *data, size_t len)
{
	struct pa_evsrc from = { path, "d00dfeed" };
	xmlNode *root;

	c->doc = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewNode(NULL, BAD_CAST "evidence");
	xmlDocSetRootElement(c->doc, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST PA_EVIDENCE_NS, NULL));
	c->el = pa_ev_child(root, element, &from, 1, NULL);
	pa_diag_dispose(&c->diag);
	c->diag = (struct pa_diag)PA_DIAG_INIT;
	c->rc = pa_card_to_evidence(c->el, data, len, &from, db, NULL, &c->diag);
}

static void
card_free(struct card *c)
{
	xmlFreeDoc(c->doc);
	pa_diag_dispose(&c->diag);
	memset(c, 0, sizeof(*c));
}

/* The diagnostics' codes, space separated, in order. */
static void
diag_codes(struct pa_buf *out, const struct pa_diag *d)
{
	size_t i;

	for (i = 0; i < d->count; i++)
		pa_buf_printf(out, "%s%s", i ? " " : "", d->entries[i].code);
}

/*
 * Check each " ;; "-separated XPath test; "C/" stands for the card
 * element.  Returns the number that failed (each is reported).
 */
static int
check_all(const struct card *c, const char *what, const char *checks)
{
	char *copy = strdup(checks), *p = copy;
	int failed = 0;

	while (p != NULL && *p) {
		char *end = strstr(p, " ;; ");
		struct pa_buf x = PA_BUF_INIT;
		const char *s;

		if (end != NULL)
			*end = '\0';
		for (s = p; *s; s++) {
			if (*s == 'C' && s[1] == '/' && (s == p || strchr(" ([=,", s[-1])))
				pa_buf_puts(&x, "/*/*[1]");
			else
				pa_buf_putc(&x, *s);
		}
		if (!xp_true(c->doc, x.ptr)) {
			fprintf(stderr, "%s: false: %s\n", what, x.ptr);
			failed++;
		}
		CU_ASSERT_TRUE(xp_true(c->doc, x.ptr));
		pa_buf_dispose(&x);
		p = end ? end + 4 : NULL;
	}
	free(copy);
	return failed;
}

static void
dump(const struct card *c)
{
	size_t i;

	xmlDocFormatDump(stderr, c->doc, 1);
	for (i = 0; i < c->diag.count; i++)
		fprintf(stderr, "diag %s %s:%ld [%s] %s\n",
		    pa_diag_severity_name(c->diag.entries[i].severity),
		    c->diag.entries[i].path, c->diag.entries[i].line,
		    c->diag.entries[i].code, c->diag.entries[i].message);
}

/* No raw control character (other than \n, \t) anywhere in the serialised evidence. */
static bool
no_raw_controls(xmlDoc *doc)
{
	xmlChar *mem = NULL;
	int n = 0, i;
	bool ok = true;

	xmlDocDumpMemory(doc, &mem, &n);
	for (i = 0; i < n; i++) {
		unsigned char ch = mem[i];

		if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f) {
			fprintf(stderr, "raw control 0x%02x at byte %d of the evidence\n", ch, i);
			ok = false;
			break;
		}
	}
	xmlFree(mem);
	return ok;
}

/* ---- the corpus of real cards ------------------------------------------ */

static const struct {
	const char *file;	/* under tests/fixtures/cards/corpus/ */
	const char *sources;	/* SOURCES.md's "card:" column for it */
	const char *status;
	const char *expression;	/* NULL: none */
	const char *diags;	/* the diagnostics' codes */
	const char *checks;
} corpus[] = {
	{ "models/airoboros-l2-13b-2-1.md", "llama2", "valid", "LicenseRef-llama2", "",
	  "C/e:front-matter/e:field[@name='datasets']/e:item[1]='jondurbin/airoboros-2.1' ;; "
	  "C/e:section[@level='3'][@line='7']='Overview' ;; C/e:license/@field-of-use='true'" },
	{ "models/autotrain-medical-reports-summarizer.md", "none stated", "missing", NULL, "",
	  "C/e:front-matter/e:field[@name='co2_eq_emissions']/e:field[@name='emissions']"
	  "='0.018508154116891218' ;; "
	  "starts-with(C/e:front-matter/e:field[@name='widget']/e:item/e:field[@name='text'], 'I love AutoTrain') ;; "
	  "C/e:section[@level='2'][@line='21']='Validation Metrics' ;; count(C/e:section)=3" },
	{ "models/bria-rmbg-1-4.md", "other (license_name: bria-rmbg-1.4)", "other",
	  "other", "",
	  "C/e:license/@license-name='bria-rmbg-1.4' ;; C/e:license/e:id/@spdx='LicenseRef-bria-rmbg-1.4' ;; "
	  "starts-with(C/e:license/@license-link, 'https://bria.ai/') ;; "
	  "C/e:front-matter/e:field[@name='extra_gated_fields']/e:field[@name='Country']='text' ;; "
	  "C/e:section[1][@level='1']='BRIA Background Removal v1.4 Model Card'" },
	{ "models/deeppavlov-rubert-base-cased.md", "none stated", "missing", NULL, "",
	  "C/e:front-matter/e:field[@name='language']/e:item='russian' ;; "
	  "C/e:section[@line='6']='rubert-base-cased'" },
	{ "models/floydiansound-redline-diffusion.md", "creativeml-openrail-m", "valid",
	  "LicenseRef-creativeml-openrail-m", "",
	  "C/e:front-matter/e:field[@name='inference']='true' ;; C/e:section[@line='22']='License'" },
	{ "models/gemma-3n-e4b-persian.md", "gemma", "valid", "LicenseRef-gemma", "",
	  "C/e:front-matter/e:field[@name='model-index']/e:item/e:field[@name='name']='gemma-3n-E4B-persian' ;; "
	  "C/e:front-matter/e:field[@name='model-index']/e:item/e:field[@name='results'][not(*)] ;; "
	  "contains(C/e:front-matter/e:field[@name='widget']/e:item[1]/e:field[@name='text'], '<start_of_turn>user\n')" },
	{ "models/gemma4npc-12b-it.md", "gemma", "valid", "LicenseRef-gemma", "",
	  "C/e:front-matter/e:field[@name='base_model']='google/gemma-4-12b' ;; "
	  "C/e:section[@level='1'][@line='20']='Model Card for Gemma4NPC-12B-it'" },
	{ "models/geotrend-bert-base-15lang-cased.md", "apache-2.0", "valid", "Apache-2.0", "",
	  "C/e:front-matter/e:field[@name='datasets']='wikipedia' ;; C/e:license/@line='6' ;; "
	  "C/e:license/@osi='true'" },
	{ "models/helsinki-nlp-opus-mt-bcl-es.md", "none stated", "missing", NULL, "card-license-missing",
	  "not(C/e:front-matter) ;; C/e:section[1][@line='1'][@level='1']='# opus-2020-01-15.zip' ;; "
	  "C/e:section[2][@line='10'][@level='2']='Benchmarks'" },
	{ "models/llama-3-8b-lexi-uncensored.md", "llama3", "valid", "LicenseRef-llama3", "",
	  "count(C/e:front-matter/e:field[@name='model-index']/e:item/e:field[@name='results']/e:item)=6 ;; "
	  "C/e:front-matter/e:field[@name='model-index']/e:item/e:field[@name='results']/e:item[1]"
	  "/e:field[@name='metrics']/e:item/e:field[@name='value']='59.56' ;; "
	  "C/e:section[@line='123'][@level='1']" },
	{ "models/llama-3-8b-lexi-uncensored-gguf.md", "other (license_name: license)", "other",
	  "other", "",
	  "C/e:license/@license-name='license' ;; count(C/e:section)=0 ;; "
	  "C/e:front-matter/e:field[@name='license_link']='https://huggingface.co/Orenguteng/Lexi-Llama-3-8B-Uncensored'" },
	{ "models/llama-3-korean-bllossom-70b.md", "llama3", "valid", "LicenseRef-llama3", "",
	  "C/e:front-matter/e:field[@name='base_model']/e:item='meta-llama/Meta-Llama-3-70B' ;; "
	  "C/e:section[@level='2'][@line='16']='NEWS'" },
	{ "models/mn-12b-starcannon-v2.md", "cc-by-nc-nd-4.0", "valid", "CC-BY-NC-ND-4.0", "",
	  "C/e:license/@non-commercial='true' ;; C/e:license/@no-derivatives='true' ;; "
	  "count(C/e:front-matter/e:field[@name='base_model']/e:item)=2 ;; "
	  "C/e:section[@line='23'][@level='3']='Merge Method'" },
	{ "models/mrm8488-bert-multi-cased-finetuned-xquadv1.md", "none stated", "missing", NULL, "",
	  "C/e:front-matter/e:field[@name='thumbnail'][@null='true'] ;; C/e:section[@line='78']='Results:'" },
	{ "models/my-awesome-model-model-index-legacy.md", "apache-2.0", "valid", "Apache-2.0", "",
	  "C/e:front-matter/e:field[@name='datasets']/e:item[@null='true'] ;; "
	  "C/e:front-matter/e:field[@name='model_index']/e:item/e:field[@name='results']/e:item"
	  "/e:field[@name='task']/e:field[@name='type']='text-generation' ;; "
	  "C/e:section[@line='16']='my-awesome-model'" },
	{ "models/neuralbeagle14-7b.md", "cc-by-nc-4.0", "valid", "CC-BY-NC-4.0", "",
	  "C/e:license/@non-commercial='true' ;; C/e:front-matter/e:field[@name='base_model']='mlabonne/Beagle14-7B'" },
	{ "models/nllb-200-distilled-600m.md", "cc-by-nc-4.0", "valid", "CC-BY-NC-4.0", "",
	  "count(C/e:front-matter/e:field[@name='language']/e:item)=196 ;; C/e:license/@line='205' ;; "
	  "C/e:front-matter/e:field[@name='license']='cc-by-nc-4.0'" },
	{ "models/ppo-lunarlander-v2.md", "none stated", "missing", NULL, "",
	  "C/e:front-matter/e:field[@name='model-index']/e:item/e:field[@name='results']/e:item"
	  "/e:field[@name='metrics']/e:item/e:field[@name='value']='-147.07 +/- 80.80' ;; "
	  "C/e:section[@line='25'][@level='1']='PPO Agent Playing LunarLander-v2'" },
	{ "models/pyannote-speaker-diarization-3-1.md", "mit", "valid", "MIT", "",
	  "C/e:license/@line='15' ;; count(C/e:front-matter/e:field[@name='tags']/e:item)=12" },
	{ "models/qwen2-5-72b-instruct.md", "other (license_name: qwen)", "other", "other", "",
	  "C/e:license/@license-name='qwen' ;; C/e:license/e:id/@spdx='LicenseRef-qwen' ;; C/e:section[@line='14'][@level='1']='Qwen2.5-72B-Instruct'" },
	{ "models/rwkv-4-world.md", "apache-2.0", "valid", "Apache-2.0", "",
	  "count(C/e:front-matter/e:field[@name='language']/e:item)=12 ;; "
	  "C/e:front-matter/e:field[@name='datasets']/e:item[2]='togethercomputer/RedPajama-Data-1T'" },
	{ "models/stable-diffusion-v1-4.md", "creativeml-openrail-m", "valid",
	  "LicenseRef-creativeml-openrail-m", "",
	  "starts-with(C/e:front-matter/e:field[@name='extra_gated_prompt'], 'This model is open access') ;; "
	  "contains(C/e:front-matter/e:field[@name='extra_gated_prompt'], 'specifies: \n\n1. ') ;; "
	  "not(contains(C/e:front-matter/e:field[@name='extra_gated_prompt'], '\r')) ;; "
	  "C/e:section[@line='30'][@level='1']='Stable Diffusion v1-4 Model Card'" },
	{ "models/uer-gpt2-chinese-poem.md", "none stated", "missing", NULL, "",
	  "count(C/e:front-matter/e:field[@name='widget']/e:item)=2 ;; "
	  "C/e:front-matter/e:field[@name='widget']/e:item[1]/e:field[@name='text']="
	  "'[CLS] \xe4\xb8\x87 \xe5\x8f\xa0 \xe6\x98\xa5 \xe5\xb1\xb1 \xe7\xa7\xaf \xe9\x9b\xa8 \xe6\x99\xb4 \xef\xbc\x8c'" },
	{ "models/wav2vec2-base-960h.md", "apache-2.0", "valid", "Apache-2.0", "",
	  "C/e:front-matter/e:field[@name='widget']/e:item[2]/e:field[@name='src']="
	  "'https://cdn-media.huggingface.co/speech_samples/sample2.flac'" },
	{ "models/zephyr-7b-beta.md", "mit", "valid", "MIT", "",
	  "C/e:front-matter/e:field[@name='widget']/e:item/e:field[@name='messages']/e:item[1]"
	  "/e:field[@name='role']='system' ;; "
	  "starts-with(C/e:front-matter/e:field[@name='widget']/e:item/e:field[@name='output']"
	  "/e:field[@name='text'], 'Arr! ') ;; "
	  "count(C/e:front-matter/e:field[@name='model-index']/e:item/e:field[@name='results']/e:item)=9 ;; "
	  "C/e:section[@line='195']" },
	{ "datasets/ai2-arc.md", "cc-by-sa-4.0", "valid", "CC-BY-SA-4.0", "",
	  "C/e:license/e:id/@line='11' ;; C/e:license/@share-alike='true' ;; "
	  "C/e:front-matter/e:field[@name='paperswithcode_id'][@null='true'] ;; "
	  "C/e:front-matter/e:field[@name='dataset_info']/e:item[1]/e:field[@name='config_name']='ARC-Challenge' ;; "
	  "C/e:front-matter/e:field[@name='size_categories']/e:item='1K<n<10K'" },
	{ "datasets/ajgt-twitter-ar.md", "unknown", "unknown", "NOASSERTION", "",
	  "C/e:front-matter/e:field[@name='dataset_info']/e:field[@name='features']/e:item[2]"
	  "/e:field[@name='dtype']/e:field[@name='class_label']/e:field[@name='names']"
	  "/e:field[@name='0']='Negative'" },
	{ "datasets/anthropic-hh-rlhf.md", "mit", "valid", "MIT", "",
	  "C/e:front-matter/e:field[@name='tags']/e:item='human-feedback'" },
	{ "datasets/decabert-configs-only.md", "none stated", "missing", NULL, "",
	  "count(C/e:front-matter/e:field[@name='configs']/e:item)=24 ;; "
	  "C/e:front-matter/e:field[@name='configs']/e:item[1]/e:field[@name='data_files']/e:item"
	  "/e:field[@name='path']='abk/*'" },
	{ "datasets/deseretbench.md", "cc-by-nc-sa-4.0", "valid", "CC-BY-NC-SA-4.0", "",
	  "C/e:front-matter/e:field[@name='language']/e:item='en' ;; "
	  "count(C/e:front-matter/e:field[@name='tags']/e:item)=7 ;; "
	  "C/e:license/@share-alike='true' ;; C/e:license/@non-commercial='true'" },
	{ "datasets/emotion.md", "unknown", "unknown", "NOASSERTION", "",
	  "C/e:front-matter/e:field[@name='train-eval-index']/e:item/e:field[@name='col_mapping']"
	  "/e:field[@name='label']='target'" },
	{ "datasets/french-book-reviews.md", "none in metadata (text says CC0)", "missing", NULL, "",
	  "C/e:section[@line='82'][@level='4']='Licensing Information'" },
	{ "datasets/structured-5k-mix-sft.md", "cc-by-4.0", "valid", "CC-BY-4.0", "",
	  "C/e:front-matter/e:field[@name='tags']/e:item[8]='csv' ;; C/e:section[@line='20']" },
	{ "datasets/structured-cot-512-v5.md", "mit", "valid", "MIT", "",
	  "C/e:front-matter/@line='2' ;; C/e:license/@line='3' ;; C/e:section[@line='14'][@level='1']" },
	{ "datasets/structured-cot-v2-dataset-info.md", "none stated", "missing", NULL, "",
	  "C/e:front-matter/e:field[@name='dataset_info']/e:field[@name='splits']/e:item"
	  "/e:field[@name='num_examples']='2500'" },
	{ "datasets/vi-vidore.md", "cc-by-4.0 + other", "other", "CC-BY-4.0 AND other", "",
	  "C/e:license/e:id[1]/@line='10' ;; C/e:license/e:id[2]/@line='11' ;; "
	  "C/e:section[@line='282']='License'" },
	{ "datasets/wikipedia-2022.md", "cc-by-sa-3.0, gfdl-1.3-or-later", "valid",
	  "CC-BY-SA-3.0 AND GFDL-1.3-or-later", "card-legacy-license-key",
	  "C/e:license/@from='licenses' ;; C/e:license/@share-alike='true' ;; "
	  "count(C/e:front-matter/e:field[@name='languages']/e:field)=300 ;; "
	  "C/e:front-matter/e:field[@name='languages']/e:field[@name='20220301.aa']/e:item='aa'" },
};

#define NCORPUS (sizeof(corpus) / sizeof(corpus[0]))

/* SOURCES.md's "card:" text for a file, or NULL. */
static char *
sources_card(const char *sources, const char *file)
{
	struct pa_buf key = PA_BUF_INIT;
	const char *row, *card, *end;
	char *r = NULL;

	pa_buf_printf(&key, "| %s |", file);
	if ((row = strstr(sources, key.ptr)) != NULL &&
	    (card = strstr(row, "| card: ")) != NULL &&
	    (end = strpbrk(card, ";\n")) != NULL && memchr(row, '\n', (size_t)(card - row)) == NULL) {
		card += strlen("| card: ");
		r = strndup(card, (size_t)(end - card));
	}
	pa_buf_dispose(&key);
	return r;
}

static void
test_card_corpus_licences_fields_and_headings(void)
{
	struct pa_buf sources = PA_BUF_INIT, path = PA_BUF_INIT;
	size_t i;

	pa_buf_printf(&path, "%s/tests/fixtures/cards/corpus/SOURCES.md", srcdir());
	CU_ASSERT_EQUAL_FATAL(pa_file_read(&sources, path.ptr, 1u << 20, 0), 0);
	for (i = 0; i < NCORPUS; i++) {
		struct card c = { 0 };
		struct pa_buf data = PA_BUF_INIT, x = PA_BUF_INIT, codes = PA_BUF_INIT;
		char *stated = sources_card(sources.ptr, corpus[i].file);
		const char *element = strncmp(corpus[i].file, "models/", 7) == 0 ? "model" : "dataset";
		int failed = 0;

		/* the table agrees with SOURCES.md */
		if (stated == NULL || strcmp(stated, corpus[i].sources) != 0)
			fprintf(stderr, "%s: SOURCES.md says card: '%s'\n", corpus[i].file,
			    stated ? stated : "(no row)");
		CU_ASSERT_PTR_NOT_NULL(stated);
		CU_ASSERT_STRING_EQUAL(stated ? stated : "", corpus[i].sources);
		free(stated);

		pa_buf_clear(&path);
		pa_buf_printf(&path, "%s/tests/fixtures/cards/corpus/%s", srcdir(), corpus[i].file);
		CU_ASSERT_EQUAL_FATAL(pa_file_read(&data, path.ptr, PA_LIMIT_FILE_SIZE, 0), 0);
		card_parse(&c, element, corpus[i].file, data.ptr, data.size);
		CU_ASSERT_EQUAL(c.rc, 0);

		pa_buf_printf(&x, "/*/*[1]/e:license[@status='%s'][@src='%s'][@blob='d00dfeed']",
		    corpus[i].status, corpus[i].file);
		if (corpus[i].expression)
			pa_buf_printf(&x, "[@expression='%s']", corpus[i].expression);
		else
			pa_buf_puts(&x, "[not(@expression)]");
		if (!xp_true(c.doc, x.ptr)) {
			fprintf(stderr, "%s: expected %s\n", corpus[i].file, x.ptr);
			failed++;
		}
		CU_ASSERT_TRUE(xp_true(c.doc, x.ptr));
		/* every section and field carries where it came from */
		CU_ASSERT_TRUE(xp_true(c.doc, "not(//e:section[not(@line) or not(@src) or not(@level)])"));
		CU_ASSERT_TRUE(xp_true(c.doc, "not(//e:field[not(@line) or not(@src) or not(@name)])"));
		CU_ASSERT_TRUE(xp_true(c.doc, "not(//e:item[not(@line) or not(@blob)])"));
		CU_ASSERT_TRUE(xp_true(c.doc, "count(/*/*[1]/e:license)=1"));
		CU_ASSERT_TRUE(no_raw_controls(c.doc));

		diag_codes(&codes, &c.diag);
		if (strcmp(codes.ptr, corpus[i].diags) != 0) {
			fprintf(stderr, "%s: diagnostics '%s', expected '%s'\n", corpus[i].file,
			    codes.ptr, corpus[i].diags);
			failed++;
		}
		CU_ASSERT_STRING_EQUAL(codes.ptr, corpus[i].diags);
		failed += check_all(&c, corpus[i].file, corpus[i].checks);
		if (failed)
			dump(&c);
		card_free(&c);
		pa_buf_dispose(&data);
		pa_buf_dispose(&x);
		pa_buf_dispose(&codes);
	}
	pa_buf_dispose(&sources);
	pa_buf_dispose(&path);
}

/* Every card of the corpus folders is in the table (a new fixture needs its row). */
static void
test_card_corpus_table_covers_every_file(void)
{
	static const char *const dirs[] = { "models", "datasets" };
	size_t d, seen = 0;

	for (d = 0; d < 2; d++) {
		struct pa_buf path = PA_BUF_INIT;
		struct dirent *e;
		DIR *dir;

		pa_buf_printf(&path, "%s/tests/fixtures/cards/corpus/%s", srcdir(), dirs[d]);
		dir = opendir(path.ptr);
		CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
		while ((e = readdir(dir)) != NULL) {
			struct pa_buf name = PA_BUF_INIT;
			size_t i;
			bool found = false;

			if (e->d_name[0] == '.')
				continue;
			pa_buf_printf(&name, "%s/%s", dirs[d], e->d_name);
			for (i = 0; i < NCORPUS; i++)
				found = found || strcmp(corpus[i].file, name.ptr) == 0;
			if (!found)
				fprintf(stderr, "corpus file %s has no row in the table\n", name.ptr);
			CU_ASSERT_TRUE(found);
			seen++;
			pa_buf_dispose(&name);
		}
		closedir(dir);
		pa_buf_dispose(&path);
	}
	CU_ASSERT_EQUAL(seen, NCORPUS);
}

/* ---- hostile and odd cards --------------------------------------------- */

struct hostile {
	const char *name;
	const char *data;
	size_t len;		/* 0: strlen */
	const char *diags;	/* diagnostics' codes */
	const char *status;	/* licence status */
	const char *checks;
	long diag_line;		/* line of the first diagnostic (0: not checked) */
};

static const struct hostile hostile[] = {
	{ "alias", "---\nbase: &b mit\nlicense: *b\n---\n# Still here\n", 0,
	  "yaml-alias", "invalid",
	  "C/e:front-matter[@error='yaml-alias'][not(*)] ;; C/e:section[@line='5']='Still here' ;; "
	  "contains(C/e:license/e:error, 'front matter')", 2 },
	{ "alias only", "---\nlicense: mit\nother: *nowhere\n---\n", 0, "yaml-alias", "invalid",
	  "C/e:front-matter[@error='yaml-alias']", 3 },
	{ "multiple documents", "---\nlicense: mit\n--- # second\nlicense: gpl\n---\n", 0,
	  "yaml-multiple-documents", "invalid", "C/e:front-matter[@error]", 3 },
	{ "not a mapping", "---\n- mit\n- apache-2.0\n---\n", 0, "yaml-not-mapping", "invalid",
	  "true()", 2 },
	{ "scalar top level", "---\njust some text\n---\n", 0, "yaml-not-mapping", "invalid",
	  "true()", 2 },
	{ "syntax error", "---\nlicense: [mit\ntags: x\n---\n", 0, "yaml-syntax", "invalid",
	  "true()", 0 },
	{ "tab indentation", "---\ntags:\n\t- a\nlicense: mit\n---\n", 0, "yaml-syntax", "invalid",
	  "true()", 3 },
	{ "raw ESC in YAML", "---\nlicense: mit\x1b[31m\n---\n", 0, "yaml-encoding", "invalid",
	  "true()", 2 },
	{ "invalid UTF-8 in YAML", "---\nname: ok\nlicense: m\xffit\n---\n", 0, "yaml-encoding",
	  "invalid", "true()", 3 },
	{ "NUL in YAML", "---\nname: ok\nlicense: mit\0\n---\n", 31, "yaml-encoding", "invalid",
	  "true()", 3 },
	{ "escaped ESC in a value", "---\nlicense: mit\nname: \"red\\e[31mtext\\u202e\\0end\"\n---\n", 0,
	  "", "valid",
	  "C/e:front-matter/e:field[@name='name']='red\\x1b[31mtext\xe2\x80\xae" "\\x00end'", 0 },
	{ "ESC in a key", "---\n\"k\\ey\": v\nlicense: mit\n---\n", 0, "", "valid",
	  "C/e:front-matter/e:field[@name='k\\x1by']='v'", 0 },
	{ "NUL in a key", "---\n\"a\\0b\": v\nlicense: mit\n---\n", 0, "", "valid",
	  "C/e:front-matter/e:field[@name='a\\x00b']='v'", 0 },
	{ "ESC and bad UTF-8 in headings", "---\nlicense: mit\n---\n# A\x1b[2J\xff\n", 0, "", "valid",
	  "C/e:section='A\\x1b[2J\\xff'", 0 },
	{ "NUL in the body", "---\nlicense: mit\n---\n# A\0B\n", 27, "", "valid",
	  "C/e:section='A\\x00B'", 0 },
	{ "CRLF", "---\r\nlicense: apache-2.0\r\ntags:\r\n- a\r\n---\r\n# T\r\nx\r\n---\r\n", 0, "",
	  "valid",
	  "C/e:license/@expression='Apache-2.0' ;; C/e:front-matter/e:field[@name='tags']/e:item[@line='4']='a' ;; "
	  "C/e:section[1][@line='6']='T' ;; C/e:section[2][@line='7'][@level='2']='x'", 0 },
	{ "BOM", "\xef\xbb\xbf---\nlicense: mit\n---\n# T\n", 0, "", "valid",
	  "C/e:front-matter/@line='1' ;; C/e:section[@line='4']='T'", 0 },
	{ "blank lines before the fence", "\n  \n---\nlicense: mit\n---\n", 0, "", "valid",
	  "C/e:front-matter/@line='3' ;; C/e:license/@line='4'", 0 },
	{ "fence with trailing blanks", "--- \t\nlicense: mit\n---  \n# T\n", 0, "", "valid",
	  "C/e:section[@line='4']='T'", 0 },
	{ "unterminated front matter", "---\nlicense: mit\n# Heading\n", 0,
	  "card-front-matter-unterminated card-license-missing", "missing",
	  "not(C/e:front-matter) ;; C/e:section[@line='3']='Heading'", 1 },
	{ "unterminated with a licence heading", "---\nlicense: mit\n## License\n", 0,
	  "card-front-matter-unterminated", "missing", "C/e:section='License'", 1 },
	{ "no front matter, licence section", "# Model\n\n## Licence\n\nMIT\n", 0, "", "missing",
	  "count(C/e:section)=2", 0 },
	{ "no front matter at all", "Just text.\n", 0, "card-license-missing", "missing",
	  "not(C/e:front-matter) ;; not(C/e:section)", 1 },
	{ "empty file", "", 0, "card-license-missing", "missing", "not(C/*[not(self::e:license)])", 1 },
	{ "empty front matter", "---\n---\n# T\n", 0, "", "missing",
	  "C/e:front-matter[not(*)][not(@error)] ;; C/e:section[@line='3']", 0 },
	{ "comments only", "---\n# a comment\n---\n", 0, "", "missing",
	  "C/e:front-matter[not(*)][not(@error)] ;; not(C/e:section)", 0 },
	/* a licence given twice: the card is under both (the more restrictive reading) */
	{ "duplicate licence key", "---\nlicense: mit\nlicense: apache-2.0\n---\n", 0,
	  "yaml-duplicate-key", "valid",
	  "C/e:license/@expression='MIT AND Apache-2.0' ;; count(C/e:front-matter/e:field)=1 ;; "
	  "C/e:front-matter/e:field/@line='2'", 3 },
	{ "duplicate licence key, the restrictive one first", "---\nlicense: cc-by-nc-4.0\n"
	  "license: mit\n---\n", 0, "yaml-duplicate-key", "valid",
	  "C/e:license/@non-commercial='true' ;; count(C/e:license/e:id)=2", 3 },
	{ "duplicate licence key, the restrictive one last", "---\nlicense: mit\n"
	  "license: cc-by-sa-4.0\n---\n", 0, "yaml-duplicate-key", "valid",
	  "C/e:license/@share-alike='true' ;; count(C/e:license/e:id)=2", 3 },
	{ "duplicate key other than the licence: the last one", "---\nlicense: mit\nn: 1\nn: 2\n---\n",
	  0, "yaml-duplicate-key", "valid",
	  "count(C/e:front-matter/e:field[@name='n'])=1 ;; C/e:front-matter/e:field[@name='n']='2'", 4 },
	{ "non-string key", "---\n? [a, b]\n: c\n{x: 1}: 2\nlicense: mit\n---\n", 0,
	  "yaml-key-not-string yaml-key-not-string", "valid",
	  "count(C/e:front-matter/e:field)=1 ;; C/e:license/@expression='MIT'", 2 },
	{ "licence is a mapping", "---\nlicense:\n  id: mit\n---\n", 0, "", "invalid",
	  "contains(C/e:license/e:error, 'must be a string')", 0 },
	{ "licence is null", "---\nlicense:\n---\n", 0, "", "invalid",
	  "contains(C/e:license/e:error, 'empty')", 0 },
	{ "licence list with a nested list", "---\nlicense:\n- mit\n- [a]\n---\n", 0, "", "invalid",
	  "C/e:license/e:error[@item='2'][@line='4'] ;; C/e:license/e:id[@name='mit'][@line='3']", 0 },
	{ "empty licence list", "---\nlicense: []\n---\n", 0, "", "invalid",
	  "C/e:license/e:error='empty licence list'", 0 },
	{ "other with a known name", "---\nlicense: other\nlicense_name: llama3\nlicense_link: LICENSE\n---\n",
	  0, "", "other",
	  "C/e:license[@known='true'][@field-of-use='true'][@license-link='LICENSE']", 0 },
	{ "SPDX expression in the card", "---\nlicense: Apache-2.0 OR MIT\n---\n", 0, "", "valid",
	  "C/e:license/@expression='Apache-2.0 OR MIT' ;; C/e:license/@osi='true'", 0 },
	{ "bad SPDX expression", "---\nlicense: MIT OR\n---\n", 0, "", "invalid",
	  "C/e:license/e:error[@offset='6']", 0 },
	{ "tags and anchors in values", "---\nlicense: !!str mit\nn: !custom 3\n---\n", 0, "", "valid",
	  "C/e:front-matter/e:field[@name='n']='3'", 0 },
	{ "setext and fenced code", "---\nlicense: mit\n---\nTitle\n=====\n```\n# no\n```\n", 0, "",
	  "valid", "count(C/e:section)=1 ;; C/e:section[@line='4'][@level='1']='Title'", 0 },
};

static void
run_hostile(const struct hostile *h)
{
	struct card c = { 0 };
	struct pa_buf codes = PA_BUF_INIT, x = PA_BUF_INIT;
	size_t len = h->len ? h->len : strlen(h->data);
	int failed = 0;

	card_parse(&c, "model", "models/h/README.md", h->data, len);
	CU_ASSERT_EQUAL(c.rc, 0);
	diag_codes(&codes, &c.diag);
	if (strcmp(codes.ptr, h->diags) != 0) {
		fprintf(stderr, "%s: diagnostics '%s', expected '%s'\n", h->name, codes.ptr, h->diags);
		failed++;
	}
	CU_ASSERT_STRING_EQUAL(codes.ptr, h->diags);
	if (c.diag.count > 0) {
		CU_ASSERT_STRING_EQUAL(c.diag.entries[0].path, "models/h/README.md");
		if (h->diag_line && c.diag.entries[0].line != h->diag_line) {
			fprintf(stderr, "%s: diagnostic on line %ld, expected %ld\n", h->name,
			    c.diag.entries[0].line, h->diag_line);
			failed++;
		}
		if (h->diag_line)
			CU_ASSERT_EQUAL(c.diag.entries[0].line, h->diag_line);
	}
	pa_buf_printf(&x, "/*/*[1]/e:license/@status='%s'", h->status);
	if (!xp_true(c.doc, x.ptr)) {
		fprintf(stderr, "%s: expected %s\n", h->name, x.ptr);
		failed++;
	}
	CU_ASSERT_TRUE(xp_true(c.doc, x.ptr));
	CU_ASSERT_TRUE(no_raw_controls(c.doc));
	failed += check_all(&c, h->name, h->checks);
	if (failed)
		dump(&c);
	card_free(&c);
	pa_buf_dispose(&codes);
	pa_buf_dispose(&x);
}

static void
test_card_hostile_table(void)
{
	size_t i;

	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		run_hostile(&hostile[i]);
}

/* Run a generated card through run_hostile. */
static void
generated(const char *name, struct pa_buf *b, const char *diags, const char *status,
    const char *checks, long line)
{
	struct hostile h = { name, b->ptr, b->size, diags, status, checks, line };

	CU_ASSERT_FALSE_FATAL(pa_buf_oom(b));
	run_hostile(&h);
}

static void
test_card_billion_laughs(void)
{
	struct pa_buf b = PA_BUF_INIT;
	int i, j;

	pa_buf_puts(&b, "---\nlicense: mit\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (i = 1; i < 10; i++) {
		pa_buf_printf(&b, "a%d: &a%d [", i, i);
		for (j = 0; j < 9; j++)
			pa_buf_printf(&b, "%s*a%d", j ? ", " : "", i - 1);
		pa_buf_puts(&b, "]\n");
	}
	pa_buf_puts(&b, "---\n# After\n");
	generated("billion laughs", &b, "yaml-alias", "invalid",
	    "C/e:front-matter[@error='yaml-alias'][not(*)] ;; C/e:section='After'", 3);
	pa_buf_dispose(&b);
}

static void
test_card_deep_nesting(void)
{
	struct pa_buf b = PA_BUF_INIT;
	int i;

	/* 10,000 levels of flow sequences */
	pa_buf_puts(&b, "---\nlicense: mit\ndeep: ");
	for (i = 0; i < 10000; i++)
		pa_buf_putc(&b, '[');
	for (i = 0; i < 10000; i++)
		pa_buf_putc(&b, ']');
	pa_buf_puts(&b, "\n---\n");
	generated("10k-deep flow nesting", &b, "yaml-limit", "invalid",
	    "C/e:front-matter[@error='yaml-limit']", 3);

	/* block mappings, just over the limit */
	pa_buf_clear(&b);
	pa_buf_puts(&b, "---\nlicense: mit\n");
	for (i = 0; i < PA_LIMIT_YAML_DEPTH; i++)
		pa_buf_printf(&b, "%*sk%d:\n", i, "", i);
	pa_buf_printf(&b, "%*sleaf: x\n---\n", PA_LIMIT_YAML_DEPTH, "");
	generated("block nesting over the limit", &b, "yaml-limit", "invalid", "true()", 0);

	/* and just under it */
	pa_buf_clear(&b);
	pa_buf_puts(&b, "---\nlicense: mit\n");
	for (i = 0; i < PA_LIMIT_YAML_DEPTH - 2; i++)
		pa_buf_printf(&b, "%*sk%d:\n", i, "", i);
	pa_buf_printf(&b, "%*sleaf: x\n---\n", PA_LIMIT_YAML_DEPTH - 2, "");
	generated("block nesting at the limit", &b, "", "valid", "//e:field[@name='leaf']='x'", 0);
	pa_buf_dispose(&b);
}

static void
test_card_size_and_count_limits(void)
{
	struct pa_buf b = PA_BUF_INIT;
	int i;

	/* front matter larger than the limit */
	pa_buf_puts(&b, "---\nlicense: mit\nbig: \"");
	while (b.size < PA_LIMIT_YAML_SIZE + 10)
		pa_buf_puts(&b, "0123456789abcdef");
	pa_buf_puts(&b, "\"\n---\n# Body\n");
	generated("huge front matter", &b, "yaml-limit", "invalid",
	    "C/e:front-matter[@error='yaml-limit'] ;; C/e:section='Body'", 2);

	/* more values than the limit, in a small enough front matter */
	pa_buf_clear(&b);
	pa_buf_puts(&b, "---\nlicense: mit\nl: [");
	for (i = 0; i <= PA_LIMIT_YAML_NODES; i++)
		pa_buf_puts(&b, "1,");
	pa_buf_puts(&b, "]\n---\n");
	CU_ASSERT_TRUE(b.size < PA_LIMIT_YAML_SIZE);
	generated("too many nodes", &b, "yaml-limit", "invalid", "true()", 3);

	/* many distinct keys: fine, and fast (duplicates are found by hashing) */
	pa_buf_clear(&b);
	pa_buf_puts(&b, "---\nlicense: mit\n");
	for (i = 0; i < 20000; i++)
		pa_buf_printf(&b, "k%d: v\n", i);
	pa_buf_puts(&b, "---\n");
	generated("20,000 keys", &b, "", "valid", "count(C/e:front-matter/e:field)=20001", 0);

	/* more headings than the limit */
	pa_buf_clear(&b);
	pa_buf_puts(&b, "---\nlicense: mit\n---\n");
	for (i = 0; i < PA_LIMIT_MD_HEADINGS + 10; i++)
		pa_buf_printf(&b, "# h%d\n", i);
	{
		struct pa_buf checks = PA_BUF_INIT;

		pa_buf_printf(&checks, "count(C/e:section)=%d ;; C/@sections-truncated='true'",
		    PA_LIMIT_MD_HEADINGS);
		generated("too many headings", &b, "md-too-many-headings", "valid", checks.ptr, 0);
		pa_buf_dispose(&checks);
	}
	pa_buf_dispose(&b);
}

/* ---- Markdown headings -------------------------------------------------- */

static const struct {
	const char *md;
	const char *expect;	/* "line:level:text|..." */
} md_rows[] = {
	{ "# A\n## B ##\n###### F\n####### no\n", "1:1:A|2:2:B|3:6:F" },
	{ "#no\n# \n#\n", "2:1:|3:1:" },
	{ "# Title #hash\n# Title \\#\n# a # b ##   \n", "1:1:Title #hash|2:1:Title \\#|3:1:a # b" },
	{ "Title\n=====\n\nSub\n---\n", "1:1:Title|4:2:Sub" },
	{ "a\nb\n===\n", "1:1:a b" },
	{ "Foo\n   ===\n", "1:1:Foo" },
	{ "Foo\n    ===\n", "" },
	{ "```\n# not\n```\n# yes\n", "4:1:yes" },
	{ "~~~~\n# no\n~~~\n# still\n~~~~\n# yes\n", "6:1:yes" },
	{ "``` js\n# no\n", "" },
	{ "    # indented code\n\n# h\n", "3:1:h" },
	{ "para\n    # continuation\n", "" },
	{ "\t# tab indent\n", "" },
	{ "   ### three spaces\n", "1:3:three spaces" },
	{ "<!--\n# hidden\n-->\n# shown\n", "4:1:shown" },
	{ "<!-- one line -->\n# shown\n", "2:1:shown" },
	{ "<div>\n# inside\n</div>\n\n# out\n", "5:1:out" },
	{ "<custom-tag>\n# in\n\n# out\n", "4:1:out" },
	{ "<span>x</span>\n# h\n", "2:1:h" },
	{ "<script>\n# a\n\n# b\n</script>\n# c\n", "6:1:c" },
	{ "x\n<div>\n# a\n", "" },
	{ "<p>para\n===\n", "" },
	{ "- item\n---\n", "" },
	{ "1. item\n---\n", "" },
	{ "> quote\n---\n", "" },
	{ "***\n---\n___\n", "" },
	{ "| a | b |\n|---|---|\n", "" },
	{ "# A\r\nB\r\n---\r\n", "1:1:A|2:2:B" },
	{ "# T\n\nText\n# U\nmore\n", "1:1:T|4:1:U" },
	{ "# Caf\xc3\xa9 \xf0\x9f\x98\x80\n", "1:1:Caf\xc3\xa9 \xf0\x9f\x98\x80" },
};

static void
test_card_markdown_headings_table(void)
{
	size_t i;

	for (i = 0; i < sizeof(md_rows) / sizeof(md_rows[0]); i++) {
		struct pa_evsrc from = { "docs/x.md", NULL };
		struct pa_buf got = PA_BUF_INIT;
		xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
		xmlNode *root = xmlNewNode(NULL, BAD_CAST "doc"), *s;

		xmlDocSetRootElement(doc, root);
		xmlSetNs(root, xmlNewNs(root, BAD_CAST PA_EVIDENCE_NS, NULL));
		CU_ASSERT_EQUAL(pa_markdown_to_evidence(root, md_rows[i].md, strlen(md_rows[i].md),
		    1, &from, NULL), 0);
		for (s = root->children; s != NULL; s = s->next) {
			xmlChar *line = xmlGetProp(s, BAD_CAST "line");
			xmlChar *level = xmlGetProp(s, BAD_CAST "level");
			xmlChar *text = xmlNodeGetContent(s);

			pa_buf_printf(&got, "%s%s:%s:%s", got.size ? "|" : "", (char *)line,
			    (char *)level, (char *)text);
			xmlFree(line);
			xmlFree(level);
			xmlFree(text);
		}
		if (strcmp(got.ptr, md_rows[i].expect) != 0)
			fprintf(stderr, "md[%zu]: got '%s', expected '%s'\n", i, got.ptr, md_rows[i].expect);
		CU_ASSERT_STRING_EQUAL(got.ptr, md_rows[i].expect);
		pa_buf_dispose(&got);
		xmlFreeDoc(doc);
	}
}

static void
test_card_markdown_first_line_offsets(void)
{
	struct pa_evsrc from = { "docs/x.md", "beef" };
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewNode(NULL, BAD_CAST "doc");

	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST PA_EVIDENCE_NS, NULL));
	CU_ASSERT_EQUAL(pa_markdown_to_evidence(root, "x\n# A\n", 6, 40, &from, NULL), 0);
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:section[@line='41'][@level='1'][@src='docs/x.md']"
	    "[@blob='beef']='A'"));
	xmlFreeDoc(doc);
}

/* A key given twice is an error, not a warning: the card says two things. */
static void
test_card_duplicate_key_is_an_error(void)
{
	static const char *const rows[] = {
		"---\nlicense: mit\nlicense: cc-by-nc-4.0\n---\n",
		"---\nlicense: mit\ntags: [a]\ntags: [b]\n---\n",
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct card c = { 0 };

		card_parse(&c, "model", "models/h/README.md", rows[i], strlen(rows[i]));
		CU_ASSERT_EQUAL_FATAL(c.diag.count, 1);
		CU_ASSERT_STRING_EQUAL(c.diag.entries[0].code, "yaml-duplicate-key");
		CU_ASSERT_EQUAL(c.diag.entries[0].severity, PA_DIAG_ERROR);
		card_free(&c);
	}
}

/*
 * What a document says: template lines and markers count no word, a
 * section counts with its subsections, the document as a whole.
 */
static void
test_card_markdown_substance(void)
{
	static const char md[] =
	    "# Risk management\n"
	    "\n"
	    "The risk-management system of @LEGAL_NAME@ for this system (AI Act Art. 9):\n"
	    "\n"
	    "## Residual risk\n"
	    "\n"
	    "TODO\n"
	    "\n"
	    "## Testing\n"
	    "\n"
	    "We test every release against five pre-defined metrics.\n"
	    "\n"
	    "### Thresholds\n"
	    "\n"
	    "## Estimation and evaluation of risks\n"
	    "\n"
	    "Including risks under   reasonably foreseeable MISUSE.\n"
	    "\n"
	    "## Our own heading\n"
	    "\n"
	    "Contact: risk@example.org, lorem ipsum.\n";
	struct pa_evsrc from = { "docs/risk.md", NULL };
	struct pa_templates *t = NULL;
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewNode(NULL, BAD_CAST "doc");

	CU_ASSERT_EQUAL_FATAL(pa_templates_load(&t), 0);
	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST PA_EVIDENCE_NS, NULL));
	CU_ASSERT_EQUAL(pa_markdown_to_evidence(root, md, strlen(md), 1, &from, t), 0);
	CU_ASSERT_TRUE(xp_true(doc, "/*[@words = 9][not(@placeholder)]"));
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:section[1][@words = 9][not(@placeholder)]"));
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:section[2][@words = 0][@placeholder = 'marker']"
	    "[@marker = 'TODO']"));
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:section[3][@words = 9][not(@placeholder)]"));
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:section[4][@words = 0][@placeholder = 'empty']"));
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:section[5][@words = 0][@placeholder = 'template']"));
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:section[6][@words = 0][@placeholder = 'marker']"
	    "[@marker = 'lorem ipsum']"));
	xmlFreeDoc(doc);

	/* nothing but template text and a marker: the document says nothing */
	doc = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewNode(NULL, BAD_CAST "doc");
	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST PA_EVIDENCE_NS, NULL));
	CU_ASSERT_EQUAL(pa_markdown_to_evidence(root, "# Human oversight\n\n## Oversight measures\n\n"
	    "TBD.\n", 47, 1, &from, t), 0);
	CU_ASSERT_TRUE(xp_true(doc, "/*[@words = 0][@placeholder = 'marker'][@marker = 'TBD']"));
	xmlFreeDoc(doc);

	/* without templates, template text is text */
	doc = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewNode(NULL, BAD_CAST "doc");
	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST PA_EVIDENCE_NS, NULL));
	CU_ASSERT_EQUAL(pa_markdown_to_evidence(root, md, strlen(md), 1, &from, NULL), 0);
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:section[5][@words = 6]"));
	xmlFreeDoc(doc);
	pa_templates_free(t);
}

static CU_TestInfo card_tests[] = {
	{ "corpus: licences, fields and headings", test_card_corpus_licences_fields_and_headings },
	{ "corpus table covers every file", test_card_corpus_table_covers_every_file },
	{ "hostile table", test_card_hostile_table },
	{ "a duplicate key is an error", test_card_duplicate_key_is_an_error },
	{ "billion laughs", test_card_billion_laughs },
	{ "deep nesting", test_card_deep_nesting },
	{ "size and count limits", test_card_size_and_count_limits },
	{ "markdown headings table", test_card_markdown_headings_table },
	{ "markdown first line offsets", test_card_markdown_first_line_offsets },
	{ "markdown substance", test_card_markdown_substance },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "card", setup, teardown, NULL, NULL, card_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
