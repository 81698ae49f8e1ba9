/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for sig/ and cache/: rights, policies, judgement, fact encodings, cache, registry, workers. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache/cache.h"
#include "dossier/history.h"
#include "lib/cutest.h"
#include "parse/xml.h"
#include "sig/facts.h"
#include "sig/gpg.h"
#include "sig/policy.h"
#include "sig/pool.h"
#include "sig/registry.h"
#include "sig/sig.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"

#define FA "0123456789ABCDEF0123456789ABCDEF01234567"
#define FA_SPACED "0123 4567 89ab cdef 0123  4567 89AB CDEF 0123 4567"
#define FA_NORM FA
#define FB "89ABCDEF0123456789ABCDEF0123456789ABCDEF"

static char tmpdir[64];

static int
suite_init(void)
{
	pa_digest_global_init();
	pa_xml_global_init();
	if (pa_gpg_global_init() < 0)
		return 1;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/pa-test-sig.XXXXXX");
	return mkdtemp(tmpdir) == NULL;
}

static int
suite_clean(void)
{
	pa_file_rm_rf(tmpdir);
	pa_xml_global_cleanup();
	return 0;
}

static void
write_file(const char *name, const char *text, char *path, size_t size)
{
	snprintf(path, size, "%s/%s", tmpdir, name);
	CU_ASSERT_EQUAL_FATAL(pa_file_write_atomic(path, text, strlen(text), 0), 0);
}

/* ---- rights and fingerprints ---- */

static void
test_sig_rights(void)
{
	static const struct {
		const char *in;
		unsigned rights;
		const char *unknown;
		const char *canonical;
	} rows[] = {
		{ "commit", PA_RIGHT_COMMIT, NULL, "commit" },
		{ "signers tag  pact\tcommit", 15, NULL, "commit pact tag signers" },
		{ "pact,commit", PA_RIGHT_COMMIT | PA_RIGHT_PACT, NULL, "commit pact" },
		{ "", 0, NULL, "" },
		{ "commit root", PA_RIGHT_COMMIT, "root", "commit" },
		{ "Commit", 0, "Commit", "" },
		{ "commitx pact", PA_RIGHT_PACT, "commitx", "pact" },
	};
	struct pa_buf b = PA_BUF_INIT;
	const char *unknown;
	size_t ulen, i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		CU_ASSERT_EQUAL(pa_rights_parse(rows[i].in, &unknown, &ulen), rows[i].rights);
		if (rows[i].unknown == NULL) {
			CU_ASSERT_PTR_NULL(unknown);
		} else {
			CU_ASSERT_PTR_NOT_NULL_FATAL(unknown);
			CU_ASSERT_EQUAL(ulen, strlen(rows[i].unknown));
			CU_ASSERT_EQUAL(strncmp(unknown, rows[i].unknown, ulen), 0);
		}
		pa_buf_clear(&b);
		CU_ASSERT_EQUAL(pa_rights_format(&b, rows[i].rights), 0);
		CU_ASSERT_STRING_EQUAL(b.ptr, rows[i].canonical);
	}
	CU_ASSERT_EQUAL(pa_rights_parse(NULL, NULL, NULL), 0);
	pa_buf_dispose(&b);
}

static void
test_sig_rights_for_changes(void)
{
	CU_ASSERT_EQUAL(pa_rights_for_changes(0), PA_RIGHT_COMMIT);
	CU_ASSERT_EQUAL(pa_rights_for_changes(PA_HISTORY_CHANGE_KEYS), PA_RIGHT_COMMIT);
	CU_ASSERT_EQUAL(pa_rights_for_changes(PA_HISTORY_CHANGE_COMMITMENTS),
	    PA_RIGHT_COMMIT | PA_RIGHT_PACT);
	CU_ASSERT_EQUAL(pa_rights_for_changes(PA_HISTORY_CHANGE_PACT_SIG),
	    PA_RIGHT_COMMIT | PA_RIGHT_PACT);
	CU_ASSERT_EQUAL(pa_rights_for_changes(PA_HISTORY_CHANGE_SIGNERS),
	    PA_RIGHT_COMMIT | PA_RIGHT_SIGNERS);
	CU_ASSERT_EQUAL(pa_rights_for_changes(PA_HISTORY_CHANGE_SIGNERS | PA_HISTORY_CHANGE_COMMITMENTS),
	    PA_RIGHT_COMMIT | PA_RIGHT_PACT | PA_RIGHT_SIGNERS);
}

static void
test_sig_fpr_normalise(void)
{
	static const struct {
		const char *in;
		const char *out;	/* NULL: rejected */
	} rows[] = {
		{ FA, FA },
		{ "0123 4567 89ab cdef 0123  4567 89AB CDEF 0123 4567", FA },
		{ "0x0123456789abcdef0123456789abcdef01234567", FA },
		{ "0123456789ABCDEF", NULL },			/* a key id is not a fingerprint */
		{ FA "0", NULL },
		{ "0123456789ABCDEF0123456789ABCDEF0123456G", NULL },
		{ FA FA "012345", NULL },
		{ FA "0123456789ABCDEF0123456789ABCDEF01234567" "012345", NULL },
		{ "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
		  "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF" },	/* v5 */
		{ "", NULL },
	};
	char out[65];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		CU_ASSERT_EQUAL(pa_fpr_normalise(out, rows[i].in), rows[i].out != NULL);
		CU_ASSERT_STRING_EQUAL(out, rows[i].out ? rows[i].out : "");
	}
	CU_ASSERT_FALSE(pa_fpr_normalise(out, NULL));
}

/* ---- policies ---- */

static struct pa_policy *
parse_policy(const char *xml, struct pa_diag *diag)
{
	struct pa_policy *p = NULL;

	CU_ASSERT_EQUAL(pa_policy_parse(&p, xml, strlen(xml), "pact/signers.xml", diag), 0);
	CU_ASSERT_PTR_NOT_NULL(p);
	return p;
}

static bool
has_diag(const struct pa_diag *d, const char *code, long line)
{
	size_t i;

	for (i = 0; i < d->count; i++) {
		if (strcmp(d->entries[i].code, code) == 0 && (line == 0 || d->entries[i].line == line))
			return true;
	}
	return false;
}

static void
test_sig_policy_parse(void)
{
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_policy *p;
	const struct pa_signer *s;

	p = parse_policy("<signers xmlns=\"urn:pactaudit:signers:1\" version=\"1\">\n"
	    "  <signer fingerprint=\"" FA "\" name=\"Jane\" email=\"j@x\" rights=\"commit pact\"/>\n"
	    "  <signer fingerprint=\"89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef\" rights=\"tag nope\"/>\n"
	    "  <signer fingerprint=\"12\" name=\"Short\" rights=\"commit\"/>\n"
	    "  <signer fingerprint=\"" FA "\" name=\"Again\" rights=\"signers\"/>\n"
	    "  <other fingerprint=\"" FB "\"/>\n"
	    "</signers>\n", &diag);
	CU_ASSERT_EQUAL_FATAL(p->count, 2);
	s = pa_policy_find(p, FA);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_STRING_EQUAL(s->name, "Jane");
	CU_ASSERT_STRING_EQUAL(s->email, "j@x");
	CU_ASSERT_EQUAL(s->rights, PA_RIGHT_COMMIT | PA_RIGHT_PACT);	/* the duplicate adds nothing */
	CU_ASSERT_EQUAL(s->line, 2);
	s = pa_policy_find(p, FB);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(s->rights, PA_RIGHT_TAG);
	CU_ASSERT_PTR_NULL(pa_policy_find(p, "0000000000000000000000000000000000000000"));
	CU_ASSERT_TRUE(has_diag(&diag, "signers-right", 3));
	CU_ASSERT_TRUE(has_diag(&diag, "signers-fingerprint", 4));
	CU_ASSERT_TRUE(has_diag(&diag, "signers-duplicate", 5));
	pa_policy_free(p);
	pa_diag_dispose(&diag);

	/* wrong namespace, malformed, DOCTYPE: an empty policy and a diagnostic */
	p = parse_policy("<signers><signer fingerprint=\"" FA "\" rights=\"commit\"/></signers>", &diag);
	CU_ASSERT_EQUAL(p->count, 0);
	CU_ASSERT_TRUE(has_diag(&diag, "signers-root", 1));
	pa_policy_free(p);
	pa_diag_dispose(&diag);
	p = parse_policy("<signers xmlns=\"urn:pactaudit:signers:1\">\n<signer", &diag);
	CU_ASSERT_EQUAL(p->count, 0);
	CU_ASSERT_TRUE(has_diag(&diag, "xml-malformed", 0));
	pa_policy_free(p);
	pa_diag_dispose(&diag);
	p = parse_policy("<!DOCTYPE s [<!ENTITY f SYSTEM \"file:///etc/passwd\">]>"
	    "<signers xmlns=\"urn:pactaudit:signers:1\"><signer fingerprint=\"" FA
	    "\" name=\"&f;\" rights=\"commit\"/></signers>", &diag);
	CU_ASSERT_EQUAL(p->count, 0);
	CU_ASSERT_TRUE(has_diag(&diag, "xml-doctype", 0));
	pa_policy_free(p);
	pa_diag_dispose(&diag);
	p = parse_policy("", &diag);
	CU_ASSERT_EQUAL(p->count, 0);
	pa_policy_free(p);
	pa_diag_dispose(&diag);
}

/* ---- judging one signature ---- */

#define DAY 86400LL
#define T0 1767225600LL	/* 2026-01-01T00:00:00Z */

static void
test_sig_judge(void)
{
	static const struct {
		const char *what;
		enum pa_sig_outcome outcome;
		const char *fpr;
		long long created, sig_expires;
		long long as_of;
		unsigned needed;
		enum pa_sig_status status;
		bool authorised;
		unsigned missing;
	} rows[] = {
		{ "good, every right", PA_SIG_OUTCOME_VALID, FA, T0, 0, T0 + DAY,
		  PA_RIGHT_COMMIT | PA_RIGHT_PACT, PA_SIG_GOOD, true, 0 },
		{ "good by subkey", PA_SIG_OUTCOME_VALID, "SUBKEY00000000000000000000000000000000AA", T0, 0,
		  T0 + DAY, PA_RIGHT_COMMIT, PA_SIG_GOOD, true, 0 },
		{ "good by key id", PA_SIG_OUTCOME_VALID, "89ABCDEF01234567", T0, 0, T0 + DAY,
		  PA_RIGHT_COMMIT, PA_SIG_GOOD, true, 0 },
		{ "missing a right", PA_SIG_OUTCOME_VALID, FB, T0, 0, T0 + DAY,
		  PA_RIGHT_COMMIT | PA_RIGHT_SIGNERS, PA_SIG_GOOD, false, PA_RIGHT_SIGNERS },
		{ "bad", PA_SIG_OUTCOME_BAD, FA, T0, 0, T0, PA_RIGHT_COMMIT, PA_SIG_BAD, false,
		  0 },
		{ "gnupg error", PA_SIG_OUTCOME_ERROR, "", 0, 0, T0, PA_RIGHT_COMMIT, PA_SIG_BAD,
		  false, PA_RIGHT_COMMIT },
		{ "unsigned", PA_SIG_OUTCOME_NONE, "", 0, 0, T0, PA_RIGHT_COMMIT, PA_SIG_MISSING,
		  false, PA_RIGHT_COMMIT },
		{ "ssh", PA_SIG_OUTCOME_UNSUPPORTED, "", 0, 0, T0, PA_RIGHT_COMMIT, PA_SIG_MISSING,
		  false, PA_RIGHT_COMMIT },
		{ "no key", PA_SIG_OUTCOME_NO_KEY, "1111111111111111", T0, 0, T0, PA_RIGHT_COMMIT,
		  PA_SIG_UNKNOWN_KEY, false, PA_RIGHT_COMMIT },
		{ "valid but not in the keyset", PA_SIG_OUTCOME_VALID,
		  "2222222222222222222222222222222222222222", T0, 0, T0, PA_RIGHT_COMMIT,
		  PA_SIG_UNKNOWN_KEY, false, PA_RIGHT_COMMIT },
		{ "revoked", PA_SIG_OUTCOME_VALID, "3333333333333333333333333333333333333333", T0, 0,
		  T0, PA_RIGHT_COMMIT, PA_SIG_REVOKED_KEY, false, 0 },
		{ "key expires later", PA_SIG_OUTCOME_VALID, "4444444444444444444444444444444444444444",
		  T0, 0, T0 + 9 * DAY, PA_RIGHT_COMMIT, PA_SIG_GOOD, true, 0 },
		{ "key expired at as-of", PA_SIG_OUTCOME_VALID, "4444444444444444444444444444444444444444",
		  T0, 0, T0 + 10 * DAY, PA_RIGHT_COMMIT, PA_SIG_EXPIRED_KEY, false, 0 },
		{ "signed after the key expired", PA_SIG_OUTCOME_VALID,
		  "4444444444444444444444444444444444444444", T0 + 11 * DAY, 0, T0 + DAY,
		  PA_RIGHT_COMMIT, PA_SIG_EXPIRED_KEY, false, 0 },
		{ "signature expires later", PA_SIG_OUTCOME_VALID, FA, T0, T0 + 2 * DAY, T0 + DAY,
		  PA_RIGHT_COMMIT, PA_SIG_GOOD, true, 0 },
		{ "signature expired", PA_SIG_OUTCOME_VALID, FA, T0, T0 + 2 * DAY, T0 + 2 * DAY,
		  PA_RIGHT_COMMIT, PA_SIG_EXPIRED_SIGNATURE, false, 0 },
		{ "not in the policy", PA_SIG_OUTCOME_VALID, "5555555555555555555555555555555555555555",
		  T0, 0, T0, PA_RIGHT_COMMIT | PA_RIGHT_PACT, PA_SIG_UNTRUSTED_SIGNER, false,
		  PA_RIGHT_COMMIT | PA_RIGHT_PACT },
	};
	struct pa_key_fact keys[] = {
		{ FA, FA, (char *)"Jane <j@x>", 0, false },
		{ "SUBKEY00000000000000000000000000000000AA", FA, (char *)"Jane <j@x>", 0, false },
		{ FB, FB, NULL, 0, false },
		{ "3333333333333333333333333333333333333333", "3333333333333333333333333333333333333333",
		  NULL, 0, true },
		{ "4444444444444444444444444444444444444444", "4444444444444444444444444444444444444444",
		  NULL, T0 + 10 * DAY, false },
		{ "5555555555555555555555555555555555555555", "5555555555555555555555555555555555555555",
		  NULL, 0, false },
	};
	struct pa_keyset ks = { keys, sizeof(keys) / sizeof(keys[0]) };
	struct pa_policy *p = NULL;
	struct pa_sig_verdict v;
	struct pa_sig_fact f;
	size_t i;

	CU_ASSERT_EQUAL_FATAL(pa_policy_new(&p), 0);
	CU_ASSERT_EQUAL(pa_policy_add(p, FA, "Jane", 15), 0);
	CU_ASSERT_EQUAL(pa_policy_add(p, FB, "Bob", PA_RIGHT_COMMIT), 0);
	CU_ASSERT_EQUAL(pa_policy_add(p, "3333333333333333333333333333333333333333", NULL, 15), 0);
	CU_ASSERT_EQUAL(pa_policy_add(p, "4444444444444444444444444444444444444444", NULL, 15), 0);
	CU_ASSERT_EQUAL(pa_policy_add(p, "not a fingerprint", NULL, 15), PA_EINVALID);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		memset(&f, 0, sizeof(f));
		f.outcome = rows[i].outcome;
		snprintf(f.fpr, sizeof(f.fpr), "%s", rows[i].fpr);
		f.created = rows[i].created;
		f.expires = rows[i].sig_expires;
		pa_sig_judge(&v, &f, &ks, rows[i].as_of, p, rows[i].needed);
		if (v.status != rows[i].status || v.authorised != rows[i].authorised ||
		    v.missing != rows[i].missing)
			fprintf(stderr, "\njudge row '%s': status %s authorised %d missing %u\n",
			    rows[i].what, pa_sig_status_name(v.status), v.authorised, v.missing);
		CU_ASSERT_EQUAL(v.status, rows[i].status);
		CU_ASSERT_EQUAL(v.authorised, rows[i].authorised);
		CU_ASSERT_EQUAL(v.missing, rows[i].missing);
		CU_ASSERT_EQUAL(v.needed, rows[i].needed);
	}
	/* the subkey's signature names the primary key and its user id */
	memset(&f, 0, sizeof(f));
	snprintf(f.fpr, sizeof(f.fpr), "SUBKEY00000000000000000000000000000000AA");
	pa_sig_judge(&v, &f, &ks, T0, p, PA_RIGHT_COMMIT);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v.key);
	CU_ASSERT_STRING_EQUAL(v.key->primary, FA);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v.signer);
	CU_ASSERT_STRING_EQUAL(v.signer->name, "Jane");
	for (i = 0; i <= PA_SIG_UNTRUSTED_SIGNER; i++)
		CU_ASSERT_PTR_NOT_NULL(pa_sig_status_name((enum pa_sig_status)i));
	CU_ASSERT_STRING_EQUAL(pa_sig_status_name(PA_SIG_EXPIRED_SIGNATURE), "expired-signature");
	CU_ASSERT_STRING_EQUAL(pa_sig_status_name(PA_SIG_UNTRUSTED_SIGNER), "untrusted-signer");
	pa_policy_free(p);
}

/* ---- cache records ---- */

static void
test_sig_facts_roundtrip(void)
{
	struct pa_sig_fact in[3], *out = NULL;
	struct pa_buf b = PA_BUF_INIT;
	enum pa_history_sigformat fmt = PA_HISTORY_SIG_NONE;
	size_t n = 0;

	memset(in, 0, sizeof(in));
	in[0].outcome = PA_SIG_OUTCOME_VALID;
	snprintf(in[0].fpr, sizeof(in[0].fpr), FA);
	in[0].created = T0;
	in[0].expires = T0 + DAY;
	in[1].outcome = PA_SIG_OUTCOME_ERROR;
	snprintf(in[1].note, sizeof(in[1].note), "odd: 100%% sure\nreally\x01\xff");
	in[2].outcome = PA_SIG_OUTCOME_UNSUPPORTED;
	snprintf(in[2].note, sizeof(in[2].note), "-ssh");
	CU_ASSERT_EQUAL(pa_sig_facts_encode(&b, PA_HISTORY_SIG_OPENPGP, in, 3), 0);
	CU_ASSERT_EQUAL(memchr(b.ptr, '\x01', b.size), NULL);
	CU_ASSERT_EQUAL(strncmp(b.ptr, "{\"pactaudit\":\"sig-object\",", 26), 0);
	CU_ASSERT_EQUAL_FATAL(pa_sig_facts_decode(&fmt, &out, &n, b.ptr, b.size), 0);
	CU_ASSERT_EQUAL_FATAL(n, 3);
	CU_ASSERT_EQUAL(fmt, PA_HISTORY_SIG_OPENPGP);
	CU_ASSERT_EQUAL(memcmp(in, out, sizeof(in)), 0);
	free(out);
	pa_buf_dispose(&b);
}

static void
test_sig_facts_malformed(void)
{
#define OBJ(body) "{\"pactaudit\":\"sig-object\",\"version\":1,\"data\":" body "}"
	static const char *const rows[] = {
		"",
		"1\nsig 0 - 0 0 -\n",			/* the text format of older versions */
		"{\"pactaudit\":\"sig-object\",\"version\":2,\"data\":{\"format\":1,\"facts\":[[0,\"\",0,0,\"\"]]}}",
		"{\"pactaudit\":\"sig-keys\",\"version\":1,\"data\":[]}",
		OBJ("{\"format\":1,\"facts\":[]}"),		/* no facts */
		OBJ("{\"format\":9,\"facts\":[[0,\"\",0,0,\"\"]]}"),	/* format out of range */
		OBJ("{\"format\":1,\"facts\":[[9,\"\",0,0,\"\"]]}"),	/* outcome out of range */
		OBJ("{\"format\":1,\"facts\":[[0,\"\",\"x\",0,\"\"]]}"),
		OBJ("{\"format\":1,\"facts\":[[0,\"\",0,0]]}"),		/* a field short */
		OBJ("{\"format\":1,\"facts\":[[0,\"\",0,0,\"\",1]]}"),
		OBJ("{\"format\":1,\"facts\":[[0,\"\",0,0,\"\"]],\"x\":1}"),
		OBJ("{\"format\":1,\"facts\":[[0,{\"hex\":\"0\"},0,0,\"\"]]}"),	/* odd hex */
		OBJ("{\"format\":1,\"facts\":[[0,\"a\\u0000b\",0,0,\"\"]]}"),	/* NUL */
		OBJ("{\"format\":1,\"facts\":[[0,\"" FA FA FA "\",0,0,\"\"]]}"),	/* too long */
		OBJ("{\"format\":1,\"facts\":[[0,null,0,0,\"\"]]}"),
	};
#undef OBJ
	struct pa_sig_fact *out;
	enum pa_history_sigformat fmt;
	size_t n, i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		out = NULL;
		CU_ASSERT_EQUAL(pa_sig_facts_decode(&fmt, &out, &n, rows[i], strlen(rows[i])),
		    PA_ENOTFOUND);
		CU_ASSERT_PTR_NULL(out);
	}
}

static void
test_sig_keyset_roundtrip(void)
{
	struct pa_key_fact keys[] = {
		{ FA, FA, (char *)"Jane Doe <jane@x> (100% real)", T0, false },
		{ FB, FA, NULL, 0, true },
		{ FB, FB, (char *)"Latin-1 J\xf6rg", 0, false },
	};
	struct pa_keyset in = { keys, 3 }, out;
	struct pa_buf b = PA_BUF_INIT;

	/* a soft revocation keeps its kind and time through the record */
	keys[1].revocation = PA_REVOCATION_RETIRED;
	keys[1].revoked_at = T0;

	CU_ASSERT_EQUAL(pa_keyset_encode(&b, &in), 0);
	CU_ASSERT_EQUAL_FATAL(pa_keyset_decode(&out, b.ptr, b.size), 0);
	CU_ASSERT_EQUAL_FATAL(out.count, 3);
	CU_ASSERT_STRING_EQUAL(out.keys[0].uid, "Jane Doe <jane@x> (100% real)");
	CU_ASSERT_STRING_EQUAL(out.keys[1].primary, FA);
	CU_ASSERT_PTR_NULL(out.keys[1].uid);
	CU_ASSERT_STRING_EQUAL(out.keys[2].uid, "Latin-1 J\xf6rg");
	CU_ASSERT_EQUAL(out.keys[0].expires, T0);
	CU_ASSERT_TRUE(out.keys[1].revoked);
	CU_ASSERT_EQUAL(out.keys[1].revocation, PA_REVOCATION_RETIRED);
	CU_ASSERT_EQUAL(out.keys[1].revoked_at, T0);
	CU_ASSERT_FALSE(out.keys[2].revoked);
	CU_ASSERT_EQUAL(out.keys[2].revocation, PA_REVOCATION_NONE);
	CU_ASSERT_PTR_NOT_NULL(pa_keyset_find(&out, "0123456789abcdef0123456789abcdef01234567"));
	CU_ASSERT_PTR_NOT_NULL(pa_keyset_find(&out, "89ABCDEF01234567"));	/* FA's key id */
	CU_ASSERT_PTR_NULL(pa_keyset_find(&out, "FFFFFFFFFFFFFFFF"));
	pa_keyset_dispose(&out);
	/* the text of older versions, a short key, trailing bytes, another kind */
	{
		static const char *const bad[] = {
			"keys 0\n",
			"{\"pactaudit\":\"sig-keys\",\"version\":2,\"data\":[[\"" FA "\",\"" FA "\",0,0]]}",
			"{\"pactaudit\":\"sig-keys\",\"version\":1,\"data\":[[\"" FA "\",\"" FA "\",0,false,null]]}",
			"{\"pactaudit\":\"sig-keys\",\"version\":2,\"data\":[]}x",
			"{\"pactaudit\":\"sig-keys\",\"version\":2,\"data\":{}}",
			"{\"pactaudit\":\"sig-object\",\"version\":1,\"data\":[]}",
		};
		size_t i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			CU_ASSERT_EQUAL(pa_keyset_decode(&out, bad[i], strlen(bad[i])), PA_ENOTFOUND);
			CU_ASSERT_EQUAL(out.count, 0);
		}
	}
	{
		static const char none[] = "{\"pactaudit\":\"sig-keys\",\"version\":2,\"data\":[]}";

		CU_ASSERT_EQUAL(pa_keyset_decode(&out, none, sizeof(none) - 1), 0);
	}
	CU_ASSERT_EQUAL(out.count, 0);
	pa_keyset_dispose(&out);
	pa_buf_dispose(&b);
}

/* ---- the on-disk cache ---- */

static void
test_cache_roundtrip_and_damage(void)
{
	struct pa_cache *c = NULL;
	struct pa_buf v = PA_BUF_INIT, path = PA_BUF_INIT;
	char xdg[128], keyhex[PA_DIGEST_HEXLEN + 1];
	const char *key = "commit abc\nsig-facts 1\nkeyring\n";
	FILE *fp;

	snprintf(xdg, sizeof(xdg), "%s/xdg", tmpdir);
	setenv("XDG_CACHE_HOME", xdg, 1);
	CU_ASSERT_EQUAL_FATAL(pa_cache_open(&c, "sig"), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pa_cache_dir(c));
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_cache_dir(c), "/xdg/pactaudit/sig"));
	CU_ASSERT_EQUAL(pa_cache_get(&v, c, key), PA_ENOTFOUND);
	CU_ASSERT_EQUAL(pa_error_last(), NULL);
	CU_ASSERT_EQUAL(pa_cache_put(c, key, "one\ntwo\n", 8), 0);
	CU_ASSERT_EQUAL(pa_cache_get(&v, c, key), 0);
	CU_ASSERT_STRING_EQUAL(v.ptr, "one\ntwo\n");
	pa_buf_clear(&v);
	CU_ASSERT_EQUAL(pa_cache_put(c, key, "three", 5), 0);	/* replaced */
	CU_ASSERT_EQUAL(pa_cache_get(&v, c, key), 0);
	CU_ASSERT_STRING_EQUAL(v.ptr, "three");
	pa_buf_clear(&v);
	CU_ASSERT_EQUAL(pa_cache_get(&v, c, "commit abd\n"), PA_ENOTFOUND);

	/* a damaged entry is a miss */
	CU_ASSERT_EQUAL_FATAL(pa_digest_sha256(keyhex, key, strlen(key)), 0);
	pa_buf_printf(&path, "%s/%.2s/%s", pa_cache_dir(c), keyhex, keyhex + 2);
	fp = fopen(path.ptr, "ab");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs("x", fp);
	fclose(fp);
	CU_ASSERT_EQUAL(pa_cache_get(&v, c, key), PA_ENOTFOUND);
	CU_ASSERT_EQUAL(pa_file_write_atomic(path.ptr, "pactaudit-cache 1 zz", 20, 0), 0);
	CU_ASSERT_EQUAL(pa_cache_get(&v, c, key), PA_ENOTFOUND);
	CU_ASSERT_EQUAL(v.size, 0);
	pa_cache_free(c);

	/* no location: a cache that holds nothing */
	unsetenv("XDG_CACHE_HOME");
	{
		char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;

		unsetenv("HOME");
		CU_ASSERT_EQUAL_FATAL(pa_cache_open(&c, "sig"), 0);
		CU_ASSERT_PTR_NULL(pa_cache_dir(c));
		CU_ASSERT_EQUAL(pa_cache_put(c, key, "x", 1), 0);
		CU_ASSERT_EQUAL(pa_cache_get(&v, c, key), PA_ENOTFOUND);
		pa_cache_free(c);
		if (home != NULL) {
			setenv("HOME", home, 1);
			free(home);
		}
	}
	/* a relative XDG_CACHE_HOME is ignored (XDG base directory specification) */
	setenv("XDG_CACHE_HOME", "relative", 1);
	CU_ASSERT_EQUAL_FATAL(pa_cache_open(&c, "sig"), 0);
	CU_ASSERT_TRUE(pa_cache_dir(c) == NULL || strncmp(pa_cache_dir(c), "relative", 8) != 0);
	pa_cache_free(c);
	unsetenv("XDG_CACHE_HOME");
	pa_buf_dispose(&path);
	pa_buf_dispose(&v);
}

/* The framing alone (no folder): bound to the key and the secret, any byte changed is a miss. */
static void
test_cache_entry_framing(void)
{
#define HEAD "{\"pactaudit\":\"cache-entry\",\"version\":3,"
	unsigned char secret[PA_CACHE_SECRET_LEN], other[PA_CACHE_SECRET_LEN];
	struct pa_buf e = PA_BUF_INIT, v = PA_BUF_INIT;
	const char *key = "commit abc\n";
	size_t i;

	for (i = 0; i < PA_CACHE_SECRET_LEN; i++) {
		secret[i] = (unsigned char)i;
		other[i] = (unsigned char)(i + 1);
	}
	CU_ASSERT_EQUAL_FATAL(pa_cache_entry_encode(&e, secret, key, "a\0b", 3), 0);
	CU_ASSERT_EQUAL(strncmp(e.ptr, HEAD, sizeof(HEAD) - 1), 0);
	CU_ASSERT_EQUAL(pa_cache_entry_decode(&v, secret, key, e.ptr, e.size), 0);
	CU_ASSERT_EQUAL(v.size, 3);
	CU_ASSERT_EQUAL(memcmp(v.ptr, "a\0b", 3), 0);
	pa_buf_clear(&v);
	CU_ASSERT_EQUAL(pa_cache_entry_decode(&v, other, key, e.ptr, e.size), PA_ENOTFOUND);
	CU_ASSERT_EQUAL(pa_cache_entry_decode(&v, secret, "commit abd\n", e.ptr, e.size),
	    PA_ENOTFOUND);
	CU_ASSERT_EQUAL(pa_cache_entry_decode(&v, secret, key, e.ptr, e.size - 1), PA_ENOTFOUND);
	e.ptr[e.size - 1] ^= 1;
	CU_ASSERT_EQUAL(pa_cache_entry_decode(&v, secret, key, e.ptr, e.size), PA_ENOTFOUND);
	CU_ASSERT_EQUAL(pa_cache_entry_decode(&v, secret, key, "", 0), PA_ENOTFOUND);
	CU_ASSERT_EQUAL(v.size, 0);
	pa_buf_dispose(&e);
	pa_buf_dispose(&v);
#undef HEAD
}

/* ---- the registry file ---- */

static void
test_sig_registry_load(void)
{
	struct pa_registry *r = NULL;
	char path[256];

	write_file("reg.xml",
	    "<registry xmlns=\"urn:pactaudit:registry:1\" version=\"1\">\n"
	    "  <applicant id=\"acme\" dossier=\"calls/acme\" root=\"0123456789abcdef0123456789abcdef01234567\"\n"
	    "      valid-from=\"2026-01-01\" valid-until=\"2027-06-30\">\n"
	    "    <key fingerprint=\"" FA "\" name=\"Jane\" rights=\"commit pact\"/>\n"
	    "    <key fingerprint=\"" FB "\"/>\n"
	    "  </applicant>\n"
	    "  <applicant id=\"beta\" root=\"89abcdef0123456789abcdef0123456789abcdef\">\n"
	    "    <key fingerprint=\"" FB "\" rights=\"commit\"/>\n"
	    "  </applicant>\n"
	    "</registry>\n", path, sizeof(path));
	CU_ASSERT_EQUAL_FATAL(pa_registry_load(&r, path), 0);
	CU_ASSERT_EQUAL_FATAL(r->count, 2);
	CU_ASSERT_STRING_EQUAL(r->entries[0].id, "acme");
	CU_ASSERT_STRING_EQUAL(r->entries[0].dossier, "calls/acme");
	CU_ASSERT_STRING_EQUAL(r->entries[0].valid_until, "2027-06-30");
	CU_ASSERT_EQUAL(r->entries[0].pins->count, 2);
	CU_ASSERT_EQUAL(pa_policy_find(r->entries[0].pins, FA)->rights, PA_RIGHT_COMMIT | PA_RIGHT_PACT);
	CU_ASSERT_EQUAL(pa_policy_find(r->entries[0].pins, FB)->rights, PA_RIGHT_COMMIT);	/* default */
	CU_ASSERT_PTR_NULL(r->entries[1].dossier);
	CU_ASSERT_STRING_EQUAL(r->entries[1].valid_from, "");
	CU_ASSERT_STRING_EQUAL(r->dir, tmpdir);
	pa_registry_free(r);
}

static void
test_sig_registry_errors(void)
{
	static const struct {
		const char *xml;
		const char *message;	/* a part of the error */
	} rows[] = {
		{ "<registry xmlns=\"urn:pactaudit:registry:1\">\n<applicant root=\"0123456789abcdef0123456789abcdef01234567\"><key fingerprint=\"" FA "\"/></applicant></registry>",
		  ":2: <applicant> needs an id" },
		{ "<registry xmlns=\"urn:pactaudit:registry:1\">\n\n<applicant id=\"a\" root=\"0123456789ABCDEF0123456789abcdef01234567\"><key fingerprint=\"" FA "\"/></applicant></registry>",
		  ":3: <applicant> needs root" },
		{ "<registry xmlns=\"urn:pactaudit:registry:1\">\n<applicant id=\"a\" root=\"0123456789abcdef0123456789abcdef01234567\"/></registry>",
		  "pins no <key>" },
		{ "<registry xmlns=\"urn:pactaudit:registry:1\">\n<applicant id=\"a\" root=\"0123456789abcdef0123456789abcdef01234567\" valid-from=\"2026-1-1\"><key fingerprint=\"" FA "\"/></applicant></registry>",
		  "valid-from must be a date" },
		{ "<registry xmlns=\"urn:pactaudit:registry:1\">\n<applicant id=\"a\" root=\"0123456789abcdef0123456789abcdef01234567\">\n<key fingerprint=\"" FA "\" rights=\"all\"/></applicant></registry>",
		  ":3: unknown right 'all'" },
		/* the same key twice, once spaced and in capitals: refused at the second */
		{ "<registry xmlns=\"urn:pactaudit:registry:1\">\n<applicant id=\"a\" root=\"0123456789abcdef0123456789abcdef01234567\">\n<key fingerprint=\"" FA "\" rights=\"commit\"/>\n<key fingerprint=\"" FA_SPACED "\" rights=\"commit signers\"/></applicant></registry>",
		  ":4: <applicant id=\"a\"> pins key " FA_NORM " twice" },
		{ "<registry xmlns=\"urn:pactaudit:registry:1\"><applicant", ":1: malformed XML" },
		{ "<registry/>", "the root element must be <registry" },
	};
	struct pa_registry *r;
	char path[256];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		r = NULL;
		write_file("bad.xml", rows[i].xml, path, sizeof(path));
		CU_ASSERT_EQUAL(pa_registry_load(&r, path), PA_EINVALID);
		CU_ASSERT_PTR_NULL(r);
		CU_ASSERT_PTR_NOT_NULL_FATAL(pa_error_last());
		if (strstr(pa_error_last(), rows[i].message) == NULL)
			fprintf(stderr, "\nregistry row %zu: '%s'\n", i, pa_error_last());
		CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), rows[i].message));
	}
	CU_ASSERT_EQUAL(pa_registry_load(&r, "/nonexistent/registry.xml"), PA_ENOTFOUND);
	/* from bytes: the same reader, the folder taken from the name */
	CU_ASSERT_EQUAL(pa_registry_parse(&r, rows[2].xml, strlen(rows[2].xml), "calls/r.xml"),
	    PA_EINVALID);
	CU_ASSERT_PTR_NULL(r);
	CU_ASSERT_PTR_NOT_NULL(strstr(pa_error_last(), "calls/r.xml:2: <applicant> pins no <key>"));
	{
		static const char ok[] = "<registry xmlns=\"urn:pactaudit:registry:1\">"
		    "<applicant id=\"a\" root=\"0123456789abcdef0123456789abcdef01234567\">"
		    "<key fingerprint=\"" FA "\"/></applicant></registry>";

		CU_ASSERT_EQUAL_FATAL(pa_registry_parse(&r, ok, sizeof(ok) - 1, "calls/r.xml"), 0);
		CU_ASSERT_STRING_EQUAL(r->dir, "calls");
		CU_ASSERT_EQUAL(r->count, 1);
		pa_registry_free(r);
	}
}

/* ---- signature formats ---- */

static void
test_sig_formats(void)
{
	static const struct {
		const char *sig;
		enum pa_history_sigformat format;
	} rows[] = {
		{ "", PA_HISTORY_SIG_NONE },
		{ "-----BEGIN PGP SIGNATURE-----\n\nabc\n", PA_HISTORY_SIG_OPENPGP },
		{ "-----BEGIN SSH SIGNATURE-----\nU1NI\n", PA_HISTORY_SIG_SSH },
		{ "-----BEGIN SIGNED MESSAGE-----\nMII\n", PA_HISTORY_SIG_X509 },
		{ "\x89\x01\x33", PA_HISTORY_SIG_UNKNOWN },
		{ "-----BEGIN PGP SIGNATURE", PA_HISTORY_SIG_UNKNOWN },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		CU_ASSERT_EQUAL(pa_history_sigformat(rows[i].sig, strlen(rows[i].sig)), rows[i].format);
	CU_ASSERT_STRING_EQUAL(pa_history_sigformat_name(PA_HISTORY_SIG_SSH), "ssh");
	CU_ASSERT_STRING_EQUAL(pa_history_sigformat_name(PA_HISTORY_SIG_X509), "x509");
	CU_ASSERT_STRING_EQUAL(pa_history_sigformat_name(PA_HISTORY_SIG_NONE), "none");
}

/* ---- workers with real GnuPG ---- */

static void
test_sig_pool_real_gnupg(void)
{
	static const char junk[] = "-----BEGIN PGP SIGNATURE-----\n\nbm90IGEgc2lnbmF0dXJl\n=AAAA\n"
	    "-----END PGP SIGNATURE-----\n";
	struct pa_gpg_home *home = NULL;
	struct pa_sig_pool *pool = NULL;
	struct pa_sig_job jobs[7];
	struct pa_keyset ks;
	size_t i, count = 99;
	int status;

	memset(jobs, 0, sizeof(jobs));
	CU_ASSERT_EQUAL_FATAL(pa_gpg_home_new(&home), 0);
	CU_ASSERT_EQUAL(access(pa_gpg_home_path(home), R_OK | W_OK | X_OK), 0);
	CU_ASSERT_EQUAL(pa_gpg_home_import(home, "no keys here", 12, "test", &count), 0);
	CU_ASSERT_EQUAL(count, 0);
	CU_ASSERT_EQUAL(pa_gpg_home_keys(&ks, home), 0);
	CU_ASSERT_EQUAL(ks.count, 0);
	pa_keyset_dispose(&ks);
	CU_ASSERT_EQUAL_FATAL(pa_sig_pool_new(&pool, 3), 0);
	CU_ASSERT_EQUAL(pa_sig_pool_size(pool), 3);
	for (i = 0; i < 7; i++) {
		jobs[i].sig = i % 2 ? "hello" : junk;
		jobs[i].siglen = i % 2 ? 5 : sizeof(junk) - 1;
		jobs[i].data = "data";
		jobs[i].datalen = 4;
	}
	CU_ASSERT_EQUAL(pa_sig_pool_run(pool, pa_gpg_home_path(home), jobs, 7), 0);
	for (i = 0; i < 7; i++) {
		CU_ASSERT_TRUE(jobs[i].done);
		CU_ASSERT_TRUE_FATAL(jobs[i].nfacts >= 1);
		CU_ASSERT_NOT_EQUAL(jobs[i].facts[0].outcome, PA_SIG_OUTCOME_VALID);
		free(jobs[i].facts);
	}
	CU_ASSERT_EQUAL(pa_sig_pool_run(pool, pa_gpg_home_path(home), jobs, 0), 0);
	pa_sig_pool_free(pool);

	/* a job that stops its worker (too large a request) fails alone */
	CU_ASSERT_EQUAL_FATAL(pa_sig_pool_new(&pool, 1), 0);
	{
		size_t big = 9u * 1024 * 1024;
		char *huge = calloc(1, big);

		CU_ASSERT_PTR_NOT_NULL_FATAL(huge);
		memset(jobs, 0, sizeof(jobs));
		jobs[0].sig = huge;
		jobs[0].siglen = big;
		jobs[0].data = "data";
		jobs[0].datalen = 4;
		jobs[1].sig = junk;
		jobs[1].siglen = sizeof(junk) - 1;
		jobs[1].data = "data";
		jobs[1].datalen = 4;
		CU_ASSERT_EQUAL(pa_sig_pool_run(pool, pa_gpg_home_path(home), jobs, 2), 0);
		CU_ASSERT_TRUE(jobs[0].done && jobs[1].done);
		CU_ASSERT_EQUAL(jobs[0].facts[0].outcome, PA_SIG_OUTCOME_ERROR);
		CU_ASSERT_PTR_NOT_NULL(strstr(jobs[0].facts[0].note, "stopped unexpectedly"));
		CU_ASSERT_NOT_EQUAL(jobs[1].facts[0].outcome, PA_SIG_OUTCOME_VALID);
		CU_ASSERT_EQUAL(jobs[1].facts[0].outcome == PA_SIG_OUTCOME_ERROR &&
		    strstr(jobs[1].facts[0].note, "stopped") != NULL, 0);
		free(jobs[0].facts);
		free(jobs[1].facts);
		free(huge);
	}
	pa_sig_pool_free(pool);
	/* every worker was reaped */
	CU_ASSERT_EQUAL(waitpid(-1, &status, WNOHANG), -1);
	CU_ASSERT_EQUAL(errno, ECHILD);
	{
		char *path = strdup(pa_gpg_home_path(home));

		pa_gpg_home_free(home);
		CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);	/* the private home is gone */
		free(path);
	}
}

static CU_TestInfo sig_tests[] = {
	{ "rights parse and format", test_sig_rights },
	{ "rights a change needs", test_sig_rights_for_changes },
	{ "fingerprints are normalised", test_sig_fpr_normalise },
	{ "signers.xml parsing and its diagnostics", test_sig_policy_parse },
	{ "judging signatures at the as-of date", test_sig_judge },
	{ "signature facts survive their cache record", test_sig_facts_roundtrip },
	{ "malformed cached facts are rejected", test_sig_facts_malformed },
	{ "key facts survive their cache record", test_sig_keyset_roundtrip },
	{ "cache round trip, damaged entries are misses", test_cache_roundtrip_and_damage },
	{ "cache entry framing binds key and secret", test_cache_entry_framing },
	{ "registry file", test_sig_registry_load },
	{ "registry errors name file and line", test_sig_registry_errors },
	{ "signature formats", test_sig_formats },
	{ "workers verify with real GnuPG and are reaped", test_sig_pool_real_gnupg },
	CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
	{ "sig", suite_init, suite_clean, NULL, NULL, sig_tests },
	CU_SUITE_INFO_NULL
};

PA_TEST_MAIN(suites)
