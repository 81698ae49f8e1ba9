/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The fact cache of the signature checks: what a verifier said about each
 * object (keyed by the object and the keyring's digest), one bundle of
 * every object of a run, the keyring's key facts and the history walk.
 * Facts only: expiry, revocation and the policy are judged afresh each run.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sig/internal.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/log.h"
#include "util/record.h"

/* The facts of every object of a run: [{"format":F,"facts":[...]},...] (sig/facts.h). */
#define BUNDLE_KIND "sig-bundle"
#define BUNDLE_VERSION 1

void
pa_sig__cache_warn(void)
{
	pa_log(PA_LOG_INFO, "cannot write the verification cache: %s",
	    pa_error_last() ? pa_error_last() : "?");
	pa_error_clear();
}


int
pa_sig__load_keyset(struct run *r)
{
	struct pa_buf key = PA_BUF_INIT, val = PA_BUF_INIT;
	int error;

	if (r->have_keys)
		return 0;
	if ((error = pa_buf_printf(&key, "keys\n%s\n", r->keyring_digest)) < 0)
		goto done;
	if (!r->opts->no_cache && pa_cache_get(&val, r->cache, key.ptr) == 0 &&
	    pa_keyset_decode(&r->keys, val.ptr, val.size) == 0) {
		r->have_keys = true;
		goto done;
	}
	if (r->opts->verifier == PA_SIG_VERIFIER_RNP) {
		if ((error = pa_sig__ensure_rnp(r)) < 0 || (error = pa_rnp_keys(&r->keys, r->rnp)) < 0)
			goto done;
	} else if ((error = pa_sig__ensure_home(r)) < 0 ||
	    (error = pa_gpg_home_keys(&r->keys, r->home)) < 0) {
		goto done;
	}
	r->have_keys = true;
	pa_buf_clear(&val);
	if (!r->opts->no_cache && pa_keyset_encode(&val, &r->keys) == 0 &&
	    pa_cache_put(r->cache, key.ptr, val.ptr, val.size) < 0) {
		pa_sig__cache_warn();
	}
done:
	pa_buf_dispose(&key);
	pa_buf_dispose(&val);
	return error;
}


int
pa_sig__open_history(struct run *r, const char *root)
{
	struct pa_buf key = PA_BUF_INIT, val = PA_BUF_INIT;
	int error;

	if ((error = pa_history_cache_key(&key, r->d, root)) < 0)
		goto done;
	if (!r->opts->no_cache && pa_cache_get(&val, r->cache, key.ptr) == 0 &&
	    pa_history_open_encoded(&r->hist, r->d, val.ptr, val.size, r->diag) == 0)
		goto done;
	pa_error_clear();
	if ((error = pa_history_open(&r->hist, r->d, root, r->diag)) < 0)
		goto done;
	pa_buf_clear(&val);
	if (!r->opts->no_cache && pa_history_encode(&val, r->hist) == 0 &&
	    pa_cache_put(r->cache, key.ptr, val.ptr, val.size) < 0) {
		pa_sig__cache_warn();
	}
done:
	pa_buf_dispose(&key);
	pa_buf_dispose(&val);
	return error;
}

/* The cache key of o (NULL when there is nothing to verify); tmp holds a commit's key. */
const char *
pa_sig__key_of(struct run *r, const struct object *o, struct pa_buf *tmp)
{
	if (o->kind != OBJ_COMMIT)
		return o->key;
	pa_buf_clear(tmp);
	pa_buf_printf(tmp, "commit %s\n%s\n%s\n", pa_history_at(r->hist, o->commit)->id,
	    CACHE_VERSION, r->keyring_digest);
	return pa_buf_oom(tmp) ? NULL : tmp->ptr;
}


int
pa_sig__lookup_cache(struct run *r)
{
	struct pa_buf val = PA_BUF_INIT, tmp = PA_BUF_INIT;
	struct object *o;
	const char *key;
	size_t i;
	int error = 0, rc;

	for (i = 0; i < r->nobjs && !r->opts->no_cache; i++) {
		o = &r->objs[i];
		if (o->hit)
			continue;
		if ((key = pa_sig__key_of(r, o, &tmp)) == NULL) {
			if (pa_buf_oom(&tmp)) {
				error = PA_ENOMEM;
				break;
			}
			continue;
		}
		pa_buf_clear(&val);
		rc = pa_cache_get(&val, r->cache, key);
		if (rc == PA_ENOMEM) {
			error = rc;
			break;
		}
		if (rc == 0 && pa_sig_facts_decode(&o->format, &o->facts, &o->nfacts, val.ptr,
		    val.size) == 0) {
			o->hit = true;
			r->hits++;
		}
	}
	pa_buf_dispose(&tmp);
	pa_buf_dispose(&val);
	return error;
}

/*
 * The bundle: the facts of every object of this run in one record, keyed by
 * all their keys, so that a run that was done before reads one file instead
 * of one per commit.  Per-object entries are still written: a new commit
 * misses the bundle but finds the others.
 */
static int
make_bundle_key(struct run *r)
{
	struct pa_digest dg;
	char hex[PA_DIGEST_HEXLEN + 1];
	size_t i;

	if (pa_digest_init(&dg) < 0)
		return PA_ERROR;
	for (i = 0; i < r->nobjs; i++) {
		const struct object *o = &r->objs[i];
		const char *k = o->kind == OBJ_COMMIT ? pa_history_at(r->hist, o->commit)->id :
		    o->key ? o->key : "(nothing to verify)";

		pa_digest_update(&dg, k, strlen(k));
		pa_digest_update(&dg, "\n", 1);
	}
	pa_digest_final(&dg, hex);
	return pa_buf_printf(&r->bundle_key, "bundle %zu %s\n%s\n%s\n", r->nobjs, hex,
	    CACHE_VERSION, r->keyring_digest);
}

int
pa_sig__lookup_bundle(struct run *r)
{
	struct pa_buf val = PA_BUF_INIT;
	struct pa_sig_fact **facts = NULL;
	enum pa_history_sigformat *formats = NULL;
	size_t *nfacts = NULL, i;
	json_t *objs = NULL;
	int error;

	if ((error = make_bundle_key(r)) < 0 || r->opts->no_cache || r->nobjs == 0 ||
	    pa_cache_get(&val, r->cache, r->bundle_key.ptr) != 0 ||
	    pa_record_decode(&objs, BUNDLE_KIND, BUNDLE_VERSION, val.ptr, val.size) != 0 ||
	    !json_is_array(objs) || json_array_size(objs) != r->nobjs)
		goto done;
	if ((facts = pa_calloc(r->nobjs, sizeof(*facts))) == NULL ||
	    (nfacts = pa_calloc(r->nobjs, sizeof(*nfacts))) == NULL ||
	    (formats = pa_calloc(r->nobjs, sizeof(*formats))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	for (i = 0; i < r->nobjs; i++) {
		if ((error = pa_sig_facts_from_json(&formats[i], &facts[i], &nfacts[i],
		    json_array_get(objs, i))) < 0)
			goto done;
	}
	for (i = 0; i < r->nobjs; i++) {
		free(r->objs[i].facts);
		r->objs[i].facts = facts[i];
		r->objs[i].nfacts = nfacts[i];
		r->objs[i].format = formats[i];
		r->objs[i].hit = true;
		facts[i] = NULL;
	}
	r->hits = r->nobjs;
	r->bundle_hit = true;
done:
	for (i = 0; facts != NULL && i < r->nobjs; i++)
		free(facts[i]);
	free(facts);
	free(nfacts);
	free(formats);
	json_decref(objs);
	pa_buf_dispose(&val);
	return error == PA_ENOMEM ? error : 0;
}

int
pa_sig__store_bundle(struct run *r)
{
	struct pa_buf val = PA_BUF_INIT;
	json_t *objs;
	size_t i;
	int error = 0;

	if (r->opts->no_cache || r->nobjs == 0 || r->bundle_key.size == 0)
		return 0;
	if ((objs = json_array()) == NULL)
		return pa_error_oom();
	for (i = 0; i < r->nobjs; i++) {
		if (json_array_append_new(objs, pa_sig_facts_json(r->objs[i].format,
		    r->objs[i].facts, r->objs[i].nfacts)) < 0) {
			json_decref(objs);
			return pa_error_oom();
		}
	}
	if ((error = pa_record_encode(&val, BUNDLE_KIND, BUNDLE_VERSION, objs)) == 0 &&
	    pa_cache_put(r->cache, r->bundle_key.ptr, val.ptr, val.size) < 0) {
		pa_sig__cache_warn();
	}
	pa_buf_dispose(&val);
	return error;
}



int
pa_sig__store(struct run *r, struct object *o)
{
	struct pa_buf val = PA_BUF_INIT, tmp = PA_BUF_INIT;
	const char *key;
	int error = 0;

	if (r->opts->no_cache)
		return 0;
	if ((key = pa_sig__key_of(r, o, &tmp)) == NULL) {
		error = pa_buf_oom(&tmp) ? PA_ENOMEM : 0;
		goto done;
	}
	if ((error = pa_sig_facts_encode(&val, o->format, o->facts, o->nfacts)) == 0 &&
	    pa_cache_put(r->cache, key, val.ptr, val.size) < 0) {
		pa_sig__cache_warn();
	}
done:
	pa_buf_dispose(&tmp);
	pa_buf_dispose(&val);
	return error;
}

