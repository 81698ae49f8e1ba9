/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for rules/: pack loading and checks, XPath extension functions, classification, evaluation. */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/cutest.h"
#include "parse/xml.h"
#include "results/results.h"
#include "rules/eval.h"
#include "rules/pack.h"
#include "rules/xpathfn.h"
#include "util/buf.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"

#define AS_OF "2026-11-27"
/* AS_OF as the command line hands it down */
static const struct pa_date as_of_day = { 20784, AS_OF };

static struct pa_rulepack *good;	/* tests/fixtures/rules/good */

static const char *
srcdir(void)
{
	const char *d = getenv("top_srcdir");

	return d && *d ? d : ".";
}

static char *
fixture(const char *rel)
{
	struct pa_buf b = PA_BUF_INIT;

	pa_buf_printf(&b, "%s/tests/fixtures/rules/%s", srcdir(), rel);
	return pa_buf_detach(&b);
}

static xmlDoc *
load_evidence(const char *name)
{
	char *path = fixture(name);
	xmlDoc *doc = NULL;

	if (pa_xml_parse_trusted_file(&doc, path) < 0)
		fprintf(stderr, "cannot load %s: %s\n", path, pa_error_last());
	free(path);
	return doc;
}

static int
suite_init(void)
{
	char *dir;
	int rc;

	/* tests/fixtures/rules/evidence/basic.xml is a partial evidence document: no schema self-check */
	unsetenv("PACTAUDIT_CHECK_EVIDENCE");
	if (getenv("PACTAUDIT_DATADIR") == NULL)
		setenv("PACTAUDIT_DATADIR", srcdir(), 1);
	pa_digest_global_init();
	pa_xml_global_init();
	dir = fixture("good");
	rc = pa_rulepack_load(&good, dir, NULL);
	if (rc < 0)
		fprintf(stderr, "good pack: %s\n", pa_error_last());
	free(dir);
	return rc < 0 ? -1 : 0;
}

static int
suite_cleanup(void)
{
	pa_rulepack_free(good);
	good = NULL;
	return 0;
}

/* ------------------------------------------------------------------ */
/* extension functions                                                 */

enum kind { NUM, BOOL, STR, ERR };

static const struct {
	const char *expr;
	enum kind kind;
	double num;		/* NUM: NAN for NaN */
	const char *str;	/* STR; BOOL: "true"/"false" */
} fn_rows[] = {
	/* pa:number */
	{ "pa:number('7e9')", NUM, 7e9, NULL },
	{ "pa:number('7B')", NUM, 7e9, NULL },
	{ "pa:number(' 13b ')", NUM, 13e9, NULL },
	{ "pa:number('1.5T')", NUM, 1.5e12, NULL },
	{ "pa:number('70M')", NUM, 70e6, NULL },
	{ "pa:number('2k')", NUM, 2e3, NULL },
	{ "pa:number('3 G')", NUM, 3e9, NULL },
	{ "pa:number('1P')", NUM, 1e15, NULL },
	{ "pa:number('1_000_000')", NUM, 1e6, NULL },
	{ "pa:number('-5')", NUM, -5, NULL },
	{ "pa:number('+0.5')", NUM, 0.5, NULL },
	{ "pa:number('.5')", NUM, 0.5, NULL },
	{ "pa:number('1.2E+3')", NUM, 1200, NULL },
	{ "pa:number(42)", NUM, 42, NULL },
	{ "pa:number(//e:system[@id='chat']/e:training/e:parameters)", NUM, 7e9, NULL },
	{ "pa:number('')", NUM, NAN, NULL },
	{ "pa:number('abc')", NUM, NAN, NULL },
	{ "pa:number('1e')", NUM, NAN, NULL },
	{ "pa:number('7 billion')", NUM, NAN, NULL },
	{ "pa:number('1,5')", NUM, NAN, NULL },
	{ "pa:number('inf')", NUM, NAN, NULL },
	{ "pa:number('nan')", NUM, NAN, NULL },
	{ "pa:number('0x10')", NUM, NAN, NULL },
	{ "pa:number('1e400')", NUM, NAN, NULL },
	{ "pa:number('7BB')", NUM, NAN, NULL },
	{ "pa:number('1e3k')", NUM, NAN, NULL },
	{ "pa:number('_1')", NUM, NAN, NULL },
	{ "pa:number('1__0')", NUM, NAN, NULL },
	{ "pa:number(//e:nothing)", NUM, NAN, NULL },
	{ "pa:number()", ERR, 0, NULL },
	{ "pa:number(1, 2)", ERR, 0, NULL },
	/* NaN compares false both ways */
	{ "pa:number('x') < 5", BOOL, 0, "false" },
	{ "pa:number('x') >= 5", BOOL, 0, "false" },
	/* pa:flop */
	{ "pa:flop('7B', '2e12')", NUM, 8.4e22, NULL },
	{ "pa:flop(1e3, 2)", NUM, 12000, NULL },
	{ "pa:flop('x', 1)", NUM, NAN, NULL },
	{ "pa:flop(-1, 1)", NUM, NAN, NULL },
	{ "pa:flop(1)", ERR, 0, NULL },
	/* pa:date */
	{ "pa:date('1970-01-02')", NUM, 1, NULL },
	{ "pa:date('2024-02-29')", NUM, 19782, NULL },
	{ "pa:date('2000-02-29')", NUM, 11016, NULL },
	{ "pa:date('1969-12-31')", NUM, -1, NULL },
	{ "pa:date(' 2026-05-04T10:00:00Z ')", NUM, 20577, NULL },
	{ "pa:date('2026-05-04T10:00')", NUM, 20577, NULL },
	{ "pa:date('2026-05-04T10:00:00.5+02:00')", NUM, 20577, NULL },
	{ "pa:date('2023-02-29')", NUM, NAN, NULL },
	{ "pa:date('1900-02-29')", NUM, NAN, NULL },
	{ "pa:date('2026-13-01')", NUM, NAN, NULL },
	{ "pa:date('2026-04-31')", NUM, NAN, NULL },
	{ "pa:date('2026-00-10')", NUM, NAN, NULL },
	{ "pa:date('2026-5-4')", NUM, NAN, NULL },
	{ "pa:date('2026-05-04T25:00:00Z')", NUM, NAN, NULL },
	{ "pa:date('2026-05-04X')", NUM, NAN, NULL },
	{ "pa:date('')", NUM, NAN, NULL },
	/* pa:as-of, pa:applies */
	{ "pa:as-of()", STR, 0, AS_OF },
	{ "pa:applies('2026-11-27')", BOOL, 0, "true" },
	{ "pa:applies('2025-02-02')", BOOL, 0, "true" },
	{ "pa:applies('2026-11-28')", BOOL, 0, "false" },
	{ "pa:applies('someday')", BOOL, 0, "false" },
	{ "pa:date(pa:as-of()) - pa:date('2026-11-01')", NUM, 26, NULL },
	/* vocabularies */
	{ "pa:in-vocab('use-cases', 'annex3-4a')", BOOL, 0, "true" },
	{ "pa:in-vocab('use-cases', 'annex3-4z')", BOOL, 0, "false" },
	{ "pa:in-vocab('use-cases', //e:system[@id='nudge']/e:use-case[2])", BOOL, 0, "true" },
	{ "pa:in-vocab('no-such-vocab', 'x')", ERR, 0, NULL },
	{ "pa:vocab('use-cases', 'annex3-4a', 'tier')", STR, 0, "high" },
	{ "pa:vocab('use-cases', 'annex3-4a', 'label')", STR, 0, "Recruitment" },
	{ "pa:vocab('use-cases', 'gpai', 'tier')", STR, 0, "" },
	{ "pa:vocab('use-cases', 'nope', 'tier')", STR, 0, "" },
	{ "pa:vocab('nope', 'x', 'tier')", ERR, 0, NULL },
	/* accelerators */
	{ "pa:peak('nvidia-h100', 'bf16')", NUM, 989e12, NULL },
	{ "pa:peak('nvidia-h100', 'BF16')", NUM, 989e12, NULL },
	{ "pa:peak('nvidia-h100', 'tf32')", NUM, 494.5e12, NULL },
	{ "pa:peak('nvidia-h100', 'fp4')", NUM, NAN, NULL },
	{ "pa:peak('nvidia-h100', 'name')", NUM, NAN, NULL },
	{ "pa:peak('nvidia-h100', 'id')", NUM, NAN, NULL },
	{ "pa:peak('tpu-v9', 'bf16')", NUM, NAN, NULL },
	{ "pa:peak(pa:machine('leonardo', 'accelerator'), 'bf16')", NUM, 312e12, NULL },
	{ "pa:peak('leonardo', 'bf16')", NUM, 312e12, NULL },
	{ "pa:peak('leonardo', 'fp8')", NUM, NAN, NULL },
	{ "pa:machine('leonardo', 'site')", STR, 0, "CINECA" },
	{ "pa:machine('nope', 'accelerator')", STR, 0, "" },
	/* dossier files */
	{ "pa:file-exists('application.xml')", BOOL, 0, "true" },
	{ "pa:file-exists('./application.xml')", BOOL, 0, "true" },
	{ "pa:file-exists('models/acme-rank')", BOOL, 0, "true" },
	{ "pa:file-exists('models/acme-rank/')", BOOL, 0, "true" },
	{ "pa:file-exists('models/acme')", BOOL, 0, "false" },
	{ "pa:file-exists('nothing.md')", BOOL, 0, "false" },
	{ "pa:file-exists('')", BOOL, 0, "false" },
	{ "count(pa:card('models/acme-rank'))", NUM, 1, NULL },
	{ "count(pa:card('./models/acme-rank/'))", NUM, 1, NULL },
	{ "pa:card('models/acme-rank/README.md')/@id", STR, 0, "acme-rank" },
	{ "local-name(pa:card('docs/risk.md'))", STR, 0, "doc" },
	{ "count(pa:card('models/acme'))", NUM, 0, NULL },
	{ "count(pa:card(''))", NUM, 0, NULL },
	/* strings */
	{ "pa:lower('AbC-\xc3\x89')", STR, 0, "abc-\xc3\x89" },
	{ "pa:ends-with('README.md', '.md')", BOOL, 0, "true" },
	{ "pa:ends-with('a', 'abc')", BOOL, 0, "false" },
	{ "pa:ends-with('abc', '')", BOOL, 0, "true" },
	{ "pa:matches('Annex III', '^annex +i+$')", BOOL, 0, "true" },
	{ "pa:matches('abc', 'b')", BOOL, 0, "true" },
	{ "pa:matches('abc', '^b')", BOOL, 0, "false" },
	{ "pa:matches('abc', '(')", ERR, 0, NULL },
	/* ranks */
	{ "pa:tier-rank('minimal')", NUM, 0, NULL },
	{ "pa:tier-rank('limited')", NUM, 1, NULL },
	{ "pa:tier-rank('high')", NUM, 2, NULL },
	{ "pa:tier-rank('prohibited')", NUM, 3, NULL },
	{ "pa:tier-rank('bogus')", NUM, NAN, NULL },
	{ "pa:tier-rank('gpai')", NUM, NAN, NULL },
	{ "pa:gpai-rank('none')", NUM, 0, NULL },
	{ "pa:gpai-rank('systemic')", NUM, 2, NULL },
	{ "pa:gpai-rank('high')", NUM, NAN, NULL },
	/* sums */
	{ "pa:sum(//e:training/e:parameters)", NUM, 7e9 + 1e12, NULL },
	{ "pa:sum(//e:nothing)", NUM, 0, NULL },
	{ "pa:sum(//e:use-case)", NUM, NAN, NULL },
	{ "pa:sum('1')", ERR, 0, NULL },
	/* the rule's context node */
	{ "pa:current()/@id", STR, 0, "cv-screen" },
	{ "count(//e:system[e:use-case = pa:current()/e:use-case])", NUM, 2, NULL },
	/* libxml2's own errors are errors too */
	{ "count(pa:as-of())", ERR, 0, NULL },
	{ "pa:nope()", ERR, 0, NULL },
};

static void
test_rules_xpathfn_table(void)
{
	struct pa_xpathfn_env env;
	xmlXPathContext *xp;
	xmlDoc *doc = load_evidence("evidence/basic.xml");
	xmlXPathObjectPtr obj;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	pa_xpathfn_env_init(&env, good);
	CU_ASSERT_EQUAL(pa_xpathfn_env_set_as_of(&env, &as_of_day), 0);
	env.root = xmlDocGetRootElement(doc);
	xp = xmlXPathNewContext(doc);
	CU_ASSERT_EQUAL_FATAL(pa_xpathfn_register(xp, &env), 0);
	xp->node = env.root;
	{
		xmlXPathObjectPtr sys = xmlXPathEval(BAD_CAST "//e:system[@id='cv-screen']", xp);

		CU_ASSERT_PTR_NOT_NULL_FATAL(sys);
		env.current = sys->nodesetval->nodeTab[0];
		xmlXPathFreeObject(sys);
	}
	for (i = 0; i < sizeof(fn_rows) / sizeof(fn_rows[0]); i++) {
		bool ok;

		pa_buf_clear(&env.error);
		xp->node = env.root;
		obj = xmlXPathEval(BAD_CAST fn_rows[i].expr, xp);
		if (fn_rows[i].kind == ERR) {
			ok = obj == NULL && env.error.size > 0;
		} else if (obj == NULL) {
			ok = false;
		} else if (fn_rows[i].kind == NUM) {
			double v = xmlXPathCastToNumber(obj), want = fn_rows[i].num;

			ok = obj->type == XPATH_NUMBER && (isnan(want) ? isnan(v) :
			    fabs(v - want) <= fabs(want) * 1e-12);
		} else if (fn_rows[i].kind == BOOL) {
			ok = obj->type == XPATH_BOOLEAN &&
			    (obj->boolval != 0) == (strcmp(fn_rows[i].str, "true") == 0);
		} else {
			xmlChar *s = xmlXPathCastToString(obj);

			ok = s != NULL && strcmp((const char *)s, fn_rows[i].str) == 0;
			xmlFree(s);
		}
		if (!ok)
			fprintf(stderr, "\nrow %zu: %s: wrong result (%s)\n", i,
			    fn_rows[i].expr, env.error.size ? env.error.ptr : "no error");
		CU_ASSERT(ok);
		xmlXPathFreeObject(obj);
	}
	xmlXPathFreeContext(xp);
	pa_xpathfn_env_dispose(&env);
	xmlFreeDoc(doc);
}

static void
test_rules_xpathfn_as_of_must_be_a_date(void)
{
	struct pa_xpathfn_env env;

	struct pa_date day;

	/* the text is checked where it is given (pa_date_from_iso, unit-tested in test_util) */
	pa_xpathfn_env_init(&env, NULL);
	CU_ASSERT_EQUAL(pa_xpathfn_env_set_as_of(&env, NULL), PA_EINVALID);
	CU_ASSERT_FATAL(pa_date_from_iso(&day, "2026-02-28"));
	CU_ASSERT_EQUAL(pa_xpathfn_env_set_as_of(&env, &day), 0);
	CU_ASSERT_STRING_EQUAL(env.as_of, "2026-02-28");
	CU_ASSERT_EQUAL(env.as_of_days, 20512.0);
	/* the fixed AS_OF date of these tests is the one the parser gives */
	CU_ASSERT_FATAL(pa_date_from_iso(&day, AS_OF));
	CU_ASSERT_EQUAL(day.days, as_of_day.days);
	pa_xpathfn_env_dispose(&env);
	pa_error_clear();
}

static const struct {
	const char *expr;
	const char *problem;	/* substring of the message, NULL if valid */
} check_rows[] = {
	{ "e:application/e:system", NULL },
	{ "e:a[text()] and not(e:b)", NULL },
	{ "count(e:x) * 2 > 1", NULL },
	{ "e:a div 2 mod 3", NULL },
	{ "@* | e:*", NULL },
	{ "child::e:a/descendant-or-self::node()", NULL },
	{ "'pa:nope(1, 2)' = e:x", NULL },
	{ "concat('a', \"b\", e:c)", NULL },
	{ "pa:vocab('use-cases', ., 'tier') = 'high'", NULL },
	{ "pa:in-vocab(\"use-cases\", e:use-case)", NULL },
	{ "pa:current()/e:model/@ref", NULL },
	{ "substring(e:a, 1)", NULL },
	{ "x:a", "undefined namespace prefix 'x'" },
	{ "e:a/foo:b", "undefined namespace prefix 'foo'" },
	{ "pa:nosuch(1)", "unknown extension function pa:nosuch()" },
	{ "e:fn()", "unknown function e:fn()" },
	{ "lower-case(e:a)", "unknown function lower-case()" },
	{ "pa:number(1, 2)", "pa:number() takes 1 argument, not 2" },
	{ "pa:as-of(1)", "pa:as-of() takes 0 arguments, not 1" },
	{ "concat('a')", "concat() takes at least 2 arguments, not 1" },
	{ "substring('a')", "substring() takes 2 to 3 arguments, not 1" },
	{ "not(e:a, e:b)", "not() takes 1 argument, not 2" },
	{ "e:a = $v", "variables are not available" },
	{ "pa:in-vocab('no-such', .)", "unknown vocabulary 'no-such'" },
	{ "pa:vocab('nope', ., 'tier')", "unknown vocabulary 'nope'" },
};

static void
test_rules_xpath_static_checks(void)
{
	size_t i;

	for (i = 0; i < sizeof(check_rows) / sizeof(check_rows[0]); i++) {
		struct pa_buf msg = PA_BUF_INIT;
		bool ok = pa_xpathfn_check(&msg, check_rows[i].expr, good);

		if (check_rows[i].problem == NULL) {
			if (!ok)
				fprintf(stderr, "\n%s: unexpected: %s\n", check_rows[i].expr, msg.ptr);
			CU_ASSERT_TRUE(ok);
		} else {
			CU_ASSERT_FALSE(ok);
			if (strstr(msg.ptr, check_rows[i].problem) == NULL)
				fprintf(stderr, "\n%s: got '%s'\n", check_rows[i].expr, msg.ptr);
			CU_ASSERT_PTR_NOT_NULL(strstr(msg.ptr, check_rows[i].problem));
		}
		pa_buf_dispose(&msg);
	}
}

/* ------------------------------------------------------------------ */
/* packs                                                               */

static void
test_rules_pack_good_loads(void)
{
	const struct pa_rule *r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(good);
	CU_ASSERT_EQUAL(pa_rulepack_pack_count(good), 2);
	CU_ASSERT_STRING_EQUAL(pa_rulepack_pack_id(good, 0), "test-classify");
	CU_ASSERT_STRING_EQUAL(pa_rulepack_version(good), "2026.11");
	CU_ASSERT_EQUAL(strlen(pa_rulepack_digest(good)), 64);
	CU_ASSERT_EQUAL(pa_rulepack_count(good), 15);
	CU_ASSERT_STRING_EQUAL(pa_rulepack_rule_at(good, 0)->id, "T-CL-PROHIBITED");
	CU_ASSERT_PTR_NULL(pa_rulepack_find(good, "NOPE"));
	r = pa_rulepack_find(good, "T-CL-PROHIBITED");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(r->severity, PA_SEVERITY_BLOCKER);
	CU_ASSERT_FALSE(r->waivable);
	CU_ASSERT_EQUAL(r->phase, PA_RULE_PHASE_CLASSIFY);
	CU_ASSERT_STRING_EQUAL(r->ref_text, "Art. 5(1)(a)");
	CU_ASSERT_STRING_EQUAL(r->classify_attribute, "tier");
	CU_ASSERT_STRING_EQUAL(r->classify_value, "prohibited");
	CU_ASSERT_TRUE(r->classify_report);
	CU_ASSERT_STRING_EQUAL(r->applies_from, "2025-02-02");
	CU_ASSERT_PTR_NULL(r->applies_until);
	CU_ASSERT_STRING_EQUAL(r->remedy, "Remove the practice from the system.");
	CU_ASSERT_PTR_NOT_NULL(strstr(r->message_text, "declares the prohibited practice '{e:use-case"));
	CU_ASSERT_EQUAL(r->line, 6);
	r = pa_rulepack_find(good, "T-CL-HIGH");
	CU_ASSERT_FALSE(r->classify_report);	/* severity info */
	CU_ASSERT_TRUE(r->waivable);
	r = pa_rulepack_find(good, "T-EXPIRED");
	CU_ASSERT_STRING_EQUAL(r->applies_until, "2024-12-31");
	r = pa_rulepack_find(good, "T-SIGNATURE");
	CU_ASSERT_STRING_EQUAL(r->ref_text, "AI Pact commitment ai-governance-strategy");
	CU_ASSERT_PTR_NOT_NULL(pa_rulepack_term(good, "use-cases", "art50-1"));
	CU_ASSERT_PTR_NULL(pa_rulepack_term(good, "use-cases", "art50-9"));
	CU_ASSERT_PTR_NOT_NULL(pa_rulepack_accelerator(good, "nvidia-a100"));
	CU_ASSERT_PTR_NOT_NULL(pa_rulepack_machine(good, "leonardo"));
}

/* Copy the good pack's files to dst. */
static void
copy_good(const char *from, const char *dst)
{
	static const char *const files[] = { "10-classify.xml", "20-obligations.xml",
		"vocab/use-cases.xml", "data/accelerators.xml", NULL };
	struct pa_buf path = PA_BUF_INIT, data = PA_BUF_INIT;
	size_t i;

	for (i = 0; files[i] != NULL; i++) {
		pa_buf_clear(&path);
		pa_buf_clear(&data);
		pa_buf_printf(&path, "%s/%s", from, files[i]);
		CU_ASSERT_EQUAL(pa_file_read(&data, path.ptr, 1 << 20, 0), 0);
		pa_buf_clear(&path);
		pa_buf_printf(&path, "%s/%s", dst, files[i]);
		*strrchr(path.ptr, '/') = '\0';
		CU_ASSERT_EQUAL(pa_file_mkdir_p(path.ptr), 0);
		path.ptr[strlen(path.ptr)] = '/';
		CU_ASSERT_EQUAL(pa_file_write_atomic(path.ptr, data.ptr, data.size, 0), 0);
	}
	pa_buf_dispose(&path);
	pa_buf_dispose(&data);
}

static void
test_rules_pack_digest_follows_content(void)
{
	char tmpl[] = "/tmp/pa-rules-XXXXXX";
	char *from = fixture("good");
	struct pa_rulepack *a = NULL, *b = NULL, *c = NULL;
	struct pa_buf path = PA_BUF_INIT;
	FILE *fp;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(tmpl));
	copy_good(from, tmpl);
	CU_ASSERT_EQUAL_FATAL(pa_rulepack_load(&a, tmpl, NULL), 0);
	CU_ASSERT_STRING_EQUAL(pa_rulepack_digest(a), pa_rulepack_digest(good));
	CU_ASSERT_EQUAL_FATAL(pa_rulepack_load(&b, tmpl, NULL), 0);
	CU_ASSERT_STRING_EQUAL(pa_rulepack_digest(a), pa_rulepack_digest(b));
	pa_buf_printf(&path, "%s/vocab/use-cases.xml", tmpl);
	fp = fopen(path.ptr, "a");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs("<!-- changed -->\n", fp);
	fclose(fp);
	CU_ASSERT_EQUAL_FATAL(pa_rulepack_load(&c, tmpl, NULL), 0);
	CU_ASSERT_STRING_NOT_EQUAL(pa_rulepack_digest(a), pa_rulepack_digest(c));
	pa_rulepack_free(a);
	pa_rulepack_free(b);
	pa_rulepack_free(c);
	pa_file_rm_rf(tmpl);
	pa_buf_dispose(&path);
	free(from);
}

static const struct {
	const char *dir;
	const char *where;	/* "file:line" the first message must start with */
	const char *what;	/* and contain */
} broken_rows[] = {
	{ "broken-xpath", "broken-xpath/pack.xml:9:", "<assert> does not compile" },
	{ "broken-dup", "broken-dup/b.xml:4:", "duplicate rule id 'DUP-1' (first at" },
	{ "broken-date", "broken-date/pack.xml:7:", "applies from '2025-02-30' is not a date" },
	{ "broken-until", "broken-until/pack.xml:7:", "before it applies from" },
	{ "broken-schema", "broken-schema/pack.xml:4:", "does not match its schema" },
	{ "broken-classify", "broken-classify/pack.xml:11:", "<classify> needs phase=\"classify\"" },
	{ "broken-phase", "broken-phase/pack.xml:4:", "phase=\"classify\" needs <classify" },
	{ "broken-value", "broken-value/pack.xml:11:", "'systemic' is not a value of tier" },
	{ "broken-ref", "broken-ref/pack.xml:6:", "exactly one of article= and annex=" },
	{ "broken-point", "broken-point/pack.xml:6:", "point= of an article" },
	{ "broken-policy", "broken-policy/pack.xml:6:", "a policy reference names the page that states it" },
	{ "broken-fn", "broken-fn/pack.xml:9:", "pa:number() takes 1 argument, not 2" },
	{ "broken-prefix", "broken-prefix/pack.xml:9:", "undefined namespace prefix 'x'" },
	{ "broken-vocab", "broken-vocab/pack.xml:9:", "unknown vocabulary 'nope'" },
	{ "broken-valueof", "broken-valueof/pack.xml:10:", "<value-of select> does not compile" },
	{ "broken-xml", "broken-xml/pack.xml:", "" },
	{ "broken-machine", "broken-machine/data/accelerators.xml:5:", "unknown accelerator 'nvidia-z9'" },
	{ "broken-term", "broken-term/vocab/v.xml:6:", "duplicate term id 'a'" },
	{ "broken-empty", "", "no rule packs" },
	{ "broken-define", "broken-define/pack.xml:10:",
	  "<applicable>: $deployer: no <define name=\"deployer\"> before it" },
	{ "broken-define-unused", "broken-define-unused/pack.xml:5:",
	  "<define name=\"deployer\">: no rule uses it" },
	{ "broken-usecase-applies", "broken-usecase-applies/pack.xml:6:",
	  "<applies> is taken from use case 'art5-1a'" },
	{ "broken-usecase-ref", "broken-usecase-ref/pack.xml:4:",
	  "use case 'art5-1z' has no ref= of the form" },
	{ "broken-usecase-term", "broken-usecase-term/pack.xml:7:",
	  "<fires-if>: use case 'art5-1ab' is not in rules/vocab/use-cases.xml" },
	{ "broken-kind", "broken-kind/pack.xml:9:",
	  "documentation kind 'fira' is not in rules/vocab/doc-kinds.xml" },
	{ "broken-unclassified", "broken-unclassified/vocab/use-cases.xml:5:",
	  "use case 'art5-1z' (tier prohibited) is classified by no rule" },
	{ "broken-fires-if", "broken-fires-if/pack.xml:", "does not match its schema" },
};

static void
test_rules_pack_broken_rejected_with_file_line(void)
{
	size_t i;

	for (i = 0; i < sizeof(broken_rows) / sizeof(broken_rows[0]); i++) {
		struct pa_diag diag = PA_DIAG_INIT;
		struct pa_rulepack *p = NULL;
		char *dir = fixture(broken_rows[i].dir);
		const char *msg, *at;
		int rc;

		pa_error_clear();
		rc = pa_rulepack_load(&p, dir, &diag);
		CU_ASSERT_EQUAL(rc, PA_EINVALID);
		CU_ASSERT_PTR_NULL(p);
		CU_ASSERT(diag.count >= 1);
		msg = pa_error_last();
		CU_ASSERT_PTR_NOT_NULL_FATAL(msg);
		at = strstr(msg, "tests/fixtures/rules/");
		if (broken_rows[i].where[0] != '\0') {
			bool ok = at != NULL && strncmp(at + 21, broken_rows[i].where,
			    strlen(broken_rows[i].where)) == 0 &&
			    strstr(msg, broken_rows[i].what) != NULL;

			if (!ok)
				fprintf(stderr, "\n%s: got '%s'\n", broken_rows[i].dir, msg);
			CU_ASSERT(ok);
		} else {
			CU_ASSERT_PTR_NOT_NULL(strstr(msg, broken_rows[i].what));
		}
		pa_rulepack_free(p);
		pa_diag_dispose(&diag);
		free(dir);
	}
	pa_error_clear();
}

static void
test_rules_pack_missing_folder(void)
{
	struct pa_rulepack *p = NULL;

	CU_ASSERT_EQUAL(pa_rulepack_load(&p, "/nonexistent/rules", NULL), PA_ENOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "/nonexistent/rules"));
	pa_error_clear();
}

static const struct {
	struct pa_rule_ref ref;
	const char *text;
} ref_rows[] = {
	{ { .article = "5", .paragraph = "1", .point = "a" }, "Art. 5(1)(a)" },
	{ { .article = "53", .paragraph = "1", .point = "c" }, "Art. 53(1)(c)" },
	{ { .article = "9" }, "Art. 9" },
	{ { .article = "5", .paragraph = "1a" }, "Art. 5(1a)" },
	{ { .article = "3", .point = "63" }, "Art. 3 point (63)" },
	{ { .article = "5", .paragraph = "1", .point = "h(iii)" }, "Art. 5(1)(h)(iii)" },
	{ { .article = "6", .paragraph = "3", .subparagraph = "2" }, "Art. 6(3), subparagraph 2" },
	{ { .annex = "III", .point = "4(a)" }, "Annex III point 4(a)" },
	{ { .annex = "XIII", .point = "a" }, "Annex XIII point (a)" },
	{ { .annex = "XI", .section = "1", .point = "2" }, "Annex XI Section 1 point 2" },
	{ { .act = "2024/1689", .article = "50" }, "Art. 50" },
	{ { .act = "2016/679", .article = "22" }, "Art. 22 (2016/679)" },
	{ { .act = "ai-pact", .commitment = "ai-literacy" }, "AI Pact commitment ai-literacy" },
	{ { .act = "ai-pact" }, "AI Pact" },
	{ { .act = "policy", .doc = "pactaudit-trust(7)" }, "pactaudit-trust(7)" },
};

static void
test_rules_pack_ref_format(void)
{
	size_t i;

	for (i = 0; i < sizeof(ref_rows) / sizeof(ref_rows[0]); i++) {
		struct pa_buf b = PA_BUF_INIT;

		CU_ASSERT_EQUAL(pa_rulepack_format_ref(&b, &ref_rows[i].ref), 0);
		CU_ASSERT_STRING_EQUAL(b.ptr, ref_rows[i].text);
		pa_buf_dispose(&b);
	}
}

/* ------------------------------------------------------------------ */
/* evaluation                                                          */

static struct pa_results *
audit(xmlDoc *doc, const char *as_of)
{
	struct pa_date day;
	struct pa_eval_opts opts = { .as_of = pa_date_from_iso(&day, as_of) ? &day : NULL };
	struct pa_results *res = NULL;

	if (pa_eval_dossier(&res, good, doc, &opts) < 0)
		fprintf(stderr, "eval: %s\n", pa_error_last());
	return res;
}

static const struct pa_results_finding *
find(const struct pa_results *res, const char *rule, size_t nth)
{
	size_t i;

	for (i = 0; i < res->findings.count; i++) {
		const struct pa_results_finding *f = res->findings.items[i];

		if (strcmp(f->rule, rule) == 0 && nth-- == 0)
			return f;
	}
	return NULL;
}

static size_t
count_rule(const struct pa_results *res, const char *rule)
{
	size_t n = 0;

	while (find(res, rule, n) != NULL)
		n++;
	return n;
}

static const char *
item_value(const struct pa_vec *list, const char *id, bool gpai)
{
	size_t i;

	for (i = 0; i < list->count; i++) {
		const struct pa_results_item *it = list->items[i];

		if (strcmp(it->id, id) == 0)
			return gpai ? it->gpai : it->tier;
	}
	return "(absent)";
}

static double
xpath_count(xmlDoc *doc, const char *expr)
{
	xmlXPathContext *xp = xmlXPathNewContext(doc);
	xmlXPathObjectPtr obj;
	double n;

	xmlXPathRegisterNs(xp, BAD_CAST "e", BAD_CAST "urn:pactaudit:evidence:1");
	obj = xmlXPathEval(BAD_CAST expr, xp);
	n = obj ? xmlXPathCastToNumber(obj) : -1;
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(xp);
	return n;
}

static void
test_rules_eval_classification_ranking(void)
{
	xmlDoc *doc = load_evidence("evidence/basic.xml");
	struct pa_results *res;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	res = audit(doc, AS_OF);
	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	CU_ASSERT_STRING_EQUAL(item_value(&res->systems, "cv-screen", false), "high");
	CU_ASSERT_STRING_EQUAL(item_value(&res->systems, "nudge", false), "prohibited");
	CU_ASSERT_STRING_EQUAL(item_value(&res->systems, "chat", false), "limited");
	CU_ASSERT_STRING_EQUAL(item_value(&res->systems, "big", false), "minimal");
	/* high (rule 2) then limited (rule 3): the higher rank stays */
	CU_ASSERT_STRING_EQUAL(item_value(&res->systems, "mixed", false), "high");
	CU_ASSERT_STRING_EQUAL(item_value(&res->systems, "chat", true), "gpai");
	CU_ASSERT_STRING_EQUAL(item_value(&res->systems, "big", true), "systemic");
	CU_ASSERT_PTR_NULL(item_value(&res->systems, "cv-screen", true));
	CU_ASSERT_STRING_EQUAL(item_value(&res->models, "acme-rank", true), "none");
	/* both matches recorded on "mixed", the reason is the message */
	CU_ASSERT_EQUAL(xpath_count(doc, "count(//e:system[@id='mixed']/e:classification)"), 2);
	CU_ASSERT_EQUAL(xpath_count(doc, "count(//e:system[@id='big']/e:classification"
	    "[@rule='T-CL-SYSTEMIC'][@attribute='gpai'][@value='systemic']"
	    "[starts-with(@reason, \"Training 'big' needs 6e+25 FLOP\")])"), 1);
	/* info classification rules leave no finding; reported ones do */
	CU_ASSERT_EQUAL(count_rule(res, "T-CL-HIGH"), 0);
	CU_ASSERT_EQUAL(count_rule(res, "T-CL-PROHIBITED"), 1);
	CU_ASSERT_EQUAL(count_rule(res, "T-CL-SYSTEMIC"), 1);
	pa_results_free(res);

	/* a second run resets what the first wrote */
	res = audit(doc, AS_OF);
	CU_ASSERT_EQUAL(xpath_count(doc, "count(//e:system[@id='mixed']/e:classification)"), 2);
	pa_results_free(res);
	xmlFreeDoc(doc);
}

static void
test_rules_eval_dossier_cannot_preset_tiers(void)
{
	xmlDoc *doc = load_evidence("evidence/basic.xml");
	struct pa_results *res;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	/* a dossier that writes tier="minimal" on a prohibited system */
	CU_ASSERT_EQUAL(xpath_count(doc, "count(//e:system)"), 5);
	{
		xmlXPathContext *xp = xmlXPathNewContext(doc);
		xmlXPathObjectPtr o;

		xmlXPathRegisterNs(xp, BAD_CAST "e", BAD_CAST "urn:pactaudit:evidence:1");
		o = xmlXPathEval(BAD_CAST "//e:system[@id='cv-screen']", xp);
		xmlSetProp(o->nodesetval->nodeTab[0], BAD_CAST "tier", BAD_CAST "prohibited");
		xmlXPathFreeObject(o);
		xmlXPathFreeContext(xp);
	}
	res = audit(doc, AS_OF);
	CU_ASSERT_STRING_EQUAL(item_value(&res->systems, "cv-screen", false), "high");
	pa_results_free(res);
	xmlFreeDoc(doc);
}

static void
test_rules_eval_findings(void)
{
	xmlDoc *doc = load_evidence("evidence/basic.xml");
	const struct pa_results_finding *f;
	struct pa_results *res;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	res = audit(doc, AS_OF);
	CU_ASSERT_PTR_NOT_NULL_FATAL(res);

	f = find(res, "T-CL-PROHIBITED", 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->severity, PA_SEVERITY_BLOCKER);
	CU_ASSERT_EQUAL(f->status, PA_FINDING_OPEN);
	CU_ASSERT_TRUE(f->in_force);
	CU_ASSERT_FALSE(f->waivable);
	CU_ASSERT_STRING_EQUAL(f->path, "application.xml");
	CU_ASSERT_EQUAL(f->line, 22);	/* the <location>, not the system */
	CU_ASSERT_STRING_EQUAL(f->anchor, "system[nudge]/use-case[art5-1a]");
	CU_ASSERT_STRING_EQUAL(f->ref, "Art. 5(1)(a)");
	CU_ASSERT_STRING_EQUAL(f->message,
	    "System 'nudge' declares the prohibited practice 'art5-1a'.");
	CU_ASSERT_STRING_EQUAL(f->remedy, "Remove the practice from the system.");
	CU_ASSERT_STRING_EQUAL(f->applies_from, "2025-02-02");

	/* applicable: only the high-risk system without the document */
	CU_ASSERT_EQUAL(count_rule(res, "T-HR-RISK"), 1);
	f = find(res, "T-HR-RISK", 0);
	CU_ASSERT_STRING_EQUAL(f->anchor, "system[cv-screen]");
	CU_ASSERT_EQUAL(f->line, 10);
	CU_ASSERT_STRING_EQUAL(f->message,
	    "High-risk system 'cv-screen' has no risk-management documentation.");

	/* anchors: licence key, heading, YAML list item, evidence path */
	f = find(res, "T-LICENSE", 0);
	CU_ASSERT_STRING_EQUAL(f->path, "models/acme-rank/README.md");
	CU_ASSERT_EQUAL(f->line, 3);
	CU_ASSERT_STRING_EQUAL(f->anchor, "license");
	CU_ASSERT_STRING_EQUAL(f->message, "Model 'acme-rank' is licensed CC-BY-NC-4.0.");
	f = find(res, "T-SECTION", 0);
	CU_ASSERT_STRING_EQUAL(f->anchor, "## Training Data");
	CU_ASSERT_EQUAL(f->line, 40);
	f = find(res, "T-DATASETS", 0);
	CU_ASSERT_STRING_EQUAL(f->anchor, "datasets[0]");
	CU_ASSERT_EQUAL(f->line, 5);
	f = find(res, "T-SIGNATURE", 0);
	CU_ASSERT_STRING_EQUAL(f->path, "pact/commitments.xml.asc");
	CU_ASSERT_EQUAL(f->line, 0);
	CU_ASSERT_STRING_EQUAL(f->ref, "AI Pact commitment ai-governance-strategy");
	CU_ASSERT_STRING_EQUAL(f->message, "The pact signature is bad.");

	/* a model reference without a card; the present one passes */
	CU_ASSERT_EQUAL(count_rule(res, "T-MODEL-CARD"), 1);
	f = find(res, "T-MODEL-CARD", 0);
	CU_ASSERT_STRING_EQUAL(f->anchor, "system[nudge]/model");
	CU_ASSERT_STRING_EQUAL(f->message, "Model 'models/missing' has no card.");

	/* diagnostics become findings through an ordinary rule */
	/* two diagnostics of one code without an anchor stay two findings */
	CU_ASSERT_EQUAL_FATAL(count_rule(res, "T-DIAG-WARN"), 2);
	CU_ASSERT_STRING_NOT_EQUAL(find(res, "T-DIAG-WARN", 0)->fingerprint,
	    find(res, "T-DIAG-WARN", 1)->fingerprint);
	CU_ASSERT_STRING_EQUAL(find(res, "T-DIAG-WARN", 0)->anchor, "md-heading: empty heading");
	CU_ASSERT_EQUAL(count_rule(res, "T-DIAG"), 1);
	f = find(res, "T-DIAG", 0);
	CU_ASSERT_STRING_EQUAL(f->path, "models/acme-rank/README.md");
	CU_ASSERT_EQUAL(f->line, 12);
	CU_ASSERT_STRING_EQUAL(f->anchor, "license");
	CU_ASSERT_STRING_EQUAL(f->message, "YAML aliases are not allowed");

	/* dates */
	f = find(res, "T-FUTURE", 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->severity, PA_SEVERITY_INFO);
	CU_ASSERT_FALSE(f->in_force);
	CU_ASSERT_STRING_EQUAL(f->applies_from, "2030-01-01");
	CU_ASSERT_STRING_EQUAL(f->ref, "Art. 6(3), subparagraph 2");
	CU_ASSERT_EQUAL(count_rule(res, "T-EXPIRED"), 0);

	/* metadata */
	CU_ASSERT_STRING_EQUAL(res->as_of, AS_OF);
	CU_ASSERT_STRING_EQUAL(res->dossier_commit, "1111111111111111111111111111111111111111");
	CU_ASSERT_STRING_EQUAL(res->dossier_mode, "git");
	CU_ASSERT_STRING_EQUAL(res->trust, "self-declared");
	CU_ASSERT_STRING_EQUAL(res->rules_version, "2026.11");
	CU_ASSERT_STRING_EQUAL(res->rules_digest, pa_rulepack_digest(good));
	CU_ASSERT_EQUAL(res->packs.count, 2);
	CU_ASSERT_EQUAL(res->signatures.count, 1);
	CU_ASSERT_STRING_EQUAL(((struct pa_results_signature *)res->signatures.items[0])->status, "bad");

	/* sorted: most severe first, then path, line */
	f = res->findings.items[0];
	CU_ASSERT_EQUAL(f->severity, PA_SEVERITY_BLOCKER);
	CU_ASSERT_STRING_EQUAL(f->rule, "T-CL-PROHIBITED");
	f = res->findings.items[res->findings.count - 1];
	CU_ASSERT_EQUAL(f->severity, PA_SEVERITY_INFO);
	CU_ASSERT_EQUAL(pa_results_verdict(res), PA_VERDICT_INELIGIBLE);
	pa_results_free(res);
	xmlFreeDoc(doc);
}

/*
 * positive/ is good/ written with <define>, <fires-if> and use-case=: the
 * same dossier gives the same findings and classifications.
 */
static void
test_rules_eval_positive_forms_same_results(void)
{
	xmlDoc *doc = load_evidence("evidence/basic.xml");
	struct pa_eval_opts opts = { .as_of = &as_of_day };
	struct pa_results *a = NULL, *b = NULL;
	struct pa_rulepack *positive = NULL;
	const struct pa_rule *r;
	char *dir = fixture("positive");
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL_FATAL(pa_rulepack_load(&positive, dir, NULL), 0);
	r = pa_rulepack_find(positive, "T-CL-PROHIBITED");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(r->fires_if);
	CU_ASSERT_STRING_EQUAL(r->use_case, "art5-1a");
	CU_ASSERT_STRING_EQUAL(r->ref_text, "Art. 5(1)(a)");
	CU_ASSERT_STRING_EQUAL(r->applies_from, "2025-02-02");
	CU_ASSERT_STRING_EQUAL(r->classify_attribute, "tier");
	CU_ASSERT_STRING_EQUAL(r->classify_value, "prohibited");
	CU_ASSERT_STRING_EQUAL(r->assertion,
	    "(e:use-case[(pa:vocab('use-cases', ., 'tier')) = 'prohibited'])");
	CU_ASSERT_FALSE(pa_rulepack_find(good, "T-CL-PROHIBITED")->fires_if);

	a = audit(doc, AS_OF);
	CU_ASSERT_EQUAL_FATAL(pa_eval_dossier(&b, positive, doc, &opts), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_TRUE(a->findings.count > 5);
	CU_ASSERT_EQUAL_FATAL(a->findings.count, b->findings.count);
	for (i = 0; i < a->findings.count; i++) {
		const struct pa_results_finding *x = a->findings.items[i];
		const struct pa_results_finding *y = b->findings.items[i];

		CU_ASSERT_STRING_EQUAL(x->rule, y->rule);
		CU_ASSERT_EQUAL(x->severity, y->severity);
		CU_ASSERT_STRING_EQUAL(x->fingerprint, y->fingerprint);
		CU_ASSERT_STRING_EQUAL(x->message, y->message);
		CU_ASSERT_STRING_EQUAL(x->ref, y->ref);
		CU_ASSERT_STRING_EQUAL(x->applies_from, y->applies_from);
		CU_ASSERT_EQUAL(x->line, y->line);
	}
	CU_ASSERT_STRING_EQUAL(item_value(&a->systems, "nudge", false), "prohibited");
	CU_ASSERT_STRING_EQUAL(item_value(&b->systems, "nudge", false), "prohibited");
	CU_ASSERT_STRING_EQUAL(item_value(&b->systems, "cv-screen", false),
	    item_value(&a->systems, "cv-screen", false));
	pa_results_free(a);
	pa_results_free(b);
	pa_rulepack_free(positive);
	xmlFreeDoc(doc);
	free(dir);
}

static void
test_rules_eval_as_of_not_in_force(void)
{
	xmlDoc *doc = load_evidence("evidence/basic.xml");
	const struct pa_results_finding *f;
	struct pa_results *res;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	/* before 2026-08-02 the high-risk obligations do not apply yet */
	res = audit(doc, "2026-01-01");
	f = find(res, "T-HR-RISK", 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->severity, PA_SEVERITY_INFO);
	CU_ASSERT_FALSE(f->in_force);
	CU_ASSERT_STRING_EQUAL(f->applies_from, "2026-08-02");
	CU_ASSERT_FALSE(pa_results_finding_counts(f));
	CU_ASSERT_EQUAL(count_rule(res, "T-EXPIRED"), 0);
	pa_results_free(res);
	/* while a rule's until has not passed it runs */
	res = audit(doc, "2024-12-31");
	CU_ASSERT_EQUAL(count_rule(res, "T-EXPIRED"), 1);
	f = find(res, "T-EXPIRED", 0);
	CU_ASSERT_TRUE(f->in_force);
	/* the prohibition is not in force yet: it does not count */
	f = find(res, "T-CL-PROHIBITED", 0);
	CU_ASSERT_FALSE(f->in_force);
	CU_ASSERT_EQUAL(f->severity, PA_SEVERITY_INFO);
	CU_ASSERT_FALSE(pa_results_finding_counts(f));
	pa_results_free(res);
	xmlFreeDoc(doc);
}

static void
test_rules_eval_bad_input(void)
{
	struct pa_eval_opts opts = { .as_of = NULL };
	struct pa_results *res = NULL;
	xmlDoc *doc = load_evidence("evidence/basic.xml"), *other = NULL;

	CU_ASSERT_EQUAL(pa_eval_dossier(&res, good, doc, &opts), PA_EINVALID);
	CU_ASSERT_PTR_NULL(res);
	opts.as_of = &as_of_day;
	CU_ASSERT_EQUAL(pa_xml_parse_trusted_mem(&other, "<x/>", 4, "x.xml"), 0);
	CU_ASSERT_EQUAL(pa_eval_dossier(&res, good, other, &opts), PA_EINVALID);
	CU_ASSERT_PTR_NULL(res);
	xmlFreeDoc(other);
	xmlFreeDoc(doc);
	pa_error_clear();
}

static void
test_rules_eval_errors_need_review(void)
{
	struct pa_eval_opts opts = { .as_of = &as_of_day };
	struct pa_rulepack *pack = NULL;
	struct pa_results *res = NULL;
	const struct pa_results_finding *f;
	char *dir = fixture("runtime-error");
	xmlDoc *doc = load_evidence("evidence/basic.xml");
	size_t i, n = 0;

	CU_ASSERT_EQUAL_FATAL(pa_rulepack_load(&pack, dir, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(pa_eval_dossier(&res, pack, doc, &opts), 0);
	for (i = 0; i < res->findings.count; i++) {
		f = res->findings.items[i];
		CU_ASSERT_EQUAL(f->status, PA_FINDING_NEEDS_REVIEW);
		CU_ASSERT_PTR_NOT_NULL(strstr(f->message, "could not be evaluated"));
		n++;
	}
	/* type error in assert, once per context node; bad regex; non-node context */
	CU_ASSERT_EQUAL(count_rule(res, "RT-TYPE"), 5);
	CU_ASSERT_EQUAL(count_rule(res, "RT-REGEX"), 1);
	CU_ASSERT_EQUAL(count_rule(res, "RT-CONTEXT"), 1);
	CU_ASSERT_EQUAL(count_rule(res, "RT-OPS"), 1);
	f = find(res, "RT-REGEX", 0);
	CU_ASSERT_PTR_NOT_NULL(f && strstr(f->message, "invalid regular expression"));
	f = find(res, "RT-TYPE", 0);
	CU_ASSERT_PTR_NOT_NULL(f && strstr(f->message, "<assert>"));
	CU_ASSERT_STRING_EQUAL(f->path, "application.xml");
	f = find(res, "RT-OPS", 0);
	if (f != NULL && strstr(f->message, "limit") == NULL)
		fprintf(stderr, "\nRT-OPS: %s\n", f->message);
	CU_ASSERT_PTR_NOT_NULL(f && strstr(f->message, "limit"));
	CU_ASSERT_EQUAL(n, 8);
	/* not a pass: an error that could not be evaluated needs changes */
	CU_ASSERT_EQUAL(pa_results_verdict(res), PA_VERDICT_NEEDS_CHANGES);
	CU_ASSERT_EQUAL(pa_results_count_at_least(res, PA_SEVERITY_ERROR), 5);
	pa_results_free(res);
	pa_rulepack_free(pack);
	xmlFreeDoc(doc);
	free(dir);
}

/* Add delta to every line attribute. */
static void
shift_lines(xmlNode *n, long delta)
{
	xmlChar *v;
	char num[32];

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((v = xmlGetProp(n, BAD_CAST "line")) != NULL) {
			snprintf(num, sizeof(num), "%ld", strtol((const char *)v, NULL, 10) + delta);
			xmlSetProp(n, BAD_CAST "line", BAD_CAST num);
			xmlFree(v);
		}
		shift_lines(n->children, delta);
	}
}

static void
test_rules_eval_fingerprint_stable_across_line_shifts(void)
{
	xmlDoc *doc = load_evidence("evidence/basic.xml");
	struct pa_results *a, *b;
	size_t i, j;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	a = audit(doc, AS_OF);
	shift_lines(xmlDocGetRootElement(doc), 7);
	b = audit(doc, AS_OF);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL_FATAL(a->findings.count, b->findings.count);
	for (i = 0; i < a->findings.count; i++) {
		const struct pa_results_finding *fa = a->findings.items[i];
		const struct pa_results_finding *fb = b->findings.items[i];

		CU_ASSERT_STRING_EQUAL(fa->fingerprint, fb->fingerprint);
		if (fa->line > 0)
			CU_ASSERT_EQUAL(fa->line + 7, fb->line);
		/* fingerprints differ between findings */
		for (j = 0; j < i; j++)
			CU_ASSERT_STRING_NOT_EQUAL(fa->fingerprint,
			    ((struct pa_results_finding *)a->findings.items[j])->fingerprint);
	}
	pa_results_free(a);
	pa_results_free(b);
	xmlFreeDoc(doc);
}

/* Serialise an evaluation of a fresh evidence copy to text. */
static char *
audit_to_text(const struct pa_rulepack *pack, struct pa_eval *ev, xmlDoc *proto)
{
	struct pa_eval_opts opts = { .as_of = &as_of_day };
	struct pa_results *res = NULL;
	xmlDoc *doc = xmlCopyDoc(proto, 1), *out = NULL;
	xmlChar *mem = NULL;
	char *s = NULL;
	int len = 0;

	(void)pack;
	if (doc != NULL && pa_results_new(&res) == 0 &&
	    pa_eval_run(res, ev, doc, &opts) == 0 && pa_results_to_xml(&out, res) == 0) {
		xmlDocDumpMemory(out, &mem, &len);
		s = mem ? strdup((const char *)mem) : NULL;
	}
	xmlFree(mem);
	xmlFreeDoc(out);
	pa_results_free(res);
	xmlFreeDoc(doc);
	return s;
}

struct worker {
	pthread_t thread;
	xmlDoc *proto;
	const char *expect;
	int mismatches;
};

static void *
worker_run(void *arg)
{
	struct worker *w = arg;
	struct pa_eval *ev = NULL;
	int i;

	if (pa_eval_new(&ev, good) < 0) {
		w->mismatches = -1;
		return NULL;
	}
	for (i = 0; i < 20; i++) {
		char *s = audit_to_text(good, ev, w->proto);

		if (s == NULL || strcmp(s, w->expect) != 0)
			w->mismatches++;
		free(s);
	}
	pa_eval_free(ev);
	return NULL;
}

static void
test_rules_eval_threads_agree(void)
{
	xmlDoc *proto = load_evidence("evidence/basic.xml");
	struct worker w[4];
	struct pa_eval *ev = NULL;
	char *expect;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(proto);
	CU_ASSERT_EQUAL_FATAL(pa_eval_new(&ev, good), 0);
	expect = audit_to_text(good, ev, proto);
	CU_ASSERT_PTR_NOT_NULL_FATAL(expect);
	for (i = 0; i < 4; i++) {
		w[i].proto = xmlCopyDoc(proto, 1);
		w[i].expect = expect;
		w[i].mismatches = 0;
		CU_ASSERT_EQUAL(pthread_create(&w[i].thread, NULL, worker_run, &w[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(w[i].thread, NULL);
		CU_ASSERT_EQUAL(w[i].mismatches, 0);
		xmlFreeDoc(w[i].proto);
	}
	free(expect);
	pa_eval_free(ev);
	xmlFreeDoc(proto);
}

static CU_TestInfo rules_tests[] = {
	{ "xpathfn_table", test_rules_xpathfn_table },
	{ "xpathfn_as_of_must_be_a_date", test_rules_xpathfn_as_of_must_be_a_date },
	{ "xpath_static_checks", test_rules_xpath_static_checks },
	{ "pack_good_loads", test_rules_pack_good_loads },
	{ "pack_digest_follows_content", test_rules_pack_digest_follows_content },
	{ "pack_broken_rejected_with_file_line", test_rules_pack_broken_rejected_with_file_line },
	{ "pack_missing_folder", test_rules_pack_missing_folder },
	{ "pack_ref_format", test_rules_pack_ref_format },
	{ "eval_classification_ranking", test_rules_eval_classification_ranking },
	{ "eval_dossier_cannot_preset_tiers", test_rules_eval_dossier_cannot_preset_tiers },
	{ "eval_findings", test_rules_eval_findings },
	{ "eval_positive_forms_same_results", test_rules_eval_positive_forms_same_results },
	{ "eval_as_of_not_in_force", test_rules_eval_as_of_not_in_force },
	{ "eval_bad_input", test_rules_eval_bad_input },
	{ "eval_errors_need_review", test_rules_eval_errors_need_review },
	{ "eval_fingerprint_stable_across_line_shifts",
	    test_rules_eval_fingerprint_stable_across_line_shifts },
	{ "eval_threads_agree", test_rules_eval_threads_agree },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "rules", suite_init, suite_cleanup, NULL, NULL, rules_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
