/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cache entries as files named by the key's SHA-256, validated on every read. */
#include "config.h"

#include "cache/cache.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/record.h"

#define SECRET_LEN PA_CACHE_SECRET_LEN
#define SECRET_NAME "secret"

struct pa_cache {
	char *dir;		/* NULL: no cache location, or refused */
	char *root;		/* $XDG_CACHE_HOME/pactaudit */
	bool made[256];		/* fan-out folders known to exist and be safe */
	int secret_state;	/* 0 not loaded, 1 loaded, -1 unusable */
	unsigned char secret[SECRET_LEN];
};

/* The first refusal of a cache folder, reported once per process. */
static pthread_mutex_t warning_lock = PTHREAD_MUTEX_INITIALIZER;
static char warning[600];
static bool warning_taken;

static void
warn(const char *what, const char *path, const char *why)
{
	pthread_mutex_lock(&warning_lock);
	if (warning[0] == '\0')
		snprintf(warning, sizeof(warning), "%s %s %s", what, path, why);
	pthread_mutex_unlock(&warning_lock);
}

const char *
pa_cache_take_warning(void)
{
	const char *w = NULL;

	pthread_mutex_lock(&warning_lock);
	if (warning[0] != '\0' && !warning_taken) {
		warning_taken = true;
		w = warning;
	}
	pthread_mutex_unlock(&warning_lock);
	return w;
}

/*
 * A folder of the cache is safe when it is a real folder (not a link)
 * owned by the user and writable by nobody else: on shared filesystems
 * another account must not be able to plant or swap entries.  A missing
 * folder is fine (it is created 0700).  False, with the warning set,
 * for an unsafe one.
 */
static bool
safe_dir(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT;
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022) != 0) {
		warn("the cache folder", path, "is not a folder of your own that only you "
		    "can write: it is not used (as with --no-cache)");
		return false;
	}
	return true;
}

/* HMAC-SHA-256 (RFC 2104) under the cache secret of key and data, as hex. */
static int
entry_mac(char hex[PA_DIGEST_HEXLEN + 1], const unsigned char *secret, const char *key,
    const char *data, size_t len)
{
	unsigned char pad[64];
	struct pa_digest d;
	char inner[PA_DIGEST_HEXLEN + 1];
	size_t i;
	int error;

	memset(pad, 0x36, sizeof(pad));
	for (i = 0; i < SECRET_LEN; i++)
		pad[i] ^= secret[i];
	if ((error = pa_digest_init(&d)) < 0)
		return error;
	pa_digest_update(&d, pad, sizeof(pad));
	pa_digest_update(&d, key, strlen(key) + 1);	/* with its NUL: key and data stay apart */
	pa_digest_update(&d, data, len);
	pa_digest_final(&d, inner);
	memset(pad, 0x5c, sizeof(pad));
	for (i = 0; i < SECRET_LEN; i++)
		pad[i] ^= secret[i];
	if ((error = pa_digest_init(&d)) < 0)
		return error;
	pa_digest_update(&d, pad, sizeof(pad));
	pa_digest_update(&d, inner, PA_DIGEST_HEXLEN);
	pa_digest_final(&d, hex);
	return 0;
}

/* Read the secret from fd: a regular file of ours, private, of the right size. */
static bool
read_secret(struct pa_cache *c, int fd)
{
	struct stat st;
	ssize_t k;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 077) != 0 || st.st_size != SECRET_LEN)
		return false;
	k = read(fd, c->secret, SECRET_LEN);
	return k == SECRET_LEN;
}

/*
 * The per-user secret that binds each entry to its key: <root>/secret,
 * made on the first put.  Without it nothing is read or written.
 */
static bool
load_secret(struct pa_cache *c, bool create)
{
	struct pa_buf path = PA_BUF_INIT;
	unsigned char buf[SECRET_LEN];
	size_t got = 0;
	ssize_t k;
	int fd = -1;
	bool ok = false, missing = false;

	if (c->secret_state != 0)
		return c->secret_state > 0;
	if (pa_buf_printf(&path, "%s/%s", c->root, SECRET_NAME) < 0)
		goto done;
	if ((fd = open(path.ptr, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) >= 0) {
		if (!(ok = read_secret(c, fd)))
			warn("the cache secret", path.ptr, "is not a private file of your own: "
			    "the cache is not used (as with --no-cache)");
		goto done;
	}
	if (errno != ENOENT)
		goto done;
	if (!create) {
		missing = true;
		goto done;
	}
	if (pa_file_mkdir_p(c->root) < 0 || !safe_dir(c->root))
		goto done;
	while (got < SECRET_LEN) {
		if ((k = getrandom(buf + got, SECRET_LEN - got, 0)) < 0) {
			if (errno == EINTR)
				continue;
			goto done;
		}
		got += (size_t)k;
	}
	fd = open(path.ptr, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST) {	/* another run made it first: use theirs */
			c->secret_state = 0;
			pa_buf_dispose(&path);
			return load_secret(c, false);
		}
		goto done;
	}
	if (write(fd, buf, SECRET_LEN) != SECRET_LEN) {
		close(fd);
		fd = -1;
		unlink(path.ptr);
		goto done;
	}
	memcpy(c->secret, buf, SECRET_LEN);
	ok = true;
done:
	if (fd >= 0)
		close(fd);
	pa_buf_dispose(&path);
	pa_error_clear();
	/* a missing secret on a read is only "nothing cached yet" */
	c->secret_state = ok ? 1 : missing ? 0 : -1;
	return ok;
}

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
		pa_buf_printf(&b, "%s/pactaudit", xdg);
	else if (home != NULL && home[0] == '/')
		pa_buf_printf(&b, "%s/.cache/pactaudit", home);
	if (b.size > 0) {
		if ((c->root = pa_buf_detach(&b)) == NULL) {
			pa_cache_free(c);
			return PA_ENOMEM;
		}
		pa_buf_printf(&b, "%s/%s", c->root, kind);
		if ((c->dir = pa_buf_detach(&b)) == NULL) {
			pa_cache_free(c);
			return PA_ENOMEM;
		}
		/* an unsafe folder: no cache at all (one warning for the run) */
		if (!safe_dir(c->root) || !safe_dir(c->dir)) {
			free(c->dir);
			c->dir = NULL;
		}
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
 *	{"pactaudit":"cache-entry","version":3,"data":{"key":K,"hmac":M,"length":N}}
 * K is the key's SHA-256 (the file name, bound into the entry so a file
 * moved under another name is a miss), M the HMAC-SHA-256 of key and data
 * under the user's cache secret (a planted or swapped entry is a miss).
 */
#define ENTRY_KIND "cache-entry"
#define ENTRY_VERSION 3

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
pa_cache_entry_decode(struct pa_buf *out, const unsigned char *secret, const char *key,
    const char *raw, size_t size)
{
	char keyhex[PA_DIGEST_HEXLEN + 1], datahex[PA_DIGEST_HEXLEN + 1];
	const char *k, *d;
	json_t *head = NULL;
	json_int_t len;
	size_t used;
	int error = PA_ENOTFOUND;

	if ((error = pa_digest_sha256(keyhex, key, strlen(key))) < 0)
		return error;
	error = PA_ENOTFOUND;
	if (pa_record_decode_prefix(&head, &used, ENTRY_KIND, ENTRY_VERSION, raw, size) < 0 ||
	    json_unpack_ex(head, NULL, JSON_STRICT, "{s:s, s:s, s:I}", "key", &k,
	    "hmac", &d, "length", &len) < 0)
		goto done;
	/* bound to this key under this user's secret: a planted or swapped entry is a miss */
	if (strcmp(k, keyhex) != 0 || len < 0 || (size_t)len != size - used ||
	    entry_mac(datahex, secret, key, raw + used, size - used) < 0 ||
	    strcmp(datahex, d) != 0)
		goto done;
	error = pa_buf_put(out, raw + used, size - used);
done:
	json_decref(head);
	return error;
}

int
pa_cache_entry_encode(struct pa_buf *out, const unsigned char *secret, const char *key,
    const char *data, size_t len)
{
	char keyhex[PA_DIGEST_HEXLEN + 1], datahex[PA_DIGEST_HEXLEN + 1];
	int error;

	if ((error = pa_digest_sha256(keyhex, key, strlen(key))) < 0 ||
	    (error = entry_mac(datahex, secret, key, data, len)) < 0 ||
	    (error = pa_record_encode(out, ENTRY_KIND, ENTRY_VERSION,
	    json_pack("{s:s, s:s, s:I}", "key", keyhex, "hmac", datahex, "length",
	    (json_int_t)len))) < 0)
		return error;
	pa_buf_putc(out, '\n');
	pa_buf_put(out, data, len);
	return pa_buf_oom(out) ? pa_error_oom() : 0;
}

int
pa_cache_get(struct pa_buf *out, struct pa_cache *c, const char *key)
{
	struct pa_buf path = PA_BUF_INIT, raw = PA_BUF_INIT;
	char keyhex[PA_DIGEST_HEXLEN + 1];
	int error = PA_ENOTFOUND;

	if (c == NULL || c->dir == NULL || !load_secret(c, false))
		return PA_ENOTFOUND;
	if (entry_path(&path, keyhex, c, key) < 0) {
		error = pa_buf_oom(&path) ? PA_ENOMEM : PA_ERROR;
		goto done;
	}
	if (!c->made[hexbyte(keyhex)]) {	/* the fan-out folder must be safe too */
		char *slash = strrchr(path.ptr, '/');
		bool ok;

		*slash = '\0';
		ok = safe_dir(path.ptr);
		*slash = '/';
		if (!ok) {
			free(c->dir);
			c->dir = NULL;
			goto done;
		}
	}
	if (pa_file_read(&raw, path.ptr, PA_LIMIT_CACHE_ENTRY + 512, 1) < 0)
		goto done;
	error = pa_cache_entry_decode(out, c->secret, key, raw.ptr, raw.size);
done:
	if (error == PA_ENOTFOUND)
		pa_error_clear();
	pa_buf_dispose(&raw);
	pa_buf_dispose(&path);
	return error;
}

int
pa_cache_put(struct pa_cache *c, const char *key, const char *data, size_t len)
{
	struct pa_buf path = PA_BUF_INIT, raw = PA_BUF_INIT;
	char keyhex[PA_DIGEST_HEXLEN + 1];
	int error, fan;

	if (c == NULL || c->dir == NULL || len > PA_LIMIT_CACHE_ENTRY || !load_secret(c, true))
		return 0;
	if ((error = entry_path(&path, keyhex, c, key)) < 0)
		goto done;
	fan = hexbyte(keyhex);
	if (!c->made[fan]) {
		/* the fan-out folder: path up to its last '/' */
		char *slash = strrchr(path.ptr, '/');

		*slash = '\0';
		error = pa_file_mkdir_p(path.ptr);
		if (error == 0 && (!safe_dir(c->dir) || !safe_dir(path.ptr))) {
			*slash = '/';
			free(c->dir);
			c->dir = NULL;
			goto done;
		}
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
	if ((error = pa_cache_entry_encode(&raw, c->secret, key, data, len)) < 0)
		goto done;
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
	memset(c->secret, 0, sizeof(c->secret));
	free(c->dir);
	free(c->root);
	free(c);
}
