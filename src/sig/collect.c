/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the signature checks verify: the detached signature of the pact,
 * every commit from the trust root, the submission tag; and verifying
 * those the cache did not answer, in worker processes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sig/internal.h"
#include "sig/pool.h"
#include "util/alloc.h"
#include "util/cpu.h"
#include "util/error.h"
#include "util/limits.h"
#include "util/log.h"

#define MAX_JOBS 32

static unsigned
resolve_jobs(unsigned jobs)
{
	if (jobs == 0) {
		/*
		 * One more worker than processors: each worker spends part of its
		 * time forking GnuPG and reading its answer, and a third worker on
		 * two cores fills those gaps (20% faster, measured with
		 * bench/verify-bench.sh).  The processors are those this
		 * process may use (Slurm's --cpus-per-task, taskset), not the
		 * whole machine's.
		 */
		jobs = pa_cpu_count() + 1;
	}
	return jobs > MAX_JOBS ? MAX_JOBS : jobs;
}


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


int
pa_sig__collect_objects(struct run *r)
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

/* A signed message (clearsigned or inline) given as the detached signature: bad, never missing. */
static int
not_detached(struct object *o)
{
	if ((o->facts = pa_calloc(1, sizeof(*o->facts))) == NULL)
		return PA_ENOMEM;
	o->nfacts = 1;
	o->facts[0].outcome = PA_SIG_OUTCOME_ERROR;
	snprintf(o->facts[0].note, sizeof(o->facts[0].note),
	    "not a detached signature (a clearsigned or inline-signed message)");
	return 0;
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
int
pa_sig__verify_misses(struct run *r)
{
	struct pa_sig_job *jobs = NULL;
	struct pa_sig_pool *pool = NULL;
	size_t *which = NULL, njobs = 0, i;
	struct object *o;
	unsigned w;
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
			if ((error = pa_sig__store(r, o)) < 0)
				goto done;
			o->hit = true;
			continue;
		}
		if (o->format != PA_HISTORY_SIG_OPENPGP && !(o->kind == OBJ_DETACHED &&
		    o->format == PA_HISTORY_SIG_UNKNOWN)) {
			/* binary OpenPGP in a detached .asc is still given to the verifier */
			if ((error = facts_without_gpg(o)) < 0 || (error = pa_sig__store(r, o)) < 0)
				goto done;
			o->hit = true;
			continue;
		}
		if (o->kind == OBJ_DETACHED &&
		    (error = pa_sig_split(&o->parts, o->sig.ptr, o->sig.size)) < 0)
			goto done;
		if (o->parts.not_detached) {
			if ((error = not_detached(o)) < 0 || (error = pa_sig__store(r, o)) < 0)
				goto done;
			o->hit = true;
		}
	}
	for (i = 0; i < r->nobjs; i++) {
		if (!r->objs[i].hit)
			njobs += r->objs[i].parts.count > 0 ? r->objs[i].parts.count : 1;
	}
	if (njobs == 0)
		goto done;
	if ((jobs = pa_calloc(njobs, sizeof(*jobs))) == NULL ||
	    (which = pa_calloc(njobs, sizeof(*which))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	for (i = 0, njobs = 0; i < r->nobjs; i++) {
		size_t k;

		o = &r->objs[i];
		if (o->hit)
			continue;
		for (k = 0; k == 0 || k < o->parts.count; k++) {
			const struct pa_buf *sig = o->parts.count > 0 ? &o->parts.parts[k] : &o->sig;

			jobs[njobs].sig = sig->ptr;
			jobs[njobs].siglen = sig->size;
			jobs[njobs].data = o->data.ptr;
			jobs[njobs].datalen = o->data.size;
			which[njobs++] = i;
		}
	}
	if (r->opts->verifier == PA_SIG_VERIFIER_RNP) {
		/* in this process: no fork, no gpg, no lock */
		if ((error = pa_sig__ensure_rnp(r)) < 0)
			goto done;
		pa_log(PA_LOG_DEBUG, "verifying %zu signatures with librnp", njobs);
		for (i = 0; i < njobs && error == 0; i++)
			error = pa_rnp_verify(&jobs[i].facts, &jobs[i].nfacts, r->rnp, jobs[i].sig,
			    jobs[i].siglen, jobs[i].data, jobs[i].datalen);
		goto stored;
	}
	/*
	 * The workers are forked under the GnuPG lock, so that none inherits
	 * a GPGME lock another thread holds; they verify without it.
	 */
	w = resolve_jobs(r->opts->jobs);
	pa_sig__gpg_lock();
	error = pa_sig__ensure_home(r);
	if (error == 0)
		error = pa_sig_pool_new(&pool, njobs < w ? (unsigned)njobs : w);
	pa_sig__gpg_unlock();
	if (error == 0) {
		pa_log(PA_LOG_DEBUG, "verifying %zu signatures with %u workers", njobs,
		    pa_sig_pool_size(pool));
		error = pa_sig_pool_run(pool, pa_gpg_home_path(r->home), jobs, njobs);
	}
stored:
	if (error < 0)
		goto done;
	/* each object's facts, in the order of its signatures */
	for (i = 0; i < njobs; i++) {
		struct pa_sig_fact *f;

		o = &r->objs[which[i]];
		if ((f = pa_reallocarray(o->facts, o->nfacts + jobs[i].nfacts, sizeof(*f))) == NULL) {
			error = PA_ENOMEM;
			goto done;
		}
		memcpy(f + o->nfacts, jobs[i].facts, jobs[i].nfacts * sizeof(*f));
		o->facts = f;
		o->nfacts += jobs[i].nfacts;
		if (i + 1 == njobs || which[i + 1] != which[i]) {
			o->hit = true;
			if ((error = pa_sig__store(r, o)) < 0)
				goto done;
		}
	}
done:
	pa_sig_pool_free(pool);
	for (i = 0; jobs != NULL && i < njobs; i++)
		free(jobs[i].facts);
	free(jobs);
	free(which);
	return error;
}
