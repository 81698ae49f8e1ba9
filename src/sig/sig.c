/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signature checks of a dossier: the trust root, the keys, the policies, and the order of the steps. */
#include "config.h"

#include "sig/sig.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sig/internal.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/log.h"

#define KEYRING_MAX (16u * 1024 * 1024)

/*
 * Threads may check several dossiers at once.  The one lock of this
 * module is held around every GPGME call of this process and around every
 * fork of workers, so a worker never inherits a GPGME lock another thread
 * held.  Workers verify without it.
 */
static pthread_mutex_t gpg_lock = PTHREAD_MUTEX_INITIALIZER;

void
pa_sig__gpg_lock(void)
{
	pthread_mutex_lock(&gpg_lock);
}

void
pa_sig__gpg_unlock(void)
{
	pthread_mutex_unlock(&gpg_lock);
}

/* The last second of the as-of day (UTC); NULL -> now. */
static long long
as_of_time(const struct pa_date *day)
{
	return day != NULL ? (long long)day->days * 86400 + 86399 : (long long)time(NULL);
}


void
pa_sig__iso_date(char out[16], long long t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (t <= 0 || gmtime_r(&tt, &tm) == NULL || strftime(out, 16, "%Y-%m-%d", &tm) == 0)
		out[0] = '\0';
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
	pa_sig__iso_date(from, r->as_of);
	pa_sig__iso_date(until, r->as_of);
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
	snprintf(lens, sizeof(lens), "%s\n%zu %zu\n", r->opts->verifier == PA_SIG_VERIFIER_RNP ?
	    CACHE_VERSION_RNP : CACHE_VERSION, r->keyring.size,
	    r->dossier_keys.size);
	pa_digest_update(&dg, lens, strlen(lens));
	pa_digest_update(&dg, r->keyring.ptr, r->keyring.size);
	pa_digest_update(&dg, r->dossier_keys.ptr, r->dossier_keys.size);
	pa_digest_final(&dg, r->keyring_digest);
	return 0;
}

bool
pa_sig_verifier_parse(enum pa_sig_verifier *out, const char *name)
{
	if (strcmp(name, "rnp") == 0)
		*out = PA_SIG_VERIFIER_RNP;
	else if (strcmp(name, "gpgme") == 0)
		*out = PA_SIG_VERIFIER_GPGME;
	else
		return false;
	return true;
}

/* The run's keys in librnp, in memory, made on first need. */
int
pa_sig__ensure_rnp(struct run *r)
{
	size_t n;
	int error;

	if (r->rnp != NULL)
		return 0;
	if ((error = pa_rnp_new(&r->rnp)) < 0)
		return error;
	if (r->keyring.size > 0 || r->opts->keyring != NULL) {
		if ((error = pa_rnp_import(r->rnp, r->keyring.ptr, r->keyring.size,
		    r->opts->keyring, &n)) < 0)
			return error;
		if (n == 0)
			return pa_error_set(PA_ERRCLASS_GPG, "keyring '%s' holds no OpenPGP key",
			    r->opts->keyring);
	}
	if (r->dossier_keys.size > 0) {
		error = pa_rnp_import(r->rnp, r->dossier_keys.ptr, r->dossier_keys.size,
		    KEYS_FILE, &n);
		if (error < 0)
			return error;
		if (n == 0)
			pa_diag_add(r->diag, PA_DIAG_WARNING, "keys-unreadable", KEYS_FILE, 0, NULL,
			    "%s holds no OpenPGP public key that could be read", KEYS_FILE);
	}
	return 0;
}

/* The private GnuPG home with the run's keys, made on first need. */
int
pa_sig__ensure_home(struct run *r)
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
			    "%s holds no OpenPGP public key that could be read", KEYS_FILE);
			pa_error_clear();
		}
	}
	return 0;
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
run_dispose(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nobjs; i++) {
		free(r->objs[i].key);
		free(r->objs[i].facts);
		pa_buf_dispose(&r->objs[i].sig);
		pa_buf_dispose(&r->objs[i].data);
		pa_sig_parts_dispose(&r->objs[i].parts);
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
	pa_rnp_free(r->rnp);
	if (r->home != NULL) {
		pa_sig__gpg_lock();
		pa_gpg_home_free(r->home);
		pa_sig__gpg_unlock();
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

void
pa_sig_report_free(struct pa_sig_report *rep)
{
	size_t i;

	if (rep == NULL)
		return;
	for (i = 0; i < rep->count; i++) {
		struct pa_sig_entry *e = &rep->entries[i];

		free(e->object);
		free(e->uid);
		free(e->signer);
		free(e->reason);
		free(e->parents);
		free(e->author);
	}
	free(rep->entries);
	free(rep->violations);
	if (rep->tag != NULL) {
		free(rep->tag->name);
		free(rep->tag->ref);
		free(rep->tag);
	}
	free(rep->trust_how);
	free(rep->applicant);
	free(rep->root);
	free(rep->reason);
	free(rep);
}

int
pa_sig_changes_format(struct pa_buf *out, unsigned ch)
{
	size_t start = out->size;

	if (ch & PA_HISTORY_CHANGE_COMMITMENTS)
		pa_buf_puts(out, "commitments ");
	if (ch & PA_HISTORY_CHANGE_PACT_SIG)
		pa_buf_puts(out, "pact-signature ");
	if (ch & PA_HISTORY_CHANGE_SIGNERS)
		pa_buf_puts(out, "signers ");
	if (ch & PA_HISTORY_CHANGE_KEYS)
		pa_buf_puts(out, "keys ");
	if (out->size > start)
		pa_buf_truncate(out, out->size - 1);
	return pa_buf_oom(out) ? PA_ENOMEM : 0;
}

/* Read the pact, its signature and the history; what is skipped and why. */
static int
read_inputs(struct run *r, const char **skipped)
{
	enum pa_dossier_mode mode = pa_dossier_mode(r->d);
	int error;

	error = read_dossier_file(&r->pact, &r->has_pact, r->d, PACT_FILE);
	if (error == 0)
		error = read_dossier_file(&r->pact_sig, &r->has_pact_sig, r->d, PACT_SIG_FILE);
	if (error == PA_ELIMIT) {
		/* too large to read: reported by the evidence builder; checked as unsigned */
		pa_error_clear();
		r->has_pact_sig = false;
		error = 0;
	}
	if (error < 0)
		return error;
	if (mode != PA_DOSSIER_GIT) {
		*skipped = mode == PA_DOSSIER_FOLDER ? "not a git dossier" :
		    "worktree: uncommitted files have no history";
		return 0;
	}
	/* no usable registry entry: a root that nothing descends from */
	error = pa_sig__open_history(r, r->registry != NULL && r->entry == NULL ? "" :
	    r->entry ? r->entry->root : NULL);
	if (error < 0)
		return error;
	if (!pa_history_root_reachable(r->hist) && r->trust_reason.size == 0) {
		if (r->entry != NULL) {
			pa_buf_printf(&r->trust_reason,
			    "the registry's trust root %s is not the audited commit or an ancestor of it",
			    r->entry->root);
		} else {
			pa_buf_printf(&r->trust_reason,
			    "the audited commit has no %s: there is no trust root", SIGNERS_FILE);
			r->trust = "none";
		}
	}
	return 0;
}

/* The report's account of the trust root: which, and how it was chosen. */
static int
describe_trust(struct pa_sig_report *rep, struct run *r)
{
	struct pa_buf how = PA_BUF_INIT;
	const struct pa_dossier_file *ascf = pa_dossier_find(r->d, PACT_SIG_FILE);

	rep->trust = r->trust;
	if (ascf != NULL && ascf->blob[0] != '\0')
		snprintf(rep->asc_blob, sizeof(rep->asc_blob), "%s", ascf->blob);
	if (r->entry != NULL && (rep->applicant = strdup(r->entry->id)) == NULL)
		return PA_ENOMEM;
	if (r->hist != NULL && (rep->root = strdup(pa_history_root(r->hist))) == NULL)
		return PA_ENOMEM;
	if (r->trust_reason.size > 0)
		pa_buf_puts(&how, r->trust_reason.ptr);
	else if (r->entry != NULL)
		pa_buf_printf(&how, "the registry entry of '%s' and its pinned keys", r->entry->id);
	else if (r->hist != NULL)
		pa_buf_printf(&how, "the commit that introduced %s (self-declared)", SIGNERS_FILE);
	else
		pa_buf_puts(&how, "no history: the audited pact/signers.xml");
	if (pa_buf_oom(&how))
		return PA_ENOMEM;
	rep->trust_how = pa_buf_detach(&how);
	return rep->trust_how != NULL ? 0 : PA_ENOMEM;
}

int
pa_sig_check(struct pa_sig_report **out, struct pa_dossier *d,
    const struct pa_sig_opts *opts, struct pa_diag *diag)
{
	struct run r = { 0 };
	struct pa_sig_report *rep = NULL;
	int error;

	*out = NULL;
	r.d = d;
	r.opts = opts;
	r.diag = diag;
	pa_buf_init(&r.trust_reason);
	pa_buf_init(&r.keyring);
	pa_buf_init(&r.dossier_keys);
	pa_buf_init(&r.pact);
	pa_buf_init(&r.pact_sig);
	pa_buf_init(&r.bundle_key);
	if ((rep = pa_calloc(1, sizeof(*rep))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	if (opts->verifier != PA_SIG_VERIFIER_RNP && opts->verifier != PA_SIG_VERIFIER_GPGME) {
		error = pa_error_setc(PA_EUSAGE, PA_ERRCLASS_USAGE,
		    "--verifier takes 'rnp' or 'gpgme'");
		goto done;
	}
	r.as_of = as_of_time(opts->as_of);
	if ((error = setup_trust(&r)) < 0 ||
	    (error = setup_keys(&r)) < 0 ||
	    (error = pa_policy_new(&r.empty)) < 0 ||
	    (error = load_current_policy(&r)) < 0 ||
	    (error = pa_cache_open(&r.cache, "sig")) < 0 ||
	    (error = read_inputs(&r, &rep->skipped)) < 0)
		goto done;
	if ((error = pa_sig__collect_objects(&r)) < 0 || (error = pa_sig__lookup_bundle(&r)) < 0 ||
	    (!r.bundle_hit && (error = pa_sig__lookup_cache(&r)) < 0))
		goto done;
	error = pa_sig__verify_misses(&r);
	if (error == 0 && needs_keys(&r)) {
		pa_sig__gpg_lock();
		error = pa_sig__load_keyset(&r);
		pa_sig__gpg_unlock();
	}
	pa_sig__gpg_lock();
	pa_gpg_home_free(r.home);
	r.home = NULL;
	pa_sig__gpg_unlock();
	if (error < 0 || (!r.bundle_hit && (error = pa_sig__store_bundle(&r)) < 0))
		goto done;
	pa_log(PA_LOG_INFO, "signatures: %zu objects, %zu from the cache, %zu verified",
	    r.nobjs, r.hits, r.misses);
	rep->hits = r.hits;
	rep->verified = r.misses;
	if ((error = describe_trust(rep, &r)) < 0 ||
	    (error = pa_sig__judge(rep, &r, pa_dossier_mode(d) == PA_DOSSIER_GIT)) < 0)
		goto done;
	*out = rep;
	rep = NULL;
done:
	if (error == PA_ENOMEM && pa_error_last() == NULL)
		pa_error_oom();
	pa_sig_report_free(rep);
	run_dispose(&r);
	return error;
}
