/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: what is read back from the cache folder (entry framing, versioned JSON records, signature bundles). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cache/cache.h"
#include "sig/facts.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define KEY "sig\n0123456789abcdef0123456789abcdef01234567\nfuzz"
#define MAX_ENTRY (1u << 20)	/* larger inputs only slow the fuzzer down */

/* A fixed secret: the fuzzer must be repeatable. */
static void
fill_secret(unsigned char secret[PA_CACHE_SECRET_LEN], unsigned char seed)
{
	size_t i;

	for (i = 0; i < PA_CACHE_SECRET_LEN; i++)
		secret[i] = (unsigned char)(seed + 7 * i);
}

/* Entry framing: a refusal appends nothing; what is accepted frames again the same way. */
static void
fuzz_entry(const char *data, size_t size, const unsigned char *secret)
{
	struct pa_buf out = PA_BUF_INIT, again = PA_BUF_INIT, back = PA_BUF_INIT;
	unsigned char other[PA_CACHE_SECRET_LEN];
	int rc;

	rc = pa_cache_entry_decode(&out, secret, KEY, data, size);
	if (rc == PA_ENOTFOUND && out.size != 0)
		abort();
	if (rc == 0 &&
	    (out.size > size || (out.size > 0 && memcmp(out.ptr, data + size - out.size, out.size) != 0) ||
	    pa_cache_entry_encode(&again, secret, KEY, out.ptr, out.size) < 0 ||
	    pa_cache_entry_decode(&back, secret, KEY, again.ptr, again.size) != 0 ||
	    back.size != out.size || (out.size > 0 && memcmp(back.ptr, out.ptr, out.size) != 0)))
		abort();
	pa_buf_dispose(&out);
	pa_buf_dispose(&again);
	pa_buf_dispose(&back);

	/*
	 * The bytes as the data of an entry: it reads back exactly under the
	 * same key and secret, and is a miss under another key, another
	 * secret, or with its last byte changed.
	 */
	if (pa_cache_entry_encode(&again, secret, KEY, data, size) < 0 ||
	    pa_cache_entry_decode(&back, secret, KEY, again.ptr, again.size) != 0 ||
	    back.size != size || (size > 0 && memcmp(back.ptr, data, size) != 0))
		abort();
	pa_buf_clear(&back);
	fill_secret(other, 1);
	if (pa_cache_entry_decode(&back, secret, KEY "x", again.ptr, again.size) != PA_ENOTFOUND ||
	    pa_cache_entry_decode(&back, other, KEY, again.ptr, again.size) != PA_ENOTFOUND)
		abort();
	again.ptr[again.size - 1] ^= 1;
	if (pa_cache_entry_decode(&back, secret, KEY, again.ptr, again.size) != PA_ENOTFOUND)
		abort();
	pa_buf_dispose(&again);
	pa_buf_dispose(&back);
}

/* A record's body encodes to a record that decodes to an equal body. */
static void
roundtrip_record(const json_t *body, const char *kind, int version)
{
	struct pa_buf b = PA_BUF_INIT;
	json_t *again = NULL, *other = NULL;

	if (pa_record_encode(&b, kind, version, json_deep_copy(body)) < 0 ||
	    pa_record_decode(&again, kind, version, b.ptr, b.size) != 0 ||
	    !json_equal(again, body) ||
	    pa_record_decode(&other, kind, version + 1, b.ptr, b.size) != PA_ENOTFOUND ||
	    other != NULL)
		abort();
	json_decref(again);
	pa_buf_dispose(&b);
}

/* A string value (text or {"hex":...}) gives bytes that encode back to the same bytes. */
static void
roundtrip_str(const json_t *v)
{
	char *s = NULL, *t = NULL;
	json_t *w;

	if (pa_record_get_str(&s, v) != 0 || s == NULL)
		return;
	if ((w = pa_record_bytes(s, strlen(s))) == NULL || pa_record_get_str(&t, w) != 0 ||
	    t == NULL || strcmp(s, t) != 0)
		abort();
	json_decref(w);
	free(s);
	free(t);
}

/* The signature facts of one object, as a bundle entry holds them. */
static void
roundtrip_facts(const json_t *v)
{
	enum pa_history_sigformat ff, gf;
	struct pa_sig_fact *f = NULL, *g = NULL;
	size_t n = 0, m = 0;
	json_t *w;

	if (pa_sig_facts_from_json(&ff, &f, &n, v) == 0) {
		if ((w = pa_sig_facts_json(ff, f, n)) == NULL ||
		    pa_sig_facts_from_json(&gf, &g, &m, w) != 0 || gf != ff || m != n ||
		    memcmp(f, g, n * sizeof(*f)) != 0)
			abort();
		json_decref(w);
	}
	free(f);
	free(g);
}

/*
 * The same bytes go through every decoder of what the cache folder
 * holds: the entry header (pa_cache_entry_decode, the key and HMAC
 * binding), the record envelope (whole and as a prefix, for the kinds
 * the cache writes) and the signature bundle of factcache.c.  Each
 * either refuses the bytes or decodes them consistently: a round trip
 * gives the same value back.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		const char *kind;
		int version;
	} kinds[] = {
		{ "cache-entry", 3 }, { "sig-bundle", 1 }, { "sig-object", 1 }, { "sig-keys", 2 },
		{ "history", 2 },
	};
	unsigned char secret[PA_CACHE_SECRET_LEN];
	const char *text = (const char *)data;
	json_t *body;
	size_t used, i, k;

	if (size > MAX_ENTRY)
		return 0;
	fill_secret(secret, 0);
	fuzz_entry(text, size, secret);
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		if (pa_record_decode(&body, kinds[k].kind, kinds[k].version, text, size) == 0) {
			roundtrip_record(body, kinds[k].kind, kinds[k].version);
			roundtrip_str(body);
			if (json_is_object(body))
				roundtrip_facts(body);
			for (i = 0; i < json_array_size(body); i++)
				roundtrip_facts(json_array_get(body, i));
			json_decref(body);
		} else if (body != NULL) {
			abort();
		}
		if (pa_record_decode_prefix(&body, &used, kinds[k].kind, kinds[k].version, text,
		    size) == 0) {
			if (used == 0 || used > size)
				abort();
			roundtrip_record(body, kinds[k].kind, kinds[k].version);
			json_decref(body);
		} else if (body != NULL || used != 0) {
			abort();
		}
	}
	pa_error_clear();
	return 0;
}
