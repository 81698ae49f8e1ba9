/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Locating the installed (or build-tree) data directory. */
#include "config.h"

#include "util/datadir.h"

#include <stdlib.h>

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/pactaudit"
#endif

const char *
pa_datadir(void)
{
	const char *d = getenv("PACTAUDIT_DATADIR");

	return (d != NULL && *d != '\0') ? d : PKGDATADIR;
}

int
pa_datadir_path(struct pa_buf *out, const char *rel)
{
	return pa_buf_printf(out, "%s/%s", pa_datadir(), rel);
}
