/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Named expressions of a pack (<define>) and the checks across packs and vocabularies. */
#ifndef PA_RULES_PACKLINT_H
#define PA_RULES_PACKLINT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"

struct pa_rulepack;

/* One <define name=>: its expression already expanded (no $name left). */
struct pa_define {
	const char *name;
	const char *expr;
	bool used;		/* set by pa_define_expand */
};

/*
 * Expand expr into out: every $name outside string literals becomes
 * "(expression)" of the define of that name.  A name no define has is a
 * problem: its message goes to msg and the return is -1 (PA_ENOMEM when
 * out runs out of memory); 0 otherwise.
 */
int pa_define_expand(struct pa_buf *out, const char *expr, struct pa_define *defs,
    size_t count, struct pa_buf *msg);

/*
 * The checks that need every pack and vocabulary loaded, each problem to
 * diag as "rules-invalid" at file:line: every use case (art5-, art50-,
 * annex1-, annex3- literal) and documentation kind (@kind = '...') a rule
 * names exists in rules/vocab, and every use case whose tier is above
 * minimal is classified by some rule.  Vocabularies the folder does not
 * have are not checked against.
 */
void pa_packlint_run(const struct pa_rulepack *pack, struct pa_diag *diag);

#endif
