/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libgit2 initialisation: no system/global/XDG config, no hooks. */
#include "config.h"

#include "dossier/dossier.h"

#include <git2.h>

#include "util/error.h"

int
pa_dossier_global_init(void)
{
	const git_error *e;

	if (git_libgit2_init() < 0) {
		e = git_error_last();
		return pa_error_set(PA_ERRCLASS_GIT, "cannot initialise libgit2: %s",
		    e && e->message ? e->message : "unknown error");
	}
	/* Never read the user's or the system's git configuration for a dossier. */
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_PROGRAMDATA, "");
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
	return 0;
}

void
pa_dossier_global_cleanup(void)
{
	git_libgit2_shutdown();
}
