/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the commands that write the decision ledger share (decide, waive, review). */
#ifndef PA_CLI_LEDGER_OPT_H
#define PA_CLI_LEDGER_OPT_H

#include <stdbool.h>

#include "ledger/ledger.h"
#include "results/results.h"
#include "util/digest.h"

/* Open the ledger at dir, or at pa_ledger_default_dir() when dir is NULL. */
int pa_cli_ledger_open(struct pa_ledger **out, const char *dir, bool create);
/* The SHA-256 (hex) of the results document of res: what a decision was made on. */
int pa_cli_results_digest(char hex[PA_DIGEST_HEXLEN + 1], const struct pa_results *res);
/* Set the message that rule (with its legal reference, or NULL) cannot be waived; PA_EINVALID. */
int pa_cli_refuse_waiver(const char *rule, const char *ref);

#endif
