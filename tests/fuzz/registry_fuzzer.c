/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the auditor's registry of applicants (trust roots, validity dates, pinned keys). */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/xml.h"
#include "sig/policy.h"
#include "sig/registry.h"
#include "util/error.h"
#include "util/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_hex(const char *s, size_t a, size_t b, int upper)
{
	size_t n = strlen(s), i;

	if (n != a && n != b)
		abort();
	for (i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)s[i]) ||
		    (upper ? islower((unsigned char)s[i]) : isupper((unsigned char)s[i])))
			abort();
	}
}

static void
check_date(const char *s)
{
	if (s[0] != '\0' && (strlen(s) != 10 || s[4] != '-' || s[7] != '-'))
		abort();
}

/*
 * The bytes are a registry file as pa_registry_load() reads it (from
 * "calls/registry.xml").  Refused: an error message is set and nothing
 * is returned.  Accepted: every applicant has an id, a full lowercase
 * commit id, well-formed dates and at least one pinned key, each with a
 * normalised fingerprint and known rights only.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialised;
	struct pa_registry *r = NULL;
	const struct pa_registry_entry *e;
	size_t i, j;

	if (size > PA_LIMIT_XML_SIZE)
		return 0;
	if (!initialised) {
		initialised = 1;
		pa_xml_global_init();
	}
	if (pa_registry_parse(&r, (const char *)data, size, "calls/registry.xml") < 0) {
		if (r != NULL || pa_error_last() == NULL)
			abort();
		pa_error_clear();
		return 0;
	}
	if (r == NULL || strcmp(r->dir, "calls") != 0)
		abort();
	for (i = 0; i < r->count; i++) {
		e = &r->entries[i];
		if (e->id == NULL || e->id[0] == '\0' || e->pins == NULL || e->pins->count == 0)
			abort();
		check_hex(e->root, 40, 64, 0);
		check_date(e->valid_from);
		check_date(e->valid_until);
		for (j = 0; j < e->pins->count; j++) {
			check_hex(e->pins->signers[j].fpr, 40, 64, 1);
			if (e->pins->signers[j].rights > 15 ||
			    pa_policy_find(e->pins, e->pins->signers[j].fpr) == NULL)
				abort();
		}
	}
	pa_registry_free(r);
	return 0;
}
