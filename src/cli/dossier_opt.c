/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared dossier options: one table fragment, one handler. */
#include "config.h"

#include "cli/dossier_opt.h"

bool
pa_cli_dossier_opt(struct pa_dossier_opts *d, struct pa_sig_opts *s, int id,
    const char *arg)
{
	switch (id) {
	case PA_DOPT_REV:
		d->rev = arg;
		return true;
	case PA_DOPT_WORKTREE:
		d->worktree = true;
		return true;
	case PA_DOPT_PATH:
		d->subdir = arg;
		return true;
	case PA_DOPT_KEYRING:
		s->keyring = arg;
		return true;
	case PA_DOPT_REGISTRY:
		s->registry = arg;
		return true;
	case PA_DOPT_NO_CACHE:
		s->no_cache = true;
		return true;
	case PA_DOPT_VERIFIER:
		/* an unknown name is refused by pa_sig_check() (exit 2) */
		if (!pa_sig_verifier_parse(&s->verifier, arg))
			s->verifier = PA_SIG_VERIFIER_UNKNOWN;
		return true;
	default:
		return false;
	}
}

bool
pa_cli_dossier_opts_ok(const struct pa_cmd *cmd, const struct pa_dossier_opts *d)
{
	if (d->rev != NULL && d->worktree) {
		pa_opt_usage_error(cmd, "--rev and --worktree cannot be used together");
		return false;
	}
	return true;
}
