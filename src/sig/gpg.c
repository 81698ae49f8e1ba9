/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GPGME: the only file that includes <gpgme.h>. */
#include "config.h"

#include "sig/gpg.h"

#include <errno.h>
#include <fcntl.h>
#include <gpgme.h>
#include <locale.h>
#include <pthread.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/cleanup.h"
#include "util/error.h"
#include "util/file.h"

extern char **environ;

/*
 * The private home's configuration.  Trust comes from the signing policy,
 * so GnuPG's web of trust is off (trust-model always, which also skips the
 * trustdb); nothing may reach a key server or start a daemon.
 */
static const char home_conf[] =
    "# written by pactaudit for one run; removed at its end\n"
    "no-auto-key-retrieve\n"
    "no-auto-key-locate\n"
    "no-auto-key-import\n"
    "disable-dirmngr\n"
    "no-autostart\n"
    "trust-model always\n"
    "no-greeting\n"
    "no-permission-warning\n"
    "lock-never\n"		/* private and read-only after the import: no lock files per run */
    "batch\n"
    "no-tty\n";

struct pa_gpg_home {
	char *path;
	gpgme_ctx_t ctx;
	int cleanup;		/* pa_cleanup_add() handle */
};

struct pa_gpg_verifier {
	gpgme_ctx_t ctx;
	char *home;	/* the home the context is set to */
};

static int
gpg_fail(const char *what, gpgme_error_t err)
{
	return pa_error_set(PA_ERRCLASS_GPG, "%s: %s", what, gpgme_strerror(err));
}

int
pa_gpg_global_init(void)
{
	if (gpgme_check_version("1.18.0") == NULL)
		return pa_error_set(PA_ERRCLASS_GPG, "GPGME 1.18 or newer is required");
	gpgme_set_locale(NULL, LC_CTYPE, setlocale(LC_CTYPE, NULL));
	return 0;
}

/*
 * Finding GnuPG runs gpgconf and gpg --version (several processes, tens of
 * milliseconds on a busy machine): done on first use, so that runs answered
 * from the cache and commands without signatures never pay it.  Only
 * success is remembered: a transient failure (a busy machine, a gpgconf
 * killed at start) is retried a few times, and a failure that remains fails
 * the dossier that asked, not the whole run (the next dossier asks again).
 */
static pthread_mutex_t engine_lock = PTHREAD_MUTEX_INITIALIZER;
static bool engine_ok;

#define ENGINE_TRIES 3

int
pa_gpg_ready(void)
{
	gpgme_error_t err = 0;
	int i;

	pthread_mutex_lock(&engine_lock);
	for (i = 0; !engine_ok && i < ENGINE_TRIES; i++) {
		if (i > 0) {
			/* GPGME caches what it found: make it look again */
			gpgme_set_engine_info(GPGME_PROTOCOL_OpenPGP, NULL, NULL);
			usleep(100000u * (unsigned)i);
		}
		if ((err = gpgme_engine_check_version(GPGME_PROTOCOL_OpenPGP)) == 0)
			engine_ok = true;
	}
	pthread_mutex_unlock(&engine_lock);
	if (!engine_ok)
		return pa_error_set(PA_ERRCLASS_GPG, "GnuPG is not usable: %s",
		    gpgme_strerror(err));
	return 0;
}

static int
ctx_new(gpgme_ctx_t *out, const char *home)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_error_t err;
	int error;

	*out = NULL;
	if ((error = pa_gpg_ready()) < 0)
		return error;
	if ((err = gpgme_new(&ctx)) != 0)
		return gpg_fail("cannot start GPGME", err);
	if ((err = gpgme_set_protocol(ctx, GPGME_PROTOCOL_OpenPGP)) != 0 ||
	    (home != NULL &&
	    (err = gpgme_ctx_set_engine_info(ctx, GPGME_PROTOCOL_OpenPGP, NULL, home)) != 0)) {
		gpgme_release(ctx);
		return gpg_fail("cannot set up GnuPG", err);
	}
	gpgme_set_offline(ctx, 1);
	*out = ctx;
	return 0;
}

static void home_remove(int dirfd, const char *path);

int
pa_gpg_home_new(struct pa_gpg_home **out)
{
	struct pa_gpg_home *h = NULL;
	struct pa_buf p = PA_BUF_INIT, conf = PA_BUF_INIT;
	const char *tmp = getenv("TMPDIR");
	int error;

	*out = NULL;
	if (tmp == NULL || *tmp != '/')
		tmp = "/tmp";
	if ((h = pa_calloc(1, sizeof(*h))) == NULL)
		return PA_ENOMEM;
	h->cleanup = -1;
	if ((error = pa_buf_printf(&p, "%s/pactaudit-gpg.XXXXXX", tmp)) < 0)
		goto done;
	if (mkdtemp(p.ptr) == NULL) {
		error = pa_error_from_os("cannot create a private GnuPG home in", tmp);
		goto done;
	}
	h->path = pa_buf_detach(&p);
	h->cleanup = pa_cleanup_add(AT_FDCWD, h->path, home_remove);
	if ((error = pa_buf_printf(&conf, "%s/gpg.conf", h->path)) < 0 ||
	    (error = pa_file_write_atomic(conf.ptr, home_conf, sizeof(home_conf) - 1, 0)) < 0)
		goto done;
	error = ctx_new(&h->ctx, h->path);
done:
	pa_buf_dispose(&p);
	pa_buf_dispose(&conf);
	if (error < 0) {
		pa_gpg_home_free(h);
		return error;
	}
	*out = h;
	return 0;
}

const char *
pa_gpg_home_path(const struct pa_gpg_home *h)
{
	return h->path;
}

int
pa_gpg_home_import(struct pa_gpg_home *h, const char *data, size_t len,
    const char *what, size_t *count)
{
	gpgme_data_t d = NULL;
	gpgme_import_result_t r;
	gpgme_error_t err;
	int error = 0;

	*count = 0;
	if ((err = gpgme_data_new_from_mem(&d, data, len, 0)) != 0)
		return gpg_fail("cannot pass keys to GnuPG", err);
	err = gpgme_op_import(h->ctx, d);
	if (err != 0 && gpgme_err_code(err) != GPG_ERR_NO_DATA) {
		error = pa_error_set(PA_ERRCLASS_GPG, "cannot import %s: %s", what,
		    gpgme_strerror(err));
		goto done;
	}
	if ((r = gpgme_op_import_result(h->ctx)) != NULL && r->considered > 0)
		*count = (size_t)r->considered;
done:
	gpgme_data_release(d);
	return error;
}

static int
keyset_push(struct pa_keyset *ks, gpgme_key_t key, gpgme_subkey_t sub)
{
	struct pa_key_fact *n, *k;
	gpgme_subkey_t primary = key->subkeys;
	long long pe = primary->expires, se = sub->expires;

	if (sub->fpr == NULL || primary->fpr == NULL)
		return 0;
	n = pa_reallocarray(ks->keys, ks->count + 1, sizeof(*n));
	if (n == NULL)
		return PA_ENOMEM;
	ks->keys = n;
	k = &ks->keys[ks->count];
	memset(k, 0, sizeof(*k));
	snprintf(k->fpr, sizeof(k->fpr), "%s", sub->fpr);
	snprintf(k->primary, sizeof(k->primary), "%s", primary->fpr);
	k->expires = pe == 0 ? se : se == 0 ? pe : pe < se ? pe : se;
	k->revoked = key->revoked || primary->revoked || sub->revoked;
	if (key->uids != NULL && key->uids->uid != NULL &&
	    (k->uid = pa_strdup(key->uids->uid)) == NULL)
		return PA_ENOMEM;
	ks->count++;
	return 0;
}

/* Apply one 'rev' record of gpg --with-colons (class 20: a primary key, 28: a subkey). */
static void
apply_rev(struct pa_keyset *ks, const char *primary, const char *subkey, char **f, size_t nf)
{
	const char *cls = nf > 10 ? f[10] : "", *comma;
	long long when = nf > 5 ? strtoll(f[5], NULL, 10) : 0;
	int reason = -1;
	size_t i;

	if ((comma = strchr(cls, ',')) != NULL)
		reason = (int)strtol(comma + 1, NULL, 16);
	for (i = 0; i < ks->count; i++) {
		struct pa_key_fact *k = &ks->keys[i];

		if ((strncmp(cls, "20", 2) == 0 && primary[0] != '\0' &&
		    strcmp(k->primary, primary) == 0) ||
		    (strncmp(cls, "28", 2) == 0 && subkey[0] != '\0' &&
		    strcmp(k->fpr, subkey) == 0))
			pa_key_fact_revoke(k, reason, when);
	}
}

/*
 * GPGME says that a key is revoked but not why nor when: read the
 * revocation signatures from `gpg --with-colons --list-sigs` of the home.
 * Best effort: a key whose reason cannot be read stays revoked (hard).
 */
static void
revocation_details(struct pa_keyset *ks, const char *home)
{
	char a0[] = "gpg", a1[] = "--homedir", a3[] = "--batch", a4[] = "--no-tty",
	    a5[] = "--with-colons", a6[] = "--fixed-list-mode", a7[] = "--list-sigs";
	char *argv[] = { a0, a1, (char *)home, a3, a4, a5, a6, a7, NULL };
	posix_spawn_file_actions_t fa;
	struct pa_buf b = PA_BUF_INIT;
	char primary[65] = "", subkey[65] = "", buf[4096], *line, *next, *f[22];
	bool in_sub = false;
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return;
	if (posix_spawn_file_actions_init(&fa) != 0) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, "gpg", &fa, NULL, argv, environ) != 0)
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	while (pid > 0 && ((n = read(fds[0], buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR)))
		if (n > 0 && b.size < (16u << 20))
			pa_buf_put(&b, buf, (size_t)n);
	close(fds[0]);
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	for (line = b.ptr; line != NULL && *line != '\0'; line = next) {
		size_t nf = 0;
		char *p;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		for (p = line; nf < 22; ) {
			f[nf++] = p;
			if ((p = strchr(p, ':')) == NULL)
				break;
			*p++ = '\0';
		}
		if (strcmp(f[0], "pub") == 0) {
			in_sub = false;
			primary[0] = subkey[0] = '\0';
		} else if (strcmp(f[0], "sub") == 0) {
			in_sub = true;
			subkey[0] = '\0';
		} else if (strcmp(f[0], "fpr") == 0 && nf > 9) {
			snprintf(in_sub ? subkey : primary, 65, "%s", f[9]);
		} else if (strcmp(f[0], "rev") == 0) {
			apply_rev(ks, primary, subkey, f, nf);
		}
	}
	pa_buf_dispose(&b);
}

int
pa_gpg_home_keys(struct pa_keyset *out, struct pa_gpg_home *h)
{
	gpgme_key_t key = NULL;
	gpgme_subkey_t sub;
	gpgme_error_t err;
	size_t i;
	int error = 0;

	memset(out, 0, sizeof(*out));
	gpgme_set_keylist_mode(h->ctx, GPGME_KEYLIST_MODE_LOCAL);
	if ((err = gpgme_op_keylist_start(h->ctx, NULL, 0)) != 0)
		return gpg_fail("cannot list the keys", err);
	while ((err = gpgme_op_keylist_next(h->ctx, &key)) == 0) {
		for (sub = key->subkeys; sub != NULL && error == 0; sub = sub->next)
			error = keyset_push(out, key, sub);
		gpgme_key_unref(key);
		key = NULL;
		if (error < 0)
			break;
	}
	if (error == 0 && gpgme_err_code(err) != GPG_ERR_EOF)
		error = gpg_fail("cannot list the keys", err);
	gpgme_op_keylist_end(h->ctx);
	for (i = 0; error == 0 && i < out->count; i++) {
		if (out->keys[i].revoked) {
			revocation_details(out, h->path);
			break;
		}
	}
	if (error < 0)
		pa_keyset_dispose(out);
	return error;
}

/* gpgconf --homedir H --kill all: no daemon of the private home outlives the run. */
static void
kill_daemons(const char *home)
{
	char a0[] = "gpgconf", a1[] = "--homedir", a3[] = "--kill", a4[] = "all";
	char *argv[] = { a0, a1, (char *)home, a3, a4, NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status;

	if (posix_spawn_file_actions_init(&fa) != 0)
		return;
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, "gpgconf", &fa, NULL, argv, environ) == 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	posix_spawn_file_actions_destroy(&fa);
}

/* On a signal (util/cleanup.c): stop the home's agent, remove the folder (a gpg still writing may need a retry). */
static void
home_remove(int dirfd, const char *path)
{
	int i;

	(void)dirfd;
	kill_daemons(path);
	for (i = 0; i < 3 && pa_file_rm_rf(path) < 0; i++)
		usleep(50000);
}

void
pa_gpg_home_free(struct pa_gpg_home *h)
{
	if (h == NULL)
		return;
	gpgme_release(h->ctx);
	pa_cleanup_forget(h->cleanup);
	if (h->path != NULL) {
		kill_daemons(h->path);
		pa_file_rm_rf(h->path);
		free(h->path);
	}
	free(h);
}

int
pa_gpg_verifier_new(struct pa_gpg_verifier **out)
{
	struct pa_gpg_verifier *v;
	int error;

	*out = NULL;
	if ((v = pa_calloc(1, sizeof(*v))) == NULL)
		return PA_ENOMEM;
	if ((error = ctx_new(&v->ctx, NULL)) < 0) {
		free(v);
		return error;
	}
	*out = v;
	return 0;
}

void
pa_gpg_verifier_free(struct pa_gpg_verifier *v)
{
	if (v == NULL)
		return;
	gpgme_release(v->ctx);
	free(v->home);
	free(v);
}

static enum pa_sig_outcome
outcome_of(gpgme_signature_t s)
{
	if (s->summary & GPGME_SIGSUM_KEY_MISSING)
		return PA_SIG_OUTCOME_NO_KEY;
	switch (gpgme_err_code(s->status)) {
	case GPG_ERR_NO_ERROR:
	case GPG_ERR_KEY_EXPIRED:	/* expiry and revocation are judged at the as-of date */
	case GPG_ERR_SIG_EXPIRED:
	case GPG_ERR_CERT_REVOKED:
		return PA_SIG_OUTCOME_VALID;
	case GPG_ERR_BAD_SIGNATURE:
		return PA_SIG_OUTCOME_BAD;
	case GPG_ERR_NO_PUBKEY:
		return PA_SIG_OUTCOME_NO_KEY;
	default:
		return PA_SIG_OUTCOME_ERROR;
	}
}

int
pa_gpg_verify(struct pa_sig_fact **out, size_t *count, struct pa_gpg_verifier *v,
    const char *home, const char *sig, size_t siglen, const char *data, size_t datalen)
{
	gpgme_data_t sd = NULL, dd = NULL;
	gpgme_verify_result_t r;
	gpgme_signature_t s;
	gpgme_error_t err;
	struct pa_sig_fact *f = NULL;
	size_t n = 0, i;
	int error = 0;

	*out = NULL;
	*count = 0;
	if (v->home == NULL || strcmp(v->home, home) != 0) {
		free(v->home);
		if ((v->home = pa_strdup(home)) == NULL)
			return PA_ENOMEM;
		err = gpgme_ctx_set_engine_info(v->ctx, GPGME_PROTOCOL_OpenPGP, NULL, home);
		if (err != 0)
			return gpg_fail("cannot set up GnuPG", err);
	}
	if ((err = gpgme_data_new_from_mem(&sd, sig, siglen, 0)) != 0 ||
	    (err = gpgme_data_new_from_mem(&dd, data, datalen, 0)) != 0) {
		error = gpg_fail("cannot pass data to GnuPG", err);
		goto done;
	}
	err = gpgme_op_verify(v->ctx, sd, dd, NULL);
	r = gpgme_op_verify_result(v->ctx);
	for (s = r != NULL ? r->signatures : NULL; s != NULL; s = s->next)
		n++;
	if ((f = pa_calloc(n > 0 ? n : 1, sizeof(*f))) == NULL) {
		error = PA_ENOMEM;
		goto done;
	}
	if (n == 0) {
		switch (gpgme_err_code(err)) {
		case GPG_ERR_INV_ENGINE:
		case GPG_ERR_ENOENT:
		case GPG_ERR_EPIPE:
			error = gpg_fail("cannot run GnuPG", err);
			goto done;
		case GPG_ERR_NO_DATA:
		case GPG_ERR_NO_ERROR:
			f[0].outcome = PA_SIG_OUTCOME_NONE;
			break;
		default:
			f[0].outcome = PA_SIG_OUTCOME_ERROR;
			snprintf(f[0].note, sizeof(f[0].note), "%s", gpgme_strerror(err));
			break;
		}
		n = 1;
	} else {
		for (i = 0, s = r->signatures; s != NULL; s = s->next, i++) {
			f[i].outcome = outcome_of(s);
			if (s->fpr != NULL)
				snprintf(f[i].fpr, sizeof(f[i].fpr), "%s", s->fpr);
			f[i].created = (long long)s->timestamp;
			f[i].expires = (long long)s->exp_timestamp;
			if (f[i].outcome == PA_SIG_OUTCOME_ERROR)
				snprintf(f[i].note, sizeof(f[i].note), "%s",
				    gpgme_strerror(s->status));
		}
	}
	*out = f;
	*count = n;
	f = NULL;
done:
	free(f);
	gpgme_data_release(sd);
	gpgme_data_release(dd);
	return error;
}

int
pa_gpg_sign_detached(struct pa_buf *out, char fpr[65], const char *data,
    size_t len, const char *key)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_data_t in = NULL, sig = NULL;
	gpgme_key_t k = NULL;
	gpgme_sign_result_t r;
	gpgme_error_t err;
	char *mem = NULL;
	size_t n = 0;
	int error;

	fpr[0] = '\0';
	if ((error = ctx_new(&ctx, NULL)) < 0)
		return error;
	gpgme_set_armor(ctx, 1);
	gpgme_set_textmode(ctx, 0);
	if (key != NULL) {
		if ((err = gpgme_get_key(ctx, key, &k, 1)) != 0) {
			error = pa_error_set(PA_ERRCLASS_GPG, "no secret key '%s': %s", key,
			    gpgme_strerror(err));
			goto done;
		}
		if ((err = gpgme_signers_add(ctx, k)) != 0) {
			error = gpg_fail("cannot use the key", err);
			goto done;
		}
	}
	if ((err = gpgme_data_new_from_mem(&in, data, len, 0)) != 0 ||
	    (err = gpgme_data_new(&sig)) != 0) {
		error = gpg_fail("cannot pass data to GnuPG", err);
		goto done;
	}
	if ((err = gpgme_op_sign(ctx, in, sig, GPGME_SIG_MODE_DETACH)) != 0) {
		error = gpg_fail("cannot sign", err);
		goto done;
	}
	r = gpgme_op_sign_result(ctx);
	if (r == NULL || r->signatures == NULL || r->invalid_signers != NULL) {
		error = pa_error_set(PA_ERRCLASS_GPG, "cannot sign: %s",
		    r && r->invalid_signers ? gpgme_strerror(r->invalid_signers->reason) :
		    "no signature made");
		goto done;
	}
	if (r->signatures->fpr != NULL) {
		gpgme_key_t pk = NULL;

		/* report the primary key, as signers.xml lists it */
		if (gpgme_get_key(ctx, r->signatures->fpr, &pk, 0) == 0 && pk->subkeys != NULL &&
		    pk->subkeys->fpr != NULL)
			snprintf(fpr, 65, "%s", pk->subkeys->fpr);
		else
			snprintf(fpr, 65, "%s", r->signatures->fpr);
		gpgme_key_unref(pk);
	}
	mem = gpgme_data_release_and_get_mem(sig, &n);
	sig = NULL;
	if (mem == NULL) {
		error = pa_error_oom();
		goto done;
	}
	error = pa_buf_put(out, mem, n);
done:
	gpgme_free(mem);
	gpgme_data_release(sig);
	gpgme_data_release(in);
	gpgme_key_unref(k);
	gpgme_release(ctx);
	return error;
}

int
pa_gpg_key_find(char fpr[65], struct pa_buf *uid, const char *key, bool secret)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_key_t k = NULL;
	gpgme_error_t err;
	int error;

	fpr[0] = '\0';
	if ((error = ctx_new(&ctx, NULL)) < 0)
		return error;
	if (key != NULL) {
		if ((err = gpgme_get_key(ctx, key, &k, secret)) != 0) {
			error = pa_error_set(PA_ERRCLASS_GPG, "no %s key '%s': %s",
			    secret ? "secret" : "public", key, gpgme_strerror(err));
			goto done;
		}
	} else if (!secret) {
		error = pa_error_set(PA_ERRCLASS_GPG, "no key named");
		goto done;
	} else {
		if ((err = gpgme_op_keylist_start(ctx, NULL, 1)) != 0) {
			error = gpg_fail("cannot list the secret keys", err);
			goto done;
		}
		while (gpgme_op_keylist_next(ctx, &k) == 0) {
			if (k->can_sign && !k->revoked && !k->expired && !k->disabled)
				break;
			gpgme_key_unref(k);
			k = NULL;
		}
		gpgme_op_keylist_end(ctx);
		if (k == NULL) {
			error = pa_error_set(PA_ERRCLASS_GPG, "no secret key that can sign "
			    "in the GnuPG home");
			goto done;
		}
	}
	if (k->subkeys == NULL || k->subkeys->fpr == NULL) {
		error = pa_error_set(PA_ERRCLASS_GPG, "the key '%s' has no fingerprint",
		    key ? key : "");
		goto done;
	}
	snprintf(fpr, 65, "%s", k->subkeys->fpr);
	if (k->uids != NULL && k->uids->uid != NULL)
		error = pa_buf_puts(uid, k->uids->uid);
done:
	gpgme_key_unref(k);
	gpgme_release(ctx);
	return error;
}

int
pa_gpg_export(struct pa_buf *out, const char *const *fprs, size_t n)
{
	gpgme_ctx_t ctx = NULL;
	gpgme_data_t d = NULL;
	gpgme_error_t err;
	char *mem = NULL;
	size_t len = 0, i;
	int error;

	if ((error = ctx_new(&ctx, NULL)) < 0)
		return error;
	gpgme_set_armor(ctx, 1);
	for (i = 0; i < n; i++) {
		if ((err = gpgme_data_new(&d)) != 0) {
			error = gpg_fail("cannot export keys", err);
			goto done;
		}
		err = gpgme_op_export(ctx, fprs[i], GPGME_EXPORT_MODE_MINIMAL, d);
		mem = gpgme_data_release_and_get_mem(d, &len);
		d = NULL;
		if (err != 0 || mem == NULL || len == 0) {
			error = pa_error_set(PA_ERRCLASS_GPG, "no public key %s to export%s%s",
			    fprs[i], err ? ": " : "", err ? gpgme_strerror(err) : "");
			goto done;
		}
		if ((error = pa_buf_put(out, mem, len)) < 0)
			goto done;
		gpgme_free(mem);
		mem = NULL;
	}
done:
	gpgme_free(mem);
	gpgme_data_release(d);
	gpgme_release(ctx);
	return error;
}
