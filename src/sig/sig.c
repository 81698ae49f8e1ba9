/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signature checks of a dossier: what to verify, the cache, the workers, the policy, the evidence. */
#include "config.h"

#include "sig/sig.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache/cache.h"
#include "dossier/history.h"
#include "parse/evnode.h"
#include "sig/gpg.h"
#include "sig/policy.h"
#include "sig/pool.h"
#include "sig/registry.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/log.h"

#define PACT_FILE "pact/commitments.xml"
#define PACT_SIG_FILE "pact/commitments.xml.asc"
#define SIGNERS_FILE "pact/signers.xml"
#define KEYS_FILE "pact/keys.asc"
#define KEYRING_MAX (16u * 1024 * 1024)
#define MAX_JOBS 32
/* Bump when the meaning of cached facts or the private GnuPG setup changes. */
#define CACHE_VERSION "sig-facts 1"

/*
 * Threads may check several dossiers at once.  gpg_lock is held around
 * every GPGME call of this process and around every fork of workers, so a
 * worker never inherits a GPGME lock another thread held; prefork_lock
 * lets one check at a time use the shared pre-forked workers.  A check
 * with its own workers verifies without holding either.
 */
static struct pa_sig_pool *prefork_pool;
static pthread_mutex_t gpg_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t prefork_lock = PTHREAD_MUTEX_INITIALIZER;

enum obj_kind { OBJ_DETACHED, OBJ_COMMIT, OBJ_TAG };

/* One object whose signature is checked. */
struct object {
	enum obj_kind kind;
	size_t commit;			/* history index (OBJ_COMMIT) */
	char *key;			/* cache key */
	enum pa_history_sigformat format;
	struct pa_sig_fact *facts;
	size_t nfacts;
	bool hit;			/* facts came from the cache */
	struct pa_buf sig, data;	/* filled on a miss */
};

/* Verdict for a commit of the walk. */
struct commit_state {
	bool checked;
	bool authorised;
	bool authenticated;
	struct pa_verdict v;
	const struct pa_sig_fact *fact;
	const char *policy_from;	/* parent id, "registry" or the commit itself */
	struct pa_buf reason;
};

struct policy_memo {
	char blob[41];
	struct pa_policy *policy;
};

struct run {
	struct pa_dossier *d;
	const struct pa_sig_opts *opts;
	struct pa_diag *diag;
	long long as_of;
	/* trust */
	struct pa_registry *registry;
	const struct pa_registry_entry *entry;
	const char *trust;		/* "registry", "self-declared", "none" */
	struct pa_buf trust_reason;
	/* keys */
	struct pa_buf keyring, dossier_keys;
	char keyring_digest[PA_DIGEST_HEXLEN + 1];
	struct pa_keyset keys;
	bool have_keys;
	struct pa_gpg_home *home;
	struct pa_cache *cache;
	/* the dossier's files and history */
	struct pa_buf pact, pact_sig;
	bool has_pact, has_pact_sig;
	struct pa_policy *current;	/* the audited signers.xml */
	struct pa_policy *empty;
	struct pa_history *hist;
	struct policy_memo *memo;
	size_t nmemo;
	/* what is verified */
	struct object *objs;
	size_t nobjs, cap;
	struct commit_state *cs;
	size_t hits, misses;
	struct pa_buf bundle_key;	/* every object's key: one entry for a whole run */
	bool bundle_hit;
};

static unsigned
resolve_jobs(unsigned jobs)
{
	long n;

	if (jobs == 0) {
		/*
		 * One more worker than processors: each worker spends part of its
		 * time forking GnuPG and reading its answer, and a third worker on
		 * two cores fills those gaps (20% faster, measured with
		 * bench/verify-bench.sh).
		 */
		n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n > 0 ? (unsigned)n + 1 : 2;
	}
	return jobs > MAX_JOBS ? MAX_JOBS : jobs;
}

int
pa_sig_prefork(unsigned int jobs)
{
	int error = 0;

	pthread_mutex_lock(&prefork_lock);
	pthread_mutex_lock(&gpg_lock);
	/* workers find GnuPG on their first verification, so idle ones cost a fork only */
	if (prefork_pool == NULL)
		error = pa_sig_pool_new(&prefork_pool, resolve_jobs(jobs));
	pthread_mutex_unlock(&gpg_lock);
	pthread_mutex_unlock(&prefork_lock);
	return error;
}

void
pa_sig_shutdown(void)
{
	pthread_mutex_lock(&prefork_lock);
	pa_sig_pool_free(prefork_pool);
	prefork_pool = NULL;
	pthread_mutex_unlock(&prefork_lock);
}

/* "YYYY-MM-DD" -> the last second of that day (UTC); NULL -> now. */
static int
parse_as_of(long long *out, const char *s)
{
	long days;

	if (s == NULL) {
		*out = (long long)time(NULL);
		return 0;
	}
	if (!pa_date_parse(s, &days))
		return pa_error_setc(PA_EUSAGE, PA_ERRCLASS_USAGE,
		    "as-of date '%s' is not YYYY-MM-DD", s);
	*out = (long long)days * 86400 + 86399;
	return 0;
}

static void
iso_time(char out[32], long long t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (t <= 0 || gmtime_r(&tt, &tm) == NULL || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		out[0] = '\0';
}

static void
iso_date(char out[16], long long t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (t <= 0 || gmtime_r(&tt, &tm) == NULL || strftime(out, 16, "%Y-%m-%d", &tm) == 0)
		out[0] = '\0';
}

static void
short_id(char out[13], const char *id)
{
	snprintf(out, 13, "%.12s", id);
}

/* ---- trust root, keys and policies ---- */

static int
setup_trust(struct run *r)
{
	const struct pa_registry_entry *e;
	char from[16], until[16];
	int error;

	if (r->opts->registry == NULL) {
		r->trust = "self-declared";
		return 0;
	}
	if ((error = pa_registry_load(&r->registry, r->opts->registry)) < 0)
		return error;
	if ((error = pa_registry_match(&e, r->registry, r->d)) < 0)
		return error;
	r->trust = "none";
	if (e == NULL) {
		pa_buf_printf(&r->trust_reason, "no applicant in the registry %s matches this dossier",
		    r->opts->registry);
		return 0;
	}
	iso_date(from, r->as_of);
	iso_date(until, r->as_of);
	if ((e->valid_from[0] != '\0' && strcmp(from, e->valid_from) < 0) ||
	    (e->valid_until[0] != '\0' && strcmp(until, e->valid_until) > 0)) {
		pa_buf_printf(&r->trust_reason,
		    "the registry entry of '%s' is valid from %s until %s, not on %s", e->id,
		    e->valid_from[0] ? e->valid_from : "the start", e->valid_until[0] ?
		    e->valid_until : "further notice", from);
		return 0;
	}
	r->entry = e;
	r->trust = "registry";
	return 0;
}

static int
read_dossier_file(struct pa_buf *out, bool *has, struct pa_dossier *d, const char *path)
{
	const struct pa_dossier_file *f = pa_dossier_find(d, path);
	int error;

	*has = false;
	if (f == NULL || f->type != PA_DOSSIER_ENTRY_FILE)
		return 0;	/* a symlink or submodule: a diagnostic of dossier/, never read */
	if ((error = pa_dossier_read(out, d, path)) < 0)
		return error;
	*has = true;
	return 0;
}

static int
setup_keys(struct run *r)
{
	struct pa_digest dg;
	char lens[64];
	bool has = false;
	int error;

	if (r->opts->keyring != NULL) {
		error = pa_file_read(&r->keyring, r->opts->keyring, KEYRING_MAX, 0);
		if (error < 0)
			return error;
	}
	/* self-assessment only: the dossier's own keys, which count only through the policy */
	if (r->opts->registry == NULL) {
		error = read_dossier_file(&r->dossier_keys, &has, r->d, KEYS_FILE);
		if (error < 0 && error != PA_ELIMIT)
			return error;
		if (error == PA_ELIMIT) {
			pa_diag_add(r->diag, PA_DIAG_ERROR, "keys-too-large", KEYS_FILE, 0, NULL,
			    "%s is larger than %u bytes and was not read", KEYS_FILE, PA_LIMIT_FILE_SIZE);
			pa_error_clear();
		}
	}
	if (pa_digest_init(&dg) < 0)
		return PA_ERROR;
	snprintf(lens, sizeof(lens), "%s\n%zu %zu\n", CACHE_VERSION, r->keyring.size,
	    r->dossier_keys.size);
	pa_digest_update(&dg, lens, strlen(lens));
	pa_digest_update(&dg, r->keyring.ptr, r->keyring.size);
	pa_digest_update(&dg, r->dossier_keys.ptr, r->dossier_keys.size);
	pa_digest_final(&dg, r->keyring_digest);
	return 0;
}

/* The private GnuPG home with the run's keys, made on first need. */
static int
ensure_home(struct run *r)
{
	size_t n;
	int error;

	if (r->home != NULL)
		return 0;
	if ((error = pa_gpg_home_new(&r->home)) < 0)
		return error;
	if (r->keyring.size > 0 || r->opts->keyring != NULL) {
		if ((error = pa_gpg_home_import(r->home, r->keyring.ptr, r->keyring.size,
		    r->opts->keyring, &n)) < 0)
			return error;
		if (n == 0)
			return pa_error_set(PA_ERRCLASS_GPG, "keyring '%s' holds no OpenPGP key",
			    r->opts->keyring);
	}
	if (r->dossier_keys.size > 0) {
		error = pa_gpg_home_import(r->home, r->dossier_keys.ptr, r->dossier_keys.size,
		    KEYS_FILE, &n);
		if (error < 0 || n == 0) {
			pa_diag_add(r->diag, PA_DIAG_WARNING, "keys-unreadable", KEYS_FILE, 0, NULL,
			    "%s holds no OpenPGP public key GnuPG could read", KEYS_FILE);
			pa_error_clear();
		}
	}
	return 0;
}

static int
load_keyset(struct run *r)
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
	if ((error = ensure_home(r)) < 0 || (error = pa_gpg_home_keys(&r->keys, r->home)) < 0)
		goto done;
	r->have_keys = true;
	pa_buf_clear(&val);
	if (!r->opts->no_cache && pa_keyset_encode(&val, &r->keys) == 0 &&
	    pa_cache_put(r->cache, key.ptr, val.ptr, val.size) < 0) {
		pa_log(PA_LOG_INFO, "cannot write the verification cache: %s",
		    pa_error_last() ? pa_error_last() : "?");
		pa_error_clear();
	}
done:
	pa_buf_dispose(&key);
	pa_buf_dispose(&val);
	return error;
}

static const struct pa_policy *
policy_of_blob(struct run *r, const char *blob, const char *commit)
{
	struct pa_diag scratch = PA_DIAG_INIT;
	struct pa_buf data = PA_BUF_INIT;
	struct pa_policy *p = NULL;
	struct policy_memo *m;
	char sid[13];
	size_t i;

	if (blob == NULL || blob[0] == '\0')
		return r->empty;
	for (i = 0; i < r->nmemo; i++) {
		if (strcmp(r->memo[i].blob, blob) == 0)
			return r->memo[i].policy;
	}
	if (pa_history_read_blob(&data, r->hist, blob) < 0 ||
	    pa_policy_parse(&p, data.ptr, data.size, SIGNERS_FILE, &scratch) < 0) {
		pa_error_clear();
		p = NULL;
	}
	if (scratch.count > 0 || p == NULL) {
		short_id(sid, commit);
		pa_diag_add(r->diag, PA_DIAG_WARNING, "signers-history", SIGNERS_FILE, 0, NULL,
		    "%s as of commit %s has problems (%s); its signers were read as far as possible",
		    SIGNERS_FILE, sid, scratch.count ? scratch.entries[0].message : "unreadable");
	}
	pa_diag_dispose(&scratch);
	pa_buf_dispose(&data);
	if (p == NULL)
		return r->empty;
	if ((m = pa_reallocarray(r->memo, r->nmemo + 1, sizeof(*m))) == NULL) {
		pa_policy_free(p);
		pa_error_clear();
		return r->empty;
	}
	r->memo = m;
	snprintf(m[r->nmemo].blob, sizeof(m[r->nmemo].blob), "%s", blob);
	m[r->nmemo].policy = p;
	r->nmemo++;
	return p;
}

static int
load_current_policy(struct run *r)
{
	struct pa_diag scratch = PA_DIAG_INIT;
	struct pa_buf data = PA_BUF_INIT;
	bool has;
	int error;

	/* problems in the audited signers.xml are reported by the evidence builder */
	if ((error = read_dossier_file(&data, &has, r->d, SIGNERS_FILE)) < 0 && error != PA_ELIMIT)
		goto done;
	pa_error_clear();
	error = 0;
	if (has)
		error = pa_policy_parse(&r->current, data.ptr, data.size, SIGNERS_FILE, &scratch);
	else
		error = pa_policy_new(&r->current);
done:
	pa_diag_dispose(&scratch);
	pa_buf_dispose(&data);
	return error;
}

/* ---- the history walk, from the cache when the audited commit was walked before ---- */

static int
open_history(struct run *r, const char *root)
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
		pa_log(PA_LOG_INFO, "cannot write the verification cache: %s",
		    pa_error_last() ? pa_error_last() : "?");
		pa_error_clear();
	}
done:
	pa_buf_dispose(&key);
	pa_buf_dispose(&val);
	return error;
}

/* ---- objects to verify, the cache and the workers ---- */

static struct object *
add_object(struct run *r, enum obj_kind kind)
{
	struct object *n;

	if (r->nobjs == r->cap) {
		if ((n = pa_reallocarray(r->objs, r->cap + 4, sizeof(*n))) == NULL)
			return NULL;
		r->objs = n;
		r->cap += 4;
	}
	n = &r->objs[r->nobjs++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	pa_buf_init(&n->sig);
	pa_buf_init(&n->data);
	return n;
}

/* The cache key: what was verified and the keyring it was verified with. */
static int
set_key(struct object *o, const char *what, const char *id, const char *digest)
{
	struct pa_buf b = PA_BUF_INIT;

	pa_buf_printf(&b, "%s %s\n%s\n%s\n", what, id, CACHE_VERSION, digest);
	if ((o->key = pa_buf_detach(&b)) == NULL)
		return PA_ENOMEM;
	return 0;
}

/* The cache key of o (NULL when there is nothing to verify); tmp holds a commit's key. */
static const char *
key_of(struct run *r, const struct object *o, struct pa_buf *tmp)
{
	if (o->kind != OBJ_COMMIT)
		return o->key;
	pa_buf_clear(tmp);
	pa_buf_printf(tmp, "commit %s\n%s\n%s\n", pa_history_at(r->hist, o->commit)->id,
	    CACHE_VERSION, r->keyring_digest);
	return pa_buf_oom(tmp) ? NULL : tmp->ptr;
}

static int
collect_objects(struct run *r)
{
	const struct pa_history_commit *c;
	const struct pa_history_tag *t;
	struct object *o;
	char sdig[PA_DIGEST_HEXLEN + 1], ddig[PA_DIGEST_HEXLEN + 1];
	struct pa_buf id = PA_BUF_INIT;
	size_t i, target;
	int error = 0;

	if (r->has_pact) {
		if ((o = add_object(r, OBJ_DETACHED)) == NULL)
			return PA_ENOMEM;
		if (!r->has_pact_sig) {
			o->format = PA_HISTORY_SIG_NONE;
			o->hit = true;	/* nothing to verify */
			if ((o->facts = pa_calloc(1, sizeof(*o->facts))) == NULL)
				return PA_ENOMEM;
			o->nfacts = 1;
			o->facts[0].outcome = PA_SIG_OUTCOME_NONE;
		} else {
			o->format = pa_history_sigformat(r->pact_sig.ptr, r->pact_sig.size);
			if ((error = pa_digest_sha256(sdig, r->pact_sig.ptr, r->pact_sig.size)) < 0 ||
			    (error = pa_digest_sha256(ddig, r->pact.ptr, r->pact.size)) < 0 ||
			    (error = pa_buf_printf(&id, "%s %s", sdig, ddig)) < 0 ||
			    (error = set_key(o, "detached", id.ptr, r->keyring_digest)) < 0)
				goto done;
		}
	}
	if (r->hist == NULL)
		goto done;
	/* room for every commit and the tag at once */
	if ((o = pa_reallocarray(r->objs, r->nobjs + pa_history_count(r->hist) + 1,
	    sizeof(*o))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	r->objs = o;
	r->cap = r->nobjs + pa_history_count(r->hist) + 1;
	target = pa_history_target_index(r->hist);
	for (i = 0; i < pa_history_count(r->hist); i++) {
		c = pa_history_at(r->hist, i);
		if (!c->from_root && i != target)
			continue;
		if ((o = add_object(r, OBJ_COMMIT)) == NULL) {
			error = PA_ENOMEM;
			goto done;
		}
		o->commit = i;	/* its key is made when needed: see key_of() */
	}
	if ((t = pa_history_tag(r->hist)) != NULL) {
		if ((o = add_object(r, OBJ_TAG)) == NULL) {
			error = PA_ENOMEM;
			goto done;
		}
		if (t->id[0] == '\0') {
			/* a lightweight tag cannot be signed */
			o->hit = true;
			if ((o->facts = pa_calloc(1, sizeof(*o->facts))) == NULL) {
				error = PA_ENOMEM;
				goto done;
			}
			o->nfacts = 1;
			o->facts[0].outcome = PA_SIG_OUTCOME_NONE;
		} else if ((error = set_key(o, "tag", t->id, r->keyring_digest)) < 0) {
			goto done;
		}
	}
done:
	pa_buf_dispose(&id);
	return error;
}

/* Facts for an object that GnuPG need not see (unsigned, SSH, X.509). */
static int
facts_without_gpg(struct object *o)
{
	if ((o->facts = pa_calloc(1, sizeof(*o->facts))) == NULL)
		return PA_ENOMEM;
	o->nfacts = 1;
	if (o->format == PA_HISTORY_SIG_NONE) {
		o->facts[0].outcome = PA_SIG_OUTCOME_NONE;
	} else {
		o->facts[0].outcome = PA_SIG_OUTCOME_UNSUPPORTED;
		snprintf(o->facts[0].note, sizeof(o->facts[0].note), "%s",
		    pa_history_sigformat_name(o->format));
	}
	return 0;
}

static int
lookup_cache(struct run *r)
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
		if ((key = key_of(r, o, &tmp)) == NULL) {
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
		/* first line: the format; then the facts */
		if (rc == 0 && val.size > 2 && val.ptr[1] == '\n' && val.ptr[0] >= '0' &&
		    val.ptr[0] <= '0' + PA_HISTORY_SIG_UNKNOWN &&
		    pa_sig_facts_decode(&o->facts, &o->nfacts, val.ptr + 2, val.size - 2) == 0) {
			o->format = (enum pa_history_sigformat)(val.ptr[0] - '0');
			o->hit = true;
			r->hits++;
		}
	}
	pa_buf_dispose(&tmp);
	pa_buf_dispose(&val);
	return error;
}

/*
 * The bundle: the facts of every object of this run in one entry, keyed by
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

static int
lookup_bundle(struct run *r)
{
	struct pa_buf val = PA_BUF_INIT;
	struct pa_sig_fact **facts = NULL;
	size_t *nfacts = NULL, i, n;
	int *formats = NULL, error, fmt;
	const char *p, *end, *q;
	unsigned long count;

	if ((error = make_bundle_key(r)) < 0 || r->opts->no_cache || r->nobjs == 0 ||
	    pa_cache_get(&val, r->cache, r->bundle_key.ptr) != 0)
		goto done;
	if ((facts = pa_calloc(r->nobjs, sizeof(*facts))) == NULL ||
	    (nfacts = pa_calloc(r->nobjs, sizeof(*nfacts))) == NULL ||
	    (formats = pa_calloc(r->nobjs, sizeof(*formats))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	/* "o FORMAT COUNT\n" then COUNT fact lines, per object in order */
	p = val.ptr;
	end = val.ptr + val.size;
	for (i = 0; i < r->nobjs; i++) {
		char *e;

		if (end - p < 6 || p[0] != 'o' || p[1] != ' ' || p[2] < '0' ||
		    p[2] > '0' + PA_HISTORY_SIG_UNKNOWN || p[3] != ' ' || p[4] < '1' || p[4] > '9')
			goto done;
		fmt = p[2] - '0';
		count = strtoul(p + 4, &e, 10);
		if (e >= end || *e != '\n' || count > 64)
			goto done;
		p = e + 1;
		for (q = p, n = 0; n < count; n++) {
			if ((q = memchr(q, '\n', (size_t)(end - q))) == NULL)
				goto done;
			q++;
		}
		if (pa_sig_facts_decode(&facts[i], &nfacts[i], p, (size_t)(q - p)) < 0 ||
		    nfacts[i] != count)
			goto done;
		formats[i] = fmt;
		p = q;
	}
	if (p != end)
		goto done;
	for (i = 0; i < r->nobjs; i++) {
		free(r->objs[i].facts);
		r->objs[i].facts = facts[i];
		r->objs[i].nfacts = nfacts[i];
		r->objs[i].format = (enum pa_history_sigformat)formats[i];
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
	pa_buf_dispose(&val);
	return error == PA_ENOMEM ? error : 0;
}

static int
store_bundle(struct run *r)
{
	struct pa_buf val = PA_BUF_INIT;
	size_t i;
	int error = 0;

	if (r->opts->no_cache || r->nobjs == 0 || r->bundle_key.size == 0)
		return 0;
	for (i = 0; i < r->nobjs && error == 0; i++) {
		pa_buf_printf(&val, "o %d %zu\n", (int)r->objs[i].format, r->objs[i].nfacts);
		error = pa_sig_facts_encode(&val, r->objs[i].facts, r->objs[i].nfacts);
	}
	if (error == 0 && pa_cache_put(r->cache, r->bundle_key.ptr, val.ptr, val.size) < 0) {
		pa_log(PA_LOG_INFO, "cannot write the verification cache: %s",
		    pa_error_last() ? pa_error_last() : "?");
		pa_error_clear();
	}
	pa_buf_dispose(&val);
	return error;
}

static int
extract(struct run *r, struct object *o)
{
	int rc;

	switch (o->kind) {
	case OBJ_DETACHED:
		if ((rc = pa_buf_put(&o->sig, r->pact_sig.ptr, r->pact_sig.size)) < 0 ||
		    (rc = pa_buf_put(&o->data, r->pact.ptr, r->pact.size)) < 0)
			return rc;
		return 0;
	case OBJ_COMMIT:
		rc = pa_history_commit_signature(&o->sig, &o->data, r->hist, o->commit);
		break;
	case OBJ_TAG:
	default:
		rc = pa_history_tag_signature(&o->sig, &o->data, r->hist);
		break;
	}
	if (rc < 0)
		return rc;
	o->format = (enum pa_history_sigformat)rc;
	return 0;
}

static int
store(struct run *r, struct object *o)
{
	struct pa_buf val = PA_BUF_INIT, tmp = PA_BUF_INIT;
	const char *key;
	int error = 0;

	if (r->opts->no_cache)
		return 0;
	if ((key = key_of(r, o, &tmp)) == NULL) {
		error = pa_buf_oom(&tmp) ? PA_ENOMEM : 0;
		goto done;
	}
	pa_buf_printf(&val, "%d\n", (int)o->format);
	if ((error = pa_sig_facts_encode(&val, o->facts, o->nfacts)) == 0 &&
	    pa_cache_put(r->cache, key, val.ptr, val.size) < 0) {
		pa_log(PA_LOG_INFO, "cannot write the verification cache: %s",
		    pa_error_last() ? pa_error_last() : "?");
		pa_error_clear();
	}
done:
	pa_buf_dispose(&tmp);
	pa_buf_dispose(&val);
	return error;
}

static int
verify_misses(struct run *r)
{
	struct pa_sig_job *jobs = NULL;
	struct pa_sig_pool *local = NULL, *pool;
	size_t *which = NULL, njobs = 0, i;
	struct object *o;
	bool shared;
	int error = 0;

	for (i = 0; i < r->nobjs; i++) {
		o = &r->objs[i];
		if (o->hit)
			continue;
		r->misses++;
		if ((error = extract(r, o)) < 0)
			goto done;
		if (o->sig.size > PA_LIMIT_FILE_SIZE || o->data.size > PA_LIMIT_FILE_SIZE) {
			/* hostile sizes are a bad signature, never a failed audit */
			if ((o->facts = pa_calloc(1, sizeof(*o->facts))) == NULL) {
				error = PA_ENOMEM;
				goto done;
			}
			o->nfacts = 1;
			o->facts[0].outcome = PA_SIG_OUTCOME_ERROR;
			snprintf(o->facts[0].note, sizeof(o->facts[0].note),
			    "signature or signed data larger than %u bytes, not verified",
			    PA_LIMIT_FILE_SIZE);
			if ((error = store(r, o)) < 0)
				goto done;
			o->hit = true;
			continue;
		}
		if (o->format != PA_HISTORY_SIG_OPENPGP && !(o->kind == OBJ_DETACHED &&
		    o->format == PA_HISTORY_SIG_UNKNOWN)) {
			/* binary OpenPGP in a detached .asc is still given to GnuPG */
			if ((error = facts_without_gpg(o)) < 0 || (error = store(r, o)) < 0)
				goto done;
			o->hit = true;
		}
	}
	for (i = 0; i < r->nobjs; i++)
		njobs += !r->objs[i].hit;
	if (njobs == 0)
		goto done;
	if ((jobs = pa_calloc(njobs, sizeof(*jobs))) == NULL ||
	    (which = pa_calloc(njobs, sizeof(*which))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	for (i = 0, njobs = 0; i < r->nobjs; i++) {
		o = &r->objs[i];
		if (o->hit)
			continue;
		jobs[njobs].sig = o->sig.ptr;
		jobs[njobs].siglen = o->sig.size;
		jobs[njobs].data = o->data.ptr;
		jobs[njobs].datalen = o->data.size;
		which[njobs++] = i;
	}
	pthread_mutex_lock(&gpg_lock);
	error = ensure_home(r);
	pthread_mutex_lock(&prefork_lock);
	pool = prefork_pool;
	shared = pool != NULL;
	if (!shared) {
		unsigned w = resolve_jobs(r->opts->jobs);

		pthread_mutex_unlock(&prefork_lock);
		if (error == 0)
			error = pa_sig_pool_new(&local, njobs < w ? (unsigned)njobs : w);
		pool = local;
	}
	pthread_mutex_unlock(&gpg_lock);
	if (error == 0) {
		pa_log(PA_LOG_DEBUG, "verifying %zu signatures with %u workers", njobs,
		    pa_sig_pool_size(pool));
		error = pa_sig_pool_run(pool, pa_gpg_home_path(r->home), jobs, njobs);
	}
	if (shared)
		pthread_mutex_unlock(&prefork_lock);
	if (error < 0)
		goto done;
	for (i = 0; i < njobs; i++) {
		o = &r->objs[which[i]];
		o->facts = jobs[i].facts;
		o->nfacts = jobs[i].nfacts;
		jobs[i].facts = NULL;
		o->hit = true;
		if ((error = store(r, o)) < 0)
			goto done;
	}
done:
	pa_sig_pool_free(local);
	for (i = 0; jobs != NULL && i < njobs; i++)
		free(jobs[i].facts);
	free(jobs);
	free(which);
	return error;
}

/* ---- judgement and evidence ---- */

static bool
needs_keys(const struct run *r)
{
	size_t i, j;

	for (i = 0; i < r->nobjs; i++) {
		for (j = 0; j < r->objs[i].nfacts; j++) {
			if (r->objs[i].facts[j].outcome == PA_SIG_OUTCOME_VALID)
				return true;
		}
	}
	return false;
}

static void
describe(struct pa_buf *out, const struct pa_verdict *v, const struct pa_sig_fact *f,
    const char *policy_name)
{
	char when[16];
	struct pa_buf rights = PA_BUF_INIT;

	switch (v->status) {
	case PA_SIG_GOOD:
		pa_rights_format(&rights, v->missing);
		if (v->missing)
			pa_buf_printf(out, "the signer lacks the right '%s' in %s", rights.ptr,
			    policy_name);
		else
			pa_buf_printf(out, "signed by an authorised signer");
		break;
	case PA_SIG_BAD:
		if (f->outcome == PA_SIG_OUTCOME_ERROR)
			pa_buf_printf(out, "the signature could not be checked: %s",
			    f->note[0] ? f->note : "GnuPG gave no reason");
		else
			pa_buf_puts(out, "the signature does not match the signed bytes");
		break;
	case PA_SIG_MISSING:
		if (f->outcome == PA_SIG_OUTCOME_UNSUPPORTED)
			pa_buf_printf(out, "unsupported signature type (%s): only OpenPGP signatures are verified",
			    f->note);
		else
			pa_buf_puts(out, "not signed");
		break;
	case PA_SIG_UNKNOWN_KEY:
		pa_buf_printf(out, "signed by key %s, which is in no keyring given",
		    f->fpr[0] ? f->fpr : "(unknown)");
		break;
	case PA_SIG_EXPIRED_KEY:
		iso_date(when, v->key ? v->key->expires : 0);
		pa_buf_printf(out, "the signing key expired on %s", when);
		break;
	case PA_SIG_REVOKED_KEY:
		pa_buf_puts(out, "the signing key is revoked");
		break;
	case PA_SIG_EXPIRED_SIGNATURE:
		iso_date(when, f->expires);
		pa_buf_printf(out, "the signature expired on %s", when);
		break;
	case PA_SIG_UNTRUSTED_SIGNER:
		pa_buf_printf(out, "the signer is not in %s", policy_name);
		break;
	}
	pa_buf_dispose(&rights);
}

/*
 * Set an attribute on a node made here (so the name is not there yet).
 * Plain printable ASCII, what pactaudit writes itself (ids, words, dates),
 * goes in as it is; anything else is XML-cleaned first, as pa_ev_set()
 * does.  A check of thousands of commits sets tens of thousands of these.
 */
static int
set(xmlNode *n, const char *name, const char *value)
{
	const unsigned char *p;

	for (p = (const unsigned char *)value; *p >= 0x20 && *p < 0x7f; p++)
		;
	if (*p != '\0')
		return pa_ev_set(n, name, value);
	return xmlNewProp(n, BAD_CAST name, BAD_CAST value) != NULL ? 0 : pa_error_oom();
}

static int
set_rights(xmlNode *n, const char *attr, unsigned rights)
{
	struct pa_buf b = PA_BUF_INIT;
	int error;

	if ((error = pa_rights_format(&b, rights)) == 0)
		error = set(n, attr, b.ptr);
	pa_buf_dispose(&b);
	return error;
}

static xmlNode *
emit_signature(xmlNode *parent, const char *object, const char *kind,
    const struct pa_verdict *v, const struct pa_sig_fact *f,
    enum pa_history_sigformat format, const struct pa_evsrc *from)
{
	xmlNode *n;
	char when[32];
	const char *fpr = v->key ? v->key->primary : f->fpr;

	if ((n = pa_ev_child(parent, "signature", from, 0, NULL)) == NULL)
		return NULL;
	if (set(n, "object", object) < 0 || set(n, "kind", kind) < 0 ||
	    set(n, "status", pa_sig_status_name(v->status)) < 0 ||
	    set(n, "format", pa_history_sigformat_name(format)) < 0)
		return NULL;
	if (fpr[0] != '\0' && set(n, "fingerprint", fpr) < 0)
		return NULL;
	if (v->key != NULL && v->key->uid != NULL && set(n, "uid", v->key->uid) < 0)
		return NULL;
	iso_time(when, f->created);
	if (when[0] != '\0' && set(n, "created", when) < 0)
		return NULL;
	if (set_rights(n, "right", v->needed) < 0 ||
	    set(n, "authorised", v->authorised ? "true" : "false") < 0)
		return NULL;
	if (v->missing != 0 && (v->status == PA_SIG_GOOD || v->status == PA_SIG_UNTRUSTED_SIGNER) &&
	    set_rights(n, "missing-right", v->missing) < 0)
		return NULL;
	if (v->signer != NULL && v->signer->name != NULL &&
	    set(n, "signer", v->signer->name) < 0)
		return NULL;
	return n;
}

static unsigned
popcount(unsigned v)
{
	unsigned n = 0;

	for (; v != 0; v &= v - 1)
		n++;
	return n;
}

/* Pick the better of two verdicts for a commit: authorised, then fewer missing rights. */
static bool
better(const struct pa_verdict *a, const struct pa_verdict *b)
{
	if (a->authorised != b->authorised)
		return a->authorised;
	if ((a->status == PA_SIG_GOOD) != (b->status == PA_SIG_GOOD))
		return a->status == PA_SIG_GOOD;
	return popcount(a->missing) < popcount(b->missing);
}

static void
judge_best(struct pa_verdict *out, const struct pa_sig_fact **fact, const struct object *o,
    const struct run *r, const struct pa_policy *p, unsigned needed)
{
	struct pa_verdict v;
	size_t i;

	for (i = 0; i < o->nfacts; i++) {
		pa_sig_judge(&v, &o->facts[i], &r->keys, r->as_of, p, needed);
		if (i == 0 || better(&v, out)) {
			*out = v;
			*fact = &o->facts[i];
		}
	}
}

static void
judge_commit(struct run *r, const struct object *o)
{
	const struct pa_history_commit *c = pa_history_at(r->hist, o->commit);
	struct commit_state *s = &r->cs[o->commit];
	const struct pa_history_commit *pc;
	struct pa_buf pname = PA_BUF_INIT;
	const struct pa_policy *p;
	struct pa_verdict v;
	const struct pa_sig_fact *f = NULL, *bf;
	char sid[13];
	size_t j;
	bool have = false, parents_ok = true;

	s->checked = true;
	if (o->commit == pa_history_root_index(r->hist)) {
		/* the root: the registry's pinned keys, or its own (self-declared) policy */
		p = r->entry != NULL ? r->entry->pins : policy_of_blob(r, c->signers_blob, c->id);
		s->policy_from = r->entry != NULL ? "registry" : c->id;
		judge_best(&s->v, &s->fact, o, r, p, PA_RIGHT_COMMIT);
		s->authorised = s->v.authorised;
		s->authenticated = s->authorised;
		if (!s->authorised)
			describe(&s->reason, &s->v, s->fact, r->entry != NULL ?
			    "the registry's pinned keys" : "the policy the root commit declares");
		return;
	}
	if (!c->from_root) {
		/* no trust root: judged against its own policy for information only */
		judge_best(&s->v, &s->fact, o, r, r->current, PA_RIGHT_COMMIT);
		s->v.authorised = false;
		s->policy_from = "";
		pa_buf_puts(&s->reason, r->trust_reason.size ? r->trust_reason.ptr : "no trust root");
		return;
	}
	for (j = 0; j < c->nparents; j++) {
		size_t pi = c->parents[j];

		if (pi == PA_HISTORY_NONE || !pa_history_at(r->hist, pi)->from_root) {
			parents_ok = false;
			continue;
		}
		pc = pa_history_at(r->hist, pi);
		if (!r->cs[pi].authenticated)
			parents_ok = false;
		p = policy_of_blob(r, pc->signers_blob, pc->id);
		bf = NULL;
		judge_best(&v, &bf, o, r, p, pa_rights_for_changes(c->changes[j]));
		if (!have || better(&v, &s->v)) {
			s->v = v;
			s->fact = bf;
			s->policy_from = pc->id;
			have = true;
		}
	}
	f = s->fact;
	s->authorised = have && s->v.authorised;
	s->authenticated = s->authorised && parents_ok;
	if (!s->authorised && have) {
		short_id(sid, s->policy_from);
		pa_buf_printf(&pname, "the policy of parent %s", sid);
		describe(&s->reason, &s->v, f, pname.ptr);
	} else if (!s->authenticated) {
		for (j = 0; j < c->nparents; j++) {
			size_t pi = c->parents[j];

			short_id(sid, c->parent_ids[j]);
			if (pi == PA_HISTORY_NONE || !pa_history_at(r->hist, pi)->from_root) {
				pa_buf_printf(&s->reason, "parent %s does not descend from the trust root", sid);
				break;
			}
			if (!r->cs[pi].authenticated) {
				pa_buf_printf(&s->reason, "parent %s is not authenticated", sid);
				break;
			}
		}
	}
	pa_buf_dispose(&pname);
}

static int
changes_attr(xmlNode *n, unsigned ch)
{
	struct pa_buf b = PA_BUF_INIT;
	int error;

	if (ch & PA_HISTORY_CHANGE_COMMITMENTS)
		pa_buf_puts(&b, "commitments ");
	if (ch & PA_HISTORY_CHANGE_PACT_SIG)
		pa_buf_puts(&b, "pact-signature ");
	if (ch & PA_HISTORY_CHANGE_SIGNERS)
		pa_buf_puts(&b, "signers ");
	if (ch & PA_HISTORY_CHANGE_KEYS)
		pa_buf_puts(&b, "keys ");
	if (b.size > 0)
		pa_buf_truncate(&b, b.size - 1);
	error = pa_buf_oom(&b) ? PA_ENOMEM : set(n, "changes", b.ptr);
	pa_buf_dispose(&b);
	return error;
}

static int
emit_git(struct run *r, xmlNode *git)
{
	const struct pa_history_commit *c;
	const struct pa_history_tag *t;
	struct pa_buf parents = PA_BUF_INIT;
	char when[32];
	xmlNode *n;
	size_t i, j;
	int error = 0;

	for (i = 0; i < r->nobjs; i++) {
		if (r->objs[i].kind != OBJ_COMMIT)
			continue;
		c = pa_history_at(r->hist, r->objs[i].commit);
		pa_buf_clear(&parents);
		for (j = 0; j < c->nparents; j++)
			pa_buf_printf(&parents, "%s%s", j ? " " : "", c->parent_ids[j]);
		iso_time(when, c->time);
		if ((n = pa_ev_child(git, "commit", NULL, 0, NULL)) == NULL ||
		    set(n, "id", c->id) < 0 || set(n, "parents", parents.ptr) < 0 ||
		    set(n, "author", c->author ? c->author : "") < 0 ||
		    set(n, "date", when) < 0 ||
		    changes_attr(n, c->nparents ? c->changes[0] : c->present) < 0) {
			error = PA_ENOMEM;
			goto done;
		}
	}
	if ((t = pa_history_tag(r->hist)) != NULL) {
		if ((n = pa_ev_child(git, "tag", NULL, 0, NULL)) == NULL ||
		    set(n, "name", t->name) < 0 || set(n, "ref", t->ref) < 0 ||
		    set(n, "target", t->target) < 0 ||
		    (t->id[0] && set(n, "id", t->id) < 0) ||
		    set(n, "annotated", t->id[0] ? "true" : "false") < 0)
			error = PA_ENOMEM;
	}
done:
	pa_buf_dispose(&parents);
	return error;
}

static int
emit(struct run *r, xmlNode *root, bool git_mode, const char *skipped)
{
	static const struct pa_evsrc asc_src = { PACT_SIG_FILE, NULL };
	struct pa_evsrc from = asc_src;
	xmlNode *sigs, *git, *n;
	struct pa_verdict v;
	struct pa_buf reason = PA_BUF_INIT, first_reason = PA_BUF_INIT;
	const struct pa_dossier_file *ascf = pa_dossier_find(r->d, PACT_SIG_FILE);
	const char *history = "skipped";
	bool pact_ok = false;
	size_t i, j, target = r->hist ? pa_history_target_index(r->hist) : 0;
	int error = PA_ENOMEM;

	if ((sigs = pa_ev_child(root, "signatures", NULL, 0, NULL)) == NULL ||
	    set(sigs, "trust", r->trust) < 0)
		goto done;
	if (r->entry != NULL && set(sigs, "applicant", r->entry->id) < 0)
		goto done;
	if (ascf != NULL && ascf->blob[0] != '\0')
		from.blob = ascf->blob;
	if (r->hist != NULL) {
		r->cs = pa_calloc(pa_history_count(r->hist), sizeof(*r->cs));
		if (r->cs == NULL)
			goto done;
		for (i = 0; i < pa_history_count(r->hist); i++)
			pa_buf_init(&r->cs[i].reason);
		if (set(sigs, "root", pa_history_root(r->hist)) < 0)
			goto done;
	}
	for (i = 0; i < r->nobjs; i++) {
		struct object *o = &r->objs[i];

		if (o->kind == OBJ_DETACHED) {
			for (j = 0; j < o->nfacts; j++) {
				pa_sig_judge(&v, &o->facts[j], &r->keys, r->as_of, r->current,
				    PA_RIGHT_PACT);
				if ((n = emit_signature(sigs, PACT_FILE, "detached", &v, &o->facts[j],
				    o->format, &from)) == NULL)
					goto done;
				pa_buf_clear(&reason);
				if (!v.authorised) {
					describe(&reason, &v, &o->facts[j], "the audited pact/signers.xml");
					if (!r->has_pact_sig)
						pa_buf_printf(&reason, ": %s is missing", PACT_SIG_FILE);
					else if (o->facts[j].outcome == PA_SIG_OUTCOME_NONE)
						pa_buf_printf(&reason, ": %s holds no OpenPGP signature",
						    PACT_SIG_FILE);
					if (set(n, "reason", reason.ptr) < 0)
						goto done;
				}
				pact_ok = pact_ok || v.authorised;
			}
		} else if (o->kind == OBJ_COMMIT) {
			const struct pa_history_commit *c = pa_history_at(r->hist, o->commit);
			struct commit_state *s = &r->cs[o->commit];

			judge_commit(r, o);
			if ((n = emit_signature(sigs, c->id, "commit", &s->v, s->fact, o->format,
			    NULL)) == NULL ||
			    set(n, "authenticated", s->authenticated ? "true" : "false") < 0 ||
			    (s->policy_from && s->policy_from[0] &&
			    set(n, "policy", s->policy_from) < 0) ||
			    (o->commit == pa_history_root_index(r->hist) &&
			    set(n, "root", "true") < 0) ||
			    (s->reason.size > 0 && set(n, "reason", s->reason.ptr) < 0))
				goto done;
			if (!s->authenticated && first_reason.size == 0 && s->reason.size > 0) {
				char sid[13];

				short_id(sid, c->id);
				pa_buf_printf(&first_reason, "commit %s: %s", sid, s->reason.ptr);
			}
		} else {
			const struct pa_history_tag *t = pa_history_tag(r->hist);
			const struct pa_sig_fact *f = NULL;

			judge_best(&v, &f, o, r, r->current, PA_RIGHT_TAG);
			if ((n = emit_signature(sigs, t->ref, "tag", &v, f, o->format, NULL)) == NULL)
				goto done;
			pa_buf_clear(&reason);
			if (!v.authorised) {
				describe(&reason, &v, f, "the audited pact/signers.xml");
				if (t->id[0] == '\0')
					pa_buf_puts(&reason, " (a lightweight tag cannot be signed)");
				if (set(n, "reason", reason.ptr) < 0)
					goto done;
			}
		}
	}
	if (git_mode && r->hist != NULL) {
		const struct commit_state *ts = &r->cs[target];

		history = ts->authenticated && pa_history_root_reachable(r->hist) ?
		    "authenticated" : "unauthenticated";
	}
	if (set(sigs, "history", history) < 0 ||
	    set(sigs, "pact-signed",
	    pact_ok && strcmp(history, "unauthenticated") != 0 ? "true" : "false") < 0)
		goto done;
	if (strcmp(history, "unauthenticated") == 0) {
		if (r->trust_reason.size > 0)
			pa_buf_puts(&first_reason, r->trust_reason.ptr);
		if (first_reason.size == 0)
			pa_buf_puts(&first_reason, "the audited commit is not authenticated");
		if (set(sigs, "reason", first_reason.ptr) < 0)
			goto done;
	}
	if (skipped != NULL && set(sigs, "skipped", skipped) < 0)
		goto done;
	if ((git = pa_ev_child(root, "git", NULL, 0, NULL)) == NULL)
		goto done;
	if (skipped != NULL) {
		if (set(git, "skipped", skipped) < 0)
			goto done;
	} else if (r->hist != NULL && emit_git(r, git) < 0) {
		goto done;
	}
	error = 0;
done:
	pa_buf_dispose(&reason);
	pa_buf_dispose(&first_reason);
	if (error < 0 && pa_error_last() == NULL)
		pa_error_oom();
	return error;
}

static void
run_dispose(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nobjs; i++) {
		free(r->objs[i].key);
		free(r->objs[i].facts);
		pa_buf_dispose(&r->objs[i].sig);
		pa_buf_dispose(&r->objs[i].data);
	}
	free(r->objs);
	if (r->cs != NULL) {
		for (i = 0; i < pa_history_count(r->hist); i++)
			pa_buf_dispose(&r->cs[i].reason);
		free(r->cs);
	}
	for (i = 0; i < r->nmemo; i++)
		pa_policy_free(r->memo[i].policy);
	free(r->memo);
	pa_history_free(r->hist);
	pa_policy_free(r->current);
	pa_policy_free(r->empty);
	pa_keyset_dispose(&r->keys);
	if (r->home != NULL) {
		pthread_mutex_lock(&gpg_lock);
		pa_gpg_home_free(r->home);
		pthread_mutex_unlock(&gpg_lock);
	}
	pa_cache_free(r->cache);
	pa_registry_free(r->registry);
	pa_buf_dispose(&r->trust_reason);
	pa_buf_dispose(&r->keyring);
	pa_buf_dispose(&r->dossier_keys);
	pa_buf_dispose(&r->pact);
	pa_buf_dispose(&r->pact_sig);
	pa_buf_dispose(&r->bundle_key);
}

int
pa_sig_collect(xmlNode *evidence_root, struct pa_dossier *d,
    const struct pa_sig_opts *opts, struct pa_diag *diag)
{
	struct run r = { 0 };
	enum pa_dossier_mode mode = pa_dossier_mode(d);
	const char *skipped = NULL;
	int error;

	r.d = d;
	r.opts = opts;
	r.diag = diag;
	pa_buf_init(&r.trust_reason);
	pa_buf_init(&r.keyring);
	pa_buf_init(&r.dossier_keys);
	pa_buf_init(&r.pact);
	pa_buf_init(&r.pact_sig);
	pa_buf_init(&r.bundle_key);
	if ((error = parse_as_of(&r.as_of, opts->as_of)) < 0 ||
	    (error = setup_trust(&r)) < 0 ||
	    (error = setup_keys(&r)) < 0 ||
	    (error = pa_policy_new(&r.empty)) < 0 ||
	    (error = load_current_policy(&r)) < 0 ||
	    (error = pa_cache_open(&r.cache, "sig")) < 0)
		goto done;
	error = read_dossier_file(&r.pact, &r.has_pact, d, PACT_FILE);
	if (error == 0)
		error = read_dossier_file(&r.pact_sig, &r.has_pact_sig, d, PACT_SIG_FILE);
	if (error == PA_ELIMIT) {
		/* too large to read: reported by the evidence builder; checked as unsigned */
		pa_error_clear();
		r.has_pact_sig = false;
		error = 0;
	}
	if (error < 0)
		goto done;
	if (mode == PA_DOSSIER_GIT) {
		/* no usable registry entry: a root that nothing descends from */
		error = open_history(&r, r.registry != NULL && r.entry == NULL ? "" :
		    r.entry ? r.entry->root : NULL);
		if (error < 0)
			goto done;
		if (!pa_history_root_reachable(r.hist) && r.trust_reason.size == 0) {
			if (r.entry != NULL)
				pa_buf_printf(&r.trust_reason,
				    "the registry's trust root %s is not the audited commit or an ancestor of it",
				    r.entry->root);
			else {
				pa_buf_printf(&r.trust_reason,
				    "the audited commit has no %s: there is no trust root", SIGNERS_FILE);
				r.trust = "none";
			}
		}
	} else {
		skipped = mode == PA_DOSSIER_FOLDER ? "not a git dossier" :
		    "worktree: uncommitted files have no history";
	}
	if ((error = collect_objects(&r)) < 0 || (error = lookup_bundle(&r)) < 0 ||
	    (!r.bundle_hit && (error = lookup_cache(&r)) < 0))
		goto done;
	error = verify_misses(&r);
	if (error == 0 && needs_keys(&r)) {
		pthread_mutex_lock(&gpg_lock);
		error = load_keyset(&r);
		pthread_mutex_unlock(&gpg_lock);
	}
	pthread_mutex_lock(&gpg_lock);
	pa_gpg_home_free(r.home);
	r.home = NULL;
	pthread_mutex_unlock(&gpg_lock);
	if (error < 0 || (!r.bundle_hit && (error = store_bundle(&r)) < 0))
		goto done;
	pa_log(PA_LOG_INFO, "signatures: %zu objects, %zu from the cache, %zu verified",
	    r.nobjs, r.hits, r.misses);
	error = emit(&r, evidence_root, mode == PA_DOSSIER_GIT, skipped);
done:
	run_dispose(&r);
	return error;
}
