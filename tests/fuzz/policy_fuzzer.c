/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the signing-policy reader (pact/signers.xml at any commit) and the cached fact records. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/xml.h"
#include "sig/facts.h"
#include "sig/policy.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
is_fpr(const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i < n; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	}
	return n == 40 || n == 64;
}

/*
 * The same bytes go to pa_policy_parse() (every signer kept has a
 * normalised fingerprint and known rights only, and no fingerprint twice)
 * and to the decoders of the cache records of signature and key facts
 * (what decodes encodes to a record that decodes to the same facts).
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialised;
	struct pa_diag diag = PA_DIAG_INIT;
	struct pa_policy *p = NULL;
	struct pa_sig_fact *f = NULL, *g = NULL;
	enum pa_history_sigformat ff, gf;
	struct pa_keyset ks, ks2;
	struct pa_buf b = PA_BUF_INIT;
	size_t i, j, n = 0, m = 0;

	if (size > PA_LIMIT_XML_SIZE)
		return 0;
	if (!initialised) {
		initialised = 1;
		pa_xml_global_init();
	}
	if (pa_policy_parse(&p, (const char *)data, size, "pact/signers.xml", &diag) < 0 || p == NULL)
		abort();
	for (i = 0; i < p->count; i++) {
		if (!is_fpr(p->signers[i].fpr) || p->signers[i].rights > 15)
			abort();
		for (j = 0; j < i; j++) {
			if (strcmp(p->signers[i].fpr, p->signers[j].fpr) == 0)
				abort();
		}
		if (pa_policy_find(p, p->signers[i].fpr) != &p->signers[i])
			abort();
	}
	pa_policy_free(p);
	pa_diag_dispose(&diag);

	if (pa_sig_facts_decode(&ff, &f, &n, (const char *)data, size) == 0) {
		if (pa_sig_facts_encode(&b, ff, f, n) < 0 ||
		    pa_sig_facts_decode(&gf, &g, &m, b.ptr, b.size) != 0 || m != n || gf != ff ||
		    memcmp(f, g, n * sizeof(*f)) != 0)
			abort();
	}
	free(f);
	free(g);
	pa_buf_clear(&b);
	if (pa_keyset_decode(&ks, (const char *)data, size) == 0) {
		if (pa_keyset_encode(&b, &ks) < 0 || pa_keyset_decode(&ks2, b.ptr, b.size) != 0 ||
		    ks2.count != ks.count)
			abort();
		for (i = 0; i < ks.count; i++) {
			if (strcmp(ks.keys[i].fpr, ks2.keys[i].fpr) != 0 ||
			    strcmp(ks.keys[i].primary, ks2.keys[i].primary) != 0 ||
			    (ks.keys[i].uid == NULL) != (ks2.keys[i].uid == NULL) ||
			    (ks.keys[i].uid != NULL && strcmp(ks.keys[i].uid, ks2.keys[i].uid) != 0) ||
			    ks.keys[i].expires != ks2.keys[i].expires || ks.keys[i].revoked != ks2.keys[i].revoked)
				abort();
		}
		pa_keyset_dispose(&ks2);
		pa_keyset_dispose(&ks);
	}
	pa_buf_dispose(&b);
	return 0;
}
