/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Versioned JSON records: the envelope, and strings that need not be UTF-8. */
#include "config.h"

#include "util/record.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/text.h"

#define RECORD_TAG "pactaudit"

static int
dump_cb(const char *buffer, size_t size, void *payload)
{
	return pa_buf_put(payload, buffer, size) < 0 ? -1 : 0;
}

int
pa_record_encode(struct pa_buf *out, const char *kind, int version, json_t *data)
{
	json_t *rec;
	int error = 0;

	if (data == NULL)
		return pa_error_oom();
	/* "o" steals data, also when json_pack fails */
	rec = json_pack("{s:s, s:i, s:o}", RECORD_TAG, kind, "version", version, "data", data);
	if (rec == NULL ||
	    json_dump_callback(rec, dump_cb, out, JSON_COMPACT | JSON_PRESERVE_ORDER) < 0 ||
	    pa_buf_oom(out))
		error = pa_error_oom();
	json_decref(rec);
	return error;
}

static int
unwrap(json_t **data, json_t *rec, const char *kind, int version)
{
	const char *k;
	json_int_t v;
	json_t *body;

	if (rec == NULL ||
	    json_unpack_ex(rec, NULL, JSON_STRICT, "{s:s, s:I, s:o}", RECORD_TAG, &k,
	    "version", &v, "data", &body) < 0 ||
	    strcmp(k, kind) != 0 || v != version)
		return PA_ENOTFOUND;
	*data = json_incref(body);
	return 0;
}

int
pa_record_decode(json_t **data, const char *kind, int version, const char *text, size_t len)
{
	json_t *rec;
	int error;

	*data = NULL;
	rec = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	error = unwrap(data, rec, kind, version);
	json_decref(rec);
	return error;
}

int
pa_record_decode_prefix(json_t **data, size_t *used, const char *kind, int version,
    const char *text, size_t len)
{
	json_error_t jerr;
	json_t *rec;
	size_t n;
	int error;

	*data = NULL;
	*used = 0;
	/* a record is an object: starts with '{', so no number can run on */
	if (len == 0 || text[0] != '{')
		return PA_ENOTFOUND;
	rec = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DISABLE_EOF_CHECK, &jerr);
	if ((error = unwrap(data, rec, kind, version)) == 0) {
		n = (size_t)jerr.position;
		if (n < len && text[n] == '\n')
			n++;
		*used = n;
	}
	json_decref(rec);
	return error;
}

json_t *
pa_record_bytes(const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	json_t *v;
	char *h;
	size_t i;

	if (s == NULL)
		return json_null();
	if (memchr(s, '\0', len) == NULL && pa_text_is_utf8(s, len))
		return json_stringn(s, len);
	if (len > (SIZE_MAX - 1) / 2 || (h = malloc(2 * len + 1)) == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		h[2 * i] = hex[(unsigned char)s[i] >> 4];
		h[2 * i + 1] = hex[(unsigned char)s[i] & 15];
	}
	h[2 * len] = '\0';
	v = json_pack("{s:s}", "hex", h);
	free(h);
	return v;
}

json_t *
pa_record_str(const char *s)
{
	return pa_record_bytes(s, s != NULL ? strlen(s) : 0);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int
pa_record_get_str(char **out, const json_t *v)
{
	const char *h;
	char *s;
	size_t n, i;
	int hi, lo;

	*out = NULL;
	if (json_is_null(v))
		return 0;
	if (json_is_string(v)) {
		n = json_string_length(v);
		if (memchr(json_string_value(v), '\0', n) != NULL)
			return PA_EINVALID;
		if ((s = malloc(n + 1)) == NULL)
			return pa_error_oom();
		memcpy(s, json_string_value(v), n + 1);
		*out = s;
		return 0;
	}
	if (json_unpack_ex((json_t *)v, NULL, JSON_STRICT, "{s:s}", "hex", &h) < 0 ||
	    (n = strlen(h)) % 2 != 0)
		return PA_EINVALID;
	if ((s = malloc(n / 2 + 1)) == NULL)
		return pa_error_oom();
	for (i = 0; i < n / 2; i++) {
		hi = hexval(h[2 * i]);
		lo = hexval(h[2 * i + 1]);
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
			free(s);
			return PA_EINVALID;
		}
		s[i] = (char)(hi << 4 | lo);
	}
	s[n / 2] = '\0';
	*out = s;
	return 0;
}

int
pa_record_get_strbuf(char *dst, size_t size, const json_t *v)
{
	char *s = NULL;
	size_t n;
	int error;

	if ((error = pa_record_get_str(&s, v)) < 0)
		return error;
	if (s == NULL || (n = strlen(s)) >= size) {
		free(s);
		return PA_EINVALID;
	}
	memcpy(dst, s, n + 1);
	free(s);
	return 0;
}
