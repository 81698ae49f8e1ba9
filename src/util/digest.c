/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SHA-256 through libgcrypt. */
#include "config.h"

#include "util/digest.h"

#include <gcrypt.h>
#include <stdio.h>

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

void
pa_digest_final(struct pa_digest *d, char hex[PA_DIGEST_HEXLEN + 1])
{
	gcry_md_hd_t h = (gcry_md_hd_t)d->ctx;
	const unsigned char *md = gcry_md_read(h, GCRY_MD_SHA256);
	int i;

	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	gcry_md_close(h);
	d->ctx = NULL;
}

int
pa_digest_sha256(char hex[PA_DIGEST_HEXLEN + 1], const void *data, size_t len)
{
	struct pa_digest d;
	int error;

	if ((error = pa_digest_init(&d)) < 0)
		return error;
	pa_digest_update(&d, data, len);
	pa_digest_final(&d, hex);
	return 0;
}
