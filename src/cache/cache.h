/* SPDX-License-Identifier: GPL-3.0-or-later */
/* On-disk caches under $XDG_CACHE_HOME/pactaudit: one file per key, written atomically. */
#ifndef PA_CACHE_CACHE_H
#define PA_CACHE_CACHE_H

#include <stddef.h>

#include "util/buf.h"

/*
 * A cache folder for one kind of entry ("sig" for verification facts):
 * $XDG_CACHE_HOME/pactaudit/<kind>, else $HOME/.cache/pactaudit/<kind>.
 * Keys are any text (what was verified, with everything the answer
 * depends on); the file name is the key's SHA-256.  Each entry is written
 * with pa_file_write_atomic() (no fsync: a lost entry is only a miss) and
 * starts with a record (util/record.h) holding the digest of its key and
 * an HMAC-SHA-256 of key and content under a per-user secret
 * (<root>/secret, 0600, made on the first put), so concurrent runs never
 * see half an entry, and a damaged entry, one copied from another key, one
 * an older version wrote, or one written by anyone without the secret
 * reads as a miss.
 *
 * The folders (pactaudit/, <kind>/, the fan-out folders) must be real
 * folders owned by the user and writable by nobody else; otherwise the
 * cache is not used at all (every get a miss, every put a no-op) and a
 * warning is kept for pa_cache_take_warning().
 */
struct pa_cache;

/* Nothing is created until the first put.  Never fails for a missing folder. */
int pa_cache_open(struct pa_cache **out, const char *kind);
/* The folder, or NULL when no cache location is known (no HOME). */
const char *pa_cache_dir(const struct pa_cache *c);
/* Append the entry for key to out; PA_ENOTFOUND on a miss (or a damaged entry). */
int pa_cache_get(struct pa_buf *out, struct pa_cache *c, const char *key);
/* Store an entry (replacing any).  Errors are returned but callers may ignore them. */
int pa_cache_put(struct pa_cache *c, const char *key, const char *data, size_t len);
void pa_cache_free(struct pa_cache *c);

/*
 * The framing of one entry without the folder: what pa_cache_put() writes
 * and pa_cache_get() checks (the header record binding the data to the
 * key's SHA-256 and its HMAC under secret, PA_CACHE_SECRET_LEN bytes).
 * encode appends the entry to out (0 or PA_ENOMEM); decode appends its
 * data, or is PA_ENOTFOUND for bytes that are not an entry of key under
 * secret (nothing appended).
 */
#define PA_CACHE_SECRET_LEN 32
int pa_cache_entry_encode(struct pa_buf *out, const unsigned char *secret, const char *key,
    const char *data, size_t len);
int pa_cache_entry_decode(struct pa_buf *out, const unsigned char *secret, const char *key,
    const char *raw, size_t size);

/*
 * Why a cache folder was refused, the first time one was in this process;
 * returned once (then NULL), for the program to print one warning.
 */
const char *pa_cache_take_warning(void);

#endif
