/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The classification pass's writes onto the evidence: defaults, ranking, <classification>. */
#ifndef PA_RULES_CLASSIFY_H
#define PA_RULES_CLASSIFY_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "rules/pack.h"

/*
 * Reset what classification writes: tier="minimal" on every
 * e:application/e:system, gpai="none" on every e:model and every system
 * with an e:training run; <classification> children found there before
 * (never written by a dossier) are removed.  0 or PA_ENOMEM.
 */
int pa_classify_reset(xmlNode *evidence_root);

/*
 * A classification rule matched node: raise node's attribute to the
 * rule's value when that ranks higher (tier: minimal < limited < high <
 * prohibited; gpai: none < gpai < systemic) and record
 * <classification rule= attribute= value= reason=/>.  *raised says
 * whether the value went up.  0 or PA_ENOMEM.
 */
int pa_classify_apply(xmlNode *node, const struct pa_rule *rule, const char *reason,
    bool *raised);

#endif
