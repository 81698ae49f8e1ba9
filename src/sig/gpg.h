/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GnuPG through GPGME, in a private home made for each run. */
#ifndef PA_SIG_GPG_H
#define PA_SIG_GPG_H

/* Initialise GPGME once (main(), before threads). */
int pa_gpg_global_init(void);

#endif
