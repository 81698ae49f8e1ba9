/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Licence facts (SPDX lists, Hugging Face ids, derived restrictions) and <license> evidence. */
#ifndef PA_PARSE_LICDB_H
#define PA_PARSE_LICDB_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "parse/evnode.h"

/* Restrictions a licence puts on its licensee (bit flags). */
enum pa_licflag {
	PA_LIC_NON_COMMERCIAL = 1u << 0,	/* commercial use not granted */
	PA_LIC_SHARE_ALIKE = 1u << 1,		/* copyleft: derivatives under the same terms */
	PA_LIC_NO_DERIVATIVES = 1u << 2,	/* adapted material may not be shared */
	PA_LIC_FIELD_OF_USE = 1u << 3,		/* use-based restrictions (RAIL, AUPs) */
	PA_LIC_RESEARCH_ONLY = 1u << 4,		/* research use only */
	PA_LIC_EU_EXCLUDED = 1u << 5		/* no licence for EU-domiciled licensees */
};
#define PA_LIC_FLAG_COUNT 6

enum pa_lickind {
	PA_LICKIND_SPDX,	/* an id on the SPDX licence list */
	PA_LICKIND_HF,		/* a Hugging Face Hub id (rules/spdx/hf-licenses.json) */
	PA_LICKIND_EXCEPTION	/* an id on the SPDX exceptions list */
};

enum pa_licclass {
	PA_LICCLASS_LICENSE,	/* one definite licence */
	PA_LICCLASS_FAMILY,	/* a family without version (cc, gpl, openrail...): ambiguous */
	PA_LICCLASS_OTHER,	/* the Hub's "other": a custom licence */
	PA_LICCLASS_UNKNOWN	/* the Hub's "unknown" */
};

/*
 * What pactaudit knows about one licence id.  All strings are borrowed from
 * the database and live until pa_licdb_free().
 */
struct pa_licfacts {
	const char *id;		/* as listed: "Apache-2.0", "llama3.2", "LLVM-exception" */
	const char *spdx;	/* its SPDX expression form: the SPDX id, or "LicenseRef-<hub id>"
				   for Hub licences; NULL for family/unknown/other Hub ids */
	const char *name;	/* full name, or NULL */
	const char *note;	/* why the restrictions are set (hand-written tables), or NULL */
	enum pa_lickind kind;
	enum pa_licclass klass;
	bool deprecated;	/* isDeprecatedLicenseId */
	bool osi;		/* isOsiApproved */
	unsigned restrictions;	/* enum pa_licflag bits */
};

struct pa_licdb;

/*
 * Load <datadir>/rules/spdx/{licenses,exceptions,hf-licenses,facts}.json.
 * < 0 with a message naming the file (and line) if one is missing or
 * corrupt; PA_ENOMEM on OOM.  Free with pa_licdb_free().
 */
int pa_licdb_load(struct pa_licdb **out);
/* Same from another folder holding those four files (tests, `rules lint`). */
int pa_licdb_load_dir(struct pa_licdb **out, const char *dir);
void pa_licdb_free(struct pa_licdb *db);

/* The SPDX licence list version ("3.28.0") and its release date (borrowed). */
const char *pa_licdb_version(const struct pa_licdb *db);
const char *pa_licdb_release_date(const struct pa_licdb *db);
/* SHA-256 (hex) of the four data files, for results and cache keys (borrowed). */
const char *pa_licdb_digest(const struct pa_licdb *db);

/*
 * Facts for a licence id: an SPDX id (exact case first), a Hub id
 * (case-insensitive; aliases such as "odbl" carry their SPDX licence's
 * facts), an SPDX id in any case, or "LicenseRef-<hub id>".  NULL if
 * unknown.  Borrowed from db.
 */
const struct pa_licfacts *pa_licdb_lookup(const struct pa_licdb *db, const char *id);
/* Facts for an SPDX exception id (case-insensitive), or NULL. */
const struct pa_licfacts *pa_licdb_lookup_exception(const struct pa_licdb *db,
    const char *id);

/* Attribute name of one flag ("non-commercial"), or NULL if not a single known flag. */
const char *pa_licflag_name(unsigned flag);
/* The flag named `name`, or 0. */
unsigned pa_licflag_from_name(const char *name);

/*
 * Append a <license> element for `expression` (an SPDX expression or a
 * Hugging Face Hub id) to parent, as doc/formats.md section 4 describes:
 * status, canonical expression, derived facts, one <id> per licence,
 * <error> when it does not parse, <warning> for deprecated or ambiguous
 * ids.  expression NULL gives status="missing".  `from_key` names the card
 * key it came from.  < 0 only on OOM.
 */
int pa_license_to_evidence(xmlNode *parent, const struct pa_licdb *db,
    const char *expression, const char *from_key, const struct pa_evsrc *from,
    long line);

/* One licence of a card's `license` list; text NULL when the item is not a string. */
struct pa_license_item {
	const char *text;
	size_t len;		/* may hold NUL bytes */
	long line;
};

/* Where a card's licence comes from, beyond the items. */
struct pa_license_ctx {
	const char *from_key;		/* "license", "licenses" */
	const char *license_name;	/* the card's license_name (for `other`), or NULL */
	const char *license_link;	/* the card's license_link (for `other`), or NULL */
	long line;			/* line of the key */
};

/*
 * Same for a list of licences that all apply (combined with AND); count 0
 * is an invalid (empty) list.  `other` takes license_name/license_link
 * from ctx.  < 0 only on OOM.
 */
int pa_license_items_to_evidence(xmlNode *parent, const struct pa_licdb *db,
    const struct pa_license_ctx *ctx, const struct pa_license_item *items,
    size_t count, const struct pa_evsrc *from);

/*
 * A <license status="invalid"> whose one <error> is `message`: for a card
 * whose front matter could not be read at all.  < 0 only on OOM.
 */
int pa_license_error_to_evidence(xmlNode *parent, const struct pa_license_ctx *ctx,
    const char *message, const struct pa_evsrc *from);

#endif
