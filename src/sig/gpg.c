/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GPGME: the only file that includes <gpgme.h>. */
#include "config.h"

#include "sig/gpg.h"

#include <gpgme.h>
#include <locale.h>

#include "util/error.h"

int
pa_gpg_global_init(void)
{
	gpgme_error_t err;

	if (gpgme_check_version("1.18.0") == NULL)
		return pa_error_set(PA_ERRCLASS_GPG, "GPGME 1.18 or newer is required");
	gpgme_set_locale(NULL, LC_CTYPE, setlocale(LC_CTYPE, NULL));
	err = gpgme_engine_check_version(GPGME_PROTOCOL_OpenPGP);
	if (err)
		return pa_error_set(PA_ERRCLASS_GPG, "GnuPG is not usable: %s",
		    gpgme_strerror(err));
	return 0;
}
