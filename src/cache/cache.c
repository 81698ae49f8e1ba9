/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cache entries as files named by the key's SHA-256, validated on every read. */
#include "config.h"

#include "cache/cache.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"
#include "util/record.h"

#define CACHE_MAX (8u << 20)	/* bytes in one entry (a walk of 20,000 commits) */

struct pa_cache {
	char *dir;		/* NULL: no cache location */
	bool made[256];		/* fan-out folders known to exist */
};

int
pa_cache_open(struct pa_cache **out, const char *kind)
{
	struct pa_cache *c;
	struct pa_buf b = PA_BUF_INIT;
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	*out = NULL;
	if ((c = pa_calloc(1, sizeof(*c))) == NULL)
		return PA_ENOMEM;
	/* the XDG base directory specification ignores relative paths */
	if (xdg != NULL && xdg[0] == '/')
		pa_buf_printf(&b, "%s/pactaudit/%s", xdg, kind);
	else if (home != NULL && home[0] == '/')
		pa_buf_printf(&b, "%s/.cache/pactaudit/%s", home, kind);
	if (b.size > 0 && (c->dir = pa_buf_detach(&b)) == NULL) {
		free(c);
		return PA_ENOMEM;
	}
	pa_buf_dispose(&b);
	*out = c;
	return 0;
}

const char *
pa_cache_dir(const struct pa_cache *c)
{
	return c->dir;
}

static int
entry_path(struct pa_buf *path, char keyhex[PA_DIGEST_HEXLEN + 1], const struct pa_cache *c,
    const char *key)
{
	int error;

	if ((error = pa_digest_sha256(keyhex, key, strlen(key))) < 0)
		return error;
	return pa_buf_printf(path, "%s/%.2s/%s", c->dir, keyhex, keyhex + 2);
}

/*
 * An entry is a header record, a newline and the data:
 *	{"pactaudit":"cache-entry","version":2,"data":{"key":K,"sha256":D,"length":N}}
 * K is the key's SHA-256 (the file name, bound into the entry so a file
 * moved under another name is a miss), D the data's.
 */
#define ENTRY_KIND "cache-entry"
#define ENTRY_VERSION 2

int
pa_cache_get(struct pa_buf *out, struct pa_cache *c, const char *key)
{
	struct pa_buf path = PA_BUF_INIT, raw = PA_BUF_INIT;
	char keyhex[PA_DIGEST_HEXLEN + 1], datahex[PA_DIGEST_HEXLEN + 1];
	const char *k, *d;
	json_t *head = NULL;
	json_int_t len;
	size_t used;
	int error = PA_ENOTFOUND;

	if (c == NULL || c->dir == NULL)
		return PA_ENOTFOUND;
	if (entry_path(&path, keyhex, c, key) < 0) {
		error = pa_buf_oom(&path) ? PA_ENOMEM : PA_ERROR;
		goto done;
	}
	if (pa_file_read(&raw, path.ptr, CACHE_MAX + 512, 1) < 0 ||
	    pa_record_decode_prefix(&head, &used, ENTRY_KIND, ENTRY_VERSION, raw.ptr,
	    raw.size) < 0 ||
	    json_unpack_ex(head, NULL, JSON_STRICT, "{s:s, s:s, s:I}", "key", &k,
	    "sha256", &d, "length", &len) < 0)
		goto done;
	if (strcmp(k, keyhex) != 0 || len < 0 || (size_t)len != raw.size - used ||
	    pa_digest_sha256(datahex, raw.ptr + used, raw.size - used) < 0 ||
	    strcmp(datahex, d) != 0)
		goto done;
	error = pa_buf_put(out, raw.ptr + used, raw.size - used);
done:
	if (error == PA_ENOTFOUND)
		pa_error_clear();
	json_decref(head);
	pa_buf_dispose(&raw);
	pa_buf_dispose(&path);
	return error;
}

static int
hexbyte(const char *s)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 2; i++) {
		char ch = s[i];

		v <<= 4;
		if (ch >= '0' && ch <= '9')
			v |= (unsigned)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			v |= (unsigned)(ch - 'a' + 10);
	}
	return (int)v;
}

int
pa_cache_put(struct pa_cache *c, const char *key, const char *data, size_t len)
{
	struct pa_buf path = PA_BUF_INIT, raw = PA_BUF_INIT;
	char keyhex[PA_DIGEST_HEXLEN + 1], datahex[PA_DIGEST_HEXLEN + 1];
	int error, fan;

	if (c == NULL || c->dir == NULL || len > CACHE_MAX)
		return 0;
	if ((error = entry_path(&path, keyhex, c, key)) < 0 ||
	    (error = pa_digest_sha256(datahex, data, len)) < 0)
		goto done;
	fan = hexbyte(keyhex);
	if (!c->made[fan]) {
		/* the fan-out folder: path up to its last '/' */
		char *slash = strrchr(path.ptr, '/');

		*slash = '\0';
		error = pa_file_mkdir_p(path.ptr);
		*slash = '/';
		if (error < 0)
			goto done;
		c->made[fan] = true;
	}
	/*
	 * Not synced: an entry lost in a crash is only a miss, a torn one fails
	 * its digest and is a miss too, and one fsync per entry made a cold
	 * check of 2,000 commits seconds slower.  The rename still means a
	 * reader sees the old entry or the new one, never half of either.
	 */
	if ((error = pa_record_encode(&raw, ENTRY_KIND, ENTRY_VERSION,
	    json_pack("{s:s, s:s, s:I}", "key", keyhex, "sha256", datahex, "length",
	    (json_int_t)len))) < 0)
		goto done;
	pa_buf_putc(&raw, '\n');
	pa_buf_put(&raw, data, len);
	if (pa_buf_oom(&raw)) {
		error = pa_error_oom();
		goto done;
	}
	error = pa_file_write_atomic(path.ptr, raw.ptr, raw.size, PA_FILE_NOSYNC);
done:
	pa_buf_dispose(&raw);
	pa_buf_dispose(&path);
	return error;
}

void
pa_cache_free(struct pa_cache *c)
{
	if (c == NULL)
		return;
	free(c->dir);
	free(c);
}
