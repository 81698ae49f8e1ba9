/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where rules/, reports/ and schemas live: $PACTAUDIT_DATADIR, else the installed PKGDATADIR. */
#ifndef PA_UTIL_DATADIR_H
#define PA_UTIL_DATADIR_H

#include "util/buf.h"

/* The data directory (borrowed, process lifetime). */
const char *pa_datadir(void);
/* Append "<datadir>/<rel>" to out. */
int pa_datadir_path(struct pa_buf *out, const char *rel);

#endif
