/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared inside results/ only: adding to a model without sanitising (the reader, pa_results_dup). */
#ifndef PA_RESULTS_INTERNAL_H
#define PA_RESULTS_INTERNAL_H

#include "results/results.h"

/*
 * Like the pa_results_add_* and pa_results_set functions, but strings are
 * copied as they are and a finding keeps the fingerprint it carries.
 * 0, or PA_ENOMEM with the message set.
 */
int pa_results__push_finding(struct pa_results *res, const struct pa_results_finding *f);
int pa_results__push_item(struct pa_vec *list, const char *id, const char *tier,
    const char *gpai);
int pa_results__push_signature(struct pa_results *res,
    const struct pa_results_signature *sig);
int pa_results__push_pack(struct pa_results *res, const char *id, const char *version);
int pa_results__set_raw(char **field, const char *value);

#endif
