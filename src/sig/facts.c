/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Key and signature facts: lookup and the records kept in the verification cache. */
#include "config.h"

#include "sig/facts.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/record.h"

#define MAX_FACTS 64	/* signatures kept per verified object */
#define MAX_KEYS 100000	/* (sub)keys of one keyring */

void
pa_keyset_dispose(struct pa_keyset *ks)
{
	size_t i;

	for (i = 0; i < ks->count; i++)
		free(ks->keys[i].uid);
	free(ks->keys);
	ks->keys = NULL;
	ks->count = 0;
}

const struct pa_key_fact *
pa_keyset_find(const struct pa_keyset *ks, const char *fpr)
{
	size_t i, n = strlen(fpr), m;

	for (i = 0; i < ks->count; i++) {
		m = strlen(ks->keys[i].fpr);
		if (n == m && strcasecmp(ks->keys[i].fpr, fpr) == 0)
			return &ks->keys[i];
		/* a key id: the low 64 bits of a v4 fingerprint */
		if (n == 16 && m == 40 && strcasecmp(ks->keys[i].fpr + 24, fpr) == 0)
			return &ks->keys[i];
	}
	return NULL;
}

#define FACTS_KIND "sig-object"
#define FACTS_VERSION 1
#define KEYS_KIND "sig-keys"
#define KEYS_VERSION 2	/* 2: the revocation's kind and time */

json_t *
pa_sig_facts_json(enum pa_history_sigformat format, const struct pa_sig_fact *f, size_t n)
{
	json_t *facts;
	size_t i;

	if ((facts = json_array()) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (json_array_append_new(facts, json_pack("[i,o,I,I,o]", (int)f[i].outcome,
		    pa_record_str(f[i].fpr), (json_int_t)f[i].created, (json_int_t)f[i].expires,
		    pa_record_str(f[i].note))) < 0) {
			json_decref(facts);
			return NULL;
		}
	}
	return json_pack("{s:i, s:o}", "format", (int)format, "facts", facts);
}

int
pa_sig_facts_from_json(enum pa_history_sigformat *format, struct pa_sig_fact **out,
    size_t *n, const json_t *v)
{
	struct pa_sig_fact *f = NULL;
	json_t *facts, *fpr, *note;
	json_int_t created, expires;
	size_t i, count;
	int fmt, outcome, error = 0;

	*out = NULL;
	*n = 0;
	if (json_unpack_ex((json_t *)v, NULL, JSON_STRICT, "{s:i, s:o}", "format", &fmt,
	    "facts", &facts) < 0 || fmt < PA_HISTORY_SIG_NONE || fmt > PA_HISTORY_SIG_UNKNOWN ||
	    !json_is_array(facts) || (count = json_array_size(facts)) == 0 || count > MAX_FACTS)
		return PA_ENOTFOUND;
	if ((f = pa_calloc(count, sizeof(*f))) == NULL)
		return PA_ENOMEM;
	for (i = 0; i < count && error == 0; i++) {
		if (json_unpack_ex(json_array_get(facts, i), NULL, JSON_STRICT, "[i,o,I,I,o]",
		    &outcome, &fpr, &created, &expires, &note) < 0 ||
		    outcome < PA_SIG_OUTCOME_VALID || outcome > PA_SIG_OUTCOME_ERROR) {
			error = PA_ENOTFOUND;
			break;
		}
		f[i].outcome = (enum pa_sig_outcome)outcome;
		f[i].created = created;
		f[i].expires = expires;
		if ((error = pa_record_get_strbuf(f[i].fpr, sizeof(f[i].fpr), fpr)) < 0 ||
		    (error = pa_record_get_strbuf(f[i].note, sizeof(f[i].note), note)) < 0)
			error = error == PA_ENOMEM ? error : PA_ENOTFOUND;
	}
	if (error < 0) {
		free(f);
		return error;
	}
	*format = (enum pa_history_sigformat)fmt;
	*out = f;
	*n = count;
	return 0;
}

void
pa_key_fact_revoke(struct pa_key_fact *k, int reason, long long when)
{
	enum pa_revocation r = reason == 1 ? PA_REVOCATION_SUPERSEDED :
	    reason == 3 ? PA_REVOCATION_RETIRED : PA_REVOCATION_HARD;

	if (r != PA_REVOCATION_HARD && when <= 1)
		r = PA_REVOCATION_HARD;	/* a soft revocation with no time voids all */
	if (!k->revoked || k->revocation == PA_REVOCATION_NONE) {
		k->revocation = r;
		k->revoked_at = r == PA_REVOCATION_HARD ? 0 : when;
	} else if (k->revocation != PA_REVOCATION_HARD) {
		if (r == PA_REVOCATION_HARD) {
			k->revocation = r;
			k->revoked_at = 0;
		} else if (when < k->revoked_at) {
			k->revocation = r;
			k->revoked_at = when;
		}
	}
	k->revoked = true;
}

const char *
pa_revocation_name(enum pa_revocation r)
{
	switch (r) {
	case PA_REVOCATION_HARD:
		return "compromised or without a reason";
	case PA_REVOCATION_SUPERSEDED:
		return "superseded";
	case PA_REVOCATION_RETIRED:
		return "retired";
	default:
		return "";
	}
}

int
pa_sig_facts_encode(struct pa_buf *out, enum pa_history_sigformat format,
    const struct pa_sig_fact *f, size_t n)
{
	return pa_record_encode(out, FACTS_KIND, FACTS_VERSION, pa_sig_facts_json(format, f, n));
}

int
pa_sig_facts_decode(enum pa_history_sigformat *format, struct pa_sig_fact **out, size_t *n,
    const char *data, size_t len)
{
	json_t *v;
	int error;

	*out = NULL;
	*n = 0;
	if ((error = pa_record_decode(&v, FACTS_KIND, FACTS_VERSION, data, len)) < 0)
		return error;
	error = pa_sig_facts_from_json(format, out, n, v);
	json_decref(v);
	return error;
}

int
pa_keyset_encode(struct pa_buf *out, const struct pa_keyset *ks)
{
	json_t *keys;
	size_t i;

	if ((keys = json_array()) == NULL)
		return pa_error_oom();
	for (i = 0; i < ks->count; i++) {
		const struct pa_key_fact *k = &ks->keys[i];

		/* revocation: 0 none, 1 hard, t > 1 superseded at t, -t retired at t */
		long long rev = !k->revoked ? 0LL :
		    k->revocation == PA_REVOCATION_SUPERSEDED && k->revoked_at > 1 ? k->revoked_at :
		    k->revocation == PA_REVOCATION_RETIRED && k->revoked_at > 1 ? -k->revoked_at :
		    1LL;

		if (json_array_append_new(keys, json_pack("[o,o,I,I,o]", pa_record_str(k->fpr),
		    pa_record_str(k->primary), (json_int_t)k->expires, (json_int_t)rev,
		    pa_record_str(k->uid))) < 0) {
			json_decref(keys);
			return pa_error_oom();
		}
	}
	return pa_record_encode(out, KEYS_KIND, KEYS_VERSION, keys);
}

int
pa_keyset_decode(struct pa_keyset *out, const char *data, size_t len)
{
	json_t *keys, *fpr, *primary, *uid;
	json_int_t expires, v;
	size_t i, count;
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = pa_record_decode(&keys, KEYS_KIND, KEYS_VERSION, data, len)) < 0)
		return error;
	if (!json_is_array(keys) || (count = json_array_size(keys)) > MAX_KEYS) {
		error = PA_ENOTFOUND;
		goto done;
	}
	if (count > 0 && (out->keys = pa_calloc(count, sizeof(*out->keys))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	for (i = 0; i < count; i++) {
		struct pa_key_fact *k = &out->keys[i];

		out->count = i + 1;
		if (json_unpack_ex(json_array_get(keys, i), NULL, JSON_STRICT, "[o,o,I,I,o]",
		    &fpr, &primary, &expires, &v, &uid) < 0 ||
		    (error = pa_record_get_strbuf(k->fpr, sizeof(k->fpr), fpr)) < 0 ||
		    (error = pa_record_get_strbuf(k->primary, sizeof(k->primary), primary)) < 0 ||
		    (error = pa_record_get_str(&k->uid, uid)) < 0) {
			error = error == PA_ENOMEM ? error : PA_ENOTFOUND;
			goto done;
		}
		k->expires = expires;
		k->revoked = v != 0;
		k->revocation = v == 0 ? PA_REVOCATION_NONE : v == 1 || v == -1 ?
		    PA_REVOCATION_HARD : v > 1 ? PA_REVOCATION_SUPERSEDED : PA_REVOCATION_RETIRED;
		k->revoked_at = v > 1 ? v : v < -1 ? -v : 0;
	}
done:
	json_decref(keys);
	if (error < 0)
		pa_keyset_dispose(out);
	return error;
}
