/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The auditor's registry of applicants (pactaudit-registry(5)): trust roots and pinned keys. */
#ifndef PA_SIG_REGISTRY_H
#define PA_SIG_REGISTRY_H

#include <stddef.h>

#include "dossier/dossier.h"
#include "sig/policy.h"
#include "util/diag.h"

#define PA_REGISTRY_NS "urn:pactaudit:registry:1"

struct pa_registry_entry {
	char *id;		/* applicant id */
	char *dossier;		/* dossier folder as written (relative to the registry's folder), or NULL */
	char root[65];		/* trust-root commit id */
	char valid_from[11];	/* YYYY-MM-DD, "" when open */
	char valid_until[11];	/* YYYY-MM-DD, "" when open */
	struct pa_policy *pins;	/* pinned fingerprints and their rights */
	long line;
};

struct pa_registry {
	struct pa_registry_entry *entries;
	size_t count;
	char *path;
	char *dir;		/* folder of the registry file */
};

/*
 * Load a registry file.  It is the auditor's own file: anything malformed
 * is an error ("FILE:LINE: what"), PA_EINVALID.
 */
int pa_registry_load(struct pa_registry **out, const char *path);
/* The same from the file's bytes; path names it in messages and gives the folder. */
int pa_registry_parse(struct pa_registry **out, const char *data, size_t len, const char *path);
void pa_registry_free(struct pa_registry *r);

/*
 * The entry for a dossier: the applicant whose `dossier` folder is the
 * dossier's folder, else the first whose root commit is the audited commit
 * or one of its ancestors.  *out is NULL when none matches.
 */
int pa_registry_match(const struct pa_registry_entry **out, const struct pa_registry *r,
    struct pa_dossier *d);

#endif
