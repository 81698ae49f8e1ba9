/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Key and signature facts: lookup and the text encoding kept in the verification cache. */
#include "config.h"

#include "sig/facts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/text.h"

#define MAX_FACTS 64	/* signatures kept per verified object */

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

/* Decode field [s, s+n) into out (NUL-terminated, at most size-1 bytes); false if malformed. */
static bool
get_field(char *out, size_t size, const char *s, size_t n)
{
	struct pa_buf b = PA_BUF_INIT;
	bool ok;

	ok = pa_text_field_decode(&b, s, n) == 0 && b.size < size;
	if (ok)
		memcpy(out, b.ptr, b.size + 1);
	pa_buf_dispose(&b);
	return ok;
}

static bool
get_ll(long long *out, const char *s, size_t n)
{
	char tmp[32], *end;

	if (n == 0 || n >= sizeof(tmp))
		return false;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	*out = strtoll(tmp, &end, 10);
	return errno == 0 && *end == '\0';
}

/* Split one line into at most max space-separated fields; returns the count. */
static size_t
split(const char *line, size_t len, const char **f, size_t *fl, size_t max)
{
	size_t n = 0, i = 0, start;

	while (i < len && n < max) {
		start = i;
		while (i < len && line[i] != ' ')
			i++;
		f[n] = line + start;
		fl[n] = i - start;
		n++;
		if (i < len)
			i++;
	}
	return i < len ? max + 1 : n;
}

int
pa_sig_facts_encode(struct pa_buf *out, const struct pa_sig_fact *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		pa_buf_printf(out, "sig %d ", (int)f[i].outcome);
		pa_text_field_encode(out, f[i].fpr);
		pa_buf_printf(out, " %lld %lld ", f[i].created, f[i].expires);
		pa_text_field_encode(out, f[i].note);
		pa_buf_putc(out, '\n');
	}
	return pa_buf_oom(out) ? PA_ENOMEM : 0;
}

int
pa_sig_facts_decode(struct pa_sig_fact **out, size_t *n, const char *data, size_t len)
{
	struct pa_sig_fact *v = NULL, *nv;
	const char *p = data, *end = data + len, *eol, *f[6];
	size_t fl[6], count = 0;
	long long o;
	int error = 0;

	*out = NULL;
	*n = 0;
	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL ||
		    split(p, (size_t)(eol - p), f, fl, 6) != 6 ||
		    fl[0] != 3 || memcmp(f[0], "sig", 3) != 0 || count >= MAX_FACTS) {
			error = PA_EINVALID;
			goto done;
		}
		if ((nv = pa_reallocarray(v, count + 1, sizeof(*v))) == NULL) {
			error = PA_ENOMEM;
			goto done;
		}
		v = nv;
		memset(&v[count], 0, sizeof(v[count]));
		if (!get_ll(&o, f[1], fl[1]) || o < PA_SIG_OUTCOME_VALID || o > PA_SIG_OUTCOME_ERROR ||
		    !get_field(v[count].fpr, sizeof(v[count].fpr), f[2], fl[2]) ||
		    !get_ll(&v[count].created, f[3], fl[3]) ||
		    !get_ll(&v[count].expires, f[4], fl[4]) ||
		    !get_field(v[count].note, sizeof(v[count].note), f[5], fl[5])) {
			error = PA_EINVALID;
			goto done;
		}
		v[count].outcome = (enum pa_sig_outcome)o;
		count++;
		p = eol + 1;
	}
	if (count == 0)
		error = PA_EINVALID;
done:
	if (error < 0) {
		free(v);
		return error;
	}
	*out = v;
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
pa_keyset_encode(struct pa_buf *out, const struct pa_keyset *ks)
{
	size_t i;

	pa_buf_printf(out, "keys %zu\n", ks->count);
	for (i = 0; i < ks->count; i++) {
		const struct pa_key_fact *k = &ks->keys[i];

		pa_buf_puts(out, "key ");
		pa_text_field_encode(out, k->fpr);
		pa_buf_putc(out, ' ');
		pa_text_field_encode(out, k->primary);
		/* 0 not revoked, 1 hard, t > 1 superseded at t, -t retired at t */
		pa_buf_printf(out, " %lld %lld ", k->expires, !k->revoked ? 0LL :
		    k->revocation == PA_REVOCATION_SUPERSEDED && k->revoked_at > 1 ? k->revoked_at :
		    k->revocation == PA_REVOCATION_RETIRED && k->revoked_at > 1 ? -k->revoked_at :
		    1LL);
		pa_text_field_encode(out, k->uid);
		pa_buf_putc(out, '\n');
	}
	return pa_buf_oom(out) ? PA_ENOMEM : 0;
}

int
pa_keyset_decode(struct pa_keyset *out, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *eol, *f[6];
	size_t fl[6], want, i = 0;
	long long v;
	char *uid = NULL;
	int error = 0;

	memset(out, 0, sizeof(*out));
	if ((eol = memchr(p, '\n', len)) == NULL ||
	    split(p, (size_t)(eol - p), f, fl, 2) != 2 || fl[0] != 4 ||
	    memcmp(f[0], "keys", 4) != 0 || !get_ll(&v, f[1], fl[1]) || v < 0 || v > 100000)
		return PA_EINVALID;
	want = (size_t)v;
	p = eol + 1;
	if (want > 0 && (out->keys = pa_calloc(want, sizeof(*out->keys))) == NULL)
		return PA_ENOMEM;
	for (i = 0; i < want; i++) {
		struct pa_key_fact *k = &out->keys[i];

		if (p >= end || (eol = memchr(p, '\n', (size_t)(end - p))) == NULL ||
		    split(p, (size_t)(eol - p), f, fl, 6) != 6 || fl[0] != 3 ||
		    memcmp(f[0], "key", 3) != 0) {
			error = PA_EINVALID;
			goto done;
		}
		if ((uid = pa_malloc(fl[5] + 1)) == NULL) {
			error = PA_ENOMEM;
			goto done;
		}
		if (!get_field(k->fpr, sizeof(k->fpr), f[1], fl[1]) ||
		    !get_field(k->primary, sizeof(k->primary), f[2], fl[2]) ||
		    !get_ll(&k->expires, f[3], fl[3]) || !get_ll(&v, f[4], fl[4]) ||
		    !get_field(uid, fl[5] + 1, f[5], fl[5])) {
			error = PA_EINVALID;
			goto done;
		}
		k->revoked = v != 0;
		k->revocation = v == 0 ? PA_REVOCATION_NONE : v == 1 || v == -1 ?
		    PA_REVOCATION_HARD : v > 1 ? PA_REVOCATION_SUPERSEDED : PA_REVOCATION_RETIRED;
		k->revoked_at = v > 1 ? v : v < -1 ? -v : 0;
		k->uid = uid;
		uid = NULL;
		out->count = i + 1;
		p = eol + 1;
	}
	if (p != end)
		error = PA_EINVALID;
done:
	free(uid);
	if (error < 0)
		pa_keyset_dispose(out);
	return error;
}
