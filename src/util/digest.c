/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SHA-256 through libgcrypt. */
#include "config.h"

#include "util/digest.h"

#include <gcrypt.h>

#include "util/error.h"

void
pa_digest_global_init(void)
{
	if (!gcry_control(GCRYCTL_INITIALIZATION_FINISHED_P)) {
		gcry_check_version(NULL);
		gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
		gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
	}
}

int
pa_digest_init(struct pa_digest *d)
{
	gcry_md_hd_t h;

	pa_digest_global_init();
	if (gcry_md_open(&h, GCRY_MD_SHA256, 0) != 0)
		return pa_error_set(PA_ERRCLASS_INTERNAL, "cannot start a SHA-256 digest");
	d->ctx = h;
	return 0;
}

void
pa_digest_update(struct pa_digest *d, const void *data, size_t len)
{
	gcry_md_write((gcry_md_hd_t)d->ctx, data, len);
}

/* Lowercase hex without snprintf: digests are hot in cache lookups. */
static void
to_hex(char hex[PA_DIGEST_HEXLEN + 1], const unsigned char *md)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[PA_DIGEST_HEXLEN] = '\0';
}

void
pa_digest_final(struct pa_digest *d, char hex[PA_DIGEST_HEXLEN + 1])
{
	gcry_md_hd_t h = (gcry_md_hd_t)d->ctx;

	to_hex(hex, gcry_md_read(h, GCRY_MD_SHA256));
	gcry_md_close(h);
	d->ctx = NULL;
}

int
pa_digest_sha256(char hex[PA_DIGEST_HEXLEN + 1], const void *data, size_t len)
{
	unsigned char md[32];

	pa_digest_global_init();
	gcry_md_hash_buffer(GCRY_MD_SHA256, md, data, len);
	to_hex(hex, md);
	return 0;
}
