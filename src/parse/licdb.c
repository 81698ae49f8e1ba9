/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Licence database (the JSON files in rules/spdx, read with jansson) and
 * <license> evidence from expressions.
 *
 * Why over 800 lines: the builder of <license> evidence (the second half)
 * searches the private tables directly (exact SPDX ids with '+', the
 * Hugging Face ids), which a split would have to publish in a header.
 */
#include "config.h"

#include "parse/licdb.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "parse/spdx.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"
#include "util/text.h"
#include "util/vec.h"

#define DATA_MAX (16u * 1024 * 1024)	/* bytes in one rules/spdx file */

struct pa_licdb {
	struct pa_licfacts *spdx, *exc, *hf;	/* each sorted by id, case-insensitive */
	size_t nspdx, nexc, nhf;
	struct pa_vec pool;			/* owned strings the facts point into */
	const char *version, *release_date;
	char digest[PA_DIGEST_HEXLEN + 1];
};

static const struct {
	unsigned flag;
	const char *name;
} flag_names[] = {
	{ PA_LIC_NON_COMMERCIAL, "non-commercial" },
	{ PA_LIC_SHARE_ALIKE, "share-alike" },
	{ PA_LIC_NO_DERIVATIVES, "no-derivatives" },
	{ PA_LIC_FIELD_OF_USE, "field-of-use" },
	{ PA_LIC_RESEARCH_ONLY, "research-only" },
	{ PA_LIC_EU_EXCLUDED, "eu-excluded" },
};
_Static_assert(sizeof(flag_names) / sizeof(flag_names[0]) == PA_LIC_FLAG_COUNT,
    "flag_names lists every restriction");

const char *
pa_licflag_name(unsigned flag)
{
	size_t i;

	for (i = 0; i < PA_LIC_FLAG_COUNT; i++)
		if (flag_names[i].flag == flag)
			return flag_names[i].name;
	return NULL;
}

unsigned
pa_licflag_from_name(const char *name)
{
	size_t i;

	for (i = 0; i < PA_LIC_FLAG_COUNT; i++)
		if (strcmp(flag_names[i].name, name) == 0)
			return flag_names[i].flag;
	return 0;
}

/* ---- loading ---------------------------------------------------------- */

struct loader {
	struct pa_licdb *db;
	struct pa_digest digest;
	bool digest_open;
	const char *path;	/* file being read, for messages */
};

static const char *
pool_dup(struct pa_licdb *db, const char *s)
{
	char *p;

	if (s == NULL)
		return NULL;
	if ((p = pa_strdup(s)) == NULL)
		return NULL;
	if (pa_vec_push(&db->pool, p) < 0) {
		free(p);
		return NULL;
	}
	return p;
}

static const char *
pool_printf(struct pa_licdb *db, const char *a, const char *b)
{
	struct pa_buf buf = PA_BUF_INIT;
	const char *p = NULL;

	pa_buf_puts(&buf, a);
	pa_buf_puts(&buf, b);
	if (!pa_buf_oom(&buf))
		p = pool_dup(db, buf.ptr);
	pa_buf_dispose(&buf);
	return p;
}

static int
bad(struct loader *l, const char *what, size_t index, const char *detail)
{
	return pa_error_setc(PA_EINVALID, PA_ERRCLASS_RULES, "%s: %s[%zu]: %s",
	    l->path, what, index, detail);
}

static int
load_json(json_t **out, struct loader *l, const char *dir, const char *file,
    struct pa_buf *path)
{
	struct pa_buf data = PA_BUF_INIT;
	json_error_t jerr;
	int error;

	*out = NULL;
	pa_buf_clear(path);
	if ((error = pa_buf_printf(path, "%s/%s", dir, file)) < 0)
		goto done;
	l->path = path->ptr;
	if ((error = pa_file_read(&data, path->ptr, DATA_MAX, 0)) < 0) {
		if (error == PA_ENOTFOUND)
			error = pa_error_setc(PA_ENOTFOUND, PA_ERRCLASS_RULES,
			    "licence data '%s' is missing (is PACTAUDIT_DATADIR right?)",
			    path->ptr);
		goto done;
	}
	pa_digest_update(&l->digest, data.ptr, data.size);
	*out = json_loadb(data.ptr, data.size, JSON_REJECT_DUPLICATES, &jerr);
	if (*out == NULL) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_RULES, "%s:%d: %s",
		    path->ptr, jerr.line, jerr.text);
		goto done;
	}
	if (!json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_RULES,
		    "%s: the top level must be an object", path->ptr);
	}
done:
	pa_buf_dispose(&data);
	return error;
}

static int
cmp_facts(const void *a, const void *b)
{
	return strcasecmp(((const struct pa_licfacts *)a)->id,
	    ((const struct pa_licfacts *)b)->id);
}

static const struct pa_licfacts *
find(const struct pa_licfacts *v, size_t n, const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcasecmp(id, v[mid].id);

		if (c == 0)
			return &v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int
check_unique(struct loader *l, const struct pa_licfacts *v, size_t n, const char *what)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (strcasecmp(v[i - 1].id, v[i].id) == 0)
			return pa_error_setc(PA_EINVALID, PA_ERRCLASS_RULES,
			    "%s: %s '%s' is listed twice", l->path, what, v[i].id);
	return 0;
}

static bool
valid_id(const char *s, bool plus_ok)
{
	size_t i, n = strlen(s);

	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    (plus_ok && c == '+' && i == n - 1)))
			return false;
	}
	return true;
}

static const char *
opt_string(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* licenses.json or exceptions.json in the upstream SPDX format. */
static int
load_list(struct loader *l, json_t *root, bool exceptions)
{
	struct pa_licdb *db = l->db;
	const char *arrkey = exceptions ? "exceptions" : "licenses";
	const char *idkey = exceptions ? "licenseExceptionId" : "licenseId";
	json_t *arr = json_object_get(root, arrkey), *e;
	struct pa_licfacts *v;
	size_t i, n;

	if (!json_is_array(arr))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_RULES,
		    "%s: no '%s' array", l->path, arrkey);
	n = json_array_size(arr);
	if ((v = pa_calloc(n ? n : 1, sizeof(*v))) == NULL)
		return PA_ENOMEM;
	if (exceptions) {
		db->exc = v;
		db->nexc = n;
	} else {
		db->spdx = v;
		db->nspdx = n;
	}
	json_array_foreach(arr, i, e) {
		const char *id = opt_string(e, idkey);
		json_t *osi = json_object_get(e, "isOsiApproved");
		json_t *dep = json_object_get(e, "isDeprecatedLicenseId");

		if (!json_is_object(e) || id == NULL || !valid_id(id, !exceptions))
			return bad(l, arrkey, i, exceptions ?
			    "needs a licenseExceptionId made of letters, digits, '-' and '.'" :
			    "needs a licenseId made of letters, digits, '-', '.' (and a final '+')");
		if ((osi != NULL && !json_is_boolean(osi)) || (dep != NULL && !json_is_boolean(dep)))
			return bad(l, arrkey, i, "isOsiApproved and isDeprecatedLicenseId must be true or false");
		v[i].kind = exceptions ? PA_LICKIND_EXCEPTION : PA_LICKIND_SPDX;
		v[i].klass = PA_LICCLASS_LICENSE;
		v[i].osi = json_is_true(osi);
		v[i].deprecated = json_is_true(dep);
		if ((v[i].id = pool_dup(db, id)) == NULL ||
		    (opt_string(e, "name") && (v[i].name = pool_dup(db, opt_string(e, "name"))) == NULL))
			return PA_ENOMEM;
		v[i].spdx = v[i].id;
	}
	qsort(v, n, sizeof(*v), cmp_facts);
	if (!exceptions) {
		const char *ver = opt_string(root, "licenseListVersion");

		if (ver == NULL)
			return pa_error_setc(PA_EINVALID, PA_ERRCLASS_RULES,
			    "%s: no licenseListVersion", l->path);
		if ((db->version = pool_dup(db, ver)) == NULL ||
		    (db->release_date = pool_dup(db,
		    opt_string(root, "releaseDate") ? opt_string(root, "releaseDate") : "")) == NULL)
			return PA_ENOMEM;
	}
	return check_unique(l, v, n, exceptions ? "exception" : "licence");
}

static int
read_restrictions(struct loader *l, json_t *e, const char *what, size_t i, unsigned *out)
{
	json_t *arr = json_object_get(e, "restrictions"), *r;
	size_t k;

	*out = 0;
	if (arr == NULL)
		return 0;
	if (!json_is_array(arr))
		return bad(l, what, i, "restrictions must be an array of names");
	json_array_foreach(arr, k, r) {
		unsigned f = json_is_string(r) ? pa_licflag_from_name(json_string_value(r)) : 0;

		if (f == 0)
			return bad(l, what, i, "unknown restriction (known: non-commercial, "
			    "share-alike, no-derivatives, field-of-use, research-only, eu-excluded)");
		*out |= f;
	}
	return 0;
}

static const char *
join_note(struct pa_licdb *db, const char *old, const char *add)
{
	struct pa_buf b = PA_BUF_INIT;
	const char *p = NULL;

	if (old == NULL)
		return pool_dup(db, add);
	pa_buf_printf(&b, "%s; %s", old, add);
	if (!pa_buf_oom(&b))
		p = pool_dup(db, b.ptr);
	pa_buf_dispose(&b);
	return p;
}

static bool
pattern_match(const char *pattern, const char *id)
{
	size_t n = strlen(pattern);

	if (n > 0 && pattern[n - 1] == '*')
		return strncasecmp(pattern, id, n - 1) == 0;
	return strcasecmp(pattern, id) == 0;
}

/* facts.json: restrictions for SPDX ids, exact or by prefix. */
static int
load_facts(struct loader *l, json_t *root)
{
	struct pa_licdb *db = l->db;
	json_t *arr = json_object_get(root, "facts"), *e;
	size_t i, k;

	if (!json_is_array(arr))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_RULES, "%s: no 'facts' array", l->path);
	json_array_foreach(arr, i, e) {
		const char *match = opt_string(e, "match");
		const char *note = opt_string(e, "note");
		unsigned r;
		size_t hits = 0;
		int error;

		if (!json_is_object(e) || match == NULL || note == NULL)
			return bad(l, "facts", i, "needs 'match' and 'note'");
		if ((error = read_restrictions(l, e, "facts", i, &r)) < 0)
			return error;
		for (k = 0; k < db->nspdx; k++) {
			if (!pattern_match(match, db->spdx[k].id))
				continue;
			hits++;
			db->spdx[k].restrictions |= r;
			if ((db->spdx[k].note = join_note(db, db->spdx[k].note, note)) == NULL)
				return PA_ENOMEM;
		}
		if (hits == 0)
			return bad(l, "facts", i, "'match' matches no id of the SPDX licence list");
	}
	return 0;
}

/* hf-licenses.json: Hugging Face Hub ids. */
static int
load_hf(struct loader *l, json_t *root)
{
	static const char *const classes[] = {
		[PA_LICCLASS_LICENSE] = "license",
		[PA_LICCLASS_FAMILY] = "family",
		[PA_LICCLASS_OTHER] = "other",
		[PA_LICCLASS_UNKNOWN] = "unknown",
	};
	struct pa_licdb *db = l->db;
	json_t *arr = json_object_get(root, "licenses"), *e;
	size_t i, n;

	if (!json_is_array(arr))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_RULES, "%s: no 'licenses' array", l->path);
	n = json_array_size(arr);
	if ((db->hf = pa_calloc(n ? n : 1, sizeof(*db->hf))) == NULL)
		return PA_ENOMEM;
	db->nhf = n;
	json_array_foreach(arr, i, e) {
		struct pa_licfacts *f = &db->hf[i];
		const char *id = opt_string(e, "id"), *alias = opt_string(e, "spdx");
		const char *klass = opt_string(e, "class");
		unsigned r;
		size_t c;
		int error;

		if (!json_is_object(e) || id == NULL || id[0] == '\0')
			return bad(l, "licenses", i, "needs an 'id'");
		if ((error = read_restrictions(l, e, "licenses", i, &r)) < 0)
			return error;
		f->kind = PA_LICKIND_HF;
		f->klass = PA_LICCLASS_LICENSE;
		if (klass != NULL) {
			for (c = 0; c < sizeof(classes) / sizeof(classes[0]); c++)
				if (strcmp(classes[c], klass) == 0)
					break;
			if (c == sizeof(classes) / sizeof(classes[0]))
				return bad(l, "licenses", i, "class must be license, family, other or unknown");
			f->klass = (enum pa_licclass)c;
		}
		if ((f->id = pool_dup(db, id)) == NULL)
			return PA_ENOMEM;
		if (alias != NULL) {
			const struct pa_licfacts *t = find(db->spdx, db->nspdx, alias);

			if (t == NULL || f->klass != PA_LICCLASS_LICENSE)
				return bad(l, "licenses", i, "'spdx' must name an id of the SPDX licence list");
			f->spdx = t->id;
			f->name = t->name;
			f->deprecated = t->deprecated;
			f->osi = t->osi;
			f->restrictions = t->restrictions;
			f->note = t->note;
		} else if (f->klass == PA_LICCLASS_LICENSE) {
			const char *ref = opt_string(e, "licenseref");

			if (ref != NULL) {
				if (strncmp(ref, "LicenseRef-", 11) != 0 || !valid_id(ref + 11, false))
					return bad(l, "licenses", i, "'licenseref' must be LicenseRef- and an idstring");
				f->spdx = pool_dup(db, ref);
			} else {
				if (!valid_id(id, false))
					return bad(l, "licenses", i, "a Hub id that is not an SPDX idstring "
					    "needs a 'licenseref'");
				f->spdx = pool_printf(db, "LicenseRef-", id);
			}
			if (f->spdx == NULL)
				return PA_ENOMEM;
		}
		f->restrictions |= r;
		if (opt_string(e, "name") && (f->name = pool_dup(db, opt_string(e, "name"))) == NULL)
			return PA_ENOMEM;
		if (opt_string(e, "note") &&
		    (f->note = join_note(db, f->note, opt_string(e, "note"))) == NULL)
			return PA_ENOMEM;
	}
	qsort(db->hf, n, sizeof(*db->hf), cmp_facts);
	return check_unique(l, db->hf, n, "Hub id");
}

void
pa_licdb_free(struct pa_licdb *db)
{
	if (db == NULL)
		return;
	free(db->spdx);
	free(db->exc);
	free(db->hf);
	pa_vec_dispose(&db->pool, free);
	free(db);
}

int
pa_licdb_load_dir(struct pa_licdb **out, const char *dir)
{
	struct loader l = { 0 };
	struct pa_buf path = PA_BUF_INIT;
	json_t *lic = NULL, *exc = NULL, *hf = NULL, *facts = NULL;
	int error;

	*out = NULL;
	if ((l.db = pa_calloc(1, sizeof(*l.db))) == NULL)
		return PA_ENOMEM;
	if ((error = pa_digest_init(&l.digest)) < 0)
		goto done;
	l.digest_open = true;
	/* order matters: facts and Hub aliases refer to the SPDX list */
	if ((error = load_json(&lic, &l, dir, "licenses.json", &path)) < 0 ||
	    (error = load_list(&l, lic, false)) < 0 ||
	    (error = load_json(&exc, &l, dir, "exceptions.json", &path)) < 0 ||
	    (error = load_list(&l, exc, true)) < 0 ||
	    (error = load_json(&facts, &l, dir, "facts.json", &path)) < 0 ||
	    (error = load_facts(&l, facts)) < 0 ||
	    (error = load_json(&hf, &l, dir, "hf-licenses.json", &path)) < 0 ||
	    (error = load_hf(&l, hf)) < 0)
		goto done;
	pa_digest_final(&l.digest, l.db->digest);
	l.digest_open = false;
	*out = l.db;
	l.db = NULL;
done:
	if (error == PA_ENOMEM)
		pa_error_oom();
	if (l.digest_open) {
		char junk[PA_DIGEST_HEXLEN + 1];

		pa_digest_final(&l.digest, junk);
	}
	json_decref(lic);
	json_decref(exc);
	json_decref(hf);
	json_decref(facts);
	pa_buf_dispose(&path);
	pa_licdb_free(l.db);
	return error;
}

int
pa_licdb_load(struct pa_licdb **out)
{
	struct pa_buf dir = PA_BUF_INIT;
	int error;

	*out = NULL;
	if ((error = pa_datadir_path(&dir, "rules/spdx")) == 0)
		error = pa_licdb_load_dir(out, dir.ptr);
	pa_buf_dispose(&dir);
	return error;
}

const char *
pa_licdb_version(const struct pa_licdb *db)
{
	return db->version;
}

const char *
pa_licdb_release_date(const struct pa_licdb *db)
{
	return db->release_date;
}

const char *
pa_licdb_digest(const struct pa_licdb *db)
{
	return db->digest;
}

/* ---- lookups ---------------------------------------------------------- */

const struct pa_licfacts *
pa_licdb_lookup(const struct pa_licdb *db, const char *id)
{
	const struct pa_licfacts *f;

	if ((f = find(db->spdx, db->nspdx, id)) != NULL && strcmp(f->id, id) == 0)
		return f;
	if ((f = find(db->hf, db->nhf, id)) != NULL)
		return f;
	if ((f = find(db->spdx, db->nspdx, id)) != NULL)
		return f;
	if (strncmp(id, "LicenseRef-", 11) == 0) {
		size_t i;

		for (i = 0; i < db->nhf; i++)
			if (db->hf[i].spdx != NULL && strcasecmp(db->hf[i].spdx, id) == 0)
				return &db->hf[i];
	}
	return NULL;
}

const struct pa_licfacts *
pa_licdb_lookup_exception(const struct pa_licdb *db, const char *id)
{
	return find(db->exc, db->nexc, id);
}

/* ---- <license> evidence ----------------------------------------------- */

enum status {
	ST_VALID,
	ST_OTHER,
	ST_FAMILY,
	ST_UNKNOWN,
	ST_INVALID,
	ST_MISSING
};

static const char *const status_names[] = {
	[ST_VALID] = "valid",
	[ST_OTHER] = "other",
	[ST_FAMILY] = "family",
	[ST_UNKNOWN] = "unknown",
	[ST_INVALID] = "invalid",
	[ST_MISSING] = "missing",
};

/* Facts of a (sub)expression. */
struct agg {
	unsigned restrictions;
	bool known, deprecated, osi;
};

struct build {
	const struct pa_licdb *db;
	const struct pa_license_ctx *ctx;
	const struct pa_evsrc *from;
	xmlNode *lic;
	long line;		/* line for <id>/<warning>: the item's, else the key's */
	enum status status;
	int error;		/* PA_ENOMEM once anything failed */
};

static void
worse(struct build *b, enum status s)
{
	if (s > b->status)
		b->status = s;
}

static const char *
tf(bool v)
{
	return v ? "true" : "false";
}

static void
set(struct build *b, xmlNode *n, const char *name, const char *value)
{
	if (b->error == 0 && n != NULL && pa_ev_set(n, name, value) < 0)
		b->error = PA_ENOMEM;
}

/* An attribute from bytes that may hold NUL (shown as \x00). */
static void
set_bytes(struct build *b, xmlNode *n, const char *name, const char *value, size_t len)
{
	struct pa_buf clean = PA_BUF_INIT;

	if (b->error)
		return;
	if (pa_text_sanitize(&clean, value, len, PA_TEXT_ONELINE) < 0)
		b->error = PA_ENOMEM;
	else
		set(b, n, name, clean.ptr);
	pa_buf_dispose(&clean);
}

static void
set_facts(struct build *b, xmlNode *n, const struct agg *a)
{
	size_t i;

	set(b, n, "known", tf(a->known));
	set(b, n, "deprecated", tf(a->deprecated));
	set(b, n, "osi", tf(a->osi));
	for (i = 0; i < PA_LIC_FLAG_COUNT; i++)
		set(b, n, flag_names[i].name, tf(a->restrictions & flag_names[i].flag));
}

static xmlNode *
child(struct build *b, const char *name, const char *text)
{
	xmlNode *n;

	if (b->error)
		return NULL;
	if ((n = pa_ev_child(b->lic, name, b->from, b->line ? b->line : b->ctx->line, text)) == NULL)
		b->error = PA_ENOMEM;
	return n;
}

static void warn(struct build *b, const char *fmt, ...) PA_PRINTF(2, 3);

static void
warn(struct build *b, const char *fmt, ...)
{
	struct pa_buf msg = PA_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	pa_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (pa_buf_oom(&msg))
		b->error = PA_ENOMEM;
	else
		child(b, "warning", msg.ptr);
	pa_buf_dispose(&msg);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Replace a leaf's id with its canonical form. */
static void
canon(struct build *b, struct pa_spdx_node *n, const char *s)
{
	char *p;

	if (b->error || s == n->id)
		return;
	if ((p = pa_strdup(s)) == NULL) {
		b->error = PA_ENOMEM;
		return;
	}
	free(n->id);
	n->id = p;
}

/* "LicenseRef-" + the card's license_name made into an idstring. */
static char *
ref_from_name(const char *name)
{
	struct pa_buf b = PA_BUF_INIT;
	const char *s;

	pa_buf_puts(&b, "LicenseRef-");
	for (s = name; *s; s++) {
		char c = *s;

		pa_buf_putc(&b, ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.') ? c : '-');
	}
	if (name[0] == '\0')
		pa_buf_puts(&b, "other");
	return pa_buf_detach(&b);
}

static void
from_facts(struct agg *a, const struct pa_licfacts *f)
{
	a->restrictions = f->restrictions;
	a->deprecated = f->deprecated;
	a->osi = f->osi;
}

/* A licence leaf (left of WITH or alone): its <id>, its facts, its canonical form. */
static xmlNode *
resolve_license(struct build *b, struct pa_spdx_node *n, struct agg *a)
{
	const struct pa_licdb *db = b->db;
	const struct pa_licfacts *f = NULL;
	struct pa_buf written = PA_BUF_INIT;
	char *ref = NULL;
	const char *kind = "unknown", *note = NULL;
	bool or_later = n->plus;
	xmlNode *id = NULL;

	memset(a, 0, sizeof(*a));
	if (n->document != NULL)
		pa_buf_printf(&written, "%s:", n->document);
	pa_buf_puts(&written, n->id);
	if (pa_buf_oom(&written)) {
		b->error = PA_ENOMEM;
		goto done;
	}
	if ((id = child(b, "id", NULL)) == NULL)
		goto done;
	set(b, id, "name", written.ptr);

	switch (n->type) {
	case PA_SPDX_NONE:
		kind = "spdx";
		a->known = true;
		worse(b, ST_OTHER);
		break;
	case PA_SPDX_NOASSERTION:
		kind = "spdx";
		worse(b, ST_UNKNOWN);
		break;
	case PA_SPDX_LICENSE_REF:
		if (n->document != NULL) {
			kind = "documentref";
			worse(b, ST_OTHER);
			canon(b, n, n->id);
			break;
		}
		kind = "licenseref";
		worse(b, ST_OTHER);
		f = pa_licdb_lookup(db, n->id);
		if (f != NULL && f->kind == PA_LICKIND_HF && f->klass == PA_LICCLASS_LICENSE) {
			a->known = true;
			from_facts(a, f);
			note = f->note;
		}
		break;
	default:
		if (n->plus) {
			struct pa_buf plus = PA_BUF_INIT;

			pa_buf_printf(&plus, "%s+", n->id);
			if (!pa_buf_oom(&plus) &&
			    (f = find(db->spdx, db->nspdx, plus.ptr)) != NULL)
				n->plus = false;	/* GPL-2.0+ is itself a (deprecated) id */
			pa_buf_dispose(&plus);
		}
		if (f == NULL)
			f = pa_licdb_lookup(db, n->id);
		if (f == NULL) {
			worse(b, ST_UNKNOWN);
			break;
		}
		kind = f->kind == PA_LICKIND_HF ? "hf" : "spdx";
		note = f->note;
		switch (f->klass) {
		case PA_LICCLASS_LICENSE:
			a->known = true;
			from_facts(a, f);
			canon(b, n, f->spdx);
			break;
		case PA_LICCLASS_FAMILY:
			a->known = true;
			from_facts(a, f);
			worse(b, ST_FAMILY);
			if ((ref = ref_from_name(f->id)) == NULL)
				b->error = PA_ENOMEM;
			else
				canon(b, n, ref);
			warn(b, "'%s' names a family of licences without a version: name the licence",
			    written.ptr);
			break;
		case PA_LICCLASS_UNKNOWN:
			worse(b, ST_UNKNOWN);
			canon(b, n, "NOASSERTION");
			break;
		case PA_LICCLASS_OTHER:
			worse(b, ST_OTHER);
			if (b->ctx->license_name != NULL) {
				const struct pa_licfacts *named = pa_licdb_lookup(db, b->ctx->license_name);

				if (named != NULL && named->klass == PA_LICCLASS_LICENSE) {
					a->known = true;
					from_facts(a, named);
					note = named->note;
				}
				if ((ref = ref_from_name(b->ctx->license_name)) == NULL)
					b->error = PA_ENOMEM;
			}
			/* the expression keeps "other"; the <id> says which licence it names */
			canon(b, n, "other");
			break;
		}
		if (f->deprecated) {
			struct pa_buf only = PA_BUF_INIT;
			const char *base = f->spdx ? f->spdx : f->id;

			pa_buf_printf(&only, "%.*s-only", (int)(strlen(base) -
			    (ends_with(base, "+") ? 1 : 0)), base);
			if (!pa_buf_oom(&only) && find(db->spdx, db->nspdx, only.ptr) != NULL)
				warn(b, "'%s' is a deprecated SPDX id: write -only or -or-later "
				    "(%s or the -or-later form)", written.ptr, only.ptr);
			else
				warn(b, "'%s' is a deprecated SPDX id", written.ptr);
			pa_buf_dispose(&only);
		}
		if (n->plus && (ends_with(f->id, "-only") || ends_with(f->id, "-or-later")))
			warn(b, "'%s+' is contradictory: the id already says -only or -or-later",
			    written.ptr);
		else if (n->plus && f->kind == PA_LICKIND_HF)
			warn(b, "'+' (or later) means nothing for the Hub id '%s'", written.ptr);
		or_later = or_later || ends_with(f->id, "-or-later") || ends_with(f->id, "+");
		break;
	}
	set(b, id, "kind", kind);
	set_facts(b, id, a);
	set(b, id, "or-later", tf(or_later));
	set(b, id, "exception", "");
	if (f != NULL && f->kind == PA_LICKIND_HF && f->klass == PA_LICCLASS_OTHER) {
		set(b, id, "spdx", ref ? ref : "");
	} else if (!(n->type == PA_SPDX_LICENSE && f == NULL)) {
		struct pa_buf sp = PA_BUF_INIT;

		if (n->document != NULL)
			pa_buf_printf(&sp, "%s:", n->document);
		pa_buf_puts(&sp, n->id);
		if (n->plus)
			pa_buf_putc(&sp, '+');
		if (pa_buf_oom(&sp))
			b->error = PA_ENOMEM;
		set(b, id, "spdx", sp.ptr);
		pa_buf_dispose(&sp);
	} else {
		set(b, id, "spdx", "");
	}
	if (note != NULL)
		set(b, id, "note", note);
done:
	free(ref);
	pa_buf_dispose(&written);
	return b->error ? NULL : id;
}

static void
eval(struct build *b, struct pa_spdx_node *n, struct agg *a)
{
	struct agg l, r;

	switch (n->type) {
	case PA_SPDX_AND:
	case PA_SPDX_OR:
		eval(b, n->left, &l);
		eval(b, n->right, &r);
		a->known = l.known && r.known;
		a->deprecated = l.deprecated || r.deprecated;
		if (n->type == PA_SPDX_AND) {
			/* every licence applies: all restrictions add up */
			a->restrictions = l.restrictions | r.restrictions;
			a->osi = l.osi && r.osi;
		} else {
			/* the licensee may choose: only what every choice imposes */
			a->restrictions = l.restrictions & r.restrictions;
			a->osi = l.osi || r.osi;
		}
		return;
	case PA_SPDX_WITH: {
		xmlNode *id = resolve_license(b, n->left, a);
		struct pa_spdx_node *x = n->right;
		const struct pa_licfacts *e = NULL;

		if (x->type == PA_SPDX_EXCEPTION &&
		    (e = pa_licdb_lookup_exception(b->db, x->id)) != NULL)
			canon(b, x, e->id);
		if (e == NULL)
			worse(b, x->type == PA_SPDX_ADDITION_REF ? ST_OTHER : ST_UNKNOWN);
		else if (e->deprecated) {
			a->deprecated = true;
			set(b, id, "deprecated", "true");
			warn(b, "'%s' is a deprecated SPDX exception id", x->id);
		}
		if (id != NULL) {
			struct pa_buf full = PA_BUF_INIT;

			if (x->document != NULL)
				pa_buf_printf(&full, "%s:", x->document);
			pa_buf_puts(&full, x->id);
			if (pa_buf_oom(&full))
				b->error = PA_ENOMEM;
			set(b, id, "exception", full.ptr);
			set(b, id, "exception-known", tf(e != NULL));
			pa_buf_dispose(&full);
		}
		if (e == NULL)
			a->known = false;
		return;
	}
	default:
		resolve_license(b, n, a);
		return;
	}
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
item_error(struct build *b, const struct pa_license_item *it, size_t index, bool numbered,
    const char *msg, size_t msglen, long offset)
{
	xmlNode *e;
	char num[32];

	worse(b, ST_INVALID);
	if (b->error)
		return;
	e = pa_ev_child_n(b->lic, "error", b->from, it->line ? it->line : b->ctx->line,
	    msg, msglen);
	if (e == NULL) {
		b->error = PA_ENOMEM;
		return;
	}
	if (offset >= 0) {
		snprintf(num, sizeof(num), "%ld", offset);
		set(b, e, "offset", num);
	}
	if (numbered) {
		snprintf(num, sizeof(num), "%zu", index + 1);
		set(b, e, "item", num);
	}
}

/* A Hub id written as the whole item: one licence leaf, or NULL. */
static struct pa_spdx_node *
whole_hub_id(struct build *b, const char *s, size_t len)
{
	struct pa_spdx_node *n = NULL;
	char *id;

	if (len == 0 || memchr(s, '\0', len) != NULL)
		return NULL;
	if ((id = pa_strndup(s, len)) == NULL) {
		b->error = PA_ENOMEM;
		return NULL;
	}
	if (find(b->db->hf, b->db->nhf, id) == NULL) {
		free(id);
		return NULL;
	}
	if ((n = pa_calloc(1, sizeof(*n))) == NULL) {
		free(id);
		b->error = PA_ENOMEM;
		return NULL;
	}
	n->type = PA_SPDX_LICENSE;
	n->id = id;
	n->len = len;
	return n;
}

/*
 * Parse one item.  A whole Hub id (which may hold characters SPDX does
 * not allow, as "openrail++") is taken as one licence; anything else goes
 * through the SPDX parser.  On a syntax error an <error> is added and
 * *out stays NULL.
 */
static void
parse_item(struct build *b, const struct pa_license_item *it, size_t index, bool numbered,
    struct pa_spdx_node **out)
{
	const char *s = it->text;
	size_t len = it->len, off, near;
	struct pa_spdx_error err = { 0 };
	struct pa_buf msg = PA_BUF_INIT;
	int rc;

	*out = NULL;
	if (s == NULL) {
		static const char m[] = "a licence must be a string";

		item_error(b, it, index, numbered, m, sizeof(m) - 1, -1);
		return;
	}
	while (len > 0 && is_space(s[0])) {
		s++;
		len--;
	}
	while (len > 0 && is_space(s[len - 1]))
		len--;
	if ((*out = whole_hub_id(b, s, len)) != NULL || b->error)
		return;
	rc = pa_spdx_parse(out, s, len, &err);
	if (rc == PA_ENOMEM)
		b->error = PA_ENOMEM;
	if (rc == 0 || rc == PA_ENOMEM)
		return;
	off = err.offset <= len ? err.offset : len;
	near = len - off < 24 ? len - off : 24;
	pa_buf_puts(&msg, len == 0 ? "empty licence expression" : err.message);
	if (near > 0) {
		pa_buf_puts(&msg, " (at \"");
		pa_buf_put(&msg, s + off, near);
		pa_buf_puts(&msg, off + near < len ? "...\")" : "\")");
	}
	if (pa_buf_oom(&msg))
		b->error = PA_ENOMEM;
	else
		item_error(b, it, index, numbered, msg.ptr, msg.size,
		    (long)((size_t)(s - it->text) + off));
	pa_buf_dispose(&msg);
}

static struct pa_spdx_node *
and_node(struct build *b, struct pa_spdx_node *l, struct pa_spdx_node *r)
{
	struct pa_spdx_node *n;

	if (l == NULL)
		return r;
	if (r == NULL)
		return l;
	if ((n = pa_calloc(1, sizeof(*n))) == NULL) {
		b->error = PA_ENOMEM;
		pa_spdx_free(l);
		pa_spdx_free(r);
		return NULL;
	}
	n->type = PA_SPDX_AND;
	n->left = l;
	n->right = r;
	return n;
}

/*
 * Anchors, once the <license> is complete: the licence's is the YAML key it
 * was read from; each of its children's is its element path below the
 * card ("license/id[mit]").
 */
static void
anchor(struct build *b, const char *key)
{
	struct pa_buf a = PA_BUF_INIT;
	xmlNode *c;

	pa_ev_put_collapsed(&a, key, PA_EV_KEY_MAX);
	if (b->error == 0 && (pa_buf_oom(&a) || pa_ev_set_anchor(b->lic, a.ptr) < 0))
		b->error = PA_ENOMEM;
	pa_buf_dispose(&a);
	for (c = b->lic->children; c != NULL && b->error == 0; c = c->next)
		if (c->type == XML_ELEMENT_NODE && pa_ev_anchor_step(c, "license", pa_ev_is_leaf(c)) < 0)
			b->error = PA_ENOMEM;
}

int
pa_license_items_to_evidence(xmlNode *parent, const struct pa_licdb *db,
    const struct pa_license_ctx *ctx, const struct pa_license_item *items,
    size_t count, const struct pa_evsrc *from)
{
	struct build b = { .db = db, .ctx = ctx, .from = from, .status = ST_VALID };
	struct pa_spdx_node *root = NULL, **trees = NULL;
	struct pa_buf expr = PA_BUF_INIT;
	struct agg a = { 0 };
	size_t i;

	if ((b.lic = pa_ev_child(parent, "license", from, ctx->line, NULL)) == NULL)
		return PA_ENOMEM;
	if (items == NULL) {
		b.status = ST_MISSING;
	} else if (count == 0) {
		child(&b, "error", "empty licence list");
		b.status = ST_INVALID;
	}
	if (count > 0 && (trees = pa_calloc(count, sizeof(*trees))) == NULL)
		b.error = PA_ENOMEM;
	for (i = 0; items != NULL && i < count && b.error == 0; i++)
		parse_item(&b, &items[i], i, count > 1, &trees[i]);
	/* each licence of the list applies: evaluate each, add up as AND does */
	for (i = 0; items != NULL && i < count && b.error == 0; i++) {
		struct agg one;

		if (trees[i] == NULL)
			continue;
		b.line = items[i].line;
		eval(&b, trees[i], &one);
		if (root == NULL) {
			a = one;
		} else {
			a.restrictions |= one.restrictions;
			a.known = a.known && one.known;
			a.deprecated = a.deprecated || one.deprecated;
			a.osi = a.osi && one.osi;
		}
		root = and_node(&b, root, trees[i]);
		trees[i] = NULL;
	}
	if (root != NULL && b.status != ST_INVALID && b.error == 0) {
		pa_spdx_write(&expr, root);
	} else if (b.status == ST_INVALID && items != NULL) {
		/* what the card says, for messages: the items as written */
		for (i = 0; i < count; i++) {
			if (items[i].text == NULL)
				continue;
			if (expr.size > 0)
				pa_buf_puts(&expr, " AND ");
			pa_buf_put(&expr, items[i].text, items[i].len);
		}
	}
	if (pa_buf_oom(&expr))
		b.error = PA_ENOMEM;
	else if (expr.size > 0 || (root != NULL && b.status != ST_INVALID))
		set_bytes(&b, b.lic, "expression", expr.ptr, expr.size);
	if (b.status == ST_INVALID || b.status == ST_MISSING)
		a.known = false;
	set(&b, b.lic, "from", ctx->from_key ? ctx->from_key : "license");
	anchor(&b, ctx->from_key ? ctx->from_key : "license");
	set(&b, b.lic, "status", status_names[b.status]);
	set_facts(&b, b.lic, &a);
	if (ctx->license_name != NULL)
		set(&b, b.lic, "license-name", ctx->license_name);
	if (ctx->license_link != NULL)
		set(&b, b.lic, "license-link", ctx->license_link);
	for (i = 0; trees != NULL && i < count; i++)
		pa_spdx_free(trees[i]);
	free(trees);
	pa_spdx_free(root);
	pa_buf_dispose(&expr);
	if (b.error)
		return pa_error_oom();
	return 0;
}

int
pa_license_to_evidence(xmlNode *parent, const struct pa_licdb *db,
    const char *expression, const char *from_key, const struct pa_evsrc *from,
    long line)
{
	struct pa_license_ctx ctx = { .from_key = from_key, .line = line };
	struct pa_license_item item = { .text = expression, .len = expression ? strlen(expression) : 0,
	    .line = line };

	return pa_license_items_to_evidence(parent, db, &ctx, expression ? &item : NULL,
	    expression ? 1 : 0, from);
}

int
pa_license_error_to_evidence(xmlNode *parent, const struct pa_license_ctx *ctx,
    const char *message, const struct pa_evsrc *from)
{
	struct build b = { .ctx = ctx, .from = from, .status = ST_INVALID };
	struct agg a = { 0 };

	if ((b.lic = pa_ev_child(parent, "license", from, ctx->line, NULL)) == NULL)
		return PA_ENOMEM;
	child(&b, "error", message);
	set(&b, b.lic, "from", ctx->from_key ? ctx->from_key : "license");
	anchor(&b, ctx->from_key ? ctx->from_key : "license");
	set(&b, b.lic, "status", status_names[b.status]);
	set_facts(&b, b.lic, &a);
	return b.error ? pa_error_oom() : 0;
}
