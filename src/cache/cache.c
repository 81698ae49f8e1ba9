/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cache entries as files named by the key's SHA-256, validated on every read. */
#include "config.h"

#include "cache/cache.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"

#define CACHE_MAGIC "pactaudit-cache 1 "
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

int
pa_cache_get(struct pa_buf *out, struct pa_cache *c, const char *key)
{
	struct pa_buf path = PA_BUF_INIT, raw = PA_BUF_INIT;
	char keyhex[PA_DIGEST_HEXLEN + 1], datahex[PA_DIGEST_HEXLEN + 1];
	const char *p, *nl;
	size_t hl = sizeof(CACHE_MAGIC) - 1, len;
	char *end;
	int error = PA_ENOTFOUND;

	if (c == NULL || c->dir == NULL)
		return PA_ENOTFOUND;
	if (entry_path(&path, keyhex, c, key) < 0) {
		error = pa_buf_oom(&path) ? PA_ENOMEM : PA_ERROR;
		goto done;
	}
	if (pa_file_read(&raw, path.ptr, CACHE_MAX + 256, 1) < 0)
		goto done;
	/* CACHE_MAGIC <key sha256> <data sha256> <length>\n<data> */
	p = raw.ptr;
	if (raw.size < hl + 2 * PA_DIGEST_HEXLEN + 4 || memcmp(p, CACHE_MAGIC, hl) != 0)
		goto done;
	p += hl;
	if (memcmp(p, keyhex, PA_DIGEST_HEXLEN) != 0 || p[PA_DIGEST_HEXLEN] != ' ')
		goto done;
	p += PA_DIGEST_HEXLEN + 1;
	if ((nl = memchr(p, '\n', raw.size - (size_t)(p - raw.ptr))) == NULL ||
	    p[PA_DIGEST_HEXLEN] != ' ')
		goto done;
	len = strtoul(p + PA_DIGEST_HEXLEN + 1, &end, 10);
	if (end != nl || len != raw.size - (size_t)(nl + 1 - raw.ptr))
		goto done;
	if (pa_digest_sha256(datahex, nl + 1, len) < 0 ||
	    memcmp(datahex, p, PA_DIGEST_HEXLEN) != 0)
		goto done;
	error = pa_buf_put(out, nl + 1, len);
done:
	if (error == PA_ENOTFOUND)
		pa_error_clear();
	pa_buf_dispose(&raw);
	pa_buf_dispose(&path);
	return error;
}

/*
 * Write an entry atomically: a unique temporary file in the same folder,
 * renamed into place, so a reader sees the old entry or the new one and
 * concurrent writers of the same key (who write the same facts) cannot
 * clash.  Unlike pa_file_write_atomic() there is no fsync: an entry lost
 * in a crash is only a miss, a torn one fails its digest and is a miss
 * too, and one fsync per entry made a cold check of 2,000 commits seconds
 * slower.
 */
static int
write_entry(const char *path, const char *data, size_t len)
{
	struct pa_buf tmp = PA_BUF_INIT;
	const char *slash = strrchr(path, '/');
	size_t off = 0;
	ssize_t k;
	int fd = -1, error = 0;

	pa_buf_put(&tmp, path, (size_t)(slash - path));
	pa_buf_puts(&tmp, "/.tmp-XXXXXX");
	if (pa_buf_oom(&tmp)) {
		error = PA_ENOMEM;
		goto done;
	}
	if ((fd = mkstemp(tmp.ptr)) < 0) {
		error = pa_error_from_os("cannot create a cache entry in", tmp.ptr);
		pa_buf_clear(&tmp);
		goto done;
	}
	while (off < len) {
		k = write(fd, data + off, len - off);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			error = pa_error_from_os("cannot write", tmp.ptr);
			goto done;
		}
		off += (size_t)k;
	}
	if (close(fd) < 0) {
		fd = -1;
		error = pa_error_from_os("cannot write", tmp.ptr);
		goto done;
	}
	fd = -1;
	if (rename(tmp.ptr, path) < 0)
		error = pa_error_from_os("cannot rename into place", path);
done:
	if (fd >= 0)
		close(fd);
	if (error < 0 && tmp.size > 0)
		unlink(tmp.ptr);
	pa_buf_dispose(&tmp);
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
	pa_buf_printf(&raw, "%s%s %s %zu\n", CACHE_MAGIC, keyhex, datahex, len);
	pa_buf_put(&raw, data, len);
	if (pa_buf_oom(&raw)) {
		error = PA_ENOMEM;
		goto done;
	}
	error = write_entry(path.ptr, raw.ptr, raw.size);
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
