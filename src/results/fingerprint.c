/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding fingerprints: rule, file and anchor, never the line, so they survive edits. */
#include "config.h"

#include "results/results.h"

#include <string.h>

#include "util/digest.h"
#include "util/error.h"

int
pa_results_fingerprint(char hex[PA_DIGEST_HEXLEN + 1], const char *rule,
    const char *path, const char *anchor)
{
	struct pa_digest d;
	const char *parts[3];
	size_t i;

	parts[0] = rule ? rule : "";
	parts[1] = path ? path : "";
	parts[2] = anchor ? anchor : "";
	if (pa_digest_init(&d) < 0)
		return pa_error_set(PA_ERRCLASS_INTERNAL, "cannot start a SHA-256 digest");
	/* a NUL after each part: ("ab", "c") and ("a", "bc") differ */
	for (i = 0; i < 3; i++)
		pa_digest_update(&d, parts[i], strlen(parts[i]) + 1);
	pa_digest_final(&d, hex);
	return 0;
}
