/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Waivers: matching, validation and the JSON waivers file. */
#include "config.h"

#include "ledger/waiver.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/internal.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"

/* Reason codes, documented in pactaudit-waivers(5). */
static const char *const reasons[] = {
	"accepted-risk",
	"false-positive",
	"compensating-control",
	"not-applicable",
	"remediation-planned",
	NULL
};

bool
pa_waiver_reason_known(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && reasons[i] != NULL; i++)
		if (strcmp(code, reasons[i]) == 0)
			return true;
	return false;
}

const char *
pa_waiver_reasons(void)
{
	return "accepted-risk, false-positive, compensating-control, not-applicable, "
	    "remediation-planned";
}

void
pa_waiver_free(struct pa_waiver *w)
{
	if (w == NULL)
		return;
	free(w->id);
	free(w->rule);
	free(w->finding);
	free(w->dossier);
	free(w->path);
	free(w->reason);
	free(w->justification);
	free(w->approver);
	free(w->approver_name);
	free(w->created);
	free(w);
}

static bool
dup_field(char **dst, const char *src)
{
	*dst = NULL;
	return src == NULL || (*dst = pa_strdup(src)) != NULL;
}

struct pa_waiver *
pa_waiver_dup(const struct pa_waiver *w)
{
	struct pa_waiver *c;

	if ((c = pa_calloc(1, sizeof(*c))) == NULL)
		return NULL;
	memcpy(c->until, w->until, sizeof(c->until));
	c->source = w->source;
	c->trusted = w->trusted;
	if (!dup_field(&c->id, w->id) || !dup_field(&c->rule, w->rule) ||
	    !dup_field(&c->finding, w->finding) || !dup_field(&c->dossier, w->dossier) ||
	    !dup_field(&c->path, w->path) || !dup_field(&c->reason, w->reason) ||
	    !dup_field(&c->justification, w->justification) ||
	    !dup_field(&c->approver, w->approver) ||
	    !dup_field(&c->approver_name, w->approver_name) ||
	    !dup_field(&c->created, w->created)) {
		pa_waiver_free(c);
		return NULL;
	}
	return c;
}

static void
waiver_free_item(void *p)
{
	pa_waiver_free(p);
}

void
pa_waivers_dispose(struct pa_waivers *ws)
{
	pa_vec_dispose(&ws->items, waiver_free_item);
}

int
pa_waivers_push(struct pa_waivers *ws, struct pa_waiver *w)
{
	int error;

	if ((error = pa_vec_push(&ws->items, w)) < 0)
		pa_waiver_free(w);
	return error;
}

bool
pa_ledger__is_hex64(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return i == 64;
}

static bool
blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/*
 * A dossier-relative path as findings name them: parts separated by one
 * '/', none of them "", "." or "..", and a trailing '/' for a folder.
 */
static bool
scope_ok(const char *p)
{
	const char *e;
	size_t n;

	if (*p == '\0' || *p == '/')
		return false;
	for (; *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
	}
	return true;
}

int
pa_waiver_validate(const struct pa_waiver *w, const char *what)
{
	long days;

	if (blank(w->rule) && blank(w->finding))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s: a waiver names a rule or a finding fingerprint", what);
	if (w->finding != NULL && !pa_ledger__is_hex64(w->finding))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s: finding '%s' is not a fingerprint (64 hex digits)", what, w->finding);
	if (!pa_waiver_reason_known(w->reason))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s: reason '%s' is not one of %s", what, w->reason ? w->reason : "",
		    pa_waiver_reasons());
	if (!pa_date_parse(w->until, &days))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s: until '%s' is not a date YYYY-MM-DD", what, w->until);
	if (blank(w->justification))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s: a waiver needs a justification", what);
	if (w->path != NULL && !scope_ok(w->path))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s: path '%s' is not relative to the dossier as findings name files "
		    "(no leading '/', no '.', '..' or empty part; a folder ends in '/')",
		    what, w->path);
	return 0;
}

static bool
path_covers(const char *scope, const char *path)
{
	size_t n = strlen(scope);

	if (path == NULL)
		return false;
	if (n > 0 && scope[n - 1] == '/')
		return strncmp(scope, path, n) == 0;
	return strcmp(scope, path) == 0;
}

bool
pa_waiver_matches(const struct pa_waiver *w, const char *dossier, const char *rule,
    const char *fingerprint, const char *path)
{
	if (w->rule == NULL && w->finding == NULL)
		return false;
	if (w->rule != NULL && (rule == NULL || strcmp(w->rule, rule) != 0))
		return false;
	if (w->finding != NULL &&
	    (fingerprint == NULL || strcasecmp(w->finding, fingerprint) != 0))
		return false;
	if (w->dossier != NULL && (dossier == NULL || strcmp(w->dossier, dossier) != 0))
		return false;
	if (w->path != NULL && !path_covers(w->path, path))
		return false;
	return true;
}

bool
pa_waiver_expired(const struct pa_waiver *w, const struct pa_date *as_of)
{
	long until;

	if (!pa_date_parse(w->until, &until))
		return true;	/* a waiver without a readable expiry never holds */
	return as_of != NULL && as_of->days > until;
}

/* JSON */

static const char *const waiver_keys[] = {
	"rule", "finding", "dossier", "path", "reason", "justification", "until",
	"approver", "created", NULL
};

int
pa_waiver__from_json(struct pa_waiver **out, json_t *o, const char *what)
{
	struct pa_waiver *w = NULL;
	char **slot[] = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	const char *key;
	json_t *v;
	size_t i;

	*out = NULL;
	if (!json_is_object(o))
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s: a waiver is a JSON object", what);
	if ((w = pa_calloc(1, sizeof(*w))) == NULL)
		return PA_ENOMEM;
	slot[0] = &w->rule;
	slot[1] = &w->finding;
	slot[2] = &w->dossier;
	slot[3] = &w->path;
	slot[4] = &w->reason;
	slot[5] = &w->justification;
	slot[6] = NULL;		/* until: fixed buffer */
	slot[7] = &w->approver;
	slot[8] = &w->created;
	json_object_foreach(o, key, v) {
		for (i = 0; waiver_keys[i] != NULL; i++)
			if (strcmp(key, waiver_keys[i]) == 0)
				break;
		if (waiver_keys[i] == NULL) {
			pa_waiver_free(w);
			return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
			    "%s: unknown key '%s' in a waiver", what, key);
		}
		if (!json_is_string(v)) {
			pa_waiver_free(w);
			return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
			    "%s: '%s' of a waiver is not a string", what, key);
		}
		if (slot[i] == NULL) {
			if (json_string_length(v) != 10) {
				pa_waiver_free(w);
				return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
				    "%s: until '%s' is not a date YYYY-MM-DD", what,
				    json_string_value(v));
			}
			memcpy(w->until, json_string_value(v), 11);
		} else if ((*slot[i] = pa_strndup(json_string_value(v),
		    json_string_length(v))) == NULL) {
			pa_waiver_free(w);
			return PA_ENOMEM;
		}
	}
	*out = w;
	return 0;
}

static int
set_str(json_t *o, const char *key, const char *value)
{
	if (value == NULL)
		return 0;
	return json_object_set_new(o, key, json_string(value));
}

json_t *
pa_waiver__to_json(const struct pa_waiver *w)
{
	json_t *o = json_object();

	if (o == NULL ||
	    set_str(o, "rule", w->rule) < 0 || set_str(o, "finding", w->finding) < 0 ||
	    set_str(o, "dossier", w->dossier) < 0 || set_str(o, "path", w->path) < 0 ||
	    set_str(o, "reason", w->reason) < 0 ||
	    set_str(o, "justification", w->justification) < 0 ||
	    set_str(o, "until", w->until) < 0 || set_str(o, "approver", w->approver) < 0 ||
	    set_str(o, "created", w->created) < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int
pa_waivers_parse(struct pa_waivers *out, const char *data, size_t len, const char *what)
{
	json_error_t jerr;
	json_t *root, *list, *v, *item;
	struct pa_waiver *w;
	struct pa_buf name = PA_BUF_INIT;
	const char *key;
	size_t i;
	int error = 0;

	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE, "%s:%d: %s", what,
		    jerr.line, jerr.text);
	if (!json_is_object(root) ||
	    !json_is_integer(v = json_object_get(root, "pactaudit-waivers")) ||
	    json_integer_value(v) != 1) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s: not a waivers file (an object with \"pactaudit-waivers\": 1)", what);
		goto done;
	}
	json_object_foreach(root, key, v) {
		if (strcmp(key, "pactaudit-waivers") != 0 && strcmp(key, "waivers") != 0) {
			error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
			    "%s: unknown key '%s'", what, key);
			goto done;
		}
	}
	list = json_object_get(root, "waivers");
	if (!json_is_array(list)) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s: \"waivers\" is not an array", what);
		goto done;
	}
	json_array_foreach(list, i, item) {
		pa_buf_clear(&name);
		if ((error = pa_buf_printf(&name, "%s: waiver %zu", what, i + 1)) < 0 ||
		    (error = pa_waiver__from_json(&w, item, name.ptr)) < 0)
			goto done;
		w->source = PA_WAIVER_SELF_DECLARED;
		w->trusted = false;
		pa_buf_clear(&name);
		if ((error = pa_buf_printf(&name, "%s:%zu", what, i + 1)) < 0 ||
		    (w->id = pa_strdup(name.ptr)) == NULL) {
			pa_waiver_free(w);
			error = PA_ENOMEM;
			goto done;
		}
		if ((error = pa_waiver_validate(w, name.ptr)) < 0) {
			pa_waiver_free(w);
			goto done;
		}
		if ((error = pa_waivers_push(out, w)) < 0)
			goto done;
	}
done:
	pa_buf_dispose(&name);
	json_decref(root);
	return error;
}

int
pa_waivers_load_file(struct pa_waivers *out, const char *path)
{
	struct pa_buf b = PA_BUF_INIT;
	int error;

	if ((error = pa_file_read(&b, path, PA_LIMIT_FILE_SIZE, 0)) == 0)
		error = pa_waivers_parse(out, b.ptr, b.size, path);
	pa_buf_dispose(&b);
	return error;
}
