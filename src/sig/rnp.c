/* SPDX-License-Identifier: GPL-3.0-or-later */
/* librnp: the only file that includes <rnp/rnp.h>. */
#include "config.h"

#include "sig/rnp.h"

#include <fcntl.h>
#include <rnp/rnp.h>
#include <rnp/rnp_err.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

/*
 * Two keyrings.  `ffi` holds the keys as given.  librnp refuses to check
 * the mathematics of a signature whose key is revoked (it reports it
 * invalid), but whether a revoked key's signature holds is a fact the
 * policy needs (a key retired after signing leaves its signatures good,
 * pactaudit-trust(7)); `bare` holds the same keys without their
 * revocation signatures and is asked only then, made on first need.
 */
struct pa_rnp {
	rnp_ffi_t ffi;
	rnp_ffi_t bare;
	struct pa_buf *imports;		/* every import, to make `bare` from */
	size_t nimports;
};

static int
rnp_fail(const char *what, rnp_result_t rc)
{
	return pa_error_set(PA_ERRCLASS_GPG, "%s: %s", what, rnp_result_to_string(rc));
}

static int
ffi_new(rnp_ffi_t *out)
{
	rnp_result_t rc;

	int fd;

	if ((rc = rnp_ffi_create(out, "GPG", "GPG")) != RNP_SUCCESS)
		return rnp_fail("cannot start librnp", rc);
	/* librnp logs to stderr; pactaudit reports through its own results (the ffi closes fd) */
	if ((fd = open("/dev/null", O_WRONLY | O_CLOEXEC)) >= 0 &&
	    rnp_ffi_set_log_fd(*out, fd) != RNP_SUCCESS)
		close(fd);
	return 0;
}

int
pa_rnp_new(struct pa_rnp **out)
{
	struct pa_rnp *r;
	int error;

	*out = NULL;
	if ((r = pa_calloc(1, sizeof(*r))) == NULL)
		return PA_ENOMEM;
	if ((error = ffi_new(&r->ffi)) < 0) {
		free(r);
		return error;
	}
	*out = r;
	return 0;
}

void
pa_rnp_free(struct pa_rnp *r)
{
	size_t i;

	if (r == NULL)
		return;
	rnp_ffi_destroy(r->ffi);
	if (r->bare != NULL)
		rnp_ffi_destroy(r->bare);
	for (i = 0; i < r->nimports; i++)
		pa_buf_dispose(&r->imports[i]);
	free(r->imports);
	free(r);
}

static size_t
key_count(rnp_ffi_t ffi)
{
	size_t n = 0;

	if (rnp_get_public_key_count(ffi, &n) != RNP_SUCCESS)
		return 0;
	return n;
}

static rnp_result_t
import_into(rnp_ffi_t ffi, const char *data, size_t len)
{
	rnp_input_t in = NULL;
	rnp_result_t rc;

	if ((rc = rnp_input_from_memory(&in, (const uint8_t *)data, len, false)) != RNP_SUCCESS)
		return rc;
	rc = rnp_import_keys(ffi, in, RNP_LOAD_SAVE_PUBLIC_KEYS | RNP_LOAD_SAVE_PERMISSIVE, NULL);
	rnp_input_destroy(in);
	return rc;
}

int
pa_rnp_import(struct pa_rnp *r, const char *data, size_t len, const char *what, size_t *count)
{
	struct pa_buf *n;
	size_t before = key_count(r->ffi);
	rnp_result_t rc;

	(void)what;
	*count = 0;
	rc = import_into(r->ffi, data, len);
	if (rc != RNP_SUCCESS)
		return 0;	/* nothing usable: the caller says so */
	/* keys already there (the same key in --keyring and pact/keys.asc) count too */
	*count = key_count(r->ffi) - before;
	if (*count == 0)
		*count = 1;
	if ((n = pa_reallocarray(r->imports, r->nimports + 1, sizeof(*n))) == NULL)
		return PA_ENOMEM;
	r->imports = n;
	pa_buf_init(&n[r->nimports]);
	if (pa_buf_put(&n[r->nimports], data, len) < 0)
		return PA_ENOMEM;
	r->nimports++;
	if (r->bare != NULL) {
		rnp_ffi_destroy(r->bare);
		r->bare = NULL;
	}
	return 0;
}

/* Remove the revocation signature of key, if any. */
static void
strip_revocation(rnp_key_handle_t key)
{
	rnp_signature_handle_t sig = NULL;

	if (rnp_key_get_revocation_signature(key, &sig) == RNP_SUCCESS && sig != NULL) {
		rnp_signature_remove(key, sig);
		rnp_signature_handle_destroy(sig);
	}
}

static int
make_bare(struct pa_rnp *r)
{
	rnp_identifier_iterator_t it = NULL;
	rnp_key_handle_t key;
	const char *fp;
	size_t i;
	int error;

	if (r->bare != NULL)
		return 0;
	if ((error = ffi_new(&r->bare)) < 0)
		return error;
	for (i = 0; i < r->nimports; i++)
		import_into(r->bare, r->imports[i].ptr, r->imports[i].size);
	if (rnp_identifier_iterator_create(r->bare, &it, "fingerprint") != RNP_SUCCESS)
		return 0;
	while (rnp_identifier_iterator_next(it, &fp) == RNP_SUCCESS && fp != NULL) {
		key = NULL;
		if (rnp_locate_key(r->bare, "fingerprint", fp, &key) == RNP_SUCCESS && key != NULL) {
			strip_revocation(key);
			rnp_key_handle_destroy(key);
		}
	}
	rnp_identifier_iterator_destroy(it);
	return 0;
}

static void
copy_str(char *dst, size_t size, char *s)
{
	snprintf(dst, size, "%s", s ? s : "");
	rnp_buffer_destroy(s);
}

static bool
key_revoked(rnp_key_handle_t key)
{
	bool rev = false;

	return rnp_key_is_revoked(key, &rev) == RNP_SUCCESS && rev;
}

/* Absolute expiry of key (seconds since 1970), 0 when it never expires. */
static long long
key_expiry(rnp_key_handle_t key)
{
	uint32_t created = 0, exp = 0;

	if (rnp_key_get_creation(key, &created) != RNP_SUCCESS ||
	    rnp_key_get_expiration(key, &exp) != RNP_SUCCESS || exp == 0)
		return 0;
	return (long long)created + exp;
}

/* The primary key of key (a new handle), or NULL. */
static rnp_key_handle_t
primary_of(rnp_ffi_t ffi, rnp_key_handle_t key)
{
	rnp_key_handle_t p = NULL;
	char *fp = NULL;
	bool primary = false;

	if (rnp_key_is_primary(key, &primary) != RNP_SUCCESS)
		return NULL;
	if (primary) {
		if (rnp_key_get_fprint(key, &fp) != RNP_SUCCESS)
			return NULL;
	} else if (rnp_key_get_primary_fprint(key, &fp) != RNP_SUCCESS) {
		return NULL;
	}
	if (rnp_locate_key(ffi, "fingerprint", fp, &p) != RNP_SUCCESS)
		p = NULL;
	rnp_buffer_destroy(fp);
	return p;
}

/* Was the key that made a signature at `created` revoked or already expired then? */
static bool
key_refuses(rnp_ffi_t ffi, rnp_key_handle_t key, long long created)
{
	rnp_key_handle_t p = primary_of(ffi, key);
	long long pe = p ? key_expiry(p) : 0, se = key_expiry(key);
	bool refuses = key_revoked(key) || (p != NULL && key_revoked(p)) ||
	    (pe != 0 && created >= pe) || (se != 0 && created >= se);

	if (p != NULL)
		rnp_key_handle_destroy(p);
	return refuses;
}

/* The reason and time of key's revocation into k (pactaudit-trust(7): soft or hard). */
static void
revoke_fact(struct pa_key_fact *k, rnp_key_handle_t key)
{
	rnp_signature_handle_t sig = NULL;
	uint32_t created = 0;
	bool yes = false;
	int reason = -1;

	if (rnp_key_is_compromised(key, &yes) == RNP_SUCCESS && yes)
		reason = 2;
	else if (rnp_key_is_superseded(key, &yes) == RNP_SUCCESS && yes)
		reason = 1;
	else if (rnp_key_is_retired(key, &yes) == RNP_SUCCESS && yes)
		reason = 3;
	if (rnp_key_get_revocation_signature(key, &sig) == RNP_SUCCESS && sig != NULL) {
		if (rnp_signature_get_creation(sig, &created) != RNP_SUCCESS)
			created = 0;
		rnp_signature_handle_destroy(sig);
	}
	pa_key_fact_revoke(k, reason, (long long)created);
}

static int
push_key(struct pa_keyset *ks, rnp_ffi_t ffi, rnp_key_handle_t key)
{
	struct pa_key_fact *n, *k;
	rnp_key_handle_t p = primary_of(ffi, key);
	char *s = NULL;
	long long pe, se;
	size_t nuids = 0;

	if (p == NULL)
		return 0;
	if ((n = pa_reallocarray(ks->keys, ks->count + 1, sizeof(*n))) == NULL) {
		rnp_key_handle_destroy(p);
		return PA_ENOMEM;
	}
	ks->keys = n;
	k = &ks->keys[ks->count];
	memset(k, 0, sizeof(*k));
	if (rnp_key_get_fprint(key, &s) == RNP_SUCCESS)
		copy_str(k->fpr, sizeof(k->fpr), s);
	s = NULL;
	if (rnp_key_get_fprint(p, &s) == RNP_SUCCESS)
		copy_str(k->primary, sizeof(k->primary), s);
	pe = key_expiry(p);
	se = key_expiry(key);
	k->expires = pe == 0 ? se : se == 0 ? pe : pe < se ? pe : se;
	if (key_revoked(p))
		revoke_fact(k, p);
	if (key != p && key_revoked(key))
		revoke_fact(k, key);
	s = NULL;
	/* the first user id, as GnuPG lists it */
	if (rnp_key_get_uid_count(p, &nuids) == RNP_SUCCESS && nuids > 0 &&
	    rnp_key_get_uid_at(p, 0, &s) == RNP_SUCCESS && s != NULL) {
		k->uid = pa_strdup(s);
		rnp_buffer_destroy(s);
		if (k->uid == NULL) {
			rnp_key_handle_destroy(p);
			return PA_ENOMEM;
		}
	}
	rnp_key_handle_destroy(p);
	if (k->fpr[0] != '\0' && k->primary[0] != '\0')
		ks->count++;
	else
		free(k->uid);
	return 0;
}

int
pa_rnp_keys(struct pa_keyset *out, struct pa_rnp *r)
{
	rnp_identifier_iterator_t it = NULL;
	rnp_key_handle_t key;
	const char *fp;
	int error = 0;

	memset(out, 0, sizeof(*out));
	if (rnp_identifier_iterator_create(r->ffi, &it, "fingerprint") != RNP_SUCCESS)
		return 0;
	while (error == 0 && rnp_identifier_iterator_next(it, &fp) == RNP_SUCCESS && fp != NULL) {
		key = NULL;
		if (rnp_locate_key(r->ffi, "fingerprint", fp, &key) != RNP_SUCCESS || key == NULL)
			continue;
		error = push_key(out, r->ffi, key);
		rnp_key_handle_destroy(key);
	}
	rnp_identifier_iterator_destroy(it);
	if (error < 0)
		pa_keyset_dispose(out);
	return error;
}

/* Run one detached verification; *op to destroy by the caller. */
static rnp_result_t
verify_op(rnp_op_verify_t *op, rnp_ffi_t ffi, const char *sig, size_t siglen,
    const char *data, size_t datalen, size_t *n)
{
	rnp_input_t din = NULL, sin = NULL;
	rnp_result_t rc;

	*op = NULL;
	*n = 0;
	if ((rc = rnp_input_from_memory(&din, (const uint8_t *)data, datalen, false)) != RNP_SUCCESS ||
	    (rc = rnp_input_from_memory(&sin, (const uint8_t *)sig, siglen, false)) != RNP_SUCCESS ||
	    (rc = rnp_op_verify_detached_create(op, ffi, din, sin)) != RNP_SUCCESS)
		goto done;
	rc = rnp_op_verify_execute(*op);
	if (rnp_op_verify_get_signature_count(*op, n) != RNP_SUCCESS)
		*n = 0;
done:
	/* the operation keeps no reference to its inputs once executed */
	rnp_input_destroy(din);
	rnp_input_destroy(sin);
	return rc;
}

/* Does the i-th signature hold mathematically with the revocations set aside? */
static bool
holds_without_revocations(struct pa_rnp *r, size_t i, const char *sig, size_t siglen,
    const char *data, size_t datalen)
{
	rnp_op_verify_t op = NULL;
	rnp_op_verify_signature_t s = NULL;
	rnp_result_t st;
	size_t n;

	if (make_bare(r) < 0) {
		pa_error_clear();
		return false;
	}
	verify_op(&op, r->bare, sig, siglen, data, datalen, &n);
	st = i < n && rnp_op_verify_get_signature_at(op, i, &s) == RNP_SUCCESS ?
	    rnp_op_verify_signature_get_status(s) : RNP_ERROR_SIGNATURE_INVALID;
	if (op != NULL)
		rnp_op_verify_destroy(op);
	return st == RNP_SUCCESS || st == RNP_ERROR_SIGNATURE_EXPIRED;
}

static void
fact_of(struct pa_sig_fact *f, struct pa_rnp *r, rnp_op_verify_signature_t s, size_t i,
    const char *sig, size_t siglen, const char *data, size_t datalen)
{
	rnp_signature_handle_t h = NULL;
	rnp_key_handle_t key = NULL;
	rnp_result_t st = rnp_op_verify_signature_get_status(s);
	uint32_t created = 0, expires = 0;
	char *fp = NULL;

	rnp_op_verify_signature_get_times(s, &created, &expires);
	f->created = created;
	f->expires = expires != 0 ? (long long)created + expires : 0;
	if (rnp_op_verify_signature_get_key(s, &key) != RNP_SUCCESS)
		key = NULL;
	if (key != NULL && rnp_key_get_fprint(key, &fp) == RNP_SUCCESS) {
		copy_str(f->fpr, sizeof(f->fpr), fp);
	} else if (rnp_op_verify_signature_get_handle(s, &h) == RNP_SUCCESS && h != NULL) {
		/* no key: the issuer's fingerprint when the signature names it, else its key id */
		if (rnp_signature_get_key_fprint(h, &fp) != RNP_SUCCESS || fp == NULL ||
		    fp[0] == '\0') {
			rnp_buffer_destroy(fp);
			if (rnp_signature_get_keyid(h, &fp) != RNP_SUCCESS)
				fp = NULL;
		}
		copy_str(f->fpr, sizeof(f->fpr), fp);
		rnp_signature_handle_destroy(h);
	}
	switch (st) {
	case RNP_SUCCESS:
	case RNP_ERROR_SIGNATURE_EXPIRED:	/* expiry and revocation are judged at the as-of date */
		f->outcome = PA_SIG_OUTCOME_VALID;
		break;
	case RNP_ERROR_KEY_NOT_FOUND:
		f->outcome = PA_SIG_OUTCOME_NO_KEY;
		break;
	case RNP_ERROR_SIGNATURE_INVALID:
		/*
		 * librnp does not check a signature whose key was revoked or had
		 * expired when it was made; the first is checked without the
		 * revocations, the second is judged expired-key whatever its
		 * mathematics (pactaudit-trust(7)).
		 */
		f->outcome = PA_SIG_OUTCOME_BAD;
		if (key != NULL && key_refuses(r->ffi, key, f->created) &&
		    holds_without_revocations(r, i, sig, siglen, data, datalen))
			f->outcome = PA_SIG_OUTCOME_VALID;
		break;
	default:
		f->outcome = PA_SIG_OUTCOME_ERROR;
		snprintf(f->note, sizeof(f->note), "%s", rnp_result_to_string(st));
		break;
	}
	if (f->outcome == PA_SIG_OUTCOME_BAD) {
		/* the time is inside what failed to verify: not a fact (GnuPG does not give it) */
		f->created = 0;
		f->expires = 0;
	}
	if (key != NULL)
		rnp_key_handle_destroy(key);
}

int
pa_rnp_verify(struct pa_sig_fact **out, size_t *count, struct pa_rnp *r,
    const char *sig, size_t siglen, const char *data, size_t datalen)
{
	rnp_op_verify_t op = NULL;
	rnp_op_verify_signature_t s;
	struct pa_sig_fact *f;
	rnp_result_t rc;
	size_t n, i;

	*out = NULL;
	*count = 0;
	rc = verify_op(&op, r->ffi, sig, siglen, data, datalen, &n);
	if ((f = pa_calloc(n > 0 ? n : 1, sizeof(*f))) == NULL) {
		if (op != NULL)
			rnp_op_verify_destroy(op);
		return PA_ENOMEM;
	}
	if (n == 0) {
		/* nothing that parses as a signature: as GnuPG's "no signature found" */
		f[0].outcome = PA_SIG_OUTCOME_NONE;
		if (rc != RNP_SUCCESS && rc != RNP_ERROR_BAD_FORMAT && rc != RNP_ERROR_NOT_SUPPORTED &&
		    rc != RNP_ERROR_SIGNATURE_INVALID && rc != RNP_ERROR_READ &&
		    rc != RNP_ERROR_EOF) {
			f[0].outcome = PA_SIG_OUTCOME_ERROR;
			snprintf(f[0].note, sizeof(f[0].note), "%s", rnp_result_to_string(rc));
		}
		n = 1;
	} else {
		for (i = 0; i < n; i++) {
			if (rnp_op_verify_get_signature_at(op, i, &s) != RNP_SUCCESS) {
				f[i].outcome = PA_SIG_OUTCOME_ERROR;
				snprintf(f[i].note, sizeof(f[i].note), "unreadable signature");
				continue;
			}
			fact_of(&f[i], r, s, i, sig, siglen, data, datalen);
		}
	}
	if (op != NULL)
		rnp_op_verify_destroy(op);
	*out = f;
	*count = n;
	return 0;
}
