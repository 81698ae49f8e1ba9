/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libgit2 initialisation (no system/global/XDG config, no hooks) and its errors. */
#include "config.h"

#include "dossier/dossier.h"

#include <stdio.h>

#include <git2.h>

#include "util/error.h"

int
pa_dossier_global_init(void)
{
	if (git_libgit2_init() < 0)
		return pa_dossier_git_error("cannot initialise libgit2");
	/* Never read the user's or the system's git configuration for a dossier. */
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_PROGRAMDATA, "");
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
	return 0;
}

int
pa_dossier_git_error(const char *fmt, ...)
{
	const git_error *e = git_error_last();
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return pa_error_set(PA_ERRCLASS_GIT, "%s: %s", what,
	    e != NULL && e->message != NULL ? e->message : "unknown libgit2 error");
}

void
pa_dossier_global_cleanup(void)
{
	git_libgit2_shutdown();
}
