/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SHA-256 digests (libgcrypt) for rule-pack, keyring and cache keys. */
#ifndef PA_UTIL_DIGEST_H
#define PA_UTIL_DIGEST_H

#include <stddef.h>

#define PA_DIGEST_HEXLEN 64

struct pa_digest {
	void *ctx;	/* gcry_md_hd_t */
};

/* Incremental SHA-256.  init returns 0 or PA_ERROR. */
int pa_digest_init(struct pa_digest *d);
void pa_digest_update(struct pa_digest *d, const void *data, size_t len);
/* Write 64 lowercase hex digits + NUL into hex[65]; releases the context. */
void pa_digest_final(struct pa_digest *d, char hex[PA_DIGEST_HEXLEN + 1]);
/* One-shot. */
int pa_digest_sha256(char hex[PA_DIGEST_HEXLEN + 1], const void *data, size_t len);
/* Must be called once before threads start (libgcrypt initialisation). */
void pa_digest_global_init(void);

#endif
