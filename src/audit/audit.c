/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Auditing dossiers: cache lookup, evidence, evaluation on worker threads, cache store, amend. */
#include "config.h"

#include "audit/audit.h"

#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "cache/cache.h"
#include "evidence/evidence.h"
#include "parse/xml.h"
#include "rules/eval.h"
#include "rules/pack.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/log.h"

struct pa_audit {
	struct pa_audit_opts opts;
	struct pa_buf rules_dir;
	struct pa_cache *cache;		/* NULL: no results cache */
	bool digests;			/* rules_digest and data_digest are known */
	char rules_digest[PA_DIGEST_HEXLEN + 1];
	char data_digest[PA_DIGEST_HEXLEN + 1];
	struct pa_rulepack *pack;	/* loaded on the first miss */
	struct pa_eval *eval;		/* the calling thread's evaluator */

	/* the call in progress */
	struct pa_audit_item *items;
	char **keys;			/* results-cache key per item, or NULL */
	bool *todo;			/* must be evaluated */
	size_t count, next, done;
	struct pa_evidence_opts evopts;
	pthread_mutex_t lock;
};

int
pa_audit_new(struct pa_audit **out, const struct pa_audit_opts *opts)
{
	struct pa_audit *a;

	*out = NULL;
	if ((a = pa_calloc(1, sizeof(*a))) == NULL)
		return PA_ENOMEM;
	a->opts = *opts;
	if (opts->rules_dir != NULL)
		pa_buf_puts(&a->rules_dir, opts->rules_dir);
	else
		pa_datadir_path(&a->rules_dir, "rules");
	if (pa_buf_oom(&a->rules_dir)) {
		pa_audit_free(a);
		return pa_error_oom();
	}
	if (!opts->sig.no_cache && pa_cache_open(&a->cache, "results") < 0)
		a->cache = NULL;
	pa_error_clear();
	pthread_mutex_init(&a->lock, NULL);
	*out = a;
	return 0;
}

void
pa_audit_free(struct pa_audit *a)
{
	if (a == NULL)
		return;
	pthread_mutex_destroy(&a->lock);
	pa_eval_free(a->eval);
	pa_rulepack_free(a->pack);
	pa_cache_free(a->cache);
	pa_buf_dispose(&a->rules_dir);
	free(a);
}

void
pa_audit_item_dispose(struct pa_audit_item *item)
{
	pa_results_free(item->results);
	free(item->error);
	item->results = NULL;
	item->error = NULL;
	item->cached = false;
}

/* ------------------------------------------------------------------ */
/* The results-cache key                                               */

/*
 * Results are cached by everything they depend on (DESIGN: results keyed
 * by dossier commit, rule-pack digest, keyring digest and as-of).  Only
 * git-mode audits are cached; the key also holds the tool version, the
 * data files that shape the evidence (schemas, licence data), how the
 * dossier was named, the revision, --path, the registry, and the files
 * later steps read (waivers, baseline, call policy).
 */

/* Digest a file's bytes into key (or "-" for no file); false if unreadable. */
static bool
put_file_digest(struct pa_buf *key, const char *label, const char *path)
{
	struct pa_buf b = PA_BUF_INIT;
	char hex[PA_DIGEST_HEXLEN + 1];
	bool ok = true;

	if (path == NULL) {
		pa_buf_printf(key, "%s -\n", label);
		return true;
	}
	ok = pa_file_read(&b, path, PA_LIMIT_TOTAL_SIZE, 0) == 0 &&
	    pa_digest_sha256(hex, b.ptr, b.size) == 0;
	if (ok)
		pa_buf_printf(key, "%s %s\n", label, hex);
	pa_buf_dispose(&b);
	pa_error_clear();
	return ok;
}

/* Digest every regular file of <datadir>/<sub>, in name order. */
static bool
put_data_digest(struct pa_buf *key, const char *sub)
{
	struct pa_buf dir = PA_BUF_INIT, path = PA_BUF_INIT;
	struct dirent **names = NULL;
	int n, i;
	bool ok = true;

	pa_datadir_path(&dir, sub);
	if (pa_buf_oom(&dir) || (n = scandir(dir.ptr, &names, NULL, alphasort)) < 0) {
		pa_buf_dispose(&dir);
		return false;
	}
	for (i = 0; i < n; i++) {
		if (ok && names[i]->d_name[0] != '.') {
			pa_buf_clear(&path);
			pa_buf_printf(&path, "%s/%s", dir.ptr, names[i]->d_name);
			ok = put_file_digest(key, names[i]->d_name, path.ptr);
		}
		free(names[i]);
	}
	free(names);
	pa_buf_dispose(&path);
	pa_buf_dispose(&dir);
	return ok;
}

/* The digests every key shares; false (no caching) if one cannot be made. */
static bool
shared_digests(struct pa_audit *a)
{
	struct pa_buf data = PA_BUF_INIT;
	bool ok;

	if (a->digests)
		return true;
	ok = pa_rulepack_dir_digest(a->rules_digest, a->rules_dir.ptr) == 0 &&
	    put_data_digest(&data, "rules/schema") && put_data_digest(&data, "rules/spdx") &&
	    !pa_buf_oom(&data) &&
	    pa_digest_sha256(a->data_digest, data.ptr, data.size) == 0;
	pa_buf_dispose(&data);
	pa_error_clear();
	return a->digests = ok;
}

char *
pa_audit_cache_key(struct pa_audit *a, const struct pa_audit_item *item)
{
	const struct pa_dossier_opts *d = &item->dossier;
	struct pa_buf key = PA_BUF_INIT;

	if (!shared_digests(a))
		return NULL;
	pa_buf_printf(&key, "check-results 2\ntool %s\nrules %s\ndata %s\n"
	    "location %s\nrev %s\npath %s\nas-of %s\n", PACKAGE_VERSION,
	    a->rules_digest, a->data_digest, item->location, d->rev ? d->rev : "HEAD",
	    d->subdir ? d->subdir : "", a->opts.as_of.iso);
	/*
	 * The objects read: the commit, and the tag object itself (a signed
	 * tag replaced by an unsigned one at the same commit is another
	 * audit).  Then every file read besides the dossier; an option of
	 * struct pa_sig_opts that changes results belongs here too.
	 */
	if (pa_dossier_identity(&key, item->location, d) < 0 ||
	    !put_file_digest(&key, "keyring", a->opts.sig.keyring) ||
	    !put_file_digest(&key, "registry", a->opts.sig.registry) ||
	    !put_file_digest(&key, "waivers", a->opts.waivers) ||
	    !put_file_digest(&key, "baseline", a->opts.baseline) ||
	    !put_file_digest(&key, "call-policy", a->opts.call_policy) ||
	    pa_buf_oom(&key)) {
		pa_buf_dispose(&key);
		return NULL;
	}
	return pa_buf_detach(&key);
}

/* The cached results of item i, if the cache has a usable entry for its key. */
static bool
cache_lookup(struct pa_audit *a, size_t i)
{
	struct pa_audit_item *item = &a->items[i];
	struct pa_buf entry = PA_BUF_INIT;
	bool hit = false;

	if (a->cache == NULL || (a->keys[i] = pa_audit_cache_key(a, item)) == NULL)
		goto done;
	/* an entry that does not read as valid results is a miss */
	if (pa_cache_get(&entry, a->cache, a->keys[i]) < 0 ||
	    pa_results_from_mem(&item->results, entry.ptr, entry.size, "cached results") < 0)
		goto done;
	item->cached = hit = true;
	pa_log(PA_LOG_INFO, "check: results of %s from the cache", item->location);
done:
	pa_error_clear();
	pa_buf_dispose(&entry);
	return hit;
}

static void
cache_store(struct pa_audit *a, size_t i)
{
	xmlDoc *doc = NULL;
	xmlChar *mem = NULL;
	int len = 0;

	if (a->cache == NULL || a->keys[i] == NULL || a->items[i].results == NULL ||
	    pa_results_to_xml(&doc, a->items[i].results) < 0)
		goto done;
	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	if (mem != NULL && len > 0)
		pa_cache_put(a->cache, a->keys[i], (const char *)mem, (size_t)len);
done:
	xmlFree(mem);
	xmlFreeDoc(doc);
	pa_error_clear();
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                          */

/* Audit one dossier with this thread's evaluator. */
static int
audit_one(struct pa_audit *a, struct pa_eval *ev, struct pa_audit_item *item)
{
	struct pa_evidence_opts evopts = a->evopts;
	struct pa_eval_opts evalopts = { .as_of = &a->opts.as_of };
	struct pa_results *res = NULL;
	xmlDoc *evidence = NULL;
	int error;

	evopts.dossier = item->dossier;
	if ((error = pa_evidence_build(&evidence, item->location, &evopts)) < 0 ||
	    (error = pa_results_new(&res)) < 0 ||
	    (error = pa_eval_run(res, ev, evidence, &evalopts)) < 0)
		goto done;
	item->results = res;
	res = NULL;
done:
	pa_results_free(res);
	xmlFreeDoc(evidence);
	return error;
}

/* Record the thread's error message for the item ("location: message" if it lacks the location). */
static void
item_failed(struct pa_audit_item *item)
{
	const char *msg = pa_error_last();
	struct pa_buf b = PA_BUF_INIT;

	if (msg == NULL)
		msg = "the audit failed";
	if (strstr(msg, item->location) == NULL)
		pa_buf_printf(&b, "%s: ", item->location);
	pa_buf_puts(&b, msg);
	free(item->error);
	item->error = pa_buf_detach(&b);
	if (item->error == NULL)
		item->error = pa_strdup("out of memory");
	pa_buf_dispose(&b);
	pa_error_clear();
}

static void
progress(struct pa_audit *a, const struct pa_audit_item *item)
{
	pthread_mutex_lock(&a->lock);
	a->done++;
	if (a->opts.progress != NULL)
		a->opts.progress(item, a->done, a->count, a->opts.progress_arg);
	pthread_mutex_unlock(&a->lock);
}

/* Take items until none is left; ev is this thread's evaluator (NULL: it could not be made). */
static void
work(struct pa_audit *a, struct pa_eval *ev)
{
	struct pa_audit_item *item;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&a->lock);
		while (a->next < a->count && !a->todo[a->next])
			a->next++;
		i = a->next < a->count ? a->next++ : a->count;
		pthread_mutex_unlock(&a->lock);
		if (i == a->count)
			break;
		item = &a->items[i];
		if (ev == NULL || audit_one(a, ev, item) < 0)
			item_failed(item);
		progress(a, item);
	}
}

static void *
worker_thread(void *arg)
{
	struct pa_audit *a = arg;
	struct pa_eval *ev = NULL;

	if (pa_eval_new(&ev, a->pack) < 0)
		ev = NULL;
	work(a, ev);
	pa_eval_free(ev);
	pa_xml_thread_cleanup();	/* schemas this thread compiled */
	return NULL;
}

/* Evaluate the items marked todo on n threads (the calling thread alone when n is 1). */
static void
run_jobs(struct pa_audit *a, size_t n)
{
	pthread_t threads[PA_AUDIT_MAX_JOBS];
	size_t i, started = 0;

	if (n > PA_AUDIT_MAX_JOBS)
		n = PA_AUDIT_MAX_JOBS;
	for (i = 0; n > 1 && i < n; i++) {
		if (pthread_create(&threads[i], NULL, worker_thread, a) != 0)
			break;
		started++;
	}
	if (started == 0) {	/* one job, or no thread could start: work here */
		if (a->eval == NULL && pa_eval_new(&a->eval, a->pack) < 0)
			a->eval = NULL;
		work(a, a->eval);
	}
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
}

/* ------------------------------------------------------------------ */
/* A call                                                              */

int
pa_audit_call(struct pa_audit *a, struct pa_audit_item *items, size_t count)
{
	size_t i, misses = 0, jobs = a->opts.jobs ? a->opts.jobs : 1;
	int error = 0;

	for (i = 0; i < count; i++)
		pa_audit_item_dispose(&items[i]);
	a->items = items;
	a->count = count;
	a->next = a->done = 0;
	if (count > 0 && ((a->keys = pa_calloc(count, sizeof(*a->keys))) == NULL ||
	    (a->todo = pa_calloc(count, sizeof(*a->todo))) == NULL)) {
		error = pa_error_oom();
		goto done;
	}
	for (i = 0; i < count; i++) {
		if (cache_lookup(a, i)) {
			progress(a, &items[i]);
		} else {
			a->todo[i] = true;
			misses++;
		}
	}
	if (misses > 0) {
		if (a->pack == NULL &&
		    (error = pa_rulepack_load(&a->pack, a->rules_dir.ptr, NULL)) < 0)
			goto done;
		a->evopts.sig = a->opts.sig;
		a->evopts.as_of = &a->opts.as_of;
		/*
		 * Several dossiers at once: each verifies its signatures on one
		 * thread.  One dossier to audit (whatever -j says) keeps its
		 * signature workers.
		 */
		if (jobs > 1 && misses > 1)
			a->evopts.sig.jobs = 1;
		run_jobs(a, jobs < misses ? jobs : misses);
		for (i = 0; i < count; i++)
			if (a->todo[i])
				cache_store(a, i);
	}
	/* status changes (waivers, baselines) on every result, fresh or cached */
	for (i = 0; a->opts.amend != NULL && i < count; i++) {
		if (items[i].results != NULL &&
		    a->opts.amend(items[i].results, &items[i], a->opts.amend_arg) < 0) {
			item_failed(&items[i]);
			pa_results_free(items[i].results);
			items[i].results = NULL;
		}
	}
done:
	if (error < 0)
		for (i = 0; i < count; i++)
			pa_audit_item_dispose(&items[i]);
	for (i = 0; a->keys != NULL && i < count; i++)
		free(a->keys[i]);
	free(a->keys);
	free(a->todo);
	a->keys = NULL;
	a->todo = NULL;
	a->items = NULL;
	a->count = 0;
	return error;
}

int
pa_audit_dossier(struct pa_audit *a, struct pa_audit_item *item)
{
	return pa_audit_call(a, item, 1);
}
