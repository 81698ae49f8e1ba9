/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for parse/spdx (expression grammar) and parse/licdb (licence facts, <license> evidence). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "lib/cutest.h"
#include "lib/xptest.h"
#include "parse/evnode.h"
#include "parse/licdb.h"
#include "parse/spdx.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"

/* ---- the grammar ------------------------------------------------------ */

/* The tree as an s-expression: (or A (and B C)), (with A e), refs as written. */
static void
sexp(struct pa_buf *out, const struct pa_spdx_node *n)
{
	switch (n->type) {
	case PA_SPDX_AND:
	case PA_SPDX_OR:
	case PA_SPDX_WITH:
		pa_buf_printf(out, "(%s ", pa_spdx_type_name(n->type));
		sexp(out, n->left);
		pa_buf_putc(out, ' ');
		sexp(out, n->right);
		pa_buf_putc(out, ')');
		return;
	default:
		if (n->type == PA_SPDX_LICENSE_REF || n->type == PA_SPDX_ADDITION_REF)
			pa_buf_printf(out, "%s:", pa_spdx_type_name(n->type));
		if (n->document)
			pa_buf_printf(out, "%s:", n->document);
		pa_buf_puts(out, n->id);
		if (n->plus)
			pa_buf_putc(out, '+');
		return;
	}
}

static const struct {
	const char *in;
	const char *tree;	/* s-expression */
	const char *canon;	/* pa_spdx_write */
} good[] = {
	{ "MIT", "MIT", "MIT" },
	{ "mit", "mit", "mit" },
	{ "Apache-2.0 OR MIT", "(or Apache-2.0 MIT)", "Apache-2.0 OR MIT" },
	{ "A OR B AND C", "(or A (and B C))", "A OR B AND C" },
	{ "A AND B OR C", "(or (and A B) C)", "A AND B OR C" },
	{ "(A OR B) AND C", "(and (or A B) C)", "(A OR B) AND C" },
	{ "A AND (B OR C)", "(and A (or B C))", "A AND (B OR C)" },
	{ "A AND B AND C", "(and (and A B) C)", "A AND B AND C" },
	{ "A AND (B AND C)", "(and A (and B C))", "A AND B AND C" },
	{ "(A OR B) OR C", "(or (or A B) C)", "A OR B OR C" },
	{ "GPL-2.0-or-later WITH Bison-exception-2.2",
	  "(with GPL-2.0-or-later Bison-exception-2.2)", "GPL-2.0-or-later WITH Bison-exception-2.2" },
	{ "Apache-2.0 WITH LLVM-exception OR MIT", "(or (with Apache-2.0 LLVM-exception) MIT)",
	  "Apache-2.0 WITH LLVM-exception OR MIT" },
	{ "A WITH e AND B", "(and (with A e) B)", "A WITH e AND B" },
	{ "GPL-2.0+", "GPL-2.0+", "GPL-2.0+" },
	{ "GPL-2.0-only+", "GPL-2.0-only+", "GPL-2.0-only+" },
	{ "LicenseRef-foo", "license-ref:LicenseRef-foo", "LicenseRef-foo" },
	{ "LicenseRef-a.b-C9", "license-ref:LicenseRef-a.b-C9", "LicenseRef-a.b-C9" },
	{ "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
	  "license-ref:DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
	  "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2" },
	{ "LicenseRef-x WITH y-exception", "(with license-ref:LicenseRef-x y-exception)",
	  "LicenseRef-x WITH y-exception" },
	{ "MIT WITH AdditionRef-x", "(with MIT addition-ref:AdditionRef-x)", "MIT WITH AdditionRef-x" },
	{ "MIT WITH DocumentRef-d:AdditionRef-x", "(with MIT addition-ref:DocumentRef-d:AdditionRef-x)",
	  "MIT WITH DocumentRef-d:AdditionRef-x" },
	{ "mit and apache-2.0", "(and mit apache-2.0)", "mit AND apache-2.0" },
	{ "mit or bsd with e", "(or mit (with bsd e))", "mit OR bsd WITH e" },
	{ "MIT and Apache-2.0 OR BSD-3-Clause", "(or (and MIT Apache-2.0) BSD-3-Clause)",
	  "MIT AND Apache-2.0 OR BSD-3-Clause" },
	{ "  MIT  ", "MIT", "MIT" },
	{ "\tMIT\tOR\tBSD-2-Clause", "(or MIT BSD-2-Clause)", "MIT OR BSD-2-Clause" },
	{ "((MIT))", "MIT", "MIT" },
	{ "MIT AND(Apache-2.0)", "(and MIT Apache-2.0)", "MIT AND Apache-2.0" },
	{ "(MIT)AND(X)", "(and MIT X)", "MIT AND X" },
	{ "NONE", "NONE", "NONE" },
	{ "NOASSERTION", "NOASSERTION", "NOASSERTION" },
	{ "NONE AND MIT", "(and NONE MIT)", "NONE AND MIT" },
	{ "(MIT OR Apache-2.0) AND (BSD-2-Clause OR (GPL-2.0-only WITH Classpath-exception-2.0))",
	  "(and (or MIT Apache-2.0) (or BSD-2-Clause (with GPL-2.0-only Classpath-exception-2.0)))",
	  "(MIT OR Apache-2.0) AND (BSD-2-Clause OR GPL-2.0-only WITH Classpath-exception-2.0)" },
	{ "0BSD", "0BSD", "0BSD" },
	{ "llama3.1", "llama3.1", "llama3.1" },
};

static const struct {
	const char *in;
	size_t len;		/* 0: strlen */
	int rc;
	size_t offset;
} bad[] = {
	{ "", 0, PA_EINVALID, 0 },
	{ "   ", 0, PA_EINVALID, 0 },
	{ "MIT OR", 0, PA_EINVALID, 6 },
	{ "OR MIT", 0, PA_EINVALID, 0 },
	{ "MIT Apache-2.0", 0, PA_EINVALID, 4 },
	{ "(MIT", 0, PA_EINVALID, 0 },
	{ "MIT)", 0, PA_EINVALID, 3 },
	{ "MIT And Apache-2.0", 0, PA_EINVALID, 4 },
	{ "MIT oR Apache-2.0", 0, PA_EINVALID, 4 },
	{ "MIT +", 0, PA_EINVALID, 4 },
	{ "MIT++", 0, PA_EINVALID, 4 },
	{ "LicenseRef-x+", 0, PA_EINVALID, 12 },
	{ "licenseref-x", 0, PA_EINVALID, 0 },
	{ "LicenseRef-", 0, PA_EINVALID, 11 },
	{ "MIT WITH", 0, PA_EINVALID, 8 },
	{ "(MIT OR BSD) WITH x", 0, PA_EINVALID, 13 },
	{ "MIT WITH LicenseRef-x", 0, PA_EINVALID, 9 },
	{ "MIT WITH e WITH f", 0, PA_EINVALID, 11 },
	{ "MIT WITH e+", 0, PA_EINVALID, 10 },
	{ "MIT WITH (e)", 0, PA_EINVALID, 9 },
	{ "NONE OR MIT", 0, PA_EINVALID, 0 },
	{ "MIT OR (BSD AND NOASSERTION)", 0, PA_EINVALID, 16 },
	{ "NONE WITH x", 0, PA_EINVALID, 5 },
	{ "NONE+", 0, PA_EINVALID, 4 },
	{ "AdditionRef-x", 0, PA_EINVALID, 0 },
	{ "MIT WITH additionref-x", 0, PA_EINVALID, 9 },
	{ "MIT/Apache", 0, PA_EINVALID, 3 },
	{ "MIT\nOR BSD", 0, PA_EINVALID, 3 },
	{ "MIT\0", 4, PA_EINVALID, 3 },
	{ "DocumentRef-x", 0, PA_EINVALID, 0 },
	{ "DocumentRef-x:MIT", 0, PA_EINVALID, 14 },
	{ "documentref-x:LicenseRef-y", 0, PA_EINVALID, 0 },
	{ "DocumentRef-x:LicenseRef-y:z", 0, PA_EINVALID, 14 },
	{ "Foo:Bar", 0, PA_EINVALID, 0 },
	{ "()", 0, PA_EINVALID, 1 },
	{ "MIT OR OR BSD", 0, PA_EINVALID, 7 },
	{ "MIT AND", 0, PA_EINVALID, 7 },
	{ "\xc3\xa9", 0, PA_EINVALID, 0 },
	{ "(MIT)+", 0, PA_EINVALID, 5 },
	{ "MIT (BSD)", 0, PA_EINVALID, 4 },
	{ "MIT\x1b[31m", 0, PA_EINVALID, 3 },
};

static void
test_spdx_good_expressions_parse_with_precedence(void)
{
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct pa_spdx_node *n = NULL;
		struct pa_spdx_error err;
		struct pa_buf t = PA_BUF_INIT, c = PA_BUF_INIT;
		int rc = pa_spdx_parse(&n, good[i].in, strlen(good[i].in), &err);

		if (rc != 0)
			fprintf(stderr, "good[%zu] '%s': %d at %zu: %s\n", i, good[i].in, rc,
			    err.offset, err.message);
		CU_ASSERT_EQUAL(rc, 0);
		if (n == NULL)
			continue;
		sexp(&t, n);
		CU_ASSERT_EQUAL(pa_spdx_write(&c, n), 0);
		if (strcmp(t.ptr, good[i].tree) != 0 || strcmp(c.ptr, good[i].canon) != 0)
			fprintf(stderr, "good[%zu] '%s': tree %s, canonical %s\n", i, good[i].in,
			    t.ptr, c.ptr);
		CU_ASSERT_STRING_EQUAL(t.ptr, good[i].tree);
		CU_ASSERT_STRING_EQUAL(c.ptr, good[i].canon);
		pa_buf_dispose(&t);
		pa_buf_dispose(&c);
		pa_spdx_free(n);
	}
}

static void
test_spdx_bad_expressions_say_where(void)
{
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct pa_spdx_node *n = (struct pa_spdx_node *)&n;	/* must be reset */
		struct pa_spdx_error err = { 99999, NULL };
		size_t len = bad[i].len ? bad[i].len : strlen(bad[i].in);
		int rc = pa_spdx_parse(&n, bad[i].in, len, &err);

		if (rc != bad[i].rc || err.offset != bad[i].offset)
			fprintf(stderr, "bad[%zu] '%s': rc %d offset %zu (%s)\n", i, bad[i].in, rc,
			    err.offset, err.message ? err.message : "-");
		CU_ASSERT_EQUAL(rc, bad[i].rc);
		CU_ASSERT_EQUAL(err.offset, bad[i].offset);
		CU_ASSERT_PTR_NOT_NULL(err.message);
		CU_ASSERT_PTR_NULL(n);
	}
}

static void
test_spdx_node_offsets_cover_the_input(void)
{
	struct pa_spdx_node *n = NULL;
	const char *s = "  (MIT OR BSD-2-Clause) AND GPL-2.0+ WITH e  ";

	CU_ASSERT_EQUAL_FATAL(pa_spdx_parse(&n, s, strlen(s), NULL), 0);
	CU_ASSERT_EQUAL(n->type, PA_SPDX_AND);
	CU_ASSERT_EQUAL(n->offset, 2);
	CU_ASSERT_EQUAL(n->offset + n->len, strlen(s) - 2);
	CU_ASSERT_EQUAL(n->left->offset, 2);		/* the group with its parentheses */
	CU_ASSERT_EQUAL(n->left->len, 21);
	CU_ASSERT_EQUAL(n->right->type, PA_SPDX_WITH);
	CU_ASSERT_EQUAL(n->right->left->offset, 28);
	CU_ASSERT_EQUAL(n->right->left->len, 8);	/* GPL-2.0+ */
	CU_ASSERT_TRUE(n->right->left->plus);
	pa_spdx_free(n);
}

static void
test_spdx_limits(void)
{
	struct pa_buf s = PA_BUF_INIT;
	struct pa_spdx_node *n = NULL;
	struct pa_spdx_error err;
	int i;

	/* nesting at the limit parses, one more does not */
	for (i = 0; i < PA_LIMIT_SPDX_DEPTH; i++)
		pa_buf_putc(&s, '(');
	pa_buf_puts(&s, "MIT");
	for (i = 0; i < PA_LIMIT_SPDX_DEPTH; i++)
		pa_buf_putc(&s, ')');
	CU_ASSERT_EQUAL(pa_spdx_parse(&n, s.ptr, s.size, &err), 0);
	pa_spdx_free(n);
	pa_buf_clear(&s);
	for (i = 0; i <= PA_LIMIT_SPDX_DEPTH; i++)
		pa_buf_putc(&s, '(');
	pa_buf_puts(&s, "MIT");
	CU_ASSERT_EQUAL(pa_spdx_parse(&n, s.ptr, s.size, &err), PA_ELIMIT);
	CU_ASSERT_EQUAL(err.offset, PA_LIMIT_SPDX_DEPTH);
	CU_ASSERT_PTR_NULL(n);

	/* the longest AND chain that fits parses (and frees) without trouble */
	pa_buf_clear(&s);
	pa_buf_puts(&s, "A");
	while (s.size + 6 <= PA_LIMIT_SPDX_LEN)
		pa_buf_puts(&s, " AND A");
	CU_ASSERT_EQUAL(pa_spdx_parse(&n, s.ptr, s.size, &err), 0);
	pa_spdx_free(n);
	pa_buf_puts(&s, " AND A");
	CU_ASSERT_EQUAL(pa_spdx_parse(&n, s.ptr, s.size, &err), PA_ELIMIT);
	CU_ASSERT_PTR_NULL(n);
	pa_buf_dispose(&s);
}

/* ---- the licence database --------------------------------------------- */

static struct pa_licdb *db;

static int
licdb_setup(void)
{
	if (pa_licdb_load(&db) < 0) {
		fprintf(stderr, "licdb: %s\n", pa_error_last());
		return 1;
	}
	return 0;
}

static int
licdb_teardown(void)
{
	pa_licdb_free(db);
	db = NULL;
	return 0;
}

static void
test_licdb_version_and_digest(void)
{
	const char *d = pa_licdb_digest(db);

	CU_ASSERT_STRING_EQUAL(pa_licdb_version(db), "3.28.0");
	CU_ASSERT_STRING_EQUAL(pa_licdb_release_date(db), "2026-02-20");
	CU_ASSERT_EQUAL(strlen(d), 64);
	CU_ASSERT_EQUAL(strspn(d, "0123456789abcdef"), 64);
}

static const struct {
	const char *id;
	const char *canon;	/* facts->id */
	const char *spdx;	/* facts->spdx, NULL */
	enum pa_lickind kind;
	enum pa_licclass klass;
	bool deprecated, osi;
	unsigned restrictions;
} lookups[] = {
	{ "MIT", "MIT", "MIT", PA_LICKIND_SPDX, PA_LICCLASS_LICENSE, false, true, 0 },
	{ "mit", "MIT", "MIT", PA_LICKIND_SPDX, PA_LICCLASS_LICENSE, false, true, 0 },
	{ "apache-2.0", "Apache-2.0", "Apache-2.0", PA_LICKIND_SPDX, PA_LICCLASS_LICENSE, false, true, 0 },
	{ "GPL-3.0", "GPL-3.0", "GPL-3.0", PA_LICKIND_SPDX, PA_LICCLASS_LICENSE, true, true,
	  PA_LIC_SHARE_ALIKE },
	{ "gpl-3.0", "gpl-3.0", "GPL-3.0", PA_LICKIND_HF, PA_LICCLASS_LICENSE, true, true,
	  PA_LIC_SHARE_ALIKE },
	{ "GPL-2.0+", "GPL-2.0+", "GPL-2.0+", PA_LICKIND_SPDX, PA_LICCLASS_LICENSE, true, true,
	  PA_LIC_SHARE_ALIKE },
	{ "odbl", "odbl", "ODbL-1.0", PA_LICKIND_HF, PA_LICCLASS_LICENSE, false, false,
	  PA_LIC_SHARE_ALIKE },
	{ "c-uda", "c-uda", "C-UDA-1.0", PA_LICKIND_HF, PA_LICCLASS_LICENSE, false, false, 0 },
	{ "CC-BY-NC-4.0", "CC-BY-NC-4.0", "CC-BY-NC-4.0", PA_LICKIND_SPDX, PA_LICCLASS_LICENSE,
	  false, false, PA_LIC_NON_COMMERCIAL },
	{ "cc-by-nc-nd-4.0", "CC-BY-NC-ND-4.0", "CC-BY-NC-ND-4.0", PA_LICKIND_SPDX,
	  PA_LICCLASS_LICENSE, false, false, PA_LIC_NON_COMMERCIAL | PA_LIC_NO_DERIVATIVES },
	{ "CC-BY-NC-SA-2.0-FR", "CC-BY-NC-SA-2.0-FR", "CC-BY-NC-SA-2.0-FR", PA_LICKIND_SPDX,
	  PA_LICCLASS_LICENSE, false, false, PA_LIC_NON_COMMERCIAL | PA_LIC_SHARE_ALIKE },
	{ "CC-BY-NC-3.0-IGO", "CC-BY-NC-3.0-IGO", "CC-BY-NC-3.0-IGO", PA_LICKIND_SPDX,
	  PA_LICCLASS_LICENSE, false, false, PA_LIC_NON_COMMERCIAL },
	{ "cc-by-sa-4.0", "CC-BY-SA-4.0", "CC-BY-SA-4.0", PA_LICKIND_SPDX, PA_LICCLASS_LICENSE,
	  false, false, PA_LIC_SHARE_ALIKE },
	{ "CC-BY-ND-4.0", "CC-BY-ND-4.0", "CC-BY-ND-4.0", PA_LICKIND_SPDX, PA_LICCLASS_LICENSE,
	  false, false, PA_LIC_NO_DERIVATIVES },
	{ "CDLA-Sharing-1.0", "CDLA-Sharing-1.0", "CDLA-Sharing-1.0", PA_LICKIND_SPDX,
	  PA_LICCLASS_LICENSE, false, false, PA_LIC_SHARE_ALIKE },
	{ "AGPL-3.0-only", "AGPL-3.0-only", "AGPL-3.0-only", PA_LICKIND_SPDX, PA_LICCLASS_LICENSE,
	  false, true, PA_LIC_SHARE_ALIKE },
	{ "CC0-1.0", "CC0-1.0", "CC0-1.0", PA_LICKIND_SPDX, PA_LICCLASS_LICENSE, false, false, 0 },
	{ "llama2", "llama2", "LicenseRef-llama2", PA_LICKIND_HF, PA_LICCLASS_LICENSE, false, false,
	  PA_LIC_FIELD_OF_USE },
	{ "Llama3.2", "llama3.2", "LicenseRef-llama3.2", PA_LICKIND_HF, PA_LICCLASS_LICENSE,
	  false, false, PA_LIC_FIELD_OF_USE | PA_LIC_EU_EXCLUDED },
	{ "LicenseRef-llama4", "llama4", "LicenseRef-llama4", PA_LICKIND_HF, PA_LICCLASS_LICENSE,
	  false, false, PA_LIC_FIELD_OF_USE | PA_LIC_EU_EXCLUDED },
	{ "gemma", "gemma", "LicenseRef-gemma", PA_LICKIND_HF, PA_LICCLASS_LICENSE, false, false,
	  PA_LIC_FIELD_OF_USE },
	{ "openrail++", "openrail++", "LicenseRef-openrail-plus-plus", PA_LICKIND_HF,
	  PA_LICCLASS_LICENSE, false, false, PA_LIC_FIELD_OF_USE },
	{ "LicenseRef-openrail-plus-plus", "openrail++", "LicenseRef-openrail-plus-plus",
	  PA_LICKIND_HF, PA_LICCLASS_LICENSE, false, false, PA_LIC_FIELD_OF_USE },
	{ "fair-noncommercial-research-license", "fair-noncommercial-research-license",
	  "LicenseRef-fair-noncommercial-research-license", PA_LICKIND_HF, PA_LICCLASS_LICENSE,
	  false, false, PA_LIC_NON_COMMERCIAL | PA_LIC_RESEARCH_ONLY },
	{ "deepfloyd-if-license", "deepfloyd-if-license", "LicenseRef-deepfloyd-if-license",
	  PA_LICKIND_HF, PA_LICCLASS_LICENSE, false, false,
	  PA_LIC_NON_COMMERCIAL | PA_LIC_RESEARCH_ONLY },
	{ "openmdw-1.0", "OpenMDW-1.0", "OpenMDW-1.0", PA_LICKIND_SPDX, PA_LICCLASS_LICENSE,
	  false, false, 0 },
	{ "cc", "cc", NULL, PA_LICKIND_HF, PA_LICCLASS_FAMILY, false, false, 0 },
	{ "gpl", "gpl", NULL, PA_LICKIND_HF, PA_LICCLASS_FAMILY, false, false, PA_LIC_SHARE_ALIKE },
	{ "openrail", "openrail", NULL, PA_LICKIND_HF, PA_LICCLASS_FAMILY, false, false,
	  PA_LIC_FIELD_OF_USE },
	{ "unknown", "unknown", NULL, PA_LICKIND_HF, PA_LICCLASS_UNKNOWN, false, false, 0 },
	{ "other", "other", NULL, PA_LICKIND_HF, PA_LICCLASS_OTHER, false, false, 0 },
};

static void
test_licdb_lookup_table(void)
{
	size_t i;

	for (i = 0; i < sizeof(lookups) / sizeof(lookups[0]); i++) {
		const struct pa_licfacts *f = pa_licdb_lookup(db, lookups[i].id);

		CU_ASSERT_PTR_NOT_NULL(f);
		if (f == NULL) {
			fprintf(stderr, "lookup '%s': not found\n", lookups[i].id);
			continue;
		}
		if (strcmp(f->id, lookups[i].canon) != 0 || f->restrictions != lookups[i].restrictions ||
		    f->deprecated != lookups[i].deprecated || f->osi != lookups[i].osi)
			fprintf(stderr, "lookup '%s': id %s restrictions %#x deprecated %d osi %d\n",
			    lookups[i].id, f->id, f->restrictions, f->deprecated, f->osi);
		CU_ASSERT_STRING_EQUAL(f->id, lookups[i].canon);
		if (lookups[i].spdx) {
			CU_ASSERT_STRING_EQUAL(f->spdx ? f->spdx : "(null)", lookups[i].spdx);
		} else {
			CU_ASSERT_PTR_NULL(f->spdx);
		}
		CU_ASSERT_EQUAL(f->kind, lookups[i].kind);
		CU_ASSERT_EQUAL(f->klass, lookups[i].klass);
		CU_ASSERT_EQUAL(f->deprecated, lookups[i].deprecated);
		CU_ASSERT_EQUAL(f->osi, lookups[i].osi);
		CU_ASSERT_EQUAL(f->restrictions, lookups[i].restrictions);
		if (f->restrictions != 0 || f->kind == PA_LICKIND_HF) {
			CU_ASSERT_PTR_NOT_NULL(f->note);
		}
	}
	CU_ASSERT_PTR_NULL(pa_licdb_lookup(db, "no-such-licence-1.0"));
	CU_ASSERT_PTR_NULL(pa_licdb_lookup(db, "LicenseRef-mine"));
	CU_ASSERT_PTR_NULL(pa_licdb_lookup(db, ""));
	CU_ASSERT_PTR_NOT_NULL(pa_licdb_lookup_exception(db, "LLVM-exception"));
	CU_ASSERT_PTR_NOT_NULL(pa_licdb_lookup_exception(db, "classpath-exception-2.0"));
	CU_ASSERT_PTR_NULL(pa_licdb_lookup_exception(db, "MIT"));
	CU_ASSERT_TRUE(pa_licdb_lookup_exception(db, "Nokia-Qt-exception-1.1")->deprecated);
}

static void
test_licdb_flag_names_round_trip(void)
{
	unsigned f;

	for (f = 1; f < (1u << PA_LIC_FLAG_COUNT); f <<= 1) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(pa_licflag_name(f));
		CU_ASSERT_EQUAL(pa_licflag_from_name(pa_licflag_name(f)), f);
	}
	CU_ASSERT_PTR_NULL(pa_licflag_name(PA_LIC_NON_COMMERCIAL | PA_LIC_SHARE_ALIKE));
	CU_ASSERT_EQUAL(pa_licflag_from_name("commercial"), 0);
	CU_ASSERT_STRING_EQUAL(pa_licflag_name(PA_LIC_EU_EXCLUDED), "eu-excluded");
}

/* copy the shipped data to a temporary folder, replacing one file */
static char *
data_copy(const char *replace, const char *content)
{
	static const char *const files[] = {
		"licenses.json", "exceptions.json", "hf-licenses.json", "facts.json"
	};
	char tmpl[] = "/tmp/pa-licdb-XXXXXX";
	char *dir = mkdtemp(tmpl);
	size_t i;

	if (dir == NULL)
		return NULL;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct pa_buf src = PA_BUF_INIT, dst = PA_BUF_INIT, data = PA_BUF_INIT;

		pa_buf_printf(&src, "%s/rules/spdx/%s", getenv("PACTAUDIT_DATADIR"), files[i]);
		pa_buf_printf(&dst, "%s/%s", dir, files[i]);
		if (replace != NULL && strcmp(replace, files[i]) == 0) {
			if (content != NULL)
				pa_file_write_atomic(dst.ptr, content, strlen(content), 0);
		} else if (pa_file_read(&data, src.ptr, 64u << 20, 0) == 0) {
			pa_file_write_atomic(dst.ptr, data.ptr, data.size, 0);
		}
		pa_buf_dispose(&src);
		pa_buf_dispose(&dst);
		pa_buf_dispose(&data);
	}
	return strdup(dir);
}

static const struct {
	const char *file;
	const char *content;	/* NULL: the file is missing */
	int rc;
	const char *in_message;
} broken[] = {
	{ "facts.json", NULL, PA_ENOTFOUND, "facts.json" },
	{ "licenses.json", "{ \"licenses\": [", PA_EINVALID, "licenses.json:1:" },
	{ "facts.json", "{ \"facts\": [ { \"match\": \"XYZ-*\", \"note\": \"n\" } ] }",
	  PA_EINVALID, "matches no id" },
	{ "facts.json", "{ \"facts\": [ { \"match\": \"MIT\", \"note\": \"n\", "
	  "\"restrictions\": [\"evil\"] } ] }", PA_EINVALID, "unknown restriction" },
	{ "hf-licenses.json", "{ \"licenses\": [ { \"id\": \"x\", \"spdx\": \"Nope-1.0\" } ] }",
	  PA_EINVALID, "must name an id" },
	{ "hf-licenses.json", "{ \"licenses\": [ { \"id\": \"a+b\" } ] }", PA_EINVALID, "licenseref" },
	{ "hf-licenses.json", "{ \"licenses\": [ { \"id\": \"x\" }, { \"id\": \"X\" } ] }",
	  PA_EINVALID, "listed twice" },
	{ "hf-licenses.json", "{ \"licenses\": [ { \"id\": \"x\", \"id\": \"y\" } ] }",
	  PA_EINVALID, "duplicate" },
	{ "exceptions.json", "[]", PA_EINVALID, "top level" },
	{ "licenses.json", "{ \"licenses\": [ { \"licenseId\": \"A B\" } ], "
	  "\"licenseListVersion\": \"1\" }", PA_EINVALID, "licenses[0]" },
};

static void
test_licdb_broken_data_is_an_error_naming_the_file(void)
{
	size_t i;

	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		struct pa_licdb *d = (struct pa_licdb *)&d;
		struct pa_buf rm = PA_BUF_INIT;
		char *dir = data_copy(broken[i].file, broken[i].content);
		int rc;

		CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
		rc = pa_licdb_load_dir(&d, dir);
		if (rc != broken[i].rc || pa_error_last() == NULL ||
		    strstr(pa_error_last(), broken[i].in_message) == NULL)
			fprintf(stderr, "broken[%zu]: rc %d: %s\n", i, rc,
			    pa_error_last() ? pa_error_last() : "(no message)");
		CU_ASSERT_EQUAL(rc, broken[i].rc);
		CU_ASSERT_PTR_NULL(d);
		CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last() ? pa_error_last() : "",
		    broken[i].in_message));
		pa_file_rm_rf(dir);
		free(dir);
		pa_buf_dispose(&rm);
	}
}

/* ---- <license> evidence ----------------------------------------------- */

static xmlDoc *
new_doc(xmlNode **root)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");

	*root = xmlNewNode(NULL, BAD_CAST "evidence");
	xmlDocSetRootElement(doc, *root);
	xmlSetNs(*root, xmlNewNs(*root, BAD_CAST PA_EVIDENCE_NS, NULL));
	return doc;
}

static void
dump(xmlDoc *doc)
{
	xmlDocFormatDump(stderr, doc, 1);
}

static const struct {
	const char *in;		/* NULL: missing */
	const char *status;
	const char *expression;	/* NULL: no expression attribute */
	const char *checks;	/* XPath tests on the <license> (as L), separated by " ;; " */
} cases[] = {
	{ "MIT", "valid", "MIT", "L/@osi='true' ;; L/@known='true' ;; count(L/e:id)=1 ;; "
	  "L/e:id/@kind='spdx' ;; L/e:id/@spdx='MIT' ;; L/e:id/@name='MIT'" },
	{ "apache-2.0 OR mit", "valid", "Apache-2.0 OR MIT",
	  "L/e:id[1]/@name='apache-2.0' ;; L/e:id[2]/@spdx='MIT' ;; L/@osi='true'" },
	{ "cc-by-nc-4.0 OR MIT", "valid", "CC-BY-NC-4.0 OR MIT",
	  "L/@non-commercial='false' ;; L/e:id[1]/@non-commercial='true' ;; L/@osi='true'" },
	{ "cc-by-nc-4.0 AND MIT", "valid", "CC-BY-NC-4.0 AND MIT",
	  "L/@non-commercial='true' ;; L/@osi='false'" },
	{ "cc-by-nc-sa-4.0 OR cc-by-nc-4.0", "valid", "CC-BY-NC-SA-4.0 OR CC-BY-NC-4.0",
	  "L/@non-commercial='true' ;; L/@share-alike='false'" },
	{ "Apache-2.0 OR (cc-by-nc-4.0 AND llama3.2)", "valid",
	  "Apache-2.0 OR CC-BY-NC-4.0 AND LicenseRef-llama3.2",
	  "L/@eu-excluded='false' ;; L/@non-commercial='false' ;; L/e:id[3]/@eu-excluded='true' ;; "
	  "L/e:id[3]/@kind='hf'" },
	{ "llama3.2", "valid", "LicenseRef-llama3.2",
	  "L/@eu-excluded='true' ;; L/@field-of-use='true' ;; contains(L/e:id/@note, 'multimodal')" },
	{ "LLAMA4", "valid", "LicenseRef-llama4", "L/@eu-excluded='true'" },
	{ "GPL-2.0+", "valid", "GPL-2.0+",
	  "L/@deprecated='true' ;; L/e:id/@or-later='true' ;; L/e:id/@spdx='GPL-2.0+' ;; "
	  "contains(L/e:warning, 'deprecated') ;; L/@share-alike='true'" },
	{ "GPL-2.0-only+", "valid", "GPL-2.0-only+",
	  "contains(L/e:warning, 'contradictory') ;; L/e:id/@or-later='true'" },
	{ "GPL-3.0", "valid", "GPL-3.0", "contains(L/e:warning, 'GPL-3.0-only')" },
	{ "gpl-3.0", "valid", "GPL-3.0",
	  "L/e:id/@kind='hf' ;; contains(L/e:id/@note, 'does not say') ;; count(L/e:warning)=1" },
	{ "GPL-3.0-or-later", "valid", "GPL-3.0-or-later",
	  "L/e:id/@or-later='true' ;; count(L/e:warning)=0 ;; L/@deprecated='false'" },
	{ "Apache-2.0 WITH LLVM-exception", "valid", "Apache-2.0 WITH LLVM-exception",
	  "L/e:id/@exception='LLVM-exception' ;; L/e:id/@exception-known='true'" },
	{ "apache-2.0 with llvm-exception", "valid", "Apache-2.0 WITH LLVM-exception", "true()" },
	{ "Apache-2.0 WITH Foo-exception", "unknown", "Apache-2.0 WITH Foo-exception",
	  "L/e:id/@exception-known='false' ;; L/@known='false'" },
	{ "MIT WITH AdditionRef-x", "other", "MIT WITH AdditionRef-x",
	  "L/e:id/@exception='AdditionRef-x'" },
	{ "GPL-2.0-only WITH Nokia-Qt-exception-1.1", "valid",
	  "GPL-2.0-only WITH Nokia-Qt-exception-1.1",
	  "L/@deprecated='true' ;; contains(L/e:warning, 'exception')" },
	{ "LicenseRef-llama3.1", "other", "LicenseRef-llama3.1",
	  "L/@known='true' ;; L/@field-of-use='true' ;; L/e:id/@kind='licenseref'" },
	{ "LicenseRef-mine", "other", "LicenseRef-mine",
	  "L/@known='false' ;; L/e:id/@spdx='LicenseRef-mine'" },
	{ "DocumentRef-a:LicenseRef-b", "other", "DocumentRef-a:LicenseRef-b",
	  "L/e:id/@kind='documentref' ;; L/e:id/@spdx='DocumentRef-a:LicenseRef-b'" },
	{ "cc", "family", "LicenseRef-cc", "contains(L/e:warning, 'family') ;; L/e:id/@kind='hf'" },
	{ "gpl", "family", "LicenseRef-gpl", "L/@share-alike='true'" },
	{ "openrail", "family", "LicenseRef-openrail", "L/@field-of-use='true'" },
	{ "cc AND foo-1.0", "unknown", "LicenseRef-cc AND foo-1.0",
	  "L/e:id[2]/@kind='unknown' ;; L/e:id[2]/@spdx=''" },
	{ "unknown", "unknown", "NOASSERTION", "L/@known='false'" },
	{ "NOASSERTION", "unknown", "NOASSERTION", "true()" },
	{ "NONE", "other", "NONE", "L/@known='true'" },
	{ "foo-1.0", "unknown", "foo-1.0", "L/e:id/@known='false'" },
	{ "openrail++", "valid", "LicenseRef-openrail-plus-plus", "L/@field-of-use='true'" },
	{ " Openrail++ ", "valid", "LicenseRef-openrail-plus-plus", "true()" },
	{ "odbl", "valid", "ODbL-1.0", "L/@share-alike='true' ;; L/e:id/@kind='hf'" },
	{ "c-uda", "valid", "C-UDA-1.0", "contains(L/e:id/@note, 'computational')" },
	{ "other", "other", "other", "L/@known='false' ;; L/e:id/@spdx=''" },
	{ "MIT OR", "invalid", "MIT OR",
	  "L/e:error/@offset='6' ;; contains(L/e:error, 'ends') ;; not(L/e:id) ;; L/@known='false'" },
	{ "", "invalid", NULL, "contains(L/e:error, 'empty')" },
	{ "MIT OR OR BSD-2-Clause OR GPL-2.0-only OR Apache-2.0", "invalid",
	  "MIT OR OR BSD-2-Clause OR GPL-2.0-only OR Apache-2.0",
	  "L/e:error/@offset='7' ;; contains(L/e:error, '(at \"OR BSD-2-Clause OR GPL-2...\")')" },
	{ "mit\x1b[31m", "invalid", "mit\\x1b[31m", "contains(L/e:error, '\\x1b')" },
	{ NULL, "missing", NULL, "not(L/e:id) ;; not(L/e:error) ;; L/@known='false' ;; L/@from='license'" },
};

static void
check_all(xmlDoc *doc, const char *in, const char *checks)
{
	char *copy = strdup(checks), *p = copy;

	while (p != NULL) {
		char *end = strstr(p, " ;; ");
		struct pa_buf x = PA_BUF_INIT;
		const char *s;

		if (end != NULL)
			*end = '\0';
		/* L stands for the <license> */
		for (s = p; *s; s++) {
			if (*s == 'L' && (s == p || s[-1] == ' ' || s[-1] == '(') && s[1] == '/')
				pa_buf_puts(&x, "/*/e:license");
			else
				pa_buf_putc(&x, *s);
		}
		if (!xp_true(doc, x.ptr)) {
			fprintf(stderr, "'%s': false: %s\n", in ? in : "(missing)", x.ptr);
			dump(doc);
		}
		CU_ASSERT_TRUE(xp_true(doc, x.ptr));
		pa_buf_dispose(&x);
		p = end ? end + 4 : NULL;
	}
	free(copy);
}

static void
test_licdb_license_evidence_table(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pa_evsrc from = { "models/x/README.md", "0123abcd" };
		struct pa_buf x = PA_BUF_INIT;
		xmlNode *root;
		xmlDoc *doc = new_doc(&root);

		CU_ASSERT_EQUAL(pa_license_to_evidence(root, db, cases[i].in, "license", &from, 3), 0);
		pa_buf_printf(&x, "/*/e:license[@status='%s'][@src='models/x/README.md']"
		    "[@blob='0123abcd']", cases[i].status);
		if (cases[i].in != NULL)
			pa_buf_puts(&x, "[@line='3']");
		if (!xp_true(doc, x.ptr)) {
			fprintf(stderr, "case[%zu] '%s': expected %s\n", i, cases[i].in, x.ptr);
			dump(doc);
		}
		CU_ASSERT_TRUE(xp_true(doc, x.ptr));
		pa_buf_clear(&x);
		if (cases[i].expression)
			pa_buf_printf(&x, "/*/e:license/@expression='%s'", cases[i].expression);
		else
			pa_buf_puts(&x, "not(/*/e:license/@expression)");
		if (!xp_true(doc, x.ptr)) {
			fprintf(stderr, "case[%zu] '%s': expected %s\n", i, cases[i].in, x.ptr);
			dump(doc);
		}
		CU_ASSERT_TRUE(xp_true(doc, x.ptr));
		check_all(doc, cases[i].in, cases[i].checks);
		pa_buf_dispose(&x);
		xmlFreeDoc(doc);
	}
}

static void
test_licdb_items_combine_with_and(void)
{
	struct pa_evsrc from = { "datasets/d/README.md", NULL };
	struct pa_license_ctx ctx = { .from_key = "license", .line = 4 };
	struct pa_license_item two[] = {
		{ "cc-by-4.0", 9, 5 }, { "other", 5, 6 },
	};
	struct pa_license_item bad_second[] = {
		{ "mit", 3, 5 }, { "MIT OR", 6, 6 }, { NULL, 0, 7 },
	};
	struct pa_license_item either[] = { { "MIT OR cc-by-nc-4.0", 19, 5 }, { "llama2", 6, 6 } };
	xmlNode *root;
	xmlDoc *doc = new_doc(&root);

	CU_ASSERT_EQUAL(pa_license_items_to_evidence(root, db, &ctx, two, 2, &from), 0);
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:license[@status='other']"
	    "[@expression='CC-BY-4.0 AND other'][@line='4']"));
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:license/e:id[@name='other'][@line='6']"));
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:license/e:id[@name='cc-by-4.0'][@line='5']"));
	CU_ASSERT_TRUE(xp_true(doc, "not(/*/e:license/@license-name)"));
	xmlFreeDoc(doc);

	doc = new_doc(&root);
	CU_ASSERT_EQUAL(pa_license_items_to_evidence(root, db, &ctx, bad_second, 3, &from), 0);
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:license[@status='invalid'][@expression='mit AND MIT OR']"));
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:license/e:error[@item='2'][@offset='6'][@line='6']"));
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:license/e:error[@item='3'][@line='7']"
	    "[contains(., 'must be a string')]"));
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:license/e:id[@name='mit']"));
	xmlFreeDoc(doc);

	/* AND over the list, OR inside an item */
	doc = new_doc(&root);
	CU_ASSERT_EQUAL(pa_license_items_to_evidence(root, db, &ctx, either, 2, &from), 0);
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:license[@status='valid']"
	    "[@expression='(MIT OR CC-BY-NC-4.0) AND LicenseRef-llama2']"
	    "[@non-commercial='false'][@field-of-use='true']"));
	xmlFreeDoc(doc);

	doc = new_doc(&root);
	CU_ASSERT_EQUAL(pa_license_items_to_evidence(root, db, &ctx, two, 0, &from), 0);
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:license[@status='invalid']/e:error[.='empty licence list']"));
	xmlFreeDoc(doc);
}

static void
test_licdb_other_takes_license_name(void)
{
	struct pa_evsrc from = { "models/m/README.md", NULL };
	struct pa_license_ctx ctx = { .from_key = "license", .line = 2,
	    .license_name = "llama3", .license_link = "LICENSE" };
	struct pa_license_item other = { "other", 5, 2 };
	xmlNode *root;
	xmlDoc *doc = new_doc(&root);

	CU_ASSERT_EQUAL(pa_license_items_to_evidence(root, db, &ctx, &other, 1, &from), 0);
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:license[@status='other'][@expression='other']"
	    "[@license-name='llama3'][@license-link='LICENSE'][@known='true'][@field-of-use='true']"
	    "/e:id[@name='other'][@spdx='LicenseRef-llama3']"));
	xmlFreeDoc(doc);

	/* a name that is not an idstring still makes a LicenseRef- */
	ctx.license_name = "My Licence v2 (custom)";
	doc = new_doc(&root);
	CU_ASSERT_EQUAL(pa_license_items_to_evidence(root, db, &ctx, &other, 1, &from), 0);
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:license[@status='other'][@known='false']"
	    "[@expression='other']/e:id[@spdx='LicenseRef-My-Licence-v2--custom-']"));
	xmlFreeDoc(doc);
}

static void
test_licdb_error_evidence(void)
{
	struct pa_license_ctx ctx = { .from_key = "license", .line = 1 };
	xmlNode *root;
	xmlDoc *doc = new_doc(&root);

	CU_ASSERT_EQUAL(pa_license_error_to_evidence(root, &ctx, "cannot read", NULL), 0);
	CU_ASSERT_TRUE(xp_true(doc, "/*/e:license[@status='invalid'][@known='false']"
	    "[e:error='cannot read'][not(@src)]"));
	xmlFreeDoc(doc);
}

static CU_TestInfo spdx_tests[] = {
	{ "good expressions parse with precedence", test_spdx_good_expressions_parse_with_precedence },
	{ "bad expressions say where", test_spdx_bad_expressions_say_where },
	{ "node offsets cover the input", test_spdx_node_offsets_cover_the_input },
	{ "length and depth limits", test_spdx_limits },
	CU_TEST_INFO_NULL
};

static CU_TestInfo licdb_tests[] = {
	{ "version and digest", test_licdb_version_and_digest },
	{ "lookup table", test_licdb_lookup_table },
	{ "flag names round trip", test_licdb_flag_names_round_trip },
	{ "broken data is an error naming the file", test_licdb_broken_data_is_an_error_naming_the_file },
	{ "license evidence table", test_licdb_license_evidence_table },
	{ "list items combine with AND", test_licdb_items_combine_with_and },
	{ "other takes license_name", test_licdb_other_takes_license_name },
	{ "error evidence", test_licdb_error_evidence },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "spdx", NULL, NULL, NULL, NULL, spdx_tests },
	{ "licdb", licdb_setup, licdb_teardown, NULL, NULL, licdb_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
