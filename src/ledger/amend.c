/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Waivers and baselines applied to a results model; the baseline file (JSON). */
#include "config.h"

#include "ledger/amend.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/internal.h"
#include "ledger/ledger.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"

/* A waiver that may apply, with what reporting it needs. */
struct cand {
	struct pa_waiver *w;
	char *origin;		/* the waivers file or the ledger's folder */
	char *problem;		/* untrusted ledger record: why */
};

/* A finding of a baseline file. */
struct entry {
	char fingerprint[PA_DIGEST_HEXLEN + 1];
	char *rule, *path, *anchor, *message, *dossier;
	enum pa_severity severity;
};

static void
cand_free(void *p)
{
	struct cand *c = p;

	if (c == NULL)
		return;
	pa_waiver_free(c->w);
	free(c->origin);
	free(c->problem);
	free(c);
}

static void
entry_free(void *p)
{
	struct entry *e = p;

	if (e == NULL)
		return;
	free(e->rule);
	free(e->path);
	free(e->anchor);
	free(e->message);
	free(e->dossier);
	free(e);
}

void
pa_amend_dispose(struct pa_amend *am)
{
	pa_vec_dispose(&am->waivers, cand_free);
	pa_vec_dispose(&am->baseline, entry_free);
	free(am->baseline_file);
	am->baseline_file = NULL;
	am->untrusted = 0;
}

int
pa_amend_add_waiver(struct pa_amend *am, struct pa_waiver *w, const char *origin,
    const char *problem)
{
	struct cand *c;

	if ((c = pa_calloc(1, sizeof(*c))) == NULL) {
		pa_waiver_free(w);
		return pa_error_oom();
	}
	c->w = w;
	if ((c->origin = pa_strdup(origin)) == NULL ||
	    (problem != NULL && (c->problem = pa_strdup(problem)) == NULL) ||
	    pa_vec_push(&am->waivers, c) < 0) {
		cand_free(c);
		return pa_error_oom();
	}
	return 0;
}

int
pa_amend_add_waivers_file(struct pa_amend *am, const char *path)
{
	struct pa_waivers ws = PA_WAIVERS_INIT;
	size_t i;
	int error;

	if ((error = pa_waivers_load_file(&ws, path)) == 0) {
		for (i = 0; i < ws.items.count && error == 0; i++) {
			error = pa_amend_add_waiver(am, ws.items.items[i], path, NULL);
			ws.items.items[i] = NULL;
		}
	}
	pa_waivers_dispose(&ws);
	return error;
}

int
pa_amend_add_ledger(struct pa_amend *am, const char *dir, const char *keyring)
{
	struct pa_ledger *l = NULL;
	struct pa_ledger_log *log = NULL;
	struct pa_waiver *w;
	size_t i;
	int error;

	if ((error = pa_ledger_open(&l, dir, false)) < 0 ||
	    (error = pa_ledger_load(&log, l, keyring)) < 0)
		goto done;
	for (i = 0; i < log->count && error == 0; i++) {
		const struct pa_ledger_entry *e = &log->entries[i];

		if (e->kind != PA_LEDGER_WAIVER || e->waiver == NULL)
			continue;
		if ((w = pa_waiver_dup(e->waiver)) == NULL) {
			error = pa_error_oom();
			break;
		}
		w->source = PA_WAIVER_LEDGER;
		w->trusted = e->trusted;
		if (!e->trusted)
			am->untrusted++;
		error = pa_amend_add_waiver(am, w, pa_ledger_dir(l), e->trusted ? NULL :
		    e->problem ? e->problem : "not trusted");
	}
done:
	pa_ledger_log_free(log);
	pa_ledger_free(l);
	return error;
}

/* ------------------------------------------------------------------ */
/* Applying                                                            */

/* Lower is preferred: what a finding reports when several waivers match. */
static enum pa_waiver_state
state_of(const struct cand *c, const struct pa_results_finding *f,
    const struct pa_date *as_of)
{
	if (!f->waivable)
		return PA_WAIVER_REFUSED;
	if (c->w->source == PA_WAIVER_LEDGER && !c->w->trusted)
		return PA_WAIVER_UNTRUSTED;
	if (pa_waiver_expired(c->w, as_of))
		return PA_WAIVER_EXPIRED;
	return PA_WAIVER_APPLIED;
}

static int
rank(enum pa_waiver_state s)
{
	switch (s) {
	case PA_WAIVER_APPLIED: return 0;
	case PA_WAIVER_REFUSED: return 1;
	case PA_WAIVER_EXPIRED: return 2;
	default: return 3;
	}
}

static int
waive(const struct pa_amend *am, struct pa_results_finding *f, const char *dossier,
    const struct pa_date *as_of)
{
	const struct cand *best = NULL;
	enum pa_waiver_state best_state = PA_WAIVER_UNTRUSTED, s;
	struct pa_results_waiver rw = { 0 };
	size_t i;

	for (i = 0; i < am->waivers.count; i++) {
		const struct cand *c = am->waivers.items[i];

		if (!pa_waiver_matches(c->w, dossier, f->rule, f->fingerprint, f->path))
			continue;
		s = state_of(c, f, as_of);
		if (best == NULL || rank(s) < rank(best_state)) {
			best = c;
			best_state = s;
		}
	}
	if (best == NULL)
		return 0;
	rw.state = best_state;
	rw.source = best->w->source == PA_WAIVER_LEDGER ? "ledger" : "self-declared";
	rw.origin = best->origin;
	rw.id = best->w->id;
	rw.reason = best->w->reason;
	rw.justification = best->w->justification;
	rw.until = best->w->until[0] ? best->w->until : NULL;
	rw.approver = best->w->approver;
	rw.approver_name = best->w->approver_name;
	rw.created = best->w->created;
	rw.problem = best->problem;
	if (best_state == PA_WAIVER_APPLIED &&
	    (f->status == PA_FINDING_OPEN || f->status == PA_FINDING_NEEDS_REVIEW))
		f->status = PA_FINDING_WAIVED;
	return pa_results_set_waiver(f, &rw);
}

static bool
entry_applies(const struct entry *e, const char *location)
{
	return e->dossier == NULL || (location != NULL && strcmp(e->dossier, location) == 0);
}

static int
baseline(const struct pa_amend *am, struct pa_results *res, const char *location)
{
	size_t i, k;
	int error;

	if (am->baseline_file == NULL)
		return 0;
	if ((error = pa_results_set(&res->baseline, am->baseline_file)) < 0)
		return error;
	for (i = 0; i < res->findings.count; i++) {
		struct pa_results_finding *f = res->findings.items[i];

		if (!f->waivable ||
		    (f->status != PA_FINDING_OPEN && f->status != PA_FINDING_NEEDS_REVIEW))
			continue;
		for (k = 0; k < am->baseline.count; k++) {
			const struct entry *e = am->baseline.items[k];

			if (entry_applies(e, location) &&
			    strcasecmp(e->fingerprint, f->fingerprint) == 0) {
				f->status = PA_FINDING_BASELINED;
				break;
			}
		}
	}
	for (k = 0; k < am->baseline.count; k++) {
		const struct entry *e = am->baseline.items[k];
		struct pa_results_fixed fx = { 0 };
		bool found = false;

		if (!entry_applies(e, location))
			continue;
		for (i = 0; i < res->findings.count && !found; i++)
			found = strcasecmp(e->fingerprint,
			    ((const struct pa_results_finding *)res->findings.items[i])->fingerprint) == 0;
		if (found)
			continue;
		fx.rule = e->rule;
		fx.severity = e->severity;
		fx.path = e->path;
		fx.anchor = e->anchor;
		fx.message = e->message;
		memcpy(fx.fingerprint, e->fingerprint, sizeof(fx.fingerprint));
		if ((error = pa_results_add_fixed(res, &fx)) < 0)
			return error;
	}
	return 0;
}

int
pa_amend_results(const struct pa_amend *am, struct pa_results *res,
    const char *location, const char *subdir)
{
	struct pa_buf id = PA_BUF_INIT;
	struct pa_date day;
	const struct pa_date *as_of;
	size_t i;
	int error = 0;

	if (am->waivers.count > 0) {
		/* the date the results were audited at (text of the results document) */
		as_of = pa_date_from_iso(&day, res->as_of) ? &day : NULL;
		if ((error = pa_ledger_dossier_id(&id, location, subdir, NULL)) < 0)
			goto done;
		for (i = 0; i < res->findings.count && error == 0; i++)
			error = waive(am, res->findings.items[i], id.ptr, as_of);
		if (error < 0)
			goto done;
	}
	error = baseline(am, res, location);
done:
	pa_buf_dispose(&id);
	return error;
}

/* ------------------------------------------------------------------ */
/* The baseline file                                                   */

static const char *const entry_keys[] = {
	"fingerprint", "rule", "severity", "path", "anchor", "message", "dossier", NULL
};

static int
bad(const char *name, size_t n, const char *what)
{
	if (n == 0)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE, "%s: %s", name, what);
	return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE, "%s: finding %zu: %s", name, n,
	    what);
}

static int
read_entry(struct pa_amend *am, json_t *o, const char *name, size_t n)
{
	struct entry *e;
	char **slots[7];
	const char *key, *sev;
	json_t *v;
	size_t i;

	if (!json_is_object(o))
		return bad(name, n, "not a JSON object");
	if ((e = pa_calloc(1, sizeof(*e))) == NULL)
		return pa_error_oom();
	slots[0] = NULL;
	slots[1] = &e->rule;
	slots[2] = NULL;
	slots[3] = &e->path;
	slots[4] = &e->anchor;
	slots[5] = &e->message;
	slots[6] = &e->dossier;
	json_object_foreach(o, key, v) {
		for (i = 0; entry_keys[i] != NULL && strcmp(entry_keys[i], key) != 0; i++)
			;
		if (entry_keys[i] == NULL) {
			entry_free(e);
			return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
			    "%s: finding %zu: unknown key '%s'", name, n, key);
		}
		if (!json_is_string(v)) {
			entry_free(e);
			return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
			    "%s: finding %zu: '%s' is not a string", name, n, key);
		}
		if (slots[i] != NULL && (*slots[i] = pa_strndup(json_string_value(v),
		    json_string_length(v))) == NULL) {
			entry_free(e);
			return pa_error_oom();
		}
	}
	v = json_object_get(o, "fingerprint");
	if (!json_is_string(v) || !pa_ledger__is_hex64(json_string_value(v))) {
		entry_free(e);
		return bad(name, n, "no fingerprint of 64 hex digits");
	}
	snprintf(e->fingerprint, sizeof(e->fingerprint), "%s", json_string_value(v));
	if (e->rule == NULL || e->rule[0] == '\0') {
		entry_free(e);
		return bad(name, n, "no rule");
	}
	v = json_object_get(o, "severity");
	sev = json_is_string(v) ? json_string_value(v) : NULL;
	if (pa_results_severity_parse(&e->severity, sev) < 0) {
		entry_free(e);
		return bad(name, n, "severity is not blocker, error, warning or info");
	}
	if (pa_vec_push(&am->baseline, e) < 0) {
		entry_free(e);
		return pa_error_oom();
	}
	return 0;
}

int
pa_amend_parse_baseline(struct pa_amend *am, const char *data, size_t len, const char *name)
{
	json_error_t jerr;
	json_t *root, *v, *list, *item;
	const char *key;
	size_t i;
	int error = 0;

	if ((root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE, "%s:%d: %s", name,
		    jerr.line, jerr.text);
	if (!json_is_object(root) ||
	    !json_is_integer(v = json_object_get(root, "pactaudit-baseline"))) {
		error = bad(name, 0, "not a baseline (an object with \"pactaudit-baseline\": 1)");
		goto done;
	}
	if (json_integer_value(v) != PA_BASELINE_VERSION) {
		error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
		    "%s: baseline version %lld is not known (this pactaudit reads version %d)",
		    name, (long long)json_integer_value(v), PA_BASELINE_VERSION);
		goto done;
	}
	json_object_foreach(root, key, v) {
		if (strcmp(key, "pactaudit-baseline") != 0 && strcmp(key, "findings") != 0 &&
		    strcmp(key, "tool") != 0 && strcmp(key, "as_of") != 0) {
			error = pa_error_setc(PA_EINVALID, PA_ERRCLASS_USAGE,
			    "%s: unknown key '%s'", name, key);
			goto done;
		}
	}
	if (!json_is_array(list = json_object_get(root, "findings"))) {
		error = bad(name, 0, "\"findings\" is not an array");
		goto done;
	}
	json_array_foreach(list, i, item)
		if ((error = read_entry(am, item, name, i + 1)) < 0)
			goto done;
	if ((am->baseline_file = pa_strdup(name)) == NULL)
		error = pa_error_oom();
done:
	json_decref(root);
	return error;
}

int
pa_amend_load_baseline(struct pa_amend *am, const char *path)
{
	struct pa_buf b = PA_BUF_INIT;
	int error;

	if ((error = pa_file_read(&b, path, PA_LIMIT_TOTAL_SIZE, 0)) == 0)
		error = pa_amend_parse_baseline(am, b.ptr ? b.ptr : "", b.size, path);
	pa_buf_dispose(&b);
	return error;
}

static bool
jset_str(json_t *o, const char *key, const char *s)
{
	return s == NULL || json_object_set_new(o, key, json_string(s)) == 0;
}

static int
cmp_entry(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	const char *da = json_string_value(json_object_get(a, "dossier"));
	const char *db = json_string_value(json_object_get(b, "dossier"));
	int c;

	if ((c = strcmp(da ? da : "", db ? db : "")) != 0)
		return c;
	return strcmp(json_string_value(json_object_get(a, "fingerprint")),
	    json_string_value(json_object_get(b, "fingerprint")));
}

int
pa_baseline_write(struct pa_buf *out, struct pa_results *const *res,
    const char *const *locations, size_t count)
{
	json_t *root = json_object(), *list = json_array(), *o;
	struct pa_vec entries = PA_VEC_INIT;
	const char *as_of = NULL;
	char *text = NULL;
	size_t i, k;
	bool ok = root != NULL && list != NULL;

	for (i = 0; ok && i < count; i++) {
		if (res[i] == NULL)
			continue;
		as_of = as_of ? as_of : res[i]->as_of;
		for (k = 0; ok && k < res[i]->findings.count; k++) {
			const struct pa_results_finding *f = res[i]->findings.items[k];

			if (!f->in_force || f->status == PA_FINDING_WAIVED)
				continue;
			if ((o = json_object()) == NULL || pa_vec_push(&entries, o) < 0) {
				json_decref(o);
				ok = false;
				break;
			}
			ok = jset_str(o, "fingerprint", f->fingerprint) &&
			    jset_str(o, "rule", f->rule) &&
			    jset_str(o, "severity", pa_results_severity_name(f->severity)) &&
			    jset_str(o, "path", f->path) && jset_str(o, "anchor", f->anchor) &&
			    jset_str(o, "message", f->message) &&
			    jset_str(o, "dossier", locations != NULL && count > 1 ?
			    locations[i] : NULL);
		}
	}
	/* sorted, so that a baseline of the same findings is the same file */
	if (ok && entries.count > 1)
		qsort(entries.items, entries.count, sizeof(entries.items[0]), cmp_entry);
	for (i = 0; i < entries.count; i++) {
		if (ok)
			ok = json_array_append(list, entries.items[i]) == 0;
		json_decref(entries.items[i]);
	}
	free(entries.items);
	ok = ok &&
	    json_object_set_new(root, "pactaudit-baseline",
	    json_integer(PA_BASELINE_VERSION)) == 0 &&
	    jset_str(root, "tool", "pactaudit " PACKAGE_VERSION) &&
	    jset_str(root, "as_of", as_of) &&
	    json_object_set(root, "findings", list) == 0 &&
	    (text = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS)) != NULL;
	if (ok) {
		pa_buf_puts(out, text);
		pa_buf_putc(out, '\n');
	}
	free(text);
	json_decref(list);
	json_decref(root);
	return ok && !pa_buf_oom(out) ? 0 : pa_error_oom();
}
