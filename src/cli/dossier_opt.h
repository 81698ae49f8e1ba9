/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The options every command that reads a dossier shares (check, evidence, pact verify). */
#ifndef PA_CLI_DOSSIER_OPT_H
#define PA_CLI_DOSSIER_OPT_H

#include <stdbool.h>

#include "cli/cmd.h"
#include "dossier/dossier.h"
#include "sig/sig.h"

/* Option ids from 0x100 on belong to the shared options; commands use smaller ones. */
enum {
	PA_DOPT_REV = 0x100,
	PA_DOPT_WORKTREE,
	PA_DOPT_PATH,
	PA_DOPT_KEYRING,
	PA_DOPT_REGISTRY,
	PA_DOPT_NO_CACHE,
	PA_DOPT_VERIFIER
};

/*
 * The shared entries of an option table; `prefix` is a string literal put
 * before each help sentence ("" or "verify: ").
 */
#define PA_DOSSIER_OPTS(prefix)						\
	{ .name = "rev", .arg = "REV", .id = PA_DOPT_REV,		\
	  .help = prefix "the revision to read, a commit or tag (default HEAD)" }, \
	{ .name = "worktree", .id = PA_DOPT_WORKTREE,			\
	  .help = prefix "read the working files instead of a commit (self-assessment)" }, \
	{ .name = "path", .arg = "DIR", .id = PA_DOPT_PATH,		\
	  .help = prefix "the dossier is this folder of the repository" }, \
	{ .name = "keyring", .arg = "FILE", .id = PA_DOPT_KEYRING,	\
	  .help = prefix "the auditor's public keys (OpenPGP)" },	\
	{ .name = "registry", .arg = "FILE", .id = PA_DOPT_REGISTRY,	\
	  .help = prefix "take the trust root and pinned keys from the auditor's registry" }, \
	{ .name = "no-cache", .id = PA_DOPT_NO_CACHE,			\
	  .help = prefix "verify every signature again; neither read nor write the cache" }, \
	{ .name = "verifier", .arg = "NAME", .id = PA_DOPT_VERIFIER,	\
	  .help = prefix "check signatures with rnp (librnp, in-process; default) or gpgme (GnuPG)" }

/* If id is a shared option, record arg in d or s and return true. */
bool pa_cli_dossier_opt(struct pa_dossier_opts *d, struct pa_sig_opts *s, int id,
    const char *arg);
/* After parsing: false (usage error printed) if the options contradict each other. */
bool pa_cli_dossier_opts_ok(const struct pa_cmd *cmd, const struct pa_dossier_opts *d);

#endif
